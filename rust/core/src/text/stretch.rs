//! The prose stretch: the stretch of a text where its prose is, found by
//! weighing what lies between the lines no rule dropped. The lines are
//! joined into units (a sentence broken over several lines is one unit),
//! each unit weighs its prose for and menu-like lines against, and the
//! best-weighing stretch, widened by its near neighbours and the headline
//! above it, is the stretch (DESIGN.md, "The prose stretch"). The line
//! model reads it as one of its signals.

use crate::config::Thresholds;
use crate::text::features::Features;
use crate::text::residue::Analysed;
use crate::text::segment::Line;

/// A line as the stretch search saw it.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct StretchLine {
    /// In the stretch (a line with a hit never is).
    pub inside: bool,
    /// The weight class of its unit: 1 prose, 0 a short sentence, a list
    /// item or a standfirst, -1 anything else (menu entries, headlines,
    /// bylines); 0 for a line with a hit.
    pub class: i8,
    /// The counts of its unit (the sentence it is part of, over lines);
    /// zero for a line with a hit.
    pub unit: Features,
    /// How many lines its unit joins.
    pub unit_lines: u32,
}

/// Finds the prose stretch of `lines` (`analysed[i]` is the analysis of
/// `lines[i]`; `title` the line that repeats the first, by
/// [`crate::text::repeats::repeated_title`]).
pub fn prose_stretch(
    lines: &[Line<'_>],
    analysed: &[&Analysed],
    title: Option<usize>,
    keep_title: bool,
    th: &Thresholds,
) -> Vec<StretchLine> {
    let units = units(lines, analysed, th);
    let headline = title.and_then(|at| units.iter().position(|u| (u.first..=u.last).contains(&at)));
    let keep = select_article(&units, headline, keep_title, th);
    let mut out = vec![StretchLine::default(); lines.len()];
    for (unit, keep) in units.iter().zip(keep) {
        let class = if unit.base_weight > 0.0 {
            1
        } else if unit.base_weight == 0.0 {
            0
        } else {
            -1
        };
        // A unit's lines are those between its first and last that no rule dropped.
        for i in (unit.first..=unit.last).filter(|&i| analysed[i].hit.is_none()) {
            out[i] = StretchLine { inside: keep, class, unit: unit.features, unit_lines: unit.len as u32 };
        }
    }
    out
}

/// Consecutive lines that no rule dropped, joined while a sentence runs on.
struct Unit {
    /// Its first and last line (the lines between that no rule dropped
    /// belong to it too).
    first: usize,
    last: usize,
    /// How many lines it joins.
    len: usize,
    features: Features,
    /// The unit's own weight, read for the label of a unit left out.
    base_weight: f32,
    /// The weight in the article search: the base weight, less
    /// `comment_penalty` in a comment section, plus `headline_bonus`.
    weight: f32,
    /// The unit comes after a comment byline that follows prose.
    in_comments: bool,
}

fn units(lines: &[Line<'_>], analysed: &[&Analysed], th: &Thresholds) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::with_capacity(lines.len());
    let (mut seen_prose, mut in_comments) = (false, false);
    for (i, (line, a)) in lines.iter().zip(analysed).enumerate() {
        // A comment byline after some prose opens the comment section.
        in_comments |= a.comment_byline && seen_prose;
        if a.hit.is_some() {
            continue;
        }
        let joins = out.last().is_some_and(|u: &Unit| {
            !line.paragraph_start
                && u.len < th.unit_max_lines
                && !u.features.ends_terminal
                && (a.features.continues || u.features.ends_open)
                && !a.list_item
        });
        if joins {
            let unit = out.last_mut().expect("joins implies a unit");
            (unit.last, unit.len) = (i, unit.len + 1);
            unit.features.add(&a.features);
            unit.base_weight = weigh(&unit.features, analysed[unit.first].list_item, th);
        } else {
            let base_weight = weigh(&a.features, a.list_item, th);
            out.push(Unit { first: i, last: i, len: 1, features: a.features, base_weight, weight: 0.0, in_comments });
        }
        seen_prose |= out.last().is_some_and(|u| u.base_weight > 0.0);
    }
    // The k-th non-prose unit in a row weighs (1 + run_growth * (k - 1))
    // penalties: a tag list or the headline and author lines of a teaser
    // are barriers, a heading between paragraphs is not.
    let mut run = 0.0f32;
    for unit in &mut out {
        run = if unit.base_weight < 0.0 { run + 1.0 } else { 0.0 };
        let growth = 1.0 + th.run_growth * (run - 1.0).max(0.0);
        let comment = if unit.in_comments { th.comment_penalty } else { 0.0 };
        unit.weight = unit.base_weight * growth - comment;
    }
    out
}

/// Prose weighs its letters; short sentences and list items nothing;
/// anything else (menu entries, headlines, bylines) a fixed penalty.
fn weigh(f: &Features, list_item: bool, th: &Thresholds) -> f32 {
    let prose = f.sentence_ends >= 1
        && f.words as usize >= th.prose_min_words
        && (f.stopword_share() >= th.prose_min_stopword_share
            || f.words as usize >= th.prose_long_words
            || f.letters as usize >= th.prose_long_letters);
    let standfirst =
        f.words as usize >= th.standfirst_min_words && f.stopword_share() >= th.standfirst_min_stopword_share;
    if prose {
        f.letters as f32
    } else if list_item || standfirst || (f.ends_terminal && f.words >= 2) {
        0.0
    } else {
        -th.short_line_penalty
    }
}

/// Which units form the article (DESIGN.md, "Finding the article").
///
/// When the page title comes again as a headline (`headline`, a unit
/// index), the article is searched after it and, with `keep_title`, the
/// headline stays; else, when at most `title_lines` units come before the
/// article, they are its headline and stay with `keep_title`. The best
/// stretch is widened by its near neighbours.
fn select_article(units: &[Unit], headline: Option<usize>, keep_title: bool, th: &Thresholds) -> Vec<bool> {
    let weights: Vec<f32> = units.iter().map(|u| u.weight).collect();
    let after_headline = headline.and_then(|h| max_stretch(&weights[h + 1..]).map(|(s, e)| (h, h + 1 + s, h + 1 + e)));
    let (start, end) = match after_headline {
        Some((_, start, end)) => (start, end),
        None => match max_stretch(&weights) {
            Some(found) => found,
            // No prose to go by: nothing tells the article from the rest.
            None => return vec![true; units.len()],
        },
    };
    // Widening crosses a lone heading between two paragraphs (or short
    // sentences) cheaply, so an article of short sections is not cut at its edge.
    let is_paragraph = |j: usize| units.get(j).is_some_and(|u| u.base_weight >= 0.0);
    let reach: Vec<f32> = (0..units.len())
        .map(|i| {
            let heading = weights[i] < 0.0 && i > 0 && is_paragraph(i - 1) && is_paragraph(i + 1);
            if heading {
                weights[i] * th.heading_share
            } else {
                weights[i]
            }
        })
        .collect();
    let end = widen(&reach, end, th.extend_budget, 1);
    let start = widen(&reach, start, th.extend_budget, -1);
    let mut keep: Vec<bool> = (0..units.len()).map(|i| (start..=end).contains(&i)).collect();
    match after_headline {
        Some((h, _, _)) => keep[h] = keep_title,
        // The text opens with its headline (a scraped article, not a page
        // with menus above the article): it stays.
        None if start <= th.title_lines => keep[..start].fill(keep_title),
        None => {}
    }
    keep
}

/// The stretch of greatest total weight (Kadane), if any weighs above 0.
fn max_stretch(weights: &[f32]) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize, f32)> = None;
    let (mut start, mut sum) = (0, 0.0f32);
    for (i, &w) in weights.iter().enumerate() {
        if sum <= 0.0 {
            start = i;
            sum = 0.0;
        }
        sum += w;
        if sum > 0.0 && best.is_none_or(|(_, _, b)| sum > b) {
            best = Some((start, i, sum));
        }
    }
    best.map(|(start, end, _)| (start, end))
}

