//! Any bytes, as a page or whatever they are: decoding, sniffing, the tree
//! builder, block choice and the text cleaner must not panic, and what
//! comes out cleans again without panicking. No limits are set: every
//! input is read to its end.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use unboil_core::{Cleaner, HtmlOptions, Input, Options};

fuzz_target!(|data: &[u8]| {
    static CLEANER: OnceLock<Cleaner> = OnceLock::new();
    let cleaner = CLEANER.get_or_init(|| Cleaner::new(Options::default()).expect("default options"));
    let options = HtmlOptions::default();
    let page = Input::Bytes { bytes: data, encoding: None };
    let document = cleaner.extract(page, Some("http://example.org/"), &options).expect("no limits");
    cleaner.clean_text(&document.text).expect("no limits");
    cleaner.clean(Input::Bytes { bytes: data, encoding: Some("windows-1252") }, &options).expect("no limits");
});
