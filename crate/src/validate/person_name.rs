//! Person name (Chinese). PLACEHOLDER: to be implemented.

use super::{Check, Context, Validator};
use crate::kinds::Kind;

pub struct PersonName;

impl Validator for PersonName {
    fn id(&self) -> &'static str {
        "person_name"
    }
    fn name(&self) -> &'static str {
        "Person name (Chinese)"
    }
    fn kind(&self) -> Kind {
        Kind::PersonName
    }
    fn looks_like(&self, _value: &str) -> bool {
        false
    }
    fn check(&self, _value: &str, _ctx: &Context) -> Check {
        Check::invalid("not_implemented")
    }
}
