//! Chinese surnames and their published frequencies: the 百家姓 list plus the Ministry of Public
//! Security's 2007 top 100 (rank order; percentages for 王, 李, 张 only). See
//! `crate/data/sources/surnames.md`.

use super::FxMap;
use std::sync::OnceLock;

const SURNAMES_TSV: &str = include_str!("../../data/surnames.tsv");

/// One known surname.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Surname {
    pub surname: &'static str,
    /// Share of the population in per mille, where a figure was published.
    pub per_mille: Option<f64>,
    /// Rank among the 100 most common surnames (MPS 2007), if in the top 100.
    pub rank: Option<u8>,
}

fn table() -> &'static FxMap<&'static str, Surname> {
    static TABLE: OnceLock<FxMap<&'static str, Surname>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map = FxMap::default();
        for line in SURNAMES_TSV.lines() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let mut f = line.split('\t');
            let (Some(surname), Some(pm), Some(_source), rank) =
                (f.next(), f.next(), f.next(), f.next())
            else {
                continue;
            };
            map.insert(
                surname,
                Surname {
                    surname,
                    per_mille: pm.parse().ok(),
                    rank: rank.and_then(|r| r.parse().ok()),
                },
            );
        }
        map
    })
}

/// The entry for a known surname.
pub fn lookup(surname: &str) -> Option<&'static Surname> {
    table().get(surname)
}

/// First and last code point of the CJK Unified Ideographs block the fast tables cover.
const CJK_FIRST: u32 = 0x4e00;
const CJK_LAST: u32 = 0x9fff;

/// Per CJK character: [`SINGLE`] when it is a one-character surname, [`STARTS_COMPOUND`] when
/// a two-character surname starts with it; and the known two-character surnames made of CJK
/// characters, as `(first << 32) | second`, sorted. Built from [`table`]: every lookup a hash
/// of the string and a comparison showed in the profile (twice per name).
struct Fast {
    /// Low byte: flags; high byte: the rank among the top 100 (0 when not in it).
    flags: Vec<u16>,
    compound: Vec<u64>,
}

const SINGLE: u16 = 1;
const STARTS_COMPOUND: u16 = 2;

fn cjk_slot(c: char) -> Option<usize> {
    let c = u32::from(c);
    (CJK_FIRST..=CJK_LAST)
        .contains(&c)
        .then(|| (c - CJK_FIRST) as usize)
}

fn fast() -> &'static Fast {
    static FAST: OnceLock<Fast> = OnceLock::new();
    FAST.get_or_init(|| {
        let mut f = Fast {
            flags: vec![0; (CJK_LAST - CJK_FIRST + 1) as usize],
            compound: Vec::new(),
        };
        for (k, v) in table() {
            let mut cs = k.chars();
            match (cs.next(), cs.next(), cs.next()) {
                (Some(a), None, _) => {
                    if let Some(x) = cjk_slot(a).and_then(|i| f.flags.get_mut(i)) {
                        *x |= SINGLE | u16::from(v.rank.unwrap_or(0)) << 8;
                    }
                }
                (Some(a), Some(b), None) if cjk_slot(a).is_some() && cjk_slot(b).is_some() => {
                    if let Some(x) = cjk_slot(a).and_then(|i| f.flags.get_mut(i)) {
                        *x |= STARTS_COMPOUND;
                    }
                    f.compound.push(u64::from(a) << 32 | u64::from(b));
                }
                _ => {}
            }
        }
        f.compound.sort_unstable();
        f
    })
}

/// Whether the single character `c` is a known surname.
pub fn is_single_surname(c: char) -> bool {
    match cjk_slot(c) {
        Some(i) => fast().flags.get(i).is_some_and(|&x| x & SINGLE != 0),
        None => {
            let mut b = [0u8; 4];
            table().contains_key(&*c.encode_utf8(&mut b))
        }
    }
}

/// [`rank`] of the one-character surname `c`.
pub fn single_rank(c: char) -> Option<u8> {
    match cjk_slot(c) {
        Some(i) => fast()
            .flags
            .get(i)
            .map(|&x| (x >> 8) as u8)
            .filter(|&r| r > 0),
        None => {
            let mut b = [0u8; 4];
            rank(c.encode_utf8(&mut b))
        }
    }
}

/// Whether the two characters `a` `b` are a known surname.
pub fn is_compound_surname(a: char, b: char) -> bool {
    match (cjk_slot(a), cjk_slot(b)) {
        (Some(i), Some(_)) => {
            let f = fast();
            f.flags.get(i).is_some_and(|&x| x & STARTS_COMPOUND != 0)
                && f.compound
                    .binary_search(&(u64::from(a) << 32 | u64::from(b)))
                    .is_ok()
        }
        _ => {
            let mut s = String::with_capacity(8);
            s.push(a);
            s.push(b);
            table().contains_key(s.as_str())
        }
    }
}

/// Whether `s` is a known surname (single or compound).
pub fn is_surname(s: &str) -> bool {
    let mut cs = s.chars();
    match (cs.next(), cs.next(), cs.next()) {
        (Some(a), None, _) => is_single_surname(a),
        (Some(a), Some(b), None) => is_compound_surname(a, b),
        _ => table().contains_key(s),
    }
}

