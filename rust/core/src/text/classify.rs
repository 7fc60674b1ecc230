//! Lines to decisions.
//!
//! Three passes, each linear in the number of lines (DESIGN.md, "The text
//! cleaner"):
//! 1. line rules: an icon run glued to the end is cut off, then user
//!    patterns, line shapes, datelines and boilerplate phrases may drop the line;
//! 2. the article: the lines no rule dropped are joined into units (a
//!    sentence broken over several lines is one unit), each unit is weighed
//!    (prose for, menu-like lines against), and the best-weighing stretch,
//!    widened by its near neighbours and the headline above it, is the article;
//! 3. repeats: a line already kept once is dropped.

use std::hash::BuildHasher;

use crate::config::{Options, Thresholds, REGION_RULE};
use crate::text::features::Features;
use crate::text::segment::Line;
use crate::vocab::{DateWord, Family, LineWord, Vocabulary};

/// Why a line was kept or dropped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// Part of the article.
    Content,
    /// Dropped by a rule of this family.
    Rule(Family),
    /// Prose outside the article (teasers, comments, footers).
    OutsideArticle,
}

impl Reason {
    /// The label `explain` reports.
    pub fn label(self) -> &'static str {
        match self {
            Reason::Content => "content",
            Reason::Rule(family) => family.name(),
            Reason::OutsideArticle => REGION_RULE,
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
}

/// What the line rules found out about every line, and the normalised
/// lines kept for the repeat checks, one after another in one string.
pub struct Analysis {
    pub lines: Vec<Analysed>,
    keys: String,
}

/// Runs the line rules over every line (pass 1). Their findings depend on
/// the line alone, so later passes reuse them.
pub fn analyse_lines(lines: &[Line<'_>], vocab: &Vocabulary, options: &Options, th: &Thresholds) -> Analysis {
    let mut scratch = Scratch::default();
    let mut keys = String::new();
    let lines = lines.iter().map(|line| analyse(line.text, vocab, options, th, &mut scratch, &mut keys)).collect();
    Analysis { lines, keys }
}

/// Decides every line from its analysis (passes 2 and 3). `lines` come from
/// [`crate::text::segment::lines`] (or are the kept part of them), `analysed[i]`
/// is the analysis of `lines[i]`.
/// `keys` is the [`Analysis`]'s string of normalised lines.
pub fn decide(
    lines: &[Line<'_>],
    analysed: &[&Analysed],
    keys: &Analysis,
    options: &Options,
    th: &Thresholds,
) -> Vec<Decision> {
    let units = units(lines, analysed, th);
    let headline =
        repeated_title(analysed, keys, th).and_then(|at| units.iter().position(|u| (u.first..=u.last).contains(&at)));
    let keep = if options.disables(REGION_RULE) {
        vec![true; units.len()]
    } else {
        select_article(&units, headline, options.keep_title, th)
    };
    let mut decisions: Vec<Decision> = analysed
        .iter()
        .map(|a| Decision {
            reason: a.rule.map_or(Reason::Content, Reason::Rule),
            kept_len: if a.rule.is_some() { 0 } else { a.len },
            icon_tail: a.icon_tail,
        })
        .collect();
    for (unit, keep) in units.iter().zip(keep) {
        if !keep {
            let reason = if unit.base_weight < 0.0 { Reason::Rule(Family::Navigation) } else { Reason::OutsideArticle };
            // A unit's lines are those between its first and last that no rule dropped.
            for i in (unit.first..=unit.last).filter(|&i| analysed[i].rule.is_none()) {
                decisions[i] = Decision { reason, kept_len: 0, icon_tail: analysed[i].icon_tail };
            }
        }
    }
    if !options.disables(Family::Duplicate.name()) {
        drop_repeats(&mut decisions, analysed, keys, options);
    }
    decisions
}

/// A normalised line in [`Analysis::keys`], and its hash.
#[derive(Clone, Copy)]
struct Key {
    hash: u64,
    start: u32,
    end: u32,
}

impl Analysis {
    /// The normalised line of `a`, with its hash, for the repeat checks.
    fn key(&self, a: &Analysed) -> Option<Keyed<'_>> {
        a.key.map(|k| Keyed { hash: k.hash, text: &self.keys[k.start as usize..k.end as usize] })
    }
}

/// A normalised line, hashed once when it was analysed: sets of them hash
/// no string again.
#[derive(Clone, Copy)]
struct Keyed<'a> {
    hash: u64,
    text: &'a str,
}

impl PartialEq for Keyed<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.hash == other.hash && self.text == other.text
    }
}

