//! Estonia: isikukood, the personal identification code. Lithuania's asmens kodas
//! ([`super::lt_asmens`]) uses the same scheme.
//!
//! Layout: `G YYMMDD SSS C` — sex and century, birth date, serial, check digit. `G`: 1/2 men and
//! women born 1800–1899, 3/4 born 1900–1999, 5/6 born 2000–2099, 7/8 born 2100–2199.
//!
//! Check (two stages): Σ digit·weight over the first ten digits with weights
//! `1 2 3 4 5 6 7 8 9 1`, mod 11; if that is 10, again with weights `3 4 5 6 7 8 9 1 2 3`, mod
//! 11; if that is 10 too, the check digit is 0.
//!
//! Problems: `format`, `length`, `checksum`, `invalid_prefix` (G = 0 or 9), `date_invalid`,
//! `date_after_reference`, `date_too_old`. Extracts birth date and sex.
//!
//! Specification: Estonian standard EVS 585:2007 "Isikukood. Struktuur" and the Population
//! Register Act (Rahvastikuregistri seadus); <https://www.riigiteataja.ee/akt/106032012004>.

use super::ce_util::{birth_date, read, shape, start, Digits};
use crate::checkdigit::weighted;
use crate::kinds::Kind;
use crate::validate::{Check, Context, Sex, Validator};

pub struct EeIk;

const W1: [u32; 10] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 1];
const W2: [u32; 10] = [3, 4, 5, 6, 7, 8, 9, 1, 2, 3];

/// The two-stage check digit of the first ten ASCII digits (shared with Lithuania).
pub fn check_digit(payload: &[u8]) -> Option<u8> {
    let p = payload.get(..10)?;
    let r = weighted::remainder(p, &W1, 11)?;
    if r < 10 {
        return Some(r as u8);
    }
    let r = weighted::remainder(p, &W2, 11)?;
    Some((r % 10) as u8)
}

/// Checks a `G YYMMDD SSS C` code: check digit, then (unless `G` is 9 and `g9_undated`) the
/// sex/century digit and the birth date.
pub fn check_code(d: &Digits, country: &'static str, g9_undated: bool, ctx: &Context) -> Check {
    let mut check = start(d, Some(country));
    if check_digit(d.ascii()) != Some(d.at(10) as u8) {
        check.problems.push("checksum");
    }
    let g = d.at(0);
    if g == 9 && g9_undated {
        check.notes.push("no_birth_date");
        return check;
    }
    if !(1..=8).contains(&g) {
        check.problems.push("invalid_prefix");
        return check;
    }
    let year = 1800 + 100 * ((g as i32 - 1) / 2) + d.num(1, 3) as i32;
    birth_date(&mut check, year, d.num(3, 5), d.num(5, 7), ctx);
    check.facts.sex = Some(if g % 2 == 1 { Sex::Male } else { Sex::Female });
    check
}

/// Whether `value` has the shape of such a code with a matching check digit.
pub fn looks(value: &str, allow_g9: bool) -> bool {
    shape(value, &[11]).is_some_and(|d| {
        let g = d.at(0);
        ((1..=8).contains(&g) || (allow_g9 && g == 9))
            && check_digit(d.ascii()) == Some(d.at(10) as u8)
    })
}

impl Validator for EeIk {
    fn id(&self) -> &'static str {
        "ee_ik"
    }
    fn name(&self) -> &'static str {
        "Estonian personal identification code (isikukood)"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, value: &str) -> bool {
        looks(value, false)
    }
    fn check(&self, value: &str, ctx: &Context) -> Check {
        match read(value, &[11]) {
            Ok(d) => check_code(&d, "EE", false, ctx),
            Err(p) => Check::invalid(p),
        }
    }
    fn country(&self) -> Option<&'static str> {
        Some("EE")
    }
    fn validates(&self) -> &'static str {
        "length, two-stage mod 11 check digit, sex/century digit, birth date"
    }
    fn extracts(&self) -> &'static str {
        "birth date, sex"
    }
    fn specification(&self) -> &'static str {
        "EVS 585:2007 Isikukood; riigiteataja.ee/akt/106032012004"
    }
}

/// A code with first digit for `year` and `male`, date and `serial`, with its check digit.
#[cfg(test)]
pub fn make(year: i32, month: u32, day: u32, serial: u32, male: bool) -> String {
    let g = (year - 1800) / 100 * 2 + if male { 1 } else { 2 };
    let body = format!("{g}{:02}{month:02}{day:02}{:03}", year % 100, serial % 1000);
    let c = check_digit(body.as_bytes()).unwrap();
    format!("{body}{c}")
}

