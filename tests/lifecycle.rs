//! The store's life cycle through the binary, on the on-disk store: remove,
//! duplicates in the summary, export and load back, and the SPARQL endpoint
//! answering a real HTTP client while writers are told the store is busy.

// Tests fail by panicking; unwrapping and indexing are how they say so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]
#![cfg(feature = "rocksdb")]

use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

fn govkg(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_govkg")).args(args).current_dir(env!("CARGO_MANIFEST_DIR")).output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// "... store DIR holds N articles, M quads" at the end of a summary.
fn holds(err: &str) -> (usize, usize) {
    let tail = err.rsplit("holds ").next().unwrap();
    let nums: Vec<usize> = tail.split(|c: char| !c.is_ascii_digit()).filter_map(|s| s.parse().ok()).collect();
    (nums[0], nums[1])
}

const COUNT_CHAIRS: &str =
    "PREFIX g: <https://w3id.org/govkg/ns#> SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p g:chairs ?m }";

#[test]
fn remove_duplicates_export_and_load() {
    let dir = tempfile::tempdir().unwrap();
    let s = dir.path().join("store");
    let s = s.to_str().unwrap();
    let o = govkg(&["ingest", "examples/articles", "tests/fixtures", "--store", s]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o)); // the fixtures hold files that are skipped
    let (articles, quads) = holds(&stderr(&o));

    // A repost under another key is reported and not stored.
    let reposts = dir.path().join("reposts");
    std::fs::create_dir(&reposts).unwrap();
    std::fs::copy("examples/articles/06_renda_changweihui_0529.txt", reposts.join("copy.txt")).unwrap();
    let o = govkg(&["ingest", reposts.to_str().unwrap(), "--store", s]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("copy.txt: same text as stored article 06_renda_changweihui_0529.txt"), "{err}");
    assert!(err.contains("1 duplicates of stored articles"), "{err}");
    assert_eq!(holds(&err), (articles, quads));

    // Export, load into a new store: the same quads and answers.
    let nq = dir.path().join("dump.nq");
    let o = govkg(&["export", "nquads", "-o", nq.to_str().unwrap(), "--store", s]);
    assert!(o.status.success(), "{}", stderr(&o));
    let t = dir.path().join("copy");
    let t = t.to_str().unwrap();
    let o = govkg(&["load", nq.to_str().unwrap(), "--store", t, "--threads", "2", "--memory-mb", "64"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("bulk loader: 2 threads, memory cap 64 MB"), "{err}");
    assert_eq!(holds(&err), (articles, quads));
    let a = govkg(&["query", COUNT_CHAIRS, "--store", s, "--format", "tsv"]);
    let b = govkg(&["query", COUNT_CHAIRS, "--store", t, "--format", "tsv"]);
    assert_eq!(stdout(&a), stdout(&b));
    assert!(stdout(&a).lines().nth(1).unwrap().parse::<usize>().unwrap() >= 3, "{}", stdout(&a));
    // Loading it again into the now full store goes one transaction per article.
    let o = govkg(&["load", nq.to_str().unwrap(), "--store", t]);
    assert!(stderr(&o).contains("one transaction per article"), "{}", stderr(&o));
    assert_eq!(holds(&stderr(&o)), (articles, quads));
    // An export of either store is the same bytes.
    let nq2 = dir.path().join("dump2.nq");
    govkg(&["export", "nquads", "-o", nq2.to_str().unwrap(), "--store", t]);
    assert_eq!(std::fs::read(&nq).unwrap(), std::fs::read(&nq2).unwrap());

    // Turtle is the union graph; TriG keeps the graphs.
    let o = govkg(&["export", "turtle", "--store", s]);
    assert!(stdout(&o).contains("@prefix govkg: <https://w3id.org/govkg/ns#>"));
    let o = govkg(&["export", "trig", "--store", s]);
    assert!(stdout(&o).contains("<https://w3id.org/govkg/id/article/"));

    // Graph results in RDF formats, solutions in XML.
    let o = govkg(&["query", "CONSTRUCT { ?p a ?t } WHERE { ?p a ?t } LIMIT 3", "--store", s, "--format", "ntriples"]);
    assert_eq!(stdout(&o).lines().count(), 3, "{}", stderr(&o));
    let o = govkg(&["query", COUNT_CHAIRS, "--store", s, "--format", "xml"]);
    assert!(stdout(&o).contains("<sparql xmlns="), "{}", stdout(&o));
    let o = govkg(&["query", COUNT_CHAIRS, "--store", s, "--format", "turtle"]);
    assert_eq!(o.status.code(), Some(2));

    // Remove one article, and name one that is not there.
    let o = govkg(&["remove", "06_renda_changweihui_0529.txt", "no-such-key", "--store", s]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("no-such-key: no article with this key"), "{err}");
    let (after, after_quads) = holds(&err);
    assert_eq!(after, articles - 1);
    assert!(after_quads < quads);
    // Now the repost is no longer a duplicate, and is stored.
    let o = govkg(&["ingest", reposts.to_str().unwrap(), "--store", s]);
    assert!(stderr(&o).contains("1 new"), "{}", stderr(&o));
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        self.0.kill().ok();
        self.0.wait().ok();
    }
}

