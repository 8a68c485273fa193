//! Italy codice fiscale (tax code of natural persons).
//!
//! Layout (16 characters): `SSS NNN YY M DD CCCC K` — three letters from the surname, three
//! from the given name, the last two digits of the birth year, the birth month as a letter
//! (`A B C D E H L M P R S T` = January…December), the birth day (plus 40 for women), the
//! cadastral (Belfiore) code of the birth municipality (a letter and three digits; `Z` and a
//! country code for people born abroad), and a check letter.
//!
//! Omocodia: when two people would receive the same code, the Agenzia delle Entrate replaces
//! digits, starting from the right, with the letters `L M N P Q R S T U V` (for 0–9) in the
//! seven digit positions. Such codes are valid; the date is read after undoing the
//! substitution (note `omocodia`).
//!
//! Check letter: characters in odd positions (1st, 3rd, …, 15th) are converted with the
//! decree's odd-position table, characters in even positions with their plain value (digit
//! value, or A=0 … Z=25); the sum modulo 26 is the letter (0 = A). Within the layout every
//! single-character change is caught: at each position the characters allowed there (letters;
//! or digits and omocodia letters) have pairwise distinct values in 0–25.
//!
//! The birth year is written with two digits: the century is inferred (aged 0–99 on the
//! reference date, note `century_inferred`). Birth date and sex are extracted.
//!
//! Problems: `length`, `format`, `checksum`, `date_invalid` (with the century inferred the date
//! can be neither in the future nor too old). Notes: `omocodia`, `century_inferred`,
//! `born_abroad`.
//!
//! Specification: D.M. 23 dicembre 1976 (Ministero delle Finanze), *Sistemi di codificazione
//! dei soggetti da iscrivere nell'anagrafe tributaria*, and D.P.R. 605/1973.

use super::west::{birth_date, compact, infer_century, set_canonical, SEPARATORS};
use crate::kinds::Kind;
use crate::validate::{Check, Context, Sex, Validator};

pub struct ItCodiceFiscale;

/// Month letters, January to December.
const MONTHS: &[u8; 12] = b"ABCDEHLMPRST";
/// Omocodia letters standing for the digits 0–9.
const OMOCODES: &[u8; 10] = b"LMNPQRSTUV";
/// Positions (0-based) that hold digits, possibly replaced by omocodia letters.
const DIGIT_POSITIONS: [usize; 7] = [6, 7, 9, 10, 12, 13, 14];
/// Odd-position values of `0`–`9` and `A`–`Z`.
const ODD_DIGITS: [u32; 10] = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21];
const ODD_LETTERS: [u32; 26] = [
    1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
];

/// The check letter of the first 15 characters (upper-case letters and digits).
pub fn check_letter(b: &[u8]) -> Option<u8> {
    if b.len() != 15 {
        return None;
    }
    let mut sum = 0u32;
    for (i, &c) in b.iter().enumerate() {
        let odd = i % 2 == 0; // 1-based odd positions
        sum += match c {
            b'0'..=b'9' if odd => ODD_DIGITS[usize::from(c - b'0')],
            b'0'..=b'9' => u32::from(c - b'0'),
            b'A'..=b'Z' if odd => ODD_LETTERS[usize::from(c - b'A')],
            b'A'..=b'Z' => u32::from(c - b'A'),
            _ => return None,
        };
    }
    Some(b'A' + (sum % 26) as u8)
}

/// The digit a digit position holds (undoing omocodia), or `None`.
fn digit_at(b: &[u8], i: usize) -> Option<u32> {
    let c = *b.get(i)?;
    if c.is_ascii_digit() {
        return Some(u32::from(c - b'0'));
    }
    OMOCODES.iter().position(|&o| o == c).map(|d| d as u32)
}

