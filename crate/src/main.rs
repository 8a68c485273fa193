//! The `veracity` command-line tool: a thin skin over the library.
//!
//! ```text
//! veracity verify FILE|- [--json] [--kind COLUMN=KIND]... [--show-values]
//!                 [--max-flagged N] [--reference-date YYYY-MM-DD]
//!                 [--format csv|tsv|json|jsonl|sql|text] [--delimiter D]
//!                 [--encoding LABEL] [--header | --no-header]
//! veracity check VALUE [--format ID] [--json] [--reference-date YYYY-MM-DD]
//! veracity check --batch FILE|- --format ID --json [--reference-date YYYY-MM-DD]
//! veracity formats [--json | --markdown]
//! ```
//! `check` names every registry format a single value fits (it looks like it, or is valid) and
//! what each says; `--batch` checks one value per line against one format and prints one JSON
//! object per line. `formats` lists the registry. Both exit 0 whenever they ran, even for an
//! invalid value.
//!
//! Exit status: 0 on success; 2 with a one-line message when the input cannot be read or the
//! command line is wrong.

use std::io::{Read, Write};
use std::process::ExitCode;
use veracity::civil::Date;
use veracity::ingest::InputFormat;
use veracity::report::Report;
use veracity::{Error, Options};

const USAGE: &str = "usage: veracity verify FILE|- [--json] [--kind COLUMN=KIND]... [--show-values]
                       [--max-flagged N] [--reference-date YYYY-MM-DD]
                       [--format csv|tsv|json|jsonl|sql|text] [--delimiter D]
                       [--encoding LABEL] [--header | --no-header]
       veracity check VALUE [--format ID] [--json] [--reference-date YYYY-MM-DD]
       veracity check --batch FILE|- --format ID --json [--reference-date YYYY-MM-DD]
       veracity formats [--json | --markdown]
       veracity --version";

/// How many flagged rows the readable summary lists (the JSON lists up to --max-flagged).
const SUMMARY_FLAGS: usize = 20;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("veracity: {msg}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<(), String> {
    match args.first().map(String::as_str) {
        Some("verify") => verify(&args[1..]),
        Some("check") => check(&args[1..]),
        Some("formats") => formats(&args[1..]),
        Some("--version" | "-V" | "version") => {
            println!("veracity {}", veracity::VERSION);
            Ok(())
        }
        Some("--help" | "-h" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command {other:?}\n{USAGE}")),
        None => Err(USAGE.to_owned()),
    }
}

fn verify(args: &[String]) -> Result<(), String> {
    let mut opts = Options::default();
    let mut json = false;
    let mut path: Option<&str> = None;
    let mut it = args.iter();
    let value = |it: &mut std::slice::Iter<'_, String>, flag: &str| {
        it.next()
            .cloned()
            .ok_or_else(|| format!("{flag} needs a value"))
    };
    while let Some(a) = it.next() {
        match a.as_str() {
            "--json" => json = true,
            "--show-values" => opts.show_values = true,
            "--header" => opts.ingest.has_header = Some(true),
            "--no-header" => opts.ingest.has_header = Some(false),
            "--kind" => opts
                .add_kind_override(&value(&mut it, a)?)
                .map_err(|e| e.to_string())?,
            "--max-flagged" => {
                let v = value(&mut it, a)?;
                opts.max_flagged = v
                    .parse()
                    .map_err(|_| format!("--max-flagged needs a number, got {v:?}"))?;
            }
            "--reference-date" => {
                let v = value(&mut it, a)?;
                opts.reference_date = Some(
                    Date::parse_iso(&v)
                        .ok_or_else(|| format!("--reference-date needs YYYY-MM-DD, got {v:?}"))?,
                );
            }
            "--format" => {
                let v = value(&mut it, a)?;
                let f: InputFormat = serde_json::from_value(serde_json::Value::String(v.clone()))
                    .map_err(|_| {
                    format!("unknown format {v:?} (known: csv, tsv, json, jsonl, sql, text)")
                })?;
                opts.ingest.format = Some(f);
            }
            "--delimiter" => {
                let v = value(&mut it, a)?;
                opts.ingest.delimiter = Some(if v == "\\t" { "\t".to_owned() } else { v });
            }
            "--encoding" => opts.ingest.encoding = Some(value(&mut it, a)?),
            s if s.starts_with("--") => return Err(format!("unknown option {s:?}\n{USAGE}")),
            s => {
                if path.replace(s).is_some() {
                    return Err(format!("one input at a time, got a second: {s:?}"));
                }
            }
        }
    }
    let path = path.ok_or_else(|| format!("verify needs a FILE (or - for stdin)\n{USAGE}"))?;
    let bytes = read_input(path)?;
    let report = veracity::verify(&bytes, &opts).map_err(|e| match e {
        Error::Unreadable { .. } => format!("{path}: {e}"),
        other => other.to_string(),
    })?;
    let out = if json {
        serde_json::to_string_pretty(&report).map_err(|e| e.to_string())? + "\n"
    } else {
        summary(&report)
    };
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (e.g. `| head`) is not an error worth reporting.
    let _ = stdout.write_all(out.as_bytes());
    Ok(())
}

