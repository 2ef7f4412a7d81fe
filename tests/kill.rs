//! Crash safety: a command that writes the store, killed at any moment, leaves a
//! store that opens, holds every article fully or not at all, and that a re-run
//! completes to exactly what a clean run gives.
//!
//! Each case runs a real `govkg` process on a generated batch of a couple of
//! thousand articles and stops it either at a named point (the test hook
//! `GOVKG_TEST_ABORT_AT=POINT:N`, see `src/cli/abort.rs`, which aborts as abruptly as
//! a SIGKILL) or with a SIGKILL after a delay. Then the store is opened and every
//! article graph in it is compared, quad count for quad count, with the same graph
//! from a clean run; then the command is run again and the whole store is compared.
//!
//! Ingest cases are [`Subject`]s with a test per kill point. `govkg load` is stopped
//! while it bulk-loads a dump of the same batch into an empty store, and `govkg
//! reconcile` while it links a copy of the ingested store; each is then run again
//! and compared with a clean run.
#![cfg(feature = "rocksdb")]
// Tests fail by panicking; unwrapping and indexing are how they say so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use std::collections::BTreeMap;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use oxigraph::sparql::QueryResults;

/// Articles in the generated batch.
const ARTICLES: usize = 2000;
/// Every this many lines, a broken JSON line, so that skipping is exercised too.
const BROKEN_EVERY: usize = 500;

/// A command that writes the store.
struct Subject {
    name: &'static str,
    /// Arguments, given the store directory and the batch file.
    args: fn(&Path, &Path) -> Vec<String>,
    /// Exit codes a complete run may give (1: the batch has broken lines).
    ok_codes: &'static [i32],
}

/// New articles `ingest` writes in one atomic batch here: small enough that the
/// generated batch takes twenty of them.
const WRITE_BATCH: usize = 100;

const INGEST: Subject = Subject {
    name: "ingest",
    args: |store, batch| {
        vec![
            "ingest".into(),
            "--store".into(),
            store.display().to_string(),
            "--batch".into(),
            WRITE_BATCH.to_string(),
            batch.display().to_string(),
        ]
    },
    ok_codes: &[1],
};

/// How a run is stopped.
#[derive(Debug, Clone, Copy)]
enum Kill {
    /// Abort at the N-th time the named point is reached (`POINT:N`).
    At(&'static str),
    /// SIGKILL after this share of the time a clean run takes.
    After(f64),
    /// SIGKILL after this many milliseconds (early: while the store is being created).
    AfterMs(u64),
}

/// Writes the batch: distinct articles (names, dates, meeting numbers and documents
/// vary), each giving a meeting, a chair, a participant and an approved document.
fn write_batch(path: &Path) {
    const SURNAMES: [char; 20] = [
        '王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭',
        '马', '罗',
    ];
    const GIVEN: [char; 24] = [
        '建', '国', '志', '强', '文', '涛', '明', '远', '晓', '岚', '宏', '宇', '海', '波', '春', '华', '立', '新',
        '庆', '玉', '兰', '德', '胜', '平',
    ];
    let mut out = String::new();
    for i in 0..ARTICLES {
        if i % BROKEN_EVERY == BROKEN_EVERY / 2 {
            out.push_str("{\"id\":\"broken\",\"text\":\"市长\n");
        }
        let chair: String = [SURNAMES[i % 20], GIVEN[(i * 7) % 24], GIVEN[(i * 3 + 1) % 24]].iter().collect();
        let other: String = [SURNAMES[(i + 5) % 20], GIVEN[(i * 5 + 2) % 24]].iter().collect();
        let day = i % 28 + 1;
        let text = format!(
            "{day}日，青岚市政府召开第{i}次常务会议。市长{chair}主持会议并讲话，副市长{other}出席会议。会议审议通过了《青岚市第{i}号办法》。"
        );
        let rec = serde_json::json!({"id": format!("k{i}"), "text": text, "date": format!("2023-05-{day:02}")});
        out.push_str(&rec.to_string());
        out.push('\n');
    }
    std::fs::write(path, out).unwrap();
}

fn govkg(args: &[String], abort_at: Option<&str>) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_govkg"));
    c.args(args).stdout(Stdio::null()).stderr(Stdio::piped());
    match abort_at {
        Some(p) => c.env("GOVKG_TEST_ABORT_AT", p),
        None => c.env_remove("GOVKG_TEST_ABORT_AT"),
    };
    c
}

/// Quads per article graph, and in all.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Contents {
    graphs: BTreeMap<String, usize>,
    /// Article graphs that lack a content hash (must be none).
    unstamped: Vec<String>,
    /// Quads in the graph `govkg reconcile` writes (0 when there is none).
    links: usize,
    total: usize,
}

