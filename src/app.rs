//! The walkthrough's state and its whole behaviour.
//!
//! [`App::update`] is pure: it takes an [`Event`] (a key, a click, a resize, the time) and
//! returns the side effects the runner must carry out as [`Effect`] values. No terminal, no
//! clock, no files, no processes in here, so the local terminal, an SSH session and a test
//! can all drive the same App.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use crossterm::event::{KeyEvent, MouseButton, MouseEvent, MouseEventKind};

use crate::deadline::Countdown;
use crate::keys::{self, Command, KeyContext, Mode};
use crate::links::Target;
use crate::script::{Block, LinkRef, Page, Script};
use crate::text::Lang;
use crate::ui;

/// Something that happened, from outside the App.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Key(KeyEvent),
    Mouse(MouseEvent),
    /// The window has a new size (columns, rows).
    Resize(u16, u16),
    /// The time is now this. Sent before drawing, and once a second while a countdown shows.
    Tick(DateTime<Utc>),
    /// The runner could not open a link; the reason, in a few words.
    OpenFailed(String),
}

/// A side effect for the runner to carry out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Open this URL in a browser on this machine.
    OpenLink(String),
    /// Put this text on the person's clipboard (OSC 52).
    Copy(String),
    /// Leave the walkthrough.
    Quit,
}

/// The link panel: one link shown in full, with a QR code and a copy key, for when no
/// browser can open on this machine (SSH, no desktop) or the browser failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Panel {
    /// The page and the link on it (in page order).
    pub page: usize,
    pub link: usize,
    /// Why the browser did not open, when it was tried.
    pub reason: Option<String>,
    /// The link was copied to the clipboard.
    pub copied: bool,
}

/// A one-line message under the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Opening,
    OpenFailed(String),
}

#[derive(Debug, Clone)]
pub struct App {
    script: Arc<Script>,
    lang: Lang,
    page: usize,
    /// The focused link on this page, counted in page order.
    focus: Option<usize>,
    scroll: usize,
    size: (u16, u16),
    now: DateTime<Utc>,
    status: Option<Status>,
    quit: bool,
    target: Target,
    panel: Option<Panel>,
    /// The link last sent to the browser, to show in the panel if that fails.
    opened: Option<(usize, usize)>,
}

impl App {
    /// A walkthrough at its first page. `size` is the window (columns, rows).
    pub fn new(script: Arc<Script>, lang: Lang, now: DateTime<Utc>, size: (u16, u16)) -> App {
        let mut app = App {
            script,
            lang,
            page: 0,
            focus: None,
            scroll: 0,
            size,
            now,
            status: None,
            quit: false,
            target: Target::Show,
            panel: None,
            opened: None,
        };
        app.go_to(0);
        app
    }

    /// Where links go on Enter. A new App shows them in the link panel and never asks
    /// for a browser: the local runner opts in when a browser can open.
    pub fn with_link_target(mut self, target: Target) -> App {
        self.target = target;
        self
    }

    pub fn link_target(&self) -> Target {
        self.target
    }

    /// The link panel, when it is open.
    pub fn panel(&self) -> Option<&Panel> {
        self.panel.as_ref()
    }

    /// Which keymap is live.
    pub fn mode(&self) -> Mode {
        if self.panel.is_some() {
            Mode::Panel
        } else {
            Mode::Page
        }
    }

