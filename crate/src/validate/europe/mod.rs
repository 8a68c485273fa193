//! Identifier formats of European countries. One file per format.

use super::Validator;

// Western and Northern Europe
pub mod de_idnr;
pub mod es_dni;
pub mod es_nie;
pub mod fr_nir;
pub mod gb_nhs;
pub mod gb_nino;
pub mod it_codicefiscale;
pub mod pt_nif;
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
];
