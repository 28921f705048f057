//! What every runner needs, whatever its terminal: the [`Core`] it drives (one walk, the
//! seats that look at it), the clock the walk sees, and saving progress whenever it changed.

pub mod plain;
pub mod seats;

use std::time::{Duration, Instant};

use chrono::{DateTime, TimeDelta, Utc};

use std::path::PathBuf;
use std::sync::Arc;

use bezwaar_core::progress::{Notice, Progress, Stamp, Store, merge};
use bezwaar_core::shelf::Shelf;
use bezwaar_core::walk::{Action, Walk};

pub use self::seats::{Core, Out, PERSON, SeatId, Who};

/// The time as the walk sees it: the real clock, or a fixed start (`--now`) that runs on.
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
///
/// Another copy of bezwaar may write the same file (a helper's SSH login beside the person's
/// window): every save merges what it recorded (`Store::save_merged`), and a file another
/// copy wrote is read again at the next input even when this walk did not change, so this
/// screen shows that copy's records too.
pub struct Saver {
    store: Store,
    /// The walk's progress as the file held it when last read or written: the merge's base,
    /// and what needs no writing.
    base: Progress,
    /// The file as it was then.
    seen: Option<Stamp>,
    failed: bool,
    /// Something to tell the person at the next save.
    notice: Option<Notice>,
}

impl Saver {
    /// A saver that counts `core`'s progress now as already saved (it was just read, or
    /// there is none). A folder that holds saved progress but cannot be written is said
    /// at once: the questions then promise nothing.
    pub fn new(store: Store, core: &mut Core) -> Saver {
        let mut saver = Saver {
            base: core.progress(),
            seen: store.stamp(),
            failed: false,
            notice: None,
            store,
        };
        if let Err(e) = saver.store.writable() {
            saver.failed = true;
            core.act(Action::Notice(Notice::CannotSave(e.to_string())));
        }
        saver
    }

    /// The person started over: the saved file is kept aside (renamed, never deleted), and
    /// the fresh walk is saved from now on.
    pub fn start_over(&mut self, now: DateTime<Utc>) {
        if let Err(e) = self.store.set_aside_for_start_over(now) {
            self.failed = true;
            self.notice = Some(Notice::CannotSave(e.to_string()));
        }
        self.base = Progress::default();
        self.seen = self.store.stamp();
    }

    pub fn save(&mut self, core: &mut Core) {
        if let Some(notice) = self.notice.take() {
            core.act(Action::Notice(notice));
        }
        if self.failed {
            return;
        }
        let ours = core.progress();
        if ours == self.base {
            // Nothing to write; another copy may have written since.
            let stamp = self.store.stamp();
            if stamp != self.seen {
                self.seen = stamp;
                let merged = merge(&self.base, &ours, self.store.current().as_ref());
                self.take(core, &ours, &merged);
            }
            return;
        }
        match self.store.save_merged(&self.base, &ours) {
            Ok((merged, stamp)) => {
                self.seen = stamp;
                self.take(core, &ours, &merged);
            }
            Err(e) => {
                self.failed = true;
                core.act(Action::Notice(Notice::CannotSave(e.to_string())));
            }
        }
    }

    /// The walk takes the merged records; the file, as this walk sees it, is the new base.
    fn take(&mut self, core: &mut Core, ours: &Progress, merged: &Progress) {
        if merged.sent != ours.sent {
            core.take_sent(&merged.sent);
        }
        self.base = core.progress();
    }
}

/// Opens walkthroughs for a runner: the first walk (the chooser, or the one asked for), and
/// each one the person goes to after it, with its own saved progress.
#[derive(Debug, Clone)]
pub struct Opener {
    shelf: Arc<Shelf>,
    /// The folder progress is kept in, a file per walkthrough; `None`: nothing is kept.
    state: Option<PathBuf>,
    /// The walkthroughs opened in this sitting, in order.
    opened: Vec<String>,
}

/// A walk as an [`Opener`] opened it: where its progress is kept, and what to tell the
/// person about that.
pub struct Opened {
    pub walk: Walk,
    pub store: Store,
    pub notice: Option<Notice>,
}

impl Opener {
    pub fn new(shelf: Arc<Shelf>, state: Option<PathBuf>) -> Opener {
        Opener {
            shelf,
            state,
            opened: Vec::new(),
        }
    }

    pub fn shelf(&self) -> &Shelf {
        &self.shelf
    }

    /// The first walk, seen through the runner `like` describes (where links go, a
    /// desktop): walkthrough `id` when asked for, else the chooser when there are several,
    /// else the one.
    pub fn start(&mut self, id: Option<&str>, like: &Walk) -> Opened {
        let id = id
            .map(str::to_owned)
            .or_else(|| (self.shelf.len() == 1).then(|| self.shelf.first().0.to_owned()));
        if let Some(opened) = id.and_then(|id| self.open(&id, like)) {
            return opened;
        }
        let walk = self
            .shelf
            .chooser(like.now())
            .with_setup(like.setup())
            .with_kept_progress(self.state.is_some());
        Opened {
            walk,
            store: Store::none(),
            notice: None,
        }
    }

    /// Walkthrough `id`, seen through the same runner as `like`, at its saved progress;
    /// its last page offers the next one not opened yet. `None`: no such walkthrough.
    pub fn open(&mut self, id: &str, like: &Walk) -> Option<Opened> {
        let script = self.shelf.get(id)?.clone();
        if !self.opened.iter().any(|o| o == id) {
            self.opened.push(id.to_owned());
        }
        let first = self.shelf.first().0 == id;
        let store = match &self.state {
            Some(folder) => Store::in_folder(folder, id, first),
            None => Store::none(),
        };
        let (saved, notice) = store.load(like.now());
        let mut walk = like
            .sibling(script)
            .with_kept_progress(store.path().is_some());
        if let Some(saved) = &saved {
            walk = walk.resume(saved);
        }
        let walk = walk.with_offers(self.shelf.offers_after(&self.opened));
        Some(Opened {
            walk,
            store,
            notice,
        })
    }
}
