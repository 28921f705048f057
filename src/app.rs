//! One walkthrough in one window: a [`Walk`] and the [`View`] that shows it, driven by
//! [`App::update`]: a runner [`Core`] with one seat, the person's. This is what plain mode and
//! the tests run, and what the local terminal is started with.
//!
//! [`App::update`] is pure: it takes an [`Event`] (a key, a click, a resize, the time) and
//! returns the side effects the runner must carry out as [`Effect`] values. The view turns
//! keys and clicks into the walk's actions (or scrolls, opens the help, switches language
//! itself); the walk changes; the view follows (a new page starts at its top, new focus comes
//! into sight). No terminal, clock, files or processes in here.

use std::sync::Arc;

use chrono::{DateTime, FixedOffset, Utc};
use ratatui::Frame;

pub use crate::walk::{
    Action, Choice, Dialog, Effect, Field, Item, MAX_EMAIL, MAX_REASON, Panel, Question, Reason,
    Status,
};

use crate::deadline::{Countdown, Zone};
use crate::keys::{KeyContext, Mode};
use crate::layout::Body;
use crate::links::{Hyperlink, Target};
use crate::progress::{Notice, Progress};
use crate::runner::Kept;
use crate::runner::seats::{Core, Out, PERSON};
use crate::script::{LinkRef, Page, Script};
use crate::text::Lang;
use crate::theme::Theme;
use crate::ui::View;
use crate::walk::Walk;

/// Something that happened, from outside the App: the core's [`Input`] for the one seat.
pub use crate::runner::seats::Input as Event;

