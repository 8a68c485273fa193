//! Mergeable whole-sample statistics for the authenticity assessment ([`crate::assess`]).
//!
//! [`SampleStats`] is fed one [`RowInput`] per record by the analysis row loop and merged like
//! the rest of the [`crate::analysis::Accumulator`]: the statistics of two contiguous runs,
//! merged, equal those of one pass. Memory is bounded:
//! - fixed tables (ages, months, days, provinces, surname classes, phone prefixes, the
//!   32 × 32 address-province × ID-province table, the row-profile histogram of
//!   [`profile::PROFILES`] cells, the valid phone numbers and the valid identity numbers
//!   each counted in [`BUCKETS`] buckets by hash);
//! - hash maps for duplicates, households, shared phones and given names: exact up to their
//!   capacity ([`MAP_CAP`] = 2^16 keys each, see [`sampled::SampledMap`]; about 20 bytes a key
//!   as a part, 24–40 in memory), then sampled by hash so they stop growing and the counts
//!   derived from them become estimates;
//! - a sample of at most [`ROW_CAP`] = 2^16 rows (24 bytes each) for the listed row scores:
//!   every row up to that many, beyond it the rows whose content hash lies below a threshold
//!   that halves as needed (the same rows whatever the chunking); the count of scored rows is
//!   exact for any number of rows (it comes from the row-profile histogram).
//!
//! So a worker's state, and a part, are bounded whatever the row count: about 6 MB in memory
//! and 3–5 MB as a part at most.

pub mod names;
pub mod profile;
pub mod sampled;

use crate::civil::Date;
use crate::refdata::population;
use crate::validate::Sex;
use names::SurnameClass;
use sampled::{hash64, Merge, SampledMap};
use serde::{Deserialize, Serialize};

/// Most rows kept for the listed row scores (about 1.5 MB at 24 bytes a row).
pub const ROW_CAP: usize = 1 << 16;
/// Keys each of the sampled hash maps holds at most (exact up to this many distinct keys).
pub const MAP_CAP: usize = 1 << 16;
/// Buckets every valid phone number, and every valid identity number, is counted in by its
/// hash ([`SampleStats::heavy_phone`], [`SampleStats::heavy_id`]).
pub const BUCKETS: usize = 1 << 12;
/// Oldest single-year age kept apart (older ages count here).
pub const MAX_AGE: usize = 110;
/// What a table of counts by hash bucket says of the value on the most rows
/// ([`SampleStats::heavy_phone`], [`SampleStats::heavy_id`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Heavy {
    /// About how many rows the fullest bucket's value is on, when that bucket stands out.
    pub about: Option<u64>,
    /// The fullest bucket's count: no value is on more rows.
    pub top: u64,
    /// The buckets' robust standard deviation (the estimate's error is about this).
    pub sigma: f64,
}

impl Heavy {
    /// The standing-out bucket's estimate when the sampled map's largest count `sampled_top`
    /// does not explain it (it exceeds it by more than [`HEAVY_SIGMAS`] deviations): a value on
    /// many rows that the sample left out.
    pub fn unsampled(&self, sampled_top: u32) -> Option<u64> {
        self.about
            .filter(|&a| a as f64 > f64::from(sampled_top) + HEAVY_SIGMAS * self.sigma)
    }
}

/// How many robust standard deviations above the median a bucket must stand for
/// [`Heavy::about`] to say it holds a value on many rows (one false alarm in about 10^9
/// buckets for a normal spread).
pub const HEAVY_SIGMAS: f64 = 6.0;
/// Index of "other or unknown" in the province tables.
pub const OTHER_PROVINCE: usize = 31;

/// What the identity column's validator found in one row.
#[derive(Clone, Copy, Debug, Default)]
pub struct IdentityRow {
    /// Hash of the normalised value (duplicates).
    pub key: u64,
    /// First four and last four bytes of the value (ASCII; `?` otherwise) and its length.
    pub ends: [u8; 8],
    pub len: u8,
    pub valid: bool,
    pub date: Option<Date>,
    pub sex: Option<Sex>,
    /// Province code (`xx0000`), China only.
    pub province: Option<u32>,
    /// Wrong check digit.
    pub checksum: bool,
    /// A problem other than the check digit (date, region, length, format…).
    pub other_problem: bool,
    pub region_unknown: bool,
    pub not_person_level: bool,
    pub date_invalid: bool,
    /// Valid, with a region code abolished since (`region_abolished`).
    pub abolished: bool,
    pub legacy: bool,
    /// The sequence number (positions 15–17 of an 18-digit Chinese ID), when there is one.
    pub sequence: Option<u16>,
}

