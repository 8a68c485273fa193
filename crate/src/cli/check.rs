//! `veracity check` (what each registry format says about one value, or `--batch`: what one
//! format says about each line of a file) and `veracity formats` (the registry as text, JSON or
//! the README's Markdown table).

/// One verdict in the JSON shape of `veracity check --json` (`problems` and `facts`, the names
/// this command has always printed).
fn verdict_json(v: &veracity::lookup::Verdict) -> serde_json::Value {
    serde_json::json!({
        "format": v.format,
        "name": v.name,
        "looks_like": v.looks_like,
        "valid": v.valid,
        "problems": v.reasons,
        "notes": v.notes,
        "facts": serde_json::to_value(&v.extracted).unwrap_or_default(),
    })
}

/// `veracity check`: what each registry format says about one value, or (`--batch`) what one
/// format says about each line of a file.
pub fn check(args: &[String], usage: &str) -> Result<(), String> {
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
                    veracity::civil::Date::parse_iso(&v)
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
            s if s.starts_with("--") => return Err(format!("unknown option {s:?}\n{usage}")),
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
    let only = format
        .as_deref()
        .map(veracity::lookup::validator_by_id)
        .transpose()
        .map_err(|e| e.to_string())?;
    if let Some(path) = batch {
        let (Some(v), true, None) = (only, json, &value) else {
            return Err(format!(
                "check --batch needs --format ID and --json, and no VALUE\n{usage}"
            ));
        };
        let bytes = super::read_input(&path)?;
        let text = String::from_utf8_lossy(&bytes);
        let mut out = String::new();
        for line in text.lines() {
            let raw = line.strip_suffix('\r').unwrap_or(line);
            let norm = veracity::normalize::normalize(raw).0;
            let mut j = verdict_json(&veracity::lookup::verdict(v, &norm, &ctx));
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
        super::print(&out);
        return Ok(());
    }
    let raw = value.ok_or_else(|| format!("check needs a VALUE\n{usage}"))?;
    let found =
        veracity::lookup::lookup(&raw, format.as_deref(), &ctx).map_err(|e| e.to_string())?;
    let verdicts: Vec<serde_json::Value> = found.formats.iter().map(verdict_json).collect();
    let out = if json {
        let j = serde_json::json!({
            "value": raw,
            "normalized": found.normalized,
            "reference_date": found.reference_date,
            "formats": verdicts,
        });
        serde_json::to_string_pretty(&j).map_err(|e| e.to_string())? + "\n"
    } else {
        check_text(&raw, &verdicts)
    };
    super::print(&out);
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
pub fn formats(args: &[String], usage: &str) -> Result<(), String> {
    let mut mode = "text";
    for a in args {
        match a.as_str() {
            "--json" => mode = "json",
            "--markdown" => mode = "markdown",
            s => return Err(format!("unknown option {s:?}\n{usage}")),
        }
    }
    let out = match mode {
        "json" => {
            // Through a Value: its keys are sorted, as this command has always printed them.
            let list =
                serde_json::to_value(veracity::lookup::formats()).map_err(|e| e.to_string())?;
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
    super::print(&out);
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
