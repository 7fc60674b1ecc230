//! Lines to decisions, in the text's regime (DESIGN.md, "The text cleaner").
//!
//! The line rules ([`crate::text::residue`]) have found what each line is
//! on its own. Article text (a scraped article, a feed item: content with
//! residue) loses only its residue: strong hits, weak hits in company, and
//! a headline printed twice. A whole page's text has its main content
//! found first; what lies outside goes, then the residue inside.

use crate::config::{Options, Regime, Thresholds, REGION_RULE};
use crate::text::model::{self, LineModel};
use crate::text::repeats::{self, Keys};
use crate::text::residue::Analysed;
use crate::text::segment::Line;
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

    /// The line kept as the rules left it (a glued icon run cut off).
    pub fn keep(a: &Analysed) -> Decision {
        Decision { reason: Reason::Content, kept_len: a.len, icon_tail: a.icon_tail }
    }

    /// The line dropped, for `reason`.
    pub fn drop_as(&mut self, reason: Reason) {
        (self.reason, self.kept_len) = (reason, 0);
    }
}

/// Which regime a text was cleaned in, and why.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Verdict {
    pub regime: Regime,
    /// The regime model's probability that the text is a whole page's
    /// (`None` when the regime was asked for, or the text has fewer than
    /// `page_min_lines` lines: too short to be a page's, it is not read).
    pub page_probability: Option<f32>,
}

