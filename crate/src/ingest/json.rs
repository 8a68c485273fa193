//! JSON input: an array of objects or of arrays, JSON Lines (one value per line), Elasticsearch
//! exports (`{"_index":…, "_source":{…}}` records use their `_source`; a `_search` response
//! `{"hits":{"hits":[…]}}` is read as its array of hits) and a single object (one record).
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
    Lines,
    Single(&'a str, usize),
}

/// Offset of `inner` inside `outer` (it must be a subslice).
fn offset_in(outer: &str, inner: &str) -> usize {
    (inner.as_ptr() as usize).saturating_sub(outer.as_ptr() as usize)
}

fn source<'a>(text: &'a str, format: InputFormat) -> Source<'a> {
    if format == InputFormat::Jsonl {
        return Source::Lines;
    }
    let t = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let start = offset_in(text, t);
    if let Some(body) = t.strip_prefix('[') {
        return Source::Array(body, start + 1);
    }
    // An Elasticsearch search response: {"hits": {"hits": [ … ]}}.
    if let Ok(top) = serde_json::from_str::<Obj<'_>>(t) {
        let hits = top
            .0
            .iter()
            .find(|(k, _)| k == "hits")
            .and_then(|(_, v)| serde_json::from_str::<Obj<'_>>(v.get()).ok())
            .and_then(|h| h.0.into_iter().find(|(k, _)| k == "hits").map(|(_, v)| v));
        if let Some(arr) = hits {
            let a = arr.get();
            if let Some(body) = a.trim_start().strip_prefix('[') {
                return Source::Array(body, offset_in(text, body));
            }
        }
    }
    Source::Single(t, start)
}

/// Scans an array body (after `[`) and calls `f(element, offset_in_body)` for each element.
/// An unterminated array gives its last element up to the end of the text. Returns `false`
/// when `f` asked to stop.
fn for_each_element(body: &str, f: &mut dyn FnMut(&str, usize) -> bool) -> bool {
    let bytes = body.as_bytes();
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut start: Option<usize> = None;
    for (i, &b) in bytes.iter().enumerate() {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            continue;
        }
        match b {
            b'"' => {
                in_string = true;
                start.get_or_insert(i);
            }
            b'{' | b'[' => {
                depth += 1;
                start.get_or_insert(i);
            }
            b'}' | b']' if depth > 0 => depth -= 1,
            b',' | b']' if depth == 0 => {
                if let Some(s) = start.take() {
                    if !f(body.get(s..i).unwrap_or(""), s) {
                        return false;
                    }
                }
                if b == b']' {
                    return true;
                }
            }
            b' ' | b'\t' | b'\r' | b'\n' => {}
            _ => {
                start.get_or_insert(i);
            }
        }
    }
    match start {
        Some(s) => f(body.get(s..).unwrap_or(""), s),
        None => true,
    }
}

/// Calls `f(record_text, byte_offset)` for every record of the input, in order.
fn for_each_record(text: &str, format: InputFormat, f: &mut dyn FnMut(&str, usize) -> bool) {
    match source(text, format) {
        Source::Array(body, base) => {
            for_each_element(body, &mut |el, off| f(el, base + off));
        }
        Source::Single(t, base) => {
            f(t.trim_end(), base);
        }
        Source::Lines => {
            let mut off = 0usize;
            for line in text.split_inclusive('\n') {
                let l = line.trim();
                if !l.is_empty() {
                    let lead = line.len() - line.trim_start().len();
                    if !f(l, off + lead) {
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
/// `max_records`: only the first that many records are looked at (all for `None`).
pub(crate) fn layout(
    text: &str,
    format: InputFormat,
    forced_header: Option<bool>,
    max_records: Option<usize>,
) -> Result<Layout> {
    let mut headers: Vec<String> = Vec::new();
    let mut seen: HashMap<String, ()> = HashMap::new();
    let mut objects = 0usize;
    let mut widest_array = 0usize;
    let mut first_array: Option<Vec<String>> = None;
    let mut left = max_records.unwrap_or(usize::MAX);
    for_each_record(text, format, &mut |rec, _| {
        if left == 0 {
            return false;
        }
        left -= 1;
        match parse_record(rec) {
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
    mut late: Option<&mut LateSink<'_>>,
    sink: &mut dyn FnMut(Record) -> bool,
) -> Result<()> {
    let index = layout.header_index();
    let columns = layout.headers.len();
    let mut row = 0u64;
    let mut last = (0usize, 1u64);
    // Arrays of arrays with a (forced) header: the first record, if an array, is the header.
    // Arrays further on are records (a layout keyed by objects must not lose one).
    let mut first = true;
    for_each_record(text, layout.format, &mut |rec, off| {
        let skip_first_array = std::mem::replace(&mut first, false) && layout.has_header;
        let line = line_of(text, last.0, last.1, off);
        last = (off, line);
        let (fields, problem) = match parse_record(rec) {
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
