//! What typing costs `bezwaar serve`: the server's CPU for each key in the own-reason field
//! (a 1,000-character paste, then 1,000 Backspaces), and what ten connections from one
//! address that paste and erase as fast as the input limit lets them (64 KiB at once, then
//! 4 KiB a second) take of the server while another visitor presses keys.
//!
//! ```sh
//! cargo bench --bench serve_typing
//! BEZWAAR_TYPING_ROUNDS=20 BEZWAAR_TYPING_FLOOD=10 BEZWAAR_TYPING_SECS=10 \
//!     BEZWAAR_TYPING_ADDRESSES=30 cargo bench --bench serve_typing
//! ```
//!
//! The server's CPU is its process's user + system time from /proc (all threads), so the
//! figures include SSH decryption and sending frames, not only the walk. The clients run in
//! this process, on the same cores.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[path = "common/cpu.rs"]
mod cpu;
mod serve_support;

use russh::ChannelMsg;
use russh::client;
use serve_support::{Visitor, env_number, percentile, start_serve};

const WAIT: Duration = Duration::from_secs(30);

/// The server's CPU time so far (user + system, all threads; /proc's ticks of 10 ms).
fn cpu(pid: u32) -> Duration {
    Duration::from_secs_f64(cpu::cpu_ms(pid).unwrap_or(0.0) / 1000.0)
}

/// The time the server's threads have run so far, to the nanosecond (schedstat): /proc's
/// user and system time count in ticks of 10 ms, more than a whole paste costs. A thread
/// that ended is no longer counted, so this is for short spans in which the server's threads
/// stay (tokio's workers do).
fn cpu_exact(pid: u32) -> Duration {
    Duration::from_secs_f64(cpu::cpu_precise_ms(pid).unwrap_or(0.0) / 1000.0)
}

struct Screen {
    _ssh: client::Handle<Visitor>,
    ch: russh::Channel<client::Msg>,
    vt: vt100::Parser,
}

impl Screen {
    async fn open(from: IpAddr, addr: SocketAddr) -> Screen {
        let socket = tokio::net::TcpSocket::new_v4().unwrap();
        socket.bind(SocketAddr::new(from, 0)).unwrap();
        let tcp = socket.connect(addr).await.unwrap();
        let config = Arc::new(client::Config::default());
        let mut ssh = client::connect_stream(config, tcp, Visitor).await.unwrap();
        let none = ssh.authenticate_none("oma").await.unwrap();
        if !none.success() {
            let ok = ssh
                .authenticate_keyboard_interactive_start("oma", None)
                .await
                .unwrap();
            assert!(matches!(
                ok,
                client::KeyboardInteractiveAuthResponse::Success
            ));
        }
        let ch = ssh.channel_open_session().await.unwrap();
        ch.set_env(false, "LANG", "en_US.UTF-8").await.unwrap();
        ch.request_pty(false, "xterm-256color", 80, 24, 0, 0, &[])
            .await
            .unwrap();
        ch.request_shell(false).await.unwrap();
        let nz = |n| std::num::NonZeroU16::new(n).unwrap();
        Screen {
            _ssh: ssh,
            ch,
            vt: vt100::Parser::new(nz(24), nz(80), 0),
        }
    }

    async fn until(&mut self, what: &str, done: impl Fn(&str) -> bool) {
        let deadline = tokio::time::Instant::now() + WAIT;
        while !done(&self.vt.screen().contents()) {
            match tokio::time::timeout_at(deadline, self.ch.wait()).await {
                Ok(Some(ChannelMsg::Data { data })) => self.vt.process(&data),
                Ok(Some(ChannelMsg::Close) | None) => panic!("closed before {what}"),
                Ok(Some(_)) => {}
                Err(_) => panic!("no {what} in time:\n{}", self.vt.screen().contents()),
            }
        }
    }

    async fn sees(&mut self, text: &str) {
        self.until(text, |s| s.contains(text)).await;
    }

    async fn press(&mut self, bytes: &[u8]) {
        self.ch.data_bytes(bytes.to_vec()).await.unwrap();
    }

    /// Reads (and lets go of) whatever came, waiting at most a moment.
    async fn drain(&mut self) {
        while let Ok(Some(_)) = tokio::time::timeout(Duration::from_millis(1), self.ch.wait()).await
        {
        }
    }

