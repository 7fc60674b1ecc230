//! Lines to decisions, in the text's regime (DESIGN.md, "The text cleaner").
//!
//! The line rules ([`crate::text::residue`]) have found what each line is
//! on its own. Article text (a scraped article, a feed item: content with
//! residue) loses only its residue: strong hits, weak hits in company, and
//! a headline printed twice. A whole page's text has its main content
//! found first; what lies outside goes, then the residue inside.

use crate::config::{Options, Thresholds, REGION_RULE};
use crate::text::repeats::{self, Keys};
use crate::text::residue::Analysed;
use crate::text::segment::Line;
use crate::text::stretch::prose_stretch;
use crate::vocab::Family;

/// Why a line was kept or dropped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// Part of the article.
    Content,
    /// Dropped by a rule of this family.
    Rule(Family),
    /// Prose outside the article (teasers, comments, footers).
    OutsideArticle,
    /// The headline the text opens with, dropped without `keep_title`.
    Title,
}

impl Reason {
    /// The label `explain` reports.
    pub fn label(self) -> &'static str {
        match self {
            Reason::Content => "content",
            Reason::Rule(family) => family.name(),
            Reason::OutsideArticle => REGION_RULE,
            Reason::Title => "title",
        }
    }
}

/// The decision on one line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decision {
    pub reason: Reason,
    /// Bytes of the line that are kept: its whole length, the part before
    /// a glued icon run, or 0 when the line is dropped.
    pub kept_len: usize,
    /// An icon run was cut off the end of the line.
    pub icon_tail: bool,
}

/// Every line kept whole (text that needs no cleaning, as a comment section).
pub fn keep_all(lines: &[Line<'_>]) -> Vec<Decision> {
    lines.iter().map(Decision::keep_whole).collect()
}

impl Decision {
    /// The line kept whole, as content.
    pub fn keep_whole(line: &Line<'_>) -> Decision {
        Decision { reason: Reason::Content, kept_len: line.text.len(), icon_tail: false }
    }

    /// The line dropped, for `reason`.
    pub fn drop_as(&mut self, reason: Reason) {
        (self.reason, self.kept_len) = (reason, 0);
    }
}

/// What kind of text a text is (DESIGN.md, "Regimes").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Regime {
    /// Content with residue: only the residue goes.
    Article,
    /// A whole page's text: the main content is found, the rest goes.
    Page,
}

impl Regime {
    pub fn name(self) -> &'static str {
        match self {
            Regime::Article => "article",
            Regime::Page => "page",
        }
    }
}

/// Decides every line in `regime`. `lines` come from
/// [`crate::text::segment::lines`] (or are the kept part of them),
/// `analysed[i]` is the analysis of `lines[i]`.
pub fn decide(
    lines: &[Line<'_>],
    analysed: &[&Analysed],
    keys: &Keys,
    regime: Regime,
    options: &Options,
    th: &Thresholds,
) -> Vec<Decision> {
    let mut decisions: Vec<Decision> = analysed
        .iter()
        .map(|a| Decision { reason: Reason::Content, kept_len: a.len, icon_tail: a.icon_tail })
        .collect();
    let duplicates = !options.disables(Family::Duplicate.name());
    match regime {
        Regime::Article => {
            drop_residue(&mut decisions, analysed, th);
            if !options.keep_title {
                drop_opening_headline(&mut decisions, analysed);
            }
            if duplicates {
                repeats::drop_near_repeats(&mut decisions, analysed, keys, options.keep_title, th);
            }
        }
        Regime::Page => {
            let stretch = prose_stretch(lines, analysed, keys, options.keep_title, th);
            for (d, (a, s)) in decisions.iter_mut().zip(analysed.iter().zip(&stretch)) {
                match a.hit {
                    Some(hit) => d.drop_as(Reason::Rule(hit.family)),
                    None if !s.inside => {
                        d.drop_as(if s.class < 0 { Reason::Rule(Family::Navigation) } else { Reason::OutsideArticle })
                    }
                    None => {}
                }
            }
            if duplicates {
                repeats::drop_repeats(&mut decisions, analysed, keys, options.keep_title);
            }
        }
    }
    decisions
}

/// Article text: a strong hit drops its line; a weak one when a neighbour
/// has a hit too (a share bar, a player's clocks, a date under an icon
/// run) or, unless it is a dateline, when it lies among the first or last
/// `residue_edge_lines` lines (a "Comments" line at the end). A weak hit on a list item, a table's row
/// or a line of code is theirs; so are datelines when the text has
/// `dateline_structure` of them or more (the dates of posts or cards).
fn drop_residue(decisions: &mut [Decision], analysed: &[&Analysed], th: &Thresholds) {
    let n = analysed.len();
    let is_dateline = |a: &&&Analysed| a.hit.is_some_and(|h| h.family == Family::Dateline);
    let dated = analysed.iter().filter(is_dateline).count() >= th.dateline_structure;
    let has_hit = |i: usize| analysed.get(i).is_some_and(|a| a.hit.is_some());
    for (i, (d, a)) in decisions.iter_mut().zip(analysed).enumerate() {
        let Some(hit) = a.hit else { continue };
        // A date is a line of its own in many texts: only company makes it residue.
        let edge = hit.family != Family::Dateline && (i < th.residue_edge_lines || i + th.residue_edge_lines >= n);
        let company = (i > 0 && has_hit(i - 1)) || has_hit(i + 1);
        let own = a.list_item || a.table_row || !a.plain || (dated && hit.family == Family::Dateline);
        if hit.strong || (!own && (edge || company)) {
            d.drop_as(Reason::Rule(hit.family));
        }
    }
}

/// Without `keep_title`, the body alone: a headline the text opens with
/// (the first kept line, without a sentence end, before more text) goes.
fn drop_opening_headline(decisions: &mut [Decision], analysed: &[&Analysed]) {
    let mut kept = decisions.iter().enumerate().filter(|(_, d)| d.kept_len > 0).map(|(i, _)| i);
    if let (Some(first), Some(_)) = (kept.next(), kept.next()) {
        let a = analysed[first];
        if a.headline && !a.list_item {
            decisions[first].drop_as(Reason::Title);
        }
    }
}
