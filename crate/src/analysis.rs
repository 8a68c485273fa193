//! Analysis: a [`Plan`] (what each column is, which columns to compare), per-row validation and
//! cross-field checks, and an [`Accumulator`] that is mergeable: feeding the records of a file
//! in two contiguous halves to two accumulators and merging them gives exactly the result of one
//! pass. Memory does not grow with the row count beyond the capped list of flagged rows.

use crate::civil::Date;
use crate::error::{Error, Result};
use crate::ingest::{self, Layout, Record};
use crate::kinds::{self, Inferred, Kind};
use crate::mask;
use crate::normalize::normalize;
use crate::options::Options;
use crate::refdata;
use crate::report::{
    Assessment, ColumnReport, CrossCheck, Flag, IdentityInfo, InputInfo, RegionCount, Report,
    Stats, Tool, YearCount,
};
use crate::stats::{sampled::hash64, IdentityRow, RowInput, SampleStats};
use crate::validate::{self, Check, Context, Facts, Validator};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// Records read to infer column kinds.
pub const SAMPLE_ROWS: usize = 500;

/// The tolerance, in years, when comparing an age column with the age the ID implies.
const AGE_TOLERANCE: i32 = 1;

/// Today's date (UTC): the default reference date.
pub fn today() -> Date {
    #[cfg(target_arch = "wasm32")]
    {
        crate::wasm::today()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Date::from_days((secs / 86_400) as i64).unwrap_or(Date {
            year: 1970,
            month: 1,
            day: 1,
        })
    }
}

/// One column as the analysis treats it.
#[derive(Clone)]
pub struct ColumnPlan {
    pub index: usize,
    pub header: String,
    pub inferred: Inferred,
    validator: Option<&'static dyn Validator>,
    /// What the row loop does with the column's value besides counting it (from the roles,
    /// once per plan rather than compared per value).
    role: RowRole,
    /// Whether the row loop keeps its facts (a role or a cross check uses them).
    wanted: bool,
}

/// The role of a column in the row loop: the identity, name, address or mobile column whose
/// value the row statistics take (the roles' columns are distinct: each is the first of a
/// kind, and the identity column is a `cn_ric` or a registry-format one).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum RowRole {
    #[default]
    Other,
    Identity,
    Name,
    Address,
    Mobile,
}

/// The columns that play a role in the cross-field checks (first column of each kind).
#[derive(Clone, Copy, Debug, Default)]
struct Roles {
    /// The identity column: the first column whose validator extracts a birth date or sex
    /// (a Chinese ID, or another country's identifier), else the first `cn_ric` column.
    ric: Option<usize>,
    name: Option<usize>,
    birth: Option<usize>,
    sex: Option<usize>,
    age: Option<usize>,
    address: Option<usize>,
    mobile: Option<usize>,
    /// The record's own date (e.g. when a case was reported), if a date column exists.
    record_date: Option<usize>,
}

/// The cross-field checks, in report order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cross {
    BirthDateVsId,
    SexVsId,
    AgeVsId,
    AddressProvinceVsId,
    AddressCityVsId,
    PhonePrefixVsRecordDate,
    PhoneCityVsAddress,
    PhoneCityVsId,
}

impl Cross {
    fn id(self) -> &'static str {
        match self {
            Cross::BirthDateVsId => "birth_date_vs_id",
            Cross::SexVsId => "sex_vs_id",
            Cross::AgeVsId => "age_vs_id",
            Cross::AddressProvinceVsId => "address_province_vs_id",
            Cross::AddressCityVsId => "address_city_vs_id",
            Cross::PhonePrefixVsRecordDate => "phone_prefix_vs_record_date",
            Cross::PhoneCityVsAddress => "phone_city_vs_address",
            Cross::PhoneCityVsId => "phone_city_vs_id",
        }
    }

    /// The reason a flagged row carries when this check disagrees.
    fn reason(self) -> &'static str {
        match self {
            Cross::BirthDateVsId => "birth_date_differs_from_id",
            Cross::SexVsId => "sex_differs_from_id",
            Cross::AgeVsId => "age_differs_from_id",
            Cross::AddressProvinceVsId => "address_province_differs_from_id",
            Cross::AddressCityVsId => "address_city_differs_from_id",
            Cross::PhonePrefixVsRecordDate => "phone_prefix_after_record_date",
            Cross::PhoneCityVsAddress => "phone_city_differs_from_address",
            Cross::PhoneCityVsId => "phone_city_differs_from_id",
        }
    }
}

#[derive(Clone, Debug)]
struct CrossPlan {
    check: Cross,
    /// Column indices compared; the first is the one a flag names.
    columns: [usize; 2],
    flags_rows: bool,
}

/// What to do with each column; built once from the header and a sample of records.
#[derive(Clone)]
pub struct Plan {
    pub columns: Vec<ColumnPlan>,
    pub ctx: Context,
    show_values: bool,
    max_flagged: usize,
    roles: Roles,
    cross: Vec<CrossPlan>,
}

