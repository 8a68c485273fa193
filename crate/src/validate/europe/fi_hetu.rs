//! Finland HETU (henkilötunnus / personbeteckning, personal identity code).
//!
//! Layout: `DDMMYYCZZZQ` — birth date, a century sign, an individual number (odd for men, even
//! for women) and a check character. Century signs: `+` 1800s; `-`, and since 2023 also `Y`,
//! `X`, `W`, `V`, `U`, 1900s; `A`, and since 2023 also `B`, `C`, `D`, `E`, `F`, 2000s. The check
//! character is the nine-digit number `DDMMYYZZZ` modulo 31, written with
//! `0123456789ABCDEFHJKLMNPRSTUVWXY` (no `G I O Q Z`). Every single changed digit is caught
//! (31 is prime and coprime to 10).
//!
//! Individual numbers 002–899 are permanent codes; 900–999 are temporary codes given by e.g.
//! hospitals before a permanent one exists (note `temporary_number`, still valid); 000 and 001
//! are never used (`individual_number_invalid`).
//!
//! Problems: `length`, `format`, `checksum`, `date_invalid`, `date_after_reference`,
//! `date_too_old`, `individual_number_invalid`. Notes: `temporary_number`, `new_century_sign`.
//!
//! Specification: Väestörekisterikeskus / Digital and Population Data Services Agency,
//! *Henkilötunnus*; Laki väestötietojärjestelmästä 661/2009 and the 2023 amendment (new century
//! signs, in force 1 January 2023).

use super::west::{all_digits, birth_date, num, sex_odd_male};
use crate::kinds::Kind;
use crate::validate::{Check, Context, Validator};

pub struct FiHetu;

const CHECK_CHARS: &[u8; 31] = b"0123456789ABCDEFHJKLMNPRSTUVWXY";

/// The century a sign stands for, and whether the sign is one of the 2023 additions.
fn century(sign: u8) -> Option<(i32, bool)> {
    match sign {
        b'+' => Some((1800, false)),
        b'-' => Some((1900, false)),
        b'Y' | b'X' | b'W' | b'V' | b'U' => Some((1900, true)),
        b'A' => Some((2000, false)),
        b'B'..=b'F' => Some((2000, true)),
        _ => None,
    }
}

/// The check character of the nine digits `DDMMYYZZZ`.
pub fn check_char(digits: &[u8]) -> Option<u8> {
    let n = num(digits).filter(|_| digits.len() == 9)?;
    CHECK_CHARS.get((n % 31) as usize).copied()
}

fn nine(b: &[u8]) -> Option<[u8; 9]> {
    let mut d = [0u8; 9];
    d[..6].copy_from_slice(b.get(..6)?);
    d[6..].copy_from_slice(b.get(7..10)?);
    all_digits(&d).then_some(d)
}

/// Validates a HETU; see the module documentation.
pub fn check_hetu(value: &str, ctx: &Context) -> Check {
    let mut check = Check::default();
    check.facts.country = Some("FI");
    let upper = value.trim().to_ascii_uppercase();
    let b = upper.as_bytes();
    if b.len() != 11 {
        check.problems.push("length");
        return check;
    }
    let (Some(digits), Some((base, new_sign))) = (nine(b), century(b[6])) else {
        check.problems.push("format");
        return check;
    };
    if check_char(&digits) != Some(b[10]) {
        check.problems.push("checksum");
    }
    if new_sign {
        check.notes.push("new_century_sign");
    }
    let individual = num(&digits[6..]).unwrap_or(0);
    match individual {
        0 | 1 => check.problems.push("individual_number_invalid"),
        900.. => check.notes.push("temporary_number"),
        _ => {}
    }
    check.facts.sex = Some(sex_odd_male(individual % 10));
    let (dd, mm, yy) = (
        num(&digits[..2]).unwrap_or(0),
        num(&digits[2..4]).unwrap_or(0),
        num(&digits[4..6]).unwrap_or(0),
    );
    birth_date(&mut check, base + yy as i32, mm, dd, ctx);
    if upper != value {
        check.facts.canonical = Some(upper);
    }
    check
}