/// One record as the statistics see it. Strings borrow from the record.
#[derive(Clone, Copy, Debug, Default)]
pub struct RowInput<'a> {
    pub row: u64,
    pub identity: Option<IdentityRow>,
    /// The first name column's normalised value, if not empty.
    pub name: Option<&'a str>,
    /// The first address column's normalised value and the province it names.
    pub address: Option<&'a str>,
    pub address_province: Option<u32>,
    /// The address names places that do not belong together (`address_inconsistent`).
    pub address_inconsistent: bool,
    /// The first mobile column's normalised value, and whether it was valid.
    pub phone: Option<&'a str>,
    pub phone_valid: bool,
    /// A cross check that flags rows disagreed on this row.
    pub disagrees: bool,
    /// Hash of all the record's normalised fields (exact duplicate rows).
    pub row_hash: u64,
    /// `hash64` of `name`, `address` and `phone` when the caller has it already (else it is
    /// computed here).
    pub name_hash: Option<u64>,
    pub address_hash: Option<u64>,
    pub phone_hash: Option<u64>,
}

/// Per ID: the first name's hash (32 bits), birth date (packed) and conflict flags.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdEntry {
    pub count: u32,
    pub name: u32,
    pub birth: u32,
    /// Bit 0: another name seen; bit 1: another birth date seen.
    pub conflict: u8,
}

impl Merge for IdEntry {
    fn merge(&mut self, later: IdEntry) {
        self.count = self.count.saturating_add(later.count);
        if later.name != 0 && self.name != 0 && later.name != self.name {
            self.conflict |= 1;
        }
        if self.name == 0 {
            self.name = later.name;
        }
        if later.birth != 0 && self.birth != 0 && later.birth != self.birth {
            self.conflict |= 2;
        }
        if self.birth == 0 {
            self.birth = later.birth;
        }
        self.conflict |= later.conflict;
    }
}

/// Per address: how many people and their birth-year span (0 = unknown).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct House {
    pub count: u32,
    pub min_year: u16,
    pub max_year: u16,
}

impl Merge for House {
    fn merge(&mut self, later: House) {
        self.count = self.count.saturating_add(later.count);
        if later.min_year != 0 {
            self.min_year = if self.min_year == 0 {
                later.min_year
            } else {
                self.min_year.min(later.min_year)
            };
        }
        self.max_year = self.max_year.max(later.max_year);
    }
}

impl IdentityRow {
    /// Fills `key`, `ends` and `len` from the normalised value.
    pub fn set_value(&mut self, value: &str) {
        self.set_value_hashed(value, hash64(value.as_bytes()));
    }

    /// [`IdentityRow::set_value`] with `key` = `hash64(value)` already computed.
    pub fn set_value_hashed(&mut self, value: &str, key: u64) {
        self.key = key;
        let b = value.as_bytes();
        self.len = b.len().min(255) as u8;
        self.ends = [b'?'; 8];
        if b.len() >= 8 && value.is_ascii() {
            self.ends[..4].copy_from_slice(&b[..4]);
            self.ends[4..].copy_from_slice(&b[b.len() - 4..]);
        }
    }
}

/// One row kept for the row scores: its profile cell and enough of the ID to mask it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowRecord {
    pub row: u64,
    /// The row's content hash: what selects it for the sample past [`ROW_CAP`] rows.
    pub key: u64,
    pub profile: u32,
    /// First four and last four bytes of the identity value (ASCII; `?` otherwise).
    pub ends: [u8; 8],
    pub len: u8,
}

impl RowRecord {
    /// The identity value masked as the report masks IDs (`3101**********123X`).
    pub fn masked(&self) -> String {
        if self.len == 0 {
            return String::new();
        }
        let n = usize::from(self.len);
        if n <= 8 {
            return "*".repeat(n);
        }
        let mut s: String = self.ends[..4].iter().map(|&b| char::from(b)).collect();
        s.extend(std::iter::repeat_n('*', n - 8));
        s.extend(self.ends[4..].iter().map(|&b| char::from(b)));
        s
    }
}

