//! Macau resident identity card number (Bilhete de Identidade de Residente, BIR): structure only.
//!
//! Layout: eight digits, printed `1/234567/8` or `1234567(8)`. The last digit is a check digit
//! whose algorithm the Identification Services Bureau (DSI) does not publish, so it is not
//! verified. Numbers in the DSI's specimens and documentation begin with 1, 5 or 7; another
//! first digit gets the note `prefix_unusual` (not a problem: the numbering rules are not
//! published either). The number encodes neither birth date nor sex.
//!
//! Because eight bare digits say nothing, [`Validator::looks_like`] accepts only the printed
//! forms with a separator or bracketed last digit; bare numbers are recognised by header.
//!
//! Problems: `format`, `length`. Notes: `prefix_unusual`, `check_digit_not_verified`.
//!
//! Specification: Law 8/2002 (Regime do Bilhete de Identidade de Residente da RAEM) and the
//! DSI's card specimens.

use super::common::{all_digits, compact};
use crate::kinds::Kind;
use crate::validate::{Check, Context, Validator};

pub struct MoBir;

impl Validator for MoBir {
    fn id(&self) -> &'static str {
        "mo_bir"
    }
    fn name(&self) -> &'static str {
        "Macau resident identity card number (BIR)"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, value: &str) -> bool {
        let b = value.as_bytes();
        let slashed = b.len() == 10
            && b[1] == b'/'
            && b[8] == b'/'
            && all_digits(&b[..1])
            && all_digits(&b[2..8])
            && all_digits(&b[9..]);
        let bracketed = b.len() == 10
            && b[7] == b'('
            && b[9] == b')'
            && all_digits(&b[..7])
            && b[8].is_ascii_digit();
        (slashed || bracketed) && matches!(b[0], b'1' | b'5' | b'7')
    }
    fn check(&self, value: &str, _ctx: &Context) -> Check {
        let mut check = Check::default();
        let Some(id) = compact(value, b"()", &mut check, |n| n == 8) else {
            return check;
        };
        check.facts.country = Some("MO");
        if !all_digits(&id) {
            check.problems.push("format");
            return check;
        }
        if !matches!(id[0], b'1' | b'5' | b'7') {
            check.notes.push("prefix_unusual");
        }
        check.notes.push("check_digit_not_verified");
        check
    }
    fn country(&self) -> Option<&'static str> {
        Some("MO")
    }
    fn validates(&self) -> &'static str {
        "length and digits only (check digit algorithm unpublished)"
    }
    fn specification(&self) -> &'static str {
        "Macau Law 8/2002 and the Identification Services Bureau (DSI) card specimens"
    }
}

#[cfg(test)]
mod tests {
    use super::super::common::testing::{ctx, junk, problems};
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn structure() {
        let c = MoBir.check("1/234567/8", &ctx());
        assert!(c.is_valid());
        assert_eq!(c.facts.canonical.as_deref(), Some("12345678"));
        assert_eq!(c.notes, ["check_digit_not_verified"]);
        assert!(problems(&MoBir, "5215242(3)").is_empty());
        let c = MoBir.check("32152423", &ctx());
        assert!(c.is_valid());
        assert_eq!(c.notes, ["prefix_unusual", "check_digit_not_verified"]);
        assert_eq!(problems(&MoBir, "1234567"), ["length"]);
        assert_eq!(problems(&MoBir, "1234567A"), ["format"]);
        assert_eq!(problems(&MoBir, "1234567#"), ["format"]);
    }

    #[test]
    fn looks_like_needs_the_printed_form() {
        assert!(MoBir.looks_like("1/234567/8"));
        assert!(MoBir.looks_like("7654321(0)"));
        assert!(!MoBir.looks_like("12345678"));
        assert!(!MoBir.looks_like("3/234567/8"));
        assert!(!MoBir.looks_like("1/2345678/"));
    }

    proptest! {
        #[test]
        fn generated_are_valid(p in prop::sample::select(vec![1u32, 5, 7]), n in 0u32..10_000_000) {
            let s = format!("{p}{n:07}");
            let printed = format!("{}/{}/{}", &s[..1], &s[1..7], &s[7..]);
            prop_assert!(MoBir.looks_like(&printed));
            prop_assert!(problems(&MoBir, &printed).is_empty());
            prop_assert!(problems(&MoBir, &s).is_empty());
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,20}") {
            junk(&MoBir, &s);
        }
    }
}
