//! The block model: which blocks of a page are its main content (DESIGN.md,
//! "HTML: the block model").
//!
//! The region choice ([`crate::html::classify`]) and the page's judged type
//! ([`crate::html::assess`]) have had their say; every block is then
//! measured ([`features`]: its own counts, its markup, what its elements
//! hold, where it lies, what surrounds it, what the region choice made of
//! it and what kind of page it is on) and scored by a forest of boosted
//! oblivious trees ([`crate::forest`]). A block is content when it scores
//! above the cut-off of the caller's [`Favor`]. The trees are data,
//! `data/html/block_model.txt`, written by `benches/train_block_model.py`.

use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

use super::assess::{Judgement, Profile, PAGE_TYPES};
use super::blocks::{hint, role, BlockKind, Page, NONE};
use super::classify::{subtree_sums, Selection, Why};
use super::meta;
use super::tags::Tag;
use crate::config::Favor;
use crate::forest::{log1p, Forest, Matrix, Prefix, Sections};
use crate::normalize::{is_alphanumeric, joins_word};
use crate::text::features::Features;

const MODEL: &str = include_str!("../../data/html/block_model.txt");

/// The elements whose presence among a block's ancestors is a feature.
const LANDMARKS: [(Tag, &str); 12] = [
    (Tag::Article, "article"),
    (Tag::Main, "main"),
    (Tag::Section, "section"),
    (Tag::Aside, "aside"),
    (Tag::Nav, "nav"),
    (Tag::Header, "header"),
    (Tag::Footer, "footer"),
    (Tag::Form, "form"),
    (Tag::Li, "li"),
    (Tag::Table, "table"),
    (Tag::Blockquote, "blockquote"),
    (Tag::Figure, "figure"),
];

/// The reasons of the region choice, one feature each, in [`Why`]'s order.
const WHYS: [Why; 8] = [
    Why::Content,
    Why::Comment,
    Why::OutsideRegion,
    Why::Boilerplate,
    Why::CommentSection,
    Why::LinkList,
    Why::Headline,
    Why::ArticleEdge,
];

/// How many ancestors up the `up{k}_*` features read (0: the block's own element).
const UP_LEVELS: usize = 4;
/// The per-block columns that the window means average, in order.
const WINDOWED: [&str; 4] = ["letters", "prose", "link_density", "chosen"];
/// The half-widths of the windows over the blocks.
const WINDOWS: [usize; 3] = [1, 3, 10];
/// The blocks before or after a block that one-sided means average.
const SIDE_WINDOW: usize = 3;

/// The most siblings of one shape that `up{k}_alike` counts, and the most
/// children that `up{k}_children` does: past them, a list reads as a list
/// of that many (no feature grows with the page; DESIGN.md).
const MAX_ALIKE: u32 = 16;
const MAX_CHILDREN: u32 = 64;

/// The names of the features, in column order.
pub fn feature_names() -> &'static [String] {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let own = [
            "letters",
            "words",
            "stop_share",
            "sentences",
            "ends_terminal",
            "continues",
            "ends_open",
            "link_density",
            "prose",
            "lines",
            "heading",
            "heading_level",
            "list_item",
            "cell",
            "preformatted",
            "in_paragraph",
            "headline",
            "repeats",
            "depth",
            "boilerplate_own",
            "comments_own",
            "boilerplate_above",
            "comments_above",
        ];
        let mut names: Vec<String> = own.iter().map(|s| s.to_string()).collect();
        for (_, name) in hint::ALL {
            names.push(format!("hint_{name}_near"));
            names.push(format!("hint_{name}_above"));
        }
        names.extend(LANDMARKS.iter().map(|(_, name)| format!("in_{name}")));
        names.extend(WHYS.iter().map(|why| format!("why_{}", why.label())));
        names.push("chosen".to_owned());
        for k in 0..UP_LEVELS {
            names.extend(
                ["letters", "link_density", "prose", "blocks", "chosen", "children"].map(|c| format!("up{k}_{c}")),
            );
        }
        for w in WINDOWS {
            names.extend(WINDOWED.iter().map(|c| format!("{c}_mean{w}")));
        }
        for side in ["before", "after"] {
            names.extend(WINDOWED.iter().map(|c| format!("{c}_{side}{SIDE_WINDOW}")));
        }
        names.extend(["page_block_letters", "page_prose_share", "chosen_share"].map(str::to_owned));
        names.extend(PAGE_TYPES.iter().map(|t| format!("type_{t}")));
        names.extend(Profile::ALL.iter().map(|p| format!("profile_{}", p.name())));
        for k in 0..UP_LEVELS {
            names.extend(["alike", "alike_letters"].map(|c| format!("up{k}_{c}")));
        }
        names.extend(["described", "described_mean3", "described_share"].map(str::to_owned));
        names
    })
}

