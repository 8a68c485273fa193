//! Value normalisation before validation: full-width digits and letters, stray spaces, a
//! leading `'` or tab (spreadsheet artefacts), invisible characters. Each normalisation applied
//! is reported as a bit of [`Applied`], so the report can count them: genuine registers are
//! noisy in exactly these small ways.
//!
//! What is converted, in this order:
//! 1. invisible characters anywhere (zero-width space/joiners, word joiner, BOM, soft hyphen,
//!    left-to-right/right-to-left marks, bidirectional embeddings, overrides and isolates —
//!    used to make a value display differently from what it is) are removed →
//!    `invisible_characters`; control characters (C0 other than tab, line feed and carriage
//!    return; DEL; C1) are removed → `control_characters`;
//! 2. a leading tab (a spreadsheet "keep as text" trick) is removed → `leading_tab`;
//! 3. leading and trailing white space, including U+3000 (ideographic space) and U+00A0 (NBSP),
//!    is removed → `stray_spaces`;
//! 4. full-width digits `０-９`, letters `Ａ-Ｚ ａ-ｚ`, the ideographic space inside a value, and
//!    and the full-width punctuation that occurs in identifiers, dates and e-mail addresses
//!    (`＋ － ． ／ ＠ ＇ ＿`) become ASCII → `fullwidth_characters`;
//! 5. one leading `'` (Excel's text marker) is removed → `leading_apostrophe`.
//!
//! Full-width punctuation that is ordinary Chinese typography (`，（）：；！？` …) is left alone:
//! it is not noise and counting it would drown the signal.
//!
//! A value that needs nothing is returned as `Cow::Borrowed` without allocating, and so is a
//! value that only needs trimming.

use std::borrow::Cow;

/// The normalisations applied to one value, as a bit set.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Applied(pub u8);

impl Applied {
    pub const FULLWIDTH: u8 = 1;
    pub const TRIMMED: u8 = 2;
    pub const LEADING_QUOTE: u8 = 4;
    pub const LEADING_TAB: u8 = 8;
    pub const INVISIBLE: u8 = 16;
    pub const CONTROL: u8 = 32;

    /// Stable ids of the normalisations applied, for the report.
    pub fn ids(self) -> impl Iterator<Item = &'static str> {
        [
            (Self::FULLWIDTH, "fullwidth_characters"),
            (Self::TRIMMED, "stray_spaces"),
            (Self::LEADING_QUOTE, "leading_apostrophe"),
            (Self::LEADING_TAB, "leading_tab"),
            (Self::INVISIBLE, "invisible_characters"),
            (Self::CONTROL, "control_characters"),
        ]
        .into_iter()
        .filter(move |(bit, _)| self.0 & bit != 0)
        .map(|(_, id)| id)
    }

    /// Whether `bit` (one of the constants) is set.
    pub fn has(self, bit: u8) -> bool {
        self.0 & bit != 0
    }

    /// Whether nothing was applied.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

/// Characters that are invisible and meaningless inside a value.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'
            | '\u{200C}'
            | '\u{200D}'
            | '\u{2060}'
            | '\u{FEFF}'
            | '\u{00AD}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{061C}'
    )
}

/// Control characters that have no business inside a value (tab, LF and CR are kept: they
/// are separators the parsers already handled, or a leading tab counted on its own).
fn is_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// White space trimmed from both ends (Unicode white space covers U+3000 and U+00A0).
fn is_stray_space(c: char) -> bool {
    c.is_whitespace()
}

/// Whether neither the first nor the last char of `s` is white space (then trimming leaves it
/// as it is): a quick look at the first byte and the last char before any Unicode look-up.
fn ends_are_not_space(s: &str) -> bool {
    let not_space = |c: char| {
        // Every white-space char is at most U+3000; printable ASCII other than the space is not.
        c > '\u{3000}' || ('!'..='~').contains(&c) || !c.is_whitespace()
    };
    match (s.chars().next(), s.chars().next_back()) {
        (Some(first), Some(last)) => not_space(first) && not_space(last),
        _ => true,
    }
}

/// The ASCII equivalent of a full-width character we convert, if any.
fn fullwidth_to_ascii(c: char) -> Option<char> {
    match c {
        '０'..='９'
        | 'Ａ'..='Ｚ'
        | 'ａ'..='ｚ'
        | '＋'
        | '－'
        | '．'
        | '／'
        | '＠'
        | '＇'
        | '＿' => char::from_u32(u32::from(c) - 0xFEE0),
        '\u{3000}' => Some(' '),
        _ => None,
    }
}

