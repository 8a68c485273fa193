//! Analysis. PLACEHOLDER.

use crate::error::Result;
use crate::options::Options;
use crate::report::Report;

pub fn verify(_bytes: &[u8], _options: &Options) -> Result<Report> {
    Err(crate::Error::Internal("not implemented".into()))
}
