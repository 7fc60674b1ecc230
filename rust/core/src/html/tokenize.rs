//! A page's markup to tokens, as the HTML tokenizer of the WHATWG standard
//! reads it wherever that decides what is text: tags and their attributes
//! (quoted, unquoted, missing, duplicated), comments (`<!-->` and `--!>`
//! included), doctypes (for quirks mode), bogus comments, CDATA sections in
//! foreign content, and the content of raw-text elements (RCDATA,
//! RAWTEXT, script data with its escape states, PLAINTEXT), whose state
//! the tree builder sets.
//!
//! Text runs are slices of the page, character references still in them
//! (decoded by their reader, [`super::entities`]). Runs of text are found
//! with memchr, quoted values and comments with memchr/memmem: each byte
//! is looked at a bounded number of times, so the cost is linear in the
//! page whatever it holds.

use memchr::{memchr, memchr3, memmem};

use super::tags::Tag;

/// One attribute as written: the name (any case) and the value without its
/// quotes, character references undecoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Attr<'a> {
    pub name: &'a str,
    pub value: &'a str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Token<'a> {
    /// A start tag; its attributes are [`Tokenizer::attrs`] until the next token.
    Start {
        tag: Tag,
        name: &'a str,
        self_closing: bool,
    },
    End {
        tag: Tag,
        name: &'a str,
    },
    /// Text; `refs`: character references in it are to be decoded.
    Text {
        text: &'a str,
        refs: bool,
    },
    Comment,
    Doctype {
        quirks: bool,
    },
    Eof,
}

/// What the tokenizer reads next, as the tree builder sets it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    Data,
    /// Text with character references, up to the end tag (`title`, `textarea`).
    Rcdata(Tag),
    /// Text as written, up to the end tag (`style`, `xmp`, `iframe`, ...).
    Rawtext(Tag),
    /// A script's text, up to its end tag outside any `<!-- <script>` escape.
    ScriptData,
    /// Everything that is left is text.
    Plaintext,
}

pub struct Tokenizer<'a> {
    input: &'a str,
    pos: usize,
    state: State,
    /// CDATA sections are text (the tree builder's adjusted current node is
    /// not an HTML element); elsewhere they are bogus comments.
    pub cdata: bool,
    /// The attributes of the last start tag.
    pub attrs: Vec<Attr<'a>>,
}

fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0C | b'\r' | b' ')
}

impl<'a> Tokenizer<'a> {
    pub fn new(input: &'a str) -> Self {
        Tokenizer { input, pos: 0, state: State::Data, cdata: false, attrs: Vec::new() }
    }

    /// Sets the state for what follows the last token (a raw-text start tag).
    pub fn set_state(&mut self, state: State) {
        self.state = state;
    }

    /// The byte offset of the next token.
    pub fn offset(&self) -> usize {
        self.pos
    }

