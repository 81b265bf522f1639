//! The decision record: what was asked, what was answered, the outcome and what it rests on.
//! Rendered as Markdown (saved by `s` in the app and by plain mode) and as JSON (`ask --format
//! json`), and saved without ever overwriting or half-writing a file.

pub use crate::document::{citation, contact_line};
use crate::document::{outcome_sections, quoted};
use std::fmt::Write as _;
use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Local};
use serde_json::json;

use crate::session::Session;
use crate::tree::paths::{PathStep, answer, facts_of};
use crate::tree::{Facts, NodeId, Outcome, Passage, Shown, Tree};

/// The program's version, written into every record.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// How a record writes its date (and how `signpost records` reads it back).
pub const DATE_FORMAT: &str = "%Y-%m-%d %H:%M:%S %:z";

/// A finished walk: the answers, the facts they set and the outcome they lead to.
pub struct Report<'t> {
    tree: &'t Tree,
    steps: Vec<PathStep>,
    facts: Facts,
    outcome: NodeId,
    stamp: Stamp,
}

/// What a record says beyond the walk: who decided, and a note of what was sent to whom.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stamp {
    /// The person's name, from `name` in config.ron.
    pub decided_by: Option<String>,
    /// Who or what it was sent to, as the person wrote it.
    pub note: Option<String>,
}

impl Stamp {
    /// A stamp with `note`, when it has more than spaces.
    pub fn with_note(mut self, note: &str) -> Stamp {
        let note = note.trim();
        self.note = (!note.is_empty()).then(|| note.to_string());
        self
    }
}

impl<'t> Report<'t> {
    /// The report for a session, if it has reached an outcome.
    pub fn of(tree: &'t Tree, session: &Session) -> Option<Self> {
        tree.outcome(session.current())?;
        Some(Report {
            tree,
            steps: session.steps().to_vec(),
            facts: session.facts().clone(),
            outcome: session.current(),
            stamp: Stamp::default(),
        })
    }

    /// The report for a path.
    pub fn for_path(tree: &'t Tree, steps: &[PathStep], outcome: NodeId) -> Self {
        Report {
            tree,
            steps: steps.to_vec(),
            facts: facts_of(tree, steps),
            outcome,
            stamp: Stamp::default(),
        }
    }

    /// The report with `stamp` (who decided, a note).
    pub fn stamped(mut self, stamp: Stamp) -> Self {
        self.stamp = stamp;
        self
    }

    /// What makes two records the same: the tree and its version, the answers, the outcome
    /// and the note (a record of the same walk sent elsewhere is a new record).
    pub fn identity(&self) -> String {
        format!(
            "{}\u{1f}{}\u{1f}{:?}\u{1f}{}\u{1f}{:?}",
            self.tree.id,
            self.tree.version,
            self.answers(),
            self.tree.node(self.outcome).id,
            self.stamp.note
        )
    }

