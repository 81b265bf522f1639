//! The small tree and deck the quiz's unit tests share.

use super::{Deck, LoadedDeck, load_deck};
use crate::session::Session;
use crate::tree::Tree;

/// what → class → teams? (yes → teams, no → cjsm? (yes → cjsm, no → ask)); SECRET → no;
/// "Documents" and "Messages" lead to the same question; "Colleague" leads straight to the
/// same advice as "teams"; "orphan" cannot be reached.
pub(super) fn tree() -> Tree {
    crate::tree::test_tree(
        r#"{"g": Source(title: "Guide", publisher: "MoJ")}"#,
        "what",
        r#"{
                "what": Question(text: "What?", options: [Option(label: "Documents", next: "class"), Option(label: "Messages", next: "class"), Option(label: "Personal", next: "no"), Option(label: "Colleague", next: "teams-colleague")]),
                "class": Question(text: "Class?", options: [Option(label: "OFFICIAL", next: "teams-q"), Option(label: "SECRET", next: "no")],
                    guidance: [Passage(source: "g", section: "Classes", quote: "Nothing above OFFICIAL-SENSITIVE.")]),
                "teams-q": Question(text: "Teams?", options: [Option(label: "Yes", next: "teams"), Option(label: "No", next: "cjsm-q")],
                    guidance: [Passage(source: "g", section: "Tools", quote: "Teams first.")]),
                "cjsm-q": Question(text: "CJSM?", options: [Option(label: "Yes", next: "cjsm"), Option(label: "No", next: "ask")]),
                "teams": Outcome(verdict: "recommended", headline: "Use Teams", explanation: "e"),
                "cjsm": Outcome(verdict: "recommended", headline: "Use CJSM", explanation: "e",
                    guidance: [Passage(source: "g", section: "Tools", quote: "Then CJSM.")]),
                "ask": Outcome(verdict: "ask-for-help", headline: "Ask", explanation: "e"),
                "teams-colleague": Outcome(verdict: "recommended", headline: "Use Teams", explanation: "e"),
                "no": Outcome(verdict: "not-allowed", headline: "No", explanation: "e"),
                "orphan": Outcome(verdict: "recommended", headline: "Orphan", explanation: "e"),
            }"#,
    )
}

pub(super) fn deck_src(scenarios: &str) -> String {
    format!(
        "Deck(\n    id: \"d\",\n    title: \"D\",\n    tree: \"t\",\n    scenarios: [\n{scenarios}\n    ],\n)"
    )
}

fn load(scenarios: &str) -> LoadedDeck {
    load_deck("d.ron", &deck_src(scenarios), &[tree()])
}

pub(super) fn deck() -> Deck {
    let loaded = load(
        r#"        Scenario(situation: "Partner on CJSM", expected: "cjsm", answers: ["Documents", "OFFICIAL", "No", "Yes"]),
        Scenario(situation: "Colleague on Teams", expected: "teams"),"#,
    );
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    loaded.deck.expect("valid deck")
}

pub(super) fn walk(tree: &Tree, answers: &[&str]) -> Session {
    let mut session = Session::new(tree);
    for a in answers {
        session.answer(tree, a).expect("an option");
    }
    session
}
