//! Brazilian Cadastro de Pessoas Físicas (CPF), the individual taxpayer number.
//!
//! Layout: `123.456.789-09` — eight digits of the number, the fiscal region digit, two check
//! digits. First check digit: the nine digits weighted 10 down to 2, `r = Σ mod 11`, digit `0`
//! when `r < 2` else `11 − r`; the second: the ten digits weighted 11 down to 2, same rule.
//! Numbers of one repeated digit (`111.111.111-11`…) pass that check but are never issued:
//! `repeated_digits`.
//!
//! The ninth digit is the fiscal region (Região Fiscal) of registration: 1 DF GO MS MT TO,
//! 2 AC AM AP PA RO RR, 3 CE MA PI, 4 AL PB PE RN, 5 BA SE, 6 MG, 7 ES RJ, 8 SP, 9 PR SC,
//! 0 RS — extracted as `issuer`.
//!
//! Problems: `length`, `format`, `checksum`, `repeated_digits`.
//!
//! Specification: Receita Federal do Brasil, Instrução Normativa RFB nº 2.172/2024 (CPF) and
//! the published check-digit rule (módulo 11); fiscal regions per Portaria MF/RFB regional
//! organisation.

use super::start;
use crate::kinds::Kind;
use crate::validate::{Check, Context, Validator};

pub struct BrCpf;

/// States of each fiscal region, by the ninth digit.
const REGIONS: [&str; 10] = [
    "RS",
    "DF, GO, MS, MT, TO",
    "AC, AM, AP, PA, RO, RR",
    "CE, MA, PI",
    "AL, PB, PE, RN",
    "BA, SE",
    "MG",
    "ES, RJ",
    "SP",
    "PR, SC",
];

/// The Brazilian module-11 digit over `values` weighted from `first_weight` down by one:
/// `0` when the remainder is below 2, else `11 − r`. Shared with the CNPJ (with its weights).
pub fn mod11_digit(values: &[u32], weights: &[u32]) -> u32 {
    let sum: u32 = values.iter().zip(weights).map(|(v, w)| v * w).sum();
    match sum % 11 {
        0 | 1 => 0,
        r => 11 - r,
    }
}

/// The two check digits for nine digits.
pub fn check_digits(nine: &[u32]) -> (u32, u32) {
    let d1 = mod11_digit(nine, &[10, 9, 8, 7, 6, 5, 4, 3, 2]);
    // The ten digits (the nine, then d1) weighted 11 down to 2: the nine's sum plus 2 · d1.
    let sum: u32 = nine
        .iter()
        .zip([11, 10, 9, 8, 7, 6, 5, 4, 3])
        .map(|(v, w)| v * w)
        .sum::<u32>()
        + 2 * d1;
    let d2 = match sum % 11 {
        0 | 1 => 0,
        r => 11 - r,
    };
    (d1, d2)
}

/// Whether the digits of `value` (any non-digits skipped) are eleven, with both check digits
/// right and not one repeated digit: [`check_cpf`]'s verdict for a value already of the CPF's
/// shape, without its allocations (kind inference asks it of every 11-digit value, and
/// mobile numbers are 11 digits).
fn digits_pass(value: &str) -> bool {
    let mut d = [0u32; 11];
    let mut n = 0;
    for b in value.bytes().filter(u8::is_ascii_digit) {
        let Some(slot) = d.get_mut(n) else {
            return false;
        };
        *slot = u32::from(b - b'0');
        n += 1;
    }
    let (body, check) = d.split_at(9);
    n == 11 && check_digits(body) == (check[0], check[1]) && d.iter().any(|&x| x != d[0])
}

/// Validates a CPF; see the module documentation.
pub fn check_cpf(value: &str) -> Check {
    let (mut check, c) = match start(value, &[11]) {
        Ok(x) => x,
        Err(e) => return Check::invalid(e),
    };
    let b = c.bytes();
    check.facts.country = Some("BR");
    if !b.iter().all(u8::is_ascii_digit) {
        check.problems.push("format");
        return check;
    }
    let d: Vec<u32> = b.iter().map(|&x| u32::from(x - b'0')).collect();
    if check_digits(&d[..9]) != (d[9], d[10]) {
        check.problems.push("checksum");
    }
    if d.iter().all(|&x| x == d[0]) {
        check.problems.push("repeated_digits");
    }
    check.facts.issuer = REGIONS
        .get(d[8] as usize)
        .map(|r| format!("fiscal region {}: {r}", d[8]));
    check
}

