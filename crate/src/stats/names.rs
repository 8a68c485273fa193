//! Name statistics: the surname class of a name against the published frequencies, and whether
//! the given name leans male or female.
//!
//! The lean of a given name comes from a short hand-made list of characters that are, in
//! common usage, strongly associated with one sex (婷, 娟 … for women; 伟, 强 … for men). It is
//! an *unverified* convention, not a published table: many people carry names that go against
//! it, so it feeds only a rate compared with what genuine registers show (a small minority of
//! contradictions), never a judgement on one row.

use crate::refdata::surnames;
use crate::validate::Sex;

/// Characters commonly found in women's given names.
const FEMALE: &str = "芳娟婷丽秀霞燕玲娜静敏艳萍梅雪琳莉倩兰凤洁琴慧颖媛妍姗娅婉嫣姣妮娇媚蓉翠菊桂巧淑惠瑶璐薇莹琼珍珠黛卿";
/// Characters commonly found in men's given names.
const MALE: &str = "伟强军勇杰涛斌超刚辉鹏飞鑫浩凯健俊峰磊龙彪虎豪雄武壮栋梁毅锋亮兵坤猛权振廷";

const LEAN_FIRST: u32 = 0x4e00;
const LEAN_LAST: u32 = 0x9fff;
const LEANS_FEMALE: u8 = 1;
const LEANS_MALE: u8 = 2;

/// Per CJK character, whether it is in [`FEMALE`] and/or [`MALE`]: one load per character (a
/// substring search, then a binary search per character showed in the profile). Every
/// character of the lists is in the CJK block (a test checks it).
fn lean_table() -> &'static [u8] {
    static TABLE: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = vec![0u8; (LEAN_LAST - LEAN_FIRST + 1) as usize];
        for (list, bit) in [(FEMALE, LEANS_FEMALE), (MALE, LEANS_MALE)] {
            for c in list.chars() {
                if let Some(x) = u32::from(c)
                    .checked_sub(LEAN_FIRST)
                    .and_then(|i| t.get_mut(i as usize))
                {
                    *x |= bit;
                }
            }
        }
        t
    })
}

/// The sex a given name leans to, when one of its characters is in the lists and none points
/// the other way.
pub fn given_name_lean(given: &str) -> Option<Sex> {
    lean_of(given.chars().map(u32::from))
}

/// The lean of a given name's characters (code points): every one that leans leans the same way.
#[inline(always)]
fn lean_of(chars: impl Iterator<Item = u32>) -> Option<Sex> {
    let t = lean_table();
    let bits = chars.fold(0u8, |bits, cp| {
        bits | cp
            .checked_sub(LEAN_FIRST)
            .and_then(|i| t.get(i as usize))
            .copied()
            .unwrap_or(0)
    });
    match bits {
        LEANS_FEMALE => Some(Sex::Female),
        LEANS_MALE => Some(Sex::Male),
        _ => None,
    }
}

/// The surname class of a name, as used by the surname statistics and the row profiles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SurnameClass {
    /// Ranks 1–5 of the published list (王 李 张 刘 陈).
    Top5 = 0,
    /// Ranks 6–100.
    Top100 = 1,
    /// A known single-character surname outside the top 100.
    OtherSingle = 2,
    /// A known two-character surname (欧阳, 司马 …).
    Compound = 3,
    /// No known surname at the start of the name.
    Unknown = 4,
}

pub const SURNAME_CLASSES: usize = 5;

/// The class of a name's surname and the given name, for a name of Chinese characters.
pub fn classify(name: &str) -> (SurnameClass, &str) {
    match surnames::split_name(name) {
        Some((s, given)) => {
            let mut cs = s.chars();
            let class = match (cs.next(), cs.next()) {
                (Some(c), None) => match surnames::single_rank(c) {
                    Some(r) if r <= 5 => SurnameClass::Top5,
                    Some(_) => SurnameClass::Top100,
                    None => SurnameClass::OtherSingle,
                },
                // `split_name` gives a surname of one or two characters.
                _ => SurnameClass::Compound,
            };
            (class, given)
        }
        None => (SurnameClass::Unknown, ""),
    }
}

/// [`classify`] of a name [`han_name_chars`] accepts, from its bytes
/// ([`surnames::split_han`]): the same class and given name.
pub fn classify_han(name: &str) -> (SurnameClass, &str) {
    match surnames::split_han(name) {
        Some((n, rank)) => {
            let class = match (n, rank) {
                (6, _) => SurnameClass::Compound,
                (_, 0) => SurnameClass::OtherSingle,
                (_, 1..=5) => SurnameClass::Top5,
                _ => SurnameClass::Top100,
            };
            (class, name.get(n..).unwrap_or(""))
        }
        None => (SurnameClass::Unknown, ""),
    }
}

/// [`given_name_lean`] of a given name of three-byte characters of U+4E00–U+9FFF (the rest of
/// a name [`han_name_chars`] accepts), from its bytes.
pub fn given_name_lean_han(given: &str) -> Option<Sex> {
    lean_of(given.as_bytes().chunks_exact(3).map(|c| {
        u32::from(c[0] & 0x0f) << 12 | u32::from(c[1] & 0x3f) << 6 | u32::from(c[2] & 0x3f)
    }))
}