/// Walks outward from `edge` (step +1 or -1) while the running weight stays
/// above `-budget`, and returns the farthest unit of weight >= 0 reached.
fn widen(weights: &[f32], edge: usize, budget: f32, step: isize) -> usize {
    let (mut farthest, mut sum) = (edge, 0.0f32);
    let mut i = edge as isize + step;
    while i >= 0 && (i as usize) < weights.len() {
        let w = weights[i as usize];
        sum += w;
        if sum < -budget {
            break;
        }
        if w >= 0.0 {
            farthest = i as usize;
        }
        i += step;
    }
    farthest
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Unit weights, and the stretch wanted: first and last unit.
    type Case<'w> = (&'w [f32], Option<(usize, usize)>);

    #[test]
    fn max_stretch_table() {
        let cases: &[Case<'_>] = &[
            (&[], None),
            (&[-1.0, -2.0], None),
            (&[5.0], Some((0, 0))),
            (&[-30.0, 100.0, -30.0, 100.0, -30.0], Some((1, 3))),
            (&[100.0, -300.0, 50.0], Some((0, 0))),
        ];
        for (weights, want) in cases {
            assert_eq!(max_stretch(weights), *want, "weights {weights:?}");
        }
    }

    #[test]
    fn widen_stops_at_budget_and_ends_on_weight() {
        let w = [-30.0, 0.0, -30.0, 500.0, -10.0, -100.0, 40.0];
        assert_eq!(widen(&w, 3, 60.0, 1), 3);
        assert_eq!(widen(&w, 3, 120.0, 1), 6);
        assert_eq!(widen(&w, 3, 60.0, -1), 1);
    }
}