impl Validator for BrCpf {
    fn id(&self) -> &'static str {
        "br_cpf"
    }
    fn name(&self) -> &'static str {
        "Brazilian individual taxpayer number (CPF)"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    /// Eleven digits, plain or `000.000.000-00`, with both check digits right and not one
    /// repeated digit.
    fn looks_like(&self, value: &str) -> bool {
        let shape = (value.len() == 11 && value.bytes().all(|b| b.is_ascii_digit()))
            || super::matches_mask(value, "999.999.999-99");
        shape && digits_pass(value)
    }
    fn check(&self, value: &str, _ctx: &Context) -> Check {
        check_cpf(value)
    }
    fn country(&self) -> Option<&'static str> {
        Some("BR")
    }
    fn validates(&self) -> &'static str {
        "length, two mod-11 check digits, repeated digits"
    }
    fn extracts(&self) -> &'static str {
        "fiscal region of registration"
    }
    fn specification(&self) -> &'static str {
        "Receita Federal do Brasil, CPF (IN RFB 2.172/2024), módulo 11 check digits"
    }
}

/// A CPF from nine digits with its check digits. For tests and fixtures.
pub fn make_cpf(nine: u32) -> String {
    let s = format!("{:09}", nine % 1_000_000_000);
    let d: Vec<u32> = s.bytes().map(|x| u32::from(x - b'0')).collect();
    let (d1, d2) = check_digits(&d);
    format!("{s}{d1}{d2}")
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::*;
    use proptest::prelude::*;

    fn problems(v: &str) -> Vec<&'static str> {
        check_cpf(v).problems
    }

    proptest! {
        /// The allocation-free `looks_like` agrees with the full check on values of the shape.
        #[test]
        fn looks_like_is_the_full_check_on_the_shape(n in 0u64..100_000_000_000, dotted: bool) {
            let plain = format!("{n:011}");
            let v = if dotted {
                format!("{}.{}.{}-{}", &plain[..3], &plain[3..6], &plain[6..9], &plain[9..])
            } else {
                plain
            };
            prop_assert_eq!(BrCpf.looks_like(&v), check_cpf(&v).is_valid(), "{}", v);
        }

        /// Nine digits with their right check digits: both agree (valid unless all one digit).
        #[test]
        fn looks_like_on_right_check_digits(n in 0u64..1_000_000_000) {
            let nine: Vec<u32> = format!("{n:09}").bytes().map(|b| u32::from(b - b'0')).collect();
            let (a, b) = check_digits(&nine);
            let v = format!("{n:09}{a}{b}");
            prop_assert_eq!(BrCpf.looks_like(&v), check_cpf(&v).is_valid(), "{}", v);
            prop_assert!(BrCpf.looks_like(&v) || v.bytes().all(|c| c == v.as_bytes()[0]), "{}", v);
        }
    }

    #[test]
    fn looks_like_valid_and_invalid() {
        assert!(BrCpf.looks_like("12345678909"));
        assert!(BrCpf.looks_like("123.456.789-09"));
        assert!(!BrCpf.looks_like("12345678900"));
        assert!(!BrCpf.looks_like("11111111111"));
        assert!(!BrCpf.looks_like("1234567890"));
    }

    #[test]
    fn vectors() {
        // The Receita Federal's usual illustration 123.456.789-09.
        let c = check_cpf("123.456.789-09");
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.canonical.as_deref(), Some("12345678909"));
        assert_eq!(c.facts.issuer.as_deref(), Some("fiscal region 9: PR, SC"));
        assert_eq!(problems("123.456.789-08"), ["checksum"]);
        assert_eq!(problems("123.456.789-19"), ["checksum"]);
        assert_eq!(problems("111.111.111-11"), ["repeated_digits"]);
        assert_eq!(problems("00000000000"), ["repeated_digits"]);
        assert_eq!(problems("1234567890"), ["length"]);
        assert_eq!(problems("1234567890A"), ["format"]);
        assert_eq!(make_cpf(123_456_789), "12345678909");
        assert_eq!(
            check_cpf(&make_cpf(987_654_320)).facts.issuer.as_deref(),
            Some("fiscal region 0: RS")
        );
    }

    #[test]
    fn looks() {
        assert!(BrCpf.looks_like("123.456.789-09"));
        assert!(BrCpf.looks_like("12345678909"));
        assert!(!BrCpf.looks_like("12345678908"));
        assert!(!BrCpf.looks_like("11111111111"));
        assert!(!BrCpf.looks_like("123456789-09"));
    }

    #[test]
    fn junk_and_metadata() {
        junk_gives_reasons(&BrCpf, &["99999999999", "123.456.789-0"]);
        metadata(&BrCpf, "BR");
    }

    proptest! {
        #[test]
        fn generated_pass_and_single_changes_fail(n in 0u32..1_000_000_000) {
            let v = make_cpf(n);
            prop_assume!(!v.bytes().all(|b| b == v.as_bytes()[0]));
            prop_assert!(check_cpf(&v).is_valid());
            // The weights are coprime with 11, so a single digit change moves the first
            // remainder; that changes the first check digit unless the remainders 0 and 1
            // (both written 0) are involved: the guarantee holds when that digit is not 0.
            prop_assume!(v.as_bytes()[9] != b'0');
            for m in single_changes(&v, b"0123456789") {
                prop_assert!(!check_cpf(&m).is_valid(), "{}", m);
            }
        }
    }
}
