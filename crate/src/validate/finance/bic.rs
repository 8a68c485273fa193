//! Business Identifier Code (BIC, "SWIFT code"): ISO 9362:2014.
//!
//! Layout: `BBBB CC LL (XXX)` — 4-character party prefix (letters in every BIC issued so far),
//! ISO 3166-1 alpha-2 country code, 2-character location (letters or digits), and an optional
//! 3-character branch code (`XXX` = primary office); 8 or 11 characters. A `0` as second
//! location character marks a test-and-training BIC. There is no check digit.
//!
//! Specification: ISO 9362:2014 *Banking — Banking telecommunication messages — Business
//! identifier code (BIC)*; SWIFT, *ISO 9362 BIC* registration authority documentation.
//!
//! Problems: `length` (not 8 or 11 characters), `format` (a character out of place),
//! `country_unknown` (not an assigned ISO 3166-1 code; SWIFT's `XK` for Kosovo is accepted).
//! Notes: `lowercase`, `test_bic`. Facts: `country`, `issuer` (the 4-character institution
//! code), `canonical` (upper case, no spaces).

use super::{compact, country_code};
use crate::kinds::Kind;
use crate::validate::{Check, Context, Validator};

/// Validates a BIC; see the module documentation.
pub fn check_bic(value: &str) -> Check {
    let mut check = Check::default();
    let (mut s, _) = compact(value);
    if s.bytes().any(|b| b.is_ascii_lowercase()) {
        check.notes.push("lowercase");
        s.make_ascii_uppercase();
    }
    let b = s.as_bytes();
    if b.len() != 8 && b.len() != 11 {
        check.problems.push("length");
        if !b.iter().all(u8::is_ascii_alphanumeric) {
            check.problems.push("format");
        }
        return check;
    }
    let alnum = |x: &[u8]| {
        x.iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    };
    if !b[..6].iter().all(u8::is_ascii_uppercase) || !alnum(&b[6..]) {
        check.problems.push("format");
        return check;
    }
    match country_code(&b[4..6]) {
        Some(cc) => check.facts.country = Some(cc),
        None => check.problems.push("country_unknown"),
    }
    if b[7] == b'0' {
        check.notes.push("test_bic");
    }
    check.facts.issuer = Some(s[..4].to_owned());
    if s != value {
        check.facts.canonical = Some(s);
    }
    check
}

pub struct Bic;

impl Validator for Bic {
    fn id(&self) -> &'static str {
        "bic"
    }
    fn name(&self) -> &'static str {
        "Business Identifier Code (BIC / SWIFT code)"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    /// Upper case as written, 8 or 11 characters, an assigned country code.
    fn looks_like(&self, value: &str) -> bool {
        (value.len() == 8 || value.len() == 11)
            && !value.bytes().any(|b| b.is_ascii_lowercase())
            && check_bic(value).is_valid()
    }
    fn check(&self, value: &str, _ctx: &Context) -> Check {
        check_bic(value)
    }
    fn validates(&self) -> &'static str {
        "8 or 11 characters, institution letters, ISO 3166 country, location and branch"
    }
    fn extracts(&self) -> &'static str {
        "country, institution code"
    }
    fn specification(&self) -> &'static str {
        "ISO 9362:2014 Business identifier code (BIC)"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn examples() {
        // Examples from ISO 9362 documentation and published bank BICs (institutions, not people).
        for (v, cc) in [
            ("DEUTDEFF", "DE"),
            ("DEUTDEFF500", "DE"),
            ("NEDSZAJJXXX", "ZA"),
            ("BKCHCNBJ", "CN"),
            ("UBSWCHZH80A", "CH"),
            ("deutdeff", "DE"),
            ("DEUT DE FF", "DE"),
        ] {
            let c = check_bic(v);
            assert!(c.is_valid(), "{v}: {:?}", c.problems);
            assert_eq!(c.facts.country, Some(cc));
        }
        assert_eq!(check_bic("BKCHCNBJ").facts.issuer.as_deref(), Some("BKCH"));
        assert_eq!(check_bic("ABCDGB20").notes, ["test_bic"]);
        assert!(!Bic.looks_like("deutdeff"));
        assert!(Bic.looks_like("DEUTDEFF"));
    }

    #[test]
    fn invalid() {
        for (v, reason) in [
            ("DEUTDEF", "length"),
            ("DEUTDEFF5", "length"),
            ("DEUTUKFF", "country_unknown"),
            ("DEUTZZFF", "country_unknown"),
            ("DEU1DEFF", "format"),
            ("DEUTDEF!", "format"),
            ("DEUTDEFF50_", "format"),
        ] {
            let c = check_bic(v);
            assert!(c.problems.contains(&reason), "{v}: {:?}", c.problems);
        }
    }

    proptest! {
        #[test]
        fn generated_bics(bank in "[A-Z]{4}", i in 0usize..249, loc in "[A-Z0-9]{2}", branch in proptest::option::of("[A-Z0-9]{3}")) {
            let cc = &super::super::ISO3166[i * 2..i * 2 + 2];
            let v = format!("{bank}{cc}{loc}{}", branch.unwrap_or_default());
            let c = check_bic(&v);
            prop_assert!(c.is_valid(), "{} {:?}", v, c.problems);
            prop_assert_eq!(c.facts.country, Some(cc));
        }

        #[test]
        fn junk_gives_a_reason(s in "\\PC{0,20}") {
            let c = check_bic(&s);
            prop_assert!(c.is_valid() || !c.problems.is_empty());
        }
    }
}
