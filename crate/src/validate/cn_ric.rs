//! Chinese resident identity number (GB 11643-1999), with legacy 15-digit numbers, residence
//! permits for Hong Kong, Macau and Taiwan residents, and spreadsheet damage.
//!
//! Layout: `RRRRRR YYYYMMDD SSS C` — region code (GB/T 2260) at issue, birth date, sequence
//! (odd for men), ISO 7064 MOD 11-2 check character. Legacy numbers are `RRRRRR YYMMDD SSS`.
//!
//! Problems (reason ids): `length`, `format`, `checksum`, `date_invalid`,
//! `date_after_reference`, `date_too_old`, `region_unknown`, `region_not_person_level`,
//! `region_abolished_before_birth`, `excel_scientific`, `excel_trailing_zeros`.
//! Notes: `lowercase_x`, `legacy_15_digit`, `region_abolished`, `residence_permit_hk`,
//! `residence_permit_mo`, `residence_permit_tw`.
//!
//! # The region rule is one-sided
//! A region code keeps the code in force when the number was issued; it is never updated. So a
//! code **created after** the birth year is normal (someone born in 1970 in Pudong holds 310115,
//! created in 1992), and is not flagged. A code **abolished before** the birth year is
//! impossible. The timeline records the last year a code was listed; a code last listed in year
//! `E` may have been abolished during `E + 1`, so a child born in `E + 1` may still have been
//! issued it: the number is impossible only when the birth year is later than `E + 1`. A code
//! that was abolished but was still valid at birth gets the note `region_abolished` (genuine
//! registers of adults carry many).
//!
//! # Too old
//! `date_too_old` when born before 1900 or aged over 130 on the reference date (see
//! [`super::date`]).

use super::date::birth_date_problems;
use super::{Check, Context, Sex, Validator};
use crate::checkdigit::iso7064::mod11_2_char;
use crate::civil::Date;
use crate::kinds::Kind;
use crate::refdata::{self, RegionLevel};

pub struct CnRic;

/// Whether `s` is spreadsheet scientific notation such as `1.10101E+17` (an ID turned into a
/// floating-point number). `strict` requires the exponent of a 15- or 18-digit number.
fn is_scientific(s: &str, strict: bool) -> bool {
    let b = s.as_bytes();
    let Some(e) = b.iter().position(|&c| c == b'e' || c == b'E') else {
        return false;
    };
    let (mantissa, exp) = (&b[..e], &b[e + 1..]);
    let exp = exp.strip_prefix(b"+").unwrap_or(exp);
    let mantissa_ok = match mantissa {
        [d, b'.', rest @ ..] => {
            d.is_ascii_digit() && !rest.is_empty() && rest.iter().all(u8::is_ascii_digit)
        }
        [d] => d.is_ascii_digit(),
        _ => false,
    };
    let exp_ok = !exp.is_empty() && exp.len() <= 3 && exp.iter().all(u8::is_ascii_digit);
    mantissa_ok && exp_ok && (!strict || exp == b"17" || exp == b"14")
}

/// MOD 11-2 weights of the 17 body digits: `2^(17 - i) mod 11`.
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/// The check character of 17 body digits, as [`mod11_2_char`] computes it, from one weighted
/// sum and one division instead of one division per digit. The caller has checked that `body`
/// is ASCII digits (other bytes give some character, never a panic).
fn check_char_18(body: &[u8]) -> Option<u8> {
    let body: &[u8; 17] = body.try_into().ok()?;
    let sum: u32 = body
        .iter()
        .zip(WEIGHTS)
        .map(|(&b, w)| u32::from(b.wrapping_sub(b'0')) * w)
        .sum();
    b"10X98765432".get((sum % 11) as usize).copied()
}

fn num(b: &[u8]) -> u32 {
    b.iter()
        .fold(0u32, |acc, &c| acc * 10 + u32::from(c.wrapping_sub(b'0')))
}

/// Validates an identity number; see the module documentation.
pub fn check_ric(value: &str, ctx: &Context) -> Check {
    let mut check = Check::default();
    check_ric_into(value, ctx, &mut check);
    check
}

