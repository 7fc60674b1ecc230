//! What kind of page it is, and how sure the extraction is.
//!
//! After the selection, a page is summed up in a few numbers
//! ([`feature_names`]): how much text it has and how much was chosen, its
//! link density, how its text is spread over paragraphs, list items,
//! cells, headings and code, how much sits in boilerplate or comment
//! markup, repeated structure (cards), prices, and the types its JSON-LD
//! and `og:type` declare (`data/html/schema_types.txt`). Two linear models
//! read them (`data/html/page_model.txt`, trained by
//! `benches/train_page_model.py`): a softmax over the page types, and a
//! logistic model of the chance that the extracted text is right (its F1
//! against a hand-made body 0.9 or more), over the same numbers and the
//! type probabilities.

use std::sync::OnceLock;

use super::blocks::{BlockKind, Page, NONE};
use super::classify::{Selection, Why};
use crate::config::{Favor, HtmlOptions, HtmlThresholds};
use crate::text::features::Features;

/// The page types the model tells apart, in the model file's order.
pub const PAGE_TYPES: [&str; 7] = ["article", "collection", "documentation", "forum", "listing", "product", "service"];

/// The type of a page with no text to judge.
pub const OTHER: &str = "other";

/// The schema.org and `og:type` groups a page may declare, in feature order.
const SCHEMA_GROUPS: [&str; 6] = ["article", "product", "forum", "listing", "documentation", "service"];

const SCHEMA_TYPES: &str = include_str!("../../data/html/schema_types.txt");
const MODEL: &str = include_str!("../../data/html/page_model.txt");

/// The names of the page features, in the order [`features`] computes them.
pub fn feature_names() -> Vec<String> {
    let mut names: Vec<String> = [
        "letters_log",
        "chosen_share",
        "chosen_letters_log",
        "prose_share",
        "chosen_prose_share",
        "prose_chosen",
        "link_density",
        "chosen_link_density",
        "blocks_log",
        "chosen_blocks_log",
        "list_share",
        "cell_share",
        "heading_share",
        "code_share",
        "chosen_list_share",
        "chosen_cell_share",
        "chosen_heading_share",
        "chosen_code_share",
        "boilerplate_share",
        "comment_share",
        "outside_share",
        "link_list_share",
        "prose_block_letters_log",
        "chosen_stopword_share",
        "price_share",
        "card_share",
        "chosen_empty",
        "comment_prose_log",
    ]
    .iter()
    .map(|n| (*n).to_owned())
    .collect();
    names.extend(SCHEMA_GROUPS.iter().map(|g| format!("declares_{g}")));
    names
}