    pub fn next_token(&mut self) -> Token<'a> {
        match self.state {
            State::Data => self.data(),
            State::Rcdata(tag) => self.raw(tag, true),
            State::Rawtext(tag) => self.raw(tag, false),
            State::ScriptData => {
                let rest = &self.input.as_bytes()[self.pos..];
                let end = script_end(rest).unwrap_or(rest.len());
                self.raw_text(end, false)
            }
            State::Plaintext => {
                let end = self.input.len() - self.pos;
                self.raw_text(end, false)
            }
        }
    }

    /// Text up to the end tag of `tag` (compared ignoring case).
    fn raw(&mut self, tag: Tag, refs: bool) -> Token<'a> {
        let rest = &self.input.as_bytes()[self.pos..];
        let end = end_tag_at(rest, tag.name(), 0).unwrap_or(rest.len());
        self.raw_text(end, refs)
    }

    /// The next `len` bytes as text, then back to the data state.
    fn raw_text(&mut self, len: usize, refs: bool) -> Token<'a> {
        self.state = State::Data;
        if len == 0 {
            return self.data();
        }
        let text = &self.input[self.pos..self.pos + len];
        self.pos += len;
        Token::Text { text, refs }
    }

    fn data(&mut self) -> Token<'a> {
        let bytes = self.input.as_bytes();
        loop {
            let start = self.pos;
            if start >= bytes.len() {
                return Token::Eof;
            }
            // A run of text: up to the first `<` that opens markup.
            let mut i = start;
            let markup = loop {
                match memchr(b'<', &bytes[i..]) {
                    None => break None,
                    Some(k) if opens_markup(bytes, i + k) => break Some(i + k),
                    Some(k) => i += k + 1,
                }
            };
            let at = markup.unwrap_or(bytes.len());
            if at > start {
                self.pos = at;
                return Token::Text { text: &self.input[start..at], refs: true };
            }
            if let Some(token) = self.markup(at) {
                return token;
            }
            // `</>`, or markup cut off by the end of the input: nothing to emit.
        }
    }

    /// The markup at `at` (a `<` that [`opens_markup`]); `None` when it
    /// yields no token (`</>`), with `pos` past it.
    fn markup(&mut self, at: usize) -> Option<Token<'a>> {
        let bytes = self.input.as_bytes();
        let next = bytes[at + 1];
        if next.is_ascii_alphabetic() {
            return Some(self.tag(at + 1, false));
        }
        if next == b'/' {
            let after = bytes[at + 2];
            if after.is_ascii_alphabetic() {
                return Some(self.tag(at + 2, true));
            }
            if after == b'>' {
                self.pos = at + 3;
                return None;
            }
            return Some(self.bogus_comment(at + 2));
        }
        if next == b'?' {
            return Some(self.bogus_comment(at + 1));
        }
        // `<!`
        let rest = &bytes[at + 2..];
        if rest.starts_with(b"--") {
            return Some(self.comment(at + 4));
        }
        if rest.len() >= 7 && rest[..7].eq_ignore_ascii_case(b"doctype") {
            return Some(self.doctype(at + 9));
        }
        if self.cdata && rest.starts_with(b"[CDATA[") {
            let from = at + 9;
            let end = memmem::find(&bytes[from..], b"]]>").map_or(bytes.len(), |k| from + k);
            self.pos = (end + 3).min(bytes.len());
            return Some(Token::Text { text: &self.input[from..end], refs: false });
        }
        Some(self.bogus_comment(at + 2))
    }

    /// A start or end tag whose name starts at `from`. A tag cut off by the
    /// end of the input is no tag: the input ends there.
    fn tag(&mut self, from: usize, end_tag: bool) -> Token<'a> {
        let bytes = self.input.as_bytes();
        let mut i = from;
        while i < bytes.len() && !is_space(bytes[i]) && bytes[i] != b'/' && bytes[i] != b'>' {
            i += 1;
        }
        let name = &self.input[from..i];
        let tag = Tag::of(name);
        self.attrs.clear();
        let Some((end, self_closing)) = self.attributes(i) else {
            self.pos = bytes.len();
            return Token::Eof;
        };
        self.pos = end;
        if end_tag {
            self.attrs.clear();
            Token::End { tag, name }
        } else {
            Token::Start { tag, name, self_closing }
        }
    }

    /// Reads attributes from `i` to the tag's `>`: where the tag ends and
    /// whether it closed with `/>`; `None` when the input ends first.
    fn attributes(&mut self, mut i: usize) -> Option<(usize, bool)> {
        let bytes = self.input.as_bytes();
        loop {
            while i < bytes.len() && is_space(bytes[i]) {
                i += 1;
            }
            match *bytes.get(i)? {
                b'>' => return Some((i + 1, false)),
                b'/' => {
                    i += 1;
                    if *bytes.get(i)? == b'>' {
                        return Some((i + 1, true));
                    }
                    continue;
                }
                _ => {}
            }
            // The name: a leading `=` belongs to it.
            let name_start = i;
            i += 1;
            while i < bytes.len() && !is_space(bytes[i]) && !matches!(bytes[i], b'/' | b'>' | b'=') {
                i += 1;
            }
            let name = &self.input[name_start..i];
            while i < bytes.len() && is_space(bytes[i]) {
                i += 1;
            }
            if *bytes.get(i)? != b'=' {
                self.attrs.push(Attr { name, value: "" });
                continue;
            }
            i += 1;
            while i < bytes.len() && is_space(bytes[i]) {
                i += 1;
            }
            let value = match *bytes.get(i)? {
                quote @ (b'"' | b'\'') => {
                    let start = i + 1;
                    let end = start + memchr(quote, &bytes[start..])?;
                    i = end + 1;
                    &self.input[start..end]
                }
                b'>' => "",
                _ => {
                    let start = i;
                    while i < bytes.len() && !is_space(bytes[i]) && bytes[i] != b'>' {
                        i += 1;
                    }
                    &self.input[start..i]
                }
            };
            self.attrs.push(Attr { name, value });
        }
    }

    /// A comment whose text starts at `from` (after `<!--`): it ends at the
    /// first `-->` or `--!>`, or right away for `<!-->` and `<!--->`; an
    /// unterminated one runs to the end of the input.
    fn comment(&mut self, from: usize) -> Token<'a> {
        let bytes = self.input.as_bytes();
        let rest = &bytes[from..];
        self.pos = if rest.starts_with(b">") {
            from + 1
        } else if rest.starts_with(b"->") {
            from + 2
        } else {
            let mut end = bytes.len();
            let mut k = 0;
            while let Some(found) = memmem::find(&rest[k..], b"--") {
                let at = k + found;
                match rest.get(at + 2) {
                    Some(b'>') => {
                        end = from + at + 3;
                        break;
                    }
                    Some(b'!') if rest.get(at + 3) == Some(&b'>') => {
                        end = from + at + 4;
                        break;
                    }
                    _ => k = at + 1,
                }
            }
            end
        };
        Token::Comment
    }

    /// `<?...>`, `</1...>`, `<!x...>`: a comment up to the next `>`.
    fn bogus_comment(&mut self, from: usize) -> Token<'a> {
        let bytes = self.input.as_bytes();
        self.pos = memchr(b'>', &bytes[from..]).map_or(bytes.len(), |k| from + k + 1);
        Token::Comment
    }

    /// A doctype whose text starts at `from` (after `<!doctype`): whether
    /// it puts the document in quirks mode.
    fn doctype(&mut self, from: usize) -> Token<'a> {
        let bytes = self.input.as_bytes();
        let end = memchr(b'>', &bytes[from..]).map(|k| from + k);
        self.pos = end.map_or(bytes.len(), |e| e + 1);
        let quirks = match end {
            None => true,
            Some(end) => doctype_quirks(&bytes[from..end]),
        };
        Token::Doctype { quirks }
    }
}

