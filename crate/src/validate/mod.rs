//! Validators: one trait, one file per kind of value or identifier format, one registry.
//!
//! A validator receives a value that has already been normalised (see [`crate::normalize`]) and
//! returns a [`Check`]: the problems that make it invalid (each a stable snake_case reason id),
//! notes that do not (e.g. `legacy_15_digit`), and the facts it encodes (birth date, sex,
//! region, carrier…) for the cross-field checks and statistics.

use crate::civil::Date;
use crate::kinds::Kind;
use serde::{Deserialize, Serialize};

pub mod address;
pub mod age;
pub mod americas;
pub mod cn_landline;
pub mod cn_mobile;
pub mod cn_ric;
pub mod date;
pub mod email;
pub mod europe;
pub mod finance;
pub mod person_name;
pub mod sex;
pub mod world;

/// What the validators may need to know about the data as a whole.
#[derive(Clone, Copy, Debug)]
pub struct Context {
    /// The data's reference date: no birth date may lie after it.
    pub reference_date: Date,
}

/// Sex, as encoded in an ID or written in a column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Male,
    Female,
}

/// What a value encodes, as far as its validator can tell.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    /// The date the value denotes (a date column) or encodes (the birth date in an ID).
    pub date: Option<Date>,
    pub sex: Option<Sex>,
    /// An age in years.
    pub age: Option<u32>,
    /// The most specific six-digit GB/T 2260 code: the ID's region, or the county named in an
    /// address (or its prefecture/province code when no county is named).
    pub region: Option<u32>,
    /// Province code (`xx0000`) of the region.
    pub province: Option<u32>,
    /// Prefecture code (`xxxx00`) of the region, when known.
    pub prefecture: Option<u32>,
    /// Original carrier of a mobile number's prefix.
    pub carrier: Option<&'static str>,
    /// Year the phone prefix came into use, where a source supports it.
    pub since_year: Option<u16>,
    /// Which notation or coding the value used (sex: `zh`, `mf`, `gb2261`…; dates: `iso`,
    /// `compact`, `zh`, `excel_serial`…; IDs: `18_digit`, `legacy_15`).
    pub coding: Option<&'static str>,
    /// The canonical form when it differs from the input (e.g. a 15-digit ID upgraded to 18).
    pub canonical: Option<String>,
    /// ISO 3166-1 alpha-2 country the value belongs to, when it says (IBAN, IMSI, phone…).
    pub country: Option<&'static str>,
    /// The issuer or scheme the value names (card scheme, bank, mobile network, tax office…).
    pub issuer: Option<String>,
}

/// The outcome of validating one value.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Check {
    /// Reasons the value is invalid; empty when it is valid.
    pub problems: Vec<&'static str>,
    /// Observations that do not make the value invalid.
    pub notes: Vec<&'static str>,
    pub facts: Facts,
}

impl Check {
    pub fn is_valid(&self) -> bool {
        self.problems.is_empty()
    }

    /// Makes this check a default one in place, keeping the lists' capacity.
    pub fn reset(&mut self) {
        self.problems.clear();
        self.notes.clear();
        self.facts = Facts::default();
    }

    /// A check that failed for one reason.
    pub fn invalid(reason: &'static str) -> Check {
        Check {
            problems: vec![reason],
            ..Check::default()
        }
    }
}

/// One kind of value or identifier format.
pub trait Validator: Send + Sync {
    /// Stable id, e.g. `cn_ric`.
    fn id(&self) -> &'static str;
    /// Human name, e.g. "Chinese resident identity number (GB 11643-1999)".
    fn name(&self) -> &'static str;
    /// The column kind this validator serves.
    fn kind(&self) -> Kind;
    /// Whether `value` has the shape of this kind, valid or not (a wrong check digit still looks
    /// like an ID). Used to infer column kinds from content; must be cheap.
    fn looks_like(&self, value: &str) -> bool;
    /// Validate a normalised, non-empty value.
    fn check(&self, value: &str, ctx: &Context) -> Check;
    /// [`Validator::check`] written over `out` (whatever it held before). The row loop keeps
    /// one check per column and has it filled here; the validators of the common columns
    /// override this to fill `out` in place, without a check (≈ 200 bytes) made and moved per
    /// value. Overrides must give exactly what `check` gives.
    fn check_into(&self, value: &str, ctx: &Context, out: &mut Check) {
        *out = self.check(value, ctx);
    }
    /// ISO 3166-1 alpha-2 country of the format; `None` for international formats (IBAN…).
    fn country(&self) -> Option<&'static str> {
        None
    }
    /// What is checked, in a few words (e.g. "length, MOD 11-2 check, birth date, region").
    fn validates(&self) -> &'static str {
        ""
    }
    /// What a valid value yields (e.g. "birth date, sex, region"); empty if nothing.
    fn extracts(&self) -> &'static str {
        ""
    }
    /// Where the format is specified (standard, law, issuer's documentation).
    fn specification(&self) -> &'static str {
        ""
    }
}

/// Every validator, in a fixed order: the core kinds first, then the identifier formats of
/// other countries and the financial and telecom formats.
pub fn registry() -> &'static [&'static dyn Validator] {
    static ALL: std::sync::OnceLock<Vec<&'static dyn Validator>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        let mut v: Vec<&'static dyn Validator> = CORE.to_vec();
        v.extend_from_slice(world::VALIDATORS);
        v.extend_from_slice(americas::VALIDATORS);
        v.extend_from_slice(europe::VALIDATORS);
        v.extend_from_slice(finance::VALIDATORS);
        v
    })
}

