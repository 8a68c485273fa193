//! Chinese landline number: area code (`010`, `02x` or `0xxx`) and a 7- or 8-digit subscriber
//! number, written with dashes, spaces or parentheses (`010-12345678`, `(0755) 1234 5678`),
//! optionally with `+86`/`0086` (the area code's 0 then dropped) and an extension (`-123` after
//! the subscriber, or after `转`, `ext`, `x`, `#`).
//!
//! Problems: `format` (other characters, a malformed extension, or an 11-digit mobile number),
//! `area_code_missing` (a bare 7–8 digit local number: nothing to verify it against),
//! `area_code_unknown` (no such area code, see [`crate::refdata::phones`]), `length` (the
//! subscriber number is not 7–8 digits).
//! Notes: `extension`. Facts: `coding` (`plain`, `plus86`, `0086`), `canonical`
//! (`0755-12345678` form, when the value was written differently).

use super::{Check, Context, Validator};
use crate::kinds::Kind;
use crate::refdata::phones;

pub struct CnLandline;

/// Splits off an extension introduced by a marker; `Err` when what follows is not 1–6 digits.
fn split_extension(value: &str) -> Result<(&str, bool), ()> {
    for marker in ["转", "ext.", "ext", "EXT", "Ext", "x", "X", "#", ","] {
        if let Some(i) = value.find(marker) {
            let ext = value[i + marker.len()..].trim();
            let ok = (1..=6).contains(&ext.len()) && ext.bytes().all(|b| b.is_ascii_digit());
            return if ok {
                Ok((value[..i].trim_end(), true))
            } else {
                Err(())
            };
        }
    }
    Ok((value, false))
}

struct Parsed {
    /// Digits with the area code's leading 0 (restored after `+86`).
    buf: [u8; 24],
    len: usize,
    coding: &'static str,
    extension: bool,
}

fn parse(value: &str) -> Result<Parsed, &'static str> {
    let (main, mut extension) = split_extension(value).map_err(|()| "format")?;
    let (rest, coding) = if let Some(r) = main.strip_prefix("+86") {
        (r, "plus86")
    } else if let Some(r) = main.strip_prefix("0086") {
        (r, "0086")
    } else {
        (main, "plain")
    };
    // Groups of digits between separators.
    let mut groups: [(usize, usize); 6] = [(0, 0); 6];
    let mut ngroups = 0usize;
    let mut start = None;
    let bytes = rest.as_bytes();
    for (i, &c) in bytes
        .iter()
        .enumerate()
        .chain(std::iter::once((bytes.len(), &b' ')))
    {
        match c {
            b'0'..=b'9' => {
                start.get_or_insert(i);
            }
            b' ' | b'-' | b'(' | b')' => {
                if let Some(s) = start.take() {
                    *groups.get_mut(ngroups).ok_or("format")? = (s, i);
                    ngroups += 1;
                }
            }
            _ => return Err("format"),
        }
    }
    let mut p = Parsed {
        buf: [0; 24],
        len: 0,
        coding,
        extension: false,
    };
    if coding != "plain" {
        p.buf[0] = b'0';
        p.len = 1;
    }
    let total: usize = groups[..ngroups].iter().map(|(s, e)| e - s).sum();
    // A short third group after area code and subscriber is an extension (`010-12345678-123`).
    if !extension && ngroups >= 3 {
        let (s, e) = groups[ngroups - 1];
        let before = total - (e - s) + p.len;
        if (10..=12).contains(&before) && e - s <= 6 && (before - (e - s)) >= 3 {
            ngroups -= 1;
            extension = true;
        }
    }
    for &(s, e) in &groups[..ngroups] {
        for &c in &bytes[s..e] {
            *p.buf.get_mut(p.len).ok_or("length")? = c;
            p.len += 1;
        }
    }
    p.extension = extension;
    Ok(p)
}

/// Validates a landline number; see the module documentation.
pub fn check_landline(value: &str) -> Check {
    let mut check = Check::default();
    let p = match parse(value) {
        Ok(p) => p,
        Err(reason) => {
            check.problems.push(reason);
            return check;
        }
    };
    let digits = &p.buf[..p.len];
    let text = std::str::from_utf8(digits).unwrap_or("");
    check.facts.coding = Some(p.coding);
    if p.extension {
        check.notes.push("extension");
    }
    match digits.first() {
        None => {
            check.problems.push("format");
            return check;
        }
        Some(b'1') if digits.len() == 11 => {
            check.problems.push("format");
            return check;
        }
        Some(b'0') => {}
        Some(_) => {
            check.problems.push(if (7..=8).contains(&digits.len()) {
                "area_code_missing"
            } else {
                "length"
            });
            return check;
        }
    }
    match phones::area_code(text) {
        Some((code, _city)) => {
            let subscriber = &text[code.len()..];
            if !(7..=8).contains(&subscriber.len()) {
                check.problems.push("length");
            } else if value.len() != code.len() + 1 + subscriber.len()
                || value.as_bytes().get(code.len()) != Some(&b'-')
            {
                check.facts.canonical = Some(format!("{code}-{subscriber}"));
            }
        }
        None => {
            check.problems.push("area_code_unknown");
            if !(10..=12).contains(&digits.len()) {
                check.problems.push("length");
            }
        }
    }
    check
}

