//! Chinese mobile number: 11 digits starting with `1`, optionally written with `+86`, `0086`
//! or `86` in front and with spaces or dashes between groups.
//!
//! Problems: `length` (not 11 national digits), `format` (other characters, a foreign country
//! code, or 11 digits not starting with `1`), `prefix_unallocated` (the first digits are not an
//! allocated mobile range, see [`crate::refdata::phones`]).
//! Notes: `separators` (spaces or dashes inside the number).
//! Facts: `carrier` (original carrier of the prefix; numbers are portable since 2019-12-01),
//! `since_year` (only where the table cites one), `coding` (`plain`, `plus86`, `0086`, `86`),
//! `canonical` (the 11 digits, when the value had a prefix or separators), `prefecture` and
//! `province` (the city the number's block was allocated to, where located, see
//! [`crate::refdata::phone_blocks`]).

use super::{Check, Context, Validator};
use crate::kinds::Kind;
use crate::refdata::{phone_blocks, phones};

pub struct CnMobile;

/// The digits of a phone-like value: (digits buffer, count, had separators, had other chars,
/// started with `+`). Digits past the buffer are counted but not kept.
struct Scanned {
    buf: [u8; 20],
    len: usize,
    separators: bool,
    other: bool,
    plus: bool,
}

fn scan(value: &str) -> Scanned {
    let mut s = Scanned {
        buf: [0; 20],
        len: 0,
        separators: false,
        other: false,
        plus: false,
    };
    for (i, c) in value.bytes().enumerate() {
        match c {
            b'0'..=b'9' => {
                if let Some(slot) = s.buf.get_mut(s.len) {
                    *slot = c;
                }
                s.len += 1;
            }
            b'+' if i == 0 => s.plus = true,
            b' ' | b'-' => s.separators = true,
            _ => s.other = true,
        }
    }
    s
}

