//! bezwaar's backend (`backend::Lean`) writes fewer bytes than ratatui's `CrosstermBackend`
//! by remembering the terminal's colours between frames. Whatever it leaves out, the person
//! must see the same screen: here both draw the same walk, frame by frame, into a terminal
//! emulator each (vt100), and every frame the two screens must be the same, character,
//! colour and attribute alike.

mod common;

use std::io::Write;

use bezwaar::app::{App, Event};
use bezwaar::backend::{Lean, draw_frame};
use bezwaar::text::Lang;
use bezwaar::theme::{Theme, ThemeKind};
use chrono::TimeDelta;
use common::*;
use crossterm::event::KeyCode;
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

/// A terminal drawn into through backend `B`, and the emulator that reads what it wrote.
struct Side<B: Backend<Error = std::io::Error> + Write> {
    terminal: Terminal<B>,
    out: Shared,
    emulator: vt100::Parser,
    shown: Vec<bezwaar::links::Hyperlink>,
    bytes: usize,
}

impl<B: Backend<Error = std::io::Error> + Write> Side<B> {
    fn new(backend: impl FnOnce(Shared) -> B, (w, h): (u16, u16)) -> Side<B> {
        let out = Shared::default();
        let terminal = Terminal::with_options(
            backend(out.clone()),
            TerminalOptions {
                viewport: Viewport::Fixed(Rect::new(0, 0, w, h)),
            },
        )
        .unwrap();
        Side {
            terminal,
            out,
            emulator: vt100::Parser::new(h.try_into().unwrap(), w.try_into().unwrap(), 0),
            shown: Vec::new(),
            bytes: 0,
        }
    }

    /// One frame as the runners draw it: the page, then the links again as OSC 8
    /// hyperlinks when they changed.
    fn frame(&mut self, app: &App) {
        draw_frame(&mut self.terminal, app, &mut self.shown).unwrap();
        // The links a frame draws are the ones `ui::hyperlinks` finds on its own.
        assert_eq!(self.shown, app.hyperlinks());
        let bytes = self.out.take();
        self.bytes += bytes.len();
        self.emulator.process(&bytes);
    }
}

/// Draws `app` on both sides and compares the screens.
fn same(
    lean: &mut Side<Lean<Shared>>,
    plain: &mut Side<CrosstermBackend<Shared>>,
    app: &App,
    what: &str,
) {
    lean.frame(app);
    plain.frame(app);
    let (a, b) = (lean.emulator.screen(), plain.emulator.screen());
    // Cell by cell: the text, its colours and attributes. (Not the pen left set after the
    // last cell: not resetting it is the point.)
    let (h, w) = a.size();
    for row in 0..h.get() {
        for col in 0..w.get() {
            let look = |c: &vt100::Cell| {
                (
                    c.contents().to_owned(),
                    c.fgcolor(),
                    c.bgcolor(),
                    (c.bold(), c.dim(), c.italic(), c.underline(), c.inverse()),
                )
            };
            assert_eq!(
                look(a.cell(row, col).unwrap()),
                look(b.cell(row, col).unwrap()),
                "{what}: row {row}, column {col} differs"
            );
        }
    }
    assert_eq!(a.hide_cursor(), b.hide_cursor(), "{what}: the cursor");
}

/// The walk: every page, the choices, the link panel, the help, typing, a language switch,
/// countdown ticks, each drawn; `see` is called after every step.
fn walk(lang: Lang, now: &str, size: (u16, u16), theme: Theme, see: &mut dyn FnMut(&App, &str)) {
    let mut app = common::app(lang, now, size.0, size.1).with_theme(theme);
    see(&app, "start");
    for page in '1'..='6' {
        ch(&mut app, page);
        see(&app, &format!("page {page}"));
        key(&mut app, KeyCode::Down);
        see(&app, &format!("page {page}, down"));
        key(&mut app, KeyCode::PageDown);
        see(&app, &format!("page {page}, page down"));
    }
    ch(&mut app, '3');
    let mut t = app.walk().now();
    for s in 0..5 {
        t += TimeDelta::seconds(1);
        app.update(Event::Tick(t));
        see(&app, &format!("tick {s}"));
    }
    ch(&mut app, '4');
    choose_both(&mut app);
    see(&app, "both chosen");
    key(&mut app, KeyCode::Enter);
    see(&app, "link panel");
    key(&mut app, KeyCode::Esc);
    see(&app, "panel closed");
    ch(&mut app, '?');
    see(&app, "help");
    key(&mut app, KeyCode::Esc);
    ch(&mut app, '5');
    for c in "oma@voorbeeld".chars() {
        ch(&mut app, c);
        see(&app, &format!("typed {c}"));
    }
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    see(&app, "a reason picked");
    ch(&mut app, '6');
    key(&mut app, KeyCode::Enter);
    see(&app, "ticked");
    ch(&mut app, 'L');
    see(&app, "other language");
}

#[test]
fn the_lean_backend_shows_exactly_what_ratatuis_backend_shows() {
    for (lang, now) in [(Lang::Nl, BEFORE), (Lang::En, AFTER)] {
        for size in [(80, 24), (40, 15)] {
            for (kind, no_color) in [
                (ThemeKind::Default, false),
                (ThemeKind::HighContrast, false),
                (ThemeKind::Default, true),
            ] {
                let theme = Theme::new(kind, no_color);
                let mut lean = Side::new(Lean::new, size);
                let mut plain = Side::new(CrosstermBackend::new, size);
                walk(lang, now, size, theme, &mut |app, what| {
                    same(&mut lean, &mut plain, app, what);
                });
                assert!(
                    lean.bytes < plain.bytes,
                    "{lang:?} {size:?}: the lean backend wrote {} bytes, ratatui's {}",
                    lean.bytes,
                    plain.bytes
                );
            }
        }
    }
}