/// Counts about the identity column.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdCounts {
    pub values: u64,
    pub valid: u64,
    pub checksum: u64,
    /// Wrong check digit, everything else fine: what a one-character typo gives.
    pub typo_like: u64,
    /// Wrong check digit and another problem: what random digits give.
    pub random_like: u64,
    pub region_unknown: u64,
    pub not_person_level: u64,
    pub date_invalid: u64,
    pub abolished: u64,
    pub legacy: u64,
    /// Valid IDs whose region code is a Chinese county code (the base for `abolished`).
    pub with_region: u64,
    /// Σ over valid IDs with a region of the abolished share of the code list in force at the
    /// likely issue year, in millionths (the expectation, before discounting).
    pub expected_abolished_ppm: u64,
}

/// Whole-sample statistics; see the module documentation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SampleStats {
    pub rows: u64,
    pub id: IdCounts,
    /// People by age in whole years on the reference date (from valid identity values).
    pub ages: Vec<u64>,
    /// [band][0 = men, 1 = women] for the census bands.
    pub age_sex: [[u64; 2]; 4],
    pub men: u64,
    pub women: u64,
    pub months: [u64; 12],
    pub days: [u64; 31],
    pub latest_birth: Option<Date>,
    pub provinces: [u64; 32],
    pub sequence_first_digit: [u64; 10],
    pub sequence_over_995: u64,
    pub sequence_total: u64,
    // Names.
    pub names: u64,
    pub han_names: u64,
    pub surname_classes: [u64; names::SURNAME_CLASSES],
    pub name_lengths: [u64; 5],
    pub lean_checked: u64,
    pub lean_contradicts: u64,
    pub given_names: SampledMap<u32>,
    pub given_total: u64,
    // Addresses and phones.
    pub addresses: u64,
    /// address province index × ID province index, 32 × 32.
    pub address_vs_id: Vec<u64>,
    pub households: SampledMap<House>,
    pub phones: u64,
    pub phone_valid: u64,
    #[serde(with = "big_array")]
    pub phone_prefixes: [u64; 100],
    pub phone_numbers: SampledMap<u32>,
    /// Every valid phone number counted in the bucket of its hash's low 12 bits: a number on
    /// many rows stands out of its bucket even where `phone_numbers` is a sample that left it
    /// out ([`SampleStats::heavy_phone`]). Sums, so merged parts give the one-pass counts.
    pub phone_buckets: Vec<u64>,
    // Duplicates.
    /// Occurrences per row content hash: the exact duplicate rows are the occurrences after
    /// each row's first ([`SampleStats::duplicate_rows`]).
    pub row_hashes: SampledMap<u32>,
    pub ids: SampledMap<IdEntry>,
    /// Every valid identity number counted in the bucket of its key's low 12 bits, as the
    /// phone numbers are ([`SampleStats::heavy_id`]).
    pub id_buckets: Vec<u64>,
    // Row profiles.
    /// Rows per profile cell, laid out by [`profile::Profile::hot_index`] (a permutation of the
    /// cells that keeps a register's common cells together); [`SampleStats::profile_counts`]
    /// gives them in cell order.
    pub profiles: Vec<u64>,
    /// The row sample, in row order (see the module documentation).
    pub row_records: Vec<RowRecord>,
    /// The row sample keeps rows whose key is at most `u64::MAX >> row_level`.
    pub row_level: u32,
}

impl Default for SampleStats {
    fn default() -> Self {
        SampleStats {
            rows: 0,
            id: IdCounts::default(),
            ages: vec![0; MAX_AGE + 1],
            age_sex: [[0; 2]; 4],
            men: 0,
            women: 0,
            months: [0; 12],
            days: [0; 31],
            latest_birth: None,
            provinces: [0; 32],
            sequence_first_digit: [0; 10],
            sequence_over_995: 0,
            sequence_total: 0,
            names: 0,
            han_names: 0,
            surname_classes: [0; names::SURNAME_CLASSES],
            name_lengths: [0; 5],
            lean_checked: 0,
            lean_contradicts: 0,
            given_names: SampledMap::new(MAP_CAP),
            given_total: 0,
            addresses: 0,
            address_vs_id: vec![0; 32 * 32],
            households: SampledMap::new(MAP_CAP),
            phones: 0,
            phone_valid: 0,
            phone_prefixes: [0; 100],
            phone_numbers: SampledMap::new(MAP_CAP),
            phone_buckets: vec![0; BUCKETS],
            row_hashes: SampledMap::new(MAP_CAP),
            ids: SampledMap::new(MAP_CAP),
            id_buckets: vec![0; BUCKETS],
            profiles: vec![0; profile::PROFILES],
            row_records: Vec::new(),
            row_level: 0,
        }
    }
}

