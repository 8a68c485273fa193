//! CSV and TSV through the `csv` crate: RFC 4180 quoting (embedded delimiters and newlines,
//! `""` escapes), flexible field counts, blank lines skipped.
//!
//! An unterminated quote would otherwise swallow the rest of the file into one value: when the
//! last record read ends inside an open quote, its first line is reported as an
//! [`RecordProblem::Unparseable`](super::RecordProblem) record and reading resumes on the next
//! line.

use super::{line_of, shape, Layout, Record, RecordProblem};
use crate::error::Result;

fn reader(segment: &str, delim: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .delimiter(delim)
        .has_headers(false)
        .flexible(true)
        .quoting(true)
        .double_quote(true)
        .from_reader(segment.as_bytes())
}

fn is_blank(rec: &csv::StringRecord) -> bool {
    rec.len() <= 1 && rec.iter().all(|f| f.trim().is_empty())
}

fn is_blank_bytes(rec: &csv::ByteRecord) -> bool {
    rec.len() <= 1
        && rec
            .iter()
            .all(|f| String::from_utf8_lossy(f).trim().is_empty())
}

/// Puts the fields of `rec`, read from `segment` where it starts at byte `start`, into `out`,
/// reusing the `String`s already there.
///
/// The text is already valid UTF-8, so instead of validating each field again (as
/// `StringRecord` does) a field is taken as a slice of the text where the text holds exactly
/// its bytes: an unquoted field starts `i` bytes (one delimiter per earlier field) after its
/// offset in the record's buffer. A quoted field, whose buffer lost its quotes, is decoded from
/// its bytes (always valid: quotes and delimiters are ASCII).
fn fill_fields(segment: &str, start: usize, rec: &csv::ByteRecord, out: &mut Vec<String>) {
    out.truncate(rec.len());
    for (i, bytes) in rec.iter().enumerate() {
        let in_text = rec
            .range(i)
            .and_then(|r| segment.get(start + r.start + i..start + r.end + i))
            .filter(|s| s.as_bytes() == bytes);
        let field = match in_text {
            Some(s) => std::borrow::Cow::Borrowed(s),
            None => String::from_utf8_lossy(bytes),
        };
        match out.get_mut(i) {
            Some(o) => {
                o.clear();
                o.push_str(&field);
            }
            None => out.push(field.into_owned()),
        }
    }
}

/// The first `max` non-blank records split with `delim` (for sniffing).
pub(crate) fn sample(text: &str, delim: u8, max: usize) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut r = reader(text, delim);
    let mut rec = csv::StringRecord::new();
    while out.len() < max {
        match r.read_record(&mut rec) {
            Ok(true) => {
                if !is_blank(&rec) {
                    out.push(rec.iter().map(str::to_owned).collect());
                }
            }
            Ok(false) | Err(_) => break,
        }
    }
    out
}

/// Whether the record starting at the beginning of `slice` ends outside quotes.
fn record_is_terminated(slice: &[u8], delim: u8) -> bool {
    let mut at_field_start = true;
    let mut in_quotes = false;
    let mut i = 0;
    while let Some(&b) = slice.get(i) {
        if in_quotes {
            if b == b'"' {
                if slice.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    in_quotes = false;
                }
            }
        } else if b == b'\n' {
            return true;
        } else if at_field_start && b == b'"' {
            in_quotes = true;
            at_field_start = false;
        } else {
            at_field_start = b == delim;
        }
        i += 1;
    }
    !in_quotes
}

/// Whether `text` can be split without the CSV reader: it has no quote at all and the
/// delimiter is a plain ASCII byte. Then the reader's records are exactly the non-empty runs of
/// bytes between line terminators (`\r` or `\n`) and its fields the pieces of a run between
/// delimiters, so [`read_plain`] gives the same records as [`read_into`]'s reader, without the
/// per-byte state machine and the copy to its buffer.
fn plain(text: &str, delim: u8) -> bool {
    delim.is_ascii()
        && !matches!(delim, b'"' | b'\r' | b'\n')
        && memchr::memchr(b'"', text.as_bytes()).is_none()
}

