//! Adversarial article shapes for the scaling suite, generated at any size.
//!
//! Takes a size in bytes. Gives an article (plain text or HTML) of about that size
//! built from one hostile pattern repeated: annotations with and without their
//! closing bracket, runs of one punctuation mark, endless lists of names, sentences
//! without an end, nested or unclosed markup, runs of meeting heads, titles and
//! names, mojibake and mixed scripts. Never touches the filesystem; the callers
//! (`benches/scaling.rs` and `tests/scaling.rs`) time what the pipeline does with
//! the articles.

// Shared by a bench and a test, each using part of it.
#![allow(dead_code)]

/// One hostile pattern.
pub struct Shape {
    /// Short name, used in tables and file names.
    pub name: &'static str,
    /// Whether the article is an HTML page.
    pub html: bool,
    /// Builds an article of about the given number of bytes.
    pub build: fn(usize) -> String,
}

impl Shape {
    /// An article of about `bytes` bytes (never less than one unit of the pattern).
    pub fn article(&self, bytes: usize) -> String {
        (self.build)(bytes)
    }
}

/// A meeting sentence put before most patterns, so that extraction has a meeting,
/// a chair and a date to attach what follows to.
const FRAME: &str = "5日，市政府召开第十八次常务会议。市长高明远主持会议并讲话，";

/// `head`, then `unit(i)` for i = 0, 1, … until `bytes` is reached, then `tail`.
fn fill(bytes: usize, head: &str, tail: &str, mut unit: impl FnMut(usize) -> String) -> String {
    let mut s = String::with_capacity(bytes + 64);
    s.push_str(head);
    let mut i = 0;
    while s.len() + tail.len() < bytes || i == 0 {
        s.push_str(&unit(i));
        i += 1;
    }
    s.push_str(tail);
    s
}

fn repeat(bytes: usize, head: &str, unit: &str, tail: &str) -> String {
    fill(bytes, head, tail, |_| unit.to_string())
}

const SURNAMES: [&str; 24] = [
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林",
    "罗", "郑", "梁", "谢", "宋",
];
const GIVEN: [&str; 32] = [
    "明", "华", "建", "国", "志", "文", "军", "平", "伟", "强", "勇", "杰", "涛", "斌", "超", "刚", "红", "英", "芳",
    "丽", "海", "林", "峰", "辉", "东", "春", "晓", "云", "宏", "新", "远", "振",
];

/// The i-th of 24 × 32 × 32 distinct three-character names.
fn name(i: usize) -> String {
    let s = SURNAMES.get(i % SURNAMES.len()).copied().unwrap_or("王");
    let a = GIVEN.get((i / SURNAMES.len()) % GIVEN.len()).copied().unwrap_or("明");
    let b = GIVEN.get((i / SURNAMES.len() / GIVEN.len() + i) % GIVEN.len()).copied().unwrap_or("华");
    format!("{s}{a}{b}")
}

/// UTF-8 text read as GBK: the mojibake that `repair_mojibake` undoes.
fn mojibake(s: &str) -> String {
    encoding_rs::GBK.decode_without_bom_handling(s.as_bytes()).0.into_owned()
}

