//! Tree format 2 through the real CLI: the worked example (the share tree rewritten on facts and
//! routes gives today's outcome on every path), and each new construct in `check`, `table`,
//! `ask`, plain mode, `diff`, `export`, `check --sources`, `quiz`, `cheatsheet` and records.

#[path = "support/cli.rs"]
mod cli;

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

/// The share tree as it shipped in format 1, and as it ships now, rewritten in format 2.
const SHARE_V1: &str = "tests/fixtures/format1/share.ron";
const SHARE_V2: &str = "decision-trees/share.ron";
/// The complete format-2 example of docs/authoring.md (a checklist, a route, conditional text).
const EXAMPLE: &str = "tests/fixtures/valid/format2-example.ron";

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

/// A temporary trees folder holding the example (possibly edited) and its contacts.
fn example_folder(edit: impl Fn(String) -> String) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = fs::read_to_string(path(EXAMPLE)).expect("example readable");
    let tree = dir.path().join("im-example.ron");
    fs::write(&tree, edit(text)).expect("write tree");
    fs::copy(
        path("tests/fixtures/valid/contacts.ron"),
        dir.path().join("contacts.ron"),
    )
    .expect("copy contacts");
    (dir, tree)
}

fn run(args: &[&str], stdin: &str) -> (Option<i32>, String, String) {
    let output = signpost()
        .args(args)
        .env(
            "SIGNPOST_DATA_DIR",
            std::env::temp_dir().join("signpost-format2-tests"),
        )
        .write_stdin(stdin)
        .output()
        .expect("runs");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn the_example_passes_every_check() {
    let out = stdout_of(&[
        "check",
        &arg(EXAMPLE),
        "--sources",
        &arg("guidance"),
        "--deny-warnings",
    ]);
    assert!(out.contains("0 errors, 0 warnings"), "{out}");
}

#[test]
fn table_lists_the_cases_a_checklist_tells_apart_not_every_subset() {
    let text = stdout_of(&["table", &arg(EXAMPLE), "--format", "json"]);
    let table: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(table["tree"]["id"], "im-example");
    assert_eq!(table["tree"]["provenance"]["kind"], "local");
    let rows = table["paths"].as_array().expect("the paths");
    // Three classifications that reach the 5-item checklist would be 3 × 32 subsets; the tree
    // tells only 8 cases apart for each, plus the SECRET path.
    assert_eq!(rows.len(), 3 * 8 + 1, "{text}");
    let hr = rows
        .iter()
        .find(|r| r["answers"][1]["answer"] == "Personnel or HR information; not Passwords and other data we should keep private, not Personal data that is not your own; any of the rest")
        .expect("a row for HR information alone");
    assert_eq!(hr["outcome"]["id"], "avoid-im");
    assert_eq!(hr["facts"]["classification"], "official");
    assert_eq!(hr["facts"]["contains"], serde_json::json!(["hr"]));
    assert_eq!(
        hr["answers"][1]["picked"],
        serde_json::json!(["Personnel or HR information"])
    );
    assert_eq!(
        hr["answers"][1]["undecided"],
        serde_json::json!([
            "Details of legal cases",
            "Commercial or proprietary information under enhanced confidentiality"
        ])
    );
    // Every row, walked with its picked items, reaches its outcome.
    for row in rows {
        let mut args = vec!["ask".to_string(), arg(EXAMPLE)];
        for answer in row["answers"].as_array().expect("answers") {
            let given = match answer["picked"].as_array() {
                Some(picked) if picked.is_empty() => "none".to_string(),
                Some(picked) => picked
                    .iter()
                    .map(|p| p.as_str().expect("label"))
                    .collect::<Vec<_>>()
                    .join(", "),
                None => answer["answer"].as_str().expect("label").to_string(),
            };
            args.extend(["--answer".to_string(), given]);
        }
        args.extend(["--format".to_string(), "json".to_string()]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let report: serde_json::Value =
            serde_json::from_str(&stdout_of(&args)).expect("JSON report");
        assert_eq!(report["outcome"]["id"], row["outcome"]["id"], "{args:?}");
        assert_eq!(report["facts"], row["facts"], "{args:?}");
    }
}

#[test]
fn ask_takes_checklist_answers_and_facts_by_key() {
    let by_labels = stdout_of(&[
        "ask",
        &arg(EXAMPLE),
        "--answer",
        "OFFICIAL-SENSITIVE",
        "--answer",
        "Personal data that is not your own, Details of legal cases",
    ]);
    assert!(
        by_labels.contains("Outcome: NOT ALLOWED — Don't send this by instant message"),
        "{by_labels}"
    );
    assert!(by_labels.contains("It includes personal data that is not your own"));
    // The same walk as facts, given in any order.
    let by_facts = stdout_of(&[
        "ask",
        &arg(EXAMPLE),
        "--answer",
        "contains=personal, legal",
        "--answer",
        "classification=official-sensitive",
    ]);
    assert_eq!(by_facts, by_labels);
    // "none", and numbers.
    let none = stdout_of(&["ask", &arg(EXAMPLE), "--answer", "1", "--answer", "none"]);
    assert!(
        none.contains("Outcome: ALLOWED WITH CONDITIONS — You can send it by instant message"),
        "{none}"
    );
    assert!(none.contains("If it turns out to be sensitive"), "{none}");
    assert!(
        !none.contains("Use the MoJ installation of Microsoft Teams"),
        "the OFFICIAL-SENSITIVE condition is not shown for OFFICIAL: {none}"
    );
}

#[test]
fn ask_explains_a_bad_checklist_answer_and_a_fact_no_question_asks() {
    let (code, _, stderr) = run(
        &[
            "ask",
            &arg(EXAMPLE),
            "--answer",
            "1",
            "--answer",
            "2, gossip",
        ],
        "",
    );
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("At \"Does it include any of these?\""),
        "{stderr}"
    );
    assert!(
        stderr.contains("\"2, gossip\" is not a list of its items"),
        "{stderr}"
    );
    assert!(stderr.contains("6. None of these"), "{stderr}");

    let (code, _, stderr) = run(
        &[
            "ask",
            &arg(EXAMPLE),
            "--answer",
            "3",
            "--answer",
            "contains=hr",
        ],
        "",
    );
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("\"contains=hr\" was given, but no question"),
        "{stderr}"
    );
}

