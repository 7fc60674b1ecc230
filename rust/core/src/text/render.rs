//! Decisions to text: the kept lines, with the input's paragraph breaks.

use crate::text::classify::Decision;
use crate::text::segment::Line;

/// Joins the kept part of every kept line. Two kept lines are separated by
/// a blank line when the input had one anywhere between them, else by a
/// line break. No break is added at the end.
pub fn render(lines: &[Line<'_>], decisions: &[Decision]) -> String {
    let (_, kept) = kept_lines(lines, decisions);
    let mut out = String::with_capacity(kept.iter().map(|l| l.text.len() + 2).sum());
    for (i, line) in kept.iter().enumerate() {
        if i > 0 {
            out.push_str(if line.paragraph_start { "\n\n" } else { "\n" });
        }
        out.push_str(line.text);
    }
    out
}

/// The kept lines as the output holds them (cut to their kept part, a
/// paragraph start wherever a blank line comes before them in the output),
/// with their indices in `lines`.
pub fn kept_lines<'a>(lines: &[Line<'a>], decisions: &[Decision]) -> (Vec<usize>, Vec<Line<'a>>) {
    let mut index = Vec::new();
    let mut kept = Vec::new();
    let mut paragraph_break = false;
    for (i, (line, decision)) in lines.iter().zip(decisions).enumerate() {
        paragraph_break |= line.paragraph_start;
        if decision.kept_len == 0 {
            continue;
        }
        index.push(i);
        kept.push(Line {
            text: &line.text[..decision.kept_len],
            number: line.number,
            paragraph_start: paragraph_break,
        });
        paragraph_break = false;
    }
    (index, kept)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::classify::Reason;
    use crate::text::segment::lines;

    #[test]
    fn renders_table() {
        let keep = |n: usize| Decision { reason: Reason::Content, kept_len: n, icon_tail: false };
        let text = "a\nbb\n\nccc\ndddd";
        let all = lines(text);
        let cases: &[(&[usize], &str)] = &[
            (&[1, 2, 3, 4], "a\nbb\n\nccc\ndddd"),
            (&[1, 0, 0, 4], "a\n\ndddd"),
            (&[0, 2, 3, 0], "bb\n\nccc"),
            (&[1, 1, 0, 2], "a\nb\n\ndd"),
            (&[0, 0, 0, 0], ""),
        ];
        for (kept, want) in cases {
            let decisions: Vec<Decision> = kept.iter().map(|&n| keep(n)).collect();
            assert_eq!(render(&all, &decisions), *want, "kept {kept:?}");
        }
    }
}
