//! ISO/IEC 7064 pure systems with a single check character: MOD 11-2 (GB 11643-1999 resident
//! IDs, ISNI, ORCID) and MOD 97-10 (IBAN), plus the hybrid MOD 11,10 (a recursive system used by
//! several tax numbers). Implemented from the published algorithm descriptions.
//!
//! A pure system with modulus `m` and radix `r` weights the digit at distance `k` from the check
//! character (counting the check character as `k = 0`) by `r^k mod m`; the value is valid when
//! the weighted sum is `1 mod m`. Computing the check character means choosing `c` so that
//! `(S·r + c) ≡ 1 (mod m)`, where `S` is the Horner-accumulated value of the payload.
//!
//! All functions work on ASCII bytes, return `None` for a non-digit, and never allocate.

/// A pure ISO 7064 system: modulus, radix, and the check-character alphabet (`alphabet[v]` is
/// the character for check value `v`).
#[derive(Clone, Copy, Debug)]
pub struct PureSystem {
    pub modulus: u32,
    pub radix: u32,
    /// Number of check characters (1 for MOD 11-2, 2 for MOD 97-10).
    pub check_len: usize,
    alphabet: &'static [u8],
}

/// ISO 7064 MOD 11-2: one check character from `0123456789X`.
pub const MOD_11_2: PureSystem = PureSystem {
    modulus: 11,
    radix: 2,
    check_len: 1,
    alphabet: b"0123456789X",
};

/// ISO 7064 MOD 97-10: two check digits. [`PureSystem::check_value`] gives 0–96; IBANs print
/// the congruent value in 2–98, which [`PureSystem::is_valid`] accepts as well.
pub const MOD_97_10: PureSystem = PureSystem {
    modulus: 97,
    radix: 10,
    check_len: 2,
    alphabet: b"",
};

fn digit(b: u8) -> Option<u32> {
    b.is_ascii_digit().then(|| u32::from(b - b'0'))
}

impl PureSystem {
    /// Horner accumulation of the payload digits, mod `modulus`.
    fn accumulate(&self, payload: &[u8]) -> Option<u32> {
        let mut s = 0u32;
        for &b in payload {
            s = (s * self.radix + digit(b)?) % self.modulus;
        }
        Some(s)
    }

    /// The check value (0..modulus) for `payload`: the `c` with `(S·r^check_len + c) ≡ 1`.
    pub fn check_value(&self, payload: &[u8]) -> Option<u32> {
        let mut s = self.accumulate(payload)?;
        for _ in 0..self.check_len {
            s = s * self.radix % self.modulus;
        }
        Some((1 + self.modulus - s) % self.modulus)
    }

    /// The single check character for `payload` (one-character systems only).
    pub fn check_char(&self, payload: &[u8]) -> Option<u8> {
        let v = self.check_value(payload)?;
        self.alphabet.get(v as usize).copied()
    }

    /// Whether `full` (payload followed by its check character(s)) is valid: the whole value,
    /// read in the system's radix, is `1 mod modulus`. For MOD 11-2 the check character `X`
    /// must be upper case; callers accept `x` themselves if they wish.
    pub fn is_valid(&self, full: &[u8]) -> bool {
        if full.len() <= self.check_len {
            return false;
        }
        let (payload, check) = full.split_at(full.len() - self.check_len);
        let Some(mut s) = self.accumulate(payload) else {
            return false;
        };
        if self.check_len == 1 {
            let Some(v) = check
                .first()
                .and_then(|c| self.alphabet.iter().position(|a| a == c))
            else {
                return false;
            };
            s = (s * self.radix + v as u32) % self.modulus;
        } else {
            // Multi-character checks are decimal digits (MOD 97-10: `02`–`98` in IBANs).
            let mut v = 0u32;
            for &b in check {
                match digit(b) {
                    Some(d) => v = v * 10 + d,
                    None => return false,
                }
            }
            for _ in 0..self.check_len {
                s = s * self.radix % self.modulus;
            }
            s = (s + v) % self.modulus;
        }
        s == 1
    }
}

/// The GB 11643-1999 check character (`0`–`9` or `X`) of the first 17 digits.
///
/// Equivalent to the weighted sum with weights `2^(17-i) mod 11` =
/// `7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2` and the mapping `1 0 X 9 8 7 6 5 4 3 2`.
pub fn mod11_2_char(payload: &[u8]) -> Option<u8> {
    MOD_11_2.check_char(payload)
}

