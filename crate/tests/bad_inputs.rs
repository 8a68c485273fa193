//! The catalogue of bad inputs: what a reporter may paste or drop, and what they must see.
//! Every case gives either a report whose counts add up and that counts and explains the
//! problem, or a one-line error that says what is wrong (and where, when there is a where) —
//! never a panic, a hang, or silently dropped rows.
//!
//! The heavy cases are scaled down here (tens of MB, a million rows); the full-size ones
//! (a 200 MB line, ten million rows) are run by `scripts/stress.sh` on the release build.

use std::sync::mpsc;
use std::time::Duration;
use veracity::civil::Date;
use veracity::ingest::InputFormat;
use veracity::{Error, Options, Report};

/// What a case must give.
enum Want {
    /// A report; the closure checks what it says about the problem.
    Report(fn(&Report)),
    /// An error whose one-line message contains this text.
    Error(&'static str),
}

fn opts() -> Options {
    Options {
        reference_date: Date::new(2022, 7, 1),
        ..Options::default()
    }
}

/// Runs `verify` on its own thread so a hang fails the test instead of blocking it.
fn run(name: &str, bytes: Vec<u8>, options: Options) -> Result<Report, Error> {
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name(name.to_owned())
        .stack_size(8 << 20)
        .spawn(move || {
            let _ = tx.send(veracity::verify(&bytes, &options));
        })
        .unwrap();
    rx.recv_timeout(Duration::from_secs(120))
        .unwrap_or_else(|_| panic!("{name}: no answer within 120 s (hang or panic)"))
}

/// The counts of every report add up.
fn check_invariants(name: &str, r: &Report) {
    let rows = r.input.rows;
    for c in &r.columns {
        assert_eq!(
            c.values + c.empty + r.input.unparseable_rows,
            rows,
            "{name}: column {:?}: values + empty + unparseable != rows",
            c.header
        );
        assert!(c.valid + c.invalid <= c.values, "{name}: {:?}", c.header);
        let validated = !matches!(c.kind.id(), "text" | "unknown");
        if validated {
            assert_eq!(c.valid + c.invalid, c.values, "{name}: {:?}", c.header);
        }
        let reasons: u64 = c.invalid_reasons.values().sum();
        assert!(
            reasons >= c.invalid,
            "{name}: every invalid value has a reason"
        );
    }
    assert!(r.flagged_rows.len() as u64 <= r.flagged_total, "{name}");
    assert!(r.flagged_rows.len() <= r.settings.max_flagged, "{name}");
    for f in &r.flagged_rows {
        assert!(
            f.row >= 1 && f.row <= rows,
            "{name}: flag row {} of {rows}",
            f.row
        );
        assert!(
            f.value.chars().count() <= 65,
            "{name}: shown values are cut"
        );
    }
    assert_eq!(r.input.columns as usize, r.columns.len(), "{name}");
}

fn csv_people(rows: usize) -> String {
    let mut s = String::from("姓名,身份证号,手机号\n");
    for _ in 0..rows {
        s.push_str("张伟,11010519491231002X,13800138000\n");
    }
    s
}

fn cases() -> Vec<(&'static str, Vec<u8>, Options, Want)> {
    let o = opts;
    let mut v: Vec<(&'static str, Vec<u8>, Options, Want)> = vec![
        ("empty input", vec![], o(), Want::Report(|r| assert_eq!(r.input.rows, 0))),
        (
            "only a header",
            "姓名,身份证号\n".into(),
            o(),
            Want::Report(|r| {
                assert_eq!((r.input.rows, r.input.columns), (0, 2));
            }),
        ),
        ("only a UTF-8 BOM", b"\xEF\xBB\xBF".to_vec(), o(), Want::Report(|r| assert_eq!(r.input.rows, 0))),
        ("only a UTF-16 BOM", b"\xFF\xFE".to_vec(), o(), Want::Report(|r| assert_eq!(r.input.rows, 0))),
        ("only white space", b" \n\t\r\n  \n".to_vec(), o(), Want::Report(|r| assert_eq!(r.input.rows, 0))),
        (
            "a PNG image",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01".to_vec(),
            o(),
            Want::Error("PNG"),
        ),
        ("a ZIP archive (or .xlsx)", b"PK\x03\x04\x14\0\0\0\x08\0".to_vec(), o(), Want::Error("ZIP")),
        ("a PDF", b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj".to_vec(), o(), Want::Error("PDF")),
        ("a wasm module", b"\0asm\x01\0\0\0\x01\x07\x01\x60".to_vec(), o(), Want::Error("byte 0")),
        ("a gzip file", b"\x1f\x8b\x08\0\0\0\0\0\0\x03".to_vec(), o(), Want::Error("gzip")),
        ("a JPEG", b"\xFF\xD8\xFF\xE0\0\x10JFIF\0".to_vec(), o(), Want::Error("JPEG")),
        ("an SQLite database", b"SQLite format 3\0\x10\0".to_vec(), o(), Want::Error("SQLite")),
        (
            "NUL-heavy binary",
            (0..4096u32).map(|i| if i % 3 == 0 { 0 } else { (i % 251) as u8 }).collect(),
            o(),
            Want::Error("NUL"),
        ),
        (
            "a few NUL bytes in a long text file",
            {
                let mut s = csv_people(300).into_bytes();
                let at = s.len() / 2;
                s[at] = 0;
                s
            },
            o(),
            Want::Report(|r| {
                assert_eq!(r.input.rows, 300);
                assert!(r.input.normalizations.contains_key("control_characters"));
            }),
        ),
        (
            "invalid UTF-8 in the middle",
            {
                let mut s = csv_people(200).into_bytes();
                let at = s.len() / 2;
                s.splice(at..at, [0xFF, 0xFE, 0xC3]);
                s
            },
            o(),
            Want::Report(|r| assert!(r.input.malformed_bytes >= 1, "malformed counted")),
        ),
        (
            "a file that switches from UTF-8 to GBK",
            {
                let mut s = csv_people(100).into_bytes();
                let tail = "王芳,11010519491231002X,13800138000\n".repeat(100);
                let (gbk, _, _) = encoding_rs::GBK.encode(&tail);
                s.extend_from_slice(&gbk);
                s
            },
            o(),
            Want::Report(|r| {
                assert_eq!(r.input.rows, 200);
                assert!(r.input.malformed_bytes > 0 || r.input.encoding == "GB18030");
            }),
        ),
        (
            "a quote that never closes",
            "姓名,身份证号\n张伟,\"11010519491231002X\n王芳,11010519491231002X\n".into(),
            o(),
            Want::Report(|r| assert!(r.input.unparseable_rows >= 1)),
        ),
        (
            "a stray quote inside a field",
            "姓名,地址\n张伟,北京市\"朝阳区\n王芳,上海市\n".into(),
            o(),
            Want::Report(|r| assert!(r.input.rows >= 1)),
        ),
        (
            "one 20 MB line with no newline",
            "x".repeat(20_000_000).into_bytes(),
            o(),
            Want::Report(|r| assert_eq!(r.input.rows, 1)),
        ),
        (
            "100,000 columns",
            {
                let h: Vec<String> = (0..100_000).map(|i| format!("c{i}")).collect();
                let d: Vec<String> = (0..100_000).map(|i| i.to_string()).collect();
                format!("{}\n{}\n", h.join(","), d.join(",")).into_bytes()
            },
            o(),
            Want::Report(|r| assert_eq!(r.input.columns, 100_000)),
        ),
        (
            "a million tiny rows",
            {
                let mut s = String::from("a\n");
                s.push_str(&"1\n".repeat(1_000_000));
                s.into_bytes()
            },
            o(),
            Want::Report(|r| assert_eq!(r.input.rows, 1_000_000)),
        ),
        (
            "JSON nested 100,000 levels",
            format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)).into_bytes(),
            o(),
            Want::Report(|r| assert!(r.input.rows <= 1)),
        ),
        (
            "JSON Lines with a line nested 100,000 levels",
            format!("{{\"a\":\"1\"}}\n{}{}\n{{\"a\":\"2\"}}\n", "[".repeat(100_000), "]".repeat(100_000)).into_bytes(),
            o(),
            Want::Report(|r| assert_eq!(r.input.rows, 3, "no line lost")),
        ),
        (
            "JSON with duplicate keys",
            r#"[{"姓名":"张伟","姓名":"王芳"},{"姓名":"李娜"}]"#.into(),
            o(),
            Want::Report(|r| assert_eq!(r.input.rows, 2)),
        ),
        (
            "a truncated JSON array",
            r#"[{"a":"1"},{"a":"2"},{"a":"3"#.into(),
            o(),
            Want::Report(|r| assert!(r.input.unparseable_rows >= 1 && r.input.rows >= 3)),
        ),
        (
            "JSON Lines with a broken line",
            "{\"a\":\"1\"}\n{\"a\":\n{\"a\":\"3\"}\n".into(),
            o(),
            Want::Report(|r| assert_eq!((r.input.rows, r.input.unparseable_rows), (3, 1))),
        ),
        (
            "an SQL dump with an unterminated string",
            "INSERT INTO t (a, b) VALUES ('x', 1), ('y, 2);\nINSERT INTO t (a, b) VALUES ('z', 3);\n".into(),
            o(),
            Want::Report(|r| assert!(r.input.unparseable_rows >= 1)),
        ),
        (
            "right-to-left overrides and zero-width characters in values",
            "姓名,身份证号\n\u{202E}张伟,1101051949\u{200B}1231002X\n\u{2067}王芳\u{2069},11010519491231002X\n".into(),
            o(),
            Want::Report(|r| {
                assert_eq!(r.input.normalizations.get("invisible_characters"), Some(&3));
                assert_eq!(r.columns[1].valid, 2, "IDs valid once the invisible characters are gone");
            }),
        ),
        (
            "control characters in values",
            "姓名,身份证号\n张\u{1}伟,11010519491231002X\u{7f}\n".into(),
            o(),
            Want::Report(|r| assert_eq!(r.input.normalizations.get("control_characters"), Some(&2))),
        ),
        (
            "a value of 1 MB",
            format!("姓名,备注\n张伟,{}\n", "字".repeat(350_000)).into_bytes(),
            Options { show_values: true, ..o() },
            Want::Report(|r| assert_eq!(r.input.rows, 1)),
        ),
        (
            "numbers that overflow",
            "年龄,身份证号\n99999999999999999999999999,999999999999999999\n-1,1.7976931348623157E+309\nNaN,-0\n".into(),
            o(),
            Want::Report(|r| {
                assert_eq!(r.columns[0].invalid, 3);
                assert_eq!(r.columns[1].invalid, 3);
            }),
        ),
        (
            "a JSON number too big for a float",
            r#"[{"id":110105194912310021123456789012345678901234567890}]"#.into(),
            o(),
            Want::Report(|r| assert_eq!(r.input.rows, 1)),
        ),
        (
            "only delimiters",
            ",,,\n,,,\n,,,\n".into(),
            o(),
            Want::Report(|r| assert!(r.columns.iter().all(|c| c.values == 0))),
        ),
        (
            "old Mac line endings (CR only)",
            "姓名,手机号\r张伟,13800138000\r王芳,13900139000\r".into(),
            o(),
            Want::Report(|r| assert!(r.input.rows >= 1)),
        ),
        (
            "mixed CRLF and LF",
            "姓名,手机号\r\n张伟,13800138000\n王芳,13900139000\r\n".into(),
            o(),
            Want::Report(|r| assert_eq!(r.input.rows, 2)),
        ),
        (
            "a header of 1 MB",
            format!("{},b\n1,2\n", "h".repeat(1_000_000)).into_bytes(),
            o(),
            Want::Report(|r| assert_eq!(r.input.columns, 2)),
        ),
        (
            "emoji and astral characters in names",
            "姓名,手机号\n😀😀,13800138000\n𠀀𠀁,13900139000\n".into(),
            o(),
            Want::Report(|r| assert!(r.columns[0].invalid >= 1)),
        ),
        (
            "ragged rows everywhere",
            {
                let mut s = String::from("a,b,c\n");
                for i in 0..10_000 {
                    s.push_str(match i % 3 {
                        0 => "1\n",
                        1 => "1,2,3,4,5\n",
                        _ => "1,2,3\n",
                    });
                }
                s.into_bytes()
            },
            o(),
            Want::Report(|r| {
                assert_eq!(r.input.rows, 10_000);
                assert_eq!(r.input.ragged_rows, 6_667);
            }),
        ),
        (
            "an HTML page instead of a table",
            "<!doctype html><html><body><p>Not a table</p></body></html>\n".into(),
            o(),
            Want::Report(|r| assert_eq!(r.input.rows, 1)),
        ),
        (
            "UTF-16LE without a BOM",
            "姓名,手机号\nzhang,13800138000\nwang,13900139000\n"
                .encode_utf16()
                .flat_map(|u| u.to_le_bytes())
                .collect(),
            o(),
            Want::Report(|r| assert_eq!(r.input.encoding, "UTF-16LE")),
        ),
        (
            "an unknown encoding label",
            csv_people(2).into_bytes(),
            Options {
                ingest: veracity::ingest::IngestOptions {
                    encoding: Some("klingon".into()),
                    ..Default::default()
                },
                ..o()
            },
            Want::Error("klingon"),
        ),
        (
            "no flagged rows listed (max_flagged 0), all counted",
            "身份证号\n110105194912310021\n110105194912310022\n".into(),
            Options { max_flagged: 0, ..o() },
            Want::Report(|r| {
                assert!(r.flagged_rows.is_empty());
                assert!(r.flagged_total >= 2);
            }),
        ),
        (
            "CSV forced to be read as JSON",
            csv_people(3).into_bytes(),
            Options {
                ingest: veracity::ingest::IngestOptions {
                    format: Some(InputFormat::Json),
                    ..Default::default()
                },
                ..o()
            },
            Want::Report(|r| assert!(r.input.unparseable_rows >= 1)),
        ),
        (
            "a kind override naming no column",
            csv_people(3).into_bytes(),
            {
                let mut x = o();
                x.add_kind_override("nosuch=text").unwrap();
                x
            },
            Want::Error("nosuch"),
        ),
        (
            "more columns than the limit",
            "a,b,c\n1,2,3\n".into(),
            Options {
                limits: veracity::options::Limits {
                    max_columns: 2,
                    ..Default::default()
                },
                ..o()
            },
            Want::Error("limits.max_columns"),
        ),
        (
            "a bigger input than the limit",
            csv_people(10).into_bytes(),
            Options {
                limits: veracity::options::Limits {
                    max_input_bytes: 100,
                    ..Default::default()
                },
                ..o()
            },
            Want::Error("limits.max_input_bytes"),
        ),
        (
            "every value empty",
            "姓名,身份证号\n,\n,\n,\n".into(),
            o(),
            Want::Report(|r| assert!(r.columns.iter().all(|c| c.empty == 3))),
        ),
        (
            "Excel-damaged IDs",
            "身份证号\n1.10105E+17\n110105194912310000\n".into(),
            o(),
            Want::Report(|r| {
                let reasons = &r.columns[0].invalid_reasons;
                assert!(reasons.contains_key("excel_scientific"), "{reasons:?}");
                assert!(reasons.contains_key("excel_trailing_zeros"), "{reasons:?}");
            }),
        ),
    ];
    v.shrink_to_fit();
    v
}

