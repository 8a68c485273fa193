//! International Mobile Equipment Identity (IMEI) and IMEISV: 3GPP TS 23.003 §6.2.
//!
//! Layout: `TAC (8) SNR (6) CD (1)` — Type Allocation Code (the first two digits name the
//! reporting body that allocated it), serial number, and a Luhn check digit computed over the
//! 14 digits. The check digit is not transmitted over the air, so 14-digit IMEIs occur; the
//! IMEISV replaces it with a 2-digit software version number (16 digits, no check).
//!
//! No TAC table is shipped: the GSMA TAC database is licensed, so the device model is not
//! extracted.
//!
//! Specification: 3GPP TS 23.003, *Numbering, addressing and identification*, §6.2.1 (IMEI)
//! and §6.2.2 (IMEISV); Luhn check per Annex B of the same specification.
//!
//! Problems: `format`, `length` (not 14, 15 or 16 digits), `checksum` (15 digits with a wrong
//! Luhn digit). Facts: `coding` (`imei`, `imei_no_check`, `imeisv`), `canonical` (digits only).

use super::{all_digits, compact};
use crate::checkdigit::luhn;
use crate::kinds::Kind;
use crate::validate::{Check, Context, Validator};

/// Validates an IMEI or IMEISV; see the module documentation.
pub fn check_imei(value: &str) -> Check {
    let mut check = Check::default();
    let (s, seps) = compact(value);
    if !all_digits(&s) {
        check.problems.push("format");
        return check;
    }
    match s.len() {
        14 => check.facts.coding = Some("imei_no_check"),
        15 => {
            check.facts.coding = Some("imei");
            if !luhn::is_valid(s.as_bytes()) {
                check.problems.push("checksum");
            }
        }
        16 => check.facts.coding = Some("imeisv"),
        _ => {
            check.problems.push("length");
            return check;
        }
    }
    if seps {
        check.facts.canonical = Some(s);
    }
    check
}

pub struct Imei;

impl Validator for Imei {
    fn id(&self) -> &'static str {
        "imei"
    }
    fn name(&self) -> &'static str {
        "Mobile equipment identity (IMEI / IMEISV)"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    /// Only the 15-digit form with its Luhn digit: 14- and 16-digit numbers carry no check and
    /// would claim any column of long numbers.
    fn looks_like(&self, value: &str) -> bool {
        let (s, _) = compact(value);
        s.len() == 15 && all_digits(&s) && luhn::is_valid(s.as_bytes())
    }
    fn check(&self, value: &str, _ctx: &Context) -> Check {
        check_imei(value)
    }
    fn validates(&self) -> &'static str {
        "14, 15 (Luhn check digit) or 16 (IMEISV) digits"
    }
    fn extracts(&self) -> &'static str {
        "form (IMEI, IMEI without check digit, IMEISV)"
    }
    fn specification(&self) -> &'static str {
        "3GPP TS 23.003 §6.2 (IMEI and IMEISV)"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn examples() {
        // 3GPP TS 23.003 Annex B example: IMEI 49015420323751 with check digit 8.
        assert!(check_imei("490154203237518").is_valid());
        assert!(check_imei("49-015420-323751-8").is_valid());
        assert_eq!(check_imei("490154203237518").facts.coding, Some("imei"));
        assert_eq!(
            check_imei("49015420323751").facts.coding,
            Some("imei_no_check")
        );
        assert_eq!(check_imei("4901542032375101").facts.coding, Some("imeisv"));
        assert!(Imei.looks_like("490154203237518"));
        assert!(!Imei.looks_like("49015420323751"));
        for (v, reason) in [
            ("490154203237519", "checksum"),
            ("4901542032375", "length"),
            ("49015420323751a", "format"),
        ] {
            let c = check_imei(v);
            assert!(c.problems.contains(&reason), "{v}: {:?}", c.problems);
            assert!(!Imei.looks_like(v));
        }
    }

    proptest! {
        #[test]
        fn generated(body in "[0-9]{14}", pos in 0usize..15, d in 0u8..10) {
            let c = luhn::check_digit(body.as_bytes()).unwrap();
            let v = format!("{body}{c}");
            prop_assert!(check_imei(&v).is_valid());
            prop_assert!(Imei.looks_like(&v));
            let mut b = v.clone().into_bytes();
            prop_assume!(b[pos] != b'0' + d);
            b[pos] = b'0' + d;
            prop_assert!(!check_imei(std::str::from_utf8(&b).unwrap()).is_valid());
        }

        #[test]
        fn junk_gives_a_reason(s in "\\PC{0,20}") {
            let c = check_imei(&s);
            prop_assert!(c.is_valid() || !c.problems.is_empty());
        }
    }
}
