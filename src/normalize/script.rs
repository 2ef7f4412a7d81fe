//! Script-level repairs: mojibake, pinyin annotations, traditional script, widths.
//!
//! Takes text with its offset map. Gives simplified, width-folded text whose map
//! still reaches the original characters. Never drops a character it cannot
//! explain: anything not recognised as noise is copied through.

use std::sync::OnceLock;

use encoding_rs::GBK;
use opencc_fmmseg::OpenCC;
use unicode_normalization::UnicodeNormalization;

use super::offsets::MappedBuilder;
use crate::charset::CharSet;

/// Repairs runs of UTF-8 that were read as GBK and saved again (`鍝佺墝` → `品牌`).
///
/// A run is repaired only when its GBK bytes are valid UTF-8 and decode to at least
/// two Chinese characters; real Chinese text almost never has that property,
/// because GBK's common characters have lead bytes that are not UTF-8 lead bytes.
pub fn repair_mojibake(text: &str) -> Option<MappedBuilder> {
    // Cheap pre-check: mojibake of CJK text always contains a character whose GBK
    // lead byte is a UTF-8 lead byte for CJK (0xE4..=0xE9).
    if !text.chars().any(is_mojibake_lead) {
        return None;
    }
    let mut out = MappedBuilder::with_capacity(text.len());
    let mut changed = false;
    let mut last = 0;
    let mut pos = 0;
    while let Some(c) = text.get(pos..).and_then(|r| r.chars().next()) {
        if !is_mojibake_lead(c) {
            pos += c.len_utf8();
            continue;
        }
        // Take the run of double-byte GBK characters from here, as far as its bytes
        // can still be UTF-8: nearly every Chinese character is double-byte in GBK,
        // so in real text the run would go on to the next Latin letter or digit,
        // while its bytes stop being UTF-8 within a character or two.
        let run = text.get(pos..).unwrap_or_default();
        let mut bytes = Vec::new();
        let mut valid = 0;
        // The decoded characters are checked as they come (up to `checked`), so that
        // a run is given up at the first one that rules it out: its end in `bytes`
        // is `ruled_out`. A one-byte character rules the run out only once another
        // follows it, since the rounding below may cut it off the end.
        let mut checked = 0;
        let mut ruled_out: Option<usize> = None;
        let mut ascii_end: Option<usize> = None;
        for d in run.chars() {
            let mut buf = [0u8; 4];
            let (enc, _, unmappable) = GBK.encode(d.encode_utf8(&mut buf));
            if unmappable || enc.len() != 2 {
                break;
            }
            bytes.extend_from_slice(&enc);
            let stop = match std::str::from_utf8(bytes.get(valid..).unwrap_or_default()) {
                Ok(_) => {
                    valid = bytes.len();
                    false
                }
                // A character cut off at the end may be completed by the next one.
                Err(e) if e.error_len().is_none() => {
                    valid += e.valid_up_to();
                    false
                }
                Err(e) => {
                    valid += e.valid_up_to();
                    true
                }
            };
            let fresh = std::str::from_utf8(bytes.get(checked..valid).unwrap_or_default()).unwrap_or_default();
            for (k, ch) in fresh.char_indices() {
                if ascii_end.is_some() {
                    ruled_out = ascii_end;
                    break;
                }
                if !repairs_to(ch) {
                    let end = checked + k + ch.len_utf8();
                    if ch.len_utf8() == 1 {
                        ascii_end = Some(end);
                    } else {
                        ruled_out = Some(end);
                        break;
                    }
                }
            }
            checked = valid;
            if stop || ruled_out.is_some() {
                break;
            }
        }
        // Whole source characters only: each is two bytes.
        let valid = valid - valid % 2;
        let decoded = std::str::from_utf8(bytes.get(..valid).unwrap_or_default()).unwrap_or_default();
        let good = ruled_out.is_none() && decoded.chars().count() >= 2 && decoded.chars().all(repairs_to);
        if good {
            let n_src = valid / 2;
            let end = run.char_indices().nth(n_src).map_or(text.len(), |(k, _)| pos + k);
            out.copy(text.get(last..pos).unwrap_or_default(), last);
            out.replace(decoded, pos, end - pos);
            last = end;
            changed = true;
            pos = end;
        } else {
            // A run read from a later character of this one is not repaired either,
            // so those characters are passed over without reading the run again
            // (which made a long run cost time in the square of its length). Such a
            // character either starts a UTF-8 character of the bytes read (a
            // mojibake lead byte always does), and then its bytes are the rest of
            // these up to the same end, with the same characters from there, the same
            // parity and fewer characters; or it cannot start a run at all. Up to the
            // end of the character that ruled the run out, or of the valid bytes,
            // every such run holds what ruled this one out.
            let upto = ruled_out.unwrap_or(checked);
            let skip = upto.div_ceil(2).max(1);
            pos = run.char_indices().nth(skip).map_or(text.len(), |(k, _)| pos + k);
        }
    }
    if !changed {
        return None;
    }
    out.copy(text.get(last..).unwrap_or_default(), last);
    Some(out)
}

