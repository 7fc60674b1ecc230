//! Many inputs at once: a function mapped over a slice on scoped threads,
//! results in input order. Each thread takes the next item as it finishes
//! one, so a slow page holds up no other.

use std::sync::atomic::{AtomicUsize, Ordering};

/// `work` over `items` on at most `threads` threads, results in input order.
/// With one thread (or one item) it runs on the caller's thread.
pub fn map<T: Sync, R: Send>(items: &[T], threads: usize, work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = threads.clamp(1, items.len().max(1));
    if threads == 1 {
        return items.iter().map(work).collect();
    }
    let next = AtomicUsize::new(0);
    let mut results: Vec<Option<R>> = std::iter::repeat_with(|| None).take(items.len()).collect();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { return done };
                        done.push((i, work(item)));
                    }
                })
            })
            .collect();
        for worker in workers {
            // A panic in `work` ends its thread; it is raised here, on the caller's.
            let done = worker.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            for (i, result) in done {
                results[i] = Some(result);
            }
        }
    });
    results.into_iter().map(|r| r.expect("every item is taken by a thread")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_input_order_on_any_number_of_threads() {
        let items: Vec<u64> = (0..1000).collect();
        for threads in [0, 1, 2, 7, 64, 5000] {
            let out = map(&items, threads, |&x| x * x);
            assert_eq!(out, items.iter().map(|x| x * x).collect::<Vec<_>>(), "{threads} threads");
        }
        assert!(map(&[] as &[u8], 4, |&x| x).is_empty());
    }

    #[test]
    fn uses_several_threads() {
        let items: Vec<u32> = (0..64).collect();
        let ids = map(&items, 4, |_| {
            std::thread::sleep(std::time::Duration::from_millis(2));
            std::thread::current().id()
        });
        let distinct: std::collections::HashSet<_> = ids.into_iter().collect();
        assert!(distinct.len() > 1);
    }

    #[test]
    fn a_panic_reaches_the_caller() {
        let caught = std::panic::catch_unwind(|| map(&[1, 2, 3, 4], 2, |&x| if x == 3 { panic!("three") } else { x }));
        assert!(caught.is_err());
    }
}
