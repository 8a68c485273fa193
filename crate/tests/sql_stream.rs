//! SQL dumps streamed (`veracity::stream`): mysqldump and phpMyAdmin styles, one table or two,
//! INSERTs with and without a column list, in any chunk sizes (1 byte included) and heads,
//! give the report of one streaming pass, byte for byte, and with every column in the head's
//! first 500 tuples that is the one-pass (`analysis::verify`) report too; columns first seen
//! later are counted in `input.late_keys`; broken, truncated and endless input gives flagged
//! rows as the one-pass reader does (or, for a statement longer than a stream holds, the
//! input read again whole), never a panic or a hang; a dump is never cut into byte ranges.

mod common;

use common::{chunk_sizes as sizes, one_pass, opts, same_as_one_pass};

use serde_json::json;
use std::collections::BTreeMap;
use veracity::report::{LateKeys, Report};
use veracity::stream::HEAD_BYTES;
use veracity::{analysis, Error};

/// How a generated dump is written.
#[derive(Clone, Copy, Default)]
struct Style {
    /// phpMyAdmin: a column list in every INSERT, one tuple a line, `''` for a quote; else
    /// mysqldump: no column list (the `CREATE TABLE` names the columns), all on one line,
    /// backslash escapes.
    php: bool,
    /// No `CREATE TABLE` and no column list: the columns are `column N`.
    bare: bool,
    /// A second table (`accounts`) whose INSERTs come among the first 500 tuples.
    two_tables: bool,
    /// A second table (`accounts`) whose first INSERT comes after 1,000 people.
    late: bool,
    /// Broken and odd tuples, statements and comments among the records.
    noise: bool,
    crlf: bool,
    bom: bool,
}

/// Remarks with what a scanner must not take for syntax: quotes, `),(`, `;`, comment starts,
/// backslashes, line feeds.
const REMARKS: &[&str] = &[
    "O'Brien",
    "a),(b",
    "x; DROP TABLE people; --",
    "-- not a comment",
    "/* not a comment */",
    "# nor this",
    "C:\\temp\\",
    "第一行\n第二行\r\n",
    "他说\"你好\"",
    "'),('",
    "\\'",
    "",
];

/// A value as an SQL string literal: mysqldump's backslash escapes, or phpMyAdmin's doubled
/// quotes (and backslash escapes for what it must escape).
fn lit(v: &str, php: bool) -> String {
    let mut s = String::from("'");
    for c in v.chars() {
        match c {
            '\'' if php => s.push_str("''"),
            '\'' => s.push_str("\\'"),
            '\\' => s.push_str("\\\\"),
            '"' if !php => s.push_str("\\\""),
            '\n' => s.push_str("\\n"),
            '\r' => s.push_str("\\r"),
            c => s.push(c),
        }
    }
    s.push('\'');
    s
}

const PEOPLE: &[&str] = &[
    "id",
    "姓名",
    "身份证号",
    "性别",
    "出生日期",
    "手机号",
    "地址",
    "备注",
    "flags",
];
const ACCOUNTS: &[&str] = &["uid", "email", "手机号", "密码"];

fn create_table(name: &str, cols: &[&str], nl: &str) -> String {
    let mut s = format!("DROP TABLE IF EXISTS `{name}`;{nl}CREATE TABLE `{name}` ({nl}");
    for (i, c) in cols.iter().enumerate() {
        let ty = match i {
            0 => "int NOT NULL AUTO_INCREMENT",
            _ => "varchar(255) DEFAULT NULL COMMENT 'a, (b); c'",
        };
        s.push_str(&format!("  `{c}` {ty},{nl}"));
    }
    s.push_str(&format!(
        "  PRIMARY KEY (`{}`),{nl}  KEY `k` (`{}`(10)){nl}) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;{nl}",
        cols[0], cols[1]
    ));
    s
}

