//! Any text through the text cleaner, in each regime: no panic, and every
//! line it keeps is the input's, verbatim (a line is kept whole or cut
//! before an icon run).
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use unboil_core::{Cleaner, Options, Regime};

fuzz_target!(|data: &[u8]| {
    static CLEANERS: OnceLock<Vec<Cleaner>> = OnceLock::new();
    let cleaners = CLEANERS.get_or_init(|| {
        [None, Some(Regime::Article), Some(Regime::Page)]
            .map(|regime| Cleaner::new(Options { regime, ..Options::default() }).expect("valid options"))
            .into()
    });
    let text = String::from_utf8_lossy(data);
    for cleaner in cleaners {
        let out = cleaner.clean_text(&text).expect("no limits");
        for line in out.lines() {
            assert!(text.contains(line), "a kept line that is not the input's: {line:?}");
        }
    }
});
