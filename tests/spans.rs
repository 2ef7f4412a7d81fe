//! Property: every span an extraction reports maps back to the original text. For
//! generated articles (names, titles, meetings and role verbs in varied orders,
//! lists of names before and after their verb, lists of bodies, with noise,
//! full-width spaces, CRLF line ends, HTML wrapping and traditional script around
//! them), every evidence's `start..end` is non-empty, the characters of the
//! original there contain the person's (or body's) name, and normalised they lie
//! inside the evidence's sentence. Runs on the in-memory library, no store needed.

// Tests fail by panicking; unwrapping and indexing are how they say so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use std::sync::OnceLock;

use govkg::ingest::{Body, Format, GivenMeta, RawDoc};
use govkg::lexicon::Lexicon;
use govkg::normalize::normalize_fragment;
use govkg::pipeline::{Outcome, process};
use govkg::resolve::{Located, locate};
use proptest::prelude::*;

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(Lexicon::builtin)
}

fn name() -> impl Strategy<Value = String> {
    let surname = prop::sample::select(vec!["王", "李", "张", "周", "高", "沈", "欧阳", "田", "梅", "康"]);
    let given = prop::collection::vec(
        prop::sample::select(vec!["文", "涛", "明", "远", "晓", "岚", "景", "行", "志", "刚"]),
        1..=2,
    );
    (surname, given).prop_map(|(s, g)| format!("{s}{}", g.concat()))
}

fn title() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["市长", "副市长", "市委书记", "省长", "市委常委", "市委副书记、市长", "秘书长", ""])
}

fn sentence() -> impl Strategy<Value = String> {
    let role = prop::sample::select(vec!["主持会议并讲话", "主持", "出席会议", "参加会议", "讲话", "出席"]);
    let meeting =
        prop::sample::select(vec!["市政府常务会议", "市委常委会会议", "座谈会", "第三次全体会议", "专题会议"]);
    let noise = prop::sample::select(vec!["", "　　", "会议指出，", "（记者 王一）", "据悉，", " ", "\u{3000}"]);
    prop_oneof![
        (title(), name(), role.clone(), noise.clone()).prop_map(|(t, n, r, z)| format!("{z}{t}{n}{r}。")),
        (title(), name(), title(), name(), role.clone())
            .prop_map(|(t1, n1, t2, n2, r)| format!("{t1}{n1}、{t2}{n2}{r}。")),
        (0u32..31, meeting.clone(), title(), name()).prop_map(|(d, m, t, n)| format!("{d}日，{t}{n}主持召开{m}。")),
        (meeting.clone(), noise).prop_map(|(m, z)| format!("{z}本次{m}研究了有关工作。")),
        // A list after its verb: the span runs from the verb to the name.
        (prop::sample::select(vec!["出席会议的还有", "参加会议的有", "出席会议的领导有", "列席人员:"]), name_list())
            .prop_map(|(head, names)| format!("{head}{names}。")),
        // A list before its verb, several names long.
        (name_list(), role).prop_map(|(names, r)| format!("{names}{r}。")),
        // Bodies that spoke, with no person named.
        (prop::sample::select(vec!["南京市、苏州市", "市发展改革委、市财政局", "各区县"]), meeting2())
            .prop_map(|(bodies, m)| format!("{m}上，{bodies}作交流发言。")),
        "[\u{4e00}-\u{9fa5}，。、]{0,20}",
    ]
}

/// Two to four names with titles, joined by 、 (and 和 before the last, at times).
fn name_list() -> impl Strategy<Value = String> {
    (prop::collection::vec((title(), name()), 2..=4), any::<bool>()).prop_map(|(people, and)| {
        let n = people.len();
        people
            .into_iter()
            .enumerate()
            .map(|(i, (t, n2))| {
                let sep = if i == 0 {
                    ""
                } else if and && i + 1 == n {
                    "和"
                } else {
                    "、"
                };
                format!("{sep}{t}{n2}")
            })
            .collect()
    })
}

fn meeting2() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["会议", "座谈会", "推进会"])
}

