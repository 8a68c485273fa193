//! Library benchmark (issue 7): `cargo bench -p veracity --bench verify`.
//!
//! `verify` on 1,000 and on 50,000 rows of the benchmark sample (the generator of
//! `examples/gen_sample.rs`: name, ID, sex, birth date, phone, address), and the floor on the
//! same bytes: `csv`-crate parsing plus the ID check digit (as `examples/floor.rs`).

#[cfg(not(target_arch = "wasm32"))]
#[path = "../tests/common/mod.rs"]
mod common;

#[cfg(not(target_arch = "wasm32"))]
#[path = "common/floor.rs"]
mod floor;

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use super::common;
    use super::floor::floor;
    use criterion::{Criterion, Throughput};
    use std::fmt::Write;
    use std::hint::black_box;

    /// The sample as `gen_sample` writes it: blocks of 10,000 rows, one seed per block.
    fn sample(rows: usize) -> Vec<u8> {
        let mut s = String::from("姓名,身份证号,性别,出生日期,手机号,地址\n");
        let (mut done, mut seed) = (0, 20_220_701u64);
        while done < rows {
            let n = 10_000.min(rows - done);
            for p in common::genuine(seed, n).iter().take(n) {
                let _ = writeln!(
                    s,
                    "{},{},{},{},{},{}",
                    p.name, p.id, p.sex_text, p.birth, p.phone, p.address
                );
            }
            done += n;
            seed += 1;
        }
        s.into_bytes()
    }

    pub fn run() {
        let options = veracity::options::Options {
            reference_date: veracity::civil::Date::new(2022, 7, 1),
            ..Default::default()
        };
        let mut c = Criterion::default().configure_from_args();
        for rows in [1_000usize, 50_000] {
            let bytes = sample(rows);
            let report = veracity::verify(&bytes, &options).expect("verify");
            assert_eq!(report.input.rows, rows as u64);
            assert_eq!(floor(&bytes).0, rows as u64);
            let mut g = c.benchmark_group(format!("{rows}_rows"));
            g.throughput(Throughput::Bytes(bytes.len() as u64));
            if rows > 1_000 {
                g.sample_size(10);
            }
            g.bench_function("verify", |b| {
                b.iter(|| veracity::verify(black_box(&bytes), &options))
            });
            g.bench_function("floor", |b| b.iter(|| floor(black_box(&bytes))));
            g.finish();
        }
        c.final_summary();
    }
}

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    native::run();
}
