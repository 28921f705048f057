//! The front desk: the codes people type as their ssh user name, the walkthroughs others may
//! join, and the walks held to come back to.
//!
//! - A **look-along code** (6 digits) lets a helper ask to look along with one walk: it works
//!   once, for `--invite-timeout` (10 minutes).
//! - A **come-back code** (8 digits) belongs to each walk from its start. While the walk runs,
//!   it lets the person take their seat again when their connection dropped and a helper kept
//!   the walk open; once the walk ended without the person quitting (a dropped connection, the
//!   idle timeout), it brings the walk back, once, for `--hold` (24 hours). A visitor whose ssh
//!   offered a public key is found by a hash of it too.
//!
//! Codes come from the operating system's random source (rand's thread generator, reseeded
//! from it), never from a counter or the clock. A wrong code (one that matches nothing, or
//! that expired or was used, or of a walk whose person is in it) counts against the source it
//! came from: its address, or its IPv6 /64 (`--per-source-net-block`): 5, then one every two
//! minutes; past that, that source's codes are not even looked at. There is no budget shared
//! by all: a flood of wrong codes from many addresses costs those addresses, never the person
//! who types the right one. Every code that does not take the visitor in answers the same,
//! so a guesser learns nothing of which codes live.
//!
//! A wrong try near a live code (one digit off, or two digits next to each other swapped:
//! someone who half heard it) counts against that code; after 5 the code is replaced for its
//! owner, who sees the new one (a look-along code in the invite box; a come-back code in the
//! help and the goodbye). Nothing here is logged.
//!
//! Everything is bounded: one look-along code and one come-back code per running walk, and the
//! walks held to come back to (see [`super::held`]). All of it is in this process's memory
//! only; a restarted server starts empty.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::time::{Duration, Instant};

use rand::RngExt;

pub(super) use super::held::Held;
use super::held::Store;
use super::limit::{NetBlock, RateLimit};
use bezwaar_core::progress::Progress;

pub(super) use super::ids::{KeyHash, RoomId};

pub(super) const LOOK_DIGITS: usize = 6;
pub(super) const COME_BACK_DIGITS: usize = 8;
/// A code is void after this many wrong tries on it.
pub(super) const MISSES: u8 = 5;
/// Wrong codes one address may try: this many at once, then one per `WRONG_EVERY`.
const WRONG_BURST: f64 = 5.0;
const WRONG_EVERY: Duration = Duration::from_secs(120);
/// A wrong code also costs its address this many connections of `--per-minute`.
pub(super) const WRONG_COST: f64 = 5.0;
/// The most memory held walks take together; past it, walks go as [`super::held`] says.
pub const MAX_HELD_BYTES: usize = 8 << 20;

/// How long codes and held walks last, and how many walks are held at most.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub invite: Duration,
    pub hold: Duration,
    pub max_held: usize,
    pub max_held_bytes: usize,
    /// How addresses are grouped into sources.
    pub block: NetBlock,
}

/// What a code (or a key) leads to.
#[derive(Debug)]
pub(super) enum Found<D> {
    /// A look-along code: ask this walk's person.
    Look(D),
    /// The come-back code (or the key) of a walk still running with the person's seat free.
    Live(D),
    /// A held walk: it comes back now, and is no longer held.
    Held(Box<Held>),
    /// No such code (or expired, or used). `voided`: walks whose code it made void.
    Wrong { voided: Vec<(D, Voided)> },
    /// Not looked at: too many wrong codes from this source.
    TooMany,
}

/// A code that wrong tries made void.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Voided {
    /// The walk's look-along code: this new one, working until then, replaces it.
    Look(String, Instant),
    /// The walk's come-back code: this new one replaces it.
    ComeBack(String),
}

#[derive(Debug)]
enum Kind {
    Look,
    ComeBack,
}

#[derive(Debug)]
struct Code {
    room: RoomId,
    kind: Kind,
    /// Until when it works; `None`: for as long as the walk runs.
    until: Option<Instant>,
    misses: u8,
}

#[derive(Debug)]
struct Room<D> {
    door: D,
    key: Option<KeyHash>,
    come_back: String,
    look: Option<String>,
    person_here: bool,
    /// The source the walk came from (for the held walks' bounds).
    source: IpAddr,
}

