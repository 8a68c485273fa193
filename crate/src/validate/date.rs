//! Dates and birth dates: one parser for the notations found in Chinese records and
//! spreadsheets, shared by [`BirthDate`] (kind `birth_date`) and [`AnyDate`] (kind `date`).
//!
//! | notation | example | `facts.coding` |
//! |---|---|---|
//! | ISO | `1990-01-02`, `1990-1-2` | `iso` |
//! | compact | `19900102` | `compact` |
//! | slashes, year first | `1990/1/2` | `slash_ymd` |
//! | dots, year first | `1990.1.2` | `dot_ymd` |
//! | Chinese | `1990年1月2日` | `zh` |
//! | day first | `25/01/1990`, `25.01.1990`, `25-01-1990` | `dmy` |
//! | month first | `01/25/1990` | `mdy` |
//! | day/month order unknown | `02/01/1990` | `ambiguous_dmy_mdy` |
//! | Excel serial number | `32875` | `excel_serial` |
//! | year and month only | `1990-01`, `1990/1`, `1990年1月` | `year_month` |
//!
//! A time after the date (`1990-01-02 10:11:12`, `1990-01-02T10:11:12Z`) is ignored.
//!
//! Day-first or month-first is never guessed: `02/01/1990` gets the note
//! `ambiguous_day_month` and no `facts.date`; only a field above 12 decides the order (`25/01`
//! is day-first, `01/25` month-first). When both fields are equal the date is the same either
//! way and is given. Excel serials get the note `excel_serial`; year-month values get the note
//! `year_month_only` and no `facts.date`.
//!
//! Problems: `date_format` (not a date notation), `date_invalid` (not a calendar date, e.g.
//! `1990-02-30`); for birth dates also `date_after_reference` (after the data's reference date)
//! and `date_too_old` (born before 1900, or aged over 130 on the reference date: no verified
//! living person is older, and 1900 is where the national registers' birth years begin).

use super::{Check, Context, Validator};
use crate::civil::Date;
use crate::kinds::Kind;

pub struct BirthDate;
pub struct AnyDate;

/// Oldest plausible birth year.
pub const MIN_BIRTH_YEAR: i32 = 1900;
/// Greatest plausible age in years.
pub const MAX_AGE: i32 = 130;

/// Excel serial numbers accepted by the parser: five digits (1927-05-18 to 2173-10-14).
const SERIAL_MIN: i64 = 10_000;
const SERIAL_MAX: i64 = 99_999;
/// Serials `looks_like` accepts: 1930-01-01 to 2050-12-31, so that arbitrary five-digit
/// numbers are not taken for dates.
const SERIAL_LOOKS_MIN: i64 = 10_959;
const SERIAL_LOOKS_MAX: i64 = 55_153;

/// Pushes the birth-date problems of `d`: after the reference date, or too old.
pub fn birth_date_problems(d: Date, ctx: &Context, problems: &mut Vec<&'static str>) {
    if d > ctx.reference_date {
        problems.push("date_after_reference");
    } else if d.year < MIN_BIRTH_YEAR || d.age_on(ctx.reference_date) > MAX_AGE {
        problems.push("date_too_old");
    }
}

/// The outcome of parsing a date notation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParsedDate {
    /// The date, when the notation and the calendar determine one.
    pub date: Option<Date>,
    /// Which notation was recognised (`None` when none was).
    pub coding: Option<&'static str>,
    pub note: Option<&'static str>,
    /// `date_format` or `date_invalid`.
    pub problem: Option<&'static str>,
}

impl ParsedDate {
    fn unparseable() -> Self {
        ParsedDate {
            date: None,
            coding: None,
            note: None,
            problem: Some("date_format"),
        }
    }
    fn ymd(y: u32, m: u32, d: u32, coding: &'static str) -> Self {
        let date = match (i32::try_from(y), u8::try_from(m), u8::try_from(d)) {
            (Ok(y), Ok(m), Ok(d)) => Date::new(y, m, d),
            _ => None,
        };
        ParsedDate {
            date,
            coding: Some(coding),
            note: None,
            problem: date.is_none().then_some("date_invalid"),
        }
    }
    fn year_month(y: u32, m: u32) -> Self {
        ParsedDate {
            date: None,
            coding: Some("year_month"),
            note: Some("year_month_only"),
            problem: (!(1..=12).contains(&m) || !(1..=9999).contains(&y)).then_some("date_invalid"),
        }
    }
}

