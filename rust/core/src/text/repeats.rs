//! Repeats: lines whose normalised text comes again.
//!
//! The normalised lines long enough to count ([`Keys::push`]) are stored one
//! after another in one string and hashed once, so the sets that find
//! repeats hash no string again.

use std::hash::BuildHasher;

use crate::config::Thresholds;
use crate::text::classify::{Decision, Reason};
use crate::text::residue::Analysed;
use crate::vocab::Family;

/// The normalised lines of a text, one after another.
#[derive(Default)]
pub struct Keys {
    text: String,
}

/// A normalised line in [`Keys`], and its hash.
#[derive(Clone, Copy, Debug)]
pub struct Key {
    hash: u64,
    start: u32,
    end: u32,
}

impl Keys {
    /// Stores a normalised line, hashing it once.
    pub fn push(&mut self, normalized: &str) -> Key {
        let start = self.text.len() as u32;
        self.text.push_str(normalized);
        Key { hash: rustc_hash::FxBuildHasher.hash_one(normalized), start, end: self.text.len() as u32 }
    }

    /// The stored line of `key`.
    fn get(&self, key: Key) -> Keyed<'_> {
        Keyed { hash: key.hash, text: &self.text[key.start as usize..key.end as usize] }
    }

    /// The stored line of an analysed line, if it has one.
    pub fn of(&self, a: &Analysed) -> Option<Keyed<'_>> {
        a.key.map(|k| self.get(k))
    }
}

/// A normalised line with its hash.
#[derive(Clone, Copy, Debug)]
pub struct Keyed<'a> {
    hash: u64,
    pub text: &'a str,
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
pub struct PassThrough(u64);

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

pub type KeyedSet<'a> = std::collections::HashSet<Keyed<'a>, std::hash::BuildHasherDefault<PassThrough>>;
pub type KeyedCounts<'a> = std::collections::HashMap<Keyed<'a>, u32, std::hash::BuildHasherDefault<PassThrough>>;

/// How often each stored line occurs among `analysed`.
pub fn counts<'k>(analysed: &[&Analysed], keys: &'k Keys) -> KeyedCounts<'k> {
    let mut counts = KeyedCounts::with_capacity_and_hasher(analysed.len(), Default::default());
    for key in analysed.iter().filter_map(|a| keys.of(a)) {
        *counts.entry(key).or_default() += 1;
    }
    counts
}

/// Drops every line whose text was already kept once (a page's text: menus
/// and teasers come again). Without `keep_title`, a headline that occurs
/// more than once is dropped everywhere.
pub fn drop_repeats(decisions: &mut [Decision], analysed: &[&Analysed], keys: &Keys, keep_title: bool) {
    let headlines = headline_counts(analysed, keys, keep_title);
    let mut kept = KeyedSet::with_capacity_and_hasher(analysed.len(), Default::default());
    for (d, a) in decisions.iter_mut().zip(analysed) {
        let Some(key) = keys.of(a).filter(|_| d.kept_len > 0) else {
            continue;
        };
        let repeated_headline = headlines.get(&key).is_some_and(|&n| n > 1);
        if repeated_headline || !kept.insert(key) {
            d.drop_as(Reason::Rule(Family::Duplicate));
        }
    }
}

/// Drops a headline that comes again, among the first `head_lines` lines,
/// within `near_repeat_lines` kept lines of its first occurrence (article
/// text: a scrape that printed the headline twice). Lines that repeat
/// later or farther apart, or end a sentence, are the article's own (a
/// table's cells, a refrain, a recurring subheading, a quoted post: 19 of
/// the benches' truth bodies lose a tenth or more when repeated sentences go).
/// Without `keep_title`, a headline that occurs more than once is dropped
/// everywhere.
pub fn drop_near_repeats(
    decisions: &mut [Decision],
    analysed: &[&Analysed],
    keys: &Keys,
    keep_title: bool,
    th: &Thresholds,
) {
    let headlines = headline_counts(analysed, keys, keep_title);
    // The keys of the last `near_repeat_lines` kept lines.
    let mut recent: std::collections::VecDeque<Option<Keyed<'_>>> = std::collections::VecDeque::new();
    for (i, (d, a)) in decisions.iter_mut().zip(analysed).enumerate() {
        if d.kept_len == 0 {
            continue;
        }
        let key = keys.of(a);
        if let Some(key) = key.filter(|_| a.headline) {
            let repeated_headline = headlines.get(&key).is_some_and(|&n| n > 1);
            if repeated_headline || (i < th.head_lines && recent.contains(&Some(key))) {
                d.drop_as(Reason::Rule(Family::Duplicate));
                continue;
            }
        }
        if recent.len() == th.near_repeat_lines {
            recent.pop_front();
        }
        recent.push_back(key);
    }
}

/// Headlines (lines without a sentence end) counted, when they are to be
/// dropped wherever they repeat (without `keep_title`).
fn headline_counts<'k>(analysed: &[&Analysed], keys: &'k Keys, keep_title: bool) -> KeyedCounts<'k> {
    if keep_title {
        return KeyedCounts::default();
    }
    let headlines: Vec<&Analysed> = analysed.iter().copied().filter(|a| a.headline).collect();
    counts(&headlines, keys)
}

/// Where the page's title comes again as the article's headline: the
/// first line no rule dropped is the title (a text export starts with the
/// page's `<title>`), minus a site name after a separator ("Title - Site");
/// the headline is the first later line that equals it.
pub fn repeated_title(analysed: &[&Analysed], keys: &Keys, th: &Thresholds) -> Option<usize> {
    let first = analysed.iter().position(|a| a.hit.is_none())?;
    let title = keys.of(analysed[first])?.text;
    let title = [" | ", " - ", " – ", " — ", " :: ", " · "]
        .iter()
        .filter_map(|sep| title.rfind(sep).map(|at| &title[..at]))
        .max_by_key(|t| t.len())
        .filter(|t| t.chars().filter(|c| c.is_alphabetic()).count() >= th.duplicate_min_letters)
        .unwrap_or(title);
    let is_title = |a: &&Analysed| keys.of(a).is_some_and(|k| k.text == title);
    analysed.iter().enumerate().skip(first + 1).find(|(_, a)| is_title(a)).map(|(i, _)| i)
}
