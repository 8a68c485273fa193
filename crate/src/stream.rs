//! Streaming verification: the input in chunks of any size, in one range or in several byte
//! ranges read by separate workers whose partial results merge into the one-pass report.
//!
//! **One range** ([`Session::whole`]): bytes are fed in order. The session holds them until it
//! has a *head* big enough to plan from ([`HEAD_BYTES`] of text, doubled while it is not enough, or the
//! whole input): encoding detection (on the first [`DECIDE_BYTES`](crate::ingest::decode::DECIDE_BYTES), exactly as the one-pass
//! [`crate::ingest::decode`]), sniffing, the [`SAMPLE_ROWS`]-record sample → [`Plan`]. From
//! then on each chunk is decoded incrementally ([`StreamDecoder`]: a character split between
//! chunks is decoded whole), the decoded text is cut at the last record boundary seen (CSV
//! quoting followed, the rules of [`crate::ingest::chunk`]) and the complete records are
//! analysed; the rest is carried over to the next chunk. Memory: one chunk, the records
//! crossing its end, and the accumulator's bounded tables. JSON documents other than a
//! top-level array or a search response (one object, say) are sniffed from all of their text
//! (the union of keys), so they are held whole and analysed at the end. The SHA-256 of the
//! input is computed on the way.
//!
//! **JSON Lines** stream like loose text (one record per line; a line feed never falls inside
//! a JSON string, so every line feed is a cut). Their columns are the keys of the first
//! [`SAMPLE_ROWS`] records (first-seen order; [`ingest::sniff_head`]) — the records the plan
//! samples, which every head that can be planned from holds — not the union over the whole
//! input, which a stream cannot know. A later record's keys that are not columns are not
//! analysed; they are counted ([`LateKeys`]: records holding any, and records per key) and
//! the report says so in `input.late_keys`. Nested values are their JSON text, as in the
//! one-pass reader.
//!
//! **A JSON array** (a document whose top level is an array: `[{…}, {…}, …]`) streams in one
//! range the same way: columns from the keys of its first [`SAMPLE_ROWS`] elements, later keys
//! counted in `input.late_keys` (arrays of arrays: the widest of the first [`SAMPLE_ROWS`]
//! sets the columns, a wider one later is flagged ragged). Its pieces are cut just after an
//! element's end — a `,` or the closing `]` outside strings and nesting — by the one-pass
//! reader's element scanner, whose state (depth, an open string or escape) is carried from
//! chunk to chunk (`ingest::json::ArrayCuts`); each piece's elements are read where that scan
//! found them (no second scan), and nothing after the closing `]` is read or held (the
//! one-pass reader ignores it too). An element is held whole until its end arrives (a bracket
//! left open makes the rest of the input one element, flagged unparseable, as in one pass).
//! It cannot be cut into byte ranges: the scanner's state at a byte is not known without
//! every byte before it.
//!
//! **An Elasticsearch search response** (`{"took":…, "hits": {"total":…, "hits": [{…}, …]},
//! …}`, which the one-pass reader reads as the elements of `hits.hits`) streams in one range
//! as that array: when the head holds the array's `[` (and the format is JSON, not JSON Lines:
//! a response on one line is one document too, `ingest::sniff`), the text before the `[` (the other
//! keys, in any order, nesting, strings and escapes: `ingest::json::es_hits_start`, a scan
//! that follows depth, strings and escapes and never recurses) is dropped once the prefix is
//! checked by parsing it closed (`…]}}`) the way the one-pass reader picks its array (the
//! first `hits` key of the top object, an object, and its first `hits` key, an array). From
//! the `[` on, the text is planned from and read exactly as a top-level array (columns from
//! the first [`SAMPLE_ROWS`] hits, later keys in `input.late_keys`). After the array's `]`
//! the rest of the document (the keys after `hits`, `aggregations` say, and the closing
//! braces) is not read or held: only its nesting is followed (`ingest::json::DocTail`). The
//! one-pass reader parses the whole document first and reads one that is not valid JSON as a
//! single unparseable record, so a stream that finds at its end that the document was not one
//! (its hits array or the document does not end, something other than white space follows
//! it, a hit is not valid JSON, an empty hit such as a trailing comma) fails with
//! [`Error::ReadWhole`]; the CLI then reads the file again whole ([`verify_reader_with_head`]).
//! Not checked by the stream (the report then differs from one pass, which reads such a
//! document as one unparseable record): grammar errors in the keys after the array that keep
//! its brackets balanced (`]}, "x": }`). A response whose array does not start in the head (a huge key before
//! `hits`), or of another shape, is held whole as before.
//!
//! **JSON Lines of search responses** (`Layout::search_responses`: the first line with content
//! is a whole search response and more lines follow — a scraper's scroll pages, one a line)
//! are read as every line's hits, each as a single response's hits; a line that is not a search
//! response is one unparseable record. When the head holds the first line (and the start of
//! the next), the plan says so and they stream like other JSON Lines: cut at line feeds (in
//! byte ranges too), each line held and parsed whole, columns from the first [`SAMPLE_ROWS`]
//! hits. A first line longer than the head (or one that ends the head) looks like one
//! document: it streams as a search response's hits array, and when the document ends its
//! line (nothing but white space after it, no line feed inside it, the format sniffed) and a
//! line feed follows, the session reads on as lines of search responses
//! (`Planned::after_response`); its hits were read exactly as those lines read them, and the
//! report says `jsonl` once a line with content follows (blank lines only: one document,
//! `json`, as the one-pass sniffing says). Such an input is not cut into ranges (its head
//! cannot tell).
//!
//! **An SQL dump** (`INSERT INTO t [(cols)] VALUES (…),(…);`, mysqldump and phpMyAdmin alike)
//! streams in one range: columns from the first [`SAMPLE_ROWS`] tuples (the union of their
//! tables' column names, from the INSERT's column list or the table's `CREATE TABLE`, or
//! `column N` up to the longest tuple of a table whose columns are not known — the one-pass
//! union over those tuples), later column names counted in `input.late_keys` (a tuple without
//! names that is wider than the columns is flagged ragged, its extra values kept). Each piece
//! is read by the one-pass reader's scanner (`ingest::sql`) with its state carried from the
//! piece before — the step it is at (white space and comments, a statement's start, a tuple,
//! a skipped statement, the search after a broken tuple), the tables' columns, the INSERT's
//! columns: it stops at its last checkpoint before the piece's end (a statement's start or a
//! tuple's `(`, or for the byte-by-byte steps the piece's end with the open string or comment
//! in its state), and the text from there is kept for the next piece; nothing is scanned
//! twice but a tuple or statement start crossing a piece's end, and that again only once
//! the held text has doubled. A tuple held for more than [`SQL_MAX_HELD`] is read as a broken
//! one (one unparseable record; reading goes on from the first `),(` or `);` after its `(`,
//! as in one pass after a broken tuple); a statement whose start (up to its end or first
//! tuple) runs on that long fails the stream with [`Error::ReadWhole`]. It cannot be cut into
//! byte ranges: the scanner's state at a byte is not known without every byte before it.
//!
//! **Several ranges** ([`Session::range`]): the caller cuts the input at nominal offsets
//! (e.g. `total * k / n`) and gives every worker the head of the input (its first
//! [`HEAD_BYTES`], or all of it) and its nominal range `[start, end)`; the worker is fed the
//! input's bytes from `start` on, past `end`, until [`Fed::done`]. Where a range really
//! starts: `B(x)` is the first offset `p > x'` (`x' = max(x, first data line)`) just after a
//! line feed that ends a line with content (a byte other than `\r` at or after `x'`) and is
//! not followed by `\n`, `\r` or the end of input — a record start *if the text is unquoted
//! there*. Range `k` analyses the bytes `[B(start), B(end))` (range 0 from byte 0; the last to
//! the end), so neighbours agree on their shared boundary by construction. Quoting is checked,
//! not assumed: each worker follows CSV quotes from its own start, and if its end falls inside
//! a quoted value (a quoted newline straddled the cut) it fails with
//! [`Error::NotCuttable`]; the caller then reads the input as one range. Induction from
//! range 0 (which starts at a true record start) makes every accepted boundary a true one.
//! Only UTF-8 and GB18030 input in CSV, TSV, JSON Lines or loose-text layout can be cut (a line feed byte
//! is a line feed there; in UTF-16 it is not), and the head must hold more than
//! [`SAMPLE_ROWS`] complete records; otherwise [`Session::range`] fails with
//! [`Error::NotCuttable`] too.
//!
//! **Numbering**: each range numbers its rows from 1; [`merge_parts`] shifts a part's row
//! numbers by the rows of the parts before it (`Accumulator::shift_rows`), so flags and
//! examples carry the numbers of one pass. Merge checks that the parts are contiguous, cover
//! the input, were planned identically and that no boundary was refused.
//!
//! **Contract** (the wasm exports in [`crate::wasm`] mirror it): `Session::range(head,
//! options, start, end, total)` → `feed(chunk)` repeatedly with consecutive bytes from `start`
//! → [`Fed`] `{done, rows, bytes}` → `finish_part()` → [`Part`] → `Part::to_bytes()`; the
//! coordinator `merge_parts(parts in range order)` → `finish_report(merged, sha256_hex)`. A
//! one-range session ends with `finish()` (the report, its own SHA-256 included) or
//! `finish_part()` (a part that already holds the SHA-256: `finish_report(part, None)`).
//! The same input gives a byte-identical report whatever the chunk sizes and number of ranges.

