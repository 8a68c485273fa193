//! France NIR (numéro d'inscription au répertoire, the "numéro de sécurité sociale").
//!
//! Layout: `S YY MM DD CCC OOO KK` — sex (1 men, 2 women; 3/4 and 7/8 are provisional
//! numbers of people whose registration is pending), the last two digits of the birth year,
//! the birth month, the birth department (`01`–`95`, `2A`/`2B` for Corsica since 1976, `97x`/
//! `98x` overseas with a three-digit department and two-digit commune, `99` born abroad), the
//! commune (or country) code, the order number of the birth certificate, and a two-digit key.
//!
//! Key: 97 − (the 13-digit number mod 97), in `01`–`97`, where `2A` reads as `19` and `2B` as
//! `18`. Every single-digit error is caught (97 is prime and 10^k is never 0 mod 97).
//!
//! The birth month is `01`–`12`, or a pseudo-month (`20`–`42`, `50`–`99`) for people whose
//! civil-status record gives none (note `month_unknown`); `00`, `13`–`19`, `43`–`49` are
//! `date_invalid`. No birth date is extracted: the day is not encoded and the century is not
//! either (the two-digit year is ambiguous between 19xx and 20xx). Sex is extracted.
//!
//! Problems: `length`, `format`, `checksum`, `sex_digit_invalid`, `date_invalid`,
//! `department_invalid`. Notes: `provisional_number`, `month_unknown`.
//!
//! Specification: INSEE, *Répertoire national d'identification des personnes physiques*
//! (décret n° 82-103 du 22 janvier 1982); the key is the complement to 97 of the number mod 97.

use super::west::{all_digits, compact, num, set_canonical, sex_odd_male};
use crate::kinds::Kind;
use crate::validate::{Check, Context, Validator};

pub struct FrNir;

/// The 13-digit number the key is computed on (`2A` → `19`, `2B` → `18`), or `None` when
/// `b` (13 characters) is not digits with an optional Corsican department.
fn key_number(b: &[u8]) -> Option<u64> {
    if b.len() != 13 {
        return None;
    }
    let mut n = 0u64;
    for (i, &c) in b.iter().enumerate() {
        let d = match (i, c) {
            (_, b'0'..=b'9') => u64::from(c - b'0'),
            (6, b'A') if b[5] == b'2' => 9,
            (6, b'B') if b[5] == b'2' => 8,
            _ => return None,
        };
        n = n * 10 + d;
    }
    if matches!(b[6], b'A' | b'B') {
        // Read as 29/28 above; "2A" is 19 and "2B" 18: the department's first digit (place
        // value 10^7) drops by one.
        n -= 10_000_000;
    }
    Some(n)
}

/// The key (1–97) of the first 13 characters.
pub fn nir_key(b: &[u8]) -> Option<u32> {
    key_number(b).map(|n| 97 - (n % 97) as u32)
}

/// Validates a NIR; see the module documentation.
pub fn check_nir(value: &str) -> Check {
    let mut check = Check::default();
    check.facts.country = Some("FR");
    let c = compact(value, &[' ', '-', '.']);
    let b = c.as_bytes();
    if b.len() != 15 {
        check.problems.push("length");
        return check;
    }
    let (body, key) = b.split_at(13);
    let Some(expected) = nir_key(body).filter(|_| all_digits(key)) else {
        check.problems.push("format");
        return check;
    };
    if num(key) != Some(expected) {
        check.problems.push("checksum");
    }
    let sex = u32::from(b[0] - b'0');
    match sex {
        1 | 2 | 3 | 4 | 7 | 8 => {
            check.facts.sex = Some(sex_odd_male(sex));
            if sex > 2 {
                check.notes.push("provisional_number");
            }
        }
        _ => check.problems.push("sex_digit_invalid"),
    }
    match num(&b[3..5]).unwrap_or(0) {
        1..=12 => {}
        20..=42 | 50..=99 => check.notes.push("month_unknown"),
        _ => check.problems.push("date_invalid"),
    }
    if &b[5..7] == b"00" {
        check.problems.push("department_invalid");
    }
    set_canonical(&mut check, value, &c);
    check
}

