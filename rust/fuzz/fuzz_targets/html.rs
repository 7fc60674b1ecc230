//! Any bytes, as a page or whatever they are: decoding, sniffing, the tree
//! builder, block choice and the text cleaner must not panic, and what
//! comes out cleans again without panicking; the tree written back as
//! HTML (what the selector path hands Lexbor) parses again. No limits are
//! set: every input is read to its end.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use unboil_core::{html, Budget, Cleaner, HtmlOptions, Input, Options};

fuzz_target!(|data: &[u8]| {
    static CLEANER: OnceLock<Cleaner> = OnceLock::new();
    let cleaner = CLEANER.get_or_init(|| Cleaner::new(Options::default()).expect("default options"));
    let options = HtmlOptions::default();
    let page = Input::Bytes { bytes: data, encoding: None };
    let document = cleaner.extract(page, Some("http://example.org/"), &options).expect("no limits");
    cleaner.clean_text(&document.text).expect("no limits");
    cleaner.clean(Input::Bytes { bytes: data, encoding: Some("windows-1252") }, &options).expect("no limits");
    let text = String::from_utf8_lossy(data);
    let (dom, _) = html::tree::parse(&text, &Budget::unlimited()).expect("no limits");
    let written = dom.to_html();
    html::tree::parse(&written, &Budget::unlimited()).expect("no limits");
});
