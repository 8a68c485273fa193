//! US ABA routing transit number (RTN): 9 digits identifying a US financial institution.
//!
//! Layout: `XXXX YYYY C` — Federal Reserve routing symbol (4 digits), ABA institution
//! identifier (4 digits), check digit. The first two digits say what the number is:
//! `00` US Government, `01`–`12` the twelve Federal Reserve districts (Boston … San
//! Francisco), `21`–`32` thrift institutions (district + 20), `61`–`72` electronic
//! transactions (district + 60), `80` traveller's cheques. Other prefixes are not assigned.
//!
//! Check: `3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) ≡ 0 (mod 10)`.
//!
//! Specification: American Bankers Association, *Key to Routing Numbers* (routing number
//! policy, administered by Accuity/LexisNexis Risk as ABA's registrar); Federal Reserve
//! Financial Services, *E-Payments Routing Directory* documentation (prefix ranges).
//!
//! Problems: `format`, `length`, `invalid_prefix` (an unassigned first two digits), `checksum`.
//! Facts: `country` (`US`), `issuer` (the Federal Reserve district, or `US Government` /
//! `Traveler's cheques`), `coding` (`primary`, `thrift`, `electronic`, `government`,
//! `travelers_cheque`), `canonical` (digits only).

use super::{all_digits, compact};
use crate::checkdigit::weighted;
use crate::kinds::Kind;
use crate::validate::{Check, Context, Validator};

const DISTRICTS: [&str; 12] = [
    "Federal Reserve Bank of Boston",
    "Federal Reserve Bank of New York",
    "Federal Reserve Bank of Philadelphia",
    "Federal Reserve Bank of Cleveland",
    "Federal Reserve Bank of Richmond",
    "Federal Reserve Bank of Atlanta",
    "Federal Reserve Bank of Chicago",
    "Federal Reserve Bank of St. Louis",
    "Federal Reserve Bank of Minneapolis",
    "Federal Reserve Bank of Kansas City",
    "Federal Reserve Bank of Dallas",
    "Federal Reserve Bank of San Francisco",
];

/// (coding, issuer) for the first two digits, `None` when unassigned.
fn prefix(p: u32) -> Option<(&'static str, &'static str)> {
    let district = |d: u32| DISTRICTS.get((d as usize).wrapping_sub(1)).copied();
    match p {
        0 => Some(("government", "US Government")),
        1..=12 => Some(("primary", district(p)?)),
        21..=32 => Some(("thrift", district(p - 20)?)),
        61..=72 => Some(("electronic", district(p - 60)?)),
        80 => Some(("travelers_cheque", "Traveler's cheques")),
        _ => None,
    }
}

/// Validates a routing number; see the module documentation.
pub fn check_aba(value: &str) -> Check {
    let mut check = Check::default();
    let (s, seps) = compact(value);
    if !all_digits(&s) {
        check.problems.push("format");
        return check;
    }
    if s.len() != 9 {
        check.problems.push("length");
        return check;
    }
    check.facts.country = Some("US");
    let b = s.as_bytes();
    let p = u32::from(b[0] - b'0') * 10 + u32::from(b[1] - b'0');
    match prefix(p) {
        Some((coding, issuer)) => {
            check.facts.coding = Some(coding);
            check.facts.issuer = Some(issuer.to_owned());
        }
        None => check.problems.push("invalid_prefix"),
    }
    if weighted::remainder(b, &[3, 7, 1], 10) != Some(0) {
        check.problems.push("checksum");
    }
    if seps {
        check.facts.canonical = Some(s);
    }
    check
}

pub struct UsAba;

impl Validator for UsAba {
    fn id(&self) -> &'static str {
        "us_aba"
    }
    fn name(&self) -> &'static str {
        "US ABA routing transit number"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, value: &str) -> bool {
        value.len() == 9 && check_aba(value).is_valid()
    }
    fn check(&self, value: &str, _ctx: &Context) -> Check {
        check_aba(value)
    }
    fn country(&self) -> Option<&'static str> {
        Some("US")
    }
    fn validates(&self) -> &'static str {
        "9 digits, Federal Reserve prefix range, 3-7-1 weighted check digit"
    }
    fn extracts(&self) -> &'static str {
        "Federal Reserve district, kind of institution"
    }
    fn specification(&self) -> &'static str {
        "American Bankers Association, Key to Routing Numbers; Federal Reserve E-Payments Routing Directory"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn examples() {
        // 011000015: Federal Reserve Bank of Boston's own routing number (an institution).
        for (v, issuer) in [
            ("011000015", "Federal Reserve Bank of Boston"),
            ("021000021", "Federal Reserve Bank of New York"),
            ("122105278", "Federal Reserve Bank of San Francisco"),
            ("322271627", "Federal Reserve Bank of San Francisco"),
            ("0110-0001-5", "Federal Reserve Bank of Boston"),
        ] {
            let c = check_aba(v);
            assert!(c.is_valid(), "{v}: {:?}", c.problems);
            assert_eq!(c.facts.issuer.as_deref(), Some(issuer));
        }
        assert_eq!(check_aba("322271627").facts.coding, Some("thrift"));
    }

    #[test]
    fn invalid() {
        for (v, reason) in [
            ("011000016", "checksum"),
            ("01100001", "length"),
            ("01100001a", "format"),
            ("131000008", "invalid_prefix"),
            ("500000005", "invalid_prefix"),
        ] {
            let c = check_aba(v);
            assert!(c.problems.contains(&reason), "{v}: {:?}", c.problems);
            assert!(!UsAba.looks_like(v));
        }
    }

    proptest! {
        #[test]
        fn generated(district in 1u32..=12, offset in prop::sample::select(vec![0u32, 20, 60]), body in "[0-9]{6}") {
            let payload = format!("{:02}{body}", district + offset);
            let s = weighted::sum(payload.as_bytes(), &[3, 7, 1]).unwrap();
            // The 9th digit has weight 1 in the cycle 3,7,1.
            let c = (10 - s % 10) % 10;
            let v = format!("{payload}{c}");
            prop_assert!(check_aba(&v).is_valid(), "{}", v);
            for i in 0..9 {
                for d in b'0'..=b'9' {
                    let mut b = v.clone().into_bytes();
                    if b[i] == d { continue; }
                    b[i] = d;
                    prop_assert!(!check_aba(std::str::from_utf8(&b).unwrap()).is_valid());
                }
            }
        }

        #[test]
        fn junk_gives_a_reason(s in "\\PC{0,20}") {
            let c = check_aba(&s);
            prop_assert!(c.is_valid() || !c.problems.is_empty());
        }
    }
}
