//! The golden HTML pages of `tests/golden/html/` (shared with the Python
//! tests): each `NAME.html` has a `NAME.json` naming what the article text
//! must hold (`keep`, in order), must not hold (`drop`), how long it may
//! be at most (`max_chars`), the comments `include_comments` brings back
//! after it (`comments`) and the page's `metadata`; Rust and Python read the
//! same raw pages, through the same one pass. Then hostile input: every one
//! returns, without a panic.

use std::fs;
use std::path::PathBuf;

use serde_json::Value;
use unboil_core::{Cleaner, Document, Favor, Format, HtmlOptions, Input, Metadata, Options};

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/golden/html")
}

struct Golden {
    name: String,
    page: String,
    expected: Value,
}

fn golden_pages() -> Vec<Golden> {
    let mut pages = Vec::new();
    for entry in fs::read_dir(golden_dir()).unwrap() {
        let path = entry.unwrap().path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()).and_then(|n| n.strip_suffix(".html")) else {
            continue;
        };
        let page = fs::read_to_string(&path).unwrap();
        let json = fs::read_to_string(golden_dir().join(format!("{name}.json")))
            .unwrap_or_else(|e| panic!("{name}.json: {e}"));
        let expected: Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{name}.json: {e}"));
        pages.push(Golden { name: name.to_owned(), page, expected });
    }
    pages.sort_by(|a, b| a.name.cmp(&b.name));
    assert!(pages.len() >= 7, "found only {} golden pages", pages.len());
    pages
}

fn strings<'a>(expected: &'a Value, key: &str) -> Vec<&'a str> {
    match expected.get(key) {
        None => Vec::new(),
        Some(Value::Array(items)) => items.iter().map(|v| v.as_str().expect("a string")).collect(),
        Some(other) => panic!("{key}: expected a list, got {other}"),
    }
}

fn cleaner() -> Cleaner {
    Cleaner::new(Options::default()).unwrap()
}

/// The pieces of `wanted` that `text` does not hold in that order, as messages.
fn in_order(text: &str, wanted: &[&str]) -> Vec<String> {
    let mut failures = Vec::new();
    let mut position = 0;
    for &piece in wanted {
        match text[position..].find(piece) {
            Some(at) => position += at + piece.len(),
            None if text.contains(piece) => failures.push(format!("out of order: {piece:?}")),
            None => failures.push(format!("missing: {piece:?}")),
        }
    }
    failures
}

/// The failures of `text` against the expectations, as messages.
fn check_text(text: &str, expected: &Value, check_drop: bool) -> Vec<String> {
    let mut failures = in_order(text, &strings(expected, "keep"));
    if check_drop {
        for drop in strings(expected, "drop") {
            if text.contains(drop) {
                failures.push(format!("still holds: {drop:?}"));
            }
        }
        if let Some(max) = expected.get("max_chars").and_then(Value::as_u64) {
            let chars = text.chars().count() as u64;
            if chars >= max {
                failures.push(format!("{chars} characters out, expected fewer than {max}"));
            }
        }
    }
    failures
}

fn check_metadata(document: &Document, expected: &Value) -> Vec<String> {
    let m = &document.metadata;
    let mut failures = Vec::new();
    let Some(Value::Object(fields)) = expected.get("metadata") else {
        return failures;
    };
    for (field, want) in fields {
        let got = match field.as_str() {
            "title" => &m.title,
            "author" => &m.author,
            "date" => &m.date,
            "url" => &m.url,
            "sitename" => &m.sitename,
            "language" => &m.language,
            other => panic!("unknown metadata field {other:?}"),
        };
        if got.as_deref() != want.as_str() {
            failures.push(format!("metadata {field}: got {got:?}, expected {want}"));
        }
    }
    failures
}

/// Runs `check` on every golden page and fails once, listing every page's failures.
fn for_every_page(what: &str, check: impl Fn(&Golden) -> Vec<String>) {
    let report: Vec<String> = golden_pages()
        .iter()
        .flat_map(|golden| check(golden).into_iter().map(move |f| format!("{}: {f}", golden.name)))
        .collect();
    assert!(report.is_empty(), "{what}:\n{}", report.join("\n"));
}

#[test]
fn golden_pages_text() {
    let cleaner = cleaner();
    for_every_page("golden pages, default options", |g| {
        let document = cleaner.extract_html(&g.page, None, &HtmlOptions::default()).unwrap();
        let mut failures = check_text(&document.text, &g.expected, true);
        if !failures.is_empty() {
            failures.push(format!("--- text ---\n{}\n---", document.text));
        }
        failures
    });
}

