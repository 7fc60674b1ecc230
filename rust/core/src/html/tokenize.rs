//! HTML to a stream of tokens, in one forward pass.
//!
//! Made for the serialisation of a parsed tree (what selectolax/Lexbor's
//! `.html` gives: well formed, lower-case names, quoted attributes), and
//! tolerant of raw HTML: a `<` that opens no tag is text, an unterminated
//! tag or comment runs to the end of the input, quotes may be single,
//! double or missing. Every byte is looked at a bounded number of times,
//! so the cost is linear in the input whatever it holds.

use memchr::{memchr, memchr3, memmem};

/// Elements whose content is raw text up to their end tag (never markup).
const RAW_TEXT: &[&str] =
    &["script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext", "title", "textarea"];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Token<'a> {
    /// A start tag: its name and its raw attribute text, read with [`attributes`].
    Start {
        name: &'a str,
        attrs: &'a str,
        self_closing: bool,
    },
    End {
        name: &'a str,
    },
    /// Text with its character references still in it ([`decode_entities`]).
    Text(&'a str),
    /// The content of a raw-text element (script, style, title, ...),
    /// right after its start tag.
    RawText(&'a str),
}

/// The tokens of `html`, in order. Names are as written: compare them
/// ignoring ASCII case.
pub struct Tokens<'a> {
    html: &'a str,
    pos: usize,
    /// After a raw-text start tag: its name, so the next token is its text.
    pending_raw: Option<&'static str>,
}

impl<'a> Tokens<'a> {
    pub fn new(html: &'a str) -> Self {
        Tokens { html, pos: 0, pending_raw: None }
    }

    /// The byte offset just past the last token returned.
    pub fn offset(&self) -> usize {
        self.pos
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        let bytes = self.html.as_bytes();
        if let Some(name) = self.pending_raw.take() {
            let rest = &bytes[self.pos..];
            let end = find_end_tag(rest, name).unwrap_or(rest.len());
            let text = &self.html[self.pos..self.pos + end];
            self.pos += end;
            if !text.is_empty() {
                return Some(Token::RawText(text));
            }
        }
        loop {
            if self.pos >= bytes.len() {
                return None;
            }
            let start = self.pos;
            if bytes[start] != b'<' {
                let end = memchr(b'<', &bytes[start..]).map_or(bytes.len(), |i| start + i);
                self.pos = end;
                return Some(Token::Text(&self.html[start..end]));
            }
            let next = bytes.get(start + 1).copied().unwrap_or(0);
            if next.is_ascii_alphabetic() {
                return Some(self.start_tag(start));
            }
            if next == b'/' && bytes.get(start + 2).is_some_and(u8::is_ascii_alphabetic) {
                let end = tag_end(bytes, start + 2);
                let name_end = name_end(bytes, start + 2, end);
                self.pos = (end + 1).min(bytes.len());
                return Some(Token::End { name: &self.html[start + 2..name_end] });
            }
            if bytes[start..].starts_with(b"<!--") {
                self.pos = memmem::find(&bytes[start + 4..], b"-->").map_or(bytes.len(), |i| start + 4 + i + 3);
                continue;
            }
            if next == b'!' || next == b'?' || next == b'/' {
                // Doctype, processing instruction, bogus comment: skipped.
                self.pos = memchr(b'>', &bytes[start..]).map_or(bytes.len(), |i| start + i + 1);
                continue;
            }
            // A lone `<` is text: emit it with what follows up to the next `<`.
            let end = memchr(b'<', &bytes[start + 1..]).map_or(bytes.len(), |i| start + 1 + i);
            self.pos = end;
            return Some(Token::Text(&self.html[start..end]));
        }
    }
}

impl<'a> Tokens<'a> {
    fn start_tag(&mut self, start: usize) -> Token<'a> {
        let bytes = self.html.as_bytes();
        let end = tag_end(bytes, start + 1);
        let name_end = name_end(bytes, start + 1, end);
        let name = &self.html[start + 1..name_end];
        let inner_end = if end > name_end && bytes[end - 1] == b'/' { end - 1 } else { end };
        let self_closing = inner_end < end;
        let attrs = &self.html[name_end..inner_end.max(name_end)];
        self.pos = (end + 1).min(bytes.len());
        if !self_closing {
            self.pending_raw = RAW_TEXT.iter().copied().find(|raw| raw.eq_ignore_ascii_case(name));
        }
        Token::Start { name, attrs, self_closing }
    }
}

