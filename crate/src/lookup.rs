//! One value in hand: which registry formats it fits and what each says about it (valid or the
//! reasons, notes, and what it encodes), and the registry itself. The CLI's `veracity check` /
//! `veracity formats` and the page's "Check one number" box are thin skins over this module.
//!
//! A value *fits* a format when it has the format's shape ([`Validator::looks_like`]) or when
//! the format's validator accepts it; with an explicit format, that format's verdict is given
//! whatever the value looks like.

use crate::error::{Error, Result};
use crate::normalize::normalize;
use crate::validate::{self, Check, Context, Facts, Sex, Validator};
use serde::{Deserialize, Serialize};

/// What a value encodes, as far as its format's validator can tell (only the facts found are
/// serialised).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extracted {
    /// The date the value encodes (an ID's birth date) or denotes (a date), ISO 8601. Called
    /// `date`, not `birth_date`, because a date column's value is not a birth date; it is the
    /// same key as in `veracity check --json`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex: Option<Sex>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age: Option<u32>,
    /// Six-digit GB/T 2260 codes (zero-padded).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefecture: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carrier: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since_year: Option<u16>,
    /// ISO 3166-1 alpha-2 country the value names (IBAN, phone, IMSI…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// The issuer or scheme the value names (card scheme, network, tax office…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coding: Option<String>,
    /// The canonical form when it differs from the input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canonical: Option<String>,
}

impl From<&Facts> for Extracted {
    fn from(f: &Facts) -> Extracted {
        Extracted {
            date: f.date.map(|d| d.to_string()),
            sex: f.sex,
            age: f.age,
            region: f.region.map(|x| format!("{x:06}")),
            province: f.province.map(|x| format!("{x:06}")),
            prefecture: f.prefecture.map(|x| format!("{x:06}")),
            carrier: f.carrier.map(str::to_owned),
            since_year: f.since_year,
            country: f.country.map(str::to_owned),
            issuer: f.issuer.clone(),
            coding: f.coding.map(str::to_owned),
            canonical: f.canonical.clone(),
        }
    }
}

/// One format's verdict on one value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    /// The registry id (e.g. `kr_rrn`), also the column kind's id.
    pub format: String,
    pub name: String,
    /// ISO 3166-1 alpha-2 country of the format; `None` for international formats.
    pub country: Option<String>,
    /// Whether the value has the format's shape (valid or not).
    pub looks_like: bool,
    pub valid: bool,
    /// Why it is invalid (stable reason ids); empty when valid.
    pub reasons: Vec<String>,
    /// Observations that do not make it invalid.
    pub notes: Vec<String>,
    pub extracted: Extracted,
}

/// The answer for one value: the value as given, as normalised, the reference date used, and
/// every format it fits (registry order).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lookup {
    pub value: String,
    pub normalized: String,
    pub reference_date: String,
    pub formats: Vec<Verdict>,
}

/// A registry entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormatInfo {
    pub id: String,
    pub name: String,
    pub country: Option<String>,
    /// The column kind it serves (the id a column kind override takes).
    pub kind: String,
    pub validates: String,
    pub extracts: String,
    pub specification: String,
}

/// The validator with registry id `id`, or an error naming the known ids.
pub fn validator_by_id(id: &str) -> Result<&'static dyn Validator> {
    let reg = validate::registry();
    reg.iter().copied().find(|v| v.id() == id).ok_or_else(|| {
        let ids: Vec<&str> = reg.iter().map(|v| v.id()).collect();
        Error::BadOptions(format!("unknown format {id:?} (known: {})", ids.join(", ")))
    })
}

/// `v`'s verdict on an already normalised value.
pub fn verdict(v: &dyn Validator, normalized: &str, ctx: &Context) -> Verdict {
    let c: Check = v.check(normalized, ctx);
    Verdict {
        format: v.id().to_owned(),
        name: v.name().to_owned(),
        country: v.country().map(str::to_owned),
        looks_like: v.looks_like(normalized),
        valid: c.is_valid(),
        reasons: c.problems.iter().map(|s| (*s).to_owned()).collect(),
        notes: c.notes.iter().map(|s| (*s).to_owned()).collect(),
        extracted: Extracted::from(&c.facts),
    }
}

/// Every format `normalized` fits (or only `format`'s verdict when given).
fn verdicts(normalized: &str, format: Option<&str>, ctx: &Context) -> Result<Vec<Verdict>> {
    if let Some(id) = format {
        return Ok(vec![verdict(validator_by_id(id)?, normalized, ctx)]);
    }
    if normalized.is_empty() {
        return Ok(Vec::new());
    }
    Ok(validate::registry()
        .iter()
        .copied()
        .filter(|v| v.looks_like(normalized) || v.check(normalized, ctx).is_valid())
        .map(|v| verdict(v, normalized, ctx))
        .collect())
}

