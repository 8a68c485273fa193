//! NHS number (England, Wales, Isle of Man), with the Scottish CHI and Northern Irish H&C
//! numbers that share its format and number space.
//!
//! Layout: ten digits written `3 3 4`; the last is a check digit. Each of the first nine
//! digits is multiplied by 11 minus its position (10, 9, …, 2); the check digit is 11 minus
//! the sum modulo 11, with 11 written as 0. A result of 10 means the number is never issued,
//! so it fails the check. Every single-digit error is caught (11 is prime and no weight is 0).
//!
//! Ranges (NHS Digital; NHS Scotland): 400 000 000x–499 999 999x and 600 000 000x–
//! 799 999 999x England, Wales and the Isle of Man; 010 100 0000–311 299 9999 Scotland's CHI
//! numbers, whose first six digits are the birth date `DDMMYY` and whose ninth digit is odd
//! for men; 320 000 0001–399 999 9999 Northern Ireland's H&C numbers; 999 000 0000–
//! 999 999 9999 reserved for test data and never issued to a patient.
//!
//! For a CHI number, the birth date (century inferred: aged 0–99 on the reference date, note
//! `century_inferred`) and sex are extracted when the first six digits are a date; CHI numbers
//! whose first six digits are not a date get the note `chi_date_not_calendar` only, since the
//! check digit is all that can be verified with certainty.
//!
//! Problems: `length`, `format`, `checksum`, `never_issued`. Notes: `century_inferred`,
//! `chi_date_not_calendar`.
//!
//! Specification: NHS Data Dictionary, "NHS Number" (Modulus 11 check); ISB 0149 NHS Number.

use super::west::{all_digits, compact, date, infer_century, num, set_canonical, sex_odd_male};
use crate::checkdigit::weighted;
use crate::kinds::Kind;
use crate::validate::date::birth_date_problems;
use crate::validate::{Check, Context, Validator};

pub struct GbNhs;

const WEIGHTS: [u32; 9] = [10, 9, 8, 7, 6, 5, 4, 3, 2];

/// The check digit of the first nine digits, or `None` when it would be 10 (never issued).
pub fn nhs_check_digit(payload: &[u8]) -> Option<u8> {
    weighted::mod11_complement(payload, &WEIGHTS)
}

/// Validates an NHS, CHI or H&C number; see the module documentation.
pub fn check_nhs(value: &str, ctx: &Context) -> Check {
    let mut check = Check::default();
    check.facts.country = Some("GB");
    let c = compact(value, &[' ', '-']);
    let b = c.as_bytes();
    if b.len() != 10 {
        check.problems.push("length");
        return check;
    }
    if !all_digits(b) {
        check.problems.push("format");
        return check;
    }
    if nhs_check_digit(&b[..9]).map(|d| b'0' + d) != Some(b[9]) {
        check.problems.push("checksum");
    }
    let n3 = num(&b[..3]).unwrap_or(0);
    let n10 = u64::from(num(&b[..9]).unwrap_or(0)) * 10 + u64::from(b[9] - b'0');
    let issuer = if (101_000_000..=3_112_999_999).contains(&n10) {
        Some("NHS Scotland (CHI)")
    } else if (3_200_000_001..=3_999_999_999).contains(&n10) {
        Some("Northern Ireland Health and Care (H&C)")
    } else if matches!(n3, 400..=499 | 600..=799) {
        Some("NHS England, Wales and Isle of Man")
    } else {
        None
    };
    check.facts.issuer = issuer.map(str::to_owned);
    if n3 == 999 {
        check.problems.push("never_issued");
    }
    if issuer == Some("NHS Scotland (CHI)") {
        let (dd, mm, yy) = (
            num(&b[..2]).unwrap_or(0),
            num(&b[2..4]).unwrap_or(0),
            num(&b[4..6]).unwrap_or(0),
        );
        let year = infer_century(yy, mm, dd, ctx);
        match date(year, mm, dd) {
            Some(d) => {
                check.facts.date = Some(d);
                check.facts.sex = Some(sex_odd_male(u32::from(b[8] - b'0')));
                check.notes.push("century_inferred");
                birth_date_problems(d, ctx, &mut check.problems);
            }
            None => check.notes.push("chi_date_not_calendar"),
        }
    }
    set_canonical(&mut check, value, &c);
    check
}

