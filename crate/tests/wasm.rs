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

#[wasm_bindgen_test]
fn check_names_the_formats_a_value_fits() {
    let found = veracity::wasm::check("11010519491231002X", None, Some("2022-07-01".to_owned()))
        .unwrap_or_else(|e| panic!("check failed: {}", error_message(e)));
    assert!(found.is_object() && !found.is_instance_of::<js_sys::Map>());
    assert_eq!(
        get(&found, "reference_date").as_string().as_deref(),
        Some("2022-07-01")
    );
    let formats: Array = get(&found, "formats").dyn_into().expect("an array");
    let ric = formats
        .iter()
        .find(|f| get(f, "format").as_string().as_deref() == Some("cn_ric"))
        .expect("fits cn_ric");
    assert_eq!(get(&ric, "valid").as_bool(), Some(true));
    let extracted = get(&ric, "extracted");
    assert!(!extracted.is_instance_of::<js_sys::Map>());
    assert_eq!(
        get(&extracted, "date").as_string().as_deref(),
        Some("1949-12-31")
    );
    assert_eq!(
        get(&extracted, "sex").as_string().as_deref(),
        Some("female")
    );

    // Junk fits nothing; one format always answers; an unknown one is an Error.
    let junk = veracity::wasm::check("zzz", None, None).map_err(error_message);
    let junk: Array = get(&junk.expect("junk is not an error"), "formats")
        .dyn_into()
        .expect("an array");
    assert_eq!(junk.length(), 0);
    let one = veracity::wasm::check("zzz", Some("br_cpf".into()), None).map_err(error_message);
    let one: Array = get(&one.expect("a verdict"), "formats")
        .dyn_into()
        .expect("an array");
    assert_eq!(one.length(), 1);
    assert_eq!(get(&one.get(0), "valid").as_bool(), Some(false));
    let e = veracity::wasm::check("1", Some("nope".into()), None).map_err(error_message);
    assert!(e.is_err_and(|m| m.contains("unknown format")));
    let e = veracity::wasm::check("1", None, Some("2022-13-45".into())).map_err(error_message);
    assert!(e.is_err_and(|m| m.contains("reference date")));
}

#[wasm_bindgen_test]
fn formats_lists_the_registry() {
    let list: Array = veracity::wasm::formats()
        .unwrap_or_else(|e| panic!("formats failed: {}", error_message(e)))
        .dyn_into()
        .expect("an array");
    assert!(list.length() > 50, "{}", list.length());
    let kr = list
        .iter()
        .find(|f| get(f, "id").as_string().as_deref() == Some("kr_rrn"))
        .expect("kr_rrn");
    assert_eq!(get(&kr, "country").as_string().as_deref(), Some("KR"));
    assert_eq!(get(&kr, "kind").as_string().as_deref(), Some("kr_rrn"));
    let iban = list
        .iter()
        .find(|f| get(f, "id").as_string().as_deref() == Some("iban"))
        .expect("iban");
    assert!(get(&iban, "country").is_null());
}

/// A CSV of `n` synthetic rows with a quoted multi-line address every 50 rows.
fn big_csv(n: usize) -> String {
    let mut s = String::from("姓名,身份证号,手机号,地址\n");
    for i in 0..n {
        let addr = if i % 50 == 7 {
            format!("\"北京市东城区\n和平街{i}号\"")
        } else {
            format!("上海市黄浦区人民路{i}号")
        };
        s.push_str(&format!(
            "张{},1101011990010{:05},138{:08},{addr}\n",
            i % 10,
            i,
            i
        ));
    }
    s
}

fn json_of(v: &JsValue) -> String {
    js_sys::JSON::stringify(v)
        .map(String::from)
        .unwrap_or_default()
}

fn dated() -> JsValue {
    let opts = Object::new();
    Reflect::set(&opts, &"reference_date".into(), &"2022-07-01".into()).unwrap();
    opts.into()
}

/// A session over the whole input of `total` bytes, with [`dated`] options.
fn whole_session(total: f64) -> veracity::wasm::VerifySession {
    veracity::wasm::VerifySession::new(&[], dated(), 0.0, total, total)
        .map_err(error_message)
        .unwrap()
}

