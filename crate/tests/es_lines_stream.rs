//! JSON Lines whose lines are Elasticsearch search responses (a scraper's scroll or
//! `search_after` pages, one compact response a line) are read as the hits of every line in
//! turn, each hit as a single response's hits are read — by the one-pass `analysis::verify`,
//! by a streaming session (`veracity::stream`, any chunk sizes, 1 byte included, and heads,
//! first lines longer than the head included) and by byte ranges cut at line feeds, all with the
//! same report. A line that is not a search response (not valid JSON, an error response, no
//! `hits.hits`, a hit, a scalar) is one flagged unparseable record; blank lines are skipped and an
//! empty page holds no record, as JSON Lines are read. A response alone on its line with nothing
//! after it stays one JSON document.
//!
//! Regression: each line used to be read as one record (columns `took`, `timed_out`, `hits`…).

mod common;

use common::{es_hit, es_source, json_str as q, one_pass, opts, rows_while_streaming};

use veracity::ingest::{self, chunk};
use veracity::report::Report;
use veracity::stream::HEAD_BYTES;
use veracity::{analysis, Error, Options};

/// How generated lines are written.
#[derive(Clone, Copy, Default)]
struct Shape {
    /// Lines that are not search responses, blank lines and empty pages among the pages.
    noise: bool,
    /// Hits with a key first seen after the first 500 hits.
    late: bool,
    crlf: bool,
    bom: bool,
}

/// Generated JSON Lines of search responses, and what they hold.
struct Lines {
    bytes: Vec<u8>,
    /// Hits in all the responses.
    hits: u64,
    /// Records that are flagged unparseable: lines that are not search responses, and hits
    /// that are not objects.
    bad: u64,
    /// Hits holding the late key.
    late: u64,
}

/// Lines that are not search pages, with the records each makes (`None`: a blank line).
const NOISE: &[(&str, Option<u64>)] = &[
    ("", None),
    (
        r#"{"error":{"root_cause":[{"type":"search_context_missing_exception"}],"type":"search_phase_execution_exception"},"status":500}"#,
        Some(1),
    ),
    (
        r#"{"_scroll_id":"cut","took":3,"hits":{"total":{"value":9},"hits":[{"_index":"people","_source":{"姓名":"张"#,
        Some(1),
    ),
    ("   \t", None),
    (
        r#"{"took":1,"timed_out":false,"hits":{"total":{"value":0,"relation":"eq"},"max_score":null}}"#,
        Some(1),
    ),
    // The last scroll page: valid, no hits.
    (
        r#"{"_scroll_id":"end","took":1,"hits":{"total":{"value":0},"hits":[]}}"#,
        Some(0),
    ),
    (
        r#"{"_index":"people","_id":"x","_source":{"姓名":"李四","手机号":"13800138000"}}"#,
        Some(1),
    ),
    ("[1,2]", Some(1)),
    ("42", Some(1)),
];

