//! `bezwaar serve`: the walkthrough over SSH, for many people at once. A visitor types
//! `ssh -p 2222 host`: no account, no password, no install. Each SSH session with a terminal
//! gets its own [`App`](bezwaar_view::app::App), drawn with ratatui onto the SSH channel.
//!
//! The parts:
//! - this file: the options, the accept loop with its limits, one supervisor per connection
//!   (login timeout, closing, shutdown), the log, and the server's own words;
//! - [`handler`]: the SSH protocol side of a connection: what is accepted, what is refused;
//! - [`session`]: one channel with a terminal: which walk it becomes a seat of, its keys in
//!   and its frames out;
//! - [`seat`]: one seat's channel: its keys and window sizes in, its frames out, bounded;
//! - [`room`]: one walk and its seats (the person's, and up to two helpers' who look along):
//!   the runner core driven over SSH, the idle warning and close, the goodbye;
//! - [`desk`]: the codes people type as their user name (to look along, to come back) and the
//!   walks held to come back to;
//! - [`held`]: the walks held to come back to, bounded per source and in all;
//! - [`words`]: the words of looking along and coming back;
//! - [`input`]: the visitor's raw key bytes as crossterm events;
//! - [`work`]: what one source's typing may cost the server a second;
//! - [`limit`]: the limits per address (connection rate, connections and walkthroughs at once);
//! - [`client_id`]: the client's identification line (paramiko logs in with "none");
//! - [`link`]: one connection's socket, which the server can cut off at any moment;
//! - [`ended`]: a connection's SSH session, which may be awaited again once it ended;
//! - [`proxy`]: the PROXY header a load balancer puts before each connection;
//! - [`hostkey`]: the server's ed25519 key, made on first start.
//!
//! Every resource one client can take is bounded, for it and for all together: a socket is
//! counted from accept to close (in the total and in its address's count), a connection that
//! runs no walkthrough is closed soon (the login window; a second after its last channel), a
//! connection still logging in makes room for a new one when the server is full, key exchanges
//! and channels have a budget per connection, and each kind of log line has one too.
//!
//! Privacy: the log says how many sessions there are and why one ended or was refused, and
//! when a look-along started and ended; never what anyone typed, their user name (nor so any
//! code), their key, their address or their environment. Nothing of a visitor is ever written
//! to disk: progress lives in memory, for the session and, held to come back to, for
//! `--hold` after it (a restart forgets it all).

mod client_id;
mod desk;
mod ended;
mod handler;
mod held;
pub mod hostkey;
mod ids;
pub mod input;
pub mod limit;
mod link;
mod proxy;
mod reads;
mod room;
mod seat;
mod session;
pub mod words;
mod work;

use std::collections::BTreeMap;
use std::future::Future;
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use chrono::{DateTime, FixedOffset, Utc};
use russh::server::{Config, Handle};
use russh::{Disconnect, Preferred, SshId};
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::time::{Instant, sleep_until, timeout, timeout_at};

use bezwaar_core::shelf::Shelf;
use bezwaar_core::text::Lang;
use bezwaar_view::runner::Clock;

