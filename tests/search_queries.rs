//! The search measured against a fixed set of realistic queries (`tests/search-queries.ron`):
//! each is looked up through the real binary (`signpost lookup --format json`) and the test
//! prints how often the expected outcome is the best match (top 1) and among the first three
//! results (top 3). It fails below 90% top 3. Every expected outcome is first checked against
//! its tree by walking the answers the query file gives.

use assert_cmd::Command;
use serde::Deserialize;
use serde_json::Value;
use signpost::catalog::{Catalog, Selection};
use signpost::session::Session;

/// One query of the set.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    query: String,
    tree: String,
    outcome: String,
    walk: Vec<String>,
}

fn cases() -> Vec<Case> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/search-queries.ron"
    ))
    .expect("the query set is readable");
    ron::from_str(&text).expect("the query set parses")
}

/// The (tree, node) of each result of `signpost lookup --format json QUERY`, best first; none
/// when lookup finds nothing that fits.
fn results(query: &str) -> Vec<(String, String)> {
    let output = Command::cargo_bin("signpost")
        .expect("binary builds")
        .env("SIGNPOST_TODAY", "2026-06-01")
        .env("SIGNPOST_DATA_DIR", env!("CARGO_TARGET_TMPDIR"))
        .env("SIGNPOST_CONFIG_DIR", env!("CARGO_TARGET_TMPDIR"))
        .args(["lookup", "--format", "json", query])
        .output()
        .expect("runs");
    let value: Value = serde_json::from_slice(&output.stdout).expect("JSON on stdout");
    value["results"]
        .as_array()
        .expect("a results array")
        .iter()
        .map(|r| {
            let field = |k: &str| r[k].as_str().expect("a string field").to_string();
            (field("tree"), field("node"))
        })
        .collect()
}

#[test]
fn the_set_has_forty_queries_whose_outcomes_are_right_by_the_tree() {
    let cases = cases();
    assert_eq!(cases.len(), 40);
    let catalog = Catalog::load(&Selection::new(true, vec![]));
    for case in &cases {
        let tree = catalog
            .trees
            .iter()
            .find(|t| t.id == case.tree)
            .unwrap_or_else(|| panic!("{:?}: no tree {}", case.query, case.tree));
        let mut session = Session::new(tree);
        for answer in &case.walk {
            session
                .answer(tree, answer)
                .unwrap_or_else(|e| panic!("{:?}: answer {answer:?}: {e:?}", case.query));
        }
        assert!(
            session.at_outcome(tree),
            "{:?}: the walk ends early",
            case.query
        );
        assert_eq!(
            tree.node(session.current()).id,
            case.outcome,
            "{:?}: the walk ends elsewhere",
            case.query
        );
    }
}

#[test]
fn top_three_accuracy_is_at_least_ninety_percent() {
    let cases = cases();
    let (mut top1, mut top3) = (0, 0);
    for case in &cases {
        let found = results(&case.query);
        let expected = (case.tree.clone(), case.outcome.clone());
        match found.iter().position(|r| *r == expected) {
            Some(0) => {
                top1 += 1;
                top3 += 1;
            }
            Some(rank) if rank < 3 => {
                top3 += 1;
                println!("top 3 only (#{}): {:?}", rank + 1, case.query);
            }
            _ => println!(
                "missed: {:?} → {:?}, expected {}/{}",
                case.query,
                found.iter().take(3).collect::<Vec<_>>(),
                case.tree,
                case.outcome
            ),
        }
    }
    let percent = |n: usize| n as f64 * 100.0 / cases.len() as f64;
    println!(
        "search accuracy over {} queries: top 1 {top1} ({:.0}%), top 3 {top3} ({:.0}%)",
        cases.len(),
        percent(top1),
        percent(top3)
    );
    assert!(
        top3 * 10 >= cases.len() * 9,
        "top 3 accuracy {top3}/{} is below 90%",
        cases.len()
    );
}