impl Plan {
    /// Infers column kinds from the layout's headers and `sample`, honouring the overrides in
    /// `options`. An override naming no column is an error.
    pub fn new(
        layout: &Layout,
        sample: &[Record],
        options: &Options,
        ctx: Context,
    ) -> Result<Plan> {
        let ncols = layout.headers.len();
        let mut overrides: Vec<Option<Kind>> = vec![None; ncols];
        for (key, kind) in &options.kinds {
            let by_header = layout.headers.iter().position(|h| h == key);
            let by_number = key
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=ncols).contains(n))
                .map(|n| n - 1);
            match by_header.or(by_number) {
                Some(i) => overrides[i] = Some(*kind),
                None => {
                    return Err(Error::BadOptions(format!(
                        "no column {key:?} to set the kind of; columns are: {}",
                        layout.headers.join(", ")
                    )))
                }
            }
        }

        let mut columns = Vec::with_capacity(ncols);
        for (i, header) in layout.headers.iter().enumerate() {
            let inferred = match overrides[i] {
                Some(kind) => Inferred {
                    kind,
                    confidence: 1.0,
                    source: "override",
                    alternatives: Default::default(),
                },
                None => {
                    let values: Vec<String> = sample
                        .iter()
                        .filter_map(|r| r.fields.get(i))
                        .map(|v| normalize(v).0.into_owned())
                        .filter(|v| !v.is_empty())
                        .collect();
                    let refs: Vec<&str> = values.iter().map(String::as_str).collect();
                    let named = layout.has_header.then_some(header.as_str());
                    kinds::infer(named, &refs)
                }
            };
            columns.push(ColumnPlan {
                index: i,
                header: header.clone(),
                inferred,
                validator: validate::for_kind(inferred.kind),
                role: RowRole::Other,
                wanted: false,
            });
        }

        let mut plan = Plan {
            columns,
            ctx,
            show_values: options.show_values,
            max_flagged: options.max_flagged,
            roles: Roles::default(),
            cross: Vec::new(),
        };
        plan.assign_roles();
        plan.refine_birth_dates(sample);
        plan.assign_roles();
        plan.find_identity(sample);
        plan.plan_cross_checks();
        plan.plan_wanted();
        Ok(plan)
    }

    fn first_of(&self, kind: Kind) -> Option<usize> {
        self.columns.iter().position(|c| c.inferred.kind == kind)
    }

    fn assign_roles(&mut self) {
        self.roles = Roles {
            ric: self.first_of(Kind::CnRic),
            name: self.first_of(Kind::PersonName),
            birth: self.first_of(Kind::BirthDate),
            sex: self.first_of(Kind::Sex),
            age: self.first_of(Kind::Age),
            address: self.first_of(Kind::Address),
            mobile: self.first_of(Kind::CnMobile),
            record_date: self.first_of(Kind::Date),
        };
    }

    /// The identity column: the first `cn_ric` or registry-format column whose validator
    /// extracts a birth date or sex from the sampled values.
    fn find_identity(&mut self, sample: &[Record]) {
        let ctx = self.ctx;
        let found = self.columns.iter().position(|c| {
            if !matches!(c.inferred.kind, Kind::CnRic | Kind::Format(_)) {
                return false;
            }
            let Some(v) = c.validator else { return false };
            sample
                .iter()
                .filter_map(|r| r.fields.get(c.index))
                .map(|raw| normalize(raw).0)
                .filter(|x| !x.is_empty())
                .take(50)
                .any(|x| {
                    let f = v.check(&x, &ctx).facts;
                    f.date.is_some() || f.sex.is_some()
                })
        });
        if found.is_some() {
            self.roles.ric = found;
        }
    }

    /// Which column the assessment's birth dates and sexes come from, and which population
    /// reference applies.
    pub fn identity_info(&self) -> IdentityInfo {
        let Some(c) = self.roles.ric.and_then(|i| self.columns.get(i)) else {
            return IdentityInfo {
                reference: "none".into(),
                ..IdentityInfo::default()
            };
        };
        let country = match c.inferred.kind {
            Kind::CnRic => Some("CN"),
            _ => c.validator.and_then(|v| v.country()),
        };
        IdentityInfo {
            column: c.header.clone(),
            validator: c.validator.map_or("", |v| v.id()).to_owned(),
            country: country.unwrap_or("").to_owned(),
            reference: if country == Some("CN") {
                "cn_census_2020"
            } else {
                "none"
            }
            .to_owned(),
        }
    }

    /// A date column whose kind came from content alone is a birth-date column when its dates
    /// agree with the birth dates in the ID column on most sampled rows.
    fn refine_birth_dates(&mut self, sample: &[Record]) {
        let Some(ric) = self.roles.ric else { return };
        if self.roles.birth.is_some() {
            return;
        }
        let ctx = self.ctx;
        let Some(ric_v) = self.columns[ric].validator else {
            return;
        };
        for col in &mut self.columns {
            if col.inferred.kind != Kind::Date || col.inferred.source != "content" {
                continue;
            }
            let Some(v) = col.validator else { continue };
            let (mut compared, mut agree) = (0usize, 0usize);
            for r in sample {
                let (Some(a), Some(b)) = (r.fields.get(ric), r.fields.get(col.index)) else {
                    continue;
                };
                let (a, b) = (normalize(a).0, normalize(b).0);
                if a.is_empty() || b.is_empty() {
                    continue;
                }
                if let (Some(x), Some(y)) = (
                    ric_v.check(&a, &ctx).facts.date,
                    v.check(&b, &ctx).facts.date,
                ) {
                    compared += 1;
                    agree += usize::from(x == y);
                }
            }
            if compared > 0 && agree * 2 >= compared {
                col.inferred.kind = Kind::BirthDate;
                col.validator = validate::for_kind(Kind::BirthDate);
                col.inferred.source = "content";
            }
        }
    }

    /// Which columns' facts the row loop keeps, and each column's role there: once per plan
    /// rather than per value.
    fn plan_wanted(&mut self) {
        let r = self.roles;
        for (i, c) in self.columns.iter_mut().enumerate() {
            c.wanted = [r.ric, r.birth, r.sex, r.address].contains(&Some(i))
                || self.cross.iter().any(|c| c.columns.contains(&i));
            let is = |role: Option<usize>| role == Some(i);
            // In the order the row loop used to compare them.
            c.role = if is(r.ric) {
                RowRole::Identity
            } else if is(r.name) {
                RowRole::Name
            } else if is(r.address) {
                RowRole::Address
            } else if is(r.mobile) {
                RowRole::Mobile
            } else {
                RowRole::Other
            };
        }
    }

    fn plan_cross_checks(&mut self) {
        let r = self.roles;
        let mut add = |check, cols: &[Option<usize>; 2], flags_rows| {
            if let [Some(a), Some(b)] = *cols {
                self.cross.push(CrossPlan {
                    check,
                    columns: [a, b],
                    flags_rows,
                });
            }
        };
        add(Cross::BirthDateVsId, &[r.birth, r.ric], true);
        add(Cross::SexVsId, &[r.sex, r.ric], true);
        // Without a record date, an age may simply be older than the reference date: count,
        // do not flag.
        add(Cross::AgeVsId, &[r.age, r.ric], r.record_date.is_some());
        // Migrants live away from where their ID was issued: report the rate, flag no row.
        add(Cross::AddressProvinceVsId, &[r.address, r.ric], false);
        add(Cross::AddressCityVsId, &[r.address, r.ric], false);
        add(
            Cross::PhonePrefixVsRecordDate,
            &[r.mobile, r.record_date],
            true,
        );
        // People keep their numbers when they move: report the rates, flag no row.
        add(Cross::PhoneCityVsAddress, &[r.mobile, r.address], false);
        add(Cross::PhoneCityVsId, &[r.mobile, r.ric], false);
    }
}

/// Counts by reason/note/coding id: a short list searched linearly (a column has a handful of
/// ids), cheaper per row than a `BTreeMap` keyed by string; sorted into the report's maps at the
/// end. Equality ignores the order in which ids were first seen. Keys are `Cow` so that a partial
/// result read back from bytes ([`crate::stream`]) owns its keys without leaking them.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct Counts(Vec<(Cow<'static, str>, u64)>);

