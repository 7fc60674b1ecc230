//! unboil-core: strips boilerplate from scraped text and web pages, keeping
//! the main content.
//!
//! Two pipelines, over shared steps. [`decode`] turns bytes into text (and
//! tells a page from text). [`text`] cleans text: lines, their counts, the
//! rules and the article, the kept lines back to text. [`html`] reads a
//! page once (tokenizer, tree builder, blocks), chooses its content and
//! ends in the text pipeline, so residue inside the content's markup goes
//! too. Both read [`normalize`] (text to its normalised words), [`vocab`]
//! (the vocabulary files, compiled) and [`config`] (options and
//! thresholds). [`batch`] runs many inputs on threads.
//!
//! ```
//! use unboil_core::{Cleaner, Options};
//! let cleaner = Cleaner::new(Options::default()).unwrap();
//! let text = "Share on Facebook\nThe council approved the new budget on Tuesday, after a long debate.";
//! assert_eq!(cleaner.clean_text(text).unwrap(), "The council approved the new budget on Tuesday, after a long debate.");
//! ```

use std::borrow::Cow;

pub mod batch;
pub mod budget;
pub mod config;
pub mod decode;
mod error;
pub mod forest;
pub mod html;
pub mod language;
pub mod normalize;
pub mod text;
pub mod vocab;

pub use budget::Budget;
pub use config::{Favor, Format, HtmlOptions, HtmlThresholds, Include, Limits, Options, Regime, Thresholds};
pub use error::Error;
pub use forest::Matrix;
pub use html::{Document, Metadata};
pub use text::classify::{Decision, Reason, Verdict};

/// A configured cleaner: the compiled vocabularies and thresholds.
/// Immutable, so one instance serves any number of threads.
#[derive(Debug)]
pub struct Cleaner {
    options: Options,
    /// The options for text extracted from HTML: whole-page article
    /// selection off, as the extractor has chosen the article already.
    html_text_options: Options,
    thresholds: Thresholds,
    html_thresholds: HtmlThresholds,
    limits: Limits,
    vocab: vocab::Vocabulary,
    markup: html::Markup,
}

/// What the caller hands a [`Cleaner`]: text, or bytes whose encoding is
/// to be worked out (`encoding`: what they were declared to be, e.g. the
/// charset of an HTTP `Content-Type`).
#[derive(Clone, Copy, Debug)]
pub enum Input<'a> {
    Text(&'a str),
    Bytes { bytes: &'a [u8], encoding: Option<&'a str> },
}

impl Input<'_> {
    /// Its length in bytes (a text's in UTF-8).
    pub fn byte_len(&self) -> usize {
        match self {
            Input::Text(text) => text.len(),
            Input::Bytes { bytes, .. } => bytes.len(),
        }
    }

    /// Whether the input is a page, text, or no text at all.
    pub fn content(&self) -> decode::Content {
        match self {
            // Text the caller has is text, whatever control characters it holds.
            Input::Text(text) if decode::opens_like_html(decode::strip_bom(text).as_bytes()) => decode::Content::Html,
            Input::Text(_) => decode::Content::Text,
            Input::Bytes { bytes, .. } => decode::sniff(bytes),
        }
    }
}

/// The decision on one non-blank input line, as [`Cleaner::explain`] reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineReport {
    /// 1-based line number in the input.
    pub number: usize,
    /// The line as it was (without its break and trailing white space).
    pub text: String,
    /// What of the line is kept: all of it, the part before a glued icon
    /// run, or nothing.
    pub kept: Option<String>,
    /// Why: `content` for kept lines, else the family or rule that dropped it.
    pub reason: &'static str,
}

/// What [`Cleaner::explain_page`] says of one block of a page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlockReport {
    /// The block's element path (`body > main > div.story > p`).
    pub path: String,
    /// The block's text as the page shows it.
    pub text: String,
    /// What of it is kept: all of it, the lines the text cleaner kept, or
    /// nothing.
    pub kept: Option<String>,
    /// `content` or `comment` for kept blocks; else why it went
    /// ([`html::classify::Why::label`]), or why the text cleaner dropped
    /// the lines it dropped.
    pub reason: &'static str,
}