/// Whether the `<` at `at` opens markup (a tag, an end tag, a comment, a
/// doctype, a bogus comment) rather than standing for itself.
fn opens_markup(bytes: &[u8], at: usize) -> bool {
    match bytes.get(at + 1) {
        Some(b) if b.is_ascii_alphabetic() => true,
        Some(b'!' | b'?') => true,
        Some(b'/') => bytes.get(at + 2).is_some(),
        _ => false,
    }
}

/// Where in `rest`, from `from` on, `</name` starts, followed by white
/// space, `/` or `>` (an end tag that ends a raw-text element).
fn end_tag_at(rest: &[u8], name: &str, from: usize) -> Option<usize> {
    let name = name.as_bytes();
    let mut from = from;
    while let Some(k) = memmem::find(&rest[from..], b"</") {
        let at = from + k;
        if ends_raw_text(rest, at, name) {
            return Some(at);
        }
        from = at + 2;
    }
    None
}

/// Whether `rest[at..]` is `</name` (any case) followed by white space, `/` or `>`.
fn ends_raw_text(rest: &[u8], at: usize, name: &[u8]) -> bool {
    let Some(candidate) = rest.get(at + 2..) else { return false };
    rest[at + 1] == b'/'
        && candidate.len() > name.len()
        && candidate[..name.len()].eq_ignore_ascii_case(name)
        && (is_space(candidate[name.len()]) || matches!(candidate[name.len()], b'/' | b'>'))
}

