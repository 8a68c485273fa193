//! Weighted sums modulo n: the family behind many national check digits (weighted mod 11,
//! mod 10 with weights, mod 23 letters…). Formats supply their own weights and mapping.

/// Σ digit·weight over the ASCII digits of `digits` (weights applied left to right, cycled if
/// shorter); `None` if a byte is not a digit.
pub fn sum(digits: &[u8], weights: &[u32]) -> Option<u32> {
    if weights.is_empty() {
        return None;
    }
    let mut s = 0u32;
    for (i, &b) in digits.iter().enumerate() {
        let d = u32::from(b.checked_sub(b'0').filter(|d| *d <= 9)?);
        s = s.checked_add(d * weights[i % weights.len()])?;
    }
    Some(s)
}

/// `sum(digits, weights) % modulus`.
pub fn remainder(digits: &[u8], weights: &[u32], modulus: u32) -> Option<u32> {
    if modulus == 0 {
        return None;
    }
    sum(digits, weights).map(|s| s % modulus)
}

/// The common "11 − (Σ mod 11)" digit: `Some(0..=9)`, or `None` when it would be 10 (the
/// number is then not issued in most schemes) or a byte is not a digit. 11 maps to 0.
pub fn mod11_complement(digits: &[u8], weights: &[u32]) -> Option<u8> {
    let r = remainder(digits, weights, 11)?;
    match (11 - r) % 11 {
        10 => None,
        d => Some(d as u8),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_and_complements() {
        assert_eq!(sum(b"123", &[1, 2, 3]), Some(14));
        assert_eq!(sum(b"1234", &[1, 2]), Some(1 + 4 + 3 + 8));
        assert_eq!(sum(b"12x", &[1]), None);
        assert_eq!(sum(b"12", &[]), None);
        assert_eq!(remainder(b"123", &[1, 2, 3], 11), Some(3));
        assert_eq!(remainder(b"123", &[1], 0), None);
        // Norwegian-style weights on a known remainder.
        assert_eq!(mod11_complement(b"123", &[1, 2, 3]), Some(8));
        assert_eq!(mod11_complement(b"0", &[1]), Some(0));
    }
}
