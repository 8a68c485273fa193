//! Identifier formats of the Americas. One file per format.
//!
//! The helpers here are shared by the formats of this group: stripping the usual separators
//! into a compact form, and matching a written layout (for `looks_like`).

use super::{Check, Validator};

pub mod ar_cuit;
pub mod br_cnpj;
pub mod br_cpf;
pub mod ca_sin;
pub mod cl_rut;
pub mod co_nit;
pub mod mx_curp;
pub mod mx_rfc;
pub mod pe_ruc;
pub mod us_itin;
pub mod us_ssn;

/// This group's validators, in registry order.
pub static VALIDATORS: &[&dyn Validator] = &[
    &us_ssn::UsSsn,
    &us_itin::UsItin,
    &ca_sin::CaSin,
    &mx_curp::MxCurp,
    &mx_rfc::MxRfc,
    &br_cpf::BrCpf,
    &br_cnpj::BrCnpj,
    &ar_cuit::ArCuit,
    &cl_rut::ClRut,
    &co_nit::CoNit,
    &pe_ruc::PeRuc,
];

/// Header words (lower case, without spaces or underscores) that name a format of this group.
pub static HEADERS: &[(&str, &str)] = &[
    ("ssn", "us_ssn"),
    ("socialsecuritynumber", "us_ssn"),
    ("socialsecurityno", "us_ssn"),
    ("socsecno", "us_ssn"),
    ("itin", "us_itin"),
    ("sin", "ca_sin"),
    ("socialinsurancenumber", "ca_sin"),
    ("nas", "ca_sin"),
    ("curp", "mx_curp"),
    ("rfc", "mx_rfc"),
    ("registrofederaldecontribuyentes", "mx_rfc"),
    ("cpf", "br_cpf"),
    ("nrcpf", "br_cpf"),
    ("cnpj", "br_cnpj"),
    ("cuit", "ar_cuit"),
    ("cuil", "ar_cuit"),
    ("cuitcuil", "ar_cuit"),
    ("rut", "cl_rut"),
    ("nit", "co_nit"),
    ("ruc", "pe_ruc"),
];

/// Longest compact form handled by this group (CURP: 18; Colombian NIT: up to 16).
const MAX: usize = 20;

/// A value with its separators removed and ASCII letters upper-cased.
pub(crate) struct Compact {
    buf: [u8; MAX],
    len: usize,
}

impl Compact {
    pub(crate) fn bytes(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or(&[])
    }
    pub(crate) fn len(&self) -> usize {
        self.len
    }
    pub(crate) fn as_str(&self) -> &str {
        std::str::from_utf8(self.bytes()).unwrap_or("")
    }
}

/// What stripping the separators of a value found.
pub(crate) enum Stripped {
    /// Only ASCII letters and digits remained, at most [`MAX`] of them.
    Ok(Compact),
    /// Too many characters to be any format of this group.
    TooLong,
    /// A character other than a letter, digit or separator (space, `-`, `.`, `/`).
    BadChar,
}

/// Strips spaces, dashes, dots and slashes and upper-cases ASCII letters.
pub(crate) fn strip(value: &str) -> Stripped {
    let mut c = Compact {
        buf: [0; MAX],
        len: 0,
    };
    for &b in value.as_bytes() {
        match b {
            b' ' | b'-' | b'.' | b'/' => {}
            b'0'..=b'9' | b'A'..=b'Z' | b'a'..=b'z' => {
                match c.buf.get_mut(c.len) {
                    Some(slot) => *slot = b.to_ascii_uppercase(),
                    None => return Stripped::TooLong,
                }
                c.len += 1;
            }
            _ => return Stripped::BadChar,
        }
    }
    Stripped::Ok(c)
}

/// The common start of a check: strips the value, sets `canonical` when the compact form
/// differs from the input, and checks the length against `lengths`. On failure returns the
/// reason (`format` for a foreign character, `length` for a wrong length).
pub(crate) fn start(value: &str, lengths: &[usize]) -> Result<(Check, Compact), &'static str> {
    let c = match strip(value) {
        Stripped::Ok(c) => c,
        Stripped::TooLong => return Err("length"),
        Stripped::BadChar => return Err("format"),
    };
    if !lengths.contains(&c.len()) {
        return Err("length");
    }
    let mut check = Check::default();
    if c.as_str() != value {
        check.facts.canonical = Some(c.as_str().to_owned());
    }
    Ok((check, c))
}