/// The page's features ([`feature_names`]), from its blocks' `counts` and
/// the `selection` made of them.
pub fn features(page: &Page, counts: &[Features], selection: &Selection) -> Vec<f32> {
    let prose = &selection.prose;
    let share = |part: f32, whole: f32| if whole > 0.0 { part / whole } else { 0.0 };
    let ln = |x: f32| x.ln_1p();
    #[derive(Default)]
    struct Sums {
        letters: f32,
        chars: f32,
        links: f32,
        prose: f32,
        blocks: f32,
        list: f32,
        cell: f32,
        headings: f32,
        code: f32,
        prose_blocks: f32,
        words: f32,
        stopwords: f32,
    }
    let (mut all, mut chosen) = (Sums::default(), Sums::default());
    let mut by_why = [0.0f32; Why::COUNT];
    let mut priced = 0.0f32;
    let mut cards = rustc_hash::FxHashMap::<u32, f32>::default();
    for (b, block) in page.blocks.iter().enumerate() {
        let letters = counts[b].letters as f32;
        let why = selection.why[b];
        by_why[why as usize] += letters;
        for (sums, on) in [(&mut all, true), (&mut chosen, why == Why::Content)] {
            if !on {
                continue;
            }
            sums.letters += letters;
            sums.chars += block.chars as f32;
            sums.links += block.link_chars as f32;
            sums.prose += prose[b];
            sums.blocks += 1.0;
            sums.prose_blocks += f32::from(prose[b] > 0.0);
            sums.words += counts[b].words as f32;
            sums.stopwords += counts[b].stopwords as f32;
            match block.kind {
                BlockKind::ListItem { .. } => sums.list += letters,
                BlockKind::Cell(_) => sums.cell += letters,
                BlockKind::Heading(_) => sums.headings += 1.0,
                BlockKind::Preformatted => sums.code += letters,
                BlockKind::Paragraph => {}
            }
        }
        if has_price(&block.text) {
            priced += 1.0;
        }
        // Blocks two levels under one element: the cards of a grid.
        let up = |n: u32| if n == NONE { NONE } else { page.nodes[n as usize].parent };
        let grid = up(up(block.node));
        if grid != NONE {
            *cards.entry(grid).or_default() += 1.0;
        }
    }
    let card_max = cards.values().copied().fold(0.0f32, f32::max);
    let prose_letters = |s: &Sums| if s.prose_blocks > 0.0 { s.prose / s.prose_blocks } else { 0.0 };
    let mut x = vec![
        ln(all.letters),
        share(chosen.letters, all.letters),
        ln(chosen.letters),
        share(all.prose, all.letters),
        share(chosen.prose, chosen.letters),
        share(chosen.prose, all.prose),
        share(all.links, all.chars),
        share(chosen.links, chosen.chars),
        ln(all.blocks),
        ln(chosen.blocks),
    ];
    // How the text is spread over list items, cells, headings and code.
    let spread = |s: &Sums| {
        [share(s.list, s.letters), share(s.cell, s.letters), share(s.headings, s.blocks), share(s.code, s.letters)]
    };
    x.extend(spread(&all));
    x.extend(spread(&chosen));
    x.extend([
        share(by_why[Why::Boilerplate as usize], all.letters),
        share(by_why[Why::CommentSection as usize] + by_why[Why::Comment as usize], all.letters),
        share(by_why[Why::OutsideRegion as usize], all.letters),
        share(by_why[Why::LinkList as usize], all.letters),
        ln(prose_letters(&chosen)),
        share(chosen.stopwords, chosen.words),
        share(priced, all.blocks),
        share(card_max, all.blocks),
        f32::from(chosen.letters == 0.0),
        ln(comment_prose(selection)),
    ]);
    let declared = declared_groups(page);
    x.extend(declared.iter().map(|&d| f32::from(d)));
    x
}

/// The prose inside comment sections that the selection left out.
fn comment_prose(selection: &Selection) -> f32 {
    selection.why.iter().zip(&selection.prose).filter(|(w, _)| **w == Why::CommentSection).map(|(_, p)| p).sum()
}

/// Whether `text` holds a price: a currency sign next to a digit (or
/// after a digit and a space).
fn has_price(text: &str) -> bool {
    let bytes = text.as_bytes();
    let digit = |i: Option<usize>| i.and_then(|i| bytes.get(i)).is_some_and(u8::is_ascii_digit);
    // `$`, and the lead bytes of `£ ¥` (C2) and `€ ₹` (E2).
    memchr::memchr3_iter(b'$', 0xC2, 0xE2, bytes).any(|i| {
        let Some(sign) = text[i..].chars().next().filter(|c| matches!(c, '$' | '€' | '£' | '¥' | '₹')) else {
            return false;
        };
        digit(Some(i + sign.len_utf8()))
            || digit(i.checked_sub(1))
            || (i >= 2 && bytes[i - 1] == b' ' && digit(Some(i - 2)))
    })
}