impl Eq for Keyed<'_> {}

impl std::hash::Hash for Keyed<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}

/// A hasher for [`Keyed`], which hashes itself: the hash is passed through.
#[derive(Default)]
struct PassThrough(u64);

impl std::hash::Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7C_C1_B7_27_22_0A_95);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type KeyedSet<'a> = std::collections::HashSet<Keyed<'a>, std::hash::BuildHasherDefault<PassThrough>>;
type KeyedCounts<'a> = std::collections::HashMap<Keyed<'a>, usize, std::hash::BuildHasherDefault<PassThrough>>;

/// What the line rules found out about one line.
pub struct Analysed {
    /// Bytes of the line left after cutting a glued icon run.
    len: usize,
    icon_tail: bool,
    rule: Option<Family>,
    features: Features,
    /// The normalised line, kept for the repeat check when it is long enough.
    key: Option<Key>,
    /// The line reads as a headline (no sentence end): it may repeat as a title.
    headline: bool,
    /// The line starts with a list marker ("- ", "• ", "1. ").
    list_item: bool,
    /// The line is a comment's byline: what follows is a comment.
    comment_byline: bool,
}

#[derive(Default)]
struct Scratch {
    normalized: String,
    /// The line's words, for phrase matching.
    words: Vec<LineWord>,
    /// Buffers for the tail while looking for an icon run.
    tail: (String, Vec<LineWord>),
}

fn analyse(
    line: &str,
    vocab: &Vocabulary,
    options: &Options,
    th: &Thresholds,
    scratch: &mut Scratch,
    keys: &mut String,
) -> Analysed {
    let mut text = line;
    let mut icon_tail = false;
    let mut rule = None;
    let mut features = Features::measure(text, vocab, &mut scratch.normalized, &mut scratch.words);
    if vocab.user_pattern_matches(line) {
        rule = Some(Family::UserRule);
    } else if !options.disables(Family::IconString.name()) && may_end_in_icons(&scratch.normalized) {
        if let Some(cut) = icon_run_start(line, vocab, th, &mut scratch.tail) {
            icon_tail = true;
            text = line[..cut].trim_end();
            if !text.chars().any(char::is_alphanumeric) {
                rule = Some(Family::IconString);
            }
            features = Features::measure(text, vocab, &mut scratch.normalized, &mut scratch.words);
        }
    }
    let normalized = scratch.normalized.as_str();
    let comment_byline = !options.disables(Family::CommentNotice.name()) && is_comment_byline(normalized, vocab, th);
    if rule.is_none() {
        rule = vocab
            .shape_family(normalized)
            .or_else(|| {
                // A dateline's words with letters are among its at most
                // `dateline_max_words` tokens: longer lines are none.
                let enabled =
                    !options.disables(Family::Dateline.name()) && features.words as usize <= th.dateline_max_words;
                (enabled && is_dateline(normalized, vocab, th)).then_some(Family::Dateline)
            })
            .or_else(|| phrase_family(&scratch.words, features.letters, vocab, th))
            .or_else(|| comment_byline.then_some(Family::CommentNotice));
    }
    let key = (rule.is_none() && features.letters as usize >= th.duplicate_min_letters).then(|| {
        let start = keys.len() as u32;
        keys.push_str(normalized);
        Key { hash: rustc_hash::FxBuildHasher.hash_one(normalized), start, end: keys.len() as u32 }
    });
    Analysed {
        len: if rule == Some(Family::IconString) { 0 } else { text.len() },
        icon_tail,
        rule,
        features,
        key,
        headline: !features.ends_terminal,
        list_item: is_list_item(text),
        comment_byline: comment_byline && rule == Some(Family::CommentNotice),
    }
}

