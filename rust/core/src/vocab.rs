//! The vocabularies: data files compiled into the library, parsed once per
//! [`crate::Cleaner`] into one word table, a phrase trie and the shape regexes.
//!
//! `data/lang/<code>.txt` holds one language's stop words, date words and
//! boilerplate phrases; `data/icons.txt` the names icon fonts print;
//! `data/shapes.txt` the language-independent line shapes (regexes). The
//! file format is described in DESIGN.md ("Vocabulary files").

use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::config::{Options, REGION_RULE};
use crate::error::Error;
pub use crate::normalize::{normalize, normalize_scan};

/// Built-in languages: code and vocabulary file. The first eight carry
/// boilerplate phrases and the grammar rules' words; the others are known
/// by their stop words and dates.
pub const LANGUAGES: &[(&str, &str)] = &[
    ("en", include_str!("../data/lang/en.txt")),
    ("de", include_str!("../data/lang/de.txt")),
    ("fr", include_str!("../data/lang/fr.txt")),
    ("es", include_str!("../data/lang/es.txt")),
    ("ru", include_str!("../data/lang/ru.txt")),
    ("it", include_str!("../data/lang/it.txt")),
    ("pt", include_str!("../data/lang/pt.txt")),
    ("nl", include_str!("../data/lang/nl.txt")),
    ("pl", include_str!("../data/lang/pl.txt")),
    ("cs", include_str!("../data/lang/cs.txt")),
    ("sv", include_str!("../data/lang/sv.txt")),
    ("da", include_str!("../data/lang/da.txt")),
    ("fi", include_str!("../data/lang/fi.txt")),
    ("hu", include_str!("../data/lang/hu.txt")),
    ("ro", include_str!("../data/lang/ro.txt")),
    ("tr", include_str!("../data/lang/tr.txt")),
    ("id", include_str!("../data/lang/id.txt")),
    ("vi", include_str!("../data/lang/vi.txt")),
    ("uk", include_str!("../data/lang/uk.txt")),
    ("el", include_str!("../data/lang/el.txt")),
    ("ar", include_str!("../data/lang/ar.txt")),
    ("fa", include_str!("../data/lang/fa.txt")),
    ("he", include_str!("../data/lang/he.txt")),
    ("hi", include_str!("../data/lang/hi.txt")),
    ("zh", include_str!("../data/lang/zh.txt")),
];
// A word's stop-word languages are the bits of a `u32`.
const _: () = assert!(LANGUAGES.len() <= u32::BITS as usize);
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
    /// Covering a line, it is a strong hit ([`crate::text::residue::Hit`]):
    /// marked `!` in its file ("!advertisement", "!share this story").
    pub strong: bool,
}

/// The roles a word plays in the grammar rules ([`crate::text::grammar`]),
/// as bits of [`Word::grammar`]; each is a section of the language files.
pub mod role {
    /// Opens a call to act ("share", "sign" of "sign up"): `[calls-share]`, `[calls-subscribe]`.
    pub const CALL: u16 = 1;
    /// What a call is made to ("us", "it", "our"): `[call-objects]`.
    pub const OBJECT: u16 = 1 << 1;
    /// Between a call and its object ("to", "on", "the"): `[call-links]`.
    pub const LINK: u16 = 1 << 2;
    /// Opens a form's acknowledgement ("thank" of "thank you for"): `[form-acks]`.
    pub const ACK: u16 = 1 << 3;
    /// What a form is about ("subscribed", "message"): `[form-words]`.
    pub const FORM: u16 = 1 << 4;
    /// Comments ("comments", "comentários"): `[comment-words]`.
    pub const COMMENT: u16 = 1 << 5;
    /// Moderation ("moderated", "approved", "offensive"): `[moderation-words]`.
    pub const MODERATION: u16 = 1 << 6;
    /// What a rule says ("will", "not", "must"): `[rule-words]`.
    pub const RULE: u16 = 1 << 7;
}

/// What the vocabulary knows of a word.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Word {
    /// Bit `i` set: a stop word of `languages[i]`.
    pub stop_mask: u32,
    /// Its roles in the grammar rules: bits of [`role`].
    pub grammar: u16,
    /// Its id among the words of the boilerplate phrases.
    pub phrase_word: Option<u32>,
    /// The trie node a phrase starting with this word reaches: `None` when
    /// no phrase starts with it.
    pub phrase_start: Option<u32>,
}

