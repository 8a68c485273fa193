//! United Kingdom National Insurance number (NINO).
//!
//! Layout: `PP NN NN NN S` — a two-letter prefix, six digits, and a suffix `A`–`D` (the
//! quarter in which contribution cards were once returned). There is no check character and
//! nothing personal is encoded: HMRC and DWP allocate prefixes in blocks and numbers in
//! sequence. Some systems store the number without its suffix (or with a space in its place);
//! that is accepted with the note `no_suffix`.
//!
//! Prefix rules (HMRC National Insurance Manual, NIM39110): `D`, `F`, `I`, `Q`, `U`, `V` are
//! never the first or second letter; `O` is never the second letter; `BG`, `GB`, `KN`, `NK`,
//! `NT`, `TN` and `ZZ` are not used (`TN` marked the former temporary numbers). Reference
//! numbers that look like NINOs but use administrative prefixes (`CR`, `FY`, `MW`, `NC`; `OO`
//! already breaks the second-letter rule) are not NINOs.
//!
//! Problems: `length`, `format`, `invalid_prefix`, `administrative_prefix`, `invalid_suffix`.
//! Notes: `no_suffix`.
//!
//! Specification: HMRC, *National Insurance Manual* NIM39110 "What a NINO looks like"
//! (<https://www.gov.uk/hmrc-internal-manuals/national-insurance-manual/nim39110>).

use super::west::{compact, set_canonical, SEPARATORS};
use crate::kinds::Kind;
use crate::validate::{Check, Context, Validator};

pub struct GbNino;

/// Prefixes HMRC never allocates.
const BANNED: [&[u8; 2]; 7] = [b"BG", b"GB", b"KN", b"NK", b"NT", b"TN", b"ZZ"];
/// Administrative "prefixes" of reference numbers that are not NINOs.
const ADMINISTRATIVE: [&[u8; 2]; 4] = [b"CR", b"FY", b"MW", b"NC"];

/// Whether the two prefix letters may begin a NINO.
pub fn prefix_allowed(first: u8, second: u8) -> bool {
    const NEVER: &[u8] = b"DFIQUV";
    !NEVER.contains(&first)
        && !NEVER.contains(&second)
        && second != b'O'
        && !BANNED.contains(&&[first, second])
}

/// Whether `b` has the NINO shape: two letters, six digits, an optional letter.
fn shaped(b: &[u8]) -> bool {
    (b.len() == 8 || b.len() == 9)
        && b[..2].iter().all(u8::is_ascii_uppercase)
        && b[2..8].iter().all(u8::is_ascii_digit)
        && b.get(8).is_none_or(u8::is_ascii_uppercase)
}

/// Validates a National Insurance number; see the module documentation.
pub fn check_nino(value: &str) -> Check {
    let mut check = Check::default();
    check.facts.country = Some("GB");
    let c = compact(value, SEPARATORS);
    let b = c.as_bytes();
    if b.len() != 8 && b.len() != 9 {
        check.problems.push("length");
        return check;
    }
    if !shaped(b) {
        check.problems.push("format");
        return check;
    }
    let (first, second) = (b[0], b[1]);
    if ADMINISTRATIVE.contains(&&[first, second]) {
        check.problems.push("administrative_prefix");
    } else if !prefix_allowed(first, second) {
        check.problems.push("invalid_prefix");
    }
    match b.get(8) {
        None => check.notes.push("no_suffix"),
        Some(b'A'..=b'D') => {}
        Some(_) => check.problems.push("invalid_suffix"),
    }
    set_canonical(&mut check, value, &c);
    check
}

