//! `signpost check` through the real CLI: every broken fixture reports its code at the exact
//! line and column; output formats and exit codes.

#[path = "support/cli.rs"]
mod cli;

use std::fs;
use std::path::{Path, PathBuf};

use cli::{expectation, signpost};
use predicates::prelude::*;

fn fixtures(kind: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(kind)
}

/// `signpost check PATH --format short`: its exit code and standard output.
fn check_short(path: &str) -> (Option<i32>, String) {
    let output = signpost()
        .args(["check", path, "--format", "short"])
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    (output.status.code(), stdout)
}

#[test]
fn every_invalid_fixture_reports_its_code_at_the_right_position() {
    let mut seen = 0;
    for entry in fs::read_dir(fixtures("invalid")).expect("fixtures folder") {
        let path = entry.expect("entry").path();
        if path.file_name().is_some_and(|n| n == "contacts.ron") {
            continue;
        }
        seen += 1;
        let (code, position) = expectation(&path).expect("fixture has an `// expect:` header");
        let severity = if code.starts_with('E') {
            "error"
        } else {
            "warning"
        };
        let expected = format!("{}:{position}: {severity}[{code}]", path.display());
        let output = signpost()
            .arg("check")
            .arg(&path)
            .arg("--format")
            .arg("short")
            .output()
            .expect("runs");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            stdout.contains(&expected),
            "{}: expected `{expected}` in:\n{stdout}",
            path.display()
        );
        let expected_exit = if severity == "error" { 1 } else { 0 };
        assert_eq!(
            output.status.code(),
            Some(expected_exit),
            "{}: {stdout}",
            path.display()
        );
    }
    assert!(seen >= 20, "only {seen} fixtures");
}

#[test]
fn warnings_fail_with_deny_warnings() {
    signpost()
        .args(["check", "--deny-warnings"])
        .arg(fixtures("invalid").join("review-overdue.ron"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "warning[W003]: the review date 2020-01-31 has passed",
        ));
}

#[test]
fn human_format_quotes_the_line_with_a_caret_and_a_hint() {
    signpost()
        .arg("check")
        .arg(fixtures("invalid").join("unknown-node.ron"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "error[E011]: option \"Right\" leads to \"rigth\", which is not a node of this tree",
        ))
        .stdout(predicate::str::contains(
            "18 |                 Option(label: \"Right\", next: \"rigth\"),",
        ))
        .stdout(predicate::str::contains(
            "   |                                              ^^^^^^^\n",
        ))
        .stdout(predicate::str::contains("= help: did you mean \"right\"?"))
        .stdout(predicate::str::contains("1 tree, 1 error, 1 warning"));
}

#[test]
fn json_format_is_an_array_of_diagnostics() {
    let output = signpost()
        .args(["check", "--format", "json"])
        .arg(fixtures("invalid").join("unknown-contact.ron"))
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    let list = value.as_array().expect("an array");
    assert_eq!(list.len(), 1);
    let d = &list[0];
    assert_eq!(d["code"], "E015");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["line"], 28);
    assert_eq!(d["column"], 24);
    assert!(
        d["file"]
            .as_str()
            .expect("file")
            .ends_with("unknown-contact.ron")
    );
    assert!(d["message"].as_str().expect("message").contains("securty"));
}

#[test]
fn a_valid_tree_passes() {
    signpost()
        .arg("check")
        .arg(fixtures("valid").join("sample.ron"))
        .assert()
        .success()
        .stdout("1 tree, 0 errors, 0 warnings\n");
}

#[test]
fn invalid_utf8_is_reported_with_its_position() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("latin1.ron");
    fs::write(&path, b"Tree(\n    id: \"caf\xe9\",\n)").expect("write");
    signpost()
        .args(["check", "--format", "short"])
        .arg(&path)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!(
            "{}:2:13: error[E020]",
            path.display()
        )));
}

#[test]
fn a_file_over_8_mib_is_not_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("huge.ron");
    fs::write(&path, vec![b' '; 8 * 1024 * 1024 + 1]).expect("write");
    signpost()
        .args(["check", "--format", "short"])
        .arg(&path)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("error[E019]"))
        .stdout(predicate::str::contains("over the 8 MiB limit"));
}

