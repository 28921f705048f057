//! Plain mode and the printable handout, through the real binary: what a screen-reader user,
//! a helper with a pipe, or a person holding the printout gets.
//!
//! The helpers shared by these tests live here; the tests themselves in `plain/`, one module
//! per concern.

mod common;

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use bezwaar::text::Lang;
use common::{AFTER, BEFORE, FACEBOOK, INSTAGRAM, Pick, pages, stap, step};

const BIN: &str = env!("CARGO_BIN_EXE_bezwaar");

struct Run {
    code: Option<i32>,
    out: String,
    err: String,
}

/// Runs the binary with `args`, `input` on a piped stdin, stdout and stderr piped, and a
/// terminal-like TERM (so only the pipes can be the reason for plain mode). Fails the test
/// when it does not end within 20 seconds.
fn run_with(args: &[&str], input: &str, env: &[(&str, &str)]) -> Run {
    // Progress goes to a folder of this run's own: every run starts fresh, as a new person.
    let state = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(BIN);
    // Meta's walkthrough alone (its last page is the end), unless the test names its own.
    let own = args
        .iter()
        .any(|a| *a == "--script" || *a == "--walkthrough");
    if !own {
        cmd.args([
            "--script",
            concat!(env!("CARGO_MANIFEST_DIR"), "/data/meta-ai.ron"),
        ]);
    }
    cmd.args(args)
        .env("XDG_STATE_HOME", state.path())
        .env("HOME", state.path())
        .env("TERM", "xterm-256color")
        .env_remove("COLUMNS")
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("the binary starts");
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_owned();
    // The program may stop reading early (q): a failed write is fine then.
    let writer = thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let mut stdout = child.stdout.take().unwrap();
    let reader = thread::spawn(move || {
        let mut v = Vec::new();
        stdout.read_to_end(&mut v).unwrap();
        v
    });
    let mut stderr = child.stderr.take().unwrap();
    let err_reader = thread::spawn(move || {
        let mut v = Vec::new();
        stderr.read_to_end(&mut v).unwrap();
        v
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("bezwaar {args:?} did not end within 20 s");
        }
        thread::sleep(Duration::from_millis(10));
    };
    writer.join().unwrap();
    let out = reader.join().unwrap();
    let err = err_reader.join().unwrap();
    assert_clean(&out);
    Run {
        code: status.code(),
        out: String::from_utf8(out).expect("output is UTF-8"),
        err: String::from_utf8_lossy(&err).into_owned(),
    }
}

fn run(args: &[&str], input: &str) -> Run {
    run_with(args, input, &[])
}

/// Plain mode at a fixed time, in `lang`.
fn plain(lang: &str, now: &str, input: &str) -> Run {
    run(&["--plain", "--lang", lang, "--now", now], input)
}

/// No byte or character that could steer a terminal: no ESC, no BEL, no other C0 control but
/// the newline, no DEL, no C1 control; and no box drawing, block or triangle.
fn assert_clean(out: &[u8]) {
    assert!(!out.contains(&0x1b), "an ESC byte in the output");
    assert!(!out.contains(&0x07), "a BEL byte in the output");
    let text = String::from_utf8_lossy(out);
    for (i, line) in text.lines().enumerate() {
        for c in line.chars() {
            assert!(
                !c.is_control(),
                "control character {c:?} on line {}: {line:?}",
                i + 1
            );
            assert!(
                !('\u{2500}'..='\u{25FF}').contains(&c),
                "decorative character {c:?} on line {}: {line:?}",
                i + 1
            );
        }
    }
}

/// The lines that start a page ("Stap 2 van N: Welke gegevens"), in order.
fn page_titles(out: &str) -> Vec<&str> {
    out.lines()
        .filter(|l| {
            ["Stap ", "Step ", "Schritt "]
                .iter()
                .any(|s| l.starts_with(s))
        })
        .collect()
}

/// The line that starts page `n` of the shipped script in Dutch: "Stap 2 van N: Welke
/// gegevens", N its number of pages.
fn nl_title(n: usize, title: &str) -> String {
    format!("{}: {title}", stap(n))
}

/// The line that starts page `n` of the shipped script in English: "Step 2 of N: Which data".
fn en_title(n: usize, title: &str) -> String {
    format!("{}: {title}", step(n))
}

fn titles(lang: Lang) -> Vec<String> {
    let script = bezwaar::script::embedded().unwrap();
    let n = script.pages.len();
    script
        .pages
        .iter()
        .enumerate()
        .map(|(i, p)| {
            format!(
                "{}: {}",
                bezwaar::text::step_of(lang, i + 1, n),
                p.title.get(lang)
            )
        })
        .collect()
}

/// Every line of `out` fits in `width` columns, but URLs: they are never broken.
fn assert_fits(out: &str, width: usize) {
    let url_line = |l: &str| l.trim_start().starts_with("https://");
    for line in out.lines().filter(|l| !url_line(l)) {
        assert!(line.chars().count() <= width, "too long: {line:?}");
    }
}

#[path = "plain/answers.rs"]
mod answers;
#[path = "plain/handout.rs"]
mod handout;
#[path = "plain/keys.rs"]
mod keys;
#[path = "plain/terminal.rs"]
mod terminal;
#[path = "plain/walk.rs"]
mod walk;
