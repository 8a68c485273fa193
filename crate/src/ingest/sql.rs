//! SQL dumps (mysqldump, phpMyAdmin, generic): `INSERT [IGNORE] INTO t [(cols)] VALUES (…),(…);`
//! and `REPLACE INTO`. Column names come from the column list or, without one, from the
//! `CREATE TABLE` of the same table; otherwise columns are `column N`.
//!
//! Values: `'…'` and `"…"` strings with MySQL backslash escapes and doubled quotes, `NULL` →
//! empty, anything else (numbers, `0x…`, function calls) as written. Comments (`--`, `#`,
//! `/* */`) and other statements are skipped.
//!
//! A tuple that cannot be parsed becomes one unparseable record; reading resumes at the next
//! `),(` or the end of the statement. Records of every table are read in order; the columns
//! are the union over all tables in first-seen order.

use super::{column_name, line_of, shape, InputFormat, Layout, Record, RecordProblem};
use crate::error::Result;
use std::collections::HashMap;

/// What the scanner finds.
enum Event<'a> {
    /// A tuple of `table` (column names if known), starting at this byte offset.
    Tuple {
        columns: Option<&'a [String]>,
        values: std::result::Result<Vec<String>, String>,
        at: usize,
    },
}

struct Scanner<'a> {
    text: &'a str,
    b: &'a [u8],
    pos: usize,
    /// Column names from `CREATE TABLE`, by table name.
    tables: HashMap<String, Vec<String>>,
}

const DEF_KEYWORDS: &[&str] = &[
    "PRIMARY",
    "KEY",
    "UNIQUE",
    "INDEX",
    "CONSTRAINT",
    "FOREIGN",
    "FULLTEXT",
    "SPATIAL",
    "CHECK",
    "PERIOD",
];

