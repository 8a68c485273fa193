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

mod cli;

use std::process::ExitCode;
use veracity::report::Report;
use veracity::Options;

const USAGE: &str = "usage: veracity verify FILE|- [--json] [--kind COLUMN=KIND]... [--show-values]
                       [--max-flagged N] [--reference-date YYYY-MM-DD]
                       [--format csv|tsv|json|jsonl|sql|text] [--delimiter D]
                       [--encoding LABEL] [--header | --no-header]
       veracity check VALUE [--format ID] [--json] [--reference-date YYYY-MM-DD]
       veracity check --batch FILE|- --format ID --json [--reference-date YYYY-MM-DD]
       veracity formats [--json | --markdown]
       veracity sample FILE|- [-n N] [--seed S] [--only-valid] [--stratify none|region|status]
                       [--reveal COLUMN]... [--json | --csv] [read options as for verify]
       veracity compare EARLIER SAMPLE [--json] [read options as for verify]
       veracity report FILE|- [--format html|md|json] [-o OUT] [--lang en|zh]
                       [--sample N [--seed S] [--stratify …] [--reveal COLUMN]…]
                       [--compare EARLIER] [read options as for verify]
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
        Some("check") => cli::check::check(&args[1..], USAGE),
        Some("formats") => cli::check::formats(&args[1..], USAGE),
        Some("sample") => cli::workflow::sample(&args[1..]),
        Some("compare") => cli::workflow::compare(&args[1..]),
        Some("report") => cli::workflow::report(&args[1..]),
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
    while let Some(a) = it.next() {
        if cli::read_option(a, &mut it, &mut opts)? {
            continue;
        }
        match a.as_str() {
            "--json" => json = true,
            s if s.starts_with("--") => return Err(format!("unknown option {s:?}\n{USAGE}")),
            s => {
                if path.replace(s).is_some() {
                    return Err(format!("one input at a time, got a second: {s:?}"));
                }
            }
        }
    }
    let path = path.ok_or_else(|| format!("verify needs a FILE (or - for stdin)\n{USAGE}"))?;
    let report = verify_streaming(path, &opts)?;
    let out = if json {
        serde_json::to_string_pretty(&report).map_err(|e| e.to_string())? + "\n"
    } else {
        summary(&report)
    };
    cli::print(&out);
    Ok(())
}

/// Verifies a file (or standard input for `-`) read in chunks of
/// [`veracity::stream::CHUNK_BYTES`]: memory is bounded by a chunk, the records crossing its
/// end and the fixed tables, not by the size of the input (JSON documents other than a
/// top-level array or an Elasticsearch search response excepted; an SQL dump's longest tuple
/// is held; see [`veracity::stream`]). The report is the one `veracity::verify` gives on the
/// whole input, except that the columns of JSON Lines, of a JSON array, of a search response's
/// hits and of an SQL dump come from the head's records (keys or column names first seen later
/// are counted in `input.late_keys`). A search response found not to be one valid JSON
/// document past its head, or an SQL dump with a statement too long to hold, is read again,
/// whole.
fn verify_streaming(path: &str, opts: &Options) -> Result<veracity::Report, String> {
    use veracity::stream::{verify_reader, verify_reader_with_head, CHUNK_BYTES};
    let result = if path == "-" {
        match verify_reader(&mut std::io::stdin().lock(), opts, None, CHUNK_BYTES) {
            // Standard input cannot be read a second time.
            Err(e @ veracity::Error::ReadWhole(_)) => {
                return Err(format!(
                    "{}; standard input is read once: save it to a file and check that file",
                    cli::error_line(path, e)
                ))
            }
            r => r,
        }
    } else {
        let mut file = std::fs::File::open(path).map_err(|e| format!("cannot read {path}: {e}"))?;
        let total = file
            .metadata()
            .ok()
            .filter(std::fs::Metadata::is_file)
            .map(|m| m.len());
        match verify_reader(&mut file, opts, total, CHUNK_BYTES) {
            // A document streamed that must be read whole after all (an Elasticsearch search
            // response that is not valid JSON past its head, an SQL statement too long to
            // hold): read again, whole.
            Err(veracity::Error::ReadWhole(_)) => {
                let mut file =
                    std::fs::File::open(path).map_err(|e| format!("cannot read {path}: {e}"))?;
                verify_reader_with_head(&mut file, opts, total, CHUNK_BYTES, usize::MAX)
            }
            r => r,
        }
    };
    result.map_err(|e| cli::error_line(path, e))
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
        i.format.id(),
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
    let late = &i.late_keys;
    if late.records > 0 {
        let list: Vec<String> = late
            .keys
            .iter()
            .map(|(k, v)| format!("{k:?} {v}"))
            .collect();
        // An SQL dump's records are tuples, and what they hold are columns.
        let (label, what) = match i.format.id() {
            "sql" => ("late cols  ", "columns"),
            _ => ("late keys  ", "keys"),
        };
        let _ = writeln!(
            s,
            "{label} {} records hold {what} that first appear after the {} records the columns \
             were planned from; their values were not analysed: {}{}",
            late.records,
            veracity::analysis::SAMPLE_ROWS,
            list.join(", "),
            if late.more { ", and more" } else { "" }
        );
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
        for (k, v) in c.reasons_by_count().iter().take(6) {
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
    for t in &r.text_columns {
        let _ = writeln!(s, "\nFree text: {} ({} values)", t.column, t.values);
        if let (Some(a), Some(b)) = (&t.earliest, &t.latest) {
            let _ = writeln!(
                s,
                "  dates named  {a} to {b} ({} values name a date)",
                t.with_dates
            );
        }
        if t.after_reference + t.anachronisms + t.not_chinese > 0 {
            let _ = writeln!(
                s,
                "  {} name a date after the reference date; {} name a place that did not exist then; {} are not Chinese",
                t.after_reference, t.anachronisms, t.not_chinese
            );
        }
        for e in t.examples.iter().take(5) {
            let _ = writeln!(s, "    row {}: {} ({})", e.row, e.reason, e.detail);
        }
        for b in t.boilerplate.iter().take(3) {
            let _ = writeln!(s, "  repeated in {} records: {}", b.records, b.text);
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
    let a = &r.assessment;
    if !a.verdict.level.is_empty() {
        let _ = writeln!(s, "\nAssessment: {}", a.verdict.level);
        let _ = writeln!(s, "  {}", a.verdict.summary.en);
        if !a.identity.column.is_empty() {
            let _ = writeln!(
                s,
                "  people from column {} ({}), reference: {}",
                a.identity.column, a.identity.validator, a.identity.reference
            );
        }
        let mut shown: Vec<_> = a
            .signals
            .iter()
            .filter(|x| x.direction != "neutral")
            .collect();
        shown.sort_by_key(|x| match x.strength.as_str() {
            "strong" => 0,
            "moderate" => 1,
            _ => 2,
        });
        for x in shown {
            let _ = writeln!(
                s,
                "  [{} {}] {}: {}",
                x.direction, x.strength, x.id, x.finding.en
            );
        }
        let sr = &a.suspicious_rows;
        if sr.count > 0 {
            let rows: Vec<String> = sr
                .rows
                .iter()
                .take(SUMMARY_FLAGS)
                .map(|x| format!("{} {}", x.row, x.value))
                .collect();
            let _ = writeln!(
                s,
                "  suspicious rows: {} (about {:.1} % of rows), e.g. {}",
                sr.count,
                sr.share * 100.0,
                rows.join(", ")
            );
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
