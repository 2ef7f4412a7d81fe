//! The generator behind `examples/synth`: a made-up world of people, bodies and
//! meetings, and articles reporting those meetings.
//!
//! Takes a [`Config`] and a seed. Gives articles as JSON Lines records, the same for
//! the same arguments. Never reads real news: the sentence templates are written here,
//! the names are built from `data/surnames.txt`, `data/posts.txt` and given-name
//! characters chosen here. Shared by the `synth` example and `benches/pipeline.rs`.

// Every index below is taken modulo its list's length, or into lists built non-empty.
#![allow(clippy::indexing_slicing)]

/// The size of the world.
pub struct Config {
    /// Number of people.
    pub people: usize,
    /// Number of bodies.
    pub bodies: usize,
    /// Number of distinct meetings.
    pub meetings: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config { people: 20_000, bodies: 500, meetings: 100_000 }
    }
}

/// SplitMix64: small, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64 * n as f64) as usize % n.max(1)
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

fn lines(text: &str) -> Vec<&str> {
    text.lines().map(str::trim_end).filter(|l| !l.is_empty() && !l.starts_with('#')).collect()
}

/// Characters for given names, chosen for this generator (common in names, none of
/// them a post or function word).
const GIVEN: &str = "建国明华军伟志强文斌海涛晓宏敏静丽娟玉兰春燕秀英德林荣新平安庆丰宇航博思远嘉怡欣悦梓涵子轩浩然俊杰晨曦雨辰泽瑞凯峰磊鹏飞翔昊睿哲彬琳琪瑶婷颖蕾薇萍芳霞云霖松柏桦楠枫岚岩";

/// Body kinds placed after a place name.
const BODY_KINDS: &[&str] =
    &["市委", "市政府", "市人大常委会", "市政协", "省委", "省政府", "省人大常委会", "市纪委", "区委", "县政府"];

/// Posts that fit the body kinds above (a subset of data/posts.txt is used too).
const LEAD_POSTS: &[&str] = &["书记", "副书记", "市长", "副市长", "省长", "副省长", "主任", "副主任", "主席", "副主席"];

/// Meeting kinds and the verb that reports them held.
const KINDS: &[&str] = &["常务会议", "常委会会议", "全体会议", "专题会议", "座谈会", "工作会议", "党组会议"];

/// Subjects for documents and for filler sentences.
const TOPICS: &[&str] = &[
    "优化营商环境",
    "安全生产",
    "乡村振兴",
    "生态环境保护",
    "城市更新",
    "科技创新",
    "防汛抗旱",
    "民生实事",
    "数字政府建设",
    "招商引资",
    "义务教育",
    "医疗保障",
];

const FILLERS: &[&str] = &[
    "会议指出，要坚持问题导向，把{t}工作抓实抓细，确保各项任务按期完成。",
    "会议强调，各地各部门要压实责任，加强协调配合，推动{t}取得新成效。",
    "会议要求，要聚焦群众关切，完善工作机制，以{t}的实际成效检验工作作风。",
    "会议听取了关于{t}情况的汇报，研究部署了下一阶段重点工作。",
    "与会同志围绕{t}进行了深入讨论，提出了意见建议。",
    "会议认为，今年以来全市{t}总体平稳，但仍面临不少困难和挑战。",
];

/// Posts in `data/posts.txt` that only foreign states have.
const FOREIGN_POSTS: &[&str] =
    &["总统", "副总统", "首相", "国王", "女王", "王储", "总督", "外长", "副外长", "国务卿", "议长", "副议长"];

/// People, their posts and bodies, and how often each is at a meeting.
pub struct World {
    names: Vec<String>,
    titles: Vec<String>,
    bodies: Vec<String>,
    places: Vec<String>,
    /// For each body, one person who belongs to it (the chair of its meetings).
    body_head: Vec<Option<usize>>,
    /// Cumulative Zipf weights over people, for sampling attendees.
    cdf: Vec<f64>,
    meetings: usize,
}