fn read_input(path: &str) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    if path == "-" {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
    } else {
        bytes = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    }
    Ok(bytes)
}

fn pct(part: u64, whole: u64) -> String {
    if whole == 0 {
        "-".into()
    } else {
        format!("{:.1}%", part as f64 * 100.0 / whole as f64)
    }
}

/// The readable summary printed without `--json`.
fn summary(r: &Report) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let i = &r.input;
    let _ = writeln!(
        s,
        "veracity {} — report on {} bytes",
        r.tool.version, i.bytes
    );
    let _ = writeln!(s, "sha256      {}", i.sha256);
    let delim = i
        .delimiter
        .as_deref()
        .map(|d| format!(", delimiter {d:?}"))
        .unwrap_or_default();
    let _ = writeln!(
        s,
        "read as     {} in {}{delim}, {} header",
        serde_json::to_value(i.format)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default(),
        i.encoding,
        if i.has_header { "with" } else { "no" }
    );
    let _ = writeln!(s, "rows        {} ({} columns)", i.rows, i.columns);
    if i.ragged_rows + i.unparseable_rows + i.malformed_bytes > 0 {
        let _ = writeln!(
            s,
            "problems    {} ragged rows, {} unparseable rows, {} undecodable byte sequences",
            i.ragged_rows, i.unparseable_rows, i.malformed_bytes
        );
    }
    if !i.normalizations.is_empty() {
        let list: Vec<String> = i
            .normalizations
            .iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect();
        let _ = writeln!(s, "normalised  {}", list.join(", "));
    }
    if let Some(d) = r.settings.reference_date {
        let _ = writeln!(s, "reference   {d}");
    }
    let _ = writeln!(s, "\nColumns");
    for c in &r.columns {
        let _ = writeln!(
            s,
            "  {:>2}. {}  [{} {:.2} from {}]",
            c.index + 1,
            c.header,
            c.kind,
            c.confidence,
            c.kind_source
        );
        if c.kind.id() == "text" || c.kind.id() == "unknown" {
            let _ = writeln!(s, "      {} values, {} empty", c.values, c.empty);
            continue;
        }
        let _ = writeln!(
            s,
            "      {} values: {} valid, {} invalid ({}); {} empty",
            c.values,
            c.valid,
            c.invalid,
            pct(c.invalid, c.values),
            c.empty
        );
        let mut reasons: Vec<_> = c.invalid_reasons.iter().collect();
        reasons.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        for (k, v) in reasons.iter().take(6) {
            let _ = writeln!(s, "        invalid: {k} {v}");
        }
        for (k, v) in &c.notes {
            let _ = writeln!(s, "        note: {k} {v}");
        }
        if !c.codings.is_empty() {
            let list: Vec<String> = c.codings.iter().map(|(k, v)| format!("{k} {v}")).collect();
            let _ = writeln!(s, "        written as: {}", list.join(", "));
        }
    }
    if !r.cross_checks.is_empty() {
        let _ = writeln!(s, "\nCross-checks");
        for x in &r.cross_checks {
            let _ = writeln!(
                s,
                "  {}: {} of {} rows disagree ({}){}",
                x.id,
                x.disagree,
                x.checked,
                pct(x.disagree, x.checked),
                if x.flags_rows {
                    ""
                } else {
                    " — informative, rows not flagged"
                }
            );
        }
    }
    let st = &r.stats;
    if st.source != "none" {
        let _ = writeln!(
            s,
            "\nPeople (from the {} column{})",
            if st.source == "id" {
                "ID"
            } else {
                "birth-date and sex"
            },
            if st.source == "id" { "" } else { "s" }
        );
        if let (Some(first), Some(last)) = (st.birth_years.first(), st.birth_years.last()) {
            let _ = writeln!(s, "  born       {}–{}", first.year, last.year);
        }
        if st.female > 0 {
            let _ = writeln!(
                s,
                "  sex ratio  {:.1} men per 100 women ({} men, {} women)",
                st.male as f64 * 100.0 / st.female as f64,
                st.male,
                st.female
            );
        }
        let top: Vec<String> = st
            .provinces
            .iter()
            .take(5)
            .map(|p| format!("{} {}", p.name, p.count))
            .collect();
        if !top.is_empty() {
            let _ = writeln!(s, "  regions    {}", top.join(", "));
        }
    }
    let _ = writeln!(s, "\nFlagged: {} problems", r.flagged_total);
    for f in r.flagged_rows.iter().take(SUMMARY_FLAGS) {
        let col = if f.column.is_empty() {
            "(record)"
        } else {
            &f.column
        };
        let _ = writeln!(s, "  row {}  {}  {}  {}", f.row, col, f.reason, f.value);
    }
    if r.flagged_total as usize > SUMMARY_FLAGS {
        let _ = writeln!(s, "  … use --json for the list (capped by --max-flagged)");
    }
    s
}

