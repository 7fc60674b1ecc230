//! The vocabularies: data files compiled into the library, parsed once per
//! [`crate::Cleaner`] into lookup tables and one phrase automaton.
//!
//! `data/lang/<code>.txt` holds one language's stop words, date words and
//! boilerplate phrases; `data/icons.txt` the names icon fonts print;
//! `data/shapes.txt` the language-independent line shapes (regexes). The
//! file format is described in DESIGN.md ("Vocabulary files").

use aho_corasick::{AhoCorasick, MatchKind};
use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::config::Options;
use crate::error::Error;

/// Built-in languages: code and vocabulary file.
pub const LANGUAGES: &[(&str, &str)] = &[
    ("en", include_str!("../data/lang/en.txt")),
    ("de", include_str!("../data/lang/de.txt")),
    ("fr", include_str!("../data/lang/fr.txt")),
    ("es", include_str!("../data/lang/es.txt")),
    ("ru", include_str!("../data/lang/ru.txt")),
    ("it", include_str!("../data/lang/it.txt")),
    ("pt", include_str!("../data/lang/pt.txt")),
    ("nl", include_str!("../data/lang/nl.txt")),
];
const ICONS: &str = include_str!("../data/icons.txt");
const SHAPES: &str = include_str!("../data/shapes.txt");

/// A rule family: why a line that a rule recognised is dropped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Family {
    IconString,
    CommentNotice,
    MediaWidget,
    SharePrompt,
    CookieNotice,
    Newsletter,
    Navigation,
    Advertisement,
    Copyright,
    Dateline,
    Duplicate,
    UserRule,
}

impl Family {
    pub const ALL: [Family; 12] = [
        Family::IconString,
        Family::CommentNotice,
        Family::MediaWidget,
        Family::SharePrompt,
        Family::CookieNotice,
        Family::Newsletter,
        Family::Navigation,
        Family::Advertisement,
        Family::Copyright,
        Family::Dateline,
        Family::Duplicate,
        Family::UserRule,
    ];

    /// The reason label, also the section name in the vocabulary files.
    pub fn name(self) -> &'static str {
        match self {
            Family::IconString => "icon-string",
            Family::CommentNotice => "comment-notice",
            Family::MediaWidget => "media-widget",
            Family::SharePrompt => "share-prompt",
            Family::CookieNotice => "cookie-notice",
            Family::Newsletter => "newsletter",
            Family::Navigation => "navigation",
            Family::Advertisement => "advertisement",
            Family::Copyright => "copyright",
            Family::Dateline => "dateline",
            Family::Duplicate => "duplicate",
            Family::UserRule => "user-rule",
        }
    }

    pub fn from_name(name: &str) -> Option<Family> {
        Family::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// What a date word is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateWord {
    Month,
    Weekday,
    /// A word that decorates a dateline ("updated", "am", "GMT", "ago").
    Decor,
}

/// One phrase of the automaton.
#[derive(Clone, Copy, Debug)]
pub struct Phrase {
    pub family: Family,
    pub multiword: bool,
}

/// The compiled vocabularies of the enabled languages and families.
#[derive(Debug)]
pub struct Vocabulary {
    /// Codes of the enabled languages; bit `i` of a stop-word mask is `languages[i]`.
    pub languages: Vec<&'static str>,
    stopwords: FxHashMap<Box<str>, u16>,
    date_words: FxHashMap<Box<str>, DateWord>,
    comment_verbs: FxHashSet<Box<str>>,
    icons: FxHashSet<Box<str>>,
    phrases: Option<AhoCorasick>,
    phrase_info: Vec<Phrase>,
    shapes: RegexSet,
    shape_families: Vec<Family>,
    user_patterns: Option<RegexSet>,
}

