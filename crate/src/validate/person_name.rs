//! Person name (Chinese).
//!
//! A name is plausible when it is written in Han characters only and either
//! - has 2–4 characters and starts with a known surname (single or compound, see
//!   [`crate::refdata::surnames`]), or
//! - is a minority name whose parts are joined by a middle dot (`阿卜杜拉·买买提`; `·`, `•`, `・`,
//!   `‧` and `.` are accepted as the dot), each part non-empty Han text.
//!
//! Masked characters (`*`, `＊`, `×`), as in `张*` or `王**`, stand for one character each and
//! are accepted with the note `name_masked`; so is the redaction `某` (`张某某`), with `name_redacted`.
//!
//! Problems (reason ids):
//! - `name_has_digits`: a digit (ASCII or full-width) appears.
//! - `name_has_latin`: a Latin letter appears.
//! - `name_not_chinese`: no Han character at all (and no digit or letter to blame).
//! - `name_bad_characters`: other characters (punctuation, symbols, spaces, emoji…).
//! - `name_bad_separator`: a minority name with an empty part (`·买买提`, `阿卜杜拉··买买提`).
//! - `name_too_short`: a single character.
//! - `name_too_long`: more than 4 characters without a dot, or more than 30 with dots.
//! - `unknown_surname`: 2–4 Han characters whose first one or two are not a known surname (a
//!   soft signal: the table knows ~500 of the ~6,000 surnames in use).
//!
//! Notes: `compound_surname`, `minority_name`, `name_masked`, `name_redacted`.
//! Facts: `coding` is `han` (surname + given name) or `minority` (dotted name).

use super::{Check, Context, Validator};
use crate::kinds::Kind;
use crate::refdata::surnames;

pub struct PersonName;

/// Whether `c` is a Han (CJK ideograph) character.
pub(crate) fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2A6DF}'
        | '\u{2A700}'..='\u{2EBEF}'
        | '\u{30000}'..='\u{3134F}'
        | '〇')
}

fn is_separator(c: char) -> bool {
    matches!(c, '·' | '•' | '・' | '‧' | '.' | '．' | '･')
}

fn is_mask(c: char) -> bool {
    matches!(c, '*' | '＊' | '×')
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic() || ('Ａ'..='Ｚ').contains(&c) || ('ａ'..='ｚ').contains(&c)
}

/// Counts of the character classes in a value, from one pass.
#[derive(Debug, Default, PartialEq, Eq)]
struct Shape {
    han: usize,
    mask: usize,
    sep: usize,
    digit: usize,
    latin: usize,
    other: usize,
    /// An empty part around a separator (leading, trailing or doubled dot).
    empty_part: bool,
    /// A 某 ("so-and-so") stands for a character.
    redacted: bool,
}

fn shape(value: &str) -> Shape {
    // Most names are a few characters of U+4E00–U+9FFF: three bytes each, with a lead byte
    // E4–E9 (E4 from a second byte B8 on). In UTF-8 a lead byte never occurs inside another
    // character, so a value whose every third byte is such a lead (and whose length is a
    // multiple of three) is made of those characters alone: all Han, no separator.
    let b = value.as_bytes();
    if b.len().is_multiple_of(3)
        && b.chunks_exact(3).all(|c| match c {
            [0xE4, second, _] => *second >= 0xB8,
            [lead, ..] => (0xE5..=0xE9).contains(lead),
            [] => false,
        })
    {
        return Shape {
            han: b.len() / 3,
            // 某 is E6 9F 90.
            redacted: b.chunks_exact(3).any(|c| c == "某".as_bytes()),
            ..Shape::default()
        };
    }
    shape_by_chars(value)
}

/// [`shape`] char by char.
fn shape_by_chars(value: &str) -> Shape {
    let mut s = Shape::default();
    let mut part_len = 0usize;
    for c in value.chars() {
        if is_han(c) {
            s.han += 1;
            part_len += 1;
            s.redacted |= c == '某';
        } else if is_mask(c) {
            s.mask += 1;
            part_len += 1;
        } else if is_separator(c) {
            s.sep += 1;
            if part_len == 0 {
                s.empty_part = true;
            }
            part_len = 0;
        } else if is_digit(c) {
            s.digit += 1;
        } else if is_latin(c) {
            s.latin += 1;
        } else {
            s.other += 1;
        }
    }
    if s.sep > 0 && part_len == 0 {
        s.empty_part = true;
    }
    s
}

