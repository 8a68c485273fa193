//! Spain DNI (documento nacional de identidad) number, the NIF of Spanish nationals.
//!
//! Layout: eight digits and a control letter, often written `12345678-Z`. The letter is
//! `TRWAGMYFPDXBNJZSQVHLCKE`[number mod 23] (`I`, `Ñ`, `O`, `U` are never used). Every single
//! changed digit is caught (23 is prime and coprime to every power of 10). Nothing personal is
//! encoded.
//!
//! Problems: `length`, `format`, `checksum`.
//!
//! Specification: Real Decreto 1553/2005 (DNI) and Orden INT/2058/2008; Ministerio del
//! Interior, "Cálculo del dígito de control del NIF/NIE"
//! (<https://www.interior.gob.es/opencms/es/servicios-al-ciudadano/tramites-y-gestiones/dni/calculo-del-digito-de-control-del-nif-nie/>).

use super::west::{all_digits, compact, num, set_canonical, SEPARATORS};
use crate::kinds::Kind;
use crate::validate::{Check, Context, Validator};

pub struct EsDni;

const LETTERS: &[u8; 23] = b"TRWAGMYFPDXBNJZSQVHLCKE";

/// The control letter of an (up to nine-digit) number.
pub fn control_letter(n: u32) -> u8 {
    LETTERS[(n % 23) as usize]
}

/// Checks `digits` (ASCII digits) + `letter` against the mod-23 rule, pushing the problems.
pub(crate) fn check_mod23(check: &mut Check, digits: &[u8], letter: u8, prefix: u32) {
    if !all_digits(digits) || !letter.is_ascii_uppercase() {
        check.problems.push("format");
        return;
    }
    let n = num(digits).unwrap_or(0) + prefix;
    if control_letter(n) != letter {
        check.problems.push("checksum");
    }
}

/// Validates a DNI number; see the module documentation.
pub fn check_dni(value: &str) -> Check {
    let mut check = Check::default();
    check.facts.country = Some("ES");
    let c = compact(value, SEPARATORS);
    let b = c.as_bytes();
    if b.len() != 9 {
        check.problems.push("length");
        return check;
    }
    check_mod23(&mut check, &b[..8], b[8], 0);
    set_canonical(&mut check, value, &c);
    check
}

impl Validator for EsDni {
    fn id(&self) -> &'static str {
        "es_dni"
    }
    fn name(&self) -> &'static str {
        "Spain DNI number (NIF of Spanish nationals)"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, value: &str) -> bool {
        if value.len() > 14 {
            return false;
        }
        let c = compact(value, SEPARATORS);
        let b = c.as_bytes();
        b.len() == 9 && all_digits(&b[..8]) && num(&b[..8]).map(control_letter) == Some(b[8])
    }
    fn check(&self, value: &str, _ctx: &Context) -> Check {
        check_dni(value)
    }
    fn country(&self) -> Option<&'static str> {
        Some("ES")
    }
    fn validates(&self) -> &'static str {
        "length, mod 23 control letter"
    }
    fn specification(&self) -> &'static str {
        "Ministerio del Interior: cálculo del dígito de control del NIF/NIE; RD 1553/2005"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn problems(v: &str) -> Vec<&'static str> {
        check_dni(v).problems
    }

    #[test]
    fn ministry_example() {
        // The Ministry's worked example: 12345678 mod 23 = 14 → Z.
        assert_eq!(control_letter(12_345_678), b'Z');
        let c = check_dni("12345678-Z");
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.canonical.as_deref(), Some("12345678Z"));
        assert!(check_dni("12345678z").is_valid());
        assert_eq!(problems("12345678A"), ["checksum"]);
        assert_eq!(problems("1234567Z"), ["length"]);
        assert_eq!(problems("1234567AZ"), ["format"]);
        assert_eq!(problems("123456789"), ["format"]);
        assert!(!EsDni.looks_like("12345678A"));
        assert!(EsDni.looks_like("12.345.678-Z"));
    }

    proptest! {
        #[test]
        fn generated_are_valid_and_single_errors_fail(n in 0u32..100_000_000, i in 0usize..8, d in 1u8..10) {
            let v = format!("{n:08}{}", char::from(control_letter(n)));
            prop_assert!(check_dni(&v).is_valid(), "{}", v);
            prop_assert!(EsDni.looks_like(&v));
            let mut m = v.into_bytes();
            m[i] = b'0' + (m[i] - b'0' + d) % 10;
            let m = String::from_utf8(m).unwrap();
            prop_assert_eq!(problems(&m), ["checksum"]);
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,20}") {
            let c = check_dni(&s);
            let _ = EsDni.looks_like(&s);
            prop_assert!(!c.is_valid() && !c.problems.is_empty(), "{:?}", s);
        }
    }
}
