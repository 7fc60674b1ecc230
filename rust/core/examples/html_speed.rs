//! The HTML extractor's speed in the core alone, one thread: every file of
//! the folders given (pages as a crawler has them, raw bytes), their
//! article text extracted `passes` times; prints the best and median pass
//! in pages/s and MB/s.
//!
//!     cargo run --release -p unboil-core --example html_speed -- FOLDER[,FOLDER...] [passes]

mod common;

use unboil_core::config::{HtmlOptions, Options};
use unboil_core::{Cleaner, Input};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(folders) = args.first() else {
        return Err("usage: html_speed FOLDER[,FOLDER...] [passes]".into());
    };
    let passes: usize = args.get(1).map_or(Ok(5), |p| p.parse())?;
    let pages = common::files(folders)?;
    let cleaner = Cleaner::new(Options::default())?;
    let options = HtmlOptions::default();
    let megabytes = pages.iter().map(Vec::len).sum::<usize>() as f64 / 1e6;
    let (best, median) = common::best_and_median(passes, || {
        for page in &pages {
            let input = Input::Bytes { bytes: page, encoding: None };
            std::hint::black_box(cleaner.extract_text(input, None, &options).expect("within the default limits"));
        }
    });
    let n = pages.len() as f64;
    println!(
        "{} pages, {megabytes:.1} MB: best {:.0} pages/s ({:.1} MB/s), median {:.0} pages/s ({:.1} MB/s) ({} passes)",
        pages.len(),
        n / best,
        megabytes / best,
        n / median,
        megabytes / median,
        passes.max(1)
    );
    Ok(())
}
