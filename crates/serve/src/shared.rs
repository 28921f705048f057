//! What all connections share ([`Shared`]: the options, the desk, the limits, the counts), and
//! the places a connection takes in those counts: its socket's in the total, its place on the
//! list of those logging in, and a session's, each freed when dropped.

use std::collections::BTreeMap;
use std::net::IpAddr;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, Weak};

use tokio::sync::watch;

use crate::journal::{self, Line, Why};
use crate::limit::{self, Open, RateLimit, What};
use crate::options::Options;
use crate::say::Say;
use crate::tcp::{self, ChannelPlace, Tcp};
use crate::{desk, reads, room, work};
use bezwaar_view::runner::Who;

/// How far past the total a connection that made room may take a place, while the one it
/// made room from is still closing.
const MAKE_ROOM_SLACK: usize = 16;

/// What all connections share.
pub(crate) struct Shared {
    pub(crate) options: Options,
    /// Codes, walks to look along with, walks held to come back to.
    desk: Mutex<desk::Desk<room::Door>>,
    /// This process's own random bytes, mixed into the hash of a visitor's public key (so the
    /// hash means nothing outside this process, and nothing after a restart).
    salt: [u8; 32],
    pub(crate) rate: RateLimit,
    /// The walks' time spent on each source's keys.
    pub(crate) work: Arc<work::Work>,
    /// The bytes each source may make the server read, before any SSH work.
    pub(crate) reads: Arc<reads::Reads>,
    /// Connections and walkthroughs per address.
    pub(crate) open: Arc<Open>,
    /// Open sockets allowed at once: every session's, and room for people logging in (fewer
    /// when the process may not open that many files).
    max_connections: usize,
    /// Open sockets (logged in or not), from accept to close.
    pub(crate) connections: AtomicUsize,
    /// Walkthroughs running.
    pub(crate) sessions: AtomicUsize,
    /// Connections that have not yet asked for a walkthrough, oldest first: when the server
    /// is full, the oldest makes room for a new one.
    logging_in: Mutex<BTreeMap<u64, Weak<Tcp>>>,
    next_id: AtomicU64,
    /// Becomes true when the server stops.
    pub(crate) stop: watch::Receiver<bool>,
}

impl Shared {
    pub(crate) fn new(
        options: Options,
        max_connections: usize,
        stop: watch::Receiver<bool>,
    ) -> Shared {
        let limits = desk::Limits {
            invite: options.invite_timeout,
            hold: options.hold,
            max_held: options.max_held,
            max_held_bytes: desk::MAX_HELD_BYTES,
            block: options.net_block,
        };
        let mut salt = [0u8; 32];
        rand::RngExt::fill(&mut rand::rng(), &mut salt);
        Shared {
            desk: Mutex::new(desk::Desk::new(limits)),
            salt,
            rate: RateLimit::new(options.per_minute, options.net_block),
            work: Arc::new(work::Work::new(options.net_block, options.per_address)),
            reads: Arc::new(reads::Reads::new(options.net_block, options.per_address)),
            open: Open::new(options.per_address, options.net_block),
            options,
            max_connections,
            connections: AtomicUsize::new(0),
            sessions: AtomicUsize::new(0),
            logging_in: Mutex::new(BTreeMap::new()),
            next_id: AtomicU64::new(0),
            stop,
        }
    }

    pub(crate) fn desk(&self) -> std::sync::MutexGuard<'_, desk::Desk<room::Door>> {
        self.desk.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A hash of a visitor's public key, as the desk keeps it.
    pub(crate) fn key_hash(&self, key: &russh::keys::PublicKey) -> Option<desk::KeyHash> {
        let mut bytes = self.salt.to_vec();
        bytes.extend_from_slice(&key.to_bytes().ok()?);
        let digest = russh::keys::HashAlg::Sha256.digest(&bytes);
        digest.try_into().ok()
    }

