//! The wasm boundary: the one narrow place where JavaScript meets the library.
//!
//! JavaScript sees `verify(bytes, options)`, `verifyWithProgress(bytes, options, callback)`,
//! the reporter's workflow (`drawCallSheet`, `callSheetCsv`, `compare`, `evidenceReport`), the
//! single-value check (`check`, `formats`) and `version()`. Options and the
//! report cross as plain JS objects through serde (maps become plain objects, never `Map`s,
//! so the page sees the same shape as the CLI's `--json`). Every library error becomes a JS
//! `Error` in [`to_js_error`], and nowhere else.
//!
//! **Streaming and several workers** (see [`crate::stream`]; sizes and offsets are JS numbers,
//! whole and below 2^53; byte arrays are `Uint8Array`s):
//!
//! ```js
//! // One worker, any file size: bytes in order, in chunks of any size (e.g. 1 MiB slices).
//! const s = new VerifySession(new Uint8Array(0), options, 0, file.size, file.size);
//! for (const chunk of chunks) { const {done, rows, bytes} = s.feed(chunk); if (done) break; }
//! const report = s.finish();            // the same report as verify(wholeFile, options)
//!
//! // N workers: worker k gets head = first min(size, headBytes()) bytes (1 MiB) and the
//! // nominal range [start_k, end_k) (e.g. floor(size*k/N)); it feeds the file from start_k on,
//! // past end_k, until feed() says done, then hands its part to the coordinator.
//! const s = new VerifySession(head, options, start, end, size);
//! for (...) { if (s.feed(chunk).done) break; }
//! const part = s.finishPart();          // Uint8Array, transferable
//! // Coordinator: parts in range order; the SHA-256 of the whole file, fed in order.
//! const h = new Sha256Stream(); for (const c of chunks) h.update(c); const hex = h.hex();
//! const report = finishReportFromParts([part0, part1, ...], hex);
//! // the same as finishReport(mergeParts([part0, part1, ...]), hex)
//! ```
//!
//! A session whose range is the whole input (`start == 0`, `end >= size`) ignores `head`,
//! plans from the bytes it is fed and computes the SHA-256 itself (`finishPart()` of it may
//! go to `finishReport(part)` without a hash). The constructor, `feed`, `finishPart` or
//! `mergeParts` throw an `Error` whose message starts with `cannot read in ranges` when the
//! input cannot be cut (a JSON document or SQL, UTF-16, a head with too few records, or a quoted value
//! spanning a cut): read it again with one session for the whole input. Any other error is
//! final, as from `verify`. `options.reference_date` should be set by the coordinator so that
//! every worker plans with the same date; parts planned differently refuse to merge.
//!
//! There is no panic hook: on `wasm32-unknown-unknown` a panic aborts the instance (it traps
//! with `unreachable`), so the library must not panic on any input — findings are data and
//! faults are [`crate::Error`]s.

use crate::civil::Date;
use crate::options::Options;
use serde::Serialize;
use std::fmt::Display;
use wasm_bindgen::prelude::*;

/// Verifies `bytes` (the whole input, as read from a file or encoded from a textarea) and
/// returns the report as a plain JS object. `options` is a JS object with the fields of
/// [`Options`]; `undefined` or `null` means the defaults.
#[wasm_bindgen]
pub fn verify(bytes: &[u8], options: JsValue) -> Result<JsValue, JsError> {
    let options = options_from_js(options)?;
    let report = crate::verify(bytes, &options).map_err(to_js_error)?;
    to_js(&report)
}

/// [`verify`], calling `on_progress({rows, line, lines})` every
/// [`crate::analysis::PROGRESS_EVERY`] records and at the end. If the callback returns
/// `false` (exactly), the work stops with an error whose message is `cancelled`.
#[wasm_bindgen(js_name = verifyWithProgress)]
pub fn verify_with_progress(
    bytes: &[u8],
    options: JsValue,
    on_progress: &js_sys::Function,
) -> Result<JsValue, JsError> {
    let options = options_from_js(options)?;
    let mut callback = |p: crate::analysis::Progress| -> bool {
        let Ok(arg) = p.serialize(&serde_wasm_bindgen::Serializer::json_compatible()) else {
            return true;
        };
        match on_progress.call1(&JsValue::NULL, &arg) {
            Ok(v) => v.as_bool() != Some(false),
            // A throwing callback cancels rather than being ignored.
            Err(_) => false,
        }
    };
    let report = crate::analysis::verify_with_progress(bytes, &options, &mut callback)
        .map_err(to_js_error)?;
    to_js(&report)
}

