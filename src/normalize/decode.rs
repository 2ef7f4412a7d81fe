//! Bytes to text: encoding detection and decoding.
//!
//! Takes the raw bytes of an article and, for HTML, the charset it declares.
//! Gives the decoded text (the "original text" every span points into), the
//! encoding used, and warnings. Never reads files and never guesses silently:
//! a declared charset that the bytes contradict is reported.

use encoding_rs::{BIG5, Encoding, GB18030, UTF_8, UTF_16BE, UTF_16LE};

/// Why bytes could not be turned into text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// Nothing to read.
    #[error("empty input")]
    Empty,
    /// The bytes are not text in any supported encoding.
    #[error("binary data, not text ({0})")]
    Binary(String),
}

/// Decoded text and how it was decoded.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The text, without a byte-order mark.
    pub text: String,
    /// Name of the encoding used (WHATWG label, e.g. "UTF-8", "GBK", "Big5").
    pub encoding: &'static str,
    /// Notes on decisions a user may want to know about.
    pub warnings: Vec<String>,
}

/// Decodes `bytes`, honouring `declared` (an HTML charset label) when the bytes are
/// valid in it.
pub fn decode(bytes: &[u8], declared: Option<&str>) -> Result<Decoded, DecodeError> {
    decode_with(bytes, std::str::from_utf8(bytes).ok(), declared)
}

/// Like [`decode`], for text already known to be UTF-8 (a JSON string): the
/// same answers, without checking its bytes again.
pub fn decode_text(text: &str, declared: Option<&str>) -> Result<Decoded, DecodeError> {
    decode_with(text.as_bytes(), Some(text), declared)
}

/// `as_utf8` is `bytes` as text when they are valid UTF-8.
fn decode_with(bytes: &[u8], as_utf8: Option<&str>, declared: Option<&str>) -> Result<Decoded, DecodeError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(DecodeError::Empty);
    }
    let mut warnings = Vec::new();

    // Byte-order marks are unambiguous and win over any declaration.
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let rest = bytes.get(bom_len..).unwrap_or_default();
        return finish(enc, rest, None, warnings);
    }
    // Most articles are UTF-8: checked once (by the caller), that answer serves
    // every test below, and the text checked is the text decoded.
    let utf8 = as_utf8.is_some();
    if let Some(enc) = utf16_without_bom(bytes, utf8) {
        warnings.push(format!("no byte-order mark; read as {}", enc.name()));
        return finish(enc, bytes, None, warnings);
    }
    if let Some(label) = declared {
        match Encoding::for_label(label.trim().as_bytes()) {
            Some(enc) => {
                let enc = widen(enc);
                if enc.decode_without_bom_handling_and_without_replacement(bytes).is_some() {
                    return finish(enc, bytes, as_utf8, warnings);
                }
                let guessed = guess(bytes, utf8);
                warnings.push(format!("declared charset {label} does not fit the bytes; detected {}", guessed.name()));
                return finish(guessed, bytes, as_utf8, warnings);
            }
            None => warnings.push(format!("unknown declared charset {label}; detecting")),
        }
    }
    let enc = guess(bytes, utf8);
    finish(enc, bytes, as_utf8, warnings)
}

