//! Colombian Número de Identificación Tributaria (NIT).
//!
//! Layout: `900.123.456-8` — the number (a company's, or a person's cédula) and a check digit
//! (dígito de verificación, DV). Check: the number's digits from the right weighted
//! `3 7 13 17 19 23 29 37 41 43 47 53 59 67 71`, `r = Σ mod 11`; the DV is `r` when `r < 2`,
//! else `11 − r`.
//!
//! Problems: `length` (7–15 digits and the DV), `format`, `checksum`.
//!
//! Specification: DIAN, Orden Administrativa 4 de 1989 / Resolución 2460 de 2013 (RUT) and the
//! published "cálculo del dígito de verificación del NIT" (módulo 11 with prime weights).

use super::start;
use crate::kinds::Kind;
use crate::validate::{Check, Context, Validator};

pub struct CoNit;

const WEIGHTS: [u32; 15] = [3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71];

/// The DV for the number's digits; `None` if a byte is not a digit or there are more than 15.
pub fn check_digit(number: &[u8]) -> Option<u8> {
    if number.len() > WEIGHTS.len() {
        return None;
    }
    let mut sum = 0u32;
    for (&b, w) in number.iter().rev().zip(WEIGHTS) {
        if !b.is_ascii_digit() {
            return None;
        }
        sum += u32::from(b - b'0') * w;
    }
    Some(match sum % 11 {
        r @ (0 | 1) => r as u8,
        r => (11 - r) as u8,
    })
}

/// Validates a NIT; see the module documentation.
pub fn check_nit(value: &str) -> Check {
    let (mut check, c) = match start(value, &[8, 9, 10, 11, 12, 13, 14, 15, 16]) {
        Ok(x) => x,
        Err(e) => return Check::invalid(e),
    };
    let b = c.bytes();
    check.facts.country = Some("CO");
    if !b.iter().all(u8::is_ascii_digit) {
        check.problems.push("format");
        return check;
    }
    let (number, dv) = b.split_at(b.len() - 1);
    if check_digit(number) != dv.first().map(|d| d - b'0') {
        check.problems.push("checksum");
    }
    check
}

impl Validator for CoNit {
    fn id(&self) -> &'static str {
        "co_nit"
    }
    fn name(&self) -> &'static str {
        "Colombian tax identification number (NIT)"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    /// `900.123.456-8` or `900123456-8` (the dash before the DV is required) with the right DV.
    fn looks_like(&self, value: &str) -> bool {
        let Some((number, dv)) = value.rsplit_once('-') else {
            return false;
        };
        let plain = (7..=15).contains(&number.len()) && number.bytes().all(|b| b.is_ascii_digit());
        let dotted = super::matches_mask(number, "999.999.999")
            || super::matches_mask(number, "9.999.999.999")
            || super::matches_mask(number, "99.999.999");
        dv.len() == 1 && (plain || dotted) && check_nit(value).is_valid()
    }
    fn check(&self, value: &str, _ctx: &Context) -> Check {
        check_nit(value)
    }
    fn country(&self) -> Option<&'static str> {
        Some("CO")
    }
    fn validates(&self) -> &'static str {
        "length, mod-11 check digit with prime weights"
    }
    fn specification(&self) -> &'static str {
        "DIAN, cálculo del dígito de verificación del NIT (módulo 11)"
    }
}

/// A NIT from its number with its DV, written `number-D`. For tests.
pub fn make_nit(number: u64) -> String {
    let s = number.to_string();
    let d = check_digit(s.as_bytes()).map_or('?', |d| char::from(b'0' + d));
    format!("{s}-{d}")
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::*;
    use proptest::prelude::*;

    fn problems(v: &str) -> Vec<&'static str> {
        check_nit(v).problems
    }

    #[test]
    fn vectors() {
        // Worked example: 900.123.456 → Σ = 6·3+5·7+4·13+3·17+2·19+1·23+0·29+0·37+9·41
        // = 586, 586 mod 11 = 3, DV 8.
        let c = check_nit("900.123.456-8");
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.canonical.as_deref(), Some("9001234568"));
        assert_eq!(problems("900.123.456-7"), ["checksum"]);
        assert_eq!(problems("123456"), ["length"]);
        assert_eq!(problems("900.123.456-A"), ["format"]);
        assert!(check_nit(&make_nit(12_345_678_901_234)).is_valid());
    }

    #[test]
    fn looks() {
        assert!(CoNit.looks_like("900.123.456-8"));
        assert!(CoNit.looks_like("900123456-8"));
        assert!(!CoNit.looks_like("9001234568"));
        assert!(!CoNit.looks_like("900123456-7"));
    }

    #[test]
    fn junk_and_metadata() {
        junk_gives_reasons(&CoNit, &["99999999-9", "1234567890123456789"]);
        metadata(&CoNit, "CO");
    }

    proptest! {
        #[test]
        fn generated_pass_and_single_changes_fail(n in 1_000_000u64..1_000_000_000_000_000) {
            let v = make_nit(n);
            prop_assert!(check_nit(&v).is_valid(), "{}", v);
            prop_assert!(CoNit.looks_like(&v));
            // The weights are coprime with 11, so a changed digit changes the remainder; the
            // DV then changes unless remainders 1 and 10 (both written 1) are involved.
            prop_assume!(!v.ends_with('1'));
            for m in single_changes(&v, b"0123456789") {
                prop_assert!(!check_nit(&m).is_valid(), "{}", m);
            }
        }
    }
}
