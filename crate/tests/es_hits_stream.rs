//! An Elasticsearch search response `{…, "hits": {…, "hits": [{"_source": {…}}, …]}}` streamed
//! (`veracity::stream`) as its hits array: the keys before the array are skipped (any order,
//! nesting, strings and escapes), its elements stream as a top-level array's do, the end of
//! the document is followed but not held. Any chunk sizes (1 byte included) and heads give the
//! report of one streaming pass, byte for byte; with every key in the head that is the one-pass
//! (`analysis::verify`) report too. A document of another shape, or whose hits array does not
//! start in the head, is read whole as before; one that streams but turns out not to be one
//! valid JSON document (cut short, text after it, a broken hit) fails with `Error::ReadWhole`
//! and, read again whole (as the CLI does), gives the one-pass report.

mod common;

// `streams`: rows counted while bytes still come (streamed, not held to the end).
use common::{one_pass, opts, rows_while_streaming as streams, same_as_one_pass};

use serde_json::json;
use veracity::report::Report;
use veracity::stream::HEAD_BYTES;
use veracity::{analysis, Error};

/// How a generated response is written.
#[derive(Clone, Copy)]
struct Shape {
    /// Which keys come before and after the hits, and how they look (0..ORDERS).
    order: usize,
    /// Each hit on its own line (else all on the line after the opening).
    pretty: bool,
    /// Keys that first appear after the first 500 hits.
    late: bool,
    bom: bool,
}

const ORDERS: usize = 5;

impl Shape {
    fn order(order: usize) -> Shape {
        Shape {
            order,
            pretty: false,
            late: false,
            bom: false,
        }
    }
}

/// Skipped keys with the scanner's special bytes in their strings and keys, nested values and
/// decoy `hits` keys deeper down.
const TRICKY: &str = r#""q\"uery":{"match":{"地址":"a\"]},{[\\","hits":"hits"}},"note":"\"hits\":[ ]}","_shards":{"total":5,"hits":{"hits":[{"x":1}]},"failures":[]},"esc\\":"\u4e2d\\\"""#;

