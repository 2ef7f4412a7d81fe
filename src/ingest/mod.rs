//! Inputs to raw documents: files, folders, JSON Lines and standard input.
//!
//! Takes the command line's input arguments. Gives a stream of [`RawDoc`]s (bytes
//! plus the metadata the input states), one per article, in a deterministic order,
//! and one [`InputError`] per input that cannot be read. Never decodes or interprets
//! text: that is [`crate::normalize`]'s job. This module, the store and the loading
//! of a `--rules` folder are the only places that touch the filesystem.

use std::collections::HashSet;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// Whether an article's bytes are plain text or an HTML page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text (or unknown: the normaliser sniffs for HTML).
    Text,
    /// HTML (from a `.html`/`.htm` name or a JSON Lines `html` field).
    Html,
}

/// Metadata given with the input; it wins over what the text suggests.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GivenMeta {
    /// Page URL.
    pub url: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Publication date as given (parsed later).
    pub date: Option<String>,
    /// Publishing outlet.
    pub publisher: Option<String>,
}

/// An article's content as read.
#[derive(Debug, Clone)]
pub enum Body {
    /// Text known to be UTF-8 already: a JSON Lines record's string, which the
    /// JSON parser checked, so decoding need not check it again.
    Text(String),
    /// Bytes in an encoding still to be found (a file).
    Bytes(Vec<u8>),
}

impl Body {
    /// The content's bytes.
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            Body::Text(t) => t.as_bytes(),
            Body::Bytes(b) => b,
        }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.as_bytes().len()
    }

    /// Whether there are no bytes.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One article as read from its input, not yet decoded.
#[derive(Debug, Clone)]
pub struct RawDoc {
    /// What the article is called in output: the path as given on the command
    /// line, or the JSON Lines record's `id`.
    pub source: String,
    /// The article key: URL when known, else the JSON Lines `id`, else the path
    /// relative to the input argument it was found under.
    pub key: String,
    /// The path of the file it was read from (`-` for standard input).
    pub path: String,
    /// The article's content.
    pub body: Body,
    /// Plain text or HTML.
    pub format: Format,
    /// Metadata given with the input.
    pub meta: GivenMeta,
}

/// An input that could not be read. Its `Display` is one line naming the input.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum InputError {
    /// The path does not exist or cannot be opened or read.
    #[error("{path}: {source}")]
    Io {
        /// The path concerned.
        path: String,
        /// What the system said.
        source: io::Error,
    },
    /// A JSON Lines record that is not a JSON object of the expected shape.
    #[error("{path}:{line}: {reason}")]
    Record {
        /// The file.
        path: String,
        /// 1-based line number.
        line: usize,
        /// Why the record was skipped.
        reason: String,
    },
    /// A directory that leads back to itself through links.
    #[error("{path}: directory loop, skipped")]
    Loop {
        /// The directory.
        path: String,
    },
    /// A file or JSON Lines record larger than [`MAX_ARTICLE_BYTES`]; it is not read
    /// into memory, so that one huge input cannot exhaust it.
    #[error("{path}: larger than {} MiB, not an article", MAX_ARTICLE_BYTES >> 20)]
    TooLarge {
        /// The file, or `file:line` for a JSON Lines record.
        path: String,
    },
}

/// The largest article read, in bytes (for JSON Lines, the largest line). News
/// articles, even HTML pages with inline images, are far smaller; anything larger
/// is skipped without being held in memory.
pub const MAX_ARTICLE_BYTES: u64 = 16 << 20;

impl InputError {
    /// A short, stable name of the reason, for summaries.
    pub fn kind(&self) -> &'static str {
        match self {
            InputError::Io { source, .. } if source.kind() == io::ErrorKind::NotFound => "not found",
            InputError::Io { source, .. } if source.kind() == io::ErrorKind::PermissionDenied => "unreadable",
            InputError::Io { .. } => "read error",
            InputError::Record { .. } => "bad record",
            InputError::Loop { .. } => "directory loop",
            InputError::TooLarge { .. } => "too large",
        }
    }
}

/// One line of a JSON Lines input.
#[derive(Debug, Deserialize)]
struct Record {
    id: Option<serde_json::Value>,
    text: Option<String>,
    html: Option<String>,
    url: Option<String>,
    title: Option<String>,
    date: Option<String>,
    publisher: Option<String>,
}

/// An input named on the command line, expanded: files are listed up front (cheap),
/// their contents read lazily.
enum Unit {
    File { path: PathBuf, shown: String, key: String },
    Lines { path: String, reader: Box<dyn BufRead + Send>, line: usize },
    Failed(InputError),
}

/// Reads every article of the given inputs, in order.
///
/// Folders are walked recursively in sorted order; files ending in `.jsonl` and
/// standard input (`-`) are JSON Lines; everything else is one article per file.
pub struct Reader {
    units: std::vec::IntoIter<Unit>,
    current: Option<Unit>,
}

