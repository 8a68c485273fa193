//! Chinese mobile number. PLACEHOLDER: to be implemented.

use super::{Check, Context, Validator};
use crate::kinds::Kind;

pub struct CnMobile;

impl Validator for CnMobile {
    fn id(&self) -> &'static str {
        "cn_mobile"
    }
    fn name(&self) -> &'static str {
        "Chinese mobile number"
    }
    fn kind(&self) -> Kind {
        Kind::CnMobile
    }
    fn looks_like(&self, _value: &str) -> bool {
        false
    }
    fn check(&self, _value: &str, _ctx: &Context) -> Check {
        Check::invalid("not_implemented")
    }
}