/// What the region choice made of a page, as the block model reads it.
pub struct Choice<'a> {
    /// The choice as an article's: each block's reason.
    pub first: &'a Selection,
    /// The choice the page's type profile made (the same as `first` for an article).
    pub second: &'a Selection,
    pub profile: Profile,
    pub judged: &'a Judgement,
    /// The page's headline.
    pub headline: Option<&'a str>,
}

/// `ln(1 + x)`; counts (whole numbers) from [`log1p`]'s table.
fn ln(x: f32) -> f32 {
    match x >= 0.0 && x.fract() == 0.0 && x < 1e6 {
        true => log1p(x as usize),
        false => x.ln_1p(),
    }
}

/// Calls `emit` with a hash of each run of three words of `text` (words:
/// runs of letters and digits, lower-cased); returns its count of words.
/// A word's characters are folded in with a rotation and an exclusive or
/// (no multiplication waits on the one before), the word then mixed once.
fn word_trigrams(text: &str, mut emit: impl FnMut(u64)) -> usize {
    const MIX: u64 = 0x9e37_79b9_7f4a_7c15;
    let mix = |hash: u64, value: u64| (hash ^ value).wrapping_mul(MIX);
    let fold = |word: u64, c: u32| word.rotate_left(7) ^ u64::from(c);
    let (mut before, mut last, mut words) = (0u64, 0u64, 0usize);
    let mut end_word = |word: u64| {
        let word = mix(0, word);
        words += 1;
        if words >= 3 {
            emit(mix(mix(mix(0, before), last), word));
        }
        (before, last) = (last, word);
    };
    let (bytes, mut at) = (text.as_bytes(), 0);
    let (mut word, mut in_word) = (0u64, false);
    while at < bytes.len() {
        let b = bytes[at];
        let letter = if b.is_ascii() {
            at += 1;
            let letter = b.is_ascii_alphanumeric();
            if letter {
                word = fold(word, u32::from(b.to_ascii_lowercase()));
            }
            letter
        } else {
            let c = text[at..].chars().next().expect("at is a char boundary");
            at += c.len_utf8();
            let letter = is_alphanumeric(c) || (in_word && joins_word(c));
            if letter {
                word = c.to_lowercase().fold(word, |w, l| fold(w, u32::from(l)));
            }
            letter
        };
        match (letter, in_word) {
            (true, _) => in_word = true,
            (false, true) => {
                end_word(word);
                (word, in_word) = (0, false);
            }
            (false, false) => {}
        }
    }
    if in_word {
        end_word(word);
    }
    words
}

/// The least share of the page that an element's `up{k}_letters`,
/// `up{k}_blocks` and `up{k}_alike_letters` tell: a paragraph of a 5 MB
/// article reads as one of a page the trees have seen (DESIGN.md).
const MIN_PAGE_SHARE: f32 = 0.001;

/// `part`'s share of the page's `whole`, at least [`MIN_PAGE_SHARE`].
fn of_page(part: f32, whole: f32) -> f32 {
    share(part, whole).max(MIN_PAGE_SHARE)
}

fn share(part: f32, whole: f32) -> f32 {
    if whole > 0.0 {
        part / whole
    } else {
        0.0
    }
}