#[test]
fn golden_pages_explained() {
    // Explaining a page extracts the same document; each block is named by
    // its element path, and no block holding a dropped string is kept.
    let cleaner = cleaner();
    for_every_page("golden pages, explained", |g| {
        let options = HtmlOptions::default();
        let (document, blocks) = cleaner.explain_page(Input::Text(&g.page), None, &options).unwrap();
        let mut failures = Vec::new();
        if document != cleaner.extract_html(&g.page, None, &options).unwrap() {
            failures.push("explain_page extracted another document".to_owned());
        }
        for block in &blocks {
            if !block.path.starts_with("html > body") && !block.path.starts_with("\u{2026} > ") {
                failures.push(format!("path {:?} of {:?}", block.path, block.text));
            }
            let kept = block.kept.as_deref().unwrap_or_default();
            for dropped in strings(&g.expected, "drop").into_iter().filter(|d| kept.contains(d)) {
                failures.push(format!("{dropped:?} kept ({})", block.reason));
            }
            if block.kept.is_some() != ["content", "comment"].contains(&block.reason)
                && block.kept.as_ref() == Some(&block.text)
            {
                failures.push(format!("{:?} kept whole, reason {}", block.text, block.reason));
            }
        }
        failures
    });
}

#[test]
fn golden_pages_markdown() {
    let cleaner = cleaner();
    let options = HtmlOptions { format: Format::Markdown, ..HtmlOptions::default() };
    for_every_page("golden pages as Markdown", |g| {
        let markdown = cleaner.extract_html(&g.page, None, &options).unwrap().text;
        let mut failures = in_order(&markdown, &strings(&g.expected, "markdown"));
        if !failures.is_empty() {
            failures.push(format!("--- markdown ---\n{markdown}\n---"));
        }
        failures
    });
}

#[test]
fn golden_pages_metadata() {
    let cleaner = cleaner();
    for_every_page("golden pages, metadata", |g| {
        check_metadata(&cleaner.extract_html(&g.page, None, &HtmlOptions::default()).unwrap(), &g.expected)
    });
}

#[test]
fn golden_pages_with_a_bom_and_crlf() {
    let cleaner = cleaner();
    for_every_page("golden pages with a BOM and CRLF line ends", |g| {
        let page = format!("\u{FEFF}{}", g.page.replace('\n', "\r\n"));
        let document = cleaner.extract_html(&page, None, &HtmlOptions::default()).unwrap();
        let mut failures = check_text(&document.text, &g.expected, true);
        failures.extend(check_metadata(&document, &g.expected));
        if document.text.contains('\u{FEFF}') || document.text.contains('\r') {
            failures.push("a BOM or CR in the text".to_owned());
        }
        failures
    });
}

#[test]
fn golden_pages_every_favor() {
    let cleaner = cleaner();
    for favor in [Favor::Precision, Favor::Balanced, Favor::Recall] {
        let options = HtmlOptions { favor, ..HtmlOptions::default() };
        // Only recall may let link-heavy boilerplate back in; precision may
        // leave out what a page marks `"precision_may_drop"` (a listing's
        // cards: no prose to be sure of), never let its drops in.
        for_every_page(&format!("golden pages favoring {favor:?}"), |g| {
            let mut expected = g.expected.clone();
            if favor == Favor::Precision && g.expected["precision_may_drop"] == true {
                expected["keep"] = serde_json::json!([]);
            }
            check_text(&cleaner.extract_html(&g.page, None, &options).unwrap().text, &expected, favor != Favor::Recall)
        });
    }
}

#[test]
fn include_comments_appends_the_comments() {
    let cleaner = cleaner();
    let options = HtmlOptions { include_comments: true, ..HtmlOptions::default() };
    for_every_page("include_comments", |g| {
        let text = cleaner.extract_html(&g.page, None, &options).unwrap().text;
        let mut keep: Vec<&str> = strings(&g.expected, "keep");
        keep.extend(strings(&g.expected, "comments"));
        check_text(&text, &serde_json::json!({ "keep": keep }), false)
    });
    let with_comments = golden_pages().iter().filter(|g| !strings(&g.expected, "comments").is_empty()).count();
    assert!(with_comments >= 1, "no golden page has comments");
}

#[test]
fn target_mode_takes_the_body_as_the_content() {
    // What the Python front builds from the user's `target` selectors: the
    // matched elements as the body's children.
    let page = "<html lang=en><head><title>T</title></head><body>\
        <div class=\"sidebar related\"><a href=/a>First linked card title</a> <a href=/b>Second linked card title</a></div>\
        <div class=comments><p>Short.</p><div class=share-bar>Share on Facebook</div></div></body></html>";
    let cleaner = cleaner();
    let target = HtmlOptions { target: true, ..HtmlOptions::default() };
    let text = cleaner.extract_html(page, None, &target).unwrap().text;
    assert_eq!(text, "First linked card title Second linked card title\n\nShort.");
    assert_eq!(cleaner.extract_html(page, None, &HtmlOptions::default()).unwrap().text, "");
    assert_eq!(cleaner.extract_html(page, None, &target).unwrap().metadata.language.as_deref(), Some("en"));
}

