//! Phone city against address city (and against the ID's region): does the city a mobile
//! number's block was allocated to ([`crate::refdata::phone_blocks`]) agree with the city of the
//! row's address more often than independence would give?
//!
//! People mostly get their number where they live, so in genuine records the two agree far more
//! often than chance; a generator that draws the phone and the address independently agrees at
//! chance, i.e. with probability `Σ_c p_phone(c) · p_address(c)` from the two marginal city
//! distributions. [`PhoneCityStats`] keeps those marginals (a few hundred cities at most) and
//! the agreement count; it is mergeable like every accumulator of the analysis.

use super::stats_tests::wilson;
use super::{pct, too_few, Direction, Input, Sig, Strength};
use crate::refdata::phone_blocks::comparable_city;
use crate::refdata::FxMap;
use crate::validate::Facts;
use std::collections::BTreeMap;

/// Rows compared below which the signal is not computed.
pub const MIN_PAIRS: u64 = 50;
/// Rows compared from which agreement at chance counts as a fabrication signal.
pub const MIN_PAIRS_AT_CHANCE: u64 = 200;

/// Agreement of one pair of city columns.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CityPair {
    /// Rows where both cities are known.
    pub n: u64,
    /// Rows where they are the same city.
    pub agree: u64,
    /// Marginal counts of the phone's city, by comparable city code.
    pub phone: CityCounts,
    /// Marginal counts of the other side's city.
    pub other: CityCounts,
}

/// Counts by city code: a hash map per row (a `BTreeMap` search per row showed in the
/// profile), read in code order ([`CityCounts::sorted`]) wherever the order matters, and
/// serialised and compared as that `BTreeMap`.
#[derive(Clone, Debug, Default)]
pub struct CityCounts(FxMap<u32, u64>);

impl CityCounts {
    #[inline]
    fn add(&mut self, city: u32, n: u64) {
        *self.0.entry(city).or_default() += n;
    }

    /// The counts in city-code order.
    pub fn sorted(&self) -> BTreeMap<u32, u64> {
        self.0.iter().map(|(&k, &v)| (k, v)).collect()
    }
}

impl PartialEq for CityCounts {
    fn eq(&self, o: &Self) -> bool {
        self.0 == o.0
    }
}

impl Eq for CityCounts {}

impl serde::Serialize for CityCounts {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.sorted().serialize(s)
    }
}

impl<'de> serde::Deserialize<'de> for CityCounts {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let m = BTreeMap::<u32, u64>::deserialize(d)?;
        Ok(CityCounts(m.into_iter().collect()))
    }
}

impl CityPair {
    fn add(&mut self, phone: u32, other: u32) {
        let (p, o) = (comparable_city(phone), comparable_city(other));
        self.n += 1;
        self.agree += u64::from(p == o);
        self.phone.add(p, 1);
        self.other.add(o, 1);
    }

    fn merge(&mut self, o: CityPair) {
        self.n += o.n;
        self.agree += o.agree;
        for (k, v) in o.phone.0 {
            self.phone.add(k, v);
        }
        for (k, v) in o.other.0 {
            self.other.add(k, v);
        }
    }

    /// The agreement expected if the two cities were independent: `Σ_c p(c) · q(c)`.
    pub fn chance(&self) -> f64 {
        if self.n == 0 {
            return 0.0;
        }
        let n = self.n as f64;
        let other = &self.other.0;
        self.phone
            .sorted()
            .iter()
            .map(|(c, &k)| k as f64 * other.get(c).copied().unwrap_or(0) as f64)
            .sum::<f64>()
            / (n * n)
    }

    /// The effective number of cities of the less spread side, `1 / Σ p²`: 1 when every row
    /// has the same city.
    pub fn spread(&self) -> f64 {
        let eff = |m: &CityCounts| {
            let n = self.n.max(1) as f64;
            let s: f64 = m.sorted().values().map(|&k| (k as f64 / n).powi(2)).sum();
            if s > 0.0 {
                1.0 / s
            } else {
                0.0
            }
        };
        eff(&self.phone).min(eff(&self.other))
    }
}

