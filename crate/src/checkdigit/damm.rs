//! The Damm check digit (a totally anti-symmetric quasigroup of order 10). Specification:
//! H. M. Damm, *Total anti-symmetrische Quasigruppen* (2004); the table is the one published
//! there.

const T: [[u8; 10]; 10] = [
    [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
    [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
    [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
    [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
    [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
    [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
    [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
    [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
    [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
    [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

fn interim(digits: &[u8]) -> Option<u8> {
    let mut c = 0u8;
    for &b in digits {
        let d = b.checked_sub(b'0').filter(|d| *d <= 9)?;
        c = T[usize::from(c)][usize::from(d)];
    }
    Some(c)
}

/// The Damm check digit for the ASCII digits of `payload`.
pub fn check_digit(payload: &[u8]) -> Option<u8> {
    interim(payload)
}

/// Whether `full` (payload + check digit) passes the Damm check.
pub fn is_valid(full: &[u8]) -> bool {
    !full.is_empty() && interim(full) == Some(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_vectors() {
        assert_eq!(check_digit(b"572"), Some(4));
        assert!(is_valid(b"5724"));
        assert!(!is_valid(b"5734"));
        assert!(!is_valid(b""));
    }
}
