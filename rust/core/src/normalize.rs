//! Text to its normalised form and its words, in one pass: what phrases
//! are matched in and words are looked up by. Lower case, typographic
//! quotes and dashes folded to ASCII, white space collapsed; a word is a run
//! of letters and digits with its inner apostrophes. Shared by the
//! vocabularies (their phrases are normalised so) and the measures of
//! lines and blocks.

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
    /// Sentence marks (`.`, `!`, `?`, `…` and CJK forms) followed by white
    /// space, and the full-width ones (`。！？`) followed by anything but
    /// another mark.
    pub sentence_ends: u32,
}

const SPACE: u8 = 1;
const WORD: u8 = 2;
const MARK: u8 = 5;
const APOSTROPHE: u8 = 6;

/// Classes of the ASCII bytes.
static ASCII_CLASS: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = match b as u8 {
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' => SPACE,
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => WORD,
            b'.' | b'!' | b'?' => MARK,
            b'\'' | b'`' => APOSTROPHE,
            _ => 0,
        };
        b += 1;
    }
    table
};

/// The ASCII bytes of words, lower-cased (digits as they are); 0 for any other.
static WORD_BYTE: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = match b as u8 {
            c @ (b'a'..=b'z' | b'0'..=b'9') => c,
            c @ b'A'..=b'Z' => c + 32,
            _ => 0,
        };
        b += 1;
    }
    table
};

/// Normalises `text` into `out` (as [`normalize`]) in one pass, calling
/// `word(word, letters)` for every word of the normalised text (a run of
/// letters, digits and inner apostrophes; in the scripts written without
/// spaces between words, each character: [`spaceless`]), and counting
/// letters and sentence ends. A word is read in one inner loop, ASCII bytes
/// straight from a table; white space and punctuation between words one at
/// a time.
pub fn normalize_scan(text: &str, out: &mut String, mut word: impl FnMut(&str, u32)) -> Scan {
    out.clear();
    out.reserve(text.len());
    if let Some(scan) = scan_folded_ascii(text, out, &mut word) {
        return scan;
    }
    out.clear();
    let bytes = text.as_bytes();
    let mut scan = Scan::default();
    // A space is written only before what follows it: none at either end.
    // `after_wide_mark`: after a full-width sentence mark, which needs no
    // space after it to end a sentence (`日本語です。次の文`); `spaced`:
    // white space after Thai or Lao, which ends a sentence when more
    // follows ([`spaces_sentences`]); `last_spaced`: the last character
    // was Thai or Lao.
    let (mut pending_space, mut after_mark, mut after_wide_mark) = (false, false, false);
    let (mut spaced, mut last_spaced) = (false, false);
    let mut i = 0;
    while i < bytes.len() {
        let (c, len) = char_at(text, i);
        let class = class_of(c);
        if class == SPACE {
            scan.sentence_ends += u32::from(after_mark);
            (after_mark, after_wide_mark) = (false, false);
            spaced |= last_spaced;
            pending_space = !out.is_empty();
            i += len;
            continue;
        }
        if after_wide_mark && class != MARK {
            scan.sentence_ends += 1;
            after_wide_mark = false;
        }
        if spaced && spaces_sentences(c) {
            scan.sentence_ends += 1;
        }
        spaced = false;
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        if class == WORD {
            let start = out.len();
            let letters = read_word(text, &mut i, out);
            scan.letters += letters;
            word(&out[start..], letters);
            after_mark = false;
            last_spaced = out.chars().next_back().is_some_and(spaces_sentences);
            continue;
        }
        // Punctuation, symbols, quotes and dashes (folded), apostrophes
        // that open no word.
        out.push(match class {
            APOSTROPHE => '\'',
            _ => fold(c).unwrap_or(c),
        });
        after_mark = class == MARK;
        after_wide_mark = is_wide_mark(c) || (after_wide_mark && after_mark);
        last_spaced = spaces_sentences(c);
        i += len;
    }
    scan
}

/// Whether `c` ends a sentence: `.`, `!`, `?`, `…`, the full-width marks
/// ([`is_wide_mark`]), and the full stops and question marks of the
/// scripts that write their own: Devanagari's danda (`।`, `॥`), Arabic's
/// question mark and Urdu's full stop (`؟`, `۔`), Armenian's, Ethiopic's,
/// Myanmar's and Khmer's full stops.
pub fn is_sentence_mark(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '।' | '॥' | '؟' | '۔' | '։' | '።' | '။' | '។') || is_wide_mark(c)
}

