//! A deterministic generator of synthetic samples for the assessment tests: genuine-like
//! registers and fabricated ones of several kinds. No real person's data: every value is drawn
//! from a seeded RNG over the reference tables.

#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::OnceLock;
use veracity::civil::{days_in_month, Date};
use veracity::refdata::population::{census_2020, PROVINCES};
use veracity::refdata::regions::{self, RegionLevel};
use veracity::refdata::{phone_blocks, phones};
use veracity::validate::cn_ric::make_ric;

pub const REFERENCE: (i32, u8, u8) = (2022, 7, 1);

pub fn reference() -> Date {
    Date::new(REFERENCE.0, REFERENCE.1, REFERENCE.2).unwrap()
}

/// SplitMix64.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5851_f42d_4c95_7f2d)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    pub fn f(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.f() * n as f64) as usize % n.max(1)
    }
    pub fn chance(&mut self, p: f64) -> bool {
        self.f() < p
    }
    pub fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
    /// An index drawn with the given weights.
    pub fn weighted(&mut self, w: &[f64]) -> usize {
        let total: f64 = w.iter().sum();
        let mut x = self.f() * total;
        for (i, &wi) in w.iter().enumerate() {
            if x < wi {
                return i;
            }
            x -= wi;
        }
        w.len() - 1
    }
}

/// Reference tables the generator draws from.
pub struct Tables {
    /// Per province (order of PROVINCES): county codes in force today.
    pub current: Vec<Vec<u32>>,
    /// Per province: abolished county codes with their last year.
    pub abolished: Vec<Vec<(u32, u16)>>,
    /// Surnames ranked 1–100 (rank order) and the other known single-character ones.
    pub top100: Vec<&'static str>,
    pub others: Vec<&'static str>,
    pub compound: Vec<&'static str>,
    /// Allocated mobile prefixes (3 digits).
    pub prefixes: Vec<String>,
    /// Synthetic age weights (single years 0–104), census-band shaped.
    pub age_weights: Vec<f64>,
    /// Per comparable city code: the located mobile blocks with a 13x, 15x or 18x prefix
    /// (start, end) and their total count.
    pub city_blocks: HashMap<u32, (Vec<(u32, u32)>, u32)>,
}

pub fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let mut current = vec![Vec::new(); 31];
        let mut abolished = vec![Vec::new(); 31];
        for (i, &p) in PROVINCES.iter().enumerate() {
            for code in p + 101..p + 9_999 {
                if regions::region(code).is_none() || regions::level(code) != RegionLevel::County {
                    continue;
                }
                match regions::region_end(code) {
                    None => current[i].push(code),
                    Some(e) => abolished[i].push((code, e)),
                }
            }
        }
        let text = include_str!("../../data/surnames.tsv");
        let mut ranked: Vec<(u8, &'static str)> = Vec::new();
        let mut others = Vec::new();
        let mut compound = Vec::new();
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let f: Vec<&'static str> = line.split('\t').collect();
            let (Some(&s), Some(&rank)) = (f.first(), f.get(3)) else {
                continue;
            };
            match rank.parse::<u8>() {
                Ok(r) => ranked.push((r, s)),
                Err(_) if s.chars().count() == 2 => compound.push(s),
                Err(_) => others.push(s),
            }
        }
        ranked.sort();
        let prefixes = phones::mobile_prefixes()
            .iter()
            .filter(|p| p.prefix.len() == 3)
            .map(|p| p.prefix.to_string())
            .collect();
        let mut city_blocks: HashMap<u32, (Vec<(u32, u32)>, u32)> = HashMap::new();
        for (start, end, city) in phone_blocks::located_runs() {
            let old = matches!(start / 100_000, 13 | 15 | 18);
            if old && phones::mobile_prefix(&format!("{start}0000")).is_some() {
                let e = city_blocks
                    .entry(phone_blocks::comparable_city(city))
                    .or_default();
                e.0.push((start, end));
                e.1 += end - start;
            }
        }
        // A smooth, synthetic pyramid matching the four census bands.
        let bands = census_2020().age_shares();
        let mut w = vec![0.0; 105];
        let shape = |a: usize| -> f64 {
            match a {
                20..=24 => 0.8,
                30..=34 => 1.3,
                40..=44 => 0.95,
                45..=54 => 1.25,
                65..=104 => 0.92f64.powi(a as i32 - 65),
                _ => 1.0,
            }
        };
        for (band, range) in [(0usize, 0..15usize), (1, 15..60), (2, 60..65), (3, 65..105)] {
            let total: f64 = range.clone().map(shape).sum();
            for a in range {
                w[a] = bands[band] * shape(a) / total;
            }
        }
        Tables {
            current,
            abolished,
            top100: ranked.into_iter().map(|x| x.1).collect(),
            others,
            compound,
            prefixes,
            age_weights: w,
            city_blocks,
        }
    })
}