impl Validator for FrNir {
    fn id(&self) -> &'static str {
        "fr_nir"
    }
    fn name(&self) -> &'static str {
        "France NIR (numéro de sécurité sociale)"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, value: &str) -> bool {
        if value.len() > 24 {
            return false;
        }
        let c = compact(value, &[' ', '-', '.']);
        let b = c.as_bytes();
        b.len() == 15
            && matches!(b[0], b'1'..=b'4' | b'7' | b'8')
            && all_digits(&b[13..])
            && nir_key(&b[..13]) == num(&b[13..])
    }
    fn check(&self, value: &str, _ctx: &Context) -> Check {
        check_nir(value)
    }
    fn country(&self) -> Option<&'static str> {
        Some("FR")
    }
    fn validates(&self) -> &'static str {
        "length, key (97 − n mod 97, Corsica 2A/2B), sex digit, birth month, department"
    }
    fn extracts(&self) -> &'static str {
        "sex"
    }
    fn specification(&self) -> &'static str {
        "INSEE: NIR of the RNIPP (décret 82-103); key = 97 − (NIR mod 97)"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::Sex;
    use proptest::prelude::*;

    fn problems(v: &str) -> Vec<&'static str> {
        check_nir(v).problems
    }
    fn with_key(body: &str) -> String {
        format!("{body}{:02}", nir_key(body.as_bytes()).unwrap())
    }

    #[test]
    fn worked_examples() {
        // A woman born December (19)06 in Paris 11e, order 005: key 64.
        let c = check_nir("2 06 12 75 111 005 64");
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.sex, Some(Sex::Female));
        assert_eq!(c.facts.canonical.as_deref(), Some("206127511100564"));
        assert_eq!(c.facts.date, None);
        assert_eq!(problems("206127511100565"), ["checksum"]);
        assert_eq!(problems("20612751110056"), ["length"]);
        assert_eq!(problems("2061275111005A4"), ["format"]);
        assert_eq!(problems("2061275X1100564"), ["format"]);
    }

    #[test]
    fn corsica() {
        let a = with_key("185052A123456");
        let b = with_key("185052B123456");
        // 2A reads as 19, 2B as 18.
        assert_eq!(a[13..], with_key("1850519123456")[13..]);
        assert_eq!(b[13..], with_key("1850518123456")[13..]);
        assert!(check_nir(&a).is_valid());
        assert!(check_nir(&b.to_lowercase()).is_valid());
        assert_eq!(problems(&with_key("1850521123456")), Vec::<&str>::new());
        assert!(nir_key(b"185053A123456").is_none(), "A only after a 2");
    }

    #[test]
    fn components() {
        assert_eq!(problems(&with_key("5850575123456")), ["sex_digit_invalid"]);
        let c = check_nir(&with_key("7850575123456"));
        assert!(c.is_valid());
        assert_eq!(c.notes, ["provisional_number"]);
        assert_eq!(c.facts.sex, Some(Sex::Male));
        assert_eq!(problems(&with_key("1851375123456")), ["date_invalid"]);
        assert_eq!(problems(&with_key("1850075123456")), ["date_invalid"]);
        let c = check_nir(&with_key("1853399123456"));
        assert!(c.is_valid());
        assert_eq!(c.notes, ["month_unknown"]);
        assert_eq!(problems(&with_key("1850500123456")), ["department_invalid"]);
    }

    proptest! {
        #[test]
        fn generated_are_valid_and_single_errors_fail(
            sex in 1u32..3, yy in 0u32..100, mm in 1u32..13, dep in 1u32..96,
            rest in 0u32..1_000_000, i in 0usize..15, d in 1u8..10,
        ) {
            let body = format!("{sex}{yy:02}{mm:02}{dep:02}{rest:06}");
            let v = with_key(&body);
            let c = check_nir(&v);
            prop_assert!(c.is_valid(), "{} {:?}", v, c);
            prop_assert!(FrNir.looks_like(&v));
            let mut m = v.into_bytes();
            m[i] = b'0' + (m[i] - b'0' + d) % 10;
            let m = String::from_utf8(m).unwrap();
            prop_assert!(!check_nir(&m).is_valid(), "{}", m);
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,24}") {
            let c = check_nir(&s);
            let _ = FrNir.looks_like(&s);
            prop_assert!(!c.is_valid() && !c.problems.is_empty(), "{:?}", s);
        }
    }
}