/// Whether `rest[at..]` is `<script` (any case) followed by white space, `/` or `>`.
fn opens_script(rest: &[u8], at: usize) -> bool {
    let Some(candidate) = rest.get(at + 1..) else { return false };
    candidate.len() > 6
        && candidate[..6].eq_ignore_ascii_case(b"script")
        && (is_space(candidate[6]) || matches!(candidate[6], b'/' | b'>'))
}

/// Where a script's text ends: the `</script` that closes it, skipping the
/// ones inside an escape (`<!-- ... <script> ... </script> ... -->`), as
/// the script data states of the tokenizer do.
fn script_end(rest: &[u8]) -> Option<usize> {
    #[derive(PartialEq)]
    enum Escape {
        None,
        Escaped,
        Double,
    }
    let mut escape = Escape::None;
    let mut i = 0;
    // Dashes right before `i` (two or more: a `>` ends the escape).
    let mut dashes = 0usize;
    while i < rest.len() {
        let found =
            if escape == Escape::None { memchr(b'<', &rest[i..]) } else { memchr3(b'<', b'-', b'>', &rest[i..]) };
        let k = found?;
        if k > 0 {
            dashes = 0;
        }
        let at = i + k;
        i = at + 1;
        match rest[at] {
            b'-' => dashes += 1,
            b'>' => {
                if dashes >= 2 {
                    escape = Escape::None;
                }
                dashes = 0;
            }
            _ => {
                dashes = 0;
                match escape {
                    Escape::None => {
                        if ends_raw_text(rest, at, b"script") {
                            return Some(at);
                        }
                        if rest[at + 1..].starts_with(b"!--") {
                            escape = Escape::Escaped;
                            i = at + 4;
                            dashes = 2;
                        }
                    }
                    Escape::Escaped => {
                        if ends_raw_text(rest, at, b"script") {
                            return Some(at);
                        }
                        if opens_script(rest, at) {
                            escape = Escape::Double;
                            i = at + 8;
                        }
                    }
                    Escape::Double => {
                        if ends_raw_text(rest, at, b"script") {
                            escape = Escape::Escaped;
                            i = at + 9;
                        }
                    }
                }
            }
        }
    }
    None
}

/// Whether a doctype (its text after `<!doctype`, up to its `>`) puts the
/// document in quirks mode, as the standard's "initial" insertion mode
/// decides (limited quirks reads as no quirks here: they differ in nothing
/// the tree builder does).
fn doctype_quirks(text: &[u8]) -> bool {
    let mut i = 0;
    let skip_space = |i: &mut usize| {
        while *i < text.len() && is_space(text[*i]) {
            *i += 1;
        }
    };
    skip_space(&mut i);
    let name_start = i;
    while i < text.len() && !is_space(text[i]) {
        i += 1;
    }
    if !text[name_start..i].eq_ignore_ascii_case(b"html") {
        return true;
    }
    skip_space(&mut i);
    if i == text.len() {
        return false;
    }
    let keyword =
        |i: usize, word: &[u8]| text.len() >= i + word.len() && text[i..i + word.len()].eq_ignore_ascii_case(word);
    let quoted = |i: &mut usize| -> Option<&[u8]> {
        skip_space(i);
        let quote = *text.get(*i).filter(|q| matches!(q, b'"' | b'\''))?;
        let start = *i + 1;
        let end = start + memchr(quote, &text[start..])?;
        *i = end + 1;
        Some(&text[start..end])
    };
    let (public, system) = if keyword(i, b"public") {
        i += 6;
        let Some(public) = quoted(&mut i) else { return true };
        (Some(public), quoted(&mut i))
    } else if keyword(i, b"system") {
        i += 6;
        let Some(system) = quoted(&mut i) else { return true };
        (None, Some(system))
    } else {
        return true;
    };
    if let Some(system) = system {
        if system.eq_ignore_ascii_case(b"http://www.ibm.com/data/dtd/v11/ibmxhtml1-transitional.dtd") {
            return true;
        }
    }
    let Some(public) = public else { return false };
    let starts =
        |prefix: &str| public.len() >= prefix.len() && public[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes());
    let exact = ["-//W3O//DTD W3 HTML Strict 3.0//EN//", "-/W3C/DTD HTML 4.0 Transitional/EN", "HTML"];
    exact.iter().any(|e| public.eq_ignore_ascii_case(e.as_bytes()))
        || QUIRKY_PUBLIC_PREFIXES.iter().any(|p| starts(p))
        || (system.is_none()
            && ["-//W3C//DTD HTML 4.01 Frameset//", "-//W3C//DTD HTML 4.01 Transitional//"].iter().any(|p| starts(p)))
}