/// The facts a check found, as JSON (only those that are set).
fn facts_json(f: &veracity::validate::Facts) -> serde_json::Value {
    let mut m = serde_json::Map::new();
    let mut put = |k: &str, v: serde_json::Value| {
        m.insert(k.to_owned(), v);
    };
    if let Some(d) = f.date {
        put("date", d.to_string().into());
    }
    if let Some(x) = f.sex {
        put("sex", serde_json::to_value(x).unwrap_or_default());
    }
    if let Some(x) = f.age {
        put("age", x.into());
    }
    if let Some(x) = f.region {
        put("region", format!("{x:06}").into());
    }
    if let Some(x) = f.province {
        put("province", format!("{x:06}").into());
    }
    if let Some(x) = f.prefecture {
        put("prefecture", format!("{x:06}").into());
    }
    if let Some(x) = f.carrier {
        put("carrier", x.into());
    }
    if let Some(x) = f.since_year {
        put("since_year", x.into());
    }
    if let Some(x) = f.country {
        put("country", x.into());
    }
    if let Some(x) = &f.issuer {
        put("issuer", x.clone().into());
    }
    if let Some(x) = f.coding {
        put("coding", x.into());
    }
    if let Some(x) = &f.canonical {
        put("canonical", x.clone().into());
    }
    serde_json::Value::Object(m)
}

/// One validator's verdict on one value, as JSON.
fn verdict_json(
    v: &dyn veracity::validate::Validator,
    value: &str,
    ctx: &veracity::validate::Context,
) -> serde_json::Value {
    let c = v.check(value, ctx);
    serde_json::json!({
        "format": v.id(),
        "name": v.name(),
        "looks_like": v.looks_like(value),
        "valid": c.is_valid(),
        "problems": c.problems,
        "notes": c.notes,
        "facts": facts_json(&c.facts),
    })
}

/// The validator with registry id `id`, or a usage error naming the known ids.
fn validator_by_id(id: &str) -> Result<&'static dyn veracity::validate::Validator, String> {
    let reg = veracity::validate::registry();
    reg.iter().copied().find(|v| v.id() == id).ok_or_else(|| {
        let ids: Vec<&str> = reg.iter().map(|v| v.id()).collect();
        format!("unknown format {id:?} (known: {})", ids.join(", "))
    })
}

/// `veracity check`: what each registry format says about one value, or (`--batch`) what one
/// format says about each line of a file.
fn check(args: &[String]) -> Result<(), String> {
    let (mut json, mut format, mut batch, mut value) = (false, None, None, None);
    let mut reference = None;
    let mut it = args.iter();
    let need = |it: &mut std::slice::Iter<'_, String>, flag: &str| {
        it.next()
            .cloned()
            .ok_or_else(|| format!("{flag} needs a value"))
    };
    while let Some(a) = it.next() {
        match a.as_str() {
            "--json" => json = true,
            "--format" => format = Some(need(&mut it, a)?),
            "--batch" => batch = Some(need(&mut it, a)?),
            "--reference-date" => {
                let v = need(&mut it, a)?;
                reference = Some(
                    Date::parse_iso(&v)
                        .ok_or_else(|| format!("--reference-date needs YYYY-MM-DD, got {v:?}"))?,
                );
            }
            "--" => {
                if let Some(v) = it.next() {
                    if value.replace(v.clone()).is_some() {
                        return Err("check takes one value".into());
                    }
                }
            }
            s if s.starts_with("--") => return Err(format!("unknown option {s:?}\n{USAGE}")),
            s => {
                if value.replace(s.to_owned()).is_some() {
                    return Err(format!(
                        "check takes one value (quote it), got a second: {s:?}"
                    ));
                }
            }
        }
    }
    let ctx = veracity::validate::Context {
        reference_date: reference.unwrap_or_else(veracity::analysis::today),
    };
    let only = format.as_deref().map(validator_by_id).transpose()?;
    let mut stdout = std::io::stdout().lock();
    if let Some(path) = batch {
        let (Some(v), true, None) = (only, json, &value) else {
            return Err(format!(
                "check --batch needs --format ID and --json, and no VALUE\n{USAGE}"
            ));
        };
        let bytes = read_input(&path)?;
        let text = String::from_utf8_lossy(&bytes);
        let mut out = String::new();
        for line in text.lines() {
            let raw = line.strip_suffix('\r').unwrap_or(line);
            let norm = veracity::normalize::normalize(raw).0;
            let mut j = verdict_json(v, &norm, &ctx);
            if let Some(m) = j.as_object_mut() {
                m.insert("value".into(), raw.into());
                if norm.is_empty() {
                    // An empty line: nothing to check.
                    m.insert("valid".into(), false.into());
                    m.insert("problems".into(), serde_json::json!(["empty"]));
                }
            }
            out.push_str(&j.to_string());
            out.push('\n');
        }
        let _ = stdout.write_all(out.as_bytes());
        return Ok(());
    }
    let raw = value.ok_or_else(|| format!("check needs a VALUE\n{USAGE}"))?;
    let norm = veracity::normalize::normalize(&raw).0.into_owned();
    let validators: Vec<&dyn veracity::validate::Validator> = match only {
        Some(v) => vec![v],
        None => veracity::validate::registry()
            .iter()
            .copied()
            .filter(|v| {
                !norm.is_empty() && (v.looks_like(&norm) || v.check(&norm, &ctx).is_valid())
            })
            .collect(),
    };
    let verdicts: Vec<serde_json::Value> = validators
        .iter()
        .map(|v| verdict_json(*v, &norm, &ctx))
        .collect();
    let out = if json {
        let j = serde_json::json!({
            "value": raw,
            "normalized": norm,
            "reference_date": ctx.reference_date.to_string(),
            "formats": verdicts,
        });
        serde_json::to_string_pretty(&j).map_err(|e| e.to_string())? + "\n"
    } else {
        check_text(&raw, &verdicts)
    };
    let _ = stdout.write_all(out.as_bytes());
    Ok(())
}

