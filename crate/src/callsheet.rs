//! The call sheet: N records drawn at random for confirmation by phone, reproducibly.
//!
//! The seed comes from the operating system's cryptographically secure generator (`getrandom`
//! in the CLI, `crypto.getRandomValues` in the page) unless the reporter gives one; the draw
//! expands it with SplitMix64, so the same seed on the same file always gives the same rows and
//! the seed printed on the sheet lets anyone reproduce and cite the draw. Within each stratum the
//! draw is a uniform reservoir sample (Algorithm R) in file order.
//!
//! Strata: none; the ID's province (quotas proportional to the strata's sizes, largest
//! remainder); or the row's status, flagged vs clean (quotas split evenly, so a few flagged rows
//! are always checked). A row is *flagged* when a value fails its validator or the record is
//! ragged or unparseable; *clean* otherwise.

use crate::analysis::{self, Plan, SAMPLE_ROWS};
use crate::error::{Error, Result};
use crate::ingest::{self, Record};
use crate::kinds::Kind;
use crate::mask;
use crate::normalize::normalize;
use crate::options::Options;
use crate::validate::{self, Context};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How to split the population before drawing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stratify {
    #[default]
    None,
    /// By the province of the ID's region (`unknown` without one).
    Region,
    /// Flagged rows vs clean rows, half each.
    Status,
}

/// What to draw.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DrawOptions {
    /// Records to draw.
    pub n: usize,
    /// The seed; drawn from the system's secure generator when absent. A decimal string, so
    /// it survives JavaScript's numbers.
    pub seed: Option<String>,
    /// Draw only from clean rows.
    pub only_valid: bool,
    pub stratify: Stratify,
    /// Columns (headers) shown in full on the sheet; the others are masked.
    pub reveal: Vec<String>,
}

impl Default for DrawOptions {
    fn default() -> DrawOptions {
        DrawOptions {
            n: 20,
            seed: None,
            only_valid: false,
            stratify: Stratify::None,
            reveal: Vec::new(),
        }
    }
}

/// One stratum of the draw.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stratum {
    pub name: String,
    /// Eligible records in it.
    pub population: u64,
    pub quota: u64,
    pub drawn: u64,
}

/// One drawn record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetRow {
    /// 1-based record number, header excluded.
    pub row: u64,
    pub stratum: String,
    /// Whether the record is flagged (see the module docs).
    pub flagged: bool,
    /// One value per column of the sheet, masked unless revealed.
    pub values: Vec<String>,
}

/// The drawn call sheet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallSheet {
    /// The seed used (decimal).
    pub seed: String,
    pub input_sha256: String,
    pub requested: u64,
    /// Records eligible for the draw.
    pub population: u64,
    pub stratify: Stratify,
    pub only_valid: bool,
    pub strata: Vec<Stratum>,
    /// Headers of the sheet's columns (contact fields first), then `outcome` and `notes` are
    /// left for the reporter.
    pub columns: Vec<String>,
    pub revealed: Vec<String>,
    /// In file order.
    pub rows: Vec<SheetRow>,
}

/// SplitMix64 (Steele, Lea, Flood 2014): a small, well-studied generator that expands one
/// 64-bit seed into a reproducible stream.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0), without modulo bias (Lemire's method).
    fn below(&mut self, n: u64) -> u64 {
        let mut m = u128::from(self.next()) * u128::from(n);
        if (m as u64) < n {
            let t = n.wrapping_neg() % n;
            while (m as u64) < t {
                m = u128::from(self.next()) * u128::from(n);
            }
        }
        (m >> 64) as u64
    }
}

/// A fresh seed from the system's secure generator.
#[cfg(not(target_arch = "wasm32"))]
pub fn fresh_seed() -> Result<u64> {
    let mut b = [0u8; 8];
    getrandom::fill(&mut b)
        .map_err(|e| Error::Internal(format!("no secure random numbers: {e}")))?;
    Ok(u64::from_le_bytes(b))
}

/// In the browser the page draws the seed (`crypto.getRandomValues`) and passes it in.
#[cfg(target_arch = "wasm32")]
pub fn fresh_seed() -> Result<u64> {
    Err(Error::BadOptions(
        "in the browser the seed comes from the page (crypto.getRandomValues)".into(),
    ))
}

