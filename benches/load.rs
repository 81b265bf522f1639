//! Loading a tree: parse, validate and index generated trees of 1k, 10k and 100k nodes through
//! the library, beside a bare `ron::from_str::<ron::Value>` of the same text (the floor the
//! target is measured against) and the typed parse alone (to split parse from validation).
//!
//! Run with `cargo bench --bench load`; see docs/benchmarks.md.

#[path = "support/tree_gen.rs"]
mod tree_gen;

use divan::Bencher;
use divan::counter::BytesCount;
use signpost::tree::format::TreeDoc;
use signpost::tree::{ContactBook, load_tree, read};

fn main() {
    divan::main();
}

const NODES: [usize; 3] = [1_000, 10_000, 100_000];

/// A generated tree with long texts, as benchmarks use it.
fn tree_text(nodes: usize) -> String {
    tree_gen::generate(&tree_gen::Shape {
        nodes,
        paths: None,
        terse: false,
        routes: false,
        seed: 1,
    })
    .text
}

/// The shipped contacts, which generated trees refer to.
fn shipped_contacts() -> ContactBook {
    let (book, diagnostics) = ContactBook::parse(
        "contacts.ron",
        include_str!("../decision-trees/contacts.ron"),
    );
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    book
}

/// The floor: ron's own untyped parse of the same text.
#[divan::bench(args = NODES, sample_count = 20, max_time = 30)]
fn ron_value(bencher: Bencher, nodes: usize) {
    let text = tree_text(nodes);
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| ron::from_str::<ron::Value>(divan::black_box(&text)).ok());
}

/// Parse into the file format's types only, no validation.
#[divan::bench(args = NODES, sample_count = 20, max_time = 30)]
fn typed_parse(bencher: Bencher, nodes: usize) {
    let text = tree_text(nodes);
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| read::parse::<TreeDoc>("generated.ron", divan::black_box(&text)).ok());
}

/// What the app does per file: parse, validate every rule, and build the indexed tree.
#[divan::bench(args = NODES, sample_count = 20, max_time = 30)]
fn load_validate_index(bencher: Bencher, nodes: usize) {
    let text = tree_text(nodes);
    let contacts = shipped_contacts();
    let today = signpost::tree::today();
    let loaded = load_tree("generated.ron", &text, &contacts, today);
    assert!(
        loaded.tree.is_some() && loaded.diagnostics.is_empty(),
        "the generated tree must load cleanly: {:?}",
        loaded.diagnostics.first()
    );
    drop(loaded);
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| load_tree("generated.ron", divan::black_box(&text), &contacts, today));
}