#[test]
fn plain_mode_takes_numbers_separated_by_commas() {
    let (code, stdout, stderr) = run(&["ask", &arg(EXAMPLE)], "1\n?\n9\n2,4\nq\n");
    assert_eq!(code, Some(0), "{stderr}");
    for expected in [
        // A local file says where it comes from, under the title.
        "format2-example.ron (SHA-256 ",
        "Question 2 of up to 2: Does it include any of these?",
        "Choose every item that applies (numbers separated by commas), or none:",
        "  none. None of these",
        "Your answer (numbers 1-5 separated by commas, or none; ? for keys): ",
        // `?` at a checklist says how to give several answers; the first prompt's keys did not.
        "Where several answers can apply, give their numbers or labels separated by commas, or \"none\".",
        "Enter the numbers of every item that applies, separated by commas (1 to 5), or \"none\" for None of these.",
        "Outcome: NOT ALLOWED — Don't send this by instant message",
        "Why: your answers were OFFICIAL; Personnel or HR information, Details of legal cases.",
        "Link: Report a security incident (MoJ Intranet) — https://intranet.justice.gov.uk/guidance/security/report-a-security-incident/",
    ] {
        assert!(stdout.contains(expected), "lacks {expected:?}:\n{stdout}");
    }
    assert!(
        !stdout.contains("Protecting information (MoJ Intranet)"),
        "a link whose `when:` does not hold is not shown"
    );
    assert_eq!(
        stdout.matches("Where several answers can apply").count(),
        1,
        "only `?` at the checklist says it, not the first prompt's keys:\n{stdout}"
    );
}