/// [`check_ric`] written over `check`.
pub fn check_ric_into(value: &str, ctx: &Context, check: &mut Check) {
    check.reset();
    let mut buf = [0u8; 18];
    let mut len = 0usize;
    let mut separators = false;
    let mut other = false;
    // The common case: 18 characters, digits then a digit or X. No exponent, no separator,
    // nothing else: what the general path below would collect.
    let plain = <[u8; 18]>::try_from(value.as_bytes())
        .ok()
        .filter(|b| match b {
            [body @ .., last] => {
                super::ascii_digits(body) && matches!(last, b'0'..=b'9' | b'X' | b'x')
            }
        });
    let plain = if let Some(b) = plain {
        buf = b;
        len = 18;
        true
    } else {
        false
    };
    if !plain && is_scientific(value, false) {
        check.problems.push("excel_scientific");
        return;
    }

    // Separators (spaces, dashes, dots, slashes) are not part of the number: flag them, then
    // analyse what remains when it has the right length. Anything else stops the analysis.
    let rest: &[u8] = if plain { &[] } else { value.as_bytes() };
    for &c in rest {
        match c {
            b'0'..=b'9' | b'X' | b'x' => {
                if let Some(slot) = buf.get_mut(len) {
                    *slot = c;
                }
                len += 1;
            }
            b' ' | b'-' | b'.' | b'/' | b'_' => separators = true,
            _ => other = true,
        }
    }
    if separators || other {
        check.problems.push("format");
    }
    if len != 15 && len != 18 {
        check.problems.push("length");
        return;
    }
    if other {
        return;
    }
    let id = &buf[..len];
    let body_len = if len == 18 { 17 } else { 15 };
    let (body, last) = id.split_at(body_len);
    // A plain value's body was checked above.
    if !plain && !body.iter().all(u8::is_ascii_digit) {
        // An X anywhere but in the check position.
        if !check.problems.contains(&"format") {
            check.problems.push("format");
        }
        return;
    }

    // Check character and coding.
    if len == 18 {
        check.facts.coding = Some("18_digit");
        let given = last.first().copied().unwrap_or(b'?');
        if given == b'x' {
            check.notes.push("lowercase_x");
        }
        let expected = check_char_18(body);
        if expected != Some(given.to_ascii_uppercase()) {
            check.problems.push("checksum");
            if id.ends_with(b"000") && given != b'x' {
                check.problems.push("excel_trailing_zeros");
            }
        }
        if given == b'x' && !separators {
            let mut canon = value.to_owned();
            canon.make_ascii_uppercase();
            check.facts.canonical = Some(canon);
        }
    } else {
        check.facts.coding = Some("legacy_15");
        check.notes.push("legacy_15_digit");
        let mut up = [0u8; 18];
        up[..6].copy_from_slice(&id[..6]);
        up[6..8].copy_from_slice(b"19");
        up[8..17].copy_from_slice(&id[6..15]);
        if let Some(c) = mod11_2_char(&up[..17]) {
            up[17] = c;
            check.facts.canonical = std::str::from_utf8(&up).ok().map(str::to_owned);
        }
    }

    // Birth date.
    let (year, month, day, seq_digit) = if len == 18 {
        (
            num(&id[6..10]) as i32,
            num(&id[10..12]),
            num(&id[12..14]),
            id[16],
        )
    } else {
        (
            1900 + num(&id[6..8]) as i32,
            num(&id[8..10]),
            num(&id[10..12]),
            id[14],
        )
    };
    match Date::new(year, month as u8, day as u8) {
        Some(d) => {
            check.facts.date = Some(d);
            birth_date_problems(d, ctx, &mut check.problems);
        }
        None => check.problems.push("date_invalid"),
    }
    check.facts.sex = Some(if (seq_digit - b'0') % 2 == 1 {
        Sex::Male
    } else {
        Sex::Female
    });

    // Region.
    let code = num(&id[..6]);
    check.facts.region = Some(code);
    check.facts.province = Some(code / 10_000 * 10_000);
    let permit = match code {
        810_000 => Some("residence_permit_hk"),
        820_000 => Some("residence_permit_mo"),
        830_000 => Some("residence_permit_tw"),
        _ => None,
    };
    if let Some(note) = permit {
        check.notes.push(note);
        return;
    }
    if !code.is_multiple_of(10_000) {
        check.facts.prefecture = Some(code / 100 * 100);
    }
    // One look-up says whether the code exists and when it ended.
    let Some((end, level)) = refdata::regions::known_end_and_level(code) else {
        check.problems.push("region_unknown");
        return;
    };
    if level != RegionLevel::County {
        check.problems.push("region_not_person_level");
    }
    if let Some(end) = end {
        if year > i32::from(end) + 1 {
            check.problems.push("region_abolished_before_birth");
        } else {
            check.notes.push("region_abolished");
        }
    }
}