impl World {
    /// Builds the world for `seed`.
    pub fn new(args: &Config, seed: u64) -> World {
        let mut rng = Rng(seed);
        let rng = &mut rng;
        let surnames = lines(include_str!("../../data/surnames.txt"));
        // Single-character surnames read most like ordinary names; compound ones are kept rare.
        let (single, compound): (Vec<&str>, Vec<&str>) = surnames.iter().partition(|s| s.chars().count() == 1);
        // The world's people hold Chinese posts; the posts of foreign states that
        // the list also holds (总统, 首相) would make no sense before a Chinese place.
        let posts: Vec<&str> =
            lines(include_str!("../../data/posts.txt")).into_iter().filter(|p| !FOREIGN_POSTS.contains(p)).collect();
        let places: Vec<String> = lines(include_str!("../../data/places.tsv"))
            .iter()
            .filter_map(|l| l.split('\t').nth(1).map(str::to_string))
            .collect();
        let given: Vec<char> = GIVEN.chars().collect();
        let mut bodies = Vec::with_capacity(args.bodies);
        let mut body_place = Vec::with_capacity(args.bodies);
        for b in 0..args.bodies {
            let place = places[b % places.len()].clone();
            bodies.push(format!("{place}{}", BODY_KINDS[(b / places.len() + b) % BODY_KINDS.len()]));
            body_place.push(place);
        }
        let mut names = Vec::with_capacity(args.people);
        let mut titles = Vec::with_capacity(args.people);
        let mut person_body = Vec::with_capacity(args.people);
        for _ in 0..args.people {
            let sur = if rng.below(50) == 0 { rng.pick(&compound) } else { rng.pick(&single) };
            let mut name = sur.to_string();
            for _ in 0..1 + rng.below(2) {
                name.push(*rng.pick(&given));
            }
            let body = rng.below(args.bodies.max(1));
            let post = if rng.below(3) == 0 { rng.pick(&posts).to_string() } else { rng.pick(LEAD_POSTS).to_string() };
            titles.push(format!("{}{post}", body_place[body]));
            names.push(name);
            person_body.push(body);
        }
        let mut cdf = Vec::with_capacity(args.people);
        let mut total = 0.0;
        for k in 1..=args.people {
            total += 1.0 / k as f64;
            cdf.push(total);
        }
        for w in &mut cdf {
            *w /= total;
        }
        let mut body_head = vec![None; bodies.len()];
        for (p, &b) in person_body.iter().enumerate() {
            if let Some(h) = body_head.get_mut(b) {
                h.get_or_insert(p);
            }
        }
        World { names, titles, bodies, places, body_head, cdf, meetings: args.meetings.max(1) }
    }

    fn zipf(&self, rng: &mut Rng) -> usize {
        let u = rng.unit();
        self.cdf.partition_point(|&w| w < u).min(self.cdf.len() - 1)
    }
}

/// One meeting: its body, kind, day and who was there (first is the chair).
struct Meeting {
    body: usize,
    kind: &'static str,
    ordinal: usize,
    day: (u32, u32, u32),
    present: Vec<usize>,
    topic: &'static str,
}

fn meeting(world: &World, seed: u64, m: usize) -> Meeting {
    // Each meeting has its own stream, so article i needs no state from articles before it.
    let mut rng = Rng(seed ^ (m as u64).wrapping_mul(0xA24B_AED4_963E_E407));
    let body = rng.below(world.bodies.len());
    let n = (3.0 + (-9.0 * (1.0 - rng.unit()).ln()).floor()).min(40.0) as usize;
    let mut present = Vec::with_capacity(n);
    // The chair belongs to the body when anyone does; the rest follow the Zipf law.
    if let Some(p) = world.body_head[body] {
        present.push(p);
    }
    let mut guard = 0;
    while present.len() < n && guard < n * 20 {
        let p = world.zipf(&mut rng);
        if !present.contains(&p) {
            present.push(p);
        }
        guard += 1;
    }
    let day = (2015 + (m % 11) as u32, 1 + rng.below(12) as u32, 1 + rng.below(28) as u32);
    Meeting {
        body,
        kind: KINDS[rng.below(KINDS.len())],
        ordinal: 1 + rng.below(40),
        day,
        present,
        topic: TOPICS[rng.below(TOPICS.len())],
    }
}

fn person(world: &World, p: usize) -> String {
    format!("{}{}", world.titles[p], world.names[p])
}

/// Article `i` of the corpus for `seed`, as one JSON Lines record (no newline).
pub fn article(world: &World, seed: u64, i: usize) -> String {
    let m = meeting(world, seed, i % world.meetings);
    let mut rng = Rng(seed.wrapping_add(0x5851_F42D_4C95_7F2D).wrapping_mul(i as u64 + 1));
    let (y, mo, d) = m.day;
    let body = &world.bodies[m.body];
    let title_kind = format!("第{}次{}", m.ordinal, m.kind);
    let chair = m.present[0];
    let mut text = String::new();
    let place = rng.pick(&world.places);
    text.push_str(&format!("{place}新闻网讯 {mo}月{d}日，{body}召开{title_kind}，"));
    text.push_str(&format!("{}主持会议并讲话。\n", person(world, chair)));
    let topic = m.topic;
    for _ in 0..2 + rng.below(3) {
        text.push_str(&rng.pick(FILLERS).replace("{t}", topic));
    }
    text.push('\n');
    text.push_str(&format!("会议审议通过了《关于进一步加强{topic}工作的实施意见》。\n"));
    let rest = &m.present[1..];
    let split = rest.len() * 3 / 4;
    let (attend, nonvoting) = rest.split_at(split);
    if !attend.is_empty() {
        let list: Vec<String> = attend.iter().map(|&p| person(world, p)).collect();
        text.push_str(&format!("{}出席会议。", list.join("、")));
    }
    if !nonvoting.is_empty() {
        let list: Vec<String> = nonvoting.iter().map(|&p| world.names[p].clone()).collect();
        text.push_str(&format!("{}列席会议。", list.join("、")));
    }
    text.push('\n');
    for _ in 0..1 + rng.below(3) {
        let t = *rng.pick(TOPICS);
        text.push_str(&rng.pick(FILLERS).replace("{t}", t));
    }
    text.push('\n');
    let title = format!("{body}召开{title_kind}");
    let rec = serde_json::json!({
        "id": format!("synth-{seed}-{i}"),
        "date": format!("{y:04}-{mo:02}-{d:02}"),
        "title": title,
        "text": text,
    });
    rec.to_string()
}
