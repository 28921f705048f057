//! The screen view: one window onto a walkthrough, with its own size, scroll, language,
//! theme and help. It turns keys and clicks into the walk's [`Action`]s (or into changes of
//! its own: scrolling, the help, the language), and draws the walk onto any ratatui frame.
//! Several views can show one walk at once, each at its own size and in its own language.
//!
//! The screen, top to bottom: a header (title and "Stap 3 van 7"), the stepper with the page
//! titles, a rule, the page body, a status line, and the footer with the live keys.

mod dialog;
pub mod help;
pub mod panel;
pub mod seat;
mod sheet;
pub mod sources;
mod status;

use std::borrow::Cow;
use std::cell::RefCell;
use std::sync::Arc;

use crossterm::event::{KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Clear, Padding, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, Wrap,
};
use unicode_width::UnicodeWidthStr;

use crate::keys::{self, Command, KeyContext, Mode};
use crate::layout::{self, Body};
use crate::links::{Hyperlink, OpenFailure, Qr};
use crate::theme::Theme;
use bezwaar_core::deadline::Zone;
use bezwaar_core::progress::Notice;
use bezwaar_core::text::{self, Lang, sanitize};
use bezwaar_core::walk::{Action, Edit, Item, Question, Walk};

/// Below this the walkthrough asks for a larger window.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;
/// Text never runs wider than this, however wide the window: long lines are hard to read.
pub const MAX_TEXT_WIDTH: u16 = 76;

/// Where each part of the screen goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    pub stepper: Rect,
    pub rule: Rect,
    pub body: Rect,
    pub status: Rect,
    pub footer: Rect,
}

/// The widest the screen's column gets: the text, its margin, the scrollbar.
pub const MAX_WIDTH: u16 = MAX_TEXT_WIDTH + 4;

/// The screen's parts for a window of `size` (columns, rows); `None` when it is too small.
/// On a window wider than [`MAX_WIDTH`] everything stays together in a centred column, so the
/// step number, the page and the keys are never far apart.
pub fn areas(size: (u16, u16)) -> Option<Areas> {
    areas_with(size, 1)
}

/// The screen's parts with `status_rows` rows for the status line (1 or 2: a long message
/// wraps rather than being cut).
fn areas_with(size: (u16, u16), status_rows: u16) -> Option<Areas> {
    let (w, h) = size;
    if w < MIN_WIDTH || h < MIN_HEIGHT {
        return None;
    }
    let width = w.min(MAX_WIDTH);
    let full = Rect::new((w - width) / 2, 0, width, h);
    let [header, stepper, rule, body, status, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(status_rows),
        Constraint::Length(1),
    ])
    .areas(full);
    Some(Areas {
        header,
        stepper,
        rule,
        body,
        status,
        footer,
    })
}

/// A window size as a walkthrough can use it: a side of 0 (a terminal that does not say, such
/// as a pty after `stty rows 0 cols 0`, or an SSH client) is the classic 80 x 24.
pub fn known_size(cols: u16, rows: u16) -> (u16, u16) {
    let or = |n: u16, default: u16| if n == 0 { default } else { n };
    (or(cols, 80), or(rows, 24))
}

/// The width body text wraps to in a body area: one column of margin on the left, a gap and
/// a scrollbar on the right, and never wider than [`MAX_TEXT_WIDTH`].
pub fn text_width(body: Rect) -> u16 {
    body.width.saturating_sub(3).min(MAX_TEXT_WIDTH)
}

/// The column the body text starts at: centred on a wide window.
fn text_x(body: Rect) -> u16 {
    let used = text_width(body) + 3;
    body.x + 1 + body.width.saturating_sub(used) / 2
}

/// A sheet over the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sheet {
    /// Every key.
    Help,
    /// Where the facts come from.
    Sources,
}

/// One window onto a walk.
#[derive(Debug, Clone)]
pub struct View {
    size: (u16, u16),
    scroll: usize,
    lang: Lang,
    theme: Theme,
    zone: Zone,
    /// The help or the sources are open, scrolled this far.
    sheet: Option<(Sheet, usize)>,
    /// The page and focus this view last followed, to see what changed.
    seen: Option<(usize, Option<Item>)>,
    /// The QR code of the link in the panel, made once when the panel opens (encoding takes
    /// longer than drawing a whole page); `None` inside when the URL does not fit in one.
    qr: Option<(String, Option<Arc<Qr>>)>,
    /// Looking along, when the runner offers it (over SSH).
    look: Option<seat::Look>,
    /// Rows the status line takes (1, or 2 for a long message), as of the last follow.
    status_rows: u16,
    /// The body last laid out, and what it was laid out from: a key, a click and the frame
    /// after it all read the same layout, and a frame drawn again (a resize elsewhere, a
    /// redraw) costs no wrapping at all.
    laid: RefCell<Option<(Laid, Arc<Body>)>>,
}

