//! South African identity number.
//!
//! Layout: `YYMMDD SSSS C A Z`, thirteen digits: birth date, a sequence number (0000–4999
//! women, 5000–9999 men), citizenship (0 South African citizen, 1 permanent resident, 2
//! refugee), a digit formerly used for race and now normally 8, and a Luhn check digit over
//! all thirteen. The century is not written: the latest century that does not put the birth
//! after the reference date is taken.
//!
//! Problems: `format`, `length`, `date_invalid`, `component` (citizenship digit above 2),
//! `checksum`.
//!
//! Specification: Identification Act 68 of 1997 (South Africa) and the Department of Home
//! Affairs' description of the identity number.

use super::common::{all_digits, birth, compact, num, pivot_year, squeeze};
use crate::checkdigit::luhn;
use crate::kinds::Kind;
use crate::validate::{Check, Context, Sex, Validator};

pub struct ZaIdnr;

impl Validator for ZaIdnr {
    fn id(&self) -> &'static str {
        "za_idnr"
    }
    fn name(&self) -> &'static str {
        "South African identity number"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, value: &str) -> bool {
        squeeze(value, b"").is_some_and(|id| {
            id.len() == 13
                && all_digits(&id)
                && matches!(num(&id[2..4]), 1..=12)
                && matches!(num(&id[4..6]), 1..=31)
                && id[10] <= b'2'
                && luhn::is_valid(&id)
        })
    }
    fn check(&self, value: &str, ctx: &Context) -> Check {
        let mut check = Check::default();
        let Some(id) = compact(value, b"", &mut check, |n| n == 13) else {
            return check;
        };
        if !all_digits(&id) {
            check.problems.push("format");
            return check;
        }
        check.facts.country = Some("ZA");
        let (yy, m, d) = (num(&id[..2]), num(&id[2..4]), num(&id[4..6]));
        birth(&mut check, pivot_year(yy, m, d, ctx), m, d, ctx);
        check.facts.sex = Some(if id[6] >= b'5' {
            Sex::Male
        } else {
            Sex::Female
        });
        match id[10] {
            b'0' => check.facts.issuer = Some("citizen".to_owned()),
            b'1' => check.facts.issuer = Some("permanent resident".to_owned()),
            b'2' => check.facts.issuer = Some("refugee".to_owned()),
            _ => check.problems.push("component"),
        }
        if !luhn::is_valid(&id) {
            check.problems.push("checksum");
        }
        check
    }
    fn country(&self) -> Option<&'static str> {
        Some("ZA")
    }
    fn validates(&self) -> &'static str {
        "length, birth date, citizenship digit, Luhn check digit"
    }
    fn extracts(&self) -> &'static str {
        "birth date (century inferred), sex, citizenship"
    }
    fn specification(&self) -> &'static str {
        "Identification Act 68 of 1997 (South Africa); Department of Home Affairs ID number structure"
    }
}

#[cfg(test)]
mod tests {
    use super::super::common::testing::{ctx, junk, problems, substitutions_fail};
    use super::*;
    use crate::civil::Date;
    use proptest::prelude::*;

    fn make(date: Date, seq: u32, citizen: u32) -> String {
        let body = format!(
            "{:02}{:02}{:02}{seq:04}{citizen}8",
            date.year % 100,
            date.month,
            date.day
        );
        let c = luhn::check_digit(body.as_bytes()).unwrap();
        format!("{body}{c}")
    }

    #[test]
    fn synthetic_examples() {
        let id = make(Date::new(1980, 1, 1).unwrap(), 5009, 0);
        let c = ZaIdnr.check(&id, &ctx());
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.date, Date::new(1980, 1, 1));
        assert_eq!(c.facts.sex, Some(Sex::Male));
        assert_eq!(c.facts.issuer.as_deref(), Some("citizen"));
        let id2 = make(Date::new(2010, 6, 30).unwrap(), 12, 1);
        let c = ZaIdnr.check(&id2, &ctx());
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.sex, Some(Sex::Female));
        assert_eq!(c.facts.date, Date::new(2010, 6, 30));
        let spaced = format!("{} {} {} {}", &id[..6], &id[6..10], &id[10..12], &id[12..]);
        assert!(problems(&ZaIdnr, &spaced).is_empty());
        let bad_date = {
            let body = "800230500908";
            format!("{body}{}", luhn::check_digit(body.as_bytes()).unwrap())
        };
        assert_eq!(problems(&ZaIdnr, &bad_date), ["date_invalid"]);
        let bad_citizen = {
            let body = "800101500938";
            format!("{body}{}", luhn::check_digit(body.as_bytes()).unwrap())
        };
        assert_eq!(problems(&ZaIdnr, &bad_citizen), ["component"]);
        substitutions_fail(&ZaIdnr, &id, 0..13, b"0123456789");
        assert!(ZaIdnr.looks_like(&id));
    }

    proptest! {
        #[test]
        fn generated_are_valid(days in -17_000i64..19_000, seq in 0u32..10_000, cz in 0u32..3) {
            let date = Date::from_days(days).unwrap();
            let id = make(date, seq, cz);
            let c = ZaIdnr.check(&id, &ctx());
            prop_assert!(c.is_valid(), "{} {:?}", id, c);
            prop_assert_eq!(c.facts.date, Some(date));
            prop_assert_eq!(c.facts.sex == Some(Sex::Male), seq >= 5000);
            prop_assert!(ZaIdnr.looks_like(&id));
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,20}") {
            junk(&ZaIdnr, &s);
        }
    }
}
