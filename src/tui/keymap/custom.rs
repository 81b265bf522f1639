//! Keys the person changes in `config.ron` (`keys: {"save": ["w"]}`), like gitui's key
//! config: each entry gives an action new keys wherever the walk, the trail and the map use it.
//! The home screen and the search keep their keys (there, letters are typed). An entry that
//! names an unknown action or key, or a key that already does something else, is reported at its
//! line and column and left out; the other entries still apply.

use ratatui::crossterm::event::KeyCode;

use super::Context::{HomeEmpty, HomeTyping, Search};
use super::{Action, Does, Key, Keymap};
use crate::config::KeyOverride;
use crate::diagnostic::Diagnostic;

/// The actions whose keys can be changed, by the names `config.ron` uses.
pub const CHANGEABLE: &[(&str, Action)] = &[
    ("back", Action::Back),
    ("restart", Action::Restart),
    ("trail", Action::Trail),
    ("save", Action::Save),
    ("search", Action::Search),
    ("home", Action::Home),
    ("theme", Action::Theme),
    ("map", Action::Map),
    ("present", Action::Present),
    ("help", Action::Help),
    ("quit", Action::Quit),
];

/// The named keys `config.ron` may use, besides single characters.
const NAMED: &[(&str, KeyCode)] = &[
    ("Enter", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Tab", KeyCode::Tab),
    ("Backspace", KeyCode::Backspace),
    ("Space", KeyCode::Char(' ')),
    ("Up", KeyCode::Up),
    ("Down", KeyCode::Down),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
    ("PgUp", KeyCode::PageUp),
    ("PgDn", KeyCode::PageDown),
    ("Delete", KeyCode::Delete),
    ("Insert", KeyCode::Insert),
];

impl Keymap {
    /// The table's keys with `overrides` applied, and the problems with those left out.
    pub fn with_overrides(overrides: &[KeyOverride]) -> (Keymap, Vec<Diagnostic>) {
        let mut keymap = Keymap::default();
        let mut problems = Vec::new();
        let mut done: Vec<&str> = Vec::new();
        for entry in overrides {
            match keymap.apply(entry, &done) {
                Ok(()) => done.push(&entry.action),
                Err(problem) => problems.push(problem),
            }
        }
        (keymap, problems)
    }

    /// Gives `entry.action` its new keys, unless that would leave a key doing two things.
    fn apply(&mut self, entry: &KeyOverride, done: &[&str]) -> Result<(), Diagnostic> {
        let Some(&(name, action)) = CHANGEABLE.iter().find(|(n, _)| *n == entry.action) else {
            let names: Vec<&str> = CHANGEABLE.iter().map(|(n, _)| *n).collect();
            let closest = names
                .iter()
                .min_by_key(|n| strsim::levenshtein(n, &entry.action))
                .filter(|n| strsim::levenshtein(n, &entry.action) <= 2);
            let help = match closest {
                Some(n) => format!(
                    "did you mean \"{n}\"? The actions are: {}",
                    names.join(", ")
                ),
                None => format!(
                    "the actions whose keys can be changed are: {}",
                    names.join(", ")
                ),
            };
            return Err(entry.problem(format!("unknown action \"{}\"", entry.action), help));
        };
        if done.contains(&name) {
            return Err(entry.problem(
                format!("\"{name}\" is given keys twice"),
                "keep one entry for it: the first one is used".into(),
            ));
        }
        if entry.keys.is_empty() {
            return Err(entry.problem(
                format!("no keys are given for \"{name}\""),
                "list at least one key, e.g. [\"w\"], or leave the entry out".into(),
            ));
        }
        let keys = entry
            .keys
            .iter()
            .map(|k| parse_key(k).map_err(|(message, help)| entry.problem(message, help)))
            .collect::<Result<Vec<Key>, Diagnostic>>()?;
        let label = keys
            .iter()
            .map(|k| key_name(*k))
            .collect::<Vec<_>>()
            .join("  ");
        let before = self.rows.clone();
        for row in self.rows.iter_mut().filter(|r| changeable(r, action)) {
            row.keys = keys.clone();
            row.changed = Some(label.clone());
        }
        if let Some(clash) = self.clash(action) {
            self.rows = before;
            return Err(entry.problem(
                format!("{clash}, so \"{name}\" keeps its keys"),
                "choose a key that does nothing there, or give that action other keys too".into(),
            ));
        }
        Ok(())
    }

    /// A key of `action`'s rows that another row of the same context also has.
    fn clash(&self, action: Action) -> Option<String> {
        for row in self.rows.iter().filter(|r| changeable(r, action)) {
            for context in row.binding.on {
                let others = self.rows.iter().filter(|o| {
                    !std::ptr::eq(o.binding, row.binding) && o.binding.on.contains(context)
                });
                for other in others {
                    if let Some(key) = row.keys.iter().find(|k| other.keys.contains(k)) {
                        let does = match other.binding.help {
                            "" => "something else",
                            help => help,
                        };
                        return Some(format!(
                            "the key {} already means \"{does}\" there",
                            key_name(*key)
                        ));
                    }
                }
            }
        }
        None
    }
}

/// Whether `row` is one the person changes by naming `action`: it does that action, outside the
/// home screen and the search, and not by Ctrl-C.
fn changeable(row: &super::Row, action: Action) -> bool {
    row.binding.does == Does::Act(action)
        && !row
            .binding
            .on
            .iter()
            .any(|c| matches!(c, HomeEmpty | HomeTyping | Search))
        && !row.binding.keys.iter().any(|k| matches!(k, Key::Ctrl(_)))
}

/// A key as `config.ron` writes it: one character, or a name (`Enter`, `F2`, `PgDn`).
fn parse_key(text: &str) -> Result<Key, (String, String)> {
    let mut chars = text.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_ascii_digit() {
            return Err((
                format!("\"{c}\" cannot be given to an action"),
                "the digits choose answers: use a letter or a named key".into(),
            ));
        }
        return Ok(Key::Code(KeyCode::Char(c)));
    }
    if let Some(&(_, code)) = NAMED.iter().find(|(n, _)| n.eq_ignore_ascii_case(text)) {
        return Ok(Key::Code(code));
    }
    if let Some(n) = text
        .strip_prefix(['F', 'f'])
        .and_then(|n| n.parse::<u8>().ok())
        .filter(|n| (1..=12).contains(n))
    {
        return Ok(Key::Code(KeyCode::F(n)));
    }
    let names: Vec<&str> = NAMED.iter().map(|(n, _)| *n).collect();
    Err((
        format!("unknown key \"{text}\""),
        format!(
            "use one character, such as \"w\", or one of: {}, F1 to F12",
            names.join(", ")
        ),
    ))
}

