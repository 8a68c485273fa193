//! Ingest: raw bytes → decoded text → layout (format, delimiter, header) → records.
//!
//! Three steps, each usable alone:
//! 1. [`decode`] finds the encoding (BOM, UTF-8, GB18030/GBK, UTF-16 with or without BOM) and
//!    refuses binary files with a one-line reason;
//! 2. [`sniff`] finds the format (CSV with `,` `;` `|`, TSV, JSON array, JSON Lines including
//!    Elasticsearch/Kibana `_source` exports and lines of search responses, an Elasticsearch
//!    search response, SQL `INSERT` dumps, loose text dumps), the delimiter and whether the
//!    first record is a header;
//! 3. [`read_records`] streams the records, in order, to a sink.
//!
//! Damaged records are kept and flagged ([`RecordProblem`]), never dropped: a record with too few
//! fields is padded with empty strings, one with too many keeps the extra fields past the last
//! column, and one that cannot be parsed at all comes with empty fields and a message.
//!
//! Empty input (or only a BOM, or only white space) is not an error: [`sniff`] returns a `csv`
//! layout with no columns and [`read_records`] yields nothing, so the report says "0 records".
//!
//! Memory: delimited, text, JSON Lines and SQL input are read one record at a time. A JSON array
//! is split into its elements by a small scanner and each element is parsed on its own, so it is
//! streamed as well; [`sniff`] reads JSON and SQL input once in full to collect the union of
//! keys/columns (first-seen order) before records are read ([`sniff_head`] reads the first
//! records of JSON Lines, of a top-level JSON array and of an SQL dump only, for
//! [`crate::stream`], whose SQL scanner stops at the end of a piece and goes on with the next).

pub mod chunk;
pub mod decode;
mod delimited;
mod json;
mod sniff;
mod sql;
mod text;

use crate::error::Result;
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

impl InputFormat {
    /// The lower-case id used in the report and on the command line.
    pub fn id(self) -> &'static str {
        match self {
            InputFormat::Csv => "csv",
            InputFormat::Tsv => "tsv",
            InputFormat::Json => "json",
            InputFormat::Jsonl => "jsonl",
            InputFormat::Sql => "sql",
            InputFormat::Text => "text",
        }
    }
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
    /// JSON Lines whose lines are Elasticsearch search responses (the first line with content
    /// is one: a scraper's scroll or `search_after` pages, one per line): the records are every
    /// line's hits, in order, each read as a single response's hits are; a line that is not a
    /// search response is one unparseable record. `false` for every other layout.
    pub search_responses: bool,
}

impl Layout {
    /// Column position by header name, for formats whose records are keyed by name.
    pub(crate) fn header_index(&self) -> std::collections::HashMap<&str, usize> {
        self.headers
            .iter()
            .enumerate()
            .map(|(i, h)| (h.as_str(), i))
            .collect()
    }
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
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Record {
    /// 1-based record number, header excluded.
    pub row: u64,
    /// Raw field values (not yet normalised), one per column.
    pub fields: Vec<String>,
    pub problem: Option<RecordProblem>,
    /// 1-based line of the decoded text where the record starts (for the report's "where").
    pub line: u64,
}

/// Detects the encoding (BOMs, UTF-8 validity, GB18030) unless forced, and decodes.
///
/// A forced encoding is a WHATWG label (`utf-8`, `gb18030`, `gbk`, `utf-16le`, `big5`…); an
/// unknown label is [`crate::Error::BadOptions`]. Binary files are [`crate::Error::Unreadable`].
pub fn decode<'a>(bytes: &'a [u8], opts: &IngestOptions) -> Result<Decoded<'a>> {
    decode::decode(bytes, opts)
}

/// Sniffs format, delimiter and header from the text, honouring what `opts` forces.
///
/// Reported delimiters: `,` `;` `|` (csv), `\t` (tsv), `----`, `|`, `；`, `\t` or `"  "` (text;
/// two spaces stand for "runs of two or more spaces"). A forced delimiter may also be given as
/// `tab`, `\\t`, `space` or `spaces`.
pub fn sniff(text: &str, opts: &IngestOptions) -> Result<Layout> {
    sniff::sniff(text, opts)
}

/// [`sniff`] as a stream planning from its head does: the columns of JSON Lines, of a
/// top-level JSON array and of an SQL dump are the keys or column names of the first
/// `jsonl_keys` records (in first-seen order), not the union over all records (other JSON
/// documents: the union).
pub fn sniff_head(text: &str, opts: &IngestOptions, jsonl_keys: usize) -> Result<Layout> {
    sniff::sniff_keys(text, opts, Some(jsonl_keys))
}

/// Feeds every record, in order, to `sink`; stops early when `sink` returns `false`.
pub fn read_records(
    text: &str,
    layout: &Layout,
    sink: &mut dyn FnMut(Record) -> bool,
) -> Result<()> {
    match layout.format {
        InputFormat::Csv | InputFormat::Tsv => delimited::read(text, layout, sink),
        InputFormat::Text => text::read(text, layout, sink),
        InputFormat::Json | InputFormat::Jsonl => json::read(text, layout, sink),
        InputFormat::Sql => sql::read(text, layout, sink),
    }
}

/// [`read_records`] lending each record to `sink` instead of giving it away: for CSV and TSV
/// the record's buffers are reused for the next one, so reading allocates nothing per field.
/// Use it when the sink does not keep the record (it may change it, e.g. shift its `row`;
/// every field is set afresh for the next record).
pub fn for_each_record(
    text: &str,
    layout: &Layout,
    sink: &mut dyn FnMut(&mut Record) -> bool,
) -> Result<()> {
    match layout.format {
        InputFormat::Csv | InputFormat::Tsv => delimited::read_into(text, layout, sink),
        _ => read_records(text, layout, &mut |mut r| sink(&mut r)),
    }
}

