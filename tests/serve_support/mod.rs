//! What the serve tests share: the real `bezwaar` binary as a server, russh's client as a
//! visitor with a terminal emulator for what they see, and ways to look at the server's
//! process from outside (its open sockets, its memory, its log).
//!
//! Every wait here is bounded: a server that misbehaves fails a test, never hangs it.
#![allow(dead_code)]
pub mod look;
#[path = "../common/steps.rs"]
mod steps;
// The step line and the page count, as in tests/common; not every serve test asks for them.
#[allow(unused_imports)]
pub use steps::*;

use std::io::{BufRead, BufReader};
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use russh::ChannelMsg;
use russh::client;
use russh::keys::PublicKeyOrCertificate;
use tokio::time::{Instant, timeout, timeout_at};

pub const FACEBOOK: &str = "https://www.facebook.com/help/contact/712876720715583";
/// A week before the deadline: the countdown page counts down.
pub const BEFORE: &str = "2025-05-20T11:56:55+02:00";
/// The last hour before the deadline: the countdown shows seconds there.
pub const LAST_HOUR: &str = "2025-05-26T23:30:00+02:00";
pub const WAIT: Duration = Duration::from_secs(15);

// ---------------------------------------------------------------------------------------
// The server: the real binary.

pub struct Server {
    pub child: Child,
    pub addr: SocketAddr,
    pub log: Arc<Mutex<String>>,
    pub dir: tempfile::TempDir,
}

impl Server {
    pub fn start(extra: &[&str]) -> Server {
        let dir = tempfile::tempdir().unwrap();
        Server::start_in(dir, extra)
    }

    /// A server whose visitors start in Meta's walkthrough (unless `extra` names a script or
    /// a walkthrough of its own).
    pub fn start_in(dir: tempfile::TempDir, extra: &[&str]) -> Server {
        let own = extra.contains(&"--script") || extra.contains(&"--walkthrough");
        let meta: &[&str] = if own {
            &[]
        } else {
            &["--walkthrough", "meta-ai"]
        };
        Server::spawn(dir, &[meta, extra].concat())
    }

    /// A server as `bezwaar serve` starts by default: every visitor starts at the chooser.
    pub fn start_every(extra: &[&str]) -> Server {
        Server::spawn(tempfile::tempdir().unwrap(), extra)
    }

    fn spawn(dir: tempfile::TempDir, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_bezwaar"))
            .args(["serve", "--listen", "127.0.0.1:0", "--host-key"])
            .arg(dir.path().join("host_key"))
            .args(extra)
            // The server's own locale is the fallback language: keep it out of the tests.
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the bezwaar binary starts");
        let stderr = child.stderr.take().unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        let lines = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if let Some((_, rest)) = line.split_once("listening on ")
                    && let Some((addr, _)) = rest.split_once(": ")
                {
                    let _ = tx.send(addr.parse::<SocketAddr>().unwrap());
                }
                let mut log = lines.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
        let addr = match rx.recv_timeout(WAIT) {
            Ok(addr) => addr,
            Err(_) => {
                let _ = child.kill();
                panic!("the server did not start: {}", log.lock().unwrap());
            }
        };
        Server {
            child,
            addr,
            log,
            dir,
        }
    }

    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    pub fn key_path(&self) -> PathBuf {
        self.dir.path().join("host_key")
    }

