//! Free-text fields (police case summaries, remarks): the dates and places they name, and what
//! those say about the record. A summary dated 2005 that names 浦东新区 is fine; one dated 1990
//! that names it is an anachronism (the district was created in 1992-93), as is a date after
//! the data's claimed extraction date. Repeated boilerplate and text that is not Chinese where
//! Chinese is expected are counted too.
//!
//! Dates: `2019年3月5日`, `二〇一九年三月五日`, `2019-03-05`, `2019/3/5`, `2019.3.5`, and
//! `20190305` when it stands alone (not inside a longer run of digits, so ID and phone numbers
//! are not read as dates). Places: full names of the GB/T 2260 timeline (`浦东新区`, `卢湾区`,
//! `南汇县`…), historical names included; short forms (`浦东`) are not used here, because in
//! free text they collide with street and company names.
//!
//! [`TextStats`] is a mergeable accumulator; its map of repeated sentences is capped at
//! [`MAX_SENTENCES`] distinct sentences (beyond that new sentences are not tracked, and counts
//! of merged halves may then differ from one pass — the cap is stated in the report).

use crate::civil::Date;
use crate::mask;
use crate::refdata::regions::{self, RegionSpan};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};

/// Distinct sentences tracked for boilerplate.
pub const MAX_SENTENCES: usize = 100_000;
/// Examples of anachronisms and late dates kept.
pub const MAX_EXAMPLES: usize = 20;
/// Characters of one value read for dates and places (a case summary is far shorter; a
/// pathological 200 MB value must not cost memory proportional to it).
pub const MAX_TEXT_CHARS: usize = 20_000;
/// A sentence is boilerplate when this many records repeat it.
pub const BOILERPLATE_MIN: u64 = 3;

/// A date named in a text: a whole date, or a year and month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum TextDate {
    Day(Date),
    Month { year: i32, month: u8 },
}

impl TextDate {
    pub fn year(self) -> i32 {
        match self {
            TextDate::Day(d) => d.year,
            TextDate::Month { year, .. } => year,
        }
    }
}

fn han_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' | 'Ｏ' | 'O' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// Reads a number written in ASCII digits or Chinese numerals (`十二`, `二十五`, `三十一`).
fn read_number(chars: &[char], i: &mut usize, max_len: usize) -> Option<u32> {
    let start = *i;
    let mut n = 0u32;
    while *i < chars.len() && *i - start < max_len {
        match chars[*i].to_digit(10) {
            Some(d) => n = n * 10 + d,
            None => break,
        }
        *i += 1;
    }
    if *i > start {
        return Some(n);
    }
    // Chinese numerals up to 99: [tens]十[units] or a single digit.
    let mut v = 0u32;
    let mut seen = false;
    if let Some(d) = chars.get(*i).copied().and_then(han_digit) {
        if chars.get(*i + 1) == Some(&'十') {
            v = d * 10;
            *i += 2;
            seen = true;
        } else {
            *i += 1;
            return Some(d);
        }
    } else if chars.get(*i) == Some(&'十') {
        v = 10;
        *i += 1;
        seen = true;
    }
    if seen {
        if let Some(d) = chars.get(*i).copied().and_then(han_digit) {
            if d > 0 {
                v += d;
                *i += 1;
            }
        }
        return Some(v);
    }
    None
}

/// A four-digit year in ASCII or Chinese numerals (`二〇一九`).
fn read_year(chars: &[char], i: &mut usize) -> Option<i32> {
    let s = *i;
    if chars.len() >= s + 4 && chars[s..s + 4].iter().all(char::is_ascii_digit) {
        *i += 4;
        return chars[s..s + 4].iter().collect::<String>().parse().ok();
    }
    if chars.len() >= s + 4 {
        let d: Option<Vec<u32>> = chars[s..s + 4].iter().map(|&c| han_digit(c)).collect();
        if let Some(d) = d {
            *i += 4;
            return Some((d[0] * 1000 + d[1] * 100 + d[2] * 10 + d[3]) as i32);
        }
    }
    None
}

