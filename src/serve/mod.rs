//! `bezwaar serve`: the walkthrough over SSH, for many people at once. A visitor types
//! `ssh -p 2222 host`: no account, no password, no install. Each SSH session with a terminal
//! gets its own [`App`](crate::app::App), drawn with ratatui onto the SSH channel.
//!
//! The parts:
//! - this file: the options, the accept loop with its limits, one supervisor per connection
//!   (login timeout, shutdown), the log, and the server's own words;
//! - [`handler`]: the SSH protocol side of a connection: what is accepted, what is refused;
//! - [`session`]: one walkthrough: keys in, frames out, idle timeout, goodbye;
//! - [`input`]: the visitor's raw key bytes as crossterm events;
//! - [`limit`]: the per-address connection rate;
//! - [`hostkey`]: the server's ed25519 key, made on first start.
//!
//! Privacy: the log says how many sessions there are and why one ended or was refused;
//! never what anyone typed, their user name, their address or their environment. Nothing of a
//! visitor is ever written to disk: progress lives in the session's memory.

mod handler;
pub mod hostkey;
pub mod input;
pub mod limit;
mod session;

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use chrono::{DateTime, FixedOffset, Utc};
use russh::server::Config;
use russh::{Disconnect, SshId};
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, watch};
use tokio::time::Instant;

use crate::script::{self, Script};
use crate::terminal::Clock;
use crate::text::Lang;

use limit::RateLimit;

/// `bezwaar serve`'s own options (`--lang`, `--now` and `--script` are the global ones).
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// Address and port to listen on. The default lets in only this machine; to let others
    /// in, use 0.0.0.0:2222 (all IPv4 addresses) or [::]:2222 (IPv6, often both)
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:2222")]
    pub listen: String,

    /// The server's ed25519 host key, made on first start (mode 0600)
    /// [default: ssh_host_ed25519_key in the data directory, e.g. ~/.local/share/bezwaar]
    #[arg(long, value_name = "FILE")]
    pub host_key: Option<PathBuf>,

    /// Walkthroughs at once; the next visitor is asked to try again in a minute
    #[arg(long, value_name = "N", default_value_t = 100)]
    pub max_sessions: usize,

    /// Close a walkthrough after this many seconds without a key press
    #[arg(long, value_name = "SECS", default_value_t = 900)]
    pub idle_timeout: u64,

    /// Close a connection that has not logged in and asked for a terminal within this many
    /// seconds
    #[arg(long, value_name = "SECS", default_value_t = 30)]
    pub login_timeout: u64,

    /// New connections per minute from one address (an IPv6 /64 counts as one); as many may
    /// come at once. 0: no limit
    #[arg(long, value_name = "N", default_value_t = 30)]
    pub per_minute: u32,
}

/// Everything the server needs, resolved.
#[derive(Debug, Clone)]
pub struct Options {
    pub listen: String,
    pub host_key: PathBuf,
    pub max_sessions: usize,
    pub idle_timeout: Duration,
    pub login_timeout: Duration,
    pub per_minute: u32,
    /// For visitors whose ssh sends no LANG (or one that is neither Dutch nor English).
    pub lang: Lang,
    pub clock: Clock,
    pub script: Arc<Script>,
}

/// `bezwaar serve` from the command line: resolve the options, run until SIGTERM, SIGINT or
/// SIGHUP, and say how it went as an exit code (0: stopped as asked; 1: could not start).
pub fn main(
    args: Args,
    lang: Option<Lang>,
    now: Option<DateTime<FixedOffset>>,
    script_file: Option<&Path>,
) -> ExitCode {
    let script = match script::load_or_embedded(script_file) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let Some(host_key) = args.host_key.or_else(hostkey::default_path) else {
        eprintln!("bezwaar serve: no data directory to keep the host key in; pass --host-key FILE");
        return ExitCode::FAILURE;
    };
    let options = Options {
        listen: args.listen,
        host_key,
        max_sessions: args.max_sessions,
        idle_timeout: Duration::from_secs(args.idle_timeout.max(1)),
        login_timeout: Duration::from_secs(args.login_timeout.max(1)),
        per_minute: args.per_minute,
        // As everywhere: --lang, else the server's own locale (Dutch unless it is en…).
        lang: lang.unwrap_or_else(|| Lang::from_env(|k| std::env::var(k).ok())),
        clock: now.map_or_else(Clock::system, |t| Clock::starting_at(t.with_timezone(&Utc))),
        script: Arc::new(script),
    };
    match run(options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bezwaar serve: {e}");
            ExitCode::FAILURE
        }
    }
}

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

