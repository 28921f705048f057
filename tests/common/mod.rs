//! Helpers shared by the behaviour tests: a walkthrough at a fixed time, key presses, and
//! the screen as text.
#![allow(dead_code)]

mod steps;
// Not every test file asks for the step line.
#[allow(unused_imports)]
pub use steps::*;

use std::sync::Arc;

use bezwaar::app::{App, Effect, Event};
use bezwaar::script;
use bezwaar::text::Lang;
use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The Dutch or the English of a pair, for tests that check both (the app itself has no
/// such pairs: its words are in the catalogs).
pub trait Pick {
    fn pick<T>(self, nl: T, en: T) -> T;
}

impl Pick for Lang {
    fn pick<T>(self, nl: T, en: T) -> T {
        if self == Lang::Nl { nl } else { en }
    }
}

/// A week before the deadline: 6 days, 12 hours, 3 minutes and 5 seconds to go.
pub const BEFORE: &str = "2025-05-20T11:56:55+02:00";
/// The day this was written: long after the deadline.
pub const AFTER: &str = "2026-11-23T12:00:00+01:00";
/// The ids of the shipped script's pages, in order.
pub const PAGE_IDS: [&str; 7] = [
    "waarom",
    "gegevens",
    "deadline",
    "inloggen",
    "invullen",
    "versturen",
    "klaar",
];
/// The forms of the shipped script.
pub const FACEBOOK: &str = "https://www.facebook.com/help/contact/712876720715583";
pub const INSTAGRAM: &str = "https://help.instagram.com/contact/767264225370182";

pub fn time(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// The shipped walkthrough at `now`, in a window of `w` x `h`.
pub fn app(lang: Lang, now: &str, w: u16, h: u16) -> App {
    let script = script::embedded().expect("the shipped script is valid");
    App::new(Arc::new(script), lang, time(now), (w, h))
}

pub fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    app.update(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

pub fn ch(app: &mut App, c: char) -> Vec<Effect> {
    key(app, KeyCode::Char(c))
}

pub fn page_id(app: &App) -> String {
    app.walk().page().id.as_str().to_owned()
}

/// Draws the App into a test terminal of its own size.
pub fn terminal(app: &App) -> Terminal<TestBackend> {
    let (w, h) = app.view().size();
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| {
        app.draw(f);
    })
    .unwrap();
    t
}

/// The screen as plain text, one line per row, trailing spaces cut.
pub fn screen(app: &App) -> String {
    let t = terminal(app);
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        for x in 0..buf.area.width {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The screen's words as one line: QR blocks dropped, every run of spaces and line breaks
/// one space. For sentences that wrap beside the QR code.
pub fn words(app: &App) -> String {
    screen(app)
        .replace('▀', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Goes to the log-in page and answers "which do you use?" with "both" (the third option),
/// as a person would with ↓ ↓ Enter. Focus then sits on the first form link.
pub fn choose_both(app: &mut App) {
    ch(app, '4');
    key(app, KeyCode::Down);
    key(app, KeyCode::Down);
    key(app, KeyCode::Enter);
}

/// Presses Enter until `done` holds, at most `max` times: Enter first shows more of a page
/// until the focused item is in sight, then acts on it. Panics when it never gets there.
pub fn enter_until(app: &mut App, max: usize, done: impl Fn(&App) -> bool) -> usize {
    for n in 1..=max {
        key(app, KeyCode::Enter);
        if done(app) {
            return n;
        }
    }
    panic!("{max} Enters and still not there:\n{}", screen(app));
}

/// A writer whose bytes the test takes after a backend has written them.
#[derive(Clone, Default)]
pub struct Shared(pub std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl Shared {
    /// What was written since the last call.
    pub fn take(&self) -> Vec<u8> {
        std::mem::take(&mut *self.0.borrow_mut())
    }
}

impl std::io::Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Progress saved on the deadline page, nothing chosen yet: resuming it shows "welcome back".
pub fn saved_on_deadline() -> bezwaar::progress::Progress {
    bezwaar::progress::Progress {
        version: bezwaar::progress::VERSION,
        page: "deadline".to_owned(),
        picked: None,
        sent: vec![],
        reason: None,
        walkthrough: None,
    }
}

/// The person's window of a runner core (as over SSH) at `w`x`h`, a line per row, trailing
/// spaces cut.
pub fn seat_screen(core: &bezwaar::runner::Core, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| {
        core.draw(bezwaar::runner::PERSON, f);
    })
    .unwrap();
    let buffer = t.backend().buffer();
    (0..h)
        .map(|y| {
            let row: String = (0..w).map(|x| buffer[(x, y)].symbol()).collect();
            row.trim_end().to_owned() + "\n"
        })
        .collect()
}

/// The binary in plain mode with `args`, `input` on its stdin (TERM set, so only the pipes make
/// it plain): its exit code and what it printed.
pub fn plain_run(args: &[&str], input: &str) -> (Option<i32>, String) {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_bezwaar"))
        .arg("--plain")
        .args(args)
        .env("TERM", "xterm-256color")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    // The program may stop reading early: a failed write is fine then.
    let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}