/// What an extraction reports beside its document when asked: every block
/// with its decision ([`Cleaner::explain_page`]) and the page's features
/// ([`Cleaner::page_features`]).
#[derive(Debug, Default)]
struct Trace {
    blocks: Vec<BlockReport>,
    page_features: PageFeatures,
    /// For training: the profile the content is chosen with, whatever the
    /// page's judged type.
    force_profile: Option<html::assess::Profile>,
    /// The block model's features of every block ([`html::model::features`]).
    block_features: Matrix,
}

/// A page's features as the page type and confidence models read them
/// ([`html::assess::feature_names`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageFeatures {
    /// Those of the content chosen as an article's: the type is judged on them.
    pub judged_on: Vec<f32>,
    /// Those of the content the text came from (the same unless the
    /// page's type profile chose again): the confidence reads them.
    pub chosen: Vec<f32>,
}

/// What the text cleaner kept of a block of the article, and why it cut
/// the rest (`content` when it cut nothing).
type Cut = (Option<String>, &'static str);

/// The blocks `indices` of `page` that are written: without `tables`,
/// their cells are not (nor cleaned).
fn written<'i>(indices: &'i [usize], page: &html::blocks::Page, tables: bool) -> Cow<'i, [usize]> {
    let cell = |&b: &usize| matches!(page.blocks[b].kind, html::blocks::BlockKind::Cell(_));
    match tables {
        true => Cow::Borrowed(indices),
        false => Cow::Owned(indices.iter().copied().filter(|b| !cell(b)).collect()),
    }
}

/// What an extraction is for: the text alone, or the whole document (and
/// what is traced of it, when asked).
enum Wanted<'t> {
    Text,
    Document(Option<&'t mut Trace>),
}

/// How a page's chosen blocks are written.
struct Writing<'a> {
    page: &'a html::blocks::Page,
    format: Format,
    output: &'a html::format::Output,
    budget: &'a Budget,
}

impl Cleaner {
    pub fn new(options: Options) -> Result<Cleaner, Error> {
        Cleaner::with_thresholds(options, Thresholds::default())
    }

    pub fn with_thresholds(options: Options, thresholds: Thresholds) -> Result<Cleaner, Error> {
        let vocab = vocab::Vocabulary::new(&options)?;
        let mut html_text_options = options.clone();
        html_text_options.disable.push(config::REGION_RULE.to_owned());
        Ok(Cleaner {
            options,
            html_text_options,
            thresholds,
            html_thresholds: HtmlThresholds::default(),
            limits: Limits::default(),
            vocab,
            markup: html::Markup::new(),
        })
    }

    /// Replaces the HTML extractor's thresholds (for tuning and tests).
    pub fn with_html_thresholds(mut self, thresholds: HtmlThresholds) -> Cleaner {
        self.html_thresholds = thresholds;
        self
    }

    /// Sets the bounds on one input's work (none by default).
    pub fn with_limits(mut self, limits: Limits) -> Cleaner {
        self.limits = limits;
        self
    }

    pub fn options(&self) -> &Options {
        &self.options
    }

    /// `Err` when an input of `bytes` bytes is over the size limit (for
    /// callers that decode text before cleaning it: the limit is the input's
    /// as they were given it).
    pub fn check_size(&self, bytes: usize) -> Result<(), Error> {
        match self.limits.max_input_bytes {
            Some(limit) if bytes > limit => Err(Error::InputTooLarge { bytes, limit }),
            _ => Ok(()),
        }
    }

    /// The clock for an input of `bytes` bytes; `Err` when the input is
    /// over the size limit.
    fn start(&self, bytes: usize) -> Result<Budget, Error> {
        self.check_size(bytes)?;
        Ok(Budget::start(self.limits.time_budget))
    }

    /// The text without its boilerplate: kept lines verbatim (a glued icon
    /// run cut off), paragraph breaks as in the input, `\n` line breaks.
    /// `Err` when the text is over the limits ([`Cleaner::with_limits`]).
    pub fn clean_text(&self, text: &str) -> Result<String, Error> {
        let budget = self.start(text.len())?;
        self.clean_with(text, &self.options, &budget)
    }

    fn clean_with(&self, text: &str, options: &Options, budget: &Budget) -> Result<String, Error> {
        let lines = text::segment::lines(text);
        let (decisions, _) = self.decide(&lines, options, budget)?;
        Ok(text::render::render(&lines, &decisions))
    }

