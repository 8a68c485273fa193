//! United States Individual Taxpayer Identification Number (ITIN).
//!
//! Layout: `9AA-GG-SSSS`, nine digits without a check digit, always beginning with 9. The IRS
//! issues ITINs only with the middle two digits (group) in 50–65, 70–88, 90–92 or 94–99; other
//! 9xx numbers (e.g. ATINs with group 93) are not ITINs.
//!
//! Problems: `length`, `format`, `invalid_prefix` (not 9), `invalid_group`.
//!
//! Look-alikes in the same 9xx space are not ITINs: IRS numbers (IRSN, groups 01–10, 17–19,
//! 28–29, 37–39) and adoption taxpayer numbers (ATIN, group 93).
//!
//! Specification: IRS, "Individual Taxpayer Identification Number (ITIN)"
//! (<https://www.irs.gov/individuals/individual-taxpayer-identification-number>): nine digits
//! beginning with 9, fourth and fifth digits in 50–65, 70–88, 90–92 or 94–99.

use super::{matches_mask, number, start};
use crate::kinds::Kind;
use crate::validate::{Check, Context, Validator};

pub struct UsItin;

/// Whether `group` is a group the IRS issues ITINs in.
pub fn itin_group(group: u32) -> bool {
    matches!(group, 50..=65 | 70..=88 | 90..=92 | 94..=99)
}

/// Validates an ITIN; see the module documentation.
pub fn check_itin(value: &str) -> Check {
    let (mut check, c) = match start(value, &[9]) {
        Ok(x) => x,
        Err(e) => return Check::invalid(e),
    };
    let b = c.bytes();
    check.facts.country = Some("US");
    if !b.iter().all(u8::is_ascii_digit) {
        check.problems.push("format");
        return check;
    }
    if b.first() != Some(&b'9') {
        check.problems.push("invalid_prefix");
    }
    if !itin_group(number(b.get(3..5).unwrap_or(&[]))) {
        check.problems.push("invalid_group");
    }
    check
}

impl Validator for UsItin {
    fn id(&self) -> &'static str {
        "us_itin"
    }
    fn name(&self) -> &'static str {
        "United States Individual Taxpayer Identification Number"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    /// The written `9AA-GG-SSSS` layout with an ITIN group.
    fn looks_like(&self, value: &str) -> bool {
        (matches_mask(value, "999-99-9999") || matches_mask(value, "999 99 9999"))
            && value.starts_with('9')
            && itin_group(number(value.as_bytes().get(4..6).unwrap_or(&[])))
    }
    fn check(&self, value: &str, _ctx: &Context) -> Check {
        check_itin(value)
    }
    fn country(&self) -> Option<&'static str> {
        Some("US")
    }
    fn validates(&self) -> &'static str {
        "length, leading 9, IRS group ranges"
    }
    fn specification(&self) -> &'static str {
        "IRS, Individual Taxpayer Identification Number (irs.gov ITIN page)"
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::*;
    use proptest::prelude::*;

    fn problems(v: &str) -> Vec<&'static str> {
        check_itin(v).problems
    }

    #[test]
    fn ranges() {
        for v in [
            "900-70-0000",
            "912-50-1234",
            "999-65-1234",
            "955-88-1234",
            "900-90-1234",
        ] {
            assert!(check_itin(v).is_valid(), "{v}");
            assert!(UsItin.looks_like(v), "{v}");
        }
        for v in [
            "900-49-1234",
            "900-66-1234",
            "900-69-1234",
            "900-89-1234",
            "900-93-1234",
        ] {
            assert_eq!(problems(v), ["invalid_group"], "{v}");
            assert!(!UsItin.looks_like(v), "{v}");
        }
        assert_eq!(problems("800-70-1234"), ["invalid_prefix"]);
        assert_eq!(problems("800-93-1234"), ["invalid_prefix", "invalid_group"]);
        assert_eq!(problems("90070123"), ["length"]);
        assert_eq!(problems("900-7O-1234"), ["format"]);
        assert_eq!(
            check_itin("900 70 1234").facts.canonical.as_deref(),
            Some("900701234")
        );
        assert!(!UsItin.looks_like("900701234"));
    }

    #[test]
    fn junk_and_metadata() {
        junk_gives_reasons(&UsItin, &["899999999"]);
        metadata(&UsItin, "US");
    }

    proptest! {
        #[test]
        fn generated_itins_pass(area in 0u32..100, group in 50u32..100, serial in 0u32..10000) {
            let v = format!("9{area:02}-{group:02}-{serial:04}");
            prop_assert_eq!(check_itin(&v).is_valid(), itin_group(group));
            prop_assert_eq!(UsItin.looks_like(&v), itin_group(group));
        }
    }
}
