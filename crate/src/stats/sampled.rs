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

/// FNV-1a, 64 bits, then a finalising mix so that the high bits are well spread (the sampling
/// threshold looks at them).
pub fn hash64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    mix(h)
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
    pub fn merge(&mut self, next: SampledMap<V>) {
        self.level = self.level.max(next.level);
        let t = self.threshold();
        self.map.retain(|k, _| *k <= t);
        for (k, v) in next.map {
            if k <= t {
                match self.map.get_mut(&k) {
                    Some(a) => a.merge(v),
                    None => {
                        self.map.insert(k, v);
                    }
                }
            }
        }
        self.shrink();
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
}
