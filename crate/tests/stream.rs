//! Streaming (`veracity::stream`): the same report, byte for byte, as one pass over the whole
//! input, whatever the chunk sizes and the number of byte ranges; the fallback when a cut
//! falls inside a quoted value; bad input and bad parts are errors, never panics.

mod common;

use common::{ranged, streamed};

use proptest::prelude::*;
use veracity::analysis;
use veracity::stream::{self, Part, Session};
use veracity::{Error, Options};

/// 3,000 genuine-like rows and noisy ones (full-width digits, invisible characters, ragged
/// rows, quoted fields with newlines): about 330 KB.
fn input() -> String {
    let mut s = common::csv(&common::genuine(11, 3_000));
    let noisy = [
        "\u{3000}张伟\u{3000},１１０１０１１９９００１０１００１Ｘ,男,1990-01-01,13800138000,北京市东城区和平街2号\n",
        "'王芳,\t110101199001010028,女, 1990-01-01 ,+86 138 0013 8000,\"上海市黄浦区\n人民路1号\"\n",
        "李\u{200B}娜,110101199001010036\n",
        "刘洋,11010119900101004X,M,1990/01/01,021-12345678,\"杭州市\"\"西湖区\"\"\n\n文三路1号\",extra\n",
        ",,,,,\n",
        "陈　静,110101199001010052,2,19900101,１３８００１３８０００,上海市卢湾区淮海中路1号\n",
    ];
    for row in noisy.iter().cycle().take(300) {
        s.push_str(row);
    }
    s
}

fn opts() -> Options {
    Options {
        reference_date: Some(common::reference()),
        ..Options::default()
    }
}

fn one_pass(bytes: &[u8], o: &Options) -> Result<String, Error> {
    analysis::verify(bytes, o).map(|r| serde_json::to_string(&r).unwrap())
}

/// Every way of reading `bytes` gives the one-pass report (or, for ranges, a refusal);
/// returns how many runs with several ranges were accepted.
fn check_all(name: &str, bytes: &[u8], o: &Options) -> usize {
    let expected = one_pass(bytes, o);
    for (sizes, head) in [
        (vec![1usize << 20], 64 << 10),
        (vec![4096], 64 << 10),
        (vec![1, 2, 3, 5000, 7, 65_537], 64 << 10),
        (vec![8 << 20], 4 << 20),
    ] {
        let got = streamed(bytes, o, &sizes, head);
        assert_eq!(got, expected, "{name}: chunks {sizes:?}, head {head}");
    }
    let mut accepted = 0;
    for (n, chunk) in [
        (1, 4096usize),
        (2, 65_536),
        (3, 4096),
        (5, 1 << 20),
        (8, 7_777),
    ] {
        match ranged(bytes, o, n, chunk, 64 << 10) {
            Ok(got) => {
                accepted += usize::from(n > 1);
                assert_eq!(Ok(got), expected, "{name}: {n} ranges, chunk {chunk}")
            }
            Err(Error::NotCuttable(_)) if n > 1 => {}
            Err(e) => assert_eq!(Err(e), expected, "{name}: {n} ranges, chunk {chunk}"),
        }
    }
    accepted
}

#[test]
fn csv_with_quoted_newlines_any_chunks_and_ranges() {
    let text = input();
    // Several ranges must really be accepted here (the cuts fall between unquoted records).
    let expected = one_pass(text.as_bytes(), &opts()).unwrap();
    for n in 2..=8 {
        let got = ranged(text.as_bytes(), &opts(), n, 65_536, 64 << 10);
        match got {
            Ok(got) => assert_eq!(got, expected, "{n} ranges"),
            // A nominal cut may land in one of the few quoted multi-line values.
            Err(Error::NotCuttable(m)) => assert!(m.contains("quoted"), "{n}: {m}"),
            Err(e) => panic!("{n} ranges: {e}"),
        }
    }
    assert!(check_all("csv", text.as_bytes(), &opts()) > 0);
}

#[test]
fn crlf_bom_gb18030_and_utf16() {
    let text = input();
    let crlf = text.replace('\n', "\r\n");
    assert!(check_all("crlf", crlf.as_bytes(), &opts()) > 0);
    let mut bom = b"\xef\xbb\xbf".to_vec();
    bom.extend_from_slice(text.as_bytes());
    assert!(check_all("bom", &bom, &opts()) > 0);
    let (gb, _, _) = encoding_rs::GB18030.encode(&text);
    let one = one_pass(&gb, &opts()).unwrap();
    assert!(one.contains("\"encoding\":\"GB18030\""));
    assert!(check_all("gb18030", &gb, &opts()) > 0);
    let mut utf16 = b"\xff\xfe".to_vec();
    for u in text.encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    assert_eq!(check_all("utf-16le", &utf16, &opts()), 0);
    // UTF-16 cannot be cut at line-feed bytes: several ranges are refused at once.
    let e = ranged(&utf16, &opts(), 2, 65_536, 64 << 10).unwrap_err();
    assert!(matches!(e, Error::NotCuttable(_)), "{e}");
}

