//! Work shared between the processor's cores: loading many tree files, indexing many trees,
//! searching a large index. Each item is worked out on its own (items share nothing while they
//! are worked on) and the results come back in the items' order, so what follows is the same
//! as one item after another.

use std::ops::Range;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// How many threads the processor can run at once.
pub fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// `f` of each of `items`, in order, worked out on as many threads as the processor has (up
/// to one per item). Each thread takes the next item not yet taken, so a long item does not
/// hold up the others.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = threads().min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new(items.iter().map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    let result = f(item);
                    results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(result);
                }
            });
        }
    });
    // Every item has its result: a thread that panicked would have ended the scope.
    results
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .flatten()
        .collect()
}

/// `0..len` cut into at most `count` runs of about as many items each, in order.
pub fn runs(len: usize, count: usize) -> Vec<Range<usize>> {
    let count = count.clamp(1, len.max(1));
    (0..count)
        .map(|r| len * r / count..len * (r + 1) / count)
        .filter(|run| !run.is_empty())
        .collect()
}

/// `f` of each run of `0..len` ([`runs`], one per thread), in order; one run on this thread
/// when `len` is below `min_len`, where starting threads would cost more than they save.
pub fn over_runs<R: Send>(
    len: usize,
    min_len: usize,
    f: impl Fn(Range<usize>) -> R + Sync,
) -> Vec<R> {
    let count = if len < min_len { 1 } else { threads() };
    map(&runs(len, count), |run| f(run.clone()))
}

/// Runs each sorted by `key` (as [`over_runs`] might give them), merged into one sorted list;
/// of items with equal keys, those of earlier runs come first.
pub fn merge_sorted<T, K: Ord>(runs: Vec<Vec<T>>, key: impl Fn(&T) -> K) -> Vec<T> {
    let mut runs = runs.into_iter();
    let Some(mut merged) = runs.next() else {
        return Vec::new();
    };
    for run in runs {
        let mut out = Vec::with_capacity(merged.len() + run.len());
        let (mut a, mut b) = (merged.into_iter().peekable(), run.into_iter().peekable());
        loop {
            let from_a = match (a.peek(), b.peek()) {
                (Some(x), Some(y)) => key(x) <= key(y),
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => break,
            };
            out.extend(if from_a { a.next() } else { b.next() });
        }
        merged = out;
    }
    merged
}

/// `f` of each of `items`, each changed in place, in order, worked out as [`map`] does.
pub fn map_mut<T: Send, R: Send>(items: &mut [T], f: impl Fn(&mut T) -> R + Sync) -> Vec<R> {
    // Each item behind its own lock, taken only by the thread that works on it.
    let items: Vec<Mutex<&mut T>> = items.iter_mut().map(Mutex::new).collect();
    map(&items, |item| {
        f(&mut item.lock().unwrap_or_else(|e| e.into_inner()))
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn runs_cover_every_item_once_in_order() {
        assert_eq!(super::runs(10, 3), [0..3, 3..6, 6..10]);
        assert_eq!(super::runs(2, 4), [0..1, 1..2]);
        assert_eq!(super::runs(0, 2), Vec::<std::ops::Range<usize>>::new());
        assert_eq!(super::runs(5, 0), vec![0..5]);
    }

    #[test]
    fn over_runs_covers_every_item_in_order_in_one_run_when_short() {
        let joined = |len, min_len| -> Vec<usize> {
            super::over_runs(len, min_len, |run| run.collect::<Vec<_>>()).concat()
        };
        assert_eq!(joined(1000, 10), (0..1000).collect::<Vec<_>>());
        assert_eq!(super::over_runs(1000, 2000, |run| run).len(), 1);
        assert_eq!(joined(0, 0), Vec::<usize>::new());
    }

    proptest::proptest! {
        /// The merge is a stable sort of the runs one after another.
        #[test]
        fn merging_sorted_runs_sorts_them_all(
            runs in proptest::collection::vec(
                proptest::collection::vec((0u8..20, 0u16..1000), 0..50),
                0..5,
            ),
        ) {
            let runs: Vec<Vec<(u8, u16)>> = runs
                .into_iter()
                .map(|mut run| {
                    run.sort_by_key(|item| item.0);
                    run
                })
                .collect();
            let mut all = runs.concat();
            all.sort_by_key(|item| item.0);
            proptest::prop_assert_eq!(super::merge_sorted(runs, |item| item.0), all);
        }
    }

    #[test]
    fn results_come_in_the_items_order() {
        let items: Vec<u64> = (0..1000).collect();
        assert_eq!(
            super::map(&items, |i| i * 2),
            (0..1000).map(|i| i * 2).collect::<Vec<_>>()
        );
        assert_eq!(super::map(&[] as &[u64], |i| *i), Vec::<u64>::new());
    }

    #[test]
    fn items_are_changed_in_place_and_results_come_in_order() {
        let mut items: Vec<u64> = (0..1000).collect();
        let before = super::map_mut(&mut items, |i| {
            *i += 1;
            *i - 1
        });
        assert_eq!(before, (0..1000).collect::<Vec<_>>());
        assert_eq!(items, (1..1001).collect::<Vec<_>>());
    }
}