#[derive(Debug)]
pub(super) struct Desk<D> {
    limits: Limits,
    codes: HashMap<String, Code>,
    rooms: HashMap<RoomId, Room<D>>,
    held: Store,
    /// The newest walk of each key, running or held.
    by_key: HashMap<KeyHash, RoomId>,
    /// Look-along codes by when they expire (all last as long).
    look_order: VecDeque<(Instant, String)>,
    /// Wrong codes per source.
    wrong: RateLimit,
    next_room: RoomId,
}

impl<D: Clone> Desk<D> {
    pub(super) fn new(limits: Limits) -> Desk<D> {
        Desk {
            limits,
            codes: HashMap::new(),
            rooms: HashMap::new(),
            held: Store::new(limits.max_held, limits.max_held_bytes),
            by_key: HashMap::new(),
            look_order: VecDeque::new(),
            wrong: RateLimit::with_rate(WRONG_BURST, 1.0 / WRONG_EVERY.as_secs_f64(), limits.block),
            next_room: 1,
        }
    }

    pub(super) fn limits(&self) -> Limits {
        self.limits
    }

    /// A new code of `digits` digits that no other code has.
    fn fresh(&self, digits: usize) -> String {
        let mut rng = rand::rng();
        loop {
            let code: String = (0..digits)
                .map(|_| char::from(b'0' + rng.random_range(0..10u8)))
                .collect();
            if !self.codes.contains_key(&code) {
                return code;
            }
        }
    }

    /// A walk begins: its door (how to reach it), the key of the person's ssh, if any, the
    /// person's address. Returns its id and its come-back code.
    pub(super) fn open(&mut self, door: D, key: Option<KeyHash>, ip: IpAddr) -> (RoomId, String) {
        let id = self.next_room;
        self.next_room += 1;
        let code = self.fresh(COME_BACK_DIGITS);
        self.codes.insert(
            code.clone(),
            Code {
                room: id,
                kind: Kind::ComeBack,
                until: None,
                misses: 0,
            },
        );
        if let Some(key) = key {
            self.by_key.insert(key, id);
        }
        self.rooms.insert(
            id,
            Room {
                door,
                key,
                come_back: code.clone(),
                look: None,
                person_here: true,
                source: self.limits.block.key(ip),
            },
        );
        (id, code)
    }

    /// Whether the person is in their walk now (a free seat can be taken back by them).
    pub(super) fn person_here(&mut self, room: RoomId, here: bool) {
        if let Some(r) = self.rooms.get_mut(&room) {
            r.person_here = here;
        }
    }

    /// The walk's look-along code, made now if it has none that works: the code and until
    /// when it works.
    pub(super) fn invite(&mut self, room: RoomId, now: Instant) -> Option<(String, Instant)> {
        self.sweep(now);
        let current = self.rooms.get(&room)?.look.clone();
        if let Some(code) = current
            && let Some(until) = self.codes.get(&code).and_then(|c| c.until)
        {
            return Some((code, until));
        }
        self.new_look(room, now)
    }

    /// A new look-along code for `room`, working from `now`.
    fn new_look(&mut self, room: RoomId, now: Instant) -> Option<(String, Instant)> {
        let code = self.fresh(LOOK_DIGITS);
        let until = now + self.limits.invite;
        self.codes.insert(
            code.clone(),
            Code {
                room,
                kind: Kind::Look,
                until: Some(until),
                misses: 0,
            },
        );
        self.look_order.push_back((until, code.clone()));
        self.rooms.get_mut(&room)?.look = Some(code.clone());
        Some((code, until))
    }

    /// The walk wants no look-along code any more (the invite was used, or it ended).
    pub(super) fn uninvite(&mut self, room: RoomId) {
        if let Some(code) = self.rooms.get_mut(&room).and_then(|r| r.look.take()) {
            self.codes.remove(&code);
        }
    }

    /// A walk ended. `keep`: what it was, when it ended without the person quitting and got
    /// somewhere: held to come back to under its come-back code (and key), unless holding is
    /// off. Held walks past the bounds go (see [`super::held`]).
    pub(super) fn close(&mut self, room: RoomId, keep: Option<Progress>, now: Instant) {
        self.uninvite(room);
        let Some(r) = self.rooms.remove(&room) else {
            return;
        };
        let keep = keep.filter(|_| self.limits.max_held > 0 && !self.limits.hold.is_zero());
        let Some(progress) = keep else {
            self.codes.remove(&r.come_back);
            self.forget_key(r.key, room);
            return;
        };
        if let Some(code) = self.codes.get_mut(&r.come_back) {
            code.until = Some(now + self.limits.hold);
        }
        let bytes = held_bytes(&progress);
        let held = Held {
            progress,
            key: r.key,
            code: r.come_back,
            source: r.source,
            until: now + self.limits.hold,
            bytes,
        };
        for (room, gone) in self.held.hold(room, held) {
            self.forget_held(room, &gone);
        }
    }