fn to_js(report: &crate::Report) -> Result<JsValue, JsError> {
    to_plain(report)
}

/// Draws a call sheet (see [`crate::callsheet`]). `draw` has the fields of
/// [`crate::callsheet::DrawOptions`]; its `seed` (a decimal string) is required here: the page
/// draws it with `crypto.getRandomValues`.
#[wasm_bindgen(js_name = drawCallSheet)]
pub fn draw_call_sheet(bytes: &[u8], options: JsValue, draw: JsValue) -> Result<JsValue, JsError> {
    let options = options_from_js(options)?;
    let draw: crate::callsheet::DrawOptions = serde_wasm_bindgen::from_value(draw)
        .map_err(|e| to_js_error(crate::Error::BadOptions(e.to_string())))?;
    let seed = draw
        .seed
        .as_deref()
        .and_then(|s| s.parse::<u64>().ok())
        .ok_or_else(|| to_js_error(crate::Error::BadOptions("the draw needs a seed".into())))?;
    let sheet = crate::callsheet::draw(bytes, &options, &draw, seed).map_err(to_js_error)?;
    to_plain(&sheet)
}

/// The call sheet as a CSV worksheet (with `outcome` and `notes` columns).
#[wasm_bindgen(js_name = callSheetCsv)]
pub fn call_sheet_csv(sheet: JsValue) -> Result<String, JsError> {
    let sheet: crate::callsheet::CallSheet = serde_wasm_bindgen::from_value(sheet)
        .map_err(|e| to_js_error(crate::Error::BadOptions(e.to_string())))?;
    Ok(crate::callsheet::to_csv(&sheet))
}

/// Compares a sample with an earlier file (see [`crate::overlap`]).
#[wasm_bindgen]
pub fn compare(earlier: &[u8], sample: &[u8], options: JsValue) -> Result<JsValue, JsError> {
    let options = options_from_js(options)?;
    let c = crate::overlap::compare(earlier, sample, &options).map_err(to_js_error)?;
    to_plain(&c)
}

/// The evidence report for `report` (as returned by `verify`), in `format` (`html` or `md`)
/// and `lang` (`en` or `zh`), with an optional call sheet and comparison: `{text, sha256}`.
#[wasm_bindgen(js_name = evidenceReport)]
pub fn evidence_report(
    report: JsValue,
    format: &str,
    lang: &str,
    call_sheet: JsValue,
    comparison: JsValue,
) -> Result<JsValue, JsError> {
    let bad = |e: String| to_js_error(crate::Error::BadOptions(e));
    let report: crate::Report =
        serde_wasm_bindgen::from_value(report).map_err(|e| bad(e.to_string()))?;
    let sheet: Option<crate::callsheet::CallSheet> =
        serde_wasm_bindgen::from_value(call_sheet).map_err(|e| bad(e.to_string()))?;
    let comparison: Option<crate::overlap::Comparison> =
        serde_wasm_bindgen::from_value(comparison).map_err(|e| bad(e.to_string()))?;
    let format = match format {
        "html" => crate::render::DocFormat::Html,
        "md" => crate::render::DocFormat::Md,
        other => return Err(bad(format!("format is html or md, got {other:?}"))),
    };
    let lang = match lang {
        "en" => crate::render::Lang::En,
        "zh" | "zh-CN" => crate::render::Lang::Zh,
        other => return Err(bad(format!("lang is en or zh, got {other:?}"))),
    };
    let e = crate::render::Evidence {
        report: &report,
        lang,
        generated: today(),
        callsheet: sheet.as_ref(),
        comparison: comparison.as_ref(),
    };
    to_plain(&crate::render::evidence(&e, format))
}

/// What each registry format says about one value (see [`crate::lookup`]): `{value,
/// normalized, reference_date, formats: [{format, name, country, looks_like, valid, reasons,
/// notes, extracted}]}`. `format` (a registry id) limits the answer to that format;
/// `reference_date` (`YYYY-MM-DD`) defaults to today on this device.
#[wasm_bindgen]
pub fn check(
    value: &str,
    format: Option<String>,
    reference_date: Option<String>,
) -> Result<JsValue, JsError> {
    let reference_date = match reference_date.as_deref().filter(|s| !s.is_empty()) {
        Some(s) => Date::parse_iso(s).ok_or_else(|| {
            to_js_error(crate::Error::BadOptions(format!(
                "the reference date is YYYY-MM-DD, got {s:?}"
            )))
        })?,
        None => today(),
    };
    let ctx = crate::validate::Context { reference_date };
    let format = format.as_deref().filter(|s| !s.is_empty());
    let found = crate::lookup::lookup(value, format, &ctx).map_err(to_js_error)?;
    to_plain(&found)
}