impl Counts {
    #[inline]
    fn add(&mut self, id: &'static str, n: u64) {
        // Ids are string literals: the same pointer is the common case, checked first.
        for (k, v) in &mut self.0 {
            let same = match k {
                Cow::Borrowed(b) => std::ptr::eq(*b, id) || *b == id,
                Cow::Owned(o) => o == id,
            };
            if same {
                *v += n;
                return;
            }
        }
        self.0.push((Cow::Borrowed(id), n));
    }

    fn merge(&mut self, from: Counts) {
        for (k, n) in from.0 {
            match self.0.iter_mut().find(|(m, _)| *m == k) {
                Some((_, v)) => *v += n,
                None => self.0.push((k, n)),
            }
        }
    }

    fn sorted(&self) -> BTreeMap<&str, u64> {
        let mut m = BTreeMap::new();
        for (k, v) in &self.0 {
            *m.entry(k.as_ref()).or_default() += v;
        }
        m
    }

    fn total(&self) -> u64 {
        self.0.iter().map(|(_, v)| v).sum()
    }

    fn into_report(self) -> BTreeMap<String, u64> {
        self.sorted()
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect()
    }
}

impl PartialEq for Counts {
    fn eq(&self, o: &Counts) -> bool {
        self.sorted() == o.sorted()
    }
}

impl Eq for Counts {}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
struct ColumnAcc {
    values: u64,
    empty: u64,
    valid: u64,
    invalid: u64,
    reasons: Counts,
    notes: Counts,
    codings: Counts,
}

impl ColumnAcc {
    fn merge(&mut self, o: ColumnAcc) {
        self.values += o.values;
        self.empty += o.empty;
        self.valid += o.valid;
        self.invalid += o.invalid;
        self.reasons.merge(o.reasons);
        self.notes.merge(o.notes);
        self.codings.merge(o.codings);
    }
}

/// A key the [`Tally`] can count in a flat table: most keys map to a slot.
trait Slot: Ord + Copy {
    const SLOTS: usize;
    fn slot(self) -> Option<usize>;
    fn key(slot: usize) -> Self;
}

/// Birth years 1800–2199 have a slot.
impl Slot for i32 {
    const SLOTS: usize = 400;
    fn slot(self) -> Option<usize> {
        usize::try_from(self.checked_sub(1800)?)
            .ok()
            .filter(|&s| s < Self::SLOTS)
    }
    fn key(slot: usize) -> i32 {
        1800 + slot as i32
    }
}

/// Province codes `xx0000` have a slot.
impl Slot for u32 {
    const SLOTS: usize = 100;
    fn slot(self) -> Option<usize> {
        self.is_multiple_of(10_000)
            .then_some(self as usize / 10_000)
            .filter(|&s| s < Self::SLOTS)
    }
    fn key(slot: usize) -> u32 {
        slot as u32 * 10_000
    }
}

/// Counts by key (birth year, province): a flat table for the usual keys, a `BTreeMap` for the
/// rest — a `BTreeMap` search per row showed in the profile. Serialised, compared and read
/// back as the one `BTreeMap` of all the counts, as before.
#[derive(Clone, Debug, Default)]
struct Tally<K: Slot> {
    flat: Vec<u64>,
    rest: BTreeMap<K, u64>,
}

impl<K: Slot> Tally<K> {
    #[inline]
    fn add(&mut self, k: K, n: u64) {
        match k.slot() {
            Some(i) => {
                if self.flat.len() != K::SLOTS {
                    self.flat.resize(K::SLOTS, 0);
                }
                if let Some(c) = self.flat.get_mut(i) {
                    *c += n;
                }
            }
            None => *self.rest.entry(k).or_default() += n,
        }
    }

    fn merge(&mut self, o: &Tally<K>) {
        for (k, v) in o.to_map() {
            self.add(k, v);
        }
    }

    /// Every key counted, with its count.
    fn to_map(&self) -> BTreeMap<K, u64> {
        let mut m = self.rest.clone();
        for (i, &c) in self.flat.iter().enumerate() {
            if c > 0 {
                m.insert(K::key(i), c);
            }
        }
        m
    }
}

impl<K: Slot> PartialEq for Tally<K> {
    fn eq(&self, o: &Self) -> bool {
        self.to_map() == o.to_map()
    }
}

impl<K: Slot> Eq for Tally<K> {}

impl<K: Slot + Serialize> Serialize for Tally<K> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.to_map().serialize(s)
    }
}

impl<'de, K: Slot + Deserialize<'de>> Deserialize<'de> for Tally<K> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let m = BTreeMap::<K, u64>::deserialize(d)?;
        let mut t = Tally {
            flat: Vec::new(),
            rest: BTreeMap::new(),
        };
        for (k, v) in m {
            t.add(k, v);
        }
        Ok(t)
    }
}

/// Reusable buffers for one row's values; not part of the accumulated state.
#[derive(Debug, Default)]
struct Scratch {
    /// Per column (by position in the plan): the last value validated and its result.
    memo: Vec<Memo>,
}

/// A column's last value, its hash and what its validator said. Validators are pure functions
/// of the value and the plan's context, and registers often repeat a value on consecutive rows
/// (the people of one household share the address, sex takes a handful of values), so a value
/// equal to the previous one reuses its hash and its check instead of computing them again. A
/// column whose values do not repeat (IDs, phone numbers) stops being remembered for a while,
/// so that it does not pay for copying each value.
#[derive(Debug, Default)]
struct Memo {
    /// Whether `value` and `hash` are the column's last value and its `hash64`.
    keyed: bool,
    /// Whether `value` is its own raw value: `normalize` left it as it was (nothing applied),
    /// so a raw value equal to it needs no normalising either.
    clean: bool,
    value: String,
    hash: u64,
    /// The check of `value`, once validated (`checked`). Kept (not dropped) across values: the
    /// validator fills it in place.
    check: Check,
    checked: bool,
    /// Misses since the last hit.
    misses: u32,
    /// Rows left during which the column is not remembered.
    resting: u32,
    /// Whether the column's facts for this row are those of `check` (set only for the columns
    /// that take part in cross checks, see [`RowFacts`]).
    known: bool,
}

/// Misses in a row after which a column rests, and for how many rows.
const MEMO_MISSES: u32 = 64;
const MEMO_REST: u32 = 4096;
/// Longer values are never remembered: they seldom repeat, and a copy of a huge one (a record
/// of hundreds of MB without a line break) would double what the row holds.
const MEMO_MAX_BYTES: usize = 1024;

impl Memo {
    /// The remembered `hash64` when this row's `raw` value is the value remembered and that
    /// value was clean (see `clean`): then `normalize(raw)` is `raw` with nothing applied, and
    /// the row skips it. `None` otherwise (then [`Memo::key`] as usual).
    fn repeat(&mut self, raw: &str) -> Option<u64> {
        if self.resting == 0 && self.keyed && self.clean && self.value == raw {
            self.misses = 0;
            return Some(self.hash);
        }
        None
    }

