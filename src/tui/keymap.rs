//! Keys to actions: a pure lookup per context, unit-tested without a terminal.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where the keys are going.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    /// The list of trees with the search box; `typing` when the box has text.
    Home {
        /// The search box has text, so letters go to it.
        typing: bool,
    },
    /// A question or an outcome.
    Walk,
    /// The focus is on the trail of answers (to change one).
    Trail,
    /// Choosing a new answer for an earlier question.
    Changing,
    /// A checklist: Space ticks items; `changing` when it is an earlier answer being changed.
    Checklist {
        /// An earlier answer is being changed (Esc cancels instead of quitting).
        changing: bool,
    },
    /// The search pop-up.
    Search,
    /// The help pop-up.
    Help,
    /// The tree map.
    Map,
    /// Presentation mode, walking a tree step by step for a room.
    Present,
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
    /// Choose option N (1-based).
    Number(u8),
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
    /// Map: fold or unfold the selected question. Checklist: tick or untick the item.
    Toggle,
}

/// The action for `key` in `context`, if any.
pub fn action(context: Context, key: KeyEvent) -> Option<Action> {
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return match key.code {
            KeyCode::Char('c') => Some(Action::Quit),
            _ => None,
        };
    }
    match context {
        Context::Help => Some(Action::Close),
        Context::Search => search(key.code),
        Context::Home { typing } => home(key.code, typing),
        Context::Walk => walk(key.code),
        Context::Changing => changing(key.code),
        Context::Checklist { changing: true } => checklist(key.code).or_else(|| changing(key.code)),
        Context::Checklist { changing: false } => checklist(key.code).or_else(|| walk(key.code)),
        Context::Trail => trail(key.code),
        Context::Map => map(key.code),
        Context::Present => present(key.code),
    }
}

fn search(code: KeyCode) -> Option<Action> {
    Some(match code {
        KeyCode::Esc => Action::Close,
        KeyCode::Enter => Action::Select,
        KeyCode::Up => Action::Up,
        KeyCode::Down | KeyCode::Tab => Action::Down,
        KeyCode::Backspace => Action::Erase,
        KeyCode::Char(c) => Action::Type(c),
        _ => return None,
    })
}

fn home(code: KeyCode, typing: bool) -> Option<Action> {
    Some(match code {
        KeyCode::Esc => Action::Close,
        KeyCode::Enter => Action::Select,
        KeyCode::Up => Action::Up,
        KeyCode::Down | KeyCode::Tab => Action::Down,
        KeyCode::Backspace => Action::Erase,
        KeyCode::F(1) => Action::Help,
        KeyCode::Char('?') if !typing => Action::Help,
        KeyCode::Char(c) => Action::Type(c),
        _ => return None,
    })
}

fn walk(code: KeyCode) -> Option<Action> {
    Some(match code {
        KeyCode::Char(c @ '1'..='9') => Action::Number(c as u8 - b'0'),
        KeyCode::Up | KeyCode::Char('k') => Action::Up,
        KeyCode::Down | KeyCode::Char('j') => Action::Down,
        KeyCode::Enter => Action::Select,
        KeyCode::Backspace | KeyCode::Left | KeyCode::Char('h') => Action::Back,
        KeyCode::Char('r') => Action::Restart,
        KeyCode::Char('/') => Action::Search,
        KeyCode::Char('?') | KeyCode::F(1) => Action::Help,
        KeyCode::Char('q') | KeyCode::Esc => Action::Quit,
        KeyCode::Tab => Action::Trail,
        KeyCode::Char('s') => Action::Save,
        KeyCode::Char('t') | KeyCode::Home => Action::Home,
        KeyCode::PageUp => Action::ScrollUp,
        KeyCode::PageDown | KeyCode::Char(' ') => Action::ScrollDown,
        KeyCode::Char('c') => Action::Theme,
        KeyCode::Char('m') => Action::Map,
        KeyCode::Char('p') => Action::Present,
        _ => return None,
    })
}

fn changing(code: KeyCode) -> Option<Action> {
    Some(match code {
        KeyCode::Esc | KeyCode::Backspace | KeyCode::Left | KeyCode::Char('h') => Action::Close,
        other => return walk(other),
    })
}

/// The keys a checklist adds: Space ticks the selected item (numbers tick item N).
fn checklist(code: KeyCode) -> Option<Action> {
    match code {
        KeyCode::Char(' ') => Some(Action::Toggle),
        _ => None,
    }
}

fn map(code: KeyCode) -> Option<Action> {
    Some(match code {
        KeyCode::Up | KeyCode::Char('k') => Action::Up,
        KeyCode::Down | KeyCode::Char('j') => Action::Down,
        KeyCode::Left
        | KeyCode::Right
        | KeyCode::Char('h')
        | KeyCode::Char('l')
        | KeyCode::Char(' ') => Action::Toggle,
        KeyCode::Enter => Action::Select,
        KeyCode::Esc | KeyCode::Char('m') => Action::Close,
        KeyCode::Char('q') => Action::Quit,
        KeyCode::Char('?') => Action::Help,
        _ => return None,
    })
}

fn present(code: KeyCode) -> Option<Action> {
    Some(match code {
        KeyCode::Char(' ') | KeyCode::Right | KeyCode::Char('l') => Action::Reveal,
        KeyCode::Char('p') => Action::Present,
        KeyCode::PageDown | KeyCode::PageUp => return None,
        other => return walk(other),
    })
}

