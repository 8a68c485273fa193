//! The whole `verify` with options picked from the first bytes: never a panic, and the
//! report's counts add up.
#![no_main]
use libfuzzer_sys::fuzz_target;
use veracity::Options;

fuzz_target!(|data: &[u8]| {
    let (head, body) = match data {
        [a, b, rest @ ..] => ([*a, *b], rest),
        _ => ([0, 0], data),
    };
    let mut opts = Options {
        show_values: head[0] & 1 == 1,
        max_flagged: usize::from(head[0] >> 1),
        reference_date: veracity::civil::Date::new(2022, 7, 1),
        ..Options::default()
    };
    if head[1] & 1 == 1 {
        let kinds = [
            "cn_ric",
            "cn_mobile",
            "date",
            "sex",
            "person_name",
            "address",
            "text",
        ];
        let kind = kinds[usize::from(head[1] >> 1) % kinds.len()];
        let _ = opts.add_kind_override(&format!("1={kind}"));
    }
    let Ok(r) = veracity::verify(body, &opts) else {
        return;
    };
    for c in &r.columns {
        assert_eq!(c.values + c.empty + r.input.unparseable_rows, r.input.rows);
        assert!(c.valid + c.invalid <= c.values);
    }
    assert!(r.flagged_rows.len() <= opts.max_flagged);
});
