//! Thai personal identification number (เลขประจำตัวประชาชน).
//!
//! Layout: `T RRRR NNNNN SS C`, printed `1-2345-67890-12-1` — `T` the person type, four digits
//! of the registration office (province and district), a book number, a serial and the check
//! digit `C = (11 − Σ dᵢ·(13 − i) mod 11) mod 10` over the first twelve digits (i = 0 … 11).
//!
//! Person types (Bureau of Registration Administration): 1 Thai, birth registered in time
//! (born from 1984); 2 Thai, birth registered late; 3 Thai or foreigner in a house register
//! before 31 May 1984; 4 moved into a house register before 1984 without a number; 5 added to
//! a register later; 6 foreigner with temporary stay or illegal entry; 7 child of type 6 born
//! in Thailand; 8 foreigner naturalised or with residence after 1984; 0 person without Thai
//! registration status (stateless persons, migrant workers). Type 9 is not assigned:
//! `invalid_prefix`. The type is given in `facts.issuer`.
//!
//! The third digit carries weight 11 ≡ 0 (mod 11): the check digit does not protect it.
//!
//! Problems: `format`, `length`, `invalid_prefix`, `checksum`.
//!
//! Specification: Civil Registration Act B.E. 2534 and the Bureau of Registration
//! Administration (Department of Provincial Administration) numbering rules.

use super::common::{all_digits, compact, squeeze};
use crate::kinds::Kind;
use crate::validate::{Check, Context, Validator};

pub struct ThPin;

/// The check digit of the first twelve digits.
pub fn check_digit(body: &[u8]) -> Option<u8> {
    const W: [u32; 12] = [13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2];
    let r = crate::checkdigit::weighted::remainder(body.get(..12)?, &W, 11)?;
    Some(((11 - r) % 10) as u8)
}

fn person_type(t: u8) -> Option<&'static str> {
    Some(match t {
        b'1' => "type 1: Thai, birth registered in time",
        b'2' => "type 2: Thai, birth registered late",
        b'3' => "type 3: in a house register before 1984",
        b'4' => "type 4: moved into a house register before 1984",
        b'5' => "type 5: added to a house register later",
        b'6' => "type 6: foreigner, temporary stay",
        b'7' => "type 7: child of a type 6 person",
        b'8' => "type 8: foreigner, naturalised or resident",
        b'0' => "type 0: without Thai registration status",
        _ => return None,
    })
}

impl Validator for ThPin {
    fn id(&self) -> &'static str {
        "th_pin"
    }
    fn name(&self) -> &'static str {
        "Thai personal identification number"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, value: &str) -> bool {
        squeeze(value, b"").is_some_and(|id| {
            id.len() == 13
                && all_digits(&id)
                && id[0] != b'9'
                && check_digit(&id) == Some(id[12] - b'0')
        })
    }
    fn check(&self, value: &str, _ctx: &Context) -> Check {
        let mut check = Check::default();
        let Some(id) = compact(value, b"", &mut check, |n| n == 13) else {
            return check;
        };
        if !all_digits(&id) {
            check.problems.push("format");
            return check;
        }
        check.facts.country = Some("TH");
        match person_type(id[0]) {
            Some(t) => check.facts.issuer = Some(t.to_owned()),
            None => check.problems.push("invalid_prefix"),
        }
        if check_digit(&id) != Some(id[12] - b'0') {
            check.problems.push("checksum");
        }
        check
    }
    fn country(&self) -> Option<&'static str> {
        Some("TH")
    }
    fn validates(&self) -> &'static str {
        "length, person type digit, mod 11 check digit"
    }
    fn extracts(&self) -> &'static str {
        "person type"
    }
    fn specification(&self) -> &'static str {
        "Civil Registration Act B.E. 2534; Bureau of Registration Administration numbering rules"
    }
}

#[cfg(test)]
mod tests {
    use super::super::common::testing::{ctx, junk, problems};
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn worked_examples() {
        // 1-1017-00230-70-?: Σ = 13+12·1+0+10·1+9·7+0+0+6·2+5·3+0+3·7+0 = 146; 146 mod 11 = 3;
        // check (11 − 3) mod 10 = 8.
        assert_eq!(check_digit(b"110170023070"), Some(8));
        let c = ThPin.check("1-1017-00230-70-8", &ctx());
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.canonical.as_deref(), Some("1101700230708"));
        assert_eq!(
            c.facts.issuer.as_deref(),
            Some("type 1: Thai, birth registered in time")
        );
        assert_eq!(problems(&ThPin, "1101700230707"), ["checksum"]);
        assert_eq!(
            problems(&ThPin, "9101700230708"),
            ["invalid_prefix", "checksum"]
        );
        assert_eq!(problems(&ThPin, "110170023070"), ["length"]);
        assert!(ThPin.looks_like("1101700230708"));
        assert!(!ThPin.looks_like("1101700230707"));
    }

    proptest! {
        #[test]
        fn generated_are_valid(t in 0u64..9, n in 0u64..100_000_000_000, pos in 0usize..13, delta in 1u8..10) {
            let body = format!("{t}{n:011}");
            let c = check_digit(body.as_bytes()).unwrap();
            let id = format!("{body}{c}");
            prop_assert!(problems(&ThPin, &id).is_empty(), "{}", id);
            prop_assert!(ThPin.looks_like(&id));
            // Check digit changes always fail; body changes fail unless they move the remainder
            // between 0 and 10 (both give 1), or hit the third digit, whose weight 11 is 0 mod 11.
            let mut m = id.clone().into_bytes();
            m[pos] = b'0' + (m[pos] - b'0' + delta) % 10;
            let m = String::from_utf8(m).unwrap();
            if pos == 12 || (pos != 2 && c != 1 && check_digit(&m.as_bytes()[..12]) != Some(1)) {
                prop_assert!(!problems(&ThPin, &m).is_empty(), "{}", m);
            }
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,20}") {
            junk(&ThPin, &s);
        }
    }
}