use crate::analysis::{today, Accumulator, InputMeta, Plan, SAMPLE_ROWS};
use crate::civil::Date;
use crate::error::{Error, Result};
use crate::ingest::decode::{detect, reported_name_of, Detected, StreamDecoder, DECIDE_BYTES};
use crate::ingest::{self, InputFormat, Layout, Record};
use crate::options::Options;
use crate::report::{LateKeys, Report};
use crate::validate::Context;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Bytes of the input planned from (more when they hold too few records).
pub const HEAD_BYTES: usize = 1 << 20;

/// The chunk size the CLI reads with.
pub const CHUNK_BYTES: usize = 1 << 20;

/// Version of the [`Part`] byte format; parts of another version are refused. 2: the parts
/// carry JSON Lines' late keys (`input.late_keys`), the sampled maps' keys are the
/// word-at-a-time `stats::sampled::hash64` (a part keyed by the earlier byte-wise hash would
/// merge wrongly), and the profile counts are in the accumulation layout
/// (`stats::profile::Profile::hot_index`). 3: the exact-row map counts each row's occurrences
/// (`stats::SampleStats::duplicate_rows`; it held keys only), and the plan says whether the
/// input is JSON Lines of search responses (`Layout::search_responses`). 4: the valid phone
/// numbers are also counted by hash bucket (`stats::SampleStats::phone_buckets`). 5: so are the
/// valid identity numbers (`stats::SampleStats::id_buckets`).
const PART_VERSION: u32 = 5;

/// Records between two looks at the clock for `limits.max_seconds`.
const TIME_CHECK_EVERY: u64 = 1_000;

/// The most decoded text a session holds for one SQL tuple, or for one statement up to its
/// first tuple, that has not ended ([`Session::set_sql_max_held`]): past it, the tuple is read
/// as one unparseable record (as a broken tuple), the statement fails the stream with
/// [`Error::ReadWhole`].
pub const SQL_MAX_HELD: usize = 64 << 20;

/// What a feed achieved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Fed {
    /// The session has every byte it needs: feed no more, finish.
    pub done: bool,
    /// Records analysed so far (records still carried over are not counted yet).
    pub rows: u64,
    /// Bytes fed so far.
    pub bytes: u64,
}

/// Incremental SHA-256, lower-case hex at the end.
#[derive(Clone, Default)]
pub struct Sha256Stream(Sha256);

impl Sha256Stream {
    pub fn new() -> Sha256Stream {
        Sha256Stream::default()
    }

