//! Options: one serde struct shared by the CLI, the wasm boundary and the library.

use crate::civil::Date;
use crate::error::{Error, Result};
use crate::ingest::IngestOptions;
use crate::kinds::Kind;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Default cap on the list of flagged rows in a report (counts are never capped).
pub const DEFAULT_MAX_FLAGGED: usize = 1_000;

/// How to read and judge the input. Every field has a default; `{}` is valid JSON options.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Options {
    /// Column kind overrides: column header (exact) or 1-based column number → kind.
    pub kinds: BTreeMap<String, Kind>,
    /// Show full values in flagged rows instead of masked ones.
    pub show_values: bool,
    /// At most this many flagged rows are listed (the counts are not capped).
    pub max_flagged: usize,
    /// The data's reference date (e.g. its claimed extraction date): birth dates after it are
    /// impossible and ages are computed at it. Defaults to today.
    pub reference_date: Option<Date>,
    /// Overrides for reading the input.
    #[serde(flatten)]
    pub ingest: IngestOptions,
    /// Limits on pathological inputs.
    pub limits: Limits,
}

/// Limits that stop pathological inputs with a clear error instead of exhausting the device.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    /// Largest input accepted, in bytes (default 2 GiB: the input and its decoded text are held
    /// in memory).
    pub max_input_bytes: u64,
    /// Most columns accepted (default 100,000).
    pub max_columns: usize,
    /// Seconds of work before verification stops (default 600; 0 = no limit).
    pub max_seconds: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_input_bytes: 2 << 30,
            max_columns: 100_000,
            max_seconds: 600,
        }
    }
}

impl Default for Options {
    fn default() -> Options {
        Options {
            kinds: BTreeMap::new(),
            show_values: false,
            max_flagged: DEFAULT_MAX_FLAGGED,
            reference_date: None,
            ingest: IngestOptions::default(),
            limits: Limits::default(),
        }
    }
}

impl Options {
    /// Adds a `COLUMN=KIND` override as written on the command line.
    pub fn add_kind_override(&mut self, spec: &str) -> Result<()> {
        let (col, kind) = spec
            .rsplit_once('=')
            .ok_or_else(|| Error::BadOptions(format!("expected COLUMN=KIND, got {spec:?}")))?;
        let kind: Kind = kind.trim().parse().map_err(Error::BadOptions)?;
        self.kinds.insert(col.trim().to_owned(), kind);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_json_is_default() {
        let o: Options = serde_json::from_str("{}").unwrap();
        assert_eq!(o, Options::default());
    }

    #[test]
    fn unknown_fields_are_rejected() {
        assert!(serde_json::from_str::<Options>(r#"{"show_value": true}"#).is_err());
    }

    #[test]
    fn kind_override() {
        let mut o = Options::default();
        o.add_kind_override("SFZH=cn_ric").unwrap();
        o.add_kind_override("3 = sex").unwrap();
        assert_eq!(o.kinds["SFZH"], Kind::CnRic);
        assert_eq!(o.kinds["3"], Kind::Sex);
        assert!(o.add_kind_override("x=nonsense").is_err());
        assert!(o.add_kind_override("nonsense").is_err());
    }
}
