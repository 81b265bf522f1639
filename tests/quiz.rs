//! `signpost quiz` through stdin: marking, the divergence point with its passage, the score,
//! saving the summary, choosing a deck, and broken or unknown decks.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn decks_folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/decks")
}

/// `signpost quiz` with its data folder in `data`.
fn quiz(data: &Path) -> Command {
    let mut cmd = Command::cargo_bin("signpost").expect("binary builds");
    cmd.env("SIGNPOST_TODAY", "2026-06-01");
    cmd.env("SIGNPOST_DATA_DIR", data).arg("quiz");
    cmd
}

fn good_deck() -> PathBuf {
    decks_folder().join("scenarios/good.ron")
}

#[test]
fn right_and_wrong_walks_are_marked_and_the_summary_is_saved() {
    let data = tempfile::tempdir().expect("temp dir");
    let input = [
        // Scenario 1 (expects CJSE or CJSM): labels, any case, and numbers.
        "official-sensitive",
        "no",
        "1",
        "",
        // Scenario 2 (expects Teams): says "No" to Teams and ends on "Ask".
        "1",
        "2",
        "2",
        "",
        // Scenario 3 (expects the SECRET outcome): back at the first question, then right.
        "b",
        "SECRET",
        "y",
    ]
    .join("\n");
    let output = quiz(data.path())
        .arg(good_deck())
        .write_stdin(input)
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    for expected in [
        "Scenario 1 of 3\nA defence solicitor",
        "You reached: RECOMMENDED — Use CJSE or CJSM\nRIGHT.\nScore so far: 1 of 1 right.",
        "You reached: ASK FOR HELP — Ask the Security team before you share\nNOT QUITE.\nThe expected outcome: RECOMMENDED — Use Microsoft Teams\n",
        "Your path left the expected one at answer 2, \"Can they use Microsoft Teams?\": answered \"No\"; \"Yes\" would have kept the expected outcome in reach.\n",
        "The guidance that decides it:\nGuidance: \"For secure sharing and transfer of materials within MoJ bodies",
        "  Source: General app guidance (video and messaging apps) (Ministry of Justice), § Tools for sharing information internally and externally\n",
        "This is the first question: there is nothing to go back to.",
        "Score: 2 of 3 right.\n",
    ] {
        assert!(
            stdout.contains(expected),
            "expected {expected:?} in:\n{stdout}"
        );
    }
    let folder = data.path().join("quiz");
    assert!(stdout.contains(&format!(
        "Save a summary for the trainer in {}? (y/n): y\nSummary saved to {}",
        folder.display(),
        folder.display()
    )));
    let saved: Vec<_> = fs::read_dir(&folder)
        .expect("quiz folder")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(saved.len(), 1);
    assert!(saved[0].to_string_lossy().ends_with("-fixture-quiz.md"));
    let summary = fs::read_to_string(&saved[0]).expect("summary");
    assert!(summary.contains("- **Score:** 2 of 3 right\n"), "{summary}");
    assert!(summary.contains("## Scenario 2: not quite"), "{summary}");
    assert!(
        summary.contains("- **A route to it:** OFFICIAL › Yes"),
        "{summary}"
    );
}

#[test]
fn quitting_at_once_scores_nothing_and_offers_no_summary() {
    let data = tempfile::tempdir().expect("temp dir");
    quiz(data.path())
        .arg(good_deck())
        .write_stdin("q\n")
        .assert()
        .success()
        .stdout(predicate::str::ends_with(
            "Score: 0 of 0 right (3 of 3 scenarios not attempted).\n",
        ));
    assert!(!data.path().join("quiz").exists());
}

#[test]
fn declining_to_save_saves_nothing() {
    let data = tempfile::tempdir().expect("temp dir");
    quiz(data.path())
        .arg(good_deck())
        .write_stdin("2\n2\n1\nq\nn\n")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Score: 1 of 1 right (2 of 3 scenarios not attempted).",
        ))
        .stdout(predicate::str::ends_with("Not saved.\n"));
    assert!(!data.path().join("quiz").exists());
}

#[test]
fn the_end_of_input_ends_the_quiz_cleanly() {
    let data = tempfile::tempdir().expect("temp dir");
    quiz(data.path())
        .arg(good_deck())
        .write_stdin("1\n")
        .assert()
        .success()
        .stdout(predicate::str::contains("Score: 0 of 0 right"));
}

#[test]
fn typed_text_that_is_not_an_answer_is_explained() {
    let data = tempfile::tempdir().expect("temp dir");
    quiz(data.path())
        .arg(good_deck())
        .write_stdin("off\nmaybe\nq\n")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "\"off\" could be OFFICIAL or OFFICIAL-SENSITIVE.",
        ))
        .stdout(predicate::str::contains(
            "Enter a number between 1 and 3, or type the start of an answer. (b back, g guidance, q end the quiz)",
        ));
}

