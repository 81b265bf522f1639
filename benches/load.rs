//! Loading a tree: parse, validate and index generated trees of 1k, 10k and 100k nodes through
//! the library, beside a bare `ron::from_str::<ron::Value>` of the same text (the floor the
//! target is measured against) and the typed parse alone (to split parse from validation).
//!
//! Run with `cargo bench --bench load`; see docs/benchmarks.md.

#[path = "support/allocator.rs"]
mod allocator;
#[path = "support/tree_gen.rs"]
mod tree_gen;

use divan::Bencher;
use divan::counter::BytesCount;
use signpost::tree::format::TreeDoc;
use signpost::tree::{ContactBook, Policy, Shared, load_tree, read};

fn main() {
    divan::main();
}

const NODES: [usize; 3] = [1_000, 10_000, 100_000];

/// A generated tree with long texts, as benchmarks use it.
fn tree_text(nodes: usize) -> String {
    generated(nodes, false)
}

/// The same tree in format 2: every question remembers its answer and branches through a
/// route; outcomes carry conditional text.
fn format_2_text(nodes: usize) -> String {
    generated(nodes, true)
}

fn generated(nodes: usize, routes: bool) -> String {
    generated_with_rules(nodes, routes, 0)
}

fn generated_with_rules(nodes: usize, routes: bool, rules: usize) -> String {
    tree_gen::generate(&tree_gen::Shape {
        nodes,
        paths: None,
        terse: false,
        routes,
        rules,
        seed: 1,
    })
    .text
}

/// How many policy rules the rules benchmarks' trees carry (the target's number).
const RULES: usize = 10;

/// Format-2 trees, up to 10k nodes (the target's size).
const FORMAT_2_NODES: [usize; 2] = [1_000, 10_000];

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
    untyped(bencher, &tree_text(nodes));
}

/// Parse into the file format's types only, no validation.
#[divan::bench(args = NODES, sample_count = 20, max_time = 30)]
fn typed_parse(bencher: Bencher, nodes: usize) {
    typed(bencher, &tree_text(nodes));
}

/// What the app does per file: parse, validate every rule, and build the indexed tree.
#[divan::bench(args = NODES, sample_count = 20, max_time = 30)]
fn load_validate_index(bencher: Bencher, nodes: usize) {
    load(bencher, &tree_text(nodes));
}

/// The floor for format 2: ron's untyped parse of the format-2 text.
#[divan::bench(args = FORMAT_2_NODES, sample_count = 20, max_time = 30)]
fn format_2_ron_value(bencher: Bencher, nodes: usize) {
    untyped(bencher, &format_2_text(nodes));
}

/// Parse of a format-2 tree into the file format's types only, no validation.
#[divan::bench(args = FORMAT_2_NODES, sample_count = 20, max_time = 30)]
fn format_2_typed_parse(bencher: Bencher, nodes: usize) {
    typed(bencher, &format_2_text(nodes));
}

/// `check` of a format-2 tree: parse, validate (with the facts pass over every route and
/// `when:`), and build the indexed tree.
#[divan::bench(args = FORMAT_2_NODES, sample_count = 20, max_time = 30)]
fn format_2_load_validate_index(bencher: Bencher, nodes: usize) {
    load(bencher, &format_2_text(nodes));
}

/// The floor for the format-2 tree with policy rules: ron's untyped parse of its text.
#[divan::bench(args = FORMAT_2_NODES, sample_count = 20, max_time = 30)]
fn rules_ron_value(bencher: Bencher, nodes: usize) {
    untyped(bencher, &generated_with_rules(nodes, true, RULES));
}

/// `check` of a format-2 tree with 10 policy rules, each evaluated at every outcome by the
/// facts pass (no path breaks one, so no search for a breaking path is needed).
#[divan::bench(args = FORMAT_2_NODES, sample_count = 20, max_time = 30)]
fn rules_load_validate_index(bencher: Bencher, nodes: usize) {
    let text = generated_with_rules(nodes, true, RULES);
    let contacts = shipped_contacts();
    let (policy, diagnostics) =
        Policy::load("policy.ron", tree_gen::POLICY, signpost::tree::today());
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let shared = Shared {
        contacts: &contacts,
        policy: &policy,
    };
    let today = signpost::tree::today();
    let loaded = load_tree("generated.ron", &text, shared, today);
    assert!(
        loaded.tree.is_some() && loaded.diagnostics.is_empty(),
        "the generated tree must load cleanly: {:?}",
        loaded.diagnostics.first()
    );
    assert_eq!(loaded.tree.map(|t| t.rules.len()), Some(RULES));
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| load_tree("generated.ron", divan::black_box(&text), shared, today));
}

fn untyped(bencher: Bencher, text: &str) {
    bencher
        .counter(BytesCount::of_str(text))
        .bench(|| ron::from_str::<ron::Value>(divan::black_box(text)).ok());
}

fn typed(bencher: Bencher, text: &str) {
    bencher
        .counter(BytesCount::of_str(text))
        .bench(|| read::parse::<TreeDoc>("generated.ron", divan::black_box(text)).ok());
}

fn load(bencher: Bencher, text: &str) {
    let contacts = shipped_contacts();
    let today = signpost::tree::today();
    let loaded = load_tree(
        "generated.ron",
        text,
        Shared::with_contacts(&contacts),
        today,
    );
    assert!(
        loaded.tree.is_some() && loaded.diagnostics.is_empty(),
        "the generated tree must load cleanly: {:?}",
        loaded.diagnostics.first()
    );
    drop(loaded);
    bencher.counter(BytesCount::of_str(text)).bench(|| {
        load_tree(
            "generated.ron",
            divan::black_box(text),
            Shared::with_contacts(&contacts),
            today,
        )
    });
}
