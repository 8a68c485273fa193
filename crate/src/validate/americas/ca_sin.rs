//! Canadian Social Insurance Number (SIN).
//!
//! Layout: `123 456 782` — nine digits, the last a Luhn check digit (ISO/IEC 7812-1 Annex B).
//! The first digit names the province of registration: 1 New Brunswick, Newfoundland and
//! Labrador, Nova Scotia, Prince Edward Island; 2–3 Quebec; 4–5 Ontario; 6 Alberta, Manitoba,
//! Saskatchewan, Northwest Territories, Nunavut (and northwestern Ontario); 7 British Columbia,
//! Yukon; 9 temporary residents (a SIN with an expiry date). 0 and 8 are not used for persons:
//! `invalid_prefix`.
//!
//! Problems: `length`, `format`, `checksum`, `invalid_prefix`. Note: `temporary_resident`.
//! Extracts the province group of registration as `issuer` (historical: Service Canada has
//! supplied numbers of one region to another).
//!
//! Specification: Employment and Social Development Canada, "Social Insurance Number — Code of
//! Practice" and the SIN validation guidance of Service Canada (fictitious example
//! `046 454 286`).

use super::{matches_mask, start};
use crate::checkdigit::luhn;
use crate::kinds::Kind;
use crate::validate::{Check, Context, Validator};

pub struct CaSin;

/// The province group registered for first digit `d`.
fn province(d: u8) -> Option<&'static str> {
    Some(match d {
        b'1' => "NB, NL, NS, PE",
        b'2' | b'3' => "QC",
        b'4' | b'5' => "ON",
        b'6' => "AB, MB, SK, NT, NU",
        b'7' => "BC, YT",
        b'9' => "temporary resident",
        _ => return None,
    })
}

/// Validates a SIN; see the module documentation.
pub fn check_sin(value: &str) -> Check {
    let (mut check, c) = match start(value, &[9]) {
        Ok(x) => x,
        Err(e) => return Check::invalid(e),
    };
    let b = c.bytes();
    check.facts.country = Some("CA");
    if !b.iter().all(u8::is_ascii_digit) {
        check.problems.push("format");
        return check;
    }
    if !luhn::is_valid(b) {
        check.problems.push("checksum");
    }
    let first = b.first().copied().unwrap_or(b'0');
    match province(first) {
        Some(p) => check.facts.issuer = Some(p.to_owned()),
        None => check.problems.push("invalid_prefix"),
    }
    if first == b'9' {
        check.notes.push("temporary_resident");
    }
    check
}

impl Validator for CaSin {
    fn id(&self) -> &'static str {
        "ca_sin"
    }
    fn name(&self) -> &'static str {
        "Canadian Social Insurance Number"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    /// Nine digits (plain or `3-3-3`) with a used first digit and a correct Luhn digit.
    fn looks_like(&self, value: &str) -> bool {
        let shape = value.len() == 9 && value.bytes().all(|b| b.is_ascii_digit())
            || matches_mask(value, "999 999 999")
            || matches_mask(value, "999-999-999");
        shape && {
            let c = check_sin(value);
            c.is_valid()
        }
    }
    fn check(&self, value: &str, _ctx: &Context) -> Check {
        check_sin(value)
    }
    fn country(&self) -> Option<&'static str> {
        Some("CA")
    }
    fn validates(&self) -> &'static str {
        "length, Luhn check digit, first digit in use"
    }
    fn extracts(&self) -> &'static str {
        "province group of registration, temporary resident"
    }
    fn specification(&self) -> &'static str {
        "ESDC, Social Insurance Number Code of Practice; Luhn (ISO/IEC 7812-1 Annex B)"
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::*;
    use proptest::prelude::*;

    fn problems(v: &str) -> Vec<&'static str> {
        check_sin(v).problems
    }

    /// A SIN with first digit `first` and payload `rest` (7 digits).
    fn make(first: u32, rest: u32) -> String {
        let body = format!("{first}{rest:07}");
        let d = luhn::check_digit(body.as_bytes()).unwrap();
        format!("{body}{d}")
    }

    #[test]
    fn official_example_and_provinces() {
        // Service Canada's fictitious example passes Luhn but 0 is not a province digit.
        assert_eq!(problems("046 454 286"), ["invalid_prefix"]);
        let v = make(1, 2_345_678);
        let c = check_sin(&v);
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.issuer.as_deref(), Some("NB, NL, NS, PE"));
        let c = check_sin(&make(9, 1));
        assert!(c.is_valid());
        assert_eq!(c.notes, ["temporary_resident"]);
        assert_eq!(problems(&make(8, 5)), ["invalid_prefix"]);
        assert!(!CaSin.looks_like(&make(8, 5)));
    }

    #[test]
    fn shape_and_checksum() {
        assert_eq!(problems("123456789"), ["checksum"]);
        assert_eq!(problems("12345678"), ["length"]);
        assert_eq!(problems("12345678A"), ["format"]);
        let v = make(4, 1_234_567);
        let spaced = format!("{} {} {}", &v[..3], &v[3..6], &v[6..]);
        assert!(CaSin.looks_like(&spaced));
        assert_eq!(
            check_sin(&spaced).facts.canonical.as_deref(),
            Some(v.as_str())
        );
        assert!(!CaSin.looks_like("123456789"));
    }

    #[test]
    fn junk_and_metadata() {
        junk_gives_reasons(&CaSin, &["000000000"]);
        metadata(&CaSin, "CA");
    }

    proptest! {
        #[test]
        fn generated_pass_and_single_changes_fail(first in 1u32..10, rest in 0u32..10_000_000) {
            prop_assume!(first != 8);
            let v = make(first, rest);
            prop_assert!(check_sin(&v).is_valid());
            prop_assert!(CaSin.looks_like(&v));
            for m in single_changes(&v, b"0123456789") {
                // Luhn catches every single-digit substitution.
                prop_assert!(!check_sin(&m).is_valid(), "{}", m);
            }
        }
    }
}
