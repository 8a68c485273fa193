//! Lithuania: asmens kodas, the personal code.
//!
//! Same scheme as Estonia's isikukood (see [`super::ee_ik`]): `G YYMMDD SSS C`, `G` giving sex
//! and century (1/2 1800s, 3/4 1900s, 5/6 2000s, 7/8 2100s; odd for men), and the two-stage
//! mod 11 check digit (weights `1 2 3 4 5 6 7 8 9 1`, then `3 4 5 6 7 8 9 1 2 3`, then 0). In
//! exceptional cases (a birth date that is not known) the first digit is 9 and the next six
//! digits are not a date: such codes get the note `no_birth_date` and yield nothing.
//!
//! Problems: `format`, `length`, `checksum`, `invalid_prefix` (G = 0), `date_invalid`,
//! `date_after_reference`, `date_too_old`. Extracts birth date and sex.
//!
//! Specification: Lithuanian standard LST 1185:1993 "Asmens kodas", applied by the Residents'
//! Register Act (Gyventojų registro įstatymas); <https://lt.wikipedia.org/wiki/Asmens_kodas>.

use super::ce_util::read;
use super::ee_ik::{check_code, looks};
use crate::kinds::Kind;
use crate::validate::{Check, Context, Validator};

pub struct LtAsmens;

impl Validator for LtAsmens {
    fn id(&self) -> &'static str {
        "lt_asmens"
    }
    fn name(&self) -> &'static str {
        "Lithuanian personal code (asmens kodas)"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, value: &str) -> bool {
        looks(value, true)
    }
    fn check(&self, value: &str, ctx: &Context) -> Check {
        match read(value, &[11]) {
            Ok(d) => check_code(&d, "LT", true, ctx),
            Err(p) => Check::invalid(p),
        }
    }
    fn country(&self) -> Option<&'static str> {
        Some("LT")
    }
    fn validates(&self) -> &'static str {
        "length, two-stage mod 11 check digit, sex/century digit, birth date"
    }
    fn extracts(&self) -> &'static str {
        "birth date, sex"
    }
    fn specification(&self) -> &'static str {
        "LST 1185:1993 Asmens kodas; Gyventojų registro įstatymas"
    }
}

#[cfg(test)]
mod tests {
    use super::super::ce_util::testing::ctx;
    use super::super::ee_ik::{assert_generated, check_digit, make};
    use super::*;
    use crate::civil::Date;
    use crate::validate::Sex;
    use proptest::prelude::*;

    fn problems(v: &str) -> Vec<&'static str> {
        LtAsmens.check(v, &ctx()).problems
    }

    #[test]
    fn vectors() {
        // 1933-09-24, man, serial 006: Σ = 3·1+3·2+3·3+0·4+9·5+2·6+4·7+0·8+0·9+6·1 = 109,
        // 109 mod 11 = 10 → second stage: 3·3+3·4+3·5+0·6+9·7+2·8+4·9+0·1+0·2+6·3 = 169,
        // 169 mod 11 = 4.
        let c = LtAsmens.check("33309240064", &ctx());
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.date, Date::new(1933, 9, 24));
        assert_eq!(c.facts.sex, Some(Sex::Male));
        assert_eq!(c.facts.country, Some("LT"));
        assert_eq!(problems("33309240164"), ["checksum"]);
        let c = LtAsmens.check(&make(2001, 7, 4, 12, false), &ctx());
        assert!(c.is_valid());
        assert_eq!(c.facts.sex, Some(Sex::Female));
        // First digit 9: no birth date encoded.
        let mut v = String::from("9999999999");
        v.push(char::from(b'0' + check_digit(v.as_bytes()).unwrap()));
        let c = LtAsmens.check(&v, &ctx());
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.notes, ["no_birth_date"]);
        assert_eq!(c.facts.date, None);
        assert!(LtAsmens.looks_like(&v));
        let mut v = String::from("0330924006");
        v.push(char::from(b'0' + check_digit(v.as_bytes()).unwrap()));
        assert_eq!(problems(&v), ["invalid_prefix"]);
        assert_eq!(problems("3330924006"), ["length"]);
    }

    proptest! {
        #[test]
        fn generated_are_valid_and_mutants_fail(
            days in 0i64..45_000, serial in 0u32..1000, male in any::<bool>()
        ) {
            prop_assert_eq!(assert_generated(&LtAsmens, days, serial, male), Ok(()));
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,30}") {
            let c = LtAsmens.check(&s, &ctx());
            let _ = LtAsmens.looks_like(&s);
            if !s.bytes().any(|b| b.is_ascii_digit()) {
                prop_assert!(!c.problems.is_empty());
            }
        }
    }
}
