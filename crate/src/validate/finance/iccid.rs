//! Integrated Circuit Card Identifier (ICCID): the serial number printed on SIM cards.
//!
//! Layout (ITU-T E.118): `89 CC II… AAAA… C` — major industry identifier `89`
//! (telecommunications), the country calling code of the issuer's country (1–3 digits; many
//! issuers zero-pad a one-digit code, e.g. `8901…` for +1), the issuer identifier, the
//! account number, and a Luhn check digit; 19 or 20 digits in all (18 without the check
//! digit is not accepted).
//!
//! Specification: ITU-T E.118 (*The international telecommunication charge card*) §4; ISO/IEC
//! 7812-1 (the Luhn check digit); 3GPP TS 23.003 does not cover it. Calling codes: see
//! [`super::phone_intl`].
//!
//! Problems: `format`, `length` (not 19–20 digits), `invalid_prefix` (does not start with
//! `89`), `country_code_unknown` (no calling code follows), `checksum` (Luhn).
//! Facts: `country` (the calling code's main country), `issuer` (`+CC`), `canonical`.

use super::phone_intl::{country_of, region_for, split_calling_code};
use super::{all_digits, compact};
use crate::checkdigit::luhn;
use crate::kinds::Kind;
use crate::validate::{Check, Context, Validator};

/// Validates an ICCID; see the module documentation.
pub fn check_iccid(value: &str) -> Check {
    let mut check = Check::default();
    let (s, seps) = compact(value);
    if !all_digits(&s) {
        check.problems.push("format");
        return check;
    }
    if s.len() != 19 && s.len() != 20 {
        check.problems.push("length");
        return check;
    }
    if !s.starts_with("89") {
        check.problems.push("invalid_prefix");
    } else {
        let rest = &s[2..];
        // A zero-padded one-digit calling code (`01` for +1, `07` for +7).
        let rest = rest.strip_prefix('0').unwrap_or(rest);
        match split_calling_code(rest) {
            Some((code, issuer)) => {
                check.facts.issuer = Some(format!("+{code}"));
                check.facts.country = region_for(code, issuer).and_then(country_of);
            }
            None => check.problems.push("country_code_unknown"),
        }
    }
    if !luhn::is_valid(s.as_bytes()) {
        check.problems.push("checksum");
    }
    if seps {
        check.facts.canonical = Some(s);
    }
    check
}

pub struct Iccid;

impl Validator for Iccid {
    fn id(&self) -> &'static str {
        "iccid"
    }
    fn name(&self) -> &'static str {
        "SIM card number (ICCID)"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, value: &str) -> bool {
        value.starts_with("89") && check_iccid(value).is_valid()
    }
    fn check(&self, value: &str, _ctx: &Context) -> Check {
        check_iccid(value)
    }
    fn validates(&self) -> &'static str {
        "19–20 digits, 89 prefix, country calling code, Luhn check digit"
    }
    fn extracts(&self) -> &'static str {
        "country (calling code)"
    }
    fn specification(&self) -> &'static str {
        "ITU-T E.118 §4; ISO/IEC 7812-1 (Luhn)"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn with_luhn(payload: &str) -> String {
        format!(
            "{payload}{}",
            luhn::check_digit(payload.as_bytes()).unwrap()
        )
    }

    #[test]
    fn examples() {
        // Synthetic numbers built on E.118's layout: 89 + 86 (China), 89 + 01 (+1), 89 + 44 (UK).
        for (payload, cc) in [
            ("898600000000000000", "CN"),
            ("8901260000000000000", "US"),
            ("894400000000000000", "GB"),
            ("894912345678901234", "DE"),
        ] {
            let v = with_luhn(payload);
            let c = check_iccid(&v);
            assert!(c.is_valid(), "{v}: {:?}", c.problems);
            assert_eq!(c.facts.country, Some(cc), "{v}");
            assert!(Iccid.looks_like(&v));
        }
        for (v, reason) in [
            ("8986000000000000001", "checksum"),
            ("898600000000000", "length"),
            ("1234567890123456789", "invalid_prefix"),
            ("89860000000000000a0", "format"),
        ] {
            let c = check_iccid(v);
            assert!(c.problems.contains(&reason), "{v}: {:?}", c.problems);
            assert!(!Iccid.looks_like(v));
        }
    }

    proptest! {
        #[test]
        fn generated(cc in prop::sample::select(vec!["86", "44", "49", "33", "01", "07", "82", "91"]), body in "[0-9]{16}", twenty in any::<bool>(), pos in 0usize..20, d in 0u8..10) {
            let n = if twenty { 19 } else { 18 };
            let payload: String = format!("89{cc}{body}").chars().take(n).collect();
            let v = with_luhn(&payload);
            prop_assert!(check_iccid(&v).is_valid(), "{}", v);
            let mut b = v.clone().into_bytes();
            let pos = pos % b.len();
            prop_assume!(b[pos] != b'0' + d);
            b[pos] = b'0' + d;
            prop_assert!(!check_iccid(std::str::from_utf8(&b).unwrap()).is_valid());
        }

        #[test]
        fn junk_gives_a_reason(s in "\\PC{0,25}") {
            let c = check_iccid(&s);
            prop_assert!(c.is_valid() || !c.problems.is_empty());
        }
    }
}