/// Everything a body's layout depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Laid {
    revision: u64,
    lang: Lang,
    zone: Zone,
    theme: Theme,
    width: u16,
}

impl View {
    /// A view of `size` (columns, rows) in `lang`.
    pub fn new(lang: Lang, size: (u16, u16)) -> View {
        View {
            size,
            scroll: 0,
            lang,
            theme: Theme::default(),
            zone: Zone::utc(),
            sheet: None,
            seen: None,
            qr: None,
            laid: RefCell::new(None),
            look: None,
            status_rows: 1,
        }
    }

    /// Draws with this theme (`--theme`, NO_COLOR). The runner reads the environment.
    pub fn with_theme(mut self, theme: Theme) -> View {
        self.theme = theme;
        self
    }

    /// Shows times in this zone.
    pub fn with_zone(mut self, zone: Zone) -> View {
        self.zone = zone;
        self
    }

    pub fn size(&self) -> (u16, u16) {
        self.size
    }
    pub fn scroll(&self) -> usize {
        self.scroll
    }
    pub fn lang(&self) -> Lang {
        self.lang
    }
    pub fn theme(&self) -> &Theme {
        &self.theme
    }
    pub fn zone(&self) -> Zone {
        self.zone
    }
    /// The help is open: how far it is scrolled.
    pub fn help_scroll(&self) -> Option<usize> {
        self.sheet
            .filter(|(s, _)| *s == Sheet::Help)
            .map(|(_, n)| n)
    }

    /// What a key can change in this view by itself: when these are the same after a key,
    /// and the walk did not change, there is nothing to follow.
    pub fn marks(&self) -> impl PartialEq + use<> {
        (
            self.size,
            self.scroll,
            self.lang,
            self.sheet,
            self.theme.kind,
            self.look.as_ref().map(|l| l.shown.clone()),
        )
    }

    /// The sheet that is open (the help or the sources), if any.
    pub fn sheet(&self) -> Option<Sheet> {
        self.sheet.map(|(s, _)| s)
    }

    /// Which keymap is live.
    pub fn mode(&self, walk: &Walk) -> Mode {
        if self.sheet.is_some() {
            Mode::Help
        } else if walk.dialog().is_some() {
            Mode::Dialog
        } else if walk.panel().is_some() {
            Mode::Panel
        } else if walk.editing().is_some() {
            Mode::Field
        } else {
            Mode::Page
        }
    }

    /// The current page laid out at this view's width.
    pub fn body(&self, walk: &Walk) -> Arc<Body> {
        let width = self.areas().map_or(self.size.0, |a| text_width(a.body));
        let from = Laid {
            revision: walk.revision(),
            lang: self.lang,
            zone: self.zone,
            theme: self.theme,
            width,
        };
        let mut laid = self.laid.borrow_mut();
        match &*laid {
            Some((was, body)) if *was == from => Arc::clone(body),
            _ => {
                let body = Arc::new(layout::body(
                    walk,
                    layout::Look {
                        lang: self.lang,
                        zone: self.zone,
                        theme: &self.theme,
                        width,
                        copy: true,
                    },
                ));
                *laid = Some((from, Arc::clone(&body)));
                body
            }
        }
    }

    fn height(&self) -> usize {
        self.areas()
            .map_or(1, |a| usize::from(a.body.height.max(1)))
    }

    /// How far a page scrolls in one go: a window less a line, so one line stays in sight.
    fn step(&self) -> usize {
        self.height().saturating_sub(1).max(1)
    }

    /// How far the page can scroll: the body's length past the window.
    pub fn max_scroll(&self, walk: &Walk) -> usize {
        self.max_scroll_of(&self.body(walk))
    }

    fn max_scroll_of(&self, body: &Body) -> usize {
        body.lines.len().saturating_sub(self.height())
    }

    fn scroll_by(&mut self, body: &Body, delta: isize) {
        self.scroll = self
            .scroll
            .saturating_add_signed(delta)
            .min(self.max_scroll_of(body));
    }

    /// Whether the first line of `item` is in sight (what Enter acts on must be seen).
    fn visible(&self, body: &Body, item: Item) -> bool {
        body.rows_of(item)
            .is_some_and(|(top, _)| (self.scroll..self.scroll + self.height()).contains(&top))
    }

    /// Scrolls toward `item` until it shows whole (its top, when it is taller than the
    /// window), but at most a window at a time: text on the way is never skipped unread.
    fn toward(&mut self, body: &Body, item: Item) {
        let Some((top, bottom)) = body.rows_of(item) else {
            return;
        };
        let height = self.height();
        if top < self.scroll {
            self.scroll = top;
        } else if bottom > self.scroll + height {
            let whole = if bottom - top > height {
                top
            } else {
                bottom - height
            };
            self.scroll = whole.min(self.scroll + self.step());
        }
        self.scroll = self.scroll.min(self.max_scroll_of(body));
    }