const NEUTRAL: &[char] = &[
    '明', '华', '文', '建', '国', '春', '海', '晓', '志', '永', '金', '玉', '新', '长', '立', '德',
    '成', '思', '宇', '天', '佳', '嘉', '子', '一', '欣', '雨', '晨', '安', '家', '光', '荣', '清',
    '林', '云', '平', '红', '英', '秋', '东', '小', '宏', '洪', '庆', '昌', '俊', '书', '学', '世',
];
const FEMALE: &[char] = &[
    '芳', '娟', '婷', '丽', '秀', '霞', '燕', '玲', '娜', '静', '敏', '艳', '萍', '梅', '琳',
];
const MALE: &[char] = &[
    '伟', '强', '军', '勇', '杰', '涛', '斌', '超', '刚', '辉', '鹏', '飞', '鑫', '浩', '磊',
];
const STREETS: &[&str] = &[
    "人民路",
    "解放路",
    "建设路",
    "中山路",
    "和平街",
    "新华路",
    "光明路",
    "胜利街",
];

/// One person.
#[derive(Clone, Debug)]
pub struct Person {
    pub name: String,
    pub id: String,
    pub male: bool,
    pub birth: Date,
    pub phone: String,
    pub address: String,
    /// Written as `男`/`女` or another coding.
    pub sex_text: String,
}

pub fn date_for_age(rng: &mut Rng, age: u32) -> Date {
    let r = reference();
    let year = r.year - age as i32 - i32::from(rng.chance(0.5));
    let month = 1 + rng.below(12) as u8;
    let day = 1 + rng.below(usize::from(days_in_month(year, month))) as u8;
    let d = Date::new(year, month, day).unwrap();
    if d > r {
        Date::new(year - 1, month, day.min(28)).unwrap()
    } else {
        d
    }
}

fn seq(rng: &mut Rng, male: bool) -> u16 {
    let s = rng.below(500) as u16 * 2;
    if male {
        s + 1
    } else {
        s
    }
}

/// A genuine-like surname (rank-frequency from the published aggregates).
pub fn genuine_surname(rng: &mut Rng) -> &'static str {
    let t = tables();
    let x = rng.f();
    if x < 0.308 {
        // 王 李 张 刘 陈 with their relative weights (7.25, 7.19, 6.83, ~5.4, ~4.1).
        t.top100[rng.weighted(&[7.25, 7.19, 6.83, 5.4, 4.1])]
    } else if x < 0.859 {
        let w: Vec<f64> = (5..t.top100.len())
            .map(|r| 1.0 / (r as f64 + 1.0))
            .collect();
        t.top100[5 + rng.weighted(&w)]
    } else if x < 0.862 {
        t.compound[rng.below(t.compound.len())]
    } else {
        t.others[rng.below(t.others.len())]
    }
}

fn given_name(rng: &mut Rng, male: bool, consistent: bool) -> String {
    let len = if rng.chance(0.3) { 1 } else { 2 };
    let mut s = String::new();
    for i in 0..len {
        if i == len - 1 && rng.chance(0.35) {
            let own = if male { MALE } else { FEMALE };
            let other = if male { FEMALE } else { MALE };
            let list = if consistent || rng.chance(0.5) {
                own
            } else {
                other
            };
            s.push(*rng.pick(list));
        } else {
            s.push(*rng.pick(NEUTRAL));
        }
    }
    s
}

