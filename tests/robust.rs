//! The terminal is left as it was found, whatever way the walkthrough ends: the real binary in
//! a pseudo-terminal, walked through every page, then ended by `q`, Ctrl-C, SIGTERM, SIGHUP,
//! SIGINT, a crash, a terminal that vanishes (an SSH drop) or output that stops working.
//!
//! Each way out is checked for what a person would notice: back on the main screen, the cursor
//! showing, no mouse reporting, the keyboard back to normal (`stty -g` the same before and
//! after), saved progress still there and readable, and the exit code a shell expects.
//!
//! The walk and the checks shared by these tests live here; the tests themselves in `robust/`,
//! one module per concern.
#![cfg(unix)]

mod common;
#[path = "common/pty.rs"]
mod pty;

use std::fs::File;
use std::io;
use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use bezwaar::progress::{Progress, Store};
use chrono::Utc;
use common::step;
use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

const BIN: &str = env!("CARGO_BIN_EXE_bezwaar");
/// A week before the deadline, so the deadline page counts down.
const NOW: &str = "2025-05-20T11:56:55+02:00";
/// What bezwaar writes last on every orderly way out: plain text again (SGR 0, or the shell's
/// prompt would take the page's last colour), mouse reporting off (1006, 1000), the main
/// screen back (1049), the cursor shown (25).
const RESTORE: &str = "\x1b[0m\x1b[?1006l\x1b[?1000l\x1b[?1049l\x1b[?25h";
const PANIC_KEY: &str = "!";

/// A terminal the walk can be typed into and read from.
trait Term {
    fn send(&mut self, keys: &str);
    fn wait_for(&self, text: &str);
}

impl Term for pty::Pty {
    fn send(&mut self, keys: &str) {
        pty::Pty::send(self, keys);
    }
    fn wait_for(&self, text: &str) {
        pty::Pty::wait_for(self, text);
    }
}

fn args(state: &Path) -> Vec<String> {
    [
        "--lang",
        "en",
        "--links",
        "show",
        "--now",
        NOW,
        "--state",
        state.parent().unwrap().to_str().unwrap(),
    ]
    .map(str::to_owned)
    .to_vec()
}

/// Walks every page as a person would: on to the deadline page, "both" on the log-in page,
/// past the email field, and says yes, Facebook was sent, on the send page. Waits until that
/// progress is on disk.
fn walk_all_pages(t: &mut impl Term, state: &Path) {
    const RIGHT: &str = "\x1b[C";
    t.wait_for(&step(1));
    t.wait_for("q quit");
    t.send(RIGHT);
    t.wait_for(&step(2));
    t.send(RIGHT);
    t.wait_for(&step(3));
    t.wait_for("hours left.");
    t.send(RIGHT);
    t.wait_for(&step(4));
    t.wait_for("▶ ( ) Facebook");
    t.send("\x1b[B\x1b[B\r");
    t.wait_for("(•) Both");
    t.send(RIGHT);
    t.wait_for(&step(5));
    // The email field is empty, so → still turns the page.
    t.send(RIGHT);
    t.wait_for(&step(6));
    t.wait_for("▶ (•) Not yet");
    // Yes takes a move to it: ↓ Enter.
    t.send("\x1b[B\r");
    t.wait_for("(•) Yes, sent on");
    wait_until(|| try_saved(state).is_some_and(|p| p.page == "versturen" && p.sent.len() == 1));
}

/// What is saved in `state` now; panics when it is missing or unreadable.
fn saved(state: &Path) -> Progress {
    match Store::at(state.to_path_buf()).load(Utc::now()) {
        (Some(p), None) => p,
        other => panic!("no readable progress in {}: {other:?}", state.display()),
    }
}

fn try_saved(state: &Path) -> Option<Progress> {
    std::fs::read_to_string(state)
        .ok()
        .and_then(|t| ron::from_str(&t).ok())
}

/// Waits up to 5 seconds for `done`.
fn wait_until(done: impl Fn() -> bool) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(5) {
        if done() {
            return;
        }
        thread::sleep(Duration::from_millis(20));
    }
    assert!(done(), "waited 5 s in vain");
}

/// Progress as the walk left it: on the last page, both platforms, Facebook sent.
fn assert_walk_saved(state: &Path) {
    let p = saved(state);
    assert_eq!(p.page, "versturen");
    assert_eq!(p.picked.as_deref(), Some("all"));
    assert_eq!(
        p.sent.iter().map(|s| s.choice.as_str()).collect::<Vec<_>>(),
        ["facebook"]
    );
    // Nothing half-written beside it.
    let dir = state.parent().unwrap();
    let leftovers: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[path = "robust/idle.rs"]
mod idle;
#[path = "robust/vanished.rs"]
mod vanished;
#[path = "robust/ways_out.rs"]
mod ways_out;
