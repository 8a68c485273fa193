//! International Bank Account Number (IBAN, ISO 13616-1:2020).
//!
//! Layout: `CC KK BBAN` — ISO 3166-1 country code, two check digits, and the country's Basic
//! Bank Account Number, whose length and character classes the SWIFT IBAN Registry fixes per
//! country (e.g. Germany `8!n10!n`: 18 digits; France `5!n5!n11!c2!n`). Printed in groups of
//! four (`GB82 WEST 1234 5698 7654 32`); the electronic form has no spaces.
//!
//! Check: ISO 7064 MOD 97-10 over the BBAN followed by the country code (letters as 10–35) and
//! the check digits; the remainder must be 1. ISO 13616 prints the check digits as 02–98, so
//! `00`, `01` and `99` are invalid even though `00`/`01` are congruent to `97`/`98`.
//! National check digits inside the BBAN (Belgian, French RIB, Spanish…) are not checked.
//!
//! Specification: ISO 13616-1:2020; SWIFT *IBAN Registry* (country formats), see
//! `crate/data/iban.tsv` and `crate/data/sources/iban.md`.
//!
//! Problems: `format` (characters other than letters and digits, or no country code / check
//! digits in place), `country_unknown` (not an IBAN country of the registry), `length` (not the
//! country's IBAN length), `bban_format` (a character of the wrong class for the country's BBAN
//! structure), `checksum`. Notes: `lowercase`. Facts: `country`, `canonical` (electronic
//! form, upper case, no spaces), `coding` (`sepa` or `non_sepa`).

use super::compact;
use crate::checkdigit::iso7064::MOD_97_10;
use crate::kinds::Kind;
use crate::validate::{Check, Context, Validator};
use std::sync::OnceLock;

const TSV: &str = include_str!("../../../data/iban.tsv");

/// One country's IBAN format from the registry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CountryFormat {
    pub country: &'static str,
    pub length: usize,
    /// BBAN structure in registry notation, e.g. `4!n4!n12!c`.
    pub bban: &'static str,
    pub sepa: bool,
}

/// The registry's country formats, sorted by country code.
pub fn formats() -> &'static [CountryFormat] {
    static T: OnceLock<Vec<CountryFormat>> = OnceLock::new();
    T.get_or_init(|| {
        TSV.lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(|l| {
                let mut f = l.split('\t');
                Some(CountryFormat {
                    country: f.next()?,
                    length: f.next()?.parse().ok()?,
                    bban: f.next()?,
                    sepa: f.next()? == "1",
                })
            })
            .collect()
    })
}

/// The format of country `cc`, if it is an IBAN country.
pub fn format_of(cc: &str) -> Option<&'static CountryFormat> {
    let t = formats();
    t.binary_search_by(|f| f.country.cmp(cc))
        .ok()
        .and_then(|i| t.get(i))
}

/// The BBAN structure expanded into one class byte (`n`, `a`, `c`) per character.
fn classes(spec: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let mut n = 0usize;
    for b in spec.bytes() {
        match b {
            b'0'..=b'9' => n = n * 10 + usize::from(b - b'0'),
            b'!' => {}
            c => {
                out.extend(std::iter::repeat_n(c, n));
                n = 0;
            }
        }
    }
    out
}

fn fits_class(class: u8, c: u8) -> bool {
    match class {
        b'n' => c.is_ascii_digit(),
        b'a' => c.is_ascii_uppercase(),
        b'c' => c.is_ascii_uppercase() || c.is_ascii_digit(),
        _ => false,
    }
}

/// MOD 97-10 over the rearranged IBAN (BBAN + country + check digits, letters as 10–35).
/// `None` when a byte is neither an upper-case letter nor a digit.
fn mod97_ok(iban: &[u8]) -> Option<bool> {
    let (head, bban) = (iban.get(..4)?, iban.get(4..)?);
    let mut digits = Vec::with_capacity(iban.len() * 2);
    for &c in bban.iter().chain(head) {
        match c {
            b'0'..=b'9' => digits.push(c),
            b'A'..=b'Z' => {
                let v = c - b'A' + 10;
                digits.push(b'0' + v / 10);
                digits.push(b'0' + v % 10);
            }
            _ => return None,
        }
    }
    Some(MOD_97_10.is_valid(&digits))
}

