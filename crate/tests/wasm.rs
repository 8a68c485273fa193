//! The wasm boundary, run in headless Chromium by `wasm-bindgen-test-runner`
//! (see `scripts/test-wasm.sh`).
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Synthetic records: valid check digits, invented names.
const CSV: &str = "姓名,身份证号,手机号\n\
张三,11010519491231002X,13800138000\n\
李四,440524188001010014,13912345678\n\
王五,110105194912310021,12345\n";

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn error_message(e: wasm_bindgen::JsError) -> String {
    let v: JsValue = e.into();
    let err: &js_sys::Error = v.dyn_ref().expect("errors cross as JS Error objects");
    String::from(err.message())
}

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(veracity::wasm::version(), veracity::VERSION);
}

#[wasm_bindgen_test]
fn today_is_a_plausible_date() {
    let t = veracity::wasm::today();
    assert!(t.year >= 2024 && t.year < 2200, "{t}");
}

#[wasm_bindgen_test]
fn verify_returns_a_plain_object_report() {
    let report = veracity::wasm::verify(CSV.as_bytes(), JsValue::UNDEFINED)
        .unwrap_or_else(|e| panic!("verify failed: {}", error_message(e)));
    // A plain object (not a Map), with the Report's fields.
    assert!(report.is_object());
    assert!(!report.is_instance_of::<js_sys::Map>());
    let input = get(&report, "input");
    assert_eq!(get(&input, "rows").as_f64(), Some(3.0));
    assert_eq!(get(&input, "columns").as_f64(), Some(3.0));
    assert!(!input.is_instance_of::<js_sys::Map>());
    let columns: Array = get(&report, "columns")
        .dyn_into()
        .expect("columns is an array");
    assert_eq!(columns.length(), 3);
    let id = columns.get(1);
    assert_eq!(get(&id, "header").as_string().as_deref(), Some("身份证号"));
    assert_eq!(get(&id, "kind").as_string().as_deref(), Some("cn_ric"));
    // BTreeMaps cross as plain objects.
    let reasons = get(&id, "invalid_reasons");
    assert!(reasons.is_object() && !reasons.is_instance_of::<js_sys::Map>());
    assert!(Object::keys(reasons.unchecked_ref::<Object>()).length() >= 1);
}

#[wasm_bindgen_test]
fn null_and_empty_options_are_the_defaults() {
    let a = veracity::wasm::verify(CSV.as_bytes(), JsValue::NULL).map_err(error_message);
    let b = veracity::wasm::verify(CSV.as_bytes(), Object::new().into()).map_err(error_message);
    // Same outcome either way: both reports, or the same error.
    match (a, b) {
        (Ok(a), Ok(b)) => assert_eq!(
            js_sys::JSON::stringify(&get(&a, "columns"))
                .ok()
                .map(String::from),
            js_sys::JSON::stringify(&get(&b, "columns"))
                .ok()
                .map(String::from)
        ),
        (Err(a), Err(b)) => assert_eq!(a, b),
        (a, b) => panic!("null and {{}} differ: {a:?} / {b:?}"),
    }
}

#[wasm_bindgen_test]
fn bad_options_are_a_js_error_not_a_panic() {
    let opts = Object::new();
    Reflect::set(&opts, &"no_such_option".into(), &JsValue::TRUE).unwrap();
    let err = veracity::wasm::verify(CSV.as_bytes(), opts.into()).expect_err("unknown option");
    assert!(error_message(err).starts_with("bad options"));

    let err = veracity::wasm::verify(CSV.as_bytes(), JsValue::from_str("nonsense"))
        .expect_err("a string is not options");
    assert!(error_message(err).starts_with("bad options"));
}

#[wasm_bindgen_test]
fn junk_input_gives_a_report_or_an_error_never_a_trap() {
    let junk: Vec<u8> = (0u8..=255).cycle().take(4096).collect();
    for input in [&b""[..], &junk[..], &b"\xff\xfe\x00"[..]] {
        match veracity::wasm::verify(input, JsValue::UNDEFINED) {
            Ok(r) => assert!(get(&r, "columns").is_instance_of::<Array>()),
            Err(e) => assert!(!error_message(e).is_empty()),
        }
    }
}

