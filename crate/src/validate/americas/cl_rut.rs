//! Chilean Rol Único Tributario / Rol Único Nacional (RUT/RUN).
//!
//! Layout: `12.345.678-5` — a number of up to eight digits and a check character (`0`–`9` or
//! `K`). Check: the number's digits from the right weighted `2 3 4 5 6 7 2 3…`,
//! `v = 11 − (Σ mod 11)`; 11 is written `0` and 10 `K`.
//!
//! Problems: `length` (numbers of 7–8 digits: every RUT in use), `format`, `checksum`.
//! Note: `lowercase_k`.
//!
//! Specification: Servicio de Registro Civil e Identificación / SII, "Rol Único Tributario"
//! (Decreto con Fuerza de Ley 3 de 1969) and the published módulo 11 verification rule.

use super::start;
use crate::kinds::Kind;
use crate::validate::{Check, Context, Validator};

pub struct ClRut;

/// The check character for the number's digits; `None` if a byte is not a digit.
pub fn check_char(number: &[u8]) -> Option<u8> {
    let mut sum = 0u32;
    for (i, &b) in number.iter().rev().enumerate() {
        if !b.is_ascii_digit() {
            return None;
        }
        sum += u32::from(b - b'0') * (2 + (i as u32) % 6);
    }
    Some(match 11 - sum % 11 {
        11 => b'0',
        10 => b'K',
        d => b'0' + d as u8,
    })
}

/// Validates a RUT; see the module documentation.
pub fn check_rut(value: &str) -> Check {
    let (mut check, c) = match start(value, &[8, 9]) {
        Ok(x) => x,
        Err(e) => return Check::invalid(e),
    };
    let b = c.bytes();
    check.facts.country = Some("CL");
    let (number, last) = b.split_at(b.len() - 1);
    let last = last.first().copied().unwrap_or(0);
    if !number.iter().all(u8::is_ascii_digit) || !(last.is_ascii_digit() || last == b'K') {
        check.problems.push("format");
        return check;
    }
    if value.ends_with('k') {
        check.notes.push("lowercase_k");
    }
    if check_char(number) != Some(last) {
        check.problems.push("checksum");
    }
    check
}

impl Validator for ClRut {
    fn id(&self) -> &'static str {
        "cl_rut"
    }
    fn name(&self) -> &'static str {
        "Chilean national/tax number (RUT/RUN)"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    /// `12.345.678-5` or `12345678-5` (the dash before the check character is required) with
    /// the right check character.
    fn looks_like(&self, value: &str) -> bool {
        let Some((number, check)) = value.rsplit_once('-') else {
            return false;
        };
        let plain =
            number.len() >= 7 && number.len() <= 8 && number.bytes().all(|b| b.is_ascii_digit());
        let dotted =
            super::matches_mask(number, "99.999.999") || super::matches_mask(number, "9.999.999");
        check.len() == 1 && (plain || dotted) && check_rut(value).is_valid()
    }
    fn check(&self, value: &str, _ctx: &Context) -> Check {
        check_rut(value)
    }
    fn country(&self) -> Option<&'static str> {
        Some("CL")
    }
    fn validates(&self) -> &'static str {
        "length, mod-11 check character (K)"
    }
    fn specification(&self) -> &'static str {
        "SII / Registro Civil, Rol Único Tributario (DFL 3 of 1969), módulo 11"
    }
}

/// A RUT from its number with its check character, written `number-C`. For tests.
pub fn make_rut(number: u32) -> String {
    let s = number.to_string();
    let c = check_char(s.as_bytes()).map_or('?', char::from);
    format!("{s}-{c}")
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::*;
    use proptest::prelude::*;

    fn problems(v: &str) -> Vec<&'static str> {
        check_rut(v).problems
    }

    #[test]
    fn vectors() {
        // 12.345.678-5 is the SII's usual illustration.
        let c = check_rut("12.345.678-5");
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.canonical.as_deref(), Some("123456785"));
        assert_eq!(problems("12.345.678-6"), ["checksum"]);
        let k = (1_000_000u32..)
            .map(make_rut)
            .find(|v| v.ends_with('K'))
            .unwrap();
        assert!(check_rut(&k).is_valid());
        let lower = k.to_lowercase();
        let c = check_rut(&lower);
        assert!(c.is_valid());
        assert_eq!(c.notes, ["lowercase_k"]);
        let zero = (1_000_000u32..)
            .map(make_rut)
            .find(|v| v.ends_with('0'))
            .unwrap();
        assert!(check_rut(&zero).is_valid());
        assert_eq!(problems("123456-0"), ["length"]);
        assert_eq!(problems("1234567K-5"), ["format"]);
        assert_eq!(problems("12345678-X"), ["format"]);
    }

    #[test]
    fn looks() {
        assert!(ClRut.looks_like("12.345.678-5"));
        assert!(ClRut.looks_like("12345678-5"));
        assert!(!ClRut.looks_like("123456785"));
        assert!(!ClRut.looks_like("12.345.678-6"));
        assert!(!ClRut.looks_like("1.2345.678-5"));
    }

    #[test]
    fn junk_and_metadata() {
        junk_gives_reasons(&ClRut, &["00000000-1", "KKKKKKKK-K"]);
        metadata(&ClRut, "CL");
    }

    proptest! {
        #[test]
        fn generated_pass_and_single_changes_fail(n in 1_000_000u32..100_000_000) {
            let v = make_rut(n);
            prop_assert!(check_rut(&v).is_valid());
            prop_assert!(ClRut.looks_like(&v));
            // Weights 2..7 are coprime with 11 and each remainder has its own character.
            for m in single_changes(&v, b"0123456789K") {
                prop_assert!(!check_rut(&m).is_valid(), "{}", m);
            }
        }
    }
}
