//! Chinese postal address. PLACEHOLDER: to be implemented.

use super::{Check, Context, Validator};
use crate::kinds::Kind;

pub struct Address;

impl Validator for Address {
    fn id(&self) -> &'static str {
        "address"
    }
    fn name(&self) -> &'static str {
        "Chinese postal address"
    }
    fn kind(&self) -> Kind {
        Kind::Address
    }
    fn looks_like(&self, _value: &str) -> bool {
        false
    }
    fn check(&self, _value: &str, _ctx: &Context) -> Check {
        Check::invalid("not_implemented")
    }
}
