//! The recycled-leak check: how much of one sample is already in another (an earlier leak, an
//! earlier sample), and the duplicate clusters inside each. Records are compared on normalised
//! keys — the ID number (15-digit numbers upgraded to 18, `x` upper-cased), the mobile number
//! (without `+86`), and the name with the birth date — so reordered, re-formatted and
//! re-encoded copies of the same rows match.
//!
//! Only 64-bit hashes of the keys are kept (with the first row and a count), so memory grows by
//! a few dozen bytes per distinct key, never with the values themselves; examples are kept
//! masked and capped.

use crate::analysis::{self, Plan, SAMPLE_ROWS};
use crate::error::Result;
use crate::ingest::{self, InputFormat};
use crate::kinds::Kind;
use crate::mask;
use crate::normalize::normalize;
use crate::options::Options;
use crate::report::Tool;
use crate::validate::Context;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

/// Masked examples listed per comparison.
pub const MAX_EXAMPLES: usize = 20;

/// The keys records are compared on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyKind {
    /// The resident ID number (or another ID format's canonical form).
    Id,
    /// The mobile number.
    Phone,
    /// Name and birth date together.
    NameBirth,
}

impl KeyKind {
    const ALL: [KeyKind; 3] = [KeyKind::Id, KeyKind::Phone, KeyKind::NameBirth];

    /// The snake_case id used in the JSON.
    pub fn id(self) -> &'static str {
        match self {
            KeyKind::Id => "id",
            KeyKind::Phone => "phone",
            KeyKind::NameBirth => "name_birth",
        }
    }
}

/// How one key occurs within one file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyStats {
    pub key: Option<KeyKind>,
    /// Records that have this key.
    pub rows_with_key: u64,
    pub distinct: u64,
    /// Keys held by more than one record.
    pub duplicate_keys: u64,
    /// Records whose key another record also holds.
    pub rows_in_duplicates: u64,
    /// The most records sharing one key.
    pub largest_cluster: u64,
}

/// One file of a comparison.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileSummary {
    pub sha256: String,
    pub bytes: u64,
    pub format: InputFormat,
    pub encoding: String,
    pub rows: u64,
    pub keys: Vec<KeyStats>,
}

/// The overlap of the two files on one key.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KeyOverlap {
    pub key: KeyKind,
    /// Distinct keys found in both files.
    pub shared: u64,
    /// Records of A whose key is in B, and their share of A's records with this key.
    pub a_rows_matched: u64,
    pub a_rate: f64,
    /// Records of B whose key is in A, and their share of B's records with this key.
    pub b_rows_matched: u64,
    pub b_rate: f64,
}

/// A masked example of a shared key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverlapExample {
    pub key: KeyKind,
    /// First record of A holding the key.
    pub a_row: u64,
    pub b_row: u64,
    pub value: String,
}

/// The result of comparing sample B with an earlier file A.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub schema_version: u32,
    pub tool: Tool,
    pub a: FileSummary,
    pub b: FileSummary,
    pub overlap: Vec<KeyOverlap>,
    pub examples: Vec<OverlapExample>,
    /// The finding in plain words, English and Chinese.
    pub summary: Summary,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub en: String,
    pub zh: String,
}

/// A key's hash → (first 1-based row, records holding it).
type KeyMap = HashMap<u64, (u64, u64)>;

struct FileKeys {
    summary: FileSummary,
    maps: [KeyMap; 3],
}

fn hash_key(kind: KeyKind, value: &str) -> u64 {
    // SipHash with fixed keys: stable within a run, which is all a comparison needs.
    let mut h = std::hash::DefaultHasher::new();
    kind.hash(&mut h);
    value.hash(&mut h);
    h.finish()
}

/// The normalised keys of one record, given the plan's columns.
fn record_keys(plan: &Plan, fields: &[String]) -> [Option<String>; 3] {
    let ctx = plan.ctx;
    let first = |pred: &dyn Fn(Kind) -> bool| plan.columns.iter().find(|c| pred(c.inferred.kind));
    let value = |i: usize| -> Option<String> {
        let v = normalize(fields.get(i).map_or("", String::as_str)).0;
        (!v.is_empty()).then(|| v.into_owned())
    };
    let mut birth = None;
    let id = first(&|k| k == Kind::CnRic || matches!(k, Kind::Format(_))).and_then(|c| {
        let v = value(c.index)?;
        let canon = crate::validate::for_kind(c.inferred.kind).map(|val| val.check(&v, &ctx));
        if let Some(check) = &canon {
            birth = check.facts.date;
        }
        Some(
            canon
                .and_then(|c| c.facts.canonical)
                .unwrap_or(v)
                .to_uppercase(),
        )
    });
    let phone = first(&|k| k == Kind::CnMobile).and_then(|c| {
        let v = value(c.index)?;
        let digits: String = v.chars().filter(char::is_ascii_digit).collect();
        let national = digits
            .strip_prefix("0086")
            .or_else(|| {
                (digits.len() == 13)
                    .then(|| digits.strip_prefix("86"))
                    .flatten()
            })
            .unwrap_or(&digits)
            .to_owned();
        (!national.is_empty()).then_some(national)
    });
    if let Some(c) = first(&|k| k == Kind::BirthDate) {
        if let Some(v) = value(c.index) {
            if let Some(val) = crate::validate::for_kind(Kind::BirthDate) {
                birth = val.check(&v, &ctx).facts.date.or(birth);
            }
        }
    }
    let name_birth = first(&|k| k == Kind::PersonName).and_then(|c| {
        let name: String = value(c.index)?
            .chars()
            .filter(|ch| !ch.is_whitespace() && !matches!(ch, '·' | '•' | '・' | '.'))
            .collect();
        Some(format!("{name}|{}", birth?))
    });
    [id, phone, name_birth]
}

