//! The line model: which lines of a whole page's text are its main content
//! (DESIGN.md, "The line model").
//!
//! Every line is measured ([`line_features`]: its own counts, its residue
//! hits, where it lies, what surrounds it) and scored by a forest of
//! boosted trees ([`Forest`]). A second forest reads the first one's scores
//! around the line ([`context_features`]): content comes in runs, so a line
//! among content is likelier content. Whether a text is a whole page's at
//! all is an additive model over the text's features ([`Additive`]: each
//! feature's value falls in a bin, each bin adds a weight). The trees and
//! weights are data, `data/text/model.txt`, written by
//! `benches/train_text_model.py`.

use std::sync::OnceLock;

use crate::config::Thresholds;
use crate::forest::{bias, log1p, logistic, numbers, Forest, Matrix, Prefix, Sections};
use crate::normalize::{bytes_between, count_bytes, joins_word};
use crate::text::repeats::{self, Keys};
use crate::text::residue::Analysed;
use crate::text::segment::Line;
use crate::text::stretch::{prose_stretch, StretchLine};
use crate::vocab::Family;

const MODEL: &str = include_str!("../../data/text/model.txt");

/// The families whose hits are features, in order: all but the two that
/// are no line's own finding (a repeat, a user's rule).
fn hit_families() -> &'static [Family] {
    let (hits, rest) = Family::ALL.split_at(Family::ALL.len() - 2);
    debug_assert_eq!(rest, [Family::Duplicate, Family::UserRule]);
    hits
}

/// The per-line columns that the window means average, in order.
const WINDOWED: [&str; 6] = ["words", "stop_share", "short", "hit", "in_stretch", "ends_terminal"];
/// The half-widths of the windows over the line columns.
const LINE_WINDOWS: [usize; 4] = [1, 3, 10, 30];
/// The lines before or after a line that one-sided means average.
const SIDE_WINDOW: usize = 3;
/// The half-widths of the windows over the first model's scores.
const SCORE_WINDOWS: [usize; 5] = [1, 2, 5, 10, 25];
/// The lines before or after a line that one-sided means of scores average.
const SCORE_SIDE_WINDOWS: [usize; 2] = [3, 10];

/// The names of the first model's features, in column order.
pub fn line_feature_names() -> &'static [String] {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let own = [
            "chars",
            "words",
            "letter_share",
            "digit_share",
            "capital_share",
            "stop_share",
            "sentences",
            "ends_terminal",
            "ends_colon",
            "continues",
            "ends_open",
            "list_item",
            "table_row",
            "code",
            "headline",
            "punct_share",
            "word_length",
        ];
        let page = [
            "comment_byline",
            "position",
            "from_start",
            "from_end",
            "paragraph_start",
            "repeats",
            "short_run",
            "in_stretch",
            "prose_class",
            "prose_before",
            "lines",
            "unit_words",
            "unit_stop_share",
            "unit_sentences",
            "unit_lines",
            "words_vs_page",
            "title_repeat",
        ];
        let mut names: Vec<String> = own.iter().map(|s| s.to_string()).collect();
        names.extend(hit_families().iter().map(|f| format!("hit_{}", f.name())));
        names.extend(page.iter().map(|s| s.to_string()));
        for w in LINE_WINDOWS {
            names.extend(WINDOWED.iter().map(|c| format!("{c}_mean{w}")));
        }
        for side in ["before", "after"] {
            names.extend(WINDOWED.iter().map(|c| format!("{c}_{side}{SIDE_WINDOW}")));
        }
        names
    })
}

/// The names of the second model's features: the first model's, then its
/// score and the scores around the line.
pub fn context_feature_names() -> &'static [String] {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut names = line_feature_names().to_vec();
        names.push("score".to_owned());
        names.extend(SCORE_WINDOWS.iter().map(|w| format!("score_mean{w}")));
        names
            .extend(["score_max_before", "score_max_after", "score_page_mean", "score_vs_page_max"].map(str::to_owned));
        for w in SCORE_SIDE_WINDOWS {
            names.extend([format!("score_before{w}"), format!("score_after{w}")]);
        }
        names
    })
}

