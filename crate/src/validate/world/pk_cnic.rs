//! Pakistani Computerised National Identity Card number (CNIC), issued by NADRA.
//!
//! Layout: `PDDDD-NNNNNNN-S`, thirteen digits: a five-digit locality code whose first digit is
//! the province or territory (1 Khyber Pakhtunkhwa, 2 FATA (merged into Khyber Pakhtunkhwa
//! in 2018, codes kept), 3 Punjab, 4 Sindh, 5 Balochistan, 6 Islamabad, 7 Gilgit-Baltistan, 8
//! Azad Jammu and Kashmir), a seven-digit serial, and a last digit that is odd for men and
//! even for women. There is no check digit.
//!
//! Because thirteen bare digits say little, [`Validator::looks_like`] requires the printed
//! `5-7-1` dashed form; bare numbers are recognised by header.
//!
//! Problems: `format`, `length`, `region_unknown` (first digit 0 or 9).
//!
//! Specification: National Database and Registration Authority (NADRA) Ordinance 2000 and
//! NADRA's description of the CNIC number (locality code, family number, sex digit).

use super::common::{all_digits, compact};
use crate::kinds::Kind;
use crate::validate::{Check, Context, Sex, Validator};

pub struct PkCnic;

/// The province or territory of a locality code's first digit.
pub fn province(d: u8) -> Option<&'static str> {
    Some(match d {
        b'1' => "Khyber Pakhtunkhwa",
        b'2' => "FATA",
        b'3' => "Punjab",
        b'4' => "Sindh",
        b'5' => "Balochistan",
        b'6' => "Islamabad",
        b'7' => "Gilgit-Baltistan",
        b'8' => "Azad Jammu and Kashmir",
        _ => return None,
    })
}

impl Validator for PkCnic {
    fn id(&self) -> &'static str {
        "pk_cnic"
    }
    fn name(&self) -> &'static str {
        "Pakistani national identity card number (CNIC)"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, value: &str) -> bool {
        let b = value.as_bytes();
        b.len() == 15
            && b[5] == b'-'
            && b[13] == b'-'
            && all_digits(&b[..5])
            && all_digits(&b[6..13])
            && all_digits(&b[14..])
            && province(b[0]).is_some()
    }
    fn check(&self, value: &str, _ctx: &Context) -> Check {
        let mut check = Check::default();
        let Some(id) = compact(value, b"", &mut check, |n| n == 13) else {
            return check;
        };
        if !all_digits(&id) {
            check.problems.push("format");
            return check;
        }
        check.facts.country = Some("PK");
        match province(id[0]) {
            Some(p) => check.facts.issuer = Some(p.to_owned()),
            None => check.problems.push("region_unknown"),
        }
        check.facts.sex = Some(if (id[12] - b'0') % 2 == 1 {
            Sex::Male
        } else {
            Sex::Female
        });
        check
    }
    fn country(&self) -> Option<&'static str> {
        Some("PK")
    }
    fn validates(&self) -> &'static str {
        "length, province digit (no check digit)"
    }
    fn extracts(&self) -> &'static str {
        "sex, province"
    }
    fn specification(&self) -> &'static str {
        "NADRA Ordinance 2000 (Pakistan); NADRA CNIC number structure"
    }
}

#[cfg(test)]
mod tests {
    use super::super::common::testing::{ctx, junk, problems};
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn structure() {
        let c = PkCnic.check("34201-0891231-8", &ctx());
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.sex, Some(Sex::Female));
        assert_eq!(c.facts.issuer.as_deref(), Some("Punjab"));
        assert_eq!(c.facts.canonical.as_deref(), Some("3420108912318"));
        let c = PkCnic.check("4210112345671", &ctx());
        assert_eq!(c.facts.sex, Some(Sex::Male));
        assert_eq!(problems(&PkCnic, "94201-0891231-8"), ["region_unknown"]);
        assert_eq!(problems(&PkCnic, "34201-0891231"), ["length"]);
        assert!(PkCnic.looks_like("34201-0891231-8"));
        assert!(!PkCnic.looks_like("3420108912318"));
        assert!(!PkCnic.looks_like("04201-0891231-8"));
    }

    proptest! {
        #[test]
        fn generated_are_valid(p in 1u32..9, l in 0u32..10_000, n in 0u32..10_000_000, s in 0u32..10) {
            let id = format!("{p}{l:04}-{n:07}-{s}");
            let c = PkCnic.check(&id, &ctx());
            prop_assert!(c.is_valid(), "{} {:?}", id, c);
            prop_assert!(PkCnic.looks_like(&id));
            prop_assert_eq!(c.facts.sex, Some(if s % 2 == 1 { Sex::Male } else { Sex::Female }));
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,20}") {
            junk(&PkCnic, &s);
        }
    }
}
