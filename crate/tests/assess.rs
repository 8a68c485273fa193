//! The assessment on synthetic samples: genuine-like registers must never be called
//! fabricated; each fabricated kind must be; spliced rows must be found.

mod common;

use common::{csv, fabricated, genuine, reference, spliced, Fake, FakerSamples, Person};
use veracity::report::Report;
use veracity::Options;

fn run(people: &[Person]) -> Report {
    let opts = Options {
        reference_date: Some(reference()),
        ..Options::default()
    };
    veracity::verify(csv(people).as_bytes(), &opts).unwrap()
}

fn level(r: &Report) -> &str {
    &r.assessment.verdict.level
}

fn signal<'a>(r: &'a Report, id: &str) -> &'a veracity::report::Signal {
    r.assessment
        .signals
        .iter()
        .find(|s| s.id == id)
        .unwrap_or_else(|| panic!("no signal {id}"))
}

fn fired(r: &Report) -> Vec<String> {
    r.assessment
        .signals
        .iter()
        .filter(|s| s.direction != "neutral")
        .map(|s| format!("{}:{}:{}", s.id, s.direction, s.strength))
        .collect()
}

/// Precision and recall of the suspicious rows against the spliced row numbers.
fn precision_recall(r: &Report, truth: &[u64]) -> (f64, f64) {
    let found: Vec<u64> = r
        .assessment
        .suspicious_rows
        .rows
        .iter()
        .map(|x| x.row)
        .collect();
    let hits = found
        .iter()
        .filter(|x| truth.binary_search(x).is_ok())
        .count() as f64;
    (
        hits / found.len().max(1) as f64,
        hits / truth.len().max(1) as f64,
    )
}

const CLASSES: [&str; 6] = [
    "realistic",
    "random_digits",
    "faker_like",
    "careful",
    "spliced_faker_like",
    "spliced_random_digits",
];
/// Classes made by Python `faker` (zh_CN): the three ways of using it written by
/// `tests/eval/faker_samples.py`, and realistic samples with 10 % of its `derived` rows.
const FAKER_CLASSES: [(&str, &str); 4] = [
    ("faker_zh_CN", "derived"),
    ("faker_zh_CN_independent", "independent"),
    ("faker_zh_CN_profile", "profile"),
    ("spliced_faker_zh_CN", "spliced"),
];
const LEVELS: [&str; 4] = ["consistent", "inconclusive", "mixed", "likely_fabricated"];

fn run_text(text: &str) -> Report {
    let opts = Options {
        reference_date: Some(reference()),
        ..Options::default()
    };
    veracity::verify(text.as_bytes(), &opts).unwrap()
}

/// One class's row of the confusion table.
struct Row {
    class: String,
    counts: [usize; 4],
    /// Summed precision and recall of the suspicious rows (spliced classes).
    pr: Option<(f64, f64)>,
    /// Which non-neutral signals fired, over the samples: `id:direction` → count.
    fired: std::collections::BTreeMap<String, usize>,
}

impl Row {
    fn new(class: &str) -> Row {
        Row {
            class: class.to_owned(),
            counts: [0; 4],
            pr: class.starts_with("spliced").then_some((0.0, 0.0)),
            fired: Default::default(),
        }
    }
    fn add(&mut self, r: &Report, truth: &[u64]) {
        let l = LEVELS.iter().position(|l| *l == level(r)).unwrap();
        self.counts[l] += 1;
        if let Some(pr) = &mut self.pr {
            let (p, rc) = precision_recall(r, truth);
            pr.0 += p;
            pr.1 += rc;
        }
        for s in &r.assessment.signals {
            if s.direction != "neutral" {
                *self
                    .fired
                    .entry(format!("{}:{}", s.id, s.direction))
                    .or_default() += 1;
            }
        }
    }
    fn total(&self) -> usize {
        self.counts.iter().sum()
    }
    fn count(&self, level: &str) -> usize {
        self.counts[LEVELS.iter().position(|l| *l == level).unwrap()]
    }
}

