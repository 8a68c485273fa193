//! The authenticity assessment: does the sample, as a whole, look like real people?
//!
//! [`assess`] turns the whole-sample statistics ([`crate::stats::SampleStats`]) and the column
//! counts of the report into **signals** — each with a fixed id, a direction (`genuine`,
//! `fabricated`, `neutral`), a strength (`weak`, `moderate`, `strong`), its statistic, sample
//! size, p-value or interval, and a bilingual explanation — then into a **verdict** by a fixed,
//! documented rule (see [`verdict`]), and scores rows to find a minority of generated-looking
//! rows ([`mixture`]). Evidence, never proof.

pub mod mixture;
pub mod phone_city;
pub mod stats_tests;
pub mod texts;

use crate::civil::Date;
use crate::refdata::population::{self, census_2020};
use crate::report::{
    Assessment, ColumnReport, CrossCheck, IdentityInfo, Signal, SuspiciousRow, SuspiciousRows,
    Text, Verdict,
};
use crate::stats::{profile, SampleStats, OTHER_PROVINCE};
use stats_tests::{chi2_gof, poisson_cdf, wilson};

/// Below this many people, shape signals are not computed.
pub const MIN_SHAPE: u64 = 200;
/// At or below this many rows the verdict is `inconclusive` unless the evidence is strong.
pub const SMALL_SAMPLE: u64 = 200;
/// Below this many rows the row model and the noise signal are not computed.
pub const MIN_ROWS: u64 = 200;
/// Published share of the five commonest surnames (MPS 2019/2020 name reports).
pub const TOP5_SHARE: f64 = 0.308;
/// Published share of the 100 commonest surnames (MPS 2019).
pub const TOP100_SHARE: f64 = 0.859;
/// Factor by which the code-count expectation of abolished codes is discounted.
pub const ABOLISHED_DISCOUNT: f64 = 0.25;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    Weak = 1,
    Moderate = 2,
    Strong = 3,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Genuine,
    Fabricated,
    Neutral,
}

/// What the assessment needs besides the statistics.
pub struct Input<'a> {
    pub stats: &'a SampleStats,
    pub rows: u64,
    pub columns: &'a [ColumnReport],
    pub cross_checks: &'a [CrossCheck],
    pub normalizations: u64,
    pub identity: IdentityInfo,
    pub identity_column: Option<usize>,
    pub name_column: Option<usize>,
    pub address_column: Option<usize>,
    pub phone_column: Option<usize>,
    /// Phone city against address and ID city ([`phone_city`]).
    pub phone_city: &'a phone_city::PhoneCityStats,
    pub reference_date: Date,
    pub max_listed: usize,
}

fn pct(x: f64) -> String {
    format!("{:.1} %", x * 100.0)
}

/// A p-value for a finding's text, `= 1.9e-30` or, past what an `f64` holds, `< 1e-300`
/// (never the `= 0.0e0` that formatting an underflowed value would print).
fn p_is(p: f64) -> String {
    if p < 1e-300 {
        "< 1e-300".to_owned()
    } else {
        format!("= {p:.1e}")
    }
}

#[derive(Clone)]
struct Sig {
    s: Signal,
    dir: Direction,
    strength: Strength,
}

impl Sig {
    fn new(id: &str, statistic: &str, n: u64) -> Sig {
        let (en, zh) = texts::explanation(id);
        Sig {
            s: Signal {
                id: id.to_owned(),
                statistic: statistic.to_owned(),
                n,
                tested: true,
                explanation: Text {
                    en: en.to_owned(),
                    zh: zh.to_owned(),
                },
                ..Signal::default()
            },
            dir: Direction::Neutral,
            strength: Strength::Weak,
        }
    }
    fn untested(mut self, en: String, zh: String) -> Sig {
        self.s.tested = false;
        self.dir = Direction::Neutral;
        self.strength = Strength::Weak;
        self.s.finding = finding(en, zh);
        self
    }
    fn value(mut self, v: f64) -> Sig {
        self.s.value = v.is_finite().then_some(v);
        self
    }
    fn expected(mut self, v: f64) -> Sig {
        self.s.expected = v.is_finite().then_some(v);
        self
    }
    fn p(mut self, v: f64) -> Sig {
        self.s.p_value = v.is_finite().then_some(v);
        self
    }
    fn interval(mut self, (lo, hi): (f64, f64)) -> Sig {
        self.s.interval = Some([lo, hi]);
        self
    }
    fn says(mut self, dir: Direction, strength: Strength, en: String, zh: String) -> Sig {
        self.dir = dir;
        self.strength = strength;
        self.s.finding = finding(en, zh);
        self
    }
    fn done(mut self) -> (Signal, Direction, Strength) {
        self.s.direction = match self.dir {
            Direction::Genuine => "genuine",
            Direction::Fabricated => "fabricated",
            Direction::Neutral => "neutral",
        }
        .to_owned();
        self.s.strength = match self.strength {
            Strength::Weak => "weak",
            Strength::Moderate => "moderate",
            Strength::Strong => "strong",
        }
        .to_owned();
        (self.s, self.dir, self.strength)
    }
}

/// A finding's texts with their large whole numbers grouped in thousands.
fn finding(en: String, zh: String) -> Text {
    Text {
        en: group_thousands(&en),
        zh: group_thousands(&zh),
    }
}

/// `text` with every whole number of four digits or more written in thousands with commas
/// ("2229 of 750000" → "2,229 of 750,000"), as the page writes its own figures — but a
/// four-digit number from 1800 to 2100, which in a finding is a year ("the 2020 census", a
/// date), and the digits after a decimal point or inside a word. The findings' numbers are
/// counts, years and statistics; they hold no codes or identifiers (those appear in the flagged
/// rows, masked).
fn group_thousands(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len() + 8);
    let mut i = 0;
    while i < b.len() {
        let Some(&c) = b.get(i) else { break };
        if !c.is_ascii_digit() {
            let ch = text
                .get(i..)
                .and_then(|t| t.chars().next())
                .unwrap_or('\u{FFFD}');
            out.push(ch);
            i += ch.len_utf8().max(1);
            continue;
        }
        let end = b
            .get(i..)
            .and_then(|t| t.iter().position(|d| !d.is_ascii_digit()))
            .map_or(b.len(), |n| i + n);
        let run = text.get(i..end).unwrap_or("");
        let before = i.checked_sub(1).and_then(|j| b.get(j)).copied();
        let inside = before
            .is_some_and(|p| p == b'.' || p == b',' || p.is_ascii_alphabetic() || p == b'_')
            || b.get(end)
                .is_some_and(|n| n.is_ascii_alphabetic() || *n == b'_');
        let year = run.len() == 4 && run.parse::<u16>().is_ok_and(|y| (1800..=2100).contains(&y));
        if run.len() < 4 || year || inside {
            out.push_str(run);
        } else {
            for (k, d) in run.chars().enumerate() {
                if k > 0 && (run.len() - k) % 3 == 0 {
                    out.push(',');
                }
                out.push(d);
            }
        }
        i = end;
    }
    out
}

fn too_few(n: u64, need: u64) -> (String, String) {
    (
        format!(
            "Not computed: {n} values, at least {need} needed for this signal to mean anything."
        ),
        format!("未计算：只有 {n} 个值，至少需要 {need} 个才有意义。"),
    )
}

fn col<'a>(inp: &'a Input, i: Option<usize>) -> Option<&'a ColumnReport> {
    i.and_then(|i| inp.columns.get(i))
}

