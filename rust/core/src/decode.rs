//! Bytes to text.
//!
//! [`text_bytes_to_text`] decodes scraped text, [`strip_bom`] drops a
//! decoded text's byte-order mark;
//! [`html_to_text`] decodes the bytes of an HTML page whose encoding has to
//! be worked out from a byte-order mark, the bytes themselves, a declared
//! label or the page's `<meta>` tags.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252, X_USER_DEFINED};

/// Decodes the bytes of scraped text: by a UTF-8, UTF-16LE or UTF-16BE
/// byte-order mark (dropped), else as UTF-8 when they are valid UTF-8 (the
/// text borrowed), else by `declared` (a label or a content-type value, as
/// [`html_to_text`] reads it), else as UTF-8 with undecodable sequences as
/// U+FFFD. Text has no `<meta>` to consult, and UTF-8 is what nearly all
/// text is written in now, so it is the fallback rather than windows-1252.
pub fn text_bytes_to_text<'a>(bytes: &'a [u8], declared: Option<&str>) -> Cow<'a, str> {
    match decode_by_bom_utf8_or_declared(bytes, declared) {
        Some((text, _, _)) => text,
        None => String::from_utf8_lossy(bytes),
    }
}

/// The first three rules of [`html_to_text`], shared with
/// [`text_bytes_to_text`]: a byte-order mark, valid UTF-8, a declared label.
fn decode_by_bom_utf8_or_declared<'a>(
    bytes: &'a [u8],
    declared: Option<&str>,
) -> Option<(Cow<'a, str>, &'static str, EncodingSource)> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return Some(decode_as(encoding, &bytes[bom_len..], EncodingSource::Bom));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Some((Cow::Borrowed(text), UTF_8.name(), EncodingSource::Utf8Valid));
    }
    declared.and_then(declared_encoding).map(|encoding| decode_as(encoding, bytes, EncodingSource::Declared))
}

/// Drops a leading byte-order mark from text that was decoded elsewhere.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{FEFF}').unwrap_or(text)
}

/// Where the encoding used came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EncodingSource {
    /// A UTF-8, UTF-16LE or UTF-16BE byte-order mark.
    Bom,
    /// The `declared` label passed to [`html_to_text`].
    Declared,
    /// The bytes are valid UTF-8.
    Utf8Valid,
    /// A `<meta>` tag in the first 1024 bytes.
    Meta,
    /// Nothing else applied: windows-1252, the WHATWG default.
    Fallback,
}

/// How many leading bytes the `<meta>` prescan looks at, as the WHATWG
/// encoding sniffing algorithm recommends.
const PRESCAN_LEN: usize = 1024;

/// How many leading bytes [`is_binary`] looks at.
const BINARY_SNIFF_LEN: usize = 1024;

/// Whether `bytes` are not text at all (a PDF, an image, an archive): the
/// first kilobyte holds a NUL byte or more than one control byte in ten
/// (tab, line breaks and form feed aside), as no text encoding a web page
/// uses would. UTF-16 text with a byte-order mark is text.
pub fn is_binary(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return false;
    }
    let head = &bytes[..bytes.len().min(BINARY_SNIFF_LEN)];
    let control = head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)).count();
    head.contains(&0) || control * 10 > head.len()
}

/// What an input holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Content {
    /// An HTML page or fragment.
    Html,
    /// Text (scraped text, a feed item, an article body).
    Text,
    /// No text at all ([`is_binary`]).
    Binary,
}

/// Tag names that only a page or an HTML fragment opens with (after white
/// space, a byte-order mark, comments and an XML declaration), each
/// followed by white space, `>` or `/`; a doctype naming `html` too.
const PAGE_OPENERS: &[&[u8]] = &[
    b"html",
    b"head",
    b"body",
    b"meta",
    b"title",
    b"link",
    b"base",
    b"script",
    b"style",
    b"div",
    b"article",
    b"main",
    b"section",
    b"header",
    b"nav",
    b"p",
    b"table",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"ul",
    b"ol",
    b"dl",
    b"blockquote",
    b"figure",
    b"aside",
    b"footer",
    b"form",
];

