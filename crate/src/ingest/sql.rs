//! SQL dumps (mysqldump, phpMyAdmin, pg_dump, generic): `INSERT [IGNORE] INTO t [(cols)] VALUES
//! (…),(…);`, `REPLACE INTO`, and PostgreSQL's `COPY t [(cols)] FROM stdin;` followed by its data
//! lines up to `\.` (pg_dump's plain format). Column names come from the column list or, without
//! one, from the `CREATE TABLE` of the same table; otherwise columns are `column N`.
//!
//! COPY data in the text format: one record a line, values split at the delimiter (a tab unless
//! the statement's `DELIMITER` says otherwise), `\N` → empty, backslash escapes (`\t`, `\n`,
//! `\\`, octal `\123`, hex `\x41`…) decoded, a trailing carriage return dropped. COPY data in
//! the CSV or binary format is not read: each of its lines is one unparseable record saying so.
//!
//! Values: `'…'` and `"…"` strings with MySQL backslash escapes and doubled quotes, `NULL` →
//! empty, anything else (numbers, `0x…`, function calls) as written. Comments (`--`, `#`,
//! `/* */`) and other statements are skipped.
//!
//! A tuple that cannot be parsed becomes one unparseable record; reading resumes at the next
//! `),(` or the end of the statement. Records of every table are read in order; the columns
//! are the union over all tables in first-seen order ([`layout`]; a stream planning from its
//! head takes the union over the first records only).
//!
//! **Resumable.** The scanner also reads text that stops before the input ends (the pieces of
//! a stream: [`SqlStream`]). It goes from step to step ([`Resume`]): white space and comments,
//! a statement's start (up to its first tuple, or to the statement skipped), a tuple, what
//! follows a tuple, a statement skipped to its `;`, the search for the next tuple after a
//! broken one. When a step needs a byte past the end of a text that is not the input's end,
//! the scanner stops at its last checkpoint: the start of that step (a statement's start, a
//! tuple's `(`), or — for the steps that read byte by byte and never look back (white space
//! and comments, a skipped statement, the search after a broken tuple) — the end of the text,
//! with the step's state (inside a string or a comment, say). Given the text from there with
//! more bytes after it, it goes on exactly as it would have on the whole text: the one-pass
//! reader is the same scanner given the whole text at once. A stream so holds at most one
//! statement's start (up to its first tuple) or one tuple, plus a byte of an unfinished `--`,
//! `/*`, `*/`, doubled quote or escape. In COPY data the checkpoint is a line's start: a stream
//! holds at most one data line.

use super::json::LateSink;
use super::{column_name, line_of, shape, InputFormat, Layout, Record, RecordProblem};
use crate::error::Result;
use std::collections::HashMap;

/// A tuple found: its table's column names (if known), its values, the offset of its `(`.
struct Tuple<'a> {
    columns: Option<&'a [String]>,
    /// Which INSERT the columns are of (a number that changes with every INSERT).
    insert: u64,
    values: std::result::Result<Vec<String>, String>,
    at: usize,
}

/// The step the scanner is at (where a stream resumes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Resume {
    /// White space and comments (`lex`: the comment under way), then `then`.
    Space(Lex, Then),
    /// A statement's first word, up to its first tuple or to the statement skipped.
    Statement,
    /// A tuple's `(` in a VALUES list.
    Tuple,
    /// A tuple's `(` whose tuple a stream gave up on: longer than it holds.
    TooLong,
    /// After a tuple and the white space after it: `,`, `;`, `(` or anything else.
    Separator,
    /// After the VALUES keyword or a `,` between tuples, and white space: a tuple's `(` or not.
    Expect,
    /// To the end of the statement (`;` outside strings and comments), then a statement.
    Skip(Lex),
    /// After a broken tuple: the next `)`, `,`, `(` or `)`, `;` (white space between).
    Resync(Phase),
    /// A COPY data line's start (or the `\.` that ends the data).
    Copy(CopyFormat),
    /// A COPY data line's start whose line a stream gave up on: longer than it holds.
    CopyTooLong(CopyFormat),
    /// To the line feed after a COPY data line given up on.
    CopySkip(CopyFormat),
}

/// How the data of a `COPY … FROM stdin` is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CopyFormat {
    /// PostgreSQL's text format, values split at this byte (a tab by default).
    Text(u8),
    /// CSV or binary: not read, each line flagged.
    Unread(&'static str),
}

/// What is under way while white space, comments or a skipped statement are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Lex {
    Code,
    /// A `--` or `#` comment, to its line feed.
    Line,
    /// A `/* */` comment (its `/*` read).
    Block,
    /// A string opened by this quote (in a skipped statement).
    Str(u8),
}

/// What comes after white space and comments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Then {
    Statement,
    Separator,
    Expect,
}

/// The search for the next tuple after a broken one: looking for `)`, after `)` (and white
/// space), after `)` `,` (and white space).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    Seek,
    Paren,
    Comma,
}

/// How a run of the scanner ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Stop {
    /// The input's end.
    End,
    /// The text's end, which is not the input's: go on from the checkpoint.
    Paused,
    /// The sink asked to stop.
    Stopped,
}

/// The bytes a skipped statement stops at: its end, quotes, comment starts.
const SKIP_STOPS: [bool; 256] = {
    let mut t = [false; 256];
    let stops = b";'\"`-#/";
    let mut i = 0;
    while i < stops.len() {
        t[stops[i] as usize] = true;
        i += 1;
    }
    t
};

/// The offset in `bytes` of the next `quote`, or of the next backslash (an escape) when the
/// quote is not a backquote.
fn quote_or_escape(bytes: &[u8], quote: u8) -> Option<usize> {
    if quote == b'`' {
        memchr::memchr(quote, bytes)
    } else {
        memchr::memchr2(quote, b'\\', bytes)
    }
}

struct Scanner<'a> {
    text: &'a str,
    b: &'a [u8],
    pos: usize,
    /// The text ends the input; otherwise a read past its end starves the scanner.
    eof: bool,
    /// A read went past the end of a text that is not the input's end.
    starved: bool,
    /// 1-based line of the text's first byte (for messages).
    line: u64,
    /// Column names from `CREATE TABLE`, by table name.
    tables: HashMap<String, Vec<String>>,
    /// The columns of the INSERT under way (`None`: not known).
    columns: Option<Vec<String>>,
    /// INSERTs read up to their VALUES.
    inserts: u64,
    /// The NULL string of the COPY under way, when its options set one (`NULL 'x'`; else `\N`).
    copy_null: Option<String>,
    /// The last checkpoint: where, and at which step, the scanner can go on.
    mark: (usize, Resume),
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

