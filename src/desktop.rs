//! Over SSH, a link opened on the screen of this computer itself, for the person sitting at
//! it: the helper logs in with ssh as the relative's own user, and when that same user also
//! has a graphical session here, [`Desktop::find`] finds it and [`Desktop::open`] opens the
//! link there, with `xdg-open` (Linux/BSD) or `open` (macOS).
//!
//! Finding it, Linux/BSD: `loginctl` must list an active, local (not remote), graphical (x11
//! or wayland) session of class `user` for this process's own uid; sessions of other uids are
//! never even asked about. Its environment comes from this user's systemd user manager
//! (`systemctl --user show-environment`) when that agrees with the session, otherwise from the
//! session itself: its X11 display, the Wayland socket and the session bus in the user's
//! runtime directory. A display the user manager still remembers from a session that has
//! ended is not enough. macOS: this user owns `/dev/console` (what `stat -f %Su /dev/console`
//! shows: the user whose desktop is on the screen; with fast user switching, the one in
//! front) and is not root (root owns it while the login window shows).
//!
//! The parsers and choices are pure functions, tested as tables. Processes start in one
//! place, [`run`], each with a timeout and bounded output, looked up on PATH, never through a
//! shell.

use std::ffi::{OsStr, OsString};
use std::fmt;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use wait_timeout::ChildExt;

use crate::links::{self, Os};
use crate::text::{self, Lang};

/// The longest one outside command may take: `loginctl`, `systemctl`, the opener.
pub const TIMEOUT: Duration = Duration::from_secs(2);
/// The longest [`Desktop::find`] takes in all (its commands run one after another).
const FIND_BUDGET: Duration = Duration::from_secs(3);
/// The most of a command's output that is read; the real ones print a few kB.
const OUTPUT_LIMIT: usize = 64 * 1024;
/// The most sessions of this user that are looked at.
const MAX_SESSIONS: usize = 32;

/// The variables that decide on which screen a window appears and which desktop it talks to.
/// The opener gets each from the desktop that was found, or not at all: never the SSH
/// login's own (a `DISPLAY` that `ssh -X` forwarded is the helper's screen).
const SESSION_VARS: &[&str] = &[
    "DISPLAY",
    "WAYLAND_DISPLAY",
    "XAUTHORITY",
    "DBUS_SESSION_BUS_ADDRESS",
    "XDG_RUNTIME_DIR",
    "XDG_SESSION_TYPE",
    "XDG_CURRENT_DESKTOP",
    "XDG_SESSION_DESKTOP",
    "DESKTOP_SESSION",
];

/// Taken from the user manager too when it has them (the SSH login's own are kept
/// otherwise): where programs are listed, a browser installed with Flatpak among them.
const EXTRA_VARS: &[&str] = &["XDG_DATA_DIRS"];

/// What `loginctl show-session` is asked for.
const PROPERTIES: &[&str] = &[
    "Id", "User", "Type", "Class", "State", "Active", "Remote", "Display", "Seat", "Desktop",
];

/// A graphical session of this same user on this computer, found from an SSH login, and
/// everything needed to open a link in it.
#[derive(Clone)]
pub struct Desktop {
    how: String,
    opener: &'static str,
    vars: Vec<(String, String)>,
    /// The opener's whole environment.
    child_env: Vec<(OsString, OsString)>,
}

/// Never prints the whole environment (it may hold secrets): only what was found.
impl fmt::Debug for Desktop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Desktop")
            .field("how", &self.how)
            .field("opener", &self.opener)
            .field("vars", &self.vars)
            .finish_non_exhaustive()
    }
}

impl Desktop {
    /// Looks for one. `vars` is this process's environment (`std::env::vars_os()`): the
    /// commands are looked up on its PATH, and the opener later gets it with the changes
    /// [`Desktop::open`] describes. `os` as [`Os::current`] gives it.
    ///
    /// Takes at most about 3 seconds (each command at most [`TIMEOUT`]), usually a few
    /// milliseconds; the error is always [`Failure::NoDesktop`], its detail says why.
    pub fn find<K, V>(vars: impl IntoIterator<Item = (K, V)>, os: Os) -> Result<Desktop, Failure>
    where
        K: Into<OsString>,
        V: Into<OsString>,
    {
        let base = vars
            .into_iter()
            .map(|(k, v)| (k.into(), v.into()))
            .collect();
        Host::this().find(base, os)
    }

    /// The variables the opener gets on top of this process's environment: those of the
    /// desktop that was found (none on macOS).
    pub fn env(&self) -> &[(String, String)] {
        &self.vars
    }

    /// How it was found, in a line for `--verbose`.
    pub fn how(&self) -> &str {
        &self.how
    }