#[cfg(unix)]
#[test]
fn an_unreadable_folder_entry_is_reported_and_the_rest_still_load() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::copy(
        fixtures("valid").join("sample.ron"),
        dir.path().join("good.ron"),
    )
    .expect("copy");
    fs::copy(
        fixtures("valid").join("contacts.ron"),
        dir.path().join("contacts.ron"),
    )
    .expect("copy");
    std::os::unix::fs::symlink(
        dir.path().join("missing-target"),
        dir.path().join("broken.ron"),
    )
    .expect("symlink");
    signpost()
        .args(["check", "--format", "short"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("broken.ron:1:1: error[E021]"))
        .stdout(predicate::str::contains("2 trees, 1 error, 0 warnings"));
}

#[test]
fn two_trees_with_the_same_id_are_an_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["a.ron", "b.ron"] {
        fs::copy(fixtures("valid").join("sample.ron"), dir.path().join(name)).expect("copy");
    }
    fs::copy(
        fixtures("valid").join("contacts.ron"),
        dir.path().join("contacts.ron"),
    )
    .expect("copy");
    signpost()
        .args(["check", "--format", "short"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!(
            "{}:2:9: error[E024]",
            dir.path().join("b.ron").display()
        )));
}

#[test]
fn a_contact_with_no_way_to_reach_them_is_an_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join("contacts.ron"),
        "{\n    \"nobody\": Contact(name: \"Nobody\", about: \"Nothing\"),\n}\n",
    )
    .expect("write");
    signpost()
        .args(["check", "--format", "short"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("contacts.ron:2:5: error[E028]"));
}

#[test]
fn shipped_trees_have_no_errors() {
    signpost()
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains(" 0 errors"));
}

#[test]
fn usage_errors_exit_2() {
    signpost()
        .args(["check", "--format", "nope"])
        .assert()
        .code(2);
    signpost()
        .args(["table", "no-such-tree"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no tree with the id \"no-such-tree\"",
        ));
}

#[test]
fn a_contacts_file_that_does_not_parse_is_one_error_not_one_per_reference() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tree = fs::read_to_string(fixtures("valid").join("sample.ron"))
        .expect("fixture")
        .replace("contacts: [\"security\"]", "contacts: [\"local-team\"]");
    fs::write(dir.path().join("tree.ron"), tree).expect("write");
    fs::write(
        dir.path().join("contacts.ron"),
        "{\n    \"local-team\": Contact(name: \"Local team\" about: \"x\"),\n}\n",
    )
    .expect("write");
    signpost()
        .args(["check", "--format", "short"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("contacts.ron:2:46: error[E001]"))
        .stdout(predicate::str::contains("E015").not())
        .stdout(predicate::str::contains("1 tree, 1 error, 0 warnings"));
}