/// The server: listens, serves, and when `stop` resolves says goodbye to everyone and returns.
pub async fn serve(options: Options, stop: impl Future<Output = &'static str>) -> io::Result<()> {
    let key = hostkey::load_or_create(&options.host_key)?;
    let shown = options.host_key.display();
    if key.created {
        log(format_args!("made a new host key: {shown}"));
    }
    if key.too_open {
        log(format_args!(
            "warning: others can read the host key {shown}; run: chmod 600 {shown}"
        ));
    }
    log(format_args!(
        "host key fingerprint {} (visitors' ssh shows it the first time)",
        key.fingerprint()
    ));
    let listener = TcpListener::bind(&options.listen).await.map_err(|e| {
        io::Error::new(
            e.kind(),
            format!("cannot listen on {}: {e}", options.listen),
        )
    })?;
    let addr = listener.local_addr()?;
    log(format_args!(
        "listening on {addr}: connect with ssh -p {} {}; at most {} sessions, idle timeout {} s",
        addr.port(),
        if addr.ip().is_loopback() {
            "localhost"
        } else {
            "HOST"
        },
        options.max_sessions,
        options.idle_timeout.as_secs(),
    ));

    let config = Arc::new(ssh_config(key.key));
    let (stop_tx, stop_rx) = watch::channel(false);
    let shared = Arc::new(Shared {
        rate: RateLimit::new(options.per_minute),
        options,
        connections: AtomicUsize::new(0),
        sessions: AtomicUsize::new(0),
        changed: Notify::new(),
        stop: stop_rx,
    });

    tokio::pin!(stop);
    let why = loop {
        tokio::select! {
            why = &mut stop => break why,
            accepted = listener.accept() => match accepted {
                Ok((socket, peer)) => {
                    tokio::spawn(connection(shared.clone(), config.clone(), socket, peer));
                }
                Err(e) => {
                    // Out of file descriptors and the like: wait a moment rather than spin.
                    log(format_args!("accept failed: {e}"));
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            },
        }
    };
    drop(listener);
    let sessions = shared.sessions.load(Ordering::SeqCst);
    log(format_args!(
        "{why}: stopping; saying goodbye to {sessions} session(s)"
    ));
    let _ = stop_tx.send(true);
    // Each session writes its goodbye and closes; give them a few seconds at most.
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let notified = shared.changed.notified();
        if shared.connections.load(Ordering::SeqCst) == 0 {
            break;
        }
        if tokio::time::timeout_at(deadline, notified).await.is_err() {
            log(format_args!("gave up waiting for the last connections"));
            break;
        }
    }
    log(format_args!("stopped"));
    Ok(())
}

