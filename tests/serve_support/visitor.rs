//! The visitor: a session channel on a russh connection, and a vt100 terminal for what they
//! see (the screen, its lines and codes, its QR code).

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use russh::ChannelMsg;
use russh::client;
use tokio::time::{Instant, timeout_at};

use super::{
    Client, Pausable, Pause, WAIT, connect_over, login, login_as, login_from, login_over, step,
    tcp_from, try_connect_over,
};

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
