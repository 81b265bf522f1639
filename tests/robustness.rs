//! Property test: random byte edits to a valid tree (format 1, and the format-2 example with
//! facts, a checklist, a route and conditional text) never make the loader panic, and every
//! failure is a diagnostic positioned inside the file. A tree that still loads can be walked
//! path by path, exported and compared with the original without a panic.

use proptest::prelude::*;

#[path = "support/mutate.rs"]
mod mutate;

use mutate::{Edit, apply, edit};
use signpost::tree::paths::{for_each_path, route_to};
use signpost::tree::{ContactBook, Shared, Tree, diff, export, load_tree, read};

const SAMPLE: &str = include_str!("fixtures/valid/sample.ron");
const EXAMPLE: &str = include_str!("fixtures/valid/format2-example.ron");
const CONTACTS: &str = include_str!("fixtures/valid/contacts.ron");

/// Loads `original` with `edits` applied and checks every diagnostic's position; a tree that
/// loads is walked, exported and diffed.
fn check_edited(original: &str, edits: &[Edit]) -> Result<(), TestCaseError> {
    let (contacts, _) = ContactBook::parse("contacts.ron", CONTACTS);
    let bytes = apply(original.as_bytes().to_vec(), edits);
    let text = match read::text_from_bytes("t.ron", bytes.clone()) {
        Ok(text) => text,
        Err(d) => {
            let lines = bytes.split(|&b| b == b'\n').count();
            prop_assert!(d.line >= 1 && d.line <= lines, "{d:?}");
            return Ok(());
        }
    };
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
    let loaded = load_tree("t.ron", &text, Shared::with_contacts(&contacts), today);
    let lines = text.split('\n').count();
    for d in &loaded.diagnostics {
        prop_assert!(d.line >= 1 && d.line <= lines, "line out of range: {d:?}");
        let line_len = text
            .split('\n')
            .nth(d.line - 1)
            .map_or(0, |l| l.chars().count());
        prop_assert!(
            d.column >= 1 && d.column <= line_len + 1,
            "column out of range: {d:?}"
        );
    }
    prop_assert_eq!(
        loaded.tree.is_some(),
        !loaded.diagnostics.iter().any(|d| d.is_error())
    );
    if let Some(tree) = &loaded.tree {
        exercise(tree, original, &contacts);
    }
    Ok(())
}

/// Everything that reads a whole tree, on a tree an edit left valid.
fn exercise(tree: &Tree, original: &str, contacts: &ContactBook) {
    let mut paths = 0;
    for_each_path(tree, |_, _, _| paths += 1);
    for id in tree.node_ids() {
        let _ = route_to(tree, id);
    }
    let _ = (
        export::mermaid(tree),
        export::dot(tree),
        export::markdown(tree),
    );
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
    if let Some(before) = load_tree("o.ron", original, Shared::with_contacts(contacts), today).tree
    {
        let _ = diff::diff(&before, tree);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn edits_never_panic_and_errors_are_positioned(edits in proptest::collection::vec(edit(), 1..6)) {
        check_edited(SAMPLE, &edits)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn edits_to_a_format_2_tree_never_panic_and_errors_are_positioned(
        edits in proptest::collection::vec(edit(), 1..6)
    ) {
        check_edited(EXAMPLE, &edits)?;
    }
}