/// The index of the `>` closing the tag whose name starts at `from`, or the
/// end of the input. A quoted attribute value may hold `>`.
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while i < bytes.len() {
        match memchr3(b'>', b'"', b'\'', &bytes[i..]) {
            None => return bytes.len(),
            Some(k) => {
                let at = i + k;
                if bytes[at] == b'>' {
                    return at;
                }
                // A quote opens a value only right after `=` (possibly spaced).
                let mut back = at;
                while back > from && bytes[back - 1].is_ascii_whitespace() {
                    back -= 1;
                }
                if back > from && bytes[back - 1] == b'=' {
                    match memchr(bytes[at], &bytes[at + 1..]) {
                        Some(close) => i = at + 1 + close + 1,
                        None => return bytes.len(),
                    }
                } else {
                    i = at + 1;
                }
            }
        }
    }
    bytes.len()
}

fn name_end(bytes: &[u8], from: usize, end: usize) -> usize {
    let mut i = from;
    while i < end && !bytes[i].is_ascii_whitespace() && bytes[i] != b'/' {
        i += 1;
    }
    i
}

/// Where `</name` (any case) starts in `rest`.
fn find_end_tag(rest: &[u8], name: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = memmem::find(&rest[from..], b"</") {
        let at = from + i;
        let candidate = &rest[at + 2..];
        if candidate.len() >= name.len() && candidate[..name.len()].eq_ignore_ascii_case(name.as_bytes()) {
            let after = candidate.get(name.len()).copied();
            if after.is_none_or(|b| b == b'>' || b == b'/' || b.is_ascii_whitespace()) {
                return Some(at);
            }
        }
        from = at + 2;
    }
    None
}

/// The attributes of a start tag: `(name, raw value)` pairs, names as
/// written, values without their quotes and with references undecoded.
pub fn attributes(attrs: &str) -> impl Iterator<Item = (&str, &str)> {
    let bytes = attrs.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() {
            return None;
        }
        let name_start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'=' && bytes[i] != b'/' {
            i += 1;
        }
        let name = &attrs[name_start..i];
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= bytes.len() || bytes[i] != b'=' {
            return Some((name, ""));
        }
        i += 1;
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let value = match bytes.get(i) {
            Some(&q @ (b'"' | b'\'')) => {
                let start = i + 1;
                let end = memchr(q, &bytes[start..]).map_or(bytes.len(), |k| start + k);
                i = (end + 1).min(bytes.len());
                &attrs[start..end]
            }
            _ => {
                let start = i;
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                &attrs[start..i]
            }
        };
        Some((name, value))
    })
}

/// Appends `text` to `out` with character references decoded (`&amp;`,
/// `&#8217;`, `&#x2019;` and the common named ones); an unknown or
/// malformed reference stays as written.
pub fn decode_entities(text: &str, out: &mut String) {
    let bytes = text.as_bytes();
    let mut last = 0;
    let mut i = 0;
    while let Some(k) = memchr(b'&', &bytes[i..]) {
        let at = i + k;
        // A reference is at most 32 bytes long, up to its `;`.
        let window = &bytes[at + 1..(at + 33).min(bytes.len())];
        i = at + 1;
        let Some(semi) = memchr(b';', window) else { continue };
        let Some(c) = reference(&text[at + 1..at + 1 + semi]) else { continue };
        out.push_str(&text[last..at]);
        out.push(c);
        last = at + 2 + semi;
        i = last;
    }
    out.push_str(&text[last..]);
}

fn reference(body: &str) -> Option<char> {
    if let Some(num) = body.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse::<u32>().ok()?,
        };
        return Some(match code {
            0 => '\u{FFFD}',
            // Windows-1252 code points that pages send as numeric references.
            0x80..=0x9F => windows_1252_c1(code),
            _ => char::from_u32(code).unwrap_or('\u{FFFD}'),
        });
    }
    NAMED.iter().find(|(name, _)| *name == body).map(|&(_, c)| c)
}

fn windows_1252_c1(code: u32) -> char {
    const TABLE: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
    ];
    TABLE[(code - 0x80) as usize]
}

