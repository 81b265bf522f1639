//! Plain and scripted modes (issue 5) through the real binary: a line-based walk fed through
//! stdin (wrong answers, ambiguous prefixes, back, help, restart, saving a decision record),
//! `--answer` runs over every path of the `share` tree, exit codes, the JSON shape, no escape
//! codes when output is not a terminal, and the CLI polish (completions, version, help).

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde::Deserialize;
use signpost::catalog::{Catalog, Selection};
use signpost::plain::walk::{self, LineWalk, Shows};
use signpost::session::Session;
use signpost::tree::{Outcome, Tree};

/// The binary, isolated from the user's folders and with a colour-capable `TERM`, so that any
/// escape code in the output would come from the program, not from the environment.
fn signpost(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("signpost").expect("binary builds");
    cmd.env("SIGNPOST_TODAY", "2026-06-01");
    cmd.env("SIGNPOST_DATA_DIR", home.join("data"))
        .env("SIGNPOST_CONFIG_DIR", home.join("config"))
        .env("TERM", "xterm-256color")
        .env_remove("NO_COLOR")
        .env_remove("ACCESSIBLE")
        .env_remove("CLICOLOR_FORCE");
    cmd
}

/// What a run printed and how it ended.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(home: &Path, args: &[&str], stdin: &str) -> Run {
    let output = signpost(home)
        .args(args)
        .write_stdin(stdin)
        .output()
        .expect("runs");
    for (name, bytes) in [("stdout", &output.stdout), ("stderr", &output.stderr)] {
        assert!(
            !bytes.contains(&0x1b),
            "signpost {} wrote an escape byte to {name}, which is not a terminal",
            args.join(" ")
        );
    }
    Run {
        code: output.status.code(),
        stdout: String::from_utf8(output.stdout).expect("UTF-8 stdout"),
        stderr: String::from_utf8(output.stderr).expect("UTF-8 stderr"),
    }
}

/// Runs and expects exit 0.
fn run_ok(home: &Path, args: &[&str]) -> String {
    let out = run(home, args, "");
    assert_eq!(
        out.code,
        Some(0),
        "signpost {} failed:\n{}",
        args.join(" "),
        out.stderr
    );
    out.stdout
}

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary folder")
}

fn share_tree() -> Tree {
    Catalog::load(
        &Selection::new(true, vec![])
            .on(chrono::NaiveDate::from_ymd_opt(2026, 6, 1).expect("a date")),
    )
    .tree("share")
    .expect("the share tree ships")
    .clone()
}

fn outcome<'t>(tree: &'t Tree, id: &str) -> &'t Outcome {
    tree.find(id)
        .and_then(|n| tree.outcome(n))
        .unwrap_or_else(|| panic!("outcome {id} in {}", tree.id))
}

/// `--answer` arguments for `ask`.
fn ask_args<'a>(tree: &'a str, answers: &[&'a str], format: &'a str) -> Vec<&'a str> {
    let mut args = vec!["ask", tree];
    for answer in answers {
        args.extend(["--answer", answer]);
    }
    args.extend(["--format", format]);
    args
}

// ------------------------------------------------------------------------------------------
// The line-based walk, fed through stdin

/// A walk that tries every key: a number out of range, an ambiguous prefix, back, help, a label
/// prefix in lower case, an exact label, then saves the record with a note, tries to save the
/// same again (it says where it went instead) and quits.
const WALK: &str =
    "9\nS\n1\nb\n?\nshare\n1\no\nofficial\nyes\nxyz\ns\nto the CPS\ns\nto the CPS\nq\n";
/// The note WALK saves.
const WALK_NOTE: &str = "to the CPS";
/// The answers WALK ends up giving, as (question, answer).
const WALK_ANSWERS: [(&str, &str); 4] = [
    ("What do you need to do?", "Share documents or files"),
    ("Who are you sharing it with?", "Colleagues in the MoJ"),
    (
        "What is the highest classification of what you are sharing?",
        "OFFICIAL",
    ),
    (
        "Can the colleagues you are sharing with use Microsoft Teams?",
        "Yes",
    ),
];
const WALK_OUTCOME: &str = "teams-moj";

/// The keys help `signpost ask` prints for `tree`.
fn keys_help(tree: &Tree) -> String {
    LineWalk {
        tree,
        commands: walk::WALK,
        shows: Shows::Everything,
        ends_at_outcome: false,
        records: None,
        brief: false,
        echo: false,
    }
    .keys_help(&signpost::session::Session::new(tree))
}

