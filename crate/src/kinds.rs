//! What each column holds: the kinds Veracity knows, and inference from header and content.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// The kind of values a column holds: one of the core kinds, or an identifier format from the
/// validator registry (`Format("kr_rrn")`), named by its registry id. Serialised as its id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    CnRic,
    CnMobile,
    CnLandline,
    BirthDate,
    Date,
    Sex,
    Age,
    PersonName,
    Address,
    Email,
    Text,
    Unknown,
    /// An identifier format of the registry beyond the core kinds; the id is the validator's.
    Format(&'static str),
}

impl Kind {
    pub const ALL: [Kind; 12] = [
        Kind::CnRic,
        Kind::CnMobile,
        Kind::CnLandline,
        Kind::BirthDate,
        Kind::Date,
        Kind::Sex,
        Kind::Age,
        Kind::PersonName,
        Kind::Address,
        Kind::Email,
        Kind::Text,
        Kind::Unknown,
    ];

    /// The snake_case id used in the report, options and the CLI.
    pub fn id(self) -> &'static str {
        match self {
            Kind::CnRic => "cn_ric",
            Kind::CnMobile => "cn_mobile",
            Kind::CnLandline => "cn_landline",
            Kind::BirthDate => "birth_date",
            Kind::Date => "date",
            Kind::Sex => "sex",
            Kind::Age => "age",
            Kind::PersonName => "person_name",
            Kind::Address => "address",
            Kind::Email => "email",
            Kind::Text => "text",
            Kind::Unknown => "unknown",
            Kind::Format(id) => id,
        }
    }
}

impl Serialize for Kind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

impl<'de> Deserialize<'de> for Kind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Kind, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for Kind {
    type Err = String;
    /// A core kind's id, or the id of any validator in the registry.
    fn from_str(s: &str) -> Result<Kind, String> {
        let registry = crate::validate::registry().iter().map(|v| v.kind());
        Kind::ALL
            .into_iter()
            .chain(registry)
            .find(|k| k.id() == s)
            .ok_or_else(|| {
                let mut ids: Vec<_> = Kind::ALL.iter().map(|k| k.id()).collect();
                for v in crate::validate::registry() {
                    if !ids.contains(&v.kind().id()) {
                        ids.push(v.kind().id());
                    }
                }
                format!("unknown kind {s:?} (known: {})", ids.join(", "))
            })
    }
}

/// The kind a header names, if it names one. Headers in English, Chinese and police pinyin
/// initials (`XM` 姓名, `SFZH` 身份证号, `LXDH` 联系电话, `HJDZ` 户籍地址, `CSRQ` 出生日期, `XB` 性别…).
pub fn kind_from_header(header: &str) -> Option<Kind> {
    let h: String = header
        .trim()
        .trim_matches(|c: char| c == '"' || c == '`' || c == '\'' || c == '[' || c == ']')
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-' | '.' | '　'))
        .flat_map(char::to_lowercase)
        .collect();
    if h.is_empty() {
        return None;
    }
    if RECORD_NUMBER_WORDS.contains(&h.as_str()) {
        return Some(Kind::Unknown);
    }
    HEADER_WORDS
        .iter()
        .find(|(words, _)| words.contains(&h.as_str()))
        .map(|(_, k)| *k)
        .or_else(|| format_from_header(&h))
        .or_else(|| {
            // Longer Chinese headers: judge by what they contain (户籍所在地详址, 被害人身份证号…).
            HEADER_PARTS
                .iter()
                .find(|(part, _)| h.contains(part))
                .map(|(_, k)| *k)
        })
}

/// The registry format a (cleaned, lower-case) header word names, from the groups' `HEADERS`.
/// Only ids of registered validators count.
fn format_from_header(h: &str) -> Option<Kind> {
    use crate::validate::{americas, europe, finance, world};
    let groups: [&[(&str, &str)]; 4] = [
        world::HEADERS,
        americas::HEADERS,
        europe::HEADERS,
        finance::HEADERS,
    ];
    let id = groups
        .iter()
        .flat_map(|g| g.iter())
        .find(|(word, _)| *word == h)
        .map(|(_, id)| *id)?;
    crate::validate::registry()
        .iter()
        .find(|v| v.id() == id)
        .map(|v| v.kind())
}