impl Reader {
    /// Prepares to read `inputs`. Listing folders happens here; nothing is read yet.
    pub fn new<S: AsRef<str>>(inputs: &[S]) -> Reader {
        let mut units = Vec::new();
        for input in inputs {
            let input = input.as_ref();
            if input == "-" {
                units.push(Unit::Lines { path: "-".into(), reader: Box::new(BufReader::new(io::stdin())), line: 0 });
                continue;
            }
            let path = Path::new(input);
            match std::fs::metadata(path) {
                Err(source) => units.push(Unit::Failed(InputError::Io { path: input.into(), source })),
                Ok(m) if m.is_dir() => {
                    let mut seen = HashSet::new();
                    walk(path, path, &mut units, &mut seen);
                }
                Ok(_) => units.push(file_unit(path.to_path_buf(), input.to_string(), key_of(path, path))),
            }
        }
        Reader { units: units.into_iter(), current: None }
    }

    /// Reads JSON Lines from `reader`, naming the input `name` in errors, as if it
    /// were a `.jsonl` file. Used for inputs that are not files, and by the fuzz targets.
    pub fn from_json_lines(name: &str, reader: Box<dyn BufRead + Send>) -> Reader {
        let units = vec![Unit::Lines { path: name.to_string(), reader, line: 0 }];
        Reader { units: units.into_iter(), current: None }
    }
}

fn key_of(path: &Path, root: &Path) -> String {
    let rel = if path == root {
        path.file_name().map(PathBuf::from).unwrap_or_else(|| path.to_path_buf())
    } else {
        path.strip_prefix(root).map(Path::to_path_buf).unwrap_or_else(|_| path.to_path_buf())
    };
    rel.to_string_lossy().replace('\\', "/")
}

fn file_unit(path: PathBuf, shown: String, key: String) -> Unit {
    if path.extension().is_some_and(|e| e == "jsonl") {
        match File::open(&path) {
            Ok(f) => Unit::Lines { path: shown, reader: Box::new(BufReader::new(f)), line: 0 },
            Err(source) => Unit::Failed(InputError::Io { path: shown, source }),
        }
    } else {
        Unit::File { path, shown, key }
    }
}

fn walk(dir: &Path, root: &Path, units: &mut Vec<Unit>, seen: &mut HashSet<PathBuf>) {
    let shown = dir.to_string_lossy().to_string();
    match std::fs::canonicalize(dir) {
        Ok(canon) => {
            if !seen.insert(canon) {
                units.push(Unit::Failed(InputError::Loop { path: shown }));
                return;
            }
        }
        Err(source) => {
            units.push(Unit::Failed(InputError::Io { path: shown, source }));
            return;
        }
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(source) => {
            units.push(Unit::Failed(InputError::Io { path: shown, source }));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let name = p.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        // Inside a folder, files that are plainly not articles (annotations,
        // tables, images, RDF) are passed over; named on the command line, any
        // file is read.
        let ext = p.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
        if ext.as_deref().is_some_and(|e| NOT_ARTICLES.contains(&e)) {
            continue;
        }
        match std::fs::metadata(&p) {
            Ok(m) if m.is_dir() => walk(&p, root, units, seen),
            Ok(_) => {
                let key = key_of(&p, root);
                units.push(file_unit(p.clone(), p.to_string_lossy().to_string(), key));
            }
            Err(source) => units.push(Unit::Failed(InputError::Io { path: p.to_string_lossy().to_string(), source })),
        }
    }
}

/// Extensions skipped when walking a folder.
const NOT_ARTICLES: &[&str] = &[
    "css", "csv", "gexf", "gif", "graphml", "gz", "ico", "jpeg", "jpg", "js", "json", "md", "nq", "nt", "pdf", "png",
    "rq", "svg", "toml", "trig", "tsv", "ttl", "webp", "yaml", "yml", "zip",
];

fn format_of(path: &Path) -> Format {
    match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("html" | "htm" | "xhtml" | "shtml") => Format::Html,
        _ => Format::Text,
    }
}

