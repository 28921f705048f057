//! Looking along, at a walk: the person's invite (its code, how long it works, a new one
//! when others tried near it too often), helpers knocking and waiting for the person's yes,
//! the person's look-along keys, and what every seat's look-along box shows.

use std::time::Duration;

use tokio::time::Instant;

use super::{Knock, MAX_HELPERS, Room};
use crate::desk::Voided;
use crate::journal::Why;
use crate::seat;
use crate::words::{self, Line, WORDS};
use bezwaar_core::walk::Answers;
use bezwaar_view::runner::{PERSON, Who};
use bezwaar_view::ui::View;
use bezwaar_view::ui::seat::{Invite, Look, LookBox, LookCommand, Ticket};

/// The longest a helper waits for the person's answer (shorter with a short idle timeout).
const CONSENT_WAIT: Duration = Duration::from_secs(120);

impl Room {
    pub(super) fn consent_wait(&self) -> Duration {
        CONSENT_WAIT.min(self.shared.options.idle_timeout)
    }

    pub(super) fn ticket(&self, code: &str) -> Ticket {
        Ticket {
            code: code.to_owned(),
            address: self.address.clone(),
        }
    }

    /// Sets every seat's look-along: who is watching, whether the helpers may press keys,
    /// whether the person is here, the person's come-back code, the question to them.
    pub(super) fn refresh(&mut self) {
        let helpers = self.core.helpers().len();
        let person_here = self.core.has(PERSON);
        let come_back = (self.shared.desk().limits().max_held > 0).then(|| {
            (
                self.ticket(&self.come_back),
                self.shared.options.hold.as_secs(),
            )
        });
        let asking = !self.pending.is_empty();
        for id in self.core.seat_ids() {
            let Some(view) = self.core.view_mut(id) else {
                continue;
            };
            let who = if id == PERSON {
                Who::Person
            } else {
                Who::Helper
            };
            if view.look().is_none() {
                view.set_look(Some(Look::new(&WORDS, who)));
            }
            let Some(look) = view.look_mut() else {
                continue;
            };
            look.helpers = helpers;
            look.watch_only = self.watch_only;
            look.person_away = !person_here;
            if who == Who::Person {
                look.come_back = come_back.clone();
                let consent = matches!(look.shown, Some(LookBox::Consent(_)));
                if asking && !consent {
                    look.shown = Some(LookBox::Consent(Answers::default()));
                } else if !asking && consent {
                    look.shown = None;
                }
            }
        }
    }

    fn person_look(&mut self) -> Option<&mut Look> {
        self.core.view_mut(PERSON)?.look_mut()
    }

    /// Something from a seat's tasks. `Some`: the walk ends.
    /// A look-along key of the person's.
    pub(super) fn look(&mut self, command: LookCommand) {
        match command {
            LookCommand::Invite => {
                let helpers = self.core.helpers().len() + self.pending.len();
                let shown = if helpers >= MAX_HELPERS {
                    Invite::Full
                } else {
                    let now = std::time::Instant::now();
                    let made = self.shared.desk().invite(self.id, now);
                    match made {
                        Some((code, until)) => {
                            let secs = until.saturating_duration_since(now).as_secs();
                            self.invite = Some(Instant::from_std(until));
                            Invite::Code {
                                ticket: self.ticket(&code),
                                secs,
                            }
                        }
                        None => Invite::Void,
                    }
                };
                if let Some(look) = self.person_look() {
                    look.words = &WORDS;
                    look.shown = Some(LookBox::Invite(shown));
                }
            }
            LookCommand::WatchOnly => {
                self.watch_only = !self.watch_only;
                for helper in self.core.helpers() {
                    self.core.set_keys(helper, !self.watch_only);
                }
                self.refresh();
            }
            LookCommand::End => {
                self.shared.desk().uninvite(self.id);
                self.invite = None;
                for helper in self.core.helpers() {
                    let line = words::line(self.lang(helper), Line::Ended);
                    self.unseat(helper, Some(line), Why::Ended, 0);
                }
                self.answer_all(Line::Ended);
                self.watch_only = false;
                self.refresh();
            }
            LookCommand::Consent(yes) => self.answer(yes, Line::Refused),
        }
    }