/// Whether a line (normalised: lower case) can end in an icon run: it holds
/// "icon", or an underscore (Material Icons ligatures). Normalising only
/// lower-cases letters, so this is exact for the line as written.
fn may_end_in_icons(normalized: &str) -> bool {
    static ICON: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("icon"));
    memchr::memchr(b'_', normalized.as_bytes()).is_some() || ICON.find(normalized.as_bytes()).is_some()
}

/// Where an icon-font run starts, if the line ends with one: the byte offset
/// of its first name (0: the whole line is icon names).
///
/// An icon run is at least `icon_min_names` occurrences of "icon" ending a
/// name ("bookmarkicon", "icon fm", "moveicon-musicicon"; not "iconic"),
/// packed densely (`icon_max_bytes_per_name`), with no sentence end and
/// almost no stop words after the first of them. Compound Material Icons
/// ligatures ("keyboard_arrow_down") at the end of a line are a run as well.
fn icon_run_start(
    line: &str,
    vocab: &Vocabulary,
    th: &Thresholds,
    buffer: &mut (String, Vec<LineWord>),
) -> Option<usize> {
    let bytes = line.as_bytes();
    let mut names = Vec::new();
    let mut from = 0;
    // Found by their `c`, rarer in text than `i`.
    for c in memchr::memchr2_iter(b'c', b'C', bytes) {
        let Some(start) = c.checked_sub(1) else { continue };
        let end = start + 4;
        let is_icon = bytes.get(start..end).is_some_and(|w| w.eq_ignore_ascii_case(b"icon"));
        if is_icon && start >= from && bytes.get(end).is_none_or(|b| !b.is_ascii_alphabetic()) {
            names.push(start);
            from = end;
        }
    }
    // Walk the names from the last one back, growing the tail one segment
    // at a time (linear however many names), and keep the earliest start
    // whose tail is still a run.
    let (mut words, mut stopwords, mut best) = (0u32, 0u32, None);
    let mut segment_end = line.len();
    for (j, &start) in names.iter().enumerate().rev() {
        // A segment takes the icon name glued before "icon" ("in" of
        // "inicon" is a name, not a stop word), but not glued prose.
        let segment_start = glued_name_start(line, start, vocab).min(segment_end);
        let segment = &line[segment_start..segment_end];
        if has_inner_sentence_end(&line[segment_start..(segment_end + 1).min(line.len())]) {
            break;
        }
        let f = Features::measure(segment, vocab, &mut buffer.0, &mut buffer.1);
        (words, stopwords, segment_end) = (words + f.words, stopwords + f.stopwords, segment_start);
        let count = names.len() - j;
        let dense = line.len() - start <= count * th.icon_max_bytes_per_name;
        let prose = stopwords as f32 > th.icon_max_stopword_share * words as f32;
        if count >= th.icon_min_names && dense && !prose {
            best = Some(start);
        }
    }
    if let Some(start) = best {
        return Some(icon_words_before(line, glued_name_start(line, start, vocab), vocab));
    }
    material_run_start(line, vocab)
}

/// Moves a cut at "icon" back over the letters glued before it when they
/// are themselves an icon name ("bookmark|icon", "finish.bookmark|icon"),
/// not prose ("here|icon").
fn glued_name_start(line: &str, at: usize, vocab: &Vocabulary) -> usize {
    let glued_start =
        line[..at].char_indices().rev().find(|(_, c)| !c.is_alphanumeric()).map_or(0, |(i, c)| i + c.len_utf8());
    let glued = &line[glued_start..at];
    if !glued.is_empty() && vocab.is_icon_name(&glued.to_lowercase()) {
        glued_start
    } else {
        at
    }
}

/// Moves a cut back over the icon names standing as words right before it
/// ("sign" in "sign inicon", "full chevron" in "full chevron downicon").
fn icon_words_before(line: &str, cut: usize, vocab: &Vocabulary) -> usize {
    let mut cut = cut;
    for (at, word) in words_from_end(&line[..cut]) {
        let name = word.trim_matches(|c: char| c == '-' || c == '_').to_lowercase();
        if !vocab.is_icon_name(&name) {
            break;
        }
        cut = at;
    }
    cut
}

