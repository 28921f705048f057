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
//! that expired or was used) counts against the address it came from (5, then one every two
//! minutes) and against all addresses together (20, then 20 a minute); past either, a code is
//! not even looked at. A code is void after 5 wrong tries on it: a code one digit off, or with
//! two digits next to each other swapped (someone who half heard it). Nothing here is logged.
//!
//! Everything is bounded: one look-along code and one come-back code per running walk, and at
//! most `--max-held` held walks taking at most [`MAX_HELD_BYTES`]: the oldest goes first. All of
//! it is in this process's memory only; a restarted server starts empty.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::time::{Duration, Instant};

use rand::RngExt;

use super::limit::{Bucket, RateLimit};
use crate::progress::Progress;

/// A hash of a visitor's public key (salted with this process's own random bytes).
pub(super) type KeyHash = [u8; 32];
/// A running walkthrough, as the desk knows it.
pub(super) type RoomId = u64;

pub(super) const LOOK_DIGITS: usize = 6;
pub(super) const COME_BACK_DIGITS: usize = 8;
/// A code is void after this many wrong tries on it.
pub(super) const MISSES: u8 = 5;
/// Wrong codes one address may try: this many at once, then one per `WRONG_EVERY`.
const WRONG_BURST: f64 = 5.0;
const WRONG_EVERY: Duration = Duration::from_secs(120);
/// Wrong codes all addresses together may try: this many at once, then as many a minute.
const WRONG_TOTAL: f64 = 20.0;
/// A wrong code also costs its address this many connections of `--per-minute`.
pub(super) const WRONG_COST: f64 = 5.0;
/// The most memory held walks take together; past it, the oldest go first.
pub const MAX_HELD_BYTES: usize = 8 << 20;

/// How long codes and held walks last, and how many walks are held at most.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub invite: Duration,
    pub hold: Duration,
    pub max_held: usize,
    pub max_held_bytes: usize,
}

/// A walk held to come back to: what the walk was (never the email address), whose key it
/// was, and its code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Held {
    pub progress: Progress,
    pub key: Option<KeyHash>,
    code: String,
    until: Instant,
    bytes: usize,
}

/// What a code (or a key) leads to.
#[derive(Debug)]
pub(super) enum Found<D> {
    /// A look-along code: ask this walk's person.
    Look(D),
    /// The come-back code (or the key) of a walk still running with the person's seat free.
    Live(D),
    /// The come-back code of a walk still running with the person in it.
    Busy,
    /// A held walk: it comes back now, and is no longer held.
    Held(Box<Held>),
    /// No such code (or expired, or used). `voided`: walks whose code it made void.
    Wrong { voided: Vec<(D, Voided)> },
    /// Not looked at: too many wrong codes from this address, or from everyone just now.
    TooMany,
}

/// A code that wrong tries made void.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Voided {
    /// The walk's look-along code: the person can ask for a new one.
    Look,
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
}

#[derive(Debug)]
pub(super) struct Desk<D> {
    limits: Limits,
    codes: HashMap<String, Code>,
    rooms: HashMap<RoomId, Room<D>>,
    held: HashMap<RoomId, Held>,
    /// Held walks, oldest first (all are held for as long).
    held_order: VecDeque<RoomId>,
    held_bytes: usize,
    /// The newest walk of each key, running or held.
    by_key: HashMap<KeyHash, RoomId>,
    /// Look-along codes by when they expire (all last as long).
    look_order: VecDeque<(Instant, String)>,
    wrong: RateLimit,
    wrong_total: Bucket,
    next_room: RoomId,
}

