//! Options chosen by the caller and the thresholds of the classifier: data
//! alone. The options are checked where they are compiled
//! ([`crate::vocab::Vocabulary::new`]).
//!
//! Every number the classifier compares against lives in [`Thresholds`], with
//! its meaning and the reason for its value in DESIGN.md ("Thresholds").

use crate::error::Error;

/// What a caller may choose. Checked when compiled ([`crate::vocab::Vocabulary::new`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    /// Keep the article's headline: the first kept occurrence of a repeated
    /// headline (later ones always go), and the headline the text opens with.
    /// Off: the article body alone; a headline that occurs more than once is
    /// dropped everywhere.
    pub keep_title: bool,
    /// Languages whose vocabularies are used (ISO 639-1 codes); `None`: all built-in.
    pub languages: Option<Vec<String>>,
    /// Regular expressions (Rust `regex` syntax, case-insensitive): a line in
    /// which one matches is dropped with reason `user-rule`.
    pub extra_patterns: Vec<String>,
    /// Phrases added to the vocabulary as the `user-rule` family: they drop a
    /// line under the same coverage rules as the built-in phrases.
    pub extra_phrases: Vec<String>,
    /// Rule families turned off, by their reason label (see [`Family::name`]),
    /// plus `outside-article` to turn off whole-page article selection.
    pub disable: Vec<String>,
    /// What kind of text the input is; `None`: the cleaner tells from the
    /// text itself. Disabling `outside-article` means [`Regime::Article`].
    pub regime: Option<Regime>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            keep_title: true,
            languages: None,
            extra_patterns: Vec::new(),
            extra_phrases: Vec::new(),
            disable: Vec::new(),
            regime: None,
        }
    }
}

/// The name under which whole-page article selection can be disabled.
pub const REGION_RULE: &str = "outside-article";

impl Options {
    pub(crate) fn disables(&self, name: &str) -> bool {
        self.disable.iter().any(|d| d == name)
    }

    /// The regime asked for: [`Options::regime`], or article text when
    /// whole-page selection is disabled; `None`: the cleaner decides.
    pub fn forced_regime(&self) -> Option<Regime> {
        if self.disables(REGION_RULE) {
            Some(Regime::Article)
        } else {
            self.regime
        }
    }
}

/// What kind of text a text is (DESIGN.md, "Regimes").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Regime {
    /// Content with residue (a scraped article, a feed item): only the residue goes.
    Article,
    /// A whole page's text: its main content is found, the rest goes.
    Page,
}

impl Regime {
    pub fn name(self) -> &'static str {
        match self {
            Regime::Article => "article",
            Regime::Page => "page",
        }
    }

    /// `"article"` or `"page"`; `"auto"` is `None` (the cleaner decides).
    pub fn from_name(name: &str) -> Result<Option<Regime>, Error> {
        match name {
            "auto" => Ok(None),
            "article" => Ok(Some(Regime::Article)),
            "page" => Ok(Some(Regime::Page)),
            _ => Err(Error::InvalidOption(format!("regime: unknown value {name:?}; known: auto, article, page"))),
        }
    }
}

