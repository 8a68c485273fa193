//! Ukraine: РНОКПП (реєстраційний номер облікової картки платника податків), the individual
//! taxpayer registration number, formerly ІПН.
//!
//! Layout: `DDDDD SSS G C` — the birth date as the number of days since 31 December 1899
//! (00001 is 1 January 1900), serial, sex digit (the ninth digit: odd for men, even for
//! women), check digit.
//!
//! Check: Σ digit·weight over the first nine digits with weights `−1 5 7 9 4 6 10 5 7`; the
//! check digit is that sum mod 11, mod 10.
//!
//! Problems: `format`, `length`, `checksum`, `date_after_reference`, `date_too_old`. Extracts
//! birth date and sex.
//!
//! Specification: Tax Code of Ukraine, art. 70, and the State Tax Service's order on the State
//! Register of Individual Taxpayers (structure of the registration number and its control
//! digit).

use super::ce_util::{read, shape, start};
use crate::civil::Date;
use crate::kinds::Kind;
use crate::validate::date::birth_date_problems;
use crate::validate::{Check, Context, Sex, Validator};

pub struct UaRntrc;

const WEIGHTS: [i32; 9] = [-1, 5, 7, 9, 4, 6, 10, 5, 7];

/// The check digit of the first nine ASCII digits.
pub fn check_digit(payload: &[u8]) -> Option<u8> {
    let p = payload.get(..9)?;
    let mut s = 0i32;
    for (&b, w) in p.iter().zip(WEIGHTS) {
        if !b.is_ascii_digit() {
            return None;
        }
        s += i32::from(b - b'0') * w;
    }
    Some((s.rem_euclid(11) % 10) as u8)
}

/// 31 December 1899, day zero of the count.
fn epoch() -> i64 {
    Date::new(1899, 12, 31).map_or(0, Date::to_days)
}

impl Validator for UaRntrc {
    fn id(&self) -> &'static str {
        "ua_rntrc"
    }
    fn name(&self) -> &'static str {
        "Ukrainian taxpayer registration number (РНОКПП/ІПН)"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, value: &str) -> bool {
        shape(value, &[10]).is_some_and(|d| check_digit(d.ascii()) == Some(d.at(9) as u8))
    }
    fn check(&self, value: &str, ctx: &Context) -> Check {
        let d = match read(value, &[10]) {
            Ok(d) => d,
            Err(p) => return Check::invalid(p),
        };
        let mut check = start(&d, Some("UA"));
        if check_digit(d.ascii()) != Some(d.at(9) as u8) {
            check.problems.push("checksum");
        }
        if let Some(date) = Date::from_days(epoch() + i64::from(d.num(0, 5))) {
            check.facts.date = Some(date);
            birth_date_problems(date, ctx, &mut check.problems);
        }
        check.facts.sex = Some(if d.at(8) % 2 == 1 {
            Sex::Male
        } else {
            Sex::Female
        });
        check
    }
    fn country(&self) -> Option<&'static str> {
        Some("UA")
    }
    fn validates(&self) -> &'static str {
        "length, weighted mod 11 check digit, birth date"
    }
    fn extracts(&self) -> &'static str {
        "birth date, sex"
    }
    fn specification(&self) -> &'static str {
        "Tax Code of Ukraine art. 70; DPS order on the register of individual taxpayers"
    }
}

/// A number for `date`, `serial` (0–999) and `male`, with its check digit.
#[cfg(test)]
pub fn make(date: Date, serial: u32, male: bool) -> String {
    let days = date.to_days() - epoch();
    let sex = (serial % 5) * 2 + u32::from(male);
    let body = format!("{days:05}{:03}{sex}", serial % 1000);
    let c = check_digit(body.as_bytes()).unwrap();
    format!("{body}{c}")
}

#[cfg(test)]
mod tests {
    use super::super::ce_util::testing::{ctx, mutants};
    use super::*;
    use proptest::prelude::*;

    fn problems(v: &str) -> Vec<&'static str> {
        UaRntrc.check(v, &ctx()).problems
    }

    #[test]
    fn vectors() {
        // Day 17590 is 1948-02-28; ninth digit 7 (man).
        let c = UaRntrc.check("1759013776", &ctx());
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.date, Date::new(1948, 2, 28));
        assert_eq!(c.facts.sex, Some(Sex::Male));
        assert_eq!(problems("1759013770"), ["checksum"]);
        // Day 1 is 1900-01-01; Σ = 1·4 = 4.
        assert_eq!(make(Date::new(1900, 1, 1).unwrap(), 0, false), "0000100004");
        let c = UaRntrc.check(&make(Date::new(1990, 6, 15).unwrap(), 12, false), &ctx());
        assert!(c.is_valid());
        assert_eq!(c.facts.date, Date::new(1990, 6, 15));
        assert_eq!(c.facts.sex, Some(Sex::Female));
        assert_eq!(problems("0000000000"), ["date_too_old"]);
        assert_eq!(
            problems(&make(Date::new(2030, 1, 1).unwrap(), 1, true)),
            ["date_after_reference"]
        );
        assert_eq!(problems("12345"), ["length"]);
        assert!(UaRntrc.check(" 25 30 41 40 71 ", &ctx()).is_valid());
        assert!(UaRntrc.looks_like("1759013776"));
        assert!(!UaRntrc.looks_like("1759013770"));
    }

    #[test]
    fn check_digit_formula() {
        // 1759013776: Σ = 1·(−1)+7·5+5·7+9·9+0·4+1·6+3·10+7·5+7·7 = 270, 270 mod 11 = 6.
        assert_eq!(check_digit(b"175901377"), Some(6));
        // A negative sum is taken mod 11 as well: 1000000000 → −1 ≡ 10 → 0.
        assert_eq!(check_digit(b"100000000"), Some(0));
    }

    proptest! {
        #[test]
        fn generated_are_valid_and_mutants_fail(
            days in 1i64..45_000, serial in 0u32..1000, male in any::<bool>()
        ) {
            let date = Date::from_days(epoch() + days).unwrap();
            prop_assume!(date <= ctx().reference_date);
            let v = make(date, serial, male);
            let c = UaRntrc.check(&v, &ctx());
            prop_assert!(c.is_valid(), "{} {:?}", v, c);
            prop_assert_eq!(c.facts.date, Some(date));
            prop_assert!(UaRntrc.looks_like(&v));
            // Weights are non-zero mod 11: the remainder moves, and a change passes only
            // between remainders 0 and 10 (both give 0).
            let rem = |x: &str| {
                let s: i32 = x.bytes().take(9).zip(WEIGHTS).map(|(b, w)| i32::from(b - b'0') * w).sum();
                s.rem_euclid(11)
            };
            for (i, m) in mutants(&v) {
                if i == 9 || rem(&v) % 10 != rem(&m) % 10 {
                    prop_assert!(problems(&m).contains(&"checksum"), "{}", m);
                }
            }
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,30}") {
            let c = UaRntrc.check(&s, &ctx());
            let _ = UaRntrc.looks_like(&s);
            if !s.bytes().any(|b| b.is_ascii_digit()) {
                prop_assert!(!c.problems.is_empty());
            }
        }
    }
}
