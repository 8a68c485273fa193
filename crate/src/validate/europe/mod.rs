//! Identifier formats of European countries. One file per format.

use super::Validator;

// Central and Eastern Europe
pub mod bg_egn;
mod ce_util;
pub mod cz_rc;
pub mod ee_ik;
pub mod gr_amka;
pub mod hr_oib;
pub mod lt_asmens;
pub mod lv_pk;
pub mod pl_pesel;
pub mod ro_cnp;
pub mod ru_inn;
pub mod ru_snils;
pub mod si_emso;
pub mod tr_tckimlik;
pub mod ua_rntrc;

/// This group's validators, in registry order.
pub static VALIDATORS: &[&dyn Validator] = &[
    // Central and Eastern Europe
    &pl_pesel::PlPesel,
    &cz_rc::CzRc,
    &ro_cnp::RoCnp,
    &bg_egn::BgEgn,
    &ee_ik::EeIk,
    &lt_asmens::LtAsmens,
    &lv_pk::LvPk,
    &hr_oib::HrOib,
    &si_emso::SiEmso,
    &gr_amka::GrAmka,
    &ua_rntrc::UaRntrc,
    &ru_inn::RuInn,
    &ru_snils::RuSnils,
    &tr_tckimlik::TrTckimlik,
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
    ("personaskods", "lv_pk"),
    ("oib", "hr_oib"),
    ("emšo", "si_emso"),
    ("emso", "si_emso"),
    ("jmbg", "si_emso"),
    ("amka", "gr_amka"),
    ("αμκα", "gr_amka"),
    ("іпн", "ua_rntrc"),
    ("рнокпп", "ua_rntrc"),
    ("rnokpp", "ua_rntrc"),
    ("ipn", "ua_rntrc"),
    ("инн", "ru_inn"),
    ("inn", "ru_inn"),
    ("снилс", "ru_snils"),
    ("snils", "ru_snils"),
    ("tckimlik", "tr_tckimlik"),
    ("tckimlikno", "tr_tckimlik"),
    ("tckn", "tr_tckimlik"),
    ("kimlikno", "tr_tckimlik"),
];
