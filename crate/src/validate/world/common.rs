//! Helpers shared by this group's validators: separator stripping, digit runs, birth dates with
//! two-digit years.

use crate::civil::Date;
use crate::validate::date::birth_date_problems;
use crate::validate::{Check, Context};

/// The value without its usual separators (space, `-`, `.`, `/` and the bytes of `extra`),
/// letters upper-cased; `None` when any other character occurs.
pub(crate) fn squeeze(value: &str, extra: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(value.len());
    for c in value.bytes() {
        match c {
            b'0'..=b'9' | b'A'..=b'Z' => out.push(c),
            b'a'..=b'z' => out.push(c.to_ascii_uppercase()),
            b' ' | b'-' | b'.' | b'/' => {}
            _ if extra.contains(&c) => {}
            _ => return None,
        }
    }
    Some(out)
}

/// [`squeeze`] for [`crate::validate::Validator::check`]: pushes `format` for a foreign
/// character and `length` when `len_ok` rejects the compact length (returning `None` in both
/// cases), and records the compact form in `facts.canonical` when it differs from the input.
pub(crate) fn compact(
    value: &str,
    extra: &[u8],
    check: &mut Check,
    len_ok: impl Fn(usize) -> bool,
) -> Option<Vec<u8>> {
    let Some(out) = squeeze(value, extra) else {
        check.problems.push("format");
        return None;
    };
    if !len_ok(out.len()) {
        check.problems.push("length");
        return None;
    }
    if out != value.as_bytes() {
        check.facts.canonical = String::from_utf8(out.clone()).ok();
    }
    Some(out)
}

/// Whether every byte is an ASCII digit (false for an empty slice).
pub(crate) fn all_digits(b: &[u8]) -> bool {
    !b.is_empty() && b.iter().all(u8::is_ascii_digit)
}

/// The number written by ASCII digits (other bytes count as garbage but never panic).
pub(crate) fn num(b: &[u8]) -> u32 {
    b.iter().fold(0u32, |acc, &c| {
        acc.wrapping_mul(10)
            .wrapping_add(u32::from(c.wrapping_sub(b'0')))
    })
}

/// The year of a two-digit year `yy` (born on month `m`, day `d`), taking the latest century
/// that does not put the birthday after the reference date.
pub(crate) fn pivot_year(yy: u32, m: u32, d: u32, ctx: &Context) -> i32 {
    let r = ctx.reference_date;
    let century = r.year - r.year.rem_euclid(100);
    let y = century + (yy % 100) as i32;
    let later = (y, m, d) > (r.year, u32::from(r.month), u32::from(r.day));
    if later {
        y - 100
    } else {
        y
    }
}

/// Records the birth date `y-m-d` in `check.facts.date`, or `date_invalid` when it is no
/// calendar date; then the birth-date problems (after the reference date, too old).
pub(crate) fn birth(check: &mut Check, y: i32, m: u32, d: u32, ctx: &Context) {
    let date = match (u8::try_from(m), u8::try_from(d)) {
        (Ok(m), Ok(d)) => Date::new(y, m, d),
        _ => None,
    };
    match date {
        Some(date) => {
            check.facts.date = Some(date);
            birth_date_problems(date, ctx, &mut check.problems);
        }
        None => check.problems.push("date_invalid"),
    }
}

/// Shared test helpers.
#[cfg(test)]
pub(crate) mod testing {
    use crate::civil::Date;
    use crate::validate::{Context, Validator};

    pub fn ctx() -> Context {
        Context {
            reference_date: Date::new(2022, 7, 1).unwrap(),
        }
    }

    pub fn problems(v: &dyn Validator, value: &str) -> Vec<&'static str> {
        v.check(value, &ctx()).problems
    }

    /// Every replacement of one character of `valid` at a position in `positions` by another
    /// character of `alphabet` is rejected (and still looks like the format or not, whatever).
    pub fn substitutions_fail(
        v: &dyn Validator,
        valid: &str,
        positions: std::ops::Range<usize>,
        alphabet: &[u8],
    ) {
        let b = valid.as_bytes();
        for i in positions {
            for &c in alphabet {
                if c == b[i] {
                    continue;
                }
                let mut m = b.to_vec();
                m[i] = c;
                let s = String::from_utf8(m).unwrap();
                let chk = v.check(&s, &ctx());
                assert!(!chk.is_valid(), "{} accepted {s} (from {valid})", v.id());
                assert!(!v.looks_like(&s) || !chk.problems.is_empty());
            }
        }
    }

    /// Junk never panics, and never passes without a reason.
    pub fn junk(v: &dyn Validator, s: &str) {
        let _ = v.looks_like(s);
        let c = v.check(s, &ctx());
        if !c.is_valid() {
            assert!(!c.problems.is_empty());
        }
    }
}
