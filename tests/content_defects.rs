//! Regression tests for the defects an audit of the shipped trees found against the guidance
//! (issue 13), one per defect and named after it: each walks every path of the shipped trees
//! through the library and asserts the advice the documents give.

use signpost::catalog::{Catalog, Selection};
use signpost::tree::paths::for_each_path;
use signpost::tree::{Facts, NodeId, Tree};

fn shipped() -> Catalog {
    Catalog::load(&Selection::new(true, vec![]))
}

fn tree<'c>(catalog: &'c Catalog, id: &str) -> &'c Tree {
    catalog.tree(id).unwrap_or_else(|| panic!("no {id} tree"))
}

/// The value of a fact on a path, if it is set.
fn fact<'t>(tree: &'t Tree, facts: &Facts, key: &str) -> Option<&'t str> {
    tree.fact_values(facts)
        .into_iter()
        .find(|(k, _)| *k == key)
        .and_then(|(_, v)| v.first().copied())
}

/// Every path of `tree`: (the answers in words, where it ends, its facts).
fn paths(tree: &Tree) -> Vec<(String, NodeId, Facts)> {
    let mut out = Vec::new();
    for_each_path(tree, |steps, outcome, facts| {
        let answers = signpost::tree::paths::joined_answers(tree, steps, " › ");
        out.push((answers, outcome, facts.clone()));
    });
    out
}

/// Defect 1: Teams recommended for a chat message to another organisation said nothing of the
/// instant-messaging limits (passwords, HR information, personal data, legal case details,
/// NDA material) that the IM guidance sets — only the MoJ-colleagues outcome did.
#[test]
fn teams_chat_to_other_organisations_carries_the_instant_messaging_limits() {
    let catalog = shipped();
    let share = tree(&catalog, "share");
    let mut checked = 0;
    for (answers, outcome, facts) in paths(share) {
        let Some(o) = share.outcome(outcome) else {
            continue;
        };
        if fact(share, &facts, "sharing") != Some("message") || !o.tools.contains(&"teams".into()) {
            continue;
        }
        checked += 1;
        let shown = o.shown(Some(&facts));
        for words in [
            "passwords",
            "HR information",
            "personal data",
            "legal cases",
            "non-disclosure",
        ] {
            assert!(
                shown.conditions.iter().any(|c| c.contains(words)),
                "{answers}: Teams chat without the IM limit on {words}"
            );
        }
        assert!(
            shown
                .guidance
                .iter()
                .any(|p| p.quote.starts_with("Avoid using IM")),
            "{answers}: the IM guidance is not quoted"
        );
    }
    assert!(checked >= 12, "only {checked} message paths end on Teams");
}

/// Defect 3: official MoJ email is approved only "with other government bodies"; the tree
/// decided that a police force counts. No path gives email to a recipient other than another
/// government department.
#[test]
fn email_is_only_for_other_government_departments() {
    let catalog = shipped();
    let share = tree(&catalog, "share");
    let mut checked = 0;
    for (answers, outcome, facts) in paths(share) {
        let Some(o) = share.outcome(outcome) else {
            continue;
        };
        if o.tools.contains(&"email".into()) {
            checked += 1;
            assert_eq!(fact(share, &facts, "recipient"), Some("gov"), "{answers}");
        }
    }
    assert!(checked > 0, "some path still reaches official email");
}
