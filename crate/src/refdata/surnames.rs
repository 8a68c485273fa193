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

/// Whether `s` is a known surname (single or compound).
pub fn is_surname(s: &str) -> bool {
    table().contains_key(s)
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
    let mut ends = name.char_indices().map(|(i, _)| i).skip(1);
    let one = ends.next()?;
    if let Some(two) = ends.next() {
        if is_surname(&name[..two]) {
            return Some((&name[..two], &name[two..]));
        }
    }
    if is_surname(&name[..one]) && one < name.len() {
        Some((&name[..one], &name[one..]))
    } else {
        None
    }
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
