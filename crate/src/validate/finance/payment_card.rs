//! Payment card numbers (primary account numbers, PAN): ISO/IEC 7812-1.
//!
//! Layout: an issuer identification number (IIN, the first 6–8 digits; the first digit is the
//! major industry identifier), the individual account number, and a Luhn check digit
//! (ISO/IEC 7812-1 Annex B); 12–19 digits in all. The scheme is read from the IIN ranges the
//! schemes publish:
//!
//! | scheme | IIN ranges | lengths |
//! |---|---|---|
//! | American Express | 34, 37 | 15 |
//! | Diners Club International | 300–305, 3095, 36, 38–39 | 14–19 |
//! | JCB | 3528–3589 | 16–19 |
//! | Visa | 4 | 13, 16, 19 |
//! | Mastercard | 51–55, 2221–2720 (2-series since 2017) | 16 |
//! | Mir | 2200–2204 | 16–19 |
//! | Discover | 6011, 644–649, 65, 622126–622925 (co-branded with UnionPay) | 16–19 |
//! | UnionPay | 62 (outside Discover's co-branded range), 81 | 16–19 |
//! | Maestro | 5018, 5020, 5038, 5893, 6304, 6759, 6761–6763 | 12–19 |
//! | RuPay | 508, 6521–6522 (in Discover's 65), 60 | 16 |
//! | Troy | 9792 | 16 |
//! | Verve | 506099–506198, 650002–650027 | 16, 18, 19 |
//!
//! Sources: ISO/IEC 7812-1:2017 (structure and Luhn); Mastercard, "2-Series BIN expansion"
//! (2016); Discover Global Network, "IIN ranges" in its acceptance guides; China UnionPay card
//! specification (UnionPay numbers need not carry a Luhn digit); the schemes' IIN tables as
//! summarised in Wikipedia, "Payment card number" (facts only). Where ranges overlap, the
//! more specific (longer) prefix wins.
//!
//! **UnionPay numbers may fail Luhn**: China UnionPay does not require the Luhn digit, and
//! some of its 19-digit cards have none. A UnionPay-range number that fails Luhn is therefore
//! not invalid: it gets the note `unionpay_without_luhn`.
//!
//! Problems: `format` (characters other than digits and separators), `length` (not 12–19
//! digits, or not a length the scheme issues), `checksum` (Luhn). Notes: `scheme_unknown`
//! (no known scheme's range: private-label and closed-loop cards exist, so not invalid),
//! `unionpay_without_luhn`. Facts: `issuer` (the scheme), `canonical` (digits only).

use super::{all_digits, compact};
use crate::checkdigit::luhn;
use crate::kinds::Kind;
use crate::validate::{Check, Context, Validator};

/// One IIN range of a scheme: numbers whose first `lo.len()` digits lie in `lo..=hi`.
struct Range {
    lo: &'static str,
    hi: &'static str,
    scheme: &'static str,
    lengths: &'static [usize],
}

const fn r(
    lo: &'static str,
    hi: &'static str,
    scheme: &'static str,
    lengths: &'static [usize],
) -> Range {
    Range {
        lo,
        hi,
        scheme,
        lengths,
    }
}

const L16_19: &[usize] = &[16, 17, 18, 19];
const L12_19: &[usize] = &[12, 13, 14, 15, 16, 17, 18, 19];