    /// Opens `url` (an http or https address) on that desktop: `xdg-open URL` (Linux/BSD) or
    /// `open URL` (macOS), the URL as its one argument, no shell. The opener gets this
    /// process's environment with the desktop's variables ([`Desktop::env`]) set; of the
    /// variables that choose a screen and a desktop (DISPLAY, WAYLAND_DISPLAY, XAUTHORITY,
    /// DBUS_SESSION_BUS_ADDRESS, XDG_RUNTIME_DIR, XDG_SESSION_TYPE, XDG_CURRENT_DESKTOP,
    /// XDG_SESSION_DESKTOP, DESKTOP_SESSION) it gets only the desktop's; every SSH_* variable
    /// is left out, and so is BROWSER when it names a browser that runs in a terminal.
    ///
    /// The opener runs in a session of its own with no terminal (stdin, stdout and stderr
    /// are /dev/null), so nothing it starts can draw on this terminal, and a dropped SSH
    /// connection does not close the browser it started. Waits at most [`TIMEOUT`] for its
    /// exit status: an opener still running then is left running ([`Failure::NoAnswer`]),
    /// as `xdg-open` waits for a browser it had to start itself. Blocks that long at most:
    /// call it from a thread.
    pub fn open(&self, url: &str) -> Result<(), Failure> {
        if !is_web_address(url) {
            return Err(Failure::NotOpened {
                detail: "not an http or https address: not given to the opener".into(),
            });
        }
        let opener = self.opener;
        let mut cmd = Command::new(opener);
        cmd.arg(url)
            .env_clear()
            .envs(self.child_env.iter().map(|(k, v)| (k, v)));
        let ran = run(cmd, Instant::now() + TIMEOUT, false, Late::Leave).map_err(|e| {
            let detail = format!("{opener}: {e}");
            if e.kind() == io::ErrorKind::NotFound {
                Failure::NoOpener { detail }
            } else {
                Failure::NotOpened { detail }
            }
        })?;
        match ran.status {
            None => Err(Failure::NoAnswer {
                detail: format!(
                    "{opener} had not finished after {} s; left running",
                    TIMEOUT.as_secs()
                ),
            }),
            Some(s) if s.success() => Ok(()),
            // xdg-open's "a required tool could not be found": no browser, no desktop tool.
            Some(s) if opener == "xdg-open" && s.code() == Some(3) => Err(Failure::NoOpener {
                detail: format!("{opener}: {s} (a required tool could not be found)"),
            }),
            Some(s) => Err(Failure::NotOpened {
                detail: format!("{opener}: {s}"),
            }),
        }
    }

    fn new(how: String, opener: &'static str, vars: Vec<(String, String)>, base: &Env) -> Desktop {
        let child_env = child_env(base, &vars);
        Desktop {
            how,
            opener,
            vars,
            child_env,
        }
    }
}

/// Why it did not work: plain words for the person, and a technical detail for stderr under
/// `--verbose` (never on screen).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// No graphical session of this user was found on this computer.
    NoDesktop { detail: String },
    /// No opener (`xdg-open`, `open`), or it found nothing to open links with.
    NoOpener { detail: String },
    /// The opener could not start, or said it did not work.
    NotOpened { detail: String },
    /// The opener had not finished after [`TIMEOUT`]. It may well have worked (`xdg-open`
    /// waits for a browser it had to start itself); it was left running.
    NoAnswer { detail: String },
}

impl Failure {
    /// For the person, in plain words.
    pub fn words(&self, lang: Lang) -> &'static str {
        let id = match self {
            Failure::NoDesktop { .. } => "no-desktop",
            Failure::NoOpener { .. } => "no-opener",
            Failure::NotOpened { .. } => "desktop-failed",
            Failure::NoAnswer { .. } => "no-answer",
        };
        crate::i18n::tr(lang, id)
    }

    /// For stderr under `--verbose`: what happened (a command, an exit status, an error).
    /// Safe to print: no control characters.
    pub fn detail(&self) -> String {
        let (Failure::NoDesktop { detail }
        | Failure::NoOpener { detail }
        | Failure::NotOpened { detail }
        | Failure::NoAnswer { detail }) = self;
        text::sanitize(detail)
    }
}

fn no_desktop(detail: impl Into<String>) -> Failure {
    Failure::NoDesktop {
        detail: detail.into(),
    }
}

type Env = Vec<(OsString, OsString)>;

/// What `find` looks at on this machine.
struct Host {
    uid: u32,
    console: PathBuf,
    run_user: PathBuf,
}

impl Host {
    fn this() -> Host {
        Host {
            uid: uid(),
            console: PathBuf::from("/dev/console"),
            run_user: PathBuf::from("/run/user"),
        }
    }

    fn find(&self, base: Env, os: Os) -> Result<Desktop, Failure> {
        match os {
            Os::MacOs => self.find_console(&base),
            Os::Unix => self.find_session(&base, Instant::now() + FIND_BUDGET),
            Os::Windows | Os::Other => Err(no_desktop("not looked for on this kind of system")),
        }
    }

    fn find_console(&self, base: &Env) -> Result<Desktop, Failure> {
        let owner = owner(&self.console);
        if !console_is_ours(owner, self.uid) {
            return Err(no_desktop(match owner {
                Some(o) => format!(
                    "{} belongs to uid {o}; this is uid {}",
                    self.console.display(),
                    self.uid
                ),
                None => format!("{} cannot be read", self.console.display()),
            }));
        }
        let how = format!("this user (uid {}) has the console", self.uid);
        Ok(Desktop::new(how, "open", Vec::new(), base))
    }

    fn find_session(&self, base: &Env, deadline: Instant) -> Result<Desktop, Failure> {
        let runtime = self.runtime_dir(lookup(base, "XDG_RUNTIME_DIR"));
        let fixed: Vec<(String, String)> = runtime
            .iter()
            .map(|r| ("XDG_RUNTIME_DIR".to_owned(), r.clone()))
            .collect();
        let cmd_env = child_env(base, &fixed);
        let query = |program: &str, args: &[&str]| -> Result<(ExitStatus, String), String> {
            let mut cmd = Command::new(program);
            cmd.args(args)
                .env_clear()
                .envs(cmd_env.iter().map(|(k, v)| (k, v)));
            let now = Instant::now();
            if now >= deadline {
                return Err(format!("{program}: not run, no time left"));
            }
            let until = deadline.min(now + TIMEOUT);
            match run(cmd, until, true, Late::Kill) {
                Ok(Ran {
                    status: Some(s),
                    out,
                }) => Ok((s, out)),
                Ok(Ran { status: None, .. }) => Err(format!("{program}: no answer in time")),
                Err(e) => Err(format!("{program}: {e}")),
            }
        };

        let (status, listed) = query("loginctl", &["--no-pager", "list-sessions", "--no-legend"])
            .map_err(no_desktop)?;
        if !status.success() {
            return Err(no_desktop(format!("loginctl list-sessions: {status}")));
        }
        let ids: Vec<String> = parse_sessions(&listed)
            .into_iter()
            .filter(|(_, uid)| *uid == self.uid)
            .map(|(id, _)| id)
            .take(MAX_SESSIONS)
            .collect();
        if ids.is_empty() {
            return Err(no_desktop(format!(
                "loginctl lists no session of uid {}",
                self.uid
            )));
        }
        let mut args = vec!["--no-pager", "show-session"];
        args.extend(ids.iter().map(String::as_str));
        for p in PROPERTIES {
            args.extend(["-p", p]);
        }
        // A session that ended in between makes it fail for that one: the others still count.
        let (_, shown) = query("loginctl", &args).map_err(no_desktop)?;
        let sessions = parse_show(&shown);
        let session = pick_session(&sessions, self.uid).ok_or_else(|| {
            no_desktop(format!(
                "no active local graphical session of uid {} among {} session(s)",
                self.uid,
                ids.len()
            ))
        })?;

        let manager = match query("systemctl", &["--user", "--no-pager", "show-environment"]) {
            Ok((s, out)) if s.success() => parse_environment(&out),
            _ => Vec::new(),
        };
        let probe = Probe::of(runtime);
        let (vars, from) = choose_env(session, &manager, &probe).ok_or_else(|| {
            no_desktop(format!(
                "session {} ({}) has no display that can be reached",
                session.id, session.kind
            ))
        })?;
        let how = format!(
            "logind session {} ({}) of uid {}; environment from {from}",
            session.id, session.kind, self.uid
        );
        Ok(Desktop::new(how, "xdg-open", vars, base))
    }