/// Whether `bytes` are a page, text, or no text at all: binary by
/// [`is_binary`], a page by how it opens ([`PAGE_OPENERS`], `<!doctype
/// html`), else text. UTF-16 with a byte-order mark is read as such.
pub fn sniff(bytes: &[u8]) -> Content {
    if is_binary(bytes) {
        return Content::Binary;
    }
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        if encoding != UTF_8 {
            let head = &bytes[bom..bytes.len().min(bom + 2 * SNIFF_LEN)];
            let (text, _) = encoding.decode_without_bom_handling(head);
            return if opens_like_html(strip_bom(&text).as_bytes()) { Content::Html } else { Content::Text };
        }
    }
    if opens_like_html(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)) {
        Content::Html
    } else {
        Content::Text
    }
}

/// How far [`sniff`] reads a UTF-16 input to tell a page from text.
const SNIFF_LEN: usize = 4096;

/// Whether `bytes` open as a page does (see [`sniff`]). Comments are
/// skipped with one search each: linear however many there are.
pub fn opens_like_html(bytes: &[u8]) -> bool {
    let skip_space = |at: usize| find_from(bytes, at, |b| !is_space(b));
    let mut at = skip_space(0);
    loop {
        let rest = &bytes[at..];
        let end = if rest.starts_with(b"<!--") {
            memchr::memmem::find(&rest[4..], b"-->").map(|k| at + 4 + k + 3)
        } else if rest.starts_with(b"<?xml") {
            memchr::memchr(b'>', rest).map(|k| at + k + 1)
        } else {
            break;
        };
        let Some(end) = end else { return false };
        at = skip_space(end);
    }
    let Some(rest) = bytes[at..].strip_prefix(b"<") else { return false };
    if rest.len() >= 12 && rest[..8].eq_ignore_ascii_case(b"!doctype") && is_space(rest[8]) {
        let name = find_from(rest, 8, |b| !is_space(b));
        return rest.len() >= name + 4 && rest[name..name + 4].eq_ignore_ascii_case(b"html");
    }
    PAGE_OPENERS.iter().any(|tag| {
        rest.len() > tag.len()
            && rest[..tag.len()].eq_ignore_ascii_case(tag)
            && (is_space(rest[tag.len()]) || matches!(rest[tag.len()], b'>' | b'/'))
    })
}

/// Decodes the bytes of an HTML page. Returns the text and the WHATWG name
/// of the encoding used (e.g. "UTF-8", "windows-1252", "Shift_JIS") and
/// where it came from.
///
/// The first rule that applies decides:
/// 1. a UTF-8, UTF-16LE or UTF-16BE byte-order mark (dropped from the text);
/// 2. bytes that are valid UTF-8 (this includes pure ASCII) are UTF-8, the
///    text borrowed, whatever any declaration says: pages labelled
///    windows-1252 or ISO-8859-1 but written in UTF-8 are common, and
///    believing the label would turn them into mojibake;
/// 3. `declared`, a label from an HTTP header, WARC record or the caller,
///    either bare (`"iso-8859-1"`) or a content-type value
///    (`"text/html; charset=Shift_JIS"`);
/// 4. a `<meta charset>` or `<meta http-equiv="Content-Type" content="...">`
///    tag in the first 1024 bytes, found as the WHATWG prescan
///    does (comments and other tags' attributes are skipped), with its
///    rules that UTF-16 means UTF-8 and x-user-defined means windows-1252;
/// 5. windows-1252.
///
/// Labels are matched as [`Encoding::for_label_no_replacement`] does: an
/// unknown label, or one of the ISO-2022-KR/HZ family that the WHATWG maps
/// to the "replacement" encoding (which would decode the page to a single
/// U+FFFD), is ignored and the next rule applies. Undecodable sequences
/// become U+FFFD; decoding never fails or panics.
pub fn html_to_text<'a>(bytes: &'a [u8], declared: Option<&str>) -> (Cow<'a, str>, &'static str, EncodingSource) {
    if let Some(decoded) = decode_by_bom_utf8_or_declared(bytes, declared) {
        return decoded;
    }
    if let Some(encoding) = prescan_meta(&bytes[..bytes.len().min(PRESCAN_LEN)]) {
        return decode_as(encoding, bytes, EncodingSource::Meta);
    }
    decode_as(WINDOWS_1252, bytes, EncodingSource::Fallback)
}