    /// The main text of `input`: for a page (told by [`decode::sniff`]),
    /// its article as [`Cleaner::extract`] gives it; for text, the text
    /// minus its boilerplate; for bytes that are no text at all, `""`.
    /// `Err` when the input is over the limits.
    pub fn clean(&self, input: Input<'_>, options: &HtmlOptions) -> Result<String, Error> {
        let budget = self.start(input.byte_len())?;
        match input.content() {
            decode::Content::Html => Ok(self.extract_with(input, None, options, &budget, Wanted::Text)?.text),
            decode::Content::Text => match input {
                Input::Text(text) => self.clean_with(text, &self.options, &budget),
                Input::Bytes { bytes, encoding } => {
                    self.clean_with(&decode::text_bytes_to_text(bytes, encoding), &self.options, &budget)
                }
            },
            decode::Content::Binary => Ok(String::new()),
        }
    }

    /// The article of the page `input` and the page's metadata, in one pass
    /// over it: bytes decoded ([`decode::html_to_text`]; no text at all
    /// gives an empty document), the page parsed as a browser does
    /// ([`html::tree`]), its blocks weighed and chosen, the chosen text
    /// cleaned. `url` is where the page came from, reported when the page
    /// names no canonical address. `Err` when the page is over the limits.
    pub fn extract(&self, input: Input<'_>, url: Option<&str>, options: &HtmlOptions) -> Result<Document, Error> {
        let budget = self.start(input.byte_len())?;
        self.extract_with(input, url, options, &budget, Wanted::Document(None))
    }

    /// The text of [`Cleaner::extract`], without the work only the
    /// document's metadata needs (the language told from the text).
    pub fn extract_text(&self, input: Input<'_>, url: Option<&str>, options: &HtmlOptions) -> Result<String, Error> {
        let budget = self.start(input.byte_len())?;
        Ok(self.extract_with(input, url, options, &budget, Wanted::Text)?.text)
    }

    /// [`Cleaner::extract`], and every block of the page in page order
    /// with its decision, the reason and its element path.
    pub fn explain_page(
        &self,
        input: Input<'_>,
        url: Option<&str>,
        options: &HtmlOptions,
    ) -> Result<(Document, Vec<BlockReport>), Error> {
        let budget = self.start(input.byte_len())?;
        let mut trace = Trace::default();
        let document = self.extract_with(input, url, options, &budget, Wanted::Document(Some(&mut trace)))?;
        Ok((document, trace.blocks))
    }

    /// [`Cleaner::extract`], and the page's features as the page type and
    /// confidence models read them ([`html::assess::feature_names`]; for
    /// training them). With `profile`, the content is chosen so whatever
    /// the page's type.
    pub fn page_features(
        &self,
        input: Input<'_>,
        options: &HtmlOptions,
        profile: Option<html::assess::Profile>,
    ) -> Result<(Document, PageFeatures), Error> {
        let budget = self.start(input.byte_len())?;
        let mut trace = Trace { force_profile: profile, ..Trace::default() };
        let document = self.extract_with(input, None, options, &budget, Wanted::Document(Some(&mut trace)))?;
        Ok((document, trace.page_features))
    }

    /// The block model's features of every block of the page
    /// ([`html::model::feature_names`]; for training it), with the
    /// blocks' text, extracting as [`Cleaner::extract`] does.
    pub fn block_features(&self, input: Input<'_>, options: &HtmlOptions) -> Result<(Vec<String>, Matrix), Error> {
        let budget = self.start(input.byte_len())?;
        let mut trace = Trace::default();
        self.extract_with(input, None, options, &budget, Wanted::Document(Some(&mut trace)))?;
        Ok((trace.blocks.into_iter().map(|b| b.text).collect(), trace.block_features))
    }

    fn extract_with(
        &self,
        input: Input<'_>,
        url: Option<&str>,
        options: &HtmlOptions,
        budget: &Budget,
        wanted: Wanted<'_>,
    ) -> Result<Document, Error> {
        match input {
            Input::Text(page) => self.extract_page(page, url, options, budget, wanted),
            Input::Bytes { bytes, .. } if decode::is_binary(bytes) => Ok(Document::default()),
            Input::Bytes { bytes, encoding } => {
                let (page, _, _) = decode::html_to_text(bytes, encoding);
                self.extract_page(&page, url, options, budget, wanted)
            }
        }
    }

