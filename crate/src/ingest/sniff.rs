//! Sniffing: format, delimiter and header.
//!
//! * Format: `[` → JSON array; `{` on a first line that is a whole JSON value → JSON Lines
//!   (otherwise a single JSON document, e.g. an Elasticsearch search response; a search
//!   response alone on its line is one document too, and JSON Lines whose first line is one
//!   are read as every line's hits: `Layout::search_responses`); a first
//!   statement such as `INSERT`, `CREATE`, `DROP`, `SET`, `LOCK` (after comments) → SQL;
//!   everything else is delimited or loose text.
//! * Delimiter: every candidate splits a sample of the first records (quotes respected for the
//!   one-byte delimiters of CSV/TSV); the candidate with the most consistent field count (at
//!   least two fields) wins, ties going to the more specific separator.
//! * Header: see [`looks_like_header`].

use super::{column_name, delimited, json, sql, text, IngestOptions, InputFormat, Layout};
use crate::error::{Error, Result};

/// Records sampled for the delimiter and the header.
pub(crate) const SAMPLE_RECORDS: usize = 100;

/// Candidate separators in order of preference when they score the same.
const CANDIDATES: &[&str] = &["----", "\t", ",", ";", "|", "；", "  "];

/// Normalises a forced delimiter (aliases `tab`, `\t`, `space`, `spaces`).
fn forced_delimiter(opts: &IngestOptions) -> Result<Option<String>> {
    let Some(d) = opts.delimiter.as_deref() else {
        return Ok(None);
    };
    let d = match d {
        "tab" | "\\t" | "TAB" => "\t",
        "space" | "spaces" | " " => "  ",
        other => other,
    };
    if d.is_empty() {
        return Err(Error::BadOptions("the delimiter is empty".into()));
    }
    Ok(Some(d.to_owned()))
}

/// The format a delimiter implies when only the delimiter is forced.
fn format_for_delimiter(d: &str) -> InputFormat {
    match d {
        "\t" => InputFormat::Tsv,
        "," | ";" | "|" => InputFormat::Csv,
        d if d.len() == 1 && d.is_ascii() && d != " " => InputFormat::Csv,
        _ => InputFormat::Text,
    }
}

/// Whether the first significant line of `text` starts an SQL statement.
fn looks_like_sql(text: &str) -> bool {
    const KEYWORDS: &[&str] = &[
        "INSERT", "REPLACE", "CREATE", "DROP", "SET", "LOCK", "UNLOCK", "USE", "BEGIN", "START",
        "ALTER", "COMMIT",
    ];
    let mut in_comment = false;
    for line in text.lines().take(10_000) {
        let l = line.trim();
        if in_comment {
            if let Some(end) = l.find("*/") {
                in_comment = false;
                let rest = l
                    .get(end + 2..)
                    .unwrap_or("")
                    .trim()
                    .trim_start_matches(';');
                if rest.trim().is_empty() {
                    continue;
                }
                return starts_statement(rest.trim(), KEYWORDS);
            }
            continue;
        }
        // psql's meta-commands (`\restrict …`, which pg_dump writes since 17.6, `\connect …`)
        // are lines of their own, not statements.
        if l.is_empty() || l.starts_with("--") || l.starts_with('#') || l.starts_with('\\') {
            continue;
        }
        if l.starts_with("/*") {
            if let Some(end) = l.get(2..).and_then(|r| r.find("*/")) {
                let rest = l
                    .get(end + 4..)
                    .unwrap_or("")
                    .trim()
                    .trim_start_matches(';');
                if rest.trim().is_empty() {
                    continue;
                }
                return starts_statement(rest.trim(), KEYWORDS);
            }
            in_comment = true;
            continue;
        }
        return starts_statement(l, KEYWORDS);
    }
    false
}

/// Whether line `l` starts one of `keywords`' statements or PostgreSQL's `COPY table … FROM
/// stdin` (pg_dump's data; a bare `COPY` would take loose text starting "Copy of…" for SQL).
fn starts_statement(l: &str, keywords: &[&str]) -> bool {
    if starts_with_keyword(l, keywords) {
        return true;
    }
    let upper = l.to_ascii_uppercase();
    let mut words = upper.split_ascii_whitespace();
    words.next() == Some("COPY")
        && upper
            .split(|c: char| c.is_ascii_whitespace() || c == ';' || c == ')')
            .collect::<Vec<_>>()
            .windows(2)
            .any(|w| w == ["FROM", "STDIN"])
}

fn starts_with_keyword(l: &str, keywords: &[&str]) -> bool {
    let word: String = l
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect::<String>()
        .to_ascii_uppercase();
    keywords.contains(&word.as_str())
}

