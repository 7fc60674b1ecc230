//! Chosen blocks back to text: a blank line between paragraphs, list items
//! and table rows on lines of their own, the cells of a row tab-separated.
//! The text cleaner then decides on its lines; [`markdown`] writes the kept
//! ones as Markdown, knowing from [`render`] which block each came from.

use std::borrow::Cow;

use super::blocks::{Block, BlockKind};
use crate::text::classify::Decision;
use crate::text::segment::Line;

/// Marks a blank line between blocks in what [`render`] returns.
const BETWEEN: u32 = u32::MAX;

/// Appends the blocks to `out`, in the order given. Returns, for every line
/// written, the index in `blocks` of the block it belongs to (a row of
/// cells: its first cell), or [`BETWEEN`] for a separating blank line.
pub fn render(blocks: &[&Block], out: &mut String) -> Vec<u32> {
    let mut owners = Vec::with_capacity(blocks.len() * 2);
    let mut previous: Option<BlockKind> = None;
    for (index, block) in blocks.iter().enumerate() {
        let separator = previous.map_or("", |prev| separator(prev, block.kind));
        out.push_str(separator);
        if separator == "\n\n" {
            owners.push(BETWEEN);
        }
        if separator != "\t" {
            owners.push(index as u32);
        }
        out.push_str(&block.text);
        let inner_breaks = memchr::memchr_iter(b'\n', block.text.as_bytes()).count();
        owners.extend(std::iter::repeat_n(index as u32, inner_breaks));
        previous = Some(block.kind);
    }
    owners
}

fn separator(previous: BlockKind, next: BlockKind) -> &'static str {
    match (previous, next) {
        (BlockKind::Cell(a), BlockKind::Cell(b)) if a == b => "\t",
        (BlockKind::Cell(_), BlockKind::Cell(_)) | (BlockKind::ListItem { .. }, BlockKind::ListItem { .. }) => "\n",
        _ => "\n\n",
    }
}

