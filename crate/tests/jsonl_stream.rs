//! JSON Lines streamed (`veracity::stream`): any chunk sizes and 1–11 byte ranges give the
//! report of one streaming pass, byte for byte; with every key in the head that is the one-pass
//! (`analysis::verify`) report too; keys first seen after the head are counted in
//! `input.late_keys`, never silently dropped; bad lines are flagged rows, never panics.

mod common;

use common::{chunk_sizes as sizes, json_str as q, opts};

use serde_json::json;
use std::collections::BTreeMap;
use veracity::report::{LateKeys, Report};
use veracity::stream::HEAD_BYTES;
use veracity::{analysis, Error};

/// Options of a generated input.
#[derive(Clone, Copy, Default)]
struct Shape {
    /// Damaged and odd lines among the records.
    noise: bool,
    /// Keys that first appear after the first 500 records.
    late: bool,
    /// More distinct late keys than the report lists.
    many_late: bool,
    crlf: bool,
    bom: bool,
}

/// `n` records as JSON Lines, and the late keys the generator wrote (records per key, and
/// records holding any).
fn jsonl(seed: u64, n: usize, shape: Shape) -> (Vec<u8>, BTreeMap<String, u64>, u64) {
    let people = common::genuine(seed, n);
    let nl = if shape.crlf { "\r\n" } else { "\n" };
    let mut s = String::new();
    if shape.bom {
        s.push('\u{feff}');
    }
    let mut late = BTreeMap::new();
    let mut late_records = 0;
    for (i, p) in people.iter().enumerate() {
        let mut rec = format!(
            "{{\"姓名\":{},\"身份证号\":{},\"性别\":{},\"出生日期\":{},\"手机号\":{},\"地址\":{}",
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
            // In the head: a key of a few records only, and a nested value.
            rec.push_str(r#","备注":{"来源":["a",1,null]}"#);
        }
        if shape.late && i > 600 {
            if i % 7 == 0 {
                rec.push_str(&format!(",\"email\":{}", q(&format!("u{i}@example.com"))));
                keys.push("email".into());
            }
            if i % 50 == 0 {
                rec.push_str(r#","tags":["x",{"y":2}],"email":"dup@example.com""#);
                keys.push("tags".into());
                if !keys.contains(&"email".to_owned()) {
                    keys.push("email".into());
                }
            }
        }
        if shape.many_late && i > 600 && i % 3 == 0 {
            let k = format!("k{:03}", (i * 37) % 160);
            rec.push_str(&format!(",{}:1", q(&k)));
            keys.push(k);
        }
        rec.push('}');
        if !keys.is_empty() {
            late_records += 1;
            for k in keys {
                *late.entry(k).or_insert(0) += 1;
            }
        }
        s.push_str(&rec);
        s.push_str(nl);
        if shape.noise && i % 97 == 5 {
            let odd = [
                "",
                "   \t",
                r#"{"姓名": "张三", "身份证号": "#,
                r#"["张三","110101199001010010"]"#,
                "42",
                r#""just a string""#,
                "张三,110101199001010010,男,1990-01-01",
                r#"{"_index":"p","_source":{"姓名":"李四","手机号":"13800138000"}}"#,
                "\u{feff}{\"姓名\":\"王五\"}",
                "[",
            ];
            s.push_str(odd[(i / 97) % odd.len()]);
            s.push_str(nl);
        }
    }
    (s.into_bytes(), late, late_records)
}

/// One streaming session, fed in chunks of the given sizes (cycled), planning from `head`.
fn streamed(bytes: &[u8], sizes: &[usize], head: usize) -> Result<String, Error> {
    common::streamed(bytes, &opts(), sizes, head)
}

/// `n` range sessions planning from the first `head` bytes, fed in chunks of `chunk`.
fn ranged(bytes: &[u8], n: usize, chunk: usize, head: usize) -> Result<String, Error> {
    common::ranged(bytes, &opts(), n, chunk, head)
}

/// Every chunking and 1–11 ranges agree with one streaming pass; returns that report, as JSON
/// and read back (for its fields: floats may not read back to the same bits).
fn agree(name: &str, bytes: &[u8], cuttable: bool) -> (String, Report) {
    let one = streamed(bytes, &[usize::MAX], HEAD_BYTES).unwrap();
    for seed in 0..4 {
        for head in [HEAD_BYTES, 64 << 10] {
            let got = streamed(bytes, &sizes(seed), head);
            assert_eq!(got.as_ref(), Ok(&one), "{name}: chunks {seed}, head {head}");
        }
    }
    for n in 1..=11 {
        let chunk = sizes(n as u64)[0];
        let head = if n % 2 == 0 { HEAD_BYTES } else { 200 << 10 };
        match ranged(bytes, n, chunk, head) {
            Ok(got) => assert_eq!(got, one, "{name}: {n} ranges, chunk {chunk}, head {head}"),
            Err(Error::NotCuttable(_)) if !cuttable && n > 1 => {}
            Err(e) => panic!("{name}: {n} ranges, chunk {chunk}, head {head}: {e}"),
        }
    }
    let report = serde_json::from_str(&one).unwrap();
    (one, report)
}

#[test]
fn keys_all_in_the_head_give_the_one_pass_report() {
    for (name, shape) in [
        ("plain", Shape::default()),
        (
            "noisy",
            Shape {
                noise: true,
                ..Shape::default()
            },
        ),
        (
            "crlf and bom",
            Shape {
                noise: true,
                crlf: true,
                bom: true,
                ..Shape::default()
            },
        ),
    ] {
        let (bytes, _, _) = jsonl(3, 2_500, shape);
        let (json, streamed) = agree(name, &bytes, true);
        let one_pass = analysis::verify(&bytes, &opts()).unwrap();
        assert_eq!(json, serde_json::to_string(&one_pass).unwrap(), "{name}");
        assert_eq!(streamed.input.format.id(), "jsonl");
        assert!(streamed.input.late_keys.is_empty());
        assert_eq!(streamed.input.columns, 7, "{name}: the six keys and 备注");
        if shape.noise {
            // Bad lines are flagged rows, never dropped.
            assert!(streamed.input.unparseable_rows > 0, "{name}");
            assert!(streamed.input.ragged_rows > 0, "{name}");
        }
    }
}

#[test]
fn keys_only_in_the_tail_are_counted_not_dropped() {
    let shape = Shape {
        noise: true,
        late: true,
        ..Shape::default()
    };
    let (bytes, late, records) = jsonl(5, 2_500, shape);
    let (json, r) = agree("late keys", &bytes, true);
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
    let (plain, _, _) = jsonl(
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
fn more_late_keys_than_listed_agree_in_any_ranges() {
    let shape = Shape {
        late: true,
        many_late: true,
        ..Shape::default()
    };
    let (bytes, late, records) = jsonl(9, 2_500, shape);
    assert!(late.len() > LateKeys::LISTED);
    let (_, r) = agree("many late keys", &bytes, true);
    let lk = &r.input.late_keys;
    assert_eq!(lk.records, records);
    assert!(lk.more);
    // The first keys in code-point order, each with its exact count.
    let expected: BTreeMap<String, u64> = late.into_iter().take(LateKeys::LISTED).collect();
    assert_eq!(lk.keys, expected);
}

#[test]
fn a_huge_line_and_other_encodings_stream() {
    // A 3 MB value in the middle: the line is held whole (it must be parsed whole), no panic.
    let (bytes, _, _) = jsonl(4, 1_200, Shape::default());
    let text = String::from_utf8(bytes).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let huge = json!({"姓名": "张三", "地址": "很长".repeat(500_000)}).to_string();
    lines.insert(700, huge);
    let huge_input = (lines.join("\n") + "\n").into_bytes();
    let one = streamed(&huge_input, &[usize::MAX], HEAD_BYTES).unwrap();
    for (n, chunk) in [(1, 70_000), (3, 4096), (7, 1 << 20)] {
        assert_eq!(
            ranged(&huge_input, n, chunk, HEAD_BYTES).unwrap(),
            one,
            "{n}"
        );
    }
    assert_eq!(streamed(&huge_input, &[65_537], 64 << 10).unwrap(), one);
    assert_eq!(
        one,
        serde_json::to_string(&analysis::verify(&huge_input, &opts()).unwrap()).unwrap()
    );

    // GB18030 can be cut at line feeds; UTF-16 streams in one range and refuses ranges.
    let (gb, _, _) = jsonl(6, 1_500, Shape::default());
    let gb_text = String::from_utf8(gb.clone()).unwrap();
    let (enc, _, _) = encoding_rs::GB18030.encode(&gb_text);
    let (gb_json, r) = agree("gb18030", &enc, true);
    assert_eq!(r.input.encoding, "GB18030");
    let utf16 = common::utf16le_with_bom(&gb_text);
    let (json16, _) = agree("utf-16", &utf16, false);
    assert!(matches!(
        ranged(&utf16, 2, 4096, HEAD_BYTES),
        Err(Error::NotCuttable(_))
    ));
    let columns =
        |j: &str| serde_json::from_str::<serde_json::Value>(j).unwrap()["columns"].clone();
    assert_eq!(columns(&json16), columns(&gb_json));
}

#[test]
fn the_cli_says_which_keys_came_late() {
    let (bytes, late, records) = jsonl(
        5,
        1_000,
        Shape {
            late: true,
            ..Shape::default()
        },
    );
    let run = |args: &[&str]| {
        common::cli_on_file(env!("CARGO_BIN_EXE_veracity"), args, "late.jsonl", &bytes)
    };
    let out = run(&["verify", "--reference-date", "2026-01-01"]);
    let json_out = run(&["verify", "--json", "--reference-date", "2026-01-01"]);
    let text = String::from_utf8(out.stdout).unwrap();
    let line = format!(
        "late keys   {records} records hold keys that first appear after the 500 records the \
         columns were planned from; their values were not analysed: \"email\" {}, \"tags\" {}\n",
        late["email"], late["tags"]
    );
    assert!(text.contains(&line), "{text}");
    let r: serde_json::Value = serde_json::from_slice(&json_out.stdout).unwrap();
    assert_eq!(
        r["input"]["late_keys"],
        json!({"records": records, "keys": late, "more": false})
    );
}

#[test]
fn a_record_with_very_many_late_keys_is_counted_quickly() {
    // 200,000 distinct keys (and each twice) on one line past the head: n log n, not n².
    let (bytes, _, _) = jsonl(8, 700, Shape::default());
    let mut text = String::from_utf8(bytes).unwrap();
    let mut line = String::from("{\"姓名\":\"张三\"");
    for i in 0..200_000 {
        line.push_str(&format!(",\"k{i:06}\":1,\"k{i:06}\":2"));
    }
    line.push_str("}\n");
    text.push_str(&line);
    text.push_str("{\"姓名\":\"李四\",\"k000001\":3}\n");
    let started = std::time::Instant::now();
    let one = streamed(text.as_bytes(), &[100_000], HEAD_BYTES).unwrap();
    assert!(started.elapsed().as_secs() < 60);
    let r: Report = serde_json::from_str(&one).unwrap();
    let lk = r.input.late_keys;
    assert_eq!(
        (lk.records, lk.more, lk.keys.len()),
        (2, true, LateKeys::LISTED)
    );
    assert_eq!(lk.keys.get("k000000"), Some(&1));
    assert_eq!(lk.keys.get("k000001"), Some(&2));
    assert_eq!(lk.keys.keys().last().map(String::as_str), Some("k000099"));
    assert_eq!(ranged(text.as_bytes(), 4, 65_536, HEAD_BYTES).unwrap(), one);
}
