//! A made-up third walkthrough in a made-up fourth language (`tests/scripts/every-block.ron`,
//! language xx with its catalog in `tests/i18n/xx.ftl`): every kind of block and every
//! condition, through the real binary — `check`, the screen, plain mode and the handout — with
//! no Rust change. The page count comes from the script. (Over SSH: tests/serve_walkthroughs.rs.)
#![cfg(unix)]

mod common;
#[path = "common/pty.rs"]
mod pty;

use std::process::Command;

use common::plain_run;

use bezwaar::script::{self, Block};

const BIN: &str = env!("CARGO_BIN_EXE_bezwaar");
const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/scripts/every-block.ron");
const CATALOGS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/i18n");
const NOW: &str = "2026-12-06T12:00:00+01:00";
/// The made-up walkthrough in its made-up language.
const XX: [&str; 6] = ["--script", SCRIPT, "--catalogs", CATALOGS, "--lang", "xx"];

fn pages() -> usize {
    script::load(std::path::Path::new(SCRIPT))
        .unwrap()
        .pages
        .len()
}

#[test]
fn the_third_walkthrough_holds_every_block_and_condition_and_passes_check() {
    let s = script::load(std::path::Path::new(SCRIPT)).unwrap();
    let mut kinds = Vec::new();
    let mut conditions = Vec::new();
    for block in s.pages.iter().flat_map(|p| &p.body) {
        let (inner, when) = block.unwrap();
        let kind = format!("{inner:?}");
        kinds.push(kind.split(['(', ' ', '{']).next().unwrap().to_owned());
        conditions.extend(when.iter().map(|c| format!("{c:?}")));
    }
    conditions.extend(
        s.pages
            .iter()
            .filter_map(|p| p.when.as_ref())
            .map(|c| format!("{c:?}")),
    );
    for kind in [
        "Para",
        "Heading",
        "Bullets",
        "Note",
        "Do",
        "Countdown",
        "Link",
        "Choose",
        "EmailField",
        "Reasons",
        "Ask",
        "Summary",
    ] {
        assert!(kinds.iter().any(|k| k == kind), "no {kind} in {kinds:?}");
    }
    for condition in [
        "Before",
        "After",
        "Chose(",
        "ChoseAll",
        "ChoseNone",
        "ChoseAny",
        "Not(",
    ] {
        assert!(
            conditions.iter().any(|c| c.starts_with(condition)),
            "no {condition} in {conditions:?}"
        );
    }
    assert!(
        s.pages
            .iter()
            .flat_map(|p| &p.body)
            .any(|b| matches!(b, Block::If(..)))
    );
    let out = Command::new(BIN)
        .args(["--catalogs", CATALOGS, "check", SCRIPT])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn on_screen_enter_alone_walks_it_in_its_own_language_and_claims_nothing() {
    let n = pages();
    let mut p = pty::spawn(
        &[&XX[..], &["--no-save", "--now", NOW]].concat(),
        &[("TZ", "UTC")],
        80,
        24,
    );
    p.wait_for(&format!("[xx] Step 1 of {n}"));
    p.wait_for("[xx] Before the date.");
    // Step 2: the question in the script's words, each answer a line.
    p.send("\r");
    p.wait_for(&format!("[xx] Step 2 of {n}"));
    p.wait_for("[xx] Which?");
    p.wait_for("[xx] Neither");
    let last = format!("[xx] Step {n} of {n}");
    let mut presses = 0;
    while !p.screen().contains(&last) {
        assert!(
            presses < 30,
            "30 Enters and not at the end:\n{}",
            p.screen()
        );
        p.send("\r");
        presses += 1;
        std::thread::sleep(std::time::Duration::from_millis(80));
    }
    p.wait_for("[xx] Nothing said done yet.");
    assert!(!p.screen().contains("[xx] Zz on"), "{}", p.screen());
    p.send("q");
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
}

#[test]
fn in_plain_mode_and_on_paper_it_reads_the_same() {
    let n = pages();
    // On, then "neither", then on to the end.
    let (code, said) = plain_run(
        &[&XX[..], &["--no-save", "--now", NOW]].concat(),
        "\n4\n\n\n\n\n",
    );
    assert_eq!(code, Some(0), "{said}");
    for words in [
        format!("[xx] Step 1 of {n}: [xx] One"),
        "[xx] Before the date.".to_owned(),
        "[xx] Nothing to do.".to_owned(),
        format!("[xx] Step {n} of {n}: [xx] Four"),
        "[xx] You chose [xx] Neither.".to_owned(),
    ] {
        assert!(said.contains(&words), "{words:?} not in:\n{said}");
    }
    // "Neither" skips the page that is only for a user.
    assert!(!said.contains("[xx] Three"), "{said}");

    let out = Command::new(BIN)
        .args(["print"])
        .args(XX)
        .args(["--now", NOW, "--format", "text"])
        .output()
        .unwrap();
    let paper = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{paper}");
    for words in [
        format!("[xx] Step {n} of {n}: [xx] Four"),
        "[ ] [xx] Neither".to_owned(),
        "[xx] Did you choose “[xx] Neither”? [xx] Nothing to do.".to_owned(),
        "https://example.org/zz".to_owned(),
        "[ ] [xx] Zz done".to_owned(),
    ] {
        let flat = paper.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(&words), "{words:?} not on paper:\n{paper}");
    }
    assert!(!paper.contains("[xx] After the date."), "{paper}");
}
