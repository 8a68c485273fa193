//! Egyptian national identity number (الرقم القومي).
//!
//! Layout: `C YYMMDD GG SSS X K`, fourteen digits: the century of birth (2 for 1900–1999, 3 for
//! 2000–2099), the birth date, the governorate of birth (88 for births abroad), a serial whose
//! last digit `X` is odd for men and even for women, and a final check digit whose algorithm
//! the Civil Status Organization does not publish (not verified: note
//! `check_digit_not_verified`).
//!
//! Governorate codes: 01 Cairo, 02 Alexandria, 03 Port Said, 04 Suez, 11 Damietta, 12
//! Dakahlia, 13 Sharqia, 14 Qalyubia, 15 Kafr el-Sheikh, 16 Gharbia, 17 Monufia, 18 Beheira,
//! 19 Ismailia, 21 Giza, 22 Beni Suef, 23 Faiyum, 24 Minya, 25 Asyut, 26 Sohag, 27 Qena, 28
//! Aswan, 29 Luxor, 31 Red Sea, 32 New Valley, 33 Matrouh, 34 North Sinai, 35 South Sinai, 88
//! abroad.
//!
//! Problems: `format`, `length`, `invalid_prefix` (century digit), `date_invalid`,
//! `date_after_reference`, `date_too_old`, `region_unknown`.
//!
//! Specification: Civil Status Law 143/1994 (Egypt) and the Civil Status Organization's
//! national number structure.

use super::common::{all_digits, birth, compact, num, squeeze};
use crate::kinds::Kind;
use crate::validate::{Check, Context, Sex, Validator};

pub struct EgNid;

/// The governorate of a two-digit code.
pub fn governorate(code: u32) -> Option<&'static str> {
    Some(match code {
        1 => "Cairo",
        2 => "Alexandria",
        3 => "Port Said",
        4 => "Suez",
        11 => "Damietta",
        12 => "Dakahlia",
        13 => "Sharqia",
        14 => "Qalyubia",
        15 => "Kafr el-Sheikh",
        16 => "Gharbia",
        17 => "Monufia",
        18 => "Beheira",
        19 => "Ismailia",
        21 => "Giza",
        22 => "Beni Suef",
        23 => "Faiyum",
        24 => "Minya",
        25 => "Asyut",
        26 => "Sohag",
        27 => "Qena",
        28 => "Aswan",
        29 => "Luxor",
        31 => "Red Sea",
        32 => "New Valley",
        33 => "Matrouh",
        34 => "North Sinai",
        35 => "South Sinai",
        88 => "born abroad",
        _ => return None,
    })
}

impl Validator for EgNid {
    fn id(&self) -> &'static str {
        "eg_nid"
    }
    fn name(&self) -> &'static str {
        "Egyptian national identity number"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, value: &str) -> bool {
        squeeze(value, b"").is_some_and(|id| {
            id.len() == 14
                && all_digits(&id)
                && matches!(id[0], b'2' | b'3')
                && matches!(num(&id[3..5]), 1..=12)
                && matches!(num(&id[5..7]), 1..=31)
                && governorate(num(&id[7..9])).is_some()
        })
    }
    fn check(&self, value: &str, ctx: &Context) -> Check {
        let mut check = Check::default();
        let Some(id) = compact(value, b"", &mut check, |n| n == 14) else {
            return check;
        };
        if !all_digits(&id) {
            check.problems.push("format");
            return check;
        }
        check.facts.country = Some("EG");
        let century = match id[0] {
            b'2' => Some(1900),
            b'3' => Some(2000),
            _ => None,
        };
        match century {
            Some(c) => {
                let (y, m, d) = (num(&id[1..3]), num(&id[3..5]), num(&id[5..7]));
                birth(&mut check, c + y as i32, m, d, ctx);
            }
            None => check.problems.push("invalid_prefix"),
        }
        match governorate(num(&id[7..9])) {
            Some(g) => check.facts.issuer = Some(g.to_owned()),
            None => check.problems.push("region_unknown"),
        }
        check.facts.sex = Some(if (id[12] - b'0') % 2 == 1 {
            Sex::Male
        } else {
            Sex::Female
        });
        check.notes.push("check_digit_not_verified");
        check
    }
    fn country(&self) -> Option<&'static str> {
        Some("EG")
    }
    fn validates(&self) -> &'static str {
        "length, century digit, birth date, governorate (check digit unpublished)"
    }
    fn extracts(&self) -> &'static str {
        "birth date, sex, governorate of birth"
    }
    fn specification(&self) -> &'static str {
        "Civil Status Law 143/1994 (Egypt); Civil Status Organization national number structure"
    }
}

#[cfg(test)]
mod tests {
    use super::super::common::testing::{ctx, junk, problems};
    use super::*;
    use crate::civil::Date;
    use proptest::prelude::*;

    #[test]
    fn synthetic_examples() {
        let c = EgNid.check("29001011234567", &ctx());
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.date, Date::new(1990, 1, 1));
        assert_eq!(c.facts.issuer.as_deref(), Some("Dakahlia"));
        assert_eq!(c.facts.sex, Some(Sex::Female));
        assert_eq!(c.notes, ["check_digit_not_verified"]);
        let c = EgNid.check("30512318801231", &ctx());
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.date, Date::new(2005, 12, 31));
        assert_eq!(c.facts.sex, Some(Sex::Male));
        assert_eq!(problems(&EgNid, "39001011234567"), ["date_after_reference"]);
        assert_eq!(problems(&EgNid, "29002301234567"), ["date_invalid"]);
        assert_eq!(problems(&EgNid, "49001011234567"), ["invalid_prefix"]);
        assert_eq!(problems(&EgNid, "29001019934567"), ["region_unknown"]);
        assert_eq!(problems(&EgNid, "2900101123456"), ["length"]);
        assert!(EgNid.looks_like("29001011234567"));
        assert!(!EgNid.looks_like("29013011234567"));
    }

    proptest! {
        #[test]
        fn generated_are_valid(days in -25_000i64..19_000, g in 1u32..89, s in 0u32..100_000) {
            prop_assume!(governorate(g).is_some());
            let date = Date::from_days(days).unwrap();
            let c = if date.year >= 2000 { 3 } else { 2 };
            let id = format!("{c}{:02}{:02}{:02}{g:02}{s:05}", date.year % 100, date.month, date.day);
            let chk = EgNid.check(&id, &ctx());
            prop_assert!(chk.is_valid(), "{} {:?}", id, chk);
            prop_assert_eq!(chk.facts.date, Some(date));
            prop_assert!(EgNid.looks_like(&id));
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,20}") {
            junk(&EgNid, &s);
        }
    }
}
