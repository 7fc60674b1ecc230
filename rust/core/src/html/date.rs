//! A page's date as it writes it ("2024-05-01T10:20:30Z", "Tue, 01 Dec
//! 2026 20:35:42 GMT", "December 1, 2026", "1. Dezember 2026", "1 de
//! diciembre de 2026", "01.12.2026") to ISO 8601: the date, or the date
//! and time, with the offset when the page gives one. Month names are
//! data (`data/html/months.txt`). A date written day and month both 12 or
//! under with slashes (`01/02/2026`) could be either way round: it is not
//! read.

use std::sync::OnceLock;

use regex::Regex;
use rustc_hash::FxHashMap;

const MONTHS: &str = include_str!("../../data/html/months.txt");

/// The longest date string read: longer ones are prose, not a date.
const MAX_LEN: usize = 200;

fn months() -> &'static FxHashMap<String, u32> {
    static MAP: OnceLock<FxHashMap<String, u32>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = FxHashMap::default();
        for line in MONTHS.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
            let mut fields = line.split_whitespace();
            let month: u32 = fields.next().and_then(|m| m.parse().ok()).expect("months.txt: a month number first");
            for name in fields {
                map.entry(name.to_owned()).or_insert(month);
            }
        }
        map
    })
}

struct Patterns {
    /// 2024-05-01, 2024/05/01, 2024.05.01.
    ymd: Regex,
    /// 1 December 2026, 1. Dezember 2026, 1er décembre 2026, 1 de diciembre de 2026.
    dmy_named: Regex,
    /// December 1, 2026; Dec. 1st 2026.
    mdy_named: Regex,
    /// 01.12.2026 (day first); 13/01/2026 or 01/13/2026 (told by the number over 12).
    dmy: Regex,
    /// 20240501, alone.
    compact: Regex,
    /// A time right after the date: 10:20, 10:20:30.5, 8:05 pm, and an offset.
    time: Regex,
}

fn patterns() -> &'static Patterns {
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let re = |p: &str| Regex::new(p).expect("date patterns compile (tested)");
        Patterns {
            ymd: re(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"),
            dmy_named: re(r"(?i)\b(\d{1,2})(?:st|nd|rd|th|er|\.|º|°)?\s*(?:de\s+)?(\p{L}+)\.?,?\s*(?:de\s+)?(\d{4})\b"),
            mdy_named: re(r"(?i)\b(\p{L}+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b"),
            dmy: re(r"\b(\d{1,2})([./-])(\d{1,2})[./-](\d{4})\b"),
            compact: re(r"^(\d{4})(\d{2})(\d{2})$"),
            time: re(
                r"(?i)^\s*(?:t|at|à|um|,|\||-|·)?\s*(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?\s*([ap])?\.?(?:m\.?)?\s*(z\b|utc\b|gmt\b|[+-]\d{2}:?\d{2}\b|[+-]\d{2}\b)?",
            ),
        }
    })
}

/// `raw` as ISO 8601, or `None` when no date can be read from it.
pub fn iso(raw: &str) -> Option<String> {
    let raw = raw.trim();
    if raw.len() > MAX_LEN {
        return None;
    }
    let (year, month, day, end) = date(raw)?;
    let mut out = format!("{year:04}-{month:02}-{day:02}");
    if let Some(time) = time(&raw[end..]) {
        out.push_str(&time);
    }
    Some(out)
}

/// The year, month and day written in `raw`, and where they end.
fn date(raw: &str) -> Option<(u32, u32, u32, usize)> {
    let p = patterns();
    let number = |s: &str| s.parse::<u32>().ok();
    let month_named = |s: &str| months().get(&s.to_lowercase()).copied();
    let valid = |(y, m, d, end): (u32, u32, u32, usize)| {
        ((1900..=2100).contains(&y) && (1..=12).contains(&m) && (1..=days_in(y, m)).contains(&d))
            .then_some((y, m, d, end))
    };
    if let Some(c) = p.ymd.captures(raw) {
        return valid((number(&c[1])?, number(&c[2])?, number(&c[3])?, c.get(0)?.end()));
    }
    if let Some(c) = p.dmy_named.captures_iter(raw).find(|c| month_named(&c[2]).is_some()) {
        return valid((number(&c[3])?, month_named(&c[2])?, number(&c[1])?, c.get(0)?.end()));
    }
    if let Some(c) = p.mdy_named.captures_iter(raw).find(|c| month_named(&c[1]).is_some()) {
        return valid((number(&c[3])?, month_named(&c[1])?, number(&c[2])?, c.get(0)?.end()));
    }
    if let Some(c) = p.dmy.captures(raw) {
        let (a, b, year, end) = (number(&c[1])?, number(&c[3])?, number(&c[4])?, c.get(0)?.end());
        // Dots are day first; otherwise the number over 12 is the day.
        return match (&c[2], a > 12, b > 12) {
            (".", _, _) | (_, true, false) => valid((year, b, a, end)),
            (_, false, true) => valid((year, a, b, end)),
            _ => None,
        };
    }
    let c = p.compact.captures(raw)?;
    valid((number(&c[1])?, number(&c[2])?, number(&c[3])?, raw.len()))
}