/// Whether `b` is one of the bytes [`normalize`]'s pre-check looks for.
const fn suspicious_byte(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
        || matches!(b, 0x7f | 0xC2 | 0xD8 | 0xE1 | 0xE2 | 0xE3 | 0xEF)
}

/// [`suspicious_byte`] of every byte.
static SUSPICIOUS: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = suspicious_byte(i as u8);
        i += 1;
    }
    t
};

/// Normalises a raw field value.
#[inline]
pub fn normalize(raw: &str) -> (Cow<'_, str>, Applied) {
    // The common case in the caller's loop (nothing to do), the rest out of line.
    if is_plain(raw) {
        return (Cow::Borrowed(raw), Applied(0));
    }
    normalize_rest(raw)
}

/// Whether `normalize` leaves `raw` as it is for want of anything to do: none of the bytes
/// its pre-check looks for, and neither a leading tab or `'` nor white space at either end.
#[inline]
fn is_plain(raw: &str) -> bool {
    let bytes = raw.as_bytes();
    let suspicious = if bytes.len() < 16 {
        !printable_ascii(bytes)
            && bytes
                .iter()
                .fold(false, |acc, &b| acc | SUSPICIOUS[usize::from(b)])
    } else {
        bytes.iter().fold(false, |acc, &b| acc | suspicious_byte(b))
    };
    // Without any of those bytes, the only white space there can be is ASCII (every other
    // white-space char has a lead byte 0xC2, 0xE1, 0xE2 or 0xE3).
    let plain_end = |b: Option<&u8>| !b.is_some_and(|b| b.is_ascii_whitespace() || *b == 0x0b);
    !suspicious
        && plain_end(bytes.first())
        && bytes.first() != Some(&b'\'')
        && plain_end(bytes.last())
}

/// Whether every byte of `b` (under 16 bytes) is printable ASCII, 0x20–0x7E: then none is one
/// [`normalize`]'s pre-check looks for. One or two eight-byte words covering every byte
/// (overlapping, or padded with `A`) tested at once: dates, numbers and codes skip the
/// byte-by-byte table.
#[inline]
fn printable_ascii(b: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // For bytes under 0x80, adding 0x60 sets the high bit exactly from 0x20 on and adding 1
    // exactly at 0x7F, with no carry out of the byte.
    let ok = |w: u64| {
        w & HIGH == 0
            && w.wrapping_add(0x60 * ONES) & HIGH == HIGH
            && w.wrapping_add(ONES) & HIGH == 0
    };
    let n = b.len();
    let word = |at: usize| {
        b.get(at..)
            .and_then(<[u8]>::first_chunk::<8>)
            .map_or(0, |w| u64::from_le_bytes(*w))
    };
    let half = |at: usize| {
        b.get(at..)
            .and_then(<[u8]>::first_chunk::<4>)
            .map_or(0, |w| u32::from_le_bytes(*w))
    };
    if n >= 8 {
        ok(word(0)) && ok(word(n - 8))
    } else if n >= 4 {
        ok(u64::from(half(0)) | u64::from(half(n - 4)) << 32)
    } else {
        let pad = u64::from_le_bytes([b'A'; 8]);
        let w = b.iter().enumerate().fold(pad, |w, (i, &x)| {
            (w & !(0xff << (8 * i))) | u64::from(x) << (8 * i)
        });
        ok(w)
    }
}

