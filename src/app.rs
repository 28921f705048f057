//! The walkthrough's state and its whole behaviour.
//!
//! [`App::update`] is pure: it takes an [`Event`] (a key, a click, a resize, the time) and
//! returns the side effects the runner must carry out as [`Effect`] values. No terminal, no
//! clock, no files, no processes in here, so the local terminal, an SSH session and a test
//! can all drive the same App.

use std::sync::Arc;

use chrono::{DateTime, FixedOffset, Utc};
use crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui_textarea::TextArea;

use crate::deadline::Countdown;
use crate::keys::{self, Command, KeyContext, Mode};
use crate::links::{Qr, Target};
use crate::progress::{Notice, Progress, SavedReason, Sent, VERSION};
use crate::script::{Block, LinkRef, Page, Script};
use crate::text::{Lang, sanitize};
use crate::theme::Theme;
use crate::ui;

/// Longest email address the field takes (RFC 5321's limit).
pub const MAX_EMAIL: usize = 254;
/// Longest own reason the field takes, in characters.
pub const MAX_REASON: usize = 1000;

/// Something that happened, from outside the App.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Key(KeyEvent),
    Mouse(MouseEvent),
    /// The window has a new size (columns, rows).
    Resize(u16, u16),
    /// The time is now this. Sent before drawing, and whenever the countdown's words change.
    Tick(DateTime<Utc>),
    /// The person picked this item of the page by its number (plain mode): the same as Enter
    /// on it. An item the page does not show does nothing.
    Pick(Item),
    /// A whole line of text for the field being typed in (plain mode), in place of what it
    /// held; each character is checked as if typed.
    Text(String),
    /// The runner could not open a link; the reason, in a few words.
    OpenFailed(String),
    /// Something about saved progress the person should know.
    Notice(Notice),
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
    /// The link's QR code without a quiet zone, made once when the panel opens (encoding
    /// takes longer than drawing a whole page); `None` when the URL does not fit in one.
    pub qr: Option<Arc<Qr>>,
    /// Why the browser did not open, when it was tried.
    pub reason: Option<String>,
    /// The link was copied to the clipboard.
    pub copied: bool,
}

/// Which platforms the person uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// Only this one (an index into the script's platforms).
    One(usize),
    All,
    Neither,
}

/// The reason the person picked for the form's optional reason box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Ready-made reason n of the page's list.
    Ready(usize),
    /// Their own words.
    Own,
    NoReason,
}

/// Something on a page that takes focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    /// Link n of the page (counted over all its links, shown or not).
    Link(usize),
    Choose(Choice),
    Email,
    Reason(Reason),
    /// "I pressed Send" for platform n.
    Sent(usize),
}

/// A text field the person can type in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Email,
    Own,
}

/// A one-line message under the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Opening,
    OpenFailed(String),
    /// Text went to the clipboard: what it was.
    Copied(Field),
    /// Nothing to copy yet.
    NothingToCopy,
    Notice(Notice),
}

#[derive(Debug, Clone)]
pub struct App {
    script: Arc<Script>,
    lang: Lang,
    page: usize,
    focus: Option<Item>,
    scroll: usize,
    size: (u16, u16),
    now: DateTime<Utc>,
    /// The offset times are shown in (the runner's local time).
    offset: FixedOffset,
    status: Option<Status>,
    quit: bool,
    target: Target,
    panel: Option<Panel>,
    /// The link last sent to the browser, to show in the panel if that fails.
    opened: Option<(usize, usize)>,
    choice: Option<Choice>,
    /// Per platform: when the person marked it sent.
    sent: Vec<Option<DateTime<Utc>>>,
    /// Held in memory only: never saved, never logged.
    email: TextArea<'static>,
    own: TextArea<'static>,
    reason: Option<Reason>,
    editing: Option<Field>,
    welcome: bool,
    /// The help is open, scrolled this far.
    help: Option<usize>,
    theme: Theme,
}

