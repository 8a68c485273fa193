//! Encoding detection and decoding.
//!
//! Order of detection when nothing is forced:
//! 1. binary files (images, archives, PDF, Office, SQLite…) are refused with a one-line reason;
//! 2. a byte-order mark decides (UTF-8, UTF-16LE, UTF-16BE);
//! 3. BOM-less UTF-16 is recognised from NUL bytes in alternating positions;
//! 4. any other NUL-heavy input is refused as binary;
//! 5. valid UTF-8 is borrowed as is;
//! 6. otherwise UTF-8 with a few damaged bytes is kept as UTF-8 (the damage counted), and text
//!    that is mostly invalid as UTF-8 is decoded as GB18030 (a superset of GBK and GB2312)
//!    when that gives fewer malformed sequences.
//!
//! Every step looks only at the first [`DECIDE_BYTES`] (64 KiB), so the streaming reader
//! ([`crate::stream`]), which decides before it has the rest, always agrees with [`decode`].
//! Decoding itself is [`StreamDecoder`] in both: each malformed sequence becomes one U+FFFD and
//! is counted (a U+FFFD written in the input is not damage).

use super::{Decoded, IngestOptions};
use crate::error::{Error, Result};
use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};
use std::borrow::Cow;

/// How many leading bytes are inspected for binary content and BOM-less UTF-16.
const PROBE: usize = 8192;

/// Magic numbers of common non-text files, with the message shown to the user.
const MAGIC: &[(&[u8], &str)] = &[
    (b"\x89PNG\r\n\x1a\n", "this looks like a PNG image, not a table of records"),
    (b"\xff\xd8\xff", "this looks like a JPEG image, not a table of records"),
    (b"GIF87a", "this looks like a GIF image, not a table of records"),
    (b"GIF89a", "this looks like a GIF image, not a table of records"),
    (b"%PDF-", "this looks like a PDF document, not a table of records; export the table as CSV first"),
    (b"PK\x03\x04", "this looks like a ZIP archive (an .xlsx or .docx file is one): unpack it or export the sheet as CSV first"),
    (b"PK\x05\x06", "this looks like an empty ZIP archive, not a table of records"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "this looks like a legacy Office file (.xls or .doc): export the sheet as CSV first"),
    (b"\x1f\x8b", "this looks like a gzip-compressed file: decompress it first"),
    (b"7z\xbc\xaf\x27\x1c", "this looks like a 7-Zip archive: unpack it first"),
    (b"Rar!\x1a\x07", "this looks like a RAR archive: unpack it first"),
    (b"SQLite format 3\0", "this looks like an SQLite database: export the table as CSV or SQL first"),
];

/// The name reported for an encoding.
fn reported_name(enc: &'static Encoding) -> &'static str {
    if enc == GB18030 || enc == encoding_rs::GBK {
        "GB18030"
    } else {
        enc.name()
    }
}

/// Refuses known binary formats.
fn check_magic(bytes: &[u8]) -> Result<()> {
    for (magic, message) in MAGIC {
        if bytes.starts_with(magic) {
            return Err(Error::Unreadable {
                message: (*message).to_owned(),
                byte: Some(0),
            });
        }
    }
    Ok(())
}

/// BOM-less UTF-16 guess from the NUL bytes of the first bytes: `Some(LE/BE)` when one of the
/// two byte positions is mostly NUL and the other mostly not (ASCII-heavy UTF-16 text).
fn guess_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let probe = bytes.get(..bytes.len().min(PROBE))?;
    let pairs = probe.len() / 2;
    if pairs < 4 {
        return None;
    }
    let even_nul = probe.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = probe.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    // In ASCII-range UTF-16LE text the high (odd) byte is NUL; CJK text has few NULs, so this
    // only catches the common case (Latin digits and separators dominate tables of records).
    if odd_nul * 10 >= pairs * 3 && even_nul * 20 <= pairs {
        Some(UTF_16LE)
    } else if even_nul * 10 >= pairs * 3 && odd_nul * 20 <= pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Refuses input with NUL bytes that is not UTF-16.
fn check_nul(bytes: &[u8]) -> Result<()> {
    let probe = bytes.get(..bytes.len().min(PROBE)).unwrap_or(bytes);
    let nul = probe.iter().filter(|&&b| b == 0).count();
    if nul > 0 && (nul * 100 >= probe.len() || nul >= 16) {
        let first = probe.iter().position(|&b| b == 0).map(|p| p as u64);
        return Err(Error::Unreadable {
            message:
                "this looks like a binary file (it contains NUL bytes), not a table of records"
                    .into(),
            byte: first,
        });
    }
    Ok(())
}

/// Counts (valid multi-byte sequences, invalid sequences) when reading `bytes` as UTF-8.
fn utf8_stats(bytes: &[u8]) -> (u64, u64) {
    let mut valid_multi = 0u64;
    let mut invalid = 0u64;
    for chunk in bytes.utf8_chunks() {
        valid_multi += chunk.valid().chars().filter(|c| !c.is_ascii()).count() as u64;
        if !chunk.invalid().is_empty() {
            invalid += 1;
        }
    }
    (valid_multi, invalid)
}

/// Bytes whose content decides between UTF-8 and GB18030: the first 64 KiB. The one-pass
/// [`decode`] and the streaming reader ([`crate::stream`]) decide on the same bytes, so they
/// always pick the same encoding.
pub const DECIDE_BYTES: usize = 64 << 10;

/// The encoding chosen for an input, before any text is decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Detected {
    pub encoding: &'static Encoding,
    /// Leading bytes that are a byte-order mark, not text.
    pub skip: usize,
    /// The name reported: `UTF-8`, `UTF-8 (BOM)`, `UTF-16LE`, `UTF-16BE`, `GB18030`…
    pub name: &'static str,
    /// Drop one leading U+FEFF from the decoded text (forced encodings).
    pub strip_feff: bool,
}

