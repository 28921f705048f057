//! Integration tests for loading and checking walkthrough scripts: semantic problems located at
//! the offending item, malformed files that never panic, the `bezwaar check` command, and pages
//! that come from the script alone.
//!
//! The helpers shared by these tests live here; the tests themselves in `script_check/`, one
//! module per concern.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use bezwaar::script::{self, MAX_SCRIPT_BYTES, Pos, Script, ScriptError};
use bezwaar::text::Lang;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// A minimal valid script. Line numbers matter: the tests below point into it.
///
/// ```text
///  3: reviewed, its string at column 15
///  4: deadline, its string at column 15
///  7: id of page 1 ("start"), string at column 17
/// 10: Para of page 1: nl string at column 27, en string at column 40
/// 11: Link of page 1: url string at column 60
/// 15: id of page 2 ("end"), string at column 17
/// 16: title of page 2: nl string at column 25
/// 17: Note of page 2: nl string at column 41, its cite at column 70
/// 20: the source "s", its id at column 26
/// ```
///
/// Both texts that state a fact (line 10 and 17) cite the one source, at the end of the line.
fn minimal() -> String {
    [
        r#"Script("#,
        r#"    title: (nl: "Bezwaar", en: "Objection"),"#,
        r#"    reviewed: "2026-11-23","#,
        r#"    deadline: "2025-05-27T00:00:00+02:00","#,
        r#"    pages: ["#,
        r#"        Page("#,
        r#"            id: "start","#,
        r#"            title: (nl: "Begin", en: "Start"),"#,
        r#"            body: ["#,
        r#"                Para((nl: "Hallo", en: "Hello", cites: ["s"])),"#,
        r#"                Link(label: (nl: "Open", en: "Open"), url: "https://example.org/form"),"#,
        r#"            ],"#,
        r#"        ),"#,
        r#"        Page("#,
        r#"            id: "end","#,
        r#"            title: (nl: "Einde", en: "End"),"#,
        r#"            body: [Countdown, Note((nl: "Klaar", en: "Done", cites: ["s"]))],"#,
        r#"        ),"#,
        r#"    ],"#,
        r#"    sources: [Source(id: "s", title: "Een bron", publisher: "Uitgever", date: "mei 2025")],"#,
        r#")"#,
        r#""#,
    ]
    .join("\n")
}

/// `src` with `from` replaced by `to`; `from` must occur exactly once, so a test never checks
/// an unchanged script by accident.
fn with(src: &str, from: &str, to: &str) -> String {
    assert_eq!(
        src.matches(from).count(),
        1,
        "{from:?} must occur exactly once in the script"
    );
    src.replacen(from, to, 1)
}

/// The minimal script with one edit.
fn minimal_with(from: &str, to: &str) -> String {
    with(&minimal(), from, to)
}

/// Parses `src` as `t.ron`, expects it to fail, and returns the error.
fn error_of(src: &str) -> ScriptError {
    match script::parse("t.ron", src) {
        Ok(s) => panic!(
            "expected problems, but the script loaded with {} pages",
            s.pages.len()
        ),
        Err(e) => e,
    }
}

/// The lines a person sees for `src`, one per problem (checked against the problem list).
fn lines_of(src: &str) -> Vec<String> {
    let e = error_of(src);
    let shown = e.to_string();
    let lines: Vec<String> = shown.lines().map(str::to_owned).collect();
    assert_eq!(
        lines.len(),
        e.problems.len(),
        "each problem on its own line:\n{shown}"
    );
    for (line, p) in lines.iter().zip(&e.problems) {
        assert_eq!(line, &p.to_string());
    }
    lines
}

/// The single line a person sees for `src`.
fn only_line(src: &str) -> String {
    let lines = lines_of(src);
    assert_eq!(lines.len(), 1, "expected one problem, got {lines:#?}");
    lines.into_iter().next().unwrap()
}

fn load_err(path: &Path) -> String {
    match script::load(path) {
        Ok(s) => panic!(
            "{} loaded with {} pages, expected an error",
            path.display(),
            s.pages.len()
        ),
        Err(e) => e.to_string(),
    }
}

fn bytes_err(bytes: &[u8]) -> String {
    match script::parse_bytes("t.ron", bytes) {
        Ok(_) => panic!("expected an error for {bytes:?}"),
        Err(e) => e.to_string(),
    }
}

fn ids(s: &Script) -> Vec<&str> {
    s.pages.iter().map(|p| p.id.as_str()).collect()
}

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the real binary in `dir`, with no terminal attached.
fn bezwaar(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bezwaar"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .expect("the bezwaar binary runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).expect("output is UTF-8")
}

/// A syntax error: the `)` closing the title text on line 2 is missing, so ron stops at
/// `reviewed` on line 3.
const BROKEN: &str = "Script(\n  title: (nl: \"a\", en: \"b\",\n  reviewed: \"2026-11-23\",\n)\n";
const BROKEN_MESSAGE: &str = "3:3: `reviewed` is not a language (such as nl, en, de) nor `cites`; is the `)` that ends the text missing before it?";

/// Writes `bytes` to `name` in a fresh temporary folder.
fn temp_file(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("write the script");
    (dir, path)
}

/// 180 days after the built-in script's `reviewed` date (2026-12-02), late in the evening in
/// the deadline's time zone: not stale yet. And the next day, just after midnight: stale.
const LAST_FRESH: &str = "2027-05-31T23:30:00+02:00";
const FIRST_STALE: &str = "2027-06-01T00:30:00+02:00";

#[path = "script_check/check_command.rs"]
mod check_command;
#[path = "script_check/malformed.rs"]
mod malformed;
#[path = "script_check/pages.rs"]
mod pages;
#[path = "script_check/problems.rs"]
mod problems;
#[path = "script_check/sources.rs"]
mod sources;
