//! The evidence report as Markdown (for notes and tickets).

use super::text::{self as t, Lang, HASH_LABEL};
use super::{pct, Evidence};
use std::fmt::Write as _;

/// Escapes the characters that would break a Markdown table cell or start markup.
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' | '*' | '_' | '`' | '<' | '>' | '[' | ']' | '\\' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

pub fn render(e: &Evidence<'_>, hash: &str) -> String {
    let l = e.lang;
    let r = e.report;
    let i = &r.input;
    let mut s = String::new();
    let _ = writeln!(s, "# {}\n", t::TITLE.get(l));
    let _ = writeln!(s, "{}: `{HASH_LABEL}{hash}`\n", t::HASH_NOTE.get(l));
    let note = if r.settings.show_values {
        t::SHOWN_NOTE
    } else {
        t::MASKED_NOTE
    };
    let _ = writeln!(s, "{}\n", note.get(l));
    let _ = writeln!(s, "## {}\n", t::INPUT.get(l));
    let fmt = i.format.id();
    let _ = writeln!(s, "| | |\n|---|---|");
    let rows = [
        (&t::SHA256, format!("`{}`", i.sha256)),
        (&t::BYTES, i.bytes.to_string()),
        (&t::ROWS, i.rows.to_string()),
        (&t::COLUMNS, i.columns.to_string()),
        (&t::FORMAT, md(&format!("{fmt}, {}", i.encoding))),
        (&t::TOOL, md(&format!("{} {}", r.tool.name, r.tool.version))),
        (&t::GENERATED, e.generated.to_string()),
        (
            &t::REFERENCE,
            r.settings
                .reference_date
                .map(|d| d.to_string())
                .unwrap_or_default(),
        ),
        (
            &t::SETTINGS,
            format!(
                "`{}`",
                serde_json::to_string(&r.settings).unwrap_or_default()
            ),
        ),
    ];
    for (k, v) in rows {
        let _ = writeln!(s, "| {} | {v} |", k.get(l));
    }

    let _ = writeln!(
        s,
        "\n## {}\n\n| {} | {} | {} | {} | {} | {} | {} |\n|---|---|---:|---:|---:|---:|---|",
        t::COLUMNS.get(l),
        t::COLUMN.get(l),
        t::KIND.get(l),
        t::CONFIDENCE.get(l),
        t::VALID.get(l),
        t::INVALID.get(l),
        t::EMPTY.get(l),
        t::REASONS.get(l)
    );
    for c in &r.columns {
        let reasons: Vec<String> = c
            .reasons_by_count()
            .iter()
            .map(|(k, v)| format!("{} ×{v}", md(k)))
            .collect();
        let _ = writeln!(
            s,
            "| {} | {} | {:.0} % | {} | {} ({}) | {} | {} |",
            md(&c.header),
            md(c.kind.id()),
            c.confidence * 100.0,
            c.valid,
            c.invalid,
            pct(c.invalid, c.values),
            c.empty,
            reasons.join(", ")
        );
    }

    if !r.cross_checks.is_empty() {
        let _ = writeln!(
            s,
            "\n## {}\n\n| {} | {} | {} |\n|---|---:|---:|",
            t::CROSS.get(l),
            t::CHECK.get(l),
            t::CHECKED.get(l),
            t::DISAGREE.get(l)
        );
        for x in &r.cross_checks {
            let note = if x.flags_rows {
                String::new()
            } else {
                format!(" ({})", t::INFORMATIVE.get(l))
            };
            let _ = writeln!(
                s,
                "| {}{note} | {} | {} ({}) |",
                md(&x.id),
                x.checked,
                x.disagree,
                pct(x.disagree, x.checked)
            );
        }
    }

    for tc in &r.text_columns {
        let _ = writeln!(s, "\n## {}: {}\n", t::FREE_TEXT.get(l), md(&tc.column));
        if let (Some(a), Some(b)) = (&tc.earliest, &tc.latest) {
            let _ = writeln!(
                s,
                "- {}: {a} – {b} ({})",
                t::DATES_NAMED.get(l),
                tc.with_dates
            );
        }
        let _ = writeln!(s, "- {}: {}", t::LATE_DATES.get(l), tc.after_reference);
        let _ = writeln!(s, "- {}: {}", t::ANACHRONISMS.get(l), tc.anachronisms);
        let _ = writeln!(s, "- {}: {}", t::NOT_CHINESE.get(l), tc.not_chinese);
        for ex in tc.examples.iter().take(10) {
            let _ = writeln!(
                s,
                "- {} {}: {} ({})",
                t::ROW.get(l),
                ex.row,
                md(&ex.reason),
                md(&ex.detail)
            );
        }
        for b in tc.boilerplate.iter().take(5) {
            let _ = writeln!(
                s,
                "- {}: {} ×{}",
                t::REPEATED.get(l),
                md(&b.text),
                b.records
            );
        }
    }
    let st = &r.stats;
    if st.source != "none" {
        let _ = writeln!(s, "\n## {}\n", t::PEOPLE.get(l));
        if let (Some(a), Some(b)) = (st.birth_years.first(), st.birth_years.last()) {
            let _ = writeln!(s, "- {}: {}–{}", t::BIRTH_YEARS.get(l), a.year, b.year);
        }
        if st.female > 0 {
            let _ = writeln!(
                s,
                "- {}: {:.1} {} ({} / {})",
                t::SEX_RATIO.get(l),
                st.male as f64 * 100.0 / st.female as f64,
                t::MEN_PER_100.get(l),
                st.male,
                st.female
            );
        }
        let top: Vec<String> = st
            .provinces
            .iter()
            .take(10)
            .map(|p| format!("{} {}", md(&p.name), p.count))
            .collect();
        if !top.is_empty() {
            let _ = writeln!(s, "- {}: {}", t::REGIONS.get(l), top.join(", "));
        }
    }

    if r.flagged_total > 0 {
        let _ = writeln!(
            s,
            "\n## {}\n\n| {} | {} | {} | {} |\n|---:|---|---|---|",
            t::FLAGGED.get(l),
            t::ROW.get(l),
            t::COLUMN.get(l),
            t::REASON.get(l),
            t::VALUE.get(l)
        );
        for f in r.flagged_rows.iter().take(200) {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} |",
                f.row,
                md(&f.column),
                md(&f.reason),
                md(&f.value)
            );
        }
        let listed = r.flagged_rows.len().min(200) as u64;
        if r.flagged_total > listed {
            let _ = writeln!(s, "\n{} {}", r.flagged_total - listed, t::MORE_FLAGS.get(l));
        }
    }

    if let Some(c) = e.comparison {
        let summary = match l {
            Lang::En => &c.summary.en,
            Lang::Zh => &c.summary.zh,
        };
        let _ = writeln!(s, "\n## {}\n\n{}\n", t::COMPARISON.get(l), md(summary));
        let _ = writeln!(s, "- A: `{}`\n- B: `{}`", c.a.sha256, c.b.sha256);
    }

    if let Some(sheet) = e.callsheet {
        let _ = writeln!(
            s,
            "\n## {}\n\n{}: `{}`\n",
            t::CALLSHEET.get(l),
            t::SEED.get(l),
            sheet.seed
        );
        let cols: Vec<String> = sheet.columns.iter().map(|c| md(c)).collect();
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} |\n|---:|{}---|---|",
            t::ROW.get(l),
            cols.join(" | "),
            t::OUTCOME.get(l),
            t::NOTES.get(l),
            "---|".repeat(cols.len())
        );
        for row in &sheet.rows {
            let vals: Vec<String> = row.values.iter().map(|v| md(v)).collect();
            let _ = writeln!(s, "| {} | {} | | |", row.row, vals.join(" | "));
        }
    }

    let _ = writeln!(
        s,
        "\n## {}\n\n{}",
        t::METHODS.get(l),
        t::METHODS_TEXT.get(l)
    );
    s
}
