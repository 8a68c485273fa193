//! Hong Kong identity card number (HKID).
//!
//! Layout: one or two prefix letters, six digits, and a check character (`0`–`9` or `A`),
//! usually printed in brackets: `A123456(3)`, `AB987654(2)`.
//!
//! Check: the characters are valued A = 10 … Z = 35, digits as themselves; a one-letter prefix
//! is preceded by a space valued 36. Weights 9, 8, 7, 6, 5, 4, 3, 2 over the eight characters
//! before the check character; the check value is `(11 − Σ mod 11) mod 11`, printed `A` for 10.
//! The number encodes neither birth date nor sex.
//!
//! Problems: `format`, `length`, `checksum`.
//!
//! Specification: Immigration Department of Hong Kong, Registration of Persons Ordinance
//! (Cap. 177) for the card; the check character is the weighted modulus-11 scheme documented
//! with the card's specimen number `A123456(3)`.

use super::common::{all_digits, compact, squeeze};
use crate::kinds::Kind;
use crate::validate::{Check, Context, Validator};

pub struct HkHkid;

fn value(c: u8) -> Option<u32> {
    match c {
        b'0'..=b'9' => Some(u32::from(c - b'0')),
        b'A'..=b'Z' => Some(u32::from(c - b'A') + 10),
        b' ' => Some(36),
        _ => None,
    }
}

/// The check character for a prefix (one or two upper-case letters) and six digits.
pub fn check_char(body: &[u8]) -> Option<u8> {
    let (prefix, digits) = body.split_at(body.len().checked_sub(6)?);
    if !all_digits(digits) || prefix.is_empty() || prefix.len() > 2 {
        return None;
    }
    if !prefix.iter().all(u8::is_ascii_uppercase) {
        return None;
    }
    let padded: Vec<u8> = if prefix.len() == 1 {
        [b' '].iter().chain(body).copied().collect()
    } else {
        body.to_vec()
    };
    let mut sum = 0u32;
    for (c, w) in padded.iter().zip([9u32, 8, 7, 6, 5, 4, 3, 2]) {
        sum += value(*c)? * w;
    }
    Some(match (11 - sum % 11) % 11 {
        10 => b'A',
        d => b'0' + d as u8,
    })
}

fn shape_ok(id: &[u8]) -> bool {
    let n = id.len();
    (n == 8 || n == 9)
        && id[..n - 7].iter().all(u8::is_ascii_uppercase)
        && all_digits(&id[n - 7..n - 1])
        && matches!(id[n - 1], b'0'..=b'9' | b'A')
}

impl Validator for HkHkid {
    fn id(&self) -> &'static str {
        "hk_hkid"
    }
    fn name(&self) -> &'static str {
        "Hong Kong identity card number (HKID)"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, value: &str) -> bool {
        squeeze(value, b"()").is_some_and(|id| {
            shape_ok(&id) && check_char(&id[..id.len() - 1]) == id.last().copied()
        })
    }
    fn check(&self, value: &str, _ctx: &Context) -> Check {
        let mut check = Check::default();
        let Some(id) = compact(value, b"()", &mut check, |n| n == 8 || n == 9) else {
            return check;
        };
        check.facts.country = Some("HK");
        if !shape_ok(&id) {
            check.problems.push("format");
            return check;
        }
        let (body, last) = id.split_at(id.len() - 1);
        if check_char(body) != last.first().copied() {
            check.problems.push("checksum");
        }
        check
    }
    fn country(&self) -> Option<&'static str> {
        Some("HK")
    }
    fn validates(&self) -> &'static str {
        "length, letter prefix, weighted mod 11 check character"
    }
    fn specification(&self) -> &'static str {
        "Registration of Persons Ordinance (Cap. 177); mod 11 check character as on the specimen A123456(3)"
    }
}

#[cfg(test)]
mod tests {
    use super::super::common::testing::{junk, problems, substitutions_fail};
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn specimen() {
        assert!(problems(&HkHkid, "A123456(3)").is_empty());
        assert!(problems(&HkHkid, "A1234563").is_empty());
        assert!(problems(&HkHkid, "a123456(3)").is_empty());
        let c = HkHkid.check("A123456(3)", &super::super::common::testing::ctx());
        assert_eq!(c.facts.canonical.as_deref(), Some("A1234563"));
        assert_eq!(c.facts.country, Some("HK"));
        assert_eq!(problems(&HkHkid, "A123456(4)"), ["checksum"]);
        assert_eq!(problems(&HkHkid, "A12345(3)"), ["length"]);
        assert_eq!(problems(&HkHkid, "1123456(3)"), ["format"]);
        assert_eq!(problems(&HkHkid, "A123456[3]"), ["format"]);
        assert!(HkHkid.looks_like("A123456(3)"));
        assert!(!HkHkid.looks_like("A123456(4)"));
        assert!(!HkHkid.looks_like("12345678"));
    }

    #[test]
    fn check_character_a_and_two_letters() {
        // Construct numbers whose check value is 10 and 0, and a two-letter prefix.
        let mut seen_a = false;
        for n in 0..2000u32 {
            let body = format!("XA{n:06}");
            let c = check_char(body.as_bytes()).unwrap();
            let id = format!("{body}({})", c as char);
            assert!(problems(&HkHkid, &id).is_empty(), "{id}");
            seen_a |= c == b'A';
        }
        assert!(seen_a);
    }

    #[test]
    fn single_substitutions_fail() {
        for body in ["A123456", "XA987654", "Z000001"] {
            let c = check_char(body.as_bytes()).unwrap();
            let id = format!("{body}{}", c as char);
            let n = id.len();
            substitutions_fail(&HkHkid, &id, n - 7..n, b"0123456789A");
        }
    }

    proptest! {
        #[test]
        fn generated_are_valid(two in any::<bool>(), a in 0u8..26, b in 0u8..26, n in 0u32..1_000_000) {
            let prefix = if two {
                format!("{}{}", (b'A' + a) as char, (b'A' + b) as char)
            } else {
                ((b'A' + a) as char).to_string()
            };
            let body = format!("{prefix}{n:06}");
            let c = check_char(body.as_bytes()).unwrap();
            let id = format!("{body}({})", c as char);
            prop_assert!(HkHkid.looks_like(&id));
            prop_assert!(problems(&HkHkid, &id).is_empty());
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,20}") {
            junk(&HkHkid, &s);
        }
    }
}
