//! ratatui's crossterm backend, writing less for a slow link.
//!
//! `CrosstermBackend` ends every frame by setting colours and attributes back to plain
//! (19 bytes), and hides the cursor again after every frame with a flush of its own (6 bytes,
//! and a second write: a second packet over SSH). For a countdown tick, where one or two
//! digits change, that is half of what goes over the wire. [`Lean`] remembers what the
//! terminal's pen is set to between frames, so it sets only what changes, hides the cursor
//! once, and sends a frame in one flush. A frame with nothing changed writes nothing at all.
//! Everything else is `CrosstermBackend`'s.
//!
//! Whatever else is written through it (the OSC 8 links, OSC 52) forgets the pen: the next
//! frame starts from plain again. Whoever leaves the screen must set the pen back to plain
//! (`SGR 0`) themselves, as the terminal runner's `restore` and the SSH server's goodbye do.

use std::fmt;
use std::io::{self, Write};

use crossterm::cursor::{Hide, MoveTo, Show};
use crossterm::queue;
use crossterm::style::{
    Attribute, Colors, Print, SetAttribute, SetBackgroundColor, SetColors, SetForegroundColor,
};
use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, CrosstermBackend, IntoCrossterm, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};

use crate::app::App;
use crate::links::{self, ATTRIBUTES, Hyperlink};
use crate::runner::{Core, SeatId};

/// Mouse reporting for clicks and the wheel only (xterm modes 1000 and 1006). crossterm's
/// `EnableMouseCapture` also asks for every mouse movement, which floods a slow SSH link.
/// Both the terminal runner and the SSH server ask for these.
pub struct EnableClicks;
pub struct DisableClicks;

impl crossterm::Command for EnableClicks {
    fn write_ansi(&self, f: &mut impl fmt::Write) -> fmt::Result {
        f.write_str("\x1b[?1000h\x1b[?1006h")
    }
}

impl crossterm::Command for DisableClicks {
    fn write_ansi(&self, f: &mut impl fmt::Write) -> fmt::Result {
        f.write_str("\x1b[?1006l\x1b[?1000l")
    }
}

/// One frame as both runners draw it: the screen, then its URLs again as OSC 8 hyperlinks
/// when they differ from `shown` (the links last written), so a countdown tick costs no extra
/// bytes.
pub fn draw_frame<B>(
    terminal: &mut Terminal<B>,
    app: &App,
    shown: &mut Vec<Hyperlink>,
) -> io::Result<()>
where
    B: Backend<Error = io::Error> + Write,
{
    draw_with(terminal, |f| app.draw(f), shown)
}

/// The same for one seat of a [`Core`]: the screen of that seat's window.
pub fn draw_seat<B>(
    terminal: &mut Terminal<B>,
    core: &Core,
    seat: SeatId,
    shown: &mut Vec<Hyperlink>,
) -> io::Result<()>
where
    B: Backend<Error = io::Error> + Write,
{
    draw_with(terminal, |f| core.draw(seat, f), shown)
}

/// A frame drawn by `draw` (which returns the URLs it drew), then its hyperlinks.
///
/// Between frames a terminal keeps only the last one: ratatui's `Terminal` holds two
/// buffers (the frame drawn, and the one being drawn), and the second is blank between
/// frames. Here it is given back after each frame and made again for the next, so a waiting
/// screen costs one buffer, not two: at 80 × 24 about 75 KiB less for every window open on
/// `bezwaar serve` (a visitor reading a page draws nothing), for a 75 KiB allocation a frame.
pub fn draw_with<B>(
    terminal: &mut Terminal<B>,
    draw: impl FnOnce(&mut ratatui::Frame) -> Vec<Hyperlink>,
    shown: &mut Vec<Hyperlink>,
) -> io::Result<()>
where
    B: Backend<Error = io::Error> + Write,
{
    let mut links = Vec::new();
    let area = terminal.get_frame().area();
    *terminal.current_buffer_mut() = Buffer::empty(area);
    let drawn = terminal.draw(|f| links = draw(f)).map(drop);
    *terminal.current_buffer_mut() = Buffer::default();
    drawn?;
    if links != *shown {
        links::write_hyperlinks(terminal.backend_mut(), &links)?;
        *shown = links;
    }
    Ok(())
}

/// What new text is drawn with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pen {
    fg: Color,
    bg: Color,
    modifier: Modifier,
}

