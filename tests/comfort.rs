//! Comfort: NO_COLOR and the high-contrast theme, the help overlay (`?`), and the command
//! line's completions, man page and error wording.
//!
//! Here NO_COLOR and the themes on every screen; the colours' contrast, the help and the
//! command line each in a module of their own (tests/comfort/).

mod common;
#[cfg(unix)]
#[path = "common/pty.rs"]
mod pty;

#[path = "comfort/command_line.rs"]
mod command_line;
#[path = "comfort/contrast.rs"]
mod contrast;
#[path = "comfort/help.rs"]
mod help;

use std::collections::HashSet;

use bezwaar::app::App;
use bezwaar::links::{self, Target};
use bezwaar::text::Lang;
use bezwaar::theme::{Theme, ThemeKind};
use bezwaar::ui;
use common::*;
use crossterm::event::KeyCode;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};

/// Every screen worth checking for style: each page before and after the deadline in every
/// shipped language, the link panel with its QR code, "welcome back", the help, and the fill-in page
/// with advice on a typed address and a copy done. Each comes with its window size.
fn every_screen(theme: Theme) -> Vec<(String, App)> {
    let mut out = Vec::new();
    for lang in [Lang::Nl, Lang::En, Lang::De] {
        for when in [BEFORE, AFTER] {
            for (w, h) in [(80, 24), (40, 15), (200, 60)] {
                let mut a = app(lang, when, w, h).with_theme(theme);
                for n in 1..=a.walk().script().pages.len() {
                    if a.walk().editing().is_some() {
                        key(&mut a, KeyCode::Esc);
                    }
                    ch(&mut a, char::from_digit(n as u32, 10).unwrap());
                    out.push((format!("{lang} {when} {w}x{h} page {n}"), a.clone()));
                }
            }
        }
        let mut a = app(lang, AFTER, 80, 24)
            .with_theme(theme)
            .with_link_target(Target::Show);
        choose_both(&mut a);
        out.push((format!("{lang} chosen"), a.clone()));
        key(&mut a, KeyCode::Enter);
        assert!(a.walk().panel().is_some());
        out.push((format!("{lang} panel"), a.clone()));
        ch(&mut a, 'c');
        out.push((format!("{lang} panel copied"), a.clone()));

        // The fill-in page: an address with advice (wrong, then right), then copied.
        let mut a = app(lang, AFTER, 80, 24).with_theme(theme);
        ch(&mut a, '5');
        assert!(a.walk().editing().is_some());
        for c in "name".chars() {
            ch(&mut a, c);
        }
        out.push((format!("{lang} email warn"), a.clone()));
        for c in "@example.nl".chars() {
            ch(&mut a, c);
        }
        out.push((format!("{lang} email ok"), a.clone()));
        key(&mut a, KeyCode::Esc);
        ch(&mut a, 'c');
        out.push((format!("{lang} email copied"), a.clone()));

        out.push((format!("{lang} welcome"), welcome(lang, theme)));
        let mut a = app(lang, AFTER, 80, 24).with_theme(theme);
        ch(&mut a, '?');
        out.push((format!("{lang} help"), a.clone()));
        let mut a = app(lang, AFTER, 80, 24).with_theme(theme);
        ch(&mut a, 'q');
        out.push((format!("{lang} stop?"), a.clone()));
        key(&mut a, KeyCode::Down);
        out.push((format!("{lang} stop? marked"), a.clone()));
    }
    out
}

/// A walkthrough resumed on the deadline page: the "welcome back" box shows.
fn welcome(lang: Lang, theme: Theme) -> App {
    let a = app(lang, AFTER, 80, 24)
        .with_theme(theme)
        .resume(&saved_on_deadline());
    assert!(a.walk().welcoming());
    a
}

/// The screen's cells that belong to the QR code in the link panel, if it shows.
fn qr_cells(app: &App) -> HashSet<(u16, u16)> {
    let mut cells = HashSet::new();
    let (Some(_), Some(a)) = (app.walk().panel(), ui::areas(app.view().size())) else {
        return cells;
    };
    // The panel covers the screen's column down to the footer.
    let area = Rect::new(a.footer.x, 0, a.footer.width, a.footer.y);
    if let Some((r, _)) = ui::panel::layout(app.view(), app.walk(), area).qr {
        for y in r.top()..r.bottom() {
            for x in r.left()..r.right() {
                cells.insert((x, y));
            }
        }
    }
    cells
}

fn buffer(app: &App) -> Buffer {
    terminal(app).backend().buffer().clone()
}

#[test]
fn no_color_leaves_no_colour_in_any_cell_but_the_qr_code() {
    for kind in [ThemeKind::Default, ThemeKind::HighContrast] {
        let mut qr_seen = false;
        for (name, app) in every_screen(Theme::new(kind, true)) {
            let buf = buffer(&app);
            let qr = qr_cells(&app);
            qr_seen |= !qr.is_empty();
            for y in 0..buf.area.height {
                for x in 0..buf.area.width {
                    let cell = &buf[(x, y)];
                    if qr.contains(&(x, y)) {
                        // A QR code needs black on white to scan, whatever NO_COLOR says.
                        let qr = [Color::Indexed(16), Color::Indexed(231)];
                        assert!(qr.contains(&cell.fg) && qr.contains(&cell.bg), "{name}");
                        continue;
                    }
                    assert_eq!(
                        (cell.fg, cell.bg),
                        (Color::Reset, Color::Reset),
                        "{kind:?} {name}: cell ({x}, {y}) {:?} has a colour",
                        cell.symbol()
                    );
                }
            }
        }
        assert!(qr_seen, "the QR code was on one of the screens");
    }
}

