//! Proleptic Gregorian calendar dates: just what the checks need (validity, ordering,
//! ages, Excel serial numbers), without a date-time dependency.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A calendar date. Ordering is chronological.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

/// Whether `year` is a Gregorian leap year.
pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in `month` (1–12) of `year`; 0 for a month out of range.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// A date, or `None` when it does not exist in the calendar (e.g. 1990-02-30).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=9999).contains(&year) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (negative before).
    pub fn to_days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01, or `None` outside years 1–9999.
    pub fn from_days(days: i64) -> Option<Date> {
        let z = days.checked_add(719_468)?;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let y = yoe + era * 400 + i64::from(m <= 2);
        Date::new(i32::try_from(y).ok()?, m, d)
    }

    /// The date of an Excel serial number (1900 date system, with Excel's phantom 1900-02-29).
    pub fn from_excel_serial(serial: i64) -> Option<Date> {
        if serial < 1 {
            return None;
        }
        // Serial 25569 is 1970-01-01; serials before 61 predate the phantom leap day.
        let offset = if serial < 61 { 25_568 } else { 25_569 };
        Date::from_days(serial - offset)
    }

    /// Full years of age on `at` for someone born on `self`.
    pub fn age_on(self, at: Date) -> i32 {
        let mut age = at.year - self.year;
        if (at.month, at.day) < (self.month, self.day) {
            age -= 1;
        }
        age
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let y = s.get(0..4)?.parse().ok()?;
        let m = s.get(5..7)?.parse().ok()?;
        let d = s.get(8..10)?.parse().ok()?;
        Date::new(y, m, d)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse_iso(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("not a YYYY-MM-DD date: {s:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip() {
        for days in [-700_000i64, -1, 0, 1, 10_957, 20_000, 2_000_000] {
            assert_eq!(Date::from_days(days).unwrap().to_days(), days);
        }
        assert_eq!(Date::new(1970, 1, 1).unwrap().to_days(), 0);
        assert_eq!(Date::new(2000, 3, 1).unwrap().to_days(), 11_017);
    }

    #[test]
    fn calendar_validity() {
        assert!(Date::new(2000, 2, 29).is_some());
        assert!(Date::new(1900, 2, 29).is_none());
        assert!(Date::new(1990, 4, 31).is_none());
        assert!(Date::new(1990, 13, 1).is_none());
    }

    #[test]
    fn excel_serials() {
        assert_eq!(Date::from_excel_serial(1).unwrap().to_string(), "1900-01-01");
        assert_eq!(Date::from_excel_serial(59).unwrap().to_string(), "1900-02-28");
        assert_eq!(Date::from_excel_serial(61).unwrap().to_string(), "1900-03-01");
        assert_eq!(Date::from_excel_serial(32_874).unwrap().to_string(), "1990-01-01");
    }

    #[test]
    fn ages() {
        let b = Date::new(1990, 6, 15).unwrap();
        assert_eq!(b.age_on(Date::new(2020, 6, 14).unwrap()), 29);
        assert_eq!(b.age_on(Date::new(2020, 6, 15).unwrap()), 30);
    }
}
