//! `signpost check --sources` through the real CLI, on a fixture tree quoting a small Markdown
//! document and a small plain-text document (`tests/fixtures/quotes`): exact quotes pass, and an
//! edited quote, a quote spanning two paragraphs or two list items, a quote under the wrong
//! section and a section that does not exist are each reported at the right line and column.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/quotes")
}

/// `signpost check tree.ron --sources .` in the fixtures folder: (exit code, stdout lines).
fn check(format: &str) -> (Option<i32>, String) {
    let output = Command::cargo_bin("signpost")
        .expect("binary builds")
        .env("SIGNPOST_TODAY", "2026-06-01")
        .current_dir(fixtures())
        .args(["check", "tree.ron", "--sources", ".", "--format", format])
        .output()
        .expect("runs");
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 output");
    (output.status.code(), stdout)
}

#[test]
fn each_bad_quote_is_reported_at_its_position_and_nothing_else_is() {
    let (code, stdout) = check("short");
    assert_eq!(code, Some(1), "{stdout}");
    let expected = [
        // Edited: "colleagues" became "everyone". Said where the two part.
        "tree.ron:35:79: error[E025]: this quote is not in \"Sharing policy\" (policy.md): it matches line 11 up to “Use Microsoft Teams for sharing with ” and then has “everyone.” where the document has “colleagues. It is approved up …”",
        // Runs from one paragraph into the next.
        "tree.ron:36:79: error[E025]: this quote is not in \"Sharing policy\" (policy.md): it matches line 11 up to “It is approved up to OFFICIAL-SENSITIVE.” and then has “ Ask for help if you are unsur…” where the document's block ends: the quote goes on past the end of the document's paragraph, list item or table row: a quote must sit within one",
        // Runs from one list item into the next.
        "tree.ron:44:79: error[E025]: this quote is not in \"Sharing policy\" (policy.md): it matches line 22 up to “Use CJSM for criminal justice partners.” and then has “ Use Egress when CJSM is not p…” where the document's block ends: the quote goes on past the end of the document's paragraph, list item or table row: a quote must sit within one",
        "tree.ron:45:52: error[E027]: the quote is not under \"Internal sharing\": it is on line 22 of policy.md, under \"External sharing\" (line 20)",
        "tree.ron:46:52: error[E027]: \"Partners\" is not a heading of \"Sharing policy\"",
        "tree.ron:47:50: error[E027]: the quote is not under \"1. What are messaging apps?\": it is on line 9 of policy.txt, under \"2. Records\" (line 7)",
        "1 tree, 6 errors, 0 warnings",
    ];
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines, expected, "{stdout}");
}

#[test]
fn the_wrong_section_error_says_where_the_quote_is_and_how_to_fix_it() {
    let (_, stdout) = check("human");
    for expected in [
        "45 |                 Passage(source: \"policy\", section: \"Internal sharing\", quote: \"Use CJSM for criminal justice partners.\"),\n   |                                                    ^^^^^^^^^^^^^^^^^^\n",
        "= help: set `section` to \"External sharing\", or quote a passage from under \"Internal sharing\"",
        "= help: copy the sentence again from the document; the document's text there reads “Use Microsoft Teams for sharing with colleagues. It is approved up to OFFICIAL-SENSITIVE.”",
    ] {
        assert!(stdout.contains(expected), "no `{expected}` in:\n{stdout}");
    }
}

#[test]
fn a_missing_sources_folder_reports_each_document() {
    let output = Command::cargo_bin("signpost")
        .expect("binary builds")
        .env("SIGNPOST_TODAY", "2026-06-01")
        .current_dir(fixtures())
        .args([
            "check",
            "tree.ron",
            "--sources",
            "no-such-folder",
            "--format",
            "short",
        ])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout.contains("tree.ron:13:76: error[E026]: policy.md not found in no-such-folder"),
        "{stdout}"
    );
    assert!(
        stdout.contains("tree.ron:14:84: error[E026]: policy.txt not found in no-such-folder"),
        "{stdout}"
    );
}

/// Authors 2 (issue 18, item 1): `--fix-quotes` prints the document's text for each quote that
/// nearly matches (never for one that runs past its paragraph, which must be split), writes
/// nothing unless `--write` is given, and with it the quote checks clean.
#[test]
fn fix_quotes_prints_the_documents_text_and_writes_it_only_when_asked() {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["tree.ron", "contacts.ron", "policy.md", "policy.txt"] {
        std::fs::copy(fixtures().join(name), dir.path().join(name)).expect("copy");
    }
    let run = |extra: &[&str]| {
        let output = Command::cargo_bin("signpost")
            .expect("binary builds")
            .env("SIGNPOST_TODAY", "2026-06-01")
            .current_dir(dir.path())
            .args(["check", "tree.ron", "--sources", ".", "--format", "short"])
            .args(extra)
            .output()
            .expect("runs");
        String::from_utf8(output.stdout).expect("UTF-8 output")
    };
    let before = std::fs::read_to_string(dir.path().join("tree.ron")).expect("tree");
    let printed = run(&["--fix-quotes"]);
    assert!(
        printed.contains(
            "Quotes to copy from the documents (1):\ntree.ron:35:79:\n  - Use Microsoft Teams for sharing with everyone.\n  + Use Microsoft Teams for sharing with colleagues.\n"
        ),
        "{printed}"
    );
    assert!(printed.contains("Nothing was written"), "{printed}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("tree.ron")).expect("tree"),
        before
    );
    let written = run(&["--fix-quotes", "--write"]);
    assert!(written.contains("Wrote 1 quote to tree.ron"), "{written}");
    let after = run(&[]);
    assert!(!after.contains("tree.ron:35:"), "{after}");
    assert!(
        after.contains("tree.ron:36:79: error[E025]"),
        "the others are left: {after}"
    );
}
