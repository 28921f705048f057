//! Load on `bezwaar serve`: many visitors at once, each pressing keys like a person reading
//! (a key, then a pause). It measures, from the visitor's side, the time from a key press
//! until the frame that shows its result has arrived (key-to-frame latency), the time from
//! connecting until the first page is on screen, and the server's memory (VmRSS and PSS of
//! its process, before and with all sessions open) at each window size asked for.
//!
//! Then, side by side, what an admin would otherwise reach for: OpenSSH's sshd (Debian's
//! package) on a loopback port with a throwaway config that runs `bezwaar` for every login
//! (`ForceCommand`), with the same number of visitors: memory per visitor (the PSS of every
//! process sshd starts for them) and connect time.
//!
//! ```sh
//! cargo bench --bench serve_load        # 200 visitors at 80x24 and 200x60, then sshd with 200
//! BEZWAAR_LOAD_SESSIONS=10000 BEZWAAR_LOAD_PAUSE_MS=5000-15000 BEZWAAR_LOAD_KEYS=10 \
//!     BEZWAAR_LOAD_SSHD=0 cargo bench --bench serve_load
//! ```
//!
//! Knobs: `BEZWAAR_LOAD_SESSIONS` (200), `BEZWAAR_LOAD_KEYS` per visitor (20),
//! `BEZWAAR_LOAD_SIZES` (`80x24,200x60`), `BEZWAAR_LOAD_PAUSE_MS` between keys (`200-800`),
//! `BEZWAAR_LOAD_CONNECTING` at once (20), `BEZWAAR_LOAD_SSHD` (1: also sshd),
//! `BEZWAAR_LOAD_SSHD_VISITORS` (200).
//!
//! The servers are real processes on 127.0.0.1; the visitors are russh clients in this one,
//! so both share the machine's cores, as they would not in real use. The open-file limit is
//! raised to the hard limit first (the server inherits it). Everything is bounded:
//! connecting, each key, and the whole run.
//!
//! Here the knobs, bezwaar serve's run and the report; the crowd of visitors and sshd's side
//! are in benches/serve_load/.

use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

#[path = "serve_load/crowd.rs"]
mod crowd;
mod serve_support;
#[path = "serve_load/sshd.rs"]
mod sshd;

use crowd::{Crowd, Login, crowd};
use serve_support::{env_number, percentile, start_serve};
use sshd::sshd;

fn env_text(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_owned())
}

/// "AxB" (size) or "A-B" (range) as two numbers.
fn pair(text: &str, sep: char) -> (u64, u64) {
    let (a, b) = text.split_once(sep).expect("two numbers");
    (a.trim().parse().unwrap(), b.trim().parse().unwrap())
}

/// Raises this process's soft limit on open files to the hard limit; returns it.
fn raise_fd_limit() -> u64 {
    // SAFETY: getrlimit and setrlimit only read and write the struct given.
    unsafe {
        let mut l = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        libc::getrlimit(libc::RLIMIT_NOFILE, &mut l);
        l.rlim_cur = l.rlim_max;
        libc::setrlimit(libc::RLIMIT_NOFILE, &l);
        libc::getrlimit(libc::RLIMIT_NOFILE, &mut l);
        l.rlim_cur
    }
}

