//! The 2020 census reference (Seventh National Population Census, NBS communiqués of
//! 2021-05-11): province populations, four published age bands, men and women. See
//! `crate/data/sources/population.md`.

use std::sync::OnceLock;

const POPULATION_TSV: &str = include_str!("../../data/population.tsv");

/// The 31 mainland province codes, in code order; the index of a province in this list is its
/// index in [`Census::provinces`].
pub const PROVINCES: [u32; 31] = [
    110000, 120000, 130000, 140000, 150000, 210000, 220000, 230000, 310000, 320000, 330000, 340000,
    350000, 360000, 370000, 410000, 420000, 430000, 440000, 450000, 460000, 500000, 510000, 520000,
    530000, 540000, 610000, 620000, 630000, 640000, 650000,
];

/// The published age bands, as `[from, to]` ages in whole years (`to` inclusive; 65+ open).
pub const AGE_BANDS: [(u32, u32); 4] = [(0, 14), (15, 59), (60, 64), (65, 200)];

/// The census figures.
#[derive(Clone, Debug, PartialEq)]
pub struct Census {
    pub total: u64,
    /// Persons per province, in the order of [`PROVINCES`].
    pub provinces: [u64; 31],
    /// Persons per band of [`AGE_BANDS`].
    pub ages: [u64; 4],
    pub men: u64,
    pub women: u64,
    /// Per year from [`ABOLISHED_FROM`]: share of the county codes in force that year that are
    /// no longer in force (derived from the GB/T 2260 timeline; codes, not people).
    pub abolished_share: Vec<f64>,
    /// County-level codes in force today per province, in the order of [`PROVINCES`].
    pub counties: [u64; 31],
}

/// First year of [`Census::abolished_share`].
pub const ABOLISHED_FROM: i32 = 1980;

impl Census {
    /// Share of each province in the 31 provinces' total.
    pub fn province_shares(&self) -> [f64; 31] {
        let sum: u64 = self.provinces.iter().sum();
        let mut out = [0.0; 31];
        for (o, p) in out.iter_mut().zip(self.provinces) {
            *o = p as f64 / sum.max(1) as f64;
        }
        out
    }

    /// Share of each age band.
    pub fn age_shares(&self) -> [f64; 4] {
        let sum: u64 = self.ages.iter().sum();
        self.ages.map(|a| a as f64 / sum.max(1) as f64)
    }

    /// Share of county codes in force in `year` that have been abolished since (years before
    /// 1980 use 1980, years after the table use its last year).
    pub fn abolished_share_for(&self, year: i32) -> f64 {
        let last = self.abolished_share.len().saturating_sub(1);
        let i = usize::try_from(year - ABOLISHED_FROM)
            .unwrap_or(0)
            .min(last);
        self.abolished_share.get(i).copied().unwrap_or(0.0)
    }

    /// Men per 100 women.
    pub fn sex_ratio(&self) -> f64 {
        self.men as f64 * 100.0 / self.women.max(1) as f64
    }
}

/// The index of a province code in [`PROVINCES`].
pub fn province_index(code: u32) -> Option<usize> {
    PROVINCES.binary_search(&code).ok()
}

/// The index in [`AGE_BANDS`] of an age.
pub fn age_band(age: u32) -> usize {
    AGE_BANDS
        .iter()
        .position(|&(_, to)| age <= to)
        .unwrap_or(AGE_BANDS.len() - 1)
}

/// The 2020 census, parsed once.
pub fn census_2020() -> &'static Census {
    static C: OnceLock<Census> = OnceLock::new();
    C.get_or_init(|| {
        let mut c = Census {
            total: 0,
            provinces: [0; 31],
            ages: [0; 4],
            men: 0,
            women: 0,
            abolished_share: Vec::new(),
            counties: [0; 31],
        };
        for line in POPULATION_TSV.lines() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let mut f = line.split('\t');
            let (Some(table), Some(key), Some(n)) = (f.next(), f.next(), f.next()) else {
                continue;
            };
            let Ok(n) = n.parse::<u64>() else { continue };
            match (table, key) {
                ("total", "all") => c.total = n,
                ("sex", "male") => c.men = n,
                ("sex", "female") => c.women = n,
                ("age", "0-14") => c.ages[0] = n,
                ("age", "15-59") => c.ages[1] = n,
                ("age", "60-64") => c.ages[2] = n,
                ("age", "65+") => c.ages[3] = n,
                ("abolished_share", _) => c.abolished_share.push(n as f64 / 1e6),
                ("province", code) => {
                    if let Some(i) = code.parse().ok().and_then(province_index) {
                        c.provinces[i] = n;
                    }
                }
                ("counties", code) => {
                    if let Some(i) = code.parse().ok().and_then(province_index) {
                        c.counties[i] = n;
                    }
                }
                _ => {}
            }
        }
        c
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn census_figures() {
        let c = census_2020();
        assert_eq!(c.total, 1_411_778_724);
        assert_eq!(c.provinces.iter().sum::<u64>() + 2_000_000, c.total);
        assert_eq!(c.ages.iter().sum::<u64>(), c.total);
        assert!((c.sex_ratio() - 105.07).abs() < 0.005);
        assert_eq!(c.provinces[province_index(440000).unwrap()], 126_012_510);
        assert_eq!(c.provinces[province_index(540000).unwrap()], 3_648_100);
        assert!((c.age_shares()[0] - 0.1795).abs() < 0.0001);
        assert!((c.province_shares().iter().sum::<f64>() - 1.0).abs() < 1e-9);
        assert_eq!(age_band(14), 0);
        assert_eq!(age_band(15), 1);
        assert_eq!(age_band(64), 2);
        assert_eq!(age_band(120), 3);
        assert_eq!(province_index(810000), None);
        assert!(
            c.abolished_share_for(1950) > 0.5,
            "{}",
            c.abolished_share_for(1950)
        );
        assert!(c.abolished_share_for(2030) < 0.01);
        assert_eq!(c.abolished_share.len(), 42);
        assert!(c.counties.iter().all(|&n| n > 0));
        assert!(c.counties.iter().sum::<u64>() > 2_500);
    }
}
