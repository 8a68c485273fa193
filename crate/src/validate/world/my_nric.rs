//! Malaysian identity card number (MyKad / NRIC, nombor kad pengenalan).
//!
//! Layout: `YYMMDD-PB-###G` — birth date, place-of-birth code, three serial digits and a last
//! digit that is odd for men and even for women. There is no check digit.
//!
//! Place-of-birth codes (National Registration Department, JPN): 01–16 the states and federal
//! territories and 21–59 their additional codes; 60–68, 71, 72, 74–79, 83–93, 98, 99 countries
//! or regions abroad; 82 "state unknown". Codes 00, 17–20, 69, 70, 73, 80, 81 and 94–97 are not
//! assigned: `region_unknown`.
//!
//! The century is not written: the latest century that does not put the birth after the
//! reference date is taken.
//!
//! Problems: `format`, `length`, `date_invalid`, `region_unknown`.
//!
//! Specification: Jabatan Pendaftaran Negara (National Registration Department of Malaysia),
//! Kod Negeri / Kod Negara (place-of-birth codes) and the MyKad number structure.

use super::common::{all_digits, birth, compact, num, pivot_year, squeeze};
use crate::kinds::Kind;
use crate::validate::{Check, Context, Sex, Validator};

pub struct MyNric;

/// The state (or "abroad") of a place-of-birth code; `None` for an unassigned code.
pub fn place(code: u32) -> Option<&'static str> {
    Some(match code {
        1 | 21..=24 => "Johor",
        2 | 25..=27 => "Kedah",
        3 | 28 | 29 => "Kelantan",
        4 | 30 => "Melaka",
        5 | 31 | 59 => "Negeri Sembilan",
        6 | 32 | 33 => "Pahang",
        7 | 34 | 35 => "Pulau Pinang",
        8 | 36..=39 => "Perak",
        9 | 40 => "Perlis",
        10 | 41..=44 => "Selangor",
        11 | 45 | 46 => "Terengganu",
        12 | 47..=49 => "Sabah",
        13 | 50..=53 => "Sarawak",
        14 | 54..=57 => "Kuala Lumpur",
        15 | 58 => "Labuan",
        16 => "Putrajaya",
        82 => "state unknown",
        60..=68 | 71 | 72 | 74..=79 | 83..=93 | 98 | 99 => "born abroad",
        _ => return None,
    })
}

fn plausible_date(id: &[u8]) -> bool {
    matches!(num(&id[2..4]), 1..=12) && matches!(num(&id[4..6]), 1..=31)
}

impl Validator for MyNric {
    fn id(&self) -> &'static str {
        "my_nric"
    }
    fn name(&self) -> &'static str {
        "Malaysian identity card number (MyKad)"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, value: &str) -> bool {
        // No check digit: require the dashed print form, or a plausible date and place code.
        let b = value.as_bytes();
        let dashed = b.len() == 14 && b[6] == b'-' && b[9] == b'-';
        squeeze(value, b"").is_some_and(|id| {
            id.len() == 12
                && all_digits(&id)
                && plausible_date(&id)
                && place(num(&id[6..8])).is_some()
                && (dashed || num(&id[6..8]) <= 59)
        })
    }
    fn check(&self, value: &str, ctx: &Context) -> Check {
        let mut check = Check::default();
        let Some(id) = compact(value, b"*", &mut check, |n| n == 12) else {
            return check;
        };
        if !all_digits(&id) {
            check.problems.push("format");
            return check;
        }
        check.facts.country = Some("MY");
        let (yy, m, d) = (num(&id[..2]), num(&id[2..4]), num(&id[4..6]));
        birth(&mut check, pivot_year(yy, m, d, ctx), m, d, ctx);
        match place(num(&id[6..8])) {
            Some(p) => check.facts.issuer = Some(p.to_owned()),
            None => check.problems.push("region_unknown"),
        }
        check.facts.sex = Some(if (id[11] - b'0') % 2 == 1 {
            Sex::Male
        } else {
            Sex::Female
        });
        check
    }
    fn country(&self) -> Option<&'static str> {
        Some("MY")
    }
    fn validates(&self) -> &'static str {
        "length, birth date, place-of-birth code (no check digit)"
    }
    fn extracts(&self) -> &'static str {
        "birth date (century inferred), sex, state of birth"
    }
    fn specification(&self) -> &'static str {
        "Jabatan Pendaftaran Negara (Malaysia): MyKad number structure and place-of-birth codes"
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
        let c = MyNric.check("770305-10-5113", &ctx());
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.date, Date::new(1977, 3, 5));
        assert_eq!(c.facts.sex, Some(Sex::Male));
        assert_eq!(c.facts.issuer.as_deref(), Some("Selangor"));
        assert_eq!(c.facts.canonical.as_deref(), Some("770305105113"));
        let c = MyNric.check("050101-14-0002", &ctx());
        assert_eq!(c.facts.date, Date::new(2005, 1, 1));
        assert_eq!(c.facts.sex, Some(Sex::Female));
        // A birthday later in the year than the reference date belongs to the last century.
        let c = MyNric.check("220801-14-0002", &ctx());
        assert_eq!(c.facts.date, Date::new(1922, 8, 1));
        assert_eq!(problems(&MyNric, "770230-10-5113"), ["date_invalid"]);
        assert_eq!(problems(&MyNric, "770305-17-5113"), ["region_unknown"]);
        assert_eq!(problems(&MyNric, "770305-00-5113"), ["region_unknown"]);
        assert_eq!(problems(&MyNric, "770305-10-511"), ["length"]);
        assert_eq!(problems(&MyNric, "770305-1O-5113"), ["format"]);
        assert!(MyNric.looks_like("770305-10-5113"));
        assert!(MyNric.looks_like("770305-71-5113"));
        assert!(!MyNric.looks_like("770305715113"));
        assert!(!MyNric.looks_like("771305105113"));
    }

    proptest! {
        #[test]
        fn generated_are_valid(days in -17_000i64..19_000, pb in 1u32..100, serial in 0u32..10_000) {
            prop_assume!(place(pb).is_some());
            let date = Date::from_days(days).unwrap();
            let id = format!("{:02}{:02}{:02}{pb:02}{serial:04}", date.year % 100, date.month, date.day);
            let c = MyNric.check(&id, &ctx());
            prop_assert!(c.is_valid(), "{} {:?}", id, c);
            prop_assert_eq!(c.facts.date, Some(date));
            prop_assert_eq!(c.facts.sex == Some(Sex::Male), serial % 2 == 1);
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,20}") {
            junk(&MyNric, &s);
        }
    }
}