    /// Whether text lies below the window.
    fn more_below(&self, body: &Body) -> bool {
        self.scroll < self.max_scroll_of(body)
    }

    /// What Enter does on a page now, in words for the footer; `None`: nothing.
    pub fn enter_verb(&self, walk: &Walk, body: &Body) -> Option<&'static str> {
        let lang = self.lang;
        match walk.focus() {
            Some(item) if !self.visible(body, item) => Some(text::enter_more(lang)),
            Some(Item::Link(_)) => Some(text::enter_open(lang)),
            Some(Item::Choose(_) | Item::Reason(_)) => Some(text::enter_choose(lang)),
            Some(Item::Email) => Some(text::enter_next(lang)),
            Some(Item::Copy(_)) => Some(text::enter_copy(lang)),
            // (On "not yet" of a form said sent, Enter asks first.)
            Some(Item::Sent(..)) => Some(text::enter_choose(lang)),
            Some(Item::Back(_)) => Some(text::enter_back(lang)),
            Some(Item::Next | Item::Offer(_)) => Some(text::enter_next(lang)),
            None if self.more_below(body) => Some(text::enter_more(lang)),
            None if walk.next_page().is_some() => Some(text::enter_next(lang)),
            // The end: Enter asks "stop?" (whose Enter goes on).
            None => Some(text::enter_end(lang)),
        }
    }

    /// What the footer needs to know, with the page already laid out.
    pub fn key_context(&self, walk: &Walk, body: &Body) -> KeyContext {
        if self.sheet.is_some() {
            return KeyContext {
                scrollable: self.sheet_max_scroll(walk) > 0,
                ..KeyContext::default()
            };
        }
        let question = walk.dialog().map(|d| d.question);
        KeyContext {
            first: walk.previous_page().is_none(),
            last: walk.next_page().is_none(),
            items: body.items.len(),
            enter: self.enter_verb(walk, body).is_some(),
            copyable: walk.copy_text(self.lang).is_some()
                && !matches!(walk.focus(), Some(Item::Copy(_))),
            scrollable: self.max_scroll_of(body) > 0,
            quitting: question == Some(Question::Quit),
            welcome: question == Some(Question::Welcome),
            desktop: walk.desktop(),
        }
    }

    /// After the walk changed (by this view or another): a new page starts at its top; new
    /// focus is brought into sight (a window at a time); the scroll stays in range; the QR
    /// code of a newly opened panel is made.
    pub fn follow(&mut self, walk: &Walk) {
        let body = self.body(walk);
        let now = (walk.page_index(), walk.focus());
        match self.seen {
            Some((page, _)) if page != now.0 => self.scroll = 0,
            Some((_, focus)) if focus != now.1 => {
                if let Some(item) = now.1 {
                    self.toward(&body, item);
                }
            }
            _ => {}
        }
        self.seen = Some(now);
        self.status_rows = status::rows(self, walk);
        self.scroll = self.scroll.min(self.max_scroll_of(&body));
        if let Some((sheet, n)) = self.sheet {
            self.sheet = Some((sheet, n.min(self.sheet_max_scroll(walk))));
        }
        let url = walk.panel().and_then(|p| walk.link_url(p.page, p.link));
        match (&url, &self.qr) {
            (Some(u), Some((cached, _))) if u == cached => {}
            (Some(u), _) => {
                let qr = Qr::new(u, 0).map(Arc::new);
                self.qr = Some((u.clone(), qr));
            }
            (None, _) => self.qr = None,
        }
    }

    /// The panel's QR code, without a quiet zone.
    pub fn panel_qr(&self) -> Option<&Arc<Qr>> {
        self.qr.as_ref().and_then(|(_, qr)| qr.as_ref())
    }

    /// This window's parts, with the status line as high as its message needs.
    pub fn areas(&self) -> Option<Areas> {
        areas_with(self.size, self.status_rows)
    }

    /// The window is too small to show the walk: it shows how large it must be instead.
    pub fn too_small(&self) -> bool {
        self.areas().is_none()
    }

    pub fn resize(&mut self, w: u16, h: u16) {
        self.size = (w, h);
    }

    /// A key: a change of this view, or actions for the walk.
    pub fn key(&mut self, walk: &Walk, key: KeyEvent) -> Vec<Action> {
        if key.kind == KeyEventKind::Release {
            return vec![];
        }
        let mode = self.mode(walk);
        let Some(command) = keys::command_for(key, mode) else {
            return match mode {
                // Every other key is the field's: text, or an editing key.
                Mode::Field => edit_of(key).map(Action::Edit).into_iter().collect(),
                _ => vec![],
            };
        };
        if command == Command::Interrupt {
            return vec![Action::Interrupt];
        }
        match mode {
            Mode::Help => {
                self.sheet_command(walk, command);
                vec![]
            }
            Mode::Page => self.page_command(walk, command),
            Mode::Field => {
                let body = self.body(walk);
                match command {
                    Command::Activate => vec![Action::Activate],
                    Command::FocusPrev => vec![Action::FocusPrev],
                    Command::PageDown => self.scroll_and(&body, self.step() as isize),
                    Command::PageUp => self.scroll_and(&body, -(self.step() as isize)),
                    Command::Help => self.open_help(),
                    _ => vec![],
                }
            }
            Mode::Panel => match command {
                Command::Activate => vec![Action::Activate],
                Command::Copy => vec![Action::Copy(self.lang)],
                Command::Close => vec![Action::Close],
                Command::Quit => vec![Action::Quit],
                Command::Help => self.open_help(),
                _ => vec![],
            },
            Mode::Dialog => match command {
                Command::Activate => vec![Action::Activate],
                Command::FocusNext => vec![Action::FocusNext],
                Command::Close => vec![Action::Close],
                Command::Quit => vec![Action::Quit],
                Command::StartOver => vec![Action::StartOver],
                Command::Help => self.open_help(),
                _ => vec![],
            },
        }
    }

    fn open_help(&mut self) -> Vec<Action> {
        self.sheet = Some((Sheet::Help, 0));
        vec![]
    }

    fn scroll_and(&mut self, body: &Body, delta: isize) -> Vec<Action> {
        self.scroll_by(body, delta);
        vec![]
    }

    fn page_command(&mut self, walk: &Walk, command: Command) -> Vec<Action> {
        let body = self.body(walk);
        let step = self.step() as isize;
        match command {
            Command::Activate => match walk.focus() {
                // Enter never acts on what the person cannot see: first it shows more.
                Some(item) if !self.visible(&body, item) => {
                    self.toward(&body, item);
                    vec![]
                }
                None if self.more_below(&body) => self.scroll_and(&body, step),
                // A copy goes in this window's language, to this window's clipboard.
                Some(Item::Copy(_)) => vec![Action::Copy(self.lang)],
                _ => vec![Action::Activate],
            },
            Command::Next => vec![Action::Next],
            Command::Back => vec![Action::Back],
            Command::Down | Command::Up => {
                let down = command == Command::Down;
                match self.neighbour(walk, &body, down) {
                    Some(item) => vec![Action::Focus(item)],
                    None => self.scroll_and(&body, if down { 1 } else { -1 }),
                }
            }
            Command::FocusNext => vec![Action::FocusNext],
            Command::FocusPrev => vec![Action::FocusPrev],
            Command::PageDown => self.scroll_and(&body, step),
            Command::PageUp => self.scroll_and(&body, -step),
            Command::First => vec![Action::First],
            Command::Last => vec![Action::Last],
            Command::Jump(n) => vec![Action::GoTo(usize::from(n).saturating_sub(1))],
            Command::ToggleLang => {
                self.lang = bezwaar_core::i18n::next(&walk.script().languages, self.lang);
                vec![]
            }
            Command::Quit => vec![Action::Quit],
            Command::Copy => vec![Action::Copy(self.lang)],
            Command::Close => vec![Action::Close],
            Command::Help => self.open_help(),
            Command::Sources => {
                self.sheet = Some((Sheet::Sources, 0));
                vec![]
            }
            Command::StartOver | Command::Theme | Command::Interrupt => vec![],
        }
    }

    /// The item ↓ (or ↑) moves focus to: the next one, when it is in sight or just beyond
    /// the edge; otherwise the arrow scrolls a line, toward it.
    fn neighbour(&self, walk: &Walk, body: &Body, down: bool) -> Option<Item> {
        let items = &body.items;
        let at = walk
            .focus()
            .and_then(|f| items.iter().position(|(i, _, _)| *i == f));
        let next = match (at, down) {
            (Some(i), true) => i + 1,
            (Some(i), false) => i.checked_sub(1)?,
            (None, true) => 0,
            (None, false) => items.len().checked_sub(1)?,
        };
        let &(item, top, bottom) = items.get(next)?;
        let height = self.height();
        let near = if down {
            top <= self.scroll + height
        } else {
            bottom >= self.scroll
        };
        near.then_some(item)
    }

    fn sheet_command(&mut self, walk: &Walk, command: Command) {
        let page = (self.sheet_height(walk) as isize - 1).max(1);
        match command {
            Command::Close => self.sheet = None,
            Command::Up => self.sheet_scroll_by(walk, -1),
            Command::Down => self.sheet_scroll_by(walk, 1),
            Command::PageUp => self.sheet_scroll_by(walk, -page),
            Command::PageDown => self.sheet_scroll_by(walk, page),
            Command::Theme => self.theme = self.theme.next(),
            _ => {}
        }
    }

    fn sheet_scroll_by(&mut self, walk: &Walk, delta: isize) {
        if let Some((sheet, n)) = self.sheet {
            let n = n
                .saturating_add_signed(delta)
                .min(self.sheet_max_scroll(walk));
            self.sheet = Some((sheet, n));
        }
    }

    /// The open sheet's lines, at the width it has in this view.
    fn sheet_lines(&self, walk: &Walk) -> Vec<Line<'static>> {
        let (Some((sheet, _)), Some(width)) = (self.sheet, sheet::text_width(self)) else {
            return vec![];
        };
        match sheet {
            // A message the status line had to cut stands whole at the top of the help.
            Sheet::Help => match status::cut(self, walk) {
                Some((message, style)) => {
                    let mut lines: Vec<Line<'static>> =
                        textwrap::wrap(&message, usize::from(width.max(8)))
                            .into_iter()
                            .map(|l| Line::styled(l.into_owned(), style))
                            .collect();
                    lines.push(Line::default());
                    lines.extend(help::lines(self, width));
                    lines
                }
                None => help::lines(self, width),
            },
            Sheet::Sources => sources::lines(self, walk, width),
        }
    }

    /// How many rows of the sheet show at once.
    fn sheet_height(&self, walk: &Walk) -> usize {
        let n = self.sheet_lines(walk).len();
        sheet::inner(self, n).map_or(1, |r| usize::from(r.height.max(1)))
    }

    /// How far the open sheet can scroll: its length past its box.
    pub fn sheet_max_scroll(&self, walk: &Walk) -> usize {
        let n = self.sheet_lines(walk).len();
        let Some(inner) = sheet::inner(self, n) else {
            return 0;
        };
        n.saturating_sub(usize::from(inner.height))
    }

    /// A click or the wheel, hit-tested against what this view draws.
    pub fn mouse(&mut self, walk: &Walk, mouse: MouseEvent) -> Vec<Action> {
        let Some(areas) = self.areas() else {
            return vec![];
        };
        if self.look_box().is_some() {
            return vec![];
        }
        if self.sheet.is_some() {
            match mouse.kind {
                MouseEventKind::ScrollDown => self.sheet_scroll_by(walk, 3),
                MouseEventKind::ScrollUp => self.sheet_scroll_by(walk, -3),
                _ => {}
            }
            return vec![];
        }
        if walk.panel().is_some() || walk.dialog().is_some() {
            return vec![];
        }
        let body = self.body(walk);
        match mouse.kind {
            MouseEventKind::ScrollDown => self.scroll_by(&body, 3),
            MouseEventKind::ScrollUp => self.scroll_by(&body, -3),
            MouseEventKind::Down(MouseButton::Left) => {
                let (x, y) = (mouse.column, mouse.row);
                if y == areas.stepper.y {
                    let hit = stepper_items(walk, self.lang, areas.stepper.width)
                        .into_iter()
                        .find(|it| {
                            (it.x..it.x + it.width).contains(&x.saturating_sub(areas.stepper.x))
                        });
                    if let Some(item) = hit {
                        return vec![Action::GoTo(item.page)];
                    }
                } else if areas.body.contains((x, y).into()) {
                    let line = self.scroll + usize::from(y - areas.body.y);
                    match body.item_at(line) {
                        Some(item @ Item::Copy(_)) => {
                            return vec![Action::Focus(item), Action::Copy(self.lang)];
                        }
                        Some(item) => return vec![Action::Pick(item)],
                        None => {}
                    }
                }
            }
            _ => {}
        }
        vec![]
    }

    /// Draws the screen, and returns every URL on it where it is drawn, to be written again
    /// as OSC 8 hyperlinks by the runner.
    pub fn draw(&self, walk: &Walk, frame: &mut Frame) -> Vec<Hyperlink> {
        let area = frame.area();
        let Some(a) = areas_with((area.width, area.height), self.status_rows) else {
            draw_too_small(self, frame);
            return vec![];
        };
        draw_header(self, walk, frame, a.header);
        draw_stepper(self, walk, frame, a.stepper);
        frame.render_widget(
            Line::styled("─".repeat(usize::from(a.rule.width)), self.theme.quiet),
            a.rule,
        );
        // The body is laid out once a frame: the footer's keys depend on it too.
        let body = self.body(walk);
        let keys = self.key_context(walk, &body);
        let enter = self.enter_verb(walk, &body);
        let links = self.links_on(walk, a, &body);
        let cursor = body.cursor;
        let more_below = self.draw_body(frame, a.body, &body);
        let look_box = seat::box_words(self);
        let covered = walk.panel().is_some()
            || walk.dialog().is_some()
            || self.sheet.is_some()
            || look_box.is_some();
        status::draw(self, walk, frame, a.status, more_below && !covered);
        if let Some(p) = walk.panel() {
            panel::draw(self, walk, p, frame, panel_area(a));
        }
        if let Some(d) = walk.dialog() {
            dialog::draw(self, walk, d, frame, a.body);
        }
        if let Some((sheet, scroll)) = self.sheet {
            let title = match sheet {
                Sheet::Help => text::help_title(self.lang),
                Sheet::Sources => text::sources_title(self.lang),
            };
            sheet::draw(self, frame, title, self.sheet_lines(walk), scroll);
        }
        match &look_box {
            Some(words) => {
                seat::draw_box(self, words, frame, a.body);
                let keys = words
                    .keys
                    .iter()
                    .map(|(k, h)| (k.as_str(), Cow::Borrowed(h.as_str()), 0));
                footer_line(self, frame, a.footer, keys.collect());
            }
            None => draw_footer(self, walk, frame, a.footer, &keys, enter),
        }
        // The terminal's own cursor blinks where the person types.
        if let Some((line, col)) = cursor.filter(|_| walk.editing().is_some() && !covered) {
            let height = usize::from(a.body.height);
            if (self.scroll..self.scroll + height).contains(&line) {
                frame.set_cursor_position((
                    text_x(a.body) + col,
                    a.body.y + (line - self.scroll) as u16,
                ));
            }
        }
        links
    }

    /// The URLs on a screen laid out as `a`, with the page's `body`.
    fn links_on(&self, walk: &Walk, a: Areas, body: &Body) -> Vec<Hyperlink> {
        // A box over the page hides its URLs: none may be drawn again on top of the box. The
        // sources sheet has addresses of its own.
        if walk.dialog().is_some() || self.look_box().is_some() {
            return vec![];
        }
        match self.sheet {
            Some((Sheet::Sources, _)) => return sources::hyperlinks(self, walk),
            Some(_) => return vec![],
            None => {}
        }
        if let Some(p) = walk.panel() {
            let url = walk.link_url(p.page, p.link).unwrap_or_default();
            return panel::layout(self, walk, panel_area(a))
                .url
                .into_iter()
                .map(|(r, text)| Hyperlink {
                    x: r.x,
                    y: r.y,
                    text,
                    url: url.clone(),
                    style: self.theme.url,
                })
                .collect();
        }
        let height = usize::from(a.body.height);
        let scroll = self.scroll.min(body.lines.len().saturating_sub(height));
        body.urls
            .iter()
            .filter(|u| (scroll..scroll + height).contains(&u.line))
            .map(|u| Hyperlink {
                x: text_x(a.body) + u.column,
                y: a.body.y + (u.line - scroll) as u16,
                text: u.text.clone(),
                url: u.url.clone(),
                style: self.theme.url,
            })
            .collect()
    }

    /// Every URL on screen now, where it is drawn.
    pub fn hyperlinks(&self, walk: &Walk) -> Vec<Hyperlink> {
        match self.areas() {
            Some(a) => self.links_on(walk, a, &self.body(walk)),
            None => vec![],
        }
    }

    /// Draws the visible part of the body; returns whether more lies below.
    fn draw_body(&self, frame: &mut Frame, area: Rect, body: &Body) -> bool {
        let total = body.lines.len();
        let height = usize::from(area.height);
        let scroll = self.scroll.min(total.saturating_sub(height));
        let text_area = Rect::new(text_x(area), area.y, text_width(area), area.height);
        render_lines(frame, body.lines.iter().skip(scroll), text_area);
        let bar = Rect::new(text_area.right() + 1, area.y, 1, area.height);
        draw_scrollbar(frame, bar, total, scroll);
        scroll + height < total
    }
}