    /// `hash64(value)` for this row's `value`: the remembered one when it is the value
    /// remembered, else computed (and remembered unless the column rests). `clean`: whether
    /// `value` is the raw value, normalised to itself.
    fn key(&mut self, value: &str, clean: bool) -> u64 {
        if self.resting > 0 {
            self.resting -= 1;
            return hash64(value.as_bytes());
        }
        if value.len() > MEMO_MAX_BYTES {
            self.keyed = false;
            self.checked = false;
            return hash64(value.as_bytes());
        }
        // A clean value equal to a clean remembered one was caught by `repeat`.
        if self.keyed && !(clean && self.clean) && self.value == value {
            self.misses = 0;
            return self.hash;
        }
        self.misses += 1;
        if self.misses >= MEMO_MISSES {
            self.misses = 0;
            self.resting = MEMO_REST;
            self.keyed = false;
            self.checked = false;
            return hash64(value.as_bytes());
        }
        self.keyed = true;
        self.clean = clean;
        self.value.clear();
        self.value.push_str(value);
        self.hash = hash64(value.as_bytes());
        self.checked = false;
        self.hash
    }

    /// The check of this row's value (the one given to [`Memo::key`]): the remembered one,
    /// else what `validate` writes over the kept check (kept until the next row's value
    /// whether or not the column rests, as the row's facts are read from it).
    fn check(&mut self, validate: impl FnOnce(&mut Check)) -> &Check {
        if !(self.keyed && self.checked) {
            validate(&mut self.check);
            self.checked = true;
        }
        &self.check
    }
}

/// One row's facts by column: those of the columns that take part in cross checks, read from
/// the checks the memos hold.
struct RowFacts<'a> {
    memo: &'a [Memo],
}

impl<'a> RowFacts<'a> {
    fn get(&self, column: usize) -> Option<&'a Facts> {
        let m = self.memo.get(column)?;
        (m.known && m.checked).then_some(&m.check.facts)
    }

    /// The facts of a value its validator found no problem with.
    fn valid(&self, column: usize) -> Option<&'a Facts> {
        let m = self.memo.get(column)?;
        (m.known && m.checked && m.check.problems.is_empty()).then_some(&m.check.facts)
    }
}

impl Clone for Scratch {
    fn clone(&self) -> Self {
        Scratch::default()
    }
}

impl PartialEq for Scratch {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Scratch {}

/// Counts over a contiguous run of records. Merge accumulators of consecutive runs in order.
/// Serialisable (serde) so that a worker can hand its partial result to another.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Accumulator {
    rows: u64,
    ragged: u64,
    unparseable: u64,
    normalizations: Counts,
    columns: Vec<ColumnAcc>,
    /// (checked, disagree) per planned cross check.
    cross: Vec<(u64, u64)>,
    flags: Vec<Flag>,
    flagged_total: u64,
    birth_years: Tally<i32>,
    male: u64,
    female: u64,
    provinces: Tally<u32>,
    sample: SampleStats,
    #[serde(skip)]
    scratch: Scratch,
    /// Per column: the free-text accumulator of a `text` column.
    texts: Vec<Option<crate::freetext::TextStats>>,
    /// Phone city against address and ID city, with their marginals.
    phone_city: crate::assess::phone_city::PhoneCityStats,
}

impl Accumulator {
    pub fn new(plan: &Plan) -> Accumulator {
        Accumulator {
            columns: vec![ColumnAcc::default(); plan.columns.len()],
            cross: vec![(0, 0); plan.cross.len()],
            sample: SampleStats::default(),
            texts: plan
                .columns
                .iter()
                .map(|c| (c.inferred.kind == Kind::Text).then(Default::default))
                .collect(),
            ..Accumulator::default()
        }
    }

    fn flag(&mut self, plan: &Plan, row: u64, column: Option<usize>, reason: &str, raw: &str) {
        push_flag(
            &mut self.flags,
            &mut self.flagged_total,
            plan,
            row,
            column,
            reason,
            raw,
        );
    }

