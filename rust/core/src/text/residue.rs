//! Line rules: what each line is on its own (the text cleaner's first pass).
//!
//! A glued icon run is cut off the end of a line; then a user pattern, a
//! line shape, a dateline, a call to share or subscribe, a form's message,
//! a family's phrases or a comment's byline may find the line to be
//! residue. Each finding is a [`Hit`]: the family, and whether it is
//! strong (the line cannot be content: an icon run, a multi-word phrase of
//! the family covering it, a notice, a call) or weak (evidence that needs
//! company: a lone family word such as "Print" or "Comments", a clock
//! "0:00", a dateline, a byline). What a weak hit does depends on the
//! regime and the lines around it (DESIGN.md, "Residue families").

use crate::budget::Budget;
use crate::config::{Options, Thresholds};
use crate::error::Error;
use crate::text::features::Features;
use crate::text::grammar::grammar_hit;
use crate::text::repeats::{Key, Keys};
use crate::text::segment::Line;
use crate::vocab::{DateWord, Family, LineWord, Vocabulary};

/// A residue family found in a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub family: Family,
    /// The line cannot be content; else the hit needs company to drop it.
    pub strong: bool,
    /// A weak hit of one phrase word on a line that is a sentence of its
    /// own ("He is back.", "Contact was made."): it ends as one, with a
    /// function word beside the phrase. Article text keeps such a line.
    pub sentence: bool,
}

impl Hit {
    pub(crate) fn strong(family: Family) -> Hit {
        Hit { family, strong: true, sentence: false }
    }

    fn weak(family: Family) -> Hit {
        Hit { family, strong: false, sentence: false }
    }
}

/// What the line rules found out about every line, and the normalised
/// lines kept for the repeat checks.
pub struct Analysis {
    pub lines: Vec<Analysed>,
    pub keys: Keys,
}

/// What the line rules found out about one line.
pub struct Analysed {
    /// Bytes of the line left after cutting a glued icon run.
    pub len: usize,
    pub icon_tail: bool,
    pub hit: Option<Hit>,
    /// Counts of the line (of its part before a glued icon run).
    pub features: Features,
    /// The normalised line, kept for the repeat checks when it has at least
    /// `duplicate_min_letters` letters and no hit.
    pub key: Option<Key>,
    /// The line reads as a headline (no sentence end): it may repeat as a title.
    pub headline: bool,
    /// The line starts with a list marker ("- ", "• ", "1. ").
    pub list_item: bool,
    /// The line is a table's row: cells between tabs or `|`.
    pub table_row: bool,
    /// The line holds none of `_ = { } ;` nor `()`: it reads as words, not code.
    pub plain: bool,
    /// The line is a comment's byline ("Maria says:"): what follows is a comment.
    pub comment_byline: bool,
}

