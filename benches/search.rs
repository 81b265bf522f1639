//! Search as the app runs it: a 6-letter query typed one keystroke at a time over an index of
//! about 10,000 and 100,000 entries (questions, answers, outcomes and passages of generated trees).
//! Each keystroke is measured on its own, with the index holding the previous keystroke's word
//! scores, so what the app keeps between keystrokes is part of what is measured.
//! `fresh_full_query` searches the whole query without that state, for comparison;
//! `question_keystroke` and `fresh_question` do the same for a whole question (as typed into the
//! app, and as `lookup` searches it); `build_index` times building the index itself.
//!
//! Run with `cargo bench --bench search`; see docs/benchmarks.md.

#[path = "support/allocator.rs"]
mod allocator;
#[path = "support/tree_gen.rs"]
mod tree_gen;

use std::cell::RefCell;
use std::sync::OnceLock;

use divan::Bencher;
use signpost::search::SearchIndex;
use signpost::tree::{ContactBook, Shared, Tree, load_tree};

fn main() {
    for entries in ENTRIES {
        let trees = trees(entries);
        let built = SearchIndex::new(trees).len();
        let nodes: usize = trees.iter().map(|t| t.nodes.len()).sum();
        println!(
            "index of about {entries}: {} trees, {nodes} nodes, {built} entries",
            trees.len()
        );
    }
    divan::main();
}

/// The query typed; each keystroke searches one more of its letters.
const QUERY: &str = "police";
/// Index sizes, in entries.
const ENTRIES: [usize; 2] = [10_000, 100_000];
/// Keystrokes, 1 to 6.
const KEYSTROKES: [usize; 6] = [1, 2, 3, 4, 5, 6];
/// The most nodes in one generated tree: well under the 10,000 a tree may have (E058), so the
/// 100,000-entry index is several trees, as a folder of trees would be.
const NODES_PER_TREE: usize = 5_000;

/// Generated trees whose search index has about `entries` entries (questions, answers,
/// outcomes and passages, each with its context of nearby wording), built once per size.
fn trees(entries: usize) -> &'static [Tree] {
    static TREES: [OnceLock<Vec<Tree>>; 2] = [OnceLock::new(), OnceLock::new()];
    let slot = ENTRIES
        .iter()
        .position(|&e| e == entries)
        .expect("a benchmarked size");
    TREES[slot].get_or_init(|| {
        let per_node = SearchIndex::new(&[load(1_000, 1)]).len() as f64 / 1_000.0;
        let nodes = (entries as f64 / per_node).round() as usize;
        let count = nodes.div_ceil(NODES_PER_TREE);
        (0..count)
            .map(|i| load(nodes / count, i as u64 + 1))
            .collect()
    })
}

/// A generated tree of about `nodes` nodes, loaded.
fn load(nodes: usize, seed: u64) -> Tree {
    let generated = tree_gen::generate(&tree_gen::Shape {
        nodes,
        paths: None,
        terse: false,
        routes: false,
        rules: 0,
        seed,
    });
    let (contacts, _) = ContactBook::parse(
        "contacts.ron",
        include_str!("../decision-trees/contacts.ron"),
    );
    let loaded = load_tree(
        &format!("search-{seed}.ron"),
        &generated.text,
        Shared::with_contacts(&contacts),
        signpost::tree::today(),
    );
    loaded.tree.expect("the generated tree loads")
}

/// The index the app builds over those trees.
fn index(entries: usize) -> RefCell<SearchIndex> {
    RefCell::new(SearchIndex::new(trees(entries)))
}

/// Searching `query` with the index holding the search of `before` (the query one keystroke
/// earlier, or nothing).
fn search_after(bencher: Bencher, entries: usize, before: &str, query: &str) {
    let index = index(entries);
    let trees = trees(entries);
    bencher
        .with_inputs(|| {
            let mut index = index.borrow_mut();
            index.search(trees, "");
            index.search(trees, before);
        })
        .bench_local_refs(|_| index.borrow_mut().search(trees, query));
}

/// One keystroke: the index has just searched the query up to the previous letter.
#[divan::bench(consts = ENTRIES, args = KEYSTROKES, sample_size = 1, sample_count = 200)]
fn keystroke<const N: usize>(bencher: Bencher, keystroke: usize) {
    search_after(bencher, N, &QUERY[..keystroke - 1], &QUERY[..keystroke]);
}

/// A whole question, as `lookup` searches it: eight words, two of them common, one negated.
const QUESTION: &str = "send an official-sensitive report to the police who cannot use teams";

/// A keystroke in a whole question that completes a word deciding an answer ("police"): the
/// answers are decided again, where most keystrokes keep the last ones.
#[divan::bench(consts = ENTRIES, sample_size = 1, sample_count = 100)]
fn question_keystroke<const N: usize>(bencher: Bencher) {
    let end = QUESTION
        .find("police")
        .map_or(QUESTION.len(), |i| i + "police".len());
    search_after(bencher, N, &QUESTION[..end - 1], &QUESTION[..end]);
}

/// A whole question searched at once, as `lookup` does.
#[divan::bench(consts = ENTRIES, sample_size = 1, sample_count = 50)]
fn fresh_question<const N: usize>(bencher: Bencher) {
    search_after(bencher, N, "", QUESTION);
}

/// The whole query typed from an empty box: the sum of the six keystrokes.
#[divan::bench(consts = ENTRIES, sample_size = 1, sample_count = 100)]
fn typed_query<const N: usize>(bencher: Bencher) {
    let index = index(N);
    let trees = trees(N);
    bencher
        .with_inputs(|| index.borrow_mut().search(trees, ""))
        .bench_local_refs(|_| {
            let mut index = index.borrow_mut();
            (1..=QUERY.len())
                .map(|k| index.search(trees, &QUERY[..k]).len())
                .sum::<usize>()
        });
}

/// The whole query searched at once, without the scores of earlier keystrokes.
#[divan::bench(consts = ENTRIES, sample_size = 1, sample_count = 100)]
fn fresh_full_query<const N: usize>(bencher: Bencher) {
    search_after(bencher, N, "", QUERY);
}

/// Building the index, as the app does at start for every tree loaded.
#[divan::bench(consts = ENTRIES, sample_count = 20)]
fn build_index<const N: usize>(bencher: Bencher) {
    let trees = trees(N);
    bencher.bench(|| SearchIndex::new(trees));
}