/// Exact header words (compared lower-case, without spaces, `_`, `-`, `.`).
const HEADER_WORDS: &[(&[&str], Kind)] = &[
    (
        &[
            "sfzh",
            "gmsfhm",
            "sfzhm",
            "zjhm",
            "idcard",
            "idno",
            "idnumber",
            "id",
            "ric",
            "idcardno",
            "idcardnumber",
            "identitycard",
            "nationalid",
            "certno",
            "certificateno",
            "身份证",
            "身份证号",
            "身份证号码",
            "证件号",
            "证件号码",
            "公民身份号码",
            "公民身份证号码",
            "身份证件号码",
            "身份号码",
        ],
        Kind::CnRic,
    ),
    (
        &[
            "sjhm",
            "sjh",
            "lxdh",
            "lxfs",
            "dh",
            "dhhm",
            "mobile",
            "mobilephone",
            "mobileno",
            "phone",
            "phoneno",
            "phonenumber",
            "cellphone",
            "cell",
            "tel",
            "telephone",
            "手机",
            "手机号",
            "手机号码",
            "联系电话",
            "电话",
            "电话号码",
            "移动电话",
            "联系方式",
            "联系手机",
            "手机号吗",
        ],
        Kind::CnMobile,
    ),
    (
        &[
            "gddh",
            "zj",
            "landline",
            "fixedline",
            "固定电话",
            "座机",
            "固话",
            "座机号码",
            "办公电话",
        ],
        Kind::CnLandline,
    ),
    (
        &[
            "csrq",
            "birthday",
            "birthdate",
            "dateofbirth",
            "dob",
            "birth",
            "born",
            "出生日期",
            "生日",
            "出生年月",
            "出生年月日",
            "出生时间",
        ],
        Kind::BirthDate,
    ),
    (
        &[
            "rq",
            "date",
            "time",
            "datetime",
            "created",
            "createdat",
            "updated",
            "timestamp",
            "日期",
            "时间",
            "登记日期",
            "登记时间",
            "报案时间",
            "案发时间",
            "发案时间",
            "创建时间",
            "更新时间",
            "入库时间",
        ],
        Kind::Date,
    ),
    (&["xb", "sex", "gender", "性别"], Kind::Sex),
    (&["nl", "age", "年龄", "岁数"], Kind::Age),
    (
        &[
            "xm",
            "name",
            "fullname",
            "personname",
            "realname",
            "xingming",
            "姓名",
            "名字",
            "人员姓名",
            "真实姓名",
            "联系人",
            "报案人",
            "当事人",
            "户主姓名",
        ],
        Kind::PersonName,
    ),
    (
        &[
            "dz",
            "zz",
            "hjdz",
            "xzz",
            "jzdz",
            "zzdz",
            "hjszd",
            "address",
            "addr",
            "homeaddress",
            "residence",
            "地址",
            "住址",
            "户籍地址",
            "现住址",
            "家庭住址",
            "居住地址",
            "联系地址",
            "户籍地",
            "户籍所在地",
            "现居住地",
            "通讯地址",
            "详细地址",
        ],
        Kind::Address,
    ),
    (
        &[
            "email",
            "mail",
            "emailaddress",
            "邮箱",
            "电子邮箱",
            "电子邮件",
            "邮件",
        ],
        Kind::Email,
    ),
    (
        &[
            "mz",
            "jyaq",
            "bz",
            "note",
            "notes",
            "remark",
            "remarks",
            "comment",
            "description",
            "summary",
            "content",
            "民族",
            "备注",
            "简要案情",
            "案情",
            "案情摘要",
            "内容",
            "描述",
        ],
        Kind::Text,
    ),
];

/// Headers of record numbers and keys: no kind, and never taken for ages by content.
const RECORD_NUMBER_WORDS: &[&str] = &[
    "id",
    "no",
    "num",
    "number",
    "rowid",
    "pk",
    "seq",
    "index",
    "xh",
    "bh",
    "序号",
    "编号",
    "行号",
    "记录号",
    "流水号",
];

/// Parts of longer Chinese headers, tried in order when no exact word matches.
const HEADER_PARTS: &[(&str, Kind)] = &[
    ("身份证", Kind::CnRic),
    ("证件号", Kind::CnRic),
    ("手机", Kind::CnMobile),
    ("电话", Kind::CnMobile),
    ("出生", Kind::BirthDate),
    ("生日", Kind::BirthDate),
    ("性别", Kind::Sex),
    ("年龄", Kind::Age),
    ("姓名", Kind::PersonName),
    ("地址", Kind::Address),
    ("住址", Kind::Address),
    ("邮箱", Kind::Email),
    ("日期", Kind::Date),
    ("时间", Kind::Date),
    ("案情", Kind::Text),
];

