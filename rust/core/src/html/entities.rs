//! Character references (`&amp;`, `&#8217;`, `&notin;`), decoded as an HTML
//! parser does: every named reference of the WHATWG table
//! (`data/html/entities.txt`), the legacy ones without their `;` (`&copy 2024`),
//! numeric references with or without `;`, and the replacements the
//! standard makes (windows-1252 for `&#128;`..`&#159;`, U+FFFD for 0,
//! surrogates and values past U+10FFFF).

use std::sync::OnceLock;

use memchr::memchr;
use rustc_hash::FxHashMap;

const TABLE: &str = include_str!("../../data/html/entities.txt");

/// The longest name in the table, `;` included.
const LONGEST_NAME: usize = 32;
/// The longest legacy name (recognised without `;`).
const LONGEST_LEGACY: usize = 6;

/// Name (with its `;`, or a legacy name without) -> the characters it stands for.
type Table = FxHashMap<&'static str, (char, Option<char>)>;

fn table() -> &'static Table {
    static TABLE_MAP: OnceLock<Table> = OnceLock::new();
    TABLE_MAP.get_or_init(|| {
        let mut map = Table::default();
        for line in TABLE.lines().filter(|l| !l.is_empty() && !l.starts_with('#')) {
            let (name, points) = line.split_once('\t').expect("entities.txt: name<TAB>code points");
            let mut chars = points.split(' ').map(|hex| {
                u32::from_str_radix(hex, 16).ok().and_then(char::from_u32).expect("entities.txt: a code point")
            });
            let first = chars.next().expect("entities.txt: at least one code point");
            map.insert(name, (first, chars.next()));
        }
        map
    })
}

/// Appends `text` to `out` with its character references decoded. In an
/// attribute value (`attribute`), a legacy reference followed by `=` or a
/// letter or digit stays as written (`?a=1&copy=2`), as the standard says.
pub fn decode_into(text: &str, attribute: bool, out: &mut String) {
    let bytes = text.as_bytes();
    let mut last = 0;
    let mut i = 0;
    while let Some(k) = memchr(b'&', &bytes[i..]) {
        let at = i + k;
        i = at + 1;
        let Some((decoded, end)) = reference(text, at + 1, attribute) else { continue };
        out.push_str(&text[last..at]);
        match decoded {
            Decoded::One(c) => out.push(c),
            Decoded::Two(a, b) => {
                out.push(a);
                out.push(b);
            }
        }
        last = end;
        i = end;
    }
    out.push_str(&text[last..]);
}

/// `text` with its character references decoded, borrowed when it has none.
pub fn decoded(text: &str, attribute: bool) -> std::borrow::Cow<'_, str> {
    if memchr(b'&', text.as_bytes()).is_none() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    decode_into(text, attribute, &mut out);
    std::borrow::Cow::Owned(out)
}

enum Decoded {
    One(char),
    Two(char, char),
}

/// The reference starting at `from` (just past its `&`): what it stands for
/// and where it ends, or `None` when the `&` starts none.
fn reference(text: &str, from: usize, attribute: bool) -> Option<(Decoded, usize)> {
    let bytes = text.as_bytes();
    match bytes.get(from)? {
        b'#' => numeric(bytes, from + 1).map(|(c, end)| (Decoded::One(c), end)),
        b if b.is_ascii_alphanumeric() => named(text, from, attribute),
        _ => None,
    }
}

fn named(text: &str, from: usize, attribute: bool) -> Option<(Decoded, usize)> {
    let bytes = text.as_bytes();
    let run = bytes[from..].iter().take(LONGEST_NAME).take_while(|b| b.is_ascii_alphanumeric()).count();
    let table = table();
    let found = |name: &str| table.get(name).map(|&(a, b)| b.map_or(Decoded::One(a), |b| Decoded::Two(a, b)));
    if bytes.get(from + run) == Some(&b';') {
        if let Some(decoded) = found(&text[from..from + run + 1]) {
            return Some((decoded, from + run + 1));
        }
    }
    // Only a legacy name (no `;`) can be a proper prefix of the run.
    for len in (2..=run.min(LONGEST_LEGACY)).rev() {
        if let Some(decoded) = found(&text[from..from + len]) {
            let next = bytes.get(from + len).copied();
            if attribute && next.is_some_and(|b| b == b'=' || b.is_ascii_alphanumeric()) {
                return None;
            }
            return Some((decoded, from + len));
        }
    }
    None
}