use limit::{Open, RateLimit, What};
use link::{ChannelPlace, Link, Wire};

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

    /// Close a walkthrough after this many seconds without a key press (at least an hour
    /// while the link panel shows a form's link, and after it closed until the next key)
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

    /// Connections, and walkthroughs, open at once from one address (an IPv6 /64 counts as
    /// one). 0: no limit
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub per_address: usize,

    /// How addresses are grouped into one source for every per-address limit (connections,
    /// walkthroughs, wrong codes, held walks), as OpenSSH's PerSourceNetBlockSize: the IPv6
    /// prefix length (e.g. 48: a whole site is one source), or IPV4:IPV6 (e.g. 24:48)
    #[arg(long, value_name = "BITS", default_value = "32:64")]
    pub per_source_net_block: limit::NetBlock,

    /// Behind a load balancer such as HAProxy: every connection starts with a PROXY header
    /// (version 1 or 2), and the visitor's address in it is the one the limits count. A
    /// connection without a valid header is closed
    #[arg(long)]
    pub proxy_protocol: bool,

    /// The name (and port) people type to reach this server, for the ssh lines a helper or a
    /// returning person types; e.g. bezwaar.example.nl or bezwaar.example.nl:2222
    /// [default: the address and port the connection came in on]
    #[arg(long, value_name = "HOST[:PORT]")]
    pub public_address: Option<String>,

    /// How long a look-along code works, in seconds (once)
    #[arg(long, value_name = "SECS", default_value_t = 600)]
    pub invite_timeout: u64,

    /// How long a walk that ended without the person quitting (a dropped connection, the
    /// idle timeout) can be picked up again, in seconds. 0: not at all
    #[arg(long, value_name = "SECS", default_value_t = 86400)]
    pub hold: u64,

    /// Walks held to come back to, at most (in memory only; at most 10 per source; when full,
    /// the oldest of the source that holds the most goes first). 0: none
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub max_held: usize,
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
    pub per_address: usize,
    pub net_block: limit::NetBlock,
    pub proxy_protocol: bool,
    /// `--public-address`: the host (and port) in the lines to type; `None`: the address each
    /// connection came in on.
    pub public_address: Option<(String, Option<u16>)>,
    pub invite_timeout: Duration,
    pub hold: Duration,
    pub max_held: usize,
    /// For visitors whose ssh sends no LANG (or one that is neither Dutch nor English).
    pub lang: Lang,
    pub clock: Clock,
    /// The walkthroughs every visitor may choose from.
    pub shelf: Arc<Shelf>,
    /// `--walkthrough`: the one every visitor starts in (`None`: the chooser, with several).
    pub start: Option<String>,
}

/// After a connection's last channel ends, how long the client has to leave by itself (ssh
/// does, at once) or open another (`ssh -S`), before the server closes the connection.
const LINGER: Duration = Duration::from_secs(1);
/// When the server stops: how long the walkthroughs have to say goodbye and the visitors to
/// leave, before their connections are closed.
const STOP_GRACE: Duration = Duration::from_millis(1500);
/// The most a PROXY header may take to arrive (a balancer sends it at once).
const PROXY_HEADER_TIME: Duration = Duration::from_secs(5);
/// Open files kept free for everything that is not a connection (the listener, the log, the
/// runtime's own).
const SPARE_FILES: usize = 64;
/// How far past the total a connection that made room may take a place, while the one it
/// made room from is still closing.
const MAKE_ROOM_SLACK: usize = 16;

