//! What logind and the systemd user manager say, parsed: `loginctl list-sessions` and
//! `show-session` (which sessions this user has, and what each is), the one session to open
//! on, and `systemctl --user show-environment` with its quoting undone. Pure functions of the
//! commands' text; running the commands is `run.rs`'s.

/// What `loginctl show-session` is asked for.
pub(super) const PROPERTIES: &[&str] = &[
    "Id", "User", "Type", "Class", "State", "Active", "Remote", "Display", "Seat", "Desktop",
];

/// One session as `loginctl show-session` describes it.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct Session {
    pub(super) id: String,
    pub(super) uid: Option<u32>,
    pub(super) kind: String,
    pub(super) class: String,
    pub(super) state: String,
    pub(super) active: Option<bool>,
    pub(super) remote: Option<bool>,
    pub(super) display: String,
    pub(super) seat: String,
    pub(super) desktop: String,
}

/// `loginctl list-sessions --no-legend`: (session id, uid) per line. The first two columns
/// are those in every systemd version; lines that do not fit are left out.
pub(super) fn parse_sessions(text: &str) -> Vec<(String, u32)> {
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
pub(super) fn parse_show(text: &str) -> Vec<Session> {
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
pub(super) fn pick_session(sessions: &[Session], uid: u32) -> Option<&Session> {
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
pub(super) fn parse_environment(text: &str) -> Vec<(String, String)> {
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
