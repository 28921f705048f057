//! Comfort: NO_COLOR and the high-contrast theme, the help overlay (`?`), and the command
//! line's completions, man page and error wording.

mod common;
#[cfg(unix)]
#[path = "common/pty.rs"]
mod pty;

use std::collections::HashSet;
use std::process::Command as Process;

use bezwaar::app::{App, Event};
use bezwaar::keys::{self, Mode};
use bezwaar::links::{self, Target};
use bezwaar::text::Lang;
use bezwaar::theme::{Theme, ThemeKind};
use bezwaar::ui;
use common::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};
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

/// The colour of `c` as the xterm 256-colour palette has it.
fn xterm_rgb(c: u8) -> (u8, u8, u8) {
    const BASE: [(u8, u8, u8); 16] = [
        (0, 0, 0),
        (205, 0, 0),
        (0, 205, 0),
        (205, 205, 0),
        (0, 0, 238),
        (205, 0, 205),
        (0, 205, 205),
        (229, 229, 229),
        (127, 127, 127),
        (255, 0, 0),
        (0, 255, 0),
        (255, 255, 0),
        (92, 92, 255),
        (255, 0, 255),
        (0, 255, 255),
        (255, 255, 255),
    ];
    match c {
        0..=15 => BASE[usize::from(c)],
        16..=231 => {
            let level = |n: u8| if n == 0 { 0 } else { 55 + 40 * n };
            let n = c - 16;
            (level(n / 36), level(n / 6 % 6), level(n % 6))
        }
        _ => {
            let v = 8 + 10 * (c - 232);
            (v, v, v)
        }
    }
}

/// WCAG 2 relative luminance of an sRGB colour.
fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
    let lin = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

