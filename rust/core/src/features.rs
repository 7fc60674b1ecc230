//! Per-line measurements: counts that the classifier reads.

use crate::vocab::Vocabulary;

/// Counts of one line (or of a unit of lines, by [`Features::add`]).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Features {
    /// Alphabetic characters.
    pub letters: u32,
    /// Words (runs of letters, digits and inner apostrophes holding a letter).
    pub words: u32,
    /// Words that are stop words of the line's best language.
    pub stopwords: u32,
    /// Stop-word hits per enabled language (index: bit of the language mask).
    per_language: [u32; 16],
    /// Sentence ends: `.`, `!`, `?`, `…` or their CJK forms followed by a
    /// space or the end of the line.
    pub sentence_ends: u32,
    /// The last non-space character closes a sentence (or a quotation of one).
    pub ends_terminal: bool,
    /// The first letter is lower case, or the line opens with `,;:)`: it
    /// continues a sentence from the line before.
    pub continues: bool,
    /// The line ends inside a sentence: on a stop word, a comma, a hyphen or
    /// an opening bracket or quote.
    pub ends_open: bool,
}

impl Features {
    /// Measures `line`; `word` is a reused buffer.
    pub fn measure(line: &str, vocab: &Vocabulary, word: &mut String) -> Features {
        let mut f = Features::default();
        let mut first_letter_seen = false;
        let opens_with_punctuation =
            line.trim_start().starts_with([',', ';', ')', ':', '.']);
        f.continues = opens_with_punctuation;
        let mut in_word = false;
        let mut word_has_letter = false;
        word.clear();
        let mut chars = line.chars().peekable();
        let mut prev = ' ';
        while let Some(c) = chars.next() {
            let alpha = c.is_alphabetic();
            if alpha {
                f.letters += 1;
                if !first_letter_seen {
                    first_letter_seen = true;
                    f.continues |= c.is_lowercase();
                }
            }
            let inner_apostrophe = matches!(c, '\'' | '\u{2019}')
                && in_word
                && chars.peek().is_some_and(|n| n.is_alphabetic());
            if c.is_alphanumeric() || inner_apostrophe {
                in_word = true;
                word_has_letter |= alpha;
                if inner_apostrophe {
                    word.push('\'');
                } else if c.is_ascii() {
                    word.push(c.to_ascii_lowercase());
                } else {
                    word.extend(c.to_lowercase());
                }
            } else if in_word {
                f.end_word(word, word_has_letter, vocab);
                in_word = false;
                word_has_letter = false;
            }
            if is_sentence_mark(prev) && (c.is_whitespace()) {
                f.sentence_ends += 1;
            }
            prev = c;
        }
        if in_word {
            f.end_word(word, word_has_letter, vocab);
        }
        f.ends_terminal = ends_sentence(line);
        f.sentence_ends += u32::from(f.ends_terminal);
        match line.trim_end().chars().next_back() {
            Some(c) if c.is_alphanumeric() => {}
            Some(c) => f.ends_open = matches!(c, ',' | '-' | '\u{2013}' | '(' | '[' | '"' | '\u{201C}' | '\u{AB}'),
            None => {}
        }
        f
    }

    fn end_word(&mut self, word: &mut String, has_letter: bool, vocab: &Vocabulary) {
        self.ends_open = false;
        if has_letter {
            self.words += 1;
            let mask = vocab.stopword_mask(word);
            self.ends_open = mask != 0;
            if mask != 0 {
                for (bit, hits) in self.per_language.iter_mut().enumerate() {
                    *hits += u32::from(mask >> bit & 1);
                }
                self.stopwords = self.per_language.iter().copied().max().unwrap_or(0);
            }
        }
        word.clear();
    }

    /// Adds the counts of a following line (for a unit of fragments).
    pub fn add(&mut self, next: &Features) {
        self.letters += next.letters;
        self.words += next.words;
        for (a, b) in self.per_language.iter_mut().zip(next.per_language) {
            *a += b;
        }
        self.stopwords = self.per_language.iter().copied().max().unwrap_or(0);
        self.sentence_ends += next.sentence_ends;
        self.ends_terminal = next.ends_terminal;
        self.ends_open = next.ends_open;
    }

    /// Share of words that are stop words of the best language.
    pub fn stopword_share(&self) -> f32 {
        if self.words == 0 {
            0.0
        } else {
            self.stopwords as f32 / self.words as f32
        }
    }
}

fn is_sentence_mark(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？')
}

/// Whether the line ends a sentence: its last character is a sentence mark,
/// or a closing quote or bracket right after one.
pub fn ends_sentence(line: &str) -> bool {
    let mut tail = line.trim_end().chars().rev();
    match tail.next() {
        Some(c) if is_sentence_mark(c) => true,
        Some('"' | '\'' | '”' | '’' | '»' | ')' | ']' | '“') => tail.next().is_some_and(is_sentence_mark),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Options;

    fn measure(line: &str) -> Features {
        let vocab = Vocabulary::new(&Options::default()).unwrap();
        Features::measure(line, &vocab, &mut String::new())
    }

    #[test]
    fn measures_table() {
        // (line, letters, words, stopwords, sentence_ends, ends_terminal, continues)
        let cases: &[(&str, u32, u32, u32, u32, bool, bool)] = &[
            ("", 0, 0, 0, 0, false, false),
            ("Home", 4, 1, 0, 0, false, false),
            ("The cat sat on the mat.", 17, 6, 3, 1, true, false),
            ("It's done. Really!", 13, 3, 1, 2, true, false),
            ("is arguably the most striking yet.", 28, 6, 4, 1, true, true),
            (", he said", 6, 2, 2, 0, false, true),
            ("29:41", 0, 0, 0, 0, false, false),
            ("He said “no.”", 8, 3, 3, 1, true, false),
            ("Der Hund und die Katze sind hier.", 26, 7, 5, 1, true, false),
        ];
        for &(line, letters, words, stop, ends, terminal, continues) in cases {
            let f = measure(line);
            assert_eq!(
                (f.letters, f.words, f.stopwords, f.sentence_ends, f.ends_terminal, f.continues),
                (letters, words, stop, ends, terminal, continues),
                "line {line:?}"
            );
        }
    }

    #[test]
    fn adding_takes_the_best_language_of_the_sum() {
        let mut a = measure("the and of");
        a.add(&measure("und der die"));
        assert_eq!((a.words, a.stopwords), (6, 3));
    }
}