#[test]
fn diff_reports_conditional_text_that_changes_on_a_path() {
    // The OFFICIAL-only fallback now shows for OFFICIAL-SENSITIVE instead.
    let (_dir, new) = example_folder(|text| {
        text.replace(
            "text: \"If it turns out to be sensitive: use Microsoft Teams, approved for OFFICIAL-SENSITIVE\",\n                    when: {\"classification\": \"official\"},",
            "text: \"If it turns out to be sensitive: use Microsoft Teams, approved for OFFICIAL-SENSITIVE\",\n                    when: {\"classification\": \"official-sensitive\"},",
        )
    });
    let new = new.display().to_string();
    let (code, stdout, stderr) = run(&["diff", &arg(EXAMPLE), &new, "--format", "json"], "");
    assert_eq!(code, Some(0), "no outcome changed: {stdout}{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    let changes = report["path_text_changes"].as_array().expect("a list");
    assert_eq!(changes.len(), 2, "{stdout}");
    let fallback = "fallback: If it turns out to be sensitive: use Microsoft Teams, approved for OFFICIAL-SENSITIVE";
    assert_eq!(
        changes[0]["answers"],
        serde_json::json!(["OFFICIAL", "None of these"])
    );
    assert_eq!(changes[0]["hidden"], serde_json::json!([fallback]));
    assert_eq!(changes[1]["shown"], serde_json::json!([fallback]));
    let (_, text, _) = run(&["diff", &arg(EXAMPLE), &new], "");
    assert!(
        text.contains("Conditional text changed (2 answer paths):"),
        "{text}"
    );
    assert!(text.contains(&format!("    + {fallback}")), "{text}");
}

#[test]
fn exports_draw_routes_as_decisions_and_show_conditions() {
    let mermaid = stdout_of(&["export", &arg(EXAMPLE), "--format", "mermaid"]);
    assert!(
        mermaid.contains("{\"Decided by: contains, classification\"}"),
        "{mermaid}"
    );
    assert!(
        mermaid.contains(
            "-->|\"if contains includes “Passwords and other data we should keep private”\"|"
        ),
        "{mermaid}"
    );
    assert!(mermaid.contains("-->|\"otherwise\"|"), "{mermaid}");
    let dot = stdout_of(&["export", &arg(EXAMPLE), "--format", "dot"]);
    assert!(dot.contains("shape=diamond"), "{dot}");
    let handbook = stdout_of(&["export", &arg(EXAMPLE), "--format", "markdown"]);
    for expected in [
        "## Decisions",
        "1. If contains includes “Passwords and other data we should keep private” → [Outcome",
        "- *(Only when classification is “OFFICIAL”.)* Use an approved tool",
        "**Tick every item that applies, or none**",
        "- or **None of these**",
    ] {
        assert!(
            handbook.contains(expected),
            "lacks {expected:?}:\n{handbook}"
        );
    }
}

#[test]
fn check_sources_verifies_quotes_inside_when_and_in_shared_quotes() {
    let (_dir, tree) = example_folder(|text| {
        text.replace(
            "quote: \"You shouldn't discuss personal information about other people using IM without their knowledge.\"",
            "quote: \"You may discuss anything by IM.\"",
        )
        .replace(
            "quote: \"if you think there's a problem, report it\"",
            "quote: \"if you think there's a problem, ignore it\"",
        )
    });
    let tree = tree.display().to_string();
    let (code, stdout, stderr) = run(
        &[
            "check",
            &tree,
            "--sources",
            &arg("guidance"),
            "--format",
            "short",
        ],
        "",
    );
    assert_eq!(code, Some(1), "{stdout}{stderr}");
    let stale: Vec<&str> = stdout.lines().filter(|l| l.contains("[E025]")).collect();
    assert_eq!(
        stale.len(),
        2,
        "each stale quote once, the shared one too:\n{stdout}"
    );
    let text = fs::read_to_string(&tree).expect("readable");
    let line_of = |needle: &str| {
        text.lines()
            .position(|l| l.contains(needle))
            .expect("edited line")
            + 1
    };
    for needle in ["You may discuss anything by IM.", "ignore it"] {
        let at = format!(":{}:", line_of(needle));
        assert!(
            stale.iter().any(|l| l.contains(&at)),
            "no E025 on the line of {needle:?}:\n{stdout}"
        );
    }
}

#[test]
fn a_quiz_deck_can_expect_checklist_answers() {
    let (dir, _) = example_folder(|text| text);
    fs::create_dir(dir.path().join("scenarios")).expect("scenarios folder");
    let deck = dir.path().join("scenarios/im.ron");
    fs::write(
        &deck,
        r#"Deck(id: "im-quiz", title: "Instant messaging", tree: "im-example", scenarios: [
            Scenario(
                situation: "A summary of an HR case, for a colleague.",
                expected: "avoid-im",
                answers: ["OFFICIAL", "Personnel or HR information"],
            ),
            Scenario(situation: "Where the lunch is today.", expected: "im-ok"),
            Scenario(
                situation: "A colleague's home address, marked OFFICIAL-SENSITIVE.",
                expected: "avoid-im",
                answers: ["contains=personal", "classification=official-sensitive"],
            ),
        ])"#,
    )
    .expect("write deck");
    let deck = deck.display().to_string();
    let check = stdout_of(&["check", &dir.path().display().to_string()]);
    assert!(check.contains("0 errors"), "{check}");
    let (code, stdout, stderr) = run(&["quiz", &deck], "1\n2\n\n1\nnone\n\n2\n3\n");
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!(stdout.contains("Score: 3 of 3 right."), "{stdout}");
}

