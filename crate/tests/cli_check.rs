//! `veracity check` and `veracity formats` end to end: which formats a value fits, what they
//! say, batch mode, and exit codes.

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Output, Stdio};

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
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

fn formats_of(v: &Value) -> Vec<&str> {
    v["formats"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["format"].as_str().unwrap())
        .collect()
}

#[test]
fn names_the_formats_a_value_fits() {
    let v = json(&["check", "GB82 WEST 1234 5698 7654 32", "--json"]);
    assert_eq!(formats_of(&v), ["iban"]);
    let f = &v["formats"][0];
    assert_eq!(f["valid"], true);
    assert_eq!(f["facts"]["country"], "GB");
    assert_eq!(f["facts"]["canonical"], "GB82WEST12345698765432");

    // A synthetic Chinese ID: birth date and sex extracted.
    let v = json(&[
        "check",
        "11010519491231002X",
        "--json",
        "--reference-date",
        "2022-07-01",
    ]);
    assert!(formats_of(&v).contains(&"cn_ric"));
    let f = v["formats"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["format"] == "cn_ric")
        .unwrap();
    assert_eq!(f["valid"], true);
    assert_eq!(f["facts"]["date"], "1949-12-31");
    assert_eq!(f["facts"]["sex"], "female");

    // An invalid value that still looks like a format is reported with the reason.
    let v = json(&[
        "check",
        "4111111111111112",
        "--format",
        "payment_card",
        "--json",
    ]);
    assert_eq!(formats_of(&v), ["payment_card"]);
    assert_eq!(v["formats"][0]["valid"], false);
    assert_eq!(v["formats"][0]["problems"][0], "checksum");

    // The scheme is the issuer.
    let v = json(&["check", "5555 5555 5555 4444", "--json"]);
    let f = v["formats"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["format"] == "payment_card")
        .unwrap();
    assert_eq!(f["facts"]["issuer"], "Mastercard");
}

#[test]
fn readable_output_and_exit_codes() {
    let out = veracity(&["check", "+44 20 7946 0958"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("phone_intl") && text.contains("valid") && text.contains("GB"),
        "{text}"
    );

    // An invalid value is not a failure of the command.
    let out = veracity(&["check", "zzz"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("fits no known format"));

    for args in [
        &["check"][..],
        &["check", "1", "2"],
        &["check", "1", "--format", "no_such_format"],
        &["check", "--batch", "-", "--json"],
        &["check", "1", "--bogus"],
        &["formats", "--bogus"],
    ] {
        assert_eq!(veracity(args).status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn batch_mode_prints_one_object_per_line() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_veracity"))
        .args(["check", "--batch", "-", "--format", "us_aba", "--json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"011000015\n011000016\r\n\n0110-0001-5\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["valid"], true);
    assert_eq!(lines[0]["value"], "011000015");
    assert_eq!(lines[1]["valid"], false);
    assert_eq!(lines[1]["problems"][0], "checksum");
    assert_eq!(lines[2]["problems"][0], "empty");
    assert_eq!(lines[3]["facts"]["canonical"], "011000015");
}

#[test]
fn formats_lists_the_registry() {
    let v = json(&["formats", "--json"]);
    let list = v.as_array().unwrap();
    let ids: Vec<&str> = list.iter().map(|f| f["id"].as_str().unwrap()).collect();
    for id in [
        "cn_ric",
        "email",
        "iban",
        "payment_card",
        "bic",
        "us_aba",
        "imei",
        "iccid",
        "imsi",
        "phone_intl",
    ] {
        assert!(ids.contains(&id), "{id}");
    }
    for f in list {
        assert!(!f["name"].as_str().unwrap().is_empty());
        assert!(!f["validates"].as_str().unwrap().is_empty(), "{}", f["id"]);
        assert!(
            !f["specification"].as_str().unwrap().is_empty(),
            "{}",
            f["id"]
        );
    }
    let iban = list.iter().find(|f| f["id"] == "iban").unwrap();
    assert_eq!(iban["country"], Value::Null);
    let aba = list.iter().find(|f| f["id"] == "us_aba").unwrap();
    assert_eq!(aba["country"], "US");

    let md = String::from_utf8(veracity(&["formats", "--markdown"]).stdout).unwrap();
    assert!(md.starts_with("| id | name |"));
    assert_eq!(md.lines().count(), list.len() + 2);
}
