//! Text to lines.
//!
//! A line is what lies between line breaks (`\n`, `\r\n` or a lone `\r`).
//! Blank lines are not returned; they mark paragraph breaks, recorded on the
//! line after them, and the renderer puts them back between kept lines.
//! A byte-order mark opening a line is dropped with its break.

/// One non-blank input line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line<'a> {
    /// The line without its break and without trailing white space.
    pub text: &'a str,
    /// 1-based number of the line in the input.
    pub number: usize,
    /// A blank line (or the start of a paragraph) comes right before it.
    pub paragraph_start: bool,
}

/// Splits `text` into its non-blank lines.
pub fn lines(text: &str) -> Vec<Line<'_>> {
    let breaks = memchr::memchr2_iter(b'\n', b'\r', text.as_bytes()).count();
    let mut out = Vec::with_capacity(breaks + 1);
    let mut blank_before = true;
    for (index, raw) in split_breaks(text).enumerate() {
        // A byte-order mark opening a line (texts joined together) is not
        // the line's: left on, a text's first kept line would open with
        // one, which cleaning again drops.
        let line = raw.strip_prefix('\u{FEFF}').unwrap_or(raw).trim_end();
        if line.trim_start().is_empty() {
            blank_before = true;
            continue;
        }
        out.push(Line { text: line, number: index + 1, paragraph_start: blank_before });
        blank_before = false;
    }
    out
}

/// Iterates over the lines of `text`, treating `\r\n`, `\n` and `\r` as breaks.
fn split_breaks(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let current = rest?;
        match memchr::memchr2(b'\n', b'\r', current.as_bytes()) {
            None => {
                rest = None;
                Some(current)
            }
            Some(at) => {
                let skip = if current[at..].starts_with("\r\n") { 2 } else { 1 };
                rest = Some(&current[at + skip..]);
                Some(&current[..at])
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line as the table writes it: text, number, paragraph start.
    type Row<'t> = (&'t str, usize, bool);

    fn texts(input: &str) -> Vec<Row<'_>> {
        lines(input).into_iter().map(|l| (l.text, l.number, l.paragraph_start)).collect()
    }

    #[test]
    fn segments_table() {
        let cases: &[(&str, &[Row<'_>])] = &[
            ("", &[]),
            ("\n\n  \n", &[]),
            ("one", &[("one", 1, true)]),
            ("one\ntwo", &[("one", 1, true), ("two", 2, false)]),
            ("one\r\ntwo\rthree", &[("one", 1, true), ("two", 2, false), ("three", 3, false)]),
            ("one\n\n two  \n", &[("one", 1, true), (" two", 3, true)]),
            ("a\n \t\nb", &[("a", 1, true), ("b", 3, true)]),
            // A byte-order mark opening a line is not the line's.
            ("\n\u{FEFF}one\ntwo \u{FEFF}", &[("one", 2, true), ("two \u{FEFF}", 3, false)]),
            ("a\n\u{FEFF}\nb", &[("a", 1, true), ("b", 3, true)]),
        ];
        for (input, want) in cases {
            assert_eq!(texts(input), *want, "input {input:?}");
        }
    }
}