    /// The outcome.
    pub fn outcome(&self) -> &'t Outcome {
        self.tree
            .outcome(self.outcome)
            .expect("a report ends on an outcome")
    }

    /// What the outcome says on this path (only the text whose `when:` holds).
    pub fn shown(&self) -> Shown<'t> {
        self.outcome().shown(Some(&self.facts))
    }

    /// The tree and the outcome node.
    pub fn parts(&self) -> (&'t Tree, &'t crate::tree::Node) {
        (self.tree, self.tree.node(self.outcome))
    }

    /// The facts the answers set.
    pub fn facts(&self) -> &Facts {
        &self.facts
    }

    /// (question, answer) pairs, in order.
    pub fn answers(&self) -> Vec<(&'t str, String)> {
        answers(self.tree, &self.steps)
    }

    /// The JSON object `signpost ask --format json` prints.
    pub fn to_json(&self) -> serde_json::Value {
        let shown = self.shown();
        let outcome = shown.outcome;
        let mut value = json!({
            "signpost": {"version": APP_VERSION},
            "tree": {"id": self.tree.id, "version": self.tree.version, "provenance": self.tree.provenance.to_json()},
            "answers": self.answers().iter().map(|(q, a)| json!({"question": q, "answer": a})).collect::<Vec<_>>(),
            "outcome": {
                "id": self.tree.node(self.outcome).id,
                "title": outcome.headline,
                "verdict": outcome.verdict.as_str(),
                "explanation": shown.explanation,
                "conditions": shown.conditions,
                "fallbacks": shown.fallbacks,
                "passages": shown.guidance.iter().map(|p| passage_json(self.tree, p)).collect::<Vec<_>>(),
                "contacts": shown.contacts.iter().map(|&c| contact_json(self.tree, c)).collect::<Vec<_>>(),
            },
        });
        // Format-2 fields appear only when there is something to say, so the JSON of a
        // format-1 tree is what it always was.
        if !self.tree.facts.is_empty() {
            value["facts"] = self.tree.facts_json(&self.facts).into();
        }
        let tools = self.tree.tools_of(outcome);
        if !tools.is_empty() {
            value["outcome"]["tools"] = tools
                .iter()
                .map(|t| json!({"id": t.id, "name": t.name, "card": t.card()}))
                .collect::<Vec<_>>()
                .into();
        }
        if let Some(name) = &self.stamp.decided_by {
            value["decided_by"] = json!(name);
        }
        if let Some(note) = &self.stamp.note {
            value["note"] = json!(note);
        }
        if !shown.links.is_empty() {
            value["outcome"]["links"] = shown
                .links
                .iter()
                .map(|l| json!({"title": l.title, "url": l.url}))
                .collect();
        }
        value
    }

    /// The Markdown decision record, dated `now`.
    pub fn to_markdown(&self, now: DateTime<Local>) -> String {
        let tree = self.tree;
        let shown = self.shown();
        let outcome = shown.outcome;
        let mut md = String::new();
        let _ = writeln!(md, "# Decision record: {}\n", outcome.headline);
        let _ = writeln!(md, "- **Date:** {}", now.format(DATE_FORMAT));
        if let Some(name) = &self.stamp.decided_by {
            let _ = writeln!(md, "- **Decided by:** {name}");
        }
        if let Some(note) = &self.stamp.note {
            let _ = writeln!(md, "- **Note:** {note}");
        }
        let _ = writeln!(
            md,
            "- **Tree:** {} (`{}`, tree version {})",
            tree.title, tree.id, tree.version
        );
        let _ = writeln!(md, "- **Source:** {}", tree.provenance.describe());
        let _ = writeln!(
            md,
            "- **Verdict:** {} — {}",
            outcome.verdict.label(),
            outcome.headline
        );
        let _ = writeln!(md, "- **Made with:** signpost {APP_VERSION}\n");
        let _ = writeln!(md, "## Answers\n");
        for (i, (q, a)) in self.answers().iter().enumerate() {
            let _ = writeln!(md, "{}. {q} **{a}**", i + 1);
        }
        let facts = tree.fact_values(&self.facts);
        if !facts.is_empty() {
            let _ = writeln!(md, "\n## Facts\n");
            for (key, values) in facts {
                let values = if values.is_empty() {
                    "none".to_string()
                } else {
                    values.join(", ")
                };
                let _ = writeln!(md, "- `{key}`: {values}");
            }
        }
        let _ = writeln!(md, "\n## Outcome\n\n{}\n", shown.explanation);
        for section in outcome_sections(tree, &shown) {
            let _ = writeln!(md, "### {}\n", section.heading);
            for (i, item) in section.items.iter().enumerate() {
                let _ = match section.numbered {
                    true => writeln!(md, "{}. {item}", i + 1),
                    false => writeln!(md, "- {item}"),
                };
            }
            md.push('\n');
        }
        if !shown.guidance.is_empty() {
            let _ = writeln!(md, "## Guidance\n");
            for p in &shown.guidance {
                // A row of the approved-tools table reads as the tool's card first.
                let shown = quoted(tree, p);
                if let Some(card) = &shown.card {
                    let _ = writeln!(md, "{card}\n");
                }
                let url = tree.source(p).url.as_deref();
                let _ = writeln!(
                    md,
                    "> {}\n>\n> — {}{}\n",
                    shown.quote.replace('\n', "\n> "),
                    shown.citation,
                    url.map(|u| format!(" — <{u}>")).unwrap_or_default()
                );
            }
        }
        if !shown.contacts.is_empty() {
            let _ = writeln!(md, "## Contacts\n");
            for &c in &shown.contacts {
                let _ = writeln!(md, "- {}", contact_line(&tree.contacts[c as usize].contact));
            }
            md.push('\n');
        }
        if !shown.links.is_empty() {
            let _ = writeln!(md, "## Links\n");
            for link in &shown.links {
                let _ = writeln!(md, "- [{}]({})", link.title, link.url);
            }
        }
        md
    }
}