const CORE: &[&dyn Validator] = &[
    &cn_ric::CnRic,
    &cn_mobile::CnMobile,
    &cn_landline::CnLandline,
    &date::BirthDate,
    &date::AnyDate,
    &sex::SexValidator,
    &age::Age,
    &person_name::PersonName,
    &address::Address,
    &email::Email,
];

/// The validator for a column kind; `None` for `text` and `unknown`.
pub fn for_kind(kind: Kind) -> Option<&'static dyn Validator> {
    registry().iter().copied().find(|v| v.kind() == kind)
}

/// Whether `b` is ASCII digits only (and not empty). At least eight bytes are read as
/// overlapping eight-byte words (IDs and phone numbers are 11–18 digits), shorter ones byte by
/// byte.
pub(crate) fn ascii_digits(b: &[u8]) -> bool {
    const NIBBLES: u64 = 0xf0f0_f0f0_f0f0_f0f0;
    const THREES: u64 = 0x3030_3030_3030_3030;
    // Every byte 0x30–0x3F, then (no carry possible) still so with 6 added: 0x30–0x39.
    let digits = |w: &[u8; 8]| {
        let w = u64::from_le_bytes(*w);
        w & NIBBLES == THREES && w.wrapping_add(0x0606_0606_0606_0606) & NIBBLES == THREES
    };
    if b.len() < 8 {
        return !b.is_empty() && b.iter().all(u8::is_ascii_digit);
    }
    let mut rest = b;
    while let Some((w, tail)) = rest.split_first_chunk::<8>() {
        if !digits(w) {
            return false;
        }
        rest = tail;
    }
    rest.is_empty() || b.last_chunk::<8>().is_some_and(digits)
}

#[cfg(test)]
mod tests {
    #[test]
    fn ascii_digits_as_bytes() {
        let pool = [
            b'0',
            b'9',
            b'5',
            b'/',
            b':',
            b' ',
            b'a',
            0x39 + 6,
            0xb0,
            0xf9,
            0,
        ];
        let mut rng = crate::testgen::Lcg::new(9);
        for n in 0..30 {
            for _ in 0..2_000 {
                let b: Vec<u8> = (0..n)
                    .map(|_| {
                        let r = rng.draw();
                        if r.is_multiple_of(8) {
                            pool[r / 8 % pool.len()]
                        } else {
                            b'0' + (r % 10) as u8
                        }
                    })
                    .collect();
                let want = !b.is_empty() && b.iter().all(u8::is_ascii_digit);
                assert_eq!(super::ascii_digits(&b), want, "{b:?}");
            }
        }
    }

    use super::*;

    #[test]
    fn registry_is_consistent() {
        let mut ids: Vec<_> = registry().iter().map(|v| v.id()).collect();
        let n = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), n, "duplicate validator ids");
        for v in registry() {
            assert_eq!(for_kind(v.kind()).unwrap().id(), v.id());
        }
        assert!(for_kind(Kind::Text).is_none());
    }

    /// Junk must never panic any validator, and must never be accepted as valid.
    #[test]
    fn junk_never_panics() {
        let ctx = Context {
            reference_date: Date::new(2022, 7, 1).unwrap(),
        };
        let junk = [
            "",
            " ",
            "x",
            "0",
            "-",
            "\u{0}",
            "😀",
            "ＸＸＸ",
            "9".repeat(200).as_str().to_owned().leak(),
            "1.10101E+17",
            "年月日",
            "·",
            "@",
            "a@",
            "@b",
            "+86",
            "0086",
            "2022-13-45",
        ];
        for v in registry() {
            for j in junk {
                let _ = v.looks_like(j);
                let _ = v.check(j, &ctx);
            }
        }
    }

    /// `check_into` gives exactly what `check` gives, whatever the check it writes over held
    /// (each value's is written over the previous value's), for every validator; the hot
    /// validators fill it in place.
    #[test]
    fn check_into_equals_check() {
        let ctx = Context {
            reference_date: Date::new(2022, 7, 1).unwrap(),
        };
        let values = [
            "110101199001010028",
            "11010119900101002x",
            "110101199001010029",
            "110101900101002",
            "810000199001010023",
            "999999199001010021",
            "1101011990010100",
            "1.10101E+17",
            "13800138000",
            "+86 138 0013 8000",
            "10800138000",
            "23800138000",
            "1380013800",
            "张伟",
            "欧阳娜娜",
            "阿卜杜·热合曼",
            "张某",
            "Zhang Wei",
            "男",
            "女性",
            "F",
            "3",
            "1990-01-01",
            "1990年1月1日",
            "2030-01-01",
            "19900101",
            "山东省菏泽市成武县人民路257号",
            "山东省菏泽市成武县文亭街道1号",
            "北京市东城区和平街2号",
            "上海市卢湾区淮海中路1号",
            "火星市",
            "",
            "x",
            "😀",
        ];
        for v in registry() {
            let mut out = Check::invalid("dirty");
            out.notes.push("dirty");
            out.facts.canonical = Some("dirty".into());
            out.facts.issuer = Some("dirty".into());
            for _ in 0..2 {
                for x in values {
                    let want = v.check(x, &ctx);
                    v.check_into(x, &ctx, &mut out);
                    assert_eq!(out, want, "{} {x:?}", v.id());
                }
            }
        }
    }
}
