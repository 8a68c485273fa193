//! JSON input: an array of objects or of arrays, JSON Lines (one value per line), Elasticsearch
//! exports (`{"_index":…, "_source":{…}}` records use their `_source`; a `_search` response
//! `{"hits":{"hits":[…]}}` is read as its array of hits) and a single object (one record).
//!
//! JSON Lines whose first line with content is a whole search response
//! ([`is_search_response_line`]; a scraper's scroll or `search_after` pages, one a line) are
//! read as the hits of every line in turn, each hit exactly as a single response's
//! ([`Layout::search_responses`]); a line that is not a search response (not valid JSON, no
//! `hits.hits` array, an error response) is one unparseable record, and blank lines are skipped,
//! as in other JSON Lines.
//!
//! A stream reads a search response as its `hits` array from the array's `[` on
//! ([`es_hits_start`], [`DocTail`]; see `crate::stream`).
//!
//! A JSON array is cut into its elements by a small scanner (strings and nesting respected) and
//! each element is parsed on its own: a broken element becomes one unparseable record instead of
//! failing the whole file, and the array is never held as a parsed tree.
//!
//! Values: strings as decoded, `null` → empty, numbers and booleans exactly as written (an ID
//! such as `110101199003077777` or `1.10101E+17` keeps its text; nothing goes through a float),
//! nested objects and arrays as their JSON text. Keys keep their first-seen order.

use super::{column_name, line_of, shape, InputFormat, Layout, Record, RecordProblem};
use crate::error::Result;
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;
use std::collections::HashMap;
use std::fmt;
use std::ops::Range;

/// A JSON object as its entries in input order, values unparsed.
struct Obj<'a>(Vec<(String, &'a RawValue)>);

impl<'de> Deserialize<'de> for Obj<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Obj<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut m: A,
            ) -> std::result::Result<Obj<'de>, A::Error> {
                let mut v = Vec::new();
                while let Some((k, val)) = m.next_entry::<String, &'de RawValue>()? {
                    v.push((k, val));
                }
                Ok(Obj(v))
            }
        }
        d.deserialize_map(V)
    }
}

