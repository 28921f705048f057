//! The runner core: one walkthrough and the seats that look at it. A seat is a [`View`] (its
//! own size, scroll, language, theme, help) and who sits there: the person whose walk it is,
//! or a helper looking along. Both runners drive it: the local terminal with one seat, an SSH
//! walkthrough with the person's seat and up to two helpers'.
//!
//! [`Core::input`] is pure, as the walk is: an [`Event`] at a seat (a key, a click, a new
//! size, the time, "a link did not open") goes to that seat's view, which turns it into the
//! walk's actions or into a change of its own; the walk changes; then every view follows it
//! (a new page starts at its top in every window, new focus comes into sight in each). What
//! the runner must carry out comes back as [`Out`] values: the walk's effects, a look-along
//! key the person pressed, a helper who wants to leave. No terminal, clock, files, sockets or
//! processes in here.
//!
//! A helper can do what the person can on the page, with two exceptions that keep the walk
//! the person's own: a helper never answers the walk's questions (stop?, welcome back, are
//! you sure?), and a helper's q or Ctrl-C ends only their own looking along. A helper the
//! person made watch-only still scrolls, opens the help and switches language in their own
//! window; only the walk does not change.

use chrono::{DateTime, Utc};
use crossterm::event::KeyEventKind;
use ratatui::Frame;

use crate::app::{Event, Taken, take};
use crate::links::Hyperlink;
use crate::ui::View;
use crate::ui::seat::LookCommand;
use bezwaar_core::progress::{Progress, Sent};
use bezwaar_core::walk::{Action, Effect, Walk};

/// Which seat: the person's is always [`PERSON`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SeatId(u32);

/// The person's seat.
pub const PERSON: SeatId = SeatId(0);

/// Who sits at a seat (the one `Who` of the view, looking along's too).
pub use crate::ui::seat::Who;

#[derive(Debug, Clone)]
struct Seat {
    id: SeatId,
    view: View,
    who: Who,
    /// Whether this seat's keys may change the walk (a helper the person made watch-only may
    /// not).
    keys: bool,
}

/// What the runner must carry out after an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Out {
    /// The walk's effect. A copy goes to the clipboard of the seat that pressed it.
    Walk(Effect),
    /// A look-along key the person pressed, or their answer to "may someone look along?".
    Look(LookCommand),
    /// A helper asked to stop looking along (q, Ctrl-C).
    Leave,
}

/// One walk and its seats.
#[derive(Debug, Clone)]
pub struct Core {
    walk: Walk,
    seats: Vec<Seat>,
    next: u32,
}

impl Core {
    /// A walk shown to the person in `view`.
    pub fn new(walk: Walk, view: View) -> Core {
        let mut core = Core {
            walk,
            seats: Vec::new(),
            next: 1,
        };
        core.seat(Who::Person, view);
        core
    }

    /// Gives someone a seat: the person's (when it is free: they came back), or a new
    /// helper's. Returns the seat, or `None` when the person's seat is taken.
    pub fn seat(&mut self, who: Who, mut view: View) -> Option<SeatId> {
        let id = match who {
            Who::Person if self.has(PERSON) => return None,
            Who::Person => PERSON,
            Who::Helper => {
                let id = SeatId(self.next);
                self.next += 1;
                id
            }
        };
        view.follow(&self.walk);
        self.seats.push(Seat {
            id,
            view,
            who,
            keys: true,
        });
        Some(id)
    }

    /// Takes a seat away; its view goes with it.
    pub fn unseat(&mut self, id: SeatId) -> Option<View> {
        let i = self.index(id)?;
        Some(self.seats.remove(i).view)
    }

    pub fn has(&self, id: SeatId) -> bool {
        self.index(id).is_some()
    }

    /// The seats, the person's first when it is taken.
    pub fn seat_ids(&self) -> Vec<SeatId> {
        let mut ids: Vec<SeatId> = self.seats.iter().map(|s| s.id).collect();
        ids.sort();
        ids
    }

    /// The helpers' seats.
    pub fn helpers(&self) -> Vec<SeatId> {
        self.seats
            .iter()
            .filter(|s| s.who == Who::Helper)
            .map(|s| s.id)
            .collect()
    }

    pub fn who(&self, id: SeatId) -> Option<Who> {
        self.index(id).map(|i| self.seats[i].who)
    }

    /// Lets a seat's keys change the walk, or not (watch-only).
    pub fn set_keys(&mut self, id: SeatId, keys: bool) {
        if let Some(i) = self.index(id) {
            self.seats[i].keys = keys;
        }
    }

    pub fn keys(&self, id: SeatId) -> bool {
        self.index(id).is_some_and(|i| self.seats[i].keys)
    }

    fn index(&self, id: SeatId) -> Option<usize> {
        self.seats.iter().position(|s| s.id == id)
    }

    pub fn walk(&self) -> &Walk {
        &self.walk
    }

    pub fn view(&self, id: SeatId) -> Option<&View> {
        self.index(id).map(|i| &self.seats[i].view)
    }

