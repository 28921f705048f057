//! One TCP connection as the server holds it: the socket wrapped so that the server can cut it
//! off at any moment, whatever the SSH protocol is doing, and so that its places in the counts
//! are freed exactly when the socket is closed.
//!
//! - [`Wire`] is what russh reads and writes. It owns the socket and the connection's places
//!   (in the total and in its address's count): when russh's task ends, the socket closes and
//!   the places are freed together. After [`Tcp::cut`], every read and write fails at once,
//!   so russh's task ends even in the middle of a key exchange (it would otherwise wait for
//!   the key exchange to finish before it acts on a disconnect).
//! - [`Tcp`] is what the server knows of the connection while it runs: its open session
//!   channels and walkthroughs, whether it has asked for something, its budgets of key
//!   exchanges and channels.
//!
//! russh tells nobody when a client starts a new key exchange, except one line in its log
//! ("Client has initiated re-key", at info level). [`RekeyWatch`] is a `log` logger that
//! takes that line and charges it to the connection whose bytes russh was reading on this
//! thread at that moment: russh reads each packet with `read_exact` on the socket and handles
//! it in the same poll, so the last [`Wire`] read on the thread is the one the packet came
//! from.

use std::cell::RefCell;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::{Notify, watch};

use super::journal::{self, Line};
use super::limit::Bucket;
use super::reads::Metered;

/// Key exchanges a client may start after the first: this many at once, then one per
/// `REKEY_EVERY`. OpenSSH asks for one after about a gigabyte, PuTTY once an hour: a
/// walkthrough never comes near. Past the budget the connection is cut.
const REKEY_BURST: f64 = 3.0;
const REKEY_EVERY: Duration = Duration::from_secs(600);

/// Session channels a connection may open: this many at once, then one per `OPEN_EVERY`.
/// Opening is cheap for a client and a walkthrough is not cheap for the server.
const OPEN_BURST: f64 = 8.0;
const OPEN_EVERY: Duration = Duration::from_secs(15);

/// What the server knows of one connection while it runs.
pub(super) struct Tcp {
    cut: AtomicBool,
    /// Who waits (outside the socket) for the connection to be cut.
    cutting: Notify,
    /// Who waits to read or write on the socket: woken when the connection is cut.
    wakers: Mutex<[Option<Waker>; 2]>,
    /// Session channels open now (opened and not yet closed by either side).
    channels: watch::Sender<usize>,
    /// Walkthroughs running on this connection.
    walks: watch::Sender<usize>,
    /// Set once a shell, command or subsystem has been asked for (and answered).
    pub answered: watch::Sender<bool>,
    budgets: Mutex<Budgets>,
    /// The client is paramiko: its "none" login is accepted (see [`super::client_id`]).
    paramiko: AtomicBool,
}

struct Budgets {
    rekeys: Bucket,
    opens: Bucket,
}

impl Tcp {
    pub(super) fn new() -> Arc<Tcp> {
        let now = Instant::now();
        Arc::new(Tcp {
            cut: AtomicBool::new(false),
            cutting: Notify::new(),
            wakers: Mutex::new([None, None]),
            channels: watch::channel(0).0,
            walks: watch::channel(0).0,
            answered: watch::channel(false).0,
            budgets: Mutex::new(Budgets {
                rekeys: Bucket::full(REKEY_BURST, now),
                opens: Bucket::full(OPEN_BURST, now),
            }),
            paramiko: AtomicBool::new(false),
        })
    }

    /// Whether the client said it is paramiko (known once its first line has been read).
    pub(super) fn is_paramiko(&self) -> bool {
        self.paramiko.load(Ordering::SeqCst)
    }

    /// Cuts the connection: from now on every read and write on its socket fails.
    pub(super) fn cut(&self) {
        self.cut.store(true, Ordering::SeqCst);
        let wakers = std::mem::take(&mut *self.wakers.lock().unwrap_or_else(|e| e.into_inner()));
        for waker in wakers.into_iter().flatten() {
            waker.wake();
        }
        self.cutting.notify_waiters();
    }

