//! The `veracity` binary end to end: fixtures → `verify --json` → column kinds; exit codes;
//! byte-identical output for the same input and options.

use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures")
        .join(name)
}

fn veracity(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_veracity"))
        .args(args)
        .output()
        .expect("run veracity")
}

fn report(args: &[&str]) -> Value {
    let out = veracity(args);
    assert!(
        out.status.success(),
        "veracity {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON report")
}

fn kinds(r: &Value) -> Vec<String> {
    r["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["kind"].as_str().unwrap().to_owned())
        .collect()
}

const REF: &str = "2022-07-01";

#[test]
fn every_fixture_gets_the_right_kinds() {
    let people = [
        "person_name",
        "cn_ric",
        "cn_mobile",
        "address",
        "birth_date",
        "sex",
    ];
    let sql_people = [
        "unknown",
        "person_name",
        "cn_ric",
        "cn_mobile",
        "address",
        "birth_date",
        "sex",
    ];
    let cases: &[(&str, &str, &str, &[&str])] = &[
        ("people.csv", "csv", "UTF-8", &people),
        ("people_bom.csv", "csv", "UTF-8 (BOM)", &people),
        ("people.tsv", "tsv", "UTF-8", &people),
        ("people_semicolon.csv", "csv", "UTF-8", &people),
        ("people_pipe.csv", "csv", "UTF-8", &people),
        ("people_quoted_newlines.csv", "csv", "UTF-8", &people),
        ("people_ragged.csv", "csv", "UTF-8", &people),
        ("people_gb18030.csv", "csv", "GB18030", &people),
        ("people_utf16le.csv", "csv", "UTF-16LE", &people),
        ("people_utf16be.csv", "csv", "UTF-16BE", &people),
        ("people.json", "json", "UTF-8", &people),
        ("people.jsonl", "jsonl", "UTF-8", &people),
        ("kibana.jsonl", "jsonl", "UTF-8", &people),
        ("dump.sql", "sql", "UTF-8", &sql_people),
        ("fullwidth.csv", "csv", "UTF-8", &people),
        ("demo.csv", "csv", "UTF-8", &people),
    ];
    for (name, format, encoding, expected) in cases {
        let r = report(&[
            "verify",
            fixture(name).to_str().unwrap(),
            "--json",
            "--reference-date",
            REF,
        ]);
        assert_eq!(r["input"]["format"], *format, "{name}: format");
        assert_eq!(r["input"]["encoding"], *encoding, "{name}: encoding");
        assert_eq!(kinds(&r), *expected, "{name}: kinds");
        assert!(r["input"]["rows"].as_u64().unwrap() >= 20, "{name}: rows");
    }
}

/// Headerless inputs: the kinds come from content alone (order as in the file).
#[test]
fn headerless_fixtures_get_kinds_from_content() {
    for name in [
        "noheader.csv",
        "dump.txt",
        "dump_spaces.txt",
        "dump_nocols.sql",
        "people_arrays.json",
    ] {
        let r = report(&[
            "verify",
            fixture(name).to_str().unwrap(),
            "--json",
            "--reference-date",
            REF,
        ]);
        let k = kinds(&r);
        for want in ["person_name", "cn_ric", "cn_mobile"] {
            assert!(
                k.iter().any(|x| x == want),
                "{name}: no {want} column in {k:?}"
            );
        }
        assert_eq!(r["input"]["has_header"], false, "{name}");
    }
}

#[test]
fn content_wins_over_a_misleading_header() {
    let csv =
        "手机号,姓名\n110101199003077575,张伟\n310103198501010029,王芳\n440106199912121234,李娜\n";
    let mut child = Command::new(env!("CARGO_BIN_EXE_veracity"))
        .args(["verify", "-", "--json", "--reference-date", REF])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(csv.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(kinds(&r), ["cn_ric", "person_name"]);
}

#[test]
fn kind_override_and_unknown_column() {
    let f = fixture("people.csv");
    let r = report(&[
        "verify",
        f.to_str().unwrap(),
        "--json",
        "--kind",
        "性别=text",
        "--kind",
        "1=unknown",
    ]);
    assert_eq!(kinds(&r)[5], "text");
    assert_eq!(kinds(&r)[0], "unknown");
    assert_eq!(r["columns"][5]["kind_source"], "override");
    let out = veracity(&["verify", f.to_str().unwrap(), "--kind", "nosuch=text"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn same_input_same_bytes() {
    let f = fixture("demo.csv");
    let a = veracity(&[
        "verify",
        f.to_str().unwrap(),
        "--json",
        "--reference-date",
        REF,
    ]);
    let b = veracity(&[
        "verify",
        f.to_str().unwrap(),
        "--json",
        "--reference-date",
        REF,
    ]);
    assert!(a.status.success());
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn values_are_masked_unless_asked() {
    let f = fixture("demo.csv");
    let masked = report(&[
        "verify",
        f.to_str().unwrap(),
        "--json",
        "--reference-date",
        REF,
    ]);
    let shown = report(&[
        "verify",
        f.to_str().unwrap(),
        "--json",
        "--show-values",
        "--reference-date",
        REF,
    ]);
    let flags = masked["flagged_rows"].as_array().unwrap();
    assert!(!flags.is_empty(), "the demo sample has flagged rows");
    for (m, s) in flags.iter().zip(shown["flagged_rows"].as_array().unwrap()) {
        assert_eq!(m["row"], s["row"]);
        let (m, s) = (m["value"].as_str().unwrap(), s["value"].as_str().unwrap());
        if s.chars().count() > 2 && m != s {
            assert!(m.contains('*'), "masked value {m:?}");
        }
    }
    assert!(flags
        .iter()
        .any(|f| f["value"].as_str().unwrap().contains('*')));
}

#[test]
fn unreadable_input_is_one_line_and_exit_2() {
    let out = veracity(&["verify", "/nonexistent/file.csv"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");

    let png = std::env::temp_dir().join("veracity-test.png");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\0IEND").unwrap();
    let out = veracity(&["verify", png.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
}

#[test]
fn readable_summary() {
    let out = veracity(&[
        "verify",
        fixture("demo.csv").to_str().unwrap(),
        "--reference-date",
        REF,
    ]);
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("sha256"));
    assert!(s.contains("cn_ric"));
    assert!(s.contains("Cross-checks"));
}
