//! One TCP connection, from accept to close: the limits per address before any
//! cryptography (the PROXY header first, behind a balancer), the SSH session under a login
//! timeout, then for as long as it runs a walkthrough; closed with a reason when it ends, when
//! it has none, or when the server stops.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use russh::Disconnect;
use russh::server::{Config, Handle};
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;
use tokio::time::{Instant, sleep_until, timeout, timeout_at};

use crate::journal::{self, Line};
use crate::limit::What;
use crate::options::public_address;
use crate::say::{Say, say};
use crate::shared::Shared;
use crate::tcp::{Tcp, Wire};
use crate::{ended, handler, proxy, reads, until};
use bezwaar_core::text::Lang;

/// After a connection's last channel ends, how long the client has to leave by itself (ssh
/// does, at once) or open another (`ssh -S`), before the server closes the connection.
const LINGER: Duration = Duration::from_secs(1);
/// When the server stops: how long the walkthroughs have to say goodbye and the visitors to
/// leave, before their connections are closed.
pub(crate) const STOP_GRACE: Duration = Duration::from_millis(1500);
/// The most a PROXY header may take to arrive (a balancer sends it at once).
const PROXY_HEADER_TIME: Duration = Duration::from_secs(5);

/// Writes a one-line refusal to a socket before any SSH (netcat shows it, ssh says the
/// connection was closed), bounded in time.
async fn refuse_line(socket: &mut TcpStream, lang: Lang, what: Say) {
    let line = format!("{}\r\n", say(lang, what));
    let _ = timeout(Duration::from_secs(1), socket.write_all(line.as_bytes())).await;
}

