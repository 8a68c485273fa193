//! Mexican Registro Federal de Contribuyentes (RFC), the SAT taxpayer key.
//!
//! Layout: persons (personas físicas) 13 characters `GODE 561231 GR 8` — four letters from
//! the names, birth date `YYMMDD`, a two-character homoclave and a check character; companies
//! (personas morales) 12 characters `ABC 680524 P7 6` — three letters from the name, date of
//! incorporation, homoclave, check character. Letters include `Ñ` and `&`.
//!
//! Check character: the 12 characters before it (a company's key is padded on the left with a
//! space) take values in `0–9 A–N & O–Z (space) Ñ` (0–38), weighted 13 down to 2;
//! `r = Σ mod 11`; the character is `0` when `r = 0`, else `11 − r`, written `A` for 10.
//!
//! The homoclave is computed by the SAT from the full name: a number below 1000 divided by 34,
//! quotient and remainder written with the table `1–9 A–N P–Z` (no `0`, no `O`), so its first
//! character is at most `V` (quotient ≤ 29). Other characters are `homoclave_invalid`.
//!
//! The generic keys `XAXX010101000` (domestic public) and `XEXX010101000` (foreign) are valid
//! with the note `generic_rfc`. A person's key of 10 characters lacks its homoclave:
//! `homoclave_missing`. A person's four letters never form one of the SAT's inconvenient words
//! ([`INCONVENIENT`]; the SAT's list is shorter than RENAPO's for the CURP, and the SAT
//! replaces the last letter with `X`).
//!
//! Problems: `length`, `format`, `date_invalid`, `checksum`, `homoclave_missing`,
//! `homoclave_invalid`,
//! `inconvenient_word` (and `date_after_reference`/`date_too_old`, which the century choice
//! below cannot produce). Extracts a person's birth date (the two-digit year is read in the
//! latest century that does not put it after the reference date) and `coding` `person` or
//! `company`.
//!
//! Specification: SAT, "Algoritmo para generar el RFC con homoclave para personas físicas y
//! morales" (IFAI 0610100135506 / SAT documentation), Código Fiscal de la Federación art. 27.

use super::number;
use crate::civil::Date;
use crate::kinds::Kind;
use crate::validate::date::birth_date_problems;
use crate::validate::{Check, Context, Validator};

pub struct MxRfc;

/// The SAT's inconvenient words (Anexo IV of the RFC algorithm).
pub const INCONVENIENT: &[&str] = &[
    "BUEI", "BUEY", "CACA", "CACO", "CAGA", "CAGO", "CAKA", "CAKO", "COGE", "COJA", "COJE", "COJI",
    "COJO", "CULO", "FETO", "GUEY", "JOTO", "KACA", "KACO", "KAGA", "KAGO", "KOGE", "KOJO", "KAKA",
    "KULO", "MAME", "MAMO", "MEAR", "MEAS", "MEON", "MION", "MOCO", "MULA", "PEDA", "PEDO", "PENE",
    "PUTA", "PUTO", "QULO", "RATA", "RUIN",
];

/// Internal byte standing for `Ñ` (outside the ASCII letters and digits).
const ENYE: u8 = b'#';

/// Value of a character in the RFC alphabet.
fn value(b: u8) -> Option<u32> {
    match b {
        b'0'..=b'9' => Some(u32::from(b - b'0')),
        b'A'..=b'N' => Some(u32::from(b - b'A') + 10),
        b'&' => Some(24),
        b'O'..=b'Z' => Some(u32::from(b - b'O') + 25),
        b' ' => Some(37),
        ENYE => Some(38),
        _ => None,
    }
}

/// The check character for the 11 (company) or 12 (person) characters before it.
pub fn check_char(body: &[u8]) -> Option<u8> {
    let pad = 12usize.checked_sub(body.len())?;
    let mut sum = 0u32;
    for (i, b) in std::iter::repeat_n(b' ', pad)
        .chain(body.iter().copied())
        .enumerate()
    {
        sum += value(b)? * (13 - i as u32);
    }
    Some(match sum % 11 {
        0 => b'0',
        r => {
            let d = 11 - r;
            if d == 10 {
                b'A'
            } else {
                b'0' + d as u8
            }
        }
    })
}

/// Upper-cased characters with separators removed, `Ñ` as [`ENYE`]; `None` on a foreign
/// character or more than 13 characters.
fn compact(value: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(13);
    for ch in value.chars() {
        let b = match ch {
            ' ' | '-' | '.' | '/' => continue,
            'Ñ' | 'ñ' => ENYE,
            c if c.is_ascii_alphanumeric() || c == '&' => c.to_ascii_uppercase() as u8,
            _ => return None,
        };
        if out.len() == 13 {
            return None;
        }
        out.push(b);
    }
    Some(out)
}

