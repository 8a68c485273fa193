//! Ireland PPS number (Personal Public Service Number, PPSN).
//!
//! Layout: seven digits, a check letter, and an optional second letter. The check letter comes
//! from a weighted sum modulo 23: the digits are weighted 8, 7, …, 2 and the second letter is
//! weighted 9 with the value A = 1, B = 2, …, where `W` or no second letter counts 0 (numbers
//! issued before 2013 end in nothing or `W`, the old mark of a married woman's number; numbers
//! issued since 1 January 2013 carry a second letter such as `A`). Remainder 0 is written `W`,
//! 1–22 as `A`–`V`. Every single changed digit is caught (23 is prime).
//!
//! Older numbers could also carry `T` or `X` as an extra letter for particular employment or
//! welfare cases; that letter was ignored by the check. Such a number is accepted with the note
//! `legacy_suffix` when the check holds with the letter counted as 0.
//!
//! Problems: `length`, `format`, `checksum`. Notes: `legacy_suffix`.
//!
//! Specification: Department of Social Protection, *PPSN format and check character* (revised
//! modulus 23 calculation from 1 January 2013); Social Welfare Consolidation Act 2005 s. 262.

use super::west::{all_digits, compact, set_canonical, SEPARATORS};
use crate::checkdigit::weighted;
use crate::kinds::Kind;
use crate::validate::{Check, Context, Validator};

pub struct IePps;

const WEIGHTS: [u32; 7] = [8, 7, 6, 5, 4, 3, 2];

/// The check letter of seven digits and the value of the second letter (0 for none or `W`).
pub fn check_letter(digits: &[u8], second: u32) -> Option<u8> {
    let s = weighted::sum(digits, &WEIGHTS).filter(|_| digits.len() == 7)? + 9 * second;
    Some(match s % 23 {
        0 => b'W',
        r => b'A' + r as u8 - 1,
    })
}

/// The value of a second letter in the check: A = 1 … Z = 26, `W` = 0.
fn second_value(c: Option<u8>) -> Option<u32> {
    match c {
        None | Some(b'W') => Some(0),
        Some(c @ b'A'..=b'Z') => Some(u32::from(c - b'A') + 1),
        Some(_) => None,
    }
}

/// Whether the check holds: `Some(legacy)` when it does (legacy = only with T/X as 0).
fn check_holds(b: &[u8]) -> Option<bool> {
    let (digits, rest) = b.split_at(7.min(b.len()));
    let (&letter, second) = rest.split_first()?;
    let second = second.first().copied();
    if check_letter(digits, second_value(second)?) == Some(letter) {
        return Some(false);
    }
    (matches!(second, Some(b'T' | b'X')) && check_letter(digits, 0) == Some(letter)).then_some(true)
}

/// Validates a PPS number; see the module documentation.
pub fn check_pps(value: &str) -> Check {
    let mut check = Check::default();
    check.facts.country = Some("IE");
    let c = compact(value, SEPARATORS);
    let b = c.as_bytes();
    if b.len() != 8 && b.len() != 9 {
        check.problems.push("length");
        return check;
    }
    if !all_digits(&b[..7]) || !b[7..].iter().all(u8::is_ascii_uppercase) {
        check.problems.push("format");
        return check;
    }
    match check_holds(b) {
        Some(true) => check.notes.push("legacy_suffix"),
        Some(false) => {}
        None => check.problems.push("checksum"),
    }
    set_canonical(&mut check, value, &c);
    check
}

impl Validator for IePps {
    fn id(&self) -> &'static str {
        "ie_pps"
    }
    fn name(&self) -> &'static str {
        "Ireland PPS number (PPSN)"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, value: &str) -> bool {
        if value.len() > 12 {
            return false;
        }
        let c = compact(value, &[' ']);
        let b = c.as_bytes();
        (b.len() == 8 || b.len() == 9)
            && all_digits(&b[..7])
            && b[7..].iter().all(u8::is_ascii_uppercase)
            && check_holds(b).is_some()
    }
    fn check(&self, value: &str, _ctx: &Context) -> Check {
        check_pps(value)
    }
    fn country(&self) -> Option<&'static str> {
        Some("IE")
    }
    fn validates(&self) -> &'static str {
        "length, weighted mod 23 check letter (2013 revision with the second letter)"
    }
    fn specification(&self) -> &'static str {
        "Department of Social Protection: PPSN format and modulus 23 check character (2013)"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn problems(v: &str) -> Vec<&'static str> {
        check_pps(v).problems
    }

    #[test]
    fn examples() {
        // 1234567: 8+14+18+20+20+18+14 = 112, 112 mod 23 = 20 → T.
        assert_eq!(check_letter(b"1234567", 0), Some(b'T'));
        assert!(check_pps("1234567T").is_valid());
        assert!(check_pps("1234567TW").is_valid());
        assert!(check_pps("1234567t").is_valid());
        // With a 2013-style second letter A: 112 + 9 = 121, 121 mod 23 = 6 → F.
        assert_eq!(check_letter(b"1234567", 1), Some(b'F'));
        assert!(check_pps("1234567FA").is_valid());
        assert_eq!(problems("1234567TA"), ["checksum"]);
        let c = check_pps("1234567TX");
        assert!(c.is_valid());
        assert_eq!(c.notes, ["legacy_suffix"]);
        assert_eq!(problems("1234567U"), ["checksum"]);
        assert_eq!(problems("123456T"), ["length"]);
        assert_eq!(problems("123456XT"), ["format"]);
        assert_eq!(problems("1234567-"), ["length"]);
        // Remainder 0 is W.
        let d = (0..10_000_000u32)
            .map(|n| format!("{n:07}"))
            .find(|p| check_letter(p.as_bytes(), 0) == Some(b'W'))
            .unwrap();
        assert!(check_pps(&format!("{d}W")).is_valid());
    }

    proptest! {
        #[test]
        fn generated_are_valid_and_single_errors_fail(
            n in 0u32..10_000_000, second in proptest::option::of(0u8..26), i in 0usize..7, d in 1u8..10,
        ) {
            let p = format!("{n:07}");
            let s = second.map(|c| b'A' + c);
            let k = check_letter(p.as_bytes(), second_value(s).unwrap()).unwrap();
            let mut v = format!("{p}{}", char::from(k));
            if let Some(s) = s { v.push(char::from(s)); }
            prop_assert!(check_pps(&v).is_valid(), "{}", v);
            prop_assert!(IePps.looks_like(&v));
            let mut m = v.into_bytes();
            m[i] = b'0' + (m[i] - b'0' + d) % 10;
            let m = String::from_utf8(m).unwrap();
            // T/X may make the legacy reading hold; otherwise every digit change is caught.
            if !matches!(s, Some(b'T' | b'X')) {
                prop_assert_eq!(problems(&m), ["checksum"], "{}", m);
            }
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,20}") {
            let c = check_pps(&s);
            let _ = IePps.looks_like(&s);
            prop_assert!(!c.is_valid() && !c.problems.is_empty(), "{:?}", s);
        }
    }
}