impl Vocabulary {
    pub fn new(options: &Options) -> Result<Vocabulary, Error> {
        let enabled = |family: Family| !options.disables(family.name());
        let mut vocab = Vocabulary {
            languages: Vec::new(),
            stopwords: FxHashMap::default(),
            date_words: FxHashMap::default(),
            comment_verbs: FxHashSet::default(),
            icons: ICONS.split_whitespace().map(Box::from).collect(),
            phrases: None,
            phrase_info: Vec::new(),
            shapes: RegexSet::empty(),
            shape_families: Vec::new(),
            user_patterns: None,
        };
        let mut phrase_family: FxHashMap<String, Family> = FxHashMap::default();
        let mut phrase_order: Vec<String> = Vec::new();
        let mut add_phrase = |text: &str, family: Family| {
            let key = normalize(text);
            if !key.is_empty() && !phrase_family.contains_key(&key) {
                phrase_family.insert(key.clone(), family);
                phrase_order.push(key);
            }
        };
        for &(code, file) in LANGUAGES {
            if let Some(wanted) = &options.languages {
                if !wanted.iter().any(|w| w == code) {
                    continue;
                }
            }
            let bit = 1u16 << vocab.languages.len();
            vocab.languages.push(code);
            for (section, body) in sections(file) {
                match section {
                    "stopwords" => {
                        for word in body.split_whitespace() {
                            *vocab.stopwords.entry(normalize(word).into()).or_default() |= bit;
                        }
                    }
                    "comment-verbs" => {
                        vocab.comment_verbs.extend(body.split_whitespace().map(|w| normalize(w).into()));
                    }
                    "months" | "weekdays" | "dateline" => {
                        let kind = match section {
                            "months" => DateWord::Month,
                            "weekdays" => DateWord::Weekday,
                            _ => DateWord::Decor,
                        };
                        for word in body.split_whitespace() {
                            // Dots split date tokens ("a.m." is "a", "m"), so they go here too.
                            for part in normalize(word).split('.').filter(|p| !p.is_empty()) {
                                vocab.date_words.entry(part.into()).or_insert(kind);
                            }
                        }
                    }
                    name => {
                        let family = Family::from_name(name).unwrap_or_else(|| {
                            panic!("data/lang/{code}.txt: unknown section [{name}]")
                        });
                        if enabled(family) {
                            for phrase in body.lines().map(str::trim).filter(|l| !l.is_empty()) {
                                add_phrase(phrase, family);
                            }
                        }
                    }
                }
            }
        }
        for phrase in &options.extra_phrases {
            add_phrase(phrase, Family::UserRule);
        }
        vocab.phrase_info = phrase_order
            .iter()
            .map(|p| Phrase { family: phrase_family[p], multiword: p.contains(' ') })
            .collect();
        if !phrase_order.is_empty() {
            let automaton = AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(&phrase_order)
                .expect("the phrase automaton builds from plain strings");
            vocab.phrases = Some(automaton);
        }

        let (mut patterns, mut families) = (Vec::new(), Vec::new());
        for line in SHAPES.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (name, pattern) = line.split_once('\t').expect("data/shapes.txt: family<TAB>regex");
            let family = Family::from_name(name.trim()).expect("data/shapes.txt: known family");
            if enabled(family) {
                patterns.push(pattern.trim().to_owned());
                families.push(family);
            }
        }
        vocab.shapes = RegexSet::new(&patterns).expect("data/shapes.txt: valid regexes");
        vocab.shape_families = families;

        if !options.extra_patterns.is_empty() {
            for pattern in &options.extra_patterns {
                user_regex(pattern)?;
            }
            let set = RegexSetBuilder::new(&options.extra_patterns)
                .case_insensitive(true)
                .size_limit(USER_REGEX_SIZE_LIMIT)
                .build()
                .map_err(|e| Error::InvalidPattern {
                    pattern: options.extra_patterns.join(" | "),
                    message: e.to_string(),
                })?;
            vocab.user_patterns = Some(set);
        }
        Ok(vocab)
    }

    /// Stop-word mask of a lower-cased word (0: no language lists it).
    pub fn stopword_mask(&self, word: &str) -> u16 {
        self.stopwords.get(word).copied().unwrap_or(0)
    }

    pub fn date_word(&self, word: &str) -> Option<DateWord> {
        self.date_words.get(word).copied()
    }

    /// Verbs that end a comment's byline ("Alex on May 3, 2019 said:").
    pub fn is_comment_verb(&self, word: &str) -> bool {
        self.comment_verbs.contains(word)
    }

    pub fn is_icon_name(&self, word: &str) -> bool {
        self.icons.contains(word)
    }

    pub fn phrases(&self) -> Option<&AhoCorasick> {
        self.phrases.as_ref()
    }

    pub fn phrase(&self, index: usize) -> Phrase {
        self.phrase_info[index]
    }

    /// The family of the first shape the (normalised) line matches.
    pub fn shape_family(&self, normalized: &str) -> Option<Family> {
        if !self.shapes.is_match(normalized) {
            return None;
        }
        self.shapes.matches(normalized).iter().next().map(|i| self.shape_families[i])
    }

    /// Whether a user pattern matches the (original) line.
    pub fn user_pattern_matches(&self, line: &str) -> bool {
        self.user_patterns.as_ref().is_some_and(|set| set.is_match(line))
    }
}