fn province_slot(p: Option<u32>) -> usize {
    p.and_then(population::province_index)
        .unwrap_or(OTHER_PROVINCE)
}

/// The two digits after the leading `1` of a mobile number's last eleven digits, if it has
/// eleven.
fn phone_prefix_digits(p: &str) -> Option<(u8, u8)> {
    // Eleven plain digits, as registers mostly write them: the second and the third.
    if let &[_, a, b, ..] = p.as_bytes() {
        if p.len() == 11 && crate::validate::ascii_digits(p.as_bytes()) {
            return Some((a - b'0', b - b'0'));
        }
    }
    // Otherwise the last eleven digits, from the end (no `Vec` per row): the 10th and 9th
    // from the end are the two after the leading 1.
    let (mut n, mut a, mut b) = (0usize, 0u8, 0u8);
    for d in p.bytes().rev().filter(u8::is_ascii_digit).take(11) {
        match n {
            8 => b = d - b'0',
            9 => a = d - b'0',
            _ => {}
        }
        n += 1;
    }
    (n == 11).then_some((a, b))
}

fn pack_date(d: Date) -> u32 {
    (d.year.clamp(0, 9999) as u32) * 10_000 + u32::from(d.month) * 100 + u32::from(d.day)
}

fn add_arr<const N: usize>(a: &mut [u64; N], b: &[u64; N]) {
    for (x, y) in a.iter_mut().zip(b) {
        *x += y;
    }
}