fn check_walk_transcript(stdout: &str, tree: &Tree) {
    let teams = outcome(tree, WALK_OUTCOME);
    for expected in [
        "Enter a number between 1 and 3",
        "\"S\" could be Share documents or files or Send a message",
        "\"o\" could be OFFICIAL or OFFICIAL-SENSITIVE",
        "Type s, b, g, r or q.",
        "Saved decision record: ",
        "Note for the record: who or what was it sent to?",
        "Already saved as ",
        &format!("Outcome: RECOMMENDED — {}", teams.headline),
    ] {
        assert!(stdout.contains(expected), "no {expected:?} in:\n{stdout}");
    }
    assert_eq!(
        stdout.matches("Question 1 of up to").count(),
        2,
        "`b` shows the first question again:\n{stdout}"
    );
    assert_eq!(
        stdout.matches(&keys_help(tree)).count(),
        2,
        "the keys are listed at the start and after `?`:\n{stdout}"
    );
    // The listener gave the answers: the outcome repeats them without the questions.
    let given: Vec<&str> = WALK_ANSWERS.iter().map(|(_, answer)| *answer).collect();
    let why = format!("Why: your answers were {}.", given.join("; "));
    assert!(stdout.contains(&why), "no {why:?} in:\n{stdout}");
}

/// The one saved record's path and text.
fn saved_record(home: &Path) -> (PathBuf, String) {
    let dir = home.join("data/records");
    let files: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("the records folder was created")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(files.len(), 1, "exactly one record in {files:?}");
    let text = fs::read_to_string(&files[0]).expect("record readable");
    (files[0].clone(), text)
}

fn check_record(text: &str, tree: &Tree) {
    let teams = outcome(tree, WALK_OUTCOME);
    let mut expected = vec![
        format!("(`{}`, tree version {})", tree.id, tree.version),
        format!("# Decision record: {}", teams.headline),
        format!("- **Note:** {WALK_NOTE}"),
        format!("- **Made with:** signpost {}", env!("CARGO_PKG_VERSION")),
    ];
    // What the record shows whatever the facts (text shown only on some paths is left out).
    expected.extend(
        teams
            .explanation
            .iter()
            .filter(|p| p.when.is_always())
            .map(|p| p.item.clone()),
    );
    for (i, (question, answer)) in WALK_ANSWERS.iter().enumerate() {
        expected.push(format!("{}. {question} **{answer}**", i + 1));
    }
    expected.extend(
        teams
            .guidance
            .iter()
            .filter(|p| p.when.is_always())
            .map(|p| p.quote.clone()),
    );
    expected.extend(
        teams
            .contacts
            .iter()
            .map(|c| tree.contacts[c.item as usize].contact.name.clone()),
    );
    for line in expected {
        assert!(text.contains(&line), "the record lacks {line:?}:\n{text}");
    }
}

fn walk_and_save(args: &[&str]) {
    let home = temp();
    let tree = share_tree();
    let out = run(home.path(), args, WALK);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    check_walk_transcript(&out.stdout, &tree);
    let (path, text) = saved_record(home.path());
    check_record(&text, &tree);
    let listed = run_ok(home.path(), &["records"]);
    assert!(
        listed.contains(&path.display().to_string()),
        "`signpost records` lists {}:\n{listed}",
        path.display()
    );
}

#[test]
fn ask_walks_from_stdin_and_saves_a_record() {
    walk_and_save(&["ask", "share"]);
}

#[test]
fn a_tree_argument_falls_back_to_plain_mode_when_stdin_is_piped() {
    walk_and_save(&["share"]);
}

#[test]
fn restart_quit_and_back_at_the_start() {
    let home = temp();
    let out = run(home.path(), &["ask", "share"], "b\n1\n1\nr\n3\nq\n");
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        out.stdout
            .contains("This is the first question: there is nothing to go back to.")
    );
    let after_restart = out
        .stdout
        .rsplit("Question 1 of up to")
        .next()
        .expect("the first question is shown again after r");
    assert!(
        after_restart.contains("Question 2 of up to") && after_restart.contains("or meeting"),
        "after r the walk starts again and goes on with the new answer:\n{}",
        out.stdout
    );
    assert!(
        !out.stdout.contains("Outcome:"),
        "q quits before an outcome"
    );
}

#[test]
fn input_ending_mid_walk_is_not_an_error() {
    let home = temp();
    let out = run(home.path(), &["ask", "share"], "1\n");
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(out.stdout.contains("Who are you sharing it with?"));
}

