//! The 2020 census reference (Seventh National Population Census, NBS communiqués of
//! 2021-05-11): province populations, four published age bands (national, and per province
//! where table 5-2 of communiqué No. 5 could be read), men and women. See
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
    /// Per province (order of [`PROVINCES`]), the shares of the bands of [`AGE_BANDS`] from
    /// communiqué No. 5 table 5-2, where that row is shipped.
    pub province_ages: [Option<[f64; 4]>; 31],
}

/// The expected age-band shares of a sample spread over provinces: see
/// [`Census::age_mix`].
#[derive(Clone, Debug, PartialEq)]
pub struct AgeMix {
    /// Expected share of each band of [`AGE_BANDS`].
    pub shares: [f64; 4],
    /// Share of the weight that fell on provinces with their own profile (the rest used the
    /// national bands). 0 means the reference is the national one.
    pub profiled: f64,
    /// The provinces carrying the most weight, with their share of it, largest first (at most
    /// three).
    pub top: Vec<(u32, f64)>,
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

    /// The age bands expected of people spread over the provinces as `weights` says (persons
    /// per province, order of [`PROVINCES`]): the mix of the provincial profiles, a province
    /// without a shipped profile counting with the national bands. No weight: the national
    /// bands.
    pub fn age_mix(&self, weights: &[u64; 31]) -> AgeMix {
        let national = self.age_shares();
        let total: u64 = weights.iter().sum();
        if total == 0 {
            return AgeMix {
                shares: national,
                profiled: 0.0,
                top: Vec::new(),
            };
        }
        let mut shares = [0.0; 4];
        let mut profiled = 0u64;
        for (w, prof) in weights.iter().zip(&self.province_ages) {
            let p = prof.unwrap_or(national);
            if prof.is_some() {
                profiled += w;
            }
            for (s, x) in shares.iter_mut().zip(p) {
                *s += *w as f64 * x;
            }
        }
        let shares = shares.map(|s| s / total as f64);
        let mut top: Vec<(u32, f64)> = PROVINCES
            .iter()
            .zip(weights)
            .filter(|(_, &w)| w > 0)
            .map(|(&c, &w)| (c, w as f64 / total as f64))
            .collect();
        top.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        top.truncate(3);
        AgeMix {
            shares,
            profiled: profiled as f64 / total as f64,
            top,
        }
    }

    /// Men per 100 women.
    pub fn sex_ratio(&self) -> f64 {
        self.men as f64 * 100.0 / self.women.max(1) as f64
    }
}

/// The index of a province code in [`PROVINCES`].
pub fn province_index(code: u32) -> Option<usize> {
    // Asked several times per row: a table by the code's first two digits instead of a search.
    if !code.is_multiple_of(10_000) {
        return None;
    }
    let i = *PROVINCE_SLOTS.get(usize::try_from(code / 10_000).ok()?)?;
    (i != NO_PROVINCE).then_some(usize::from(i))
}

const NO_PROVINCE: u8 = u8::MAX;

