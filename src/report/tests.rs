// Tests fail by panicking; unwrapping and indexing are how they say so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use super::*;
use crate::kg::Store;
use crate::kg::rows::testing::store_with;
use crate::kg::rows::{ArticleMeetingRow, BodyParticipationRow, DocumentRow, HoldingRow, ParticipationRow};
use crate::lexicon::Lexicon;
use crate::network::Network;

const A1: &str = "3月11日,市委书记沈景行主持召开市委常委会会议,审议《青岚市营商环境条例(草案)》。市长高明远,市委常委周文涛、田志刚出席会议。";
const A2: &str = "3月20日,市长高明远主持召开市政府第五次常务会议。副市长周文涛、梅晓岚出席会议。\
                  市发展改革委、市财政局和云川县作交流发言。";
const A3: &str = "4月2日,江苏省委书记林海峰主持召开省委常委会会议。省委副书记张明出席会议。";
const A4: &str = "4月9日,广东省省长林海峰主持召开省政府常务会议。副省长陈立出席会议。";

fn store() -> Store {
    store_with(&[
        ("a1", "2024-03-12", A1),
        ("a2", "2024-03-21", A2),
        ("a3", "2024-04-03", A3),
        ("a4", "2024-04-10", A4),
    ])
}

struct Rows {
    parts: Vec<ParticipationRow>,
    bodies: Vec<BodyParticipationRow>,
    meetings: Vec<ArticleMeetingRow>,
    holdings: Vec<HoldingRow>,
    articles: Vec<ArticleRow>,
    documents: Vec<DocumentRow>,
}

fn rows(s: &Store) -> Rows {
    Rows {
        parts: s.participation_rows().unwrap(),
        bodies: s.body_participation_rows().unwrap(),
        meetings: s.article_meeting_rows().unwrap(),
        holdings: s.holding_rows().unwrap(),
        articles: s.article_rows().unwrap(),
        documents: s.document_rows().unwrap(),
    }
}

/// The co-attendance network the reports build, people keyed by name.
fn network(r: &Rows) -> Network {
    crate::network::Rows::by_name(&r.parts, &r.meetings).network(&Default::default())
}

fn meeting_input(r: &Rows) -> MeetingInput<'_> {
    MeetingInput {
        parts: &r.parts,
        bodies: &r.bodies,
        meetings: &r.meetings,
        documents: &r.documents,
        articles: &r.articles,
    }
}

fn column(t: &Table, name: &str) -> Vec<String> {
    let i = t.header.iter().position(|h| h == name).unwrap();
    t.rows.iter().map(|r| r[i].display()).collect()
}

#[test]
fn with_lists_co_attendees_and_shared_meetings() {
    let r = rows(&store());
    let lex = Lexicon::builtin();
    // Traditional script is accepted.
    let rep = with("周文濤", &r.parts, &r.meetings, &r.holdings, &lex).unwrap();
    let t = &rep.sections[0].table;
    assert_eq!(column(t, "co_attendee"), ["高明远", "梅晓岚", "沈景行", "田志刚"]);
    assert_eq!(column(t, "shared_meetings"), ["2", "1", "1", "1"]);
    assert_eq!(column(t, "first_date")[0], "2024-03-11");
    assert_eq!(column(t, "last_date")[0], "2024-03-20");
    assert!(rep.notes.is_empty(), "{:?}", rep.notes);
    assert!(matches!(with("无此人", &r.parts, &r.meetings, &r.holdings, &lex), Err(ReportError::NoPerson(_))));
}

#[test]
fn a_name_in_two_provinces_at_once_is_flagged() {
    let r = rows(&store());
    let lex = Lexicon::builtin();
    let rep = with("林海峰", &r.parts, &r.meetings, &r.holdings, &lex).unwrap();
    assert!(rep.notes.iter().any(|n| n.contains("江苏省") && n.contains("广东省")), "{:?}", rep.notes);
    let h = homonyms(&r.holdings, &r.articles, &lex, DEFAULT_WINDOW_DAYS);
    let t = &h.sections[0].table;
    assert_eq!(column(t, "name"), ["林海峰"]);
    assert_eq!(column(t, "jurisdiction_a"), ["广东省"]);
    assert_eq!(column(t, "jurisdiction_b"), ["江苏省"]);
    // Far apart in time, the two posts are a career, not two people.
    assert!(homonyms(&r.holdings, &r.articles, &lex, 3).sections[0].table.rows.is_empty());
}