    /// The article of an HTML page as text, with the page's metadata. `url`
    /// is where the page came from, reported when the page names no
    /// canonical address. `Err` when the page is over the limits.
    pub fn extract_html(&self, page: &str, url: Option<&str>, options: &HtmlOptions) -> Result<Document, Error> {
        let budget = self.start(page.len())?;
        self.extract_page(page, url, options, &budget, Wanted::Document(None))
    }

    fn extract_page(
        &self,
        page: &str,
        url: Option<&str>,
        options: &HtmlOptions,
        budget: &Budget,
        wanted: Wanted<'_>,
    ) -> Result<Document, Error> {
        let (document_wanted, mut trace) = match wanted {
            Wanted::Text => (false, None),
            Wanted::Document(trace) => (true, trace),
        };
        let page = decode::strip_bom(page);
        let detail = html::blocks::Detail { labels: trace.is_some(), rich: options.format != Format::Text };
        let page_tree = html::blocks::build_with(page, &self.markup, budget, detail)?;
        budget.check()?;
        let features = html::classify::measure(&page_tree, &self.vocab, &self.html_thresholds);
        let h1 = page_tree.blocks.iter().find(|b| b.kind == html::blocks::BlockKind::Heading(1));
        let metadata = html::meta::metadata(&page_tree.meta, h1.map(|b| b.text.as_str()), url);
        let headline = h1.map(|b| b.text.as_str()).or(metadata.title.as_deref());
        let th = &self.html_thresholds;
        let model = html::assess::PageModel::builtin();
        let letters = features.iter().map(|f| f.letters).sum();
        // The block model decides, unless the caller chose the content
        // (`target`) or asked for the whole page, or the page is small. It
        // reads the region choice as made for `favor` balanced (as it was
        // trained), whatever the caller's `favor`, which sets its cut-off.
        let scoring = !(options.target || options.whole_page || page_tree.blocks.len() < th.block_model_min_blocks);
        let balanced = HtmlOptions { favor: Favor::Balanced, ..*options };
        let options_chosen = if scoring { &balanced } else { options };
        let mut selection = html::classify::select(&page_tree, &features, headline, options_chosen, th);
        let judged_on = html::assess::features(&page_tree, &features, &selection);
        let judged = model.judge(&judged_on, letters);
        // A page of a type whose content is more than an article's body is
        // chosen again as its type asks ([`html::assess::profile`]).
        let profile = match trace.as_ref().and_then(|t| t.force_profile) {
            Some(forced) => forced,
            None => html::assess::profile(&judged, &selection, options_chosen, scoring, th),
        };
        let second = match profile {
            html::assess::Profile::Article => None,
            profile => {
                Some(html::classify::select(&page_tree, &features, headline, &profile.options(options_chosen), th))
            }
        };
        let choice = html::model::Choice {
            first: &selection,
            second: second.as_ref().unwrap_or(&selection),
            profile,
            judged: &judged,
            headline,
        };
        // The block features are computed where the model reads them or a
        // trace asks for them (for training it), only.
        let blocks_x = match scoring || trace.is_some() {
            true => html::model::features(&page_tree, &features, &choice),
            false => Matrix::new(0, 0),
        };
        let scored = match scoring {
            false => None,
            true => {
                let scores = html::model::BlockModel::builtin().scores(&blocks_x);
                html::model::select(&page_tree, &scores, &choice, options.favor, options.include_comments)
            }
        };
        if let Some(trace) = trace.as_mut() {
            trace.block_features = blocks_x;
        }
        let marked = std::mem::take(&mut selection.marked);
        // `chosen`: the features of the content chosen, when it is not the first choice.
        let (selection, chosen) = match scored.or(second) {
            None => (selection, None),
            Some(chosen) => {
                let x = html::assess::features(&page_tree, &features, &chosen);
                (chosen, Some(x))
            }
        };
        // A page without prose, where nothing was chosen, has the plain
        // blocks of the elements it marks as content as its article.
        let selection = selection.or_marked(marked);
        budget.check()?;
        let text_options = match options.favor {
            Favor::Precision => &self.options,
            Favor::Balanced | Favor::Recall => &self.html_text_options,
        };
        let mut text = String::new();
        if let Some(title) = headline.filter(|_| options.include_title) {
            match options.format {
                Format::Text => text.push_str(title),
                format => html::format::title(title, format, &mut text),
            }
            text.push_str("\n\n");
        }
        // The page's address resolves URLs: of the markup written, and of
        // the document's image. Plain text wanting no document needs none.
        let base = match options.format != Format::Text || document_wanted {
            true => html::format::Base::new(
                page_tree.meta.base.as_deref(),
                url,
                page_tree.meta.canonical.as_deref().or(metadata.url.as_deref()),
            ),
            false => html::format::Base::default(),
        };
        let output = html::format::Output { include: options.include, base };
        let write = Writing { page: &page_tree, format: options.format, output: &output, budget };
        let tables = |indices| written(indices, &page_tree, options.include.tables);
        let mut cuts = trace.as_ref().map(|_| Vec::new());
        let article = tables(&selection.article);
        let body = text.len();
        self.write_blocks(&article, &write, Some(text_options), &mut text, cuts.as_mut())?;
        if !selection.comments.is_empty() {
            text.push_str("\n\n");
            self.write_blocks(&tables(&selection.comments), &write, None, &mut text, None)?;
        }
        // A page whose body gives no text (its content drawn by scripts)
        // gives what it says of itself: its description, else the headline
        // its body holds (a link post's title), unless that is written already.
        if text[body..].trim().is_empty() {
            let description = metadata.description.as_deref().map(str::trim).filter(|d| !d.is_empty());
            let said = description.or_else(|| {
                headline.filter(|h| !options.include_title && page_tree.blocks.iter().any(|b| b.text == *h))
            });
            if let Some(said) = said {
                text.truncate(body);
                // A description may be markup itself (HTML in JSON-LD, or
                // escaped in an attribute: `&lt;p&gt;`): then it is read as
                // a fragment of a page and its blocks written whole. A
                // headline is the page's text, whatever it holds.
                match description.filter(|d| html::meta::holds_markup(d)) {
                    Some(markup) => {
                        let fragment = html::blocks::build_with(markup, &self.markup, budget, detail)?;
                        let all: Vec<usize> = (0..fragment.blocks.len()).collect();
                        let write = Writing { page: &fragment, ..write };
                        self.write_blocks(&all, &write, None, &mut text, None)?;
                    }
                    None => html::format::paragraph(said, options.format, &mut text),
                }
            }
        }
        let confidence = model.confidence(chosen.as_ref().unwrap_or(&judged_on), &judged);
        let mut metadata = metadata;
        if document_wanted {
            let chosen_text = selection.article.iter().map(|&b| page_tree.blocks[b].text.as_str());
            metadata.language = language::settle(metadata.language.as_deref(), language::detect(chosen_text, th));
            metadata.image = metadata.image.and_then(|image| output.base.resolve(&image, true));
        }
        if let (Some(trace), Some(cuts)) = (trace, cuts) {
            trace.blocks = block_reports(&page_tree, &selection, &article, cuts);
            trace.page_features = PageFeatures { chosen: chosen.unwrap_or_else(|| judged_on.clone()), judged_on };
        }
        Ok(Document { text: text.trim().to_owned(), metadata, page_type: judged.page_type, confidence })
    }