/// A process's memory in KiB: (VmRSS, PSS), from /proc.
fn memory(pid: u32) -> (u64, u64) {
    let field = |file: &str, name: &str| {
        std::fs::read_to_string(format!("/proc/{pid}/{file}"))
            .unwrap_or_default()
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (field("status", "VmRSS:"), field("smaps_rollup", "Pss:"))
}

fn start_bezwaar(sessions: usize, dir: &Path) -> (Child, SocketAddr) {
    let sessions = sessions.to_string();
    let args = ["--max-sessions", &sessions, "--login-timeout", "120"];
    // The session log is not needed here; warnings are.
    start_serve(dir, &args, Duration::from_secs(20), |line| {
        if line.contains("warning") {
            eprintln!("{line}");
        }
    })
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

struct Measured {
    name: String,
    visitors: usize,
    crowd: Crowd,
    /// KiB per visitor: (RSS, PSS).
    per_visitor: (f64, f64),
    notes: Vec<String>,
}

fn bezwaar(visitors: usize, keys: usize, size: (u16, u16), pause: (u64, u64)) -> Measured {
    let dir = tempfile::tempdir().unwrap();
    let (mut server, addr) = start_bezwaar(visitors, dir.path());
    let pid = server.id();
    std::thread::sleep(Duration::from_millis(300));
    let before = memory(pid);
    let crowd = crowd(
        addr,
        Login::Anyone,
        visitors,
        keys,
        size,
        pause,
        move || memory(pid),
    );
    let per = |all: u64, base: u64| all.saturating_sub(base) as f64 / visitors.max(1) as f64;
    let per_visitor = (
        per(crowd.with_all.0, before.0),
        per(crowd.with_all.1, before.1),
    );
    let (rss_end, _) = memory(pid);
    let peak = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
        .unwrap_or(0);

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
    let code = status.and_then(|s| s.code());
    let mut notes = vec![
        format!(
            "server RSS {:.1} MiB before, {:.1} MiB with all open, {:.1} MiB at the end, {:.1} MiB peak",
            before.0 as f64 / 1024.0,
            crowd.with_all.0 as f64 / 1024.0,
            rss_end as f64 / 1024.0,
            peak as f64 / 1024.0
        ),
        format!(
            "SIGTERM to exit: {} (exit code {code:?})",
            ms(stop.elapsed())
        ),
    ];
    if code != Some(0) {
        notes.push("the server did not exit cleanly".into());
    }
    Measured {
        name: format!("bezwaar serve, {}x{}", size.0, size.1),
        visitors,
        crowd,
        per_visitor,
        notes,
    }
}

fn main() {
    let files = raise_fd_limit();
    let sessions = env_number("BEZWAAR_LOAD_SESSIONS", 200);
    let keys = env_number("BEZWAAR_LOAD_KEYS", 20);
    let pause = pair(&env_text("BEZWAAR_LOAD_PAUSE_MS", "200-800"), '-');
    let sizes: Vec<(u16, u16)> = env_text("BEZWAAR_LOAD_SIZES", "80x24,200x60")
        .split(',')
        .map(|s| {
            let (c, r) = pair(s, 'x');
            (c as u16, r as u16)
        })
        .collect();
    if (files as usize) < sessions + 100 {
        eprintln!("only {files} open files allowed: fewer visitors than asked may get in");
    }
    println!(
        "bezwaar serve load: {sessions} visitors, {keys} keys each, {}–{} ms between keys, open files {files}",
        pause.0, pause.1
    );
    let mut all = Vec::new();
    for size in sizes {
        all.push(bezwaar(sessions, keys, size, pause));
    }
    if env_number("BEZWAAR_LOAD_SSHD", 1) != 0 {
        let visitors = env_number("BEZWAAR_LOAD_SSHD_VISITORS", 200);
        all.extend(sshd(visitors));
    }
    let mut failed = false;
    for m in &all {
        let c = &m.crowd;
        println!("{} — {} visitors", m.name, m.visitors);
        println!(
            "  connect to first page: p50 {}, p99 {}, max {}; all {} on page 1 after {:.1} s",
            ms(percentile(&c.connects, 0.50)),
            ms(percentile(&c.connects, 0.99)),
            ms(percentile(&c.connects, 1.0)),
            c.connects.len(),
            c.all_in_after.as_secs_f64()
        );
        if !c.latencies.is_empty() {
            println!(
                "  key-to-frame over {} presses: p50 {}, p90 {}, p99 {}, max {}",
                c.latencies.len(),
                ms(percentile(&c.latencies, 0.50)),
                ms(percentile(&c.latencies, 0.90)),
                ms(percentile(&c.latencies, 0.99)),
                ms(percentile(&c.latencies, 1.0)),
            );
        }
        println!(
            "  memory per visitor: {:.0} KiB RSS, {:.0} KiB PSS",
            m.per_visitor.0, m.per_visitor.1
        );
        for note in &m.notes {
            println!("  {note}");
        }
        println!(
            "  errors (failed connects or keys without their frame): {}",
            c.errors
        );
        failed |= c.errors > 0 || m.notes.iter().any(|n| n.contains("did not exit cleanly"));
    }
    if failed {
        eprintln!("serve_load: not every visitor was served, or a server did not exit cleanly");
        std::process::exit(1);
    }
}
