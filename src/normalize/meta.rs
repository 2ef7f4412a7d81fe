//! Article metadata stated in the text: date, headline, outlet, originating body.
//!
//! Takes normalised page text. Gives what the page says about itself. Never
//! overrides metadata given with the input: the caller decides precedence.

use std::sync::OnceLock;

use regex::Regex;

use crate::date::Date;

/// Metadata found in an article's text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextMeta {
    /// Publication date.
    pub date: Option<Date>,
    /// Headline stated in an archive header (`标题: …`).
    pub title: Option<String>,
    /// The site that published the page.
    pub outlet: Option<String>,
    /// The body the text comes from (来源 after the story, 发布机构); 我委 refers to it.
    pub origin_body: Option<String>,
    /// URL stated in the text (`原文链接: …`).
    pub url: Option<String>,
    /// Byte offset where the story starts when the page has an archive header
    /// (a `==== 正文 ====` line); 0 otherwise.
    pub body_start: usize,
}

use crate::rx::cached as re;

fn date_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"((?:19|20)\d\d)\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})")
}

/// Reads metadata from the page text. With `date_known` the date is left out
/// unless a header states it: looking for it costs a search of the first lines,
/// and the caller has a date of its own.
pub fn read(text: &str, date_known: bool) -> TextMeta {
    static FIELD: OnceLock<Regex> = OnceLock::new();
    static SOURCE: OnceLock<Regex> = OnceLock::new();
    static COPYRIGHT: OnceLock<Regex> = OnceLock::new();
    static BODY_MARK: OnceLock<Regex> = OnceLock::new();
    let field = re(&FIELD, r"(?m)^(标题|发布时间|发布机构|原文链接)\s*[:：]\s*(.*?)\s*$");
    let source = re(&SOURCE, r"来源\s*[:：]\s*([^\s|?？,，]{2,40})");
    let copyright = re(&COPYRIGHT, r"版权所有\s*[:：©]?\s*([^\s|,，]{2,40})");
    let body_mark = re(&BODY_MARK, r"(?m)^=+[ \t]*正文[ \t]*=+[ \t]*\n?");

    let mut meta = TextMeta::default();
    let header_end = body_mark.find(text).map(|m| m.end());
    let header = header_end.and_then(|e| text.get(..e)).unwrap_or_default();
    for cap in field.captures_iter(header) {
        let (Some(k), Some(v)) = (cap.get(1), cap.get(2)) else { continue };
        let v = v.as_str().trim();
        if v.is_empty() {
            continue;
        }
        match k.as_str() {
            "标题" => meta.title = Some(v.to_string()),
            "发布时间" => meta.date = first_date(v),
            "发布机构" => meta.origin_body = Some(v.to_string()),
            "原文链接" => meta.url = Some(v.to_string()),
            _ => {}
        }
    }
    if let Some(e) = header_end {
        meta.body_start = e;
    }
    let body = text.get(meta.body_start..).unwrap_or_default();

    // The publication date: the first date in a line that speaks of publication
    // or source near the top, else the first full date in the first lines.
    if meta.date.is_none() && !date_known {
        let top: Vec<&str> = body.lines().take(25).collect();
        meta.date = top
            .iter()
            .filter(|l| ["发布", "时间", "来源", "日期", "稿源"].iter().any(|k| l.contains(k)))
            .find_map(|l| first_date(l))
            .or_else(|| top.iter().filter(|l| l.chars().count() < 60).find_map(|l| first_date(l)));
    }

    // 来源 near the top names the outlet; 来源 after the story names the body
    // whose text it is.
    let lines: Vec<&str> = body.lines().collect();
    let n = lines.len();
    for (i, l) in lines.iter().enumerate() {
        if let Some(c) = source.captures(l).and_then(|c| c.get(1)) {
            let name = c.as_str().trim_end_matches(['。', '.', ')', ']']).to_string();
            if i * 3 < n && i < 20 {
                meta.outlet.get_or_insert(name);
            } else if meta.origin_body.is_none() {
                meta.origin_body = Some(name.trim_end_matches("网站").trim_end_matches("官网").to_string());
            }
        }
    }
    if meta.outlet.is_none() {
        meta.outlet = copyright.captures(body).and_then(|c| c.get(1)).map(|m| m.as_str().to_string());
    }
    meta
}

/// The first full date (year, month, day) in `s`.
pub fn first_date(s: &str) -> Option<Date> {
    date_re().captures_iter(s).find_map(|c| {
        let y = c.get(1)?.as_str().parse().ok()?;
        let m = c.get(2)?.as_str().parse().ok()?;
        let d = c.get(3)?.as_str().parse().ok()?;
        Date::new(y, m, d)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn portal_page() {
        let text = "首页\n江苏省会议召开\n2022/2/14 16:00:23 来源:中国企业新闻网\n导言\n正文第一段。\n正文第二段。\n正文第三段。\n来源:江苏省发展改革委网站\n分享到\n";
        let m = read(text, false);
        assert_eq!(m.date, Date::new(2022, 2, 14));
        // A date given with the input spares the search of the first lines.
        assert_eq!(read(text, true).date, None);
        assert_eq!(m.outlet.as_deref(), Some("中国企业新闻网"));
        assert_eq!(m.origin_body.as_deref(), Some("江苏省发展改革委"));
    }

    #[test]
    fn archive_header() {
        let text = "标题: 某区召开会议\n发布时间: 2021-11-24 10:48\n文号: \n发布机构: 某区政府网\n==================== 正文 ====================\n11月22日下午,会议召开。";
        let m = read(text, true);
        assert_eq!(m.title.as_deref(), Some("某区召开会议"));
        // A header's date is read whatever the input gives.
        assert_eq!(m.date, Date::new(2021, 11, 24));
        assert_eq!(m.origin_body.as_deref(), Some("某区政府网"));
        assert!(text[m.body_start..].starts_with("11月22日"));
    }
}
