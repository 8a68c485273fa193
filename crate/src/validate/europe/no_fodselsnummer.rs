//! Norway fødselsnummer (national identity number), with D-numbers, H-numbers and FH-numbers.
//!
//! Layout: `DDMMYY III K1 K2` — birth date, a three-digit individual number whose last digit is
//! odd for men and even for women, and two mod-11 check digits. K1 uses the weights
//! 3 7 6 1 8 9 4 5 2 on the first nine digits, K2 the weights 5 4 3 2 7 6 5 4 3 2 on the first
//! ten; each is 11 − (sum mod 11), 11 written as 0, and a result of 10 is never issued. Every
//! single changed digit is caught (11 is prime and every weight is non-zero mod 11).
//!
//! The century follows from the individual number: 000–499 → 1900–1999; 500–749 with a year
//! 54–99 → 1854–1899; 500–999 with a year 00–39 → 2000–2039; 900–999 with a year 40–99 →
//! 1940–1999. Other combinations are never issued (`individual_number_invalid`).
//!
//! Variants: a D-number (temporary residents) adds 4 to the first digit of the day (note
//! `d_number`); an H-number (health service auxiliary) adds 4 to the first digit of the month
//! (note `h_number`); an FH-number (first digit 8 or 9) encodes no date at all (note
//! `fh_number`). Synthetic test numbers of the Norwegian Tax Administration's Tenor test data
//! add 8 to the first digit of the month and belong to no one: `synthetic_test_number`.
//!
//! Problems: `length`, `format`, `checksum`, `date_invalid`, `date_after_reference`,
//! `date_too_old`, `individual_number_invalid`, `synthetic_test_number`. Notes: `d_number`,
//! `h_number`, `fh_number`.
//!
//! Specification: Skatteetaten, *Fødselsnummer* (Folkeregisterforskriften § 2-2-1); the check
//! digits as published by Skatteetaten.

use super::west::{all_digits, birth_date, compact, num, set_canonical, sex_odd_male};
use crate::checkdigit::weighted;
use crate::kinds::Kind;
use crate::validate::{Check, Context, Validator};

pub struct NoFodselsnummer;

const W1: [u32; 9] = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const W2: [u32; 10] = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

/// The two check digits of nine ASCII digits, or `None` when either would be 10.
pub fn check_digits(payload: &[u8]) -> Option<[u8; 2]> {
    let k1 = weighted::mod11_complement(payload, &W1)?;
    let mut ten = [0u8; 10];
    ten.get_mut(..9)?.copy_from_slice(payload.get(..9)?);
    ten[9] = b'0' + k1;
    let k2 = weighted::mod11_complement(&ten, &W2)?;
    Some([b'0' + k1, b'0' + k2])
}

/// Whether eleven ASCII digits carry valid check digits.
fn checks_ok(b: &[u8]) -> bool {
    b.len() == 11 && check_digits(&b[..9]).is_some_and(|k| k[..] == b[9..])
}

/// The birth year for the two-digit year and the individual number.
fn birth_year(yy: u32, individual: u32) -> Option<i32> {
    let yy = yy as i32;
    match individual {
        0..=499 => Some(1900 + yy),
        500..=999 if yy <= 39 => Some(2000 + yy),
        500..=749 if yy >= 54 => Some(1800 + yy),
        900..=999 => Some(1900 + yy),
        _ => None,
    }
}

/// Validates a fødselsnummer; see the module documentation.
pub fn check_fodselsnummer(value: &str, ctx: &Context) -> Check {
    let mut check = Check::default();
    check.facts.country = Some("NO");
    let c = compact(value, &[' ', '-', '.']);
    let b = c.as_bytes();
    if b.len() != 11 {
        check.problems.push("length");
        return check;
    }
    if !all_digits(b) {
        check.problems.push("format");
        return check;
    }
    if !checks_ok(b) {
        check.problems.push("checksum");
    }
    set_canonical(&mut check, value, &c);
    let individual = num(&b[6..9]).unwrap_or(0);
    check.facts.sex = Some(sex_odd_male(individual % 10));
    if b[0] >= b'8' {
        check.notes.push("fh_number");
        check.facts.sex = None;
        return check;
    }
    let (mut dd, mut mm, yy) = (
        num(&b[..2]).unwrap_or(0),
        num(&b[2..4]).unwrap_or(0),
        num(&b[4..6]).unwrap_or(0),
    );
    if dd > 40 {
        dd -= 40;
        check.notes.push("d_number");
    }
    if mm > 80 {
        check.problems.push("synthetic_test_number");
        mm -= 80;
    } else if mm > 40 {
        mm -= 40;
        check.notes.push("h_number");
    }
    match birth_year(yy, individual) {
        Some(year) => {
            birth_date(&mut check, year, mm, dd, ctx);
        }
        None => check.problems.push("individual_number_invalid"),
    }
    check
}

