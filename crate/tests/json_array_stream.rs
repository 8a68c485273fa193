//! A JSON document whose top level is an array of records, streamed (`veracity::stream`): any
//! chunk sizes (1-byte chunks included) and heads give the report of one streaming pass, byte
//! for byte; with every key in the head that is the one-pass (`analysis::verify`) report too;
//! keys first seen after the head are counted in `input.late_keys`; broken, truncated and
//! unbalanced input gives flagged rows as the one-pass reader does, never a panic or a hang;
//! it is never cut into byte ranges. An Elasticsearch search response streams as its hits
//! array (see `es_hits_stream.rs`); other JSON documents (one object) are read whole, as before.

mod common;

use common::{chunk_sizes as sizes, json_str as q, one_pass, opts, same_as_one_pass};

use serde_json::json;
use std::collections::BTreeMap;
use veracity::report::{LateKeys, Report};
use veracity::stream::HEAD_BYTES;
use veracity::{analysis, Error};

/// Options of a generated input.
#[derive(Clone, Copy, Default)]
struct Shape {
    /// Each element on its own line (pretty), else all on one line.
    pretty: bool,
    /// Damaged and odd elements among the records.
    noise: bool,
    /// Keys that first appear after the first 500 records.
    late: bool,
    crlf: bool,
    bom: bool,
}