    /// A seat's view, to change what the runner shows in it (look-along's words, a box).
    pub fn view_mut(&mut self, id: SeatId) -> Option<&mut View> {
        let i = self.index(id)?;
        Some(&mut self.seats[i].view)
    }

    /// The walk, changed by `f` outside the walk's actions (the runner's set-up: where links
    /// go, saved progress); every view follows.
    pub fn map_walk(&mut self, f: impl FnOnce(Walk) -> Walk) {
        let script = self.walk.script_arc().clone();
        let now = self.walk.now();
        let walk = std::mem::replace(&mut self.walk, Walk::new(script, now));
        self.walk = f(walk);
        self.follow();
    }

    /// A seat's view, changed by `f` (its theme, its time zone).
    pub fn map_view(&mut self, id: SeatId, f: impl FnOnce(View) -> View) {
        if let Some(i) = self.index(id) {
            let seat = &mut self.seats[i];
            let lang = seat.view.lang();
            let view = std::mem::replace(&mut seat.view, View::new(lang, (1, 1)));
            seat.view = f(view);
            seat.view.follow(&self.walk);
        }
    }

    /// An event at seat `id`: its view turns it into actions (or changes itself), the walk
    /// changes, every view follows. An event for a seat that is not there does nothing.
    pub fn input(&mut self, id: SeatId, event: Event) -> Vec<Out> {
        let out = self.input_unfollowed(id, event);
        self.follow();
        out
    }

    /// The same for a key typed into a field, as one of many in a row (a paste): the views
    /// are not laid out again after it. Call [`Core::follow_views`] after the last one; a
    /// paste so costs one layout, not one per character. Any other event follows first.
    pub fn type_in_field(&mut self, id: SeatId, event: Event) -> Vec<Out> {
        self.input_unfollowed(id, event)
    }

    /// Whether `event` is a key typed into the field being edited (a character, Backspace,
    /// Delete): one [`Core::type_in_field`] may take.
    pub fn is_typing(&self, event: &Event) -> bool {
        use crossterm::event::{KeyCode, KeyModifiers};
        let Event::Key(key) = event else {
            return false;
        };
        self.walk.editing().is_some()
            && key.kind == KeyEventKind::Press
            && key.modifiers - KeyModifiers::SHIFT == KeyModifiers::NONE
            && matches!(
                key.code,
                KeyCode::Char(_) | KeyCode::Backspace | KeyCode::Delete
            )
    }

    /// Lays out every view for the walk as it is now (after keys typed in a field).
    pub fn follow_views(&mut self) {
        self.follow();
    }

    fn input_unfollowed(&mut self, id: SeatId, event: Event) -> Vec<Out> {
        let Some(i) = self.index(id) else {
            return vec![];
        };
        let walk = &self.walk;
        let seat = &mut self.seats[i];
        let pressed = event.is_press();
        let before = seat.view.marks();
        if let Event::Key(key) = &event
            && key.kind == KeyEventKind::Release
        {
            return vec![];
        }
        let actions = match take(&mut seat.view, walk, event) {
            Taken::Actions(actions) => actions,
            Taken::Look(command) => return vec![Out::Look(command)],
        };
        let (who, keys) = (seat.who, seat.keys);
        // Nothing for the walk, and the window is as it was: a key that means nothing here (a
        // flood of them, say) costs no layout.
        if actions.is_empty() && seat.view.marks() == before {
            return vec![];
        }
        let mut out = Vec::new();
        for action in actions {
            if who == Who::Helper && pressed {
                match action {
                    // A helper's q or Ctrl-C ends their own looking along, never the walk.
                    Action::Quit | Action::Interrupt => {
                        out.push(Out::Leave);
                        continue;
                    }
                    // Watch-only: the helper's own window changed; the walk does not.
                    _ if !keys => continue,
                    // Only the person answers the walk's questions.
                    _ if self.walk.dialog().is_some() => continue,
                    _ => {}
                }
            }
            out.extend(self.walk.update(action).into_iter().map(Out::Walk));
        }
        out
    }

    /// An action for the walk straight away, as the person's (plain mode speaks in actions,
    /// not keys).
    pub fn act(&mut self, action: Action) -> Vec<Effect> {
        let effects = self.walk.update(action);
        self.follow();
        effects
    }

    /// The "sent" records as merged with another copy's (`Walk::take_sent`); every view
    /// follows.
    pub fn take_sent(&mut self, sent: &[Sent]) {
        self.walk.take_sent(sent);
        self.follow();
    }

    /// The time is now `now`: for the countdown, before every frame.
    pub fn tick(&mut self, now: DateTime<Utc>) {
        self.walk.update(Action::Tick(now));
        self.follow();
    }

    /// Every view follows the walk (after it changed by any seat).
    fn follow(&mut self) {
        for seat in &mut self.seats {
            seat.view.follow(&self.walk);
        }
    }

