//! Residue told by its grammar rather than by its words alone (DESIGN.md,
//! "Calls, form messages and notices"): a call to act ("Share it with a
//! friend!", "Subscribe to WIRED..."), a form's message ("You have been
//! successfully subscribed!") and a moderation notice ("Comments that are
//! offensive will not be approved by the moderator."). The words of each
//! role are in the language files; a line's words carry their roles
//! ([`Features::grammar`]), so only lines holding the words a rule needs
//! are read again here.

use crate::config::Thresholds;
use crate::normalize::normalize;
use crate::text::features::Features;
use crate::text::residue::Hit;
use crate::vocab::{role, Family, Vocabulary};

/// A word of the line as written.
struct Token {
    /// Normalised, as the vocabulary holds it.
    word: String,
    /// It opens with a capital letter.
    capital: bool,
    /// Its place in its sentence (0: it opens one).
    in_sentence: usize,
    /// The sentence mark that ends its sentence (`.`, `!`, `?`, `…`, or
    /// `:` ending the line), or `None` for a line that stops without one;
    /// `'…'` stands for several dots too.
    sentence_end: Option<char>,
    roles: u16,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn sentence_mark(gap: &str) -> Option<char> {
    if gap.contains("..") || gap.contains('…') {
        return Some('…');
    }
    gap.chars().find(|c| matches!(c, '.' | '!' | '?'))
}

/// The words of `text`, with where their sentences open and end.
fn tokens(text: &str, vocab: &Vocabulary) -> Vec<Token> {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(at, c)) in chars.iter().enumerate() {
        // Inner apostrophes and hyphens join ("don't", "abonnez-vous" is read as normalising does).
        let inner = matches!(c, '\'' | '’' | '`')
            && start.is_some()
            && chars.get(k + 1).is_some_and(|&(_, next)| is_word_char(next));
        match (is_word_char(c) || inner, start) {
            (true, None) => start = Some(at),
            (false, Some(s)) => {
                spans.push((s, at));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, text.len()));
    }
    let mut out: Vec<Token> = Vec::with_capacity(spans.len());
    let mut opened = 0;
    for (i, &(s, e)) in spans.iter().enumerate() {
        let gap_before = &text[if i == 0 { 0 } else { spans[i - 1].1 }..s];
        if i > 0 && sentence_mark(gap_before).is_some() {
            opened = i;
        }
        let word = normalize(&text[s..e]);
        let roles = vocab.word(&word).grammar;
        let capital = text[s..e].chars().next().is_some_and(char::is_uppercase);
        out.push(Token { word, capital, in_sentence: i - opened, sentence_end: None, roles });
    }
    // Each sentence's end, from the back.
    let mut end = {
        let tail = &text[spans.last().map_or(0, |&(_, e)| e)..];
        sentence_mark(tail).or_else(|| tail.trim_end().ends_with(':').then_some(':'))
    };
    for i in (0..out.len()).rev() {
        if i + 1 < spans.len() {
            if let Some(mark) = sentence_mark(&text[spans[i].1..spans[i + 1].0]) {
                end = Some(mark);
            }
        }
        out[i].sentence_end = end;
    }
    out
}

/// The grammar rule the line (`features` its counts) matches, if one does.
pub fn grammar_hit(text: &str, features: &Features, vocab: &Vocabulary, th: &Thresholds) -> Option<Hit> {
    let (roles, words) = (features.grammar, features.words as usize);
    let call = roles & role::CALL != 0 && words <= th.call_max_words;
    let form = roles & (role::ACK | role::FORM) == role::ACK | role::FORM && words <= th.form_max_words;
    let notice_roles = role::COMMENT | role::MODERATION | role::RULE;
    let notice = roles & notice_roles == notice_roles && words <= th.notice_max_words;
    if !(call || form || notice) {
        return None;
    }
    let tokens = tokens(text, vocab);
    let words: Vec<&str> = tokens.iter().map(|t| t.word.as_str()).collect();
    let strong = |family| Some(Hit::strong(family));
    if call {
        if let Some(family) = call_family(&tokens, &words, vocab, th) {
            return strong(family);
        }
    }
    let acks = |i: usize| tokens[i].in_sentence == 0 && tokens[i].roles & role::ACK != 0 && vocab.ack_at(&words[i..]);
    if form && (0..words.len()).any(acks) {
        return strong(Family::Newsletter);
    }
    if notice {
        let opens = tokens.iter().any(|t| t.roles & role::COMMENT != 0 && t.in_sentence < th.notice_opening_words);
        let mut moderation: Vec<&str> =
            tokens.iter().filter(|t| t.roles & role::MODERATION != 0).map(|t| t.word.as_str()).collect();
        moderation.sort_unstable();
        moderation.dedup();
        if opens && moderation.len() >= th.notice_min_moderation {
            return strong(Family::CommentNotice);
        }
    }
    None
}