/// `n` records as a JSON array, and the late keys written (records per key, records holding any).
fn array(seed: u64, n: usize, shape: Shape) -> (Vec<u8>, BTreeMap<String, u64>, u64) {
    let people = common::genuine(seed, n);
    let nl = if shape.crlf { "\r\n" } else { "\n" };
    let sep = if shape.pretty {
        format!(",{nl}  ")
    } else {
        ",".to_owned()
    };
    let mut s = String::new();
    if shape.bom {
        s.push('\u{feff}');
    }
    s.push_str(if shape.pretty { "[" } else { " [" });
    if shape.pretty {
        s.push_str(nl);
        s.push_str("  ");
    }
    let mut late = BTreeMap::new();
    let mut late_records = 0;
    for (i, p) in people.iter().enumerate() {
        if i > 0 {
            s.push_str(&sep);
        }
        let mut rec = format!(
            "{{\"姓名\":{},\"身份证号\":{}, \"性别\" : {},\"出生日期\":{},\"手机号\":{},\"地址\":{}",
            q(&p.name),
            q(&p.id),
            q(&p.sex_text),
            q(&p.birth.to_string()),
            if i % 9 == 0 {
                "null".to_owned()
            } else {
                q(&p.phone)
            },
            q(&p.address)
        );
        let mut keys: Vec<String> = Vec::new();
        if i == 3 {
            // In the head: a key of a few records only, a nested value with the scanner's
            // special bytes in strings.
            rec.push_str(r#","备注":{"来源":["a,]}",1,null,"\"[{\\"]}"#);
        }
        if shape.late && i > 600 {
            if i % 7 == 0 {
                rec.push_str(&format!(",\"email\":{}", q(&format!("u{i}@example.com"))));
                keys.push("email".into());
            }
            if i % 50 == 0 {
                rec.push_str(r#","tags":["x",{"y":"]"}],"email":"dup@example.com""#);
                keys.push("tags".into());
                if !keys.contains(&"email".to_owned()) {
                    keys.push("email".into());
                }
            }
        }
        rec.push('}');
        if !keys.is_empty() {
            late_records += 1;
            for k in keys {
                *late.entry(k).or_insert(0) += 1;
            }
        }
        s.push_str(&rec);
        if shape.noise && i % 97 == 5 {
            let odd = [
                r#"{"姓名": "张三", "身份证号": tru}"#,
                r#"["张三","110101199001010010"]"#,
                "42",
                r#""just a string, with ] and }""#,
                r#"{"姓名":"王五"} garbage {"姓名":"赵六"}"#,
                r#"{"_index":"p","_source":{"姓名":"李四","手机号":"13800138000"}}"#,
                r#"{"姓名":"钱七"}}"#,
                r#"{"a":[1,2]]}"#,
                "null",
                "",
            ];
            s.push_str(&sep);
            s.push_str(odd[(i / 97) % odd.len()]);
        }
    }
    if shape.pretty {
        s.push_str(nl);
    }
    s.push(']');
    s.push_str(nl);
    (s.into_bytes(), late, late_records)
}

/// One streaming session, fed in chunks of the given sizes (cycled), planning from `head`.
fn streamed(bytes: &[u8], sizes: &[usize], head: usize) -> Result<String, Error> {
    common::streamed(bytes, &opts(), sizes, head)
}

/// Every chunking and head agrees with one streaming pass; one range does too and several are
/// refused as not cuttable. Returns that report, as JSON and read back.
fn agree(name: &str, bytes: &[u8]) -> (String, Report) {
    let one = common::agree_one_range(name, bytes, &(0..4).map(sizes).collect::<Vec<_>>());
    let report = serde_json::from_str(&one).unwrap();
    (one, report)
}

#[test]
fn keys_all_in_the_head_give_the_one_pass_report() {
    for (name, shape) in [
        ("one line", Shape::default()),
        (
            "pretty",
            Shape {
                pretty: true,
                ..Shape::default()
            },
        ),
        (
            "noisy",
            Shape {
                noise: true,
                ..Shape::default()
            },
        ),
        (
            "pretty, noisy, crlf and bom",
            Shape {
                pretty: true,
                noise: true,
                crlf: true,
                bom: true,
                ..Shape::default()
            },
        ),
    ] {
        let (bytes, _, _) = array(3, 2_500, shape);
        assert!(
            bytes.len() > 2 * (64 << 10),
            "{name}: more than a small head"
        );
        let (json, streamed) = agree(name, &bytes);
        assert_eq!(json, one_pass(&bytes), "{name}");
        assert_eq!(streamed.input.format.id(), "json");
        assert!(streamed.input.late_keys.is_empty());
        assert_eq!(streamed.input.columns, 7, "{name}: the six keys and 备注");
        // 26 odd elements, two of them empty (`,,`: no element, as in one pass).
        let extra = if shape.noise { 24 } else { 0 };
        assert_eq!(streamed.input.rows, 2_500 + extra, "{name}");
        if shape.noise {
            // Bad elements are flagged rows, never dropped.
            assert!(streamed.input.unparseable_rows > 0, "{name}");
            assert!(streamed.input.ragged_rows > 0, "{name}");
        }
    }
}

#[test]
fn one_byte_chunks_on_a_small_array() {
    // 700 records (more than the head's 500) planned from a 64 KiB head, fed a byte at a time:
    // every chunk boundary falls inside a string, an escape, a key, a nesting or white space.
    for shape in [
        Shape {
            noise: true,
            ..Shape::default()
        },
        Shape {
            pretty: true,
            noise: true,
            crlf: true,
            bom: true,
            late: false,
        },
    ] {
        let (bytes, _, _) = array(11, 700, shape);
        let one = streamed(&bytes, &[usize::MAX], HEAD_BYTES).unwrap();
        assert_eq!(streamed(&bytes, &[1], 64 << 10).unwrap(), one);
        assert_eq!(
            streamed(&bytes, &[1, 2, 3, 5, 8, 13], 64 << 10).unwrap(),
            one
        );
        assert_eq!(one, one_pass(&bytes));
    }
}

#[test]
fn keys_only_in_the_tail_are_counted_not_dropped() {
    let shape = Shape {
        noise: true,
        late: true,
        ..Shape::default()
    };
    let (bytes, late, records) = array(5, 2_500, shape);
    let (json, r) = agree("late keys", &bytes);
    assert_eq!(
        r.input.late_keys,
        LateKeys {
            records,
            keys: late,
            more: false
        }
    );
    assert_eq!(r.input.columns, 7);
    // The records are still read by their other keys and not flagged for the late ones.
    let (plain, _, _) = array(
        5,
        2_500,
        Shape {
            noise: true,
            ..Shape::default()
        },
    );
    let p = analysis::verify(&plain, &opts()).unwrap();
    assert_eq!(r.input.rows, p.input.rows);
    assert_eq!(r.input.ragged_rows, p.input.ragged_rows);
    let columns =
        |j: &str| serde_json::from_str::<serde_json::Value>(j).unwrap()["columns"].clone();
    assert_eq!(columns(&json), columns(&serde_json::to_string(&p).unwrap()));
    // The one-pass reader, holding everything, makes them columns instead.
    let whole = analysis::verify(&bytes, &opts()).unwrap();
    assert_eq!(whole.input.columns, 9);
    assert!(whole.input.late_keys.is_empty());
}

#[test]
fn malformed_arrays_are_flagged_as_in_one_pass() {
    let (bytes, _, _) = array(7, 1_500, Shape::default());
    let text = String::from_utf8(bytes).unwrap();
    let body = text.trim_end().strip_suffix(']').unwrap();
    let good = same_as_one_pass("whole", text.as_bytes()).input.rows;
    assert_eq!(good, 1_500);

    // Truncated: without its `]`, after a comma, inside a string, inside an escape.
    let no_end = same_as_one_pass("no closing bracket", body.as_bytes());
    assert_eq!(
        (no_end.input.rows, no_end.input.unparseable_rows),
        (1_500, 0)
    );
    let comma = format!("{body},");
    let r = same_as_one_pass("ends after a comma", comma.as_bytes());
    assert_eq!((r.input.rows, r.input.unparseable_rows), (1_500, 0));
    let cut = body.rfind("\"地址\"").unwrap() + 4;
    let r = same_as_one_pass("ends in a key", &body.as_bytes()[..cut]);
    assert_eq!((r.input.rows, r.input.unparseable_rows), (1_500, 1));
    let escape = format!("{body},{{\"姓名\":\"a\\");
    let r = same_as_one_pass("ends in an escape", escape.as_bytes());
    assert_eq!((r.input.rows, r.input.unparseable_rows), (1_501, 1));

    // Garbage between elements: the element it sits in is flagged, the others are read.
    let at = text.match_indices("},{").nth(800).unwrap().0 + 1;
    let garbage = format!("{} @@garbage@@ {}", &text[..at], &text[at..]);
    let r = same_as_one_pass("garbage between elements", garbage.as_bytes());
    assert_eq!((r.input.rows, r.input.unparseable_rows), (1_500, 1));

    // An unbalanced `{`: from there to the end is one unparseable element (as in one pass).
    let open = format!("{}{{{}", &text[..at + 1], &text[at + 1..]);
    let r = same_as_one_pass("an unclosed brace", open.as_bytes());
    assert_eq!((r.input.rows, r.input.unparseable_rows), (802, 1));
    // A `]` too many inside an element: that element is flagged, the array goes on.
    let extra = format!("{}]{}", &text[..at - 1], &text[at - 1..]);
    let r = same_as_one_pass("a bracket too many", extra.as_bytes());
    assert_eq!((r.input.rows, r.input.unparseable_rows), (1_500, 1));
    // A `]` too many between elements closes the array: the rest is not read (as in one pass).
    let early = format!("{}]{}", &text[..at], &text[at..]);
    let r = same_as_one_pass("an early closing bracket", early.as_bytes());
    assert_eq!(r.input.rows, 801);
    // A quote left open swallows what follows into one string: flagged.
    let quote = format!("{}\"{}", &text[..at + 2], &text[at + 2..]);
    let r = same_as_one_pass("an open quote", quote.as_bytes());
    assert!(r.input.unparseable_rows >= 1);

    // Text after the closing bracket is not read, as in one pass (held by no one).
    let after = format!("{text}[{{\"姓名\":\"张三\"}}]\n{}", "x".repeat(3 << 20));
    let r = same_as_one_pass("text after the array", after.as_bytes());
    assert_eq!(r.input.rows, 1_500);

    // Empty and near-empty arrays.
    for t in [
        "[]",
        " [ ] ",
        "[",
        "[,]",
        "[\n",
        "\u{feff}[{\"a\":\"1\"}]",
        "[1,2]",
    ] {
        same_as_one_pass(t, t.as_bytes());
    }
}

#[test]
fn a_huge_element_is_held_whole() {
    // A 3 MB element in the middle (it must be parsed whole): no panic, the same report.
    let (bytes, _, _) = array(4, 1_200, Shape::default());
    let text = String::from_utf8(bytes).unwrap();
    let at = text.match_indices("},{").nth(700).unwrap().0 + 2;
    let huge = json!({"姓名": "张三", "地址": "很长,]}\"".repeat(400_000)}).to_string();
    let input = format!("{}{huge},{}", &text[..at], &text[at..]);
    let r = same_as_one_pass("huge element", input.as_bytes());
    assert_eq!((r.input.rows, r.input.unparseable_rows), (1_201, 0));
}

#[test]
fn other_json_documents_are_read_as_before() {
    // An Elasticsearch search response bigger than the head: its hits, streamed as an array's
    // elements (columns from the first 500 hits, a key first seen later counted).
    let hits: Vec<serde_json::Value> = common::genuine(2, 15_000)
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut src = json!({"姓名": p.name, "身份证号": p.id, "手机号": p.phone});
            if i == 14_000 {
                src["地址"] = json!(p.address);
            }
            json!({"_index": "p", "_id": i.to_string(), "_source": src})
        })
        .collect();
    // Over several lines (one line of `{…}` is sniffed as JSON Lines).
    let doc = serde_json::to_string_pretty(
        &json!({"took": 3, "hits": {"total": hits.len(), "hits": hits}}),
    )
    .unwrap();
    assert!(doc.len() > HEAD_BYTES);
    let (_, r) = agree("search response", doc.as_bytes());
    assert_eq!((r.input.rows, r.input.columns), (15_000, 3));
    assert_eq!(
        r.input.late_keys,
        LateKeys {
            records: 1,
            keys: [("地址".to_owned(), 1)].into(),
            more: false
        }
    );
    // The one-pass reader, holding everything, makes it a column.
    let whole = analysis::verify(doc.as_bytes(), &opts()).unwrap();
    assert_eq!((whole.input.rows, whole.input.columns), (15_000, 4));
    // One object: one record.
    let one = r#"{"姓名":"张三","身份证号":"110101199003077777"}"#;
    assert_eq!(same_as_one_pass("one object", one.as_bytes()).input.rows, 1);
    // An array of arrays: the first 500 records set the columns; every record is read.
    let rows: Vec<serde_json::Value> = common::genuine(9, 1_500)
        .iter()
        .map(|p| json!([p.name, p.id, p.phone]))
        .collect();
    let arrays = serde_json::to_string(&rows).unwrap();
    let r = same_as_one_pass("arrays", arrays.as_bytes());
    assert_eq!((r.input.rows, r.input.columns), (1_500, 3));
}

