//! What one source may make the server read. Every byte a client sends is read, decrypted,
//! checked and handed on by russh before any budget of the walk's (`work.rs`) can look at
//! it, and that is most of what a flood of typing costs: 300 connections from 30 addresses,
//! each sending at the walk's input limit (about 3 MB a second together), fill a core with
//! SSH work alone, and everyone else's keys wait behind them. So the socket itself is read
//! only while the connection's source (its address, or its IPv6 /64, as every per-address
//! limit) has bytes left in a budget: [`BURST`] at once, then [`PER_SEC`] a second, for each
//! walkthrough `--per-address` lets the source have (0: no limit). Past that the server
//! leaves the bytes in the kernel, which soon tells the client to stop sending (TCP's window):
//! a flood costs the flooder its own time, and the server nothing but the socket's buffer.
//! Writes are never held back.
//!
//! What a person sends is far less (measured with OpenSSH 9 and russh; a packet of one key is
//! about 40 bytes): the handshake up to the walkthrough, 3 to 6 KiB (more with post-quantum
//! key exchange or several public keys tried); a 1,000-character reason pasted at once, 1 to
//! 4 KiB (accents, emoji); a window resize, 50 bytes; typing, 40 bytes a key, and with
//! OpenSSH's keystroke-timing chaff (a packet every 20 ms while typing) about 2 KiB a second.
//! [`BURST`] is a handshake and two such pastes at once; [`PER_SEC`] half of OpenSSH's
//! chaff, for each walkthrough the source may have: with the default of 10, 160 KiB at once
//! and 10 KiB a second, so five people behind one address can type at once with OpenSSH
//! without a key held back, and ten can log in and paste at the same moment.
//!
//! All sources together have a budget too, [`TOTAL_PER_SEC`]: many addresses, each inside
//! its own budget, could otherwise still fill the machine. What a byte costs depends on what
//! it is: in the own-reason field a pasted byte is a key, and with its SSH work, its frame
//! and its share of the walk about 3 µs on the README's 2-core machine (300 flooding
//! connections read at 284 KiB a second took 80 % of a core); 64 KiB a second is so about a
//! fifth of a core, and a person typing is never held back by it (see below). When it is spent, only sources that
//! have most of their own left ([`LIGHT`] of it, as a person who typed a little has) read
//! on, and only down to that mark; the others wait until the total has bytes again. So a
//! flood from many cheap addresses costs the flooders, not the person typing beside them.
//! (The same rule as the walk's time in `work.rs`.)

use std::future::Future;
use std::io;
use std::net::IpAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, ready};
use std::time::{Duration, Instant};

use tokio::io::{AsyncRead, AsyncWrite, Interest, ReadBuf};
use tokio::net::TcpStream;
use tokio::time::Sleep;

use super::limit::{Budget, NetBlock, refill as wait};

/// Bytes a source may send at once, per walkthrough it may have.
pub(super) const BURST: f64 = 16.0 * 1024.0;
/// Bytes a second after that, per walkthrough it may have.
pub(super) const PER_SEC: f64 = 1024.0;
/// Bytes a second all sources together may send, and at once.
pub(super) const TOTAL_PER_SEC: f64 = 64.0 * 1024.0;
pub(super) const TOTAL_BURST: f64 = 128.0 * 1024.0;
/// The share of its own budget a source must have left to read while the total is spent.
pub(super) const LIGHT: f64 = 0.5;
/// The least a waiting connection reads when it may again: a read of a few bytes at a time
/// would cost more in wake-ups than the bytes.
pub(super) const MIN_READ: f64 = 2048.0;
/// What the total must have again before the sources it held back ask again: every waiting
/// connection wakes then (300 in the README's flood), so not every few milliseconds.
pub(super) const TOTAL_RESUME: f64 = TOTAL_BURST / 4.0;

/// The budgets of bytes to read: each source's, and all together.
#[derive(Debug)]
pub(super) struct Reads(Budget);

/// What a connection may do now.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum May {
    /// Read at most this many bytes.
    Read(usize),
    /// Nothing; ask again after this long.
    Wait(Duration),
}

