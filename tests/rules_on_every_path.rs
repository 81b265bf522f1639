//! Every answer path of every shipped tree, walked one by one and held against every policy rule:
//! the shared policy's written rules and the rules its register makes, read over the shared fact
//! vocabulary by key and value (not through the checker's per-tree restatement), and each tree's
//! own rules. `check` finds breaches by a pass over the facts that can reach each node; this test
//! is the slow, obvious way to reach the same answer, so a bug in either shows up as a
//! disagreement.

use std::collections::HashMap;

use signpost::catalog::{Catalog, Selection};
use signpost::tree::facts::{Check, Condition};
use signpost::tree::model::RuleOrigin;
use signpost::tree::paths::{for_each_path, joined_answers};
use signpost::tree::{Policy, Tree};

fn shipped() -> Catalog {
    Catalog::load(
        &Selection::new(true, vec![])
            .on(chrono::NaiveDate::from_ymd_opt(2026, 6, 1).expect("a date")),
    )
}

/// A path's facts by key: the value of a question's fact, the items of a checklist's.
type FactsByKey<'t> = HashMap<&'t str, Vec<&'t str>>;

/// Whether a shared-policy condition holds for a path's facts, read by key and value.
fn holds(policy: &Policy, condition: &Condition, facts: &FactsByKey) -> bool {
    condition.tests.iter().all(|test| {
        let fact = &policy.facts[test.fact.index()].fact;
        let value = |i: usize| fact.values[i].value.as_str();
        let set = facts.get(fact.key.as_str());
        match (test.check, set) {
            (Check::NotSet, set) => set.is_none(),
            (_, None) => false,
            (Check::OneOf(mask), Some(values)) => (0..64)
                .filter(|i| mask & (1 << i) != 0)
                .any(|i| values.first() == Some(&value(i))),
            (Check::Has(item), Some(items)) => items.contains(&value(item.into())),
            (Check::Lacks(item), Some(items)) => !items.contains(&value(item.into())),
        }
    })
}

/// Every breach of a rule on a path of `tree`, in words, and how many (path, rule) pairs the
/// rules were about.
fn breaches(policy: &Policy, tree: &Tree) -> (Vec<String>, usize) {
    let mut found = Vec::new();
    let mut applied = 0;
    for_each_path(tree, |steps, end, facts| {
        let outcome = tree.outcome(end).expect("paths end on outcomes");
        let by_key: FactsByKey = tree.fact_values(facts).into_iter().collect();
        let names_a_tool =
            |tools: &[String]| tools.is_empty() || outcome.tools.iter().any(|t| tools.contains(t));
        let mut check = |id: &str, applies: bool, never: &[signpost::tree::Verdict]| {
            if !applies {
                return;
            }
            applied += 1;
            if never.contains(&outcome.verdict) {
                found.push(format!(
                    "{}: {} → {} ({}) breaks {id}",
                    tree.id,
                    joined_answers(tree, steps, " › "),
                    tree.node(end).id,
                    outcome.verdict
                ));
            }
        };
        for rule in &policy.rules {
            let applies = names_a_tool(&rule.tools) && holds(policy, &rule.when, &by_key);
            check(&rule.id, applies, &rule.never);
        }
        for rule in tree.rules.iter().filter(|r| r.origin == RuleOrigin::Tree) {
            let applies = names_a_tool(&rule.tools) && rule.when.holds(Some(facts));
            check(&rule.id, applies, &rule.never);
        }
    });
    (found, applied)
}

#[test]
fn every_path_of_every_shipped_tree_keeps_every_policy_rule() {
    let catalog = shipped();
    assert!(catalog.diagnostics.is_empty(), "{:?}", catalog.diagnostics);
    assert_eq!(catalog.trees.len(), 5);
    let mut all = Vec::new();
    for tree in &catalog.trees {
        let (found, applied) = breaches(&catalog.policy, tree);
        all.extend(found);
        // A tree that remembers a shared fact must meet some rule somewhere: otherwise its facts
        // and the policy's no longer meet (a renamed key or value), and the test would pass by
        // checking nothing.
        let shares_a_fact = tree
            .facts
            .iter()
            .any(|f| catalog.policy.facts.iter().any(|s| s.fact.key == f.key));
        if shares_a_fact {
            assert!(
                applied > 0,
                "no policy rule applies to any path of {}",
                tree.id
            );
        }
    }
    assert!(
        all.is_empty(),
        "{} breaches:\n{}",
        all.len(),
        all.join("\n")
    );
}

/// The walk above is only worth something if it can fail: a path that breaks a rule is found.
#[test]
fn the_walk_finds_a_path_that_breaks_a_rule() {
    let share = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("decision-trees/share.ron"),
    )
    .expect("share.ron");
    let secret = r#"Option(label: "SECRET", next: "secret-or-above")"#;
    assert!(
        share.contains(secret),
        "the SECRET answer moved: update this test"
    );
    let edited = share.replacen(secret, r#"Option(label: "SECRET", next: "route-teams")"#, 1);
    // A tree whose only errors are broken rules does not load, but is kept as written.
    let catalog = shipped();
    let shared = signpost::tree::Shared {
        contacts: &catalog.contacts,
        policy: &catalog.policy,
    };
    let loaded = signpost::tree::load_tree("share.ron", &edited, shared, catalog.today);
    assert!(loaded.tree.is_none());
    let breaking = loaded.breaking.expect("the edited tree, kept for diff");
    let (found, _) = breaches(&catalog.policy, &breaking);
    assert!(
        found
            .iter()
            .any(|b| b.contains("SECRET") && b.ends_with("breaks no-tool-above-official-sensitive")),
        "{found:?}"
    );
}
