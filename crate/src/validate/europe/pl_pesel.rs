//! Poland: PESEL, the national identification number of the Universal Electronic System for
//! Registration of the Population.
//!
//! Layout: `YYMMDD ZZZ X Q` — birth date, serial, sex digit (odd for men), check digit. The
//! century is in the month: 81–92 for 1800–1899, 01–12 for 1900–1999, 21–32 for 2000–2099,
//! 41–52 for 2100–2199, 61–72 for 2200–2299.
//!
//! Check: Σ digit·weight over the first ten digits with weights `1 3 7 9 1 3 7 9 1 3`; the
//! check digit is `(10 − Σ mod 10) mod 10`. Every weight is a unit mod 10, so every
//! single-digit error is caught.
//!
//! Problems: `format`, `length`, `checksum`, `date_invalid`, `date_after_reference`,
//! `date_too_old`. Extracts birth date and sex.
//!
//! Specification: Ustawa z dnia 24 września 2010 r. o ewidencji ludności (Dz.U. 2010 nr 217
//! poz. 1427), art. 15, and the Ministry of Digital Affairs' description of the PESEL number
//! (gov.pl, "Numer PESEL").

use super::ce_util::{birth_date, read, shape, start};
use crate::checkdigit::weighted;
use crate::kinds::Kind;
use crate::validate::{Check, Context, Sex, Validator};

pub struct PlPesel;

const WEIGHTS: [u32; 10] = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];

/// The check digit of the first ten ASCII digits.
pub fn check_digit(payload: &[u8]) -> Option<u8> {
    let s = weighted::sum(payload.get(..10)?, &WEIGHTS)?;
    Some(((10 - s % 10) % 10) as u8)
}

impl Validator for PlPesel {
    fn id(&self) -> &'static str {
        "pl_pesel"
    }
    fn name(&self) -> &'static str {
        "Polish PESEL number"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, value: &str) -> bool {
        shape(value, &[11]).is_some_and(|d| check_digit(d.ascii()) == Some(d.at(10) as u8))
    }
    fn check(&self, value: &str, ctx: &Context) -> Check {
        let d = match read(value, &[11]) {
            Ok(d) => d,
            Err(p) => return Check::invalid(p),
        };
        let mut check = start(&d, Some("PL"));
        if check_digit(d.ascii()) != Some(d.at(10) as u8) {
            check.problems.push("checksum");
        }
        let (yy, mm, dd) = (d.num(0, 2) as i32, d.num(2, 4), d.num(4, 6));
        let (century, month) = match mm {
            81..=92 => (1800, mm - 80),
            1..=12 => (1900, mm),
            21..=32 => (2000, mm - 20),
            41..=52 => (2100, mm - 40),
            61..=72 => (2200, mm - 60),
            _ => (0, 0),
        };
        if month == 0 {
            check.problems.push("date_invalid");
        } else {
            birth_date(&mut check, century + yy, month, dd, ctx);
        }
        check.facts.sex = Some(if d.at(9) % 2 == 1 {
            Sex::Male
        } else {
            Sex::Female
        });
        check
    }
    fn country(&self) -> Option<&'static str> {
        Some("PL")
    }
    fn validates(&self) -> &'static str {
        "length, weighted mod 10 check digit, birth date with century in the month"
    }
    fn extracts(&self) -> &'static str {
        "birth date, sex"
    }
    fn specification(&self) -> &'static str {
        "Ustawa o ewidencji ludności (2010), art. 15; gov.pl \"Numer PESEL\""
    }
}

/// A PESEL for `year-month-day`, `serial` (0–999) and `male`, with its check digit.
#[cfg(test)]
pub fn make(year: i32, month: u32, day: u32, serial: u32, male: bool) -> String {
    let offset = match year {
        1800..=1899 => 80,
        1900..=1999 => 0,
        2000..=2099 => 20,
        2100..=2199 => 40,
        _ => 60,
    };
    let sex = (serial % 5) * 2 + u32::from(male);
    let body = format!(
        "{:02}{:02}{:02}{:03}{}",
        year % 100,
        month + offset,
        day,
        serial % 1000,
        sex
    );
    let c = check_digit(body.as_bytes()).unwrap();
    format!("{body}{c}")
}