fn plausible_year(y: i32) -> bool {
    (1900..=2100).contains(&y)
}

/// Every date a text names, in order.
pub fn extract_dates(text: &str) -> Vec<TextDate> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let digit_before = i > 0 && chars[i - 1].is_ascii_digit();
        let starts_year = (c.is_ascii_digit() && !digit_before) || han_digit(c).is_some();
        if !starts_year {
            i += 1;
            continue;
        }
        let mut j = i;
        let Some(year) = read_year(&chars, &mut j) else {
            i += 1;
            continue;
        };
        let sep = chars.get(j).copied();
        let found = match sep {
            Some('年') => {
                j += 1;
                read_number(&chars, &mut j, 2).and_then(|m| {
                    if chars.get(j) != Some(&'月') {
                        return None;
                    }
                    j += 1;
                    let mut k = j;
                    match read_number(&chars, &mut k, 2) {
                        Some(d) if matches!(chars.get(k), Some('日' | '号')) => {
                            j = k + 1;
                            Date::new(year, m as u8, d as u8).map(TextDate::Day)
                        }
                        _ => (1..=12).contains(&m).then_some(TextDate::Month {
                            year,
                            month: m as u8,
                        }),
                    }
                })
            }
            Some(s @ ('-' | '/' | '.')) if c.is_ascii_digit() => {
                j += 1;
                read_number(&chars, &mut j, 2).and_then(|m| {
                    if chars.get(j) != Some(&s) {
                        return None;
                    }
                    j += 1;
                    let d = read_number(&chars, &mut j, 2)?;
                    if chars.get(j).is_some_and(char::is_ascii_digit) {
                        return None;
                    }
                    Date::new(year, m as u8, d as u8).map(TextDate::Day)
                })
            }
            Some(_) | None if c.is_ascii_digit() => {
                // YYYYMMDD standing alone.
                let run = chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
                if run == 8 {
                    let s: String = chars[i..i + 8].iter().collect();
                    let (m, d) = (s[4..6].parse().ok(), s[6..8].parse().ok());
                    j = i + 8;
                    m.zip(d)
                        .and_then(|(m, d)| Date::new(year, m, d))
                        .map(TextDate::Day)
                } else {
                    j = i + run.max(1);
                    None
                }
            }
            _ => None,
        };
        match found {
            Some(d) if plausible_year(d.year()) => {
                out.push(d);
                i = j;
            }
            _ => i += 1,
        }
    }
    out
}

/// A place named in a text: the name as written and the codes that carried it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    pub name: String,
    pub codes: Vec<u32>,
}

/// The region names (full names, historical included) a text contains, longest match first.
pub fn extract_places(text: &str) -> Vec<Place> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let longest = regions::longest_name_from(chars[i]).min(chars.len() - i);
        let mut matched = 0;
        for len in (2..=longest).rev() {
            let name: String = chars[i..i + len].iter().collect();
            if let Some(codes) = regions::codes_named(&name) {
                if !codes.full.is_empty() {
                    out.push(Place {
                        name,
                        codes: codes.full.clone(),
                    });
                    matched = len;
                    break;
                }
            }
        }
        i += matched.max(1);
    }
    out
}

/// Whether a code carried `name` at some time during `year` (the lists start in 1980: a name
/// in force in 1980 counts as in force before it).
fn named_in(spans: &[RegionSpan], name: &str, year: i32) -> bool {
    spans.iter().any(|s| {
        s.name == name
            && s.start.is_none_or(|st| i32::from(st) <= year)
            && s.end.is_none_or(|e| i32::from(e) + 1 >= year)
    })
}

/// Places named that no code carried in `year` (with a year's grace at the end, as for IDs).
pub fn anachronisms(places: &[Place], year: i32) -> Vec<&Place> {
    places
        .iter()
        .filter(|p| {
            !p.codes
                .iter()
                .any(|&c| regions::region(c).is_some_and(|s| named_in(s, &p.name, year)))
        })
        .collect()
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{20000}'..='\u{2A6DF}')
}