impl Pen {
    const PLAIN: Pen = Pen {
        fg: Color::Reset,
        bg: Color::Reset,
        modifier: Modifier::empty(),
    };

    fn of(cell: &Cell) -> Pen {
        Pen {
            fg: cell.fg,
            bg: cell.bg,
            modifier: cell.modifier,
        }
    }
}

/// A crossterm backend that remembers the terminal's pen and cursor between frames.
pub struct Lean<W: Write> {
    inner: CrosstermBackend<W>,
    /// The pen the terminal draws with now; `None` when not known (at the start, and after
    /// anything else was written).
    pen: Option<Pen>,
    /// Whether the cursor shows now; `None` when not known.
    cursor_shown: Option<bool>,
}

impl<W: Write> Lean<W> {
    pub fn new(writer: W) -> Lean<W> {
        Lean {
            inner: CrosstermBackend::new(writer),
            pen: None,
            cursor_shown: None,
        }
    }

    /// Sets the terminal's pen to `to`, writing only what differs from the pen it has.
    fn set_pen(&mut self, to: Pen) -> io::Result<()> {
        // Turning an attribute off one by one takes a code per attribute (and bold and dim
        // share one); starting from plain is shorter and always right.
        let from = match self.pen {
            Some(p) if to.modifier.contains(p.modifier) => p,
            _ => {
                queue!(self.inner, SetAttribute(Attribute::Reset))?;
                Pen::PLAIN
            }
        };
        for (modifier, attribute) in ATTRIBUTES {
            if to.modifier.contains(modifier) && !from.modifier.contains(modifier) {
                queue!(self.inner, SetAttribute(attribute))?;
            }
        }
        match (to.fg != from.fg, to.bg != from.bg) {
            (true, true) => queue!(
                self.inner,
                SetColors(Colors::new(to.fg.into_crossterm(), to.bg.into_crossterm()))
            )?,
            (true, false) => queue!(self.inner, SetForegroundColor(to.fg.into_crossterm()))?,
            (false, true) => queue!(self.inner, SetBackgroundColor(to.bg.into_crossterm()))?,
            (false, false) => {}
        }
        self.pen = Some(to);
        Ok(())
    }

    /// Plain text from here on: erasing paints with the pen's background on most terminals.
    fn plain(&mut self) -> io::Result<()> {
        if self.pen != Some(Pen::PLAIN) {
            queue!(self.inner, SetAttribute(Attribute::Reset))?;
            self.pen = Some(Pen::PLAIN);
        }
        Ok(())
    }
}

/// Bytes written past the backend: the pen they leave is not known.
impl<W: Write> Write for Lean<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pen = None;
        self.inner.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        Write::flush(&mut self.inner)
    }
}