impl App {
    /// A walkthrough at its first page. `size` is the window (columns, rows).
    pub fn new(script: Arc<Script>, lang: Lang, now: DateTime<Utc>, size: (u16, u16)) -> App {
        let platforms = script.platforms.len();
        let mut app = App {
            script,
            lang,
            page: 0,
            focus: None,
            scroll: 0,
            size,
            now,
            offset: FixedOffset::east_opt(0).expect("zero is a valid offset"),
            status: None,
            quit: false,
            target: Target::Show,
            panel: None,
            opened: None,
            choice: None,
            sent: vec![None; platforms],
            email: TextArea::default(),
            own: TextArea::default(),
            reason: None,
            editing: None,
            welcome: false,
            help: None,
            theme: Theme::default(),
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

    /// Shows times in this offset from UTC (the person's local time).
    pub fn with_utc_offset(mut self, offset: FixedOffset) -> App {
        self.offset = offset;
        self
    }

    /// Draws with this theme (`--theme`, NO_COLOR). The runner reads the environment; the
    /// App only keeps what it is given.
    pub fn with_theme(mut self, theme: Theme) -> App {
        self.theme = theme;
        self
    }

    pub fn theme(&self) -> &Theme {
        &self.theme
    }

    /// Picks up saved progress: the page, the platform choice, what was sent, the reason.
    /// Asks "welcome back" first, with a way to start over.
    pub fn resume(mut self, saved: &Progress) -> App {
        let platform = |id: &str| {
            self.script
                .platforms
                .iter()
                .position(|p| p.id.as_str() == id)
        };
        self.choice = match saved.platforms.as_deref() {
            Some("all") => Some(Choice::All),
            Some("none") => Some(Choice::Neither),
            Some(id) => platform(id).map(Choice::One),
            None => None,
        };
        for s in &saved.sent {
            if let Some(i) = platform(&s.platform) {
                self.sent[i] = Some(s.at);
            }
        }
        match &saved.reason {
            Some(SavedReason::Ready(i)) => self.reason = Some(Reason::Ready(*i)),
            Some(SavedReason::Own(text)) => {
                self.reason = Some(Reason::Own);
                self.own = TextArea::new(text.lines().map(str::to_owned).collect());
            }
            Some(SavedReason::NoReason) => self.reason = Some(Reason::NoReason),
            None => {}
        }
        let page = self
            .script
            .pages
            .iter()
            .position(|p| p.id.as_str() == saved.page)
            .filter(|&i| self.reachable(i))
            .unwrap_or(0);
        self.go_to(page);
        self.welcome = true;
        self.editing = None;
        self
    }

    /// What is worth keeping between runs. Never the email address.
    pub fn progress(&self) -> Progress {
        let id = |i: usize| self.script.platforms[i].id.as_str().to_owned();
        Progress {
            version: VERSION,
            page: self.page().id.as_str().to_owned(),
            platforms: self.choice.map(|c| match c {
                Choice::One(i) => id(i),
                Choice::All => "all".to_owned(),
                Choice::Neither => "none".to_owned(),
            }),
            sent: (0..self.sent.len())
                .filter_map(|i| {
                    self.sent[i].map(|at| Sent {
                        platform: id(i),
                        at,
                    })
                })
                .collect(),
            reason: self.reason.map(|r| match r {
                Reason::Ready(i) => SavedReason::Ready(i),
                Reason::Own => SavedReason::Own(self.own.lines().join("\n")),
                Reason::NoReason => SavedReason::NoReason,
            }),
        }
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
        if self.help.is_some() {
            Mode::Help
        } else if self.welcome {
            Mode::Welcome
        } else if self.panel.is_some() {
            Mode::Panel
        } else if self.editing.is_some() {
            Mode::Edit
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
    pub fn focus(&self) -> Option<Item> {
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
    pub fn choice(&self) -> Option<Choice> {
        self.choice
    }
    pub fn reason(&self) -> Option<Reason> {
        self.reason
    }
    pub fn editing(&self) -> Option<Field> {
        self.editing
    }
    /// The "welcome back" question is open.
    pub fn welcoming(&self) -> bool {
        self.welcome
    }
    /// The help is open: how far it is scrolled.
    pub fn help_scroll(&self) -> Option<usize> {
        self.help
    }
    /// What the person typed as their email address.
    pub fn email(&self) -> String {
        self.email.lines().join("")
    }
    /// The person's own reason, as typed.
    pub fn own_reason(&self) -> String {
        self.own.lines().join("\n")
    }
    /// Where the cursor is in a field: (row, column in characters).
    pub fn cursor(&self, field: Field) -> (usize, usize) {
        let c = match field {
            Field::Email => self.email.cursor(),
            Field::Own => self.own.cursor(),
        };
        (c.0, c.1)
    }
    /// When platform `i` was marked sent, in the person's local time.
    pub fn sent_at(&self, i: usize) -> Option<DateTime<FixedOffset>> {
        self.sent
            .get(i)
            .copied()
            .flatten()
            .map(|t| t.with_timezone(&self.offset))
    }

    /// Whether the person said they use platform `i`. Before they choose, every platform
    /// counts, so nothing is hidden from someone who skips the question.
    pub fn uses(&self, i: usize) -> bool {
        match self.choice {
            None | Some(Choice::All) => true,
            Some(Choice::One(j)) => i == j,
            Some(Choice::Neither) => false,
        }
    }

    /// The platforms the later pages are about, as indexes.
    pub fn chosen_platforms(&self) -> Vec<usize> {
        (0..self.script.platforms.len())
            .filter(|&i| self.uses(i))
            .collect()
    }

    /// Whether a link shows: links for a platform the person does not use are hidden.
    pub fn shows(&self, link: &LinkRef<'_>) -> bool {
        match link.platform {
            None => true,
            Some(id) => self
                .script
                .platforms
                .iter()
                .position(|p| p.id.as_str() == id)
                .is_some_and(|i| self.uses(i)),
        }
    }

    /// Whether page `i` is part of this person's walk: pages for platform users are skipped
    /// by someone who uses neither.
    pub fn reachable(&self, i: usize) -> bool {
        i < self.script.pages.len()
            && !(self.script.pages[i].needs_platform && self.choice == Some(Choice::Neither))
    }

    fn last_reachable(&self) -> usize {
        (0..self.script.pages.len())
            .rev()
            .find(|&i| self.reachable(i))
            .unwrap_or(0)
    }

    /// When the page next looks different with nothing pressed: the countdown's next change,
    /// while it shows. `None`: nothing changes by itself, the runner may sleep until a key.
    pub fn next_tick(&self) -> Option<DateTime<Utc>> {
        self.wants_tick()
            .then(|| Countdown::next_change(self.now, self.script.deadline))
    }

    /// Whether the screen changes with the clock: a countdown is on the page.
    pub fn wants_tick(&self) -> bool {
        self.page()
            .body
            .iter()
            .any(|b| matches!(b, Block::Countdown))
    }

    /// The links of the current page that show, in order.
    pub fn links(&self) -> Vec<LinkRef<'_>> {
        self.page().links().filter(|l| self.shows(l)).collect()
    }

    /// What the footer needs to know.
    pub fn key_context(&self) -> KeyContext {
        self.key_context_for(&self.body())
    }

    /// What the footer needs to know, with the page body already laid out (a frame lays it
    /// out once and uses it for both).
    pub fn key_context_for(&self, body: &ui::Body) -> KeyContext {
        if self.help.is_some() {
            // The help is one long text: scrolling is all there is to do in it.
            return KeyContext {
                scrollable: self.help_max_scroll() > 0,
                ..KeyContext::default()
            };
        }
        KeyContext {
            first: (0..self.page).all(|i| !self.reachable(i)),
            last: self.page >= self.last_reachable(),
            items: body.items.len(),
            item_focused: self.focus.is_some(),
            copyable: self.copy_text().is_some(),
            panel: self.panel.is_some(),
            scrollable: self.max_scroll_of(body) > 0,
        }
    }

    pub fn update(&mut self, event: Event) -> Vec<Effect> {
        match event {
            Event::Key(key) if key.kind == KeyEventKind::Release => vec![],
            Event::Key(key) => match keys::command_for(key, self.mode()) {
                Some(command) => self.command(command),
                None if self.editing.is_some() => {
                    self.type_key(key);
                    vec![]
                }
                None => vec![],
            },
            Event::Mouse(mouse) => self.mouse(mouse),
            Event::Pick(item) if self.panel.is_none() && self.help.is_none() => {
                if self.body().items.iter().any(|(i, _, _)| *i == item) {
                    self.editing = None;
                    self.act_on(item)
                } else {
                    vec![]
                }
            }
            Event::Pick(_) => vec![],
            Event::Text(text) => {
                match self.editing {
                    Some(Field::Email) => self.email = TextArea::default(),
                    Some(Field::Own) => self.own = TextArea::default(),
                    None => return vec![],
                }
                for c in text.chars() {
                    self.type_key(KeyEvent::from(KeyCode::Char(c)));
                }
                vec![]
            }
            Event::Resize(w, h) => {
                self.size = (w, h);
                self.scroll = self.scroll.min(self.max_scroll());
                if let Some(s) = self.help {
                    self.help = Some(s.min(self.help_max_scroll()));
                }
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
                            qr: self.qr_for(page, link),
                            reason: Some(reason),
                            copied: false,
                        });
                    }
                    _ => self.status = Some(Status::OpenFailed(reason)),
                }
                vec![]
            }
            Event::Notice(notice) => {
                self.status = Some(Status::Notice(notice));
                vec![]
            }
        }
    }

