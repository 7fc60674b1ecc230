//! The language of a text, from the text itself (DESIGN.md, "Metadata"):
//! its script where one script means one language (Hangul, kana, Greek,
//! Thai ...), else which built-in language's stop words it uses most, by
//! a clear margin. The stop words are the vocabularies' (`data/lang`),
//! whatever languages a cleaner enables.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::config::HtmlThresholds;
use crate::normalize::normalize_scan;
use crate::vocab::{sections, LANGUAGES};

/// How much of a text is read: its language shows long before.
const MAX_BYTES: usize = 2 * 1024;

/// Each stop word of the built-in languages: bit `i` for `LANGUAGES[i]`.
fn stop_words() -> &'static FxHashMap<String, u32> {
    static WORDS: OnceLock<FxHashMap<String, u32>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut words: FxHashMap<String, u32> = FxHashMap::default();
        for (i, &(_, file)) in LANGUAGES.iter().enumerate() {
            for (_, body) in sections(file).into_iter().filter(|(name, _)| *name == "stopwords") {
                for word in body.split_whitespace() {
                    normalize_scan(word, &mut String::new(), |w, _| *words.entry(w.to_owned()).or_default() |= 1 << i);
                }
            }
        }
        words
    })
}

/// Scripts that tell a language by themselves.
const SCRIPTS: &[(&str, &[(u32, u32)])] = &[
    ("el", &[(0x370, 0x3FF)]),
    ("he", &[(0x590, 0x5FF)]),
    ("hi", &[(0x900, 0x97F)]),
    ("th", &[(0xE00, 0xE7F)]),
    ("ko", &[(0xAC00, 0xD7A3), (0x1100, 0x11FF)]),
    ("ja", &[(0x3040, 0x30FF)]),
];
/// The Arabic script: Arabic, unless its letters say Persian or Urdu.
const ARABIC: (u32, u32) = (0x600, 0x6FF);
/// Letters Persian writes and Arabic does not: پ چ ژ گ ک ی.
const PERSIAN_LETTERS: [char; 6] = ['\u{67E}', '\u{686}', '\u{698}', '\u{6AF}', '\u{6A9}', '\u{6CC}'];
/// Letters Urdu writes and Persian does not: ٹ ڈ ڑ ں ہ ے.
const URDU_LETTERS: [char; 6] = ['\u{679}', '\u{688}', '\u{691}', '\u{6BA}', '\u{6C1}', '\u{6D2}'];
/// One letter in this many of a language's own tells it.
const SCRIPT_LETTER_SHARE: u32 = 50;
const HAN: (u32, u32) = (0x4E00, 0x9FFF);
/// Japanese writes at least one kana for this many Chinese characters.
const KANA_SHARE: u32 = 5;
/// Cyrillic: the stop words of the languages written in it tell which;
/// text in no script above is read for those written in Latin letters.
const CYRILLIC: (u32, u32) = (0x400, 0x4FF);
const CYRILLIC_LANGUAGES: [&str; 2] = ["ru", "uk"];

/// Whether the script alone tells `code` (no stop words needed).
fn told_by_script(code: &str) -> bool {
    matches!(code, "zh" | "ar" | "fa") || SCRIPTS.iter().any(|&(c, _)| c == code)
}

/// The built-in languages (bits of [`LANGUAGES`]) that text mostly in
/// Cyrillic, or else in Latin letters, may be in.
fn candidates(cyrillic: bool) -> u32 {
    let mut mask = 0;
    for (i, &(code, _)) in LANGUAGES.iter().enumerate() {
        if CYRILLIC_LANGUAGES.contains(&code) == cyrillic && !told_by_script(code) {
            mask |= 1 << i;
        }
    }
    mask
}

