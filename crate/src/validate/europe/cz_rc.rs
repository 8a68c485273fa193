//! Czech Republic and Slovakia: the birth number (rodné číslo), shared by both countries since
//! Czechoslovakia.
//!
//! Layout: `YYMMDD/SSS` (9 digits, issued until 31 December 1953) or `YYMMDD/SSSC` (10 digits
//! since 1954). The month carries the sex and an overflow flag: 01–12 men, 51–62 women; when a
//! day's serials run out (allowed since 2004) 20 is added: 21–32 men, 71–82 women. A 10-digit
//! number's two-digit year 54–99 is 1954–1999 and 00–53 is 2000–2053; a 9-digit number's year
//! 00–53 is 1900–1953 (54–99 would be 1854–1899).
//!
//! Check (10 digits only): the whole number is divisible by 11, i.e. the last digit is the
//! first nine digits mod 11 — except that when that remainder is 10 the check digit is 0 (such
//! numbers were issued until 1985; they get the note `check_10_exception`). 9-digit numbers
//! have no check digit (note `nine_digit`).
//!
//! Problems: `format`, `length`, `checksum`, `date_invalid` (including month codes outside the
//! four ranges), `month_offset_before_2004` (the +20 overflow on a birth before 2004),
//! `date_after_reference`, `date_too_old`. Extracts birth date and sex; the country is not
//! encoded (Czech or Slovak), so `facts.country` is left empty.
//!
//! Specification: Czech zákon č. 133/2000 Sb. o evidenci obyvatel, § 13 (rodné číslo), and
//! vyhláška č. 36/2004 Sb. (the +20 month overflow); Slovak zákon č. 301/1995 Z. z. o rodnom
//! čísle.

use super::ce_util::{birth_date, read, shape, start, Digits};
use crate::kinds::Kind;
use crate::validate::{Check, Context, Sex, Validator};

pub struct CzRc;

/// The month, sex and whether the +20 overflow is used, from the two month digits.
fn month_code(mm: u32) -> Option<(u32, Sex, bool)> {
    match mm {
        1..=12 => Some((mm, Sex::Male, false)),
        21..=32 => Some((mm - 20, Sex::Male, true)),
        51..=62 => Some((mm - 50, Sex::Female, false)),
        71..=82 => Some((mm - 70, Sex::Female, true)),
        _ => None,
    }
}

/// The expected check digit of a 10-digit number (`None` for 9 digits) and whether the
/// remainder-10 exception applies.
fn expected_check(d: &Digits) -> Option<(u32, bool)> {
    (d.ascii().len() == 10).then(|| {
        let r = d.num(0, 9) % 11;
        (r % 10, r == 10)
    })
}

impl Validator for CzRc {
    fn id(&self) -> &'static str {
        "cz_rc"
    }
    fn name(&self) -> &'static str {
        "Czech/Slovak birth number (rodné číslo)"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, value: &str) -> bool {
        let Some(d) = shape(value, &[9, 10]) else {
            return false;
        };
        if month_code(d.num(2, 4)).is_none() {
            return false;
        }
        match expected_check(&d) {
            Some((c, _)) => c == d.at(9),
            // Nine digits are common: only the written form YYMMDD/SSS of a pre-1954 birth.
            None => value.as_bytes().get(6) == Some(&b'/') && d.num(0, 2) < 54,
        }
    }
    fn check(&self, value: &str, ctx: &Context) -> Check {
        let d = match read(value, &[9, 10]) {
            Ok(d) => d,
            Err(p) => return Check::invalid(p),
        };
        let mut check = start(&d, None);
        let ten = d.ascii().len() == 10;
        check.facts.coding = Some(if ten { "10_digit" } else { "9_digit" });
        match expected_check(&d) {
            Some((c, exception)) => {
                if c != d.at(9) {
                    check.problems.push("checksum");
                } else if exception {
                    check.notes.push("check_10_exception");
                }
            }
            None => check.notes.push("nine_digit"),
        }
        let yy = d.num(0, 2) as i32;
        let year = match (ten, yy < 54) {
            (true, true) => 2000 + yy,
            (true, false) | (false, true) => 1900 + yy,
            (false, false) => 1800 + yy,
        };
        match month_code(d.num(2, 4)) {
            Some((month, sex, overflow)) => {
                check.facts.sex = Some(sex);
                if overflow && year < 2004 {
                    check.problems.push("month_offset_before_2004");
                }
                birth_date(&mut check, year, month, d.num(4, 6), ctx);
            }
            None => check.problems.push("date_invalid"),
        }
        check
    }
    fn country(&self) -> Option<&'static str> {
        Some("CZ")
    }
    fn validates(&self) -> &'static str {
        "length (9 digits before 1954), mod 11 check, birth date, month code"
    }
    fn extracts(&self) -> &'static str {
        "birth date, sex"
    }
    fn specification(&self) -> &'static str {
        "CZ zákon 133/2000 Sb. § 13 and vyhláška 36/2004 Sb.; SK zákon 301/1995 Z. z."
    }
}

