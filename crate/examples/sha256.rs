//! The native side of `tests/bench/wasm_vs_native.mjs`'s hash row: the CLI's SHA-256
//! (`stream::Sha256Stream`, the `sha2` crate, with the CPU's SHA extensions where it has them)
//! over FILE in 1 MiB pieces, as the wasm row feeds it. Prints `seconds hex`, the median of
//! RUNS (default 5) passes over the file read once into memory.
//! `cargo run --release --example sha256 -- FILE [RUNS]`

use std::time::Instant;
use veracity::stream::Sha256Stream;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: sha256 FILE [RUNS]");
    let runs: usize = args
        .next()
        .map_or(5, |r| r.parse().expect("RUNS: a number"));
    let bytes = std::fs::read(path).expect("read");
    let mut times = Vec::new();
    let mut hex = String::new();
    for _ in 0..runs.max(1) {
        let t0 = Instant::now();
        let mut h = Sha256Stream::new();
        for piece in bytes.chunks(1 << 20) {
            h.update(piece);
        }
        hex = h.hex();
        times.push(t0.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    println!("{:.4} {hex}", times[times.len() / 2]);
}