#[test]
fn without_a_deck_the_decks_are_listed_and_one_is_chosen() {
    let data = tempfile::tempdir().expect("temp dir");
    quiz(data.path())
        .arg("--trees")
        .arg(decks_folder())
        .write_stdin("99\nfixture-quiz\nq\n")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "could not be loaded; `signpost check` shows why.",
        ))
        .stdout(predicate::str::contains(
            "Sharing information: induction quiz (share-induction: ",
        ))
        .stdout(predicate::str::contains(
            "Fixture quiz (fixture-quiz: 3 scenarios on the \"quiz-fixture\" tree)",
        ))
        .stdout(predicate::str::contains("or a deck id."))
        .stdout(predicate::str::contains("Scenario 1 of 3\n"));
}

#[test]
fn an_unknown_deck_is_a_usage_error_listing_the_decks() {
    let data = tempfile::tempdir().expect("temp dir");
    quiz(data.path())
        .arg("share-inductoin")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no deck with the id \"share-inductoin\"; the decks are: ",
        ))
        .stderr(predicate::str::contains("share-induction"));
}

#[test]
fn a_broken_deck_prints_its_diagnostics() {
    let data = tempfile::tempdir().expect("temp dir");
    quiz(data.path())
        .arg(decks_folder().join("scenarios/answers-lead-elsewhere.ron"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("error[E033]"))
        .stderr(predicate::str::contains("could not be loaded (1 error)"));
}

/// Issue 17, items 3 and 4: `--pick` plays the scenarios named, in that order; a wrong answer
/// is explained by the passage of the rule it breaks (SECRET treated as OFFICIAL-SENSITIVE
/// quotes "up to and including Official-Sensitive"); the saved summary starts with the group,
/// the most-missed question and a table of results.
#[test]
fn picked_scenarios_are_played_and_the_secret_mistake_is_explained_by_its_rule() {
    let data = tempfile::tempdir().expect("temp dir");
    let out = quiz(data.path())
        .args([
            "share-room",
            "--pick",
            "4,5",
            "--group",
            "Induction, 2 December",
        ])
        // Scenario 4 of the deck (SECRET): answered as OFFICIAL-SENSITIVE, by Teams.
        // Scenario 5 (a personal account): right.
        .write_stdin("1\n1\n2\n1\n\n1\n5\ny\n")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("(2 scenarios on"), "{stdout}");
    let secret = stdout.find("Scenario 1 of 2").expect("the first picked");
    assert!(
        stdout[secret..].starts_with("Scenario 1 of 2\nA document marked SECRET"),
        "{stdout}"
    );
    assert!(stdout.contains("NOT QUITE."), "{stdout}");
    assert!(
        stdout.contains("approved for use with data up to and including Official-Sensitive."),
        "the rule the answer breaks:\n{stdout}"
    );
    assert!(
        stdout.contains("Scenario 2 of 2\nYou want to email"),
        "{stdout}"
    );
    assert!(stdout.contains("Score: 1 of 2 right."), "{stdout}");
    let saved = fs::read_dir(data.path().join("quiz"))
        .expect("the quiz folder")
        .next()
        .expect("a summary")
        .expect("entry")
        .path();
    let md = fs::read_to_string(saved).expect("summary");
    assert!(md.contains("- **Group:** Induction, 2 December"), "{md}");
    assert!(
        md.contains(
            "- **Most missed:** \"What is the highest classification of what you are sharing?\""
        ),
        "{md}"
    );
    assert!(md.contains("| 1 | A document marked SECRET"), "{md}");
    assert!(md.contains("| **no** |"), "{md}");
    assert!(
        !md.contains("## Not attempted"),
        "only the picked are played:\n{md}"
    );
}

#[test]
fn random_shuffle_and_script_choose_scenarios_and_a_bad_pick_is_a_usage_error() {
    let data = tempfile::tempdir().expect("temp dir");
    let out = quiz(data.path())
        .args(["share-room", "--random", "2"])
        .write_stdin("q\n")
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("(2 scenarios on") && stdout.contains("Scenario 1 of 2"),
        "{stdout}"
    );

    let script = quiz(data.path())
        .args(["share-room", "--shuffle", "--script"])
        .output()
        .expect("runs");
    let script = String::from_utf8_lossy(&script.stdout);
    for n in 1..=6 {
        assert_eq!(
            script.matches(&format!("Scenario {n} of the deck")).count(),
            1,
            "each scenario once:\n{script}"
        );
    }
    assert!(
        script.contains("- **Notes:** The trap: treating it as OFFICIAL-SENSITIVE"),
        "{script}"
    );

    let none = quiz(data.path())
        .args(["share-room", "--random", "0"])
        .output()
        .expect("runs");
    assert_eq!(
        none.status.code(),
        Some(2),
        "no scenario to play is a usage error"
    );
    let bad = quiz(data.path())
        .args(["share-room", "--pick", "9"])
        .output()
        .expect("runs");
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&bad.stderr)
            .contains("--pick 9: the deck \"share-room\" has scenarios 1 to 6")
    );
}
