//! Chunked-and-merged equals one pass: the accumulators of two contiguous halves of a file,
//! merged, give exactly the report of a single pass, for random split points and flag caps —
//! including the assessment's statistics (duplicates, households, row profiles) and verdict.

use proptest::prelude::*;
use veracity::analysis::{sha256_hex, Accumulator, InputMeta, Plan};
use veracity::civil::Date;
use veracity::ingest::{self, Record};
use veracity::validate::Context;
use veracity::Options;

fn sample_csv(seed: u64, rows: usize) -> String {
    // A small deterministic generator: valid-looking and broken values mixed.
    let mut x = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
    let mut next = move || {
        x = x
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        x >> 33
    };
    let names = ["张伟", "王芳", "李娜", "刘洋", "陈静", "欧阳明", "", "X1"];
    let addresses = [
        "上海市黄浦区人民路1号",
        "北京市东城区和平街2号",
        "上海市卢湾区",
        "",
    ];
    let mut s = String::from("姓名,身份证号,手机号,出生日期,性别,地址\n");
    for _ in 0..rows {
        let y = 1940 + next() % 80;
        let m = 1 + next() % 12;
        let d = 1 + next() % 28;
        let id = format!(
            "310103{y:04}{m:02}{d:02}{:03}{}",
            next() % 1000,
            next() % 10
        );
        let phone = format!("1{}{:09}", 3 + next() % 7, next() % 1_000_000_000);
        let sex = ["男", "女", "M", "2", ""][(next() % 5) as usize];
        let name = names[(next() % names.len() as u64) as usize];
        if next() % 13 == 0 {
            s.push_str(&format!("{name},{id}\n")); // ragged row
        } else {
            let addr = addresses[(next() % addresses.len() as u64) as usize];
            s.push_str(&format!(
                "{name},{id},{phone},{y}-{m:02}-{d:02},{sex},{addr}\n"
            ));
        }
    }
    s
}

fn records(text: &str, opts: &Options) -> (ingest::Layout, Vec<Record>) {
    let layout = ingest::sniff(text, &opts.ingest).unwrap();
    let mut recs = Vec::new();
    ingest::read_records(text, &layout, &mut |r| {
        recs.push(r);
        true
    })
    .unwrap();
    (layout, recs)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn split_and_merge_equals_one_pass(seed in 0u64..1_000, rows in 1usize..120,
                                       split in 0.0f64..=1.0, cap in 0usize..40) {
        let text = sample_csv(seed, rows);
        let opts = Options { max_flagged: cap, ..Options::default() };
        let (layout, recs) = records(&text, &opts);
        let ctx = Context { reference_date: Date::new(2022, 7, 1).unwrap() };
        let plan = Plan::new(&layout, &recs, &opts, ctx).unwrap();
        let meta = || InputMeta {
            sha256: sha256_hex(text.as_bytes()),
            bytes: text.len() as u64,
            encoding: "UTF-8",
            malformed: 0,
            layout: layout.clone(),
        };

        let mut one = Accumulator::new(&plan);
        for r in &recs {
            one.add(&plan, r);
        }
        let at = ((recs.len() as f64) * split) as usize;
        let (mut a, mut b) = (Accumulator::new(&plan), Accumulator::new(&plan));
        for r in &recs[..at] {
            a.add(&plan, r);
        }
        for r in &recs[at..] {
            b.add(&plan, r);
        }
        a.merge(&plan, b);
        prop_assert_eq!(&a, &one);
        let (ra, ro) = (a.finish(&plan, &opts, meta()), one.finish(&plan, &opts, meta()));
        prop_assert_eq!(serde_json::to_string(&ra).unwrap(), serde_json::to_string(&ro).unwrap());
    }
}