/// A word of a line, as phrase matching sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineWord {
    pub phrase_word: Option<u32>,
    /// See [`Word::phrase_start`].
    pub phrase_start: Option<u32>,
    pub letters: u32,
    /// A stop word of an enabled language.
    pub stop: bool,
}

/// The compiled vocabularies of the enabled languages and families.
#[derive(Debug)]
pub struct Vocabulary {
    /// Codes of the enabled languages; bit `i` of a stop-word mask is `languages[i]`.
    pub languages: Vec<&'static str>,
    words: WordTable<Word>,
    date_words: WordTable<DateWord>,
    comment_verbs: FxHashSet<Box<str>>,
    /// Calls to act, as normalised words, with the family of each.
    calls: Vec<(Vec<Box<str>>, Family)>,
    /// A form's acknowledgements, as normalised words.
    acks: Vec<Vec<Box<str>>>,
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
    user_patterns: Option<RegexSet>,
}

impl Vocabulary {
    /// Compiles the vocabularies `options` enable, after checking them.
    pub fn new(options: &Options) -> Result<Vocabulary, Error> {
        check(options)?;
        let enabled = |family: Family| !options.disables(family.name());
        let mut vocab = Vocabulary {
            languages: Vec::new(),
            words: WordTable::default(),
            date_words: WordTable::default(),
            comment_verbs: FxHashSet::default(),
            calls: Vec::new(),
            acks: Vec::new(),
            icons: ICONS.split_whitespace().map(Box::from).collect(),
            trie: FxHashMap::default(),
            phrase_words: 0,
            node_phrase: vec![None],
            phrase_info: Vec::new(),
            shapes: ShapeSet::default(),
            endings: ShapeSet::default(),
            user_patterns: None,
        };
        let mut phrases: Vec<(String, Family)> = Vec::new();
        for &(code, file) in LANGUAGES {
            if let Some(wanted) = &options.languages {
                if !wanted.iter().any(|w| w == code) {
                    continue;
                }
            }
            let bit = 1u32 << vocab.languages.len();
            vocab.languages.push(code);
            for (section, body) in sections(file) {
                match section {
                    "stopwords" => {
                        for word in body.split_whitespace() {
                            vocab.words.entry(&normalize(word)).stop_mask |= bit;
                        }
                    }
                    "comment-verbs" => {
                        vocab.comment_verbs.extend(body.split_whitespace().map(|w| normalize(w).into()));
                    }
                    "calls-share" | "calls-subscribe" | "form-acks" => {
                        let family = if section == "calls-share" { Family::SharePrompt } else { Family::Newsletter };
                        if enabled(family) {
                            for phrase in body.lines() {
                                let words: Vec<Box<str>> = phrase_words(phrase).into_iter().map(Box::from).collect();
                                let role = if section == "form-acks" { role::ACK } else { role::CALL };
                                vocab.words.entry(&words[0]).grammar |= role;
                                if section == "form-acks" {
                                    vocab.acks.push(words);
                                } else {
                                    vocab.calls.push((words, family));
                                }
                            }
                        }
                    }
                    "call-objects" | "call-links" | "form-words" | "comment-words" | "moderation-words"
                    | "rule-words" => {
                        let bit = match section {
                            "call-objects" => role::OBJECT,
                            "call-links" => role::LINK,
                            "form-words" => role::FORM,
                            "comment-words" => role::COMMENT,
                            "moderation-words" => role::MODERATION,
                            _ => role::RULE,
                        };
                        for word in body.split_whitespace().flat_map(phrase_words) {
                            vocab.words.entry(&word).grammar |= bit;
                        }
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
                                vocab.date_words.insert_first(part, kind);
                            }
                        }
                    }
                    name => {
                        let family = Family::from_name(name)
                            .unwrap_or_else(|| panic!("data/lang/{code}.txt: unknown section [{name}]"));
                        if enabled(family) {
                            phrases.extend(body.lines().map(|phrase| (phrase.to_owned(), family)));
                        }
                    }
                }
            }
        }
        phrases.extend(options.extra_phrases.iter().map(|p| (p.clone(), Family::UserRule)));
        for (phrase, family) in &phrases {
            vocab.add_phrase(phrase, *family);
        }
        let trie = &vocab.trie;
        vocab.words.for_each_mut(|word| {
            word.phrase_start = word.phrase_word.and_then(|id| trie.get(&(0, id)).copied());
        });

        let (mut shapes, mut endings) = (Vec::new(), Vec::new());
        let (mut whole_requires, mut end_requires) = (String::new(), String::new());
        for line in SHAPES.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (name, pattern) = line.split_once('\t').expect("data/shapes.txt: family<TAB>regex");
            if let Some(set) = match name {
                "requires" => Some(&mut whole_requires),
                "requires-end" => Some(&mut end_requires),
                _ => None,
            } {
                set.push_str(pattern.trim());
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
        vocab.shapes = ShapeSet::new(&shapes, &whole_requires);
        vocab.endings = ShapeSet::new(&endings, &end_requires);

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
        self.words.get(word).copied().unwrap_or_default()
    }

    /// Adds a phrase to the trie; the first family a phrase is listed under wins.
    fn add_phrase(&mut self, phrase: &str, family: Family) {
        let (phrase, marked) = match phrase.strip_prefix('!') {
            Some(rest) => (rest, true),
            None => (phrase, false),
        };
        let words = phrase_words(phrase);
        if words.is_empty() {
            return;
        }
        let mut node = 0u32;
        for word in &words {
            let entry = self.words.entry(word);
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
            let multiword = words.len() > 1;
            // The user's own phrases are what they asked to go: strong.
            self.phrase_info.push(Phrase { family, multiword, strong: marked || family == Family::UserRule });
        }
    }

    /// The longest phrase that `words` start with: its length in words and
    /// the phrase's index. Walks at most as many words as the longest phrase has.
    pub fn longest_phrase(&self, words: &[LineWord]) -> Option<(usize, usize)> {
        let mut node = words.first()?.phrase_start?;
        let mut best = self.node_phrase[node as usize].map(|phrase| (1, phrase as usize));
        for (n, word) in words.iter().enumerate().skip(1) {
            let Some(&next) = word.phrase_word.and_then(|id| self.trie.get(&(node, id))) else { break };
            node = next;
            if let Some(phrase) = self.node_phrase[node as usize] {
                best = Some((n + 1, phrase as usize));
            }
        }
        best
    }

    /// The calls to act that open with `words` (normalised): the length of
    /// the longest and its family.
    pub fn call_at(&self, words: &[&str]) -> Option<(usize, Family)> {
        let calls = self.calls.iter().filter(|(call, _)| call.len() <= words.len());
        let matching = calls.filter(|(call, _)| call.iter().zip(words).all(|(a, b)| **a == **b));
        matching.map(|(call, family)| (call.len(), *family)).max_by_key(|(len, _)| *len)
    }

    /// Whether a form's acknowledgement opens `words` (normalised).
    pub fn ack_at(&self, words: &[&str]) -> bool {
        self.acks.iter().any(|ack| ack.len() <= words.len() && ack.iter().zip(words).all(|(a, b)| **a == **b))
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

/// Words to what the vocabulary knows of them. A word of up to 16 bytes
/// (nearly every one) is keyed by its bytes read as two numbers and its
/// length: a lookup hashes machine words and follows no pointer. Longer
/// words are keyed by string.
#[derive(Debug)]
struct WordTable<V> {
    short: FxHashMap<ShortKey, V>,
    long: FxHashMap<Box<str>, V>,
    /// Bytes of the longest word: longer ones need no lookup.
    longest: usize,
    /// One bit per value of a cheap hash of the short keys ([`filter_bit`]):
    /// a word whose bit is clear is in no vocabulary, found so without
    /// touching the table (8 KB: it stays in the fastest cache).
    filter: Box<[u64; FILTER_WORDS]>,
}

/// Words of [`WordTable::filter`]: 64 Kbit.
const FILTER_WORDS: usize = 1024;

impl<V> Default for WordTable<V> {
    fn default() -> Self {
        WordTable {
            short: FxHashMap::default(),
            long: FxHashMap::default(),
            longest: 0,
            filter: Box::new([0; FILTER_WORDS]),
        }
    }
}

/// The bit of [`WordTable::filter`] for a short key.
fn filter_bit(key: &ShortKey) -> usize {
    let mixed = (key.0 ^ key.1.rotate_left(29) ^ u64::from(key.2)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (mixed >> (64 - 16)) as usize
}

/// A word of up to 16 bytes as numbers: its first and last bytes, read as
/// (possibly overlapping) little-endian words straight from the string, and
/// its length. Given the length, the bytes read cover the whole word, so no
/// two words share a key.
type ShortKey = (u64, u64, u8);

fn short_key(word: &str) -> Option<ShortKey> {
    let b = word.as_bytes();
    let n = b.len();
    let read4 = |at: usize| u64::from(u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]));
    let read8 = |at: usize| u64::from_le_bytes(b[at..at + 8].try_into().expect("eight bytes"));
    let (first, last) = match n {
        0 => (0, 0),
        1..=3 => (u64::from(b[0]) | u64::from(b[n / 2]) << 8 | u64::from(b[n - 1]) << 16, 0),
        4..=7 => (read4(0), read4(n - 4)),
        8..=16 => (read8(0), read8(n - 8)),
        _ => return None,
    };
    Some((first, last, n as u8))
}

