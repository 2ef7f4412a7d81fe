//! One result whatever the form: an article re-encoded the ways crawls deliver it
//! (GBK, UTF-16 with a byte-order mark, traditional script in UTF-8 and in Big5,
//! and for the examples a portal page around it) gives the same facts as the clean
//! text.
//!
//! Runs over the example articles; where `../shared/corpus/articles` exists beside
//! the project, over its plain-text articles too (skipped cleanly where it does not).

// Tests fail by panicking; unwrapping and indexing are how they say so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use govkg::ingest::{Body, Format, GivenMeta, RawDoc};
use govkg::lexicon::Lexicon;
use govkg::pipeline::{Outcome, process};
use govkg::record::Record;

/// The facts the scorer compares, in a form that compares whole.
type Facts = (Vec<(String, Option<String>, BTreeSet<String>, BTreeSet<String>, BTreeSet<String>)>, BTreeSet<String>);

fn facts(body: Body, format: Format, date: &str, lex: &Lexicon) -> Facts {
    let raw = RawDoc {
        source: "x".into(),
        key: "x".into(),
        path: "x".into(),
        body,
        format,
        meta: GivenMeta { date: Some(date.into()), ..GivenMeta::default() },
    };
    let Outcome::Article(a) = process(&raw, lex) else { panic!("article skipped") };
    let rec = Record::new(&a.doc, &a.extraction);
    let set = |v: &[String]| v.iter().cloned().collect::<BTreeSet<_>>();
    let meetings = rec
        .meetings
        .iter()
        .map(|m| (m.name.clone(), m.date.clone(), set(&m.chairs), set(&m.participants), set(&m.approved_documents)))
        .collect();
    let persons = rec.persons.iter().map(|p| format!("{}:{}", p.name, p.titles.join("、"))).collect();
    (meetings, persons)
}

/// The article as a page of a government portal: navigation before it, a footer after.
fn portal(text: &str) -> String {
    let body: String = text.lines().map(|l| format!("<p>{l}</p>\n")).collect();
    format!(
        "<html><head><meta charset=\"utf-8\"><title>新闻</title></head><body>\n<div class=\"nav\">首页 | 政务公开 | \
         新闻中心</div>\n<div class=\"article\">\n{body}</div>\n<div class=\"footer\">主办单位：某某市人民政府办公室 \
         版权所有</div>\n</body></html>\n"
    )
}

fn encode(enc: &'static encoding_rs::Encoding, text: &str) -> Option<Vec<u8>> {
    let (bytes, _, lossy) = enc.encode(text);
    (!lossy).then(|| bytes.into_owned())
}

fn utf16(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    out
}

/// Every form of one article, each compared with the clean text's facts; the
/// differences, one line each.
///
/// `page` adds the article as a portal page. Only articles whose first line is
/// their headline (the examples) are the same article as a page: a plain-text
/// file with no markup leaves the headline to be guessed, and a page around it
/// says another line is the headline.
fn differences(
    name: &str,
    text: &str,
    date: &str,
    lex: &Lexicon,
    cc: &opencc_fmmseg::OpenCC,
    page: bool,
) -> Vec<String> {
    let clean = facts(Body::Text(text.to_string()), Format::Text, date, lex);
    let mut forms: Vec<(&str, Body, Format)> = vec![("utf-16", Body::Bytes(utf16(text)), Format::Text)];
    if page {
        forms.push(("portal page", Body::Text(portal(text)), Format::Html));
    }
    if let Some(b) = encode(encoding_rs::GBK, text) {
        forms.push(("gbk", Body::Bytes(b), Format::Text));
    }
    // Traditional script only where converting back gives the same text: a few
    // characters (干, 余) have two traditional forms and do not come back alike.
    let traditional = cc.s2t(text, false);
    if cc.t2s(&traditional, false) == text {
        if let Some(b) = encode(encoding_rs::BIG5, &traditional) {
            forms.push(("big5", Body::Bytes(b), Format::Text));
        }
        forms.push(("traditional", Body::Text(traditional.clone()), Format::Text));
    }
    let mut out = Vec::new();
    for (form, body, format) in forms {
        let got = facts(body, format, date, lex);
        if got != clean {
            out.push(format!("{name} as {form}: {got:?}\n  clean: {clean:?}"));
        }
    }
    out
}

fn articles(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> =
        std::fs::read_dir(dir).map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default();
    v.retain(|p| p.extension().is_some_and(|e| e == ext));
    v.sort();
    v
}

#[test]
fn example_articles_give_the_same_facts_in_every_form() {
    let lex = Lexicon::builtin();
    let cc = opencc_fmmseg::OpenCC::new();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/articles");
    let files = articles(&dir, "txt");
    assert!(files.len() >= 8, "{files:?}");
    let mut diffs = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        diffs.extend(differences(&f.display().to_string(), &text, "2024-06-30", &lex, &cc, true));
    }
    assert!(diffs.is_empty(), "{}", diffs.join("\n"));
}

#[test]
fn shared_corpus_articles_give_the_same_facts_in_every_form() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/articles");
    let files = articles(&dir, "txt");
    if files.is_empty() {
        eprintln!("../shared/corpus/articles not present: skipped");
        return;
    }
    let lex = Lexicon::builtin();
    let cc = opencc_fmmseg::OpenCC::new();
    let mut diffs = Vec::new();
    for f in &files {
        let Ok(text) = std::fs::read_to_string(f) else { continue };
        diffs.extend(differences(&f.display().to_string(), &text, "2024-06-30", &lex, &cc, false));
    }
    assert!(diffs.is_empty(), "{} of {} articles differ:\n{}", diffs.len(), files.len(), diffs.join("\n"));
}