/// Start of a run of Material Icons ligatures ending the line: words such
/// as "expand_more" whose parts are all icon names.
fn material_run_start(line: &str, vocab: &Vocabulary) -> Option<usize> {
    let mut start = None;
    for (at, word) in words_from_end(line) {
        let ligature = word.contains('_')
            && word.to_ascii_lowercase().split('_').all(|part| !part.is_empty() && vocab.is_icon_name(part));
        if !ligature {
            break;
        }
        start = Some(at);
    }
    start
}

/// Whitespace-separated words of `line` from the last one back, with their offsets.
fn words_from_end(line: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = line.trim_end();
    std::iter::from_fn(move || {
        rest = rest.trim_end();
        if rest.is_empty() {
            return None;
        }
        let at = last_word_start(rest);
        let word = &rest[at..];
        rest = &rest[..at];
        Some((at, word))
    })
}

/// Byte offset where the last whitespace-separated word of `text` starts.
fn last_word_start(text: &str) -> usize {
    text.char_indices().rev().find(|(_, c)| c.is_whitespace()).map_or(0, |(i, c)| i + c.len_utf8())
}

/// A sentence mark followed by a space: the text holds more than a name list.
fn has_inner_sentence_end(text: &str) -> bool {
    text.as_bytes().windows(2).any(|w| matches!(w[0], b'.' | b'!' | b'?') && w[1] == b' ')
}

fn is_list_item(text: &str) -> bool {
    let t = text.trim_start();
    let mut chars = t.chars();
    match chars.next() {
        Some('-' | '*' | '•' | '·' | '–' | '—' | '▪' | '►' | '✓') => {
            chars.next().is_some_and(char::is_whitespace)
        }
        Some(c) if c.is_ascii_digit() => {
            let digits = t.bytes().take_while(u8::is_ascii_digit).count();
            let after = &t[digits..];
            digits <= 3 && (after.starts_with(". ") || after.starts_with(") "))
        }
        _ => false,
    }
}

/// A dateline: only numbers, month and weekday names and dateline words
/// ("Updated 17 Oct, 2025 01:54 GMT", "5 minutes ago", "2019-11-20").
fn is_dateline(normalized: &str, vocab: &Vocabulary, th: &Thresholds) -> bool {
    let (mut words, mut numbers, mut anchors, mut decor) = (0, 0, 0, 0);
    for token in dateline_tokens(normalized) {
        words += 1;
        if words > th.dateline_max_words {
            return false;
        }
        if token.starts_with(|c: char| c.is_ascii_digit()) {
            // Numbers, clock times and ordinals ("19th", "1er", "10h30").
            if token.chars().filter(|c| c.is_alphabetic()).count() > 2 {
                return false;
            }
            numbers += 1;
            anchors += usize::from(token.contains(':'));
            continue;
        }
        match vocab.date_word(token) {
            Some(DateWord::Month | DateWord::Weekday) => anchors += 1,
            Some(DateWord::Decor) => decor += 1,
            None => return false,
        }
    }
    numbers >= 1 && (anchors >= 1 || decor >= 2 || numbers >= 3)
}

/// The tokens of a (normalised) line as datelines split it: at white space
/// and at `,|•·/()[]-.;+`.
fn dateline_tokens(normalized: &str) -> impl Iterator<Item = &str> {
    const SEPARATES: [bool; 128] = {
        let mut table = [false; 128];
        let separators = b" \t\n\r\x0b\x0c,|/()[]-.;+";
        let mut i = 0;
        while i < separators.len() {
            table[separators[i] as usize] = true;
            i += 1;
        }
        table
    };
    normalized
        .split(|c: char| if c.is_ascii() { SEPARATES[c as usize] } else { matches!(c, '•' | '·') || c.is_whitespace() })
        .filter(|t| !t.is_empty())
}

/// A comment's byline: a short line ending in a comment verb and a colon
/// ("Alex on September 17, 2018 at 6:34 am said:", "Maria says:").
fn is_comment_byline(normalized: &str, vocab: &Vocabulary, th: &Thresholds) -> bool {
    let Some(head) = normalized.strip_suffix(':') else {
        return false;
    };
    let mut words = head.split_whitespace();
    let verb = words.next_back().is_some_and(|w| vocab.is_comment_verb(w));
    verb && words.count() < th.comment_byline_max_words
}