#[test]
fn include_title_puts_the_title_first() {
    let cleaner = cleaner();
    let options = HtmlOptions { include_title: true, ..HtmlOptions::default() };
    for_every_page("include_title", |g| {
        let Some(title) = g.expected.get("metadata").and_then(|m| m.get("title")).and_then(Value::as_str) else {
            return Vec::new();
        };
        let text = cleaner.extract_html(&g.page, None, &options).unwrap().text;
        let mut failures = check_text(&text, &g.expected, true);
        if !text.starts_with(&format!("{title}\n")) {
            failures.push(format!("does not start with the title: {:?}", text.chars().take(100).collect::<String>()));
        }
        if text.matches(title).count() != 1 {
            failures.push("the title more than once".to_owned());
        }
        let default = cleaner.extract_html(&g.page, None, &HtmlOptions::default()).unwrap().text;
        if default.starts_with(title) {
            failures.push("the title first without include_title".to_owned());
        }
        failures
    });
}

#[test]
fn given_url_only_when_the_page_names_none() {
    let cleaner = cleaner();
    for_every_page("url", |g| {
        let given = "https://fetched.example/path";
        let document = cleaner.extract_html(&g.page, Some(given), &HtmlOptions::default()).unwrap();
        let want = g.expected.get("metadata").and_then(|m| m.get("url")).and_then(Value::as_str).unwrap_or(given);
        if document.metadata.url.as_deref() == Some(want) {
            Vec::new()
        } else {
            vec![format!("url {:?}, expected {want:?}", document.metadata.url)]
        }
    });
}

#[test]
fn page_without_metadata() {
    let page = "<html><body><div><p>The committee met on Monday evening to discuss the future of the swimming \
                pool, which has been closed since the roof began to leak in the autumn.</p><p>Members agreed to \
                ask the council for an engineer's report before they decide what to do with the building.</p>\
                </div></body></html>";
    let document = cleaner().extract_html(page, None, &HtmlOptions::default()).unwrap();
    assert!(document.text.starts_with("The committee met on Monday evening"), "{:?}", document.text);
    // Nothing declared: the language is the text's.
    assert_eq!(document.metadata, Metadata { language: Some("en".into()), ..Default::default() });
    let empty = cleaner().extract_html("", None, &HtmlOptions::default()).unwrap();
    assert_eq!(empty, Document::default());
}

