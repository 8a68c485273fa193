//! Saudi national identity number (رقم الهوية الوطنية) and resident identity (iqama) number.
//!
//! Layout: ten digits. The first is 1 for Saudi citizens and 2 for residents (iqama holders);
//! the last is a Luhn check digit over all ten. `facts.issuer` gives citizen or resident.
//!
//! Problems: `format`, `length`, `invalid_prefix` (first digit not 1 or 2), `checksum`.
//!
//! Specification: Ministry of Interior (Saudi Arabia), Civil Status Law and Residence System —
//! national ID and iqama numbering; the check digit is the Luhn (ISO/IEC 7812-1 Annex B) digit.

use super::common::{all_digits, compact, squeeze};
use crate::checkdigit::luhn;
use crate::kinds::Kind;
use crate::validate::{Check, Context, Validator};

pub struct SaNid;

impl Validator for SaNid {
    fn id(&self) -> &'static str {
        "sa_nid"
    }
    fn name(&self) -> &'static str {
        "Saudi national ID / iqama number"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, value: &str) -> bool {
        squeeze(value, b"").is_some_and(|id| {
            id.len() == 10 && all_digits(&id) && matches!(id[0], b'1' | b'2') && luhn::is_valid(&id)
        })
    }
    fn check(&self, value: &str, _ctx: &Context) -> Check {
        let mut check = Check::default();
        let Some(id) = compact(value, b"", &mut check, |n| n == 10) else {
            return check;
        };
        if !all_digits(&id) {
            check.problems.push("format");
            return check;
        }
        check.facts.country = Some("SA");
        match id[0] {
            b'1' => check.facts.issuer = Some("citizen".to_owned()),
            b'2' => check.facts.issuer = Some("resident (iqama)".to_owned()),
            _ => check.problems.push("invalid_prefix"),
        }
        if !luhn::is_valid(&id) {
            check.problems.push("checksum");
        }
        check
    }
    fn country(&self) -> Option<&'static str> {
        Some("SA")
    }
    fn validates(&self) -> &'static str {
        "length, first digit 1/2, Luhn check digit"
    }
    fn extracts(&self) -> &'static str {
        "citizen or resident"
    }
    fn specification(&self) -> &'static str {
        "Ministry of Interior (Saudi Arabia): national ID / iqama numbering with Luhn check digit"
    }
}

#[cfg(test)]
mod tests {
    use super::super::common::testing::{ctx, junk, problems, substitutions_fail};
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn synthetic_examples() {
        // 112345678: Luhn sum 40, check digit 0; 212345678: 42, check 8.
        let c = SaNid.check("1123456780", &ctx());
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.issuer.as_deref(), Some("citizen"));
        let c = SaNid.check("2123456788", &ctx());
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.issuer.as_deref(), Some("resident (iqama)"));
        assert_eq!(problems(&SaNid, "1123456781"), ["checksum"]);
        assert_eq!(problems(&SaNid, "3123456786"), ["invalid_prefix"]);
        assert_eq!(problems(&SaNid, "112345678"), ["length"]);
        assert!(SaNid.looks_like("1123456780"));
        assert!(!SaNid.looks_like("3123456786"));
        substitutions_fail(&SaNid, "1123456780", 1..10, b"0123456789");
    }

    proptest! {
        #[test]
        fn generated_are_valid(p in 1u32..3, n in 0u32..100_000_000) {
            let body = format!("{p}{n:08}");
            let c = luhn::check_digit(body.as_bytes()).unwrap();
            let id = format!("{body}{c}");
            prop_assert!(problems(&SaNid, &id).is_empty());
            prop_assert!(SaNid.looks_like(&id));
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,20}") {
            junk(&SaNid, &s);
        }
    }
}
