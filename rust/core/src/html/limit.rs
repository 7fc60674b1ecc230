//! Bounds on the markup handed to the HTML parser.
//!
//! Lexbor, like every HTML5 parser, is fast on real pages but slower than
//! linear on two hostile shapes: elements nested tens of thousands deep
//! (100,000 nested `<div>` take it ~40 s) and one tag with tens of thousands
//! of attributes. [`bounded`] rewrites such a page, in one linear pass, so
//! that no element opens deeper than [`MAX_DEPTH`] and no tag keeps more
//! than [`MAX_ATTRIBUTES`] attributes; the text is kept. Real pages are far
//! inside both bounds and are returned untouched (`None`, no copy).

use super::blocks::{END_TAG_REACH, VOID};
use super::tokenize::{Token, Tokens};

/// Elements open at once, at most; deeper start tags (and their end tags) go.
pub const MAX_DEPTH: usize = 512;
/// Attributes of one tag, at most; the rest go.
pub const MAX_ATTRIBUTES: usize = 256;

/// The page rewritten within the bounds, or `None` when it is within them.
pub fn bounded(html: &str) -> Option<String> {
    if within_bounds(html) {
        return None;
    }
    let mut out = String::with_capacity(html.len());
    let mut open = Open::default();
    let mut dropped_depth = 0usize;
    let mut tokens = Tokens::new(html);
    let mut last = 0;
    while let Some(token) = tokens.next() {
        let end = tokens.offset();
        let raw = &html[last..end];
        last = end;
        match token {
            Token::Start { name, attrs, self_closing } => {
                let nests = !self_closing && !is_void(name);
                if nests && open.0.len() >= MAX_DEPTH {
                    dropped_depth += 1;
                    continue;
                }
                if nests {
                    open.0.push(name);
                }
                if count_attributes(attrs) > MAX_ATTRIBUTES {
                    write_start(&mut out, name, attrs, self_closing);
                } else {
                    out.push_str(raw);
                }
            }
            Token::End { name } => {
                if open.close(name) {
                    out.push_str(raw);
                } else if dropped_depth > 0 {
                    // The end of a start tag that was dropped for depth.
                    dropped_depth -= 1;
                } else {
                    out.push_str(raw);
                }
            }
            Token::Text(_) | Token::RawText(_) => out.push_str(raw),
        }
    }
    out.push_str(&html[last..]);
    Some(out)
}

/// Whether no element opens deeper than [`MAX_DEPTH`] and no tag has more
/// than [`MAX_ATTRIBUTES`] attributes (one pass, no allocation per tag).
fn within_bounds(html: &str) -> bool {
    let mut open = Open::default();
    for token in Tokens::new(html) {
        match token {
            Token::Start { name, attrs, self_closing } => {
                if count_attributes(attrs) > MAX_ATTRIBUTES {
                    return false;
                }
                if !self_closing && !is_void(name) {
                    if open.0.len() >= MAX_DEPTH {
                        return false;
                    }
                    open.0.push(name);
                }
            }
            Token::End { name } => {
                open.close(name);
            }
            Token::Text(_) | Token::RawText(_) => {}
        }
    }
    true
}

/// The names of the open elements, innermost last.
#[derive(Default)]
struct Open<'a>(Vec<&'a str>);

impl Open<'_> {
    /// Closes the innermost open element named `name` and all inside it;
    /// false when none within [`END_TAG_REACH`] has that name.
    fn close(&mut self, name: &str) -> bool {
        let reach = self.0.len().saturating_sub(END_TAG_REACH);
        match (reach..self.0.len()).rev().find(|&i| self.0[i].eq_ignore_ascii_case(name)) {
            Some(at) => {
                self.0.truncate(at);
                true
            }
            None => false,
        }
    }
}

fn is_void(name: &str) -> bool {
    VOID.iter().any(|v| v.eq_ignore_ascii_case(name))
}

/// The attributes of a tag, counted up to one more than [`MAX_ATTRIBUTES`]
/// (each takes at least two bytes, so short attribute texts are not read).
fn count_attributes(attrs: &str) -> usize {
    if attrs.len() < MAX_ATTRIBUTES * 2 {
        return 0;
    }
    super::tokenize::attributes(attrs).take(MAX_ATTRIBUTES + 1).count()
}

fn write_start(out: &mut String, name: &str, attrs: &str, self_closing: bool) {
    out.push('<');
    out.push_str(name);
    for (attr, value) in super::tokenize::attributes(attrs).take(MAX_ATTRIBUTES) {
        out.push(' ');
        out.push_str(attr);
        if !value.is_empty() {
            out.push_str("=\"");
            out.push_str(&value.replace('"', "&quot;"));
            out.push('"');
        }
    }
    out.push_str(if self_closing { "/>" } else { ">" });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_pages_are_untouched() {
        let cases = ["", "<p>x</p>", "<div class=\"a\"><p>one<br>two</p></div>", "<p unterminated"];
        for html in cases {
            assert_eq!(bounded(html), None, "html {html:?}");
        }
    }

    #[test]
    fn deep_nesting_is_cut_text_kept() {
        let n = MAX_DEPTH * 4;
        let html = format!("{}deep text{}", "<div>".repeat(n), "</div>".repeat(n));
        let out = bounded(&html).expect("rewritten");
        assert_eq!(out.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(out.matches("</div>").count(), MAX_DEPTH);
        assert!(out.contains("deep text"));
    }

    #[test]
    fn attributes_are_capped() {
        let attrs: String = (0..MAX_ATTRIBUTES * 3).map(|i| format!(" a{i}='{i}'")).collect();
        let html = format!("<div{attrs} class=\"x\">text</div>");
        let out = bounded(&html).expect("rewritten");
        assert_eq!(out.matches('=').count(), MAX_ATTRIBUTES);
        assert!(out.ends_with(">text</div>"));
    }
}