/// Review dates are measured against an input, not the wall clock: moved past the shipped
/// trees' `review_by`, `check` warns (W003) at each tree's and the policy's `review_by`.
#[test]
fn a_date_past_the_review_dates_warns_for_every_shipped_file() {
    let output = signpost()
        .args([
            "check",
            "--today",
            "2030-01-01",
            "--deny-warnings",
            "--format",
            "short",
        ])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    for file in [
        "share",
        "apps",
        "calls",
        "messaging",
        "scotgov-messaging",
        "policy",
    ] {
        let expected = format!("<embedded>/{file}.ron:");
        assert!(
            stdout.lines().any(|l| l.starts_with(&expected)
                && l.contains("warning[W003]: the review date 2027-03-31 has passed")),
            "no W003 for {file}:\n{stdout}"
        );
    }
    // The same date from the environment, for every command.
    let output = signpost()
        .env("SIGNPOST_TODAY", "2030-01-01")
        .args(["check", "--deny-warnings"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn an_unreadable_date_is_an_error_not_the_real_date() {
    let output = signpost()
        .env("SIGNPOST_TODAY", "next tuesday")
        .arg("check")
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("SIGNPOST_TODAY: \"next tuesday\" is not a date in the form YYYY-MM-DD"),
        "{stderr}"
    );
    let output = signpost()
        .args(["check", "--today", "2030-13-01"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn the_review_report_lists_every_file_most_urgent_first_and_never_fails_by_date() {
    let output = signpost()
        .args(["check", "--review-report", "--today", "2027-04-10"])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.starts_with("Review dates, measured against 2027-04-10:"),
        "{stdout}"
    );
    assert!(
        stdout.contains("  tree \"share\" (<embedded>/share.ron) — owner: MoJ Cyber Security (CISO) — review by 2027-03-31, OVERDUE by 10 days"),
        "{stdout}"
    );
    assert!(stdout.contains("  policy (<embedded>/policy.ron) — owner: MoJ Cyber Security (CISO) — review by 2027-03-31, OVERDUE by 10 days"), "{stdout}");
    let soon = signpost()
        .args(["check", "--review-report", "--today", "2027-03-30"])
        .output()
        .expect("runs");
    assert!(String::from_utf8_lossy(&soon.stdout).contains("2027-03-31, 1 day left"));
}

/// A tree of `questions` questions in a chain, each with `options` answers (the first leads on,
/// the rest to the outcome), written to a temporary folder.
fn generated(questions: usize, options: usize) -> (tempfile::TempDir, String) {
    let mut nodes = String::new();
    for q in 0..questions {
        let next = if q + 1 == questions {
            "end".to_string()
        } else {
            format!("q{}", q + 1)
        };
        nodes.push_str(&format!(
            "\"q{q}\": Question(text: \"Question {q}?\", options: [Option(label: \"A fairly long answer number {q}\", next: \"{next}\")"
        ));
        for o in 1..options {
            nodes.push_str(&format!(", Option(label: \"Other {o}\", next: \"end\")"));
        }
        nodes
            .push_str("], guidance: [Passage(source: \"doc\", section: \"S\", quote: \"Q.\")]),\n");
    }
    nodes.push_str("\"end\": Outcome(verdict: \"ask-for-help\", headline: \"End\", explanation: \"E.\", guidance: [Passage(source: \"doc\", section: \"S\", quote: \"Q.\")]),\n");
    let text = format!(
        "Tree(id: \"big\", title: \"T\", summary: \"S\", owner: \"O\", review_by: \"2099-01-01\", version: \"1\",\n sources: {{\"doc\": Source(title: \"D\", publisher: \"P\")}}, start: \"q0\",\n nodes: {{\n{nodes}}})\n"
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.ron");
    fs::write(&path, text).expect("write");
    (dir, path.display().to_string())
}

/// Hostile input (issue 14): a path of more than 65,535 characters once made `table` panic
/// ("Formatting argument out of range").
#[test]
fn a_path_longer_than_a_formatting_width_is_listed_not_a_panic() {
    let (_dir, path) = generated(3_000, 1);
    let output = signpost().args(["table", &path]).output().expect("runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.starts_with("ANSWERS"),
        "{}",
        &stdout[..80.min(stdout.len())]
    );
    assert!(
        stdout
            .lines()
            .nth(1)
            .is_some_and(|l| l.chars().count() > 65_536)
    );
}

/// Hostile input (issue 14): more options than an answer's 16-bit index can tell apart made
/// `table` loop and `ask --answer 65537` record the wrong answer; it is now an error.
#[test]
fn a_question_with_more_than_65535_options_is_an_error() {
    let (_dir, path) = generated(1, 65_537);
    let (code, stdout) = check_short(&path);
    assert_eq!(code, Some(1), "{stdout}");
    assert!(
        stdout.contains("error[E057]: question \"q0\" has 65537 options, more than 65535"),
        "{stdout}"
    );
}

/// Hostile input (issue 14, items 1 and 2): an escape sequence in a tree never reaches the
/// terminal through a diagnostic (message, quoted line or file name), and invisible or
/// direction-changing characters in text are errors.
#[test]
fn escape_sequences_never_reach_the_terminal_and_hidden_characters_are_errors() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tree = "Tree(id: \"t\", title: \"T\", summary: \"S\", owner: \"O\", review_by: \"2099-01-01\", version: \"1\",\n sources: {\"doc\": Source(title: \"D\", publisher: \"P\")}, start: \"q\",\n nodes: {\n \"q\": Question(text: \"Q?\", options: [Option(label: \"A\", next: \"\\u{1b}[2J\\u{1b}]52;c;QUJD\\u{7}\\u{9b}31m\")], guidance: [Passage(source: \"doc\", section: \"S\", quote: \"Q.\")]),\n \"end\": Outcome(verdict: \"recommended\", headline: \"Use \\u{202e}ppAstahW\", explanation: \"zero\\u{200b}width\", guidance: [Passage(source: \"doc\", section: \"S\", quote: \"Q.\")]),\n})\n";
    let name = dir.path().join("y\u{1b}[2J.ron");
    fs::write(&name, tree).expect("write");
    for format in ["human", "short", "json"] {
        let output = signpost()
            .args(["check", &name.display().to_string(), "--format", format])
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(1));
        let stdout = String::from_utf8_lossy(&output.stdout);
        for hidden in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}', '\u{200b}'] {
            assert!(
                !stdout.contains(hidden),
                "{format}: U+{:04X} reached the terminal:\n{stdout}",
                hidden as u32
            );
        }
        if format != "json" {
            assert!(stdout.contains("\\u{1b}[2J"), "{format}: {stdout}");
            assert!(stdout.contains("y\\u{1b}[2J.ron"), "{format}: {stdout}");
        }
    }
    let output = signpost()
        .args(["check", &name.display().to_string(), "--format", "short"])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("error[E018]: the headline contains the invisible or direction-changing character U+202E at character 5"),
        "{stdout}"
    );
    assert!(stdout.contains("U+200B at character 5"), "{stdout}");
}