/// Whether `name` is written in Chinese characters only (minority names with `·` excluded).
pub fn is_han_name(name: &str) -> bool {
    han_name_chars(name).is_some()
}

/// The number of characters of `name` when [`is_han_name`] holds: 2–4 characters of
/// U+4E00–U+9FFF. Read from the bytes: each such character is three bytes with a lead byte
/// E4–E9 (E4 from a second byte B8 on, U+4E00), and in UTF-8 a lead byte never occurs inside
/// another character, so a value of 6, 9 or 12 bytes whose every third byte is such a lead is
/// made of exactly those characters.
pub fn han_name_chars(name: &str) -> Option<usize> {
    let b = name.as_bytes();
    if !matches!(b.len(), 6 | 9 | 12) {
        return None;
    }
    b.chunks_exact(3)
        .all(|c| match c {
            [0xE4, second, _] => *second >= 0xB8,
            [lead, ..] => (0xE5..=0xE9).contains(lead),
            [] => false,
        })
        .then_some(b.len() / 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leans() {
        assert_eq!(given_name_lean("婷婷"), Some(Sex::Female));
        assert_eq!(given_name_lean("伟"), Some(Sex::Male));
        assert_eq!(given_name_lean("明"), None);
        assert_eq!(given_name_lean("伟丽"), None);
        assert!(FEMALE.chars().all(|c| !MALE.contains(c)));
        let cjk = |c: char| (LEAN_FIRST..=LEAN_LAST).contains(&u32::from(c));
        assert!(FEMALE.chars().chain(MALE.chars()).all(cjk));
        assert_eq!(given_name_lean("小婷a"), Some(Sex::Female));
        assert_eq!(given_name_lean(""), None);
    }

    #[test]
    fn classes() {
        assert_eq!(classify("王伟").0, SurnameClass::Top5);
        assert_eq!(classify("陈静").0, SurnameClass::Top5);
        assert_eq!(classify("杨洋").0, SurnameClass::Top100);
        assert_eq!(classify("欧阳修"), (SurnameClass::Compound, "修"));
        assert_eq!(classify("的确").0, SurnameClass::Unknown);
        assert!(is_han_name("王伟") && !is_han_name("阿依古丽·买买提") && !is_han_name("王"));
    }

    /// The byte readings agree with `classify`, `split_name` and `given_name_lean` on every first character
    /// of the block (with given names of one to three characters, and the second characters
    /// of the compound surnames and of the lean lists after it), and on random names.
    #[test]
    fn classify_han_as_classify() {
        let check = |name: &str| {
            if han_name_chars(name).is_none() {
                return;
            }
            let slow = classify(name);
            assert_eq!(classify_han(name), slow, "{name}");
            assert_eq!(
                surnames::split_han(name).map(|(bytes, _)| bytes),
                surnames::split_name(name).map(|(s, _)| s.len()),
                "{name}"
            );
            assert_eq!(
                given_name_lean_han(slow.1),
                given_name_lean(slow.1),
                "{name}"
            );
        };
        let seconds: Vec<char> = "阳马葛孙门侯于容屠羊里丘方谷乐宫东西南北伟婷明"
            .chars()
            .chain(FEMALE.chars().take(5))
            .chain(MALE.chars().take(5))
            .collect();
        let mut tested = 0usize;
        for first in '\u{4e00}'..='\u{9fff}' {
            for &second in &seconds {
                for rest in ["", "伟", "丽娟"] {
                    let name: String = [first, second].into_iter().chain(rest.chars()).collect();
                    check(&name);
                    tested += 1;
                }
            }
        }
        let mut rng = crate::testgen::Lcg::new(11);
        let mut pick = || char::from_u32(0x4e00 + (rng.next_u32() >> 8) % 0x5200).unwrap_or('王');
        for len in 2..=4 {
            for _ in 0..20_000 {
                let name: String = (0..len).map(|_| pick()).collect();
                check(&name);
            }
        }
        assert!(tested > 1_000_000, "{tested}");
        assert_eq!(classify_han("欧阳修"), (SurnameClass::Compound, "修"));
        assert_eq!(classify_han("王伟").0, SurnameClass::Top5);
        assert_eq!(classify_han("杨洋").0, SurnameClass::Top100);
        assert_eq!(classify_han("的确"), (SurnameClass::Unknown, ""));
    }

    /// The byte reading agrees with counting and testing the chars, on names around the
    /// range's ends and of other scripts and lengths.
    #[test]
    fn han_name_chars_as_chars() {
        let slow = |name: &str| {
            let n = name.chars().count();
            ((2..=4).contains(&n) && name.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)))
                .then_some(n)
        };
        let pool = [
            '\u{4dff}',
            '\u{4e00}',
            '\u{4e01}',
            '\u{4fff}',
            '\u{5000}',
            '\u{9fff}',
            '\u{a000}',
            '\u{3000}',
            '\u{3400}',
            '\u{e000}',
            '王',
            '伟',
            '·',
            'a',
            'é',
            '\u{20000}',
            '\u{ffff}',
        ];
        let mut rng = crate::testgen::Lcg::new(7);
        for len in 0..7 {
            for _ in 0..4_000 {
                let name: String = (0..len).map(|_| rng.pick(&pool)).collect();
                assert_eq!(han_name_chars(&name), slow(&name), "{name:?}");
            }
        }
    }
}
