//! Check-digit algorithms, apart from the formats that use them.

pub mod iso7064;