/// Sniffs the format of `text` (delimited formats are refined later).
fn detect_format(text: &str) -> Option<InputFormat> {
    let t = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if t.starts_with('[') {
        return Some(InputFormat::Json);
    }
    if t.starts_with('{') {
        let (first, rest) = t.split_once('\n').unwrap_or((t, ""));
        let first = first.trim();
        let is_line_value = serde_json::from_str::<&serde_json::value::RawValue>(first).is_ok();
        // A search response on one line (Elasticsearch answers compact unless asked for
        // `?pretty`) is one document: its hits are the records, not the response. Followed by
        // more lines, it is JSON Lines of search responses, read as every line's hits
        // (`json::layout`, the same rule: `json::is_search_response_line`).
        let one_search_response =
            is_line_value && rest.trim().is_empty() && json::es_hits_start(first).is_some();
        return Some(if is_line_value && !one_search_response {
            InputFormat::Jsonl
        } else {
            InputFormat::Json
        });
    }
    if looks_like_sql(t) {
        return Some(InputFormat::Sql);
    }
    None
}

/// Whether [`sniff`] reads `text` as an SQL dump (forced, or sniffed from its first
/// statement): cheap, for a stream deciding whether its head may hold many records on few lines.
pub(crate) fn is_sql(text: &str, opts: &IngestOptions) -> bool {
    match (opts.format, opts.delimiter.as_deref()) {
        (Some(f), _) => f == InputFormat::Sql,
        (None, Some(_)) => false,
        (None, None) => detect_format(text) == Some(InputFormat::Sql),
    }
}

/// Splits a sample of records with `delim`.
fn sample_with(text_in: &str, delim: &str, format: InputFormat) -> Vec<Vec<String>> {
    match format {
        InputFormat::Csv | InputFormat::Tsv => match delim.as_bytes() {
            [b] => delimited::sample(text_in, *b, SAMPLE_RECORDS),
            _ => Vec::new(),
        },
        _ => text::sample(text_in, delim, SAMPLE_RECORDS),
    }
}

/// The most common field count and the share of records that have it.
fn consistency(rows: &[Vec<String>]) -> (usize, f64) {
    if rows.is_empty() {
        return (0, 0.0);
    }
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for r in rows {
        let n = r.len();
        match counts.iter_mut().find(|(k, _)| *k == n) {
            Some((_, c)) => *c += 1,
            None => counts.push((n, 1)),
        }
    }
    // Most frequent count; ties go to the larger count.
    let (modal, freq) = counts
        .iter()
        .copied()
        .max_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)))
        .unwrap_or((0, 0));
    (modal, freq as f64 / rows.len() as f64)
}

/// Picks the best delimiter among `candidates` (each with the format it implies).
fn choose_delimiter(
    text_in: &str,
    candidates: &[(&str, InputFormat)],
) -> Option<(String, InputFormat, Vec<Vec<String>>)> {
    let mut best: Option<(f64, String, InputFormat, Vec<Vec<String>>)> = None;
    for &(d, f) in candidates {
        let rows = sample_with(text_in, d, f);
        let (modal, share) = consistency(&rows);
        if modal < 2 {
            continue;
        }
        if best.as_ref().is_none_or(|(s, ..)| share > *s + 1e-9) {
            best = Some((share, d.to_owned(), f, rows));
        }
    }
    best.map(|(_, d, f, rows)| (d, f, rows))
}

/// The delimiter candidates for a format (or for any delimited/text format).
fn candidates_for(format: Option<InputFormat>) -> Vec<(&'static str, InputFormat)> {
    CANDIDATES
        .iter()
        .filter_map(|&d| {
            let natural = format_for_delimiter(d);
            match format {
                None => Some((d, natural)),
                Some(InputFormat::Csv) if d.len() == 1 => Some((d, InputFormat::Csv)),
                Some(InputFormat::Tsv) if d == "\t" => Some((d, InputFormat::Tsv)),
                Some(InputFormat::Text) => Some((d, InputFormat::Text)),
                _ => None,
            }
        })
        .collect()
}

/// Sniffs format, delimiter and header from the text, honouring what `opts` forces.
pub fn sniff(text_in: &str, opts: &IngestOptions) -> Result<Layout> {
    sniff_keys(text_in, opts, None)
}

