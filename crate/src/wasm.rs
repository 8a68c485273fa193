//! The wasm boundary: the one narrow place where JavaScript meets the library.
//!
//! JavaScript sees `verify(bytes, options)`, `verifyWithProgress(bytes, options, callback)`,
//! the reporter's workflow (`drawCallSheet`, `callSheetCsv`, `compare`, `evidenceReport`), the
//! single-value check (`check`, `formats`) and `version()`. Options and the
//! report cross as plain JS objects through serde (maps become plain objects, never `Map`s,
//! so the page sees the same shape as the CLI's `--json`). Every library error becomes a JS
//! `Error` in [`to_js_error`], and nowhere else.
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
