//! Denmark CPR number (personnummer of the Det Centrale Personregister).
//!
//! Layout: `DDMMYY-SSSS` — birth date and a four-digit serial number whose last digit is odd
//! for men and even for women. The first serial digit and the two-digit year give the century:
//! 0–3 → 1900s; 4 and 9 → 2000s for years 00–36, else 1900s; 5–8 → 2000s for years 00–57,
//! else 1800s.
//!
//! The modulus-11 check (weights 4 3 2 7 6 5 4 3 2 1, sum divisible by 11) held for every
//! number issued before October 2007. Since then the CPR Office issues numbers that do not
//! satisfy it for birth dates whose modulus-11 series are used up, so a failing check is no
//! proof of a wrong number: it is reported as the note `mod11_fails`, never as a problem. (A
//! column in which nearly every number fails it, among people born before 2007, is suspicious
//! — that judgement belongs to the column statistics.)
//!
//! Problems: `length`, `format`, `date_invalid`, `date_after_reference`, `date_too_old`.
//! Notes: `mod11_fails`.
//!
//! Specification: CPR-kontoret, *Personnummeret i CPR-systemet* (2008), on the century digit
//! and on numbers without a modulus-11 check; CPR-loven (LBK nr. 1006 af 2017).

use super::west::{all_digits, birth_date, compact, num, set_canonical, sex_odd_male};
use crate::checkdigit::weighted;
use crate::kinds::Kind;
use crate::validate::{Check, Context, Validator};

pub struct DkCpr;

const WEIGHTS: [u32; 10] = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1];

/// Whether ten ASCII digits pass the (historical) modulus-11 check.
pub fn mod11_ok(b: &[u8]) -> bool {
    b.len() == 10 && weighted::remainder(b, &WEIGHTS, 11) == Some(0)
}

/// The birth year for the two-digit year and the first serial digit.
pub fn birth_year(yy: u32, first_serial: u32) -> i32 {
    let yy = yy as i32;
    match first_serial {
        4 | 9 if yy <= 36 => 2000 + yy,
        5..=8 if yy <= 57 => 2000 + yy,
        5..=8 => 1800 + yy,
        _ => 1900 + yy,
    }
}

/// Validates a CPR number; see the module documentation.
pub fn check_cpr(value: &str, ctx: &Context) -> Check {
    let mut check = Check::default();
    check.facts.country = Some("DK");
    let c = compact(value, &[' ', '-']);
    let b = c.as_bytes();
    if b.len() != 10 {
        check.problems.push("length");
        return check;
    }
    if !all_digits(b) {
        check.problems.push("format");
        return check;
    }
    let (dd, mm, yy) = (
        num(&b[..2]).unwrap_or(0),
        num(&b[2..4]).unwrap_or(0),
        num(&b[4..6]).unwrap_or(0),
    );
    let year = birth_year(yy, u32::from(b[6] - b'0'));
    birth_date(&mut check, year, mm, dd, ctx);
    check.facts.sex = Some(sex_odd_male(u32::from(b[9] - b'0')));
    if !mod11_ok(b) {
        check.notes.push("mod11_fails");
    }
    set_canonical(&mut check, value, &c);
    check
}

impl Validator for DkCpr {
    fn id(&self) -> &'static str {
        "dk_cpr"
    }
    fn name(&self) -> &'static str {
        "Denmark CPR number"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    /// `DDMMYY-SSSS` with a calendar date, or ten digits with a calendar date that also pass
    /// the modulus-11 check (without the dash, the date alone is too weak a sign).
    fn looks_like(&self, value: &str) -> bool {
        let b = value.as_bytes();
        let dashed = b.len() == 11 && b[6] == b'-';
        let c = compact(value, &['-']);
        let d = c.as_bytes();
        if d.len() != 10 || !all_digits(d) || (b.len() != 10 && !dashed) {
            return false;
        }
        let (dd, mm, yy) = (
            num(&d[..2]).unwrap_or(0),
            num(&d[2..4]).unwrap_or(0),
            num(&d[4..6]).unwrap_or(0),
        );
        let year = birth_year(yy, u32::from(d[6] - b'0'));
        super::west::date(year, mm, dd).is_some() && (dashed || mod11_ok(d))
    }
    fn check(&self, value: &str, ctx: &Context) -> Check {
        check_cpr(value, ctx)
    }
    fn country(&self) -> Option<&'static str> {
        Some("DK")
    }
    fn validates(&self) -> &'static str {
        "length, birth date with century from the serial digit (modulus 11 only noted)"
    }
    fn extracts(&self) -> &'static str {
        "birth date, sex"
    }
    fn specification(&self) -> &'static str {
        "CPR-kontoret: Personnummeret i CPR-systemet; CPR-loven"
    }
}