fn phone(rng: &mut Rng, old_prefixes: bool) -> String {
    let t = tables();
    let prefix = if old_prefixes && rng.chance(0.8) {
        format!("1{}{}", rng.pick(&[3, 5, 8]), rng.below(10))
    } else {
        rng.pick(&t.prefixes).clone()
    };
    let p = if phones::mobile_prefix(&format!("{prefix}00000")).is_some() {
        prefix
    } else {
        "138".to_owned()
    };
    format!("{p}{:08}", rng.next() % 100_000_000)
}

/// A number from a block allocated to the city of `code` (13x, 15x, 18x), if any is located.
fn phone_from_city(rng: &mut Rng, code: u32) -> Option<String> {
    let (runs, total) = tables()
        .city_blocks
        .get(&phone_blocks::comparable_city(code))?;
    let mut k = rng.below(*total as usize) as u32;
    for &(start, end) in runs {
        if k < end - start {
            return Some(format!("{}{:04}", start + k, rng.below(10_000)));
        }
        k -= end - start;
    }
    None
}

/// A genuine-like number for someone living in `home`: `drawn` (the number drawn as before,
/// from anywhere) is replaced, when it has one of the older prefixes (13x, 15x, 18x), by a
/// number of the home city's blocks with probability 0.8; the others stand for people who moved,
/// kept another number or use a newer prefix. `prng` is a stream of its own, so the rest of the
/// sample is the same as before phones followed the home city.
fn home_phone(prng: &mut Rng, drawn: String, home: u32) -> String {
    let old = matches!(drawn.get(..2), Some("13" | "15" | "18"));
    if old && prng.chance(0.8) {
        if let Some(p) = phone_from_city(prng, home) {
            return p;
        }
    }
    drawn
}

fn address_for(rng: &mut Rng, code: u32) -> String {
    let prov = regions::province_name(code).unwrap_or("");
    let pref = regions::prefecture_name(code).unwrap_or("");
    let county = regions::latest_name(code).unwrap_or("");
    format!(
        "{prov}{pref}{county}{}{}号",
        rng.pick(STREETS),
        1 + rng.below(300)
    )
}

fn current_code(rng: &mut Rng, prov: usize) -> u32 {
    *rng.pick(&tables().current[prov])
}

/// A genuine-like code for someone born in `year`: sometimes a code abolished since, valid at
/// the likely issue year.
fn genuine_code(rng: &mut Rng, prov: usize, year: i32) -> u32 {
    let issued = year.max(1985);
    let share = census_2020().abolished_share_for(issued) * 0.6;
    if rng.chance(share) {
        let options: Vec<u32> = tables().abolished[prov]
            .iter()
            .filter(|(_, e)| i32::from(*e) + 1 >= year && i32::from(*e) >= issued - 10)
            .map(|x| x.0)
            .collect();
        if !options.is_empty() {
            return *rng.pick(&options);
        }
    }
    current_code(rng, prov)
}

fn province_by_population(rng: &mut Rng) -> usize {
    rng.weighted(&census_2020().province_shares())
}