/// Runs `seeds` samples of each class at `n` rows: the confusion table (class × verdict) with
/// the precision and recall of the suspicious rows on the spliced classes. Faker classes come
/// from `faker` when given, its seed `first` + the seed's offset in `seeds`; a seed without a
/// file is skipped (the row's total says how many ran).
fn evaluate(
    n: usize,
    seeds: std::ops::Range<u64>,
    faker: Option<(&FakerSamples, u64)>,
) -> Vec<Row> {
    let mut rows: Vec<Row> = CLASSES.iter().map(|c| Row::new(c)).collect();
    if faker.is_some() {
        rows.extend(FAKER_CLASSES.iter().map(|c| Row::new(c.0)));
    }
    for seed in seeds.clone() {
        for (c, class) in CLASSES.iter().enumerate() {
            let (people, truth) = match *class {
                "realistic" => (genuine(seed, n), vec![]),
                "random_digits" => (fabricated(Fake::RandomDigits, seed, n), vec![]),
                "faker_like" => (fabricated(Fake::FakerLike, seed, n), vec![]),
                "careful" => (fabricated(Fake::Careful, seed, n), vec![]),
                "spliced_faker_like" => spliced(Fake::FakerLike, seed, n, 0.1),
                _ => spliced(Fake::RandomDigits, seed, n, 0.1),
            };
            rows[c].add(&run(&people), &truth);
        }
        let Some((samples, first)) = faker else {
            continue;
        };
        let fseed = first + (seed - seeds.start);
        for (k, (_, variant)) in FAKER_CLASSES.iter().enumerate() {
            let sample = if *variant == "spliced" {
                samples.spliced(fseed, n, 0.1)
            } else {
                samples.sample(variant, fseed, n).map(|t| (t, vec![]))
            };
            if let Some((text, truth)) = sample {
                rows[CLASSES.len() + k].add(&run_text(&text), &truth);
            }
        }
    }
    rows
}

fn print_table(n: usize, rows: &[Row]) {
    println!("\n{n} rows | consistent | inconclusive | mixed | likely_fabricated");
    println!("---|---|---|---|---");
    for row in rows {
        let c = row.counts;
        println!("{} | {} | {} | {} | {}", row.class, c[0], c[1], c[2], c[3]);
    }
    let pr: Vec<String> = rows
        .iter()
        .filter_map(|r| {
            let (p, rc) = r.pr?;
            let t = r.total().max(1) as f64;
            Some(format!("{} {:.2} / {:.2}", r.class, p / t, rc / t))
        })
        .collect();
    println!(
        "\nSuspicious rows, mean precision / recall: {}.",
        pr.join(", ")
    );
    if std::env::var_os("SIGNALS").is_some() {
        for row in rows {
            let f: Vec<String> = row.fired.iter().map(|(k, v)| format!("{k} {v}")).collect();
            println!("signals {} ({}): {}", row.class, row.total(), f.join(", "));
        }
    }
}