#[test]
fn pairs_and_central_rank_by_shared_meetings() {
    let r = rows(&store());
    let net = network(&r);
    let p = pairs(&net, 1);
    let t = &p.sections[0].table;
    assert_eq!(t.rows.len(), 1);
    assert_eq!((column(t, "person_a")[0].as_str(), column(t, "person_b")[0].as_str()), ("周文涛", "高明远"));
    assert_eq!(column(t, "shared_meetings"), ["2"]);
    let values = node_values(&net, Metric::WeightedDegree);
    let c = central(&net, "weighted-degree", &values, 2);
    let t = &c.sections[0].table;
    assert_eq!(column(t, "person"), ["周文涛", "高明远"]);
    assert_eq!(column(t, "weighted-degree"), ["5", "5"]);
    assert_eq!(column(t, "component"), ["0", "0"]);
    let comps = components(&net);
    let lin = net.find("林海峰").unwrap().index();
    let zhou = net.find("周文涛").unwrap().index();
    assert_ne!(comps[lin], comps[zhou]);
    assert_eq!(column(t, "community").len(), 2);
}

#[test]
fn central_ranks_brokers_by_betweenness_and_pagerank_sums_to_one() {
    let r = rows(&store());
    let net = network(&r);
    // 林海峰 alone joins 张明 and 陈立; 高明远 and 周文涛 share the paths between
    // the two meetings' other people. Everyone else lies between no one.
    let s = scores(&net, Metric::Betweenness);
    assert!(s.note.is_none(), "a small network is measured exactly");
    let c = central(&net, "betweenness", &s.values, 4);
    let t = &c.sections[0].table;
    assert_eq!(column(t, "person")[..3], ["周文涛", "林海峰", "高明远"]);
    let b = column(t, "betweenness");
    assert_eq!(b[0], b[1]);
    assert_eq!(b[1], b[2]);
    assert_eq!(b[3], "0");
    let pr = node_values(&net, Metric::PageRank);
    assert!((pr.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    let close = node_values(&net, Metric::Closeness);
    assert!(close[zhou_of(&net)] > close[net.find("梅晓岚").unwrap().index()]);
    // Two separate groups of people are two communities.
    let comm = communities(&net);
    assert_ne!(comm[net.find("林海峰").unwrap().index()], comm[zhou_of(&net)]);
}

fn zhou_of(net: &Network) -> usize {
    net.find("周文涛").unwrap().index()
}

#[test]
fn person_lists_posts_meetings_and_bodies() {
    let r = rows(&store());
    let input = PersonInput {
        parts: &r.parts,
        meetings: &r.meetings,
        holdings: &r.holdings,
        articles: &r.articles,
        spells: &[],
        attestations: true,
    };
    let rep = person("高明远", &input, &Lexicon::builtin()).unwrap();
    let names: Vec<&str> = rep.sections.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["spells", "roles", "posts", "meetings", "bodies"]);
    assert_eq!(column(&rep.sections[1].table, "role"), ["chair", "attendee"]);
    assert_eq!(column(&rep.sections[2].table, "title"), ["市长", "市长"]);
    assert_eq!(column(&rep.sections[2].table, "source"), ["a1", "a2"]);
    assert_eq!(column(&rep.sections[3].table, "role"), ["chair", "attendee"]);
    assert_eq!(column(&rep.sections[4].table, "body"), ["市委", "市政府"]);
    let brief = person("高明远", &PersonInput { attestations: false, ..input }, &Lexicon::builtin()).unwrap();
    assert_eq!(brief.sections.len(), 2);
}

#[test]
fn meeting_shows_everyone_in_list_order() {
    let r = rows(&store());
    let input = meeting_input(&r);
    let rep = meeting("市委常委会", &input).unwrap();
    let info = &rep.sections[0].table;
    assert_eq!(column(info, "value")[..3], ["市委常委会会议", "2024-03-11", "市委"]);
    assert_eq!(column(info, "value")[4], "沈景行");
    assert_eq!(column(&rep.sections[1].table, "person"), ["沈景行", "高明远", "周文涛", "田志刚"]);
    assert!(rep.sections[2].table.rows.is_empty());
    assert_eq!(column(&rep.sections[3].table, "document"), ["青岚市营商环境条例(草案)"]);
    assert_eq!(column(&rep.sections[4].table, "article"), ["a1"]);
    // Bodies that spoke with no one named for them come in their own section, in order.
    let rep = meeting("第五次常务会议", &input).unwrap();
    assert_eq!(rep.sections[2].name, "bodies");
    assert_eq!(column(&rep.sections[2].table, "body"), ["市发展改革委", "市财政局", "云川县"]);
    assert_eq!(column(&rep.sections[2].table, "position"), ["0", "1", "2"]);
    // A query matching several meetings lists them.
    let many = meeting("常", &input).unwrap();
    assert_eq!(many.sections[0].name, "matches");
    assert!(many.sections[0].table.rows.len() >= 3);
    assert!(matches!(meeting("没有的会", &input), Err(ReportError::NoMeeting(_))));
}

#[test]
fn coverage_and_stats_count_what_is_there() {
    let s = store_with(&[
        ("a1", "2024-03-12", A1),
        ("b", "2024-04-01", "4月1日,市政府召开常务会议,研究近期工作。市发展改革委、市财政局作汇报。"),
    ]);
    let r = rows(&s);
    let unnamed = s.unnamed_participation_counts().unwrap();
    let c =
        coverage(&CoverageInput { articles: &r.articles, meetings: &r.meetings, parts: &r.parts, unnamed: &unnamed });
    let t = &c.sections[0].table;
    assert_eq!(column(t, "month"), ["2024-03", "2024-04"]);
    assert_eq!(column(t, "meetings"), ["1", "1"]);
    assert_eq!(column(t, "meetings_without_named_participant"), ["0", "1"]);
    assert_eq!(column(t, "participations"), ["4", "0"]);
    assert_eq!(column(t, "unnamed_participations"), ["0", "2"]);
    let st = stats(&s.counts().unwrap());
    // Participations count the two bodies' as well as the four people's.
    assert_eq!(column(&st.sections[0].table, "count")[..4], ["2", "2", "4", "6"]);
}

#[test]
fn fact_table_has_one_row_per_participation_with_evidence() {
    let r = rows(&store());
    let t = fact_table(&r.parts, &r.meetings, &r.articles, &r.holdings);
    assert_eq!(t.rows.len(), r.parts.len());
    assert_eq!(column(&t, "article")[..4], ["a1", "a1", "a1", "a1"]);
    assert_eq!(column(&t, "person")[..4], ["沈景行", "高明远", "周文涛", "田志刚"]);
    assert_eq!(column(&t, "role")[0], "chair");
    assert_eq!(column(&t, "rule")[0], "role.chair");
    assert!(column(&t, "sentence")[0].contains("主持"));
    assert!(column(&t, "start").iter().all(|s| !s.is_empty()));
    assert_eq!(column(&t, "meeting_date")[0], "2024-03-11");
}

#[test]
fn names_with_quotes_braces_and_backslashes_are_only_matched() {
    let r = rows(&store());
    let lex = Lexicon::builtin();
    for evil in ["\" } ; DROP ALL ; {", "周文涛\" || true || \"", "\\\\\"}", "' } UNION { ?s ?p ?o } #", "{{}}"] {
        assert!(matches!(with(evil, &r.parts, &r.meetings, &r.holdings, &lex), Err(ReportError::NoPerson(_))));
        assert!(matches!(meeting(evil, &meeting_input(&r)), Err(ReportError::NoMeeting(_))));
    }
}
