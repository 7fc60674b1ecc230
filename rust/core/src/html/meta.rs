//! The page's metadata: title, author, date, canonical URL, site name,
//! language, image and description, taken from the first source that
//! states each, in the order of [`FIELDS`]: JSON-LD, `og:`/`article:`/
//! `twitter:` and named `<meta>` tags, `<title>`, the first `<h1>`,
//! `<time datetime>`, `<html lang>`. The date is the first source's that
//! reads as a date, in ISO 8601 ([`super::date`]), beside the string the
//! page wrote; the language is settled against the text once it is
//! chosen ([`crate::language::settle`]).

use serde_json::Value;

use super::blocks::RawMeta;

/// What the page says of itself. Every field may be missing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Metadata {
    pub title: Option<String>,
    pub author: Option<String>,
    /// ISO 8601: the date, or the date and time (with the offset the page
    /// gives) ...
    pub date: Option<String>,
    /// ... read from this, as the page wrote it.
    pub date_raw: Option<String>,
    pub url: Option<String>,
    pub sitename: Option<String>,
    pub language: Option<String>,
    /// The page's image (`og:image`), as written.
    pub image: Option<String>,
    pub description: Option<String>,
}

/// `<meta>` keys for each field, best first.
const FIELDS: &[(&str, &[&str])] = &[
    ("title", &["og:title", "twitter:title", "headline", "dc.title"]),
    ("author", &["author", "article:author", "byl", "dc.creator", "sailthru.author", "parsely-author"]),
    (
        "date",
        &[
            "article:published_time",
            "datepublished",
            "date",
            "pubdate",
            "publishdate",
            "publish-date",
            "dc.date",
            "dc.date.issued",
            "sailthru.date",
            "parsely-pub-date",
            "og:published_time",
        ],
    ),
    ("url", &["og:url", "twitter:url"]),
    ("sitename", &["og:site_name", "application-name", "twitter:site"]),
    ("language", &["content-language", "og:locale", "dc.language", "inlanguage"]),
    ("image", &["og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src", "image"]),
    ("description", &["og:description", "description", "twitter:description", "dc.description"]),
];

/// JSON-LD types whose fields describe the article.
const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "NewsArticle",
    "BlogPosting",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "WebPage",
    "Report",
    "ScholarlyArticle",
    "TechArticle",
    "LiveBlogPosting",
];

/// The `<meta>` keys of `field` in [`FIELDS`], best first.
fn keys(field: &str) -> &'static [&'static str] {
    FIELDS.iter().find(|(f, _)| *f == field).map_or(&[], |(_, keys)| keys)
}

/// Picks each field from its best source; `h1` is the page's first
/// top-level heading, `url` the address the caller gave.
pub fn metadata(raw: &RawMeta, h1: Option<&str>, url: Option<&str>) -> Metadata {
    let ld = json_ld(raw);
    // Every `<meta>` value stated for `field`, best first (an address only
    // where the field is one).
    let metas = |field: &'static str| {
        let addresses = matches!(field, "url" | "image");
        keys(field).iter().flat_map(move |key| {
            raw.metas.iter().filter(move |(k, v)| k == key && !v.is_empty() && (addresses || !is_url(v)))
        })
    };
    let meta = |field: &'static str| metas(field).next().map(|(_, v)| v.clone());
    let text = |s: Option<&str>| s.map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
    let dates: Vec<&str> = ld
        .date
        .as_deref()
        .into_iter()
        .chain(metas("date").map(|(_, v)| v.as_str()))
        .chain(raw.time.as_deref())
        .collect();
    let (date, date_raw) = match dates.iter().find_map(|d| super::date::iso(d).map(|iso| (iso, *d))) {
        Some((iso, d)) => (Some(iso), Some(d.to_owned())),
        None => (None, dates.first().map(|d| (*d).to_owned())),
    };
    Metadata {
        title: ld.title.or_else(|| meta("title")).or_else(|| text(h1)).or_else(|| raw.title.clone()),
        author: ld.author.or_else(|| meta("author")).map(|a| strip_by(&a)),
        date,
        date_raw,
        url: raw.canonical.clone().filter(|u| is_url(u)).or_else(|| meta("url")).or_else(|| text(url)),
        sitename: ld.sitename.or_else(|| meta("sitename")),
        language: raw.lang.clone().filter(|l| !l.is_empty()).or_else(|| meta("language")),
        image: ld.image.or_else(|| meta("image")),
        description: ld.description.or_else(|| meta("description")),
    }
}

fn is_url(value: &str) -> bool {
    value.starts_with("http://") || value.starts_with("https://") || value.starts_with("//")
}