/// Whether `value` is written exactly as `mask`: `9` a digit, `A` an ASCII letter, `*` a
/// letter or digit, any other byte itself.
pub(crate) fn matches_mask(value: &str, mask: &str) -> bool {
    let (v, m) = (value.as_bytes(), mask.as_bytes());
    v.len() == m.len()
        && v.iter().zip(m).all(|(&c, &k)| match k {
            b'9' => c.is_ascii_digit(),
            b'A' => c.is_ascii_alphabetic(),
            b'*' => c.is_ascii_alphanumeric(),
            _ => c == k,
        })
}

/// The value (0–9) of an ASCII digit; callers have checked the byte.
pub(crate) fn digit(b: u8) -> u32 {
    u32::from(b.wrapping_sub(b'0')).min(9)
}

/// The number written by ASCII digits (callers have checked them).
pub(crate) fn number(b: &[u8]) -> u32 {
    b.iter().fold(0u32, |acc, &c| {
        acc.saturating_mul(10).saturating_add(digit(c))
    })
}

#[cfg(test)]
pub(crate) mod testutil {
    use crate::civil::Date;
    use crate::validate::{Context, Validator};

    pub fn ctx() -> Context {
        Context {
            reference_date: Date::new(2022, 7, 1).unwrap(),
        }
    }

    /// Every value that differs from `valid` in exactly one character, drawn from `alphabet`.
    pub fn single_changes(valid: &str, alphabet: &[u8]) -> Vec<String> {
        let b = valid.as_bytes();
        let mut out = Vec::new();
        for i in 0..b.len() {
            for &a in alphabet {
                if a != b[i] && b[i].is_ascii_alphanumeric() {
                    let mut v = b.to_vec();
                    v[i] = a;
                    out.push(String::from_utf8(v).unwrap());
                }
            }
        }
        out
    }

    /// Junk never panics, is never valid, and always gives a reason.
    pub fn junk_gives_reasons(v: &dyn Validator, extra: &[&str]) {
        let ctx = ctx();
        let junk = [
            "",
            " ",
            "x",
            "0",
            "-",
            "...",
            "\u{0}",
            "😀",
            "ñ",
            "123",
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
            "0000000000000000000000000000000",
            "12-34",
            "Ñ@#",
        ];
        for j in junk.iter().chain(extra) {
            let _ = v.looks_like(j);
            let c = v.check(j, &ctx);
            assert!(!c.problems.is_empty(), "{} accepted {j:?}", v.id());
        }
    }