    pub fn update(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    pub fn hex(self) -> String {
        self.0
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

/// Record boundaries in text that arrives in pieces: a line feed that ends a record (CSV
/// quotes followed when `quoted`), ends a line with content and is not followed by an empty
/// line — the cut points of [`crate::ingest::chunk`].
#[derive(Clone, Debug)]
struct Cutter {
    quoted: bool,
    delim: u8,
    state: Q,
    content: bool,
    /// A cut just after a line feed, waiting for the next byte.
    candidate: Option<usize>,
    /// The last confirmed cut.
    cut: usize,
    /// Bytes of the buffer scanned so far.
    scanned: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Q {
    FieldStart,
    InField,
    Quoted,
    QuoteInQuoted,
}

impl Cutter {
    fn new(layout: &Layout) -> Cutter {
        let delim = match layout.delimiter.as_deref().map(str::as_bytes) {
            Some([b]) => *b,
            _ if layout.format == InputFormat::Tsv => b'\t',
            _ => b',',
        };
        Cutter {
            quoted: matches!(layout.format, InputFormat::Csv | InputFormat::Tsv),
            delim,
            state: Q::FieldStart,
            content: false,
            candidate: None,
            cut: 0,
            scanned: 0,
        }
    }

    /// Scans the new bytes of `buf` (those past `scanned`). Only line feeds, carriage returns
    /// and quotes are stopped at: a run of other bytes sets the state as its last byte does
    /// (after a delimiter a field starts, after anything else it is under way), and inside a
    /// quoted field nothing but the next quote matters.
    fn scan(&mut self, buf: &[u8]) {
        let quote = if self.quoted { b'"' } else { b'\n' };
        let mut i = self.scanned;
        while let Some(rest) = buf.get(i..).filter(|r| !r.is_empty()) {
            if self.quoted && self.state == Q::Quoted {
                // Line feeds in a quoted field end no record; the quote that closes it sets
                // `content`. (Where no quote follows yet, `content` is left as the bytes set it.)
                let n = memchr::memchr(b'"', rest).unwrap_or(rest.len());
                if let Some(&last) = rest
                    .get(..n)
                    .and_then(|r| r.iter().rev().find(|&&b| b != b'\r'))
                {
                    self.content = last != b'\n';
                }
                if let Some(&b) = rest.get(n) {
                    self.step(i + n, b);
                }
                i += n + 1;
                continue;
            }
            let n = find_any3(rest, b'\n', b'\r', quote);
            if let Some(&last) = n.checked_sub(1).and_then(|k| rest.get(k)) {
                if let Some(c) = self.candidate.take() {
                    self.cut = c;
                }
                self.content = true;
                if self.quoted {
                    self.state = if last == self.delim {
                        Q::FieldStart
                    } else {
                        Q::InField
                    };
                }
            }
            if let Some(&b) = rest.get(n) {
                self.step(i + n, b);
            }
            i += n + 1;
        }
        self.scanned = buf.len();
    }

    /// One byte at offset `i`.
    fn step(&mut self, i: usize, b: u8) {
        if let Some(c) = self.candidate.take() {
            if b != b'\n' && b != b'\r' {
                self.cut = c;
            }
        }
        let had_content = self.content;
        self.content = match b {
            b'\n' => false,
            b'\r' => self.content,
            _ => true,
        };
        if !self.quoted {
            if b == b'\n' && had_content {
                self.candidate = Some(i + 1);
            }
            return;
        }
        self.state = match (self.state, b) {
            (Q::Quoted, b'"') => Q::QuoteInQuoted,
            (Q::Quoted, _) => Q::Quoted,
            (Q::QuoteInQuoted, b'"') => Q::Quoted,
            (Q::FieldStart, b'"') => Q::Quoted,
            (_, b'\n') => {
                if had_content {
                    self.candidate = Some(i + 1);
                }
                Q::FieldStart
            }
            (_, b'\r') => Q::FieldStart,
            (_, d) if d == self.delim => Q::FieldStart,
            _ => Q::InField,
        };
    }

    /// The first `n` bytes were consumed: offsets move down.
    fn consumed(&mut self, n: usize) {
        self.scanned -= n.min(self.scanned);
        self.cut -= n.min(self.cut);
        self.candidate = self.candidate.map(|c| c - n.min(c));
    }

    fn inside_quotes(&self) -> bool {
        self.quoted && self.state == Q::Quoted
    }
}

/// Where decoded text arriving in pieces can be cut: at record boundaries found by line feeds
/// ([`Cutter`]), or, for a top-level JSON array, after an element's end (the element scanner's
/// string and nesting state carried across pieces).
#[derive(Clone, Debug)]
enum Cuts {
    Lines(Cutter),
    Array(ingest::JsonArrayCuts),
}

impl Cuts {
    fn new(layout: &Layout, json_array: bool) -> Cuts {
        if json_array {
            Cuts::Array(ingest::JsonArrayCuts::default())
        } else {
            Cuts::Lines(Cutter::new(layout))
        }
    }

    fn scan(&mut self, buf: &[u8]) {
        match self {
            Cuts::Lines(c) => c.scan(buf),
            Cuts::Array(c) => c.scan(buf),
        }
    }

    /// The last confirmed cut.
    fn cut(&self) -> usize {
        match self {
            Cuts::Lines(c) => c.cut,
            Cuts::Array(c) => c.cut(),
        }
    }

    /// A JSON array's closing `]` was seen (just before [`Cuts::cut`]): nothing after it is read.
    fn closed(&self) -> bool {
        match self {
            Cuts::Lines(_) => false,
            Cuts::Array(c) => c.closed(),
        }
    }

    fn consumed(&mut self, n: usize) {
        match self {
            Cuts::Lines(c) => c.consumed(n),
            Cuts::Array(c) => c.consumed(n),
        }
    }

    fn inside_quotes(&self) -> bool {
        match self {
            Cuts::Lines(c) => c.inside_quotes(),
            Cuts::Array(_) => false,
        }
    }
}

/// The offset of the first byte of `hay` that is `a`, `b` or `c` (`hay.len()` if none).
fn find_any3(hay: &[u8], a: u8, b: u8, c: u8) -> usize {
    memchr::memchr3(a, b, c, hay).unwrap_or(hay.len())
}

/// Finds `B(x)` (see the module documentation) in bytes seen in order.
#[derive(Clone, Debug)]
struct Seeker {
    from: u64,
    content: bool,
    candidate: Option<u64>,
    found: Option<u64>,
}

impl Seeker {
    fn new(from: u64) -> Seeker {
        Seeker {
            from,
            content: false,
            candidate: None,
            found: None,
        }
    }

    /// Scans `chunk`, whose first byte is at offset `at`; returns the boundary once found.
    fn scan(&mut self, at: u64, chunk: &[u8]) -> Option<u64> {
        if self.found.is_some() {
            return self.found;
        }
        let skip = self.from.saturating_sub(at).min(chunk.len() as u64) as usize;
        for (i, &b) in chunk.iter().enumerate().skip(skip) {
            let pos = at + i as u64;
            if let Some(c) = self.candidate.take() {
                if b != b'\n' && b != b'\r' {
                    self.found = Some(c);
                    return self.found;
                }
            }
            if b == b'\n' {
                if self.content {
                    self.candidate = Some(pos + 1);
                }
                self.content = false;
            } else if b != b'\r' {
                self.content = true;
            }
        }
        None
    }
}

/// What a session plans from, kept in its [`Part`] so that the coordinator can rebuild the
/// [`Plan`] without the input.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct PlanSeed {
    /// The options as JSON (they flatten a struct, which the compact format cannot encode).
    options: String,
    reference_date: Date,
    format: InputFormat,
    delimiter: Option<String>,
    has_header: bool,
    headers: Vec<String>,
    /// JSON Lines of search responses ([`Layout::search_responses`]).
    search_responses: bool,
    sample: Vec<Vec<String>>,
}

impl PlanSeed {
    fn layout(&self) -> Layout {
        Layout {
            format: self.format,
            delimiter: self.delimiter.clone(),
            has_header: self.has_header,
            headers: self.headers.clone(),
            search_responses: self.search_responses,
        }
    }

    fn options(&self) -> Result<Options> {
        serde_json::from_str(&self.options)
            .map_err(|e| Error::BadOptions(format!("the partial result's options: {e}")))
    }

    fn plan(&self) -> Result<Plan> {
        let sample: Vec<Record> = self
            .sample
            .iter()
            .enumerate()
            .map(|(i, f)| Record {
                row: i as u64 + 1,
                fields: f.clone(),
                problem: None,
                line: 0,
            })
            .collect();
        Plan::new(
            &self.layout(),
            &sample,
            &self.options()?,
            Context {
                reference_date: self.reference_date,
            },
        )
    }
}

/// A worker's partial result: serialisable ([`Part::to_bytes`]) and mergeable in range order.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Part {
    version: u32,
    seed: PlanSeed,
    encoding: String,
    /// The raw bytes analysed: `[start, end)` of `total`.
    start: u64,
    end: u64,
    total: u64,
    malformed: u64,
    acc: Accumulator,
    /// JSON Lines and JSON arrays: keys that are not columns.
    late: LateKeys,
    /// The input's SHA-256, when one session read all of it.
    sha256: Option<String>,
}

impl Part {
    /// The part as compact bytes (postcard).
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        postcard::to_allocvec(self)
            .map_err(|e| Error::Internal(format!("cannot serialise a partial result: {e}")))
    }

    /// A part read back from [`Part::to_bytes`]; anything else is a clear error.
    pub fn from_bytes(bytes: &[u8]) -> Result<Part> {
        let bad =
            |m: String| Error::BadOptions(format!("not a partial result of this version: {m}"));
        let part: Part = postcard::from_bytes(bytes).map_err(|e| bad(e.to_string()))?;
        if part.version != PART_VERSION {
            return Err(bad(format!("format {}", part.version)));
        }
        Ok(part)
    }

    /// Records in this part.
    pub fn rows(&self) -> u64 {
        self.acc.rows()
    }

    /// The raw byte range analysed.
    pub fn byte_range(&self) -> std::ops::Range<u64> {
        self.start..self.end
    }
}

/// Whether a planned layout can be read chunk by chunk (its sniffing needs only a head; JSON:
/// a top-level array or a search response only, see [`plan_text`]).
fn streamable(format: InputFormat) -> bool {
    matches!(
        format,
        InputFormat::Csv
            | InputFormat::Tsv
            | InputFormat::Text
            | InputFormat::Jsonl
            | InputFormat::Sql
    )
}

/// The plan and reading state, once the head is known.
struct Planned {
    detected: Detected,
    seed: PlanSeed,
    plan: Plan,
    layout: Layout,
    /// The layout of every piece after the first (no header).
    rest_layout: Layout,
    /// Decoded text not analysed yet.
    pending: String,
    cutter: Cuts,
    /// A top-level JSON array: pieces are read by the elements their cuts found.
    json_array: bool,
    /// An Elasticsearch search response streamed as its `hits` array: the head's text before
    /// the array's `[` (dropped), the end of the document after its `]` (followed, not held),
    /// and why the document is not one valid JSON document, once seen.
    es: Option<EsResponse>,
    /// An SQL dump: read by its scanner, whose state is carried from piece to piece.
    sql: Option<SqlRead>,
    /// The first piece must reach at least this far into `pending` (the first data line).
    min_cut: usize,
    first_piece: bool,
    /// A search response on the first line was followed by more lines: they are read as JSON
    /// Lines of search responses, and the report says `jsonl` once one has content.
    more_responses: bool,
    /// Decoded text can be analysed piece by piece.
    streaming: bool,
}

/// An SQL dump read in pieces (see [`Planned::sql`]).
#[derive(Debug, Default)]
struct SqlRead {
    stream: ingest::SqlStream,
    /// The scanner runs again once `pending` holds this much (twice what it held when the
    /// scanner last stopped short of its end), or at the end: a tuple longer than a piece is
    /// scanned O(log n) times, not once a piece.
    retry_at: usize,
}

/// An Elasticsearch search response read as its `hits` array (see [`Planned::es`]).
#[derive(Clone, Debug, Default)]
struct EsResponse {
    skip: usize,
    tail: ingest::JsonDocTail,
    invalid: Option<&'static str>,
    /// The format was sniffed (not forced): if the response is one line and more lines follow,
    /// the input is JSON Lines of search responses ([`Planned::after_response`]).
    sniffed: bool,
    /// A line feed in the response up to its hits array's `]`.
    newline: bool,
}

/// Where the `hits` array of an Elasticsearch search response starts in the head text (just
/// after its `[`), when the one-pass reader would read the whole input as that array if it is
/// one valid JSON document: the head holds the array's `[`, and the format sniffed from the
/// head is JSON (not JSON Lines). The whole input sniffs the same unless its first line is a
/// whole search response followed by more lines (JSON Lines of search responses, which the
/// head did not show: the line is longer than the head or ends it): a stream finds that at the
/// document's end and reads on as such lines ([`Planned::after_response`]).
fn es_hits_start(text: &str, options: &Options) -> Result<Option<usize>> {
    let Some(off) = ingest::json_es_hits_start(text) else {
        return Ok(None);
    };
    let head = ingest::sniff_head(text, &options.ingest, SAMPLE_ROWS)?;
    Ok((head.format == InputFormat::Json).then_some(off))
}

impl Planned {
    /// Follows a search response after its hits array's `]` (the text in `pending`). When the
    /// response was the input's first line — one line, a whole valid document as far as the
    /// stream can tell ([`Planned::check_es_end`]), its format sniffed — and a line feed ends
    /// that line, the input is JSON Lines of search responses, as the one-pass sniffing finds
    /// when more lines with content follow (blank lines only: one document, which the lines
    /// read as such find too, as they hold no record): `pending` keeps the text after that
    /// line and the session reads on as those lines (cut at line feeds, each a response's
    /// hits) — `true`. Otherwise the text is only followed, not read — `false`.
    fn after_response(&mut self) -> bool {
        let Some(es) = self.es.as_mut() else {
            return false;
        };
        let Some(next) = es.tail.scan(self.pending.as_bytes()) else {
            return false;
        };
        let one_line = es.sniffed && !es.newline && !es.tail.newline();
        if !one_line || self.check_es_end().is_err() {
            if let (Some(es), Some(rest)) = (self.es.as_mut(), self.pending.get(next..)) {
                es.tail.scan(rest.as_bytes());
            }
            return false;
        }
        self.pending.replace_range(..next, "");
        self.es = None;
        self.json_array = false;
        self.rest_layout.format = InputFormat::Jsonl;
        self.rest_layout.search_responses = true;
        self.layout = self.rest_layout.clone();
        self.cutter = Cuts::new(&self.rest_layout, false);
        self.more_responses = true;
        true
    }