    /// This user's runtime directory: XDG_RUNTIME_DIR when set, else /run/user/UID; only a
    /// directory this user owns.
    fn runtime_dir(&self, from_env: Option<String>) -> Option<String> {
        let default = self.run_user.join(self.uid.to_string());
        from_env
            .filter(|p| p.starts_with('/'))
            .into_iter()
            .chain(default.to_str().map(str::to_owned))
            .find(|p| owned_dir(Path::new(p), self.uid))
    }
}

/// Whether the console's owner `owner` is this user `uid`; root's console is the login window.
fn console_is_ours(owner: Option<u32>, uid: u32) -> bool {
    uid != 0 && owner == Some(uid)
}

/// What the runtime directory holds.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Probe {
    runtime: Option<String>,
    /// Wayland sockets (`wayland-0`, ...), lowest number first.
    wayland: Vec<String>,
    /// Whether the session bus socket `bus` is there.
    bus: bool,
}

impl Probe {
    fn of(runtime: Option<String>) -> Probe {
        let Some(dir) = runtime.as_deref().map(Path::new) else {
            return Probe::default();
        };
        let mut wayland: Vec<(u32, String)> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .take(4096)
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_ok_and(|t| is_socket(&t)))
            .filter_map(|e| e.file_name().into_string().ok())
            .filter_map(|name| Some((wayland_number(&name)?, name)))
            .collect();
        wayland.sort();
        let bus =
            std::fs::symlink_metadata(dir.join("bus")).is_ok_and(|m| is_socket(&m.file_type()));
        Probe {
            runtime,
            wayland: wayland.into_iter().map(|(_, n)| n).collect(),
            bus,
        }
    }
}

/// 3 for `wayland-3`; None for anything else (`wayland-0.lock`).
fn wayland_number(name: &str) -> Option<u32> {
    let n = name.strip_prefix("wayland-")?;
    if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    n.parse().ok()
}

/// One session as `loginctl show-session` describes it.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Session {
    id: String,
    uid: Option<u32>,
    kind: String,
    class: String,
    state: String,
    active: Option<bool>,
    remote: Option<bool>,
    display: String,
    seat: String,
    desktop: String,
}

/// `loginctl list-sessions --no-legend`: (session id, uid) per line. The first two columns
/// are those in every systemd version; lines that do not fit are left out.
fn parse_sessions(text: &str) -> Vec<(String, u32)> {
    text.lines()
        .filter_map(|line| {
            let mut fields = line.split_whitespace();
            let id = fields.next()?;
            let uid = fields.next()?.parse().ok()?;
            valid_id(id).then(|| (id.to_owned(), uid))
        })
        .collect()
}

