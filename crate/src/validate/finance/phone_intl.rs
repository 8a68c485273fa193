//! International phone numbers in E.164 form, written with `+` or the `00` international
//! prefix: country calling code detection and national number lengths.
//!
//! Layout (ITU-T E.164): `+ CC NSN` — a 1–3 digit country calling code (prefix-free: no code
//! is the start of another), then the national significant number; at most 15 digits in all.
//! Codes shared by several countries (+1 North America, +7 Russia/Kazakhstan, +44 UK and the
//! Crown Dependencies…) are told apart by the national number's leading digits (e.g. the
//! area code under +1).
//!
//! Validity here is "libphonenumber-grade lengths": the national number must have a length
//! that the country's numbers have (libphonenumber's general description). The full
//! per-type patterns of libphonenumber are not shipped: the `phonenumber` crate, which
//! would bring them, grew the gzipped wasm from 403 kB to 988 kB in a measurement, leaving no
//! room under the page's 1 MB budget. See `crate/data/sources/calling_codes.md`.
//!
//! Specification: ITU-T E.164 (the international public telecommunication numbering plan) and
//! its list of assigned country codes; lengths and region prefixes from Google's
//! libphonenumber metadata (`crate/data/calling_codes.tsv`).
//!
//! Problems: `format` (no `+`/`00`, or characters other than digits and separators),
//! `country_code_unknown` (no assigned calling code), `length` (the national number's length
//! is not one the country uses, or more than 15 digits in all). Notes: `trunk_prefix_written`
//! (`+44 (0)20…`: the national `0` in brackets, dropped). Facts: `country` (ISO 3166-1, none
//! for non-geographic codes such as +800), `issuer` (`+CC`, the calling code), `coding`
//! (`plus`, `00`), `canonical` (`+` and digits).

use crate::kinds::Kind;
use crate::validate::{Check, Context, Validator};
use std::sync::OnceLock;

const TSV: &str = include_str!("../../../data/calling_codes.tsv");

/// One region's entry under a calling code.
#[derive(Debug)]
pub struct Region {
    pub code: u16,
    /// ISO 3166-1 alpha-2, or `001` for non-geographic services.
    pub region: &'static str,
    pub main: bool,
    pub lengths: Vec<u8>,
    pub prefixes: Vec<&'static str>,
}

fn table() -> &'static [Region] {
    static T: OnceLock<Vec<Region>> = OnceLock::new();
    T.get_or_init(|| {
        TSV.lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(|l| {
                let mut f = l.split('\t');
                Some(Region {
                    code: f.next()?.parse().ok()?,
                    region: f.next()?,
                    main: f.next()? == "1",
                    lengths: f
                        .next()?
                        .split(',')
                        .filter_map(|n| n.parse().ok())
                        .collect(),
                    prefixes: f
                        .next()
                        .unwrap_or("")
                        .split(',')
                        .filter(|p| !p.is_empty())
                        .collect(),
                })
            })
            .collect()
    })
}

/// The regions of calling code `code` (main region first), empty if unassigned.
pub fn regions_of(code: u16) -> impl Iterator<Item = &'static Region> {
    table().iter().filter(move |r| r.code == code)
}

/// Splits `digits` (an international number without `+`) into its calling code and the rest.
pub fn split_calling_code(digits: &str) -> Option<(u16, &str)> {
    (1..=3).find_map(|n| {
        let code: u16 = digits.get(..n)?.parse().ok()?;
        regions_of(code).next().map(|_| (code, &digits[n..]))
    })
}

/// The region a national number under `code` belongs to.
pub fn region_for(code: u16, nsn: &str) -> Option<&'static Region> {
    let mut main = None;
    for r in regions_of(code) {
        if r.prefixes.iter().any(|p| nsn.starts_with(p)) {
            return Some(r);
        }
        if r.main {
            main = Some(r);
        }
    }
    main
}

/// The ISO 3166-1 country of a (geographic) region code.
pub fn country_of(r: &Region) -> Option<&'static str> {
    (r.region.len() == 2 && r.region.bytes().all(|b| b.is_ascii_uppercase())).then_some(r.region)
}

/// Validates an international phone number; see the module documentation.
pub fn check_phone(value: &str) -> Check {
    let mut check = Check::default();
    let mut v = value.trim();
    let coding = if let Some(rest) = v.strip_prefix('+') {
        v = rest;
        "plus"
    } else if let Some(rest) = v.strip_prefix("00") {
        v = rest;
        "00"
    } else {
        check.problems.push("format");
        return check;
    };
    check.facts.coding = Some(coding);
    let had_trunk = v.contains("(0)");
    let v = v.replace("(0)", "");
    let mut digits = String::with_capacity(v.len());
    for c in v.chars() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '-' | '.' | '/' | '(' | ')' => {}
            _ => {
                check.problems.push("format");
                return check;
            }
        }
    }
    if had_trunk {
        check.notes.push("trunk_prefix_written");
    }
    if digits.is_empty() {
        check.problems.push("format");
        return check;
    }
    let Some((code, nsn)) = split_calling_code(&digits) else {
        check.problems.push("country_code_unknown");
        return check;
    };
    check.facts.issuer = Some(format!("+{code}"));
    let region = region_for(code, nsn);
    check.facts.country = region.and_then(country_of);
    let len_ok = region.is_some_and(|r| r.lengths.contains(&(nsn.len() as u8)));
    if !len_ok || digits.len() > 15 {
        check.problems.push("length");
    }
    let canonical = format!("+{digits}");
    if canonical != value {
        check.facts.canonical = Some(canonical);
    }
    check
}

