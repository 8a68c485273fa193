//! Nigerian Bank Verification Number (BVN), issued by the Nigeria Inter-Bank Settlement System
//! (NIBSS) for the Central Bank of Nigeria: structure only.
//!
//! Layout: eleven digits with no published check digit. Issued BVNs begin with 22; another
//! start gets the note `prefix_unusual` (not a problem: the numbering rules are not published).
//! [`Validator::looks_like`] accepts eleven digits beginning with 22 only, so that other
//! eleven-digit formats are not mistaken for BVNs.
//!
//! Problems: `format`, `length`. Notes: `prefix_unusual`.
//!
//! Specification: Central Bank of Nigeria, *Regulatory Framework for Bank Verification Number
//! (BVN) Operations and Watch-List for the Nigerian Banking Industry* (2017).

use super::common::{all_digits, compact, squeeze};
use crate::kinds::Kind;
use crate::validate::{Check, Context, Validator};

pub struct NgBvn;

impl Validator for NgBvn {
    fn id(&self) -> &'static str {
        "ng_bvn"
    }
    fn name(&self) -> &'static str {
        "Nigerian Bank Verification Number (BVN)"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, value: &str) -> bool {
        squeeze(value, b"")
            .is_some_and(|id| id.len() == 11 && all_digits(&id) && id.starts_with(b"22"))
    }
    fn check(&self, value: &str, _ctx: &Context) -> Check {
        let mut check = Check::default();
        let Some(id) = compact(value, b"", &mut check, |n| n == 11) else {
            return check;
        };
        if !all_digits(&id) {
            check.problems.push("format");
            return check;
        }
        check.facts.country = Some("NG");
        if !id.starts_with(b"22") {
            check.notes.push("prefix_unusual");
        }
        check
    }
    fn country(&self) -> Option<&'static str> {
        Some("NG")
    }
    fn validates(&self) -> &'static str {
        "length and digits only (no published check digit)"
    }
    fn specification(&self) -> &'static str {
        "Central Bank of Nigeria, Regulatory Framework for BVN Operations (2017)"
    }
}

#[cfg(test)]
mod tests {
    use super::super::common::testing::{ctx, junk, problems};
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn structure() {
        let c = NgBvn.check("22123456789", &ctx());
        assert!(c.is_valid());
        assert!(c.notes.is_empty());
        assert_eq!(NgBvn.check("12345678901", &ctx()).notes, ["prefix_unusual"]);
        assert_eq!(problems(&NgBvn, "2212345678"), ["length"]);
        assert_eq!(problems(&NgBvn, "2212345678X"), ["format"]);
        assert!(NgBvn.looks_like("22123456789"));
        assert!(!NgBvn.looks_like("13912345678"));
    }

    proptest! {
        #[test]
        fn generated_are_valid(n in 0u32..1_000_000_000) {
            let id = format!("22{n:09}");
            prop_assert!(problems(&NgBvn, &id).is_empty());
            prop_assert!(NgBvn.looks_like(&id));
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,20}") {
            junk(&NgBvn, &s);
        }
    }
}
