//! Cutting decoded text into byte ranges at record boundaries, so that several workers (or a
//! streaming reader) can each take a range and their [`Accumulator`](crate::analysis::Accumulator)
//! partials, merged in order, give exactly the one-pass report.
//!
//! Design: rows are numbered absolutely by counting first. [`split`] cuts the text; the caller
//! counts each range's records with [`count_records`] (cheap: parsing only, no validation; each
//! worker can count its own range), and reads range `k` with [`read_range`] passing the sum of
//! the counts of ranges `0..k`, so every record keeps the row and line numbers a single pass
//! gives.
//!
//! Where cuts fall: CSV/TSV at a line feed outside quotes (a quoted value may hold newlines;
//! the scan follows the reader's quoting rules, and a text that ends inside an open quote — the
//! reader's unterminated-quote recovery — stays one range); loose text and JSON Lines at any
//! line feed (one record per line). A JSON array or document and SQL dumps stay one range: their
//! records are found by a bracket/statement parser whose state at a given byte cannot be known
//! without parsing everything before it, so cutting them would cost the pass it saves. The first
//! range always holds the header record.

use super::{read_records, InputFormat, Layout, Record};
use crate::error::Result;
use std::ops::Range;

/// Whether the format can be cut at all (see the module documentation).
pub fn splittable(format: InputFormat) -> bool {
    matches!(
        format,
        InputFormat::Csv | InputFormat::Tsv | InputFormat::Text | InputFormat::Jsonl
    )
}

fn delimiter(layout: &Layout) -> u8 {
    match layout.delimiter.as_deref().map(str::as_bytes) {
        Some([b]) => *b,
        _ if layout.format == InputFormat::Tsv => b'\t',
        _ => b',',
    }
}

/// Calls `keep` with the offset just after every line feed that ends a record (CSV quoting
/// followed, as the `csv` crate does: a quote opens only at a field start, `""` escapes) and
/// is neither preceded nor followed by an empty line.
/// `None` when the text ends inside an open quote.
fn quoted_cut_points(text: &[u8], delim: u8, mut keep: impl FnMut(usize)) -> Option<()> {
    #[derive(Clone, Copy, PartialEq)]
    enum S {
        FieldStart,
        InField,
        Quoted,
        QuoteInQuoted,
    }
    let mut s = S::FieldStart;
    // Whether the line ending here has content: the reader skips empty lines before a record
    // and reports the record at the first of them, so a cut must not fall next to one.
    let mut content = false;
    for (i, &b) in text.iter().enumerate() {
        let line_had_content = content;
        content = match b {
            b'\n' => false,
            b'\r' => content,
            _ => true,
        };
        s = match (s, b) {
            (S::Quoted, b'"') => S::QuoteInQuoted,
            (S::Quoted, _) => S::Quoted,
            (S::QuoteInQuoted, b'"') => S::Quoted,
            (S::FieldStart, b'"') => S::Quoted,
            (_, b'\n') => {
                if line_had_content && !matches!(text.get(i + 1), Some(b'\n' | b'\r')) {
                    keep(i + 1);
                }
                S::FieldStart
            }
            (_, b'\r') => S::FieldStart,
            (_, d) if d == delim => S::FieldStart,
            _ => S::InField,
        };
    }
    (s != S::Quoted).then_some(())
}

/// Byte offset of the start of 1-based `line` in `text` (the end of the text if there is none).
pub(crate) fn line_start(text: &str, line: u64) -> usize {
    if line <= 1 {
        return 0;
    }
    text.bytes()
        .enumerate()
        .filter(|&(_, b)| b == b'\n')
        .nth((line - 2) as usize)
        .map_or(text.len(), |(i, _)| i + 1)
}

/// Cuts `text` into at most `parts` contiguous byte ranges at record boundaries, of roughly
/// equal size; they cover the whole text in order. One range when the format cannot be cut.
pub fn split(text: &str, layout: &Layout, parts: usize) -> Result<Vec<Range<usize>>> {
    #[allow(clippy::single_range_in_vec_init)] // one range: the whole text
    let whole = vec![0..text.len()];
    if parts <= 1 || !splittable(layout.format) || text.is_empty() {
        return Ok(whole);
    }
    // The first range must hold the header: no cut before the first data record's line.
    let mut min_cut = 0;
    if layout.has_header {
        let mut first_line = None;
        read_records(text, layout, &mut |r| {
            first_line = Some(r.line);
            false
        })?;
        match first_line {
            Some(l) => min_cut = line_start(text, l),
            None => return Ok(whole),
        }
    }
    let target = text.len().div_ceil(parts).max(1);
    let mut cuts = Vec::new();
    let mut next_at = target.max(min_cut);
    let mut keep = |at: usize| {
        if at >= next_at && at < text.len() && cuts.len() + 1 < parts {
            cuts.push(at);
            next_at = (at + target).max(min_cut);
        }
    };
    let ok = match layout.format {
        InputFormat::Csv | InputFormat::Tsv => {
            quoted_cut_points(text.as_bytes(), delimiter(layout), &mut keep)
        }
        _ => {
            for (i, b) in text.bytes().enumerate() {
                if b == b'\n' {
                    keep(i + 1);
                }
            }
            Some(())
        }
    };
    if ok.is_none() {
        return Ok(whole);
    }
    let mut out = Vec::with_capacity(cuts.len() + 1);
    let mut start = 0;
    for c in cuts {
        out.push(start..c);
        start = c;
    }
    out.push(start..text.len());
    Ok(out)
}

/// The layout a range is read with: only the first range has the header.
fn range_layout(layout: &Layout, range: &Range<usize>) -> Layout {
    let mut l = layout.clone();
    l.has_header = layout.has_header && range.start == 0;
    l
}

/// Number of records in `range` (a range from [`split`]).
pub fn count_records(text: &str, layout: &Layout, range: Range<usize>) -> Result<u64> {
    let slice = text.get(range.clone()).unwrap_or("");
    let mut n = 0u64;
    super::for_each_record(slice, &range_layout(layout, &range), &mut |_| {
        n += 1;
        true
    })?;
    Ok(n)
}

/// Feeds the records of `range` (a range from [`split`]) to `sink` with the row and line
/// numbers of a single pass: `rows_before` is the number of records in the ranges before it.
pub fn read_range(
    text: &str,
    layout: &Layout,
    range: Range<usize>,
    rows_before: u64,
    sink: &mut dyn FnMut(Record) -> bool,
) -> Result<()> {
    let slice = text.get(range.clone()).unwrap_or("");
    let lines_before = super::count_newlines(text.as_bytes().get(..range.start).unwrap_or(&[]));
    read_records(slice, &range_layout(layout, &range), &mut |mut r| {
        r.row += rows_before;
        r.line += lines_before;
        sink(r)
    })
}
