//! The text cleaner's speed in the core alone, one thread: every file of
//! the folders given, cleaned `passes` times; prints the best and median
//! pass in MB/s.
//!
//!     cargo run --release -p unboil-core --example text_speed -- \
//!         ../shared/bench/wcxb-dev/text,../shared/bench/scrapinghub/text [auto|article|page] [passes]

mod common;

use unboil_core::config::{Options, Regime};
use unboil_core::Cleaner;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(folders) = args.first() else {
        return Err("usage: text_speed FOLDER[,FOLDER...] [auto|article|page] [passes]".into());
    };
    let regime = match args.get(1).map_or("auto", String::as_str) {
        "auto" => None,
        "article" => Some(Regime::Article),
        "page" => Some(Regime::Page),
        other => return Err(format!("regime {other:?}: auto, article or page").into()),
    };
    let passes: usize = args.get(2).map_or(Ok(5), |p| p.parse())?;
    let texts = common::files(folders)?.into_iter().map(String::from_utf8).collect::<Result<Vec<_>, _>>()?;
    let cleaner = Cleaner::new(Options { regime, ..Options::default() })?;
    let megabytes = texts.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    let (best, median) = common::best_and_median(passes, || {
        for text in &texts {
            std::hint::black_box(cleaner.clean_text(text).expect("within the default limits"));
        }
    });
    println!(
        "{} texts, {megabytes:.1} MB: best {:.1} MB/s, median {:.1} MB/s ({} passes)",
        texts.len(),
        megabytes / best,
        megabytes / median,
        passes.max(1)
    );
    Ok(())
}