fn trail(code: KeyCode) -> Option<Action> {
    Some(match code {
        KeyCode::Left | KeyCode::Char('h') | KeyCode::Up | KeyCode::Char('k') => Action::Left,
        KeyCode::Right | KeyCode::Char('l') | KeyCode::Down | KeyCode::Char('j') => Action::Right,
        KeyCode::Enter => Action::Select,
        KeyCode::Tab | KeyCode::Esc => Action::Close,
        KeyCode::Char('q') => Action::Quit,
        KeyCode::Char('?') => Action::Help,
        _ => return None,
    })
}

/// Every key, for the help pop-up: (keys, what they do).
pub const HELP: &[(&str, &str)] = &[
    ("1-9", "choose that answer"),
    ("↑ ↓  j k", "move the selection"),
    ("Enter", "choose the selected answer"),
    ("Space", "tick or untick an item where several can apply"),
    ("← Backspace h", "go back one answer"),
    (
        "Tab",
        "go to your answers, to change one (← → to pick, Enter to change)",
    ),
    ("r", "start this tree again"),
    ("s", "save a decision record (on an outcome)"),
    ("/", "search every tree"),
    ("t  Home", "back to the list of trees"),
    ("PgUp PgDn Space", "scroll the guidance"),
    ("c", "switch colours: default, high contrast, monochrome"),
    (
        "m",
        "map of the whole tree (Enter: go to a step, ← → Space: fold)",
    ),
    (
        "p",
        "presentation mode: Space reveals options, guidance, then the verdict",
    ),
    ("?  F1", "this help"),
    ("q  Esc  Ctrl-C", "quit"),
    (
        "Mouse",
        "click an answer to choose it; scroll over the guidance",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn walk_keys() {
        assert_eq!(
            action(Context::Walk, key(KeyCode::Char('3'))),
            Some(Action::Number(3))
        );
        assert_eq!(
            action(Context::Walk, key(KeyCode::Char('j'))),
            Some(Action::Down)
        );
        assert_eq!(
            action(Context::Walk, key(KeyCode::Left)),
            Some(Action::Back)
        );
        assert_eq!(
            action(Context::Walk, key(KeyCode::Backspace)),
            Some(Action::Back)
        );
        assert_eq!(action(Context::Walk, key(KeyCode::Esc)), Some(Action::Quit));
        assert_eq!(action(Context::Walk, key(KeyCode::Char('0'))), None);
    }

    #[test]
    fn ctrl_c_quits_everywhere() {
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for context in [
            Context::Home { typing: true },
            Context::Walk,
            Context::Trail,
            Context::Changing,
            Context::Search,
            Context::Help,
        ] {
            assert_eq!(action(context, ctrl_c), Some(Action::Quit));
        }
    }

    #[test]
    fn letters_type_into_search_boxes() {
        assert_eq!(
            action(Context::Search, key(KeyCode::Char('q'))),
            Some(Action::Type('q'))
        );
        assert_eq!(
            action(Context::Home { typing: false }, key(KeyCode::Char('z'))),
            Some(Action::Type('z'))
        );
        assert_eq!(
            action(Context::Home { typing: false }, key(KeyCode::Char('?'))),
            Some(Action::Help)
        );
        assert_eq!(
            action(Context::Home { typing: true }, key(KeyCode::Char('?'))),
            Some(Action::Type('?'))
        );
    }

    #[test]
    fn escape_cancels_a_change_instead_of_quitting() {
        assert_eq!(
            action(Context::Changing, key(KeyCode::Esc)),
            Some(Action::Close)
        );
        assert_eq!(
            action(Context::Changing, key(KeyCode::Left)),
            Some(Action::Close)
        );
        assert_eq!(
            action(Context::Changing, key(KeyCode::Char('2'))),
            Some(Action::Number(2))
        );
    }

    #[test]
    fn presentation_and_map_keys() {
        assert_eq!(
            action(Context::Present, key(KeyCode::Char(' '))),
            Some(Action::Reveal)
        );
        assert_eq!(
            action(Context::Present, key(KeyCode::Char('2'))),
            Some(Action::Number(2))
        );
        assert_eq!(
            action(Context::Present, key(KeyCode::Char('p'))),
            Some(Action::Present)
        );
        assert_eq!(
            action(Context::Map, key(KeyCode::Enter)),
            Some(Action::Select)
        );
        assert_eq!(
            action(Context::Map, key(KeyCode::Char(' '))),
            Some(Action::Toggle)
        );
        assert_eq!(
            action(Context::Walk, key(KeyCode::Char('m'))),
            Some(Action::Map)
        );
    }

    #[test]
    fn space_ticks_checklist_items_and_esc_still_cancels_a_change() {
        let walking = Context::Checklist { changing: false };
        let changing = Context::Checklist { changing: true };
        assert_eq!(
            action(walking, key(KeyCode::Char(' '))),
            Some(Action::Toggle)
        );
        assert_eq!(action(walking, key(KeyCode::Enter)), Some(Action::Select));
        assert_eq!(
            action(walking, key(KeyCode::Char('2'))),
            Some(Action::Number(2))
        );
        assert_eq!(action(walking, key(KeyCode::Esc)), Some(Action::Quit));
        assert_eq!(
            action(changing, key(KeyCode::Char(' '))),
            Some(Action::Toggle)
        );
        assert_eq!(action(changing, key(KeyCode::Esc)), Some(Action::Close));
    }

    #[test]
    fn any_key_closes_help() {
        assert_eq!(
            action(Context::Help, key(KeyCode::Char('x'))),
            Some(Action::Close)
        );
    }
}
