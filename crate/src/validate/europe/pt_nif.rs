//! Portugal NIF (número de identificação fiscal, "número de contribuinte").
//!
//! Layout: nine digits; the last is a check digit. The first eight are weighted 9, 8, …, 2;
//! with `r` the sum modulo 11, the check digit is 0 when `r` is 0 or 1 and `11 − r`
//! otherwise. Because remainders 0 and 1 share the digit 0, a single changed digit that moves
//! the remainder between 0 and 1 is not caught; every other one is.
//!
//! The leading digit(s) give the kind of taxpayer (extracted as `issuer`): 1, 2, 3 individuals;
//! 45 non-resident individuals; 5 legal persons; 6 public bodies; 70, 74, 75 undivided
//! estates; 71 non-resident legal persons; 72 investment funds; 77 assigned ex officio; 79
//! exceptional regime; 8 sole traders (no longer issued); 90, 91 condominiums and irregular
//! companies; 98 non-residents without a permanent establishment; 99 civil companies without
//! legal personality. No NIF begins with 0 (`invalid_prefix`); other prefixes get the note
//! `prefix_unassigned`.
//!
//! Problems: `length`, `format`, `invalid_prefix`, `checksum`. Notes: `prefix_unassigned`.
//!
//! Specification: Decreto-Lei n.º 463/79 (número fiscal de contribuinte) and Autoridade
//! Tributária e Aduaneira, structure of the NIF.

use super::west::{all_digits, compact, set_canonical, SEPARATORS};
use crate::checkdigit::weighted;
use crate::kinds::Kind;
use crate::validate::{Check, Context, Validator};

pub struct PtNif;

const WEIGHTS: [u32; 8] = [9, 8, 7, 6, 5, 4, 3, 2];

/// The check digit of the first eight digits.
pub fn nif_check_digit(payload: &[u8]) -> Option<u8> {
    let r = weighted::remainder(payload, &WEIGHTS, 11)?;
    Some(if r < 2 { 0 } else { (11 - r) as u8 })
}

/// The kind of taxpayer the leading digits name, if assigned.
fn category(b: &[u8]) -> Option<&'static str> {
    Some(match (b.first()?, b.get(1)?) {
        (b'1'..=b'3', _) => "individual",
        (b'4', b'5') => "non-resident individual",
        (b'5', _) => "legal person",
        (b'6', _) => "public body",
        (b'7', b'0' | b'4' | b'5') => "undivided estate",
        (b'7', b'1') => "non-resident legal person",
        (b'7', b'2') => "investment fund",
        (b'7', b'7') => "assigned ex officio",
        (b'7', b'9') => "exceptional regime",
        (b'8', _) => "sole trader (former)",
        (b'9', b'0' | b'1') => "condominium or irregular company",
        (b'9', b'8') => "non-resident without permanent establishment",
        (b'9', b'9') => "civil company without legal personality",
        _ => return None,
    })
}

/// Validates a NIF; see the module documentation.
pub fn check_nif(value: &str) -> Check {
    let mut check = Check::default();
    check.facts.country = Some("PT");
    let raw = compact(value, SEPARATORS);
    let c = raw.strip_prefix("PT").unwrap_or(&raw);
    let b = c.as_bytes();
    if b.len() != 9 {
        check.problems.push("length");
        return check;
    }
    if !all_digits(b) {
        check.problems.push("format");
        return check;
    }
    if b[0] == b'0' {
        check.problems.push("invalid_prefix");
    } else {
        match category(b) {
            Some(cat) => check.facts.issuer = Some(cat.to_owned()),
            None => check.notes.push("prefix_unassigned"),
        }
    }
    if nif_check_digit(&b[..8]).map(|d| b'0' + d) != Some(b[8]) {
        check.problems.push("checksum");
    }
    set_canonical(&mut check, value, c);
    check
}

impl Validator for PtNif {
    fn id(&self) -> &'static str {
        "pt_nif"
    }
    fn name(&self) -> &'static str {
        "Portugal NIF (número de contribuinte)"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, value: &str) -> bool {
        if value.len() > 14 {
            return false;
        }
        let c = compact(value, &[' ']);
        let b = c.as_bytes();
        b.len() == 9
            && all_digits(b)
            && b[0] != b'0'
            && nif_check_digit(&b[..8]).map(|d| b'0' + d) == Some(b[8])
    }
    fn check(&self, value: &str, _ctx: &Context) -> Check {
        check_nif(value)
    }
    fn country(&self) -> Option<&'static str> {
        Some("PT")
    }
    fn validates(&self) -> &'static str {
        "length, leading digit, weighted mod 11 check digit"
    }
    fn extracts(&self) -> &'static str {
        "kind of taxpayer (individual, legal person…)"
    }
    fn specification(&self) -> &'static str {
        "Decreto-Lei 463/79; Autoridade Tributária e Aduaneira NIF structure"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn problems(v: &str) -> Vec<&'static str> {
        check_nif(v).problems
    }
    fn with_check(p: &str) -> String {
        format!("{p}{}", nif_check_digit(p.as_bytes()).unwrap())
    }

    #[test]
    fn examples() {
        // 12345678: 9+16+21+24+25+24+21+16 = 156, 156 mod 11 = 2 → 9.
        assert_eq!(with_check("12345678"), "123456789");
        let c = check_nif("123 456 789");
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.issuer.as_deref(), Some("individual"));
        assert_eq!(c.facts.canonical.as_deref(), Some("123456789"));
        assert!(check_nif("PT123456789").is_valid());
        assert_eq!(problems("123456788"), ["checksum"]);
        assert_eq!(problems("12345678"), ["length"]);
        assert_eq!(problems("12345678A"), ["format"]);
        assert_eq!(problems(&with_check("01234567")), ["invalid_prefix"]);
        let c = check_nif(&with_check("51234567"));
        assert_eq!(c.facts.issuer.as_deref(), Some("legal person"));
        let c = check_nif(&with_check("41234567"));
        assert!(c.is_valid());
        assert_eq!(c.notes, ["prefix_unassigned"]);
    }

    proptest! {
        #[test]
        fn generated_are_valid_and_single_errors_fail(n in 10_000_000u32..100_000_000, i in 0usize..9, d in 1u8..10) {
            let p = n.to_string();
            let v = with_check(&p);
            prop_assert!(check_nif(&v).is_valid() || v.starts_with('4'), "{}", v);
            prop_assert!(PtNif.looks_like(&v));
            let mut m = v.clone().into_bytes();
            m[i] = b'0' + (m[i] - b'0' + d) % 10;
            let r = |s: &[u8]| weighted::remainder(&s[..8], &WEIGHTS, 11).unwrap();
            let m_str = String::from_utf8(m.clone()).unwrap();
            // Caught unless the change moves the remainder between 0 and 1.
            if i == 8 || !(r(v.as_bytes()) < 2 && r(&m) < 2) {
                prop_assert!(problems(&m_str).contains(&"checksum"), "{}", m_str);
            }
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,20}") {
            let c = check_nif(&s);
            let _ = PtNif.looks_like(&s);
            prop_assert!(!c.is_valid() && !c.problems.is_empty(), "{:?}", s);
        }
    }
}
