//! One walk over SSH and its seats: the person's, and up to two helpers' who look along, each
//! at their own window size and in their own language. The runner [`Core`] holds the walk and
//! the views; this task feeds it the seats' keys and sizes, carries out what comes back (a
//! copy to the clipboard of the seat that pressed it, a look-along key), draws every seat after
//! every change, and keeps the time: the countdown, the idle warning and close, how long a
//! helper waits for a yes, how long an invite works.
//!
//! It ends when the person quits, when nobody presses a key for the idle timeout, when the
//! server stops, or when every seat has gone. A walk that ends without the person quitting
//! (and not by the server stopping) is held at the desk to come back to.
//!
//! Its keys are in `room/keys.rs`; looking along (the invite, helpers knocking, the person's
//! yes) in `room/look.rs`.

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio::time::{Instant, sleep_until};

mod keys;
mod look;

use super::desk::{KeyHash, RoomId, Voided};
use super::journal::Why;
use super::say::{Say, say};
use super::seat::{self, Gone, Msg, Pipe, Screen, Tty};
use super::shared::Shared;
use super::words::{self, Line, WORDS};
use bezwaar_core::progress::Progress;
use bezwaar_core::text::Lang;
use bezwaar_core::walk::Walk;
use bezwaar_view::app::Event;
use bezwaar_view::backend::draw_seat;
use bezwaar_view::links::Hyperlink;
use bezwaar_view::runner::{Core, Opener, PERSON, SeatId};
use bezwaar_view::ui::View;
use bezwaar_view::ui::seat::{Address, Look, LookBox, Who};

/// Helpers at most per walk, those waiting for the person's yes included.
pub(super) const MAX_HELPERS: usize = 2;
/// At most this many queued inputs become one frame.
const BATCH: usize = 32;
/// While the link panel is open (the person is on the phone with the form), the idle timer
/// waits this long.
const PANEL_IDLE: Duration = Duration::from_secs(3600);
/// The idle warning comes this long before the close (half the idle time, when that is
/// shorter than two of these).
const WARN_BEFORE: Duration = Duration::from_secs(60);

/// What comes to a walk from outside: someone who wants a seat, or news from the desk.
pub(super) enum Knock {
    /// A helper with a look-along code: the person is asked first.
    Helper(Tty),
    /// The person is back (by their come-back code or key).
    Person(Tty),
    /// A code of this walk is void now.
    Voided(Voided),
}

/// How the desk reaches a walk.
pub(super) type Door = mpsc::Sender<Knock>;