/// Decodes `bytes` (without any byte-order mark) in `encoding`.
fn decode_as<'a>(
    encoding: &'static Encoding,
    bytes: &'a [u8],
    source: EncodingSource,
) -> (Cow<'a, str>, &'static str, EncodingSource) {
    let (text, _had_errors) = encoding.decode_without_bom_handling(bytes);
    (text, encoding.name(), source)
}

/// The encoding a declared label names: the `charset` parameter of a
/// content-type value if it has one, else the whole value as a bare label.
/// UTF-16 labels stay UTF-16: a transport-level declaration is believed.
pub fn declared_encoding(declared: &str) -> Option<&'static Encoding> {
    Encoding::for_label_no_replacement(declared_label(declared)?.as_bytes())
}

/// The label a declaration names: the `charset` parameter of a
/// content-type value if it has one, else the whole value as a bare label;
/// `None` for a content-type value (it holds a `/`) that names no charset,
/// or an empty one: it declares nothing.
pub fn declared_label(declared: &str) -> Option<&str> {
    match charset_parameter(declared.as_bytes()) {
        // The parameter is cut from the value at ASCII bytes: still UTF-8.
        Some(label) => std::str::from_utf8(label).ok().filter(|l| !l.is_empty()),
        None if declared.contains('/') => None,
        None => Some(declared),
    }
}

/// The bytes HTML counts as white space while sniffing: tab, line feed,
/// form feed, carriage return and space.
fn is_space(byte: u8) -> bool {
    matches!(byte, b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

/// Index of the first byte at or after `from` that satisfies `pred`, or
/// `bytes.len()` if there is none.
fn find_from(bytes: &[u8], from: usize, pred: impl Fn(u8) -> bool) -> usize {
    bytes.get(from..).and_then(|rest| rest.iter().position(|&b| pred(b))).map_or(bytes.len(), |i| from + i)
}

/// The label in a `content` value such as `text/html; charset=utf-8`: the
/// WHATWG "extract a character encoding from a meta element" algorithm,
/// stopping before the label is looked up. `None` if no `charset` is
/// followed by `=` and a value, or if the value's quote is not closed; an
/// empty label (`charset=;`) is returned as is and no lookup accepts it.
fn charset_parameter(value: &[u8]) -> Option<&[u8]> {
    const NAME: &[u8] = b"charset";
    let mut pos = 0;
    loop {
        // Each round moves past one occurrence of "charset": linear.
        let found = value.get(pos..)?.windows(NAME.len()).position(|w| w.eq_ignore_ascii_case(NAME))?;
        pos = find_from(value, pos + found + NAME.len(), |b| !is_space(b));
        if value.get(pos) == Some(&b'=') {
            break;
        }
    }
    let start = find_from(value, pos + 1, |b| !is_space(b));
    match *value.get(start)? {
        quote @ (b'"' | b'\'') => {
            let end = find_from(value, start + 1, |b| b == quote);
            value.get(start + 1..end).filter(|_| end < value.len())
        }
        _ => Some(&value[start..find_from(value, start, |b| is_space(b) || b == b';')]),
    }
}

/// One attribute of a tag, as the prescan reads it: name and value are
/// slices of the input, still in their original case.
struct Attribute<'a> {
    name: &'a [u8],
    value: &'a [u8],
}

/// The WHATWG "get an attribute" algorithm, reading from `*pos`. Returns
/// `None` at the `>` that ends the tag (left at `*pos`) or, with `*pos` at
/// `bytes.len()`, when the input ends inside the tag.
fn next_attribute<'a>(bytes: &'a [u8], pos: &mut usize) -> Option<Attribute<'a>> {
    let len = bytes.len();
    *pos = find_from(bytes, *pos, |b| !is_space(b) && b != b'/');
    if *pos >= len || bytes[*pos] == b'>' {
        return None;
    }
    // The name runs to white space, '/', '>', or an '=' that is not its
    // first byte.
    let name_start = *pos;
    *pos = find_from(bytes, name_start + 1, |b| is_space(b) || matches!(b, b'/' | b'>' | b'='));
    let name = &bytes[name_start..*pos];
    *pos = find_from(bytes, *pos, |b| !is_space(b));
    if *pos >= len {
        return None;
    }
    if bytes[*pos] != b'=' {
        return Some(Attribute { name, value: b"" });
    }
    *pos = find_from(bytes, *pos + 1, |b| !is_space(b));
    match *bytes.get(*pos)? {
        quote @ (b'"' | b'\'') => {
            let value_start = *pos + 1;
            *pos = find_from(bytes, value_start, |b| b == quote);
            if *pos >= len {
                return None;
            }
            *pos += 1;
            Some(Attribute { name, value: &bytes[value_start..*pos - 1] })
        }
        b'>' => Some(Attribute { name, value: b"" }),
        _ => {
            let value_start = *pos;
            *pos = find_from(bytes, value_start, |b| is_space(b) || b == b'>');
            if *pos >= len {
                return None;
            }
            Some(Attribute { name, value: &bytes[value_start..*pos] })
        }
    }
}

