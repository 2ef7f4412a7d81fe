//! A read-only SPARQL 1.1 Protocol endpoint over a store.
//!
//! Takes an open [`Store`] and limits (bind address, query timeout, result
//! size, concurrent connections). Gives an HTTP server answering queries at
//! `/query` (GET `?query=`, POST `application/sparql-query` or a form), with
//! results in the format the `Accept` header asks for. Never runs an update:
//! update requests get 403, and only queries are ever parsed. Never prints
//! (the command line says where it listens); a malformed request gets a 4xx
//! with a one-line reason, never a crash.

use std::io::Read;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

use oxhttp::model::{Body, HeaderValue, Method, Request, Response, StatusCode, header};
use oxhttp::{ListeningServer, Server};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{CancellationToken, QueryResults, SparqlEvaluator};

use crate::kg::{Store, StoreError};

/// The largest request body read (a query, or a form holding one).
const MAX_BODY: u64 = 1 << 20;

/// Header saying the results were cut at `--max-rows`.
pub const TRUNCATED_HEADER: &str = "x-sparql-maxrows";

/// The endpoint's limits.
#[derive(Debug, Clone)]
pub struct Limits {
    /// A query running longer is cancelled (503).
    pub timeout: Duration,
    /// At most this many solutions (or triples) are returned; the response then
    /// carries the `X-SPARQL-MaxRows` header.
    pub max_rows: usize,
    /// At most this many connections are served at once.
    pub max_connections: usize,
}

/// Starts serving `store` on `addr` in background threads.
pub fn spawn(store: Store, addr: SocketAddr, limits: Limits) -> std::io::Result<ListeningServer> {
    let store = Arc::new(store);
    let handler_limits = limits.clone();
    Server::new(move |req| handle(&store, req, &handler_limits))
        .bind(addr)
        .with_global_timeout(limits.timeout + Duration::from_secs(30))
        .with_max_concurrent_connections(limits.max_connections.max(1))
        .spawn()
}

fn text(status: StatusCode, msg: &str) -> Response<Body> {
    let mut r = Response::new(Body::from(format!("{msg}\n")));
    *r.status_mut() = status;
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
    r
}

fn refuse(status: StatusCode, msg: &str) -> (StatusCode, String) {
    (status, msg.to_string())
}

/// The query in a request, or the response refusing it.
fn query_text(req: &mut Request<Body>) -> Result<String, (StatusCode, String)> {
    let url_params: Vec<(String, String)> =
        form_urlencoded::parse(req.uri().query().unwrap_or("").as_bytes()).into_owned().collect();
    let params = if req.method() == Method::GET {
        url_params
    } else if req.method() == Method::POST {
        let ctype = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        let mut body = Vec::new();
        req.body_mut()
            .take(MAX_BODY + 1)
            .read_to_end(&mut body)
            .map_err(|e| refuse(StatusCode::BAD_REQUEST, &format!("could not read the request body: {e}")))?;
        if body.len() as u64 > MAX_BODY {
            return Err(refuse(StatusCode::PAYLOAD_TOO_LARGE, "the request body is larger than 1 MiB"));
        }
        match ctype.as_str() {
            "application/sparql-update" => {
                return Err(refuse(StatusCode::FORBIDDEN, "this endpoint is read-only: SPARQL updates are refused"));
            }
            "application/sparql-query" => {
                let q = String::from_utf8(body)
                    .map_err(|_| refuse(StatusCode::BAD_REQUEST, "the query is not valid UTF-8"))?;
                let mut p = url_params;
                p.push(("query".into(), q));
                p
            }
            "application/x-www-form-urlencoded" => form_urlencoded::parse(&body).into_owned().collect(),
            _ => {
                return Err(refuse(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    "send the query as application/sparql-query or application/x-www-form-urlencoded",
                ));
            }
        }
    } else {
        return Err(refuse(StatusCode::METHOD_NOT_ALLOWED, "use GET or POST"));
    };
    if params.iter().any(|(k, _)| k == "update") {
        return Err(refuse(StatusCode::FORBIDDEN, "this endpoint is read-only: SPARQL updates are refused"));
    }
    if params.iter().any(|(k, _)| k == "default-graph-uri" || k == "named-graph-uri") {
        return Err(refuse(
            StatusCode::BAD_REQUEST,
            "default-graph-uri and named-graph-uri are not supported; use FROM and FROM NAMED in the query",
        ));
    }
    let mut queries = params.into_iter().filter(|(k, _)| k == "query").map(|(_, v)| v);
    match (queries.next(), queries.next()) {
        (Some(q), None) => Ok(q),
        (None, _) => Err(refuse(StatusCode::BAD_REQUEST, "no query: give it as ?query=, or POST it")),
        (Some(_), Some(_)) => Err(refuse(StatusCode::BAD_REQUEST, "more than one query parameter")),
    }
}