    /// Adds one record.
    pub fn add(&mut self, plan: &Plan, rec: &Record) {
        self.rows += 1;
        if let Some(p) = &rec.problem {
            match p {
                ingest::RecordProblem::Unparseable { .. } => self.unparseable += 1,
                _ => self.ragged += 1,
            }
            self.flag(plan, rec.row, None, p.reason(), "");
            if matches!(p, ingest::RecordProblem::Unparseable { .. }) {
                return;
            }
        }

        let mut identity: Option<IdentityRow> = None;
        let mut address_province = None;
        let mut address_inconsistent = false;
        let mut phone_valid = false;
        let mut row_hash = 0u64;
        let (mut name_hash, mut address_hash, mut phone_hash) = (None, None, None);
        // The scratch buffers are borrowed field by field (not moved out and back per row).
        let scratch = &mut self.scratch;
        // The row's name, address and phone values, borrowed from the record (not copied)
        // unless normalisation rewrote them.
        let (mut name, mut address, mut phone): (Option<Cow<'_, str>>, _, _) = (None, None, None);

        // Which columns' facts this row has (they stay in the memos' checks, not copied): each
        // memo's `known`, set below (a column's index is its position in the plan).
        if scratch.memo.len() != plan.columns.len() {
            scratch.memo.clear();
            scratch.memo.resize_with(plan.columns.len(), Memo::default);
        }
        let r = &plan.roles;

        for (col, m) in plan.columns.iter().zip(scratch.memo.iter_mut()) {
            m.known = false;
            let raw = rec.fields.get(col.index).map_or("", String::as_str);
            // A clean value equal to the column's last one is not normalised again.
            let (value, value_hash) = match m.repeat(raw) {
                Some(hash) => (Cow::Borrowed(raw), hash),
                None => {
                    let (value, applied) = normalize(raw);
                    // Most values need no normalisation: skip walking the six kinds then.
                    if !applied.is_empty() {
                        for id in applied.ids() {
                            self.normalizations.add(id, 1);
                        }
                    }
                    let clean = applied.is_empty() && value.len() == raw.len();
                    let hash = m.key(&value, clean);
                    (value, hash)
                }
            };
            row_hash = (row_hash ^ value_hash)
                .wrapping_mul(0x9e37_79b9_7f4a_7c15)
                .rotate_left(7);
            let Some(acc) = self.columns.get_mut(col.index) else {
                continue;
            };
            if value.is_empty() {
                acc.empty += 1;
                continue;
            }
            match col.role {
                RowRole::Name => {
                    name = Some(value.clone());
                    name_hash = Some(value_hash);
                }
                RowRole::Address => {
                    address = Some(value.clone());
                    address_hash = Some(value_hash);
                }
                RowRole::Mobile => {
                    phone = Some(value.clone());
                    phone_hash = Some(value_hash);
                }
                RowRole::Identity | RowRole::Other => {}
            }
            acc.values += 1;
            // A text column (and only one, see `Accumulator::new` and `fits`) has a text
            // accumulator: the kind is at hand, the accumulators' slots are not.
            let text = if col.inferred.kind == Kind::Text {
                self.texts.get_mut(col.index).and_then(Option::as_mut)
            } else {
                None
            };
            if let Some(t) = text {
                let found = t.add(rec.row, &value, plan.ctx.reference_date);
                for (hit, reason) in [
                    (found.late, "text_date_after_reference"),
                    (found.anachronism, "text_place_did_not_exist_then"),
                ] {
                    if hit {
                        push_flag(
                            &mut self.flags,
                            &mut self.flagged_total,
                            plan,
                            rec.row,
                            Some(col.index),
                            reason,
                            &value,
                        );
                    }
                }
                continue;
            }
            let Some(v) = col.validator else { continue };
            let check = m.check(|out| v.check_into(&value, &plan.ctx, out));
            let problems = &check.problems;
            let notes = &check.notes;
            let f = &check.facts;
            if problems.is_empty() {
                acc.valid += 1;
            } else {
                acc.invalid += 1;
            }
            if col.role == RowRole::Identity {
                let has = |p: &str| problems.contains(&p);
                let mut id = IdentityRow {
                    valid: problems.is_empty(),
                    date: f.date,
                    sex: f.sex,
                    province: f.province,
                    checksum: has("checksum"),
                    other_problem: problems.iter().any(|p| *p != "checksum"),
                    region_unknown: has("region_unknown"),
                    not_person_level: has("region_not_person_level"),
                    date_invalid: has("date_invalid"),
                    abolished: notes.contains(&"region_abolished"),
                    legacy: notes.contains(&"legacy_15_digit"),
                    sequence: (col.inferred.kind == Kind::CnRic
                        && value.len() == 18
                        && value.is_ascii())
                    .then(|| value.as_bytes().get(14..17).and_then(parse_u16))
                    .flatten(),
                    ..IdentityRow::default()
                };
                id.set_value_hashed(&value, value_hash);
                identity = Some(id);
            } else if col.role == RowRole::Address {
                address_province = f.province;
                address_inconsistent = problems.contains(&"address_inconsistent");
            } else if col.role == RowRole::Mobile {
                phone_valid = problems.is_empty();
            }
            for &p in problems {
                acc.reasons.add(p, 1);
            }
            for &n in notes {
                acc.notes.add(n, 1);
            }
            if let Some(c) = f.coding {
                acc.codings.add(c, 1);
            }
            for &p in problems {
                push_flag(
                    &mut self.flags,
                    &mut self.flagged_total,
                    plan,
                    rec.row,
                    Some(col.index),
                    p,
                    &value,
                );
            }
            m.known = col.wanted;
        }

        let facts = &RowFacts {
            memo: &scratch.memo,
        };
        let fact = |c: Option<usize>| c.and_then(|i| facts.get(i));
        // The roles' facts, looked up once for the statistics and the cross checks.
        let rf = RoleFacts {
            ric: fact(r.ric),
            birth: fact(r.birth),
            sex: fact(r.sex),
            age: fact(r.age),
            address: fact(r.address),
            mobile: fact(r.mobile),
            record_date: fact(r.record_date),
        };
        // The people's summary counts valid values only (an ID with a wrong check digit or an
        // impossible date, a birth date after the reference date, say nothing sure).
        let valid = |c: Option<usize>| c.and_then(|i| facts.valid(i));
        add_stats(
            &mut self.birth_years,
            &mut self.provinces,
            &mut self.male,
            &mut self.female,
            plan,
            &RoleFacts {
                ric: valid(r.ric),
                birth: valid(r.birth),
                sex: valid(r.sex),
                ..rf
            },
        );
        self.phone_city.add(rf.mobile, rf.address, rf.ric);

        let mut disagrees = false;
        for (k, cp) in plan.cross.iter().enumerate() {
            let verdict = cross_verdict(plan, cp, &rf);
            if let Some(disagree) = verdict {
                self.cross[k].0 += 1;
                if disagree {
                    disagrees |= cp.flags_rows;
                    self.cross[k].1 += 1;
                    if cp.flags_rows {
                        let c = cp.columns[0];
                        let raw = rec.fields.get(c).map_or("", String::as_str);
                        let value = normalize(raw).0.into_owned();
                        push_flag(
                            &mut self.flags,
                            &mut self.flagged_total,
                            plan,
                            rec.row,
                            Some(c),
                            cp.check.reason(),
                            &value,
                        );
                    }
                }
            }
        }

        let row = RowInput {
            row: rec.row,
            identity,
            name: name.as_deref(),
            address: address.as_deref(),
            address_province,
            address_inconsistent,
            phone: phone.as_deref(),
            phone_valid,
            disagrees,
            row_hash,
            name_hash,
            address_hash,
            phone_hash,
        };
        self.sample.add(&row, plan.ctx.reference_date);
    }

    /// Merges the accumulator of the records that directly follow this one's.
    pub fn merge(&mut self, plan: &Plan, next: Accumulator) {
        self.rows += next.rows;
        self.ragged += next.ragged;
        self.unparseable += next.unparseable;
        self.normalizations.merge(next.normalizations);
        for (a, b) in self.columns.iter_mut().zip(next.columns) {
            a.merge(b);
        }
        for (a, b) in self.cross.iter_mut().zip(next.cross) {
            a.0 += b.0;
            a.1 += b.1;
        }
        let room = plan.max_flagged.saturating_sub(self.flags.len());
        self.flags.extend(next.flags.into_iter().take(room));
        self.flagged_total += next.flagged_total;
        self.birth_years.merge(&next.birth_years);
        self.male += next.male;
        self.female += next.female;
        self.provinces.merge(&next.provinces);
        self.sample.merge(next.sample);
        self.phone_city.merge(next.phone_city);
        for (a, b) in self.texts.iter_mut().zip(next.texts) {
            if let (Some(a), Some(b)) = (a.as_mut(), b) {
                a.merge(b);
            }
        }
    }

    /// Adds `by` to every row number held (flags, row records, text examples): a partial
    /// result numbered from 1 within its range becomes numbered within the whole input.
    pub fn shift_rows(&mut self, by: u64) {
        for f in &mut self.flags {
            f.row += by;
        }
        self.sample.shift_rows(by);
        for t in self.texts.iter_mut().flatten() {
            t.shift_rows(by);
        }
    }

    /// Whether an accumulator read back from bytes has the shape `plan` gives one (so that
    /// merging and finishing cannot index out of range).
    pub fn fits(&self, plan: &Plan) -> bool {
        self.columns.len() == plan.columns.len()
            && self.cross.len() == plan.cross.len()
            && self.texts.len() == plan.columns.len()
            && self
                .texts
                .iter()
                .zip(&plan.columns)
                .all(|(t, c)| t.is_some() == (c.inferred.kind == Kind::Text))
            && self.sample.fits()
    }

    /// Rows added so far.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// The report for the accumulated records.
    pub fn finish(self, plan: &Plan, options: &Options, input: InputMeta) -> Report {
        let columns = plan
            .columns
            .iter()
            .zip(self.columns)
            .map(|(c, a)| ColumnReport {
                index: c.index as u64,
                header: c.header.clone(),
                kind: c.inferred.kind,
                confidence: c.inferred.confidence,
                kind_source: c.inferred.source.to_owned(),
                values: a.values,
                empty: a.empty,
                valid: a.valid,
                invalid: a.invalid,
                invalid_reasons: a.reasons.into_report(),
                notes: a.notes.into_report(),
                codings: a.codings.into_report(),
                alternatives: c
                    .inferred
                    .alternatives()
                    .map(|k| k.id().to_owned())
                    .collect(),
            })
            .collect();
        let cross_checks = plan
            .cross
            .iter()
            .zip(self.cross)
            .map(|(cp, (checked, disagree))| CrossCheck {
                id: cp.check.id().to_owned(),
                columns: cp
                    .columns
                    .iter()
                    .map(|&i| plan.columns[i].header.clone())
                    .collect(),
                checked,
                disagree,
                flags_rows: cp.flags_rows,
            })
            .collect();
        let mut provinces: Vec<RegionCount> = self
            .provinces
            .to_map()
            .iter()
            .map(|(&code, &count)| RegionCount {
                code: format!("{code:06}"),
                name: refdata::regions::province_name(code)
                    .unwrap_or("?")
                    .to_owned(),
                count,
            })
            .collect();
        provinces.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(&b.code)));
        let source = if plan.roles.ric.is_some() {
            "id"
        } else if plan.roles.birth.is_some() || plan.roles.sex.is_some() {
            "columns"
        } else {
            "none"
        };
        let stats = Stats {
            source: source.to_owned(),
            birth_years: self
                .birth_years
                .to_map()
                .into_iter()
                .map(|(year, count)| YearCount { year, count })
                .collect(),
            male: self.male,
            female: self.female,
            provinces,
        };
        let mut settings = options.clone();
        settings.reference_date = Some(plan.ctx.reference_date);
        let normalizations = self.normalizations.total();
        let text_columns = plan
            .columns
            .iter()
            .zip(self.texts)
            .filter_map(|(c, t)| t.map(|t| t.finish(&c.header)))
            .collect();
        let mut report = Report {
            text_columns,
            schema_version: crate::report::SCHEMA_VERSION,
            tool: Tool {
                name: "veracity".into(),
                version: crate::VERSION.into(),
            },
            input: InputInfo {
                sha256: input.sha256,
                bytes: input.bytes,
                format: input.layout.format,
                encoding: input.encoding.to_owned(),
                rows: self.rows,
                columns: plan.columns.len() as u64,
                delimiter: input.layout.delimiter.clone(),
                has_header: input.layout.has_header,
                malformed_bytes: input.malformed,
                ragged_rows: self.ragged,
                unparseable_rows: self.unparseable,
                normalizations: self.normalizations.into_report(),
                late_keys: Default::default(),
            },
            settings,
            columns,
            cross_checks,
            flagged_rows: self.flags,
            flagged_total: self.flagged_total,
            stats,
            assessment: Assessment::default(),
        };
        report.assessment = crate::assess::assess(&crate::assess::Input {
            stats: &self.sample,
            rows: self.rows,
            columns: &report.columns,
            cross_checks: &report.cross_checks,
            normalizations,
            identity: plan.identity_info(),
            identity_column: plan.roles.ric,
            name_column: plan.roles.name,
            address_column: plan.roles.address,
            phone_column: plan.roles.mobile,
            phone_city: &self.phone_city,
            reference_date: plan.ctx.reference_date,
            max_listed: plan.max_flagged.min(1000),
        });
        report
    }
}