/// `n` people as a dump, and the late columns written (records per name, records holding any).
fn dump(seed: u64, n: usize, st: Style) -> (Vec<u8>, BTreeMap<String, u64>, u64) {
    let people = common::genuine(seed, n);
    let nl = if st.crlf { "\r\n" } else { "\n" };
    let mut s = String::new();
    if st.bom {
        s.push('\u{feff}');
    }
    if st.php {
        s.push_str(&format!(
            "-- phpMyAdmin SQL Dump{nl}-- version 5.2.1{nl}{nl}SET SQL_MODE = \"NO_AUTO_VALUE_ON_ZERO\";{nl}START TRANSACTION;{nl}/*!40101 SET NAMES utf8mb4 */;{nl}{nl}"
        ));
    } else {
        s.push_str(&format!(
            "-- MySQL dump 10.13  Distrib 8.0.36{nl}--{nl}/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;{nl}/*!50503 SET NAMES utf8mb4 */;{nl}/*!40103 SET TIME_ZONE='+00:00' */;{nl}{nl}"
        ));
    }
    let list = |cols: &[&str]| -> String {
        let names: Vec<String> = cols.iter().map(|c| format!("`{c}`")).collect();
        format!(" ({})", names.join(", "))
    };
    let insert = |table: &str, cols: &[&str]| -> String {
        match (st.php, st.bare) {
            (true, false) => format!("INSERT INTO `{table}`{} VALUES{nl}", list(cols)),
            _ => format!("INSERT INTO `{table}` VALUES "),
        }
    };
    if !st.bare {
        s.push_str(&create_table("people", PEOPLE, nl));
        if st.two_tables || st.late {
            s.push_str(&create_table("accounts", ACCOUNTS, nl));
        }
    }
    s.push_str(&format!(
        "LOCK TABLES `people` WRITE;{nl}/*!40000 ALTER TABLE `people` DISABLE KEYS */;{nl}"
    ));
    let sep = if st.php {
        format!(",{nl}")
    } else {
        ",".to_owned()
    };
    let mut late = BTreeMap::new();
    let mut late_records = 0;
    let mut open = false;
    for (i, p) in people.iter().enumerate() {
        if i % 200 == 0 {
            if open {
                s.push_str(&format!(";{nl}"));
            }
            // The other table, among the first 500 tuples or after 1,000.
            let accounts = (st.two_tables && i == 200) || (st.late && i == 1_200);
            if accounts {
                s.push_str(&insert("accounts", ACCOUNTS));
                for k in 0..30 {
                    if k > 0 {
                        s.push_str(&sep);
                    }
                    s.push_str(&format!(
                        "({k},{},{},{})",
                        lit(&format!("u{k}@example.com"), st.php),
                        lit(&p.phone, st.php),
                        lit("p'w;),(d", st.php)
                    ));
                }
                s.push_str(&format!(";{nl}"));
                if st.late {
                    // `手机号` is a column already; the others are not.
                    late_records += 30;
                    for c in ["email", "uid", "密码"] {
                        late.insert(c.to_owned(), 30);
                    }
                }
            }
            if st.noise && i % 400 == 0 {
                s.push_str(&format!(
                    "-- a comment between statements ;'\"{nl}/* a block; ' \" */ ;;{nl}UPDATE `people` SET `备注` = 'x;y' WHERE id = 3;{nl}# hash{nl}"
                ));
            }
            s.push_str(&insert("people", PEOPLE));
            open = true;
        } else {
            s.push_str(&sep);
            if st.noise && i % 97 == 5 {
                // Comments between tuples and odd tuples, one of each kind in turn.
                let odd = [
                    "/* between */ (0,'a' 'b')",
                    "(0,,'x')",
                    "(0,'张三','110101199003077777','男','1990-03-07',NULL,'北京','x',0x1F,'extra')",
                    "(0,'李四')",
                    "(0,_utf8mb4'王五',X'3131',now(),'1990-01-01',-1.5e3,'地址','r',b'101')",
                    "(0,'unclosed),(0,'x')",
                    "(0, 'a' -- a comment\n, 'b')",
                ];
                s.push_str(odd[(i / 97) % odd.len()]);
                s.push_str(&sep);
            }
        }
        let remark = REMARKS[i % REMARKS.len()];
        let phone = if i % 9 == 0 {
            "NULL".to_owned()
        } else {
            lit(&p.phone, st.php)
        };
        let flags = if i % 5 == 0 {
            "0x1F".to_owned()
        } else {
            format!("{}", i % 3)
        };
        s.push_str(&format!(
            "({},{},{},{},{},{phone},{},{},{flags})",
            i + 1,
            lit(&p.name, st.php),
            lit(&p.id, st.php),
            lit(&p.sex_text, st.php),
            lit(&p.birth.to_string(), st.php),
            lit(&p.address, st.php),
            lit(remark, st.php),
        ));
    }
    s.push_str(&format!(
        ";{nl}/*!40000 ALTER TABLE `people` ENABLE KEYS */;{nl}UNLOCK TABLES;{nl}-- Dump completed{nl}"
    ));
    (s.into_bytes(), late, late_records)
}