fn nonempty(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

fn parse_record(path: &str, line: usize, bytes: &[u8]) -> Result<RawDoc, InputError> {
    let bad = |reason: String| InputError::Record { path: path.to_string(), line, reason };
    let text = std::str::from_utf8(bytes).map_err(|_| bad("not UTF-8".into()))?;
    let rec: Record = serde_json::from_str(text).map_err(|e| bad(format!("not a JSON object: {e}")))?;
    let id = match rec.id {
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => return Err(bad("no \"id\"".into())),
    };
    let (body, format) = match (rec.text, rec.html) {
        (_, Some(h)) => (h, Format::Html),
        (Some(t), None) => (t, Format::Text),
        (None, None) => return Err(bad(format!("record {id} has no \"text\" or \"html\""))),
    };
    let meta = GivenMeta {
        url: nonempty(rec.url),
        title: nonempty(rec.title),
        date: nonempty(rec.date),
        publisher: nonempty(rec.publisher),
    };
    Ok(RawDoc {
        key: meta.url.clone().unwrap_or_else(|| id.clone()),
        source: id,
        path: path.to_string(),
        body: Body::Text(body),
        format,
        meta,
    })
}

impl Iterator for Reader {
    type Item = Result<RawDoc, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(Unit::Lines { path, reader, line }) = self.current.as_mut() {
                let mut buf = Vec::new();
                match reader.by_ref().take(MAX_ARTICLE_BYTES + 1).read_until(b'\n', &mut buf) {
                    Ok(0) => self.current = None,
                    Ok(n) if n as u64 > MAX_ARTICLE_BYTES && buf.last() != Some(&b'\n') => {
                        *line += 1;
                        let at = format!("{path}:{line}");
                        // The rest of the line is read and dropped a buffer at a time.
                        if let Err(source) = skip_line(reader.as_mut()) {
                            self.current = None;
                            return Some(Err(InputError::Io { path: at, source }));
                        }
                        return Some(Err(InputError::TooLarge { path: at }));
                    }
                    Ok(_) => {
                        *line += 1;
                        let trimmed = buf.trim_ascii();
                        if trimmed.is_empty() {
                            continue;
                        }
                        return Some(parse_record(path, *line, trimmed));
                    }
                    Err(source) => {
                        let path = path.clone();
                        self.current = None;
                        return Some(Err(InputError::Io { path, source }));
                    }
                }
                continue;
            }
            match self.units.next()? {
                Unit::Failed(e) => return Some(Err(e)),
                Unit::File { path, shown, key } => {
                    let mut bytes = Vec::new();
                    // At most one byte past the limit is read: enough to know the
                    // file is too large, whatever it is (even /dev/zero).
                    let read = File::open(&path).and_then(|f| f.take(MAX_ARTICLE_BYTES + 1).read_to_end(&mut bytes));
                    return Some(match read {
                        Ok(n) if n as u64 > MAX_ARTICLE_BYTES => Err(InputError::TooLarge { path: shown }),
                        Ok(_) => Ok(RawDoc {
                            source: shown.clone(),
                            key,
                            path: shown,
                            format: format_of(&path),
                            body: Body::Bytes(bytes),
                            meta: GivenMeta::default(),
                        }),
                        Err(source) => Err(InputError::Io { path: shown, source }),
                    });
                }
                lines @ Unit::Lines { .. } => self.current = Some(lines),
            }
        }
    }
}

/// Reads and drops everything up to and including the next line break.
fn skip_line(reader: &mut dyn BufRead) -> io::Result<()> {
    loop {
        let buf = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            return Ok(());
        }
        match buf.iter().position(|&b| b == b'\n') {
            Some(i) => {
                reader.consume(i + 1);
                return Ok(());
            }
            None => {
                let n = buf.len();
                reader.consume(n);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_fields() {
        let d = parse_record("a.jsonl", 1, br#"{"id":"x1","text":"t","date":"2022-02-14","title":"T"}"#).unwrap();
        assert_eq!(d.source, "x1");
        assert_eq!(d.key, "x1");
        assert_eq!(d.meta.date.as_deref(), Some("2022-02-14"));
        let d = parse_record("a.jsonl", 1, br#"{"id":7,"html":"<p>t</p>","url":"http://e/1"}"#).unwrap();
        assert_eq!(d.key, "http://e/1");
        assert_eq!(d.format, Format::Html);
    }

    #[test]
    fn bad_records_say_why() {
        let e = parse_record("a.jsonl", 3, b"{not json").unwrap_err();
        assert!(e.to_string().starts_with("a.jsonl:3: not a JSON object"));
        let e = parse_record("a.jsonl", 4, br#"{"id":"q"}"#).unwrap_err();
        assert_eq!(e.to_string(), "a.jsonl:4: record q has no \"text\" or \"html\"");
    }

    #[test]
    fn an_overlong_line_is_skipped_and_the_next_read() {
        let mut data = br#"{"id":"a","text":""#.to_vec();
        data.resize(data.len() + MAX_ARTICLE_BYTES as usize + 10, b'x');
        data.extend_from_slice(b"\"}\n{\"id\":\"b\",\"text\":\"t\"}\n");
        let mut r = Reader::from_json_lines("big.jsonl", Box::new(io::Cursor::new(data)));
        let e = r.next().unwrap().unwrap_err();
        assert_eq!(e.to_string(), "big.jsonl:1: larger than 16 MiB, not an article");
        assert_eq!(r.next().unwrap().unwrap().source, "b");
        assert!(r.next().is_none());
    }

    #[test]
    fn missing_path_is_one_error() {
        let mut r = Reader::new(&["/no/such/path/x.txt"]);
        let e = r.next().unwrap().unwrap_err();
        assert_eq!(e.kind(), "not found");
        assert!(r.next().is_none());
    }
}
