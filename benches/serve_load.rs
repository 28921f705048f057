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

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

mod serve_support;

use russh::ChannelMsg;
use russh::client;
use russh::keys::{PrivateKey, PrivateKeyWithHashAlg};
use serve_support::{Visitor, env_number, percentile, start_serve};
use tokio::time::timeout;

const KEY_TIMEOUT: Duration = Duration::from_secs(20);
/// Visitors walk back and forth over the first pages with → and ←: every press changes the
/// page (and these keys mean the same on every page, whatever it asks).
const LAST_PAGE: usize = 3;

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

/// Every process below `root` (not `root` itself).
fn descendants(root: u32) -> Vec<u32> {
    let mut parent: Vec<(u32, u32)> = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().filter_map(Result::ok) {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
            continue;
        };
        // "pid (comm) state ppid ...": comm may hold spaces, so read after the last ')'.
        let after = &stat[stat.rfind(')').map_or(0, |i| i + 1)..];
        if let Some(ppid) = after.split_whitespace().nth(1).and_then(|p| p.parse().ok()) {
            parent.push((pid, ppid));
        }
    }
    let mut found = vec![root];
    let mut i = 0;
    while i < found.len() {
        let p = found[i];
        found.extend(parent.iter().filter(|(_, pp)| *pp == p).map(|(c, _)| *c));
        i += 1;
    }
    found.remove(0);
    found
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

/// How a visitor logs in: to bezwaar serve as anyone; to sshd with a key.
#[derive(Clone)]
enum Login {
    Anyone,
    Key(String, Arc<PrivateKey>),
}

/// One visitor's session: connected, on the first page, ready to press keys.
struct Session {
    _ssh: client::Handle<Visitor>,
    ch: russh::Channel<client::Msg>,
    vt: vt100::Parser,
    cols: u16,
}

impl Session {
    async fn open(
        addr: SocketAddr,
        login: &Login,
        (cols, rows): (u16, u16),
    ) -> Result<Session, String> {
        let config = Arc::new(client::Config::default());
        let mut ssh = client::connect(config, addr, Visitor)
            .await
            .map_err(|e| format!("connect: {e}"))?;
        let success = match login {
            // As an ssh client without a key: "none", then keyboard-interactive, which
            // bezwaar serve accepts at once.
            Login::Anyone => {
                let none = ssh
                    .authenticate_none("load")
                    .await
                    .map_err(|e| format!("login: {e}"))?;
                none.success()
                    || matches!(
                        ssh.authenticate_keyboard_interactive_start("load", None)
                            .await
                            .map_err(|e| format!("login: {e}"))?,
                        client::KeyboardInteractiveAuthResponse::Success
                    )
            }
            Login::Key(user, key) => {
                let key = PrivateKeyWithHashAlg::new(key.clone(), None);
                ssh.authenticate_publickey(user.clone(), key)
                    .await
                    .map_err(|e| format!("login: {e}"))?
                    .success()
            }
        };
        if !success {
            return Err("login refused".into());
        }
        let ch = ssh
            .channel_open_session()
            .await
            .map_err(|e| format!("channel: {e}"))?;
        ch.set_env(false, "LANG", "en_US.UTF-8")
            .await
            .map_err(|e| format!("env: {e}"))?;
        ch.request_pty(false, "xterm-256color", cols.into(), rows.into(), 0, 0, &[])
            .await
            .map_err(|e| format!("pty: {e}"))?;
        ch.request_shell(false)
            .await
            .map_err(|e| format!("shell: {e}"))?;
        let nz = |n| std::num::NonZeroU16::new(n).unwrap();
        let mut s = Session {
            _ssh: ssh,
            ch,
            vt: vt100::Parser::new(nz(rows), nz(cols), 0),
            cols,
        };
        s.until("Step 1 of 7").await?;
        Ok(s)
    }