/// IIN ranges; the longest matching prefix wins.
static RANGES: &[Range] = &[
    r("34", "34", "American Express", &[15]),
    r("37", "37", "American Express", &[15]),
    r("300", "305", "Diners Club", &[14, 15, 16, 17, 18, 19]),
    r("3095", "3095", "Diners Club", &[14, 15, 16, 17, 18, 19]),
    r("36", "36", "Diners Club", &[14, 15, 16, 17, 18, 19]),
    r("38", "39", "Diners Club", &[14, 15, 16, 17, 18, 19]),
    r("3528", "3589", "JCB", L16_19),
    r("4", "4", "Visa", &[13, 16, 19]),
    r("51", "55", "Mastercard", &[16]),
    r("2221", "2720", "Mastercard", &[16]),
    r("2200", "2204", "Mir", L16_19),
    r("6011", "6011", "Discover", L16_19),
    r("644", "649", "Discover", L16_19),
    r("65", "65", "Discover", L16_19),
    r("622126", "622925", "Discover", L16_19),
    r("62", "62", "UnionPay", L16_19),
    r("81", "81", "UnionPay", L16_19),
    r("5018", "5018", "Maestro", L12_19),
    r("5020", "5020", "Maestro", L12_19),
    r("5038", "5038", "Maestro", L12_19),
    r("5893", "5893", "Maestro", L12_19),
    r("6304", "6304", "Maestro", L12_19),
    r("6759", "6759", "Maestro", L12_19),
    r("6761", "6763", "Maestro", L12_19),
    r("508", "508", "RuPay", &[16]),
    r("60", "60", "RuPay", &[16]),
    r("6521", "6522", "RuPay", &[16]),
    r("9792", "9792", "Troy", &[16]),
    r("506099", "506198", "Verve", &[16, 18, 19]),
    r("650002", "650027", "Verve", &[16, 18, 19]),
];

/// The scheme range of `digits` (longest matching prefix).
fn range_of(digits: &str) -> Option<&'static Range> {
    RANGES
        .iter()
        .filter(|r| {
            digits
                .get(..r.lo.len())
                .is_some_and(|p| r.lo <= p && p <= r.hi)
        })
        .max_by_key(|r| r.lo.len())
}

/// The card scheme named by the number's IIN, if any.
pub fn scheme(digits: &str) -> Option<&'static str> {
    range_of(digits).map(|r| r.scheme)
}

/// Validates a card number; see the module documentation.
pub fn check_card(value: &str) -> Check {
    let mut check = Check::default();
    let (s, seps) = compact(value);
    if !all_digits(&s) {
        check.problems.push("format");
        return check;
    }
    if !(12..=19).contains(&s.len()) {
        check.problems.push("length");
        return check;
    }
    let range = range_of(&s);
    let luhn_ok = luhn::is_valid(s.as_bytes());
    match range {
        Some(r) => {
            check.facts.issuer = Some(r.scheme.to_owned());
            if !r.lengths.contains(&s.len()) {
                check.problems.push("length");
            }
            if !luhn_ok {
                if r.scheme == "UnionPay" {
                    check.notes.push("unionpay_without_luhn");
                } else {
                    check.problems.push("checksum");
                }
            }
        }
        None => {
            check.notes.push("scheme_unknown");
            if !luhn_ok {
                check.problems.push("checksum");
            }
        }
    }
    if seps {
        check.facts.canonical = Some(s);
    }
    check
}

pub struct PaymentCard;