/// [`normalize`] of a value that is not plain (or may not be).
#[inline(never)]
fn normalize_rest(raw: &str) -> (Cow<'_, str>, Applied) {
    let mut applied = 0u8;

    // Pass 1: does the value need any per-character rewriting?
    // (An ideographic space only matters inside the value: at the ends it is just trimmed.)
    // Fast pre-check on bytes: every character pass 1 looks for (ASCII controls, C1 controls
    // and U+00AD under 0xC2, U+061C under 0xD8, invisibles and Unicode spaces under 0xE1/0xE2,
    // U+3000 under 0xE3, U+FEFF and full-width forms under 0xEF) has one of these bytes; the
    // common Han characters (lead bytes 0xE4–0xE9) do not. Lead bytes are never continuation
    // bytes, so a value without any of them needs no rewriting.
    // Folded over every byte without an early exit, so that the compiler can compare many
    // bytes at once (values are short; the early exit cost more than it saved).
    // Values shorter than a vector (names, sexes, dates) are looked up byte by byte in a table
    // instead: the compiler leaves that tail of the fold scalar, eight compares a byte.
    let suspicious = if raw.len() < 16 {
        raw.bytes()
            .fold(false, |acc, b| acc | SUSPICIOUS[usize::from(b)])
    } else {
        raw.bytes().fold(false, |acc, b| acc | suspicious_byte(b))
    };
    // The common case: nothing to rewrite, and neither a leading tab or `'` nor white space at
    // either end. Without any of the bytes above, the only white space there can be is ASCII
    // (every other white-space char has a lead byte 0xC2, 0xE1, 0xE2 or 0xE3).
    if !suspicious {
        let plain_end = |b: Option<&u8>| !b.is_some_and(|b| b.is_ascii_whitespace() || *b == 0x0b);
        let bytes = raw.as_bytes();
        if plain_end(bytes.first()) && bytes.first() != Some(&b'\'') && plain_end(bytes.last()) {
            return (Cow::Borrowed(raw), Applied(0));
        }
    }
    let has_ascii_control = suspicious
        && raw
            .bytes()
            .any(|b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7f);
    let needs_rewrite = has_ascii_control
        || (suspicious
            && !raw.is_ascii()
            && (raw.chars().any(|c| {
                is_invisible(c)
                    || is_control(c)
                    || (c != '\u{3000}' && fullwidth_to_ascii(c).is_some())
            }) || raw.trim().contains('\u{3000}')));

    let mut value: Cow<'_, str> = Cow::Borrowed(raw);
    if needs_rewrite {
        let mut out = String::with_capacity(raw.len());
        for c in raw.chars() {
            if is_invisible(c) {
                applied |= Applied::INVISIBLE;
            } else if is_control(c) {
                applied |= Applied::CONTROL;
            } else if c == '\u{3000}' {
                // Decided after trimming whether it counts as full-width or as a stray space.
                out.push(c);
            } else if let Some(a) = fullwidth_to_ascii(c) {
                applied |= Applied::FULLWIDTH;
                out.push(a);
            } else {
                out.push(c);
            }
        }
        value = Cow::Owned(out);
    }

    // Leading tab, then stray spaces at both ends.
    let (start, end) = {
        let s: &str = &value;
        let mut rest = s;
        if let Some(r) = rest.strip_prefix('\t') {
            applied |= Applied::LEADING_TAB;
            rest = r;
        }
        let trimmed = if ends_are_not_space(rest) {
            rest
        } else {
            rest.trim_matches(is_stray_space)
        };
        if trimmed.len() != rest.len() {
            applied |= Applied::TRIMMED;
        }
        let mut t = trimmed;
        // Excel's text marker, possibly full-width (already converted above).
        // All of them: stripping one at a time would not be idempotent (`''x`).
        if t.starts_with('\'') {
            applied |= Applied::LEADING_QUOTE;
            t = t.trim_start_matches('\'').trim_matches(is_stray_space);
        }
        let start = t.as_ptr() as usize - s.as_ptr() as usize;
        (start, start + t.len())
    };

    let value = match value {
        Cow::Borrowed(s) => Cow::Borrowed(s.get(start..end).unwrap_or(s)),
        Cow::Owned(s) => {
            let t = s.get(start..end).unwrap_or(&s);
            // An ideographic space left inside the value is a full-width character.
            let inner_ideographic = t.contains('\u{3000}');
            if inner_ideographic {
                applied |= Applied::FULLWIDTH;
                Cow::Owned(t.replace('\u{3000}', " "))
            } else if t.len() == s.len() {
                Cow::Owned(s)
            } else {
                Cow::Owned(t.to_owned())
            }
        }
    };
    (value, Applied(applied))
}

#[cfg(test)]
mod tests {
    #[test]
    fn controls_and_bidi_overrides_are_removed_and_counted() {
        let (v, a) = super::normalize("\u{202E}张三\u{2066}");
        assert_eq!(v, "张三");
        assert!(a.has(super::Applied::INVISIBLE));
        let (v, a) = super::normalize("1101\u{0}0119\u{7}90");
        assert_eq!(v, "1101011990");
        assert!(a.has(super::Applied::CONTROL));
        assert_eq!(a.ids().collect::<Vec<_>>(), ["control_characters"]);
        let (v, a) = super::normalize("a\tb");
        assert_eq!((v.as_ref(), a.is_empty()), ("a\tb", true));
    }

    use super::*;