fn strip_by(author: &str) -> String {
    let trimmed = author.trim();
    match trimmed.get(..3) {
        Some(by) if by.eq_ignore_ascii_case("by ") => trimmed[3..].trim().to_owned(),
        _ => trimmed.to_owned(),
    }
}

#[derive(Default)]
struct LdFields {
    title: Option<String>,
    author: Option<String>,
    date: Option<String>,
    sitename: Option<String>,
    image: Option<String>,
    description: Option<String>,
}

/// The fields of the first article-like JSON-LD object (malformed JSON is
/// ignored: [`RawMeta::add_json_ld`]).
fn json_ld(raw: &RawMeta) -> LdFields {
    let mut fields = LdFields::default();
    for value in &raw.json_ld_values {
        let mut pending = vec![value];
        while let Some(v) = pending.pop() {
            match v {
                Value::Array(items) => pending.extend(items.iter().rev()),
                Value::Object(map) => {
                    if let Some(graph) = map.get("@graph") {
                        pending.push(graph);
                    }
                    if is_article(map.get("@type")) {
                        fields.title = fields.title.take().or_else(|| string(map.get("headline")));
                        fields.author = fields.author.take().or_else(|| names(map.get("author")));
                        fields.date = fields.date.take().or_else(|| string(map.get("datePublished")));
                        fields.sitename =
                            fields.sitename.take().or_else(|| map.get("publisher").and_then(|p| names(Some(p))));
                        fields.image = fields.image.take().or_else(|| address(map.get("image")));
                        fields.description = fields.description.take().or_else(|| string(map.get("description")));
                    }
                }
                _ => {}
            }
        }
    }
    fields
}

/// Whether a metadata string is markup rather than text: it opens as a
/// page or a fragment does (`<p>`, `<div>`, ...) or closes an element
/// (`</b>`); "a<b and c>d" is text.
pub fn holds_markup(text: &str) -> bool {
    let closes = memchr::memmem::find_iter(text.as_bytes(), b"</")
        .any(|at| text.as_bytes().get(at + 2).is_some_and(u8::is_ascii_alphabetic));
    closes || crate::decode::opens_like_html(text.as_bytes())
}

/// The least words a JSON-LD string has for [`descriptions`] to take it.
const DESCRIPTION_WORDS: usize = 5;

/// What the page's metadata says of its content, as text: the `<meta>`
/// descriptions and every JSON-LD string of [`DESCRIPTION_WORDS`] or more
/// (a product's description, an article's body, a question's answers;
/// names and addresses are shorter). The block model reads which blocks
/// repeat it.
pub fn descriptions(raw: &RawMeta) -> Vec<String> {
    let names = keys("description");
    let mut found: Vec<String> = raw
        .metas
        .iter()
        .filter(|(name, _)| names.contains(&name.as_str()))
        .map(|(_, content)| content.clone())
        .collect();
    for value in &raw.json_ld_values {
        let mut pending = vec![value];
        while let Some(v) = pending.pop() {
            match v {
                Value::Array(items) => pending.extend(items),
                Value::Object(map) => pending.extend(map.values()),
                Value::String(s) if s.split_whitespace().nth(DESCRIPTION_WORDS - 1).is_some() => found.push(s.clone()),
                _ => {}
            }
        }
    }
    found
}

fn is_article(kind: Option<&Value>) -> bool {
    match kind {
        Some(Value::String(s)) => ARTICLE_TYPES.contains(&s.as_str()),
        Some(Value::Array(kinds)) => kinds.iter().any(|k| is_article(Some(k))),
        _ => false,
    }
}

fn string(value: Option<&Value>) -> Option<String> {
    match value {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        _ => None,
    }
}

/// An address: a string, an object's `url`, or a list's first.
fn address(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::Object(map) => string(map.get("url")),
        Value::Array(items) => items.iter().find_map(|item| address(Some(item))),
        value => string(Some(value)),
    }
}