/// A search response with `n` hits (the `_source` of each a person), bytes.
fn response(seed: u64, n: usize, shape: Shape) -> Vec<u8> {
    let people = common::genuine(seed, n);
    let mut hits = String::new();
    for (i, p) in people.iter().enumerate() {
        if i > 0 {
            hits.push_str(if shape.pretty { ",\n    " } else { "," });
        }
        let mut src = common::es_source(p);
        if shape.late && i > 600 && i % 7 == 0 {
            src["email"] = json!(format!("u{i}@example.com"));
        }
        if i == 3 {
            src["备注"] = json!({"来源": ["a,]}", 1, null, "\"[{\\"]});
        }
        hits.push_str(&common::es_hit(i, src));
    }
    let array = if shape.pretty {
        format!("[\n    {hits}\n  ]")
    } else {
        format!("[\n{hits}]")
    };
    let total = format!(r#""total":{{"value":{n},"relation":"eq"}},"max_score":1.0"#);
    let aggs = r#""aggregations":{"by":{"buckets":[{"key":"a]\"}","n":1}]}}"#;
    let doc = match shape.order {
        0 => format!(r#"{{"took":5,"timed_out":false,"hits":{{{total},"hits":{array}}}}}"#),
        1 => format!(
            "{{\n  {TRICKY},\n  \"took\" : 12 ,\n  \"hits\" : {{ {total} , \"hits\" : {array} }} ,\n  {aggs}\n}}\n"
        ),
        2 => format!(r#"{{"hits":{{"hits":{array},{total}}},"took":1,{aggs}}}"#),
        3 => format!(
            "{{\"_scroll_id\":\"DXF1ZXJ5QW5kRmV0Y2gBAAAAAAAAAD4WYm9laVYtZndUQlNsdDcwakFMNjU1QQ==\",\n{TRICKY},\"hits\":{{\"max_score\":null,\"hits\":{array},\"total\":{n}}}}}"
        ),
        _ => format!(
            "\r\n\t{{\"响应\":\"中文键,值\",\"hits\":{{{total},\n\"hits\":{array}}},\"took\":[[[[{{}}]]]]}}\r\n"
        ),
    };
    let mut out = if shape.bom {
        "\u{feff}".to_owned()
    } else {
        String::new()
    };
    out.push_str(&doc);
    out.into_bytes()
}

/// One streaming session, fed in chunks of the given sizes (cycled), planning from `head`.
fn streamed(bytes: &[u8], sizes: &[usize], head: usize) -> Result<String, Error> {
    common::streamed(bytes, &opts(), sizes, head)
}

/// `bytes` in chunks of 1, 7, 4096 and 1 MiB bytes and others, heads of 1 MiB and 64 KiB, and
/// as one range and several (refused): every stream gives the same report. Returns it.
fn agree(name: &str, bytes: &[u8], one_byte: bool) -> String {
    let mut chunkings: Vec<Vec<usize>> =
        vec![vec![7], vec![4096], vec![1 << 20], vec![1, 65_537, 300]];
    if one_byte {
        chunkings.push(vec![1]);
    }
    common::agree_one_range(name, bytes, &chunkings)
}

#[test]
fn responses_stream_and_give_the_one_pass_report() {
    for order in 0..ORDERS {
        for pretty in [false, true] {
            let shape = Shape {
                pretty,
                bom: order == 3,
                ..Shape::order(order)
            };
            let name = format!("order {order}, pretty {pretty}");
            let bytes = response(order as u64, 5_000, shape);
            assert!(bytes.len() > HEAD_BYTES, "{name}: more than a head");
            assert!(streams(&bytes), "{name}: streamed");
            let got = agree(&name, &bytes, false);
            assert_eq!(got, one_pass(&bytes), "{name}");
            let r: Report = serde_json::from_str(&got).unwrap();
            assert_eq!(r.input.format.id(), "json", "{name}");
            assert_eq!((r.input.rows, r.input.columns), (5_000, 7), "{name}");
            assert!(r.input.late_keys.is_empty(), "{name}");
        }
    }
}

#[test]
fn one_byte_chunks() {
    // 700 hits (more than the head's 500), planned from a 64 KiB head, fed a byte at a time:
    // chunk boundaries fall everywhere in the skipped keys, the hits and the document's end.
    for order in [1, 3, 4] {
        let bytes = response(
            20 + order as u64,
            700,
            Shape {
                pretty: order == 4,
                bom: order == 3,
                ..Shape::order(order)
            },
        );
        assert!(bytes.len() > 2 * (64 << 10));
        let one = streamed(&bytes, &[usize::MAX], 64 << 10).unwrap();
        assert_eq!(
            streamed(&bytes, &[1], 64 << 10).unwrap(),
            one,
            "order {order}"
        );
        assert_eq!(one, one_pass(&bytes), "order {order}");
    }
}

#[test]
fn gb18030_and_utf16_stream_alike() {
    let text = String::from_utf8(response(31, 5_000, Shape::order(1))).unwrap();
    let (gb, _, _) = encoding_rs::GB18030.encode(&text);
    assert!(streams(&gb));
    let got = agree("gb18030", &gb, false);
    assert_eq!(got, one_pass(&gb));
    let r: Report = serde_json::from_str(&got).unwrap();
    assert_eq!(
        (r.input.encoding.as_str(), r.input.rows),
        ("GB18030", 5_000)
    );
    let utf16 = common::utf16le_with_bom(&text);
    assert_eq!(agree("utf-16", &utf16, false), one_pass(&utf16));
}

#[test]
fn late_keys_are_counted_as_for_arrays() {
    let bytes = response(
        41,
        3_000,
        Shape {
            late: true,
            ..Shape::order(0)
        },
    );
    let got = agree("late keys", &bytes, false);
    let r: Report = serde_json::from_str(&got).unwrap();
    let expected = (601..3_000).filter(|i| i % 7 == 0).count() as u64;
    assert_eq!(r.input.late_keys.records, expected);
    assert_eq!(r.input.late_keys.keys.get("email"), Some(&expected));
    assert_eq!((r.input.rows, r.input.columns), (3_000, 7));
    // Held whole (a small document), a session takes its columns from the first 500 hits too.
    let small = response(
        42,
        900,
        Shape {
            late: true,
            ..Shape::order(2)
        },
    );
    let r: Report =
        serde_json::from_str(&streamed(&small, &[usize::MAX], usize::MAX).unwrap()).unwrap();
    assert_eq!((r.input.columns, r.input.late_keys.records), (7, 43));
    assert_eq!(
        streamed(&small, &[4096], 64 << 10).unwrap(),
        streamed(&small, &[usize::MAX], usize::MAX).unwrap()
    );
    // The one-pass reader, holding everything, makes them columns instead.
    let whole = analysis::verify(&bytes, &opts()).unwrap();
    assert_eq!(whole.input.columns, 8);
    assert!(whole.input.late_keys.is_empty());
}

#[test]
fn documents_that_are_not_valid_json_are_read_whole() {
    let text = String::from_utf8(response(51, 5_000, Shape::order(1))).unwrap();
    // The hits array's `]`.
    let body_end = text.find("] } ,\n").unwrap();
    let mid = text.match_indices("},{").nth(1_500).unwrap().0 + 1;
    let cases = [
        ("cut in the hits", text[..mid].to_owned()),
        ("cut after a comma", text[..mid + 1].to_owned()),
        ("cut in a string", text[..mid - 5].to_owned()),
        ("cut after the array", text[..body_end + 1].to_owned()),
        (
            "cut in the aggregations",
            text[..text.len() - 12].to_owned(),
        ),
        ("text after the document", format!("{text}x")),
        ("a second document", format!("{text}{{\"hits\":{{}}}}")),
        (
            "a broken hit",
            format!("{} tru,{}", &text[..mid + 1], &text[mid + 1..]),
        ),
        (
            "a trailing comma",
            format!("{},{}", &text[..body_end], &text[body_end..]),
        ),
        ("an empty hit", format!("{},{}", &text[..mid], &text[mid..])),
    ];
    for (name, doc) in cases {
        assert!(
            matches!(
                streamed(doc.as_bytes(), &[4096], 64 << 10),
                Err(Error::ReadWhole(_))
            ),
            "{name}"
        );
        let r = same_as_one_pass(name, doc.as_bytes());
        // The one-pass reader reads a document that does not parse as one record.
        assert_eq!((r.input.rows, r.input.unparseable_rows), (1, 1), "{name}");
    }
    // White space after the document is fine.
    let spaced = format!("{text} \n\r\n\t");
    assert!(streams(spaced.as_bytes()));
    assert_eq!(
        same_as_one_pass("white space after", spaced.as_bytes())
            .input
            .rows,
        5_000
    );
}

#[test]
fn other_shapes_are_read_whole_as_before() {
    let text = String::from_utf8(response(61, 5_000, Shape::order(0))).unwrap();
    let array_at = text.find(",\"hits\":[").unwrap() + 8;
    let hits = &text[array_at..text.len() - 2];
    let big = "x".repeat(HEAD_BYTES + 10);
    let docs = [
        // `hits` not an object, the inner `hits` not an array, no inner `hits`.
        ("hits an array", format!("{{\"took\":1,\n\"hits\":{hits}}}")),
        (
            "inner hits an object",
            format!("{{\"hits\":{{\n\"hits\":{{\"a\":{hits}}}}}}}"),
        ),
        (
            "no inner hits",
            format!("{{\"hits\":{{\n\"docs\":{hits}}}}}"),
        ),
        (
            "hits a string",
            format!("{{\"hits\":\"x\",\n\"hits\":{{\"hits\":{hits}}}}}"),
        ),
        // The array's `[` after the head: read whole.
        (
            "a huge key first",
            format!("{{\"took\":\"{big}\",\n\"hits\":{{\"hits\":{hits}}}}}"),
        ),
        // An escaped key is a `hits` key to the parser but not to the scan.
        (
            "escaped key",
            format!("{{\"hit\\u0073\":{{\n\"hits\":{hits}}}}}"),
        ),
        // Duplicate keys: the first `hits` is the one read.
        (
            "two hits keys",
            format!("{{\"hits\":{{\"hits\":[{{\"a\":\"1\"}}]}},\n\"hits\":{{\"hits\":{hits}}}}}"),
        ),
        // All on one line: one document (Elasticsearch answers compact unless asked for
        // `?pretty`), read as its hits; streamed (the head holds the `[`, not the line's end).
        (
            "one line",
            format!("{{\"hits\":{{\"hits\":{}}}}}", hits.replace('\n', "")),
        ),
        // One object.
        (
            "one object",
            format!("{{\"姓名\":\"张三\",\n\"big\":\"{big}\"}}"),
        ),
        // Garbage.
        (
            "garbage",
            format!("{{\"hits\":{{\"hits\":[}}\n{}", &big[..1000]),
        ),
        (
            "empty hits",
            format!("{{\"took\":1,\n\"hits\":{{\"hits\":[]}},\"x\":\"{big}\"}}"),
        ),
    ];
    for (name, doc) in &docs {
        same_as_one_pass(name, doc.as_bytes());
    }
    let r = same_as_one_pass("two hits keys", docs[6].1.as_bytes());
    assert_eq!(r.input.rows, 1);
    let one_line = docs[7].1.as_bytes();
    assert!(one_line.len() > HEAD_BYTES, "{} bytes", one_line.len());
    let r = same_as_one_pass("one line", one_line);
    assert_eq!((r.input.format.id(), r.input.rows), ("json", 5_000));
    assert!(
        common::streamed(one_line, &opts(), &[4096], 64 << 10).is_ok(),
        "streamed, not read whole"
    );
    // Two such lines are JSON Lines of search responses, read as both lines' hits: a stream that
    // took the first line for the document reads on as such lines at its end (see
    // `es_lines_stream.rs`).
    let two = [one_line, b"\n", one_line, b"\n"].concat();
    assert!(common::streamed(&two, &opts(), &[4096], 64 << 10).is_ok());
    let r = same_as_one_pass("two lines", &two);
    assert_eq!((r.input.format.id(), r.input.rows), ("jsonl", 10_000));
    // A one-line response followed by a line feed or white space: one document still.
    let r = same_as_one_pass("one line and a line feed", &[one_line, b"\n \r\n"].concat());
    assert_eq!((r.input.format.id(), r.input.rows), ("json", 5_000));
    // Forced to JSON, the one-line response is read as its hits, and streams.
    let mut o = opts();
    o.ingest.format = serde_json::from_value(json!("json")).unwrap();
    let whole = serde_json::to_string(&analysis::verify(one_line, &o).unwrap()).unwrap();
    assert_eq!(
        common::streamed(one_line, &o, &[4096], 64 << 10).unwrap(),
        whole
    );
    let r: Report = serde_json::from_str(&whole).unwrap();
    assert_eq!(r.input.rows, 5_000);
    // Small documents, read whole.
    for t in [
        "{\"hits\":{\"hits\":[]}}",
        "{\n\"hits\":{\"hits\":[]}}",
        "{\n\"hits\":{\"hits\":[{\"_source\":{\"a\":\"1\"}}]}}",
        "{\n\"hits\":{\"hits\":[",
        "{\n\"hits\":{\"hits\":[1,2]}}",
        "{\n\"hits\":",
        "{",
        "\u{feff}{\n}",
    ] {
        same_as_one_pass(t, t.as_bytes());
    }
}

#[test]
fn deep_nesting_before_the_hits_is_no_stack_overflow() {
    let hits = String::from_utf8(response(71, 5_000, Shape::order(0))).unwrap();
    let array_at = hits.find(",\"hits\":[").unwrap() + 8;
    let hits = &hits[array_at..hits.len() - 2];
    let deep = 100_000;
    for (name, doc) in [
        (
            "closed",
            format!(
                "{{\"deep\":{}{},\n\"hits\":{{\"hits\":{hits}}}}}",
                "[".repeat(deep),
                "]".repeat(deep)
            ),
        ),
        (
            "unclosed",
            format!(
                "{{\"deep\":{}\n\"hits\":{{\"hits\":{hits}}}}}",
                "{\"a\":".repeat(deep)
            ),
        ),
        (
            "in a string",
            format!(
                "{{\"s\":\"{}\",\n\"hits\":{{\"hits\":{hits}}}}}",
                "[{".repeat(deep)
            ),
        ),
    ] {
        let r = same_as_one_pass(name, doc.as_bytes());
        if name == "unclosed" {
            // The hits inside the open brackets: one unparseable record, as before.
            assert_eq!((r.input.rows, r.input.unparseable_rows), (1, 1), "{name}");
        } else {
            assert!(streams(doc.as_bytes()), "{name}");
            assert_eq!(r.input.rows, 5_000, "{name}");
        }
    }
}

#[test]
fn the_cli_streams_a_response_and_reads_a_broken_one_whole() {
    let good = response(81, 5_000, Shape::order(1));
    let broken = good[..good.len() * 2 / 3].to_vec();
    let date = common::reference().to_string();
    for (name, bytes) in [("good", &good), ("broken", &broken)] {
        let out = common::cli_on_file(
            env!("CARGO_BIN_EXE_veracity"),
            &["verify", "--json", "--reference-date", &date],
            &format!("{name}.json"),
            bytes,
        );
        assert!(out.status.success(), "{name}");
        let whole = analysis::verify(bytes, &opts()).unwrap();
        let expected = serde_json::to_string_pretty(&whole).unwrap() + "\n";
        assert!(String::from_utf8(out.stdout).unwrap() == expected, "{name}");
    }
}