fn contrast(a: f64, b: f64) -> f64 {
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

/// The colours ratatui's named colours become (the 16 basic ones), as palette indexes.
fn index_of(c: Color) -> Option<u8> {
    Some(match c {
        Color::Indexed(n) => n,
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
        _ => return None,
    })
}

#[test]
fn every_colour_reads_on_a_light_and_on_a_dark_terminal() {
    // The checker itself: yellow and cyan fail on white, blue 63 passes on both.
    let on_both = |c: u8| {
        let l = luminance(xterm_rgb(c));
        contrast(l, 1.0).min(contrast(l, 0.0))
    };
    assert!(on_both(11) < 4.5 && on_both(14) < 4.5 && on_both(4) < 4.5);
    assert!(on_both(63) >= 4.5);
    for kind in [ThemeKind::Default, ThemeKind::HighContrast] {
        let mut seen = HashSet::new();
        for (name, app) in every_screen(Theme::new(kind, false)) {
            let buf = buffer(&app);
            let qr = qr_cells(&app);
            for y in 0..buf.area.height {
                for x in 0..buf.area.width {
                    let cell = &buf[(x, y)];
                    if qr.contains(&(x, y)) {
                        continue;
                    }
                    // Text on the terminal's own background: only the foreground is ours.
                    assert_eq!(cell.bg, Color::Reset, "{kind:?} {name} ({x}, {y})");
                    if cell.fg == Color::Reset {
                        continue;
                    }
                    let n = index_of(cell.fg)
                        .unwrap_or_else(|| panic!("{kind:?} {name}: ({x}, {y}) has {:?}", cell.fg));
                    seen.insert(n);
                    let ratio = on_both(n);
                    assert!(
                        ratio >= 4.5,
                        "{kind:?} {name}: ({x}, {y}) {:?} in colour {n}: {ratio:.2} : 1",
                        cell.symbol()
                    );
                }
            }
        }
        // Default has its few colours; high contrast relies on the terminal's own only.
        assert_eq!(
            seen.is_empty(),
            kind == ThemeKind::HighContrast,
            "{kind:?}: {seen:?}"
        );
    }
}

#[test]
fn the_theme_switches_from_the_help() {
    let mut a = app(Lang::Nl, AFTER, 80, 24);
    assert_eq!(a.view().theme().kind, ThemeKind::Default);
    ch(&mut a, '?');
    assert!(words_of(&help_screens(&mut a)).contains("Kleuren: nu standaard."));
    ch(&mut a, 't');
    assert_eq!(a.view().theme().kind, ThemeKind::HighContrast);
    assert!(words_of(&help_screens(&mut a)).contains("Kleuren: nu hoog contrast."));
    // NO_COLOR stays what it was.
    let mut a = app(Lang::En, AFTER, 80, 24).with_theme(Theme::new(ThemeKind::Default, true));
    ch(&mut a, '?');
    ch(&mut a, 't');
    assert_eq!(*a.view().theme(), Theme::new(ThemeKind::HighContrast, true));
    ch(&mut a, 't');
    assert_eq!(*a.view().theme(), Theme::new(ThemeKind::Default, true));
}

/// Every screen of the open help, top to bottom.
fn help_screens(a: &mut App) -> String {
    let mut text = screen(a);
    for _ in 0..=a.help_max_scroll() {
        key(a, KeyCode::Down);
        text.push_str(&screen(a));
    }
    text
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

/// The help's text at `w` x `h`, scrolled from top to bottom.
fn help_text(lang: Lang, w: u16, h: u16) -> String {
    let mut a = app(lang, AFTER, w, h);
    ch(&mut a, '?');
    assert_eq!(a.mode(), Mode::Help);
    help_screens(&mut a)
}

#[test]
fn the_help_lists_every_key_of_every_mode() {
    for lang in [Lang::Nl, Lang::En, Lang::De] {
        let pick = |nl, en, de| match lang {
            Lang::De => de,
            _ => lang.pick(nl, en),
        };
        for (w, h) in [(80, 24), (40, 15), (200, 60)] {
            let text = help_text(lang, w, h);
            let words = words_of(&text);
            for mode in keys::MODES {
                for b in keys::keymap(mode) {
                    // The label (with the other keys that do the same), then what it does.
                    let names = keys::key_names(b, lang);
                    assert!(names.starts_with(b.label));
                    let hint = match (mode, b.command) {
                        // What Enter does depends on what it is on: every word of it.
                        (Mode::Page, keys::Command::Activate) => pick(
                            "openen, kiezen, kopiëren",
                            "open, choose, copy",
                            "öffnen, wählen, kopieren",
                        ),
                        (Mode::Dialog, keys::Command::Close) => pick(
                            "het veilige antwoord",
                            "the safe answer",
                            "die sichere Antwort",
                        ),
                        (Mode::Panel, keys::Command::Activate) => pick(
                            "op het scherm van deze computer",
                            "open on this computer’s",
                            "auf dem Bildschirm dieses Computers",
                        ),
                        _ => b.hint(lang),
                    };
                    let entry = format!("{names} {hint}");
                    assert!(
                        words.contains(&words_of(&entry)),
                        "{lang} {w}x{h}: {entry:?} in\n{text}"
                    );
                }
                let heading = keys::mode_heading(lang, Some(mode));
                assert!(
                    words.contains(&words_of(heading)),
                    "{lang} {w}x{h}: {heading}"
                );
            }
            assert!(words.contains("Shift"), "{lang} {w}x{h}: Shift-drag");
            assert!(words.contains(pick("muis", "mouse", "Maus")));
            assert!(words.contains(pick("wieltje", "wheel", "Mausrad")));
        }
    }
}

/// Words only: the help's box lines and the screen's line breaks gone, and words broken
/// after a hyphen ("QR-" / "code") whole again.
fn words_of(s: &str) -> String {
    s.replace(['│', '█', '┌', '┐', '└', '┘', '─'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("- ", "-")
}

#[test]
fn every_key_of_a_binding_is_named_in_the_help() {
    let text = help_text(Lang::En, 200, 60);
    for (label, keys) in [
        ("→", "→ Space"),
        ("←", "← Backspace"),
        ("?", "? F1"),
        ("Enter", "Enter Tab ↓ Esc Ctrl-M"),
        ("Esc", "Esc ← Backspace"),
        ("←→", "←→ ↑ ↓ Tab Shift-Tab"),
        ("Esc", "Esc ? q F1 s Enter"),
        ("Ctrl-C", "Ctrl-C"),
    ] {
        assert!(text.contains(keys), "{label}: {keys:?} in\n{text}");
    }
}

#[test]
fn question_mark_opens_the_help_and_esc_q_or_question_mark_close_it() {
    for close in [KeyCode::Esc, KeyCode::Char('q'), KeyCode::Char('?')] {
        let mut a = app(Lang::Nl, AFTER, 80, 24);
        ch(&mut a, '3');
        assert!(
            screen(&a).contains("? hulp"),
            "the footer shows the help key"
        );
        assert!(screen(&a).contains("q stoppen"));
        // Shift is part of '?' on most keyboards.
        a.update(Event::Key(KeyEvent::new(
            KeyCode::Char('?'),
            KeyModifiers::SHIFT,
        )));
        assert_eq!(a.mode(), Mode::Help);
        assert!(screen(&a).contains("Toetsen"));
        assert!(screen(&a).contains("Esc sluiten"));
        assert!(key(&mut a, close).is_empty(), "closing is not quitting");
        assert_eq!(a.mode(), Mode::Page);
        assert_eq!(page_id(&a), "deadline", "the page stays");
        assert!(!a.walk().should_quit());
    }
    // Ctrl-C still quits from the help.
    let mut a = app(Lang::En, AFTER, 80, 24);
    ch(&mut a, '?');
    let effects = a.update(Event::Key(KeyEvent::new(
        KeyCode::Char('c'),
        KeyModifiers::CONTROL,
    )));
    assert_eq!(effects, vec![bezwaar::app::Effect::Quit]);
}

#[test]
fn the_help_scrolls_when_taller_than_the_window() {
    let mut a = app(Lang::En, AFTER, 40, 15);
    ch(&mut a, '?');
    let max = a.help_max_scroll();
    assert!(max > 0);
    assert!(
        screen(&a).contains("↑↓ scroll"),
        "the footer says it scrolls"
    );
    key(&mut a, KeyCode::Down);
    assert_eq!(a.view().help_scroll(), Some(1));
    key(&mut a, KeyCode::Up);
    assert_eq!(a.view().help_scroll(), Some(0));
    for _ in 0..20 {
        key(&mut a, KeyCode::PageDown);
    }
    assert_eq!(a.view().help_scroll(), Some(max), "it stops at the end");
    assert!(screen(&a).contains("drag"), "the last line shows");
    // The wheel scrolls it too; a resize keeps it in range.
    a.update(Event::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollUp,
        column: 10,
        row: 5,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(a.view().help_scroll(), Some(max - 3));
    a.update(Event::Resize(200, 60));
    assert_eq!(a.help_max_scroll(), 0);
    assert_eq!(a.view().help_scroll(), Some(0));
    // Nothing of the page below is written over the help as a hyperlink.
    let mut a = app(Lang::En, AFTER, 80, 24);
    choose_both(&mut a);
    assert!(!a.hyperlinks().is_empty());
    ch(&mut a, '?');
    assert!(a.hyperlinks().is_empty());
}

#[test]
fn a_question_mark_in_a_field_is_text() {
    let mut a = app(Lang::Nl, AFTER, 80, 24);
    ch(&mut a, '5');
    assert_eq!(a.mode(), Mode::Field);
    for c in "wat?".chars() {
        ch(&mut a, c);
    }
    a.update(Event::Key(KeyEvent::new(
        KeyCode::Char('?'),
        KeyModifiers::SHIFT,
    )));
    assert_eq!(a.walk().email(), "wat??");
    assert_eq!(a.mode(), Mode::Field, "no help while typing");
    assert_eq!(
        keys::command_for(
            KeyEvent::new(KeyCode::Char('?'), KeyModifiers::NONE),
            Mode::Field
        ),
        None
    );
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

fn bezwaar(args: &[&str]) -> std::process::Output {
    Process::new(env!("CARGO_BIN_EXE_bezwaar"))
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .expect("bezwaar runs")
}

#[test]
fn completions_for_every_shell_and_a_man_page() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = bezwaar(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.len() > 500, "{shell}: {text}");
        assert!(text.contains("bezwaar"), "{shell}");
        assert!(
            text.contains("high-contrast"),
            "{shell}: the same options as --help"
        );
    }
    let out = bezwaar(&["man"]);
    assert_eq!(out.status.code(), Some(0));
    let page = String::from_utf8(out.stdout).unwrap();
    for part in [
        ".TH bezwaar 1",
        "\\-\\-theme",
        "NO_COLOR",
        "EXIT STATUS",
        "completions",
    ] {
        assert!(page.contains(part), "{part:?} in the man page");
    }
    let out = bezwaar(&["--version"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!("bezwaar {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn command_line_mistakes_are_explained_with_exit_code_2() {
    for (args, words) in [
        (
            &["--now", "gisteren"][..],
            "write it like 2025-05-20T12:00:00+02:00",
        ),
        (
            &["--now", "2025-05-20"][..],
            "write it like 2025-05-20T12:00:00+02:00",
        ),
        (
            &["--lang", "fr"][..],
            "--lang fr: this walkthrough is written in nl, en",
        ),
        (
            &["--lang", "123"][..],
            "not a language tag; write it like nl, en or de",
        ),
        (
            &["--theme", "pink"][..],
            "[possible values: default, high-contrast]",
        ),
        (&["--frobnicate"][..], "unexpected argument '--frobnicate'"),
        (&["completions", "tcsh"][..], "possible values: bash"),
    ] {
        let out = bezwaar(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(words), "{args:?}: {err}");
        assert!(out.stdout.is_empty());
    }
}
