//! Keys are data: one table ([`BINDINGS`]) says, for every context, which keys do what and how
//! the footer, the `?` help and the user guide describe them. The lookup, the footer and the
//! help are all read from it, so adding a key is one row plus its handler in `App::next`.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

mod custom;
mod table;

pub use table::BINDINGS;

/// Where the keys are going: the app's [`Mode`](super::mode::Mode) as far as keys care.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    /// The home screen with an empty search box.
    HomeEmpty,
    /// The home screen with text in the search box, so letters go to it.
    HomeTyping,
    /// A question.
    Question,
    /// An outcome.
    Outcome,
    /// A checklist: Space ticks items.
    Checklist,
    /// Choosing a new answer for an earlier question.
    Changing,
    /// Choosing a new answer for an earlier checklist.
    ChangingChecklist,
    /// Presentation mode, walking a tree step by step for a room.
    Present,
    /// The focus is on the trail of answers (to change one).
    Trail,
    /// The search pop-up.
    Search,
    /// The help pop-up.
    Help,
    /// The tree map.
    Map,
    /// Typing what to look for in the tree map.
    MapTyping,
    /// Writing the note of a decision record before it is saved.
    Note,
    /// "End the session?" in presentation mode.
    Quitting,
    /// The quiz for a room: a scenario's question.
    RoomWalk,
    /// The quiz for a room: the mark of a scenario.
    RoomMarked,
    /// The quiz for a room: the score, at the end.
    RoomDone,
}

impl Context {
    /// Every context.
    pub const ALL: [Context; 18] = [
        Context::HomeEmpty,
        Context::HomeTyping,
        Context::Question,
        Context::Outcome,
        Context::Checklist,
        Context::Changing,
        Context::ChangingChecklist,
        Context::Present,
        Context::Trail,
        Context::Search,
        Context::Help,
        Context::Map,
        Context::MapTyping,
        Context::Note,
        Context::Quitting,
        Context::RoomWalk,
        Context::RoomMarked,
        Context::RoomDone,
    ];
}

/// Everything a key can ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Leave the app.
    Quit,
    /// Move the selection up.
    Up,
    /// Move the selection down.
    Down,
    /// Move left in the trail.
    Left,
    /// Move right in the trail.
    Right,
    /// A digit of the number of an option (or, on the home screen, of a tree) to choose.
    Number(u8),
    /// Choose the option (or tree) at this index, 0-based: a click on it.
    Pick(usize),
    /// Choose or open the selected item.
    Select,
    /// Go back one answer.
    Back,
    /// Start the tree again.
    Restart,
    /// Open the search.
    Search,
    /// Close a pop-up, clear the search, or leave the trail.
    Close,
    /// Show or hide the help.
    Help,
    /// A character for the search box.
    Type(char),
    /// Delete the last character of the search box.
    Erase,
    /// Move the focus to the trail of answers, to change one.
    Trail,
    /// Save the decision record.
    Save,
    /// Back to the list of trees.
    Home,
    /// Scroll the guidance up.
    ScrollUp,
    /// Scroll the guidance down.
    ScrollDown,
    /// Switch to the next theme.
    Theme,
    /// Open the tree map.
    Map,
    /// Turn presentation mode on or off.
    Present,
    /// Presentation mode: show the next part of the step.
    Reveal,
    /// Presentation mode: show or hide the elapsed time.
    Clock,
    /// Quit at once, whatever is under way (Ctrl-C).
    Interrupt,
    /// Map: move a page up.
    PageUp,
    /// Map: move a page down.
    PageDown,
    /// Map: the first row.
    First,
    /// Map: the last row.
    Last,
    /// Map: fold every question.
    FoldAll,
    /// Map: unfold every question.
    UnfoldAll,
    /// Map: the next row that matches what is looked for.
    FindNext,
    /// Room quiz: one more hand up for the selected answer.
    HandUp,
    /// Room quiz: one hand fewer for the selected answer.
    HandDown,
    /// Room quiz: show or hide the trainer's view.
    Facilitator,
    /// Map: fold or unfold the selected question. Checklist: tick or untick the item.
    Toggle,
    /// A key that exists in test builds only, to show what adding a key takes.
    #[cfg(test)]
    Count,
}

