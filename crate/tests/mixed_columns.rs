//! Column detection on mixed synthetic fixtures: each column gets its own format, one 11-digit
//! or 15-digit format is not taken for another without evidence, and where two formats fit the
//! report lists the runner-up.

use veracity::checkdigit::luhn;
use veracity::report::Report;
use veracity::Options;

/// A small deterministic generator (xorshift), so the fixture is the same on every run.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn digits(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'0' + (self.next() % 10) as u8))
            .collect()
    }
}

/// A synthetic South Korean RRN (`YYMMDD-SBBBBNC`): birth date, sex/century digit, and the
/// published check digit (weights 2–9, 2–5; `(11 − Σ mod 11) mod 10`).
fn rrn(r: &mut Rng) -> String {
    let yy = 50 + r.next() % 49;
    let mm = 1 + r.next() % 12;
    let dd = 1 + r.next() % 28;
    let s = 1 + r.next() % 2;
    let body = format!("{yy:02}{mm:02}{dd:02}{s}{}", r.digits(5));
    let w = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
    let sum: u64 = body
        .bytes()
        .zip(w)
        .map(|(b, w)| u64::from(b - b'0') * w)
        .sum();
    let c = (11 - sum % 11) % 10;
    format!("{}-{}{c}", &body[..6], &body[6..])
}

/// A synthetic Chinese mobile number in a long-allocated range.
fn mobile(r: &mut Rng) -> String {
    let p = ["138", "139", "186", "150", "135"][(r.next() % 5) as usize];
    format!("{p}{}", r.digits(8))
}

/// A synthetic 15-digit number in American Express's range with a Luhn digit (also an IMEI).
fn amex(r: &mut Rng) -> String {
    let payload = format!("37{}", r.digits(12));
    let c = luhn::check_digit(payload.as_bytes()).unwrap();
    format!("{payload}{c}")
}

fn run(csv: &str) -> Report {
    let opts = Options {
        reference_date: veracity::civil::Date::new(2022, 7, 1),
        ..Options::default()
    };
    veracity::verify(csv.as_bytes(), &opts).expect("report")
}

fn fixture(header: &str, rows: usize) -> String {
    let mut r = Rng(0x5EED_1234_ABCD_0001);
    let mut csv = format!("{header}\n");
    for _ in 0..rows {
        csv.push_str(&format!(
            "{},{},{}\n",
            rrn(&mut r),
            mobile(&mut r),
            amex(&mut r)
        ));
    }
    csv
}

fn registered(id: &str) -> bool {
    veracity::validate::registry().iter().any(|v| v.id() == id)
}

#[test]
fn korean_rrns_beside_chinese_mobiles() {
    let report = run(&fixture("a,b,c", 200));
    let kinds: Vec<&str> = report.columns.iter().map(|c| c.kind.id()).collect();
    assert_eq!(kinds[1], "cn_mobile", "{kinds:?}");
    if registered("kr_rrn") {
        assert_eq!(kinds[0], "kr_rrn", "{kinds:?}");
    } else {
        assert!(!kinds[0].starts_with("cn_"), "{kinds:?}");
    }
    // The 15-digit column is cards (registry order among equally valid fits), and says it
    // could be IMEIs.
    assert_eq!(kinds[2], "payment_card");
    assert!(report.columns[2].alternatives.contains(&"imei".to_owned()));
    // No other format claims the mobiles.
    assert!(
        report.columns[1].alternatives.is_empty(),
        "{:?}",
        report.columns[1].alternatives
    );
    assert_eq!(report.columns[1].invalid, 0);
}

#[test]
fn header_evidence_decides_between_formats_that_both_fit() {
    // Header says IMEI and the values are valid IMEIs: the header is the evidence.
    let report = run(&fixture("rrn,phone,IMEI", 100));
    assert_eq!(report.columns[2].kind.id(), "imei");
    assert_eq!(report.columns[2].kind_source, "header+content");
    // A header naming a format the values do not fit loses to the content.
    let report = run(&fixture("a,IMEI,c", 100));
    assert_eq!(report.columns[1].kind.id(), "cn_mobile");
}