/// (question, answer) pairs of a path.
pub fn answers<'t>(tree: &'t Tree, steps: &[PathStep]) -> Vec<(&'t str, String)> {
    steps
        .iter()
        .map(|s| (tree.node(s.question).title(), answer(tree, *s).into_owned()))
        .collect()
}

/// A passage as JSON; a row of the approved-tools table also carries the tool's card.
fn passage_json(tree: &Tree, passage: &Passage) -> serde_json::Value {
    let source = tree.source(passage);
    let mut value =
        json!({"source": source.title, "section": passage.section, "quote": passage.quote});
    if let Some(url) = &source.url {
        value["url"] = json!(url);
    }
    if let Some(tool) = tree.tool_row(passage) {
        value["card"] = json!(tool.card());
    }
    value
}

fn contact_json(tree: &Tree, index: u32) -> serde_json::Value {
    let entry = &tree.contacts[index as usize];
    let mut value = serde_json::to_value(&entry.contact).unwrap_or_default();
    value["id"] = json!(entry.id);
    value
}

/// Where decision records are saved: `$SIGNPOST_DATA_DIR/records`, else the user's data
/// directory (e.g. `~/.local/share/signpost/records`).
pub fn records_dir() -> io::Result<PathBuf> {
    Ok(crate::paths::data_dir()?.join("records"))
}

/// Saves `contents` as a new record in `dir` under a name that never overwrites an earlier
/// record: written to a temporary file, flushed, then linked into place.
pub fn save(
    dir: &Path,
    tree_id: &str,
    contents: &str,
    now: DateTime<Local>,
) -> io::Result<PathBuf> {
    fs::create_dir_all(dir)?;
    let stem = format!("{}-{}", now.format("%Y-%m-%d-%H%M%S"), safe_name(tree_id));
    let temp = {
        let (temp, mut file) = create_temp(dir, &stem)?;
        file.write_all(contents.as_bytes())?;
        file.sync_all()?;
        temp
    };
    let result = (1..1000).find_map(|n| {
        let name = if n == 1 {
            format!("{stem}.md")
        } else {
            format!("{stem}-{n}.md")
        };
        let target = dir.join(name);
        // A hard link fails if the target exists: no record is ever replaced.
        match fs::hard_link(&temp, &target) {
            Ok(()) => Some(Ok(target)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => None,
            Err(e) => Some(Err(e)),
        }
    });
    let _ = fs::remove_file(&temp);
    result.unwrap_or_else(|| {
        Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "too many records with the same name",
        ))
    })
}

/// Replaces the file at `path` with `text` whole: written to a new temporary file beside it,
/// flushed to disk, then renamed over it, so the file is never half-written. A symlink at `path`
/// is refused rather than written through.
pub fn write_atomically(path: &Path, text: &str) -> io::Result<()> {
    write_whole(path, text, false)
}

