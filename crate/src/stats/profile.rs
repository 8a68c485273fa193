//! Row profiles: each row reduced to a few categorical features, counted in a fixed histogram
//! of [`PROFILES`] cells. The row scores and the mixed-sample detection ([`crate::assess`]) fit
//! a two-class model to this histogram.

/// Age in 5-year bands 0–4 … 85–89, 90+ (19), and unknown.
pub const AGE_CATS: usize = 20;
/// 31 provinces and "other or unknown".
pub const PROVINCE_CATS: usize = 32;
/// The five surname classes ([`super::names::SurnameClass`]) and "no name".
pub const SURNAME_CATS: usize = 6;
pub const NO_NAME: usize = 5;
/// Valid and consistent; invalid ID; valid ID but another column disagrees; no ID.
pub const VALIDITY_CATS: usize = 4;
pub const VALIDITY_OK: usize = 0;
pub const VALIDITY_INVALID: usize = 1;
pub const VALIDITY_DISAGREES: usize = 2;
pub const VALIDITY_NONE: usize = 3;
/// Given name agrees with the ID's sex; contradicts it; cannot tell.
pub const LEAN_CATS: usize = 3;
/// The address against the ID: names the ID's province; names another province; names places
/// that do not belong together (`address_inconsistent`); cannot tell (no address, no province
/// in it, or no valid ID).
pub const ADDRESS_CATS: usize = 4;
pub const ADDRESS_SAME: usize = 0;
pub const ADDRESS_OTHER: usize = 1;
pub const ADDRESS_INCONSISTENT: usize = 2;
pub const ADDRESS_UNKNOWN: usize = 3;

/// The number of features and their category counts.
pub const FEATURES: [usize; 6] = [
    AGE_CATS,
    PROVINCE_CATS,
    SURNAME_CATS,
    VALIDITY_CATS,
    LEAN_CATS,
    ADDRESS_CATS,
];
pub const FEATURE_NAMES: [&str; 6] = [
    "age", "province", "surname", "validity", "name_sex", "address",
];

/// Cells of the histogram.
pub const PROFILES: usize =
    AGE_CATS * PROVINCE_CATS * SURNAME_CATS * VALIDITY_CATS * LEAN_CATS * ADDRESS_CATS;

/// One row's features.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Profile {
    pub age: Option<u32>,
    /// Province slot (0–30, 31 other); `None` when the row has no ID at all.
    pub province: Option<usize>,
    pub surname: usize,
    pub validity: usize,
    pub lean: usize,
    pub address: usize,
}

/// The features' order, outermost first, in which [`super::SampleStats`] lays out its counts
/// while it accumulates ([`Profile::hot_index`]): validity and address, which seldom leave their
/// common category, outermost; age and province, which take most of their categories, innermost.
/// The cells a register's rows fall in then lie close together (the common validity and address
/// block is 11,520 cells, 92 KB, where in cell order they are spread over the whole 1.5 MB table
/// in runs of a few counts), so the per-row increment seldom misses the cache.
const HOT_ORDER: [usize; 6] = [3, 5, 2, 4, 1, 0];

impl Profile {
    /// The histogram cell.
    pub fn index(&self) -> u32 {
        let mut i = 0usize;
        for (x, n) in self.categories().iter().zip(FEATURES) {
            i = i * n + x;
        }
        i as u32
    }

    /// The cell's place in the accumulation layout (see [`HOT_ORDER`]; [`hot_to_cells`] puts
    /// counts kept so back in cell order).
    pub fn hot_index(&self) -> usize {
        hot_of(&self.categories())
    }

    /// The category of each feature, in the order of [`FEATURES`].
    fn categories(&self) -> [usize; 6] {
        let age = self
            .age
            .map_or(AGE_CATS - 1, |a| (a as usize / 5).min(AGE_CATS - 2));
        let prov = self
            .province
            .unwrap_or(PROVINCE_CATS - 1)
            .min(PROVINCE_CATS - 1);
        [
            age,
            prov,
            self.surname.min(SURNAME_CATS - 1),
            self.validity.min(VALIDITY_CATS - 1),
            self.lean.min(LEAN_CATS - 1),
            self.address.min(ADDRESS_CATS - 1),
        ]
    }
}

/// The place in the accumulation layout of the cell with features `v` (in [`FEATURES`] order).
fn hot_of(v: &[usize; 6]) -> usize {
    let mut i = 0usize;
    for k in HOT_ORDER {
        i = i * FEATURES[k] + v[k];
    }
    i
}

/// Counts laid out by [`Profile::hot_index`], in cell order ([`Profile::index`]).
pub fn hot_to_cells(hot: &[u64]) -> Vec<u64> {
    (0..PROFILES)
        .map(|cell| hot.get(hot_of(&decode(cell))).copied().unwrap_or(0))
        .collect()
}

/// The features of a cell, in the order of [`FEATURES`].
pub fn decode(mut cell: usize) -> [usize; FEATURES.len()] {
    let mut out = [0; FEATURES.len()];
    for (k, n) in FEATURES.iter().enumerate().rev() {
        out[k] = cell % n;
        cell /= n;
    }
    out
}

/// Which features of a decoded cell are observed: age and province need a valid ID (an
/// invalid or absent one makes both unknown at once), the given name must tell a sex, the
/// address must be comparable with the ID.
pub fn observed(x: &[usize; FEATURES.len()]) -> [bool; FEATURES.len()] {
    let valid_id = x[3] == VALIDITY_OK || x[3] == VALIDITY_DISAGREES;
    [
        x[0] != AGE_CATS - 1,
        valid_id,
        true,
        true,
        x[4] != LEAN_CATS - 1,
        x[5] != ADDRESS_UNKNOWN,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let p = Profile {
            age: Some(37),
            province: Some(8),
            surname: 3,
            validity: 2,
            lean: 1,
            address: 1,
        };
        assert_eq!(decode(p.index() as usize), [7, 8, 3, 2, 1, 1]);
        let none = Profile {
            age: None,
            province: None,
            surname: NO_NAME,
            validity: VALIDITY_NONE,
            lean: 2,
            address: ADDRESS_UNKNOWN,
        };
        assert_eq!(decode(none.index() as usize), [19, 31, 5, 3, 2, 3]);
        assert_eq!(none.index() as usize, PROFILES - 1);
    }

    /// The accumulation layout is a permutation of the cells, and `hot_to_cells` undoes it.
    #[test]
    fn hot_layout_is_a_permutation() {
        let mut hot = vec![0u64; PROFILES];
        let mut seen = vec![false; PROFILES];
        for cell in 0..PROFILES {
            let v = decode(cell);
            let p = Profile {
                age: (v[0] != AGE_CATS - 1).then_some(v[0] as u32 * 5),
                province: (v[1] != PROVINCE_CATS - 1).then_some(v[1]),
                surname: v[2],
                validity: v[3],
                lean: v[4],
                address: v[5],
            };
            assert_eq!(p.index() as usize, cell);
            let h = p.hot_index();
            assert!(!seen[h], "{cell}");
            seen[h] = true;
            hot[h] = cell as u64 * 3 + 1;
        }
        let cells = hot_to_cells(&hot);
        assert!(cells
            .iter()
            .enumerate()
            .all(|(c, &n)| n == c as u64 * 3 + 1));
    }
}