/// Every block's features ([`feature_names`]), one row per block of `page`;
/// `counts` are the blocks' ([`crate::html::classify::measure`]).
pub fn features(page: &Page, counts: &[Features], choice: &Choice<'_>) -> Matrix {
    let (nodes, blocks) = (&page.nodes, &page.blocks);
    let n = blocks.len();
    // Filled row by row below, so not zeroed first.
    let mut x = Matrix { columns: feature_names().len(), data: Vec::new() };
    if n == 0 {
        return x;
    }
    x.data.reserve_exact(n * x.columns);
    // Ancestor flags, parents first: landmarks, hints and raw roles.
    let mut above = vec![0u32; nodes.len()];
    for (i, node) in nodes.iter().enumerate() {
        let inherited = if node.parent == NONE { 0 } else { above[node.parent as usize] };
        let landmark = LANDMARKS.iter().position(|(tag, _)| *tag == node.tag).map_or(0, |k| 1 << k);
        above[i] = inherited | landmark | u32::from(node.hints) << 16 | u32::from(node.roles) << 24;
    }
    let mut depth = vec![0u32; nodes.len()];
    let mut children = vec![0u32; nodes.len()];
    for (i, node) in nodes.iter().enumerate() {
        if node.parent != NONE {
            depth[i] = depth[node.parent as usize] + 1;
            children[node.parent as usize] += 1;
        }
    }
    let letters: Vec<f32> = counts.iter().map(|f| f.letters as f32).collect();
    let chosen: Vec<f32> = choice.second.why.iter().map(|&w| f32::from(u8::from(w == Why::Content))).collect();
    let link_chars: Vec<f32> = blocks.iter().map(|b| b.link_chars as f32).collect();
    let chars: Vec<f32> = blocks.iter().map(|b| b.chars as f32).collect();
    let prose: Vec<f32> = choice.first.prose.iter().map(|&p| f32::from(u8::from(p > 0.0))).collect();
    let sums = |values: &[f32]| subtree_sums(nodes.len(), page, values, |node| nodes[node].parent);
    let prose_letters: Vec<f32> = prose.iter().zip(&letters).map(|(p, l)| p * l).collect();
    let chosen_letters: Vec<f32> = chosen.iter().zip(&letters).map(|(c, l)| c * l).collect();
    let (held_letters, held_links, held_chars) = (sums(&letters), sums(&link_chars), sums(&chars));
    let (held_prose, held_chosen, held_blocks) = (sums(&prose_letters), sums(&chosen_letters), sums(&vec![1.0; n]));
    let total: f32 = letters.iter().sum();
    let mut repeats: FxHashMap<&str, u32> = FxHashMap::default();
    for b in blocks {
        *repeats.entry(b.text.as_str()).or_default() += 1;
    }
    let density: Vec<f32> = blocks.iter().map(|b| share(b.link_chars as f32, b.chars as f32)).collect();
    let log_letters: Vec<f32> = letters.iter().map(|&l| ln(l)).collect();
    let windowed = [&log_letters, &prose, &density, &chosen].map(|column| Prefix::new(column));
    let chosen_share = share(chosen_letters.iter().sum(), total);
    // No feature counts the page's blocks or letters, nor an element's
    // blocks: a page ten times as long is read as the same page (a 50 MB
    // article scored its paragraphs as a long list's before).
    let prose_share = share(prose_letters.iter().sum(), total);
    let page_columns: Vec<f32> = [ln(total / n as f32), prose_share, chosen_share]
        .into_iter()
        .chain(choice.judged.probabilities)
        .chain(Profile::ALL.iter().map(|&p| f32::from(u8::from(p == choice.profile))))
        .collect();

    // Each element's siblings of its shape ([`Node::shape`]), itself
    // included, and the letters they hold together: one group each.
    let mut group_of = Vec::with_capacity(nodes.len());
    let mut groups: Vec<(u32, f32)> = Vec::new();
    let mut index: FxHashMap<(u32, u32), usize> = FxHashMap::default();
    index.reserve(nodes.len());
    for (i, node) in nodes.iter().enumerate() {
        let g = *index.entry((node.parent, node.shape)).or_insert_with(|| {
            groups.push((0, 0.0));
            groups.len() - 1
        });
        groups[g].0 += 1;
        groups[g].1 += held_letters[i];
        group_of.push(g);
    }
    // How much of each block the page's metadata repeats (its word trigrams).
    let mut told = FxHashSet::default();
    for text in meta::descriptions(&page.meta) {
        word_trigrams(&text, |h| {
            told.insert(h);
        });
    }
    let described: Vec<f32> = match told.is_empty() {
        true => vec![0.0; n],
        false => blocks
            .iter()
            .map(|b| {
                let mut hits = 0usize;
                let words = word_trigrams(&b.text, |h| hits += usize::from(told.contains(&h)));
                share(hits as f32, words.saturating_sub(2) as f32)
            })
            .collect(),
    };
    let described_around = Prefix::new(&described);
    let described_letters: f32 = described.iter().zip(&letters).filter(|(d, _)| **d >= 0.5).map(|(_, l)| l).sum();
    let described_share = share(described_letters, total);
    let flag = |on: bool| f32::from(u8::from(on));
    let mut row = Vec::with_capacity(x.columns);
    for (b, block) in blocks.iter().enumerate() {
        let f = &counts[b];
        let node = block.node;
        let own = if node == NONE { None } else { Some(&nodes[node as usize]) };
        let marks = if node == NONE { 0 } else { above[node as usize] };
        let (roles_own, roles_above) = (own.map_or(0, |n| n.roles), (marks >> 24) as u8);
        // Hints of the block's element, its parent or its grandparent.
        let mut near = 0u8;
        let mut up = node;
        for _ in 0..3 {
            if up == NONE {
                break;
            }
            near |= nodes[up as usize].hints;
            up = nodes[up as usize].parent;
        }
        row.clear();
        row.extend([
            log_letters[b],
            ln(f.words as f32),
            share(f.stopwords as f32, f.words as f32),
            ln(f.sentence_ends as f32),
            flag(f.ends_terminal),
            flag(f.continues),
            flag(f.ends_open),
            density[b],
            prose[b],
            ln(block.text.matches('\n').count() as f32),
            flag(matches!(block.kind, BlockKind::Heading(_))),
            match block.kind {
                BlockKind::Heading(level) => f32::from(level),
                _ => 0.0,
            },
            flag(matches!(block.kind, BlockKind::ListItem { .. })),
            flag(matches!(block.kind, BlockKind::Cell(_))),
            flag(block.kind == BlockKind::Preformatted),
            flag(own.is_some_and(|n| n.tag == Tag::P)),
            flag(choice.headline == Some(block.text.as_str())),
            ln((repeats[block.text.as_str()] - 1) as f32),
            ln(if node == NONE { 0.0 } else { depth[node as usize] as f32 }),
            flag(roles_own & role::BOILERPLATE != 0),
            flag(roles_own & role::COMMENTS != 0),
            flag(roles_above & role::BOILERPLATE != 0),
            flag(roles_above & role::COMMENTS != 0),
        ]);
        for (bit, _) in hint::ALL {
            row.push(flag(near & bit != 0));
            row.push(flag((marks >> 16) as u8 & bit != 0));
        }
        row.extend((0..LANDMARKS.len()).map(|k| flag(marks & (1 << k) != 0)));
        let why = choice.first.why[b];
        row.extend(WHYS.iter().map(|&w| flag(w == why)));
        row.push(chosen[b]);
        // The block's element and the elements above it.
        let mut chain = [NONE; UP_LEVELS];
        let mut up = node;
        for link in &mut chain {
            *link = up;
            if up != NONE {
                up = nodes[up as usize].parent;
            }
        }
        for &up in &chain {
            if up == NONE {
                row.extend([0.0; 6]);
                continue;
            }
            let u = up as usize;
            row.extend([
                of_page(held_letters[u], total),
                share(held_links[u], held_chars[u]),
                share(held_prose[u], held_letters[u]),
                of_page(held_blocks[u], n as f32),
                share(held_chosen[u], held_letters[u]),
                ln(children[u].min(MAX_CHILDREN) as f32),
            ]);
        }
        for w in WINDOWS {
            row.extend(windowed.iter().map(|p| p.mean(b.saturating_sub(w), (b + w + 1).min(n))));
        }
        row.extend(windowed.iter().map(|p| p.mean(b.saturating_sub(SIDE_WINDOW), b)));
        row.extend(windowed.iter().map(|p| p.mean(b + 1, (b + 1 + SIDE_WINDOW).min(n))));
        row.extend_from_slice(&page_columns);
        for &up in &chain {
            match up {
                NONE => row.extend([0.0; 2]),
                up => {
                    let (count, held) = groups[group_of[up as usize]];
                    row.extend([ln((count - 1).min(MAX_ALIKE) as f32), of_page(held, total)]);
                }
            }
        }
        row.extend([
            described[b],
            described_around.mean(b.saturating_sub(SIDE_WINDOW), (b + SIDE_WINDOW + 1).min(n)),
            described_share,
        ]);
        debug_assert_eq!(row.len(), x.columns);
        x.data.extend_from_slice(&row);
    }
    x
}