/// Decides every line, in the regime asked for or, when `None`, in the
/// one the regime model tells from the text. `lines` come from
/// [`crate::text::segment::lines`] (or are the kept part of them),
/// `analysed[i]` is the analysis of `lines[i]`.
pub fn decide(
    lines: &[Line<'_>],
    analysed: &[&Analysed],
    keys: &Keys,
    regime: Option<Regime>,
    options: &Options,
    th: &Thresholds,
) -> (Vec<Decision>, Verdict) {
    let mut decisions: Vec<Decision> = analysed.iter().map(|a| Decision::keep(a)).collect();
    let duplicates = !options.disables(Family::Duplicate.name());
    let mut verdict = Verdict { regime: Regime::Article, page_probability: None };
    // Under `page_min_lines` lines a text is article text: the models are not read.
    let long = lines.len() >= th.page_min_lines;
    if (regime == Some(Regime::Page) && !lines.is_empty()) || (regime.is_none() && long) {
        let model = LineModel::builtin();
        let model::Reading { title, stretch, x } = model::read(lines, analysed, keys, options.keep_title, th);
        let scores = model::line_scores(model, &x);
        let page = regime.is_none().then(|| model.regime.probability(&model::regime_features(&x, &scores, th)));
        let is_page = match regime {
            Some(forced) => forced == Regime::Page,
            None => page.is_some_and(|p| p > model.page),
        };
        verdict = Verdict { regime: if is_page { Regime::Page } else { Regime::Article }, page_probability: page };
        // A page always has content: where the model finds none (all it
        // reads looks like a menu) it has nothing to tell it by, and the
        // text is read as article text.
        let content = scores.iter().zip(analysed).any(|(&p, a)| p > model.keep && !a.hit.is_some_and(|h| h.strong));
        if verdict.regime == Regime::Page && content {
            for (d, ((a, s), &p)) in decisions.iter_mut().zip(analysed.iter().zip(&stretch).zip(&scores)) {
                match a.hit {
                    Some(hit) if hit.strong || p <= model.keep => d.drop_as(Reason::Rule(hit.family)),
                    None if p <= model.keep => {
                        d.drop_as(if s.class < 0 { Reason::Rule(Family::Navigation) } else { Reason::OutsideArticle })
                    }
                    _ => {}
                }
            }
            keep_tables(&mut decisions, analysed);
            if options.keep_title {
                keep_headline(&mut decisions, analysed, title);
            }
            if duplicates {
                repeats::drop_repeats(&mut decisions, analysed, keys, options.keep_title);
            }
            return (decisions, verdict);
        }
        verdict.regime = Regime::Article;
    }
    drop_residue(&mut decisions, lines, analysed, th);
    drop_comment_section(&mut decisions, analysed, th);
    if !options.keep_title {
        drop_opening_headline(&mut decisions, analysed);
    }
    if duplicates {
        repeats::drop_near_repeats(&mut decisions, analysed, keys, options.keep_title, th);
    }
    (decisions, verdict)
}

/// Article text: a strong hit drops its line; a weak one when a neighbour
/// has a hit too (a share bar, a player's clocks, a date under an icon
/// run) or, unless it is a dateline, when it lies among the first or last
/// `residue_edge_lines` lines (a "Comments" line at the end). A weak hit on a list item, a table's row,
/// a line of code or a sentence of its own ([`Hit::sentence`](crate::text::residue::Hit::sentence)) is theirs; so are datelines when the text has
/// `dateline_structure` different ones or more (the dates of posts or
/// cards), unless a strong hit is beside them.
fn drop_residue(decisions: &mut [Decision], lines: &[Line<'_>], analysed: &[&Analysed], th: &Thresholds) {
    let n = analysed.len();
    let is_dateline = |a: &&Analysed| a.hit.is_some_and(|h| h.family == Family::Dateline);
    let mut dates: Vec<&str> =
        lines.iter().zip(analysed).filter(|(_, a)| is_dateline(a)).map(|(l, _)| l.text).collect();
    dates.sort_unstable();
    dates.dedup();
    let dated = dates.len() >= th.dateline_structure;
    let has_hit = |i: usize| analysed.get(i).is_some_and(|a| a.hit.is_some());
    let has_strong = |i: usize| analysed.get(i).is_some_and(|a| a.hit.is_some_and(|h| h.strong));
    for (i, (d, a)) in decisions.iter_mut().zip(analysed).enumerate() {
        let Some(hit) = a.hit else { continue };
        // A date is a line of its own in many texts: only company makes it residue.
        let edge = hit.family != Family::Dateline && (i < th.residue_edge_lines || i + th.residue_edge_lines >= n);
        let company = (i > 0 && has_hit(i - 1)) || has_hit(i + 1);
        // The dates of posts keep their "Reply" beside them, not an icon run.
        let strong_company = (i > 0 && has_strong(i - 1)) || has_strong(i + 1);
        let own = a.list_item || a.table_row || !a.plain || hit.sentence;
        let dates_own = dated && hit.family == Family::Dateline && !strong_company;
        if hit.strong || (!own && !dates_own && (edge || company)) {
            d.drop_as(Reason::Rule(hit.family));
        }
    }
}

/// Article text that ends in its comments: from a comment notice ("12
/// comments", "Leave a reply") followed within `comment_section_lines`
/// lines by a comment byline ("Maria said:"), after some kept text, every
/// line goes: the comments are not the article (a forum thread, whose
/// posts are its content, has no such notice above them).
fn drop_comment_section(decisions: &mut [Decision], analysed: &[&Analysed], th: &Thresholds) {
    let notice = |a: &&Analysed| a.hit.is_some_and(|h| h.family == Family::CommentNotice);
    let opens = (1..analysed.len()).find(|&i| {
        notice(&analysed[i])
            && analysed[i + 1..].iter().take(th.comment_section_lines).any(|a| a.comment_byline)
            && decisions[..i].iter().any(|d| d.kept_len > 0)
    });
    if let Some(start) = opens {
        for (d, a) in decisions[start..].iter_mut().zip(&analysed[start..]) {
            if d.kept_len > 0 {
                d.drop_as(a.hit.map_or(Reason::OutsideArticle, |h| Reason::Rule(h.family)));
            }
        }
    }
}

/// A page's table goes with the content it is next to: a run of two or
/// more table rows that no rule hit, right after a kept line (or a heading
/// after one) or right before one, stays whole, with that heading (the
/// line model reads rows of figures as it reads a menu).
fn keep_tables(decisions: &mut [Decision], analysed: &[&Analysed]) {
    let n = analysed.len();
    let is_row = |i: usize| analysed[i].table_row && analysed[i].hit.is_none();
    let mut start = 0;
    while start < n {
        if !is_row(start) {
            start += 1;
            continue;
        }
        let end = (start..n).find(|&i| !is_row(i)).unwrap_or(n);
        let kept = |i: usize| decisions[i].kept_len > 0;
        // A heading of its own may stand between the content and its table.
        let heading =
            start >= 2 && analysed[start - 1].headline && analysed[start - 1].hit.is_none() && kept(start - 2);
        let from = if heading { start - 1 } else { start };
        let kept_beside = (from > 0 && kept(from - 1)) || (end < n && kept(end));
        if end - start >= 2 && kept_beside {
            for i in from..end {
                decisions[i] = Decision::keep(analysed[i]);
            }
        }
        start = end;
    }
}

/// With `keep_title`, a page's headline stays: `title` (the line that
/// repeats the text's first line), or else the nearest line above the first
/// content line that no rule hit, when it reads as a headline.
fn keep_headline(decisions: &mut [Decision], analysed: &[&Analysed], title: Option<usize>) {
    let Some(first) = decisions.iter().position(|d| d.kept_len > 0) else { return };
    let nearest = || (0..first).rev().find(|&i| analysed[i].hit.is_none());
    if let Some(i) =
        title.filter(|&i| i < first).or_else(nearest).filter(|&i| analysed[i].headline && !analysed[i].list_item)
    {
        decisions[i] = Decision::keep(analysed[i]);
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
