//! Check-digit algorithms, apart from the formats that use them. Each is written from its
//! published specification and tested on its own.

pub mod damm;
pub mod iso7064;
pub mod luhn;
pub mod verhoeff;
pub mod weighted;