impl<V: Default> WordTable<V> {
    /// The entry of `word`, made with the default value if it is new.
    fn entry(&mut self, word: &str) -> &mut V {
        self.longest = self.longest.max(word.len());
        match short_key(word) {
            Some(key) => {
                let bit = filter_bit(&key);
                self.filter[bit / 64] |= 1 << (bit % 64);
                self.short.entry(key).or_default()
            }
            None => self.long.entry(word.into()).or_default(),
        }
    }
}

impl<V> WordTable<V> {
    /// Sets `word` to `value` unless it has a value already.
    fn insert_first(&mut self, word: &str, value: V) {
        self.longest = self.longest.max(word.len());
        match short_key(word) {
            Some(key) => {
                let bit = filter_bit(&key);
                self.filter[bit / 64] |= 1 << (bit % 64);
                self.short.entry(key).or_insert(value);
            }
            None => {
                self.long.entry(word.into()).or_insert(value);
            }
        }
    }

    fn for_each_mut(&mut self, mut f: impl FnMut(&mut V)) {
        self.short.values_mut().for_each(&mut f);
        self.long.values_mut().for_each(f);
    }

    fn get(&self, word: &str) -> Option<&V> {
        if word.len() > self.longest {
            return None;
        }
        match short_key(word) {
            Some(key) => {
                let bit = filter_bit(&key);
                if self.filter[bit / 64] & (1 << (bit % 64)) == 0 {
                    return None;
                }
                self.short.get(&key)
            }
            None => self.long.get(word),
        }
    }
}