fn contents(store: &Path) -> Contents {
    let store = govkg::kg::Store::open_read_only(store).unwrap_or_else(|e| panic!("store does not open: {e}"));
    let rows = |q: &str| -> Vec<(String, usize)> {
        let QueryResults::Solutions(sol) = store.query(q).unwrap() else { panic!("not a SELECT") };
        sol.map(|r| {
            let r = r.unwrap();
            let g = r.get("g").unwrap().to_string();
            let n = match r.get("n") {
                Some(oxigraph::model::Term::Literal(l)) => l.value().parse().unwrap(),
                _ => 0,
            };
            (g, n)
        })
        .collect()
    };
    let all: BTreeMap<String, usize> =
        rows("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g").into_iter().collect();
    let links = all.get(&format!("<{}>", govkg::reconcile::link::GRAPH)).copied().unwrap_or(0);
    let graphs: BTreeMap<String, usize> = all.into_iter().filter(|(g, _)| g.contains("/id/article/")).collect();
    let stamped: std::collections::BTreeSet<String> = rows(
        "PREFIX g: <https://w3id.org/govkg/ns#> SELECT DISTINCT ?g WHERE { GRAPH ?g { ?g g:contentHash ?h ; g:govkgVersion ?v ; g:rulesHash ?r } }",
    )
    .into_iter()
    .map(|(g, _)| g)
    .collect();
    let unstamped = graphs.keys().filter(|g| !stamped.contains(*g)).cloned().collect();
    Contents { graphs, unstamped, links, total: store.len().unwrap() }
}

/// What a clean run of a subject gives, and how long it takes.
struct Reference {
    contents: Contents,
    took: Duration,
}

fn reference(subject: &Subject) -> &'static Reference {
    static INGEST_REF: OnceLock<Reference> = OnceLock::new();
    INGEST_REF.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let batch = dir.path().join("batch.jsonl");
        write_batch(&batch);
        let store = dir.path().join("store");
        let start = Instant::now();
        let o = govkg(&(subject.args)(&store, &batch), None).output().unwrap();
        let took = start.elapsed();
        assert!(subject.ok_codes.contains(&o.status.code().unwrap_or(-1)), "{}", String::from_utf8_lossy(&o.stderr));
        let contents = contents(&store);
        assert_eq!(contents.graphs.len(), ARTICLES);
        assert!(contents.unstamped.is_empty());
        Reference { contents, took }
    })
}

/// Runs `args` and stops the run as `kill` says. `took` is how long a clean run
/// takes; `reset` puts the store back as it was before the run, for another try
/// when the run finished before the kill came (a faster machine than when timed).
fn stop(args: &[String], kill: Kill, took: Duration, reset: &dyn Fn()) -> Output {
    match kill {
        Kill::At(point) => govkg(args, Some(point)).output().unwrap(),
        Kill::After(_) | Kill::AfterMs(_) => {
            let mut delay = match kill {
                Kill::AfterMs(ms) => Duration::from_millis(ms),
                Kill::After(share) => took.mul_f64(share),
                Kill::At(_) => unreachable!(),
            };
            loop {
                let mut child = govkg(args, None).spawn().unwrap();
                std::thread::sleep(delay);
                let _ = child.kill();
                let o = child.wait_with_output().unwrap();
                if o.status.signal() == Some(9) || delay < Duration::from_millis(1) {
                    break o;
                }
                reset();
                delay /= 2;
            }
        }
    }
}

/// Runs `subject` on a fresh store, stops it as `kill` says, checks the store, runs it
/// again and compares with a clean run. Returns how many articles the stopped run left.
fn crash_case(subject: &Subject, kill: Kill) -> usize {
    let reference = reference(subject);
    let dir = tempfile::tempdir().unwrap();
    let batch = dir.path().join("batch.jsonl");
    write_batch(&batch);
    let store = dir.path().join("store");
    let args = (subject.args)(&store, &batch);

    let stopped = stop(&args, kill, reference.took, &|| std::fs::remove_dir_all(&store).unwrap());
    let err = String::from_utf8_lossy(&stopped.stderr).to_string();
    let signal = stopped.status.signal();
    assert!(matches!(signal, Some(6 | 9)), "{} {kill:?} was not stopped: {:?}\n{err}", subject.name, stopped.status);

    let c = if store.join("CURRENT").exists() { Some(contents(&store)) } else { None };
    let left = c.as_ref().map_or(0, |c| c.graphs.len());
    if let Some(c) = &c {
        assert!(c.unstamped.is_empty(), "{kill:?}: articles without provenance: {:?}", c.unstamped);
        for (g, n) in &c.graphs {
            assert_eq!(Some(n), reference.contents.graphs.get(g), "{kill:?}: article {g} is not whole");
        }
    }

    let again = govkg(&args, None).output().unwrap();
    let again_err = String::from_utf8_lossy(&again.stderr);
    assert!(subject.ok_codes.contains(&again.status.code().unwrap_or(-1)), "{kill:?}: re-run failed: {again_err}");
    assert!(
        again_err
            .contains(&format!("{ARTICLES} articles stored ({} new, 0 replaced, {left} unchanged)", ARTICLES - left)),
        "{kill:?}: {again_err}"
    );
    let after = contents(&store);
    assert_eq!(after.total, reference.contents.total, "{kill:?}: quad count differs from a clean run");
    assert_eq!(after, reference.contents, "{kill:?}");
    eprintln!("{} {kill:?}: {left} of {ARTICLES} articles had been stored", subject.name);
    left
}