/// Published share of the population in per mille (王 72.5), where one exists.
pub fn frequency(s: &str) -> Option<f64> {
    lookup(s)?.per_mille
}

/// Rank among the 2007 top 100 surnames.
pub fn rank(s: &str) -> Option<u8> {
    lookup(s)?.rank
}

/// Number of known surnames.
pub fn count() -> usize {
    table().len()
}

/// Splits a name into a known surname and the given name, preferring a known two-character
/// surname (欧阳, 司马, 诸葛 …) over a one-character one. The given name must be non-empty.
pub fn split_name(name: &str) -> Option<(&str, &str)> {
    let mut cs = name.char_indices();
    let (_, a) = cs.next()?;
    let (one, b) = cs.next()?;
    if let Some((two, _)) = cs.next() {
        if is_compound_surname(a, b) {
            return Some((&name[..two], &name[two..]));
        }
    }
    if is_single_surname(a) && one < name.len() {
        Some((&name[..one], &name[one..]))
    } else {
        None
    }
}

/// [`split_name`] of a name of 2–4 characters of U+4E00–U+9FFF, each three bytes (what
/// `stats::names::han_name_chars` accepts), read from its bytes: no char decoding, one look-up
/// of the first character's flags for both surname tests. The surname's length in bytes (6
/// for a two-character surname, 3 for one character) and, for one character, its rank among
/// the top 100 (0 when not in it). `None`: no known surname, as `split_name`. Any other name
/// gives `None` or a wrong answer: callers check the shape first.
pub fn split_han(name: &str) -> Option<(usize, u8)> {
    let b = name.as_bytes();
    let char_at = |i: usize| -> Option<u32> {
        let c = b.get(i..i + 3)?;
        Some(u32::from(c[0] & 0x0f) << 12 | u32::from(c[1] & 0x3f) << 6 | u32::from(c[2] & 0x3f))
    };
    let a = char_at(0)?;
    let f = fast();
    let flags = *f
        .flags
        .get(usize::try_from(a.checked_sub(CJK_FIRST)?).ok()?)?;
    if b.len() >= 9 && flags & STARTS_COMPOUND != 0 {
        let second = char_at(3)?;
        if f.compound
            .binary_search(&(u64::from(a) << 32 | u64::from(second)))
            .is_ok()
        {
            return Some((6, 0));
        }
    }
    (flags & SINGLE != 0 && b.len() > 3).then_some((3, (flags >> 8) as u8))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        assert!(count() >= 500, "{}", count());
        assert!(is_surname("王") && is_surname("欧阳") && is_surname("覃"));
        assert!(!is_surname("的") && !is_surname("") && !is_surname("王小"));
        assert_eq!(frequency("王"), Some(72.5));
        assert_eq!(frequency("李"), Some(71.9));
        assert_eq!(frequency("张"), Some(68.3));
        assert_eq!(frequency("刘"), None);
        assert_eq!(rank("刘"), Some(4));
        assert_eq!(rank("汤"), Some(100));
        assert_eq!(rank("欧阳"), None);
        let compound = super::table()
            .keys()
            .filter(|k| k.chars().count() == 2)
            .count();
        assert!(compound >= 60, "{compound}");
    }

    #[test]
    fn fast_tables_agree_with_the_map() {
        let mut n = 0;
        for c in ('\u{3000}'..='\u{a000}').chain(['a', 'é', '𠀀']) {
            let mut b = [0u8; 4];
            let s = c.encode_utf8(&mut b);
            assert_eq!(is_surname(s), super::table().contains_key(&*s), "{c}");
            n += usize::from(is_surname(s));
        }
        assert!(n >= 400, "{n}");
        for k in super::table().keys() {
            assert!(is_surname(k), "{k}");
            let mut cs = k.chars();
            if let (Some(a), Some(b)) = (cs.next(), cs.next()) {
                assert!(is_compound_surname(a, b), "{k}");
            }
        }
        assert!(!is_surname("欧阳修") && !is_surname("王王") && !is_surname("x王"));
        for (k, v) in super::table() {
            let mut cs = k.chars();
            if let (Some(c), None) = (cs.next(), cs.next()) {
                assert_eq!(single_rank(c), v.rank, "{k}");
            }
        }
        assert_eq!(single_rank('的'), None);
        assert_eq!(single_rank('王'), Some(1));
    }

    #[test]
    fn split() {
        assert_eq!(split_name("王小明"), Some(("王", "小明")));
        assert_eq!(split_name("欧阳修"), Some(("欧阳", "修")));
        assert_eq!(split_name("司马相如"), Some(("司马", "相如")));
        assert_eq!(split_name("诸葛亮"), Some(("诸葛", "亮")));
        assert_eq!(split_name("上官婉儿"), Some(("上官", "婉儿")));
        // 单 alone is a surname; 单于 is compound and wins.
        assert_eq!(split_name("单于"), Some(("单", "于")));
        assert_eq!(split_name("欧阳"), Some(("欧", "阳")));
        assert_eq!(split_name("王"), None);
        assert_eq!(split_name(""), None);
        assert_eq!(split_name("的确"), None);
        assert_eq!(split_name("x王"), None);
    }
}