/// `bezwaar serve` from the command line: resolve the options, run until SIGTERM, SIGINT or
/// SIGHUP, and say how it went as an exit code (0: stopped as asked; 1: could not start).
pub fn main(
    args: Args,
    shelf: Shelf,
    start: Option<String>,
    lang: Lang,
    now: Option<DateTime<FixedOffset>>,
) -> ExitCode {
    let Some(host_key) = args.host_key.or_else(hostkey::default_path) else {
        eprintln!("bezwaar serve: no data directory to keep the host key in; pass --host-key FILE");
        return ExitCode::FAILURE;
    };
    let public_address = match args.public_address.as_deref().map(parse_public_address) {
        Some(Ok(address)) => Some(address),
        Some(Err(e)) => {
            eprintln!("bezwaar serve: --public-address: {e}");
            return ExitCode::from(2);
        }
        None => None,
    };
    let options = Options {
        listen: args.listen,
        host_key,
        max_sessions: args.max_sessions,
        idle_timeout: Duration::from_secs(args.idle_timeout.max(1)),
        login_timeout: Duration::from_secs(args.login_timeout.max(1)),
        per_minute: args.per_minute,
        per_address: args.per_address,
        net_block: args.per_source_net_block,
        proxy_protocol: args.proxy_protocol,
        public_address,
        invite_timeout: Duration::from_secs(args.invite_timeout.max(1)),
        hold: Duration::from_secs(args.hold),
        max_held: if args.hold == 0 { 0 } else { args.max_held },
        // As everywhere: --lang, else the server's own locale (Dutch unless it is en…).
        lang,
        clock: now.map_or_else(Clock::system, |t| Clock::starting_at(t.with_timezone(&Utc))),
        shelf: Arc::new(shelf),
        start,
    };
    match run(options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bezwaar serve: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `HOST`, `HOST:PORT`, `[IPv6]` or `[IPv6]:PORT`: a name people can type.
fn parse_public_address(s: &str) -> Result<(String, Option<u16>), String> {
    let bad = || format!("{s:?} is not a host name or address, with or without :PORT");
    let (host, port) = if let Some(rest) = s.strip_prefix('[') {
        let (host, after) = rest.split_once(']').ok_or_else(bad)?;
        match after.strip_prefix(':') {
            Some(p) => (host, Some(p)),
            None if after.is_empty() => (host, None),
            None => return Err(bad()),
        }
    } else if s.matches(':').count() == 1 {
        let (h, p) = s.split_once(':').ok_or_else(bad)?;
        (h, Some(p))
    } else {
        (s, None)
    };
    let port = match port {
        Some(p) => Some(p.parse::<u16>().ok().filter(|&p| p != 0).ok_or_else(bad)?),
        None => None,
    };
    let ok = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '_');
    if host.is_empty() || host.len() > 253 || !host.chars().all(ok) {
        return Err(bad());
    }
    Ok((host.to_owned(), port))
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
    if !link::watch_rekeys() {
        log(format_args!(
            "warning: another logger is installed; key exchanges are not counted"
        ));
    }
    let wanted = options.max_sessions.saturating_mul(2).saturating_add(16);
    let files = open_file_limit();
    let max_connections = wanted.min(files.saturating_sub(SPARE_FILES).max(1));
    if max_connections < wanted {
        log(format_args!(
            "warning: this process may open only {files} files: at most {max_connections} connections at once (ulimit -n, or LimitNOFILE= in systemd)"
        ));
    }
    let listener = TcpListener::bind(&options.listen).await.map_err(|e| {
        io::Error::new(
            e.kind(),
            format!("cannot listen on {}: {e}", options.listen),
        )
    })?;
    let addr = listener.local_addr()?;
    log(format_args!(
        "listening on {addr}: connect with ssh -p {} {}; at most {} sessions, idle timeout {} s{}",
        addr.port(),
        if addr.ip().is_loopback() {
            "localhost"
        } else {
            "HOST"
        },
        options.max_sessions,
        options.idle_timeout.as_secs(),
        if options.proxy_protocol {
            "; every connection must start with a PROXY header"
        } else {
            ""
        },
    ));

    let config = Arc::new(ssh_config(key.key));
    let (stop_tx, stop_rx) = watch::channel(false);
    let limits = desk::Limits {
        invite: options.invite_timeout,
        hold: options.hold,
        max_held: options.max_held,
        max_held_bytes: desk::MAX_HELD_BYTES,
        block: options.net_block,
    };
    let mut salt = [0u8; 32];
    rand::RngExt::fill(&mut rand::rng(), &mut salt);
    let shared = Arc::new(Shared {
        desk: Mutex::new(desk::Desk::new(limits)),
        salt,
        rate: RateLimit::new(options.per_minute, options.net_block),
        work: work::Work::new(options.net_block, options.per_address),
        reads: Arc::new(reads::Reads::new(options.net_block, options.per_address)),
        open: Open::new(options.per_address, options.net_block),
        options,
        max_connections,
        connections: AtomicUsize::new(0),
        sessions: AtomicUsize::new(0),
        logging_in: Mutex::new(BTreeMap::new()),
        next_id: AtomicU64::new(0),
        stop: stop_rx,
    });

    let summaries = tokio::spawn(async {
        loop {
            tokio::time::sleep(NOTE_SUMMARY).await;
            note_left_out();
        }
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
                    note("accept failed", format_args!("accept failed: {e}"));
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
    // Each session writes its goodbye; each connection then closes, within STOP_GRACE and a
    // little (see `connection`). This only waits for that.
    let deadline = Instant::now() + STOP_GRACE + Duration::from_secs(2);
    while shared.connections.load(Ordering::SeqCst) > 0 {
        if Instant::now() >= deadline {
            log(format_args!("gave up waiting for the last connections"));
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    summaries.abort();
    note_left_out();
    let (held, bytes) = shared.desk().held();
    if held > 0 {
        log(format_args!(
            "forgot {held} walk(s) held to come back to ({} KiB): they were in memory only",
            bytes.div_ceil(1024)
        ));
    }
    log(format_args!("stopped"));
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

/// What all connections share.
struct Shared {
    options: Options,
    /// Codes, walks to look along with, walks held to come back to.
    desk: Mutex<desk::Desk<room::Door>>,
    /// This process's own random bytes, mixed into the hash of a visitor's public key (so the
    /// hash means nothing outside this process, and nothing after a restart).
    salt: [u8; 32],
    rate: RateLimit,
    /// The walks' time spent on each source's keys.
    work: work::Work,
    /// The bytes each source may make the server read, before any SSH work.
    reads: Arc<reads::Reads>,
    /// Connections and walkthroughs per address.
    open: Arc<Open>,
    /// Open sockets allowed at once: every session's, and room for people logging in (fewer
    /// when the process may not open that many files).
    max_connections: usize,
    /// Open sockets (logged in or not), from accept to close.
    connections: AtomicUsize,
    /// Walkthroughs running.
    sessions: AtomicUsize,
    /// Connections that have not yet asked for a walkthrough, oldest first: when the server
    /// is full, the oldest makes room for a new one.
    logging_in: Mutex<BTreeMap<u64, Weak<Link>>>,
    next_id: AtomicU64,
    /// Becomes true when the server stops.
    stop: watch::Receiver<bool>,
}

impl Shared {
    fn desk(&self) -> std::sync::MutexGuard<'_, desk::Desk<room::Door>> {
        self.desk.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A hash of a visitor's public key, as the desk keeps it.
    fn key_hash(&self, key: &russh::keys::PublicKey) -> Option<desk::KeyHash> {
        let mut bytes = self.salt.to_vec();
        bytes.extend_from_slice(&key.to_bytes().ok()?);
        let digest = russh::keys::HashAlg::Sha256.digest(&bytes);
        digest.try_into().ok()
    }

    /// Takes a place in the total of open sockets. When it is full, the connection that has
    /// been logging in longest is closed to make room; when none is, there is no place.
    fn enter(self: &Arc<Self>) -> Option<ConnectionPlace> {
        let n = self.connections.fetch_add(1, Ordering::SeqCst);
        let place = ConnectionPlace(self.clone());
        if n < self.max_connections {
            return Some(place);
        }
        if n < self.max_connections + MAKE_ROOM_SLACK {
            let oldest = {
                let mut waiting = self.logging_in.lock().unwrap_or_else(|e| e.into_inner());
                std::iter::from_fn(|| waiting.pop_first())
                    .find_map(|(_, link)| link.upgrade().filter(|l| !l.is_cut()))
            };
            if let Some(link) = oldest {
                note(
                    "closed a connection: made room",
                    format_args!("closed a connection still logging in: made room for a new one"),
                );
                link.cut();
                return Some(place);
            }
        }
        None
    }

    /// Puts a connection on the list of those logging in, until the place is dropped.
    fn logging_in(self: &Arc<Self>, link: &Arc<Link>) -> LoggingIn {
        let id = self.next_id.fetch_add(1, Ordering::SeqCst);
        self.logging_in
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(id, Arc::downgrade(link));
        LoggingIn(self.clone(), id)
    }

    /// Takes a session place for a visitor at `ip` on `link`, if there is one free in total
    /// and for the address.
    fn try_start_session(
        self: &Arc<Self>,
        ip: IpAddr,
        link: &Arc<Link>,
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
            why: "ended",
            seat: None,
            _address: address,
            _walk: link.walk(),
            channel: None,
        })
    }
}

/// Whose seat a session is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SeatKind {
    Person,
    Helper,
}

/// A running walkthrough's place in the counts (the person's, or a helper's who looks along;
/// one who is refused before getting a seat holds one too, briefly); freed (and logged, with
/// why) when dropped.
struct SessionPlace {
    shared: Arc<Shared>,
    why: &'static str,
    /// The seat it got, once it got one.
    seat: Option<SeatKind>,
    _address: limit::Place,
    _walk: link::WalkPlace,
    /// Its channel's place: the channel is open until the walkthrough has said goodbye.
    channel: Option<ChannelPlace>,
}

impl SessionPlace {
    /// The session is the person's walkthrough: logged as a session.
    fn start_person(&mut self) {
        self.seat = Some(SeatKind::Person);
        let n = self.shared.sessions.load(Ordering::SeqCst);
        note(
            "session started",
            format_args!("session started ({n} active)"),
        );
    }

    /// The session looks along with someone's walkthrough. The log says only that.
    fn start_helper(&mut self) {
        self.seat = Some(SeatKind::Helper);
        note("look-along started", format_args!("look-along started"));
    }
}

impl Drop for SessionPlace {
    fn drop(&mut self) {
        let n = self.shared.sessions.fetch_sub(1, Ordering::SeqCst) - 1;
        match self.seat {
            Some(SeatKind::Person) => note(
                "session ended",
                format_args!("session ended: {} ({n} active)", self.why),
            ),
            Some(SeatKind::Helper) => note("look-along ended", format_args!("look-along ended")),
            None => {}
        }
    }
}

/// An open socket's place in the total; freed when dropped (the socket is closed with it).
struct ConnectionPlace(Arc<Shared>);

impl Drop for ConnectionPlace {
    fn drop(&mut self) {
        self.0.connections.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A connection's place on the list of those logging in.
struct LoggingIn(Arc<Shared>, u64);

impl Drop for LoggingIn {
    fn drop(&mut self) {
        self.0
            .logging_in
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&self.1);
    }
}

/// Writes a one-line refusal to a socket before any SSH (netcat shows it, ssh says the
/// connection was closed), bounded in time.
async fn refuse_line(socket: &mut TcpStream, lang: Lang, what: Say) {
    let line = format!("{}\r\n", say(lang, what));
    let _ = timeout(Duration::from_secs(1), socket.write_all(line.as_bytes())).await;
}

/// One TCP connection, from accept to close: the limits before any cryptography, then the
/// SSH session under a login timeout, then for as long as it runs a walkthrough, until it
/// ends or the server stops.
async fn connection(
    shared: Arc<Shared>,
    config: Arc<Config>,
    mut socket: TcpStream,
    peer: SocketAddr,
) {
    let started = Instant::now();
    let lang = shared.options.lang;
    let mut stop = shared.stop.clone();
    let Some(total) = shared.enter() else {
        note(
            "refused a connection: too many open",
            format_args!("refused a connection: too many open"),
        );
        refuse_line(&mut socket, lang, Say::Busy).await;
        return;
    };
    let link = Link::new();
    let logging_in = shared.logging_in(&link);
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
                    note(
                        "closed a connection: no valid PROXY header",
                        format_args!("closed a connection: no valid PROXY header"),
                    );
                    return;
                }
                // Closed before a header, or nothing in time: a health check, a scanner.
                Ok(Err(proxy::Refused::Closed)) | Err(_) => return,
            },
            _ = link.until_cut() => return,
            _ = until(&mut stop) => return,
        }
    } else {
        (peer.ip(), Vec::new())
    };

    // Refusals before the SSH handshake can only be a line of text. Cheap on purpose.
    let now = std::time::Instant::now();
    if !shared.rate.allow(ip, now) {
        let secs = shared.rate.wait(ip, now).as_secs() + 1;
        note(
            "refused a connection: too many from one address",
            format_args!("refused a connection: too many from one address"),
        );
        refuse_line(&mut socket, lang, Say::TooMany(secs)).await;
        return;
    }
    let Some(address) = shared.open.enter(ip, What::Connection) else {
        note(
            "refused a connection: too many open from one address",
            format_args!("refused a connection: too many open from one address"),
        );
        refuse_line(&mut socket, lang, Say::TooManyOpen).await;
        return;
    };

    // From here the socket, with its places, belongs to russh's task: it closes when that
    // task ends, and `link` can cut it at any moment.
    let here = public_address(&shared.options, socket.local_addr().ok());
    let socket = reads::Metered::new(socket, ip, shared.reads.clone());
    let wire = Wire::new(socket, early, link.clone(), (total, address));
    let handler = handler::Conn::new(shared.clone(), link.clone(), ip, here);
    let running = tokio::select! {
        started = timeout_at(login_deadline, russh::server::run_stream(config, wire, handler)) => {
            match started {
                Ok(Ok(running)) => running,
                // No SSH greeting in time, or not SSH at all.
                _ => return,
            }
        }
        _ = link.until_cut() => return,
        _ = until(&mut stop) => return,
    };
    let handle = running.handle();
    // Awaited in more than one place: see `ended`.
    let mut running = ended::Session::new(running);

    // Logged in and asked for something (a terminal, or a command to refuse) in time?
    let mut answered = link.answered.subscribe();
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
        _ = link.until_cut() => {
            close(&handle, &link, &mut running, lang, None).await;
            return;
        }
        _ = until(&mut stop) => {
            close(&handle, &link, &mut running, lang, Some(Say::Stopping)).await;
            return;
        }
    };
    if timed_out {
        note(
            "closed a connection: no terminal asked for in time",
            format_args!("closed a connection: no terminal asked for in time"),
        );
        close(&handle, &link, &mut running, lang, Some(Say::LoginTimeout)).await;
        return;
    }
    drop(logging_in);

    // Now for as long as a walkthrough runs on it. Without one, the connection has the login
    // window to start one; without any channel, a moment to open another.
    let mut channels = link.channels();
    let mut walks = link.walks();
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
                    note(
                        "closed a connection: no terminal asked for in time",
                        format_args!("closed a connection: no terminal asked for in time"),
                    );
                }
                close(&handle, &link, &mut running, lang, why).await;
                return;
            }
            _ = link.until_cut() => {
                close(&handle, &link, &mut running, lang, None).await;
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
                close(&handle, &link, &mut running, lang, Some(Say::Stopping)).await;
                return;
            }
        }
    }
}