/// Runs the line rules over every line. Their findings depend on the line
/// alone, so every later pass reuses them.
/// `Err` when the `budget` runs out first.
pub fn analyse_lines(
    lines: &[Line<'_>],
    vocab: &Vocabulary,
    options: &Options,
    th: &Thresholds,
    budget: &Budget,
) -> Result<Analysis, Error> {
    let mut scratch = Scratch::default();
    let mut keys = Keys::default();
    let lines = lines
        .iter()
        .map(|line| {
            budget.tick()?;
            Ok(analyse(line.text, vocab, options, th, &mut scratch, &mut keys))
        })
        .collect::<Result<_, Error>>()?;
    Ok(Analysis { lines, keys })
}

#[derive(Default)]
struct Scratch {
    normalized: String,
    /// The line's words, for phrase matching.
    words: Vec<LineWord>,
    /// Buffers for the tail while looking for an icon run.
    tail: (String, Vec<LineWord>),
}

fn analyse(
    line: &str,
    vocab: &Vocabulary,
    options: &Options,
    th: &Thresholds,
    scratch: &mut Scratch,
    keys: &mut Keys,
) -> Analysed {
    let mut text = line;
    let mut icon_tail = false;
    let mut hit = None;
    let mut features = Features::measure(text, vocab, &mut scratch.normalized, &mut scratch.words);
    if vocab.user_pattern_matches(line) {
        hit = Some(Hit::strong(Family::UserRule));
    } else if !options.disables(Family::IconString.name()) && may_end_in_icons(&scratch.normalized) {
        if let Some(run) = icon_run_start(line, vocab, th, &mut scratch.tail) {
            let before = line[..run.start].trim_end();
            if before.chars().any(char::is_alphanumeric) {
                (text, icon_tail) = (before, true);
                features = Features::measure(text, vocab, &mut scratch.normalized, &mut scratch.words);
            } else {
                hit = Some(Hit { strong: run.strong, ..Hit::weak(Family::IconString) });
            }
        }
    }
    let normalized = scratch.normalized.as_str();
    let table_row = is_table_row(text);
    let comment_byline = !options.disables(Family::CommentNotice.name()) && is_comment_byline(normalized, vocab, th);
    if hit.is_none() {
        hit = vocab
            .shape_family(normalized)
            .map(Hit::weak)
            .or_else(|| {
                // A dateline's words with letters are among its at most
                // `dateline_max_words` tokens: longer lines are none. A
                // table's row of dates and figures is the table's.
                let enabled = !options.disables(Family::Dateline.name())
                    && !table_row
                    && features.words as usize <= th.dateline_max_words;
                (enabled && is_dateline(normalized, vocab, th)).then(|| Hit::weak(Family::Dateline))
            })
            .or_else(|| phrase_family(&scratch.words, &features, vocab, th));
        if !hit.is_some_and(|h| h.strong) {
            hit = grammar_hit(text, &features, vocab, th).or(hit);
        }
    }
    let key = (hit.is_none() && features.letters as usize >= th.duplicate_min_letters).then(|| keys.push(normalized));
    Analysed {
        len: text.len(),
        icon_tail,
        hit,
        features,
        key,
        headline: !features.ends_terminal,
        list_item: is_list_item(text),
        table_row,
        plain: is_plain(text),
        comment_byline,
    }
}

/// No `_ = { } ;` and no `()`: words, not code ("user_account", "print()").
fn is_plain(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Not `any`: a fold over every byte is vector code.
    !bytes.iter().fold(false, |code, &b| code | matches!(b, b'_' | b'=' | b'{' | b'}' | b';'))
        && !memchr::memchr_iter(b'(', bytes).any(|i| bytes.get(i + 1) == Some(&b')'))
}

/// Cells between tabs, or between `|` with spaces around ("| a | b |").
fn is_table_row(text: &str) -> bool {
    static CELL_BAR: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(" | "));
    memchr::memchr(b'\t', text.trim().as_bytes()).is_some() || CELL_BAR.find(text.as_bytes()).is_some()
}

/// Where an icon run starts in a line, and whether it is a strong hit.
struct IconRun {
    start: usize,
    /// Names ending in "icon", or two or more Material ligatures: surely
    /// icons. A lone ligature ("user_account") may be an identifier.
    strong: bool,
}

/// Whether a line (normalised: lower case) can end in an icon run: it holds
/// "icon", or an underscore (Material Icons ligatures). Normalising only
/// lower-cases letters, so this is exact for the line as written.
fn may_end_in_icons(normalized: &str) -> bool {
    static ICON: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("icon"));
    memchr::memchr(b'_', normalized.as_bytes()).is_some() || ICON.find(normalized.as_bytes()).is_some()
}