/// No comparison at all (for callers without a phone column).
pub static NONE: PhoneCityStats = PhoneCityStats {
    address: CityPair::EMPTY,
    id: CityPair::EMPTY,
};

impl CityPair {
    const EMPTY: CityPair = CityPair {
        n: 0,
        agree: 0,
        phone: CityCounts(FxMap::with_hasher(std::hash::BuildHasherDefault::new())),
        other: CityCounts(FxMap::with_hasher(std::hash::BuildHasherDefault::new())),
    };
}

/// The phone-city comparisons of a sample.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PhoneCityStats {
    pub address: CityPair,
    pub id: CityPair,
}

impl PhoneCityStats {
    /// Adds one row: the facts of its mobile number, address and identity number (each `None`
    /// when the row or the sample has no such value).
    pub fn add(&mut self, phone: Option<&Facts>, address: Option<&Facts>, id: Option<&Facts>) {
        let Some(p) = phone.and_then(|f| f.prefecture) else {
            return;
        };
        if let Some(a) = address.and_then(|f| f.prefecture) {
            self.address.add(p, a);
        }
        if let Some(i) = id.and_then(|f| f.prefecture) {
            self.id.add(p, i);
        }
    }

    /// Merges the statistics of the records that follow.
    pub fn merge(&mut self, next: PhoneCityStats) {
        self.address.merge(next.address);
        self.id.merge(next.id);
    }
}

/// `phone_city_vs_address` and `phone_city_vs_id`, in report order.
pub(super) fn signals(inp: &Input) -> Vec<Sig> {
    vec![vs_address(inp), vs_id(inp)]
}

fn numbers(t: &CityPair) -> (f64, f64, f64) {
    let po = t.agree as f64 / t.n.max(1) as f64;
    let pe = t.chance();
    let kappa = if pe < 1.0 {
        (po - pe) / (1.0 - pe)
    } else {
        0.0
    };
    (po, pe, kappa)
}

fn vs_address(inp: &Input) -> Sig {
    use Direction::*;
    use Strength::*;
    let t = &inp.phone_city.address;
    let n = t.n;
    let s = Sig::new("phone_city_vs_address", "share_same_city", n);
    if inp.phone_column.is_none() || inp.address_column.is_none() {
        return s.untested(
            "Not computed: needs a mobile-number column and an address column.".into(),
            "未计算：需要手机号列和地址列。".into(),
        );
    }
    if n < MIN_PAIRS {
        let (en, zh) = too_few(n, MIN_PAIRS);
        return s.untested(en, zh);
    }
    let (po, pe, kappa) = numbers(t);
    let ci = wilson(t.agree, n);
    let s = s.value(po).expected(pe).interval(ci);
    let spread = t.spread();
    if spread < 3.0 || pe >= 0.3 {
        return s.says(Neutral, Weak,
            format!("The phone's city is the address's city for {} of {n} rows (chance would give {}), but the phones or the addresses are concentrated in too few cities to tell agreement from chance.", pct(po), pct(pe)),
            format!("{n} 行中有 {} 的手机号归属城市与地址城市相同（随机预期 {}），但号码或地址集中在太少的城市，无法区分一致与巧合。", pct(po), pct(pe)));
    }
    if kappa >= 0.2 && ci.0 > pe {
        s.says(Genuine, if n >= MIN_PAIRS_AT_CHANCE { Moderate } else { Weak },
            format!("The phone number's city is the address's city for {} of {n} rows (95 % interval {}–{}); independent phones and addresses would agree for {} (κ = {kappa:.2}): phones and addresses belong together, as in genuine records.", pct(po), pct(ci.0), pct(ci.1), pct(pe)),
            format!("{n} 行中有 {}（95% 区间 {}–{}）的手机号归属城市与地址城市相同；若号码与地址相互独立，只会有 {}（κ = {kappa:.2}）：号码与地址相互对应，与真实记录相符。", pct(po), pct(ci.0), pct(ci.1), pct(pe)))
    } else if kappa.abs() < 0.05 && n >= MIN_PAIRS_AT_CHANCE {
        s.says(Fabricated, Moderate,
            format!("The phone number's city is the address's city for only {} of {n} rows, what independent phones and addresses give ({}, κ = {kappa:.2}): the numbers look drawn without regard to where people live.", pct(po), pct(pe)),
            format!("{n} 行中只有 {} 的手机号归属城市与地址城市相同，与号码和地址相互独立时的 {} 相当（κ = {kappa:.2}）：号码像是不考虑住址随意生成的。", pct(po), pct(pe)))
    } else {
        s.says(Neutral, Weak,
            format!("The phone number's city is the address's city for {} of {n} rows (chance would give {}, κ = {kappa:.2}).", pct(po), pct(pe)),
            format!("{n} 行中有 {} 的手机号归属城市与地址城市相同（随机预期 {}，κ = {kappa:.2}）。", pct(po), pct(pe)))
    }
}