/// Every shape, in the order of the table in `benches/README.md`.
pub fn shapes() -> Vec<Shape> {
    vec![
        Shape { name: "ordinary text", html: false, build: ordinary },
        Shape { name: "pinyin closed", html: false, build: |n| repeat(n, "", "網(wǎng)絡(luò)", "。") },
        Shape { name: "pinyin unclosed", html: false, build: |n| repeat(n, "", "網(wǎng", "") },
        Shape { name: "name pinyin unclosed", html: false, build: |n| repeat(n, "", "張三(zhāng", "") },
        Shape { name: "brackets unclosed", html: false, build: |n| repeat(n, FRAME, "会(", "。") },
        Shape { name: "full stops", html: false, build: |n| repeat(n, FRAME, "。", "") },
        Shape { name: "commas", html: false, build: |n| repeat(n, FRAME, "，", "。") },
        Shape { name: "enumeration commas", html: false, build: |n| repeat(n, FRAME, "、", "出席会议。") },
        Shape { name: "title marks unclosed", html: false, build: |n| repeat(n, "会议审议通过", "《", "。") },
        Shape { name: "quotes unclosed", html: false, build: |n| repeat(n, FRAME, "“", "。") },
        Shape {
            name: "names after chair", html: false, build: |n| fill(n, FRAME, "出席会议。", |i| name(i) + "、")
        },
        Shape { name: "names in lines", html: false, build: |n| fill(n, FRAME, "", |i| name(i) + "\n") },
        Shape {
            name: "names with titles",
            html: false,
            build: |n| fill(n, FRAME, "讲话。", |i| format!("副市长{}、", name(i))),
        },
        Shape { name: "names unseparated", html: false, build: |n| fill(n, FRAME, "。", name) },
        Shape {
            name: "sentence without end",
            html: false,
            build: |n| fill(n, "", "", |i| format!("市长{}主持会议并讲话", name(i))),
        },
        Shape {
            name: "meeting heads", html: false, build: |n| repeat(n, "5日，", "市政府召开第十八次常务会议", "。")
        },
        Shape { name: "meetings", html: false, build: |n| repeat(n, "5日，", "会议", "。") },
        Shape { name: "titles", html: false, build: |n| repeat(n, FRAME, "市委书记", "。") },
        Shape {
            name: "documents", html: false, build: |n| repeat(n, "会议审议通过", "《关于加强工作的意见》", "。")
        },
        Shape {
            name: "about without decision", html: false, build: |n| repeat(n, "会议审议通过", "关于", "。")
        },
        Shape { name: "dates", html: false, build: |n| repeat(n, "", "2021年2月7日", "。") },
        Shape { name: "mojibake", html: false, build: |n| repeat(n, "", &mojibake("品牌发展"), "。") },
        Shape { name: "mojibake ruled out", html: false, build: |n| repeat(n, "", &mojibake("会①"), "。") },
        Shape {
            name: "mojibake of odd length",
            html: false,
            // An odd number of characters: the run's bytes never split into whole
            // source characters, so no start within it is repaired.
            build: |n| mojibake(&"会".repeat((n * 2 / 9 + 1) | 1)),
        },
        Shape {
            name: "mixed scripts", html: false, build: |n| repeat(n, FRAME, "會議Аб1ｘ①，網(wǎng)α😀", "。")
        },
        Shape {
            name: "traditional",
            html: false,
            build: |n| repeat(n, "", "廣州市召開領導小組第七次全體會議，張碩輔講話", "。"),
        },
        Shape { name: "one line of spaces", html: false, build: |n| repeat(n, FRAME, " \u{3000}\t", "。") },
        Shape { name: "empty lines", html: false, build: |n| repeat(n, FRAME, "\n\r\n", "。") },
        Shape {
            name: "html nested",
            html: true,
            build: |n| repeat(n, "<html><body>", "<div><span>", "<p>市长高明远主持会议。"),
        },
        Shape { name: "html unclosed tags", html: true, build: |n| repeat(n, "<html><body><p>", "<a href=\"x", "") },
        Shape {
            name: "html comment unclosed",
            html: true,
            build: |n| repeat(n, "<html><body><p>会议<!--", "<p>会议", ""),
        },
        Shape {
            name: "html script unclosed",
            html: true,
            build: |n| repeat(n, "<html><body><p>会议<script>", "<p>会议</p>", ""),
        },
        Shape {
            name: "html paragraphs",
            html: true,
            build: |n| fill(n, "<html><body>", "</body></html>", |i| format!("<p>{}出席</p>", name(i))),
        },
        Shape {
            name: "html entities",
            html: true,
            build: |n| repeat(n, "<html><body><p>", "&amp;&#x4F1A;&nbsp;&", ""),
        },
    ]
}

/// Ordinary news: one article's paragraphs repeated, with sentence ends, as a
/// reference for the hostile shapes' cost per byte.
fn ordinary(bytes: usize) -> String {
    fill(bytes, "", "", |i| {
        let ord = i % 30 + 1;
        format!(
            "{}日，市政府召开第{ord}次常务会议。市长{}主持会议并讲话，副市长{}、{}出席会议。会议审议通过《关于加强安全生产工作的意见》。\n",
            i % 28 + 1,
            name(i),
            name(i + 1),
            name(i + 2)
        )
    })
}