/// One TCP connection, from accept to close: the limits before any cryptography, then the
/// SSH session under a login timeout, then for as long as it runs a walkthrough, until it
/// ends or the server stops.
pub(crate) async fn connection(
    shared: Arc<Shared>,
    config: Arc<Config>,
    mut socket: TcpStream,
    peer: SocketAddr,
) {
    let started = Instant::now();
    let lang = shared.options.lang;
    let mut stop = shared.stop.clone();
    let Some(total) = shared.enter() else {
        journal::log(Line::TooManyOpen);
        refuse_line(&mut socket, lang, Say::Busy).await;
        return;
    };
    let tcp = Tcp::new();
    let logging_in = shared.logging_in(&tcp);
    let login_deadline = started + shared.options.login_timeout;

    // Behind a balancer, who the visitor is comes first. A connection the balancer makes
    // itself (a health check: PROXY v2 LOCAL, v1 UNKNOWN) has no visitor: it gets nothing
    // but the close, so it costs no SSH handshake and takes no place in any rate.
    let (ip, early) = if shared.options.proxy_protocol {
        let header_deadline = login_deadline.min(started + PROXY_HEADER_TIME);
        tokio::select! {
            header = timeout_at(header_deadline, proxy::read_header(&mut socket)) => match header {
                Ok(Ok(proxy::Header { client: Some(ip), rest })) => (ip, rest),
                // A health check: the balancer sees the server answer, and the close.
                Ok(Ok(proxy::Header { client: None, .. })) => return,
                Ok(Err(proxy::Refused::Invalid)) => {
                    journal::log(Line::NoProxyHeader);
                    return;
                }
                // Closed before a header, or nothing in time: a health check, a scanner.
                Ok(Err(proxy::Refused::Closed)) | Err(_) => return,
            },
            _ = tcp.until_cut() => return,
            _ = until(&mut stop) => return,
        }
    } else {
        (peer.ip(), Vec::new())
    };

    // Refusals before the SSH handshake can only be a line of text. Cheap on purpose.
    let now = std::time::Instant::now();
    if !shared.rate.allow(ip, now) {
        let secs = shared.rate.wait(ip, now).as_secs() + 1;
        journal::log(Line::TooManyFromAddress);
        refuse_line(&mut socket, lang, Say::TooMany(secs)).await;
        return;
    }
    let Some(address) = shared.open.enter(ip, What::Connection) else {
        journal::log(Line::TooManyOpenFromAddress);
        refuse_line(&mut socket, lang, Say::TooManyOpen).await;
        return;
    };

    // From here the socket, with its places, belongs to russh's task: it closes when that
    // task ends, and `tcp` can cut it at any moment.
    let here = public_address(&shared.options, socket.local_addr().ok());
    let socket = reads::Metered::new(socket, ip, shared.reads.clone());
    let wire = Wire::new(socket, early, tcp.clone(), (total, address));
    let handler = handler::Conn::new(shared.clone(), tcp.clone(), ip, here);
    let running = tokio::select! {
        started = timeout_at(login_deadline, russh::server::run_stream(config, wire, handler)) => {
            match started {
                Ok(Ok(running)) => running,
                // No SSH greeting in time, or not SSH at all.
                _ => return,
            }
        }
        _ = tcp.until_cut() => return,
        _ = until(&mut stop) => return,
    };
    let handle = running.handle();
    // Awaited in more than one place: see `ended`.
    let mut running = ended::Session::new(running);

    // Logged in and asked for something (a terminal, or a command to refuse) in time?
    let mut answered = tcp.answered.subscribe();
    let timed_out = tokio::select! {
        _ = &mut running => return,
        answered = timeout_at(login_deadline, until(&mut answered)) => match answered {
            Ok(true) => false,
            // The handler is gone: the connection is ending by itself.
            Ok(false) => {
                let _ = timeout(Duration::from_secs(1), &mut running).await;
                return;
            }
            Err(_) => true,
        },
        _ = tcp.until_cut() => {
            close(&handle, &tcp, &mut running, lang, None).await;
            return;
        }
        _ = until(&mut stop) => {
            close(&handle, &tcp, &mut running, lang, Some(Say::Stopping)).await;
            return;
        }
    };
    if timed_out {
        journal::log(Line::NoTerminalInTime);
        close(&handle, &tcp, &mut running, lang, Some(Say::LoginTimeout)).await;
        return;
    }
    drop(logging_in);

    // Now for as long as a walkthrough runs on it. Without one, the connection has the login
    // window to start one; without any channel, a moment to open another.
    let mut channels = tcp.channels();
    let mut walks = tcp.walks();
    let mut quiet_since = None;
    loop {
        let (open, walking) = (*channels.borrow_and_update(), *walks.borrow_and_update());
        let now = Instant::now();
        let deadline = if walking > 0 {
            quiet_since = None;
            None
        } else if open == 0 {
            Some((now + LINGER, None))
        } else {
            let since = *quiet_since.get_or_insert(now);
            Some((
                since + shared.options.login_timeout,
                Some(Say::LoginTimeout),
            ))
        };
        tokio::select! {
            _ = &mut running => return,
            _ = channels.changed() => {}
            _ = walks.changed() => {}
            _ = sleep_until(deadline.map_or(now, |d| d.0)), if deadline.is_some() => {
                let why = deadline.and_then(|d| d.1);
                if why.is_some() {
                    journal::log(Line::NoTerminalInTime);
                }
                close(&handle, &tcp, &mut running, lang, why).await;
                return;
            }
            _ = tcp.until_cut() => {
                close(&handle, &tcp, &mut running, lang, None).await;
                return;
            }
            _ = until(&mut stop) => {
                // The walkthroughs say goodbye and close their channels (they watch the same
                // signal); the visitors' ssh then leaves. Whatever is left is closed.
                let _ = timeout(STOP_GRACE, async {
                    tokio::select! {
                        _ = &mut running => {}
                        _ = channels.wait_for(|n| *n == 0) => {}
                    }
                })
                .await;
                close(&handle, &tcp, &mut running, lang, Some(Say::Stopping)).await;
                return;
            }
        }
    }
}

/// Closes a connection: with a reason when it is still listening, else (or when that does not
/// end it at once, say in the middle of a key exchange) by cutting the socket.
async fn close(
    handle: &Handle,
    tcp: &Tcp,
    running: &mut ended::Session<handler::Conn>,
    lang: Lang,
    why: Option<Say>,
) {
    if !tcp.is_cut() {
        let text = why.map(|w| say(lang, w)).unwrap_or_default();
        let _ = timeout(
            Duration::from_millis(200),
            handle.disconnect(Disconnect::ByApplication, text, String::new()),
        )
        .await;
        if timeout(Duration::from_millis(500), &mut *running)
            .await
            .is_ok()
        {
            return;
        }
    }
    tcp.cut();
    let _ = timeout(Duration::from_secs(1), running).await;
}
