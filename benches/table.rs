//! `signpost table` on a tree with about 59,000 root-to-outcome paths: walking every path, and
//! walking them while building each row's data (answers joined, outcome id, verdict, headline),
//! which is what every output format does before it writes.
//!
//! Run with `cargo bench --bench table`; see docs/benchmarks.md.

#[path = "support/tree_gen.rs"]
mod tree_gen;

use divan::Bencher;
use divan::counter::ItemsCount;
use signpost::tree::paths::{for_each_path, labels};
use signpost::tree::{ContactBook, Tree, load_tree};

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

fn paths_tree() -> (Tree, usize) {
    let generated = tree_gen::generate(&tree_gen::Shape {
        nodes: 1_000,
        paths: Some(PATHS),
        terse: false,
        seed: 1,
    });
    let (contacts, _) = ContactBook::parse(
        "contacts.ron",
        include_str!("../decision-trees/contacts.ron"),
    );
    let loaded = load_tree(
        "paths.ron",
        &generated.text,
        &contacts,
        signpost::tree::today(),
    );
    let tree = loaded.tree.expect("the generated tree loads");
    (tree, generated.paths as usize)
}

/// Every path visited, nothing built.
#[divan::bench]
fn walk_paths(bencher: Bencher) {
    let (tree, paths) = paths_tree();
    bencher.counter(ItemsCount::new(paths)).bench(|| {
        let mut count = 0usize;
        for_each_path(divan::black_box(&tree), |steps, _| count += steps.len());
        count
    });
}

/// Every path with its row's data.
#[divan::bench]
fn rows(bencher: Bencher) {
    let (tree, paths) = paths_tree();
    bencher.counter(ItemsCount::new(paths)).bench(|| {
        let tree = divan::black_box(&tree);
        let mut rows = Vec::with_capacity(paths);
        for_each_path(tree, |steps, outcome| {
            let Some(o) = tree.outcome(outcome) else {
                return;
            };
            rows.push(Row {
                answers: labels(tree, steps).join(" › "),
                outcome: &tree.node(outcome).id,
                verdict: o.verdict.as_str(),
                headline: &o.headline,
            });
        });
        assert_eq!(rows.len(), paths);
        rows.iter()
            .map(|r| r.answers.len() + r.outcome.len() + r.verdict.len() + r.headline.len())
            .sum::<usize>()
    });
}
