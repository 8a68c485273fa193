//! A bounded, exactly mergeable map from 64-bit hashes to small values.
//!
//! Below its capacity it holds every key: counts derived from it are exact. When it would hold
//! more keys than its capacity it keeps only the keys whose hash lies below a threshold that
//! halves each time (distinct sampling, Gibbons 2001), so memory stays bounded and counts
//! become estimates (scaled by `2^level`). The keys kept depend only on the set of keys seen,
//! never on their order, so two accumulators of contiguous runs merged give exactly the map of
//! one pass.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The keys are already hashes: pass them through.
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type Map<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

/// A 64-bit hash of `bytes`, eight bytes at a time, then a finalising mix so that the high bits
/// are well spread (the sampling threshold looks at them).
///
/// The length seeds the state; each little-endian word is xored in, multiplied by an odd
/// constant and rotated (one short dependency chain per eight bytes, where a byte-wise hash has
/// one multiply per byte). A value of more than eight bytes is read as whole words from its
/// start and a last word ending at its end (overlapping the one before when the length is not a
/// multiple of eight); one of at most eight bytes is read as one word whose parts cover every
/// byte, so distinct values of the same length up to eight bytes never collide (every step is a
/// bijection of the word). The same on every target (little-endian reads, wrapping integer
/// arithmetic): a native and a wasm worker's parts key the same values alike.
pub fn hash64(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let n = bytes.len();
    let step = |h: u64, w: u64| (h ^ w).wrapping_mul(K).rotate_left(29);
    let mut h = 0xcbf2_9ce4_8422_2325 ^ (n as u64).wrapping_mul(0x0000_0100_0000_01b3);
    if let Some(last) = bytes.last_chunk::<8>().filter(|_| n > 8) {
        let mut rest = bytes;
        while let Some((w, tail)) = rest.split_first_chunk::<8>().filter(|(_, t)| !t.is_empty()) {
            h = step(h, u64::from_le_bytes(*w));
            rest = tail;
        }
        h = step(h, u64::from_le_bytes(*last));
    } else if n >= 4 {
        let lo = u32_at(bytes, 0);
        let hi = u32_at(bytes, n - 4);
        h = step(h, u64::from(lo) | u64::from(hi) << 32);
    } else if let (Some(&a), Some(&z)) = (bytes.first(), bytes.last()) {
        let m = bytes.get(n / 2).copied().unwrap_or(0);
        h = step(h, u64::from(a) | u64::from(m) << 8 | u64::from(z) << 16);
    }
    mix(h)
}

/// The little-endian `u32` at `at` in `b` (0 past its end).
#[inline(always)]
fn u32_at(b: &[u8], at: usize) -> u32 {
    b.get(at..)
        .and_then(<[u8]>::first_chunk::<4>)
        .map_or(0, |w| u32::from_le_bytes(*w))
}

/// A 64-bit finaliser (from SplitMix64).
pub fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// How a value absorbs a later occurrence of the same key.
pub trait Merge {
    fn merge(&mut self, later: Self);
}

impl Merge for u32 {
    fn merge(&mut self, later: u32) {
        *self = self.saturating_add(later);
    }
}

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct SampledMap<V> {
    map: Map<V>,
    cap: usize,
    level: u32,
}

impl<V: PartialEq> PartialEq for SampledMap<V> {
    fn eq(&self, o: &Self) -> bool {
        self.cap == o.cap && self.level == o.level && self.map == o.map
    }
}
impl<V: Eq> Eq for SampledMap<V> {}

impl<V: Merge> SampledMap<V> {
    pub fn new(cap: usize) -> Self {
        SampledMap {
            map: Map::default(),
            cap: cap.max(1),
            level: 0,
        }
    }

    fn threshold(&self) -> u64 {
        u64::MAX.checked_shr(self.level).unwrap_or(0)
    }

    /// Adds an occurrence of `key` with `value`; returns whether the key is tracked.
    pub fn add(&mut self, key: u64, value: V) -> bool {
        if key > self.threshold() {
            return false;
        }
        match self.map.get_mut(&key) {
            Some(v) => v.merge(value),
            None => {
                self.map.insert(key, value);
                self.shrink();
            }
        }
        true
    }

    fn shrink(&mut self) {
        while self.map.len() > self.cap && self.level < 64 {
            self.level += 1;
            let t = self.threshold();
            self.map.retain(|k, _| *k <= t);
        }
    }