#[test]
fn a_deck_fact_no_question_asks_is_reported_at_that_answer() {
    let (dir, _) = example_folder(|text| text);
    fs::create_dir(dir.path().join("scenarios")).expect("scenarios folder");
    let deck = dir.path().join("scenarios/im.ron");
    fs::write(
        &deck,
        "Deck(id: \"im-quiz\", title: \"IM\", tree: \"im-example\", scenarios: [\n    Scenario(situation: \"s\", expected: \"secret\",\n        answers: [\"classification=secret\", \"contains=hr\"]),\n])",
    )
    .expect("write deck");
    let (code, stdout, _) = run(
        &[
            "check",
            &dir.path().display().to_string(),
            "--format",
            "short",
        ],
        "",
    );
    assert_eq!(code, Some(1), "{stdout}");
    assert!(
        stdout.contains("im.ron:3:44: error[E033]: answer 2 \"contains=hr\" is not asked on the way to \"secret\""),
        "{stdout}"
    );
}

#[test]
fn a_cheat_sheet_can_be_made_from_a_format_2_tree() {
    let out = stdout_of(&[
        "cheatsheet",
        "--order-tree",
        &arg(EXAMPLE),
        "--apps-tree",
        &arg(EXAMPLE),
    ]);
    assert!(out.contains("Don't send this by instant message"), "{out}");
}