#[test]
fn the_cli_streams_a_json_array() {
    let (bytes, late, records) = array(
        5,
        1_000,
        Shape {
            late: true,
            pretty: true,
            ..Shape::default()
        },
    );
    let out = common::cli_on_file(
        env!("CARGO_BIN_EXE_veracity"),
        &["verify", "--json", "--reference-date", "2026-01-01"],
        "late.json",
        &bytes,
    );
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["input"]["format"], "json");
    assert_eq!(r["input"]["rows"], 1_000);
    assert_eq!(
        r["input"]["late_keys"],
        json!({"records": records, "keys": late, "more": false})
    );
}

#[test]
fn records_are_analysed_as_the_array_arrives() {
    // Streamed, not held to the end: rows are counted while bytes still come (a document read
    // whole counts none before its last byte), on one line as well as pretty-printed.
    for pretty in [false, true] {
        let (bytes, _, _) = array(
            6,
            12_000,
            Shape {
                pretty,
                ..Shape::default()
            },
        );
        assert!(bytes.len() > 3 * HEAD_BYTES / 2);
        let mut s = veracity::stream::Session::whole(&opts(), Some(bytes.len() as u64)).unwrap();
        let mut seen = Vec::new();
        for c in bytes.chunks(64 << 10) {
            seen.push(s.feed(c).unwrap().rows);
        }
        let half = seen[seen.len() / 2];
        let before_end = seen[seen.len() - 2];
        assert!(0 < half && half < before_end, "{pretty}: {seen:?}");
        assert!(before_end < 12_000, "{pretty}: {seen:?}");
        assert_eq!(s.finish().unwrap().input.rows, 12_000);
    }
}

