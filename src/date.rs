//! Calendar dates as articles state them.
//!
//! A small value type: year, month and day, validated, printed as ISO 8601.
//! Gives the calendar arithmetic the rest of the crate needs: resolving "4日"
//! against a publication date, counting days between dates, and the month an
//! ISO date falls in. It does no time zones.

use std::fmt;

/// A valid Gregorian date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, e.g. 2022.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day, 1–31.
    pub day: u8,
}

impl Date {
    /// A date, or `None` when the day does not exist.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        (1900..=2200).contains(&year).then_some(())?;
        (1..=12).contains(&month).then_some(())?;
        (day >= 1 && day <= days_in_month(year, month)).then_some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD` (also with `/` or `.`), ignoring anything after the day
    /// such as a time.
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        let mut parts = s.splitn(3, ['-', '/', '.']);
        let y = parts.next()?.trim().parse().ok()?;
        let m = parts.next()?.trim().parse().ok()?;
        let rest = parts.next()?;
        let d: String = rest.chars().take_while(char::is_ascii_digit).collect();
        Date::new(y, m, d.parse().ok()?)
    }

    /// The month-and-day date nearest before or on `self` (a publication date):
    /// 12月30日 read in a January article is last year's.
    pub fn resolve_month_day(self, month: u8, day: u8) -> Option<Date> {
        let same_year = Date::new(self.year, month, day)?;
        if same_year <= self { Some(same_year) } else { Date::new(self.year - 1, month, day) }
    }

    /// The day-of-month date nearest before or on `self`: 28日 read on 3 March is 28 February.
    pub fn resolve_day(self, day: u8) -> Option<Date> {
        if let Some(d) = Date::new(self.year, self.month, day).filter(|d| *d <= self) {
            return Some(d);
        }
        let (y, m) = if self.month == 1 { (self.year - 1, 12) } else { (self.year, self.month - 1) };
        Date::new(y, m, day)
    }

    /// Days since 1970-01-01 (negative before it), in the civil calendar, so that
    /// the distance between two dates is a subtraction.
    pub fn day_number(self) -> i64 {
        let (y, m, day) = (i64::from(self.year), i64::from(self.month), i64::from(self.day));
        // Counted from March, so that a leap day ends its year.
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + day - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
}

/// The month an ISO date (`YYYY-MM-DD`) falls in, as `YYYY-MM`: its first seven
/// characters, taken as they are, so a date stored malformed still groups with
/// itself.
pub fn month_of(iso: &str) -> Option<&str> {
    iso.get(..7)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => 29,
        _ => 28,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_print() {
        assert_eq!(Date::parse("2022-02-14").unwrap().to_string(), "2022-02-14");
        assert_eq!(Date::parse("2022/2/14 16:00").unwrap().to_string(), "2022-02-14");
        assert!(Date::parse("2022-02-30").is_none());
    }

    #[test]
    fn resolve_against_publication() {
        let p = Date::new(2022, 2, 14).unwrap();
        assert_eq!(p.resolve_month_day(2, 7), Date::new(2022, 2, 7));
        assert_eq!(p.resolve_month_day(12, 30), Date::new(2021, 12, 30));
        assert_eq!(p.resolve_day(4), Date::new(2022, 2, 4));
        assert_eq!(p.resolve_day(28), Date::new(2022, 1, 28));
    }

    #[test]
    fn day_numbers_count_days() {
        assert_eq!(Date::new(1970, 1, 1).unwrap().day_number(), 0);
        assert_eq!(Date::new(2000, 3, 1).unwrap().day_number() - Date::new(2000, 2, 28).unwrap().day_number(), 2);
        assert_eq!(Date::new(1969, 12, 31).unwrap().day_number(), -1);
        assert_eq!(month_of("2024-03-11"), Some("2024-03"));
    }
}