#[test]
fn ask_without_a_tree_offers_the_trees() {
    let home = temp();
    let out = run(home.path(), &["ask"], "0\nshare\nq\n");
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    for tree in &Catalog::load(
        &Selection::new(true, vec![])
            .on(chrono::NaiveDate::from_ymd_opt(2026, 6, 1).expect("a date")),
    )
    .trees
    {
        assert!(out.stdout.contains(&tree.title), "{} is offered", tree.id);
    }
    assert!(out.stdout.contains("Enter a number between 1 and 5"));
    assert!(out.stdout.contains("What do you need to do?"));
}

// ------------------------------------------------------------------------------------------
// Scripted answers over every path of the share tree

#[derive(Debug, Deserialize, PartialEq)]
struct Answer {
    question: String,
    answer: String,
}

#[derive(Debug, Deserialize)]
struct PathRow {
    answers: Vec<Answer>,
    outcome: OutcomeRef,
}

#[derive(Debug, Deserialize, PartialEq)]
struct OutcomeRef {
    id: String,
    title: String,
    verdict: String,
}

/// The parts of `ask --format json` this test compares with the table.
#[derive(Debug, Deserialize)]
struct Report {
    answers: Vec<Answer>,
    outcome: OutcomeRef,
}

fn tree_paths(home: &Path, tree: &str) -> Vec<PathRow> {
    let json = run_ok(home, &["table", tree, "--format", "json"]);
    let table: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    serde_json::from_value(table["paths"].clone()).expect("the table's JSON shape")
}

fn share_paths(home: &Path) -> Vec<PathRow> {
    tree_paths(home, "share")
}

fn tree_ids() -> Vec<String> {
    Catalog::load(
        &Selection::new(true, vec![])
            .on(chrono::NaiveDate::from_ymd_opt(2026, 6, 1).expect("a date")),
    )
    .trees
    .iter()
    .map(|t| t.id.clone())
    .collect()
}

fn labels(row: &PathRow) -> Vec<&str> {
    row.answers.iter().map(|a| a.answer.as_str()).collect()
}

/// Answers `values` and checks the report against the table's row.
fn check_scripted(home: &Path, tree: &str, row: &PathRow, values: &[&str]) {
    let args = ask_args(tree, values, "json");
    let stdout = run_ok(home, &args);
    let report: Report = serde_json::from_str(&stdout).expect("ask prints the report as JSON");
    let call = format!("signpost {}", args.join(" "));
    assert_eq!(report.outcome, row.outcome, "{call}");
    // A checklist whose items decide nothing on the row reads "any answer" in the table; the
    // walk records what was given for it.
    assert_eq!(report.answers.len(), row.answers.len(), "{call}");
    for (given, listed) in report.answers.iter().zip(&row.answers) {
        assert_eq!(given.question, listed.question, "{call}");
        if listed.answer != "any answer" {
            assert_eq!(given.answer, listed.answer, "{call}");
        }
    }
}

#[test]
fn every_path_of_share_answers_by_label() {
    let home = temp();
    let paths = share_paths(home.path());
    assert!(paths.len() > 100, "the share tree has its paths");
    for row in &paths {
        check_scripted(home.path(), "share", row, &labels(row));
    }
}

#[test]
fn every_path_of_the_other_trees_answers_by_label() {
    let home = temp();
    for tree in tree_ids().iter().filter(|id| *id != "share") {
        for row in &tree_paths(home.path(), tree) {
            check_scripted(home.path(), tree, row, &labels(row));
        }
    }
}

/// Every path of every tree, typed line by line: the plain walk ends on the table's outcome.
#[test]
fn every_path_of_every_tree_walks_in_plain_mode() {
    let home = temp();
    for tree in tree_ids() {
        for row in &tree_paths(home.path(), &tree) {
            let input = format!("{}\nq\n", labels(row).join("\n"));
            let out = run(home.path(), &["ask", &tree], &input);
            assert_eq!(out.code, Some(0), "{}", out.stderr);
            let reached = out.stdout.lines().any(|l| {
                l.starts_with("Outcome: ") && l.ends_with(&format!(" — {}", row.outcome.title))
            });
            assert!(
                reached,
                "{tree}: typing {:?} does not reach {}:\n{}",
                labels(row),
                row.outcome.title,
                out.stdout
            );
        }
    }
}