    /// Resolves when the connection is cut.
    pub(super) async fn until_cut(&self) {
        loop {
            let notified = self.cutting.notified();
            if self.is_cut() {
                return;
            }
            notified.await;
        }
    }

    pub(super) fn is_cut(&self) -> bool {
        self.cut.load(Ordering::SeqCst)
    }

    /// Watches the number of open session channels.
    pub(super) fn channels(&self) -> watch::Receiver<usize> {
        self.channels.subscribe()
    }

    pub(super) fn open_channels(&self) -> usize {
        *self.channels.borrow()
    }

    /// A session channel's place in the count, freed when dropped; None when the connection
    /// has opened too many too fast.
    pub(super) fn open_channel(self: &Arc<Self>) -> Option<ChannelPlace> {
        let mut budgets = self.budgets.lock().unwrap_or_else(|e| e.into_inner());
        let per_sec = 1.0 / OPEN_EVERY.as_secs_f64();
        if !budgets.opens.take(OPEN_BURST, per_sec, Instant::now()) {
            return None;
        }
        self.channels.send_modify(|n| *n += 1);
        Some(ChannelPlace(self.clone()))
    }

    /// Watches the number of walkthroughs running.
    pub(super) fn walks(&self) -> watch::Receiver<usize> {
        self.walks.subscribe()
    }

    /// A running walkthrough's place in the count, freed when dropped.
    pub(super) fn walk(self: &Arc<Self>) -> WalkPlace {
        self.walks.send_modify(|n| *n += 1);
        WalkPlace(self.clone())
    }

    /// Counts a key exchange the client started; false when that was one too many.
    fn rekeyed(&self) -> bool {
        let mut budgets = self.budgets.lock().unwrap_or_else(|e| e.into_inner());
        let per_sec = 1.0 / REKEY_EVERY.as_secs_f64();
        budgets.rekeys.take(REKEY_BURST, per_sec, Instant::now())
    }

    fn park(&self, which: usize, cx: &Context<'_>) {
        let mut wakers = self.wakers.lock().unwrap_or_else(|e| e.into_inner());
        match &mut wakers[which] {
            Some(w) if w.will_wake(cx.waker()) => {}
            slot => *slot = Some(cx.waker().clone()),
        }
    }
}

/// An open session channel's place in its connection's count.
pub(super) struct ChannelPlace(Arc<Tcp>);

impl Drop for ChannelPlace {
    fn drop(&mut self) {
        self.0.channels.send_modify(|n| *n = n.saturating_sub(1));
    }
}

/// A running walkthrough's place in its connection's count.
pub(super) struct WalkPlace(Arc<Tcp>);

impl Drop for WalkPlace {
    fn drop(&mut self) {
        self.0.walks.send_modify(|n| *n = n.saturating_sub(1));
    }
}

/// The socket as russh sees it.
pub(super) struct Wire<P> {
    /// Read only while the connection's source has bytes left (see [`super::reads`]).
    socket: Metered,
    /// Bytes read before the SSH stream began (after a PROXY header), given to russh first.
    early: Vec<u8>,
    tcp: Arc<Tcp>,
    /// The client's identification line, until it is whole.
    id: super::client_id::IdLine,
    /// The connection's places in the counts: freed when the socket closes.
    _places: P,
}

impl<P> Wire<P> {
    pub(super) fn new(socket: Metered, early: Vec<u8>, tcp: Arc<Tcp>, places: P) -> Self {
        Wire {
            socket,
            early,
            tcp,
            id: super::client_id::IdLine::default(),
            _places: places,
        }
    }

    fn gone() -> io::Error {
        io::Error::new(io::ErrorKind::ConnectionAborted, "cut off by the server")
    }
}

