//! OpenSSH's own client, for the tests that run it: where it is, and the options that make
//! it log in to `bezwaar serve` without a key, a prompt or a known host.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

pub fn which(program: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|dir| Path::new(dir).join(program))
        .find(|p| p.is_file())
}

pub fn openssh_args(addr: SocketAddr) -> Vec<String> {
    [
        "-p",
        &addr.port().to_string(),
        "-o",
        "StrictHostKeyChecking=no",
        "-o",
        "UserKnownHostsFile=/dev/null",
        "-o",
        "LogLevel=ERROR",
        // No BatchMode: it turns keyboard-interactive off, which is how an ssh without a key
        // logs in to bezwaar serve (no question is asked). No password prompt either.
        "-o",
        "PasswordAuthentication=no",
        "-o",
        "KbdInteractiveAuthentication=yes",
        "-o",
        "ConnectTimeout=10",
    ]
    .map(str::to_owned)
    .to_vec()
}
