//! Script loading on bad input: random bytes and damaged copies of the shipped script never
//! panic and never hang, and every error says where (`file:line:col: …` or `file: …`) and
//! what, in text that is safe to print. Plus a corpus of malformed scripts in `tests/corpus/`,
//! each with the exact message `bezwaar check` gives for it in a `.expected` file beside it.
//!
//! The cargo-fuzz target in `fuzz/` runs the same checks for as long as you like; here a
//! bounded number of cases keeps `cargo test` quick. Set `PROPTEST_CASES` for more.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use bezwaar::script::{self, Pos, ScriptError};
use bezwaar::text::forbidden_char;
use proptest::prelude::*;

const NAME: &str = "fuzzed.ron";

/// Far more than any script takes (the shipped one loads in milliseconds in a debug build).
const HANG: Duration = Duration::from_secs(10);

/// Loads `bytes` on a thread of its own: a panic or a hang fails the test with the input.
fn parse_guarded(bytes: Vec<u8>) -> Result<(), ScriptError> {
    let (tx, rx) = mpsc::channel();
    let input = bytes.clone();
    thread::spawn(move || {
        let r = script::parse_bytes(NAME, &input).map(|_| ());
        let _ = tx.send(r);
    });
    match rx.recv_timeout(HANG) {
        Ok(r) => r,
        Err(mpsc::RecvTimeoutError::Timeout) => panic!(
            "loading hung for {HANG:?} on {:?}",
            String::from_utf8_lossy(&bytes)
        ),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            panic!("loading panicked on {:?}", String::from_utf8_lossy(&bytes))
        }
    }
}

/// What every error must look like: at least one problem, each `NAME:line:col: words` or
/// `NAME: words`, the place inside the input, and nothing in it that steers a terminal.
fn check_error(bytes: &[u8], e: &ScriptError) {
    assert!(!e.problems.is_empty(), "an error without a problem");
    // ron counts lines by '\n'; a place may be one past the last character (the end).
    let lines = 1 + bytes.iter().filter(|&&b| b == b'\n').count();
    for p in &e.problems {
        let shown = p.to_string();
        let rest = shown
            .strip_prefix(&format!("{NAME}:"))
            .unwrap_or_else(|| panic!("no file name in {shown:?}"));
        match p.at {
            Some(Pos { line, col }) => {
                assert!(line >= 1 && col >= 1, "{shown:?}");
                assert!(line <= lines, "line {line} of {lines}: {shown:?}");
                assert!(
                    rest.starts_with(&format!("{line}:{col}: ")),
                    "not file:line:col: {shown:?}"
                );
            }
            None => assert!(rest.starts_with(' '), "not `file: …`: {shown:?}"),
        }
        assert!(!p.message.trim().is_empty(), "no words: {shown:?}");
        assert!(
            !shown.chars().any(forbidden_char),
            "a message that would steer the terminal: {shown:?}"
        );
    }
}

/// One change to a file.
#[derive(Debug, Clone)]
enum Mutation {
    /// Remove `len` bytes at `at` (a fraction of the length, so it lands anywhere).
    Delete { at: f64, len: usize },
    /// Insert these bytes at `at`.
    Insert { at: f64, bytes: Vec<u8> },
    /// Flip one bit of the byte at `at`.
    Flip { at: f64, bit: u8 },
}