/// Validates an IBAN; see the module documentation.
pub fn check_iban(value: &str) -> Check {
    let mut check = Check::default();
    let (mut s, _) = compact(value);
    if s.bytes().any(|b| b.is_ascii_lowercase()) {
        check.notes.push("lowercase");
        s.make_ascii_uppercase();
    }
    let b = s.as_bytes();
    if !b.iter().all(u8::is_ascii_alphanumeric)
        || b.len() < 5
        || !b[..2].iter().all(u8::is_ascii_uppercase)
        || !b[2..4].iter().all(u8::is_ascii_digit)
    {
        check.problems.push("format");
        return check;
    }
    let cc = &s[..2];
    let Some(fmt) = format_of(cc) else {
        check.problems.push("country_unknown");
        return check;
    };
    check.facts.country = Some(fmt.country);
    check.facts.coding = Some(if fmt.sepa { "sepa" } else { "non_sepa" });
    if b.len() != fmt.length {
        check.problems.push("length");
        return check;
    }
    let cls = classes(fmt.bban);
    if b[4..].len() != cls.len() || !b[4..].iter().zip(&cls).all(|(&c, &k)| fits_class(k, c)) {
        check.problems.push("bban_format");
    }
    let kk = &b[2..4];
    if matches!(kk, b"00" | b"01" | b"99") || mod97_ok(b) != Some(true) {
        check.problems.push("checksum");
    }
    if s != value {
        check.facts.canonical = Some(s);
    }
    check
}

pub struct Iban;