/// The option numbers (1-based) for a path's labels, found by walking the tree.
fn numbers(tree: &Tree, row: &PathRow) -> Vec<String> {
    let mut session = Session::new(tree);
    row.answers
        .iter()
        .map(|a| {
            // A checklist: the items' numbers, or "none" (also for "any answer", where the
            // items decide nothing on the row).
            if let Some(checklist) = tree.checklist(session.current()) {
                let picked: Vec<usize> = a
                    .answer
                    .split(", ")
                    .filter_map(|label| checklist.items.iter().position(|i| i.label == label))
                    .collect();
                let mask = picked.iter().fold(0u64, |m, &i| m | (1 << i));
                let answer = signpost::tree::paths::Answer::items(mask, checklist.items.len());
                session.give(tree, answer).expect("a valid answer");
                return match picked.is_empty() {
                    true => "none".to_string(),
                    false => picked
                        .iter()
                        .map(|i| (i + 1).to_string())
                        .collect::<Vec<_>>()
                        .join(","),
                };
            }
            let question = session.question(tree).expect("a question on the path");
            let index = question
                .options
                .iter()
                .position(|o| o.label == a.answer)
                .expect("the answer is an option");
            session.choose(tree, index).expect("a valid option");
            (index + 1).to_string()
        })
        .collect()
}

#[test]
fn paths_answer_by_number_too() {
    let home = temp();
    let tree = share_tree();
    let paths = share_paths(home.path());
    for row in paths.iter().step_by(17) {
        let numbers = numbers(&tree, row);
        let values: Vec<&str> = numbers.iter().map(String::as_str).collect();
        check_scripted(home.path(), "share", row, &values);
    }
}

// ------------------------------------------------------------------------------------------
// Exit codes

#[test]
fn a_wrong_answer_exits_2_naming_the_question_and_its_options() {
    let home = temp();
    let tree = share_tree();
    let who = tree
        .find("who")
        .and_then(|n| tree.question(n))
        .expect("the who question");
    let out = run(
        home.path(),
        &ask_args("share", &["1", "police"], "text"),
        "",
    );
    assert_eq!(out.code, Some(2));
    assert!(out.stdout.is_empty(), "nothing on stdout: {}", out.stdout);
    assert!(out.stderr.contains("\"police\""), "{}", out.stderr);
    assert!(out.stderr.contains(&who.text), "{}", out.stderr);
    for (i, option) in who.options.iter().enumerate() {
        let line = format!("{}. {}", i + 1, option.label);
        assert!(out.stderr.contains(&line), "{line:?} in {}", out.stderr);
    }
}

#[test]
fn an_ambiguous_answer_exits_2_with_the_candidates() {
    let home = temp();
    let out = run(home.path(), &ask_args("share", &["s"], "text"), "");
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr
            .contains("\"s\" could be Share documents or files or Send a message"),
        "{}",
        out.stderr
    );
}

#[test]
fn running_out_of_answers_exits_3_with_the_pending_question() {
    let home = temp();
    let tree = share_tree();
    let class = tree
        .find("class")
        .and_then(|n| tree.question(n))
        .expect("the classification question");
    let out = run(home.path(), &ask_args("share", &["1", "1"], "text"), "");
    assert_eq!(out.code, Some(3), "{}", out.stderr);
    assert!(out.stdout.contains(&class.text), "{}", out.stdout);
    for (i, option) in class.options.iter().enumerate() {
        let line = format!("{}. {}", i + 1, option.label);
        assert!(out.stdout.contains(&line), "{line:?} in {}", out.stdout);
    }
}

#[test]
fn answers_after_the_outcome_exit_2() {
    let home = temp();
    let out = run(
        home.path(),
        &ask_args("share", &["1", "5", "extra"], "text"),
        "",
    );
    assert_eq!(out.code, Some(2));
    assert!(out.stderr.contains("\"extra\""), "{}", out.stderr);
}

#[test]
fn an_unknown_tree_exits_2_listing_the_trees() {
    let home = temp();
    let out = run(home.path(), &ask_args("nosuch", &["1"], "text"), "");
    assert_eq!(out.code, Some(2));
    assert!(out.stderr.contains("\"nosuch\""), "{}", out.stderr);
    assert!(out.stderr.contains("share"), "{}", out.stderr);
}

#[test]
fn answers_without_a_tree_exit_2() {
    let home = temp();
    let out = run(home.path(), &["ask", "--answer", "1"], "");
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr.contains("give the tree to answer"),
        "{}",
        out.stderr
    );
}

/// A script that asks for JSON but forgot `--answer` must not get a line-based walk instead.
#[test]
fn a_report_format_without_answers_exits_2() {
    let home = temp();
    for format in ["json", "markdown"] {
        let out = run(home.path(), &["ask", "share", "--format", format], "1\n");
        assert_eq!(out.code, Some(2), "--format {format}");
        assert!(out.stdout.is_empty(), "no walk: {}", out.stdout);
        assert!(
            out.stderr.contains("--format applies to scripted runs"),
            "{}",
            out.stderr
        );
    }
}

// ------------------------------------------------------------------------------------------
// The JSON report