/// A session id as logind makes them ("2", "c1"): a short word, never an option.
fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// `loginctl show-session A B -p ...`: one block of `Name=value` lines per session, blocks
/// apart by an empty line. Empty properties may be left out.
fn parse_show(text: &str) -> Vec<Session> {
    let mut sessions = Vec::new();
    let mut current: Option<Session> = None;
    for line in text.lines() {
        if line.trim().is_empty() {
            sessions.extend(current.take());
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        let s = current.get_or_insert_with(Session::default);
        let yes = |v: &str| match v {
            "yes" => Some(true),
            "no" => Some(false),
            _ => None,
        };
        match key {
            "Id" => s.id = value.to_owned(),
            "User" => s.uid = value.parse().ok(),
            "Type" => s.kind = value.to_owned(),
            "Class" => s.class = value.to_owned(),
            "State" => s.state = value.to_owned(),
            "Active" => s.active = yes(value),
            "Remote" => s.remote = yes(value),
            "Display" => s.display = value.to_owned(),
            "Seat" => s.seat = value.to_owned(),
            "Desktop" => s.desktop = value.to_owned(),
            _ => {}
        }
    }
    sessions.extend(current);
    sessions
}

/// The session to open on: this uid's, graphical, of class user, local, active (the one on
/// the screen, not one switched away from or closing); the one on seat0 first.
fn pick_session(sessions: &[Session], uid: u32) -> Option<&Session> {
    let fits = |s: &&Session| {
        let active = match s.active {
            Some(a) => a && s.state != "closing",
            None => s.state == "active",
        };
        s.uid == Some(uid)
            && valid_id(&s.id)
            && matches!(s.kind.as_str(), "x11" | "wayland")
            && matches!(s.class.as_str(), "user" | "")
            && s.remote != Some(true)
            && active
    };
    sessions
        .iter()
        .filter(fits)
        .min_by_key(|s| s.seat != "seat0")
}

/// `systemctl --user show-environment`: `NAME=value` lines, the value in `$'...'` quotes
/// when it holds spaces or shell characters (systemd 247 and later). Lines that do not
/// parse are left out.
fn parse_environment(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter_map(|line| {
            let (name, value) = line.split_once('=')?;
            if !valid_name(name) {
                return None;
            }
            let value = match value.strip_prefix("$'") {
                Some(quoted) => unquote_c(quoted)?,
                None => value.to_owned(),
            };
            Some((name.to_owned(), value))
        })
        .collect()
}

/// A variable name: a letter or `_`, then letters, digits or `_`.
fn valid_name(name: &str) -> bool {
    let mut bytes = name.bytes();
    bytes
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// The inside of `$'...'` up to and with its closing quote, which must end `s`: the text
/// with its C escapes undone. None when it is not well formed.
fn unquote_c(s: &str) -> Option<String> {
    let mut out = Vec::new();
    let mut bytes = s.bytes().peekable();
    loop {
        match bytes.next()? {
            b'\'' => break,
            b'\\' => {
                let c = bytes.next()?;
                let simple = match c {
                    b'a' => Some(0x07),
                    b'b' => Some(0x08),
                    b'e' | b'E' => Some(0x1b),
                    b'f' => Some(0x0c),
                    b'n' => Some(b'\n'),
                    b'r' => Some(b'\r'),
                    b't' => Some(b'\t'),
                    b'v' => Some(0x0b),
                    b'\\' | b'\'' | b'"' | b'?' => Some(c),
                    _ => None,
                };
                if let Some(b) = simple {
                    out.push(b);
                } else if c == b'x' {
                    let mut n = 0u32;
                    let mut digits = 0;
                    while digits < 2
                        && let Some(d) = bytes.peek().and_then(|b| (*b as char).to_digit(16))
                    {
                        n = n * 16 + d;
                        digits += 1;
                        bytes.next();
                    }
                    if digits == 0 {
                        return None;
                    }
                    out.push(n as u8);
                } else if (b'0'..=b'7').contains(&c) {
                    let mut n = u32::from(c - b'0');
                    let mut digits = 1;
                    while digits < 3
                        && let Some(d) = bytes.peek().and_then(|b| (*b as char).to_digit(8))
                    {
                        n = n * 8 + d;
                        digits += 1;
                        bytes.next();
                    }
                    out.push(u8::try_from(n).ok()?);
                } else {
                    return None;
                }
            }
            b => out.push(b),
        }
    }
    if bytes.next().is_some() {
        return None;
    }
    String::from_utf8(out).ok()
}

/// A value fit to hand on: not empty, no control characters, not absurdly long.
fn usable(value: &str) -> bool {
    !value.is_empty() && value.len() <= 4096 && !value.chars().any(char::is_control)
}

/// The desktop's variables for the opener, and where they came from. The user manager's
/// when they agree with the session (an X11 session: its DISPLAY is the session's display;
/// Wayland: its WAYLAND_DISPLAY socket is there), else the session's own: DISPLAY (x11),
/// WAYLAND_DISPLAY (the lowest wayland-N socket), XDG_RUNTIME_DIR, the bus socket in it,
/// XDG_SESSION_TYPE and XDG_SESSION_DESKTOP. None when no display can be named.
fn choose_env(
    s: &Session,
    manager: &[(String, String)],
    probe: &Probe,
) -> Option<(Vec<(String, String)>, &'static str)> {
    let mut taken: Vec<(String, String)> = Vec::new();
    for (name, value) in manager {
        let wanted = SESSION_VARS.contains(&name.as_str()) || EXTRA_VARS.contains(&name.as_str());
        if wanted && usable(value) {
            // One value per name: the last, as a shell would take it.
            taken.retain(|(n, _)| n != name);
            taken.push((name.clone(), value.clone()));
        }
    }
    let get = |k: &str| taken.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    let agrees = match s.kind.as_str() {
        "x11" => get("DISPLAY").is_some_and(|d| s.display.is_empty() || d == s.display),
        "wayland" => get("WAYLAND_DISPLAY")
            .is_some_and(|w| w.starts_with('/') || probe.wayland.iter().any(|n| n == w)),
        _ => false,
    };
    let pair = |k: &str, v: &str| (k.to_owned(), v.to_owned());
    if agrees {
        if get("XDG_RUNTIME_DIR").is_none()
            && let Some(r) = &probe.runtime
        {
            taken.push(pair("XDG_RUNTIME_DIR", r));
        }
        return Some((taken, "the systemd user manager"));
    }
    let mut vars = Vec::new();
    if usable(&s.display) {
        vars.push(pair("DISPLAY", &s.display));
    }
    if s.kind == "wayland"
        && let Some(w) = probe.wayland.first()
    {
        vars.push(pair("WAYLAND_DISPLAY", w));
    }
    if vars.is_empty() {
        return None;
    }
    if let Some(r) = &probe.runtime {
        vars.push(pair("XDG_RUNTIME_DIR", r));
        if probe.bus {
            vars.push(pair(
                "DBUS_SESSION_BUS_ADDRESS",
                &dbus_address(&format!("{}/bus", r.trim_end_matches('/'))),
            ));
        }
    }
    vars.push(pair("XDG_SESSION_TYPE", &s.kind));
    if usable(&s.desktop) {
        vars.push(pair("XDG_SESSION_DESKTOP", &s.desktop));
    }
    Some((vars, "the logind session"))
}

/// The D-Bus address of the socket at `path`, escaped as the D-Bus specification asks.
fn dbus_address(path: &str) -> String {
    let mut out = String::from("unix:path=");
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-_/.\\*".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02x}"));
        }
    }
    out
}