/// Whether a character decoded from mojibake may stand in a repaired run: Chinese
/// characters and Chinese punctuation.
fn repairs_to(d: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&d) || "，。、：；！？“”《》（）".contains(d)
}

fn is_mojibake_lead(c: char) -> bool {
    // Encoding a character to GBK costs a table search, and the pre-check asks for
    // every character of every article, so the answer for the whole CJK block is
    // worked out once, as a bit set.
    static LEADS: OnceLock<Vec<u64>> = OnceLock::new();
    let Some(i) = (c as usize).checked_sub(0x4E00).filter(|&i| i <= 0x9FFF - 0x4E00) else { return false };
    let leads = LEADS.get_or_init(|| {
        // Encoding every character of the block to find them would search GBK's
        // tables 21,000 times; instead the 384 byte pairs in question are decoded,
        // and each character found is checked by encoding it back.
        let mut bits = vec![0u64; (0x9FFF - 0x4E00) / 64 + 1];
        for lead in 0xE4u8..=0xE9 {
            for trail in 0x80u8..=0xBF {
                let pair = [lead, trail];
                let (decoded, _) = GBK.decode_without_bom_handling(&pair);
                let mut cs = decoded.chars();
                let (Some(c), None) = (cs.next(), cs.next()) else { continue };
                let Some(i) = (c as usize).checked_sub(0x4E00).filter(|&i| i <= 0x9FFF - 0x4E00) else { continue };
                if encodes_as_mojibake_lead(c) {
                    if let Some(w) = bits.get_mut(i / 64) {
                        *w |= 1 << (i % 64);
                    }
                }
            }
        }
        bits
    });
    leads.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
}

fn encodes_as_mojibake_lead(c: char) -> bool {
    let mut buf = [0u8; 4];
    let (enc, _, unmappable) = GBK.encode(c.encode_utf8(&mut buf));
    !unmappable && enc.len() == 2 && matches!(enc.first(), Some(0xE4..=0xE9)) && matches!(enc.get(1), Some(0x80..=0xBF))
}

/// Removes tone-marked pinyin that some pages print after each character:
/// `網(wǎng)絡(luò)` → `網絡`. Only a parenthesised run of lower-case Latin letters
/// with at least one tone mark, right after a Han character, is removed, so
/// ordinary brackets such as `(草案)` or `(2021-2025年)` are kept.
pub fn strip_pinyin(text: &str) -> Option<MappedBuilder> {
    let mut out = MappedBuilder::with_capacity(text.len());
    let mut last = 0;
    let mut changed = false;
    // Only the brackets are visited: `(` is one byte, and `（` is the only
    // character read here that starts with 0xEF (the full-width forms do).
    for pos in memchr::memchr2_iter(b'(', 0xEF, text.as_bytes()) {
        let Some(c) = text.get(pos..).and_then(|r| r.chars().next()).filter(|&c| c == '(' || c == '（') else {
            continue;
        };
        // Inside a group removed already, or right after one (網(wǎng)(x)).
        if pos < last || (changed && pos == last) {
            continue;
        }
        if !text.get(..pos).and_then(|b| b.chars().next_back()).is_some_and(is_han) {
            continue;
        }
        let rest = text.get(pos + c.len_utf8()..).unwrap_or_default();
        let Some(close) = pinyin_close(rest) else { continue };
        let inner = rest.get(..close).unwrap_or_default();
        if is_pinyin(inner) {
            let close_len = rest.get(close..).and_then(|s| s.chars().next()).map_or(1, char::len_utf8);
            let end = pos + c.len_utf8() + close + close_len;
            out.copy(text.get(last..pos).unwrap_or_default(), last);
            last = end;
            changed = true;
        }
    }
    if !changed {
        return None;
    }
    out.copy(text.get(last..).unwrap_or_default(), last);
    Some(out)
}