impl SampleStats {
    /// Adds one record; `reference` is the date ages are computed on.
    pub fn add(&mut self, r: &RowInput, reference: Date) {
        self.rows += 1;
        let mut birth_year = None;
        let mut id_sex = None;
        let mut age = None;
        let mut prov_slot = OTHER_PROVINCE;
        if let Some(id) = &r.identity {
            let c = &mut self.id;
            c.values += 1;
            c.valid += u64::from(id.valid);
            c.checksum += u64::from(id.checksum);
            c.typo_like += u64::from(id.checksum && !id.other_problem);
            c.random_like += u64::from(id.checksum && id.other_problem);
            c.region_unknown += u64::from(id.region_unknown);
            c.not_person_level += u64::from(id.not_person_level);
            c.date_invalid += u64::from(id.date_invalid);
            c.legacy += u64::from(id.legacy);
            if id.valid {
                if let Some(d) = id.date {
                    let a = d.age_on(reference).max(0) as usize;
                    age = Some(a);
                    birth_year = Some(d.year);
                    self.ages[a.min(MAX_AGE)] += 1;
                    self.months[usize::from(d.month.clamp(1, 12)) - 1] += 1;
                    self.days[usize::from(d.day.clamp(1, 31)) - 1] += 1;
                    if self.latest_birth.is_none_or(|l| d > l) {
                        self.latest_birth = Some(d);
                    }
                    if id
                        .province
                        .is_some_and(|p| population::province_index(p).is_some())
                    {
                        c.with_region += 1;
                        c.abolished += u64::from(id.abolished);
                        // IDs were first issued from 1984 on: a person born earlier got the
                        // code in force then.
                        let issued = d.year.max(1985);
                        let share = population::census_2020().abolished_share_for(issued);
                        c.expected_abolished_ppm += (share * 1e6) as u64;
                    }
                }
                if let Some(s) = id.sex {
                    id_sex = Some(s);
                    let col = usize::from(s == Sex::Female);
                    if s == Sex::Male {
                        self.men += 1;
                    } else {
                        self.women += 1;
                    }
                    if let Some(a) = age {
                        self.age_sex[population::age_band(a as u32)][col] += 1;
                    }
                }
                prov_slot = province_slot(id.province);
                self.provinces[prov_slot] += 1;
                if let Some(q) = id.sequence {
                    self.sequence_total += 1;
                    self.sequence_first_digit[usize::from(q / 100).min(9)] += 1;
                    self.sequence_over_995 += u64::from(q > 995);
                }
            }
        }

        // Names.
        let mut surname_class = None;
        let mut lean_contradicts = None;
        let mut name_hash = 0u32;
        if let Some(name) = r.name {
            self.names += 1;
            name_hash = (r.name_hash.unwrap_or_else(|| hash64(name.as_bytes())) >> 32) as u32 | 1;
            if let Some(chars) = names::han_name_chars(name) {
                self.han_names += 1;
                self.name_lengths[chars.min(4)] += 1;
                let (class, given) = names::classify_han(name);
                surname_class = Some(class);
                self.surname_classes[class as usize] += 1;
                if class != SurnameClass::Unknown {
                    self.given_total += 1;
                    self.given_names.add(hash64(given.as_bytes()), 1);
                    if let (Some(lean), Some(sex)) = (names::given_name_lean_han(given), id_sex) {
                        self.lean_checked += 1;
                        let contra = lean != sex;
                        self.lean_contradicts += u64::from(contra);
                        lean_contradicts = Some(contra);
                    }
                }
            }
        }

        // Addresses: agreement with the ID's province, households.
        if let Some(addr) = r.address {
            self.addresses += 1;
            if r.address_province.is_some() && r.identity.is_some_and(|i| i.valid) {
                let a = province_slot(r.address_province);
                self.address_vs_id[a * 32 + prov_slot] += 1;
            }
            let year = birth_year.map_or(0, |y| y.clamp(1, 9999) as u16);
            self.households.add(
                r.address_hash.unwrap_or_else(|| hash64(addr.as_bytes())),
                House {
                    count: 1,
                    min_year: year,
                    max_year: year,
                },
            );
        }

        // Phones.
        if let Some(p) = r.phone {
            self.phones += 1;
            if r.phone_valid {
                self.phone_valid += 1;
                if let Some((a, b)) = phone_prefix_digits(p) {
                    self.phone_prefixes[usize::from(a) * 10 + usize::from(b)] += 1;
                }
                let h = r.phone_hash.unwrap_or_else(|| hash64(p.as_bytes()));
                if let Some(b) = self.phone_buckets.get_mut(h as usize % BUCKETS) {
                    *b += 1;
                }
                self.phone_numbers.add(h, 1);
            }
        }

        // Duplicates.
        self.row_hashes.add(r.row_hash, 1);
        if let Some(id) = &r.identity {
            if id.valid {
                if let Some(b) = self.id_buckets.get_mut(id.key as usize % BUCKETS) {
                    *b += 1;
                }
                self.ids.add(
                    id.key,
                    IdEntry {
                        count: 1,
                        name: name_hash,
                        birth: id.date.map_or(0, pack_date),
                        conflict: 0,
                    },
                );
            }
        }

        // Row profile.
        let p = profile::Profile {
            age: age.map(|a| a as u32),
            province: if r.identity.is_some_and(|i| i.valid) {
                Some(prov_slot)
            } else {
                r.identity.map(|_| OTHER_PROVINCE)
            },
            surname: match (r.name, surname_class) {
                (None, _) => profile::NO_NAME,
                (Some(_), Some(c)) => c as usize,
                (Some(_), None) => SurnameClass::Unknown as usize,
            },
            validity: match &r.identity {
                None => profile::VALIDITY_NONE,
                Some(i) if !i.valid => profile::VALIDITY_INVALID,
                Some(_) if r.disagrees => profile::VALIDITY_DISAGREES,
                Some(_) => profile::VALIDITY_OK,
            },
            lean: match lean_contradicts {
                Some(false) => 0,
                Some(true) => 1,
                None => 2,
            },
            address: match (r.address, r.address_province) {
                (None, _) => profile::ADDRESS_UNKNOWN,
                _ if r.address_inconsistent => profile::ADDRESS_INCONSISTENT,
                (Some(_), Some(a))
                    if r.identity.is_some_and(|i| i.valid && i.province.is_some()) =>
                {
                    if province_slot(Some(a)) == prov_slot {
                        profile::ADDRESS_SAME
                    } else {
                        profile::ADDRESS_OTHER
                    }
                }
                _ => profile::ADDRESS_UNKNOWN,
            },
        };
        let cell = p.index();
        if let Some(n) = self.profiles.get_mut(p.hot_index()) {
            *n += 1;
        }
        if r.row_hash <= self.row_threshold() {
            let (ends, len) = r.identity.map_or(([b'?'; 8], 0), |i| (i.ends, i.len));
            self.row_records.push(RowRecord {
                row: r.row,
                key: r.row_hash,
                profile: cell,
                ends,
                len,
            });
            self.shrink_rows();
        }
    }