fn keys(value: &serde_json::Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value
        .as_object()
        .unwrap_or_else(|| panic!("an object: {value}"))
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

#[test]
fn json_report_has_the_documented_shape() {
    let home = temp();
    let tree = share_tree();
    // Documents › another government department › OFFICIAL › no Teams › no CJSE/CJSM › no Egress:
    // official email, with conditions, fallbacks, passages and contacts.
    let stdout = run_ok(
        home.path(),
        &ask_args("share", &["1", "2", "1", "no", "no", "no"], "json"),
    );
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(
        keys(&report),
        ["answers", "facts", "outcome", "signpost", "tree"]
    );
    assert_eq!(
        report["signpost"],
        serde_json::json!({"version": env!("CARGO_PKG_VERSION")})
    );
    assert_eq!(
        report["facts"],
        serde_json::json!({"sharing": "documents", "recipient": "gov", "classification": "official",
            "teams": "no", "cjsm": "no", "egress": "no"})
    );
    assert_eq!(
        report["tree"],
        serde_json::json!({"id": "share", "version": tree.version, "provenance": {"kind": "built-in"}})
    );
    let answers = report["answers"].as_array().expect("answers array");
    assert_eq!(answers.len(), 6);
    for answer in answers {
        assert_eq!(keys(answer), ["answer", "question"]);
    }
    assert_eq!(answers[1]["answer"], "Another government department");
    let outcome = &report["outcome"];
    // The documented fields, plus the explanation shown beside the headline.
    assert_eq!(
        keys(outcome),
        [
            "conditions",
            "contacts",
            "explanation",
            "fallbacks",
            "id",
            "passages",
            "title",
            "tools",
            "verdict"
        ]
    );
    // The register's card for the tool the outcome names.
    assert_eq!(outcome["tools"][0]["id"], "email");
    assert!(
        outcome["tools"][0]["card"]
            .as_str()
            .is_some_and(|c| c.starts_with("Official MoJ email — ")),
        "{outcome}"
    );
    let expected = outcome_of(&tree, "email-gov");
    assert_eq!(outcome["id"], "email-gov");
    assert_eq!(outcome["title"], expected.headline.as_str());
    assert_eq!(outcome["verdict"], expected.verdict.as_str());
    assert_eq!(
        outcome["conditions"],
        serde_json::json!(expected.shown(None).conditions)
    );
    assert_eq!(
        outcome["fallbacks"],
        serde_json::json!(expected.shown(None).fallbacks)
    );
    let passages = outcome["passages"].as_array().expect("passages array");
    assert_eq!(passages.len(), expected.guidance.len());
    for (json, passage) in passages.iter().zip(&expected.guidance) {
        // The document's address, where the tree gives one, so a reader can check the quote.
        match &tree.source(passage).url {
            Some(url) => {
                assert_eq!(keys(json), ["quote", "section", "source", "url"]);
                assert_eq!(json["url"], url.as_str());
            }
            None => assert_eq!(keys(json), ["quote", "section", "source"]),
        }
        assert_eq!(json["quote"], passage.quote.as_str());
        assert_eq!(json["section"], passage.section.as_str());
        assert_eq!(json["source"], tree.source(passage).title.as_str());
    }
    let contacts = outcome["contacts"].as_array().expect("contacts array");
    assert_eq!(contacts.len(), expected.contacts.len());
    for (json, c) in contacts.iter().zip(&expected.contacts) {
        let entry = &tree.contacts[c.item as usize];
        assert_eq!(json["id"], entry.id.as_str());
        assert_eq!(json["name"], entry.contact.name.as_str());
    }
}

/// A scripted record carries the note given with --note, the name from config.ron, the app's
/// version and the tree's, and the address of each quoted document.
#[test]
fn a_scripted_record_carries_the_note_name_versions_and_document_addresses() {
    let home = temp();
    fs::create_dir_all(home.path().join("config")).expect("config folder");
    fs::write(
        home.path().join("config/config.ron"),
        "Config(name: \"Sam Jones, Probation\")",
    )
    .expect("write config");
    let mut args = ask_args("share", &["1", "2", "1", "no", "no", "no"], "markdown");
    args.extend(["--note", "the pre-sentence report, to the CPS"]);
    let record = run_ok(home.path(), &args);
    let tree = share_tree();
    for line in [
        "- **Decided by:** Sam Jones, Probation".to_string(),
        "- **Note:** the pre-sentence report, to the CPS".to_string(),
        format!("(`share`, tree version {})", tree.version),
        format!("- **Made with:** signpost {}", env!("CARGO_PKG_VERSION")),
    ] {
        assert!(record.contains(&line), "no {line:?} in:\n{record}");
    }
    let addressed = outcome(&tree, "email-gov")
        .guidance
        .iter()
        .filter_map(|p| tree.source(p).url.clone())
        .collect::<Vec<_>>();
    assert!(
        !addressed.is_empty(),
        "the email outcome quotes a document with an address"
    );
    for url in addressed {
        assert!(
            record.contains(&format!("<{url}>")),
            "no {url} in:\n{record}"
        );
    }
    let json: serde_json::Value = serde_json::from_str(&run_ok(home.path(), &{
        let mut json = ask_args("share", &["1", "2", "1", "no", "no", "no"], "json");
        json.extend(["--note", "to the CPS"]);
        json
    }))
    .expect("JSON");
    assert_eq!(json["note"], "to the CPS");
    assert_eq!(json["decided_by"], "Sam Jones, Probation");
    let walk = run(home.path(), &["ask", "share", "--note", "x"], "");
    assert_eq!(
        walk.code,
        Some(2),
        "--note without --answer is a usage error"
    );
    let brief = run(
        home.path(),
        &["ask", "share", "--brief", "--answer", "1"],
        "",
    );
    assert_eq!(
        brief.code,
        Some(2),
        "--brief with --answer is a usage error"
    );
    assert!(
        brief.stderr.contains("--brief applies to a walk"),
        "{}",
        brief.stderr
    );
}

fn outcome_of<'t>(tree: &'t Tree, id: &str) -> &'t Outcome {
    let outcome = outcome(tree, id);
    assert!(
        !outcome.conditions.is_empty()
            && !outcome.fallbacks.is_empty()
            && !outcome.guidance.is_empty()
            && !outcome.contacts.is_empty(),
        "{id} has every part, so the shape test sees them all"
    );
    outcome
}