    /// Merges the map of the records that follow this one's.
    ///
    /// The result is what adding the next records' keys one by one gives (shared keys'
    /// values merged in that order, then halving the threshold while the map is over its
    /// capacity), found without inserting the new keys a halving would drop again: the shared
    /// keys are merged in place and the new ones set aside, the level is raised until both
    /// together fit, and only the new keys below the final threshold are inserted, into a table
    /// sized once. (Two full maps merged would otherwise insert about twice the capacity, grow
    /// the table and retain half of it.)
    pub fn merge(&mut self, next: SampledMap<V>) {
        self.level = self.level.max(next.level);
        let t = self.threshold();
        self.map.retain(|k, _| *k <= t);
        let mut fresh: Vec<(u64, V)> = Vec::with_capacity(next.map.len());
        for (k, v) in next.map {
            if k <= t {
                match self.map.get_mut(&k) {
                    Some(a) => a.merge(v),
                    None => fresh.push((k, v)),
                }
            }
        }
        while self.map.len() + fresh.len() > self.cap && self.level < 64 {
            self.level += 1;
            let t = self.threshold();
            self.map.retain(|k, _| *k <= t);
            fresh.retain(|(k, _)| *k <= t);
        }
        self.map.reserve(fresh.len());
        self.map.extend(fresh);
    }

    /// The sampling factor: each kept key stands for `scale()` keys (1 while exact).
    pub fn scale(&self) -> f64 {
        2f64.powi(self.level as i32)
    }