/// [`read_into`] for text that [`plain`] accepts: the same records (row, fields, problem and
/// line, as the CSV reader numbers them), lent to `sink` the same way.
fn read_plain(
    text: &str,
    delim: u8,
    columns: usize,
    has_header: bool,
    sink: &mut dyn FnMut(&mut Record) -> bool,
) {
    let bytes = text.as_bytes();
    let mut header_pending = has_header;
    let mut row = 0u64;
    let mut lent = Record::default();
    let mut fields: Vec<String> = Vec::new();
    // Where the CSV reader would stand before the next record (just past the terminator byte
    // that ended the last one) and its line count there (1 + newlines before it).
    let mut at = 0usize;
    let mut line = 1u64;
    while at < bytes.len() {
        let rest = bytes.get(at..).unwrap_or(&[]);
        // The reader skips terminators before a record (blank lines, the `\n` of `\r\n`).
        let skip = rest
            .iter()
            .position(|&b| b != b'\n' && b != b'\r')
            .unwrap_or(rest.len());
        let start = at + skip;
        if start >= bytes.len() {
            break;
        }
        let end = memchr::memchr2(b'\n', b'\r', bytes.get(start..).unwrap_or(&[]))
            .map_or(bytes.len(), |n| start + n);
        let record_line = line;
        let skipped = rest.get(..skip).unwrap_or(&[]);
        line += skipped.iter().filter(|&&b| b == b'\n').count() as u64
            + u64::from(bytes.get(end) == Some(&b'\n'));
        at = (end + 1).min(bytes.len());
        let content = text.get(start..end).unwrap_or("");
        split_fields(content, delim, &mut fields);
        // A lone field of white space is a blank line, skipped as `is_blank_bytes` does.
        if fields.len() <= 1 && fields.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if header_pending {
            header_pending = false;
            continue;
        }
        row += 1;
        let (shaped, problem) = shape(std::mem::take(&mut fields), columns);
        lent.row = row;
        lent.fields = shaped;
        lent.problem = problem;
        lent.line = record_line;
        let go_on = sink(&mut lent);
        fields = std::mem::take(&mut lent.fields);
        if !go_on {
            return;
        }
    }
}

/// Splits `content` on `delim` (an ASCII byte, so every piece is a `str`) into `out`, reusing
/// the `String`s already there.
fn split_fields(content: &str, delim: u8, out: &mut Vec<String>) {
    let mut n = 0usize;
    let mut from = 0usize;
    // Inlined: a call per field showed in the profile.
    #[inline(always)]
    fn put_at(out: &mut Vec<String>, n: &mut usize, piece: &str) {
        match out.get_mut(*n) {
            Some(o) => {
                o.clear();
                o.push_str(piece);
            }
            None => out.push(piece.to_owned()),
        }
        *n += 1;
    }
    let mut put = |from: usize, to: usize| {
        put_at(out, &mut n, content.get(from..to).unwrap_or(""));
    };
    // The delimiters found eight bytes at a time (a record's fields are short: a `memchr`
    // call per field cost more in its set-up than in its search).
    let bytes = content.as_bytes();
    let mut at = 0usize;
    while let Some(w) = bytes.get(at..).and_then(<[u8]>::first_chunk::<8>) {
        let mut hits = delimiter_bits(u64::from_le_bytes(*w), delim);
        while hits != 0 {
            let end = at + (hits.trailing_zeros() / 8) as usize;
            put(from, end);
            from = end + 1;
            hits &= hits - 1;
        }
        at += 8;
    }
    for (i, &b) in bytes.iter().enumerate().skip(at) {
        if b == delim {
            put(from, i);
            from = i + 1;
        }
    }
    put(from, bytes.len());
    out.truncate(n);
}

/// The high bit of each byte of `w` equal to `delim`, exactly (no borrow between bytes).
fn delimiter_bits(w: u64, delim: u8) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let x = w ^ (u64::from(delim) * 0x0101_0101_0101_0101);
    // A byte of `x` is zero iff neither its low seven bits carry into the high one nor its
    // high bit is set.
    !(((x & LOW7).wrapping_add(LOW7)) | x | LOW7)
}

/// Reads CSV/TSV records.
pub(crate) fn read(
    text: &str,
    layout: &Layout,
    sink: &mut dyn FnMut(Record) -> bool,
) -> Result<()> {
    read_into(text, layout, &mut |r| sink(std::mem::take(r)))
}

/// Reads CSV/TSV records, lending each to `sink`; the buffers of a record `sink` leaves in
/// place are reused for a later one (no allocation per field once they are warm).
pub(crate) fn read_into(
    text: &str,
    layout: &Layout,
    sink: &mut dyn FnMut(&mut Record) -> bool,
) -> Result<()> {
    let delim = match layout.delimiter.as_deref().map(str::as_bytes) {
        Some([b]) => *b,
        _ if layout.format == super::InputFormat::Tsv => b'\t',
        _ => b',',
    };
    let columns = layout.headers.len();
    if plain(text, delim) {
        read_plain(text, delim, columns, layout.has_header, sink);
        return Ok(());
    }
    read_csv(text, delim, columns, layout.has_header, sink)
}