/// The environment for a child: `base` without any SSH_* variable, without the session
/// variables, without BROWSER when it names a terminal browser; then `found` on top.
fn child_env(base: &Env, found: &[(String, String)]) -> Env {
    let terminal_browser = links::terminal_browser(|k| lookup(base, k)).is_some();
    let keep = |name: &OsStr| {
        let b = name.as_encoded_bytes();
        !(b.is_empty()
            || b.contains(&b'=')
            || b.contains(&0)
            || b.starts_with(b"SSH_")
            || SESSION_VARS.iter().any(|v| v.as_bytes() == b)
            || found.iter().any(|(n, _)| n.as_bytes() == b)
            || (terminal_browser && b == b"BROWSER"))
    };
    base.iter()
        .filter(|(k, v)| keep(k) && !v.as_encoded_bytes().contains(&0))
        .cloned()
        .chain(found.iter().map(|(k, v)| (k.into(), v.into())))
        .collect()
}

/// The value of `name` in `env`, if it is text.
fn lookup(env: &Env, name: &str) -> Option<String> {
    env.iter()
        .rev()
        .find(|(k, _)| k == name)
        .and_then(|(_, v)| v.to_str().map(str::to_owned))
}

/// A web address, fit to be the opener's one argument: http or https, no control characters
/// (and so never an option).
fn is_web_address(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && url.len() <= 8192
        && !url.chars().any(char::is_control)
}

/// What a command did.
struct Ran {
    /// None: it had not finished by the deadline.
    status: Option<ExitStatus>,
    /// Its stdout (when asked for), at most OUTPUT_LIMIT bytes, a cut-off last line left out.
    out: String,
}

/// A command still running at its deadline: stopped (a question), or left to run (an opener
/// that waits for the browser it started; a thread collects its exit).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Late {
    Kill,
    /// Left running, and so started in a session of its own: no controlling terminal, so
    /// nothing it starts can open this terminal, and the SIGHUP of a dropped SSH connection
    /// does not reach it.
    Leave,
}

/// Runs `cmd` with stdin and stderr on /dev/null, stdout read (at most OUTPUT_LIMIT bytes)
/// when `capture`, else /dev/null, and waits for its exit (`wait_timeout`: woken by it, no
/// polling) until `deadline`.
fn run(mut cmd: Command, deadline: Instant, capture: bool, late: Late) -> io::Result<Ran> {
    cmd.stdin(Stdio::null()).stderr(Stdio::null());
    cmd.stdout(if capture {
        Stdio::piped()
    } else {
        Stdio::null()
    });
    let mut child = match late {
        Late::Kill => cmd.spawn()?,
        Late::Leave => spawn_in_own_session(cmd)?,
    };
    let output = child.stdout.take().map(read_bounded);
    let left = deadline.saturating_duration_since(Instant::now());
    let status = match child.wait_timeout(left) {
        Ok(s) => s,
        Err(e) => {
            let _ = child.kill();
            let _ = child.wait();
            return Err(e);
        }
    };
    if status.is_none() {
        match late {
            Late::Kill => {
                let _ = child.kill();
                let _ = child.wait();
            }
            Late::Leave => {
                // If no thread can be had, it stays a zombie until this process ends.
                let _ = thread::Builder::new()
                    .name("opener-wait".into())
                    .spawn(move || child.wait());
            }
        }
    }
    let mut out = Vec::new();
    if let Some(rx) = output {
        // Something it started may hold the pipe open: wait no longer than the deadline.
        let grace = deadline
            .saturating_duration_since(Instant::now())
            .max(Duration::from_millis(100));
        out = rx.recv_timeout(grace).unwrap_or_default();
    }
    if out.len() > OUTPUT_LIMIT {
        out.truncate(OUTPUT_LIMIT);
        let end = out.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        out.truncate(end);
    }
    Ok(Ran {
        status,
        out: String::from_utf8_lossy(&out).into_owned(),
    })
}

/// Reads up to OUTPUT_LIMIT + 1 bytes on a thread (one more tells that it was cut), then
/// closes the pipe: a command that writes on gets EPIPE.
fn read_bounded(out: impl Read + Send + 'static) -> mpsc::Receiver<Vec<u8>> {
    let (tx, rx) = mpsc::channel();
    // Without a thread the pipe closes at once and the command gets EPIPE.
    let _ = thread::Builder::new()
        .name("command-output".into())
        .spawn(move || {
            let mut buf = Vec::new();
            let _ = out.take(OUTPUT_LIMIT as u64 + 1).read_to_end(&mut buf);
            let _ = tx.send(buf);
        });
    rx
}

#[cfg(unix)]
fn uid() -> u32 {
    nix::unistd::getuid().as_raw()
}

#[cfg(not(unix))]
fn uid() -> u32 {
    u32::MAX
}

/// Starts `cmd` in a session of its own (setsid(2) in the child before exec, by
/// process-wrap's `ProcessSession`). Its wrapper, which would wait for and kill the whole
/// process group, is taken off: what the opener starts (a browser) stays in that group and is
/// left alone; only the opener itself is waited for, as any other command.
#[cfg(unix)]
fn spawn_in_own_session(cmd: Command) -> io::Result<Child> {
    use process_wrap::std::{CommandWrap, ProcessSession};
    use std::any::Any;
    let mut wrap = CommandWrap::from(cmd);
    wrap.wrap(ProcessSession);
    let std_child: Box<dyn Any> = wrap.spawn()?.into_inner();
    std_child.downcast::<Child>().map(|c| *c).map_err(|_| {
        // Not reached: ProcessSession wraps std's Child directly.
        io::Error::other("process-wrap gave no std::process::Child")
    })
}

#[cfg(not(unix))]
fn spawn_in_own_session(mut cmd: Command) -> io::Result<Child> {
    cmd.spawn()
}

#[cfg(unix)]
fn owner(path: &Path) -> Option<u32> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| m.uid())
}