/// The full-width sentence marks of Chinese and Japanese, which need no
/// space after them: the next sentence follows at once.
fn is_wide_mark(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '｡')
}

/// Whether `c` is Thai or Lao, which write no space between words and no
/// mark at a sentence's end: the space between two runs of their letters
/// ends a sentence (or a clause) as a full stop does elsewhere.
fn spaces_sentences(c: char) -> bool {
    matches!(c as u32, 0x0E00..=0x0EFF)
}

/// Whether `c` is of a script written without spaces between its words:
/// the [`spaceless`] ones, whose every character is a word, and Thai, Lao,
/// Myanmar and Khmer, whose words run together up to a space that ends a
/// clause. Their words are no measure of a text's length; their letters are.
pub fn unspaced(c: char) -> bool {
    spaceless(c) || matches!(c as u32, 0x0E00..=0x0EFF | 0x1000..=0x109F | 0x1780..=0x17FF)
}

/// Whether `c` is a combining mark that is no letter (`char::is_alphabetic`
/// counts the vowel signs): the virama of Devanagari and the other Indic
/// scripts, a nukta, Thai and Lao tone marks, Myanmar's and Khmer's signs,
/// Hebrew's points and cantillation, Arabic's marks, and the combining
/// accents of decomposed Latin (`cafe\u{301}`). After a letter it belongs
/// to the letter's word: `प्रधानमंत्री` is one word, not three. In the
/// Indic, Thai, Lao, Tibetan, Myanmar and Khmer blocks every sign that is
/// no letter, digit or sentence mark is taken as one.
pub fn joins_word(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F
        | 0x0591..=0x05BD | 0x05BF | 0x05C1..=0x05C2 | 0x05C4..=0x05C5 | 0x05C7
        | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06DC | 0x06DF..=0x06E4 | 0x06E7..=0x06E8 | 0x06EA..=0x06ED
        | 0x0900..=0x0DFF | 0x0E00..=0x0FFF | 0x1000..=0x109F | 0x1780..=0x17FF)
        && !c.is_alphanumeric()
        && !is_sentence_mark(c)
}

/// Whether `c` is of a script written without spaces between its words,
/// where each character counts as a word: Han ideographs (CJK unified,
/// their extensions and compatibility forms) and Japanese kana. A
/// paragraph of Chinese is one run of letters between its commas; read as
/// a few long words it would never be prose.
pub fn spaceless(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x31F0..=0x31FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF66..=0xFF9D | 0x20000..=0x3FFFF)
}