/// What a `<meta>` tag's attributes, from `*pos` on, say about the
/// encoding (the meta step of the WHATWG prescan). `*pos` ends at the tag's
/// `>`, or at `bytes.len()` if the tag is cut off, in which case it says
/// nothing.
fn meta_encoding(bytes: &[u8], pos: &mut usize) -> Option<&'static Encoding> {
    // Only the first occurrence of each attribute counts.
    let (mut seen_http_equiv, mut seen_content, mut seen_charset) = (false, false, false);
    let mut got_pragma = false;
    // Whether the charset came from a `content` attribute, which counts
    // only with `http-equiv="content-type"`.
    let mut need_pragma = false;
    // `Some(None)`: a `charset` attribute with an unusable label.
    let mut charset: Option<Option<&'static Encoding>> = None;
    while let Some(attribute) = next_attribute(bytes, pos) {
        let name = attribute.name;
        if name.eq_ignore_ascii_case(b"http-equiv") && !seen_http_equiv {
            seen_http_equiv = true;
            got_pragma = attribute.value.eq_ignore_ascii_case(b"content-type");
        } else if name.eq_ignore_ascii_case(b"content") && !seen_content {
            seen_content = true;
            if charset.is_none() {
                let found = charset_parameter(attribute.value).and_then(Encoding::for_label_no_replacement);
                if found.is_some() {
                    charset = Some(found);
                    need_pragma = true;
                }
            }
        } else if name.eq_ignore_ascii_case(b"charset") && !seen_charset {
            seen_charset = true;
            charset = Some(Encoding::for_label_no_replacement(attribute.value));
            need_pragma = false;
        }
    }
    if *pos >= bytes.len() || (need_pragma && !got_pragma) {
        return None;
    }
    let encoding = charset??;
    Some(if encoding == UTF_16BE || encoding == UTF_16LE {
        UTF_8
    } else if encoding == X_USER_DEFINED {
        WINDOWS_1252
    } else {
        encoding
    })
}