/// A genuine-like register: population-shaped, households, noise.
pub fn genuine(seed: u64, n: usize) -> Vec<Person> {
    let mut rng = Rng::new(seed);
    let mut prng = Rng::new(seed ^ 0x5048_4f4e_4543_4954);
    let t = tables();
    let mut out: Vec<Person> = Vec::with_capacity(n);
    while out.len() < n {
        // A household of 1–4 people sharing an address.
        let prov = province_by_population(&mut rng);
        let head_age = 25 + rng.below(50) as u32;
        let surname = genuine_surname(&mut rng);
        let size = 1 + rng.weighted(&[0.3, 0.3, 0.25, 0.15]);
        let home_code = current_code(&mut rng, prov);
        let address = address_for(&mut rng, home_code);
        for k in 0..size {
            if out.len() >= n {
                break;
            }
            let age = match k {
                0 => head_age,
                1 => (head_age as i32 + rng.below(7) as i32 - 3).max(18) as u32,
                _ => {
                    // A child, or (in single households) anyone drawn from the pyramid.
                    let a = head_age.saturating_sub(22 + rng.below(12) as u32);
                    if a > 0 {
                        a
                    } else {
                        rng.weighted(&t.age_weights) as u32
                    }
                }
            };
            // Individuals drawn straight from the pyramid keep the overall shape right.
            let age = if k == 0 && size == 1 {
                rng.weighted(&t.age_weights) as u32
            } else {
                age
            };
            let male = if k == 1 {
                !out.last().is_some_and(|p| p.male)
            } else {
                rng.chance(105.07 / 205.07)
            };
            let birth = date_for_age(&mut rng, age);
            // Migrants hold an ID from another province.
            let id_prov = if rng.chance(0.15) {
                province_by_population(&mut rng)
            } else {
                prov
            };
            let code = genuine_code(&mut rng, id_prov, birth.year);
            let mut id = make_ric(code, birth, seq(&mut rng, male));
            if birth.year < 1982 && rng.chance(0.03) {
                // Legacy 15-digit number.
                id = format!("{}{}{}", &id[..6], &id[8..17], "");
            } else if id.ends_with('X') && rng.chance(0.2) {
                id = id.to_lowercase();
            }
            if rng.chance(0.003) {
                // A typo: one digit changed.
                let mut b = id.into_bytes();
                let pos = rng.below(b.len() - 1);
                b[pos] = b'0' + ((b[pos] - b'0' + 1 + rng.below(9) as u8) % 10);
                id = String::from_utf8(b).unwrap();
            }
            let phone_p = if age < 16 || (age > 75 && rng.chance(0.4)) || rng.chance(0.08) {
                String::new()
            } else {
                let drawn = phone(&mut rng, true);
                home_phone(&mut prng, drawn, home_code)
            };
            let name = if k >= 2 || k == 0 {
                format!("{surname}{}", given_name(&mut rng, male, true))
            } else {
                format!(
                    "{}{}",
                    genuine_surname(&mut rng),
                    given_name(&mut rng, male, true)
                )
            };
            let name = if rng.chance(0.005) {
                String::new()
            } else {
                name
            };
            let sex_text = if rng.chance(0.05) {
                if male {
                    "M"
                } else {
                    "F"
                }
            } else if male {
                "男"
            } else {
                "女"
            };
            out.push(Person {
                name,
                id,
                male,
                birth,
                phone: phone_p,
                address: address.clone(),
                sex_text: sex_text.into(),
            });
        }
        if rng.chance(0.005) {
            if let Some(p) = out.last().cloned() {
                if out.len() < n {
                    out.push(p);
                }
            }
        }
    }
    out
}

/// How a fabricated sample was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fake {
    /// Random digits everywhere.
    RandomDigits,
    /// Like a fake-data library: valid check digits, uniform adult ages, uniform provinces and
    /// surnames, names independent of sex, addresses independent of the ID, no noise.
    FakerLike,
    /// A careful script: valid everything, population-weighted current codes, census-like
    /// adult ages, rank-frequency surnames, consistent columns, but no abolished codes, no
    /// children, no noise, no households.
    Careful,
}