/// The link panel covers everything but the footer.
fn panel_area(a: Areas) -> Rect {
    Rect::new(a.footer.x, 0, a.footer.width, a.footer.y)
}

fn draw_too_small(view: &View, frame: &mut Frame) {
    let area = frame.area();
    let full = text::too_small(view.lang, area.width, area.height, MIN_WIDTH, MIN_HEIGHT);
    let lines_of = |m: &str| textwrap::wrap(m, usize::from(area.width.max(1))).len() as u16;
    // In a tiny window the short form is the one that fits.
    let msg = if lines_of(&full) <= area.height {
        full
    } else {
        text::too_small_short(view.lang).to_owned()
    };
    let lines = lines_of(&msg);
    let y = area.height.saturating_sub(lines) / 2;
    let target = Rect::new(area.x, area.y + y, area.width, area.height - y);
    frame.render_widget(
        Paragraph::new(msg)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true })
            .style(view.theme.strong),
        target,
    );
}

fn draw_header(view: &View, walk: &Walk, frame: &mut Frame, area: Rect) {
    let lang = view.lang;
    let step = text::step_of(lang, walk.page_index() + 1, walk.script().pages.len());
    let title = sanitize(walk.script().title.get(lang));
    let room = usize::from(area.width).saturating_sub(step.width() + 3);
    let title = truncate(&title, room);
    ends(
        frame,
        area,
        Span::styled(title, view.theme.strong),
        Span::raw(step),
    );
}