/// `T` and the time written at the start of `rest`, with its offset.
fn time(rest: &str) -> Option<String> {
    let c = patterns().time.captures(rest)?;
    let (mut hour, minute): (u32, u32) = (c[1].parse().ok()?, c[2].parse().ok()?);
    let second: u32 = c.get(3).map_or(Some(0), |s| s.as_str().parse().ok())?;
    if let Some(half) = c.get(4) {
        if !(1..=12).contains(&hour) {
            return None;
        }
        let pm = half.as_str().eq_ignore_ascii_case("p");
        hour = hour % 12 + if pm { 12 } else { 0 };
    }
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut out = format!("T{hour:02}:{minute:02}:{second:02}");
    if let Some(zone) = c.get(5) {
        out.push_str(&offset(zone.as_str())?);
    }
    Some(out)
}

/// `Z`, `UTC`, `GMT`, `+02:00`, `+0200` or `+02` as `+HH:MM`.
fn offset(zone: &str) -> Option<String> {
    if zone.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Some("+00:00".to_owned());
    }
    let (sign, digits) = zone.split_at(1);
    let digits: String = digits.chars().filter(char::is_ascii_digit).collect();
    let (hours, minutes): (u32, u32) = match digits.len() {
        2 => (digits.parse().ok()?, 0),
        4 => (digits[..2].parse().ok()?, digits[2..].parse().ok()?),
        _ => return None,
    };
    (hours <= 14 && minutes < 60).then(|| format!("{sign}{hours:02}:{minutes:02}"))
}

fn days_in(year: u32, month: u32) -> u32 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_table() {
        let cases: &[(&str, Option<&str>)] = &[
            ("2024-05-01", Some("2024-05-01")),
            ("2024-05-01T10:20:30Z", Some("2024-05-01T10:20:30+00:00")),
            ("2024-05-01T10:20:30.123+0200", Some("2024-05-01T10:20:30+02:00")),
            ("2024-05-01 10:20:30-05:00", Some("2024-05-01T10:20:30-05:00")),
            ("2024-05-01T10:20", Some("2024-05-01T10:20:00")),
            ("Tue, 01 Dec 2026 20:35:42 GMT", Some("2026-12-01T20:35:42+00:00")),
            ("December 1, 2026", Some("2026-12-01")),
            ("Dec. 1st 2026 at 8:05 pm", Some("2026-12-01T20:05:00")),
            ("Published: 12 March 2021, 12:30 am", Some("2021-03-12T00:30:00")),
            ("1. Dezember 2026", Some("2026-12-01")),
            ("1er décembre 2026", Some("2026-12-01")),
            ("1 de diciembre de 2026", Some("2026-12-01")),
            ("1 декабря 2026", Some("2026-12-01")),
            ("7 grudnia 2026", Some("2026-12-07")),
            ("7. prosince 2026", Some("2026-12-07")),
            ("7 Aralık 2026", Some("2026-12-07")),
            ("7 грудня 2026", Some("2026-12-07")),
            ("7 Δεκεμβρίου 2026", Some("2026-12-07")),
            ("7 decembrie 2026", Some("2026-12-07")),
            ("7. joulukuuta 2026", Some("2026-12-07")),
            ("01.12.2026", Some("2026-12-01")),
            ("13/01/2026", Some("2026-01-13")),
            ("01/13/2026", Some("2026-01-13")),
            ("01/02/2026", None),
            ("20240501", Some("2024-05-01")),
            ("2023-02-29", None),
            ("2024-02-29", Some("2024-02-29")),
            ("2024-13-01", None),
            ("1850-01-01", None),
            ("yesterday", None),
            ("", None),
            ("2024-05-01T25:00", Some("2024-05-01")),
        ];
        for (raw, want) in cases {
            assert_eq!(iso(raw).as_deref(), *want, "{raw:?}");
        }
    }

    #[test]
    fn months_parse() {
        assert_eq!(months().get("dezember"), Some(&12));
        assert_eq!(months().get("janvier"), Some(&1));
        assert!(months().values().all(|m| (1..=12).contains(m)));
    }
}