/// Where a connection reached the server, as people type it: `--public-address`, else the
/// address and port the connection came in on.
fn public_address(options: &Options, local: Option<SocketAddr>) -> bezwaar_view::ui::seat::Address {
    let port = local.map_or(22, |a| a.port());
    match &options.public_address {
        Some((host, p)) => bezwaar_view::ui::seat::Address {
            host: host.clone(),
            port: p.unwrap_or(port),
        },
        None => {
            let ip = local.map_or(IpAddr::from([127, 0, 0, 1]), |a| a.ip());
            let ip = match ip {
                IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
                v4 => v4,
            };
            bezwaar_view::ui::seat::Address {
                host: ip.to_string(),
                port,
            }
        }
    }
}

/// Closes a connection: with a reason when it is still listening, else (or when that does not
/// end it at once, say in the middle of a key exchange) by cutting the socket.
async fn close(
    handle: &Handle,
    link: &Link,
    running: &mut ended::Session<handler::Conn>,
    lang: Lang,
    why: Option<Say>,
) {
    if !link.is_cut() {
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
    link.cut();
    let _ = timeout(Duration::from_secs(1), running).await;
}

/// Resolves when the flag becomes true: true; or when its sender is gone: false.
async fn until(flag: &mut watch::Receiver<bool>) -> bool {
    flag.wait_for(|v| *v).await.is_ok()
}

/// One line on stderr with the time. Counts and reasons only: see the module's privacy note.
fn log(args: std::fmt::Arguments) {
    eprintln!(
        "{} bezwaar serve: {args}",
        Utc::now().format("%Y-%m-%dT%H:%M:%S%.3fZ")
    );
}

struct NoteKind {
    name: &'static str,
    bucket: limit::Bucket,
    left_out: u64,
}

static NOTE_KINDS: Mutex<Vec<NoteKind>> = Mutex::new(Vec::new());

/// Says how many lines of each kind were left out since they were last logged (the server
/// does so every `NOTE_SUMMARY`, and when it stops).
fn note_left_out() {
    let counts: Vec<(&'static str, u64)> = {
        let mut kinds = NOTE_KINDS.lock().unwrap_or_else(|e| e.into_inner());
        kinds
            .iter_mut()
            .filter(|k| k.left_out > 0)
            .map(|k| (k.name, std::mem::take(&mut k.left_out)))
            .collect()
    };
    for (kind, n) in counts {
        log(format_args!("{n} more lines like \"{kind}\", not logged"));
    }
}

const NOTE_SUMMARY: Duration = Duration::from_secs(10);

/// Lines of one kind logged at once, then one per `NOTE_EVERY`: a client that is refused in
/// a loop cannot fill the log (or the disk under it).
const NOTE_BURST: f64 = 30.0;
const NOTE_EVERY: Duration = Duration::from_secs(1);

/// A line about a connection or session, of a kind (`kind`, a fixed text): logged unless
/// lines of that kind are coming too fast. Lines left out are counted, and the next line of
/// the kind says how many.
fn note(kind: &'static str, args: std::fmt::Arguments) {
    let now = std::time::Instant::now();
    let left_out = {
        let mut kinds = NOTE_KINDS.lock().unwrap_or_else(|e| e.into_inner());
        let i = match kinds
            .iter()
            .position(|k| std::ptr::eq(k.name, kind) || k.name == kind)
        {
            Some(i) => i,
            None => {
                kinds.push(NoteKind {
                    name: kind,
                    bucket: limit::Bucket::full(NOTE_BURST, now),
                    left_out: 0,
                });
                kinds.len() - 1
            }
        };
        let k = &mut kinds[i];
        if !k
            .bucket
            .take(NOTE_BURST, 1.0 / NOTE_EVERY.as_secs_f64(), now)
        {
            k.left_out += 1;
            return;
        }
        std::mem::take(&mut k.left_out)
    };
    if left_out == 0 {
        log(args);
    } else {
        log(format_args!(
            "{args} (and {left_out} more like it, not logged)"
        ));
    }
}

/// The server's own words, in Dutch and English (the walkthrough's come from the script).
#[derive(Debug, Clone, Copy)]
enum Say {
    Goodbye,
    Idle(u64),
    Stopping,
    Busy,
    AddressBusy,
    TooMany(u64),
    TooManyOpen,
    NoTerminal,
    NoCommands,
    NoSubsystems,
    NoForwarding,
    LoginTimeout,
}

fn say(lang: Lang, what: Say) -> String {
    use bezwaar_core::i18n::{tr, tr_args};
    match what {
        Say::Goodbye => tr(lang, "serve-goodbye").to_owned(),
        Say::Idle(secs) => {
            // Minutes, as the timeout is set; seconds only for a timeout under a minute.
            let (n, unit) = match secs / 60 {
                0 => (secs, "seconds"),
                minutes => (minutes, "minutes"),
            };
            tr_args(
                lang,
                "serve-idle",
                &[("n", (n as i64).into()), ("unit", unit.into())],
            )
        }
        Say::Stopping => tr(lang, "serve-stopping").to_owned(),
        Say::Busy => tr(lang, "serve-busy").to_owned(),
        Say::AddressBusy => tr(lang, "serve-address-busy").to_owned(),
        Say::TooManyOpen => tr(lang, "serve-too-many-open").to_owned(),
        Say::TooMany(secs) => tr_args(lang, "serve-too-many", &[("secs", (secs as i64).into())]),
        Say::NoTerminal => tr(lang, "serve-no-terminal").to_owned(),
        Say::NoCommands => tr(lang, "serve-no-commands").to_owned(),
        Say::NoSubsystems => tr(lang, "serve-no-subsystems").to_owned(),
        Say::NoForwarding => tr(lang, "serve-no-forwarding").to_owned(),
        Say::LoginTimeout => tr(lang, "serve-login-timeout").to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_public_address_is_a_host_with_or_without_a_port() {
        let ok = |s: &str| parse_public_address(s).unwrap();
        assert_eq!(
            ok("bezwaar.example.nl"),
            ("bezwaar.example.nl".into(), None)
        );
        assert_eq!(
            ok("bezwaar.example.nl:22"),
            ("bezwaar.example.nl".into(), Some(22))
        );
        assert_eq!(ok("192.0.2.7:2222"), ("192.0.2.7".into(), Some(2222)));
        assert_eq!(ok("[2001:db8::7]:2222"), ("2001:db8::7".into(), Some(2222)));
        assert_eq!(ok("2001:db8::7"), ("2001:db8::7".into(), None));
        for bad in [
            "",
            "host:",
            "host:0",
            "host:99999",
            "a b",
            "[::1",
            "ho;st",
            "x\u{1b}y",
        ] {
            assert!(parse_public_address(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn the_idle_message_says_minutes_and_what_to_do_next() {
        assert_eq!(
            say(Lang::Nl, Say::Idle(900)),
            "Je was 15 minuten niet bezig. Daarom is de uitleg gestopt. Verbind opnieuw met ssh om opnieuw te beginnen."
        );
        assert_eq!(
            say(Lang::En, Say::Idle(900)),
            "You did nothing for 15 minutes, so the walkthrough stopped. Connect again with ssh to start again."
        );
        assert!(say(Lang::Nl, Say::Idle(60)).starts_with("Je was 1 minuut niet bezig."));
        assert!(say(Lang::En, Say::Idle(90)).starts_with("You did nothing for 1 minute,"));
        // Only a timeout under a minute (as in tests) is said in seconds.
        assert!(say(Lang::En, Say::Idle(2)).starts_with("You did nothing for 2 seconds,"));
        assert_eq!(
            say(Lang::De, Say::Idle(900)),
            "Sie haben 15 Minuten lang nichts gemacht. Darum hat die Anleitung aufgehört. Verbinden Sie sich noch einmal mit ssh, um neu anzufangen."
        );
        assert!(say(Lang::De, Say::Idle(60)).starts_with("Sie haben 1 Minute lang nichts"));
        assert!(say(Lang::De, Say::TooMany(1)).ends_with("in 1 Sekunde noch einmal."));
        for lang in [Lang::Nl, Lang::En, Lang::De] {
            let line = say(lang, Say::Idle(900));
            assert!(!line.contains("900") && !line.contains("verder") && !line.contains("go on"));
            assert!(!line.contains("weiter"));
        }
    }
}
