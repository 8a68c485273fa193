//! Small inline SVG charts for the evidence report: no script, no external resource, printable.

use std::fmt::Write as _;

/// Escapes text for HTML and SVG.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A column chart of counts over consecutive years (gaps drawn as zero), with a caption.
pub fn year_histogram(title: &str, points: &[(i32, u64)]) -> String {
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        return String::new();
    };
    let span = (last.0 - first.0 + 1).max(1) as usize;
    let mut counts = vec![0u64; span];
    for &(y, n) in points {
        if let Some(slot) = counts.get_mut((y - first.0) as usize) {
            *slot = n;
        }
    }
    let max = counts.iter().copied().max().unwrap_or(1).max(1);
    let (w, h, pad) = (640.0, 160.0, 24.0);
    let bw = (w - 2.0 * pad) / span as f64;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="chart" viewBox="0 0 {w} {}" role="img" aria-label="{}"><title>{}</title>"#,
        h + 2.0 * pad,
        esc(title),
        esc(title)
    );
    for (i, &n) in counts.iter().enumerate() {
        let bh = n as f64 / max as f64 * h;
        let _ = write!(
            s,
            r##"<rect x="{:.2}" y="{:.2}" width="{:.2}" height="{:.2}" fill="#3b6ea8"><title>{}: {n}</title></rect>"##,
            pad + i as f64 * bw,
            pad + h - bh,
            (bw - 0.5).max(0.5),
            bh,
            first.0 + i as i32
        );
    }
    let _ = write!(
        s,
        r##"<text x="{pad}" y="{:.0}" font-size="11">{}</text><text x="{:.0}" y="{:.0}" font-size="11" text-anchor="end">{}</text><text x="{pad}" y="14" font-size="11">max {max}</text></svg>"##,
        h + 2.0 * pad - 4.0,
        first.0,
        w - pad,
        h + 2.0 * pad - 4.0,
        last.0
    );
    s
}

/// Horizontal bars with labels and counts (e.g. provinces, validity).
pub fn bars(title: &str, items: &[(String, u64)]) -> String {
    if items.is_empty() {
        return String::new();
    }
    let max = items.iter().map(|i| i.1).max().unwrap_or(1).max(1);
    let (w, row, label) = (640.0, 20.0, 160.0);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="chart" viewBox="0 0 {w} {}" role="img" aria-label="{}"><title>{}</title>"#,
        row * items.len() as f64 + 8.0,
        esc(title),
        esc(title)
    );
    for (i, (name, n)) in items.iter().enumerate() {
        let y = i as f64 * row + 4.0;
        let bw = *n as f64 / max as f64 * (w - label - 80.0);
        let _ = write!(
            s,
            r##"<text x="{:.0}" y="{:.0}" font-size="12" text-anchor="end">{}</text><rect x="{label}" y="{y:.0}" width="{bw:.2}" height="{:.0}" fill="#3b6ea8"/><text x="{:.0}" y="{:.0}" font-size="12">{n}</text>"##,
            label - 6.0,
            y + row * 0.7,
            esc(name),
            row - 4.0,
            label + bw + 6.0,
            y + row * 0.7
        );
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charts_are_well_formed_and_escaped() {
        let h = year_histogram("years", &[(1950, 3), (1953, 7)]);
        assert_eq!(h.matches("<rect").count(), 4, "gaps are drawn");
        assert!(h.starts_with("<svg") && h.ends_with("</svg>"));
        let b = bars("t", &[("<b>".into(), 2), ("x".into(), 1)]);
        assert!(b.contains("&lt;b&gt;") && !b.contains("<b>"));
        assert_eq!(year_histogram("e", &[]), "");
        assert_eq!(bars("e", &[]), "");
    }
}
