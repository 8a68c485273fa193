//! Germany tax identification number (steuerliche Identifikationsnummer, Steuer-IdNr.).
//!
//! Layout: eleven digits, the first not `0`; the last is a check digit computed over the first
//! ten with ISO/IEC 7064 MOD 11,10. The number carries no personal information.
//!
//! Digit rule of the first ten digits (BZSt; tightened in 2016): exactly one digit occurs more
//! than once — twice, or three times but then not three times in a row — and all others occur
//! at most once (so one or two digits are missing).
//!
//! Problems: `length`, `format`, `leading_zero`, `digit_pattern`, `checksum`.
//!
//! Specification: § 139b Abgabenordnung; Bundeszentralamt für Steuern, "Aufbau der
//! Identifikationsnummer"; ISO/IEC 7064:2003 (MOD 11,10).

use super::west::{all_digits, compact, set_canonical};
use crate::checkdigit::iso7064::{mod11_10_digit, mod11_10_is_valid};
use crate::kinds::Kind;
use crate::validate::{Check, Context, Validator};

pub struct DeIdnr;

/// Whether the first ten digits follow the repetition rule.
pub fn digit_pattern_ok(b: &[u8]) -> bool {
    let mut counts = [0u8; 10];
    for &c in b {
        if let Some(n) = c
            .checked_sub(b'0')
            .and_then(|d| counts.get_mut(usize::from(d)))
        {
            *n += 1;
        }
    }
    let repeated: Vec<usize> = (0..10).filter(|&d| counts[d] > 1).collect();
    let [d] = repeated[..] else {
        return false;
    };
    match counts[d] {
        2 => true,
        3 => !b
            .windows(3)
            .any(|w| w.iter().all(|&c| usize::from(c.wrapping_sub(b'0')) == d)),
        _ => false,
    }
}

/// Validates a Steuer-IdNr.; see the module documentation.
pub fn check_idnr(value: &str) -> Check {
    let mut check = Check::default();
    check.facts.country = Some("DE");
    let c = compact(value, &[' ', '/', '-', '.']);
    let b = c.as_bytes();
    if b.len() != 11 {
        check.problems.push("length");
        return check;
    }
    if !all_digits(b) {
        check.problems.push("format");
        return check;
    }
    if b[0] == b'0' {
        check.problems.push("leading_zero");
    }
    if !digit_pattern_ok(&b[..10]) {
        check.problems.push("digit_pattern");
    }
    if !mod11_10_is_valid(b) {
        check.problems.push("checksum");
    }
    set_canonical(&mut check, value, &c);
    check
}

impl Validator for DeIdnr {
    fn id(&self) -> &'static str {
        "de_idnr"
    }
    fn name(&self) -> &'static str {
        "Germany tax identification number (Steuer-IdNr.)"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, value: &str) -> bool {
        if value.len() > 16 {
            return false;
        }
        let c = compact(value, &[' ', '/', '-', '.']);
        let b = c.as_bytes();
        b.len() == 11
            && all_digits(b)
            && b[0] != b'0'
            && mod11_10_is_valid(b)
            && digit_pattern_ok(&b[..10])
    }
    fn check(&self, value: &str, _ctx: &Context) -> Check {
        check_idnr(value)
    }
    fn country(&self) -> Option<&'static str> {
        Some("DE")
    }
    fn validates(&self) -> &'static str {
        "length, leading digit, digit-repetition rule, ISO 7064 MOD 11,10 check digit"
    }
    fn specification(&self) -> &'static str {
        "§ 139b AO; BZSt structure of the Identifikationsnummer; ISO/IEC 7064 MOD 11,10"
    }
}

/// The eleven-digit number for a ten-digit payload (for tests and fixtures).
pub fn make_idnr(payload: &str) -> Option<String> {
    let c = mod11_10_digit(payload.as_bytes())?;
    Some(format!("{payload}{}", char::from(c)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn problems(v: &str) -> Vec<&'static str> {
        check_idnr(v).problems
    }

    #[test]
    fn examples() {
        // A synthetic number written in the usual 2-3-3-3 grouping.
        let v = make_idnr("8609574271").unwrap();
        assert_eq!(v, "86095742719");
        let c = check_idnr("86 095 742 719");
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.canonical.as_deref(), Some("86095742719"));
        assert_eq!(problems("86095742718"), ["checksum"]);
        assert_eq!(problems("8609574271"), ["length"]);
        assert_eq!(problems("8609574271X"), ["format"]);
        // All ten digits distinct: no digit repeated.
        let v = make_idnr("1234567890").unwrap();
        assert_eq!(problems(&v), ["digit_pattern"]);
        // Two digits repeated.
        let v = make_idnr("1123456677").unwrap();
        assert_eq!(problems(&v), ["digit_pattern"]);
        // One digit three times, not in a row: allowed since 2016.
        let v = make_idnr("1231456719").unwrap();
        assert_eq!(problems(&v), Vec::<&str>::new());
        // Three in a row: not allowed.
        let v = make_idnr("1112345678").unwrap();
        assert_eq!(problems(&v), ["digit_pattern"]);
        // Four times: not allowed.
        let v = make_idnr("1213141567").unwrap();
        assert_eq!(problems(&v), ["digit_pattern"]);
        let v = make_idnr("0123456788").unwrap();
        assert_eq!(problems(&v), ["leading_zero"]);
    }

    proptest! {
        #[test]
        fn generated_are_valid_and_single_errors_fail(
            perm in Just((0u8..10).collect::<Vec<_>>()).prop_shuffle(),
            dup in 0usize..9, at in 0usize..10, i in 0usize..11, d in 1u8..10,
        ) {
            // Nine distinct digits, one of them repeated once at a random place.
            let mut digits: Vec<u8> = perm[..9].to_vec();
            digits.insert(at.min(9), perm[dup]);
            prop_assume!(digits[0] != 0);
            let payload: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
            let v = make_idnr(&payload).unwrap();
            prop_assert!(check_idnr(&v).is_valid(), "{}", v);
            prop_assert!(DeIdnr.looks_like(&v));
            let mut m = v.into_bytes();
            m[i] = b'0' + (m[i] - b'0' + d) % 10;
            let m = String::from_utf8(m).unwrap();
            prop_assert!(problems(&m).contains(&"checksum"), "{}", m);
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,20}") {
            let c = check_idnr(&s);
            let _ = DeIdnr.looks_like(&s);
            prop_assert!(!c.is_valid() && !c.problems.is_empty(), "{:?}", s);
        }
    }
}
