//! Writes the deterministic benchmark sample: `cargo run --release --example gen_sample -- ROWS OUT`.
//!
//! Genuine-like synthetic records (name, ID, sex, birth date, phone, address) from the seeded
//! generator the assessment tests use; the same arguments always give the same bytes.

#[path = "../tests/common/mod.rs"]
mod common;

use std::io::Write;

fn main() {
    let mut args = std::env::args().skip(1);
    let rows: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(750_000);
    let out = args.next().unwrap_or_else(|| "sample.csv".to_owned());
    let mut w = std::io::BufWriter::new(std::fs::File::create(&out).expect("create output"));
    w.write_all("姓名,身份证号,性别,出生日期,手机号,地址\n".as_bytes())
        .expect("write");
    // In blocks of households so memory stays small; each block has its own seed.
    let block = 10_000;
    let mut done = 0;
    let mut seed = 20_220_701u64;
    while done < rows {
        let n = block.min(rows - done);
        for p in common::genuine(seed, n).iter().take(n) {
            writeln!(
                w,
                "{},{},{},{},{},{}",
                p.name, p.id, p.sex_text, p.birth, p.phone, p.address
            )
            .expect("write");
        }
        done += n;
        seed += 1;
    }
    w.flush().expect("flush");
}
