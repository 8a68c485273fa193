//! The benchmark's floor: parse a CSV with the `csv` crate and check only the ISO 7064
//! MOD 11-2 check digit of the Chinese ID column (the column named 身份证号, else the second).
//! `cargo run --release --example floor -- FILE` prints `rows valid`.

#[path = "../benches/common/floor.rs"]
mod floor;

fn main() {
    let path = std::env::args().nth(1).expect("usage: floor FILE");
    let bytes = std::fs::read(path).expect("read");
    let (rows, valid) = floor::floor(&bytes);
    println!("{rows} {valid}");
}