/// A key a binding answers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// One key, without Ctrl.
    Code(KeyCode),
    /// A letter with Ctrl held.
    Ctrl(char),
    /// A digit: [`Action::Number`] (0 only ever completes a two-digit number).
    Digits,
    /// Any character not bound otherwise: [`Action::Type`].
    Typed,
    /// Any key not bound otherwise.
    Any,
}

/// What a binding does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Does {
    /// Always this action.
    Act(Action),
    /// Choose the answer with the digit's number.
    Choose,
    /// Type the character into the search box.
    Type,
}

/// How the footer shows a binding in some contexts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hint {
    /// Where the footer shows it.
    pub on: &'static [Context],
    /// The keys, as the footer writes them.
    pub keys: &'static str,
    /// What they do, in a word or two.
    pub says: &'static str,
}

/// One row of the table of keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Binding {
    /// Where the keys work.
    pub on: &'static [Context],
    /// The keys.
    pub keys: &'static [Key],
    /// What they do.
    pub does: Does,
    /// The keys as the help and the user guide write them; empty when the row before says it
    /// (↓ beside ↑).
    pub label: &'static str,
    /// What the keys do, as the help and the user guide say it; empty with `label`.
    pub help: &'static str,
    /// The footer's hints for it.
    pub footer: &'static [Hint],
}

impl Binding {
    /// This row with the words the help and the user guide show for it.
    pub const fn says(self, label: &'static str, help: &'static str) -> Binding {
        Binding {
            label,
            help,
            ..self
        }
    }

    /// This row with hints for the footer.
    pub const fn footer(self, footer: &'static [Hint]) -> Binding {
        Binding { footer, ..self }
    }
}

/// The keys in force: the table, with the keys the person changed in `config.ron`.
#[derive(Clone, Debug)]
pub struct Keymap {
    rows: Vec<Row>,
}

/// One binding as it is in force.
#[derive(Clone, Debug)]
struct Row {
    binding: &'static Binding,
    keys: Vec<Key>,
    /// The keys as written, when the person changed them (the table's words otherwise).
    changed: Option<String>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            rows: BINDINGS
                .iter()
                .map(|binding| Row {
                    binding,
                    keys: binding.keys.to_vec(),
                    changed: None,
                })
                .collect(),
        }
    }
}

impl Keymap {
    /// The action for `key` in `context`, if any: a key bound by name wins over a catch-all.
    pub fn action(&self, context: Context, key: KeyEvent) -> Option<Action> {
        let here = || self.rows.iter().filter(|r| r.binding.on.contains(&context));
        here()
            .find_map(|r| r.action_for(key, false))
            .or_else(|| here().find_map(|r| r.action_for(key, true)))
    }

    /// The footer for `context`: (keys, what they do), in table order.
    pub fn footer(&self, context: Context) -> Vec<(&str, &'static str)> {
        self.rows
            .iter()
            .filter(|r| r.binding.on.contains(&context))
            .flat_map(|r| r.binding.footer.iter().map(move |h| (r, h)))
            .filter(|(_, h)| h.on.contains(&context))
            .map(|(r, h)| (r.changed.as_deref().unwrap_or(h.keys), h.says))
            .collect()
    }

    /// The keys of `context` for the `?` help and the user guide: (keys, what they do).
    pub fn help(&self, context: Context) -> Vec<(&str, &'static str)> {
        self.rows
            .iter()
            .filter(|r| r.binding.on.contains(&context) && !r.binding.label.is_empty())
            .map(|r| {
                (
                    r.changed.as_deref().unwrap_or(r.binding.label),
                    r.binding.help,
                )
            })
            .collect()
    }