    /// Reads frames until the header says `step`.
    async fn until(&mut self, step: &str) -> Result<(), String> {
        let deadline = tokio::time::Instant::now() + KEY_TIMEOUT;
        loop {
            let header = self
                .vt
                .screen()
                .rows(0, self.cols)
                .next()
                .unwrap_or_default();
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

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// What one crowd of visitors measured.
struct Crowd {
    connects: Vec<Duration>,
    latencies: Vec<Duration>,
    errors: u64,
    all_in_after: Duration,
    /// (VmRSS, PSS) of `measure` once everyone was on page 1, in KiB.
    with_all: (u64, u64),
}

/// `visitors` connect (`connecting` at a time), wait for each other, then each presses `keys`
/// keys with a pause of `pause` ms between. `measure` is called when all are on page 1.
fn crowd(
    addr: SocketAddr,
    login: Login,
    visitors: usize,
    keys: usize,
    size: (u16, u16),
    pause: (u64, u64),
    measure: impl FnOnce() -> (u64, u64) + Send + 'static,
) -> Crowd {
    let connecting = env_number("BEZWAAR_LOAD_CONNECTING", 20);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let started = Instant::now();
    runtime.block_on(async move {
        // Everyone in, then measured, then the keys.
        let gate = Arc::new(tokio::sync::Barrier::new(visitors + 1));
        let measured = Arc::new(tokio::sync::Barrier::new(visitors + 1));
        let errors = Arc::new(AtomicU64::new(0));
        let limit = Arc::new(tokio::sync::Semaphore::new(connecting));
        let mut tasks = Vec::new();
        for n in 0..visitors {
            let (gate, measured, errors, limit, login) = (
                gate.clone(),
                measured.clone(),
                errors.clone(),
                limit.clone(),
                login.clone(),
            );
            tasks.push(tokio::spawn(async move {
                let permit = limit.acquire_owned().await.unwrap();
                let since = Instant::now();
                let opened =
                    timeout(Duration::from_secs(120), Session::open(addr, &login, size)).await;
                let took = since.elapsed();
                drop(permit);
                let mut session = match opened {
                    Ok(Ok(s)) => Some(s),
                    Ok(Err(e)) => {
                        eprintln!("a visitor could not get in: {e}");
                        errors.fetch_add(1, Ordering::SeqCst);
                        None
                    }
                    Err(_) => {
                        eprintln!("a visitor could not get in within two minutes");
                        errors.fetch_add(1, Ordering::SeqCst);
                        None
                    }
                };
                gate.wait().await;
                measured.wait().await;
                let mut latencies = Vec::with_capacity(keys);
                let Some(s) = session.as_mut() else {
                    return (None, latencies);
                };
                // A little randomness per visitor, so the presses do not line up.
                let mut seed =
                    0x9E37_79B9_7F4A_7C15u64 ^ (n as u64).wrapping_mul(0xBF58_476D_1CE4_E5B9);
                let (mut page, mut forward) = (1, true);
                for _ in 0..keys {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    let wait = pause.0 + seed % (pause.1 - pause.0).max(1);
                    tokio::time::sleep(Duration::from_millis(wait)).await;
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
                        Err(e) => {
                            eprintln!("a key without its frame: {e}");
                            errors.fetch_add(1, Ordering::SeqCst);
                            break;
                        }
                    }
                }
                (Some(took), latencies)
            }));
        }
        gate.wait().await;
        let all_in_after = started.elapsed();
        let with_all = measure();
        measured.wait().await;
        let mut connects = Vec::new();
        let mut latencies = Vec::new();
        for t in tasks {
            let (took, l) = t.await.unwrap_or_default();
            connects.extend(took);
            latencies.extend(l);
        }
        connects.sort();
        latencies.sort();
        Crowd {
            connects,
            latencies,
            errors: errors.load(Ordering::SeqCst),
            all_in_after,
            with_all,
        }
    })
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

/// OpenSSH's sshd with a throwaway config on a free loopback port, running `bezwaar` for
/// every login; None (with the reason printed) when there is no sshd here.
fn sshd(visitors: usize) -> Option<Measured> {
    let binary = PathBuf::from("/usr/sbin/sshd");
    if !binary.is_file() {
        println!(
            "OpenSSH's sshd is not installed (apt-get install openssh-server): its side is left out"
        );
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let write_key = |path: &Path, key: &PrivateKey| {
        use std::os::unix::fs::OpenOptionsExt;
        let text = key
            .to_openssh(russh::keys::ssh_key::LineEnding::LF)
            .unwrap();
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(path)
            .unwrap();
        std::io::Write::write_all(&mut f, text.as_bytes()).unwrap();
    };
    let mut rng = rand::rng();
    let host = PrivateKey::random(&mut rng, russh::keys::Algorithm::Ed25519).unwrap();
    let visitor = PrivateKey::random(&mut rng, russh::keys::Algorithm::Ed25519).unwrap();
    write_key(&dir.path().join("host_key"), &host);
    std::fs::write(
        dir.path().join("authorized_keys"),
        visitor.public_key().to_openssh().unwrap() + "\n",
    )
    .unwrap();
    let home = dir.path().join("home");
    std::fs::create_dir(&home).unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let d = dir.path().display();
    let config = dir.path().join("sshd_config");
    std::fs::write(
        &config,
        format!(
            "Port {port}
ListenAddress 127.0.0.1
HostKey {d}/host_key
PidFile {d}/sshd.pid
AuthorizedKeysFile {d}/authorized_keys
StrictModes no
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
PermitTTY yes
X11Forwarding no
AllowTcpForwarding no
AllowAgentForwarding no
PrintMotd no
PrintLastLog no
MaxStartups 1000
LogLevel ERROR
AcceptEnv LANG
ForceCommand exec env HOME={} {} --walkthrough meta-ai --lang en --no-save
",
            home.display(),
            env!("CARGO_BIN_EXE_bezwaar"),
        ),
    )
    .unwrap();
    // Debian's sshd wants its privilege separation directory (its service makes it too).
    let _ = std::fs::create_dir_all("/run/sshd");
    let mut child = Command::new(&binary)
        .arg("-D")
        .arg("-e")
        .arg("-f")
        .arg(&config)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("sshd starts");
    let addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::net::TcpStream::connect(addr).is_err() {
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            println!("sshd did not start listening: its side is left out");
            return None;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let pid = child.id();
    let user = std::env::var("USER").unwrap_or_else(|_| "root".into());
    let login = Login::Key(user, Arc::new(visitor));
    let counted = Arc::new(AtomicU64::new(0));
    let count = counted.clone();
    let crowd = crowd(addr, login, visitors, 0, (80, 24), (0, 1), move || {
        let all = descendants(pid);
        count.store(all.len() as u64, Ordering::SeqCst);
        all.into_iter()
            .map(memory)
            .fold((0, 0), |(r, p), (r2, p2)| (r + r2, p + p2))
    });
    let processes = counted.load(Ordering::SeqCst);
    let per = |all: u64| all as f64 / visitors.max(1) as f64;
    let per_visitor = (per(crowd.with_all.0), per(crowd.with_all.1));
    let _ = child.kill();
    let _ = child.wait();
    Some(Measured {
        name: "OpenSSH sshd + ForceCommand bezwaar, 80x24".into(),
        visitors,
        notes: vec![format!(
            "{processes} processes for the {visitors} visitors (sshd's own for each, and its bezwaar)"
        )],
        crowd,
        per_visitor,
    })
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
