//! Chosen blocks back to text: a blank line between paragraphs, list items
//! and table rows on lines of their own, the cells of a row tab-separated.
//! The text cleaner then decides on its lines; [`kept_ranges`] tells what
//! it kept of each block, for the Markdown and HTML writers
//! ([`super::format`]).

use std::ops::Range;

use super::blocks::{Block, BlockKind};
use crate::text::classify::Decision;
use crate::text::segment::Line;

/// Marks a blank line between blocks in what [`render`] returns.
const BETWEEN: u32 = u32::MAX;

/// Where [`render`] wrote each block.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rendered {
    /// For every line written, the index in `blocks` of the block it
    /// belongs to (a row of cells: its first cell), or [`BETWEEN`] for a
    /// separating blank line.
    pub owners: Vec<u32>,
    /// The byte offset each block starts at.
    pub starts: Vec<usize>,
}

/// Appends the blocks to `out`, in the order given.
pub fn render(blocks: &[&Block], out: &mut String) -> Rendered {
    let mut owners = Vec::with_capacity(blocks.len() * 2);
    let mut starts = Vec::with_capacity(blocks.len());
    let base = out.len();
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
        starts.push(out.len() - base);
        out.push_str(&block.text);
        let inner_breaks = memchr::memchr_iter(b'\n', block.text.as_bytes()).count();
        owners.extend(std::iter::repeat_n(index as u32, inner_breaks));
        previous = Some(block.kind);
    }
    Rendered { owners, starts }
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

/// What of each block the `decisions` on `lines` keep: byte ranges of the
/// block's text, one per kept line (or the part of a row's line in that
/// cell). `lines` are segmented from `raw`, which [`render`] wrote from
/// `blocks`, each starting at its [`Rendered::starts`].
pub fn kept_ranges(
    raw: &str,
    lines: &[Line<'_>],
    decisions: &[Decision],
    starts: &[usize],
    blocks: &[&Block],
) -> Vec<Vec<Range<usize>>> {
    let mut kept = vec![Vec::new(); blocks.len()];
    let mut b = 0;
    for (line, d) in lines.iter().zip(decisions).filter(|(_, d)| d.kept_len > 0) {
        let from = line.text.as_ptr() as usize - raw.as_ptr() as usize;
        let to = from + d.kept_len;
        let end = |b: usize| starts[b] + blocks[b].text.len();
        while b < blocks.len() && end(b) <= from {
            b += 1;
        }
        for (k, ranges) in kept.iter_mut().enumerate().skip(b).take_while(|&(k, _)| starts[k] < to) {
            let (lo, hi) = (from.max(starts[k]), to.min(end(k)));
            if lo < hi {
                ranges.push(lo - starts[k]..hi - starts[k]);
            }
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::classify::keep_all;
    use crate::text::segment::lines;

    fn block(kind: BlockKind, text: &str) -> Block {
        Block { node: 0, kind, text: text.to_owned(), chars: 0, link_chars: 0, rich: None }
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
        let Rendered { owners, starts } = render(&refs, &mut out);
        assert_eq!(out, "a\nb\n\nc\td\n\ne");
        assert_eq!(owners, [0, 0, BETWEEN, 1, BETWEEN, 3]);
        assert_eq!(owners.len(), out.lines().count());
        assert_eq!(starts, [0, 5, 7, 10]);
    }

    #[test]
    fn preformatted_lines_are_kept_whatever_was_decided() {
        use BlockKind::*;
        let blocks = [block(Paragraph, "print this page"), block(Preformatted, "total = 42\nprint(total)")];
        let refs: Vec<&Block> = blocks.iter().collect();
        let mut raw = String::new();
        let owners = render(&refs, &mut raw).owners;
        let all = lines(&raw);
        let mut decisions = keep_all(&all);
        for d in &mut decisions {
            d.kept_len = 0;
        }
        keep_preformatted(&all, &mut decisions, &owners, &refs);
        let kept: Vec<usize> = decisions.iter().map(|d| d.kept_len).collect();
        assert_eq!(kept, [0, 10, 12]);
    }
}