/// One parsed record.
enum Parsed<'a> {
    Object(Vec<(String, &'a RawValue)>),
    Array(Vec<&'a RawValue>),
}

/// Parses one record (an object or an array); Elasticsearch `_source` is unwrapped.
fn parse_record(slice: &str) -> std::result::Result<Parsed<'_>, String> {
    let t = slice.trim();
    match t.as_bytes().first() {
        Some(b'{') => {
            let obj: Obj<'_> = serde_json::from_str(t).map_err(|e| format!("invalid JSON: {e}"))?;
            let source = obj
                .0
                .iter()
                .find(|(k, v)| k == "_source" && v.get().trim_start().starts_with('{'))
                .map(|(_, v)| *v);
            match source {
                Some(src) => {
                    let inner: Obj<'_> = serde_json::from_str(src.get())
                        .map_err(|e| format!("invalid JSON in _source: {e}"))?;
                    Ok(Parsed::Object(inner.0))
                }
                None => Ok(Parsed::Object(obj.0)),
            }
        }
        Some(b'[') => serde_json::from_str::<Vec<&RawValue>>(t)
            .map(Parsed::Array)
            .map_err(|e| format!("invalid JSON: {e}")),
        Some(_) => {
            let shown: String = t.chars().take(40).collect();
            Err(format!("expected a JSON object or array, found {shown:?}"))
        }
        None => Err("empty JSON value".into()),
    }
}

/// A field value from a raw JSON value.
fn field_text(v: &RawValue) -> String {
    let raw = v.get().trim();
    match raw.as_bytes().first() {
        Some(b'"') => serde_json::from_str::<String>(raw).unwrap_or_else(|_| raw.to_owned()),
        Some(b'n') if raw == "null" => String::new(),
        _ => raw.to_owned(),
    }
}

/// Where the records are: an array's elements (from byte offset), lines, or one value.
enum Source<'a> {
    /// The array body starting just after its `[`, at this offset of the whole text.
    Array(&'a str, usize),
    /// One record a line; `true`: the hits of a search response a line.
    Lines(bool),
    Single(&'a str, usize),
}

/// Offset of `inner` inside `outer` (it must be a subslice).
fn offset_in(outer: &str, inner: &str) -> usize {
    (inner.as_ptr() as usize).saturating_sub(outer.as_ptr() as usize)
}

/// Where the records of `text` read as `format` are; `responses`: JSON Lines of search
/// responses ([`Layout::search_responses`]).
fn source(text: &str, format: InputFormat, responses: bool) -> Source<'_> {
    if format == InputFormat::Jsonl {
        return Source::Lines(responses);
    }
    let t = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let start = offset_in(text, t);
    if let Some(body) = t.strip_prefix('[') {
        return Source::Array(body, start + 1);
    }
    match search_hits(t) {
        Some(body) => Source::Array(body, offset_in(text, body)),
        None => Source::Single(t, start),
    }
}

/// The hits of an Elasticsearch search response `{…, "hits": {…, "hits": [ … ]}}` (`t`, parsed
/// whole): the body of that array, just after its `[` (the top object's first `hits` key, an
/// object, and that one's first `hits` key, an array).
fn search_hits(t: &str) -> Option<&str> {
    let top = serde_json::from_str::<Obj<'_>>(t).ok()?;
    let hits = top
        .0
        .iter()
        .find(|(k, _)| k == "hits")
        .and_then(|(_, v)| serde_json::from_str::<Obj<'_>>(v.get()).ok())
        .and_then(|h| h.0.into_iter().find(|(k, _)| k == "hits").map(|(_, v)| v))?;
    hits.get().trim_start().strip_prefix('[')
}

/// Why `line`, a line of JSON Lines of search responses, is not one ([`search_hits`] found no
/// hits): the message of its unparseable record.
fn not_a_search_response(line: &str) -> String {
    match serde_json::from_str::<Obj<'_>>(line) {
        Ok(top) if top.0.iter().any(|(k, _)| k == "error") => {
            "an Elasticsearch error response, not search hits".into()
        }
        Ok(_) => "not an Elasticsearch search response: no hits.hits array".into(),
        Err(_) => match serde_json::from_str::<serde::de::IgnoredAny>(line) {
            Err(e) => format!("invalid JSON: {e}"),
            Ok(_) => "not an Elasticsearch search response: not a JSON object".into(),
        },
    }
}

/// The first line with content of `text` (white space and BOMs before it skipped), trimmed.
pub(crate) fn first_line(text: &str) -> &str {
    let t = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    t.split_once('\n').map_or(t, |(first, _)| first).trim()
}

/// Whether `line` (trimmed) is a whole Elasticsearch search response, valid JSON, whose hits
/// array a stream finds by its scan ([`es_hits_start`]). JSON Lines whose first line with
/// content is one are JSON Lines of search responses ([`Layout::search_responses`]); a
/// response alone on its line, nothing after it, is one JSON document (`ingest::sniff`).
pub(crate) fn is_search_response_line(line: &str) -> bool {
    es_hits_start(line).is_some() && serde_json::from_str::<&RawValue>(line).is_ok()
}

/// Where the records of an Elasticsearch search response `{…, "hits": {…, "hits": [ … ]}}`
/// start in `text` (its head): the offset just after the `[` of the array the one-pass reader
/// takes its records from, or `None` if that `[` is not in `text` or the document is not of
/// that shape. The keys before it (any order, nesting, strings and escapes) are skipped by a
/// scan that follows depth, strings and escapes (no recursion: any depth); the prefix found is
/// then checked by parsing it closed (`…]}}`) the way [`source`] reads a whole document, so the
/// array is the one the one-pass reader would pick if the whole document is valid JSON (a
/// prefix that is not valid JSON, or nests deeper than serde's limit, gives `None`).
pub(crate) fn es_hits_start(text: &str) -> Option<usize> {
    let t = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let lead = text.len() - t.len();
    let b = t.as_bytes();
    if b.first() != Some(&b'{') {
        return None;
    }
    let ws = |c: &u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r');
    let mut depth = 0usize;
    // The depth of the object whose key `hits` is looked for: 1 (the top object), then 2 (the
    // value of its `hits`).
    let mut want = 1usize;
    // The last string closed at the depth looked at, if nothing but white space followed it.
    let mut key: Option<(usize, usize)> = None;
    let mut i = 0usize;
    while let Some(&c) = b.get(i) {
        match c {
            b'"' => {
                let s = i + 1;
                let mut j = s;
                loop {
                    let k = memchr::memchr2(b'"', b'\\', b.get(j..)?)?;
                    if b.get(j + k) == Some(&b'\\') {
                        j += k + 2;
                    } else {
                        j += k;
                        break;
                    }
                }
                key = (depth == want).then_some((s, j));
                i = j + 1;
                continue;
            }
            b':' => {
                if let Some((s, e)) = key.take() {
                    if b.get(s..e) == Some(b"hits".as_slice()) {
                        // The value: `{` at the top, `[` inside; anything else is not the shape.
                        let v = i + 1 + b.get(i + 1..)?.iter().position(|c| !ws(c))?;
                        if want == 1 {
                            if b.get(v) != Some(&b'{') {
                                return None;
                            }
                            want = 2;
                            depth += 1;
                            i = v + 1;
                            continue;
                        }
                        if b.get(v) != Some(&b'[') {
                            return None;
                        }
                        let off = lead + v + 1;
                        let closed = format!("{}]}}}}", text.get(..off)?);
                        return match source(&closed, InputFormat::Json, false) {
                            Source::Array(_, base) if base == off => Some(off),
                            _ => None,
                        };
                    }
                }
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth = depth.checked_sub(1)?;
                if depth < want {
                    // The object looked in ended without the key.
                    return None;
                }
            }
            _ => {}
        }
        if !ws(&c) && c != b':' {
            key = None;
        }
        i += 1;
    }
    None
}

/// Whether a record's problem says its text is not valid JSON (as opposed to a valid value
/// that is not an object or an array).
pub(crate) fn invalid_json_message(message: &str) -> bool {
    message.starts_with("invalid JSON")
}

/// The end of an Elasticsearch search response after its `hits` array's `]`: only the nesting
/// (and strings) is followed, to see the document close (two more closing brackets than
/// opening ones) with nothing but white space after it, or, on its last line, what comes after
/// that line (JSON Lines of search responses). The text is not held.
#[derive(Clone, Copy, Debug)]
pub(crate) struct DocTail {
    depth: usize,
    in_string: bool,
    escaped: bool,
    /// Something other than white space after the document's end.
    trailing: bool,
    /// A line feed before the document's end.
    newline: bool,
    /// The line feed that ends the document's last line was seen.
    line_ended: bool,
}

impl Default for DocTail {
    fn default() -> DocTail {
        DocTail {
            depth: 2,
            in_string: false,
            escaped: false,
            trailing: false,
            newline: false,
            line_ended: false,
        }
    }
}

impl DocTail {
    /// Follows the next bytes. Returns the offset just after the line feed that ends the line
    /// the document ends on, the first time one follows its end with nothing but white space
    /// between (the bytes after it are not scanned then: scan them next if they are not read
    /// as more lines).
    pub(crate) fn scan(&mut self, bytes: &[u8]) -> Option<usize> {
        for (i, &c) in bytes.iter().enumerate() {
            // Anywhere in the document, strings too (a raw line feed in one is not valid JSON).
            self.newline |= c == b'\n' && self.depth > 0;
            if self.in_string {
                if self.escaped {
                    self.escaped = false;
                } else if c == b'\\' {
                    self.escaped = true;
                } else if c == b'"' {
                    self.in_string = false;
                }
                continue;
            }
            if self.depth == 0 {
                if c == b'\n' && !self.trailing && !self.line_ended {
                    self.line_ended = true;
                    return Some(i + 1);
                }
                self.trailing |= !matches!(c, b' ' | b'\t' | b'\n' | b'\r');
                continue;
            }
            match c {
                b'"' => self.in_string = true,
                b'{' | b'[' => self.depth += 1,
                b'}' | b']' => self.depth -= 1,
                _ => {}
            }
        }
        None
    }

    /// A line feed came before the document's end (after its hits array).
    pub(crate) fn newline(&self) -> bool {
        self.newline
    }

    /// The document closed, with only white space after it.
    pub(crate) fn complete(&self) -> bool {
        self.depth == 0 && !self.trailing
    }
}

/// The element scanner's state between two bytes of an array body: nesting depth and whether
/// a string (and an escape in it) is open. A stream carries it from one piece to the next.
#[derive(Clone, Copy, Debug, Default)]
struct Scan {
    depth: usize,
    in_string: bool,
    escaped: bool,
}

impl Scan {
    /// Scans `bytes[i..]` up to the next `,` or `]` outside strings and nesting (an element's
    /// end) and returns its offset; `start` is set, if unset, to the first byte of an element
    /// (anything but white space, a separator or a closing bracket at the top). `None`: none
    /// before the end; the state is kept for the bytes that follow.
    fn next(&mut self, bytes: &[u8], mut i: usize, start: &mut Option<usize>) -> Option<usize> {
        while let Some(&b) = bytes.get(i) {
            if self.in_string {
                if self.escaped {
                    self.escaped = false;
                    i += 1;
                    continue;
                }
                // Inside a string only a quote or a backslash matters.
                let rest = bytes.get(i..).unwrap_or(&[]);
                let k = memchr::memchr2(b'"', b'\\', rest)?;
                if rest.get(k) == Some(&b'\\') {
                    self.escaped = true;
                } else {
                    self.in_string = false;
                }
                i += k + 1;
                continue;
            }
            match b {
                b'"' => {
                    self.in_string = true;
                    start.get_or_insert(i);
                }
                b'{' | b'[' => {
                    self.depth += 1;
                    start.get_or_insert(i);
                }
                b'}' | b']' if self.depth > 0 => self.depth -= 1,
                b',' | b']' if self.depth == 0 => return Some(i),
                b' ' | b'\t' | b'\r' | b'\n' => {}
                _ => {
                    start.get_or_insert(i);
                }
            }
            i += 1;
        }
        None
    }
}

/// Scans an array body (after `[`) and calls `f(element, offset_in_body)` for each element.
/// An unterminated array gives its last element up to the end of the text. Returns `false`
/// when `f` asked to stop.
fn for_each_element(body: &str, f: &mut dyn FnMut(&str, usize) -> bool) -> bool {
    let bytes = body.as_bytes();
    let mut scan = Scan::default();
    let mut start: Option<usize> = None;
    let mut i = 0;
    while let Some(at) = scan.next(bytes, i, &mut start) {
        if let Some(s) = start.take() {
            if !f(body.get(s..at).unwrap_or(""), s) {
                return false;
            }
        }
        if bytes.get(at) == Some(&b']') {
            return true;
        }
        i = at + 1;
    }
    match start {
        Some(s) => f(body.get(s..).unwrap_or(""), s),
        None => true,
    }
}

/// Whether the text is a JSON document whose top level is an array (white space and BOMs
/// before its `[`), read as [`InputFormat::Json`]: the records are its elements.
pub(crate) fn top_level_array(text: &str) -> bool {
    text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        .starts_with('[')
}

/// The elements of a top-level JSON array whose text arrives in pieces, found by the element
/// scanner of the one-pass reader with its state carried over: `cut` is the offset just after
/// the last element's end seen (a top-level `,`, or the closing `]`), so `text[..cut]` holds
/// whole elements, which [`ArrayCuts::elements`] gives. The text must start with white space
/// or BOMs and then the `[` ([`top_level_array`]).
#[derive(Clone, Debug, Default)]
pub(crate) struct ArrayCuts {
    opened: bool,
    closed: bool,
    scan: Scan,
    /// Where the element under way starts (its end is not seen yet).
    start: Option<usize>,
    /// The elements that end before `cut`, in order.
    ended: Vec<Range<usize>>,
    /// Elements seen (ended).
    seen: bool,
    /// An empty element was cut (`[,` `,,` `,]`): the array is not valid JSON.
    hole: bool,
    cut: usize,
    scanned: usize,
}

impl ArrayCuts {
    /// Scans the new bytes of `buf` (those past the ones scanned).
    pub(crate) fn scan(&mut self, buf: &[u8]) {
        let mut i = self.scanned;
        if !self.opened {
            // Only white space and BOMs come before the `[` (none of their bytes is a `[`).
            match buf.get(i..).and_then(|r| memchr::memchr(b'[', r)) {
                Some(k) => {
                    self.opened = true;
                    i += k + 1;
                }
                None => i = buf.len(),
            }
        }
        while self.opened && !self.closed {
            let Some(at) = self.scan.next(buf, i, &mut self.start) else {
                break;
            };
            let closing = buf.get(at) == Some(&b']');
            match self.start.take() {
                Some(s) => {
                    self.ended.push(s..at);
                    self.seen = true;
                }
                None => self.hole |= self.seen || !closing,
            }
            self.cut = at + 1;
            self.closed = closing;
            i = at + 1;
        }
        self.scanned = buf.len();
    }

    /// The elements in `buf[..upto]` (ranges of `buf`), as the one-pass reader finds them:
    /// with `upto` at [`ArrayCuts::cut`], those that ended; at the end of the input (`upto` the
    /// whole text), the one under way too, up to the end, as an unterminated array's last.
    pub(crate) fn elements(&self, upto: usize) -> (&[Range<usize>], Option<Range<usize>>) {
        let tail = self.start.filter(|&s| s < upto).map(|s| s..upto);
        (&self.ended, tail)
    }

    /// The offset just after the last element's end seen (0: none yet).
    pub(crate) fn cut(&self) -> usize {
        self.cut
    }

    /// The array's closing `]` was seen (at `cut - 1`): the text after it is not read.
    pub(crate) fn closed(&self) -> bool {
        self.closed
    }

    /// An empty element was cut (`[,`, `,,` or `,]`): not valid JSON, though the one-pass
    /// scanner skips it.
    pub(crate) fn hole(&self) -> bool {
        self.hole
    }

    /// The first `n` bytes were consumed (the elements in them read): offsets move down.
    pub(crate) fn consumed(&mut self, n: usize) {
        self.scanned -= n.min(self.scanned);
        self.cut -= n.min(self.cut);
        self.ended.retain(|r| r.start >= n);
        for r in &mut self.ended {
            *r = r.start - n..r.end - n;
        }
        self.start = self.start.filter(|&s| s >= n).map(|s| s - n);
    }
}

/// Calls `f(record_text, byte_offset)` for every record of the input, in order
/// (`responses`: JSON Lines of search responses, [`Layout::search_responses`]).
fn for_each_record(text: &str, format: InputFormat, responses: bool, f: &mut RecordText<'_>) {
    match source(text, format, responses) {
        Source::Array(body, base) => {
            for_each_element(body, &mut |el, off| f(Ok(el), base + off));
        }
        Source::Single(t, base) => {
            f(Ok(t.trim_end()), base);
        }
        Source::Lines(responses) => {
            let mut off = 0usize;
            for line in text.split_inclusive('\n') {
                let l = line.trim();
                if !l.is_empty() {
                    let at = off + line.len() - line.trim_start().len();
                    let go = match responses {
                        false => f(Ok(l), at),
                        // A search response a line: its hits, each at its own offset, as a
                        // single response's are read; any other line is one record, flagged.
                        true => match search_hits(l) {
                            Some(body) => {
                                let base = at + offset_in(l, body);
                                for_each_element(body, &mut |el, o| f(Ok(el), base + o))
                            }
                            None => f(Err(not_a_search_response(l)), at),
                        },
                    };
                    if !go {
                        return;
                    }
                }
                off += line.len();
            }
        }
    }
}

/// Layout of JSON input: the union of keys in first-seen order (header), or `column N` for
/// arrays of arrays (no header unless forced, then the first array names the columns).
/// `max_records`: only the first that many records of JSON Lines, of a top-level array or of an
/// Elasticsearch search response's hits are looked at (all for `None`); other JSON documents
/// (one object) are always looked at whole.
pub(crate) fn layout(
    text: &str,
    format: InputFormat,
    forced_header: Option<bool>,
    max_records: Option<usize>,
) -> Result<Layout> {
    let max_records = max_records.filter(|_| {
        format == InputFormat::Jsonl || matches!(source(text, format, false), Source::Array(..))
    });
    let responses = format == InputFormat::Jsonl && is_search_response_line(first_line(text));
    let mut headers: Vec<String> = Vec::new();
    let mut seen: HashMap<String, ()> = HashMap::new();
    let mut objects = 0usize;
    let mut widest_array = 0usize;
    let mut first_array: Option<Vec<String>> = None;
    let mut left = max_records.unwrap_or(usize::MAX);
    for_each_record(text, format, responses, &mut |rec, _| {
        if left == 0 {
            return false;
        }
        left -= 1;
        match rec.and_then(parse_record) {
            Ok(Parsed::Object(entries)) => {
                objects += 1;
                for (k, _) in entries {
                    if !seen.contains_key(&k) {
                        seen.insert(k.clone(), ());
                        headers.push(k);
                    }
                }
            }
            Ok(Parsed::Array(items)) => {
                if first_array.is_none() {
                    first_array = Some(items.iter().map(|v| field_text(v)).collect());
                } else {
                    widest_array = widest_array.max(items.len());
                }
            }
            Err(_) => {}
        }
        true
    });
    let has_header = if objects > 0 {
        true
    } else {
        forced_header.unwrap_or(false)
    };
    if objects == 0 {
        if has_header {
            headers = super::sniff::header_names(first_array.as_deref().unwrap_or(&[]));
        } else {
            let n = widest_array.max(first_array.as_ref().map_or(0, Vec::len));
            headers = (0..n).map(column_name).collect();
        }
    } else if let Some(first) = &first_array {
        // Arrays mixed with objects: make room for their positions.
        for i in headers.len()..first.len().max(widest_array) {
            headers.push(column_name(i));
        }
    }
    Ok(Layout {
        format,
        delimiter: None,
        has_header,
        headers,
        search_responses: responses,
    })
}

/// Reads JSON records.
pub(crate) fn read(
    text: &str,
    layout: &Layout,
    sink: &mut dyn FnMut(Record) -> bool,
) -> Result<()> {
    read_keyed(text, layout, None, sink)
}

/// Takes the keys of a record that are not columns.
pub(crate) type LateSink<'a> = dyn FnMut(&[String]) + 'a;

/// [`read`]; with `late`, an object's keys that are not columns are given to `late` (once per
/// record, each key once, in code-point order) instead of being kept past the last column
/// and flagged: the record is read by its known keys only.
pub(crate) fn read_keyed(
    text: &str,
    layout: &Layout,
    late: Option<&mut LateSink<'_>>,
    sink: &mut dyn FnMut(Record) -> bool,
) -> Result<()> {
    read_from(text, layout, late, sink, &mut |f| {
        for_each_record(text, layout.format, layout.search_responses, f)
    })
}

/// [`read_keyed`] for a piece of a top-level array that a stream cut after an element's end:
/// the elements [`ArrayCuts::elements`] found in it (`ended`, then `tail`), in order.
pub(crate) fn read_elements_keyed(
    text: &str,
    (ended, tail): (&[Range<usize>], Option<Range<usize>>),
    layout: &Layout,
    late: Option<&mut LateSink<'_>>,
    sink: &mut dyn FnMut(Record) -> bool,
) -> Result<()> {
    read_from(text, layout, late, sink, &mut |f| {
        for r in ended.iter().cloned().chain(tail.clone()) {
            if !f(Ok(text.get(r.clone()).unwrap_or("")), r.start) {
                return;
            }
        }
    })
}

/// Takes a record's text (or why the text at that offset holds no record: a line of JSON
/// Lines of search responses that is not one) and its offset; `false` stops.
type RecordText<'a> = dyn FnMut(std::result::Result<&str, String>, usize) -> bool + 'a;

/// Reads the records that `walk` finds in `text` (it calls its argument with each record's
/// text and offset).
fn read_from(
    text: &str,
    layout: &Layout,
    mut late: Option<&mut LateSink<'_>>,
    sink: &mut dyn FnMut(Record) -> bool,
    walk: &mut dyn FnMut(&mut RecordText<'_>),
) -> Result<()> {
    let index = layout.header_index();
    let columns = layout.headers.len();
    let mut row = 0u64;
    let mut last = (0usize, 1u64);
    // Arrays of arrays with a (forced) header: the first record, if an array, is the header.
    // Arrays further on are records (a layout keyed by objects must not lose one).
    let mut first = true;
    walk(&mut |rec, off| {
        let skip_first_array = std::mem::replace(&mut first, false) && layout.has_header;
        let line = line_of(text, last.0, last.1, off);
        last = (off, line);
        let (fields, problem) = match rec.and_then(parse_record) {
            Ok(Parsed::Object(entries)) => {
                let mut fields = vec![String::new(); columns];
                let mut extra = Vec::new();
                let mut unknown: Vec<String> = Vec::new();
                for (k, v) in entries {
                    match index.get(k.as_str()).and_then(|&i| fields.get_mut(i)) {
                        Some(slot) => *slot = field_text(v),
                        None if late.is_some() => unknown.push(k),
                        None => extra.push(field_text(v)),
                    }
                }
                if let (Some(f), false) = (late.as_mut(), unknown.is_empty()) {
                    // Each key once (a record with many keys costs n log n, not n²).
                    unknown.sort_unstable();
                    unknown.dedup();
                    f(&unknown);
                }
                if extra.is_empty() {
                    (fields, None)
                } else {
                    fields.extend(extra);
                    let found = fields.len();
                    (fields, Some(RecordProblem::TooManyFields { found }))
                }
            }
            Ok(Parsed::Array(items)) => {
                if skip_first_array {
                    return true;
                }
                shape(items.iter().map(|v| field_text(v)).collect(), columns)
            }
            Err(message) => (Vec::new(), Some(RecordProblem::Unparseable { message })),
        };
        row += 1;
        sink(Record {
            row,
            fields,
            problem,
            line,
        })
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: an array line among object lines was taken for a header and dropped.
    #[test]
    fn an_array_among_objects_is_a_record_not_a_header() {
        let text = "{\"a\":\"1\"}\n[\"x\",\"y\"]\n{\"a\":\"2\"}\n";
        let (_, recs) = all(text, InputFormat::Jsonl);
        assert_eq!(recs.len(), 3);
        assert_eq!(recs[1].fields[0], "x");
    }

    fn all(text: &str, format: InputFormat) -> (Layout, Vec<Record>) {
        let layout = layout(text, format, None, None).unwrap();
        let mut out = Vec::new();
        read(text, &layout, &mut |r| {
            out.push(r);
            true
        })
        .unwrap();
        (layout, out)
    }

    /// The elements of `text` (a top-level array) as the one-pass reader finds them.
    fn elements_whole(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_record(text, InputFormat::Json, false, &mut |e, _| {
            out.push(e.unwrap().to_owned());
            true
        });
        out
    }

    /// The elements of `text` fed in pieces as a stream does: [`ArrayCuts`] finds them and
    /// where to cut, nothing after `]` is kept.
    fn elements_cut(text: &str, mut piece_len: impl FnMut() -> usize) -> Vec<String> {
        let mut out = Vec::new();
        let mut cuts = ArrayCuts::default();
        let mut pending = String::new();
        let mut at = 0;
        while at < text.len() {
            let mut end = (at + piece_len()).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            pending.push_str(&text[at..end]);
            at = end;
            cuts.scan(pending.as_bytes());
            let last = at == text.len();
            let cut = if cuts.closed() || !last {
                cuts.cut()
            } else {
                pending.len()
            };
            if cut > 0 {
                let (ended, tail) = cuts.elements(cut);
                for r in ended.iter().cloned().chain(tail) {
                    out.push(pending[r].to_owned());
                }
                pending.replace_range(..cut, "");
                cuts.consumed(cut);
            }
            if cuts.closed() {
                cuts.consumed(pending.len());
                pending.clear();
            }
        }
        out
    }

    /// Cut anywhere, fed in pieces of any size (1 byte included), a JSON array gives the
    /// elements of the one-pass scanner: strings, escapes, nesting, broken and unterminated
    /// input, text after the closing bracket.
    #[test]
    fn cuts_in_pieces_give_the_one_pass_elements() {
        let mut x = 17u32;
        let mut rnd = |n: u32| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (x >> 16) % n
        };
        let parts = [
            "{",
            "}",
            "[",
            "]",
            ",",
            "\"",
            "\\",
            " ",
            "\n",
            "a",
            "1",
            "张",
            "{\"k\":\"v\"}",
            "\"x,]}\"",
            "\\\"",
            "null",
        ];
        for round in 0..3_000 {
            let len = 1 + rnd(40);
            let mut text = String::from(if round % 5 == 0 { "\u{feff} \n[" } else { "[" });
            for _ in 0..len {
                text.push_str(parts[rnd(parts.len() as u32) as usize]);
            }
            let whole = elements_whole(&text);
            for max in [1, 2, 3, 7, 1_000] {
                let got = elements_cut(&text, || 1 + rnd(max) as usize);
                assert_eq!(got, whole, "{text:?} in pieces of up to {max}");
            }
        }
    }

    #[test]
    fn big_numbers_kept_as_written() {
        let (l, recs) = all(
            r#"[{"id": 110101199003077777, "x": 1.10101E+17, "n": null, "o": {"a": [1, 2]}}]"#,
            InputFormat::Json,
        );
        assert_eq!(l.headers, vec!["id", "x", "n", "o"]);
        assert_eq!(
            recs[0].fields,
            vec!["110101199003077777", "1.10101E+17", "", r#"{"a": [1, 2]}"#]
        );
    }

    #[test]
    fn union_of_keys_in_first_seen_order() {
        let (l, recs) = all(
            "{\"b\":\"1\",\"a\":\"2\"}\n\n{\"c\":\"3\",\"a\":\"4\"}\n",
            InputFormat::Jsonl,
        );
        assert_eq!(l.headers, vec!["b", "a", "c"]);
        assert_eq!(recs[1].fields, vec!["", "4", "3"]);
        assert_eq!(recs[1].line, 3);
    }

    #[test]
    fn broken_elements_are_flagged() {
        let (_, recs) = all(
            r#"[{"a":"x, ]"}, {"a": tru}, {"a":"\"z\""}"#,
            InputFormat::Json,
        );
        assert_eq!(recs.len(), 3);
        assert_eq!(recs[0].fields, vec!["x, ]"]);
        assert!(matches!(
            recs[1].problem,
            Some(RecordProblem::Unparseable { .. })
        ));
        assert_eq!(recs[2].fields, vec!["\"z\""]);
    }

    #[test]
    fn elasticsearch_search_response() {
        let t = r#"{"took":3,"hits":{"total":2,"hits":[{"_index":"p","_source":{"XM":"张三"}},{"_index":"p","_source":{"XM":"李四"}}]}}"#;
        let (l, recs) = all(t, InputFormat::Json);
        assert_eq!(l.headers, vec!["XM"]);
        assert_eq!(recs.len(), 2);
        assert_eq!(recs[1].fields, vec!["李四"]);
    }

    #[test]
    fn json_lines_of_search_responses_are_their_hits() {
        let t = concat!(
            r#"{"took":1,"hits":{"hits":[{"_source":{"XM":"张三"}},{"_source":{"XM":"李四"}}]}}"#,
            "\n\n",
            r#"{"error":{"type":"search_phase_execution_exception"},"status":500}"#,
            "\n",
            r#"{"hits":{"total":0,"hits":[{"_index":"p","_source":{"XM":"王五"}}]}}"#,
            "\n",
            r#"{"hits":{"total":0}}"#,
            "\n",
            r#"{"hits":{"hits":[{"_source":{"XM":"赵"#,
            "\n",
        );
        let (l, recs) = all(t, InputFormat::Jsonl);
        assert!(l.search_responses);
        assert_eq!(l.headers, vec!["XM"]);
        let got: Vec<(u64, u64, Vec<String>, Option<String>)> = recs
            .into_iter()
            .map(|r| {
                let why = match r.problem {
                    Some(RecordProblem::Unparseable { message }) => Some(message),
                    _ => None,
                };
                (r.row, r.line, r.fields, why)
            })
            .collect();
        let v = |s: &str| vec![s.to_owned()];
        let why = |s: &str| Some(s.to_owned());
        assert_eq!(got[..2], [(1, 1, v("张三"), None), (2, 1, v("李四"), None)]);
        assert_eq!(
            got[2],
            (
                3,
                3,
                vec![],
                why("an Elasticsearch error response, not search hits")
            )
        );
        assert_eq!(got[3], (4, 4, v("王五"), None));
        assert_eq!(
            got[4],
            (
                5,
                5,
                vec![],
                why("not an Elasticsearch search response: no hits.hits array")
            )
        );
        assert_eq!(got[5].0, 6);
        assert!(got[5].3.as_deref().is_some_and(invalid_json_message));
        assert_eq!(got.len(), 6);
        // Other JSON Lines, and a response alone: as before.
        let (l, recs) = all(&t[t.find("\n\n").unwrap()..], InputFormat::Jsonl);
        assert!(!l.search_responses);
        assert_eq!(recs.len(), 4);
        let (l, recs) = all(&t[..t.find('\n').unwrap()], InputFormat::Json);
        assert!(!l.search_responses);
        assert_eq!(recs.len(), 2);
    }

    #[test]
    fn arrays_of_arrays() {
        let (l, recs) = all(r#"[["张三", 1], ["李四", 2, "x"]]"#, InputFormat::Json);
        assert!(!l.has_header);
        assert_eq!(l.headers, vec!["column 1", "column 2", "column 3"]);
        assert_eq!(
            recs[0].problem,
            Some(RecordProblem::TooFewFields { found: 2 })
        );
    }
}
