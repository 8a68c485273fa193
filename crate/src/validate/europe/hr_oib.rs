//! Croatia: OIB (osobni identifikacijski broj), the personal identification number of persons
//! and legal entities.
//!
//! Layout: ten digits assigned at random and one check digit; it encodes nothing about its
//! holder. It may be written with the prefix `HR` (as in VAT numbers).
//!
//! Check: ISO 7064 MOD 11,10 over the first ten digits, which catches every single-digit
//! error.
//!
//! Problems: `format`, `length`, `checksum`. Extracts the country only.
//!
//! Specification: Zakon o osobnom identifikacijskom broju (NN 60/08) and the Tax
//! Administration's technical specification of the OIB (check digit per ISO 7064, MOD 11,10).

use super::ce_util::{read, shape, start};
use crate::checkdigit::iso7064::mod11_10_is_valid;
use crate::kinds::Kind;
use crate::validate::{Check, Context, Validator};

pub struct HrOib;

/// The value without a leading `HR` country prefix.
fn strip_prefix(value: &str) -> &str {
    let v = value.trim_start();
    v.strip_prefix("HR")
        .or_else(|| v.strip_prefix("hr"))
        .unwrap_or(v)
}

impl Validator for HrOib {
    fn id(&self) -> &'static str {
        "hr_oib"
    }
    fn name(&self) -> &'static str {
        "Croatian personal identification number (OIB)"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, value: &str) -> bool {
        shape(strip_prefix(value), &[11]).is_some_and(|d| mod11_10_is_valid(d.ascii()))
    }
    fn check(&self, value: &str, _ctx: &Context) -> Check {
        let stripped = strip_prefix(value);
        let d = match read(stripped, &[11]) {
            Ok(d) => d,
            Err(p) => return Check::invalid(p),
        };
        let mut check = start(&d, Some("HR"));
        if stripped.len() != value.len() {
            check.facts.canonical = Some(d.text());
        }
        if !mod11_10_is_valid(d.ascii()) {
            check.problems.push("checksum");
        }
        check
    }
    fn country(&self) -> Option<&'static str> {
        Some("HR")
    }
    fn validates(&self) -> &'static str {
        "length, ISO 7064 MOD 11,10 check digit"
    }
    fn specification(&self) -> &'static str {
        "Zakon o osobnom identifikacijskom broju (NN 60/08); ISO 7064 MOD 11,10"
    }
}

#[cfg(test)]
mod tests {
    use super::super::ce_util::testing::{ctx, mutants};
    use super::*;
    use crate::checkdigit::iso7064::mod11_10_digit;
    use proptest::prelude::*;

    fn problems(v: &str) -> Vec<&'static str> {
        HrOib.check(v, &ctx()).problems
    }

    #[test]
    fn vectors() {
        // Synthetic: MOD 11,10 over 1234567890 gives 3.
        let c = HrOib.check("12345678903", &ctx());
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.country, Some("HR"));
        assert_eq!(problems("12345678901"), ["checksum"]);
        let c = HrOib.check("HR 33392005961", &ctx());
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.canonical.as_deref(), Some("33392005961"));
        assert_eq!(problems("33392005962"), ["checksum"]);
        assert_eq!(problems("3339200596"), ["length"]);
        assert_eq!(problems("XX33392005961"), ["format"]);
        assert!(HrOib.looks_like("33392005961"));
        assert!(!HrOib.looks_like("33392005962"));
    }

    proptest! {
        #[test]
        fn generated_are_valid_and_mutants_fail(n in 0u64..10_000_000_000) {
            let body = format!("{n:010}");
            let v = format!("{body}{}", char::from(mod11_10_digit(body.as_bytes()).unwrap()));
            prop_assert!(HrOib.check(&v, &ctx()).is_valid());
            prop_assert!(HrOib.looks_like(&v));
            for (_, m) in mutants(&v) {
                prop_assert_eq!(problems(&m), vec!["checksum"], "{}", m);
            }
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,30}") {
            let c = HrOib.check(&s, &ctx());
            let _ = HrOib.looks_like(&s);
            if !s.bytes().any(|b| b.is_ascii_digit()) {
                prop_assert!(!c.problems.is_empty());
            }
        }
    }
}
