//! What a slow SSH link and a small machine feel, beyond frame times (`benches/render.rs`):
//!
//! - bytes written to the terminal for the first frame, a page change, a countdown tick and a
//!   key typed, through the run loop's backend (`backend::Lean` on crossterm) and a counting writer, as the run loop
//!   draws (frame, then the on-screen URLs as OSC 8 links when they change); next to what
//!   `whiptail --msgbox` and `dialog --msgbox` write for the same page text, where installed;
//! - start-up to the first full frame in a pseudo-terminal, against `whiptail --msgbox` of the
//!   same page: wall time (median of 25, taken in turns), and instructions from exec to the
//!   end with the first screen closed at once (valgrind's cachegrind, where installed);
//! - idle CPU time and wake-ups over 10 s, on a page without and with the countdown;
//! - peak memory (VmHWM) after walking every page and opening the QR panel;
//! - the size of the binary.
//!
//! ```sh
//! cargo bench --bench footprint                      # about 30 s
//! BEZWAAR_IDLE_SECS=3 cargo bench --bench footprint  # a shorter idle watch
//! ```
//!
//! The binary is the one `cargo bench` builds (the bench profile, which is the release profile:
//! lto, one codegen unit, stripped). Parts that need /proc (Linux) or whiptail/dialog say
//! "skipped" when those are missing. Output is a Markdown table, ready for the README.

#[path = "../tests/common/mod.rs"]
mod common;
#[path = "common/cpu.rs"]
mod cpu;
#[path = "common/instructions.rs"]
mod instructions;
#[path = "../tests/common/pty.rs"]
mod pty;

use std::cell::Cell;
use std::io::{self, Write};
use std::process::Command;
use std::rc::Rc;
use std::thread;
use std::time::{Duration, Instant};

use bezwaar::app::{App, Event};
use bezwaar::backend::{Lean, draw_frame};
use bezwaar::links::Hyperlink;
use bezwaar::text::Lang;
use chrono::TimeDelta;
use cpu::{cpu_ms, cpu_precise_ms};
use crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

const BIN: &str = env!("CARGO_BIN_EXE_bezwaar");
const W: u16 = 80;
const H: u16 = 24;
/// How often start-up is timed; the median is reported.
const STARTS: usize = 25;
/// Half an hour before the deadline: the only time the countdown shows seconds.
const LAST_HOUR: &str = "2025-05-26T23:30:00+02:00";

fn main() {
    // `cargo test --benches` runs this without `--bench`: nothing to measure then.
    if !std::env::args().any(|a| a == "--bench") {
        println!("footprint: run it with `cargo bench --bench footprint`");
        return;
    }
    println!("bezwaar footprint, {W}x{H}, binary {BIN}\n");
    println!("| what | bezwaar | whiptail | dialog |");
    println!("| --- | --- | --- | --- |");
    bytes();
    startup();
    idle();
    memory();
    size();
}

fn row(what: &str, ours: impl std::fmt::Display, whiptail: &str, dialog: &str) {
    println!("| {what} | {ours} | {whiptail} | {dialog} |");
}

/// A writer that counts what passes through it and keeps nothing.
#[derive(Clone, Default)]
struct Counter(Rc<Cell<usize>>);

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.set(self.0.get() + buf.len());
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The local run loop's drawing, into a counter: a frame, then the hyperlinks when they
/// changed.
struct Screen {
    terminal: Terminal<Lean<Counter>>,
    count: Counter,
    shown: Vec<Hyperlink>,
}

impl Screen {
    fn new() -> Screen {
        let count = Counter::default();
        let terminal = Terminal::with_options(
            Lean::new(count.clone()),
            TerminalOptions {
                viewport: Viewport::Fixed(Rect::new(0, 0, W, H)),
            },
        )
        .unwrap();
        Screen {
            terminal,
            count,
            shown: Vec::new(),
        }
    }

    /// Draws `app`; returns the bytes written.
    fn frame(&mut self, app: &App) -> usize {
        let before = self.count.0.get();
        draw_frame(&mut self.terminal, app, &mut self.shown).unwrap();
        self.count.0.get() - before
    }
}

