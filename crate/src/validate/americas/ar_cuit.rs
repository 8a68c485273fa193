//! Argentine Clave Única de Identificación Tributaria / Laboral (CUIT, CUIL).
//!
//! Layout: `20-12345678-6` — a two-digit type prefix, eight digits (a person's DNI, or a
//! company number), a check digit. Prefixes: 20 men, 27 women, 23 and 24 persons of either sex
//! (used when 20 or 27 would need the impossible check value 10, or a number is taken),
//! 30, 33, 34 companies and other legal entities, 50, 51, 55 foreign parties (AFIP's generic
//! country keys). Others are `invalid_prefix`.
//!
//! Check digit: the first ten digits weighted `5 4 3 2 7 6 5 4 3 2`, `r = Σ mod 11`; the
//! digit is `11 − r`, `0` when `r = 0`. `r = 1` would give 10: AFIP then changes the prefix
//! (to 23 or 33), so a number whose remainder is 1 is never issued and fails as `checksum`.
//!
//! Problems: `length`, `format`, `invalid_prefix`, `checksum`. Extracts sex (20, 27) and
//! `coding` `person`/`company`/`foreign`.
//!
//! Specification: AFIP (ARCA), Resolución General 10/1997 (CUIT) and the published
//! module-11 verification rule; ANSES for the CUIL of employees.

use super::{matches_mask, start};
use crate::kinds::Kind;
use crate::validate::{Check, Context, Sex, Validator};

pub struct ArCuit;

const WEIGHTS: [u32; 10] = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

/// The check digit for ten digits; `None` when the remainder is 1 (not issued) or a byte is
/// not a digit.
pub fn check_digit(ten: &[u8]) -> Option<u8> {
    match crate::checkdigit::weighted::remainder(ten, &WEIGHTS, 11)? {
        0 => Some(0),
        1 => None,
        r => Some((11 - r) as u8),
    }
}

/// Validates a CUIT or CUIL; see the module documentation.
pub fn check_cuit(value: &str) -> Check {
    let (mut check, c) = match start(value, &[11]) {
        Ok(x) => x,
        Err(e) => return Check::invalid(e),
    };
    let b = c.bytes();
    check.facts.country = Some("AR");
    if !b.iter().all(u8::is_ascii_digit) {
        check.problems.push("format");
        return check;
    }
    match &b[..2] {
        b"20" => check.facts.sex = Some(Sex::Male),
        b"27" => check.facts.sex = Some(Sex::Female),
        b"23" | b"24" => {}
        b"30" | b"33" | b"34" => {}
        b"50" | b"51" | b"55" => {}
        _ => check.problems.push("invalid_prefix"),
    }
    check.facts.coding = match b[0] {
        b'2' => Some("person"),
        b'3' => Some("company"),
        b'5' => Some("foreign"),
        _ => None,
    };
    if check_digit(&b[..10]) != Some(b[10] - b'0') {
        check.problems.push("checksum");
    }
    check
}

impl Validator for ArCuit {
    fn id(&self) -> &'static str {
        "ar_cuit"
    }
    fn name(&self) -> &'static str {
        "Argentine tax and labour key (CUIT/CUIL)"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    /// Eleven digits, plain or `00-00000000-0`, with a known prefix and the right check digit.
    fn looks_like(&self, value: &str) -> bool {
        let shape = (value.len() == 11 && value.bytes().all(|b| b.is_ascii_digit()))
            || matches_mask(value, "99-99999999-9");
        shape && check_cuit(value).is_valid()
    }
    fn check(&self, value: &str, _ctx: &Context) -> Check {
        check_cuit(value)
    }
    fn country(&self) -> Option<&'static str> {
        Some("AR")
    }
    fn validates(&self) -> &'static str {
        "length, type prefix, mod-11 check digit"
    }
    fn extracts(&self) -> &'static str {
        "sex (prefixes 20, 27), person or company"
    }
    fn specification(&self) -> &'static str {
        "AFIP (ARCA), Resolución General 10/1997; CUIT module-11 verification digit"
    }
}

/// A CUIT from a prefix and eight digits, or `None` when the remainder forbids it. For tests.
pub fn make_cuit(prefix: u32, number: u32) -> Option<String> {
    let ten = format!("{prefix:02}{number:08}");
    check_digit(ten.as_bytes()).map(|d| format!("{ten}{d}"))
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::*;
    use proptest::prelude::*;

    fn problems(v: &str) -> Vec<&'static str> {
        check_cuit(v).problems
    }

    #[test]
    fn vectors() {
        let c = check_cuit("20-12345678-6");
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.sex, Some(Sex::Male));
        assert_eq!(c.facts.coding, Some("person"));
        assert_eq!(c.facts.canonical.as_deref(), Some("20123456786"));
        assert_eq!(problems("20-12345678-7"), ["checksum"]);
        let c = check_cuit(&make_cuit(27, 12_345_678).unwrap());
        assert!(c.is_valid());
        assert_eq!(c.facts.sex, Some(Sex::Female));
        let c = check_cuit(&make_cuit(30, 71_234_567).unwrap());
        assert!(c.is_valid());
        assert_eq!(c.facts.coding, Some("company"));
        assert_eq!(c.facts.sex, None);
        assert_eq!(problems("21-12345678-0")[0], "invalid_prefix");
        assert_eq!(problems("2012345678"), ["length"]);
        assert_eq!(problems("20-1234567A-6"), ["format"]);
    }

    #[test]
    fn remainder_one_is_never_issued() {
        // Find a number whose remainder is 1 under prefix 20: no digit makes it valid, and the
        // same DNI under 23 is valid.
        let dni = (10_000_000u32..)
            .find(|n| make_cuit(20, *n).is_none())
            .unwrap();
        for d in 0..10 {
            let v = format!("20{dni:08}{d}");
            assert!(!check_cuit(&v).is_valid(), "{v}");
        }
        assert!(make_cuit(23, dni).is_some());
    }

    #[test]
    fn looks() {
        assert!(ArCuit.looks_like("20-12345678-6"));
        assert!(ArCuit.looks_like("20123456786"));
        assert!(!ArCuit.looks_like("20123456787"));
        assert!(!ArCuit.looks_like("2012345678-6"));
    }

    #[test]
    fn junk_and_metadata() {
        junk_gives_reasons(&ArCuit, &["99999999999", "00000000000"]);
        metadata(&ArCuit, "AR");
    }

    proptest! {
        #[test]
        fn generated_pass_and_single_changes_fail(p in 0usize..10, n in 0u32..100_000_000) {
            let prefix = [20, 23, 24, 27, 30, 33, 34, 50, 51, 55][p];
            if let Some(v) = make_cuit(prefix, n) {
                prop_assert!(check_cuit(&v).is_valid());
                prop_assert!(ArCuit.looks_like(&v));
                // Weights coprime with 11 and one digit per remainder: every change is caught.
                for m in single_changes(&v, b"0123456789") {
                    prop_assert!(!check_cuit(&m).is_valid(), "{}", m);
                }
            }
        }
    }
}