    /// Exact duplicate rows (every occurrence of a row's content after its first): exact while
    /// the map holds every row; past its capacity, the repeats of the sampled rows scaled by
    /// the sampling factor — an unbiased estimate whose standard error grows with the
    /// duplicates, ≈ √(duplicates × factor), where the rows minus the estimated distinct rows
    /// err by ≈ √(rows × factor) (≈ ±3,500 for 750,000 rows at 1/16, whatever the duplicates).
    pub fn duplicate_rows(&self) -> f64 {
        let repeats: u64 = self
            .row_hashes
            .values()
            .map(|&c| u64::from(c.saturating_sub(1)))
            .sum();
        repeats as f64 * self.row_hashes.scale()
    }

    /// The phone number on the most rows, as far as [`SampleStats::phone_buckets`] tell (see
    /// [`heavy`]). (Used past the map's capacity, where the number itself may not be among
    /// those sampled.)
    pub fn heavy_phone(&self) -> Heavy {
        heavy(&self.phone_buckets)
    }

    /// The identity number on the most rows, as far as [`SampleStats::id_buckets`] tell (see
    /// [`heavy`]).
    pub fn heavy_id(&self) -> Heavy {
        heavy(&self.id_buckets)
    }

    fn row_threshold(&self) -> u64 {
        u64::MAX.checked_shr(self.row_level).unwrap_or(0)
    }

    /// Halves the row sample's threshold until it holds at most [`ROW_CAP`] rows. Which rows
    /// stay depends only on the set of rows seen, never on the chunking.
    fn shrink_rows(&mut self) {
        while self.row_records.len() > ROW_CAP && self.row_level < 64 {
            self.row_level += 1;
            let t = self.row_threshold();
            self.row_records.retain(|r| r.key <= t);
        }
    }

    /// Rows per profile cell, in cell order ([`profile::Profile::index`]).
    pub fn profile_counts(&self) -> Vec<u64> {
        profile::hot_to_cells(&self.profiles)
    }

    /// Whether the tables have the lengths [`SampleStats::default`] gives them.
    pub fn fits(&self) -> bool {
        let d = SampleStats::default();
        self.ages.len() == d.ages.len()
            && self.address_vs_id.len() == d.address_vs_id.len()
            && self.profiles.len() == d.profiles.len()
            && self.phone_buckets.len() == d.phone_buckets.len()
            && self.id_buckets.len() == d.id_buckets.len()
    }

    /// Adds `by` to the row numbers held (see `Accumulator::shift_rows`).
    pub fn shift_rows(&mut self, by: u64) {
        for r in &mut self.row_records {
            r.row += by;
        }
    }

    /// Merges the statistics of the records that follow this one's.
    pub fn merge(&mut self, n: SampleStats) {
        self.rows += n.rows;
        let (a, b) = (&mut self.id, n.id);
        a.values += b.values;
        a.valid += b.valid;
        a.checksum += b.checksum;
        a.typo_like += b.typo_like;
        a.random_like += b.random_like;
        a.region_unknown += b.region_unknown;
        a.not_person_level += b.not_person_level;
        a.date_invalid += b.date_invalid;
        a.abolished += b.abolished;
        a.legacy += b.legacy;
        a.with_region += b.with_region;
        a.expected_abolished_ppm += b.expected_abolished_ppm;
        for (x, y) in self.ages.iter_mut().zip(&n.ages) {
            *x += y;
        }
        for (x, y) in self.age_sex.iter_mut().zip(&n.age_sex) {
            add_arr(x, y);
        }
        self.men += n.men;
        self.women += n.women;
        add_arr(&mut self.months, &n.months);
        add_arr(&mut self.days, &n.days);
        self.latest_birth = match (self.latest_birth, n.latest_birth) {
            (Some(x), Some(y)) => Some(x.max(y)),
            (x, y) => x.or(y),
        };
        add_arr(&mut self.provinces, &n.provinces);
        add_arr(&mut self.sequence_first_digit, &n.sequence_first_digit);
        self.sequence_over_995 += n.sequence_over_995;
        self.sequence_total += n.sequence_total;
        self.names += n.names;
        self.han_names += n.han_names;
        add_arr(&mut self.surname_classes, &n.surname_classes);
        add_arr(&mut self.name_lengths, &n.name_lengths);
        self.lean_checked += n.lean_checked;
        self.lean_contradicts += n.lean_contradicts;
        self.given_names.merge(n.given_names);
        self.given_total += n.given_total;
        self.addresses += n.addresses;
        for (x, y) in self.address_vs_id.iter_mut().zip(&n.address_vs_id) {
            *x += y;
        }
        self.households.merge(n.households);
        self.phones += n.phones;
        self.phone_valid += n.phone_valid;
        add_arr(&mut self.phone_prefixes, &n.phone_prefixes);
        self.phone_numbers.merge(n.phone_numbers);
        for (x, y) in self.phone_buckets.iter_mut().zip(&n.phone_buckets) {
            *x += y;
        }
        self.row_hashes.merge(n.row_hashes);
        self.ids.merge(n.ids);
        for (x, y) in self.id_buckets.iter_mut().zip(&n.id_buckets) {
            *x += y;
        }
        for (x, y) in self.profiles.iter_mut().zip(&n.profiles) {
            *x += y;
        }
        self.row_level = self.row_level.max(n.row_level);
        let t = self.row_threshold();
        self.row_records.retain(|r| r.key <= t);
        self.row_records
            .extend(n.row_records.into_iter().filter(|r| r.key <= t));
        self.shrink_rows();
    }
}