/// An article, how it is wrapped, and whether it is traditional script.
fn article() -> impl Strategy<Value = (String, Format)> {
    let body = prop::collection::vec(sentence(), 1..8);
    let sep = prop::sample::select(vec!["", "\n", "\r\n", "\n\n　　"]);
    (body, sep, any::<bool>(), any::<bool>()).prop_map(|(sentences, sep, html, traditional)| {
        let mut text = sentences.join(sep);
        if traditional {
            // A few characters in traditional script, so that conversion runs.
            text = text.replace('会', "會").replace('议', "議").replace('长', "長");
        }
        if html {
            let paras: Vec<String> = text.split('\n').map(|p| format!("<p>{p}</p>")).collect();
            (
                format!("<html><head><title>新闻</title></head><body><div>{}</div></body></html>", paras.concat()),
                Format::Html,
            )
        } else {
            (text, Format::Text)
        }
    })
}

fn slice_chars(s: &str, start: usize, end: usize) -> String {
    s.chars().skip(start).take(end.saturating_sub(start)).collect()
}

/// The original characters at the evidence's span, checked to hold `name` and to
/// lie, once normalised, in the sentence it gives.
fn check(original: &str, loc: &Located, name: Option<&str>) -> Result<(), TestCaseError> {
    let (Some(s), Some(e)) = (loc.start, loc.end) else { return Ok(()) };
    let total = original.chars().count();
    prop_assert!(s < e && e <= total, "span {s}..{e} empty or outside {total} characters ({loc:?})");
    let span = slice_chars(original, s, e);
    if let Some(name) = name {
        // The original may be in traditional script; the name is compared normalised,
        // both sides alike: an article of simplified script keeps a lone traditional
        // character (簞) that a fragment's normalisation converts.
        prop_assert!(
            normalize_fragment(&span).contains(&normalize_fragment(name)),
            "span {s}..{e} = {span:?} lacks {name:?} ({loc:?})"
        );
    }
    if !loc.headline {
        let norm = normalize_fragment(&span);
        let sentence = normalize_fragment(&loc.sentence);
        prop_assert!(sentence.contains(&norm), "span {span:?} ({norm:?}) not in sentence {sentence:?}");
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn every_span_maps_back_to_the_original((text, format) in article()) {
        let raw = RawDoc {
            source: "p".into(),
            key: "p".into(),
            path: "p".into(),
            body: Body::Bytes(text.into_bytes()),
            format,
            meta: GivenMeta { date: Some("2023-05-06".into()), ..GivenMeta::default() },
        };
        let Outcome::Article(a) = process(&raw, lexicon()) else { return Ok(()) };
        let (doc, ex) = (&a.doc, &a.extraction);
        for p in &ex.persons {
            check(&doc.original, &locate(doc, ex, &p.evidence), Some(&p.name))?;
            for t in &p.titles {
                check(&doc.original, &locate(doc, ex, &t.evidence), None)?;
            }
        }
        for m in &ex.meetings {
            check(&doc.original, &locate(doc, ex, &m.evidence), None)?;
            for part in &m.participants {
                check(&doc.original, &locate(doc, ex, &part.evidence), Some(&part.person))?;
            }
            for body in &m.bodies {
                check(&doc.original, &locate(doc, ex, &body.evidence), Some(&body.body))?;
            }
            for d in &m.documents {
                check(&doc.original, &locate(doc, ex, &d.evidence), None)?;
            }
        }
    }
}

/// Names listed after their verb (出席会议的还有甲、乙) once got an empty span: it
/// ran from the name to the end of the verb, which stands before the name.
#[test]
fn names_listed_after_their_verb_have_a_span() {
    let text = "11日，市委书记沈景行主持召开市委常委会会议。出席会议的还有市长高明远、副市长周文涛。";
    let raw = RawDoc {
        source: "l".into(),
        key: "l".into(),
        path: "l".into(),
        body: Body::Text(text.into()),
        format: Format::Text,
        meta: GivenMeta { date: Some("2024-03-12".into()), ..GivenMeta::default() },
    };
    let Outcome::Article(a) = process(&raw, lexicon()) else { panic!("not an article") };
    let (doc, ex) = (&a.doc, &a.extraction);
    let parts: Vec<_> = ex.meetings.iter().flat_map(|m| &m.participants).collect();
    let mut listed = 0;
    for p in &parts {
        let loc = locate(doc, ex, &p.evidence);
        let span = slice_chars(&doc.original, loc.start.unwrap(), loc.end.unwrap());
        assert!(span.contains(&p.person), "{span:?} lacks {}", p.person);
        if p.person != "沈景行" {
            listed += 1;
            assert!(span.starts_with("出席会议的还有"), "{span:?}");
        }
    }
    assert_eq!(listed, 2, "{parts:?}");
}