#[cfg(not(unix))]
fn owner(_: &Path) -> Option<u32> {
    None
}

fn owned_dir(path: &Path, uid: u32) -> bool {
    path.is_dir() && owner(path) == Some(uid)
}

#[cfg(unix)]
fn is_socket(t: &std::fs::FileType) -> bool {
    use std::os::unix::fs::FileTypeExt;
    t.is_socket()
}

#[cfg(not(unix))]
fn is_socket(_: &std::fs::FileType) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn os_env(v: &[(&str, &str)]) -> Env {
        v.iter().map(|(k, v)| (k.into(), v.into())).collect()
    }

    #[test]
    fn show_environment_is_parsed_with_its_quoting() {
        let table: &[(&str, &[(&str, &str)])] = &[
            ("DISPLAY=:0\n", &[("DISPLAY", ":0")]),
            (
                "DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/1000/bus\nXAUTHORITY=/run/user/1000/.mutter-Xwaylandauth.7DWMB3",
                &[
                    ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/1000/bus"),
                    ("XAUTHORITY", "/run/user/1000/.mutter-Xwaylandauth.7DWMB3"),
                ],
            ),
            // systemd 247 and later quote values with spaces and shell characters.
            (
                "GDM_LANG=$'nl_NL.UTF-8'\nX=$'a b\\'c'\nY=$'tab\\there'",
                &[
                    ("GDM_LANG", "nl_NL.UTF-8"),
                    ("X", "a b'c"),
                    ("Y", "tab\there"),
                ],
            ),
            ("H=$'\\x41\\102\\\\'", &[("H", "AB\\")]),
            // UTF-8 written as bytes.
            ("N=$'caf\\303\\251'", &[("N", "café")]),
            // Empty values are values; a plain value keeps its '=' signs.
            ("E=\nF=a=b", &[("E", ""), ("F", "a=b")]),
            // Not well formed: left out, the rest kept.
            (
                "no equals sign\n1BAD=x\n=x\nQ=$'open\nR=$'x'y'\nS=$'\\q'\nOK=1",
                &[("OK", "1")],
            ),
            ("", &[]),
        ];
        for (text, want) in table {
            assert_eq!(parse_environment(text), pairs(want), "{text:?}");
        }
    }

    #[test]
    fn list_sessions_is_parsed_in_old_and_new_column_layouts() {
        // systemd 249: SESSION UID USER SEAT TTY; 256: ... LEADER CLASS TTY IDLE SINCE.
        let old = "     2 1000 oma   seat0 tty2\n    c1  120 gdm   seat0 tty1\n";
        let new = "2 1000 oma seat0 1234 user tty2 no -\n5 1000 oma - 999 user pts/0 no -\n";
        assert_eq!(
            parse_sessions(old),
            vec![("2".into(), 1000), ("c1".into(), 120)]
        );
        assert_eq!(
            parse_sessions(new),
            vec![("2".into(), 1000), ("5".into(), 1000)]
        );
        // A legend, a count, garbage, an id that could pass for an option: left out.
        let odd = "SESSION UID USER\n2 sessions listed.\n-p 1000 x\n\n7\n8 x\n9 4294967296\n";
        assert_eq!(parse_sessions(odd), vec![]);
    }

    #[test]
    fn show_session_is_parsed_per_block() {
        let text = "Id=2\nUser=1000\nType=wayland\nClass=user\nState=active\nActive=yes\nRemote=no\nSeat=seat0\nDesktop=gnome\n\nId=5\nUser=1000\nType=tty\nRemote=yes\nActive=no\n";
        let s = parse_show(text);
        assert_eq!(s.len(), 2);
        assert_eq!(
            s[0],
            Session {
                id: "2".into(),
                uid: Some(1000),
                kind: "wayland".into(),
                class: "user".into(),
                state: "active".into(),
                active: Some(true),
                remote: Some(false),
                display: String::new(),
                seat: "seat0".into(),
                desktop: "gnome".into(),
            }
        );
        assert_eq!(
            (s[1].id.as_str(), s[1].kind.as_str(), s[1].remote),
            ("5", "tty", Some(true))
        );
        assert_eq!(parse_show(""), vec![]);
        assert_eq!(parse_show("\n\n"), vec![]);
    }

    fn session(f: impl FnOnce(&mut Session)) -> Session {
        let mut s = Session {
            id: "2".into(),
            uid: Some(1000),
            kind: "x11".into(),
            class: "user".into(),
            state: "active".into(),
            active: Some(true),
            remote: Some(false),
            display: ":0".into(),
            seat: "seat0".into(),
            desktop: "xfce".into(),
        };
        f(&mut s);
        s
    }

    #[test]
    fn only_this_users_active_local_graphical_session_is_picked() {
        let table: &[(Session, bool)] = &[
            (session(|_| {}), true),
            (session(|s| s.kind = "wayland".into()), true),
            (session(|s| s.uid = Some(1001)), false),
            (session(|s| s.uid = None), false),
            (session(|s| s.kind = "tty".into()), false),
            (session(|s| s.kind = "unspecified".into()), false),
            (session(|s| s.class = "greeter".into()), false),
            (session(|s| s.class = "lock-screen".into()), false),
            (session(|s| s.class = String::new()), true),
            (session(|s| s.remote = Some(true)), false),
            (session(|s| s.remote = None), true),
            // Switched away from (another user in front), or logged out and closing.
            (session(|s| s.active = Some(false)), false),
            (session(|s| s.state = "closing".into()), false),
            (session(|s| s.active = None), true),
            (
                session(|s| {
                    s.active = None;
                    s.state = "online".into()
                }),
                false,
            ),
            (session(|s| s.id = "-p".into()), false),
        ];
        for (s, want) in table {
            let all = [s.clone()];
            assert_eq!(pick_session(&all, 1000).is_some(), *want, "{s:?}");
        }
        // seat0 before another seat; otherwise the first listed.
        let two = [
            session(|s| s.seat = "seat1".into()),
            session(|s| s.id = "3".into()),
        ];
        assert_eq!(pick_session(&two, 1000).unwrap().id, "3");
        let two = [session(|_| {}), session(|s| s.id = "3".into())];
        assert_eq!(pick_session(&two, 1000).unwrap().id, "2");
    }

    fn probe(wayland: &[&str], bus: bool) -> Probe {
        Probe {
            runtime: Some("/run/user/1000".into()),
            wayland: wayland.iter().map(|s| s.to_string()).collect(),
            bus,
        }
    }

    #[test]
    fn the_user_managers_environment_is_used_when_it_agrees_with_the_session() {
        let manager = pairs(&[
            ("PATH", "/manager/bin"),
            ("HOME", "/home/oma"),
            ("DISPLAY", ":0"),
            ("XAUTHORITY", "/run/user/1000/gdm/Xauthority"),
            ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/1000/bus"),
            ("XDG_CURRENT_DESKTOP", "ubuntu:GNOME"),
            ("XDG_DATA_DIRS", "/usr/share:/var/lib/flatpak/exports/share"),
            ("DESKTOP_SESSION", "bad\u{1b}value"),
        ]);
        let (vars, from) = choose_env(&session(|_| {}), &manager, &probe(&[], true)).unwrap();
        assert_eq!(from, "the systemd user manager");
        // Only the session's variables: not PATH or HOME; a value with ESC is left out;
        // the runtime directory is added.
        assert_eq!(
            vars,
            pairs(&[
                ("DISPLAY", ":0"),
                ("XAUTHORITY", "/run/user/1000/gdm/Xauthority"),
                ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/1000/bus"),
                ("XDG_CURRENT_DESKTOP", "ubuntu:GNOME"),
                ("XDG_DATA_DIRS", "/usr/share:/var/lib/flatpak/exports/share"),
                ("XDG_RUNTIME_DIR", "/run/user/1000"),
            ])
        );
    }

    #[test]
    fn otherwise_the_session_itself_names_the_display() {
        type Case = (
            Session,
            &'static [(&'static str, &'static str)],
            Probe,
            Option<&'static [(&'static str, &'static str)]>,
        );
        let x11_from_session: &[(&str, &str)] = &[
            ("DISPLAY", ":1"),
            ("XDG_RUNTIME_DIR", "/run/user/1000"),
            ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/1000/bus"),
            ("XDG_SESSION_TYPE", "x11"),
            ("XDG_SESSION_DESKTOP", "xfce"),
        ];
        let table: Vec<Case> = vec![
            // No user manager.
            (
                session(|s| s.display = ":1".into()),
                &[],
                probe(&[], true),
                Some(x11_from_session),
            ),
            // The manager remembers another display (a session that ended): not used.
            (
                session(|s| s.display = ":1".into()),
                &[("DISPLAY", ":0"), ("XAUTHORITY", "/old")],
                probe(&[], true),
                Some(x11_from_session),
            ),
            // X11 without a display anywhere: nothing to open on.
            (
                session(|s| s.display = String::new()),
                &[],
                probe(&[], true),
                None,
            ),
            // An X11 session that names no display, and a manager that does.
            (
                session(|s| s.display = String::new()),
                &[("DISPLAY", ":0")],
                probe(&[], false),
                Some(&[("DISPLAY", ":0"), ("XDG_RUNTIME_DIR", "/run/user/1000")]),
            ),
            // Wayland: the lowest socket, no bus socket.
            (
                session(|s| {
                    s.kind = "wayland".into();
                    s.display = String::new();
                    s.desktop = "gnome".into()
                }),
                &[],
                probe(&["wayland-0", "wayland-1"], false),
                Some(&[
                    ("WAYLAND_DISPLAY", "wayland-0"),
                    ("XDG_RUNTIME_DIR", "/run/user/1000"),
                    ("XDG_SESSION_TYPE", "wayland"),
                    ("XDG_SESSION_DESKTOP", "gnome"),
                ]),
            ),
            // The manager's Wayland socket is gone: the session's own is used.
            (
                session(|s| {
                    s.kind = "wayland".into();
                    s.display = String::new();
                    s.desktop = String::new()
                }),
                &[("WAYLAND_DISPLAY", "wayland-9")],
                probe(&["wayland-1"], false),
                Some(&[
                    ("WAYLAND_DISPLAY", "wayland-1"),
                    ("XDG_RUNTIME_DIR", "/run/user/1000"),
                    ("XDG_SESSION_TYPE", "wayland"),
                ]),
            ),
            // Wayland with no socket and no display: nothing.
            (
                session(|s| {
                    s.kind = "wayland".into();
                    s.display = String::new()
                }),
                &[],
                probe(&[], true),
                None,
            ),
        ];
        for (s, manager, probe, want) in table {
            let got = choose_env(&s, &pairs(manager), &probe);
            assert_eq!(
                got.as_ref().map(|(v, _)| v.clone()),
                want.map(pairs),
                "{s:?} {manager:?}"
            );
        }
    }

    #[test]
    fn wayland_sockets_are_named_wayland_and_a_number() {
        assert_eq!(wayland_number("wayland-0"), Some(0));
        assert_eq!(wayland_number("wayland-12"), Some(12));
        for no in [
            "wayland-0.lock",
            "wayland-",
            "wayland",
            "wayland-x",
            "bus",
            "wayland--1",
        ] {
            assert_eq!(wayland_number(no), None, "{no}");
        }
    }

    #[test]
    fn dbus_addresses_are_escaped() {
        assert_eq!(
            dbus_address("/run/user/1000/bus"),
            "unix:path=/run/user/1000/bus"
        );
        assert_eq!(dbus_address("/tmp/a b,c=d"), "unix:path=/tmp/a%20b%2cc%3dd");
    }

    #[test]
    fn the_child_gets_no_ssh_variables_no_terminal_browser_and_none_of_the_logins_session_variables()
     {
        let base = os_env(&[
            ("PATH", "/usr/bin"),
            ("HOME", "/home/oma"),
            ("SSH_CONNECTION", "10.0.0.2 5 10.0.0.1 22"),
            ("SSH_AUTH_SOCK", "/tmp/ssh-x/agent.1"),
            ("SSH_TTY", "/dev/pts/1"),
            ("BROWSER", "lynx"),
            ("DISPLAY", "localhost:10.0"),
            ("XDG_RUNTIME_DIR", "/run/user/1000"),
            ("XDG_DATA_DIRS", "/usr/share"),
        ]);
        let found = pairs(&[
            ("WAYLAND_DISPLAY", "wayland-0"),
            ("XDG_RUNTIME_DIR", "/run/user/1000"),
        ]);
        assert_eq!(
            child_env(&base, &found),
            os_env(&[
                ("PATH", "/usr/bin"),
                ("HOME", "/home/oma"),
                ("XDG_DATA_DIRS", "/usr/share"),
                ("WAYLAND_DISPLAY", "wayland-0"),
                ("XDG_RUNTIME_DIR", "/run/user/1000"),
            ])
        );
        // A graphical BROWSER stays; a found XDG_DATA_DIRS replaces the login's.
        let base = os_env(&[("BROWSER", "firefox"), ("XDG_DATA_DIRS", "/usr/share")]);
        let found = pairs(&[("XDG_DATA_DIRS", "/flatpak")]);
        assert_eq!(
            child_env(&base, &found),
            os_env(&[("BROWSER", "firefox"), ("XDG_DATA_DIRS", "/flatpak")])
        );
    }

    #[test]
    fn the_console_is_ours_only_when_we_own_it_and_are_not_root() {
        let table = [
            (Some(501), 501, true),
            (Some(502), 501, false),
            (Some(0), 501, false),
            // Root owns the console at the login window: nobody's desktop.
            (Some(0), 0, false),
            (None, 501, false),
        ];
        for (owner, uid, want) in table {
            assert_eq!(console_is_ours(owner, uid), want, "{owner:?} {uid}");
        }
    }

    #[test]
    fn only_web_addresses_go_to_the_opener() {
        for ok in [
            "https://www.facebook.com/help/contact/712876720715583",
            "http://x.nl",
            "HTTPS://X.NL/a b",
        ] {
            assert!(is_web_address(ok), "{ok}");
        }
        for no in [
            "-h",
            "--help",
            "file:///etc/passwd",
            "javascript:alert(1)",
            "https://x\n-h",
            "https://x\u{1b}]",
            "",
            "https:",
        ] {
            assert!(!is_web_address(no), "{no:?}");
        }
    }

    #[test]
    fn every_failure_has_plain_words_in_both_languages_and_a_safe_detail() {
        let all = [
            Failure::NoDesktop { detail: "a".into() },
            Failure::NoOpener { detail: "b".into() },
            Failure::NotOpened {
                detail: "exit status: 1\u{1b}[2J".into(),
            },
            Failure::NoAnswer { detail: "d".into() },
        ];
        let mut seen = std::collections::HashSet::new();
        for f in &all {
            for lang in [Lang::Nl, Lang::En, Lang::De] {
                let w = f.words(lang);
                assert!(
                    w.ends_with('.') && !w.chars().any(text::forbidden_char),
                    "{w}"
                );
                assert!(seen.insert(w), "{w} said twice");
            }
            assert!(!f.detail().chars().any(text::forbidden_char));
        }
        assert_eq!(all[2].detail(), "exit status: 1\u{FFFD}[2J");
    }

    #[test]
    fn no_desktop_is_looked_for_on_windows_or_other_systems() {
        for os in [Os::Windows, Os::Other] {
            let got = Host::this().find(Vec::new(), os);
            assert!(matches!(got, Err(Failure::NoDesktop { .. })), "{os:?}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn the_console_owner_is_read_from_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let console = dir.path().join("console");
        std::fs::write(&console, "").unwrap();
        let me = owner(&console).unwrap();
        assert_eq!(me, uid(), "a file this process made is its own");
        let host = Host {
            uid: me,
            console: console.clone(),
            run_user: dir.path().into(),
        };
        let got = host.find(Vec::new(), Os::MacOs);
        if me == 0 {
            // Root: the console of the login window.
            assert!(matches!(got, Err(Failure::NoDesktop { .. })));
        } else {
            let d = got.unwrap();
            assert_eq!((d.opener, d.env()), ("open", &[][..]));
        }
        // Someone else's console, or none.
        let host = Host {
            uid: me.wrapping_add(1),
            ..host
        };
        assert!(host.find(Vec::new(), Os::MacOs).is_err());
        let host = Host {
            console: dir.path().join("missing"),
            ..host
        };
        assert!(host.find(Vec::new(), Os::MacOs).is_err());
    }

    /// macOS's `open` gets the URL and the environment just like xdg-open (a stub here).
    #[cfg(unix)]
    #[test]
    fn the_macos_opener_is_open_with_the_url() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("args");
        let stub = dir.path().join("open");
        std::fs::write(
            &stub,
            format!(
                "#!/bin/sh\nprintf '%s|' \"$#\" \"$@\" > '{}'\n",
                log.display()
            ),
        )
        .unwrap();
        std::fs::set_permissions(&stub, std::fs::Permissions::from_mode(0o755)).unwrap();
        let base = os_env(&[
            ("PATH", dir.path().to_str().unwrap()),
            ("SSH_TTY", "/dev/ttys001"),
        ]);
        let d = Desktop::new("test".into(), "open", Vec::new(), &base);
        d.open("https://x.nl/a b").unwrap();
        assert_eq!(
            std::fs::read_to_string(&log).unwrap(),
            "1|https://x.nl/a b|"
        );
    }
}