#[test]
fn small_odd_and_empty_inputs() {
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("bom only", b"\xef\xbb\xbf".to_vec()),
        ("header only", "姓名,身份证号\n".as_bytes().to_vec()),
        (
            "header only, no newline",
            "姓名,身份证号".as_bytes().to_vec(),
        ),
        (
            "unclosed quote",
            "a,b\n1,\"2\n3,4\n5,6\n".as_bytes().to_vec(),
        ),
        (
            "blank lines",
            "a,b\n\n\n1,2\r\n\r\n3,4\n\n".as_bytes().to_vec(),
        ),
        ("json", br#"[{"a":"1","b":"2"},{"a":"3","b":"4"}]"#.to_vec()),
        ("jsonl", b"{\"a\":1}\n{\"a\":2,\"b\":3}\n".to_vec()),
        (
            "sql",
            b"INSERT INTO t (a,b) VALUES ('1','2'),('3','4');\n".to_vec(),
        ),
        (
            "text",
            "张三----110101199001010010\n李四----13800138000\n"
                .as_bytes()
                .to_vec(),
        ),
        ("png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec()),
    ];
    for (name, bytes) in cases {
        check_all(name, &bytes, &opts());
    }
}

#[test]
fn big_json_and_text_dumps_stream_like_one_pass() {
    let people = common::genuine(5, 1_500);
    let csv = common::csv(&people);
    let jsonl: String = csv
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            format!(
                "{{\"name\":{:?},\"id\":{:?}}}\n",
                f[0],
                f.get(1).unwrap_or(&"")
            )
        })
        .collect();
    // JSON Lines are cut into ranges like text (all their keys are in the head).
    assert!(check_all("jsonl", jsonl.as_bytes(), &opts()) > 0);
    let text = csv.replace(',', "----");
    assert!(check_all("text", text.as_bytes(), &opts()) > 0);
}

#[test]
fn long_records_make_the_head_grow_and_still_agree() {
    // About 330 bytes a record: 64 KiB holds under 500 records, so the head doubles.
    let mut text = String::from("姓名,身份证号,备注\n");
    for i in 0..1_200 {
        text.push_str(&format!(
            "张{},11010119900101{:04},\"{}\"\n",
            i % 7,
            i,
            "备注内容，很长的一段话。".repeat(9)
        ));
    }
    // A 64 KiB head is too short for range workers: every cut is refused...
    assert_eq!(check_all("long records", text.as_bytes(), &opts()), 0);
    // ...and a longer head lets them cut.
    let expected = one_pass(text.as_bytes(), &opts()).unwrap();
    let got = ranged(text.as_bytes(), &opts(), 3, 50_000, 300 << 10).unwrap();
    assert_eq!(got, expected);
}

/// Three thousand rows with a long quoted multi-line value across the middle.
fn straddling() -> Vec<u8> {
    let rows = common::csv(&common::genuine(3, 3_000));
    let mut lines: Vec<&str> = rows.lines().collect();
    let mid = lines.len() / 2;
    let long: String = (0..4_000).map(|i| format!("note line {i}\n")).collect();
    let row = format!("张三,110101199001010010,男,1990-01-01,13800138000,\"{long}end\"");
    lines.insert(mid, &row);
    let mut s = lines.join("\n");
    s.push('\n');
    s.into_bytes()
}

#[test]
fn a_cut_inside_a_quoted_value_is_refused_and_one_range_agrees() {
    let bytes = straddling();
    let o = opts();
    let expected = one_pass(&bytes, &o).unwrap();
    let e = ranged(&bytes, &o, 2, 65_536, 64 << 10).unwrap_err();
    match e {
        Error::NotCuttable(m) => assert!(m.contains("quoted value spans the cut"), "{m}"),
        other => panic!("expected a refusal, got {other}"),
    }
    // The fallback: one range, any chunking.
    assert_eq!(ranged(&bytes, &o, 1, 65_536, 64 << 10).unwrap(), expected);
    assert_eq!(streamed(&bytes, &o, &[777], 64 << 10).unwrap(), expected);
}

