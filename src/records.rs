//! The saved decision records, read back for `signpost records`: each one's date, tree,
//! verdict and headline, newest first by the time it was decided.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use crate::record::DATE_FORMAT;

/// One saved record, as `signpost records` lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Saved {
    /// The file.
    pub path: PathBuf,
    /// When the decision was made, as the record says ("2026-11-23 19:38:47 +00:00").
    pub date: String,
    /// The tree's id.
    pub tree: String,
    /// The verdict in words ("RECOMMENDED").
    pub verdict: String,
    /// The outcome's headline.
    pub headline: String,
    /// Who or what it was sent to, when the record says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Saved {
    /// Reads what the list shows from the record's text; a line it cannot find stays empty.
    pub fn read(path: &Path, text: &str) -> Saved {
        let field = |name: &str| {
            let lead = format!("- **{name}:** ");
            text.lines()
                .find_map(|l| l.strip_prefix(lead.as_str()))
                .map(str::to_string)
        };
        let tree = field("Tree")
            .and_then(|t| t.split('`').nth(1).map(str::to_string))
            .unwrap_or_default();
        let (verdict, headline) = match field("Verdict") {
            Some(v) => match v.split_once(" — ") {
                Some((verdict, headline)) => (verdict.to_string(), headline.to_string()),
                None => (v, String::new()),
            },
            None => (String::new(), String::new()),
        };
        Saved {
            path: path.to_path_buf(),
            date: field("Date").unwrap_or_default(),
            tree,
            verdict,
            headline,
            note: field("Note"),
        }
    }

    /// When it was decided, if the date reads.
    fn decided(&self) -> Option<DateTime<FixedOffset>> {
        DateTime::parse_from_str(&self.date, DATE_FORMAT).ok()
    }
}

/// The records in `dir`, newest first: by the date each one states, then (for a file whose
/// date does not read) by when the file was written.
pub fn list(dir: &Path) -> io::Result<Vec<Saved>> {
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let mut records = Vec::new();
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden || path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let text = crate::tree::read::read_text(&path, crate::tree::read::MAX_FILE_BYTES)
            .unwrap_or_default();
        let written = fs::metadata(&path).and_then(|m| m.modified()).ok();
        records.push((Saved::read(&path, &text), written));
    }
    records.sort_by(|(a, a_written), (b, b_written)| {
        b.decided()
            .cmp(&a.decided())
            .then_with(|| b_written.cmp(a_written))
            .then_with(|| b.path.cmp(&a.path))
    });
    Ok(records.into_iter().map(|(saved, _)| saved).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    const RECORD: &str = "# Decision record: Use Microsoft Teams\n\n- **Date:** 2026-11-23 19:38:47 +00:00\n- **Note:** the pre-sentence report, to the CPS\n- **Tree:** Which tool should I use to share information? (`share`, tree version 2.0.0)\n- **Verdict:** RECOMMENDED — Use Microsoft Teams\n";

    #[test]
    fn a_record_reads_back_its_date_tree_verdict_headline_and_note() {
        let saved = Saved::read(Path::new("r.md"), RECORD);
        assert_eq!(saved.date, "2026-11-23 19:38:47 +00:00");
        assert_eq!(saved.tree, "share");
        assert_eq!(saved.verdict, "RECOMMENDED");
        assert_eq!(saved.headline, "Use Microsoft Teams");
        assert_eq!(
            saved.note.as_deref(),
            Some("the pre-sentence report, to the CPS")
        );
        assert!(saved.decided().is_some());
        let broken = Saved::read(Path::new("x.md"), "not a record");
        assert_eq!((broken.tree.as_str(), broken.decided()), ("", None));
    }

    #[test]
    fn newest_first_by_the_date_the_record_states() {
        let dir = tempfile::tempdir().expect("temp dir");
        let older = RECORD.replace("2026-11-23", "2026-01-02");
        // The older decision is written last: the list still puts it second.
        fs::write(dir.path().join("b.md"), RECORD).expect("write");
        fs::write(dir.path().join("a.md"), older).expect("write");
        fs::write(dir.path().join(".tmp.md"), RECORD).expect("write");
        let listed = list(dir.path()).expect("list");
        let names: Vec<_> = listed.iter().map(|s| s.path.file_name().unwrap()).collect();
        assert_eq!(names, ["b.md", "a.md"]);
    }

    #[test]
    /// Files whose date does not read (older records, hand-made files) go by when they were
    /// written: a name's counter ("-10" after "-9") does not sort as text.
    fn records_without_a_date_are_listed_by_when_they_were_written() {
        let dir = tempfile::tempdir().unwrap();
        let older = dir.path().join("2026-01-01-000000-share-9.md");
        let newer = dir.path().join("2026-01-01-000000-share-10.md");
        fs::write(&older, "9").unwrap();
        let earlier = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
        fs::File::options()
            .write(true)
            .open(&older)
            .unwrap()
            .set_modified(earlier)
            .unwrap();
        fs::write(&newer, "10").unwrap();
        let listed: Vec<PathBuf> = list(dir.path())
            .unwrap()
            .into_iter()
            .map(|s| s.path)
            .collect();
        assert_eq!(listed, [newer, older]);
    }
}
