//! Romania: CNP (Cod Numeric Personal), the personal numeric code.
//!
//! Layout: `S YYMMDD JJ NNN C` — sex and century, birth date, county of registration, serial,
//! check digit. `S`: 1/2 men/women born 1900–1999, 3/4 born 1800–1899, 5/6 born 2000–2099,
//! 7/8 resident foreigners (men/women), 9 foreigners; for 7–9 the century is not encoded and
//! the latest century not after the reference date is assumed (note `century_assumed`).
//! `JJ`: 01–40 the counties in alphabetical order, 40 Bucharest, 41–46 Bucharest sectors 1–6,
//! 47–48 the former sectors 7 and 8, 51 Călărași, 52 Giurgiu, and the special codes 70, 80–83.
//!
//! Check: Σ digit·weight over the first twelve digits with the key `2 7 9 1 4 6 3 5 8 2 7 9`;
//! the remainder mod 11 is the check digit, except that remainder 10 gives 1.
//!
//! Problems: `format`, `length`, `checksum`, `invalid_prefix` (S = 0), `date_invalid`,
//! `date_after_reference`, `date_too_old`, `county_code_unknown`. Extracts birth date, sex
//! and the county (as `issuer`).
//!
//! Specification: the structure of the CNP as described by the Romanian population register
//! (Direcția pentru Evidența Persoanelor și Administrarea Bazelor de Date, DEPABD) and
//! summarised at <https://ro.wikipedia.org/wiki/Cod_numeric_personal>; check key
//! `279146358279`.

use super::ce_util::{birth_date, latest_year, read, shape, start};
use crate::checkdigit::weighted;
use crate::kinds::Kind;
use crate::validate::{Check, Context, Sex, Validator};

pub struct RoCnp;

const KEY: [u32; 12] = [2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9];

const COUNTIES: [&str; 52] = [
    "Alba",
    "Arad",
    "Argeș",
    "Bacău",
    "Bihor",
    "Bistrița-Năsăud",
    "Botoșani",
    "Brașov",
    "Brăila",
    "Buzău",
    "Caraș-Severin",
    "Cluj",
    "Constanța",
    "Covasna",
    "Dâmbovița",
    "Dolj",
    "Galați",
    "Gorj",
    "Harghita",
    "Hunedoara",
    "Ialomița",
    "Iași",
    "Ilfov",
    "Maramureș",
    "Mehedinți",
    "Mureș",
    "Neamț",
    "Olt",
    "Prahova",
    "Satu Mare",
    "Sălaj",
    "Sibiu",
    "Suceava",
    "Teleorman",
    "Timiș",
    "Tulcea",
    "Vaslui",
    "Vâlcea",
    "Vrancea",
    "București",
    "București Sector 1",
    "București Sector 2",
    "București Sector 3",
    "București Sector 4",
    "București Sector 5",
    "București Sector 6",
    "București Sector 7 (former)",
    "București Sector 8 (former)",
    "",
    "",
    "Călărași",
    "Giurgiu",
];

/// The county name of code `jj`; `Some("")` for the valid special codes without a name.
fn county(jj: u32) -> Option<&'static str> {
    match jj {
        70 | 80..=83 => Some(""),
        1..=48 | 51 | 52 => COUNTIES.get(jj as usize - 1).copied(),
        _ => None,
    }
}

/// The check digit of the first twelve ASCII digits.
pub fn check_digit(payload: &[u8]) -> Option<u8> {
    let r = weighted::remainder(payload.get(..12)?, &KEY, 11)?;
    Some(if r == 10 { 1 } else { r as u8 })
}

impl Validator for RoCnp {
    fn id(&self) -> &'static str {
        "ro_cnp"
    }
    fn name(&self) -> &'static str {
        "Romanian personal numeric code (CNP)"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, value: &str) -> bool {
        shape(value, &[13])
            .is_some_and(|d| d.at(0) != 0 && check_digit(d.ascii()) == Some(d.at(12) as u8))
    }
    fn check(&self, value: &str, ctx: &Context) -> Check {
        let d = match read(value, &[13]) {
            Ok(d) => d,
            Err(p) => return Check::invalid(p),
        };
        let mut check = start(&d, Some("RO"));
        if check_digit(d.ascii()) != Some(d.at(12) as u8) {
            check.problems.push("checksum");
        }
        let s = d.at(0);
        let (yy, mm, dd) = (d.num(1, 3), d.num(3, 5), d.num(5, 7));
        let year = match s {
            1 | 2 => Some(1900 + yy as i32),
            3 | 4 => Some(1800 + yy as i32),
            5 | 6 => Some(2000 + yy as i32),
            7..=9 => {
                check.notes.push("century_assumed");
                Some(latest_year(yy, mm, dd, ctx))
            }
            _ => None,
        };
        match year {
            Some(y) => birth_date(&mut check, y, mm, dd, ctx),
            None => check.problems.push("invalid_prefix"),
        }
        check.facts.sex = match s {
            1 | 3 | 5 | 7 => Some(Sex::Male),
            2 | 4 | 6 | 8 => Some(Sex::Female),
            _ => None,
        };
        match county(d.num(7, 9)) {
            Some("") => {}
            Some(name) => check.facts.issuer = Some(name.to_owned()),
            None => check.problems.push("county_code_unknown"),
        }
        check
    }
    fn country(&self) -> Option<&'static str> {
        Some("RO")
    }
    fn validates(&self) -> &'static str {
        "length, weighted mod 11 check digit, sex/century digit, birth date, county code"
    }
    fn extracts(&self) -> &'static str {
        "birth date, sex, county (issuer)"
    }
    fn specification(&self) -> &'static str {
        "DEPABD description of the CNP structure (ro.wikipedia.org/wiki/Cod_numeric_personal)"
    }
}