impl Reads {
    /// For sources of `block` that may have `walks` walkthroughs at once (0: no limit).
    pub(super) fn new(block: NetBlock, walks: usize) -> Reads {
        Reads(Budget::new(
            block,
            walks,
            (BURST, PER_SEC),
            (TOTAL_BURST, TOTAL_PER_SEC),
        ))
    }

    /// How much `ip`'s source may read now: what it has left, as far as the total has
    /// bytes; when the total is spent, only what it has above [`LIGHT`] of its own.
    pub(super) fn may(&self, ip: IpAddr, now: Instant) -> May {
        let own = self.0.each().level(ip, now);
        let (burst, per_sec) = self.0.each().rates();
        if own < MIN_READ {
            return May::Wait(wait(MIN_READ - own, per_sec));
        }
        let Some(left) = self.0.total_left(now) else {
            return May::Read(at_most(own));
        };
        if left >= MIN_READ {
            // No more than the total has: else each source that finds a little there takes
            // all of its own, and together they read their own rates, the total none.
            return May::Read(at_most(own.min(left)));
        }
        let mark = burst * LIGHT;
        if own >= mark + MIN_READ {
            return May::Read(at_most(own - mark));
        }
        May::Wait(
            wait(mark + MIN_READ - own, per_sec).min(wait(TOTAL_RESUME - left, TOTAL_PER_SEC)),
        )
    }

    /// Charges `n` bytes read to `ip`'s source and to the total (all they have left, when
    /// that is less).
    pub(super) fn read(&self, ip: IpAddr, n: usize, now: Instant) {
        self.0.charge(ip, n as f64, now);
    }
}

fn at_most(bytes: f64) -> usize {
    if bytes.is_finite() {
        bytes as usize
    } else {
        usize::MAX
    }
}

/// An accepted socket that reads only while its source has bytes left in [`Reads`].
pub(super) struct Metered {
    socket: TcpStream,
    ip: IpAddr,
    reads: Arc<Reads>,
    /// When it may ask again, while it waits.
    sleep: Option<Pin<Box<Sleep>>>,
}

impl Metered {
    pub(super) fn new(socket: TcpStream, ip: IpAddr, reads: Arc<Reads>) -> Metered {
        Metered {
            socket,
            ip,
            reads,
            sleep: None,
        }
    }
}

impl AsyncRead for Metered {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let max = loop {
            let now = Instant::now();
            match self.reads.may(self.ip, now) {
                May::Read(max) => break max,
                May::Wait(after) => {
                    // A client that left while its bytes wait unread: its end is behind
                    // them, and would be seen only when they are read at its rate.
                    if peer_gone(&self.socket, cx) {
                        return Poll::Ready(Ok(()));
                    }
                    let at = tokio::time::Instant::from_std(now + after);
                    let sleep = match &mut self.sleep {
                        Some(sleep) => {
                            sleep.as_mut().reset(at);
                            sleep
                        }
                        slot => slot.insert(Box::pin(tokio::time::sleep_until(at))),
                    };
                    ready!(sleep.as_mut().poll(cx));
                }
            }
        };
        let this = &mut *self;
        this.sleep = None;
        // Read into the first `max` bytes of what is free (made initialised first, so no
        // unsafe is needed: that zeroes each byte of russh's buffer once, not every read).
        let max = max.min(buf.remaining());
        let mut part = ReadBuf::new(buf.initialize_unfilled_to(max));
        ready!(Pin::new(&mut this.socket).poll_read(cx, &mut part))?;
        let n = part.filled().len();
        buf.advance(n);
        if n > 0 {
            this.reads.read(this.ip, n, Instant::now());
        }
        Poll::Ready(Ok(()))
    }
}

/// Whether the client closed or reset the connection, seen by the kernel though unread data
/// comes before it (epoll's RDHUP and HUP, kept by tokio as "read closed").
fn peer_gone(socket: &TcpStream, cx: &mut Context<'_>) -> bool {
    let ready = std::pin::pin!(socket.ready(Interest::READABLE));
    match ready.poll(cx) {
        Poll::Ready(Ok(ready)) => ready.is_read_closed(),
        Poll::Ready(Err(_)) => true,
        Poll::Pending => false,
    }
}