    /// Draws seat `id`'s screen; returns the URLs on it where they are drawn (for OSC 8).
    pub fn draw(&self, id: SeatId, frame: &mut Frame) -> Vec<Hyperlink> {
        match self.index(id) {
            Some(i) => self.seats[i].view.draw(&self.walk, frame),
            None => vec![],
        }
    }

    /// When the page next looks different with nothing pressed (the countdown).
    pub fn next_tick(&self) -> Option<DateTime<Utc>> {
        self.walk.next_tick()
    }

    /// What is worth keeping between runs. Never the email address.
    pub fn progress(&self) -> Progress {
        self.walk.progress()
    }

    pub fn should_quit(&self) -> bool {
        self.walk.should_quit()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::*;
    use bezwaar_core::text::Lang;
    use bezwaar_core::walk::Question;

    fn key(code: KeyCode) -> Event {
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    fn core() -> Core {
        let script = Arc::new(bezwaar_core::script::embedded().unwrap());
        let walk = Walk::new(script, chrono::Utc::now());
        Core::new(walk, View::new(Lang::Nl, (80, 24)))
    }

    #[test]
    fn a_helpers_keys_move_the_walk_for_everyone() {
        let mut core = core();
        let helper = core
            .seat(Who::Helper, View::new(Lang::En, (60, 20)))
            .unwrap();
        core.input(helper, key(KeyCode::Right));
        assert_eq!(core.walk().page_index(), 1);
        core.input(PERSON, key(KeyCode::Right));
        assert_eq!(core.walk().page_index(), 2);
        // Each window keeps its own language.
        core.input(
            helper,
            Event::Key(KeyEvent::new(KeyCode::Char('L'), KeyModifiers::SHIFT)),
        );
        let helpers = core.view(helper).unwrap().lang();
        assert_ne!(
            helpers,
            Lang::En,
            "the helper's L switched the helper's window"
        );
        assert_eq!(
            core.view(PERSON).unwrap().lang(),
            Lang::Nl,
            "not the person's"
        );
        core.input(
            PERSON,
            Event::Key(KeyEvent::new(KeyCode::Char('L'), KeyModifiers::SHIFT)),
        );
        assert_eq!(core.view(PERSON).unwrap().lang(), Lang::En);
        assert_eq!(core.view(helper).unwrap().lang(), helpers);
    }

    #[test]
    fn a_helper_never_ends_the_walk_or_answers_its_questions() {
        let mut core = core();
        let helper = core
            .seat(Who::Helper, View::new(Lang::En, (80, 24)))
            .unwrap();
        assert_eq!(
            core.input(helper, key(KeyCode::Char('q'))),
            vec![Out::Leave]
        );
        let ctrl_c = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
        assert_eq!(core.input(helper, ctrl_c), vec![Out::Leave]);
        assert!(!core.should_quit());
        // The person asks "stop?": the helper's Enter and arrows do not answer it.
        core.input(PERSON, key(KeyCode::Char('q')));
        assert_eq!(
            core.walk().dialog().map(|d| d.question),
            Some(Question::Quit)
        );
        core.input(helper, key(KeyCode::Down));
        core.input(helper, key(KeyCode::Enter));
        assert!(!core.should_quit());
        assert_eq!(core.walk().dialog().map(|d| d.answers.marked()), Some(0));
        // The person's own answer does.
        assert_eq!(
            core.input(PERSON, key(KeyCode::Char('q'))),
            vec![Out::Walk(Effect::Quit)]
        );
    }

    #[test]
    fn a_watch_only_helper_changes_their_own_window_only() {
        let mut core = core();
        let helper = core
            .seat(Who::Helper, View::new(Lang::En, (80, 24)))
            .unwrap();
        core.set_keys(helper, false);
        core.input(helper, key(KeyCode::Right));
        core.input(helper, key(KeyCode::Enter));
        assert_eq!(core.walk().page_index(), 0);
        core.input(helper, key(KeyCode::Char('?')));
        assert!(core.view(helper).unwrap().help_scroll().is_some());
        assert!(core.view(PERSON).unwrap().help_scroll().is_none());
        core.set_keys(helper, true);
        core.input(helper, key(KeyCode::Esc));
        core.input(helper, key(KeyCode::Right));
        assert_eq!(core.walk().page_index(), 1);
    }

    #[test]
    fn the_person_comes_back_to_their_own_seat() {
        let mut core = core();
        let helper = core
            .seat(Who::Helper, View::new(Lang::En, (80, 24)))
            .unwrap();
        assert!(
            core.seat(Who::Person, View::new(Lang::Nl, (80, 24)))
                .is_none()
        );
        core.unseat(PERSON);
        core.input(helper, key(KeyCode::Right));
        assert_eq!(
            core.seat(Who::Person, View::new(Lang::Nl, (80, 24))),
            Some(PERSON)
        );
        assert_eq!(core.walk().page_index(), 1);
        assert_eq!(core.seat_ids(), vec![PERSON, helper]);
    }
}