/// Where an icon-font run starts, if the line ends with one: the byte offset
/// of its first name (0: the whole line is icon names).
///
/// An icon run is at least `icon_min_names` occurrences of "icon" ending a
/// name ("bookmarkicon", "icon fm", "moveicon-musicicon"; not "iconic"),
/// packed densely (`icon_max_bytes_per_name`), with no sentence end and
/// almost no stop words after the first of them. Compound Material Icons
/// ligatures ("keyboard_arrow_down") at the end of a line are a run as well.
fn icon_run_start(
    line: &str,
    vocab: &Vocabulary,
    th: &Thresholds,
    buffer: &mut (String, Vec<LineWord>),
) -> Option<IconRun> {
    let bytes = line.as_bytes();
    let mut names = Vec::new();
    let mut from = 0;
    // Found by their `c`, rarer in text than `i`.
    for c in memchr::memchr2_iter(b'c', b'C', bytes) {
        let Some(start) = c.checked_sub(1) else { continue };
        let end = start + 4;
        let is_icon = bytes.get(start..end).is_some_and(|w| w.eq_ignore_ascii_case(b"icon"));
        if is_icon && start >= from && bytes.get(end).is_none_or(|b| !b.is_ascii_alphabetic()) {
            names.push(start);
            from = end;
        }
    }
    // Walk the names from the last one back, growing the tail one segment
    // at a time (linear however many names), and keep the earliest start
    // whose tail is still a run.
    let (mut words, mut stopwords, mut best) = (0u32, 0u32, None);
    let mut segment_end = line.len();
    for (j, &start) in names.iter().enumerate().rev() {
        // A segment takes the icon name glued before "icon" ("in" of
        // "inicon" is a name, not a stop word), but not glued prose.
        let segment_start = glued_name_start(line, start, vocab).min(segment_end);
        let segment = &line[segment_start..segment_end];
        if has_inner_sentence_end(&line[segment_start..(segment_end + 1).min(line.len())]) {
            break;
        }
        let f = Features::measure(segment, vocab, &mut buffer.0, &mut buffer.1);
        (words, stopwords, segment_end) = (words + f.words, stopwords + f.stopwords, segment_start);
        let count = names.len() - j;
        let dense = line.len() - start <= count * th.icon_max_bytes_per_name;
        let prose = stopwords as f32 > th.icon_max_stopword_share * words as f32;
        if count >= th.icon_min_names && dense && !prose {
            best = Some(start);
        }
    }
    if let Some(start) = best {
        return Some(IconRun {
            start: icon_words_before(line, glued_name_start(line, start, vocab), vocab),
            strong: true,
        });
    }
    material_run_start(line, vocab)
}

/// Moves a cut at "icon" back over the letters glued before it when they
/// are themselves an icon name ("bookmark|icon", "finish.bookmark|icon"),
/// not prose ("here|icon").
fn glued_name_start(line: &str, at: usize, vocab: &Vocabulary) -> usize {
    let glued_start =
        line[..at].char_indices().rev().find(|(_, c)| !c.is_alphanumeric()).map_or(0, |(i, c)| i + c.len_utf8());
    let glued = &line[glued_start..at];
    if !glued.is_empty() && vocab.is_icon_name(&glued.to_lowercase()) {
        glued_start
    } else {
        at
    }
}

/// Moves a cut back over the icon names standing as words right before it
/// ("sign" in "sign inicon", "full chevron" in "full chevron downicon").
fn icon_words_before(line: &str, cut: usize, vocab: &Vocabulary) -> usize {
    let mut cut = cut;
    for (at, word) in words_from_end(&line[..cut]) {
        let name = word.trim_matches(|c: char| c == '-' || c == '_').to_lowercase();
        if !vocab.is_icon_name(&name) {
            break;
        }
        cut = at;
    }
    cut
}

/// A run of Material Icons ligatures ending the line: words such as
/// "expand_more" whose parts are all icon names.
fn material_run_start(line: &str, vocab: &Vocabulary) -> Option<IconRun> {
    let (mut start, mut count) = (None, 0);
    for (at, word) in words_from_end(line) {
        let ligature = word.contains('_')
            && word.to_ascii_lowercase().split('_').all(|part| !part.is_empty() && vocab.is_icon_name(part));
        if !ligature {
            break;
        }
        (start, count) = (Some(at), count + 1);
    }
    start.map(|start| IconRun { start, strong: count > 1 || start > 0 })
}

/// Whitespace-separated words of `line` from the last one back, with their offsets.
fn words_from_end(line: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = line.trim_end();
    std::iter::from_fn(move || {
        rest = rest.trim_end();
        if rest.is_empty() {
            return None;
        }
        let at = last_word_start(rest);
        let word = &rest[at..];
        rest = &rest[..at];
        Some((at, word))
    })
}