#[test]
fn diff_sees_a_removed_rule_even_where_the_new_version_no_longer_looks_at_the_item() {
    // Without the rule for legal cases, OFFICIAL + "Details of legal cases" is allowed: the
    // new version no longer tells that item apart, but the old one did, so the paths line up.
    let (_dir, new) = example_folder(|text| {
        text.replace(
            "            When(if: {\"contains\": Has(\"legal\")}, go: \"avoid-im\"),\n",
            "",
        )
    });
    let new = new.display().to_string();
    let (code, stdout, stderr) = run(&["diff", &arg(EXAMPLE), &new, "--format", "json"], "");
    assert_eq!(code, Some(1), "an outcome changed: {stdout}{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    let changed = report["changed"].as_array().expect("a list");
    assert_eq!(changed.len(), 3, "{stdout}");
    assert_eq!(
        changed[0]["answers"],
        serde_json::json!(["OFFICIAL", "Details of legal cases"])
    );
    assert_eq!(changed[0]["before"]["id"], "avoid-im");
    assert_eq!(changed[0]["after"]["id"], "im-ok");
    assert_eq!(
        changed[0]["facts"],
        serde_json::json!({"classification": "official", "contains": ["legal"]})
    );
    assert_eq!(report["added"], serde_json::json!([]), "{stdout}");
}

#[test]
fn a_checklist_answer_can_be_given_as_table_writes_it_or_by_the_none_rows_number() {
    let table_form = stdout_of(&[
        "ask",
        &arg(EXAMPLE),
        "--answer",
        "1",
        "--answer",
        "Personnel or HR information; not Passwords and other data we should keep private; any of the rest",
    ]);
    assert!(table_form.contains("Outcome: NOT ALLOWED"), "{table_form}");
    let by_number = stdout_of(&["ask", &arg(EXAMPLE), "--answer", "1", "--answer", "6"]);
    assert!(
        by_number.contains("Outcome: ALLOWED WITH CONDITIONS"),
        "{by_number}"
    );
}

#[test]
fn a_misspelt_text_or_contact_is_reported() {
    let (_dir, tree) = example_folder(|text| {
        text.replacen("Text(", "Txet(", 1)
            .replacen("Contact(id", "Kontakt(id", 1)
    });
    let (code, stdout, _) = run(&["check", &tree.display().to_string()], "");
    assert_eq!(code, Some(1), "{stdout}");
    assert!(
        stdout.contains("`Txet(...)` is not something a tree holds"),
        "{stdout}"
    );
    assert!(stdout.contains("help: write `Text(` here"), "{stdout}");
    assert!(stdout.contains("`Kontakt(...)`"), "{stdout}");
}

#[test]
fn the_rewrite_keeps_its_policy_rules_and_an_edit_that_breaks_one_fails_check_and_diff() {
    let text = fs::read_to_string(path(SHARE_V2)).expect("readable");
    let edited = text.replacen(
        r#"Option(label: "SECRET", next: "secret-or-above"),"#,
        r#"Option(label: "SECRET", next: "route-teams"),"#,
        1,
    );
    assert_ne!(edited, text);
    let dir = tempfile::tempdir().expect("temp dir");
    fs::copy(
        path("tests/fixtures/format2/contacts.ron"),
        dir.path().join("contacts.ron"),
    )
    .expect("contacts");
    let broken = dir.path().join("share.ron");
    fs::write(&broken, edited).expect("write");
    let broken = broken.display().to_string();

    let (code, stdout, _) = run(&["check", &broken, "--format", "short"], "");
    assert_eq!(code, Some(1), "{stdout}");
    assert!(
        stdout.contains(r#"error[E053]: policy rule "no-tool-above-official-sensitive" is broken: the answers "Share documents or files › Another external organisation › SECRET › Yes" (sharing: documents; recipient: ext; classification: secret; teams: yes) end on "RECOMMENDED — Use Microsoft Teams" ("teams-ext")"#),
        "{stdout}"
    );

    // diff still compares the broken version, names the rule, and exits 2.
    let (code, stdout, _) = run(&["diff", &arg(SHARE_V2), &broken], "");
    assert_eq!(code, Some(2), "{stdout}");
    assert!(stdout.contains("MORE PERMISSIVE"), "{stdout}");
    assert!(
        stdout.contains(r#"policy rule "no-tool-above-official-sensitive" is broken"#),
        "{stdout}"
    );
}