/// The blocks whose `scores` ([`BlockModel::scores`]) are above the
/// cut-off for `favor` on this page ([`BlockModel::cut`]), as a selection
/// (every other block keeps the region choice's reason, or
/// [`Why::LowScore`] where that chose it); `None` when it keeps none,
/// and the region choice stands. The page's headline is never its body,
/// and a comment section is content only on a page judged a thread. With
/// [`Favor::Recall`], what the region choice kept stays too.
pub fn select(
    page: &Page,
    scores: &[f32],
    choice: &Choice<'_>,
    favor: Favor,
    include_comments: bool,
) -> Option<Selection> {
    let best = scores.iter().copied().fold(0.0, f32::max);
    let cut = BlockModel::builtin().cut(favor, best)?;
    let second = choice.second;
    let mut selection = Selection { why: second.why.clone(), prose: second.prose.clone(), ..Selection::default() };
    for (b, &p) in scores.iter().enumerate() {
        let block = &page.blocks[b];
        if block.node == NONE {
            continue;
        }
        // A comment section is the page's content only on a thread.
        let comments = matches!(choice.first.why[b], Why::CommentSection | Why::Comment);
        let thread = choice.profile == Profile::Thread;
        // With recall the model only adds to what the region choice kept.
        let kept_anyway = favor == Favor::Recall && second.why[b] == Why::Content;
        if kept_anyway || (p > cut && choice.headline != Some(block.text.as_str()) && (thread || !comments)) {
            selection.article.push(b);
            selection.why[b] = Why::Content;
        } else if selection.why[b] == Why::Content {
            selection.why[b] = Why::LowScore;
        }
    }
    if selection.article.is_empty() {
        return None;
    }
    if include_comments {
        // The blocks the choice read as comments, whether or not it found
        // an article to keep them with: the model found one.
        selection.comments = (0..second.why.len())
            .filter(|&b| second.why[b] == Why::Comment && selection.why[b] != Why::Content)
            .collect();
    }
    Some(selection)
}