/// Bytes that mean something to RON or to a terminal: more likely to reach deep code than
/// uniform noise.
fn interesting_bytes() -> impl Strategy<Value = Vec<u8>> {
    let pieces = prop::sample::select(vec![
        &b"\""[..],
        b"(",
        b")",
        b"[",
        b"]",
        b",",
        b":",
        b"//",
        b"/*",
        b"*/",
        b"r#\"",
        b"\\",
        b"\\u{1b}",
        b"\x1b[2J",
        b"\x07",
        b"\xc2\x9b",
        b"\xe2\x80\xae",
        b"\n",
        b"\r\n",
        b"\xef\xbb\xbf",
        b"\0",
        b"\xff",
        b"Some(",
        b"None",
        b"Page(",
        b"Link(",
        b"http://",
        b"id: \"waarom\"",
        b"9999999999999999999999",
        b"-1",
        b"'\"'",
    ]);
    prop_oneof![
        prop::collection::vec(pieces, 1..4).prop_map(|v| v.concat()),
        prop::collection::vec(any::<u8>(), 1..16),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (0.0..1.0f64, 1usize..64).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (0.0..1.0f64, interesting_bytes()).prop_map(|(at, bytes)| Mutation::Insert { at, bytes }),
        (0.0..1.0f64, 0u8..8).prop_map(|(at, bit)| Mutation::Flip { at, bit }),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let place = |at: f64, len: usize| ((at * len as f64) as usize).min(len);
    match m {
        Mutation::Delete { at, len } => {
            let start = place(*at, bytes.len());
            let end = (start + len).min(bytes.len());
            bytes.drain(start..end);
        }
        Mutation::Insert { at, bytes: new } => {
            let i = place(*at, bytes.len());
            bytes.splice(i..i, new.iter().copied());
        }
        Mutation::Flip { at, bit } => {
            if !bytes.is_empty() {
                let i = place(*at, bytes.len() - 1);
                bytes[i] ^= 1 << bit;
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        // Failures are reported with the smallest input found; nothing is written to disk.
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_bytes_never_panic_or_hang(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        if let Err(e) = parse_guarded(bytes.clone()) {
            check_error(&bytes, &e);
        }
    }

    #[test]
    fn random_ron_like_text_never_panics_or_hangs(
        pieces in prop::collection::vec(interesting_bytes(), 0..64)
    ) {
        let mut bytes = b"Script(".to_vec();
        bytes.extend(pieces.concat());
        if let Err(e) = parse_guarded(bytes.clone()) {
            check_error(&bytes, &e);
        }
    }

    #[test]
    fn a_damaged_shipped_script_never_panics_or_hangs(
        which in 0..script::BUILT_IN.len(),
        mutations in prop::collection::vec(mutation(), 1..6)
    ) {
        let mut bytes = script::BUILT_IN[which].1.as_bytes().to_vec();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        if let Err(e) = parse_guarded(bytes.clone()) {
            check_error(&bytes, &e);
        }
    }
}

/// Inputs that once were, or could easily be, trouble: kept as plain cases.
#[test]
fn known_hard_inputs() {
    let deep = |open: &str, close: &str, n: usize| {
        format!("Script(title: {}{}", open.repeat(n), close.repeat(n)).into_bytes()
    };
    let cases: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"\xef\xbb\xbf".to_vec(),
        b"\r\n\r\n".to_vec(),
        b"Script(".to_vec(),
        b"Script(title: \"".to_vec(),
        b"Script(title: r##\"".to_vec(),
        b"Script(/*".to_vec(),
        b"Script(/* /* */".to_vec(),
        b"Script(title: '".to_vec(),
        b"Script(title: '\\".to_vec(),
        b"\"\\".to_vec(),
        deep("[", "]", 10_000),
        deep("(", ")", 10_000),
        deep("Some(", ")", 5_000),
        // A quoted value full of terminal controls, in a place ron quotes back.
        b"Script(title: (nl: \"a\", en: \"b\"), reviewed: \"\\u{1b}]0;x\\u{7}\", deadline: 5)"
            .to_vec(),
        b"Script(pages: \"\\u{1b}[2J\\u{9b}\\u{202e}\")".to_vec(),
        b"Script(\x1b[2J: 1)".to_vec(),
        vec![b'a'; script::MAX_SCRIPT_BYTES + 1],
    ];
    for bytes in cases {
        match parse_guarded(bytes.clone()) {
            Ok(()) => panic!("accepted {:?}", String::from_utf8_lossy(&bytes)),
            Err(e) => check_error(&bytes, &e),
        }
    }
}

/// The malformed scripts in `tests/corpus/`, each with the message it must give, through the
/// loader and through `bezwaar check`. To write the
/// `.expected` files again after changing a message on purpose: `BEZWAAR_BLESS=1 cargo test
/// --test fuzz_script`, then read the diff.
#[test]
fn corpus_of_malformed_scripts_gives_the_expected_messages() {
    let dir = Path::new("tests/corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("tests/corpus exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    assert!(files.len() >= 10, "the corpus has {} files", files.len());
    let bless = std::env::var_os("BEZWAAR_BLESS").is_some();
    let mut wrong = Vec::new();
    for file in &files {
        let got = match script::load(file) {
            Ok(_) => format!("{}: ok", file.display()),
            Err(e) => e.to_string(),
        };
        let expected_path = file.with_extension("expected");
        if bless {
            std::fs::write(&expected_path, format!("{got}\n")).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|_| panic!("{} has no .expected file", file.display()));
        if got != expected.trim_end_matches('\n') {
            wrong.push(format!(
                "{}\n  expected: {}\n  got:      {}",
                file.display(),
                expected.trim_end(),
                got
            ));
        }
        if let Err(e) = script::load(file) {
            check_error_named(file, &e);
        } else {
            wrong.push(format!(
                "{} is valid: the corpus is for bad scripts",
                file.display()
            ));
        }
        // And `bezwaar check` itself says exactly that, on stderr, and exits 1.
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_bezwaar"))
            .arg("check")
            .arg(file)
            .output()
            .expect("bezwaar runs");
        let said = String::from_utf8_lossy(&out.stderr);
        if out.status.code() != Some(1) || !out.stdout.is_empty() || said != expected {
            wrong.push(format!(
                "bezwaar check {}: exit {:?}, stdout {:?}, stderr {said:?}; expected exit 1 and {expected:?}",
                file.display(),
                out.status.code(),
                String::from_utf8_lossy(&out.stdout),
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// [`check_error`] for a file loaded under its own name.
fn check_error_named(file: &Path, e: &ScriptError) {
    let name = file.display().to_string();
    for p in &e.problems {
        let shown = p.to_string();
        assert!(shown.starts_with(&format!("{name}:")), "{shown:?}");
        assert!(
            !shown.chars().any(forbidden_char),
            "a message that would steer the terminal: {shown:?}"
        );
    }
}
