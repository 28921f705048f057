//! The server's log: every kind of line it writes is one variant of [`Line`], its words in
//! one match ([`Line`]'s `Display`), its rate limit keyed by the variant.
//!
//! Privacy by construction: a line's fields are counts, durations, limits, static reasons and
//! the server's own configuration (its listen address, its host key's path and fingerprint).
//! No field can hold a user name (nor so a code), a client's address, a key or anything typed:
//! there is no field of a type that could carry one. An error from the operating system is
//! kept as its kind and number only ([`OsError`]).

use std::fmt;
use std::io;
use std::mem::Discriminant;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::Utc;
use russh::keys::ssh_key::Fingerprint;

use crate::limit::Bucket;

/// One line of the log.
#[derive(Debug, Clone)]
pub(crate) enum Line {
    // The server's own life: logged always.
    HostKeyMade {
        path: PathBuf,
    },
    HostKeyTooOpen {
        path: PathBuf,
    },
    HostKeyFingerprint {
        fingerprint: Fingerprint,
    },
    RekeysNotCounted,
    FewFiles {
        files: usize,
        max_connections: usize,
    },
    Listening {
        addr: SocketAddr,
        max_sessions: usize,
        idle_timeout: Duration,
        proxy_protocol: bool,
    },
    /// `signal`: SIGTERM, SIGINT or SIGHUP.
    Stopping {
        signal: &'static str,
        sessions: usize,
    },
    GaveUpWaiting,
    Forgot {
        held: usize,
        bytes: usize,
    },
    Stopped,
    /// Lines of one kind left out by its limit since the last of them; `like`: the last one.
    LeftOut {
        n: u64,
        like: Box<Line>,
    },

    // Connections and sessions: limited per kind.
    AcceptFailed {
        error: OsError,
    },
    TooManyOpen,
    MadeRoom,
    NoProxyHeader,
    TooManyFromAddress,
    TooManyOpenFromAddress,
    NoTerminalInTime,
    TooManyKeyExchanges,
    TooManyChannels,
    SessionStarted {
        active: usize,
    },
    SessionEnded {
        why: Why,
        active: usize,
    },
    LookAlongStarted,
    LookAlongEnded,
    SessionsBusy {
        max_sessions: usize,
    },
    SessionsTooManyFromAddress,
    WrongCode,
    TooManyWrongCodes,
    InputTooFast,
    InputWaits,
    RefusedShellWithoutTerminal,
    RefusedCommand,
    RefusedSubsystem,
    RefusedX11Forwarding,
    RefusedAgentForwarding,
    RefusedX11Channel,
    RefusedLocalForwarding,
    RefusedForwardedChannel,
    RefusedSocketForwarding,
    RefusedRemoteForwarding,
    RefusedRemoteSocketForwarding,
}

/// Why a session ended, as the log says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Why {
    /// Nothing more particular (a helper sent away when the person ended the looking along).
    Ended,
    Quit,
    Idle,
    ServerStopping,
    VisitorLeft,
    StoppedReading,
    /// A helper who left by themselves.
    Left,
}

/// An error of the operating system's, as the log keeps it: its kind and number, never a
/// message (which could carry anything).
#[derive(Debug, Clone, Copy)]
pub(crate) struct OsError {
    kind: io::ErrorKind,
    code: Option<i32>,
}

impl From<&io::Error> for OsError {
    fn from(e: &io::Error) -> OsError {
        OsError {
            kind: e.kind(),
            code: e.raw_os_error(),
        }
    }
}

impl fmt::Display for OsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.code {
            // The system's own words for its number: "Too many open files (os error 24)".
            Some(code) => write!(f, "{}", io::Error::from_raw_os_error(code)),
            None => write!(f, "{}", self.kind),
        }
    }
}

impl fmt::Display for Why {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Why::Ended => "ended",
            Why::Quit => "quit",
            Why::Idle => "idle",
            Why::ServerStopping => "server stopping",
            Why::VisitorLeft => "visitor left",
            Why::StoppedReading => "stopped reading",
            Why::Left => "left",
        })
    }
}

/// A path of the server's own, with any control character shown as `?`.
struct Shown<'a>(&'a Path);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.0.display().to_string();
        for c in text.chars() {
            write!(f, "{}", if c.is_control() { '?' } else { c })?;
        }
        Ok(())
    }
}

