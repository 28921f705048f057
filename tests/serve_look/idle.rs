//! The idle close: a warning a while before, a goodbye that says how to come back, and the
//! link panel holding the timer.

use std::time::Duration;

use tokio::time::Instant;

use crate::serve_support::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_minute_before_the_idle_close_the_screen_warns_and_the_goodbye_says_how_to_come_back() {
    // With a 4 s idle timeout the warning comes 2 s before (half; a minute at most).
    let server = Server::start(&["--idle-timeout", "4", "--lang", "en"]);
    let mut person = Visitor::open(server.addr, Some("en_US.UTF-8"), 80, 24).await;
    person.goes_to(2).await;
    let since = Instant::now();
    person.sees("Are you still there?").await;
    assert!(
        since.elapsed() >= Duration::from_millis(1500),
        "{:?}",
        since.elapsed()
    );
    // (The box wraps its words.)
    let text = person.text();
    assert!(
        text.contains("The walkthrough stops in 2") && text.contains("Press a key to go on."),
        "{text}"
    );
    // A key answers it, and does nothing else.
    person.press(b"\x1b[C").await;
    person
        .until("the warning gone", |v| {
            !v.text().contains("Are you still there?")
        })
        .await;
    assert!(person.text().contains(&step(2)));
    // Then nothing: warned again, then closed, with the way back.
    person.sees("Are you still there?").await;
    person.closes().await;
    let text = person.text();
    assert!(
        text.contains("You did nothing for 4 seconds, so the walkthrough stopped."),
        "{text}"
    );
    assert!(
        text.contains("Want to go on where you were? Within 24 hours, type:"),
        "{text}"
    );
    assert!(
        text.contains("If the server restarts, it is gone."),
        "{text}"
    );
    assert!(!person.vt.screen().alternate_screen());
    let (_, user) = person.code_after(&["back"]).expect("a come-back code");
    let mut back = Visitor::open_as(server.addr, &user, Some("en_US.UTF-8"), 80, 24).await;
    back.sees("Welcome back! You were at step 2: Which data.")
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_link_panel_holds_the_idle_timer() {
    let server = Server::start(&["--idle-timeout", "2", "--lang", "en"]);
    let mut person = Visitor::open(server.addr, Some("en_US.UTF-8"), 80, 24).await;
    person.press(b"4").await;
    person.sees("▶ ( ) Facebook").await;
    person.press(b"\r").await;
    person.sees("▶ Open the Facebook form").await;
    person.press(b"\r").await;
    person.sees("Scan the QR code").await;
    // On the phone with the form: twice the idle time passes, and nothing closes or warns.
    person.drain(Duration::from_secs(4)).await;
    assert!(!person.closed);
    assert!(person.text().contains("Scan the QR code"));
    assert!(!person.text().contains("Are you still there?"));
    // Back on the page (the key that closed the panel keeps its hour), the next key sets
    // the idle timer going again.
    person.press(b"\x1b").await;
    person
        .until("the panel closed", |v| {
            !v.text().contains("Scan the QR code")
        })
        .await;
    person.press(b"3").await;
    person.sees(&step(3)).await;
    let since = Instant::now();
    person.closes().await;
    assert!(since.elapsed() < Duration::from_secs(5));
    assert!(person.text().contains("You did nothing for 2 seconds"));
}