/// Byte offset where the last whitespace-separated word of `text` starts.
fn last_word_start(text: &str) -> usize {
    text.char_indices().rev().find(|(_, c)| c.is_whitespace()).map_or(0, |(i, c)| i + c.len_utf8())
}

/// A sentence mark followed by a space: the text holds more than a name list.
fn has_inner_sentence_end(text: &str) -> bool {
    text.as_bytes().windows(2).any(|w| matches!(w[0], b'.' | b'!' | b'?') && w[1] == b' ')
}

/// A list item: a bullet and a space, or a number of up to three digits,
/// `.` or `)` and a space.
fn is_list_item(text: &str) -> bool {
    let t = text.trim_start();
    let mut chars = t.chars();
    match chars.next() {
        Some('-' | '*' | '•' | '·' | '–' | '—' | '▪' | '►' | '✓') => {
            chars.next().is_some_and(char::is_whitespace)
        }
        Some(c) if c.is_ascii_digit() => {
            let digits = t.bytes().take_while(u8::is_ascii_digit).count();
            let after = &t[digits..];
            digits <= 3 && (after.starts_with(". ") || after.starts_with(") "))
        }
        _ => false,
    }
}

/// A dateline: only numbers, month and weekday names and dateline words
/// ("Updated 17 Oct, 2025 01:54 GMT", "5 minutes ago", "2019-11-20").
fn is_dateline(normalized: &str, vocab: &Vocabulary, th: &Thresholds) -> bool {
    let (mut words, mut numbers, mut anchors, mut decor) = (0, 0, 0, 0);
    for token in dateline_tokens(normalized) {
        words += 1;
        if words > th.dateline_max_words {
            return false;
        }
        if token.starts_with(|c: char| c.is_ascii_digit()) {
            // Numbers, clock times and ordinals ("19th", "1er", "10h30").
            if token.chars().filter(|c| c.is_alphabetic()).count() > 2 {
                return false;
            }
            numbers += 1;
            anchors += usize::from(token.contains(':'));
            continue;
        }
        match vocab.date_word(token) {
            Some(DateWord::Month | DateWord::Weekday) => anchors += 1,
            Some(DateWord::Decor) => decor += 1,
            None => return false,
        }
    }
    numbers >= 1 && (anchors >= 1 || decor >= 2 || numbers >= 3)
}

/// The tokens of a (normalised) line as datelines split it: at white space
/// and at `,|•·/()[]-.;+`.
fn dateline_tokens(normalized: &str) -> impl Iterator<Item = &str> {
    const SEPARATES: [bool; 128] = {
        let mut table = [false; 128];
        let separators = b" \t\n\r\x0b\x0c,|/()[]-.;+";
        let mut i = 0;
        while i < separators.len() {
            table[separators[i] as usize] = true;
            i += 1;
        }
        table
    };
    normalized
        .split(|c: char| if c.is_ascii() { SEPARATES[c as usize] } else { matches!(c, '•' | '·') || c.is_whitespace() })
        .filter(|t| !t.is_empty())
}

/// A comment's byline: a short line ending in a comment verb and a colon
/// ("Alex on September 17, 2018 at 6:34 am said:", "Maria says:").
fn is_comment_byline(normalized: &str, vocab: &Vocabulary, th: &Thresholds) -> bool {
    let Some(head) = normalized.strip_suffix(':') else {
        return false;
    };
    let mut words = head.split_whitespace();
    let verb = words.next_back().is_some_and(|w| vocab.is_comment_verb(w));
    verb && words.count() < th.comment_byline_max_words
}

