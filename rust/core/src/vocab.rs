//! The vocabularies: data files compiled into the library, parsed once per
//! [`crate::Cleaner`] into one word table, a phrase trie and the shape regexes.
//!
//! `data/lang/<code>.txt` holds one language's stop words, date words and
//! boilerplate phrases; `data/icons.txt` the names icon fonts print;
//! `data/shapes.txt` the language-independent line shapes (regexes). The
//! file format is described in DESIGN.md ("Vocabulary files").

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
    Caption,
    Dateline,
    Duplicate,
    UserRule,
}

impl Family {
    pub const ALL: [Family; 13] = [
        Family::IconString,
        Family::CommentNotice,
        Family::MediaWidget,
        Family::SharePrompt,
        Family::CookieNotice,
        Family::Newsletter,
        Family::Navigation,
        Family::Advertisement,
        Family::Copyright,
        Family::Caption,
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
            Family::Caption => "caption",
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

/// One boilerplate phrase.
#[derive(Clone, Copy, Debug)]
pub struct Phrase {
    pub family: Family,
    pub multiword: bool,
}

/// What the vocabulary knows of a word.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Word {
    /// Bit `i` set: a stop word of `languages[i]`.
    pub stop_mask: u16,
    /// Its id among the words of the boilerplate phrases.
    pub phrase_word: Option<u32>,
}

/// A word of a line, as phrase matching sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineWord {
    pub phrase_word: Option<u32>,
    pub letters: u32,
}

/// The compiled vocabularies of the enabled languages and families.
#[derive(Debug)]
pub struct Vocabulary {
    /// Codes of the enabled languages; bit `i` of a stop-word mask is `languages[i]`.
    pub languages: Vec<&'static str>,
    words: FxHashMap<Box<str>, Word>,
    /// Bytes of the longest word in `words`: longer words need no lookup.
    longest_word: usize,
    date_words: FxHashMap<Box<str>, DateWord>,
    comment_verbs: FxHashSet<Box<str>>,
    icons: FxHashSet<Box<str>>,
    /// The phrases as a trie over phrase-word ids: `(node, word) -> node`,
    /// node 0 the root; `node_phrase[node]` is the phrase ending there.
    trie: FxHashMap<(u32, u32), u32>,
    /// How many distinct words the phrases have (the next phrase-word id).
    phrase_words: u32,
    node_phrase: Vec<Option<u32>>,
    phrase_info: Vec<Phrase>,
    /// Whole-line shapes (patterns opening with `^`), tried on lines of at
    /// most [`SHAPE_MAX_BYTES`] ...
    shapes: ShapeSet,
    /// ... and line-end shapes, tried on a line's last [`SHAPE_MAX_BYTES`].
    endings: ShapeSet,
    /// A line needs one of the `requires` characters of data/shapes.txt for
    /// any shape to match; this marks the first byte of each.
    shape_bytes: [bool; 256],
    user_patterns: Option<RegexSet>,
}

