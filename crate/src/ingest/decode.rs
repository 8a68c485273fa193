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

/// Number of U+FFFD in a string.
fn count_replacements(s: &str) -> u64 {
    s.chars().filter(|&c| c == '\u{FFFD}').count() as u64
}

/// Decodes `bytes` with `enc`, no BOM sniffing; counts the malformed sequences introduced.
fn decode_with<'a>(bytes: &'a [u8], enc: &'static Encoding) -> (Cow<'a, str>, u64) {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    let malformed = if had_errors {
        // Replacement characters genuinely present in the input are not damage.
        let genuine = if enc == UTF_8 {
            bytes.windows(3).filter(|w| *w == b"\xef\xbf\xbd").count() as u64
        } else {
            0
        };
        count_replacements(&text).saturating_sub(genuine).max(1)
    } else {
        0
    };
    (text, malformed)
}

/// Strips a leading U+FEFF left in decoded text.
fn strip_bom_char(text: Cow<'_, str>) -> Cow<'_, str> {
    match text {
        Cow::Borrowed(s) => Cow::Borrowed(s.strip_prefix('\u{FEFF}').unwrap_or(s)),
        Cow::Owned(s) => match s.strip_prefix('\u{FEFF}') {
            Some(rest) => Cow::Owned(rest.to_owned()),
            None => Cow::Owned(s),
        },
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

/// Detects the encoding (BOMs, UTF-8 validity, GB18030) unless forced, and decodes.
pub fn decode<'a>(bytes: &'a [u8], opts: &IngestOptions) -> Result<Decoded<'a>> {
    // Images and archives are refused even under a forced encoding: decoding them gives junk.
    check_magic(bytes)?;
    if let Some(label) = opts.encoding.as_deref() {
        return decode_forced(bytes, label);
    }

    if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        let (text, malformed) = decode_with(rest, UTF_8);
        return Ok(Decoded {
            text,
            encoding: "UTF-8 (BOM)",
            malformed,
        });
    }
    // UTF-32 LE BOM starts like UTF-16LE's: refuse it rather than decode garbage.
    if bytes.starts_with(b"\xff\xfe\0\0") || bytes.starts_with(b"\0\0\xfe\xff") {
        return Err(Error::Unreadable {
            message: "this looks like UTF-32 text, which is not supported: save it as UTF-8".into(),
            byte: Some(0),
        });
    }
    for (bom, enc) in [(b"\xff\xfe", UTF_16LE), (b"\xfe\xff", UTF_16BE)] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let (text, malformed) = decode_with(rest, enc);
            return Ok(Decoded {
                text,
                encoding: reported_name(enc),
                malformed,
            });
        }
    }
    if let Some(enc) = guess_utf16(bytes) {
        let (text, malformed) = decode_with(bytes, enc);
        return Ok(Decoded {
            text,
            encoding: reported_name(enc),
            malformed,
        });
    }
    check_nul(bytes)?;

    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: Cow::Borrowed(text),
            encoding: "UTF-8",
            malformed: 0,
        });
    }

    // Invalid UTF-8: a few damaged bytes in UTF-8 text, or another encoding (GB18030/GBK).
    let (valid_multi, utf8_invalid) = utf8_stats(bytes);
    if valid_multi >= utf8_invalid.saturating_mul(10) {
        let (text, malformed) = decode_with(bytes, UTF_8);
        return Ok(Decoded {
            text,
            encoding: "UTF-8",
            malformed,
        });
    }
    let (gb_text, gb_malformed) = decode_with(bytes, GB18030);
    if gb_malformed <= utf8_invalid {
        return Ok(Decoded {
            text: gb_text,
            encoding: "GB18030",
            malformed: gb_malformed,
        });
    }
    let (text, malformed) = decode_with(bytes, UTF_8);
    Ok(Decoded {
        text,
        encoding: "UTF-8",
        malformed,
    })
}

/// Decodes with the encoding named by a WHATWG label.
fn decode_forced<'a>(bytes: &'a [u8], label: &str) -> Result<Decoded<'a>> {
    let enc = Encoding::for_label(label.trim().as_bytes())
        .filter(|&e| e != encoding_rs::REPLACEMENT)
        .ok_or_else(|| {
            Error::BadOptions(format!(
                "unknown encoding {label:?} (try utf-8, gb18030, gbk, utf-16le or utf-16be)"
            ))
        })?;
    // A BOM matching the forced encoding is not part of the text.
    let (body, had_bom) = match enc {
        e if e == UTF_8 => match bytes.strip_prefix(b"\xef\xbb\xbf") {
            Some(r) => (r, true),
            None => (bytes, false),
        },
        e if e == UTF_16LE => match bytes.strip_prefix(b"\xff\xfe") {
            Some(r) => (r, true),
            None => (bytes, false),
        },
        e if e == UTF_16BE => match bytes.strip_prefix(b"\xfe\xff") {
            Some(r) => (r, true),
            None => (bytes, false),
        },
        _ => (bytes, false),
    };
    let (text, malformed) = decode_with(body, enc);
    let text = strip_bom_char(text);
    let encoding = if enc == UTF_8 && had_bom {
        "UTF-8 (BOM)"
    } else {
        reported_name(enc)
    };
    Ok(Decoded {
        text,
        encoding,
        malformed,
    })
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
