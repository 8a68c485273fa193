//! Indian Aadhaar number (issued by the Unique Identification Authority of India, UIDAI).
//!
//! Layout: twelve digits, printed `2345 6789 0124`: eleven random digits, the first never 0 or
//! 1, and a Verhoeff check digit. The number encodes nothing about its holder.
//!
//! Problems: `format`, `length`, `invalid_prefix` (first digit 0 or 1), `checksum`.
//!
//! Specification: UIDAI, *Aadhaar Number* (Aadhaar (Enrolment and Update) Regulations, 2016;
//! UIDAI technical documentation: 12 digits, first digit 2–9, last digit Verhoeff).

use super::common::{all_digits, compact, squeeze};
use crate::checkdigit::verhoeff;
use crate::kinds::Kind;
use crate::validate::{Check, Context, Validator};

pub struct InAadhaar;

impl Validator for InAadhaar {
    fn id(&self) -> &'static str {
        "in_aadhaar"
    }
    fn name(&self) -> &'static str {
        "Indian Aadhaar number"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, value: &str) -> bool {
        squeeze(value, b"").is_some_and(|id| {
            id.len() == 12 && all_digits(&id) && id[0] >= b'2' && verhoeff::is_valid(&id)
        })
    }
    fn check(&self, value: &str, _ctx: &Context) -> Check {
        let mut check = Check::default();
        let Some(id) = compact(value, b"", &mut check, |n| n == 12) else {
            return check;
        };
        if !all_digits(&id) {
            check.problems.push("format");
            return check;
        }
        check.facts.country = Some("IN");
        if id[0] < b'2' {
            check.problems.push("invalid_prefix");
        }
        if !verhoeff::is_valid(&id) {
            check.problems.push("checksum");
        }
        check
    }
    fn country(&self) -> Option<&'static str> {
        Some("IN")
    }
    fn validates(&self) -> &'static str {
        "length, first digit 2-9, Verhoeff check digit"
    }
    fn specification(&self) -> &'static str {
        "UIDAI (India): 12-digit Aadhaar number, first digit 2-9, Verhoeff check digit"
    }
}

#[cfg(test)]
mod tests {
    use super::super::common::testing::{ctx, junk, problems, substitutions_fail};
    use super::*;
    use proptest::prelude::*;

    fn make(body: &str) -> String {
        let c = verhoeff::check_digit(body.as_bytes()).unwrap();
        format!("{body}{c}")
    }

    #[test]
    fn synthetic_examples() {
        let id = make("23456789012");
        let c = InAadhaar.check(&id, &ctx());
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.country, Some("IN"));
        let spaced = format!("{} {} {}", &id[..4], &id[4..8], &id[8..]);
        assert!(problems(&InAadhaar, &spaced).is_empty());
        assert!(InAadhaar.looks_like(&spaced));
        let low = make("13456789012");
        assert_eq!(problems(&InAadhaar, &low), ["invalid_prefix"]);
        assert!(!InAadhaar.looks_like(&low));
        assert_eq!(problems(&InAadhaar, "23456789012"), ["length"]);
        assert_eq!(problems(&InAadhaar, "2345678901X2"), ["format"]);
    }

    #[test]
    fn all_single_substitutions_fail() {
        for body in ["23456789012", "99999999999", "50000000000"] {
            let id = make(body);
            substitutions_fail(&InAadhaar, &id, 0..12, b"0123456789");
        }
    }

    proptest! {
        #[test]
        fn generated_are_valid(n in 20_000_000_000u64..100_000_000_000, i in 0usize..11) {
            let id = make(&n.to_string());
            prop_assert!(problems(&InAadhaar, &id).is_empty());
            prop_assert!(InAadhaar.looks_like(&id));
            // Verhoeff catches every adjacent transposition.
            let mut m = id.clone().into_bytes();
            if m[i] != m[i + 1] {
                m.swap(i, i + 1);
                let m = String::from_utf8(m).unwrap();
                prop_assert!(problems(&InAadhaar, &m).contains(&"checksum"));
            }
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,20}") {
            junk(&InAadhaar, &s);
        }
    }
}