impl Validator for CnRic {
    fn id(&self) -> &'static str {
        "cn_ric"
    }
    fn name(&self) -> &'static str {
        "Chinese resident identity number (GB 11643-1999)"
    }
    fn kind(&self) -> Kind {
        Kind::CnRic
    }
    fn looks_like(&self, value: &str) -> bool {
        let b = value.as_bytes();
        match b.len() {
            15 => b.iter().all(u8::is_ascii_digit),
            18 => {
                b[..17].iter().all(u8::is_ascii_digit) && matches!(b[17], b'0'..=b'9' | b'X' | b'x')
            }
            _ => is_scientific(value, true),
        }
    }
    fn check(&self, value: &str, ctx: &Context) -> Check {
        check_ric(value, ctx)
    }
    fn check_into(&self, value: &str, ctx: &Context, out: &mut Check) {
        check_ric_into(value, ctx, out);
    }
    fn country(&self) -> Option<&'static str> {
        Some("CN")
    }
    fn validates(&self) -> &'static str {
        "length, MOD 11-2 check character, birth date, GB/T 2260 region (at birth), legacy 15-digit form"
    }
    fn extracts(&self) -> &'static str {
        "birth date, sex, region (province, prefecture, county)"
    }
    fn specification(&self) -> &'static str {
        "GB 11643-1999 Citizen identification number; GB/T 2260 administrative division codes"
    }
}