impl fmt::Display for Line {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Line::HostKeyMade { path } => write!(f, "made a new host key: {}", Shown(path)),
            Line::HostKeyTooOpen { path } => {
                let path = Shown(path);
                write!(
                    f,
                    "warning: others can read the host key {path}; run: chmod 600 {path}"
                )
            }
            Line::HostKeyFingerprint { fingerprint } => write!(
                f,
                "host key fingerprint {fingerprint} (visitors' ssh shows it the first time)"
            ),
            Line::RekeysNotCounted => write!(
                f,
                "warning: another logger is installed; key exchanges are not counted"
            ),
            Line::FewFiles {
                files,
                max_connections,
            } => write!(
                f,
                "warning: this process may open only {files} files: at most {max_connections} connections at once (ulimit -n, or LimitNOFILE= in systemd)"
            ),
            Line::Listening {
                addr,
                max_sessions,
                idle_timeout,
                proxy_protocol,
            } => write!(
                f,
                "listening on {addr}: connect with ssh -p {} {}; at most {max_sessions} sessions, idle timeout {} s{}",
                addr.port(),
                if addr.ip().is_loopback() {
                    "localhost"
                } else {
                    "HOST"
                },
                idle_timeout.as_secs(),
                if *proxy_protocol {
                    "; every connection must start with a PROXY header"
                } else {
                    ""
                },
            ),
            Line::Stopping { signal, sessions } => write!(
                f,
                "{signal}: stopping; saying goodbye to {sessions} session(s)"
            ),
            Line::GaveUpWaiting => write!(f, "gave up waiting for the last connections"),
            Line::Forgot { held, bytes } => write!(
                f,
                "forgot {held} walk(s) held to come back to ({} KiB): they were in memory only",
                bytes.div_ceil(1024)
            ),
            Line::Stopped => write!(f, "stopped"),
            Line::LeftOut { n, like } => write!(f, "{n} more lines like \"{like}\", not logged"),
            Line::AcceptFailed { error } => write!(f, "accept failed: {error}"),
            Line::TooManyOpen => write!(f, "refused a connection: too many open"),
            Line::MadeRoom => write!(
                f,
                "closed a connection still logging in: made room for a new one"
            ),
            Line::NoProxyHeader => write!(f, "closed a connection: no valid PROXY header"),
            Line::TooManyFromAddress => {
                write!(f, "refused a connection: too many from one address")
            }
            Line::TooManyOpenFromAddress => {
                write!(f, "refused a connection: too many open from one address")
            }
            Line::NoTerminalInTime => {
                write!(f, "closed a connection: no terminal asked for in time")
            }
            Line::TooManyKeyExchanges => {
                write!(f, "closed a connection: too many key exchanges")
            }
            Line::TooManyChannels => write!(f, "refused a channel: too many"),
            Line::SessionStarted { active } => write!(f, "session started ({active} active)"),
            Line::SessionEnded { why, active } => {
                write!(f, "session ended: {why} ({active} active)")
            }
            Line::LookAlongStarted => write!(f, "look-along started"),
            Line::LookAlongEnded => write!(f, "look-along ended"),
            Line::SessionsBusy { max_sessions } => {
                write!(f, "refused a session: busy ({max_sessions} active)")
            }
            Line::SessionsTooManyFromAddress => {
                write!(f, "refused a session: too many from one address")
            }
            Line::WrongCode => write!(f, "refused a login code: wrong, used or expired"),
            Line::TooManyWrongCodes => write!(f, "refused a login code: too many wrong ones"),
            Line::InputTooFast => write!(f, "dropped input: too much too fast"),
            Line::InputWaits => write!(f, "held input back: too much work from one address"),
            Line::RefusedShellWithoutTerminal => write!(f, "refused a shell without a terminal"),
            Line::RefusedCommand => write!(f, "refused a command"),
            Line::RefusedSubsystem => write!(f, "refused a subsystem"),
            Line::RefusedX11Forwarding => write!(f, "refused X11 forwarding"),
            Line::RefusedAgentForwarding => write!(f, "refused agent forwarding"),
            Line::RefusedX11Channel => write!(f, "refused an X11 channel"),
            Line::RefusedLocalForwarding => write!(f, "refused local port forwarding"),
            Line::RefusedForwardedChannel => write!(f, "refused a forwarded channel"),
            Line::RefusedSocketForwarding => write!(f, "refused socket forwarding"),
            Line::RefusedRemoteForwarding => write!(f, "refused remote port forwarding"),
            Line::RefusedRemoteSocketForwarding => {
                write!(f, "refused remote socket forwarding")
            }
        }
    }
}