pub fn fabricated(kind: Fake, seed: u64, n: usize) -> Vec<Person> {
    let mut rng = Rng::new(seed.wrapping_mul(31).wrapping_add(kind as u64 + 7));
    let t = tables();
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let p = match kind {
            Fake::RandomDigits => {
                let mut id: String = (0..17)
                    .map(|_| char::from(b'0' + rng.below(10) as u8))
                    .collect();
                id.push(*rng.pick(&['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X']));
                let male = rng.chance(0.5);
                let birth = Date::new(
                    1950 + rng.below(60) as i32,
                    1 + rng.below(12) as u8,
                    1 + rng.below(28) as u8,
                )
                .unwrap();
                let all: Vec<&str> = t.top100.iter().chain(&t.others).copied().collect();
                Person {
                    name: format!("{}{}", rng.pick(&all), given_name(&mut rng, male, false)),
                    id,
                    male,
                    birth,
                    phone: format!("1{:010}", rng.next() % 10_000_000_000),
                    address: {
                        let prov = rng.below(31);
                        let code = current_code(&mut rng, prov);
                        address_for(&mut rng, code)
                    },
                    sex_text: if male { "男" } else { "女" }.into(),
                }
            }
            Fake::FakerLike => {
                let prov = rng.below(31);
                let code = current_code(&mut rng, prov);
                let age = 18 + rng.below(63) as u32;
                let birth = date_for_age(&mut rng, age);
                let male = rng.chance(0.5);
                let all: Vec<&str> = t
                    .top100
                    .iter()
                    .chain(&t.others)
                    .chain(&t.compound)
                    .copied()
                    .collect();
                let addr_prov = rng.below(31);
                let addr_code = current_code(&mut rng, addr_prov);
                let name_male = rng.chance(0.5);
                Person {
                    name: format!(
                        "{}{}",
                        rng.pick(&all),
                        given_name(&mut rng, name_male, true)
                    ),
                    id: make_ric(code, birth, seq(&mut rng, male)),
                    male,
                    birth,
                    phone: phone(&mut rng, false),
                    address: address_for(&mut rng, addr_code),
                    sex_text: if male { "男" } else { "女" }.into(),
                }
            }
            Fake::Careful => {
                let prov = province_by_population(&mut rng);
                let code = current_code(&mut rng, prov);
                let age = loop {
                    let a = rng.weighted(&t.age_weights) as u32;
                    if a >= 18 {
                        break a;
                    }
                };
                let birth = date_for_age(&mut rng, age);
                let male = rng.chance(105.07 / 205.07);
                Person {
                    name: format!(
                        "{}{}",
                        genuine_surname(&mut rng),
                        given_name(&mut rng, male, true)
                    ),
                    id: make_ric(code, birth, seq(&mut rng, male)),
                    male,
                    birth,
                    phone: phone(&mut rng, true),
                    address: address_for(&mut rng, code),
                    sex_text: if male { "男" } else { "女" }.into(),
                }
            }
        };
        out.push(p);
    }
    out
}

/// `n` rows: genuine-like with a share `frac` of `kind` rows spliced in at random positions.
/// Returns the people and the 1-based row numbers of the spliced rows.
pub fn spliced(kind: Fake, seed: u64, n: usize, frac: f64) -> (Vec<Person>, Vec<u64>) {
    let k = (n as f64 * frac).round() as usize;
    let mut base = genuine(seed, n - k);
    let fakes = fabricated(kind, seed ^ 0xfeed, k);
    let mut rng = Rng::new(seed ^ 0xabc);
    for f in fakes {
        let at = rng.below(base.len() + 1);
        base.insert(at, f);
        // Mark by a sentinel in sex_text; cleaned below.
        base[at].sex_text.push('\u{0}');
    }
    let mut rows = Vec::new();
    for (i, p) in base.iter_mut().enumerate() {
        if p.sex_text.ends_with('\u{0}') {
            p.sex_text.pop();
            rows.push(i as u64 + 1);
        }
    }
    (base, rows)
}

/// The CSV the tests feed to `verify`.
pub fn csv(people: &[Person]) -> String {
    let mut s = String::from("姓名,身份证号,性别,出生日期,手机号,地址\n");
    for p in people {
        s.push_str(&format!(
            "{},{},{},{},{},{}\n",
            p.name, p.id, p.sex_text, p.birth, p.phone, p.address
        ));
    }
    s
}

/// Samples made by Python `faker` (zh_CN) with `tests/eval/faker_samples.py`: files
/// `<variant>_<rows>_<seed>.csv` in `dir`, the same column layout as [`csv`] for the `derived`
/// and `independent` variants.
pub struct FakerSamples {
    pub dir: std::path::PathBuf,
}

