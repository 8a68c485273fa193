//! Mexican Clave Única de Registro de Población (CURP).
//!
//! Layout, 18 characters: `GODE 561231 H DF RRN 0 9`
//! - 1–4: initial and first inner vowel of the first surname, initial of the second surname,
//!   initial of the given name (`X` where a letter is missing; `Ñ` is written `X`);
//! - 5–10: birth date `YYMMDD`;
//! - 11: sex, `H` (hombre) or `M` (mujer), and `X` (non-binary, issued since 2023);
//! - 12–13: state of birth (two-letter RENAPO code, `NE` born abroad);
//! - 14–16: first inner consonants of first surname, second surname and given name;
//! - 17: homoclave, a digit for births up to 1999 and a letter from 2000 — which gives the
//!   century;
//! - 18: check digit: the first 17 characters take values in `0–9 A–N Ñ O–Z` (0–36), weighted
//!   18 down to 2; the digit is `(10 − Σ mod 10) mod 10`.
//!
//! The first four letters never form one of RENAPO's inconvenient words (their second letter is
//! replaced by `X`): such a key is `inconvenient_word`.
//!
//! Problems: `length`, `format`, `date_invalid`, `date_after_reference`, `date_too_old`,
//! `state_code_unknown`, `inconvenient_word`, `checksum`. Note: `sex_non_binary`.
//! Extracts birth date, sex and state of birth (as `issuer`).
//!
//! Specification: Secretaría de Gobernación / RENAPO, "Instructivo Normativo para la
//! Asignación de la Clave Única de Registro de Población" (DOF 18-10-2021), Anexos 1
//! (entidades federativas) and 2 (palabras inconvenientes), and the check-digit procedure.

use super::{matches_mask, number, start};
use crate::civil::Date;
use crate::kinds::Kind;
use crate::validate::date::birth_date_problems;
use crate::validate::{Check, Context, Sex, Validator};

pub struct MxCurp;

/// RENAPO state codes and their states.
pub const STATES: &[(&str, &str)] = &[
    ("AS", "Aguascalientes"),
    ("BC", "Baja California"),
    ("BS", "Baja California Sur"),
    ("CC", "Campeche"),
    ("CL", "Coahuila"),
    ("CM", "Colima"),
    ("CS", "Chiapas"),
    ("CH", "Chihuahua"),
    ("DF", "Ciudad de México"),
    ("DG", "Durango"),
    ("GT", "Guanajuato"),
    ("GR", "Guerrero"),
    ("HG", "Hidalgo"),
    ("JC", "Jalisco"),
    ("MC", "Estado de México"),
    ("MN", "Michoacán"),
    ("MS", "Morelos"),
    ("NT", "Nayarit"),
    ("NL", "Nuevo León"),
    ("OC", "Oaxaca"),
    ("PL", "Puebla"),
    ("QT", "Querétaro"),
    ("QR", "Quintana Roo"),
    ("SP", "San Luis Potosí"),
    ("SL", "Sinaloa"),
    ("SR", "Sonora"),
    ("TC", "Tabasco"),
    ("TS", "Tamaulipas"),
    ("TL", "Tlaxcala"),
    ("VZ", "Veracruz"),
    ("YN", "Yucatán"),
    ("ZS", "Zacatecas"),
    ("NE", "born abroad"),
];

/// Words the four letters must not form (Anexo 2 of the Instructivo); RENAPO and the SAT
/// replace the second letter with `X`.
pub const INCONVENIENT: &[&str] = &[
    "BACA", "BAKA", "BUEI", "BUEY", "CACA", "CACO", "CAGA", "CAGO", "CAKA", "CAKO", "COGE", "COGI",
    "COJA", "COJE", "COJI", "COJO", "COLA", "CULO", "FALO", "FETO", "GETA", "GUEI", "GUEY", "JETA",
    "JOTO", "KACA", "KACO", "KAGA", "KAGO", "KAKA", "KAKO", "KOGE", "KOGI", "KOJA", "KOJE", "KOJI",
    "KOJO", "KOLA", "KULO", "LILO", "LOCA", "LOCO", "LOKA", "LOKO", "MAME", "MAMO", "MEAR", "MEAS",
    "MEON", "MIAR", "MION", "MOCO", "MOKO", "MULA", "MULO", "NACA", "NACO", "PEDA", "PEDO", "PENE",
    "PIPI", "PITO", "POPO", "PUTA", "PUTO", "QULO", "RATA", "ROBA", "ROBE", "ROBO", "RUIN", "SENO",
    "TETA", "VACA", "VAGA", "VAGO", "VAKA", "VUEI", "VUEY", "WUEI", "WUEY",
];

