//! Age in whole years: an integer 0–130, optionally followed by `岁` or `周岁`.
//!
//! Facts: `age`. Problems: `age_format` (not a whole number), `age_out_of_range` (above 130,
//! or negative). `looks_like` accepts only plain 0–130 integers (with the optional suffix and no
//! leading zeros), so that arbitrary number columns are not taken for ages.

use super::{Check, Context, Validator};
use crate::kinds::Kind;

pub struct Age;

/// Greatest plausible age.
pub const MAX_AGE: u32 = 130;

fn strip_suffix(value: &str) -> &str {
    value
        .strip_suffix("周岁")
        .or_else(|| value.strip_suffix('岁'))
        .unwrap_or(value)
        .trim_end()
}

/// The number in `s`, when it is 1–4 ASCII digits.
fn small_number(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 4 {
        return None;
    }
    s.bytes().try_fold(0u32, |acc, b| {
        b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0'))
    })
}

impl Validator for Age {
    fn id(&self) -> &'static str {
        "age"
    }
    fn name(&self) -> &'static str {
        "Age in years"
    }
    fn kind(&self) -> Kind {
        Kind::Age
    }
    fn looks_like(&self, value: &str) -> bool {
        let s = strip_suffix(value);
        (s.len() == 1 || !s.starts_with('0')) && small_number(s).is_some_and(|n| n <= MAX_AGE)
    }
    fn check(&self, value: &str, _ctx: &Context) -> Check {
        let s = strip_suffix(value);
        let (negative, digits) = match s.strip_prefix('-') {
            Some(d) => (true, d),
            None => (false, s),
        };
        if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
            if negative {
                return Check::invalid("age_out_of_range");
            }
            return match small_number(digits) {
                Some(n) if n <= MAX_AGE => {
                    let mut c = Check::default();
                    c.facts.age = Some(n);
                    c
                }
                _ => Check::invalid("age_out_of_range"),
            };
        }
        Check::invalid("age_format")
    }
    fn validates(&self) -> &'static str {
        "whole number of years, 0–130"
    }
    fn extracts(&self) -> &'static str {
        "age"
    }
    fn specification(&self) -> &'static str {
        "none (a plain number)"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::civil::Date;
    use proptest::prelude::*;

    fn check(v: &str) -> Check {
        let ctx = Context {
            reference_date: Date::new(2022, 7, 1).unwrap(),
        };
        Age.check(v, &ctx)
    }

    #[test]
    fn ages() {
        for (v, n) in [
            ("0", 0),
            ("35", 35),
            ("35岁", 35),
            ("35周岁", 35),
            ("130", 130),
            ("007", 7),
        ] {
            let c = check(v);
            assert!(c.is_valid(), "{v}");
            assert_eq!(c.facts.age, Some(n));
        }
        assert_eq!(check("131").problems, ["age_out_of_range"]);
        assert_eq!(check("99999999999999999999").problems, ["age_out_of_range"]);
        assert_eq!(check("-1").problems, ["age_out_of_range"]);
        for v in ["35.5", "abc", "岁", "三十", "3 5", "-", "😀"] {
            assert_eq!(check(v).problems, ["age_format"], "{v}");
        }
    }

    #[test]
    fn looks_like_is_strict() {
        for yes in ["0", "7", "35", "130", "35岁"] {
            assert!(Age.looks_like(yes), "{yes}");
        }
        for no in ["131", "1990", "007", "13912345678", "35.5", "-1", "", "岁"] {
            assert!(!Age.looks_like(no), "{no}");
        }
    }

    proptest! {
        #[test]
        fn junk_never_panics(s in "\\PC{0,20}") {
            let _ = check(&s);
            let _ = Age.looks_like(&s);
        }
    }
}