#[test]
fn ingest_aborted_right_after_opening_the_store() {
    assert_eq!(crash_case(&INGEST, Kill::At("opened:1")), 0);
}

#[test]
fn ingest_aborted_before_its_first_write() {
    assert_eq!(crash_case(&INGEST, Kill::At("before-write:1")), 0);
}

#[test]
fn ingest_aborted_after_a_commit_keeps_every_committed_article() {
    // Article 700 ends the seventh batch; its write is told once the batch is in.
    assert_eq!(crash_case(&INGEST, Kill::At("after-write:700")), 700);
}

#[test]
fn ingest_aborted_while_a_batch_is_told_keeps_the_batches_before() {
    // The writes of a batch are told before it goes in: stopped at the 512th,
    // the sixth batch (articles 501 to 600) is not written, the five before are.
    assert_eq!(crash_case(&INGEST, Kill::At("before-write:512")), 5 * WRITE_BATCH);
}

#[test]
fn ingest_aborted_when_skipping_a_broken_line() {
    // The third broken line comes after article 1,250 (one every 500, from 250); a
    // skip is told in its place once the batch around it (1,201 to 1,300) is in.
    assert_eq!(crash_case(&INGEST, Kill::At("skipped:3")), 1300);
}

#[test]
fn ingest_aborted_before_and_after_the_final_flush() {
    assert_eq!(crash_case(&INGEST, Kill::At("before-flush:1")), ARTICLES);
    assert_eq!(crash_case(&INGEST, Kill::At("after-flush:1")), ARTICLES);
}

#[test]
fn ingest_killed_at_several_moments() {
    for share in [0.15, 0.35, 0.55, 0.75] {
        crash_case(&INGEST, Kill::After(share));
    }
}

#[test]
fn ingest_killed_while_creating_the_store() {
    // RocksDB writes its files one by one at first: a lock, a log, a manifest, CURRENT.
    for ms in [1, 5, 20, 60] {
        crash_case(&INGEST, Kill::AfterMs(ms));
    }
}

/// Writes the batch as N-Quads with `govkg extract`, as a user makes a dump to load.
fn write_dump(dir: &Path) -> std::path::PathBuf {
    let batch = dir.join("batch.jsonl");
    write_batch(&batch);
    let dump = dir.join("batch.nq");
    let args: Vec<String> = vec!["extract".into(), "--format".into(), "nquads".into(), batch.display().to_string()];
    let o = govkg(&args, None).stdout(Stdio::piped()).output().unwrap();
    assert_eq!(o.status.code(), Some(1), "the batch has broken lines: {}", String::from_utf8_lossy(&o.stderr));
    std::fs::write(&dump, o.stdout).unwrap();
    dump
}

fn load_args(store: &Path, dump: &Path) -> Vec<String> {
    vec!["load".into(), dump.display().to_string(), "--store".into(), store.display().to_string()]
}

/// What a clean `govkg load` of the dump into an empty store gives.
fn load_reference() -> &'static Reference {
    static LOAD_REF: OnceLock<Reference> = OnceLock::new();
    LOAD_REF.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let dump = write_dump(dir.path());
        let store = dir.path().join("store");
        let start = Instant::now();
        let o = govkg(&load_args(&store, &dump), None).output().unwrap();
        let took = start.elapsed();
        assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
        let contents = contents(&store);
        assert_eq!(contents.graphs.len(), ARTICLES);
        Reference { contents, took }
    })
}