/// A name, or the names of a list of people or organisations, joined.
fn names(value: Option<&Value>) -> Option<String> {
    let found: Vec<String> = match value? {
        Value::String(s) => vec![s.trim().to_owned()],
        Value::Object(map) => string(map.get("name")).into_iter().collect(),
        Value::Array(items) => items.iter().filter_map(|item| names(Some(item))).collect(),
        _ => Vec::new(),
    };
    let found: Vec<String> = found.into_iter().filter(|n| !n.is_empty() && !is_url(n)).collect();
    (!found.is_empty()).then(|| found.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(metas: &[(&str, &str)], json_ld: &[&str]) -> RawMeta {
        let mut raw = RawMeta {
            metas: metas.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect(),
            ..RawMeta::default()
        };
        for script in json_ld {
            raw.add_json_ld((*script).to_owned());
        }
        raw
    }

    #[test]
    fn json_ld_comes_first() {
        let page = raw(
            &[("og:title", "Meta title"), ("author", "By Meta Author")],
            &[r#"{"@graph": [{"@type": "WebSite"}, {"@type": ["NewsArticle"], "headline": "LD title",
                 "author": [{"@type": "Person", "name": "Ann"}, {"name": "Bo"}], "datePublished": "2020-05-01",
                 "publisher": {"name": "The Daily"}, "image": [{"url": "https://x/i.jpg"}],
                 "description": "What happened."}]}"#],
        );
        let m = metadata(&page, Some("H1"), None);
        assert_eq!(m.title.as_deref(), Some("LD title"));
        assert_eq!(m.author.as_deref(), Some("Ann, Bo"));
        assert_eq!(m.date.as_deref(), Some("2020-05-01"));
        assert_eq!(m.sitename.as_deref(), Some("The Daily"));
        assert_eq!(m.image.as_deref(), Some("https://x/i.jpg"));
        assert_eq!(m.description.as_deref(), Some("What happened."));
    }

    #[test]
    fn meta_tags_then_markup() {
        let mut page = raw(
            &[("author", "By Meta Author"), ("article:author", "https://x/ann"), ("og:site_name", "Site")],
            &["{broken"],
        );
        page.title = Some("Doc title".into());
        page.time = Some("3 February 2021".into());
        page.lang = Some("fr".into());
        let m = metadata(&page, Some(" Headline "), Some("https://given/url"));
        assert_eq!(m.title.as_deref(), Some("Headline"));
        assert_eq!(m.author.as_deref(), Some("Meta Author"));
        assert_eq!(m.date.as_deref(), Some("2021-02-03"));
        assert_eq!(m.date_raw.as_deref(), Some("3 February 2021"));
        assert_eq!(m.url.as_deref(), Some("https://given/url"));
        assert_eq!(m.sitename.as_deref(), Some("Site"));
        assert_eq!(m.language.as_deref(), Some("fr"));
    }

    #[test]
    fn the_first_date_that_reads_as_one() {
        let page = raw(&[("date", "2020-05-01T08:00:00+02:00"), ("article:published_time", "yesterday")], &[]);
        let m = metadata(&page, None, None);
        assert_eq!(m.date.as_deref(), Some("2020-05-01T08:00:00+02:00"));
        assert_eq!(m.date_raw.as_deref(), Some("2020-05-01T08:00:00+02:00"));
        let page = raw(&[("date", "yesterday")], &[]);
        let m = metadata(&page, None, None);
        assert_eq!((m.date, m.date_raw.as_deref()), (None, Some("yesterday")));
        let page = raw(&[("og:image", "https://x/a.png"), ("og:description", "D"), ("description", "E")], &[]);
        let m = metadata(&page, None, None);
        assert_eq!((m.image.as_deref(), m.description.as_deref()), (Some("https://x/a.png"), Some("D")));
    }

    #[test]
    fn nothing_gives_nothing() {
        assert_eq!(metadata(&RawMeta::default(), None, None), Metadata::default());
    }

    #[test]
    fn markup_is_told_from_text() {
        let cases = [
            ("<p>Boils water.</p>", true),
            ("  <ul><li>One", true),
            ("A <em>quiet</em> kettle", true),
            ("Ends in </b", true),
            ("Pick a<b and c>d.", false),
            ("Prices < 50 and > 30", false),
            ("1 </ 2", false),
            ("", false),
        ];
        for (text, markup) in cases {
            assert_eq!(holds_markup(text), markup, "{text:?}");
        }
    }

    #[test]
    fn descriptions_are_the_meta_descriptions_and_long_json_ld_strings() {
        let ld = r#"{"@type": "Product", "name": "Acme Anvil", "brand": {"name": "Acme Inc"},
            "description": "A heavy anvil for every workshop.", "review": [{"reviewBody": "It is heavy and it is good."}]}"#;
        let page = raw(
            &[("description", "One, two."), ("og:description", "Three"), ("og:title", "A long title of six words")],
            &[ld, "{oops"],
        );
        let mut found = descriptions(&page);
        found.sort();
        assert_eq!(found, ["A heavy anvil for every workshop.", "It is heavy and it is good.", "One, two.", "Three"]);
    }

    #[test]
    fn deep_json_does_not_overflow() {
        let deep = "[".repeat(100_000);
        assert_eq!(metadata(&raw(&[], &[&deep]), None, None), Metadata::default());
    }
}
