//! Financial and telecom formats: IBAN, payment cards, BIC, ABA routing numbers, IMEI, ICCID, IMSI, international phone numbers. One file per format.

use super::Validator;

/// This group's validators, in registry order.
pub static VALIDATORS: &[&dyn Validator] = &[];
