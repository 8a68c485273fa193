//! Chinese landline number with area code. PLACEHOLDER: to be implemented.

use super::{Check, Context, Validator};
use crate::kinds::Kind;

pub struct CnLandline;

impl Validator for CnLandline {
    fn id(&self) -> &'static str {
        "cn_landline"
    }
    fn name(&self) -> &'static str {
        "Chinese landline number with area code"
    }
    fn kind(&self) -> Kind {
        Kind::CnLandline
    }
    fn looks_like(&self, _value: &str) -> bool {
        false
    }
    fn check(&self, _value: &str, _ctx: &Context) -> Check {
        Check::invalid("not_implemented")
    }
}