/// The WHATWG "prescan a byte stream to determine its encoding", without its
/// UTF-16 XML declaration step: the encoding named by the first `<meta>`
/// tag that names a usable one, skipping comments and the attributes of
/// other tags. Every step moves forward, so it is linear in `bytes`.
fn prescan_meta(bytes: &[u8]) -> Option<&'static Encoding> {
    let len = bytes.len();
    let mut pos = 0;
    while pos < len {
        let rest = &bytes[pos..];
        if rest.starts_with(b"<!--") {
            // To the '>' of the first "-->", which may reuse the opening
            // dashes: "<!-->" is a whole comment.
            let close = rest[2..].windows(3).position(|w| w == b"-->")?;
            pos += 2 + close + 2;
        } else if rest.len() > 5 && rest[..5].eq_ignore_ascii_case(b"<meta") && (is_space(rest[5]) || rest[5] == b'/') {
            pos += 6;
            if let Some(encoding) = meta_encoding(bytes, &mut pos) {
                return Some(encoding);
            }
        } else if rest[0] == b'<'
            && rest.len() > 1
            && (rest[1].is_ascii_alphabetic() || (rest[1] == b'/' && rest.get(2).is_some_and(u8::is_ascii_alphabetic)))
        {
            // Another start or end tag: skip its name and attributes.
            pos = find_from(bytes, pos + 2, |b| is_space(b) || b == b'>');
            while next_attribute(bytes, &mut pos).is_some() {}
        } else if rest.len() > 1 && rest[0] == b'<' && matches!(rest[1], b'!' | b'/' | b'?') {
            pos = find_from(bytes, pos + 2, |b| b == b'>');
        }
        pos += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_table() {
        // (bytes, declared, text)
        let cases: &[(&[u8], Option<&str>, &str)] = &[
            (b"", None, ""),
            (b"plain", None, "plain"),
            (b"\xEF\xBB\xBFwith bom", None, "with bom"),
            (b"caf\xC3\xA9", None, "café"),
            (b"caf\xC3\xA9", Some("latin1"), "café"),
            (b"bad \xFF byte", None, "bad \u{FFFD} byte"),
            (b"truncated \xE2\x82", None, "truncated \u{FFFD}"),
            (b"caf\xE9", Some("latin1"), "café"),
            (b"caf\xE9", Some("text/plain; charset=ISO-8859-1"), "café"),
            (b"caf\xE9", Some("no-such-encoding"), "caf\u{FFFD}"),
            (b"\xFF\xFEc\x00a\x00f\x00\xE9\x00", None, "café"),
            (b"\xFE\xFF\x00c\x00a\x00f\x00\xE9", Some("latin1"), "café"),
        ];
        for &(input, declared, want) in cases {
            assert_eq!(text_bytes_to_text(input, declared), want, "input {input:?} declared {declared:?}");
        }
    }

    #[test]
    fn strips_decoded_bom() {
        assert_eq!(strip_bom("\u{FEFF}x"), "x");
        assert_eq!(strip_bom("x\u{FEFF}"), "x\u{FEFF}");
    }
}

#[cfg(test)]
mod html_tests {
    use super::*;
    use EncodingSource::*;

