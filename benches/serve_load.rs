//! Load on `bezwaar serve`: many visitors at once, each pressing keys like a person reading
//! (a key, then a pause of 0.2–0.8 s). It measures, from the visitor's side, the time from a
//! key press until the frame that shows its result has arrived (key-to-frame latency), and
//! the server's memory (VmRSS of its process, before and with all sessions open).
//!
//! ```sh
//! cargo bench --bench serve_load                                  # 200 sessions, 20 keys each
//! BEZWAAR_LOAD_SESSIONS=50 BEZWAAR_LOAD_KEYS=10 cargo bench --bench serve_load
//! ```
//!
//! The server is the real (release) binary on 127.0.0.1, in its own process; the visitors
//! are russh clients in this one, so both share the machine's cores, as they would not in
//! real use. Everything is bounded: connecting, each key, and the whole run.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use russh::ChannelMsg;
use russh::client;
use russh::keys::PublicKeyOrCertificate;
use tokio::time::timeout;

const KEY_TIMEOUT: Duration = Duration::from_secs(10);
/// Visitors walk back and forth over the first pages with → and ←: every press changes the
/// page (and these keys mean the same on every page, whatever it asks).
const LAST_PAGE: usize = 3;

struct Visitor;

impl client::Handler for Visitor {
    type Error = russh::Error;

    async fn check_server_key(&mut self, _: &PublicKeyOrCertificate) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The process's resident memory and its peak, in KiB, from /proc/PID/status.
fn memory(pid: u32) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn start_server(sessions: usize, dir: &std::path::Path) -> (Child, SocketAddr) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_bezwaar"))
        .args(["serve", "--listen", "127.0.0.1:0", "--lang", "en"])
        .args(["--max-sessions", &sessions.to_string(), "--per-minute", "0"])
        .arg("--host-key")
        .arg(dir.join("host_key"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the bezwaar binary starts");
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some((_, rest)) = line.split_once("listening on ")
                && let Some((addr, _)) = rest.split_once(": ")
            {
                let _ = tx.send(addr.parse::<SocketAddr>().unwrap());
            }
            // The server's session log is not needed here; keep the pipe drained.
        }
    });
    let addr = rx
        .recv_timeout(Duration::from_secs(20))
        .expect("the server listens");
    (child, addr)
}

/// One visitor's session: connected, on the first page, ready to press keys.
struct Session {
    _ssh: client::Handle<Visitor>,
    ch: russh::Channel<client::Msg>,
    vt: vt100::Parser,
}

impl Session {
    async fn open(addr: SocketAddr) -> Result<Session, String> {
        let config = Arc::new(client::Config::default());
        let mut ssh = client::connect(config, addr, Visitor)
            .await
            .map_err(|e| format!("connect: {e}"))?;
        ssh.authenticate_none("load")
            .await
            .map_err(|e| format!("login: {e}"))?;
        let ch = ssh
            .channel_open_session()
            .await
            .map_err(|e| format!("channel: {e}"))?;
        ch.request_pty(false, "xterm-256color", 80, 24, 0, 0, &[])
            .await
            .map_err(|e| format!("pty: {e}"))?;
        ch.request_shell(false)
            .await
            .map_err(|e| format!("shell: {e}"))?;
        let nz = |n| std::num::NonZeroU16::new(n).unwrap();
        let mut s = Session {
            _ssh: ssh,
            ch,
            vt: vt100::Parser::new(nz(24), nz(80), 0),
        };
        s.until("Step 1 of 7").await?;
        Ok(s)
    }