    fn command(&mut self, command: Command) -> Vec<Effect> {
        if command == Command::Interrupt {
            return self.command_quit();
        }
        match self.mode() {
            Mode::Help => return self.help_command(command),
            Mode::Welcome => return self.welcome_command(command),
            Mode::Panel => return self.panel_command(command),
            Mode::Edit => {
                self.editing = None;
                match command {
                    Command::FocusNext => self.step_focus(1, false),
                    Command::FocusPrev => self.step_focus(-1, false),
                    _ => {}
                }
                return vec![];
            }
            Mode::Page => {}
        }
        let last = self.last_reachable();
        match command {
            Command::Activate => return self.activate(),
            Command::Next => {
                if let Some(n) = (self.page + 1..=last).find(|&i| self.reachable(i)) {
                    self.go_to(n);
                }
            }
            Command::Back => {
                if let Some(n) = (0..self.page).rev().find(|&i| self.reachable(i)) {
                    self.go_to(n);
                }
            }
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
                if n >= 1 && self.reachable(n - 1) {
                    self.go_to(n - 1);
                }
            }
            Command::ToggleLang => {
                self.lang = self.lang.other();
                self.scroll = self.scroll.min(self.max_scroll());
            }
            Command::Copy => return self.copy(),
            Command::Help => self.help = Some(0),
            Command::Quit | Command::Interrupt => return self.command_quit(),
            Command::Close | Command::Continue | Command::StartOver => {}
        }
        vec![]
    }

    fn welcome_command(&mut self, command: Command) -> Vec<Effect> {
        match command {
            Command::Continue => {
                self.welcome = false;
                let page = self.page;
                self.go_to(page);
            }
            Command::StartOver => {
                let fresh = App::new(self.script.clone(), self.lang, self.now, self.size)
                    .with_link_target(self.target)
                    .with_utc_offset(self.offset)
                    .with_theme(self.theme);
                *self = fresh;
            }
            Command::Quit => return self.command_quit(),
            _ => {}
        }
        vec![]
    }

    fn help_command(&mut self, command: Command) -> Vec<Effect> {
        let page = (self.help_height() as isize - 1).max(1);
        match command {
            Command::Close => self.help = None,
            Command::Up => self.help_scroll_by(-1),
            Command::Down => self.help_scroll_by(1),
            Command::PageUp => self.help_scroll_by(-page),
            Command::PageDown => self.help_scroll_by(page),
            _ => {}
        }
        vec![]
    }

    fn help_scroll_by(&mut self, delta: isize) {
        if let Some(s) = self.help {
            self.help = Some(moved(s, delta, self.help_max_scroll()));
        }
    }

    /// How many rows of help show at once.
    fn help_height(&self) -> usize {
        ui::help::inner(self).map_or(1, |r| usize::from(r.height.max(1)))
    }

    /// How far the help can scroll: its length past its box.
    pub fn help_max_scroll(&self) -> usize {
        let Some(inner) = ui::help::inner(self) else {
            return 0;
        };
        ui::help::lines(self, inner.width)
            .len()
            .saturating_sub(usize::from(inner.height))
    }

    fn panel_command(&mut self, command: Command) -> Vec<Effect> {
        let Some(panel) = &mut self.panel else {
            return vec![];
        };
        match command {
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
            _ => vec![],
        }
    }

    fn command_quit(&mut self) -> Vec<Effect> {
        self.quit = true;
        vec![Effect::Quit]
    }

    /// A key while typing: Enter ends the email field (it holds one line); everything else
    /// goes to the field. Fields have a length limit, and never take control characters.
    fn type_key(&mut self, key: KeyEvent) {
        let Some(field) = self.editing else { return };
        self.status = None;
        // Ctrl-M is Enter to a terminal (a carriage return); the text area would put a line
        // break in the email address with it.
        let key = if key.code == KeyCode::Char('m') && key.modifiers == KeyModifiers::CONTROL {
            KeyEvent::from(KeyCode::Enter)
        } else {
            key
        };
        let (row, _) = self.cursor(field);
        let rows = match field {
            Field::Email => 1,
            Field::Own => self.own.lines().len(),
        };
        // Keys that mean nothing inside the field keep their page meaning, so an arrow-key
        // user is never stuck: ↑ on the first row and ↓ on the last leave the field, and in
        // an empty email field ← and → still turn the page.
        let leave = match key.code {
            KeyCode::Enter if field == Field::Email => Some(1),
            KeyCode::Down if row + 1 >= rows => Some(1),
            KeyCode::Up if row == 0 => Some(-1),
            _ => None,
        };
        if let Some(delta) = leave {
            self.editing = None;
            self.step_focus(delta, true);
            return;
        }
        if field == Field::Email && self.email().is_empty() {
            let turn = match key.code {
                KeyCode::Right => Some(Command::Next),
                KeyCode::Left => Some(Command::Back),
                _ => None,
            };
            if let Some(command) = turn {
                self.editing = None;
                self.command(command);
                return;
            }
        }
        let (area, max) = match field {
            Field::Email => (&mut self.email, MAX_EMAIL),
            Field::Own => (&mut self.own, MAX_REASON),
        };
        if let KeyCode::Char(c) = key.code {
            let len: usize = area.lines().iter().map(|l| l.chars().count()).sum();
            if len >= max || crate::text::forbidden_char(c) {
                return;
            }
        }
        area.input(key);
    }

    /// The text `c` would copy: the email address, or the reason in focus or picked.
    fn copy_text(&self) -> Option<(Field, String)> {
        match self.focus? {
            Item::Email => Some((Field::Email, self.email())).filter(|(_, t)| !t.is_empty()),
            Item::Reason(Reason::Ready(i)) => self.ready_reason(i).map(|t| (Field::Own, t)),
            Item::Reason(Reason::Own) => {
                Some((Field::Own, self.own_reason())).filter(|(_, t)| !t.trim().is_empty())
            }
            _ => None,
        }
    }

    /// Ready-made reason `i` of this page, in the current language.
    pub fn ready_reason(&self, i: usize) -> Option<String> {
        self.page().body.iter().find_map(|b| match b {
            Block::Reasons(list) => list.get(i).map(|t| t.get(self.lang).to_owned()),
            _ => None,
        })
    }

    fn copy(&mut self) -> Vec<Effect> {
        match self.copy_text() {
            Some((field, text)) => {
                self.status = Some(Status::Copied(field));
                // Line breaks of an own reason stay; anything else that steers a terminal goes.
                let safe: Vec<String> = text.split('\n').map(sanitize).collect();
                vec![Effect::Copy(safe.join("\n"))]
            }
            None => {
                self.status = Some(Status::NothingToCopy);
                vec![]
            }
        }
    }

    /// Enter on the focused item: open a link, pick a choice, start typing, tick a box.
    /// Without focus, go on. An item scrolled out of sight is first brought into view, so
    /// Enter never acts on what the person cannot see.
    fn activate(&mut self) -> Vec<Effect> {
        let Some(item) = self.focus else {
            return self.command(Command::Next);
        };
        let body = self.body();
        let Some(&(_, top, bottom)) = body.items.iter().find(|(i, _, _)| *i == item) else {
            return vec![];
        };
        // Enter on an item partly out of view first brings it into view. An item taller than
        // the window never fits: its first line showing is enough, or Enter would only ever
        // scroll.
        let height = self.body_height();
        let in_view = if bottom - top > height {
            (self.scroll..self.scroll + height).contains(&top)
        } else {
            top >= self.scroll && bottom <= self.scroll + height
        };
        if !in_view {
            self.reveal(item);
            return vec![];
        }
        self.act_on(item)
    }

    fn act_on(&mut self, item: Item) -> Vec<Effect> {
        self.focus = Some(item);
        match item {
            Item::Link(i) => return self.open(i),
            Item::Choose(choice) => {
                self.choice = Some(choice);
                // On to what the choice opened up: the first form link, if any shows.
                let next = self
                    .body()
                    .items
                    .iter()
                    .map(|(i, _, _)| *i)
                    .find(|i| matches!(i, Item::Link(_)));
                match next {
                    Some(link) => {
                        self.focus = Some(link);
                        self.reveal(link);
                    }
                    // No form for them: show what the page says to that, at its end.
                    None => self.scroll = self.max_scroll(),
                }
            }
            Item::Email => self.editing = Some(Field::Email),
            Item::Reason(reason) => {
                self.reason = Some(reason);
                if reason == Reason::Own {
                    self.editing = Some(Field::Own);
                    self.reveal(item);
                }
            }
            Item::Sent(i) => {
                if let Some(slot) = self.sent.get_mut(i) {
                    *slot = match slot {
                        Some(_) => None,
                        None => Some(self.now),
                    };
                }
            }
        }
        vec![]
    }

    /// Sends link `i` where links go: the browser, or the link panel.
    fn open(&mut self, i: usize) -> Vec<Effect> {
        let Some(url) = self.page().links().nth(i).map(|l| l.url.to_owned()) else {
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
                    qr: self.qr_for(self.page, i),
                    reason: None,
                    copied: false,
                });
                vec![]
            }
        }
    }

    /// The QR code of link `link` on page `page`, without a quiet zone.
    fn qr_for(&self, page: usize, link: usize) -> Option<Arc<Qr>> {
        Qr::new(&self.link_url(page, link)?, 0).map(Arc::new)
    }

    /// The URL of link `link` (in page order) on page `page`, made safe to show.
    pub fn link_url(&self, page: usize, link: usize) -> Option<String> {
        let url = self.script.pages.get(page)?.links().nth(link)?.url;
        Some(sanitize(url))
    }

    fn go_to(&mut self, page: usize) {
        self.page = page;
        self.scroll = 0;
        if !matches!(self.status, Some(Status::Notice(_))) || page != 0 {
            self.status = None;
        }
        self.editing = None;
        let items: Vec<Item> = self.body().items.iter().map(|(i, _, _)| *i).collect();
        // Start on the first thing to do: past a choice already made, on the first item.
        self.focus = if self.choice.is_some() {
            items
                .iter()
                .copied()
                .find(|i| !matches!(i, Item::Choose(_)))
                .or(items.first().copied())
        } else {
            items.first().copied()
        };
        // A field that has focus when the page opens is ready for typing.
        if self.focus == Some(Item::Email) && !self.welcome {
            self.editing = Some(Field::Email);
        }
    }

    /// Moves focus to the next or previous item. `scroll_at_ends`: arrow keys scroll the
    /// page when there is nothing further that way (and always on a page without items).
    fn step_focus(&mut self, delta: isize, scroll_at_ends: bool) {
        let items: Vec<Item> = self.body().items.iter().map(|(i, _, _)| *i).collect();
        let n = items.len();
        let at = self.focus.and_then(|f| items.iter().position(|&i| i == f));
        let next = match at {
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
                self.focus = Some(items[j]);
                self.reveal(items[j]);
                if items[j] == Item::Email {
                    self.editing = Some(Field::Email);
                }
            }
            None if scroll_at_ends => self.scroll_by(delta),
            None => {}
        }
    }

    /// Scrolls just enough to show `item` whole.
    fn reveal(&mut self, item: Item) {
        let body = self.body();
        let Some(&(_, top, bottom)) = body.items.iter().find(|(i, _, _)| *i == item) else {
            return;
        };
        let height = self.body_height();
        if top < self.scroll {
            self.scroll = top;
        } else if bottom > self.scroll + height {
            self.scroll = bottom.saturating_sub(height).min(top);
        }
    }

    fn scroll_by(&mut self, delta: isize) {
        self.scroll = moved(self.scroll, delta, self.max_scroll());
    }

    fn mouse(&mut self, mouse: MouseEvent) -> Vec<Effect> {
        let Some(areas) = ui::areas(self.size) else {
            return vec![];
        };
        if self.help.is_some() {
            match mouse.kind {
                MouseEventKind::ScrollDown => self.help_scroll_by(3),
                MouseEventKind::ScrollUp => self.help_scroll_by(-3),
                _ => {}
            }
            return vec![];
        }
        if self.panel.is_some() || self.welcome {
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
                    if let Some(item) = hit.filter(|it| self.reachable(it.page)) {
                        self.go_to(item.page);
                    }
                } else if areas.body.contains((x, y).into()) {
                    let line = self.scroll + usize::from(y - areas.body.y);
                    let hit = self
                        .body()
                        .items
                        .iter()
                        .find(|(_, top, bottom)| (*top..*bottom).contains(&line))
                        .map(|(i, _, _)| *i);
                    if let Some(item) = hit {
                        self.editing = None;
                        return self.act_on(item);
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
        self.max_scroll_of(&self.body())
    }

    /// The same for a body already laid out.
    fn max_scroll_of(&self, body: &ui::Body) -> usize {
        body.lines.len().saturating_sub(self.body_height())
    }
}

/// A scroll position `delta` lines on from `at`, kept within 0..=`max`.
fn moved(at: usize, delta: isize, max: usize) -> usize {
    at.saturating_add_signed(delta).min(max)
}