/// Keeps every line of a preformatted block whole, whatever the text
/// cleaner decided: code and verse are verbatim by definition, and a line
/// such as `print(total)` only looks like a share prompt.
pub fn keep_preformatted(lines: &[Line<'_>], decisions: &mut [Decision], owners: &[u32], blocks: &[&Block]) {
    for (line, decision) in lines.iter().zip(decisions) {
        let owner = owners.get(line.number - 1).and_then(|&o| blocks.get(o as usize));
        if owner.is_some_and(|block| block.kind == BlockKind::Preformatted) {
            *decision = Decision::keep_whole(line);
        }
    }
}

/// Appends the kept lines of `lines` (the segmented output of [`render`]
/// over `blocks`, whose `owners` it returned) to `out` as Markdown:
/// headings get `#`s, list items `- ` or their number (their further lines
/// an indent), preformatted blocks a fence, and a paragraph line that would
/// read as markup (`# `, `> `, `- `, `1. ` ...) a backslash.
pub fn markdown(lines: &[Line<'_>], decisions: &[Decision], owners: &[u32], blocks: &[&Block], out: &mut String) {
    let (_, kept) = crate::text::render::kept_lines(lines, decisions);
    let mut previous: Option<(u32, BlockKind)> = None;
    // The number of the last numbered item written, in the current list.
    let mut number = 0;
    for line in &kept {
        let owner = owners.get(line.number - 1).copied().unwrap_or(BETWEEN);
        let kind = blocks.get(owner as usize).map_or(BlockKind::Paragraph, |b| b.kind);
        let continues = previous.is_some_and(|(p, _)| p == owner);
        if let Some((_, prev_kind)) = previous {
            if prev_kind == BlockKind::Preformatted && !continues {
                out.push_str("\n```");
            }
            out.push_str(if line.paragraph_start { "\n\n" } else { "\n" });
        }
        match kind {
            BlockKind::Heading(level) => {
                out.extend(std::iter::repeat_n('#', usize::from(level.clamp(1, 6))));
                out.push(' ');
                out.push_str(line.text.trim_start());
            }
            BlockKind::ListItem { ordered } => {
                let marker = match (ordered, continues) {
                    (false, false) => Cow::Borrowed("- "),
                    (false, true) => Cow::Borrowed("  "),
                    (true, false) => {
                        let in_list = matches!(previous, Some((_, BlockKind::ListItem { ordered: true })));
                        number = if in_list { number + 1 } else { 1 };
                        Cow::Owned(format!("{number}. "))
                    }
                    (true, true) => Cow::Owned(" ".repeat(number.to_string().len() + 2)),
                };
                out.push_str(&marker);
                out.push_str(line.text.trim_start());
            }
            BlockKind::Preformatted => {
                if !continues {
                    out.push_str("```\n");
                }
                out.push_str(line.text);
            }
            BlockKind::Paragraph | BlockKind::Cell(_) => out.push_str(&escape(line.text)),
        }
        previous = Some((owner, kind));
    }
    if previous.is_some_and(|(_, kind)| kind == BlockKind::Preformatted) {
        out.push_str("\n```");
    }
}

/// The line with a backslash where its start would read as Markdown
/// structure: a heading, a quote, a list item or a numbered item.
fn escape(line: &str) -> Cow<'_, str> {
    let bytes = line.as_bytes();
    let marker = match bytes.first() {
        Some(b'#' | b'>') => Some(0),
        Some(b'-' | b'+' | b'*') if bytes.get(1) == Some(&b' ') => Some(0),
        Some(b'0'..=b'9') => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            (matches!(bytes.get(digits), Some(b'.' | b')')) && bytes.get(digits + 1) == Some(&b' ')).then_some(digits)
        }
        _ => None,
    };
    match marker {
        Some(at) => Cow::Owned(format!("{}\\{}", &line[..at], &line[at..])),
        None => Cow::Borrowed(line),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::classify::keep_all;
    use crate::text::segment::lines;

    fn block(kind: BlockKind, text: &str) -> Block {
        Block { node: 0, kind, text: text.to_owned(), chars: 0, link_chars: 0 }
    }

    #[test]
    fn separators_table() {
        use BlockKind::*;
        let cases = [
            (Paragraph, Paragraph, "\n\n"),
            (Heading(2), Paragraph, "\n\n"),
            (ListItem { ordered: false }, ListItem { ordered: true }, "\n"),
            (Paragraph, ListItem { ordered: false }, "\n\n"),
            (Cell(1), Cell(1), "\t"),
            (Cell(1), Cell(2), "\n"),
        ];
        for (a, b, want) in cases {
            assert_eq!(separator(a, b), want, "{a:?} then {b:?}");
        }
    }

    #[test]
    fn owners_follow_lines() {
        use BlockKind::*;
        let blocks = [
            block(Paragraph, "a\nb"),
            block(Cell(7), "c"),
            block(Cell(7), "d"),
            block(ListItem { ordered: false }, "e"),
        ];
        let refs: Vec<&Block> = blocks.iter().collect();
        let mut out = String::new();
        let owners = render(&refs, &mut out);
        assert_eq!(out, "a\nb\n\nc\td\n\ne");
        assert_eq!(owners, [0, 0, BETWEEN, 1, BETWEEN, 3]);
        assert_eq!(owners.len(), out.lines().count());
    }

    #[test]
    fn markdown_table() {
        use BlockKind::*;
        let cases: &[(&[(BlockKind, &str)], &str)] = &[
            (&[(Heading(2), "Results"), (Paragraph, "Text.")], "## Results\n\nText."),
            (
                &[(ListItem { ordered: false }, "one"), (ListItem { ordered: false }, "two\nmore")],
                "- one\n- two\n  more",
            ),
            (
                &[
                    (ListItem { ordered: true }, "one"),
                    (ListItem { ordered: true }, "two\nmore"),
                    (Paragraph, "Then."),
                    (ListItem { ordered: true }, "again"),
                ],
                "1. one\n2. two\n   more\n\nThen.\n\n1. again",
            ),
            (
                &[(Preformatted, "let a = 1;\n\n  a += 1;"), (Paragraph, "After.")],
                "```\nlet a = 1;\n\n  a += 1;\n```\n\nAfter.",
            ),
            (&[(Paragraph, "Before."), (Preformatted, "x")], "Before.\n\n```\nx\n```"),
            (
                &[(Paragraph, "# not a heading"), (Paragraph, "- not an item"), (Paragraph, "1984. A year")],
                "\\# not a heading\n\n\\- not an item\n\n1984\\. A year",
            ),
            (&[(Paragraph, "-5 degrees"), (Paragraph, "10.5 per cent")], "-5 degrees\n\n10.5 per cent"),
            (&[(Heading(9), "deep")], "###### deep"),
            (&[(Cell(1), "a"), (Cell(1), "b")], "a\tb"),
        ];
        for (input, want) in cases {
            let blocks: Vec<Block> = input.iter().map(|&(k, t)| block(k, t)).collect();
            let refs: Vec<&Block> = blocks.iter().collect();
            let mut raw = String::new();
            let owners = render(&refs, &mut raw);
            let all = lines(&raw);
            let mut out = String::new();
            markdown(&all, &keep_all(&all), &owners, &refs, &mut out);
            assert_eq!(out, *want, "blocks {input:?}");
        }
    }

    #[test]
    fn preformatted_lines_are_kept_whatever_was_decided() {
        use BlockKind::*;
        let blocks = [block(Paragraph, "print this page"), block(Preformatted, "total = 42\nprint(total)")];
        let refs: Vec<&Block> = blocks.iter().collect();
        let mut raw = String::new();
        let owners = render(&refs, &mut raw);
        let all = lines(&raw);
        let mut decisions = keep_all(&all);
        for d in &mut decisions {
            d.kept_len = 0;
        }
        keep_preformatted(&all, &mut decisions, &owners, &refs);
        let kept: Vec<usize> = decisions.iter().map(|d| d.kept_len).collect();
        assert_eq!(kept, [0, 10, 12]);
    }

    #[test]
    fn markdown_skips_dropped_lines() {
        use BlockKind::*;
        let blocks = [block(Heading(1), "Title"), block(Paragraph, "Share this"), block(Paragraph, "Body.")];
        let refs: Vec<&Block> = blocks.iter().collect();
        let mut raw = String::new();
        let owners = render(&refs, &mut raw);
        let all = lines(&raw);
        let mut decisions = keep_all(&all);
        decisions[1].kept_len = 0;
        let mut out = String::new();
        markdown(&all, &decisions, &owners, &refs, &mut out);
        assert_eq!(out, "# Title\n\nBody.");
    }
}