/// All signals, in report order.
fn signals(inp: &Input, mixed: &MixedResult) -> Vec<(Signal, Direction, Strength)> {
    use Direction::*;
    use Strength::*;
    let st = inp.stats;
    let id = &st.id;
    let china = inp.identity.reference == "cn_census_2020";
    let mut out = Vec::new();

    // 1. Validity of the identity numbers.
    let n = id.values;
    let invalid = n - id.valid;
    let share = invalid as f64 / n.max(1) as f64;
    let ci = wilson(invalid, n);
    let s = Sig::new("id_validity", "share_invalid", n)
        .value(share)
        .expected(0.005)
        .interval(ci);
    out.push(if n < 20 {
        let (en, zh) = too_few(n, 20);
        s.untested(en, zh)
    } else if ci.0 >= 0.5 {
        s.says(Fabricated, Strong,
            format!("{} of {n} identity numbers ({}) are invalid: far above the few per thousand of genuine registers, as random digits give.", invalid, pct(share)),
            format!("{n} 个身份号码中有 {invalid} 个（{}）无效：远高于真实登记每千条几处的错误率，与随机数字相符。", pct(share)))
    } else if ci.0 >= 0.03 {
        s.says(Fabricated, Moderate,
            format!("{invalid} of {n} identity numbers ({}) are invalid: more than typos explain; part of the sample may be made up.", pct(share)),
            format!("{n} 个身份号码中有 {invalid} 个（{}）无效：超出录入错误能解释的范围；部分数据可能是编造的。", pct(share)))
    } else if ci.1 <= 0.02 {
        s.says(Genuine, Weak,
            format!("{invalid} of {n} identity numbers ({}) are invalid: in line with genuine registers (and with any generator that computes check digits).", pct(share)),
            format!("{n} 个身份号码中有 {invalid} 个（{}）无效：与真实登记相符（也与会计算校验码的生成器相符）。", pct(share)))
    } else {
        s.says(Neutral, Weak,
            format!("{invalid} of {n} identity numbers ({}) are invalid.", pct(share)),
            format!("{n} 个身份号码中有 {invalid} 个（{}）无效。", pct(share)))
    });

    // 2. Kinds of invalid values.
    let n = id.checksum;
    let typo = id.typo_like as f64 / n.max(1) as f64;
    let s = Sig::new("invalid_kinds", "share_typo_like", n)
        .value(typo)
        .interval(wilson(id.typo_like, n));
    out.push(if n < 10 {
        let (en, zh) = too_few(n, 10);
        s.untested(en, zh)
    } else if typo >= 0.7 {
        s.says(Genuine, Weak,
            format!("{} of {n} wrong check digits sit in otherwise valid numbers: typo-like.", id.typo_like),
            format!("{n} 个校验码错误中有 {} 个出现在其余部分都有效的号码中：像录入错误。", id.typo_like))
    } else if typo <= 0.3 {
        s.says(Fabricated, Moderate,
            format!("Only {} of {n} wrong check digits sit in otherwise valid numbers; the rest also have impossible dates or regions, as random digits do.", id.typo_like),
            format!("{n} 个校验码错误中只有 {} 个出现在其余部分有效的号码中；其余的日期或地区也不对，与随机数字相符。", id.typo_like))
    } else {
        s.says(Neutral, Weak,
            format!("{} of {n} wrong check digits are typo-like.", id.typo_like),
            format!("{n} 个校验码错误中有 {} 个像录入错误。", id.typo_like))
    });

    // 3. Region-code level.
    let n = id.values;
    let bad = id.region_unknown + id.not_person_level;
    let share = bad as f64 / n.max(1) as f64;
    let ci = wilson(bad, n);
    let s = Sig::new("region_level", "share_unknown_or_not_person_level", n)
        .value(share)
        .interval(ci);
    out.push(if !china {
        s.untested("Not computed: no Chinese identity column.".into(), "未计算：没有中国身份号码列。".into())
    } else if n < 20 {
        let (en, zh) = too_few(n, 20);
        s.untested(en, zh)
    } else if ci.0 >= 0.02 {
        let strength = if ci.0 >= 0.2 { Strong } else { Moderate };
        s.says(Fabricated, strength,
            format!("{bad} of {n} numbers ({}) carry an unknown region code or one never issued to persons.", pct(share)),
            format!("{n} 个号码中有 {bad} 个（{}）的地区码不存在或不会分配给个人。", pct(share)))
    } else {
        s.says(Neutral, Weak,
            format!("{bad} of {n} numbers carry an unknown or non-person-level region code."),
            format!("{n} 个号码中有 {bad} 个地区码不存在或不属于个人级别。"))
    });

    // 4. Abolished codes.
    let n = id.with_region;
    let obs = id.abolished;
    let expected_share = id.expected_abolished_ppm as f64 / 1e6 / n.max(1) as f64;
    let lambda = ABOLISHED_DISCOUNT * expected_share * n as f64;
    let p = poisson_cdf(obs, lambda);
    let share = obs as f64 / n.max(1) as f64;
    let s = Sig::new("abolished_codes", "share_abolished", n)
        .value(share)
        .expected(ABOLISHED_DISCOUNT * expected_share)
        .interval(wilson(obs, n));
    out.push(if !china || n == 0 {
        s.untested("Not computed: no valid Chinese identity numbers.".into(), "未计算：没有有效的中国身份号码。".into())
    } else if lambda < 5.0 {
        s.untested(
            format!("Not computed: with these birth years even a genuine register would be expected to carry only {lambda:.1} abolished codes."),
            format!("未计算：按这些出生年份，即使是真实数据也只预期有 {lambda:.1} 个已撤销代码。"))
    } else if obs as f64 >= lambda {
        let s = s.p(p);
        s.says(Genuine, Moderate,
            format!("{obs} of {n} valid numbers ({}) carry a since-abolished region code; at least {lambda:.0} were expected of a genuine register of these ages.", pct(share)),
            format!("{n} 个有效号码中有 {obs} 个（{}）带有已撤销的地区码；这个年龄结构的真实数据预期至少有 {lambda:.0} 个。", pct(share)))
    } else if p < 1e-4 {
        s.p(p).says(Fabricated, Strong,
            format!("Only {obs} of {n} valid numbers carry a since-abolished region code where a genuine register of these ages would carry at least {lambda:.0} (p {}): the codes look drawn from today's list.", p_is(p)),
            format!("{n} 个有效号码中只有 {obs} 个带有已撤销的地区码，而这个年龄结构的真实数据预期至少有 {lambda:.0} 个（p {}）：地区码像是从现行代码表中抽取的。", p_is(p)))
    } else if p < 0.01 {
        s.p(p).says(Fabricated, Moderate,
            format!("Only {obs} of {n} valid numbers carry a since-abolished region code; at least {lambda:.0} expected (p = {p:.2})."),
            format!("{n} 个有效号码中只有 {obs} 个带有已撤销的地区码；预期至少 {lambda:.0} 个（p = {p:.2}）。"))
    } else {
        s.p(p).says(Neutral, Weak,
            format!("{obs} of {n} valid numbers carry a since-abolished region code ({lambda:.0} expected at least)."),
            format!("{n} 个有效号码中有 {obs} 个带有已撤销的地区码（预期至少 {lambda:.0} 个）。"))
    });

    // 5. Age shape against the census bands: the national ones, or the mix of the provincial
    // profiles (communiqué No. 5, table 5-2) weighted by where the sample's people are.
    let ages = &st.ages;
    let n: u64 = ages.iter().sum();
    let mut bands = [0u64; 4];
    for (a, &c) in ages.iter().enumerate() {
        bands[population::age_band(a as u32)] += c;
    }
    let census = census_2020().age_shares();
    let reference = age_reference(st);
    let expected = reference.mix.shares;
    let tvd: f64 = bands
        .iter()
        .zip(expected)
        .map(|(&b, c)| (b as f64 / n.max(1) as f64 - c).abs())
        .sum::<f64>()
        / 2.0;
    let s = Sig::new("age_shape", "total_variation_vs_census", n)
        .value(tvd)
        .expected(0.0);
    out.push(if !china {
        s.untested("Not computed: no population reference shipped for this identifier's country.".into(), "未计算：没有该国的人口参考数据。".into())
    } else if n < MIN_SHAPE {
        let (en, zh) = too_few(n, MIN_SHAPE);
        s.untested(en, zh)
    } else {
        let c = chi2_gof(&bands, &expected);
        let s = s.p(c.map_or(f64::NAN, |c| c.p_value));
        let shares = bands.map(|b| pct(b as f64 / n as f64));
        let (ref_en, ref_zh) = reference.describe();
        if tvd <= 0.1 {
            let strength = if n >= 500 { Moderate } else { Weak };
            s.says(Genuine, strength,
                format!("Ages 0–14 / 15–59 / 60–64 / 65+: {} / {} / {} / {}, close to {ref_en}.", shares[0], shares[1], shares[2], shares[3]),
                format!("0–14 / 15–59 / 60–64 / 65+ 岁：{} / {} / {} / {}，与{ref_zh}接近。", shares[0], shares[1], shares[2], shares[3]))
        } else {
            s.says(Neutral, Weak,
                format!("Ages 0–14 / 15–59 / 60–64 / 65+: {} / {} / {} / {}, unlike {ref_en}: a register of part of the population, or not a register.", shares[0], shares[1], shares[2], shares[3]),
                format!("0–14 / 15–59 / 60–64 / 65+ 岁：{} / {} / {} / {}，与{ref_zh}不同：可能只是部分人群的登记，也可能不是登记数据。", shares[0], shares[1], shares[2], shares[3]))
        }
    });

    // 6. Ages spread evenly?
    out.push(age_uniformity(ages, n));

    // 7. Children and the very old.
    let children = bands[0];
    let centenarians: u64 = ages.iter().skip(100).sum();
    let s = Sig::new("children_elderly", "share_under_15", n)
        .value(children as f64 / n.max(1) as f64)
        .expected(census[0])
        .interval(wilson(children, n));
    out.push(if n < MIN_SHAPE {
        let (en, zh) = too_few(n, MIN_SHAPE);
        s.untested(en, zh)
    } else if centenarians as f64 > 0.01 * n as f64 {
        s.says(Fabricated, Moderate,
            format!("{centenarians} of {n} people ({}) are 100 or older (census: 0.003 %): what evenly drawn birth years give.", pct(centenarians as f64 / n as f64)),
            format!("{n} 人中有 {centenarians} 人（{}）在 100 岁以上（普查：0.003%）：均匀抽取出生年份的特征。", pct(centenarians as f64 / n as f64)))
    } else if children == 0 {
        s.says(Fabricated, Weak,
            format!("No one under 15 among {n} people: an adults-only register (phones, banks, employers) or a generator of adults."),
            format!("{n} 人中没有 15 岁以下的人：可能是只含成年人的登记（电话、银行、雇主），也可能是只生成成年人的程序。"))
    } else if children as f64 >= 0.05 * n as f64 {
        s.says(Genuine, Weak,
            format!("{children} of {n} people ({}) are under 15: the register covers children.", pct(children as f64 / n as f64)),
            format!("{n} 人中有 {children} 人（{}）不满 15 岁：登记覆盖儿童。", pct(children as f64 / n as f64)))
    } else {
        s.says(Neutral, Weak,
            format!("{children} of {n} people are under 15."),
            format!("{n} 人中有 {children} 人不满 15 岁。"))
    });

    // 8. Birth days 29–31.
    let nd: u64 = st.days.iter().sum();
    let late: u64 = st.days[28..].iter().sum();
    let expected_late = (11.25 + 11.0 + 7.0) / 365.25;
    let s = Sig::new("birth_date_heaping", "share_days_29_31", nd)
        .value(late as f64 / nd.max(1) as f64)
        .expected(expected_late)
        .interval(wilson(late, nd));
    let day1 = st.days[0] as f64 / nd.max(1) as f64;
    out.push(if nd < 300 {
        let (en, zh) = too_few(nd, 300);
        s.untested(en, zh)
    } else if late == 0 {
        let p = (1.0 - expected_late).powf(nd as f64);
        s.p(p).says(Fabricated, Moderate,
            format!("No birth date on the 29th, 30th or 31st among {nd} (about {:.0} expected): days look drawn from 1–28.", expected_late * nd as f64),
            format!("{nd} 个出生日期中没有 29、30、31 日（预期约 {:.0} 个）：日期像是从 1–28 日中抽取的。", expected_late * nd as f64))
    } else {
        s.says(Neutral, Weak,
            format!("{} of birth dates fall on the 29th–31st (about 7.9 % expected); {} on the 1st.", pct(late as f64 / nd as f64), pct(day1)),
            format!("{} 的出生日期在 29–31 日（预期约 7.9%）；{} 在 1 日。", pct(late as f64 / nd as f64), pct(day1)))
    });

    // 9. Regions against population.
    out.push(region_distribution(st, china));

    // 10. Sex ratio.
    let (m, w) = (st.men, st.women);
    let ns = m + w;
    let ratio = m as f64 * 100.0 / w.max(1) as f64;
    let (lo, hi) = wilson(m, ns);
    let to_ratio = |p: f64| {
        if p >= 1.0 {
            f64::INFINITY
        } else {
            100.0 * p / (1.0 - p)
        }
    };
    let s = Sig::new("sex_ratio", "men_per_100_women", ns)
        .value(ratio)
        .expected(census_2020().sex_ratio())
        .interval((to_ratio(lo), to_ratio(hi).min(1e6)));
    out.push(if ns < MIN_SHAPE {
        let (en, zh) = too_few(ns, MIN_SHAPE);
        s.untested(en, zh)
    } else if to_ratio(hi) < 70.0 || to_ratio(lo) > 140.0 {
        s.says(
            Fabricated,
            Weak,
            format!(
                "{ratio:.1} men per 100 women: far from any general population (census 105.07)."
            ),
            format!("性别比 {ratio:.1}：与一般人口相差很远（普查为 105.07）。"),
        )
    } else {
        s.says(
            Neutral,
            Weak,
            format!("{ratio:.1} men per 100 women (census 105.07)."),
            format!("性别比 {ratio:.1}（普查为 105.07）。"),
        )
    });

    // 11. Sex ratio at 65+.
    let [om, ow] = st.age_sex[3];
    let s = Sig::new("sex_ratio_by_age", "men_per_100_women_65_plus", om + ow)
        .value(om as f64 * 100.0 / ow.max(1) as f64);
    out.push(if om + ow < 100 {
        let (en, zh) = too_few(om + ow, 100);
        s.untested(en, zh)
    } else {
        s.says(
            Neutral,
            Weak,
            format!(
                "{:.1} men per 100 women aged 65+ ({} people).",
                om as f64 * 100.0 / ow.max(1) as f64,
                om + ow
            ),
            format!(
                "65 岁及以上性别比 {:.1}（{} 人）。",
                om as f64 * 100.0 / ow.max(1) as f64,
                om + ow
            ),
        )
    });

    // 12. Sequence digits.
    let nq = st.sequence_total;
    let c = chi2_gof(&st.sequence_first_digit, &[1.0; 10]);
    let s = Sig::new("sequence_digits", "chi2_first_digit_vs_uniform", nq)
        .value(c.map_or(f64::NAN, |c| c.statistic))
        .p(c.map_or(f64::NAN, |c| c.p_value));
    out.push(if nq < MIN_SHAPE {
        let (en, zh) = too_few(nq, MIN_SHAPE);
        s.untested(en, zh)
    } else {
        let low = st.sequence_first_digit[..5].iter().sum::<u64>() as f64 / nq as f64;
        s.says(
            Neutral,
            Weak,
            format!("{} of sequence numbers are below 500.", pct(low)),
            format!("{} 的顺序码小于 500。", pct(low)),
        )
    });

    // 13–17. Names.
    out.extend(name_signals(st));

    // 18. Addresses.
    out.push(address_consistency(inp));

    // 19–21. Phones.
    out.extend(phone_signals(inp));

    // Phone city against address city and ID region.
    out.extend(phone_city::signals(inp));

    // 22–23. Duplicates and households.
    out.extend(duplicate_signals(st));

    // 24. Noise.
    out.push(noise(inp));

    // 25. Extraction date.
    let s = Sig::new("extraction_date", "latest_birth_date", n);
    out.push(match st.latest_birth {
        None => s.untested("Not computed: no valid birth date.".into(), "未计算：没有有效的出生日期。".into()),
        Some(d) => {
            let y = d.year as f64 + (f64::from(d.month) - 1.0) / 12.0 + (f64::from(d.day) - 1.0) / 365.25;
            s.value(y).says(Neutral, Weak,
                format!("Latest birth date {d}: the data was extracted on or after it (reference date {}).", inp.reference_date),
                format!("最晚出生日期 {d}：数据导出时间不早于此（参考日期 {}）。", inp.reference_date))
        }
    });

    // 26. Mixed rows.
    out.push(mixed.signal.clone());
    out.into_iter().map(Sig::done).collect()
}