struct Seat {
    id: SeatId,
    pipe: Pipe,
    screen: Option<Screen>,
    /// The hyperlinks last written (written again only when they change).
    shown: Vec<Hyperlink>,
    size: (u16, u16),
    /// Its data bytes made into events.
    decoder: super::input::Decoder,
    forward: JoinHandle<()>,
    /// Its visitor's address: what its keys cost is charged to it.
    ip: std::net::IpAddr,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ending {
    Quit,
    Idle,
    Stopping,
    /// Every seat has gone.
    Empty,
}

struct Room {
    shared: Arc<Shared>,
    id: RoomId,
    core: Core,
    seats: Vec<Seat>,
    /// Helpers waiting for the person's answer, the first one asked now, with when they came.
    pending: VecDeque<(Tty, Instant)>,
    to_room: mpsc::Sender<Msg>,
    address: Address,
    come_back: String,
    key: Option<KeyHash>,
    /// Until when the look-along code in the person's invite box works.
    invite: Option<Instant>,
    watch_only: bool,
    last_press: Instant,
    /// The last key closed the link panel: the idle time stays the panel's until the next.
    after_link: bool,
    warned: bool,
    events: Vec<crossterm::event::Event>,
    /// Seats whose keys were taken since the last frame: the frame is charged to them.
    typed: Vec<std::net::IpAddr>,
    /// Opens the walkthrough the person goes to next.
    opener: Opener,
    /// The id of the walkthrough on screen ([`bezwaar_core::shelf::CHOOSER`]: the chooser).
    walkthrough: String,
}

/// Runs a walk with `person` in it, new or (with `resume`) held until now, until it ends.
pub(super) async fn run(
    shared: Arc<Shared>,
    mut person: Tty,
    resume: Option<Progress>,
    key: Option<KeyHash>,
    ip: std::net::IpAddr,
    address: Address,
) {
    let (door, mut knocks) = mpsc::channel(4);
    let (to_room, mut msgs) = mpsc::channel(64);
    let (id, come_back) = shared.desk().open(door, key, ip);
    let options = &shared.options;
    // Links go to the link panel; nothing of a visitor is written to disk.
    let like = Walk::new(options.shelf.first().1.clone(), options.clock.now());
    let mut opener = Opener::new(options.shelf.clone(), None);
    let held = resume.as_ref().and_then(|saved| {
        let id = saved.walkthrough.as_deref()?;
        Some((id.to_owned(), opener.open(id, &like)?.walk.resume(saved)))
    });
    let (walkthrough, walk) = match held {
        Some(held) => held,
        None => {
            let start = options.start.as_deref();
            let opened = opener.start(start, &like);
            let id = start
                .filter(|id| options.shelf.get(id).is_some())
                .or_else(|| (options.shelf.len() == 1).then(|| options.shelf.first().0))
                .unwrap_or(bezwaar_core::shelf::CHOOSER)
                .to_owned();
            (id, opened.walk)
        }
    };
    let size = *person.size.borrow_and_update();
    let view = View::new(person.lang, size).with_look(Look::new(&WORDS, Who::Person));
    let core = Core::new(walk, view);
    person.place.start_person();
    let mut room = Room {
        shared: shared.clone(),
        id,
        core,
        seats: Vec::new(),
        pending: VecDeque::new(),
        to_room,
        address,
        come_back,
        key,
        invite: None,
        watch_only: false,
        last_press: Instant::now(),
        after_link: false,
        warned: false,
        events: Vec::new(),
        typed: Vec::new(),
        opener,
        walkthrough,
    };
    room.plumb(PERSON, person);
    room.refresh();
    let mut stop = shared.stop.clone();
    let ending = 'walk: loop {
        room.core.tick(room.shared.options.clock.now());
        let drawing = super::work::cpu_now();
        room.draw();
        room.charge_frame(drawing);
        let now = Instant::now();
        let clock = room.shared.options.clock;
        let next_tick = room.core.next_tick();
        let tick_at = now + next_tick.map_or(Duration::ZERO, |at| clock.until(at));
        let idle = room.idle_limit();
        let close_at = room.last_press + idle;
        let warn_at = close_at - warn_before(idle);
        let consent_at = room
            .pending
            .front()
            .map(|(_, since)| *since + room.consent_wait());
        let invite_at = room.invite;
        tokio::select! {
            _ = super::until(&mut stop) => break Ending::Stopping,
            received = msgs.recv() => {
                let Some(first) = received else { break Ending::Empty };
                if let Some(ending) = room.message(first) {
                    break ending;
                }
                // Whatever else is already queued goes into the same frame.
                for _ in 1..BATCH {
                    match msgs.try_recv() {
                        Ok(more) => {
                            if let Some(ending) = room.message(more) {
                                break 'walk ending;
                            }
                        }
                        Err(_) => break,
                    }
                }
            }
            Some(knock) = knocks.recv() => room.knock(knock),
            _ = sleep_until(tick_at), if next_tick.is_some() => {}
            _ = sleep_until(warn_at), if !room.warned => room.warn(idle),
            _ = sleep_until(close_at) => break Ending::Idle,
            _ = sleep_until(consent_at.unwrap_or(now)), if consent_at.is_some() => {
                room.answer(false, Line::NoAnswer);
            }
            _ = sleep_until(invite_at.unwrap_or(now)), if invite_at.is_some() => room.expire_invite(),
        }
        if room.seats.is_empty() {
            break Ending::Empty;
        }
    };
    room.end(ending);
}

fn warn_before(idle: Duration) -> Duration {
    WARN_BEFORE.min(idle / 2)
}

impl Room {
    /// The idle time now: longer while the link panel is open, and after it closed until the
    /// next key (the person may be filling in the form on a phone).
    fn idle_limit(&self) -> Duration {
        let idle = self.shared.options.idle_timeout;
        if self.core.walk().panel().is_some() || self.after_link {
            idle.max(PANEL_IDLE)
        } else {
            idle
        }
    }

    fn seat_index(&self, id: SeatId) -> Option<usize> {
        self.seats.iter().position(|s| s.id == id)
    }

    /// Gives `tty` the plumbing of seat `id` (already in the core): its screen, its pipe, its
    /// two tasks.
    fn plumb(&mut self, id: SeatId, tty: Tty) {
        let size = *tty.size.borrow();
        let ip = tty.ip;
        let mut pipe = Pipe::default();
        seat::hello(&mut pipe);
        let screen = seat::screen(size, &pipe).ok();
        let stall = seat::STALL.min(self.shared.options.idle_timeout);
        let forward = seat::start_seat(
            id,
            tty,
            pipe.clone(),
            self.to_room.clone(),
            stall,
            self.shared.work.clone(),
        );
        self.seats.push(Seat {
            id,
            pipe,
            screen,
            shown: Vec::new(),
            size,
            decoder: super::input::Decoder::new(),
            forward,
            ip,
        });
    }

    /// Draws every seat whose client keeps up; each frame goes out at once.
    fn draw(&mut self) {
        for seat in &mut self.seats {
            if !seat.pipe.open() {
                continue;
            }
            if let Some(screen) = &mut seat.screen {
                let _ = draw_seat(screen, &self.core, seat.id, &mut seat.shown);
            }
            seat.pipe.send();
        }
    }