    fn forget_key(&mut self, key: Option<KeyHash>, room: RoomId) {
        if let Some(key) = key
            && self.by_key.get(&key) == Some(&room)
        {
            self.by_key.remove(&key);
        }
    }

    /// Forgets a held walk that went: its code and its key.
    fn forget_held(&mut self, room: RoomId, held: &Held) {
        if self.codes.get(&held.code).is_some_and(|c| c.room == room) {
            self.codes.remove(&held.code);
        }
        self.forget_key(held.key, room);
    }

    fn take_held(&mut self, room: RoomId) -> Option<Held> {
        let held = self.held.take(room)?;
        self.forget_held(room, &held);
        Some(held)
    }

    /// Forgets what has expired: look-along codes and held walks.
    fn sweep(&mut self, now: Instant) {
        while let Some((until, _)) = self.look_order.front() {
            if *until > now {
                break;
            }
            let (until, code) = self
                .look_order
                .pop_front()
                .unwrap_or_else(|| unreachable!());
            if self.codes.get(&code).and_then(|c| c.until) == Some(until) {
                let room = self.codes.remove(&code).map(|c| c.room);
                if let Some(r) = room.and_then(|room| self.rooms.get_mut(&room))
                    && r.look.as_deref() == Some(code.as_str())
                {
                    r.look = None;
                }
            }
        }
        for (room, gone) in self.held.expired(now) {
            self.forget_held(room, &gone);
        }
    }

    /// What the code `typed` (digits only) leads to, for a visitor at `ip`. A code that does
    /// not take the visitor in (unknown, expired, used, or of a walk whose person is in it)
    /// counts against `ip`'s source and answers as one that never was; a right one is used
    /// up (a look-along code, a held walk).
    pub(super) fn find(&mut self, typed: &str, ip: IpAddr, now: Instant) -> Found<D> {
        self.sweep(now);
        if !self.wrong.has(ip, now) {
            return Found::TooMany;
        }
        let found = match self.codes.get(typed) {
            Some(Code {
                room,
                kind: Kind::Look,
                ..
            }) => {
                let room = *room;
                let door = self.rooms.get(&room).map(|r| r.door.clone());
                self.uninvite(room);
                door.map(Found::Look)
            }
            Some(Code {
                room,
                kind: Kind::ComeBack,
                ..
            }) => {
                let room = *room;
                match self.rooms.get(&room) {
                    // The person is in it: no seat to take back. Told as a wrong code, and
                    // counted as one (nothing tells a guesser the code lives).
                    Some(r) if r.person_here => None,
                    Some(r) => Some(Found::Live(r.door.clone())),
                    None => self.take_held(room).map(|h| Found::Held(Box::new(h))),
                }
            }
            None => None,
        };
        if let Some(found) = found {
            return found;
        }
        self.wrong.spend(ip, 1.0, now);
        Found::Wrong {
            voided: self.missed(typed, now),
        }
    }

    /// A wrong code near live ones counts against them; those that had too many are void.
    fn missed(&mut self, typed: &str, now: Instant) -> Vec<(D, Voided)> {
        let near: Vec<String> = self
            .codes
            .iter_mut()
            .filter(|(code, _)| near(code, typed))
            .filter_map(|(code, c)| {
                c.misses += 1;
                (c.misses >= MISSES).then(|| code.clone())
            })
            .collect();
        let mut voided = Vec::new();
        for code in near {
            let Some(c) = self.codes.remove(&code) else {
                continue;
            };
            match c.kind {
                Kind::Look => {
                    let door = self.rooms.get_mut(&c.room).map(|r| {
                        r.look = None;
                        r.door.clone()
                    });
                    if let Some(door) = door
                        && let Some((fresh, until)) = self.new_look(c.room, now)
                    {
                        voided.push((door, Voided::Look(fresh, until)));
                    }
                }
                Kind::ComeBack if self.rooms.contains_key(&c.room) => {
                    let fresh = self.fresh(COME_BACK_DIGITS);
                    self.codes.insert(
                        fresh.clone(),
                        Code {
                            room: c.room,
                            kind: Kind::ComeBack,
                            until: None,
                            misses: 0,
                        },
                    );
                    if let Some(r) = self.rooms.get_mut(&c.room) {
                        r.come_back = fresh.clone();
                        voided.push((r.door.clone(), Voided::ComeBack(fresh)));
                    }
                }
                // A held walk whose code is void can still come back by its key; without
                // one, nothing can reach it any more.
                Kind::ComeBack => {
                    let keyed = self.held.get(c.room).is_some_and(|h| h.key.is_some());
                    if !keyed {
                        self.take_held(c.room);
                    }
                }
            }
        }
        voided
    }

