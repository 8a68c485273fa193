//! Identifier formats of the Americas. One file per format.

use super::Validator;

/// This group's validators, in registry order.
pub static VALIDATORS: &[&dyn Validator] = &[];
