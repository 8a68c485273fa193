//! Slovenia: EMŠO (enotna matična številka občana), the unique master citizen number — the
//! Slovenian form of the former Yugoslav JMBG.
//!
//! Layout: `DDMMYYY RR BBB K` — birth date with the last three digits of the year (9xx for
//! 1900–1999, 0xx for 2000–2099; 8xx is read as 1800–1899), register region (50–59 Slovenia;
//! the other republics' ranges for people registered there: 1x Bosnia and Herzegovina,
//! 2x Montenegro, 3x Croatia, 4x North Macedonia, 7x central Serbia, 8x Vojvodina, 9x Kosovo,
//! 0x foreigners, 6x temporary residence), serial (000–499 men, 500–999 women), check digit.
//!
//! Check: `m = 11 − (Σ digit·weight mod 11)` over the first twelve digits with weights
//! `7 6 5 4 3 2 7 6 5 4 3 2`; `m = 11` gives 0 and `m = 10` is never issued (`checksum`).
//!
//! Problems: `format`, `length`, `checksum`, `date_invalid`, `date_after_reference`,
//! `date_too_old`. Extracts birth date, sex and the register region (as `issuer`).
//!
//! Specification: Uredba o načinu določanja osebne identifikacijske številke (Uradni list RS
//! 8/1999), art. 2–4 (structure, serial numbers, modulus 11 check; serial numbers whose check
//! cannot be formed are skipped), under the Zakon o centralnem registru prebivalstva; register
//! codes 50–59 all in use since the 2024 amendment.

use super::ce_util::{birth_date, read, shape, start};
use crate::checkdigit::weighted;
use crate::kinds::Kind;
use crate::validate::{Check, Context, Sex, Validator};

pub struct SiEmso;

const WEIGHTS: [u32; 12] = [7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

/// The check digit of the first twelve ASCII digits; `None` when never issued (m = 10).
pub fn check_digit(payload: &[u8]) -> Option<u8> {
    weighted::mod11_complement(payload.get(..12)?, &WEIGHTS)
}

/// The republic or category of a register region code.
fn region(rr: u32) -> &'static str {
    match rr / 10 {
        0 => "foreigner",
        1 => "Bosnia and Herzegovina",
        2 => "Montenegro",
        3 => "Croatia",
        4 => "North Macedonia",
        5 => "Slovenia",
        6 => "temporary residence",
        7 => "Serbia",
        8 => "Vojvodina",
        _ => "Kosovo",
    }
}

impl Validator for SiEmso {
    fn id(&self) -> &'static str {
        "si_emso"
    }
    fn name(&self) -> &'static str {
        "Slovenian unique master citizen number (EMŠO)"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, value: &str) -> bool {
        shape(value, &[13]).is_some_and(|d| {
            matches!(d.num(0, 2), 1..=31)
                && matches!(d.num(2, 4), 1..=12)
                && check_digit(d.ascii()) == Some(d.at(12) as u8)
        })
    }
    fn check(&self, value: &str, ctx: &Context) -> Check {
        let d = match read(value, &[13]) {
            Ok(d) => d,
            Err(p) => return Check::invalid(p),
        };
        let mut check = start(&d, Some("SI"));
        if check_digit(d.ascii()) != Some(d.at(12) as u8) {
            check.problems.push("checksum");
        }
        let yyy = d.num(4, 7) as i32;
        let year = if yyy >= 800 { 1000 + yyy } else { 2000 + yyy };
        birth_date(&mut check, year, d.num(2, 4), d.num(0, 2), ctx);
        check.facts.sex = Some(if d.num(9, 12) < 500 {
            Sex::Male
        } else {
            Sex::Female
        });
        check.facts.issuer = Some(region(d.num(7, 9)).to_owned());
        check
    }
    fn country(&self) -> Option<&'static str> {
        Some("SI")
    }
    fn validates(&self) -> &'static str {
        "length, weighted mod 11 check digit, birth date"
    }
    fn extracts(&self) -> &'static str {
        "birth date, sex, register region (issuer)"
    }
    fn specification(&self) -> &'static str {
        "Uredba o načinu določanja osebne identifikacijske številke (Uradni list RS 8/1999)"
    }
}