/// An example kept for the report (masked text).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextExample {
    pub row: u64,
    pub reason: String,
    /// E.g. the place and the year: `浦东新区 @ 1990`.
    pub detail: String,
}

/// A repeated sentence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Boilerplate {
    /// The sentence, cut to 40 characters.
    pub text: String,
    pub records: u64,
}

/// What a free-text column says.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextReport {
    pub column: String,
    pub values: u64,
    /// Values naming at least one date.
    pub with_dates: u64,
    pub earliest: Option<String>,
    pub latest: Option<String>,
    /// Values naming a date after the reference date (impossible in data extracted then).
    pub after_reference: u64,
    /// Values naming a place that did not exist under that name at the date they name.
    pub anachronisms: u64,
    /// Values with letters but (almost) no Chinese characters, in a mostly Chinese column.
    pub not_chinese: u64,
    /// Values whose letters are mostly Chinese.
    pub chinese: u64,
    /// Years named, for a histogram.
    pub years: BTreeMap<String, u64>,
    pub boilerplate: Vec<Boilerplate>,
    /// Whether the boilerplate count hit its cap ([`MAX_SENTENCES`]).
    pub sentences_capped: bool,
    pub examples: Vec<TextExample>,
}

/// Mergeable accumulator for one free-text column.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextStats {
    values: u64,
    with_dates: u64,
    earliest: Option<TextDate>,
    latest: Option<TextDate>,
    after_reference: u64,
    anachronisms: u64,
    not_chinese: u64,
    chinese: u64,
    years: BTreeMap<i32, u64>,
    /// sentence hash → (records, first example cut to 40 chars)
    sentences: HashMap<u64, (u64, String)>,
    capped: bool,
    examples: Vec<TextExample>,
}

fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split(['。', '！', '？', '；', '\n', '!', '?', ';'])
        .map(str::trim)
        .filter(|s| s.chars().count() >= 6)
}

/// What one value showed that deserves a flag on its row.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TextFindings {
    /// It names a date after the reference date.
    pub late: bool,
    /// It names a place that did not exist under that name at the date it names.
    pub anachronism: bool,
}

impl TextStats {
    /// Adds one non-empty value of record `row`.
    pub fn add(&mut self, row: u64, text: &str, reference: Date) -> TextFindings {
        let mut found = TextFindings::default();
        let text = match text.char_indices().nth(MAX_TEXT_CHARS) {
            Some((cut, _)) => &text[..cut],
            None => text,
        };
        self.values += 1;
        let dates = extract_dates(text);
        if !dates.is_empty() {
            self.with_dates += 1;
        }
        let mut late = false;
        for &d in &dates {
            self.earliest = Some(self.earliest.map_or(d, |e| e.min(d)));
            self.latest = Some(self.latest.map_or(d, |e| e.max(d)));
            *self.years.entry(d.year()).or_default() += 1;
            let after = match d {
                TextDate::Day(x) => x > reference,
                TextDate::Month { year, month } => {
                    (year, month) > (reference.year, reference.month)
                }
            };
            if after && !late {
                late = true;
                found.late = true;
                self.after_reference += 1;
                self.example(row, "date_after_reference", fmt_date(d));
            }
        }
        // The text's own date: the earliest it names (an incident before later follow-ups).
        if let Some(first) = dates.iter().min() {
            let places = extract_places(text);
            if let Some(p) = anachronisms(&places, first.year()).first() {
                self.anachronisms += 1;
                found.anachronism = true;
                self.example(
                    row,
                    "place_did_not_exist_then",
                    format!("{} @ {}", p.name, first.year()),
                );
            }
        }
        let letters = text.chars().filter(|c| c.is_alphabetic()).count();
        let han = text.chars().filter(|&c| is_han(c)).count();
        if letters > 0 {
            if han * 10 >= letters * 5 {
                self.chinese += 1;
            } else if han * 10 < letters {
                self.not_chinese += 1;
            }
        }
        let mut seen_here = Vec::new();
        for s in sentences(text) {
            let mut h = std::hash::DefaultHasher::new();
            s.hash(&mut h);
            let k = h.finish();
            if seen_here.contains(&k) {
                continue;
            }
            seen_here.push(k);
            if let Some(e) = self.sentences.get_mut(&k) {
                e.0 += 1;
            } else if self.sentences.len() < MAX_SENTENCES {
                self.sentences.insert(k, (1, cut(s)));
            } else {
                self.capped = true;
            }
        }
        found
    }

