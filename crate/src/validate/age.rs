//! Age in years. PLACEHOLDER: to be implemented.

use super::{Check, Context, Validator};
use crate::kinds::Kind;

pub struct Age;

impl Validator for Age {
    fn id(&self) -> &'static str {
        "age"
    }
    fn name(&self) -> &'static str {
        "Age in years"
    }
    fn kind(&self) -> Kind {
        Kind::Age
    }
    fn looks_like(&self, _value: &str) -> bool {
        false
    }
    fn check(&self, _value: &str, _ctx: &Context) -> Check {
        Check::invalid("not_implemented")
    }
}
