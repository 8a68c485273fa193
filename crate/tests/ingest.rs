//! Ingest against the synthetic fixtures in `tests/fixtures/` (regenerate them with
//! `python3 tests/fixtures/make_fixtures.py`), forced options, and junk input.

use proptest::prelude::*;
use std::path::PathBuf;
use veracity::ingest::{
    decode, read_records, sniff, IngestOptions, InputFormat, Layout, Record, RecordProblem,
};
use veracity::normalize::{normalize, Applied};
use veracity::Error;

const HEADER: [&str; 6] = ["姓名", "身份证号", "手机号", "地址", "出生日期", "性别"];

fn fixture(name: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures")
        .join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

struct Loaded {
    encoding: &'static str,
    malformed: u64,
    layout: Layout,
    records: Vec<Record>,
}

fn load_bytes(bytes: &[u8], opts: &IngestOptions) -> veracity::Result<Loaded> {
    let d = decode(bytes, opts)?;
    let layout = sniff(&d.text, opts)?;
    let mut records = Vec::new();
    read_records(&d.text, &layout, &mut |r| {
        records.push(r);
        true
    })?;
    Ok(Loaded {
        encoding: d.encoding,
        malformed: d.malformed,
        layout,
        records,
    })
}

fn load(name: &str) -> Loaded {
    load_bytes(&fixture(name), &IngestOptions::default()).unwrap()
}

fn fields(l: &Loaded) -> Vec<Vec<String>> {
    l.records.iter().map(|r| r.fields.clone()).collect()
}

fn assert_clean(l: &Loaded) {
    for r in &l.records {
        assert_eq!(r.problem, None, "row {}: {:?}", r.row, r.fields);
    }
    let rows: Vec<u64> = l.records.iter().map(|r| r.row).collect();
    let expected: Vec<u64> = (1..=l.records.len() as u64).collect();
    assert_eq!(rows, expected);
}

/// ISO 7064 MOD 11-2, written here from the standard to check the generator's IDs.
fn ric_check(body: &str) -> Option<char> {
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let mut sum = 0;
    for (c, w) in body.chars().zip(W) {
        sum += c.to_digit(10)? * w;
    }
    "10X98765432".chars().nth((sum % 11) as usize)
}

#[test]
fn people_csv_baseline() {
    let l = load("people.csv");
    assert_eq!(l.encoding, "UTF-8");
    assert_eq!(l.malformed, 0);
    assert_eq!(l.layout.format, InputFormat::Csv);
    assert_eq!(l.layout.delimiter.as_deref(), Some(","));
    assert!(l.layout.has_header);
    assert_eq!(l.layout.headers, HEADER);
    assert_eq!(l.records.len(), 30);
    assert_clean(&l);
    assert!(l.records[4].fields[3].ends_with(",临街商铺"));
    assert!(l.records[9].fields[3].ends_with("（\"老宅\"）"));
    assert_eq!(l.records[0].line, 2);
    // The generator's people are internally consistent: check digit, birth date, sex.
    for r in &l.records {
        let id = &r.fields[1];
        assert_eq!(id.len(), 18, "{id}");
        assert_eq!(ric_check(&id[..17]), id.chars().last(), "{id}");
        assert_eq!(&id[6..14], r.fields[4].replace('-', ""));
        let seq: u32 = id[14..17].parse().unwrap();
        assert_eq!(r.fields[5], if seq % 2 == 1 { "男" } else { "女" });
        assert_eq!(r.fields[2].len(), 11);
    }
}

#[test]
fn every_variant_yields_the_same_records() {
    let base = fields(&load("people.csv"));
    let cases: &[(&str, &str, InputFormat, Option<&str>, bool)] = &[
        (
            "people_bom.csv",
            "UTF-8 (BOM)",
            InputFormat::Csv,
            Some(","),
            true,
        ),
        ("people.tsv", "UTF-8", InputFormat::Tsv, Some("\t"), true),
        (
            "people_semicolon.csv",
            "UTF-8",
            InputFormat::Csv,
            Some(";"),
            true,
        ),
        (
            "people_pipe.csv",
            "UTF-8",
            InputFormat::Csv,
            Some("|"),
            true,
        ),
        (
            "people_gb18030.csv",
            "GB18030",
            InputFormat::Csv,
            Some(","),
            true,
        ),
        (
            "people_utf16le.csv",
            "UTF-16LE",
            InputFormat::Csv,
            Some(","),
            true,
        ),
        (
            "people_utf16be.csv",
            "UTF-16BE",
            InputFormat::Csv,
            Some(","),
            true,
        ),
        ("noheader.csv", "UTF-8", InputFormat::Csv, Some(","), false),
        ("people.json", "UTF-8", InputFormat::Json, None, true),
        ("people.jsonl", "UTF-8", InputFormat::Jsonl, None, true),
        (
            "people_arrays.json",
            "UTF-8",
            InputFormat::Json,
            None,
            false,
        ),
    ];
    for &(name, enc, format, delim, header) in cases {
        let l = load(name);
        assert_eq!(l.encoding, enc, "{name}");
        assert_eq!(l.malformed, 0, "{name}");
        assert_eq!(l.layout.format, format, "{name}");
        assert_eq!(l.layout.delimiter.as_deref(), delim, "{name}");
        assert_eq!(l.layout.has_header, header, "{name}");
        if header {
            assert_eq!(l.layout.headers, HEADER, "{name}");
        } else {
            assert_eq!(
                l.layout.headers,
                ["column 1", "column 2", "column 3", "column 4", "column 5", "column 6"],
                "{name}"
            );
        }
        assert_clean(&l);
        assert_eq!(fields(&l), base, "{name}");
    }
}

#[test]
fn utf16_without_bom_is_recognised() {
    let base = fields(&load("people.csv"));
    for (name, enc) in [
        ("people_utf16le.csv", "UTF-16LE"),
        ("people_utf16be.csv", "UTF-16BE"),
    ] {
        let bytes = fixture(name);
        let l = load_bytes(&bytes[2..], &IngestOptions::default()).unwrap();
        assert_eq!(l.encoding, enc);
        assert_eq!(fields(&l), base, "{name}");
    }
}

#[test]
fn fullwidth_semicolon_text() {
    let t = "张三；110101199003077777；13800138000；北京市 朝阳区\n李四；110101199003071234；13900139000；上海市\n";
    let l = load_bytes(t.as_bytes(), &IngestOptions::default()).unwrap();
    assert_eq!(l.layout.format, InputFormat::Text);
    assert_eq!(l.layout.delimiter.as_deref(), Some("；"));
    assert!(!l.layout.has_header);
    assert_eq!(l.records.len(), 2);
    assert_eq!(l.records[0].fields[3], "北京市 朝阳区");
}

#[test]
fn sql_column_lists_map_by_name() {
    let t = "INSERT INTO p (`xm`,`sfzh`) VALUES ('张三','1');\nINSERT INTO p (sfzh, sjh, xm) VALUES ('2','138','李四');\n";
    let l = load_bytes(t.as_bytes(), &IngestOptions::default()).unwrap();
    assert_eq!(l.layout.headers, ["xm", "sfzh", "sjh"]);
    assert_eq!(l.records[0].fields, ["张三", "1", ""]);
    assert_eq!(l.records[1].fields, ["李四", "2", "138"]);
    assert_clean(&l);
}

#[test]
fn pretty_single_json_object_is_one_record() {
    let t = "{\n  \"XM\": \"张三\",\n  \"SFZH\": 110101199003077777\n}\n";
    let l = load_bytes(t.as_bytes(), &IngestOptions::default()).unwrap();
    assert_eq!(l.layout.format, InputFormat::Json);
    assert_eq!(l.records.len(), 1);
    assert_eq!(l.records[0].fields, ["张三", "110101199003077777"]);
}

#[test]
fn quoted_newlines_stay_in_their_value() {
    let l = load("people_quoted_newlines.csv");
    assert_eq!(l.records.len(), 30);
    assert_clean(&l);
    let addr = &l.records[1].fields[3];
    assert!(addr.contains("\n（收件人："), "{addr}");
    assert!(addr.ends_with(" \"本人\"）"), "{addr}");
    // Lines: header 1, record 1 on 2, record 2 on 3–4, record 3 on 5.
    assert_eq!(l.records[2].line, 5);
    assert_eq!(
        l.records[2].fields[0],
        load("people.csv").records[2].fields[0]
    );
}

#[test]
fn ragged_rows_are_kept_and_flagged() {
    let l = load("people_ragged.csv");
    assert_eq!(l.records.len(), 30);
    let flagged: Vec<(u64, RecordProblem)> = l
        .records
        .iter()
        .filter_map(|r| r.problem.clone().map(|p| (r.row, p)))
        .collect();
    assert_eq!(
        flagged,
        vec![
            (3, RecordProblem::TooFewFields { found: 3 }),
            (7, RecordProblem::TooManyFields { found: 8 }),
            (12, RecordProblem::TooFewFields { found: 5 }),
        ]
    );
    assert_eq!(l.records[2].fields.len(), 6);
    assert_eq!(l.records[2].fields[3..], ["", "", ""]);
    assert_eq!(l.records[6].fields[6..], ["备注", "多余"]);
    assert_eq!(
        l.records[2].problem.as_ref().map(|p| p.reason()),
        Some("ragged_too_few_fields")
    );
}

#[test]
fn kibana_export_uses_source() {
    let l = load("kibana.jsonl");
    assert_eq!(l.layout.format, InputFormat::Jsonl);
    assert_eq!(
        l.layout.headers,
        ["XM", "SFZH", "LXDH", "HJDZ", "CSRQ", "XB"]
    );
    assert_eq!(l.records.len(), 40);
    assert_clean(&l);
    for r in &l.records {
        assert_eq!(r.fields[1].len(), 18);
        assert_eq!(&r.fields[1][6..14], r.fields[4]);
        assert!(r.fields[5] == "1" || r.fields[5] == "2");
    }
}

#[test]
fn json_numbers_keep_every_digit() {
    let l = load("people.jsonl");
    let raw = String::from_utf8(fixture("people.jsonl")).unwrap();
    let numeric = l
        .records
        .iter()
        .filter(|r| raw.contains(&format!("\"身份证号\": {}", r.fields[1])))
        .count();
    assert!(
        numeric > 10,
        "the fixture writes digit-only IDs as JSON numbers"
    );
}

#[test]
fn mysqldump_with_create_table() {
    let l = load("dump.sql");
    assert_eq!(l.layout.format, InputFormat::Sql);
    assert!(l.layout.has_header);
    assert_eq!(
        l.layout.headers,
        ["id", "xm", "sfzh", "sjh", "dz", "csrq", "xb"]
    );
    assert_eq!(l.records.len(), 40);
    assert_clean(&l);
    let ids: Vec<String> = l.records.iter().map(|r| r.fields[0].clone()).collect();
    let expected: Vec<String> = (1..=40).map(|i| i.to_string()).collect();
    assert_eq!(ids, expected);
    assert!(l.records[3].fields[4].ends_with("'东门'"));
    assert_eq!(l.records[8].fields[3], "", "NULL becomes empty");
    assert_eq!(l.records[0].line, 23);
    assert_eq!(l.records[25].line, 24);
}

#[test]
fn sql_without_column_list() {
    let l = load("dump_nocols.sql");
    assert_eq!(l.layout.format, InputFormat::Sql);
    assert!(!l.layout.has_header);
    assert_eq!(l.layout.headers.len(), 4);
    assert_eq!(l.records.len(), 20);
    assert_clean(&l);
    assert!(l.records.iter().all(|r| r.fields[1].len() == 18));
    assert_eq!(l.records[19].line, 21);
}

#[test]
fn loose_text_dumps() {
    let l = load("dump.txt");
    assert_eq!(l.layout.format, InputFormat::Text);
    assert_eq!(l.layout.delimiter.as_deref(), Some("----"));
    assert!(!l.layout.has_header);
    assert_eq!(l.layout.headers.len(), 4);
    assert_eq!(l.records.len(), 30);
    assert_clean(&l);

    let l = load("dump_spaces.txt");
    assert_eq!(l.layout.format, InputFormat::Text);
    assert_eq!(l.layout.delimiter.as_deref(), Some("  "));
    assert_eq!(l.layout.headers.len(), 5);
    assert_eq!(l.records.len(), 25);
    assert_clean(&l);
    assert!(
        l.records[0].fields[3].contains(' '),
        "single spaces do not split"
    );
    assert!(l.records.iter().all(|r| r.fields[1].len() == 18));
}

#[test]
fn excel_damage_is_read_as_written() {
    let l = load("excel_damage.csv");
    assert!(l.layout.has_header);
    assert_eq!(l.records.len(), 30);
    assert_clean(&l);
    let sci = &l.records[0].fields[1];
    assert!(sci.contains("E+17") && sci.len() == 11, "{sci}");
    assert!(l.records[1].fields[1].ends_with("000"));
}

#[test]
fn fullwidth_fixture_normalises() {
    let l = load("fullwidth.csv");
    assert_eq!(l.records.len(), 24);
    assert_clean(&l);
    let mut seen = 0u8;
    for r in &l.records {
        let (id, applied) = normalize(&r.fields[1]);
        assert_eq!(id.len(), 18, "{id:?}");
        assert!(id.chars().all(|c| c.is_ascii_alphanumeric()), "{id:?}");
        seen |= applied.0;
        let (name, _) = normalize(&r.fields[0]);
        assert!(!name.starts_with('\u{3000}'));
    }
    for bit in [Applied::FULLWIDTH, Applied::TRIMMED, Applied::LEADING_QUOTE] {
        assert!(seen & bit != 0, "bit {bit} never applied");
    }
}

#[test]
fn demo_sample() {
    let l = load("demo.csv");
    assert_eq!(l.layout.headers, HEADER);
    assert_eq!(l.records.len(), 300);
    assert_clean(&l);
    let ids: Vec<&str> = l.records.iter().map(|r| r.fields[1].as_str()).collect();
    assert!(ids.iter().any(|i| i.len() == 15), "legacy 15-digit IDs");
    assert!(ids.iter().any(|i| i.ends_with('x')), "lower-case x");
    for code in ["310103", "310108", "310225"] {
        assert!(ids.iter().any(|i| i.starts_with(code)), "{code}");
    }
    let bad_check = ids
        .iter()
        .filter(|i| i.len() == 18 && ric_check(&i[..17]) != i.to_uppercase().chars().last())
        .count();
    assert!((1..=10).contains(&bad_check), "{bad_check} typos");
    assert!(l.records.iter().any(|r| r.fields[2].is_empty()));
    let mut sorted = ids.clone();
    sorted.sort();
    sorted.dedup();
    assert!(sorted.len() < ids.len(), "duplicates present");
}

#[test]
fn forced_options_are_honoured() {
    let bytes = fixture("people.csv");
    let no_header = IngestOptions {
        has_header: Some(false),
        ..Default::default()
    };
    let l = load_bytes(&bytes, &no_header).unwrap();
    assert_eq!(l.records.len(), 31);
    assert_eq!(l.records[0].fields, HEADER);

    let text = IngestOptions {
        format: Some(InputFormat::Text),
        delimiter: Some(",".into()),
        ..Default::default()
    };
    let l = load_bytes(&bytes, &text).unwrap();
    assert_eq!(l.layout.format, InputFormat::Text);
    // No quoting in text: the quoted address with a comma splits.
    assert_eq!(
        l.records[4].problem,
        Some(RecordProblem::TooManyFields { found: 7 })
    );

    let tab = IngestOptions {
        delimiter: Some("tab".into()),
        ..Default::default()
    };
    let l = load_bytes(&fixture("people.tsv"), &tab).unwrap();
    assert_eq!(l.layout.format, InputFormat::Tsv);
    assert_eq!(l.records.len(), 30);

    let gbk = IngestOptions {
        encoding: Some("gbk".into()),
        ..Default::default()
    };
    let l = load_bytes(&fixture("people_gb18030.csv"), &gbk).unwrap();
    assert_eq!(l.encoding, "GB18030");
    assert_eq!(fields(&l), fields(&load("people.csv")));

    let bad = IngestOptions {
        format: Some(InputFormat::Csv),
        delimiter: Some("----".into()),
        ..Default::default()
    };
    assert!(matches!(
        load_bytes(&bytes, &bad),
        Err(Error::BadOptions(_))
    ));

    let json = IngestOptions {
        format: Some(InputFormat::Jsonl),
        ..Default::default()
    };
    let l = load_bytes(&bytes, &json).unwrap();
    assert_eq!(l.records.len(), 31);
    assert!(l
        .records
        .iter()
        .all(|r| matches!(r.problem, Some(RecordProblem::Unparseable { .. }))));
}

#[test]
fn junk_input() {
    // Empty, only a BOM, only white space: a csv layout with no columns and no records.
    for (bytes, enc) in [
        (&b""[..], "UTF-8"),
        (&b"\xef\xbb\xbf"[..], "UTF-8 (BOM)"),
        (&b" \n\r\n"[..], "UTF-8"),
    ] {
        let l = load_bytes(bytes, &IngestOptions::default()).unwrap();
        assert_eq!(l.encoding, enc);
        assert_eq!(l.layout.format, InputFormat::Csv);
        assert!(l.layout.headers.is_empty());
        assert!(l.records.is_empty());
    }

    // Only a header.
    let l = load_bytes(
        "姓名,身份证号,手机号\n".as_bytes(),
        &IngestOptions::default(),
    )
    .unwrap();
    assert!(l.layout.has_header);
    assert_eq!(l.layout.headers, ["姓名", "身份证号", "手机号"]);
    assert!(l.records.is_empty());

    // Binary.
    let e = load_bytes(
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0",
        &IngestOptions::default(),
    )
    .err()
    .unwrap();
    assert_eq!(
        e.to_string(),
        "unreadable input at byte 0: this looks like a PNG image, not a table of records"
    );

    // Unterminated quote: flagged, the rest still read.
    let l = load_bytes(
        "姓名,地址\n张三,\"北京\n李四,上海\n王五,广州\n".as_bytes(),
        &IngestOptions::default(),
    )
    .unwrap();
    assert_eq!(l.records.len(), 3);
    assert_eq!(
        l.records[0].problem.as_ref().map(|p| p.reason()),
        Some("unparseable_record")
    );
    assert_eq!(l.records[2].fields, ["王五", "广州"]);

    // Invalid UTF-8 in the middle: decoded as UTF-8 with the damage counted.
    let mut bytes = fixture("people.csv");
    let at = bytes.len() / 2;
    bytes.insert(at, 0xff);
    let l = load_bytes(&bytes, &IngestOptions::default()).unwrap();
    assert_eq!(l.encoding, "UTF-8");
    assert_eq!(l.malformed, 1);
    assert_eq!(l.records.len(), 30);
    assert!(l
        .records
        .iter()
        .any(|r| r.fields.iter().any(|f| f.contains('\u{FFFD}'))));

    // Truncated JSON array and JSON Lines with a bad line.
    let l = load_bytes(br#"[{"a":"1"},{"a":"2"},{"a":"#, &IngestOptions::default()).unwrap();
    assert_eq!(l.records.len(), 3);
    assert!(l.records[2].problem.is_some());
    let l = load_bytes(b"{\"a\":1}\n{oops}\n{\"a\":3}\n", &IngestOptions::default()).unwrap();
    assert_eq!(l.records.len(), 3);
    assert_eq!(l.records[1].line, 2);
    assert!(l.records[1].fields.is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = load_bytes(&bytes, &IngestOptions::default());
    }

    #[test]
    fn structured_junk_never_panics(s in "[,;|\t\"'\n\r{}\\[\\]():a-c0-9 \\-`#/*\\\\张三]{0,200}") {
        let _ = load_bytes(s.as_bytes(), &IngestOptions::default());
        for prefix in ["[", "{", "INSERT INTO t VALUES ", "CREATE TABLE t (", "a----b\n"] {
            let t = format!("{prefix}{s}");
            let _ = load_bytes(t.as_bytes(), &IngestOptions::default());
        }
    }

    #[test]
    fn normalize_is_idempotent(s in "\\PC{0,30}") {
        let (once, _) = normalize(&s);
        let (twice, applied) = normalize(&once);
        prop_assert_eq!(&once, &twice);
        prop_assert!(applied.is_empty() || once.starts_with('\''), "{:?}", applied);
    }
}