// ------------------------------------------------------------------------------------------
// No escape codes when output is not a terminal

#[test]
fn no_escape_byte_in_any_output_when_not_a_terminal() {
    let home = temp();
    let broken = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/invalid/unknown-node.ron")
        .display()
        .to_string();
    let full = ["1", "3", "official-sensitive", "yes"];
    let runs: Vec<(Vec<&str>, &str)> = vec![
        (ask_args("share", &full, "text"), ""),
        (ask_args("share", &full, "markdown"), ""),
        (ask_args("share", &full, "json"), ""),
        (ask_args("share", &["1"], "text"), ""),
        (ask_args("share", &["nonsense"], "text"), ""),
        (vec!["ask", "share"], WALK),
        (vec!["share"], WALK),
        (vec!["lookup", "can", "I", "use", "zoom"], ""),
        (vec!["lookup", "police", "--format", "json"], ""),
        (vec!["lookup", "qqqqzzzz"], ""),
        (vec!["table", "share"], ""),
        (vec!["table", "share", "--format", "markdown"], ""),
        (vec!["table", "share", "--format", "csv"], ""),
        (vec!["table", "share", "--format", "json"], ""),
        (vec!["check"], ""),
        (vec!["check", &broken], ""),
        (vec!["check", &broken, "--format", "short"], ""),
        (vec!["records"], ""),
        (vec!["--help"], ""),
        (vec!["ask", "--no-such-flag"], ""),
    ];
    for (args, stdin) in runs {
        let out = run(home.path(), &args, stdin);
        assert!(
            !out.stdout.is_empty() || !out.stderr.is_empty(),
            "signpost {} printed something",
            args.join(" ")
        );
    }
}

// ------------------------------------------------------------------------------------------
// CLI polish

/// The subcommands, read from `signpost --help`.
fn subcommands(home: &Path) -> Vec<String> {
    let help = run_ok(home, &["--help"]);
    let commands: Vec<String> = help
        .split("Commands:")
        .nth(1)
        .expect("a Commands section")
        .lines()
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        // A command's line starts with two spaces; wrapped descriptions go on under more.
        .filter(|l| !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_string)
        .collect();
    for expected in ["ask", "lookup", "check", "table", "records", "completions"] {
        assert!(
            commands.iter().any(|c| c == expected),
            "{expected} in {commands:?}"
        );
    }
    commands
}

#[test]
fn completions_mention_every_subcommand() {
    let home = temp();
    let commands = subcommands(home.path());
    for shell in ["bash", "zsh", "fish"] {
        let script = run_ok(home.path(), &["completions", shell]);
        assert!(script.contains("signpost"), "{shell} script names signpost");
        for command in &commands {
            assert!(script.contains(command.as_str()), "{shell}: {command}");
        }
    }
}