fn ssh_config(key: russh::keys::PrivateKey) -> Config {
    Config {
        server_id: SshId::Standard(concat!("SSH-2.0-bezwaar_", env!("CARGO_PKG_VERSION")).into()),
        keys: vec![key],
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

/// What all connections share.
struct Shared {
    options: Options,
    rate: RateLimit,
    /// Open TCP connections (logged in or not).
    connections: AtomicUsize,
    /// Walkthroughs running.
    sessions: AtomicUsize,
    /// Poked when a connection or session ends.
    changed: Notify,
    /// Becomes true when the server stops.
    stop: watch::Receiver<bool>,
}

impl Shared {
    /// Open connections allowed at once: every session's, and room for people logging in.
    fn max_connections(&self) -> usize {
        self.options
            .max_sessions
            .saturating_mul(2)
            .saturating_add(16)
    }

    /// Takes a session place, if there is one free.
    fn try_start_session(self: &Arc<Self>) -> Option<SessionPlace> {
        let max = self.options.max_sessions;
        let n = self
            .sessions
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| {
                (n < max).then_some(n + 1)
            })
            .ok()?
            + 1;
        log(format_args!("session started ({n} active)"));
        Some(SessionPlace {
            shared: self.clone(),
            why: "ended",
        })
    }
}

/// A running walkthrough's place in the count; freed (and logged, with why) when dropped.
struct SessionPlace {
    shared: Arc<Shared>,
    why: &'static str,
}

impl Drop for SessionPlace {
    fn drop(&mut self) {
        let n = self.shared.sessions.fetch_sub(1, Ordering::SeqCst) - 1;
        log(format_args!("session ended: {} ({n} active)", self.why));
        self.shared.changed.notify_waiters();
    }
}

/// An open connection's place in the count; freed when dropped.
struct ConnectionPlace(Arc<Shared>);

impl Drop for ConnectionPlace {
    fn drop(&mut self) {
        self.0.connections.fetch_sub(1, Ordering::SeqCst);
        self.0.changed.notify_waiters();
    }
}

/// One TCP connection, from accept to close: the limits before any cryptography, then the
/// SSH session under a login timeout, until it ends or the server stops.
async fn connection(
    shared: Arc<Shared>,
    config: Arc<Config>,
    mut socket: TcpStream,
    peer: SocketAddr,
) {
    shared.connections.fetch_add(1, Ordering::SeqCst);
    let _place = ConnectionPlace(shared.clone());
    let now = std::time::Instant::now();
    let lang = shared.options.lang;
    // Refusals before the SSH handshake can only be a line of text: netcat shows it, ssh
    // says the connection was closed. Cheap on purpose.
    if !shared.rate.allow(peer.ip(), now) {
        let secs = shared.rate.wait(peer.ip(), now).as_secs() + 1;
        log(format_args!(
            "refused a connection: too many from one address"
        ));
        let line = say(lang, Say::TooMany(secs));
        let _ = socket.write_all(format!("{line}\r\n").as_bytes()).await;
        return;
    }
    if shared.connections.load(Ordering::SeqCst) > shared.max_connections() {
        log(format_args!("refused a connection: too many open"));
        let _ = socket
            .write_all(format!("{}\r\n", say(lang, Say::Busy)).as_bytes())
            .await;
        return;
    }
    let (answered_tx, mut answered_rx) = watch::channel(false);
    let handler = handler::Conn::new(shared.clone(), answered_tx);
    let login_deadline = Instant::now() + shared.options.login_timeout;
    let running = match tokio::time::timeout_at(
        login_deadline,
        russh::server::run_stream(config, socket, handler),
    )
    .await
    {
        Ok(Ok(running)) => running,
        // No SSH greeting in time, or not SSH at all.
        _ => return,
    };
    let handle = running.handle();
    tokio::pin!(running);
    let mut stop = shared.stop.clone();

    // Logged in and asked for something (a terminal, or a command to refuse) in time?
    tokio::select! {
        _ = &mut running => return,
        answered = tokio::time::timeout_at(login_deadline, until(&mut answered_rx)) => {
            if answered != Ok(true) {
                log(format_args!("closed a connection: no terminal asked for in time"));
                let _ = handle
                    .disconnect(Disconnect::ByApplication, say(lang, Say::LoginTimeout), String::new())
                    .await;
                let _ = tokio::time::timeout(Duration::from_secs(1), &mut running).await;
                return;
            }
        }
        _ = until(&mut stop) => {}
    }
    // Now until the visitor leaves, or the server stops: then the sessions say goodbye
    // (they watch the same signal), and whatever is left is cut.
    tokio::select! {
        _ = &mut running => {}
        _ = until(&mut stop) => {
            let _ = tokio::time::timeout(Duration::from_secs(2), &mut running).await;
            let _ = handle
                .disconnect(Disconnect::ByApplication, say(lang, Say::Stopping), String::new())
                .await;
        }
    }
}

/// Resolves when the flag becomes true: true; or when its sender is gone: false.
async fn until(flag: &mut watch::Receiver<bool>) -> bool {
    flag.wait_for(|v| *v).await.is_ok()
}

/// The server's own words, in Dutch and English (the walkthrough's come from the script).
#[derive(Debug, Clone, Copy)]
enum Say {
    Goodbye,
    Idle(u64),
    Stopping,
    Busy,
    TooMany(u64),
    NoTerminal,
    NoCommands,
    NoSubsystems,
    NoForwarding,
    LoginTimeout,
}

fn say(lang: Lang, what: Say) -> String {
    let nl = lang == Lang::Nl;
    match what {
        Say::Goodbye => if nl {
            "Tot ziens. Bedankt voor het meedoen!"
        } else {
            "Goodbye. Thank you for taking part!"
        }
        .into(),
        Say::Idle(secs) => {
            let minutes = secs.div_ceil(60);
            match (nl, secs < 120) {
                (true, true) => format!(
                    "Gestopt na {secs} seconden zonder toets. Verbind opnieuw om verder te gaan."
                ),
                (true, false) => format!(
                    "Gestopt na {minutes} minuten zonder toets. Verbind opnieuw om verder te gaan."
                ),
                (false, true) => format!(
                    "Closed after {secs} seconds without a key press. Connect again to go on."
                ),
                (false, false) => format!(
                    "Closed after {minutes} minutes without a key press. Connect again to go on."
                ),
            }
        }
        Say::Stopping => if nl {
            "De server stopt nu. Probeer het later opnieuw."
        } else {
            "The server is stopping now. Try again later."
        }
        .into(),
        Say::Busy => if nl {
            "Het is nu te druk. Probeer het over een minuut opnieuw."
        } else {
            "Busy, try again in a minute."
        }
        .into(),
        Say::TooMany(secs) => {
            if nl {
                format!(
                    "bezwaar: te veel verbindingen vanaf jouw adres. Probeer het over {secs} seconden opnieuw."
                )
            } else {
                format!(
                    "bezwaar: too many connections from your address. Try again in {secs} seconds."
                )
            }
        }
        Say::NoTerminal => if nl {
            "bezwaar heeft een terminal nodig. Verbind met: ssh -t (zonder -T en zonder opdracht)"
        } else {
            "bezwaar needs a terminal. Connect with: ssh -t (no -T, no command)"
        }
        .into(),
        Say::NoCommands => if nl {
            "bezwaar voert geen opdrachten uit. Verbind zonder opdracht om de uitleg te zien."
        } else {
            "bezwaar runs no commands. Connect without a command to see the walkthrough."
        }
        .into(),
        Say::NoSubsystems => if nl {
            "bezwaar biedt geen sftp of andere subsystemen."
        } else {
            "bezwaar offers no sftp or other subsystems."
        }
        .into(),
        Say::NoForwarding => if nl {
            "bezwaar stuurt niets door (geen poorten, agent of X11)."
        } else {
            "bezwaar forwards nothing (no ports, agent or X11)."
        }
        .into(),
        Say::LoginTimeout => if nl {
            "bezwaar: geen terminal gevraagd binnen de tijd."
        } else {
            "bezwaar: no terminal asked for in time."
        }
        .into(),
    }
}

/// One line on stderr with the time. Counts and reasons only: see the module's privacy note.
fn log(args: std::fmt::Arguments) {
    eprintln!(
        "{} bezwaar serve: {args}",
        Utc::now().format("%Y-%m-%dT%H:%M:%S%.3fZ")
    );
}