/// [`write_atomically`], for a secret: on Unix the file is readable and writable by its owner
/// only from the moment it is created.
pub fn write_atomically_private(path: &Path, text: &str) -> io::Result<()> {
    write_whole(path, text, true)
}

fn write_whole(path: &Path, text: &str, private: bool) -> io::Result<()> {
    if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(io::Error::other(format!(
            "{} is a symbolic link: not written through",
            path.display()
        )));
    }
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let stem = path
        .file_name()
        .map_or("file".into(), |n| n.to_string_lossy().into_owned());
    let (temp, mut file) = create_temp(dir, &stem)?;
    #[cfg(unix)]
    let made_private = match private {
        true => {
            use std::os::unix::fs::PermissionsExt;
            file.set_permissions(fs::Permissions::from_mode(0o600))
        }
        false => Ok(()),
    };
    #[cfg(not(unix))]
    let made_private: io::Result<()> = {
        let _ = private;
        Ok(())
    };
    let written = made_private
        .and_then(|()| file.write_all(text.as_bytes()))
        .and_then(|()| file.sync_all())
        .and_then(|()| fs::rename(&temp, path));
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
    written
}

/// A new temporary file in `dir`, created exclusively (`create_new`: it fails rather than
/// follow a symlink or open a file someone planted) under a name no one can predict: the
/// process id, the clock's nanoseconds and a counter, tried again on a clash.
fn create_temp(dir: &Path, stem: &str) -> io::Result<(PathBuf, fs::File)> {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let mut last = None;
    for attempt in 0..100u32 {
        let name = format!(".{stem}.{}.{nanos:x}{attempt}.tmp", std::process::id());
        let path = dir.join(name);
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(file) => return Ok((path, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("no free temporary file name")))
}

fn safe_name(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hostile input (issue 14, item 7): a symlink planted where the temporary file used to be
    /// named (predictably) is never written through.
    #[cfg(unix)]
    #[test]
    fn a_planted_symlink_is_never_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        fs::write(&victim, "keep me").unwrap();
        let now = Local::now();
        let stem = format!("{}-share", now.format("%Y-%m-%d-%H%M%S"));
        let old_name = dir
            .path()
            .join(format!(".{stem}.{}.tmp", std::process::id()));
        std::os::unix::fs::symlink(&victim, &old_name).unwrap();
        let saved = save(dir.path(), "share", "the record", now).unwrap();
        assert_eq!(fs::read_to_string(&victim).unwrap(), "keep me");
        assert_eq!(fs::read_to_string(saved).unwrap(), "the record");
        // Two temporary files never share a name, and an existing one is never opened.
        let (a, _) = create_temp(dir.path(), "x").unwrap();
        let (b, _) = create_temp(dir.path(), "x").unwrap();
        assert_ne!(a, b);
    }

    #[cfg(unix)]
    #[test]
    fn a_file_is_replaced_whole_and_never_through_a_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let tree = dir.path().join("tree.ron");
        fs::write(&tree, "old").unwrap();
        write_atomically(&tree, "new").unwrap();
        assert_eq!(fs::read_to_string(&tree).unwrap(), "new");
        let leftovers = fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file is left");
        let victim = dir.path().join("victim.txt");
        fs::write(&victim, "keep me").unwrap();
        let link = dir.path().join("link.ron");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        assert!(write_atomically(&link, "new").is_err());
        assert_eq!(fs::read_to_string(&victim).unwrap(), "keep me");
    }

    #[test]
    fn saving_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let now = Local::now();
        let a = save(dir.path(), "share", "first", now).unwrap();
        let b = save(dir.path(), "share", "second", now).unwrap();
        assert_ne!(a, b);
        assert_eq!(fs::read_to_string(&a).unwrap(), "first");
        assert_eq!(fs::read_to_string(&b).unwrap(), "second");
        assert_eq!(
            crate::records::list(dir.path()).unwrap().len(),
            2,
            "no temporary file is left behind"
        );
    }
}
