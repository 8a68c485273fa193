//! Helpers shared by the Western and Northern European formats: separator stripping, digit
//! parsing, encoded birth dates (with a century inferred where the number omits it) and sex.

use super::super::date::birth_date_problems;
use super::super::{Check, Context, Sex};
use crate::civil::Date;

/// `value` without the separators a format allows, upper-cased (ASCII only: other characters
/// are kept as they are, so that the caller's shape check rejects them).
pub(crate) fn compact(value: &str, separators: &[char]) -> String {
    value
        .chars()
        .filter(|c| !separators.contains(c))
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Separators written inside most personal numbers: space, dash, dot, slash.
pub(crate) const SEPARATORS: &[char] = &[' ', '-', '.', '/'];

/// Records `compact` as the canonical form when it differs from what was written.
pub(crate) fn set_canonical(check: &mut Check, value: &str, compact: &str) {
    if value != compact {
        check.facts.canonical = Some(compact.to_owned());
    }
}

/// The number written by the ASCII digits `b` (1 to 9 of them); `None` otherwise.
pub(crate) fn num(b: &[u8]) -> Option<u32> {
    if b.is_empty() || b.len() > 9 {
        return None;
    }
    b.iter().try_fold(0u32, |acc, &c| {
        c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
    })
}

/// Whether every byte of `b` is an ASCII digit (and there is at least one).
pub(crate) fn all_digits(b: &[u8]) -> bool {
    !b.is_empty() && b.iter().all(u8::is_ascii_digit)
}

/// The date, if `year`-`month`-`day` is one in the calendar.
pub(crate) fn date(year: i32, month: u32, day: u32) -> Option<Date> {
    Date::new(year, u8::try_from(month).ok()?, u8::try_from(day).ok()?)
}

/// Records an encoded birth date in `check`: `facts.date` and the birth-date problems
/// (after the reference date, too old), or `date_invalid` when it is not a calendar date.
pub(crate) fn birth_date(
    check: &mut Check,
    year: i32,
    month: u32,
    day: u32,
    ctx: &Context,
) -> Option<Date> {
    match date(year, month, day) {
        Some(d) => {
            check.facts.date = Some(d);
            birth_date_problems(d, ctx, &mut check.problems);
            Some(d)
        }
        None => {
            check.problems.push("date_invalid");
            None
        }
    }
}

/// For numbers that write only two digits of the year: the latest year ending in `yy` whose
/// `month`/`day` is not after the reference date (someone aged 0–99 on the reference date).
pub(crate) fn infer_century(yy: u32, month: u32, day: u32, ctx: &Context) -> i32 {
    let r = ctx.reference_date;
    let base = r.year - r.year.rem_euclid(100);
    let y = base + (yy % 100) as i32;
    if (y, month, day) > (r.year, u32::from(r.month), u32::from(r.day)) {
        y - 100
    } else {
        y
    }
}

/// Sex from a digit that is odd for men and even for women.
pub(crate) fn sex_odd_male(d: u32) -> Sex {
    if d % 2 == 1 {
        Sex::Male
    } else {
        Sex::Female
    }
}

/// The reference context the tests of this group use: 1 July 2022.
#[cfg(test)]
pub(crate) fn test_ctx() -> Context {
    Context {
        reference_date: Date::new(2022, 7, 1).unwrap(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers() {
        assert_eq!(compact("ab 12-3.4/5", SEPARATORS), "AB12345");
        assert_eq!(num(b"0123"), Some(123));
        assert_eq!(num(b""), None);
        assert_eq!(num(b"1a"), None);
        assert_eq!(num(b"1234567890"), None);
        assert!(all_digits(b"0"));
        assert!(!all_digits(b""));
        let ctx = test_ctx();
        assert_eq!(infer_century(22, 7, 1, &ctx), 2022);
        assert_eq!(infer_century(22, 7, 2, &ctx), 1922);
        assert_eq!(infer_century(23, 1, 1, &ctx), 1923);
        assert_eq!(infer_century(0, 1, 1, &ctx), 2000);
        assert_eq!(infer_century(99, 12, 31, &ctx), 1999);
        let mut c = Check::default();
        assert!(birth_date(&mut c, 1990, 2, 30, &ctx).is_none());
        assert_eq!(c.problems, ["date_invalid"]);
        let mut c = Check::default();
        assert!(birth_date(&mut c, 2023, 1, 1, &ctx).is_some());
        assert_eq!(c.problems, ["date_after_reference"]);
        assert_eq!(sex_odd_male(3), Sex::Male);
        assert_eq!(sex_odd_male(0), Sex::Female);
    }
}

#[cfg(test)]
mod header_tests {
    use super::super::{HEADERS, VALIDATORS};

    /// Every header word is normalised as header inference compares it, and names a format of
    /// this group.
    #[test]
    fn headers_name_registered_formats() {
        for (word, id) in HEADERS {
            assert!(
                VALIDATORS.iter().any(|v| v.id() == *id),
                "{word} → {id} is not registered"
            );
            assert!(
                !word.contains([' ', '_', '-', '.']) && word.to_lowercase() == *word,
                "{word}"
            );
        }
    }
}