/// Joins the two characters of a name padded to the width of three (胡 敏,
/// 王　煜), as lists of names on many portals are typeset: spaces between two
/// Han characters are dropped where either side is a single character standing
/// alone. Spaces between longer runs (headline parts) stay.
pub fn join_padded_names(text: &str) -> Option<MappedBuilder> {
    let is_space = |c: char| c == ' ' || c == '\u{3000}' || c == '\u{a0}';
    let mut out = MappedBuilder::with_capacity(text.len());
    let mut last = 0;
    let mut changed = false;
    // (position, character) of the last two characters before the current one.
    let mut before: [Option<char>; 2] = [None, None];
    let mut iter = text.char_indices().peekable();
    while let Some((pos, c)) = iter.next() {
        if !is_space(c) || !before[1].is_some_and(is_han) {
            before = [before[1], Some(c)];
            continue;
        }
        // A run of one or two spaces, then a Han character.
        let mut end = pos + c.len_utf8();
        let mut spaces = 1;
        while let Some(&(p, d)) = iter.peek().filter(|&&(_, d)| is_space(d)) {
            if spaces == 2 {
                break;
            }
            end = p + d.len_utf8();
            spaces += 1;
            iter.next();
        }
        let Some(&(_, next)) = iter.peek() else { break };
        if !is_han(next) || is_space(next) {
            before = [before[1], Some(c)];
            continue;
        }
        let after_next = text.get(end + next.len_utf8()..).and_then(|r| r.chars().next());
        let single_before = !before[0].is_some_and(is_han);
        let single_after = !after_next.is_some_and(is_han);
        if single_before || single_after {
            out.copy(text.get(last..pos).unwrap_or_default(), last);
            last = end;
            changed = true;
        }
        before = [before[1], Some(c)];
    }
    if !changed {
        return None;
    }
    out.copy(text.get(last..).unwrap_or_default(), last);
    Some(out)
}

/// Where the bracket that could close an annotation starting `rest` is: the first
/// `)` or `）`, if nothing before it rules the group out.
///
/// The group can be pinyin only if every character before its close is a letter,
/// a tone vowel or white space (see [`is_pinyin`]), so the search stops at the
/// first character that is none of these. Searching on to the end of the text
/// instead made a page of unclosed groups (`網(wǎng` repeated) cost time in the
/// square of its length; stopped there, each character is read by at most one
/// search, because a bracket that opens a group is itself such a character.
fn pinyin_close(rest: &str) -> Option<usize> {
    for (k, c) in rest.char_indices() {
        if c == ')' || c == '）' {
            return Some(k);
        }
        if !(c.is_ascii_lowercase() || c.is_whitespace() || is_tone_vowel(c)) {
            return None;
        }
    }
    None
}

fn is_pinyin(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty()
        && s.chars().count() <= 8
        && s.chars().all(|c| c.is_ascii_lowercase() || is_tone_vowel(c) || c == ' ')
        && s.chars().any(is_tone_vowel)
}

fn is_tone_vowel(c: char) -> bool {
    "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ".contains(c)
}

/// Whether `c` is a Han character (CJK unified ideographs and extension A).
pub fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

