//! Identifier formats of European countries. One file per format.

use super::Validator;

/// This group's validators, in registry order.
pub static VALIDATORS: &[&dyn Validator] = &[];

/// Header words (lower case, without spaces, `_`, `-`, `.`) that name this group's formats, as
/// `(header word, format id)`.
pub static HEADERS: &[(&str, &str)] = &[];