/// What the counts by hash bucket `buckets` say of the value on the most rows: a bucket
/// standing more than [`HEAVY_SIGMAS`] robust standard deviations above the buckets' median
/// holds a value on about (its count − the median) rows; the fullest bucket bounds every value.
pub fn heavy(buckets: &[u64]) -> Heavy {
    let mut sorted = buckets.to_vec();
    sorted.sort_unstable();
    let median = sorted.get(sorted.len() / 2).copied().unwrap_or(0);
    let top = sorted.last().copied().unwrap_or(0);
    let mut dev: Vec<u64> = sorted.iter().map(|&c| c.abs_diff(median)).collect();
    dev.sort_unstable();
    let mad = dev.get(dev.len() / 2).copied().unwrap_or(0) as f64;
    // 1.4826 × MAD estimates a normal spread's σ; at least 1, for nearly empty buckets.
    let sigma = (1.4826 * mad).max(1.0);
    let excess = top - median;
    Heavy {
        about: (excess as f64 > HEAVY_SIGMAS * sigma).then_some(excess),
        top,
        sigma,
    }
}

/// serde for arrays longer than 32 (serde's own impls stop there): as a sequence.
mod big_array {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer, const N: usize>(a: &[u64; N], s: S) -> Result<S::Ok, S::Error> {
        a.as_slice().serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>, const N: usize>(
        d: D,
    ) -> Result<[u64; N], D::Error> {
        let v = Vec::<u64>::deserialize(d)?;
        let n = v.len();
        v.try_into()
            .map_err(|_| serde::de::Error::invalid_length(n, &"an array of the expected length"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_prefix_digits_of_written_forms() {
        for (p, want) in [
            ("13812345678", Some((3, 8))),
            ("19912345678", Some((9, 9))),
            ("+86 138-1234-5678", Some((3, 8))),
            ("008615012345678", Some((5, 0))),
            ("1381234567", None),
            ("1381234567x", None),
            ("138123456789", Some((8, 1))),
            ("", None),
            ("12", None),
        ] {
            assert_eq!(phone_prefix_digits(p), want, "{p}");
        }
    }

    /// `n` synthetic rows from `from` on (row numbers relative to `base`), with repeated IDs,
    /// addresses, phones and whole rows so that every map has duplicates.
    fn feed(st: &mut SampleStats, from: u64, to: u64, base: u64) {
        let reference = Date::new(2026, 1, 1).expect("a valid date");
        for i in from..to {
            let name = format!("王{}", i % 5_000);
            let address = format!("上海市某区{}号", i % 90_000);
            let phone = format!("138{:08}", i % 120_000);
            let id = IdentityRow {
                key: hash64(&(i % 150_000).to_le_bytes()),
                ends: *b"3101123X",
                len: 18,
                valid: !i.is_multiple_of(7),
                date: Date::new(
                    1950 + (i % 60) as i32,
                    1 + (i % 12) as u8,
                    1 + (i % 28) as u8,
                ),
                sex: Some(if i.is_multiple_of(2) {
                    Sex::Male
                } else {
                    Sex::Female
                }),
                province: Some(310_000),
                sequence: Some((i % 1000) as u16),
                ..IdentityRow::default()
            };
            let r = RowInput {
                row: i - base,
                identity: Some(id),
                name: Some(&name),
                address: Some(&address),
                address_province: Some(310_000),
                phone: Some(&phone),
                phone_valid: true,
                row_hash: hash64(&(i % 180_000).to_le_bytes()),
                ..RowInput::default()
            };
            st.add(&r, reference);
        }
    }

    /// The exact duplicate rows: exact below the map's capacity; past it, an estimate whose
    /// error follows the duplicates, not the rows (300,000 distinct rows, 1,000 of them twice:
    /// the rows minus the estimated distinct rows would err by ≈ √(301,000 × 8) ≈ 1,550).
    #[test]
    fn duplicate_rows_exact_then_estimated_from_the_repeats() {
        let add = |st: &mut SampleStats, key: u64| {
            st.add(
                &RowInput {
                    row_hash: hash64(&key.to_le_bytes()),
                    ..RowInput::default()
                },
                Date::new(2026, 1, 1).unwrap(),
            )
        };
        let mut small = SampleStats::default();
        for i in 0..5_000u64 {
            add(&mut small, i % 4_000);
        }
        assert!(small.row_hashes.exact());
        assert_eq!(small.duplicate_rows(), 1_000.0);

        let mut big = SampleStats::default();
        for i in 0..300_000u64 {
            add(&mut big, i);
            if i % 300 == 0 {
                add(&mut big, i);
            }
        }
        assert_eq!(big.rows, 301_000);
        assert!(!big.row_hashes.exact());
        let se = (1_000.0 * big.row_hashes.scale()).sqrt();
        let est = big.duplicate_rows();
        assert!((est - 1_000.0).abs() < 4.0 * se, "{est} (± {se})");
    }

    #[test]
    fn bounded_and_the_same_whatever_the_chunking() {
        let n = 200_000u64;
        let mut one = SampleStats::default();
        feed(&mut one, 0, n, 0);
        // Bounded: every map and the row sample at most their capacity.
        assert_eq!(one.rows, n);
        assert!(one.row_records.len() <= ROW_CAP && one.row_records.len() > ROW_CAP / 4);
        assert!(one.row_level > 0);
        for len in [
            one.ids.len(),
            one.households.len(),
            one.phone_numbers.len(),
            one.row_hashes.len(),
            one.given_names.len(),
        ] {
            assert!(len <= MAP_CAP, "{len}");
        }
        assert!(!one.ids.exact() && !one.row_hashes.exact());
        // Every valid phone number is in a bucket; none of these (each on one or two rows)
        // stands out.
        assert_eq!(one.phone_buckets.iter().sum::<u64>(), one.phone_valid);
        assert!(one.phone_valid > 0 && !one.phone_numbers.exact());
        assert_eq!(one.heavy_phone().about, None, "{:?}", one.heavy_phone());
        // The same for the valid identity numbers.
        assert_eq!(one.id_buckets.iter().sum::<u64>(), one.id.valid);
        assert!(one.id.valid > 0 && !one.ids.exact());
        assert_eq!(one.heavy_id().about, None, "{:?}", one.heavy_id());
        // The sample is spread over the rows and kept in row order.
        assert!(one.row_records.windows(2).all(|w| w[0].row < w[1].row));
        assert!(one.row_records.last().is_some_and(|r| r.row > n * 9 / 10));
        assert!(one.row_records.first().is_some_and(|r| r.row < n / 10));
        // A part stays a few MB.
        let bytes = postcard::to_allocvec(&one).map_or(usize::MAX, |b| b.len());
        assert!(bytes < 6 << 20, "{bytes} bytes");
        // Parts of any size, each numbering its rows from 0, shifted and merged in order.
        for cuts in [
            vec![1u64, n],
            vec![70_000, n],
            vec![33_333, 100_000, 199_999, n],
        ] {
            let mut merged = SampleStats::default();
            let mut at = 0;
            for &c in &cuts {
                let mut part = SampleStats::default();
                feed(&mut part, at, c, at);
                part.shift_rows(at);
                merged.merge(part);
                at = c;
            }
            assert!(merged == one, "cuts {cuts:?}");
        }
    }
}
