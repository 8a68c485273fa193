//! Israeli identity number (מספר זהות, Teudat Zehut number).
//!
//! Layout: nine digits, eight and a check digit, printed `12345678-2`. The check digit makes
//! the Luhn sum of all nine digits a multiple of 10 (the Population and Immigration Authority's
//! algorithm: weights 1, 2, 1, 2 … with the digit sum of each product). Numbers with leading
//! zeros are often stored as integers: seven or eight digits are padded back to nine with the
//! note `zero_padded`. The number encodes nothing about its holder.
//!
//! Problems: `format`, `length`, `checksum`, `never_issued` (all zeros).
//!
//! Specification: Population and Immigration Authority (Israel), identity number check digit;
//! Population Registry Law 5725-1965.

use super::common::{all_digits, compact, squeeze};
use crate::checkdigit::luhn;
use crate::kinds::Kind;
use crate::validate::{Check, Context, Validator};

pub struct IlIdnr;

impl Validator for IlIdnr {
    fn id(&self) -> &'static str {
        "il_idnr"
    }
    fn name(&self) -> &'static str {
        "Israeli identity number"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, value: &str) -> bool {
        squeeze(value, b"").is_some_and(|id| {
            id.len() == 9 && all_digits(&id) && id != b"000000000" && luhn::is_valid(&id)
        })
    }
    fn check(&self, value: &str, _ctx: &Context) -> Check {
        let mut check = Check::default();
        let Some(mut id) = compact(value, b"", &mut check, |n| (7..=9).contains(&n)) else {
            return check;
        };
        if !all_digits(&id) {
            check.problems.push("format");
            return check;
        }
        check.facts.country = Some("IL");
        if id.len() < 9 {
            let mut padded = vec![b'0'; 9 - id.len()];
            padded.extend_from_slice(&id);
            id = padded;
            check.notes.push("zero_padded");
            check.facts.canonical = String::from_utf8(id.clone()).ok();
        }
        if id.iter().all(|&c| c == b'0') {
            check.problems.push("never_issued");
        } else if !luhn::is_valid(&id) {
            check.problems.push("checksum");
        }
        check
    }
    fn country(&self) -> Option<&'static str> {
        Some("IL")
    }
    fn validates(&self) -> &'static str {
        "length (zero-padded to 9), Luhn check digit"
    }
    fn specification(&self) -> &'static str {
        "Population and Immigration Authority (Israel): identity number check digit (Luhn)"
    }
}

#[cfg(test)]
mod tests {
    use super::super::common::testing::{ctx, junk, problems, substitutions_fail};
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn synthetic_examples() {
        // 12345678: Luhn check digit 2.
        assert!(problems(&IlIdnr, "123456782").is_empty());
        assert!(problems(&IlIdnr, "12345678-2").is_empty());
        assert_eq!(problems(&IlIdnr, "123456781"), ["checksum"]);
        let c = IlIdnr.check("23456783", &ctx());
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.notes, ["zero_padded"]);
        assert_eq!(c.facts.canonical.as_deref(), Some("023456783"));
        assert_eq!(problems(&IlIdnr, "000000000"), ["never_issued"]);
        assert_eq!(problems(&IlIdnr, "123456"), ["length"]);
        assert_eq!(problems(&IlIdnr, "12345678X"), ["format"]);
        assert!(IlIdnr.looks_like("123456782"));
        assert!(!IlIdnr.looks_like("23456783"));
        substitutions_fail(&IlIdnr, "123456782", 0..9, b"0123456789");
    }

    proptest! {
        #[test]
        fn generated_are_valid(n in 1u32..100_000_000) {
            let body = format!("{n:08}");
            let c = luhn::check_digit(body.as_bytes()).unwrap();
            let id = format!("{body}{c}");
            prop_assert!(problems(&IlIdnr, &id).is_empty());
            prop_assert!(IlIdnr.looks_like(&id));
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,20}") {
            junk(&IlIdnr, &s);
        }
    }
}