impl Resume {
    /// Where a dump starts.
    const START: Resume = Resume::Space(Lex::Code, Then::Statement);
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str, eof: bool, line: u64) -> Self {
        Scanner {
            text,
            b: text.as_bytes(),
            pos: 0,
            eof,
            starved: false,
            line,
            tables: HashMap::new(),
            columns: None,
            inserts: 0,
            copy_null: None,
            mark: (0, Resume::START),
        }
    }

    fn peek(&mut self) -> Option<u8> {
        self.peek_at(0)
    }

    fn peek_at(&mut self, k: usize) -> Option<u8> {
        let c = self.b.get(self.pos + k).copied();
        if c.is_none() {
            self.starve();
        }
        c
    }

    /// The end of the text was reached: if it is not the input's end, what was read since
    /// the checkpoint depends on bytes still to come.
    fn starve(&mut self) {
        self.starved |= !self.eof;
    }

    /// Stops at the end of the text in `step` (a byte-by-byte step), to go on from `pos`.
    fn pause(&mut self, step: Resume) -> bool {
        self.mark = (self.pos, step);
        self.starved = true;
        false
    }

    fn rest(&self) -> &'a [u8] {
        self.b.get(self.pos..).unwrap_or(&[])
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
                        None => {
                            self.starve();
                            self.pos = self.b.len();
                        }
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

    /// Moves past the end of the comment under way (`Line` or `Block`), or, when the text
    /// ends first, to its end (but for a `*` that may start the `*/`) and returns false.
    fn comment_end(&mut self, lex: Lex) -> bool {
        let rest = self.rest();
        let end = match lex {
            Lex::Block => memchr::memmem::find(rest, b"*/").map(|n| n + 2),
            _ => memchr::memchr(b'\n', rest).map(|n| n + 1),
        };
        match end {
            Some(n) => {
                self.pos += n;
                true
            }
            None => {
                let star = lex == Lex::Block && !self.eof && rest.last() == Some(&b'*');
                self.pos = self.b.len() - usize::from(star);
                false
            }
        }
    }

    /// White space and comments, as [`Scanner::skip_ws`] skips them, read byte by byte: true
    /// at the next byte that is neither (or the input's end); false when the text ends first.
    fn space(&mut self, mut lex: Lex, then: Then) -> bool {
        loop {
            if matches!(lex, Lex::Line | Lex::Block) {
                if !self.comment_end(lex) && !self.eof {
                    return self.pause(Resume::Space(lex, then));
                }
                lex = Lex::Code;
                continue;
            }
            match self.b.get(self.pos).copied() {
                Some(c) if c.is_ascii_whitespace() => self.pos += 1,
                Some(b'#') => {
                    self.pos += 1;
                    lex = Lex::Line;
                }
                Some(c @ (b'-' | b'/')) => match (c, self.b.get(self.pos + 1)) {
                    (b'-', Some(b'-')) => {
                        self.pos += 2;
                        lex = Lex::Line;
                    }
                    (b'/', Some(b'*')) => {
                        self.pos += 2;
                        lex = Lex::Block;
                    }
                    (_, Some(_)) => return true,
                    (_, None) => return self.eof || self.pause(Resume::Space(lex, then)),
                },
                Some(_) => return true,
                None => return self.eof || self.pause(Resume::Space(lex, then)),
            }
        }
    }

    /// To just after the next `;` outside strings and comments (or the input's end), byte by
    /// byte: false when the text ends first. Strings as [`Scanner::string`] reads them (an
    /// unterminated one ends the statement at the input's end), comments as
    /// [`Scanner::skip_ws`] skips them.
    fn skip(&mut self, mut lex: Lex) -> bool {
        loop {
            match lex {
                Lex::Line | Lex::Block => {
                    if !self.comment_end(lex) && !self.eof {
                        return self.pause(Resume::Skip(lex));
                    }
                    lex = Lex::Code;
                }
                Lex::Code => {
                    let stop = self.rest().iter().position(|&c| SKIP_STOPS[usize::from(c)]);
                    let Some((n, c)) = stop.and_then(|n| Some((n, *self.rest().get(n)?))) else {
                        self.pos = self.b.len();
                        return self.eof || self.pause(Resume::Skip(lex));
                    };
                    self.pos += n;
                    match (c, self.b.get(self.pos + 1)) {
                        (b';', _) => {
                            self.pos += 1;
                            return true;
                        }
                        (b'\'' | b'"' | b'`', _) => {
                            self.pos += 1;
                            lex = Lex::Str(c);
                        }
                        (b'#', _) | (b'-', Some(b'-')) => {
                            self.pos += if c == b'#' { 1 } else { 2 };
                            lex = Lex::Line;
                        }
                        (b'/', Some(b'*')) => {
                            self.pos += 2;
                            lex = Lex::Block;
                        }
                        (_, Some(_)) => self.pos += 1,
                        (_, None) if self.eof => self.pos += 1,
                        (_, None) => return self.pause(Resume::Skip(lex)),
                    }
                }
                Lex::Str(q) => {
                    let Some(n) = quote_or_escape(self.rest(), q) else {
                        self.pos = self.b.len();
                        return self.eof || self.pause(Resume::Skip(lex));
                    };
                    self.pos += n;
                    let escape = self.b.get(self.pos) == Some(&b'\\');
                    match self.b.get(self.pos + 1).copied() {
                        // An escape takes the next byte; a doubled quote stays in the string.
                        Some(next) if escape || next == q => self.pos += 2,
                        Some(_) => {
                            self.pos += 1;
                            lex = Lex::Code;
                        }
                        None if !self.eof => return self.pause(Resume::Skip(lex)),
                        // An escape at the end leaves the string open: the statement ends.
                        None if escape => self.pos = self.b.len(),
                        None => {
                            self.pos += 1;
                            lex = Lex::Code;
                        }
                    }
                }
            }
        }
    }

    /// After a broken tuple (from just after its `(`): to the `(` of the next `)`, `,`, `(`
    /// or to the `;` of the next `)`, `;` (white space between them), byte by byte; at the
    /// input's end when there is none. False when the text ends first.
    fn resync(&mut self, mut phase: Phase) -> bool {
        loop {
            if phase == Phase::Seek {
                match memchr::memchr(b')', self.rest()) {
                    Some(n) => self.pos += n,
                    None => {
                        self.pos = self.b.len();
                        break;
                    }
                }
            }
            let Some(&c) = self.b.get(self.pos) else {
                break;
            };
            phase = match (phase, c) {
                (Phase::Paren, b';') | (Phase::Comma, b'(') => return true,
                (_, b')') => Phase::Paren,
                (Phase::Paren, b',') => Phase::Comma,
                (Phase::Paren | Phase::Comma, c) if c.is_ascii_whitespace() => phase,
                _ => Phase::Seek,
            };
            self.pos += 1;
        }
        self.eof || self.pause(Resume::Resync(phase))
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

    /// A quoted string starting at the current quote; MySQL escapes and doubled quotes. The
    /// bytes between two quotes or escapes are copied as one run.
    fn string(&mut self, quote: u8) -> std::result::Result<String, String> {
        let start = self.pos;
        self.pos += 1;
        let mut out: Vec<u8> = Vec::new();
        loop {
            let rest = self.rest();
            let Some(n) = quote_or_escape(rest, quote) else {
                self.starve();
                break;
            };
            let run = rest.get(..n).unwrap_or(&[]);
            let c = rest.get(n).copied().unwrap_or(quote);
            self.pos += n + 1;
            if c == quote {
                if self.peek() == Some(quote) {
                    self.pos += 1;
                    out.extend_from_slice(run);
                    out.push(quote);
                } else if out.is_empty() {
                    // No escape: the text between the quotes as it is.
                    let s = self.text.get(self.pos - n - 1..self.pos - 1);
                    return Ok(
                        s.map_or_else(|| String::from_utf8_lossy(run).into_owned(), str::to_owned)
                    );
                } else {
                    out.extend_from_slice(run);
                    // Valid UTF-8 whenever the text is: escapes only drop a backslash or put
                    // an ASCII byte for two.
                    return Ok(String::from_utf8(out)
                        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()));
                }
            } else {
                out.extend_from_slice(run);
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
            }
        }
        self.pos = self.b.len();
        if self.starved {
            return Err(String::new());
        }
        Err(format!(
            "unterminated string starting on line {}",
            line_of(self.text, 0, self.line, start)
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
    fn prefixed_string_ahead(&mut self) -> bool {
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

    /// An optional `(col, …)` list of column names (white space skipped before it).
    fn column_list(&mut self) -> Option<Vec<String>> {
        self.skip_ws();
        if self.peek() != Some(b'(') {
            return None;
        }
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
        Some(cols)
    }

    /// The options of a `COPY … FROM stdin` to its `;` (or its line's end: psql's `\copy` has
    /// none), new (`WITH (FORMAT csv, DELIMITER '|', NULL 'x')`) or old style (`WITH CSV`,
    /// `DELIMITER AS '|'`, `NULL AS 'x'`, `BINARY`): the format of its data; the NULL string
    /// goes to `copy_null`.
    fn copy_options(&mut self) -> CopyFormat {
        let mut format = CopyFormat::Text(b'\t');
        let mut delimiter = None;
        // Which string option comes next: its keyword, after `AS` too.
        let mut option = "";
        self.copy_null = None;
        let mut last = String::new();
        loop {
            self.skip_ws_on_line();
            match self.peek() {
                None | Some(b';' | b'\n') => break,
                Some(q @ (b'\'' | b'"')) => {
                    let v = self.string(q).unwrap_or_default();
                    match option {
                        "DELIMITER" => delimiter = v.bytes().next().filter(u8::is_ascii),
                        "NULL" => self.copy_null = Some(v),
                        _ => {}
                    }
                    option = "";
                    last.clear();
                }
                Some(c) if c.is_ascii_alphabetic() => {
                    let word = self.word().unwrap_or_default().to_ascii_uppercase();
                    match word.as_str() {
                        "CSV" => format = CopyFormat::Unread("CSV"),
                        "BINARY" => format = CopyFormat::Unread("binary"),
                        "TEXT" if last == "FORMAT" => format = CopyFormat::Text(b'\t'),
                        // `DELIMITER [AS] 'c'`, `NULL [AS] 'x'`: the string comes next.
                        "DELIMITER" => option = "DELIMITER",
                        "NULL" => option = "NULL",
                        "AS" => {}
                        // `E'…'`: an escape string's prefix, not a word of its own.
                        "E" if matches!(self.peek(), Some(b'\'')) => continue,
                        // Any other word ends a string option (`FORCE_NULL (…)` and the like
                        // are CSV options, not read).
                        _ => option = "",
                    }
                    last = word;
                }
                Some(_) => self.pos += 1,
            }
        }
        match (format, delimiter) {
            (CopyFormat::Text(_), Some(d)) if d != 0 && d != b'\n' && d != b'\\' => {
                CopyFormat::Text(d)
            }
            (f, _) => f,
        }
    }

    /// Skips spaces, tabs and carriage returns (not a line feed).
    fn skip_ws_on_line(&mut self) {
        while let Some(b' ' | b'\t' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    /// One COPY data line from its start: the end of the data (`\.`), or a record. `None` when
    /// the text ends first (the scanner is starved) or at the input's end.
    fn copy_line(&mut self, format: CopyFormat) -> Option<CopyLine> {
        let at = self.pos;
        let rest = self.rest();
        let (n, next) = match memchr::memchr(b'\n', rest) {
            Some(n) => (n, at + n + 1),
            None if !self.eof => {
                self.starve();
                return None;
            }
            None if rest.is_empty() => return None,
            None => (rest.len(), self.b.len()),
        };
        let line = self.text.get(at..at + n).unwrap_or("");
        let line = line.strip_suffix('\r').unwrap_or(line);
        self.pos = next;
        if line == "\\." {
            return Some(CopyLine::End);
        }
        Some(CopyLine::Record(match format {
            CopyFormat::Text(d) => Ok(copy_values(line, d, self.copy_null.as_deref())),
            CopyFormat::Unread(name) => Err(format!("COPY data in the {name} format, not read")),
        }))
    }

    /// A statement from its first word (white space and comments skipped): an INSERT up to
    /// its first tuple, a CREATE TABLE's columns; returns the next step.
    fn statement(&mut self) -> Resume {
        let stmt_start = self.pos;
        let kw = self.keyword();
        match kw.as_deref() {
            Some("INSERT" | "REPLACE") => {
                for m in ["LOW_PRIORITY", "DELAYED", "HIGH_PRIORITY", "IGNORE"] {
                    self.accept_keyword(m);
                }
                self.accept_keyword("INTO");
                let Some(table) = self.ident() else {
                    return Resume::Skip(Lex::Code);
                };
                let explicit = self.column_list();
                if !(self.accept_keyword("VALUES") || self.accept_keyword("VALUE")) {
                    return Resume::Skip(Lex::Code);
                }
                self.columns = explicit.or_else(|| self.tables.get(&table).cloned());
                self.inserts += 1;
                Resume::Space(Lex::Code, Then::Expect)
            }
            Some("COPY") => {
                let Some(table) = self.ident() else {
                    return Resume::Skip(Lex::Code);
                };
                let explicit = self.column_list();
                // Only `FROM stdin` has its data in the dump (`TO …`, `FROM 'file'` do not).
                if !(self.accept_keyword("FROM") && self.accept_keyword("STDIN")) {
                    return Resume::Skip(Lex::Code);
                }
                let format = self.copy_options();
                // The data starts on the line after the statement.
                while let Some(c) = self.peek() {
                    self.pos += 1;
                    if c == b'\n' {
                        break;
                    }
                }
                self.columns = explicit.or_else(|| self.tables.get(&table).cloned());
                self.inserts += 1;
                Resume::Copy(format)
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
                            if !self.starved {
                                self.tables.insert(table, cols);
                            }
                        }
                    }
                }
                Resume::Skip(Lex::Code)
            }
            _ => {
                if self.pos == stmt_start && self.peek() == Some(b'\\') {
                    // A psql meta-command (`\restrict …`, `\connect …`): to its line's end.
                    self.skip_line();
                    return Resume::START;
                }
                if self.pos == stmt_start {
                    if self.peek() == Some(b';') {
                        // An empty statement, e.g. after `/*!40000 … */`.
                        self.pos += 1;
                        return Resume::START;
                    }
                    self.pos += 1;
                }
                Resume::Skip(Lex::Code)
            }
        }
    }

    /// Scans from `pos` at step `step` until the input's end, the text's end ([`Stop::Paused`]:
    /// `mark` says where and at which step to go on) or `f` returns false.
    fn run(&mut self, mut step: Resume, f: &mut dyn FnMut(Tuple<'_>) -> bool) -> Stop {
        loop {
            if self.starved {
                return Stop::Paused;
            }
            self.mark = (self.pos, step);
            step = match step {
                Resume::Space(lex, then) => {
                    if !self.space(lex, then) {
                        return Stop::Paused;
                    }
                    match then {
                        Then::Statement => Resume::Statement,
                        Then::Separator => Resume::Separator,
                        Then::Expect => Resume::Expect,
                    }
                }
                Resume::Statement => {
                    if self.peek().is_none() {
                        return if self.starved {
                            Stop::Paused
                        } else {
                            Stop::End
                        };
                    }
                    self.statement()
                }
                Resume::Tuple | Resume::TooLong => {
                    let at = self.pos;
                    let values = match step {
                        Resume::TooLong => {
                            Err("a tuple longer than a stream holds, not read".to_owned())
                        }
                        _ => self.tuple(),
                    };
                    if self.starved {
                        continue;
                    }
                    let broken = values.is_err();
                    let columns = self.columns.as_deref();
                    if !f(Tuple {
                        columns,
                        insert: self.inserts,
                        values,
                        at,
                    }) {
                        return Stop::Stopped;
                    }
                    if broken {
                        self.pos = at + 1;
                        Resume::Resync(Phase::Seek)
                    } else {
                        Resume::Space(Lex::Code, Then::Separator)
                    }
                }
                Resume::Separator => match self.peek() {
                    Some(b',') => {
                        self.pos += 1;
                        Resume::Space(Lex::Code, Then::Expect)
                    }
                    Some(b';') => {
                        self.pos += 1;
                        Resume::START
                    }
                    Some(b'(') => Resume::Tuple,
                    _ => Resume::Skip(Lex::Code),
                },
                Resume::Expect => match self.peek() {
                    Some(b'(') => Resume::Tuple,
                    _ => Resume::Skip(Lex::Code),
                },
                Resume::Skip(lex) => {
                    if !self.skip(lex) {
                        return Stop::Paused;
                    }
                    Resume::START
                }
                Resume::Resync(phase) => {
                    if !self.resync(phase) {
                        return Stop::Paused;
                    }
                    Resume::Separator
                }
                Resume::Copy(format) | Resume::CopyTooLong(format) => {
                    let at = self.pos;
                    let given_up = matches!(step, Resume::CopyTooLong(_));
                    let values = if given_up {
                        Err("a COPY line longer than a stream holds, not read".to_owned())
                    } else {
                        match self.copy_line(format) {
                            Some(CopyLine::Record(values)) => values,
                            Some(CopyLine::End) => {
                                step = Resume::START;
                                continue;
                            }
                            None if self.starved => continue,
                            None => return Stop::End,
                        }
                    };
                    if !f(Tuple {
                        columns: self.columns.as_deref(),
                        insert: self.inserts,
                        values,
                        at,
                    }) {
                        return Stop::Stopped;
                    }
                    if given_up {
                        Resume::CopySkip(format)
                    } else {
                        Resume::Copy(format)
                    }
                }
                Resume::CopySkip(format) => match memchr::memchr(b'\n', self.rest()) {
                    Some(n) => {
                        self.pos += n + 1;
                        Resume::Copy(format)
                    }
                    None => {
                        self.pos = self.b.len();
                        if !self.eof {
                            self.pause(Resume::CopySkip(format));
                            return Stop::Paused;
                        }
                        return Stop::End;
                    }
                },
            };
        }
    }
}

/// A COPY data line read.
enum CopyLine {
    /// `\.`: the end of the data.
    End,
    Record(std::result::Result<Vec<String>, String>),
}

/// The values of a COPY data line in the text format: split at `delim` (a delimiter after a
/// backslash is data), a field written as the NULL string (`null`, default `\N`; compared
/// before its escapes are decoded, as PostgreSQL does) → empty, escapes decoded as PostgreSQL does: `\b`,
/// `\f`, `\n`, `\r`, `\t`, `\v`, one to three octal digits, `\x` and one or two hex digits, a
/// backslash before anything else is that character. Bytes that escapes make invalid UTF-8
/// become U+FFFD.
fn copy_values(line: &str, delim: u8, null: Option<&str>) -> Vec<String> {
    let null = null.unwrap_or("\\N").as_bytes();
    let b = line.as_bytes();
    if memchr::memchr(b'\\', b).is_none() {
        return line
            .split(char::from(delim))
            .map(|v| if v.as_bytes() == null { "" } else { v }.to_owned())
            .collect();
    }
    let mut out = Vec::new();
    let mut field: Vec<u8> = Vec::new();
    let mut start = 0;
    let mut i = 0;
    let finish = |field: &mut Vec<u8>, raw: &[u8], out: &mut Vec<String>| {
        let v = if raw == null {
            String::new()
        } else {
            String::from_utf8(std::mem::take(field))
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
        };
        field.clear();
        out.push(v);
    };
    while let Some(&c) = b.get(i) {
        if c == delim {
            finish(&mut field, b.get(start..i).unwrap_or(&[]), &mut out);
            i += 1;
            start = i;
            continue;
        }
        if c != b'\\' {
            field.push(c);
            i += 1;
            continue;
        }
        let Some(&e) = b.get(i + 1) else {
            // A backslash ending the line: kept.
            field.push(c);
            i += 1;
            continue;
        };
        i += 2;
        let digits = |i: &mut usize, radix: u32, most: usize, first: u32| {
            let mut v = first;
            for _ in 1..most {
                match b.get(*i).and_then(|&d| char::from(d).to_digit(radix)) {
                    Some(d) => {
                        v = v * radix + d;
                        *i += 1;
                    }
                    None => break,
                }
            }
            // Three octal digits may exceed a byte: PostgreSQL keeps the low eight bits.
            (v & 0xff) as u8
        };
        match e {
            b'b' => field.push(8),
            b'f' => field.push(12),
            b'n' => field.push(b'\n'),
            b'r' => field.push(b'\r'),
            b't' => field.push(b'\t'),
            b'v' => field.push(11),
            b'0'..=b'7' => field.push(digits(&mut i, 8, 3, u32::from(e - b'0'))),
            b'x' => match b.get(i).and_then(|&d| char::from(d).to_digit(16)) {
                Some(d) => {
                    i += 1;
                    field.push(digits(&mut i, 16, 2, d));
                }
                None => field.push(b'x'),
            },
            other => field.push(other),
        }
    }
    finish(&mut field, b.get(start..).unwrap_or(&[]), &mut out);
    out
}

/// The columns of the tuples seen: the union of their tables' column names in first-seen
/// order, and `column N` up to the longest tuple of a table whose columns are not known.
#[derive(Default)]
struct Union {
    headers: Vec<String>,
    named: bool,
}

impl Union {
    fn add(&mut self, t: &Tuple<'_>) {
        match t.columns {
            Some(cols) => {
                self.named = true;
                for c in cols {
                    if !self.headers.contains(c) {
                        self.headers.push(c.clone());
                    }
                }
            }
            None => {
                if let Ok(v) = &t.values {
                    for i in self.headers.len()..v.len() {
                        self.headers.push(column_name(i));
                    }
                }
            }
        }
    }

    fn layout(self) -> Layout {
        Layout {
            format: InputFormat::Sql,
            delimiter: None,
            has_header: self.named,
            headers: self.headers,
            search_responses: false,
        }
    }
}

/// Layout of an SQL dump: the union of the column names of its INSERTs' tuples, or of the
/// first `max_records` tuples only (all for `None`).
pub(crate) fn layout(text: &str, max_records: Option<usize>) -> Result<Layout> {
    let mut union = Union::default();
    let mut left = max_records.unwrap_or(usize::MAX);
    if left > 0 {
        Scanner::new(text, true, 1).run(Resume::START, &mut |t| {
            union.add(&t);
            left -= 1;
            left > 0
        });
    }
    Ok(union.layout())
}

/// Where each of an INSERT's columns goes in the layout (`index`: column by name), for
/// [`fields_of`]: looked up once an INSERT, not once a value.
#[derive(Default)]
struct Slots {
    insert: Option<u64>,
    slots: Vec<Option<usize>>,
}

impl Slots {
    fn of(&mut self, t: &Tuple<'_>, index: &HashMap<&str, usize>) -> &[Option<usize>] {
        if let (Some(cols), false) = (t.columns, self.insert == Some(t.insert)) {
            self.slots = cols
                .iter()
                .map(|c| index.get(c.as_str()).copied())
                .collect();
            self.insert = Some(t.insert);
        }
        &self.slots
    }
}

/// A tuple's record fields against the layout (`slots`: where the tuple's columns go, if it
/// names them; `width`: columns) and its problem. With `late`, the names of the tuple's
/// columns that are not columns of the layout (those it has a value for) are given to `late`
/// and their values left out, instead of being kept past the last column.
fn fields_of(
    t: Tuple<'_>,
    slots: &[Option<usize>],
    width: usize,
    late: Option<&mut LateSink<'_>>,
) -> (Vec<String>, Option<RecordProblem>) {
    let values = match t.values {
        Err(message) => return (Vec::new(), Some(RecordProblem::Unparseable { message })),
        Ok(values) => values,
    };
    let Some(cols) = t.columns else {
        return shape(values, width);
    };
    let found = values.len();
    let mut fields = vec![String::new(); width];
    let mut extra = Vec::new();
    let mut unknown: Vec<String> = Vec::new();
    for (i, v) in values.into_iter().enumerate() {
        let name = cols.get(i);
        let slot = slots
            .get(i)
            .copied()
            .flatten()
            .and_then(|k| fields.get_mut(k));
        match (slot, name) {
            (Some(s), _) => *s = v,
            (None, Some(name)) if late.is_some() => unknown.push(name.clone()),
            (None, _) => extra.push(v),
        }
    }
    if let (Some(f), false) = (late, unknown.is_empty()) {
        unknown.sort_unstable();
        unknown.dedup();
        f(&unknown);
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

/// An SQL dump read in pieces: the scanner's step, tables and INSERT columns carried from one
/// piece to the next ([`SqlStream::read`]). The one-pass reader is one call with all of the
/// text.
#[derive(Debug)]
pub(crate) struct SqlStream {
    step: Resume,
    tables: HashMap<String, Vec<String>>,
    columns: Option<Vec<String>>,
    inserts: u64,
    /// The NULL string of the COPY under way (see `Scanner::copy_null`).
    copy_null: Option<String>,
    /// 1-based line of the first byte not read yet.
    line: u64,
    /// Records read.
    rows: u64,
}

impl Default for SqlStream {
    fn default() -> SqlStream {
        SqlStream {
            step: Resume::START,
            tables: HashMap::new(),
            columns: None,
            inserts: 0,
            copy_null: None,
            line: 1,
            rows: 0,
        }
    }
}

impl SqlStream {
    /// Reads the records of `text` — the input's text from the first byte not consumed by the
    /// calls before; `eof`: it runs to the input's end — and gives them to `sink`, numbered
    /// from the first of the input. Returns how many bytes of `text` were consumed (the
    /// checkpoint where the next call starts; all of it at the input's end) and how the scan
    /// ended. A later call must be given the text from there on, with more bytes after it.
    pub(crate) fn read(
        &mut self,
        text: &str,
        eof: bool,
        layout: &Layout,
        mut late: Option<&mut LateSink<'_>>,
        sink: &mut dyn FnMut(Record) -> bool,
    ) -> (usize, Stop) {
        let index = layout.header_index();
        let width = layout.headers.len();
        let mut sc = Scanner::new(text, eof, self.line);
        sc.tables = std::mem::take(&mut self.tables);
        sc.columns = self.columns.take();
        sc.inserts = self.inserts;
        sc.copy_null = self.copy_null.take();
        let mut last = (0usize, self.line);
        let rows = &mut self.rows;
        let mut slots = Slots::default();
        let stop = sc.run(self.step, &mut |t| {
            let line = line_of(text, last.0, last.1, t.at);
            last = (t.at, line);
            *rows += 1;
            let slots = slots.of(&t, &index);
            let (fields, problem) = fields_of(t, slots, width, late.as_deref_mut());
            sink(Record {
                row: *rows,
                fields,
                problem,
                line,
            })
        });
        let (consumed, step) = match stop {
            Stop::Paused => sc.mark,
            _ => (text.len(), Resume::START),
        };
        // A checkpoint is always at a character boundary (an ASCII byte or the text's end).
        let mut consumed = consumed.min(text.len());
        while !text.is_char_boundary(consumed) {
            consumed -= 1;
        }
        self.line = line_of(text, last.0, last.1, consumed);
        self.step = step;
        self.tables = sc.tables;
        self.columns = sc.columns;
        self.inserts = sc.inserts;
        self.copy_null = sc.copy_null;
        (consumed, stop)
    }

    /// Whether the text held since the checkpoint is a tuple under way (else a statement's
    /// start: up to its first tuple).
    pub(crate) fn in_tuple(&self) -> bool {
        matches!(self.step, Resume::Tuple | Resume::Copy(_))
    }

    /// Gives up the tuple under way (the text since the checkpoint starts at its `(`): the
    /// next call reads it as one unparseable record and goes on as after a broken tuple, from
    /// the next `),(` or `);` after its `(`.
    pub(crate) fn give_up_tuple(&mut self) {
        self.step = match self.step {
            Resume::Tuple => Resume::TooLong,
            Resume::Copy(f) => Resume::CopyTooLong(f),
            s => s,
        };
    }

    /// 1-based line of the first byte not consumed.
    pub(crate) fn line(&self) -> u64 {
        self.line
    }
}

/// Reads SQL tuples as records.
pub(crate) fn read(
    text: &str,
    layout: &Layout,
    sink: &mut dyn FnMut(Record) -> bool,
) -> Result<()> {
    SqlStream::default().read(text, true, layout, None, sink);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> (Layout, Vec<Record>) {
        let l = layout(text, None).unwrap();
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

    #[test]
    fn the_first_records_set_a_stream_s_columns() {
        let t = "INSERT INTO a (x) VALUES (1),(2);\nINSERT INTO b (y, z) VALUES (3, 4);\n";
        assert_eq!(layout(t, Some(2)).unwrap().headers, ["x"]);
        assert_eq!(layout(t, Some(3)).unwrap().headers, ["x", "y", "z"]);
        assert_eq!(layout(t, Some(0)).unwrap().headers, Vec::<String>::new());
        // Read with the first two tuples' columns, the later ones are counted, not kept.
        let l = layout(t, Some(2)).unwrap();
        let mut late: Vec<Vec<String>> = Vec::new();
        let mut recs = Vec::new();
        SqlStream::default().read(
            t,
            true,
            &l,
            Some(&mut |k: &[String]| late.push(k.to_vec())),
            &mut |r| {
                recs.push(r);
                true
            },
        );
        assert_eq!(recs[2].fields, vec![""]);
        assert_eq!(recs[2].problem, None);
        assert_eq!(late, vec![vec!["y".to_owned(), "z".to_owned()]]);
    }

    /// The records of `text` fed in pieces as a stream feeds them: each call reads the text
    /// from the last checkpoint on, the consumed bytes are dropped.
    fn in_pieces(text: &str, mut piece_len: impl FnMut() -> usize) -> Vec<Record> {
        let l = layout(text, None).unwrap();
        let mut s = SqlStream::default();
        let mut out = Vec::new();
        let mut pending = String::new();
        let mut at = 0;
        loop {
            let mut end = (at + piece_len()).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            pending.push_str(&text[at..end]);
            at = end;
            let eof = at == text.len();
            let (n, stop) = s.read(&pending, eof, &l, None, &mut |r| {
                out.push(r);
                true
            });
            assert_eq!(stop == Stop::Paused, !eof, "{text:?}");
            pending.replace_range(..n, "");
            if eof {
                return out;
            }
        }
    }

    /// Cut anywhere, fed in pieces of any size (1 byte included), a dump gives the one-pass
    /// records, lines and messages included: strings, escapes, doubled quotes, comments of
    /// the three kinds, statements skipped, broken tuples and the search after them.
    #[test]
    fn pieces_give_the_one_pass_records() {
        let mut rng = crate::testgen::Lcg::new(23);
        let mut rnd = |n: u32| rng.draw() as u32 % n;
        let parts = [
            "INSERT INTO t (a, `b`) VALUES ",
            "INSERT INTO `u` VALUES",
            "REPLACE INTO t VALUE ",
            "INSERT ",
            "CREATE TABLE u (a int, b varchar(2) DEFAULT ';', PRIMARY KEY (a));\n",
            "CREATE TABLE `t` (",
            "LOCK TABLES `t` WRITE;\n",
            "/*!40101 SET NAMES utf8 */;\n",
            "SET x = 'a;b';",
            "(",
            ")",
            ",",
            ";",
            "),(",
            "('a', 'b')",
            "(1, 'O\\'Brien', NULL)",
            "('张''三', _utf8mb4'x', 0x1F, now())",
            "'",
            "\"",
            "`",
            "\\",
            "''",
            "-- c\n",
            "--",
            "-",
            "#",
            "/*",
            "*/",
            "/",
            "*",
            " ",
            "\n",
            "\r\n",
            "NULL",
            "1",
            "张",
            "x'",
            "COPY t (a, b) FROM stdin;\n",
            "COPY public.u FROM STDIN WITH (FORMAT csv);\n",
            "COPY t FROM stdin DELIMITER '|';\n",
            "\\.\n",
            "\\.",
            "\t",
            "|",
            "\\N",
            "\\t",
            "\\x4",
            "\\101",
        ];
        for round in 0..3_000 {
            let len = 1 + rnd(50);
            let mut text = String::new();
            for _ in 0..len {
                text.push_str(parts[rnd(parts.len() as u32) as usize]);
            }
            let (_, whole) = all(&text);
            for max in [1, 2, 3, 7, 1_000] {
                let got = in_pieces(&text, || 1 + rnd(max) as usize);
                assert_eq!(
                    got, whole,
                    "round {round}: {text:?} in pieces of up to {max}"
                );
            }
        }
    }

    /// The statement skip of the reader before it could pause (the oracle of [`Scanner::skip`]).
    fn skip_statement_before(sc: &mut Scanner<'_>) {
        while let Some(c) = sc.peek() {
            match c {
                b';' => {
                    sc.pos += 1;
                    return;
                }
                b'\'' | b'"' | b'`' => {
                    if sc.string(c).is_err() {
                        return;
                    }
                }
                b'-' | b'#' | b'/' => {
                    let before = sc.pos;
                    sc.skip_ws();
                    if sc.pos == before {
                        sc.pos += 1;
                    }
                }
                _ => sc.pos += 1,
            }
        }
    }

    /// The search after a broken tuple of the reader before it could pause (the oracle of
    /// [`Scanner::resync`]).
    fn resync_before(b: &[u8], from: usize) -> usize {
        let mut i = from + 1;
        while let Some(&c) = b.get(i) {
            if c == b')' {
                let mut j = i + 1;
                while b.get(j).is_some_and(|c| c.is_ascii_whitespace()) {
                    j += 1;
                }
                match b.get(j) {
                    Some(b',') => {
                        let mut k = j + 1;
                        while b.get(k).is_some_and(|c| c.is_ascii_whitespace()) {
                            k += 1;
                        }
                        if b.get(k) == Some(&b'(') {
                            return k;
                        }
                    }
                    Some(b';') => return j,
                    _ => {}
                }
            }
            i += 1;
        }
        b.len()
    }

    /// The byte-by-byte steps end where the one-pass code they replace ends, from every
    /// position of random texts: white space and comments ([`Scanner::skip_ws`]), a skipped
    /// statement, the search after a broken tuple.
    #[test]
    fn byte_by_byte_steps_end_where_the_one_pass_code_does() {
        let mut rng = crate::testgen::Lcg::new(41);
        let mut rnd = |n: u32| rng.draw() as u32 % n;
        let parts = [
            ";", "'", "\"", "`", "\\", "-", "#", "/", "*", " ", "\n", "\t", "(", ")", ",", "a",
            "张", "--", "/*", "*/",
        ];
        for _ in 0..2_000 {
            let len = 1 + rnd(30);
            let text: String = (0..len)
                .map(|_| parts[rnd(parts.len() as u32) as usize])
                .collect();
            let b = text.as_bytes();
            for from in (0..=b.len()).filter(|&i| text.is_char_boundary(i)) {
                let mut old = Scanner::new(&text, true, 1);
                old.pos = from;
                old.skip_ws();
                let mut new = Scanner::new(&text, true, 1);
                new.pos = from;
                assert!(new.space(Lex::Code, Then::Statement));
                assert_eq!(new.pos, old.pos, "space from {from} of {text:?}");

                let mut old = Scanner::new(&text, true, 1);
                old.pos = from;
                skip_statement_before(&mut old);
                let mut new = Scanner::new(&text, true, 1);
                new.pos = from;
                assert!(new.skip(Lex::Code));
                assert_eq!(new.pos, old.pos, "skip from {from} of {text:?}");

                if from < b.len() {
                    let mut new = Scanner::new(&text, true, 1);
                    new.pos = from + 1;
                    assert!(new.resync(Phase::Seek));
                    assert_eq!(
                        new.pos,
                        resync_before(b, from),
                        "resync from {from} of {text:?}"
                    );
                }
            }
        }
    }

    /// The records of `t` read as a stream that pauses `cut` bytes in, with the tuple or COPY
    /// line under way there, and gives it up (as one longer than a stream holds); the rest comes
    /// in pieces that end at each of `more` (found in the rest, in turn) and then at its end.
    fn giving_up(t: &str, cut: usize, more: &[&str]) -> Vec<Record> {
        let l = layout(t, None).unwrap();
        let mut s = SqlStream::default();
        let mut out = Vec::new();
        let (n, stop) = s.read(&t[..cut], false, &l, None, &mut |r| {
            out.push(r);
            true
        });
        assert_eq!((stop, out.len()), (Stop::Paused, 1));
        assert!(s.in_tuple());
        s.give_up_tuple();
        let mut rest = &t[n..];
        for m in more {
            let at = rest.find(m).unwrap();
            let (k, stop) = s.read(&rest[..at], false, &l, None, &mut |r| {
                out.push(r);
                true
            });
            assert_eq!((stop, k), (Stop::Paused, at));
            rest = &rest[at..];
        }
        let (_, stop) = s.read(rest, true, &l, None, &mut |r| {
            out.push(r);
            true
        });
        assert_eq!(stop, Stop::End);
        let fields: Vec<_> = out.iter().map(|r| r.fields.clone()).collect();
        assert_eq!(fields, [vec!["x"], vec![], vec!["y"], vec!["z"]]);
        assert!(matches!(
            out[1].problem,
            Some(RecordProblem::Unparseable { .. })
        ));
        out
    }

    #[test]
    fn a_tuple_given_up_is_one_unparseable_record_and_reading_goes_on() {
        let t = "INSERT INTO t (a) VALUES ('x'),('a very long value'),('y'),('z');";
        giving_up(t, t.find("('a very").unwrap() + 5, &[]);
    }

    #[test]
    fn a_copy_line_given_up_is_one_unparseable_record_and_reading_goes_on() {
        let t = "COPY t (a) FROM stdin;\nx\na very long line\ny\n\\.\nINSERT INTO t VALUES ('z');";
        // The rest of the long line comes in two more pieces.
        let out = giving_up(t, t.find("a very").unwrap() + 5, &["line"]);
        assert_eq!(out[2].line, 4);
    }

    #[test]
    fn pg_dump_copy_data() {
        let t =
            "--\n-- PostgreSQL database dump\n--\n\\restrict AbC\nSET client_encoding = 'UTF8';\n\
SELECT pg_catalog.set_config('search_path', '', false);\n\
CREATE TABLE public.people (\n    id integer NOT NULL,\n    name text,\n    note text\n);\n\n\
COPY public.people (id, name, note) FROM stdin;\n\
1\t张三\t\\N\n\
2\tO'Brien; \"x\"\ta\\tb\\\\c\\nd\\101\\x42\\u\r\n\
3\t李四\n\
\\.\n\n\
INSERT INTO people VALUES (4,'王五','');\n\
\\connect other\n\
COPY people FROM stdin;\n5\t赵六\t\n\\.\n\n\\unrestrict AbC\n";
        let (l, recs) = all(t);
        assert_eq!(l.headers, vec!["id", "name", "note"]);
        assert!(l.has_header);
        let fields: Vec<_> = recs.iter().map(|r| r.fields.clone()).collect();
        assert_eq!(
            fields,
            [
                vec!["1", "张三", ""],
                vec!["2", "O'Brien; \"x\"", "a\tb\\c\ndABu"],
                vec!["3", "李四", ""],
                vec!["4", "王五", ""],
                vec!["5", "赵六", ""],
            ]
        );
        assert_eq!(
            recs[2].problem,
            Some(RecordProblem::TooFewFields { found: 2 })
        );
        assert_eq!(recs[0].line, 14);
        assert_eq!(recs[3].line, 19);
        assert!(recs.iter().all(|r| r.problem.is_none() || r.row == 3));
    }

    #[test]
    fn copy_options_and_formats() {
        // Another delimiter (new and old style); a tab is then data.
        for stmt in [
            "COPY t (a, b) FROM stdin WITH (FORMAT text, DELIMITER '|');",
            "COPY t (a, b) FROM STDIN DELIMITER AS '|' NULL AS '';",
            "copy t (a, b) from stdin with delimiter E'|';",
        ] {
            let (_, recs) = all(&format!("{stmt}\nx\ty|z\n\\.\n"));
            assert_eq!(recs.len(), 1, "{stmt}");
            assert_eq!(recs[0].fields, vec!["x\ty", "z"], "{stmt}");
        }
        // CSV and binary data are flagged line by line, not taken for statements.
        for (stmt, name) in [
            (
                "COPY t (a, b) FROM stdin WITH (FORMAT csv, HEADER true);",
                "CSV",
            ),
            ("COPY t (a, b) FROM stdin CSV;", "CSV"),
            ("COPY t (a, b) FROM stdin WITH BINARY;", "binary"),
        ] {
            let (_, recs) = all(&format!(
                "{stmt}\n\"a\",\"b;c\"\n1,2\n\\.\nINSERT INTO t VALUES (3,4);"
            ));
            assert_eq!(recs.len(), 3, "{stmt}");
            for r in &recs[..2] {
                assert_eq!(
                    r.problem,
                    Some(RecordProblem::Unparseable {
                        message: format!("COPY data in the {name} format, not read")
                    }),
                    "{stmt}"
                );
            }
            assert_eq!(recs[2].fields, vec!["3", "4"]);
        }
        // COPY to or from a file has no data in the dump; without `\.` the data runs to the end.
        let (_, recs) =
            all("COPY t TO '/tmp/x';\nCOPY t FROM '/tmp/y';\nINSERT INTO t VALUES (1);");
        assert_eq!(recs.len(), 1);
        let (_, recs) = all("COPY t (a) FROM stdin;\n1\n2");
        assert_eq!(recs.len(), 2);
        let (_, recs) = all("COPY t (a) FROM stdin;");
        assert!(recs.is_empty());
    }

    /// `NULL 'x'` (new and old style, with `AS`, as an escape string): fields written as that
    /// string are empty, compared as written (before escapes: `N\A` is `NA`, not NULL), and
    /// `\N` is then data (`N`, as PostgreSQL reads it); the next COPY without the option is
    /// back to `\N`. The same records fed a byte at a time.
    #[test]
    fn copy_null_option() {
        for stmt in [
            "COPY t (a, b, c) FROM stdin WITH (FORMAT text, NULL 'NA');",
            "COPY t (a, b, c) FROM stdin WITH (NULL 'NA', DELIMITER E'\t');",
            "COPY t (a, b, c) FROM STDIN NULL AS 'NA';",
            "copy t (a, b, c) from stdin with null as E'NA' delimiter as E'\t';",
        ] {
            let text = format!(
                "{stmt}\n1\tNA\t\\N\n2\tNAB\tN\\A\n3\t\t\\\\N\n\\.\n\
                 COPY u (a, b) FROM stdin;\n4\tNA\n5\t\\N\n\\.\n"
            );
            let want = [
                vec!["1", "", "N"],
                vec!["2", "NAB", "NA"],
                vec!["3", "", "\\N"],
                vec!["4", "NA", ""],
                vec!["5", "", ""],
            ];
            let (_, recs) = all(&text);
            let got: Vec<Vec<&str>> = recs
                .iter()
                .map(|r| r.fields.iter().map(String::as_str).take(3).collect())
                .collect();
            assert_eq!(got[..3], want[..3], "{stmt}");
            assert_eq!(got[3][..2], want[3][..2], "{stmt}");
            assert_eq!(got[4][..2], want[4][..2], "{stmt}");
            let one: Vec<_> = recs.iter().map(|r| r.fields.clone()).collect();
            let bytes: Vec<_> = in_pieces(&text, || 1)
                .into_iter()
                .map(|r| r.fields)
                .collect();
            assert_eq!(bytes, one, "{stmt}");
        }
    }
}
