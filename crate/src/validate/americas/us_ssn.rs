//! United States Social Security number (SSN).
//!
//! Layout: `AAA-GG-SSSS` — area, group, serial; nine digits, no check digit.
//!
//! The Social Security Administration never issues area `000`, `666` or `900`–`999`
//! (the 9xx range holds ITINs and other taxpayer numbers), group `00` or serial `0000`: such a
//! number is `never_issued`. Numbers printed on sample cards and in advertising and later used
//! by many people (`078-05-1120`, the Woolworth wallet card of 1938; `219-09-9999`, an SSA
//! pamphlet; `457-55-5462`, a 2007 advertising campaign) are `advertising_number`; SSA reserved
//! `987-65-4320`–`987-65-4329` for advertising, already inside the never-issued 9xx range.
//!
//! # No state
//! Until 2011 the area number followed the state of the mailing address on the application.
//! Since **2011-06-25** ("SSN randomization") numbers are assigned at random from all areas
//! except 000, 666 and 900–999, so the area says nothing about the state of any number that may
//! have been issued since — which is every number — and no state is extracted. Areas that were
//! never assigned before randomisation (734–749 and 773–899) can only come from it: the note
//! `issued_after_2011` says so.
//!
//! Specification: Social Security Administration, "Social Security Number Randomization"
//! (<https://www.ssa.gov/employer/randomization.html>) and POMS RM 10201.060 (area numbers);
//! SSA history page on the Woolworth card (<https://www.ssa.gov/history/ssn/misused.html>).

use super::{matches_mask, number, start};
use crate::kinds::Kind;
use crate::validate::{Check, Context, Validator};

pub struct UsSsn;

/// Numbers published in advertising or on sample cards.
const ADVERTISING: &[&str] = &["078051120", "219099999", "457555462"];

/// Validates an SSN; see the module documentation.
pub fn check_ssn(value: &str) -> Check {
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
    let (area, group, serial) = (
        number(b.get(..3).unwrap_or(&[])),
        number(b.get(3..5).unwrap_or(&[])),
        number(b.get(5..).unwrap_or(&[])),
    );
    if area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0 {
        check.problems.push("never_issued");
    } else if ADVERTISING.contains(&c.as_str()) {
        check.problems.push("advertising_number");
    } else if (734..=749).contains(&area) || (773..=899).contains(&area) {
        check.notes.push("issued_after_2011");
    }
    check
}

impl Validator for UsSsn {
    fn id(&self) -> &'static str {
        "us_ssn"
    }
    fn name(&self) -> &'static str {
        "United States Social Security number"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    /// Only the written `AAA-GG-SSSS` (or spaced) layout outside the 9xx areas: nine plain
    /// digits carry no check digit and say nothing on their own (a header names them).
    fn looks_like(&self, value: &str) -> bool {
        (matches_mask(value, "999-99-9999") || matches_mask(value, "999 99 9999"))
            && !value.starts_with('9')
    }
    fn check(&self, value: &str, _ctx: &Context) -> Check {
        check_ssn(value)
    }
    fn country(&self) -> Option<&'static str> {
        Some("US")
    }
    fn validates(&self) -> &'static str {
        "length, never-issued area/group/serial, advertising numbers"
    }
    fn extracts(&self) -> &'static str {
        "whether issued after 2011 (areas unused before randomisation); no state"
    }
    fn specification(&self) -> &'static str {
        "SSA, Social Security Number Randomization (2011); POMS RM 10201.060"
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::*;
    use proptest::prelude::*;

    fn problems(v: &str) -> Vec<&'static str> {
        check_ssn(v).problems
    }

    #[test]
    fn valid_and_never_issued() {
        let c = check_ssn("123-45-6789");
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.canonical.as_deref(), Some("123456789"));
        assert_eq!(c.facts.country, Some("US"));
        assert!(check_ssn("123456789").facts.canonical.is_none());
        assert!(check_ssn("665 01 0001").is_valid());
        for v in ["000-12-3456", "666-12-3456", "900-12-3456", "999-70-1234"] {
            assert_eq!(problems(v), ["never_issued"], "{v}");
        }
        assert_eq!(problems("123-00-4567"), ["never_issued"]);
        assert_eq!(problems("123-45-0000"), ["never_issued"]);
        assert_eq!(problems("078-05-1120"), ["advertising_number"]);
        assert_eq!(problems("219-09-9999"), ["advertising_number"]);
    }

    #[test]
    fn post_2011_areas() {
        assert_eq!(check_ssn("800-12-3456").notes, ["issued_after_2011"]);
        assert_eq!(check_ssn("740-12-3456").notes, ["issued_after_2011"]);
        assert!(check_ssn("772-12-3456").notes.is_empty());
        assert!(check_ssn("733-12-3456").notes.is_empty());
        // No state is ever extracted.
        assert_eq!(check_ssn("001-01-0001").facts.issuer, None);
    }

    #[test]
    fn shape() {
        assert_eq!(problems("12345678"), ["length"]);
        assert_eq!(problems("1234567890"), ["length"]);
        assert_eq!(problems("12A-45-6789"), ["format"]);
        assert_eq!(problems("123_45_6789"), ["format"]);
        assert!(UsSsn.looks_like("123-45-6789"));
        assert!(UsSsn.looks_like("000-00-0000"));
        assert!(!UsSsn.looks_like("923-45-6789"));
        assert!(!UsSsn.looks_like("123456789"));
        assert!(!UsSsn.looks_like("12-345-6789"));
    }

    #[test]
    fn junk_and_metadata() {
        junk_gives_reasons(&UsSsn, &["999999999", "000000000"]);
        metadata(&UsSsn, "US");
    }

    proptest! {
        #[test]
        fn issued_ranges_pass(area in 1u32..900, group in 1u32..100, serial in 1u32..10000) {
            prop_assume!(area != 666);
            let v = format!("{area:03}-{group:02}-{serial:04}");
            prop_assume!(!ADVERTISING.contains(&v.replace('-', "").as_str()));
            prop_assert!(check_ssn(&v).is_valid());
            prop_assert!(UsSsn.looks_like(&v));
        }

        #[test]
        fn any_input_gives_reason_or_passes(s in "\\PC{0,15}") {
            let c = check_ssn(&s);
            let digits: String = s.chars().filter(|c| !" -./".contains(*c)).collect();
            if digits.len() != 9 || !digits.bytes().all(|b| b.is_ascii_digit()) {
                prop_assert!(!c.problems.is_empty());
            }
        }
    }
}