impl Detected {
    fn new(encoding: &'static Encoding, skip: usize, name: &'static str) -> Detected {
        Detected {
            encoding,
            skip,
            name,
            strip_feff: false,
        }
    }
}

/// The length of `bytes` without an incomplete UTF-8 sequence at its very end.
fn utf8_complete_len(bytes: &[u8]) -> usize {
    let n = bytes.len();
    for back in 1..=3.min(n) {
        let b = bytes[n - back];
        if b & 0xC0 != 0x80 {
            let need = match b {
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                0xF0..=0xF7 => 4,
                _ => 1,
            };
            return if need > back { n - back } else { n };
        }
    }
    n
}

/// Chooses the encoding from `head`, the first [`DECIDE_BYTES`] of the input or all of it
/// (`whole`), as [`decode`] documents. Errors as [`decode`].
pub fn detect(head: &[u8], whole: bool, opts: &IngestOptions) -> Result<Detected> {
    let whole = whole && head.len() <= DECIDE_BYTES;
    let head = head.get(..DECIDE_BYTES).unwrap_or(head);
    // Images and archives are refused even under a forced encoding: decoding them gives junk.
    check_magic(head)?;
    if let Some(label) = opts.encoding.as_deref() {
        return detect_forced(head, label);
    }
    if head.starts_with(b"\xef\xbb\xbf") {
        return Ok(Detected::new(UTF_8, 3, "UTF-8 (BOM)"));
    }
    // UTF-32 LE BOM starts like UTF-16LE's: refuse it rather than decode garbage.
    if head.starts_with(b"\xff\xfe\0\0") || head.starts_with(b"\0\0\xfe\xff") {
        return Err(Error::Unreadable {
            message: "this looks like UTF-32 text, which is not supported: save it as UTF-8".into(),
            byte: Some(0),
        });
    }
    for (bom, enc) in [(b"\xff\xfe", UTF_16LE), (b"\xfe\xff", UTF_16BE)] {
        if head.starts_with(bom) {
            return Ok(Detected::new(enc, 2, reported_name(enc)));
        }
    }
    if let Some(enc) = guess_utf16(head) {
        return Ok(Detected::new(enc, 0, reported_name(enc)));
    }
    check_nul(head)?;
    let probe = if whole {
        head
    } else {
        head.get(..utf8_complete_len(head)).unwrap_or(head)
    };
    if std::str::from_utf8(probe).is_ok() {
        return Ok(Detected::new(UTF_8, 0, "UTF-8"));
    }
    // Invalid UTF-8: a few damaged bytes in UTF-8 text, or another encoding (GB18030/GBK).
    let (valid_multi, utf8_invalid) = utf8_stats(probe);
    if valid_multi >= utf8_invalid.saturating_mul(10) {
        return Ok(Detected::new(UTF_8, 0, "UTF-8"));
    }
    let gb = Detected::new(GB18030, 0, "GB18030");
    let mut dec = StreamDecoder::new(&gb);
    let mut sink = String::new();
    dec.feed(head, whole, &mut sink);
    if dec.malformed() <= utf8_invalid {
        return Ok(gb);
    }
    Ok(Detected::new(UTF_8, 0, "UTF-8"))
}