/// One streaming session, fed in chunks of the given sizes (cycled), planning from `head`.
fn streamed(bytes: &[u8], sizes: &[usize], head: usize) -> Result<String, Error> {
    common::streamed(bytes, &opts(), sizes, head)
}

/// One streaming session holding at most `max_held` bytes for one SQL tuple or statement
/// start; on `Error::ReadWhole`, the input read again whole, as the CLI does.
fn streamed_holding(bytes: &[u8], sizes: &[usize], head: usize, max_held: usize) -> String {
    match common::streamed_with(bytes, &opts(), sizes, head, |s| {
        s.set_sql_max_held(max_held)
    }) {
        Err(Error::ReadWhole(_)) => streamed(bytes, &[usize::MAX], usize::MAX).unwrap(),
        r => r.unwrap(),
    }
}

/// Rows counted while bytes still come (planned from a 64 KiB head): streamed, not held to the
/// end.
fn streams(bytes: &[u8]) -> bool {
    common::rows_while_streaming_from(bytes, 64 << 10)
}

/// `bytes` in chunks of 7, 4096 and 1 MiB bytes and random chunkings (1–200,000 bytes), heads
/// of 1 MiB and 64 KiB: every stream gives the same report; one range too, several are refused.
/// Returns it.
fn agree(name: &str, bytes: &[u8]) -> String {
    let mut chunkings: Vec<Vec<usize>> = vec![vec![7], vec![4096], vec![1 << 20]];
    chunkings.extend((0..3).map(sizes));
    common::agree_one_range(name, bytes, &chunkings)
}

fn report(json: &str) -> Report {
    serde_json::from_str(json).unwrap()
}

#[test]
fn dumps_stream_and_give_the_one_pass_report() {
    let noisy = Style {
        noise: true,
        ..Style::default()
    };
    for (name, st, columns) in [
        ("mysqldump", Style::default(), 9),
        ("mysqldump, noisy", noisy, 9),
        (
            "phpMyAdmin, noisy, CRLF and BOM",
            Style {
                php: true,
                crlf: true,
                bom: true,
                ..noisy
            },
            9,
        ),
        (
            "two tables",
            Style {
                two_tables: true,
                noise: true,
                ..Style::default()
            },
            12,
        ),
        (
            "phpMyAdmin, two tables",
            Style {
                php: true,
                two_tables: true,
                ..Style::default()
            },
            12,
        ),
        (
            "no CREATE TABLE, no column list",
            Style {
                bare: true,
                noise: true,
                ..Style::default()
            },
            10,
        ),
    ] {
        let (bytes, _, _) = dump(3, 3_000, st);
        assert!(
            bytes.len() > 2 * (64 << 10),
            "{name}: more than a small head"
        );
        assert!(streams(&bytes), "{name}: streamed");
        let got = agree(name, &bytes);
        assert_eq!(got, one_pass(&bytes), "{name}");
        let r = report(&got);
        assert_eq!(r.input.format.id(), "sql", "{name}");
        assert!(r.input.late_keys.is_empty(), "{name}");
        // The accounts' `uid`, `email` and `密码` follow the people's columns; without column
        // names, a tuple of ten values among the first makes a tenth column.
        assert_eq!(r.input.columns, columns, "{name}");
        let accounts = if st.two_tables { 30 } else { 0 };
        if st.noise {
            // The noisy tuples are rows too (a broken one and what follows it, as in one pass).
            assert!(r.input.rows > 3_000 + accounts, "{name}");
            assert!(r.input.unparseable_rows > 0, "{name}");
            assert!(r.input.ragged_rows > 0, "{name}");
        } else {
            assert_eq!(r.input.rows, 3_000 + accounts, "{name}");
        }
    }
}