/// Suffixes that make a short Han string an address or place, not a name.
const PLACE_ENDINGS: [char; 11] = [
    '省', '市', '区', '县', '路', '街', '号', '村', '镇', '乡', '州',
];

impl Validator for PersonName {
    fn id(&self) -> &'static str {
        "person_name"
    }
    fn name(&self) -> &'static str {
        "Person name (Chinese)"
    }
    fn kind(&self) -> Kind {
        Kind::PersonName
    }

    fn looks_like(&self, value: &str) -> bool {
        let s = shape(value);
        if s.digit > 0 || s.han == 0 {
            return false;
        }
        let letters = s.han + s.mask;
        let total = letters + s.sep + s.latin + s.other;
        // Mostly Han: at most one stray character, and short.
        if s.latin + s.other > 1 || letters * 5 < total * 4 {
            return false;
        }
        if s.sep > 0 {
            return (3..=30).contains(&total);
        }
        if !(2..=5).contains(&letters) {
            return false;
        }
        let last = value.chars().last().unwrap_or(' ');
        !(letters >= 3 && PLACE_ENDINGS.contains(&last))
    }

    fn check(&self, value: &str, ctx: &Context) -> Check {
        let mut check = Check::default();
        self.check_into(value, ctx, &mut check);
        check
    }
    fn check_into(&self, value: &str, _ctx: &Context, check: &mut Check) {
        check.reset();
        let s = shape(value);
        if s.digit > 0 {
            check.problems.push("name_has_digits");
        }
        if s.latin > 0 {
            check.problems.push("name_has_latin");
        }
        if s.han == 0 && s.mask == 0 && s.digit == 0 && s.latin == 0 {
            check.problems.push("name_not_chinese");
            return;
        }
        if s.other > 0 {
            check.problems.push("name_bad_characters");
        }
        if s.mask > 0 {
            check.notes.push("name_masked");
        }
        if s.redacted {
            check.notes.push("name_redacted");
        }
        let letters = s.han + s.mask;
        if s.sep > 0 {
            check.facts.coding = Some("minority");
            check.notes.push("minority_name");
            if s.empty_part {
                check.problems.push("name_bad_separator");
            }
            if letters > 30 {
                check.problems.push("name_too_long");
            }
            return;
        }
        check.facts.coding = Some("han");
        if !check.problems.is_empty() {
            return; // the stray characters are the finding; lengths would double-count
        }
        if letters < 2 {
            check.problems.push("name_too_short");
        } else if letters > 4 {
            check.problems.push("name_too_long");
        }
        if check.problems.is_empty() {
            match surnames::split_name(value) {
                Some((surname, _)) if surname.chars().nth(1).is_some() => {
                    check.notes.push("compound_surname")
                }
                Some(_) => {}
                None => check.problems.push("unknown_surname"),
            }
        }
    }
    fn country(&self) -> Option<&'static str> {
        Some("CN")
    }
    fn validates(&self) -> &'static str {
        "Han characters, known surname, 2–4 characters or dotted minority name, masking"
    }
    fn extracts(&self) -> &'static str {
        ""
    }
    fn specification(&self) -> &'static str {
        "Chinese surname frequency tables (see crate/data/sources)"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::civil::Date;

    fn ctx() -> Context {
        Context {
            reference_date: Date::new(2022, 7, 1).unwrap(),
        }
    }

    fn check(v: &str) -> Check {
        PersonName.check(v, &ctx())
    }

    /// The byte reading of plain Han names gives what the char loop gives, on values around
    /// the range's ends and of other classes and lengths.
    #[test]
    fn shape_of_han_bytes_as_by_chars() {
        let pool = [
            '\u{4dbf}',
            '\u{4dc0}',
            '\u{4dff}',
            '\u{4e00}',
            '\u{9fff}',
            '\u{a000}',
            '\u{3400}',
            '某',
            '王',
            '·',
            '*',
            '×',
            'a',
            '１',
            '3',
            '〇',
            '\u{20000}',
            ' ',
        ];
        let mut rng = crate::testgen::Lcg::new(11);
        for len in 0..7 {
            for _ in 0..4_000 {
                let v: String = (0..len).map(|_| rng.pick(&pool)).collect();
                assert_eq!(shape(&v), shape_by_chars(&v), "{v:?}");
            }
        }
    }

    #[test]
    fn valid_names() {
        for v in ["王小明", "李娜", "张伟", "刘德华", "覃海燕"] {
            let c = check(v);
            assert!(c.is_valid(), "{v}: {c:?}");
            assert_eq!(c.facts.coding, Some("han"));
            assert!(c.notes.is_empty(), "{v}: {c:?}");
        }
        for v in ["欧阳娜娜", "司马光", "诸葛亮", "上官婉儿"] {
            let c = check(v);
            assert!(c.is_valid(), "{v}: {c:?}");
            assert_eq!(c.notes, vec!["compound_surname"], "{v}");
        }
    }

    #[test]
    fn minority_names() {
        for v in ["阿卜杜拉·买买提", "阿依古丽•吐尔逊", "古丽.艾买提"] {
            let c = check(v);
            assert!(c.is_valid(), "{v}: {c:?}");
            assert_eq!(c.facts.coding, Some("minority"));
            assert!(c.notes.contains(&"minority_name"));
        }
        assert_eq!(check("·买买提").problems, vec!["name_bad_separator"]);
        assert_eq!(
            check("阿卜杜拉··买买提").problems,
            vec!["name_bad_separator"]
        );
        assert_eq!(check("阿卜杜拉·").problems, vec!["name_bad_separator"]);
    }

    #[test]
    fn masked_and_redacted() {
        let c = check("张*");
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.notes, vec!["name_masked"]);
        let c = check("张某某");
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.notes, vec!["name_redacted"]);
    }

    #[test]
    fn invalid_names() {
        assert_eq!(check("王小明1").problems, vec!["name_has_digits"]);
        assert_eq!(check("王２").problems, vec!["name_has_digits"]);
        assert_eq!(check("王xiaoming").problems, vec!["name_has_latin"]);
        assert_eq!(
            check("Wang Wei").problems,
            vec!["name_has_latin", "name_bad_characters"]
        );
        assert_eq!(check("王").problems, vec!["name_too_short"]);
        assert_eq!(check("王小明明明").problems, vec!["name_too_long"]);
        assert_eq!(check("的小明").problems, vec!["unknown_surname"]);
        assert_eq!(check("王，明").problems, vec!["name_bad_characters"]);
        assert_eq!(check("😀").problems, vec!["name_not_chinese"]);
        assert_eq!(check("-").problems, vec!["name_not_chinese"]);
        assert!(!check("13800138000").is_valid());
        let long = "阿".repeat(31) + "·买";
        assert_eq!(check(&long).problems, vec!["name_too_long"]);
    }

    #[test]
    fn looks_like() {
        for v in [
            "王小明",
            "李娜",
            "欧阳娜娜",
            "阿卜杜拉·买买提",
            "张*",
            "的小明",
        ] {
            assert!(PersonName.looks_like(v), "{v}");
        }
        for v in [
            "北京市朝阳区建国路88号",
            "上海市",
            "浦东新区",
            "110101199003070011",
            "13800138000",
            "Wang Wei",
            "王小明1",
            "男",
            "",
            "·",
            "2022-01-01",
            "王小明明明明明",
        ] {
            assert!(!PersonName.looks_like(v), "{v}");
        }
    }

    #[test]
    fn junk_never_panics() {
        for v in [
            "",
            " ",
            "·",
            "··",
            "\u{0}",
            "王\u{200B}",
            "𠀀𠀀",
            "*",
            "某",
            "王小明·",
        ] {
            let _ = PersonName.looks_like(v);
            let c = check(v);
            assert!(
                !c.is_valid() || v == "𠀀𠀀" || !c.notes.is_empty(),
                "{v:?}: {c:?}"
            );
        }
    }
}