/// A 10-digit birth number for a birth in 1954–2053 (9 digits before 1954), with the +20
/// overflow when `overflow`; `None` when the first nine digits leave remainder 10.
#[cfg(test)]
pub fn make(year: i32, month: u32, day: u32, serial: u32, male: bool, overflow: bool) -> String {
    let mm = month + if male { 0 } else { 50 } + if overflow { 20 } else { 0 };
    let body = format!("{:02}{mm:02}{day:02}{:03}", year % 100, serial % 1000);
    if year < 1954 {
        return format!("{}/{}", &body[..6], &body[6..]);
    }
    let n: u64 = body.parse().unwrap();
    let c = n % 11 % 10;
    format!("{}/{}{c}", &body[..6], &body[6..])
}

#[cfg(test)]
mod tests {
    use super::super::ce_util::testing::{ctx, mutants};
    use super::*;
    use crate::civil::Date;
    use proptest::prelude::*;

    fn problems(v: &str) -> Vec<&'static str> {
        CzRc.check(v, &ctx()).problems
    }

    #[test]
    fn vectors() {
        // 1971-03-19, man, serial 274: 710319274 mod 11 = 5 → 710319/2745 (divisible by 11).
        assert_eq!(7_103_192_745u64 % 11, 0);
        let c = CzRc.check("710319/2745", &ctx());
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.date, Date::new(1971, 3, 19));
        assert_eq!(c.facts.sex, Some(Sex::Male));
        assert_eq!(c.facts.canonical.as_deref(), Some("7103192745"));
        assert_eq!(c.facts.coding, Some("10_digit"));
        assert_eq!(problems("7103192746"), ["checksum"]);
        // Woman: month + 50.
        let c = CzRc.check("715319/2750", &ctx());
        assert_eq!(7_153_192_750u64 % 11, 0);
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.sex, Some(Sex::Female));
        // 9 digits: born before 1954, no check digit.
        let c = CzRc.check("531231/123", &ctx());
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.date, Date::new(1953, 12, 31));
        assert_eq!(c.notes, ["nine_digit"]);
        // A 9-digit number for 1959 would be 1859: too old.
        assert_eq!(problems("590312/123"), ["date_too_old"]);
        // Month 34 is no month code.
        let v = make(1971, 14, 19, 274, true, false);
        assert_eq!(problems(&v), ["date_invalid"]);
    }

    #[test]
    fn remainder_ten_exception() {
        // Find a serial whose first nine digits leave remainder 10: check digit 0 is valid.
        let body = (0..1000)
            .map(|s| format!("650101{s:03}"))
            .find(|b| b.parse::<u64>().unwrap() % 11 == 10)
            .unwrap();
        let c = CzRc.check(&format!("{body}0"), &ctx());
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.notes, ["check_10_exception"]);
        assert_eq!(problems(&format!("{body}1")), ["checksum"]);
    }

    #[test]
    fn month_overflow() {
        let v = make(2010, 5, 6, 1, false, true);
        let c = CzRc.check(&v, &ctx());
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.date, Date::new(2010, 5, 6));
        assert_eq!(c.facts.sex, Some(Sex::Female));
        assert_eq!(
            problems(&make(1990, 5, 6, 1, true, true)),
            ["month_offset_before_2004"]
        );
        assert_eq!(
            problems(&make(2030, 5, 6, 1, true, false)),
            ["date_after_reference"]
        );
    }

    #[test]
    fn shapes() {
        assert_eq!(problems("71031927"), ["length"]);
        assert_eq!(problems("710319/274a"), ["format"]);
        assert!(CzRc.looks_like("7103192745"));
        assert!(CzRc.looks_like("531231/123"));
        assert!(!CzRc.looks_like("531231123"));
        assert!(!CzRc.looks_like("7103192746"));
        assert!(!CzRc.looks_like("7193192745"));
    }

    proptest! {
        #[test]
        fn generated_are_valid_and_mutants_fail(
            days in 0i64..25_000, serial in 0u32..1000, male in any::<bool>(), ovf in any::<bool>()
        ) {
            let date = Date::from_days(Date::new(1954, 1, 1).unwrap().to_days() + days).unwrap();
            prop_assume!(date <= ctx().reference_date);
            let overflow = ovf && date.year >= 2004;
            let v = make(date.year, u32::from(date.month), u32::from(date.day), serial, male, overflow);
            let c = CzRc.check(&v, &ctx());
            prop_assert!(c.is_valid(), "{} {:?}", v, c);
            prop_assert_eq!(c.facts.date, Some(date));
            prop_assert!(CzRc.looks_like(&v));
            // Every digit change alters the number by Δ·10^k ≢ 0 (mod 11); it can only pass
            // through the remainder-10 exception (first nine ≡ 10, check digit 0), before or
            // after the change.
            let was_exception = v.replace('/', "")[..9].parse::<u64>().unwrap() % 11 == 10;
            for (_, m) in mutants(&v) {
                let digits: String = m.chars().filter(char::is_ascii_digit).collect();
                let first9: u64 = digits[..9].parse().unwrap();
                let exception = first9 % 11 == 10 && digits.ends_with('0');
                if !exception && !was_exception {
                    prop_assert!(!CzRc.check(&m, &ctx()).is_valid(), "{}", m);
                }
            }
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,30}") {
            let c = CzRc.check(&s, &ctx());
            let _ = CzRc.looks_like(&s);
            if !s.bytes().any(|b| b.is_ascii_digit()) {
                prop_assert!(!c.problems.is_empty());
            }
        }
    }
}
