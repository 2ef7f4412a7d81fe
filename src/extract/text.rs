//! Small text utilities shared by the extractors: sentences and character tests.

/// A sentence of a segment: byte range in the segment's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Start byte.
    pub start: usize,
    /// End byte (exclusive), after the closing punctuation.
    pub end: usize,
}

/// A sentence longer than this many bytes (about 1,000 Chinese characters) is cut
/// at its next comma, and hard at twice the length. Real sentences are shorter, and
/// the extractors' cost grows faster than linearly with a sentence's length, so text
/// without sentence marks (a page run together, or hostile input) must not make one.
const LONG_SENTENCE: usize = 3000;

/// Splits `text` into sentences at 。！？!?; and line breaks. Closing quotes and
/// brackets after the mark stay with their sentence.
pub fn sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if matches!(c, '。' | '！' | '？' | '!' | '?' | ';' | '\n') {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = iter.peek() {
                if matches!(d, '”' | '"' | '」' | ')' | '』') {
                    end = j + d.len_utf8();
                    iter.next();
                } else {
                    break;
                }
            }
            push(text, start, end, &mut out);
            start = end;
        } else if i.saturating_sub(start) >= LONG_SENTENCE {
            let comma = matches!(c, '，' | ',' | '、' | '：' | ':');
            if comma || i.saturating_sub(start) >= 2 * LONG_SENTENCE {
                let end = if comma { i + c.len_utf8() } else { i };
                push(text, start, end, &mut out);
                start = end;
            }
        }
    }
    push(text, start, text.len(), &mut out);
    out
}

fn push(text: &str, start: usize, end: usize, out: &mut Vec<Sentence>) {
    let s = text.get(start..end).unwrap_or_default();
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if start + lead < end - trail {
        out.push(Sentence { start: start + lead, end: end - trail });
    }
}

/// Whether `c` is a Han character.
pub fn is_han(c: char) -> bool {
    crate::normalize::script::is_han(c)
}

/// Whether `c` ends a clause or separates list items.
pub fn is_punct(c: char) -> bool {
    matches!(
        c,
        '、' | ','
            | '，'
            | '。'
            | ';'
            | ':'
            | '：'
            | '!'
            | '?'
            | '('
            | ')'
            | '“'
            | '”'
            | '"'
            | '\''
            | '《'
            | '》'
            | '「'
            | '」'
            | '['
            | ']'
            | '【'
            | '】'
            | '…'
            | '—'
            | '-'
            | '/'
            | '|'
            | '·'
            | '.'
    ) || c.is_whitespace()
}

/// The character just before byte `pos` of `s`.
pub fn char_before(s: &str, pos: usize) -> Option<char> {
    s.get(..pos)?.chars().next_back()
}

/// The character at byte `pos` of `s`.
pub fn char_at(s: &str, pos: usize) -> Option<char> {
    s.get(pos..)?.chars().next()
}

/// Byte offset `n` characters after `pos` (or the end).
pub fn advance(s: &str, pos: usize, n: usize) -> usize {
    let rest = s.get(pos..).unwrap_or_default();
    rest.char_indices().nth(n).map_or(s.len(), |(i, _)| pos + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlong_sentences_are_cut() {
        let s = "会议".repeat(2000) + "，" + &"出席".repeat(2000);
        let v = sentences(&s);
        assert!(v.len() >= 3, "{v:?}");
        assert!(v.iter().all(|x| x.end - x.start <= 2 * LONG_SENTENCE + 3));
        assert_eq!(v.first().map(|x| x.start), Some(0));
        assert_eq!(v.last().map(|x| x.end), Some(s.len()));
        assert!(v.windows(2).all(|w| w[0].end == w[1].start));
    }

    #[test]
    fn splits_sentences() {
        let s = "会议召开。张三主持。\n李四出席";
        let v: Vec<&str> = sentences(s).iter().map(|x| &s[x.start..x.end]).collect();
        assert_eq!(v, ["会议召开。", "张三主持。", "李四出席"]);
    }
}