/// Decodes the whole input: [`detect`] on its first [`DECIDE_BYTES`], then every byte.
pub fn decode<'a>(bytes: &'a [u8], opts: &IngestOptions) -> Result<Decoded<'a>> {
    let d = detect(bytes, true, opts)?;
    let body = bytes.get(d.skip..).unwrap_or(&[]);
    if d.encoding == UTF_8 {
        // encoding_rs's UTF-8 check (vectorised on wasm32 with simd128, where the standard
        // library's `from_utf8` runs a byte loop) borrows valid text as it is.
        if let Some(Cow::Borrowed(text)) =
            UTF_8.decode_without_bom_handling_and_without_replacement(body)
        {
            let text = if d.strip_feff {
                text.strip_prefix('\u{FEFF}').unwrap_or(text)
            } else {
                text
            };
            return Ok(Decoded {
                text: Cow::Borrowed(text),
                encoding: d.name,
                malformed: 0,
            });
        }
    }
    let mut dec = StreamDecoder::new(&d);
    let mut text = String::new();
    dec.feed(body, true, &mut text);
    Ok(Decoded {
        text: Cow::Owned(text),
        encoding: d.name,
        malformed: dec.malformed(),
    })
}

/// Incremental decoding with the detected encoding: bytes in chunks of any size (a character
/// split across two chunks is decoded whole), each malformed sequence replaced by U+FFFD and
/// counted. Fed the same bytes, it gives the same text and count whatever the chunking.
pub struct StreamDecoder {
    decoder: encoding_rs::Decoder,
    malformed: u64,
    strip_feff: bool,
    /// The last bytes were fed: the decoder is spent.
    finished: bool,
}

impl StreamDecoder {
    /// A decoder for the text after the byte-order mark (the caller skips `d.skip` bytes).
    pub fn new(d: &Detected) -> StreamDecoder {
        StreamDecoder {
            decoder: d.encoding.new_decoder_without_bom_handling(),
            malformed: 0,
            strip_feff: d.strip_feff,
            finished: false,
        }
    }

    /// Decodes `bytes` onto the end of `out`; `last` for the final bytes of the input. Once
    /// `last` has been given, later calls do nothing.
    pub fn feed(&mut self, bytes: &[u8], last: bool, out: &mut String) {
        if self.finished {
            return;
        }
        self.finished = last;
        let start = out.len();
        let mut src = bytes;
        loop {
            let room = self
                .decoder
                .max_utf8_buffer_length_without_replacement(src.len())
                .unwrap_or(src.len().saturating_mul(3))
                .max(16);
            out.reserve(room);
            let (res, read) = self
                .decoder
                .decode_to_string_without_replacement(src, out, last);
            src = src.get(read..).unwrap_or(&[]);
            match res {
                encoding_rs::DecoderResult::InputEmpty => break,
                encoding_rs::DecoderResult::OutputFull => continue,
                encoding_rs::DecoderResult::Malformed(_, _) => {
                    self.malformed += 1;
                    out.push('\u{FFFD}');
                }
            }
        }
        if self.strip_feff && out.len() > start {
            self.strip_feff = false;
            if out[start..].starts_with('\u{FEFF}') {
                out.replace_range(start..start + '\u{FEFF}'.len_utf8(), "");
            }
        }
    }

    /// Malformed sequences so far.
    pub fn malformed(&self) -> u64 {
        self.malformed
    }
}

/// The encoding named by a WHATWG label.
fn detect_forced(bytes: &[u8], label: &str) -> Result<Detected> {
    let enc = Encoding::for_label(label.trim().as_bytes())
        .filter(|&e| e != encoding_rs::REPLACEMENT)
        .ok_or_else(|| {
            Error::BadOptions(format!(
                "unknown encoding {label:?} (try utf-8, gb18030, gbk, utf-16le or utf-16be)"
            ))
        })?;
    // A BOM matching the forced encoding is not part of the text.
    let bom: &[u8] = match enc {
        e if e == UTF_8 => b"\xef\xbb\xbf",
        e if e == UTF_16LE => b"\xff\xfe",
        e if e == UTF_16BE => b"\xfe\xff",
        _ => b"",
    };
    let skip = if !bom.is_empty() && bytes.starts_with(bom) {
        bom.len()
    } else {
        0
    };
    let name = if enc == UTF_8 && skip > 0 {
        "UTF-8 (BOM)"
    } else {
        reported_name(enc)
    };
    Ok(Detected {
        encoding: enc,
        skip,
        name,
        strip_feff: true,
    })
}