    #[test]
    fn html_table() {
        // Input, declared label, text, encoding name, source.
        type Case<'a> = (&'a [u8], Option<&'a str>, &'a str, &'a str, EncodingSource);
        let cases: &[Case] = &[
            // Byte-order marks win over everything and are dropped.
            (b"\xEF\xBB\xBFcaf\xC3\xA9", Some("windows-1252"), "café", "UTF-8", Bom),
            (b"\xFF\xFEc\x00\xE9\x00", None, "cé", "UTF-16LE", Bom),
            (b"\xFE\xFF\x00c\x00\xE9", Some("koi8-r"), "cé", "UTF-16BE", Bom),
            // Valid UTF-8 beats lying declarations.
            (
                b"<meta charset=windows-1252>caf\xC3\xA9",
                Some("iso-8859-1"),
                "<meta charset=windows-1252>café",
                "UTF-8",
                Utf8Valid,
            ),
            (b"", Some("shift_jis"), "", "UTF-8", Utf8Valid),
            // <meta charset>, quoted or not, in any case.
            (b"<meta charset=\"iso-8859-1\">caf\xE9", None, "<meta charset=\"iso-8859-1\">café", "windows-1252", Meta),
            (b"<META CharSet=ISO-8859-1>\xE9", None, "<META CharSet=ISO-8859-1>é", "windows-1252", Meta),
            (b"<meta/charset='koi8-r'/>\xC1", None, "<meta/charset='koi8-r'/>а", "KOI8-R", Meta),
            // http-equiv form: single quotes, attributes in either order.
            (
                b"<meta content='text/html; charset=koi8-r' HTTP-EQUIV='Content-Type'>\xC1",
                None,
                "<meta content='text/html; charset=koi8-r' HTTP-EQUIV='Content-Type'>а",
                "KOI8-R",
                Meta,
            ),
            (
                b"<meta http-equiv=\"content-type\" content=\"text/html;charset='koi8-r'\">\xC1",
                None,
                "<meta http-equiv=\"content-type\" content=\"text/html;charset='koi8-r'\">а",
                "KOI8-R",
                Meta,
            ),
            // A content charset without http-equiv is not a declaration.
            (
                b"<meta content='charset=koi8-r'>\xC1",
                None,
                "<meta content='charset=koi8-r'>Á",
                "windows-1252",
                Fallback,
            ),
            // Shift_JIS bytes with a meta.
            (
                b"<meta charset=\"Shift_JIS\">\x93\xFA\x96\x7B",
                None,
                "<meta charset=\"Shift_JIS\">日本",
                "Shift_JIS",
                Meta,
            ),
            // A declared label beats the meta for non-UTF-8 bytes.
            (b"<meta charset=windows-1252>\xC1", Some("koi8-r"), "<meta charset=windows-1252>а", "KOI8-R", Declared),
            (b"\xC1\xC2", Some("text/html; charset=koi8-r"), "аб", "KOI8-R", Declared),
            (b"\xC1", Some("text/html; Charset=\"KOI8-R\""), "а", "KOI8-R", Declared),
            // A declared UTF-16 label without a BOM is believed.
            (b"c\x00\xE9\x00", Some("utf-16le"), "cé", "UTF-16LE", Declared),
            // Unknown or unusable declarations fall through.
            (b"<meta charset=klingon>\xE9", Some("text/html"), "<meta charset=klingon>é", "windows-1252", Fallback),
            (b"\xE9", Some("iso-2022-kr"), "é", "windows-1252", Fallback),
            // The meta rules: UTF-16 means UTF-8, x-user-defined windows-1252.
            (b"<meta charset=utf-16>caf\xE9", None, "<meta charset=utf-16>caf\u{FFFD}", "UTF-8", Meta),
            (b"<meta charset=x-user-defined>\x80", None, "<meta charset=x-user-defined>€", "windows-1252", Meta),
            // Comments, other tags' attributes and cut-off tags are skipped.
            (
                b"<!-- <meta charset=koi8-r> --><p>\xC1",
                None,
                "<!-- <meta charset=koi8-r> --><p>Á",
                "windows-1252",
                Fallback,
            ),
            (b"<!--><meta charset=koi8-r>\xC1", None, "<!--><meta charset=koi8-r>а", "KOI8-R", Meta),
            (
                b"<a title='<meta charset=koi8-r>'>\xC1",
                None,
                "<a title='<meta charset=koi8-r>'>Á",
                "windows-1252",
                Fallback,
            ),
            (b"\xC1<meta charset=koi8-r", None, "Á<meta charset=koi8-r", "windows-1252", Fallback),
            (b"<metax charset=koi8-r>\xC1", None, "<metax charset=koi8-r>Á", "windows-1252", Fallback),
            // The first usable meta wins; a bad charset= voids its tag only.
            (
                b"<meta charset=bogus><meta charset=koi8-r><meta charset=shift_jis>\xC1",
                None,
                "<meta charset=bogus><meta charset=koi8-r><meta charset=shift_jis>а",
                "KOI8-R",
                Meta,
            ),
            // Binary garbage falls back without panicking.
            (b"\xFF\x00\x81<\x8D<!--\x9D", None, "ÿ\0\u{81}<\u{8D}<!--\u{9D}", "windows-1252", Fallback),
        ];
        for (i, &(input, declared, want, name, source)) in cases.iter().enumerate() {
            let (text, got_name, got_source) = html_to_text(input, declared);
            assert_eq!(text, want, "case {i}: {input:?}");
            assert_eq!((got_name, got_source), (name, source), "case {i}: {input:?}");
        }
    }