/// Loads the dump into an empty store, stops the load as `kill` says, checks that
/// every article left is whole, loads again and compares with a clean load.
fn crash_load(kill: Kill) -> usize {
    let reference = load_reference();
    let dir = tempfile::tempdir().unwrap();
    let dump = write_dump(dir.path());
    let store = dir.path().join("store");
    let args = load_args(&store, &dump);
    let stopped = stop(&args, kill, reference.took, &|| std::fs::remove_dir_all(&store).unwrap());
    let err = String::from_utf8_lossy(&stopped.stderr).to_string();
    assert!(
        matches!(stopped.status.signal(), Some(6 | 9)),
        "load {kill:?} was not stopped: {:?}\n{err}",
        stopped.status
    );

    // Opening the store drops what an interrupted bulk load left half-written.
    let left = if store.join("CURRENT").exists() {
        let c = contents(&store);
        assert!(c.unstamped.is_empty(), "load {kill:?}: articles without provenance: {:?}", c.unstamped);
        for (g, n) in &c.graphs {
            assert_eq!(Some(n), reference.contents.graphs.get(g), "load {kill:?}: article {g} is not whole");
        }
        c.graphs.len()
    } else {
        0
    };
    let again = govkg(&args, None).output().unwrap();
    let again_err = String::from_utf8_lossy(&again.stderr);
    assert_eq!(again.status.code(), Some(0), "load {kill:?}: re-run failed: {again_err}");
    assert!(again_err.contains(&format!("holds {ARTICLES} articles")), "load {kill:?}: {again_err}");
    assert_eq!(contents(&store), reference.contents, "load {kill:?}");
    eprintln!("load {kill:?}: {left} of {ARTICLES} articles had been loaded");
    left
}

#[test]
fn load_aborted_at_its_named_points() {
    assert_eq!(crash_load(Kill::At("opened:1")), 0);
    assert_eq!(crash_load(Kill::At("before-flush:1")), ARTICLES);
    assert_eq!(crash_load(Kill::At("after-flush:1")), ARTICLES);
}

#[test]
fn load_killed_at_several_moments() {
    for share in [0.3, 0.6, 0.9] {
        crash_load(Kill::After(share));
    }
    crash_load(Kill::AfterMs(5));
}

/// A store with the batch ingested, made once and copied for each reconcile case.
fn ingested_template() -> &'static std::path::PathBuf {
    static TEMPLATE: OnceLock<std::path::PathBuf> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("kill-reconcile");
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).unwrap();
        let batch = root.join("batch.jsonl");
        write_batch(&batch);
        // Short follow-ups of the first 500 meetings, from another outlet: the
        // same meetings reported twice, which reconcile links.
        let followups = root.join("followups.jsonl");
        let lines: Vec<String> = (0..500)
            .map(|i| {
                let day = i % 28 + 1;
                let text = format!("青岚市人民政府{day}日召开第{i}次常务会议，研究部署近期重点工作。");
                serde_json::json!({"id": format!("f{i}"), "text": text, "date": format!("2023-05-{day:02}")})
                    .to_string()
            })
            .collect();
        std::fs::write(&followups, lines.join("\n") + "\n").unwrap();
        let store = root.join("store");
        let mut args = (INGEST.args)(&store, &batch);
        args.push(followups.display().to_string());
        let o = govkg(&args, None).output().unwrap();
        assert!(INGEST.ok_codes.contains(&o.status.code().unwrap_or(-1)), "{}", String::from_utf8_lossy(&o.stderr));
        store
    })
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}

fn reconcile_args(store: &Path) -> Vec<String> {
    vec!["reconcile".into(), "--store".into(), store.display().to_string()]
}

/// What a clean `govkg reconcile` of the ingested batch gives.
fn reconcile_reference() -> &'static Reference {
    static RECONCILE_REF: OnceLock<Reference> = OnceLock::new();
    RECONCILE_REF.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("store");
        copy_dir(ingested_template(), &store);
        let start = Instant::now();
        let o = govkg(&reconcile_args(&store), None).output().unwrap();
        let took = start.elapsed();
        assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
        let contents = contents(&store);
        assert!(contents.links > 0, "reconcile wrote no links");
        Reference { contents, took }
    })
}