    /// Takes a place in the total of open sockets. When it is full, the connection that has
    /// been logging in longest is closed to make room; when none is, there is no place.
    pub(crate) fn enter(self: &Arc<Self>) -> Option<ConnectionPlace> {
        let n = self.connections.fetch_add(1, Ordering::SeqCst);
        let place = ConnectionPlace(self.clone());
        if n < self.max_connections {
            return Some(place);
        }
        if n < self.max_connections + MAKE_ROOM_SLACK {
            let oldest = {
                let mut waiting = self.logging_in.lock().unwrap_or_else(|e| e.into_inner());
                std::iter::from_fn(|| waiting.pop_first())
                    .find_map(|(_, tcp)| tcp.upgrade().filter(|l| !l.is_cut()))
            };
            if let Some(tcp) = oldest {
                journal::log(Line::MadeRoom);
                tcp.cut();
                return Some(place);
            }
        }
        None
    }

    /// Puts a connection on the list of those logging in, until the place is dropped.
    pub(crate) fn logging_in(self: &Arc<Self>, tcp: &Arc<Tcp>) -> LoggingIn {
        let id = self.next_id.fetch_add(1, Ordering::SeqCst);
        self.logging_in
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(id, Arc::downgrade(tcp));
        LoggingIn(self.clone(), id)
    }

    /// Takes a session place for a visitor at `ip` on `tcp`, if there is one free in total
    /// and for the address.
    pub(crate) fn try_start_session(
        self: &Arc<Self>,
        ip: IpAddr,
        tcp: &Arc<Tcp>,
    ) -> Result<SessionPlace, Say> {
        let address = self.open.enter(ip, What::Session).ok_or(Say::AddressBusy)?;
        let max = self.options.max_sessions;
        self.sessions
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| {
                (n < max).then_some(n + 1)
            })
            .map_err(|_| Say::Busy)?;
        Ok(SessionPlace {
            shared: self.clone(),
            why: Why::Ended,
            seat: None,
            _address: address,
            _walk: tcp.walk(),
            channel: None,
        })
    }
}

/// A running walkthrough's place in the counts (the person's, or a helper's who looks along;
/// one who is refused before getting a seat holds one too, briefly); freed (and logged, with
/// why) when dropped.
pub(crate) struct SessionPlace {
    shared: Arc<Shared>,
    pub(crate) why: Why,
    /// The seat it got, once it got one.
    seat: Option<Who>,
    _address: limit::Place,
    _walk: tcp::WalkPlace,
    /// Its channel's place: the channel is open until the walkthrough has said goodbye.
    pub(crate) channel: Option<ChannelPlace>,
}

impl SessionPlace {
    /// The session is the person's walkthrough: logged as a session.
    pub(crate) fn start_person(&mut self) {
        self.seat = Some(Who::Person);
        let active = self.shared.sessions.load(Ordering::SeqCst);
        journal::log(Line::SessionStarted { active });
    }

    /// The session looks along with someone's walkthrough. The log says only that.
    pub(crate) fn start_helper(&mut self) {
        self.seat = Some(Who::Helper);
        journal::log(Line::LookAlongStarted);
    }
}

impl Drop for SessionPlace {
    fn drop(&mut self) {
        let active = self.shared.sessions.fetch_sub(1, Ordering::SeqCst) - 1;
        match self.seat {
            Some(Who::Person) => journal::log(Line::SessionEnded {
                why: self.why,
                active,
            }),
            Some(Who::Helper) => journal::log(Line::LookAlongEnded),
            None => {}
        }
    }
}

/// An open socket's place in the total; freed when dropped (the socket is closed with it).
pub(crate) struct ConnectionPlace(Arc<Shared>);

impl Drop for ConnectionPlace {
    fn drop(&mut self) {
        self.0.connections.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A connection's place on the list of those logging in.
pub(crate) struct LoggingIn(Arc<Shared>, u64);

impl Drop for LoggingIn {
    fn drop(&mut self) {
        self.0
            .logging_in
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&self.1);
    }
}