struct RowInfo {
    stratum: String,
    flagged: bool,
}

fn row_info(plan: &Plan, rec: &Record, stratify: Stratify) -> RowInfo {
    let mut flagged = rec.problem.is_some();
    let mut province = None;
    for col in &plan.columns {
        let Some(v) = validate::for_kind(col.inferred.kind) else {
            continue;
        };
        let value = normalize(rec.fields.get(col.index).map_or("", String::as_str)).0;
        if value.is_empty() {
            continue;
        }
        let c = v.check(&value, &plan.ctx);
        flagged |= !c.is_valid();
        if col.inferred.kind == Kind::CnRic && province.is_none() {
            province = c.facts.province;
        }
    }
    let stratum = match stratify {
        Stratify::None => "all".to_owned(),
        Stratify::Region => province
            .and_then(|p| crate::refdata::regions::province_name(p).map(str::to_owned))
            .unwrap_or_else(|| "unknown".to_owned()),
        Stratify::Status => if flagged { "flagged" } else { "clean" }.to_owned(),
    };
    RowInfo { stratum, flagged }
}

/// Quotas: proportional with largest remainders (region, none), or an even split (status);
/// a stratum never gets more than its population, and what it cannot take goes to the others.
fn quotas(pop: &BTreeMap<String, u64>, n: u64, even: bool) -> BTreeMap<String, u64> {
    let total: u64 = pop.values().sum();
    let n = n.min(total);
    let mut q: BTreeMap<String, u64> = pop.keys().map(|k| (k.clone(), 0)).collect();
    let mut left = n;
    while left > 0 {
        let open: Vec<(&String, u64)> = pop
            .iter()
            .filter(|(k, &p)| q[*k] < p)
            .map(|(k, &p)| (k, p - q[k]))
            .collect();
        if open.is_empty() {
            break;
        }
        let weight_total: u64 = if even {
            open.len() as u64
        } else {
            open.iter().map(|(_, room)| room).sum()
        };
        // Whole shares first, then the largest remainders (ties by name).
        let mut rem: Vec<(u64, &String)> = Vec::new();
        let mut given = 0;
        for (k, room) in &open {
            let w = if even { 1 } else { *room };
            let share = (left * w / weight_total).min(*room);
            *q.get_mut(*k).expect("stratum") += share;
            given += share;
            rem.push(((left * w) % weight_total, k));
        }
        if given == 0 {
            rem.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
            for (_, k) in rem {
                if given < left && q[k] < pop[k] {
                    *q.get_mut(k).expect("stratum") += 1;
                    given += 1;
                }
            }
        }
        left -= given;
    }
    q
}