thread_local! {
    /// The connection russh last read from on this thread (see the module's note).
    static READING: RefCell<Weak<Tcp>> = const { RefCell::new(Weak::new()) };
}

impl<P: Unpin> AsyncRead for Wire<P> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        if self.tcp.is_cut() {
            return Poll::Ready(Err(Wire::<P>::gone()));
        }
        READING.with(|current| {
            let mut current = current.borrow_mut();
            if current.as_ptr() != Arc::as_ptr(&self.tcp) {
                *current = Arc::downgrade(&self.tcp);
            }
        });
        let before = buf.filled().len();
        let read = if !self.early.is_empty() {
            let n = self.early.len().min(buf.remaining());
            buf.put_slice(&self.early[..n]);
            self.early.drain(..n);
            Poll::Ready(Ok(()))
        } else {
            self.tcp.park(0, cx);
            if self.tcp.is_cut() {
                return Poll::Ready(Err(Wire::<P>::gone()));
            }
            Pin::new(&mut self.socket).poll_read(cx, buf)
        };
        if let Some(paramiko) = self.id.feed(&buf.filled()[before..]) {
            self.tcp.paramiko.store(paramiko, Ordering::SeqCst);
        }
        read
    }
}

impl<P: Unpin> AsyncWrite for Wire<P> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        self.tcp.park(1, cx);
        if self.tcp.is_cut() {
            return Poll::Ready(Err(Wire::<P>::gone()));
        }
        Pin::new(&mut self.socket).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.tcp.park(1, cx);
        if self.tcp.is_cut() {
            return Poll::Ready(Err(Wire::<P>::gone()));
        }
        Pin::new(&mut self.socket).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        if self.tcp.is_cut() {
            return Poll::Ready(Ok(()));
        }
        Pin::new(&mut self.socket).poll_shutdown(cx)
    }
}

/// Takes russh's log line about a key exchange a client started, and charges it to the
/// connection (see the module's note). Everything else russh logs is dropped, as before.
pub(super) struct RekeyWatch;

const REKEY_LINE: &str = "Client has initiated re-key";

impl log::Log for RekeyWatch {
    fn enabled(&self, metadata: &log::Metadata) -> bool {
        metadata.level() == log::Level::Info && metadata.target().starts_with("russh::server")
    }

    fn log(&self, record: &log::Record) {
        if !self.enabled(record.metadata()) || record.args().as_str() != Some(REKEY_LINE) {
            return;
        }
        let tcp = READING.with(|current| current.borrow().upgrade());
        if let Some(tcp) = tcp
            && !tcp.rekeyed()
        {
            journal::log(Line::TooManyKeyExchanges);
            tcp.cut();
        }
    }

    fn flush(&self) {}
}

static REKEY_WATCH: RekeyWatch = RekeyWatch;

/// Installs [`RekeyWatch`] as the process's logger (once); false when another logger was
/// there first, so that key exchanges cannot be counted.
pub(super) fn watch_rekeys() -> bool {
    static INSTALLED: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *INSTALLED.get_or_init(|| {
        let ok = log::set_logger(&REKEY_WATCH).is_ok();
        if ok {
            log::set_max_level(log::LevelFilter::Info);
        }
        ok
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channel_places_count_and_the_open_budget_runs_out() {
        let tcp = Tcp::new();
        let places: Vec<_> = (0..OPEN_BURST as usize)
            .map(|_| tcp.open_channel().expect("within the burst"))
            .collect();
        assert_eq!(tcp.open_channels(), OPEN_BURST as usize);
        assert!(tcp.open_channel().is_none(), "one more at once");
        drop(places);
        assert_eq!(tcp.open_channels(), 0);
    }

    #[test]
    fn rekeys_have_a_budget() {
        let tcp = Tcp::new();
        for _ in 0..REKEY_BURST as usize {
            assert!(tcp.rekeyed());
        }
        assert!(!tcp.rekeyed());
    }
}