fn age_uniformity(ages: &[u64], n: u64) -> Sig {
    use Direction::*;
    use Strength::*;
    let s = Sig::new("age_uniformity", "chi2_vs_uniform_5y_bins", n);
    if n < 500 {
        let (en, zh) = too_few(n, 500);
        return s.untested(en, zh);
    }
    // The bulk: 2nd to 98th percentile.
    let quantile = |q: f64| {
        let target = (q * n as f64).ceil() as u64;
        let mut acc = 0;
        for (a, &c) in ages.iter().enumerate() {
            acc += c;
            if acc >= target.max(1) {
                return a;
            }
        }
        ages.len() - 1
    };
    let (lo, hi) = (quantile(0.02), quantile(0.98));
    if hi < lo + 30 {
        return s.untested(
            format!("Not computed: ages span only {lo}–{hi}; a narrow range cannot be told from an even spread."),
            format!("未计算：年龄只在 {lo}–{hi} 岁之间；范围太窄，无法与均匀分布区分。"));
    }
    let width = hi - lo + 1;
    let bins = width.div_ceil(5);
    let mut obs = vec![0u64; bins];
    let mut exp = vec![0.0; bins];
    for a in lo..=hi {
        let b = (a - lo) / 5;
        obs[b] += ages.get(a).copied().unwrap_or(0);
        exp[b] += 1.0;
    }
    let Some(c) = chi2_gof(&obs, &exp) else {
        return s.untested("Not computed.".into(), "未计算。".into());
    };
    let bulk: u64 = obs.iter().sum();
    let s = s.value(c.statistic).p(c.p_value);
    // The shape's distance from flat: coefficient of variation of the per-year counts.
    if c.p_value > 0.01 {
        let strength = if bulk >= 2000 && c.p_value > 0.05 {
            Strong
        } else {
            Moderate
        };
        s.says(Fabricated, strength,
            format!("Ages {lo}–{hi} are spread evenly (χ² = {:.1}, df = {}, p = {:.2}, {bulk} people): real populations are not flat over {width} years.", c.statistic, c.df, c.p_value),
            format!("{lo}–{hi} 岁的年龄分布均匀（χ² = {:.1}，自由度 {}，p = {:.2}，{bulk} 人）：真实人口在 {width} 年跨度上不会这样平坦。", c.statistic, c.df, c.p_value))
    } else {
        s.says(
            Neutral,
            Weak,
            format!(
                "Ages {lo}–{hi} are not evenly spread (χ² = {:.1}, df = {}, p {}).",
                c.statistic,
                c.df,
                p_is(c.p_value)
            ),
            format!(
                "{lo}–{hi} 岁的年龄分布不均匀（χ² = {:.1}，自由度 {}，p {}）。",
                c.statistic,
                c.df,
                p_is(c.p_value)
            ),
        )
    }
}

/// Mean log-likelihood per person of `counts` under `shares` (smoothed).
fn mean_ll(counts: &[u64], shares: &[f64]) -> f64 {
    let n: u64 = counts.iter().sum();
    let total: f64 = shares.iter().sum();
    counts
        .iter()
        .zip(shares)
        .map(|(&c, &s)| c as f64 * ((s / total) * 0.99 + 0.01 / shares.len() as f64).ln())
        .sum::<f64>()
        / n.max(1) as f64
}

/// Where the `age_shape` reference comes from: the people's provinces by address (residence)
/// when at least half of the people with an age have an address naming a province, otherwise
/// by the region of their ID (registration when the number was issued).
struct AgeReference {
    mix: population::AgeMix,
    by_address: bool,
}

fn age_reference(st: &SampleStats) -> AgeReference {
    let with_age: u64 = st.ages.iter().sum();
    let mut by_address = [0u64; 31];
    for (a, w) in by_address.iter_mut().enumerate() {
        *w = st.address_vs_id.iter().skip(a * 32).take(32).sum();
    }
    let located: u64 = by_address.iter().sum();
    let use_address = located > 0 && located * 2 >= with_age;
    let weights = if use_address {
        by_address
    } else {
        let mut w = [0u64; 31];
        for (o, &c) in w.iter_mut().zip(&st.provinces) {
            *o = c;
        }
        w
    };
    AgeReference {
        mix: census_2020().age_mix(&weights),
        by_address: use_address,
    }
}

impl AgeReference {
    /// The reference named in the signal's text, English and Chinese.
    fn describe(&self) -> (String, String) {
        let m = &self.mix;
        let e = m.shares.map(|x| format!("{:.1}", x * 100.0));
        let top = |zh: bool| {
            m.top
                .iter()
                .map(|&(c, w)| {
                    let name = crate::refdata::regions::province_name(c).unwrap_or("?");
                    if zh {
                        format!("{name} {:.0}%", w * 100.0)
                    } else {
                        format!("{name} {:.0} %", w * 100.0)
                    }
                })
                .collect::<Vec<_>>()
                .join(if zh { "、" } else { ", " })
        };
        let (by_en, by_zh) = if self.by_address {
            ("by address", "按地址")
        } else {
            ("by ID region", "按身份号码地区")
        };
        if m.top.is_empty() {
            return (
                format!(
                    "the national 2020 census ({} / {} / {} / {} %)",
                    e[0], e[1], e[2], e[3]
                ),
                format!(
                    "全国 2020 年普查（{} / {} / {} / {}%）",
                    e[0], e[1], e[2], e[3]
                ),
            );
        }
        if m.profiled <= 0.0 {
            return (
                format!("the national 2020 census ({} / {} / {} / {} %; no provincial profile is shipped for the sample's provinces, {by_en}: {})", e[0], e[1], e[2], e[3], top(false)),
                format!("全国 2020 年普查（{} / {} / {} / {}%；样本所在省份（{by_zh}：{}）没有本省数据）", e[0], e[1], e[2], e[3], top(true)),
            );
        }
        let prof = pct(m.profiled);
        (
            format!("the 2020 census profile of the sample's provinces ({by_en}: {}; {prof} of the people in provinces with their own profile, the rest counted with the national bands): {} / {} / {} / {} %", top(false), e[0], e[1], e[2], e[3]),
            format!("样本所在省份的 2020 年普查年龄构成（{} / {} / {} / {}%；{by_zh}：{}；{prof} 的人所在省份有本省数据，其余按全国比例计）", e[0], e[1], e[2], e[3], top(true)),
        )
    }
}

fn region_distribution(st: &SampleStats, china: bool) -> Sig {
    use Direction::*;
    use Strength::*;
    let counts = &st.provinces[..OTHER_PROVINCE];
    let n: u64 = counts.iter().sum();
    let s = Sig::new(
        "region_distribution",
        "mean_log_likelihood_ratio_population_vs_best_other",
        n,
    );
    if !china {
        return s.untested(
            "Not computed: no population reference shipped for this identifier's country.".into(),
            "未计算：没有该国的人口参考数据。".into(),
        );
    }
    if n < MIN_SHAPE {
        let (en, zh) = too_few(n, MIN_SHAPE);
        return s.untested(en, zh);
    }
    let c = census_2020();
    let pop = c.province_shares();
    let counties = c.counties.map(|x| x as f64);
    let (top_i, top) = counts
        .iter()
        .enumerate()
        .max_by_key(|(_, &c)| c)
        .map_or((0, 0), |(i, &c)| (i, c));
    let top_share = top as f64 / n as f64;
    let name = crate::refdata::regions::province_name(population::PROVINCES[top_i]).unwrap_or("?");
    if top_share >= 0.3 {
        return s.value(top_share).says(Neutral, Weak,
            format!("{} of IDs are from {name}: a regional sample, not compared with the national population.", pct(top_share)),
            format!("{} 的号码来自{name}：地区性样本，不与全国人口比较。", pct(top_share)));
    }
    let l_pop = mean_ll(counts, &pop);
    let l_uni = mean_ll(counts, &[1.0; 31]);
    let l_cty = mean_ll(counts, &counties);
    let best_other = l_uni.max(l_cty);
    let llr = l_pop - best_other;
    let total_llr = llr * n as f64;
    let chi = chi2_gof(counts, &pop);
    let s = s.value(llr).p(chi.map_or(f64::NAN, |c| c.p_value));
    let other = if l_uni >= l_cty {
        "an even spread over provinces"
    } else {
        "today's county-code list"
    };
    let other_zh = if l_uni >= l_cty {
        "各省均匀分布"
    } else {
        "按现行县级代码数分布"
    };
    if total_llr >= 10.0 {
        s.says(Genuine, if n >= 500 { Moderate } else { Weak },
            format!("Provinces follow the census population much better than {other} (log-likelihood ratio {total_llr:.0} over {n} IDs)."),
            format!("省份分布与普查人口的吻合程度远高于{other_zh}（{n} 个号码的对数似然比为 {total_llr:.0}）。"))
    } else if total_llr <= -10.0 {
        let strength = if total_llr <= -50.0 { Strong } else { Moderate };
        s.says(Fabricated, strength,
            format!("Provinces follow {other} rather than where people live (log-likelihood ratio {:.0} over {n} IDs): small provinces are over-represented.", -total_llr),
            format!("省份分布符合{other_zh}，而不是人口分布（{n} 个号码的对数似然比为 {:.0}）：人口少的省份比例过高。", -total_llr))
    } else {
        s.says(
            Neutral,
            Weak,
            format!("Provinces fit the census population and {other} about equally well."),
            format!("省份分布与普查人口和{other_zh}的吻合程度相近。"),
        )
    }
}