/// The family whose phrases make up the line, if they do (DESIGN.md,
/// "Phrase coverage"): strong when its strong phrases (several words, or a
/// word marked so) alone cover the line, or it is a notice; weak when
/// single words do ("Print", "Comments"; [`Hit::sentence`] when the line
/// is a sentence of its own).
/// `words` are the line's words, `line` its counts.
fn phrase_family(words: &[LineWord], line: &Features, vocab: &Vocabulary, th: &Thresholds) -> Option<Hit> {
    let total = line.letters;
    if total == 0 {
        return None;
    }
    let (mut function_word, mut phrases) = (false, 0);
    let mut by_family = [0u32; Family::ALL.len()];
    let mut multiword: Vec<usize> = Vec::new();
    let mut strong_letters = 0u32;
    let mut i = 0;
    while i < words.len() {
        let Some((len, index)) = vocab.longest_phrase(&words[i..]) else {
            function_word |= words[i].stop;
            i += 1;
            continue;
        };
        let phrase = vocab.phrase(index);
        phrases += 1;
        by_family[phrase.family as usize] += words[i..i + len].iter().map(|w| w.letters).sum::<u32>();
        if phrase.strong {
            strong_letters += words[i..i + len].iter().map(|w| w.letters).sum::<u32>();
        }
        if phrase.multiword && !multiword.contains(&index) {
            multiword.push(index);
        }
        i += len;
    }
    let covered: u32 = by_family.iter().sum();
    let coverage = covered as f32 / total as f32;
    let notice = multiword.len() >= th.notice_min_phrases && coverage >= th.notice_coverage;
    if coverage < th.phrase_coverage && !notice {
        return None;
    }
    let best = (0..by_family.len()).max_by_key(|&i| by_family[i])?;
    let strong = notice || strong_letters as f32 >= th.phrase_coverage * total as f32;
    let sentence = !strong && phrases == 1 && line.ends_terminal && function_word;
    Some(Hit { family: Family::ALL[best], strong, sentence })
}

#[cfg(test)]
mod tests {
    use super::*;

    const STRONG: bool = true;
    const WEAK: bool = false;
    const SENTENCE: bool = true;
    const LABEL: bool = false;

    fn vocab() -> Vocabulary {
        Vocabulary::new(&Options::default()).unwrap()
    }

    #[test]
    fn icon_runs_table() {
        let v = vocab();
        let th = Thresholds::default();
        let cases: &[(&str, Option<&str>)] = &[
            ("icon bookmark-bicon bookmarkicon cameraicon checkicon chevron downicon fm", Some("")),
            (
                "Read the full article hereicon bookmark-bicon bookmarkicon cameraicon",
                Some("Read the full article here"),
            ),
            ("Menu bookmarkicon closeicon searchicon", Some("")),
            ("Our menu: soup bookmarkicon closeicon searchicon", Some("Our menu: soup ")),
            // Regression: names glued to stop words ("inicon", "upicon") are not prose.
            ("sign inicon sign upicon twicon", Some("")),
            // Regression: the prose word a run is glued to ("mal.icon") is not part of the run.
            (
                "Der Rat stimmte zum zweiten Mal.icon bookmark-bicon bookmarkicon cameraicon checkicon",
                Some("Der Rat stimmte zum zweiten Mal."),
            ),
            // Regression: a name glued to a sentence end ("finish.bookmarkicon").
            ("It will finish.bookmarkicon closeicon searchicon", Some("It will finish.")),
            ("Silicon Valley's iconic icons and its icon designers", None),
            ("The icon, the icon and the icon.", None),
            ("Plain sentence without any of it.", None),
            ("Read more keyboard_arrow_down", Some("Read more ")),
            ("expand_more", Some("")),
            ("keyboard_arrow_down expand_more", Some("")),
            ("share_price rose", None),
            // Regression: a no-break space before the last word is two bytes long.
            ("Selera di\u{a0}Jogja", None),
            ("Soup\u{a0}bookmarkicon closeicon searchicon", Some("Soup\u{a0}")),
            ("Read\u{a0}expand_more", Some("Read\u{a0}")),
        ];
        for (line, want) in cases {
            let got = icon_run_start(line, &v, &th, &mut Default::default()).map(|run| &line[..run.start]);
            assert_eq!(got, *want, "line {line:?}");
        }
    }

