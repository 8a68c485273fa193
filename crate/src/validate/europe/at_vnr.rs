//! Austria social insurance number (Versicherungsnummer, "Sozialversicherungsnummer", SVNR).
//!
//! Layout: `LLLP DDMMYY` — a three-digit serial number (from 100, so never starting with 0), a
//! check digit, and, in most cases, the birth date. The check digit is the sum of the other
//! nine digits weighted 3 7 9 · 5 8 4 2 1 6 (serial, then date) modulo 11; a remainder of 10
//! is never issued, so such serials are skipped. Every single changed digit is caught (11 is
//! prime and no weight is 0 mod 11).
//!
//! The date part is not always a calendar date: when a date's serial numbers run out, or the
//! birth date is unknown, the insurance assigns a substitute "date" such as the 13th or later
//! month. A non-calendar date is therefore the note `substitute_date`, not a problem. A calendar
//! date is extracted as the birth date, with the century inferred (aged 0–99 on the reference
//! date, note `century_inferred`).
//!
//! Problems: `length`, `format`, `invalid_prefix`, `checksum`. Notes: `substitute_date`,
//! `century_inferred`. (With the century inferred the date can be neither in the future nor
//! too old, so no birth-date problem arises.)
//!
//! Specification: Dachverband der österreichischen Sozialversicherungsträger, *Aufbau der
//! Versicherungsnummer* (check digit weights 3 7 9 5 8 4 2 1 6, modulus 11); ASVG § 31.

use super::west::{all_digits, compact, date, infer_century, num, set_canonical};
use crate::checkdigit::weighted;
use crate::kinds::Kind;
use crate::validate::date::birth_date_problems;
use crate::validate::{Check, Context, Validator};

pub struct AtVnr;

/// Weights of positions 1–10; position 4 (the check digit itself) weighs 0.
const WEIGHTS: [u32; 10] = [3, 7, 9, 0, 5, 8, 4, 2, 1, 6];

/// The check digit of a ten-digit number (its fourth digit is ignored), or `None` when the
/// remainder is 10 (never issued).
pub fn vnr_check_digit(b: &[u8]) -> Option<u8> {
    let r = weighted::remainder(b, &WEIGHTS, 11).filter(|_| b.len() == 10)?;
    (r < 10).then_some(r as u8)
}

fn check_ok(b: &[u8]) -> bool {
    vnr_check_digit(b).map(|d| b'0' + d) == b.get(3).copied()
}

/// Validates a Versicherungsnummer; see the module documentation.
pub fn check_vnr(value: &str, ctx: &Context) -> Check {
    let mut check = Check::default();
    check.facts.country = Some("AT");
    let c = compact(value, &[' ', '-', '/', '.']);
    let b = c.as_bytes();
    if b.len() != 10 {
        check.problems.push("length");
        return check;
    }
    if !all_digits(b) {
        check.problems.push("format");
        return check;
    }
    if b[0] == b'0' {
        check.problems.push("invalid_prefix");
    }
    if !check_ok(b) {
        check.problems.push("checksum");
    }
    let (dd, mm, yy) = (
        num(&b[4..6]).unwrap_or(0),
        num(&b[6..8]).unwrap_or(0),
        num(&b[8..10]).unwrap_or(0),
    );
    match date(infer_century(yy, mm, dd, ctx), mm, dd) {
        Some(d) => {
            check.facts.date = Some(d);
            check.notes.push("century_inferred");
            birth_date_problems(d, ctx, &mut check.problems);
        }
        None => check.notes.push("substitute_date"),
    }
    set_canonical(&mut check, value, &c);
    check
}

impl Validator for AtVnr {
    fn id(&self) -> &'static str {
        "at_vnr"
    }
    fn name(&self) -> &'static str {
        "Austria social insurance number (Versicherungsnummer)"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, value: &str) -> bool {
        if value.len() > 12 {
            return false;
        }
        let c = compact(value, &[' ']);
        let b = c.as_bytes();
        b.len() == 10 && all_digits(b) && b[0] != b'0' && check_ok(b)
    }
    fn check(&self, value: &str, ctx: &Context) -> Check {
        check_vnr(value, ctx)
    }
    fn country(&self) -> Option<&'static str> {
        Some("AT")
    }
    fn validates(&self) -> &'static str {
        "length, serial not starting with 0, weighted mod 11 check digit"
    }
    fn extracts(&self) -> &'static str {
        "birth date (when the date part is a calendar date; century inferred)"
    }
    fn specification(&self) -> &'static str {
        "Dachverband der Sozialversicherungsträger: Aufbau der Versicherungsnummer; ASVG § 31"
    }
}

#[cfg(test)]
mod tests {
    use super::super::west::test_ctx;
    use super::*;
    use crate::civil::Date;
    use proptest::prelude::*;

    fn check(v: &str) -> Check {
        check_vnr(v, &test_ctx())
    }
    fn make(serial: u32, date: &str) -> Option<String> {
        let probe = format!("{serial:03}0{date}");
        let d = vnr_check_digit(probe.as_bytes())?;
        Some(format!("{serial:03}{d}{date}"))
    }

    #[test]
    fn examples() {
        // 123? 010180: 3+14+27 + 0+8+0+2+8+0 = 62, 62 mod 11 = 7.
        assert_eq!(make(123, "010180").as_deref(), Some("1237010180"));
        let c = check("1237 010180");
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.date, Date::new(1980, 1, 1));
        assert_eq!(c.facts.canonical.as_deref(), Some("1237010180"));
        assert_eq!(check("1234010180").problems, ["checksum"]);
        // Remainder 10: the serial is skipped, no check digit makes the number valid.
        let skipped = (100..1000).find(|&s| make(s, "010180").is_none()).unwrap();
        for d in 0..10 {
            let v = format!("{skipped:03}{d}010180");
            assert_eq!(check(&v).problems, ["checksum"], "{v}");
        }
        // A substitute date in the 13th month.
        let v = (100..1000).find_map(|s| make(s, "011365")).unwrap();
        let c = check(&v);
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.notes, ["substitute_date"]);
        assert_eq!(c.facts.date, None);
        let v = make(23, "010174").unwrap();
        assert_eq!(check(&v).problems, ["invalid_prefix"]);
        assert_eq!(check("123701017").problems, ["length"]);
        assert_eq!(check("12370101X4").problems, ["format"]);
    }

    proptest! {
        #[test]
        fn generated_are_valid_and_single_errors_fail(
            days in 0i64..44_000, serial in 100u32..1000, i in 0usize..10, d in 1u8..10,
        ) {
            let date = Date::from_days(Date::new(1923, 1, 1).unwrap().to_days() + days).unwrap();
            prop_assume!(date <= test_ctx().reference_date);
            let ds = format!("{:02}{:02}{:02}", date.day, date.month, date.year % 100);
            let Some(v) = make(serial, &ds) else { return Ok(()); };
            let c = check(&v);
            prop_assert!(c.is_valid(), "{} {:?}", v, c);
            prop_assert_eq!(c.facts.date, Some(date));
            prop_assert!(AtVnr.looks_like(&v));
            let mut m = v.into_bytes();
            m[i] = b'0' + (m[i] - b'0' + d) % 10;
            let m = String::from_utf8(m).unwrap();
            prop_assert!(check(&m).problems.contains(&"checksum"), "{}", m);
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,20}") {
            let c = check(&s);
            let _ = AtVnr.looks_like(&s);
            prop_assert!(!c.is_valid() && !c.problems.is_empty(), "{:?}", s);
        }
    }
}
