//! The handout on paper (`bezwaar print`), through the real binary: every sentence makes sense
//! without a screen, the deadline is a date, the sources are numbered notes that point at the
//! right source, old content says so, and the HTML page prints in a real browser (headless
//! Chromium) with large type and QR codes that scan to the exact form addresses.
//!
//! The browser test needs `chromium` and `poppler-utils` (pdftotext, pdftoppm): `.ci/run`
//! installs them. Without them it fails, saying what to install; it never skips.
//!
//! The helpers shared by these tests live here; the tests themselves in `handout/`, one module
//! per concern.

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use bezwaar::text::{self, Lang};
use common::{BEFORE, FACEBOOK, INSTAGRAM, Pick, stap};

const BIN: &str = env!("CARGO_BIN_EXE_bezwaar");
/// The day the content was checked: long after the deadline, not stale.
const AFTER: &str = "2026-12-01T12:00:00+01:00";
/// 180 days after `reviewed` (2026-12-02), late in the day: not stale yet.
const LAST_FRESH_DAY: &str = "2027-05-31T23:30:00+02:00";
/// 181 days after it, just after midnight: stale.
const FIRST_STALE_DAY: &str = "2027-06-01T00:30:00+02:00";

/// Runs the binary with `args` and no input; the handout on stdout, nothing on stderr.
fn print(args: &[&str]) -> String {
    let out = Command::new(BIN)
        .args(args)
        .env_remove("COLUMNS")
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "bezwaar {args:?}: {err}");
    assert!(err.is_empty(), "bezwaar {args:?} wrote to stderr: {err}");
    String::from_utf8(out.stdout).expect("the handout is UTF-8")
}

fn handout(lang: &str, format: &str, now: &str) -> String {
    print(&["print", "--lang", lang, "--format", format, "--now", now])
}

/// The handout's text with its line breaks and no-break spaces made plain spaces (and the
/// markdown quote marks gone), so a sentence can be found wherever it was wrapped.
fn flat(s: &str) -> String {
    s.lines()
        .map(|l| l.strip_prefix("> ").unwrap_or(l))
        .collect::<Vec<_>>()
        .join(" ")
        .replace('\u{a0}', " ")
        .split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The part of a handout from the heading that ends with `title` to the next page heading.
fn page<'a>(handout: &'a str, title: &str) -> &'a str {
    let start = handout
        .lines()
        .find(|l| l.starts_with("## ") && l.ends_with(title))
        .and_then(|l| handout.find(l))
        .unwrap_or_else(|| panic!("no page {title:?} in\n{handout}"));
    let rest = &handout[start + 1..];
    let end = rest.find("\n## ").map_or(rest.len(), |i| i + 1);
    &handout[start..start + end]
}

#[path = "handout/browser.rs"]
mod browser;
#[path = "handout/html.rs"]
mod html;
#[path = "handout/sources.rs"]
mod sources;
#[path = "handout/words.rs"]
mod words;