/// Shapes are whole short lines or line ends: this many bytes at most are
/// searched, so a long paragraph costs the same as a short line.
pub const SHAPE_MAX_BYTES: usize = 200;

/// Regexes with the family each one marks, and the characters of which
/// every one of them needs one (data/shapes.txt's `requires` lines): text
/// without any skips the regexes. One alternation of them all says whether
/// any matches (cheaper than asking the set); the set then says which.
#[derive(Debug)]
struct ShapeSet {
    any: Option<Regex>,
    set: Option<RegexSet>,
    families: Vec<Family>,
    /// The first byte of each required character: a superset test, cheap.
    requires: [bool; 256],
}

impl Default for ShapeSet {
    fn default() -> Self {
        ShapeSet { any: None, set: None, families: Vec::new(), requires: [false; 256] }
    }
}

impl ShapeSet {
    fn new(shapes: &[(&str, Family)], requires: &str) -> ShapeSet {
        let set = RegexSet::new(shapes.iter().map(|(p, _)| p)).expect("data/shapes.txt: valid regexes");
        let alternation: Vec<String> = shapes.iter().map(|(p, _)| format!("(?:{p})")).collect();
        let any = Regex::new(&alternation.join("|")).expect("data/shapes.txt: valid regexes");
        let mut required = [false; 256];
        for c in requires.chars() {
            required[c.to_string().as_bytes()[0] as usize] = true;
        }
        let families = shapes.iter().map(|(_, f)| *f).collect();
        ShapeSet { any: Some(any), set: Some(set), families, requires: required }
    }

