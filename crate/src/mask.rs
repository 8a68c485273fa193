//! Masking of personal values shown in reports: enough to recognise a value when checking it
//! against the source, not enough to identify a person from the report alone.

use crate::kinds::Kind;

/// Longest value (in characters) a report repeats, masked or not; longer ones are cut with `…`.
pub const MAX_SHOWN_CHARS: usize = 64;

/// Masks `value` as suits its column kind, e.g. `3101**********123X`, `138****5678`, `张*`.
pub fn mask(kind: Kind, value: &str) -> String {
    let chars: Vec<char> = value.chars().take(MAX_SHOWN_CHARS + 1).collect();
    let n = chars.len();
    let keep = |head: usize, tail: usize| -> String {
        if n <= head + tail {
            // Too short to keep both ends: keep at most the first character.
            let mut s: String = chars.iter().take(1.min(n.saturating_sub(1))).collect();
            s.extend(std::iter::repeat_n('*', n - s.chars().count()));
            return s;
        }
        let mut s: String = chars[..head].iter().collect();
        s.extend(std::iter::repeat_n('*', n - head - tail));
        s.extend(&chars[n - tail..]);
        s
    };
    let masked = match kind {
        Kind::CnRic => keep(4, 4),
        // Identifier formats: keep the ends, enough to find the value in the source.
        Kind::Format(_) => keep(2.min(n / 4), 2.min(n / 4)),
        Kind::CnMobile => keep(3, 4),
        Kind::CnLandline => keep(4, 2),
        Kind::PersonName => keep(1, 0),
        Kind::Email => match value.split_once('@') {
            Some((local, domain)) => {
                let first: String = local.chars().take(1).collect();
                format!("{first}***@{domain}")
            }
            None => keep(1, 0),
        },
        // Birth dates identify together with a name: keep the year only.
        Kind::BirthDate => keep(4, 0),
        Kind::Sex | Kind::Age | Kind::Date => value.to_owned(),
        Kind::Address => keep(6.min(n / 2), 0),
        Kind::Text | Kind::Unknown => keep(2.min(n / 3), 0),
    };
    truncate(&masked)
}

/// Cuts a value to [`MAX_SHOWN_CHARS`] characters.
pub fn truncate(value: &str) -> String {
    match value.char_indices().nth(MAX_SHOWN_CHARS) {
        Some((i, _)) => format!("{}…", &value[..i]),
        None => value.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_as_documented() {
        assert_eq!(
            mask(Kind::CnRic, "31010319900307123X"),
            "3101**********123X"
        );
        assert_eq!(mask(Kind::CnMobile, "13812345678"), "138****5678");
        assert_eq!(mask(Kind::PersonName, "张三"), "张*");
        assert_eq!(mask(Kind::PersonName, "欧阳娜娜"), "欧***");
        assert_eq!(mask(Kind::PersonName, "张"), "*");
        assert_eq!(mask(Kind::Email, "wang@example.com"), "w***@example.com");
        assert_eq!(mask(Kind::BirthDate, "1990-03-07"), "1990******");
        assert_eq!(mask(Kind::CnRic, ""), "");
        assert_eq!(mask(Kind::CnRic, "12"), "1*");
    }

    #[test]
    fn long_values_are_cut() {
        let long = "号".repeat(10_000);
        let m = mask(Kind::Text, &long);
        assert!(m.chars().count() <= MAX_SHOWN_CHARS + 1);
        assert!(!m.contains('号') || m.starts_with('号'));
    }
}
