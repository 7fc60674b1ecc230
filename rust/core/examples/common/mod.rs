//! What the speed examples share: the files they read and how a pass is timed.

use std::time::Instant;

/// Every file of the comma-separated `folders`, each folder's in name order.
pub fn files(folders: &str) -> std::io::Result<Vec<Vec<u8>>> {
    let mut files = Vec::new();
    for folder in folders.split(',') {
        let mut paths: Vec<_> = std::fs::read_dir(folder)?.map(|e| e.map(|e| e.path())).collect::<Result<_, _>>()?;
        paths.sort();
        for path in paths {
            files.push(std::fs::read(path)?);
        }
    }
    Ok(files)
}

/// The best and the median of `passes` (at least one) timed runs of `pass`, in seconds.
pub fn best_and_median(passes: usize, mut pass: impl FnMut()) -> (f64, f64) {
    let mut seconds: Vec<f64> = (0..passes.max(1))
        .map(|_| {
            let start = Instant::now();
            pass();
            start.elapsed().as_secs_f64()
        })
        .collect();
    seconds.sort_by(f64::total_cmp);
    (seconds[0], seconds[seconds.len() / 2])
}