#[wasm_bindgen_test]
fn a_whole_input_session_in_small_chunks_gives_the_verify_report() {
    let text = big_csv(1_500);
    let bytes = text.as_bytes();
    let expected = veracity::wasm::verify(bytes, dated())
        .map_err(error_message)
        .unwrap();
    let total = bytes.len() as f64;
    let mut s = whole_session(total);
    let mut last = JsValue::UNDEFINED;
    for c in bytes.chunks(4_099) {
        last = s.feed(c).map_err(error_message).unwrap();
    }
    assert_eq!(get(&last, "bytes").as_f64(), Some(total));
    let report = s.finish(None).map_err(error_message).unwrap();
    assert_eq!(json_of(&report), json_of(&expected));
    // Finished: the session refuses more work with an error.
    assert!(s.feed(b"x").is_err());
}

#[wasm_bindgen_test]
fn a_whole_input_session_can_leave_its_hash_to_the_caller() {
    let text = big_csv(1_500);
    let bytes = text.as_bytes();
    let expected = veracity::wasm::verify(bytes, dated())
        .map_err(error_message)
        .unwrap();
    let total = bytes.len() as f64;
    let sha = json_of(&get(&get(&expected, "input"), "sha256"));
    let sha = sha.trim_matches('"').to_owned();
    let session = || {
        let mut s = whole_session(total);
        s.skip_hash().map_err(error_message).unwrap();
        for c in bytes.chunks(4_099) {
            s.feed(c).map_err(error_message).unwrap();
        }
        s
    };
    let report = session().finish(Some(sha)).map_err(error_message).unwrap();
    assert_eq!(json_of(&report), json_of(&expected));
    // Without the digest: an error that says so, not a report without a hash.
    let err = error_message(session().finish(None).unwrap_err());
    assert!(err.contains("SHA-256"), "{err}");
    // Too late: after the first feed.
    let mut s = whole_session(total);
    s.feed(&bytes[..10]).map_err(error_message).unwrap();
    assert!(s.skip_hash().is_err());
}

#[wasm_bindgen_test]
fn three_range_workers_merge_into_the_verify_report() {
    let text = big_csv(3_000);
    let bytes = text.as_bytes();
    let expected = veracity::wasm::verify(bytes, dated())
        .map_err(error_message)
        .unwrap();
    let total = bytes.len();
    let head = &bytes[..total.min(veracity::wasm::head_bytes() as usize)];
    let parts = Array::new();
    let n = 3;
    for k in 0..n {
        let (start, end) = (total * k / n, total * (k + 1) / n);
        let mut s = veracity::wasm::VerifySession::new(
            head,
            dated(),
            start as f64,
            end as f64,
            total as f64,
        )
        .map_err(error_message)
        .unwrap();
        let mut at = start;
        while at < total {
            let to = (at + 10_000).min(total);
            let fed = s.feed(&bytes[at..to]).map_err(error_message).unwrap();
            at = to;
            if get(&fed, "done").as_bool() == Some(true) {
                break;
            }
        }
        let part = s.finish_part().map_err(error_message).unwrap();
        parts.push(&js_sys::Uint8Array::from(&part[..]));
    }
    let merged = veracity::wasm::merge_parts(parts)
        .map_err(error_message)
        .unwrap();
    let mut h = veracity::wasm::JsSha256::new();
    for c in bytes.chunks(777) {
        h.update(c);
    }
    let report = veracity::wasm::finish_report(&merged, Some(h.hex()))
        .map_err(error_message)
        .unwrap();
    assert_eq!(json_of(&report), json_of(&expected));
}

#[wasm_bindgen_test]
fn streaming_misuse_and_uncuttable_input_are_js_errors() {
    let json = br#"[{"a":"1"},{"a":"2"},{"a":"3"},{"a":"4"}]"#;
    let total = json.len() as f64;
    let e = veracity::wasm::VerifySession::new(json, dated(), 10.0, total, total)
        .err()
        .map(error_message)
        .expect("JSON cannot be cut");
    assert!(e.starts_with("cannot read in ranges"), "{e}");
    for (a, b, t) in [
        (f64::NAN, 1.0, 2.0),
        (-1.0, 1.0, 2.0),
        (0.5, 1.0, 2.0),
        (3.0, 1.0, 2.0),
    ] {
        assert!(veracity::wasm::VerifySession::new(b"a,b\n", dated(), a, b, t).is_err());
    }
    let junk = Array::new();
    junk.push(&js_sys::Uint8Array::from(&b"not a part"[..]));
    assert!(veracity::wasm::merge_parts(junk).is_err());
    assert!(veracity::wasm::merge_parts(Array::new()).is_err());
    assert!(veracity::wasm::finish_report(b"", None).is_err());
    let mut h = veracity::wasm::JsSha256::new();
    h.update(b"abc");
    assert_eq!(
        h.hex(),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
}