    /// An Elasticsearch search response streamed to its end: [`Error::ReadWhole`] unless it was
    /// one valid JSON document as far as the stream can tell (its hits array and the document
    /// closed, nothing but white space after it, no hit that is not valid JSON, no empty hit
    /// such as a trailing comma): the one-pass reader reads any other document as one record.
    fn check_es_end(&self) -> Result<()> {
        let Some(es) = &self.es else {
            return Ok(());
        };
        let why = if let Some(why) = es.invalid {
            why
        } else if !self.cutter.closed() {
            "its hits array does not end"
        } else if !es.tail.complete() {
            "the document does not end, or text follows it"
        } else if matches!(&self.cutter, Cuts::Array(c) if c.hole()) {
            "its hits array has an empty element"
        } else {
            return Ok(());
        };
        Err(Error::ReadWhole(format!(
            "this Elasticsearch search response is not one valid JSON document ({why}), which is read as one record"
        )))
    }
}

/// Plans from `head`. `whole`: the head is the whole input. `Ok(None)` when the head is too
/// short to plan from exactly as one pass would.
fn plan_head(head: &[u8], whole: bool, options: &Options, ctx: Context) -> Result<Option<Planned>> {
    if !whole && head.len() < DECIDE_BYTES {
        return Ok(None);
    }
    let detected = detect(head, whole, &options.ingest)?;
    let mut decoder = StreamDecoder::new(&detected);
    let mut text = String::new();
    decoder.feed(head.get(detected.skip..).unwrap_or(&[]), whole, &mut text);
    plan_text(&text, whole, detected, options, ctx)
}

/// Plans from decoded head text (`whole`: all of the input's text). `Ok(None)` when it is
/// too short to plan from exactly as one pass would. The returned plan's `pending` is empty.
fn plan_text(
    text: &str,
    whole: bool,
    detected: Detected,
    options: &Options,
    ctx: Context,
) -> Result<Option<Planned>> {
    // Cheap first: more than SAMPLE_ROWS complete records need as many line feeds (but for a
    // JSON array, which may have none).
    let few_lines = || ingest::count_newlines(text.as_bytes()) <= SAMPLE_ROWS as u64;
    let maybe_array = ingest::json_top_level_array(text);
    // An Elasticsearch search response streams as its `hits` array: planned from the text
    // that starts at the array's `[`, exactly as a top-level array.
    let es = match whole || maybe_array {
        true => None,
        false => es_hits_start(text, options)?,
    };
    let (text, es) = match es.and_then(|off| Some((text.get(off - 1..)?, text.get(..off - 1)?))) {
        Some((array, before)) => (
            array,
            Some(EsResponse {
                skip: before.len(),
                sniffed: options.ingest.format.is_none(),
                newline: before
                    .trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
                    .contains('\n'),
                ..EsResponse::default()
            }),
        ),
        None => (text, None),
    };
    let maybe_array = maybe_array || es.is_some();
    // JSON Lines of search responses whose first line the head holds: records are hits, not
    // lines (a head of a few long lines can hold enough). An SQL dump may hold thousands of
    // tuples on one line.
    let response_lines =
        !maybe_array && ingest::json_is_search_response_line(ingest::json_first_line(text));
    let maybe_sql = !maybe_array && !response_lines && ingest::is_sql(text, &options.ingest);
    if !whole && !maybe_array && !response_lines && !maybe_sql && few_lines() {
        return Ok(None);
    }
    let layout = ingest::sniff_head(text, &options.ingest, SAMPLE_ROWS)?;
    let json_array = maybe_array && layout.format == InputFormat::Json;
    let sql = layout.format == InputFormat::Sql;
    if !whole && !json_array && maybe_array && few_lines() {
        return Ok(None);
    }
    if layout.headers.len() > options.limits.max_columns {
        return Err(Error::Limit(format!(
            "the input has {} columns, more than the limit of {} (option limits.max_columns)",
            layout.headers.len(),
            options.limits.max_columns
        )));
    }
    let streaming = streamable(layout.format) || json_array;
    if !whole && !streaming {
        return Ok(None);
    }
    let mut sample = Vec::new();
    if sql {
        // The tuples the scanner finishes before the head's end (or all, for the whole input).
        ingest::SqlStream::default().read(text, whole, &layout, None, &mut |r| {
            sample.push(r);
            sample.len() <= SAMPLE_ROWS
        });
    } else {
        let mut cutter = Cuts::new(&layout, json_array);
        cutter.scan(text.as_bytes());
        let complete = if whole { text.len() } else { cutter.cut() };
        ingest::read_records(text.get(..complete).unwrap_or(""), &layout, &mut |r| {
            sample.push(r);
            sample.len() <= SAMPLE_ROWS
        })?;
    }
    if !whole && sample.len() <= SAMPLE_ROWS {
        return Ok(None);
    }
    sample.truncate(SAMPLE_ROWS);
    let min_cut = match (layout.has_header && !json_array && !sql, sample.first()) {
        (true, Some(r)) => ingest::chunk::line_start(text, r.line),
        _ => 0,
    };
    let seed = PlanSeed {
        options: serde_json::to_string(options)
            .map_err(|e| Error::Internal(format!("cannot encode the options: {e}")))?,
        reference_date: ctx.reference_date,
        format: layout.format,
        delimiter: layout.delimiter.clone(),
        has_header: layout.has_header,
        headers: layout.headers.clone(),
        search_responses: layout.search_responses,
        sample: sample.into_iter().map(|r| r.fields).collect(),
    };
    let plan = seed.plan()?;
    let mut rest_layout = layout.clone();
    rest_layout.has_header = false;
    Ok(Some(Planned {
        detected,
        seed,
        plan,
        rest_layout,
        streaming,
        cutter: Cuts::new(&layout, json_array),
        json_array,
        es,
        sql: sql.then(SqlRead::default),
        layout,
        pending: String::new(),
        min_cut,
        first_piece: true,
        more_responses: false,
    }))
}

/// Raw offset just after the `n`-th line feed of `bytes` (0 for `n == 0`).
fn after_line_feeds(bytes: &[u8], n: u64) -> Option<u64> {
    if n == 0 {
        return Some(0);
    }
    bytes
        .iter()
        .enumerate()
        .filter(|&(_, &b)| b == b'\n')
        .nth((n - 1) as usize)
        .map(|(i, _)| i as u64 + 1)
}

/// A streaming verification of one byte range of the input (possibly all of it).
pub struct Session {
    options: Options,
    ctx: Context,
    started: f64,
    /// Nominal range and total size (`None`: unknown until the end, e.g. standard input).
    nominal: std::ops::Range<u64>,
    total: Option<u64>,
    whole: bool,
    /// Bytes fed so far; the next byte fed is at offset `nominal.start + fed`.
    fed: u64,
    /// One range: raw bytes held until the encoding is decided (more than DECIDE_BYTES),
    /// then the decoded text held until the head suffices.
    held: Vec<u8>,
    pre: Option<Detected>,
    pre_text: String,
    head_target: usize,
    planned: Option<Planned>,
    decoder: Option<StreamDecoder>,
    acc: Option<Accumulator>,
    /// JSON Lines and JSON arrays: keys of records that are not columns (first seen after the
    /// head's records).
    late: LateKeys,
    hash: Option<Sha256Stream>,
    /// Several ranges: where this range really starts and ends.
    start_seek: Option<Seeker>,
    end_seek: Option<Seeker>,
    start: Option<u64>,
    end: Option<u64>,
    done: bool,
    /// See [`SQL_MAX_HELD`].
    sql_max_held: usize,
}

impl Session {
    /// A session for the whole input, fed from its first byte. `total` is its size when known
    /// (it is checked against `limits.max_input_bytes` at once; otherwise as bytes arrive).
    pub fn whole(options: &Options, total: Option<u64>) -> Result<Session> {
        let s = Session::new(options, 0..total.unwrap_or(u64::MAX), total, true)?;
        Ok(Session {
            hash: Some(Sha256Stream::new()),
            start: Some(0),
            ..s
        })
    }

