//! United Arab Emirates identity card number (Emirates ID).
//!
//! Layout: `784-YYYY-NNNNNNN-C`, fifteen digits: 784 (the ISO 3166-1 numeric code of the UAE),
//! the holder's year of birth, a seven-digit serial and a Luhn check digit over all fifteen.
//! The birth year is checked (`date_after_reference` when after the reference date's year,
//! `date_too_old` before 1900) but, being a year only, not put in `facts.date`.
//!
//! Problems: `format`, `length`, `invalid_prefix` (not 784), `checksum`,
//! `date_after_reference`, `date_too_old`.
//!
//! Specification: Federal Authority for Identity, Citizenship, Customs and Port Security (ICP),
//! Emirates ID card number structure; Federal Law 9/2006 on the Population Register and
//! Identity Card.

use super::common::{all_digits, compact, num, squeeze};
use crate::checkdigit::luhn;
use crate::kinds::Kind;
use crate::validate::date::MIN_BIRTH_YEAR;
use crate::validate::{Check, Context, Validator};

pub struct AeEid;

impl Validator for AeEid {
    fn id(&self) -> &'static str {
        "ae_eid"
    }
    fn name(&self) -> &'static str {
        "UAE Emirates ID number"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, value: &str) -> bool {
        squeeze(value, b"").is_some_and(|id| {
            id.len() == 15 && all_digits(&id) && id.starts_with(b"784") && luhn::is_valid(&id)
        })
    }
    fn check(&self, value: &str, ctx: &Context) -> Check {
        let mut check = Check::default();
        let Some(id) = compact(value, b"", &mut check, |n| n == 15) else {
            return check;
        };
        if !all_digits(&id) {
            check.problems.push("format");
            return check;
        }
        check.facts.country = Some("AE");
        if !id.starts_with(b"784") {
            check.problems.push("invalid_prefix");
        }
        if !luhn::is_valid(&id) {
            check.problems.push("checksum");
        }
        let year = num(&id[3..7]) as i32;
        if year > ctx.reference_date.year {
            check.problems.push("date_after_reference");
        } else if year < MIN_BIRTH_YEAR {
            check.problems.push("date_too_old");
        }
        check
    }
    fn country(&self) -> Option<&'static str> {
        Some("AE")
    }
    fn validates(&self) -> &'static str {
        "length, prefix 784, birth year, Luhn check digit"
    }
    fn specification(&self) -> &'static str {
        "ICP (UAE): Emirates ID number structure; Federal Law 9/2006"
    }
}

#[cfg(test)]
mod tests {
    use super::super::common::testing::{ctx, junk, problems, substitutions_fail};
    use super::*;
    use proptest::prelude::*;

    fn make(year: u32, serial: u32) -> String {
        let body = format!("784{year:04}{serial:07}");
        let c = luhn::check_digit(body.as_bytes()).unwrap();
        format!("{body}{c}")
    }

    #[test]
    fn synthetic_examples() {
        let id = make(1985, 1_234_567);
        let c = AeEid.check(&id, &ctx());
        assert!(c.is_valid(), "{c:?}");
        let printed = format!("{}-{}-{}-{}", &id[..3], &id[3..7], &id[7..14], &id[14..]);
        assert!(problems(&AeEid, &printed).is_empty());
        assert!(AeEid.looks_like(&printed));
        assert_eq!(problems(&AeEid, &make(2030, 1)), ["date_after_reference"]);
        assert_eq!(problems(&AeEid, &make(1850, 1)), ["date_too_old"]);
        // Same Luhn sum with another prefix: 785 changes the sum, 784 → 874 keeps digits.
        let mut other = id.clone().into_bytes();
        other.swap(0, 1);
        let other = String::from_utf8(other).unwrap();
        assert!(problems(&AeEid, &other).contains(&"invalid_prefix"));
        assert_eq!(problems(&AeEid, "78419851234567"), ["length"]);
        substitutions_fail(&AeEid, &id, 7..15, b"0123456789");
    }

    proptest! {
        #[test]
        fn generated_are_valid(y in 1900u32..2023, n in 0u32..10_000_000) {
            let id = make(y, n);
            prop_assert!(problems(&AeEid, &id).is_empty());
            prop_assert!(AeEid.looks_like(&id));
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,20}") {
            junk(&AeEid, &s);
        }
    }
}