    /// Whether every key seen is held.
    pub fn exact(&self) -> bool {
        self.level == 0
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.map.values()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Short inputs of every length from 0 to 24 bytes, many of each, all told apart: every
    /// single-byte change of a base value, and counting-like values (IDs, phone numbers).
    #[test]
    fn hash64_tells_short_values_apart() {
        use std::collections::HashSet;
        let mut values: HashSet<Vec<u8>> = HashSet::new();
        for len in 0..=24usize {
            let base: Vec<u8> = (0..len).map(|i| b'0' + (i * 7 % 10) as u8).collect();
            for i in 0..len {
                for b in [0u8, 1, b'0', b'9', b'a', 0x80, 0xe5, 0xff] {
                    let mut v = base.clone();
                    v[i] = b;
                    values.insert(v);
                }
            }
            for k in 0..2_000u64 {
                let s = format!("{k:0len$}");
                if s.len() == len {
                    values.insert(s.into_bytes());
                }
            }
            values.insert(base);
        }
        let hashes: HashSet<u64> = values.iter().map(|v| hash64(v)).collect();
        assert_eq!(hashes.len(), values.len());
        assert!(values.len() > 20_000, "{}", values.len());
    }

    /// The length counts: a value and the same value with zero bytes after it (which a
    /// zero-padded word would read alike), and every prefix of a value, hash apart.
    #[test]
    fn hash64_is_length_and_prefix_sensitive() {
        let text = "山东省菏泽市成武县文亭街道办事处伯乐大街123号".as_bytes();
        let mut seen = std::collections::HashSet::new();
        for end in 0..=text.len() {
            assert!(seen.insert(hash64(&text[..end])), "prefix {end}");
        }
        for len in 0..=24usize {
            let v = vec![b'x'; len];
            for pad in 1..=9usize {
                let mut w = v.clone();
                w.resize(len + pad, 0);
                assert_ne!(hash64(&v), hash64(&w), "{len} + {pad} zeros");
            }
        }
        assert_ne!(hash64(b""), hash64(b"\0"));
    }

    /// The sampling threshold keeps keys below `u64::MAX >> level`: for counting-like values
    /// (18-digit IDs that differ in a few digits) the share kept at each level is close to
    /// 2^-level, and the top byte is spread evenly.
    #[test]
    fn hash64_spreads_the_high_bits() {
        let n = 1u64 << 16;
        let hashes: Vec<u64> = (0..n)
            .map(|i| hash64(format!("3101011990{:08}", i * 37).as_bytes()))
            .collect();
        for level in 1..=8u32 {
            let t = u64::MAX >> level;
            let kept = hashes.iter().filter(|&&h| h <= t).count() as f64;
            let expected = n as f64 / f64::from(1u32 << level);
            // Binomial: 5 standard deviations.
            assert!(
                (kept - expected).abs() < 5.0 * expected.sqrt(),
                "level {level}: {kept} vs {expected}"
            );
        }
        let mut top = [0u32; 256];
        for h in &hashes {
            top[(h >> 56) as usize] += 1;
        }
        let expected = n as f64 / 256.0;
        let chi2: f64 = top
            .iter()
            .map(|&c| (f64::from(c) - expected).powi(2) / expected)
            .sum();
        // 255 degrees of freedom: the 99.99th percentile is about 346.
        assert!(chi2 < 346.0, "chi2 {chi2}");
    }

    /// Pinned values: parts made by native and wasm workers are merged, so the hash must be
    /// the same on every target (and changes only deliberately: it decides which keys the
    /// sampled maps keep).
    #[test]
    fn hash64_values_are_pinned() {
        let got: Vec<u64> = [
            "",
            "a",
            "男",
            "13800138000",
            "110101199001010028",
            "山东省菏泽市成武县",
        ]
        .iter()
        .map(|s| hash64(s.as_bytes()))
        .collect();
        assert_eq!(got, PINNED);
    }

    const PINNED: [u64; 6] = [
        17_665_956_581_633_026_203,
        15_038_012_010_932_815_866,
        12_497_141_352_330_500_586,
        11_663_361_631_314_322_950,
        14_848_299_386_599_515_311,
        5_819_646_610_789_153_753,
    ];

    #[test]
    fn exact_below_capacity_and_sampled_above() {
        let mut m = SampledMap::<u32>::new(100);
        for i in 0..50u64 {
            m.add(hash64(&i.to_le_bytes()), 1);
            m.add(hash64(&i.to_le_bytes()), 1);
        }
        assert!(m.exact());
        assert_eq!(m.len(), 50);
        assert!(m.values().all(|&v| v == 2));
        for i in 0..10_000u64 {
            m.add(hash64(&i.to_le_bytes()), 1);
        }
        assert!(!m.exact());
        assert!(m.len() <= 100);
        let est = m.len() as f64 * m.scale();
        assert!((5_000.0..20_000.0).contains(&est), "{est}");
    }

    #[test]
    fn merge_equals_one_pass() {
        for split in [0usize, 1, 333, 2_000, 4_999, 5_000] {
            let keys: Vec<u64> = (0..5_000u64)
                .map(|i| hash64(&(i % 700).to_le_bytes()))
                .collect();
            let mut one = SampledMap::<u32>::new(64);
            for &k in &keys {
                one.add(k, 1);
            }
            let (mut a, mut b) = (SampledMap::<u32>::new(64), SampledMap::<u32>::new(64));
            for &k in &keys[..split] {
                a.add(k, 1);
            }
            for &k in &keys[split..] {
                b.add(k, 1);
            }
            a.merge(b);
            assert_eq!(a, one, "split {split}");
        }
    }

    /// Three parts of keys with many repeats, cut anywhere, each part at its own level (some
    /// exact, some sampled), merged left to right: the map of one pass, and the map the plain
    /// merge (insert every key below the threshold, then halve while over capacity) gives.
    #[test]
    fn merge_of_sampled_parts_equals_one_pass_and_the_plain_merge() {
        fn plain(a: &mut SampledMap<u32>, next: SampledMap<u32>) {
            a.level = a.level.max(next.level);
            let t = a.threshold();
            a.map.retain(|k, _| *k <= t);
            for (k, v) in next.map {
                if k <= t {
                    a.map.entry(k).and_modify(|x| x.merge(v)).or_insert(v);
                }
            }
            a.shrink();
        }
        let mut rng = crate::testgen::Lcg::new(7);
        for round in 0..40u64 {
            let n = 200 + rng.draw() % 6_000;
            let distinct = 1 + rng.draw() as u64 % 3_000;
            let cap = 16 + rng.draw() % 400;
            let keys: Vec<u64> = (0..n)
                .map(|_| hash64(&(rng.draw() as u64 % distinct).to_le_bytes()))
                .collect();
            let mut cuts = [rng.draw() % (n + 1), rng.draw() % (n + 1)];
            cuts.sort_unstable();
            let [c1, c2] = cuts;
            let part = |ks: &[u64]| {
                let mut m = SampledMap::<u32>::new(cap);
                for &k in ks {
                    m.add(k, 1);
                }
                m
            };
            let one = part(&keys);
            let (mut a, mut p) = (part(&keys[..c1]), part(&keys[..c1]));
            for ks in [&keys[c1..c2], &keys[c2..]] {
                a.merge(part(ks));
                plain(&mut p, part(ks));
            }
            assert_eq!(a, one, "round {round}: n {n}, cap {cap}, cuts {c1} {c2}");
            assert_eq!(p, one, "round {round}: the plain merge");
        }
    }

    /// Keys so small that each halving drops none of them until the threshold reaches them:
    /// the merge raises the level as many times as the union needs (61 halvings drop nothing,
    /// the 62nd leaves 1, 2 and 3), as one pass does.
    #[test]
    fn merge_halves_as_often_as_needed() {
        let part = |ks: std::ops::RangeInclusive<u64>| {
            let mut m = SampledMap::<u32>::new(4);
            for k in ks {
                m.add(k, 1);
            }
            m
        };
        let (mut a, one) = (part(1..=4), part(1..=8));
        a.merge(part(5..=8));
        assert_eq!(a, one);
        assert_eq!((a.level, a.len()), (62, 3));
    }
}
