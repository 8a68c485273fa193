//! Brazilian Cadastro Nacional da Pessoa Jurídica (CNPJ), the company taxpayer number.
//!
//! Layout: `12.345.678/0001-95` — an eight-character root (the company), a four-character
//! order (the establishment; `0001` is the head office), two check digits. Check digits:
//! module 11 over the first twelve characters weighted `5 4 3 2 9 8 7 6 5 4 3 2`, then over the
//! thirteen weighted `6 5 4 3 2 9 8 7 6 5 4 3 2`; the digit is `0` when `r < 2`, else
//! `11 − r`.
//!
//! # Alphanumeric CNPJ (from July 2026)
//! Instrução Normativa RFB nº 2.229 of 15 October 2024 lets the root and order hold upper-case
//! letters as well as digits; the check digits stay numeric and are computed by the same rule,
//! each character valued at its ASCII code minus 48 (`0`–`9` → 0–9, `A` → 17 … `Z` → 42).
//! Such numbers are accepted, with `coding` `alphanumeric` (SERPRO's example:
//! `12.ABC.345/01DE-35`).
//!
//! Problems: `length`, `format`, `checksum`, `repeated_digits` (one digit fourteen times,
//! never issued). Extracts `coding` (`numeric`/`alphanumeric`); note `branch` when the order
//! is not `0001`.
//!
//! Specification: Receita Federal do Brasil, Instrução Normativa RFB nº 2.119/2022 (CNPJ) and
//! nº 2.229/2024 (alphanumeric CNPJ); SERPRO, "Cálculo dos dígitos verificadores do CNPJ
//! alfanumérico".

use super::br_cpf::mod11_digit;
use super::start;
use crate::kinds::Kind;
use crate::validate::{Check, Context, Validator};

pub struct BrCnpj;

const W1: [u32; 12] = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
const W2: [u32; 13] = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];

/// The two check digits for twelve characters (digits or upper-case letters).
pub fn check_digits(twelve: &[u8]) -> (u32, u32) {
    let mut v: Vec<u32> = twelve
        .iter()
        .map(|&b| u32::from(b.saturating_sub(b'0')))
        .collect();
    let d1 = mod11_digit(&v, &W1);
    v.push(d1);
    (d1, mod11_digit(&v, &W2))
}

/// Validates a CNPJ; see the module documentation.
pub fn check_cnpj(value: &str) -> Check {
    let (mut check, c) = match start(value, &[14]) {
        Ok(x) => x,
        Err(e) => return Check::invalid(e),
    };
    let b = c.bytes();
    check.facts.country = Some("BR");
    let (body, dv) = b.split_at(12);
    if !dv.iter().all(u8::is_ascii_digit) {
        check.problems.push("format");
        return check;
    }
    let alpha = body.iter().any(u8::is_ascii_uppercase);
    check.facts.coding = Some(if alpha { "alphanumeric" } else { "numeric" });
    let (d1, d2) = check_digits(body);
    if (u32::from(dv[0] - b'0'), u32::from(dv[1] - b'0')) != (d1, d2) {
        check.problems.push("checksum");
    }
    if b.iter().all(|&x| x == b[0]) {
        check.problems.push("repeated_digits");
    }
    if &body[8..] != b"0001" {
        check.notes.push("branch");
    }
    check
}

impl Validator for BrCnpj {
    fn id(&self) -> &'static str {
        "br_cnpj"
    }
    fn name(&self) -> &'static str {
        "Brazilian company taxpayer number (CNPJ)"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    /// Fourteen characters, plain or `00.000.000/0000-00`, with both check digits right.
    fn looks_like(&self, value: &str) -> bool {
        let shape = (value.len() == 14 && value.bytes().all(|b| b.is_ascii_alphanumeric()))
            || super::matches_mask(value, "**.***.***/****-99");
        shape && check_cnpj(value).is_valid()
    }
    fn check(&self, value: &str, _ctx: &Context) -> Check {
        check_cnpj(value)
    }
    fn country(&self) -> Option<&'static str> {
        Some("BR")
    }
    fn validates(&self) -> &'static str {
        "length, two mod-11 check digits (numeric and 2026 alphanumeric), repeated digits"
    }
    fn extracts(&self) -> &'static str {
        "numeric or alphanumeric, head office or branch"
    }
    fn specification(&self) -> &'static str {
        "Receita Federal do Brasil, IN RFB 2.119/2022 and IN RFB 2.229/2024 (alphanumeric CNPJ)"
    }
}

/// A CNPJ from twelve characters with its check digits. For tests and fixtures.
pub fn make_cnpj(twelve: &str) -> String {
    let (d1, d2) = check_digits(twelve.as_bytes());
    format!("{twelve}{d1}{d2}")
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::*;
    use proptest::prelude::*;

    fn problems(v: &str) -> Vec<&'static str> {
        check_cnpj(v).problems
    }

    #[test]
    fn vectors() {
        let c = check_cnpj("11.222.333/0001-81");
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.canonical.as_deref(), Some("11222333000181"));
        assert_eq!(c.facts.coding, Some("numeric"));
        assert!(c.notes.is_empty());
        assert_eq!(problems("11.222.333/0001-82"), ["checksum"]);
        // SERPRO's alphanumeric example.
        let c = check_cnpj("12.ABC.345/01DE-35");
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.coding, Some("alphanumeric"));
        assert_eq!(c.notes, ["branch"]);
        assert_eq!(problems("12ABC34501DE36"), ["checksum"]);
        assert_eq!(problems("12ABC34501DEA5"), ["format"]);
        assert_eq!(problems("00000000000000"), ["repeated_digits"]);
        assert_eq!(problems("1122233300018"), ["length"]);
        assert_eq!(problems("11.222.333/0001_81"), ["format"]);
    }

    #[test]
    fn looks() {
        assert!(BrCnpj.looks_like("11.222.333/0001-81"));
        assert!(BrCnpj.looks_like("11222333000181"));
        assert!(BrCnpj.looks_like("12ABC34501DE35"));
        assert!(!BrCnpj.looks_like("11222333000182"));
        assert!(!BrCnpj.looks_like("11222333/0001-81"));
    }

    #[test]
    fn junk_and_metadata() {
        junk_gives_reasons(&BrCnpj, &["99999999999999", "ABCDEFGHIJKLMN"]);
        metadata(&BrCnpj, "BR");
    }

    proptest! {
        #[test]
        fn alphanumeric_pass(body in "[0-9A-Z]{8}[0-9A-Z]{4}") {
            let v = make_cnpj(&body);
            prop_assume!(!v.bytes().all(|b| b == v.as_bytes()[0]));
            prop_assert!(check_cnpj(&v).is_valid(), "{}", v);
            prop_assert!(BrCnpj.looks_like(&v));
        }

        #[test]
        fn generated_pass_and_single_changes_fail(body in "[0-9]{8}000[1-9]") {
            let v = make_cnpj(&body);
            prop_assume!(!v.bytes().all(|b| b == v.as_bytes()[0]));
            prop_assert!(check_cnpj(&v).is_valid(), "{}", v);
            // Digits: weights 2..9 are coprime with 11 and digit differences are below 11, so a
            // single digit change moves the first remainder, which changes the first check
            // digit unless the remainders 0 and 1 (both written 0) are involved.
            prop_assume!(v.as_bytes()[12] != b'0');
            for m in single_changes(&v, b"0123456789") {
                prop_assert!(!check_cnpj(&m).is_valid(), "{}", m);
            }
        }
    }
}