fn enc(q: &str) -> String {
    form_urlencoded::byte_serialize(q.as_bytes()).collect()
}

#[test]
fn serve_answers_sparql_over_http_and_refuses_updates() {
    let dir = tempfile::tempdir().unwrap();
    let s = dir.path().join("store");
    let s = s.to_str().unwrap();
    assert!(govkg(&["ingest", "examples/articles", "--store", s]).status.success());
    let port = free_port();
    let bind = format!("127.0.0.1:{port}");
    let _server = Server(
        Command::new(env!("CARGO_BIN_EXE_govkg"))
            .args(["serve", "--bind", &bind, "--store", s, "--max-rows", "5"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let url = format!("http://{bind}/query");
    let get = |q: &str, accept: &str| {
        minreq::get(format!("{url}?query={}", enc(q))).with_header("Accept", accept).with_timeout(30).send().unwrap()
    };
    let post = |ctype: &str, accept: &str, body: &str| {
        minreq::post(&url)
            .with_header("Content-Type", ctype)
            .with_header("Accept", accept)
            .with_body(body)
            .with_timeout(30)
            .send()
            .unwrap()
    };
    // Wait (a bounded number of times) for the server to listen.
    let json = "application/sparql-results+json";
    let mut response = None;
    for _ in 0..100 {
        match minreq::get(format!("{url}?query={}", enc(COUNT_CHAIRS))).with_header("Accept", json).send() {
            Ok(r) => {
                response = Some(r);
                break;
            }
            Err(_) => std::thread::sleep(Duration::from_millis(100)),
        }
    }
    let r = response.expect("the server did not start");
    assert_eq!(r.status_code, 200, "{}", r.as_str().unwrap());
    assert_eq!(r.header("content-type"), Some(json));
    let v: serde_json::Value = serde_json::from_str(r.as_str().unwrap()).unwrap();
    let n: usize = v["results"]["bindings"][0]["n"]["value"].as_str().unwrap().parse().unwrap();
    assert!(n >= 3, "{v}");

    // POST a query; ask for CSV.
    let r = post("application/sparql-query", "text/csv", COUNT_CHAIRS);
    assert_eq!(r.status_code, 200);
    assert_eq!(r.as_str().unwrap(), format!("n\r\n{n}\r\n"));
    let r =
        post("application/x-www-form-urlencoded", "text/tab-separated-values", &format!("query={}", enc(COUNT_CHAIRS)));
    assert_eq!(r.status_code, 200);
    assert_eq!(r.as_str().unwrap(), format!("?n\n{n}\n"));

    // A graph: not as SPARQL results; as N-Triples, cut at --max-rows.
    let everything = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }";
    assert_eq!(get(everything, json).status_code, 406);
    let r = get(everything, "application/n-triples");
    assert_eq!(r.status_code, 200);
    assert_eq!(r.header("x-sparql-maxrows"), Some("5"));
    assert_eq!(r.as_str().unwrap().lines().count(), 5);

    // Updates are refused, in both forms, and malformed queries get 400.
    for (ctype, body) in
        [("application/sparql-update", "CLEAR ALL"), ("application/x-www-form-urlencoded", "update=CLEAR%20ALL")]
    {
        let r = post(ctype, json, body);
        assert_eq!(r.status_code, 403);
        assert!(r.as_str().unwrap().contains("read-only"));
    }
    assert_eq!(get("SELECT WHERE {", json).status_code, 400);
    let r = get(COUNT_CHAIRS, json);
    assert_eq!(r.status_code, 200, "the server still answers after bad requests");
    assert!(r.as_str().unwrap().contains(&format!("\"value\":\"{n}\"")), "and the store is unchanged");

    // While the endpoint holds the store, writers and readers are told it is busy.
    let o = govkg(&["ingest", "examples/articles", "--store", s]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("store is busy"), "{}", stderr(&o));
    let o = govkg(&["query", COUNT_CHAIRS, "--store", s]);
    assert!(stderr(&o).contains("store is busy"), "{}", stderr(&o));
}

/// How a load-test request is sent and what must come back.
#[derive(Clone, Copy, Debug)]
enum Probe {
    /// A valid query by GET: 200 with the right count.
    Get,
    /// A valid query by POST: 200 with the right count.
    Post,
    /// Broken SPARQL: 400.
    Syntax,
    /// An update: 403.
    Update,
    /// Bytes that are no HTTP at all, on a raw connection: an error status or a close.
    Garbage,
    /// A request cut off in its headers, then the connection closed.
    Truncated,
    /// A request line of 100 KB: refused, never a crash.
    Huge,
    /// A cross product of the whole store three times over: stopped by the timeout (503).
    Slow,
}

/// Sends raw bytes and reads whatever comes back within ten seconds.
fn raw(addr: &str, bytes: &[u8], close_early: bool) -> String {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let _ = s.write_all(bytes);
    if close_early {
        return String::new();
    }
    let _ = s.shutdown(std::net::Shutdown::Write);
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    String::from_utf8_lossy(&out).to_string()
}

#[test]
fn serve_survives_many_concurrent_queries_and_malformed_requests() {
    let dir = tempfile::tempdir().unwrap();
    let s = dir.path().join("store");
    let s = s.to_str().unwrap();
    assert!(govkg(&["ingest", "examples/articles", "--store", s]).status.success());
    let expected = stdout(&govkg(&["query", COUNT_CHAIRS, "--store", s, "--format", "csv"]));
    let n: String = expected.lines().nth(1).unwrap().trim().to_string();
    let bind = format!("127.0.0.1:{}", free_port());
    let mut server = Server(
        Command::new(env!("CARGO_BIN_EXE_govkg"))
            .args(["serve", "--bind", &bind, "--store", s, "--timeout", "2"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let url = format!("http://{bind}/query");
    let json = "application/sparql-results+json";
    let up = (0..100).any(|_| {
        let ok = minreq::get(format!("{url}?query={}", enc(COUNT_CHAIRS))).send().is_ok();
        if !ok {
            std::thread::sleep(Duration::from_millis(100));
        }
        ok
    });
    assert!(up, "the server did not start");

    // Eight clients at once, 60 requests each: a bounded load that keeps every
    // connection the server allows busy, with a bad request in every other one.
    const CLIENTS: usize = 8;
    const EACH: usize = 60;
    let plan = [
        Probe::Get,
        Probe::Syntax,
        Probe::Post,
        Probe::Garbage,
        Probe::Get,
        Probe::Update,
        Probe::Post,
        Probe::Truncated,
        Probe::Get,
        Probe::Huge,
    ];
    let start = std::time::Instant::now();
    let results: Vec<Vec<(Probe, Result<u16, String>)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..CLIENTS)
            .map(|c| {
                let (url, bind, n) = (&url, &bind, &n);
                scope.spawn(move || {
                    let mut out = Vec::new();
                    for i in 0..EACH {
                        // Two clients also send one query that must hit the timeout.
                        let probe = if i == EACH / 2 && c < 2 { Probe::Slow } else { plan[(i + c) % plan.len()] };
                        let status = match probe {
                            Probe::Get | Probe::Slow => {
                                let q = if matches!(probe, Probe::Slow) {
                                    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
                                } else {
                                    COUNT_CHAIRS
                                };
                                minreq::get(format!("{url}?query={}", enc(q)))
                                    .with_header("Accept", "text/csv")
                                    .with_timeout(60)
                                    .send()
                                    .map_err(|e| e.to_string())
                                    .and_then(|r| match probe {
                                        Probe::Get if r.as_str().unwrap_or("") != format!("n\r\n{n}\r\n") => {
                                            Err(format!("wrong answer: {:?}", r.as_str()))
                                        }
                                        _ => Ok(r.status_code as u16),
                                    })
                            }
                            Probe::Post | Probe::Syntax | Probe::Update => {
                                let (ctype, body) = match probe {
                                    Probe::Post => ("application/sparql-query", COUNT_CHAIRS),
                                    Probe::Syntax => ("application/sparql-query", "SELECT ?x WHERE { ?x"),
                                    _ => ("application/sparql-update", "DROP ALL"),
                                };
                                minreq::post(url.as_str())
                                    .with_header("Content-Type", ctype)
                                    .with_header("Accept", json)
                                    .with_body(body)
                                    .with_timeout(60)
                                    .send()
                                    .map(|r| r.status_code as u16)
                                    .map_err(|e| e.to_string())
                            }
                            Probe::Garbage => {
                                let reply = raw(bind, b"\x00\xff\xfeNOT HTTP AT ALL\r\n\r\n\x16\x03\x01", false);
                                Ok(reply.get(9..12).and_then(|c| c.parse().ok()).unwrap_or(0))
                            }
                            Probe::Truncated => {
                                raw(bind, b"GET /query?query=ASK%20%7B%7D HTTP/1.1\r\nHost: x\r\nAcc", true);
                                Ok(0)
                            }
                            Probe::Huge => {
                                let line =
                                    format!("GET /query?query={} HTTP/1.1\r\nHost: x\r\n\r\n", "A".repeat(100_000));
                                let reply = raw(bind, line.as_bytes(), false);
                                Ok(reply.get(9..12).and_then(|c| c.parse().ok()).unwrap_or(0))
                            }
                        };
                        out.push((probe, status));
                    }
                    out
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let took = start.elapsed();

    let mut by_status: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for (probe, status) in results.iter().flatten() {
        let want: &[u16] = match probe {
            Probe::Get | Probe::Post => &[200],
            Probe::Syntax => &[400],
            Probe::Update => &[403],
            Probe::Slow => &[503],
            // A close (0) or any refusal; what matters is that the server lives on.
            Probe::Garbage | Probe::Huge => &[0, 400, 413, 414, 431],
            Probe::Truncated => &[0],
        };
        match status {
            Ok(code) if want.contains(code) => *by_status.entry(format!("{probe:?} {code}")).or_default() += 1,
            other => panic!("{probe:?}: got {other:?}, want one of {want:?}"),
        }
    }
    assert!(server.0.try_wait().unwrap().is_none(), "the server died under load");
    let r = minreq::get(format!("{url}?query={}", enc(COUNT_CHAIRS))).with_header("Accept", "text/csv").send().unwrap();
    assert_eq!(r.as_str().unwrap(), format!("n\r\n{n}\r\n"), "the server answers correctly after the load");
    let total = CLIENTS * EACH;
    eprintln!(
        "serve load: {total} requests from {CLIENTS} clients in {:.2} s ({:.0} requests/s); {by_status:?}",
        took.as_secs_f64(),
        total as f64 / took.as_secs_f64()
    );
}
