//! Japanese Individual Number (個人番号, "My Number").
//!
//! Layout: twelve digits, eleven random digits and a check digit, printed `1234 5678 9018`.
//!
//! Check: with `Pₙ` the n-th digit counted from the right of the eleven (n = 1 … 11) and
//! `Qₙ = n + 1` for n ≤ 6, `n − 5` for n ≥ 7, let `r = Σ Pₙ·Qₙ mod 11`; the check digit is 0
//! when `r ≤ 1`, else `11 − r`. The number encodes nothing about its holder.
//!
//! Problems: `format`, `length`, `checksum`.
//!
//! Specification: Ordinance of the Ministry of Internal Affairs and Communications on the
//! Individual Number (行政手続における特定の個人を識別するための番号の利用等に関する法律の
//! 規定による通知カード及び個人番号カード並びに情報提供ネットワークシステムによる特定個人情報の
//! 提供等に関する省令), art. 5 (check digit formula).

use super::common::{all_digits, compact, squeeze};
use crate::kinds::Kind;
use crate::validate::{Check, Context, Validator};

pub struct JpMyNumber;

/// The check digit of the first eleven digits.
pub fn check_digit(body: &[u8]) -> Option<u8> {
    // Left to right, the weights are Q11 … Q1.
    const W: [u32; 11] = [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
    let r = crate::checkdigit::weighted::remainder(body.get(..11)?, &W, 11)?;
    Some(if r <= 1 { 0 } else { (11 - r) as u8 })
}

fn valid(id: &[u8]) -> bool {
    id.len() == 12 && all_digits(id) && check_digit(id) == Some(id[11] - b'0')
}

impl Validator for JpMyNumber {
    fn id(&self) -> &'static str {
        "jp_my_number"
    }
    fn name(&self) -> &'static str {
        "Japanese Individual Number (My Number)"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, value: &str) -> bool {
        squeeze(value, b"").is_some_and(|id| valid(&id))
    }
    fn check(&self, value: &str, _ctx: &Context) -> Check {
        let mut check = Check::default();
        let Some(id) = compact(value, b"", &mut check, |n| n == 12) else {
            return check;
        };
        if !all_digits(&id) {
            check.problems.push("format");
            return check;
        }
        check.facts.country = Some("JP");
        if !valid(&id) {
            check.problems.push("checksum");
        }
        check
    }
    fn country(&self) -> Option<&'static str> {
        Some("JP")
    }
    fn validates(&self) -> &'static str {
        "length, mod 11 check digit"
    }
    fn specification(&self) -> &'static str {
        "MIC ordinance on the Individual Number, art. 5 (check digit formula)"
    }
}

#[cfg(test)]
mod tests {
    use super::super::common::testing::{junk, problems};
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn worked_examples() {
        // 12345678901: weights 6 5 4 3 2 7 6 5 4 3 2 → 6+10+12+12+10+42+42+40+36+0+2 = 212,
        // 212 mod 11 = 3, check 8.
        assert_eq!(check_digit(b"12345678901"), Some(8));
        assert!(problems(&JpMyNumber, "123456789018").is_empty());
        assert!(problems(&JpMyNumber, "1234 5678 9018").is_empty());
        assert_eq!(problems(&JpMyNumber, "123456789017"), ["checksum"]);
        assert_eq!(problems(&JpMyNumber, "12345678901"), ["length"]);
        assert_eq!(problems(&JpMyNumber, "12345678901X"), ["format"]);
        // Remainders 0 and 1 both give 0.
        assert_eq!(check_digit(b"00000000000"), Some(0));
        assert!(JpMyNumber.looks_like("123456789018"));
        assert!(!JpMyNumber.looks_like("123456789017"));
    }

    proptest! {
        #[test]
        fn generated_are_valid(n in 0u64..100_000_000_000, pos in 0usize..12, delta in 1u8..10) {
            let body = format!("{n:011}");
            let c = check_digit(body.as_bytes()).unwrap();
            let id = format!("{body}{c}");
            prop_assert!(problems(&JpMyNumber, &id).is_empty());
            prop_assert!(JpMyNumber.looks_like(&id));
            // A changed check digit always fails; a changed body digit fails unless it moves the
            // remainder between 0 and 1 (both give check digit 0).
            let mut m = id.clone().into_bytes();
            m[pos] = b'0' + (m[pos] - b'0' + delta) % 10;
            let m = String::from_utf8(m).unwrap();
            let mc = check_digit(&m.as_bytes()[..11]).unwrap();
            if pos == 11 || mc != 0 || c != 0 {
                prop_assert_eq!(problems(&JpMyNumber, &m), vec!["checksum"]);
            }
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,20}") {
            junk(&JpMyNumber, &s);
        }
    }
}