impl Validator for GbNino {
    fn id(&self) -> &'static str {
        "gb_nino"
    }
    fn name(&self) -> &'static str {
        "UK National Insurance number (NINO)"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, value: &str) -> bool {
        if value.len() > 13 {
            return false;
        }
        let c = compact(value, &[' ']);
        let b = c.as_bytes();
        // Lower case counts: compact() upper-cases. The suffix, when present, must be A–D.
        shaped(b) && b.get(8).is_none_or(|s| (b'A'..=b'D').contains(s))
    }
    fn check(&self, value: &str, _ctx: &Context) -> Check {
        check_nino(value)
    }
    fn country(&self) -> Option<&'static str> {
        Some("GB")
    }
    fn validates(&self) -> &'static str {
        "length, shape, prefix letters (HMRC rules), suffix A–D"
    }
    fn extracts(&self) -> &'static str {
        ""
    }
    fn specification(&self) -> &'static str {
        "HMRC National Insurance Manual NIM39110"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn problems(v: &str) -> Vec<&'static str> {
        check_nino(v).problems
    }

    #[test]
    fn manual_example_and_prefix_rules() {
        // HMRC's own example uses the prefix QQ, which the rules exclude.
        assert_eq!(problems("QQ 12 34 56 A"), ["invalid_prefix"]);
        let c = check_nino("AB 12 34 56 C");
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.canonical.as_deref(), Some("AB123456C"));
        assert_eq!(c.facts.country, Some("GB"));
        assert!(check_nino("ab123456c").is_valid());
        for p in [
            "BG", "GB", "KN", "NK", "NT", "TN", "ZZ", "DA", "AD", "FA", "IA", "UA", "VA",
        ] {
            assert_eq!(problems(&format!("{p}123456A")), ["invalid_prefix"], "{p}");
        }
        assert_eq!(problems("AO123456A"), ["invalid_prefix"]);
        assert!(problems("OA123456A").is_empty(), "O may come first");
        assert_eq!(problems("OO123456A"), ["invalid_prefix"]);
        assert_eq!(problems("NC123456A"), ["administrative_prefix"]);
        assert_eq!(problems("MW123456A"), ["administrative_prefix"]);
    }

    #[test]
    fn suffix_and_shape() {
        assert_eq!(problems("AB123456E"), ["invalid_suffix"]);
        let c = check_nino("AB123456");
        assert!(c.is_valid());
        assert_eq!(c.notes, ["no_suffix"]);
        assert_eq!(problems("AB12345A"), ["format"]);
        assert_eq!(problems("AB1234A"), ["length"]);
        assert_eq!(problems("AB1234567A"), ["length"]);
        assert_eq!(problems("A1123456A"), ["format"]);
        assert_eq!(problems("AB12345AA"), ["format"]);
        assert_eq!(problems("AB12345!A"), ["format"]);
        assert_eq!(problems("AB123456Ä"), ["length"]);
    }

    #[test]
    fn looks_like() {
        assert!(GbNino.looks_like("AB 12 34 56 C"));
        assert!(GbNino.looks_like("AB123456"));
        assert!(
            GbNino.looks_like("ZZ123456A"),
            "an invalid prefix still looks like one"
        );
        assert!(!GbNino.looks_like("AB123456E"));
        assert!(!GbNino.looks_like("12345678"));
        assert!(!GbNino.looks_like("AB-12-34-56-C-D"));
    }

    proptest! {
        #[test]
        fn generated_are_valid(
            p in "[A-Z]{2}", n in 0u32..1_000_000, s in "[A-D]", spaced in any::<bool>(),
        ) {
            let pb = p.as_bytes();
            prop_assume!(prefix_allowed(pb[0], pb[1]) && !ADMINISTRATIVE.contains(&&[pb[0], pb[1]]));
            let v = if spaced {
                format!("{p} {:02} {:02} {:02} {s}", n / 10_000, n / 100 % 100, n % 100)
            } else {
                format!("{p}{n:06}{s}")
            };
            prop_assert!(check_nino(&v).is_valid(), "{}", v);
            prop_assert!(GbNino.looks_like(&v));
            // A digit turned into a letter, or the suffix into E–Z, is caught.
            let mut m = format!("{p}{n:06}{s}").into_bytes();
            m[5] = b'X';
            prop_assert!(!check_nino(std::str::from_utf8(&m).unwrap()).is_valid());
            m[5] = b'0';
            m[8] = b'E';
            prop_assert!(!check_nino(std::str::from_utf8(&m).unwrap()).is_valid());
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,20}") {
            let c = check_nino(&s);
            let _ = GbNino.looks_like(&s);
            prop_assert!(!c.is_valid() && !c.problems.is_empty(), "{:?} {:?}", s, c);
        }
    }
}
