//! Keeps page furniture out of the article body.
//!
//! Takes normalised page text (one block per line) and the markers of page
//! furniture (`data/boilerplate_tail.txt` and `boilerplate_lines.txt`, plus those
//! of `--rules DIR`). Gives the lines that belong to the story: headline,
//! dateline and paragraphs, without navigation menus, share buttons, "related
//! news" lists and footers. Never rewrites a line: a line is kept whole or
//! dropped whole, so offsets stay exact.

use super::offsets::MappedBuilder;
use crate::lexicon::Boilerplate;

/// A line that reads as running text: long, with sentence punctuation.
fn is_prose(line: &str) -> bool {
    let n = line.chars().count();
    n >= 40 && line.chars().filter(|c| matches!(c, '。' | ',' | ';' | '、')).count() >= 2
}

fn is_nav(line: &str) -> bool {
    let t = line.trim();
    t.matches('|').count() >= 2 || t.starts_with("首页 >") || t.starts_with("首页>") || t.contains(" > ")
}

/// The body lines of `text` (a copy of `text` with furniture lines dropped), or
/// `None` when every line is kept. A line holding a word of `markers.tail`, once
/// the story has begun, ends the story; a short line holding one of
/// `markers.lines` is dropped.
pub fn strip(text: &str, markers: &Boilerplate) -> Option<MappedBuilder> {
    let lines: Vec<(usize, &str)> = text
        .split_inclusive('\n')
        .scan(0usize, |pos, l| {
            let start = *pos;
            *pos += l.len();
            Some((start, l))
        })
        .collect();
    let first_prose = lines.iter().position(|(_, l)| is_prose(l)).unwrap_or(0);
    let mut out = MappedBuilder::with_capacity(text.len());
    // A roll call (出席议员：, then one short name a line) is the record's
    // content, however much it looks like a menu.
    let mut in_roll = false;
    let mut kept = 0;
    for (idx, &(start, line)) in lines.iter().enumerate() {
        let t = line.trim();
        // Counted once, and tested before the markers are searched for: most of the
        // bytes are in long lines of prose, which no marker search needs to visit.
        let n = t.chars().count();
        if idx > first_prose
            && markers.tail.iter().any(|m| t.starts_with(m.as_str()) || (n < 30 && t.contains(m.as_str())))
        {
            break;
        }
        if t.is_empty() || is_nav(t) || (n < 60 && markers.lines.iter().any(|m| t.contains(m.as_str()))) {
            continue;
        }
        if n < 12 && t.ends_with([':', '：']) && ["出席", "缺席", "列席"].iter().any(|w| t.starts_with(w)) {
            in_roll = true;
        } else if n >= 40 || t.contains('。') {
            in_roll = false;
        }
        // Before the story starts, keep only lines that can be a headline or a
        // dateline; single words are menu entries.
        if idx < first_prose && n < 6 && !in_roll {
            continue;
        }
        out.copy(line, start);
        kept += line.len();
    }
    // The lines are consecutive, so keeping as many bytes as there are is keeping all.
    (kept < text.len()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn menus_and_footer_go() {
        let text = "网站首页| 网站地图| RSS\n首页 > 时政 > 详细内容\n省政府召开常务会议\n会议指出,要加强工作,推进发展,确保各项任务落实到位,取得实效,不断开创新局面。\n分享到\n相关新闻\n市政府召开常务会议\n版权所有:某网\n";
        let b = strip(text, Boilerplate::builtin()).unwrap();
        assert_eq!(
            b.text,
            "省政府召开常务会议\n会议指出,要加强工作,推进发展,确保各项任务落实到位,取得实效,不断开创新局面。\n"
        );
    }

    #[test]
    fn markers_added_drop_their_lines() {
        let text = "省政府召开常务会议\n会议指出,要加强工作,推进发展,确保各项任务落实到位,取得实效,不断开创新局面。\n本站声明:转载请注明出处\n";
        assert!(strip(text, Boilerplate::builtin()).is_none());
        let mut markers = Boilerplate::builtin().clone();
        markers.lines.push("本站声明".to_string());
        let b = strip(text, &markers).unwrap();
        assert!(!b.text.contains("本站声明"), "{}", b.text);
    }

    #[test]
    fn a_roll_call_stays() {
        let text = "青岚议会会议过程正式纪录\n出席议员：\n林海峰议员, G.B.S., J.P.\n周雅琴议员\n主席：我宣布开会,请各位议员就座,会议现在开始,首先处理第一项议程,即提交文件。\n";
        assert!(strip(text, Boilerplate::builtin()).is_none());
    }
}