impl FakerSamples {
    /// The directory named by `VERACITY_FAKER_DIR` (made by `scripts/eval.sh`), if set.
    pub fn from_env() -> Option<FakerSamples> {
        let dir = std::path::PathBuf::from(std::env::var_os("VERACITY_FAKER_DIR")?);
        dir.is_dir().then_some(FakerSamples { dir })
    }

    /// The small committed set: 3 seeds (1000–1002) × 1,000 rows of each variant.
    pub fn fixtures() -> FakerSamples {
        FakerSamples {
            dir: std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/faker"),
        }
    }

    /// The header and data lines of `variant` for `seed`, from the file of that seed with the
    /// most rows; `None` when there is no such file.
    pub fn lines(&self, variant: &str, seed: u64) -> Option<(String, Vec<String>)> {
        let prefix = format!("{variant}_");
        let suffix = format!("_{seed}.csv");
        let mut best: Option<(usize, std::path::PathBuf)> = None;
        for e in std::fs::read_dir(&self.dir).ok()?.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let Some(rows) = name
                .strip_prefix(&prefix)
                .and_then(|r| r.strip_suffix(&suffix))
                .and_then(|r| r.parse::<usize>().ok())
            else {
                continue;
            };
            if best.as_ref().is_none_or(|b| rows > b.0) {
                best = Some((rows, e.path()));
            }
        }
        let text = std::fs::read_to_string(best?.1).ok()?;
        let mut it = text.lines().map(str::to_owned);
        let header = it.next()?;
        Some((header, it.collect()))
    }

    /// The first `n` rows of `variant` for `seed` as CSV text (`None` if fewer exist).
    pub fn sample(&self, variant: &str, seed: u64, n: usize) -> Option<String> {
        let (header, lines) = self.lines(variant, seed)?;
        if lines.len() < n {
            return None;
        }
        let mut s = header;
        s.push('\n');
        for l in &lines[..n] {
            s.push_str(l);
            s.push('\n');
        }
        Some(s)
    }

    /// `n` rows: a genuine-like sample with a share `frac` of faker `derived` rows (the last
    /// rows of the seed's file) inserted at random positions. Returns the CSV text and the
    /// 1-based row numbers of the faker rows.
    pub fn spliced(&self, seed: u64, n: usize, frac: f64) -> Option<(String, Vec<u64>)> {
        let k = (n as f64 * frac).round() as usize;
        let (header, lines) = self.lines("derived", seed)?;
        if header != csv(&[]).trim_end() || lines.len() < k {
            return None;
        }
        let base = csv(&genuine(seed, n - k));
        let mut rows: Vec<(String, bool)> = base
            .lines()
            .skip(1)
            .map(|l| (l.to_owned(), false))
            .collect();
        let mut rng = Rng::new(seed ^ 0xfa4e);
        for l in &lines[lines.len() - k..] {
            let at = rng.below(rows.len() + 1);
            rows.insert(at, (l.clone(), true));
        }
        let mut s = header;
        s.push('\n');
        let mut truth = Vec::new();
        for (i, (l, fake)) in rows.iter().enumerate() {
            s.push_str(l);
            s.push('\n');
            if *fake {
                truth.push(i as u64 + 1);
            }
        }
        Some((s, truth))
    }
}

/// The report of one streaming session over `bytes`, fed in chunks of the given sizes (cycled),
/// planning from its first `head` bytes, its part handed over as bytes like a worker's (JSON).
pub fn streamed(
    bytes: &[u8],
    o: &veracity::Options,
    sizes: &[usize],
    head: usize,
) -> Result<String, veracity::Error> {
    streamed_with(bytes, o, sizes, head, |_| {})
}

