//! The walks held to come back to, bounded fairly: at most so many in all, in bytes, and per
//! source (an address, or an IPv6 /64: see [`super::limit::NetBlock`]). When there is no room,
//! the oldest walk of the source that holds the most goes: a flood of dropped connections
//! from a few dozen addresses pushes out its own walks, never a lone person's.
//!
//! Only walks that got somewhere are held (see [`worth_holding`]): one that was opened and
//! dropped on page 1 with nothing chosen has nothing to come back to.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::time::Instant;

use super::ids::{KeyHash, RoomId};
use bezwaar_core::progress::Progress;

/// Held walks one source may have at most; past this its own oldest goes.
pub(super) const PER_SOURCE: usize = 10;

/// A walk held to come back to: what the walk was (never the email address), whose key it
/// was, its code, and the source it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Held {
    pub progress: Progress,
    pub key: Option<KeyHash>,
    pub code: String,
    pub source: IpAddr,
    pub until: Instant,
    pub bytes: usize,
}

/// Whether a walk got somewhere: past the first page (`first`), or with a choice made, a
/// reason picked or written, a form marked as sent.
pub(super) fn worth_holding(p: &Progress, first: &str) -> bool {
    p.page != first || p.picked.is_some() || !p.sent.is_empty() || p.reason.is_some()
}

#[derive(Debug)]
pub(super) struct Store {
    max: usize,
    max_bytes: usize,
    walks: HashMap<RoomId, Held>,
    /// All held walks, oldest first (all are held for as long): for expiry. A walk taken
    /// back early stays in here until its turn comes (then it is skipped).
    order: VecDeque<RoomId>,
    /// Each source's held walks, oldest first.
    by_source: HashMap<IpAddr, VecDeque<RoomId>>,
    bytes: usize,
}

impl Store {
    pub(super) fn new(max: usize, max_bytes: usize) -> Store {
        Store {
            max,
            max_bytes,
            walks: HashMap::new(),
            order: VecDeque::new(),
            by_source: HashMap::new(),
            bytes: 0,
        }
    }

    /// Holds `held`; returns the walks that had to go to make room (their codes and keys are
    /// the caller's to forget).
    pub(super) fn hold(&mut self, room: RoomId, held: Held) -> Vec<(RoomId, Held)> {
        let source = held.source;
        self.bytes += held.bytes;
        self.walks.insert(room, held);
        self.order.push_back(room);
        self.by_source.entry(source).or_default().push_back(room);
        let mut gone = Vec::new();
        while self.by_source.get(&source).map_or(0, VecDeque::len) > PER_SOURCE {
            let oldest = self.by_source.get(&source).and_then(|r| r.front().copied());
            gone.extend(oldest.and_then(|r| Some((r, self.take(r)?))));
        }
        while self.walks.len() > self.max || self.bytes > self.max_bytes {
            // The source that holds the most; of equals, the one whose oldest is oldest.
            let fullest = self
                .by_source
                .iter()
                .filter_map(|(s, rooms)| {
                    Some((rooms.len(), std::cmp::Reverse(*rooms.front()?), *s))
                })
                .max()
                .map(|(_, std::cmp::Reverse(oldest), _)| oldest);
            match fullest.and_then(|r| Some((r, self.take(r)?))) {
                Some(went) => gone.push(went),
                None => break,
            }
        }
        // Do not keep the queue growing with walks taken back early.
        if self.order.len() > 2 * self.walks.len() + 64 {
            let walks = &self.walks;
            self.order.retain(|r| walks.contains_key(r));
        }
        gone
    }

    /// Takes a held walk out (it comes back, or must go).
    pub(super) fn take(&mut self, room: RoomId) -> Option<Held> {
        let held = self.walks.remove(&room)?;
        self.bytes -= held.bytes;
        if let Some(rooms) = self.by_source.get_mut(&held.source) {
            rooms.retain(|&r| r != room);
            if rooms.is_empty() {
                self.by_source.remove(&held.source);
            }
        }
        Some(held)
    }

    #[cfg(test)]
    fn has(&self, room: RoomId) -> bool {
        self.walks.contains_key(&room)
    }

    pub(super) fn get(&self, room: RoomId) -> Option<&Held> {
        self.walks.get(&room)
    }

    /// Takes out the walks whose time is up.
    pub(super) fn expired(&mut self, now: Instant) -> Vec<(RoomId, Held)> {
        let mut gone = Vec::new();
        while let Some(&room) = self.order.front() {
            match self.walks.get(&room) {
                Some(h) if h.until > now => break,
                Some(_) => gone.extend(self.take(room).map(|h| (room, h))),
                None => {}
            }
            self.order.pop_front();
        }
        gone
    }

    /// How many walks are held, and the memory they take.
    pub(super) fn size(&self) -> (usize, usize) {
        (self.walks.len(), self.bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn held(source: u8, at: Instant) -> Held {
        let progress = Progress {
            page: "waarom".into(),
            ..Progress::default()
        };
        Held {
            bytes: 300,
            progress,
            key: None,
            code: String::new(),
            source: IpAddr::from([192, 0, 2, source]),
            until: at,
        }
    }

    #[test]
    fn only_walks_that_got_somewhere_are_worth_holding() {
        let p = |page: &str| Progress {
            page: page.into(),
            ..Progress::default()
        };
        assert!(!worth_holding(&p("start"), "start"));
        assert!(worth_holding(&p("waarom"), "start"));
        let chosen = Progress {
            picked: Some("facebook".into()),
            ..p("start")
        };
        assert!(worth_holding(&chosen, "start"));
        let written = Progress {
            reason: Some(bezwaar_core::progress::SavedReason::Own("nee".into())),
            ..p("start")
        };
        assert!(worth_holding(&written, "start"));
    }

    #[test]
    fn a_flood_from_few_sources_pushes_out_its_own_never_a_lone_walk() {
        let t = Instant::now();
        let mut store = Store::new(50, usize::MAX);
        // A lone person's walk, then 2,000 from 40 sources.
        assert!(store.hold(1, held(200, t)).is_empty());
        for i in 0..2000u64 {
            let gone = store.hold(100 + i, held((i % 40) as u8, t));
            assert!(gone.iter().all(|(r, _)| *r != 1));
            assert!(store.size().0 <= 50);
        }
        assert!(store.has(1), "the lone walk is still held");
        // No source holds more than its share plus one.
        let most = store.by_source.values().map(VecDeque::len).max().unwrap();
        assert!(most <= 2, "{most}");
        // Per source: at most PER_SOURCE, even with room in all.
        let mut store = Store::new(1000, usize::MAX);
        for i in 0..100 {
            store.hold(i, held(1, t));
        }
        assert_eq!(store.size().0, PER_SOURCE);
        assert!(store.has(99) && !store.has(89), "its oldest went");
    }

    #[test]
    fn expired_walks_go_and_taken_ones_are_skipped() {
        let t = Instant::now();
        let mut store = Store::new(10, usize::MAX);
        store.hold(1, held(1, t));
        store.hold(2, held(2, t + std::time::Duration::from_secs(5)));
        store.hold(3, held(3, t + std::time::Duration::from_secs(9)));
        assert!(store.take(2).is_some());
        let gone = store.expired(t + std::time::Duration::from_secs(6));
        assert_eq!(gone.len(), 1);
        assert!(store.has(3));
        assert_eq!(store.size().0, 1);
        assert!(store.by_source.len() == 1);
    }
}