/// The names of the regime model's features (one row per text): the
/// line count, the first line's words, the longest run of low-scored
/// lines (in lines, log), the lowest and median line score, whether the
/// first line comes again as a headline, then the mean
/// of each [`REGIME_COLUMNS`] column over all lines, the first
/// `REGIME_EDGE` lines and the last.
pub fn regime_feature_names() -> &'static [String] {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut names: Vec<String> =
            ["lines", "first_words", "longest_low_run", "score_min", "score_median", "title_repeated"]
                .map(str::to_owned)
                .to_vec();
        for part in ["", "_head", "_tail"] {
            names.extend(REGIME_COLUMNS.iter().map(|c| format!("{c}{part}")));
        }
        names
    })
}

/// Per-line columns the regime model averages: a score above 0.5, the
/// score, any hit, a strong hit, a score below `LOW_SCORE`, a short line,
/// prose, in the prose stretch, a repeated line.
const REGIME_COLUMNS: [&str; 9] =
    ["content", "score", "hit", "strong_hit", "low", "short", "prose", "in_stretch", "repeated"];
/// How many lines at each end the head and tail means cover.
const REGIME_EDGE: usize = 10;
/// A line scored below this is surely not content.
const LOW_SCORE: f32 = 0.2;

/// The most edges a feature's bins may have (the trainer's 16 bins have 15).
const MAX_EDGES: usize = 16;

/// One feature's term: `weights[k]` is added when `k` of the `edges` are
/// at or below the value. Edges past the feature's own are NaN (never at
/// or below a value), so a bin is one fixed-width count the compiler turns
/// into vector compares.
#[derive(Clone, Debug, PartialEq)]
struct Term {
    edges: [f32; MAX_EDGES],
    weights: [f32; MAX_EDGES + 1],
}

impl Term {
    fn new(edges: &[f32], weights: &[f32]) -> Term {
        let mut term = Term { edges: [f32::NAN; MAX_EDGES], weights: [0.0; MAX_EDGES + 1] };
        term.edges[..edges.len()].copy_from_slice(edges);
        term.weights[..weights.len()].copy_from_slice(weights);
        term
    }

    /// How many edges lie at or below `x` (0 for NaN).
    fn bin(&self, x: f32) -> usize {
        self.edges.iter().map(|&e| usize::from(e <= x)).sum()
    }
}

/// An additive logistic model over binned features.
#[derive(Clone, Debug, PartialEq)]
pub struct Additive {
    bias: f32,
    terms: Vec<Term>,
}

impl Additive {
    /// The probability the model gives `row` (one value per feature).
    pub fn probability(&self, row: &[f32]) -> f32 {
        logistic(self.bias + self.terms.iter().zip(row).map(|(term, &x)| term.weights[term.bin(x)]).sum::<f32>())
    }
}

/// The models and their cut-offs, as `data/text/model.txt` holds them.
#[derive(Clone, Debug, PartialEq)]
pub struct LineModel {
    pub lines: Forest,
    pub context: Forest,
    pub regime: Additive,
    /// A line of a page's text is content when the second model gives it more.
    pub keep: f32,
    /// A text is a whole page's when the regime model gives it more.
    pub page: f32,
}

impl LineModel {
    /// The model compiled in.
    pub fn builtin() -> &'static LineModel {
        static BUILTIN: OnceLock<LineModel> = OnceLock::new();
        BUILTIN.get_or_init(|| LineModel::parse(MODEL).expect("data/text/model.txt is valid (tested)"))
    }

    /// Reads a model file: sections `[lines]` and `[context]` of trees
    /// ([`forest`]), `[regime]` of `name<TAB>edges<TAB>weights` rows (a
    /// `bias<TAB>value` row first, the features in the order the code
    /// computes them), and `[thresholds]` with `keep` and `page`.
    pub fn parse(text: &str) -> Result<LineModel, String> {
        let sections = Sections::parse(text)?;
        let (keep, page) = (sections.threshold("keep")?, sections.threshold("page")?);
        Ok(LineModel {
            lines: sections.forest("lines", line_feature_names())?,
            context: sections.forest("context", context_feature_names())?,
            regime: additive(sections.get("regime")?, regime_feature_names()).map_err(|e| format!("[regime]: {e}"))?,
            keep,
            page,
        })
    }
}

