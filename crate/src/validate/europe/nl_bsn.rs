//! Netherlands BSN (burgerservicenummer, formerly the sofinummer).
//!
//! Layout: nine digits (older eight-digit numbers are the same number with a leading zero
//! dropped; they are padded, note `padded`). The "11-test": with weights 9, 8, …, 2 on the first
//! eight digits and −1 on the last, the sum is a multiple of 11. Every single changed digit is
//! caught (11 is prime and no weight is 0 mod 11). Nothing personal is encoded; `000000000`
//! passes the test but is never issued.
//!
//! Problems: `length`, `format`, `checksum`, `never_issued`. Notes: `padded`.
//!
//! Specification: Wet algemene bepalingen burgerservicenummer; Rijksdienst voor Identiteitsgegevens,
//! *Logisch Ontwerp BSN* (elfproef).

use super::west::{all_digits, compact, set_canonical, SEPARATORS};
use crate::checkdigit::weighted;
use crate::kinds::Kind;
use crate::validate::{Check, Context, Validator};

pub struct NlBsn;

/// Whether nine ASCII digits pass the 11-test.
pub fn eleven_test(b: &[u8]) -> bool {
    if b.len() != 9 || !all_digits(b) {
        return false;
    }
    let Some(s) = weighted::sum(&b[..8], &[9, 8, 7, 6, 5, 4, 3, 2]) else {
        return false;
    };
    (s + 10 * u32::from(b[8] - b'0')).is_multiple_of(11)
}

/// Validates a BSN; see the module documentation.
pub fn check_bsn(value: &str) -> Check {
    let mut check = Check::default();
    check.facts.country = Some("NL");
    let mut c = compact(value, SEPARATORS);
    if c.len() == 8 && all_digits(c.as_bytes()) {
        c.insert(0, '0');
        check.notes.push("padded");
    }
    let b = c.as_bytes();
    if b.len() != 9 {
        check.problems.push("length");
        return check;
    }
    if !all_digits(b) {
        check.problems.push("format");
        return check;
    }
    if !eleven_test(b) {
        check.problems.push("checksum");
    }
    if b.iter().all(|&d| d == b'0') {
        check.problems.push("never_issued");
    }
    set_canonical(&mut check, value, &c);
    check
}

impl Validator for NlBsn {
    fn id(&self) -> &'static str {
        "nl_bsn"
    }
    fn name(&self) -> &'static str {
        "Netherlands BSN (burgerservicenummer)"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, value: &str) -> bool {
        if value.len() > 12 {
            return false;
        }
        let c = compact(value, &[' ', '.']);
        let b = c.as_bytes();
        eleven_test(b) && b != b"000000000"
    }
    fn check(&self, value: &str, _ctx: &Context) -> Check {
        check_bsn(value)
    }
    fn country(&self) -> Option<&'static str> {
        Some("NL")
    }
    fn validates(&self) -> &'static str {
        "length, 11-test"
    }
    fn specification(&self) -> &'static str {
        "Wet algemene bepalingen BSN; RvIG Logisch Ontwerp BSN (elfproef)"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn problems(v: &str) -> Vec<&'static str> {
        check_bsn(v).problems
    }

    #[test]
    fn examples() {
        // 111222333: 9+8+7+12+10+8+9+6 − 3 = 66 = 6·11.
        let c = check_bsn("111222333");
        assert!(c.is_valid(), "{c:?}");
        assert!(check_bsn("1112.22.333").is_valid());
        assert_eq!(problems("111222334"), ["checksum"]);
        assert_eq!(problems("000000000"), ["never_issued"]);
        assert_eq!(problems("11122233"), ["checksum"]);
        assert_eq!(problems("1112223333"), ["length"]);
        assert_eq!(problems("11122233X"), ["format"]);
        // An eight-digit number is padded: 12345672 → 012345672.
        assert!(eleven_test(b"012345672"));
        let c = check_bsn("12345672");
        assert!(c.is_valid());
        assert_eq!(c.notes, ["padded"]);
        assert_eq!(c.facts.canonical.as_deref(), Some("012345672"));
        assert!(NlBsn.looks_like("111222333"));
        assert!(!NlBsn.looks_like("111222334"));
    }

    proptest! {
        #[test]
        fn generated_are_valid_and_single_errors_fail(n in 10_000_000u32..100_000_000, i in 0usize..9, d in 1u8..10) {
            // Choose the last digit so that the 11-test passes; 10 is impossible: skip.
            let p = format!("{n:08}");
            let s = weighted::sum(p.as_bytes(), &[9, 8, 7, 6, 5, 4, 3, 2]).unwrap() % 11;
            prop_assume!(s != 10);
            let v = format!("{p}{s}");
            prop_assert!(check_bsn(&v).is_valid(), "{}", v);
            prop_assert!(NlBsn.looks_like(&v));
            let mut m = v.into_bytes();
            m[i] = b'0' + (m[i] - b'0' + d) % 10;
            let m = String::from_utf8(m).unwrap();
            prop_assert_eq!(problems(&m), ["checksum"]);
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,20}") {
            let c = check_bsn(&s);
            let _ = NlBsn.looks_like(&s);
            prop_assert!(!c.is_valid() && !c.problems.is_empty(), "{:?}", s);
        }
    }
}
