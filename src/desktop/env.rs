//! The opener's environment: which variables choose a screen and a desktop, what this user's
//! runtime directory holds (Wayland sockets, the session bus), the desktop's variables taken
//! from the user manager or the session itself, and the child's whole environment without
//! anything of the SSH login's.

use std::ffi::{OsStr, OsString};
use std::path::Path;

use super::session::Session;
use crate::links;

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

/// An environment: (name, value) pairs, as `std::env::vars_os()` gives them.
pub(super) type Env = Vec<(OsString, OsString)>;

/// What the runtime directory holds.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct Probe {
    pub(super) runtime: Option<String>,
    /// Wayland sockets (`wayland-0`, ...), lowest number first.
    pub(super) wayland: Vec<String>,
    /// Whether the session bus socket `bus` is there.
    pub(super) bus: bool,
}

impl Probe {
    pub(super) fn of(runtime: Option<String>) -> Probe {
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
pub(super) fn wayland_number(name: &str) -> Option<u32> {
    let n = name.strip_prefix("wayland-")?;
    if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    n.parse().ok()
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
pub(super) fn choose_env(
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
pub(super) fn dbus_address(path: &str) -> String {
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
pub(super) fn child_env(base: &Env, found: &[(String, String)]) -> Env {
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
pub(super) fn lookup(env: &Env, name: &str) -> Option<String> {
    env.iter()
        .rev()
        .find(|(k, _)| k == name)
        .and_then(|(_, v)| v.to_str().map(str::to_owned))
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