/// ISO 7064 MOD 11,10 (hybrid system): the check digit for `payload`.
pub fn mod11_10_digit(payload: &[u8]) -> Option<u8> {
    let mut p = 10u32;
    for &b in payload {
        let s = (p + digit(b)?) % 10;
        let s = if s == 0 { 10 } else { s };
        p = s * 2 % 11;
    }
    let c = (11 - p) % 10;
    Some(b'0' + c as u8)
}

/// Whether `full` (payload and one check digit) is valid under ISO 7064 MOD 11,10.
pub fn mod11_10_is_valid(full: &[u8]) -> bool {
    match full.split_last() {
        Some((&last, payload)) if !payload.is_empty() => mod11_10_digit(payload) == Some(last),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The weighted-sum formulation of GB 11643-1999, written out independently.
    fn gb11643_reference(payload: &[u8; 17]) -> u8 {
        const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        const MAP: &[u8; 11] = b"10X98765432";
        let s: u32 = payload
            .iter()
            .zip(W)
            .map(|(b, w)| u32::from(b - b'0') * w)
            .sum();
        MAP[(s % 11) as usize]
    }

    #[test]
    fn weights_are_powers_of_two() {
        // 2^(17-i) mod 11 for i = 0..17 gives the published weights.
        let w: Vec<u32> = (0..17).map(|i| (1u64 << (17 - i)) as u32 % 11).collect();
        assert_eq!(w, [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]);
    }

    #[test]
    fn known_vectors() {
        // GB 11643-1999 appendix example and the ISO 7064 MOD 11-2 example (ISNI/ORCID style).
        assert_eq!(mod11_2_char(b"11010519491231002"), Some(b'X'));
        assert!(MOD_11_2.is_valid(b"11010519491231002X"));
        assert_eq!(mod11_2_char(b"44052418800101001"), Some(b'4'));
        assert!(MOD_11_2.is_valid(b"440524188001010014"));
        assert!(!MOD_11_2.is_valid(b"440524188001010015"));
        assert!(!MOD_11_2.is_valid(b"11010519491231002x"));
        // ORCID 0000-0002-1825-0097
        assert!(MOD_11_2.is_valid(b"0000000218250097"));
        assert!(MOD_11_2.is_valid(b"000000021694233X"));
        assert!(!MOD_11_2.is_valid(b"0000000218250098"));
    }

    #[test]
    fn agrees_with_weighted_sum() {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            let mut p = [b'0'; 17];
            for c in p.iter_mut() {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                *c = b'0' + (x % 10) as u8;
            }
            assert_eq!(mod11_2_char(&p), Some(gb11643_reference(&p)));
        }
    }

    #[test]
    fn mod97_10_iban() {
        // GB82 WEST 1234 5698 7654 32: letters → numbers, country+check moved to the end.
        // WEST12345698765432 GB82 → 3214282912345698765432 161182
        assert!(MOD_97_10.is_valid(b"3214282912345698765432161182"));
        assert!(!MOD_97_10.is_valid(b"3214282912345698765432161183"));
        // Computing: the check digits of …1611 are 82.
        assert_eq!(
            MOD_97_10.check_value(b"32142829123456987654321611"),
            Some(82)
        );
    }

    #[test]
    fn mod11_10_vectors() {
        // German VAT-style example payloads: the computed digit validates, others do not.
        for payload in [&b"13669598"[..], b"0", b"99999999", b"12345678901"] {
            let c = mod11_10_digit(payload).unwrap();
            let mut full = payload.to_vec();
            full.push(c);
            assert!(mod11_10_is_valid(&full));
            for other in b'0'..=b'9' {
                if other != c {
                    *full.last_mut().unwrap() = other;
                    assert!(!mod11_10_is_valid(&full));
                }
            }
        }
        // DE 136695976 is a published valid German VAT number.
        assert!(mod11_10_is_valid(b"136695976"));
    }

    #[test]
    fn non_digits_are_none() {
        assert_eq!(mod11_2_char(b"1101051949123100a"), None);
        assert!(!MOD_11_2.is_valid(b""));
        assert!(!MOD_11_2.is_valid(b"X"));
        assert!(!mod11_10_is_valid(b""));
    }
}
