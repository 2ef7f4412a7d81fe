//! Aligned tables on a terminal: the one place a table is laid out in columns.
//!
//! Takes a header and rows of cells already turned into text (a report's
//! cells, a query's terms). Gives them aligned by display width, where Han
//! characters and full-width forms take two columns, under a rule of dashes.
//! Writes only to the writer it is given.

use std::io::{self, Write};

/// Display width on a terminal: Han characters and full-width forms take two columns.
pub(super) fn width(s: &str) -> usize {
    s.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F
            | 0x2E80..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6 => 2,
            _ => 1,
        })
        .sum()
}

/// Writes `header`, a rule and `rows` in columns two spaces apart, each as wide
/// as its widest cell. Lines carry no trailing spaces.
pub(super) fn write_aligned<W: Write + ?Sized>(out: &mut W, header: &[String], rows: &[Vec<String>]) -> io::Result<()> {
    let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(width(c));
            }
        }
    }
    // The last cell is not padded: a long one (the meetings a pair shared) would
    // otherwise pad every other row to its width, only for the padding to be trimmed.
    let line = |cells: &[String]| -> String {
        let mut out = String::new();
        let n = cells.len().min(widths.len());
        for (i, (c, w)) in cells.iter().zip(&widths).enumerate() {
            out.push_str(c);
            if i + 1 < n {
                out.push_str(&" ".repeat(w.saturating_sub(width(c)) + 2));
            }
        }
        out.truncate(out.trim_end().len());
        out
    };
    writeln!(out, "{}", line(header))?;
    writeln!(out, "{}", widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>().join("  "))?;
    for r in rows {
        writeln!(out, "{}", line(r))?;
    }
    Ok(())
}
