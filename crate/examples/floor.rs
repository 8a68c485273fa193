//! The benchmark's floor: parse a CSV with the `csv` crate and check only the ISO 7064
//! MOD 11-2 check digit of the Chinese ID column (the column named 身份证号, else the second).
//! `cargo run --release --example floor -- FILE` prints `rows valid`.

fn check_ok(id: &[u8]) -> bool {
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    if id.len() != 18 {
        return false;
    }
    let mut sum = 0u32;
    for (d, w) in id.iter().zip(W) {
        if !d.is_ascii_digit() {
            return false;
        }
        sum += u32::from(d - b'0') * w;
    }
    let want = b"10X98765432"[(sum % 11) as usize];
    id[17].to_ascii_uppercase() == want
}

fn main() {
    let path = std::env::args().nth(1).expect("usage: floor FILE");
    let bytes = std::fs::read(path).expect("read");
    let mut r = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(bytes.as_slice());
    let col = r
        .byte_headers()
        .ok()
        .and_then(|h| h.iter().position(|f| f == "身份证号".as_bytes()))
        .unwrap_or(1);
    let mut rec = csv::ByteRecord::new();
    let (mut rows, mut valid) = (0u64, 0u64);
    while r.read_byte_record(&mut rec).unwrap_or(false) {
        rows += 1;
        if rec.get(col).is_some_and(check_ok) {
            valid += 1;
        }
    }
    println!("{rows} {valid}");
}