    /// How the help writes the keys for `action` in `context` (`"s"`, or the person's own).
    pub fn keys_for(&self, context: Context, action: Action) -> Option<&str> {
        self.rows
            .iter()
            .find(|r| r.binding.on.contains(&context) && r.binding.does == Does::Act(action))
            .map(|r| r.changed.as_deref().unwrap_or(r.binding.label))
    }

    /// The keys of `context` as a Markdown table, as docs/user-guide.md shows them.
    pub fn markdown_table(&self, context: Context) -> String {
        let mut table = String::from("| key | does |\n|---|---|\n");
        for (keys, does) in self.help(context) {
            table.push_str(&format!("| {keys} | {does} |\n"));
        }
        table
    }
}

impl Row {
    /// The action this row gives for `key`, if it answers to it. `wildcards` says whether the
    /// catch-all keys ([`Key::Typed`], [`Key::Any`]) count.
    fn action_for(&self, key: KeyEvent, wildcards: bool) -> Option<Action> {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let matched = self.keys.iter().find(|k| match (**k, key.code) {
            (Key::Ctrl(c), KeyCode::Char(typed)) => ctrl && c == typed,
            (Key::Ctrl(_), _) => false,
            (_, _) if ctrl => false,
            (Key::Code(code), typed) => code == typed,
            (Key::Digits, KeyCode::Char(c)) => c.is_ascii_digit(),
            (Key::Typed, KeyCode::Char(_)) => wildcards,
            (Key::Any, _) => wildcards,
            _ => false,
        })?;
        Some(match (self.binding.does, *matched, key.code) {
            (Does::Choose, Key::Digits, KeyCode::Char(c)) => Action::Number(c as u8 - b'0'),
            (Does::Type, Key::Typed, KeyCode::Char(c)) => Action::Type(c),
            (Does::Act(action), _, _) => action,
            _ => return None,
        })
    }
}

/// [`Keymap::action`] with the table's keys.
pub fn action(context: Context, key: KeyEvent) -> Option<Action> {
    Keymap::default().action(context, key)
}

/// [`Keymap::markdown_table`] with the table's keys.
pub fn markdown_table(context: Context) -> String {
    Keymap::default().markdown_table(context)
}

#[cfg(test)]
mod tests {
    use super::Context::*;
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    /// The keys a footer or help label names, read back from its words.
    fn named_keys(label: &str) -> Vec<Key> {
        if label == "any key" || label == "any other key" {
            return vec![Key::Any];
        }
        let mut keys = Vec::new();
        for word in label.split_whitespace() {
            let code = match word {
                "type" => {
                    keys.push(Key::Typed);
                    continue;
                }
                "1-9" => {
                    keys.push(Key::Digits);
                    continue;
                }
                "Ctrl-C" => {
                    keys.push(Key::Ctrl('c'));
                    continue;
                }
                "↑↓" => {
                    keys.extend([Key::Code(KeyCode::Up), Key::Code(KeyCode::Down)]);
                    continue;
                }
                "↑" => KeyCode::Up,
                "↓" => KeyCode::Down,
                "←" => KeyCode::Left,
                "→" => KeyCode::Right,
                "Space" => KeyCode::Char(' '),
                "Enter" => KeyCode::Enter,
                "Esc" => KeyCode::Esc,
                "Tab" => KeyCode::Tab,
                "Backspace" => KeyCode::Backspace,
                "Home" => KeyCode::Home,
                "End" => KeyCode::End,
                "PgUp" => KeyCode::PageUp,
                "PgDn" => KeyCode::PageDown,
                "F1" => KeyCode::F(1),
                one if one.chars().count() == 1 => KeyCode::Char(one.chars().next().unwrap()),
                other => panic!("a label names a key the test cannot read: {other:?}"),
            };
            keys.push(Key::Code(code));
        }
        keys
    }

