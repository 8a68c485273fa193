//! Loose text dumps: one record per line, fields separated by a string such as `----`, `|`,
//! `；` (full-width semicolon) or a tab, or by runs of two or more spaces (delimiter `"  "`),
//! so that single spaces inside addresses do not split. No quoting.
//!
//! Console table borders (`+----+----+`) are skipped and a line framed by `|…|` loses its
//! outer bars.

use super::{shape, Layout, Record};
use crate::error::Result;

/// The delimiter meaning "runs of two or more spaces".
pub(crate) const SPACES: &str = "  ";

fn is_border(line: &str) -> bool {
    !line.is_empty()
        && line.contains('-')
        && line
            .chars()
            .all(|c| matches!(c, '+' | '-' | '=' | '|' | ' '))
        && line.starts_with(['+', '|'])
}

/// Splits one line (without its line break); `None` for a line that is not a record.
pub(crate) fn split_line(line: &str, delim: &str) -> Option<Vec<String>> {
    let line = line.strip_suffix('\r').unwrap_or(line);
    if line.trim().is_empty() || is_border(line.trim()) {
        return None;
    }
    if delim == SPACES {
        let mut fields = Vec::new();
        let t = line.trim_matches(|c| c == ' ' || c == '\u{feff}');
        let mut rest = t;
        while let Some(pos) = rest.find(SPACES) {
            fields.push(rest.get(..pos).unwrap_or("").to_owned());
            rest = rest.get(pos..).unwrap_or("").trim_start_matches(' ');
        }
        fields.push(rest.to_owned());
        return Some(fields);
    }
    let mut l = line;
    if delim == "|" {
        let t = l.trim();
        if t.len() >= 2 && t.starts_with('|') && t.ends_with('|') {
            l = t.get(1..t.len() - 1).unwrap_or(t);
        }
    }
    Some(l.split(delim).map(str::to_owned).collect())
}

/// The first `max` records split with `delim` (for sniffing).
pub(crate) fn sample(text: &str, delim: &str, max: usize) -> Vec<Vec<String>> {
    text.split('\n')
        .filter_map(|l| split_line(l, delim))
        .take(max)
        .collect()
}

/// Reads loose text records.
pub(crate) fn read(
    text: &str,
    layout: &Layout,
    sink: &mut dyn FnMut(Record) -> bool,
) -> Result<()> {
    let delim = layout.delimiter.as_deref().unwrap_or(SPACES);
    let columns = layout.headers.len();
    let mut header_pending = layout.has_header;
    let mut row = 0u64;
    for (i, line) in text.split('\n').enumerate() {
        let Some(fields) = split_line(line, delim) else {
            continue;
        };
        if header_pending {
            header_pending = false;
            continue;
        }
        row += 1;
        let (fields, problem) = shape(fields, columns);
        if !sink(Record {
            row,
            fields,
            problem,
            line: i as u64 + 1,
        }) {
            break;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_of_spaces_keep_single_spaces() {
        let f = split_line(
            "  张三   110101199003077777  北京市 朝阳区 建国路1号\r",
            SPACES,
        )
        .unwrap();
        assert_eq!(
            f,
            vec!["张三", "110101199003077777", "北京市 朝阳区 建国路1号"]
        );
    }

    #[test]
    fn dashes_and_bars() {
        let f = split_line("张三----110101199003077777----13800138000", "----").unwrap();
        assert_eq!(f.len(), 3);
        let f = split_line("| 张三 | 138 |", "|").unwrap();
        assert_eq!(f, vec![" 张三 ", " 138 "]);
        assert!(split_line("+------+-----+", "|").is_none());
        assert!(split_line("   ", "----").is_none());
    }
}
