//! Arbitrary text through the HTML reducer and charset sniffing. The reducer must
//! not panic on broken markup, and every byte of its output must map inside the page.
#![no_main]

use govkg::normalize::html;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = html::declared_charset(data);
    let Ok(page) = std::str::from_utf8(data) else { return };
    let _ = html::looks_like_html(page);
    let reduced = html::reduce(page);
    let end = reduced.map.end(reduced.text.len());
    let start = reduced.map.start(0);
    assert!(start <= page.len() && end <= page.len(), "{start}..{end} outside {}", page.len());
});