/// The evaluation harness: `cargo test --release --test assess evaluation -- --ignored
/// --nocapture` (SEEDS=50 by default; `scripts/eval.sh` also makes Python faker samples and
/// passes them in `VERACITY_FAKER_DIR`; SIGNALS=1 prints which signals fired per class). The
/// table in the README comes from it.
#[test]
#[ignore]
fn evaluation() {
    let seeds: u64 = std::env::var("SEEDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(50);
    let faker = FakerSamples::from_env();
    if faker.is_none() {
        println!(
            "no VERACITY_FAKER_DIR: Python faker classes left out (scripts/eval.sh makes them)"
        );
    }
    for n in [200usize, 1000, 5000] {
        let rows = evaluate(n, 0..seeds, faker.as_ref().map(|f| (f, 0)));
        print_table(n, &rows);
    }
}

fn fires(r: &Report, id: &str, direction: &str) -> bool {
    signal(r, id).direction == direction
}

#[test]
fn genuine_like_samples_are_never_called_fabricated() {
    for (seed, n) in [(101, 1000), (102, 3000), (103, 500)] {
        let r = run(&genuine(seed, n));
        assert_eq!(level(&r), "consistent", "seed {seed}: {:?}", fired(&r));
        for id in [
            "abolished_codes",
            "region_distribution",
            "surname_distribution",
            "given_name_sex",
        ] {
            assert!(
                fires(&r, id, "genuine"),
                "{id} on seed {seed}: {:?}",
                fired(&r)
            );
        }
        assert_eq!(r.assessment.identity.reference, "cn_census_2020");
        assert_eq!(r.assessment.identity.validator, "cn_ric");
        assert_eq!(r.assessment.suspicious_rows.count, 0);
        // Every signal explains itself in both languages.
        for s in &r.assessment.signals {
            assert!(
                !s.explanation.en.is_empty() && !s.explanation.zh.is_empty(),
                "{}",
                s.id
            );
            assert!(
                !s.finding.en.is_empty() && !s.finding.zh.is_empty(),
                "{}",
                s.id
            );
            assert!(["genuine", "fabricated", "neutral"].contains(&s.direction.as_str()));
            assert!(["weak", "moderate", "strong"].contains(&s.strength.as_str()));
        }
        let summary = &r.assessment.verdict.summary.en;
        assert!(
            !summary.contains("proof") || summary.contains("not"),
            "{summary}"
        );
        assert!(!summary.to_lowercase().contains("authentic "), "{summary}");
    }
}

#[test]
fn random_digits_are_likely_fabricated() {
    let r = run(&fabricated(Fake::RandomDigits, 201, 1000));
    assert_eq!(level(&r), "likely_fabricated");
    for id in [
        "id_validity",
        "invalid_kinds",
        "region_level",
        "phone_validity",
        "surname_distribution",
    ] {
        assert!(fires(&r, id, "fabricated"), "{id}: {:?}", fired(&r));
    }
    assert_eq!(signal(&r, "id_validity").strength, "strong");
    assert!(r
        .assessment
        .verdict
        .evidence
        .contains(&"id_validity".to_owned()));
}

#[test]
fn faker_like_samples_are_likely_fabricated() {
    let r = run(&fabricated(Fake::FakerLike, 202, 1000));
    assert_eq!(level(&r), "likely_fabricated", "{:?}", fired(&r));
    for id in [
        "abolished_codes",
        "age_uniformity",
        "region_distribution",
        "surname_distribution",
        "given_name_sex",
        "address_consistency",
        "noise",
    ] {
        assert!(fires(&r, id, "fabricated"), "{id}: {:?}", fired(&r));
    }
    // Valid check digits prove nothing: the validity signal does not count against it.
    assert_ne!(signal(&r, "id_validity").direction, "fabricated");
}

#[test]
fn careful_forgeries_are_likely_fabricated() {
    let r = run(&fabricated(Fake::Careful, 203, 1000));
    assert_eq!(level(&r), "likely_fabricated", "{:?}", fired(&r));
    let abolished = signal(&r, "abolished_codes");
    assert_eq!(
        (abolished.direction.as_str(), abolished.strength.as_str()),
        ("fabricated", "strong")
    );
    assert!(abolished.p_value.unwrap() < 1e-4);
    assert!(fires(&r, "children_elderly", "fabricated"));
    assert!(
        fires(&r, "noise", "fabricated"),
        "too clean: {:?}",
        fired(&r)
    );
    // What it does right is also reported.
    assert!(fires(&r, "region_distribution", "genuine"));
}

/// The spliced rows must be found. Thresholds (measured over 50 seeds, see the README):
/// random-digit rows precision ≥ 0.9 and recall ≥ 0.9; faker-like rows, which are valid and
/// individually plausible, precision ≥ 0.35 and recall ≥ 0.25 at 1,000 rows.
#[test]
fn spliced_rows_are_found() {
    let (people, truth) = spliced(Fake::RandomDigits, 301, 1000, 0.1);
    let r = run(&people);
    assert_eq!(level(&r), "mixed", "{:?}", fired(&r));
    let (p, rc) = precision_recall(&r, &truth);
    assert!(p >= 0.9 && rc >= 0.9, "precision {p} recall {rc}");
    let sr = &r.assessment.suspicious_rows;
    assert!((0.07..0.13).contains(&sr.share), "{}", sr.share);
    assert!(sr.rows.iter().all(|x| x.value.contains('*')), "masked");
    assert_eq!(r.assessment.verdict.evidence[0], "mixed_rows");

    let (people, truth) = spliced(Fake::FakerLike, 302, 1000, 0.1);
    let r = run(&people);
    assert_eq!(level(&r), "mixed", "{:?}", fired(&r));
    let (p, rc) = precision_recall(&r, &truth);
    assert!(p >= 0.35 && rc >= 0.25, "precision {p} recall {rc}");
}

#[test]
fn small_samples_say_too_little_data() {
    let r = run(&genuine(401, 150));
    assert_eq!(level(&r), "inconclusive");
    assert!(
        r.assessment.verdict.summary.en.contains("Too little data"),
        "{}",
        r.assessment.verdict.summary.en
    );
    assert!(r.assessment.verdict.summary.zh.contains("数据太少"));
    let age = signal(&r, "age_shape");
    assert!(!age.tested && age.direction == "neutral" && age.finding.en.contains("at least 200"));
    assert!(!signal(&r, "mixed_rows").tested);
    // Gross errors still show.
    let r = run(&fabricated(Fake::RandomDigits, 402, 100));
    assert_eq!(level(&r), "likely_fabricated");
}

#[test]
fn no_identity_column_is_inconclusive() {
    let text = "city,amount\nBeijing,12\nShanghai,15\n".repeat(150);
    let opts = Options {
        reference_date: Some(reference()),
        ..Options::default()
    };
    let r = veracity::verify(text.as_bytes(), &opts).unwrap();
    assert_eq!(r.assessment.verdict.level, "inconclusive");
    assert_eq!(r.assessment.identity.reference, "none");
    assert!(r
        .assessment
        .signals
        .iter()
        .all(|s| s.direction != "genuine"));
}

/// A shortened run of the evaluation harness: every class at 1,000 rows over 3 seeds, the
/// Python faker classes from the committed samples in `tests/fixtures/faker/`.
#[test]
fn evaluation_short() {
    let fixtures = FakerSamples::fixtures();
    let rows = evaluate(1000, 500..503, Some((&fixtures, 1000)));
    print_table(1000, &rows);
    for row in &rows {
        assert_eq!(row.total(), 3, "{}: samples missing", row.class);
    }
    assert_eq!(
        rows[0].count("likely_fabricated"),
        0,
        "a realistic sample was called likely_fabricated"
    );
    assert_eq!(rows[0].count("consistent"), 3);
    for row in &rows[1..4] {
        assert_eq!(row.count("likely_fabricated"), 3, "{}", row.class);
    }
    for row in &rows[4..6] {
        assert_eq!(row.count("mixed"), 3, "{}", row.class);
    }
    // Python faker zh_CN, used three ways: the target (≥ 95 % likely_fabricated or
    // mixed at ≥ 1,000 rows) holds on every committed sample.
    for row in &rows[6..9] {
        assert_eq!(
            row.count("likely_fabricated") + row.count("mixed"),
            3,
            "{}",
            row.class
        );
    }
    // Realistic + 10 % faker rows: `mixed` (the target: ≥ 90 % of seeds).
    assert_eq!(rows[9].count("mixed"), 3, "{}", rows[9].class);
}

/// The target for realistic samples with 10 % Python faker rows: `mixed` at 1,000 rows
/// (50 seeds in the README's table), on the committed samples, with the faker rows found:
/// precision and recall of the listed rows at least 0.5 each (the README gives the means).
#[test]
#[allow(non_snake_case)]
fn spliced_faker_zh_CN_is_mixed() {
    let fixtures = FakerSamples::fixtures();
    let mut mixed = 0;
    for seed in 1000..1003 {
        let (text, truth) = fixtures
            .spliced(seed, 1000, 0.1)
            .expect("committed faker samples");
        let r = run_text(&text);
        let (p, rc) = precision_recall(&r, &truth);
        assert!(
            p >= 0.5 && rc >= 0.5,
            "seed {seed}: precision {p} recall {rc}"
        );
        let sr = &r.assessment.suspicious_rows;
        assert!(sr.rows.iter().all(|x| x.value.contains('*')), "masked");
        assert_eq!(sr.count as usize, sr.rows.len());
        if level(&r) != "mixed" {
            println!(
                "seed {seed}: {} — {}",
                level(&r),
                signal(&r, "mixed_rows").finding.en
            );
        }
        mixed += usize::from(level(&r) == "mixed");
    }
    assert_eq!(mixed, 3, "spliced faker zh_CN called mixed in {mixed} of 3");
}