impl<W: Write> Backend for Lean<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let mut last: Option<Position> = None;
        for (x, y, cell) in content {
            // Move only when this cell does not follow the last one on the same row.
            if !matches!(last, Some(p) if x == p.x + 1 && y == p.y) {
                queue!(self.inner, MoveTo(x, y))?;
            }
            last = Some(Position { x, y });
            let pen = Pen::of(cell);
            if self.pen != Some(pen) {
                self.set_pen(pen)?;
            }
            queue!(self.inner, Print(cell.symbol()))?;
        }
        Ok(())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.cursor_shown != Some(false) {
            queue!(self.inner, Hide)?;
            self.cursor_shown = Some(false);
        }
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        if self.cursor_shown != Some(true) {
            queue!(self.inner, Show)?;
            self.cursor_shown = Some(true);
        }
        Ok(())
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let Position { x, y } = position.into();
        queue!(self.inner, MoveTo(x, y))
    }

    fn clear(&mut self) -> io::Result<()> {
        self.plain()?;
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.plain()?;
        self.inner.clear_region(clear_type)
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.inner.append_lines(n)
    }

    fn size(&self) -> io::Result<Size> {
        let size = self.inner.size()?;
        let (width, height) = crate::ui::known_size(size.width, size.height);
        Ok(Size { width, height })
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        Write::flush(&mut self.inner)
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::rc::Rc;

    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::Stylize;
    use ratatui::text::Line;
    use ratatui::{Terminal, TerminalOptions, Viewport};

    /// A writer whose bytes the test can take.
    #[derive(Clone, Default)]
    struct Shared(Rc<RefCell<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    /// A terminal of 20x2 through [`Lean`].
    struct Screen {
        terminal: Terminal<Lean<Shared>>,
        out: Shared,
    }

    impl Screen {
        fn new() -> Screen {
            let out = Shared::default();
            let terminal = Terminal::with_options(
                Lean::new(out.clone()),
                TerminalOptions {
                    viewport: Viewport::Fixed(Rect::new(0, 0, 20, 2)),
                },
            )
            .unwrap();
            Screen { terminal, out }
        }

        /// What was written since the last call.
        fn written(&self) -> String {
            String::from_utf8(std::mem::take(&mut *self.out.0.borrow_mut())).unwrap()
        }

        /// Draws `line` on the first row, as the runners draw; returns the bytes that frame
        /// wrote.
        fn frame(&mut self, line: Line<'static>) -> String {
            let draw = |f: &mut ratatui::Frame| {
                f.render_widget(line, f.area());
                Vec::new()
            };
            draw_with(&mut self.terminal, draw, &mut Vec::new()).unwrap();
            self.written()
        }
    }

    #[test]
    fn first_frame_starts_from_plain_and_hides_the_cursor_once() {
        let mut s = Screen::new();
        let first = s.frame(Line::from("ab".red()));
        assert_eq!(first, "\x1b[1;1H\x1b[0m\x1b[38;5;1mab\x1b[?25l");
        // Nothing changed: nothing written, not even the cursor.
        assert_eq!(s.frame(Line::from("ab".red())), "");
    }

    #[test]
    fn between_frames_a_screen_keeps_only_the_last_one() {
        let mut s = Screen::new();
        s.frame(Line::from("ab".red()));
        // The buffer the next frame is drawn into is given back until then.
        assert_eq!(s.terminal.current_buffer_mut().content.len(), 0);
        // And the next frame is still only what changed.
        assert_eq!(s.frame(Line::from("ac".red())), "\x1b[1;2Hc");
        assert_eq!(s.terminal.current_buffer_mut().content.len(), 0);
    }

    #[test]
    fn a_changed_digit_costs_a_move_and_the_digit() {
        let mut s = Screen::new();
        s.frame(Line::from(vec!["in ".into(), "5 seconds".red().bold()]));
        let tick = s.frame(Line::from(vec!["in ".into(), "4 seconds".red().bold()]));
        // The pen is still red and bold from the last frame: no colour codes again.
        assert_eq!(tick, "\x1b[1;4H4");
    }

    #[test]
    fn dropping_an_attribute_starts_again_from_plain() {
        let mut s = Screen::new();
        s.frame(Line::from("x".bold().red()));
        let next = s.frame(Line::from("x".red()));
        assert_eq!(next, "\x1b[1;1H\x1b[0m\x1b[38;5;1mx");
    }

    #[test]
    fn plain_text_after_colour_resets_only_the_colour() {
        let mut s = Screen::new();
        s.frame(Line::from("xy".on_blue()));
        let next = s.frame(Line::from(vec!["x".on_blue(), "z".into()]));
        assert_eq!(next, "\x1b[1;2H\x1b[49mz");
    }

    #[test]
    fn writing_past_the_backend_forgets_the_pen() {
        let mut s = Screen::new();
        s.frame(Line::from("ab".red()));
        s.terminal.backend_mut().write_all(b"\x1b[1m").unwrap();
        s.written();
        let next = s.frame(Line::from("cb".red()));
        assert_eq!(next, "\x1b[1;1H\x1b[0m\x1b[38;5;1mc");
    }

    #[test]
    fn erasing_uses_a_plain_pen() {
        let mut s = Screen::new();
        s.frame(Line::from("ab".on_red()));
        Backend::clear(s.terminal.backend_mut()).unwrap();
        let w = s.written();
        assert!(w.starts_with("\x1b[0m\x1b[2J"), "{w:?}");
    }

    #[test]
    fn the_cursor_shows_when_asked_and_hides_again() {
        let mut s = Screen::new();
        s.frame(Line::from("a"));
        s.terminal.show_cursor().unwrap();
        assert_eq!(s.written(), "\x1b[?25h");
        s.terminal.show_cursor().unwrap();
        assert_eq!(s.written(), "");
        assert_eq!(s.frame(Line::from("a")), "\x1b[?25l");
    }
}