/// An EMŠO for the date, region and serial; `None` when the check would be 10.
#[cfg(test)]
pub fn make(year: i32, month: u32, day: u32, rr: u32, serial: u32) -> Option<String> {
    let body = format!("{day:02}{month:02}{:03}{rr:02}{serial:03}", year % 1000);
    let c = check_digit(body.as_bytes())?;
    Some(format!("{body}{c}"))
}

#[cfg(test)]
mod tests {
    use super::super::ce_util::testing::{ctx, mutants};
    use super::*;
    use crate::civil::Date;
    use proptest::prelude::*;

    fn problems(v: &str) -> Vec<&'static str> {
        SiEmso.check(v, &ctx()).problems
    }

    #[test]
    fn vectors() {
        // 1 January 2006, region 50, serial 000: Σ = 0·7+1·6+0·5+1·4+0·3+0·2+6·7+5·6+0·5
        // +0·4+0·3+0·2 = 82, 82 mod 11 = 5, 11 − 5 = 6.
        let c = SiEmso.check("0101006500006", &ctx());
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.date, Date::new(2006, 1, 1));
        assert_eq!(c.facts.sex, Some(Sex::Male));
        assert_eq!(c.facts.issuer.as_deref(), Some("Slovenia"));
        assert_eq!(problems("0101006500007"), ["checksum"]);
        let c = SiEmso.check(&make(1985, 3, 4, 33, 512).unwrap(), &ctx());
        assert!(c.is_valid());
        assert_eq!(c.facts.sex, Some(Sex::Female));
        assert_eq!(c.facts.date, Date::new(1985, 3, 4));
        assert_eq!(c.facts.issuer.as_deref(), Some("Croatia"));
        let v = (0..1000).find_map(|s| make(1985, 2, 30, 50, s)).unwrap();
        assert_eq!(problems(&v), ["date_invalid"]);
        let v = (0..1000).find_map(|s| make(2030, 1, 1, 50, s)).unwrap();
        assert_eq!(problems(&v), ["date_after_reference"]);
        let v = (0..1000).find_map(|s| make(1880, 1, 1, 50, s)).unwrap();
        assert_eq!(problems(&v), ["date_too_old"]);
    }

    #[test]
    fn remainder_one_is_never_issued() {
        let body = (0..1000)
            .map(|s| format!("010198550{s:03}"))
            .find(|b| weighted::remainder(b.as_bytes(), &WEIGHTS, 11) == Some(1))
            .unwrap();
        for c in 0..10 {
            assert_eq!(problems(&format!("{body}{c}")), ["checksum"]);
        }
    }

    proptest! {
        #[test]
        fn generated_are_valid_and_mutants_fail(
            days in 0i64..45_000, rr in 0u32..100, serial in 0u32..1000
        ) {
            let date = Date::from_days(Date::new(1901, 1, 1).unwrap().to_days() + days).unwrap();
            prop_assume!(date <= ctx().reference_date);
            let v = make(date.year, u32::from(date.month), u32::from(date.day), rr, serial);
            prop_assume!(v.is_some());
            let v = v.unwrap();
            let c = SiEmso.check(&v, &ctx());
            prop_assert!(c.is_valid(), "{} {:?}", v, c);
            prop_assert_eq!(c.facts.date, Some(date));
            prop_assert!(SiEmso.looks_like(&v));
            // Weights are non-zero mod 11 and m = 10 is rejected: every change fails.
            for (_, m) in mutants(&v) {
                prop_assert!(problems(&m).contains(&"checksum"), "{}", m);
            }
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,30}") {
            let c = SiEmso.check(&s, &ctx());
            let _ = SiEmso.looks_like(&s);
            if !s.bytes().any(|b| b.is_ascii_digit()) {
                prop_assert!(!c.problems.is_empty());
            }
        }
    }
}
