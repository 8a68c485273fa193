//! Identifier formats of European countries. One file per format.

use super::Validator;

// Central and Eastern Europe
pub mod bg_egn;
mod ce_util;
pub mod cz_rc;
pub mod ee_ik;
pub mod lt_asmens;
pub mod pl_pesel;
pub mod ro_cnp;

/// This group's validators, in registry order.
pub static VALIDATORS: &[&dyn Validator] = &[
    // Central and Eastern Europe
    &pl_pesel::PlPesel,
    &cz_rc::CzRc,
    &ro_cnp::RoCnp,
    &bg_egn::BgEgn,
    &ee_ik::EeIk,
    &lt_asmens::LtAsmens,
];

/// Header words (lower case, without spaces or underscores) → format id.
pub static HEADERS: &[(&str, &str)] = &[
    // Central and Eastern Europe
    ("pesel", "pl_pesel"),
    ("numerpesel", "pl_pesel"),
    ("rodnéčíslo", "cz_rc"),
    ("rodnecislo", "cz_rc"),
    ("rč", "cz_rc"),
    ("cnp", "ro_cnp"),
    ("codnumericpersonal", "ro_cnp"),
    ("egn", "bg_egn"),
    ("егн", "bg_egn"),
    ("isikukood", "ee_ik"),
    ("asmenskodas", "lt_asmens"),
];
