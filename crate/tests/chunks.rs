//! Cut at record boundaries, counted, read per range and merged in order = one pass: the same
//! records (rows, lines, fields, problems) and the same report, for random chunk counts, over
//! CSV with quoted newlines, TSV, loose text and JSON Lines.

use proptest::prelude::*;
use veracity::analysis::{sha256_hex, Accumulator, InputMeta, Plan};
use veracity::civil::Date;
use veracity::ingest::{self, chunk, Record};
use veracity::validate::Context;
use veracity::Options;

fn gen(seed: u64, rows: usize, format: u8) -> String {
    let mut x = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(7);
    let mut next = move || {
        x = x
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        x >> 33
    };
    let names = ["张伟", "王芳", "\"李\n娜\"", "刘洋", "", "\"a,\"\"b\"\"\""];
    let addrs = [
        "上海市黄浦区人民路1号",
        "\"北京市\r\n东城区\"",
        "",
        "杭州市西湖区",
    ];
    let mut s = String::new();
    match format {
        0 => s.push_str("姓名,身份证号,手机号,地址\n"),
        1 => s.push_str("姓名\t身份证号\t手机号\n"),
        2 => s.push_str("姓名----身份证号----手机号\n"),
        _ => {}
    }
    for _ in 0..rows {
        let id = format!(
            "1101011990{:02}{:02}{:04}",
            1 + next() % 12,
            1 + next() % 28,
            next() % 10_000
        );
        let phone = format!("13{:09}", next() % 1_000_000_000);
        let k = next() as usize;
        match format {
            0 => {
                let name = names[k % names.len()];
                let addr = addrs[(k / 7) % addrs.len()];
                match k % 11 {
                    0 => s.push('\n'),
                    2 => s.push_str("\r\n\n"),
                    1 => s.push_str(&format!("{name},{id}\n")),
                    _ => s.push_str(&format!("{name},{id},{phone},{addr}\n")),
                }
            }
            1 => s.push_str(&format!("张三\t{id}\t{phone}\n")),
            2 => {
                if k.is_multiple_of(9) {
                    s.push('\n');
                }
                s.push_str(&format!("王五----{id}----{phone}\n"));
            }
            _ => s.push_str(&format!(
                "{{\"name\":\"张三{}\",\"id\":\"{id}\",\"phone\":\"{phone}\"}}\n",
                k % 5
            )),
        }
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn ranges_counted_and_merged_equal_one_pass(seed in 0u64..10_000, rows in 0usize..150,
                                               format in 0u8..4, parts in 1usize..12) {
        let text = gen(seed, rows, format);
        let opts = Options { reference_date: Date::new(2022, 7, 1), ..Options::default() };
        let Ok(layout) = ingest::sniff(&text, &opts.ingest) else { return Ok(()); };
        let mut one: Vec<Record> = Vec::new();
        ingest::read_records(&text, &layout, &mut |r| { one.push(r); true }).unwrap();

        let ranges = chunk::split(&text, &layout, parts).unwrap();
        prop_assert!(!ranges.is_empty() && ranges.len() <= parts.max(1));
        prop_assert_eq!(ranges.first().unwrap().start, 0);
        prop_assert_eq!(ranges.last().unwrap().end, text.len());
        prop_assert!(ranges.windows(2).all(|w| w[0].end == w[1].start && w[0].start < w[0].end));
        if chunk::splittable(layout.format) && parts > 1 && text.len() > 400 && rows > 20 {
            prop_assert!(ranges.len() > 1, "{:?} {} bytes cut into one", layout.format, text.len());
        }

        let counts: Vec<u64> = ranges.iter()
            .map(|r| chunk::count_records(&text, &layout, r.clone()).unwrap())
            .collect();
        let mut parted: Vec<Record> = Vec::new();
        let mut before = 0;
        for (r, n) in ranges.iter().zip(&counts) {
            chunk::read_range(&text, &layout, r.clone(), before, &mut |rec| { parted.push(rec); true }).unwrap();
            before += n;
        }
        prop_assert_eq!(&parted, &one);

        let ctx = Context { reference_date: Date::new(2022, 7, 1).unwrap() };
        let Ok(plan) = Plan::new(&layout, &one, &opts, ctx) else { return Ok(()); };
        let meta = || InputMeta {
            sha256: sha256_hex(text.as_bytes()), bytes: text.len() as u64,
            encoding: "UTF-8", malformed: 0, layout: layout.clone(),
        };
        let mut single = Accumulator::new(&plan);
        for r in &one { single.add(&plan, r); }
        let mut merged = Accumulator::new(&plan);
        let mut before = 0;
        for (r, n) in ranges.iter().zip(&counts) {
            let mut part = Accumulator::new(&plan);
            chunk::read_range(&text, &layout, r.clone(), before, &mut |rec| { part.add(&plan, &rec); true }).unwrap();
            before += n;
            merged.merge(&plan, part);
        }
        prop_assert!(merged == single);
        prop_assert_eq!(
            serde_json::to_string(&merged.finish(&plan, &opts, meta())).unwrap(),
            serde_json::to_string(&single.finish(&plan, &opts, meta())).unwrap()
        );
    }
}

#[test]
fn a_quoted_newline_is_never_a_cut() {
    let mut text = String::from("a,b\n");
    for i in 0..200 {
        text.push_str(&format!("{i},\"x\ny\"\n"));
    }
    let layout = ingest::sniff(&text, &Default::default()).unwrap();
    let ranges = chunk::split(&text, &layout, 8).unwrap();
    assert!(ranges.len() > 4);
    for r in &ranges[1..] {
        assert!(
            text[r.clone()].chars().next().unwrap().is_ascii_digit(),
            "{:?}",
            &text[r.clone()][..8]
        );
    }
}

#[test]
fn an_unterminated_quote_keeps_one_range() {
    let mut text = String::from("a,b\n");
    for i in 0..200 {
        text.push_str(&format!("{i},x\n"));
    }
    text.push_str("1,\"open\n2,y\n");
    let layout = ingest::sniff(&text, &Default::default()).unwrap();
    assert_eq!(
        chunk::split(&text, &layout, 4).unwrap(),
        vec![0..text.len()]
    );
}
