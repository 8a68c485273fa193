//! Turkey: T.C. Kimlik Numarası, the Republic of Turkey identity number.
//!
//! Layout: eleven digits, the first never 0; nine assigned digits and two check digits. It
//! encodes nothing about its holder.
//!
//! Check: with `d1…d11` the digits, `d10 = (7·(d1+d3+d5+d7+d9) − (d2+d4+d6+d8)) mod 10` and
//! `d11 = (d1+…+d10) mod 10`. Both weights (7 and −1) are units mod 10, so every single-digit
//! error is caught.
//!
//! Problems: `format`, `length`, `invalid_prefix` (first digit 0), `checksum`. Extracts the
//! country only.
//!
//! Specification: Nüfus Hizmetleri Kanunu (Law 5490 on Population Services) and the General
//! Directorate of Population and Citizenship Affairs (NVI), <https://tckimlik.nvi.gov.tr/>.

use super::ce_util::{read, shape, start, Digits};
use crate::kinds::Kind;
use crate::validate::{Check, Context, Validator};

pub struct TrTckimlik;

/// The two check digits of the first nine digits.
fn check_digits(d: &Digits) -> (u32, u32) {
    let odd: i32 = (0..9).step_by(2).map(|i| d.at(i) as i32).sum();
    let even: i32 = (1..9).step_by(2).map(|i| d.at(i) as i32).sum();
    let d10 = (7 * odd - even).rem_euclid(10) as u32;
    let d11 = ((0..9).map(|i| d.at(i)).sum::<u32>() + d10) % 10;
    (d10, d11)
}

fn checks_ok(d: &Digits) -> bool {
    check_digits(d) == (d.at(9), d.at(10))
}

impl Validator for TrTckimlik {
    fn id(&self) -> &'static str {
        "tr_tckimlik"
    }
    fn name(&self) -> &'static str {
        "Turkish identity number (T.C. Kimlik No.)"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, value: &str) -> bool {
        shape(value, &[11]).is_some_and(|d| d.at(0) != 0 && checks_ok(&d))
    }
    fn check(&self, value: &str, _ctx: &Context) -> Check {
        let d = match read(value, &[11]) {
            Ok(d) => d,
            Err(p) => return Check::invalid(p),
        };
        let mut check = start(&d, Some("TR"));
        if d.at(0) == 0 {
            check.problems.push("invalid_prefix");
        }
        if !checks_ok(&d) {
            check.problems.push("checksum");
        }
        check
    }
    fn country(&self) -> Option<&'static str> {
        Some("TR")
    }
    fn validates(&self) -> &'static str {
        "length, first digit not 0, two check digits"
    }
    fn specification(&self) -> &'static str {
        "Nüfus Hizmetleri Kanunu (5490); NVI, tckimlik.nvi.gov.tr"
    }
}

#[cfg(test)]
mod tests {
    use super::super::ce_util::read;
    use super::super::ce_util::testing::{ctx, mutants};
    use super::*;
    use proptest::prelude::*;

    fn problems(v: &str) -> Vec<&'static str> {
        TrTckimlik.check(v, &ctx()).problems
    }

    fn make(n: u32) -> String {
        let body = format!("{n:09}");
        let d = read(&format!("{body}00"), &[11]).unwrap();
        let (a, b) = check_digits(&d);
        format!("{body}{a}{b}")
    }

    #[test]
    fn vectors() {
        // 172917160: d1,d3,d5,d7,d9 = 1,2,1,1,0 → 5; d2,d4,d6,d8 = 7,9,7,6 → 29;
        // d10 = (7·5 − 29) mod 10 = 6; d11 = (1+7+2+9+1+7+1+6+0+6) mod 10 = 0.
        assert_eq!(make(172_917_160), "17291716060");
        assert!(TrTckimlik.check("17291716060", &ctx()).is_valid());
        assert_eq!(problems("17291716050"), ["checksum"]);
        assert_eq!(problems("1729171606"), ["length"]);
        assert_eq!(problems(&make(72_917_160)), ["invalid_prefix"]);
        assert!(TrTckimlik.looks_like("17291716060"));
        assert!(!TrTckimlik.looks_like("17291716050"));
        assert!(!TrTckimlik.looks_like(&make(72_917_160)));
    }

    proptest! {
        #[test]
        fn generated_are_valid_and_mutants_fail(n in 100_000_000u32..1_000_000_000) {
            let v = make(n);
            prop_assert!(TrTckimlik.check(&v, &ctx()).is_valid(), "{}", v);
            prop_assert!(TrTckimlik.looks_like(&v));
            for (_, m) in mutants(&v) {
                prop_assert!(!TrTckimlik.check(&m, &ctx()).is_valid(), "{}", m);
            }
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,30}") {
            let c = TrTckimlik.check(&s, &ctx());
            let _ = TrTckimlik.looks_like(&s);
            if !s.bytes().any(|b| b.is_ascii_digit()) {
                prop_assert!(!c.problems.is_empty());
            }
        }
    }
}