#[test]
fn one_byte_chunks() {
    // 700 people (more than the head's 500 tuples) planned from a 64 KiB head, fed a byte at a
    // time: chunk boundaries fall in strings, escapes, doubled quotes, comments, keywords.
    for st in [
        Style {
            noise: true,
            ..Style::default()
        },
        Style {
            php: true,
            noise: true,
            crlf: true,
            two_tables: true,
            ..Style::default()
        },
    ] {
        let (bytes, _, _) = dump(11, 700, st);
        assert!(bytes.len() > 64 << 10);
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
fn columns_first_seen_after_the_head_are_counted_not_dropped() {
    let (bytes, late, records) = dump(
        5,
        3_000,
        Style {
            late: true,
            noise: true,
            ..Style::default()
        },
    );
    let got = agree("late table", &bytes);
    let r = report(&got);
    assert_eq!(
        r.input.late_keys,
        LateKeys {
            records,
            keys: late,
            more: false
        }
    );
    // The accounts are rows, read by the one column they share with the people (手机号).
    // The one-pass reader, holding everything, makes the others columns instead.
    let whole = analysis::verify(&bytes, &opts()).unwrap();
    assert_eq!((r.input.rows, r.input.columns), (whole.input.rows, 9));
    assert_eq!(whole.input.columns, 12);
    assert!(whole.input.late_keys.is_empty());

    // Without a column list or a CREATE TABLE, a wider tuple later is flagged ragged (its
    // extra values kept past the last column), as for a JSON array of arrays.
    let (bytes, _, _) = dump(
        6,
        1_500,
        Style {
            bare: true,
            ..Style::default()
        },
    );
    let text = String::from_utf8(bytes).unwrap();
    let at = text.rfind("),(").unwrap() + 2;
    let wide = format!(
        "{}(1,2,3,4,5,6,7,8,9,10,11,12),{}",
        &text[..at],
        &text[at..]
    );
    let got = agree("a wider tuple later", wide.as_bytes());
    let r = report(&got);
    assert_eq!((r.input.rows, r.input.columns), (1_501, 9));
    assert_eq!(r.input.ragged_rows, 1);
    assert_eq!(
        analysis::verify(wide.as_bytes(), &opts())
            .unwrap()
            .input
            .columns,
        12
    );
}

#[test]
fn broken_and_truncated_dumps_are_read_as_in_one_pass() {
    let (bytes, _, _) = dump(
        7,
        1_500,
        Style {
            noise: true,
            ..Style::default()
        },
    );
    let text = String::from_utf8(bytes).unwrap();
    let good = same_as_one_pass("whole", text.as_bytes()).input.rows;
    // Cut short anywhere: in a string, an escape, a comment, a keyword, between tuples.
    let mut cuts: Vec<usize> = (1..8).map(|k| text.len() * k / 8).collect();
    for pat in ["\\'", "/*", "-- ", "),(", "VALUES", "0x1F"] {
        if let Some(at) = text.rfind(pat) {
            cuts.extend([at, at + 1]);
        }
    }
    for at in cuts {
        let mut at = at.min(text.len());
        while !text.is_char_boundary(at) {
            at += 1;
        }
        let r = same_as_one_pass(&format!("cut at {at}"), &text.as_bytes()[..at]);
        assert!(r.input.rows <= good + 1, "cut at {at}");
    }
    // An unterminated string at the end: the tuple is flagged, the others read.
    let end = text.rfind(");").unwrap() + 1;
    let open = format!("{},('never closed, 1, 2", &text[..end]);
    let r = same_as_one_pass("unterminated string at the end", open.as_bytes());
    assert_eq!(
        r.input.unparseable_rows,
        report(&one_pass(text.as_bytes())).input.unparseable_rows + 1
    );
    // A statement that never ends: INSERTs without their `;` and nothing after.
    let endless = text.replace(
        ";\n/*!40000 ALTER TABLE `people` ENABLE",
        "\n/*!40000 ALTER TABLE `people` ENABLE",
    );
    same_as_one_pass("no semicolon", endless.as_bytes());
    let open_paren = text.replacen("('", "(now(", 3);
    same_as_one_pass("unbalanced parentheses", open_paren.as_bytes());
    // Garbage between tuples and statements.
    let at = text.match_indices("),(").nth(700).unwrap().0 + 1;
    let garbage = format!("{} @@garbage; '\" {}", &text[..at], &text[at..]);
    same_as_one_pass("garbage between tuples", garbage.as_bytes());
    // Small and odd dumps.
    for t in [
        "INSERT INTO t VALUES",
        "INSERT INTO t (a) VALUES (",
        "INSERT INTO t (a) VALUES ('",
        "INSERT INTO t (a) VALUES ('\\",
        "/* only a comment",
        "-- only a comment",
        "CREATE TABLE t (a int, b int",
        "\u{feff}INSERT INTO t VALUES (1),(2);",
        ";;;",
        "INSERT INTO t VALUES ();",
    ] {
        same_as_one_pass(t, t.as_bytes());
    }
}

#[test]
fn what_a_stream_does_not_hold() {
    // With 1 MiB held at most: a 3 MB tuple that is fine is read in one pass but flagged by the
    // stream (the one difference, documented: a stream reads it as a broken tuple, and reads on
    // from the first `),(` after its `(`, which here is the next tuple); a string that never
    // closes, a comment, a skipped statement that never ends give the one-pass report while
    // holding only that much; a CREATE TABLE that never ends makes the stream read the input
    // again whole.
    let (bytes, _, _) = dump(8, 2_000, Style::default());
    let text = String::from_utf8(bytes).unwrap();
    let at = text.match_indices("),(").nth(1_200).unwrap().0 + 2;
    let held = 1 << 20;
    let big = format!(
        "{}(0,'{}'),{}",
        &text[..at],
        "很长的备注,(;'".replace('\'', "''").repeat(200_000),
        &text[at..]
    );
    let whole = report(&one_pass(big.as_bytes()));
    for (sizes, head) in [(vec![1 << 20], HEAD_BYTES), (vec![4096, 77_777], 64 << 10)] {
        let r = report(&streamed_holding(big.as_bytes(), &sizes, head, held));
        assert_eq!(r.input.rows, whole.input.rows);
        assert_eq!(r.input.unparseable_rows, whole.input.unparseable_rows + 1);
        // Held by default (64 MiB): the one-pass report.
        assert_eq!(
            streamed(big.as_bytes(), &sizes, head).unwrap(),
            one_pass(big.as_bytes())
        );
    }

    let filler = "张三,),(;".repeat(400_000);
    let open_filler = "(张三, ".repeat(400_000);
    for (name, endless) in [
        (
            "a string that never closes",
            format!("{}('{filler}", &text[..at]),
        ),
        (
            "a comment that never ends",
            format!("{};/* {filler}", &text[..at - 1]),
        ),
        (
            "a statement that never ends",
            format!("{};\nSET @x = '{filler}", &text[..at - 1]),
        ),
        (
            "a CREATE TABLE that never ends",
            format!("{};\nCREATE TABLE x (a int, {open_filler}", &text[..at - 1]),
        ),
    ] {
        let expected = one_pass(endless.as_bytes());
        for (sizes, head) in [(vec![1 << 20], HEAD_BYTES), (vec![4096, 77_777], 64 << 10)] {
            assert_eq!(
                streamed_holding(endless.as_bytes(), &sizes, head, held),
                expected,
                "{name}"
            );
        }
        let direct =
            common::streamed_with(endless.as_bytes(), &opts(), &[1 << 20], HEAD_BYTES, |s| {
                s.set_sql_max_held(held)
            });
        assert_eq!(
            matches!(direct, Err(Error::ReadWhole(_))),
            name.starts_with("a CREATE"),
            "{name}: {:?}",
            direct.map(|j| report(&j).input.rows)
        );
    }
}

#[test]
fn other_encodings_stream_alike() {
    let (bytes, _, _) = dump(
        12,
        2_000,
        Style {
            php: true,
            noise: true,
            two_tables: true,
            ..Style::default()
        },
    );
    let text = String::from_utf8(bytes).unwrap();
    let (gb, _, _) = encoding_rs::GB18030.encode(&text);
    assert!(streams(&gb));
    let got = agree("gb18030", &gb);
    assert_eq!(report(&got).input.encoding, "GB18030");
    assert_eq!(got, one_pass(&gb));
    let utf16: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let got = agree("utf-16", &utf16);
    assert_eq!(got, one_pass(&utf16));
    // Forced to SQL: the same.
    let mut o = opts();
    o.ingest.format = serde_json::from_value(json!("sql")).unwrap();
    let whole = serde_json::to_string(&analysis::verify(text.as_bytes(), &o).unwrap()).unwrap();
    let got = common::streamed(text.as_bytes(), &o, &[4096, 333], 64 << 10).unwrap();
    assert_eq!(got, whole);
}

#[test]
fn the_cli_streams_a_dump() {
    let (bytes, late, records) = dump(
        5,
        2_000,
        Style {
            late: true,
            ..Style::default()
        },
    );
    let run = |args: &[&str]| {
        common::cli_on_file(env!("CARGO_BIN_EXE_veracity"), args, "dump.sql", &bytes)
    };
    let out = run(&["verify", "--json", "--reference-date", "2026-01-01"]);
    let text = run(&["verify", "--reference-date", "2026-01-01"]);
    assert!(out.status.success());
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["input"]["format"], "sql");
    assert_eq!(r["input"]["rows"], 2_030);
    assert_eq!(
        r["input"]["late_keys"],
        json!({"records": records, "keys": late, "more": false})
    );
    let summary = String::from_utf8(text.stdout).unwrap();
    assert!(
        summary.contains("late cols   30 records hold columns that first appear"),
        "{summary}"
    );
}

/// A value in PostgreSQL's COPY text format: backslash, tab, line feed and carriage return
/// escaped.
fn copy_lit(v: &str) -> String {
    let mut s = String::new();
    for c in v.chars() {
        match c {
            '\\' => s.push_str("\\\\"),
            '\t' => s.push_str("\\t"),
            '\n' => s.push_str("\\n"),
            '\r' => s.push_str("\\r"),
            c => s.push(c),
        }
    }
    s
}

/// `n` people as pg_dump 17.6 writes them (its default plain format; `\restrict` and
/// `\unrestrict` are psql meta-commands): `CREATE TABLE`, then `COPY …
/// FROM stdin;`, one tab-separated line a person, `\N` for NULL, `\.`; with `noise`, a second
/// table's data (fewer columns), lines with too few values, octal and hex escapes and an
/// `INSERT` among the statements.
fn pg_dump(seed: u64, n: usize, noise: bool) -> Vec<u8> {
    let people = common::genuine(seed, n);
    let mut s = String::from(
        "--\n-- PostgreSQL database dump\n--\n\n\\restrict 8kq2ZyKQ\n\n-- Dumped from database version 17.6\n\n\
SET statement_timeout = 0;\nSET client_encoding = 'UTF8';\nSET standard_conforming_strings = on;\n\
SELECT pg_catalog.set_config('search_path', '', false);\n\n\
CREATE TABLE public.people (\n    id integer NOT NULL,\n    \"姓名\" text,\n    \"身份证号\" character varying(18),\n    \"性别\" text,\n    \"出生日期\" date,\n    \"手机号\" text,\n    \"地址\" text,\n    \"备注\" text\n);\n\n\
ALTER TABLE public.people OWNER TO postgres;\n\n",
    );
    if noise {
        s.push_str("COPY public.accounts (uid, \"手机号\") FROM stdin;\n");
        for (k, p) in people.iter().take(40).enumerate() {
            s.push_str(&format!("{k}\t{}\n", p.phone));
        }
        s.push_str("\\.\n\n");
    }
    s.push_str(
        "--\n-- Data for Name: people; Type: TABLE DATA; Schema: public; Owner: postgres\n--\n\n\
COPY public.people (id, \"姓名\", \"身份证号\", \"性别\", \"出生日期\", \"手机号\", \"地址\", \"备注\") FROM stdin;\n",
    );
    for (i, p) in people.iter().enumerate() {
        let remark = REMARKS[i % REMARKS.len()];
        let phone = if i % 9 == 0 {
            "\\N".to_owned()
        } else {
            copy_lit(&p.phone)
        };
        if noise && i % 97 == 5 {
            s.push_str(
                [
                    "0\t张三\n",
                    "0\t\\345\\274\\240\\x41\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\n",
                ][i % 2],
            );
        }
        s.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t{phone}\t{}\t{}\n",
            i + 1,
            copy_lit(&p.name),
            copy_lit(&p.id),
            copy_lit(&p.sex_text),
            p.birth,
            copy_lit(&p.address),
            copy_lit(remark),
        ));
    }
    s.push_str("\\.\n\n\nALTER TABLE ONLY public.people\n    ADD CONSTRAINT people_pkey PRIMARY KEY (id);\n\n");
    if noise {
        s.push_str("INSERT INTO public.people VALUES (0, '王五', NULL, NULL, NULL, NULL, NULL, 'it''s');\n");
    }
    s.push_str("--\n-- PostgreSQL database dump complete\n--\n\n\\unrestrict 8kq2ZyKQ\n\n");
    s.into_bytes()
}

