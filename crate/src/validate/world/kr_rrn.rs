//! South Korean resident registration number (주민등록번호, RRN) and foreigner registration
//! number (외국인등록번호), which shares its layout.
//!
//! Layout: `YYMMDD-GRRRRSC` — birth date; `G` sex and century (9/0 men/women born 1800–1899,
//! 1/2 born 1900–1999, 3/4 born 2000–2099; 5/6 and 7/8 the same for foreigners born in the
//! 1900s and 2000s); then, for numbers issued before 5 October 2020, a four-digit code of the
//! place of birth registration (the first two digits a province, 00–95), a serial digit and a
//! check digit: `C = (11 − Σ wᵢ·dᵢ mod 11) mod 10` with weights 2 3 4 5 6 7 8 9 2 3 4 5.
//!
//! # The 2020 change
//! Since 5 October 2020 (Enforcement Rules of the Resident Registration Act, amended 2020) the
//! six digits after `G` of every newly assigned number — newborns, and people whose number was
//! changed — are random: there is **no check digit guarantee**. So for birth dates on or after
//! 1 September 2020 (a birth is registered within a month), a check digit mismatch is not a
//! problem but the note `checksum_not_applicable`, and the region code is not checked. For
//! earlier births a mismatch remains `checksum`, although a re-assigned number (victims of
//! identity theft since 2017) may legitimately fail it: such numbers are rare.
//!
//! # Foreigners
//! Older foreigner registration numbers carry the RRN check digit plus 2 (mod 10); both forms
//! are accepted (the older with the note `foreigner_old_check`). The region check does not
//! apply (digits 8–9 are the registration office).
//!
//! Problems: `format`, `length`, `checksum`, `date_invalid`, `date_after_reference`,
//! `date_too_old` (everyone born in the 1800s), `region_unknown`.
//! Notes: `foreigner`, `foreigner_old_check`, `checksum_not_applicable`.
//!
//! Specification: Resident Registration Act (주민등록법) and its Enforcement Rules, art. 2
//! (numbering; amended by the Ministry of the Interior and Safety, effective 2020-10-05).

use super::common::{all_digits, birth, compact, num, squeeze};
use crate::civil::Date;
use crate::kinds::Kind;
use crate::validate::{Check, Context, Sex, Validator};

pub struct KrRrn;

const WEIGHTS: [u32; 12] = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];

/// The RRN check digit (0–9) of the first twelve digits.
pub fn check_digit(body: &[u8]) -> Option<u8> {
    let r = crate::checkdigit::weighted::remainder(body.get(..12)?, &WEIGHTS, 11)?;
    Some(((11 - r) % 10) as u8)
}

/// Century base, sex, and whether the holder is a foreigner, from the seventh digit.
fn gender_digit(g: u8) -> (i32, Sex, bool) {
    match g {
        b'9' => (1800, Sex::Male, false),
        b'0' => (1800, Sex::Female, false),
        b'1' => (1900, Sex::Male, false),
        b'2' => (1900, Sex::Female, false),
        b'3' => (2000, Sex::Male, false),
        b'4' => (2000, Sex::Female, false),
        b'5' => (1900, Sex::Male, true),
        b'6' => (1900, Sex::Female, true),
        b'7' => (2000, Sex::Male, true),
        _ => (2000, Sex::Female, true),
    }
}

/// Births from this date may hold a number with random trailing digits.
fn random_from() -> Date {
    Date {
        year: 2020,
        month: 9,
        day: 1,
    }
}

pub fn check_rrn(value: &str, ctx: &Context) -> Check {
    let mut check = Check::default();
    let Some(id) = compact(value, b"", &mut check, |n| n == 13) else {
        return check;
    };
    if !all_digits(&id) {
        check.problems.push("format");
        return check;
    }
    check.facts.country = Some("KR");
    let (base, sex, foreigner) = gender_digit(id[6]);
    check.facts.sex = Some(sex);
    if foreigner {
        check.notes.push("foreigner");
    }
    let year = base + num(&id[..2]) as i32;
    birth(&mut check, year, num(&id[2..4]), num(&id[4..6]), ctx);
    let random = check.facts.date.is_some_and(|d| d >= random_from());

    let expected = check_digit(&id).unwrap_or(10);
    let given = id[12] - b'0';
    if given != expected {
        if foreigner && given == (expected + 2) % 10 {
            check.notes.push("foreigner_old_check");
        } else if random {
            check.notes.push("checksum_not_applicable");
        } else {
            check.problems.push("checksum");
        }
    }
    if !foreigner && !random && num(&id[7..9]) > 95 {
        check.problems.push("region_unknown");
    }
    check
}

impl Validator for KrRrn {
    fn id(&self) -> &'static str {
        "kr_rrn"
    }
    fn name(&self) -> &'static str {
        "South Korean resident registration number (RRN)"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, value: &str) -> bool {
        // The dash between the halves is distinctive; bare digits need a passing check digit.
        let dashed = value.len() == 14 && value.as_bytes().get(6) == Some(&b'-');
        squeeze(value, b"").is_some_and(|id| {
            id.len() == 13
                && all_digits(&id)
                && matches!(num(&id[2..4]), 1..=12)
                && matches!(num(&id[4..6]), 1..=31)
                && (dashed
                    || check_digit(&id).is_some_and(|c| {
                        let g = id[12] - b'0';
                        g == c || (matches!(id[6], b'5'..=b'8') && g == (c + 2) % 10)
                    }))
        })
    }
    fn check(&self, value: &str, ctx: &Context) -> Check {
        check_rrn(value, ctx)
    }
    fn country(&self) -> Option<&'static str> {
        Some("KR")
    }
    fn validates(&self) -> &'static str {
        "length, birth date, century/sex digit, region code and mod 11 check digit (numbers issued before October 2020)"
    }
    fn extracts(&self) -> &'static str {
        "birth date, sex, foreigner status"
    }
    fn specification(&self) -> &'static str {
        "Resident Registration Act (Korea) and its Enforcement Rules art. 2, as amended effective 2020-10-05"
    }
}

