//! Russia: СНИЛС (страховой номер индивидуального лицевого счёта), the insurance number of the
//! individual personal account (state pension and social insurance).
//!
//! Layout: `NNN-NNN-NNN CC` — a nine-digit number and two check digits. It encodes nothing
//! about its holder.
//!
//! Check: Σ digit·weight over the nine digits with weights `9 8 7 6 5 4 3 2 1`; below 100 the
//! sum itself is the check number, 100 and 101 give 00, above 101 the sum mod 101 is taken (and
//! 100 again gives 00). The check applies only to numbers above 001-001-998; smaller numbers
//! were issued without it (note `check_not_applicable`).
//!
//! Problems: `format`, `length`, `checksum`. Extracts the country only.
//!
//! Specification: the Pension Fund of the Russian Federation's rules for the insurance number
//! (Федеральный закон № 27-ФЗ "Об индивидуальном (персонифицированном) учёте", ст. 1, and the
//! Fund's description of the control number calculation).

use super::ce_util::{read, shape, start};
use crate::checkdigit::weighted;
use crate::kinds::Kind;
use crate::validate::{Check, Context, Validator};

pub struct RuSnils;

const WEIGHTS: [u32; 9] = [9, 8, 7, 6, 5, 4, 3, 2, 1];
/// Numbers up to 001-001-998 carry no check.
const LAST_UNCHECKED: u32 = 1_001_998;

/// The two-digit check number of the first nine ASCII digits.
pub fn check_number(payload: &[u8]) -> Option<u32> {
    weighted::sum(payload.get(..9)?, &WEIGHTS).map(check_number_of_sum)
}

fn check_number_of_sum(s: u32) -> u32 {
    match s {
        0..=99 => s,
        100 | 101 => 0,
        _ => s % 101 % 100,
    }
}

impl Validator for RuSnils {
    fn id(&self) -> &'static str {
        "ru_snils"
    }
    fn name(&self) -> &'static str {
        "Russian insurance account number (СНИЛС)"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, value: &str) -> bool {
        shape(value, &[11]).is_some_and(|d| {
            d.num(0, 9) > LAST_UNCHECKED && check_number(d.ascii()) == Some(d.num(9, 11))
        })
    }
    fn check(&self, value: &str, _ctx: &Context) -> Check {
        let d = match read(value, &[11]) {
            Ok(d) => d,
            Err(p) => return Check::invalid(p),
        };
        let mut check = start(&d, Some("RU"));
        if d.num(0, 9) <= LAST_UNCHECKED {
            check.notes.push("check_not_applicable");
        } else if check_number(d.ascii()) != Some(d.num(9, 11)) {
            check.problems.push("checksum");
        }
        check
    }
    fn country(&self) -> Option<&'static str> {
        Some("RU")
    }
    fn validates(&self) -> &'static str {
        "length, weighted mod 101 check number (above 001-001-998)"
    }
    fn specification(&self) -> &'static str {
        "Federal Law No. 27-FZ; Pension Fund of Russia, control number of the СНИЛС"
    }
}

#[cfg(test)]
mod tests {
    use super::super::ce_util::testing::{ctx, mutants};
    use super::*;
    use proptest::prelude::*;

    fn problems(v: &str) -> Vec<&'static str> {
        RuSnils.check(v, &ctx()).problems
    }

    fn make(n: u32) -> String {
        let body = format!("{n:09}");
        let c = check_number(body.as_bytes()).unwrap();
        format!("{}-{}-{} {c:02}", &body[..3], &body[3..6], &body[6..])
    }

    #[test]
    fn vectors() {
        // 112-233-445: Σ = 9+8+14+12+15+12+12+8+5 = 95 < 100 → 95.
        assert_eq!(make(112_233_445), "112-233-445 95");
        let c = RuSnils.check("112-233-445 95", &ctx());
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.canonical.as_deref(), Some("11223344595"));
        assert_eq!(problems("112-233-445 94"), ["checksum"]);
        // 987-654-321: Σ = 81+64+49+36+25+16+9+4+1 = 285 → 285 mod 101 = 83.
        assert_eq!(make(987_654_321), "987-654-321 83");
        // Sums of exactly 100 (9·9+2·8+3·1) and 101 (9·9+2·8+2·2) give 00.
        assert_eq!(check_number(b"920000003"), Some(0));
        assert_eq!(check_number(b"920000020"), Some(0));
        assert!(RuSnils.check("920-000-003 00", &ctx()).is_valid());
        // 999-999-999: Σ = 405, 405 mod 101 = 1.
        assert_eq!(check_number(b"999999999"), Some(1));
        assert_eq!(check_number(b"111111112"), Some(46));
        // Below the threshold nothing is checked.
        let c = RuSnils.check("001-001-998 00", &ctx());
        assert!(c.is_valid());
        assert_eq!(c.notes, ["check_not_applicable"]);
        assert_eq!(problems("001-001-999 00"), ["checksum"]);
        assert_eq!(problems("112-233-445"), ["length"]);
        assert!(RuSnils.looks_like("11223344595"));
        assert!(!RuSnils.looks_like("11223344594"));
        assert!(!RuSnils.looks_like("00100199800"));
    }

    proptest! {
        #[test]
        fn generated_are_valid_and_mutants_fail(n in (LAST_UNCHECKED + 1)..1_000_000_000) {
            let v = make(n);
            prop_assert!(RuSnils.check(&v, &ctx()).is_valid(), "{}", v);
            prop_assert!(RuSnils.looks_like(&v));
            // Weights 9..1 are non-zero mod 101: a digit change moves the sum mod 101, and can
            // only pass between the results that all write 00 (sums ≡ 0 or 100 mod 101, or
            // exactly 100/101), or by leaving the checked range.
            let sum = |x: &str| {
                let b: Vec<u8> = x.bytes().filter(u8::is_ascii_digit).collect();
                (weighted::sum(&b[..9], &WEIGHTS).unwrap(), b[..9].iter().fold(0u32, |a, c| a * 10 + u32::from(c - b'0')))
            };
            for (i, m) in mutants(&v) {
                let (s1, _) = sum(&v);
                let (s2, n2) = sum(&m);
                let zero = |s: u32| check_number_of_sum(s) == 0;
                if i >= 12 || !(zero(s1) && zero(s2)) && n2 > LAST_UNCHECKED {
                    prop_assert!(problems(&m).contains(&"checksum"), "{}", m);
                }
            }
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,30}") {
            let c = RuSnils.check(&s, &ctx());
            let _ = RuSnils.looks_like(&s);
            if !s.bytes().any(|b| b.is_ascii_digit()) {
                prop_assert!(!c.problems.is_empty());
            }
        }
    }
}
