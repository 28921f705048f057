//! `bezwaar serve` as visitors meet it: the real binary on 127.0.0.1 (port 0), driven by
//! russh's SSH client, with the visitor's screen rebuilt from the bytes by vt100. Each test
//! checks what a visitor would notice: what is on their screen, what their ssh prints, how it
//! ends. Where the OpenSSH client is installed, `ssh host id` is tried with it too.
//!
//! Every wait here is bounded: a server that misbehaves fails a test, never hangs it.

use std::io::{BufRead, BufReader, Read};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use russh::ChannelMsg;
use russh::client;
use russh::keys::PublicKeyOrCertificate;
use tokio::time::{Instant, timeout, timeout_at};

const FACEBOOK: &str = "https://www.facebook.com/help/contact/712876720715583";
/// A week before the deadline: the countdown page counts down.
const BEFORE: &str = "2025-05-20T11:56:55+02:00";
const WAIT: Duration = Duration::from_secs(15);

// ---------------------------------------------------------------------------------------
// The server: the real binary.

struct Server {
    child: Child,
    addr: SocketAddr,
    log: Arc<Mutex<String>>,
    dir: tempfile::TempDir,
}

impl Server {
    fn start(extra: &[&str]) -> Server {
        let dir = tempfile::tempdir().unwrap();
        Server::start_in(dir, extra)
    }