/// One walk in one view: a [`Core`] with the person's seat only.
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

    /// Where links go on Enter. A new App shows them in the link panel and never asks
    /// for a browser: the local runner opts in when a browser can open.
    pub fn with_link_target(mut self, target: Target) -> App {
        self.core.map_walk(|w| w.with_link_target(target));
        self
    }

    /// Whether a desktop session of this user is there to open links on (found over SSH).
    pub fn with_desktop(mut self, found: bool) -> App {
        self.core.map_walk(|w| w.with_desktop(found));
        self
    }

    /// Whether progress outlives a quit (the local runner saves it; a server does not).
    pub fn with_kept_progress(mut self, kept: bool) -> App {
        self.core.map_walk(|w| w.with_kept_progress(kept));
        self
    }

    /// Shows times at this fixed offset from UTC.
    pub fn with_utc_offset(self, offset: FixedOffset) -> App {
        self.with_zone(Zone::Fixed(offset))
    }

    /// Shows times in this zone.
    pub fn with_zone(mut self, zone: Zone) -> App {
        self.core.map_view(PERSON, |v| v.with_zone(zone));
        self
    }

    /// Draws with this theme (`--theme`, NO_COLOR). The runner reads the environment; the
    /// App only keeps what it is given.
    pub fn with_theme(mut self, theme: Theme) -> App {
        self.core.map_view(PERSON, |v| v.with_theme(theme));
        self
    }

    /// Picks up saved progress, asking "welcome back" first.
    pub fn resume(mut self, saved: &Progress) -> App {
        self.core.map_walk(|w| w.resume(saved));
        self
    }

    pub fn update(&mut self, event: Event) -> Vec<Effect> {
        self.core
            .input(PERSON, event)
            .into_iter()
            .filter_map(|out| match out {
                Out::Walk(effect) => Some(effect),
                Out::Look(_) | Out::Leave => None,
            })
            .collect()
    }

    /// An action for the walk straight away (plain mode speaks in actions, not keys).
    pub fn act(&mut self, action: Action) -> Vec<Effect> {
        self.core.act(action)
    }

    /// Draws the screen; returns the URLs on it where they are drawn (for OSC 8).
    pub fn draw(&self, frame: &mut Frame) -> Vec<Hyperlink> {
        self.core.draw(PERSON, frame)
    }

    /// The core this App is the one seat of, for a runner to drive.
    pub fn into_core(self) -> Core {
        self.core
    }
    pub fn core(&self) -> &Core {
        &self.core
    }

    pub fn walk(&self) -> &Walk {
        self.core.walk()
    }
    pub fn view(&self) -> &View {
        self.core
            .view(PERSON)
            .expect("an App never gives up its person's seat")
    }

    /// What is worth keeping between runs. Never the email address.
    pub fn progress(&self) -> Progress {
        self.walk().progress()
    }
    pub fn link_target(&self) -> Target {
        self.walk().link_target()
    }
    pub fn panel(&self) -> Option<&Panel> {
        self.walk().panel()
    }
    pub fn dialog(&self) -> Option<&Dialog> {
        self.walk().dialog()
    }
    pub fn mode(&self) -> Mode {
        self.view().mode(self.walk())
    }
    pub fn script(&self) -> &Script {
        self.walk().script()
    }
    pub fn lang(&self) -> Lang {
        self.view().lang()
    }
    pub fn theme(&self) -> &Theme {
        self.view().theme()
    }
    pub fn page_index(&self) -> usize {
        self.walk().page_index()
    }
    pub fn page(&self) -> &Page {
        self.walk().page()
    }
    pub fn focus(&self) -> Option<Item> {
        self.walk().focus()
    }
    pub fn scroll(&self) -> usize {
        self.view().scroll()
    }
    pub fn size(&self) -> (u16, u16) {
        self.view().size()
    }
    pub fn now(&self) -> DateTime<Utc> {
        self.walk().now()
    }
    pub fn status(&self) -> Option<&Status> {
        self.walk().status()
    }
    pub fn should_quit(&self) -> bool {
        self.walk().should_quit()
    }
    pub fn countdown(&self) -> Countdown {
        self.walk().countdown()
    }
    pub fn choice(&self) -> Option<Choice> {
        self.walk().choice()
    }
    pub fn reason(&self) -> Option<Reason> {
        self.walk().reason()
    }
    pub fn editing(&self) -> Option<Field> {
        self.walk().editing()
    }
    pub fn welcoming(&self) -> bool {
        self.walk().welcoming()
    }
    pub fn help_scroll(&self) -> Option<usize> {
        self.view().help_scroll()
    }
    /// How far the open sheet (the help or the sources) can scroll.
    pub fn help_max_scroll(&self) -> usize {
        self.view().sheet_max_scroll(self.walk())
    }
    pub fn email(&self) -> String {
        self.walk().email()
    }
    pub fn own_reason(&self) -> String {
        self.walk().own_reason()
    }
    /// When platform `i` was marked sent, on this window's clock.
    pub fn sent_at(&self, i: usize) -> Option<DateTime<FixedOffset>> {
        self.walk().sent_at(i).map(|t| self.view().zone().at(t))
    }
    pub fn uses(&self, i: usize) -> bool {
        self.walk().uses(i)
    }
    pub fn chosen_platforms(&self) -> Vec<usize> {
        self.walk().chosen_platforms()
    }
    pub fn reachable(&self, i: usize) -> bool {
        self.walk().reachable(i)
    }
    pub fn next_tick(&self) -> Option<DateTime<Utc>> {
        self.walk().next_tick()
    }
    pub fn wants_tick(&self) -> bool {
        self.walk().wants_tick()
    }
    pub fn links(&self) -> Vec<LinkRef<'_>> {
        self.walk().links()
    }
    pub fn items(&self) -> Vec<Item> {
        self.walk().items()
    }
    /// Ready-made reason `i` of this page, in this window's language.
    pub fn ready_reason(&self, i: usize) -> Option<String> {
        self.walk().ready_reason(i, self.view().lang())
    }
    /// The page laid out at this window's width.
    pub fn body(&self) -> Body {
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

impl Kept for App {
    fn progress(&self) -> Progress {
        App::progress(self)
    }
    fn notice(&mut self, notice: Notice) {
        self.update(Event::Notice(notice));
    }
}