    fn message(&mut self, msg: Msg) -> Option<Ending> {
        match msg {
            Msg::Keys(id, bytes) => return self.charged_keys(id, &bytes),
            Msg::Size(id, (w, h)) => {
                let i = self.seat_index(id)?;
                let seat = &mut self.seats[i];
                seat.size = (w, h);
                seat.screen = seat::screen((w, h), &seat.pipe).ok();
                // A new window: everything, links included, is drawn afresh.
                seat.shown.clear();
                // Not a key press: a resize does not keep an idle walkthrough open.
                self.core.input(id, Event::Resize(w, h));
            }
            Msg::Gone(id, how) => self.gone(id, how),
            Msg::Drained(id) => {
                if let Some(i) = self.seat_index(id) {
                    let seat = &mut self.seats[i];
                    seat.pipe.reopen();
                    seat.screen = seat::screen(seat.size, &seat.pipe).ok();
                    seat.shown.clear();
                }
            }
        }
        None
    }

    fn lang(&self, id: SeatId) -> Lang {
        self.core
            .view(id)
            .map_or(self.shared.options.lang, View::lang)
    }

    /// "Are you still there?" on every seat.
    fn warn(&mut self, idle: Duration) {
        self.warned = true;
        let secs = warn_before(idle).as_secs().max(1);
        for id in self.core.seat_ids() {
            if let Some(look) = self.core.view_mut(id).and_then(View::look_mut)
                && !matches!(look.shown, Some(LookBox::Consent(_)))
            {
                look.shown = Some(LookBox::Idle { secs });
            }
        }
    }

    fn clear_idle(&mut self) {
        for id in self.core.seat_ids() {
            if let Some(look) = self.core.view_mut(id).and_then(View::look_mut)
                && matches!(look.shown, Some(LookBox::Idle { .. }))
            {
                look.shown = None;
            }
        }
    }

    /// A seat's client went away. The person's seat waits for them while a helper stays.
    fn gone(&mut self, id: SeatId, how: Gone) {
        if !self.core.has(id) {
            return;
        }
        let why = match how {
            Gone::Closed => Why::VisitorLeft,
            Gone::Stalled => Why::StoppedReading,
        };
        // A client that stopped reading gets nothing more; one that closed its channel gets
        // its terminal put back, in case it still reads.
        let bytes = (how == Gone::Closed).then(|| seat::goodbye(None));
        if let Some(i) = self.seat_index(id) {
            let seat = self.seats.remove(i);
            seat.forward.abort();
            match bytes {
                Some(bytes) => seat.pipe.finish(&bytes, why, 1),
                None => seat.pipe.finish(&[], why, 1),
            }
        }
        self.core.unseat(id);
        if id == PERSON {
            self.shared.desk().person_here(self.id, false);
            // Nobody left to answer a helper who waits.
            self.answer_all(Line::Away);
        }
        self.refresh();
    }

    /// Ends a seat with a goodbye line: its terminal put back, the line, its channel closed.
    fn unseat(&mut self, id: SeatId, line: Option<&str>, why: Why, status: u32) {
        if let Some(i) = self.seat_index(id) {
            let seat = self.seats.remove(i);
            seat.forward.abort();
            seat.pipe.finish(&seat::goodbye(line), why, status);
        }
        self.core.unseat(id);
        self.refresh();
    }

    /// The walk ends: everyone is told why, in the language on their screen now; a walk the
    /// person did not quit is held to come back to.
    fn end(mut self, ending: Ending) {
        let idle = self.shared.options.idle_timeout.as_secs();
        let hold = self.shared.options.hold.as_secs();
        let keep = matches!(ending, Ending::Idle | Ending::Empty)
            && self.shared.desk().limits().max_held > 0;
        for id in self.core.seat_ids() {
            let lang = self.lang(id);
            let person = id == PERSON;
            let (line, why, status) = match ending {
                Ending::Quit if person => (say(lang, Say::Goodbye), Why::Quit, 0),
                Ending::Quit => (words::line(lang, Line::Finished).to_owned(), Why::Quit, 0),
                Ending::Idle if person && keep => {
                    let ticket = self.ticket(&self.come_back);
                    let back = words::come_back_goodbye(lang, &ticket, hold, self.key.is_some());
                    (
                        format!("{}\r\n{back}", say(lang, Say::Idle(idle))),
                        Why::Idle,
                        1,
                    )
                }
                Ending::Idle => (say(lang, Say::Idle(idle)), Why::Idle, 1),
                Ending::Stopping => (say(lang, Say::Stopping), Why::ServerStopping, 1),
                Ending::Empty => continue,
            };
            self.unseat(id, Some(&line), why, status);
        }
        while let Some((tty, _)) = self.pending.pop_front() {
            let text = match ending {
                Ending::Stopping => say(tty.lang, Say::Stopping),
                _ => words::line(tty.lang, Line::Finished).to_owned(),
            };
            seat::refuse_later(tty, text);
        }
        // The chooser is never held: nothing was done there.
        let chooser = self.walkthrough == bezwaar_core::shelf::CHOOSER;
        let first = self
            .core
            .walk()
            .script()
            .pages
            .first()
            .map(|p| p.id.as_str());
        let progress = (keep && !chooser)
            .then(|| self.core.progress())
            .filter(|p| first.is_none_or(|first| super::held::worth_holding(p, first)))
            .map(|p| Progress {
                walkthrough: Some(self.walkthrough.clone()),
                ..p
            });
        self.shared
            .desk()
            .close(self.id, progress, std::time::Instant::now());
    }
}
