//! Sex written in a column: `男`/`女`, `男性`/`女性`, `M`/`F`, `male`/`female` (any case), and the
//! GB/T 2261.1 codes `1` (male), `2` (female), `0` (unknown) and `9` (not stated).
//!
//! Facts: `sex`, `coding` (`zh`, `zh_long`, `mf`, `en`, `gb2261`). Notes: `sex_unknown` for `0`
//! and `未知`, `sex_unspecified` for `9` and `未说明` (valid codes that state no sex).
//! Problem: `sex_unknown_value` for anything else.

use super::{Check, Context, Sex, Validator};
use crate::kinds::Kind;

pub struct SexValidator;

/// (sex, coding, note) of a recognised value.
fn classify(value: &str) -> Option<(Option<Sex>, &'static str, Option<&'static str>)> {
    use Sex::{Female, Male};
    Some(match value {
        "男" => (Some(Male), "zh", None),
        "女" => (Some(Female), "zh", None),
        "男性" => (Some(Male), "zh_long", None),
        "女性" => (Some(Female), "zh_long", None),
        "未知" => (None, "zh", Some("sex_unknown")),
        "未说明" => (None, "zh", Some("sex_unspecified")),
        "1" => (Some(Male), "gb2261", None),
        "2" => (Some(Female), "gb2261", None),
        "0" => (None, "gb2261", Some("sex_unknown")),
        "9" => (None, "gb2261", Some("sex_unspecified")),
        v if v.eq_ignore_ascii_case("m") => (Some(Male), "mf", None),
        v if v.eq_ignore_ascii_case("f") => (Some(Female), "mf", None),
        v if v.eq_ignore_ascii_case("male") => (Some(Male), "en", None),
        v if v.eq_ignore_ascii_case("female") => (Some(Female), "en", None),
        _ => return None,
    })
}

impl Validator for SexValidator {
    fn id(&self) -> &'static str {
        "sex"
    }
    fn name(&self) -> &'static str {
        "Sex"
    }
    fn kind(&self) -> Kind {
        Kind::Sex
    }
    fn looks_like(&self, value: &str) -> bool {
        classify(value).is_some()
    }
    fn check(&self, value: &str, ctx: &Context) -> Check {
        let mut c = Check::default();
        self.check_into(value, ctx, &mut c);
        c
    }
    fn check_into(&self, value: &str, _ctx: &Context, c: &mut Check) {
        c.reset();
        match classify(value) {
            Some((sex, coding, note)) => {
                c.facts.sex = sex;
                c.facts.coding = Some(coding);
                c.notes.extend(note);
            }
            None => c.problems.push("sex_unknown_value"),
        }
    }
    fn validates(&self) -> &'static str {
        "known notation of sex"
    }
    fn extracts(&self) -> &'static str {
        "sex, notation"
    }
    fn specification(&self) -> &'static str {
        "GB/T 2261.1-2003 sex codes; 男/女, M/F, male/female"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::civil::Date;

    fn check(v: &str) -> Check {
        let ctx = Context {
            reference_date: Date::new(2022, 7, 1).unwrap(),
        };
        SexValidator.check(v, &ctx)
    }

    #[test]
    fn codings() {
        for (v, sex, coding) in [
            ("男", Sex::Male, "zh"),
            ("女", Sex::Female, "zh"),
            ("男性", Sex::Male, "zh_long"),
            ("女性", Sex::Female, "zh_long"),
            ("M", Sex::Male, "mf"),
            ("f", Sex::Female, "mf"),
            ("Male", Sex::Male, "en"),
            ("FEMALE", Sex::Female, "en"),
            ("1", Sex::Male, "gb2261"),
            ("2", Sex::Female, "gb2261"),
        ] {
            let c = check(v);
            assert!(c.is_valid() && c.notes.is_empty(), "{v}");
            assert_eq!(
                (c.facts.sex, c.facts.coding),
                (Some(sex), Some(coding)),
                "{v}"
            );
        }
        let c = check("0");
        assert!(c.is_valid());
        assert_eq!(
            (c.facts.sex, c.notes.as_slice()),
            (None, &["sex_unknown"][..])
        );
        assert_eq!(check("9").notes, ["sex_unspecified"]);
    }

    #[test]
    fn unknown_values() {
        for v in ["3", "x", "男女", "man", "", "😀", "11"] {
            assert_eq!(check(v).problems, ["sex_unknown_value"], "{v}");
            assert!(!SexValidator.looks_like(v) || v.is_empty());
        }
        assert!(SexValidator.looks_like("女"));
    }
}