fn key(app: &mut App, code: KeyCode) {
    common::key(app, code);
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// The body of page `n` (from 1) as text, as bezwaar shows it at 80x24: what the dialogs get.
fn page_text(n: usize) -> String {
    let mut app = common::app(Lang::En, common::BEFORE, W, H);
    common::ch(&mut app, char::from_digit(n as u32, 10).unwrap());
    let screen = common::screen(&app);
    let rows: Vec<&str> = screen.lines().collect();
    let body = rows[3..rows.len() - 2].join("\n");
    body.trim().to_owned()
}

const TITLE: &str = "Object to Meta's AI training";
/// whiptail and dialog draw UTF-8 text and line drawing only in a UTF-8 locale.
const UTF8: &[(&str, &str)] = &[("LANG", "C.UTF-8")];

/// Runs `program --title … --msgbox TEXT 24 80` in a pty; the bytes it writes to show it.
fn dialog_bytes(program: &str, text: &str) -> Option<usize> {
    which(program)?;
    let h = H.to_string();
    let w = W.to_string();
    let mut p = pty::spawn_program(
        program,
        &["--title", TITLE, "--msgbox", text, &h, &w],
        UTF8,
        W,
        H,
    );
    // whiptail's button says <Ok>, dialog's < OK >.
    p.wait_for(if program == "dialog" { "OK" } else { "<Ok>" });
    let bytes = settled(&p);
    p.send("\r");
    p.wait_exit();
    Some(bytes)
}

fn which(program: &str) -> Option<()> {
    Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|_| ())
}

/// The number of bytes written once the output has stopped growing for 150 ms.
fn settled(p: &pty::Pty) -> usize {
    let mut last = p.bytes().len();
    loop {
        thread::sleep(Duration::from_millis(150));
        let now = p.bytes().len();
        if now == last {
            return now;
        }
        last = now;
    }
}

fn bytes() {
    let mut app = common::app(Lang::En, common::BEFORE, W, H);
    let mut screen = Screen::new();
    let first = screen.frame(&app);

    // The walk: → to each next page; "both" on the log-in page.
    let mut changes = Vec::new();
    for page in 2..=6 {
        if page == 5 {
            // "Which do you use?" Both: an answer on the same page.
            key(&mut app, KeyCode::Down);
            screen.frame(&app);
            key(&mut app, KeyCode::Down);
            screen.frame(&app);
            key(&mut app, KeyCode::Enter);
            screen.frame(&app);
        }
        key(&mut app, KeyCode::Right);
        changes.push(screen.frame(&app) as f64);
    }
    // Back to a page with a link on it from one without, and the other way.
    common::ch(&mut app, '3');
    changes.push(screen.frame(&app) as f64);
    common::ch(&mut app, '4');
    changes.push(screen.frame(&app) as f64);

    // A key typed into the email field.
    common::ch(&mut app, '5');
    screen.frame(&app);
    let mut typed = Vec::new();
    for c in "oma@voorbeeld.nl".chars() {
        common::ch(&mut app, c);
        typed.push(screen.frame(&app) as f64);
    }

    // Countdown ticks: two minutes of them, across minute boundaries; before and after the
    // deadline.
    let ticks = |now: &str| {
        let mut app = common::app(Lang::En, now, W, H);
        common::ch(&mut app, '3');
        let mut screen = Screen::new();
        screen.frame(&app);
        let mut t = app.walk().now();
        let mut v = Vec::new();
        for _ in 0..120 {
            t += TimeDelta::seconds(1);
            app.update(Event::Tick(t));
            v.push(screen.frame(&app) as f64);
        }
        v
    };
    let before = ticks(common::BEFORE);
    let last_hour = ticks(LAST_HOUR);
    let after = ticks(common::AFTER);

    // The same page text in whiptail and dialog: each page a new full screen.
    let mut dialogs: [Vec<f64>; 2] = [Vec::new(), Vec::new()];
    for n in 1..=6 {
        let text = page_text(n);
        for (i, program) in ["whiptail", "dialog"].iter().enumerate() {
            if let Some(b) = dialog_bytes(program, &text) {
                dialogs[i].push(b as f64);
            }
        }
    }
    let shown = |v: &Vec<f64>, f: &dyn Fn(&Vec<f64>) -> f64| {
        if v.is_empty() {
            "skipped (not installed)".to_owned()
        } else {
            format!("{:.0} B", f(v))
        }
    };
    let first_of = |v: &Vec<f64>| v[0];
    let median_of = |v: &Vec<f64>| median(v.clone());
    let max_of = |v: &Vec<f64>| v.iter().copied().fold(0.0, f64::max);
    row(
        "first frame, page 1 (bytes)",
        format!("{first} B"),
        &shown(&dialogs[0], &first_of),
        &shown(&dialogs[1], &first_of),
    );
    row(
        "page change, median (max) of 7 (dialogs: a new box)",
        format!(
            "{:.0} B ({:.0} B)",
            median(changes.clone()),
            max_of(&changes)
        ),
        &shown(&dialogs[0], &median_of),
        &shown(&dialogs[1], &median_of),
    );
    row(
        "countdown tick, median (max) of 120, a week before (hours shown)",
        format!("{:.0} B ({:.0} B)", median(before.clone()), max_of(&before)),
        "no countdown",
        "no countdown",
    );
    row(
        "countdown tick, median (max) of 120, in the last hour (seconds shown)",
        format!(
            "{:.0} B ({:.0} B)",
            median(last_hour.clone()),
            max_of(&last_hour)
        ),
        "no countdown",
        "no countdown",
    );
    row(
        "countdown tick, median (max) of 120, after the deadline",
        format!("{:.0} B ({:.0} B)", median(after.clone()), max_of(&after)),
        "no countdown",
        "no countdown",
    );
    row(
        "a key typed in the email field, median (max)",
        format!("{:.0} B ({:.0} B)", median(typed.clone()), max_of(&typed)),
        "",
        "",
    );
}

