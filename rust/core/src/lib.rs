//! unboil-core: strips boilerplate from scraped text, keeping the article.
//!
//! The data flows through one module per step:
//! [`decode`] (bytes to text), [`segment`] (text to lines), [`features`]
//! (per-line counts), [`classify`] (rules, the article, repeats) and
//! [`render`] (kept lines back to text). [`vocab`] compiles the vocabulary
//! files the rules read; [`config`] holds the options and thresholds.
//!
//! ```
//! use unboil_core::{Cleaner, Options};
//! let cleaner = Cleaner::new(Options::default()).unwrap();
//! let text = "Share on Facebook\nThe council approved the new budget on Tuesday, after a long debate.";
//! assert_eq!(cleaner.clean_text(text), "The council approved the new budget on Tuesday, after a long debate.");
//! ```

pub mod classify;
pub mod config;
pub mod decode;
mod error;
pub mod features;
pub mod render;
pub mod segment;
pub mod vocab;

pub use classify::{Decision, Reason};
pub use config::{Options, Thresholds};
pub use error::Error;

/// A configured cleaner: the compiled vocabularies and thresholds.
/// Immutable, so one instance serves any number of threads.
#[derive(Debug)]
pub struct Cleaner {
    options: Options,
    thresholds: Thresholds,
    vocab: vocab::Vocabulary,
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

impl Cleaner {
    pub fn new(options: Options) -> Result<Cleaner, Error> {
        Cleaner::with_thresholds(options, Thresholds::default())
    }

    pub fn with_thresholds(options: Options, thresholds: Thresholds) -> Result<Cleaner, Error> {
        options.validate()?;
        let vocab = vocab::Vocabulary::new(&options)?;
        Ok(Cleaner { options, thresholds, vocab })
    }

    pub fn options(&self) -> &Options {
        &self.options
    }

    /// The text without its boilerplate: kept lines verbatim (a glued icon
    /// run cut off), paragraph breaks as in the input, `\n` line breaks.
    pub fn clean_text(&self, text: &str) -> String {
        let lines = segment::lines(decode::strip_bom(text));
        let decisions = self.decide(&lines);
        render::render(&lines, &decisions)
    }

    /// The decision on every non-blank line (blank lines only separate paragraphs).
    pub fn explain(&self, text: &str) -> Vec<LineReport> {
        let lines = segment::lines(decode::strip_bom(text));
        let decisions = self.decide(&lines);
        let reports = lines.iter().zip(&decisions).map(|(line, d)| LineReport {
            number: line.number,
            text: line.text.to_owned(),
            kept: (d.kept_len > 0).then(|| line.text[..d.kept_len].to_owned()),
            reason: d.reason.label(),
        });
        reports.collect()
    }

    /// Runs the line rules once, then decides, then decides again on the
    /// kept lines until nothing more goes (at most `max_passes` times): the
    /// result is what cleaning the output again would keep, so cleaning is
    /// idempotent. Each pass only drops lines and is linear in the input.
    fn decide(&self, lines: &[segment::Line<'_>]) -> Vec<Decision> {
        let (options, th) = (&self.options, &self.thresholds);
        let analysed = classify::analyse_lines(lines, &self.vocab, options, th);
        let all: Vec<&classify::Analysed> = analysed.iter().collect();
        let mut decisions = classify::decide(lines, &all, options, th);
        for _ in 1..th.max_passes {
            let (index, kept) = render::kept_lines(lines, &decisions);
            let subset: Vec<&classify::Analysed> = index.iter().map(|&i| &analysed[i]).collect();
            let again = classify::decide(&kept, &subset, options, th);
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
        decisions
    }
}

