//! Arbitrary text through normalisation, extraction, evidence location, the JSON
//! record and the RDF mapping: extraction never fails, so none of this may panic,
//! and every located span must lie inside the original text.
#![no_main]

use std::sync::OnceLock;

use govkg::ingest::{Body, Format, GivenMeta, RawDoc};
use govkg::kg::mapping::{self, Provenance};
use govkg::lexicon::Lexicon;
use govkg::record::Record;
use libfuzzer_sys::fuzz_target;

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(Lexicon::builtin)
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let raw = RawDoc {
        source: "fuzz".into(),
        key: "fuzz".into(),
        path: "fuzz".into(),
        body: Body::Text(text.to_string()),
        format: Format::Text,
        meta: GivenMeta { date: Some("2023-05-06".into()), ..GivenMeta::default() },
    };
    let govkg::pipeline::Outcome::Article(a) = govkg::pipeline::process(&raw, lexicon()) else { return };
    let chars = a.doc.original.chars().count();
    let _ = Record::new(&a.doc, &a.extraction);
    for p in &a.extraction.persons {
        let loc = govkg::resolve::locate(&a.doc, &a.extraction, &p.evidence);
        if let (Some(s), Some(e)) = (loc.start, loc.end) {
            assert!(s <= e && e <= chars, "person span {s}..{e} outside {chars}");
        }
    }
    let lex = lexicon();
    let prov = Provenance { version: govkg::VERSION, rules_hash: &lex.hash };
    let _ = mapping::article_quads(&a.doc, &a.extraction, &prov);
});
