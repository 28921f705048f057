//! `bezwaar serve` as visitors meet it: the real binary on 127.0.0.1 (port 0), driven by
//! russh's SSH client, with the visitor's screen rebuilt from the bytes by vt100. Each test
//! checks what a visitor would notice: what is on their screen, what their ssh prints, how it
//! ends. Where the OpenSSH client is installed, `ssh host id` is tried with it too.
//!
//! Every wait here is bounded: a server that misbehaves fails a test, never hangs it.

mod serve_support;

use std::io::Read;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use russh::client;
use serve_support::*;
use tokio::time::{Instant, timeout};

// ---------------------------------------------------------------------------------------
// The tests.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_first_page_arrives_in_the_visitors_language() {
    let server = Server::start(&[]);
    let mut en = Visitor::open(server.addr, Some("en_US.UTF-8"), 80, 24).await;
    en.sees(&step(1)).await;
    assert!(en.text().contains("Object to Meta’s AI training"));
    // The footer on the last row (the frame may arrive in more than one piece).
    en.until("the footer on the last row", |v| {
        v.row(23).contains("q quit")
    })
    .await;
    let screen = en.vt.screen();
    assert!(screen.alternate_screen(), "drawn on the alternate screen");
    assert!(screen.hide_cursor(), "no cursor blinking in the text");

    let mut nl = Visitor::open(server.addr, Some("nl_NL.UTF-8"), 80, 24).await;
    nl.sees(&stap(1)).await;

    // No LANG sent, or one that is neither: the server's --lang (Dutch unless told).
    let mut none = Visitor::open(server.addr, None, 80, 24).await;
    none.sees(&stap(1)).await;
    let english = Server::start(&["--lang", "en"]);
    let mut fr = Visitor::open(english.addr, Some("fr_FR.UTF-8"), 80, 24).await;
    fr.sees(&step(1)).await;
    let mut de = Visitor::open(english.addr, Some("de_AT.UTF-8"), 80, 24).await;
    de.sees(&schritt(1)).await;
    let mut nl = Visitor::open(english.addr, Some("nl_BE.UTF-8"), 80, 24).await;
    nl.sees(&stap(1)).await;

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
    let server = Server::start(&["--now", LAST_HOUR]);
    let mut v = Visitor::open(server.addr, Some("en_GB.UTF-8"), 80, 24).await;
    v.sees(&step(1)).await;

    // A digit jumps to that page: the deadline, with a live countdown.
    v.press(b"3").await;
    v.sees(&step(3)).await;
    v.sees("seconds left.").await;
    let first = v.text();
    v.until("the countdown to tick", |v| {
        v.text() != first && v.text().contains("seconds left.")
    })
    .await;

    // Arrows are escape sequences: → goes on to the log-in page.
    v.press(b"\x1b[C").await;
    v.sees(&step(4)).await;
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
    assert!(v.text().contains(&step(4)));
    // ← back, L switches to the next language (German), and again to Dutch.
    v.press(b"\x1b[D").await;
    v.sees(&step(3)).await;
    v.press(b"L").await;
    v.sees(&schritt(3)).await;
    v.press(b"L").await;
    v.sees(&stap(3)).await;

    // q: the terminal is put back, with a goodbye in the language on screen.
    v.press(b"q").await;
    v.sees("Stoppen?").await;
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
    v.sees(&step(1)).await;
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
    assert!(v.row(0).contains(&step(1)));

    // A window larger than 200 x 60 gets the walkthrough at 200 x 60, top left: that bounds
    // what a session holds in memory, whatever size a client claims.
    v.resize(300, 100).await;
    v.until("the footer on row 60", |v| v.row(59).contains("q quit"))
        .await;
    assert!(
        (60..100).all(|y| v.row(y).trim().is_empty()),
        "{}",
        v.text()
    );

    v.resize(30, 10).await;
    v.sees("too small").await;
    v.resize(80, 24).await;
    v.until("the page again at 80 x 24", |v| {
        rule(v, 80, 24) && v.row(0).contains(&step(1)) && v.row(23).contains("q quit")
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

    // The same with the OpenSSH client.
    let ssh = which("ssh").expect(
        "this test needs the OpenSSH client: apt-get install openssh-client (.ci/run installs it)",
    );
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
    v.sees(&step(1)).await;
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
    v.sees(&step(2)).await;
    assert!(v.client.disconnect.lock().unwrap().is_none());
    assert!(server.log_has("refused local port forwarding").await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn max_sessions_is_enforced() {
    let server = Server::start(&["--max-sessions", "2", "--lang", "en"]);
    let mut a = Visitor::open(server.addr, None, 80, 24).await;
    let mut b = Visitor::open(server.addr, None, 80, 24).await;
    a.sees(&step(1)).await;
    b.sees(&step(1)).await;

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
    a.press(b"qq").await;
    a.closes().await;
    assert!(server.log_has("(1 active)").await);
    let mut e = Visitor::open(server.addr, None, 80, 24).await;
    e.sees(&step(1)).await;
    b.press(b"2").await;
    b.sees(&step(2)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_session_is_closed_and_a_busy_one_is_not() {
    let server = Server::start(&["--idle-timeout", "2", "--lang", "en"]);
    let mut idle = Visitor::open(server.addr, None, 80, 24).await;
    let mut busy = Visitor::open(server.addr, None, 80, 24).await;
    idle.sees(&step(1)).await;
    busy.sees(&step(1)).await;
    let since = Instant::now();
    // The busy one presses a key every half second for three seconds.
    for page in [b"2", b"1", b"2", b"1", b"2", b"1"] {
        tokio::time::sleep(Duration::from_millis(500)).await;
        busy.press(page).await;
    }
    busy.sees(&step(1)).await;
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_link_the_idle_time_stays_the_panels_until_the_next_key() {
    let server = Server::start(&["--idle-timeout", "2", "--lang", "en"]);
    let mut v = Visitor::open(server.addr, None, 80, 24).await;
    v.sees(&step(1)).await;
    // The form's link, shown in the panel, then closed again with Enter: the person is now
    // filling in the form on a phone, and presses nothing for a while.
    v.press(b"4").await;
    v.sees("Open the Facebook form").await;
    // Enter chooses Facebook, shows the rest of the page, then opens its form's link.
    for _ in 0..4 {
        if v.text().contains("Scan the QR code") {
            break;
        }
        v.press(b"\r").await;
        v.drain(Duration::from_millis(300)).await;
    }
    v.sees("Scan the QR code").await;
    v.press(b"\r").await;
    v.until("the panel closed", |v| {
        !v.text().contains("Scan the QR code")
    })
    .await;
    let quiet = Instant::now();
    v.drain(Duration::from_secs(4)).await;
    assert!(
        !v.closed,
        "closed {:?} after the link was shown",
        quiet.elapsed()
    );
    // The next key ends that: the usual idle time counts again, and closes it.
    v.press(b"3").await;
    v.sees(&step(3)).await;
    let since = Instant::now();
    v.closes().await;
    assert!(
        since.elapsed() < Duration::from_secs(4),
        "{:?}",
        since.elapsed()
    );
    assert!(
        v.text().contains("You did nothing for 2 seconds"),
        "{}",
        v.text()
    );
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
    other.sees(&step(1)).await;
    // The slow visitor opens the help: a screen full of text makes every frame large. (Not
    // the link panel: while it is open, the idle timer waits an hour, for a person on the
    // phone with the form. A visitor there who stops reading is closed by the SSH keepalive,
    // after two minutes at most.)
    slow.press(b"4").await;
    slow.sees("Open the Facebook form").await;
    slow.press(b"?").await;
    slow.sees("On a page").await;
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
        other.sees(&step(page - b'0')).await;
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
        other.sees(&step(page)).await;
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
    a.sees(&step(1)).await;
    b.sees(&stap(1)).await;

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
