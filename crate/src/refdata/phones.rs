//! Chinese mobile number prefixes (original carrier) and landline area codes (city), generated
//! by `crate/data/gen_phones.py` from libphonenumber's metadata (see
//! `crate/data/sources/phones.md`).
//!
//! Lookups are O(1) on flat arrays built once: every allocated mobile prefix is at most five
//! digits long, every area code at most three digits after its leading 0.

use std::sync::OnceLock;

const MOBILE_TSV: &str = include_str!("../../data/mobile_prefixes.tsv");
const AREA_TSV: &str = include_str!("../../data/area_codes.tsv");

/// An allocated block of mobile numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MobilePrefix {
    /// The shortest prefix (3–5 digits) covering the block, e.g. `"139"`, `"1349"`, `"17400"`.
    pub prefix: &'static str,
    /// Carrier of the original allocation (`None` where the source names none).
    pub carrier: Option<&'static str>,
    /// Year the prefix came into use, only where a source is cited.
    pub since: Option<u16>,
}

/// Index of a 5-digit prefix 13000..=19999 in the flat table.
const MOBILE_BASE: usize = 13_000;
const MOBILE_SPAN: usize = 7_000;

struct MobileTable {
    prefixes: Vec<MobilePrefix>,
    /// For each 5-digit prefix: 0 = unallocated, else 1 + index into `prefixes`.
    slots: Vec<u8>,
}

fn data_lines(tsv: &'static str) -> impl Iterator<Item = &'static str> {
    tsv.lines().filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The numeric value of an all-digit ASCII string (`None` for anything else or overflow).
fn digits_value(s: &str) -> Option<usize> {
    if s.is_empty() || s.len() > 9 {
        return None;
    }
    s.bytes().try_fold(0usize, |acc, b| {
        b.is_ascii_digit().then(|| acc * 10 + usize::from(b - b'0'))
    })
}

fn mobile_table() -> &'static MobileTable {
    static TABLE: OnceLock<MobileTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut prefixes = Vec::new();
        let mut slots = vec![0u8; MOBILE_SPAN];
        for line in data_lines(MOBILE_TSV) {
            let mut f = line.split('\t');
            let (Some(prefix), carrier, since) = (f.next(), f.next(), f.next()) else {
                continue;
            };
            let Some(v) = digits_value(prefix) else {
                continue;
            };
            if !(3..=5).contains(&prefix.len()) || prefixes.len() >= 255 {
                continue;
            }
            prefixes.push(MobilePrefix {
                prefix,
                carrier: carrier.filter(|c| !c.is_empty()),
                since: since.and_then(|s| s.parse().ok()),
            });
            let idx = prefixes.len() as u8;
            // Expand the prefix to every 5-digit prefix it covers.
            let scale = 10usize.pow(5 - prefix.len() as u32);
            for p in v * scale..(v + 1) * scale {
                if let Some(slot) = p.checked_sub(MOBILE_BASE).and_then(|i| slots.get_mut(i)) {
                    *slot = idx;
                }
            }
        }
        MobileTable { prefixes, slots }
    })
}

/// The allocated block a mobile number (national digits, starting with `1`) belongs to, from
/// its first five digits; `None` when unallocated or when `digits` is shorter than five.
pub fn mobile_prefix(digits: &str) -> Option<&'static MobilePrefix> {
    mobile_prefix_of(digits_value(digits.get(..5)?)?)
}

/// [`mobile_prefix`] of a number whose first five digits are `first5` (e.g. `13912`).
pub fn mobile_prefix_of(first5: usize) -> Option<&'static MobilePrefix> {
    let t = mobile_table();
    let slot = *t.slots.get(first5.checked_sub(MOBILE_BASE)?)?;
    t.prefixes.get(usize::from(slot).checked_sub(1)?)
}

/// Every allocated mobile prefix, in order.
pub fn mobile_prefixes() -> &'static [MobilePrefix] {
    &mobile_table().prefixes
}