impl Validator for Iban {
    fn id(&self) -> &'static str {
        "iban"
    }
    fn name(&self) -> &'static str {
        "International Bank Account Number (IBAN)"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, value: &str) -> bool {
        let (s, _) = compact(value);
        let b = s.as_bytes();
        (15..=34).contains(&b.len())
            && b[..2].iter().all(u8::is_ascii_alphabetic)
            && b[2..4].iter().all(u8::is_ascii_digit)
            && b.iter().all(u8::is_ascii_alphanumeric)
            && check_iban(value).is_valid()
    }
    fn check(&self, value: &str, _ctx: &Context) -> Check {
        check_iban(value)
    }
    fn validates(&self) -> &'static str {
        "country, length and BBAN structure per the SWIFT IBAN Registry, MOD 97-10 check digits"
    }
    fn extracts(&self) -> &'static str {
        "country, SEPA membership"
    }
    fn specification(&self) -> &'static str {
        "ISO 13616-1:2020; SWIFT IBAN Registry (via schwifty 2026.10.1)"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn table() {
        let t = formats();
        assert!(t.len() >= 85, "{}", t.len());
        assert!(t.windows(2).all(|w| w[0].country < w[1].country));
        for f in t {
            assert_eq!(classes(f.bban).len() + 4, f.length, "{}", f.country);
        }
        assert_eq!(format_of("DE").map(|f| f.length), Some(22));
        assert_eq!(format_of("GB").map(|f| f.length), Some(22));
        assert_eq!(format_of("FR").map(|f| f.length), Some(27));
        assert_eq!(format_of("NO").map(|f| f.length), Some(15));
        assert!(format_of("US").is_none());
    }

    #[test]
    fn registry_examples() {
        // Examples printed in ISO 13616 and the SWIFT IBAN Registry.
        for v in [
            "GB82WEST12345698765432",
            "GB82 WEST 1234 5698 7654 32",
            "DE89370400440532013000",
            "DE89 3704 0044 0532 0130 00",
            "FR1420041010050500013M02606",
            "NL91ABNA0417164300",
            "BE68539007547034",
            "NO9386011117947",
            "CH9300762011623852957",
            "gb82west12345698765432",
        ] {
            let c = check_iban(v);
            assert!(c.is_valid(), "{v}: {:?}", c.problems);
            assert!(Iban.looks_like(v), "{v}");
        }
        let c = check_iban("GB82 WEST 1234 5698 7654 32");
        assert_eq!(c.facts.country, Some("GB"));
        assert_eq!(c.facts.canonical.as_deref(), Some("GB82WEST12345698765432"));
        assert_eq!(
            check_iban("DE89370400440532013000").facts.coding,
            Some("sepa")
        );
    }

    #[test]
    fn invalid_examples() {
        for (v, reason) in [
            ("GB83WEST12345698765432", "checksum"),
            ("GB82WEST12345698765433", "checksum"),
            ("GB82WEST1234569876543", "length"),
            ("DE8937040044053201300", "length"),
            ("US12345678901234567890", "country_unknown"),
            ("GB821EST12345698765432", "bban_format"),
            ("GB82WEST1234569876543!", "format"),
            ("1234", "format"),
        ] {
            let c = check_iban(v);
            assert!(c.problems.contains(&reason), "{v}: {:?}", c.problems);
            assert!(!Iban.looks_like(v), "{v}");
        }
    }

    #[test]
    fn check_digits_out_of_range() {
        // DE..370400440532013000 with 97 valid ⇒ 00 is congruent, but ISO 13616 prints 02–98.
        let base = "370400440532013000";
        let ok: Vec<String> = (0..100)
            .map(|k| format!("DE{k:02}{base}"))
            .filter(|v| check_iban(v).is_valid())
            .collect();
        assert_eq!(ok, ["DE89370400440532013000"]);
    }

    fn gen_iban(cc_idx: usize, seed: Vec<u8>) -> String {
        let t = formats();
        let f = &t[cc_idx % t.len()];
        let cls = classes(f.bban);
        let bban: String = cls
            .iter()
            .enumerate()
            .map(|(i, &k)| {
                let r = seed.get(i).copied().unwrap_or(7);
                match k {
                    b'n' => (b'0' + r % 10) as char,
                    b'a' => (b'A' + r % 26) as char,
                    _ => b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"[usize::from(r) % 36] as char,
                }
            })
            .collect();
        let rearranged: String = format!("{bban}{}00", f.country)
            .chars()
            .map(|c| c.to_digit(36).map_or(String::new(), |d| d.to_string()))
            .collect();
        let rem = rearranged
            .bytes()
            .fold(0u32, |acc, b| (acc * 10 + u32::from(b - b'0')) % 97);
        format!("{}{:02}{bban}", f.country, 98 - rem)
    }

    proptest! {
        #[test]
        fn generated_ibans_pass(i in 0usize..200, seed in proptest::collection::vec(any::<u8>(), 34)) {
            let v = gen_iban(i, seed);
            let c = check_iban(&v);
            prop_assert!(c.is_valid(), "{} {:?}", v, c.problems);
            prop_assert!(Iban.looks_like(&v));
        }

        #[test]
        fn single_substitutions_fail(i in 0usize..200, seed in proptest::collection::vec(any::<u8>(), 34), pos in 0usize..34, d in 0u8..10) {
            let v = gen_iban(i, seed);
            let mut b = v.clone().into_bytes();
            let pos = 2 + pos % (b.len() - 2);
            let new = if b[pos].is_ascii_digit() { b'0' + d } else { b'A' + d };
            prop_assume!(new != b[pos]);
            b[pos] = new;
            let m = String::from_utf8(b).unwrap();
            prop_assert!(!check_iban(&m).is_valid(), "{}", m);
        }

        #[test]
        fn junk_gives_a_reason(s in "\\PC{0,40}") {
            let c = check_iban(&s);
            prop_assert!(c.is_valid() || !c.problems.is_empty());
        }
    }
}