/// Compiled size limit of user patterns: enough for long alternations,
/// small enough that a hostile pattern fails to build instead of eating memory.
const USER_REGEX_SIZE_LIMIT: usize = 8 << 20;

/// Compiles one user pattern alone, so an error names the pattern at fault.
fn user_regex(pattern: &str) -> Result<Regex, Error> {
    RegexBuilder::new(pattern)
        .case_insensitive(true)
        .size_limit(USER_REGEX_SIZE_LIMIT)
        .build()
        .map_err(|e| Error::InvalidPattern { pattern: pattern.to_owned(), message: e.to_string() })
}

/// Splits a vocabulary file into `(section, body)` pairs, dropping comments.
fn sections(file: &str) -> Vec<(&str, String)> {
    let mut out: Vec<(&str, String)> = Vec::new();
    for line in file.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            out.push((name, String::new()));
        } else if let Some((_, body)) = out.last_mut() {
            body.push_str(line);
            body.push('\n');
        }
    }
    out
}

/// Lower-cases `text`, folds typographic quotes and dashes to ASCII and
/// collapses white space: the form phrases are matched in.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    normalize_into(text, &mut out);
    out
}

/// [`normalize`] into a reused buffer (cleared first).
pub fn normalize_into(text: &str, out: &mut String) {
    out.clear();
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{B4}' => {
                out.push('\'')
            }
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{AB}' | '\u{BB}' => out.push('"'),
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' => out.push('-'),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_file_parses_into_known_sections() {
        for (code, file) in LANGUAGES {
            let names: Vec<&str> = sections(file).into_iter().map(|(n, _)| n).collect();
            assert!(names.contains(&"stopwords"), "{code}: no [stopwords]");
            for name in names {
                assert!(
                    matches!(name, "stopwords" | "months" | "weekdays" | "dateline" | "comment-verbs")
                        || Family::from_name(name).is_some(),
                    "{code}: unknown section [{name}]"
                );
            }
        }
        Vocabulary::new(&Options::default()).unwrap();
    }

    #[test]
    fn normalizes_table() {
        let cases = [
            ("  Hello   World ", "hello world"),
            ("Don\u{2019}t \u{201C}Share\u{201D}", "don't \"share\""),
            ("ÜBER\tALLES", "über alles"),
            ("ПОДЕЛИТЬСЯ", "поделиться"),
            ("a\u{2014}b", "a-b"),
        ];
        for (input, want) in cases {
            assert_eq!(normalize(input), want, "input {input:?}");
        }
    }

    #[test]
    fn languages_filter_stopwords() {
        let only_de = Options { languages: Some(vec!["de".into()]), ..Options::default() };
        let vocab = Vocabulary::new(&only_de).unwrap();
        assert_eq!(vocab.languages, vec!["de"]);
        assert_eq!(vocab.stopword_mask("the"), 0);
        assert_ne!(vocab.stopword_mask("und"), 0);
    }

    #[test]
    fn rejects_bad_user_pattern() {
        let bad = Options { extra_patterns: vec!["(unclosed".into()], ..Options::default() };
        assert!(matches!(Vocabulary::new(&bad), Err(Error::InvalidPattern { .. })));
    }
}
