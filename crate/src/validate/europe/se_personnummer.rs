//! Sweden personnummer (personal identity number) and samordningsnummer (coordination number).
//!
//! Layout: `YYMMDD-NNNC` (or `YYYYMMDDNNNC`): birth date, a three-digit birth number whose
//! last digit is odd for men and even for women, and a Luhn check digit computed over the ten
//! digits `YYMMDDNNN`. The separator is `-`, changed to `+` in the year the holder turns 100,
//! which is what gives the century of a ten-digit number (inferred from the reference date).
//! A coordination number (for people not registered as residents) adds 60 to the day (note
//! `coordination_number`). Every single changed digit is caught by the Luhn check.
//!
//! Problems: `length`, `format`, `checksum`, `date_invalid`, `date_after_reference`,
//! `date_too_old`. Notes: `coordination_number`, `century_inferred`.
//!
//! Specification: Folkbokföringslagen (1991:481) § 18; Skatteverket, *Personnummer* (SKV 704)
//! and *Samordningsnummer* (SKV 707).

use super::west::{all_digits, birth_date, infer_century, num, sex_odd_male};
use crate::checkdigit::luhn;
use crate::kinds::Kind;
use crate::validate::{Check, Context, Validator};

pub struct SePersonnummer;

/// A number split into its digits (10 or 12) and its separator, if written.
struct Parts {
    digits: Vec<u8>,
    separator: Option<u8>,
}

fn parts(value: &str) -> Option<Parts> {
    let b: Vec<u8> = value.bytes().filter(|&c| c != b' ').collect();
    let (digits, separator) = match b.len() {
        11 | 13 => {
            let (head, tail) = b.split_at(b.len() - 5);
            let (&sep, tail) = tail.split_first()?;
            if sep != b'-' && sep != b'+' {
                return None;
            }
            ([head, tail].concat(), Some(sep))
        }
        _ => (b, None),
    };
    (all_digits(&digits) && matches!(digits.len(), 10 | 12)).then_some(Parts { digits, separator })
}

/// Validates a personnummer or samordningsnummer; see the module documentation.
pub fn check_personnummer(value: &str, ctx: &Context) -> Check {
    let mut check = Check::default();
    check.facts.country = Some("SE");
    let Some(Parts { digits, separator }) = parts(value) else {
        let n = value.bytes().filter(u8::is_ascii_digit).count();
        check.problems.push(if n == 10 || n == 12 {
            "format"
        } else {
            "length"
        });
        return check;
    };
    let ten = &digits[digits.len() - 10..];
    if !luhn::is_valid(ten) {
        check.problems.push("checksum");
    }
    let (yy, mm, mut dd) = (
        num(&ten[..2]).unwrap_or(0),
        num(&ten[2..4]).unwrap_or(0),
        num(&ten[4..6]).unwrap_or(0),
    );
    if dd > 60 {
        dd -= 60;
        check.notes.push("coordination_number");
    }
    let year = if digits.len() == 12 {
        num(&digits[..4]).unwrap_or(0) as i32
    } else {
        check.notes.push("century_inferred");
        let y = infer_century(yy, mm, dd, ctx);
        if separator == Some(b'+') {
            y - 100
        } else {
            y
        }
    };
    check.facts.sex = Some(sex_odd_male(u32::from(ten[8] - b'0')));
    if let Some(d) = birth_date(&mut check, year, mm, dd, ctx) {
        let mut canon = format!("{:04}", d.year).into_bytes();
        canon.extend_from_slice(&ten[2..]);
        let canon = String::from_utf8(canon).unwrap_or_default();
        if canon != value {
            check.facts.canonical = Some(canon);
        }
    }
    check
}