fn name_signals(st: &SampleStats) -> Vec<Sig> {
    use Direction::*;
    use Strength::*;
    let mut out = Vec::new();
    let cls = &st.surname_classes;
    let n: u64 = cls.iter().sum();
    let top5 = cls[0];
    let share = top5 as f64 / n.max(1) as f64;
    let ci = wilson(top5, n);
    let s = Sig::new("surname_distribution", "share_top5_surnames", n)
        .value(share)
        .expected(TOP5_SHARE)
        .interval(ci);
    out.push(if n < 100 {
        let (en, zh) = too_few(n, 100);
        s.untested(en, zh)
    } else if ci.1 < 0.15 {
        let strength = if n >= 500 && ci.1 < 0.10 { Strong } else { Moderate };
        s.says(Fabricated, strength,
            format!("The five commonest surnames cover {} of {n} names (published: about 30.8 %): surnames look drawn evenly from a list.", pct(share)),
            format!("前五大姓只占 {n} 个姓名的 {}（公开数据约 30.8%）：姓氏像是从列表中均匀抽取的。", pct(share)))
    } else if ci.0 <= 0.40 && ci.1 >= 0.20 {
        s.says(Genuine, if n >= 500 { Moderate } else { Weak },
            format!("The five commonest surnames cover {} of {n} names (published: about 30.8 %).", pct(share)),
            format!("前五大姓占 {n} 个姓名的 {}（公开数据约 30.8%）。", pct(share)))
    } else {
        s.says(Neutral, Weak,
            format!("The five commonest surnames cover {} of {n} names (published: about 30.8 %; regional samples differ).", pct(share)),
            format!("前五大姓占 {n} 个姓名的 {}（公开数据约 30.8%；地区性样本会有差异）。", pct(share)))
    });

    let outside = cls[2] + cls[3] + cls[4];
    let share = outside as f64 / n.max(1) as f64;
    let ci = wilson(outside, n);
    let compound = cls[3] as f64 / n.max(1) as f64;
    let s = Sig::new("surname_top100", "share_outside_top100", n)
        .value(share)
        .expected(1.0 - TOP100_SHARE)
        .interval(ci);
    out.push(if n < 100 {
        let (en, zh) = too_few(n, 100);
        s.untested(en, zh)
    } else if ci.0 > 0.45 {
        s.says(Fabricated, Moderate,
            format!("{} of names have a surname outside the 100 commonest (published: about 14 %); {} compound.", pct(share), pct(compound)),
            format!("{} 的姓名姓氏不在前 100 大姓中（公开数据约 14%）；复姓占 {}。", pct(share), pct(compound)))
    } else {
        s.says(Neutral, Weak,
            format!("{} of names have a surname outside the 100 commonest (published: about 14 %); {} compound.", pct(share), pct(compound)),
            format!("{} 的姓名姓氏不在前 100 大姓中（公开数据约 14%）；复姓占 {}。", pct(share), pct(compound)))
    });

    let n = st.lean_checked;
    let k = st.lean_contradicts;
    let share = k as f64 / n.max(1) as f64;
    let ci = wilson(k, n);
    let s = Sig::new("given_name_sex", "share_contradicting", n)
        .value(share)
        .interval(ci);
    out.push(if n < 50 {
        let (en, zh) = too_few(n, 50);
        s.untested(en, zh)
    } else if ci.0 >= 0.25 {
        s.says(Fabricated, Moderate,
            format!("{k} of {n} telling given names ({}) lean to the other sex than the ID's: names and sexes look drawn independently.", pct(share)),
            format!("{n} 个有性别倾向的名字中有 {k} 个（{}）与身份号码的性别相反：姓名和性别像是独立生成的。", pct(share)))
    } else if ci.1 <= 0.15 {
        s.says(Genuine, if n >= 200 { Moderate } else { Weak },
            format!("Only {k} of {n} telling given names ({}) lean to the other sex than the ID's.", pct(share)),
            format!("{n} 个有性别倾向的名字中只有 {k} 个（{}）与身份号码性别相反。", pct(share)))
    } else {
        s.says(Neutral, Weak,
            format!("{k} of {n} telling given names ({}) lean to the other sex than the ID's.", pct(share)),
            format!("{n} 个有性别倾向的名字中有 {k} 个（{}）与身份号码性别相反。", pct(share)))
    });

    let nl: u64 = st.name_lengths.iter().sum();
    let two = st.name_lengths[2] as f64 / nl.max(1) as f64;
    let s = Sig::new("name_length", "share_two_character", nl).value(two);
    out.push(if nl < 100 {
        let (en, zh) = too_few(nl, 100);
        s.untested(en, zh)
    } else {
        s.says(
            Neutral,
            Weak,
            format!(
                "{} of names have two characters, {} three.",
                pct(two),
                pct(st.name_lengths[3] as f64 / nl as f64)
            ),
            format!(
                "{} 的姓名为两个字，{} 为三个字。",
                pct(two),
                pct(st.name_lengths[3] as f64 / nl as f64)
            ),
        )
    });

    let ng = st.given_total;
    let distinct = st.given_names.len() as f64 * st.given_names.scale();
    let per100 = distinct * 100.0 / ng.max(1) as f64;
    let s = Sig::new("given_name_diversity", "distinct_per_100", ng).value(per100);
    out.push(if ng < 100 {
        let (en, zh) = too_few(ng, 100);
        s.untested(en, zh)
    } else {
        s.says(
            Neutral,
            Weak,
            format!(
                "{} distinct given names per 100 names ({ng} names).",
                per100_text(per100)
            ),
            format!(
                "每 100 个姓名中有 {} 个不同的名字（共 {ng} 个）。",
                per100_text(per100)
            ),
        )
    });
    out
}

/// A rate per 100 for a finding: one decimal below 10 (a large sample's 0.5 is not "1").
fn per100_text(x: f64) -> String {
    // Below 9.95, one decimal ("9.9"); from there whole numbers, so 9.96 reads "10", not "10.0".
    if x < 9.95 {
        format!("{x:.1}")
    } else {
        format!("{x:.0}")
    }
}

fn address_consistency(inp: &Input) -> Sig {
    use Direction::*;
    use Strength::*;
    let st = inp.stats;
    let t = &st.address_vs_id;
    let n: u64 = t.iter().sum();
    let s = Sig::new(
        "address_consistency",
        "cohen_kappa_address_vs_id_province",
        n,
    );
    let inconsistent = col(inp, inp.address_column)
        .map(|c| {
            (
                c.invalid_reasons
                    .get("address_inconsistent")
                    .copied()
                    .unwrap_or(0),
                c.values,
            )
        })
        .unwrap_or((0, 0));
    if inp.address_column.is_none() {
        return s.untested(
            "Not computed: no address column.".into(),
            "未计算：没有地址列。".into(),
        );
    }
    let inc_share = inconsistent.0 as f64 / inconsistent.1.max(1) as f64;
    if inconsistent.1 >= 100 && inc_share >= 0.2 {
        return s.value(inc_share).interval(wilson(inconsistent.0, inconsistent.1)).says(Fabricated, Moderate,
            format!("{} of addresses name a district outside the city or province they name: parts look assembled at random.", pct(inc_share)),
            format!("{} 的地址中区县不属于所写的市或省：各部分像是随机拼凑的。", pct(inc_share)));
    }
    if n < 50 {
        let (en, zh) = too_few(n, 50);
        return s.untested(en, zh);
    }
    let nf = n as f64;
    let mut agree = 0.0;
    let mut chance = 0.0;
    for i in 0..32 {
        agree += t[i * 32 + i] as f64;
        let row: u64 = t[i * 32..i * 32 + 32].iter().sum();
        let colsum: u64 = (0..32).map(|j| t[j * 32 + i]).sum();
        chance += row as f64 * colsum as f64;
    }
    let po = agree / nf;
    let pe = chance / (nf * nf);
    let kappa = if pe < 1.0 {
        (po - pe) / (1.0 - pe)
    } else {
        0.0
    };
    let s = s.value(kappa).expected(0.0);
    if kappa >= 0.2 {
        s.says(Genuine, if n >= 200 { Moderate } else { Weak },
            format!("The address's province matches the ID's for {} of {n} people (chance would give {}; κ = {kappa:.2}).", pct(po), pct(pe)),
            format!("{n} 人中有 {} 的地址省份与身份号码一致（随机预期 {}；κ = {kappa:.2}）。", pct(po), pct(pe)))
    } else if kappa.abs() < 0.05 && n >= 200 && pe < 0.3 {
        s.says(Fabricated, Moderate,
            format!("The address's province matches the ID's no more often than chance ({} vs {}, κ = {kappa:.2}): addresses and IDs look generated independently.", pct(po), pct(pe)),
            format!("地址省份与身份号码一致的比例不高于随机（{} 对 {}，κ = {kappa:.2}）：地址与号码像是各自独立生成的。", pct(po), pct(pe)))
    } else {
        s.says(
            Neutral,
            Weak,
            format!(
                "The address's province matches the ID's for {} of {n} people (κ = {kappa:.2}).",
                pct(po)
            ),
            format!(
                "{n} 人中有 {} 的地址省份与身份号码一致（κ = {kappa:.2}）。",
                pct(po)
            ),
        )
    }
}

fn phone_signals(inp: &Input) -> Vec<Sig> {
    use Direction::*;
    use Strength::*;
    let st = inp.stats;
    let mut out = Vec::new();
    let (n, invalid) = col(inp, inp.phone_column).map_or((0, 0), |c| (c.values, c.invalid));
    let share = invalid as f64 / n.max(1) as f64;
    let ci = wilson(invalid, n);
    let s = Sig::new("phone_validity", "share_invalid", n)
        .value(share)
        .interval(ci);
    out.push(if inp.phone_column.is_none() {
        s.untested("Not computed: no mobile-number column.".into(), "未计算：没有手机号列。".into())
    } else if n < 50 {
        let (en, zh) = too_few(n, 50);
        s.untested(en, zh)
    } else if ci.0 >= 0.1 {
        s.says(Fabricated, if ci.0 >= 0.3 { Strong } else { Moderate },
            format!("{invalid} of {n} mobile numbers ({}) have an unallocated prefix or a wrong length, as random digits do.", pct(share)),
            format!("{n} 个手机号中有 {invalid} 个（{}）号段未分配或长度不对，与随机数字相符。", pct(share)))
    } else {
        s.says(Neutral, Weak,
            format!("{invalid} of {n} mobile numbers ({}) are invalid.", pct(share)),
            format!("{n} 个手机号中有 {invalid} 个（{}）无效。", pct(share)))
    });

    let nv: u64 = st.phone_prefixes.iter().sum();
    let old: u64 = [3usize, 5, 8]
        .iter()
        .map(|&a| st.phone_prefixes[a * 10..a * 10 + 10].iter().sum::<u64>())
        .sum();
    let s = Sig::new("phone_prefix_mix", "share_13x_15x_18x", nv)
        .value(old as f64 / nv.max(1) as f64)
        .interval(wilson(old, nv));
    out.push(if nv < 50 {
        let (en, zh) = too_few(nv, 50);
        s.untested(en, zh)
    } else {
        s.says(
            Neutral,
            Weak,
            format!(
                "{} of valid mobile numbers use the 13x, 15x or 18x prefixes.",
                pct(old as f64 / nv as f64)
            ),
            format!(
                "{} 的有效手机号使用 13x、15x 或 18x 号段。",
                pct(old as f64 / nv as f64)
            ),
        )
    });

    // Past the map's capacity the numbers are a sample: the count is scaled up (as the value
    // is). The most shared is then the most shared of those sampled, unless the counts of all
    // the numbers by hash bucket show one on more rows (a filler number the sample missed);
    // the fullest bucket bounds every number either way.
    let mut shared =
        st.phone_numbers.values().filter(|&&c| c >= 3).count() as f64 * st.phone_numbers.scale();
    let biggest = st.phone_numbers.values().copied().max().unwrap_or(0);
    let heavy = st.heavy_phone();
    // A standing-out bucket that the most shared of the sample does not explain: a number the
    // sample left out.
    let unsampled = heavy.unsampled(biggest);
    let (most_en, most_zh) = if st.phone_numbers.exact() {
        (
            format!("; the most shared appears {biggest} times"),
            format!("；共用最多的号码出现 {biggest} 次"),
        )
    } else if let Some(about) = unsampled {
        // That number is one of those shared by three or more.
        shared = shared.max(1.0);
        (
            format!(" (estimated from a sample of the numbers); one number appears about {about} times (from counts of all the numbers by hash bucket)"),
            format!("（由号码抽样估计）；有一个号码出现约 {about} 次（由全部号码按哈希分桶计数估计）"),
        )
    } else {
        let top = heavy.top.max(u64::from(biggest));
        (
            format!(" (estimated from a sample of the numbers); the most shared among those sampled appears {biggest} times, and no number more than {top} times"),
            format!("（由号码抽样估计）；抽样号码中共用最多的出现 {biggest} 次，任何号码都不超过 {top} 次"),
        )
    };
    let s = Sig::new(
        "shared_phones",
        "numbers_shared_by_3_or_more",
        st.phone_valid,
    )
    .value(shared);
    out.push(if st.phone_valid < 50 {
        let (en, zh) = too_few(st.phone_valid, 50);
        s.untested(en, zh)
    } else {
        s.says(
            Neutral,
            Weak,
            format!(
                "{shared:.0} {} shared by three or more rows{most_en}.",
                if shared.round() == 1.0 {
                    "number is"
                } else {
                    "numbers are"
                }
            ),
            format!("有 {shared:.0} 个号码被三行或以上共用{most_zh}。"),
        )
    });
    out
}