/// GBK and GB2312 labels are decoded as GB18030, their superset, so that pages
/// labelled with the older names but using newer characters still decode.
fn widen(enc: &'static Encoding) -> &'static Encoding {
    if enc == encoding_rs::GBK { GB18030 } else { enc }
}

/// The encoding `bytes` are most likely in; `utf8` says whether they are valid UTF-8.
fn guess(bytes: &[u8], utf8: bool) -> &'static Encoding {
    if utf8 {
        return UTF_8;
    }
    // A UTF-8 text cut in the middle of a character is still UTF-8.
    if let Err(e) = std::str::from_utf8(bytes)
        && e.error_len().is_none()
        && e.valid_up_to() + 4 > bytes.len()
    {
        return UTF_8;
    }
    if mostly_utf8(bytes) {
        return UTF_8;
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    // No TLD hint: a `.cn` hint turns short Big5 texts into GBK.
    let enc = det.guess(None, chardetng::Utf8Detection::Deny);
    if enc == BIG5 || enc == GB18030 || enc == encoding_rs::GBK {
        return widen(enc);
    }
    // chardetng knows many encodings; for Chinese news the ones that matter are
    // the Chinese ones and UTF-8. Anything else is scored below as binary.
    widen(enc)
}

/// UTF-8 with a few damaged sequences (a stray byte, a bad copy) is still UTF-8:
/// read in any other encoding, its many valid multi-byte characters would all be
/// garbage. The damaged sequences are replaced, and `finish` warns about them.
fn mostly_utf8(bytes: &[u8]) -> bool {
    // Adjacent invalid bytes are one damaged spot.
    let (mut good, mut bad, mut in_damage) = (0usize, 0usize, false);
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.valid().is_empty() {
            in_damage = false;
        }
        if !chunk.invalid().is_empty() && !in_damage {
            bad += 1;
            in_damage = true;
        }
    }
    good >= 8 && bad * 10 <= good
}

/// Detects UTF-16 without a byte-order mark by its zero bytes: ASCII-heavy UTF-16
/// has a zero in every other byte, CJK-heavy UTF-16 rarely has NUL in UTF-8 or GBK.
fn utf16_without_bom(bytes: &[u8], utf8: bool) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = bytes.get(..bytes.len().min(4096))?;
    let pairs = sample.len() / 2;
    let (mut even_zero, mut odd_zero) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        if pair.first() == Some(&0) {
            even_zero += 1;
        }
        if pair.get(1) == Some(&0) {
            odd_zero += 1;
        }
    }
    let candidate = if odd_zero * 5 > pairs && even_zero * 20 < pairs {
        UTF_16LE
    } else if even_zero * 5 > pairs && odd_zero * 20 < pairs {
        UTF_16BE
    } else if even_zero * 20 < pairs && odd_zero * 20 < pairs && !utf8 {
        // CJK UTF-16 has few zero bytes (开 is U+5F00); accept it only when it decodes
        // cleanly and looks like Chinese text in one byte order.
        return cjk_utf16(bytes);
    } else {
        return None;
    };
    candidate.decode_without_bom_handling_and_without_replacement(bytes).map(|_| candidate)
}

fn cjk_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    for enc in [UTF_16LE, UTF_16BE] {
        if let Some(text) = enc.decode_without_bom_handling_and_without_replacement(bytes) {
            let own = plausible(&text);
            if own > 0.8 {
                // Make sure a GB reading is not about as plausible.
                let gb = GB18030.decode_without_bom_handling_and_without_replacement(bytes);
                if gb.is_none_or(|gb| plausible(&gb) + 0.2 < own) {
                    return Some(enc);
                }
            }
        }
    }
    None
}

/// The share of characters that are common in Chinese news: Han, CJK punctuation,
/// printable ASCII and line breaks.
fn plausible(text: &str) -> f64 {
    let total = text.chars().count().max(1);
    let ok = text
        .chars()
        .filter(|&c| {
            is_common_han(c) || "，。、：；“”《》（）！？".contains(c) || c == '\n' || (' '..='~').contains(&c)
        })
        .count();
    ok as f64 / total as f64
}

