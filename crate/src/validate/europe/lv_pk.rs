//! Latvia: personas kods, the personal code.
//!
//! Two layouts, both 11 digits, written `XXXXXX-XXXXX`:
//! - until 30 June 2017: `DDMMYY-CNNNK` — birth date, century digit `C` (0 for 1800–1899, 1 for
//!   1900–1999, 2 for 2000–2099), serial, check digit;
//! - since 1 July 2017: `3X…` — first digit 3, second digit 2–9 (so never a day of the month),
//!   the rest assigned at random, last digit the check digit; no birth date (`coding`
//!   `no_date`).
//!
//! Check: the check digit is `(1101 − Σ digit·weight) mod 11` over the first ten digits with
//! weights `1 6 3 7 9 10 5 8 4 2`; a result of 10 is written 0.
//!
//! Problems: `format`, `length`, `checksum`, `century_digit_invalid`, `date_invalid`,
//! `date_after_reference`, `date_too_old`. Extracts the birth date of old-layout codes; the code
//! does not encode sex.
//!
//! Specification: Iedzīvotāju reģistra likums (Population Register Law) as amended from
//! 1 July 2017, and the Central Statistical Bureau's classifier "Latvijas iedzīvotāju
//! reģistrācijas sistēmas klasifikators" (structure of the personal code).

use super::ce_util::{birth_date, read, shape, start, Digits};
use crate::checkdigit::weighted;
use crate::kinds::Kind;
use crate::validate::{Check, Context, Validator};

pub struct LvPk;

const WEIGHTS: [u32; 10] = [1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/// The check digit of the first ten ASCII digits.
pub fn check_digit(payload: &[u8]) -> Option<u8> {
    let s = weighted::sum(payload.get(..10)?, &WEIGHTS)?;
    Some(((1101 - s) % 11 % 10) as u8)
}

/// Whether the code has the 2017 layout (first digits 32–39).
fn new_layout(d: &Digits) -> bool {
    matches!(d.num(0, 2), 32..=39)
}

impl Validator for LvPk {
    fn id(&self) -> &'static str {
        "lv_pk"
    }
    fn name(&self) -> &'static str {
        "Latvian personal code (personas kods)"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, value: &str) -> bool {
        shape(value, &[11]).is_some_and(|d| {
            let plausible = new_layout(&d)
                || (matches!(d.num(0, 2), 1..=31) && matches!(d.num(2, 4), 1..=12) && d.at(6) <= 2);
            plausible && check_digit(d.ascii()) == Some(d.at(10) as u8)
        })
    }
    fn check(&self, value: &str, ctx: &Context) -> Check {
        let d = match read(value, &[11]) {
            Ok(d) => d,
            Err(p) => return Check::invalid(p),
        };
        let mut check = start(&d, Some("LV"));
        if check_digit(d.ascii()) != Some(d.at(10) as u8) {
            check.problems.push("checksum");
        }
        if new_layout(&d) {
            check.facts.coding = Some("no_date");
            return check;
        }
        check.facts.coding = Some("birth_date");
        match d.at(6) {
            c @ 0..=2 => {
                let year = 1800 + 100 * c as i32 + d.num(4, 6) as i32;
                birth_date(&mut check, year, d.num(2, 4), d.num(0, 2), ctx);
            }
            _ => check.problems.push("century_digit_invalid"),
        }
        check
    }
    fn country(&self) -> Option<&'static str> {
        Some("LV")
    }
    fn validates(&self) -> &'static str {
        "length, weighted mod 11 check digit, birth date and century digit (pre-2017 codes)"
    }
    fn extracts(&self) -> &'static str {
        "birth date (pre-2017 codes)"
    }
    fn specification(&self) -> &'static str {
        "Iedzīvotāju reģistra likums (from 2017-07-01); CSB personal code classifier"
    }
}

#[cfg(test)]
fn with_check(body: &str) -> String {
    let c = check_digit(body.as_bytes()).unwrap();
    format!("{}-{}{c}", &body[..6], &body[6..])
}

#[cfg(test)]
mod tests {
    use super::super::ce_util::testing::{ctx, mutants};
    use super::*;
    use crate::civil::Date;
    use proptest::prelude::*;

    fn problems(v: &str) -> Vec<&'static str> {
        LvPk.check(v, &ctx()).problems
    }

    #[test]
    fn vectors() {
        // 16 November 1975, century digit 1, serial 999: Σ = 1·1+6·6+1·3+1·7+7·9+5·10+1·5
        // +9·8+9·4+9·2 = 291, (1101 − 291) mod 11 = 810 mod 11 = 7.
        let c = LvPk.check("161175-19997", &ctx());
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.date, Date::new(1975, 11, 16));
        assert_eq!(c.facts.canonical.as_deref(), Some("16117519997"));
        assert_eq!(c.facts.sex, None);
        assert_eq!(problems("161175-19998"), ["checksum"]);
        assert_eq!(problems(&with_check("1613751999")), ["date_invalid"]);
        assert_eq!(
            problems(&with_check("1611755999")),
            ["century_digit_invalid"]
        );
        assert_eq!(problems(&with_check("0101300999")), ["date_too_old"]);
        assert_eq!(
            problems(&with_check("0101302999")),
            ["date_after_reference"]
        );
        // The 2017 layout carries no date.
        let v = with_check("3286730067");
        assert_eq!(v, "328673-00679");
        let c = LvPk.check(&v, &ctx());
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.coding, Some("no_date"));
        assert_eq!(c.facts.date, None);
        assert_eq!(problems("328673-00677"), ["checksum"]);
        assert!(LvPk.check(&with_check("3912345678"), &ctx()).is_valid());
        assert!(LvPk.looks_like("32867300679"));
        assert!(LvPk.looks_like("161175-19997"));
        assert!(!LvPk.looks_like("161175-19998"));
    }

    proptest! {
        #[test]
        fn generated_are_valid_and_mutants_fail(
            days in 0i64..45_000, serial in 0u32..1000, new in any::<bool>(), rest in 0u64..1_000_000_000
        ) {
            let v = if new {
                with_check(&format!("3{}{:08}", 2 + rest % 8, rest % 100_000_000))
            } else {
                let date = Date::from_days(Date::new(1901, 1, 1).unwrap().to_days() + days).unwrap();
                prop_assume!(date <= ctx().reference_date);
                let c = (date.year - 1800) / 100;
                with_check(&format!("{:02}{:02}{:02}{c}{serial:03}", date.day, date.month, date.year % 100))
            };
            let c = LvPk.check(&v, &ctx());
            prop_assert!(c.is_valid(), "{} {:?}", v, c);
            prop_assert!(LvPk.looks_like(&v));
            // Weights are non-zero mod 11: a change moves the result, and passes only between
            // 0 and 10 (both written 0).
            let raw = |x: &str| {
                let b: Vec<u8> = x.bytes().filter(u8::is_ascii_digit).collect();
                (1101 - weighted::sum(&b[..10], &WEIGHTS).unwrap()) % 11
            };
            for (i, m) in mutants(&v) {
                let (a, b) = (raw(&v), raw(&m));
                if i == 11 || a % 10 != b % 10 {
                    prop_assert!(!LvPk.check(&m, &ctx()).is_valid(), "{}", m);
                }
            }
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,30}") {
            let c = LvPk.check(&s, &ctx());
            let _ = LvPk.looks_like(&s);
            if !s.bytes().any(|b| b.is_ascii_digit()) {
                prop_assert!(!c.problems.is_empty());
            }
        }
    }
}