/// Records a flagged row (counted always, listed up to `plan.max_flagged`).
#[allow(clippy::too_many_arguments)]
fn push_flag(
    flags: &mut Vec<Flag>,
    total: &mut u64,
    plan: &Plan,
    row: u64,
    column: Option<usize>,
    reason: &str,
    raw: &str,
) {
    *total += 1;
    if flags.len() >= plan.max_flagged {
        return;
    }
    let (header, kind) = match column.and_then(|c| plan.columns.get(c)) {
        Some(c) => (c.header.clone(), c.inferred.kind),
        None => (String::new(), Kind::Unknown),
    };
    let value = if plan.show_values {
        mask::truncate(raw)
    } else {
        mask::mask(kind, raw)
    };
    flags.push(Flag {
        row,
        column: header,
        reason: reason.to_owned(),
        value,
    });
}

/// Birth year, sex and province: from the ID when the row has one, else from the columns.
fn add_stats(
    birth_years: &mut Tally<i32>,
    provinces: &mut Tally<u32>,
    male: &mut u64,
    female: &mut u64,
    plan: &Plan,
    rf: &RoleFacts,
) {
    let (date, sex, province) = match plan.roles.ric {
        Some(_) => {
            let Some(f) = rf.ric else { return };
            (f.date, f.sex, f.province)
        }
        None => (
            rf.birth.and_then(|f| f.date),
            rf.sex.and_then(|f| f.sex),
            None,
        ),
    };
    if let Some(d) = date {
        birth_years.add(d.year, 1);
    }
    match sex {
        Some(validate::Sex::Male) => *male += 1,
        Some(validate::Sex::Female) => *female += 1,
        None => {}
    }
    if let Some(p) = province {
        provinces.add(p, 1);
    }
}

/// One row's facts of the role columns (`None` for a role without a column, or whose column
/// has no facts on this row).
struct RoleFacts<'a> {
    ric: Option<&'a Facts>,
    birth: Option<&'a Facts>,
    sex: Option<&'a Facts>,
    age: Option<&'a Facts>,
    address: Option<&'a Facts>,
    mobile: Option<&'a Facts>,
    record_date: Option<&'a Facts>,
}

/// `str::parse::<u16>` of ASCII bytes (an optional `+`, then digits), without the generic
/// parser's set-up: the ID's sequence number, three bytes per row.
fn parse_u16(b: &[u8]) -> Option<u16> {
    let digits = b.strip_prefix(b"+").unwrap_or(b);
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    digits.iter().try_fold(0u16, |n, &d| {
        n.checked_mul(10)?.checked_add(u16::from(d - b'0'))
    })
}