/// A number for a birth date, sex, foreigner flag and region/serial digits (for tests and
/// fixtures), with the RRN check digit.
pub fn make(date: Date, sex: Sex, foreigner: bool, middle: u32) -> String {
    let g = match (date.year >= 2000, sex, foreigner) {
        _ if date.year < 1900 => {
            if sex == Sex::Male {
                9
            } else {
                0
            }
        }
        (false, Sex::Male, false) => 1,
        (false, Sex::Female, false) => 2,
        (true, Sex::Male, false) => 3,
        (true, Sex::Female, false) => 4,
        (false, Sex::Male, true) => 5,
        (false, Sex::Female, true) => 6,
        (true, Sex::Male, true) => 7,
        (true, Sex::Female, true) => 8,
    };
    let body = format!(
        "{:02}{:02}{:02}{g}{:05}",
        date.year % 100,
        date.month,
        date.day,
        middle % 100_000
    );
    let c = check_digit(body.as_bytes()).unwrap_or(0);
    format!("{body}{c}")
}

#[cfg(test)]
mod tests {
    use super::super::common::testing::{ctx, junk, problems, substitutions_fail};
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    #[test]
    fn synthetic_examples() {
        // 971013-912345?: Σ = 18+21+4+0+6+21+72+9+4+9+16+25 = 205, 205 mod 11 = 7, check 4.
        assert_eq!(check_digit(b"971013912345"), Some(4));
        let c = check_rrn("971013-9123454", &ctx());
        assert_eq!(c.problems, ["date_too_old"], "born 1897");
        assert_eq!(c.facts.date, Some(d(1897, 10, 13)));
        assert_eq!(c.facts.sex, Some(Sex::Male));
        let id = make(d(1985, 3, 4), Sex::Female, false, 12_345);
        let c = check_rrn(&id, &ctx());
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.sex, Some(Sex::Female));
        assert_eq!(c.facts.date, Some(d(1985, 3, 4)));
        assert_eq!(c.facts.country, Some("KR"));
        let dashed = format!("{}-{}", &id[..6], &id[6..]);
        assert!(KrRrn.looks_like(&dashed));
        assert_eq!(check_rrn(&dashed, &ctx()).facts.canonical, Some(id.clone()));
        let mut bad = id.into_bytes();
        bad[12] = b'0' + (bad[12] - b'0' + 1) % 10;
        assert_eq!(
            problems(&KrRrn, std::str::from_utf8(&bad).unwrap()),
            ["checksum"]
        );
    }

    #[test]
    fn dates_and_regions() {
        assert_eq!(
            problems(&KrRrn, "8502301123456"),
            ["date_invalid", "checksum"]
        );
        let future = make(d(2023, 1, 1), Sex::Male, false, 0);
        assert_eq!(problems(&KrRrn, &future), ["date_after_reference"]);
        let region = make(d(1985, 1, 1), Sex::Male, false, 97_000);
        assert_eq!(problems(&KrRrn, &region), ["region_unknown"]);
        assert_eq!(problems(&KrRrn, "850101112345"), ["length"]);
        assert_eq!(problems(&KrRrn, "85010111234A5"), ["format"]);
    }

    #[test]
    fn after_october_2020_the_check_digit_is_not_guaranteed() {
        let id = make(d(2021, 5, 6), Sex::Male, false, 98_765);
        assert!(problems(&KrRrn, &id).is_empty());
        let mut random = id.into_bytes();
        random[12] = b'0' + (random[12] - b'0' + 3) % 10;
        let random = String::from_utf8(random).unwrap();
        let c = check_rrn(&random, &ctx());
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.notes, ["checksum_not_applicable"]);
    }

    #[test]
    fn foreigners() {
        let id = make(d(1990, 2, 3), Sex::Female, true, 10_006);
        let c = check_rrn(&id, &ctx());
        assert!(c.is_valid());
        assert_eq!(c.notes, ["foreigner"]);
        let mut old = id.into_bytes();
        old[12] = b'0' + (old[12] - b'0' + 2) % 10;
        let old = String::from_utf8(old).unwrap();
        let c = check_rrn(&old, &ctx());
        assert!(c.is_valid());
        assert_eq!(c.notes, ["foreigner", "foreigner_old_check"]);
        assert!(KrRrn.looks_like(&old));
    }

    #[test]
    fn check_digit_substitutions_fail() {
        let id = make(d(1979, 12, 31), Sex::Male, false, 45_678);
        substitutions_fail(&KrRrn, &id, 12..13, b"0123456789");
    }

    proptest! {
        #[test]
        fn generated_are_valid(days in -25_000i64..19_000, female in any::<bool>(), foreigner in any::<bool>(), mid in 0u32..95_999) {
            let date = Date::from_days(days).unwrap();
            let sex = if female { Sex::Female } else { Sex::Male };
            let id = make(date, sex, foreigner, mid);
            let c = check_rrn(&id, &ctx());
            prop_assert!(c.is_valid(), "{} {:?}", id, c);
            prop_assert_eq!(c.facts.date, Some(date));
            prop_assert_eq!(c.facts.sex, Some(sex));
            prop_assert!(KrRrn.looks_like(&id));
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,20}", t in "[0-9-]{12,15}") {
            junk(&KrRrn, &s);
            junk(&KrRrn, &t);
        }
    }
}
