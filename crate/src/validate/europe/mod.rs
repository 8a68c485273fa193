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
];