/// Hostile input (issue 14, item 6): a FIFO named like a tree is reported, never opened (opening
/// it would block every command until something wrote to it).
#[cfg(unix)]
#[test]
fn a_fifo_named_like_a_tree_is_reported_not_opened() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("x.ron");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available here");
        return;
    }
    let output = signpost()
        .args([
            "check",
            &dir.path().display().to_string(),
            "--format",
            "short",
        ])
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("x.ron is not a regular file, so it was not read"),
        "{stdout}"
    );
}

/// Hostile input (issue 14, item 5): 40 questions whose two answers both lead on make 2^40
/// answer paths; `table` and `diff` once allocated until killed. They now count first: `table`
/// refuses, `diff` compares node by node.
#[test]
fn a_path_explosion_is_refused_before_any_path_is_listed() {
    let mut nodes = String::new();
    for q in 0..40 {
        let next = if q == 39 {
            "end".to_string()
        } else {
            format!("q{}", q + 1)
        };
        nodes.push_str(&format!(
            "\"q{q}\": Question(text: \"Q{q}?\", options: [Option(label: \"A\", next: \"{next}\"), Option(label: \"B\", next: \"{next}\")], guidance: [Passage(source: \"doc\", section: \"S\", quote: \"Q.\")]),\n"
        ));
    }
    nodes.push_str("\"end\": Outcome(verdict: \"ask-for-help\", headline: \"E\", explanation: \"E.\", guidance: [Passage(source: \"doc\", section: \"S\", quote: \"Q.\")]),\n");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("x.ron");
    fs::write(
        &path,
        format!("Tree(id: \"x\", title: \"T\", summary: \"S\", owner: \"O\", review_by: \"2099-01-01\", version: \"1\", sources: {{\"doc\": Source(title: \"D\", publisher: \"P\")}}, start: \"q0\", nodes: {{\n{nodes}}})"),
    )
    .expect("write");
    let path = path.display().to_string();
    let output = signpost()
        .args(["table", &path])
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "has as many as 1099511627776 answer paths, more than 1000000, the most `table` lists"
        ),
        "{stderr}"
    );
    assert!(output.stdout.is_empty(), "nothing is listed");
    assert!(stderr.contains("use `--from NODE`"), "{stderr}");
    // `--from` narrows it: the 2^5 paths on from the 36th question, after the fewest answers
    // that reach it.
    let output = signpost()
        .args(["table", &path, "--from", "q35", "--format", "csv"])
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
    let csv = String::from_utf8_lossy(&output.stdout);
    assert_eq!(csv.lines().count(), 1 + 32, "{csv}");
    assert!(
        csv.lines()
            .nth(1)
            .is_some_and(|l| l.starts_with("A › A › A")),
        "{csv}"
    );
    // `diff` compares such a tree node by node instead, at once.
    let output = signpost()
        .args(["diff", &path, &path])
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("Compared node by node"), "{stdout}");
}

/// Hostile input (issue 14, item 9): a folder that holds no tree (here one named `x.ron`) is
/// said to be one, not reported as "0 trees, 0 errors".
#[test]
fn a_folder_with_no_tree_is_an_error_not_zero_trees() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("x.ron");
    fs::create_dir(&folder).expect("folder");
    let output = signpost()
        .args(["check", &folder.display().to_string()])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no tree files (.ron) found in"), "{stderr}");
}