impl<'a> Scanner<'a> {
    fn new(text: &'a str) -> Self {
        Scanner {
            text,
            b: text.as_bytes(),
            pos: 0,
            tables: HashMap::new(),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    fn peek_at(&self, k: usize) -> Option<u8> {
        self.b.get(self.pos + k).copied()
    }

    /// Skips white space and comments.
    fn skip_ws(&mut self) {
        loop {
            match self.peek() {
                Some(c) if c.is_ascii_whitespace() => self.pos += 1,
                Some(b'-') if self.peek_at(1) == Some(b'-') => self.skip_line(),
                Some(b'#') => self.skip_line(),
                Some(b'/') if self.peek_at(1) == Some(b'*') => {
                    match self.text.get(self.pos + 2..).and_then(|r| r.find("*/")) {
                        Some(n) => self.pos += n + 4,
                        None => self.pos = self.b.len(),
                    }
                }
                _ => return,
            }
        }
    }

    fn skip_line(&mut self) {
        while let Some(c) = self.peek() {
            self.pos += 1;
            if c == b'\n' {
                break;
            }
        }
    }

    /// A bare word (letters, digits, `_`, `$`), or `None`.
    fn word(&mut self) -> Option<&'a str> {
        let start = self.pos;
        while let Some(c) = self.peek() {
            if c.is_ascii_alphanumeric() || c == b'_' || c == b'$' || c >= 0x80 {
                self.pos += 1;
            } else {
                break;
            }
        }
        if self.pos > start {
            self.text.get(start..self.pos)
        } else {
            None
        }
    }

    fn keyword(&mut self) -> Option<String> {
        self.skip_ws();
        self.word().map(str::to_ascii_uppercase)
    }

    /// Expects a keyword; restores the position when it is not there.
    fn accept_keyword(&mut self, kw: &str) -> bool {
        let save = self.pos;
        if self.keyword().as_deref() == Some(kw) {
            true
        } else {
            self.pos = save;
            false
        }
    }

    /// An identifier: `quoted`, "quoted", [quoted] or bare; `schema.table` gives `table`.
    fn ident(&mut self) -> Option<String> {
        self.skip_ws();
        let mut name = self.ident_part()?;
        while self.peek() == Some(b'.') {
            self.pos += 1;
            name = self.ident_part()?;
        }
        Some(name)
    }

    fn ident_part(&mut self) -> Option<String> {
        match self.peek()? {
            q @ (b'`' | b'"' | b'[') => {
                let close = if q == b'[' { b']' } else { q };
                self.pos += 1;
                let mut out = Vec::new();
                while let Some(c) = self.peek() {
                    self.pos += 1;
                    if c == close {
                        if self.peek() == Some(close) && close != b']' {
                            self.pos += 1;
                            out.push(c);
                        } else {
                            return Some(String::from_utf8_lossy(&out).into_owned());
                        }
                    } else {
                        out.push(c);
                    }
                }
                None
            }
            _ => self.word().map(str::to_owned),
        }
    }

    /// Skips to just after the next `;` outside strings and comments.
    fn skip_statement(&mut self) {
        while let Some(c) = self.peek() {
            match c {
                b';' => {
                    self.pos += 1;
                    return;
                }
                b'\'' | b'"' | b'`' => {
                    if self.string(c).is_err() {
                        return;
                    }
                }
                b'-' | b'#' | b'/' => {
                    let before = self.pos;
                    self.skip_ws();
                    if self.pos == before {
                        self.pos += 1;
                    }
                }
                _ => self.pos += 1,
            }
        }
    }

    /// A quoted string starting at the current quote; MySQL escapes and doubled quotes.
    fn string(&mut self, quote: u8) -> std::result::Result<String, String> {
        let start = self.pos;
        self.pos += 1;
        let mut out: Vec<u8> = Vec::new();
        while let Some(c) = self.peek() {
            self.pos += 1;
            if c == quote {
                if self.peek() == Some(quote) {
                    self.pos += 1;
                    out.push(quote);
                } else {
                    return Ok(String::from_utf8_lossy(&out).into_owned());
                }
            } else if c == b'\\' && quote != b'`' {
                let Some(e) = self.peek() else { break };
                self.pos += 1;
                match e {
                    b'n' => out.push(b'\n'),
                    b'r' => out.push(b'\r'),
                    b't' => out.push(b'\t'),
                    b'0' => out.push(0),
                    b'b' => out.push(8),
                    b'Z' => out.push(26),
                    b'%' | b'_' => out.extend_from_slice(&[b'\\', e]),
                    other => out.push(other),
                }
            } else {
                out.push(c);
            }
        }
        self.pos = self.b.len();
        Err(format!(
            "unterminated string starting on line {}",
            line_of(self.text, 0, 1, start)
        ))
    }

    /// One value inside a tuple.
    fn value(&mut self) -> std::result::Result<String, String> {
        self.skip_ws();
        match self.peek() {
            Some(q @ (b'\'' | b'"')) => self.string(q),
            Some(b'_') | Some(b'N') | Some(b'n') | Some(b'X') | Some(b'x') | Some(b'E')
            | Some(b'e') | Some(b'B') | Some(b'b')
                if self.prefixed_string_ahead() =>
            {
                self.word();
                match self.peek() {
                    Some(q @ (b'\'' | b'"')) => self.string(q),
                    _ => Err("expected a string after its prefix".into()),
                }
            }
            Some(_) => {
                // Bare value: up to `,` or `)` at depth 0.
                let start = self.pos;
                let mut depth = 0usize;
                while let Some(c) = self.peek() {
                    match c {
                        b'(' => depth += 1,
                        b')' if depth == 0 => break,
                        b')' => depth -= 1,
                        b',' if depth == 0 => break,
                        b'\'' | b'"' => {
                            self.string(c)?;
                            continue;
                        }
                        b';' | b'\n' if depth == 0 => break,
                        _ => {}
                    }
                    self.pos += 1;
                }
                let raw = self.text.get(start..self.pos).unwrap_or("").trim();
                if raw.is_empty() {
                    Err("empty value".into())
                } else if raw.eq_ignore_ascii_case("null") {
                    Ok(String::new())
                } else {
                    Ok(raw.to_owned())
                }
            }
            None => Err("unexpected end of input".into()),
        }
    }

    /// Whether a string prefix such as `_utf8mb4'…'`, `N'…'`, `X'…'` starts here.
    fn prefixed_string_ahead(&self) -> bool {
        let mut k = 0;
        while let Some(c) = self.peek_at(k) {
            if c.is_ascii_alphanumeric() || c == b'_' {
                k += 1;
            } else {
                return k > 0 && (c == b'\'' || c == b'"') && (k == 1 || self.peek() == Some(b'_'));
            }
        }
        false
    }

    /// A tuple starting at `(`.
    fn tuple(&mut self) -> std::result::Result<Vec<String>, String> {
        self.pos += 1; // '('
        let mut values = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b')') {
            self.pos += 1;
            return Ok(values);
        }
        loop {
            values.push(self.value()?);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b')') => {
                    self.pos += 1;
                    return Ok(values);
                }
                Some(c) => {
                    return Err(format!(
                        "expected ',' or ')' after value {}, found {:?}",
                        values.len(),
                        char::from(c)
                    ))
                }
                None => return Err("unexpected end of input inside a tuple".into()),
            }
        }
    }

    /// After a broken tuple starting at `from`: position at the next tuple or statement end.
    fn resync(&mut self, from: usize) {
        let mut i = from + 1;
        while let Some(&c) = self.b.get(i) {
            if c == b')' {
                let mut j = i + 1;
                while self.b.get(j).is_some_and(|c| c.is_ascii_whitespace()) {
                    j += 1;
                }
                match self.b.get(j) {
                    Some(b',') => {
                        let mut k = j + 1;
                        while self.b.get(k).is_some_and(|c| c.is_ascii_whitespace()) {
                            k += 1;
                        }
                        if self.b.get(k) == Some(&b'(') {
                            self.pos = k;
                            return;
                        }
                    }
                    Some(b';') => {
                        self.pos = j;
                        return;
                    }
                    _ => {}
                }
            }
            i += 1;
        }
        self.pos = self.b.len();
    }

    /// Column names of a `CREATE TABLE` body starting at `(`.
    fn table_columns(&mut self) -> Vec<String> {
        let mut cols = Vec::new();
        self.pos += 1; // '('
        loop {
            self.skip_ws();
            let quoted = matches!(self.peek(), Some(b'`' | b'"' | b'['));
            let save = self.pos;
            if let Some(name) = self.ident_part() {
                if quoted || !DEF_KEYWORDS.contains(&name.to_ascii_uppercase().as_str()) {
                    cols.push(name);
                }
            } else {
                self.pos = save;
            }
            // Skip the rest of this definition.
            let mut depth = 0usize;
            loop {
                match self.peek() {
                    None => return cols,
                    Some(b'(') => depth += 1,
                    Some(b')') if depth == 0 => {
                        self.pos += 1;
                        return cols;
                    }
                    Some(b')') => depth -= 1,
                    Some(b',') if depth == 0 => {
                        self.pos += 1;
                        break;
                    }
                    Some(q @ (b'\'' | b'"' | b'`')) => {
                        if self.string(q).is_err() {
                            return cols;
                        }
                        continue;
                    }
                    _ => {}
                }
                self.pos += 1;
            }
        }
    }

    /// Scans the whole dump; `f` returns false to stop.
    fn run(&mut self, f: &mut dyn FnMut(Event<'_>) -> bool) {
        loop {
            self.skip_ws();
            if self.peek().is_none() {
                return;
            }
            let stmt_start = self.pos;
            let kw = self.keyword();
            match kw.as_deref() {
                Some("INSERT" | "REPLACE") => {
                    for m in ["LOW_PRIORITY", "DELAYED", "HIGH_PRIORITY", "IGNORE"] {
                        self.accept_keyword(m);
                    }
                    self.accept_keyword("INTO");
                    let Some(table) = self.ident() else {
                        self.skip_statement();
                        continue;
                    };
                    self.skip_ws();
                    let mut explicit: Option<Vec<String>> = None;
                    if self.peek() == Some(b'(') {
                        self.pos += 1;
                        let mut cols = Vec::new();
                        while let Some(c) = self.ident() {
                            cols.push(c);
                            self.skip_ws();
                            match self.peek() {
                                Some(b',') => self.pos += 1,
                                _ => break,
                            }
                        }
                        self.skip_ws();
                        if self.peek() == Some(b')') {
                            self.pos += 1;
                        }
                        explicit = Some(cols);
                    }
                    if !(self.accept_keyword("VALUES") || self.accept_keyword("VALUE")) {
                        self.skip_statement();
                        continue;
                    }
                    let columns: Option<Vec<String>> =
                        explicit.or_else(|| self.tables.get(&table).cloned());
                    loop {
                        self.skip_ws();
                        if self.peek() != Some(b'(') {
                            self.skip_statement();
                            break;
                        }
                        let at = self.pos;
                        let values = self.tuple();
                        if values.is_err() {
                            self.resync(at);
                        }
                        if !f(Event::Tuple {
                            columns: columns.as_deref(),
                            values,
                            at,
                        }) {
                            return;
                        }
                        self.skip_ws();
                        match self.peek() {
                            Some(b',') => self.pos += 1,
                            Some(b';') => {
                                self.pos += 1;
                                break;
                            }
                            Some(b'(') => {}
                            _ => {
                                self.skip_statement();
                                break;
                            }
                        }
                    }
                }
                Some("CREATE") => {
                    let _ = self.accept_keyword("TEMPORARY");
                    if self.accept_keyword("TABLE") {
                        if self.accept_keyword("IF") {
                            self.accept_keyword("NOT");
                            self.accept_keyword("EXISTS");
                        }
                        if let Some(table) = self.ident() {
                            self.skip_ws();
                            if self.peek() == Some(b'(') {
                                let cols = self.table_columns();
                                self.tables.insert(table, cols);
                            }
                        }
                    }
                    self.skip_statement();
                }
                _ => {
                    if self.pos == stmt_start {
                        if self.peek() == Some(b';') {
                            // An empty statement, e.g. after `/*!40000 … */`.
                            self.pos += 1;
                            continue;
                        }
                        self.pos += 1;
                    }
                    self.skip_statement();
                }
            }
        }
    }
}

