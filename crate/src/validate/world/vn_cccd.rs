//! Vietnamese personal identification number (số định danh cá nhân, printed on the citizen
//! identity card — Căn cước công dân, CCCD — since 2016).
//!
//! Layout: `PPP G YY NNNNNN` — twelve digits: the province or city of birth registration
//! (001–096, the 63 provinces' codes), a digit for century and sex (0/1 men/women born in the
//! 20th century, 2/3 in the 21st, 4/5 in the 22nd, 6/7 in the 23rd, 8/9 in the 24th), the last
//! two digits of the birth year, and six random digits. There is no check digit.
//!
//! Checked: the province code, the century digit (only 20th and 21st century births exist),
//! and that the birth year is not after the reference date's year (`date_after_reference`).
//! Extracted: sex, province (`facts.issuer`). The number holds only the birth year, so no
//! `facts.date` is set.
//!
//! Problems: `format`, `length`, `region_unknown`, `date_after_reference`, `invalid_prefix`
//! (a century digit of the 22nd century or later).
//!
//! Specification: Circular 07/2016/TT-BCA (Ministry of Public Security), art. 7, on the
//! structure of the personal identification number; Decree 137/2015/ND-CP.

use super::common::{all_digits, compact, num, squeeze};
use crate::kinds::Kind;
use crate::validate::{Check, Context, Sex, Validator};

pub struct VnCccd;

/// The province or city of a three-digit code.
pub fn province(code: u32) -> Option<&'static str> {
    Some(match code {
        1 => "Hà Nội",
        2 => "Hà Giang",
        4 => "Cao Bằng",
        6 => "Bắc Kạn",
        8 => "Tuyên Quang",
        10 => "Lào Cai",
        11 => "Điện Biên",
        12 => "Lai Châu",
        14 => "Sơn La",
        15 => "Yên Bái",
        17 => "Hòa Bình",
        19 => "Thái Nguyên",
        20 => "Lạng Sơn",
        22 => "Quảng Ninh",
        24 => "Bắc Giang",
        25 => "Phú Thọ",
        26 => "Vĩnh Phúc",
        27 => "Bắc Ninh",
        30 => "Hải Dương",
        31 => "Hải Phòng",
        33 => "Hưng Yên",
        34 => "Thái Bình",
        35 => "Hà Nam",
        36 => "Nam Định",
        37 => "Ninh Bình",
        38 => "Thanh Hóa",
        40 => "Nghệ An",
        42 => "Hà Tĩnh",
        44 => "Quảng Bình",
        45 => "Quảng Trị",
        46 => "Thừa Thiên Huế",
        48 => "Đà Nẵng",
        49 => "Quảng Nam",
        51 => "Quảng Ngãi",
        52 => "Bình Định",
        54 => "Phú Yên",
        56 => "Khánh Hòa",
        58 => "Ninh Thuận",
        60 => "Bình Thuận",
        62 => "Kon Tum",
        64 => "Gia Lai",
        66 => "Đắk Lắk",
        67 => "Đắk Nông",
        68 => "Lâm Đồng",
        70 => "Bình Phước",
        72 => "Tây Ninh",
        74 => "Bình Dương",
        75 => "Đồng Nai",
        77 => "Bà Rịa – Vũng Tàu",
        79 => "Hồ Chí Minh",
        80 => "Long An",
        82 => "Tiền Giang",
        83 => "Bến Tre",
        84 => "Trà Vinh",
        86 => "Vĩnh Long",
        87 => "Đồng Tháp",
        89 => "An Giang",
        91 => "Kiên Giang",
        92 => "Cần Thơ",
        93 => "Hậu Giang",
        94 => "Sóc Trăng",
        95 => "Bạc Liêu",
        96 => "Cà Mau",
        _ => return None,
    })
}

impl Validator for VnCccd {
    fn id(&self) -> &'static str {
        "vn_cccd"
    }
    fn name(&self) -> &'static str {
        "Vietnamese personal identification number (CCCD)"
    }
    fn kind(&self) -> Kind {
        Kind::Format(self.id())
    }
    fn looks_like(&self, value: &str) -> bool {
        squeeze(value, b"").is_some_and(|id| {
            id.len() == 12
                && all_digits(&id)
                && province(num(&id[..3])).is_some()
                && matches!(id[3], b'0'..=b'3')
        })
    }
    fn check(&self, value: &str, ctx: &Context) -> Check {
        let mut check = Check::default();
        let Some(id) = compact(value, b"", &mut check, |n| n == 12) else {
            return check;
        };
        if !all_digits(&id) {
            check.problems.push("format");
            return check;
        }
        check.facts.country = Some("VN");
        match province(num(&id[..3])) {
            Some(p) => check.facts.issuer = Some(p.to_owned()),
            None => check.problems.push("region_unknown"),
        }
        let g = u32::from(id[3] - b'0');
        check.facts.sex = Some(if g % 2 == 0 { Sex::Male } else { Sex::Female });
        if g > 3 {
            check.problems.push("invalid_prefix");
            return check;
        }
        let year = 1900 + 100 * (g / 2) as i32 + num(&id[4..6]) as i32;
        if year > ctx.reference_date.year {
            check.problems.push("date_after_reference");
        }
        check
    }
    fn country(&self) -> Option<&'static str> {
        Some("VN")
    }
    fn validates(&self) -> &'static str {
        "length, province code, century/sex digit, birth year (no check digit)"
    }
    fn extracts(&self) -> &'static str {
        "sex, province of birth registration"
    }
    fn specification(&self) -> &'static str {
        "Circular 07/2016/TT-BCA (Vietnam), art. 7; Decree 137/2015/ND-CP"
    }
}

#[cfg(test)]
mod tests {
    use super::super::common::testing::{ctx, junk, problems};
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn synthetic_examples() {
        let c = VnCccd.check("001085012345", &ctx());
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.sex, Some(Sex::Male));
        assert_eq!(c.facts.issuer.as_deref(), Some("Hà Nội"));
        let c = VnCccd.check("079301012345", &ctx());
        assert!(c.is_valid(), "{c:?}");
        assert_eq!(c.facts.sex, Some(Sex::Female));
        assert_eq!(problems(&VnCccd, "003085012345"), ["region_unknown"]);
        assert_eq!(problems(&VnCccd, "079230012345"), ["date_after_reference"]);
        assert_eq!(problems(&VnCccd, "079401012345"), ["invalid_prefix"]);
        assert_eq!(problems(&VnCccd, "07930101234"), ["length"]);
        assert!(VnCccd.looks_like("079 301 012345"));
        assert!(!VnCccd.looks_like("979301012345"));
    }

    proptest! {
        #[test]
        fn generated_are_valid(p in 1u32..97, g in 0u32..4, yy in 0u32..100, n in 0u32..1_000_000) {
            prop_assume!(province(p).is_some());
            prop_assume!(g < 2 || yy <= 22);
            let id = format!("{p:03}{g}{yy:02}{n:06}");
            let c = VnCccd.check(&id, &ctx());
            prop_assert!(c.is_valid(), "{} {:?}", id, c);
            prop_assert_eq!(c.facts.sex, Some(if g % 2 == 0 { Sex::Male } else { Sex::Female }));
            prop_assert!(VnCccd.looks_like(&id));
        }

        #[test]
        fn junk_never_panics(s in "\\PC{0,20}") {
            junk(&VnCccd, &s);
        }
    }
}