/// The classifier's numbers. Defaults are explained in DESIGN.md.
#[derive(Clone, Debug, PartialEq)]
pub struct Thresholds {
    /// Phrase coverage (matched letters / letters of the line) at or above
    /// which a line belongs to the phrase's family.
    pub phrase_coverage: f32,
    /// A long line also belongs to a family when it holds this many distinct
    /// multi-word phrases of it ...
    pub notice_min_phrases: usize,
    /// ... and they cover at least this share of its letters.
    pub notice_coverage: f32,
    /// A line with more words than this is never a dateline.
    pub dateline_max_words: usize,
    /// An icon run holds at least this many icon names.
    pub icon_min_names: usize,
    /// An icon run has at most this many bytes per icon name on average.
    pub icon_max_bytes_per_name: usize,
    /// Stop-word share above which a tail is prose, not an icon run.
    pub icon_max_stopword_share: f32,
    /// Lines with fewer letters are never reported as duplicates.
    pub duplicate_min_letters: usize,
    /// A unit is prose when it has at least this many words ...
    pub prose_min_words: usize,
    /// ... and at least this share of them are stop words.
    pub prose_min_stopword_share: f32,
    /// A unit of at least this many words, or letters, with sentence
    /// punctuation is prose whatever its stop words (languages without a
    /// stop-word list, scripts without spaces).
    pub prose_long_words: usize,
    pub prose_long_letters: usize,
    /// A stretch next to the article joins it while the running weight of
    /// what lies between stays above minus this much (letters-equivalent).
    pub extend_budget: f32,
    /// A unit that is neither prose nor a short sentence still weighs
    /// nothing (instead of the penalty) when it reads as one long sentence
    /// without its full stop (a standfirst): this many words ...
    pub standfirst_min_words: usize,
    /// ... with at least this share of stop words.
    pub standfirst_min_stopword_share: f32,
    /// Weight added to the prose that follows a comment's byline
    /// ("Alex on May 3, 2019 said:"): comments do not join the article.
    pub comment_penalty: f32,
    /// A comment byline has at most this many words.
    pub comment_byline_max_words: usize,
    /// Weight of a line that is neither prose, a short sentence nor a list
    /// item (menu entries, headlines, bylines), in letters-equivalent.
    pub short_line_penalty: f32,
    /// The k-th non-prose unit in a row weighs `1 + run_growth * (k - 1)`
    /// times its own weight: long runs of short lines are barriers.
    pub run_growth: f32,
    /// While widening, a lone non-prose unit between two units of weight >= 0
    /// weighs this share of its weight.
    pub heading_share: f32,
    /// When at most this many units come before the article (the text
    /// opens with its headline), they stay with it.
    pub title_lines: usize,
    /// The kept lines are classified again until nothing more goes, at
    /// most this many passes in all (DESIGN.md, "Idempotence").
    pub max_passes: usize,
    /// Fragments are joined into a unit at most this many lines long.
    pub unit_max_lines: usize,
    /// In article text, a weak hit among the first or last this many
    /// lines drops its line.
    pub residue_edge_lines: usize,
    /// In article text, a headline among the first `head_lines` lines
    /// equal to one of the this many kept lines before it is a repeat.
    pub near_repeat_lines: usize,
    pub head_lines: usize,
    /// In article text, datelines are the text's own (the dates of posts
    /// or cards) when it has this many.
    pub dateline_structure: usize,
    /// A call to act ("Share it with a friend!") is a line of at most this
    /// many words; a call to an object needs a sentence mark after it
    /// unless its sentence has at most `call_short_words` ("Follow us on Twitter").
    pub call_max_words: usize,
    pub call_short_words: usize,
    /// In article text, a comment notice with a comment byline at most
    /// this many lines below opens the comment section, which goes.
    pub comment_section_lines: usize,
    /// A text of fewer non-blank lines is article text: a whole page's text
    /// has a header, menus and a footer (99% of the benches' exports have more).
    pub page_min_lines: usize,
    /// ... a form's message ("Thanks for signing up!") of at most this many ...
    pub form_max_words: usize,
    /// ... and a moderation notice of at most this many, with a comment
    /// word among the first `notice_opening_words` of a sentence and
    /// `notice_min_moderation` distinct moderation words.
    pub notice_max_words: usize,
    pub notice_opening_words: usize,
    pub notice_min_moderation: usize,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            phrase_coverage: 0.5,
            notice_min_phrases: 3,
            notice_coverage: 0.25,
            dateline_max_words: 12,
            icon_min_names: 3,
            icon_max_bytes_per_name: 24,
            icon_max_stopword_share: 0.1,
            duplicate_min_letters: 12,
            prose_min_words: 8,
            prose_min_stopword_share: 0.15,
            prose_long_words: 25,
            prose_long_letters: 150,
            extend_budget: 90.0,
            standfirst_min_words: 12,
            standfirst_min_stopword_share: 0.25,
            comment_penalty: 1000.0,
            comment_byline_max_words: 16,
            short_line_penalty: 60.0,
            title_lines: 1,
            run_growth: 2.0,
            heading_share: 0.34,
            unit_max_lines: 16,
            max_passes: 4,
            residue_edge_lines: 3,
            near_repeat_lines: 2,
            head_lines: 10,
            dateline_structure: 2,
            call_max_words: 10,
            call_short_words: 5,
            comment_section_lines: 2,
            page_min_lines: 25,
            form_max_words: 12,
            notice_max_words: 60,
            notice_opening_words: 4,
            notice_min_moderation: 2,
        }
    }
}