/// The language `pieces` of text are in (an ISO 639-1 code), or `None`
/// when they do not tell it clearly.
pub fn detect<'a>(pieces: impl IntoIterator<Item = &'a str>, th: &HtmlThresholds) -> Option<&'static str> {
    let mut text = String::new();
    for piece in pieces {
        if text.len() >= MAX_BYTES {
            break;
        }
        text.push_str(piece);
        text.push('\n');
    }
    let mut end = text.len().min(MAX_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let text = &text[..end];
    // Letters by script: Latin and Cyrillic go to the stop words.
    let (mut letters, mut han, mut cyrillic) = (0u32, 0u32, 0u32);
    let (mut arabic, mut persian, mut urdu) = (0u32, 0u32, 0u32);
    let mut scripts = [0u32; SCRIPTS.len()];
    for c in text.chars() {
        // ASCII letters are Latin: counted, no script to find.
        if c.is_ascii() || !c.is_alphabetic() {
            letters += u32::from(c.is_ascii_alphabetic());
            continue;
        }
        let code = c as u32;
        letters += 1;
        let within = |(lo, hi): (u32, u32)| (lo..=hi).contains(&code);
        if within(HAN) {
            han += 1;
        } else if within(CYRILLIC) {
            cyrillic += 1;
        } else if within(ARABIC) {
            arabic += 1;
            persian += u32::from(PERSIAN_LETTERS.contains(&c));
            urdu += u32::from(URDU_LETTERS.contains(&c));
        } else if let Some(k) = SCRIPTS.iter().position(|(_, ranges)| ranges.iter().any(|&r| within(r))) {
            scripts[k] += 1;
        }
    }
    let most = |n: u32| letters > 0 && n as f32 >= th.language_script_share * letters as f32;
    // Kana among Chinese characters is Japanese; Chinese characters alone, Chinese.
    let (k, &count) = scripts.iter().enumerate().max_by_key(|&(_, n)| *n)?;
    let japanese = SCRIPTS[k].0 == "ja" && count > 0 && count * KANA_SHARE >= han;
    if most(count + if japanese { han } else { 0 }) {
        return Some(SCRIPTS[k].0);
    }
    if most(han) {
        return Some("zh");
    }
    if most(arabic) {
        let tells = |n: u32| n * SCRIPT_LETTER_SHARE >= arabic;
        // Urdu is not built in: no language is told.
        return if tells(urdu) {
            None
        } else if tells(persian) {
            Some("fa")
        } else {
            Some("ar")
        };
    }
    // The stop words of the languages the text's script writes; one of
    // several of them counts for each a share.
    let allowed = candidates(most(cyrillic));
    let (mut hits, mut scores) = ([0u32; LANGUAGES.len()], [0f32; LANGUAGES.len()]);
    let words = stop_words();
    normalize_scan(text, &mut String::new(), |word, _| {
        // An ASCII letter alone is an initial, a size or an index ("A B C",
        // "12 C"), not a word a language shows itself by.
        if word.len() == 1 {
            return;
        }
        let mask = words.get(word).map_or(0, |&mask| mask & allowed);
        if mask != 0 {
            let share = 1.0 / mask.count_ones() as f32;
            for i in (0..LANGUAGES.len()).filter(|i| mask & (1 << i) != 0) {
                hits[i] += 1;
                scores[i] += share;
            }
        }
    });
    let mut ranked: Vec<usize> = (0..LANGUAGES.len()).collect();
    ranked.sort_unstable_by(|&a, &b| scores[b].total_cmp(&scores[a]));
    let (best, second) = (ranked[0], ranked[1]);
    let clear = hits[best] >= th.language_min_stop_words && scores[best] >= th.language_margin * scores[second];
    clear.then_some(LANGUAGES[best].0)
}

/// Whether [`detect`] can tell `code` at all: a language it cannot tell is
/// not contradicted by its finding another (Slovak read as the Czech it
/// shares words with).
fn detectable(code: &str) -> bool {
    told_by_script(code) || LANGUAGES.iter().any(|&(c, _)| c == code)
}

