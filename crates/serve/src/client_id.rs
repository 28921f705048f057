//! The client's identification line (`SSH-2.0-OpenSSH_9.6`, `SSH-2.0-paramiko_3.4.0`), read
//! as it passes the socket, before any encryption: for the one thing that depends on which
//! client it is.
//!
//! paramiko's `Transport.auth_none` followed by `auth_interactive` or `auth_password` (a
//! common way to log in to a server that needs no password) asks for the "ssh-userauth"
//! service a second time on the same connection. russh (0.65) answers only the first such
//! request, so paramiko waited for an answer until the login timeout. The fix belongs in
//! russh (answer a repeated "ssh-userauth" request while authentication runs, as OpenSSH
//! does); until then the server accepts paramiko's "none" at once: paramiko calls it only
//! when the program asks for it, and this server lets everyone in without a password anyway.
//! Every other client gets "none" refused with the methods there are, so that one with a key
//! offers it (and is recognised by it when coming back).

/// The longest identification line is 255 bytes (RFC 4253, 4.2).
const MAX_LINE: usize = 255;

/// Collects the identification line from the first bytes a client sends.
#[derive(Debug, Default)]
pub(super) struct IdLine {
    line: Vec<u8>,
    done: bool,
}

impl IdLine {
    /// Takes bytes as they are read; once the line is whole (or can no longer be), returns
    /// whether the client is paramiko.
    pub(super) fn feed(&mut self, bytes: &[u8]) -> Option<bool> {
        if self.done {
            return None;
        }
        let room = MAX_LINE - self.line.len();
        let (taken, whole) = match bytes.iter().position(|&b| b == b'\n') {
            Some(end) if end <= room => (&bytes[..end], true),
            _ => (&bytes[..bytes.len().min(room)], false),
        };
        self.line.extend_from_slice(taken);
        if !whole && self.line.len() < MAX_LINE {
            return None;
        }
        self.done = true;
        Some(whole && is_paramiko(&self.line))
    }
}

fn is_paramiko(line: &[u8]) -> bool {
    line.strip_prefix(b"SSH-2.0-")
        .is_some_and(|software| software.to_ascii_lowercase().starts_with(b"paramiko"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paramiko_is_known_by_its_line_in_any_pieces() {
        let mut id = IdLine::default();
        assert_eq!(id.feed(b"SSH-2.0-para"), None);
        assert_eq!(id.feed(b"miko_3.4.0\r\n\0\0\0\x1c"), Some(true));
        assert_eq!(id.feed(b"more"), None, "once");
        for other in [
            &b"SSH-2.0-OpenSSH_9.6p1 Debian\r\n"[..],
            b"SSH-2.0-PuTTY_Release_0.78\r\n",
            b"SSH-2.0-AsyncSSH_2.24.1\r\n",
            b"SSH-1.99-paramiko\r\n",
        ] {
            assert_eq!(IdLine::default().feed(other), Some(false));
        }
        // A line that never ends is not paramiko's.
        let mut id = IdLine::default();
        assert_eq!(id.feed(&[b'x'; 200]), None);
        assert_eq!(id.feed(&[b'x'; 200]), Some(false));
    }
}