    fn first_match(&self, text: &str) -> Option<Family> {
        let (any, set) = (self.any.as_ref()?, self.set.as_ref()?);
        if !text.bytes().any(|b| self.requires[b as usize]) || !any.is_match(text) {
            return None;
        }
        set.matches(text).iter().next().map(|i| self.families[i])
    }
}

/// Checks the language codes, rule names and phrases of `options`; regexes
/// are checked as they are compiled.
fn check(options: &Options) -> Result<(), Error> {
    if let Some(langs) = &options.languages {
        if langs.is_empty() {
            return Err(Error::InvalidOption("languages: give at least one language, or None for all".into()));
        }
        for lang in langs {
            if !LANGUAGES.iter().any(|(code, _)| code == lang) {
                return Err(Error::InvalidOption(format!(
                    "languages: unknown language {lang:?}; built-in: {}",
                    LANGUAGES.iter().map(|(c, _)| *c).collect::<Vec<_>>().join(", ")
                )));
            }
        }
    }
    for name in &options.disable {
        if name != REGION_RULE && Family::from_name(name).is_none() {
            return Err(Error::InvalidOption(format!(
                "disable: unknown rule {name:?}; known: {}, {REGION_RULE}",
                Family::ALL.iter().map(|f| f.name()).collect::<Vec<_>>().join(", ")
            )));
        }
    }
    for phrase in &options.extra_phrases {
        if phrase.trim().is_empty() {
            return Err(Error::InvalidOption("extra_phrases: empty phrase".into()));
        }
    }
    Ok(())
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

/// The sections of the grammar rules' words, in every language file.
#[cfg(test)]
const GRAMMAR_SECTIONS: [&str; 9] = [
    "calls-share",
    "calls-subscribe",
    "call-objects",
    "call-links",
    "form-acks",
    "form-words",
    "comment-words",
    "moderation-words",
    "rule-words",
];

/// The normalised words of a phrase, as lines are read.
fn phrase_words(phrase: &str) -> Vec<String> {
    let mut words = Vec::new();
    normalize_scan(phrase, &mut String::new(), |word, _| words.push(word.to_owned()));
    words
}

/// A line of a data file (a vocabulary, the line model): a `[section]`
/// header, or a row with its 1-based line number. Rows are trimmed; blank
/// lines and `#` comments are skipped.
pub(crate) enum DataLine<'a> {
    Section(&'a str),
    Row(usize, &'a str),
}

pub(crate) fn data_lines(file: &str) -> impl Iterator<Item = DataLine<'_>> {
    file.lines().enumerate().filter_map(|(index, line)| {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            return None;
        }
        Some(match line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            Some(name) => DataLine::Section(name),
            None => DataLine::Row(index + 1, line),
        })
    })
}

/// Splits a vocabulary file into `(section, body)` pairs, dropping
/// comments: a body's lines are its rows, trimmed, none blank.
pub(crate) fn sections(file: &str) -> Vec<(&str, String)> {
    let mut out: Vec<(&str, String)> = Vec::new();
    for line in data_lines(file) {
        match line {
            DataLine::Section(name) => out.push((name, String::new())),
            DataLine::Row(_, row) => {
                if let Some((_, body)) = out.last_mut() {
                    body.push_str(row);
                    body.push('\n');
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_file_parses_into_known_sections() {
        for (code, file) in LANGUAGES {
            let names: Vec<&str> = sections(file).into_iter().map(|(n, _)| n).collect();
            assert!(names.contains(&"stopwords"), "{code}: no [stopwords]");
            // The grammar rules' words come all together, or not at all (a
            // language known by its stop words and dates alone).
            if GRAMMAR_SECTIONS.iter().any(|s| names.contains(s)) {
                for section in GRAMMAR_SECTIONS {
                    assert!(names.contains(&section), "{code}: no [{section}]");
                }
            }
            for name in names {
                assert!(
                    GRAMMAR_SECTIONS.contains(&name)
                        || matches!(name, "stopwords" | "months" | "weekdays" | "dateline" | "comment-verbs")
                        || Family::from_name(name).is_some(),
                    "{code}: unknown section [{name}]"
                );
            }
        }
        Vocabulary::new(&Options::default()).unwrap();
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
