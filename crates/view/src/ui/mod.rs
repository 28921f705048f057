//! The screen view: one window onto a walkthrough, with its own size, scroll, language,
//! theme and help. It turns keys and clicks into the walk's [`Action`]s (or into changes of
//! its own: scrolling, the help, the language), and draws the walk onto any ratatui frame.
//! Several views can show one walk at once, each at its own size and in its own language.
//!
//! [`Action`]: bezwaar_core::walk::Action
//!
//! The screen, top to bottom: a header (title and "Stap 3 van 7"), the stepper with the page
//! titles, a rule, the page body, a status line, and the footer with the live keys.
//!
//! Here: the view itself (its state, its scroll, the body it laid out, what Enter does and
//! what the footer needs to know, following the walk). `ui/areas.rs` is where each part
//! goes, `ui/input.rs` the keys and clicks, `ui/draw.rs` the drawing, `ui/header.rs` and
//! `ui/footer.rs` the top and bottom rows, `ui/words.rs` the words for what went wrong.

mod areas;
mod dialog;
mod draw;
mod footer;
mod header;
pub mod help;
mod input;
pub mod panel;
pub mod seat;
mod sheet;
pub mod sources;
mod status;
mod words;

use std::cell::RefCell;
use std::sync::Arc;

use ratatui::text::Line;

use crate::keys::{KeyContext, Mode};
use crate::layout::{self, Body};
use crate::links::Qr;
use crate::theme::Theme;
use bezwaar_core::deadline::Zone;
use bezwaar_core::text::{self, Lang};
use bezwaar_core::walk::{Item, Question, Walk};

pub use areas::{
    Areas, MAX_TEXT_WIDTH, MAX_WIDTH, MIN_HEIGHT, MIN_WIDTH, areas, known_size, text_width,
};
pub(crate) use draw::{draw_scrollbar, overlay_box, render_lines};
pub use header::{StepItem, stepper_items};
pub use words::{failure_words, notice_words};

use areas::areas_with;
use draw::truncate;

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
                    layout::Settings {
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
            Some(Item::Answer(..)) => Some(text::enter_choose(lang)),
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
        // The page is laid out here only when scrolling needs it (the draw lays it out
        // anyway, once): a start, or a key on a page seen from its top, costs no layout.
        let now = (walk.page_index(), walk.focus());
        match self.seen {
            Some((page, _)) if page != now.0 => self.scroll = 0,
            Some((_, focus)) if focus != now.1 => {
                if let Some(item) = now.1 {
                    let body = self.body(walk);
                    self.toward(&body, item);
                }
            }
            _ => {}
        }
        self.seen = Some(now);
        self.status_rows = status::rows(self, walk);
        if self.scroll > 0 {
            // A page that became shorter (another language, a wider window) keeps its end
            // in sight.
            let body = self.body(walk);
            self.scroll = self.scroll.min(self.max_scroll_of(&body));
        }
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
}
