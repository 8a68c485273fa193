//! The evidence report as one self-contained, printable HTML page (no script, no external
//! resource; a strict CSP in the page itself).

use super::svg::{bars, esc, year_histogram};
use super::text::{self as t, Lang, HASH_LABEL};
use super::{pct, Evidence};
use std::fmt::Write as _;

const STYLE: &str = "body{font-family:system-ui,'Noto Sans CJK SC','Noto Sans SC',sans-serif;\
max-width:900px;margin:2em auto;padding:0 1em;color:#111;line-height:1.45}\
h1{font-size:1.6em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ccc}\
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #bbb;padding:.25em .5em;\
text-align:left;vertical-align:top}td.n{text-align:right}.muted{color:#555}.hash{font-family:\
monospace;word-break:break-all}.chart{width:100%;max-width:640px;height:auto}\
@media print{body{margin:0}h2{break-after:avoid}table{break-inside:avoid}}";

pub fn render(e: &Evidence<'_>, hash: &str) -> String {
    let l = e.lang;
    let r = e.report;
    let mut s = String::new();
    let lang_attr = match l {
        Lang::En => "en",
        Lang::Zh => "zh-CN",
    };
    let _ = write!(
        s,
        "<!doctype html>\n<html lang=\"{lang_attr}\"><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title><style>{STYLE}</style></head><body>\n<h1>{}</h1>\n",
        esc(t::TITLE.get(l)),
        esc(t::TITLE.get(l))
    );
    let _ = writeln!(
        s,
        "<p class=\"muted\">{}: <span class=\"hash\">{HASH_LABEL}{hash}</span></p>",
        esc(t::HASH_NOTE.get(l))
    );
    let note = if r.settings.show_values {
        t::SHOWN_NOTE
    } else {
        t::MASKED_NOTE
    };
    let _ = writeln!(s, "<p>{}</p>", esc(note.get(l)));

    // Input and tool.
    let i = &r.input;
    let _ = writeln!(s, "<h2>{}</h2><table>", esc(t::INPUT.get(l)));
    let fmt = i.format.id();
    let rows: [(&t::T, String); 8] = [
        (
            &t::SHA256,
            format!("<span class=\"hash\">{}</span>", esc(&i.sha256)),
        ),
        (&t::BYTES, i.bytes.to_string()),
        (&t::ROWS, i.rows.to_string()),
        (&t::COLUMNS, i.columns.to_string()),
        (&t::FORMAT, esc(&format!("{fmt}, {}", i.encoding))),
        (
            &t::TOOL,
            esc(&format!("{} {}", r.tool.name, r.tool.version)),
        ),
        (&t::GENERATED, e.generated.to_string()),
        (
            &t::REFERENCE,
            r.settings
                .reference_date
                .map(|d| d.to_string())
                .unwrap_or_default(),
        ),
    ];
    for (k, v) in rows {
        let _ = writeln!(s, "<tr><th>{}</th><td>{v}</td></tr>", esc(k.get(l)));
    }
    let settings = serde_json::to_string(&r.settings).unwrap_or_default();
    let _ = writeln!(
        s,
        "<tr><th>{}</th><td><code>{}</code></td></tr></table>",
        esc(t::SETTINGS.get(l)),
        esc(&settings)
    );

    // Columns.
    let _ = writeln!(
        s,
        "<h2>{}</h2><table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
        esc(t::COLUMNS.get(l)),
        esc(t::COLUMN.get(l)),
        esc(t::KIND.get(l)),
        esc(t::CONFIDENCE.get(l)),
        esc(t::VALID.get(l)),
        esc(t::INVALID.get(l)),
        esc(t::EMPTY.get(l)),
        esc(t::REASONS.get(l))
    );
    for c in &r.columns {
        let reasons: Vec<String> = c
            .reasons_by_count()
            .iter()
            .map(|(k, v)| format!("{} ×{v}", esc(k)))
            .collect();
        let _ = writeln!(
            s,
            "<tr><td>{}</td><td>{}</td><td class=\"n\">{:.0} %</td><td class=\"n\">{}</td><td class=\"n\">{} ({})</td><td class=\"n\">{}</td><td>{}</td></tr>",
            esc(&c.header),
            esc(c.kind.id()),
            c.confidence * 100.0,
            c.valid,
            c.invalid,
            pct(c.invalid, c.values),
            c.empty,
            reasons.join(", ")
        );
    }
    s.push_str("</table>\n");

    // Cross checks.
    if !r.cross_checks.is_empty() {
        let _ = writeln!(
            s,
            "<h2>{}</h2><table><tr><th>{}</th><th>{}</th><th>{}</th></tr>",
            esc(t::CROSS.get(l)),
            esc(t::CHECK.get(l)),
            esc(t::CHECKED.get(l)),
            esc(t::DISAGREE.get(l))
        );
        for x in &r.cross_checks {
            let note = if x.flags_rows {
                String::new()
            } else {
                format!(
                    " <span class=\"muted\">({})</span>",
                    esc(t::INFORMATIVE.get(l))
                )
            };
            let _ = writeln!(
                s,
                "<tr><td>{}{note}</td><td class=\"n\">{}</td><td class=\"n\">{} ({})</td></tr>",
                esc(&x.id),
                x.checked,
                x.disagree,
                pct(x.disagree, x.checked)
            );
        }
        s.push_str("</table>\n");
    }

    for tc in &r.text_columns {
        let _ = writeln!(
            s,
            "<h2>{}: {}</h2><table>",
            esc(t::FREE_TEXT.get(l)),
            esc(&tc.column)
        );
        let span = match (&tc.earliest, &tc.latest) {
            (Some(a), Some(b)) => format!("{a} – {b} ({})", tc.with_dates),
            _ => "–".into(),
        };
        for (k, v) in [
            (&t::DATES_NAMED, span),
            (&t::LATE_DATES, tc.after_reference.to_string()),
            (&t::ANACHRONISMS, tc.anachronisms.to_string()),
            (&t::NOT_CHINESE, tc.not_chinese.to_string()),
        ] {
            let _ = writeln!(s, "<tr><th>{}</th><td>{}</td></tr>", esc(k.get(l)), esc(&v));
        }
        s.push_str("</table>\n");
        for ex in tc.examples.iter().take(10) {
            let _ = writeln!(
                s,
                "<p class=\"muted\">{} {}: {} ({})</p>",
                esc(t::ROW.get(l)),
                ex.row,
                esc(&ex.reason),
                esc(&ex.detail)
            );
        }
        if !tc.boilerplate.is_empty() {
            let _ = writeln!(s, "<h3>{}</h3><ul>", esc(t::REPEATED.get(l)));
            for b in tc.boilerplate.iter().take(5) {
                let _ = writeln!(s, "<li>{} ×{}</li>", esc(&b.text), b.records);
            }
            s.push_str("</ul>\n");
        }
    }

    // People.
    let st = &r.stats;
    if st.source != "none" {
        let _ = writeln!(s, "<h2>{}</h2>", esc(t::PEOPLE.get(l)));
        let years: Vec<(i32, u64)> = st.birth_years.iter().map(|y| (y.year, y.count)).collect();
        let _ = writeln!(
            s,
            "<h3>{}</h3>{}",
            esc(t::BIRTH_YEARS.get(l)),
            year_histogram(t::BIRTH_YEARS.get(l), &years)
        );
        if st.female > 0 {
            let _ = writeln!(
                s,
                "<p>{}: {:.1} {} ({} / {})</p>",
                esc(t::SEX_RATIO.get(l)),
                st.male as f64 * 100.0 / st.female as f64,
                esc(t::MEN_PER_100.get(l)),
                st.male,
                st.female
            );
        }
        let provinces: Vec<(String, u64)> = st
            .provinces
            .iter()
            .take(15)
            .map(|p| (p.name.clone(), p.count))
            .collect();
        if !provinces.is_empty() {
            let _ = writeln!(
                s,
                "<h3>{}</h3>{}",
                esc(t::REGIONS.get(l)),
                bars(t::REGIONS.get(l), &provinces)
            );
        }
    }

    // Flagged rows.
    if r.flagged_total > 0 {
        let _ = writeln!(
            s,
            "<h2>{}</h2><table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
            esc(t::FLAGGED.get(l)),
            esc(t::ROW.get(l)),
            esc(t::COLUMN.get(l)),
            esc(t::REASON.get(l)),
            esc(t::VALUE.get(l))
        );
        for f in r.flagged_rows.iter().take(200) {
            let _ = writeln!(
                s,
                "<tr><td class=\"n\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                f.row,
                esc(&f.column),
                esc(&f.reason),
                esc(&f.value)
            );
        }
        s.push_str("</table>\n");
        let listed = r.flagged_rows.len().min(200) as u64;
        if r.flagged_total > listed {
            let _ = writeln!(
                s,
                "<p class=\"muted\">{} {}</p>",
                r.flagged_total - listed,
                esc(t::MORE_FLAGS.get(l))
            );
        }
    }

    if let Some(c) = e.comparison {
        let _ = writeln!(s, "<h2>{}</h2>", esc(t::COMPARISON.get(l)));
        let summary = match l {
            Lang::En => &c.summary.en,
            Lang::Zh => &c.summary.zh,
        };
        let _ = writeln!(s, "<p>{}</p><table>", esc(summary));
        for o in &c.overlap {
            let key = o.key.id();
            let _ = writeln!(
                s,
                "<tr><th>{}</th><td class=\"n\">{} / {:.1} %</td></tr>",
                esc(key),
                o.b_rows_matched,
                o.b_rate * 100.0
            );
        }
        let _ = writeln!(
            s,
            "</table><p class=\"muted\">A: <span class=\"hash\">{}</span><br>B: <span class=\"hash\">{}</span></p>",
            esc(&c.a.sha256),
            esc(&c.b.sha256)
        );
    }

    if let Some(sheet) = e.callsheet {
        let _ = writeln!(
            s,
            "<h2>{}</h2><p>{}: <code>{}</code></p><table><tr><th>{}</th>",
            esc(t::CALLSHEET.get(l)),
            esc(t::SEED.get(l)),
            esc(&sheet.seed),
            esc(t::ROW.get(l))
        );
        for c in &sheet.columns {
            let _ = write!(s, "<th>{}</th>", esc(c));
        }
        let _ = writeln!(
            s,
            "<th>{}</th><th>{}</th></tr>",
            esc(t::OUTCOME.get(l)),
            esc(t::NOTES.get(l))
        );
        for row in &sheet.rows {
            let _ = write!(s, "<tr><td class=\"n\">{}</td>", row.row);
            for v in &row.values {
                let _ = write!(s, "<td>{}</td>", esc(v));
            }
            s.push_str("<td></td><td></td></tr>\n");
        }
        s.push_str("</table>\n");
    }

    let _ = writeln!(
        s,
        "<h2>{}</h2><p>{}</p>\n</body></html>",
        esc(t::METHODS.get(l)),
        esc(t::METHODS_TEXT.get(l))
    );
    s
}
