//! Russia: ИНН (идентификационный номер налогоплательщика), the taxpayer identification number.
//!
//! Layout: 10 digits for organisations (`NNNN XXXXX C`) and 12 for individuals
//! (`NNNN XXXXXX C1 C2`); `NNNN` is the code of the tax office that assigned it (its first two
//! digits the region).
//!
//! Check: weighted sums mod 11, mod 10. Ten digits: weights `2 4 10 3 5 9 4 6 8` over the first
//! nine. Twelve digits: `7 2 4 10 3 5 9 4 6 8` over the first ten give the eleventh digit, and
//! `3 7 2 4 10 3 5 9 4 6 8` over the first eleven give the twelfth.
//!
//! Problems: `format`, `length`, `checksum`. Extracts the assigning tax office (as `issuer`)
//! and whether it is an organisation's or an individual's number (`coding`).
//!
//! Specification: Order of the Federal Tax Service of 29 June 2012 No. ММВ-7-6/435@ (procedure
//! and conditions for assigning the INN), appendix on the structure and control digits.

use super::ce_util::{read, shape, start, Digits};
use crate::checkdigit::weighted;
use crate::kinds::Kind;
use crate::validate::{Check, Context, Validator};

pub struct RuInn;

const W10: [u32; 9] = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const W11: [u32; 10] = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const W12: [u32; 11] = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

fn digit(payload: &[u8], weights: &[u32]) -> Option<u8> {
    let r = weighted::remainder(payload.get(..weights.len())?, weights, 11)?;
    Some((r % 10) as u8)
}

/// Whether the check digit(s) of `d` (10 or 12 digits) are right.
fn checks_ok(d: &Digits) -> bool {
    let a = d.ascii();
    if a.len() == 10 {
        digit(a, &W10) == Some(d.at(9) as u8)
    } else {
        digit(a, &W11) == Some(d.at(10) as u8) && digit(a, &W12) == Some(d.at(11) as u8)
    }
}

impl Validator for RuInn {
    fn id(&self) -> &'static str {
        "ru_inn"
    }
    fn name(&self) -> &'static str {
        "Russian taxpayer identification number (ИНН)"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, value: &str) -> bool {
        shape(value, &[10, 12]).is_some_and(|d| checks_ok(&d))
    }
    fn check(&self, value: &str, _ctx: &Context) -> Check {
        let d = match read(value, &[10, 12]) {
            Ok(d) => d,
            Err(p) => return Check::invalid(p),
        };
        let mut check = start(&d, Some("RU"));
        if !checks_ok(&d) {
            check.problems.push("checksum");
        }
        check.facts.coding = Some(if d.ascii().len() == 10 {
            "organisation"
        } else {
            "individual"
        });
        check.facts.issuer = Some(format!("tax office {:04}", d.num(0, 4)));
        check
    }
    fn country(&self) -> Option<&'static str> {
        Some("RU")
    }
    fn validates(&self) -> &'static str {
        "length (10 organisations, 12 individuals), weighted mod 11 check digits"
    }
    fn extracts(&self) -> &'static str {
        "tax office (issuer), organisation or individual"
    }
    fn specification(&self) -> &'static str {
        "FNS order of 29.06.2012 No. ММВ-7-6/435@"
    }
}

/// A valid INN for the payload (9 digits → 10, 10 digits → 12).
#[cfg(test)]
pub fn make(payload: &str) -> String {
    let mut v = payload.to_owned();
    if payload.len() == 9 {
        v.push(char::from(b'0' + digit(v.as_bytes(), &W10).unwrap()));
    } else {
        v.push(char::from(b'0' + digit(v.as_bytes(), &W11).unwrap()));
        v.push(char::from(b'0' + digit(v.as_bytes(), &W12).unwrap()));
    }
    v
}

#[cfg(test)]
mod tests {
    use super::super::ce_util::testing::{ctx, mutants};
    use super::*;
    use proptest::prelude::*;

    fn problems(v: &str) -> Vec<&'static str> {
        RuInn.check(v, &ctx()).problems
    }

    #[test]
    fn vectors() {
        // 123456789: Σ = 2+8+30+12+25+54+28+48+72 = 279, 279 mod 11 = 4.
        assert_eq!(make("123456789"), "1234567894");
        let c = RuInn.check("1234567894", &ctx());
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.coding, Some("organisation"));
        assert_eq!(c.facts.issuer.as_deref(), Some("tax office 1234"));
        assert_eq!(problems("1234567895"), ["checksum"]);
        // 1234567890: Σ = 7+4+12+40+15+30+63+32+54+0 = 257 → 4; then with weights 3…8 over
        // 12345678904: 3+14+6+16+50+18+35+72+36+0+32 = 282 → 282 mod 11 = 7.
        assert_eq!(make("1234567890"), "123456789047");
        let c = RuInn.check("123456789047", &ctx());
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.coding, Some("individual"));
        assert_eq!(problems("123456789037"), ["checksum"]);
        assert_eq!(problems("123456789048"), ["checksum"]);
        assert_eq!(problems("12345678904"), ["length"]);
        assert!(RuInn.looks_like("123456789047"));
        assert!(!RuInn.looks_like("123456789048"));
    }

    proptest! {
        #[test]
        fn generated_are_valid_and_mutants_fail(n in 0u64..10_000_000_000, person in any::<bool>()) {
            let v = if person { make(&format!("{n:010}")) } else { make(&format!("{:09}", n % 1_000_000_000)) };
            prop_assert!(RuInn.check(&v, &ctx()).is_valid(), "{}", v);
            prop_assert!(RuInn.looks_like(&v));
            // Weights are non-zero mod 11: a change in the checked span moves the remainder and
            // passes only when it moves between 0 and 10 (both written 0); a change of a check
            // digit always fails.
            let b = v.as_bytes();
            for (i, m) in mutants(&v) {
                let mb = m.as_bytes();
                let same = |w: &[u32]| {
                    let r1 = weighted::remainder(&b[..w.len()], w, 11).unwrap();
                    let r2 = weighted::remainder(&mb[..w.len()], w, 11).unwrap();
                    r1 != r2 && r1 % 10 == r2 % 10
                };
                let collides = if b.len() == 10 { same(&W10) } else { same(&W11) || same(&W12) };
                if i >= b.len() - if b.len() == 10 { 1 } else { 2 } || !collides {
                    prop_assert!(!RuInn.check(&m, &ctx()).is_valid(), "{}", m);
                }
            }
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,30}") {
            let c = RuInn.check(&s, &ctx());
            let _ = RuInn.looks_like(&s);
            if !s.bytes().any(|b| b.is_ascii_digit()) {
                prop_assert!(!c.problems.is_empty());
            }
        }
    }
}