/// 1 to `max` ASCII digits as a number.
fn number(s: &str, max: usize) -> Option<u32> {
    if s.is_empty() || s.len() > max {
        return None;
    }
    s.bytes().try_fold(0u32, |acc, b| {
        b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0'))
    })
}

/// Strips a trailing time of day (`10:11`, `10:11:12`, `10:11:12.345`, optional `Z`).
fn strip_time(s: &str) -> Option<&str> {
    let Some(i) = s.find([' ', 'T']) else {
        return Some(s);
    };
    let (date, rest) = (&s[..i], s[i + 1..].trim_start());
    let time = rest.strip_suffix('Z').unwrap_or(rest);
    let ok = !time.is_empty()
        && time.contains(':')
        && time
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b':' || b == b'.');
    ok.then_some(date)
}

/// Parses one date notation (see the module documentation).
pub fn parse_date(value: &str) -> ParsedDate {
    // The common `YYYY-MM-DD` (or with `/` or `.`) in a few comparisons: what the general
    // path below concludes for exactly these ten bytes.
    if let &[y0, y1, y2, y3, sep, m0, m1, sep2, d0, d1] = value.as_bytes() {
        let digits = [y0, y1, y2, y3, m0, m1, d0, d1];
        if sep == sep2 && matches!(sep, b'-' | b'/' | b'.') && digits.iter().all(u8::is_ascii_digit)
        {
            let n = |ds: &[u8]| {
                ds.iter()
                    .fold(0u32, |acc, &b| acc * 10 + u32::from(b - b'0'))
            };
            let coding = match sep {
                b'-' => "iso",
                b'/' => "slash_ymd",
                _ => "dot_ymd",
            };
            return ParsedDate::ymd(n(&digits[..4]), n(&digits[4..6]), n(&digits[6..]), coding);
        }
    }
    let Some(s) = strip_time(value) else {
        return ParsedDate::unparseable();
    };

    // Chinese: 1990年1月2日, 1990年1月 (never in an ASCII value: skip the search).
    if let Some((y, rest)) = (!s.is_ascii()).then(|| s.split_once('年')).flatten() {
        let Some(y) = number(y, 4).filter(|_| y.len() == 4) else {
            return ParsedDate::unparseable();
        };
        let Some((m, rest)) = rest.split_once('月') else {
            return ParsedDate::unparseable();
        };
        let Some(m) = number(m, 2) else {
            return ParsedDate::unparseable();
        };
        if rest.is_empty() {
            return ParsedDate::year_month(y, m);
        }
        let d = rest.strip_suffix('日').or(rest.strip_suffix('号'));
        return match d.and_then(|d| number(d, 2)) {
            Some(d) => ParsedDate::ymd(y, m, d, "zh"),
            None => ParsedDate::unparseable(),
        };
    }

    let bytes = s.as_bytes();
    if bytes.iter().all(u8::is_ascii_digit) {
        return match bytes.len() {
            8 => {
                let (Some(y), Some(m), Some(d)) =
                    (number(&s[..4], 4), number(&s[4..6], 2), number(&s[6..], 2))
                else {
                    return ParsedDate::unparseable();
                };
                ParsedDate::ymd(y, m, d, "compact")
            }
            5 => {
                let serial = number(s, 5).map_or(0, i64::from);
                match Date::from_excel_serial(serial) {
                    Some(date) if (SERIAL_MIN..=SERIAL_MAX).contains(&serial) => ParsedDate {
                        date: Some(date),
                        coding: Some("excel_serial"),
                        note: Some("excel_serial"),
                        problem: None,
                    },
                    _ => ParsedDate::unparseable(),
                }
            }
            _ => ParsedDate::unparseable(),
        };
    }

    // Separated numbers: one kind of separator, two or three fields.
    let Some(sep) = bytes.iter().copied().find(|b| !b.is_ascii_digit()) else {
        return ParsedDate::unparseable();
    };
    if !matches!(sep, b'-' | b'/' | b'.') {
        return ParsedDate::unparseable();
    }
    let mut parts = s.split(char::from(sep));
    let (Some(a), Some(b), c, None) = (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return ParsedDate::unparseable();
    };
    let (Some(na), Some(nb)) = (number(a, 4), number(b, 4)) else {
        return ParsedDate::unparseable();
    };
    let Some(c) = c else {
        // Year and month.
        return if a.len() == 4 && b.len() <= 2 {
            ParsedDate::year_month(na, nb)
        } else {
            ParsedDate::unparseable()
        };
    };
    let Some(nc) = number(c, 4) else {
        return ParsedDate::unparseable();
    };
    if a.len() == 4 && b.len() <= 2 && c.len() <= 2 {
        let coding = match sep {
            b'-' => "iso",
            b'/' => "slash_ymd",
            _ => "dot_ymd",
        };
        return ParsedDate::ymd(na, nb, nc, coding);
    }
    if c.len() == 4 && a.len() <= 2 && b.len() <= 2 {
        return match (na > 12, nb > 12) {
            (true, false) => ParsedDate::ymd(nc, nb, na, "dmy"),
            (false, true) => ParsedDate::ymd(nc, na, nb, "mdy"),
            (true, true) => ParsedDate {
                date: None,
                coding: Some("ambiguous_dmy_mdy"),
                note: None,
                problem: Some("date_invalid"),
            },
            (false, false) if na == nb => ParsedDate::ymd(nc, na, nb, "ambiguous_dmy_mdy"),
            (false, false) => {
                // Both readings must at least be calendar dates to be a date at all.
                let one = ParsedDate::ymd(nc, nb, na, "ambiguous_dmy_mdy");
                ParsedDate {
                    date: None,
                    note: one.problem.is_none().then_some("ambiguous_day_month"),
                    ..one
                }
            }
        };
    }
    ParsedDate::unparseable()
}