fn duplicate_signals(st: &SampleStats) -> Vec<Sig> {
    use Direction::*;
    use Strength::*;
    let mut out = Vec::new();
    let rows = st.rows;
    let dup_rows = st.duplicate_rows();
    let mut repeated = st.ids.values().filter(|e| e.count > 1).count() as f64 * st.ids.scale();
    let conflicts = st.ids.values().filter(|e| e.conflict != 0).count() as f64 * st.ids.scale();
    let (exact, exact_zh) = if st.row_hashes.exact() && st.ids.exact() {
        ("", "")
    } else {
        (" (estimated from a sample of keys)", "（由键的抽样估计）")
    };
    // The ID on the most rows, as for the shared phone numbers: exact while the map holds every
    // ID; past its capacity the most repeated of the sample, unless the counts of all the IDs
    // by hash bucket show one on more rows (a filler ID the sample missed), and the fullest
    // bucket bounds every ID.
    let biggest = st.ids.values().map(|e| e.count).max().unwrap_or(0);
    let heavy = st.heavy_id();
    let unsampled = heavy.unsampled(biggest);
    let (most_en, most_zh) = if st.ids.exact() {
        if biggest > 1 {
            (
                format!("; the most repeated appears {biggest} times"),
                format!("；重复最多的号码出现 {biggest} 次"),
            )
        } else {
            (String::new(), String::new())
        }
    } else if let Some(about) = unsampled {
        // That ID is one of those appearing more than once.
        repeated = repeated.max(1.0);
        (
            format!(
                "; one ID appears about {about} times (from counts of all the IDs by hash bucket)"
            ),
            format!("；有一个号码出现约 {about} 次（由全部号码按哈希分桶计数估计）"),
        )
    } else {
        let top = heavy.top.max(u64::from(biggest));
        if biggest > 1 {
            (
                format!("; the most repeated among those sampled appears {biggest} times, and no ID more than {top} times"),
                format!("；抽样号码中重复最多的出现 {biggest} 次，任何号码都不超过 {top} 次"),
            )
        } else {
            (
                format!("; no ID appears more than {top} times"),
                format!("；任何号码都不超过 {top} 次"),
            )
        }
    };
    let s = Sig::new("duplicates", "duplicate_rows", rows).value(dup_rows);
    out.push(if rows < 20 {
        let (en, zh) = too_few(rows, 20);
        s.untested(en, zh)
    } else {
        s.says(Neutral, Weak,
            format!("{dup_rows:.0} exact duplicate rows; {repeated:.0} IDs appear more than once, {conflicts:.0} of them with a different name or birth date{exact}{most_en}."),
            format!("完全重复的行 {dup_rows:.0} 行；{repeated:.0} 个号码出现多次，其中 {conflicts:.0} 个对应不同姓名或出生日期{exact_zh}{most_zh}。"))
    });

    let mut in_houses = 0u64;
    let mut at_addresses = 0u64;
    for h in st.households.values() {
        at_addresses += u64::from(h.count);
        if (2..=10).contains(&h.count) && h.min_year != 0 && h.max_year >= h.min_year + 18 {
            in_houses += u64::from(h.count);
        }
    }
    let share = in_houses as f64 / at_addresses.max(1) as f64;
    let s = Sig::new("households", "share_in_family_like_addresses", at_addresses)
        .value(share)
        .interval(wilson(in_houses, at_addresses));
    out.push(if at_addresses < MIN_SHAPE {
        let (en, zh) = too_few(at_addresses, MIN_SHAPE);
        s.untested(en, zh)
    } else if share >= 0.05 {
        s.says(Genuine, Weak,
            format!("{} of people share an address with 1–9 others of a different generation, as families do.", pct(share)),
            format!("{} 的人与 1–9 个不同辈分的人共用一个地址，像家庭一样。", pct(share)))
    } else {
        s.says(Neutral, Weak,
            format!("{} of people share an address with people of another generation.", pct(share)),
            format!("{} 的人与不同辈分的人共用地址。", pct(share)))
    });
    let _ = Moderate;
    out
}

fn noise(inp: &Input) -> Sig {
    use Direction::*;
    use Strength::*;
    let st = inp.stats;
    let rows = inp.rows;
    let key: Vec<&ColumnReport> = [
        inp.identity_column,
        inp.name_column,
        inp.address_column,
        inp.phone_column,
    ]
    .iter()
    .filter_map(|&c| col(inp, c))
    .collect();
    let empty: u64 = key.iter().map(|c| c.empty).sum();
    let invalid: u64 = inp.columns.iter().map(|c| c.invalid).sum();
    let mixed_formats = inp.columns.iter().filter(|c| c.codings.len() >= 2).count() as u64;
    let legacy_x = st.id.legacy
        + col(inp, inp.identity_column)
            .and_then(|c| c.notes.get("lowercase_x").copied())
            .unwrap_or(0);
    let kinds = [
        empty > 0,
        invalid > 0,
        mixed_formats > 0,
        legacy_x > 0,
        inp.normalizations > 0,
    ];
    let present = kinds.iter().filter(|&&k| k).count();
    let s = Sig::new("noise", "kinds_of_noise_present", rows).value(present as f64);
    let detail = format!(
        "{empty} empty values in the key columns, {invalid} invalid values, {mixed_formats} columns with mixed notations, {legacy_x} legacy or lower-case-x IDs, {} normalised characters",
        inp.normalizations
    );
    let detail_zh = format!(
        "关键列空值 {empty} 个，无效值 {invalid} 个，混用格式的列 {mixed_formats} 列，15 位旧号码或小写 x {legacy_x} 个，规范化字符 {} 处",
        inp.normalizations
    );
    if rows < MIN_ROWS {
        let (en, zh) = too_few(rows, MIN_ROWS);
        return s.untested(en, zh);
    }
    if present == 0 && rows >= 1000 {
        s.says(
            Fabricated,
            Moderate,
            format!(
                "Too clean: {detail}. Real extracts of this size are rarely free of all noise."
            ),
            format!("过于干净：{detail_zh}。这个规模的真实导出数据很少完全没有这些小毛病。"),
        )
    } else if present == 0 {
        s.says(
            Fabricated,
            Weak,
            format!("Clean: {detail}."),
            format!("很干净：{detail_zh}。"),
        )
    } else if present >= 3 {
        s.says(
            Genuine,
            Weak,
            format!("Noisy in the small ways real data is: {detail}."),
            format!("有真实数据常见的小毛病：{detail_zh}。"),
        )
    } else {
        s.says(
            Neutral,
            Weak,
            format!("{detail}."),
            format!("{detail_zh}。"),
        )
    }
}

/// The row model's outcome.
struct MixedResult {
    signal: Sig,
    rows: SuspiciousRows,
    found: bool,
}

fn mixed_rows(inp: &Input) -> MixedResult {
    use Direction::*;
    use Strength::*;
    let st = inp.stats;
    let profiles = st.profile_counts();
    let n: u64 = profiles.iter().sum();
    let mut rows = SuspiciousRows {
        // Every row is scored (its profile cell); only a sample is kept to be listed.
        scored: n,
        ..SuspiciousRows::default()
    };
    let s = Sig::new("mixed_rows", "minority_share", n);
    let informative = inp.identity_column.is_some() || inp.name_column.is_some();
    if n < MIN_ROWS || !informative {
        let (en, zh) = too_few(n, MIN_ROWS);
        return MixedResult {
            signal: s.untested(en, zh),
            rows,
            found: false,
        };
    }
    // Two fits of the same histogram (see `choose_fit`): missing features left out, and
    // "unknown" as a category.
    let Some((fit, t, min_gain)) = choose_fit(&profiles) else {
        return MixedResult {
            signal: s.untested("Not computed.".into(), "未计算。".into()),
            rows,
            found: false,
        };
    };
    rows.fitted = true;
    rows.share = fit.pi;
    let gain = fit.ll2 - fit.ll1;
    let mut describe = Vec::new();
    for (k, name) in profile::FEATURE_NAMES.iter().enumerate() {
        let (f, g) = (&fit.f[k], &fit.g[k]);
        if let Some((cat, _)) = f
            .iter()
            .zip(g)
            .enumerate()
            .filter(|(_, (a, _))| **a >= 0.05)
            .map(|(i, (a, b))| (i, a / b))
            .max_by(|a, b| a.1.total_cmp(&b.1))
        {
            describe.push(format!(
                "{name} {}: {} of the minority vs {} of the majority",
                category_name(k, cat),
                pct(f[cat]),
                pct(g[cat])
            ));
        }
    }
    let names: Vec<&str> = [
        (t.invalid, "invalid values"),
        (t.surnames, "rare surnames"),
        (t.name_sex, "given names contradicting the sex"),
        (t.provinces, "provinces unlike the population"),
        (t.address, "addresses not matching the ID"),
    ]
    .iter()
    .filter(|x| x.0)
    .map(|x| x.1)
    .collect();
    describe.push(format!(
        "tells: {}",
        if names.is_empty() {
            "none".to_owned()
        } else {
            names.join(", ")
        }
    ));
    rows.profile = describe;
    let s = s.value(fit.pi).expected(0.0);
    let found = qualifies(&fit, &t, min_gain);
    if found {
        // Exact for any number of rows: the histogram counts every row's cell.
        let count: u64 = profiles
            .iter()
            .zip(&fit.posterior)
            .filter(|(_, p)| **p >= 0.5)
            .map(|(c, _)| *c)
            .sum();
        for r in &st.row_records {
            let p = fit
                .posterior
                .get(r.profile as usize)
                .copied()
                .unwrap_or(0.0);
            if rows.rows.len() >= inp.max_listed {
                break;
            }
            if p >= 0.5 {
                rows.rows.push(SuspiciousRow {
                    row: r.row,
                    score: (p * 1000.0).round() / 1000.0,
                    value: r.masked(),
                });
            }
        }
        rows.count = count;
        let strength = if gain >= 100.0 && fit.expected_minority() >= 20.0 {
            Strong
        } else {
            Moderate
        };
        let s = s.says(Fabricated, strength,
            format!("About {} of rows ({count} rows scored 0.5 or more) form a minority that looks generated: {}. Model gain {gain:.0} in log-likelihood.", pct(fit.pi), rows.profile.join("; ")),
            format!("约 {} 的行（{count} 行得分不低于 0.5）构成一个看起来是生成的少数群体。模型对数似然提高 {gain:.0}。", pct(fit.pi)));
        MixedResult {
            signal: s,
            rows,
            found: true,
        }
    } else {
        let s = s.says(Neutral, Weak,
            format!("No minority of generated-looking rows found (best split: {} of rows, log-likelihood gain {gain:.0}).", pct(fit.pi)),
            format!("未发现看起来是生成的少数行（最佳划分：{} 的行，对数似然提高 {gain:.0}）。", pct(fit.pi)));
        MixedResult {
            signal: s,
            rows,
            found: false,
        }
    }
}