    /// Appends the page's blocks `indices` to `out`, as the format asks.
    /// With `clean_with`, the text cleaner decides on their lines first (the
    /// lines of preformatted blocks stay whatever it decides); without, they
    /// are written as they are. `cuts` gets what was kept of each block.
    fn write_blocks(
        &self,
        indices: &[usize],
        write: &Writing<'_>,
        clean_with: Option<&Options>,
        out: &mut String,
        cuts: Option<&mut Vec<Cut>>,
    ) -> Result<(), Error> {
        let blocks: Vec<&html::blocks::Block> = indices.iter().map(|&b| &write.page.blocks[b]).collect();
        let mut raw = String::new();
        let rendered = html::render::render(&blocks, &mut raw);
        if clean_with.is_none() && write.format == Format::Text && cuts.is_none() {
            out.push_str(&raw);
            return Ok(());
        }
        let lines = text::segment::lines(&raw);
        let decisions = match clean_with {
            Some(options) => {
                let (mut decisions, _) = self.decide(&lines, options, write.budget)?;
                html::render::keep_preformatted(&lines, &mut decisions, &rendered.owners, &blocks);
                decisions
            }
            None => text::classify::keep_all(&lines),
        };
        if let Some(cuts) = cuts {
            *cuts = block_cuts(&lines, &decisions, &rendered.owners, &blocks);
        }
        match write.format {
            Format::Text => out.push_str(&text::render::render(&lines, &decisions)),
            format => {
                let kept = html::render::kept_ranges(&raw, &lines, &decisions, &rendered.starts, &blocks);
                html::format::write(&blocks, &kept, format, write.output, out);
            }
        }
        Ok(())
    }

