//! `veracity sample`, `veracity compare` and `veracity report`: the reporter's workflow.

use super::{error_line, print, read_input, read_option, value};
use veracity::callsheet::{self, CallSheet, DrawOptions, Stratify};
use veracity::overlap::{self, Comparison};
use veracity::render::{self, DocFormat, Evidence, Lang};
use veracity::Options;

/// Options of the call-sheet draw, shared by `sample` and `report --sample`.
fn draw_option(
    a: &str,
    it: &mut std::slice::Iter<'_, String>,
    d: &mut DrawOptions,
) -> Result<bool, String> {
    match a {
        "-n" | "--sample" => {
            let v = value(it, a)?;
            d.n = v
                .parse()
                .map_err(|_| format!("{a} needs a number, got {v:?}"))?;
        }
        "--seed" => {
            let v = value(it, a)?;
            v.parse::<u64>()
                .map_err(|_| format!("--seed needs a whole number below 2^64, got {v:?}"))?;
            d.seed = Some(v);
        }
        "--only-valid" => d.only_valid = true,
        "--stratify" => {
            let v = value(it, a)?;
            d.stratify = match v.as_str() {
                "none" => Stratify::None,
                "region" => Stratify::Region,
                "status" => Stratify::Status,
                _ => return Err(format!("--stratify is none, region or status, got {v:?}")),
            };
        }
        "--reveal" => d.reveal.push(value(it, a)?),
        _ => return Ok(false),
    }
    Ok(true)
}

fn draw(bytes: &[u8], path: &str, opts: &Options, d: &DrawOptions) -> Result<CallSheet, String> {
    let seed = match &d.seed {
        Some(s) => s
            .parse()
            .map_err(|_| format!("--seed needs a whole number, got {s:?}"))?,
        None => callsheet::fresh_seed().map_err(|e| e.to_string())?,
    };
    callsheet::draw(bytes, opts, d, seed).map_err(|e| error_line(path, e))
}

fn one_path<'a>(path: &mut Option<&'a str>, s: &'a str) -> Result<(), String> {
    if path.replace(s).is_some() {
        return Err(format!("one input at a time, got a second: {s:?}"));
    }
    Ok(())
}

/// `veracity sample FILE -n N [--seed S] …`: draws records for confirmation by phone.
pub fn sample(args: &[String]) -> Result<(), String> {
    let mut opts = Options::default();
    let mut d = DrawOptions::default();
    let (mut json, mut csv) = (false, false);
    let mut path = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if read_option(a, &mut it, &mut opts)? || draw_option(a, &mut it, &mut d)? {
            continue;
        }
        match a.as_str() {
            "--json" => json = true,
            "--csv" => csv = true,
            s if s.starts_with('-') && s != "-" => return Err(format!("unknown option {s:?}")),
            s => one_path(&mut path, s)?,
        }
    }
    let path = path.ok_or("sample needs a FILE (or - for stdin)")?;
    let bytes = read_input(path)?;
    let sheet = draw(&bytes, path, &opts, &d)?;
    if json {
        print(&(serde_json::to_string_pretty(&sheet).map_err(|e| e.to_string())? + "\n"));
    } else if csv {
        print(&callsheet::to_csv(&sheet));
    } else {
        print(&sheet_text(&sheet));
    }
    Ok(())
}

fn sheet_text(s: &CallSheet) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "call sheet: {} of {} eligible records, seed {} (repeat with --seed {})",
        s.rows.len(),
        s.population,
        s.seed,
        s.seed
    );
    let _ = writeln!(out, "input sha256 {}", s.input_sha256);
    if s.strata.len() > 1 {
        for st in &s.strata {
            let _ = writeln!(
                out,
                "  stratum {}: {} drawn of {} (quota {})",
                st.name, st.drawn, st.population, st.quota
            );
        }
    }
    let _ = writeln!(out, "row\t{}\toutcome\tnotes", s.columns.join("\t"));
    for r in &s.rows {
        let _ = writeln!(out, "{}\t{}\t\t", r.row, r.values.join("\t"));
    }
    out
}

/// `veracity compare EARLIER SAMPLE`: how much of the sample is in the earlier file.
pub fn compare(args: &[String]) -> Result<(), String> {
    let mut opts = Options::default();
    let mut json = false;
    let mut paths: Vec<&str> = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if read_option(a, &mut it, &mut opts)? {
            continue;
        }
        match a.as_str() {
            "--json" => json = true,
            s if s.starts_with('-') && s != "-" => return Err(format!("unknown option {s:?}")),
            s => paths.push(s),
        }
    }
    let [a, b] = paths[..] else {
        return Err("compare needs two files: EARLIER SAMPLE".into());
    };
    let (ba, bb) = (read_input(a)?, read_input(b)?);
    let c = overlap::compare(&ba, &bb, &opts).map_err(|e| e.to_string())?;
    if json {
        print(&(serde_json::to_string_pretty(&c).map_err(|e| e.to_string())? + "\n"));
    } else {
        print(&comparison_text(&c, a, b));
    }
    Ok(())
}