/// Area codes by the (up to) three digits after the leading 0: index = those digits as a
/// number; two-digit codes (10, 2x) sit at their two-digit value.
fn area_table() -> &'static [Option<(&'static str, &'static str)>] {
    static TABLE: OnceLock<Vec<Option<(&'static str, &'static str)>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = vec![None; 1000];
        for line in data_lines(AREA_TSV) {
            let mut f = line.split('\t');
            let (Some(code), Some(city)) = (f.next(), f.next()) else {
                continue;
            };
            let Some(rest) = code.strip_prefix('0') else {
                continue;
            };
            if let Some(slot) = digits_value(rest).and_then(|v| t.get_mut(v)) {
                *slot = Some((code, city));
            }
        }
        t
    })
}

/// The landline area code `digits` starts with (digits only, leading `0` included), and its
/// city: `area_code("075512345678") == Some(("0755", "广东省深圳市"))`. In China `010` and `02x`
/// have two digits after the 0, every other code three.
pub fn area_code(digits: &str) -> Option<(&'static str, &'static str)> {
    let rest = digits.strip_prefix('0')?;
    let len = match rest.as_bytes().first()? {
        b'1' | b'2' => 2,
        b'3'..=b'9' => 3,
        _ => return None,
    };
    let v = digits_value(rest.get(..len)?)?;
    *area_table().get(v)?
}

/// Number of area codes in the table.
pub fn area_code_count() -> usize {
    area_table().iter().flatten().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mobile_prefixes_known() {
        assert_eq!(mobile_prefix("13912345678").unwrap().prefix, "139");
        assert_eq!(
            mobile_prefix("13912345678").unwrap().carrier,
            Some("China Mobile")
        );
        assert_eq!(
            mobile_prefix("13012345678").unwrap().carrier,
            Some("China Unicom")
        );
        assert_eq!(
            mobile_prefix("18912345678").unwrap().carrier,
            Some("China Telecom")
        );
        assert_eq!(
            mobile_prefix("19212345678").unwrap().carrier,
            Some("China Broadnet")
        );
        assert_eq!(
            mobile_prefix("17031234567").unwrap().carrier,
            Some("China Mobile")
        );
        assert_eq!(
            mobile_prefix("17001234567").unwrap().carrier,
            Some("China Telecom")
        );
        assert_eq!(mobile_prefix("17405123456").unwrap().prefix, "17405");
        assert_eq!(mobile_prefix("1349").map(|p| p.prefix), None, "too short");
        assert_eq!(mobile_prefix("13491234567").unwrap().carrier, None);
        for unallocated in [
            "14012345678",
            "15412345678",
            "16012345678",
            "17412345678",
            "17912345678",
            "19412345678",
            "12012345678",
            "10012345678",
            "11111111111",
        ] {
            assert!(mobile_prefix(unallocated).is_none(), "{unallocated}");
        }
        assert!(mobile_prefix("1a912345678").is_none());
        assert!(mobile_prefix("").is_none());
        // No year is encoded without a cited source.
        assert!(mobile_prefixes().iter().all(|p| p.since.is_none()));
        assert!(mobile_prefixes().len() > 60);
    }

    #[test]
    fn mobile_ranges_cover_the_known_set() {
        // 13x, 145, 147, 15[0-35-9], 16[25-7], 17[0-35-8], 18x, 19[0-35-9]
        let expect = |p: &str| {
            let num = format!("{p:0<11}");
            assert!(mobile_prefix(&num).is_some(), "{p}");
        };
        for p in [
            "130", "135", "139", "145", "147", "150", "153", "155", "159", "162", "165", "166",
            "167", "170", "173", "175", "178", "180", "189", "190", "193", "195", "199",
        ] {
            expect(p);
        }
    }

    #[test]
    fn area_codes_known() {
        assert_eq!(area_code("01012345678"), Some(("010", "北京市")));
        assert_eq!(area_code("02112345678"), Some(("021", "上海市")));
        assert_eq!(area_code("075512345678"), Some(("0755", "广东省深圳市")));
        assert_eq!(area_code("0335"), Some(("0335", "河北省秦皇岛市")));
        assert!(area_code("026").is_none());
        assert!(area_code("0330").is_none());
        assert!(area_code("0012").is_none());
        assert!(area_code("755").is_none());
        assert!(area_code("07").is_none());
        assert!(area_code("").is_none());
        assert!(area_code_count() > 300);
    }
}