impl Vocabulary {
    pub fn new(options: &Options) -> Result<Vocabulary, Error> {
        let enabled = |family: Family| !options.disables(family.name());
        let mut vocab = Vocabulary {
            languages: Vec::new(),
            words: FxHashMap::default(),
            longest_word: 0,
            date_words: FxHashMap::default(),
            comment_verbs: FxHashSet::default(),
            icons: ICONS.split_whitespace().map(Box::from).collect(),
            trie: FxHashMap::default(),
            phrase_words: 0,
            node_phrase: vec![None],
            phrase_info: Vec::new(),
            shapes: ShapeSet::default(),
            endings: ShapeSet::default(),
            shape_bytes: [false; 256],
            user_patterns: None,
        };
        let mut phrases: Vec<(String, Family)> = Vec::new();
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
                            vocab.words.entry(normalize(word).into()).or_default().stop_mask |= bit;
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
                        let family = Family::from_name(name)
                            .unwrap_or_else(|| panic!("data/lang/{code}.txt: unknown section [{name}]"));
                        if enabled(family) {
                            let lines = body.lines().map(str::trim).filter(|l| !l.is_empty());
                            phrases.extend(lines.map(|phrase| (phrase.to_owned(), family)));
                        }
                    }
                }
            }
        }
        phrases.extend(options.extra_phrases.iter().map(|p| (p.clone(), Family::UserRule)));
        for (phrase, family) in &phrases {
            vocab.add_phrase(phrase, *family);
        }
        vocab.longest_word = vocab.words.keys().map(|w| w.len()).max().unwrap_or(0);

        let (mut shapes, mut endings) = (Vec::new(), Vec::new());
        for line in SHAPES.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (name, pattern) = line.split_once('\t').expect("data/shapes.txt: family<TAB>regex");
            if name == "requires" {
                for c in pattern.trim().chars() {
                    // The first byte of each character: a superset test, cheap.
                    vocab.shape_bytes[c.to_string().as_bytes()[0] as usize] = true;
                }
                continue;
            }
            let family = Family::from_name(name.trim()).expect("data/shapes.txt: known family");
            let pattern = pattern.trim();
            assert!(pattern.ends_with('$'), "data/shapes.txt: {pattern:?} must end with $");
            if enabled(family) {
                let set = if pattern.starts_with('^') { &mut shapes } else { &mut endings };
                set.push((pattern, family));
            }
        }
        vocab.shapes = ShapeSet::new(&shapes);
        vocab.endings = ShapeSet::new(&endings);

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

    /// What the vocabulary knows of a normalised word.
    pub fn word(&self, word: &str) -> Word {
        if word.len() > self.longest_word {
            return Word::default();
        }
        self.words.get(word).copied().unwrap_or_default()
    }

    /// Adds a phrase to the trie; the first family a phrase is listed under wins.
    fn add_phrase(&mut self, phrase: &str, family: Family) {
        let mut words = Vec::new();
        normalize_scan(phrase, &mut String::new(), |word, _| words.push(word.to_owned()));
        if words.is_empty() {
            return;
        }
        let mut node = 0u32;
        for word in &words {
            let entry = self.words.entry(word.as_str().into()).or_default();
            let id = *entry.phrase_word.get_or_insert(self.phrase_words);
            if id == self.phrase_words {
                self.phrase_words += 1;
            }
            node = match self.trie.get(&(node, id)) {
                Some(&next) => next,
                None => {
                    let next = self.node_phrase.len() as u32;
                    self.node_phrase.push(None);
                    self.trie.insert((node, id), next);
                    next
                }
            };
        }
        if self.node_phrase[node as usize].is_none() {
            self.node_phrase[node as usize] = Some(self.phrase_info.len() as u32);
            self.phrase_info.push(Phrase { family, multiword: words.len() > 1 });
        }
    }

    /// The longest phrase that `words` start with: its length in words and
    /// the phrase's index. Walks at most as many words as the longest phrase has.
    pub fn longest_phrase(&self, words: &[LineWord]) -> Option<(usize, usize)> {
        let mut node = 0u32;
        let mut best = None;
        for (n, word) in words.iter().enumerate() {
            let Some(&next) = word.phrase_word.and_then(|id| self.trie.get(&(node, id))) else { break };
            node = next;
            if let Some(phrase) = self.node_phrase[node as usize] {
                best = Some((n + 1, phrase as usize));
            }
        }
        best
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

    pub fn phrase(&self, index: usize) -> Phrase {
        self.phrase_info[index]
    }

    /// The family of the first shape the (normalised) line matches: a
    /// whole-line shape if the line is short, else a line-end shape on its
    /// last bytes. Either way at most [`SHAPE_MAX_BYTES`] are searched.
    pub fn shape_family(&self, normalized: &str) -> Option<Family> {
        if !normalized.bytes().any(|b| self.shape_bytes[b as usize]) {
            return None;
        }
        if normalized.len() <= SHAPE_MAX_BYTES {
            if let Some(family) = self.shapes.first_match(normalized) {
                return Some(family);
            }
        }
        let mut from = normalized.len().saturating_sub(SHAPE_MAX_BYTES);
        while !normalized.is_char_boundary(from) {
            from += 1;
        }
        self.endings.first_match(&normalized[from..])
    }

    /// Whether a user pattern matches the (original) line.
    pub fn user_pattern_matches(&self, line: &str) -> bool {
        self.user_patterns.as_ref().is_some_and(|set| set.is_match(line))
    }
}

/// Shapes are whole short lines or line ends: this many bytes at most are
/// searched, so a long paragraph costs the same as a short line.
pub const SHAPE_MAX_BYTES: usize = 200;

/// Regexes with the family each one marks.
#[derive(Debug, Default)]
struct ShapeSet {
    set: Option<RegexSet>,
    families: Vec<Family>,
}