    /// Reads frames until the header says `step`.
    async fn until(&mut self, step: &str) -> Result<(), String> {
        let deadline = tokio::time::Instant::now() + KEY_TIMEOUT;
        loop {
            let header = self.vt.screen().rows(0, 80).next().unwrap_or_default();
            if header.contains(step) {
                return Ok(());
            }
            match tokio::time::timeout_at(deadline, self.ch.wait()).await {
                Ok(Some(ChannelMsg::Data { data })) => self.vt.process(&data),
                Ok(Some(ChannelMsg::Close) | None) => return Err("closed".into()),
                Ok(Some(_)) => {}
                Err(_) => return Err(format!("no {step:?} in time")),
            }
        }
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let sessions = env_number("BEZWAAR_LOAD_SESSIONS", 200);
    let keys = env_number("BEZWAAR_LOAD_KEYS", 20);
    let dir = tempfile::tempdir().unwrap();
    let (mut server, addr) = start_server(sessions, dir.path());
    let pid = server.id();
    std::thread::sleep(Duration::from_millis(300));
    let (rss_before, _) = memory(pid);

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let started = Instant::now();
    let result = runtime.block_on(async move {
        // Everyone connects (20 at a time, as people trickle in), then waits for the rest.
        let gate = Arc::new(tokio::sync::Barrier::new(sessions + 1));
        let errors = Arc::new(AtomicU64::new(0));
        let limit = Arc::new(tokio::sync::Semaphore::new(20));
        let mut tasks = Vec::new();
        for n in 0..sessions {
            let (gate, errors, limit) = (gate.clone(), errors.clone(), limit.clone());
            tasks.push(tokio::spawn(async move {
                let permit = limit.acquire_owned().await.unwrap();
                let opened = timeout(Duration::from_secs(60), Session::open(addr)).await;
                drop(permit);
                let mut session = match opened {
                    Ok(Ok(s)) => Some(s),
                    Ok(Err(e)) => {
                        eprintln!("a visitor could not get in: {e}");
                        errors.fetch_add(1, Ordering::SeqCst);
                        None
                    }
                    Err(_) => {
                        eprintln!("a visitor could not get in within a minute");
                        errors.fetch_add(1, Ordering::SeqCst);
                        None
                    }
                };
                gate.wait().await;
                let mut latencies = Vec::with_capacity(keys);
                let Some(s) = session.as_mut() else {
                    return latencies;
                };
                // A little randomness per visitor, so the presses do not line up.
                let mut seed =
                    0x9E37_79B9_7F4A_7C15u64 ^ (n as u64).wrapping_mul(0xBF58_476D_1CE4_E5B9);
                let (mut page, mut forward) = (1, true);
                for _ in 0..keys {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    tokio::time::sleep(Duration::from_millis(200 + seed % 600)).await;
                    if page == LAST_PAGE {
                        forward = false;
                    } else if page == 1 {
                        forward = true;
                    }
                    let key: &[u8] = if forward { b"\x1b[C" } else { b"\x1b[D" };
                    page = if forward { page + 1 } else { page - 1 };
                    let pressed = Instant::now();
                    if s.ch.data_bytes(key.to_vec()).await.is_err() {
                        errors.fetch_add(1, Ordering::SeqCst);
                        break;
                    }
                    match s.until(&format!("Step {page} of 7")).await {
                        Ok(()) => latencies.push(pressed.elapsed()),
                        Err(_) => {
                            errors.fetch_add(1, Ordering::SeqCst);
                            break;
                        }
                    }
                }
                latencies
            }));
        }
        gate.wait().await;
        let connected_after = started.elapsed();
        let (rss_open, _) = memory(pid);
        let mut all = Vec::new();
        for t in tasks {
            all.extend(t.await.unwrap_or_default());
        }
        (
            all,
            errors.load(Ordering::SeqCst),
            connected_after,
            rss_open,
        )
    });
    let (mut latencies, errors, connected_after, rss_open) = result;
    let (rss_end, rss_peak) = memory(pid);

    // SIGTERM: every session gets its goodbye; the server should exit 0 quickly.
    let stop = Instant::now();
    let _ = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status();
    let mut status = None;
    while stop.elapsed() < Duration::from_secs(15) {
        if let Some(s) = server.try_wait().unwrap() {
            status = Some(s);
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    if status.is_none() {
        let _ = server.kill();
    }

    latencies.sort();
    let per_session = rss_peak.saturating_sub(rss_before) as f64 / sessions.max(1) as f64;
    println!("bezwaar serve load: {sessions} sessions, {keys} keys each, 0.2–0.8 s between keys");
    println!(
        "  connected and on page 1 after {:.1} s",
        connected_after.as_secs_f64()
    );
    println!(
        "  key-to-frame latency over {} presses: p50 {}, p90 {}, p99 {}, max {}",
        latencies.len(),
        ms(percentile(&latencies, 0.50)),
        ms(percentile(&latencies, 0.90)),
        ms(percentile(&latencies, 0.99)),
        ms(percentile(&latencies, 1.0)),
    );
    println!("  errors (failed connects or keys without their frame): {errors}");
    println!(
        "  server RSS: {:.1} MiB before, {:.1} MiB with all sessions open, {:.1} MiB at the end, {:.1} MiB peak",
        rss_before as f64 / 1024.0,
        rss_open as f64 / 1024.0,
        rss_end as f64 / 1024.0,
        rss_peak as f64 / 1024.0,
    );
    println!("  RSS per session (peak minus before, divided by sessions): {per_session:.0} KiB");
    println!(
        "  SIGTERM to exit: {} (exit code {:?})",
        ms(stop.elapsed()),
        status.and_then(|s| s.code())
    );
    if errors > 0 || status.and_then(|s| s.code()) != Some(0) {
        eprintln!("serve_load: not every visitor was served, or the server did not exit cleanly");
        std::process::exit(1);
    }
}
