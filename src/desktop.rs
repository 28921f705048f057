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
//! The parsers and choices are pure functions, tested as tables: what logind and the user
//! manager say ([`session`]), the opener's environment ([`env`]). Processes start in one
//! place, [`run::run`], each with a timeout and bounded output, looked up on PATH, never
//! through a shell.

mod env;
mod run;
mod session;

use std::ffi::OsString;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus};
use std::time::{Duration, Instant};

use crate::links::Os;
use crate::text::{self, Lang};
use env::{Env, Probe, child_env, choose_env, lookup};
use run::{Late, Ran, run};
use session::{PROPERTIES, parse_environment, parse_sessions, parse_show, pick_session};

/// The longest one outside command may take: `loginctl`, `systemctl`, the opener.
pub const TIMEOUT: Duration = Duration::from_secs(2);
/// The longest [`Desktop::find`] takes in all (its commands run one after another).
const FIND_BUDGET: Duration = Duration::from_secs(3);
/// The most sessions of this user that are looked at.
const MAX_SESSIONS: usize = 32;

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
        let words: fn(Lang) -> &'static str = match self {
            Failure::NoDesktop { .. } => crate::i18n::msg::no_desktop,
            Failure::NoOpener { .. } => crate::i18n::msg::no_opener,
            Failure::NotOpened { .. } => crate::i18n::msg::desktop_failed,
            Failure::NoAnswer { .. } => crate::i18n::msg::no_answer,
        };
        words(lang)
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

/// A web address, fit to be the opener's one argument: http or https, no control characters
/// (and so never an option).
fn is_web_address(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && url.len() <= 8192
        && !url.chars().any(char::is_control)
}

#[cfg(unix)]
fn uid() -> u32 {
    nix::unistd::getuid().as_raw()
}

#[cfg(not(unix))]
fn uid() -> u32 {
    u32::MAX
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

#[cfg(test)]
mod tests;