fn is_letter(b: u8) -> bool {
    b.is_ascii_uppercase() || b == b'&' || b == ENYE
}

/// Whether `b` has the layout of a 13-, 12- or 10-character key; returns the letter count.
fn shape(b: &[u8]) -> Option<usize> {
    let letters = match b.len() {
        13 | 10 => 4,
        12 => 3,
        _ => return None,
    };
    let (name, rest) = b.split_at(letters);
    let (date, hom) = rest.split_at(6);
    let ok = name.iter().all(|&c| is_letter(c))
        && date.iter().all(u8::is_ascii_digit)
        && hom.iter().all(|&c| c.is_ascii_alphanumeric());
    ok.then_some(letters)
}

/// Index of a character in the SAT's homoclave table `1–9 A–N P–Z`.
fn homoclave_index(b: u8) -> Option<u8> {
    match b {
        b'1'..=b'9' => Some(b - b'1'),
        b'A'..=b'N' => Some(b - b'A' + 9),
        b'P'..=b'Z' => Some(b - b'P' + 23),
        _ => None,
    }
}

/// Whether two characters can be a homoclave: quotient (≤ 29) and remainder of n / 34.
fn homoclave_ok(h: &[u8]) -> bool {
    matches!(h, [q, r] if homoclave_index(*q).is_some_and(|i| i <= 29) && homoclave_index(*r).is_some())
}

/// Validates an RFC; see the module documentation.
pub fn check_rfc(value: &str, ctx: &Context) -> Check {
    let mut check = Check::default();
    let Some(b) = compact(value) else {
        let long = value.chars().filter(|c| c.is_alphanumeric()).count() > 13;
        return Check::invalid(if long { "length" } else { "format" });
    };
    if ![10, 12, 13].contains(&b.len()) {
        return Check::invalid("length");
    }
    check.facts.country = Some("MX");
    let canonical: String = b
        .iter()
        .map(|&c| if c == ENYE { 'Ñ' } else { char::from(c) })
        .collect();
    if canonical != value {
        check.facts.canonical = Some(canonical.clone());
    }
    let Some(letters) = shape(&b) else {
        check.problems.push("format");
        return check;
    };
    if canonical == "XAXX010101000" || canonical == "XEXX010101000" {
        check.notes.push("generic_rfc");
        check.facts.coding = Some("person");
        return check;
    }
    let person = letters == 4;
    check.facts.coding = Some(if person { "person" } else { "company" });
    if b.len() == 10 {
        check.problems.push("homoclave_missing");
    } else {
        if !homoclave_ok(&b[b.len() - 3..b.len() - 1]) {
            check.problems.push("homoclave_invalid");
        }
        if b.last().copied() != check_char(&b[..b.len() - 1]) {
            check.problems.push("checksum");
        }
    }
    let date = &b[letters..letters + 6];
    let (yy, mm, dd) = (
        number(&date[..2]) as i32,
        number(&date[2..4]) as u8,
        number(&date[4..]) as u8,
    );
    let recent = Date::new(2000 + yy, mm, dd).filter(|d| *d <= ctx.reference_date);
    match recent.or_else(|| Date::new(1900 + yy, mm, dd)) {
        Some(d) if person => {
            check.facts.date = Some(d);
            birth_date_problems(d, ctx, &mut check.problems);
        }
        Some(_) => {}
        None => check.problems.push("date_invalid"),
    }
    if person && INCONVENIENT.iter().any(|w| w.as_bytes() == &b[..4]) {
        check.problems.push("inconvenient_word");
    }
    check
}

impl Validator for MxRfc {
    fn id(&self) -> &'static str {
        "mx_rfc"
    }
    fn name(&self) -> &'static str {
        "Mexican taxpayer registry key (RFC)"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    /// A 12- or 13-character key without separators and with a correct check character.
    fn looks_like(&self, value: &str) -> bool {
        let Some(b) = compact(value) else {
            return false;
        };
        (b.len() == 12 || b.len() == 13)
            && shape(&b).is_some()
            && b.last().copied() == check_char(&b[..b.len() - 1])
    }
    fn check(&self, value: &str, ctx: &Context) -> Check {
        check_rfc(value, ctx)
    }
    fn country(&self) -> Option<&'static str> {
        Some("MX")
    }
    fn validates(&self) -> &'static str {
        "layout, check character, date, inconvenient words"
    }
    fn extracts(&self) -> &'static str {
        "birth date (persons), person or company"
    }
    fn specification(&self) -> &'static str {
        "SAT, algorithm for the RFC with homoclave; Código Fiscal de la Federación art. 27"
    }
}