    /// [`Session::whole`] planning from the first `head_bytes` (at least
    /// [`DECIDE_BYTES`]; more when they hold too few records) instead of [`HEAD_BYTES`].
    pub fn whole_with_head(
        options: &Options,
        total: Option<u64>,
        head_bytes: usize,
    ) -> Result<Session> {
        let mut s = Session::whole(options, total)?;
        s.head_target = head_bytes.max(DECIDE_BYTES);
        Ok(s)
    }

    /// A session for the nominal byte range `range` of an input of `total` bytes whose first
    /// bytes are `head` ([`HEAD_BYTES`] is plenty; at least [`DECIDE_BYTES`] and more than
    /// [`SAMPLE_ROWS`] records, or all of the input). Fed from `range.start`. [`Error::NotCuttable`] when the input cannot be read in ranges.
    pub fn range(
        head: &[u8],
        options: &Options,
        range: std::ops::Range<u64>,
        total: u64,
    ) -> Result<Session> {
        if range.start > range.end || range.end > total {
            return Err(Error::BadOptions(format!(
                "the range {}..{} is not inside the input of {total} bytes",
                range.start, range.end
            )));
        }
        if range.start == 0 && range.end >= total {
            return Session::whole(options, Some(total));
        }
        let mut s = Session::new(options, range.clone(), Some(total), false)?;
        let whole_head = head.len() as u64 >= total;
        let head = head
            .get(..total.min(head.len() as u64) as usize)
            .unwrap_or(head);
        let cannot = |why: &str| Err(Error::NotCuttable(why.to_owned()));
        let Some(p) = plan_head(head, whole_head, options, s.ctx)? else {
            return cannot("its head holds too few records to plan from");
        };
        if !p.streaming || p.json_array || p.sql.is_some() {
            return cannot("JSON documents and SQL input are read in one piece");
        }
        if !matches!(p.detected.name, "UTF-8" | "UTF-8 (BOM)" | "GB18030") {
            return cannot("only UTF-8 and GB18030 input can be cut at line-feed bytes");
        }
        // The first data line, as a raw offset: no boundary before it.
        let first_line = raw_first_data_line(head, &p)?;
        let from = |x: u64| x.max(first_line);
        let mut p = p;
        if range.start == 0 {
            s.start = Some(0);
        } else {
            s.start_seek = Some(Seeker::new(from(range.start)));
            p.min_cut = 0;
        }
        if range.end >= total {
            s.end = Some(total);
        } else {
            s.end_seek = Some(Seeker::new(from(range.end)));
        }
        s.decoder = Some(StreamDecoder::new(&p.detected));
        s.acc = Some(Accumulator::new(&p.plan));
        s.planned = Some(p);
        if total == range.start {
            s.close()?;
        }
        Ok(s)
    }

    fn new(
        options: &Options,
        nominal: std::ops::Range<u64>,
        total: Option<u64>,
        whole: bool,
    ) -> Result<Session> {
        if let Some(t) = total {
            check_size(t, options)?;
        }
        Ok(Session {
            options: options.clone(),
            ctx: Context {
                reference_date: options.reference_date.unwrap_or_else(today),
            },
            started: crate::analysis::now_ms(),
            nominal,
            total,
            whole,
            fed: 0,
            held: Vec::new(),
            pre: None,
            pre_text: String::new(),
            head_target: HEAD_BYTES,
            planned: None,
            decoder: None,
            acc: None,
            late: LateKeys::default(),
            hash: None,
            start_seek: None,
            end_seek: None,
            start: None,
            end: None,
            done: false,
            sql_max_held: SQL_MAX_HELD,
        })
    }

    /// The most text held for one SQL tuple or one statement up to its first tuple
    /// ([`SQL_MAX_HELD`] unless set; at least 1 byte): a longer tuple is read as one
    /// unparseable record and reading goes on from the next `),(` after its `(`, as after a
    /// broken tuple; a longer statement start fails the stream with [`Error::ReadWhole`].
    pub fn set_sql_max_held(&mut self, bytes: usize) {
        self.sql_max_held = bytes.max(1);
    }

    /// Leaves the input's SHA-256 to the caller (a browser hashing the file with its own native
    /// code, say): the session stops hashing what it is fed, and its report needs the digest
    /// ([`Session::finish_with`]). Only before the first byte is fed.
    pub fn skip_hash(&mut self) -> Result<()> {
        if self.fed > 0 {
            return Err(Error::BadOptions(
                "the session's hashing can only be left to the caller before it is fed".into(),
            ));
        }
        self.hash = None;
        Ok(())
    }