/// How the HTML extractor trades precision against recall.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Favor {
    /// Only what is surely the article: the text cleaner's article
    /// selection runs over the extracted text as well.
    Precision,
    #[default]
    Balanced,
    /// Rather too much than too little: neighbours of the chosen region
    /// join more easily and no block is dropped for its links alone.
    Recall,
}

impl Favor {
    pub fn from_name(name: &str) -> Result<Favor, Error> {
        match name {
            "precision" => Ok(Favor::Precision),
            "balanced" => Ok(Favor::Balanced),
            "recall" => Ok(Favor::Recall),
            _ => {
                Err(Error::InvalidOption(format!("favor: unknown value {name:?}; known: precision, balanced, recall")))
            }
        }
    }
}

/// How a page's article is written out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// Plain text: a blank line between paragraphs, a line per list item.
    #[default]
    Text,
    /// Markdown (GitHub's flavour): headings, lists, quotes, tables and
    /// fenced code, with the inline markup [`Include`] asks for; text that
    /// would read as markup is escaped.
    Markdown,
    /// Minimal HTML: semantic elements only, no attribute but `href`,
    /// `src` and `alt`, URLs resolved and of safe schemes only.
    Html,
}

impl Format {
    pub fn from_name(name: &str) -> Result<Format, Error> {
        match name {
            "text" => Ok(Format::Text),
            "markdown" => Ok(Format::Markdown),
            "html" => Ok(Format::Html),
            _ => {
                Err(Error::InvalidOption(format!("output_format: unknown value {name:?}; known: text, markdown, html")))
            }
        }
    }
}

/// Bounds on the work one input may cost (DESIGN.md, "Limits"). `None`:
/// unbounded; the default bounds nothing, the Python front sets its own
/// defaults.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Limits {
    /// The largest input read, in bytes (a text's UTF-8 length, bytes as given).
    pub max_input_bytes: Option<usize>,
    /// How long one input may take; the pipelines look at the clock between
    /// their steps and every few hundred lines or tokens inside them.
    pub time_budget: Option<std::time::Duration>,
}

/// What of a page's markup the output keeps. Links, images and formatting
/// show only in Markdown and HTML; tables in every format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Include {
    pub links: bool,
    pub images: bool,
    pub tables: bool,
    /// Emphasis, strong, struck and inline code.
    pub formatting: bool,
}

impl Default for Include {
    fn default() -> Self {
        Include { links: true, images: false, tables: true, formatting: true }
    }
}

/// What a caller may choose for HTML pages, beside the text [`Options`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HtmlOptions {
    /// Put the page's headline before the body.
    pub include_title: bool,
    /// Append the comment section after the body.
    pub include_comments: bool,
    pub favor: Favor,
    pub format: Format,
    pub include: Include,
    /// The page's body is its main content, chosen by the caller (elements
    /// that matched the user's `target` selectors): no region is chosen,
    /// and inside it only blocks in boilerplate or comment markup go.
    pub target: bool,
    /// A page's content is chosen as its judged type asks
    /// ([`crate::html::assess::profile`]); off, as an article's.
    pub type_profiles: bool,
    /// The page's body is its content, as with `target`, but its markup
    /// still counts: no region is chosen, and blocks in boilerplate or
    /// comment markup go (a service or product page's sections).
    pub whole_page: bool,
}

impl Default for HtmlOptions {
    fn default() -> Self {
        HtmlOptions {
            include_title: false,
            include_comments: false,
            favor: Favor::default(),
            format: Format::default(),
            include: Include::default(),
            target: false,
            type_profiles: true,
            whole_page: false,
        }
    }
}