impl AsyncWrite for Metered {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.socket).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.socket).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.socket).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn reads(r: May) -> usize {
        match r {
            May::Read(n) => n,
            May::Wait(d) => panic!("waits {d:?}"),
        }
    }

    #[test]
    fn a_source_reads_its_burst_then_its_rate_and_others_are_untouched() {
        let budget = Reads::new(NetBlock::default(), 10);
        let t = Instant::now();
        let a = ip("192.0.2.1");
        // As much as the total has (less than the source's own).
        assert_eq!(
            reads(budget.may(a, t)),
            TOTAL_BURST.min(BURST * 10.0) as usize
        );
        budget.read(a, (BURST * 10.0) as usize, t);
        let May::Wait(after) = budget.may(a, t) else {
            panic!("reads past its burst")
        };
        // MIN_READ at 10 KiB a second.
        assert_eq!(after, Duration::from_secs_f64(MIN_READ / (PER_SEC * 10.0)));
        let later = t + Duration::from_secs(1);
        assert_eq!(reads(budget.may(a, later)), (PER_SEC * 10.0) as usize);
        // Another address, and the same address in another /64 sense, are counted apart.
        assert!(matches!(budget.may(ip("192.0.2.2"), t), May::Read(_)));
        budget.read(ip("2001:db8::1"), 1 << 20, t);
        assert!(matches!(budget.may(ip("2001:db8::ffff"), t), May::Wait(_)));
        assert!(matches!(budget.may(ip("2001:db8:0:1::1"), t), May::Read(_)));
        // 0: no limit.
        let free = Reads::new(NetBlock::default(), 0);
        free.read(a, 1 << 30, t);
        assert_eq!(free.may(a, t), May::Read(usize::MAX));
    }

    #[tokio::test]
    async fn a_client_that_left_is_seen_behind_the_bytes_that_wait_unread() {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let mut client = TcpStream::connect(listener.local_addr().unwrap())
            .await
            .unwrap();
        let (socket, peer) = listener.accept().await.unwrap();
        // One walkthrough's budget: 16 KiB at once, then 1 KiB a second.
        let mut server = Metered::new(
            socket,
            peer.ip(),
            Arc::new(Reads::new(NetBlock::default(), 1)),
        );
        // The client sends 64 KiB (all of it reaches the server's kernel) and says goodbye.
        client.write_all(&[b'x'; 64 * 1024]).await.unwrap();
        client.shutdown().await.unwrap();
        drop(client);
        // The server reads its budget, then sees the end at once: not after the 48 KiB
        // still unread have come in at 1 KiB a second.
        let mut read = 0;
        let mut buf = [0; 4096];
        let ended = tokio::time::timeout(Duration::from_secs(5), async {
            loop {
                match server.read(&mut buf).await {
                    Ok(0) | Err(_) => break,
                    Ok(n) => read += n,
                }
            }
        })
        .await;
        assert!(ended.is_ok(), "still reading after 5 s ({read} bytes)");
        assert!(read < 24 * 1024, "read {read} bytes, past its budget");
    }

    #[test]
    fn when_the_total_is_spent_only_light_sources_read_down_to_the_mark() {
        let budget = Reads::new(NetBlock::default(), 10);
        let t = Instant::now();
        let own = BURST * 10.0;
        // Sources that each read most of their own: together past the total.
        let heavy: Vec<IpAddr> = (1..=8)
            .map(|i| format!("198.51.100.{i}").parse().unwrap())
            .collect();
        for ip in &heavy {
            budget.read(*ip, (own * 0.6) as usize, t);
        }
        // Each has 40 % of its own left: more than MIN_READ, but under the mark.
        assert!(
            heavy
                .iter()
                .all(|ip| matches!(budget.may(*ip, t), May::Wait(_)))
        );
        // A person who read a handshake's worth reads on, down to half of their own.
        let person = ip("203.0.113.7");
        budget.read(person, 6 * 1024, t);
        assert_eq!(
            reads(budget.may(person, t)),
            (own - 6.0 * 1024.0 - own * LIGHT) as usize
        );
        // Half a second later the total has bytes again: everyone reads.
        let later = t + Duration::from_millis(500);
        assert!(
            heavy
                .iter()
                .all(|ip| matches!(budget.may(*ip, later), May::Read(_)))
        );
    }
}