/// An 18-character number for `code`, `date` and `seq` (0–999) with its check character.
/// For tests and fixtures.
pub fn make_ric(code: u32, date: Date, seq: u16) -> String {
    let body = format!(
        "{:06}{:04}{:02}{:02}{:03}",
        code % 1_000_000,
        date.year,
        date.month,
        date.day,
        seq % 1000
    );
    let c = mod11_2_char(body.as_bytes()).map_or('?', char::from);
    format!("{body}{c}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::sync::OnceLock;

    fn ctx() -> Context {
        Context {
            reference_date: Date::new(2022, 7, 1).unwrap(),
        }
    }
    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::new(y, m, day).unwrap()
    }
    fn ric(code: u32, y: i32, m: u8, day: u8, seq: u16) -> String {
        make_ric(code, d(y, m, day), seq)
    }
    fn problems(v: &str) -> Vec<&'static str> {
        check_ric(v, &ctx()).problems
    }

    #[test]
    fn standard_example() {
        let c = check_ric("11010519491231002X", &ctx());
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.date, Some(d(1949, 12, 31)));
        assert_eq!(c.facts.sex, Some(Sex::Female));
        assert_eq!(c.facts.region, Some(110_105));
        assert_eq!(c.facts.province, Some(110_000));
        assert_eq!(c.facts.prefecture, Some(110_100));
        assert_eq!(c.facts.coding, Some("18_digit"));
        assert_eq!(c.facts.canonical, None);
        assert!(c.notes.is_empty());
        let c = check_ric("440524188001010014", &ctx());
        assert_eq!(c.problems, ["date_too_old"]);
    }

    #[test]
    fn lowercase_x() {
        let c = check_ric("11010519491231002x", &ctx());
        assert!(c.is_valid());
        assert_eq!(c.notes, ["lowercase_x"]);
        assert_eq!(c.facts.canonical.as_deref(), Some("11010519491231002X"));
    }

    #[test]
    fn legacy_15() {
        let c = check_ric("110105491231002", &ctx());
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.notes, ["legacy_15_digit"]);
        assert_eq!(c.facts.coding, Some("legacy_15"));
        assert_eq!(c.facts.canonical.as_deref(), Some("11010519491231002X"));
        assert_eq!(c.facts.sex, Some(Sex::Female));
        assert_eq!(problems("110105491331002"), ["date_invalid"]);
    }

    #[test]
    fn shape_problems() {
        assert_eq!(problems("1101051949123100"), ["length"]);
        assert_eq!(problems("11010519491231002XX"), ["length"]);
        assert_eq!(problems("1101 0519 4912 3100 2X"), ["format"]);
        assert_eq!(problems("110105-19491231-002X"), ["format"]);
        assert_eq!(problems("11010519491231A02X"), ["format", "length"]);
        assert_eq!(problems("1101051949123100X2"), ["format"]);
        assert_eq!(problems("身份证"), ["format", "length"]);
        // Damaged input is still analysed: separators and a wrong check digit both count.
        assert_eq!(problems("1101 0519 4912 3100 29"), ["format", "checksum"]);
    }

    #[test]
    fn checksum_and_dates() {
        assert_eq!(problems("110105194912310021"), ["checksum"]);
        // Impossible date and wrong check digit both count.
        assert_eq!(problems("110105199002300021"), ["checksum", "date_invalid"]);
        let future = ric(110_105, 2023, 1, 1, 1);
        assert_eq!(problems(&future), ["date_after_reference"]);
        let old = ric(110_105, 1899, 12, 31, 1);
        assert_eq!(problems(&old), ["date_too_old"]);
        let c = check_ric(&ric(110_105, 2022, 7, 1, 1), &ctx());
        assert!(c.is_valid());
        assert_eq!(c.facts.sex, Some(Sex::Male));
    }

    #[test]
    fn regions() {
        assert_eq!(problems(&ric(310_199, 1980, 1, 1, 1)), ["region_unknown"]);
        assert_eq!(problems(&ric(990_101, 1980, 1, 1, 1)), ["region_unknown"]);
        assert_eq!(
            problems(&ric(310_000, 1980, 1, 1, 1)),
            ["region_not_person_level"]
        );
        assert_eq!(
            problems(&ric(510_100, 1980, 1, 1, 1)),
            ["region_not_person_level"]
        );
        assert_eq!(
            problems(&ric(510_101, 1980, 1, 1, 1)),
            ["region_not_person_level"]
        );
        assert!(problems(&ric(310_101, 1980, 1, 1, 1)).is_empty());
    }

    #[test]
    fn abolished_rule_is_one_sided() {
        // 310103 卢湾区, last listed 2010.
        let c = check_ric(&ric(310_103, 1985, 3, 4, 12), &ctx());
        assert!(c.is_valid());
        assert_eq!(c.notes, ["region_abolished"]);
        let c = check_ric(&ric(310_103, 2011, 3, 4, 12), &ctx());
        assert!(c.is_valid(), "one year of grace");
        assert_eq!(
            problems(&ric(310_103, 2012, 3, 4, 12)),
            ["region_abolished_before_birth"]
        );
        assert_eq!(
            problems(&ric(310_103, 2015, 3, 4, 12)),
            ["region_abolished_before_birth"]
        );
        // 310115 浦东新区, created 1992: a 1970 birth is normal.
        let c = check_ric(&ric(310_115, 1970, 5, 6, 33), &ctx());
        assert!(c.is_valid());
        assert!(c.notes.is_empty());
    }

    #[test]
    fn residence_permits() {
        for (code, note) in [
            (810_000, "residence_permit_hk"),
            (820_000, "residence_permit_mo"),
            (830_000, "residence_permit_tw"),
        ] {
            let c = check_ric(&ric(code, 1990, 1, 2, 3), &ctx());
            assert!(c.is_valid(), "{c:?}");
            assert_eq!(c.notes, [note]);
        }
    }

    #[test]
    fn excel_damage() {
        assert_eq!(problems("1.10105E+17"), ["excel_scientific"]);
        assert_eq!(problems("4.40524e17"), ["excel_scientific"]);
        assert!(CnRic.looks_like("1.10105E+17"));
        assert!(!CnRic.looks_like("1.5E+3"));
        // Last three digits turned to 000 by float precision.
        let v = "110105194912310000";
        assert_eq!(problems(v), ["checksum", "excel_trailing_zeros"]);
        // A valid number that happens to end in 000 is not damaged.
        for seq in 0..1000 {
            let v = ric(110_105, 1980, 1, 1, seq);
            if v.ends_with("000") {
                assert!(problems(&v).is_empty());
            }
        }
    }

    #[test]
    fn looks_like() {
        assert!(CnRic.looks_like("11010519491231002X"));
        assert!(CnRic.looks_like("11010519491231002x"));
        assert!(CnRic.looks_like("110105491231002"));
        assert!(!CnRic.looks_like("13912345678"));
        assert!(!CnRic.looks_like("1101051949123100XX"));
        assert!(!CnRic.looks_like("19900102"));
        assert!(!CnRic.looks_like("１１０"));
    }

    /// Every single-character change and every adjacent transposition of a valid number breaks
    /// the check character. MOD 11-2 guarantees it: weights 2^k mod 11 are non-zero and pairwise
    /// distinct for neighbours, 11 is prime, so `Δ·w ≢ 0` for any digit change Δ ≠ 0; a swap of
    /// neighbours a,b changes the sum by (a−b)(w_i − w_{i+1}) with both factors non-zero mod 11.
    #[test]
    fn all_single_errors_and_transpositions_detected() {
        for id in [
            "11010519491231002X".to_owned(),
            ric(310_103, 1985, 3, 4, 12),
            ric(440_305, 1999, 12, 31, 998),
            ric(654_226, 1961, 7, 19, 507),
        ] {
            let b = id.as_bytes();
            assert_eq!(mod11_2_char(&b[..17]), Some(b[17]));
            for i in 0..18 {
                for c in b"0123456789X" {
                    if *c == b[i] || (i < 17 && *c == b'X') {
                        continue;
                    }
                    let mut m = b.to_vec();
                    m[i] = *c;
                    assert_ne!(mod11_2_char(&m[..17]), Some(m[17]), "{i} {}", *c as char);
                    let s = String::from_utf8(m).unwrap();
                    assert!(problems(&s).contains(&"checksum"), "{s}");
                }
            }
            for i in 0..17 {
                if b[i] == b[i + 1] {
                    continue;
                }
                let mut m = b.to_vec();
                m.swap(i, i + 1);
                let s = String::from_utf8(m).unwrap();
                if i == 16 && b[17] == b'X' {
                    // Moving X out of the check position is a format error.
                    assert!(problems(&s).contains(&"format"), "{s}");
                } else {
                    assert!(problems(&s).contains(&"checksum"), "{s}");
                }
            }
        }
    }

    /// (code, first year, last year) of every county-level code in the timeline.
    type Span = (u32, Option<u16>, Option<u16>);

    fn county_codes() -> &'static [Span] {
        static CODES: OnceLock<Vec<Span>> = OnceLock::new();
        CODES.get_or_init(|| {
            include_str!("../../data/regions.tsv")
                .lines()
                .filter_map(|l| l.split('\t').next()?.parse::<u32>().ok())
                .filter(|&c| refdata::level(c) == RegionLevel::County)
                .filter(|&c| !matches!(c / 10_000, 81..=83))
                .map(|c| {
                    let spans = refdata::region(c).unwrap();
                    let start = spans.iter().filter_map(|s| s.start).min();
                    (c, start, refdata::region_end(c))
                })
                .collect()
        })
    }

    proptest! {
        #[test]
        fn check_char_as_iso7064(body in "[0-9]{17}") {
            prop_assert_eq!(check_char_18(body.as_bytes()), mod11_2_char(body.as_bytes()));
        }

        #[test]
        fn generated_ids_are_valid(
            idx in 0usize..100_000,
            year in 1900i32..=2022,
            day_of_year in 0i64..365,
            seq in 0u16..1000,
            fifteen in any::<bool>(),
        ) {
            let codes = county_codes();
            let (code, _start, end) = codes[idx % codes.len()];
            // Births allowed for this code: not after its last year + 1.
            let year = match end { Some(e) => year.min(i32::from(e) + 1), None => year };
            let date = Date::from_days(Date::new(year, 1, 1).unwrap().to_days() + day_of_year)
                .unwrap();
            let date = if date > ctx().reference_date { ctx().reference_date } else { date };
            let id = make_ric(code, date, seq);
            let c = check_ric(&id, &ctx());
            prop_assert!(c.is_valid(), "{} {:?}", id, c);
            prop_assert_eq!(c.facts.date, Some(date));
            prop_assert_eq!(c.facts.sex == Some(Sex::Male), seq % 2 == 1);
            if fifteen && (1900..2000).contains(&date.year) {
                let legacy = format!("{}{}", &id[..6], &id[8..17]);
                let c = check_ric(&legacy, &ctx());
                prop_assert!(c.is_valid(), "{} {:?}", legacy, c);
                prop_assert_eq!(c.facts.canonical.as_deref(), Some(id.as_str()));
            }
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,40}") {
            let _ = check_ric(&s, &ctx());
            let _ = CnRic.looks_like(&s);
        }

        #[test]
        fn digits_never_panic(s in "[0-9xX.eE+ -]{0,25}") {
            let _ = check_ric(&s, &ctx());
            let _ = CnRic.looks_like(&s);
        }
    }
}