/// The HTML extractor's numbers. Defaults are explained in DESIGN.md
/// ("HTML: thresholds").
#[derive(Clone, Debug, PartialEq)]
pub struct HtmlThresholds {
    /// A block is prose when it has at least this many words ...
    pub prose_min_words: u32,
    /// ... and at least this share of them are stop words, ...
    pub prose_min_stopword_share: f32,
    /// ... or it ends at least this many sentences (pages in a language
    /// without a stop-word list).
    pub prose_min_sentences: u32,
    /// A block mostly in a script written without spaces between words
    /// (Chinese, Japanese, Thai: [`crate::normalize::unspaced`]), whose
    /// words are no measure, is prose with at least this many letters of
    /// it and a sentence end ...
    pub prose_min_unspaced: u32,
    /// ... or this many without one (Thai and Lao mark no sentence end).
    pub prose_min_unspaced_alone: u32,
    /// A block with a larger share of its characters inside links is a link
    /// list, not prose.
    pub max_link_density: f32,
    /// A block that is not prose weighs minus its letters, but never less
    /// than minus this (a heading or a byline between paragraphs costs little).
    pub short_block_penalty: f32,
    /// A boilerplate element (by tag, class or id) counts as such only when
    /// it holds less than this share of the page's prose ...
    pub boilerplate_guard: f32,
    /// ... and a comment section less than this share. Neither guard lifts
    /// a role from an element with fewer prose letters than `guard_min_letters`.
    pub comments_guard: f32,
    pub guard_min_letters: f32,
    /// Elements marked as boilerplate, or as comments, that together hold
    /// at least this share of the page's prose (and leave less than
    /// `guard_min_letters` outside) are its content: a page builder's
    /// widgets (those with `guard_min_letters` of prose lose the role), a
    /// thread's posts.
    pub marked_share: f32,
    /// A sibling of the chosen region joins it when its weight is at least
    /// this share of the region's ...
    pub sibling_share: f32,
    /// ... and at least this many letters-equivalent.
    pub sibling_min_weight: f32,
    /// With [`Favor::Recall`], the sibling share is this instead.
    pub recall_sibling_share: f32,
    /// A block's weight counts towards this many elements, from its own
    /// upwards (its own and its parent whole, the k-th ancestor 1/k): the
    /// region is the element that holds its paragraphs closely.
    pub score_levels: usize,
    /// Siblings are looked for beside the region and beside this many of
    /// its ancestors less one.
    pub sibling_levels: usize,
    /// Blocks that are not prose and have at most this many letters are
    /// dropped from the start and the end of the article.
    pub edge_max_letters: f32,
    /// Pages judged of these types (products, services, ...: content that
    /// is sections of a page, not one body of prose) are their whole body
    /// ([`HtmlOptions::whole_page`]) ...
    pub whole_page_types: &'static [&'static str],
    /// ... these (listings: a news page's headline grid is judged one too
    /// often for the whole body) are chosen as with [`Favor::Recall`] ...
    pub recall_page_types: &'static [&'static str],
    /// ... and on a page judged a forum thread at least this surely, the
    /// posts marked as comments may be content (the block model decides
    /// which) ...
    pub thread_min_probability: f32,
    /// ... or, on a page the block model does not read (under
    /// `block_model_min_blocks`), at least this surely: the region choice
    /// keeps every comment.
    pub thread_min_probability_unscored: f32,
    /// The block model decides on pages of at least this many blocks; on
    /// smaller ones (fragments, short pages: little to learn a page's
    /// shape from, and few such pages to learn from) the region choice stands.
    pub block_model_min_blocks: usize,
    /// A document's text is in the language of a script that at least this
    /// share of its letters are in (Greek, Hangul, kana ...) ...
    pub language_script_share: f32,
    /// ... or else in the built-in language whose stop words it holds at
    /// least this many of, and that scores this many times any other (a
    /// stop word of several languages counts a share for each;
    /// [`crate::language`]).
    pub language_min_stop_words: u32,
    pub language_margin: f32,
}

impl Default for HtmlThresholds {
    fn default() -> Self {
        HtmlThresholds {
            prose_min_words: 8,
            prose_min_stopword_share: 0.15,
            prose_min_sentences: 2,
            prose_min_unspaced: 12,
            prose_min_unspaced_alone: 40,
            max_link_density: 0.7,
            short_block_penalty: 0.0,
            boilerplate_guard: 0.5,
            comments_guard: 0.85,
            guard_min_letters: 250.0,
            marked_share: 0.9,
            sibling_share: 0.4,
            sibling_min_weight: 30.0,
            recall_sibling_share: 0.05,
            score_levels: 4,
            sibling_levels: 3,
            edge_max_letters: 25.0,
            whole_page_types: &["collection", "documentation", "product", "service"],
            recall_page_types: &["listing"],
            thread_min_probability: 0.5,
            thread_min_probability_unscored: 0.95,
            block_model_min_blocks: 30,
            language_script_share: 0.5,
            language_min_stop_words: 4,
            language_margin: 1.5,
        }
    }
}