/// Whether `b` has the layout: letters, digit positions holding digits or omocodia letters.
fn shaped(b: &[u8]) -> bool {
    b.len() == 16
        && b.iter().enumerate().all(|(i, c)| {
            if DIGIT_POSITIONS.contains(&i) {
                c.is_ascii_digit() || OMOCODES.contains(c)
            } else {
                c.is_ascii_uppercase()
            }
        })
        && MONTHS.contains(&b[8])
}

/// Validates a codice fiscale; see the module documentation.
pub fn check_codice_fiscale(value: &str, ctx: &Context) -> Check {
    let mut check = Check::default();
    check.facts.country = Some("IT");
    let c = compact(value, SEPARATORS);
    let b = c.as_bytes();
    if b.len() != 16 {
        check.problems.push("length");
        return check;
    }
    if !shaped(b) {
        check.problems.push("format");
        return check;
    }
    if check_letter(&b[..15]) != Some(b[15]) {
        check.problems.push("checksum");
    }
    if DIGIT_POSITIONS.iter().any(|&i| b[i].is_ascii_uppercase()) {
        check.notes.push("omocodia");
    }
    let d = |i| digit_at(b, i).unwrap_or(0);
    let yy = d(6) * 10 + d(7);
    let month = MONTHS.iter().position(|&m| m == b[8]).unwrap_or(0) as u32 + 1;
    let mut day = d(9) * 10 + d(10);
    let sex = if day > 40 {
        day -= 40;
        Sex::Female
    } else {
        Sex::Male
    };
    check.facts.sex = Some(sex);
    let year = infer_century(yy, month, day, ctx);
    if birth_date(&mut check, year, month, day, ctx).is_some() {
        check.notes.push("century_inferred");
    }
    if b[11] == b'Z' {
        check.notes.push("born_abroad");
    }
    set_canonical(&mut check, value, &c);
    check
}

impl Validator for ItCodiceFiscale {
    fn id(&self) -> &'static str {
        "it_codicefiscale"
    }
    fn name(&self) -> &'static str {
        "Italy codice fiscale (natural persons)"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, value: &str) -> bool {
        if value.len() > 24 {
            return false;
        }
        let c = compact(value, &[' ']);
        let b = c.as_bytes();
        shaped(b) && check_letter(&b[..15]) == Some(b[15])
    }
    fn check(&self, value: &str, ctx: &Context) -> Check {
        check_codice_fiscale(value, ctx)
    }
    fn country(&self) -> Option<&'static str> {
        Some("IT")
    }
    fn validates(&self) -> &'static str {
        "length, layout (with omocodia), month letter, birth day, check letter"
    }
    fn extracts(&self) -> &'static str {
        "birth date (century inferred), sex"
    }
    fn specification(&self) -> &'static str {
        "D.M. 23/12/1976 (Ministero delle Finanze); D.P.R. 605/1973"
    }
}

#[cfg(test)]
mod tests {
    use super::super::west::test_ctx;
    use super::*;
    use crate::civil::Date;
    use proptest::prelude::*;

    fn check(v: &str) -> Check {
        check_codice_fiscale(v, &test_ctx())
    }
    fn with_letter(body: &str) -> String {
        let k = check_letter(body.as_bytes()).unwrap();
        format!("{body}{}", char::from(k))
    }

