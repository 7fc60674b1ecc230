//! Per-line measurements: counts that the classifier reads.

use crate::normalize::{is_sentence_mark, normalize_scan, unspaced};
use crate::vocab::{LineWord, Vocabulary, LANGUAGES};

/// Counts of one line (or of a unit of lines, by [`Features::add`]).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Features {
    /// Alphabetic characters.
    pub letters: u32,
    /// Words (runs of letters, digits and inner apostrophes holding a letter).
    pub words: u32,
    /// Letters of the words in scripts written without spaces between
    /// words ([`unspaced`]).
    pub unspaced: u32,
    /// Words that are stop words of the line's best language.
    pub stopwords: u32,
    /// Stop-word hits per enabled language (index: bit of the language mask).
    per_language: [u32; LANGUAGES.len()],
    /// Sentence ends, as [`crate::normalize::Scan::sentence_ends`] counts
    /// them, and the line's last mark.
    pub sentence_ends: u32,
    /// The last non-space character closes a sentence (or a quotation of one).
    pub ends_terminal: bool,
    /// The first letter is lower case, or the line opens with `,;:)`: it
    /// continues a sentence from the line before.
    pub continues: bool,
    /// The line ends inside a sentence: on a stop word, a comma, a hyphen or
    /// an opening bracket or quote.
    pub ends_open: bool,
    /// The roles its words play in the grammar rules (bits of [`crate::vocab::role`]).
    pub grammar: u16,
}

impl Features {
    /// Measures `line`; `normalized` is a reused buffer, left holding the
    /// line normalised (one pass does both: [`normalize_scan`]).
    /// `words` receives the line's words for phrase matching.
    pub fn measure(line: &str, vocab: &Vocabulary, normalized: &mut String, words: &mut Vec<LineWord>) -> Features {
        let mut f = Features::default();
        words.clear();
        let scan = normalize_scan(line, normalized, |word, letters| {
            let known = vocab.word(word);
            let stop = known.stop_mask != 0;
            words.push(LineWord { phrase_word: known.phrase_word, phrase_start: known.phrase_start, letters, stop });
            f.grammar |= known.grammar;
            f.end_word(known.stop_mask, letters > 0);
            if word.as_bytes().first().is_some_and(|&b| b >= 0xE0) && word.chars().next().is_some_and(unspaced) {
                f.unspaced += letters;
            }
        });
        f.letters = scan.letters;
        f.stopwords = f.per_language.iter().copied().max().unwrap_or(0);
        f.ends_terminal = ends_sentence(line);
        f.sentence_ends = scan.sentence_ends + u32::from(f.ends_terminal);
        let trimmed = line.trim_start();
        f.continues = trimmed.starts_with([',', ';', ')', ':', '.'])
            || trimmed.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_lowercase);
        match line.trim_end().chars().next_back() {
            Some(c) if c.is_alphanumeric() => {}
            Some(c) => f.ends_open = matches!(c, ',' | '-' | '\u{2013}' | '(' | '[' | '"' | '\u{201C}' | '\u{AB}'),
            None => {}
        }
        f
    }

    /// Only the letters of `line`: for text whose words do not matter.
    pub fn letters_only(line: &str) -> Features {
        Features { letters: line.chars().filter(|c| c.is_alphabetic()).count() as u32, ..Features::default() }
    }

    fn end_word(&mut self, stop_mask: u32, has_letter: bool) {
        self.ends_open = false;
        if has_letter {
            self.words += 1;
            self.ends_open = stop_mask != 0;
            let mut bits = stop_mask;
            while bits != 0 {
                self.per_language[bits.trailing_zeros() as usize] += 1;
                bits &= bits - 1;
            }
        }
    }

    /// Adds the counts of a following line (for a unit of fragments).
    pub fn add(&mut self, next: &Features) {
        self.letters += next.letters;
        self.words += next.words;
        self.unspaced += next.unspaced;
        for (a, b) in self.per_language.iter_mut().zip(next.per_language) {
            *a += b;
        }
        self.stopwords = self.per_language.iter().copied().max().unwrap_or(0);
        self.sentence_ends += next.sentence_ends;
        self.ends_terminal = next.ends_terminal;
        self.ends_open = next.ends_open;
        self.grammar |= next.grammar;
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
        Features::measure(line, &vocab, &mut String::new(), &mut Vec::new())
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
    fn stop_words_of_every_language_and_none_in_english_menus() {
        // (a sentence, at least this many stop words)
        let sentences: &[(&str, u32)] = &[
            ("Rada miasta zebrała się we wtorek, aby omówić nowy budżet na przyszły rok.", 3),
            ("Městská rada se v úterý sešla, aby projednala nový rozpočet na příští rok.", 3),
            ("Kommunfullmäktige samlades på tisdagen för att diskutera den nya budgeten för nästa år.", 3),
            ("Byrådet mødtes tirsdag for at drøfte det nye budget for næste år.", 3),
            ("A városi tanács kedden ülésezett, hogy megvitassa a jövő évi új költségvetést.", 2),
            ("Consiliul local s-a întrunit marți pentru a discuta noul buget pentru anul viitor.", 3),
            ("Dewan kota bertemu pada hari Selasa untuk membahas anggaran baru untuk tahun depan.", 3),
            ("Hội đồng thành phố đã họp vào thứ Ba để thảo luận về ngân sách mới cho năm tới.", 4),
            ("Міська рада зібралася у вівторок, щоб обговорити новий бюджет на наступний рік.", 3),
            ("Το δημοτικό συμβούλιο συνεδρίασε την Τρίτη για να συζητήσει τον νέο προϋπολογισμό.", 4),
            ("وقال رئيس البلدية إن الميزانية التي تمت الموافقة عليها في الاجتماع هي الأكبر منذ سنوات.", 4),
            ("شورای شهر روز سه شنبه برای بحث درباره بودجه جدید سال آینده تشکیل جلسه داد.", 1),
            ("מועצת העיר התכנסה ביום שלישי כדי לדון בתקציב החדש לשנה הבאה.", 1),
            ("नगर परिषद की बैठक मंगलवार को अगले साल के नए बजट पर चर्चा करने के लिए हुई।", 5),
            ("市议会周二开会，讨论明年的新预算。", 1),
        ];
        for &(line, least) in sentences {
            let found = measure(line).stopwords;
            assert!(found >= least, "{line:?}: {found} stop words");
        }
        // English words that are another language's function words are left out of its list.
        for menu in ["Sale Care Kit", "Go Pro", "Dog Mine End", "Mint Vain Pun Ada Biz"] {
            assert_eq!(measure(menu).stopwords, 0, "{menu:?}");
        }
    }

    #[test]
    fn letters_of_scripts_without_spaces_table() {
        // (line, letters, unspaced letters)
        let cases: &[(&str, u32, u32)] = &[
            ("The cat sat on the mat.", 17, 0),
            ("市议会周二开会，讨论明年的新预算。", 15, 15),
            ("市民は来週から読むことができます。", 16, 16),
            ("สภาเมืองประชุมกัน ถนน", 20, 20),
            ("시의회는 화요일에 모였습니다.", 13, 0),
            ("iPhone 15 发布会", 9, 3),
            ("Café déjà vu", 10, 0),
        ];
        for &(line, letters, unspaced) in cases {
            let f = measure(line);
            assert_eq!((f.letters, f.unspaced), (letters, unspaced), "line {line:?}");
        }
    }

    #[test]
    fn adding_takes_the_best_language_of_the_sum() {
        let mut a = measure("the and of");
        a.add(&measure("und der die"));
        assert_eq!((a.words, a.stopwords), (6, 3));
    }
}
