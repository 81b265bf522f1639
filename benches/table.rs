//! `signpost table` on a tree with about 59,000 root-to-outcome paths: walking every path, and
//! walking them while building each row's data (answers joined, outcome id, verdict, headline),
//! collected as the text and JSON formats do or formatted one by one as the CSV format does.
//!
//! Run with `cargo bench --bench table`; see docs/benchmarks.md.

#[path = "support/allocator.rs"]
mod allocator;
#[path = "support/tree_gen.rs"]
mod tree_gen;

use std::fmt::Write as _;
use std::io::Write as _;

use divan::Bencher;
use divan::counter::ItemsCount;

use signpost::tree::paths::{PathStep, for_each_path, joined_answers};
use signpost::tree::{ContactBook, NodeId, Shared, Tree, load_tree};

fn main() {
    divan::main();
}

/// About this many paths, like `gen-tree --paths 59000`.
const PATHS: u64 = 59_000;

/// One row of the table, as the CSV and text formats build it.
struct Row<'t> {
    answers: String,
    outcome: &'t str,
    verdict: &'static str,
    headline: &'t str,
}

/// The trees measured: format 1, and the same paths in format 2 (every question remembers its
/// answer and branches through a route; outcomes carry conditional text).
const FORMATS: [&str; 2] = ["format-1", "format-2-routes"];

fn paths_tree(format: &str) -> (Tree, usize) {
    let generated = tree_gen::generate(&tree_gen::Shape {
        nodes: 1_000,
        paths: Some(PATHS),
        terse: false,
        routes: format == "format-2-routes",
        rules: 0,
        seed: 1,
    });
    let (contacts, _) = ContactBook::parse(
        "contacts.ron",
        include_str!("../decision-trees/contacts.ron"),
    );
    let loaded = load_tree(
        "paths.ron",
        &generated.text,
        Shared::with_contacts(&contacts),
        signpost::tree::today(),
    );
    assert!(
        loaded.diagnostics.is_empty(),
        "{:?}",
        loaded.diagnostics.first()
    );
    let tree = loaded.tree.expect("the generated tree loads");
    (tree, generated.paths as usize)
}

/// Every path visited, nothing built.
#[divan::bench(args = FORMATS)]
fn walk_paths(bencher: Bencher, format: &str) {
    let (tree, paths) = paths_tree(format);
    bencher.counter(ItemsCount::new(paths)).bench(|| {
        let mut count = 0usize;
        for_each_path(divan::black_box(&tree), |steps, _, _| count += steps.len());
        count
    });
}

/// Every row collected before anything is written, as the text and JSON formats do (the
/// rows are dropped after the clock stops, as a process exits without freeing them).
#[divan::bench(args = FORMATS)]
fn collected_rows(bencher: Bencher, format: &str) {
    let (tree, paths) = paths_tree(format);
    bencher
        .counter(ItemsCount::new(paths))
        .bench(|| rows(divan::black_box(&tree)));
}

/// Every row formatted and written as it is found, as the CSV format does (into a sink here:
/// writing the output is measured with the whole process in docs/benchmarks.md).
#[divan::bench(args = FORMATS)]
fn streamed_csv(bencher: Bencher, format: &str) {
    let (tree, paths) = paths_tree(format);
    bencher.counter(ItemsCount::new(paths)).bench(|| {
        let tree = divan::black_box(&tree);
        let mut out = std::io::sink();
        let mut line = String::new();
        for_each_path(tree, |steps, outcome, _| {
            if let Some(row) = row(tree, steps, outcome) {
                line.clear();
                let _ = write!(
                    line,
                    "{},{},{},{}",
                    row.answers, row.outcome, row.verdict, row.headline
                );
                let _ = writeln!(out, "{line}");
            }
        });
    });
}

fn rows(tree: &Tree) -> Vec<Row<'_>> {
    let mut rows = Vec::new();
    for_each_path(tree, |steps, outcome, _| {
        rows.extend(row(tree, steps, outcome))
    });
    rows
}

fn row<'t>(tree: &'t Tree, steps: &[PathStep], outcome: NodeId) -> Option<Row<'t>> {
    let o = tree.outcome(outcome)?;
    Some(Row {
        answers: joined_answers(tree, steps, " › "),
        outcome: &tree.node(outcome).id,
        verdict: o.verdict.as_str(),
        headline: &o.headline,
    })
}