impl Validator for CnLandline {
    fn id(&self) -> &'static str {
        "cn_landline"
    }
    fn name(&self) -> &'static str {
        "Chinese landline number with area code"
    }
    fn kind(&self) -> Kind {
        Kind::CnLandline
    }
    fn looks_like(&self, value: &str) -> bool {
        if value.len() > 32 {
            return false;
        }
        match parse(value) {
            Ok(p) => {
                let d = &p.buf[..p.len];
                d.first() == Some(&b'0')
                    && (10..=12).contains(&d.len())
                    && std::str::from_utf8(d)
                        .ok()
                        .and_then(phones::area_code)
                        .is_some()
            }
            Err(_) => false,
        }
    }
    fn check(&self, value: &str, _ctx: &Context) -> Check {
        check_landline(value)
    }
    fn country(&self) -> Option<&'static str> {
        Some("CN")
    }
    fn validates(&self) -> &'static str {
        "area code, subscriber number length (7–8 digits), extension"
    }
    fn extracts(&self) -> &'static str {
        "canonical form"
    }
    fn specification(&self) -> &'static str {
        "MIIT numbering plan: long-distance area codes"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn valid_forms() {
        for (v, canonical) in [
            ("010-12345678", None),
            ("0755-2345678", None),
            ("01012345678", Some("010-12345678")),
            ("(010)12345678", Some("010-12345678")),
            ("(0755) 1234 5678", Some("0755-12345678")),
            ("+86 10 12345678", Some("010-12345678")),
            ("0086-755-12345678", Some("0755-12345678")),
        ] {
            let c = check_landline(v);
            assert!(c.is_valid(), "{v}: {c:?}");
            assert_eq!(c.facts.canonical.as_deref(), canonical, "{v}");
        }
        assert_eq!(
            check_landline("+86 10 12345678").facts.coding,
            Some("plus86")
        );
        for v in [
            "010-12345678-123",
            "010-12345678转123",
            "010-12345678 ext 9",
            "0755-12345678#88",
        ] {
            let c = check_landline(v);
            assert!(c.is_valid(), "{v}: {c:?}");
            assert_eq!(c.notes, ["extension"], "{v}");
        }
    }

    #[test]
    fn problems() {
        let p = |v: &str| check_landline(v).problems;
        assert_eq!(p("026-12345678"), ["area_code_unknown"]);
        assert_eq!(p("0330-2345678"), ["area_code_unknown"]);
        assert_eq!(p("0330-234"), ["area_code_unknown", "length"]);
        assert_eq!(p("010-123456"), ["length"]);
        assert_eq!(p("010-123456789"), ["length"]);
        assert_eq!(p("12345678"), ["area_code_missing"]);
        assert_eq!(p("13912345678"), ["format"]);
        assert_eq!(p("010-1234abcd"), ["format"]);
        assert_eq!(p("010-12345678转abc"), ["format"]);
        assert_eq!(p("电话"), ["format"]);
        assert_eq!(p("123"), ["length"]);
    }

    #[test]
    fn looks_like() {
        for yes in [
            "010-12345678",
            "0755 12345678",
            "(021)23456789",
            "+86 21 23456789",
        ] {
            assert!(CnLandline.looks_like(yes), "{yes}");
        }
        for no in [
            "13912345678",
            "11010519491231002X",
            "19900102",
            "1990-01-02",
            "12345678",
            "026-12345678",
        ] {
            assert!(!CnLandline.looks_like(no), "{no}");
        }
    }

    proptest! {
        #[test]
        fn junk_never_panics(s in "\\PC{0,40}") {
            let _ = check_landline(&s);
            let _ = CnLandline.looks_like(&s);
        }
        #[test]
        fn phoney_junk_never_panics(s in "[0-9+() 转x#-]{0,40}") {
            let _ = check_landline(&s);
            let _ = CnLandline.looks_like(&s);
        }
    }
}