    /// The metadata every format must declare.
    pub fn metadata(v: &dyn Validator, country: &str) {
        assert_eq!(v.country(), Some(country));
        assert!(!v.name().is_empty());
        assert!(!v.validates().is_empty());
        assert!(!v.specification().is_empty());
        assert_eq!(v.kind(), crate::kinds::Kind::Format(v.id()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strip_and_masks() {
        let Stripped::Ok(c) = strip("123.456.789-09") else {
            panic!()
        };
        assert_eq!(c.as_str(), "12345678909");
        let Stripped::Ok(c) = strip("ab-1") else {
            panic!()
        };
        assert_eq!(c.as_str(), "AB1");
        assert!(matches!(strip("12_3"), Stripped::BadChar));
        assert!(matches!(strip(&"1".repeat(21)), Stripped::TooLong));
        assert!(matches_mask("123-45-6789", "999-99-9999"));
        assert!(!matches_mask("123-45-678", "999-99-9999"));
        assert!(!matches_mask("12a-45-6789", "999-99-9999"));
        assert!(matches_mask("AB1", "A**"));
        assert_eq!(number(b"0123"), 123);
    }

    /// Samples of every format of the group, built by their own generators.
    fn samples(n: u32) -> Vec<(&'static str, Vec<String>)> {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |m: u32| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % u64::from(m)) as u32
        };
        let mut out: Vec<(&'static str, Vec<String>)> = Vec::new();
        let mut push = |id, f: &mut dyn FnMut() -> Option<String>| {
            out.push((id, (0..n).filter_map(|_| f()).collect()));
        };
        let l = |i: u32| char::from(b'A' + (i % 26) as u8);
        push("us_ssn", &mut || {
            let area = 1 + next(664);
            Some(format!(
                "{area:03}-{:02}-{:04}",
                1 + next(99),
                1 + next(9999)
            ))
        });
        push("us_itin", &mut || {
            Some(format!(
                "9{:02}-{}-{:04}",
                next(100),
                70 + next(19),
                next(10000)
            ))
        });
        push("ca_sin", &mut || {
            let body = format!("{}{:07}", 1 + next(7), next(10_000_000));
            let d = crate::checkdigit::luhn::check_digit(body.as_bytes())?;
            Some(format!("{body}{d}"))
        });
        push("mx_curp", &mut || {
            let (a, b, c, d) = (
                l(next(26)),
                ['A', 'E', 'I', 'O', 'U'][next(5) as usize],
                l(next(26)),
                l(next(26)),
            );
            let st = mx_curp::STATES[next(33) as usize].0;
            let first = format!(
                "{a}{b}{c}{d}{:02}{:02}{:02}{}{st}RTN",
                next(100),
                1 + next(12),
                1 + next(28),
                ['H', 'M'][next(2) as usize]
            );
            Some(mx_curp::make_curp(
                &first,
                char::from(b'0' + next(10) as u8),
            ))
        });
        push("mx_rfc", &mut || {
            let body = format!(
                "{}{}{}{}{:02}{:02}{:02}1A",
                l(next(26)),
                l(next(26)),
                l(next(26)),
                l(next(26)),
                next(100),
                1 + next(12),
                1 + next(28)
            );
            Some(mx_rfc::make_rfc(&body))
        });
        push("br_cpf", &mut || {
            Some(br_cpf::make_cpf(next(1_000_000_000)))
        });
        push("br_cnpj", &mut || {
            Some(br_cnpj::make_cnpj(&format!("{:08}0001", next(100_000_000))))
        });
        push("ar_cuit", &mut || {
            ar_cuit::make_cuit([20, 27, 23, 30][next(4) as usize], next(100_000_000))
        });
        push("cl_rut", &mut || {
            Some(cl_rut::make_rut(1_000_000 + next(30_000_000)))
        });
        push("co_nit", &mut || {
            Some(co_nit::make_nit(u64::from(800_000_000 + next(200_000_000))))
        });
        push("pe_ruc", &mut || {
            Some(pe_ruc::make_ruc(
                [10, 20][next(2) as usize],
                next(100_000_000),
            ))
        });
        out
    }

    /// Content inference takes the format with the best share of a column: every format's own
    /// values look like it, and no other validator of the registry takes a majority of them.
    /// Known overlap: an eleven-digit number with prefix 20 (Peruvian company RUC, Argentine
    /// male CUIT) uses the same weights in both; for nine remainders in eleven it is valid in
    /// both — the report says both fit. And `cn_mobile` takes any eleven digits beginning with
    /// 1 for a (possibly unallocated) mobile number, so a person's RUC (prefix 10) looks like one
    /// too: half of these samples. A Canadian SIN and an Israeli ID share their whole scheme.
    #[test]
    fn formats_are_told_apart() {
        for (id, values) in samples(2000) {
            assert!(values.len() > 1000, "{id}");
            for v in crate::validate::registry() {
                let share =
                    values.iter().filter(|x| v.looks_like(x)).count() as f64 / values.len() as f64;
                if v.id() == id {
                    assert_eq!(share, 1.0, "{id} does not look like itself");
                } else {
                    let pair = [id, v.id()];
                    let overlap = pair.contains(&"pe_ruc") && pair.contains(&"ar_cuit")
                        || pair == ["pe_ruc", "cn_mobile"];
                    // A Canadian SIN and an Israeli ID are both nine digits under a Luhn check:
                    // content cannot tell them apart (the header can; the report lists both).
                    let same_scheme = pair == ["ca_sin", "il_idnr"];
                    let limit = if same_scheme {
                        1.01
                    } else if overlap {
                        0.55
                    } else {
                        0.2
                    };
                    assert!(share < limit, "{id} values look like {} ({share})", v.id());
                }
            }
        }
    }

    #[test]
    fn headers_name_registered_formats() {
        for (word, id) in HEADERS {
            assert_eq!(*word, word.to_lowercase());
            assert!(!word.contains(' ') && !word.contains('_'));
            assert!(VALIDATORS.iter().any(|v| v.id() == *id), "{id}");
        }
    }
}
