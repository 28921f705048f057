//! One walkthrough in one window: a [`Walk`] and the [`View`] that shows it, driven by
//! [`App::update`]. This is what the local terminal, an SSH visitor, plain mode and the tests
//! run.
//!
//! [`App::update`] is pure: it takes an [`Event`] (a key, a click, a resize, the time) and
//! returns the side effects the runner must carry out as [`Effect`] values. The view turns
//! keys and clicks into the walk's actions (or scrolls, opens the help, switches language
//! itself); the walk changes; the view follows (a new page starts at its top, new focus comes
//! into sight). No terminal, clock, files or processes in here.
//!
//! What an event does at one view is [`take`], shared with the runner core
//! (`runner::Core`), which shows one walk in several views (a helper looking along over SSH):
//! the same keys mean the same in every window.

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
use crate::theme::Theme;
use crate::ui::View;
use crate::ui::seat::{LookCommand, Looked};
use bezwaar_core::deadline::{Countdown, Zone};
use bezwaar_core::progress::{Notice, Progress};
use bezwaar_core::script::{LinkRef, Page, Script};
use bezwaar_core::text::Lang;
use bezwaar_core::walk::Walk;

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

#[derive(Debug, Clone)]
pub struct App {
    walk: Walk,
    view: View,
}

impl App {
    /// A walkthrough at its first page, in a window of `size` (columns, rows).
    pub fn new(script: Arc<Script>, lang: Lang, now: DateTime<Utc>, size: (u16, u16)) -> App {
        let mut app = App {
            walk: Walk::new(script, now),
            view: View::new(lang, size),
        };
        app.view.follow(&app.walk);
        app
    }

    /// Another walk in this window (the next walkthrough, or the one a runner opened).
    pub fn with_walk(mut self, walk: Walk) -> App {
        self.set_walk(walk);
        self
    }

    /// The same, in place.
    pub fn set_walk(&mut self, walk: Walk) {
        self.walk = walk;
        self.view.follow(&self.walk);
    }

    /// Where links go on Enter. A new App shows them in the link panel and never asks
    /// for a browser: the local runner opts in when a browser can open.
    pub fn with_link_target(mut self, target: Target) -> App {
        self.walk = self.walk.with_link_target(target);
        self
    }

    /// Whether a desktop session of this user is there to open links on (found over SSH).
    pub fn with_desktop(mut self, found: bool) -> App {
        self.walk = self.walk.with_desktop(found);
        self
    }

    /// Whether progress outlives a quit (the local runner saves it; a server does not).
    pub fn with_kept_progress(mut self, kept: bool) -> App {
        self.walk = self.walk.with_kept_progress(kept);
        self
    }

    /// Shows times at this fixed offset from UTC.
    pub fn with_utc_offset(self, offset: FixedOffset) -> App {
        self.with_zone(Zone::Fixed(offset))
    }

    /// Shows times in this zone.
    pub fn with_zone(mut self, zone: Zone) -> App {
        self.view = self.view.with_zone(zone);
        self
    }

    /// Draws with this theme (`--theme`, NO_COLOR). The runner reads the environment; the
    /// App only keeps what it is given.
    pub fn with_theme(mut self, theme: Theme) -> App {
        self.view = self.view.with_theme(theme);
        self
    }

    /// Picks up saved progress, asking "welcome back" first.
    pub fn resume(mut self, saved: &Progress) -> App {
        self.walk = self.walk.resume(saved);
        self.view.follow(&self.walk);
        self
    }

    pub fn update(&mut self, event: Event) -> Vec<Effect> {
        let before = self.view.marks();
        let Taken::Actions(actions) = take(&mut self.view, &self.walk, event) else {
            return vec![];
        };
        if actions.is_empty() && self.view.marks() == before {
            // Nothing for the walk, and the window is as it was: the view is as it should be
            // (a key that means nothing here costs no layout).
            return vec![];
        }
        let mut effects = Vec::new();
        for action in actions {
            effects.extend(self.walk.update(action));
        }
        self.view.follow(&self.walk);
        effects
    }

    /// The "sent" records another copy of bezwaar saved, merged (`Walk::take_sent`).
    pub fn take_sent(&mut self, sent: &[bezwaar_core::progress::Sent]) {
        self.walk.take_sent(sent);
        self.view.follow(&self.walk);
    }

    /// An action for the walk straight away (plain mode speaks in actions, not keys).
    pub fn act(&mut self, action: Action) -> Vec<Effect> {
        let effects = self.walk.update(action);
        self.view.follow(&self.walk);
        effects
    }