    /// Whether `key` does something in `context`.
    fn bound(context: Context, key: Key) -> bool {
        BINDINGS
            .iter()
            .any(|b| b.on.contains(&context) && b.keys.contains(&key))
    }

    #[test]
    fn every_key_the_footer_names_works_there() {
        for context in Context::ALL {
            for (keys, says) in Keymap::default().footer(context) {
                for key in named_keys(keys) {
                    assert!(
                        bound(context, key),
                        "{context:?}: \"{keys} {says}\" names {key:?}, which does nothing there"
                    );
                }
            }
        }
    }

    /// A help line names exactly the keys of its row and of the unlabelled rows after it (↓
    /// after ↑), as they work in that context.
    #[test]
    fn every_help_line_names_exactly_its_keys() {
        for context in Context::ALL {
            let rows: Vec<&Binding> = BINDINGS
                .iter()
                .filter(|b| b.on.contains(&context))
                .collect();
            for (i, row) in rows.iter().enumerate().filter(|(_, r)| !r.label.is_empty()) {
                let mut keys: Vec<Key> = row.keys.to_vec();
                for next in rows[i + 1..].iter().take_while(|r| r.label.is_empty()) {
                    keys.extend(next.keys);
                }
                let mut named = named_keys(row.label);
                named.sort_by_key(|k| format!("{k:?}"));
                keys.sort_by_key(|k| format!("{k:?}"));
                assert_eq!(named, keys, "{context:?}: the help line \"{}\"", row.label);
            }
        }
    }

    #[test]
    fn a_key_means_one_thing_in_each_context() {
        for context in Context::ALL {
            let mut seen: Vec<(Key, &str)> = Vec::new();
            for b in BINDINGS.iter().filter(|b| b.on.contains(&context)) {
                for key in b.keys {
                    if let Some((_, first)) = seen.iter().find(|(k, _)| k == key) {
                        panic!(
                            "{context:?}: {key:?} is bound by \"{first}\" and by \"{}\"",
                            b.help
                        );
                    }
                    seen.push((*key, b.help));
                }
            }
        }
    }

    #[test]
    fn footer_hints_stay_within_their_binding_and_every_context_has_keys() {
        for b in BINDINGS {
            for h in b.footer {
                assert!(
                    h.on.iter().all(|c| b.on.contains(c)),
                    "the hint \"{} {}\" is shown where its keys do not work",
                    h.keys,
                    h.says
                );
            }
            assert_eq!(b.label.is_empty(), b.help.is_empty(), "{b:?}");
        }
        for context in Context::ALL {
            assert!(
                !Keymap::default().footer(context).is_empty(),
                "{context:?} has no footer"
            );
            assert!(
                !Keymap::default().help(context).is_empty(),
                "{context:?} has no help"
            );
        }
    }

    #[test]
    fn walk_keys() {
        assert_eq!(
            action(Question, key(KeyCode::Char('3'))),
            Some(Action::Number(3))
        );
        assert_eq!(
            action(Question, key(KeyCode::Char('j'))),
            Some(Action::Down)
        );
        assert_eq!(action(Question, key(KeyCode::Left)), Some(Action::Back));
        assert_eq!(
            action(Question, key(KeyCode::Backspace)),
            Some(Action::Back)
        );
        assert_eq!(action(Question, key(KeyCode::Esc)), Some(Action::Quit));
        assert_eq!(
            action(Question, key(KeyCode::Char('0'))),
            Some(Action::Number(0))
        );
        assert_eq!(action(Outcome, key(KeyCode::Char('s'))), Some(Action::Save));
        assert_eq!(
            action(Question, key(KeyCode::Char(' '))),
            Some(Action::ScrollDown)
        );
    }