/// OpenCC with its traditional→simplified dictionaries, and the characters that
/// conversion can change.
struct Converter {
    cc: OpenCC,
    /// The characters that conversion can change.
    changing: CharSet,
}

impl Converter {
    /// Whether converting text that contains `c` may change it.
    ///
    /// Conversion replaces a dictionary key found in the text by its value, and
    /// copies every other character. A key whose value differs from it contains a
    /// character that the value changes (or, when their lengths differ, any of its
    /// characters); those characters are the ones marked here. Text containing none
    /// of them can only match keys whose value is the key itself, so converting it
    /// gives it back unchanged, and the conversion can be skipped.
    fn changes(&self, c: char) -> bool {
        self.changing.contains(&c)
    }
}

fn converter() -> &'static Converter {
    static CC: OnceLock<Converter> = OnceLock::new();
    CC.get_or_init(|| {
        // `OpenCC::new` is this same dictionary, loaded the same way; loading it
        // here first lets the keys be read before OpenCC takes it.
        let dict = opencc_fmmseg::DictionaryMaxlength::new().unwrap_or_default();
        let mut changing = CharSet::default();
        let mut mark = |c: char| changing.insert(c);
        for d in [&dict.ts_phrases, &dict.ts_characters] {
            for (key, value) in d.iter() {
                let value: Vec<char> = value.chars().collect();
                if value.len() == key.len() {
                    key.iter().zip(&value).filter(|(k, v)| k != v).for_each(|(&k, _)| mark(k));
                } else {
                    key.iter().for_each(|&k| mark(k));
                }
            }
        }
        let mut cc = OpenCC::from_dictionary(dict);
        cc.set_parallel(false);
        Converter { cc, changing }
    })
}

/// Frequent characters that exist only in traditional script. A text with none
/// of them is taken as simplified and the conversion pass is skipped.
const TRADITIONAL_MARKERS: &str = "會議國說對時們這個為與發經區廣領導網長東書記員參開關進華產業務處學習實現傳達選舉黨幹點擊貫徹屆決審議總組織當務體軍將術歷義給過還從後邊";

/// Converts traditional script to simplified, keeping offsets.
///
/// Conversion runs a line at a time with OpenCC's phrase dictionaries (so that
/// 著 becomes 着 or stays 著 by context). A line whose converted form has a
/// different number of characters is converted character by character instead,
/// which keeps the one-to-one map the offsets rely on.
pub fn to_simplified(text: &str) -> Option<MappedBuilder> {
    if !text.chars().any(is_traditional_marker) {
        return None;
    }
    convert(text)
}

/// Whether `c` is one of [`TRADITIONAL_MARKERS`]. Every character of every article
/// is tested, so the markers are a [`CharSet`]: a test is one load, not a search.
fn is_traditional_marker(c: char) -> bool {
    static MARKERS: OnceLock<CharSet> = OnceLock::new();
    c >= '\u{4E00}' && MARKERS.get_or_init(|| TRADITIONAL_MARKERS.chars().collect()).contains(&c)
}

/// Converts short text (a name typed by a user, a headline) without first
/// checking for traditional markers, which a few characters may not contain.
pub fn to_simplified_always(text: &str) -> Option<MappedBuilder> {
    convert(text)
}

fn convert(text: &str) -> Option<MappedBuilder> {
    let conv = converter();
    if !text.chars().any(|c| conv.changes(c)) {
        // Conversion would give the text back as it is (see `Converter::changes`).
        return None;
    }
    let cc = &conv.cc;
    let mut out = MappedBuilder::with_capacity(text.len());
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if !line.chars().any(|c| conv.changes(c)) {
            out.copy(line, offset);
            offset += line.len();
            continue;
        }
        let converted = cc.t2s(line, false);
        if converted == line {
            out.copy(line, offset);
        } else if converted.chars().count() == line.chars().count() {
            for ((pos, a), b) in line.char_indices().zip(converted.chars()) {
                out.push_char(b, offset + pos, a.len_utf8(), a == b);
            }
        } else {
            for (pos, a) in line.char_indices() {
                let mut buf = [0u8; 4];
                let one = cc.t2s(a.encode_utf8(&mut buf), false);
                let mut cs = one.chars();
                match (cs.next(), cs.next()) {
                    (Some(b), None) => out.push_char(b, offset + pos, a.len_utf8(), a == b),
                    _ => out.push_char(a, offset + pos, a.len_utf8(), true),
                }
            }
        }
        offset += line.len();
    }
    Some(out)
}