/// [`streamed`] with the session set up by `setup` before it is fed.
pub fn streamed_with(
    bytes: &[u8],
    o: &veracity::Options,
    sizes: &[usize],
    head: usize,
    setup: impl FnOnce(&mut veracity::stream::Session),
) -> Result<String, veracity::Error> {
    use veracity::stream::{self, Part, Session};
    let mut s = Session::whole_with_head(o, Some(bytes.len() as u64), head)?;
    setup(&mut s);
    let mut at = 0;
    let mut k = 0;
    while at < bytes.len() {
        let n = sizes[k % sizes.len()].max(1).min(bytes.len() - at);
        s.feed(&bytes[at..at + n])?;
        at += n;
        k += 1;
    }
    let part = Part::from_bytes(&s.finish_part()?.to_bytes()?)?;
    stream::finish_report(part, None).map(|r| serde_json::to_string(&r).unwrap())
}

/// The report of `n` range sessions over `bytes` (even nominal ranges), each planning from the
/// first `head` bytes and fed in chunks of `chunk` bytes from its nominal start until done,
/// their parts merged through bytes, with the input's SHA-256 (JSON).
pub fn ranged(
    bytes: &[u8],
    o: &veracity::Options,
    n: usize,
    chunk: usize,
    head: usize,
) -> Result<String, veracity::Error> {
    use veracity::stream::{self, Part, Session, Sha256Stream};
    let total = bytes.len() as u64;
    let head = &bytes[..head.min(bytes.len())];
    let mut parts = Vec::new();
    for k in 0..n {
        let start = total * k as u64 / n as u64;
        let end = total * (k as u64 + 1) / n as u64;
        let mut s = Session::range(head, o, start..end, total)?;
        let mut at = start as usize;
        while at < bytes.len() {
            let m = chunk.max(1).min(bytes.len() - at);
            let fed = s.feed(&bytes[at..at + m])?;
            at += m;
            if fed.done {
                break;
            }
        }
        parts.push(Part::from_bytes(&s.finish_part()?.to_bytes()?)?);
    }
    let merged = Part::from_bytes(&stream::merge_parts(parts)?.to_bytes()?)?;
    let mut h = Sha256Stream::new();
    for c in bytes.chunks(1000) {
        h.update(c);
    }
    stream::finish_report(merged, Some(h.hex())).map(|r| serde_json::to_string(&r).unwrap())
}

// Shared by the streaming tests (JSON Lines, JSON arrays, search responses).

/// The options the streaming tests run with: the fixed reference date.
pub fn opts() -> veracity::Options {
    veracity::Options {
        reference_date: Some(reference()),
        ..veracity::Options::default()
    }
}