/// Milliseconds from starting a program until `ready` shows on its screen; then `end` is
/// typed to close it.
fn time_to_screen(start: &dyn Fn() -> pty::Pty, ready: &str, end: &str) -> f64 {
    let t = Instant::now();
    let mut p = start();
    let deadline = t + Duration::from_secs(10);
    while !p.screen().contains(ready) {
        assert!(Instant::now() < deadline, "{ready:?} never showed");
        thread::sleep(Duration::from_micros(200));
    }
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    p.send(end);
    p.wait_exit();
    ms
}

fn startup() {
    let ours = || pty::spawn(&["--lang", "en", "--no-save", "--links", "show"], &[], W, H);
    let text = page_text(1);
    let (h, w) = (H.to_string(), W.to_string());
    let whiptail = || {
        pty::spawn_program(
            "whiptail",
            &["--title", TITLE, "--msgbox", &text, &h, &w],
            UTF8,
            W,
            H,
        )
    };
    let printf = || pty::spawn_program("printf", &["q quit"], &[], W, H);
    let have_whiptail = which("whiptail").is_some();
    let have_printf = which("printf").is_some();
    // Taken in turns, so a busy moment on the machine hits each alike.
    let (mut a, mut b, mut c) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..STARTS {
        // Ctrl-C stops at once (q asks first).
        a.push(time_to_screen(&ours, "q quit", "\x03"));
        if have_whiptail {
            b.push(time_to_screen(&whiptail, "<Ok>", "\r"));
        }
        if have_printf {
            // The floor: a tiny program showing one line in the same pty.
            c.push(time_to_screen(&printf, "q quit", ""));
        }
    }
    let ours = median(a);
    let theirs_shown = if b.is_empty() {
        "skipped (not installed)".to_owned()
    } else {
        let t = median(b);
        format!("{t:.1} ms (bezwaar/whiptail = {:.2})", ours / t)
    };
    row(
        &format!("start-up to the first full frame, median of {STARTS}"),
        format!("{ours:.1} ms"),
        &theirs_shown,
        "",
    );
    let args = pty::in_meta(&["--lang", "en", "--no-save", "--links", "show"]);
    let ours = instructions::instructions(BIN, &args, &[], (W, H), ("q quit", "\x03"));
    let theirs = have_whiptail
        .then(|| {
            let args = ["--title", TITLE, "--msgbox", &text, &h, &w];
            instructions::instructions("whiptail", &args, UTF8, (W, H), ("<Ok>", "\r"))
        })
        .flatten();
    let millions = |n: u64| format!("{:.2} M", n as f64 / 1e6);
    match (ours, theirs) {
        (None, _) => row(
            "instructions from exec to the end, first screen closed at once",
            "skipped (no valgrind)",
            "",
            "",
        ),
        (Some(ours), theirs) => row(
            "instructions from exec to the end, first screen closed at once (cachegrind)",
            millions(ours),
            &theirs.map_or("skipped (not installed)".to_owned(), |t| {
                format!(
                    "{} (bezwaar/whiptail = {:.2})",
                    millions(t),
                    ours as f64 / t as f64
                )
            }),
            "",
        ),
    }
    if !c.is_empty() {
        row(
            "the floor: `printf` showing one line in the same pty",
            format!("{:.1} ms", median(c)),
            "",
            "",
        );
    }
}

/// How many times the threads of `pid` were switched in: each wake-up counts.
fn wakeups(pid: u32) -> Option<u64> {
    let mut n = 0;
    for task in std::fs::read_dir(format!("/proc/{pid}/task")).ok()? {
        let status = std::fs::read_to_string(task.ok()?.path().join("status")).ok()?;
        for line in status.lines() {
            if let Some(v) = line
                .strip_prefix("voluntary_ctxt_switches:")
                .or_else(|| line.strip_prefix("nonvoluntary_ctxt_switches:"))
            {
                n += v.trim().parse::<u64>().ok()?;
            }
        }
    }
    Some(n)
}