pub struct PhoneIntl;

impl Validator for PhoneIntl {
    fn id(&self) -> &'static str {
        "phone_intl"
    }
    fn name(&self) -> &'static str {
        "International phone number (E.164)"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, value: &str) -> bool {
        (value.starts_with('+') || value.starts_with("00"))
            && value.len() <= 30
            && check_phone(value).is_valid()
    }
    fn check(&self, value: &str, _ctx: &Context) -> Check {
        check_phone(value)
    }
    fn validates(&self) -> &'static str {
        "+ or 00 prefix, assigned country calling code, national number length per country"
    }
    fn extracts(&self) -> &'static str {
        "country, calling code"
    }
    fn specification(&self) -> &'static str {
        "ITU-T E.164; libphonenumber metadata (phonenumbers 9.0.43)"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn table_loads() {
        assert!(table().len() > 240);
        assert_eq!(
            split_calling_code("8613800000000"),
            Some((86, "13800000000"))
        );
        assert_eq!(split_calling_code("12025550123"), Some((1, "2025550123")));
        assert_eq!(split_calling_code("35312345678"), Some((353, "12345678")));
        assert_eq!(split_calling_code("999"), None);
    }

    #[test]
    fn countries() {
        // Fictional or reserved subscriber numbers (555-01xx, Ofcom drama ranges, 138 0000…).
        for (v, cc) in [
            ("+1 202 555 0123", "US"),
            ("+1 416 555 0123", "CA"),
            ("+1 876 555 0123", "JM"),
            ("+44 20 7946 0958", "GB"),
            ("+44 (0)20 7946 0958", "GB"),
            ("0044 7700 900123", "GB"),
            ("+86 138 0000 0000", "CN"),
            ("+82 10-1234-5678", "KR"),
            ("+49 30 123456", "DE"),
            ("+7 701 123 4567", "KZ"),
            ("+7 912 345 6789", "RU"),
            ("+33 1 23 45 67 89", "FR"),
            ("+55 11 91234-5678", "BR"),
        ] {
            let c = check_phone(v);
            assert!(c.is_valid(), "{v}: {:?}", c.problems);
            assert_eq!(c.facts.country, Some(cc), "{v}");
            assert!(PhoneIntl.looks_like(v), "{v}");
        }
        let c = check_phone("+44 (0)20 7946 0958");
        assert_eq!(c.notes, ["trunk_prefix_written"]);
        assert_eq!(c.facts.canonical.as_deref(), Some("+442079460958"));
        assert_eq!(check_phone("+800 1234 5678").facts.country, None);
    }

    #[test]
    fn invalid() {
        for (v, reason) in [
            ("13800000000", "format"),
            ("+86 138 0000 000a", "format"),
            ("+", "format"),
            ("+999 1234567", "country_code_unknown"),
            ("+1 202 555 012", "length"),
            ("+86 138 0000 0000 000", "length"),
            ("+1234567890123456789", "length"),
        ] {
            let c = check_phone(v);
            assert!(c.problems.contains(&reason), "{v}: {:?}", c.problems);
            assert!(!PhoneIntl.looks_like(v));
        }
    }

    proptest! {
        #[test]
        fn generated(i in 0usize..400, body in "[1-9][0-9]{16}") {
            let t = table();
            let r = &t[i % t.len()];
            let n = usize::from(r.lengths[i % r.lengths.len()]);
            let pre = r.prefixes.first().copied().unwrap_or("");
            let nsn: String = format!("{pre}{body}").chars().take(n).collect();
            prop_assume!(nsn.len() == n);
            let v = format!("+{}{nsn}", r.code);
            prop_assume!(v.len() <= 16);
            // The main region is chosen unless a prefix says otherwise.
            let c = check_phone(&v);
            if region_for(r.code, &nsn).is_some_and(|x| x.lengths.contains(&(n as u8))) {
                prop_assert!(c.is_valid(), "{} {:?}", v, c.problems);
            }
            // A digit too many or too few is caught unless that length is also used.
            let longer = format!("{v}5");
            let region = region_for(r.code, &nsn).unwrap();
            if !region.lengths.contains(&((n + 1) as u8)) {
                prop_assert!(!check_phone(&longer).is_valid(), "{}", longer);
            }
        }

        #[test]
        fn junk_gives_a_reason(s in "\\PC{0,30}") {
            let c = check_phone(&s);
            prop_assert!(c.is_valid() || !c.problems.is_empty());
        }
    }
}