    fn ids(a: Applied) -> Vec<&'static str> {
        a.ids().collect()
    }

    #[test]
    fn clean_value_is_borrowed_and_untouched() {
        for v in ["110101199003077777", "张三", "", "北京市 朝阳区"] {
            let (out, a) = normalize(v);
            assert!(matches!(out, Cow::Borrowed(_)), "{v}");
            assert_eq!(out, v);
            assert!(a.is_empty(), "{v}");
        }
    }

    #[test]
    fn trimming_only_borrows() {
        let (out, a) = normalize("  13800138000\u{3000}\u{a0}");
        assert!(matches!(out, Cow::Borrowed(_)));
        assert_eq!(out, "13800138000");
        assert_eq!(ids(a), ["stray_spaces"]);
    }

    #[test]
    fn fullwidth_digits_and_x() {
        let (out, a) = normalize("１１０１０１１９９００３０７７７７Ｘ");
        assert_eq!(out, "11010119900307777X");
        assert_eq!(ids(a), ["fullwidth_characters"]);
        let (out, _) = normalize("ａｂｃ＠ｅｘａｍｐｌｅ．ｃｏｍ");
        assert_eq!(out, "abc@example.com");
        let (out, _) = normalize("１９９０－０３－０７");
        assert_eq!(out, "1990-03-07");
    }

    #[test]
    fn chinese_punctuation_is_kept() {
        let (out, a) = normalize("北京市（朝阳区），１号");
        assert_eq!(out, "北京市（朝阳区），1号");
        assert_eq!(ids(a), ["fullwidth_characters"]);
    }

    #[test]
    fn excel_artefacts() {
        let (out, a) = normalize("'110101199003077777");
        assert_eq!(out, "110101199003077777");
        assert_eq!(ids(a), ["leading_apostrophe"]);
        let (out, a) = normalize("\t110101199003077777");
        assert_eq!(out, "110101199003077777");
        assert_eq!(ids(a), ["leading_tab"]);
        let (out, a) = normalize(" ＇１２ ");
        assert_eq!(out, "12");
        assert_eq!(
            ids(a),
            ["fullwidth_characters", "stray_spaces", "leading_apostrophe"]
        );
    }

    #[test]
    fn invisible_characters_removed() {
        let (out, a) = normalize("\u{feff}张\u{200b}三\u{200d}");
        assert_eq!(out, "张三");
        assert_eq!(ids(a), ["invisible_characters"]);
    }

    #[test]
    fn ideographic_space_inside_and_outside() {
        let (out, a) = normalize("\u{3000}张\u{3000}三\u{3000}");
        assert_eq!(out, "张 三");
        assert!(a.has(Applied::TRIMMED));
        assert!(a.has(Applied::FULLWIDTH));
        let (out, a) = normalize("张三\u{3000}");
        assert_eq!(out, "张三");
        assert_eq!(ids(a), ["stray_spaces"]);
    }

    #[test]
    fn only_spaces_becomes_empty() {
        let (out, a) = normalize(" \u{3000} ");
        assert_eq!(out, "");
        assert!(a.has(Applied::TRIMMED));
    }

    /// The pre-check's table (values under 16 bytes) and its fold (longer ones) find the same
    /// characters: each character that needs a rewrite, inside a short and a long value, is
    /// rewritten alike; and the table is the predicate byte for byte.
    /// The word test agrees with the bytes, for every length under 16 and bytes around the
    /// printable range's ends.
    #[test]
    fn printable_ascii_as_bytes() {
        let pool = [
            0u8, 0x09, 0x1f, 0x20, b'A', b'9', 0x7e, 0x7f, 0x80, 0xc2, 0xe4, 0xff,
        ];
        let mut rng = crate::testgen::Lcg::new(5);
        for n in 0..16 {
            for _ in 0..3_000 {
                let b: Vec<u8> = (0..n)
                    .map(|_| {
                        // Mostly printable, so that whole words of it occur.
                        let r = rng.draw();
                        if r.is_multiple_of(4) {
                            pool[r / 4 % pool.len()]
                        } else {
                            0x20 + (r % 95) as u8
                        }
                    })
                    .collect();
                let want = b.iter().all(|&c| (0x20..0x7f).contains(&c));
                assert_eq!(super::printable_ascii(&b), want, "{b:?}");
            }
        }
    }

    #[test]
    fn short_and_long_values_are_checked_alike() {
        for b in 0..=255u8 {
            assert_eq!(SUSPICIOUS[usize::from(b)], suspicious_byte(b), "{b:#x}");
        }
        let long = "山东省菏泽市";
        for c in [
            '\u{0}', '\u{7}', '\u{1b}', '\u{7f}', '\u{85}', '\u{ad}', '\u{61c}', '\u{200b}',
            '\u{202e}', '\u{2066}', '\u{3000}', '\u{feff}', '１', 'Ｘ',
        ] {
            let (s, l) = (format!("张{c}三"), format!("{long}{c}三"));
            let (short, longer) = (normalize(&s), normalize(&l));
            assert_ne!(short.0, s, "{c:?}");
            assert_eq!(
                longer.0,
                format!("{long}{}", &short.0["张".len()..]),
                "{c:?}"
            );
            assert_eq!(ids(short.1), ids(longer.1), "{c:?}");
        }
    }
}