/// The `&'static` reported name for a name read back from a serialised partial result.
pub fn reported_name_of(name: &str) -> Option<&'static str> {
    const FIXED: [&str; 5] = ["UTF-8", "UTF-8 (BOM)", "UTF-16LE", "UTF-16BE", "GB18030"];
    FIXED
        .iter()
        .find(|n| **n == name)
        .copied()
        .or_else(|| Encoding::for_label(name.as_bytes()).map(reported_name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn auto(bytes: &[u8]) -> Result<Decoded<'_>> {
        decode(bytes, &IngestOptions::default())
    }

    fn utf16(s: &str, le: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend_from_slice(if le { b"\xff\xfe" } else { b"\xfe\xff" });
        }
        for u in s.encode_utf16() {
            let b = if le { u.to_le_bytes() } else { u.to_be_bytes() };
            out.extend_from_slice(&b);
        }
        out
    }

    #[test]
    fn plain_utf8_is_borrowed() {
        let d = auto("姓名,身份证号\n张三,1\n".as_bytes()).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert!(matches!(d.text, Cow::Borrowed(_)));
        assert_eq!(d.malformed, 0);
    }

    #[test]
    fn utf8_bom_is_stripped() {
        let d = auto(b"\xef\xbb\xbfa,b\n").unwrap();
        assert_eq!(d.encoding, "UTF-8 (BOM)");
        assert_eq!(d.text, "a,b\n");
        let d = auto(b"\xef\xbb\xbf").unwrap();
        assert_eq!(d.text, "");
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let s = "姓名,手机号\n张三,13800138000\n李四,13900139000\n";
        for le in [true, false] {
            for bom in [true, false] {
                let bytes = utf16(s, le, bom);
                let d = auto(&bytes).unwrap();
                assert_eq!(d.encoding, if le { "UTF-16LE" } else { "UTF-16BE" });
                assert_eq!(d.text, s, "le={le} bom={bom}");
                assert_eq!(d.malformed, 0);
            }
        }
    }

    #[test]
    fn gb18030_detected() {
        let s = "姓名,地址\n张三,北京市朝阳区建国路1号\n李四,上海市黄浦区南京东路2号\n";
        let (bytes, _, _) = GB18030.encode(s);
        let d = auto(&bytes).unwrap();
        assert_eq!(d.encoding, "GB18030");
        assert_eq!(d.text, s);
        assert_eq!(d.malformed, 0);
    }

    #[test]
    fn damaged_utf8_stays_utf8() {
        let mut bytes = "姓名,地址\n张三,北京市朝阳区建国路\n".as_bytes().to_vec();
        bytes.extend_from_slice(b"\xff\xfe");
        bytes.extend_from_slice("李四,上海市黄浦区\n".as_bytes());
        let d = auto(&bytes).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.malformed >= 1);
        assert!(d.text.contains("李四"));
    }

    #[test]
    fn binary_refused() {
        let e = auto(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap_err();
        assert!(e.to_string().contains("PNG image"), "{e}");
        let e = auto(b"PK\x03\x04\x14\0\0\0").unwrap_err();
        assert!(e.to_string().contains("ZIP"), "{e}");
        let mut junk = vec![0u8; 64];
        junk.extend_from_slice(&[1, 2, 3, 0xff, 0, 0, 7]);
        junk[3] = 9;
        let e = auto(&junk).unwrap_err();
        assert!(matches!(e, Error::Unreadable { .. }));
    }

    #[test]
    fn forced_encoding() {
        let s = "张三,李四\n";
        let (bytes, _, _) = GB18030.encode(s);
        let forced = IngestOptions {
            encoding: Some("gbk".into()),
            ..Default::default()
        };
        let d = decode(&bytes, &forced).unwrap();
        assert_eq!(d.encoding, "GB18030");
        assert_eq!(d.text, s);
        let bad = IngestOptions {
            encoding: Some("klingon".into()),
            ..Default::default()
        };
        assert!(matches!(decode(&bytes, &bad), Err(Error::BadOptions(_))));
        // Forcing UTF-8 on GB18030 bytes gives counted damage, not an error.
        let utf8 = IngestOptions {
            encoding: Some("utf-8".into()),
            ..Default::default()
        };
        let d = decode(&bytes, &utf8).unwrap();
        assert!(d.malformed > 0);
    }

    #[test]
    fn empty_input() {
        let d = auto(b"").unwrap();
        assert_eq!(d.text, "");
        assert_eq!(d.encoding, "UTF-8");
    }
}