#[test]
fn other_encodings_and_forced_options_stream_alike() {
    // GB18030 and UTF-16 (with its BOM) are decoded in chunks; the array streams all the same.
    let (bytes, _, _) = array(
        12,
        1_500,
        Shape {
            pretty: true,
            noise: true,
            ..Shape::default()
        },
    );
    let text = String::from_utf8(bytes.clone()).unwrap();
    let (gb, _, _) = encoding_rs::GB18030.encode(&text);
    let (gb_json, r) = agree("gb18030", &gb);
    assert_eq!(r.input.encoding, "GB18030");
    assert_eq!(gb_json, one_pass(&gb));
    let utf16 = common::utf16le_with_bom(&text);
    let (json16, _) = agree("utf-16", &utf16);
    assert_eq!(json16, one_pass(&utf16));

    // Arrays of arrays with a forced header: the first array names the columns; the format
    // forced to JSON reads the same; forced to JSON Lines it is not read as an array.
    let rows: Vec<serde_json::Value> = std::iter::once(json!(["姓名", "身份证号", "手机号"]))
        .chain(
            common::genuine(13, 1_500)
                .iter()
                .map(|p| json!([p.name, p.id, p.phone])),
        )
        .collect();
    let arrays = serde_json::to_string(&rows).unwrap();
    for (format, header) in [
        (None, Some(true)),
        (Some("json"), Some(true)),
        (Some("json"), None),
    ] {
        let mut o = opts();
        o.ingest.has_header = header;
        o.ingest.format = format.map(|f| serde_json::from_value(json!(f)).unwrap());
        let whole =
            serde_json::to_string(&analysis::verify(arrays.as_bytes(), &o).unwrap()).unwrap();
        for (sizes, head) in [
            (vec![usize::MAX], HEAD_BYTES),
            (vec![1, 4096, 333], 64 << 10),
        ] {
            let got = common::streamed(arrays.as_bytes(), &o, &sizes, head).unwrap();
            assert_eq!(got, whole, "{format:?} {header:?} {sizes:?}");
        }
        let r: Report = serde_json::from_str(&whole).unwrap();
        let expected = if header == Some(true) { 1_500 } else { 1_501 };
        assert_eq!(r.input.rows, expected, "{format:?} {header:?}");
    }
    let mut o = opts();
    o.ingest.format = serde_json::from_value(json!("jsonl")).unwrap();
    let whole = serde_json::to_string(&analysis::verify(arrays.as_bytes(), &o).unwrap()).unwrap();
    let got = common::streamed(arrays.as_bytes(), &o, &[4096], 64 << 10).unwrap();
    assert_eq!(got, whole, "forced JSON Lines");
}