    /// The decision on every non-blank line (blank lines only separate
    /// paragraphs), and the regime the text was cleaned in.
    /// `Err` when the text is over the limits.
    pub fn explain(&self, text: &str) -> Result<(Vec<LineReport>, Verdict), Error> {
        let budget = self.start(text.len())?;
        let lines = text::segment::lines(text);
        let (decisions, verdict) = self.decide(&lines, &self.options, &budget)?;
        let reports = lines.iter().zip(&decisions).map(|(line, d)| LineReport {
            number: line.number,
            text: line.text.to_owned(),
            kept: (d.kept_len > 0).then(|| line.text[..d.kept_len].to_owned()),
            reason: d.reason.label(),
        });
        Ok((reports.collect(), verdict))
    }

    /// What the line model reads of `text`, for training it: the input
    /// line number of each row, and the first model's features, or with
    /// `scores` (the first model's, one per row) the second model's.
    pub fn model_features(&self, text: &str, scores: Option<&[f32]>) -> Result<(Vec<usize>, Matrix), Error> {
        let (lines, x) = self.read_for_model(text);
        let numbers = lines.iter().map(|l| l.number).collect();
        Ok(match scores {
            None => (numbers, x),
            Some(p) => (numbers, text::model::context_features(&x, one_per_row(p, &x)?)),
        })
    }

    /// The regime model's features of `text` (for training it), from the
    /// line scores given (one per line) or the compiled line model's.
    pub fn regime_features(&self, text: &str, scores: Option<&[f32]>) -> Result<Vec<f32>, Error> {
        let (_, x) = self.read_for_model(text);
        let scores = match scores {
            Some(p) => one_per_row(p, &x)?.to_vec(),
            None => text::model::line_scores(text::model::LineModel::builtin(), &x),
        };
        Ok(text::model::regime_features(&x, &scores, &self.thresholds))
    }