    #[test]
    fn worked_example() {
        // The textbook code of the fictitious Mario Rossi, born 1 January 1980 in Rome (H501).
        let c = check("RSSMRA80A01H501U");
        assert_eq!(check_letter(b"RSSMRA80A01H501"), Some(b'U'));
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.date, Date::new(1980, 1, 1));
        assert_eq!(c.facts.sex, Some(Sex::Male));
        assert_eq!(c.notes, ["century_inferred"]);
        assert_eq!(check("RSSMRA80A01H501V").problems, ["checksum"]);
        assert!(check("rssmra 80a01 h501u").is_valid());
        assert_eq!(check_letter(b"RSSMRA80D09H501"), Some(b'V'));
    }

    #[test]
    fn women_omocodia_and_abroad() {
        // A woman born 15 January 2001 abroad (Z404).
        let v = with_letter("BNCLRA01A55Z404");
        let c = check(&v);
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.date, Date::new(2001, 1, 15));
        assert_eq!(c.facts.sex, Some(Sex::Female));
        assert!(c.notes.contains(&"born_abroad"));
        // Omocodia: the last digit 1 of H501 becomes M; the date is unchanged.
        let v = with_letter("RSSMRA80D09H50M");
        let c = check(&v);
        assert!(c.is_valid(), "{c:?}");
        assert!(c.notes.contains(&"omocodia"));
        assert_eq!(c.facts.date, Date::new(1980, 4, 9));
        // Omocodia in the year: 8 → U, 0 → L.
        let c = check(&with_letter("RSSMRAULD09H501"));
        assert_eq!(c.facts.date, Date::new(1980, 4, 9));
    }

    #[test]
    fn invalid() {
        assert_eq!(
            check(&with_letter("RSSMRA80D32H501")).problems,
            ["date_invalid"]
        );
        assert_eq!(
            check(&with_letter("RSSMRA80D72H501")).problems,
            ["date_invalid"]
        );
        assert_eq!(
            check(&with_letter("RSSMRA80B30H501")).problems,
            ["date_invalid"]
        );
        assert_eq!(
            check("RSSMRA80F09H501U").problems,
            ["format"],
            "F is no month"
        );
        assert_eq!(
            check("RSSMRA80D09H5O1U").problems,
            ["format"],
            "O is no omocode"
        );
        assert_eq!(check("RSSMRA80D09H501").problems, ["length"]);
        assert_eq!(check("12345678901").problems, ["length"]);
        // Born after the reference date cannot happen with an inferred century; too old can't
        // either: 1 July 2022 reference, year 22 in August → 1922.
        let c = check(&with_letter("RSSMRA22M01H501"));
        assert_eq!(c.facts.date, Date::new(1922, 8, 1));
    }

    fn digit_char(d: u32, omocode: bool) -> char {
        char::from(if omocode {
            OMOCODES[d as usize]
        } else {
            b'0' + d as u8
        })
    }

    proptest! {
        #[test]
        fn generated_are_valid(
            name in "[A-Z]{6}", yy in 0u32..100, m in 0usize..12, day in 1u32..29,
            female in any::<bool>(), place in "[A-Z]", code in 0u32..1000, omo in 0usize..8,
        ) {
            let day = if female { day + 40 } else { day };
            let digits = [yy / 10, yy % 10, day / 10, day % 10, code / 100, code / 10 % 10, code % 10];
            // The last `omo` digit positions are replaced, as the Agenzia does.
            let ch: Vec<char> = digits.iter().enumerate()
                .map(|(i, &d)| digit_char(d, i >= 7 - omo)).collect();
            let body = format!(
                "{name}{}{}{}{}{}{place}{}{}{}",
                ch[0], ch[1], char::from(MONTHS[m]), ch[2], ch[3], ch[4], ch[5], ch[6]
            );
            let v = with_letter(&body);
            let c = check(&v);
            prop_assert!(c.is_valid(), "{} {:?}", v, c);
            prop_assert!(ItCodiceFiscale.looks_like(&v));
            prop_assert_eq!(c.facts.sex == Some(Sex::Female), female);
            prop_assert_eq!(c.facts.date.map(|d| u32::from(d.day)), Some(if female { day - 40 } else { day }));
            // Any single-character change is caught.
            let mut w = v.into_bytes();
            let i = (yy as usize + code as usize) % 16;
            w[i] = match w[i] { b'9' => b'0', b'V' => b'L', b'Z' => b'A', c => c + 1 };
            let w = String::from_utf8(w).unwrap();
            prop_assert!(!check(&w).is_valid(), "{}", w);
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,24}") {
            let c = check(&s);
            let _ = ItCodiceFiscale.looks_like(&s);
            prop_assert!(!c.is_valid() && !c.problems.is_empty(), "{:?}", s);
        }
    }
}