impl Validator for NoFodselsnummer {
    fn id(&self) -> &'static str {
        "no_fodselsnummer"
    }
    fn name(&self) -> &'static str {
        "Norway fødselsnummer (with D- and H-numbers)"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, value: &str) -> bool {
        if value.len() > 14 {
            return false;
        }
        let c = compact(value, &[' ']);
        let b = c.as_bytes();
        b.len() == 11 && all_digits(b) && checks_ok(b)
    }
    fn check(&self, value: &str, ctx: &Context) -> Check {
        check_fodselsnummer(value, ctx)
    }
    fn country(&self) -> Option<&'static str> {
        Some("NO")
    }
    fn validates(&self) -> &'static str {
        "length, two mod 11 check digits, birth date, century from the individual number"
    }
    fn extracts(&self) -> &'static str {
        "birth date, sex"
    }
    fn specification(&self) -> &'static str {
        "Skatteetaten: fødselsnummer (Folkeregisterforskriften § 2-2-1)"
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
        check_fodselsnummer(v, &test_ctx())
    }
    fn with_checks(p: &str) -> Option<String> {
        let k = check_digits(p.as_bytes())?;
        Some(format!("{p}{}{}", char::from(k[0]), char::from(k[1])))
    }
    /// A valid number for the date digits and the first individual digit(s), the individual
    /// number's last digit odd (`male`) or even.
    fn find(date: &str, ind_prefix: &str, male: bool) -> String {
        let width = 3 - ind_prefix.len();
        (0..10u32.pow(width as u32))
            .filter(|k| (k % 2 == 1) == male)
            .find_map(|k| with_checks(&format!("{date}{ind_prefix}{k:0width$}")))
            .unwrap()
    }

    #[test]
    fn examples() {
        // A synthetic number: 1 May 1985, individual number 1xx (male).
        let v = find("010585", "1", true);
        let c = check(&v);
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.date, Date::new(1985, 5, 1));
        assert_eq!(c.facts.sex, Some(Sex::Male));
        let mut bad = v.clone().into_bytes();
        bad[10] = b'0' + (bad[10] - b'0' + 1) % 10;
        assert_eq!(
            check(std::str::from_utf8(&bad).unwrap()).problems,
            ["checksum"]
        );
        // Centuries.
        let c = check(&find("010510", "5", false));
        assert_eq!(c.facts.date, Date::new(2010, 5, 1));
        let c = check(&find("010560", "5", false));
        assert_eq!(c.facts.date, Date::new(1860, 5, 1));
        assert_eq!(c.problems, ["date_too_old"]);
        let c = check(&find("010545", "9", false));
        assert_eq!(c.facts.date, Date::new(1945, 5, 1));
        let v = (0..100)
            .find_map(|k| with_checks(&format!("0105458{k:02}")))
            .unwrap();
        assert_eq!(check(&v).problems, ["individual_number_invalid"]);
    }

    #[test]
    fn variants() {
        let c = check(&find("410585", "1", true));
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.notes, ["d_number"]);
        assert_eq!(c.facts.date, Date::new(1985, 5, 1));
        let c = check(&find("014585", "1", true));
        assert!(c.is_valid());
        assert_eq!(c.notes, ["h_number"]);
        let c = check(&find("018585", "1", true));
        assert_eq!(c.problems, ["synthetic_test_number"]);
        assert_eq!(c.facts.date, Date::new(1985, 5, 1));
        let v = (0..1000)
            .find_map(|k| with_checks(&format!("812345{k:03}")))
            .unwrap();
        let c = check(&v);
        assert!(c.is_valid());
        assert_eq!(c.notes, ["fh_number"]);
        assert_eq!(check(&find("320585", "1", true)).problems, ["date_invalid"]);
        assert_eq!(check("0105851234").problems, ["length"]);
        assert_eq!(check("010585123X4").problems, ["format"]);
    }

    proptest! {
        #[test]
        fn generated_are_valid_and_single_errors_fail(
            days in 0i64..44_000, ind in 0u32..1000, i in 0usize..11, d in 1u8..10,
        ) {
            let date = Date::from_days(Date::new(1900, 1, 1).unwrap().to_days() + days).unwrap();
            prop_assume!(date <= test_ctx().reference_date);
            let ind = match date.year {
                1900..=1939 => ind % 500,
                1940..=1999 => if ind < 500 { ind } else { 900 + ind % 100 },
                _ => 500 + ind % 500,
            };
            let p = format!("{:02}{:02}{:02}{ind:03}", date.day, date.month, date.year % 100);
            let Some(v) = with_checks(&p) else { return Ok(()); };
            let c = check(&v);
            prop_assert!(c.is_valid(), "{} {:?}", v, c);
            prop_assert_eq!(c.facts.date, Some(date));
            prop_assert!(NoFodselsnummer.looks_like(&v));
            let mut m = v.into_bytes();
            m[i] = b'0' + (m[i] - b'0' + d) % 10;
            let m = String::from_utf8(m).unwrap();
            prop_assert!(check(&m).problems.contains(&"checksum"), "{}", m);
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,20}") {
            let c = check(&s);
            let _ = NoFodselsnummer.looks_like(&s);
            prop_assert!(!c.is_valid() && !c.problems.is_empty(), "{:?}", s);
        }
    }
}