impl Line {
    /// Whether lines of this kind are limited (see [`BURST`]): those a client can cause are;
    /// the server's own start and stop are not.
    fn limited(&self) -> bool {
        match self {
            Line::HostKeyMade { .. }
            | Line::HostKeyTooOpen { .. }
            | Line::HostKeyFingerprint { .. }
            | Line::RekeysNotCounted
            | Line::FewFiles { .. }
            | Line::Listening { .. }
            | Line::Stopping { .. }
            | Line::GaveUpWaiting
            | Line::Forgot { .. }
            | Line::Stopped
            | Line::LeftOut { .. } => false,
            Line::AcceptFailed { .. }
            | Line::TooManyOpen
            | Line::MadeRoom
            | Line::NoProxyHeader
            | Line::TooManyFromAddress
            | Line::TooManyOpenFromAddress
            | Line::NoTerminalInTime
            | Line::TooManyKeyExchanges
            | Line::TooManyChannels
            | Line::SessionStarted { .. }
            | Line::SessionEnded { .. }
            | Line::LookAlongStarted
            | Line::LookAlongEnded
            | Line::SessionsBusy { .. }
            | Line::SessionsTooManyFromAddress
            | Line::WrongCode
            | Line::TooManyWrongCodes
            | Line::InputTooFast
            | Line::InputWaits
            | Line::RefusedShellWithoutTerminal
            | Line::RefusedCommand
            | Line::RefusedSubsystem
            | Line::RefusedX11Forwarding
            | Line::RefusedAgentForwarding
            | Line::RefusedX11Channel
            | Line::RefusedLocalForwarding
            | Line::RefusedForwardedChannel
            | Line::RefusedSocketForwarding
            | Line::RefusedRemoteForwarding
            | Line::RefusedRemoteSocketForwarding => true,
        }
    }
}

/// How often the lines left out are summed up (and once more when the server stops).
pub(crate) const SUMMARY_EVERY: Duration = Duration::from_secs(10);

/// Lines of one kind logged at once, then one per `EVERY`: a client that is refused in a loop
/// cannot fill the log (or the disk under it).
const BURST: f64 = 30.0;
const EVERY: Duration = Duration::from_secs(1);

/// One limited kind's budget, and the lines of it left out.
struct Kind {
    variant: Discriminant<Line>,
    bucket: Bucket,
    left_out: u64,
    /// The last line left out.
    like: Option<Line>,
}

static KINDS: Mutex<Vec<Kind>> = Mutex::new(Vec::new());

/// Writes `line` to stderr with the time, unless it is of a limited kind whose lines are
/// coming too fast: those are counted, and the next line of the kind says how many.
pub(crate) fn log(line: Line) {
    if !line.limited() {
        return write(format_args!("{line}"));
    }
    let now = Instant::now();
    let variant = std::mem::discriminant(&line);
    let left_out = {
        let mut kinds = KINDS.lock().unwrap_or_else(|e| e.into_inner());
        let i = match kinds.iter().position(|k| k.variant == variant) {
            Some(i) => i,
            None => {
                kinds.push(Kind {
                    variant,
                    bucket: Bucket::full(BURST, now),
                    left_out: 0,
                    like: None,
                });
                kinds.len() - 1
            }
        };
        let k = &mut kinds[i];
        if !k.bucket.take(BURST, 1.0 / EVERY.as_secs_f64(), now) {
            k.left_out += 1;
            k.like = Some(line);
            return;
        }
        k.like = None;
        std::mem::take(&mut k.left_out)
    };
    if left_out == 0 {
        write(format_args!("{line}"));
    } else {
        write(format_args!(
            "{line} (and {left_out} more like it, not logged)"
        ));
    }
}

/// Says how many lines of each kind were left out since they were last logged (the server
/// does so every [`SUMMARY_EVERY`], and when it stops).
pub(crate) fn left_out() {
    let counts: Vec<(u64, Line)> = {
        let mut kinds = KINDS.lock().unwrap_or_else(|e| e.into_inner());
        kinds
            .iter_mut()
            .filter(|k| k.left_out > 0)
            .filter_map(|k| Some((std::mem::take(&mut k.left_out), k.like.take()?)))
            .collect()
    };
    for (n, like) in counts {
        log(Line::LeftOut {
            n,
            like: Box::new(like),
        });
    }
}

/// One line on stderr with the time.
fn write(args: fmt::Arguments) {
    eprintln!(
        "{} bezwaar serve: {args}",
        Utc::now().format("%Y-%m-%dT%H:%M:%S%.3fZ")
    );
}

#[cfg(test)]
mod tests;
