//! What an action does: [`Walk::update`], pure (it returns the [`Effect`]s for the runner to
//! carry out), Enter on an item, and where focus goes after it.

use crate::deadline::Countdown;
use crate::progress::Notice;
use crate::text::Keeping;

use super::{Action, Edit, Effect, Item, Line, Question, Reason, Status, Walk, next_revision};

impl Item {
    /// Items that belong together (the answers of one question): an answer moves focus
    /// past the whole group. `None`: an item on its own.
    fn group(self) -> Option<(u8, usize)> {
        match self {
            Item::Choose(_) => Some((1, 0)),
            Item::Reason(_) => Some((2, 0)),
            Item::Answer(i, _) => Some((3, i)),
            _ => None,
        }
    }
}

impl Walk {
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        if let Action::Tick(now) = action {
            // A tick that changes no word on any screen keeps the revision, so a view keeps
            // its layout (the runners tick before every frame).
            let shows = |w: &Walk| {
                (
                    w.countdown().map(Countdown::shown),
                    w.script.is_stale(w.now),
                )
            };
            let before = shows(self);
            self.now = now;
            if shows(self) != before {
                self.revision = next_revision();
            }
            return vec![];
        }
        self.revision = next_revision();
        match action {
            Action::Interrupt => return self.stop(),
            Action::Notice(notice) => {
                if matches!(notice, Notice::CannotSave(_)) && self.setup.keeping == Keeping::Kept {
                    self.setup.keeping = Keeping::Failed;
                }
                self.status = Some(Status::Notice(notice));
                return vec![];
            }
            Action::OpenFailed(failure) => {
                self.open_failed(failure);
                return vec![];
            }
            Action::OpenedOnDesktop => {
                self.panel = None;
                self.status = Some(Status::OnDesktop);
                return vec![];
            }
            _ => {}
        }
        if self.dialog.is_some() {
            return self.answer(action);
        }
        if self.panel.is_some() {
            return self.panel_action(action);
        }
        match action {
            Action::Next => {
                if let Some(n) = self.next_page() {
                    self.go_to(n);
                }
            }
            Action::Back => {
                if let Some(n) = self.previous_page() {
                    self.go_to(n);
                }
            }
            Action::GoTo(n) => {
                if self.reachable(n) {
                    self.go_to(n);
                }
            }
            Action::First => self.go_to(0),
            Action::Last => {
                let last = self.last_reachable();
                self.go_to(last);
            }
            Action::Focus(item) => {
                if self.items().contains(&item) {
                    self.focus = Some(item);
                }
            }
            Action::FocusNext => self.step_focus(1),
            Action::FocusPrev => self.step_focus(-1),
            Action::Activate => {
                if let Some(item) = self.focus {
                    return self.act_on(item);
                }
                match (self.next_page(), self.offers.first()) {
                    (Some(n), _) => self.go_to(n),
                    // The end: on to the walkthrough offered next, if there is one.
                    (None, Some(offer)) => return vec![Effect::Switch(offer.id.clone())],
                    // Else Enter offers to stop, and the question's Enter goes on.
                    (None, None) => self.ask(Question::Quit),
                }
            }
            Action::Pick(item) => {
                if self.items().contains(&item) {
                    // Choosing a field's item again (plain mode) is a fresh start in it.
                    self.focus = Some(item);
                    if self.editing().is_none() {
                        return self.act_on(item);
                    }
                }
            }
            Action::Edit(edit) => self.edit(edit),
            Action::SetText(text) => {
                let Some(field) = self.editing() else {
                    return vec![];
                };
                *self.area(field) = Line::default();
                for c in text.chars() {
                    self.edit(Edit::Insert(c));
                }
            }
            Action::Copy(lang) => {
                let effects = self.copy(lang);
                // The copy button did its work: on to what comes next.
                if matches!(self.focus, Some(Item::Copy(_))) {
                    self.focus_after(self.focus);
                }
                return effects;
            }
            Action::Quit => self.ask(Question::Quit),
            Action::Close => {
                if self.editing().is_some() {
                    self.focus_after(self.focus);
                }
            }
            Action::StartOver
            | Action::Interrupt
            | Action::Tick(_)
            | Action::Notice(_)
            | Action::OpenFailed(_)
            | Action::OpenedOnDesktop => {}
        }
        vec![]
    }

    pub(super) fn stop(&mut self) -> Vec<Effect> {
        self.quit = true;
        vec![Effect::Quit]
    }

    /// Enter on `item`: open a link, pick an answer, finish typing, copy, tick a box, go on.
    /// After it, focus moves on to what comes next, so the next Enter goes forward, never
    /// back to the same thing.
    fn act_on(&mut self, item: Item) -> Vec<Effect> {
        self.focus = Some(item);
        let mut effects = vec![];
        match item {
            Item::Link(i) => {
                effects = self.open(i);
                self.focus_after(Some(item));
            }
            Item::Choose(picked) => {
                self.picked = Some(picked);
                self.focus_after(Some(item));
            }
            Item::Email => self.focus_after(Some(item)),
            Item::Reason(Reason::Own) if self.reason == Some(Reason::Own) => {
                self.focus_after(Some(item));
            }
            Item::Reason(reason) => {
                self.reason = Some(reason);
                // Their own words: the field opens under it, ready for typing.
                if reason != Reason::Own {
                    self.focus_after(Some(item));
                }
            }
            // A copy takes the language of whoever pressed it: it arrives as Action::Copy.
            Item::Copy(_) => {}
            // "Yes": only this answer, chosen on purpose, records the form as sent.
            Item::Answer(i, true) => {
                if let Some(slot @ None) = self.sent.get_mut(i) {
                    *slot = Some(self.now);
                }
                // A "not yet" said before is no longer true.
                if self.status == Some(Status::NotYet) {
                    self.status = None;
                }
                self.focus_after(Some(item));
            }
            // "Not yet" when the form was marked sent: take that back only if they are sure.
            Item::Answer(i, false) if self.yes_at(i).is_some() => self.ask(Question::TakeBack(i)),
            Item::Answer(_, false) => {
                self.status = Some(Status::NotYet);
                self.focus_after(Some(item));
            }
            Item::Back(page) => {
                if self.reachable(page) {
                    self.go_to(page);
                }
            }
            Item::Next => {
                if let Some(n) = self.next_page() {
                    self.go_to(n);
                }
            }
            Item::Offer(i) => {
                if let Some(offer) = self.offers.get(i) {
                    return vec![Effect::Switch(offer.id.clone())];
                }
            }
        }
        effects
    }

    /// Moves focus to the first item after `item` and its group (the other answers of a
    /// question); stays when nothing comes after.
    fn focus_after(&mut self, item: Option<Item>) {
        let Some(item) = item else { return };
        let items = self.items();
        let Some(at) = items.iter().position(|&i| i == item) else {
            return;
        };
        let group = item.group();
        let next = items[at + 1..]
            .iter()
            .find(|i| group.is_none() || i.group() != group)
            .copied();
        if let Some(next) = next {
            self.focus = Some(next);
        }
    }

    pub(super) fn go_to(&mut self, page: usize) {
        self.page = page;
        if !matches!(self.status, Some(Status::Notice(_))) || page != 0 {
            self.status = None;
        }
        self.panel = None;
        let items = self.items();
        // Start on the first thing to do: past a choice already made, on the first item;
        // never on a button back (Enter on arrival goes forward, or ends).
        let forward = items
            .iter()
            .copied()
            .filter(|i| !matches!(i, Item::Back(_)));
        self.focus = if self.picked.is_some() {
            let mut rest = forward.clone().filter(|i| !matches!(i, Item::Choose(_)));
            rest.next().or(forward.clone().next())
        } else {
            forward.clone().next()
        };
    }

    /// Tab: the next or previous item, round the page.
    fn step_focus(&mut self, delta: isize) {
        let items = self.items();
        let n = items.len() as isize;
        if n == 0 {
            return;
        }
        let at = self.focus.and_then(|f| items.iter().position(|&i| i == f));
        let j = match at {
            None if delta > 0 => 0,
            None => n - 1,
            Some(i) => (i as isize + delta).rem_euclid(n),
        };
        self.focus = Some(items[j as usize]);
    }
}