impl ShapeSet {
    fn new(shapes: &[(&str, Family)]) -> ShapeSet {
        let set = RegexSet::new(shapes.iter().map(|(p, _)| p)).expect("data/shapes.txt: valid regexes");
        ShapeSet { set: Some(set), families: shapes.iter().map(|(_, f)| *f).collect() }
    }

    fn first_match(&self, text: &str) -> Option<Family> {
        let set = self.set.as_ref()?;
        if !set.is_match(text) {
            return None;
        }
        set.matches(text).iter().next().map(|i| self.families[i])
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
    let mut out = String::new();
    normalize_scan(text, &mut out, |_, _| {});
    out
}

/// Counts taken while normalising (see [`normalize_scan`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Scan {
    /// Alphabetic characters.
    pub letters: u32,
    /// Sentence marks (`.`, `!`, `?`, `…` and CJK forms) followed by white space.
    pub sentence_ends: u32,
}

const SPACE: u8 = 1;
const LOWER: u8 = 2;
const UPPER: u8 = 3;
const DIGIT: u8 = 4;
const MARK: u8 = 5;
const APOSTROPHE: u8 = 6;

/// Classes of the ASCII bytes, for the scanner's fast path.
static ASCII_CLASS: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = match b as u8 {
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' => SPACE,
            b'a'..=b'z' => LOWER,
            b'A'..=b'Z' => UPPER,
            b'0'..=b'9' => DIGIT,
            b'.' | b'!' | b'?' => MARK,
            b'\'' | b'`' => APOSTROPHE,
            _ => 0,
        };
        b += 1;
    }
    table
};

/// Normalises `text` into `out` (as [`normalize`]) in one pass, calling
/// `word(word, letters)` for every word of the normalised text (a run of
/// letters, digits and inner apostrophes), and counting letters and
/// sentence ends. ASCII takes a table-driven fast path.
pub fn normalize_scan(text: &str, out: &mut String, mut word: impl FnMut(&str, u32)) -> Scan {
    out.clear();
    out.reserve(text.len());
    let bytes = text.as_bytes();
    let mut scan = Scan::default();
    let (mut word_start, mut word_letters) = (None::<usize>, 0u32);
    let (mut pending_space, mut after_mark) = (false, false);
    let mut i = 0;
    macro_rules! end_word {
        () => {
            if let Some(start) = word_start.take() {
                word(&out[start..], word_letters);
                word_letters = 0;
            }
        };
    }
    macro_rules! push_word_char {
        ($c:expr, $letter:expr) => {{
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            word_start.get_or_insert(out.len());
            out.push($c);
            word_letters += u32::from($letter);
            after_mark = false;
        }};
    }
    while i < bytes.len() {
        let b = bytes[i];
        let (class, c) = if b < 0x80 {
            i += 1;
            (ASCII_CLASS[b as usize], b as char)
        } else {
            let c = text[i..].chars().next().expect("i is on a char boundary");
            i += c.len_utf8();
            (unicode_class(c), c)
        };
        match class {
            SPACE => {
                end_word!();
                scan.sentence_ends += u32::from(after_mark);
                after_mark = false;
                pending_space = !out.is_empty();
                continue;
            }
            LOWER => {
                // Copy the rest of a run of lower-case ASCII letters at once.
                let run = bytes[i..].iter().take_while(|b| b.is_ascii_lowercase()).count();
                scan.letters += 1 + run as u32;
                push_word_char!(c, true);
                out.push_str(&text[i..i + run]);
                word_letters += run as u32;
                i += run;
                continue;
            }
            UPPER => {
                scan.letters += 1;
                push_word_char!(c.to_ascii_lowercase(), true);
                continue;
            }
            DIGIT => {
                push_word_char!(c, false);
                continue;
            }
            APOSTROPHE => {
                let next_is_letter = bytes.get(i).is_some_and(|&n| n.is_ascii_alphabetic() || n >= 0x80);
                if word_start.is_some() && next_is_letter {
                    push_word_char!('\'', false);
                    continue;
                }
            }
            _ => {}
        }
        if b >= 0x80 && class != MARK && class != APOSTROPHE {
            if let Some(folded) = fold(c) {
                end_word!();
                push_other(out, &mut pending_space, folded);
                after_mark = false;
                continue;
            }
            if is_letter(c) {
                scan.letters += 1;
                if pending_space {
                    out.push(' ');
                    pending_space = false;
                }
                word_start.get_or_insert(out.len());
                push_lowercase(out, c);
                word_letters += 1;
                after_mark = false;
                continue;
            }
            if c.is_alphanumeric() {
                push_word_char!(c, false);
                continue;
            }
        }
        end_word!();
        push_other(out, &mut pending_space, if class == APOSTROPHE { '\'' } else { c });
        after_mark = class == MARK;
    }
    if let Some(start) = word_start {
        word(&out[start..], word_letters);
    }
    scan
}

