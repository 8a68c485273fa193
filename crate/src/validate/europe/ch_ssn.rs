//! Switzerland AHV/AVS number (AHVN13, the social security number since 2008).
//!
//! Layout: `756.XXXX.XXXX.XC` — thirteen digits: the country prefix 756 (ISO 3166 Switzerland),
//! nine digits of a random, meaningless number, and an EAN-13 check digit (the digits weighted
//! 1, 3, 1, 3, … from the left; the check digit brings the sum to a multiple of 10). Every single
//! changed digit is caught. Nothing personal is encoded (unlike the eleven-digit AHV number
//! used until 2008, which is not accepted here).
//!
//! Problems: `length`, `format`, `invalid_prefix`, `checksum`.
//!
//! Specification: Bundesgesetz über die Alters- und Hinterlassenenversicherung (AHVG) Art. 50c;
//! Zentrale Ausgleichsstelle (ZAS), *Die AHV-Nummer* (structure, EAN-13 check digit); GS1
//! General Specifications (EAN-13 check digit).

use super::west::{all_digits, compact, set_canonical, SEPARATORS};
use crate::checkdigit::weighted;
use crate::kinds::Kind;
use crate::validate::{Check, Context, Validator};

pub struct ChSsn;

/// The EAN-13 check digit of twelve ASCII digits.
pub fn ean13_check_digit(payload: &[u8]) -> Option<u8> {
    let s = weighted::sum(payload, &[1, 3]).filter(|_| payload.len() == 12)?;
    Some(((10 - s % 10) % 10) as u8)
}

fn ean_ok(b: &[u8]) -> bool {
    b.len() == 13 && ean13_check_digit(&b[..12]).map(|d| b'0' + d) == Some(b[12])
}

/// Validates an AHV number; see the module documentation.
pub fn check_ahv(value: &str) -> Check {
    let mut check = Check::default();
    check.facts.country = Some("CH");
    let c = compact(value, SEPARATORS);
    let b = c.as_bytes();
    if b.len() != 13 {
        check.problems.push("length");
        return check;
    }
    if !all_digits(b) {
        check.problems.push("format");
        return check;
    }
    if !b.starts_with(b"756") {
        check.problems.push("invalid_prefix");
    }
    if !ean_ok(b) {
        check.problems.push("checksum");
    }
    set_canonical(&mut check, value, &c);
    check
}

impl Validator for ChSsn {
    fn id(&self) -> &'static str {
        "ch_ssn"
    }
    fn name(&self) -> &'static str {
        "Switzerland AHV/AVS number (AHVN13)"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, value: &str) -> bool {
        if value.len() > 18 {
            return false;
        }
        let c = compact(value, &[' ', '.']);
        let b = c.as_bytes();
        all_digits(b) && b.starts_with(b"756") && ean_ok(b)
    }
    fn check(&self, value: &str, _ctx: &Context) -> Check {
        check_ahv(value)
    }
    fn country(&self) -> Option<&'static str> {
        Some("CH")
    }
    fn validates(&self) -> &'static str {
        "length, prefix 756, EAN-13 check digit"
    }
    fn specification(&self) -> &'static str {
        "AHVG Art. 50c; ZAS: Die AHV-Nummer (AHVN13, EAN-13 check digit)"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn problems(v: &str) -> Vec<&'static str> {
        check_ahv(v).problems
    }

    #[test]
    fn examples() {
        // The commonly shown specimen number 756.1234.5678.97.
        assert_eq!(ean13_check_digit(b"756123456789"), Some(7));
        let c = check_ahv("756.1234.5678.97");
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.canonical.as_deref(), Some("7561234567897"));
        assert_eq!(problems("756.1234.5678.98"), ["checksum"]);
        let v = format!(
            "757123456789{}",
            ean13_check_digit(b"757123456789").unwrap()
        );
        assert_eq!(problems(&v), ["invalid_prefix"]);
        assert_eq!(problems("756.1234.5678.9"), ["length"]);
        assert_eq!(problems("756.1234.5678.9X"), ["format"]);
        assert!(ChSsn.looks_like("756.1234.5678.97"));
        assert!(
            !ChSsn.looks_like("4006381333931"),
            "an EAN-13 barcode is not an AHV number"
        );
    }

    proptest! {
        #[test]
        fn generated_are_valid_and_single_errors_fail(n in 0u32..1_000_000_000, i in 0usize..13, d in 1u8..10) {
            let p = format!("756{n:09}");
            let v = format!("{p}{}", ean13_check_digit(p.as_bytes()).unwrap());
            prop_assert!(check_ahv(&v).is_valid(), "{}", v);
            prop_assert!(ChSsn.looks_like(&v));
            let mut m = v.into_bytes();
            m[i] = b'0' + (m[i] - b'0' + d) % 10;
            let m = String::from_utf8(m).unwrap();
            prop_assert!(problems(&m).contains(&"checksum"), "{}", m);
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,20}") {
            let c = check_ahv(&s);
            let _ = ChSsn.looks_like(&s);
            prop_assert!(!c.is_valid() && !c.problems.is_empty(), "{:?}", s);
        }
    }
}
