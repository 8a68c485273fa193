//! The Luhn (mod 10, "double-add-double") check digit: payment cards, IMEI, Canadian SIN,
//! South African ID, Swedish personal numbers and others. Specification: ISO/IEC 7812-1 Annex B.

/// The Luhn check digit (0–9) for the ASCII digits of `payload`; `None` if a byte is not a digit.
pub fn check_digit(payload: &[u8]) -> Option<u8> {
    // The digit right of the payload will be undoubled, so the payload's last digit is doubled.
    let sum = weighted_sum(payload, true)?;
    Some(((10 - sum % 10) % 10) as u8)
}

/// Whether the ASCII digits of `full` (payload + check digit) pass the Luhn check.
pub fn is_valid(full: &[u8]) -> bool {
    !full.is_empty() && weighted_sum(full, false).is_some_and(|s| s % 10 == 0)
}

fn weighted_sum(digits: &[u8], double_last: bool) -> Option<u32> {
    let mut sum = 0u32;
    for (i, &b) in digits.iter().rev().enumerate() {
        let d = u32::from(b.checked_sub(b'0').filter(|d| *d <= 9)?);
        let double = (i % 2 == 0) == double_last;
        sum += if double {
            let x = d * 2;
            if x > 9 {
                x - 9
            } else {
                x
            }
        } else {
            d
        };
    }
    Some(sum)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_vectors() {
        // ISO/IEC 7812 example and well-known test numbers.
        assert_eq!(check_digit(b"7992739871"), Some(3));
        assert!(is_valid(b"79927398713"));
        assert!(is_valid(b"4111111111111111"));
        assert!(is_valid(b"490154203237518")); // IMEI example
        assert!(!is_valid(b"4111111111111112"));
        assert!(!is_valid(b""));
        assert!(!is_valid(b"41x1"));
        assert_eq!(check_digit(b"12a"), None);
    }

    #[test]
    fn every_single_digit_error_is_caught() {
        let full = b"79927398713";
        for i in 0..full.len() {
            for d in b'0'..=b'9' {
                if d == full[i] {
                    continue;
                }
                let mut v = full.to_vec();
                v[i] = d;
                assert!(!is_valid(&v), "{}", String::from_utf8_lossy(&v));
            }
        }
    }
}