/// What each registry format says about one value (normalised first: full-width characters,
/// stray spaces, a leading `'`…), or only `format`'s verdict. An empty value fits nothing; an
/// unknown format id is an error.
pub fn check_value(value: &str, format: Option<&str>, ctx: &Context) -> Result<Vec<Verdict>> {
    verdicts(&normalize(value).0, format, ctx)
}

/// [`check_value`] with the value, its normalised form and the reference date.
pub fn lookup(value: &str, format: Option<&str>, ctx: &Context) -> Result<Lookup> {
    let normalized = normalize(value).0.into_owned();
    let formats = verdicts(&normalized, format, ctx)?;
    Ok(Lookup {
        value: value.to_owned(),
        normalized,
        reference_date: ctx.reference_date.to_string(),
        formats,
    })
}

/// The registry, in its fixed order.
pub fn formats() -> Vec<FormatInfo> {
    validate::registry()
        .iter()
        .map(|v| FormatInfo {
            id: v.id().to_owned(),
            name: v.name().to_owned(),
            country: v.country().map(str::to_owned),
            kind: v.kind().id().to_owned(),
            validates: v.validates().to_owned(),
            extracts: v.extracts().to_owned(),
            specification: v.specification().to_owned(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::civil::Date;

    fn ctx() -> Context {
        Context {
            reference_date: Date {
                year: 2024,
                month: 6,
                day: 1,
            },
        }
    }

    fn find<'a>(v: &'a [Verdict], id: &str) -> Option<&'a Verdict> {
        v.iter().find(|x| x.format == id)
    }

    #[test]
    fn a_chinese_id_is_checked_and_its_facts_extracted() {
        let v = check_value("11010519491231002X", None, &ctx()).unwrap();
        let ric = find(&v, "cn_ric").expect("fits cn_ric");
        assert!(ric.valid && ric.looks_like);
        assert_eq!(ric.country.as_deref(), Some("CN"));
        assert_eq!(ric.extracted.date.as_deref(), Some("1949-12-31"));
        assert_eq!(ric.extracted.sex, Some(Sex::Female));
        assert_eq!(ric.extracted.region.as_deref(), Some("110105"));
        // A changed check character is caught, with the reason.
        let v = check_value("110105194912310021", None, &ctx()).unwrap();
        let ric = find(&v, "cn_ric").expect("still looks like cn_ric");
        assert!(!ric.valid);
        assert!(
            ric.reasons.iter().any(|r| r == "checksum"),
            "{:?}",
            ric.reasons
        );
    }

    #[test]
    fn normalises_first_and_junk_fits_nothing() {
        let v = check_value(
            "ＧＢ８２ ＷＥＳＴ １２３４ ５６９８ ７６５４ ３２",
            None,
            &ctx(),
        )
        .unwrap();
        let iban = find(&v, "iban").expect("full-width IBAN");
        assert!(iban.valid);
        assert_eq!(iban.extracted.country.as_deref(), Some("GB"));
        assert!(check_value("zzz", None, &ctx()).unwrap().is_empty());
        assert!(check_value("", None, &ctx()).unwrap().is_empty());
        assert!(check_value("   ", None, &ctx()).unwrap().is_empty());
    }

    #[test]
    fn an_explicit_format_always_answers_and_an_unknown_one_is_an_error() {
        let v = check_value("zzz", Some("br_cpf"), &ctx()).unwrap();
        assert_eq!(v.len(), 1);
        assert!(!v[0].valid && !v[0].reasons.is_empty());
        let e = check_value("1", Some("no_such_format"), &ctx()).unwrap_err();
        assert!(e.to_string().contains("unknown format"), "{e}");
    }

    #[test]
    fn lookup_states_the_value_and_reference_date() {
        let l = lookup(" 123.456.789-09 ", None, &ctx()).unwrap();
        assert_eq!(l.value, " 123.456.789-09 ");
        assert_eq!(l.normalized, "123.456.789-09");
        assert_eq!(l.reference_date, "2024-06-01");
        assert!(find(&l.formats, "br_cpf").is_some_and(|v| v.valid));
    }

    #[test]
    fn formats_lists_the_whole_registry() {
        let f = formats();
        assert_eq!(f.len(), validate::registry().len());
        let kr = f.iter().find(|x| x.id == "kr_rrn").expect("kr_rrn");
        assert_eq!(kr.country.as_deref(), Some("KR"));
        assert_eq!(kr.kind, "kr_rrn");
        assert!(f
            .iter()
            .all(|x| !x.name.is_empty() && !x.validates.is_empty()));
        // Ids are unique (the page's kind selector and the check box key on them).
        let mut ids: Vec<&str> = f.iter().map(|x| x.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), f.len());
    }

    #[test]
    fn arbitrary_input_never_panics() {
        for s in [
            "\u{0}",
            "\u{202E}123",
            "١٢٣٤٥٦",
            "+",
            "00",
            "X",
            "9999999999999999999999999999999",
            "é",
        ] {
            let _ = check_value(s, None, &ctx()).unwrap();
        }
        let long = "1".repeat(100_000);
        let _ = check_value(&long, None, &ctx()).unwrap();
    }
}