fn additive(rows: &[&str], names: &[String]) -> Result<Additive, String> {
    let bias = bias(rows)?;
    let rest = &rows[1..];
    if rest.len() != names.len() {
        return Err(format!("{} features, the code computes {}", rest.len(), names.len()));
    }
    let mut terms = Vec::with_capacity(names.len());
    for (row, name) in rest.iter().zip(names) {
        let fields: Vec<&str> = row.split('\t').collect();
        let [found, edges, weights] = fields[..] else {
            return Err(format!("{name}: not name<TAB>edges<TAB>weights"));
        };
        if found != name {
            return Err(format!("{found} where the code computes {name}"));
        }
        let (edges, weights) = (numbers(edges)?, numbers(weights)?);
        if weights.len() != edges.len() + 1
            || edges.len() > MAX_EDGES
            || edges.iter().any(|e| !e.is_finite())
            || edges.windows(2).any(|w| w[0].partial_cmp(&w[1]) != Some(std::cmp::Ordering::Less))
        {
            return Err(format!("{name}: edges must be finite and rise, at most {MAX_EDGES}, and weights be one more"));
        }
        terms.push(Term::new(&edges, &weights));
    }
    Ok(Additive { bias, terms })
}

fn share(part: u32, whole: u32) -> f32 {
    if whole == 0 {
        0.0
    } else {
        part as f32 / whole as f32
    }
}

/// Counts of a line's characters that [`crate::text::features::Features`] leaves out.
#[derive(Debug, Default, PartialEq)]
struct Characters {
    visible: u32,
    digits: u32,
    punctuation: u32,
    alpha_words: u32,
    capitalised: u32,
}

/// Classes of a character, as bits: visible (not white space), digit,
/// letter or digit, letter, upper case.
const VISIBLE: u8 = 1;
const DIGIT: u8 = 2;
const ALNUM: u8 = 4;
const ALPHA: u8 = 8;
const UPPER: u8 = 16;

/// The classes of the ASCII characters (white space as
/// `char::is_whitespace` reads ASCII: space and `\t..=\r`).
static ASCII_CLASSES: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = match b as u8 {
            b' ' | b'\t'..=b'\r' => 0,
            b'0'..=b'9' => VISIBLE | DIGIT | ALNUM,
            b'a'..=b'z' => VISIBLE | ALNUM | ALPHA,
            b'A'..=b'Z' => VISIBLE | ALNUM | ALPHA | UPPER,
            _ => VISIBLE,
        };
        b += 1;
    }
    table
};

/// The classes of a character, without the standard library's tables for
/// the ranges met most: Latin-1's letters, Cyrillic's basic letters, the
/// general punctuation block, CJK ideographs and Hangul syllables.
fn classes(ch: char) -> u8 {
    const LETTER: u8 = VISIBLE | ALNUM | ALPHA;
    match ch as u32 {
        0..=0x7F => ASCII_CLASSES[ch as usize],
        0xC0..=0xDE if ch != '\u{D7}' => LETTER | UPPER,
        0xDF..=0xFF if ch != '\u{F7}' => LETTER,
        0x400..=0x42F => LETTER | UPPER,
        0x430..=0x45F => LETTER,
        0x2000..=0x206F => u8::from(!ch.is_whitespace()) * VISIBLE,
        0x4E00..=0x9FFF | 0xAC00..=0xD7A3 => LETTER,
        _ => classes_by_tables(ch),
    }
}

fn classes_by_tables(ch: char) -> u8 {
    let mut class = 0;
    if !ch.is_whitespace() {
        class |= VISIBLE;
    }
    if ch.is_ascii_digit() {
        class |= DIGIT;
    }
    if ch.is_alphabetic() {
        class |= ALNUM | ALPHA;
        if ch.is_uppercase() {
            class |= UPPER;
        }
    } else if ch.is_numeric() || joins_word(ch) {
        // A mark on a letter is neither punctuation nor a word's start.
        class |= ALNUM;
    }
    class
}