/// Per `code / 10_000` (0–99): the index in [`PROVINCES`] of the province `code`, or
/// [`NO_PROVINCE`].
static PROVINCE_SLOTS: [u8; 100] = {
    let mut t = [NO_PROVINCE; 100];
    let mut i = 0;
    while i < PROVINCES.len() {
        t[(PROVINCES[i] / 10_000) as usize] = i as u8;
        i += 1;
    }
    t
};

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
            province_ages: [None; 31],
        };
        // Hundredths of a percent: 0-14, 15-59, 60+, 65+ per province index.
        let mut pct = [[None::<u64>; 4]; 31];
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
                ("province_age", key) => {
                    let Some((code, band)) = key.split_once('/') else {
                        continue;
                    };
                    let b = match band {
                        "0-14" => 0,
                        "15-59" => 1,
                        "60+" => 2,
                        "65+" => 3,
                        _ => continue,
                    };
                    if let Some(row) = code
                        .parse()
                        .ok()
                        .and_then(province_index)
                        .and_then(|i| pct.get_mut(i))
                    {
                        row[b] = Some(n);
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
        for (out, row) in c.province_ages.iter_mut().zip(pct) {
            if let [Some(a), Some(b), Some(s60), Some(s65)] = row {
                let bands = [a, b, s60.saturating_sub(s65), s65].map(|x| x as f64);
                let sum: f64 = bands.iter().sum();
                if sum > 0.0 {
                    *out = Some(bands.map(|x| x / sum));
                }
            }
        }
        c
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn province_index_is_the_position_in_provinces() {
        for code in (0..1_000_000).step_by(100).chain([u32::MAX, 4_294_960_000]) {
            assert_eq!(
                province_index(code),
                PROVINCES.binary_search(&code).ok(),
                "{code}"
            );
        }
    }

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

    /// Table 5-2 typed in: each row adds up to 100 % within rounding (checked on the raw
    /// file, before normalising) and, with all 31 rows, the population-weighted mean of the
    /// provinces gives the national 17.95 / 63.35 / 18.70 / 13.50 within 0.05 points. With
    /// fewer rows, the national figure minus the rows shipped must leave the other provinces
    /// a plausible mean (each band between 5 % and 80 %).
    #[test]
    fn province_ages_reproduce_the_national_bands() {
        let c = census_2020();
        let national = [17.95, 63.35, 18.70, 13.50];
        let mut raw = std::collections::BTreeMap::<u32, [f64; 4]>::new();
        for line in POPULATION_TSV.lines() {
            let f: Vec<&str> = line.split('\t').collect();
            if f.first() != Some(&"province_age") {
                continue;
            }
            let (code, band) = f[1].split_once('/').unwrap();
            let b = ["0-14", "15-59", "60+", "65+"]
                .iter()
                .position(|x| *x == band)
                .unwrap();
            raw.entry(code.parse().unwrap()).or_default()[b] = f[2].parse::<f64>().unwrap() / 100.0;
        }
        assert!(raw.len() >= 7, "{}", raw.len());
        for (code, r) in &raw {
            assert!((r[0] + r[1] + r[2] - 100.0).abs() <= 0.021, "{code}: {r:?}");
            assert!(r[3] > 0.0 && r[3] <= r[2], "{code}: {r:?}");
            let i = province_index(*code).unwrap();
            assert!(c.province_ages[i].is_some(), "{code} not parsed");
        }
        let pop = |code: &u32| c.provinces[province_index(*code).unwrap()] as f64;
        let total: f64 = c.provinces.iter().sum::<u64>() as f64;
        let known: f64 = raw.keys().map(pop).sum();
        for (k, nat) in national.iter().enumerate() {
            let sum: f64 = raw.iter().map(|(code, r)| pop(code) * r[k]).sum();
            if raw.len() == 31 {
                assert!(
                    (sum / total - nat).abs() <= 0.05,
                    "band {k}: {}",
                    sum / total
                );
            } else {
                let rest = (nat * total - sum) / (total - known);
                assert!(
                    (5.0..=80.0).contains(&rest),
                    "band {k}: the rest would be {rest}"
                );
            }
        }
        // Liaoning is older than the country: 65+ 17.42 % against 13.50 %.
        let ln = c.province_ages[province_index(210000).unwrap()].unwrap();
        assert!(
            (ln[3] - 0.1742).abs() < 1e-4 && (ln[2] - 0.0830).abs() < 1e-4,
            "{ln:?}"
        );
    }

    #[test]
    fn age_mix_weights_provinces() {
        let c = census_2020();
        let national = c.age_shares();
        let none = c.age_mix(&[0; 31]);
        assert_eq!(
            (none.shares, none.profiled, none.top.len()),
            (national, 0.0, 0)
        );
        let ln = province_index(210000).unwrap();
        let lnp = c.province_ages[ln].unwrap();
        // A province without a shipped profile counts with the national bands.
        let (other, otherp) = match c.province_ages.iter().position(Option::is_none) {
            Some(i) => (i, national),
            None => {
                let gd = province_index(440000).unwrap();
                (gd, c.province_ages[gd].unwrap())
            }
        };
        let mut w = [0u64; 31];
        w[ln] = 300;
        w[other] = 100;
        let m = c.age_mix(&w);
        let profiled = if c.province_ages[other].is_some() {
            1.0
        } else {
            0.75
        };
        assert!((m.profiled - profiled).abs() < 1e-12);
        assert_eq!(m.top, vec![(210000, 0.75), (PROVINCES[other], 0.25)]);
        for k in 0..4 {
            let want = 0.75 * lnp[k] + 0.25 * otherp[k];
            assert!((m.shares[k] - want).abs() < 1e-12);
        }
        assert!((m.shares.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    }
}
