//! HTML to text with paragraph breaks.
//!
//! Takes decoded HTML. Gives its text, one block element per line, with entities
//! decoded and an offset map into the HTML, plus the page's headline (`<h1>`, else
//! `<title>`). Never builds a DOM: real crawls carry unclosed, misnested and
//! megabyte-long markup, and a linear scan copes with all of it in one pass.
//! Navigation, scripts and forms are dropped here; boilerplate that is plain text
//! is left to [`super::boilerplate`].

use super::offsets::MappedBuilder;

/// Elements whose content is never article text.
const SKIPPED: &[&str] = &[
    "button", "footer", "form", "head", "iframe", "nav", "noscript", "object", "script", "select", "style", "svg",
    "template", "textarea",
];

/// Elements that start a new line.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "title",
    "tr",
    "ul",
];

/// Text of an HTML page.
#[derive(Debug, Default)]
pub struct HtmlText {
    /// The text, one block per line.
    pub text: String,
    /// Map from `text` to the HTML.
    pub map: super::offsets::OffsetMap,
    /// Headline from `<h1>`, else `<title>`, with entities decoded.
    pub headline: Option<String>,
}

/// The charset an HTML page declares in its first few kilobytes, if any.
pub fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = bytes.get(..bytes.len().min(4096))?;
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let pos = find(&lower, b"charset=")? + b"charset=".len();
    let rest = lower.get(pos..)?;
    let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
    let end = rest.iter().position(|b| !(b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_')).unwrap_or(rest.len());
    let label = std::str::from_utf8(rest.get(..end)?).ok()?;
    (!label.is_empty()).then(|| label.to_string())
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Whether a text looks like HTML rather than plain text.
pub fn looks_like_html(text: &str) -> bool {
    // The head is the first 2,048 characters, which lie within the first 8,192
    // bytes: a text with no `<` there is answered without counting characters.
    let within = text.as_bytes().get(..text.len().min(4 * 2048)).unwrap_or_default();
    if memchr::memchr(b'<', within).is_none() {
        return false;
    }
    let end = text.char_indices().nth(2048).map_or(text.len(), |(i, _)| i);
    let head = text.get(..end).unwrap_or_default();
    // Every tag looked for starts with `<`, and most articles are plain text
    // with none near the top: those are answered without copying the head.
    if !head.contains('<') {
        return false;
    }
    let head = head.to_ascii_lowercase();
    ["<html", "<!doctype html", "<body", "<p>", "<div", "<h1", "<br"].iter().any(|t| head.contains(t))
}

/// Reduces HTML to text.
pub fn reduce(html: &str) -> HtmlText {
    let mut out = MappedBuilder::with_capacity(html.len() / 2);
    let bytes = html.as_bytes();
    let mut i = 0;
    let mut skip: Option<(String, usize)> = None; // element being skipped, nesting depth
    let mut capture: Option<(String, String)> = None; // h1/title text being captured
    let mut h1: Option<String> = None;
    let mut title: Option<String> = None;

    while i < bytes.len() {
        let rest = html.get(i..).unwrap_or_default();
        if rest.starts_with("<!--") {
            i += rest.find("-->").map_or(rest.len(), |e| e + 3);
            continue;
        }
        if rest.starts_with('<') {
            let Some(tag) = parse_tag(rest) else {
                // A lone '<' is text.
                if skip.is_none() {
                    out.copy("<", i);
                }
                i += 1;
                continue;
            };
            let name = tag.name.as_str();
            if let Some((skipped, depth)) = skip.as_mut() {
                if name == skipped.as_str() && !tag.self_closing {
                    if tag.closing {
                        *depth -= 1;
                        if *depth == 0 {
                            skip = None;
                        }
                    } else {
                        *depth += 1;
                    }
                }
                // <title> lives in <head>: capture it even while head is skipped.
                if name == "title" {
                    if tag.closing {
                        if let Some((_, t)) = capture.take() {
                            title.get_or_insert(t);
                        }
                    } else {
                        capture = Some(("title".into(), String::new()));
                    }
                }
                i += tag.len;
                continue;
            }
            if !tag.closing && !tag.self_closing && SKIPPED.contains(&name) && !matches!(name, "head" if false) {
                // Raw-text elements end only at their own closing tag.
                if matches!(name, "script" | "style" | "textarea" | "template") {
                    let close = format!("</{name}");
                    let after = rest.get(tag.len..).unwrap_or_default();
                    let lower = after.to_ascii_lowercase();
                    let end = lower.find(&close).map_or(after.len(), |e| {
                        e + after.get(e..).and_then(|s| s.find('>')).map_or(close.len(), |g| g + 1)
                    });
                    i += tag.len + end;
                    continue;
                }
                skip = Some((name.to_string(), 1));
                i += tag.len;
                continue;
            }
            if name == "h1" || name == "title" {
                if tag.closing {
                    if let Some((n, t)) = capture.take() {
                        let t = t.trim().to_string();
                        if !t.is_empty() {
                            if n == "h1" {
                                h1.get_or_insert(t)
                            } else {
                                title.get_or_insert(t)
                            };
                        }
                    }
                } else {
                    capture = Some((name.to_string(), String::new()));
                }
            }
            if BLOCKS.contains(&name) && !out.text.ends_with('\n') && !out.text.is_empty() {
                out.replace("\n", i, tag.len);
            }
            i += tag.len;
            continue;
        }
        if rest.starts_with('&') {
            if let Some((decoded, len)) = entity(rest) {
                if skip.is_none() {
                    out.replace(decoded.encode_utf8(&mut [0u8; 4]), i, len);
                }
                if let Some((_, t)) = capture.as_mut() {
                    t.push(decoded);
                }
                i += len;
                continue;
            }
        }
        // A run of text up to the next markup character.
        let run_len = rest.find(['<', '&']).unwrap_or(rest.len()).max(1);
        let run_len = (0..=run_len).rev().find(|n| rest.is_char_boundary(*n)).unwrap_or(rest.len());
        let run_len = if run_len == 0 { rest.chars().next().map_or(1, char::len_utf8) } else { run_len };
        let run = rest.get(..run_len).unwrap_or_default();
        if let Some((_, t)) = capture.as_mut() {
            t.push_str(run);
        }
        if skip.is_none() {
            out.copy(run, i);
        }
        i += run_len;
    }
    let (text, map) = out.finish();
    let clean = |s: String| {
        let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
        (!s.is_empty()).then_some(s)
    };
    HtmlText { text, map, headline: h1.and_then(clean).or_else(|| title.and_then(clean)) }
}

struct Tag {
    name: String,
    closing: bool,
    self_closing: bool,
    len: usize,
}

fn parse_tag(s: &str) -> Option<Tag> {
    let b = s.as_bytes();
    let mut j = 1;
    let closing = b.get(j) == Some(&b'/');
    if closing {
        j += 1;
    }
    if b.get(j) == Some(&b'!') || b.get(j) == Some(&b'?') {
        let end = s.find('>')?;
        return Some(Tag { name: "!".into(), closing: false, self_closing: true, len: end + 1 });
    }
    let start = j;
    while b.get(j).is_some_and(|c| c.is_ascii_alphanumeric()) {
        j += 1;
    }
    if j == start {
        return None;
    }
    let name = s.get(start..j)?.to_ascii_lowercase();
    // Find the closing '>' outside quoted attribute values. An unclosed tag runs to
    // the end of the input, which drops the rest as markup rather than leaking it.
    let mut quote: Option<u8> = None;
    let mut k = j;
    while let Some(&c) = b.get(k) {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'"' || c == b'\'' => quote = Some(c),
            None if c == b'>' => break,
            None => {}
        }
        k += 1;
    }
    let self_closing = k > 0 && b.get(k - 1) == Some(&b'/');
    Some(Tag { name, closing, self_closing, len: (k + 1).min(s.len()) })
}

fn entity(s: &str) -> Option<(char, usize)> {
    let end = s.get(..s.len().min(12))?.find(';')?;
    let body = s.get(1..end)?;
    let c = if let Some(num) = body.strip_prefix('#') {
        let n = if let Some(hex) = num.strip_prefix('x').or_else(|| num.strip_prefix('X')) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse().ok()?
        };
        char::from_u32(n)?
    } else {
        match body {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
            "ldquo" => '“',
            "rdquo" => '”',
            "lsquo" => '‘',
            "rsquo" => '’',
            "middot" => '·',
            "mdash" => '—',
            "ndash" => '–',
            "hellip" => '…',
            "times" => '×',
            "copy" => '©',
            "laquo" => '«',
            "raquo" => '»',
            _ => return None,
        }
    };
    Some((c, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_become_lines() {
        let h = reduce("<h1>标题</h1><p>第一段。</P><p>第二&amp;段</p>");
        assert_eq!(h.text.trim_end(), "标题\n第一段。\n第二&段");
        assert_eq!(h.headline.as_deref(), Some("标题"));
    }

    #[test]
    fn scripts_nav_and_footer_are_dropped() {
        let h = reduce(
            "<nav><a>首页</a><nav>x</nav>新闻</nav><script>var a='<p>';</script><p>正文</p><footer>版权所有</footer>",
        );
        assert_eq!(h.text.trim(), "正文");
    }

    #[test]
    fn offsets_point_into_the_html() {
        let html = "<p>会议&nbsp;召开</p>";
        let h = reduce(html);
        let pos = h.text.find("召开").unwrap();
        let orig = h.map.start(pos);
        assert_eq!(&html[orig..orig + "召开".len()], "召开");
    }

    #[test]
    fn broken_markup_does_not_panic() {
        for s in ["<", "<p", "<p class='x", "&#xZZ;", "<div><div><div>文本", "</p></p>&", "<!-- x"] {
            let _ = reduce(s);
        }
    }

    #[test]
    fn charset_is_found() {
        assert_eq!(declared_charset(b"<meta charset=\"gbk\">").as_deref(), Some("gbk"));
        assert_eq!(
            declared_charset(b"<meta http-equiv=Content-Type content='text/html; charset=GB2312'>").as_deref(),
            Some("gb2312")
        );
        assert_eq!(declared_charset(b"<p>none</p>"), None);
    }
}