    /// The lines of `text` and the first model's features of them, as
    /// [`text::classify::decide`] reads them.
    fn read_for_model<'t>(&self, text: &'t str) -> (Vec<text::segment::Line<'t>>, Matrix) {
        let th = &self.thresholds;
        let lines = text::segment::lines(text);
        let analysis = text::residue::analyse_lines(&lines, &self.vocab, &self.options, th, &Budget::unlimited())
            .expect("an unlimited budget lasts");
        let all: Vec<&text::residue::Analysed> = analysis.lines.iter().collect();
        let reading = text::model::read(&lines, &all, &analysis.keys, self.options.keep_title, th);
        (lines, reading.x)
    }

    /// Decides in the regime the options ask for or the text shows, then
    /// again on the kept lines until nothing more goes (at most
    /// `max_passes` times): the result is what cleaning the output again
    /// keeps, so cleaning is idempotent. The line rules run once; each pass
    /// only drops lines and is linear in the input.
    fn decide(
        &self,
        lines: &[text::segment::Line<'_>],
        options: &Options,
        budget: &Budget,
    ) -> Result<(Vec<Decision>, Verdict), Error> {
        let th = &self.thresholds;
        let analysis = text::residue::analyse_lines(lines, &self.vocab, options, th, budget)?;
        budget.check()?;
        let all: Vec<&text::residue::Analysed> = analysis.lines.iter().collect();
        let regime = options.forced_regime();
        let (mut decisions, verdict) = text::classify::decide(lines, &all, &analysis.keys, regime, options, th);
        // What is left of a page asked to be read as one is its content; left
        // to the cleaner, each pass tells again (a fixed point: idempotent).
        let again_as = if regime == Some(Regime::Page) { Some(Regime::Article) } else { regime };
        for _ in 1..th.max_passes {
            if decisions.iter().zip(lines).all(|(d, line)| d.kept_len == line.text.len()) {
                break; // nothing cut: a pass would read the same lines again
            }
            budget.check()?;
            let (index, kept) = text::render::kept_lines(lines, &decisions);
            let subset: Vec<&text::residue::Analysed> = index.iter().map(|&i| &analysis.lines[i]).collect();
            let (again, _) = text::classify::decide(&kept, &subset, &analysis.keys, again_as, options, th);
            let mut changed = false;
            for (&i, d) in index.iter().zip(&again) {
                if d.kept_len == 0 {
                    decisions[i] = *d;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        Ok((decisions, verdict))
    }
}

/// What the text cleaner's `decisions` on `lines` kept of each of the
/// `blocks` they were rendered from (`owners`: [`html::render::render`]'s).
/// The cells of a table row share its line, so its fate.
fn block_cuts(
    lines: &[text::segment::Line<'_>],
    decisions: &[Decision],
    owners: &[u32],
    blocks: &[&html::blocks::Block],
) -> Vec<Cut> {
    let mut kept: Vec<Vec<&str>> = vec![Vec::new(); blocks.len()];
    let mut why: Vec<&'static str> = vec!["content"; blocks.len()];
    for (line, d) in lines.iter().zip(decisions) {
        let Some(&owner) = owners.get(line.number - 1).filter(|&&o| (o as usize) < blocks.len()) else { continue };
        let owner = owner as usize;
        if d.kept_len > 0 {
            kept[owner].push(&line.text[..d.kept_len]);
        }
        if d.kept_len < line.text.len() && why[owner] == "content" {
            why[owner] = d.reason.label();
        }
    }
    let mut cuts: Vec<Cut> = Vec::with_capacity(blocks.len());
    for (i, block) in blocks.iter().enumerate() {
        let row_goes_on = matches!((i.checked_sub(1).map(|p| blocks[p].kind), block.kind),
            (Some(html::blocks::BlockKind::Cell(a)), html::blocks::BlockKind::Cell(b)) if a == b);
        let cut = match cuts.last() {
            Some((kept_row, reason)) if row_goes_on => (kept_row.as_ref().map(|_| block.text.clone()), *reason),
            _ if why[i] == "content" => (Some(block.text.clone()), "content"),
            _ if kept[i].is_empty() => (None, why[i]),
            _ => (Some(kept[i].join("\n")), why[i]),
        };
        cuts.push(cut);
    }
    cuts
}

/// Every block of `page` with its decision and reason: the `selection`'s,
/// and for the article's blocks written (`written`: all but the cells of
/// tables left out) the text cleaner's `cuts`.
fn block_reports(
    page: &html::blocks::Page,
    selection: &html::classify::Selection,
    written: &[usize],
    cuts: Vec<Cut>,
) -> Vec<BlockReport> {
    let mut cuts = written.iter().copied().zip(cuts).peekable();
    // The comments written (in block order); a comment block the caller
    // did not ask for (a thread's, read with comments) is not.
    let mut comments = selection.comments.iter().copied().peekable();
    let mut reports = Vec::with_capacity(page.blocks.len());
    for (b, block) in page.blocks.iter().enumerate() {
        let why = selection.why[b];
        let written_comment = comments.next_if_eq(&b).is_some();
        let (kept, reason) = match cuts.next_if(|(a, _)| *a == b) {
            Some((_, cut)) => cut,
            None if written_comment => (Some(block.text.clone()), why.label()),
            None if why == html::classify::Why::Comment => (None, html::classify::Why::CommentSection.label()),
            None if why == html::classify::Why::Content => (None, TABLES_LEFT_OUT),
            None => (None, why.label()),
        };
        let path = if block.node == html::blocks::NONE { String::new() } else { page.path(block.node) };
        reports.push(BlockReport { path, text: block.text.clone(), kept, reason });
    }
    reports
}

/// The reason `explain` gives for a cell of the content left out with
/// `include_tables` off.
const TABLES_LEFT_OUT: &str = "tables-left-out";

/// `scores`, when they are one per row of `x`.
fn one_per_row<'s>(scores: &'s [f32], x: &Matrix) -> Result<&'s [f32], Error> {
    if scores.len() == x.rows() {
        Ok(scores)
    } else {
        Err(Error::InvalidOption(format!("scores: {} for {} lines", scores.len(), x.rows())))
    }
}
