//! What looking along and coming back cost `bezwaar serve`, from outside: the release binary
//! on 127.0.0.1 and russh clients in this process, as in `serve_load`.
//!
//! 1. **A helper's seat.** `BEZWAAR_LOOK_WALKS` people (100) open a walkthrough each; then each
//!    invites a helper, who connects with the code and is let in. The server's memory (VmRSS)
//!    before and after the helpers came, per helper; and the person's key-to-frame time while
//!    their helper looks along (each key now draws two windows), beside the same without.
//! 2. **A held walk.** `BEZWAAR_LOOK_HELD` people (1000, 100 at a time) each go to page 3 and
//!    drop their connection: every walk is held to come back to. The same again against a
//!    server with `--max-held 0` (nothing held); the difference in memory, per walk.
//!
//! ```sh
//! cargo bench --bench serve_look
//! ```

use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::process::{Child, Command};
use std::sync::Arc;
use std::time::{Duration, Instant};

mod serve_support;

use russh::client;
use russh::{ChannelMsg, Disconnect};
use serve_support::{Visitor, env_number, percentile, start_serve};

const WAIT: Duration = Duration::from_secs(30);

fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn start(dir: &Path, extra: &[&str]) -> (Child, SocketAddr) {
    start_with_log(dir, extra).0
}

/// The server, and the lines it logs about held walks when it stops.
fn start_with_log(
    dir: &Path,
    extra: &[&str],
) -> ((Child, SocketAddr), std::sync::mpsc::Receiver<String>) {
    let (held_tx, held_rx) = std::sync::mpsc::channel();
    let args: Vec<&str> = ["--max-sessions", "5000"]
        .iter()
        .chain(extra)
        .copied()
        .collect();
    let server = start_serve(dir, &args, WAIT, move |line| {
        if line.contains("held to come back to") {
            let _ = held_tx.send(line.to_owned());
        }
    });
    (server, held_rx)
}

struct Screen {
    ssh: client::Handle<Visitor>,
    ch: russh::Channel<client::Msg>,
    vt: vt100::Parser,
}

impl Screen {
    async fn open(addr: SocketAddr, user: &str) -> Result<Screen, String> {
        Screen::open_from([127, 0, 0, 1].into(), addr, user).await
    }

    /// The same from the local address `from` (anywhere in 127.0.0.0/8).
    async fn open_from(from: IpAddr, addr: SocketAddr, user: &str) -> Result<Screen, String> {
        let socket = tokio::net::TcpSocket::new_v4().map_err(|e| e.to_string())?;
        socket
            .bind(SocketAddr::new(from, 0))
            .map_err(|e| e.to_string())?;
        let tcp = socket.connect(addr).await.map_err(|e| e.to_string())?;
        let config = Arc::new(client::Config::default());
        let mut ssh = client::connect_stream(config, tcp, Visitor)
            .await
            .map_err(|e| format!("connect: {e}"))?;
        let none = ssh
            .authenticate_none(user)
            .await
            .map_err(|e| e.to_string())?;
        let ok = none.success()
            || matches!(
                ssh.authenticate_keyboard_interactive_start(user, None)
                    .await
                    .map_err(|e| e.to_string())?,
                client::KeyboardInteractiveAuthResponse::Success
            );
        if !ok {
            return Err("login refused".into());
        }
        let ch = ssh
            .channel_open_session()
            .await
            .map_err(|e| e.to_string())?;
        ch.set_env(false, "LANG", "en_US.UTF-8")
            .await
            .map_err(|e| e.to_string())?;
        ch.request_pty(false, "xterm-256color", 80, 24, 0, 0, &[])
            .await
            .map_err(|e| e.to_string())?;
        ch.request_shell(false).await.map_err(|e| e.to_string())?;
        let nz = |n| std::num::NonZeroU16::new(n).unwrap();
        Ok(Screen {
            ssh,
            ch,
            vt: vt100::Parser::new(nz(24), nz(80), 0),
        })
    }

    async fn sees(&mut self, text: &str) -> Result<(), String> {
        let deadline = tokio::time::Instant::now() + WAIT;
        while !self.vt.screen().contents().contains(text) {
            match tokio::time::timeout_at(deadline, self.ch.wait()).await {
                Ok(Some(ChannelMsg::Data { data })) => self.vt.process(&data),
                Ok(Some(ChannelMsg::Close) | None) => {
                    return Err(format!("closed before {text:?}"));
                }
                Ok(Some(_)) => {}
                Err(_) => return Err(format!("no {text:?} in time")),
            }
        }
        Ok(())
    }

    async fn press(&mut self, bytes: &[u8]) -> Result<(), String> {
        self.ch
            .data_bytes(bytes.to_vec())
            .await
            .map_err(|_| "could not send".to_string())
    }

    fn code(&self) -> Option<String> {
        let text = self.vt.screen().contents();
        let at = text.find("look-")?;
        Some(text[at..].chars().take_while(|c| *c != '@').collect())
    }