    /// SIGTERM, then the exit status (within a bound).
    pub fn terminate(&mut self) -> ExitStatus {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
        assert!(sent.success());
        wait_exit(&mut self.child, WAIT).expect("the server exits after SIGTERM")
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The sockets the server's process has open now (its listener, its runtime's own, and
    /// one per connection), counted in /proc/PID/fd.
    pub fn sockets(&self) -> usize {
        let Ok(dir) = std::fs::read_dir(format!("/proc/{}/fd", self.child.id())) else {
            return 0;
        };
        dir.filter_map(Result::ok)
            .filter_map(|e| std::fs::read_link(e.path()).ok())
            .filter(|l| l.to_string_lossy().starts_with("socket:"))
            .count()
    }

    /// Waits (bounded) until the server has at most `n` sockets open; returns how many it has.
    pub async fn sockets_fall_to(&self, n: usize) -> usize {
        let deadline = Instant::now() + WAIT;
        loop {
            let open = self.sockets();
            if open <= n || Instant::now() >= deadline {
                return open;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// How many lines of the log contain `what`.
    pub fn log_count(&self, what: &str) -> usize {
        self.log().lines().filter(|l| l.contains(what)).count()
    }

    /// Waits (bounded) until the log has `what`.
    pub async fn log_has(&self, what: &str) -> bool {
        let deadline = Instant::now() + WAIT;
        while Instant::now() < deadline {
            if self.log().contains(what) {
                return true;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        false
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("the server's log:\n{}", self.log());
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn wait_exit(child: &mut Child, limit: Duration) -> Option<ExitStatus> {
    let deadline = std::time::Instant::now() + limit;
    while std::time::Instant::now() < deadline {
        if let Some(status) = child.try_wait().unwrap() {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    None
}

// ---------------------------------------------------------------------------------------
// The visitor: russh's client, and a terminal emulator for what they see.

#[derive(Clone, Default)]
pub struct Client {
    /// What the server said when it closed the connection.
    pub disconnect: Arc<Mutex<Option<String>>>,
    /// The fingerprint of the server's host key ("SHA256:…").
    pub server_key: Arc<Mutex<Option<String>>>,
}

impl client::Handler for Client {
    type Error = russh::Error;

    async fn check_server_key(
        &mut self,
        key: &PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        if let PublicKeyOrCertificate::PublicKey { key, .. } = key {
            let print = key.fingerprint(russh::keys::HashAlg::Sha256).to_string();
            *self.server_key.lock().unwrap() = Some(print);
        }
        Ok(true)
    }

    async fn disconnected(
        &mut self,
        reason: client::DisconnectReason<Self::Error>,
    ) -> Result<(), Self::Error> {
        if let client::DisconnectReason::ReceivedDisconnect(info) = reason {
            *self.disconnect.lock().unwrap() = Some(info.message);
        }
        Ok(())
    }
}

/// Connects and logs in without a password, as anyone.
pub async fn login(addr: SocketAddr) -> (client::Handle<Client>, Client) {
    let tcp = tokio::net::TcpStream::connect(addr).await.unwrap();
    login_over(Pausable::new(tcp)).await
}

/// A TCP connection to `addr` from the local address `from` (anywhere in 127.0.0.0/8: each
/// is another visitor as far as the server can tell).
pub async fn tcp_from(from: IpAddr, addr: SocketAddr) -> std::io::Result<tokio::net::TcpStream> {
    let socket = tokio::net::TcpSocket::new_v4()?;
    socket.bind(SocketAddr::new(from, 0))?;
    socket.connect(addr).await
}

/// Connects from `from` and logs in.
pub async fn login_from(from: &str, addr: SocketAddr) -> (client::Handle<Client>, Client) {
    let tcp = tcp_from(from.parse().unwrap(), addr).await.unwrap();
    login_over(Pausable::new(tcp)).await
}

pub async fn login_over(stream: Pausable) -> (client::Handle<Client>, Client) {
    let (mut ssh, client) = connect_over(stream, client::Config::default()).await;
    assert!(login_as(&mut ssh, "oma").await, "no password needed");
    (ssh, client)
}

/// Connects over `stream` with `config` (say, a small SSH window of its own), not logged in.
pub async fn connect_over(
    stream: Pausable,
    config: client::Config,
) -> (client::Handle<Client>, Client) {
    try_connect_over(stream, config).await.expect("connected")
}

/// The same; `None` when the server closed the connection before any SSH (a limit).
pub async fn try_connect_over(
    stream: Pausable,
    config: client::Config,
) -> Option<(client::Handle<Client>, Client)> {
    let client = Client::default();
    let ssh = timeout(
        WAIT,
        client::connect_stream(Arc::new(config), stream, client.clone()),
    )
    .await
    .expect("connected in time")
    .ok()?;
    Some((ssh, client))
}

/// Connects to `addr` from the local address `from`, not logged in.
pub async fn connect_from(from: &str, addr: SocketAddr) -> (client::Handle<Client>, Client) {
    let tcp = tcp_from(from.parse().unwrap(), addr).await.unwrap();
    connect_over(Pausable::new(tcp), client::Config::default()).await
}

/// Logs in as `user` the way an ssh client without a key does: "none" first, which the
/// server answers with the methods it takes, then keyboard-interactive, which it accepts at
/// once with no question asked. True when logged in.
pub async fn login_as(ssh: &mut client::Handle<Client>, user: &str) -> bool {
    let none = ssh.authenticate_none(user).await.expect("login answered");
    if none.success() {
        return true;
    }
    let answer = ssh
        .authenticate_keyboard_interactive_start(user, None)
        .await
        .expect("login answered");
    matches!(answer, client::KeyboardInteractiveAuthResponse::Success)
}

/// A TCP stream whose reading can be paused: a visitor whose machine stops taking data
/// (a frozen laptop, a dead link) while the server still has frames for it.
pub struct Pausable {
    pub tcp: tokio::net::TcpStream,
    pub paused: Arc<Pause>,
}

#[derive(Default)]
pub struct Pause {
    pub on: std::sync::atomic::AtomicBool,
    pub waker: Mutex<Option<std::task::Waker>>,
    /// The client's machine is gone: reads end, writes fail, and russh's client drops the
    /// socket, though it still had bytes to send that the server would not take.
    cut: std::sync::atomic::AtomicBool,
    writer: Mutex<Option<std::task::Waker>>,
}

impl Pause {
    pub fn set(&self, on: bool) {
        self.on.store(on, std::sync::atomic::Ordering::SeqCst);
        if let Some(w) = self.waker.lock().unwrap().take() {
            w.wake();
        }
    }

    /// Pulls the plug: the connection closes from the client's side, whatever waits.
    pub fn cut(&self) {
        self.cut.store(true, std::sync::atomic::Ordering::SeqCst);
        for waker in [&self.waker, &self.writer] {
            if let Some(w) = waker.lock().unwrap().take() {
                w.wake();
            }
        }
    }

    fn is_cut(&self) -> bool {
        self.cut.load(std::sync::atomic::Ordering::SeqCst)
    }
}

impl Pausable {
    pub fn new(tcp: tokio::net::TcpStream) -> Pausable {
        Pausable {
            tcp,
            paused: Arc::default(),
        }
    }
}

impl tokio::io::AsyncRead for Pausable {
    fn poll_read(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        if self.paused.is_cut() {
            return std::task::Poll::Ready(Ok(()));
        }
        if self.paused.on.load(std::sync::atomic::Ordering::SeqCst) {
            *self.paused.waker.lock().unwrap() = Some(cx.waker().clone());
            return std::task::Poll::Pending;
        }
        let read = std::pin::Pin::new(&mut self.tcp).poll_read(cx, buf);
        if read.is_pending() {
            *self.paused.waker.lock().unwrap() = Some(cx.waker().clone());
        }
        read
    }
}

impl tokio::io::AsyncWrite for Pausable {
    fn poll_write(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &[u8],
    ) -> std::task::Poll<std::io::Result<usize>> {
        if self.paused.is_cut() {
            return std::task::Poll::Ready(Err(std::io::ErrorKind::BrokenPipe.into()));
        }
        let written = std::pin::Pin::new(&mut self.tcp).poll_write(cx, buf);
        if written.is_pending() {
            *self.paused.writer.lock().unwrap() = Some(cx.waker().clone());
        }
        written
    }

    fn poll_flush(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.tcp).poll_flush(cx)
    }

    fn poll_shutdown(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.tcp).poll_shutdown(cx)
    }
}

pub struct Visitor {
    /// The connection: one may carry several visitors' channels (as `ssh -M` and `ssh -S`).
    pub ssh: Arc<client::Handle<Client>>,
    pub client: Client,
    pub ch: russh::Channel<client::Msg>,
    pub vt: vt100::Parser,
    /// Every byte of the screen output, for the sequences vt100 does not keep (OSC 52, 8).
    pub raw: Vec<u8>,
    pub stderr: Vec<u8>,
    pub replies: Vec<bool>,
    pub exit: Option<u32>,
    pub closed: bool,
}

impl Visitor {
    /// Opens a session channel, without asking for anything yet.
    pub async fn channel(addr: SocketAddr) -> Visitor {
        let (ssh, client) = login(addr).await;
        Visitor::channel_on(ssh, client).await
    }

    pub async fn channel_on(
        ssh: impl Into<Arc<client::Handle<Client>>>,
        client: Client,
    ) -> Visitor {
        let ssh = ssh.into();
        let ch = ssh.channel_open_session().await.expect("a session channel");
        Visitor {
            ssh,
            client,
            ch,
            vt: vt100::Parser::new(nz(24), nz(80), 0),
            raw: Vec::new(),
            stderr: Vec::new(),
            replies: Vec::new(),
            exit: None,
            closed: false,
        }
    }

    /// A visitor at 80 x 24 from the local address `from`.
    pub async fn open_from(from: &str, addr: SocketAddr) -> Visitor {
        let (ssh, client) = login_from(from, addr).await;
        Visitor::open_on(ssh, client, None, 80, 24).await
    }

    /// The same, with the plug to pull ([`Pause::cut`]): a client that is gone (its process
    /// killed: a reset, not a goodbye) while the server still holds back bytes it sent. (A
    /// dropped russh client would wait to send them, and a closed socket's end comes only
    /// after all it still has to send.)
    pub async fn open_cuttable(from: &str, addr: SocketAddr) -> (Visitor, Arc<Pause>) {
        let tcp = tcp_from(from.parse().unwrap(), addr).await.unwrap();
        tcp.set_zero_linger().unwrap();
        let stream = Pausable::new(tcp);
        let plug = stream.paused.clone();
        let (ssh, client) = login_over(stream).await;
        (Visitor::open_on(ssh, client, None, 80, 24).await, plug)
    }

    /// Goes to page `n` (a digit) and waits until it is on screen: the walkthrough answers.
    pub async fn goes_to(&mut self, n: u8) {
        self.press(&[b'0' + n]).await;
        self.sees(&step(n)).await;
    }

    /// What `ssh -t host` does: LANG (when given), a PTY of `cols` x `rows`, a shell.
    pub async fn open(addr: SocketAddr, lang: Option<&str>, cols: u16, rows: u16) -> Visitor {
        let (ssh, client) = login(addr).await;
        Visitor::open_on(ssh, client, lang, cols, rows).await
    }

    pub async fn open_on(
        ssh: impl Into<Arc<client::Handle<Client>>>,
        client: Client,
        lang: Option<&str>,
        cols: u16,
        rows: u16,
    ) -> Visitor {
        let mut v = Visitor::channel_on(ssh, client).await;
        if let Some(lang) = lang {
            v.ch.set_env(false, "LANG", lang).await.unwrap();
        }
        v.vt.set_size(nz(rows), nz(cols));
        v.ch.request_pty(true, "xterm-256color", cols.into(), rows.into(), 0, 0, &[])
            .await
            .unwrap();
        v.ch.request_shell(true).await.unwrap();
        v
    }

    /// What `ssh -t user@host` does, with `user` perhaps a code (`kijk-483920`).
    pub async fn open_as(
        addr: SocketAddr,
        user: &str,
        lang: Option<&str>,
        cols: u16,
        rows: u16,
    ) -> Visitor {
        let tcp = tokio::net::TcpStream::connect(addr).await.unwrap();
        let (mut ssh, client) = connect_over(Pausable::new(tcp), client::Config::default()).await;
        assert!(login_as(&mut ssh, user).await, "no password needed");
        Visitor::open_on(ssh, client, lang, cols, rows).await
    }

    /// The same from the local address `from`; `None` when the server turned the connection
    /// away before any SSH (a rate limit).
    pub async fn try_open_as_from(
        from: &str,
        addr: SocketAddr,
        user: &str,
        lang: Option<&str>,
    ) -> Option<Visitor> {
        let tcp = tcp_from(from.parse().unwrap(), addr).await.unwrap();
        let (mut ssh, client) =
            try_connect_over(Pausable::new(tcp), client::Config::default()).await?;
        assert!(login_as(&mut ssh, user).await, "no password needed");
        Some(Visitor::open_on(ssh, client, lang, 80, 24).await)
    }

    /// What `ssh -t -i KEY host` does: logs in with a public key.
    pub async fn open_with_key(
        addr: SocketAddr,
        key: &russh::keys::PrivateKey,
        lang: Option<&str>,
        cols: u16,
        rows: u16,
    ) -> Visitor {
        let tcp = tokio::net::TcpStream::connect(addr).await.unwrap();
        let (mut ssh, client) = connect_over(Pausable::new(tcp), client::Config::default()).await;
        let key = russh::keys::PrivateKeyWithHashAlg::new(Arc::new(key.clone()), None);
        let auth = ssh.authenticate_publickey("oma", key).await.unwrap();
        assert!(auth.success(), "any key gets in");
        Visitor::open_on(ssh, client, lang, cols, rows).await
    }

    /// Reads what the server sends for `time`, whatever it is (to see that nothing comes).
    pub async fn drain(&mut self, time: Duration) {
        let deadline = Instant::now() + time;
        while !self.closed {
            match timeout_at(deadline, self.ch.wait()).await {
                Err(_) => return,
                Ok(msg) => self.take(msg),
            }
        }
    }

    /// The whole line on screen that contains `text`, trimmed.
    pub fn line_with(&self, text: &str) -> Option<String> {
        let (rows, _) = self.vt.screen().size();
        (0..rows.get())
            .map(|y| self.row(y))
            .find(|r| r.contains(text))
            .map(|r| r.trim().trim_matches('│').trim().to_owned())
    }

    /// The code on screen after one of `words` and a hyphen (`kijk-483920`,
    /// `terug-4839-2017`): its digits, and the user name as shown.
    pub fn code_after(&self, words: &[&str]) -> Option<(String, String)> {
        let text = self.text();
        words.iter().find_map(|w| {
            let at = text.find(&format!("{w}-"))?;
            let user: String = text[at..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            let digits: String = user[w.len()..]
                .chars()
                .filter(char::is_ascii_digit)
                .collect();
            Some((digits, user))
        })
    }

    /// Reads what the server sends until `done` holds, or fails the test with the screen.
    pub async fn until(&mut self, what: &str, done: impl Fn(&Visitor) -> bool) {
        let deadline = Instant::now() + WAIT;
        while !done(self) {
            if self.closed {
                panic!("closed before {what}; screen:\n{}", self.text());
            }
            match timeout_at(deadline, self.ch.wait()).await {
                Err(_) => panic!("no {what} in time; screen:\n{}", self.text()),
                Ok(msg) => self.take(msg),
            }
        }
    }

    pub fn take(&mut self, msg: Option<ChannelMsg>) {
        match msg {
            Some(ChannelMsg::Data { data }) => {
                self.vt.process(&data);
                self.raw.extend_from_slice(&data);
            }
            Some(ChannelMsg::ExtendedData { data, .. }) => self.stderr.extend_from_slice(&data),
            Some(ChannelMsg::ExitStatus { exit_status }) => self.exit = Some(exit_status),
            Some(ChannelMsg::Success) => self.replies.push(true),
            Some(ChannelMsg::Failure) => self.replies.push(false),
            Some(ChannelMsg::Close) | None => self.closed = true,
            Some(_) => {}
        }
    }

    pub async fn sees(&mut self, text: &str) {
        let what = format!("{text:?} on screen");
        self.until(&what, |v| v.text().contains(text)).await;
    }

    pub async fn closes(&mut self) {
        self.until("the end of the session", |v| v.closed).await;
    }

    pub async fn press(&mut self, bytes: &[u8]) {
        self.ch.data_bytes(bytes.to_vec()).await.unwrap();
    }

    pub async fn resize(&mut self, cols: u16, rows: u16) {
        self.vt.set_size(nz(rows), nz(cols));
        self.ch
            .window_change(cols.into(), rows.into(), 0, 0)
            .await
            .unwrap();
    }

    pub fn text(&self) -> String {
        self.vt.screen().contents()
    }

    pub fn row(&self, y: u16) -> String {
        let (_, cols) = self.vt.screen().size();
        self.vt
            .screen()
            .rows(0, cols.get())
            .nth(usize::from(y))
            .unwrap()
    }

    /// Where `text` is on screen: row and column (of its first character).
    pub fn find(&self, text: &str) -> Option<(u16, u16)> {
        let (rows, _) = self.vt.screen().size();
        (0..rows.get()).find_map(|y| {
            let row = self.row(y);
            let byte = row.find(text)?;
            Some((y, row[..byte].chars().count() as u16))
        })
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.stderr).into_owned()
    }

    /// Reads the QR code off the screen, module by module, and decodes it like a phone.
    pub fn qr(&self) -> Option<String> {
        let screen = self.vt.screen();
        let (rows, cols) = screen.size();
        let (rows, cols) = (rows.get(), cols.get());
        let module = |r: u16, c: u16| -> Option<(bool, bool)> {
            let cell = screen.cell(r, c)?;
            let dark = |color| match color {
                vt100::Color::Idx(16) => Some(true),
                vt100::Color::Idx(231) => Some(false),
                _ => None,
            };
            if cell.contents() != "▀" {
                return None;
            }
            Some((dark(cell.fgcolor())?, dark(cell.bgcolor())?))
        };
        let (top, left) = (0..rows)
            .flat_map(|r| (0..cols).map(move |c| (r, c)))
            .find(|&(r, c)| module(r, c).is_some())?;
        let size = (left..cols)
            .take_while(|&c| module(top, c).is_some())
            .count();
        let height = (top..rows)
            .take_while(|&r| module(r, left).is_some())
            .count();
        let mut dark = vec![false; size * height * 2];
        for row in 0..height {
            for x in 0..size {
                let (upper, lower) = module(top + row as u16, left + x as u16)?;
                dark[2 * row * size + x] = upper;
                dark[(2 * row + 1) * size + x] = lower;
            }
        }
        const PX: usize = 4;
        let mut img = rqrr::PreparedImage::prepare_from_greyscale(size * PX, size * PX, |x, y| {
            let i = (y / PX) * size + x / PX;
            if dark.get(i).copied().unwrap_or(false) {
                0
            } else {
                255
            }
        });
        let grids = img.detect_grids();
        Some(grids.first()?.decode().ok()?.1)
    }
}

pub fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).unwrap()
}

/// "https://www.facebook.com/…" as OSC 52 puts it on the clipboard.
pub fn osc52(text: &str) -> String {
    bezwaar::links::osc52(text)
}

/// Waits (bounded) for the server to close the connection, and returns what it said.
pub async fn closed_with(client: &Client) -> String {
    let deadline = Instant::now() + WAIT;
    while Instant::now() < deadline {
        if let Some(said) = client.disconnect.lock().unwrap().clone() {
            return said;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("the server did not close the connection");
}

/// The server's resident memory in KiB.
pub fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

pub fn fingerprint(log: &str) -> String {
    let (_, rest) = log
        .split_once("fingerprint ")
        .expect("the fingerprint is logged");
    rest.split_whitespace().next().unwrap().to_owned()
}

/// Connects with plain TCP and reads what the server says first, up to a line end or close.
pub async fn first_line(addr: SocketAddr) -> String {
    let mut tcp = tokio::net::TcpStream::connect(addr).await.unwrap();
    let mut all = Vec::new();
    let _ = timeout(
        WAIT,
        tokio::io::AsyncReadExt::read_to_end(&mut tcp, &mut all),
    )
    .await;
    String::from_utf8_lossy(&all)
        .lines()
        .next()
        .unwrap_or("")
        .to_owned()
}

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

/// An SSH binary packet before any encryption (RFC 4253, section 6).
pub fn plain_packet(payload: &[u8]) -> Vec<u8> {
    let mut padding = 8 - (5 + payload.len()) % 8;
    if padding < 4 {
        padding += 8;
    }
    let length = (1 + payload.len() + padding) as u32;
    let mut out = length.to_be_bytes().to_vec();
    out.push(padding as u8);
    out.extend_from_slice(payload);
    out.extend(std::iter::repeat_n(0u8, padding));
    out
}

/// A client's first words: its banner and a KEXINIT (curve25519, ed25519, no strict key
/// exchange), after which a real client would go on with the key exchange.
pub fn banner_and_kexinit() -> Vec<u8> {
    let mut payload = vec![20u8];
    payload.extend([7u8; 16]);
    for list in [
        "curve25519-sha256",
        "ssh-ed25519",
        "chacha20-poly1305@openssh.com",
        "chacha20-poly1305@openssh.com",
        "hmac-sha2-256",
        "hmac-sha2-256",
        "none",
        "none",
        "",
        "",
    ] {
        payload.extend((list.len() as u32).to_be_bytes());
        payload.extend(list.as_bytes());
    }
    payload.push(0);
    payload.extend(0u32.to_be_bytes());
    let mut out = b"SSH-2.0-stuck\r\n".to_vec();
    out.extend(plain_packet(&payload));
    out
}

/// SSH_MSG_IGNORE with nothing in it: allowed at any time, and it keeps a connection "busy".
pub fn ignore_packet() -> Vec<u8> {
    plain_packet(&[2, 0, 0, 0, 0])
}

/// Whether the other side has closed `tcp` (or reset it), waiting at most `within`.
pub async fn closed_within(tcp: &mut tokio::net::TcpStream, within: Duration) -> bool {
    use tokio::io::AsyncReadExt;
    let deadline = Instant::now() + within;
    let mut buf = [0u8; 4096];
    loop {
        match tokio::time::timeout_at(deadline, tcp.read(&mut buf)).await {
            Err(_) => return false,
            Ok(Ok(0)) | Ok(Err(_)) => return true,
            Ok(Ok(_)) => {}
        }
    }
}

/// Bytes the kernel received (`ss -ti`) on the server's sockets from `from`, and bytes of them the
/// server read.
pub fn received_and_read(server: SocketAddr, from: impl Fn(IpAddr) -> bool) -> (u64, u64) {
    let out = Command::new("ss")
        .args(["-tinH", "state", "established"])
        .arg(format!("( sport = :{} )", server.port()))
        .output()
        .expect("ss runs");
    let text = String::from_utf8_lossy(&out.stdout);
    let (mut received, mut read) = (0, 0);
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let cols: Vec<&str> = line.split_whitespace().collect();
        let Some(info) = lines.next() else { break };
        let [queued, _, _, peer] = cols[..] else {
            panic!("ss: {line}")
        };
        let peer: SocketAddr = peer.parse().expect("a peer address");
        if !from(peer.ip()) {
            continue;
        }
        let queued: u64 = queued.parse().unwrap();
        let got: u64 = info
            .split_whitespace()
            .find_map(|f| f.strip_prefix("bytes_received:"))
            .map_or(0, |n| n.parse().unwrap());
        received += got;
        read += got - queued;
    }
    (received, read)
}