    fn example(&mut self, row: u64, reason: &str, detail: String) {
        if self.examples.len() < MAX_EXAMPLES {
            self.examples.push(TextExample {
                row,
                reason: reason.to_owned(),
                detail,
            });
        }
    }

    /// Adds `by` to the row numbers of the examples (see `Accumulator::shift_rows`).
    pub fn shift_rows(&mut self, by: u64) {
        for e in &mut self.examples {
            e.row += by;
        }
    }

    /// Merges the accumulator of the records that directly follow this one's.
    pub fn merge(&mut self, o: TextStats) {
        self.values += o.values;
        self.with_dates += o.with_dates;
        self.earliest = match (self.earliest, o.earliest) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        self.latest = match (self.latest, o.latest) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        self.after_reference += o.after_reference;
        self.anachronisms += o.anachronisms;
        self.not_chinese += o.not_chinese;
        self.chinese += o.chinese;
        for (y, n) in o.years {
            *self.years.entry(y).or_default() += n;
        }
        // Keep the earlier half's first example of each sentence, as one pass would.
        let mut incoming: Vec<(u64, (u64, String))> = o.sentences.into_iter().collect();
        incoming.sort_by_key(|e| e.0);
        for (k, (n, ex)) in incoming {
            if let Some(e) = self.sentences.get_mut(&k) {
                e.0 += n;
            } else if self.sentences.len() < MAX_SENTENCES {
                self.sentences.insert(k, (n, ex));
            } else {
                self.capped = true;
            }
        }
        self.capped |= o.capped;
        let room = MAX_EXAMPLES.saturating_sub(self.examples.len());
        self.examples.extend(o.examples.into_iter().take(room));
    }

    pub fn finish(self, column: &str) -> TextReport {
        let mut boilerplate: Vec<Boilerplate> = self
            .sentences
            .into_values()
            .filter(|(n, _)| *n >= BOILERPLATE_MIN)
            .map(|(records, text)| Boilerplate { text, records })
            .collect();
        boilerplate.sort_by(|a, b| b.records.cmp(&a.records).then(a.text.cmp(&b.text)));
        boilerplate.truncate(10);
        // "Not Chinese" matters only in a mostly Chinese column.
        let not_chinese = if self.chinese * 2 >= self.values {
            self.not_chinese
        } else {
            0
        };
        TextReport {
            column: column.to_owned(),
            values: self.values,
            with_dates: self.with_dates,
            earliest: self.earliest.map(fmt_date),
            latest: self.latest.map(fmt_date),
            after_reference: self.after_reference,
            anachronisms: self.anachronisms,
            not_chinese,
            chinese: self.chinese,
            years: self
                .years
                .into_iter()
                .map(|(y, n)| (y.to_string(), n))
                .collect(),
            boilerplate,
            sentences_capped: self.capped,
            examples: self.examples,
        }
    }
}

fn fmt_date(d: TextDate) -> String {
    match d {
        TextDate::Day(d) => d.to_string(),
        TextDate::Month { year, month } => format!("{year:04}-{month:02}"),
    }
}