    #[test]
    fn material_runs_table() {
        let v = vocab();
        // (line, start of the run, strong)
        let cases: &[(&str, Option<(usize, bool)>)] = &[
            ("expand_more", Some((0, WEAK))),
            ("user_account", Some((0, WEAK))),
            ("keyboard_arrow_down expand_more", Some((0, STRONG))),
            ("Read more keyboard_arrow_down", Some((10, STRONG))),
            ("plain words", None),
        ];
        for &(line, want) in cases {
            let got = material_run_start(line, &v).map(|r| (r.start, r.strong));
            assert_eq!(got, want, "line {line:?}");
        }
    }

    #[test]
    fn datelines_table() {
        let v = vocab();
        let th = Thresholds::default();
        let cases = [
            ("17 oct, 2025 01:54", true),
            ("updated 5 minutes ago", true),
            ("nov 19, 2019, 10:31 pm cst", true),
            ("2019-11-20", true),
            ("monday, 3 march 2014", true),
            ("3 min read", true),
            ("aktualisiert am 3. märz 2014 um 10:31 uhr", true),
            ("2019", false),
            ("page 2", false),
            ("12 comments", false),
            ("may the best team win on 5 june", false),
            ("chris davies - nov 19, 2019", false),
        ];
        for (line, want) in cases {
            assert_eq!(is_dateline(line, &v, &th), want, "line {line:?}");
        }
    }

    #[test]
    fn phrase_families_table() {
        let v = vocab();
        let th = Thresholds::default();
        // (line, family, strong, a sentence of its own)
        type Want = Option<(Family, bool, bool)>;
        let cases: &[(&str, Want)] = &[
            ("you can share this story on social media:", Some((Family::SharePrompt, STRONG, LABEL))),
            ("share on facebook", Some((Family::SharePrompt, STRONG, LABEL))),
            ("3.2k shares", Some((Family::SharePrompt, WEAK, LABEL))),
            ("12 comments", Some((Family::CommentNotice, WEAK, LABEL))),
            ("podcasts", Some((Family::MediaWidget, WEAK, LABEL))),
            ("advertisement", Some((Family::Advertisement, STRONG, LABEL))),
            ("we use cookies to improve your experience. accept all", Some((Family::CookieNotice, STRONG, LABEL))),
            ("sign up for our newsletter", Some((Family::Newsletter, STRONG, LABEL))),
            ("dear readers! thank you for your vibrant engagement with our content and for sharing your points of view. please note that we have switched to a new commenting system. to leave comments, you will need to register. please check our commenting policy", Some((Family::CommentNotice, STRONG, LABEL))),
            ("share prices rose sharply on monday.", None),
            ("the podcast, which launched in 2019, now has millions of listeners.", None),
            ("readers left a comment on the cookie recipe, and the chef answered every one.", None),
            ("displaying the replay of the game", None),
            ("print", Some((Family::SharePrompt, WEAK, LABEL))),
            ("paid social advertising", Some((Family::Advertisement, WEAK, LABEL))),
            // A sentence of its own, with a function word beside the phrase word.
            ("he is back.", Some((Family::Navigation, WEAK, SENTENCE))),
            ("contact was made.", Some((Family::Navigation, WEAK, SENTENCE))),
            ("it was close.", Some((Family::Navigation, WEAK, SENTENCE))),
            ("back to top.", Some((Family::Navigation, STRONG, LABEL))),
            ("he is back", Some((Family::Navigation, WEAK, LABEL))),
            ("shares fell.", Some((Family::SharePrompt, WEAK, LABEL))),
            ("get updates in your inbox. subscribe to our newsletters.", Some((Family::Newsletter, WEAK, LABEL))),
        ];
        for (line, want) in cases {
            let mut words = Vec::new();
            let f = Features::measure(line, &v, &mut String::new(), &mut words);
            let got = phrase_family(&words, &f, &v, &th).map(|h| (h.family, h.strong, h.sentence));
            assert_eq!(got, *want, "line {line:?}");
        }
    }

    #[test]
    fn list_items_table() {
        let cases = [
            ("- item", true),
            ("• item", true),
            ("12. item", true),
            ("3) item", true),
            ("-5 degrees", false),
            ("2019. A year", false),
            ("plain", false),
        ];
        for (line, want) in cases {
            assert_eq!(is_list_item(line), want, "line {line:?}");
        }
    }
}