/// A row with `left` at its left end and `right` at its right end, a column of margin at
/// each. The gap between stays blank, with no spaces to lay out and compare.
fn ends(frame: &mut Frame, area: Rect, left: Span<'_>, right: Span<'_>) {
    let inner = Rect {
        x: area.x + 1,
        width: area.width.saturating_sub(2),
        ..area
    };
    frame.render_widget(Line::from(right).alignment(Alignment::Right), inner);
    frame.render_widget(Line::from(left), inner);
}

/// One page in the stepper: where it is drawn (relative to the stepper row) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepItem {
    pub x: u16,
    pub width: u16,
    pub page: usize,
    pub text: String,
    pub current: bool,
}

/// The stepper's items at `width`, one space apart, the current one with a space of padding
/// each side (it is drawn reversed). It tries, in turn: every page with its title; only the
/// current page with its title and the others as numbers; numbers alone.
pub fn stepper_items(walk: &Walk, lang: Lang, width: u16) -> Vec<StepItem> {
    let pages = &walk.script().pages;
    let current = walk.page_index();
    let full = |i: usize| format!("{} {}", i + 1, sanitize(pages[i].title.get(lang)));
    let number = |i: usize| format!("{}", i + 1);
    let layouts: [&dyn Fn(usize) -> String; 3] = [
        &full,
        &|i| if i == current { full(i) } else { number(i) },
        &number,
    ];
    let mut items = Vec::new();
    for label in layouts {
        items.clear();
        let mut x = 0u16;
        for i in 0..pages.len() {
            let text = if i == current {
                format!(" {} ", label(i))
            } else {
                label(i)
            };
            let w = text.width() as u16;
            items.push(StepItem {
                x,
                width: w,
                page: i,
                text,
                current: i == current,
            });
            x = x.saturating_add(w + 1);
        }
        if x.saturating_sub(1) <= width {
            break;
        }
    }
    items
}

