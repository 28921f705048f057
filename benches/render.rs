//! Frame times: every page of the shipped walkthrough drawn at 80x24, as `cargo bench --bench
//! render` shows them (divan: fastest, slowest, median and mean per frame). Wall times drift
//! with the machine's load: compare with other code in the same minutes, or count
//! instructions (valgrind) for figures that do not drift.
//!
//! `TestBackend` is ratatui's in-memory terminal: the time is laying out and drawing the page
//! plus ratatui's diff, without a terminal's own speed. `crossterm_*` adds turning the diff into
//! escape sequences through the run loop's backend (`backend::Lean` on crossterm, into
//! `io::sink`).

#[path = "../tests/common/mod.rs"]
mod common;

use std::io;

use bezwaar::app::{App, Event};
use bezwaar::backend::Lean;
use bezwaar::text::Lang;
use chrono::TimeDelta;
use crossterm::event::KeyCode;
use divan::Bencher;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

fn main() {
    divan::main();
}

const PAGES: [usize; 7] = [1, 2, 3, 4, 5, 6, 7];

/// The shipped walkthrough on page `n` (from 1), a week before the deadline, with "both"
/// answered on the log-in page so the later pages show everything.
fn app_on(n: usize) -> App {
    let mut app = common::app(Lang::En, common::BEFORE, 80, 24);
    common::choose_both(&mut app);
    common::ch(&mut app, char::from_digit(n as u32, 10).unwrap());
    app
}

/// Moments one second apart in the deadline's last hour, from its start again after the
/// last second: each one reads differently from the one before.
fn last_hour() -> impl FnMut() -> chrono::DateTime<chrono::Utc> {
    let start = common::time("2025-05-26T23:00:00+02:00");
    let mut n = 0;
    move || {
        n = (n + 1) % 3600;
        start + TimeDelta::seconds(n)
    }
}

fn test_terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(80, 24)).unwrap()
}

/// One frame of page `n` at 80x24.
#[divan::bench(args = PAGES)]
fn page(bencher: Bencher, n: usize) {
    let app = app_on(n);
    let mut terminal = test_terminal();
    bencher.bench_local(|| {
        terminal
            .draw(|f| {
                app.draw(f);
            })
            .unwrap();
    });
}

/// The floor: a frame that draws nothing. What ratatui itself costs at 80x24 (clearing the
/// new buffer, comparing it with the last one cell by cell), whatever the page.
#[divan::bench]
fn empty_frame(bencher: Bencher) {
    let mut terminal = test_terminal();
    bencher.bench_local(|| {
        terminal.draw(|_| {}).unwrap();
    });
}

/// The deadline page in its last hour, one second later each frame: a tick whose words change
/// (the only hour that shows seconds; before it the words change once a minute or an hour, and
/// a runner draws only then).
#[divan::bench]
fn countdown_tick(bencher: Bencher) {
    let mut app = app_on(3);
    let mut seconds = last_hour();
    let mut terminal = test_terminal();
    bencher.bench_local(|| {
        app.update(Event::Tick(seconds()));
        terminal
            .draw(|f| {
                app.draw(f);
            })
            .unwrap();
    });
}

/// The link panel with its QR code (Enter on the Facebook form over SSH).
#[divan::bench]
fn link_panel(bencher: Bencher) {
    let mut app = app_on(4);
    common::key(&mut app, KeyCode::Enter);
    assert!(app.walk().panel().is_some());
    let mut terminal = test_terminal();
    bencher.bench_local(|| {
        terminal
            .draw(|f| {
                app.draw(f);
            })
            .unwrap();
    });
}

fn crossterm_terminal() -> Terminal<Lean<io::Sink>> {
    Terminal::with_options(
        Lean::new(io::sink()),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, 80, 24)),
        },
    )
    .unwrap()
}

/// Through the run loop's crossterm backend: back and forth between two pages, so every frame
/// writes a page change.
#[divan::bench]
fn crossterm_page_change(bencher: Bencher) {
    let apps = [app_on(3), app_on(4)];
    let mut terminal = crossterm_terminal();
    let mut i = 0;
    bencher.bench_local(|| {
        i ^= 1;
        terminal
            .draw(|f| {
                apps[i].draw(f);
            })
            .unwrap();
    });
}

/// The same through `backend::draw_frame`, as the runners draw: it also writes the page's
/// links, and keeps one buffer between frames (the second is made for each frame).
#[divan::bench]
fn draw_frame_page_change(bencher: Bencher) {
    let apps = [app_on(3), app_on(4)];
    let mut terminal = crossterm_terminal();
    let mut shown = Vec::new();
    let mut i = 0;
    bencher.bench_local(|| {
        i ^= 1;
        bezwaar::backend::draw_frame(&mut terminal, &apps[i], &mut shown).unwrap();
    });
}

/// Through the run loop's crossterm backend: a countdown tick in the last hour.
#[divan::bench]
fn crossterm_countdown_tick(bencher: Bencher) {
    let mut app = app_on(3);
    let mut seconds = last_hour();
    let mut terminal = crossterm_terminal();
    bencher.bench_local(|| {
        app.update(Event::Tick(seconds()));
        terminal
            .draw(|f| {
                app.draw(f);
            })
            .unwrap();
    });
}

/// Loading and checking the built-in script: part of every start.
#[divan::bench]
fn load_embedded_script() -> bezwaar::script::Script {
    bezwaar::script::embedded().unwrap()
}