    /// To the own-reason field of step 5, with Facebook chosen, typing in it.
    async fn go_to_own_reason(&mut self) {
        self.sees("Step 1 of 7").await;
        self.press(b"4").await;
        self.sees("( ) Facebook").await;
        self.press(b"\r").await;
        self.sees("(•) Facebook").await;
        self.press(b"5").await;
        self.sees("Step 5 of 7").await;
        self.press(b"\x1b[B\x1b[B\x1b[B\x1b[B").await;
        self.sees("▶ ( ) Write my own reason").await;
        self.press(b"\r").await;
        self.sees("(•) Write my own reason").await;
    }
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let rounds = env_number("BEZWAAR_TYPING_ROUNDS", 10);
    let flood = env_number("BEZWAAR_TYPING_FLOOD", 10);
    let secs = env_number("BEZWAAR_TYPING_SECS", 10) as u64;
    let addresses = env_number("BEZWAAR_TYPING_ADDRESSES", 1);
    let dir = tempfile::tempdir().unwrap();
    // What a key costs: without limits per address (no typing budget). Both servers run
    // Meta's walkthrough (`start_serve`), not the chooser of walkthroughs.
    let (mut free, free_addr) = start_serve(dir.path(), &[], WAIT, |_| {});
    let free_pid = free.id();
    // The flood: the default limits per address (10 walkthroughs, and the typing budget that
    // goes with them); only the connection rate is off (the bench connects many at once).
    let (mut server, addr) = start_serve(
        dir.path(),
        &["--per-address", "10", "--max-sessions", "1000"],
        WAIT,
        |_| {},
    );
    let pid = server.id();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        // One visitor: paste 1,000 characters, then erase them, `rounds` times; each step
        // waits until its frame is on screen.
        let mut v = Screen::open("127.0.0.1".parse().unwrap(), free_addr).await;
        v.go_to_own_reason().await;
        let paste = "x".repeat(1000).into_bytes();
        let erase = vec![0x7f; 1000];
        let before = cpu_exact(free_pid);
        let since = Instant::now();
        for _ in 0..rounds {
            v.press(&paste).await;
            v.until("the pasted text", |s| s.contains(&"x".repeat(60))).await;
            v.press(&erase).await;
            v.until("the text erased", |s| !s.contains("xxxxxxxxxx")).await;
        }
        let spent = cpu_exact(free_pid) - before;
        let keys = rounds as u32 * 2000;
        println!(
            "Paste 1,000 characters and erase them in the own-reason field, {rounds} times ({} keys, {} wall):",
            keys,
            ms(since.elapsed())
        );
        println!(
            "  server CPU {} in all: {} per paste and erase, {:.1} µs per key",
            ms(spent),
            ms(spent / rounds as u32),
            spent.as_secs_f64() * 1e6 / f64::from(keys)
        );

        // `flood` connections from one address paste and erase as fast as they may, while a
        // visitor from another address walks the pages.
        let mut flooders = Vec::new();
        for a in 0..addresses {
            for _ in 0..flood {
                let from = IpAddr::from([127, 1, (a / 250) as u8, (a % 250) as u8 + 1]);
                let mut f = Screen::open(from, addr).await;
                f.go_to_own_reason().await;
                flooders.push(f);
            }
        }
        let mut visitor = Screen::open("127.0.0.2".parse().unwrap(), addr).await;
        visitor.sees("Step 1 of 7").await;
        let stop = Instant::now() + Duration::from_secs(secs);
        let tasks: Vec<_> = flooders
            .into_iter()
            .map(|mut f| {
                let (paste, erase) = (paste.clone(), erase.clone());
                tokio::spawn(async move {
                    // At the input limit: 64 KiB at once, then 4 KiB a second (more would be
                    // dropped before it reached the walk, at the cost of decrypting it).
                    let start = Instant::now();
                    let mut sent = 0usize;
                    while Instant::now() < stop {
                        let allowed = 64.0 * 1024.0 + 4096.0 * start.elapsed().as_secs_f64();
                        if (sent + 2000) as f64 > allowed {
                            f.drain().await;
                            tokio::time::sleep(Duration::from_millis(20)).await;
                            continue;
                        }
                        f.press(&paste).await;
                        f.press(&erase).await;
                        sent += 2000;
                        f.drain().await;
                    }
                    sent
                })
            })
            .collect();
        let before = cpu(pid);
        let since = Instant::now();
        let mut times = Vec::new();
        let mut page = 1;
        while Instant::now() < stop {
            page = if page == 1 { 2 } else { 1 };
            tokio::time::sleep(Duration::from_millis(100)).await;
            let pressed = Instant::now();
            v_press(&mut visitor, page).await;
            times.push(pressed.elapsed());
        }
        let spent = cpu(pid) - before;
        let wall = since.elapsed();
        let mut sent = 0;
        for t in tasks {
            sent += t.await.unwrap();
        }
        times.sort();
        println!(
            "{flood} connections from each of {addresses} address(es) pasting and erasing for {secs} s ({sent} keys sent):"
        );
        println!(
            "  server CPU {} in {}: {:.0} % of a core",
            ms(spent),
            ms(wall),
            spent.as_secs_f64() * 100.0 / wall.as_secs_f64()
        );
        println!(
            "  another visitor's key-to-frame ({} keys): p50 {}, p90 {}, max {}",
            times.len(),
            ms(percentile(&times, 0.5)),
            ms(percentile(&times, 0.9)),
            ms(percentile(&times, 1.0))
        );
    });
    for s in [&mut server, &mut free] {
        let _ = s.kill();
        let _ = s.wait();
    }
}

async fn v_press(v: &mut Screen, page: u8) {
    v.press(&[b'0' + page]).await;
    v.sees(&format!("Step {page} of 7")).await;
}
