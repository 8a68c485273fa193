//! Taiwan resident certificate number (居留證統一證號 / UI number) of foreign nationals, residents
//! from Hong Kong, Macau and mainland China, and nationals without household registration.
//!
//! Two formats are in use:
//! * **old** (issued until 2020): `L S DDDDDDD C` with a letter as second character — A or C for
//!   men, B or D for women — e.g. `AC01234567`;
//! * **new** (issued since 2 January 2021, same shape as the national ID): the second character
//!   is 8 for men and 9 for women, e.g. `A800000014`.
//!
//! Check: as for the national ID ([`super::tw_nid`]): the first letter becomes its two-digit
//! code weighted 1, 9; the second character is weighted 8 — as a digit in the new format, and as
//! the last digit of its letter code (A = 0, B = 1, C = 2, D = 3) in the old one; the remaining
//! digits are weighted 7 … 1 and the check digit 1; the sum is a multiple of 10.
//!
//! Problems: `format`, `length`, `checksum`. `facts.coding`: `old_format` or `new_format`.
//!
//! Specification: National Immigration Agency (Taiwan), 新式統一證號 (new UI number format,
//! 2021) and the old resident certificate numbering.

use super::common::{all_digits, compact, squeeze};
use super::tw_nid::{checksum, letter};
use crate::kinds::Kind;
use crate::validate::{Check, Context, Sex, Validator};

pub struct TwArc;

/// The weight-8 value, sex and coding of the second character.
fn second(c: u8) -> Option<(u32, Sex, &'static str)> {
    Some(match c {
        b'A' => (0, Sex::Male, "old_format"),
        b'B' => (1, Sex::Female, "old_format"),
        b'C' => (2, Sex::Male, "old_format"),
        b'D' => (3, Sex::Female, "old_format"),
        b'8' => (8, Sex::Male, "new_format"),
        b'9' => (9, Sex::Female, "new_format"),
        _ => return None,
    })
}

fn parts(id: &[u8]) -> Option<(u32, Sex, &'static str)> {
    if id.len() != 10 || letter(id[0]).is_none() || !all_digits(&id[2..]) {
        return None;
    }
    second(id[1])
}

impl Validator for TwArc {
    fn id(&self) -> &'static str {
        "tw_arc"
    }
    fn name(&self) -> &'static str {
        "Taiwan resident certificate number (UI number, old and new formats)"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, value: &str) -> bool {
        squeeze(value, b"")
            .is_some_and(|id| parts(&id).is_some_and(|(v, _, _)| checksum(&id, v) == Some(0)))
    }
    fn check(&self, value: &str, _ctx: &Context) -> Check {
        let mut check = Check::default();
        let Some(id) = compact(value, b"", &mut check, |n| n == 10) else {
            return check;
        };
        check.facts.country = Some("TW");
        let Some((v, sex, coding)) = parts(&id) else {
            check.problems.push("format");
            return check;
        };
        if checksum(&id, v) != Some(0) {
            check.problems.push("checksum");
        }
        check.facts.sex = Some(sex);
        check.facts.coding = Some(coding);
        check.facts.issuer = letter(id[0]).map(|(_, area)| area.to_owned());
        check
    }
    fn country(&self) -> Option<&'static str> {
        Some("TW")
    }
    fn validates(&self) -> &'static str {
        "length, old or new layout, sex character, weighted mod 10 check digit"
    }
    fn extracts(&self) -> &'static str {
        "sex, format generation"
    }
    fn specification(&self) -> &'static str {
        "National Immigration Agency (Taiwan), UI number formats (new format from 2021-01-02)"
    }
}

/// A valid number from a first letter, second character and seven serial digits (for tests
/// and fixtures).
pub fn make(first: u8, second_char: u8, serial: u32) -> Option<String> {
    let (v, _, _) = second(second_char)?;
    let body = format!(
        "{}{}{:07}",
        first as char,
        second_char as char,
        serial % 10_000_000
    );
    let mut id = body.clone().into_bytes();
    id.push(b'0');
    let r = checksum(&id, v)?;
    Some(format!("{body}{}", (10 - r) % 10))
}

#[cfg(test)]
mod tests {
    use super::super::common::testing::{ctx, junk, problems, substitutions_fail};
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn both_formats() {
        // New format: A8 0000001 → 1·1 + 0·9 + 8·8 + 1·1 = 66, check 4.
        let c = TwArc.check("A800000014", &ctx());
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.coding, Some("new_format"));
        assert_eq!(c.facts.sex, Some(Sex::Male));
        // Old format: A C 0123456 → 1 + 0 + 2·8 + 0 + 6 + 10 + 12 + 12 + 10 + 6 = 73, check 7.
        let c = TwArc.check("AC01234567", &ctx());
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.coding, Some("old_format"));
        assert_eq!(problems(&TwArc, "AC01234568"), ["checksum"]);
        assert_eq!(problems(&TwArc, "AE01234567"), ["format"]);
        assert_eq!(problems(&TwArc, "A123456789"), ["format"]);
        assert_eq!(problems(&TwArc, "A80000001"), ["length"]);
        let c = TwArc.check("B900000000", &ctx());
        assert_eq!(c.facts.sex, Some(Sex::Female));
        assert!(TwArc.looks_like("ac01234567"));
        assert!(!TwArc.looks_like("A123456789"));
    }

    #[test]
    fn check_digit_substitutions_fail() {
        for id in ["A800000014", "AC01234567"] {
            substitutions_fail(&TwArc, id, 9..10, b"0123456789");
        }
    }

    proptest! {
        #[test]
        fn generated_are_valid(l in 0u8..26, s in prop::sample::select(b"ABCD89".to_vec()), n in 0u32..10_000_000) {
            let id = make(b'A' + l, s, n).unwrap();
            let c = TwArc.check(&id, &ctx());
            prop_assert!(c.is_valid(), "{} {:?}", id, c);
            prop_assert!(TwArc.looks_like(&id));
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,20}") {
            junk(&TwArc, &s);
        }
    }
}