/// Share of sample values a kind's detector must accept for content alone to decide.
pub const CONTENT_THRESHOLD: f64 = 0.6;

/// How many runner-up kinds an [`Inferred`] keeps.
pub const MAX_ALTERNATIVES: usize = 4;

/// A column's inferred kind.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Inferred {
    pub kind: Kind,
    /// In [0, 1].
    pub confidence: f64,
    /// `header`, `content`, `header+content` or `override`.
    pub source: &'static str,
    /// Other kinds whose detectors also accept ≥ [`CONTENT_THRESHOLD`] of the sample, best
    /// first (the other of birth date / date is not listed: they share one detector).
    pub alternatives: [Option<Kind>; MAX_ALTERNATIVES],
}

impl Inferred {
    /// The runner-up kinds, best first.
    pub fn alternatives(&self) -> impl Iterator<Item = Kind> + '_ {
        self.alternatives.iter().flatten().copied()
    }
}

/// One candidate kind for a column: the share of the sample its detector accepts
/// (`looks_like`) and the share it finds fully valid.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Candidate {
    pub kind: Kind,
    pub looks: f64,
    pub valid: f64,
}

/// Shares closer than this count as a tie, settled by the share of valid values.
const TIE_MARGIN: f64 = 0.02;

/// The best candidate: the highest `looks_like` share; among those within [`TIE_MARGIN`] of
/// it, the highest share of valid values; then the earliest (registry order).
pub fn best_candidate(cands: &[Candidate]) -> Option<Candidate> {
    let top = cands.iter().map(|c| c.looks).fold(0.0f64, f64::max);
    if top <= 0.0 {
        return None;
    }
    let mut best: Option<Candidate> = None;
    for c in cands.iter().filter(|c| c.looks >= top - TIE_MARGIN) {
        if best.is_none_or(|b| c.valid > b.valid) {
            best = Some(*c);
        }
    }
    best
}

