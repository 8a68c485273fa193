//! Indonesian population identity number (Nomor Induk Kependudukan, NIK).
//!
//! Layout: `PP KK CC DDMMYY SSSS` — sixteen digits: province, regency/city and district
//! (kecamatan) of registration (Kemendagri area codes), the birth date with 40 added to the day
//! for women, and a four-digit serial. There is no check digit.
//!
//! Checked: the province code against the provinces (11–19, 21, 31–36, 51–53, 61–65, 71–76,
//! 81, 82, 91–96 — 65 North Kalimantan since 2012, 92–96 the Papuan provinces of 2022; a NIK
//! keeps the code it was issued with, so all stay valid); regency and district codes are not
//! 00 (the full regency list is not shipped); the birth date (century inferred: the latest
//! that does not put the birth after the reference date).
//!
//! Problems: `format`, `length`, `region_unknown`, `date_invalid`.
//!
//! Specification: Law 24/2013 on Population Administration, Perpres 96/2018 (NIK structure);
//! Permendagri 72/2019 and Kepmendagri 100.1.1-6117/2022 (area codes).

use super::common::{all_digits, birth, compact, num, pivot_year, squeeze};
use crate::kinds::Kind;
use crate::validate::{Check, Context, Sex, Validator};

pub struct IdNik;

/// The province of a two-digit code.
pub fn province(code: u32) -> Option<&'static str> {
    Some(match code {
        11 => "Aceh",
        12 => "Sumatera Utara",
        13 => "Sumatera Barat",
        14 => "Riau",
        15 => "Jambi",
        16 => "Sumatera Selatan",
        17 => "Bengkulu",
        18 => "Lampung",
        19 => "Kepulauan Bangka Belitung",
        21 => "Kepulauan Riau",
        31 => "DKI Jakarta",
        32 => "Jawa Barat",
        33 => "Jawa Tengah",
        34 => "DI Yogyakarta",
        35 => "Jawa Timur",
        36 => "Banten",
        51 => "Bali",
        52 => "Nusa Tenggara Barat",
        53 => "Nusa Tenggara Timur",
        61 => "Kalimantan Barat",
        62 => "Kalimantan Tengah",
        63 => "Kalimantan Selatan",
        64 => "Kalimantan Timur",
        65 => "Kalimantan Utara",
        71 => "Sulawesi Utara",
        72 => "Sulawesi Tengah",
        73 => "Sulawesi Selatan",
        74 => "Sulawesi Tenggara",
        75 => "Gorontalo",
        76 => "Sulawesi Barat",
        81 => "Maluku",
        82 => "Maluku Utara",
        91..=96 => "Papua",
        _ => return None,
    })
}

fn plausible(id: &[u8]) -> bool {
    let day = num(&id[6..8]);
    province(num(&id[..2])).is_some()
        && num(&id[2..4]) != 0
        && num(&id[4..6]) != 0
        && (matches!(day, 1..=31) || matches!(day, 41..=71))
        && matches!(num(&id[8..10]), 1..=12)
}

impl Validator for IdNik {
    fn id(&self) -> &'static str {
        "id_nik"
    }
    fn name(&self) -> &'static str {
        "Indonesian population identity number (NIK)"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, value: &str) -> bool {
        squeeze(value, b"").is_some_and(|id| id.len() == 16 && all_digits(&id) && plausible(&id))
    }
    fn check(&self, value: &str, ctx: &Context) -> Check {
        let mut check = Check::default();
        let Some(id) = compact(value, b"", &mut check, |n| n == 16) else {
            return check;
        };
        if !all_digits(&id) {
            check.problems.push("format");
            return check;
        }
        check.facts.country = Some("ID");
        match province(num(&id[..2])) {
            Some(p) if num(&id[2..4]) != 0 && num(&id[4..6]) != 0 => {
                check.facts.issuer = Some(p.to_owned());
            }
            _ => check.problems.push("region_unknown"),
        }
        let (dd, m, yy) = (num(&id[6..8]), num(&id[8..10]), num(&id[10..12]));
        let (d, sex) = if dd > 40 {
            (dd - 40, Sex::Female)
        } else {
            (dd, Sex::Male)
        };
        check.facts.sex = Some(sex);
        birth(&mut check, pivot_year(yy, m, d, ctx), m, d, ctx);
        check
    }
    fn country(&self) -> Option<&'static str> {
        Some("ID")
    }
    fn validates(&self) -> &'static str {
        "length, province code, birth date (no check digit)"
    }
    fn extracts(&self) -> &'static str {
        "birth date (century inferred), sex, province"
    }
    fn specification(&self) -> &'static str {
        "Law 24/2013 and Perpres 96/2018 (Indonesia); Kemendagri area codes"
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
        let c = IdNik.check("3171011708450001", &ctx());
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.date, Date::new(1945, 8, 17));
        assert_eq!(c.facts.sex, Some(Sex::Male));
        assert_eq!(c.facts.issuer.as_deref(), Some("DKI Jakarta"));
        let c = IdNik.check("32.7301.5708.99.0002", &ctx());
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.date, Date::new(1999, 8, 17));
        assert_eq!(c.facts.sex, Some(Sex::Female));
        assert_eq!(problems(&IdNik, "9971011708450001"), ["region_unknown"]);
        assert_eq!(problems(&IdNik, "3100011708450001"), ["region_unknown"]);
        assert_eq!(problems(&IdNik, "3171013508450001"), ["date_invalid"]);
        assert_eq!(problems(&IdNik, "3171017102450001"), ["date_invalid"]);
        assert_eq!(problems(&IdNik, "317101170845001"), ["length"]);
        assert!(IdNik.looks_like("3171011708450001"));
        assert!(!IdNik.looks_like("3171013508450001"));
        assert!(!IdNik.looks_like("1234567890123456"));
    }

    proptest! {
        #[test]
        fn generated_are_valid(days in -17_000i64..19_000, p in 11u32..97, k in 1u32..100, c in 1u32..100, female in any::<bool>(), s in 1u32..10_000) {
            prop_assume!(province(p).is_some());
            let date = Date::from_days(days).unwrap();
            let dd = u32::from(date.day) + if female { 40 } else { 0 };
            let id = format!("{p:02}{k:02}{c:02}{dd:02}{:02}{:02}{s:04}", date.month, date.year % 100);
            let chk = IdNik.check(&id, &ctx());
            prop_assert!(chk.is_valid(), "{} {:?}", id, chk);
            prop_assert_eq!(chk.facts.date, Some(date));
            prop_assert_eq!(chk.facts.sex, Some(if female { Sex::Female } else { Sex::Male }));
            prop_assert!(IdNik.looks_like(&id));
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,20}") {
            junk(&IdNik, &s);
        }
    }
}