/// The validator registry: `[{id, name, country, kind, validates, extracts, specification}]`.
#[wasm_bindgen]
pub fn formats() -> Result<JsValue, JsError> {
    to_plain(&crate::lookup::formats())
}

/// A streaming verification of one byte range of the input (see the module documentation).
#[wasm_bindgen]
pub struct VerifySession {
    inner: Option<crate::stream::Session>,
}

/// A JS number as a byte offset or size.
fn offset(v: f64, what: &str) -> Result<u64, JsError> {
    if v.is_finite() && v >= 0.0 && v.fract() == 0.0 && v <= 9_007_199_254_740_992.0 {
        Ok(v as u64)
    } else {
        Err(to_js_error(crate::Error::BadOptions(format!(
            "{what} must be a whole number of bytes, got {v}"
        ))))
    }
}

#[wasm_bindgen]
impl VerifySession {
    /// `head`: the first `min(totalBytes, headBytes())` bytes of the input (ignored when the range
    /// is the whole input); `options` as for `verify`; the nominal range `[rangeStart,
    /// rangeEnd)` of an input of `totalBytes` bytes.
    #[wasm_bindgen(constructor)]
    pub fn new(
        head: &[u8],
        options: JsValue,
        range_start: f64,
        range_end: f64,
        total_bytes: f64,
    ) -> Result<VerifySession, JsError> {
        let options = options_from_js(options)?;
        let (start, end, total) = (
            offset(range_start, "rangeStart")?,
            offset(range_end, "rangeEnd")?,
            offset(total_bytes, "totalBytes")?,
        );
        let session = if start == 0 && end >= total {
            crate::stream::Session::whole(&options, Some(total))
        } else {
            crate::stream::Session::range(head, &options, start..end, total)
        }
        .map_err(to_js_error)?;
        Ok(VerifySession {
            inner: Some(session),
        })
    }

    fn session(&mut self) -> Result<&mut crate::stream::Session, JsError> {
        self.inner
            .as_mut()
            .ok_or_else(|| to_js_error(crate::Error::BadOptions("the session has ended".into())))
    }

    fn take(&mut self) -> Result<crate::stream::Session, JsError> {
        self.inner
            .take()
            .ok_or_else(|| to_js_error(crate::Error::BadOptions("the session has ended".into())))
    }

    /// Feeds the next bytes of the range, in order: `{done, rows, bytes}`. Stop feeding when
    /// `done`; extra bytes are ignored.
    pub fn feed(&mut self, chunk: &[u8]) -> Result<JsValue, JsError> {
        let fed = self.session()?.feed(chunk).map_err(to_js_error)?;
        to_plain(&fed)
    }

    /// Records analysed so far.
    pub fn rows(&self) -> f64 {
        self.inner.as_ref().map_or(0.0, |s| s.rows() as f64)
    }

    /// Ends the session: its partial result as bytes, for `mergeParts`.
    #[wasm_bindgen(js_name = finishPart)]
    pub fn finish_part(&mut self) -> Result<Vec<u8>, JsError> {
        let part = self.take()?.finish_part().map_err(to_js_error)?;
        part.to_bytes().map_err(to_js_error)
    }

    /// Leaves the input's SHA-256 to the caller (the browser's `crypto.subtle`): the session
    /// stops hashing what it is fed, and `finish` needs the digest. Only before the first feed.
    #[wasm_bindgen(js_name = skipHash)]
    pub fn skip_hash(&mut self) -> Result<(), JsError> {
        self.session()?.skip_hash().map_err(to_js_error)
    }

    /// Ends a session over the whole input: the report. `sha256`: the input's SHA-256 in hex,
    /// computed by the caller (needed after `skipHash`; otherwise it replaces the session's own).
    pub fn finish(&mut self, sha256: Option<String>) -> Result<JsValue, JsError> {
        let sha256 = sha256.filter(|h| !h.is_empty());
        let report = self.take()?.finish_with(sha256).map_err(to_js_error)?;
        to_js(&report)
    }
}