#[test]
fn bad_parts_and_misuse_are_errors() {
    let text = input();
    let bytes = text.as_bytes();
    let o = opts();
    assert!(Part::from_bytes(b"").is_err());
    assert!(Part::from_bytes(b"\x01\x02\x03 not a part").is_err());
    let total = bytes.len() as u64;
    let part = |range: std::ops::Range<u64>| {
        let mut s = Session::range(&bytes[..64 << 10], &o, range.clone(), total).unwrap();
        let mut at = range.start as usize;
        while at < bytes.len()
            && !s
                .feed(&bytes[at..(at + 9_999).min(bytes.len())])
                .unwrap()
                .done
        {
            at += 9_999;
        }
        s.finish_part().unwrap()
    };
    let (a, b) = (part(0..total / 2), part(total / 2..total));
    // Out of order, missing one, a single half, no SHA-256, a bad SHA-256.
    assert!(stream::merge_parts(vec![b.clone(), a.clone()]).is_err());
    assert!(stream::merge_parts(vec![]).is_err());
    assert!(stream::finish_report(a.clone(), Some("0".repeat(64))).is_err());
    let merged = stream::merge_parts(vec![a.clone(), b.clone()]).unwrap();
    assert!(stream::finish_report(merged.clone(), None).is_err());
    assert!(stream::finish_report(merged.clone(), Some("xyz".into())).is_err());
    assert!(stream::finish_report(merged, Some("ab".repeat(32))).is_ok());
    // Truncated bytes of a real part.
    let raw = a.to_bytes().unwrap();
    for cut in [1, raw.len() / 3, raw.len() - 1] {
        assert!(Part::from_bytes(&raw[..cut]).is_err(), "cut {cut}");
    }
    // Parts planned with another reference date do not merge.
    let other = Options {
        reference_date: veracity::civil::Date::new(2001, 1, 1),
        ..Options::default()
    };
    let mut s = Session::range(&bytes[..64 << 10], &other, total / 2..total, total).unwrap();
    s.feed(&bytes[total as usize / 2..]).unwrap();
    let c = s.finish_part().unwrap();
    assert!(stream::merge_parts(vec![a, c]).is_err());
    // A range outside the input; a range session not fed to its end.
    #[allow(clippy::reversed_empty_ranges)] // deliberately backwards
    let backwards = 10..5;
    assert!(Session::range(bytes, &o, backwards, total).is_err());
    assert!(Session::range(bytes, &o, 0..total + 1, total).is_err());
    let s = Session::range(&bytes[..64 << 10], &o, 0..total / 2, total).unwrap();
    assert!(s.finish_part().is_err());
}

/// A whole-input session whose hashing is left to the caller gives the same report with the
/// caller's digest; without one, or asked too late, it says so.
#[test]
fn the_hash_left_to_the_caller() {
    let text = input();
    let bytes = text.as_bytes();
    let o = opts();
    let expected = one_pass(bytes, &o).unwrap();
    let feed = |s: &mut Session| feed_rest(s, bytes);
    let mut sha = stream::Sha256Stream::new();
    sha.update(bytes);
    let hex = sha.hex();
    for given in [hex.clone(), hex.to_ascii_uppercase()] {
        let mut s = Session::whole(&o, Some(bytes.len() as u64)).unwrap();
        s.skip_hash().unwrap();
        feed(&mut s);
        let got = serde_json::to_string(&s.finish_with(Some(given)).unwrap()).unwrap();
        assert_eq!(got, expected);
    }
    // No digest given, a bad one, and a session already fed.
    let mut s = Session::whole(&o, None).unwrap();
    s.skip_hash().unwrap();
    feed(&mut s);
    let err = s.finish().unwrap_err();
    assert!(err.to_string().contains("SHA-256 is needed"), "{err}");
    let mut s = Session::whole(&o, None).unwrap();
    s.skip_hash().unwrap();
    feed(&mut s);
    assert!(matches!(
        s.finish_with(Some("not hex".into())),
        Err(Error::BadOptions(_))
    ));
    let mut s = Session::whole(&o, None).unwrap();
    s.feed(&bytes[..100]).unwrap();
    assert!(matches!(s.skip_hash(), Err(Error::BadOptions(_))));
    feed_rest(&mut s, &bytes[100..]);
    let got = serde_json::to_string(&s.finish().unwrap()).unwrap();
    assert_eq!(
        got, expected,
        "a refused skip_hash leaves the session's own hash"
    );
}

fn feed_rest(s: &mut Session, rest: &[u8]) {
    for piece in rest.chunks(7_777) {
        s.feed(piece).unwrap();
    }
}

