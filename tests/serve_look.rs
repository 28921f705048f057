//! Looking along and coming back, as the person and the helper meet them over `bezwaar serve`:
//! the real binary, russh clients, and a vt100 screen for each. Every wait is bounded.
//!
//! The person presses m; a box shows the line to give the helper (`ssh -p PORT
//! kijk-483920@host`); the helper types it and waits, seeing nothing of the walk, until the
//! person says yes. Then both see the same walk, each at their own window size and in their
//! own language, and both may press keys (unless the person made the helper watch-only).
//! A walk that ends without the person quitting comes back, by its come-back code or by the
//! key the person's ssh offered.
//!
//! Here the helper let in, both screens, watch-only, two helpers at most and a helper who
//! stops reading; the codes' limits, coming back, and the idle close in modules of their own
//! (tests/serve_look/).

mod serve_support;

#[path = "serve_look/codes.rs"]
mod codes;
#[path = "serve_look/come_back.rs"]
mod come_back;
#[path = "serve_look/idle.rs"]
mod idle;

use std::time::Duration;

use serve_support::look::*;
use serve_support::*;
use tokio::time::{Instant, sleep};

/// Reads both screens until each holds `a` and `b` (their own words for the same thing).
async fn both(person: &mut Visitor, a: &str, helper: &mut Visitor, b: &str) {
    person.sees(a).await;
    helper.sees(b).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_helper_gets_in_only_after_yes_and_sees_nothing_before() {
    let server = Server::start(&["--lang", "en"]);
    let mut person = Visitor::open(server.addr, Some("nl_NL.UTF-8"), 80, 24).await;
    person.sees(&stap(1)).await;
    // The invite key is in the footer of page 1 (a frame may arrive in pieces: wait for it).
    person.sees("m meekijken").await;
    assert!(person.row(23).contains("m meekijken"), "{}", person.row(23));
    let (code, user, line) = invite(&mut person).await;
    assert_eq!(code.len(), 6);
    assert_eq!(
        line,
        format!("ssh -p {} kijk-{code}@127.0.0.1", server.addr.port())
    );
    assert!(
        person
            .text()
            .contains("De code werkt 10 minuten, en maar één keer.")
    );

    // The helper types the line: they are asked to wait and see nothing of the walk.
    let mut helper = Visitor::open_as(server.addr, &user, Some("en_GB.UTF-8"), 60, 20).await;
    helper
        .sees("Please wait. The other person must say yes first.")
        .await;
    person.sees("Iemand wil meekijken.").await;
    assert!(
        person
            .text()
            .contains("Die ziet alles wat jij ziet. Toestaan?")
    );
    // "No" is marked: Enter alone says no, like Esc; yes takes a move to it.
    assert!(
        person.text().contains("▶ Nee, niet meekijken"),
        "{}",
        person.text()
    );
    assert!(
        person.text().contains("  Ja, meekijken mag"),
        "{}",
        person.text()
    );
    assert!(person.row(23).contains("Enter kiezen") && person.row(23).contains("Esc nee"));
    helper.drain(Duration::from_millis(500)).await;
    assert!(!helper.vt.screen().alternate_screen());
    assert!(!String::from_utf8_lossy(&helper.raw).contains("Step"));

    // Esc: no. The helper is told, and closed; they never saw the walk.
    person.press(b"\x1b").await;
    helper.closes().await;
    assert!(
        helper
            .text()
            .contains("The other person does not want you to look along now."),
        "{}",
        helper.text()
    );
    let seen = String::from_utf8_lossy(&helper.raw).into_owned();
    assert!(!seen.contains("Step") && !seen.contains("Meta"), "{seen}");
    person
        .until("the question gone", |v| {
            !v.text().contains("Iemand wil meekijken.")
        })
        .await;
    assert!(person.text().contains(&stap(1)));
    assert!(!person.text().contains("kijkt iemand mee"));

    // The code was used: it does not work a second time.
    let mut again = Visitor::open_as(server.addr, &user, Some("en_GB.UTF-8"), 60, 20).await;
    again.closes().await;
    assert!(
        again.text().contains("This code does not work."),
        "{}",
        again.text()
    );

    // A new invite (a new code), and yes.
    let (code2, user2, _) = invite(&mut person).await;
    assert_ne!(code2, code);
    let mut helper = let_in(&server, &mut person, &user2, "en_GB.UTF-8", 60, 20).await;
    helper.sees(&step(1)).await;
    helper.sees("You are looking along").await;
    person.sees("Er kijkt iemand mee · x stoppen").await;
    assert!(server.log_has("look-along started").await);
    // The log never holds a code (nor the user name).
    let log = server.log();
    for secret in [&code, &code2] {
        assert!(
            !log.contains(secret.as_str()),
            "{secret} in the log:\n{log}"
        );
    }
    assert!(!log.contains("kijk-"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_screens_follow_every_key_from_either_side_at_their_own_size_and_language() {
    let server = Server::start(&["--lang", "en"]);
    let mut person = Visitor::open(server.addr, Some("nl_NL.UTF-8"), 80, 24).await;
    person.sees(&stap(1)).await;
    let (_, user, _) = invite(&mut person).await;
    let mut helper = let_in(&server, &mut person, &user, "en_GB.UTF-8", 60, 20).await;
    // Each in their own window: the footer on each one's last row.
    both(&mut person, &stap(1), &mut helper, &step(1)).await;
    assert!(person.row(23).contains("q stoppen"), "{}", person.text());
    helper
        .until("the helper's footer on row 20", |v| {
            v.row(19).contains("q quit")
        })
        .await;

    // A key from the helper moves the walk for both.
    helper.press(b"\x1b[C").await;
    both(&mut person, &stap(2), &mut helper, &step(2)).await;
    // And one from the person.
    person.press(b"4").await;
    both(&mut person, &stap(4), &mut helper, &step(4)).await;
    both(&mut person, "▶ ( ) Facebook", &mut helper, "▶ ( ) Facebook").await;
    // The helper chooses: focus moves on to the form, on both screens.
    helper.press(b"\r").await;
    both(
        &mut person,
        "▶ Open het Facebook-formulier",
        &mut helper,
        "▶ Open the Facebook form",
    )
    .await;
    assert!(person.text().contains("(•) Facebook") && helper.text().contains("(•) Facebook"));
    // The helper switches their own language; the person's stays.
    helper.press(b"L").await;
    helper.sees(&schritt(4)).await;
    person.drain(Duration::from_millis(300)).await;
    assert!(person.text().contains(&stap(4)));
    // Round the script's languages (nl, en, de) back to English.
    helper.press(b"LL").await;
    helper.sees(&step(4)).await;
    // The person goes on to the email field and types; the helper sees the letters come.
    person.press(b"5").await;
    both(&mut person, &stap(5), &mut helper, &step(5)).await;
    person.press(b"oma@").await;
    both(&mut person, "oma@", &mut helper, "oma@").await;
    // The helper types the rest.
    helper.press(b"example.nl").await;
    both(&mut person, "oma@example.nl", &mut helper, "oma@example.nl").await;
    // Ctrl-X ends looking along even while typing (x is a letter there): the helper's window
    // says so and closes, the person goes on.
    person.press(b"\x18").await;
    helper.closes().await;
    assert!(
        helper
            .text()
            .contains("The other person stopped the looking along."),
        "{}",
        helper.text()
    );
    assert!(!helper.vt.screen().alternate_screen());
    person
        .until("the status cleared", |v| {
            !v.text().contains("kijkt iemand mee")
        })
        .await;
    // x is a letter again in the field.
    person.press(b"x").await;
    person.sees("oma@example.nlx").await;
    assert!(server.log_has("look-along ended").await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn watch_only_and_either_leaving_lets_the_other_go_on() {
    let server = Server::start(&["--lang", "en"]);
    let mut person = Visitor::open(server.addr, Some("en_US.UTF-8"), 80, 24).await;
    person.sees(&step(1)).await;
    // The come-back code, from the help (for when the person's connection drops).
    person.press(b"?").await;
    for _ in 0..10 {
        person.press(b"\x1b[6~").await;
    }
    person
        .until("the come-back line in the help", |v| {
            v.code_after(&["back"]).is_some()
        })
        .await;
    let (_, back) = person.code_after(&["back"]).unwrap();
    assert!(person.text().contains("Coming back where you were"));
    person.press(b"\x1b").await;
    let (_, user, _) = invite(&mut person).await;
    let mut helper = let_in(&server, &mut person, &user, "nl_NL.UTF-8", 70, 22).await;
    both(
        &mut person,
        "Someone is looking along",
        &mut helper,
        "Je kijkt mee",
    )
    .await;

    // w: the helper may only watch. Their keys move nothing; their own window still scrolls
    // and opens its own help.
    person.press(b"w").await;
    both(
        &mut person,
        "(watch only)",
        &mut helper,
        "Je kijkt alleen mee",
    )
    .await;
    helper.press(b"\x1b[C3").await;
    helper.press(b"?").await;
    helper.sees("Op een pagina").await;
    person.drain(Duration::from_millis(400)).await;
    assert!(person.text().contains(&step(1)), "{}", person.text());
    assert!(
        !person.text().contains("On a page"),
        "the helper's help is theirs alone"
    );
    helper.press(b"\x1b").await;
    helper.sees(&stap(1)).await;
    // w again: they may press keys again.
    person.press(b"w").await;
    helper.sees("Je kijkt mee ·").await;
    helper.press(b"\x1b[C").await;
    both(&mut person, &step(2), &mut helper, &stap(2)).await;

    // The person's connection drops: the helper goes on, and may press keys.
    person
        .ssh
        .disconnect(russh::Disconnect::ByApplication, "", "en")
        .await
        .ok();
    drop(person);
    helper.sees("De ander is even weg").await;
    helper.press(b"6").await;
    helper.sees(&stap(6)).await;
    // The person comes back with their code: into the walk as it is now.
    let mut person = Visitor::open_as(server.addr, &back, Some("en_US.UTF-8"), 80, 24).await;
    person.sees(&step(6)).await;
    assert!(
        !person.text().contains("Welcome back"),
        "the walk never stopped"
    );
    helper.sees("Je kijkt mee ·").await;
    person.sees("Someone is looking along").await;

    // The helper leaves with q: told so, closed; the person goes on alone.
    helper.press(b"q").await;
    helper.closes().await;
    assert!(
        helper.text().contains("Je kijkt niet meer mee. Tot ziens."),
        "{}",
        helper.text()
    );
    person
        .until("the status cleared", |v| {
            !v.text().contains("looking along")
        })
        .await;
    person.press(b"\x1b[D").await;
    person.sees(&step(5)).await;
    assert!(!person.closed);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn at_most_two_helpers_and_the_person_quitting_tells_them() {
    let server = Server::start(&["--lang", "en"]);
    let mut person = Visitor::open(server.addr, Some("en_US.UTF-8"), 80, 24).await;
    person.sees(&step(1)).await;
    let (_, user, _) = invite(&mut person).await;
    let mut one = let_in(&server, &mut person, &user, "en_GB.UTF-8", 80, 24).await;
    let (_, user, _) = invite(&mut person).await;
    let mut two = let_in(&server, &mut person, &user, "en_GB.UTF-8", 50, 16).await;
    person.sees("2 people are looking along · x stop").await;
    person.press(b"m").await;
    person
        .sees("2 people are looking along already. That is the most.")
        .await;
    assert!(
        person.code_after(&["look"]).is_none(),
        "no code for a third"
    );
    person.press(b"\x1b").await;
    // The person quits: both helpers are told and closed.
    person.press(b"qq").await;
    person.closes().await;
    assert!(person.text().contains("Goodbye."));
    for helper in [&mut one, &mut two] {
        helper.closes().await;
        assert!(
            helper
                .text()
                .contains("The other person has finished the walkthrough."),
            "{}",
            helper.text()
        );
    }
    assert!(server.log_has("session ended: quit").await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_helper_who_stops_reading_does_not_slow_the_person() {
    let server = Server::start(&["--idle-timeout", "6", "--lang", "en"]);
    let mut person = Visitor::open(server.addr, Some("en_US.UTF-8"), 80, 24).await;
    person.sees(&step(1)).await;
    let (_, user, _) = invite(&mut person).await;
    // The helper's machine takes data slowly (a small SSH window), then not at all.
    let tcp = tokio::net::TcpStream::connect(server.addr).await.unwrap();
    let stream = Pausable::new(tcp);
    let pause = stream.paused.clone();
    let config = russh::client::Config {
        window_size: 16 * 1024,
        ..Default::default()
    };
    let (mut ssh, client) = connect_over(stream, config).await;
    assert!(login_as(&mut ssh, &user).await);
    let mut helper = Visitor::open_on(ssh, client, Some("en_GB.UTF-8"), 200, 60).await;
    helper.sees("Please wait").await;
    person.sees("Someone wants to look along.").await;
    person.press(b"\x1b[B\r").await;
    helper.sees(&step(1)).await;
    let before = rss_kib(server.pid());
    pause.set(true);
    // Their window keeps changing size too: each change a whole frame they do not read.
    let flood = tokio::spawn(async move {
        let until = Instant::now() + Duration::from_secs(3);
        while Instant::now() < until {
            let cols = 200 - (until - Instant::now()).as_millis() as u32 % 2;
            let sent = tokio::time::timeout(
                Duration::from_millis(500),
                helper.ch.window_change(cols, 60, 0, 0),
            )
            .await;
            if !matches!(sent, Ok(Ok(()))) {
                break;
            }
            sleep(Duration::from_millis(5)).await;
        }
        helper
    });
    // Meanwhile the person's keys come back at once, until the helper is let go.
    let deadline = Instant::now() + WAIT;
    let mut page = 1u8;
    let mut presses = 0;
    while (presses < 8 || !server.log().contains("look-along ended")) && Instant::now() < deadline {
        sleep(Duration::from_millis(300)).await;
        // Pages 1 to 4 (on page 5 a digit is typed into the email field).
        page = page % 4 + 1;
        let pressed = Instant::now();
        person.press(&[b'0' + page]).await;

        person.sees(&step(page)).await;
        let took = pressed.elapsed();
        assert!(took < Duration::from_secs(1), "a key took {took:?}");
        presses += 1;
    }
    assert!(
        server.log().contains("look-along ended"),
        "{}",
        server.log()
    );
    person
        .until("the status cleared", |v| {
            !v.text().contains("looking along")
        })
        .await;
    let grown = rss_kib(server.pid()).saturating_sub(before);
    assert!(grown < 16 * 1024, "the server grew by {grown} KiB");
    let _helper = flood.await.unwrap();
    pause.set(false);
    assert!(!person.closed);
}