/// Layout of an SQL dump: the union of the column names of its INSERTs.
pub(crate) fn layout(text: &str) -> Result<Layout> {
    let mut headers: Vec<String> = Vec::new();
    let mut named = false;
    let mut sc = Scanner::new(text);
    sc.run(&mut |ev| {
        let Event::Tuple {
            columns, values, ..
        } = ev;
        match columns {
            Some(cols) => {
                named = true;
                for c in cols {
                    if !headers.contains(c) {
                        headers.push(c.clone());
                    }
                }
            }
            None => {
                if let Ok(v) = &values {
                    for i in headers.len()..v.len() {
                        headers.push(column_name(i));
                    }
                }
            }
        }
        true
    });
    Ok(Layout {
        format: InputFormat::Sql,
        delimiter: None,
        has_header: named,
        headers,
        search_responses: false,
    })
}

/// Reads SQL tuples as records.
pub(crate) fn read(
    text: &str,
    layout: &Layout,
    sink: &mut dyn FnMut(Record) -> bool,
) -> Result<()> {
    let index = layout.header_index();
    let width = layout.headers.len();
    let mut row = 0u64;
    let mut last = (0usize, 1u64);
    let mut sc = Scanner::new(text);
    sc.run(&mut |ev| {
        let Event::Tuple {
            columns,
            values,
            at,
        } = ev;
        let line = line_of(text, last.0, last.1, at);
        last = (at, line);
        row += 1;
        let (fields, problem) = match values {
            Err(message) => (Vec::new(), Some(RecordProblem::Unparseable { message })),
            Ok(values) => match columns {
                None => shape(values, width),
                Some(cols) => {
                    let found = values.len();
                    let mut fields = vec![String::new(); width];
                    let mut extra = Vec::new();
                    for (i, v) in values.into_iter().enumerate() {
                        let slot = cols
                            .get(i)
                            .and_then(|c| index.get(c.as_str()))
                            .and_then(|&k| fields.get_mut(k));
                        match slot {
                            Some(s) => *s = v,
                            None => extra.push(v),
                        }
                    }
                    fields.extend(extra);
                    let problem = if found < cols.len() {
                        Some(RecordProblem::TooFewFields { found })
                    } else if found > cols.len() {
                        Some(RecordProblem::TooManyFields { found })
                    } else {
                        None
                    };
                    (fields, problem)
                }
            },
        };
        sink(Record {
            row,
            fields,
            problem,
            line,
        })
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> (Layout, Vec<Record>) {
        let l = layout(text).unwrap();
        let mut out = Vec::new();
        read(text, &l, &mut |r| {
            out.push(r);
            true
        })
        .unwrap();
        (l, out)
    }

    #[test]
    fn mysqldump_with_create_table() {
        let t = "-- MySQL dump\n/*!40101 SET NAMES utf8mb4 */;\nDROP TABLE IF EXISTS `p`;\n\
CREATE TABLE `p` (\n  `id` int NOT NULL AUTO_INCREMENT,\n  `xm` varchar(20) DEFAULT NULL COMMENT '姓名, 全名',\n  `sfzh` char(18),\n  PRIMARY KEY (`id`),\n  KEY `k` (`sfzh`)\n) ENGINE=InnoDB;\n\
LOCK TABLES `p` WRITE;\nINSERT INTO `p` VALUES (1,'O\\'Brien',NULL),(2,'张''三','110101199003077777');\nUNLOCK TABLES;\n";
        let (l, recs) = all(t);
        assert_eq!(l.headers, vec!["id", "xm", "sfzh"]);
        assert!(l.has_header);
        assert_eq!(recs.len(), 2);
        assert_eq!(recs[0].fields, vec!["1", "O'Brien", ""]);
        assert_eq!(recs[1].fields, vec!["2", "张'三", "110101199003077777"]);
        assert_eq!(recs[0].line, 12);
    }

    #[test]
    fn broken_tuple_is_flagged_and_reading_resumes() {
        let t = "INSERT INTO t (a,b) VALUES ('x','y'),('p' 'q'),('m','n');\nINSERT INTO t (a,b) VALUES ('z');";
        let (_, recs) = all(t);
        assert_eq!(recs.len(), 4);
        assert!(matches!(
            recs[1].problem,
            Some(RecordProblem::Unparseable { .. })
        ));
        assert_eq!(recs[2].fields, vec!["m", "n"]);
        assert_eq!(
            recs[3].problem,
            Some(RecordProblem::TooFewFields { found: 1 })
        );
        assert_eq!(recs[3].line, 2);
    }

    #[test]
    fn empty_statement_after_versioned_comment_does_not_eat_the_next_insert() {
        let (_, recs) =
            all("/*!40000 ALTER TABLE `t` DISABLE KEYS */;\nINSERT INTO t VALUES (1),(2);\n");
        assert_eq!(recs.len(), 2);
    }

    #[test]
    fn no_column_list() {
        let (l, recs) = all("INSERT INTO t VALUES ('a', 1, now()), ('b', -2.5, 0x1F);");
        assert!(!l.has_header);
        assert_eq!(l.headers, vec!["column 1", "column 2", "column 3"]);
        assert_eq!(recs[1].fields, vec!["b", "-2.5", "0x1F"]);
    }

    #[test]
    fn unterminated_string_does_not_hang() {
        let (_, recs) = all("INSERT INTO t VALUES ('a), ('b');");
        assert!(recs.iter().any(|r| r.problem.is_some()));
    }
}