/// Reconciles a copy of the ingested store, stops it as `kill` says, checks that
/// the articles are untouched and the links are all there or not at all, then
/// reconciles again and compares with a clean run.
fn crash_reconcile(kill: Kill) {
    let reference = reconcile_reference();
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    copy_dir(ingested_template(), &store);
    let args = reconcile_args(&store);
    let reset = || {
        std::fs::remove_dir_all(&store).unwrap();
        copy_dir(ingested_template(), &store);
    };
    let stopped = stop(&args, kill, reference.took, &reset);
    let err = String::from_utf8_lossy(&stopped.stderr).to_string();
    assert!(
        matches!(stopped.status.signal(), Some(6 | 9)),
        "reconcile {kill:?} was not stopped: {:?}\n{err}",
        stopped.status
    );
    let c = contents(&store);
    assert_eq!(c.graphs, reference.contents.graphs, "reconcile {kill:?}: article graphs changed");
    assert!(
        c.links == 0 || c.links == reference.contents.links,
        "reconcile {kill:?}: {} of {} links",
        c.links,
        reference.contents.links
    );
    let again = govkg(&args, None).output().unwrap();
    assert_eq!(again.status.code(), Some(0), "reconcile {kill:?}: {}", String::from_utf8_lossy(&again.stderr));
    assert_eq!(contents(&store), reference.contents, "reconcile {kill:?}");
    eprintln!("reconcile {kill:?}: {} links had been written", c.links);
}

#[test]
fn reconcile_aborted_or_killed_leaves_all_links_or_none() {
    for point in ["opened:1", "before-flush:1", "after-flush:1"] {
        crash_reconcile(Kill::At(point));
    }
    for share in [0.4, 0.8] {
        crash_reconcile(Kill::After(share));
    }
}

/// One reader or second writer run while the batch is being ingested.
fn side_run(args: &[String]) -> (Option<i32>, String, String) {
    let o = govkg(args, None).stdout(Stdio::piped()).output().unwrap();
    (o.status.code(), String::from_utf8_lossy(&o.stdout).to_string(), String::from_utf8_lossy(&o.stderr).to_string())
}

#[test]
fn readers_and_a_second_writer_during_an_ingest_are_answered_or_told_it_is_busy() {
    let dir = tempfile::tempdir().unwrap();
    let batch = dir.path().join("batch.jsonl");
    write_batch(&batch);
    let store = dir.path().join("store");
    let s = store.display().to_string();
    let mut writer = govkg(&(INGEST.args)(&store, &batch), None).spawn().unwrap();

    let count = "PREFIX g: <https://w3id.org/govkg/ns#> \
                 SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { GRAPH ?a { ?a g:contentHash ?h } }";
    let query: Vec<String> = ["query", count, "--store", &s, "--format", "csv"].map(String::from).to_vec();
    let report: Vec<String> = ["report", "with", "王建国", "--store", &s].map(String::from).to_vec();
    let second: Vec<String> = (INGEST.args)(&store, &batch);
    let (mut busy, mut answered) = ([0usize; 3], [0usize; 3]);
    // The second writer must come after the first has the store: on a loaded
    // machine the first can take long to start, and a second writer that opens the
    // store first is simply the first. Wait (at most a minute) for its lock file.
    for _ in 0..600 {
        if store.join("LOCK").exists() || writer.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    // Bounded: at most 300 rounds, and it stops as soon as the writer has finished.
    for round in 0..300 {
        if writer.try_wait().unwrap().is_some() {
            break;
        }
        let which = round % 3;
        let args = [&query, &report, &second][which];
        let (code, out, err) = side_run(args);
        let one_line = err.lines().count() == 1;
        if code == Some(2) && err.contains("store is busy") && one_line {
            busy[which] += 1;
        } else if code == Some(2) && err.contains("no store here") && one_line {
            // Started before the writer created the store.
        } else if which == 0 && code == Some(0) {
            // An answer, never a partial one: a whole number of stored articles.
            let n: usize = out.lines().nth(1).unwrap().trim().parse().unwrap();
            assert!(n <= ARTICLES, "{out}");
            answered[which] += 1;
        } else if which == 1 && code == Some(2) && err.contains("no such person in the store") && one_line {
            answered[which] += 1;
        } else if which == 1 && code == Some(0) && out.starts_with("co_attendee") {
            answered[which] += 1;
        } else if which == 2 && INGEST.ok_codes.contains(&code.unwrap_or(-1)) {
            // The second writer got the store only after the first had finished.
            assert!(err.contains(&format!("0 new, 0 replaced, {ARTICLES} unchanged")), "{err}");
            answered[which] += 1;
        } else {
            panic!("unexpected outcome of {args:?}: {code:?}\n{out}\n{err}");
        }
    }
    let status = writer.wait().unwrap();
    assert!(INGEST.ok_codes.contains(&status.code().unwrap_or(-1)), "{status:?}");
    assert!(
        busy.iter().all(|&n| n > 0),
        "every kind of run should have met the writer: busy {busy:?}, answered {answered:?}"
    );

    let (code, out, err) = side_run(&query);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out.lines().nth(1).unwrap().trim(), ARTICLES.to_string());
}