/// [`for_each_record`] for a layout planned by [`sniff_head`]: a JSON object's keys that are
/// not columns are given to `late` (once per record that has any, each key once) and the
/// record is read by its known keys, instead of keeping the extra values and flagging it
/// ragged. Other formats are read as [`for_each_record`] reads them.
pub fn for_each_record_keyed(
    text: &str,
    layout: &Layout,
    late: &mut dyn FnMut(&[String]),
    sink: &mut dyn FnMut(&mut Record) -> bool,
) -> Result<()> {
    match layout.format {
        InputFormat::Json | InputFormat::Jsonl => {
            json::read_keyed(text, layout, Some(late), &mut |mut r| sink(&mut r))
        }
        _ => for_each_record(text, layout, sink),
    }
}

/// [`for_each_record_keyed`] for a piece of a top-level JSON array cut after an element's end:
/// the elements [`JsonArrayCuts`] found in it ([`JsonArrayCuts::elements`]), in order.
pub(crate) fn for_each_element_keyed(
    text: &str,
    elements: (&[std::ops::Range<usize>], Option<std::ops::Range<usize>>),
    layout: &Layout,
    late: &mut dyn FnMut(&[String]),
    sink: &mut dyn FnMut(&mut Record) -> bool,
) -> Result<()> {
    json::read_elements_keyed(text, elements, layout, Some(late), &mut |mut r| {
        sink(&mut r)
    })
}

pub(crate) use sniff::is_sql;
pub(crate) use sql::{SqlStream, Stop as SqlStop};

pub(crate) use json::{
    es_hits_start as json_es_hits_start, first_line as json_first_line,
    invalid_json_message as json_invalid_message,
    is_search_response_line as json_is_search_response_line,
    top_level_array as json_top_level_array, ArrayCuts as JsonArrayCuts, DocTail as JsonDocTail,
};

/// The name of a column the input does not name: `column N`, 1-based.
pub(crate) fn column_name(index: usize) -> String {
    format!("column {}", index + 1)
}

/// Pads or flags a record's fields against the number of columns.
pub(crate) fn shape(
    mut fields: Vec<String>,
    columns: usize,
) -> (Vec<String>, Option<RecordProblem>) {
    let found = fields.len();
    if found < columns {
        fields.resize(columns, String::new());
        (fields, Some(RecordProblem::TooFewFields { found }))
    } else if found > columns {
        (fields, Some(RecordProblem::TooManyFields { found }))
    } else {
        (fields, None)
    }
}

/// 1-based line number of byte offset `at` in `text`, counting from `(from, line_at_from)`.
pub(crate) fn line_of(text: &str, from: usize, line_at_from: u64, at: usize) -> u64 {
    let slice = text.as_bytes().get(from..at).unwrap_or(&[]);
    line_at_from + count_newlines(slice)
}

/// Number of `\n` bytes in `bytes`, eight bytes at a time (a byte-wise compare that the
/// compiler does not vectorise well costs several instructions a byte on big inputs).
pub fn count_newlines(bytes: &[u8]) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const NL: u64 = 0x0a0a_0a0a_0a0a_0a0a;
    let mut words = bytes.chunks_exact(8);
    let mut total = 0u64;
    loop {
        // Up to 255 words summed per byte lane, then added across the lanes.
        let mut lanes = 0u64;
        let mut taken = 0;
        for w in words.by_ref().take(255) {
            let mut a = [0u8; 8];
            a.copy_from_slice(w);
            let t = u64::from_le_bytes(a) ^ NL;
            // High bit of each byte set where that byte of `t` is zero (no carries between
            // bytes: (t & 0x7f) + 0x7f <= 0xfe).
            let zero = !(((t & LOW7).wrapping_add(LOW7)) | t | LOW7);
            lanes += zero >> 7;
            taken += 1;
        }
        // Lanes hold at most 255 each: pair them into 16-bit lanes, then add those up.
        const PAIRS: u64 = 0x00ff_00ff_00ff_00ff;
        let pairs = (lanes & PAIRS) + ((lanes >> 8) & PAIRS);
        total += pairs.wrapping_mul(0x0001_0001_0001_0001) >> 48;
        if taken < 255 {
            break;
        }
    }
    total + words.remainder().iter().filter(|&&b| b == b'\n').count() as u64
}

#[cfg(test)]
mod tests {
    use super::count_newlines;

    #[test]
    fn count_newlines_matches_a_plain_count() {
        let mut text = Vec::new();
        let mut rng = crate::testgen::Lcg::new(7);
        for _ in 0..9_000 {
            let x = rng.next_u32();
            // Mostly newlines and their neighbours in value (0x0a ^ 0x80, 0x0b, 0x8a), some
            // all-newline runs longer than one 255-word block.
            text.push(match (x >> 16) % 7 {
                0 | 1 => b'\n',
                2 => 0x8a,
                3 => 0x0b,
                4 => 0xff,
                _ => (x >> 8) as u8,
            });
        }
        text.extend(std::iter::repeat_n(b'\n', 5_000));
        for end in [0, 1, 7, 8, 9, 2_039, 2_040, 2_041, 4_096, text.len()] {
            for start in [0, 1, 3] {
                let s = &text[start.min(end)..end];
                let plain = s.iter().filter(|&&b| b == b'\n').count() as u64;
                assert_eq!(count_newlines(s), plain, "{start}..{end}");
            }
        }
    }
}