    #[test]
    fn ctrl_c_quits_everywhere_and_other_ctrl_keys_do_nothing() {
        let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
        for context in Context::ALL {
            assert_eq!(
                action(context, ctrl('c')),
                Some(Action::Interrupt),
                "{context:?}"
            );
            assert_eq!(action(context, ctrl('x')), None, "{context:?}");
        }
    }

    #[test]
    fn letters_type_into_search_boxes() {
        assert_eq!(
            action(Search, key(KeyCode::Char('q'))),
            Some(Action::Type('q'))
        );
        assert_eq!(
            action(HomeEmpty, key(KeyCode::Char('z'))),
            Some(Action::Type('z'))
        );
        assert_eq!(
            action(HomeEmpty, key(KeyCode::Char('?'))),
            Some(Action::Help)
        );
        assert_eq!(
            action(HomeTyping, key(KeyCode::Char('?'))),
            Some(Action::Type('?'))
        );
        assert_eq!(action(HomeTyping, key(KeyCode::F(1))), Some(Action::Help));
    }

    #[test]
    fn escape_cancels_a_change_instead_of_quitting() {
        assert_eq!(action(Changing, key(KeyCode::Esc)), Some(Action::Close));
        assert_eq!(action(Changing, key(KeyCode::Left)), Some(Action::Close));
        assert_eq!(
            action(Changing, key(KeyCode::Char('2'))),
            Some(Action::Number(2))
        );
        assert_eq!(
            action(Changing, key(KeyCode::Char('q'))),
            Some(Action::Quit)
        );
    }

    #[test]
    fn presentation_and_map_keys() {
        assert_eq!(
            action(Present, key(KeyCode::Char(' '))),
            Some(Action::Reveal)
        );
        assert_eq!(
            action(Present, key(KeyCode::Char('2'))),
            Some(Action::Number(2))
        );
        assert_eq!(
            action(Present, key(KeyCode::Char('p'))),
            Some(Action::Present)
        );
        assert_eq!(
            action(Present, key(KeyCode::PageDown)),
            Some(Action::ScrollDown)
        );
        // Esc never ends a session; q does, after asking.
        assert_eq!(action(Present, key(KeyCode::Esc)), None);
        assert_eq!(action(Present, key(KeyCode::Char('q'))), Some(Action::Quit));
        assert_eq!(action(Map, key(KeyCode::Enter)), Some(Action::Select));
        assert_eq!(action(Map, key(KeyCode::Char(' '))), Some(Action::Toggle));
        assert_eq!(action(Question, key(KeyCode::Char('m'))), Some(Action::Map));
    }

    #[test]
    fn space_ticks_checklist_items_and_esc_still_cancels_a_change() {
        assert_eq!(
            action(Checklist, key(KeyCode::Char(' '))),
            Some(Action::Toggle)
        );
        assert_eq!(action(Checklist, key(KeyCode::Enter)), Some(Action::Select));
        assert_eq!(
            action(Checklist, key(KeyCode::Char('2'))),
            Some(Action::Number(2))
        );
        assert_eq!(action(Checklist, key(KeyCode::Esc)), Some(Action::Quit));
        assert_eq!(
            action(ChangingChecklist, key(KeyCode::Char(' '))),
            Some(Action::Toggle)
        );
        assert_eq!(
            action(ChangingChecklist, key(KeyCode::Esc)),
            Some(Action::Close)
        );
    }

    #[test]
    fn any_key_closes_help() {
        assert_eq!(action(Help, key(KeyCode::Char('x'))), Some(Action::Close));
        assert_eq!(action(Help, key(KeyCode::Enter)), Some(Action::Close));
    }

    #[test]
    fn the_home_help_lists_home_keys_not_walk_keys() {
        let keymap = Keymap::default();
        let home = keymap.help(HomeEmpty);
        assert!(home.iter().any(|(k, _)| *k == "type"));
        assert!(
            !home
                .iter()
                .any(|(_, does)| does.contains("go back one answer"))
        );
        assert!(!home.iter().any(|(k, _)| k.starts_with('q')));
    }
}
