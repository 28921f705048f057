//! Reading a script: a file or bytes to a validated [`Script`], and everything wrong with it
//! at `file:line:col` ([`ScriptError`]). serde + ron check the shape here (ron reports line
//! and column); `check.rs` then checks the rest, locating each problem at its string literal
//! through [`string_literal_positions`].

use std::fmt;
use std::io::Read;
use std::path::Path;

use super::check::validate;
use super::{MAX_SCRIPT_BYTES, NEXT_LITERAL, RawScript, Script};

/// A line and column in a file, both counted from 1 (columns in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

/// One thing wrong with a script, located where possible.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub at: Option<Pos>,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.at {
            Some(p) => write!(f, "{}:{}:{}: {}", self.file, p.line, p.col, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// Everything wrong with one script file; never empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScriptError {
    pub problems: Vec<Problem>,
}

impl fmt::Display for ScriptError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ScriptError {}

impl ScriptError {
    pub fn one(file: &str, at: Option<Pos>, message: impl Into<String>) -> Self {
        ScriptError {
            problems: vec![Problem {
                file: file.to_owned(),
                at,
                message: message.into(),
            }],
        }
    }
}

/// Reads and validates a script file. Never panics, whatever the file holds.
pub fn load(path: &Path) -> Result<Script, ScriptError> {
    let name = path.display().to_string();
    let stat = std::fs::metadata(path).map_err(|e| ScriptError::one(&name, None, io_words(&e)))?;
    if stat.is_dir() {
        return Err(ScriptError::one(
            &name,
            None,
            "this is a folder, not a script file",
        ));
    }
    if stat.len() > MAX_SCRIPT_BYTES as u64 {
        return Err(ScriptError::one(
            &name,
            None,
            format!(
                "the file is too large ({} bytes); a script is at most {} bytes",
                stat.len(),
                MAX_SCRIPT_BYTES
            ),
        ));
    }
    // Read one byte past the limit, never more: a device or a growing file has no honest
    // size in its metadata (/dev/zero says 0).
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_SCRIPT_BYTES as u64 + 1).read_to_end(&mut bytes))
        .map_err(|e| ScriptError::one(&name, None, io_words(&e)))?;
    parse_bytes(&name, &bytes)
}

/// Validates a script held in memory, as raw bytes (which may be anything).
pub fn parse_bytes(name: &str, bytes: &[u8]) -> Result<Script, ScriptError> {
    if bytes.len() > MAX_SCRIPT_BYTES {
        return Err(ScriptError::one(
            name,
            None,
            format!("the file is too large; a script is at most {MAX_SCRIPT_BYTES} bytes"),
        ));
    }
    let src = match std::str::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            // The valid prefix is UTF-8 by definition.
            let at = position_at(std::str::from_utf8(good).unwrap_or(""), good.len());
            return Err(ScriptError::one(
                name,
                Some(at),
                "this is not a text file (not valid UTF-8); a script is plain text in RON",
            ));
        }
    };
    if let Some(i) = src.find('\0') {
        return Err(ScriptError::one(
            name,
            Some(position_at(src, i)),
            "this looks like a binary file (it holds a NUL byte); a script is plain text in RON",
        ));
    }
    parse(name, src)
}

/// Validates a script held in memory as text.
///
/// Windows line endings and a leading byte-order mark (Notepad writes one) are accepted:
/// both are normalised away without moving any line or column.
pub fn parse(name: &str, src: &str) -> Result<Script, ScriptError> {
    if src.trim().is_empty() {
        return Err(ScriptError::one(
            name,
            Some(Pos { line: 1, col: 1 }),
            "the file is empty; a script starts with `Script(`",
        ));
    }
    let normalised;
    let src = if src.starts_with('\u{feff}') || src.contains('\r') {
        // The mark becomes a space (one column, like the mark itself); "\r\n" becomes "\n".
        normalised = src.replacen('\u{feff}', " ", 1).replace("\r\n", "\n");
        normalised.as_str()
    } else {
        src
    };
    NEXT_LITERAL.with(|n| n.set(0));
    // implicit_some: an optional field is written `url: "…"`, not `url: Some("…")`.
    let raw: RawScript = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .with_recursion_limit(64)
        .from_str(src)
        .map_err(|e| {
            ScriptError::one(
                name,
                Some(Pos {
                    line: e.span.start.line.max(1),
                    col: e.span.start.col.max(1),
                }),
                ron_words(&e.code),
            )
        })?;
    validate(name, raw, src)
}