    /// Records analysed so far.
    pub fn rows(&self) -> u64 {
        self.acc.as_ref().map_or(0, Accumulator::rows)
    }

    fn fed_state(&self) -> Fed {
        Fed {
            done: self.done,
            rows: self.rows(),
            bytes: self.fed,
        }
    }

    /// Feeds the next bytes (consecutive with those fed before). Bytes past what the
    /// session needs are ignored.
    pub fn feed(&mut self, chunk: &[u8]) -> Result<Fed> {
        if self.done || chunk.is_empty() {
            return Ok(self.fed_state());
        }
        let chunk = match self.total {
            Some(t) if self.whole => {
                let room = t.saturating_sub(self.fed).min(chunk.len() as u64) as usize;
                chunk.get(..room).unwrap_or(chunk)
            }
            _ => chunk,
        };
        let at = self.nominal.start + self.fed;
        self.fed += chunk.len() as u64;
        if self.whole {
            check_size(self.fed, &self.options)?;
            if let Some(h) = &mut self.hash {
                h.update(chunk);
            }
            self.done = self.total.is_some_and(|t| self.fed >= t);
            if self.planned.is_none() {
                self.before_plan(chunk, false)?;
                return Ok(self.fed_state());
            }
            self.body(chunk, at, false)?;
            return Ok(self.fed_state());
        }
        // Several ranges: find the real start, then the real end.
        if self.start.is_none() {
            if let Some(s) = self.start_seek.as_mut().and_then(|k| k.scan(at, chunk)) {
                self.start = Some(s);
            }
        }
        let end_found = self.end_seek.as_mut().and_then(|k| k.scan(at, chunk));
        if end_found.is_some() {
            self.end = end_found;
        }
        if let Some(start) = self.start {
            let stop = self.end.unwrap_or(u64::MAX);
            let lo = start.max(at);
            let hi = stop.min(at + chunk.len() as u64);
            if lo < hi {
                let piece = chunk
                    .get((lo - at) as usize..(hi - at) as usize)
                    .unwrap_or(&[]);
                self.body(piece, lo, false)?;
            }
        }
        let end_reached = self.end.is_some_and(|e| at + chunk.len() as u64 >= e);
        let at_eof = self
            .total
            .is_some_and(|t| self.nominal.start + self.fed >= t);
        if end_reached || at_eof || self.start.zip(self.end).is_some_and(|(s, e)| s >= e) {
            self.close()?;
        }
        Ok(self.fed_state())
    }

    /// One range, not planned yet: holds raw bytes until the encoding is decided, then
    /// decodes them and every later chunk into `pre_text`, and plans once that holds enough
    /// (the head doubles while it does not); `eof`: `chunk` ends the input.
    fn before_plan(&mut self, chunk: &[u8], eof: bool) -> Result<()> {
        match (self.pre, self.decoder.as_mut()) {
            (Some(_), Some(decoder)) => decoder.feed(chunk, eof, &mut self.pre_text),
            _ => {
                self.held.extend_from_slice(chunk);
                // Strictly more than DECIDE_BYTES: `decode` treats an input of exactly that
                // many bytes as whole.
                if !eof && self.held.len() <= DECIDE_BYTES {
                    return Ok(());
                }
                let d = detect(&self.held, eof, &self.options.ingest)?;
                let mut decoder = StreamDecoder::new(&d);
                decoder.feed(
                    self.held.get(d.skip..).unwrap_or(&[]),
                    eof,
                    &mut self.pre_text,
                );
                self.held = Vec::new();
                self.pre = Some(d);
                self.decoder = Some(decoder);
            }
        }
        if !eof && self.pre_text.len() < self.head_target {
            return Ok(());
        }
        let Some(d) = self.pre else {
            return Err(Error::Internal("no encoding decided".into()));
        };
        let Some(mut p) = plan_text(&self.pre_text, eof, d, &self.options, self.ctx)? else {
            self.head_target = self.pre_text.len().saturating_mul(2);
            return Ok(());
        };
        p.pending = std::mem::take(&mut self.pre_text);
        if let Some(es) = &p.es {
            // The response's keys before its hits array are not read (the plan checked them).
            p.pending.replace_range(..es.skip.min(p.pending.len()), "");
        }
        self.acc = Some(Accumulator::new(&p.plan));
        self.planned = Some(p);
        let Some(mut decoder) = self.decoder.take() else {
            return Err(Error::Internal("no decoder".into()));
        };
        // The held text is analysed as if it had just been decoded.
        let r = self.feed_decoded(&mut decoder, &[], eof);
        self.decoder = Some(decoder);
        r
    }

    fn planned_skip(&self) -> usize {
        self.planned.as_ref().map_or(0, |p| p.detected.skip)
    }

    /// Decodes raw bytes of the body (the first at offset `at`) and analyses the complete
    /// records.
    fn body(&mut self, bytes: &[u8], at: u64, last: bool) -> Result<()> {
        let Some(mut decoder) = self.decoder.take() else {
            return Err(Error::Internal("no decoder".into()));
        };
        // The range starting at byte 0 skips the byte-order mark.
        let skip = if self.whole || self.start != Some(0) {
            0
        } else {
            (self.planned_skip() as u64).saturating_sub(at) as usize
        };
        let r = self.feed_decoded(
            &mut decoder,
            bytes.get(skip.min(bytes.len())..).unwrap_or(&[]),
            last,
        );
        self.decoder = Some(decoder);
        r
    }

    fn feed_decoded(
        &mut self,
        decoder: &mut StreamDecoder,
        bytes: &[u8],
        last: bool,
    ) -> Result<()> {
        let Some(p) = self.planned.as_mut() else {
            return Err(Error::Internal("not planned".into()));
        };
        decoder.feed(bytes, last, &mut p.pending);
        if p.sql.is_some() {
            return self.analyse_sql(last);
        }
        if !p.streaming {
            if last {
                self.analyse_pending(None)?;
            }
            return Ok(());
        }
        p.cutter.scan(p.pending.as_bytes());
        if p.cutter.closed() {
            // A JSON array's end: the text after its `]` is not read (as in one pass), so it is
            // dropped as it comes; after a search response on the first line, more lines are
            // read as JSON Lines of search responses.
            let cut = p.cutter.cut();
            if cut > 0 {
                self.analyse_pending(Some(cut))?;
            }
            let Some(p) = self.planned.as_mut() else {
                return Err(Error::Internal("not planned".into()));
            };
            if !p.after_response() {
                let n = p.pending.len();
                p.pending.clear();
                p.cutter.consumed(n);
                return Ok(());
            }
            p.cutter.scan(p.pending.as_bytes());
        }
        if last {
            return self.analyse_pending(None);
        }
        let Some(p) = self.planned.as_ref() else {
            return Err(Error::Internal("not planned".into()));
        };
        let cut = p.cutter.cut();
        if cut > 0 && (!p.first_piece || cut >= p.min_cut) {
            self.analyse_pending(Some(cut))?;
        }
        Ok(())
    }