fn check_date(value: &str, birth: Option<&Context>) -> Check {
    let mut check = Check::default();
    check_date_into(value, birth, &mut check);
    check
}

/// [`check_date`] written over `check`.
fn check_date_into(value: &str, birth: Option<&Context>, check: &mut Check) {
    let p = parse_date(value);
    check.reset();
    check.facts.coding = p.coding;
    check.facts.date = p.date;
    check.problems.extend(p.problem);
    check.notes.extend(p.note);
    if let (Some(ctx), Some(d)) = (birth, p.date) {
        birth_date_problems(d, ctx, &mut check.problems);
    }
}

/// Whether `value` has the shape of a date: a recognised notation, and for the bare-number
/// notations (compact `YYYYMMDD`, Excel serials) a real date in a plausible range, so that ID
/// numbers, phone numbers and arbitrary counts are not taken for dates.
fn looks_like_date(value: &str) -> bool {
    if value.len() > 40 {
        return false;
    }
    let p = parse_date(value);
    match p.coding {
        None => false,
        Some("compact") => p.date.is_some_and(|d| (1900..=2100).contains(&d.year)),
        Some("excel_serial") => number(value, 5)
            .is_some_and(|n| (SERIAL_LOOKS_MIN..=SERIAL_LOOKS_MAX).contains(&i64::from(n))),
        Some(_) => true,
    }
}

impl Validator for BirthDate {
    fn id(&self) -> &'static str {
        "birth_date"
    }
    fn name(&self) -> &'static str {
        "Date of birth"
    }
    fn kind(&self) -> Kind {
        Kind::BirthDate
    }
    fn looks_like(&self, value: &str) -> bool {
        looks_like_date(value)
    }
    fn check(&self, value: &str, ctx: &Context) -> Check {
        check_date(value, Some(ctx))
    }
    fn check_into(&self, value: &str, ctx: &Context, out: &mut Check) {
        check_date_into(value, Some(ctx), out);
    }
    fn validates(&self) -> &'static str {
        "calendar date in a known notation, not after the reference date, not over 130 years old"
    }
    fn extracts(&self) -> &'static str {
        "date, notation"
    }
    fn specification(&self) -> &'static str {
        "ISO 8601 and the notations of Chinese records and spreadsheets"
    }
}

