//! Parts of the command-line tool beyond `verify`: options shared by every command that reads
//! a file, and the reporter's workflow commands (`sample`, `compare`, `report`).

pub mod check;
pub mod workflow;

use std::slice::Iter;
use veracity::civil::Date;
use veracity::ingest::InputFormat;
use veracity::Options;

/// The value after `flag`, or an error saying it is missing.
pub fn value(it: &mut Iter<'_, String>, flag: &str) -> Result<String, String> {
    it.next()
        .cloned()
        .ok_or_else(|| format!("{flag} needs a value"))
}

/// Applies one option about reading and judging the input (`--kind`, `--show-values`,
/// `--max-flagged`, `--reference-date`, `--format` (alias `--input-format`), `--delimiter`,
/// `--encoding`,
/// `--header`/`--no-header`) to `opts`. `Ok(false)` when `a` is not one of them.
pub fn read_option(a: &str, it: &mut Iter<'_, String>, opts: &mut Options) -> Result<bool, String> {
    match a {
        "--show-values" => opts.show_values = true,
        "--header" => opts.ingest.has_header = Some(true),
        "--no-header" => opts.ingest.has_header = Some(false),
        "--kind" => opts
            .add_kind_override(&value(it, a)?)
            .map_err(|e| e.to_string())?,
        "--max-flagged" => {
            let v = value(it, a)?;
            opts.max_flagged = v
                .parse()
                .map_err(|_| format!("--max-flagged needs a number, got {v:?}"))?;
        }
        "--reference-date" => {
            let v = value(it, a)?;
            opts.reference_date = Some(
                Date::parse_iso(&v)
                    .ok_or_else(|| format!("--reference-date needs YYYY-MM-DD, got {v:?}"))?,
            );
        }
        "--format" | "--input-format" => {
            let v = value(it, a)?;
            let f: InputFormat = serde_json::from_value(serde_json::Value::String(v.clone()))
                .map_err(|_| {
                    format!("unknown format {v:?} (known: csv, tsv, json, jsonl, sql, text)")
                })?;
            opts.ingest.format = Some(f);
        }
        "--delimiter" => {
            let v = value(it, a)?;
            opts.ingest.delimiter = Some(if v == "\\t" { "\t".to_owned() } else { v });
        }
        "--encoding" => opts.ingest.encoding = Some(value(it, a)?),
        "--max-seconds" | "--max-columns" | "--max-input-bytes" => {
            let v = value(it, a)?;
            let n: u64 = v
                .parse()
                .map_err(|_| format!("{a} needs a whole number, got {v:?}"))?;
            match a {
                "--max-seconds" => opts.limits.max_seconds = n,
                "--max-columns" => opts.limits.max_columns = n as usize,
                _ => opts.limits.max_input_bytes = n,
            }
        }
        _ => return Ok(false),
    }
    Ok(true)
}

/// Reads a file, or standard input for `-`.
pub fn read_input(path: &str) -> Result<Vec<u8>, String> {
    use std::io::Read;
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

/// Writes to standard output; a closed pipe (e.g. `| head`) is not an error worth reporting.
pub fn print(out: &str) {
    use std::io::Write;
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
}

/// A library error as the one-line message the CLI prints, naming the file when it is about
/// the input.
pub fn error_line(path: &str, e: veracity::Error) -> String {
    match e {
        veracity::Error::Unreadable { .. } => format!("{path}: {e}"),
        other => other.to_string(),
    }
}