/// [`normalize_scan`] of a line that normalises to lower-cased ASCII with
/// nothing to collapse: ASCII (and the typographic quotes and dashes, which
/// fold to ASCII) with single spaces between words, none at either end, and
/// no other white space. Nearly every line of English text is one. The line
/// is copied lower-cased, then read 64 bytes at a time: masks of its word
/// bytes, letters, apostrophes, spaces and sentence marks (loops the
/// compiler turns into vector code) give the words by bit arithmetic.
/// `None` (with `out` in any state) for any other line.
fn scan_folded_ascii(text: &str, out: &mut String, word: &mut impl FnMut(&str, u32)) -> Option<Scan> {
    let bytes = text.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return None;
    }
    if bytes.is_ascii() {
        // Control bytes are white space to collapse (or NULs); a backquote
        // is written as an apostrophe.
        if bytes.iter().fold(false, |bad, &b| bad | (b < 0x20) | (b == b'`')) {
            return None;
        }
        out.push_str(text);
        out.make_ascii_lowercase();
    } else {
        fold_into(text, out)?;
    }
    // Known before any word is reported: spaces to collapse.
    static DOUBLE_SPACE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("  "));
    if DOUBLE_SPACE.find(out.as_bytes()).is_some() {
        return None;
    }
    let lower = out.as_bytes();
    let mut scan = Scan::default();
    // The word being read: where it started, and its letters so far.
    let mut open: Option<(usize, u32)> = None;
    let (mut last_mark, mut last_word) = (false, false);
    for (chunk_index, chunk) in lower.chunks(64).enumerate() {
        let base = chunk_index * 64;
        let (mut word_bytes, mut letter, mut apostrophe, mut space, mut mark) = (0u64, 0u64, 0u64, 0u64, 0u64);
        for (k, eight) in chunk.chunks(8).enumerate() {
            let mut padded = [0u8; 8];
            padded[..eight.len()].copy_from_slice(eight);
            let x = u64::from_le_bytes(padded);
            let letters = bytes_between(x, b'a', b'z');
            let shift = 8 * k as u32;
            letter |= gather(letters) << shift;
            word_bytes |= gather(letters | bytes_between(x, b'0', b'9')) << shift;
            apostrophe |= gather(bytes_between(x, b'\'', b'\'')) << shift;
            space |= gather(bytes_between(x, b' ', b' ')) << shift;
            mark |= gather(bytes_between(x, b'.', b'.') | bytes_between(x, b'!', b'!') | bytes_between(x, b'?', b'?'))
                << shift;
        }
        let len = chunk.len() as u32;
        let next_letter = lower.get(base + 64).is_some_and(|b| b.is_ascii_lowercase());
        // An apostrophe joins a word when a letter or digit comes before it
        // and a letter after it.
        let joined =
            apostrophe & ((word_bytes << 1) | u64::from(last_word)) & ((letter >> 1) | u64::from(next_letter) << 63);
        let in_word = word_bytes | joined;
        scan.letters += letter.count_ones();
        scan.sentence_ends += (mark & (space >> 1)).count_ones() + u32::from(last_mark && space & 1 == 1);
        let mut pos = 0u32;
        while pos < len {
            let rest = in_word >> pos;
            let (start, letters) = match open {
                Some(word_open) => word_open,
                None => {
                    let gap = rest.trailing_zeros();
                    if gap >= len - pos {
                        break;
                    }
                    pos += gap;
                    (base + pos as usize, 0)
                }
            };
            let run = (!(in_word >> pos)).trailing_zeros().min(len - pos);
            let span = if run == 64 { u64::MAX } else { (1u64 << run) - 1 };
            // The run's bytes are all in its word: its letters are the run
            // less its digits and apostrophes, seldom any (so seldom counted:
            // `count_ones` is a dozen steps without POPCNT).
            let others = ((in_word & !letter) >> pos) & span;
            let letters = letters + run - if others == 0 { 0 } else { others.count_ones() };
            pos += run;
            if pos == len && chunk.len() == 64 && base + 64 < lower.len() {
                open = Some((start, letters)); // runs on into the next chunk
                break;
            }
            open = None;
            word(&out[start..base + pos as usize], letters);
        }
        last_mark = mark >> (len - 1) & 1 == 1;
        last_word = in_word >> (len - 1) & 1 == 1;
    }
    Some(scan)
}

/// The high bit of every byte of `x` (eight ASCII bytes) that lies in
/// `lo..=hi`, the others clear: exact, as no sum carries into the next byte.
pub(crate) fn bytes_between(x: u64, lo: u8, hi: u8) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let at_least_lo = x + ONES * u64::from(0x80 - lo);
    let above_hi = x + ONES * u64::from(0x7F - hi);
    at_least_lo & !above_hi & (ONES << 7)
}

/// How many bytes of `high` (a mask of [`bytes_between`]'s) are set: one
/// multiply sums the bytes' bits into the top byte (each sum is at most 8,
/// so none carries), where `count_ones` is a dozen steps on the baseline
/// x86-64 this is built for, which has no POPCNT.
pub(crate) fn count_bytes(high: u64) -> u32 {
    ((high >> 7).wrapping_mul(0x0101_0101_0101_0101) >> 56) as u32
}

/// The high bits of the bytes of `high` gathered into the low 8 bits, byte
/// 0's first: one multiply, whose partial products never overlap.
fn gather(high: u64) -> u64 {
    (high >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// Copies `text` (not ASCII) into `out` lower-cased, with the typographic
/// quotes and dashes folded to ASCII; `None` when it holds anything else
/// that is not ASCII, a control byte or a backquote, or an apostrophe before
/// a non-ASCII character (which [`read_word`] would join into a word). Its
/// runs of ASCII are checked and copied whole, not a byte at a time.
fn fold_into(text: &str, out: &mut String) -> Option<()> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let run = bytes[i..].iter().position(|&b| b >= 0x80).unwrap_or(bytes.len() - i);
        let ascii = &bytes[i..i + run];
        let bad = ascii.iter().fold(false, |bad, &b| bad | (b < 0x20) | (b == b'`'));
        // The run's last byte comes before a non-ASCII one, unless the text ends there.
        if bad || (i + run < bytes.len() && ascii.last() == Some(&b'\'')) {
            return None;
        }
        let start = out.len();
        out.push_str(&text[i..i + run]);
        out[start..].make_ascii_lowercase();
        i += run;
        if i == bytes.len() {
            break;
        }
        // U+2010..U+2014 (dashes) and U+2018..U+201F (quotes): E2 80 xx.
        let folded = match bytes.get(i..i + 3)? {
            [0xE2, 0x80, 0x90..=0x94] => '-',
            [0xE2, 0x80, 0x98..=0x9B] => '\'',
            [0xE2, 0x80, 0x9C..=0x9F] => '"',
            _ => return None,
        };
        if folded == '\'' && bytes.get(i + 3).is_some_and(|&n| n >= 0x80) {
            return None;
        }
        out.push(folded);
        i += 3;
    }
    Some(())
}

