//! Errors: only for a request that cannot be served. Findings about the data are never errors.

use std::fmt;

/// A request Veracity cannot serve: unreadable input, bad options, or an internal fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The input could not be read as any supported format. `byte` is the offset where
    /// reading failed, when known.
    Unreadable { message: String, byte: Option<u64> },
    /// The options are inconsistent or name something that does not exist.
    BadOptions(String),
    /// A bug: something that should not happen. Reported instead of panicking.
    Internal(String),
    /// The caller cancelled the work (its progress callback returned `false`).
    Cancelled,
    /// A limit of `Options::limits` was reached; the message names the limit and the option.
    Limit(String),
    /// The input cannot be read in several byte ranges (see [`crate::stream`]); the message
    /// says why. The caller reads it as one range instead.
    NotCuttable(String),
    /// A one-range session streamed an input that turned out to need reading whole (an
    /// Elasticsearch search response that is not one valid JSON document past its head; see
    /// [`crate::stream`]); the message says why. A caller that can read the input again reads
    /// it whole ([`crate::stream::Session::whole_with_head`] with a head of all of it).
    ReadWhole(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Unreadable {
                message,
                byte: Some(b),
            } => write!(f, "unreadable input at byte {b}: {message}"),
            Error::Unreadable {
                message,
                byte: None,
            } => write!(f, "unreadable input: {message}"),
            Error::BadOptions(m) => write!(f, "bad options: {m}"),
            Error::Internal(m) => write!(f, "internal error: {m}"),
            Error::Cancelled => write!(f, "cancelled"),
            Error::Limit(m) => write!(f, "limit reached: {m}"),
            Error::NotCuttable(m) => write!(f, "cannot read in ranges: {m}; read it as one range"),
            Error::ReadWhole(m) => write!(f, "cannot stream: {m}; read it whole"),
        }
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;
