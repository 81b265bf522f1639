//! Search as the app runs it: a 6-letter query typed one keystroke at a time over an index of
//! 10,000 and 100,000 entries (questions, answers, outcomes and passages of generated trees).
//! Each keystroke is measured on its own, with the index holding the previous keystroke's hits,
//! so the narrowing the app relies on is part of what is measured. `fresh_full_query` searches
//! the whole query without that state, for comparison.
//!
//! Run with `cargo bench --bench search`; see docs/benchmarks.md.

#[path = "support/tree_gen.rs"]
mod tree_gen;

use std::cell::RefCell;
use std::sync::OnceLock;

use divan::Bencher;
use signpost::search::{Entry, SearchIndex};
use signpost::tree::{ContactBook, load_tree};

fn main() {
    divan::main();
}

/// The query typed; each keystroke searches one more of its letters.
const QUERY: &str = "police";
/// Index sizes, in entries.
const ENTRIES: [usize; 2] = [10_000, 100_000];
/// Keystrokes, 1 to 6.
const KEYSTROKES: [usize; 6] = [1, 2, 3, 4, 5, 6];

/// The first `count` entries of the index of generated trees (about four entries per node).
fn entries(count: usize) -> Vec<Entry> {
    static BIG: OnceLock<Vec<Entry>> = OnceLock::new();
    let all = BIG.get_or_init(|| {
        let generated = tree_gen::generate(&tree_gen::Shape {
            nodes: ENTRIES[1] / 4,
            paths: None,
            terse: false,
            seed: 1,
        });
        let (contacts, _) = ContactBook::parse(
            "contacts.ron",
            include_str!("../decision-trees/contacts.ron"),
        );
        let loaded = load_tree(
            "search.ron",
            &generated.text,
            &contacts,
            signpost::tree::today(),
        );
        let tree = loaded.tree.expect("the generated tree loads");
        SearchIndex::new(std::slice::from_ref(&tree))
            .entries()
            .to_vec()
    });
    assert!(all.len() >= count, "only {} entries", all.len());
    all[..count].to_vec()
}

/// One keystroke: the index has just searched the query up to the previous letter.
#[divan::bench(consts = ENTRIES, args = KEYSTROKES, sample_size = 1, sample_count = 200)]
fn keystroke<const N: usize>(bencher: Bencher, keystroke: usize) {
    let index = RefCell::new(SearchIndex::from_entries(entries(N)));
    bencher
        .with_inputs(|| {
            let mut index = index.borrow_mut();
            index.search("");
            index.search(&QUERY[..keystroke - 1]);
        })
        .bench_local_refs(|_| index.borrow_mut().search(&QUERY[..keystroke]));
}

/// The whole query typed from an empty box: the sum of the six keystrokes.
#[divan::bench(consts = ENTRIES, sample_size = 1, sample_count = 100)]
fn typed_query<const N: usize>(bencher: Bencher) {
    let index = RefCell::new(SearchIndex::from_entries(entries(N)));
    bencher
        .with_inputs(|| index.borrow_mut().search(""))
        .bench_local_refs(|_| {
            let mut index = index.borrow_mut();
            (1..=QUERY.len())
                .map(|k| index.search(&QUERY[..k]).len())
                .sum::<usize>()
        });
}

/// The whole query searched at once, without previous hits to narrow.
#[divan::bench(consts = ENTRIES, sample_size = 1, sample_count = 100)]
fn fresh_full_query<const N: usize>(bencher: Bencher) {
    let index = RefCell::new(SearchIndex::from_entries(entries(N)));
    bencher
        .with_inputs(|| index.borrow_mut().search(""))
        .bench_local_refs(|_| index.borrow_mut().search(QUERY));
}
