//! The server itself: its start (the host key, the open-file limit, the listener), the accept
//! loop that hands each connection to [`crate::connection`], and its stop (every session
//! says goodbye, then what was held is forgotten).

use std::future::Future;
use std::io;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use russh::server::Config;
use russh::{Preferred, SshId};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::time::Instant;

use crate::connection::{STOP_GRACE, connection};
use crate::journal::{self, Line, OsError};
use crate::options::Options;
use crate::shared::Shared;
use crate::{hostkey, tcp};

/// Open files kept free for everything that is not a connection (the listener, the log, the
/// runtime's own).
const SPARE_FILES: usize = 64;

/// Runs the server until SIGTERM, SIGINT (Ctrl-C) or SIGHUP, then says goodbye to every
/// session and returns.
pub fn run(options: Options) -> io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let result = runtime.block_on(async {
        let stop = stop_signal()?;
        serve(options, stop).await
    });
    // Whatever is still running by now (a connection that did not close) is cut off.
    runtime.shutdown_timeout(Duration::from_millis(200));
    result
}

/// Resolves when the process is asked to stop: SIGTERM, SIGINT or SIGHUP.
fn stop_signal() -> io::Result<impl Future<Output = &'static str>> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut term = signal(SignalKind::terminate())?;
    let mut int = signal(SignalKind::interrupt())?;
    let mut hup = signal(SignalKind::hangup())?;
    Ok(async move {
        tokio::select! {
            _ = term.recv() => "SIGTERM",
            _ = int.recv() => "SIGINT",
            _ = hup.recv() => "SIGHUP",
        }
    })
}

/// Raises the soft limit on open files to the hard one (as far as this process may) and
/// returns the limit in force.
fn open_file_limit() -> usize {
    use nix::sys::resource::{Resource, getrlimit, setrlimit};
    let Ok((soft, hard)) = getrlimit(Resource::RLIMIT_NOFILE) else {
        return 1024;
    };
    let now = if soft < hard && setrlimit(Resource::RLIMIT_NOFILE, hard, hard).is_ok() {
        hard
    } else {
        soft
    };
    usize::try_from(now).unwrap_or(usize::MAX)
}

/// The server: listens, serves, and when `stop` resolves says goodbye to everyone and returns.
pub async fn serve(options: Options, stop: impl Future<Output = &'static str>) -> io::Result<()> {
    let key = hostkey::load_or_create(&options.host_key)?;
    let path = &options.host_key;
    if key.created {
        journal::log(Line::HostKeyMade { path: path.clone() });
    }
    if key.too_open {
        journal::log(Line::HostKeyTooOpen { path: path.clone() });
    }
    journal::log(Line::HostKeyFingerprint {
        fingerprint: key.fingerprint(),
    });
    if !tcp::watch_rekeys() {
        journal::log(Line::RekeysNotCounted);
    }
    let wanted = options.max_sessions.saturating_mul(2).saturating_add(16);
    let files = open_file_limit();
    let max_connections = wanted.min(files.saturating_sub(SPARE_FILES).max(1));
    if max_connections < wanted {
        journal::log(Line::FewFiles {
            files,
            max_connections,
        });
    }
    let listener = TcpListener::bind(&options.listen).await.map_err(|e| {
        io::Error::new(
            e.kind(),
            format!("cannot listen on {}: {e}", options.listen),
        )
    })?;
    let addr = listener.local_addr()?;
    journal::log(Line::Listening {
        addr,
        max_sessions: options.max_sessions,
        idle_timeout: options.idle_timeout,
        proxy_protocol: options.proxy_protocol,
    });

    let config = Arc::new(ssh_config(key.key));
    let (stop_tx, stop_rx) = watch::channel(false);
    let shared = Arc::new(Shared::new(options, max_connections, stop_rx));

    let summaries = tokio::spawn(async {
        loop {
            tokio::time::sleep(journal::SUMMARY_EVERY).await;
            journal::left_out();
        }
    });
    tokio::pin!(stop);
    let signal = loop {
        tokio::select! {
            signal = &mut stop => break signal,
            accepted = listener.accept() => match accepted {
                Ok((socket, peer)) => {
                    tokio::spawn(connection(shared.clone(), config.clone(), socket, peer));
                }
                Err(e) => {
                    // Out of file descriptors and the like: wait a moment rather than spin.
                    journal::log(Line::AcceptFailed {
                        error: OsError::from(&e),
                    });
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            },
        }
    };
    drop(listener);
    let sessions = shared.sessions.load(Ordering::SeqCst);
    journal::log(Line::Stopping { signal, sessions });
    let _ = stop_tx.send(true);
    // Each session writes its goodbye; each connection then closes, within STOP_GRACE and a
    // little (see `connection`). This only waits for that.
    let deadline = Instant::now() + STOP_GRACE + Duration::from_secs(2);
    while shared.connections.load(Ordering::SeqCst) > 0 {
        if Instant::now() >= deadline {
            journal::log(Line::GaveUpWaiting);
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    summaries.abort();
    journal::left_out();
    let (held, bytes) = shared.desk().held();
    if held > 0 {
        journal::log(Line::Forgot { held, bytes });
    }
    journal::log(Line::Stopped);
    Ok(())
}

fn ssh_config(key: russh::keys::PrivateKey) -> Config {
    use russh::kex;
    Config {
        server_id: SshId::Standard(concat!("SSH-2.0-bezwaar_", env!("CARGO_PKG_VERSION")).into()),
        keys: vec![key],
        // Only the key exchanges OpenSSH leads with: each costs the server well under a
        // millisecond. The finite-field Diffie-Hellman groups (up to ~0.8 s of CPU each for
        // group18) are not offered at all.
        preferred: Preferred {
            kex: std::borrow::Cow::Borrowed(&[
                kex::MLKEM768X25519_SHA256,
                kex::CURVE25519,
                kex::CURVE25519_PRE_RFC_8731,
                kex::EXTENSION_SUPPORT_AS_SERVER,
                kex::EXTENSION_OPENSSH_STRICT_KEX_AS_SERVER,
            ]),
            key: std::borrow::Cow::Borrowed(&[russh::keys::Algorithm::Ed25519]),
            ..Preferred::default()
        },
        // Every login is accepted at once: nothing to slow down.
        auth_rejection_time: Duration::ZERO,
        auth_rejection_time_initial: Some(Duration::ZERO),
        max_auth_attempts: 6,
        // Ask a silent client whether it is still there; four unanswered: gone.
        keepalive_interval: Some(Duration::from_secs(30)),
        keepalive_max: 4,
        // Nothing received (not even a keepalive reply) and nothing sent for this long, or a
        // write blocked this long (a client that stopped reading): the connection is cut. A
        // live client answers the keepalives, so a visitor reading a page is not cut off;
        // the walkthrough's own idle timeout ends that, with a goodbye.
        inactivity_timeout: Some(Duration::from_secs(90)),
        nodelay: true,
        ..Config::default()
    }
}
