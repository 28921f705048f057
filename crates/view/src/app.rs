//! One walkthrough in one window: the [`Event`]s a window takes, what an event does at one
//! view ([`take`]), and the [`App`]: a runner [`Core`] with the person's seat only, as plain
//! mode, the local terminal and the tests set it up.
//!
//! An event (a key, a click, a resize, the time) goes to a view, which turns it into the
//! walk's actions (or scrolls, opens the help, switches language itself); the walk changes;
//! the view follows (a new page starts at its top, new focus comes into sight). That is
//! [`Core::input`], which every runner drives: [`App::update`] is the same for the person's
//! seat, and returns the side effects the runner must carry out as [`Effect`] values. No
//! terminal, clock, files or processes in here.

use std::sync::Arc;

use chrono::{DateTime, FixedOffset, Utc};
use crossterm::event::{Event as TermEvent, KeyEvent, KeyEventKind, MouseEvent};
use ratatui::Frame;

pub use bezwaar_core::walk::{
    Action, Dialog, Effect, Field, Item, MAX_EMAIL, MAX_REASON, Panel, Picked, Question, Reason,
    Status,
};

use crate::keys::{KeyContext, Mode};
use crate::layout::Body;
use crate::links::{Hyperlink, OpenFailure, Target};
use crate::runner::{Core, Out, PERSON};
use crate::theme::Theme;
use crate::ui::View;
use crate::ui::seat::{LookCommand, Looked};
use bezwaar_core::deadline::Zone;
use bezwaar_core::progress::{Notice, Progress};
use bezwaar_core::script::Script;
use bezwaar_core::text::Lang;
use bezwaar_core::walk::Walk;

/// Something that happened at a window, or to the walk, from outside: a seat of the runner
/// core takes these, the same for every window.
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
    /// The runner could not open a link.
    OpenFailed(OpenFailure),
    /// The runner opened the link on this computer's own screen.
    OpenedOnDesktop,
    /// Something about saved progress the person should know.
    Notice(Notice),
}

impl Event {
    /// A terminal's event as an event: a key (not its release), a click or the wheel, a new
    /// size. `None` for what the walk has no use for (focus changes, pastes).
    pub fn from_terminal(event: TermEvent) -> Option<Event> {
        match event {
            TermEvent::Key(k) if k.kind != KeyEventKind::Release => Some(Event::Key(k)),
            TermEvent::Mouse(m) => Some(Event::Mouse(m)),
            TermEvent::Resize(w, h) => {
                let (w, h) = crate::ui::known_size(w, h);
                Some(Event::Resize(w, h))
            }
            _ => None,
        }
    }

    /// Whether someone pressed something (what keeps a walkthrough from being idle).
    pub fn is_press(&self) -> bool {
        matches!(self, Event::Key(_) | Event::Mouse(_))
    }
}

/// What an event came to at one view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Taken {
    /// Actions for the walk (perhaps none: the view changed itself, or nothing happened).
    Actions(Vec<Action>),
    /// A look-along key of the person's (over SSH), for the runner.
    Look(LookCommand),
}

/// What `event` does at `view` of `walk`: the view's own change (scrolling, the help, the
/// language, a look-along box), or the walk's actions. The walk is not changed here.
pub fn take(view: &mut View, walk: &Walk, event: Event) -> Taken {
    Taken::Actions(match event {
        // In a window too small to show the walk, only a larger window and Ctrl-C act: no key
        // changes what nobody can see (the message says so).
        Event::Key(key) if view.too_small() => {
            let ctrl_c = key.code == crossterm::event::KeyCode::Char('c')
                && key
                    .modifiers
                    .contains(crossterm::event::KeyModifiers::CONTROL);
            if ctrl_c {
                vec![Action::Interrupt]
            } else {
                vec![]
            }
        }
        Event::Mouse(_) if view.too_small() => vec![],
        Event::Key(key) => match view.look_key(walk, key) {
            Looked::Not => view.key(walk, key),
            Looked::Done => vec![],
            Looked::Command(command) => return Taken::Look(command),
        },
        Event::Mouse(mouse) => view.mouse(walk, mouse),
        Event::Resize(w, h) => {
            view.resize(w, h);
            vec![]
        }
        Event::Tick(now) => vec![Action::Tick(now)],
        Event::Pick(item) => vec![Action::Pick(item)],
        Event::Text(text) => vec![Action::SetText(text)],
        Event::OpenFailed(failure) => vec![Action::OpenFailed(failure)],
        Event::OpenedOnDesktop => vec![Action::OpenedOnDesktop],
        Event::Notice(notice) => vec![Action::Notice(notice)],
    })
}

/// One walk in one window: a [`Core`] with the person's seat only. Its events go through
/// [`Core::input`], as every runner's do; the App keeps the walk's effects and leaves out
/// what is not its own (a look-along key).
#[derive(Debug, Clone)]
pub struct App {
    core: Core,
}

