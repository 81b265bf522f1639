//! Work shared between the processor's cores: loading many tree files, indexing many trees.
//! Each item is worked out on its own (items share nothing while they are worked on) and the
//! results come back in the items' order, so what follows is the same as one item after
//! another.

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