/// Least log-likelihood gain of the crisp fit's minority ([`mixture::fit_crisp`]).
pub const MIN_GAIN_CRISP: f64 = 30.0;
/// Least gain of the fit with missing features left out: its minority is looser (no invalid
/// IDs to hold it together), and chance clusters in genuine-like samples reached a gain of 41
/// in the evaluation, 10 % Python-faker rows at 1,000 rows 72 or more.
pub const MIN_GAIN_SOFT: f64 = 55.0;

/// Whether a fit's minority is reported: weight 2–40 %, at least 5 rows, a gain of at least
/// `min_gain` in log-likelihood over independent features, and it looks generated (the
/// `invalid` tell, or two tells).
fn qualifies(fit: &mixture::Fit, t: &Tells, min_gain: f64) -> bool {
    (0.02..=0.4).contains(&fit.pi)
        && fit.expected_minority() >= 5.0
        && fit.ll2 - fit.ll1 >= min_gain
        && (t.invalid || t.count() >= 2)
}

/// Chooses between the two fits of the row model, with their tells:
/// 1. the fit with missing features left out ([`mixture::fit`]) when its minority qualifies
///    (gain at least [`MIN_GAIN_SOFT`]) and looks generated in at least two ways besides invalid IDs — generated rows with valid
///    IDs (flat ages, provinces, names contradicting the sex, addresses unlike the ID);
/// 2. else the fit with "unknown" as a category ([`mixture::fit_crisp`]) when its minority
///    qualifies (gain at least [`MIN_GAIN_CRISP`]) with the `invalid` tell — rows with invalid
///    IDs, found crisply (a valid-looking minority must pass the main fit's stricter gain);
/// 3. else the first fit (nothing found).
fn choose_fit(profiles: &[u64]) -> Option<(mixture::Fit, Tells, f64)> {
    let soft = mixture::fit(profiles)?;
    let ts = tells(&soft);
    if qualifies(&soft, &ts, MIN_GAIN_SOFT) && ts.count() - usize::from(ts.invalid) >= 2 {
        return Some((soft, ts, MIN_GAIN_SOFT));
    }
    if let Some(crisp) = mixture::fit_crisp(profiles) {
        let tc = tells(&crisp);
        if qualifies(&crisp, &tc, MIN_GAIN_CRISP) && tc.invalid {
            return Some((crisp, tc, MIN_GAIN_CRISP));
        }
    }
    Some((soft, ts, MIN_GAIN_SOFT))
}

/// The ways the minority class looks generated.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tells {
    pub invalid: bool,
    pub surnames: bool,
    pub name_sex: bool,
    pub provinces: bool,
    pub address: bool,
}

impl Tells {
    pub fn count(&self) -> usize {
        [
            self.invalid,
            self.surnames,
            self.name_sex,
            self.provinces,
            self.address,
        ]
        .iter()
        .filter(|&&b| b)
        .count()
    }
}

fn kl(p: &[f64], q: &[f64]) -> f64 {
    let (sp, sq): (f64, f64) = (p.iter().sum(), q.iter().sum());
    p.iter()
        .zip(q)
        .filter(|(a, b)| **a > 0.0 && **b > 0.0)
        .map(|(a, b)| (a / sp) * ((a / sp) / (b / sq)).ln())
        .sum()
}

/// The tells of a fitted model's minority class, each tested at the minority's own size (its
/// expected counts of rows with the feature observed), so that a small class's sampling noise
/// does not pass for a tell:
/// - `invalid`: at least 40 % of the minority invalid or inconsistent, under 20 % of the majority;
/// - `surnames`: the 95 % lower bound of the minority's share outside the top 100 at least 35 %
///   (published: 14 %), the majority under 30 %;
/// - `name_sex`: the lower bound of the minority's contradiction rate among telling given names
///   at least 25 %, the majority under 15 %;
/// - `provinces`: the minority's provinces (its estimated counts) fit an even spread or today's
///   county list better than the population, by a log-likelihood ratio of at least 10, and sit
///   further from the population than the majority's (Kullback–Leibler, by 0.1 nats);
/// - `address`: the lower bound of the minority's share of addresses naming another province
///   than the ID's or places that do not belong together at least 50 %, at least 30 points
///   above the majority's (genuine registers have migrants: never a tell on its own).
pub fn tells(fit: &mixture::Fit) -> Tells {
    let (f, g) = (&fit.f_counts, &fit.g_counts);
    let share = |k: f64, n: f64| k / n.max(1e-9);
    let lower = |k: f64, n: f64| wilson(k.round() as u64, n.round() as u64).0;
    let total = |d: &[f64]| d.iter().sum::<f64>();
    let bad = |d: &[f64]| d[profile::VALIDITY_INVALID] + d[profile::VALIDITY_DISAGREES];
    let named = |d: &[f64]| d[..5].iter().sum::<f64>();
    let outside = |d: &[f64]| d[2] + d[3] + d[4];
    let told = |d: &[f64]| d[..profile::ADDRESS_UNKNOWN].iter().sum::<f64>();
    let off = |d: &[f64]| d[profile::ADDRESS_OTHER] + d[profile::ADDRESS_INCONSISTENT];
    let pop = census_2020().province_shares();
    let provs = |d: &[f64]| kl(&d[..31], &pop);
    let prov_counts: Vec<u64> = f[1][..31].iter().map(|x| x.round() as u64).collect();
    // Flatter than the population: the minority's provinces fit an even spread (or today's
    // county list) better than the population, by a log-likelihood ratio of at least 10.
    let counties = census_2020().counties.map(|x| x as f64);
    let flat_llr = (mean_ll(&prov_counts, &[1.0; 31]).max(mean_ll(&prov_counts, &counties))
        - mean_ll(&prov_counts, &pop))
        * prov_counts.iter().sum::<u64>() as f64;
    let (fv, gv) = (&f[3], &g[3]);
    let (fs, gs) = (&f[2], &g[2]);
    let (fl, gl) = (&f[4], &g[4]);
    let (fa, ga) = (&f[5], &g[5]);
    Tells {
        invalid: share(bad(fv), total(fv)) >= 0.4 && share(bad(gv), total(gv)) < 0.2,
        surnames: lower(outside(fs), named(fs)) >= 0.35 && share(outside(gs), named(gs)) < 0.3,
        name_sex: lower(fl[1], fl[0] + fl[1]) >= 0.25 && share(gl[1], gl[0] + gl[1]) < 0.15,
        provinces: flat_llr >= 10.0 && provs(&f[1]) >= provs(&g[1]) + 0.1,
        address: lower(off(fa), told(fa)) >= 0.5
            && share(off(fa), told(fa)) >= share(off(ga), told(ga)) + 0.3,
    }
}

fn category_name(feature: usize, cat: usize) -> String {
    match feature {
        0 if cat == profile::AGE_CATS - 1 => "unknown".into(),
        0 if cat == profile::AGE_CATS - 2 => "90+".into(),
        0 => format!("{}–{}", cat * 5, cat * 5 + 4),
        1 => population::PROVINCES
            .get(cat)
            .and_then(|&c| crate::refdata::regions::province_name(c))
            .unwrap_or("other")
            .to_owned(),
        2 => [
            "top 5",
            "ranks 6–100",
            "other single",
            "compound",
            "unknown",
            "no name",
        ]
        .get(cat)
        .copied()
        .unwrap_or("?")
        .to_owned(),
        3 => [
            "valid",
            "invalid ID",
            "disagrees with another column",
            "no ID",
        ]
        .get(cat)
        .copied()
        .unwrap_or("?")
        .to_owned(),
        4 => ["agrees", "contradicts", "cannot tell"]
            .get(cat)
            .copied()
            .unwrap_or("?")
            .to_owned(),
        _ => [
            "names the ID's province",
            "names another province",
            "places that do not belong together",
            "cannot tell",
        ]
        .get(cat)
        .copied()
        .unwrap_or("?")
        .to_owned(),
    }
}