/// `pages` search responses of `per_page` hits each (the `_source` of each a person), one a
/// line, in three key orders.
fn responses(seed: u64, pages: usize, per_page: usize, shape: Shape) -> Lines {
    let people = common::genuine(seed, pages * per_page);
    let nl = if shape.crlf { "\r\n" } else { "\n" };
    let mut s = String::new();
    if shape.bom {
        s.push('\u{feff}');
    }
    let (mut bad, mut late, mut extra_hits) = (0, 0, 0);
    for (page, people) in people.chunks(per_page).enumerate() {
        let mut hits = String::new();
        for (k, p) in people.iter().enumerate() {
            let i = page * per_page + k;
            let mut src = es_source(p);
            if i == 3 {
                src["备注"] = serde_json::json!({"来源": ["a,]}", 1, null, "\"[{\\"]});
            }
            if shape.late && i > 600 && i.is_multiple_of(7) {
                src["email"] = format!("u{i}@example.com").into();
                late += 1;
            }
            if k > 0 {
                hits.push(',');
            }
            hits.push_str(&es_hit(i, src));
        }
        if shape.noise && page % 5 == 2 {
            // A hit that is not an object, and one with one key of six.
            hits.push_str(r#",7,{"_source":{"姓名":"王五"}}"#);
            bad += 1;
            extra_hits += 1;
        }
        let total = format!(r#"{{"value":{},"relation":"eq"}}"#, pages * per_page);
        let line = match page % 3 {
            0 => format!(
                r#"{{"_scroll_id":"DXF1ZXJ5QW5kRmV0Y2gBAAAA{page}","took":5,"timed_out":false,"_shards":{{"total":1,"successful":1,"skipped":0,"failed":0}},"hits":{{"total":{total},"max_score":1.0,"hits":[{hits}]}}}}"#
            ),
            1 => format!(
                r#"{{"took":3,"hits":{{"hits":[{hits}],"total":{total},"max_score":null}},"aggregations":{{"by":{{"buckets":[{{"key":"a]\"}}","n":1}}]}}}},"timed_out":false}}"#
            ),
            _ => format!(
                r#"{{"pit_id":{},"hits" : {{ "max_score":1.0 , "hits" : [{hits}] }} ,"took":[[{{}}]]}}"#,
                q("x\"hits\":[{\"hits\":[")
            ),
        };
        s.push_str(&line);
        s.push_str(nl);
        if shape.noise && page % 4 == 1 {
            let (odd, records) = NOISE[(page / 4) % NOISE.len()];
            s.push_str(odd);
            s.push_str(nl);
            bad += records.unwrap_or(0);
        }
    }
    Lines {
        bytes: s.into_bytes(),
        hits: (pages * per_page + extra_hits) as u64,
        bad,
        late,
    }
}

/// One streaming session, fed in chunks of the given sizes (cycled), planning from `head`.
fn streamed(bytes: &[u8], sizes: &[usize], head: usize) -> Result<String, Error> {
    common::streamed(bytes, &opts(), sizes, head)
}

/// `n` range sessions planning from the first `head` bytes, fed in chunks of `chunk`.
fn ranged(bytes: &[u8], n: usize, chunk: usize, head: usize) -> Result<String, Error> {
    common::ranged(bytes, &opts(), n, chunk, head)
}

/// `bytes` in chunks of 7, 4096 and 1 MiB bytes and others, heads of 1 MiB and 64 KiB, and
/// 1–6 byte ranges (planned from the first `range_head` bytes; `None`: ranges are refused) give
/// the report of one streaming pass, which is the one-pass report. Returns it.
fn agree(name: &str, bytes: &[u8], range_head: Option<usize>) -> Report {
    let one = streamed(bytes, &[usize::MAX], HEAD_BYTES).unwrap();
    for sizes in [vec![7], vec![4096], vec![1 << 20], vec![1, 65_537, 300, 9]] {
        for head in [HEAD_BYTES, 64 << 10] {
            let got = streamed(bytes, &sizes, head);
            assert_eq!(
                got.as_ref(),
                Ok(&one),
                "{name}: chunks {sizes:?}, head {head}"
            );
        }
    }
    for n in 1..=6 {
        let chunk = [65_536, 4096, 1 << 20][n % 3];
        match range_head {
            Some(head) => assert_eq!(
                ranged(bytes, n, chunk, head).as_ref(),
                Ok(&one),
                "{name}: {n} ranges"
            ),
            None if n > 1 => assert!(
                matches!(
                    ranged(bytes, n, chunk, HEAD_BYTES),
                    Err(Error::NotCuttable(_))
                ),
                "{name}: {n} ranges refused"
            ),
            None => {}
        }
    }
    assert_eq!(one, one_pass(bytes), "{name}: one pass");
    serde_json::from_str(&one).unwrap()
}

/// The records of the in-memory reader, whole and cut into `parts` ranges at line feeds
/// (`ingest::chunk`), as (row, flagged) pairs; they must be the same.
fn in_memory_ranges(bytes: &[u8], parts: usize) -> Vec<(u64, bool)> {
    let o = opts();
    let text = ingest::decode(bytes, &o.ingest).unwrap().text;
    let layout = ingest::sniff(&text, &o.ingest).unwrap();
    assert!(layout.search_responses);
    let mut whole = Vec::new();
    ingest::read_records(&text, &layout, &mut |r| {
        whole.push((r.row, r.problem.is_some()));
        true
    })
    .unwrap();
    let ranges = chunk::split(&text, &layout, parts).unwrap();
    assert_eq!(ranges.len(), parts);
    let mut parted = Vec::new();
    let mut before = 0;
    for r in ranges {
        let n = chunk::count_records(&text, &layout, r.clone()).unwrap();
        chunk::read_range(&text, &layout, r, before, &mut |r| {
            parted.push((r.row, r.problem.is_some()));
            true
        })
        .unwrap();
        before += n;
    }
    assert_eq!(parted, whole);
    whole
}

#[test]
fn every_lines_hits_stream_and_give_the_one_pass_report() {
    let noisy = Shape {
        noise: true,
        ..Shape::default()
    };
    for (name, shape) in [
        ("plain", Shape::default()),
        ("noisy", noisy),
        (
            "noisy, crlf and bom",
            Shape {
                crlf: true,
                bom: true,
                ..noisy
            },
        ),
    ] {
        let g = responses(1, 60, 100, shape);
        assert!(g.bytes.len() > HEAD_BYTES, "{name}: more than a head");
        assert!(rows_while_streaming(&g.bytes), "{name}: streamed");
        let r = agree(name, &g.bytes, Some(HEAD_BYTES));
        assert_eq!(r.input.format.id(), "jsonl", "{name}");
        assert_eq!(
            r.input.rows,
            g.hits + g.bad,
            "{name}: every hit, every bad line"
        );
        assert_eq!(r.input.unparseable_rows, g.bad, "{name}");
        assert_eq!(r.input.columns, 7, "{name}: the six keys and 备注");
        assert!(r.input.late_keys.is_empty(), "{name}");
        if shape.noise {
            assert!(g.bad >= 10, "{name}: {} bad records", g.bad);
        }
        let records = in_memory_ranges(&g.bytes, 5);
        assert_eq!(records.len() as u64, g.hits + g.bad, "{name}");
        // Ranges planned from a smaller head (200 KiB: the first 500 hits and more).
        let small_head = ranged(&g.bytes, 4, 4096, 200 << 10).unwrap();
        assert_eq!(small_head, one_pass(&g.bytes), "{name}: head of 200 KiB");
    }
}

#[test]
fn one_byte_chunks() {
    // 720 hits (more than the head's 500) in 8 lines, planned from a 64 KiB head, fed a byte at
    // a time: chunk boundaries fall everywhere in the lines, the hits and the bad lines.
    let g = responses(
        2,
        8,
        90,
        Shape {
            noise: true,
            crlf: true,
            ..Shape::default()
        },
    );
    assert!(g.bytes.len() > 2 * (64 << 10));
    let one = streamed(&g.bytes, &[usize::MAX], 64 << 10).unwrap();
    assert_eq!(streamed(&g.bytes, &[1], 64 << 10).unwrap(), one);
    assert_eq!(one, one_pass(&g.bytes));
    let r: Report = serde_json::from_str(&one).unwrap();
    assert_eq!(r.input.rows, g.hits + g.bad);
}

#[test]
fn lines_longer_than_the_head_stream_in_one_range() {
    // 5,000 hits a line (1.6 MB): the head holds part of the first line only. A session streams
    // it as one document's hits and, at its end (CRLF), reads on as lines of responses; ranges
    // are refused (the head cannot tell), unless the head holds the first line and more.
    let g = responses(
        3,
        3,
        5_000,
        Shape {
            noise: true,
            crlf: true,
            ..Shape::default()
        },
    );
    let first = g.bytes.iter().position(|&b| b == b'\n').unwrap();
    assert!(first > HEAD_BYTES, "{first} bytes");
    assert!(rows_while_streaming(&g.bytes));
    let r = agree("long lines", &g.bytes, None);
    assert_eq!(r.input.format.id(), "jsonl");
    assert_eq!(
        (r.input.rows, r.input.unparseable_rows),
        (g.hits + g.bad, g.bad)
    );
    assert_eq!(
        ranged(&g.bytes, 3, 65_536, 4 * HEAD_BYTES).unwrap(),
        one_pass(&g.bytes),
        "a head that holds the first line"
    );
}

#[test]
fn a_head_that_ends_with_the_first_line() {
    // The head is the first line and its line feed, no more: it says one document; the session
    // finds the next lines at the document's end and reads them as responses.
    let g = responses(4, 4, 600, Shape::default());
    let line = g.bytes.iter().position(|&b| b == b'\n').unwrap() + 1;
    assert!(line > 64 << 10);
    let one = streamed(&g.bytes, &[line], line).unwrap();
    assert_eq!(one, one_pass(&g.bytes));
    let r: Report = serde_json::from_str(&one).unwrap();
    assert_eq!((r.input.format.id(), r.input.rows), ("jsonl", 2_400));
    // Only blank lines after it: one document, as the one-pass reader sniffs it.
    let blank = [&g.bytes[..line], b"\n \t\r\n\n".as_slice()].concat();
    let one = streamed(&blank, &[line], line).unwrap();
    assert_eq!(one, one_pass(&blank));
    let r: Report = serde_json::from_str(&one).unwrap();
    assert_eq!((r.input.format.id(), r.input.rows), ("json", 600));
    // A blank line, then an error response: JSON Lines, the error a flagged record.
    let error = [&blank, NOISE[1].0.as_bytes(), b"\n"].concat();
    let one = streamed(&error, &[line], line).unwrap();
    assert_eq!(one, one_pass(&error));
    let r: Report = serde_json::from_str(&one).unwrap();
    assert_eq!(
        (r.input.format.id(), r.input.rows, r.input.unparseable_rows),
        ("jsonl", 601, 1)
    );
}

#[test]
fn what_is_not_a_response_line_is_flagged() {
    // Two pages of 300 hits with a bad line, an error response, a blank line, a page without
    // `hits.hits`, an empty page and a hit between them, and a last line cut short.
    let g = responses(5, 2, 300, Shape::default());
    let text = String::from_utf8(g.bytes).unwrap();
    let (page1, page2) = text.split_once('\n').unwrap();
    let cut = &page2[..page2.char_indices().nth(5_000).unwrap().0];
    let mut lines = vec![page1.to_owned()];
    lines.extend(NOISE.iter().map(|(l, _)| l.to_string()));
    lines.push(page2.trim_end().to_owned());
    lines.push(cut.to_owned());
    let input = lines.join("\n");
    let bad = NOISE.iter().filter(|(_, r)| *r == Some(1)).count() as u64 + 1;
    for (name, sizes, head) in [
        ("one pass", None, 0),
        ("streamed", Some(vec![4096]), 64 << 10),
        ("streamed whole", Some(vec![usize::MAX]), HEAD_BYTES),
    ] {
        let json = match sizes {
            None => one_pass(input.as_bytes()),
            Some(s) => streamed(input.as_bytes(), &s, head).unwrap(),
        };
        let r: Report = serde_json::from_str(&json).unwrap();
        assert_eq!(
            (r.input.rows, r.input.unparseable_rows),
            (600 + bad, bad),
            "{name}"
        );
        assert_eq!(r.input.columns, 7, "{name}: hits' keys, not the responses'");
    }
    let records = in_memory_ranges(input.as_bytes(), 3);
    // Row numbers count hits: the first bad line is the record after page 1's 300 hits.
    assert_eq!(records[299], (300, false));
    assert_eq!(records[300], (301, true));
}

#[test]
fn gb18030_and_utf16_stream_alike() {
    let g = responses(6, 30, 100, Shape::default());
    let text = String::from_utf8(g.bytes).unwrap();
    let (gb, _, _) = encoding_rs::GB18030.encode(&text);
    let r = agree("gb18030", &gb, Some(HEAD_BYTES));
    assert_eq!(
        (r.input.encoding.as_str(), r.input.rows),
        ("GB18030", 3_000)
    );
    let utf16 = common::utf16le_with_bom(&text);
    let r = agree("utf-16", &utf16, None);
    assert_eq!((r.input.format.id(), r.input.rows), ("jsonl", 3_000));
}

#[test]
fn late_keys_are_counted_as_for_json_lines() {
    let g = responses(
        7,
        30,
        100,
        Shape {
            late: true,
            ..Shape::default()
        },
    );
    let one = streamed(&g.bytes, &[usize::MAX], HEAD_BYTES).unwrap();
    for (sizes, head) in [(vec![4096], 64 << 10), (vec![1 << 20], HEAD_BYTES)] {
        assert_eq!(streamed(&g.bytes, &sizes, head).unwrap(), one);
    }
    for n in [2, 5] {
        assert_eq!(ranged(&g.bytes, n, 65_536, HEAD_BYTES).unwrap(), one);
    }
    let r: Report = serde_json::from_str(&one).unwrap();
    assert_eq!(r.input.late_keys.records, g.late);
    assert_eq!(r.input.late_keys.keys.get("email"), Some(&g.late));
    assert_eq!((r.input.rows, r.input.columns), (3_000, 7));
    // The one-pass reader, holding everything, makes them columns instead.
    let whole = analysis::verify(&g.bytes, &opts()).unwrap();
    assert_eq!(whole.input.columns, 8);
    assert!(whole.input.late_keys.is_empty());
}

#[test]
fn a_single_response_line_reads_as_before() {
    // One line, nothing after it (or only white space): one document, its hits, streamed.
    let g = responses(8, 1, 5_000, Shape::default());
    assert!(g.bytes.len() > HEAD_BYTES);
    for tail in ["", "\n", " \r\n\n"] {
        let bytes = [g.bytes.trim_ascii_end(), tail.as_bytes()].concat();
        let r = agree(&format!("one line {tail:?}"), &bytes, None);
        assert_eq!((r.input.format.id(), r.input.rows), ("json", 5_000));
    }
    // Forced to JSON Lines, its lines are still read as responses: the same hits.
    let mut o = opts();
    o.ingest.format = Some(ingest::InputFormat::Jsonl);
    let forced = |bytes: &[u8], o: &Options| {
        let whole = serde_json::to_string(&analysis::verify(bytes, o).unwrap()).unwrap();
        assert_eq!(
            common::streamed(bytes, o, &[4096], 64 << 10).unwrap(),
            whole
        );
        serde_json::from_str::<Report>(&whole).unwrap()
    };
    let r = forced(&g.bytes, &o);
    assert_eq!((r.input.format.id(), r.input.rows), ("jsonl", 5_000));
    // Forced to one JSON document, two lines are not one: one unparseable record, as before
    // (the stream finds the second line and the input is read whole).
    let two = responses(9, 2, 700, Shape::default()).bytes;
    o.ingest.format = Some(ingest::InputFormat::Json);
    assert!(matches!(
        common::streamed(&two, &o, &[4096], 64 << 10),
        Err(Error::ReadWhole(_))
    ));
    let whole = analysis::verify(&two, &o).unwrap();
    assert_eq!((whole.input.rows, whole.input.unparseable_rows), (1, 1));
    // A response over several lines followed by more is not JSON Lines: one document that is
    // not valid JSON, one unparseable record (read whole after the stream finds it).
    let text = String::from_utf8(two).unwrap();
    let pretty = text.replacen("\"hits\":[", "\n\"hits\":[", 1);
    let r = common::same_as_one_pass("a pretty first response", pretty.as_bytes());
    assert_eq!((r.input.format.id(), r.input.rows), ("json", 1));
    // Nor is a first line with text after its response.
    let after = text.replacen("}\n", "} x\n", 1);
    let r = common::same_as_one_pass("text after the first response", after.as_bytes());
    assert_eq!((r.input.rows, r.input.unparseable_rows), (1, 1));
}

#[test]
fn the_cli_reads_every_lines_hits() {
    let dir = std::env::temp_dir().join(format!("veracity-es-lines-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let short = responses(
        10,
        40,
        100,
        Shape {
            noise: true,
            ..Shape::default()
        },
    );
    let long = responses(11, 2, 5_000, Shape::default());
    for (name, g) in [("short lines", &short), ("long lines", &long)] {
        let path = dir.join("pages.jsonl");
        std::fs::write(&path, &g.bytes).unwrap();
        let run = |json: bool| {
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_veracity"))
                .arg("verify")
                .args(json.then_some("--json"))
                .arg("--reference-date")
                .arg(common::reference().to_string())
                .arg(&path)
                .output()
                .unwrap();
            assert!(out.status.success(), "{name}");
            String::from_utf8(out.stdout).unwrap()
        };
        let whole = analysis::verify(&g.bytes, &opts()).unwrap();
        let expected = serde_json::to_string_pretty(&whole).unwrap() + "\n";
        assert!(run(true) == expected, "{name}");
        assert_eq!(whole.input.rows, g.hits + g.bad, "{name}");
        let text = run(false);
        let rows = format!("\nrows        {} (7 columns)\n", g.hits + g.bad);
        assert!(
            text.contains("read as     jsonl ") && text.contains(&rows),
            "{name}: {text}"
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