/// `&#...`: decimal or (after `x`) hexadecimal digits, an optional `;`.
fn numeric(bytes: &[u8], from: usize) -> Option<(char, usize)> {
    let hex = matches!(bytes.get(from), Some(b'x' | b'X'));
    let start = from + usize::from(hex);
    let radix = if hex { 16 } else { 10 };
    let mut value: u32 = 0;
    let mut end = start;
    while let Some(digit) = bytes.get(end).and_then(|&b| (b as char).to_digit(radix)) {
        // Saturates past the last code point: the value is U+FFFD anyway.
        value = value.saturating_mul(radix).saturating_add(digit).min(0x11_0000);
        end += 1;
    }
    if end == start {
        return None;
    }
    if bytes.get(end) == Some(&b';') {
        end += 1;
    }
    let c = match value {
        0 | 0x11_0000.. | 0xD800..=0xDFFF => '\u{FFFD}',
        0x80..=0x9F => windows_1252_c1(value),
        _ => char::from_u32(value).unwrap_or('\u{FFFD}'),
    };
    Some((c, end))
}

/// The characters the standard reads `&#128;`..`&#159;` as (windows-1252);
/// the five code points windows-1252 leaves unassigned stay.
fn windows_1252_c1(code: u32) -> char {
    const TABLE: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
    ];
    TABLE[(code - 0x80) as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_table() {
        // (input, in text, in an attribute)
        let cases = [
            ("a &amp; b", "a & b", "a & b"),
            ("&lt;p&gt;", "<p>", "<p>"),
            ("it&#8217;s &#x2019; &#146; &#39", "it’s ’ ’ '", "it’s ’ ’ '"),
            ("&unknown; & &amp", "&unknown; & &", "&unknown; & &"),
            (
                "&#0; &#xFFFFFFFF; &#xD800; &#1114111;",
                "\u{FFFD} \u{FFFD} \u{FFFD} \u{10FFFF}",
                "\u{FFFD} \u{FFFD} \u{FFFD} \u{10FFFF}",
            ),
            ("caf&eacute;&nbsp;x", "café\u{A0}x", "café\u{A0}x"),
            ("&notit; &notin; &ampx &copy2", "¬it; ∉ &x ©2", "&notit; ∉ &ampx &copy2"),
            ("?a=1&copy=2&amp=3", "?a=1©=2&=3", "?a=1&copy=2&amp=3"),
            ("&NotNestedGreaterGreater; &fjlig;", "\u{2AA2}\u{338} fj", "\u{2AA2}\u{338} fj"),
            ("&#; &#x; &# &", "&#; &#x; &# &", "&#; &#x; &# &"),
            ("&#x81;&#X9f;", "\u{81}Ÿ", "\u{81}Ÿ"),
        ];
        for (input, text, attribute) in cases {
            let mut out = String::new();
            decode_into(input, false, &mut out);
            assert_eq!(out, text, "text {input:?}");
            out.clear();
            decode_into(input, true, &mut out);
            assert_eq!(out, attribute, "attribute {input:?}");
        }
    }

    #[test]
    fn the_table_is_whole() {
        let table = table();
        assert_eq!(table.len(), 2231);
        assert_eq!(table.keys().filter(|k| !k.ends_with(';')).count(), 106);
        assert!(table.keys().all(|k| k.len() <= LONGEST_NAME));
        assert!(table.keys().filter(|k| !k.ends_with(';')).all(|k| k.len() <= LONGEST_LEGACY));
    }

    #[test]
    fn long_digit_runs_stay_linear() {
        let input = format!("&#{};", "9".repeat(1_000_000));
        assert_eq!(decoded(&input, false), "\u{FFFD}");
    }
}
