//! The table model every report is made of.
//!
//! Takes nothing but values. Gives [`Cell`] (text, whole or real number, or
//! nothing), [`Table`] (a header and rows of cells), [`Section`] (a named
//! table) and [`Report`] (sections plus notes for the reader). Cells keep
//! their type so that JSON output can keep it too; [`Cell::display`] is the one
//! way a cell becomes text. Never prints and never aligns: laying a table out
//! on a terminal is the binary's.

/// One cell of a report.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text.
    Text(String),
    /// A whole number.
    Int(i64),
    /// A real number.
    Float(f64),
    /// Nothing known.
    Empty,
}

impl Cell {
    /// The cell as text: integers plainly, reals with up to four decimals.
    pub fn display(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Float(x) => {
                let s = format!("{x:.4}");
                let s = s.trim_end_matches('0').trim_end_matches('.');
                s.to_string()
            }
            Cell::Empty => String::new(),
        }
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}

impl From<Option<&str>> for Cell {
    fn from(s: Option<&str>) -> Cell {
        s.map_or(Cell::Empty, Cell::from)
    }
}

impl From<Option<String>> for Cell {
    fn from(s: Option<String>) -> Cell {
        s.map_or(Cell::Empty, Cell::Text)
    }
}

impl From<usize> for Cell {
    fn from(n: usize) -> Cell {
        Cell::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<u64> for Cell {
    fn from(n: u64) -> Cell {
        Cell::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

/// A table: column names and rows of cells.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// Column names.
    pub header: Vec<String>,
    /// Rows, each as long as the header.
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    pub(super) fn new(header: &[&str]) -> Table {
        Table { header: header.iter().map(|s| s.to_string()).collect(), rows: Vec::new() }
    }
}

/// A named part of a report.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// The section's name (`posts`, `meetings`, …).
    pub name: String,
    /// Its table.
    pub table: Table,
}

/// A report: one or more sections, and notes for the reader.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    /// Sections, in display order.
    pub sections: Vec<Section>,
    /// Things the reader should know (several people of one name, several matches).
    pub notes: Vec<String>,
}

impl Report {
    pub(super) fn single(name: &str, table: Table) -> Report {
        Report { sections: vec![Section { name: name.to_string(), table }], notes: Vec::new() }
    }
}