    #[test]
    fn valid_utf8_is_borrowed() {
        let input = "<meta charset=iso-8859-1>café".as_bytes();
        assert!(matches!(html_to_text(input, Some("latin1")).0, Cow::Borrowed(_)));
    }

    #[test]
    fn meta_after_prescan_window_is_ignored() {
        let input = [&[b' '; PRESCAN_LEN][..], b"<meta charset=koi8-r>\xC1"].concat();
        assert_eq!(html_to_text(&input, None).2, Fallback);
        let input = [&[b' '; PRESCAN_LEN - 10][..], b"<meta charset=koi8-r>\xC1"].concat();
        let (text, name, source) = html_to_text(&input, None);
        assert_eq!((name, source), ("windows-1252", Fallback));
        assert!(text.ends_with('Á'));
        let input = [&[b' '; PRESCAN_LEN - 30][..], b"<meta charset=koi8-r>\xC1"].concat();
        assert_eq!(html_to_text(&input, None).1, "KOI8-R");
    }

    #[test]
    fn ten_megabytes_decode() {
        let input = b"<p>caf\xE9 ".repeat(10 << 20 >> 3);
        let (text, name, source) = html_to_text(&input, None);
        assert_eq!((name, source), ("windows-1252", Fallback));
        assert_eq!(text.chars().count(), input.len());
        let input = "<p>café ".repeat(10 << 20 >> 3);
        assert_eq!(html_to_text(input.as_bytes(), None).0.len(), input.len());
    }

    #[test]
    fn never_panics_on_prefixes_of_tricky_input() {
        let tricky: &[u8] = b"<meta http-equiv='Content-Type' content=\"text/html; charset= 'koi8-r\"\
            <!-- --> </x <? <! <a b='<' c=d e> <meta charset=\"shift_jis\" / >\xC1";
        for end in 0..=tricky.len() {
            for declared in [None, Some(""), Some("charset="), Some("charset='"), Some("charset")] {
                html_to_text(&tricky[..end], declared);
            }
        }
    }

    #[test]
    fn sniff_table() {
        use Content::*;
        let cases: &[(&[u8], Content)] = &[
            (b"", Text),
            (b"Plain text about <p> tags.", Text),
            (b"<!DOCTYPE html><p>x", Html),
            (b"  \n<!doctype  HTML>", Html),
            (b"<!doctype svg>", Text),
            (b"\xEF\xBB\xBF<html>", Html),
            (b"<!-- a --><!-- b -->\n<div class=x>", Html),
            (b"<!-- never closed <html>", Text),
            (b"<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">", Html),
            (b"<p>", Html),
            (b"<ul><li>Red</li></ul>", Html),
            (b"<blockquote>x", Html),
            (b"<ulterior> motive", Text),
            (b"<pre>x</pre>", Text),
            (b"<b>bold</b> words", Text),
            (b"%PDF-1.4\n\x00", Binary),
            (b"\xFF\xFE<\x00h\x00t\x00m\x00l\x00>\x00", Html),
            (b"\xFE\xFF\x00h\x00i", Text),
        ];
        for (bytes, want) in cases {
            assert_eq!(sniff(bytes), *want, "bytes {bytes:?}");
        }
        let many = [&b"<!---->".repeat(100_000)[..], b"<html>"].concat();
        assert_eq!(sniff(&many), Html);
    }

    #[test]
    fn binary_table() {
        let cases: &[(&[u8], bool)] = &[
            (b"", false),
            (b"<html><body>text</body></html>", false),
            (b"line\r\n\tindented\x0c", false),
            (b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj\x00", true),
            (b"\x89PNG\r\n\x1A\n\x00\x00\x00\rIHDR", true),
            (b"\xFF\xFE<\x00h\x00", false),
            (b"\x01\x02\x03\x04 some text", true),
        ];
        for (bytes, want) in cases {
            assert_eq!(is_binary(bytes), *want, "bytes {bytes:?}");
        }
    }
}
