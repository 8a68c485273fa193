//! The benchmark's floor, shared by `examples/floor.rs` and `benches/verify.rs`: parse a CSV
//! with the `csv` crate and check only the ISO 7064 MOD 11-2 check digit of the Chinese ID
//! column (the column named 身份证号, else the second).

/// Whether an 18-character ID's check digit is right.
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
    b"10X98765432".get((sum % 11) as usize) == Some(&id[17].to_ascii_uppercase())
}

/// `(rows, valid IDs)` of a CSV.
pub fn floor(bytes: &[u8]) -> (u64, u64) {
    let mut r = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let col = r
        .byte_headers()
        .ok()
        .and_then(|h| h.iter().position(|f| f == "身份证号".as_bytes()))
        .unwrap_or(1);
    let mut rec = csv::ByteRecord::new();
    let (mut rows, mut valid) = (0u64, 0u64);
    while r.read_byte_record(&mut rec).unwrap_or(false) {
        rows += 1;
        valid += u64::from(rec.get(col).is_some_and(check_ok));
    }
    (rows, valid)
}