/// Draws a call sheet from `bytes` read with `options`.
pub fn draw(bytes: &[u8], options: &Options, draw: &DrawOptions, seed: u64) -> Result<CallSheet> {
    let ctx = Context {
        reference_date: options.reference_date.unwrap_or_else(analysis::today),
    };
    let decoded = ingest::decode(bytes, &options.ingest)?;
    let layout = ingest::sniff(&decoded.text, &options.ingest)?;
    let mut sample = Vec::new();
    ingest::read_records(&decoded.text, &layout, &mut |r| {
        sample.push(r);
        sample.len() < SAMPLE_ROWS
    })?;
    let plan = Plan::new(&layout, &sample, options, ctx)?;
    drop(sample);
    for r in &draw.reveal {
        if !layout.headers.contains(r) {
            return Err(Error::BadOptions(format!(
                "no column {r:?} to reveal; columns are: {}",
                layout.headers.join(", ")
            )));
        }
    }

    // Pass 1: the strata's populations.
    let mut pop: BTreeMap<String, u64> = BTreeMap::new();
    ingest::read_records(&decoded.text, &layout, &mut |r| {
        let info = row_info(&plan, &r, draw.stratify);
        if !(draw.only_valid && info.flagged) {
            *pop.entry(info.stratum).or_default() += 1;
        }
        true
    })?;
    let quota = quotas(&pop, draw.n as u64, draw.stratify == Stratify::Status);

    // Pass 2: a reservoir per stratum.
    let mut rng = SplitMix64(seed);
    let mut seen: BTreeMap<String, u64> = BTreeMap::new();
    let mut reservoirs: BTreeMap<String, Vec<SheetRow>> = BTreeMap::new();
    let contact = contact_columns(&plan);
    ingest::read_records(&decoded.text, &layout, &mut |r| {
        let info = row_info(&plan, &r, draw.stratify);
        if draw.only_valid && info.flagged {
            return true;
        }
        let k = quota.get(&info.stratum).copied().unwrap_or(0);
        if k == 0 {
            return true;
        }
        let s = seen.entry(info.stratum.clone()).or_default();
        *s += 1;
        let slot = if *s <= k {
            Some((*s - 1) as usize)
        } else {
            let j = rng.below(*s);
            (j < k).then_some(j as usize)
        };
        if let Some(slot) = slot {
            let values = contact
                .iter()
                .map(|&i| {
                    let col = &plan.columns[i];
                    let v = normalize(r.fields.get(i).map_or("", String::as_str)).0;
                    if draw.reveal.contains(&col.header) {
                        mask::truncate(&v)
                    } else {
                        mask::mask(col.inferred.kind, &v)
                    }
                })
                .collect();
            let row = SheetRow {
                row: r.row,
                stratum: info.stratum.clone(),
                flagged: info.flagged,
                values,
            };
            let res = reservoirs.entry(info.stratum).or_default();
            if slot < res.len() {
                res[slot] = row;
            } else {
                res.push(row);
            }
        }
        true
    })?;

    let mut rows: Vec<SheetRow> = reservoirs.values().flatten().cloned().collect();
    rows.sort_by_key(|r| r.row);
    let strata = pop
        .iter()
        .map(|(name, &population)| Stratum {
            name: name.clone(),
            population,
            quota: quota.get(name).copied().unwrap_or(0),
            drawn: reservoirs.get(name).map_or(0, |v| v.len() as u64),
        })
        .collect();
    Ok(CallSheet {
        seed: seed.to_string(),
        input_sha256: analysis::sha256_hex(bytes),
        requested: draw.n as u64,
        population: pop.values().sum(),
        stratify: draw.stratify,
        only_valid: draw.only_valid,
        strata,
        columns: contact
            .iter()
            .map(|&i| plan.columns[i].header.clone())
            .collect(),
        revealed: draw.reveal.clone(),
        rows,
    })
}

/// The columns a caller needs to contact and confirm a person, contact fields first.
fn contact_columns(plan: &Plan) -> Vec<usize> {
    let order = [
        Kind::PersonName,
        Kind::CnMobile,
        Kind::CnLandline,
        Kind::Address,
        Kind::CnRic,
        Kind::BirthDate,
        Kind::Sex,
        Kind::Age,
        Kind::Email,
    ];
    let mut cols = Vec::new();
    for k in order {
        cols.extend(
            plan.columns
                .iter()
                .filter(|c| c.inferred.kind == k)
                .map(|c| c.index),
        );
    }
    if cols.is_empty() {
        cols = (0..plan.columns.len()).collect();
    }
    cols
}