fn comparison_text(c: &Comparison, a: &str, b: &str) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "earlier  {a}: {} records, sha256 {}",
        c.a.rows, c.a.sha256
    );
    let _ = writeln!(
        out,
        "sample   {b}: {} records, sha256 {}",
        c.b.rows, c.b.sha256
    );
    for o in &c.overlap {
        let key = o.key.id();
        let _ = writeln!(
            out,
            "  {key}: {} shared; {} sample records ({:.1} %) are in the earlier file; {} earlier records ({:.1} %) in the sample",
            o.shared,
            o.b_rows_matched,
            o.b_rate * 100.0,
            o.a_rows_matched,
            o.a_rate * 100.0
        );
    }
    for (name, f) in [("earlier", &c.a), ("sample", &c.b)] {
        for k in &f.keys {
            if k.duplicate_keys > 0 {
                let key = k.key.map_or("", |x| x.id());
                let _ = writeln!(
                    out,
                    "  {name}: {} {key} values held by several records ({} records; largest cluster {})",
                    k.duplicate_keys, k.rows_in_duplicates, k.largest_cluster
                );
            }
        }
    }
    for e in &c.examples {
        let _ = writeln!(
            out,
            "  e.g. earlier row {} = sample row {}: {}",
            e.a_row, e.b_row, e.value
        );
    }
    let _ = writeln!(out, "{}", c.summary.en);
    out
}

/// `veracity report FILE --format html|md|json -o OUT`: the evidence report.
pub fn report(args: &[String]) -> Result<(), String> {
    let mut opts = Options::default();
    let mut d = DrawOptions {
        n: 0,
        ..DrawOptions::default()
    };
    let mut format = DocFormat::Html;
    let mut json = false;
    let mut lang = Lang::En;
    let mut out_path: Option<String> = None;
    let mut earlier: Option<String> = None;
    let mut path = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        // Here --format is the document's format; the input's is --input-format.
        if a == "--format" {
            let v = value(&mut it, a)?;
            (format, json) = match v.as_str() {
                "html" => (DocFormat::Html, false),
                "md" | "markdown" => (DocFormat::Md, false),
                "json" => (DocFormat::Html, true),
                _ => return Err(format!("--format is html, md or json, got {v:?}")),
            };
            continue;
        }
        if read_option(a, &mut it, &mut opts)? || draw_option(a, &mut it, &mut d)? {
            continue;
        }
        match a.as_str() {
            "-o" | "--output" => out_path = Some(value(&mut it, a)?),
            "--lang" => {
                let v = value(&mut it, a)?;
                lang = match v.as_str() {
                    "en" => Lang::En,
                    "zh" | "zh-CN" => Lang::Zh,
                    _ => return Err(format!("--lang is en or zh, got {v:?}")),
                };
            }
            "--compare" => earlier = Some(value(&mut it, a)?),
            s if s.starts_with('-') && s != "-" => return Err(format!("unknown option {s:?}")),
            s => one_path(&mut path, s)?,
        }
    }
    let path = path.ok_or("report needs a FILE (or - for stdin)")?;
    let bytes = read_input(path)?;
    let report = veracity::verify(&bytes, &opts).map_err(|e| error_line(path, e))?;
    let sheet = if d.n > 0 {
        Some(draw(&bytes, path, &opts, &d)?)
    } else {
        None
    };
    let comparison = match &earlier {
        Some(e) => {
            let eb = read_input(e)?;
            Some(overlap::compare(&eb, &bytes, &opts).map_err(|x| x.to_string())?)
        }
        None => None,
    };
    let text = if json {
        let mut v = serde_json::to_value(&report).map_err(|e| e.to_string())?;
        if let Some(obj) = v.as_object_mut() {
            if let Some(s) = &sheet {
                obj.insert(
                    "call_sheet".into(),
                    serde_json::to_value(s).unwrap_or_default(),
                );
            }
            if let Some(c) = &comparison {
                obj.insert(
                    "comparison".into(),
                    serde_json::to_value(c).unwrap_or_default(),
                );
            }
        }
        serde_json::to_string_pretty(&v).map_err(|e| e.to_string())? + "\n"
    } else {
        let e = Evidence {
            report: &report,
            lang,
            generated: veracity::analysis::today(),
            callsheet: sheet.as_ref(),
            comparison: comparison.as_ref(),
        };
        render::evidence(&e, format).text
    };
    let sha = veracity::analysis::sha256_hex(text.as_bytes());
    match out_path {
        Some(o) if o != "-" => {
            std::fs::write(&o, &text).map_err(|e| format!("cannot write {o}: {e}"))?;
            eprintln!("veracity: wrote {o} ({} bytes, sha256 {sha})", text.len());
        }
        _ => print(&text),
    }
    Ok(())
}
