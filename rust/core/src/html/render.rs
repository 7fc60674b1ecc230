//! Chosen blocks back to text: a blank line between paragraphs, list items
//! and table rows on lines of their own, the cells of a row tab-separated.

use super::blocks::{Block, BlockKind};

/// Appends the blocks to `out`, in the order given.
pub fn render<'a>(blocks: impl IntoIterator<Item = &'a Block>, out: &mut String) {
    let mut previous: Option<BlockKind> = None;
    for block in blocks {
        if let Some(prev) = previous {
            out.push_str(separator(prev, block.kind));
        }
        out.push_str(&block.text);
        previous = Some(block.kind);
    }
}

fn separator(previous: BlockKind, next: BlockKind) -> &'static str {
    match (previous, next) {
        (BlockKind::Cell(a), BlockKind::Cell(b)) if a == b => "\t",
        (BlockKind::Cell(_), BlockKind::Cell(_)) | (BlockKind::ListItem, BlockKind::ListItem) => "\n",
        _ => "\n\n",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_table() {
        use BlockKind::*;
        let cases = [
            (Paragraph, Paragraph, "\n\n"),
            (Heading(2), Paragraph, "\n\n"),
            (ListItem, ListItem, "\n"),
            (Paragraph, ListItem, "\n\n"),
            (Cell(1), Cell(1), "\t"),
            (Cell(1), Cell(2), "\n"),
        ];
        for (a, b, want) in cases {
            assert_eq!(separator(a, b), want, "{a:?} then {b:?}");
        }
    }
}