/// A call to act: a call opening a sentence that does not end in a plain
/// full stop, made across at most two linking words ("to the") to an
/// object ("us", "it", "your") in a short sentence or one that ends in
/// `!`, `:` or dots, or to a name written with a capital (a brand) in a
/// sentence ending so; or a call alone before `!` or `:`. In a line with
/// a capital at every word start (a heading) capitals name nothing.
fn call_family(tokens: &[Token], words: &[&str], vocab: &Vocabulary, th: &Thresholds) -> Option<Family> {
    let alphabetic = tokens.iter().filter(|t| t.word.chars().next().is_some_and(char::is_alphabetic));
    let title_case = alphabetic.clone().all(|t| t.capital);
    for (i, t) in tokens.iter().enumerate() {
        if t.in_sentence != 0 || t.roles & role::CALL == 0 || t.sentence_end == Some('.') {
            continue;
        }
        let Some((len, family)) = vocab.call_at(&words[i..]) else { continue };
        let sentence = &tokens[i + len..];
        let sentence = &sentence[..sentence.iter().position(|t| t.in_sentence == 0).unwrap_or(sentence.len())];
        let is_link = |t: &&Token| t.roles & role::LINK != 0 && t.roles & role::OBJECT == 0;
        let linked = sentence.iter().take_while(is_link).count();
        let marked = matches!(t.sentence_end, Some('!' | ':' | '…'));
        // A call may hold its object ("síguenos", "suivez-nous").
        let holds_object = tokens[i + len - 1].roles & role::OBJECT != 0;
        let called = match sentence.get(linked) {
            _ if holds_object => marked || len + sentence.len() <= th.call_short_words,
            None => matches!(t.sentence_end, Some('!' | ':')),
            Some(next) if next.roles & role::OBJECT != 0 => marked || len + sentence.len() <= th.call_short_words,
            Some(next) => next.capital && !title_case && marked,
        };
        if called && linked <= 2 {
            return Some(family);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Options;

    fn hit(line: &str) -> Option<Family> {
        let vocab = Vocabulary::new(&Options::default()).unwrap();
        let features = Features::measure(line, &vocab, &mut String::new(), &mut Vec::new());
        grammar_hit(line, &features, &vocab, &Thresholds::default()).map(|h| h.family)
    }

    #[test]
    fn grammar_table() {
        use Family::*;
        let cases: &[(&str, Option<Family>)] = &[
            // Calls: to an object, to a brand, alone before ! or :.
            ("Like this story? Share it with a friend!", Some(SharePrompt)),
            ("Follow us on Twitter", Some(SharePrompt)),
            ("Subscribe to WIRED...", Some(Newsletter)),
            ("Sign up for The Water Coolest...", Some(Newsletter)),
            ("Share:", Some(SharePrompt)),
            ("Síguenos en Instagram", Some(SharePrompt)),
            ("Abonnez-vous à notre newsletter", Some(Newsletter)),
            ("Folgen Sie uns auf Facebook", Some(SharePrompt)),
            // Form messages.
            ("You have been successfully subscribed!", Some(Newsletter)),
            ("Thank you for subscribing!", Some(Newsletter)),
            ("Oops! Something went wrong while submitting the form.", Some(Newsletter)),
            // Moderation notices.
            (
                "ATENÇÃO: Comentários com textos ininteligíveis ou que faltem com respeito ao usuário não serão aprovados pelo moderador.",
                Some(CommentNotice),
            ),
            ("Comments that are offensive will not be approved by the moderators.", Some(CommentNotice)),
            // Sentences that mention sharing, subscribing or comments.
            ("Share prices fell sharply on Monday.", None),
            ("Follow the instructions below to install the package.", None),
            ("Follow these steps:", None),
            ("Subscribe to the service if you want daily reports.", None),
            ("Join Microsoft's team in Redmond, she was told.", None),
            ("Follow The Money", None),
            ("Like many others, he signed up for the newsletter.", None),
            ("Thank you for reading this far into the story.", None),
            ("The company said it will remove offensive comments, but moderators said the policy is unclear.", None),
            ("The moderator approved the comment after a review.", None),
            ("Sent if the task executed successfully.", None),
            ("Follow NY's business names requirements", None),
            ("Share with your partner - Assign tasks and work together", None),
            ("Sign up for Twilio and get a phone number", None),
        ];
        for &(line, want) in cases {
            assert_eq!(hit(line), want, "line {line:?}");
        }
    }
}