/// Issue 19, item 5: `--version` names the program's version and the built-in trees' own (the
/// "tree version 2.0.0" the screens show), so the two numbers are not a puzzle.
#[test]
fn version_prints_the_crate_version_and_each_built_in_trees() {
    let home = temp();
    let catalog = Catalog::load(&Selection::new(true, vec![]));
    let trees: Vec<String> = catalog
        .trees
        .iter()
        .map(|t| format!("{} {}", t.id, t.version))
        .collect();
    assert_eq!(
        run_ok(home.path(), &["--version"]),
        format!(
            "signpost {} (built-in content: {})\n",
            env!("CARGO_PKG_VERSION"),
            trees.join(", ")
        )
    );
}

/// Issue 19, items 1 and 2: `--plain`, `--theme` and `--trees` work after the command name as
/// well as before it; a misspelt command, or a tree id close to a command or to a tree, gets a
/// "did you mean".
#[test]
fn global_options_go_anywhere_and_misspellings_get_a_suggestion() {
    let home = temp();
    run_ok(home.path(), &["records", "--plain"]);
    run_ok(
        home.path(),
        &[
            "ask", "share", "--plain", "--answer", "1", "--answer", "1", "--answer", "1",
            "--answer", "1",
        ],
    );
    run_ok(home.path(), &["table", "share", "--theme", "monochrome"]);
    for (args, expected) in [
        (
            &["exprot", "share"][..],
            "error: `exprot` is not a command: did you mean `signpost export`?",
        ),
        (
            &["recrods"][..],
            "Did you mean the command `signpost records`?",
        ),
        (&["table", "shaer"][..], "Did you mean \"share\"?"),
    ] {
        let out = run(home.path(), args, "");
        assert_eq!(out.code, Some(2), "{args:?}");
        assert!(out.stderr.contains(expected), "{args:?}: {}", out.stderr);
    }
}

#[test]
fn every_help_has_an_example() {
    let home = temp();
    let mut helps = vec![vec!["--help".to_string()]];
    for command in subcommands(home.path()) {
        helps.push(vec![command, "--help".to_string()]);
    }
    for args in helps {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let help = run_ok(home.path(), &args);
        assert!(
            help.lines().any(|l| l.starts_with("Example")),
            "signpost {} has no Example line:\n{help}",
            args.join(" ")
        );
    }
}

#[test]
fn the_scripted_examples_in_ask_help_work() {
    let home = temp();
    let help = run_ok(home.path(), &["ask", "--help"]);
    let examples: Vec<Vec<&str>> = help
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("signpost ask") && l.contains("--answer"))
        .map(|l| l.split_whitespace().skip(1).collect())
        .collect();
    assert!(!examples.is_empty(), "ask --help shows an --answer example");
    for args in examples {
        run_ok(home.path(), &args);
    }
}