fn draw_stepper(view: &View, walk: &Walk, frame: &mut Frame, area: Rect) {
    let theme = &view.theme;
    let mut spans = vec![];
    for item in stepper_items(walk, view.lang, area.width) {
        if !spans.is_empty() {
            spans.push(Span::raw(" "));
        }
        // A step this walk leaves out (5 and 6 for someone who uses neither) is struck through.
        let style = if item.current {
            theme.current_step
        } else if !walk.reachable(item.page) {
            theme
                .quiet
                .add_modifier(ratatui::style::Modifier::CROSSED_OUT)
        } else if item.page > walk.page_index() {
            theme.quiet
        } else {
            theme.done_step
        };
        spans.push(Span::styled(item.text, style));
    }
    frame.render_widget(Line::from(spans), area);
}

/// A scrollbar in the column `bar` for `total` lines seen from line `scroll`, when they do
/// not all fit in its height.
pub(crate) fn draw_scrollbar(frame: &mut Frame, bar: Rect, total: usize, scroll: usize) {
    let height = usize::from(bar.height);
    if total <= height {
        return;
    }
    let mut state = ScrollbarState::new(total - height).position(scroll);
    frame.render_stateful_widget(
        Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .track_symbol(Some("│"))
            .thumb_symbol("█"),
        bar,
        &mut state,
    );
}