/// Which of [`SCHEMA_GROUPS`] the page's JSON-LD `@type`s and `og:type` name.
fn declared_groups(page: &Page) -> [bool; SCHEMA_GROUPS.len()] {
    let mut declared = [false; SCHEMA_GROUPS.len()];
    let types = schema_types();
    let mut mark = |name: &str| {
        let name = name.trim().to_ascii_lowercase();
        let name = name.rsplit(['/', ':']).next().unwrap_or_default();
        if let Some(&(_, group)) = types.iter().find(|(t, _)| *t == name) {
            declared[group] = true;
        }
    };
    for script in &page.meta.json_ld {
        // Each `"@type": "X"` or `"@type": ["X", "Y"]`.
        for (at, _) in script.match_indices("\"@type\"") {
            let rest = script[at + 7..].trim_start().strip_prefix(':').unwrap_or_default().trim_start();
            let end =
                if rest.starts_with('[') { rest.find(']') } else { rest[1.min(rest.len())..].find('"').map(|e| e + 2) };
            let value = &rest[..end.unwrap_or(0).min(rest.len())];
            for name in value.split(['"', ',', '[', ']']).filter(|n| !n.trim().is_empty()) {
                mark(name);
            }
        }
    }
    for (key, value) in &page.meta.metas {
        if key == "og:type" {
            mark(value);
        }
    }
    declared
}

/// `data/html/schema_types.txt`: (lower-cased type name, index into [`SCHEMA_GROUPS`]).
fn schema_types() -> &'static [(String, usize)] {
    static TYPES: OnceLock<Vec<(String, usize)>> = OnceLock::new();
    TYPES.get_or_init(|| {
        let mut types = Vec::new();
        for line in SCHEMA_TYPES.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            let (group, names) = line.split_once(':').expect("schema_types.txt: `group: names`");
            let group = SCHEMA_GROUPS.iter().position(|g| *g == group.trim()).expect("schema_types.txt: a known group");
            types.extend(names.split_whitespace().map(|n| (n.to_ascii_lowercase(), group)));
        }
        types
    })
}

/// A linear model over standardised features: `(x - mean) / scale`, then
/// one row of weights (and a bias) per output.
#[derive(Clone, Debug, PartialEq)]
struct Linear {
    mean: Vec<f32>,
    scale: Vec<f32>,
    /// Per output: the bias, then one weight per feature.
    rows: Vec<Vec<f32>>,
}

impl Linear {
    fn outputs(&self, x: &[f32]) -> Vec<f32> {
        let z: Vec<f32> = x.iter().zip(&self.mean).zip(&self.scale).map(|((v, m), s)| (v - m) / s).collect();
        self.rows.iter().map(|row| row[0] + row[1..].iter().zip(&z).map(|(w, v)| w * v).sum::<f32>()).collect()
    }
}

/// A row of a model file: its key and its numbers.
type Row = (String, Vec<f32>);

/// The page type and confidence models, as `data/html/page_model.txt` holds them.
#[derive(Clone, Debug, PartialEq)]
pub struct PageModel {
    types: Linear,
    confidence: Linear,
}