/// Value of a character in the CURP alphabet `0–9 A–N Ñ O–Z` (ASCII input: no `Ñ`).
fn value(b: u8) -> Option<u32> {
    match b {
        b'0'..=b'9' => Some(u32::from(b - b'0')),
        b'A'..=b'N' => Some(u32::from(b - b'A') + 10),
        b'O'..=b'Z' => Some(u32::from(b - b'O') + 25),
        _ => None,
    }
}

/// The check digit for the first 17 characters; `None` for a foreign character.
pub fn check_digit(body: &[u8]) -> Option<u8> {
    let mut sum = 0u32;
    for (i, &b) in body.iter().enumerate() {
        sum += value(b)? * (18 - i as u32);
    }
    Some(((10 - sum % 10) % 10) as u8)
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'A' | b'E' | b'I' | b'O' | b'U')
}

/// Whether the 18 upper-case characters have the CURP layout.
fn shape_ok(b: &[u8]) -> bool {
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    b.len() == 18
        && b[..4].iter().all(u8::is_ascii_uppercase)
        && (is_vowel(at(1)) || at(1) == b'X')
        && b[4..10].iter().all(u8::is_ascii_digit)
        && matches!(at(10), b'H' | b'M' | b'X')
        && b[11..13].iter().all(u8::is_ascii_uppercase)
        && b[13..16]
            .iter()
            .all(|&c| c.is_ascii_uppercase() && !is_vowel(c))
        && at(16).is_ascii_alphanumeric()
        && at(17).is_ascii_digit()
}

/// Validates a CURP; see the module documentation.
pub fn check_curp(value: &str, ctx: &Context) -> Check {
    let (mut check, c) = match start(value, &[18]) {
        Ok(x) => x,
        Err(e) => return Check::invalid(e),
    };
    let b = c.bytes();
    check.facts.country = Some("MX");
    if !shape_ok(b) {
        check.problems.push("format");
        return check;
    }
    if check_digit(&b[..17]) != Some(b[17] - b'0') {
        check.problems.push("checksum");
    }
    let century = if b[16].is_ascii_digit() { 1900 } else { 2000 };
    let year = century + number(&b[4..6]) as i32;
    match Date::new(year, number(&b[6..8]) as u8, number(&b[8..10]) as u8) {
        Some(d) => {
            check.facts.date = Some(d);
            birth_date_problems(d, ctx, &mut check.problems);
        }
        None => check.problems.push("date_invalid"),
    }
    match b[10] {
        b'H' => check.facts.sex = Some(Sex::Male),
        b'M' => check.facts.sex = Some(Sex::Female),
        _ => check.notes.push("sex_non_binary"),
    }
    let state = &b[11..13];
    match STATES.iter().find(|(code, _)| code.as_bytes() == state) {
        Some((_, name)) => check.facts.issuer = Some((*name).to_owned()),
        None => check.problems.push("state_code_unknown"),
    }
    if INCONVENIENT.iter().any(|w| w.as_bytes() == &b[..4]) {
        check.problems.push("inconvenient_word");
    }
    check
}

impl Validator for MxCurp {
    fn id(&self) -> &'static str {
        "mx_curp"
    }
    fn name(&self) -> &'static str {
        "Mexican population registry key (CURP)"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    /// The 18-character layout with a correct check digit.
    fn looks_like(&self, value: &str) -> bool {
        if !matches_mask(value, "AAAA999999AAAAAA*9") {
            return false;
        }
        let up = value.to_ascii_uppercase();
        let b = up.as_bytes();
        shape_ok(b) && check_digit(&b[..17]) == Some(b[17] - b'0')
    }
    fn check(&self, value: &str, ctx: &Context) -> Check {
        check_curp(value, ctx)
    }
    fn country(&self) -> Option<&'static str> {
        Some("MX")
    }
    fn validates(&self) -> &'static str {
        "layout, check digit, birth date, sex, state code, inconvenient words"
    }
    fn extracts(&self) -> &'static str {
        "birth date, sex, state of birth"
    }
    fn specification(&self) -> &'static str {
        "SEGOB/RENAPO, Instructivo Normativo para la Asignación de la CURP"
    }
}