#[test]
fn without_no_color_the_default_theme_does_use_colour() {
    // So the test above checks something: the same screen has colour without NO_COLOR.
    let mut a = app(Lang::En, AFTER, 80, 24).with_theme(Theme::new(ThemeKind::Default, false));
    choose_both(&mut a);
    let buf = buffer(&a);
    let coloured = buf
        .content()
        .iter()
        .filter(|c| c.fg != Color::Reset)
        .count();
    assert!(coloured > 0, "the URLs are in colour");
}

#[test]
fn no_theme_dims_anything_on_any_screen() {
    for kind in [ThemeKind::Default, ThemeKind::HighContrast] {
        for no_color in [false, true] {
            for (name, app) in every_screen(Theme::new(kind, no_color)) {
                let buf = buffer(&app);
                for (i, cell) in buf.content().iter().enumerate() {
                    assert!(
                        !cell.modifier.contains(Modifier::DIM),
                        "{kind:?} {name}: cell {i} {:?} is dimmed",
                        cell.symbol()
                    );
                }
            }
        }
    }
}

#[test]
fn no_color_still_marks_focus_links_and_keys() {
    let mut a = app(Lang::En, AFTER, 80, 24).with_theme(Theme::new(ThemeKind::Default, true));
    choose_both(&mut a);
    let buf = buffer(&a);
    let has = |m: Modifier| buf.content().iter().any(|c| c.modifier.contains(m));
    assert!(
        has(Modifier::REVERSED),
        "focus and footer keys are reversed"
    );
    assert!(has(Modifier::UNDERLINED), "URLs are underlined");
    assert!(has(Modifier::BOLD));
}

#[test]
fn hyperlinks_are_written_without_colour_under_no_color() {
    for (no_color, coloured) in [(false, true), (true, false)] {
        let mut a =
            app(Lang::Nl, AFTER, 80, 24).with_theme(Theme::new(ThemeKind::Default, no_color));
        choose_both(&mut a);
        key(&mut a, KeyCode::PageDown);
        let found = a.hyperlinks();
        assert_eq!(found.len(), 2);
        let mut bytes = Vec::new();
        links::write_hyperlinks(&mut bytes, &found).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(text.contains("\x1b[38;"), coloured, "{text:?}");
        assert!(text.contains("\x1b[4m"), "still underlined");
    }
}

/// The real binary with NO_COLOR=1 in a terminal: no colour on the page, the countdown or the
/// link panel, except the QR code's black and white.
#[cfg(unix)]
#[test]
fn the_binary_honours_no_color() {
    let screen_colours = |p: &pty::Pty, cols: u16, rows: u16| {
        let nz = |n: u16| std::num::NonZero::new(n).expect("a size");
        let mut parser = vt100::Parser::new(nz(rows), nz(cols), 0);
        parser.process(&p.output.lock().unwrap());
        let screen = parser.screen().clone();
        let mut colours = HashSet::new();
        for row in 0..rows {
            for col in 0..cols {
                if let Some(cell) = screen.cell(row, col) {
                    colours.insert(format!("{:?}", cell.fgcolor()));
                    colours.insert(format!("{:?}", cell.bgcolor()));
                }
            }
        }
        colours
    };
    let args = ["--lang", "en", "--no-save", "--links", "show"];
    let args = [&args[..], &["--now", "2025-05-20T12:00:00+02:00"]].concat();
    for (env, coloured) in [(&[("NO_COLOR", "1")][..], false), (&[][..], true)] {
        let mut p = pty::spawn(&args, env, 80, 24);
        p.wait_for(&step(1));
        p.send("3");
        p.wait_for(&step(3));
        assert_eq!(
            screen_colours(&p, 80, 24) != HashSet::from(["Default".to_owned()]),
            coloured,
            "{env:?}: the countdown"
        );
        p.send("4\x1b[B\x1b[B\r");
        p.wait_for("▶ Open the Facebook form");
        assert_eq!(
            screen_colours(&p, 80, 24) != HashSet::from(["Default".to_owned()]),
            coloured,
            "{env:?}: the URLs"
        );
        p.send("\r");
        p.wait_for("Scan the QR code");
        let mut want = HashSet::from([
            "Default".to_owned(),
            "Idx(16)".to_owned(),
            "Idx(231)".to_owned(),
        ]);
        if coloured {
            want.insert("Idx(63)".to_owned());
        }
        assert_eq!(screen_colours(&p, 80, 24), want, "{env:?}: the panel");
        p.send("\x1b");
        p.wait_for(&step(4));
        p.send("q");
        p.wait_for("Stop?");
        p.send("q");
        assert_eq!(p.wait_exit(), 0);
    }
}

#[test]
fn the_theme_survives_starting_over() {
    let theme = Theme::new(ThemeKind::HighContrast, true);
    let mut a = welcome(Lang::Nl, theme);
    ch(&mut a, 'n');
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Enter);
    assert!(!a.walk().welcoming());
    assert_eq!(*a.view().theme(), theme);
}
