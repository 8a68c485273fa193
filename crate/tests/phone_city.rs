//! Phone city against address city, end to end: the cross checks `phone_city_vs_address` and
//! `phone_city_vs_id` and the signal of the same name, on generated samples whose phones come
//! from the home city's number blocks (genuine-like) or are drawn independently (fabricated).

mod common;

use common::{csv, fabricated, genuine, reference, Fake, Person};
use veracity::report::{CrossCheck, Report, Signal};
use veracity::Options;

fn run_text(text: &str) -> Report {
    let opts = Options {
        reference_date: Some(reference()),
        ..Options::default()
    };
    veracity::verify(text.as_bytes(), &opts).unwrap()
}

fn run(people: &[Person]) -> Report {
    run_text(&csv(people))
}

fn cross<'a>(r: &'a Report, id: &str) -> &'a CrossCheck {
    r.cross_checks
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("no cross check {id}"))
}

fn signal<'a>(r: &'a Report, id: &str) -> &'a Signal {
    r.assessment
        .signals
        .iter()
        .find(|s| s.id == id)
        .unwrap_or_else(|| panic!("no signal {id}"))
}

#[test]
fn cross_check_on_a_small_file() {
    // 13000000000: block 1300000, 山东省济南市 (370100); 13500400000: 辽宁省铁岭市 (211200);
    // 13500300000: 重庆市; 19912345678: a valid number whose block is not located.
    let text = "姓名,手机号,地址\n\
                张伟,13000001234,山东省济南市历下区泉城路1号\n\
                李娜,+86 135-0040-1234,山东省济南市历下区泉城路2号\n\
                王芳,13500301234,重庆市万州区1号\n\
                刘洋,19912345678,北京市朝阳区建国路1号\n\
                陈静,,北京市朝阳区建国路2号\n";
    let r = run_text(text);
    let c = cross(&r, "phone_city_vs_address");
    assert_eq!(c.columns, ["手机号", "地址"]);
    assert_eq!((c.checked, c.disagree), (3, 1), "{c:?}");
    assert!(!c.flags_rows);
    assert!(r
        .flagged_rows
        .iter()
        .all(|f| f.reason != "phone_city_differs_from_address"));
    // No identity column: no comparison with the ID.
    assert!(r.cross_checks.iter().all(|c| c.id != "phone_city_vs_id"));
    let s = signal(&r, "phone_city_vs_address");
    assert!(!s.tested, "3 pairs are too few: {s:?}");
}

#[test]
fn genuine_like_phones_agree_with_addresses_far_above_chance() {
    for (seed, n) in [(11, 1000), (12, 3000)] {
        let r = run(&genuine(seed, n));
        let c = cross(&r, "phone_city_vs_address");
        assert!(c.checked > n as u64 / 3, "{c:?}");
        let s = signal(&r, "phone_city_vs_address");
        assert_eq!(
            (s.direction.as_str(), s.strength.as_str()),
            ("genuine", "moderate"),
            "seed {seed}: {s:?}"
        );
        let (value, expected) = (s.value.unwrap(), s.expected.unwrap());
        assert!(value > 0.4 && expected < 0.05, "{s:?}");
        assert_eq!(s.n, c.checked);
        assert_eq!(
            ((1.0 - value) * s.n as f64).round() as u64,
            c.disagree,
            "the signal and the cross check count the same rows"
        );
        // The ID comparison: agreeing (most people live where their ID was issued), reported
        // only.
        let s = signal(&r, "phone_city_vs_id");
        assert_eq!(s.direction, "neutral");
        assert!(
            s.tested && s.value.unwrap() > s.expected.unwrap() * 3.0,
            "{s:?}"
        );
        assert!(cross(&r, "phone_city_vs_id").checked > 0);
    }
}

#[test]
fn independent_phones_agree_at_chance() {
    for kind in [Fake::FakerLike, Fake::Careful] {
        let r = run(&fabricated(kind, 21, 2000));
        let s = signal(&r, "phone_city_vs_address");
        assert!(s.tested, "{kind:?}: {s:?}");
        let (value, expected) = (s.value.unwrap(), s.expected.unwrap());
        assert!((value - expected).abs() < 0.03, "{kind:?}: {s:?}");
        if s.n >= 200 {
            assert_eq!(
                (s.direction.as_str(), s.strength.as_str()),
                ("fabricated", "moderate"),
                "{kind:?}: {s:?}"
            );
        }
    }
}