/// Asserts what the Estonian and Lithuanian tests share: generated codes pass, and every
/// single-digit change fails where the first stage guarantees it (weights 1–9 are non-zero
/// mod 11, so the first-stage remainder moves; the check can only pass again through the
/// second stage, i.e. when the original or the changed code has first-stage remainder 10).
#[cfg(test)]
pub fn assert_generated(
    v: &dyn Validator,
    days: i64,
    serial: u32,
    male: bool,
) -> Result<(), String> {
    use super::ce_util::testing::{ctx, mutants};
    use crate::civil::Date;
    let Some(date) = Date::from_days(Date::new(1901, 1, 1).unwrap().to_days() + days) else {
        return Ok(());
    };
    if date > ctx().reference_date {
        return Ok(());
    }
    let s = make(
        date.year,
        u32::from(date.month),
        u32::from(date.day),
        serial,
        male,
    );
    let c = v.check(&s, &ctx());
    if !c.is_valid() || c.facts.date != Some(date) || !v.looks_like(&s) {
        return Err(format!("{s} {c:?}"));
    }
    if c.facts.sex != Some(if male { Sex::Male } else { Sex::Female }) {
        return Err(format!("sex {s}"));
    }
    let stage1 = |x: &str| weighted::remainder(&x.as_bytes()[..10], &W1, 11).unwrap();
    for (_, m) in mutants(&s) {
        if stage1(&s) < 10 && stage1(&m) < 10 && v.check(&m, &ctx()).is_valid() {
            return Err(format!("mutant {m} passes"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::ce_util::testing::ctx;
    use super::*;
    use crate::civil::Date;
    use proptest::prelude::*;

    fn problems(v: &str) -> Vec<&'static str> {
        EeIk.check(v, &ctx()).problems
    }

    #[test]
    fn vectors() {
        // 1968-05-28, man (3), serial 010: Σ = 3·1+6·2+8·3+0·4+5·5+2·6+8·7+0·8+1·9+0·1 = 141,
        // 141 mod 11 = 9.
        let c = EeIk.check("36805280109", &ctx());
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.date, Date::new(1968, 5, 28));
        assert_eq!(c.facts.sex, Some(Sex::Male));
        assert_eq!(c.facts.country, Some("EE"));
        assert_eq!(problems("36805280108"), ["checksum"]);
        let c = EeIk.check(&make(2010, 12, 31, 5, false), &ctx());
        assert!(c.is_valid());
        assert_eq!(c.facts.sex, Some(Sex::Female));
        assert!(EeIk.looks_like("36805280109"));
        assert!(!EeIk.looks_like("36805280108"));
        assert_eq!(problems(&make(1968, 2, 30, 5, true)), ["date_invalid"]);
        assert_eq!(
            problems(&make(2130, 1, 1, 5, true)),
            ["date_after_reference"]
        );
        assert_eq!(problems(&make(1850, 1, 1, 5, true)), ["date_too_old"]);
        for g in ['0', '9'] {
            let mut v = format!("{g}6805280109");
            let c = check_digit(v.as_bytes()).unwrap();
            v.replace_range(10.., &c.to_string());
            assert_eq!(problems(&v), ["invalid_prefix"]);
        }
    }

    #[test]
    fn second_stage() {
        // A payload whose first-stage remainder is 10 uses the second weights.
        let body = (0..1000)
            .map(|s| format!("3680528{s:03}"))
            .find(|b| weighted::remainder(b.as_bytes(), &W1, 11) == Some(10))
            .unwrap();
        let r2 = weighted::remainder(body.as_bytes(), &W2, 11).unwrap() % 10;
        assert!(problems(&format!("{body}{r2}")).is_empty());
        assert_eq!(problems(&format!("{body}{}", (r2 + 1) % 10)), ["checksum"]);
    }

    proptest! {
        #[test]
        fn generated_are_valid_and_mutants_fail(
            days in 0i64..45_000, serial in 0u32..1000, male in any::<bool>()
        ) {
            prop_assert_eq!(assert_generated(&EeIk, days, serial, male), Ok(()));
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,30}") {
            let c = EeIk.check(&s, &ctx());
            let _ = EeIk.looks_like(&s);
            if !s.bytes().any(|b| b.is_ascii_digit()) {
                prop_assert!(!c.problems.is_empty());
            }
        }
    }
}
