//! Sex. PLACEHOLDER: to be implemented.

use super::{Check, Context, Validator};
use crate::kinds::Kind;

pub struct SexValidator;

impl Validator for SexValidator {
    fn id(&self) -> &'static str {
        "sex"
    }
    fn name(&self) -> &'static str {
        "Sex"
    }
    fn kind(&self) -> Kind {
        Kind::Sex
    }
    fn looks_like(&self, _value: &str) -> bool {
        false
    }
    fn check(&self, _value: &str, _ctx: &Context) -> Check {
        Check::invalid("not_implemented")
    }
}
