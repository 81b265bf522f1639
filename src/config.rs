//! The user's `config.ron`: theme, name, extra tree folders, keys, and (set by an
//! administrator) signed content packs and the keys trusted to sign them. A broken config is reported
//! (with file:line:col) and the app carries on with defaults; it is never silently ignored.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::{Code, Diagnostic};
use crate::theme_name::ThemeName;
use crate::tree::format::Entries;
use crate::tree::locate::Locator;
use crate::tree::read;
use crate::tree::syntax::Step;

/// The file name in the config folder.
pub const CONFIG_FILE: &str = "config.ron";

/// The most tree folders or files `trees` may list; the rest are left out, with a problem
/// that says so (every one is read at start, and listed on the home screen).
pub const MAX_TREE_PATHS: usize = 256;

#[derive(Debug, Deserialize)]
#[serde(rename = "Config", deny_unknown_fields)]
struct ConfigDoc {
    #[serde(default)]
    theme: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    trees: Vec<PathBuf>,
    #[serde(default)]
    keys: Entries<Vec<String>>,
    #[serde(default)]
    packs: Vec<PathBuf>,
    #[serde(default)]
    trusted_keys: Vec<String>,
}

/// One entry of `keys`: the keys the person wants for an action of the app. Whether the action
/// and the keys exist is the app's to say ([`crate::tui::keymap::Keymap::with_overrides`]).
#[derive(Clone, Debug)]
pub struct KeyOverride {
    /// The action, as written (`"save"`).
    pub action: String,
    /// The keys, as written (`["w", "F2"]`).
    pub keys: Vec<String>,
    /// Where the entry is, for a problem with it: a diagnostic with no message yet.
    pub at: Diagnostic,
}

impl KeyOverride {
    /// A problem with this entry.
    pub fn problem(&self, message: String, help: String) -> Diagnostic {
        Diagnostic {
            message,
            ..self.at.clone()
        }
        .with_help(help)
    }
}

/// The settings in force, and any problems found reading them.
#[derive(Debug, Default)]
pub struct Config {
    /// The theme asked for, if any.
    pub theme: Option<ThemeName>,
    /// The person's name, written as "Decided by" in the decision records they save.
    pub name: Option<String>,
    /// Extra folders of trees.
    pub trees: Vec<PathBuf>,
    /// The keys the person changed, in file order.
    pub keys: Vec<KeyOverride>,
    /// Folders of signed content packs (set by an administrator).
    pub packs: Vec<PathBuf>,
    /// Public keys trusted to sign packs, besides those built in (set by an administrator).
    pub trusted_keys: Vec<String>,
    /// Problems with the file (shown in a banner).
    pub problems: Vec<Diagnostic>,
}

impl Config {
    /// Reads `config.ron` from the config folder; a missing file means defaults.
    pub fn load() -> Config {
        match crate::paths::config_dir() {
            Ok(dir) => Config::read(&dir.join(CONFIG_FILE)),
            Err(_) => Config::default(),
        }
    }

    /// Reads a config file.
    pub fn read(path: &Path) -> Config {
        if !path.exists() {
            return Config::default();
        }
        let name = path.display().to_string();
        let text = match read::read_text(path, read::MAX_FILE_BYTES) {
            Ok(text) => text,
            Err(d) => {
                return Config {
                    problems: vec![d],
                    ..Config::default()
                };
            }
        };
        Config::parse(&name, &text)
    }

    /// Parses config text.
    pub fn parse(name: &str, text: &str) -> Config {
        let doc: ConfigDoc = match read::parse(name, text) {
            Ok(doc) => doc,
            Err(d) => {
                return Config {
                    problems: vec![d],
                    ..Config::default()
                };
            }
        };
        let locator = Locator::new(name, text);
        let mut problems = Vec::new();
        let keys = doc
            .keys
            .0
            .into_iter()
            .enumerate()
            .map(|(i, (action, keys))| {
                let at = locator.at(
                    Code::BadConfig,
                    &[Step::Field("keys"), Step::Key(i)],
                    String::new(),
                );
                KeyOverride { action, keys, at }
            })
            .collect();
        let person = doc
            .name
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty());
        if let Some(person) = &person {
            let path = [Step::Field("name")];
            crate::tree::locate::check_text(&locator, &mut problems, &path, person, "your name");
        }
        let mut trusted_keys = Vec::new();
        for (i, key) in doc.trusted_keys.into_iter().enumerate() {
            match crate::pack::parse_public_key(&key) {
                Ok(_) => trusted_keys.push(key),
                Err(e) => problems.push(
                    locator
                        .at(
                            Code::BadConfig,
                            &[Step::Field("trusted_keys"), Step::Item(i)],
                            format!("this trusted key is {e}"),
                        )
                        .with_help("copy the second line of the `.pub` file `signpost keygen` wrote, the one that starts with RW"),
                ),
            }
        }
        let mut config = Config {
            name: person.filter(|_| problems.is_empty()),
            trees: doc.trees,
            keys,
            packs: doc.packs,
            trusted_keys,
            problems,
            ..Config::default()
        };
        if config.trees.len() > MAX_TREE_PATHS {
            config.problems.push(
                Locator::new(name, text)
                    .at(
                        Code::BadConfig,
                        &[Step::Field("trees")],
                        format!(
                            "`trees` lists {} folders or files; only the first {MAX_TREE_PATHS} are read",
                            config.trees.len()
                        ),
                    )
                    .with_help("list the folders that hold your trees, not each file"),
            );
            config.trees.truncate(MAX_TREE_PATHS);
        }
        if let Some(theme) = doc.theme {
            match ThemeName::parse(&theme) {
                Some(t) => config.theme = Some(t),
                None => config.problems.push(
                    Locator::new(name, text)
                        .at(
                            Code::BadConfig,
                            &[Step::Field("theme")],
                            format!("unknown theme \"{theme}\""),
                        )
                        .with_help(format!("use {}", ThemeName::names())),
                ),
            }
        }
        config
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_good_config_is_read() {
        let c = Config::parse(
            "config.ron",
            "Config(theme: \"high-contrast\", trees: [\"/srv/trees\"])",
        );
        assert_eq!(c.theme, Some(ThemeName::HighContrast));
        assert_eq!(c.trees, [PathBuf::from("/srv/trees")]);
        assert!(c.problems.is_empty());
    }

    #[test]
    fn more_tree_paths_than_the_limit_are_cut_and_said() {
        let paths: Vec<String> = (0..MAX_TREE_PATHS + 5)
            .map(|i| format!("\"t{i}\""))
            .collect();
        let text = format!("Config(\n  trees: [{}],\n)", paths.join(", "));
        let c = Config::parse("config.ron", &text);
        assert_eq!(c.trees.len(), MAX_TREE_PATHS);
        assert_eq!(c.problems.len(), 1);
        assert_eq!(c.problems[0].line, 2);
        assert!(c.problems[0].message.contains("lists 261 folders or files"));
    }

    #[test]
    fn a_broken_config_is_reported_with_its_position() {
        let c = Config::parse("config.ron", "Config(\n  theme: \"purple\",\n)");
        assert_eq!(c.problems.len(), 1);
        assert_eq!((c.problems[0].line, c.problems[0].column), (2, 10));
        assert_eq!(c.theme, None);
        let c = Config::parse("config.ron", "Config(colour: 1)");
        assert_eq!(c.problems[0].code, Code::UnknownField);
    }
}
