//! Bulgaria: ЕГН (Единен граждански номер, uniform civil number).
//!
//! Layout: `YYMMDD RRR S C` — birth date, region/serial, sex digit (the ninth digit: even for
//! men, odd for women), check digit. The century is in the month: 01–12 for 1900–1999, 21–32
//! for 1800–1899, 41–52 for 2000–2099.
//!
//! Check: Σ digit·weight over the first nine digits with weights `2 4 8 5 10 9 7 3 6`
//! (2^k mod 11); the remainder mod 11 is the check digit, except that 10 gives 0.
//!
//! Problems: `format`, `length`, `checksum`, `date_invalid`, `date_after_reference`,
//! `date_too_old`. Extracts birth date and sex.
//!
//! Specification: Закон за гражданската регистрация (Civil Registration Act), чл. 8, and the
//! ГРАО (civil registration directorate) description of the ЕГН structure and check digit.

use super::ce_util::{birth_date, read, shape, start};
use crate::checkdigit::weighted;
use crate::kinds::Kind;
use crate::validate::{Check, Context, Sex, Validator};

pub struct BgEgn;

const WEIGHTS: [u32; 9] = [2, 4, 8, 5, 10, 9, 7, 3, 6];

/// The check digit of the first nine ASCII digits.
pub fn check_digit(payload: &[u8]) -> Option<u8> {
    let r = weighted::remainder(payload.get(..9)?, &WEIGHTS, 11)?;
    Some((r % 10) as u8)
}

impl Validator for BgEgn {
    fn id(&self) -> &'static str {
        "bg_egn"
    }
    fn name(&self) -> &'static str {
        "Bulgarian uniform civil number (ЕГН)"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, value: &str) -> bool {
        shape(value, &[10]).is_some_and(|d| {
            matches!(d.num(2, 4), 1..=12 | 21..=32 | 41..=52)
                && check_digit(d.ascii()) == Some(d.at(9) as u8)
        })
    }
    fn check(&self, value: &str, ctx: &Context) -> Check {
        let d = match read(value, &[10]) {
            Ok(d) => d,
            Err(p) => return Check::invalid(p),
        };
        let mut check = start(&d, Some("BG"));
        if check_digit(d.ascii()) != Some(d.at(9) as u8) {
            check.problems.push("checksum");
        }
        let (yy, mm) = (d.num(0, 2) as i32, d.num(2, 4));
        let (century, month) = match mm {
            1..=12 => (1900, mm),
            21..=32 => (1800, mm - 20),
            41..=52 => (2000, mm - 40),
            _ => (0, 0),
        };
        if month == 0 {
            check.problems.push("date_invalid");
        } else {
            birth_date(&mut check, century + yy, month, d.num(4, 6), ctx);
        }
        check.facts.sex = Some(if d.at(8) % 2 == 0 {
            Sex::Male
        } else {
            Sex::Female
        });
        check
    }
    fn country(&self) -> Option<&'static str> {
        Some("BG")
    }
    fn validates(&self) -> &'static str {
        "length, weighted mod 11 check digit, birth date with century in the month"
    }
    fn extracts(&self) -> &'static str {
        "birth date, sex"
    }
    fn specification(&self) -> &'static str {
        "Закон за гражданската регистрация, чл. 8; ГРАО description of the ЕГН"
    }
}

/// An ЕГН for the date, `serial` (0–99) and `male`, with its check digit.
#[cfg(test)]
pub fn make(year: i32, month: u32, day: u32, serial: u32, male: bool) -> String {
    let offset = match year {
        1800..=1899 => 20,
        2000..=2099 => 40,
        _ => 0,
    };
    let sex = (serial % 5) * 2 + u32::from(!male);
    let body = format!(
        "{:02}{:02}{day:02}{:02}{sex}",
        year % 100,
        month + offset,
        serial % 100
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
        BgEgn.check(v, &ctx()).problems
    }

    #[test]
    fn vectors() {
        // 1880-12-05 (month 32), ninth digit 3 (woman): Σ = 8·2+0·4+3·8+2·5+0·10+5·9+6·7
        // +0·3+3·6 = 155, 155 mod 11 = 1.
        let c = BgEgn.check("8032056031", &ctx());
        assert_eq!(c.facts.date, Date::new(1880, 12, 5));
        assert_eq!(c.facts.sex, Some(Sex::Female));
        assert_eq!(c.problems, ["date_too_old"]);
        assert_eq!(problems("8032056032"), ["checksum", "date_too_old"]);
        let c = BgEgn.check(&make(1975, 2, 1, 3, true), &ctx());
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.sex, Some(Sex::Male));
        let c = BgEgn.check(&make(2005, 2, 1, 3, false), &ctx());
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.date, Date::new(2005, 2, 1));
        assert_eq!(c.facts.sex, Some(Sex::Female));
        // 2075-02-01 is after the reference date.
        assert_eq!(
            problems(&make(2075, 2, 1, 3, true)),
            ["date_after_reference"]
        );
        // Month 19 is no month code; 1901-02-29 does not exist.
        assert_eq!(problems(&make(1980, 19, 1, 0, true)), ["date_invalid"]);
        assert_eq!(problems(&make(1901, 2, 29, 0, true)), ["date_invalid"]);
        assert_eq!(problems("7552A10004"), ["format"]);
        assert_eq!(problems("752316 926 3").len(), 1);
    }

    #[test]
    fn remainder_ten_gives_zero() {
        let body = (0..100)
            .map(|s| format!("7502010{s:02}"))
            .find(|b| weighted::remainder(b.as_bytes(), &WEIGHTS, 11) == Some(10))
            .unwrap();
        assert!(problems(&format!("{body}0")).is_empty());
        assert!(BgEgn.looks_like(&format!("{body}0")));
        assert_eq!(problems(&format!("{body}1")), ["checksum"]);
    }

    proptest! {
        #[test]
        fn generated_are_valid_and_mutants_fail(
            days in 0i64..45_000, serial in 0u32..100, male in any::<bool>()
        ) {
            let date = Date::from_days(Date::new(1901, 1, 1).unwrap().to_days() + days).unwrap();
            prop_assume!(date <= ctx().reference_date);
            let v = make(date.year, u32::from(date.month), u32::from(date.day), serial, male);
            let c = BgEgn.check(&v, &ctx());
            prop_assert!(c.is_valid(), "{} {:?}", v, c);
            prop_assert_eq!(c.facts.date, Some(date));
            prop_assert_eq!(c.facts.sex, Some(if male { Sex::Male } else { Sex::Female }));
            prop_assert!(BgEgn.looks_like(&v));
            // Weights are non-zero mod 11: a change passes only between remainders 0 and 10.
            let r = weighted::remainder(&v.as_bytes()[..9], &WEIGHTS, 11).unwrap();
            for (_, m) in mutants(&v) {
                let rm = weighted::remainder(&m.as_bytes()[..9], &WEIGHTS, 11).unwrap();
                if r % 10 != rm % 10 || m.as_bytes()[9] != v.as_bytes()[9] {
                    prop_assert!(!BgEgn.check(&m, &ctx()).is_valid(), "{}", m);
                }
            }
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,30}") {
            let c = BgEgn.check(&s, &ctx());
            let _ = BgEgn.looks_like(&s);
            if !s.bytes().any(|b| b.is_ascii_digit()) {
                prop_assert!(!c.problems.is_empty());
            }
        }
    }
}