    /// Analyses `pending[..cut]` (all of it for `None`) and drops it.
    fn analyse_pending(&mut self, cut: Option<usize>) -> Result<()> {
        let (Some(p), Some(acc)) = (self.planned.as_mut(), self.acc.as_mut()) else {
            return Err(Error::Internal("not planned".into()));
        };
        let n = cut.unwrap_or(p.pending.len()).min(p.pending.len());
        let piece = p.pending.get(..n).unwrap_or("");
        let layout = if p.first_piece && self.start == Some(0) {
            &p.layout
        } else {
            &p.rest_layout
        };
        let rows_before = acc.rows();
        let limits = &self.options.limits;
        let started = self.started;
        let mut out_of_time = None;
        if p.more_responses && !p.seed.search_responses && !piece.trim().is_empty() {
            // A line with content after the first line's search response: JSON Lines of
            // search responses, as the one-pass sniffing finds.
            p.seed.format = InputFormat::Jsonl;
            p.seed.search_responses = true;
        }
        if let (Some(es), Cuts::Array(cuts)) = (p.es.as_mut(), &p.cutter) {
            // Whether the response is one line (it may be the first of JSON Lines of them).
            es.newline = es.newline || memchr::memchr(b'\n', piece.as_bytes()).is_some();
            // A hit that is not an object or an array is flagged whether or not it is valid
            // JSON; one that is not makes the document invalid (hits that are objects or
            // arrays are checked as they are parsed, below).
            let (ended, tail) = cuts.elements(n);
            let scalar_invalid = es.invalid.is_none()
                && ended.iter().cloned().chain(tail).any(|r| {
                    let t = piece.get(r).unwrap_or("").trim();
                    !t.starts_with(['{', '['])
                        && serde_json::from_str::<serde::de::IgnoredAny>(t).is_err()
                });
            if scalar_invalid {
                es.invalid = Some("a hit is not valid JSON");
            }
        }
        let late = &mut self.late;
        let es = &mut p.es;
        // Lent, not given: the record's field buffers are reused (no allocation per row).
        let sink = &mut |r: &mut Record| {
            r.row += rows_before;
            if let (Some(es), Some(ingest::RecordProblem::Unparseable { message })) =
                (es.as_mut(), &r.problem)
            {
                if ingest::json_invalid_message(message) {
                    es.invalid.get_or_insert("a hit is not valid JSON");
                }
            }
            add_timed(acc, &p.plan, r, limits, started, &mut out_of_time)
        };
        if let Cuts::Array(cuts) = &p.cutter {
            // A JSON array: the elements its scan found (no second scan).
            let elements = cuts.elements(n);
            ingest::for_each_element_keyed(
                piece,
                elements,
                layout,
                &mut |keys| late.add(keys),
                sink,
            )?;
        } else {
            ingest::for_each_record_keyed(piece, layout, &mut |keys| late.add(keys), sink)?;
        }
        if let Some(row) = out_of_time {
            return Err(out_of_time_error(limits, row));
        }
        p.first_piece = false;
        p.pending.replace_range(..n, "");
        p.cutter.consumed(n);
        Ok(())
    }

    /// An SQL dump: reads what `pending` holds with the scanner's state carried from the last
    /// piece (`last`: to the input's end) and drops what it consumed. The scanner stops at its
    /// last checkpoint before the end of `pending` (a statement's start, a tuple's `(`, or
    /// inside white space, a comment or a skipped statement); it runs again once `pending`
    /// holds twice what was left ([`SqlRead::retry_at`]) or more than `sql_max_held`.
    fn analyse_sql(&mut self, last: bool) -> Result<()> {
        let max_held = self.sql_max_held;
        let (Some(p), Some(acc)) = (self.planned.as_mut(), self.acc.as_mut()) else {
            return Err(Error::Internal("not planned".into()));
        };
        let Some(sql) = p.sql.as_mut() else {
            return Err(Error::Internal("not an SQL dump".into()));
        };
        let limits = &self.options.limits;
        let started = self.started;
        let late = &mut self.late;
        loop {
            let held = p.pending.len();
            if !last && held < sql.retry_at && held <= max_held {
                return Ok(());
            }
            let mut out_of_time = None;
            let plan = &p.plan;
            let (n, stop) = sql.stream.read(
                &p.pending,
                last,
                &p.layout,
                Some(&mut |keys| late.add(keys)),
                &mut |r| add_timed(acc, plan, &r, limits, started, &mut out_of_time),
            );
            if let Some(row) = out_of_time {
                return Err(out_of_time_error(limits, row));
            }
            p.pending.replace_range(..n, "");
            if stop != ingest::SqlStop::Paused {
                return Ok(());
            }
            let held = p.pending.len();
            if held <= max_held {
                sql.retry_at = held.saturating_mul(2).max(1);
                return Ok(());
            }
            if !sql.stream.in_tuple() {
                return Err(Error::ReadWhole(format!(
                    "an SQL statement from line {} runs on for more than {max_held} bytes before its end or its first tuple, more than a stream holds",
                    sql.stream.line()
                )));
            }
            // The tuple is longer than a stream holds: one unparseable record.
            sql.stream.give_up_tuple();
        }
    }

    /// Range mode: everything needed has been fed.
    fn close(&mut self) -> Result<()> {
        if self.done {
            return Ok(());
        }
        let total = self.total.unwrap_or(0);
        let start = *self.start.get_or_insert(total);
        let end = *self.end.get_or_insert(total);
        let end = end.max(start);
        self.end = Some(end);
        let last = end >= total;
        self.body(&[], u64::MAX, true)?;
        if !last {
            if let Some(p) = &self.planned {
                if p.cutter.inside_quotes() {
                    return Err(Error::NotCuttable(format!(
                        "a quoted value spans the cut at byte {end}"
                    )));
                }
            }
        }
        self.done = true;
        Ok(())
    }

    /// Ends the session and returns its partial result.
    pub fn finish_part(mut self) -> Result<Part> {
        if self.whole {
            if let Some(t) = self.total.filter(|&t| t != self.fed) {
                return Err(Error::BadOptions(format!(
                    "the session was fed {} bytes of an input of {t}",
                    self.fed
                )));
            }
            if self.planned.is_none() {
                self.before_plan(&[], true)?;
            } else {
                self.body(&[], u64::MAX, true)?;
            }
            if let Some(p) = &self.planned {
                p.check_es_end()?;
            }
            let total = self.fed;
            self.start = Some(0);
            self.end = Some(total);
            self.total = Some(total);
        } else if !self.done {
            let fed_to = self.nominal.start + self.fed;
            if self.total.is_some_and(|t| fed_to < t) {
                return Err(Error::BadOptions(format!(
                    "the range was fed up to byte {fed_to}, not to its end: feed until done"
                )));
            }
            self.close()?;
        }
        let (Some(p), Some(acc), Some(decoder)) = (self.planned, self.acc, self.decoder) else {
            return Err(Error::Internal("the session was never planned".into()));
        };
        Ok(Part {
            version: PART_VERSION,
            seed: p.seed,
            encoding: p.detected.name.to_owned(),
            start: self.start.unwrap_or(0),
            end: self.end.unwrap_or(0),
            total: self.total.unwrap_or(0),
            malformed: decoder.malformed(),
            acc,
            late: self.late,
            sha256: self.hash.map(Sha256Stream::hex),
        })
    }

    /// Ends a one-range session with the report (the same as one pass over the input).
    pub fn finish(self) -> Result<Report> {
        self.finish_with(None)
    }