/// Hostile input (issue 14): a tree of more than 10,000 nodes (a 60,000-question chain overflowed
/// the stack in `table`) is refused at `nodes` with E058, and nothing else in it is checked.
#[test]
fn a_tree_with_too_many_nodes_is_refused_with_e058() {
    let mut nodes = String::new();
    for q in 0..10_001 {
        nodes.push_str(&format!(
            "\"q{q}\": Question(text: \"Q{q}?\", options: [Option(label: \"A\", next: \"q{}\")]),\n",
            q + 1
        ));
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.ron");
    fs::write(
        &path,
        format!("Tree(id: \"big\", title: \"T\", summary: \"S\", owner: \"O\", review_by: \"2099-01-01\", version: \"1\", sources: {{}}, start: \"q0\", nodes: {{\n{nodes}}})"),
    )
    .expect("write");
    let (code, stdout) = check_short(&path.display().to_string());
    assert_eq!(code, Some(1));
    assert!(
        stdout.contains("big.ron:1:127: error[E058]: the tree has 10001 nodes, more than 10000"),
        "{stdout}"
    );
    assert_eq!(
        stdout.matches("error[").count(),
        1,
        "nothing else is checked: {stdout}"
    );
}

/// Hostile input (issue 14, item 2): a zero-width character typed into a tree's text is a
/// warning (W010) at its position, and the tree loads with the character replaced by its visible
/// escape, so no output carries it.
#[test]
fn a_zero_width_character_is_a_warning_and_shown_as_its_escape() {
    let shipped = fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("decision-trees/calls.ron"),
    )
    .expect("calls.ron");
    let edited = shipped.replacen(
        "You may record the call",
        "You may rec\u{200b}ord the call",
        1,
    );
    assert_ne!(edited, shipped);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("calls.ron");
    fs::write(&path, &edited).expect("write");
    let path = path.display().to_string();
    let (code, stdout) = check_short(&path);
    assert_eq!(code, Some(0), "{stdout}");
    assert!(
        stdout.contains(
            "warning[W010]: invisible zero-width character U+200B in text, shown as \\u{200b}"
        ),
        "{stdout}"
    );
    let table = signpost()
        .args(["table", &path, "--format", "csv"])
        .output()
        .expect("runs");
    let csv = String::from_utf8_lossy(&table.stdout);
    assert!(csv.contains("You may rec\\u{200b}ord the call"), "{csv}");
    assert!(!csv.contains('\u{200b}'));
}

/// Authors 2 (issue 18, item 3): a broken `contacts.ron` beside a tree makes `ask`, `table` and
/// `export` fail with its diagnostic instead of showing the tree with the shipped contacts in
/// their place; a contact that replaces a different one of another file is W011, naming both.
#[test]
fn a_broken_contacts_file_beside_a_tree_fails_the_commands_that_use_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::copy(
        fixtures("valid").join("sample.ron"),
        dir.path().join("sample.ron"),
    )
    .expect("copy");
    let contacts = fs::read_to_string(fixtures("valid").join("contacts.ron")).expect("contacts");
    fs::write(
        dir.path().join("contacts.ron"),
        contacts.replacen("Contact(", "Contct(", 1),
    )
    .expect("write");
    let tree = dir.path().join("sample.ron").display().to_string();
    for args in [
        vec!["ask", &tree, "--answer", "1"],
        vec!["table", &tree],
        vec!["export", &tree, "--format", "markdown"],
    ] {
        let output = signpost().args(&args).output().expect("runs");
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("error[E004]"), "{stderr}");
        assert!(
            stderr.contains("contacts.ron, which it depends on, could not be loaded"),
            "{stderr}"
        );
        assert!(output.stdout.is_empty(), "nothing is shown: {args:?}");
    }
    // The app lists the tree as not loaded, with the contacts file's error.
    let mut catalog = signpost::catalog::Catalog::load(&signpost::catalog::Selection::new(
        false,
        vec![dir.path().to_path_buf()],
    ));
    assert_eq!(catalog.trees.len(), 1);
    catalog.set_aside_trees_with_broken_neighbours();
    assert!(catalog.trees.is_empty());
    assert_eq!(catalog.broken.len(), 1);
    assert!(catalog.broken[0].file.ends_with("sample.ron"));
    assert_eq!(catalog.broken[0].diagnostics[0].code.as_str(), "E004");
    // Fixed, but with the shipped `security` contact given another address: a warning.
    fs::write(
        dir.path().join("contacts.ron"),
        contacts.replace("security@justice.gov.uk", "security@example.org"),
    )
    .expect("write");
    let (code, stdout) = check_short(&dir.path().display().to_string());
    assert_eq!(code, Some(0), "{stdout}");
    assert!(
        stdout.contains(
            "contacts.ron:2:5: warning[W011]: contact \"security\" replaces the one in <embedded>/contacts.ron, with another way to reach them"
        ),
        "{stdout}"
    );
}
