//! Singapore NRIC number and foreign identification number (FIN).
//!
//! Layout: `P DDDDDDD L` — a prefix letter, seven digits and a check letter, e.g. `S1234567D`.
//! Prefixes: S (citizens and permanent residents registered before 2000), T (from 2000),
//! F (foreigners, FIN issued before 2000), G (2000–2021), M (from 2022).
//!
//! Check: `S = Σ dᵢ·wᵢ` with weights 2 7 6 5 4 3 2, plus 4 for T and G, plus 3 for M;
//! `r = S mod 11`; the check letter is `table[10 − r]` with the table `ABCDEFGHIZJ` for S/T,
//! `KLMNPQRTUWX` for F/G and `KLJNPQRTUWX` for M.
//!
//! For citizens born from 1968 on, the first two digits of S/T numbers are usually the birth
//! year, but numbers of people registered later (immigrants, permanent residents) start
//! otherwise, so no birth year is extracted. `facts.issuer` says citizen/PR or foreigner.
//!
//! Problems: `format`, `length`, `checksum`.
//!
//! Specification: Immigration & Checkpoints Authority (ICA), National Registration Act; the
//! M-series announcement (ICA, 2021: "New M FIN series to be introduced from 1 January 2022"),
//! and the Government Technology Agency's reference check for the M series.

use super::common::{all_digits, compact, squeeze};
use crate::kinds::Kind;
use crate::validate::{Check, Context, Validator};

pub struct SgNric;

/// The check letter of a prefix and seven digits.
pub fn check_letter(prefix: u8, digits: &[u8]) -> Option<u8> {
    let (offset, table): (u32, &[u8; 11]) = match prefix {
        b'S' => (0, b"ABCDEFGHIZJ"),
        b'T' => (4, b"ABCDEFGHIZJ"),
        b'F' => (0, b"KLMNPQRTUWX"),
        b'G' => (4, b"KLMNPQRTUWX"),
        b'M' => (3, b"KLJNPQRTUWX"),
        _ => return None,
    };
    if digits.len() != 7 {
        return None;
    }
    let s = crate::checkdigit::weighted::sum(digits, &[2, 7, 6, 5, 4, 3, 2])? + offset;
    table.get(10 - (s % 11) as usize).copied()
}

fn shape_ok(id: &[u8]) -> bool {
    id.len() == 9
        && matches!(id[0], b'S' | b'T' | b'F' | b'G' | b'M')
        && all_digits(&id[1..8])
        && id[8].is_ascii_uppercase()
}

impl Validator for SgNric {
    fn id(&self) -> &'static str {
        "sg_nric"
    }
    fn name(&self) -> &'static str {
        "Singapore NRIC / FIN number"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, value: &str) -> bool {
        squeeze(value, b"")
            .is_some_and(|id| shape_ok(&id) && check_letter(id[0], &id[1..8]) == Some(id[8]))
    }
    fn check(&self, value: &str, _ctx: &Context) -> Check {
        let mut check = Check::default();
        let Some(id) = compact(value, b"", &mut check, |n| n == 9) else {
            return check;
        };
        if !shape_ok(&id) {
            check.problems.push("format");
            return check;
        }
        check.facts.country = Some("SG");
        if check_letter(id[0], &id[1..8]) != Some(id[8]) {
            check.problems.push("checksum");
        }
        check.facts.issuer = Some(
            match id[0] {
                b'S' | b'T' => "citizen or permanent resident",
                _ => "foreigner (FIN)",
            }
            .to_owned(),
        );
        check
    }
    fn country(&self) -> Option<&'static str> {
        Some("SG")
    }
    fn validates(&self) -> &'static str {
        "length, prefix S/T/F/G/M, mod 11 check letter"
    }
    fn extracts(&self) -> &'static str {
        "holder category (citizen/PR or foreigner)"
    }
    fn specification(&self) -> &'static str {
        "ICA Singapore, National Registration Act; M-series FIN check (ICA/GovTech, 2022)"
    }
}

#[cfg(test)]
mod tests {
    use super::super::common::testing::{ctx, junk, problems, substitutions_fail};
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn worked_examples() {
        // Σ for 1234567 is 106; 106 mod 11 = 7.
        for (id, ok) in [
            ("S1234567D", true),
            ("T1234567J", true),
            ("F1234567N", true),
            ("G1234567X", true),
            ("M1234567K", true),
            ("S1234567A", false),
            ("M1234567X", false),
        ] {
            assert_eq!(problems(&SgNric, id).is_empty(), ok, "{id}");
            assert_eq!(SgNric.looks_like(id), ok, "{id}");
        }
        assert!(problems(&SgNric, "s1234567d").is_empty());
        let c = SgNric.check("G1234567X", &ctx());
        assert_eq!(c.facts.issuer.as_deref(), Some("foreigner (FIN)"));
        assert_eq!(problems(&SgNric, "A1234567D"), ["format"]);
        assert_eq!(problems(&SgNric, "S123456D"), ["length"]);
    }

    #[test]
    fn all_single_substitutions_fail() {
        for id in ["S1234567D", "T0000000J", "M9876543K"] {
            let id = format!(
                "{}{}",
                &id[..8],
                check_letter(id.as_bytes()[0], &id.as_bytes()[1..8]).unwrap() as char
            );
            substitutions_fail(&SgNric, &id, 1..8, b"0123456789");
            substitutions_fail(&SgNric, &id, 8..9, b"ABCDEFGHIJKLMNPQRTUWXZ");
        }
    }

    proptest! {
        #[test]
        fn generated_are_valid(p in prop::sample::select(b"STFGM".to_vec()), n in 0u32..10_000_000) {
            let digits = format!("{n:07}");
            let c = check_letter(p, digits.as_bytes()).unwrap();
            let id = format!("{}{digits}{}", p as char, c as char);
            prop_assert!(problems(&SgNric, &id).is_empty());
            prop_assert!(SgNric.looks_like(&id));
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,20}") {
            junk(&SgNric, &s);
        }
    }
}