/// The national 11 digits and the coding of the prefix in front of them, if any.
fn national(s: &Scanned) -> Result<(&[u8], &'static str), &'static str> {
    let all = &s.buf[..s.len.min(s.buf.len())];
    if s.plus {
        return match all.strip_prefix(b"86") {
            Some(rest) => Ok((rest, "plus86")),
            None => Err("format"),
        };
    }
    if s.len == 15 {
        if let Some(rest) = all.strip_prefix(b"0086") {
            return Ok((rest, "0086"));
        }
    }
    if s.len == 13 {
        if let Some(rest) = all.strip_prefix(b"86") {
            return Ok((rest, "86"));
        }
    }
    Ok((all, "plain"))
}

/// Validates a mobile number; see the module documentation.
pub fn check_mobile(value: &str) -> Check {
    let mut check = Check::default();
    check_mobile_into(value, &mut check);
    check
}

/// [`check_mobile`] written over `check`.
pub fn check_mobile_into(value: &str, check: &mut Check) {
    let b = value.as_bytes();
    if b.len() == 11 && super::ascii_digits(b) {
        // Eleven plain digits, as most registers write them: what `check_written` gives them
        // (no prefix, no separator, nothing else to report), without the scan.
        check.reset();
        if b.first() != Some(&b'1') {
            check.problems.push("format");
            return;
        }
        check.facts.coding = Some("plain");
        locate(check, b);
        return;
    }
    *check = check_written(value);
}

/// [`check_mobile`] of any written form.
fn check_written(value: &str) -> Check {
    let mut check = Check::default();
    let s = scan(value);
    if s.other {
        check.problems.push("format");
    }
    let (digits, coding) = match national(&s) {
        Ok(x) => x,
        Err(p) => {
            check.problems.push(p);
            return check;
        }
    };
    let len = if coding == "plain" {
        s.len
    } else {
        digits.len()
    };
    if len != 11 {
        check.problems.push("length");
        return check;
    }
    if digits.first() != Some(&b'1') {
        if !check.problems.contains(&"format") {
            check.problems.push("format");
        }
        return check;
    }
    if s.separators {
        check.notes.push("separators");
    }
    check.facts.coding = Some(coding);
    locate(&mut check, digits);
    if digits.len() != value.len() {
        check.facts.canonical = Some(String::from_utf8_lossy(digits).into_owned());
    }
    check
}

/// The carrier, year and city of the national number `digits` (11 ASCII digits starting with
/// `1`), or `prefix_unallocated`.
fn locate(check: &mut Check, digits: &[u8]) {
    // The prefix and the block (first five and seven digits) as numbers, without a second
    // validation.
    let leading = |n: usize| {
        digits
            .iter()
            .take(n)
            .fold(0u32, |acc, &b| acc * 10 + u32::from(b.wrapping_sub(b'0')))
    };
    match phones::mobile_prefix_of(leading(5) as usize) {
        Some(p) => {
            check.facts.carrier = p.carrier;
            check.facts.since_year = p.since;
            // The city the number's block was first allocated to, where located.
            check.facts.prefecture = phone_blocks::block_city(leading(7));
            check.facts.province = check.facts.prefecture.map(|c| c / 10_000 * 10_000);
        }
        None => check.problems.push("prefix_unallocated"),
    }
}

impl Validator for CnMobile {
    fn id(&self) -> &'static str {
        "cn_mobile"
    }
    fn name(&self) -> &'static str {
        "Chinese mobile number"
    }
    fn kind(&self) -> Kind {
        Kind::CnMobile
    }
    fn looks_like(&self, value: &str) -> bool {
        if value.len() > 24 {
            return false;
        }
        let s = scan(value);
        // Mobile ranges are 13x–19x: 10x–12x are never mobiles (a Peruvian RUC starting 10
        // or 11-digit numbers of other formats must not look like one).
        !s.other
            && matches!(national(&s), Ok((d, c))
                if d.len() == 11
                    && d.first() == Some(&b'1')
                    && d.get(1).is_some_and(|b| (b'3'..=b'9').contains(b))
                    && (c != "plain" || s.len == 11))
    }
    fn check(&self, value: &str, _ctx: &Context) -> Check {
        check_mobile(value)
    }
    fn check_into(&self, value: &str, _ctx: &Context, out: &mut Check) {
        check_mobile_into(value, out);
    }
    fn country(&self) -> Option<&'static str> {
        Some("CN")
    }
    fn validates(&self) -> &'static str {
        "11 digits, +86/0086 prefix, allocated mobile prefix"
    }
    fn extracts(&self) -> &'static str {
        "original carrier, year the prefix came into use"
    }
    fn specification(&self) -> &'static str {
        "MIIT numbering plan for public telecommunication networks (allocated 1xx mobile ranges)"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn valid_forms() {
        for (v, coding) in [
            ("13912345678", "plain"),
            ("+8613912345678", "plus86"),
            ("+86 139 1234 5678", "plus86"),
            ("008613912345678", "0086"),
            ("8613912345678", "86"),
            ("139-1234-5678", "plain"),
        ] {
            let c = check_mobile(v);
            assert!(c.is_valid(), "{v}: {c:?}");
            assert_eq!(c.facts.coding, Some(coding));
            assert_eq!(c.facts.carrier, Some("China Mobile"));
            assert_eq!(c.facts.since_year, None);
        }
        assert_eq!(check_mobile("13912345678").facts.canonical, None);
        assert_eq!(
            check_mobile("+86 139 1234 5678").facts.canonical.as_deref(),
            Some("13912345678")
        );
        assert_eq!(check_mobile("139 1234 5678").notes, ["separators"]);
        assert_eq!(
            check_mobile("18912345678").facts.carrier,
            Some("China Telecom")
        );
        assert_eq!(check_mobile("13491234567").facts.carrier, None);
    }

    #[test]
    fn problems() {
        let p = |v: &str| check_mobile(v).problems;
        assert_eq!(p("1391234567"), ["length"]);
        assert_eq!(p("139123456789"), ["length"]);
        assert_eq!(p("+1 415 555 0100"), ["format"]);
        assert_eq!(p("139a2345678"), ["format", "length"]);
        assert_eq!(p("(139)12345678"), ["format"]);
        assert_eq!(p("23912345678"), ["format"]);
        assert_eq!(p("14012345678"), ["prefix_unallocated"]);
        assert_eq!(p("12012345678"), ["prefix_unallocated"]);
        assert_eq!(p("17912345678"), ["prefix_unallocated"]);
        assert_eq!(p("+8614012345678"), ["prefix_unallocated"]);
    }

    #[test]
    fn looks_like() {
        for yes in [
            "13912345678",
            "+8613912345678",
            "139 1234 5678",
            "008613912345678",
            "14012345678",
        ] {
            assert!(CnMobile.looks_like(yes), "{yes}");
        }
        for no in [
            "11010519491231002X",
            "19900102",
            "010-12345678",
            "1391234567",
            "+1 415 555 0100",
            "23912345678",
            "abc",
        ] {
            assert!(!CnMobile.looks_like(no), "{no}");
        }
    }

    proptest! {
        #[test]
        fn junk_never_panics(s in "\\PC{0,40}") {
            let _ = check_mobile(&s);
            let _ = CnMobile.looks_like(&s);
        }
        #[test]
        fn digit_junk_never_panics(s in "[0-9+ -]{0,40}") {
            let _ = check_mobile(&s);
            let _ = CnMobile.looks_like(&s);
        }
        /// The eleven-digit shortcut gives what the general path gives.
        #[test]
        fn plain_digits_as_written(s in "1[3-9][0-9]{9}|[0-9]{11}|[0-9]{10,12}|[0-9 +-]{11}") {
            prop_assert_eq!(check_mobile(&s), check_written(&s));
        }
    }
}