/// `Some(disagree)` when both sides of a cross check are known for this row. The two sides
/// are the facts of the check's columns (`CrossPlan::columns`, which are these roles'
/// columns: see `Plan::plan_cross_checks`).
fn cross_verdict(plan: &Plan, cp: &CrossPlan, rf: &RoleFacts) -> Option<bool> {
    let (a, b) = match cp.check {
        Cross::BirthDateVsId => (rf.birth, rf.ric),
        Cross::SexVsId => (rf.sex, rf.ric),
        Cross::AgeVsId => (rf.age, rf.ric),
        Cross::AddressProvinceVsId | Cross::AddressCityVsId => (rf.address, rf.ric),
        Cross::PhonePrefixVsRecordDate => (rf.mobile, rf.record_date),
        Cross::PhoneCityVsAddress => (rf.mobile, rf.address),
        Cross::PhoneCityVsId => (rf.mobile, rf.ric),
    };
    let (a, b) = (a?, b?);
    match cp.check {
        Cross::BirthDateVsId => Some(a.date? != b.date?),
        Cross::SexVsId => Some(a.sex? != b.sex?),
        Cross::AgeVsId => {
            let age = i32::try_from(a.age?).ok()?;
            let born = b.date?;
            let at = rf
                .record_date
                .and_then(|f| f.date)
                .unwrap_or(plan.ctx.reference_date);
            Some((age - born.age_on(at)).abs() > AGE_TOLERANCE)
        }
        Cross::AddressProvinceVsId => Some(a.province? != b.province?),
        Cross::AddressCityVsId => Some(a.prefecture? != b.prefecture?),
        Cross::PhonePrefixVsRecordDate => Some(i32::from(a.since_year?) > b.date?.year),
        Cross::PhoneCityVsAddress | Cross::PhoneCityVsId => {
            let city = refdata::phone_blocks::comparable_city;
            Some(city(a.prefecture?) != city(b.prefecture?))
        }
    }
}

/// What the report says about the input besides the counts.
pub struct InputMeta {
    pub sha256: String,
    pub bytes: u64,
    pub encoding: &'static str,
    pub malformed: u64,
    pub layout: Layout,
}

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// How far a verification has got.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Progress {
    /// Records processed so far.
    pub rows: u64,
    /// Line of the decoded text the last record started on.
    pub line: u64,
    /// Lines in the decoded text.
    pub lines: u64,
}

/// Records between two looks at the clock for `limits.max_seconds`.
const TIME_CHECK_EVERY: u64 = 1_000;

/// Milliseconds on a wall clock (only differences are used).
pub(crate) fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        crate::wasm::now_ms()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    }
}

/// Records between two progress reports.
pub const PROGRESS_EVERY: u64 = 20_000;

/// Verifies a whole input held in memory: decode, sniff, plan from a sample, one pass.
pub fn verify(bytes: &[u8], options: &Options) -> Result<Report> {
    verify_with_progress(bytes, options, &mut |_| true)
}

