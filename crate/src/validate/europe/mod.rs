//! Identifier formats of European countries. One file per format.

use super::Validator;

// Western and Northern Europe
pub mod at_vnr;
pub mod be_nn;
pub mod ch_ssn;
pub mod de_idnr;
pub mod dk_cpr;
pub mod es_dni;
pub mod es_nie;
pub mod fi_hetu;
pub mod fr_nir;
pub mod gb_nhs;
pub mod gb_nino;
pub mod ie_pps;
pub mod it_codicefiscale;
pub mod nl_bsn;
pub mod no_fodselsnummer;
pub mod pt_nif;
pub mod se_personnummer;
pub(crate) mod west;

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
    // Western and Northern Europe
    &gb_nino::GbNino,
    &gb_nhs::GbNhs,
    &fr_nir::FrNir,
    &de_idnr::DeIdnr,
    &it_codicefiscale::ItCodiceFiscale,
    &es_dni::EsDni,
    &es_nie::EsNie,
    &pt_nif::PtNif,
    &nl_bsn::NlBsn,
    &be_nn::BeNn,
    &se_personnummer::SePersonnummer,
    &no_fodselsnummer::NoFodselsnummer,
    &dk_cpr::DkCpr,
    &fi_hetu::FiHetu,
    &ie_pps::IePps,
    &ch_ssn::ChSsn,
    &at_vnr::AtVnr,
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

/// Header words (lower case, without spaces, `_`, `-`, `.`) naming this group's formats.
pub static HEADERS: &[(&str, &str)] = &[
    // Western and Northern Europe
    ("nino", "gb_nino"),
    ("ninumber", "gb_nino"),
    ("nationalinsurance", "gb_nino"),
    ("nationalinsuranceno", "gb_nino"),
    ("nationalinsurancenumber", "gb_nino"),
    ("nhs", "gb_nhs"),
    ("nhsno", "gb_nhs"),
    ("nhsnumber", "gb_nhs"),
    ("chi", "gb_nhs"),
    ("chinumber", "gb_nhs"),
    ("nir", "fr_nir"),
    ("insee", "fr_nir"),
    ("numérodesécuritésociale", "fr_nir"),
    ("numerodesecuritesociale", "fr_nir"),
    ("numsecu", "fr_nir"),
    ("sécuritésociale", "fr_nir"),
    ("securitesociale", "fr_nir"),
    ("steuerid", "de_idnr"),
    ("steueridnr", "de_idnr"),
    ("steueridentifikationsnummer", "de_idnr"),
    ("identifikationsnummer", "de_idnr"),
    ("idnr", "de_idnr"),
    ("codicefiscale", "it_codicefiscale"),
    ("codfisc", "it_codicefiscale"),
    ("codfiscale", "it_codicefiscale"),
    ("dni", "es_dni"),
    ("nifdni", "es_dni"),
    ("numerodni", "es_dni"),
    ("nie", "es_nie"),
    ("numeronie", "es_nie"),
    ("nif", "pt_nif"),
    ("contribuinte", "pt_nif"),
    ("númerodecontribuinte", "pt_nif"),
    ("numerodecontribuinte", "pt_nif"),
    ("bsn", "nl_bsn"),
    ("burgerservicenummer", "nl_bsn"),
    ("sofinummer", "nl_bsn"),
    ("rijksregisternummer", "be_nn"),
    ("numéronational", "be_nn"),
    ("numeronational", "be_nn"),
    ("registrenational", "be_nn"),
    ("insz", "be_nn"),
    ("niss", "be_nn"),
    ("personnummer", "se_personnummer"),
    ("samordningsnummer", "se_personnummer"),
    ("fødselsnummer", "no_fodselsnummer"),
    ("fodselsnummer", "no_fodselsnummer"),
    ("fnr", "no_fodselsnummer"),
    ("dnummer", "no_fodselsnummer"),
    ("cpr", "dk_cpr"),
    ("cprnr", "dk_cpr"),
    ("cprnummer", "dk_cpr"),
    ("hetu", "fi_hetu"),
    ("henkilötunnus", "fi_hetu"),
    ("henkilotunnus", "fi_hetu"),
    ("personbeteckning", "fi_hetu"),
    ("pps", "ie_pps"),
    ("ppsn", "ie_pps"),
    ("ppsno", "ie_pps"),
    ("ppsnumber", "ie_pps"),
    ("ahv", "ch_ssn"),
    ("avs", "ch_ssn"),
    ("ahvnr", "ch_ssn"),
    ("ahvnummer", "ch_ssn"),
    ("avsnr", "ch_ssn"),
    ("ahvn13", "ch_ssn"),
    ("numéroavs", "ch_ssn"),
    ("numeroavs", "ch_ssn"),
    ("svnr", "at_vnr"),
    ("svnummer", "at_vnr"),
    ("versicherungsnummer", "at_vnr"),
    ("sozialversicherungsnummer", "at_vnr"),
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