/// Infers a column's kind from its header and a sample of its normalised, non-empty values.
///
/// Content wins over a misleading header: when the values clearly are one kind
/// (≥ [`CONTENT_THRESHOLD`] accepted) and the header names another the values do not fit, the
/// content decides. Ties between detectors go to the more specific kind (registry order).
pub fn infer(header: Option<&str>, sample: &[&str]) -> Inferred {
    let named = header.and_then(kind_from_header);
    let n = sample.len();
    // Detectors are pure functions of the value: each distinct value is tried once and counts as
    // often as it occurs (a sex or status column holds a handful of values).
    let distinct = distinct_values(sample);
    let share = |k: Kind| -> f64 {
        match crate::validate::for_kind(k) {
            Some(v) if n > 0 => {
                distinct
                    .iter()
                    .filter(|(s, _)| v.looks_like(s))
                    .map(|&(_, m)| m)
                    .sum::<usize>() as f64
                    / n as f64
            }
            _ => 0.0,
        }
    };
    let round = |x: f64| (x * 1000.0).round() / 1000.0;

    // Best content match: the highest share; near-ties go to the kind with more valid values,
    // then to registry order.
    let ctx = crate::validate::Context {
        reference_date: crate::analysis::today(),
    };
    // A kind's exact share matters only if it can reach the top share's tie band or the content
    // threshold (a runner-up); a detector is stopped as soon as it provably cannot, against the
    // best share seen so far (the header's kind first, as it is needed exactly anyway). Each kind
    // is counted once (the detector `for_kind` returns): the result is what counting every
    // detector over the whole sample gives.
    let hs = named.map(share);
    let mut top_so_far = hs.unwrap_or(0.0);
    let mut shares: Vec<(Kind, Option<f64>)> = Vec::new();
    let mut cands: Vec<Candidate> = Vec::new();
    for v in crate::validate::registry() {
        let kind = v.kind();
        let looks = if let Some(&(_, known)) = shares.iter().find(|(k, _)| *k == kind) {
            known
        } else {
            let looks = match hs {
                Some(hs) if named == Some(kind) => Some(hs),
                _ => bounded_share(
                    kind,
                    &distinct,
                    n,
                    CONTENT_THRESHOLD.min(top_so_far - TIE_MARGIN),
                ),
            };
            shares.push((kind, looks));
            looks
        };
        if let Some(looks) = looks.filter(|&l| l > 0.0) {
            top_so_far = top_so_far.max(looks);
            cands.push(Candidate {
                kind,
                looks,
                valid: 0.0,
            });
        }
    }
    let top = cands.iter().map(|c| c.looks).fold(0.0f64, f64::max);
    // Valid shares only settle ties within the top band: a lone candidate there wins whatever its
    // share, and runner-ups outside the band are ordered with a valid share of 0 either way, so
    // then no value is checked.
    let in_band = cands.iter().filter(|c| c.looks >= top - TIE_MARGIN).count();
    for c in cands
        .iter_mut()
        .filter(|c| in_band > 1 && c.looks >= top - TIE_MARGIN)
    {
        if let Some(v) = crate::validate::for_kind(c.kind) {
            c.valid = distinct
                .iter()
                .filter(|(s, _)| v.check(s, &ctx).is_valid())
                .map(|&(_, m)| m)
                .sum::<usize>() as f64
                / n as f64;
        }
    }
    let mut best: Option<(Kind, f64)> = best_candidate(&cands).map(|c| (c.kind, c.looks));
    let inferred = |kind: Kind, confidence: f64, source: &'static str| {
        let family = |k: Kind| matches!(k, Kind::BirthDate | Kind::Date);
        let mut others: Vec<&Candidate> = cands
            .iter()
            .filter(|c| {
                c.kind != kind && c.looks >= CONTENT_THRESHOLD && !(family(c.kind) && family(kind))
            })
            .collect();
        others.sort_by(|a, b| {
            b.looks
                .total_cmp(&a.looks)
                .then(b.valid.total_cmp(&a.valid))
        });
        let mut alternatives = [None; MAX_ALTERNATIVES];
        for (slot, c) in alternatives.iter_mut().zip(others) {
            *slot = Some(c.kind);
        }
        Inferred {
            kind,
            confidence,
            source,
            alternatives,
        }
    };

    // A run of consecutive integers is a record number, not ages.
    if best.is_some_and(|(b, _)| b == Kind::Age) && is_counter(sample) {
        best = None;
    }
    if named == Some(Kind::Unknown) && best.is_some_and(|(b, _)| b == Kind::Age) {
        best = None;
    }

    if let Some(h) = named {
        let hs = hs.unwrap_or(0.0);
        // Dates: the header tells birth dates from other dates; the detectors cannot.
        let family = |k: Kind| matches!(k, Kind::BirthDate | Kind::Date);
        let best_same_family = best.is_some_and(|(b, _)| family(b) && family(h));
        if hs >= 0.5 || best_same_family {
            let s = hs.max(if best_same_family {
                best.map_or(0.0, |b| b.1)
            } else {
                0.0
            });
            return inferred(h, round(0.5 + 0.5 * s), "header+content");
        }
        // Free text names places, people and dates: a header saying the column is free text
        // (案情, 备注, remarks) gives way only to content that is overwhelmingly one
        // identifier kind.
        let overrides_text = |(b, s): (Kind, f64)| {
            h != Kind::Text
                || (s >= 0.9
                    && !matches!(
                        b,
                        Kind::Address | Kind::PersonName | Kind::Date | Kind::BirthDate
                    ))
        };
        if let Some((b, s)) = best.filter(|&b| b.1 >= CONTENT_THRESHOLD && overrides_text(b)) {
            return inferred(b, round(s * 0.9), "content");
        }
        if n == 0 || matches!(h, Kind::Text | Kind::Unknown) {
            return inferred(h, 0.5, "header");
        }
        return inferred(h, round(0.2 + 0.3 * hs), "header");
    }
    if let Some((b, s)) = best.filter(|b| b.1 >= CONTENT_THRESHOLD) {
        return inferred(b, round(s), "content");
    }
    if n > 0 && looks_like_free_text(sample) {
        return inferred(Kind::Text, 0.5, "content");
    }
    inferred(
        Kind::Unknown,
        round(1.0 - best.map_or(0.0, |b| b.1)),
        "content",
    )
}

