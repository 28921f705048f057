//! What the `serve_load` and `serve_look` benches share: a client that takes any host key,
//! knobs from the environment, percentiles, and the release binary's server started on a
//! free loopback port.

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use russh::client;
use russh::keys::PublicKeyOrCertificate;

/// A russh client that takes the server's host key as it is (the server is ours, on
/// loopback).
pub struct Visitor;

impl client::Handler for Visitor {
    type Error = russh::Error;

    async fn check_server_key(&mut self, _: &PublicKeyOrCertificate) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

/// A number from the environment, or `default`.
pub fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The `p` percentile (0.0–1.0) of sorted durations; zero when there are none.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// `bezwaar serve` on 127.0.0.1 at a free port, in English, with its host key in `dir`,
/// without per-address limits (every visitor of a bench comes from 127.0.0.1) unless `args`
/// set them, and `args`.
/// Each line it logs goes to `on_line`; returns once it listens (at most `wait`).
pub fn start_serve(
    dir: &Path,
    args: &[&str],
    wait: Duration,
    mut on_line: impl FnMut(&str) + Send + 'static,
) -> (Child, SocketAddr) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_bezwaar"))
        .args(["serve", "--listen", "127.0.0.1:0", "--lang", "en"])
        // Every visitor starts in Meta's walkthrough, not at the chooser.
        .args(["--walkthrough", "meta-ai"])
        .args(
            ["--per-minute", "--per-address"]
                .into_iter()
                .filter(|limit| !args.contains(limit))
                .flat_map(|limit| [limit, "0"]),
        )
        .arg("--host-key")
        .arg(dir.join("host_key"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the bezwaar binary starts");
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        // Read to the end, so the server's log pipe never fills.
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some((_, rest)) = line.split_once("listening on ")
                && let Some((addr, _)) = rest.split_once(": ")
            {
                let _ = tx.send(addr.parse::<SocketAddr>().unwrap());
            }
            on_line(&line);
        }
    });
    let addr = rx.recv_timeout(wait).expect("the server listens");
    (child, addr)
}