/// The readable form of `veracity check`.
fn check_text(raw: &str, verdicts: &[serde_json::Value]) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    if verdicts.is_empty() {
        let _ = writeln!(s, "{raw:?} fits no known format");
        return s;
    }
    for v in verdicts {
        let list = |k: &str| -> String {
            v[k].as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_default()
        };
        let verdict = if v["valid"].as_bool() == Some(true) {
            "valid".to_owned()
        } else {
            format!("invalid: {}", list("problems"))
        };
        let _ = writeln!(
            s,
            "{}  ({})  {verdict}",
            v["format"].as_str().unwrap_or(""),
            v["name"].as_str().unwrap_or("")
        );
        let notes = list("notes");
        if !notes.is_empty() {
            let _ = writeln!(s, "    notes: {notes}");
        }
        if let Some(f) = v["facts"].as_object() {
            for (k, x) in f {
                let x = x.as_str().map_or_else(|| x.to_string(), str::to_owned);
                let _ = writeln!(s, "    {k}: {x}");
            }
        }
    }
    s
}

/// `veracity formats`: the validator registry as text, JSON or a Markdown table.
fn formats(args: &[String]) -> Result<(), String> {
    let mut mode = "text";
    for a in args {
        match a.as_str() {
            "--json" => mode = "json",
            "--markdown" => mode = "markdown",
            s => return Err(format!("unknown option {s:?}\n{USAGE}")),
        }
    }
    let out = match mode {
        "json" => {
            let list: Vec<serde_json::Value> = veracity::validate::registry()
                .iter()
                .map(|v| {
                    serde_json::json!({
                        "id": v.id(),
                        "name": v.name(),
                        "country": v.country(),
                        "kind": v.kind().id(),
                        "validates": v.validates(),
                        "extracts": v.extracts(),
                        "specification": v.specification(),
                    })
                })
                .collect();
            serde_json::to_string_pretty(&list).map_err(|e| e.to_string())? + "\n"
        }
        "markdown" => formats_markdown(),
        _ => {
            use std::fmt::Write as _;
            let mut s = String::new();
            for v in veracity::validate::registry() {
                let _ = writeln!(
                    s,
                    "{:<14} {:<3} {}",
                    v.id(),
                    v.country().unwrap_or("-"),
                    v.name()
                );
            }
            s
        }
    };
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    Ok(())
}

/// The registry as the Markdown table of the README (between its `formats` markers).
fn formats_markdown() -> String {
    use std::fmt::Write as _;
    let cell = |s: &str| {
        if s.is_empty() {
            "—".to_owned()
        } else {
            s.replace('|', "\\|").replace('\n', " ")
        }
    };
    let mut s = String::from(
        "| id | name | country | validates | extracts | specification |\n|---|---|---|---|---|---|\n",
    );
    for v in veracity::validate::registry() {
        let _ = writeln!(
            s,
            "| `{}` | {} | {} | {} | {} | {} |",
            v.id(),
            cell(v.name()),
            cell(v.country().unwrap_or("")),
            cell(v.validates()),
            cell(v.extracts()),
            cell(v.specification())
        );
    }
    s
}