/// [`read_into`] through the CSV reader (any text).
fn read_csv(
    text: &str,
    delim: u8,
    columns: usize,
    has_header: bool,
    sink: &mut dyn FnMut(&mut Record) -> bool,
) -> Result<()> {
    let mut header_pending = has_header;
    let mut row = 0u64;

    // The record lent to the sink; its field buffers come back as `spare` for the next one.
    let mut lent = Record::default();
    let mut spare: Vec<String> = Vec::new();
    // Returns false when the sink wants to stop. Takes the fields, hands back a buffer to reuse.
    let mut emit =
        |fields: Vec<String>, problem: Option<RecordProblem>, line: u64| -> (bool, Vec<String>) {
            if header_pending {
                header_pending = false;
                return (true, fields);
            }
            row += 1;
            let (fields, problem) = match problem {
                Some(p) => (fields, Some(p)),
                None => shape(fields, columns),
            };
            lent.row = row;
            lent.fields = fields;
            lent.problem = problem;
            lent.line = line;
            let go_on = sink(&mut lent);
            (go_on, std::mem::take(&mut lent.fields))
        };

    let mut offset = 0usize;
    let mut base_line = 1u64;
    loop {
        let segment = text.get(offset..).unwrap_or("");
        let mut r = reader(segment, delim);
        let mut rec = csv::ByteRecord::new();
        // The last record read is held back until we know whether the input ended inside it.
        let mut pending: Option<(Vec<String>, usize, u64)> = None;
        loop {
            match r.read_byte_record(&mut rec) {
                Ok(true) => {
                    if is_blank_bytes(&rec) {
                        continue;
                    }
                    let (byte, line) = rec
                        .position()
                        .map(|p| (p.byte() as usize, base_line + p.line().saturating_sub(1)))
                        .unwrap_or((0, base_line));
                    let mut fields = std::mem::take(&mut spare);
                    fill_fields(segment, byte, &rec, &mut fields);
                    if let Some((f, _, l)) = pending.replace((fields, byte, line)) {
                        let (go_on, back) = emit(f, None, l);
                        spare = back;
                        if !go_on {
                            return Ok(());
                        }
                    }
                }
                Ok(false) => break,
                Err(e) => {
                    // Not expected from a &str source; reported rather than dropped.
                    if let Some((f, _, l)) = pending.take() {
                        if !emit(f, None, l).0 {
                            return Ok(());
                        }
                    }
                    let line = base_line;
                    emit(
                        Vec::new(),
                        Some(RecordProblem::Unparseable {
                            message: format!("CSV error: {e}"),
                        }),
                        line,
                    );
                    return Ok(());
                }
            }
        }
        let Some((fields, byte, line)) = pending else {
            return Ok(());
        };
        let tail = segment.as_bytes().get(byte..).unwrap_or(&[]);
        if record_is_terminated(tail, delim) {
            emit(fields, None, line);
            return Ok(());
        }
        // Unterminated quote: flag the first line of this record and resume after it.
        let first_line_len = tail.iter().position(|&b| b == b'\n');
        let message =
            "unterminated quoted field: a quote opened in this record is never closed".to_owned();
        if !emit(
            Vec::new(),
            Some(RecordProblem::Unparseable { message }),
            line,
        )
        .0
        {
            return Ok(());
        }
        match first_line_len {
            Some(n) => {
                let next = offset + byte + n + 1;
                base_line = line_of(text, offset + byte, line, next);
                offset = next;
            }
            None => return Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{sniff, IngestOptions};

    fn all(text: &str) -> (Layout, Vec<Record>) {
        let layout = sniff(text, &IngestOptions::default()).unwrap();
        let mut out = Vec::new();
        read(text, &layout, &mut |r| {
            out.push(r);
            true
        })
        .unwrap();
        (layout, out)
    }

    #[test]
    fn quoted_newlines_and_escapes() {
        let (l, recs) = all("姓名,地址\n张三,\"北京市\n朝阳区 \"\"一号\"\"\"\n李四,上海\n");
        assert!(l.has_header);
        assert_eq!(recs.len(), 2);
        assert_eq!(recs[0].fields[1], "北京市\n朝阳区 \"一号\"");
        assert_eq!(recs[1].line, 4);
        assert_eq!(recs[1].row, 2);
    }

    #[test]
    fn unterminated_quote_is_flagged_and_reading_resumes() {
        let text = "姓名,地址\n张三,北京\n李四,\"上海\n王五,广州\n赵六,深圳\n";
        let (_, recs) = all(text);
        assert_eq!(recs.len(), 4);
        assert!(matches!(
            recs[1].problem,
            Some(RecordProblem::Unparseable { .. })
        ));
        assert_eq!(recs[1].line, 3);
        assert_eq!(recs[2].fields, vec!["王五", "广州"]);
        assert_eq!(recs[3].line, 5);
    }

    #[test]
    fn ragged_rows_kept() {
        let (_, recs) = all("姓名,手机号,地址\n张三,13800138000\n李四,13900139000,上海,多余\n");
        assert_eq!(recs[0].fields, vec!["张三", "13800138000", ""]);
        assert_eq!(
            recs[0].problem,
            Some(RecordProblem::TooFewFields { found: 2 })
        );
        assert_eq!(recs[1].fields.len(), 4);
        assert_eq!(
            recs[1].problem,
            Some(RecordProblem::TooManyFields { found: 4 })
        );
    }

    /// Every record of `text` as `(row, fields, problem, line)`, through `read`.
    fn records_of(
        text: &str,
        delim: u8,
        columns: usize,
        has_header: bool,
        plain_path: bool,
    ) -> Vec<(u64, Vec<String>, Option<RecordProblem>, u64)> {
        let mut out = Vec::new();
        let mut sink = |r: &mut Record| {
            out.push((r.row, r.fields.clone(), r.problem.clone(), r.line));
            true
        };
        if plain_path {
            read_plain(text, delim, columns, has_header, &mut sink);
        } else {
            read_csv(text, delim, columns, has_header, &mut sink).unwrap();
        }
        out
    }

    /// The split without the CSV reader gives exactly the reader's records, line numbers
    /// included, on quote-free text full of blank lines, `\r`, `\r\n`, white space and ragged
    /// rows.
    #[test]
    fn plain_split_equals_the_csv_reader() {
        let pieces = [
            "a", "中文", ",", ",", ";", "\t", " ", "\n", "\n", "\r", "\r\n", "1", "\u{3000}",
        ];
        let mut rng = crate::testgen::Lcg::new(12_345);
        for case in 0..3_000 {
            let mut text = String::new();
            let len = case % 40;
            for _ in 0..len {
                text.push_str(rng.pick(&pieces));
            }
            for delim in [b',', b';', b'\t'] {
                assert!(plain(&text, delim));
                for (columns, header) in [(2, true), (3, false), (1, false)] {
                    let a = records_of(&text, delim, columns, header, true);
                    let b = records_of(&text, delim, columns, header, false);
                    assert_eq!(a, b, "{text:?} delim {delim} columns {columns}");
                }
            }
        }
        assert!(!plain("a,\"b\"\n", b','));
        assert!(!plain("a,b\n", 0xe4));
    }

    /// Exactly the bytes equal to the delimiter, whatever their neighbours (a borrow from a
    /// matching byte must not mark the next one: `,-` with `,`).
    #[test]
    fn delimiter_bits_are_exact() {
        let pool = [
            0u8,
            1,
            b',' - 1,
            b',',
            b',' + 1,
            b';',
            b'\t',
            b'\t' + 1,
            0x7f,
            0x80,
            0xac,
            0xff,
        ];
        let mut rng = crate::testgen::Lcg::new(3);
        for _ in 0..100_000 {
            let w: [u8; 8] = std::array::from_fn(|_| rng.pick(&pool));
            for delim in [b',', b';', b'\t'] {
                let want = w
                    .iter()
                    .enumerate()
                    .filter(|(_, &b)| b == delim)
                    .fold(0u64, |m, (i, _)| m | 0x80 << (8 * i));
                assert_eq!(delimiter_bits(u64::from_le_bytes(w), delim), want, "{w:?}");
            }
        }
    }

    #[test]
    fn plain_sink_can_stop() {
        let mut n = 0;
        read_plain("a,b\n1,2\n3,4\n5,6\n", b',', 2, true, &mut |_| {
            n += 1;
            n < 2
        });
        assert_eq!(n, 2);
    }

    #[test]
    fn sink_can_stop() {
        let layout = sniff("a,b\n1,2\n3,4\n5,6\n", &IngestOptions::default()).unwrap();
        let mut n = 0;
        read("a,b\n1,2\n3,4\n5,6\n", &layout, &mut |_| {
            n += 1;
            n < 2
        })
        .unwrap();
        assert_eq!(n, 2);
    }
}
