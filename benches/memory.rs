//! Peak memory of loading a tree, against the size of its file. A counting allocator records
//! every live heap byte; the peak while loading includes the file's text itself (the app holds
//! it while loading), so "peak ÷ file size" is the multiple the target (≤ 4×) speaks of. Heap
//! bytes only: the allocator's own overhead and the program's code and stack are not counted
//! (see docs/benchmarks.md for whole-process figures).
//!
//! Run with `cargo bench --bench memory`.

#[path = "support/tree_gen.rs"]
mod tree_gen;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

use signpost::tree::{ContactBook, Shared, load_tree};

/// The system allocator, counting live bytes and their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(bytes: usize) {
    let live = LIVE.fetch_add(bytes, Relaxed) + bytes;
    PEAK.fetch_max(live, Relaxed);
}

// SAFETY: every call is forwarded unchanged to the system allocator; only counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                grew(new_size - layout.size());
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// What one measured step used.
struct Usage {
    peak: usize,
    kept: usize,
    millis: f64,
}

/// Runs `step` and reports the heap peak while it ran (counting what was live before it, such
/// as the file's text) and what its result keeps.
fn measure<T>(step: impl FnOnce() -> T) -> (T, Usage) {
    let before = LIVE.load(Relaxed);
    PEAK.store(before, Relaxed);
    let start = Instant::now();
    let result = step();
    let millis = start.elapsed().as_secs_f64() * 1000.0;
    let usage = Usage {
        peak: PEAK.load(Relaxed),
        kept: LIVE.load(Relaxed).saturating_sub(before),
        millis,
    };
    (result, usage)
}

fn mib(bytes: usize) -> f64 {
    bytes as f64 / 1_048_576.0
}

fn main() {
    let (contacts, _) = ContactBook::parse(
        "contacts.ron",
        include_str!("../decision-trees/contacts.ron"),
    );
    let today = signpost::tree::today();
    println!(
        "{:<34} {:>10} {:>14} {:>8} {:>14} {:>9}",
        "step", "file MiB", "peak heap MiB", "× file", "kept MiB", "ms (1 run)"
    );
    for (nodes, terse) in [(10_000, true), (10_000, false), (100_000, false)] {
        let text = tree_gen::generate(&tree_gen::Shape {
            nodes,
            paths: None,
            terse,
            routes: false,
            rules: 0,
            seed: 1,
        })
        .text;
        let profile = if terse { "terse" } else { "long" };
        let (value, usage) = measure(|| ron::from_str::<ron::Value>(&text));
        assert!(value.is_ok(), "ron parses the generated text");
        drop(value);
        report(
            &format!("ron::Value, {nodes} nodes ({profile})"),
            &text,
            &usage,
        );
        let (loaded, usage) = measure(|| {
            load_tree(
                "generated.ron",
                &text,
                Shared::with_contacts(&contacts),
                today,
            )
        });
        assert!(loaded.diagnostics.is_empty() && loaded.tree.is_some());
        report(
            &format!("load_tree, {nodes} nodes ({profile})"),
            &text,
            &usage,
        );
    }
}

fn report(step: &str, text: &str, usage: &Usage) {
    println!(
        "{step:<34} {:>10.1} {:>14.1} {:>8.2} {:>14.1} {:>9.0}",
        mib(text.len()),
        mib(usage.peak),
        usage.peak as f64 / text.len() as f64,
        mib(usage.kept),
        usage.millis
    );
}
