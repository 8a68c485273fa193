//! `veracity check` (what each registry format says about one value, or `--batch`: what one
//! format says about each line of a file) and `veracity formats` (the registry as text, JSON or
//! the README's Markdown table).

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
    let only = format.as_deref().map(validator_by_id).transpose()?;
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
        super::print(&out);
        return Ok(());
    }
    let raw = value.ok_or_else(|| format!("check needs a VALUE\n{usage}"))?;
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