/// A CURP from its first 16 characters, a homoclave and the computed check digit. For tests
/// and fixtures.
pub fn make_curp(first16: &str, homoclave: char) -> String {
    let body = format!("{first16}{homoclave}");
    let d = check_digit(body.as_bytes()).map_or('?', |d| char::from(b'0' + d));
    format!("{body}{d}")
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::*;
    use proptest::prelude::*;

    fn problems(v: &str) -> Vec<&'static str> {
        check_curp(v, &ctx()).problems
    }

    #[test]
    fn synthetic_keys() {
        let v = make_curp("GODE561231HDFRRN", '0');
        let c = check_curp(&v, &ctx());
        assert!(c.is_valid(), "{v} {c:?}");
        assert_eq!(c.facts.date, Date::new(1956, 12, 31));
        assert_eq!(c.facts.sex, Some(Sex::Male));
        assert_eq!(c.facts.issuer.as_deref(), Some("Ciudad de México"));
        // A letter homoclave puts the birth in the 2000s.
        let c = check_curp(&make_curp("PEMA050229MJCRRR", 'A'), &ctx());
        assert_eq!(c.facts.date, Date::new(2005, 2, 29).or(None));
        assert_eq!(c.problems, ["date_invalid"]);
        let c = check_curp(&make_curp("PEMA040229MJCRRR", 'A'), &ctx());
        assert!(c.is_valid());
        assert_eq!(c.facts.date, Date::new(2004, 2, 29));
        assert_eq!(c.facts.sex, Some(Sex::Female));
        assert_eq!(c.facts.issuer.as_deref(), Some("Jalisco"));
        let c = check_curp(&make_curp("PEMA040229XNERRR", '1'), &ctx());
        assert!(c.is_valid());
        assert_eq!(c.notes, ["sex_non_binary"]);
        assert_eq!(c.facts.sex, None);
        assert_eq!(c.facts.date, Date::new(1904, 2, 29));
    }

    #[test]
    fn problems_found() {
        let v = make_curp("GODE561231HDFRRN", '0');
        let mut bad = v.clone().into_bytes();
        bad[17] = if bad[17] == b'9' { b'0' } else { bad[17] + 1 };
        assert_eq!(problems(std::str::from_utf8(&bad).unwrap()), ["checksum"]);
        assert_eq!(
            problems(&make_curp("GODE561231HZZRRN", '0')),
            ["state_code_unknown"]
        );
        assert_eq!(
            problems(&make_curp("GODE561331HDFRRN", '0')),
            ["date_invalid"]
        );
        assert_eq!(
            problems(&make_curp("GODE231231HDFRRN", 'A')),
            ["date_after_reference"]
        );
        assert_eq!(
            problems(&make_curp("BUEI561231HDFRRN", '0')),
            ["inconvenient_word"]
        );
        assert!(problems(&make_curp("BXEI561231HDFRRN", '0')).is_empty());
        assert_eq!(problems(&make_curp("GODE561231FDFRRN", '0')), ["format"]);
        assert_eq!(problems(&make_curp("GBDE561231HDFRRN", '0')), ["format"]);
        assert_eq!(problems(&make_curp("GODE561231HDFRAN", '0')), ["format"]);
        assert_eq!(problems("GODE561231HDFRRN0"), ["length"]);
        assert_eq!(problems("GODE561231HDFRRÑ00"), ["format"]);
    }

    #[test]
    fn looks_and_separators() {
        let v = make_curp("GODE561231HDFRRN", '0');
        assert!(MxCurp.looks_like(&v));
        assert!(MxCurp.looks_like(&v.to_lowercase()));
        let c = check_curp(&v.to_lowercase(), &ctx());
        assert!(c.is_valid());
        assert_eq!(c.facts.canonical.as_deref(), Some(v.as_str()));
        assert!(!MxCurp.looks_like("GODE561231HDFRRN01"));
        assert!(!MxCurp.looks_like("GODE561231"));
    }

    #[test]
    fn junk_and_metadata() {
        junk_gives_reasons(&MxCurp, &["AAAA000000HAAAAA00", "XXXX999999XXXXXX99"]);
        metadata(&MxCurp, "MX");
    }

    proptest! {
        #[test]
        fn generated_pass_and_changes_fail(
            l in "[A-Z][AEIOUX][A-Z]{2}",
            y in 0u32..100, m in 1u32..13, d in 1u32..29,
            sex in "[HM]", st in 0usize..33, cons in "[B-DF-HJ-NP-TV-Z]{3}",
            h in "[0-9A-Z]",
        ) {
            prop_assume!(!INCONVENIENT.contains(&l.as_str()));
            let hom = h.chars().next().unwrap();
            let year = if hom.is_ascii_digit() { 1900 + y } else { 2000 + y };
            prop_assume!(year < 2022);
            let v = make_curp(&format!("{l}{:02}{m:02}{d:02}{sex}{}{cons}", y, STATES[st].0), hom);
            let c = check_curp(&v, &ctx());
            prop_assert!(c.is_valid(), "{} {:?}", v, c);
            prop_assert!(MxCurp.looks_like(&v));
            // A changed check digit always fails; so does a changed date digit whose weight
            // (13, 11, 9 at positions 6, 8, 10) is coprime with 10.
            let b = v.as_bytes();
            for i in [5usize, 7, 9, 17] {
                for dgt in b'0'..=b'9' {
                    if dgt == b[i] {
                        continue;
                    }
                    let mut w = b.to_vec();
                    w[i] = dgt;
                    let w = String::from_utf8(w).unwrap();
                    prop_assert!(!check_curp(&w, &ctx()).is_valid(), "{}", w);
                }
            }
        }
    }
}
