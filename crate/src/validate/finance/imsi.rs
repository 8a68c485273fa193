//! International Mobile Subscriber Identity (IMSI): ITU-T E.212, 3GPP TS 23.003 §2.2.
//!
//! Layout: `MCC (3) MNC (2–3) MSIN` — mobile country code, mobile network code, and the
//! subscriber's number within the network; 15 digits at most (14 or 15 in practice). There is
//! no check digit. The MNC's length is not written in the number: it is known from the network
//! table, so a 3-digit MNC is looked up before a 2-digit one.
//!
//! Specification: ITU-T E.212 (*The international identification plan for public networks and
//! subscriptions*) and its list of MCCs; 3GPP TS 23.003 §2.2. Network table:
//! `crate/data/imsi.tsv` (see `crate/data/sources/imsi.md`).
//!
//! Problems: `format`, `length` (not 14 or 15 digits), `mcc_unknown` (no country or
//! international network has that MCC). Notes: `mnc_unknown` (the MCC is known but the table
//! lists no network for the code: networks are added every year, so not invalid).
//! Facts: `country` (the network's, else the MCC's), `issuer` (the network), `canonical`.

use super::{all_digits, compact};
use crate::kinds::Kind;
use crate::validate::{Check, Context, Validator};
use std::sync::OnceLock;

const TSV: &str = include_str!("../../../data/imsi.tsv");

/// One network of the table.
#[derive(Debug)]
pub struct Network {
    pub mcc: &'static str,
    pub mnc: &'static str,
    pub country: Option<&'static str>,
    pub name: &'static str,
}

fn table() -> &'static [Network] {
    static T: OnceLock<Vec<Network>> = OnceLock::new();
    T.get_or_init(|| {
        TSV.lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(|l| {
                let mut f = l.split('\t');
                Some(Network {
                    mcc: f.next()?,
                    mnc: f.next()?,
                    country: f.next().filter(|c| c.len() == 2),
                    name: f.next().unwrap_or(""),
                })
            })
            .collect()
    })
}

fn find(mcc: &str, mnc: &str) -> Option<&'static Network> {
    let t = table();
    t.binary_search_by(|n| (n.mcc, n.mnc).cmp(&(mcc, mnc)))
        .ok()
        .and_then(|i| t.get(i))
}

/// The country of an MCC: the first network's that names one.
pub fn mcc_country(mcc: &str) -> Option<Option<&'static str>> {
    let t = table();
    let start = t.partition_point(|n| n.mcc < mcc);
    let nets = t[start..].iter().take_while(|n| n.mcc == mcc);
    let mut any = false;
    for n in nets {
        any = true;
        if n.country.is_some() {
            return Some(n.country);
        }
    }
    any.then_some(None)
}

/// Validates an IMSI; see the module documentation.
pub fn check_imsi(value: &str) -> Check {
    let mut check = Check::default();
    let (s, seps) = compact(value);
    if !all_digits(&s) {
        check.problems.push("format");
        return check;
    }
    if s.len() != 14 && s.len() != 15 {
        check.problems.push("length");
        return check;
    }
    let mcc = &s[..3];
    let Some(country) = mcc_country(mcc) else {
        check.problems.push("mcc_unknown");
        return check;
    };
    check.facts.country = country;
    match find(mcc, &s[3..6]).or_else(|| find(mcc, &s[3..5])) {
        Some(n) => {
            if n.country.is_some() {
                check.facts.country = n.country;
            }
            if !n.name.is_empty() {
                check.facts.issuer = Some(n.name.to_owned());
            }
        }
        None => check.notes.push("mnc_unknown"),
    }
    if seps {
        check.facts.canonical = Some(s);
    }
    check
}

pub struct Imsi;

impl Validator for Imsi {
    fn id(&self) -> &'static str {
        "imsi"
    }
    fn name(&self) -> &'static str {
        "Mobile subscriber identity (IMSI)"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    /// 15 digits whose MCC and MNC name a known network (there is no check digit).
    fn looks_like(&self, value: &str) -> bool {
        value.len() == 15 && {
            let c = check_imsi(value);
            c.is_valid() && c.facts.issuer.is_some()
        }
    }
    fn check(&self, value: &str, _ctx: &Context) -> Check {
        check_imsi(value)
    }
    fn validates(&self) -> &'static str {
        "14–15 digits, assigned mobile country code (MCC), known network code (MNC)"
    }
    fn extracts(&self) -> &'static str {
        "country, mobile network"
    }
    fn specification(&self) -> &'static str {
        "ITU-T E.212; 3GPP TS 23.003 §2.2"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn table_loads() {
        let t = table();
        assert!(t.len() > 2000);
        assert!(t
            .windows(2)
            .all(|w| (w[0].mcc, w[0].mnc) < (w[1].mcc, w[1].mnc)));
        assert_eq!(mcc_country("460"), Some(Some("CN")));
        assert_eq!(mcc_country("262"), Some(Some("DE")));
        assert_eq!(mcc_country("000"), None);
    }

    #[test]
    fn examples() {
        // 3GPP TS 23.003 uses 234-15 (UK) in its examples; 001-01 is the test network.
        let c = check_imsi("234150999999999");
        assert!(c.is_valid(), "{:?}", c.problems);
        assert_eq!(c.facts.country, Some("GB"));
        assert!(c.facts.issuer.is_some());
        assert!(Imsi.looks_like("234150999999999"));
        // 460-00: China Mobile; 310-410: a 3-digit US MNC.
        let c = check_imsi("460001234567890");
        assert_eq!(c.facts.country, Some("CN"));
        assert!(c.facts.issuer.is_some());
        let c = check_imsi("310410123456789");
        assert_eq!(c.facts.country, Some("US"));
        assert!(c.facts.issuer.is_some());
        for (v, reason) in [
            ("000001234567890", "mcc_unknown"),
            ("46000123456", "length"),
            ("46000123456789a", "format"),
        ] {
            let c = check_imsi(v);
            assert!(c.problems.contains(&reason), "{v}: {:?}", c.problems);
            assert!(!Imsi.looks_like(v));
        }
    }

    proptest! {
        #[test]
        fn generated(i in 0usize..5000, msin in "[0-9]{10}") {
            let t = table();
            let n = &t[i % t.len()];
            let v: String = format!("{}{}{msin}", n.mcc, n.mnc).chars().take(15).collect();
            let c = check_imsi(&v);
            prop_assert!(c.is_valid(), "{} {:?}", v, c.problems);
            prop_assert!(c.facts.issuer.is_some() || n.name.is_empty());
        }

        #[test]
        fn junk_gives_a_reason(s in "\\PC{0,20}") {
            let c = check_imsi(&s);
            prop_assert!(c.is_valid() || !c.problems.is_empty());
        }
    }
}