impl Validator for SePersonnummer {
    fn id(&self) -> &'static str {
        "se_personnummer"
    }
    fn name(&self) -> &'static str {
        "Sweden personnummer / samordningsnummer"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, value: &str) -> bool {
        if value.len() > 15 {
            return false;
        }
        let Some(p) = parts(value) else {
            return false;
        };
        let ten = &p.digits[p.digits.len() - 10..];
        let (mm, dd) = (num(&ten[2..4]).unwrap_or(0), num(&ten[4..6]).unwrap_or(0));
        luhn::is_valid(ten)
            && (1..=12).contains(&mm)
            && matches!(dd, 1..=31 | 61..=91)
            && (p.digits.len() == 10 || matches!(&p.digits[..2], b"18" | b"19" | b"20"))
    }
    fn check(&self, value: &str, ctx: &Context) -> Check {
        check_personnummer(value, ctx)
    }
    fn country(&self) -> Option<&'static str> {
        Some("SE")
    }
    fn validates(&self) -> &'static str {
        "length, Luhn check digit, birth date (coordination day + 60), century from - / +"
    }
    fn extracts(&self) -> &'static str {
        "birth date, sex"
    }
    fn specification(&self) -> &'static str {
        "Folkbokföringslagen 1991:481 § 18; Skatteverket SKV 704 and SKV 707"
    }
}

#[cfg(test)]
mod tests {
    use super::super::west::test_ctx;
    use super::*;
    use crate::civil::Date;
    use crate::validate::Sex;
    use proptest::prelude::*;

    fn check(v: &str) -> Check {
        check_personnummer(v, &test_ctx())
    }
    fn with_luhn(p: &str) -> String {
        format!("{p}{}", luhn::check_digit(p.as_bytes()).unwrap())
    }

    #[test]
    fn skatteverket_example() {
        // Skatteverket's example 640823-323: Luhn digit 4.
        assert_eq!(with_luhn("640823323"), "6408233234");
        let c = check("640823-3234");
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.date, Date::new(1964, 8, 23));
        assert_eq!(c.facts.sex, Some(Sex::Male));
        assert_eq!(c.facts.canonical.as_deref(), Some("196408233234"));
        assert!(check("196408233234").is_valid());
        assert!(check("19640823-3234").is_valid());
        assert!(check("6408233234").is_valid());
        assert_eq!(check("640823-3235").problems, ["checksum"]);
        // + : the holder is 100 or older.
        let c = check("640823+3234");
        assert_eq!(c.facts.date, Date::new(1864, 8, 23));
        assert_eq!(c.problems, ["date_too_old"]);
    }

    #[test]
    fn coordination_and_errors() {
        let v = with_luhn("701063234");
        let c = check(&v);
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.date, Date::new(1970, 10, 3));
        assert!(c.notes.contains(&"coordination_number"));
        assert_eq!(check(&with_luhn("701332323")).problems, ["date_invalid"]);
        assert_eq!(check(&with_luhn("700230323")).problems, ["date_invalid"]);
        assert_eq!(check("640823/3234").problems, ["format"]);
        assert_eq!(check("640823-323").problems, ["length"]);
        assert!(SePersonnummer.looks_like("640823-3234"));
        assert!(!SePersonnummer.looks_like("640823-3235"));
        assert!(!SePersonnummer.looks_like("641323-3234"));
    }

    proptest! {
        #[test]
        fn generated_are_valid_and_single_errors_fail(
            days in 0i64..44_000, serial in 0u32..1000, coord in any::<bool>(),
            i in 0usize..10, d in 1u8..10,
        ) {
            let date = Date::from_days(Date::new(1900, 1, 1).unwrap().to_days() + days).unwrap();
            prop_assume!(date <= test_ctx().reference_date);
            let day = u32::from(date.day) + if coord { 60 } else { 0 };
            let p = format!("{:02}{:02}{day:02}{serial:03}", date.year % 100, date.month);
            let ten = with_luhn(&p);
            let sep = if date.age_on(test_ctx().reference_date) >= 100 { '+' } else { '-' };
            let v = format!("{}{sep}{}", &ten[..6], &ten[6..]);
            let c = check(&v);
            prop_assert!(c.is_valid(), "{} {:?}", v, c);
            prop_assert_eq!(c.facts.date, Some(date));
            prop_assert!(SePersonnummer.looks_like(&v));
            let twelve = format!("{:04}{}", date.year, &ten[2..]);
            prop_assert_eq!(check(&twelve).facts.date, Some(date));
            let mut m = ten.into_bytes();
            m[i] = b'0' + (m[i] - b'0' + d) % 10;
            let m = String::from_utf8(m).unwrap();
            prop_assert!(check(&m).problems.contains(&"checksum"), "{}", m);
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,20}") {
            let c = check(&s);
            let _ = SePersonnummer.looks_like(&s);
            prop_assert!(!c.is_valid() && !c.problems.is_empty(), "{:?}", s);
        }
    }
}
