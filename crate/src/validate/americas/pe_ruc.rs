//! Peruvian Registro Único de Contribuyentes (RUC).
//!
//! Layout: `20123456789` — eleven digits: a type prefix, eight digits, a check digit.
//! Prefixes: 10 persons with a DNI (the next eight digits are the DNI), 15 and 17 persons with
//! other documents (non-domiciled, foreigners), 20 companies and other legal entities. Others
//! are `invalid_prefix`.
//!
//! Check digit: the first ten digits weighted `5 4 3 2 7 6 5 4 3 2`, `r = Σ mod 11`,
//! digit `(11 − r) mod 10` (so 10 is written 0 and 11 is written 1).
//!
//! Problems: `length`, `format`, `invalid_prefix`, `checksum`. Extracts `coding` `person` or
//! `company`.
//!
//! Specification: SUNAT, Decreto Legislativo 943 (Ley del RUC) and SUNAT's published RUC
//! verification-digit rule (módulo 11).

use super::start;
use crate::kinds::Kind;
use crate::validate::{Check, Context, Validator};

pub struct PeRuc;

const WEIGHTS: [u32; 10] = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

/// The check digit for ten digits; `None` if a byte is not a digit.
pub fn check_digit(ten: &[u8]) -> Option<u8> {
    let r = crate::checkdigit::weighted::remainder(ten, &WEIGHTS, 11)?;
    Some(((11 - r) % 10) as u8)
}

/// Validates a RUC; see the module documentation.
pub fn check_ruc(value: &str) -> Check {
    let (mut check, c) = match start(value, &[11]) {
        Ok(x) => x,
        Err(e) => return Check::invalid(e),
    };
    let b = c.bytes();
    check.facts.country = Some("PE");
    if !b.iter().all(u8::is_ascii_digit) {
        check.problems.push("format");
        return check;
    }
    match &b[..2] {
        b"10" | b"15" | b"17" => check.facts.coding = Some("person"),
        b"20" => check.facts.coding = Some("company"),
        _ => check.problems.push("invalid_prefix"),
    }
    if check_digit(&b[..10]) != Some(b[10] - b'0') {
        check.problems.push("checksum");
    }
    check
}

impl Validator for PeRuc {
    fn id(&self) -> &'static str {
        "pe_ruc"
    }
    fn name(&self) -> &'static str {
        "Peruvian taxpayer registry number (RUC)"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    /// Eleven plain digits with a known prefix and the right check digit.
    fn looks_like(&self, value: &str) -> bool {
        value.len() == 11
            && value.bytes().all(|b| b.is_ascii_digit())
            && check_ruc(value).is_valid()
    }
    fn check(&self, value: &str, _ctx: &Context) -> Check {
        check_ruc(value)
    }
    fn country(&self) -> Option<&'static str> {
        Some("PE")
    }
    fn validates(&self) -> &'static str {
        "length, type prefix, mod-11 check digit"
    }
    fn extracts(&self) -> &'static str {
        "person or company"
    }
    fn specification(&self) -> &'static str {
        "SUNAT, Decreto Legislativo 943 (Ley del RUC); RUC verification digit (módulo 11)"
    }
}

/// A RUC from a prefix and eight digits with its check digit. For tests.
pub fn make_ruc(prefix: u32, number: u32) -> String {
    let ten = format!("{prefix:02}{number:08}");
    let d = check_digit(ten.as_bytes()).map_or('?', |d| char::from(b'0' + d));
    format!("{ten}{d}")
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::*;
    use proptest::prelude::*;

    fn problems(v: &str) -> Vec<&'static str> {
        check_ruc(v).problems
    }

    #[test]
    fn vectors() {
        // 20123456789: Σ = 2·5+0·4+1·3+2·2+3·7+4·6+5·5+6·4+7·3+8·2 = 148, r = 5, digit 6.
        assert_eq!(make_ruc(20, 12_345_678), "20123456786");
        let c = check_ruc("20123456786");
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.coding, Some("company"));
        assert_eq!(problems("20123456789"), ["checksum"]);
        let c = check_ruc(&make_ruc(10, 45_678_912));
        assert!(c.is_valid());
        assert_eq!(c.facts.coding, Some("person"));
        assert_eq!(problems(&make_ruc(11, 45_678_912)), ["invalid_prefix"]);
        assert_eq!(problems("2012345678"), ["length"]);
        assert_eq!(problems("2012345678A"), ["format"]);
        assert_eq!(
            check_ruc("20 1234 5678 6").facts.canonical.as_deref(),
            Some("20123456786")
        );
    }

    #[test]
    fn looks() {
        assert!(PeRuc.looks_like("20123456786"));
        assert!(!PeRuc.looks_like("20123456789"));
        assert!(!PeRuc.looks_like(&make_ruc(30, 1)));
    }

    #[test]
    fn junk_and_metadata() {
        junk_gives_reasons(&PeRuc, &["99999999999", "00000000000"]);
        metadata(&PeRuc, "PE");
    }

    proptest! {
        #[test]
        fn generated_pass_and_single_changes_fail(p in 0usize..4, n in 0u32..100_000_000) {
            let v = make_ruc([10, 15, 17, 20][p], n);
            prop_assert!(check_ruc(&v).is_valid());
            prop_assert!(PeRuc.looks_like(&v));
            // Weights coprime with 11: a changed digit changes the remainder, and so the digit
            // unless remainders 0 and 10 (both written 1) are involved.
            prop_assume!(!v.ends_with('1'));
            for m in single_changes(&v, b"0123456789") {
                prop_assert!(!check_ruc(&m).is_valid(), "{}", m);
            }
        }
    }
}