/// A CNP with sex/century digit `s`, date, county `jj` and `serial`, with its check digit.
#[cfg(test)]
pub fn make(s: u32, year: i32, month: u32, day: u32, jj: u32, serial: u32) -> String {
    let body = format!(
        "{s}{:02}{month:02}{day:02}{jj:02}{:03}",
        year % 100,
        serial % 1000
    );
    let c = check_digit(body.as_bytes()).unwrap();
    format!("{body}{c}")
}

#[cfg(test)]
mod tests {
    use super::super::ce_util::testing::{ctx, mutants};
    use super::*;
    use crate::civil::Date;
    use proptest::prelude::*;

    fn problems(v: &str) -> Vec<&'static str> {
        RoCnp.check(v, &ctx()).problems
    }

    #[test]
    fn vectors() {
        // 1963-06-15, man, Cluj (12), serial 345: Σ = 1·2+6·7+3·9+0·1+6·4+1·6+5·3+1·5+2·8
        // +3·2+4·7+5·9 = 216, 216 mod 11 = 7.
        let c = RoCnp.check("1630615123457", &ctx());
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.date, Date::new(1963, 6, 15));
        assert_eq!(c.facts.sex, Some(Sex::Male));
        assert_eq!(c.facts.issuer.as_deref(), Some("Cluj"));
        assert_eq!(problems("1630615123458"), ["checksum"]);
        assert_eq!(problems(&make(0, 1980, 1, 1, 12, 1)), ["invalid_prefix"]);
        assert_eq!(problems(&make(1, 1963, 22, 15, 12, 345)), ["date_invalid"]);
        assert_eq!(
            problems(&make(1, 1963, 6, 15, 99, 345)),
            ["county_code_unknown"]
        );
        assert_eq!(
            problems(&make(1, 1963, 6, 15, 49, 345)),
            ["county_code_unknown"]
        );
        assert!(problems(&make(1, 1963, 6, 15, 70, 345)).is_empty());
        let c = RoCnp.check(&make(6, 2005, 2, 28, 52, 7), &ctx());
        assert!(c.is_valid());
        assert_eq!(c.facts.sex, Some(Sex::Female));
        assert_eq!(c.facts.issuer.as_deref(), Some("Giurgiu"));
        assert_eq!(problems(&make(3, 1880, 1, 1, 1, 1)), ["date_too_old"]);
        assert_eq!(
            problems(&make(5, 2080, 1, 1, 1, 1)),
            ["date_after_reference"]
        );
    }

    #[test]
    fn foreigners_century_assumed() {
        let c = RoCnp.check(&make(7, 2005, 1, 1, 40, 1), &ctx());
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.notes, ["century_assumed"]);
        assert_eq!(c.facts.date, Date::new(2005, 1, 1));
        let c = RoCnp.check(&make(9, 1975, 1, 1, 40, 1), &ctx());
        assert_eq!(c.facts.date, Date::new(1975, 1, 1));
        assert_eq!(c.facts.sex, None);
    }

    #[test]
    fn remainder_ten_gives_one() {
        let body = (0..100)
            .map(|s| format!("1800101120{s:02}"))
            .find(|b| weighted::remainder(b.as_bytes(), &KEY, 11) == Some(10))
            .unwrap();
        assert!(problems(&format!("{body}1")).is_empty());
        assert_eq!(problems(&format!("{body}0")), ["checksum"]);
    }

    proptest! {
        #[test]
        fn generated_are_valid_and_mutants_fail(
            days in 0i64..45_000, jj in 1u32..=46, serial in 0u32..1000, female in any::<bool>()
        ) {
            let date = Date::from_days(Date::new(1901, 1, 1).unwrap().to_days() + days).unwrap();
            prop_assume!(date <= ctx().reference_date);
            let s = if date.year < 2000 { 1 } else { 5 } + u32::from(female);
            let v = make(s, date.year, u32::from(date.month), u32::from(date.day), jj, serial);
            let c = RoCnp.check(&v, &ctx());
            prop_assert!(c.is_valid(), "{} {:?}", v, c);
            prop_assert_eq!(c.facts.date, Some(date));
            prop_assert!(RoCnp.looks_like(&v));
            // Key weights are non-zero mod 11, so a digit change moves the remainder; it can
            // only pass when the remainder moves between 1 and 10 (both give check digit 1).
            let r = weighted::remainder(&v.as_bytes()[..12], &KEY, 11).unwrap();
            for (_, m) in mutants(&v) {
                let rm = weighted::remainder(&m.as_bytes()[..12], &KEY, 11).unwrap();
                if !(r == 1 && rm == 10 || r == 10 && rm == 1) {
                    prop_assert!(!RoCnp.check(&m, &ctx()).is_valid(), "{}", m);
                }
            }
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,30}") {
            let c = RoCnp.check(&s, &ctx());
            let _ = RoCnp.looks_like(&s);
            if !s.bytes().any(|b| b.is_ascii_digit()) {
                prop_assert!(!c.problems.is_empty());
            }
        }
    }
}