    /// [`Session::finish`] with the input's SHA-256 in hex computed by the caller (needed after
    /// [`Session::skip_hash`]; otherwise it replaces the session's own).
    pub fn finish_with(self, sha256_hex: Option<String>) -> Result<Report> {
        let part = self.finish_part()?;
        finish_report(part, sha256_hex)
    }
}

/// Adds `r` to `acc`; every [`TIME_CHECK_EVERY`] records, false (and `out_of_time` set to the
/// row) once `limits.max_seconds` have passed since `started`.
fn add_timed(
    acc: &mut Accumulator,
    plan: &Plan,
    r: &Record,
    limits: &crate::options::Limits,
    started: f64,
    out_of_time: &mut Option<u64>,
) -> bool {
    acc.add(plan, r);
    if acc.rows().is_multiple_of(TIME_CHECK_EVERY)
        && limits.max_seconds > 0
        && crate::analysis::now_ms() - started > limits.max_seconds as f64 * 1000.0
    {
        *out_of_time = Some(r.row);
        return false;
    }
    true
}

fn out_of_time_error(limits: &crate::options::Limits, row: u64) -> Error {
    Error::Limit(format!(
        "stopped after {} s at row {row} (option limits.max_seconds)",
        limits.max_seconds
    ))
}

fn check_size(bytes: u64, options: &Options) -> Result<()> {
    let max = options.limits.max_input_bytes;
    if bytes > max {
        return Err(Error::Limit(format!(
            "the input is {bytes} bytes, more than the limit of {max} (option limits.max_input_bytes)"
        )));
    }
    Ok(())
}

/// The raw offset of the first data line (0 without a header).
fn raw_first_data_line(head: &[u8], p: &Planned) -> Result<u64> {
    if !p.layout.has_header {
        return Ok(0);
    }
    let mut first = None;
    let text = {
        let mut d = StreamDecoder::new(&p.detected);
        let mut t = String::new();
        d.feed(head.get(p.detected.skip..).unwrap_or(&[]), false, &mut t);
        t
    };
    ingest::read_records(&text, &p.layout, &mut |r| {
        first = Some(r.line);
        false
    })?;
    let line = first.unwrap_or(1);
    after_line_feeds(head, line.saturating_sub(1))
        .ok_or_else(|| Error::Internal("first data line outside the head".into()))
}

/// Merges parts given in range order into one part covering the whole input.
pub fn merge_parts(parts: Vec<Part>) -> Result<Part> {
    let mut it = parts.into_iter();
    let Some(mut acc_part) = it.next() else {
        return Err(Error::BadOptions("no partial results to merge".into()));
    };
    if acc_part.start != 0 {
        return Err(Error::BadOptions(
            "the first partial result does not start at byte 0".into(),
        ));
    }
    let plan = acc_part.seed.plan()?;
    check_shape(&acc_part, &plan)?;
    for next in it {
        if next.seed != acc_part.seed || next.encoding != acc_part.encoding {
            return Err(Error::BadOptions(
                "the partial results were planned differently (not the same input, head or options)"
                    .into(),
            ));
        }
        if next.start != acc_part.end || next.total != acc_part.total {
            return Err(Error::NotCuttable(format!(
                "the ranges do not meet: one ends at byte {}, the next starts at byte {}",
                acc_part.end, next.start
            )));
        }
        check_shape(&next, &plan)?;
        let mut acc = next.acc;
        acc.shift_rows(acc_part.acc.rows());
        acc_part.acc.merge(&plan, acc);
        acc_part.late.merge(next.late);
        acc_part.end = next.end;
        acc_part.malformed += next.malformed;
        acc_part.sha256 = None;
    }
    Ok(acc_part)
}

fn check_shape(part: &Part, plan: &Plan) -> Result<()> {
    if part.acc.fits(plan) {
        Ok(())
    } else {
        Err(Error::BadOptions(
            "a partial result does not fit its plan (damaged or from another version)".into(),
        ))
    }
}

/// The report of a part that covers the whole input (one session's, or [`merge_parts`]'s).
/// `sha256_hex` is the input's SHA-256 (computed by the caller, e.g. with [`Sha256Stream`]);
/// `None` takes the one the part holds.
pub fn finish_report(part: Part, sha256_hex: Option<String>) -> Result<Report> {
    if part.start != 0 || part.end != part.total {
        return Err(Error::BadOptions(format!(
            "the partial result covers bytes {}..{} of {}, not the whole input: merge all parts first",
            part.start, part.end, part.total
        )));
    }
    let sha256 = match sha256_hex.or_else(|| part.sha256.clone()) {
        Some(h) if h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit()) => {
            h.to_ascii_lowercase()
        }
        Some(h) => return Err(Error::BadOptions(format!("not a SHA-256 in hex: {h:?}"))),
        None => {
            return Err(Error::BadOptions(
                "the input's SHA-256 is needed to finish a merged report".into(),
            ))
        }
    };
    let plan = part.seed.plan()?;
    check_shape(&part, &plan)?;
    let encoding = reported_name_of(&part.encoding)
        .ok_or_else(|| Error::BadOptions(format!("unknown encoding {:?}", part.encoding)))?;
    let meta = InputMeta {
        sha256,
        bytes: part.total,
        encoding,
        malformed: part.malformed,
        layout: part.seed.layout(),
    };
    let options = part.seed.options()?;
    let mut report = part.acc.finish(&plan, &options, meta);
    report.input.late_keys = part.late;
    Ok(report)
}

/// Verifies everything `read` yields, in chunks of `chunk` bytes (the CLI's reader).
pub fn verify_reader(
    read: &mut dyn std::io::Read,
    options: &Options,
    total: Option<u64>,
    chunk: usize,
) -> Result<Report> {
    verify_reader_with_head(read, options, total, chunk, HEAD_BYTES)
}

/// [`verify_reader`] planning from a head of `head_bytes` ([`Session::whole_with_head`]):
/// `usize::MAX` holds the whole input and reads it as one pass does (what a caller that got
/// [`Error::ReadWhole`] does with the input read again).
pub fn verify_reader_with_head(
    read: &mut dyn std::io::Read,
    options: &Options,
    total: Option<u64>,
    chunk: usize,
    head_bytes: usize,
) -> Result<Report> {
    let mut session = Session::whole_with_head(options, total, head_bytes)?;
    let mut buf = vec![0u8; chunk.max(1)];
    loop {
        let n = match read.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                return Err(Error::Unreadable {
                    message: format!("cannot read the input: {e}"),
                    byte: Some(session.fed),
                })
            }
        };
        session.feed(buf.get(..n).unwrap_or(&[]))?;
    }
    session.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_any3_finds_the_first() {
        let mut x = 11u32;
        for len in 0..40 {
            let hay: Vec<u8> = (0..len)
                .map(|_| {
                    x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    // Mostly the searched bytes' neighbours (xor 0x80, ±1), some hits.
                    [
                        b'a',
                        b'\n' ^ 0x80,
                        b'\x0b',
                        b'"' + 1,
                        0x8a,
                        b'\n',
                        b'"',
                        b'\r',
                        0xff,
                    ][(x >> 16) as usize % 9]
                })
                .collect();
            let plain = hay
                .iter()
                .position(|&b| b == b'\n' || b == b'\r' || b == b'"')
                .unwrap_or(hay.len());
            assert_eq!(find_any3(&hay, b'\n', b'\r', b'"'), plain, "{hay:?}");
        }
    }

    /// The run-skipping scan agrees with stepping through every byte, fed in pieces.
    #[test]
    fn scan_agrees_with_stepping_every_byte() {
        let mut x = 5u32;
        for round in 0..400 {
            let len = 1 + round % 90;
            let text: Vec<u8> = (0..len)
                .map(|_| {
                    x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    [b'a', b',', b'\t', b'"', b'\n', b'\r', b'b', 0xe4][(x >> 16) as usize % 8]
                })
                .collect();
            for format in [InputFormat::Csv, InputFormat::Tsv, InputFormat::Text] {
                let layout = Layout {
                    format,
                    delimiter: None,
                    has_header: false,
                    headers: Vec::new(),
                    search_responses: false,
                };
                let mut fast = Cutter::new(&layout);
                let mut slow = Cutter::new(&layout);
                let mut end = 0;
                while end < text.len() {
                    x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    end = (end + 1 + (x >> 16) as usize % 17).min(text.len());
                    fast.scan(&text[..end]);
                    for (i, &b) in text.iter().enumerate().take(end).skip(slow.scanned) {
                        slow.step(i, b);
                    }
                    slow.scanned = end;
                    assert_eq!(
                        (
                            fast.cut,
                            fast.candidate,
                            fast.state,
                            fast.content,
                            fast.scanned
                        ),
                        (
                            slow.cut,
                            slow.candidate,
                            slow.state,
                            slow.content,
                            slow.scanned
                        ),
                        "{format:?} {:?}",
                        String::from_utf8_lossy(&text[..end])
                    );
                }
            }
        }
    }
}
