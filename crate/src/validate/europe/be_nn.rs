//! Belgium national register number (rijksregisternummer / numéro de registre national).
//!
//! Layout: `YY.MM.DD-SSS.CC` — birth date, a daily sequence number (odd for men, 001–997; even
//! for women, 002–998), and two check digits. The check is 97 − (the first nine digits mod 97);
//! for people born in 2000 or later the nine digits are prefixed with `2` before the division.
//! The check therefore also tells the century. Every single changed digit is caught (97 is
//! prime).
//!
//! When the birth date is not (fully) known, or a day's sequence numbers are used up, the
//! month, or the day, is `00` (note `date_unknown`; no birth date is extracted, but a year
//! after the reference date is still `date_after_reference`). Numbers of the BIS register (month + 20 or
//! + 40) are a different format and are reported as `date_invalid` here.
//!
//! Problems: `length`, `format`, `checksum`, `date_invalid`, `date_after_reference`,
//! `date_too_old`, `sequence_invalid`. Notes: `date_unknown`.
//!
//! Specification: Loi du 8 août 1983 organisant un registre national des personnes physiques;
//! SPF Intérieur, *Instructions pour la tenue du registre national*, structure of the number.

use super::west::{all_digits, birth_date, compact, date, num, set_canonical, sex_odd_male};
use crate::kinds::Kind;
use crate::validate::{Check, Context, Validator};

pub struct BeNn;

/// The check digits for the first nine digits, for a birth in the 1900s or the 2000s.
pub fn nn_check(payload: &[u8], born_2000s: bool) -> Option<u32> {
    let n = u64::from(num(payload).filter(|_| payload.len() == 9)?);
    let n = if born_2000s { 2_000_000_000 + n } else { n };
    Some(97 - (n % 97) as u32)
}

/// The century (1900 or 2000) the check digits of `b` (11 digits) point to.
fn century(b: &[u8]) -> Option<i32> {
    let cc = num(b.get(9..11)?)?;
    if nn_check(&b[..9], false) == Some(cc) {
        Some(1900)
    } else if nn_check(&b[..9], true) == Some(cc) {
        Some(2000)
    } else {
        None
    }
}

/// Validates a national register number; see the module documentation.
pub fn check_nn(value: &str, ctx: &Context) -> Check {
    let mut check = Check::default();
    check.facts.country = Some("BE");
    let c = compact(value, &[' ', '-', '.', '/']);
    let b = c.as_bytes();
    if b.len() != 11 {
        check.problems.push("length");
        return check;
    }
    if !all_digits(b) {
        check.problems.push("format");
        return check;
    }
    let century = century(b);
    if century.is_none() {
        check.problems.push("checksum");
    }
    let (yy, mm, dd) = (
        num(&b[..2]).unwrap_or(0) as i32,
        num(&b[2..4]).unwrap_or(0),
        num(&b[4..6]).unwrap_or(0),
    );
    if (mm == 0 && dd <= 31) || (dd == 0 && (1..=12).contains(&mm)) {
        // The year is still known: a year after the reference date is impossible.
        check.notes.push("date_unknown");
        if century.is_some_and(|c| c + yy > ctx.reference_date.year) {
            check.problems.push("date_after_reference");
        }
    } else {
        match century {
            Some(c) => {
                birth_date(&mut check, c + yy, mm, dd, ctx);
            }
            // Without a valid check the century is unknown: accept a date in either.
            None if date(1900 + yy, mm, dd)
                .or(date(2000 + yy, mm, dd))
                .is_some() => {}
            None => check.problems.push("date_invalid"),
        }
    }
    let seq = num(&b[6..9]).unwrap_or(0);
    if seq == 0 || seq == 999 {
        check.problems.push("sequence_invalid");
    } else {
        check.facts.sex = Some(sex_odd_male(seq));
    }
    set_canonical(&mut check, value, &c);
    check
}

