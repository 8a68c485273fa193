//! The Report: the one serde contract every front-end uses. Field names are fixed; later work
//! adds fields, never renames these. Maps are `BTreeMap` so the same input and options give
//! byte-identical JSON.

use crate::ingest::InputFormat;
use crate::kinds::Kind;
use crate::options::Options;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub schema_version: u32,
    pub tool: Tool,
    pub input: InputInfo,
    /// The options the report was made with, including the reference date used.
    pub settings: Options,
    pub columns: Vec<ColumnReport>,
    pub cross_checks: Vec<CrossCheck>,
    /// The first `settings.max_flagged` problems, in row order.
    pub flagged_rows: Vec<Flag>,
    /// How many flags there were in all (`flagged_rows` may hold fewer).
    pub flagged_total: u64,
    /// Distributions over the whole sample, for charts and the assessment.
    pub stats: Stats,
    /// Whether the sample as a whole looks like real people: signals, verdict, suspicious rows.
    #[serde(default)]
    pub assessment: Assessment,
    /// What the free-text columns name: dates, places, anachronisms, boilerplate.
    #[serde(default)]
    pub text_columns: Vec<crate::freetext::TextReport>,
}

/// A text in English and Chinese.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    pub en: String,
    pub zh: String,
}

/// The authenticity assessment: evidence, never proof.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    pub verdict: Verdict,
    /// Every signal, in a fixed order, including those that could not be computed.
    pub signals: Vec<Signal>,
    pub suspicious_rows: SuspiciousRows,
    /// Which column the birth dates, sexes and regions come from, and which population
    /// reference applies.
    pub identity: IdentityInfo,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Verdict {
    /// `consistent`, `inconclusive`, `mixed` or `likely_fabricated`.
    pub level: String,
    /// Fabricated-side minus genuine-side weight of the signals (strong 3, moderate 2, weak 1).
    pub score: i64,
    pub summary: Text,
    /// Ids of the signals that carry the verdict, strongest first.
    pub evidence: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Signal {
    pub id: String,
    /// `genuine`, `fabricated` or `neutral`.
    pub direction: String,
    /// `weak`, `moderate` or `strong`.
    pub strength: String,
    /// Whether there was enough data to compute it; when `false` it is neutral and weak.
    pub tested: bool,
    /// The statistic's name, e.g. `share_invalid_checksum`, `chi2_vs_census`.
    pub statistic: String,
    pub value: Option<f64>,
    /// The sample size the statistic is computed on.
    pub n: u64,
    /// What genuine records would show, where a figure applies.
    pub expected: Option<f64>,
    pub p_value: Option<f64>,
    /// 95 % interval of `value`, where one applies.
    pub interval: Option<[f64; 2]>,
    /// What was found in this sample.
    pub finding: Text,
    /// What the signal means and what it cannot show.
    pub explanation: Text,
}

/// Rows that look generated, found as a minority cluster among genuine-looking rows.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SuspiciousRows {
    /// Whether the row model was fitted (enough rows with a birth date or name).
    pub fitted: bool,
    /// Estimated share of generated-looking rows (the minority class's weight).
    pub share: f64,
    /// Rows whose probability of belonging to the generated-looking class is at least 0.5.
    pub count: u64,
    /// Rows scored (the first 2,097,152 of a larger file only).
    pub scored: u64,
    /// The first `settings.max_flagged` (at most 1,000) such rows, in row order.
    pub rows: Vec<SuspiciousRow>,
    /// How the cluster differs from the rest, per feature.
    pub profile: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SuspiciousRow {
    pub row: u64,
    /// Probability, under the fitted model, that the row belongs to the generated-looking class.
    pub score: f64,
    /// The identity value, masked.
    pub value: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentityInfo {
    /// Header of the column birth dates and sexes come from; empty if none.
    pub column: String,
    /// Its validator id (`cn_ric`, …).
    pub validator: String,
    /// ISO 3166-1 alpha-2 country of the identifier, when known.
    pub country: String,
    /// The population reference the shape signals use: `cn_census_2020`, or `none`.
    pub reference: String,
}

/// Distributions over the whole sample. Taken from the ID column where there is one (its
/// birth date, sex and region), else from the birth-date and sex columns.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    /// Where the figures below come from: `id`, `columns` or `none`.
    pub source: String,
    /// People per birth year, oldest first (years with nobody left out).
    pub birth_years: Vec<YearCount>,
    pub male: u64,
    pub female: u64,
    /// Province of the ID's region, most frequent first (ties by code).
    pub provinces: Vec<RegionCount>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearCount {
    pub year: i32,
    pub count: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionCount {
    /// Six-digit GB/T 2260 code (`xx0000` for a province).
    pub code: String,
    pub name: String,
    pub count: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tool {
    pub name: String,
    pub version: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputInfo {
    pub sha256: String,
    pub bytes: u64,
    pub format: InputFormat,
    pub encoding: String,
    /// Records, header excluded.
    pub rows: u64,
    pub columns: u64,
    pub delimiter: Option<String>,
    pub has_header: bool,
    /// Byte sequences that could not be decoded in the detected encoding.
    pub malformed_bytes: u64,
    /// Records with too few or too many fields (kept, padded or extended, and flagged).
    pub ragged_rows: u64,
    /// Records that could not be parsed at all (kept as flagged rows with no values).
    pub unparseable_rows: u64,
    /// How often each normalisation was applied, over all values.
    pub normalizations: BTreeMap<String, u64>,
    /// JSON Lines, a JSON array or an SQL dump read as a stream: keys (an SQL dump: column
    /// names) that are not columns because they first appear after the records the columns
    /// were planned from. Absent when there are none.
    #[serde(default, skip_serializing_if = "LateKeys::is_empty")]
    pub late_keys: LateKeys,
}

/// Keys of JSON Lines or JSON array records, or column names of SQL tuples, that are not
/// columns (see [`InputInfo::late_keys`]): their values were not analysed; the rest of each
/// such record was.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LateKeys {
    /// Records holding at least one such key.
    pub records: u64,
    /// Records holding each key; at most [`LateKeys::LISTED`] keys, the first in code-point
    /// order (names cut to [`LateKeys::NAME_CHARS`] characters).
    pub keys: BTreeMap<String, u64>,
    /// Whether there were more such keys than are listed.
    pub more: bool,
}

impl LateKeys {
    /// Keys listed at most.
    pub const LISTED: usize = 100;
    /// Characters of a key name kept.
    pub const NAME_CHARS: usize = 100;

    pub fn is_empty(&self) -> bool {
        self.records == 0
    }

    /// Counts one record holding `keys` (distinct names). Keeps the [`LateKeys::LISTED`] smallest
    /// names: a name dropped here has that many smaller names before it, so it cannot be among
    /// the smallest of any larger whole either, and the counts kept are exact.
    pub fn add(&mut self, keys: &[String]) {
        if keys.is_empty() {
            return;
        }
        self.records += 1;
        let mut names: Vec<String> = keys
            .iter()
            .map(|k| k.chars().take(Self::NAME_CHARS).collect())
            .collect();
        // Names cut to the same prefix count once (n log n for a record with many keys).
        names.sort_unstable();
        names.dedup();
        for name in names {
            self.count(name, 1);
        }
    }

    fn count(&mut self, name: String, n: u64) {
        if let Some(c) = self.keys.get_mut(&name) {
            *c += n;
            return;
        }
        self.keys.insert(name, n);
        if self.keys.len() > Self::LISTED {
            self.keys.pop_last();
            self.more = true;
        }
    }

    /// Adds the counts of another part of the input.
    pub fn merge(&mut self, other: LateKeys) {
        self.records += other.records;
        self.more |= other.more;
        for (k, n) in other.keys {
            self.count(k, n);
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ColumnReport {
    /// 0-based column index.
    pub index: u64,
    pub header: String,
    pub kind: Kind,
    /// Confidence in the kind, in [0, 1]; 1 when the caller set it.
    pub confidence: f64,
    /// Where the kind came from: `header`, `content`, `header+content` or `override`.
    pub kind_source: String,
    /// Non-empty values.
    pub values: u64,
    pub empty: u64,
    pub valid: u64,
    pub invalid: u64,
    /// Every reason that applies to an invalid value, counted.
    pub invalid_reasons: BTreeMap<String, u64>,
    /// Observations that do not make values invalid (e.g. `legacy_15_digit`).
    pub notes: BTreeMap<String, u64>,
    /// Which notations the values use (sex: `zh`, `mf`…; dates: `iso`, `zh`…).
    pub codings: BTreeMap<String, u64>,
    /// Other kinds whose detectors also fit the column's sample (≥ the content threshold),
    /// best first: where two formats fit, the report says so.
    #[serde(default)]
    pub alternatives: Vec<String>,
}

impl ColumnReport {
    /// Invalid reasons, most frequent first (ties by id).
    pub fn reasons_by_count(&self) -> Vec<(&str, u64)> {
        let mut v: Vec<(&str, u64)> = self
            .invalid_reasons
            .iter()
            .map(|(k, n)| (k.as_str(), *n))
            .collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        v
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CrossCheck {
    pub id: String,
    /// The columns compared (headers).
    pub columns: Vec<String>,
    /// Rows where both sides were present and readable.
    pub checked: u64,
    pub disagree: u64,
    /// Whether disagreement makes a row suspect (`false` for e.g. migrants' address vs ID).
    pub flags_rows: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Flag {
    /// 1-based record number, header excluded.
    pub row: u64,
    /// Header of the column concerned; empty for a whole-record problem.
    pub column: String,
    pub reason: String,
    /// Masked unless `show_values` was set.
    pub value: String,
}