#[wasm_bindgen_test]
fn reference_date_defaults_to_today_and_options_cross_from_js() {
    let r = veracity::wasm::verify(CSV.as_bytes(), JsValue::UNDEFINED)
        .unwrap_or_else(|e| panic!("verify failed: {}", error_message(e)));
    let settings = get(&r, "settings");
    assert_eq!(
        get(&settings, "reference_date").as_string(),
        Some(veracity::wasm::today().to_string())
    );
    assert_eq!(get(&settings, "show_values").as_bool(), Some(false));

    let opts = Object::new();
    Reflect::set(&opts, &"reference_date".into(), &"2020-02-29".into()).unwrap();
    Reflect::set(&opts, &"show_values".into(), &JsValue::TRUE).unwrap();
    let r = veracity::wasm::verify(CSV.as_bytes(), opts.into())
        .unwrap_or_else(|e| panic!("verify failed: {}", error_message(e)));
    let settings = get(&r, "settings");
    assert_eq!(
        get(&settings, "reference_date").as_string().as_deref(),
        Some("2020-02-29")
    );
    assert_eq!(get(&settings, "show_values").as_bool(), Some(true));
}

#[wasm_bindgen_test]
fn progress_callback_is_called_and_false_cancels() {
    use wasm_bindgen::closure::Closure;
    let calls = std::rc::Rc::new(std::cell::Cell::new(0u32));
    let c = calls.clone();
    let cb = Closure::<dyn FnMut(JsValue) -> JsValue>::new(move |p: JsValue| {
        c.set(c.get() + 1);
        assert_eq!(get(&p, "rows").as_f64(), Some(3.0));
        JsValue::TRUE
    });
    let report = veracity::wasm::verify_with_progress(
        CSV.as_bytes(),
        JsValue::UNDEFINED,
        cb.as_ref().unchecked_ref(),
    )
    .unwrap_or_else(|e| panic!("verify failed: {}", error_message(e)));
    assert_eq!(get(&get(&report, "input"), "rows").as_f64(), Some(3.0));
    assert_eq!(
        calls.get(),
        1,
        "one final progress report for a small input"
    );

    let stop = Closure::<dyn FnMut(JsValue) -> JsValue>::new(|_p: JsValue| JsValue::FALSE);
    let err = veracity::wasm::verify_with_progress(
        CSV.as_bytes(),
        JsValue::UNDEFINED,
        stop.as_ref().unchecked_ref(),
    )
    .map(|_| ())
    .unwrap_err();
    assert_eq!(error_message(err), "cancelled");
}

fn plain(json: &str) -> JsValue {
    js_sys::JSON::parse(json).expect("JSON")
}

#[wasm_bindgen_test]
fn call_sheet_draw_is_reproducible_and_needs_a_seed() {
    let draw = plain(r#"{"n": 2, "seed": "99"}"#);
    let a = veracity::wasm::draw_call_sheet(CSV.as_bytes(), JsValue::NULL, draw.clone())
        .unwrap_or_else(|e| panic!("{}", error_message(e)));
    let b = veracity::wasm::draw_call_sheet(CSV.as_bytes(), JsValue::NULL, draw)
        .unwrap_or_else(|e| panic!("{}", error_message(e)));
    assert_eq!(
        js_sys::JSON::stringify(&a).unwrap(),
        js_sys::JSON::stringify(&b).unwrap()
    );
    assert_eq!(get(&a, "seed").as_string().as_deref(), Some("99"));
    let csv = veracity::wasm::call_sheet_csv(a).unwrap_or_else(|e| panic!("{}", error_message(e)));
    assert!(csv.contains("outcome,notes"));
    let err = veracity::wasm::draw_call_sheet(CSV.as_bytes(), JsValue::NULL, plain(r#"{"n": 2}"#))
        .map(|_| ())
        .unwrap_err();
    assert!(error_message(err).contains("seed"));
}

#[wasm_bindgen_test]
fn evidence_report_from_a_report_and_compare() {
    let report = veracity::wasm::verify(CSV.as_bytes(), JsValue::UNDEFINED)
        .unwrap_or_else(|e| panic!("{}", error_message(e)));
    let c = veracity::wasm::compare(CSV.as_bytes(), CSV.as_bytes(), JsValue::NULL)
        .unwrap_or_else(|e| panic!("{}", error_message(e)));
    let doc = veracity::wasm::evidence_report(report, "html", "zh", JsValue::NULL, c)
        .unwrap_or_else(|e| panic!("{}", error_message(e)));
    let text = get(&doc, "text").as_string().unwrap();
    let sha = get(&doc, "sha256").as_string().unwrap();
    assert!(text.contains(&sha));
    assert!(text.contains("与较早文件的比对"));
}
