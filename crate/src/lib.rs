//! # Veracity
//!
//! Judges whether a sample of leaked personal records looks genuine, entirely on the user's
//! device. The pipeline, one module per concern:
//!
//! 1. [`ingest`]: raw bytes → decoded text → layout (format, delimiter, header) → records.
//! 2. [`normalize`]: full-width characters, stray spaces and spreadsheet artefacts, counted.
//! 3. [`kinds`]: what each column holds, from its header and its content.
//! 4. [`validate`]: one [`validate::Validator`] per kind of value or identifier format, with
//!    check-digit algorithms apart in [`checkdigit`] and reference tables in [`refdata`].
//! 5. [`analysis`]: per-row cross-field checks and mergeable accumulators.
//! 6. [`report`]: the serde [`report::Report`], the one contract every front-end uses.
//!
//! Findings about the data are data in the report; [`Error`] is only for a request that cannot
//! be served. The CLI (`src/main.rs`) and the wasm boundary (`src/wasm.rs`) are thin skins over
//! [`verify`].

pub mod analysis;
pub mod assess;
pub mod callsheet;
pub mod checkdigit;
pub mod civil;
pub mod error;
pub mod freetext;
pub mod ingest;
pub mod kinds;
pub mod lookup;
pub mod mask;
pub mod normalize;
pub mod options;
pub mod overlap;
pub mod refdata;
pub mod render;
pub mod report;
pub mod stats;
pub mod stream;
#[cfg(test)]
mod testgen;
pub mod validate;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use error::{Error, Result};
pub use options::Options;
pub use report::Report;

/// The tool's version, stated in every report.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Verifies a whole input held in memory and returns its report.
pub fn verify(bytes: &[u8], options: &Options) -> Result<Report> {
    analysis::verify(bytes, options)
}