/// [`Characters`] of `text`: its ASCII runs eight bytes at a time
/// ([`Tally::ascii`]), the characters between them one by one.
fn characters(text: &str) -> Characters {
    let mut tally = Tally::default();
    let mut rest = text;
    while !rest.is_empty() {
        rest = &rest[tally.ascii(rest.as_bytes())..];
        let others = rest.bytes().position(|b| b.is_ascii()).unwrap_or(rest.len());
        rest[..others].chars().for_each(|ch| tally.char(ch));
        rest = &rest[others..];
    }
    tally.counts
}

/// [`Characters`] counted so far, and whether the last character counted
/// was a letter or digit (so that a letter next continues its word).
#[derive(Default)]
struct Tally {
    counts: Characters,
    in_word: bool,
}

/// The high bit of every byte of a `u64`.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

impl Tally {
    /// Counts one character, by its [`classes`].
    fn char(&mut self, ch: char) {
        let c = &mut self.counts;
        let class = classes(ch);
        let visible = u32::from(class & VISIBLE);
        c.visible += visible;
        c.digits += u32::from(class & DIGIT != 0);
        c.punctuation += visible & u32::from(class & ALNUM == 0);
        let word_start = class & ALPHA != 0 && !self.in_word;
        c.alpha_words += u32::from(word_start);
        c.capitalised += u32::from(word_start && class & UPPER != 0);
        self.in_word = class & ALNUM != 0;
    }

    /// Counts the ASCII bytes that `bytes` starts with, eight at a time,
    /// and says how many they are: each class is a mask of the bytes' high
    /// bits ([`bytes_between`]), a word's start a letter whose byte before
    /// is no letter or digit (the mask shifted by a byte, the last byte of
    /// the eight before carried in). The eight bytes that end the run are
    /// padded with spaces, which count for nothing but white space.
    fn ascii(&mut self, bytes: &[u8]) -> usize {
        let (mut spaces, mut digits, mut alnums, mut starts, mut capitalised) = (0u32, 0u32, 0u32, 0u32, 0u32);
        let mut alnum_before = u64::from(self.in_word) << 7;
        let (mut read, mut steps) = (0, 0u32);
        loop {
            let eight = &bytes[read..bytes.len().min(read + 8)];
            let mut padded = [b' '; 8];
            padded[..eight.len()].copy_from_slice(eight);
            let mut x = u64::from_le_bytes(padded);
            let high = x & HIGH_BITS;
            let ascii = if high == 0 { eight.len() } else { high.trailing_zeros() as usize / 8 };
            if high != 0 {
                // The run ends in these eight: the bytes from its end on
                // become spaces too ([`bytes_between`] reads ASCII only).
                let kept = (1u64 << (8 * ascii)) - 1;
                x = (x & kept) | (u64::from_le_bytes([b' '; 8]) & !kept);
            }
            let space = bytes_between(x, b' ', b' ') | bytes_between(x, b'\t', b'\r');
            let digit = bytes_between(x, b'0', b'9');
            let upper = bytes_between(x, b'A', b'Z');
            let alpha = upper | bytes_between(x, b'a', b'z');
            let alnum = alpha | digit;
            let start = alpha & !((alnum << 8) | alnum_before);
            alnum_before = alnum >> 56;
            spaces += count_bytes(space);
            digits += count_bytes(digit);
            alnums += count_bytes(alnum);
            starts += count_bytes(start);
            capitalised += count_bytes(start & upper);
            read += ascii;
            steps += 1;
            if ascii < 8 {
                break;
            }
        }
        let visible = 8 * steps - spaces;
        let c = &mut self.counts;
        c.visible += visible;
        c.digits += digits;
        c.punctuation += visible - alnums;
        c.alpha_words += starts;
        c.capitalised += capitalised;
        if read > 0 {
            self.in_word = bytes[read - 1].is_ascii_alphanumeric();
        }
        read
    }
}

/// A line of at most this many words is short.
const SHORT_WORDS: u32 = 3;

fn is_short(a: &Analysed) -> bool {
    a.features.words <= SHORT_WORDS
}