#[test]
fn json_runs_that_stop_early_say_what_is_pending_in_json() {
    let output = Command::cargo_bin("signpost")
        .expect("binary builds")
        .env("SIGNPOST_TODAY", "2026-06-01")
        .args(["ask", "share", "--answer", "1", "--format", "json"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(3));
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(value["tree"]["id"], "share");
    assert_eq!(value["answers"][0]["answer"], "Share documents or files");
    assert_eq!(value["pending"]["question"], "Who are you sharing it with?");
    assert!(
        value["pending"]["options"]
            .as_array()
            .is_some_and(|o| o.len() >= 5)
    );
}

/// A broken config file and a broken tree in the user's trees folder are said on standard error,
/// one line each with the file, line and column, by the commands that load them and at the top
/// of the plain walk — and the command still does its work with what did load. A command given
/// a tree id (`ask share`, `table share`, the cheat sheet's `share` and `apps`) parses only the
/// files that declare that id (issue 16:
/// `ask TREE` does not parse files it does not need), so it says the config's problem but not
/// that of an unrelated tree; asked for the broken tree's own id, it says why it cannot load.
#[test]
fn config_and_user_tree_problems_are_reported_by_every_command_that_loads_them() {
    let home = tempfile::tempdir().expect("temp dir");
    let config = home.path().join("config");
    let trees = home.path().join("data").join("trees");
    fs::create_dir_all(&config).expect("config folder");
    fs::create_dir_all(&trees).expect("trees folder");
    fs::write(
        config.join("config.ron"),
        "Config(\n    theme: \"sepia\",\n)\n",
    )
    .expect("config");
    fs::write(
        trees.join("mine.ron"),
        "Tree(\n    id: \"mine\",\n    oops\n",
    )
    .expect("tree");
    let config_line = format!(
        "signpost: {}:2:12: error[E040]: unknown theme \"sepia\"",
        config.join("config.ron").display()
    );
    let tree_line = format!("signpost: {}:", trees.join("mine.ron").display());
    let loading_every_tree: [&[&str]; 3] =
        [&["lookup", "teams"], &["quiz", "share-induction"], &["ask"]];
    let by_id: [&[&str]; 4] = [
        &["cheatsheet"],
        &["table", "share"],
        &[
            "ask", "share", "--answer", "1", "--answer", "1", "--answer", "1", "--answer", "1",
        ],
        &["diff", "share", "share"],
    ];
    for args in loading_every_tree.iter().chain(&by_id) {
        let out = run(home.path(), args, "q\n");
        let lines: Vec<&str> = out.stderr.lines().collect();
        assert!(
            lines.iter().any(|l| l.starts_with(&config_line)),
            "signpost {}: {}",
            args.join(" "),
            out.stderr
        );
        let says_tree = lines
            .iter()
            .any(|l| l.starts_with(&tree_line) && l.contains("error[E"));
        assert_eq!(
            says_tree,
            loading_every_tree.contains(args),
            "signpost {}: {}",
            args.join(" "),
            out.stderr
        );
        assert!(
            !out.stdout.is_empty(),
            "signpost {} still works",
            args.join(" ")
        );
        assert_eq!(
            lines.iter().filter(|l| l.starts_with(&config_line)).count(),
            1,
            "said once: {}",
            out.stderr
        );
    }
    // Asked for by its own id, the broken tree's problem is said.
    let out = run(home.path(), &["ask", "mine", "--answer", "1"], "");
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(
        out.stderr
            .lines()
            .any(|l| l.starts_with(&tree_line) && l.contains("error[E")),
        "{}",
        out.stderr
    );
}

// ------------------------------------------------------------------------------------------
// Plain mode for listening (issue 19, item 6)

/// The README's plain-mode walk: a police force, OFFICIAL-SENSITIVE, no Teams, CJSE or CJSM.
const README_WALK: &str = "1\n3\n2\n2\n1\nq\n";

/// Words in the README walk before plain mode was made for listening (2026-12-02, at the
/// commit before it): each contact and passage read at every step, options before the quotes.
const README_WALK_WORDS_BEFORE: usize = 1694;

#[test]
fn the_readme_walk_reads_each_passage_and_contact_once_and_options_last() {
    let home = temp();
    let tree = share_tree();
    let out = run(home.path(), &["ask", "share"], README_WALK);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let stdout = &out.stdout;
    // Every passage and contact of the walk's steps is there, and only once.
    let mut session = signpost::session::Session::new(&tree);
    let mut steps = vec![session.current()];
    for answer in ["1", "3", "2", "2", "1"] {
        session.answer(&tree, answer).expect("an answer");
        steps.push(session.current());
    }
    for node in steps.iter().map(|&id| tree.node(id)) {
        for passage in node.guidance_for(Some(session.facts())) {
            let quote = format!("\"{}\"", passage.quote);
            assert_eq!(
                stdout.matches(&quote).count(),
                1,
                "{quote} once in:\n{stdout}"
            );
        }
        for c in node.contacts_for(Some(session.facts())) {
            let name = &tree.contacts[c as usize].contact.name;
            assert_eq!(
                stdout.matches(&format!("Contact: {name}")).count(),
                1,
                "{name} once"
            );
        }
    }
    assert!(stdout.contains("(guidance as above)"), "{stdout}");
    // Each step ends with its options, right before the prompt.
    for step in stdout.split("\nQuestion ").skip(1) {
        let options = step.find("Options:").expect("options");
        let prompt = step.find("Your answer (").expect("a prompt");
        let between = &step[options..prompt];
        assert!(
            !between.contains("Guidance:") && !between.contains("Contact:"),
            "options come last:\n{step}"
        );
    }
    // Answers from a pipe are written back after the prompt, so a log shows them.
    assert!(
        stdout.contains("Your answer (1-3, ? for keys): 1\n"),
        "{stdout}"
    );
    let words = stdout.split_whitespace().count();
    eprintln!("the README walk: {words} words (was {README_WALK_WORDS_BEFORE})");
    assert!(
        words * 10 <= README_WALK_WORDS_BEFORE * 6,
        "{words} words: at least 40% fewer than {README_WALK_WORDS_BEFORE} expected"
    );
}

#[test]
fn brief_leaves_guidance_out_until_g() {
    let home = temp();
    let out = run(home.path(), &["ask", "share", "--brief"], "g\nq\n");
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let (before, after) = out
        .stdout
        .split_once("Your answer (")
        .expect("a first prompt");
    assert!(
        before.contains("Guidance: 2 passages (g reads them).") && !before.contains("Guidance: \""),
        "{before}"
    );
    assert!(
        after.contains("Guidance: \"This document tells you about the tools"),
        "g reads them:\n{after}"
    );
}
