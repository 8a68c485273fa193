//! Helpers shared by the Central and Eastern European personal numbers: reading a digits-only
//! number written with the usual separators, and recording an encoded birth date.

use crate::civil::Date;
use crate::validate::date::birth_date_problems;
use crate::validate::{Check, Context};

/// Longest number the helpers hold (13 digits: Romanian CNP, Slovenian EMŠO).
const MAX: usize = 16;

/// The ASCII digits of a number, separators removed.
#[derive(Clone, Copy, Debug)]
pub struct Digits {
    buf: [u8; MAX],
    len: usize,
    /// Whether the value contained separators (space, dash, dot, slash).
    pub separated: bool,
}

impl Digits {
    /// The ASCII digits.
    pub fn ascii(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or(&[])
    }
    /// Digit value at `i` (0 when out of range).
    pub fn at(&self, i: usize) -> u32 {
        self.ascii()
            .get(i)
            .map_or(0, |b| u32::from(b.wrapping_sub(b'0')))
    }
    /// The number formed by the digits `from..to`.
    pub fn num(&self, from: usize, to: usize) -> u32 {
        (from..to).fold(0u32, |acc, i| acc * 10 + self.at(i))
    }
    /// The compact form as a string.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(self.ascii()).into_owned()
    }
}

/// Reads `value` as digits with optional separators; the number of digits must be one of
/// `lens`. `Err` holds the shape problem (`format`, `length`).
pub fn read(value: &str, lens: &[usize]) -> Result<Digits, &'static str> {
    let mut d = Digits {
        buf: [0; MAX],
        len: 0,
        separated: false,
    };
    let mut count = 0usize;
    for &c in value.as_bytes() {
        match c {
            b'0'..=b'9' => {
                if let Some(slot) = d.buf.get_mut(count) {
                    *slot = c;
                }
                count += 1;
            }
            b' ' | b'-' | b'.' | b'/' => d.separated = true,
            _ => return Err("format"),
        }
    }
    if !lens.contains(&count) || count > MAX {
        return Err("length");
    }
    d.len = count;
    Ok(d)
}

/// Reads `value` like [`read`], for `looks_like`: `None` unless the shape fits.
pub fn shape(value: &str, lens: &[usize]) -> Option<Digits> {
    if value.len() > 24 {
        return None;
    }
    read(value, lens).ok()
}

/// A check for the digits read: the canonical (compact) form when separators were removed.
pub fn start(d: &Digits, country: Option<&'static str>) -> Check {
    let mut check = Check::default();
    check.facts.country = country;
    if d.separated {
        check.facts.canonical = Some(d.text());
    }
    check
}

/// Records the birth date `year-month-day` with its problems (`date_invalid`,
/// `date_after_reference`, `date_too_old`).
pub fn birth_date(check: &mut Check, year: i32, month: u32, day: u32, ctx: &Context) {
    let date = match (u8::try_from(month), u8::try_from(day)) {
        (Ok(m), Ok(d)) => Date::new(year, m, d),
        _ => None,
    };
    match date {
        Some(d) => {
            check.facts.date = Some(d);
            birth_date_problems(d, ctx, &mut check.problems);
        }
        None => check.problems.push("date_invalid"),
    }
}

/// The latest year `century_base + yy` (trying this century and the previous one) whose
/// date `yy-month-day` is a real date not after the reference date; for formats that do not
/// encode the century. Falls back to the previous century.
pub fn latest_year(yy: u32, month: u32, day: u32, ctx: &Context) -> i32 {
    let yy = yy as i32 % 100;
    let this = ctx.reference_date.year / 100 * 100 + yy;
    let ok = |y: i32| match (u8::try_from(month), u8::try_from(day)) {
        (Ok(m), Ok(d)) => Date::new(y, m, d).is_some_and(|date| date <= ctx.reference_date),
        _ => false,
    };
    if ok(this) {
        this
    } else {
        this - 100
    }
}

#[cfg(test)]
pub mod testing {
    //! Test helpers: contexts and single-digit mutants.
    use crate::civil::Date;
    use crate::validate::Context;

    pub fn ctx() -> Context {
        Context {
            reference_date: Date::new(2024, 7, 1).unwrap(),
        }
    }

    /// Every value obtained by replacing one digit of `s` by another digit.
    pub fn mutants(s: &str) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        for (i, c) in s.bytes().enumerate() {
            if !c.is_ascii_digit() {
                continue;
            }
            for d in b'0'..=b'9' {
                if d != c {
                    let mut m = s.as_bytes().to_vec();
                    m[i] = d;
                    out.push((i, String::from_utf8(m).unwrap()));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::testing::ctx;
    use super::*;

    #[test]
    fn reads_with_separators() {
        let d = read("440514 013-5/9", &[11]).unwrap();
        assert_eq!(d.ascii(), b"44051401359");
        assert!(d.separated);
        assert_eq!(d.num(0, 2), 44);
        assert_eq!(d.at(10), 9);
        assert_eq!(d.at(11), 0);
        assert_eq!(read("4405140135", &[11]).unwrap_err(), "length");
        assert_eq!(read("4405140135a", &[11]).unwrap_err(), "format");
        assert_eq!(read(&"9".repeat(40), &[40]).unwrap_err(), "length");
        assert!(shape("44051401359", &[11]).is_some());
        assert!(shape("", &[11]).is_none());
    }

    #[test]
    fn latest_year_picks_the_century() {
        let c = ctx();
        assert_eq!(latest_year(30, 1, 1, &c), 1930);
        assert_eq!(latest_year(5, 1, 1, &c), 2005);
        assert_eq!(latest_year(24, 7, 1, &c), 2024);
        assert_eq!(latest_year(24, 7, 2, &c), 1924);
        assert_eq!(latest_year(0, 2, 29, &c), 2000);
        assert_eq!(latest_year(1, 2, 29, &c), 1901);
    }
}