/// [`sniff`], the columns of JSON Lines, of a top-level JSON array and of an SQL dump taken
/// from the keys or column names of the first `jsonl_keys` records only (all for `None`): what
/// a stream that plans from its head can know.
pub(crate) fn sniff_keys(
    text_in: &str,
    opts: &IngestOptions,
    jsonl_keys: Option<usize>,
) -> Result<Layout> {
    let forced_delim = forced_delimiter(opts)?;
    if text_in
        .trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        .is_empty()
        && opts.format.is_none()
    {
        return Ok(Layout {
            format: InputFormat::Csv,
            delimiter: Some(forced_delim.unwrap_or_else(|| ",".into())),
            has_header: false,
            headers: Vec::new(),
            search_responses: false,
        });
    }

    let format = match (opts.format, forced_delim.as_deref()) {
        (Some(f), _) => Some(f),
        (None, Some(d)) => Some(format_for_delimiter(d)),
        (None, None) => detect_format(text_in),
    };

    match format {
        Some(InputFormat::Json | InputFormat::Jsonl) => json::layout(
            text_in,
            format.unwrap_or(InputFormat::Json),
            opts.has_header,
            jsonl_keys,
        ),
        Some(InputFormat::Sql) => sql::layout(text_in, jsonl_keys),
        _ => {
            let (delim, format, rows) = match forced_delim {
                Some(d) => {
                    let f = format.unwrap_or_else(|| format_for_delimiter(&d));
                    if matches!(f, InputFormat::Csv | InputFormat::Tsv) && d.len() != 1 {
                        return Err(Error::BadOptions(format!(
                            "the {} format needs a one-byte delimiter, not {d:?}; use format \"text\"",
                            if f == InputFormat::Tsv { "tsv" } else { "csv" }
                        )));
                    }
                    let rows = sample_with(text_in, &d, f);
                    (d, f, rows)
                }
                None => match choose_delimiter(text_in, &candidates_for(format)) {
                    Some(found) => found,
                    None => {
                        // One column: every line is one value.
                        let f = format.unwrap_or(InputFormat::Csv);
                        let d = if f == InputFormat::Tsv { "\t" } else { "," };
                        let rows = sample_with(text_in, d, f);
                        (d.to_owned(), f, rows)
                    }
                },
            };
            Ok(delimited_layout(format, delim, &rows, opts.has_header))
        }
    }
}

/// Layout of delimited or text input from its sampled rows.
fn delimited_layout(
    format: InputFormat,
    delim: String,
    rows: &[Vec<String>],
    forced_header: Option<bool>,
) -> Layout {
    let has_header = forced_header.unwrap_or_else(|| match rows.split_first() {
        Some((first, rest)) => looks_like_header(first, rest),
        None => false,
    });
    let headers = if has_header {
        header_names(rows.first().map(Vec::as_slice).unwrap_or(&[]))
    } else {
        let (modal, _) = consistency(rows);
        let widest = rows.iter().map(Vec::len).max().unwrap_or(0);
        let n = if modal == 0 { widest } else { modal };
        (0..n).map(column_name).collect()
    };
    Layout {
        format,
        delimiter: Some(delim),
        has_header,
        headers,
        search_responses: false,
    }
}

/// Header names from a header record: trimmed, invisible characters removed, empty names
/// replaced by `column N`.
pub(crate) fn header_names(first: &[String]) -> Vec<String> {
    first
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let (n, _) = crate::normalize::normalize(h);
            if n.is_empty() {
                column_name(i)
            } else {
                n.into_owned()
            }
        })
        .collect()
}

/// Words that name a column, in lower case: Chinese labels (matched as substrings), pinyin
/// initials and English words (matched as whole words).
const CHINESE_LABELS: &[&str] = &[
    "姓名",
    "名字",
    "身份证",
    "证件",
    "号码",
    "手机",
    "电话",
    "联系",
    "地址",
    "住址",
    "出生",
    "生日",
    "性别",
    "年龄",
    "民族",
    "籍贯",
    "户籍",
    "邮箱",
    "单位",
    "职业",
    "备注",
    "序号",
    "编号",
    "日期",
    "时间",
    "省份",
    "城市",
    "区县",
    "邮编",
    "学历",
    "婚姻",
    "工作",
];
const WORD_LABELS: &[&str] = &[
    "xm",
    "sfzh",
    "gmsfhm",
    "zjhm",
    "lxdh",
    "sjhm",
    "sjh",
    "dh",
    "hjdz",
    "zz",
    "xzz",
    "dz",
    "csrq",
    "xb",
    "nl",
    "mz",
    "jg",
    "name",
    "names",
    "fullname",
    "username",
    "realname",
    "id",
    "idno",
    "idcard",
    "cardno",
    "card",
    "phone",
    "mobile",
    "tel",
    "telephone",
    "cell",
    "address",
    "addr",
    "birth",
    "birthday",
    "birthdate",
    "dob",
    "date",
    "sex",
    "gender",
    "age",
    "email",
    "mail",
    "no",
    "number",
    "city",
    "province",
    "district",
    "county",
    "zip",
    "remark",
    "note",
    "nation",
    "ethnicity",
    "occupation",
    "company",
];