/// The verdict rule, applied in order:
/// 1. `likely_fabricated` when a **strong** fabricated signal is present (other than
///    `mixed_rows`);
/// 2. `mixed` when the row model found a minority of generated-looking rows (in a sample of at
///    most [`SMALL_SAMPLE`] rows only when that finding is strong);
/// 3. `likely_fabricated` when the sample has more than [`SMALL_SAMPLE`] rows and the
///    fabricated side weighs at least 4 (strong 3, moderate 2, weak 1) and more than the
///    genuine side;
/// 4. `inconclusive` when there are at most [`SMALL_SAMPLE`] rows or no identity or name
///    column;
/// 5. `consistent` when the genuine side weighs at least 3 and the fabricated side at most 2;
/// 6. `inconclusive` otherwise.
pub fn verdict(
    signals: &[(Signal, Direction, Strength)],
    mixed: bool,
    rows: u64,
    checkable: bool,
) -> Verdict {
    let weight = |d: Direction| -> i64 {
        signals
            .iter()
            .filter(|s| s.1 == d)
            .map(|s| s.2 as i64)
            .sum()
    };
    let (fab, gen) = (weight(Direction::Fabricated), weight(Direction::Genuine));
    let strong_fab = signals
        .iter()
        .any(|s| s.1 == Direction::Fabricated && s.2 == Strength::Strong && s.0.id != "mixed_rows");
    let evidence_of = |d: Direction| -> Vec<String> {
        let mut v: Vec<&(Signal, Direction, Strength)> =
            signals.iter().filter(|s| s.1 == d).collect();
        v.sort_by_key(|s| std::cmp::Reverse(s.2));
        v.iter().map(|s| s.0.id.clone()).collect()
    };
    let list = |ids: &[String]| ids.iter().take(4).cloned().collect::<Vec<_>>().join(", ");
    let small = rows <= SMALL_SAMPLE;
    let mixed_strong = signals
        .iter()
        .any(|s| s.0.id == "mixed_rows" && s.2 == Strength::Strong);
    let mixed = mixed && (!small || mixed_strong);
    let (level, evidence, en, zh) = if strong_fab || (!small && fab >= 4 && fab > gen && !mixed) {
        let e = evidence_of(Direction::Fabricated);
        (
            "likely_fabricated",
            e.clone(),
            format!("The sample shows signs of fabrication ({}). This is evidence, not proof: check the signals and, where possible, contact some of the people.", list(&e)),
            format!("样本显示出伪造的迹象（{}）。这是证据而非证明：请查看各项信号，并尽可能联系其中一些人核实。", list(&e)),
        )
    } else if mixed {
        let mut e = vec!["mixed_rows".to_owned()];
        e.extend(
            evidence_of(Direction::Fabricated)
                .into_iter()
                .filter(|i| i != "mixed_rows"),
        );
        (
            "mixed",
            e,
            "Most rows are consistent with genuine records, but a minority looks generated: see the suspicious rows. The sample may have been padded or assembled from several sources.".to_owned(),
            "大多数行与真实记录一致，但有少数行看起来是生成的：见可疑行列表。样本可能被掺入了编造的数据，或由多个来源拼凑而成。".to_owned(),
        )
    } else if small || !checkable {
        let need = if !checkable {
            "a column of identity numbers (or names and birth dates)".to_owned()
        } else {
            format!("more than {SMALL_SAMPLE} rows (better 1,000)")
        };
        let need_zh = if !checkable {
            "一列身份号码（或姓名和出生日期）".to_owned()
        } else {
            format!("超过 {SMALL_SAMPLE} 行（最好 1,000 行）")
        };
        let (en, zh) = if !checkable {
            (
                format!("Too little to judge by: {rows} rows but no column the population signals can use; they need {need}."),
                format!("可供判断的信息太少：有 {rows} 行，但没有人口结构信号可用的列；需要{need_zh}。"),
            )
        } else {
            (
                format!("Too little data to judge: {rows} rows. The population-shape signals need {need}; only gross errors could show here."),
                format!("数据太少，无法判断：只有 {rows} 行。人口结构方面的信号需要{need_zh}；这里只能发现明显的错误。"),
            )
        };
        ("inconclusive", evidence_of(Direction::Fabricated), en, zh)
    } else if gen >= 3 && fab <= 2 {
        let e = evidence_of(Direction::Genuine);
        (
            "consistent",
            e.clone(),
            format!("The sample is consistent with genuine records ({}). Consistency is not authenticity: a careful forger or a copy of an older leak can look the same.", list(&e)),
            format!("样本与真实记录一致（{}）。一致不等于真实：精心伪造的数据或旧泄露数据的副本看起来也可能一样。", list(&e)),
        )
    } else {
        let mut e = evidence_of(Direction::Fabricated);
        e.extend(evidence_of(Direction::Genuine));
        (
            "inconclusive",
            e,
            "The signals point both ways or are too weak to say whether the records are genuine; more rows or more columns (names, addresses, phones) would help.".to_owned(),
            "各项信号方向不一或太弱，无法判断记录是否真实；更多的行或更多的列（姓名、地址、电话）会有帮助。".to_owned(),
        )
    };
    Verdict {
        level: level.to_owned(),
        score: fab - gen,
        summary: finding(en, zh),
        evidence,
    }
}

/// The whole assessment.
pub fn assess(inp: &Input) -> Assessment {
    let mixed = mixed_rows(inp);
    let found = mixed.found;
    let suspicious = mixed.rows.clone();
    let sigs = signals(inp, &mixed);
    let checkable = inp.identity_column.is_some() || inp.name_column.is_some();
    let verdict = verdict(&sigs, found, inp.rows, checkable);
    Assessment {
        verdict,
        signals: sigs.into_iter().map(|s| s.0).collect(),
        suspicious_rows: suspicious,
        identity: inp.identity.clone(),
    }
}

#[cfg(test)]
#[allow(clippy::field_reassign_with_default, clippy::needless_range_loop)]
mod tests {
    use super::*;

    #[test]
    fn large_numbers_in_findings_are_grouped() {
        assert_eq!(
            group_thousands("747771 of 750000 (31.8 %), 2229 invalid; the 2020 census, 2026-11-24"),
            "747,771 of 750,000 (31.8 %), 2,229 invalid; the 2020 census, 2026-11-24"
        );
        assert_eq!(
            group_thousands("χ² = 87239.8, p = 1.9e-30"),
            "χ² = 87,239.8, p = 1.9e-30"
        );
        assert_eq!(
            group_thousands("0.0001234 x12345 12345y 100000"),
            "0.0001234 x12345 12345y 100,000"
        );
        assert_eq!(
            group_thousands("有 237607 个（31.8 %）"),
            "有 237,607 个（31.8 %）"
        );
        assert_eq!(group_thousands("-123456"), "-123,456");
        assert_eq!(
            group_thousands("1799 1800 2100 2101 9999"),
            "1,799 1800 2100 2,101 9,999"
        );
        assert_eq!(group_thousands(""), "");
    }

    #[test]
    fn rates_per_100_keep_a_decimal_below_10() {
        assert_eq!(per100_text(0.512), "0.5");
        assert_eq!(per100_text(9.94), "9.9");
        assert_eq!(per100_text(9.96), "10");
        assert_eq!(per100_text(12.4), "12");
    }

    #[test]
    fn p_values_in_texts_never_print_zero() {
        assert_eq!(p_is(1.875e-30), "= 1.9e-30");
        assert_eq!(p_is(0.0), "< 1e-300");
        assert_eq!(p_is(f64::MIN_POSITIVE), "< 1e-300");
    }