#[cfg(test)]
mod tests {
    use super::super::west::test_ctx;
    use super::*;
    use crate::civil::Date;
    use crate::validate::Sex;
    use proptest::prelude::*;

    fn check(v: &str) -> Check {
        check_cpr(v, &test_ctx())
    }

    #[test]
    fn examples() {
        // 070761-4285, a widely published example: 7 July 1961, man, modulus 11 holds.
        assert!(mod11_ok(b"0707614285"));
        let c = check("070761-4285");
        assert!(c.is_valid(), "{c:?}");
        assert!(c.notes.is_empty());
        assert_eq!(c.facts.date, Date::new(1961, 7, 7));
        assert_eq!(c.facts.sex, Some(Sex::Male));
        assert_eq!(c.facts.canonical.as_deref(), Some("0707614285"));
        // A changed last digit fails modulus 11 but stays a possible post-2007 number.
        let c = check("070761-4286");
        assert!(c.is_valid());
        assert_eq!(c.notes, ["mod11_fails"]);
        assert_eq!(c.facts.sex, Some(Sex::Female));
        assert_eq!(check("310261-4285").problems, ["date_invalid"]);
        assert_eq!(check("070761-428").problems, ["length"]);
        assert_eq!(check("07076I-4285").problems, ["format"]);
    }

    #[test]
    fn centuries() {
        assert_eq!(birth_year(61, 0), 1961);
        assert_eq!(birth_year(10, 4), 2010);
        assert_eq!(birth_year(37, 4), 1937);
        assert_eq!(birth_year(36, 9), 2036);
        assert_eq!(birth_year(57, 5), 2057);
        assert_eq!(birth_year(58, 8), 1858);
        assert_eq!(check("010110-4001").facts.date, Date::new(2010, 1, 1));
        assert_eq!(check("010158-5001").problems, ["date_too_old"]);
        assert_eq!(check("010130-5001").problems, ["date_after_reference"]);
    }

    #[test]
    fn looks_like() {
        assert!(DkCpr.looks_like("070761-4285"));
        assert!(DkCpr.looks_like("070761-4286"));
        assert!(DkCpr.looks_like("0707614285"));
        assert!(!DkCpr.looks_like("0707614286"));
        assert!(!DkCpr.looks_like("310261-4285"));
        assert!(!DkCpr.looks_like("07-07-61-4285"));
    }

    proptest! {
        #[test]
        fn generated_are_valid(days in 0i64..44_000, serial in 0u32..10_000) {
            let date = Date::from_days(Date::new(1900, 1, 1).unwrap().to_days() + days).unwrap();
            prop_assume!(date <= test_ctx().reference_date);
            let first = match date.year {
                2000..=2036 => 4,
                2037..=2057 => 5,
                _ => serial / 1000 % 4,
            };
            let serial = first * 1000 + serial % 1000;
            let v = format!("{:02}{:02}{:02}-{serial:04}", date.day, date.month, date.year % 100);
            let c = check(&v);
            prop_assert!(c.is_valid(), "{} {:?}", v, c);
            prop_assert_eq!(c.facts.date, Some(date));
            prop_assert_eq!(c.facts.sex == Some(Sex::Male), serial % 2 == 1);
            prop_assert_eq!(c.notes.is_empty(), mod11_ok(&v.replace('-', "").into_bytes()));
            prop_assert!(DkCpr.looks_like(&v));
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,20}") {
            let c = check(&s);
            let _ = DkCpr.looks_like(&s);
            prop_assert!(!c.is_valid() && !c.problems.is_empty(), "{:?}", s);
        }
    }
}
