//! Decoding, sniffing and every parser, with forced options picked from the first byte.
#![no_main]
use libfuzzer_sys::fuzz_target;
use veracity::ingest::{self, IngestOptions, InputFormat};

fuzz_target!(|data: &[u8]| {
    let (head, body) = data.split_first().map_or((0, data), |(h, b)| (*h, b));
    let format = match head % 8 {
        0 => Some(InputFormat::Csv),
        1 => Some(InputFormat::Tsv),
        2 => Some(InputFormat::Json),
        3 => Some(InputFormat::Jsonl),
        4 => Some(InputFormat::Sql),
        5 => Some(InputFormat::Text),
        _ => None,
    };
    let opts = IngestOptions {
        format,
        has_header: match head / 8 % 3 {
            0 => Some(true),
            1 => Some(false),
            _ => None,
        },
        ..IngestOptions::default()
    };
    let Ok(decoded) = ingest::decode(body, &opts) else {
        return;
    };
    let Ok(layout) = ingest::sniff(&decoded.text, &opts) else {
        return;
    };
    let mut last = 0u64;
    let _ = ingest::read_records(&decoded.text, &layout, &mut |r| {
        assert_eq!(r.row, last + 1, "rows are numbered without gaps");
        last = r.row;
        true
    });
});