impl<D: Clone> Desk<D> {
    pub(super) fn new(limits: Limits, now: Instant) -> Desk<D> {
        Desk {
            limits,
            codes: HashMap::new(),
            rooms: HashMap::new(),
            held: HashMap::new(),
            held_order: VecDeque::new(),
            held_bytes: 0,
            by_key: HashMap::new(),
            look_order: VecDeque::new(),
            wrong: RateLimit::with_rate(WRONG_BURST, 1.0 / WRONG_EVERY.as_secs_f64()),
            wrong_total: Bucket::full(WRONG_TOTAL, now),
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

    /// A walk begins: its door (how to reach it), the key of the person's ssh, if any.
    /// Returns its id and its come-back code.
    pub(super) fn open(&mut self, door: D, key: Option<KeyHash>) -> (RoomId, String) {
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

    /// A walk ended. `keep`: what it was, when it ended without the person quitting: held to
    /// come back to under its come-back code (and key), unless holding is off.
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
        self.held.insert(
            room,
            Held {
                progress,
                key: r.key,
                code: r.come_back,
                until: now + self.limits.hold,
                bytes,
            },
        );
        self.held_order.push_back(room);
        self.held_bytes += bytes;
        while self.held.len() > self.limits.max_held || self.held_bytes > self.limits.max_held_bytes
        {
            let Some(oldest) = self.held_order.pop_front() else {
                break;
            };
            self.drop_held(oldest);
        }
    }

    fn forget_key(&mut self, key: Option<KeyHash>, room: RoomId) {
        if let Some(key) = key
            && self.by_key.get(&key) == Some(&room)
        {
            self.by_key.remove(&key);
        }
    }

    fn drop_held(&mut self, room: RoomId) -> Option<Held> {
        let held = self.held.remove(&room)?;
        self.held_bytes -= held.bytes;
        self.codes.remove(&held.code);
        self.forget_key(held.key, room);
        Some(held)
    }

    fn take_held(&mut self, room: RoomId) -> Option<Held> {
        self.held_order.retain(|&r| r != room);
        self.drop_held(room)
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
        while let Some(&room) = self.held_order.front() {
            if self.held.get(&room).is_some_and(|h| h.until > now) {
                break;
            }
            self.held_order.pop_front();
            self.drop_held(room);
        }
    }

    /// What the code `typed` (digits only) leads to, for a visitor at `ip`. A wrong code
    /// counts against `ip` and all; a right one is used up (a look-along code, a held walk).
    pub(super) fn find(&mut self, typed: &str, ip: IpAddr, now: Instant) -> Found<D> {
        self.sweep(now);
        let total_left = self.wrong_total.level(WRONG_TOTAL, WRONG_TOTAL / 60.0, now);
        if !self.wrong.has(ip, now) || total_left < 1.0 {
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
                    Some(r) if r.person_here => Some(Found::Busy),
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
        self.wrong_total
            .spend(1.0, WRONG_TOTAL, WRONG_TOTAL / 60.0, now);
        Found::Wrong {
            voided: self.missed(typed),
        }
    }

    /// A wrong code near live ones counts against them; those that had too many are void.
    fn missed(&mut self, typed: &str) -> Vec<(D, Voided)> {
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
                    if let Some(r) = self.rooms.get_mut(&c.room) {
                        r.look = None;
                        voided.push((r.door.clone(), Voided::Look));
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
                    let keyed = self.held.get(&c.room).is_some_and(|h| h.key.is_some());
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
        (self.held.len(), self.held_bytes)
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
            Some(crate::progress::SavedReason::Own(text)) => text.capacity(),
            _ => 0,
        };
    std::mem::size_of::<Held>()
        + p.sent.capacity() * std::mem::size_of::<crate::progress::Sent>()
        + strings
        + COME_BACK_DIGITS
        // Its places in the tables (codes, order, key).
        + 96
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
    let words: Vec<&str> = crate::i18n::catalog_languages()
        .into_iter()
        .flat_map(|l| {
            [
                crate::i18n::tr(l, "look-code-word"),
                crate::i18n::tr(l, "back-code-word"),
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
mod tests {
    use super::*;

    const MIN: Duration = Duration::from_secs(60);

    fn limits() -> Limits {
        Limits {
            invite: 10 * MIN,
            hold: 24 * 60 * MIN,
            max_held: 3,
            max_held_bytes: MAX_HELD_BYTES,
        }
    }

    fn ip(n: u8) -> IpAddr {
        IpAddr::from([192, 0, 2, n])
    }

    fn progress(page: &str) -> Progress {
        Progress {
            page: page.into(),
            ..Progress::default()
        }
    }

    fn wrong(found: &Found<u32>) -> bool {
        matches!(found, Found::Wrong { .. })
    }

    #[test]
    fn user_names_that_are_codes() {
        assert_eq!(code_in("kijk-483920").as_deref(), Some("483920"));
        assert_eq!(code_in("LOOK-483920").as_deref(), Some("483920"));
        assert_eq!(code_in("terug-4839-2017").as_deref(), Some("48392017"));
        assert_eq!(code_in("back-48392017").as_deref(), Some("48392017"));
        assert_eq!(code_in("schau-483920").as_deref(), Some("483920"));
        assert_eq!(code_in("weiter-4839-2017").as_deref(), Some("48392017"));
        assert_eq!(code_in("483920").as_deref(), Some("483920"));
        assert_eq!(code_in("kijk-12").as_deref(), Some("12"), "a wrong code");
        assert_eq!(code_in("kijk-").as_deref(), Some(""));
        for user in ["oma", "jan2", "12345", "1234567", "", "root", "kijken"] {
            assert_eq!(code_in(user), None, "{user}");
        }
        assert!(
            code_in(&format!("kijk-{}", "9".repeat(1000)))
                .unwrap()
                .len()
                <= 16
        );
    }

    #[test]
    fn a_look_along_code_works_once_and_for_ten_minutes() {
        let t = Instant::now();
        let mut desk = Desk::new(limits(), t);
        let (room, _) = desk.open(7u32, None);
        let (code, until) = desk.invite(room, t).unwrap();
        assert_eq!(code.len(), LOOK_DIGITS);
        assert_eq!(until, t + 10 * MIN);
        // Asking again while it works gives the same code.
        assert_eq!(desk.invite(room, t + MIN).unwrap().0, code);
        assert!(matches!(desk.find(&code, ip(1), t + MIN), Found::Look(7)));
        assert!(wrong(&desk.find(&code, ip(1), t + MIN)), "used once");
        // A new one expires after ten minutes.
        let (code, _) = desk.invite(room, t + MIN).unwrap();
        assert!(wrong(&desk.find(&code, ip(2), t + 11 * MIN)), "expired");
        desk.close(room, None, t + 12 * MIN);
        assert_eq!(desk.codes(), 0, "nothing left of a walk that ended");
    }

    #[test]
    fn wrong_codes_count_per_address_and_in_total() {
        let t = Instant::now();
        let mut desk = Desk::new(limits(), t);
        let (room, _) = desk.open(1u32, None);
        let (code, _) = desk.invite(room, t).unwrap();
        let other = if code == "000000" { "111111" } else { "000000" };
        for _ in 0..WRONG_BURST as usize {
            assert!(wrong(&desk.find(other, ip(1), t)));
        }
        // The sixth from the same address is not even looked at, the right code neither.
        assert!(matches!(desk.find(other, ip(1), t), Found::TooMany));
        assert!(matches!(desk.find(&code, ip(1), t), Found::TooMany));
        // Another address still gets in; after two minutes, the first may try once more.
        assert!(matches!(desk.find(other, ip(2), t), Found::Wrong { .. }));
        assert!(wrong(&desk.find(other, ip(1), t + WRONG_EVERY)));
        assert!(matches!(
            desk.find(other, ip(1), t + WRONG_EVERY),
            Found::TooMany
        ));
        // Many addresses together: twenty at once (the budget is full again two minutes
        // on, less the one just tried), then a pause for everyone.
        let mut tried = 1;
        for n in 10..100u8 {
            match desk.find(other, ip(n), t + WRONG_EVERY) {
                Found::Wrong { .. } => tried += 1,
                Found::TooMany => break,
                _ => panic!("not a wrong code"),
            }
        }
        assert_eq!(tried, WRONG_TOTAL as usize);
        assert!(matches!(
            desk.find(&code, ip(200), t + WRONG_EVERY),
            Found::TooMany
        ));
        assert!(matches!(
            desk.find(&code, ip(200), t + WRONG_EVERY + MIN),
            Found::Look(1)
        ));
    }

    #[test]
    fn a_code_is_void_after_five_wrong_tries_on_it() {
        let t = Instant::now();
        let mut desk = Desk::new(limits(), t);
        let (room, come_back) = desk.open(1u32, None);
        let (code, _) = desk.invite(room, t).unwrap();
        let slip = |i: usize| {
            let mut b = code.clone().into_bytes();
            b[i] = b'0' + (b[i] - b'0' + 1) % 10;
            String::from_utf8(b).unwrap()
        };
        for i in 0..4 {
            assert!(wrong(&desk.find(&slip(i), ip(i as u8 + 1), t)));
        }
        let Found::Wrong { voided } = desk.find(&slip(4), ip(9), t) else {
            panic!("a wrong code");
        };
        assert_eq!(voided, vec![(1, Voided::Look)]);
        assert!(wrong(&desk.find(&code, ip(10), t)), "the code is void");
        // A far-off wrong code does not count against a code.
        let (code, _) = desk.invite(room, t).unwrap();
        let far: String = code
            .bytes()
            .map(|b| char::from(b'0' + (b - b'0' + 5) % 10))
            .collect();
        for n in 0..10 {
            assert!(wrong(&desk.find(&far, ip(20 + n), t)));
        }
        assert!(matches!(desk.find(&code, ip(40), t), Found::Look(1)));
        // The come-back code of a running walk gets a new one instead.
        let swap = |c: &str| {
            let mut b = c.as_bytes().to_vec();
            let j = (0..b.len() - 1).find(|&i| b[i] != b[i + 1])?;
            b.swap(j, j + 1);
            Some(String::from_utf8(b).unwrap())
        };
        if let Some(swapped) = swap(&come_back) {
            let t = t + 10 * MIN;
            let mut new = None;
            for n in 0..MISSES {
                if let Found::Wrong { voided } = desk.find(&swapped, ip(50 + n), t) {
                    new = new.or(voided.into_iter().next());
                }
            }
            match new {
                Some((1, Voided::ComeBack(fresh))) => {
                    assert_ne!(fresh, come_back);
                    desk.person_here(room, false);
                    assert!(matches!(desk.find(&fresh, ip(60), t), Found::Live(1)));
                }
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn a_walk_is_held_by_code_and_key_once_for_a_day_oldest_out_first() {
        let t = Instant::now();
        let mut desk = Desk::new(limits(), t);
        let key = [7u8; 32];
        let (a, code_a) = desk.open(1u32, Some(key));
        // While it runs with the person in it, the code does not take their seat.
        assert!(matches!(desk.find(&code_a, ip(1), t), Found::Busy));
        desk.person_here(a, false);
        assert!(matches!(desk.find_key(&key, t), Some(Found::Live(1))));
        desk.person_here(a, true);
        assert!(desk.find_key(&key, t).is_none());
        desk.close(a, Some(progress("invullen")), t);
        // By key, once.
        match desk.find_key(&key, t + MIN) {
            Some(Found::Held(h)) => assert_eq!(h.progress.page, "invullen"),
            other => panic!("{other:?}"),
        }
        assert!(desk.find_key(&key, t + MIN).is_none());
        assert!(
            wrong(&desk.find(&code_a, ip(1), t + MIN)),
            "its code went with it"
        );
        // By code, within the day.
        let (b, code_b) = desk.open(2u32, None);
        desk.close(b, Some(progress("versturen")), t);
        assert!(matches!(
            desk.find(&code_b, ip(2), t + 23 * 60 * MIN),
            Found::Held(_)
        ));
        let (c, code_c) = desk.open(3u32, None);
        desk.close(c, Some(progress("waarom")), t);
        assert!(
            wrong(&desk.find(&code_c, ip(3), t + 24 * 60 * MIN)),
            "a day later"
        );
        // A quit walk is not held.
        let (d, code_d) = desk.open(4u32, None);
        desk.close(d, None, t);
        assert!(wrong(&desk.find(&code_d, ip(4), t)));
        // At most three held: the oldest goes first.
        let codes: Vec<String> = (0..4)
            .map(|i| {
                let (r, code) = desk.open(10 + i, None);
                desk.close(r, Some(progress("waarom")), t + MIN * u32::from(i as u8));
                code
            })
            .collect();
        assert_eq!(desk.held().0, 3);
        assert!(wrong(&desk.find(&codes[0], ip(5), t + 5 * MIN)));
        assert!(matches!(
            desk.find(&codes[3], ip(5), t + 5 * MIN),
            Found::Held(_)
        ));
        assert_eq!(desk.held().0, 2);
    }

    #[test]
    fn held_walks_are_bounded_in_bytes() {
        let t = Instant::now();
        let mut desk = Desk::new(
            Limits {
                max_held: 1000,
                max_held_bytes: 64 * 1024,
                ..limits()
            },
            t,
        );
        let long = Progress {
            page: "invullen".into(),
            reason: Some(crate::progress::SavedReason::Own("é".repeat(1000))),
            ..Progress::default()
        };
        for i in 0..100 {
            let (r, _) = desk.open(i, None);
            desk.close(r, Some(long.clone()), t);
            assert!(desk.held().1 <= 64 * 1024);
        }
        let (n, bytes) = desk.held();
        assert!((20..100).contains(&n), "{n} held in {bytes} bytes");
    }

    #[test]
    fn near_means_one_slip() {
        assert!(near("483920", "483921"));
        assert!(near("483920", "489320"));
        assert!(!near("483920", "483920x"));
        assert!(
            !near("483920", "384920"),
            "two apart, not next to each other"
        );
        assert!(!near("483920", "493820"));
        assert!(!near("483920", "111111"));
    }
}