/// A key from its body (11 or 12 characters) and the computed check character. For tests.
pub fn make_rfc(body: &str) -> String {
    let c = compact(body)
        .and_then(|b| check_char(&b))
        .map_or('?', char::from);
    format!("{body}{c}")
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::*;
    use crate::validate::Sex;
    use proptest::prelude::*;

    fn problems(v: &str) -> Vec<&'static str> {
        check_rfc(v, &ctx()).problems
    }

    #[test]
    fn sat_example_and_kinds() {
        // The SAT's documented example key.
        let c = check_rfc("GODE561231GR8", &ctx());
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.date, Date::new(1956, 12, 31));
        assert_eq!(c.facts.coding, Some("person"));
        assert_eq!(c.facts.sex, None::<Sex>);
        assert_eq!(problems("GODE561231GR9"), ["checksum"]);
        let company = make_rfc("ABC680524P7");
        let c = check_rfc(&company, &ctx());
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.coding, Some("company"));
        assert_eq!(c.facts.date, None);
        let c = check_rfc(&make_rfc("AÑ&680524P7"), &ctx());
        assert!(c.is_valid(), "{c:?}");
        let c = check_rfc(&make_rfc("PEMA050228AB"), &ctx());
        assert_eq!(c.facts.date, Date::new(2005, 2, 28));
        assert!(c.is_valid());
        let c = check_rfc(&make_rfc("PEMA350228AB"), &ctx());
        assert_eq!(c.facts.date, Date::new(1935, 2, 28));
    }

    #[test]
    fn problems_found() {
        assert_eq!(problems("GODE561231"), ["homoclave_missing"]);
        assert_eq!(problems(&make_rfc("GODE561231W1")), ["homoclave_invalid"]);
        assert_eq!(problems(&make_rfc("GODE5612310B")), ["homoclave_invalid"]);
        assert_eq!(problems(&make_rfc("GODE561231AO")), ["homoclave_invalid"]);
        assert!(problems(&make_rfc("GODE561231VZ")).is_empty());
        assert_eq!(problems(&make_rfc("GODE561331GR")), ["date_invalid"]);
        assert_eq!(problems(&make_rfc("GODE010229GR")), ["date_invalid"]);
        assert!(problems(&make_rfc("GODE000229GR")).is_empty());
        assert_eq!(problems(&make_rfc("BUEI561231GR")), ["inconvenient_word"]);
        assert_eq!(problems("GOD3561231GR8"), ["format"]);
        assert_eq!(problems("GODE561231GR8X"), ["length"]);
        assert_eq!(problems("GODE5612"), ["length"]);
        assert_eq!(problems("GODE561231G_8"), ["format"]);
        let c = check_rfc("XAXX010101000", &ctx());
        assert!(c.is_valid());
        assert_eq!(c.notes, ["generic_rfc"]);
        let c = check_rfc("gode-561231-gr8", &ctx());
        assert!(c.is_valid());
        assert_eq!(c.facts.canonical.as_deref(), Some("GODE561231GR8"));
    }

    #[test]
    fn looks() {
        assert!(MxRfc.looks_like("GODE561231GR8"));
        assert!(!MxRfc.looks_like("GODE561231GR9"));
        assert!(!MxRfc.looks_like("GODE561231"));
        assert!(MxRfc.looks_like(&make_rfc("ABC680524P7")));
    }

    #[test]
    fn junk_and_metadata() {
        junk_gives_reasons(&MxRfc, &["AAAA000000AAA", "&&&&&&&&&&&&&"]);
        metadata(&MxRfc, "MX");
    }

    proptest! {
        #[test]
        fn generated_pass_and_check_changes_fail(
            l in "[A-Z]{4}", y in 0u32..100, m in 1u32..13, d in 1u32..29,
            h in "[1-9A-NP-V][1-9A-NP-Z]",
        ) {
            prop_assume!(!INCONVENIENT.contains(&l.as_str()));
            let v = make_rfc(&format!("{l}{y:02}{m:02}{d:02}{h}"));
            let c = check_rfc(&v, &ctx());
            prop_assert!(c.is_valid(), "{} {:?}", v, c);
            prop_assert!(MxRfc.looks_like(&v));
            // The date digits carry weights 9 down to 4, all coprime with 11: any single
            // change of one of them changes the check character (or the date).
            let b = v.as_bytes();
            for i in 4..10 {
                for dgt in b'0'..=b'9' {
                    if dgt != b[i] {
                        let mut w = b.to_vec();
                        w[i] = dgt;
                        let w = String::from_utf8(w).unwrap();
                        prop_assert!(!check_rfc(&w, &ctx()).is_valid(), "{}", w);
                    }
                }
            }
        }
    }
}