fn cut(s: &str) -> String {
    let t: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        format!("{t}…")
    } else {
        mask::truncate(&t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, day: u8) -> TextDate {
        TextDate::Day(Date::new(y, m, day).unwrap())
    }

    #[test]
    fn dates_in_every_notation() {
        let t = "2019年3月5日报警，二〇一八年十二月三十一日发生；另见2017-06-01、2016/7/8、2015.1.2 和 20140405。";
        assert_eq!(
            extract_dates(t),
            [
                d(2019, 3, 5),
                d(2018, 12, 31),
                d(2017, 6, 1),
                d(2016, 7, 8),
                d(2015, 1, 2),
                d(2014, 4, 5)
            ]
        );
        assert_eq!(
            extract_dates("2003年5月案发"),
            [TextDate::Month {
                year: 2003,
                month: 5
            }]
        );
    }

    #[test]
    fn only_the_head_of_a_huge_value_is_read() {
        let mut text = String::from("2019年3月5日报警。");
        text.push_str(&"字".repeat(MAX_TEXT_CHARS));
        text.push_str("2020年1月1日");
        let mut t = TextStats::default();
        t.add(1, &text, Date::new(2022, 1, 1).unwrap());
        let r = t.finish("c");
        assert_eq!(r.latest.as_deref(), Some("2019-03-05"));
    }

    #[test]
    fn numbers_are_not_dates() {
        // An ID number, a phone number, an impossible date, a year alone.
        let t = "身份证31010319900307123X，电话13800138000，2019-02-30，1999年。";
        assert_eq!(extract_dates(t), []);
    }

    #[test]
    fn places_and_anachronisms() {
        let places = extract_places("上海市浦东新区张江镇，原南汇县惠南镇，及卢湾区淮海中路");
        let names: Vec<&str> = places.iter().map(|p| p.name.as_str()).collect();
        assert!(names.contains(&"浦东新区"), "{names:?}");
        assert!(names.contains(&"南汇县"), "{names:?}");
        assert!(names.contains(&"卢湾区"), "{names:?}");
        // 浦东新区 did not exist in 1990; 卢湾区 did not exist any more in 2015.
        let bad90: Vec<&str> = anachronisms(&places, 1990)
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        assert!(bad90.contains(&"浦东新区"), "{bad90:?}");
        assert!(!bad90.contains(&"卢湾区"));
        let bad15: Vec<&str> = anachronisms(&places, 2015)
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        assert!(
            bad15.contains(&"卢湾区") && bad15.contains(&"南汇县"),
            "{bad15:?}"
        );
        assert!(!bad15.contains(&"浦东新区"));
        // A street named after a city is not the city.
        assert!(extract_places("中山路5号")
            .iter()
            .all(|p| p.name != "中山市"));
    }

    #[test]
    fn accumulator_counts_and_merges() {
        let reference = Date::new(2019, 12, 31).unwrap();
        let texts = [
            "1990年5月1日在浦东新区发生盗窃。报警人称钱包被盗。",
            "2005年3月2日卢湾区发生纠纷。报警人称钱包被盗。",
            "2021年1月1日报警。报警人称钱包被盗。",
            "The suspect fled on foot near the station.",
            "2010年在闵行区。",
        ];
        let mut one = TextStats::default();
        for (i, t) in texts.iter().enumerate() {
            one.add(i as u64 + 1, t, reference);
        }
        let (mut a, mut b) = (TextStats::default(), TextStats::default());
        for (i, t) in texts.iter().enumerate() {
            let acc = if i < 2 { &mut a } else { &mut b };
            acc.add(i as u64 + 1, t, reference);
        }
        a.merge(b);
        assert_eq!(a, one);
        let r = one.finish("简要案情");
        assert_eq!(r.values, 5);
        assert_eq!(r.with_dates, 3, "a year alone is not a date");
        assert_eq!(r.earliest.as_deref(), Some("1990-05-01"));
        assert_eq!(r.latest.as_deref(), Some("2021-01-01"));
        assert_eq!(r.after_reference, 1);
        assert_eq!(r.anachronisms, 1);
        assert_eq!(
            r.examples
                .iter()
                .find(|e| e.reason == "place_did_not_exist_then")
                .unwrap()
                .detail,
            "浦东新区 @ 1990"
        );
        assert_eq!(r.not_chinese, 1);
        assert_eq!(
            r.boilerplate,
            [Boilerplate {
                text: "报警人称钱包被盗".into(),
                records: 3
            }]
        );
    }
}
