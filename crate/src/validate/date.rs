//! Dates and birth dates. PLACEHOLDER: to be implemented.

use super::{Check, Context, Validator};
use crate::kinds::Kind;

pub struct BirthDate;
pub struct AnyDate;

impl Validator for BirthDate {
    fn id(&self) -> &'static str {
        "birth_date"
    }
    fn name(&self) -> &'static str {
        "Date of birth"
    }
    fn kind(&self) -> Kind {
        Kind::BirthDate
    }
    fn looks_like(&self, _value: &str) -> bool {
        false
    }
    fn check(&self, _value: &str, _ctx: &Context) -> Check {
        Check::invalid("not_implemented")
    }
}

impl Validator for AnyDate {
    fn id(&self) -> &'static str {
        "date"
    }
    fn name(&self) -> &'static str {
        "Date"
    }
    fn kind(&self) -> Kind {
        Kind::Date
    }
    fn looks_like(&self, _value: &str) -> bool {
        false
    }
    fn check(&self, _value: &str, _ctx: &Context) -> Check {
        Check::invalid("not_implemented")
    }
}