/// What the page declares (`en-US`, `pt_br`, `EN`) as a language tag:
/// the language lower case, a region upper case; `None` for none or `und`.
pub fn tag(declared: &str) -> Option<String> {
    let mut parts = declared.trim().split(['-', '_']);
    let language = parts.next()?.to_ascii_lowercase();
    if !(2..=3).contains(&language.len()) || !language.bytes().all(|b| b.is_ascii_lowercase()) || language == "und" {
        return None;
    }
    match parts.next() {
        Some(region) if region.len() == 2 && region.bytes().all(|b| b.is_ascii_alphabetic()) => {
            Some(format!("{language}-{}", region.to_ascii_uppercase()))
        }
        _ => Some(language),
    }
}

/// The language of a document: what it declares, unless its text clearly
/// says another (a template's `lang="en"` over a German article) and the
/// declared one is a language the text could have said; what its text
/// says when it declares none.
pub fn settle(declared: Option<&str>, detected: Option<&'static str>) -> Option<String> {
    match (declared.and_then(tag), detected) {
        (Some(tag), Some(code)) if tag.split('-').next().is_some_and(|lang| lang != code && detectable(lang)) => {
            Some(code.to_owned())
        }
        (Some(tag), _) => Some(tag),
        (None, detected) => detected.map(str::to_owned),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detect_table() {
        let th = HtmlThresholds::default();
        let cases: &[(&str, Option<&str>)] = &[
            ("The council approved the new budget on Tuesday, after a debate that lasted most of the night.", Some("en")),
            ("Der Stadtrat hat den neuen Haushalt am Dienstag nach einer langen Debatte beschlossen, die fast die ganze Nacht dauerte.", Some("de")),
            ("Le conseil municipal a approuvé le nouveau budget mardi, après un débat qui a duré presque toute la nuit.", Some("fr")),
            ("El ayuntamiento aprobó el nuevo presupuesto el martes, después de un debate que duró casi toda la noche.", Some("es")),
            ("Il consiglio comunale ha approvato il nuovo bilancio martedì, dopo un dibattito che è durato quasi tutta la notte.", Some("it")),
            ("A câmara municipal aprovou o novo orçamento na terça-feira, depois de um debate que durou quase toda a noite.", Some("pt")),
            ("De gemeenteraad heeft de nieuwe begroting dinsdag goedgekeurd, na een debat dat bijna de hele nacht duurde.", Some("nl")),
            ("Городской совет утвердил новый бюджет во вторник, после дебатов, которые продолжались почти всю ночь.", Some("ru")),
            ("市议会在周二批准了新的预算", Some("zh")),
            ("市議会は火曜日に新しい予算を承認しました", Some("ja")),
            ("시의회는 화요일에 새 예산을 승인했습니다", Some("ko")),
            ("Το δημοτικό συμβούλιο ενέκρινε τον νέο προϋπολογισμό την Τρίτη.", Some("el")),
            ("Rada miasta zatwierdziła we wtorek nowy budżet, po debacie, która trwała prawie całą noc i nie była łatwa.", Some("pl")),
            ("Městská rada v úterý schválila nový rozpočet, který podle starosty není dokonalý, ale je to dobrý začátek pro celé město.", Some("cs")),
            ("Kommunfullmäktige godkände den nya budgeten på tisdagen, efter en debatt som varade nästan hela natten och inte var lätt.", Some("sv")),
            ("Byrådet godkendte det nye budget tirsdag, efter en debat som varede næsten hele natten og ikke var let.", Some("da")),
            ("Kaupunginvaltuusto hyväksyi uuden talousarvion tiistaina, kun keskustelu oli kestänyt lähes koko yön, eikä se ollut helppo.", Some("fi")),
            ("A városi tanács kedden elfogadta az új költségvetést, egy vita után, amely szinte egész éjjel tartott, és nem volt könnyű.", Some("hu")),
            ("Consiliul local a aprobat marți noul buget, după o dezbatere care a durat aproape toată noaptea și nu a fost ușoară.", Some("ro")),
            ("Belediye meclisi salı günü yeni bütçeyi onayladı, bu tartışma neredeyse bütün gece sürdü ve çok kolay değil.", Some("tr")),
            ("Dewan kota menyetujui anggaran baru pada hari Selasa, setelah perdebatan yang berlangsung hampir sepanjang malam dan tidak mudah.", Some("id")),
            ("Hội đồng thành phố đã thông qua ngân sách mới vào thứ Ba, sau một cuộc tranh luận kéo dài gần như cả đêm và không hề dễ dàng.", Some("vi")),
            ("Міська рада у вівторок ухвалила новий бюджет, після дебатів, які тривали майже всю ніч і не були легкими.", Some("uk")),
            ("وافق مجلس المدينة على الميزانية الجديدة يوم الثلاثاء، بعد نقاش استمر طوال الليل تقريبا ولم يكن سهلا.", Some("ar")),
            ("شورای شهر روز سه شنبه بودجه جدید را تصویب کرد، پس از بحثی که تقریبا تمام شب طول کشید و آسان نبود.", Some("fa")),
            ("شہر کی کونسل نے منگل کو نیا بجٹ منظور کیا، جس پر ساری رات بحث ہوتی رہی۔", None),
            // An index of letters is no French (its list holds the elided "c", "d", "l").
            ("Contents: A B C D E F G H I J K L M N O P Q R S T U V W X Y Z. Compilers (12 C, 1 P), families (34 C)", None),
            ("Home News Sport", None),
            ("", None),
        ];
        for (text, want) in cases {
            assert_eq!(detect([*text], &th), *want, "{text:?}");
        }
    }

    #[test]
    fn hostile_text_tells_a_language_only_by_its_letters() {
        let th = HtmlThresholds::default();
        // (text, language): floods far past the 2 KB read, cut inside a character.
        let cases: Vec<(String, Option<&str>)> = vec![
            ("A ".repeat(500_000), None),
            ("c d l ".repeat(200_000), None),
            ("\0\u{1}\u{7f}\u{fffd} ".repeat(200_000), None),
            ("ی".repeat(100_000), Some("fa")),
            ("ے".repeat(100_000), None),
            ("ب".repeat(100_000), Some("ar")),
            // A Cyrillic letter alone is a word ("і", "and").
            ("і ".repeat(500_000), Some("uk")),
        ];
        for (text, want) in &cases {
            assert_eq!(detect([text.as_str()], &th), *want, "{:?}", text.chars().take(6).collect::<String>());
        }
    }

    #[test]
    fn tags_and_settling() {
        assert_eq!(tag("en-us").as_deref(), Some("en-US"));
        assert_eq!(tag("pt_BR").as_deref(), Some("pt-BR"));
        assert_eq!(tag(" EN ").as_deref(), Some("en"));
        assert_eq!(tag("zh-Hant-TW").as_deref(), Some("zh"));
        assert_eq!(tag("und"), None);
        assert_eq!(tag("english"), None);
        assert_eq!(settle(Some("en-US"), Some("en")).as_deref(), Some("en-US"));
        assert_eq!(settle(Some("en"), Some("de")).as_deref(), Some("de"));
        assert_eq!(settle(Some("fr"), None).as_deref(), Some("fr"));
        assert_eq!(settle(None, Some("it")).as_deref(), Some("it"));
        assert_eq!(settle(Some("x"), None), None);
        // A language the text cannot tell stands against one it shares words with.
        assert_eq!(settle(Some("sk"), Some("cs")).as_deref(), Some("sk"));
        assert_eq!(settle(Some("nb-NO"), Some("da")).as_deref(), Some("nb-NO"));
        assert_eq!(settle(Some("mr"), Some("hi")).as_deref(), Some("mr"));
        assert_eq!(settle(Some("id"), Some("nl")).as_deref(), Some("nl"));
    }
}