/// Public identifiers whose doctype means quirks mode (the standard's list).
const QUIRKY_PUBLIC_PREFIXES: &[&str] = &[
    "+//Silmaril//dtd html Pro v0r11 19970101//",
    "-//AS//DTD HTML 3.0 asWedit + extensions//",
    "-//AdvaSoft Ltd//DTD HTML 3.0 asWedit + extensions//",
    "-//IETF//DTD HTML 2.0 Level 1//",
    "-//IETF//DTD HTML 2.0 Level 2//",
    "-//IETF//DTD HTML 2.0 Strict Level 1//",
    "-//IETF//DTD HTML 2.0 Strict Level 2//",
    "-//IETF//DTD HTML 2.0 Strict//",
    "-//IETF//DTD HTML 2.0//",
    "-//IETF//DTD HTML 2.1E//",
    "-//IETF//DTD HTML 3.0//",
    "-//IETF//DTD HTML 3.2 Final//",
    "-//IETF//DTD HTML 3.2//",
    "-//IETF//DTD HTML 3//",
    "-//IETF//DTD HTML Level 0//",
    "-//IETF//DTD HTML Level 1//",
    "-//IETF//DTD HTML Level 2//",
    "-//IETF//DTD HTML Level 3//",
    "-//IETF//DTD HTML Strict Level 0//",
    "-//IETF//DTD HTML Strict Level 1//",
    "-//IETF//DTD HTML Strict Level 2//",
    "-//IETF//DTD HTML Strict Level 3//",
    "-//IETF//DTD HTML Strict//",
    "-//IETF//DTD HTML//",
    "-//Metrius//DTD Metrius Presentational//",
    "-//Microsoft//DTD Internet Explorer 2.0 HTML Strict//",
    "-//Microsoft//DTD Internet Explorer 2.0 HTML//",
    "-//Microsoft//DTD Internet Explorer 2.0 Tables//",
    "-//Microsoft//DTD Internet Explorer 3.0 HTML Strict//",
    "-//Microsoft//DTD Internet Explorer 3.0 HTML//",
    "-//Microsoft//DTD Internet Explorer 3.0 Tables//",
    "-//Netscape Comm. Corp.//DTD HTML//",
    "-//Netscape Comm. Corp.//DTD Strict HTML//",
    "-//O'Reilly and Associates//DTD HTML 2.0//",
    "-//O'Reilly and Associates//DTD HTML Extended 1.0//",
    "-//O'Reilly and Associates//DTD HTML Extended Relaxed 1.0//",
    "-//SQ//DTD HTML 2.0 HoTMetaL + extensions//",
    "-//SoftQuad Software//DTD HoTMetaL PRO 6.0::19990601::extensions to HTML 4.0//",
    "-//SoftQuad//DTD HoTMetaL PRO 4.0::19971010::extensions to HTML 4.0//",
    "-//Spyglass//DTD HTML 2.0 Extended//",
    "-//Sun Microsystems Corp.//DTD HotJava HTML//",
    "-//Sun Microsystems Corp.//DTD HotJava Strict HTML//",
    "-//W3C//DTD HTML 3 1995-03-24//",
    "-//W3C//DTD HTML 3.2 Draft//",
    "-//W3C//DTD HTML 3.2 Final//",
    "-//W3C//DTD HTML 3.2//",
    "-//W3C//DTD HTML 3.2S Draft//",
    "-//W3C//DTD HTML 4.0 Frameset//",
    "-//W3C//DTD HTML 4.0 Transitional//",
    "-//W3C//DTD HTML Experimental 19960712//",
    "-//W3C//DTD HTML Experimental 970421//",
    "-//W3C//DTD W3 HTML//",
    "-//W3O//DTD W3 HTML 3.0//",
    "-//WebTechs//DTD Mozilla HTML 2.0//",
    "-//WebTechs//DTD Mozilla HTML//",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Tokens of `html` in the data state, raw-text elements switched as the
    /// tree builder would.
    fn tokens(html: &str) -> Vec<(Token<'_>, Vec<Attr<'_>>)> {
        let mut t = Tokenizer::new(html);
        let mut out = Vec::new();
        loop {
            let token = t.next_token();
            if token == Token::Eof {
                return out;
            }
            if let Token::Start { tag, .. } = token {
                match tag {
                    Tag::Script => t.set_state(State::ScriptData),
                    Tag::Title | Tag::Textarea => t.set_state(State::Rcdata(tag)),
                    Tag::Style | Tag::Xmp | Tag::Noscript => t.set_state(State::Rawtext(tag)),
                    Tag::Plaintext => t.set_state(State::Plaintext),
                    _ => {}
                }
            }
            out.push((token, t.attrs.clone()));
        }
    }

    fn text(text: &str) -> Token<'_> {
        Token::Text { text, refs: true }
    }

    fn raw(text: &str) -> Token<'_> {
        Token::Text { text, refs: false }
    }

    fn start(name: &str) -> Token<'_> {
        Token::Start { tag: Tag::of(name), name, self_closing: false }
    }

    fn end(name: &str) -> Token<'_> {
        Token::End { tag: Tag::of(name), name }
    }

    #[test]
    fn tokens_table() {
        let cases: &[(&str, &[Token<'_>])] = &[
            ("", &[]),
            ("plain", &[text("plain")]),
            ("a < b <3 <", &[text("a < b <3 <")]),
            ("<p>x</P>", &[start("p"), text("x"), end("P")]),
            ("<br/>", &[Token::Start { tag: Tag::Br, name: "br", self_closing: true }]),
            ("x</>y", &[text("x"), text("y")]),
            ("<!-- <p>no</p> -->x", &[Token::Comment, text("x")]),
            ("<!-->x<!--->y", &[Token::Comment, text("x"), Token::Comment, text("y")]),
            ("<!-- a --!>x", &[Token::Comment, text("x")]),
            ("<!-- a -- b --->x", &[Token::Comment, text("x")]),
            ("<?php echo 1 ?>x", &[Token::Comment, text("x")]),
            ("</1 x>y", &[Token::Comment, text("y")]),
            ("<!DOCTYPE html>x", &[Token::Doctype { quirks: false }, text("x")]),
            ("<!doctype html public \"-//W3C//DTD HTML 4.0 Transitional//EN\">", &[Token::Doctype { quirks: true }]),
            ("<!-- open", &[Token::Comment]),
            ("<p unterminated", &[]),
            ("x<p a=\"never closed", &[text("x")]),
            ("<script>if (a<b) {}</script>y", &[start("script"), raw("if (a<b) {}"), end("script"), text("y")]),
            (
                "<script><!--<script></script>-->x</script>y",
                &[start("script"), raw("<!--<script></script>-->x"), end("script"), text("y")],
            ),
            ("<script><!--</script>y", &[start("script"), raw("<!--"), end("script"), text("y")]),
            // Regression: any byte before "script" was taken for the `/` of an end tag.
            ("<script>a<xscript>b</script>c", &[start("script"), raw("a<xscript>b"), end("script"), text("c")]),
            (
                "<script><!-- --><script></script>y",
                &[start("script"), raw("<!-- --><script>"), end("script"), text("y")],
            ),
            ("<title>a &amp; <b></title >", &[start("title"), text("a &amp; <b>"), end("title")]),
            ("<style>p > a {}</styles></style>", &[start("style"), raw("p > a {}</styles>"), end("style")]),
            ("<plaintext></plaintext><p>", &[start("plaintext"), raw("</plaintext><p>")]),
            ("<![CDATA[x]]>y", &[Token::Comment, text("y")]),
        ];
        for (html, want) in cases {
            let got: Vec<Token<'_>> = tokens(html).into_iter().map(|(t, _)| t).collect();
            assert_eq!(got, *want, "html {html:?}");
        }
    }

    #[test]
    fn attributes_table() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            ("<p>", &[]),
            ("<p class=\"a b\" id=x hidden>", &[("class", "a b"), ("id", "x"), ("hidden", "")]),
            ("<p data-x = 'q\"' />", &[("data-x", "q\"")]),
            ("<p a=1/b=2 c>", &[("a", "1/b=2"), ("c", "")]),
            ("<p a=\"1\"b=2>", &[("a", "1"), ("b", "2")]),
            ("<p =x a='>'>", &[("=x", ""), ("a", ">")]),
            ("<p a= >", &[("a", "")]),
            ("<p a/ b>", &[("a", ""), ("b", "")]),
        ];
        for (html, want) in cases {
            let got = tokens(html);
            let attrs: Vec<(&str, &str)> = got[0].1.iter().map(|a| (a.name, a.value)).collect();
            assert_eq!(attrs, *want, "html {html:?}");
        }
    }

    #[test]
    fn cdata_is_text_in_foreign_content() {
        let mut t = Tokenizer::new("<![CDATA[a<b]]>c");
        t.cdata = true;
        assert_eq!(t.next_token(), raw("a<b"));
        assert_eq!(t.next_token(), text("c"));
    }

    #[test]
    fn quirks_table() {
        let cases = [
            (" html", false),
            ("html", false),
            ("HTML SYSTEM \"about:legacy-compat\"", false),
            ("", true),
            ("svg", true),
            ("html PUBLIC \"-//W3C//DTD HTML 4.01//EN\" \"http://www.w3.org/TR/html4/strict.dtd\"", false),
            ("html PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\"", true),
            ("html PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\" \"http://www.w3.org/TR/html4/loose.dtd\"", false),
            ("html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" \"x\"", false),
            ("html bogus", true),
        ];
        for (doctype, want) in cases {
            assert_eq!(doctype_quirks(doctype.as_bytes()), want, "doctype {doctype:?}");
        }
    }

    #[test]
    fn every_prefix_in_every_state_tokenizes() {
        // Regression: a page ending in `<` inside a script read past its end.
        let tricky =
            "<script><!--<script></script>--></script><</ <! <? <a b='<' c=d>&amp;</x y=\"z\"><![CDATA[q]]><!-- --!>";
        let states =
            [State::Data, State::Rcdata(Tag::Title), State::Rawtext(Tag::Style), State::ScriptData, State::Plaintext];
        for end in (0..=tricky.len()).filter(|&e| tricky.is_char_boundary(e)) {
            for state in states {
                for cdata in [false, true] {
                    let mut t = Tokenizer::new(&tricky[end..]);
                    t.set_state(state);
                    t.cdata = cdata;
                    let mut count = 0;
                    while t.next_token() != Token::Eof {
                        count += 1;
                        assert!(count <= tricky.len(), "no progress");
                    }
                    let mut t = Tokenizer::new(&tricky[..end]);
                    t.set_state(state);
                    while t.next_token() != Token::Eof {}
                }
            }
        }
    }

    #[test]
    fn hostile_runs_stay_linear() {
        for input in ["<".repeat(1_000_000), "</".repeat(500_000), "<!".repeat(500_000), "<!---->".repeat(200_000)] {
            let count = tokens(&input).len();
            assert!(count <= input.len());
        }
        let script = format!("<script>{}", "<!--<script>".repeat(100_000));
        assert_eq!(tokens(&script).len(), 2);
    }
}
