//! The Verhoeff check digit (dihedral group D5): India's Aadhaar. Catches all single-digit
//! errors and all adjacent transpositions. Specification: J. Verhoeff, *Error Detecting Decimal
//! Codes* (1969); tables as published there.

const D: [[u8; 10]; 10] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
    [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
    [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
    [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
    [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
    [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
    [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
    [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const P: [[u8; 10]; 8] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
    [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
    [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
    [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
    [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];
const INV: [u8; 10] = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];

fn checksum(digits: &[u8], offset: usize) -> Option<u8> {
    let mut c = 0u8;
    for (i, &b) in digits.iter().rev().enumerate() {
        let d = b.checked_sub(b'0').filter(|d| *d <= 9)?;
        c = D[usize::from(c)][usize::from(P[(i + offset) % 8][usize::from(d)])];
    }
    Some(c)
}

/// The Verhoeff check digit for the ASCII digits of `payload`.
pub fn check_digit(payload: &[u8]) -> Option<u8> {
    checksum(payload, 1).map(|c| INV[usize::from(c)])
}

/// Whether the ASCII digits of `full` (payload + check digit) pass the Verhoeff check.
pub fn is_valid(full: &[u8]) -> bool {
    !full.is_empty() && checksum(full, 0) == Some(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_vectors() {
        assert_eq!(check_digit(b"236"), Some(3));
        assert!(is_valid(b"2363"));
        assert_eq!(check_digit(b"12345"), Some(1));
        assert!(is_valid(b"123451"));
        assert!(!is_valid(b"123452"));
        // Vectors that exercise every row of the permutation table (row 4 included).
        assert_eq!(check_digit(b"97316317000"), Some(9));
        assert_eq!(check_digit(b"87886501365"), Some(5));
        assert_eq!(check_digit(b"21870321604"), Some(3));
        assert_eq!(check_digit(b"23980415036"), Some(1));
        assert_eq!(check_digit(b"76355058851"), Some(4));
        assert!(!is_valid(b""));
        assert_eq!(check_digit(b"1x"), None);
    }

    #[test]
    fn catches_singles_and_adjacent_transpositions() {
        let full = b"123451";
        for i in 0..full.len() {
            for d in b'0'..=b'9' {
                if d != full[i] {
                    let mut v = full.to_vec();
                    v[i] = d;
                    assert!(!is_valid(&v));
                }
            }
            if i + 1 < full.len() && full[i] != full[i + 1] {
                let mut v = full.to_vec();
                v.swap(i, i + 1);
                assert!(!is_valid(&v));
            }
        }
    }
}