#[test]
fn a_page_whose_body_gives_no_text_gives_its_description() {
    let head =
        r#"<head><title>Range</title><meta name="description" content=" Real miles &amp; a full charge. "></head>"#;
    let shell = format!(r#"<html>{head}<body><section id="main"></section><script>render()</script></body></html>"#);
    let with_text = format!("<html>{head}<body><div>{PROSE}{PROSE}</div></body></html>");
    let bare = "<html><head><title>Range</title></head><body><section></section></body></html>";
    let link_post = "<html><body><nav><a href=/>Home</a></nav><h1>Carr: new barriers abroad</h1>\
                     <a href=https://x.example/story>x.example</a></body></html>";
    // A headline about markup is text: its `</b>` is the page's words.
    let markup_headline = link_post.replace("Carr: new barriers abroad", "Why &lt;/b&gt; closes bold");
    // A description that is markup itself: escaped in the attribute, or inline only.
    let escaped = described("&lt;p&gt;Boils water &lt;b&gt;fast&lt;/b&gt;.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;1.7 L&lt;/li&gt;&lt;li&gt;2 kW&lt;/li&gt;&lt;/ul&gt;");
    let inline = described("A &lt;em&gt;quiet&lt;/em&gt; kettle &amp;amp; a &lt;br&gt;lid");
    let comparison = described("Pick a&lt;b and c&gt;d.");
    let markdown = HtmlOptions { format: Format::Markdown, ..HtmlOptions::default() };
    let html = HtmlOptions { format: Format::Html, ..HtmlOptions::default() };
    let titled = HtmlOptions { include_title: true, ..HtmlOptions::default() };
    // (page, options, the text wanted: None when it is the body's prose)
    let cases = [
        (shell.as_str(), HtmlOptions::default(), Some("Real miles & a full charge.")),
        (shell.as_str(), markdown, Some("Real miles & a full charge.")),
        (shell.as_str(), html, Some("<p>Real miles &amp; a full charge.</p>")),
        (shell.as_str(), titled, Some("Range\n\nReal miles & a full charge.")),
        (bare, HtmlOptions::default(), Some("")),
        // No description: the headline, once.
        (link_post, HtmlOptions::default(), Some("Carr: new barriers abroad")),
        (link_post, titled, Some("Carr: new barriers abroad")),
        (markup_headline.as_str(), HtmlOptions::default(), Some("Why </b> closes bold")),
        (with_text.as_str(), HtmlOptions::default(), None),
        // Markup in the description is read as a fragment, never written as text.
        (escaped.as_str(), HtmlOptions::default(), Some("Boils water fast.\n\n1.7 L\n2 kW")),
        (escaped.as_str(), markdown, Some("Boils water **fast**.\n\n- 1.7 L\n- 2 kW")),
        (
            escaped.as_str(),
            html,
            Some("<p>Boils water <strong>fast</strong>.</p>\n<ul>\n<li>1.7 L</li>\n<li>2 kW</li>\n</ul>"),
        ),
        (inline.as_str(), HtmlOptions::default(), Some("A quiet kettle & a\nlid")),
        (comparison.as_str(), HtmlOptions::default(), Some("Pick a<b and c>d.")),
    ];
    for (page, options, want) in cases {
        let text = cleaner().extract_html(page, None, &options).unwrap().text;
        match want {
            Some(want) => assert_eq!(text, want, "{page} {options:?}"),
            None => assert!(text.starts_with(PROSE_SENTENCE) && !text.contains("Real miles"), "{text:?}"),
        }
    }
}

/// A paragraph of prose to hide in hostile pages.
const PROSE: &str = "<p>The council voted on Tuesday to approve a new budget for the city, which will fund schools \
                     and roads for the next two years and pay for a new library in the old market hall.</p>";
const PROSE_SENTENCE: &str = "The council voted on Tuesday to approve a new budget for the city";

fn wrap(body: &str) -> String {
    format!("<!DOCTYPE html><html><head><title>Page</title></head><body>{body}</body></html>")
}

/// Hostile pages: every one returns (no panic, no stack overflow) with no
/// more text than it was given; `Some(sentence)` where the prose hidden in
/// it must still come out.
fn hostile_pages() -> Vec<(&'static str, String, Option<&'static str>)> {
    let article = golden_pages().into_iter().find(|g| g.name == "share-bar").expect("share-bar.html").page;
    let first_keep = "After more than two decades of standing empty";
    let cut = |marker: &str, offset: usize| article[..article.find(marker).unwrap() + offset].to_owned();
    vec![
        ("empty", String::new(), None),
        ("white space", " \n\t\r\n ".to_owned(), None),
        ("deep div", wrap(&format!("{}{PROSE}{}", "<div>".repeat(100_000), "</div>".repeat(100_000))), Some(PROSE_SENTENCE)),
        ("deep div unclosed", wrap(&format!("{}{PROSE}", "<div>".repeat(100_000))), Some(PROSE_SENTENCE)),
        ("deep b", wrap(&format!("{}{PROSE}{}", "<b>".repeat(100_000), "</b>".repeat(100_000))), Some(PROSE_SENTENCE)),
        ("deep a", wrap(&format!("{}{PROSE}", "<a href='#'><span>".repeat(50_000))), None),
        ("deep skipped", wrap(&format!("<script>x{}{PROSE}", "<svg><g>".repeat(100_000))), None),
        ("deep table", wrap(&"<table><tr><td>".repeat(50_000)), None),
        ("end tags only", "</div></p></span></a></b></li></td>".repeat(100_000), None),
        ("attribute 10 MB", wrap(&format!("<div data-blob=\"{}\">{PROSE}</div>", "a".repeat(10_000_000))), Some(PROSE_SENTENCE)),
        ("attribute 10 MB unquoted", wrap(&format!("<div data-blob={}>{PROSE}</div>", "b".repeat(10_000_000))), Some(PROSE_SENTENCE)),
        ("class 10 MB", wrap(&format!("<div class=\"{}\">{PROSE}</div>", "share-bar ".repeat(1_000_000))), None),
        ("many attributes", wrap(&format!("<div {}>{PROSE}</div>", (0..200_000).map(|i| format!("a{i}='{i}'")).collect::<Vec<_>>().join(" "))), Some(PROSE_SENTENCE)),
        ("many quotes", wrap(&format!("<div {}>{PROSE}</div>", "=\"'".repeat(300_000))), None),
        ("lt 1M", "<".repeat(1_000_000), None),
        ("lt 1M in a page", wrap(&format!("{PROSE}{}{PROSE}", "<".repeat(1_000_000))), Some(PROSE_SENTENCE)),
        ("lt slash 500k", "</".repeat(500_000), None),
        ("lt bang 500k", "<!".repeat(500_000), None),
        ("amp 1M", wrap(&format!("<p>{}</p>{PROSE}", "&".repeat(1_000_000))), Some(PROSE_SENTENCE)),
        ("references 500k", wrap(&format!("<p>{}</p>", "&amp;&#x1F600;&#99999999;&#x110000;&#0;&bogus;".repeat(100_000))), None),
        ("text node 10 MB", wrap(&format!("<p>{}</p>", "The cat sat on the mat and looked at the dog. ".repeat(220_000))), None),
        ("empty comments 1M", "<!---->".repeat(1_000_000), None),
        ("empty comments 1M then page", format!("{}{}", "<!---->".repeat(1_000_000), wrap(PROSE)), Some(PROSE_SENTENCE)),
        ("unterminated comment", wrap(&format!("{PROSE}<!-- never closed <p>hidden</p>")), Some(PROSE_SENTENCE)),
        ("unterminated comment only", format!("<!--{}", "x".repeat(1_000_000)), None),
        ("unterminated tag", format!("{PROSE}<div class=\"x\" id=y data-z"), Some(PROSE_SENTENCE)),
        ("unterminated end tag", format!("{PROSE}</div"), Some(PROSE_SENTENCE)),
        ("unterminated quoted attribute", format!("{PROSE}<div title=\"{}", "never closed > <p>no</p> ".repeat(10_000)), Some(PROSE_SENTENCE)),
        ("unterminated single-quoted attribute", format!("{PROSE}<a href='{}", "x".repeat(100_000)), Some(PROSE_SENTENCE)),
        ("unterminated script", wrap(&format!("{PROSE}<script>var a = '<p>{}", "x".repeat(100_000))), Some(PROSE_SENTENCE)),
        ("unterminated title", format!("<title>{}", "t".repeat(100_000)), None),
        ("unterminated doctype", "<!DOCTYPE html".to_owned(), None),
        ("truncated mid tag", cut("<ul class=\"social-buttons\">", "<ul cla".len()), Some(first_keep)),
        ("truncated mid attribute", cut("href=\"https://wa.me", "href=\"https://wa".len()), Some(first_keep)),
        ("no end tags", article.replace("</", "<"), None),
        (
            "json-ld deep arrays",
            format!("<html><head><script type=\"application/ld+json\">{}</script></head><body>{PROSE}</body></html>", "[".repeat(100_000)),
            Some(PROSE_SENTENCE),
        ),
        (
            "json-ld deep arrays closed",
            format!(
                "<html><head><script type=\"application/ld+json\">{}{}</script></head><body>{PROSE}</body></html>",
                "[".repeat(100_000),
                "]".repeat(100_000)
            ),
            Some(PROSE_SENTENCE),
        ),
        (
            "json-ld deep graph",
            format!("<html><head><script type=\"application/ld+json\">{}</script></head><body>{PROSE}</body></html>", "{\"@graph\":".repeat(50_000)),
            Some(PROSE_SENTENCE),
        ),
        (
            "json-ld huge array",
            format!(
                "<html><head><script type=\"application/ld+json\">[{}{{\"@type\":\"NewsArticle\",\"headline\":\"H\"}}]</script></head><body>{PROSE}</body></html>",
                "{\"@type\":\"Thing\"},".repeat(200_000)
            ),
            Some(PROSE_SENTENCE),
        ),
        ("nul and controls", format!("{PROSE}{}", "\0\u{1}\u{8}\u{b}\u{c}\u{7f}".repeat(100_000)), Some(PROSE_SENTENCE)),
        ("lines 1M", wrap(&format!("<p>{}</p>", "word<br>".repeat(1_000_000))), None),
        (
            "thread of 100k comments",
            wrap(&format!(
                "<article><h1>A question</h1>{PROSE}</article><div class='comments'>{}</div>",
                "<div class='comment'><p>Thanks for this, I tried it on my own router and it worked for me too.</p></div>"
                    .repeat(100_000)
            )),
            Some(PROSE_SENTENCE),
        ),
        ("pre 1M lines", wrap(&format!("<pre>{}</pre>", "x\n".repeat(1_000_000))), None),
        ("table 100k cells", wrap(&format!("<table><tr>{}</tr></table>", "<td>cell</td>".repeat(100_000))), None),
        (
            "table wide then long, spans",
            wrap(&format!(
                "<table><tr>{}</tr>{}</table>",
                "<td rowspan=64 colspan=64>c</td>".repeat(20_000),
                "<tr><td>r</td></tr>".repeat(50_000)
            )),
            None,
        ),
        ("pdf as text", format!("%PDF-1.4\n{}", "\u{FFFD}obj<< /Type /Page >>stream\u{1}\u{2}".repeat(50_000)), None),
        // An empty body's description that is markup, read as a fragment.
        (
            "description deep div",
            described(&format!("{}{}{}", "&lt;div&gt;".repeat(100_000), PROSE_ESCAPED, "&lt;/div&gt;".repeat(100_000))),
            Some(PROSE_SENTENCE),
        ),
        ("description unclosed", described(&format!("&lt;p&gt;&lt;b&gt;{PROSE_ESCAPED}&lt;table&gt;&lt;tr&gt;&lt;td")), Some(PROSE_SENTENCE)),
        ("description end tags only", described(&"&lt;/p&gt;&lt;/b&gt;".repeat(200_000)), None),
        ("description lt 1M", described(&format!("&lt;/b{}", "&lt;".repeat(1_000_000))), None),
    ]
}

/// A page whose body is empty and whose `og:description` is `description` (attribute-escaped).
fn described(description: &str) -> String {
    format!(
        r#"<html><head><meta property="og:description" content="{description}"></head><body><div id="app"></div></body></html>"#
    )
}

/// [`PROSE`] as an attribute holds it.
const PROSE_ESCAPED: &str = "&lt;p&gt;The council voted on Tuesday to approve a new budget for the city, which will fund \
                             schools and roads for the next two years and pay for a new library in the old market hall.&lt;/p&gt;";

#[test]
fn hostile_inputs_return() {
    let cleaner = cleaner();
    let all_options = [
        HtmlOptions::default(),
        HtmlOptions { include_title: true, include_comments: true, favor: Favor::Recall, ..HtmlOptions::default() },
        HtmlOptions { favor: Favor::Precision, ..HtmlOptions::default() },
        HtmlOptions { include_title: true, include_comments: true, format: Format::Markdown, ..HtmlOptions::default() },
        HtmlOptions { format: Format::Html, ..HtmlOptions::default() },
    ];
    let mut failures = Vec::new();
    for (name, page, must_keep) in hostile_pages() {
        for options in &all_options {
            let document = cleaner.extract_html(&page, Some("https://example.org/x"), options).unwrap();
            // Title first under include_title may add a few characters;
            // Markdown escapes a character with a backslash, HTML writes
            // `&` as `&amp;`.
            let slack =
                if options.include_title { 2 + document.metadata.title.as_ref().map_or(0, String::len) } else { 0 };
            let growth = match options.format {
                Format::Text => 1,
                Format::Markdown => 2,
                Format::Html => 5,
            };
            if document.text.len() > growth * page.len() + slack {
                failures.push(format!("{name} ({options:?}): {} bytes out of {}", document.text.len(), page.len()));
            }
        }
        if let Some(sentence) = must_keep {
            let text = cleaner.extract_html(&page, None, &HtmlOptions::default()).unwrap().text;
            if !text.contains(sentence) {
                failures
                    .push(format!("{name}: lost {sentence:?}; got {:?}", text.chars().take(200).collect::<String>()));
            }
        }
    }
    assert!(failures.is_empty(), "hostile inputs:\n{}", failures.join("\n"));
}

#[test]
fn a_wrapper_around_main_is_not_boilerplate() {
    // A layout wrapper named for its sidebar holds the header, <main> and
    // the sidebar: the article in <main> is the page's content.
    let page = wrap(&format!(
        "<div class=\"grid-container fixed-sidebar\"><header><a href=/>Home</a></header>\
         <main>{PROSE}</main><aside><p>Trending now</p></aside></div>"
    ));
    let text = cleaner().extract_html(&page, None, &HtmlOptions::default()).unwrap().text;
    assert!(text.starts_with(PROSE_SENTENCE) && !text.contains("Home") && !text.contains("Trending"), "{text:?}");
}

#[test]
fn a_page_without_prose_gives_what_it_marks_as_content() {
    // Two short sentences (no block is prose) between a menu and a footer:
    // the page's markup tells its content. Without a mark, nothing is the
    // content and the page gives its description (none here).
    const MENU: &str = "<header><nav><a href=/>Home</a> <a href=/news>News</a></nav></header>";
    const FOOTER: &str = "<footer><p>Copyright 2024 The Daily. All rights reserved.</p></footer>";
    const BRIEF: &str = "<p>The council met on Tuesday.</p><p>It passed the budget 31 to 9.</p>";
    const KEPT: &str = "The council met on Tuesday.\n\nIt passed the budget 31 to 9.";
    let cases = [
        ("main", format!("<main><h1>Brief</h1>{BRIEF}</main>"), KEPT),
        ("article", format!("<article>{BRIEF}</article>"), KEPT),
        ("content class", format!("<div class=\"story-content\">{BRIEF}</div>"), KEPT),
        ("content id", format!("<div id=post>{BRIEF}</div>"), KEPT),
        ("no mark", format!("<div class=wrap>{BRIEF}</div>"), ""),
        (
            "a link list in main stays out",
            "<main><p>Sorry, that page is gone.</p><ul><li><a href=/a>Home</a></li><li><a href=/b>Search</a></li></ul></main>"
                .to_owned(),
            "Sorry, that page is gone.",
        ),
    ];
    let mut failures = Vec::new();
    for (name, body, want) in cases {
        let page = wrap(&format!("{MENU}{body}{FOOTER}"));
        let (document, blocks) = cleaner().explain_page(Input::Text(&page), None, &HtmlOptions::default()).unwrap();
        let kept: Vec<&str> = blocks.iter().filter_map(|b| b.kept.as_deref()).collect();
        if document.text != want || kept.join("\n\n") != want {
            failures.push(format!("{name}: text {:?}, kept blocks {kept:?}", document.text));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn an_article_in_any_script_keeps_its_paragraphs() {
    // (language, menu, paragraphs): a news page in each script's own
    // conventions. Chinese and Japanese put no spaces between words, Hindi
    // ends its sentences with a danda, Thai with a space; those four once
    // came out empty (read as a few long words without a sentence end, no
    // paragraph was prose).
    let cases: [(&str, [&str; 3], [&str; 2]); 9] = [
        (
            "zh",
            ["首页", "财经", "体育"],
            [
                "北京时间周二，市议会经过长时间辩论后投票通过了新的预算方案。该方案将在明年一月正式生效，预计将为城市基础设施建设提供更多资金。",
                "市长在会后表示，这项预算体现了市民的需求，并承诺将确保每一笔资金都用在实处。反对者则认为预算过于庞大，可能导致财政赤字。",
            ],
        ),
        (
            "ja",
            ["ホーム", "ニュース", "スポーツ"],
            [
                "火曜日、市議会は長い議論の末に新しい予算案を可決した。この予算案は来年一月から施行され、都市インフラ整備により多くの資金が投入される見込みだ。",
                "市長は会議後、この予算は市民のニーズを反映したものだと述べ、すべての資金が適切に使われるよう保証すると約束した。",
            ],
        ),
        (
            "th",
            ["หน้าแรก", "ข่าว", "กีฬา"],
            [
                "เมื่อวันอังคารที่ผ่านมา สภาเมืองได้ลงมติอนุมัติงบประมาณใหม่หลังจากการอภิปรายที่ยาวนาน แผนดังกล่าวจะมีผลบังคับใช้ในเดือนมกราคมปีหน้า",
                "นายกเทศมนตรีกล่าวหลังการประชุมว่างบประมาณนี้สะท้อนความต้องการของประชาชน และสัญญาว่าจะใช้เงินทุกบาทอย่างคุ้มค่า",
            ],
        ),
        (
            "ko",
            ["홈", "뉴스", "스포츠"],
            [
                "화요일 시의회는 긴 토론 끝에 새 예산안을 통과시켰다. 이 계획은 내년 1월부터 시행되며 도시 기반 시설에 더 많은 자금을 제공할 것으로 예상된다.",
                "시장은 회의 후 이번 예산이 시민들의 요구를 반영한 것이라고 말하며 모든 자금이 제대로 쓰이도록 하겠다고 약속했다.",
            ],
        ),
        (
            "hi",
            ["होम", "समाचार", "खेल"],
            [
                "मंगलवार को नगर परिषद ने लंबी बहस के बाद नए बजट को मंजूरी दे दी। यह योजना अगले साल जनवरी से लागू होगी और शहर के बुनियादी ढांचे के लिए अधिक धन उपलब्ध कराएगी।",
                "बैठक के बाद महापौर ने कहा कि यह बजट नागरिकों की जरूरतों को दर्शाता है और उन्होंने वादा किया कि हर पैसा सही जगह खर्च होगा।",
            ],
        ),
        (
            "ar",
            ["الرئيسية", "أخبار", "رياضة"],
            [
                "وافق مجلس المدينة يوم الثلاثاء على الميزانية الجديدة بعد نقاش طويل. وستدخل الخطة حيز التنفيذ في يناير من العام المقبل وستوفر المزيد من الأموال للبنية التحتية.",
                "وقال رئيس البلدية بعد الاجتماع إن الميزانية تعكس احتياجات المواطنين، ووعد بأن يتم إنفاق كل قرش بشكل صحيح.",
            ],
        ),
        (
            "el",
            ["Αρχική", "Ειδήσεις", "Αθλητικά"],
            [
                "Την Τρίτη το δημοτικό συμβούλιο ενέκρινε τον νέο προϋπολογισμό μετά από μακρά συζήτηση. Το σχέδιο θα τεθεί σε ισχύ τον Ιανουάριο του επόμενου έτους.",
                "Ο δήμαρχος δήλωσε μετά τη συνεδρίαση ότι ο προϋπολογισμός αντικατοπτρίζει τις ανάγκες των πολιτών και υποσχέθηκε ότι κάθε ευρώ θα ξοδευτεί σωστά.",
            ],
        ),
        (
            "he",
            ["בית", "חדשות", "ספורט"],
            [
                "ביום שלישי אישרה מועצת העיר את התקציב החדש לאחר דיון ארוך. התוכנית תיכנס לתוקף בינואר בשנה הבאה ותספק יותר כסף לתשתיות.",
                "ראש העיר אמר לאחר הישיבה כי התקציב משקף את צורכי התושבים והבטיח שכל שקל יוצא כראוי.",
            ],
        ),
        (
            "vi",
            ["Trang chủ", "Tin tức", "Thể thao"],
            [
                "Hôm thứ Ba, hội đồng thành phố đã thông qua ngân sách mới sau một cuộc tranh luận kéo dài. Kế hoạch sẽ có hiệu lực từ tháng Giêng năm sau.",
                "Thị trưởng cho biết sau cuộc họp rằng ngân sách phản ánh nhu cầu của người dân và hứa rằng mọi đồng tiền sẽ được chi tiêu đúng chỗ.",
            ],
        ),
    ];
    let mut failures = Vec::new();
    for (language, menu, paragraphs) in cases {
        let items: String = menu.iter().map(|m| format!("<li><a href=\"/{m}\">{m}</a></li>")).collect();
        for count in [1, 2] {
            let body: String = paragraphs[..count].iter().map(|p| format!("<p>{p}</p>")).collect();
            let page = wrap(&format!(
                "<header><nav><ul>{items}</ul></nav></header><main><article><h1>2024</h1>{body}</article></main>\
                 <footer><p>© 2024. All rights reserved.</p></footer>"
            ));
            let text = cleaner().extract_html(&page, None, &HtmlOptions::default()).unwrap().text;
            let mut problems = in_order(&text, &paragraphs[..count]);
            problems.extend(menu.iter().filter(|m| text.contains(*m)).map(|m| format!("still holds: {m:?}")));
            if !problems.is_empty() {
                failures.push(format!("{language}, {count} paragraph(s): {problems:?}\n--- text ---\n{text}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn huge_page_keeps_its_article() {
    let golden = golden_pages().into_iter().find(|g| g.name == "share-bar").unwrap();
    let start = golden.page.find("<p>After more").unwrap();
    let end = golden.page.find("<div class=\"share-bar\"").unwrap();
    let block = &golden.page[start..end];
    // The article's paragraphs over and over, as they are and numbered (a
    // long article of distinct paragraphs: the block model once scored
    // those of a 1 MB one as a long list's, and kept 7 KB of it).
    let numbered = |copies: usize| (0..copies).map(|i| block.replace("<p>", &format!("<p>{i} "))).collect::<String>();
    for (size, copies) in
        [(50_000_000, block.repeat(50_000_000 / block.len() + 1)), (5_000_000, numbered(5_000_000 / block.len() + 1))]
    {
        let huge = golden.page.replacen(block, &copies, 1);
        assert!(huge.len() >= size);
        let text = cleaner().extract_html(&huge, None, &HtmlOptions::default()).unwrap().text;
        let failures = check_text(&text, &golden.expected, true);
        assert!(failures.is_empty(), "{size} byte page: {failures:?}");
        assert!(text.len() > copies.len() / 2, "{size} byte page: {} bytes of text", text.len());
    }
}

#[test]
fn block_features_read_shapes_and_the_pages_description() {
    // Three cards of one shape and an item of its own; a paragraph that the
    // page's description repeats and one it does not.
    let page = r#"<html><head><meta name="description" content="The council voted to approve the new budget on Tuesday.">
        </head><body><ul><li class="card  wide">First card</li><li class="card wide">Second card</li>
        <li class="card wide">Third card</li><li>Odd one</li></ul>
        <p>The council voted to approve the new budget on Tuesday, after a long debate.</p>
        <p>Nothing here was said before.</p></body></html>"#;
    let (texts, x) = cleaner().block_features(Input::Text(page), &HtmlOptions::default()).unwrap();
    let names = unboil_core::html::model::feature_names();
    let value = |feature: &str, block: &str| {
        let column = names.iter().position(|n| n == feature).unwrap();
        let row = texts.iter().position(|t| t == block).unwrap_or_else(|| panic!("no block {block:?} in {texts:?}"));
        x.data[row * x.columns + column]
    };
    let cases = [
        // (feature, block, low, high)
        ("up0_alike", "First card", 1.09, 1.10), // ln(1 + 2 siblings alike)
        ("up0_alike", "Odd one", 0.0, 0.0),
        ("up1_alike", "First card", 0.0, 0.0), // the list is alone in the body
        ("described", "The council voted to approve the new budget on Tuesday, after a long debate.", 0.66, 0.67),
        ("described", "Nothing here was said before.", 0.0, 0.0),
        ("described_share", "Odd one", 0.01, 0.99),
    ];
    for (feature, block, low, high) in cases {
        let v = value(feature, block);
        assert!((low..=high).contains(&v), "{feature} of {block:?}: {v}");
    }
}