impl PageModel {
    /// The model compiled in.
    pub fn builtin() -> &'static PageModel {
        static BUILTIN: OnceLock<PageModel> = OnceLock::new();
        BUILTIN.get_or_init(|| PageModel::parse(MODEL).expect("data/html/page_model.txt is valid (tested)"))
    }

    /// Reads a model file: sections `[types]` and `[confidence]`, each of
    /// `mean`, `scale` and `weights NAME` rows (tab-separated numbers: a
    /// bias, then one per feature; `[types]` one row per page type in
    /// [`PAGE_TYPES`] order, `[confidence]` one row over the features and
    /// then the type probabilities).
    pub fn parse(text: &str) -> Result<PageModel, String> {
        let features = feature_names().len();
        let mut sections: Vec<(String, Vec<Row>)> = Vec::new();
        for line in text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                sections.push((name.to_owned(), Vec::new()));
                continue;
            }
            let (key, values) = line.split_once('\t').ok_or_else(|| format!("no tab in {line:?}"))?;
            let values = values
                .split('\t')
                .map(|v| v.parse::<f32>().map_err(|e| format!("{v:?}: {e}")))
                .collect::<Result<Vec<_>, _>>()?;
            let (_, rows) = sections.last_mut().ok_or("a row before any section")?;
            rows.push((key.to_owned(), values));
        }
        let linear = |name: &str, inputs: usize, outputs: &[&str]| -> Result<Linear, String> {
            let (_, rows) = sections.iter().find(|(n, _)| n == name).ok_or(format!("no [{name}]"))?;
            let row = |key: &str, len: usize| -> Result<Vec<f32>, String> {
                let (_, values) = rows.iter().find(|(k, _)| k == key).ok_or(format!("[{name}]: no {key}"))?;
                if values.len() == len {
                    Ok(values.clone())
                } else {
                    Err(format!("[{name}] {key}: {} values for {len}", values.len()))
                }
            };
            let scale = row("mean", inputs).and(row("scale", inputs))?;
            if scale.iter().any(|&s| s.is_nan() || s <= 0.0) {
                return Err(format!("[{name}]: a scale not above 0"));
            }
            let weights = outputs.iter().map(|o| row(&format!("weights {o}"), inputs + 1)).collect::<Result<_, _>>()?;
            Ok(Linear { mean: row("mean", inputs)?, scale, rows: weights })
        };
        Ok(PageModel {
            types: linear("types", features, &PAGE_TYPES)?,
            confidence: linear("confidence", features + PAGE_TYPES.len(), &["right"])?,
        })
    }

    /// The page's type, from its [`features`]: a page without text
    /// (`letters` 0) is [`OTHER`].
    pub fn judge(&self, x: &[f32], letters: u32) -> Judgement {
        if letters == 0 {
            return Judgement { page_type: OTHER, probabilities: [0.0; PAGE_TYPES.len()] };
        }
        let z = self.types.outputs(x);
        let top = z.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        let e: Vec<f32> = z.iter().map(|v| (v - top).exp()).collect();
        let total: f32 = e.iter().sum();
        let mut probabilities = [0.0; PAGE_TYPES.len()];
        for (p, v) in probabilities.iter_mut().zip(&e) {
            *p = v / total;
        }
        let best = (0..PAGE_TYPES.len()).max_by(|&a, &b| probabilities[a].total_cmp(&probabilities[b])).unwrap_or(0);
        Judgement { page_type: PAGE_TYPES[best], probabilities }
    }

    /// The chance that the extracted text is right, from the [`features`]
    /// of the selection it came from and the page's [`Judgement`]; 0 for a
    /// page without text.
    pub fn confidence(&self, x: &[f32], judged: &Judgement) -> f32 {
        if judged.page_type == OTHER {
            return 0.0;
        }
        let inputs: Vec<f32> = x.iter().chain(&judged.probabilities).copied().collect();
        1.0 / (1.0 + (-self.confidence.outputs(&inputs)[0]).exp())
    }
}

/// How a page's content is chosen, by its judged type ([`profile`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Profile {
    /// As an article's: the region, its neighbours, its edges trimmed.
    Article,
    /// As with [`Favor::Recall`].
    Recall,
    /// As an article's, with the posts marked as comments.
    Thread,
    /// The whole body, less what its markup marks ([`HtmlOptions::whole_page`]).
    WholePage,
}

impl Profile {
    pub const ALL: [Profile; 4] = [Profile::Article, Profile::Recall, Profile::Thread, Profile::WholePage];

    pub fn name(self) -> &'static str {
        match self {
            Profile::Article => "article",
            Profile::Recall => "recall",
            Profile::Thread => "thread",
            Profile::WholePage => "whole-page",
        }
    }

    /// `options` with this profile's choice.
    pub fn options(self, options: &HtmlOptions) -> HtmlOptions {
        match self {
            Profile::Article => *options,
            Profile::Recall => HtmlOptions { favor: Favor::Recall, ..*options },
            Profile::Thread => HtmlOptions { include_comments: true, ..*options },
            Profile::WholePage => HtmlOptions { whole_page: true, ..*options },
        }
    }
}