/// The sample's distinct values in order of first occurrence, each with its number of
/// occurrences.
fn distinct_values<'a>(sample: &[&'a str]) -> Vec<(&'a str, usize)> {
    let mut at: std::collections::HashMap<&str, usize> =
        std::collections::HashMap::with_capacity(sample.len());
    let mut out: Vec<(&str, usize)> = Vec::with_capacity(sample.len());
    for &s in sample {
        match at.get(s).and_then(|&i| out.get_mut(i)) {
            Some(slot) => slot.1 += 1,
            None => {
                at.insert(s, out.len());
                out.push((s, 1));
            }
        }
    }
    out
}

/// The share of the `n` sample values (`distinct`, with multiplicities) the detector of `kind`
/// accepts (as `infer`'s `share`), or `None` once it is certain to stay below `bound`: then no
/// more values are tried.
fn bounded_share(kind: Kind, distinct: &[(&str, usize)], n: usize, bound: f64) -> Option<f64> {
    let v = crate::validate::for_kind(kind)?;
    if n == 0 {
        return Some(0.0);
    }
    let mut reachable = n;
    let mut count = 0usize;
    for &(s, m) in distinct {
        if v.looks_like(s) {
            count += m;
        } else {
            reachable = reachable.saturating_sub(m);
            // The share only falls as misses add up; division is monotonic, so this is exact.
            if (reachable as f64 / n as f64) < bound {
                return None;
            }
        }
    }
    Some(count as f64 / n as f64)
}

/// Whether the sample is a run of consecutive integers (an auto-increment key).
fn is_counter(sample: &[&str]) -> bool {
    let nums: Vec<i64> = sample.iter().map_while(|s| s.parse().ok()).collect();
    nums.len() == sample.len() && nums.len() >= 5 && nums.windows(2).all(|w| w[1] == w[0] + 1)
}