/// Folds compatibility forms (NFKC per character): full-width digits, letters and
/// punctuation become ASCII, the ideographic space a space, `\r\n` a newline.
/// Chinese punctuation without a compatibility form (。、《》“”) is unchanged.
pub fn fold_width(text: &str) -> Option<MappedBuilder> {
    let needs = |c: char| {
        c == '\r'
            || c == '\u{3000}'
            || c == '\u{a0}'
            || ('\u{FF01}'..='\u{FF5E}').contains(&c)
            || ('\u{F900}'..='\u{FAFF}').contains(&c)
            || ('\u{2460}'..='\u{24FF}').contains(&c)
    };
    if !text.chars().any(needs) {
        return None;
    }
    let mut out = MappedBuilder::with_capacity(text.len());
    let mut run_start = 0;
    for (pos, c) in text.char_indices() {
        if !needs(c) {
            continue;
        }
        out.copy(text.get(run_start..pos).unwrap_or_default(), run_start);
        run_start = pos + c.len_utf8();
        if c == '\r' {
            // `\r\n` → `\n`; a lone `\r` is a line break too.
            if text.get(run_start..).is_some_and(|r| r.starts_with('\n')) {
                continue;
            }
            out.replace("\n", pos, 1);
            continue;
        }
        if c == '\u{3000}' || c == '\u{a0}' {
            out.replace(" ", pos, c.len_utf8());
            continue;
        }
        // Full-width ASCII (，：（） in nearly every article) is NFKC-folded to the
        // character 0xFEE0 below it; computing that spares a normalisation and an
        // allocation per character.
        if let Some(ascii) = fullwidth_ascii(c) {
            let mut buf = [0u8; 4];
            out.replace(ascii.encode_utf8(&mut buf), pos, c.len_utf8());
            continue;
        }
        let folded: String = std::iter::once(c).nfkc().collect();
        out.replace(&folded, pos, c.len_utf8());
    }
    out.copy(text.get(run_start..).unwrap_or_default(), run_start);
    Some(out)
}

