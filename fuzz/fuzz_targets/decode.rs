//! Arbitrary bytes through decoding and normalisation, as plain text and as HTML,
//! with and without a declared charset. Decoding may refuse the bytes; it must not
//! panic, and what it accepts must normalise with offsets inside the original.
#![no_main]

use govkg::ingest::{Body, Format, GivenMeta, RawDoc};
use govkg::normalize::{decode, normalize};
use libfuzzer_sys::fuzz_target;

const LABELS: &[&str] = &["utf-8", "gbk", "gb2312", "big5", "utf-16", "x-unknown", " UTF-8 "];

fuzz_target!(|data: &[u8]| {
    let Some((&first, bytes)) = data.split_first() else { return };
    let declared = LABELS.get(usize::from(first) % (LABELS.len() + 1)).copied();
    let _ = decode::decode(bytes, declared);
    for format in [Format::Text, Format::Html] {
        let raw = RawDoc {
            source: "fuzz".into(),
            key: "fuzz".into(),
            path: "fuzz".into(),
            body: Body::Bytes(bytes.to_vec()),
            format,
            meta: GivenMeta::default(),
        };
        if let Ok(doc) = normalize(&raw) {
            let (s, e) = doc.original_span(0, doc.text.len());
            assert!(s <= e && e <= doc.original.len(), "span {s}..{e} outside {}", doc.original.len());
            let (cs, ce) = doc.char_span((s, e));
            assert!(cs <= ce && ce <= doc.original.chars().count());
        }
    }
});
