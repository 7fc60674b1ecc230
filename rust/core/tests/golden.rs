//! The golden fixtures of `tests/golden/` (shared with the Python tests):
//! each `NAME.input.txt` cleans to `NAME.expected.txt`, and cleaning is
//! idempotent on them.

use std::fs;
use std::path::PathBuf;

use unboil_core::{Cleaner, Options};

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/golden")
}

#[test]
fn golden_fixtures() {
    let cleaner = Cleaner::new(Options::default()).unwrap();
    let mut cases = 0;
    for entry in fs::read_dir(golden_dir()).unwrap() {
        let path = entry.unwrap().path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()).and_then(|n| n.strip_suffix(".input.txt")) else {
            continue;
        };
        let input = fs::read_to_string(&path).unwrap();
        let expected = fs::read_to_string(golden_dir().join(format!("{name}.expected.txt"))).unwrap();
        let cleaned = cleaner.clean_text(&input).unwrap();
        assert_eq!(cleaned, expected.trim_end_matches('\n'), "golden case {name}");
        assert_eq!(cleaner.clean_text(&cleaned).unwrap(), cleaned, "idempotence on {name}");
        cases += 1;
    }
    assert!(cases >= 5, "found only {cases} golden cases");
}

#[test]
fn hostile_inputs_finish_and_keep_their_shape() {
    let cleaner = Cleaner::new(Options::default()).unwrap();
    let long_line = "word ".repeat(200_000);
    let icons = "bookmarkicon ".repeat(50_000);
    let breaks = "\n".repeat(100_000);
    let mixed = "a\r".repeat(50_000);
    let timestamps = "0:00\n".repeat(20_000);
    // Regression: a sentence end after many icon names made the icon-run
    // search quadratic.
    let icons_then_sentence = format!("{}. End of it all", "xicon ".repeat(200_000));
    // A letter under a million combining marks: one word, read once.
    let marks = format!("Hindi {} done.\nप्रधानमंत्री ने कहा", "\u{301}\u{94D}\u{E48}".repeat(333_334));
    for input in [
        long_line.as_str(),
        icons.as_str(),
        breaks.as_str(),
        mixed.as_str(),
        timestamps.as_str(),
        icons_then_sentence.as_str(),
        marks.as_str(),
    ] {
        let out = cleaner.clean_text(input).unwrap();
        assert!(out.len() <= input.len());
    }
}
