//! Taiwan national identification number (中華民國國民身分證統一編號).
//!
//! Layout: `L S DDDDDDD C` — a letter for the city or county of first registration, the sex
//! digit (1 male, 2 female), seven serial digits and a check digit: `A123456789`.
//!
//! Check: the letter becomes a two-digit code (A = 10, B = 11 … H = 17, I = 34, J = 18 … N = 22,
//! O = 35, P = 23 … V = 29, W = 32, X = 30, Y = 31, Z = 33); with weights 1, 9 on the code's two
//! digits, 8, 7, 6, 5, 4, 3, 2, 1 on the next eight digits and 1 on the check digit, the sum
//! is a multiple of 10. Sex and the registration area are extracted (`facts.issuer`).
//!
//! Problems: `format`, `length`, `checksum`.
//!
//! Specification: Ministry of the Interior, Department of Household Registration —
//! 國民身分證統一編號編碼原則 (numbering rules of the national ID number).

use super::common::{all_digits, compact, squeeze};
use crate::kinds::Kind;
use crate::validate::{Check, Context, Sex, Validator};

pub struct TwNid;

/// The two-digit code of a first-registration letter, and the area it names.
pub fn letter(c: u8) -> Option<(u32, &'static str)> {
    Some(match c {
        b'A' => (10, "Taipei City"),
        b'B' => (11, "Taichung City"),
        b'C' => (12, "Keelung City"),
        b'D' => (13, "Tainan City"),
        b'E' => (14, "Kaohsiung City"),
        b'F' => (15, "New Taipei City"),
        b'G' => (16, "Yilan County"),
        b'H' => (17, "Taoyuan City"),
        b'I' => (34, "Chiayi City"),
        b'J' => (18, "Hsinchu County"),
        b'K' => (19, "Miaoli County"),
        b'L' => (20, "Taichung County"),
        b'M' => (21, "Nantou County"),
        b'N' => (22, "Changhua County"),
        b'O' => (35, "Hsinchu City"),
        b'P' => (23, "Yunlin County"),
        b'Q' => (24, "Chiayi County"),
        b'R' => (25, "Tainan County"),
        b'S' => (26, "Kaohsiung County"),
        b'T' => (27, "Pingtung County"),
        b'U' => (28, "Hualien County"),
        b'V' => (29, "Taitung County"),
        b'W' => (32, "Kinmen County"),
        b'X' => (30, "Penghu County"),
        b'Y' => (31, "Yangmingshan"),
        b'Z' => (33, "Lienchiang County"),
        _ => return None,
    })
}

/// Weighted sum of a 10-character number whose first character is a letter and whose second
/// has the value `second` (a digit, or the last digit of an old resident letter's code), modulo
/// 10; `None` for a malformed number. Valid numbers give 0.
pub fn checksum(id: &[u8], second: u32) -> Option<u32> {
    if id.len() != 10 || !all_digits(&id[2..]) {
        return None;
    }
    let (code, _) = letter(id[0])?;
    let mut sum = code / 10 + (code % 10) * 9 + second * 8;
    for (c, w) in id[2..].iter().zip([7u32, 6, 5, 4, 3, 2, 1, 1]) {
        sum += u32::from(c - b'0') * w;
    }
    Some(sum % 10)
}

/// The check digit completing the first nine characters `body` (`second` as for [`checksum`]).
pub fn check_digit(body: &[u8], second: u32) -> Option<u8> {
    let mut id = body.to_vec();
    id.push(b'0');
    let r = checksum(&id, second)?;
    Some(b'0' + ((10 - r) % 10) as u8)
}

fn shape_ok(id: &[u8]) -> bool {
    id.len() == 10
        && letter(id[0]).is_some()
        && matches!(id[1], b'1' | b'2')
        && all_digits(&id[1..])
}

impl Validator for TwNid {
    fn id(&self) -> &'static str {
        "tw_nid"
    }
    fn name(&self) -> &'static str {
        "Taiwan national identification number"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, value: &str) -> bool {
        squeeze(value, b"")
            .is_some_and(|id| shape_ok(&id) && checksum(&id, u32::from(id[1] - b'0')) == Some(0))
    }
    fn check(&self, value: &str, _ctx: &Context) -> Check {
        let mut check = Check::default();
        let Some(id) = compact(value, b"", &mut check, |n| n == 10) else {
            return check;
        };
        check.facts.country = Some("TW");
        if !shape_ok(&id) {
            check.problems.push("format");
            return check;
        }
        if checksum(&id, u32::from(id[1] - b'0')) != Some(0) {
            check.problems.push("checksum");
        }
        check.facts.sex = Some(if id[1] == b'1' {
            Sex::Male
        } else {
            Sex::Female
        });
        check.facts.issuer = letter(id[0]).map(|(_, area)| area.to_owned());
        check
    }
    fn country(&self) -> Option<&'static str> {
        Some("TW")
    }
    fn validates(&self) -> &'static str {
        "length, area letter, sex digit, weighted mod 10 check digit"
    }
    fn extracts(&self) -> &'static str {
        "sex, area of first registration"
    }
    fn specification(&self) -> &'static str {
        "Ministry of the Interior (Taiwan), numbering rules of the national identification number"
    }
}

#[cfg(test)]
mod tests {
    use super::super::common::testing::{ctx, junk, problems, substitutions_fail};
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn textbook_example() {
        let c = TwNid.check("A123456789", &ctx());
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.sex, Some(Sex::Male));
        assert_eq!(c.facts.issuer.as_deref(), Some("Taipei City"));
        assert_eq!(c.facts.country, Some("TW"));
        assert!(problems(&TwNid, "a123456789").is_empty());
        assert_eq!(problems(&TwNid, "A123456788"), ["checksum"]);
        assert_eq!(problems(&TwNid, "A323456789"), ["format"]);
        assert_eq!(problems(&TwNid, "1123456789"), ["format"]);
        assert_eq!(problems(&TwNid, "A12345678"), ["length"]);
        assert!(TwNid.looks_like("A123456789"));
        assert!(!TwNid.looks_like("A123456788"));
    }

    #[test]
    fn check_digit_position_and_serials() {
        // Substituting the check digit or any serial digit with weight coprime to 10 fails.
        let id = "F234567890";
        let body = &id.as_bytes()[..9];
        let c = check_digit(body, 2).unwrap();
        let id = format!("{}{}", &id[..9], c as char);
        assert!(problems(&TwNid, &id).is_empty());
        substitutions_fail(&TwNid, &id, 9..10, b"0123456789");
        for pos in [2, 6, 8] {
            // weights 7, 3, 1
            substitutions_fail(&TwNid, &id, pos..pos + 1, b"0123456789");
        }
    }

    proptest! {
        #[test]
        fn generated_are_valid(l in 0u8..26, female in any::<bool>(), n in 0u32..10_000_000) {
            let sex = if female { 2 } else { 1 };
            let body = format!("{}{sex}{n:07}", (b'A' + l) as char);
            let c = check_digit(body.as_bytes(), sex).unwrap();
            let id = format!("{body}{}", c as char);
            let chk = TwNid.check(&id, &ctx());
            prop_assert!(chk.is_valid(), "{} {:?}", id, chk);
            prop_assert!(TwNid.looks_like(&id));
            prop_assert_eq!(chk.facts.sex, Some(if female { Sex::Female } else { Sex::Male }));
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,20}") {
            junk(&TwNid, &s);
        }
    }
}