/// The media types offered, best first, for solutions and booleans.
const RESULT_TYPES: &[(&str, QueryResultsFormat)] = &[
    ("application/sparql-results+json", QueryResultsFormat::Json),
    ("application/json", QueryResultsFormat::Json),
    ("application/sparql-results+xml", QueryResultsFormat::Xml),
    ("application/xml", QueryResultsFormat::Xml),
    ("text/csv", QueryResultsFormat::Csv),
    ("text/tab-separated-values", QueryResultsFormat::Tsv),
];

/// The media types offered, best first, for graphs.
fn graph_types() -> Vec<(&'static str, RdfFormat)> {
    let mut v = vec![
        ("text/turtle", RdfFormat::Turtle),
        ("application/n-triples", RdfFormat::NTriples),
        ("application/n-quads", RdfFormat::NQuads),
        ("application/trig", RdfFormat::TriG),
        ("application/rdf+xml", RdfFormat::RdfXml),
    ];
    if let Some(f) = RdfFormat::from_media_type("application/ld+json") {
        v.push(("application/ld+json", f));
    }
    v
}

/// Picks the offered type the `Accept` header rates highest (ties: the order
/// offered). No header, or `*/*`, gives the first.
fn negotiate<T: Copy>(accept: Option<&str>, offered: &[(&'static str, T)]) -> Option<(&'static str, T)> {
    let Some(accept) = accept.filter(|a| !a.trim().is_empty()) else { return offered.first().copied() };
    let mut best: Option<(f32, usize)> = None;
    for range in accept.split(',') {
        let mut parts = range.split(';');
        let mt = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let q =
            parts.filter_map(|p| p.trim().strip_prefix("q=")).find_map(|v| v.trim().parse::<f32>().ok()).unwrap_or(1.0);
        if q <= 0.0 {
            continue;
        }
        for (i, (name, _)) in offered.iter().enumerate() {
            let (ty, _) = name.split_once('/').unwrap_or((name, ""));
            let fits = mt == *name || mt == "*/*" || mt.strip_suffix("/*").is_some_and(|t| t == ty);
            if fits && best.is_none_or(|(bq, bi)| q > bq || (q == bq && i < bi)) {
                best = Some((q, i));
            }
        }
    }
    best.and_then(|(_, i)| offered.get(i).copied())
}

fn not_acceptable(offered: &[&str]) -> Response<Body> {
    text(StatusCode::NOT_ACCEPTABLE, &format!("no acceptable format; this result comes as {}", offered.join(", ")))
}

/// Answers one request.
pub fn handle(store: &Store, req: &mut Request<Body>, limits: &Limits) -> Response<Body> {
    match req.uri().path() {
        "/query" => {}
        "/" => {
            return text(
                StatusCode::OK,
                "govkg SPARQL endpoint: send queries to /query (SPARQL 1.1 Protocol, read-only)",
            );
        }
        _ => return text(StatusCode::NOT_FOUND, "not found: the SPARQL endpoint is /query"),
    }
    let sparql = match query_text(req) {
        Ok(q) => q,
        Err((status, msg)) => {
            let mut r = text(status, &msg);
            if status == StatusCode::METHOD_NOT_ALLOWED {
                r.headers_mut().insert(header::ALLOW, HeaderValue::from_static("GET, POST"));
            }
            return r;
        }
    };
    let accept = req.headers().get(header::ACCEPT).and_then(|v| v.to_str().ok()).map(str::to_string);
    let token = CancellationToken::new();
    let (done, wait) = mpsc::channel::<()>();
    let watchdog = {
        let token = token.clone();
        let timeout = limits.timeout;
        std::thread::spawn(move || {
            if let Err(mpsc::RecvTimeoutError::Timeout) = wait.recv_timeout(timeout) {
                token.cancel();
            }
        })
    };
    let response = answer(store, &sparql, accept.as_deref(), limits, &token);
    done.send(()).ok();
    drop(watchdog.join());
    response
}

fn answer(
    store: &Store,
    sparql: &str,
    accept: Option<&str>,
    limits: &Limits,
    token: &CancellationToken,
) -> Response<Body> {
    let timed_out = || {
        text(
            StatusCode::SERVICE_UNAVAILABLE,
            &format!("the query ran longer than {} s and was stopped", limits.timeout.as_secs()),
        )
    };
    let failed = |e: &dyn std::fmt::Display| {
        if token.is_cancelled() { timed_out() } else { text(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()) }
    };
    let results = match store.query_with(sparql, SparqlEvaluator::new().with_cancellation_token(token.clone())) {
        Ok(r) => r,
        Err(StoreError::Syntax(m)) => return text(StatusCode::BAD_REQUEST, &m),
        Err(e) => return failed(&e),
    };
    let mut body = Vec::new();
    let mut truncated = false;
    let content_type = match results {
        QueryResults::Solutions(rows) => {
            let Some((ct, f)) = negotiate(accept, RESULT_TYPES) else {
                return not_acceptable(&RESULT_TYPES.iter().map(|(n, _)| *n).collect::<Vec<_>>());
            };
            let vars = rows.variables().to_vec();
            let mut ser = match QueryResultsSerializer::from_format(f).serialize_solutions_to_writer(&mut body, vars) {
                Ok(s) => s,
                Err(e) => return failed(&e),
            };
            for (n, row) in rows.enumerate() {
                if n >= limits.max_rows {
                    truncated = true;
                    break;
                }
                match row {
                    Ok(row) => {
                        if let Err(e) = ser.serialize(&row) {
                            return failed(&e);
                        }
                    }
                    Err(e) => return failed(&e),
                }
            }
            if let Err(e) = ser.finish() {
                return failed(&e);
            }
            ct
        }
        QueryResults::Boolean(b) => {
            let Some((ct, f)) = negotiate(accept, RESULT_TYPES) else {
                return not_acceptable(&RESULT_TYPES.iter().map(|(n, _)| *n).collect::<Vec<_>>());
            };
            if let Err(e) = QueryResultsSerializer::from_format(f).serialize_boolean_to_writer(&mut body, b) {
                return failed(&e);
            }
            ct
        }
        QueryResults::Graph(triples) => {
            let offered = graph_types();
            let Some((ct, f)) = negotiate(accept, &offered) else {
                return not_acceptable(&offered.iter().map(|(n, _)| *n).collect::<Vec<_>>());
            };
            let mut ser = RdfSerializer::from_format(f).for_writer(&mut body);
            for (n, t) in triples.enumerate() {
                if n >= limits.max_rows {
                    truncated = true;
                    break;
                }
                match t {
                    Ok(t) => {
                        if let Err(e) = ser.serialize_triple(&t) {
                            return failed(&e);
                        }
                    }
                    Err(e) => return failed(&e),
                }
            }
            if let Err(e) = ser.finish() {
                return failed(&e);
            }
            ct
        }
    };
    let mut r = Response::new(Body::from(body));
    let ct = if content_type.starts_with("text/") {
        format!("{content_type}; charset=utf-8")
    } else {
        content_type.to_string()
    };
    if let Ok(v) = HeaderValue::from_str(&ct) {
        r.headers_mut().insert(header::CONTENT_TYPE, v);
    }
    if truncated {
        if let Ok(v) = HeaderValue::from_str(&limits.max_rows.to_string()) {
            r.headers_mut().insert(TRUNCATED_HEADER, v);
        }
    }
    r
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]
    use super::*;

    #[test]
    fn accept_picks_the_highest_rated_offer() {
        let offered = RESULT_TYPES;
        assert_eq!(negotiate(None, offered).unwrap().0, "application/sparql-results+json");
        assert_eq!(negotiate(Some("text/csv"), offered).unwrap().0, "text/csv");
        assert_eq!(
            negotiate(Some("text/*;q=0.5, application/sparql-results+xml"), offered).unwrap().0,
            "application/sparql-results+xml"
        );
        assert_eq!(negotiate(Some("text/*"), offered).unwrap().0, "text/csv");
        assert_eq!(negotiate(Some("*/*"), offered).unwrap().0, "application/sparql-results+json");
        assert!(negotiate(Some("image/png"), offered).is_none());
        assert!(negotiate(Some("text/csv;q=0"), offered).is_none());
    }

    fn request(method: Method, uri: &str, ctype: Option<&str>, body: &str) -> Request<Body> {
        let mut b = Request::builder().method(method).uri(uri);
        if let Some(c) = ctype {
            b = b.header(header::CONTENT_TYPE, c);
        }
        b.body(Body::from(body.to_string())).unwrap()
    }

    fn limits() -> Limits {
        Limits { timeout: Duration::from_secs(10), max_rows: 1, max_connections: 4 }
    }

    #[test]
    fn requests_are_answered_or_refused_with_a_reason() {
        let store = Store::memory().unwrap();
        let ask = "ASK { ?s ?p ?o }";
        let get = format!("/query?query={}", form_urlencoded::byte_serialize(ask.as_bytes()).collect::<String>());
        let r = handle(&store, &mut request(Method::GET, &get, None, ""), &limits());
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.into_body().to_string().unwrap(), r#"{"head":{},"boolean":true}"#);

        let sel = "SELECT ?s ?p WHERE { ?s ?p ?o }";
        let mut req = request(Method::POST, "/query", Some("application/sparql-query"), sel);
        let r = handle(&store, &mut req, &limits());
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.headers().get(TRUNCATED_HEADER).unwrap(), "1");

        for (ctype, body, status) in [
            (Some("application/sparql-update"), "INSERT DATA { <a:b> <a:b> <a:b> }", StatusCode::FORBIDDEN),
            (Some("application/x-www-form-urlencoded"), "update=CLEAR%20ALL", StatusCode::FORBIDDEN),
            (Some("application/x-www-form-urlencoded"), "query=SELEKT", StatusCode::BAD_REQUEST),
            (Some("application/x-www-form-urlencoded"), "nothing=here", StatusCode::BAD_REQUEST),
            (Some("image/png"), "\u{0}\u{1}", StatusCode::UNSUPPORTED_MEDIA_TYPE),
            (None, "", StatusCode::UNSUPPORTED_MEDIA_TYPE),
        ] {
            let r = handle(&store, &mut request(Method::POST, "/query", ctype, body), &limits());
            assert_eq!(r.status(), status, "{ctype:?} {body}");
        }
        let r = handle(&store, &mut request(Method::DELETE, "/query", None, ""), &limits());
        assert_eq!(r.status(), StatusCode::METHOD_NOT_ALLOWED);
        let r = handle(&store, &mut request(Method::GET, "/update", None, ""), &limits());
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        // The store is unchanged by the refused update: its type, format version and generation.
        assert_eq!(store.len().unwrap(), 3);
    }
}