/// Merges the parts of consecutive ranges (an array of `Uint8Array`s, in range order) into
/// one part, as bytes.
#[wasm_bindgen(js_name = mergeParts)]
pub fn merge_parts(parts: js_sys::Array) -> Result<Vec<u8>, JsError> {
    let mut read = Vec::with_capacity(parts.length() as usize);
    for v in parts.iter() {
        let bytes = js_sys::Uint8Array::new(&v).to_vec();
        read.push(crate::stream::Part::from_bytes(&bytes).map_err(to_js_error)?);
    }
    let merged = crate::stream::merge_parts(read).map_err(to_js_error)?;
    merged.to_bytes().map_err(to_js_error)
}

/// The report from a part covering the whole input (`mergeParts`' result, or one session's
/// `finishPart()`), with the input's SHA-256 in hex (optional for one session's part).
#[wasm_bindgen(js_name = finishReport)]
pub fn finish_report(merged: &[u8], sha256_hex: Option<String>) -> Result<JsValue, JsError> {
    let part = crate::stream::Part::from_bytes(merged).map_err(to_js_error)?;
    let report = crate::stream::finish_report(part, sha256_hex.filter(|h| !h.is_empty()))
        .map_err(to_js_error)?;
    to_js(&report)
}

/// The report straight from the parts of consecutive ranges (an array of `Uint8Array`s, in
/// range order), with the input's SHA-256 in hex: `finishReport(mergeParts(parts), hex)`
/// without serialising the merged part and reading it back.
#[wasm_bindgen(js_name = finishReportFromParts)]
pub fn finish_report_from_parts(
    parts: js_sys::Array,
    sha256_hex: Option<String>,
) -> Result<JsValue, JsError> {
    let mut read = Vec::with_capacity(parts.length() as usize);
    for v in parts.iter() {
        let bytes = js_sys::Uint8Array::new(&v).to_vec();
        read.push(crate::stream::Part::from_bytes(&bytes).map_err(to_js_error)?);
    }
    let merged = crate::stream::merge_parts(read).map_err(to_js_error)?;
    let report = crate::stream::finish_report(merged, sha256_hex.filter(|h| !h.is_empty()))
        .map_err(to_js_error)?;
    to_js(&report)
}

/// How many leading bytes of the input a range session wants as its `head` (1 MiB).
#[wasm_bindgen(js_name = headBytes)]
pub fn head_bytes() -> f64 {
    crate::stream::HEAD_BYTES as f64
}

/// Incremental SHA-256 of the input, for the coordinator of several workers.
#[wasm_bindgen(js_name = Sha256Stream)]
pub struct JsSha256 {
    inner: Option<crate::stream::Sha256Stream>,
}

#[wasm_bindgen(js_class = Sha256Stream)]
impl JsSha256 {
    #[wasm_bindgen(constructor)]
    #[allow(clippy::new_without_default)]
    pub fn new() -> JsSha256 {
        JsSha256 {
            inner: Some(crate::stream::Sha256Stream::new()),
        }
    }

    /// Adds the next bytes.
    pub fn update(&mut self, chunk: &[u8]) {
        if let Some(h) = &mut self.inner {
            h.update(chunk);
        }
    }

    /// The hash in lower-case hex; the stream is finished (empty string when called twice).
    pub fn hex(&mut self) -> String {
        self.inner
            .take()
            .map_or_else(String::new, crate::stream::Sha256Stream::hex)
    }
}

fn to_plain<T: Serialize>(v: &T) -> Result<JsValue, JsError> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| {
            to_js_error(crate::Error::Internal(format!(
                "cannot encode the result: {e}"
            )))
        })
}

/// The library's version.
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_owned()
}

/// Today's date on the user's device (local calendar date), the default reference date in
/// the browser. Falls back to the UTC date, then 1970-01-01, should the JS clock give
/// something out of range.
pub fn today() -> Date {
    let now = js_sys::Date::new_0();
    let local = Date::new(
        now.get_full_year() as i32,
        (now.get_month() + 1) as u8,
        now.get_date() as u8,
    );
    local
        .or_else(|| Date::from_days((js_sys::Date::now() / 86_400_000.0).floor() as i64))
        .unwrap_or(Date {
            year: 1970,
            month: 1,
            day: 1,
        })
}

/// Milliseconds of the JS clock (`Date.now()`), for the time limit.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

fn options_from_js(options: JsValue) -> Result<Options, JsError> {
    if options.is_undefined() || options.is_null() {
        return Ok(Options::default());
    }
    serde_wasm_bindgen::from_value(options)
        .map_err(|e| to_js_error(crate::Error::BadOptions(e.to_string())))
}

/// The one place library errors become JS errors.
fn to_js_error(e: impl Display) -> JsError {
    JsError::new(&e.to_string())
}
