//! Greece: AMKA (Αριθμός Μητρώου Κοινωνικής Ασφάλισης), the social security registration
//! number.
//!
//! Layout: `DDMMYY SSS G C` — birth date (the century is not encoded: the latest century not
//! after the reference date is taken), serial, sex digit (odd for men, even for women), Luhn
//! check digit over all eleven digits.
//!
//! Problems: `format`, `length`, `checksum`, `date_invalid`, `date_after_reference`,
//! `date_too_old`. Extracts birth date and sex.
//!
//! Specification: Law 2084/1992, art. 153 (establishment of the AMKA) and HDIKA's description
//! of the number (<https://www.amka.gr/tieinai_en.html>).

use super::ce_util::{birth_date, latest_year, read, shape, start};
use crate::checkdigit::luhn;
use crate::kinds::Kind;
use crate::validate::{Check, Context, Sex, Validator};

pub struct GrAmka;

impl Validator for GrAmka {
    fn id(&self) -> &'static str {
        "gr_amka"
    }
    fn name(&self) -> &'static str {
        "Greek social security number (AMKA)"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, value: &str) -> bool {
        shape(value, &[11]).is_some_and(|d| {
            matches!(d.num(0, 2), 1..=31)
                && matches!(d.num(2, 4), 1..=12)
                && luhn::is_valid(d.ascii())
        })
    }
    fn check(&self, value: &str, ctx: &Context) -> Check {
        let d = match read(value, &[11]) {
            Ok(d) => d,
            Err(p) => return Check::invalid(p),
        };
        let mut check = start(&d, Some("GR"));
        if !luhn::is_valid(d.ascii()) {
            check.problems.push("checksum");
        }
        let (dd, mm, yy) = (d.num(0, 2), d.num(2, 4), d.num(4, 6));
        birth_date(&mut check, latest_year(yy, mm, dd, ctx), mm, dd, ctx);
        check.facts.sex = Some(if d.at(9) % 2 == 1 {
            Sex::Male
        } else {
            Sex::Female
        });
        check
    }
    fn country(&self) -> Option<&'static str> {
        Some("GR")
    }
    fn validates(&self) -> &'static str {
        "length, Luhn check digit, birth date"
    }
    fn extracts(&self) -> &'static str {
        "birth date (century inferred), sex"
    }
    fn specification(&self) -> &'static str {
        "Law 2084/1992 art. 153; HDIKA, amka.gr/tieinai_en.html"
    }
}

#[cfg(test)]
mod tests {
    use super::super::ce_util::testing::{ctx, mutants};
    use super::*;
    use crate::civil::Date;
    use proptest::prelude::*;

    fn problems(v: &str) -> Vec<&'static str> {
        GrAmka.check(v, &ctx()).problems
    }

    fn make(date: Date, serial: u32, male: bool) -> String {
        let sex = (serial % 5) * 2 + u32::from(male);
        let body = format!(
            "{:02}{:02}{:02}{:03}{sex}",
            date.day,
            date.month,
            date.year % 100,
            serial % 1000
        );
        let c = luhn::check_digit(body.as_bytes()).unwrap();
        format!("{body}{c}")
    }

    #[test]
    fn vectors() {
        // 1 January 1930, serial 999, sex digit 9 (man); Luhn check 7.
        let c = GrAmka.check("01013099997", &ctx());
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.date, Date::new(1930, 1, 1));
        assert_eq!(c.facts.sex, Some(Sex::Male));
        assert_eq!(problems("01013099999"), ["checksum"]);
        // 29 February: 2000 was a leap year, 2001 and 1901 were not.
        let c = GrAmka.check(&make(Date::new(2000, 2, 29).unwrap(), 0, false), &ctx());
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.sex, Some(Sex::Female));
        let mut v = String::from("2902011234");
        v.push(char::from(b'0' + luhn::check_digit(v.as_bytes()).unwrap()));
        assert_eq!(problems(&v), ["date_invalid"]);
        // Two-digit years after the reference year belong to the last century.
        let c = GrAmka.check(&make(Date::new(1999, 12, 31).unwrap(), 5, true), &ctx());
        assert_eq!(c.facts.date, Date::new(1999, 12, 31));
        assert!(!GrAmka.looks_like("01013099999"));
        assert!(GrAmka.looks_like("010130 99997"));
    }

    proptest! {
        #[test]
        fn generated_are_valid_and_mutants_fail(
            days in 0i64..36_000, serial in 0u32..1000, male in any::<bool>()
        ) {
            let date = Date::from_days(Date::new(1925, 1, 1).unwrap().to_days() + days).unwrap();
            prop_assume!(date <= ctx().reference_date);
            let v = make(date, serial, male);
            let c = GrAmka.check(&v, &ctx());
            prop_assert!(c.is_valid(), "{} {:?}", v, c);
            prop_assert_eq!(c.facts.date, Some(date));
            prop_assert!(GrAmka.looks_like(&v));
            // Luhn catches every single-digit error.
            for (_, m) in mutants(&v) {
                prop_assert!(problems(&m).contains(&"checksum"), "{}", m);
            }
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,30}") {
            let c = GrAmka.check(&s, &ctx());
            let _ = GrAmka.looks_like(&s);
            if !s.bytes().any(|b| b.is_ascii_digit()) {
                prop_assert!(!c.problems.is_empty());
            }
        }
    }
}