fn read_keys(
    bytes: &[u8],
    options: &Options,
    examples_from: Option<&FileKeys>,
    examples: &mut Vec<OverlapExample>,
) -> Result<FileKeys> {
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
    let mut maps: [KeyMap; 3] = Default::default();
    let mut rows = 0u64;
    ingest::read_records(&decoded.text, &layout, &mut |r| {
        rows += 1;
        for (k, key) in record_keys(&plan, &r.fields).into_iter().enumerate() {
            let Some(key) = key else { continue };
            let h = hash_key(KeyKind::ALL[k], &key);
            let e = maps[k].entry(h).or_insert((r.row, 0));
            e.1 += 1;
            if let Some(other) = examples_from {
                if examples.len() < MAX_EXAMPLES && e.1 == 1 {
                    if let Some(&(a_row, _)) = other.maps[k].get(&h) {
                        let shown = if options.show_values {
                            mask::truncate(&key)
                        } else {
                            mask_key(KeyKind::ALL[k], &key)
                        };
                        examples.push(OverlapExample {
                            key: KeyKind::ALL[k],
                            a_row,
                            b_row: r.row,
                            value: shown,
                        });
                    }
                }
            }
        }
        true
    })?;
    let keys = KeyKind::ALL
        .iter()
        .zip(&maps)
        .map(|(&key, m)| {
            let dup = m.values().filter(|(_, n)| *n > 1);
            KeyStats {
                key: Some(key),
                rows_with_key: m.values().map(|(_, n)| n).sum(),
                distinct: m.len() as u64,
                duplicate_keys: dup.clone().count() as u64,
                rows_in_duplicates: dup.clone().map(|(_, n)| n).sum(),
                largest_cluster: m.values().map(|(_, n)| *n).max().unwrap_or(0),
            }
        })
        .collect();
    Ok(FileKeys {
        summary: FileSummary {
            sha256: analysis::sha256_hex(bytes),
            bytes: bytes.len() as u64,
            format: layout.format,
            encoding: decoded.encoding.to_owned(),
            rows,
            keys,
        },
        maps,
    })
}

fn mask_key(kind: KeyKind, key: &str) -> String {
    match kind {
        KeyKind::Id => mask::mask(Kind::CnRic, key),
        KeyKind::Phone => mask::mask(Kind::CnMobile, key),
        KeyKind::NameBirth => match key.split_once('|') {
            Some((name, birth)) => format!(
                "{} {}",
                mask::mask(Kind::PersonName, name),
                mask::mask(Kind::BirthDate, birth)
            ),
            None => mask::mask(Kind::Text, key),
        },
    }
}

/// Compares sample `b` with an earlier file `a` (both read with `options`).
pub fn compare(a: &[u8], b: &[u8], options: &Options) -> Result<Comparison> {
    let mut examples = Vec::new();
    let fa = read_keys(a, options, None, &mut Vec::new())?;
    let fb = read_keys(b, options, Some(&fa), &mut examples)?;
    let rate = |part: u64, whole: u64| {
        if whole == 0 {
            0.0
        } else {
            (part as f64 / whole as f64 * 10_000.0).round() / 10_000.0
        }
    };
    let mut overlap = Vec::new();
    for (k, key) in KeyKind::ALL.iter().enumerate() {
        let (ma, mb) = (&fa.maps[k], &fb.maps[k]);
        if ma.is_empty() || mb.is_empty() {
            continue;
        }
        let shared = ma.keys().filter(|h| mb.contains_key(h)).count() as u64;
        let a_rows: u64 = ma
            .iter()
            .filter(|(h, _)| mb.contains_key(h))
            .map(|(_, (_, n))| n)
            .sum();
        let b_rows: u64 = mb
            .iter()
            .filter(|(h, _)| ma.contains_key(h))
            .map(|(_, (_, n))| n)
            .sum();
        overlap.push(KeyOverlap {
            key: *key,
            shared,
            a_rows_matched: a_rows,
            a_rate: rate(a_rows, fa.summary.keys[k].rows_with_key),
            b_rows_matched: b_rows,
            b_rate: rate(b_rows, fb.summary.keys[k].rows_with_key),
        });
    }
    let summary = summarise(&overlap);
    Ok(Comparison {
        schema_version: crate::report::SCHEMA_VERSION,
        tool: Tool {
            name: "veracity".into(),
            version: crate::VERSION.into(),
        },
        a: fa.summary,
        b: fb.summary,
        overlap,
        examples,
        summary,
    })
}

