//! Ingest: raw bytes → decoded text → layout (format, delimiter, header) → records.
//!
//! PLACEHOLDER API: to be implemented (encoding sniffing, CSV/TSV/;/|, JSON, JSON Lines incl.
//! Elasticsearch `_source`, SQL INSERT dumps, loose text dumps).

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// The container format of the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InputFormat {
    Csv,
    Tsv,
    Json,
    Jsonl,
    Sql,
    Text,
}

/// What the caller may force instead of letting Veracity sniff it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct IngestOptions {
    /// Encoding label (WHATWG names: `utf-8`, `gb18030`, `gbk`, `utf-16le`, `utf-16be`).
    pub encoding: Option<String>,
    pub format: Option<InputFormat>,
    /// Field separator for delimited and loose text input (e.g. `,`, `\t`, `----`).
    pub delimiter: Option<String>,
    pub has_header: Option<bool>,
}

/// Decoded input text.
#[derive(Debug)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    /// The encoding used, as reported: `UTF-8`, `UTF-8 (BOM)`, `UTF-16LE`, `UTF-16BE`, `GB18030`.
    pub encoding: &'static str,
    /// Number of byte sequences that could not be decoded (replaced by U+FFFD).
    pub malformed: u64,
}

/// How the records are laid out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    pub format: InputFormat,
    /// The separator used (delimited and loose text), for the report.
    pub delimiter: Option<String>,
    /// Whether the first record is a header (always true for JSON objects and SQL with columns).
    pub has_header: bool,
    /// One name per column; `column N` (1-based) where the input names none.
    pub headers: Vec<String>,
}

/// Why a record is not a clean row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RecordProblem {
    /// Fewer fields than columns (the missing ones are empty).
    TooFewFields { found: usize },
    /// More fields than columns (the extra ones are kept past the last column).
    TooManyFields { found: usize },
    /// The record could not be parsed at all; `fields` is empty.
    Unparseable { message: String },
}

impl RecordProblem {
    /// Stable reason id for the report.
    pub fn reason(&self) -> &'static str {
        match self {
            RecordProblem::TooFewFields { .. } => "ragged_too_few_fields",
            RecordProblem::TooManyFields { .. } => "ragged_too_many_fields",
            RecordProblem::Unparseable { .. } => "unparseable_record",
        }
    }
}

/// One record of the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// 1-based record number, header excluded.
    pub row: u64,
    /// Raw field values (not yet normalised), one per column.
    pub fields: Vec<String>,
    pub problem: Option<RecordProblem>,
}

/// Detects the encoding (BOMs, UTF-8 validity, GB18030) unless forced, and decodes.
pub fn decode<'a>(bytes: &'a [u8], opts: &IngestOptions) -> Result<Decoded<'a>> {
    let _ = opts;
    match std::str::from_utf8(bytes) {
        Ok(t) => Ok(Decoded {
            text: Cow::Borrowed(t),
            encoding: "UTF-8",
            malformed: 0,
        }),
        Err(e) => Err(Error::Unreadable {
            message: "not UTF-8".into(),
            byte: Some(e.valid_up_to() as u64),
        }),
    }
}

/// Sniffs format, delimiter and header from the text, honouring what `opts` forces.
pub fn sniff(text: &str, opts: &IngestOptions) -> Result<Layout> {
    let _ = opts;
    let first = text.lines().next().unwrap_or("");
    let headers = first.split(',').map(str::to_owned).collect();
    Ok(Layout {
        format: InputFormat::Csv,
        delimiter: Some(",".into()),
        has_header: true,
        headers,
    })
}

/// Feeds every record, in order, to `sink`; stops early when `sink` returns `false`.
pub fn read_records(
    text: &str,
    layout: &Layout,
    sink: &mut dyn FnMut(Record) -> bool,
) -> Result<()> {
    for (i, line) in text
        .lines()
        .skip(usize::from(layout.has_header))
        .enumerate()
    {
        let rec = Record {
            row: i as u64 + 1,
            fields: line.split(',').map(str::to_owned).collect(),
            problem: None,
        };
        if !sink(rec) {
            break;
        }
    }
    Ok(())
}
