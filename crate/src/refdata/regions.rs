//! The GB/T 2260 region-code timeline, 1980 to today: code → names with first and last year.

use std::collections::HashMap;
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

fn regions() -> &'static HashMap<u32, Vec<RegionSpan>> {
    static TABLE: OnceLock<HashMap<u32, Vec<RegionSpan>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map: HashMap<u32, Vec<RegionSpan>> = HashMap::new();
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

/// The last year `code` was in force (`None` if still in force or unknown).
pub fn region_end(code: u32) -> Option<u16> {
    let spans = region(code)?;
    if spans.iter().any(|s| s.end.is_none()) {
        None
    } else {
        spans.iter().filter_map(|s| s.end).max()
    }
}

/// Number of distinct codes in the timeline.
pub fn region_count() -> usize {
    regions().len()
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
