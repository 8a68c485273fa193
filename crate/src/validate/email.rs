//! Email address. PLACEHOLDER: to be implemented.

use super::{Check, Context, Validator};
use crate::kinds::Kind;

pub struct Email;

impl Validator for Email {
    fn id(&self) -> &'static str {
        "email"
    }
    fn name(&self) -> &'static str {
        "Email address"
    }
    fn kind(&self) -> Kind {
        Kind::Email
    }
    fn looks_like(&self, _value: &str) -> bool {
        false
    }
    fn check(&self, _value: &str, _ctx: &Context) -> Check {
        Check::invalid("not_implemented")
    }
}