#[test]
fn every_bad_input_gives_a_report_or_a_one_line_error() {
    let cases = cases();
    assert!(cases.len() >= 40, "the catalogue has {} cases", cases.len());
    for (name, bytes, options, want) in cases {
        let got = run(name, bytes, options);
        match (want, got) {
            (Want::Report(check), Ok(r)) => {
                check_invariants(name, &r);
                check(&r);
            }
            (Want::Error(text), Err(e)) => {
                let msg = e.to_string();
                assert!(!msg.contains('\n'), "{name}: one line, got {msg:?}");
                assert!(
                    msg.contains(text),
                    "{name}: {msg:?} should mention {text:?}"
                );
            }
            (Want::Report(_), Err(e)) => panic!("{name}: wanted a report, got the error {e}"),
            (Want::Error(t), Ok(r)) => panic!(
                "{name}: wanted an error mentioning {t:?}, got a report of {} rows",
                r.input.rows
            ),
        }
    }
}

/// A header, then the same synthetic row for ever: an input no time limit can be too short for.
struct Endless {
    head: &'static [u8],
    row: &'static [u8],
    at: usize,
}

impl std::io::Read for Endless {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let mut n = 0;
        while n < buf.len() {
            let src = if self.at < self.head.len() {
                &self.head[self.at..]
            } else {
                let r = (self.at - self.head.len()) % self.row.len();
                &self.row[r..]
            };
            let k = src.len().min(buf.len() - n);
            buf[n..n + k].copy_from_slice(&src[..k]);
            n += k;
            self.at += k;
        }
        Ok(n)
    }
}

/// More work than `limits.max_seconds` allows stops with that one-line error, whatever the
/// build's speed (an endless input, where a fixed-size one would finish in time in release).
#[test]
fn an_endless_input_stops_at_the_time_limit() {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut input = Endless {
            head: "姓名,身份证号,手机号\n".as_bytes(),
            row: "张伟,11010519491231002X,13800138000\n".as_bytes(),
            at: 0,
        };
        let options = Options {
            limits: veracity::options::Limits {
                max_seconds: 1,
                ..Default::default()
            },
            ..opts()
        };
        let got = veracity::stream::verify_reader(&mut input, &options, None, 1 << 16);
        let _ = tx.send((got.map(|r| r.input.rows), input.at));
    });
    let (got, read) = rx
        .recv_timeout(Duration::from_secs(120))
        .expect("no answer within 120 s: the time limit did not stop an endless input");
    let err = got.expect_err("an endless input cannot give a report");
    let msg = err.to_string();
    assert!(msg.contains("limits.max_seconds"), "{msg:?}");
    assert!(!msg.contains('\n'), "one line, got {msg:?}");
    assert!(read > 1000, "it read {read} bytes before stopping");
}