impl Validator for GbNhs {
    fn id(&self) -> &'static str {
        "gb_nhs"
    }
    fn name(&self) -> &'static str {
        "UK NHS number (with Scottish CHI and Northern Irish H&C numbers)"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, value: &str) -> bool {
        if value.len() > 12 {
            return false;
        }
        let c = compact(value, &[' ', '-']);
        let b = c.as_bytes();
        b.len() == 10 && all_digits(b) && nhs_check_digit(&b[..9]).map(|d| b'0' + d) == Some(b[9])
    }
    fn check(&self, value: &str, ctx: &Context) -> Check {
        check_nhs(value, ctx)
    }
    fn country(&self) -> Option<&'static str> {
        Some("GB")
    }
    fn validates(&self) -> &'static str {
        "length, modulus 11 check digit, test range 999"
    }
    fn extracts(&self) -> &'static str {
        "issuing service by range; birth date and sex for Scottish CHI numbers"
    }
    fn specification(&self) -> &'static str {
        "NHS Data Dictionary: NHS Number (ISB 0149); NHS Scotland CHI number"
    }
}

#[cfg(test)]
mod tests {
    use super::super::west::test_ctx;
    use super::*;
    use crate::civil::Date;
    use crate::validate::Sex;
    use proptest::prelude::*;

    fn problems(v: &str) -> Vec<&'static str> {
        check_nhs(v, &test_ctx()).problems
    }

    #[test]
    fn published_examples() {
        // 943 476 5919: the worked example (sum 299, remainder 2, check 9).
        let c = check_nhs("943 476 5919", &test_ctx());
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.canonical.as_deref(), Some("9434765919"));
        assert_eq!(c.facts.issuer, None);
        // 987 654 4321 is only a layout example: its check digit would be 2.
        assert_eq!(problems("987 654 4321"), ["checksum"]);
        assert!(check_nhs("987 654 4322", &test_ctx()).is_valid());
        assert_eq!(problems("9434765918"), ["checksum"]);
        assert_eq!(problems("943476591"), ["length"]);
        assert_eq!(problems("94347659A9"), ["format"]);
    }

    #[test]
    fn ranges() {
        let with_check = |p: &str| {
            let d = nhs_check_digit(p.as_bytes()).expect("issuable");
            format!("{p}{d}")
        };
        let v = with_check("400000002");
        let c = check_nhs(&v, &test_ctx());
        assert!(c.is_valid());
        assert_eq!(
            c.facts.issuer.as_deref(),
            Some("NHS England, Wales and Isle of Man")
        );
        assert_eq!(problems(&with_check("999000001")), ["never_issued"]);
        // CHI: 15 March (19)85, ninth digit odd → male.
        let v = with_check("150385005");
        let c = check_nhs(&v, &test_ctx());
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.date, Date::new(1985, 3, 15));
        assert_eq!(c.facts.sex, Some(Sex::Male));
        assert_eq!(c.notes, ["century_inferred"]);
        let c = check_nhs(&with_check("310285004"), &test_ctx());
        assert!(c.is_valid());
        assert_eq!(c.notes, ["chi_date_not_calendar"]);
        assert_eq!(c.facts.date, None);
    }

    #[test]
    fn remainder_ten_is_never_valid() {
        // 000000010: sum 2·… chosen so that 11 − r = 10.
        let mut found = 0;
        for n in 0..2000u32 {
            let p = format!("{n:09}");
            if nhs_check_digit(p.as_bytes()).is_none() {
                found += 1;
                for d in 0..10 {
                    assert!(problems(&format!("{p}{d}")).contains(&"checksum"));
                }
            }
        }
        assert!(found > 0);
    }

    proptest! {
        #[test]
        fn generated_are_valid_and_single_errors_fail(n in 400_000_000u32..800_000_000, i in 0usize..10, d in 1u8..10) {
            let p = format!("{n:09}");
            prop_assume!(!(500_000_000..600_000_000).contains(&n));
            let Some(c) = nhs_check_digit(p.as_bytes()) else { return Ok(()); };
            let v = format!("{p}{c}");
            prop_assert!(check_nhs(&v, &test_ctx()).is_valid(), "{}", v);
            prop_assert!(GbNhs.looks_like(&v));
            let mut m = v.into_bytes();
            m[i] = b'0' + (m[i] - b'0' + d) % 10;
            let m = String::from_utf8(m).unwrap();
            prop_assert!(problems(&m).contains(&"checksum"), "{}", m);
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,20}") {
            let c = check_nhs(&s, &test_ctx());
            let _ = GbNhs.looks_like(&s);
            prop_assert!(!c.is_valid() && !c.problems.is_empty(), "{:?} {:?}", s, c);
        }
    }
}