impl App {
    /// A walkthrough at its first page, in a window of `size` (columns, rows).
    pub fn new(script: Arc<Script>, lang: Lang, now: DateTime<Utc>, size: (u16, u16)) -> App {
        App {
            core: Core::new(Walk::new(script, now), View::new(lang, size)),
        }
    }

    /// Another walk in this window (the next walkthrough, or the one a runner opened).
    pub fn with_walk(mut self, walk: Walk) -> App {
        self.set_walk(walk);
        self
    }

    /// The same, in place.
    pub fn set_walk(&mut self, walk: Walk) {
        self.core.map_walk(|_| walk);
    }

    /// Where links go on Enter. A new App shows them in the link panel and never asks
    /// for a browser: the local runner opts in when a browser can open.
    pub fn with_link_target(mut self, target: Target) -> App {
        self.core.map_walk(|walk| walk.with_link_target(target));
        self
    }

    /// Whether a desktop session of this user is there to open links on (found over SSH).
    pub fn with_desktop(mut self, found: bool) -> App {
        self.core.map_walk(|walk| walk.with_desktop(found));
        self
    }

    /// Whether progress outlives a quit (the local runner saves it; a server does not).
    pub fn with_kept_progress(mut self, kept: bool) -> App {
        self.core.map_walk(|walk| walk.with_kept_progress(kept));
        self
    }

    /// Shows times at this fixed offset from UTC.
    pub fn with_utc_offset(self, offset: FixedOffset) -> App {
        self.with_zone(Zone::Fixed(offset))
    }

    /// Shows times in this zone.
    pub fn with_zone(mut self, zone: Zone) -> App {
        self.core.map_view(PERSON, |view| view.with_zone(zone));
        self
    }

    /// Draws with this theme (`--theme`, NO_COLOR). The runner reads the environment; the
    /// App only keeps what it is given.
    pub fn with_theme(mut self, theme: Theme) -> App {
        self.core.map_view(PERSON, |view| view.with_theme(theme));
        self
    }

    /// Picks up saved progress, asking "welcome back" first.
    pub fn resume(mut self, saved: &Progress) -> App {
        self.core.map_walk(|walk| walk.resume(saved));
        self
    }

    /// An event at the person's seat ([`Core::input`]): the walk's effects.
    pub fn update(&mut self, event: Event) -> Vec<Effect> {
        self.core
            .input(PERSON, event)
            .into_iter()
            .filter_map(|out| match out {
                Out::Walk(effect) => Some(effect),
                // A look-along key is the SSH runner's; the App has nobody looking along.
                Out::Look(_) | Out::Leave => None,
            })
            .collect()
    }

    /// The "sent" records another copy of bezwaar saved, merged ([`Core::take_sent`]).
    pub fn take_sent(&mut self, sent: &[bezwaar_core::progress::Sent]) {
        self.core.take_sent(sent);
    }

    /// An action for the walk straight away ([`Core::act`]).
    pub fn act(&mut self, action: Action) -> Vec<Effect> {
        self.core.act(action)
    }

    /// Draws the screen; returns the URLs on it where they are drawn (for OSC 8).
    pub fn draw(&self, frame: &mut Frame) -> Vec<Hyperlink> {
        self.core.draw(PERSON, frame)
    }

    /// The core, for a runner to drive (and to show in more views).
    pub fn into_core(self) -> Core {
        self.core
    }

    pub fn walk(&self) -> &Walk {
        self.core.walk()
    }
    pub fn view(&self) -> &View {
        self.core
            .view(PERSON)
            .expect("an App's person is always seated")
    }

    // What needs both the walk and the window; the rest is `walk()` or `view()`'s own.

    /// The mode the person's keys are read in.
    pub fn mode(&self) -> Mode {
        self.view().mode(self.walk())
    }
    /// How far the open sheet (the help or the sources) can scroll.
    pub fn help_max_scroll(&self) -> usize {
        self.view().sheet_max_scroll(self.walk())
    }
    /// When the person said yes at the question of choice `i`, on this window's clock.
    pub fn yes_at(&self, i: usize) -> Option<DateTime<FixedOffset>> {
        self.walk().yes_at(i).map(|t| self.view().zone().at(t))
    }
    /// Ready-made reason `i` of this page, in this window's language.
    pub fn ready_reason(&self, i: usize) -> Option<String> {
        self.walk().ready_reason(i, self.view().lang())
    }
    /// The page laid out at this window's width.
    pub fn body(&self) -> std::sync::Arc<Body> {
        self.view().body(self.walk())
    }
    pub fn key_context(&self) -> KeyContext {
        self.view().key_context(self.walk(), &self.body())
    }
    pub fn max_scroll(&self) -> usize {
        self.view().max_scroll(self.walk())
    }
    /// Every URL on screen now, where it is drawn.
    pub fn hyperlinks(&self) -> Vec<Hyperlink> {
        self.view().hyperlinks(self.walk())
    }
}
