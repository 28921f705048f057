//! What every runner needs, whatever its terminal: the [`Core`] it drives (one walk, the
//! seats that look at it), the clock the walk sees, and saving progress whenever it changed.

pub mod plain;
pub mod seats;

use std::time::{Duration, Instant};

use chrono::{DateTime, TimeDelta, Utc};

use crate::app::{App, Event};
use crate::progress::{Notice, Progress, Store};
use crate::walk::Action;

pub use self::seats::{Core, Input, Out, PERSON, SeatId, Who};

/// What a [`Saver`] keeps: a walk's progress, and a way to tell the person about saving.
pub trait Kept {
    fn progress(&self) -> Progress;
    /// Shows `notice` in the status line.
    fn notice(&mut self, notice: Notice);
}

impl Kept for App {
    fn progress(&self) -> Progress {
        App::progress(self)
    }
    fn notice(&mut self, notice: Notice) {
        self.update(Event::Notice(notice));
    }
}

impl Kept for Core {
    fn progress(&self) -> Progress {
        Core::progress(self)
    }
    fn notice(&mut self, notice: Notice) {
        self.act(Action::Notice(notice));
    }
}

/// The time as the App sees it: the real clock, or a fixed start (`--now`) that runs on.
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    start: Instant,
    at: DateTime<Utc>,
}

impl Clock {
    pub fn system() -> Clock {
        Clock::starting_at(Utc::now())
    }

    pub fn starting_at(at: DateTime<Utc>) -> Clock {
        Clock {
            start: Instant::now(),
            at,
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        let elapsed = TimeDelta::from_std(self.start.elapsed()).unwrap_or(TimeDelta::zero());
        self.at + elapsed
    }

    /// How long until the clock reads `at` (nothing when it is past).
    pub fn until(&self, at: DateTime<Utc>) -> Duration {
        (at - self.now()).to_std().unwrap_or(Duration::ZERO)
    }
}

/// Writes progress whenever it changed. The first failure is shown on screen once; the walk
/// goes on without saving.
pub struct Saver {
    store: Store,
    last: Progress,
    failed: bool,
    /// Something to tell the person at the next save.
    notice: Option<Notice>,
}

impl Saver {
    /// A saver that counts `kept`'s progress now as already saved.
    pub fn new(store: Store, kept: &impl Kept) -> Saver {
        Saver {
            store,
            last: kept.progress(),
            failed: false,
            notice: None,
        }
    }

    /// The person started over: the saved file is kept aside (renamed, never deleted), and
    /// the fresh walk is saved from now on.
    pub fn start_over(&mut self, now: DateTime<Utc>) {
        if let Err(e) = self.store.set_aside_for_start_over(now) {
            self.failed = true;
            self.notice = Some(Notice::CannotSave(e.to_string()));
        }
        self.last = Progress::default();
    }

    pub fn save(&mut self, kept: &mut impl Kept) {
        if let Some(notice) = self.notice.take() {
            kept.notice(notice);
        }
        let now = kept.progress();
        if now == self.last || self.failed {
            return;
        }
        match self.store.save(&now) {
            Ok(()) => self.last = now,
            Err(e) => {
                self.failed = true;
                kept.notice(Notice::CannotSave(e.to_string()));
            }
        }
    }
}