    /// Presses → and ← `keys` times; the time from each press to the frame showing it.
    async fn walk(&mut self, keys: usize) -> Result<Vec<Duration>, String> {
        let mut times = Vec::new();
        for i in 0..keys {
            let (key, step): (&[u8], &str) = if i % 2 == 0 {
                (b"\x1b[C", "Step 2 of 7")
            } else {
                (b"\x1b[D", "Step 1 of 7")
            };
            tokio::time::sleep(Duration::from_millis(50)).await;
            let pressed = Instant::now();
            self.press(key).await?;
            self.sees(step).await?;
            times.push(pressed.elapsed());
        }
        Ok(times)
    }
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

fn helpers(walks: usize) {
    let dir = tempfile::tempdir().unwrap();
    let (mut server, addr) = start(dir.path(), &[]);
    let pid = server.id();
    runtime().block_on(async move {
        let mut people = Vec::new();
        for _ in 0..walks {
            let mut p = Screen::open(addr, "oma").await.expect("a person gets in");
            p.sees("Step 1 of 7").await.unwrap();
            people.push(p);
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
        let alone = rss_kib(pid);
        let mut without = Vec::new();
        for p in people.iter_mut().take(20) {
            without.extend(p.walk(10).await.unwrap());
        }
        let mut helpers = Vec::new();
        for p in &mut people {
            p.press(b"m").await.unwrap();
            p.sees("look-").await.unwrap();
            let code = p.code().expect("a code");
            let mut h = Screen::open(addr, &code).await.expect("a helper gets in");
            h.sees("Please wait").await.unwrap();
            p.sees("Someone wants to look along.").await.unwrap();
            // Yes takes a move to it (no, the safe answer, is marked).
            p.press(b"\x1b[B\r").await.unwrap();
            h.sees("You are looking along").await.unwrap();
            p.sees("Someone is looking along").await.unwrap();
            helpers.push(h);
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
        let with = rss_kib(pid);
        let mut with_helper = Vec::new();
        for (p, h) in people.iter_mut().zip(helpers.iter_mut()).take(20) {
            with_helper.extend(p.walk(10).await.unwrap());
            // The helper's screen followed.
            h.sees("Step 1 of 7").await.unwrap();
        }
        without.sort();
        with_helper.sort();
        println!("A helper's seat ({walks} walks at 80x24, each with one helper):");
        println!(
            "  server VmRSS {:.1} MiB with {walks} people, {:.1} MiB with their helpers too: {:.0} KiB per helper",
            alone as f64 / 1024.0,
            with as f64 / 1024.0,
            with.saturating_sub(alone) as f64 / walks as f64
        );
        println!(
            "  the person's key-to-frame (200 keys): alone p50 {} p99 {}; with a helper p50 {} p99 {}",
            ms(percentile(&without, 0.5)),
            ms(percentile(&without, 0.99)),
            ms(percentile(&with_helper, 0.5)),
            ms(percentile(&with_helper, 0.99)),
        );
    });
    let _ = server.kill();
    let _ = server.wait();
}

/// `walks` people (`wave` at a time, each from an address of its own) go to page 3 and drop; the server's VmRSS after that,
/// and again with `wave` new people in (what was freed is used again), and what the server
/// says it held when it stops.
fn drop_walks(extra: &[&str], walks: usize, wave: usize) -> (u64, u64, Option<String>) {
    let dir = tempfile::tempdir().unwrap();
    let ((mut server, addr), held) = start_with_log(dir.path(), extra);
    let pid = server.id();
    let rss = runtime().block_on(async move {
        for w in 0..walks.div_ceil(wave) {
            let mut tasks = Vec::new();
            // The last wave only what is left: `walks` in all, what memory is divided by.
            for i in 0..wave.min(walks - w * wave) {
                // Each from an address of its own: one address may have only 10 held.
                let [_, a, b, c] = ((w * wave + i) as u32 + 1).to_be_bytes();
                let from = IpAddr::from([127, 20 + a, b, c]);
                tasks.push(tokio::spawn(async move {
                    let mut p = Screen::open_from(from, addr, "oma").await?;
                    p.sees("Step 1 of 7").await?;
                    p.press(b"3").await?;
                    p.sees("Step 3 of 7").await?;
                    let _ = p.ssh.disconnect(Disconnect::ByApplication, "", "en").await;
                    Ok::<(), String>(())
                }));
            }
            for t in tasks {
                t.await.unwrap().expect("a walk to drop");
            }
        }
        // Every session has ended (and its walk is held, or not).
        tokio::time::sleep(Duration::from_secs(2)).await;
        let after = rss_kib(pid);
        let mut open = Vec::new();
        for _ in 0..wave {
            let mut p = Screen::open(addr, "opa").await.expect("a visitor gets in");
            p.sees("Step 1 of 7").await.unwrap();
            open.push(p);
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
        (after, rss_kib(pid))
    });
    let _ = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status();
    let said = held.recv_timeout(Duration::from_secs(10)).ok();
    let _ = server.wait();
    (rss.0, rss.1, said)
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let walks = env_number("BEZWAAR_LOOK_WALKS", 100);
    helpers(walks);
    let held = env_number("BEZWAAR_LOOK_HELD", 1000);
    let kept = drop_walks(&["--max-held", "100000"], held, 100);
    let none = drop_walks(&["--max-held", "0"], held, 100);
    let per = |a: u64, b: u64| a.saturating_sub(b) as f64 * 1024.0 / held as f64;
    println!("A held walk ({held} walks dropped on page 3, 100 at a time):");
    println!(
        "  server VmRSS after: {:.1} MiB holding them, {:.1} MiB with --max-held 0: {:.0} bytes per held walk",
        kept.0 as f64 / 1024.0,
        none.0 as f64 / 1024.0,
        per(kept.0, none.0)
    );
    println!(
        "  then with 100 new visitors in: {:.1} MiB and {:.1} MiB: {:.0} bytes per held walk",
        kept.1 as f64 / 1024.0,
        none.1 as f64 / 1024.0,
        per(kept.1, none.1)
    );
    println!(
        "  the server's own count, when it stopped: {}",
        kept.2.as_deref().unwrap_or("(nothing said)")
    );
}
