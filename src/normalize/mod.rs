//! Raw documents to clean simplified-Chinese text with offsets.
//!
//! Takes a [`RawDoc`], and the lexicon's markers of page furniture. Gives a [`Doc`]: the decoded original text, the article body
//! as simplified, width-folded text, a map from every byte of the body back to the
//! original, the headline, and the article's metadata. Never does I/O and never
//! panics on input; text that cannot be decoded, or an article whose time budget
//! runs out, is a [`NormalizeError`].
//!
//! The steps, in order: decode bytes ([`decode`]), reduce HTML ([`html`]), read
//! metadata ([`meta`]), repair mojibake, strip pinyin annotations, convert
//! traditional script, fold widths and join padded names ([`script`]), drop page furniture
//! ([`boilerplate`]). Each step maps its output to its input; the maps compose.

pub mod boilerplate;
pub mod decode;
pub mod html;
pub mod meta;
pub mod offsets;
pub mod script;

use sha2::{Digest, Sha256};

use crate::budget::{Budget, OutOfTime};
use crate::date::Date;
use crate::ingest::{Body, Format, RawDoc};
use crate::lexicon::Boilerplate;
use offsets::{MappedBuilder, OffsetMap};

/// Why an article could not be normalised.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum NormalizeError {
    /// The bytes are not text.
    #[error(transparent)]
    Decode(#[from] decode::DecodeError),
    /// The text has no Chinese characters or letters at all.
    #[error("no text left after removing markup and page furniture")]
    NoText,
    /// The article's time budget ran out.
    #[error(transparent)]
    OutOfTime(#[from] OutOfTime),
}

/// The article's headline.
#[derive(Debug, Clone)]
pub struct Headline {
    /// Normalised text.
    pub text: String,
    /// Where it stands in the original text, when it does (a headline given with
    /// the input may appear nowhere in the text).
    pub span: Option<(usize, usize)>,
}

/// Article metadata, input first, then what the text states.
#[derive(Debug, Clone, Default)]
pub struct DocMeta {
    /// Publication date.
    pub date: Option<Date>,
    /// URL of the page.
    pub url: Option<String>,
    /// The site that published it.
    pub outlet: Option<String>,
    /// The body the text comes from (来源, 发布机构).
    pub origin_body: Option<String>,
}

/// A normalised article.
#[derive(Debug, Clone)]
pub struct Doc {
    /// Name in output (path as given, or JSON Lines id).
    pub source: String,
    /// Article key (URL, else id, else relative path).
    pub key: String,
    /// The file it was read from.
    pub path: String,
    /// The decoded original text; every span points into it.
    pub original: String,
    /// The article body, normalised.
    pub text: String,
    map: OffsetMap,
    /// Headline.
    pub headline: Option<Headline>,
    /// Metadata.
    pub meta: DocMeta,
    /// Encoding the bytes were decoded from.
    pub encoding: &'static str,
    /// The input bytes when they differ from `original`'s (another encoding, or a
    /// byte-order mark); most inputs are UTF-8 as they are, and `original` serves.
    bytes: Option<Vec<u8>>,
    /// SHA-256 of the input bytes and of the body, worked out on first use: the
    /// graph and the store ask for them, extraction alone does not.
    content_hash: std::sync::OnceLock<String>,
    text_hash: std::sync::OnceLock<String>,
    /// Decisions worth telling the user about (encoding guesses and the like).
    pub warnings: Vec<String>,
    /// Characters of `original` before every 64th byte, built on the first call to
    /// [`Doc::char_span`]: each evidence node asks for offsets, and counting from the
    /// start each time would cost the length of the text per fact.
    char_marks: std::sync::OnceLock<Vec<u32>>,
}

/// Bytes between two entries of `Doc::char_marks`.
const MARK_STRIDE: usize = 64;

impl Doc {
    /// SHA-256 of the input bytes, hex.
    pub fn content_hash(&self) -> &str {
        let bytes = self.bytes.as_deref().unwrap_or(self.original.as_bytes());
        self.content_hash.get_or_init(|| hex_sha256(bytes))
    }

    /// SHA-256 of the normalised body, hex: the same story under two keys shares it.
    pub fn text_hash(&self) -> &str {
        self.text_hash.get_or_init(|| hex_sha256(self.text.as_bytes()))
    }

    /// Byte span in the original text of the body's bytes `start..end`.
    pub fn original_span(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.map.start(start);
        (s, self.map.end(end).max(s))
    }

    /// Character (Unicode scalar) offsets in the original of a byte span of the original.
    pub fn char_span(&self, (s, e): (usize, usize)) -> (usize, usize) {
        let bytes = self.original.as_bytes();
        let marks = self.char_marks.get_or_init(|| {
            let mut marks = Vec::with_capacity(bytes.len() / MARK_STRIDE + 1);
            let mut n = 0u32;
            for chunk in bytes.chunks(MARK_STRIDE) {
                marks.push(n);
                n += chunk.iter().filter(|&&b| !is_continuation(b)).count() as u32;
            }
            marks
        });
        // The characters before a boundary are the bytes before it that start one.
        let count = |b: usize| {
            let b = (0..=b.min(self.original.len())).rev().find(|i| self.original.is_char_boundary(*i)).unwrap_or(0);
            let block = b / MARK_STRIDE;
            let before = marks.get(block).map_or(0, |&n| n as usize);
            before + bytes.get(block * MARK_STRIDE..b).map_or(0, |r| r.iter().filter(|&&x| !is_continuation(x)).count())
        };
        let cs = count(s);
        (cs, cs + self.original.get(s..e).map_or(0, |x| x.chars().count()))
    }
}

/// Whether `b` continues a UTF-8 character rather than starting one.
fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

fn hex_sha256(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(2 * digest.len());
    for &b in digest.iter() {
        for nibble in [b >> 4, b & 0xF] {
            // A nibble is always a hexadecimal digit.
            out.push(char::from_digit(u32::from(nibble), 16).unwrap_or('0'));
        }
    }
    out
}

/// Runs `step` over `(text, map)`; when it changes the text, the result replaces both.
fn apply(text: &mut String, map: &mut OffsetMap, step: impl FnOnce(&str) -> Option<MappedBuilder>) {
    if let Some(b) = step(text) {
        let (t, m) = b.finish();
        // Composing with the identity (plain text before its first change) gives
        // the step's own map back; it is taken as it is.
        *map = if map.is_identity() { m } else { m.compose(map) };
        *text = t;
    }
}

/// Normalises one article, with the built-in markers of page furniture.
pub fn normalize(raw: &RawDoc) -> Result<Doc, NormalizeError> {
    normalize_within(raw, Boilerplate::builtin(), &Budget::unlimited())
}

/// Normalises one article, dropping the page furniture `markers` name, or fails
/// with [`NormalizeError::OutOfTime`] when `budget` runs out. Every step takes
/// time linear in its input, so the budget is checked between steps.
pub fn normalize_within(raw: &RawDoc, markers: &Boilerplate, budget: &Budget) -> Result<Doc, NormalizeError> {
    let declared = (raw.format == Format::Html).then(|| html::declared_charset(raw.body.as_bytes())).flatten();
    let decoded = match &raw.body {
        Body::Text(t) => decode::decode_text(t, declared.as_deref())?,
        Body::Bytes(b) => decode::decode(b, declared.as_deref())?,
    };
    let original = decoded.text;
    let mut warnings = decoded.warnings;

    let is_html = raw.format == Format::Html || html::looks_like_html(&original);
    let (mut text, mut map, html_headline) = if is_html {
        let h = html::reduce(&original);
        (h.text, h.map, h.headline)
    } else {
        (original.clone(), OffsetMap::identity(original.len()), None)
    };

    budget.check()?;
    apply(&mut text, &mut map, script::repair_mojibake);
    budget.check()?;
    apply(&mut text, &mut map, script::strip_pinyin);
    budget.check()?;
    apply(&mut text, &mut map, script::to_simplified);
    budget.check()?;
    apply(&mut text, &mut map, script::fold_width);
    apply(&mut text, &mut map, script::join_padded_names);

    budget.check()?;
    let given_date = raw.meta.date.as_deref().and_then(Date::parse);
    let stated = meta::read(&text, given_date.is_some());
    if stated.body_start > 0 {
        let start = stated.body_start;
        apply(&mut text, &mut map, |t| {
            let mut b = MappedBuilder::with_capacity(t.len() - start);
            b.copy(t.get(start..).unwrap_or_default(), start);
            Some(b)
        });
    }
    budget.check()?;
    apply(&mut text, &mut map, |t| boilerplate::strip(t, markers));
    if !text.chars().any(|c| script::is_han(c) || c.is_alphabetic()) {
        return Err(NormalizeError::NoText);
    }

    let date = match (raw.meta.date.as_deref(), given_date) {
        (_, Some(d)) => Some(d),
        (Some(given), None) => {
            warnings.push(format!("given date {given:?} is not a date; using the text's"));
            stated.date
        }
        (None, None) => stated.date,
    };
    let headline = headline(raw, &original, html_headline, stated.title.clone(), &text, &map);
    let doc_meta = DocMeta {
        date,
        url: raw.meta.url.clone().or(stated.url),
        outlet: raw.meta.publisher.clone().or(stated.outlet),
        origin_body: stated.origin_body,
    };
    Ok(Doc {
        source: raw.source.clone(),
        key: raw.key.clone(),
        path: raw.path.clone(),
        bytes: (raw.body.as_bytes() != original.as_bytes()).then(|| raw.body.as_bytes().to_vec()),
        content_hash: std::sync::OnceLock::new(),
        text_hash: std::sync::OnceLock::new(),
        original,
        text,
        map,
        headline,
        meta: doc_meta,
        encoding: decoded.encoding,
        warnings,
        char_marks: std::sync::OnceLock::new(),
    })
}

/// Normalises a short string (a headline given with the input) the way bodies are.
pub fn normalize_fragment(s: &str) -> String {
    let mut text = s.to_string();
    let mut map = OffsetMap::identity(text.len());
    apply(&mut text, &mut map, script::strip_pinyin);
    apply(&mut text, &mut map, script::to_simplified_always);
    apply(&mut text, &mut map, script::fold_width);
    apply(&mut text, &mut map, script::join_padded_names);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn headline(
    raw: &RawDoc,
    original: &str,
    from_html: Option<String>,
    from_header: Option<String>,
    body: &str,
    map: &OffsetMap,
) -> Option<Headline> {
    let given = raw.meta.title.clone().or(from_html).or(from_header);
    if let Some(t) = given {
        let text = normalize_fragment(&t);
        // Point at the headline in the original when it is written there verbatim.
        let span = original.find(t.trim()).map(|s| (s, s + t.trim().len()));
        return (!text.is_empty()).then_some(Headline { text, span });
    }
    // Otherwise the line before the story that reads most like a headline: one
    // followed by a dateline, repeated in the page, or naming a meeting.
    let lines: Vec<(usize, &str)> = body
        .split_inclusive('\n')
        .scan(0usize, |pos, l| {
            let start = *pos;
            *pos += l.len();
            Some((start, l))
        })
        .collect();
    let first_prose = lines.iter().position(|(_, l)| l.chars().count() > 80).unwrap_or(lines.len());
    let mut best: Option<(i32, usize, &str)> = None;
    for (idx, &(pos, line)) in lines.iter().enumerate().take(first_prose) {
        let t = line.trim();
        let n = t.chars().count();
        if !(8..=80).contains(&n) || t.ends_with('。') || t.chars().filter(|c| script::is_han(*c)).count() * 2 <= n {
            continue;
        }
        let mut score = 0;
        let next = lines.get(idx + 1).map_or("", |l| l.1);
        if meta::first_date(next).is_some() || next.contains("来源") {
            score += 3;
        }
        if lines.iter().filter(|l| l.1.trim() == t).count() > 1 {
            score += 2;
        }
        if ["召开", "举行", "会议", "讲话", "主持", "出席", "座谈"].iter().any(|w| t.contains(w)) {
            score += 2;
        }
        if best.is_none_or(|b| score > b.0) {
            let lead = line.len() - line.trim_start().len();
            best = Some((score, pos + lead, t));
        }
    }
    best.map(|(_, s, t)| Headline { text: t.to_string(), span: Some((map.start(s), map.end(s + t.len()))) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::GivenMeta;

    #[test]
    fn digests_are_lowercase_hex() {
        // The SHA-256 test vector of FIPS 180-2, appendix B.1.
        assert_eq!(hex_sha256(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    fn raw(text: &str, format: Format) -> RawDoc {
        RawDoc {
            source: "t".into(),
            key: "t".into(),
            path: "t".into(),
            body: Body::Bytes(text.as_bytes().to_vec()),
            format,
            meta: GivenMeta::default(),
        }
    }

    #[test]
    fn content_hash_is_of_the_input_bytes() {
        let text = "省人民政府召开常务会议，研究部署经济工作和安全生产工作。会议由省长主持。";
        let utf8 = normalize(&raw(text, Format::Text)).unwrap();
        assert_eq!(utf8.content_hash(), hex_sha256(text.as_bytes()));
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        let mut input = raw(text, Format::Text);
        input.body = Body::Bytes(gbk.to_vec());
        let doc = normalize(&input).unwrap();
        assert_eq!(doc.content_hash(), hex_sha256(&gbk));
        assert_ne!(doc.content_hash(), utf8.content_hash());
        assert_eq!(doc.text_hash(), hex_sha256(doc.text.as_bytes()));
    }

    #[test]
    fn spans_reach_the_original_through_every_step() {
        let text = "熱搜詞\n廣州市召開領導小組第七次全體會議\n大洋網(wǎng)訊 日前,廣州市召開推進(jìn)領導小組第七次全體會議,張碩輔主持並講話。市領導羅冀京、陳志英參加。\n";
        let doc = normalize(&raw(text, Format::Text)).unwrap();
        let pos = doc.text.find("张硕辅").unwrap();
        let (s, e) = doc.original_span(pos, pos + "张硕辅".len());
        assert_eq!(&doc.original[s..e], "張碩輔");
        let pos = doc.text.find("推进领导小组").unwrap();
        let (s, e) = doc.original_span(pos, pos + "推进".len());
        // The pinyin after 進 has no counterpart in the normalised text, so the
        // span ends at the character it annotated.
        assert_eq!(&doc.original[s..e], "推進");
        assert_eq!(doc.headline.unwrap().text, "广州市召开领导小组第七次全体会议");
    }

    #[test]
    fn html_gets_headline_and_text() {
        let doc =
            normalize(&raw("<h1>省政府召开常务会议</h1><p>　　5日，省长主持召开省政府常务会议。</p>", Format::Html))
                .unwrap();
        assert_eq!(doc.headline.as_ref().unwrap().text, "省政府召开常务会议");
        assert!(doc.text.contains("5日,省长主持召开省政府常务会议。"));
    }

    #[test]
    fn char_spans_count_characters_from_the_start() {
        let text = "甲".repeat(50) + "abc" + &"乙丙".repeat(70) + "end";
        let doc = normalize(&raw(&text, Format::Text)).unwrap();
        for (s, _) in text.char_indices().step_by(7) {
            for e in [s, text.len().min(s + 10), text.len()] {
                let e = (e..=text.len()).find(|&i| text.is_char_boundary(i)).unwrap();
                let want = (text[..s].chars().count(), text[..s].chars().count() + text[s..e].chars().count());
                assert_eq!(doc.char_span((s, e)), want, "{s}..{e}");
            }
        }
        // Inside a character, the span starts at that character.
        assert_eq!(doc.char_span((1, 3)).0, 0);
    }

    #[test]
    fn punctuation_only_is_no_text() {
        assert!(matches!(normalize(&raw("。。。，，，！！", Format::Text)), Err(NormalizeError::NoText)));
    }
}