fn summarise(overlap: &[KeyOverlap]) -> Summary {
    let best = overlap
        .iter()
        .max_by(|x, y| x.b_rate.total_cmp(&y.b_rate).then(y.key.cmp(&x.key)));
    let Some(o) = best else {
        return Summary {
            en: "No key both files share a column for (ID number, mobile number, name with birth \
                 date): they cannot be compared."
                .into(),
            zh: "两个文件没有可比较的共同字段（身份证号、手机号、姓名加出生日期），无法比较。"
                .into(),
        };
    };
    let pct = o.b_rate * 100.0;
    let key_en = match o.key {
        KeyKind::Id => "ID numbers",
        KeyKind::Phone => "mobile numbers",
        KeyKind::NameBirth => "name-and-birth-date pairs",
    };
    let key_zh = match o.key {
        KeyKind::Id => "身份证号",
        KeyKind::Phone => "手机号",
        KeyKind::NameBirth => "姓名加出生日期",
    };
    let (en, zh) = if pct >= 50.0 {
        (
            format!(
                "{pct:.1} % of the sample's {key_en} are in the earlier file: the sample is largely \
                 a copy of it — re-sold or recycled data, not a new breach, unless the earlier file \
                 came from the same source."
            ),
            format!(
                "样本中 {pct:.1}% 的{key_zh}出现在较早的文件中：样本大部分是其副本——可能是转卖或回收的旧数据，\
                 而非新的泄露，除非较早的文件来自同一来源。"
            ),
        )
    } else if pct >= 5.0 {
        (
            format!(
                "{pct:.1} % of the sample's {key_en} are in the earlier file: a substantial overlap \
                 — part of the sample may be recycled."
            ),
            format!("样本中 {pct:.1}% 的{key_zh}出现在较早的文件中：重叠明显，部分样本可能是回收的旧数据。"),
        )
    } else {
        (
            format!(
                "{pct:.1} % of the sample's {key_en} are in the earlier file: little overlap. This \
                 does not show the sample is new, only that it is not mostly this earlier file."
            ),
            format!(
                "样本中 {pct:.1}% 的{key_zh}出现在较早的文件中：重叠很少。这不能证明样本是新的，只说明它主要不是这个较早的文件。"
            ),
        )
    };
    Summary { en, zh }
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

    const A: &str = "姓名,身份证号,手机号,出生日期\n\
        张伟,11010519491231002X,13800138000,1949-12-31\n\
        王芳,110105194912310021,13900139000,1949-12-31\n\
        李娜,440524188001010014,13700137000,1880-01-01\n";

    #[test]
    fn reordered_reformatted_and_reencoded_copies_match_exactly() {
        // B: the same three people reordered, IDs lower-case, phones with +86, GBK-encoded,
        // plus one new person and one duplicate.
        let b = "手机号,姓名,身份证号\n\
            +86 139 0013 9000,王芳,110105194912310021\n\
            13800138000,张伟,11010519491231002x\n\
            13600136000,赵六,310103198501010012\n\
            0086 13700137000,李娜,440524188001010014\n\
            13600136000,赵六,310103198501010012\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(b);
        let c = compare(A.as_bytes(), &gbk, &opts()).unwrap();
        assert_eq!(c.b.encoding, "GB18030");
        let id = c.overlap.iter().find(|o| o.key == KeyKind::Id).unwrap();
        assert_eq!((id.shared, id.a_rows_matched, id.b_rows_matched), (3, 3, 3));
        assert_eq!(id.b_rate, 0.6);
        let phone = c.overlap.iter().find(|o| o.key == KeyKind::Phone).unwrap();
        assert_eq!((phone.shared, phone.b_rows_matched), (3, 3));
        let dups = &c.b.keys[0];
        assert_eq!(
            (
                dups.duplicate_keys,
                dups.rows_in_duplicates,
                dups.largest_cluster
            ),
            (1, 2, 2)
        );
        assert_eq!(c.examples.len(), 9, "three people on three keys");
        assert!(c.examples.iter().all(|e| e.value.contains('*')));
        assert!(c.summary.en.contains("60.0 %"));
    }

    #[test]
    fn name_and_birth_date_match_across_id_and_date_columns() {
        // B has no ID column: names with birth dates written differently.
        let b = "姓名,出生日期\n张 伟,1949年12月31日\n李娜,1880/1/1\n王芳,1950-01-01\n";
        let c = compare(A.as_bytes(), b.as_bytes(), &opts()).unwrap();
        let nb = c
            .overlap
            .iter()
            .find(|o| o.key == KeyKind::NameBirth)
            .unwrap();
        assert_eq!((nb.shared, nb.b_rows_matched), (2, 2));
        assert!(c.overlap.iter().all(|o| o.key == KeyKind::NameBirth));
    }

    #[test]
    fn disjoint_files_share_nothing() {
        let b = "身份证号\n310103198501010012\n";
        let c = compare(A.as_bytes(), b.as_bytes(), &opts()).unwrap();
        assert_eq!(c.overlap[0].shared, 0);
        assert!(c.examples.is_empty());
        assert!(c.summary.en.contains("little overlap"));
    }
}