/// How the help and the footer write a key.
fn key_name(key: Key) -> String {
    match key {
        Key::Code(KeyCode::Char(' ')) => "Space".into(),
        Key::Code(KeyCode::Char(c)) => c.to_string(),
        Key::Code(KeyCode::Up) => "↑".into(),
        Key::Code(KeyCode::Down) => "↓".into(),
        Key::Code(KeyCode::Left) => "←".into(),
        Key::Code(KeyCode::Right) => "→".into(),
        Key::Code(KeyCode::F(n)) => format!("F{n}"),
        Key::Code(code) => NAMED
            .iter()
            .find(|(_, c)| *c == code)
            .map_or_else(|| format!("{code:?}"), |(n, _)| (*n).to_string()),
        Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
        Key::Digits => "1-9".into(),
        Key::Typed => "type".into(),
        Key::Any => "any key".into(),
    }
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::{KeyEvent, KeyModifiers};

    use super::super::Context;
    use super::*;
    use crate::config::Config;

    fn keymap(keys: &str) -> (Keymap, Vec<Diagnostic>) {
        let config = Config::parse(
            "config.ron",
            &format!("Config(\n  keys: {{\n{keys}\n  }},\n)"),
        );
        assert!(config.problems.is_empty(), "{:?}", config.problems);
        Keymap::with_overrides(&config.keys)
    }

    fn press(keymap: &Keymap, context: Context, code: KeyCode) -> Option<Action> {
        keymap.action(context, KeyEvent::new(code, KeyModifiers::NONE))
    }

    #[test]
    fn a_changed_key_works_and_the_footer_and_help_show_it() {
        let (keymap, problems) = keymap("    \"save\": [\"w\", \"F2\"],");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            press(&keymap, Context::Outcome, KeyCode::Char('w')),
            Some(Action::Save)
        );
        assert_eq!(
            press(&keymap, Context::Outcome, KeyCode::F(2)),
            Some(Action::Save)
        );
        assert_eq!(press(&keymap, Context::Outcome, KeyCode::Char('s')), None);
        assert!(
            keymap
                .footer(Context::Outcome)
                .contains(&("w  F2", "save record"))
        );
        assert!(
            keymap
                .help(Context::Question)
                .iter()
                .any(|(k, _)| *k == "w  F2")
        );
    }

    #[test]
    fn the_home_screen_keeps_its_keys_and_ctrl_c_always_quits() {
        let (keymap, problems) = keymap("    \"quit\": [\"x\"],\n    \"help\": [\"F2\"],");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            press(&keymap, Context::Question, KeyCode::Char('x')),
            Some(Action::Quit)
        );
        assert_eq!(press(&keymap, Context::Question, KeyCode::Char('q')), None);
        assert_eq!(
            press(&keymap, Context::HomeEmpty, KeyCode::Char('x')),
            Some(Action::Type('x'))
        );
        assert_eq!(
            press(&keymap, Context::HomeEmpty, KeyCode::Char('?')),
            Some(Action::Help)
        );
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(
            keymap.action(Context::Question, ctrl_c),
            Some(Action::Interrupt)
        );
    }

    #[test]
    fn bad_entries_are_positioned_problems_and_the_rest_still_apply() {
        let (keymap, problems) = keymap(
            "    \"sav\": [\"w\"],\n    \"map\": [\"r\"],\n    \"theme\": [\"Hyper\"],\n    \"home\": [\"5\"],\n    \"search\": [\"F3\"],",
        );
        let lines: Vec<(usize, &str)> = problems
            .iter()
            .map(|p| (p.line, p.message.as_str()))
            .collect();
        assert_eq!(lines.len(), 4, "{lines:?}");
        assert_eq!(lines[0], (3, "unknown action \"sav\""));
        assert!(
            problems[0]
                .help
                .as_deref()
                .is_some_and(|h| h.contains("did you mean \"save\""))
        );
        assert_eq!(lines[1].0, 4);
        assert!(
            lines[1]
                .1
                .contains("the key r already means \"start this tree again"),
            "{}",
            lines[1].1
        );
        assert_eq!(lines[2], (5, "unknown key \"Hyper\""));
        assert_eq!(lines[3], (6, "\"5\" cannot be given to an action"));
        assert_eq!(
            press(&keymap, Context::Question, KeyCode::Char('m')),
            Some(Action::Map)
        );
        assert_eq!(
            press(&keymap, Context::Question, KeyCode::F(3)),
            Some(Action::Search)
        );
    }
}