/// The family whose phrases make up the line, if they do (DESIGN.md,
/// "Phrase coverage").
/// `words` are the line's words, `total` its letter count.
fn phrase_family(words: &[LineWord], total: u32, vocab: &Vocabulary, th: &Thresholds) -> Option<Family> {
    if total == 0 {
        return None;
    }
    let mut by_family = [0u32; Family::ALL.len()];
    let mut multiword: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let Some((len, index)) = vocab.longest_phrase(&words[i..]) else {
            i += 1;
            continue;
        };
        let phrase = vocab.phrase(index);
        by_family[phrase.family as usize] += words[i..i + len].iter().map(|w| w.letters).sum::<u32>();
        if phrase.multiword && !multiword.contains(&index) {
            multiword.push(index);
        }
        i += len;
    }
    let covered: u32 = by_family.iter().sum();
    let coverage = covered as f32 / total as f32;
    let dropped =
        coverage >= th.phrase_coverage || (multiword.len() >= th.notice_min_phrases && coverage >= th.notice_coverage);
    if !dropped {
        return None;
    }
    let best = (0..by_family.len()).max_by_key(|&i| by_family[i])?;
    Some(Family::ALL[best])
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
        if a.rule.is_some() {
            // A comment byline after some prose opens the comment section.
            in_comments |= a.comment_byline && seen_prose;
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

/// Where the page's title comes again as the article's headline: the
/// first line no rule dropped is the title (a text export starts with the
/// page's `<title>`), minus a site name after a separator ("Title - Site");
/// the headline is the first later line that equals it.
fn repeated_title(analysed: &[&Analysed], keys: &Analysis, th: &Thresholds) -> Option<usize> {
    let first = analysed.iter().position(|a| a.rule.is_none())?;
    let title = keys.key(analysed[first])?.text;
    let title = [" | ", " - ", " – ", " — ", " :: ", " · "]
        .iter()
        .filter_map(|sep| title.rfind(sep).map(|at| &title[..at]))
        .max_by_key(|t| t.len())
        .filter(|t| t.chars().filter(|c| c.is_alphabetic()).count() >= th.duplicate_min_letters)
        .unwrap_or(title);
    let is_title = |a: &&Analysed| keys.key(a).is_some_and(|k| k.text == title);
    analysed.iter().enumerate().skip(first + 1).find(|(_, a)| is_title(a)).map(|(i, _)| i)
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

/// Drops lines whose text was already kept once. Without `keep_title`, a
/// headline that occurs more than once is dropped everywhere.
fn drop_repeats(decisions: &mut [Decision], analysed: &[&Analysed], keys: &Analysis, options: &Options) {
    let mut headlines = KeyedCounts::default();
    if !options.keep_title {
        for key in analysed.iter().filter(|a| a.headline).filter_map(|a| keys.key(a)) {
            *headlines.entry(key).or_default() += 1;
        }
    }
    let mut kept = KeyedSet::with_capacity_and_hasher(analysed.len(), Default::default());
    for (d, a) in decisions.iter_mut().zip(analysed) {
        let Some(key) = keys.key(a).filter(|_| d.kept_len > 0) else {
            continue;
        };
        let repeated_headline = headlines.get(&key).is_some_and(|&n| n > 1);
        if repeated_headline || !kept.insert(key) {
            *d = Decision { reason: Reason::Rule(Family::Duplicate), kept_len: 0, icon_tail: d.icon_tail };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab() -> Vocabulary {
        Vocabulary::new(&Options::default()).unwrap()
    }

    #[test]
    fn icon_runs_table() {
        let v = vocab();
        let th = Thresholds::default();
        let cases: &[(&str, Option<&str>)] = &[
            ("icon bookmark-bicon bookmarkicon cameraicon checkicon chevron downicon fm", Some("")),
            (
                "Read the full article hereicon bookmark-bicon bookmarkicon cameraicon",
                Some("Read the full article here"),
            ),
            ("Menu bookmarkicon closeicon searchicon", Some("")),
            ("Our menu: soup bookmarkicon closeicon searchicon", Some("Our menu: soup ")),
            // Regression: names glued to stop words ("inicon", "upicon") are not prose.
            ("sign inicon sign upicon twicon", Some("")),
            // Regression: the prose word a run is glued to ("mal.icon") is not part of the run.
            (
                "Der Rat stimmte zum zweiten Mal.icon bookmark-bicon bookmarkicon cameraicon checkicon",
                Some("Der Rat stimmte zum zweiten Mal."),
            ),
            // Regression: a name glued to a sentence end ("finish.bookmarkicon").
            ("It will finish.bookmarkicon closeicon searchicon", Some("It will finish.")),
            ("Silicon Valley's iconic icons and its icon designers", None),
            ("The icon, the icon and the icon.", None),
            ("Plain sentence without any of it.", None),
            ("Read more keyboard_arrow_down", Some("Read more ")),
            ("expand_more", Some("")),
            ("share_price rose", None),
            // Regression: a no-break space before the last word is two bytes long.
            ("Selera di\u{a0}Jogja", None),
            ("Soup\u{a0}bookmarkicon closeicon searchicon", Some("Soup\u{a0}")),
            ("Read\u{a0}expand_more", Some("Read\u{a0}")),
        ];
        for (line, want) in cases {
            let got = icon_run_start(line, &v, &th, &mut Default::default()).map(|at| &line[..at]);
            assert_eq!(got, *want, "line {line:?}");
        }
    }

    #[test]
    fn datelines_table() {
        let v = vocab();
        let th = Thresholds::default();
        let cases = [
            ("17 oct, 2025 01:54", true),
            ("updated 5 minutes ago", true),
            ("nov 19, 2019, 10:31 pm cst", true),
            ("2019-11-20", true),
            ("monday, 3 march 2014", true),
            ("3 min read", true),
            ("aktualisiert am 3. märz 2014 um 10:31 uhr", true),
            ("2019", false),
            ("page 2", false),
            ("12 comments", false),
            ("may the best team win on 5 june", false),
            ("chris davies - nov 19, 2019", false),
        ];
        for (line, want) in cases {
            assert_eq!(is_dateline(line, &v, &th), want, "line {line:?}");
        }
    }

    #[test]
    fn phrase_families_table() {
        let v = vocab();
        let th = Thresholds::default();
        let cases: &[(&str, Option<Family>)] = &[
            ("you can share this story on social media:", Some(Family::SharePrompt)),
            ("share on facebook", Some(Family::SharePrompt)),
            ("3.2k shares", Some(Family::SharePrompt)),
            ("12 comments", Some(Family::CommentNotice)),
            ("podcasts", Some(Family::MediaWidget)),
            ("advertisement", Some(Family::Advertisement)),
            ("we use cookies to improve your experience. accept all", Some(Family::CookieNotice)),
            ("sign up for our newsletter", Some(Family::Newsletter)),
            ("dear readers! thank you for your vibrant engagement with our content and for sharing your points of view. please note that we have switched to a new commenting system. to leave comments, you will need to register. please check our commenting policy", Some(Family::CommentNotice)),
            ("share prices rose sharply on monday.", None),
            ("the podcast, which launched in 2019, now has millions of listeners.", None),
            ("readers left a comment on the cookie recipe, and the chef answered every one.", None),
            ("displaying the replay of the game", None),
        ];
        for (line, want) in cases {
            let mut words = Vec::new();
            let f = Features::measure(line, &v, &mut String::new(), &mut words);
            assert_eq!(phrase_family(&words, f.letters, &v, &th), *want, "line {line:?}");
        }
    }

    #[test]
    fn max_stretch_table() {
        let cases: &[(&[f32], Option<(usize, usize)>)] = &[
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

    #[test]
    fn list_items_table() {
        let cases = [
            ("- item", true),
            ("• item", true),
            ("12. item", true),
            ("3) item", true),
            ("-5 degrees", false),
            ("2019. A year", false),
            ("plain", false),
        ];
        for (line, want) in cases {
            assert_eq!(is_list_item(line), want, "line {line:?}");
        }
    }
}