impl Validator for FiHetu {
    fn id(&self) -> &'static str {
        "fi_hetu"
    }
    fn name(&self) -> &'static str {
        "Finland personal identity code (henkilötunnus, HETU)"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, value: &str) -> bool {
        let b = value.as_bytes();
        b.len() == 11
            && century(b[6].to_ascii_uppercase()).is_some()
            && nine(b).is_some_and(|d| check_char(&d) == Some(b[10].to_ascii_uppercase()))
    }
    fn check(&self, value: &str, ctx: &Context) -> Check {
        check_hetu(value, ctx)
    }
    fn country(&self) -> Option<&'static str> {
        Some("FI")
    }
    fn validates(&self) -> &'static str {
        "length, century sign (incl. 2023 signs), mod 31 check character, birth date, individual number"
    }
    fn extracts(&self) -> &'static str {
        "birth date, sex"
    }
    fn specification(&self) -> &'static str {
        "DVV: Henkilötunnus; Laki väestötietojärjestelmästä 661/2009 (2023 century signs)"
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
        check_hetu(v, &test_ctx())
    }
    fn make(date: &str, sign: char, ind: &str) -> String {
        let d = format!("{date}{ind}");
        let q = check_char(d.as_bytes()).unwrap();
        format!("{date}{sign}{ind}{}", char::from(q))
    }

    #[test]
    fn dvv_example() {
        // DVV's example 131052-308T: 131052308 mod 31 = 25 → T.
        assert_eq!(check_char(b"131052308"), Some(b'T'));
        let c = check("131052-308T");
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.date, Date::new(1952, 10, 13));
        assert_eq!(c.facts.sex, Some(Sex::Female));
        assert_eq!(check("131052-308U").problems, ["checksum"]);
        let c = check("131052-308t");
        assert!(c.is_valid());
        assert_eq!(c.facts.canonical.as_deref(), Some("131052-308T"));
        // The 2023 signs: same number, same check character.
        let c = check("131052Y308T");
        assert!(c.is_valid());
        assert_eq!(c.notes, ["new_century_sign"]);
        assert_eq!(check("131052A308T").problems, ["date_after_reference"]);
        assert_eq!(check("131052+308T").problems, ["date_too_old"]);
    }

    #[test]
    fn components() {
        let c = check(&make("010203", 'A', "901"));
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.notes, ["temporary_number"]);
        assert_eq!(c.facts.date, Date::new(2003, 2, 1));
        assert_eq!(c.facts.sex, Some(Sex::Male));
        assert_eq!(
            check(&make("010203", 'A', "001")).problems,
            ["individual_number_invalid"]
        );
        assert_eq!(
            check(&make("300203", 'A', "123")).problems,
            ["date_invalid"]
        );
        assert_eq!(check("131052*308T").problems, ["format"]);
        assert_eq!(check("131052G308T").problems, ["format"]);
        assert_eq!(check("131052-308").problems, ["length"]);
    }

    proptest! {
        #[test]
        fn generated_are_valid_and_single_errors_fail(
            days in 0i64..44_000, ind in 2u32..900, new in any::<bool>(), i in 0usize..10, d in 1u8..10,
        ) {
            let date = Date::from_days(Date::new(1900, 1, 1).unwrap().to_days() + days).unwrap();
            prop_assume!(date <= test_ctx().reference_date);
            let sign = match (date.year >= 2000, new) {
                (false, false) => '-',
                (false, true) => 'W',
                (true, false) => 'A',
                (true, true) => 'D',
            };
            let v = make(&format!("{:02}{:02}{:02}", date.day, date.month, date.year % 100), sign, &format!("{ind:03}"));
            let c = check(&v);
            prop_assert!(c.is_valid(), "{} {:?}", v, c);
            prop_assert_eq!(c.facts.date, Some(date));
            prop_assert!(FiHetu.looks_like(&v));
            prop_assume!(i != 6);
            let mut m = v.into_bytes();
            m[i] = b'0' + (m[i] - b'0' + d) % 10;
            let m = String::from_utf8(m).unwrap();
            prop_assert!(check(&m).problems.contains(&"checksum"), "{}", m);
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,20}") {
            let c = check(&s);
            let _ = FiHetu.looks_like(&s);
            prop_assert!(!c.is_valid() && !c.problems.is_empty(), "{:?}", s);
        }
    }
}
