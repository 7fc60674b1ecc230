//! Bytes to text.

use std::borrow::Cow;

/// Decodes bytes as UTF-8: a leading byte-order mark is dropped and
/// undecodable sequences become U+FFFD, so decoding never fails.
pub fn utf8_lossy(bytes: &[u8]) -> Cow<'_, str> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    String::from_utf8_lossy(bytes)
}

/// Drops a leading byte-order mark from text that was decoded elsewhere.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{FEFF}').unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_table() {
        let cases: &[(&[u8], &str)] = &[
            (b"", ""),
            (b"plain", "plain"),
            (b"\xEF\xBB\xBFwith bom", "with bom"),
            (b"caf\xC3\xA9", "café"),
            (b"bad \xFF byte", "bad \u{FFFD} byte"),
            (b"truncated \xE2\x82", "truncated \u{FFFD}"),
        ];
        for (input, want) in cases {
            assert_eq!(utf8_lossy(input), *want, "input {input:?}");
        }
    }

    #[test]
    fn strips_decoded_bom() {
        assert_eq!(strip_bom("\u{FEFF}x"), "x");
        assert_eq!(strip_bom("x\u{FEFF}"), "x\u{FEFF}");
    }
}