impl Validator for AnyDate {
    fn id(&self) -> &'static str {
        "date"
    }
    fn name(&self) -> &'static str {
        "Date"
    }
    fn kind(&self) -> Kind {
        Kind::Date
    }
    fn looks_like(&self, value: &str) -> bool {
        looks_like_date(value)
    }
    fn check(&self, value: &str, _ctx: &Context) -> Check {
        check_date(value, None)
    }
    fn validates(&self) -> &'static str {
        "calendar date in a known notation"
    }
    fn extracts(&self) -> &'static str {
        "date, notation"
    }
    fn specification(&self) -> &'static str {
        "ISO 8601 and the notations of Chinese records and spreadsheets"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ctx() -> Context {
        Context {
            reference_date: Date::new(2022, 7, 1).unwrap(),
        }
    }
    fn d(y: i32, m: u8, day: u8) -> Option<Date> {
        Date::new(y, m, day)
    }
    fn parsed(v: &str) -> (Option<Date>, Option<&'static str>) {
        let p = parse_date(v);
        assert_eq!(p.problem, None, "{v}: {p:?}");
        (p.date, p.coding)
    }

    #[test]
    fn notations() {
        let x = d(1990, 1, 2);
        assert_eq!(parsed("1990-01-02"), (x, Some("iso")));
        assert_eq!(parsed("1990-1-2"), (x, Some("iso")));
        assert_eq!(parsed("19900102"), (x, Some("compact")));
        assert_eq!(parsed("1990/1/2"), (x, Some("slash_ymd")));
        assert_eq!(parsed("1990.1.2"), (x, Some("dot_ymd")));
        assert_eq!(parsed("1990年1月2日"), (x, Some("zh")));
        assert_eq!(parsed("1990年01月02号"), (x, Some("zh")));
        assert_eq!(parsed("1990-01-02 10:11:12"), (x, Some("iso")));
        assert_eq!(parsed("1990-01-02T10:11:12Z"), (x, Some("iso")));
        assert_eq!(parsed("1990/1/2 0:00"), (x, Some("slash_ymd")));
        assert_eq!(parsed("25/01/1990"), (d(1990, 1, 25), Some("dmy")));
        assert_eq!(parsed("25.01.1990"), (d(1990, 1, 25), Some("dmy")));
        assert_eq!(parsed("01/25/1990"), (d(1990, 1, 25), Some("mdy")));
        assert_eq!(
            parsed("03/03/1990"),
            (d(1990, 3, 3), Some("ambiguous_dmy_mdy"))
        );
        assert_eq!(parsed("32875"), (x, Some("excel_serial")));
    }

    #[test]
    fn ambiguous_is_not_guessed() {
        for v in ["02/01/1990", "01/02/1990"] {
            let c = AnyDate.check(v, &ctx());
            assert!(c.is_valid());
            assert_eq!(c.facts.date, None);
            assert_eq!(c.notes, ["ambiguous_day_month"]);
            assert_eq!(c.facts.coding, Some("ambiguous_dmy_mdy"));
        }
        // 31/04 is day-first but April has 30 days.
        assert_eq!(
            AnyDate.check("31/04/1990", &ctx()).problems,
            ["date_invalid"]
        );
        assert_eq!(
            AnyDate.check("13/13/1990", &ctx()).problems,
            ["date_invalid"]
        );
    }

    #[test]
    fn excel_and_year_month() {
        let c = BirthDate.check("32875", &ctx());
        assert!(c.is_valid());
        assert_eq!(c.notes, ["excel_serial"]);
        assert_eq!(c.facts.coding, Some("excel_serial"));
        assert_eq!(c.facts.date, d(1990, 1, 2));
        for v in ["1990-01", "1990/1", "1990.01", "1990年1月"] {
            let c = BirthDate.check(v, &ctx());
            assert!(c.is_valid(), "{v}");
            assert_eq!(c.facts.coding, Some("year_month"));
            assert_eq!(c.facts.date, None);
            assert_eq!(c.notes, ["year_month_only"]);
        }
        assert_eq!(
            BirthDate.check("1990-13", &ctx()).problems,
            ["date_invalid"]
        );
    }

    #[test]
    fn problems() {
        let p = |v: &str| BirthDate.check(v, &ctx()).problems;
        assert_eq!(p("1990-02-30"), ["date_invalid"]);
        assert_eq!(p("19900230"), ["date_invalid"]);
        assert_eq!(p("2022-13-45"), ["date_invalid"]);
        assert_eq!(p("1990年2月30日"), ["date_invalid"]);
        assert_eq!(p("2022-07-02"), ["date_after_reference"]);
        assert!(p("2022-07-01").is_empty());
        assert_eq!(p("1899-12-31"), ["date_too_old"]);
        assert!(p("1900-01-01").is_empty());
        for junk in [
            "hello",
            "1990",
            "1990-01-02-03",
            "1990--01",
            "90-01-02",
            "1990-01-02 abc",
            "12345678901",
            "1990年",
            "年月日",
            "1/2/3",
            "-",
            "",
            "1990-01-0x",
            "99999999",
        ] {
            assert!(
                p(junk).contains(&"date_format") || p(junk).contains(&"date_invalid"),
                "{junk}: {:?}",
                p(junk)
            );
        }
        // An ordinary date column does not know a reference date.
        assert!(AnyDate.check("2030-01-01", &ctx()).is_valid());
        // Too old: aged over 130 on a later reference date.
        let late = Context {
            reference_date: Date::new(2040, 1, 1).unwrap(),
        };
        assert_eq!(
            BirthDate.check("1905-06-01", &late).problems,
            ["date_too_old"]
        );
    }

    #[test]
    fn looks_like() {
        for yes in [
            "1990-01-02",
            "19900102",
            "1990/1/2",
            "1990年1月2日",
            "02/01/1990",
            "32875",
            "1990-01",
            "2022-13-45",
        ] {
            assert!(BirthDate.looks_like(yes), "{yes}");
        }
        for no in [
            "11010519491231002X",
            "110105491231002",
            "13912345678",
            "23456789",
            "10000",
            "60000",
            "99999",
            "1990",
            "abc",
            "男",
            "45",
            "0755-12345678",
            "+8613912345678",
        ] {
            assert!(!AnyDate.looks_like(no), "{no}");
        }
    }

    proptest! {
        /// The ten-byte fast path agrees with the general parser (reached here through the
        /// time-of-day suffix, which the fast path does not take).
        #[test]
        fn ten_byte_dates_as_the_general_parser(s in "[0-9]{4}[-/.x][0-9]{2}[-/.x][0-9]{2}") {
            prop_assert_eq!(parse_date(&s), parse_date(&format!("{s} 10:11")));
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,30}") {
            let _ = BirthDate.check(&s, &ctx());
            let _ = AnyDate.looks_like(&s);
        }

        #[test]
        fn datey_junk_never_panics(s in "[0-9年月日/.: T-]{0,24}") {
            let _ = BirthDate.check(&s, &ctx());
            let _ = AnyDate.looks_like(&s);
        }

        #[test]
        fn every_notation_round_trips(days in -25_000i64..20_000) {
            let date = Date::from_days(days).unwrap();
            let (y, m, dd) = (date.year, date.month, date.day);
            for v in [
                format!("{y:04}-{m:02}-{dd:02}"),
                format!("{y:04}{m:02}{dd:02}"),
                format!("{y}/{m}/{dd}"),
                format!("{y}年{m}月{dd}日"),
            ] {
                prop_assert_eq!(parse_date(&v).date, Some(date));
            }
        }
    }
}
