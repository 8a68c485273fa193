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

/// The number of features and their category counts.
pub const FEATURES: [usize; 5] = [
    AGE_CATS,
    PROVINCE_CATS,
    SURNAME_CATS,
    VALIDITY_CATS,
    LEAN_CATS,
];
pub const FEATURE_NAMES: [&str; 5] = ["age", "province", "surname", "validity", "name_sex"];

/// Cells of the histogram.
pub const PROFILES: usize = AGE_CATS * PROVINCE_CATS * SURNAME_CATS * VALIDITY_CATS * LEAN_CATS;

/// One row's features.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Profile {
    pub age: Option<u32>,
    /// Province slot (0–30, 31 other); `None` when the row has no ID at all.
    pub province: Option<usize>,
    pub surname: usize,
    pub validity: usize,
    pub lean: usize,
}

impl Profile {
    /// The histogram cell.
    pub fn index(&self) -> u32 {
        let age = self
            .age
            .map_or(AGE_CATS - 1, |a| (a as usize / 5).min(AGE_CATS - 2));
        let prov = self
            .province
            .unwrap_or(PROVINCE_CATS - 1)
            .min(PROVINCE_CATS - 1);
        let v = [
            age,
            prov,
            self.surname.min(SURNAME_CATS - 1),
            self.validity.min(VALIDITY_CATS - 1),
            self.lean.min(LEAN_CATS - 1),
        ];
        let mut i = 0usize;
        for (x, n) in v.iter().zip(FEATURES) {
            i = i * n + x;
        }
        i as u32
    }
}

/// The features of a cell, in the order of [`FEATURES`].
pub fn decode(mut cell: usize) -> [usize; 5] {
    let mut out = [0; 5];
    for (k, n) in FEATURES.iter().enumerate().rev() {
        out[k] = cell % n;
        cell /= n;
    }
    out
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
        };
        assert_eq!(decode(p.index() as usize), [7, 8, 3, 2, 1]);
        let none = Profile {
            age: None,
            province: None,
            surname: NO_NAME,
            validity: VALIDITY_NONE,
            lean: 2,
        };
        assert_eq!(decode(none.index() as usize), [19, 31, 5, 3, 2]);
        assert_eq!(none.index() as usize, PROFILES - 1);
    }
}