/// [`verify`], calling `progress` every [`PROGRESS_EVERY`] records and once at the end;
/// `progress` returning `false` cancels the work with [`Error::Cancelled`].
pub fn verify_with_progress(
    bytes: &[u8],
    options: &Options,
    progress: &mut dyn FnMut(Progress) -> bool,
) -> Result<Report> {
    let limits = &options.limits;
    if bytes.len() as u64 > limits.max_input_bytes {
        return Err(Error::Limit(format!(
            "the input is {} bytes, more than the limit of {} (option limits.max_input_bytes)",
            bytes.len(),
            limits.max_input_bytes
        )));
    }
    let started = now_ms();
    let ctx = Context {
        reference_date: options.reference_date.unwrap_or_else(today),
    };
    let decoded = ingest::decode(bytes, &options.ingest)?;
    let layout = ingest::sniff(&decoded.text, &options.ingest)?;
    if layout.headers.len() > limits.max_columns {
        return Err(Error::Limit(format!(
            "the input has {} columns, more than the limit of {} (option limits.max_columns)",
            layout.headers.len(),
            limits.max_columns
        )));
    }
    let mut sample = Vec::new();
    ingest::read_records(&decoded.text, &layout, &mut |r| {
        sample.push(r);
        sample.len() < SAMPLE_ROWS
    })?;
    let plan = Plan::new(&layout, &sample, options, ctx)?;
    drop(sample);
    let mut acc = Accumulator::new(&plan);
    let lines = ingest::count_newlines(decoded.text.as_bytes()) + 1;
    let mut cancelled = false;
    let mut out_of_time = None;
    ingest::for_each_record(&decoded.text, &layout, &mut |r| {
        acc.add(&plan, r);
        if acc.rows.is_multiple_of(TIME_CHECK_EVERY)
            && limits.max_seconds > 0
            && now_ms() - started > limits.max_seconds as f64 * 1000.0
        {
            out_of_time = Some(r.row);
            return false;
        }
        if acc.rows.is_multiple_of(PROGRESS_EVERY) {
            let p = Progress {
                rows: acc.rows,
                line: r.line,
                lines,
            };
            cancelled = !progress(p);
        }
        !cancelled
    })?;
    if let Some(row) = out_of_time {
        return Err(Error::Limit(format!(
            "stopped after {} s at row {row} (option limits.max_seconds)",
            limits.max_seconds
        )));
    }
    if cancelled
        || !progress(Progress {
            rows: acc.rows,
            line: lines,
            lines,
        })
    {
        return Err(Error::Cancelled);
    }
    let meta = InputMeta {
        sha256: sha256_hex(bytes),
        bytes: bytes.len() as u64,
        encoding: decoded.encoding,
        malformed: decoded.malformed,
        layout,
    };
    Ok(acc.finish(&plan, options, meta))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people(rows: usize) -> String {
        let mut s = String::from("姓名,身份证号,性别\n");
        for i in 0..rows {
            // 110101 东城区, born 1990-01-01 + i days, sequence 001 (male) or 002 (female).
            let d = Date::from_days(Date::new(1990, 1, 1).unwrap().to_days() + i as i64).unwrap();
            let body = format!(
                "110101{:04}{:02}{:02}00{}",
                d.year,
                d.month,
                d.day,
                1 + i % 2
            );
            let check = crate::checkdigit::iso7064::mod11_2_char(body.as_bytes()).unwrap() as char;
            s.push_str(&format!(
                "张伟,{body}{check},{}\n",
                if i % 2 == 0 { "男" } else { "女" }
            ));
        }
        s
    }

    fn opts() -> Options {
        Options {
            reference_date: Date::new(2022, 7, 1),
            ..Options::default()
        }
    }

    #[test]
    fn progress_is_reported_and_cancel_stops() {
        let text = people(45_000);
        let mut seen = Vec::new();
        let r = verify_with_progress(text.as_bytes(), &opts(), &mut |p| {
            seen.push(p);
            true
        })
        .unwrap();
        assert_eq!(r.input.rows, 45_000);
        assert_eq!(
            seen.iter().map(|p| p.rows).collect::<Vec<_>>(),
            [20_000, 40_000, 45_000]
        );
        assert!(seen.windows(2).all(|w| w[0].line < w[1].line));
        assert_eq!(seen.last().unwrap().line, seen.last().unwrap().lines);

        let mut calls = 0;
        let e = verify_with_progress(text.as_bytes(), &opts(), &mut |_| {
            calls += 1;
            false
        });
        assert_eq!(e.unwrap_err(), Error::Cancelled);
        assert_eq!(calls, 1, "cancelled at the first report");
    }

    #[test]
    fn parse_u16_as_str_parse() {
        let pool = [b'0', b'1', b'9', b'+', b'-', b' ', b'a', b'/', b':'];
        for n in 0..6 {
            for k in 0..pool.len().pow(n) {
                let b: Vec<u8> = (0..n)
                    .map(|i| pool[k / pool.len().pow(i) % pool.len()])
                    .collect();
                let want = std::str::from_utf8(&b).unwrap().parse::<u16>().ok();
                assert_eq!(parse_u16(&b), want, "{b:?}");
            }
        }
        assert_eq!(parse_u16(b"65535"), Some(65535));
        assert_eq!(parse_u16(b"65536"), None);
    }

    /// A value over MEMO_MAX_BYTES is hashed but never copied into the memo.
    #[test]
    fn long_values_are_not_remembered() {
        let mut m = Memo::default();
        let long = "x".repeat(MEMO_MAX_BYTES + 1);
        assert_eq!(m.repeat(&long), None);
        assert_eq!(m.key(&long, true), hash64(long.as_bytes()));
        assert!(!m.keyed && m.value.is_empty() && m.value.capacity() < MEMO_MAX_BYTES);
        assert_eq!(m.repeat("short"), None);
        assert_eq!(m.key("short", true), hash64(b"short"));
        assert!(m.keyed && m.value == "short");
        assert_eq!(m.repeat("short"), Some(hash64(b"short")));
        assert_eq!(m.misses, 0);
        // A value normalised into the remembered one hits too, and a remembered value that
        // was normalised is not taken for its raw form.
        assert_eq!(m.key("short", false), hash64(b"short"));
        assert_eq!(m.misses, 0);
        assert_eq!(m.key("other", false), hash64(b"other"));
        assert_eq!(m.repeat("other"), None);
        assert_eq!(m.key("other", true), hash64(b"other"));
        assert_eq!(m.misses, 0);
    }

    /// The memo of the last value per column (repeated values reuse their hash and check; a
    /// column without repeats rests) changes nothing: one pass over rows with runs of equal
    /// values, then unique ones, equals the merge of one accumulator per row (whose memos never
    /// hit).
    #[test]
    fn remembered_checks_change_nothing() {
        let mut text = String::from("姓名,身份证号,性别,地址,手机号\n");
        let base = people(400);
        for (i, line) in base.lines().skip(1).enumerate() {
            // Runs of one address and phone, then (past row 150) a new one on every row, so
            // that those columns rest and come back; a bad ID now and then.
            let run = if i < 150 { i / 4 } else { i };
            let line = if i % 37 == 5 {
                line.replacen("110101", "999999", 1)
            } else {
                line.to_owned()
            };
            // The same address now and then with a stray space or a full-width digit, which
            // normalise to it (and are counted), next to its clean form.
            let stray = match i % 6 {
                2 => " ",
                4 => "\u{3000}",
                _ => "",
            };
            let digits = if i % 10 == 7 { "１" } else { "1" };
            text.push_str(&format!(
                "{line},{stray}北京市东城区和平街{run}号{stray},{digits}380013{:04}\n",
                run % 10_000
            ));
        }
        let options = opts();
        let ctx = Context {
            reference_date: options.reference_date.unwrap(),
        };
        let decoded = ingest::decode(text.as_bytes(), &options.ingest).unwrap();
        let layout = ingest::sniff(&decoded.text, &options.ingest).unwrap();
        let mut records = Vec::new();
        ingest::read_records(&decoded.text, &layout, &mut |r| {
            records.push(r);
            true
        })
        .unwrap();
        assert_eq!(records.len(), 400);
        let plan = Plan::new(&layout, &records, &options, ctx).unwrap();
        let mut one = Accumulator::new(&plan);
        for r in &records {
            one.add(&plan, r);
        }
        let mut merged = Accumulator::new(&plan);
        for r in &records {
            let mut a = Accumulator::new(&plan);
            a.add(&plan, r);
            merged.merge(&plan, a);
        }
        assert!(one.columns.iter().any(|c| c.invalid > 0));
        assert!(one.normalizations.total() > 0);
        assert!(one == merged);
    }

    /// An ID with a problem (here an impossible birth year, and a wrong check digit) says
    /// nothing sure about its holder: the people's summary leaves it out.
    #[test]
    fn stats_count_valid_ids_only() {
        let mut text = people(100);
        text.push_str("赵六,110101995301010011,男\n");
        text.push_str("钱七,110101179101010012,女\n");
        let r = verify(text.as_bytes(), &opts()).unwrap();
        assert_eq!(r.columns[1].invalid, 2, "{:?}", r.columns[1]);
        assert_eq!(r.stats.male + r.stats.female, 100);
        let years: Vec<i32> = r.stats.birth_years.iter().map(|y| y.year).collect();
        assert_eq!(years, [1990]);
        assert_eq!(r.stats.provinces[0].count, 100);
    }

    #[test]
    fn stats_come_from_the_id() {
        let r = verify(people(730).as_bytes(), &opts()).unwrap();
        assert_eq!(r.columns[1].valid, 730, "{:?}", r.columns[1]);
        assert_eq!(r.stats.source, "id");
        assert_eq!((r.stats.male, r.stats.female), (365, 365));
        assert_eq!(
            r.stats.birth_years,
            [
                YearCount {
                    year: 1990,
                    count: 365
                },
                YearCount {
                    year: 1991,
                    count: 365
                }
            ]
        );
        assert_eq!(r.stats.provinces.len(), 1);
        assert_eq!(r.stats.provinces[0].code, "110000");
        assert_eq!(r.stats.provinces[0].name, "北京市");
        assert_eq!(r.stats.provinces[0].count, 730);
    }
}