/// A /proc/PID/status field in kB.
fn status_kb(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse().ok())
}

fn idle() {
    let secs: u64 = std::env::var("BEZWAAR_IDLE_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    if cpu_ms(std::process::id()).is_none() {
        row("idle CPU", "skipped (no /proc)", "", "");
        return;
    }
    let start = |page: char, now: &str| {
        let mut p = pty::spawn(&["--lang", "en", "--no-save", "--now", now], &[], W, H);
        p.wait_for("Step 1 of 7");
        p.send(&page.to_string());
        p.wait_for(&format!("Step {page} of 7"));
        p
    };
    let mut runs = [
        ("a page without countdown", start('1', common::BEFORE)),
        (
            "the countdown page, a week before",
            start('3', common::BEFORE),
        ),
        (
            "the countdown page, in the last hour",
            start('3', LAST_HOUR),
        ),
        (
            "the countdown page, after the deadline",
            start('3', common::AFTER),
        ),
    ];
    thread::sleep(Duration::from_millis(500));
    let sample = |pid: u32| {
        (
            cpu_ms(pid).unwrap(),
            cpu_precise_ms(pid).unwrap_or(f64::NAN),
            wakeups(pid).unwrap(),
        )
    };
    let first: Vec<(f64, f64, u64)> = runs.iter().map(|(_, p)| sample(p.pid())).collect();
    thread::sleep(Duration::from_secs(secs));
    for (i, (what, p)) in runs.iter_mut().enumerate() {
        let (ticks, precise, woke) = sample(p.pid());
        let (ticks, precise, woke) = (ticks - first[i].0, precise - first[i].1, woke - first[i].2);
        row(
            &format!("idle {secs} s on {what}: CPU time (utime+stime; schedstat), wake-ups"),
            format!("{ticks:.0} ms; {precise:.2} ms, {woke} wake-ups"),
            "",
            "",
        );
        p.send("\x03");
        p.wait_exit();
    }
}

fn memory() {
    if status_kb(std::process::id(), "VmHWM:").is_none() {
        row("peak memory", "skipped (no /proc)", "", "");
        return;
    }
    let mut p = pty::spawn(&["--lang", "en", "--no-save", "--links", "show"], &[], W, H);
    p.wait_for("Step 1 of 7");
    for page in ['2', '3', '4'] {
        p.send(&page.to_string());
        p.wait_for(&format!("Step {page} of 7"));
    }
    // Both platforms, then the QR code of the Facebook form.
    p.send("\x1b[B\x1b[B\r");
    p.wait_for("(•) Both");
    p.send("\r");
    p.wait_for("Scan the QR code");
    p.send("\x1b");
    p.wait_for("Step 4 of 7");
    // The other pages, the other language, and last the email field (which takes every key).
    for page in ['6', '7'] {
        p.send(&page.to_string());
        p.wait_for(&format!("Step {page} of 7"));
    }
    p.send("L");
    p.wait_for("Schritt 7 von 7");
    p.send("5");
    p.wait_for("Schritt 5 von 7");
    p.send("oma@voorbeeld.nl");
    p.wait_for("oma@voorbeeld.nl");
    thread::sleep(Duration::from_millis(200));
    let hwm = status_kb(p.pid(), "VmHWM:").unwrap();
    let rss = status_kb(p.pid(), "VmRSS:").unwrap();
    row(
        "peak memory (VmHWM) after every page and the QR panel; RSS then",
        format!(
            "{:.1} MiB; {:.1} MiB",
            hwm as f64 / 1024.0,
            rss as f64 / 1024.0
        ),
        "",
        "",
    );
    p.send("\x03");
    p.wait_exit();
}

fn size() {
    let bytes = std::fs::metadata(BIN).map(|m| m.len()).unwrap_or(0);
    let theirs = |program: &str| {
        Command::new("sh")
            .args(["-c", &format!("command -v {program}")])
            .output()
            .ok()
            .filter(|o| o.status.success())
            .and_then(|o| std::fs::metadata(String::from_utf8_lossy(&o.stdout).trim()).ok())
            .map_or("".to_owned(), |m| {
                format!(
                    "{:.0} KiB (plus libnewt/libncurses)",
                    m.len() as f64 / 1024.0
                )
            })
    };
    row(
        "binary size",
        format!("{:.1} MiB", bytes as f64 / 1024.0 / 1024.0),
        &theirs("whiptail"),
        &theirs("dialog"),
    );
}