    /// The person's answer to the first helper waiting (or the time ran out: `no`).
    pub(super) fn answer(&mut self, yes: bool, no: Line) {
        let Some((mut tty, _)) = self.pending.pop_front() else {
            return;
        };
        // A helper who left while waiting needs neither a seat nor an answer.
        if tty.keys.is_closed() {
            self.refresh();
            return;
        }
        if yes && self.core.has(PERSON) {
            // What the helper typed while waiting is dropped, never acted on after the yes
            // (their waiting screen said so).
            while tty.keys.try_recv().is_ok() {}
            let size = *tty.size.borrow_and_update();
            let view = View::new(tty.lang, size).with_look(Look::new(&WORDS, Who::Helper));
            if let Some(id) = self.core.seat(Who::Helper, view) {
                self.core.set_keys(id, !self.watch_only);
                tty.place.start_helper();
                self.plumb(id, tty);
            }
        } else {
            seat::refuse_later_with(tty, no);
        }
        self.refresh();
    }

    pub(super) fn answer_all(&mut self, no: Line) {
        while let Some((tty, _)) = self.pending.pop_front() {
            seat::refuse_later_with(tty, no);
        }
    }

    pub(super) fn knock(&mut self, knock: Knock) {
        match knock {
            Knock::Helper(tty) => {
                // The invite was used: the code is gone, the box makes way for the question.
                self.invite = None;
                if let Some(look) = self.person_look()
                    && matches!(look.shown, Some(LookBox::Invite(_)))
                {
                    look.shown = None;
                }
                if !self.core.has(PERSON) {
                    seat::refuse_later_with(tty, Line::Away);
                } else if self.core.helpers().len() + self.pending.len() >= MAX_HELPERS {
                    seat::refuse_later_with(tty, Line::Full);
                } else {
                    let waiting = format!(
                        "{}\r\n{}",
                        words::line(tty.lang, Line::Waiting),
                        words::line(tty.lang, Line::WaitingKeys)
                    );
                    seat::tell(&tty, &waiting);
                    self.pending.push_back((tty, Instant::now()));
                }
            }
            Knock::Person(mut tty) => {
                let size = *tty.size.borrow_and_update();
                let view = View::new(tty.lang, size).with_look(Look::new(&WORDS, Who::Person));
                match self.core.seat(Who::Person, view) {
                    Some(id) => {
                        tty.place.start_person();
                        self.plumb(id, tty);
                        self.shared.desk().person_here(self.id, true);
                    }
                    None => seat::refuse_later_with(tty, Line::WrongCode),
                }
            }
            // Others tried codes near the invite's too often: the person sees the new one,
            // and why.
            Knock::Voided(Voided::Look(code, until)) => self.replace_invite(code, until),
            Knock::Voided(Voided::ComeBack(code)) => self.come_back = code,
        }
        self.refresh();
    }

    fn replace_invite(&mut self, code: String, until: std::time::Instant) {
        self.invite = Some(Instant::from_std(until));
        let secs = until
            .saturating_duration_since(std::time::Instant::now())
            .as_secs();
        let ticket = self.ticket(&code);
        if let Some(look) = self.person_look() {
            look.words = &words::REPLACED;
            look.shown = Some(LookBox::Invite(Invite::Code { ticket, secs }));
        }
    }

    pub(super) fn expire_invite(&mut self) {
        self.invite = None;
        self.shared.desk().uninvite(self.id);
        if let Some(look) = self.person_look()
            && matches!(look.shown, Some(LookBox::Invite(Invite::Code { .. })))
        {
            look.shown = Some(LookBox::Invite(Invite::Void));
        }
    }
}