    fn input(st: &SampleStats) -> Input<'_> {
        Input {
            stats: st,
            rows: st.rows.max(1000),
            columns: &[],
            cross_checks: &[],
            normalizations: 0,
            identity: IdentityInfo {
                column: "id".into(),
                validator: "cn_ric".into(),
                country: "CN".into(),
                reference: "cn_census_2020".into(),
            },
            identity_column: Some(0),
            name_column: None,
            address_column: None,
            phone_column: None,
            phone_city: &phone_city::NONE,
            reference_date: Date::new(2022, 7, 1).unwrap(),
            max_listed: 10,
        }
    }

    fn get(st: &SampleStats, id: &str) -> (Signal, Direction, Strength) {
        let mixed = mixed_rows(&input(st));
        signals(&input(st), &mixed)
            .into_iter()
            .find(|s| s.0.id == id)
            .unwrap()
    }

    /// Signal `id`'s English finding ends with `en_end` and its Chinese one holds `zh_part`
    /// (both as the findings write their numbers, in thousands).
    fn says(st: &SampleStats, id: &str, en_end: &str, zh_part: &str) {
        let (s, _, _) = get(st, id);
        let en = &s.finding.en;
        assert!(en.ends_with(&group_thousands(en_end)), "{en}");
        let zh = &s.finding.zh;
        assert!(zh.contains(&group_thousands(zh_part)), "{zh}");
    }

    /// A key that a sampled map past its capacity never keeps (its top bit set).
    fn unsampled_key() -> u64 {
        (0..)
            .map(|i: u64| crate::stats::sampled::hash64(format!("filler {i}").as_bytes()))
            .find(|&k| k >> 63 == 1)
            .unwrap_or(u64::MAX)
    }

    /// Past the maps' capacity the duplicate and shared-phone findings give the scaled
    /// estimates (as their values do) and say, in both languages, that they are estimates.
    #[test]
    fn sampled_counts_are_scaled_and_said_to_be_estimates() {
        use crate::stats::sampled::hash64;
        let mut st = SampleStats::default();
        st.rows = 400_000;
        st.phone_valid = 400_000;
        for i in 0..200_000u64 {
            let key = hash64(&i.to_le_bytes());
            // Every 100th number on three rows, every 500th row twice.
            for _ in 0..if i % 100 == 0 { 3 } else { 1 } {
                st.phone_numbers.add(key, 1);
            }
            for _ in 0..if i % 500 == 0 { 2 } else { 1 } {
                st.row_hashes.add(key, 1);
            }
        }
        assert!(!st.phone_numbers.exact() && !st.row_hashes.exact());
        let (s, _, _) = get(&st, "shared_phones");
        let shared = s.value.unwrap();
        // 2,000 numbers shared by three rows; ± 5 standard errors of the sampled count.
        let se = (2_000.0 * st.phone_numbers.scale()).sqrt();
        assert!((shared - 2_000.0).abs() < 5.0 * se, "{shared} ± {se}");
        assert!(
            s.finding.en.starts_with(&format!("{shared:.0} numbers")),
            "{}",
            s.finding.en
        );
        assert!(s.finding.en.contains("estimated") && s.finding.zh.contains("估计"));
        // No bucket stands out: the most shared of the sample, and the fullest bucket as a bound.
        for i in 0..200_000u64 {
            let key = hash64(&i.to_le_bytes());
            st.phone_buckets[key as usize % crate::stats::BUCKETS] +=
                if i % 100 == 0 { 3 } else { 1 };
        }
        let heavy = st.heavy_phone();
        let top = heavy.top;
        assert_eq!(heavy.about, None);
        says(
            &st,
            "shared_phones",
            &format!("the most shared among those sampled appears 3 times, and no number more than {top} times."),
            &format!("任何号码都不超过 {top} 次"),
        );
        // A filler number on 4,000 rows that the sample left out stands out of its bucket.
        let filler = unsampled_key();
        st.phone_buckets[filler as usize % crate::stats::BUCKETS] += 4_000;
        let heavy = st.heavy_phone();
        let about = heavy.about.unwrap();
        assert!(about.abs_diff(4_000) < 100, "{about}");
        assert!(heavy.sigma > 1.0 && heavy.sigma < 30.0, "{heavy:?}");
        says(
            &st,
            "shared_phones",
            &format!("one number appears about {about} times (from counts of all the numbers by hash bucket)."),
            &format!("有一个号码出现约 {about} 次"),
        );
        // The same number among those sampled: its exact count is the most shared.
        let kept = (0..)
            .map(|i: u64| hash64(format!("kept {i}").as_bytes()))
            .find(|&k| k >> 56 == 0 && k % 4096 == filler % 4096)
            .unwrap();
        st.phone_numbers.add(kept, 4_000);
        assert!(st.phone_numbers.values().any(|&c| c == 4_000));
        let (s, _, _) = get(&st, "shared_phones");
        assert!(
            s.finding.en.contains(&group_thousands(
                "the most shared among those sampled appears 4000 times"
            )),
            "{}",
            s.finding.en
        );
        let (d, _, _) = get(&st, "duplicates");
        let dup = d.value.unwrap();
        let se = (400.0 * st.row_hashes.scale()).sqrt();
        assert!((dup - 400.0).abs() < 5.0 * se, "{dup} ± {se}");
        assert!(d.finding.en.contains("estimated") && d.finding.zh.contains("估计"));
    }

    /// The `duplicates` finding names the ID on the most rows: exactly while the map holds
    /// every ID; past its capacity the most repeated of the sample, with the fullest bucket as
    /// a bound, or a filler ID the sample left out, found by its bucket.
    #[test]
    fn the_id_on_the_most_rows_is_named_exactly_or_from_its_bucket() {
        use crate::stats::sampled::hash64;
        use crate::stats::IdEntry;
        let add = |st: &mut SampleStats, key: u64, count: u32| {
            let entry = IdEntry {
                count,
                name: 0,
                birth: 0,
                conflict: 0,
            };
            st.ids.add(key, entry);
            st.id_buckets[key as usize % crate::stats::BUCKETS] += u64::from(count);
            st.id.values += u64::from(count);
            st.id.valid += u64::from(count);
        };
        // `n` IDs, every `every`-th on `times` rows.
        let ids = |n: u64, every: u64, times: u32| {
            let mut st = SampleStats {
                rows: n + n / every * u64::from(times - 1),
                ..SampleStats::default()
            };
            for i in 0..n {
                let count = if i % every == 0 { times } else { 1 };
                add(&mut st, hash64(&i.to_le_bytes()), count);
            }
            st
        };
        // Exact: 1,000 IDs, every 50th on 2 rows, then one on 7.
        let mut st = ids(1_000, 50, 2);
        let en = get(&st, "duplicates").0.finding.en;
        assert!(en.contains("20 IDs appear more than once"), "{en}");
        let ends = |n: u32| {
            (
                format!("; the most repeated appears {n} times."),
                format!("；重复最多的号码出现 {n} 次。"),
            )
        };
        let (en, zh) = ends(2);
        says(&st, "duplicates", &en, &zh);
        add(&mut st, hash64(b"seven"), 7);
        let (en, zh) = ends(7);
        says(&st, "duplicates", &en, &zh);
        // No repeat: no clause.
        says(&ids(100, 1, 1), "duplicates", "birth date.", "出生日期。");

        // Past the capacity: 200,000 IDs, every 100th on 3 rows.
        let mut st = ids(200_000, 100, 3);
        assert!(!st.ids.exact());
        let heavy = st.heavy_id();
        let top = heavy.top;
        assert_eq!(heavy.about, None);
        says(
            &st,
            "duplicates",
            &format!("; the most repeated among those sampled appears 3 times, and no ID more than {top} times."),
            &format!("任何号码都不超过 {top} 次"),
        );
        // A filler ID on 4,000 rows that the sample left out stands out of its bucket; it is
        // one of the IDs appearing more than once.
        let filler = unsampled_key();
        let before = get(&st, "duplicates").0.value;
        add(&mut st, filler, 4_000);
        assert!(!st.ids.values().any(|e| e.count == 4_000));
        let about = st.heavy_id().about.unwrap();
        assert!(about.abs_diff(4_000) < 100, "{about}");
        says(
            &st,
            "duplicates",
            &format!(
                "; one ID appears about {about} times (from counts of all the IDs by hash bucket)."
            ),
            &format!("有一个号码出现约 {about} 次"),
        );
        assert_eq!(get(&st, "duplicates").0.value, before);
    }

    #[test]
    fn every_signal_has_an_explanation_and_a_fixed_order() {
        let st = SampleStats::default();
        let mixed = mixed_rows(&input(&st));
        let ids: Vec<String> = signals(&input(&st), &mixed)
            .into_iter()
            .map(|s| s.0.id)
            .collect();
        assert_eq!(ids.len(), texts::EXPLANATIONS.len());
        for (id, e) in ids.iter().zip(texts::EXPLANATIONS) {
            assert_eq!(id, e.0);
        }
    }

    #[test]
    fn validity() {
        let mut st = SampleStats::default();
        st.id.values = 1000;
        st.id.valid = 95;
        let (s, d, k) = get(&st, "id_validity");
        assert_eq!((d, k), (Direction::Fabricated, Strength::Strong));
        assert!(s.interval.unwrap()[0] > 0.88);
        st.id.valid = 997;
        assert_eq!(get(&st, "id_validity").1, Direction::Genuine);
        st.id.values = 10;
        st.id.valid = 0;
        assert!(!get(&st, "id_validity").0.tested);
    }

    #[test]
    fn invalid_kinds_tell_typos_from_random_digits() {
        let mut st = SampleStats::default();
        st.id.checksum = 40;
        st.id.typo_like = 38;
        assert_eq!(get(&st, "invalid_kinds").1, Direction::Genuine);
        st.id.typo_like = 2;
        st.id.random_like = 38;
        assert_eq!(get(&st, "invalid_kinds").1, Direction::Fabricated);
    }

    #[test]
    fn abolished_codes_absent_where_expected() {
        let mut st = SampleStats::default();
        st.id.with_region = 1000;
        st.id.expected_abolished_ppm = 1000 * 400_000; // 40 % expected, 10 % after discount
        let (s, d, k) = get(&st, "abolished_codes");
        assert_eq!((d, k), (Direction::Fabricated, Strength::Strong));
        assert!(s.p_value.unwrap() < 1e-30);
        st.id.abolished = 150;
        assert_eq!(get(&st, "abolished_codes").1, Direction::Genuine);
        // Young people: nothing expected, nothing concluded.
        st.id.abolished = 0;
        st.id.expected_abolished_ppm = 1000 * 10_000;
        assert!(!get(&st, "abolished_codes").0.tested);
    }

    #[test]
    fn ages_uniform_over_adults_are_caught() {
        let mut st = SampleStats::default();
        for a in 18..=80 {
            st.ages[a] = 40;
        }
        let (s, d, _) = get(&st, "age_uniformity");
        assert_eq!(d, Direction::Fabricated, "{:?}", s.finding.en);
        // Census-like: thinning after 60.
        for a in 60..=80 {
            st.ages[a] = 40 - (a as u64 - 60) * 3 / 2;
        }
        assert_eq!(get(&st, "age_uniformity").1, Direction::Neutral);
        // No children among 2,500 people.
        assert_eq!(get(&st, "children_elderly").1, Direction::Fabricated);
    }

    #[test]
    fn days_1_to_28_only() {
        let mut st = SampleStats::default();
        for d in 0..28 {
            st.days[d] = 20;
        }
        assert_eq!(get(&st, "birth_date_heaping").1, Direction::Fabricated);
        st.days[29] = 40;
        assert_eq!(get(&st, "birth_date_heaping").1, Direction::Neutral);
    }

    #[test]
    fn provinces() {
        let mut st = SampleStats::default();
        for p in 0..31 {
            st.provinces[p] = 40;
        }
        let (_, d, k) = get(&st, "region_distribution");
        assert_eq!((d, k), (Direction::Fabricated, Strength::Strong));
        let pop = census_2020().province_shares();
        for p in 0..31 {
            st.provinces[p] = (pop[p] * 3000.0).round() as u64;
        }
        assert_eq!(get(&st, "region_distribution").1, Direction::Genuine);
        st.provinces[8] = 5000; // Shanghai: regional
        assert_eq!(get(&st, "region_distribution").1, Direction::Neutral);
    }

    #[test]
    fn surnames_and_given_names() {
        let mut st = SampleStats::default();
        st.surname_classes = [10, 190, 700, 100, 0];
        assert_eq!(get(&st, "surname_distribution").2, Strength::Strong);
        assert_eq!(get(&st, "surname_top100").1, Direction::Fabricated);
        st.surname_classes = [310, 550, 130, 3, 7];
        assert_eq!(get(&st, "surname_distribution").1, Direction::Genuine);
        assert_eq!(get(&st, "surname_top100").1, Direction::Neutral);
        st.lean_checked = 400;
        st.lean_contradicts = 190;
        assert_eq!(get(&st, "given_name_sex").1, Direction::Fabricated);
        st.lean_contradicts = 12;
        assert_eq!(get(&st, "given_name_sex").1, Direction::Genuine);
    }

    /// A regional sample (synthetic: every ID from 辽宁, ages shaped like Liaoning's old
    /// population) is measured against Liaoning's census profile, which it fits better than the
    /// national one, and the finding names the reference; with addresses, residence is used.
    #[test]
    fn age_shape_uses_the_regional_profile() {
        let mut st = SampleStats::default();
        // 1,000 people: 11.1 / 63.2 / 8.3 / 17.4 % (Liaoning, 2020 census table 5-2).
        for (age, count) in [(5, 40), (10, 71), (30, 300), (45, 332), (62, 83), (75, 174)] {
            st.ages[age] = count;
        }
        let ln = population::province_index(210000).unwrap();
        let national = {
            let (s, _, _) = get(&st, "age_shape");
            assert!(
                s.finding.en.contains("the national 2020 census"),
                "{}",
                s.finding.en
            );
            assert!(
                s.finding.zh.contains("全国 2020 年普查"),
                "{}",
                s.finding.zh
            );
            s.value.unwrap()
        };
        st.provinces[ln] = 1000;
        let (s, d, _) = get(&st, "age_shape");
        let regional = s.value.unwrap();
        assert!(
            regional < 0.01 && regional < national - 0.05,
            "{regional} vs {national}"
        );
        assert_eq!(d, Direction::Genuine);
        assert!(
            s.finding.en.contains("by ID region: 辽宁省 100 %"),
            "{}",
            s.finding.en
        );
        assert!(
            s.finding.zh.contains("按身份号码地区：辽宁省 100%"),
            "{}",
            s.finding.zh
        );
        // Addresses naming a province for most people: residence is the weight.
        let bj = population::province_index(110000).unwrap();
        st.address_vs_id[bj * 32 + ln] = 900;
        let (s, _, _) = get(&st, "age_shape");
        assert!(
            s.finding.en.contains("by address: 北京市 100 %"),
            "{}",
            s.finding.en
        );
        assert!(s.value.unwrap() > regional + 0.04, "{:?}", s.value);
        // A province without a shipped profile: the national bands, and the text says why.
        let Some(other) = census_2020().province_ages.iter().position(Option::is_none) else {
            return;
        };
        st.address_vs_id[bj * 32 + ln] = 0;
        st.address_vs_id[other * 32 + ln] = 900;
        let (s, _, _) = get(&st, "age_shape");
        let name = crate::refdata::regions::province_name(population::PROVINCES[other]).unwrap();
        let want = format!(
            "no provincial profile is shipped for the sample's provinces, by address: {name} 100 %"
        );
        assert!(s.finding.en.contains(&want), "{}", s.finding.en);
        assert!((s.value.unwrap() - national).abs() < 1e-12);
    }

    #[test]
    fn non_chinese_identity_has_no_reference() {
        let mut st = SampleStats::default();
        for a in 18..=80 {
            st.ages[a] = 40;
        }
        let mut inp = input(&st);
        inp.identity.country = "SE".into();
        inp.identity.reference = "none".into();
        let mixed = mixed_rows(&inp);
        let sigs = signals(&inp, &mixed);
        let age = sigs.iter().find(|s| s.0.id == "age_shape").unwrap();
        assert!(!age.0.tested && age.0.finding.en.contains("no population reference"));
    }

    fn sig(id: &str, d: Direction, k: Strength) -> (Signal, Direction, Strength) {
        (
            Signal {
                id: id.into(),
                ..Signal::default()
            },
            d,
            k,
        )
    }

    #[test]
    fn verdict_rule() {
        use Direction::*;
        use Strength::*;
        let g = [
            sig("a", Genuine, Moderate),
            sig("b", Genuine, Weak),
            sig("c", Fabricated, Weak),
        ];
        assert_eq!(verdict(&g, false, 1000, true).level, "consistent");
        assert_eq!(verdict(&g, false, 200, true).level, "inconclusive");
        assert_eq!(verdict(&g, false, 1000, false).level, "inconclusive");
        let strong = [sig("a", Genuine, Strong), sig("x", Fabricated, Strong)];
        let v = verdict(&strong, true, 150, true);
        assert_eq!(v.level, "likely_fabricated");
        assert_eq!(v.evidence, ["x"]);
        let m = [
            sig("a", Genuine, Moderate),
            sig("mixed_rows", Fabricated, Moderate),
        ];
        assert_eq!(verdict(&m, true, 1000, true).level, "mixed");
        assert_eq!(verdict(&m, true, 150, true).level, "inconclusive");
        let many = [
            sig("p", Fabricated, Moderate),
            sig("q", Fabricated, Moderate),
            sig("r", Genuine, Weak),
        ];
        assert_eq!(verdict(&many, false, 1000, true).level, "likely_fabricated");
        for v in [
            verdict(&g, false, 1000, true),
            verdict(&many, false, 1000, true),
        ] {
            assert!(!v.summary.en.contains("proves") && !v.summary.zh.is_empty());
        }
    }
}