/// The ASCII character a full-width form (U+FF01..=U+FF5E) folds to under NFKC.
fn fullwidth_ascii(c: char) -> Option<char> {
    if ('\u{FF01}'..='\u{FF5E}').contains(&c) { char::from_u32(c as u32 - 0xFEE0) } else { None }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fullwidth_ascii_is_what_nfkc_gives() {
        for c in ('\u{FF00}'..='\u{FF60}').chain(['a', '，', '。']) {
            let nfkc: String = std::iter::once(c).nfkc().collect();
            if let Some(a) = fullwidth_ascii(c) {
                assert_eq!(a.to_string(), nfkc, "{c}");
            }
        }
        assert_eq!(fullwidth_ascii('，'), Some(','));
        assert_eq!(fullwidth_ascii('。'), None);
    }

    #[test]
    fn mojibake_run_is_repaired() {
        let text = "广东null鍝佺墝互联网";
        let b = repair_mojibake(text).unwrap();
        assert_eq!(b.text, "广东null品牌互联网");
        let pos = b.text.find("品牌").unwrap();
        assert_eq!(b.map.start(pos), text.find("鍝").unwrap());
    }

    #[test]
    fn mojibake_runs_end_where_their_bytes_stop_being_utf8() {
        // Two runs, one in the middle of real text and one at the very end.
        let text = "推动鍙戝睍，打造鍝佺墝";
        let b = repair_mojibake(text).unwrap();
        assert_eq!(b.text, "推动发展，打造品牌");
        assert_eq!(b.map.start(b.text.find("打造").unwrap()), text.find("打造").unwrap());
    }

    #[test]
    fn lead_table_agrees_with_the_encoder() {
        for c in ('\u{3000}'..='\u{A000}').chain(['a', '鍝', '佺']) {
            assert_eq!(
                is_mojibake_lead(c),
                ('\u{4E00}'..='\u{9FFF}').contains(&c) && encodes_as_mojibake_lead(c),
                "{c}"
            );
        }
    }

    #[test]
    fn marker_lookup_agrees_with_the_list() {
        for c in ('\u{0}'..='\u{A000}').chain(['會', '议']) {
            assert_eq!(is_traditional_marker(c), TRADITIONAL_MARKERS.contains(c), "{c}");
        }
    }

    /// The repair as it was before runs that are ruled out were passed over: it read
    /// the run again from every character, and must give the same text.
    fn repair_mojibake_by_rescanning(text: &str) -> Option<MappedBuilder> {
        // Cheap pre-check: mojibake of CJK text always contains a character whose GBK
        // lead byte is a UTF-8 lead byte for CJK (0xE4..=0xE9).
        if !text.chars().any(is_mojibake_lead) {
            return None;
        }
        let mut out = MappedBuilder::with_capacity(text.len());
        let mut changed = false;
        let mut last = 0;
        let mut pos = 0;
        while let Some(c) = text.get(pos..).and_then(|r| r.chars().next()) {
            if !is_mojibake_lead(c) {
                pos += c.len_utf8();
                continue;
            }
            // Take the run of double-byte GBK characters from here, as far as its bytes
            // can still be UTF-8: nearly every Chinese character is double-byte in GBK,
            // so in real text the run would go on to the next Latin letter or digit,
            // while its bytes stop being UTF-8 within a character or two.
            let mut bytes = Vec::new();
            let mut valid = 0;
            for d in text.get(pos..).unwrap_or_default().chars() {
                let mut buf = [0u8; 4];
                let (enc, _, unmappable) = GBK.encode(d.encode_utf8(&mut buf));
                if unmappable || enc.len() != 2 {
                    break;
                }
                bytes.extend_from_slice(&enc);
                match std::str::from_utf8(bytes.get(valid..).unwrap_or_default()) {
                    Ok(_) => valid = bytes.len(),
                    // A character cut off at the end may be completed by the next one.
                    Err(e) if e.error_len().is_none() => valid += e.valid_up_to(),
                    Err(e) => {
                        valid += e.valid_up_to();
                        break;
                    }
                }
            }
            // Whole source characters only: each is two bytes.
            let valid = valid - valid % 2;
            let decoded = std::str::from_utf8(bytes.get(..valid).unwrap_or_default()).unwrap_or_default();
            let good = decoded.chars().count() >= 2
                && decoded
                    .chars()
                    .all(|d| ('\u{4E00}'..='\u{9FFF}').contains(&d) || "，。、：；！？“”《》（）".contains(d));
            if good {
                let n_src = valid / 2;
                let run = text.get(pos..).unwrap_or_default();
                let end = run.char_indices().nth(n_src).map_or(text.len(), |(k, _)| pos + k);
                out.copy(text.get(last..pos).unwrap_or_default(), last);
                out.replace(decoded, pos, end - pos);
                last = end;
                changed = true;
                pos = end;
            } else {
                pos += c.len_utf8();
            }
        }
        if !changed {
            return None;
        }
        out.copy(text.get(last..).unwrap_or_default(), last);
        Some(out)
    }

    #[test]
    fn passing_over_ruled_out_runs_changes_nothing() {
        let mojibake = |s: &str| GBK.decode_without_bom_handling(s.as_bytes()).0.into_owned();
        // Pieces whose mojibake is repaired, ruled out by a character that is not
        // Chinese (①, kana, Hangul, Latin), of odd length, or cut by plain text.
        let pieces = [
            mojibake("品牌"),
            mojibake("会①"),
            mojibake("会议"),
            mojibake("发展，"),
            mojibake("の会"),
            mojibake("会A"),
            mojibake("가"),
            mojibake("品"),
            "x".to_string(),
            "会议".to_string(),
            "。".to_string(),
            "鍝".to_string(),
        ];
        let mut seed = 7u64;
        let mut next = |n: usize| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        let mut repaired = 0;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..next(12) {
                text.push_str(&pieces[next(pieces.len())]);
            }
            let mapped = |b: MappedBuilder| {
                let (t, m) = b.finish();
                let starts: Vec<usize> = (0..=t.len()).map(|i| m.start(i)).collect();
                (t, starts)
            };
            let new = repair_mojibake(&text).map(mapped);
            repaired += usize::from(new.is_some());
            assert_eq!(repair_mojibake_by_rescanning(&text).map(mapped), new, "{text}");
        }
        assert!(repaired > 5000, "{repaired}");
    }

    #[test]
    fn plain_chinese_is_not_mojibake() {
        assert!(repair_mojibake("省推进长三角一体化发展领导小组召开第四次全体会议").is_none());
    }

    #[test]
    fn pinyin_is_stripped_but_brackets_stay() {
        let b = strip_pinyin("網(wǎng)絡(luò)來源（草案）(2021-2025年)").unwrap();
        assert_eq!(b.text, "網絡來源（草案）(2021-2025年)");
        // Full-width brackets too; a group right after a removed one follows no
        // character, and pinyin after a Latin letter or at the start is not an annotation.
        let b = strip_pinyin("網（wǎng）(luò)絡，A(ā)(ā)").unwrap();
        assert_eq!(b.text, "網(luò)絡，A(ā)(ā)");
        assert!(strip_pinyin("没有括号，也没有注音。").is_none());
    }

    #[test]
    fn padded_names_are_joined() {
        let join = |t: &str| join_padded_names(t).map_or(t.to_string(), |b| b.finish().0);
        assert_eq!(join("县领导胡 敏、王　煜、刘兴旺参加"), "县领导胡敏、王煜、刘兴旺参加");
        assert_eq!(join("标题一部分 标题二部分"), "标题一部分 标题二部分");
        assert_eq!(join("A B 胡 "), "A B 胡 ");
    }

    #[test]
    fn unclosed_annotations_are_kept() {
        let text = "網(wǎng".repeat(50) + "絡(luò)。張三(zhāng (a) 網( wǎng\t)";
        let b = strip_pinyin(&text).unwrap();
        assert_eq!(b.text, "網(wǎng".repeat(50) + "絡。張三(zhāng (a) 網");
        assert!(strip_pinyin(&"張三(zhāng".repeat(50)).is_none());
    }

    #[test]
    fn close_search_agrees_with_reading_to_the_first_bracket() {
        // What the search replaced: find the first closing bracket anywhere after
        // the opening one, then ask whether the group is pinyin.
        let whole = |rest: &str| rest.find([')', '）']).filter(|&k| is_pinyin(rest.get(..k).unwrap_or_default()));
        for rest in [
            "wǎng)",
            "wǎng）",
            " wǎng )",
            "wǎng",
            "wǎng網)",
            "wang)",
            "wǎng\n)",
            "\u{3000}wǎng)",
            "wǎng(luò)",
            "ā b)",
            ")",
            "ǎǎǎǎǎǎǎǎǎ)",
            "wǎng。luò)",
        ] {
            assert_eq!(
                pinyin_close(rest).filter(|&k| is_pinyin(rest.get(..k).unwrap_or_default())),
                whole(rest),
                "{rest}"
            );
        }
    }

    #[test]
    fn traditional_becomes_simplified() {
        let b = to_simplified("廣州市召開領導小組第七次全體會議，張碩輔講話\n").unwrap();
        assert_eq!(b.text, "广州市召开领导小组第七次全体会议，张硕辅讲话\n");
        assert!(to_simplified("广州市召开会议").is_none());
    }

    #[test]
    fn widths_fold() {
        let b = fold_width("２０２２年２月７日，会议（草案）\r\n").unwrap();
        assert_eq!(b.text, "2022年2月7日,会议(草案)\n");
    }
}