fn is_common_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// Decodes `bytes` as `enc`; `as_utf8` is the same bytes when they are known to
/// be UTF-8, taken as they are when `enc` is UTF-8.
fn finish(
    enc: &'static Encoding,
    bytes: &[u8],
    as_utf8: Option<&str>,
    mut warnings: Vec<String>,
) -> Result<Decoded, DecodeError> {
    let (text, had_errors) = match as_utf8 {
        Some(text) if enc == UTF_8 => (text.to_owned(), false),
        _ => {
            let (text, had_errors) = enc.decode_without_bom_handling(bytes);
            (text.into_owned(), had_errors)
        }
    };
    // One pass counts both: characters, and those that are replacements or controls.
    let (total, bad) = text.chars().fold((0usize, 0usize), |(total, bad), c| {
        let is_bad = c == '\u{FFFD}' || (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'));
        (total + 1, bad + usize::from(is_bad))
    });
    if total == 0 {
        return Err(DecodeError::Empty);
    }
    // Text with many replacement or control characters is not text: a binary file
    // with a .txt name, or bytes in an encoding we do not read.
    if bad * 20 > total || (bad > 0 && total < 16) {
        return Err(DecodeError::Binary(format!("{bad} of {total} characters undecodable as {}", enc.name())));
    }
    if had_errors {
        warnings.push(format!("{bad} byte sequences invalid in {} replaced", enc.name()));
    }
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok(Decoded { text, encoding: enc.name(), warnings })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_text_decodes_as_its_bytes_do() {
        for (text, declared) in [
            ("会议召开", None),
            ("\u{feff}会议召开", None),
            ("<meta charset=\"gbk\"><p>会议召开</p>", Some("gbk")),
            ("  ", None),
        ] {
            let a = decode(text.as_bytes(), declared).map(|d| (d.text, d.encoding, d.warnings));
            let b = decode_text(text, declared).map(|d| (d.text, d.encoding, d.warnings));
            assert_eq!(format!("{a:?}"), format!("{b:?}"), "{text}");
        }
    }

    #[test]
    fn utf8_plain() {
        let d = decode("会议召开".as_bytes(), None).unwrap();
        assert_eq!(d.text, "会议召开");
        assert_eq!(d.encoding, "UTF-8");
    }

    #[test]
    fn utf8_bom_is_dropped() {
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("会议".as_bytes());
        assert_eq!(decode(&b, None).unwrap().text, "会议");
    }

    #[test]
    fn gbk_is_detected() {
        let (bytes, _, _) = encoding_rs::GBK.encode("省政府召开常务会议，省长主持会议并讲话。副省长出席会议。");
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.text, "省政府召开常务会议，省长主持会议并讲话。副省长出席会议。");
        assert_eq!(d.encoding, "gb18030");
    }

    #[test]
    fn big5_is_detected() {
        let (bytes, _, _) = BIG5.encode("市政府召開座談會，市長主持會議並講話，各區負責人參加會議。");
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.text, "市政府召開座談會，市長主持會議並講話，各區負責人參加會議。");
    }

    #[test]
    fn utf16le_without_bom() {
        let s = "Meeting 会议 held 2024";
        let bytes: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert_eq!(decode(&bytes, None).unwrap().text, s);
    }

    #[test]
    fn utf16_chinese_without_bom() {
        let s = "省政府召开常务会议，省长周文涛主持会议并讲话。";
        for bytes in [
            s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect::<Vec<u8>>(),
            s.encode_utf16().flat_map(|u| u.to_be_bytes()).collect(),
        ] {
            let d = decode(&bytes, None).unwrap();
            assert_eq!(d.text, s);
            assert!(d.warnings.iter().any(|w| w.contains("no byte-order mark")));
        }
    }

    #[test]
    fn damaged_utf8_is_still_utf8() {
        let mut b = "省政府召开常务会议，省长周文涛主持会议。".repeat(3).into_bytes();
        b.extend_from_slice(b"\xff\xfe\xc0");
        b.extend_from_slice("副省长出席会议并讲话。".as_bytes());
        let d = decode(&b, None).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.starts_with("省政府") && d.text.ends_with("讲话。"), "{}", d.text);
        assert!(d.warnings.iter().any(|w| w.contains("invalid in UTF-8")), "{:?}", d.warnings);
    }

    #[test]
    fn wrong_declaration_is_reported() {
        let (bytes, _, _) = encoding_rs::GBK.encode("省政府召开常务会议，省长主持会议并讲话。");
        let d = decode(&bytes, Some("utf-8")).unwrap();
        assert_eq!(d.text, "省政府召开常务会议，省长主持会议并讲话。");
        assert!(d.warnings.iter().any(|w| w.contains("does not fit")));
    }

    #[test]
    fn binary_and_empty_are_errors() {
        assert_eq!(decode(b"", None).unwrap_err(), DecodeError::Empty);
        assert_eq!(decode(b"  \n", None).unwrap_err(), DecodeError::Empty);
        let bin: Vec<u8> = (0..2048u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
        assert!(matches!(decode(&bin, None), Err(DecodeError::Binary(_))));
    }
}