    /// The walk of the person with this key: one running with their seat free, or held.
    pub(super) fn find_key(&mut self, key: &KeyHash, now: Instant) -> Option<Found<D>> {
        self.sweep(now);
        let room = *self.by_key.get(key)?;
        if let Some(r) = self.rooms.get(&room) {
            return (!r.person_here).then(|| Found::Live(r.door.clone()));
        }
        self.take_held(room).map(|h| Found::Held(Box::new(h)))
    }

    /// How many walks are held, and the memory they take.
    pub(super) fn held(&self) -> (usize, usize) {
        self.held.size()
    }

    /// How many codes work now (for tests: nothing piles up).
    #[cfg(test)]
    fn codes(&self) -> usize {
        self.codes.len()
    }
}

/// What a held walk takes in memory: the record and its strings.
fn held_bytes(p: &Progress) -> usize {
    let strings = p.page.capacity()
        + p.picked.as_ref().map_or(0, String::capacity)
        + p.sent.iter().map(|s| s.choice.capacity()).sum::<usize>()
        + match &p.reason {
            Some(bezwaar_core::progress::SavedReason::Own(text)) => text.capacity(),
            _ => 0,
        };
    std::mem::size_of::<Held>()
        + p.sent.capacity() * std::mem::size_of::<bezwaar_core::progress::Sent>()
        + strings
        + COME_BACK_DIGITS
        // Its places in the tables (codes, order, source, key).
        + 128
}

/// Whether `typed` is one slip from `code`: one digit different, or two next to each other
/// swapped.
fn near(code: &str, typed: &str) -> bool {
    let (a, b) = (code.as_bytes(), typed.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let differ: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
    match differ.as_slice() {
        [_] => true,
        [i, j] => *j == i + 1 && a[*i] == b[*j] && a[*j] == b[*i],
        _ => false,
    }
}

/// The code in an ssh user name, if it is one: `kijk-483920`, `look-483920`, `terug-4839-2017`,
/// `back-48392017` (the words in front are each catalog's `look-code-word` and
/// `back-code-word`), or the digits alone. With one of those words in front it is always a
/// code attempt (perhaps a wrong one: the digits are returned as typed); without, only 6 or 8
/// digits are.
pub(super) fn code_in(user: &str) -> Option<String> {
    let lower = user.trim().to_ascii_lowercase();
    let words: Vec<&str> = bezwaar_core::i18n::catalog_languages()
        .into_iter()
        .flat_map(|l| {
            [
                bezwaar_core::i18n::msg::look_code_word(l),
                bezwaar_core::i18n::msg::back_code_word(l),
            ]
        })
        // A word to type in front of a code: letters only.
        .filter(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_alphabetic()))
        .collect();
    let (worded, rest) = words
        .iter()
        .find_map(|w| lower.strip_prefix(&w.to_lowercase()))
        .filter(|r| {
            r.is_empty()
                || r.starts_with(['-', ' ', '.'])
                || r.starts_with(|c: char| c.is_ascii_digit())
        })
        .map_or((false, lower.as_str()), |r| (true, r));
    let digits: String = rest
        .chars()
        .filter(|c| !matches!(c, '-' | ' ' | '.'))
        .collect();
    let all_digits = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
    if worded {
        // Bounded: a code attempt is never longer than this.
        Some(digits.chars().take(16).collect())
    } else if all_digits && matches!(digits.len(), LOOK_DIGITS | COME_BACK_DIGITS) {
        Some(digits)
    } else {
        None
    }
}

#[cfg(test)]
mod tests;