/// The forest and its cut-offs, as `data/html/block_model.txt` holds them.
#[derive(Clone, Debug, PartialEq)]
pub struct BlockModel {
    pub blocks: Forest,
    /// A block is content when the forest gives it more than this ...
    pub keep: f32,
    /// ... or, with [`Favor::Precision`], more than this ...
    pub precision: f32,
    /// ... or, with [`Favor::Recall`], more than this: each, where the
    /// page's best block is above it, a share of that block's score.
    pub recall: f32,
}

impl BlockModel {
    /// The model compiled in.
    pub fn builtin() -> &'static BlockModel {
        static BUILTIN: OnceLock<BlockModel> = OnceLock::new();
        BUILTIN.get_or_init(|| BlockModel::parse(MODEL).expect("data/html/block_model.txt is valid (tested)"))
    }

    /// Reads a model file: a `[blocks]` forest ([`Forest::parse`]) and
    /// `[thresholds]` with `keep`, `precision` and `recall`.
    pub fn parse(text: &str) -> Result<BlockModel, String> {
        let sections = Sections::parse(text)?;
        let cuts = [sections.threshold("keep")?, sections.threshold("precision")?, sections.threshold("recall")?];
        if cuts.iter().any(|c| !(0.0..1.0).contains(c)) {
            return Err("[thresholds]: cut-offs are probabilities below 1".to_owned());
        }
        let blocks = sections.forest("blocks", feature_names())?;
        let [keep, precision, recall] = cuts;
        Ok(BlockModel { blocks, keep, precision, recall })
    }

    /// Every block's probability of being content, from its features
    /// ([`features`]).
    pub fn scores(&self, x: &Matrix) -> Vec<f32> {
        self.blocks.probabilities(x)
    }

    /// The cut-off for `favor` on a page whose best block scores `best`:
    /// `None` where that block is not above the favor's cut-off (the
    /// region choice stands), else that share of its score. The trees are
    /// sure of the content of pages like those they learned from; on a
    /// page of another kind every score is lower, its content's too, and
    /// one cut-off for all pages keeps too little of it.
    pub fn cut(&self, favor: Favor, best: f32) -> Option<f32> {
        let cut = match favor {
            Favor::Balanced => self.keep,
            Favor::Precision => self.precision,
            Favor::Recall => self.recall,
        };
        (best > cut).then_some(cut * best)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_model_parses() {
        let model = BlockModel::parse(MODEL).unwrap();
        assert!(model.recall <= model.keep && model.keep <= model.precision);
    }

    #[test]
    fn cut_offs_are_shares_of_the_best_score_table() {
        let model = BlockModel { keep: 0.5, precision: 0.75, recall: 0.25, ..BlockModel::builtin().clone() };
        // (favor, the page's best score, the cut-off)
        let cases = [
            (Favor::Balanced, 1.0, Some(0.5)),
            (Favor::Balanced, 0.6, Some(0.3)),
            (Favor::Precision, 0.8, Some(0.6)),
            (Favor::Recall, 0.6, Some(0.15)),
            // No block above the favor's cut-off: the region choice stands.
            (Favor::Balanced, 0.5, None),
            (Favor::Precision, 0.6, None),
            (Favor::Recall, 0.2, None),
            (Favor::Balanced, 0.0, None),
        ];
        for (favor, best, want) in cases {
            let got = model.cut(favor, best);
            assert!(got.zip(want).map_or(got == want, |(g, w)| (g - w).abs() < 1e-6), "{favor:?} {best}: {got:?}");
        }
    }

    #[test]
    fn every_feature_is_named_once() {
        let names = feature_names();
        let distinct: rustc_hash::FxHashSet<&String> = names.iter().collect();
        assert_eq!(distinct.len(), names.len());
    }

    #[test]
    fn word_trigrams_table() {
        let hashes = |text: &str| {
            let mut found = Vec::new();
            let words = word_trigrams(text, |h| found.push(h));
            (words, found)
        };
        // (text, words, trigrams, the same trigrams as this text's)
        let cases = [
            ("", 0, 0, ""),
            ("one two", 2, 0, ""),
            ("One, two; THREE four!", 4, 2, "one two three four"),
            ("Élan vital, über alles", 4, 2, "élan VITAL Über alles"),
            ("a-b c", 3, 1, "a b c"),
        ];
        for (text, words, trigrams, same) in cases {
            let (n, found) = hashes(text);
            assert_eq!((n, found.len()), (words, trigrams), "{text:?}");
            if !same.is_empty() {
                assert_eq!(found, hashes(same).1, "{text:?}");
            }
        }
        assert_ne!(hashes("one two three").1, hashes("one three two").1);
    }

    #[test]
    fn bad_model_files_are_refused() {
        let cases = [
            ("", "no [thresholds]"),
            ("[thresholds]\nkeep\t0.5\nprecision\t0.6\n", "no recall"),
            ("[thresholds]\nkeep\t0.5\nprecision\t1.5\nrecall\t0.4\n", "below 1"),
            ("[thresholds]\nkeep\t0.5\nprecision\t0.6\nrecall\t0.4\n", "no [blocks]"),
            ("[thresholds]\nkeep\t0.5\nprecision\t0.6\nrecall\t0.4\n[blocks]\nbias\t0\ndepth\t6\nfeatures\tletters\n", "not the code's columns"),
        ];
        for (text, want) in cases {
            let err = BlockModel::parse(text).unwrap_err();
            assert!(err.contains(want), "{text:?}: {err}");
        }
    }
}