fn vs_id(inp: &Input) -> Sig {
    use Direction::*;
    use Strength::*;
    let t = &inp.phone_city.id;
    let n = t.n;
    let s = Sig::new("phone_city_vs_id", "share_same_city", n);
    if inp.phone_column.is_none() || inp.identity_column.is_none() {
        return s.untested(
            "Not computed: needs a mobile-number column and an identity-number column.".into(),
            "未计算：需要手机号列和身份号码列。".into(),
        );
    }
    if n < MIN_PAIRS {
        let (en, zh) = too_few(n, MIN_PAIRS);
        return s.untested(en, zh);
    }
    let (po, pe, kappa) = numbers(t);
    let ci = wilson(t.agree, n);
    // Reported only: people move away from where their ID was issued and keep their number.
    s.value(po).expected(pe).interval(ci).says(Neutral, Weak,
        format!("The phone number's city is the city of the ID's region for {} of {n} rows (chance would give {}, κ = {kappa:.2}).", pct(po), pct(pe)),
        format!("{n} 行中有 {} 的手机号归属城市与身份号码地区所在城市相同（随机预期 {}，κ = {kappa:.2}）。", pct(po), pct(pe)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::SampleStats;

    fn facts(pref: u32) -> Facts {
        Facts {
            prefecture: Some(pref),
            ..Facts::default()
        }
    }

    /// Cities with the given weights; `agree` = share of rows whose phone city is the address
    /// city, the others draw the phone city independently (deterministic pseudo-random).
    fn sample(rows: usize, agree: f64, cities: &[u32]) -> PhoneCityStats {
        let mut st = PhoneCityStats::default();
        let mut x = 12_345u64;
        let mut next = || {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (x >> 33) as usize
        };
        for i in 0..rows {
            let a = cities[next() % cities.len()];
            let same = (i as f64 + 0.5) / rows as f64 <= agree;
            let p = if same {
                a
            } else {
                cities[next() % cities.len()]
            };
            st.add(Some(&facts(p)), Some(&facts(a)), Some(&facts(a)));
        }
        st
    }

    fn input<'a>(ss: &'a SampleStats, pc: &'a PhoneCityStats, phone: Option<usize>) -> Input<'a> {
        Input {
            stats: ss,
            rows: 1000,
            columns: &[],
            cross_checks: &[],
            normalizations: 0,
            identity: crate::report::IdentityInfo::default(),
            identity_column: Some(0),
            name_column: None,
            address_column: Some(2),
            phone_column: phone,
            phone_city: pc,
            reference_date: crate::civil::Date::new(2022, 7, 1).unwrap(),
            max_listed: 10,
        }
    }

    fn run(pc: &PhoneCityStats) -> Vec<(crate::report::Signal, Direction, Strength)> {
        let ss = SampleStats::default();
        signals(&input(&ss, pc, Some(1)))
            .into_iter()
            .map(Sig::done)
            .collect()
    }

    const CITIES: [u32; 20] = [
        110_100, 310_100, 440_100, 440_300, 330_100, 320_500, 510_100, 420_100, 610_100, 370_100,
        210_100, 220_100, 230_100, 350_100, 360_100, 410_100, 430_100, 450_100, 530_100, 500_100,
    ];

    #[test]
    fn chance_from_the_marginals() {
        let mut t = CityPair::default();
        // Phones: half A, half B; addresses: all A -> chance = 0.5.
        t.add(110_100, 110_100);
        t.add(310_100, 110_100);
        assert!((t.chance() - 0.5).abs() < 1e-12);
        assert_eq!(t.agree, 1);
        assert!((t.spread() - 1.0).abs() < 1e-12);
        // Chongqing's county aggregate is the same city as its districts.
        t.add(500_100, 500_200);
        assert_eq!(t.agree, 2);
    }

    #[test]
    fn agreeing_sample_reads_genuine() {
        let pc = sample(1000, 0.7, &CITIES);
        let out = run(&pc);
        let (s, d, st) = &out[0];
        assert_eq!(s.id, "phone_city_vs_address");
        assert_eq!((*d, *st), (Direction::Genuine, Strength::Moderate), "{s:?}");
        assert!(s.value.unwrap() > 0.7 && s.expected.unwrap() < 0.1, "{s:?}");
        let [lo, hi] = s.interval.unwrap();
        assert!(lo < s.value.unwrap() && s.value.unwrap() < hi);
        // The ID comparison is reported, never weighed.
        assert_eq!(out[1].0.id, "phone_city_vs_id");
        assert_eq!(out[1].1, Direction::Neutral);
    }

    #[test]
    fn independent_sample_reads_fabricated() {
        let pc = sample(1000, 0.0, &CITIES);
        let (s, d, st) = &run(&pc)[0];
        assert_eq!(
            (*d, *st),
            (Direction::Fabricated, Strength::Moderate),
            "{s:?}"
        );
        assert!(
            (s.value.unwrap() - s.expected.unwrap()).abs() < 0.03,
            "{s:?}"
        );
    }

    #[test]
    fn small_or_concentrated_samples_say_nothing() {
        // Too few pairs.
        let (s, d, _) = &run(&sample(40, 0.0, &CITIES))[0];
        assert!(!s.tested && *d == Direction::Neutral);
        // Independent but under 200 pairs: not weighed.
        let (_, d, _) = &run(&sample(150, 0.0, &CITIES))[0];
        assert_eq!(*d, Direction::Neutral);
        // Agreeing under 200 pairs: weak.
        let (_, d, st) = &run(&sample(150, 0.8, &CITIES))[0];
        assert_eq!((*d, *st), (Direction::Genuine, Strength::Weak));
        // Every address in two cities: agreement cannot be told from chance.
        let (s, d, _) = &run(&sample(1000, 0.0, &CITIES[..2]))[0];
        assert_eq!(*d, Direction::Neutral, "{s:?}");
    }

    #[test]
    fn merge_equals_one_pass() {
        let a = sample(300, 0.5, &CITIES);
        let b = sample(200, 0.1, &CITIES[..5]);
        let mut m = a.clone();
        m.merge(b.clone());
        assert_eq!(m.address.n, 500);
        assert_eq!(m.address.agree, a.address.agree + b.address.agree);
        let total: u64 = m.address.phone.sorted().values().sum();
        assert_eq!(total, 500);
    }

    #[test]
    fn no_columns_no_signal() {
        let pc = sample(1000, 0.7, &CITIES);
        let ss = SampleStats::default();
        let out: Vec<_> = signals(&input(&ss, &pc, None))
            .into_iter()
            .map(Sig::done)
            .collect();
        assert!(out.iter().all(|s| !s.0.tested && s.1 == Direction::Neutral));
    }
}
