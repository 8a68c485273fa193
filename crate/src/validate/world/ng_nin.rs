//! Nigerian National Identification Number (NIN), issued by the National Identity Management
//! Commission (NIMC): structure only.
//!
//! Layout: eleven digits, randomly assigned, with no published check digit: only the length and
//! the digits can be checked. Because nothing distinguishes a NIN from any other eleven-digit
//! number, [`Validator::looks_like`] never claims a value: a NIN column is recognised by its
//! header (`nin`, `nimc`…), never from content alone.
//!
//! Problems: `format`, `length`. Notes: `structure_only`.
//!
//! Specification: National Identity Management Commission Act 2007 (Nigeria), s. 16 and NIMC's
//! description of the NIN (11 non-intelligible digits).

use super::common::{all_digits, compact};
use crate::kinds::Kind;
use crate::validate::{Check, Context, Validator};

pub struct NgNin;

impl Validator for NgNin {
    fn id(&self) -> &'static str {
        "ng_nin"
    }
    fn name(&self) -> &'static str {
        "Nigerian National Identification Number (NIN)"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, _value: &str) -> bool {
        false
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
        check.notes.push("structure_only");
        check
    }
    fn country(&self) -> Option<&'static str> {
        Some("NG")
    }
    fn validates(&self) -> &'static str {
        "length and digits only (random number, no check digit)"
    }
    fn specification(&self) -> &'static str {
        "National Identity Management Commission Act 2007 (Nigeria); NIMC NIN description"
    }
}

#[cfg(test)]
mod tests {
    use super::super::common::testing::{ctx, junk, problems};
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn structure() {
        let c = NgNin.check("12345678901", &ctx());
        assert!(c.is_valid());
        assert_eq!(c.notes, ["structure_only"]);
        assert_eq!(c.facts.country, Some("NG"));
        assert!(problems(&NgNin, "123 4567 8901").is_empty());
        assert_eq!(problems(&NgNin, "1234567890"), ["length"]);
        assert_eq!(problems(&NgNin, "1234567890A"), ["format"]);
        assert!(!NgNin.looks_like("12345678901"));
    }

    proptest! {
        #[test]
        fn generated_are_valid(n in 0u64..100_000_000_000) {
            let id = format!("{n:011}");
            prop_assert!(problems(&NgNin, &id).is_empty());
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,20}") {
            junk(&NgNin, &s);
        }
    }
}