/// A JSON string literal.
pub fn json_str(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

/// The one-pass report (`analysis::verify`, the whole input read at once) with [`opts`], as
/// JSON.
pub fn one_pass(bytes: &[u8]) -> String {
    serde_json::to_string(&veracity::analysis::verify(bytes, &opts()).unwrap()).unwrap()
}

/// One streaming session with [`opts`] ([`streamed`]); on `Error::ReadWhole`, the input read
/// again whole, as the CLI does.
pub fn streamed_or_whole(bytes: &[u8], sizes: &[usize], head: usize) -> String {
    match streamed(bytes, &opts(), sizes, head) {
        Err(veracity::Error::ReadWhole(_)) => {
            streamed(bytes, &opts(), &[usize::MAX], usize::MAX).unwrap()
        }
        r => r.unwrap(),
    }
}

/// 50 chunk sizes drawn from `seed`: a quarter each up to 16 bytes, 4 KiB, 64 KiB and 200 KB.
pub fn chunk_sizes(seed: u64) -> Vec<usize> {
    let mut rng = Rng::new(seed);
    (0..50)
        .map(|_| match rng.below(4) {
            0 => 1 + rng.below(16),
            1 => 1 + rng.below(4096),
            2 => 1 + rng.below(65_536),
            _ => 1 + rng.below(200_000),
        })
        .collect()
}

/// `bytes` streamed in several chunkings and heads ([`streamed_or_whole`]) gives the one-pass
/// report; returned.
pub fn same_as_one_pass(name: &str, bytes: &[u8]) -> veracity::report::Report {
    let expected = one_pass(bytes);
    for (sizes, head) in [
        (vec![usize::MAX], veracity::stream::HEAD_BYTES),
        (vec![4096], 64 << 10),
        (vec![1, 7, 65_537, 300], 64 << 10),
        (vec![1 << 20], veracity::stream::HEAD_BYTES),
    ] {
        assert_eq!(
            streamed_or_whole(bytes, &sizes, head),
            expected,
            "{name}: {sizes:?}, head {head}"
        );
    }
    serde_json::from_str(&expected).unwrap()
}

// Shared by the search-response tests (one response, JSON Lines of responses).

/// A person as an Elasticsearch hit's `_source`: the six columns of [`csv`].
pub fn es_source(p: &Person) -> serde_json::Value {
    serde_json::json!({"姓名": p.name, "身份证号": p.id, "性别": p.sex_text,
        "出生日期": p.birth.to_string(), "手机号": p.phone, "地址": p.address})
}

/// A search hit with `source` as its `_source`, compact JSON.
pub fn es_hit(id: usize, source: serde_json::Value) -> String {
    serde_json::json!({"_index": "people", "_type": "_doc", "_id": id.to_string(),
        "_score": 1.0, "_source": source})
    .to_string()
}

/// Whether one session over `bytes` (chunks of 64 KiB) counts rows while bytes still come:
/// streamed, not held to the end.
pub fn rows_while_streaming(bytes: &[u8]) -> bool {
    rows_while_streaming_from(bytes, veracity::stream::HEAD_BYTES)
}

/// [`rows_while_streaming`] with the session planned from a head of `head` bytes.
pub fn rows_while_streaming_from(bytes: &[u8], head: usize) -> bool {
    let total = Some(bytes.len() as u64);
    let mut s = veracity::stream::Session::whole_with_head(&opts(), total, head).unwrap();
    let mut before_end = 0;
    for c in bytes.chunks(64 << 10) {
        let fed = s.feed(c).unwrap();
        if !fed.done {
            before_end = fed.rows;
        }
    }
    before_end > 0
}

/// `text` in UTF-16LE with its byte-order mark.
pub fn utf16le_with_bom(text: &str) -> Vec<u8> {
    [0xff, 0xfe]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect()
}

/// A format that streams in one range only (a JSON array, a search response, an SQL dump):
/// `bytes` in each chunking of `chunkings` (cycled sizes), planned from heads of 1 MiB and
/// 64 KiB, gives the report of one streaming pass; one range gives it too; 2, 3 and 7 ranges
/// are refused as not cuttable. Returns that report (JSON).
pub fn agree_one_range(name: &str, bytes: &[u8], chunkings: &[Vec<usize>]) -> String {
    use veracity::stream::HEAD_BYTES;
    let o = opts();
    let one = streamed(bytes, &o, &[usize::MAX], HEAD_BYTES).unwrap();
    for sizes in chunkings {
        for head in [HEAD_BYTES, 64 << 10] {
            assert_eq!(
                streamed(bytes, &o, sizes, head).as_ref(),
                Ok(&one),
                "{name}: chunks {:?}…, head {head}",
                &sizes[..sizes.len().min(3)]
            );
        }
    }
    assert_eq!(
        ranged(bytes, &o, 1, 70_000, HEAD_BYTES).as_ref(),
        Ok(&one),
        "{name}: one range"
    );
    for n in [2, 3, 7] {
        assert!(
            matches!(
                ranged(bytes, &o, n, 65_536, HEAD_BYTES),
                Err(veracity::Error::NotCuttable(_))
            ),
            "{name}: {n} ranges"
        );
    }
    one
}

/// The CLI (`cli`: `env!("CARGO_BIN_EXE_veracity")` of the test) run with `args` and the path
/// of a temporary file named `name` holding `bytes` (removed afterwards).
pub fn cli_on_file(cli: &str, args: &[&str], name: &str, bytes: &[u8]) -> std::process::Output {
    let dir = std::env::temp_dir().join(format!(
        "veracity-{}-{}",
        name.replace('.', "-"),
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new(cli)
        .args(args)
        .arg(&path)
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    out
}