    /// Draws the screen; returns the URLs on it where they are drawn (for OSC 8).
    pub fn draw(&self, frame: &mut Frame) -> Vec<Hyperlink> {
        self.view.draw(&self.walk, frame)
    }

    /// The walk and its view, for a runner core to show in more views.
    pub fn into_parts(self) -> (Walk, View) {
        (self.walk, self.view)
    }

    pub fn walk(&self) -> &Walk {
        &self.walk
    }
    pub fn view(&self) -> &View {
        &self.view
    }

    /// What is worth keeping between runs. Never the email address.
    pub fn progress(&self) -> Progress {
        self.walk.progress()
    }
    pub fn link_target(&self) -> Target {
        self.walk.link_target()
    }
    pub fn panel(&self) -> Option<&Panel> {
        self.walk.panel()
    }
    pub fn dialog(&self) -> Option<&Dialog> {
        self.walk.dialog()
    }
    pub fn mode(&self) -> Mode {
        self.view.mode(&self.walk)
    }
    pub fn script(&self) -> &Script {
        self.walk.script()
    }
    pub fn lang(&self) -> Lang {
        self.view.lang()
    }
    pub fn theme(&self) -> &Theme {
        self.view.theme()
    }
    pub fn page_index(&self) -> usize {
        self.walk.page_index()
    }
    pub fn page(&self) -> &Page {
        self.walk.page()
    }
    pub fn focus(&self) -> Option<Item> {
        self.walk.focus()
    }
    pub fn scroll(&self) -> usize {
        self.view.scroll()
    }
    pub fn size(&self) -> (u16, u16) {
        self.view.size()
    }
    pub fn now(&self) -> DateTime<Utc> {
        self.walk.now()
    }
    pub fn status(&self) -> Option<&Status> {
        self.walk.status()
    }
    pub fn should_quit(&self) -> bool {
        self.walk.should_quit()
    }
    pub fn countdown(&self) -> Option<Countdown> {
        self.walk.countdown()
    }
    pub fn picked(&self) -> Option<Picked> {
        self.walk.picked()
    }
    pub fn reason(&self) -> Option<Reason> {
        self.walk.reason()
    }
    pub fn editing(&self) -> Option<Field> {
        self.walk.editing()
    }
    pub fn welcoming(&self) -> bool {
        self.walk.welcoming()
    }
    pub fn help_scroll(&self) -> Option<usize> {
        self.view.help_scroll()
    }
    /// How far the open sheet (the help or the sources) can scroll.
    pub fn help_max_scroll(&self) -> usize {
        self.view.sheet_max_scroll(&self.walk)
    }
    pub fn email(&self) -> String {
        self.walk.email()
    }
    pub fn own_reason(&self) -> String {
        self.walk.own_reason()
    }
    /// When the person said yes at the question of choice `i`, on this window's clock.
    pub fn sent_at(&self, i: usize) -> Option<DateTime<FixedOffset>> {
        self.walk.sent_at(i).map(|t| self.view.zone().at(t))
    }
    pub fn uses(&self, i: usize) -> bool {
        self.walk.uses(i)
    }
    pub fn chosen(&self) -> Vec<usize> {
        self.walk.chosen()
    }
    pub fn reachable(&self, i: usize) -> bool {
        self.walk.reachable(i)
    }
    pub fn next_tick(&self) -> Option<DateTime<Utc>> {
        self.walk.next_tick()
    }
    pub fn wants_tick(&self) -> bool {
        self.walk.wants_tick()
    }
    pub fn links(&self) -> Vec<LinkRef<'_>> {
        self.walk.links()
    }
    pub fn items(&self) -> Vec<Item> {
        self.walk.items()
    }
    /// Ready-made reason `i` of this page, in this window's language.
    pub fn ready_reason(&self, i: usize) -> Option<String> {
        self.walk.ready_reason(i, self.view.lang())
    }
    /// The page laid out at this window's width.
    pub fn body(&self) -> std::sync::Arc<Body> {
        self.view.body(&self.walk)
    }
    pub fn key_context(&self) -> KeyContext {
        self.view.key_context(&self.walk, &self.body())
    }
    pub fn max_scroll(&self) -> usize {
        self.view.max_scroll(&self.walk)
    }
    /// Every URL on screen now, where it is drawn.
    pub fn hyperlinks(&self) -> Vec<Hyperlink> {
        self.view.hyperlinks(&self.walk)
    }
}
