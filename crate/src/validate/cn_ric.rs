//! Chinese resident identity number (GB 11643-1999). PLACEHOLDER: to be implemented.

use super::{Check, Context, Validator};
use crate::kinds::Kind;

pub struct CnRic;

impl Validator for CnRic {
    fn id(&self) -> &'static str {
        "cn_ric"
    }
    fn name(&self) -> &'static str {
        "Chinese resident identity number (GB 11643-1999)"
    }
    fn kind(&self) -> Kind {
        Kind::CnRic
    }
    fn looks_like(&self, _value: &str) -> bool {
        false
    }
    fn check(&self, _value: &str, _ctx: &Context) -> Check {
        Check::invalid("not_implemented")
    }
}