/// Reads the word starting at `*i` into `out`, lower-cased; returns its
/// letters. A word runs over letters and digits (of any script) and over an
/// apostrophe followed by a letter (or any non-ASCII byte); a [`spaceless`]
/// character ends it, and is a word alone.
fn read_word(text: &str, i: &mut usize, out: &mut String) -> u32 {
    let bytes = text.as_bytes();
    let start = *i;
    let mut letters = 0;
    while let Some(&b) = bytes.get(*i) {
        if b < 0x80 {
            let lower = WORD_BYTE[b as usize];
            if lower != 0 {
                out.push(lower as char);
                letters += u32::from(lower >= b'a');
                *i += 1;
                continue;
            }
        }
        let (c, len) = char_at(text, *i);
        match class_of(c) {
            // A character of a script without spaces is a word of its own.
            WORD if spaceless(c) => {
                if *i == start {
                    out.push(c);
                    *i += len;
                    return u32::from(is_letter(c));
                }
                return letters;
            }
            WORD => {
                let letter = is_letter(c);
                if letter {
                    push_lowercase(out, c);
                } else {
                    out.push(c);
                }
                letters += u32::from(letter);
            }
            APOSTROPHE if bytes.get(*i + len).is_some_and(|&n| n.is_ascii_alphabetic() || n >= 0x80) => out.push('\''),
            // A mark on the letter before it (a virama, a tone mark, an accent) is the word's.
            0 if *i > start && joins_word(c) => out.push(c),
            _ => return letters,
        }
        *i += len;
    }
    letters
}

/// The character at byte `i` of `text` and its length in bytes.
fn char_at(text: &str, i: usize) -> (char, usize) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        return (b as char, 1);
    }
    let c = text[i..].chars().next().expect("i is on a char boundary");
    (c, c.len_utf8())
}

/// White space, a word character (letter or digit), an apostrophe, a
/// sentence mark, or anything else (0).
fn class_of(c: char) -> u8 {
    if c.is_ascii() {
        return ASCII_CLASS[c as usize];
    }
    if common_letter(c) == Some(true) {
        return WORD;
    }
    match unicode_class(c) {
        0 if fold(c).is_none() && c.is_alphanumeric() => WORD,
        class => class,
    }
}

