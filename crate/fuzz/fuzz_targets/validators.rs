//! Every validator of the registry on arbitrary text: never a panic, and an invalid value
//! always has a reason.
#![no_main]
use libfuzzer_sys::fuzz_target;
use veracity::civil::Date;
use veracity::validate::{registry, Context};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (value, _) = veracity::normalize::normalize(&text);
    let ctx = Context {
        reference_date: Date::new(2022, 7, 1).expect("a real date"),
    };
    for v in registry() {
        let _ = v.looks_like(&value);
        let c = v.check(&value, &ctx);
        assert!(c.is_valid() || !c.problems.is_empty());
    }
});