fn is_prose(a: &Analysed, th: &Thresholds) -> bool {
    a.features.words as usize >= th.prose_min_words && a.features.stopword_share() >= th.prose_min_stopword_share
}

/// What the models read of a text: the headline that repeats its first
/// line, the prose stretch, and the first model's features of every line.
pub struct Reading {
    pub title: Option<usize>,
    pub stretch: Vec<StretchLine>,
    pub x: Matrix,
}

/// Reads `lines` for the models (`analysed[i]` is the analysis of `lines[i]`).
pub fn read(lines: &[Line<'_>], analysed: &[&Analysed], keys: &Keys, keep_title: bool, th: &Thresholds) -> Reading {
    // The headline that repeats the text's first line (an export opens with the page's title).
    let title = repeats::repeated_title(analysed, keys, th);
    let stretch = prose_stretch(lines, analysed, title, keep_title, th);
    let x = line_features(lines, analysed, &stretch, title, keys, th);
    Reading { title, stretch, x }
}

/// The first model's features of every line (`analysed[i]` and
/// `stretch[i]` are what the rules and the prose stretch found of
/// `lines[i]`; `title` is the line that repeats the first).
fn line_features(
    lines: &[Line<'_>],
    analysed: &[&Analysed],
    stretch: &[StretchLine],
    title: Option<usize>,
    keys: &Keys,
    th: &Thresholds,
) -> Matrix {
    let n = lines.len();
    let names = line_feature_names();
    // Written a row at a time below (the window columns after), so not zeroed first.
    let mut m = Matrix { columns: names.len(), data: Vec::with_capacity(n * names.len()) };
    let counts = repeats::counts(analysed, keys);
    let prose_total = analysed.iter().filter(|a| is_prose(a, th)).count();
    let mut prose_seen = 0usize;
    // The length of the run of short lines each line is in.
    let mut short_run = vec![0usize; n];
    let mut start = 0;
    for i in 0..=n {
        if i == n || !is_short(analysed[i]) {
            for r in &mut short_run[start..i] {
                *r = i - start;
            }
            start = i + 1;
        }
    }
    // Each line's values of the windowed columns, in [`WINDOWED`] order.
    let mut windowed: Vec<[f32; WINDOWED.len()]> = Vec::with_capacity(n);
    let mut row: Vec<f32> = Vec::with_capacity(names.len());
    for (i, ((line, a), s)) in lines.iter().zip(analysed).zip(stretch).enumerate() {
        let f = &a.features;
        let (words, stop_share, short, prose) =
            (log1p(f.words as usize), f.stopword_share(), is_short(a), is_prose(a, th));
        let text = &line.text[..a.len];
        let c = characters(text);
        let last = text.trim_end().chars().next_back();
        row.clear();
        row.extend([
            log1p(c.visible as usize),
            words,
            share(f.letters, c.visible),
            share(c.digits, c.visible),
            share(c.capitalised, c.alpha_words),
            stop_share,
            log1p(f.sentence_ends as usize),
            f32::from(f.ends_terminal),
            f32::from(last == Some(':')),
            f32::from(f.continues),
            f32::from(f.ends_open),
            f32::from(a.list_item),
            f32::from(a.table_row),
            f32::from(!a.plain),
            f32::from(a.headline),
            share(c.punctuation, c.visible),
            share(f.letters, f.words),
        ]);
        row.extend(hit_families().iter().map(|&family| match a.hit {
            Some(hit) if hit.family == family => {
                if hit.strong {
                    1.0
                } else {
                    0.5
                }
            }
            _ => 0.0,
        }));
        let repeats = keys.of(a).and_then(|k| counts.get(&k)).copied().unwrap_or(1);
        row.extend([
            f32::from(a.comment_byline),
            if n > 1 { i as f32 / (n - 1) as f32 } else { 0.0 },
            log1p(i),
            log1p(n - 1 - i),
            f32::from(line.paragraph_start),
            if repeats > 1 { (repeats as f32).ln() } else { 0.0 },
            log1p(short_run[i]),
            f32::from(s.inside),
            f32::from(s.class),
            if prose_total > 0 { prose_seen as f32 / prose_total as f32 } else { 0.0 },
            log1p(n),
            log1p(s.unit.words as usize),
            s.unit.stopword_share(),
            log1p(s.unit.sentence_ends as usize),
            log1p(s.unit_lines as usize),
            0.0, // words_vs_page, once the page's mean is known
            f32::from(title == Some(i)),
        ]);
        prose_seen += usize::from(prose);
        let own = [
            words,
            stop_share,
            f32::from(short),
            f32::from(a.hit.is_some()),
            f32::from(s.inside),
            f32::from(f.ends_terminal),
        ];
        windowed.push(own);
        m.data.extend_from_slice(&row);
        m.data.resize(m.data.len() + m.columns - row.len(), 0.0);
    }
    let words_mean = windowed.iter().map(|own| own[0]).sum::<f32>() / n.max(1) as f32;
    let vs_page = names.iter().position(|c| c == "words_vs_page").expect("a line feature");
    // The window means, a row at a time: each window's bounds once for
    // all its columns.
    let prefix = Prefix::of_rows(windowed.iter().copied());
    let first = names.len() - (LINE_WINDOWS.len() + 2) * WINDOWED.len();
    for (i, (row, own)) in m.data.chunks_exact_mut(m.columns).zip(&windowed).enumerate() {
        row[vs_page] = own[0] - words_mean;
        let means = LINE_WINDOWS
            .map(|w| prefix.window(i, w))
            .into_iter()
            .chain([false, true].map(|after| prefix.side(i, SIDE_WINDOW, after)));
        for (to, means) in row[first..].chunks_exact_mut(WINDOWED.len()).zip(means) {
            to.copy_from_slice(&means);
        }
    }
    m
}

/// The second model's features: `x` (the first model's) and the first
/// model's scores `p` around each line.
pub fn context_features(x: &Matrix, p: &[f32]) -> Matrix {
    let scores = score_features(p);
    let mut m = Matrix::new(p.len(), x.columns + scores.columns);
    for (i, row) in m.data.chunks_exact_mut(m.columns).enumerate() {
        context_row(x, &scores, i, row);
    }
    m
}

/// Row `i` of [`context_features`], from `x` and [`score_features`].
fn context_row(x: &Matrix, scores: &Matrix, i: usize, row: &mut [f32]) {
    row[..x.columns].copy_from_slice(x.row(i));
    row[x.columns..].copy_from_slice(scores.row(i));
}

/// The second model's features past the first model's: the line's score
/// and the scores around it.
fn score_features(p: &[f32]) -> Matrix {
    let n = p.len();
    let columns = context_feature_names().len() - line_feature_names().len();
    let mut m = Matrix::new(n, columns);
    m.set_column(0, p.iter().copied());
    let prefix = Prefix::new(p);
    let mut j = 1;
    for w in SCORE_WINDOWS {
        m.set_column(j, prefix.window_means(w));
        j += 1;
    }
    let running_max = |max: &mut f32, &v: &f32| {
        *max = max.max(v);
        Some(*max)
    };
    let before: Vec<f32> = p.iter().scan(0.0f32, running_max).collect();
    let mut after: Vec<f32> = p.iter().rev().scan(0.0f32, running_max).collect();
    after.reverse();
    m.set_column(j, before);
    m.set_column(j + 1, after);
    let mean = if n > 0 { p.iter().sum::<f32>() / n as f32 } else { 0.0 };
    m.set_column(j + 2, std::iter::repeat_n(mean, n));
    let max = p.iter().copied().fold(0.0f32, f32::max);
    m.set_column(j + 3, p.iter().map(|&v| if max > 0.0 { v / max } else { 0.0 }));
    j += 4;
    for w in SCORE_SIDE_WINDOWS {
        m.set_column(j, prefix.side_means(w, false));
        m.set_column(j + 1, prefix.side_means(w, true));
        j += 2;
    }
    debug_assert_eq!(j, columns);
    m
}

/// Each line's probability of being content: the first forest over the
/// line's features, then the second over them and the first one's scores
/// around the line ([`context_features`], a row at a time: the second
/// model's matrix is never held whole, so a long text's lines take half
/// the memory).
pub fn line_scores(model: &LineModel, x: &Matrix) -> Vec<f32> {
    let scores = score_features(&model.lines.probabilities(x));
    model.context.probabilities_of(x.rows(), |i, row| context_row(x, &scores, i, row))
}

/// The regime model's features of a text ([`regime_feature_names`]) from
/// its lines' features `x` and scores `p`.
pub fn regime_features(x: &Matrix, p: &[f32], th: &Thresholds) -> Vec<f32> {
    let n = p.len();
    let names = line_feature_names();
    let col = |name: &str| names.iter().position(|c| c == name).expect("a line feature");
    let first_hit = names.iter().position(|c| c.starts_with("hit_")).expect("hit features");
    let (words, stop, stretch, repeats) = (col("words"), col("stop_share"), col("in_stretch"), col("repeats"));
    let title = col("title_repeat");
    let columns: Vec<[f32; REGIME_COLUMNS.len()]> = (0..n)
        .map(|i| {
            let row = x.row(i);
            let hits = &row[first_hit..first_hit + hit_families().len()];
            [
                f32::from(p[i] > 0.5),
                p[i],
                f32::from(hits.iter().any(|&h| h > 0.0)),
                f32::from(hits.iter().any(|&h| h >= 1.0)),
                f32::from(p[i] < LOW_SCORE),
                // As is_short and is_prose read a line, from its columns.
                f32::from(row[words] <= log1p(SHORT_WORDS as usize)),
                f32::from(row[words] >= log1p(th.prose_min_words) && row[stop] >= th.prose_min_stopword_share),
                row[stretch],
                f32::from(row[repeats] > 0.0),
            ]
        })
        .collect();
    let (mut longest, mut run) = (0usize, 0usize);
    for &v in p {
        run = if v < LOW_SCORE { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let mut sorted = p.to_vec();
    sorted.sort_by(f32::total_cmp);
    let mut out = vec![
        log1p(n),
        if n > 0 { x.row(0)[words] } else { 0.0 },
        log1p(longest),
        sorted.first().copied().unwrap_or(0.0),
        sorted.get(n / 2).copied().unwrap_or(0.0),
        (0..n).map(|i| x.row(i)[title]).fold(0.0f32, f32::max),
    ];
    let edge = n.min(REGIME_EDGE);
    for range in [0..n, 0..edge, n - edge..n] {
        let len = range.len().max(1) as f32;
        for j in 0..REGIME_COLUMNS.len() {
            out.push(columns[range.clone()].iter().map(|c| c[j]).sum::<f32>() / len);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_scores_a_row_at_a_time_are_the_matrix_ones() {
        let model = LineModel::builtin();
        let columns = line_feature_names().len();
        // 150 rows: two whole blocks of the forest's and a part, values over the thresholds' range.
        let x = Matrix { columns, data: (0..columns * 150).map(|k| ((k * 7919) % 101) as f32 / 25.0 - 1.0).collect() };
        let p1 = model.lines.probabilities(&x);
        assert_eq!(line_scores(model, &x), model.context.probabilities(&context_features(&x, &p1)));
    }

    #[test]
    fn the_builtin_model_parses() {
        LineModel::parse(MODEL).unwrap();
    }

    #[test]
    fn character_classes_agree_with_the_standard_library() {
        // The ranges `classes` reads by itself; elsewhere it asks the tables.
        let fast = [0..=0x7F, 0xC0..=0xFF, 0x400..=0x45F, 0x2000..=0x206F, 0x4E00..=0x9FFF, 0xAC00..=0xD7A3];
        for ch in fast.into_iter().flatten().filter_map(char::from_u32) {
            assert_eq!(classes(ch), classes_by_tables(ch), "{ch:?} U+{:04X}", ch as u32);
        }
    }

    /// [`Characters`] of `text` counted a character at a time.
    fn one_by_one(text: &str) -> Characters {
        let mut tally = Tally::default();
        text.chars().for_each(|ch| tally.char(ch));
        tally.counts
    }

    #[test]
    fn ascii_runs_are_counted_as_any_other_characters() {
        let long = "Seven words, then 12 more; A9b c\td\x0bE f_G7 hI j. ".repeat(3);
        let mixed = "Ça va, Éric? Ünïcödé 42é9 «Quoted» Москва 2024 год, 東京 abcdefgh\u{301}ij — x".repeat(2);
        let cases =
            ["", " ", "a", "é", "Hello, World! 42 times.", "\tx9Y  _z-Q\r\x0b\x0c\x1f~", "1a A1 aA b'C", "abcdefgh"];
        // Every split of the long lines: words across the eight-byte steps
        // and across the non-ASCII characters.
        let splits = [&long, &mixed].into_iter().flat_map(|t| t.char_indices().map(|(k, _)| &t[k..]));
        for text in cases.into_iter().chain(splits) {
            assert_eq!(characters(text), one_by_one(text), "{text:?}");
        }
    }

    #[test]
    fn a_mark_on_a_letter_is_its_words_not_punctuation() {
        // (text, words, punctuation): a virama, a Thai tone mark and a
        // combining accent neither start a word nor count as punctuation.
        let cases = [("प्रधानमंत्री ने कहा", 3, 0), ("ข่าวไม่ใช่ ข่าว", 2, 0), ("Cafe\u{301} noir.", 2, 1)];
        for (text, words, punctuation) in cases {
            let c = characters(text);
            assert_eq!((c.alpha_words, c.punctuation), (words, punctuation), "{text:?}");
        }
    }
    #[test]
    fn bins_count_the_edges_at_or_below() {
        let model = Additive { bias: 0.0, terms: vec![Term::new(&[1.0, 2.0], &[-9.0, 0.0, 9.0])] };
        let cases =
            [(0.5, -9.0), (1.0, 0.0), (1.5, 0.0), (2.0, 9.0), (7.0, 9.0), (f32::NAN, -9.0), (f32::INFINITY, 9.0)];
        for (x, z) in cases {
            let want = 1.0 / (1.0 + (-z as f32).exp());
            assert_eq!(model.probability(&[x]), want, "x {x}");
        }
    }

    #[test]
    fn bad_model_files_are_refused() {
        let cases = [
            ("", "no [thresholds]"),
            ("stray\n", "before any section"),
            ("[thresholds]\nkeep\t0.5\npage\t0.5\n", "no [lines]"),
        ];
        for (text, want) in cases {
            let err = LineModel::parse(text).unwrap_err();
            assert!(err.contains(want), "{text:?}: {err}");
        }
        // Edits of the compiled-in file: a line of it replaced (the first
        // that starts with `from` after `after`).
        let edit = |from: &str, to: &str, after: &str| {
            let at = MODEL.find(after).unwrap();
            let at = at + MODEL[at..].find(from).unwrap();
            let end = at + MODEL[at..].find('\n').unwrap();
            format!("{}{to}{}", &MODEL[..at], &MODEL[end..])
        };
        let edits = [
            (edit("depth\t", "depth\t13", "[lines]"), "1 to 12 levels"),
            (edit("depth\t", "depth\t0", "[context]"), "1 to 12 levels"),
            (edit("features\t", "features\twords chars", "[lines]"), "not the code's columns"),
            (edit("tree\t", "tree\t1 2 3\t0 0 0\t0 0 0 0", "[lines]"), "splits and"),
            (edit("tree\t", "tree\t1 2 3 4 5 6\t0 0 0 0 0 0\t0 0 0 0", "[lines]"), "splits and"),
            (edit("tree\t", "tree\t9999\t0\t0 0", "[context]"), "not a column"),
            (edit("tree\t", "tree\t0 0", "[lines]"), "not tree<TAB>"),
            (edit("lines\t", "lines\t0 1 1\t0 0 0 0", "[regime]"), "must be finite and rise"),
            (
                edit(
                    "lines\t",
                    &format!("lines\t{}\t{}", (0..17).map(|e| format!("{e} ")).collect::<String>(), "0 ".repeat(18)),
                    "[regime]",
                ),
                "at most 16",
            ),
        ];
        for (text, want) in edits {
            let err = LineModel::parse(&text).unwrap_err();
            assert!(err.contains(want), "{want}: {err}");
        }
    }
}
