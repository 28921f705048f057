//! The crowd: visitors connecting at once (a few at a time), waiting for each other, then
//! each pressing keys like a person reading, timed from the press to the frame that shows it.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use russh::ChannelMsg;
use russh::client;
use russh::keys::{PrivateKey, PrivateKeyWithHashAlg};
use tokio::time::timeout;

use crate::serve_support::{Visitor, env_number};

const KEY_TIMEOUT: Duration = Duration::from_secs(20);
/// Visitors walk back and forth over the first pages with → and ←: every press changes the
/// page (and these keys mean the same on every page, whatever it asks).
const LAST_PAGE: usize = 3;

/// How a visitor logs in: to bezwaar serve as anyone; to sshd with a key.
#[derive(Clone)]
pub enum Login {
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

/// What one crowd of visitors measured.
pub struct Crowd {
    pub connects: Vec<Duration>,
    pub latencies: Vec<Duration>,
    pub errors: u64,
    pub all_in_after: Duration,
    /// (VmRSS, PSS) of `measure` once everyone was on page 1, in KiB.
    pub with_all: (u64, u64),
}

/// `visitors` connect (`connecting` at a time), wait for each other, then each presses `keys`
/// keys with a pause of `pause` ms between. `measure` is called when all are on page 1.
pub fn crowd(
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
