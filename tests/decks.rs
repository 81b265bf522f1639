//! Scenario decks: every broken deck fixture reports its code at the exact line and column
//! through `signpost check`, and every shipped scenario is solved by its expected answers.

#[path = "support/cli.rs"]
mod cli;

use std::fs;
use std::path::{Path, PathBuf};

use cli::{expectation, signpost};
use predicates::prelude::*;
use signpost::catalog::{Catalog, Selection};
use signpost::quiz::{self, Quiz};
use signpost::session::Session;
use signpost::tree::paths::labels;

fn decks_folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/decks")
}

fn deck_fixtures() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(decks_folder().join("scenarios"))
        .expect("fixtures folder")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    files
}

#[test]
fn every_broken_deck_reports_its_code_at_the_right_position() {
    let mut seen = Vec::new();
    for path in deck_fixtures() {
        let Some((code, position)) = expectation(&path) else {
            continue;
        };
        let expected = format!("{}:{position}: error[{code}]", path.display());
        let output = signpost()
            .args(["check", "--format", "short"])
            .arg(&path)
            .output()
            .expect("runs");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            stdout.contains(&expected),
            "{}: expected `{expected}` in:\n{stdout}",
            path.display()
        );
        assert!(
            stdout.ends_with("0 trees, 1 deck, 1 error, 0 warnings\n"),
            "one defect per fixture: {stdout}"
        );
        assert_eq!(output.status.code(), Some(1), "{stdout}");
        seen.push(code);
    }
    for code in ["E030", "E031", "E032", "E033"] {
        assert!(seen.iter().any(|c| c == code), "no fixture for {code}");
    }
}

#[test]
fn answers_that_lead_elsewhere_name_the_answer_and_the_options_that_lead_on() {
    signpost()
        .arg("check")
        .arg(decks_folder().join("scenarios/answers-lead-elsewhere.ron"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "error[E033]: answer 2 \"Yes\" leaves the path to \"cjsm\"",
        ))
        .stdout(predicate::str::contains(
            "   |                                   ^^^^^\n",
        ))
        .stdout(predicate::str::contains(
            "= help: at \"Can they use Microsoft Teams?\" the answers that lead to \"cjsm\" are: \"No\"",
        ));
}

#[test]
fn a_valid_deck_checked_on_its_own_uses_the_trees_of_its_folder() {
    signpost()
        .arg("check")
        .arg(decks_folder().join("scenarios/good.ron"))
        .assert()
        .success()
        .stdout(format!(
            "0 trees, 1 deck checked against quiz-fixture ({}), 0 errors, 0 warnings\n",
            decks_folder().join("quiz-fixture.ron").display()
        ));
}

#[test]
fn checking_a_trees_folder_checks_its_decks_too() {
    let decks = deck_fixtures().len();
    let broken = deck_fixtures()
        .iter()
        .filter(|p| expectation(p).is_some())
        .count();
    signpost()
        .args(["check", "--format", "short"])
        .arg(decks_folder())
        .assert()
        .code(1)
        .stdout(predicate::str::ends_with(format!(
            "1 tree, {decks} decks checked against quiz-fixture ({}), {broken} errors, 1 warning\n",
            decks_folder().join("quiz-fixture.ron").display()
        )));
}

#[test]
fn shipped_decks_pass_check() {
    signpost().arg("check").assert().success().stdout(
        predicate::str::is_match(
            r"^\d+ trees, \d+ decks checked against apps \(built in\), share \(built in\), 0 errors, 0 warnings\n$",
        )
        .expect("regex"),
    );
}

#[test]
fn every_shipped_scenario_is_solved_by_its_expected_answers() {
    let catalog = Catalog::load(
        &Selection::new(true, Vec::new())
            .on(chrono::NaiveDate::from_ymd_opt(2026, 6, 1).expect("a date")),
    );
    let loaded = quiz::load_decks(&catalog);
    assert!(loaded.len() >= 2, "the share and apps decks ship");
    for loaded in &loaded {
        assert!(
            loaded.diagnostics.is_empty(),
            "{}: {:?}",
            loaded.file,
            loaded.diagnostics
        );
        let deck = loaded.deck.as_ref().expect("a valid deck");
        let tree = &deck.tree;
        let mut quiz = Quiz::new(deck);
        while let Some((i, scenario)) = quiz.current() {
            let mut session = Session::new(tree);
            for label in labels(tree, &scenario.route) {
                session
                    .answer(tree, &label)
                    .expect("an option of the question");
            }
            let marked = quiz.submit(&session).expect("the answers reach an outcome");
            assert!(
                marked.right,
                "{} scenario {}: {:?}",
                deck.id,
                i + 1,
                scenario.situation
            );
        }
        let score = quiz.score();
        assert_eq!(score.right, deck.scenarios.len(), "{}", deck.id);
    }
}

#[test]
fn the_shipped_decks_are_big_enough_for_an_induction() {
    let catalog = Catalog::load(
        &Selection::new(true, Vec::new())
            .on(chrono::NaiveDate::from_ymd_opt(2026, 6, 1).expect("a date")),
    );
    let count = |tree: &str| {
        quiz::load_decks(&catalog)
            .into_iter()
            .filter_map(|l| l.deck)
            .filter(|d| d.tree.id == tree)
            .map(|d| d.scenarios.len())
            .sum::<usize>()
    };
    assert!(count("share") >= 12, "share: {}", count("share"));
    assert!(count("apps") >= 6, "apps: {}", count("apps"));
}
