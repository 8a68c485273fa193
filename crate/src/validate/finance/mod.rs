//! Financial and telecom formats: IBAN, payment cards, BIC, ABA routing numbers, IMEI, ICCID,
//! IMSI, international phone numbers. One file per format; shared helpers here.

use super::Validator;

pub mod bic;
pub mod iban;
pub mod iccid;
pub mod imei;
pub mod imsi;
pub mod payment_card;
pub mod phone_intl;
pub mod us_aba;

/// This group's validators, in registry order. Formats with a country prefix or a strict
/// prefix come first, so that registry order settles ties in their favour.
pub static VALIDATORS: &[&dyn Validator] = &[
    &iban::Iban,
    &bic::Bic,
    &phone_intl::PhoneIntl,
    &payment_card::PaymentCard,
    &iccid::Iccid,
    &imei::Imei,
    &imsi::Imsi,
    &us_aba::UsAba,
];

/// Header words (lower case, without spaces, `_`, `-`, `.`) that name this group's formats.
pub static HEADERS: &[(&str, &str)] = &[
    ("iban", "iban"),
    ("ibannumber", "iban"),
    ("ibancode", "iban"),
    ("accountiban", "iban"),
    ("bic", "bic"),
    ("swift", "bic"),
    ("swiftcode", "bic"),
    ("swiftbic", "bic"),
    ("biccode", "bic"),
    ("cardnumber", "payment_card"),
    ("cardno", "payment_card"),
    ("ccnumber", "payment_card"),
    ("creditcard", "payment_card"),
    ("creditcardnumber", "payment_card"),
    ("debitcard", "payment_card"),
    ("卡号", "payment_card"),
    ("银行卡号", "payment_card"),
    ("银行卡", "payment_card"),
    ("信用卡号", "payment_card"),
    ("routingnumber", "us_aba"),
    ("routingno", "us_aba"),
    ("aba", "us_aba"),
    ("abanumber", "us_aba"),
    ("abarouting", "us_aba"),
    ("rtn", "us_aba"),
    ("imei", "imei"),
    ("imeisv", "imei"),
    ("imeinumber", "imei"),
    ("iccid", "iccid"),
    ("simnumber", "iccid"),
    ("simcard", "iccid"),
    ("imsi", "imsi"),
    ("internationalphone", "phone_intl"),
    ("e164", "phone_intl"),
    ("msisdn", "phone_intl"),
];

/// ISO 3166-1 alpha-2 codes (249 officially assigned, from the ISO 3166 Maintenance Agency's
/// list as shipped by Debian's iso-codes), concatenated in order, plus the user-assigned `XK`
/// that SWIFT uses for Kosovo in IBANs and BICs.
const ISO3166: &str = "ADAEAFAGAIALAMAOAQARASATAUAWAXAZBABBBDBEBFBGBHBIBJBLBMBNBOBQBRBSBTBVBWBYBZCACCCDCFCGCHCICKCLCMCNCOCRCUCVCWCXCYCZDEDJDKDMDODZECEEEGEHERESETFIFJFKFMFOFRGAGBGDGEGFGGGHGIGLGMGNGPGQGRGSGTGUGWGYHKHMHNHRHTHUIDIEILIMINIOIQIRISITJEJMJOJPKEKGKHKIKMKNKPKRKWKYKZLALBLCLILKLRLSLTLULVLYMAMCMDMEMFMGMHMKMLMMMNMOMPMQMRMSMTMUMVMWMXMYMZNANCNENFNGNINLNONPNRNUNZOMPAPEPFPGPHPKPLPMPNPRPSPTPWPYQARERORSRURWSASBSCSDSESGSHSISJSKSLSMSNSOSRSSSTSVSXSYSZTCTDTFTGTHTJTKTLTMTNTOTRTTTVTWTZUAUGUMUSUYUZVAVCVEVGVIVNVUWFWSYEYTZAZMZW";

/// The `&'static` ISO 3166-1 alpha-2 code equal to `cc` (upper case), if it is assigned.
pub(crate) fn country_code(cc: &[u8]) -> Option<&'static str> {
    if cc == b"XK" {
        return Some("XK");
    }
    if cc.len() != 2 {
        return None;
    }
    let all = ISO3166.as_bytes();
    // Sorted pairs: binary search over the 2-byte chunks.
    let n = all.len() / 2;
    let (mut lo, mut hi) = (0usize, n);
    while lo < hi {
        let mid = (lo + hi) / 2;
        let pair = all.get(mid * 2..mid * 2 + 2)?;
        match pair.cmp(cc) {
            std::cmp::Ordering::Equal => return ISO3166.get(mid * 2..mid * 2 + 2),
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
        }
    }
    None
}

/// `value` without the separators people write inside numbers (spaces, dashes, dots, slashes),
/// and whether there were any.
pub(crate) fn compact(value: &str) -> (String, bool) {
    let out: String = value
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.' | '/'))
        .collect();
    let had = out.len() != value.len();
    (out, had)
}

/// Whether every byte is an ASCII digit (and there is at least one).
pub(crate) fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries() {
        assert_eq!(ISO3166.len(), 249 * 2);
        assert!(ISO3166
            .as_bytes()
            .chunks(2)
            .collect::<Vec<_>>()
            .windows(2)
            .all(|w| w[0] < w[1]));
        for cc in ["AD", "CN", "DE", "GB", "US", "ZW", "XK"] {
            assert_eq!(country_code(cc.as_bytes()), Some(cc));
        }
        for cc in ["", "A", "UK", "EU", "ZZ", "AAA", "de"] {
            assert_eq!(country_code(cc.as_bytes()), None, "{cc}");
        }
    }

    #[test]
    fn compacting() {
        assert_eq!(
            compact("DE89 3704-0044.0532/0130 00"),
            ("DE89370400440532013000".into(), true)
        );
        assert_eq!(compact("123"), ("123".into(), false));
        assert!(all_digits("0123") && !all_digits("") && !all_digits("12a"));
    }
}