#[test]
fn limits_apply_while_streaming() {
    let text = input();
    let o = Options {
        limits: veracity::options::Limits {
            max_input_bytes: 1000,
            ..Default::default()
        },
        ..opts()
    };
    assert!(matches!(
        Session::whole(&o, Some(5000)),
        Err(Error::Limit(_))
    ));
    let mut s = Session::whole(&o, None).unwrap();
    let e = s.feed(&text.as_bytes()[..2000]).unwrap_err();
    assert_eq!(Err(e), one_pass(&text.as_bytes()[..2000], &o));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn random_chunk_sizes_give_the_one_pass_report(
        seed in 0u64..1_000,
        rows in 0usize..400,
        crlf in any::<bool>(),
        sizes in proptest::collection::vec(1usize..3_000, 1..6),
        ranges in 1usize..9,
    ) {
        let mut text = common::csv(&common::genuine(seed, rows));
        // Quoted values with newlines, doubled quotes and blank lines among the records.
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        for i in (3..lines.len()).step_by(37) {
            lines[i].push_str(",\"a\n\"\"b\"\"\n\nc\"");
        }
        text = lines.join(if crlf { "\r\n" } else { "\n" });
        text.push('\n');
        let o = opts();
        let expected = one_pass(text.as_bytes(), &o);
        // Heads of 64 KiB: most inputs here are planned before their end.
        prop_assert_eq!(&streamed(text.as_bytes(), &o, &sizes, 64 << 10), &expected);
        let chunk = sizes[0];
        match ranged(text.as_bytes(), &o, ranges, chunk, 64 << 10) {
            Ok(got) => prop_assert_eq!(Ok(got), expected),
            Err(Error::NotCuttable(_)) => prop_assert!(ranges > 1),
            Err(e) => prop_assert_eq!(Err(e), expected),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]
    /// Junk bytes (invalid UTF-8, GBK, NULs, stray quotes) spliced into a CSV big enough to be
    /// planned before its end: the same report or the same error as one pass, never a panic.
    #[test]
    fn junk_spliced_into_a_big_csv_is_handled_like_one_pass(
        seed in 0u64..1_000,
        junk in proptest::collection::vec(
            (0usize..100_000, proptest::collection::vec(any::<u8>(), 1..40)), 0..6),
        sizes in proptest::collection::vec(1usize..20_000, 1..4),
        ranges in 1usize..6,
    ) {
        let mut bytes = common::csv(&common::genuine(seed, 1_200)).into_bytes();
        for (at, j) in junk {
            let at = at.min(bytes.len());
            bytes.splice(at..at, j);
        }
        let o = opts();
        let expected = one_pass(&bytes, &o);
        prop_assert_eq!(&streamed(&bytes, &o, &sizes, 64 << 10), &expected);
        match ranged(&bytes, &o, ranges, sizes[0], 64 << 10) {
            Ok(got) => prop_assert_eq!(Ok(got), expected),
            Err(Error::NotCuttable(_)) => prop_assert!(ranges > 1),
            Err(e) => prop_assert_eq!(Err(e), expected),
        }
    }
}

/// Timing, not a check (run by hand): `VERACITY_BENCH_FILE=bench-out/sample-750000.csv cargo
/// test --release --test stream parts_timing -- --ignored --nocapture` prints one pass's time
/// (its rows, then its finish), each range's time and part size, and the time of
/// deserialising, merging and finishing the parts: what two workers' scaling is made of.
#[test]
#[ignore]
fn parts_timing() {
    let Ok(path) = std::env::var("VERACITY_BENCH_FILE") else {
        return;
    };
    let bytes = std::fs::read(path).expect("the bench file");
    let o = opts();
    let total = bytes.len() as u64;
    let head = &bytes[..(1 << 20).min(bytes.len())];
    let t = std::time::Instant::now();
    let mut one = Session::whole(&o, Some(total)).unwrap();
    one.skip_hash().unwrap();
    for c in bytes.chunks(1 << 20) {
        one.feed(c).unwrap();
    }
    let part = one.finish_part().unwrap();
    let rows = t.elapsed();
    stream::finish_report(part, Some("0".repeat(64))).unwrap();
    println!(
        "one pass (no hash): rows {rows:?}, finish_report {:?}",
        t.elapsed() - rows
    );
    let mut parts = Vec::new();
    for k in 0..2u64 {
        let t = std::time::Instant::now();
        let mut s = Session::range(head, &o, total * k / 2..total * (k + 1) / 2, total).unwrap();
        for c in bytes[(total * k / 2) as usize..].chunks(1 << 20) {
            if s.feed(c).unwrap().done {
                break;
            }
        }
        let b = s.finish_part().unwrap().to_bytes().unwrap();
        println!("range {k}: {:?}, part {} bytes", t.elapsed(), b.len());
        parts.push(b);
    }
    let t = std::time::Instant::now();
    let read: Vec<Part> = parts.iter().map(|b| Part::from_bytes(b).unwrap()).collect();
    let t1 = t.elapsed();
    let merged = stream::merge_parts(read).unwrap();
    let t2 = t.elapsed();
    let report = stream::finish_report(merged, Some("0".repeat(64))).unwrap();
    let t3 = t.elapsed();
    let json = serde_json::to_string(&report).unwrap();
    println!(
        "from_bytes {t1:?}, merge_parts {:?}, finish_report {:?}, JSON {:?} ({} bytes)",
        t2 - t1,
        t3 - t2,
        t.elapsed() - t3,
        json.len()
    );
}