/// Free text: mostly values with letters or Han characters, on average longer than a word.
fn looks_like_free_text(sample: &[&str]) -> bool {
    let wordy = sample
        .iter()
        .filter(|s| s.chars().filter(|c| c.is_alphabetic()).count() * 2 >= s.chars().count())
        .count();
    let avg_len = sample.iter().map(|s| s.chars().count()).sum::<usize>() / sample.len().max(1);
    wordy * 10 >= sample.len() * 7 && avg_len >= 6
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_are_not_ages() {
        let seq: Vec<String> = (1..=40).map(|i| i.to_string()).collect();
        let refs: Vec<&str> = seq.iter().map(String::as_str).collect();
        assert_ne!(infer(None, &refs).kind, Kind::Age);
        assert_eq!(infer(Some("id"), &refs).kind, Kind::Unknown);
        let ages = ["34", "71", "5", "28", "45", "33", "60"];
        assert_eq!(infer(None, &ages).kind, Kind::Age);
        assert_eq!(infer(Some("年龄"), &ages).kind, Kind::Age);
        // Content wins over a misleading header.
        let ids = [
            "110101199003077578",
            "31010319850101002X",
            "440106199912121234",
        ];
        assert_eq!(infer(Some("手机号"), &ids).kind, Kind::CnRic);
    }

    #[test]
    fn ids_round_trip() {
        for k in Kind::ALL {
            assert_eq!(k.id().parse::<Kind>().unwrap(), k);
            assert_eq!(
                serde_json::to_string(&k).unwrap(),
                format!("\"{}\"", k.id())
            );
        }
        assert!("cn-ric".parse::<Kind>().is_err());
    }

    #[test]
    fn headers() {
        for (h, k) in [
            ("姓名", Kind::PersonName),
            ("XM", Kind::PersonName),
            ("身份证号码", Kind::CnRic),
            ("GMSFHM", Kind::CnRic),
            ("SFZH", Kind::CnRic),
            ("公民身份号码", Kind::CnRic),
            ("证件号码", Kind::CnRic),
            ("手机号", Kind::CnMobile),
            ("LXDH", Kind::CnMobile),
            ("联系电话", Kind::CnMobile),
            ("户籍地址", Kind::Address),
            ("HJDZ", Kind::Address),
            ("现住址", Kind::Address),
            ("出生日期", Kind::BirthDate),
            ("CSRQ", Kind::BirthDate),
            ("生日", Kind::BirthDate),
            ("性别", Kind::Sex),
            ("XB", Kind::Sex),
            ("年龄", Kind::Age),
            ("民族", Kind::Text),
            ("Date of Birth", Kind::BirthDate),
            ("phone_number", Kind::CnMobile),
            ("E-mail", Kind::Email),
            ("被害人身份证号", Kind::CnRic),
        ] {
            assert_eq!(kind_from_header(h), Some(k), "{h}");
        }
        assert_eq!(kind_from_header("column 3"), None);
        assert_eq!(kind_from_header("id"), Some(Kind::Unknown));
        assert_eq!(kind_from_header("序号"), Some(Kind::Unknown));
        assert_eq!(kind_from_header(""), None);
    }

    #[test]
    fn group_headers_name_formats() {
        for (h, id) in [
            ("IBAN", "iban"),
            ("SWIFT code", "bic"),
            ("card_number", "payment_card"),
            ("Routing Number", "us_aba"),
            ("IMEI", "imei"),
            ("ICCID", "iccid"),
            ("IMSI", "imsi"),
        ] {
            assert_eq!(kind_from_header(h), Some(Kind::Format(id)), "{h}");
        }
        // Core words keep their meaning.
        assert_eq!(kind_from_header("phone"), Some(Kind::CnMobile));
        // Every group header names a registered format.
        use crate::validate::{americas, europe, finance, world};
        for (word, id) in [
            world::HEADERS,
            americas::HEADERS,
            europe::HEADERS,
            finance::HEADERS,
        ]
        .into_iter()
        .flatten()
        {
            assert_eq!(kind_from_header(word), Some(Kind::Format(id)), "{word}");
        }
    }

    #[test]
    fn near_ties_go_to_the_more_valid_kind() {
        let c = |kind, looks, valid| Candidate { kind, looks, valid };
        let a = c(Kind::Format("a"), 0.99, 0.50);
        let b = c(Kind::Format("b"), 1.00, 0.40);
        let d = c(Kind::Format("d"), 0.98, 0.97);
        // Within the margin, validity decides; registry order only breaks exact ties.
        assert_eq!(best_candidate(&[a, b, d]).unwrap().kind, Kind::Format("d"));
        assert_eq!(best_candidate(&[a, b]).unwrap().kind, Kind::Format("a"));
        let e = c(Kind::Format("e"), 0.99, 0.50);
        assert_eq!(best_candidate(&[a, e]).unwrap().kind, Kind::Format("a"));
        // Far below the best share, validity does not help.
        let f = c(Kind::Format("f"), 0.70, 0.70);
        assert_eq!(best_candidate(&[b, f]).unwrap().kind, Kind::Format("b"));
        assert_eq!(best_candidate(&[]), None);
    }

    #[test]
    fn alternatives_are_reported() {
        // 15-digit Luhn numbers in American Express's 37 range are also IMEIs.
        let amex = ["378282246310005", "371449635398431", "378734493671000"];
        let i = infer(None, &amex);
        assert_eq!(i.kind, Kind::Format("payment_card"));
        assert!(i.alternatives().any(|k| k == Kind::Format("imei")), "{i:?}");
        // Dates do not list their sibling date kind.
        let dates = ["1990-01-02", "1985-12-31", "2001-07-15"];
        assert!(infer(None, &dates).alternatives().all(|k| k != Kind::Date));
    }

    #[test]
    fn bounded_shares_are_exact_or_provably_below_the_bound() {
        let mixed = [
            "110101199003077777",
            "11010119900307777X",
            "13800138000",
            "010-12345678",
            "1990-01-02",
            "张三",
            "男",
            "男",
            "男",
            "a@b.cn",
            "378282246310005",
            "北京市东城区",
            "12",
            "13",
            "13800138000",
            "",
            "DE89370400440532013000",
            "张三",
        ];
        for len in [1, 2, 5, 9, mixed.len()] {
            let sample = &mixed[..len];
            let distinct = distinct_values(sample);
            assert_eq!(distinct.iter().map(|d| d.1).sum::<usize>(), len);
            for v in crate::validate::registry() {
                let kind = v.kind();
                let exact = sample.iter().filter(|s| v.looks_like(s)).count() as f64 / len as f64;
                for bound in [-0.02, 0.0, 0.1, 0.3, 0.6, 0.98, 1.0] {
                    match bounded_share(kind, &distinct, len, bound) {
                        Some(share) => assert_eq!(share, exact, "{kind:?} {len} {bound}"),
                        None => assert!(exact < bound, "{kind:?} {len} {bound}"),
                    }
                }
            }
        }
    }
}