    fn start_in(dir: tempfile::TempDir, extra: &[&str]) -> Server {
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

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    fn key_path(&self) -> PathBuf {
        self.dir.path().join("host_key")
    }

    /// SIGTERM, then the exit status (within a bound).
    fn terminate(&mut self) -> ExitStatus {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
        assert!(sent.success());
        wait_exit(&mut self.child, WAIT).expect("the server exits after SIGTERM")
    }

    /// Waits (bounded) until the log has `what`.
    async fn log_has(&self, what: &str) -> bool {
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

fn wait_exit(child: &mut Child, limit: Duration) -> Option<ExitStatus> {
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
struct Client {
    /// What the server said when it closed the connection.
    disconnect: Arc<Mutex<Option<String>>>,
}

impl client::Handler for Client {
    type Error = russh::Error;

    async fn check_server_key(
        &mut self,
        _key: &PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
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
async fn login(addr: SocketAddr) -> (client::Handle<Client>, Client) {
    let tcp = tokio::net::TcpStream::connect(addr).await.unwrap();
    login_over(Pausable::new(tcp)).await
}

async fn login_over(stream: Pausable) -> (client::Handle<Client>, Client) {
    let config = Arc::new(client::Config::default());
    let client = Client::default();
    let mut ssh = timeout(WAIT, client::connect_stream(config, stream, client.clone()))
        .await
        .expect("connected in time")
        .expect("connected");
    let auth = ssh.authenticate_none("oma").await.expect("login answered");
    assert!(auth.success(), "no password needed");
    (ssh, client)
}

/// A TCP stream whose reading can be paused: a visitor whose machine stops taking data
/// (a frozen laptop, a dead link) while the server still has frames for it.
struct Pausable {
    tcp: tokio::net::TcpStream,
    paused: Arc<Pause>,
}

#[derive(Default)]
struct Pause {
    on: std::sync::atomic::AtomicBool,
    waker: Mutex<Option<std::task::Waker>>,
}

impl Pause {
    fn set(&self, on: bool) {
        self.on.store(on, std::sync::atomic::Ordering::SeqCst);
        if let Some(w) = self.waker.lock().unwrap().take() {
            w.wake();
        }
    }
}

impl Pausable {
    fn new(tcp: tokio::net::TcpStream) -> Pausable {
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
        if self.paused.on.load(std::sync::atomic::Ordering::SeqCst) {
            *self.paused.waker.lock().unwrap() = Some(cx.waker().clone());
            return std::task::Poll::Pending;
        }
        std::pin::Pin::new(&mut self.tcp).poll_read(cx, buf)
    }
}

impl tokio::io::AsyncWrite for Pausable {
    fn poll_write(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &[u8],
    ) -> std::task::Poll<std::io::Result<usize>> {
        std::pin::Pin::new(&mut self.tcp).poll_write(cx, buf)
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

struct Visitor {
    ssh: client::Handle<Client>,
    client: Client,
    ch: russh::Channel<client::Msg>,
    vt: vt100::Parser,
    /// Every byte of the screen output, for the sequences vt100 does not keep (OSC 52, 8).
    raw: Vec<u8>,
    stderr: Vec<u8>,
    replies: Vec<bool>,
    exit: Option<u32>,
    closed: bool,
}

impl Visitor {
    /// Opens a session channel, without asking for anything yet.
    async fn channel(addr: SocketAddr) -> Visitor {
        let (ssh, client) = login(addr).await;
        Visitor::channel_on(ssh, client).await
    }

    async fn channel_on(ssh: client::Handle<Client>, client: Client) -> Visitor {
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

    /// What `ssh -t host` does: LANG (when given), a PTY of `cols` x `rows`, a shell.
    async fn open(addr: SocketAddr, lang: Option<&str>, cols: u16, rows: u16) -> Visitor {
        let (ssh, client) = login(addr).await;
        Visitor::open_on(ssh, client, lang, cols, rows).await
    }

    async fn open_on(
        ssh: client::Handle<Client>,
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

    /// Reads what the server sends until `done` holds, or fails the test with the screen.
    async fn until(&mut self, what: &str, done: impl Fn(&Visitor) -> bool) {
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

    fn take(&mut self, msg: Option<ChannelMsg>) {
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

    async fn sees(&mut self, text: &str) {
        let what = format!("{text:?} on screen");
        self.until(&what, |v| v.text().contains(text)).await;
    }

    async fn closes(&mut self) {
        self.until("the end of the session", |v| v.closed).await;
    }

    async fn press(&mut self, bytes: &[u8]) {
        self.ch.data_bytes(bytes.to_vec()).await.unwrap();
    }

    async fn resize(&mut self, cols: u16, rows: u16) {
        self.vt.set_size(nz(rows), nz(cols));
        self.ch
            .window_change(cols.into(), rows.into(), 0, 0)
            .await
            .unwrap();
    }

    fn text(&self) -> String {
        self.vt.screen().contents()
    }

    fn row(&self, y: u16) -> String {
        let (_, cols) = self.vt.screen().size();
        self.vt
            .screen()
            .rows(0, cols.get())
            .nth(usize::from(y))
            .unwrap()
    }

    /// Where `text` is on screen: row and column (of its first character).
    fn find(&self, text: &str) -> Option<(u16, u16)> {
        let (rows, _) = self.vt.screen().size();
        (0..rows.get()).find_map(|y| {
            let row = self.row(y);
            let byte = row.find(text)?;
            Some((y, row[..byte].chars().count() as u16))
        })
    }

    fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.stderr).into_owned()
    }

    /// Reads the QR code off the screen, module by module, and decodes it like a phone.
    fn qr(&self) -> Option<String> {
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

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).unwrap()
}

/// "https://www.facebook.com/…" as OSC 52 puts it on the clipboard.
fn osc52(text: &str) -> String {
    bezwaar::links::osc52(text)
}

// ---------------------------------------------------------------------------------------
// The tests.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_first_page_arrives_in_the_visitors_language() {
    let server = Server::start(&[]);
    let mut en = Visitor::open(server.addr, Some("en_US.UTF-8"), 80, 24).await;
    en.sees("Step 1 of 6").await;
    assert!(en.text().contains("Object to Meta’s AI training"));
    assert!(en.row(23).contains("q quit"), "the footer on the last row");
    let screen = en.vt.screen();
    assert!(screen.alternate_screen(), "drawn on the alternate screen");
    assert!(screen.hide_cursor(), "no cursor blinking in the text");

    let mut nl = Visitor::open(server.addr, Some("nl_NL.UTF-8"), 80, 24).await;
    nl.sees("Stap 1 van 6").await;

    // No LANG sent, or one that is neither: the server's --lang (Dutch unless told).
    let mut none = Visitor::open(server.addr, None, 80, 24).await;
    none.sees("Stap 1 van 6").await;
    let english = Server::start(&["--lang", "en"]);
    let mut de = Visitor::open(english.addr, Some("de_DE.UTF-8"), 80, 24).await;
    de.sees("Step 1 of 6").await;
    let mut nl = Visitor::open(english.addr, Some("nl_BE.UTF-8"), 80, 24).await;
    nl.sees("Stap 1 van 6").await;

    // The log counts sessions and says nothing of the visitor.
    assert!(server.log_has("session started (3 active)").await);
    let log = server.log();
    for private in ["oma", "en_US", "nl_NL", "127.0.0.1:"] {
        let listening = log.lines().filter(|l| !l.contains("listening on"));
        assert!(
            listening.clone().all(|l| !l.contains(private)),
            "{private} in the log:\n{log}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keys_work_and_quitting_leaves_the_terminal_clean() {
    let server = Server::start(&["--now", BEFORE]);
    let mut v = Visitor::open(server.addr, Some("en_GB.UTF-8"), 80, 24).await;
    v.sees("Step 1 of 6").await;

    // A digit jumps to that page: the deadline, with a live countdown.
    v.press(b"3").await;
    v.sees("Step 3 of 6").await;
    v.sees("seconds left.").await;
    let first = v.text();
    v.until("the countdown to tick", |v| {
        v.text() != first && v.text().contains("seconds left.")
    })
    .await;

    // Arrows are escape sequences: → goes on to the log-in page.
    v.press(b"\x1b[C").await;
    v.sees("Step 4 of 6").await;
    // A click on the form link (SGR mouse report, as the visitor's terminal sends it): the
    // link panel, with the URL in full and a QR code that a phone can read.
    v.sees("Open the Facebook form").await;
    let (row, col) = v.find("Open the Facebook form").unwrap();
    let click = format!(
        "\x1b[<0;{};{}M\x1b[<0;{};{}m",
        col + 1,
        row + 1,
        col + 1,
        row + 1
    );
    v.press(click.as_bytes()).await;
    v.sees("Scan the QR code").await;
    assert!(v.text().contains(FACEBOOK));
    assert_eq!(v.qr().as_deref(), Some(FACEBOOK), "the QR code scans");
    // The URL is an OSC 8 hyperlink too.
    let osc8 = format!("\x1b]8;;{FACEBOOK}\x1b\\");
    assert!(String::from_utf8_lossy(&v.raw).contains(&osc8));
    // c: the link goes to the visitor's own clipboard (OSC 52).
    v.press(b"c").await;
    let copy = osc52(FACEBOOK);
    v.until("the OSC 52 copy", |v| {
        String::from_utf8_lossy(&v.raw).contains(&copy)
    })
    .await;
    // A lone Esc closes the panel (and does not quit).
    v.press(b"\x1b").await;
    v.until("the panel to close", |v| v.qr().is_none()).await;
    assert!(v.text().contains("Step 4 of 6"));
    // ← back, L switches to Dutch.
    v.press(b"\x1b[D").await;
    v.sees("Step 3 of 6").await;
    v.press(b"L").await;
    v.sees("Stap 3 van 6").await;

    // q: the terminal is put back, with a goodbye in the language on screen.
    v.press(b"q").await;
    v.closes().await;
    let screen = v.vt.screen();
    assert!(!screen.alternate_screen(), "back on the main screen");
    assert!(!screen.hide_cursor(), "the cursor is back");
    assert!(v.text().contains("Tot ziens"), "{}", v.text());
    assert_eq!(v.exit, Some(0));
    assert!(server.log_has("session ended: quit (0 active)").await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_window_change_redraws_at_the_new_size() {
    let server = Server::start(&[]);
    let mut v = Visitor::open(server.addr, Some("en_US.UTF-8"), 80, 24).await;
    v.sees("Step 1 of 6").await;
    // The rule under the stepper, drawn where the layout puts it at the window's size.
    let rule = |v: &Visitor, cols: u16, rows: u16| {
        let area = bezwaar::ui::areas((cols, rows)).unwrap().rule;
        let row = v.row(area.y);
        let drawn: String = row.chars().skip(usize::from(area.x)).collect();
        drawn.trim_end() == "─".repeat(usize::from(area.width))
    };
    assert!(rule(&v, 80, 24), "{}", v.text());

    v.resize(120, 40).await;
    v.until("the layout at 120 x 40", |v| rule(v, 120, 40))
        .await;
    v.until("the footer on row 40", |v| v.row(39).contains("q quit"))
        .await;
    assert!(v.row(0).contains("Step 1 of 6"));

    v.resize(30, 10).await;
    v.sees("too small").await;
    v.resize(80, 24).await;
    v.until("the page again at 80 x 24", |v| {
        rule(v, 80, 24) && v.row(0).contains("Step 1 of 6") && v.row(23).contains("q quit")
    })
    .await;
    assert!(!v.text().contains("too small"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn commands_subsystems_and_shells_without_a_terminal_are_refused() {
    let server = Server::start(&["--lang", "en"]);

    // `ssh host id`
    let mut v = Visitor::channel(server.addr).await;
    v.ch.exec(true, "id").await.unwrap();
    v.closes().await;
    assert!(
        v.stderr().contains("bezwaar runs no commands"),
        "{}",
        v.stderr()
    );
    assert!(v.raw.is_empty(), "nothing on stdout: nothing ran");
    assert_eq!(v.exit, Some(1));

    // `ssh -t host id`: a terminal does not make a command run.
    let mut v = Visitor::channel(server.addr).await;
    v.ch.request_pty(true, "xterm", 80, 24, 0, 0, &[])
        .await
        .unwrap();
    v.ch.exec(true, "id").await.unwrap();
    v.closes().await;
    assert!(v.stderr().contains("runs no commands"));
    assert!(!String::from_utf8_lossy(&v.raw).contains("uid="));

    // `sftp host`
    let mut v = Visitor::channel(server.addr).await;
    v.ch.request_subsystem(true, "sftp").await.unwrap();
    v.closes().await;
    assert!(v.stderr().contains("no sftp"), "{}", v.stderr());
    assert_eq!(v.exit, Some(1));

    // `ssh -T host`: a shell without a terminal.
    let mut v = Visitor::channel(server.addr).await;
    v.ch.request_shell(true).await.unwrap();
    v.closes().await;
    assert!(v.stderr().contains("needs a terminal"), "{}", v.stderr());
    assert!(server.log_has("refused a shell without a terminal").await);

    // The same with the OpenSSH client, where there is one.
    let Some(ssh) = which("ssh") else {
        eprintln!("no OpenSSH client here: skipped its part");
        return;
    };
    let mut child = Command::new(ssh)
        .args(openssh_args(server.addr))
        .args(["-o", "SendEnv=LANG", "localhost", "id"])
        .env("LANG", "en_US.UTF-8")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let status = wait_exit(&mut child, WAIT).expect("ssh ends");
    let (mut out, mut err) = (String::new(), String::new());
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert_eq!(out, "", "ssh localhost id printed nothing: nothing ran");
    assert!(err.contains("bezwaar runs no commands"), "{err}");
    assert_eq!(status.code(), Some(1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forwarding_is_refused() {
    let server = Server::start(&["--lang", "en"]);

    // `ssh -L`: a direct-tcpip channel on a connection with nothing else going on. Refused,
    // and the connection closed with the reason.
    let (ssh, client) = login(server.addr).await;
    let opened = ssh
        .channel_open_direct_tcpip(
            "127.0.0.1",
            u32::from(server.addr.port()),
            "127.0.0.1",
            5000,
        )
        .await;
    assert!(opened.is_err(), "no channel to forward through");
    let said = closed_with(&client).await;
    assert!(said.contains("forwards nothing"), "{said}");

    // `ssh -R`
    let (ssh, client) = login(server.addr).await;
    assert!(ssh.tcpip_forward("127.0.0.1", 0).await.is_err());
    assert!(closed_with(&client).await.contains("forwards nothing"));

    // Agent and X11 forwarding asked for by a visitor's ssh config: answered no, and the
    // walkthrough still comes.
    let mut v = Visitor::channel(server.addr).await;
    v.ch.agent_forward(true).await.unwrap();
    v.ch.request_x11(true, false, "MIT-MAGIC-COOKIE-1", "00ff", 0)
        .await
        .unwrap();
    v.ch.request_pty(true, "xterm", 80, 24, 0, 0, &[])
        .await
        .unwrap();
    v.ch.request_shell(true).await.unwrap();
    v.sees("Step 1 of 6").await;
    assert_eq!(
        &v.replies[..3],
        &[false, false, true],
        "agent no, X11 no, PTY yes"
    );

    // A forward tried during a walkthrough is refused; the walkthrough goes on.
    let opened = v
        .ssh
        .channel_open_direct_tcpip("127.0.0.1", 22, "127.0.0.1", 5000)
        .await;
    assert!(opened.is_err());
    v.press(b"2").await;
    v.sees("Step 2 of 6").await;
    assert!(v.client.disconnect.lock().unwrap().is_none());
    assert!(server.log_has("refused local port forwarding").await);
}

/// Waits (bounded) for the server to close the connection, and returns what it said.
async fn closed_with(client: &Client) -> String {
    let deadline = Instant::now() + WAIT;
    while Instant::now() < deadline {
        if let Some(said) = client.disconnect.lock().unwrap().clone() {
            return said;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("the server did not close the connection");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn max_sessions_is_enforced() {
    let server = Server::start(&["--max-sessions", "2", "--lang", "en"]);
    let mut a = Visitor::open(server.addr, None, 80, 24).await;
    let mut b = Visitor::open(server.addr, None, 80, 24).await;
    a.sees("Step 1 of 6").await;
    b.sees("Step 1 of 6").await;

    let mut c = Visitor::open(server.addr, Some("en_US.UTF-8"), 80, 24).await;
    c.closes().await;
    assert!(
        c.text().contains("Busy, try again in a minute."),
        "{}",
        c.text()
    );
    assert!(!c.text().contains("Step 1"));
    assert_eq!(c.exit, Some(1));
    let mut d = Visitor::open(server.addr, Some("nl_NL.UTF-8"), 80, 24).await;
    d.closes().await;
    assert!(d.text().contains("Probeer het over een minuut opnieuw"));
    assert!(server.log_has("refused a session: busy").await);

    // When one leaves, the next gets in.
    a.press(b"q").await;
    a.closes().await;
    assert!(server.log_has("(1 active)").await);
    let mut e = Visitor::open(server.addr, None, 80, 24).await;
    e.sees("Step 1 of 6").await;
    b.press(b"2").await;
    b.sees("Step 2 of 6").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_session_is_closed_and_a_busy_one_is_not() {
    let server = Server::start(&["--idle-timeout", "2", "--lang", "en"]);
    let mut idle = Visitor::open(server.addr, None, 80, 24).await;
    let mut busy = Visitor::open(server.addr, None, 80, 24).await;
    idle.sees("Step 1 of 6").await;
    busy.sees("Step 1 of 6").await;
    let since = Instant::now();
    // The busy one presses a key every half second for three seconds.
    for page in [b"2", b"1", b"2", b"1", b"2", b"1"] {
        tokio::time::sleep(Duration::from_millis(500)).await;
        busy.press(page).await;
    }
    busy.sees("Step 1 of 6").await;
    idle.closes().await;
    let took = since.elapsed();
    assert!(
        took >= Duration::from_millis(1500),
        "closed too soon: {took:?}"
    );
    assert!(
        idle.text()
            .contains("You did nothing for 2 seconds, so the walkthrough stopped."),
        "{}",
        idle.text()
    );
    assert!(!idle.vt.screen().alternate_screen());
    assert!(!busy.closed, "pressing keys keeps a session open");
    // Then the busy one stops, and is closed in turn.
    busy.closes().await;
    assert!(server.log_has("session ended: idle (0 active)").await);
}

/// The server's resident memory in KiB.
fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_visitor_who_stops_reading_holds_up_nobody() {
    // The idle timeout is also how long a frame may wait to go out (at most a minute).
    let server = Server::start(&["--idle-timeout", "6", "--lang", "en"]);
    let tcp = tokio::net::TcpStream::connect(server.addr).await.unwrap();
    let stream = Pausable::new(tcp);
    let pause = stream.paused.clone();
    let (ssh, client) = login_over(stream).await;
    let mut slow = Visitor::open_on(ssh, client, None, 80, 24).await;
    let mut other = Visitor::open(server.addr, None, 80, 24).await;
    other.sees("Step 1 of 6").await;
    // The slow visitor opens the link panel: its QR code makes every frame large.
    slow.press(b"4").await;
    slow.sees("Open the Facebook form").await;
    let (row, col) = slow.find("Open the Facebook form").unwrap();
    let click = format!("\x1b[<0;{};{}M", col + 1, row + 1);
    slow.press(click.as_bytes()).await;
    slow.sees("Scan the QR code").await;
    let before = rss_kib(server.child.id());

    // Then their machine stops taking data, while their window keeps changing size: each
    // change is a whole new frame the server cannot deliver.
    pause.set(true);
    let flood = tokio::spawn(async move {
        let until = Instant::now() + Duration::from_secs(3);
        let mut asked = 0u32;
        while Instant::now() < until {
            let cols = 80 + asked % 2;
            let sent = timeout(
                Duration::from_millis(500),
                slow.ch.window_change(cols, 24, 0, 0),
            )
            .await;
            if !matches!(sent, Ok(Ok(()))) {
                break;
            }
            asked += 1;
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        (slow, asked)
    });

    // Meanwhile the other visitor's keys come back at once.
    for page in [b'2', b'3', b'1', b'2', b'3', b'1'] {
        tokio::time::sleep(Duration::from_millis(400)).await;
        let pressed = Instant::now();
        other.press(&[page]).await;
        other.sees(&format!("Step {} of 6", page - b'0')).await;
        let took = pressed.elapsed();
        assert!(took < Duration::from_secs(1), "a key took {took:?}");
    }
    let (_slow, asked) = flood.await.unwrap();
    assert!(
        asked > 10,
        "the slow visitor's window changed {asked} times"
    );

    // The server ends the walkthrough that cannot be delivered (no key comes through any
    // more, or a frame cannot go out: whichever it notices first), and keeps nothing of it.
    let deadline = Instant::now() + WAIT;
    let ended = |log: &str| {
        log.contains("session ended: stopped reading (1 active)")
            || log.contains("session ended: idle (1 active)")
    };
    // Meanwhile the other visitor goes on reading and pressing keys.
    let mut page = 1;
    while !ended(&server.log()) && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(500)).await;
        page = 3 - page;
        other.press(format!("{page}").as_bytes()).await;
        other.sees(&format!("Step {page} of 6")).await;
    }
    assert!(
        ended(&server.log()),
        "the slow session ended: {}",
        server.log()
    );
    let grown = rss_kib(server.child.id()).saturating_sub(before);
    assert!(grown < 16 * 1024, "the server grew by {grown} KiB");
    assert!(!other.closed);
    pause.set(false);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_says_goodbye_to_everyone_and_exits_0() {
    let mut server = Server::start(&["--lang", "en"]);
    let first_key = fingerprint(&server.log());
    let mut a = Visitor::open(server.addr, None, 80, 24).await;
    let mut b = Visitor::open(server.addr, Some("nl_NL.UTF-8"), 80, 24).await;
    a.sees("Step 1 of 6").await;
    b.sees("Stap 1 van 6").await;

    let status = server.terminate();
    assert_eq!(status.code(), Some(0), "{}", server.log());
    a.closes().await;
    b.closes().await;
    assert!(
        a.text().contains("The server is stopping now."),
        "{}",
        a.text()
    );
    assert!(b.text().contains("De server stopt nu."));
    assert!(!a.vt.screen().alternate_screen() && !a.vt.screen().hide_cursor());
    let log = server.log();
    assert!(
        log.contains("SIGTERM: stopping; saying goodbye to 2 session(s)"),
        "{log}"
    );
    assert!(log.trim_end().ends_with("stopped"), "{log}");

    // The host key was made once, 0600, and is the same key at the next start.
    assert!(log.contains("made a new host key"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(server.key_path())
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let dir = std::mem::replace(&mut server.dir, tempfile::tempdir().unwrap());
    let again = Server::start_in(dir, &[]);
    assert!(!again.log().contains("made a new host key"));
    assert_eq!(fingerprint(&again.log()), first_key);
}

fn fingerprint(log: &str) -> String {
    let (_, rest) = log
        .split_once("fingerprint ")
        .expect("the fingerprint is logged");
    rest.split_whitespace().next().unwrap().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn too_many_connections_from_one_address_are_turned_away() {
    let server = Server::start(&["--per-minute", "3", "--lang", "en"]);
    let mut kept = Vec::new();
    for _ in 0..3 {
        kept.push(login(server.addr).await);
    }
    // The fourth within the minute gets one line and a close, before any SSH.
    let line = first_line(server.addr).await;
    assert!(
        line.contains("too many connections from your address"),
        "{line}"
    );
    let config = Arc::new(client::Config::default());
    let refused = timeout(
        WAIT,
        client::connect(config, server.addr, Client::default()),
    )
    .await
    .expect("answered in time");
    assert!(refused.is_err(), "no SSH for the fourth");
    assert!(
        server
            .log_has("refused a connection: too many from one address")
            .await
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connection_that_never_asks_for_a_terminal_is_closed() {
    let server = Server::start(&["--login-timeout", "1", "--lang", "en"]);
    // Connects and says nothing: the SSH greeting, then closed.
    let start = Instant::now();
    let mut tcp = tokio::net::TcpStream::connect(server.addr).await.unwrap();
    let mut all = Vec::new();
    let read = timeout(
        WAIT,
        tokio::io::AsyncReadExt::read_to_end(&mut tcp, &mut all),
    )
    .await;
    assert!(read.is_ok(), "closed in time");
    assert!(String::from_utf8_lossy(&all).starts_with("SSH-2.0-bezwaar"));
    assert!(start.elapsed() < Duration::from_secs(5));

    // Logs in but asks for nothing (like ssh -N): closed with the reason.
    let (_ssh, client) = login(server.addr).await;
    let said = closed_with(&client).await;
    assert!(said.contains("no terminal asked for in time"), "{said}");
}

/// Connects with plain TCP and reads what the server says first, up to a line end or close.
async fn first_line(addr: SocketAddr) -> String {
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

fn which(program: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|dir| Path::new(dir).join(program))
        .find(|p| p.is_file())
}

fn openssh_args(addr: SocketAddr) -> Vec<String> {
    [
        "-p",
        &addr.port().to_string(),
        "-o",
        "StrictHostKeyChecking=no",
        "-o",
        "UserKnownHostsFile=/dev/null",
        "-o",
        "LogLevel=ERROR",
        "-o",
        "BatchMode=yes",
        "-o",
        "ConnectTimeout=10",
    ]
    .map(str::to_owned)
    .to_vec()
}