/// The profile a page of the type `judged` is chosen with, when the caller
/// left the choice to the extractor (`type_profiles`, `favor` balanced,
/// no `target`, no `include_comments`): [`HtmlThresholds::whole_page_types`]
/// whole, [`HtmlThresholds::recall_page_types`] as with recall, a page
/// judged a forum thread with its posts (when they hold `guard_min_letters`
/// of prose: a thread has posts to keep), likely enough for the block model
/// to weigh them when it reads the page (`scored`), surely when it does
/// not. `Article`: the first choice stands.
pub fn profile(
    judged: &Judgement,
    selection: &Selection,
    options: &HtmlOptions,
    scored: bool,
    th: &HtmlThresholds,
) -> Profile {
    if !options.type_profiles || options.favor != Favor::Balanced || options.target || options.include_comments {
        return Profile::Article;
    }
    let t = judged.page_type;
    // Where the block model weighs each post (`scored`), a likely thread
    // is read as one; where the region choice decides alone, every comment
    // would stay, so the type model must be sure.
    let thread_floor = if scored { th.thread_min_probability } else { th.thread_min_probability_unscored };
    if t == "forum" && judged.probability(t) >= thread_floor && comment_prose(selection) >= th.guard_min_letters {
        Profile::Thread
    } else if th.whole_page_types.contains(&t) {
        Profile::WholePage
    } else if th.recall_page_types.contains(&t) {
        Profile::Recall
    } else {
        Profile::Article
    }
}

/// What kind of page the type model judges a page to be.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Judgement {
    /// The most likely of [`PAGE_TYPES`], or [`OTHER`].
    pub page_type: &'static str,
    /// The probability of each of [`PAGE_TYPES`].
    pub probabilities: [f32; PAGE_TYPES.len()],
}

impl Judgement {
    /// The probability of `page_type` (0 for one not in [`PAGE_TYPES`]).
    pub fn probability(&self, page_type: &str) -> f32 {
        PAGE_TYPES.iter().position(|t| *t == page_type).map_or(0.0, |i| self.probabilities[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_model_parses() {
        PageModel::builtin();
        assert_eq!(schema_types().iter().filter(|(t, _)| t == "newsarticle").count(), 1);
    }

    #[test]
    fn prices_are_a_currency_sign_beside_a_digit() {
        for (text, priced) in [
            ("$12.99", true),
            ("12,99 €", true),
            ("19€", true),
            ("£5", true),
            ("US$ off", false),
            ("costs money", false),
        ] {
            assert_eq!(has_price(text), priced, "{text}");
        }
    }

    #[test]
    fn every_feature_is_named_and_declared_types_are_read() {
        use crate::{budget::Budget, config::HtmlOptions, config::HtmlThresholds, vocab::Vocabulary};
        let page = r#"<html><head><script type="application/ld+json">{"@type": ["Product", "Thing"]}</script>
            <meta property="og:type" content="article"></head><body><p>A kettle for $25, in steel.</p></body></html>"#;
        let page = super::super::blocks::build(page, &super::super::Markup::new(), &Budget::unlimited()).unwrap();
        let th = HtmlThresholds::default();
        let counts = super::super::classify::measure(&page, &Vocabulary::new(&Default::default()).unwrap(), &th);
        let selection = super::super::classify::select(&page, &counts, None, &HtmlOptions::default(), &th);
        let x = features(&page, &counts, &selection);
        assert_eq!(x.len(), feature_names().len());
        let declared = |group: &str| x[feature_names().iter().position(|n| *n == format!("declares_{group}")).unwrap()];
        assert_eq!((declared("product"), declared("article"), declared("forum")), (1.0, 1.0, 0.0));
        assert_eq!(x[feature_names().iter().position(|n| n == "price_share").unwrap()], 1.0);
    }

    #[test]
    fn bad_model_files_are_refused() {
        assert!(PageModel::parse("").is_err());
        assert!(PageModel::parse("[types]\nmean\t1").is_err());
    }
}