fn io_words(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        std::io::ErrorKind::PermissionDenied => {
            "cannot read this file: permission denied".to_owned()
        }
        _ => format!("cannot read this file: {e}"),
    }
}

fn ron_words(code: &ron::Error) -> String {
    match code {
        ron::Error::ExceededRecursionLimit => {
            "the script is nested too deeply (more than 64 levels)".to_owned()
        }
        ron::Error::Eof => {
            "the file ends too early: a closing bracket or quote is missing".to_owned()
        }
        other => other.to_string(),
    }
}

/// Line and column of byte offset `at` in `src`, counted as ron counts them.
fn position_at(src: &str, at: usize) -> Pos {
    let before = &src[..at.min(src.len())];
    let line = 1 + before.matches('\n').count();
    let col = 1 + before.rsplit('\n').next().unwrap_or("").chars().count();
    Pos { line, col }
}

/// Where each string literal of a RON text starts, in document order.
///
/// Knows RON's comments (`//`, nested `/* */`), strings with escapes, raw strings (`r#"…"#`)
/// and char literals, so quotes inside them are not mistaken for strings.
pub fn string_literal_positions(src: &str) -> Vec<Pos> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    // Track line and column incrementally rather than rescanning.
    let mut line = 1;
    let mut line_start = 0;
    let pos = |i: usize, line: usize, line_start: usize| Pos {
        line,
        col: 1 + src[line_start..i].chars().count(),
    };
    while i < b.len() {
        match b[i] {
            b'\n' => {
                line += 1;
                i += 1;
                line_start = i;
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let mut depth = 0usize;
                while i < b.len() {
                    if b[i..].starts_with(b"/*") {
                        depth += 1;
                        i += 2;
                    } else if b[i..].starts_with(b"*/") {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        if b[i] == b'\n' {
                            line += 1;
                            line_start = i + 1;
                        }
                        i += 1;
                    }
                }
            }
            b'"' => {
                out.push(pos(i, line, line_start));
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    if i < b.len() && b[i] == b'\n' {
                        line += 1;
                        line_start = i + 1;
                    }
                    i += 1;
                }
                i += 1;
            }
            b'r' if (i == 0 || !is_ident_byte(b[i - 1]))
                && matches!(b.get(i + 1), Some(b'"') | Some(b'#')) =>
            {
                let start = i;
                let mut j = i + 1;
                while b.get(j) == Some(&b'#') {
                    j += 1;
                }
                if b.get(j) != Some(&b'"') {
                    i += 1;
                    continue;
                }
                let hashes = j - i - 1;
                out.push(pos(start, line, line_start));
                j += 1;
                loop {
                    if j >= b.len() {
                        break;
                    }
                    if b[j] == b'"'
                        && b[j + 1..]
                            .iter()
                            .take(hashes)
                            .filter(|&&h| h == b'#')
                            .count()
                            == hashes
                    {
                        j += 1 + hashes;
                        break;
                    }
                    if b[j] == b'\n' {
                        line += 1;
                        line_start = j + 1;
                    }
                    j += 1;
                }
                i = j;
            }
            b'\'' => {
                // A char literal: 'x' or '\n' or '\u{..}'.
                let mut j = i + 1;
                if b.get(j) == Some(&b'\\') {
                    j += 2;
                }
                while j < b.len() && b[j] != b'\'' && b[j] != b'\n' {
                    j += 1;
                }
                i = j + 1;
            }
            _ => i += 1,
        }
    }
    out
}

fn is_ident_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_positions_skip_comments_and_raw_strings() {
        let src = "// \"not\"\nA(a: \"x\", /* \"no\" /* \"nested\" */ */ b: r#\"y\"z\"#,\n c: '\"', d: \"\\\"q\")";
        let p = string_literal_positions(src);
        assert_eq!(
            p,
            vec![
                Pos { line: 2, col: 6 },
                Pos { line: 2, col: 40 },
                Pos { line: 3, col: 13 },
            ]
        );
    }
}