/// Plain words for a notice about saved progress.
pub fn notice_words(lang: Lang, notice: &Notice) -> String {
    match notice {
        Notice::SetAside { to, .. } => text::set_aside(
            lang,
            &sanitize(
                &to.file_name()
                    .map_or(String::new(), |n| n.to_string_lossy().into_owned()),
            ),
        ),
        Notice::CannotSave(_) => text::cannot_save(lang).to_owned(),
    }
}

/// Plain words for why a link did not open.
pub fn failure_words(lang: Lang, failure: &OpenFailure) -> &'static str {
    match failure {
        OpenFailure::NoOpener => text::no_opener(lang),
        OpenFailure::TerminalBrowser => text::terminal_browser(lang),
        OpenFailure::Failed => text::opener_failed(lang),
        OpenFailure::NoDesktop => text::no_desktop(lang),
        OpenFailure::DesktopFailed => text::desktop_failed(lang),
        OpenFailure::NoAnswer => text::no_answer(lang),
    }
}

/// The footer: the keys that work now, from the keymap. When the window is narrow, hints
/// that do not fit drop, the last ones first (a shorter one after a long one that did not
/// fit still shows), but the help and the last one ("q stoppen") always stay.
fn draw_footer(
    view: &View,
    walk: &Walk,
    frame: &mut Frame,
    area: Rect,
    cx: &KeyContext,
    enter: Option<&'static str>,
) {
    let lang = view.lang;
    let mode = view.mode(walk);
    let hints: Vec<_> = keys::hints(mode, cx).collect();
    let hint = |b: &keys::Binding| -> &'static str {
        match (mode, b.command) {
            // Enter's word follows what it does: open, choose, tick, read more, go on.
            (Mode::Page, Command::Activate) => enter.unwrap_or(b.hint(lang)),
            // L names the language it switches to, in that language.
            (_, Command::ToggleLang) => {
                let next = bezwaar_core::i18n::next(&walk.script().languages, lang);
                bezwaar_core::i18n::language_name(next)
            }
            // Esc takes the safe answer: say which.
            (Mode::Dialog, Command::Close) => walk
                .dialog()
                .map_or(b.hint(lang), |d| dialog::answers(lang, walk, d)[0]),
            _ => b.hint(lang),
        }
    };
    // Enter's hint and the way out (q, or Esc) never drop; then the help, with which every
    // other key can be found; then L (the next language) and, over SSH, the person's invite
    // key on the first page ("m meekijken", drawn just before the help); the rest as they fit.
    let invite = seat::footer_hint(view, walk);
    let out = keys::way_out(mode);
    let mut items: Vec<(&str, Cow<'static, str>, u8)> = Vec::with_capacity(hints.len() + 1);
    for b in &hints {
        if b.command == Command::Help
            && let Some((label, words)) = &invite
        {
            items.push((label, Cow::Owned(words.clone()), 2));
        }
        let rank = match b.command {
            Command::Activate => 0,
            c if c == out => 0,
            Command::Help => 1,
            // The language: someone who cannot read this one needs it most.
            Command::ToggleLang => 2,
            _ => 3,
        };
        items.push((b.label, Cow::Borrowed(hint(b)), rank));
    }
    footer_line(view, frame, area, items);
}

