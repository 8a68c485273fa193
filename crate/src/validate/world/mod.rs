//! Identifier formats of Asia (beyond mainland China), the Middle East and Africa. One file per format.

use super::Validator;

/// This group's validators, in registry order.
pub static VALIDATORS: &[&dyn Validator] = &[];