#[test]
fn pg_dumps_stream_and_give_the_one_pass_report() {
    for (name, noise) in [("pg_dump", false), ("pg_dump, noisy", true)] {
        let bytes = pg_dump(13, 3_000, noise);
        assert!(bytes.len() > 2 * (64 << 10), "{name}");
        assert!(streams(&bytes), "{name}: streamed");
        let got = agree(name, &bytes);
        assert_eq!(got, one_pass(&bytes), "{name}");
        let r = report(&got);
        assert_eq!(r.input.format.id(), "sql", "{name}");
        assert!(r.input.has_header, "{name}");
        assert!(r.input.late_keys.is_empty(), "{name}");
        let (rows, columns) = if noise {
            // 40 accounts, 31 odd lines, the INSERT.
            (3_000 + 40 + 31 + 1, 9)
        } else {
            (3_000, 8)
        };
        assert_eq!((r.input.rows, r.input.columns), (rows, columns), "{name}");
        assert_eq!(r.input.unparseable_rows, 0, "{name}");
        let id = r.columns.iter().find(|c| c.header == "身份证号").unwrap();
        assert_eq!(id.kind.id(), "cn_ric", "{name}");
        assert!(id.valid >= 2_900, "{name}: {}", id.valid);
        // Fed a byte at a time from a small head: the same.
        if !noise {
            let small = pg_dump(14, 700, true);
            assert_eq!(
                streamed(&small, &[1, 2, 3, 5, 8, 13], 64 << 10).unwrap(),
                one_pass(&small)
            );
        }
    }
}

#[test]
fn a_copy_line_longer_than_a_stream_holds_is_flagged_and_reading_goes_on() {
    let text = String::from_utf8(pg_dump(15, 2_000, false)).unwrap();
    let at = text.match_indices("\n1200\t").next().unwrap().0 + 1;
    let big = format!(
        "{}0\t{}\n{}",
        &text[..at],
        "很长的备注;'\\\\".repeat(200_000),
        &text[at..]
    );
    let whole = report(&one_pass(big.as_bytes()));
    assert_eq!(whole.input.rows, 2_001);
    for (sizes, head) in [(vec![1 << 20], HEAD_BYTES), (vec![4096, 77_777], 64 << 10)] {
        let r = report(&streamed_holding(big.as_bytes(), &sizes, head, 1 << 20));
        assert_eq!(r.input.rows, whole.input.rows);
        assert_eq!(r.input.unparseable_rows, whole.input.unparseable_rows + 1);
        assert_eq!(
            streamed(big.as_bytes(), &sizes, head).unwrap(),
            one_pass(big.as_bytes())
        );
    }
}