/// Draws footer hints (key, what it does, its rank: rank 0 always stays, then ranks 1, 2, …
/// as long as they fit). In a rank, a hint that does not fit drops and a shorter one after it
/// may still show; those shown are drawn in the keymap's order.
fn footer_line<'a>(
    view: &View,
    frame: &mut Frame,
    area: Rect,
    items: Vec<(&'a str, Cow<'a, str>, u8)>,
) {
    let width = |label: &str, hint: &str| label.width() + 1 + hint.width() + 2;
    let mut room = usize::from(area.width).saturating_sub(1);
    let mut shown = vec![false; items.len()];
    for rank in 0..=3 {
        for (i, (label, hint, r)) in items.iter().enumerate() {
            let w = width(label, hint);
            if *r == rank && (rank == 0 || w <= room) {
                room = room.saturating_sub(w);
                shown[i] = true;
            }
        }
    }
    let key_style = view.theme.key;
    let mut spans = vec![Span::raw(" ")];
    for ((label, hint, _), shown) in items.into_iter().zip(shown) {
        if shown {
            spans.push(Span::styled(label, key_style));
            spans.push(Span::raw(format!(" {hint}  ")));
        }
    }
    frame.render_widget(Line::from(spans), area);
}

/// Clears `body` and draws a bordered box `width` columns wide in its middle, tall enough for
/// `lines` lines as far as `body` allows; returns the area inside the border and padding.
pub(crate) fn overlay_box(
    frame: &mut Frame,
    body: Rect,
    width: u16,
    lines: usize,
    style: Style,
) -> Rect {
    frame.render_widget(Clear, body);
    let height = u16::try_from(lines + 2)
        .unwrap_or(u16::MAX)
        .min(body.height);
    let area = Rect::new(
        body.x + (body.width - width) / 2,
        body.y + body.height.saturating_sub(height) / 2,
        width,
        height,
    );
    let block = Block::bordered()
        .padding(Padding::horizontal(1))
        .style(style);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}

/// Draws `lines` one to a row from the top of `area`, as many as fit, each cut at its right
/// edge. What `Paragraph` does without wrapping, for a third of the time: lines are laid out
/// already, and a frame should cost little on a busy server.
pub(crate) fn render_lines<'a, 'b: 'a>(
    frame: &mut Frame,
    lines: impl IntoIterator<Item = &'a Line<'b>>,
    area: Rect,
) {
    for (y, line) in (area.y..area.bottom()).zip(lines) {
        frame.render_widget(line, Rect::new(area.x, y, area.width, 1));
    }
}

/// Cuts `s` to `width` columns, with an ellipsis when it had to cut.
fn truncate(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_owned();
    }
    let mut out = String::new();
    for c in s.chars() {
        if out.width() + c.to_string().width() + 1 > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// What a key does in a field: a character typed (with Shift or none: never a key with Ctrl
/// or Alt), or the cursor moved; `None` for any other key.
fn edit_of(key: KeyEvent) -> Option<Edit> {
    use crossterm::event::{KeyCode, KeyModifiers};
    let plain = key.modifiers - KeyModifiers::SHIFT == KeyModifiers::NONE;
    Some(match key.code {
        KeyCode::Char(c) if plain => Edit::Insert(c),
        KeyCode::Backspace => Edit::Backspace,
        KeyCode::Delete => Edit::Delete,
        KeyCode::Left => Edit::Left,
        KeyCode::Right => Edit::Right,
        KeyCode::Home => Edit::Home,
        KeyCode::End => Edit::End,
        _ => return None,
    })
}
