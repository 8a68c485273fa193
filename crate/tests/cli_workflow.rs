//! `veracity sample`, `compare` and `report` end to end.

use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output};

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn veracity(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_veracity"))
        .args(args)
        .output()
        .expect("run veracity")
}

fn json(args: &[&str]) -> Value {
    let out = veracity(args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn sample_is_reproducible_from_its_seed() {
    let demo = fixture("demo.csv");
    let args = |seed: &'static str| {
        vec![
            "sample",
            "",
            "-n",
            "12",
            "--seed",
            seed,
            "--json",
            "--reference-date",
            "2022-07-01",
        ]
    };
    let mut a = args("123");
    a[1] = &demo;
    let first = json(&a);
    let second = json(&a);
    assert_eq!(first, second);
    assert_eq!(first["seed"], "123");
    assert_eq!(first["rows"].as_array().unwrap().len(), 12);
    let mut b = args("124");
    b[1] = &demo;
    assert_ne!(json(&b)["rows"], first["rows"]);
    // Without a seed one is drawn and printed.
    let out = veracity(&["sample", &demo, "-n", "3"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("repeat with --seed"), "{text}");
}

#[test]
fn sample_csv_worksheet_has_outcome_columns() {
    let out = veracity(&[
        "sample",
        &fixture("demo.csv"),
        "-n",
        "4",
        "--seed",
        "1",
        "--csv",
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    let header = text.lines().next().unwrap();
    assert!(header.ends_with("outcome,notes"), "{header}");
    assert_eq!(text.lines().count(), 5);
}

#[test]
fn compare_counts_reencoded_copies_exactly() {
    let c = json(&[
        "compare",
        &fixture("people.csv"),
        &fixture("people_utf16be.csv"),
        "--json",
    ]);
    let rows = c["b"]["rows"].as_u64().unwrap();
    for o in c["overlap"].as_array().unwrap() {
        assert_eq!(o["b_rows_matched"].as_u64(), Some(rows), "{o}");
        assert_eq!(o["b_rate"].as_f64(), Some(1.0));
    }
    let c = json(&[
        "compare",
        &fixture("people.csv"),
        &fixture("demo.csv"),
        "--json",
    ]);
    let id = &c["overlap"][0];
    assert_eq!(id["key"], "id");
    assert_eq!(
        id["shared"].as_u64(),
        Some(0),
        "independent synthetic files share no ID"
    );
}

#[test]
fn report_writes_html_markdown_and_json_with_masked_values_only() {
    let dir = std::env::temp_dir();
    for (fmt, ext) in [("html", "html"), ("md", "md"), ("json", "json")] {
        let out_path = dir.join(format!("veracity-evidence.{ext}"));
        let out = veracity(&[
            "report",
            &fixture("demo.csv"),
            "--format",
            fmt,
            "-o",
            out_path.to_str().unwrap(),
            "--sample",
            "8",
            "--seed",
            "5",
            "--reference-date",
            "2022-07-01",
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("sha256"),
            "the CLI states the document's hash: {err}"
        );
        let text = std::fs::read_to_string(&out_path).unwrap();
        // No full ID or phone number of the demo sample appears.
        let demo = std::fs::read_to_string(fixture("demo.csv")).unwrap();
        for line in demo.lines().skip(1).take(300) {
            let f: Vec<&str> = line.split(',').collect();
            for v in [f[1], f[2]] {
                if v.len() >= 11 {
                    assert!(!text.contains(v), "{fmt}: unmasked value {v}");
                }
            }
        }
        if fmt == "html" {
            assert!(text.contains("report-sha256: "));
            assert!(text.contains("<svg"));
        }
        if fmt == "json" {
            let v: Value = serde_json::from_str(&text).unwrap();
            assert_eq!(v["call_sheet"]["seed"], "5");
        }
    }
}
