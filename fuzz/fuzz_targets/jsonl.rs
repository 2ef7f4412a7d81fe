//! Arbitrary bytes as a JSON Lines input: every line is either an article or one
//! skipped record, and the articles go through the whole pipeline without panicking.
#![no_main]

use std::io::Cursor;
use std::sync::OnceLock;

use govkg::ingest::Reader;
use govkg::lexicon::Lexicon;
use libfuzzer_sys::fuzz_target;

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(Lexicon::builtin)
}

fuzz_target!(|data: &[u8]| {
    let lines = data.split(|&b| b == b'\n').filter(|l| !l.trim_ascii().is_empty()).count();
    let reader = Reader::from_json_lines("fuzz.jsonl", Box::new(Cursor::new(data.to_vec())));
    let mut items = 0;
    for item in reader {
        items += 1;
        if let Ok(raw) = item {
            let _ = govkg::pipeline::process(&raw, lexicon());
        }
    }
    assert_eq!(items, lines, "one outcome per non-blank line");
});