    pub fn script(&self) -> &Script {
        &self.script
    }
    pub fn lang(&self) -> Lang {
        self.lang
    }
    /// The current page, counted from 0.
    pub fn page_index(&self) -> usize {
        self.page
    }
    pub fn page(&self) -> &Page {
        &self.script.pages[self.page]
    }
    pub fn focus(&self) -> Option<usize> {
        self.focus
    }
    pub fn scroll(&self) -> usize {
        self.scroll
    }
    pub fn size(&self) -> (u16, u16) {
        self.size
    }
    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }
    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }
    pub fn should_quit(&self) -> bool {
        self.quit
    }
    pub fn countdown(&self) -> Countdown {
        Countdown::at(self.now, self.script.deadline)
    }

    /// Whether the screen changes with the clock: a countdown is on the page.
    pub fn wants_tick(&self) -> bool {
        self.page()
            .body
            .iter()
            .any(|b| matches!(b, Block::Countdown))
    }

    /// The links of the current page, in order.
    pub fn links(&self) -> Vec<LinkRef<'_>> {
        self.page().links().collect()
    }

    /// What the footer needs to know.
    pub fn key_context(&self) -> KeyContext {
        KeyContext {
            first: self.page == 0,
            last: self.page + 1 == self.script.pages.len(),
            links: self.links().len(),
            link_focused: self.focus.is_some(),
            panel: self.panel.is_some(),
            scrollable: self.max_scroll() > 0,
        }
    }

    pub fn update(&mut self, event: Event) -> Vec<Effect> {
        match event {
            Event::Key(key) => match keys::command_for(key, self.mode()) {
                Some(command) => self.command(command),
                None => vec![],
            },
            Event::Mouse(mouse) => self.mouse(mouse),
            Event::Resize(w, h) => {
                self.size = (w, h);
                self.scroll = self.scroll.min(self.max_scroll());
                vec![]
            }
            Event::Tick(now) => {
                self.now = now;
                vec![]
            }
            Event::OpenFailed(reason) => {
                // The browser did not come: show the link here instead, with the reason.
                match self.opened.take() {
                    Some((page, link)) if page == self.page && self.panel.is_none() => {
                        self.status = None;
                        self.panel = Some(Panel {
                            page,
                            link,
                            reason: Some(reason),
                            copied: false,
                        });
                    }
                    _ => self.status = Some(Status::OpenFailed(reason)),
                }
                vec![]
            }
        }
    }

    fn command(&mut self, command: Command) -> Vec<Effect> {
        if let Some(panel) = &mut self.panel {
            return match command {
                Command::Copy => {
                    panel.copied = true;
                    let url = self.script.pages[panel.page]
                        .links()
                        .nth(panel.link)
                        .map(|l| l.url.to_owned());
                    url.map(Effect::Copy).into_iter().collect()
                }
                Command::Close => {
                    self.panel = None;
                    vec![]
                }
                Command::Interrupt => self.command_quit(),
                _ => vec![],
            };
        }
        let last = self.script.pages.len() - 1;
        match command {
            Command::Activate => return self.activate(),
            Command::Next if self.page < last => self.go_to(self.page + 1),
            Command::Back if self.page > 0 => self.go_to(self.page - 1),
            Command::Next | Command::Back => {}
            Command::Up => self.step_focus(-1, true),
            Command::Down => self.step_focus(1, true),
            Command::FocusPrev => self.step_focus(-1, false),
            Command::FocusNext => self.step_focus(1, false),
            Command::PageUp => self.scroll_by(-(self.body_height() as isize - 1).max(1)),
            Command::PageDown => self.scroll_by((self.body_height() as isize - 1).max(1)),
            Command::First => self.go_to(0),
            Command::Last => self.go_to(last),
            Command::Jump(n) => {
                let n = usize::from(n);
                if (1..=last + 1).contains(&n) {
                    self.go_to(n - 1);
                }
            }
            Command::ToggleLang => {
                self.lang = self.lang.other();
                self.scroll = self.scroll.min(self.max_scroll());
            }
            Command::Quit | Command::Interrupt => return self.command_quit(),
            Command::Copy | Command::Close => {}
        }
        vec![]
    }

    fn command_quit(&mut self) -> Vec<Effect> {
        self.quit = true;
        vec![Effect::Quit]
    }

    /// Enter: open the focused link, or go on when nothing has focus. A focused link that is
    /// scrolled out of sight is first brought into view, so Enter never opens what the person
    /// cannot see.
    fn activate(&mut self) -> Vec<Effect> {
        let Some(i) = self.focus else {
            return self.command(Command::Next);
        };
        let body = self.body();
        let (top, bottom) = body.links[i];
        let height = self.body_height();
        if top < self.scroll || bottom > self.scroll + height {
            self.reveal(i);
            return vec![];
        }
        self.open(i)
    }

    /// Sends link `i` where links go: the browser, or the link panel.
    fn open(&mut self, i: usize) -> Vec<Effect> {
        let Some(url) = self.links().get(i).map(|l| l.url.to_owned()) else {
            return vec![];
        };
        match self.target {
            Target::Browser => {
                self.status = Some(Status::Opening);
                self.opened = Some((self.page, i));
                vec![Effect::OpenLink(url)]
            }
            Target::Show => {
                self.status = None;
                self.panel = Some(Panel {
                    page: self.page,
                    link: i,
                    reason: None,
                    copied: false,
                });
                vec![]
            }
        }
    }

    fn go_to(&mut self, page: usize) {
        self.page = page;
        self.scroll = 0;
        self.status = None;
        self.focus = if self.links().is_empty() {
            None
        } else {
            Some(0)
        };
    }

    /// Moves focus to the next or previous link. `scroll_at_ends`: arrow keys scroll the page
    /// when there is no link further that way (and always on a page without links).
    fn step_focus(&mut self, delta: isize, scroll_at_ends: bool) {
        let n = self.links().len();
        let next = match self.focus {
            _ if n == 0 => None,
            None => Some(if delta > 0 { 0 } else { n - 1 }),
            Some(i) => {
                let j = i as isize + delta;
                if (0..n as isize).contains(&j) {
                    Some(j as usize)
                } else if scroll_at_ends {
                    None
                } else {
                    Some(j.rem_euclid(n as isize) as usize)
                }
            }
        };
        match next {
            Some(j) => {
                self.focus = Some(j);
                self.reveal(j);
            }
            None if scroll_at_ends => self.scroll_by(delta),
            None => {}
        }
    }

    /// Scrolls just enough to show link `i` whole.
    fn reveal(&mut self, i: usize) {
        let body = self.body();
        let (top, bottom) = body.links[i];
        let height = self.body_height();
        if top < self.scroll {
            self.scroll = top;
        } else if bottom > self.scroll + height {
            self.scroll = bottom.saturating_sub(height).min(top);
        }
    }

    fn scroll_by(&mut self, delta: isize) {
        let s = (self.scroll as isize + delta).max(0) as usize;
        self.scroll = s.min(self.max_scroll());
    }

    fn mouse(&mut self, mouse: MouseEvent) -> Vec<Effect> {
        let Some(areas) = ui::areas(self.size) else {
            return vec![];
        };
        if self.panel.is_some() {
            return vec![];
        }
        match mouse.kind {
            MouseEventKind::ScrollDown => self.scroll_by(3),
            MouseEventKind::ScrollUp => self.scroll_by(-3),
            MouseEventKind::Down(MouseButton::Left) => {
                let (x, y) = (mouse.column, mouse.row);
                if y == areas.stepper.y {
                    let hit = ui::stepper_items(self, areas.stepper.width)
                        .into_iter()
                        .find(|it| {
                            (it.x..it.x + it.width).contains(&x.saturating_sub(areas.stepper.x))
                        });
                    if let Some(item) = hit {
                        self.go_to(item.page);
                    }
                } else if areas.body.contains((x, y).into()) {
                    let line = self.scroll + usize::from(y - areas.body.y);
                    let hit = self
                        .body()
                        .links
                        .iter()
                        .position(|&(top, bottom)| (top..bottom).contains(&line));
                    if let Some(i) = hit {
                        self.focus = Some(i);
                        return self.open(i);
                    }
                }
            }
            _ => {}
        }
        vec![]
    }

    /// The laid-out page body at the current window width.
    pub fn body(&self) -> ui::Body {
        let width = ui::areas(self.size).map_or(self.size.0, |a| ui::text_width(a.body));
        ui::body(self, width)
    }

    fn body_height(&self) -> usize {
        ui::areas(self.size).map_or(1, |a| usize::from(a.body.height.max(1)))
    }

    /// How far the page can scroll: the body's length past the window.
    pub fn max_scroll(&self) -> usize {
        self.body().lines.len().saturating_sub(self.body_height())
    }
}