impl Validator for PaymentCard {
    fn id(&self) -> &'static str {
        "payment_card"
    }
    fn name(&self) -> &'static str {
        "Payment card number (PAN)"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    /// A known scheme's range and length, with a passing Luhn digit (UnionPay: without).
    fn looks_like(&self, value: &str) -> bool {
        let (s, _) = compact(value);
        if !all_digits(&s) || !(12..=19).contains(&s.len()) {
            return false;
        }
        let c = check_card(value);
        c.is_valid() && c.facts.issuer.is_some()
    }
    fn check(&self, value: &str, _ctx: &Context) -> Check {
        check_card(value)
    }
    fn validates(&self) -> &'static str {
        "12–19 digits, Luhn check digit, scheme IIN range and lengths"
    }
    fn extracts(&self) -> &'static str {
        "card scheme"
    }
    fn specification(&self) -> &'static str {
        "ISO/IEC 7812-1:2017; IIN ranges published by the card schemes"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn published_test_numbers() {
        // The schemes' and payment processors' published test card numbers.
        for (v, s) in [
            ("4111111111111111", "Visa"),
            ("4111 1111 1111 1111", "Visa"),
            ("4012888888881881", "Visa"),
            ("4222222222222", "Visa"),
            ("5555555555554444", "Mastercard"),
            ("5105105105105100", "Mastercard"),
            ("2223003122003222", "Mastercard"),
            ("378282246310005", "American Express"),
            ("3714-496353-98431", "American Express"),
            ("6011111111111117", "Discover"),
            ("6011000990139424", "Discover"),
            ("3530111333300000", "JCB"),
            ("3566002020360505", "JCB"),
            ("30569309025904", "Diners Club"),
            ("38520000023237", "Diners Club"),
            ("6200000000000005", "UnionPay"),
            ("6759649826438453", "Maestro"),
            ("2200000000000004", "Mir"),
        ] {
            let c = check_card(v);
            assert!(c.is_valid(), "{v}: {:?}", c.problems);
            assert_eq!(c.facts.issuer.as_deref(), Some(s), "{v}");
            assert!(PaymentCard.looks_like(v), "{v}");
        }
        assert_eq!(
            check_card("4111 1111 1111 1111").facts.canonical.as_deref(),
            Some("4111111111111111")
        );
    }

    #[test]
    fn invalid_numbers() {
        for (v, reason) in [
            ("4111111111111112", "checksum"),
            ("5555555555554445", "checksum"),
            ("37828224631000", "length"), // Amex is 15 digits
            ("41111111111", "length"),
            ("41111111111111111111", "length"),
            ("4111-1111-1111-111a", "format"),
        ] {
            let c = check_card(v);
            assert!(c.problems.contains(&reason), "{v}: {:?}", c.problems);
            assert!(!PaymentCard.looks_like(v), "{v}");
        }
    }

    #[test]
    fn unionpay_may_lack_luhn() {
        let c = check_card("6200000000000006");
        assert!(c.is_valid());
        assert_eq!(c.notes, ["unionpay_without_luhn"]);
        // Discover's co-branded range inside 62 does need Luhn.
        assert_eq!(scheme("6221260000000000"), Some("Discover"));
        assert!(!check_card("6221260000000001").is_valid());
    }

    #[test]
    fn unknown_scheme_is_a_note() {
        let c = check_card("9999999999999995");
        assert!(c.is_valid(), "{:?}", c.problems);
        assert_eq!(c.notes, ["scheme_unknown"]);
        assert!(!PaymentCard.looks_like("9999999999999995"));
    }

    fn with_luhn(payload: &str) -> String {
        let c = luhn::check_digit(payload.as_bytes()).unwrap();
        format!("{payload}{c}")
    }

    proptest! {
        #[test]
        fn generated_visa_and_mastercard(body in "[0-9]{14}", mc in any::<bool>()) {
            let payload = if mc { format!("51{}", &body[..13]) } else { format!("4{}", &body[..14]) };
            let v = with_luhn(&payload);
            let c = check_card(&v);
            prop_assert!(c.is_valid(), "{} {:?}", v, c.problems);
            prop_assert!(PaymentCard.looks_like(&v));
            // Every single-digit change past the scheme prefix breaks the Luhn digit.
            for i in 2..v.len() {
                for d in b'0'..=b'9' {
                    let mut b = v.clone().into_bytes();
                    if b[i] == d { continue; }
                    b[i] = d;
                    let m = String::from_utf8(b).unwrap();
                    let mc2 = check_card(&m);
                    prop_assert!(!mc2.is_valid() || mc2.facts.issuer.as_deref() == Some("UnionPay"), "{}", m);
                }
            }
        }

        #[test]
        fn junk_gives_a_reason(s in "\\PC{0,30}") {
            let c = check_card(&s);
            prop_assert!(c.is_valid() || !c.problems.is_empty());
        }
    }
}