impl Validator for BeNn {
    fn id(&self) -> &'static str {
        "be_nn"
    }
    fn name(&self) -> &'static str {
        "Belgium national register number"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, value: &str) -> bool {
        if value.len() > 16 {
            return false;
        }
        let c = compact(value, &[' ', '-', '.']);
        let b = c.as_bytes();
        b.len() == 11 && all_digits(b) && century(b).is_some()
    }
    fn check(&self, value: &str, ctx: &Context) -> Check {
        check_nn(value, ctx)
    }
    fn country(&self) -> Option<&'static str> {
        Some("BE")
    }
    fn validates(&self) -> &'static str {
        "length, mod 97 check (with the 2000+ rule), birth date, sequence number"
    }
    fn extracts(&self) -> &'static str {
        "birth date, sex"
    }
    fn specification(&self) -> &'static str {
        "Loi du 8 août 1983 (registre national); SPF Intérieur structure of the number"
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
        check_nn(v, &test_ctx())
    }
    fn with_check(p: &str, born_2000s: bool) -> String {
        format!("{p}{:02}", nn_check(p.as_bytes(), born_2000s).unwrap())
    }

    #[test]
    fn examples() {
        // 85.07.30-033: 850730033 mod 97 = 69 → check 28.
        assert_eq!(with_check("850730033", false), "85073003328");
        let c = check("85.07.30-033.28");
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.date, Date::new(1985, 7, 30));
        assert_eq!(c.facts.sex, Some(Sex::Male));
        assert_eq!(c.facts.canonical.as_deref(), Some("85073003328"));
        assert_eq!(check("85073003329").problems, ["checksum"]);
        // Born in 2017: the 2-prefix rule.
        let v = with_check("170120002", true);
        let c = check(&v);
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.date, Date::new(2017, 1, 20));
        assert_eq!(c.facts.sex, Some(Sex::Female));
        // The same digits with the 1900s check: born 1917.
        let c = check(&with_check("170120002", false));
        assert_eq!(c.facts.date, Date::new(1917, 1, 20));
        assert_eq!(
            check(&with_check("230120002", true)).problems,
            ["date_after_reference"]
        );
    }

    #[test]
    fn components() {
        let c = check(&with_check("850000033", false));
        assert!(c.is_valid());
        assert_eq!(c.notes, ["date_unknown"]);
        assert_eq!(c.facts.date, None);
        assert!(check(&with_check("850700033", false))
            .notes
            .contains(&"date_unknown"));
        assert_eq!(
            check(&with_check("852130033", false)).problems,
            ["date_invalid"]
        );
        assert_eq!(
            check(&with_check("850230033", false)).problems,
            ["date_invalid"]
        );
        assert_eq!(
            check(&with_check("850730000", false)).problems,
            ["sequence_invalid"]
        );
        assert_eq!(
            check(&with_check("850730999", false)).problems,
            ["sequence_invalid"]
        );
        assert!(check(&with_check("850730998", false)).is_valid());
        assert_eq!(check("8507300332").problems, ["length"]);
        assert_eq!(check("8507300332X").problems, ["format"]);
    }

    proptest! {
        #[test]
        fn generated_are_valid_and_single_errors_fail(
            days in 0i64..44_000, seq in 1u32..998, i in 0usize..11, d in 1u8..10,
        ) {
            let date = Date::from_days(Date::new(1900, 1, 1).unwrap().to_days() + days).unwrap();
            prop_assume!(date <= test_ctx().reference_date);
            let p = format!("{:02}{:02}{:02}{seq:03}", date.year % 100, date.month, date.day);
            let v = with_check(&p, date.year >= 2000);
            let c = check(&v);
            prop_assert!(c.is_valid(), "{} {:?}", v, c);
            prop_assert_eq!(c.facts.date, Some(date));
            prop_assert!(BeNn.looks_like(&v));
            let mut m = v.into_bytes();
            m[i] = b'0' + (m[i] - b'0' + d) % 10;
            let m = String::from_utf8(m).unwrap();
            // Caught, unless the change happens to be valid for the other century.
            let c = check(&m);
            prop_assert!(!c.is_valid() || c.facts.date.map(|x| x.year >= 2000) != Some(date.year >= 2000), "{}", m);
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,20}") {
            let c = check(&s);
            let _ = BeNn.looks_like(&s);
            prop_assert!(!c.is_valid() && !c.problems.is_empty(), "{:?}", s);
        }
    }
}
