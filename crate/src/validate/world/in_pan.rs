//! Indian Permanent Account Number (PAN), the income-tax number.
//!
//! Layout: `AAAHN9999C` — three letters (a series), the holder-type letter, the first letter of
//! the holder's surname (individuals) or name (others), four digits (0001–9999) and a final
//! letter. The final letter is a check character computed by an algorithm the Income Tax
//! Department does not publish, so it is not verified.
//!
//! Holder types (fourth letter): P individual, C company, H Hindu undivided family, F firm or
//! limited liability partnership, A association of persons, T trust, B body of individuals,
//! L local authority, J artificial juridical person, G government, K krish (trust krish).
//! Another letter is `invalid_prefix`; the type is given in `facts.issuer`.
//!
//! Problems: `format`, `length`, `invalid_prefix`, `component` (digits 0000).
//!
//! Specification: Income Tax Act 1961 s. 139A and Income-tax Rules 114; Income Tax Department,
//! *Permanent Account Number (PAN)* — structure of the PAN.

use super::common::{compact, squeeze};
use crate::kinds::Kind;
use crate::validate::{Check, Context, Validator};

pub struct InPan;

/// The holder type named by the fourth letter.
pub fn holder_type(c: u8) -> Option<&'static str> {
    Some(match c {
        b'P' => "individual",
        b'C' => "company",
        b'H' => "Hindu undivided family",
        b'F' => "firm / LLP",
        b'A' => "association of persons",
        b'T' => "trust",
        b'B' => "body of individuals",
        b'L' => "local authority",
        b'J' => "artificial juridical person",
        b'G' => "government",
        b'K' => "krish (trust krish)",
        _ => return None,
    })
}

fn shape_ok(id: &[u8]) -> bool {
    id.len() == 10
        && id[..5].iter().all(u8::is_ascii_uppercase)
        && id[5..9].iter().all(u8::is_ascii_digit)
        && id[9].is_ascii_uppercase()
}

impl Validator for InPan {
    fn id(&self) -> &'static str {
        "in_pan"
    }
    fn name(&self) -> &'static str {
        "Indian Permanent Account Number (PAN)"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, value: &str) -> bool {
        squeeze(value, b"")
            .is_some_and(|id| shape_ok(&id) && holder_type(id[3]).is_some() && &id[5..9] != b"0000")
    }
    fn check(&self, value: &str, _ctx: &Context) -> Check {
        let mut check = Check::default();
        let Some(id) = compact(value, b"", &mut check, |n| n == 10) else {
            return check;
        };
        if !shape_ok(&id) {
            check.problems.push("format");
            return check;
        }
        check.facts.country = Some("IN");
        match holder_type(id[3]) {
            Some(t) => check.facts.issuer = Some(t.to_owned()),
            None => check.problems.push("invalid_prefix"),
        }
        if &id[5..9] == b"0000" {
            check.problems.push("component");
        }
        check.notes.push("check_letter_not_verified");
        check
    }
    fn country(&self) -> Option<&'static str> {
        Some("IN")
    }
    fn validates(&self) -> &'static str {
        "length, layout, holder-type letter, serial not 0000 (check letter algorithm unpublished)"
    }
    fn extracts(&self) -> &'static str {
        "holder type"
    }
    fn specification(&self) -> &'static str {
        "Income Tax Act 1961 s. 139A, Income-tax Rules 114 (India): PAN structure"
    }
}

#[cfg(test)]
mod tests {
    use super::super::common::testing::{ctx, junk, problems};
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn structure() {
        let c = InPan.check("ABCPD1234E", &ctx());
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.issuer.as_deref(), Some("individual"));
        assert_eq!(c.notes, ["check_letter_not_verified"]);
        assert!(problems(&InPan, "abcpd1234e").is_empty());
        assert_eq!(problems(&InPan, "ABCXD1234E"), ["invalid_prefix"]);
        assert_eq!(problems(&InPan, "ABCPD0000E"), ["component"]);
        assert_eq!(problems(&InPan, "ABCPD12345"), ["format"]);
        assert_eq!(problems(&InPan, "ABCPD1234"), ["length"]);
        assert!(InPan.looks_like("AAACB1234F"));
        assert!(!InPan.looks_like("AAAXB1234F"));
        assert!(!InPan.looks_like("A1234567890"));
    }

    proptest! {
        #[test]
        fn generated_are_valid(s in "[A-Z]{3}", t in prop::sample::select(b"PCHFATBLJGK".to_vec()), i in "[A-Z]", n in 1u32..10_000, c in "[A-Z]") {
            let id = format!("{s}{}{i}{n:04}{c}", t as char);
            prop_assert!(problems(&InPan, &id).is_empty());
            prop_assert!(InPan.looks_like(&id));
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,20}") {
            junk(&InPan, &s);
        }
    }
}
