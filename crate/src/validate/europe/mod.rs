//! Identifier formats of European countries. One file per format.

use super::Validator;

/// This group's validators, in registry order.
pub static VALIDATORS: &[&dyn Validator] = &[];