/// The class of a non-ASCII character: white space, sentence mark,
/// apostrophe, or 0 (decided by the slower checks).
fn unicode_class(c: char) -> u8 {
    match c {
        c if is_sentence_mark(c) => MARK,
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

/// `char::is_alphanumeric` with fast paths for ASCII, the general
/// punctuation block (typographic quotes, dashes and spaces: no letter or
/// digit among them) and [`common_letter`]'s ranges, the characters met
/// most; the standard library looks every other one up.
pub fn is_alphanumeric(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphanumeric(),
        0x2000..=0x206F => false,
        // `common_letter` says no only of `×` and `÷`, which are no digits either.
        _ => common_letter(c).unwrap_or_else(|| c.is_alphanumeric()),
    }
}

/// `char::is_alphabetic` with fast paths for [`common_letter`]'s ranges,
/// the non-ASCII letters met most.
fn is_letter(c: char) -> bool {
    common_letter(c).unwrap_or_else(|| c.is_alphabetic())
}

/// Whether `c` is a letter, for Latin-1, Latin Extended-A, basic Cyrillic,
/// the kana, the CJK ideographs and the Hangul syllables, without a table
/// lookup; `None` elsewhere.
fn common_letter(c: char) -> Option<bool> {
    match c as u32 {
        0xC0..=0xFF => Some(c != '\u{D7}' && c != '\u{F7}'),
        0x100..=0x17F | 0x400..=0x481 | 0x48A..=0x4FF => Some(true),
        0x3041..=0x3096 | 0x30A1..=0x30FA | 0x4E00..=0x9FFF | 0xAC00..=0xD7A3 => Some(true),
        _ => None,
    }
}

fn push_lowercase(out: &mut String, c: char) {
    let lower = match c as u32 {
        0xC0..=0xDE if c != '\u{D7}' => char::from_u32(c as u32 + 0x20),
        0x410..=0x42F => char::from_u32(c as u32 + 0x20),
        0x400..=0x40F => char::from_u32(c as u32 + 0x50),
        // Kana, CJK ideographs and Hangul syllables have no case.
        0xDF..=0xFF | 0x430..=0x45F | 0x3041..=0x3096 | 0x30A1..=0x30FA | 0x4E00..=0x9FFF | 0xAC00..=0xD7A3 => Some(c),
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
        let kana_cjk_hangul = ('\u{3000}'..='\u{3100}').chain('\u{4E00}'..='\u{9FFF}').chain('\u{AC00}'..='\u{D7A3}');
        for c in ('\u{0}'..='\u{600}')
            .chain('\u{2000}'..='\u{2070}')
            .chain(kana_cjk_hangul)
            .chain(['\u{1E9E}', '\u{130}', 'Ω'])
        {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            let mut fast = String::new();
            if is_letter(c) && fold(c).is_none() && unicode_class(c) == 0 {
                push_lowercase(&mut fast, c);
                assert_eq!(fast, c.to_lowercase().to_string(), "{c:?}");
            }
        }
    }

    /// What `normalize_scan` does, one character at a time: the reference
    /// its word-at-a-time loops are checked against.
    fn reference_scan(text: &str) -> (String, Scan, Vec<(String, u32)>) {
        let chars: Vec<char> = text.chars().collect();
        let (mut out, mut scan, mut words) = (String::new(), Scan::default(), Vec::new());
        let (mut word, mut letters, mut pending_space, mut after_mark) = (None::<String>, 0, false, false);
        let (mut after_wide_mark, mut spaced, mut last_spaced) = (false, false, false);
        let thai_or_lao = |c: char| ('\u{E00}'..='\u{EFF}').contains(&c);
        let is_mark = |c: char| ".!?…।॥؟۔։።။។。！？｡".contains(c);
        let end_word = |word: &mut Option<String>, letters: &mut u32, words: &mut Vec<(String, u32)>| {
            if let Some(w) = word.take() {
                words.push((w, *letters));
            }
            *letters = 0;
        };
        for (i, &c) in chars.iter().enumerate() {
            let space = c.is_whitespace();
            let apostrophe =
                matches!(c, '\'' | '`' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{B4}');
            let next_letter = chars.get(i + 1).is_some_and(|n| n.is_ascii_alphabetic() || !n.is_ascii());
            let folded = match c {
                '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{AB}' | '\u{BB}' => Some('"'),
                '\u{2010}'..='\u{2014}' => Some('-'),
                _ => None,
            };
            if space {
                end_word(&mut word, &mut letters, &mut words);
                scan.sentence_ends += u32::from(after_mark);
                (after_mark, after_wide_mark) = (false, false);
                spaced |= last_spaced;
                pending_space = !out.is_empty();
                continue;
            }
            if after_wide_mark && !is_mark(c) {
                scan.sentence_ends += 1;
                after_wide_mark = false;
            }
            scan.sentence_ends += u32::from(spaced && thai_or_lao(c));
            spaced = false;
            last_spaced = thai_or_lao(c);
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            if c.is_alphanumeric() && spaceless(c) {
                end_word(&mut word, &mut letters, &mut words);
                out.push(c);
                let letter = u32::from(c.is_alphabetic());
                scan.letters += letter;
                words.push((c.to_string(), letter));
                after_mark = false;
                continue;
            }
            let in_word = (c.is_alphanumeric() && folded.is_none())
                || (apostrophe && word.is_some() && next_letter)
                || (word.is_some() && joins_word(c));
            if in_word {
                let lower: String = if apostrophe { "'".into() } else { c.to_lowercase().collect() };
                out.push_str(&lower);
                word.get_or_insert_with(String::new).push_str(&lower);
                if c.is_alphabetic() {
                    letters += 1;
                    scan.letters += 1;
                }
                after_mark = false;
                continue;
            }
            end_word(&mut word, &mut letters, &mut words);
            out.push(if apostrophe { '\'' } else { folded.unwrap_or(c) });
            after_mark = is_mark(c);
            after_wide_mark = "。！？｡".contains(c) || (after_wide_mark && after_mark);
        }
        end_word(&mut word, &mut letters, &mut words);
        (out, scan, words)
    }

    #[test]
    fn scans_as_the_reference_does() {
        let mut cases: Vec<String> = [
            "",
            " ",
            "Hello World",
            "  Don't  stop`n `quoted' it's. Done! ",
            "A.B.C. 3.2k 12:30 x_y a--b",
            "tab\tsep\rcr\x0bvt\x0cff end.",
            "'lead trail' ' ok?",
            "UPPER lower MiXeD 123abc abc123 a1'b2",
            "He said: “Don’t!” Then 3 left. Ёж",
            "café ÉTÉ naïve São Paulo",
            "l’été – «quoi» — fin…",
            "日本語のテキスト。次！",
            "北京时间周二，市议会通过了预算。该方案明年生效！？好。」下",
            "ab日cd e'日 x。 y",
            "x\u{a0}y\u{2003}z",
            "٣٤ arabic-indic digits",
            "Straße ǅ İstanbul",
            "’lead ’ ’s a’’b",
            // Regression: two spaces after the first 64 bytes once had the
            // words before them reported twice.
            "import React from 'react'import { View } from 'react-native'export const HomeScreen = () => {  const x = 1",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Generated strings over characters each rule cares about.
        let alphabet: Vec<char> =
            "aZ9 .!?'`’‘“”–—…\t\nÉéß日の٣_-:,\u{a0}。！？｡।؟กา\u{E48}ລ\u{94D}\u{301}".chars().collect();
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..2000 {
            let len = (seed % 24) as usize;
            let mut case = String::new();
            for _ in 0..len {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                case.push(alphabet[(seed % alphabet.len() as u64) as usize]);
            }
            cases.push(case);
        }
        // Long lines of words, across the 64-byte chunks of the fast path.
        let pieces =
            ["the", "Council's", "it's", "3.2k", "’s", "“quoted”", "a–b", "done.", "why?", "x'", "'y", "A1b2", "don’t"];
        for _ in 0..2000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let words = (seed % 60) as usize;
            let case: Vec<&str> =
                (0..words).map(|k| pieces[((seed >> (k % 50)) as usize + k * 7) % pieces.len()]).collect();
            cases.push(case.join(" "));
        }
        for case in &cases {
            let (mut out, mut words) = (String::new(), Vec::new());
            let scan = normalize_scan(case, &mut out, |w, l| words.push((w.to_owned(), l)));
            assert_eq!((out, scan, words), reference_scan(case), "case {case:?}");
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
    fn every_script_counts_its_words_and_sentence_ends() {
        // (text, words, sentence ends): a full-width mark ends a sentence
        // with no space after it; the last one is the line's end, not
        // counted here. Thai ends one with a space between its letters. A
        // mark (virama, tone mark, accent) stays in its letter's word.
        let cases = [
            ("市议会通过了预算。该方案明年生效！", 15, 1),
            ("日本語です。次の文です。", 10, 1),
            ("本当？！はい。", 4, 1),
            ("「はい。」と言った。", 6, 1),
            ("iPhone用のケース", 6, 0),
            ("서울 시의회는 예산을 통과시켰다.", 4, 0),
            ("3.5 GHz.Next", 4, 0),
            ("बजट को मंजूरी दे दी। यह योजना", 7, 1),
            ("هل وافق المجلس؟ نعم", 4, 1),
            ("สภาเมืองลงมติ แผนจะมีผล ในปีหน้า", 3, 2),
            ("ข่าว 2024 ข่าว", 3, 0),
            ("प्रधानमंत्री ने कहा", 3, 0),
            ("সংস্কৃতি ও ভাষা", 3, 0),
            ("cafe\u{301} noir", 2, 0),
            ("\u{301}accent", 1, 0),
            ("ไม่ใช่ ข่าว", 2, 1),
        ];
        for (text, words, ends) in cases {
            let mut count = 0;
            let scan = normalize_scan(text, &mut String::new(), |_, _| count += 1);
            assert_eq!((count, scan.sentence_ends), (words, ends), "{text:?}");
        }
    }
}