/// Named references a page's text commonly holds.
const NAMED: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{A0}'),
    ("shy", '\u{AD}'),
    ("copy", '©'),
    ("reg", '®'),
    ("trade", '™'),
    ("hellip", '…'),
    ("mdash", '—'),
    ("ndash", '–'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("sbquo", '‚'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("bdquo", '„'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("bull", '•'),
    ("middot", '·'),
    ("euro", '€'),
    ("pound", '£'),
    ("yen", '¥'),
    ("cent", '¢'),
    ("sect", '§'),
    ("para", '¶'),
    ("deg", '°'),
    ("times", '×'),
    ("divide", '÷'),
    ("plusmn", '±'),
    ("frac12", '½'),
    ("frac14", '¼'),
    ("frac34", '¾'),
    ("iexcl", '¡'),
    ("iquest", '¿'),
    ("thinsp", '\u{2009}'),
    ("ensp", '\u{2002}'),
    ("emsp", '\u{2003}'),
    ("zwj", '\u{200D}'),
    ("zwnj", '\u{200C}'),
    ("prime", '′'),
    ("Prime", '″'),
    ("rarr", '→'),
    ("larr", '←'),
    ("auml", 'ä'),
    ("ouml", 'ö'),
    ("uuml", 'ü'),
    ("Auml", 'Ä'),
    ("Ouml", 'Ö'),
    ("Uuml", 'Ü'),
    ("szlig", 'ß'),
    ("eacute", 'é'),
    ("egrave", 'è'),
    ("ecirc", 'ê'),
    ("aacute", 'á'),
    ("agrave", 'à'),
    ("acirc", 'â'),
    ("iacute", 'í'),
    ("oacute", 'ó'),
    ("uacute", 'ú'),
    ("ntilde", 'ñ'),
    ("ccedil", 'ç'),
    ("Eacute", 'É'),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(html: &str) -> Vec<Token<'_>> {
        Tokens::new(html).collect()
    }

    #[test]
    fn tokenizes_table() {
        use Token::*;
        let cases: &[(&str, &[Token<'_>])] = &[
            ("", &[]),
            ("plain", &[Text("plain")]),
            (
                "<p class=\"a>b\">x</p>",
                &[Start { name: "p", attrs: " class=\"a>b\"", self_closing: false }, Text("x"), End { name: "p" }],
            ),
            ("<br/>", &[Start { name: "br", attrs: "", self_closing: true }]),
            ("a < b", &[Text("a "), Text("< b")]),
            ("<!-- <p>no</p> -->x", &[Text("x")]),
            ("<!DOCTYPE html>x", &[Text("x")]),
            (
                "<script>if (a<b) {}</script>y",
                &[
                    Start { name: "script", attrs: "", self_closing: false },
                    RawText("if (a<b) {}"),
                    End { name: "script" },
                    Text("y"),
                ],
            ),
            ("<p unterminated", &[Start { name: "p", attrs: " unterminated", self_closing: false }]),
            ("<!-- open", &[]),
            (
                "it's 5'10\" <b title='x'>",
                &[Text("it's 5'10\" "), Start { name: "b", attrs: " title='x'", self_closing: false }],
            ),
        ];
        for (html, want) in cases {
            assert_eq!(tokens(html), *want, "html {html:?}");
        }
    }

    #[test]
    fn attributes_table() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            ("", &[]),
            (" class=\"a b\" id=x hidden", &[("class", "a b"), ("id", "x"), ("hidden", "")]),
            (" data-x = 'q\"' /", &[("data-x", "q\"")]),
            (" open=\"never closed", &[("open", "never closed")]),
        ];
        for (attrs, want) in cases {
            assert_eq!(attributes(attrs).collect::<Vec<_>>(), *want, "attrs {attrs:?}");
        }
    }

    #[test]
    fn entities_table() {
        let cases = [
            ("a &amp; b", "a & b"),
            ("&lt;p&gt;", "<p>"),
            ("it&#8217;s &#x2019; &#146;", "it’s ’ ’"),
            ("&unknown; & &amp", "&unknown; & &amp"),
            ("&#0; &#xFFFFFFFF;", "\u{FFFD} \u{FFFD}"),
            ("caf&eacute;&nbsp;x", "café\u{A0}x"),
        ];
        for (text, want) in cases {
            let mut out = String::new();
            decode_entities(text, &mut out);
            assert_eq!(out, want, "text {text:?}");
        }
    }
}