#[cfg(test)]
mod tests {
    use super::super::ce_util::testing::{ctx, mutants};
    use super::*;
    use crate::civil::Date;
    use proptest::prelude::*;

    fn problems(v: &str) -> Vec<&'static str> {
        PlPesel.check(v, &ctx()).problems
    }

    #[test]
    fn vectors() {
        // Worked example: 1944-05-14, serial 013, sex digit 5 (man):
        // 4·1+4·3+0·7+5·9+1·1+4·3+0·7+1·9+3·1+5·3 = 101 → check (10 − 1) mod 10 = 9.
        let c = PlPesel.check("44051401359", &ctx());
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.date, Date::new(1944, 5, 14));
        assert_eq!(c.facts.sex, Some(Sex::Male));
        assert_eq!(c.facts.country, Some("PL"));
        assert_eq!(problems("44051401358"), ["checksum"]);
        // Month 21–32: born in the 2000s.
        let v = make(2002, 1, 13, 75, false);
        let c = PlPesel.check(&v, &ctx());
        assert!(c.is_valid());
        assert_eq!(&v[2..4], "21");
        assert_eq!(c.facts.date, Date::new(2002, 1, 13));
        assert_eq!(c.facts.sex, Some(Sex::Female));
        // Month 38 encodes nothing; 13 February 2002 written as month 22 day 30 does not exist.
        let mut bad = String::from("02381307580");
        let cd = check_digit(bad.as_bytes()).unwrap();
        bad.replace_range(10.., &cd.to_string());
        assert_eq!(problems(&bad), ["date_invalid"]);
        assert_eq!(problems(&make(2002, 2, 30, 1, true)), ["date_invalid"]);
    }

    #[test]
    fn birth_date_problems() {
        assert_eq!(problems(&make(1890, 1, 1, 1, true)), ["date_too_old"]);
        assert_eq!(
            problems(&make(2030, 1, 1, 1, true)),
            ["date_after_reference"]
        );
        assert_eq!(
            problems(&make(2150, 1, 1, 1, true)),
            ["date_after_reference"]
        );
    }

    #[test]
    fn shapes() {
        let c = PlPesel.check("440514 01359", &ctx());
        assert!(c.is_valid());
        assert_eq!(c.facts.canonical.as_deref(), Some("44051401359"));
        assert_eq!(problems("4405140135"), ["length"]);
        assert_eq!(problems("4405140135X"), ["format"]);
        assert!(PlPesel.looks_like("44051401359"));
        assert!(!PlPesel.looks_like("44051401358"));
        assert!(!PlPesel.looks_like("4405140135"));
    }

    proptest! {
        #[test]
        fn generated_are_valid_and_mutants_fail(
            days in 0i64..45_000, serial in 0u32..1000, male in any::<bool>()
        ) {
            let date = Date::from_days(Date::new(1901, 1, 1).unwrap().to_days() + days).unwrap();
            prop_assume!(date <= ctx().reference_date);
            let v = make(date.year, u32::from(date.month), u32::from(date.day), serial, male);
            let c = PlPesel.check(&v, &ctx());
            prop_assert!(c.is_valid(), "{} {:?}", v, c);
            prop_assert_eq!(c.facts.date, Some(date));
            prop_assert_eq!(c.facts.sex, Some(if male { Sex::Male } else { Sex::Female }));
            prop_assert!(PlPesel.looks_like(&v));
            for (_, m) in mutants(&v) {
                prop_assert!(PlPesel.check(&m, &ctx()).problems.contains(&"checksum"), "{}", m);
            }
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,30}") {
            let c = PlPesel.check(&s, &ctx());
            let _ = PlPesel.looks_like(&s);
            if !s.bytes().any(|b| b.is_ascii_digit()) {
                prop_assert!(!c.problems.is_empty());
            }
        }
    }
}
