//! Tree format 2 through the real CLI: the worked example (the share tree rewritten on facts and
//! routes gives today's outcome on every path), and each new construct in `check`, `table`,
//! `ask`, plain mode, `diff`, `export`, `check --sources`, `quiz`, `cheatsheet` and records.

#[path = "support/cli.rs"]
mod cli;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use cli::{signpost, stdout_of};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn path(relative: &str) -> PathBuf {
    repo().join(relative)
}

fn arg(relative: &str) -> String {
    path(relative).display().to_string()
}

/// The shipped share tree and its format-2 rewrite.
const SHARE_V1: &str = "decision-trees/share.ron";
const SHARE_V2: &str = "tests/fixtures/format2/share.ron";
/// The complete format-2 example of docs/authoring.md (a checklist, a route, conditional text).
const EXAMPLE: &str = "tests/fixtures/valid/format2-example.ron";

/// `table --format csv` rows (answers, outcome id, verdict, headline), without the header.
fn rows(tree: &str) -> BTreeSet<String> {
    stdout_of(&["table", &arg(tree), "--format", "csv"])
        .lines()
        .skip(1)
        .map(str::to_string)
        .collect()
}

#[test]
fn the_rewritten_share_tree_gives_todays_outcome_on_every_path() {
    let (old, new) = (rows(SHARE_V1), rows(SHARE_V2));
    assert_eq!(old.len(), 350, "today's share tree has 350 answer paths");
    let only_old: Vec<_> = old.difference(&new).collect();
    let only_new: Vec<_> = new.difference(&old).collect();
    assert!(
        only_old.is_empty() && only_new.is_empty(),
        "paths whose outcome differs:\nonly today's: {only_old:#?}\nonly the rewrite's: {only_new:#?}"
    );
    // `diff` agrees: no answer path changes its outcome (exit 0).
    let output = signpost()
        .args(["diff", &arg(SHARE_V1), &arg(SHARE_V2)])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(text.contains("0 paths added, 0 paths removed"), "{text}");
}

#[test]
fn the_rewrite_says_each_thing_once() {
    let count = |tree: &str, kind: &str| {
        fs::read_to_string(path(tree))
            .expect("readable")
            .matches(&format!(": {kind}("))
            .count()
    };
    let (old, new) = (count(SHARE_V1, "Question"), count(SHARE_V2, "Question"));
    assert_eq!(old, 31);
    assert!(new <= 16, "the rewrite asks {new} questions");
    assert!(count(SHARE_V2, "Route") > 0);
    let lines = |tree: &str| {
        fs::read_to_string(path(tree))
            .expect("readable")
            .lines()
            .count()
    };
    assert!(
        lines(SHARE_V2) * 10 < lines(SHARE_V1) * 7,
        "at least 30% shorter"
    );
    let check = stdout_of(&["check", &arg(SHARE_V2), "--sources", &arg("guidance")]);
    assert!(check.contains("0 errors, 0 warnings"), "{check}");
}