/// The sheet as CSV for a spreadsheet: record number, stratum, flagged, the columns, then empty
/// `outcome` and `notes` columns for the caller.
pub fn to_csv(sheet: &CallSheet) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["row".to_owned(), "stratum".into(), "flagged".into()];
    header.extend(sheet.columns.iter().cloned());
    header.extend(["outcome".to_owned(), "notes".into()]);
    let _ = w.write_record(&header);
    for r in &sheet.rows {
        let mut rec = vec![r.row.to_string(), r.stratum.clone(), r.flagged.to_string()];
        rec.extend(r.values.iter().cloned());
        rec.extend([String::new(), String::new()]);
        let _ = w.write_record(&rec);
    }
    let body = w.into_inner().unwrap_or_default();
    // A BOM so spreadsheet programs read the Chinese as UTF-8.
    format!("\u{FEFF}{}", String::from_utf8_lossy(&body))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::civil::Date;

    fn opts() -> Options {
        Options {
            reference_date: Date::new(2022, 7, 1),
            ..Options::default()
        }
    }

    /// 600 people in three provinces (300 Beijing, 200 Shanghai, 100 Guangdong); every tenth
    /// ID has a wrong check digit.
    fn sample() -> String {
        let mut s = String::from("姓名,身份证号,手机号\n");
        let regions = [(110_105u32, 300), (310_115, 200), (440_106, 100)];
        let mut i = 0u32;
        for (code, count) in regions {
            for _ in 0..count {
                let body = format!("{code}19800101{:03}", i % 1000);
                let mut check =
                    crate::checkdigit::iso7064::mod11_2_char(body.as_bytes()).unwrap() as char;
                if i.is_multiple_of(10) {
                    check = if check == '0' { '1' } else { '0' };
                }
                s.push_str(&format!("张伟,{body}{check},138{:08}\n", i));
                i += 1;
            }
        }
        s
    }

    #[test]
    fn same_seed_same_draw_different_seeds_differ() {
        let d = DrawOptions {
            n: 25,
            ..DrawOptions::default()
        };
        let s = sample();
        let a = draw(s.as_bytes(), &opts(), &d, 42).unwrap();
        let b = draw(s.as_bytes(), &opts(), &d, 42).unwrap();
        let c = draw(s.as_bytes(), &opts(), &d, 43).unwrap();
        assert_eq!(a, b);
        assert_eq!(a.rows.len(), 25);
        assert_ne!(a.rows, c.rows);
        assert_eq!(a.seed, "42");
        let mut rows: Vec<u64> = a.rows.iter().map(|r| r.row).collect();
        rows.dedup();
        assert_eq!(rows.len(), 25, "no record drawn twice");
    }

    #[test]
    fn region_quotas_are_proportional_and_held() {
        let d = DrawOptions {
            n: 30,
            stratify: Stratify::Region,
            ..DrawOptions::default()
        };
        let sheet = draw(sample().as_bytes(), &opts(), &d, 7).unwrap();
        let q: Vec<(&str, u64, u64)> = sheet
            .strata
            .iter()
            .map(|s| (s.name.as_str(), s.quota, s.drawn))
            .collect();
        assert_eq!(
            q,
            [("上海市", 10, 10), ("北京市", 15, 15), ("广东省", 5, 5)]
        );
        for s in &sheet.strata {
            let n = sheet.rows.iter().filter(|r| r.stratum == s.name).count() as u64;
            assert_eq!(n, s.quota);
        }
    }

    #[test]
    fn status_strata_split_evenly_and_only_valid_excludes_flagged() {
        let d = DrawOptions {
            n: 20,
            stratify: Stratify::Status,
            ..DrawOptions::default()
        };
        let sheet = draw(sample().as_bytes(), &opts(), &d, 9).unwrap();
        let flagged = sheet.rows.iter().filter(|r| r.flagged).count();
        assert_eq!((flagged, sheet.rows.len()), (10, 20));
        assert_eq!(sheet.population, 600);

        let d = DrawOptions {
            n: 50,
            only_valid: true,
            ..DrawOptions::default()
        };
        let sheet = draw(sample().as_bytes(), &opts(), &d, 9).unwrap();
        assert_eq!(sheet.population, 540);
        assert!(sheet.rows.iter().all(|r| !r.flagged));
    }

    #[test]
    fn values_masked_unless_revealed() {
        let d = DrawOptions {
            n: 5,
            reveal: vec!["手机号".into()],
            ..DrawOptions::default()
        };
        let sheet = draw(sample().as_bytes(), &opts(), &d, 1).unwrap();
        assert_eq!(sheet.columns, ["姓名", "手机号", "身份证号"]);
        for r in &sheet.rows {
            assert!(r.values[0].contains('*'));
            assert!(!r.values[1].contains('*'));
            assert!(r.values[2].contains('*'));
        }
        let csv = to_csv(&sheet);
        assert!(csv.starts_with("\u{FEFF}row,stratum,flagged,姓名,手机号,身份证号,outcome,notes"));
        assert_eq!(csv.lines().count(), 6);
        let bad = DrawOptions {
            reveal: vec!["nosuch".into()],
            ..d
        };
        assert!(draw(sample().as_bytes(), &opts(), &bad, 1).is_err());
    }

    #[test]
    fn more_requested_than_there_are() {
        let d = DrawOptions {
            n: 10_000,
            ..DrawOptions::default()
        };
        let sheet = draw(sample().as_bytes(), &opts(), &d, 3).unwrap();
        assert_eq!(sheet.rows.len(), 600);
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn fresh_seeds_differ() {
        assert_ne!(fresh_seed().unwrap(), fresh_seed().unwrap());
    }
}