/// Whether a value is a known column label.
pub(crate) fn is_known_label(value: &str) -> bool {
    let (v, _) = crate::normalize::normalize(value);
    let v = v.to_lowercase();
    if v.is_empty() {
        return false;
    }
    // Labels are short: a long value that merely contains 单位 or 地址 is data.
    let short = v.chars().count() <= 10;
    if short && CHINESE_LABELS.iter().any(|w| v.contains(w)) {
        return true;
    }
    if WORD_LABELS.contains(&v.as_str()) {
        return true;
    }
    v.chars().count() <= 30
        && v.split(|c: char| !c.is_ascii_alphanumeric())
            .any(|tok| !tok.is_empty() && WORD_LABELS.contains(&tok))
}

fn has_digit(s: &str) -> bool {
    s.chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
}

fn long_digit_run(s: &str) -> bool {
    let mut run = 0;
    for c in s.chars() {
        if c.is_ascii_digit() {
            run += 1;
            if run >= 7 {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

/// Whether the first record is a header: it names columns (known labels such as 姓名, SFZH,
/// phone) and holds no data-like value (a run of 7+ digits), or — without known labels —
/// every value looks like a label (short, no digits) while some column below is mostly
/// digits.
pub(crate) fn looks_like_header(first: &[String], rest: &[Vec<String>]) -> bool {
    let cells: Vec<&str> = first.iter().map(|s| s.trim()).collect();
    if cells.iter().all(|c| c.is_empty()) {
        return false;
    }
    if cells.iter().any(|c| long_digit_run(c)) {
        return false;
    }
    if cells.iter().any(|c| is_known_label(c)) {
        return true;
    }
    if rest.is_empty() {
        return false;
    }
    let label_like = |c: &str| !c.is_empty() && !has_digit(c) && c.chars().count() <= 40;
    let mut header_evidence = 0;
    for (i, c) in cells.iter().enumerate() {
        let below: Vec<&str> = rest
            .iter()
            .filter_map(|r| r.get(i).map(|s| s.trim()))
            .filter(|s| !s.is_empty())
            .collect();
        if below.is_empty() {
            continue;
        }
        let digits = below.iter().filter(|s| has_digit(s)).count();
        let numeric_column = digits * 2 > below.len();
        if numeric_column {
            if has_digit(c) {
                return false;
            }
            if label_like(c) {
                header_evidence += 1;
            }
        }
    }
    header_evidence > 0 && cells.iter().all(|c| c.is_empty() || label_like(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn header_detection() {
        let data = vec![row(&["张三", "110101199003077777", "13800138000"])];
        assert!(looks_like_header(
            &row(&["姓名", "身份证号", "手机号"]),
            &data
        ));
        assert!(looks_like_header(&row(&["XM", "SFZH", "LXDH"]), &data));
        assert!(looks_like_header(&row(&["who", "ident", "tel no"]), &data));
        assert!(looks_like_header(&row(&["foo", "bar", "baz"]), &data));
        assert!(!looks_like_header(&data[0], &data));
        assert!(!looks_like_header(
            &row(&["王五", "北京"]),
            &[row(&["李四", "上海"])]
        ));
    }

    #[test]
    fn sql_detection() {
        assert!(looks_like_sql(
            "-- dump\n/*!40101 SET NAMES utf8 */;\nINSERT INTO t VALUES (1);"
        ));
        assert!(looks_like_sql("/* multi\nline */\nCREATE TABLE t (a int);"));
        assert!(!looks_like_sql("姓名,地址\n张三,insert into"));
        // pg_dump's data, even with nothing before it; loose text starting "Copy" is not SQL.
        assert!(looks_like_sql(
            "COPY public.people (id, name) FROM stdin;\n1\t张三\n\\.\n"
        ));
        assert!(looks_like_sql("\nCOPY t FROM STDIN WITH (FORMAT csv);"));
        assert!(looks_like_sql(
            "--\n-- PostgreSQL database dump\n--\n\n\\restrict AbC123\n\nSET client_encoding = 'UTF8';"
        ));
        assert!(!looks_like_sql("\\restrict x\n张三,13800138000"));
        assert!(!looks_like_sql("Copy of the list from the office\n张三"));
        assert!(!looks_like_sql("copy\tname\n1\t张三"));
    }

    #[test]
    fn delimiter_choice_respects_quotes() {
        let t = "a,b,c\n\"x, y\",2,3\n\"p; q\",5,6\n";
        let l = sniff(t, &IngestOptions::default()).unwrap();
        assert_eq!(l.delimiter.as_deref(), Some(","));
        assert_eq!(l.headers.len(), 3);
    }
}