fn push_other(out: &mut String, pending_space: &mut bool, c: char) {
    if *pending_space {
        out.push(' ');
        *pending_space = false;
    }
    out.push(c);
}

/// The class of a non-ASCII character: white space, sentence mark,
/// apostrophe, or 0 (decided by the slower checks).
fn unicode_class(c: char) -> u8 {
    match c {
        '…' | '。' | '！' | '？' => MARK,
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{B4}' => APOSTROPHE,
        c if c.is_whitespace() => SPACE,
        _ => 0,
    }
}

/// Typographic quotes and dashes, folded to ASCII.
fn fold(c: char) -> Option<char> {
    match c {
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{AB}' | '\u{BB}' => Some('"'),
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' => Some('-'),
        _ => None,
    }
}

/// `char::is_alphabetic` with fast paths for Latin-1, Latin Extended-A and
/// basic Cyrillic, the non-ASCII letters met most.
fn is_letter(c: char) -> bool {
    match c as u32 {
        0xC0..=0xFF => c != '\u{D7}' && c != '\u{F7}',
        0x100..=0x17F | 0x400..=0x481 | 0x48A..=0x4FF => true,
        _ => c.is_alphabetic(),
    }
}

fn push_lowercase(out: &mut String, c: char) {
    let lower = match c as u32 {
        0xC0..=0xDE if c != '\u{D7}' => char::from_u32(c as u32 + 0x20),
        0x410..=0x42F => char::from_u32(c as u32 + 0x20),
        0x400..=0x40F => char::from_u32(c as u32 + 0x50),
        0xDF..=0xFF | 0x430..=0x45F => Some(c),
        _ => None,
    };
    match lower {
        Some(l) => out.push(l),
        None => out.extend(c.to_lowercase()),
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
            ("ÀÉÎ Ø Þ × ÿ", "àéî ø þ × ÿ"),
            ("ЁЖИК Ѓ", "ёжик ѓ"),
            ("it’s “fine”…", "it's \"fine\"…"),
            ("tab\tand\u{a0}nbsp", "tab and nbsp"),
        ];
        for (input, want) in cases {
            assert_eq!(normalize(input), want, "input {input:?}");
        }
    }

    #[test]
    fn fast_paths_agree_with_the_standard_library() {
        for c in ('\u{80}'..='\u{600}').chain(['\u{1E9E}', '\u{130}', 'Ω']) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
            let mut fast = String::new();
            if is_letter(c) && fold(c).is_none() && unicode_class(c) == 0 {
                push_lowercase(&mut fast, c);
                assert_eq!(fast, c.to_lowercase().to_string(), "{c:?}");
            }
        }
    }

    #[test]
    fn scan_counts_words_letters_and_sentence_ends() {
        let mut out = String::new();
        let mut words = Vec::new();
        let scan = normalize_scan("He said: “Don’t!” Then 3 left. Ёж", &mut out, |w, letters| {
            words.push((w.to_owned(), letters > 0))
        });
        assert_eq!(out, "he said: \"don't!\" then 3 left. ёж");
        let words: Vec<(&str, bool)> = words.iter().map(|(w, l)| (w.as_str(), *l)).collect();
        assert_eq!(
            words,
            [("he", true), ("said", true), ("don't", true), ("then", true), ("3", false), ("left", true), ("ёж", true)]
        );
        assert_eq!(scan, Scan { letters: 20, sentence_ends: 1 });
    }

    #[test]
    fn languages_filter_stopwords() {
        let only_de = Options { languages: Some(vec!["de".into()]), ..Options::default() };
        let vocab = Vocabulary::new(&only_de).unwrap();
        assert_eq!(vocab.languages, vec!["de"]);
        assert_eq!(vocab.word("the").stop_mask, 0);
        assert_ne!(vocab.word("und").stop_mask, 0);
    }

    #[test]
    fn rejects_bad_user_pattern() {
        let bad = Options { extra_patterns: vec!["(unclosed".into()], ..Options::default() };
        assert!(matches!(Vocabulary::new(&bad), Err(Error::InvalidPattern { .. })));
    }
}
