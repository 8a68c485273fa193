//! Spain NIE (número de identidad de extranjero), the identity number of foreign residents.
//!
//! Layout: a letter `X`, `Y` or `Z`, seven digits, and a control letter. The initial letter
//! stands for 0, 1 or 2 in front of the digits, and the control letter is then computed as for
//! the DNI: `TRWAGMYFPDXBNJZSQVHLCKE`[number mod 23]. Every single changed digit is caught.
//! `X` numbers were issued until July 2008, then `Y`, then `Z`; all three remain in use.
//!
//! Problems: `length`, `format`, `invalid_prefix`, `checksum`.
//!
//! Specification: Orden INT/2058/2008 (NIE format with Y and Z); Ministerio del Interior,
//! "Cálculo del dígito de control del NIF/NIE".

use super::es_dni::{check_mod23, control_letter};
use super::west::{all_digits, compact, num, set_canonical, SEPARATORS};
use crate::kinds::Kind;
use crate::validate::{Check, Context, Validator};

pub struct EsNie;

/// The value the initial letter stands for, placed before the seven digits.
fn prefix_value(c: u8) -> Option<u32> {
    match c {
        b'X' => Some(0),
        b'Y' => Some(10_000_000),
        b'Z' => Some(20_000_000),
        _ => None,
    }
}

/// Validates a NIE; see the module documentation.
pub fn check_nie(value: &str) -> Check {
    let mut check = Check::default();
    check.facts.country = Some("ES");
    let c = compact(value, SEPARATORS);
    let b = c.as_bytes();
    if b.len() != 9 {
        check.problems.push("length");
        return check;
    }
    let Some(prefix) = prefix_value(b[0]) else {
        check.problems.push(if b[0].is_ascii_uppercase() {
            "invalid_prefix"
        } else {
            "format"
        });
        return check;
    };
    check_mod23(&mut check, &b[1..8], b[8], prefix);
    set_canonical(&mut check, value, &c);
    check
}

impl Validator for EsNie {
    fn id(&self) -> &'static str {
        "es_nie"
    }
    fn name(&self) -> &'static str {
        "Spain NIE (foreigner identity number)"
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
        b.len() == 9
            && all_digits(&b[1..8])
            && prefix_value(b[0])
                .zip(num(&b[1..8]))
                .map(|(p, n)| control_letter(p + n))
                == Some(b[8])
    }
    fn check(&self, value: &str, _ctx: &Context) -> Check {
        check_nie(value)
    }
    fn country(&self) -> Option<&'static str> {
        Some("ES")
    }
    fn validates(&self) -> &'static str {
        "length, initial letter X/Y/Z, mod 23 control letter"
    }
    fn specification(&self) -> &'static str {
        "Orden INT/2058/2008; Ministerio del Interior: cálculo del dígito de control del NIF/NIE"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn problems(v: &str) -> Vec<&'static str> {
        check_nie(v).problems
    }

    #[test]
    fn examples() {
        // X1234567: 01234567 mod 23 = 19 → L; Y stands for a leading 1.
        assert_eq!(control_letter(1_234_567), b'L');
        assert!(check_nie("X1234567L").is_valid());
        assert!(check_nie("x-1234567-l").is_valid());
        let y = format!("Y1234567{}", char::from(control_letter(11_234_567)));
        assert!(check_nie(&y).is_valid());
        assert_eq!(problems("X1234567M"), ["checksum"]);
        assert_eq!(problems("W1234567L"), ["invalid_prefix"]);
        assert_eq!(problems("11234567L"), ["format"]);
        assert_eq!(problems("X123456L"), ["length"]);
        assert!(EsNie.looks_like("X1234567L"));
        assert!(!EsNie.looks_like("X1234567M"));
    }

    proptest! {
        #[test]
        fn generated_are_valid_and_single_errors_fail(p in 0u32..3, n in 0u32..10_000_000, i in 1usize..8, d in 1u8..10) {
            let first = char::from(b"XYZ"[p as usize]);
            let v = format!("{first}{n:07}{}", char::from(control_letter(p * 10_000_000 + n)));
            prop_assert!(check_nie(&v).is_valid(), "{}", v);
            prop_assert!(EsNie.looks_like(&v));
            let mut m = v.into_bytes();
            m[i] = b'0' + (m[i] - b'0' + d) % 10;
            let m = String::from_utf8(m).unwrap();
            prop_assert_eq!(problems(&m), ["checksum"]);
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,20}") {
            let c = check_nie(&s);
            let _ = EsNie.looks_like(&s);
            prop_assert!(!c.is_valid() && !c.problems.is_empty(), "{:?}", s);
        }
    }
}
