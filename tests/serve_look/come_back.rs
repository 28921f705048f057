//! Coming back: a walk whose connection dropped comes back on page 5, once by its come-back
//! code, or by the key the person's ssh offered.

use std::time::Duration;

use crate::serve_support::look::*;
use crate::serve_support::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_walk_comes_back_on_page_5_by_its_code_once() {
    let server = Server::start(&["--lang", "en"]);
    let mut person = Visitor::open(server.addr, Some("en_US.UTF-8"), 80, 24).await;
    person.sees(&step(1)).await;
    to_page_5(&mut person).await;
    // The code is in the help.
    person.press(b"?").await;
    for _ in 0..10 {
        person.press(b"\x1b[6~").await;
    }
    person
        .until("the come-back line", |v| v.code_after(&["back"]).is_some())
        .await;
    let (code, user) = person.code_after(&["back"]).unwrap();
    assert_eq!(code.len(), 8);
    assert!(person.text().contains("Coming back where you were"));
    // The connection drops (no q, no goodbye).
    person
        .ssh
        .disconnect(russh::Disconnect::ByApplication, "", "en")
        .await
        .ok();
    drop(person);
    assert!(
        server
            .log_has("session ended: visitor left (0 active)")
            .await
    );

    let mut back = Visitor::open_as(server.addr, &user, Some("en_US.UTF-8"), 80, 24).await;
    back.sees("Welcome back! You were at step 5: Fill in.")
        .await;
    back.press(b"\r").await;
    back.sees(&step(5)).await;
    back.sees("(•) I object").await;
    // The email address was not kept.
    assert!(!back.text().contains("oma@example.nl"), "{}", back.text());
    back.press(b"\x1b[D").await;
    back.sees("(•) Facebook").await;
    // Once: the same code does not work again.
    let mut again = Visitor::open_as(server.addr, &user, Some("en_US.UTF-8"), 80, 24).await;
    again.closes().await;
    assert!(again.text().contains("This code does not work."));
    assert!(!server.log().contains(&code));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_walk_comes_back_on_page_5_by_the_key_the_persons_ssh_offers() {
    let server = Server::start(&["--lang", "en"]);
    let mut rng = rand::rng();
    let key = russh::keys::PrivateKey::random(&mut rng, russh::keys::Algorithm::Ed25519).unwrap();
    let other = russh::keys::PrivateKey::random(&mut rng, russh::keys::Algorithm::Ed25519).unwrap();
    let mut person = Visitor::open_with_key(server.addr, &key, Some("en_US.UTF-8"), 80, 24).await;
    person.sees(&step(1)).await;
    to_page_5(&mut person).await;
    person
        .ssh
        .disconnect(russh::Disconnect::ByApplication, "", "en")
        .await
        .ok();
    drop(person);
    assert!(
        server
            .log_has("session ended: visitor left (0 active)")
            .await
    );

    // Someone else's key: a walk of their own, from the start.
    let mut stranger =
        Visitor::open_with_key(server.addr, &other, Some("en_US.UTF-8"), 80, 24).await;
    stranger.sees(&step(1)).await;
    stranger.drain(Duration::from_millis(300)).await;
    assert!(!stranger.text().contains("Welcome back"));
    // The same key: back where they were, after "welcome back". No code typed.
    let mut back = Visitor::open_with_key(server.addr, &key, Some("en_US.UTF-8"), 80, 24).await;
    back.sees("Welcome back! You were at step 5: Fill in.")
        .await;
    back.press(b"\r").await;
    back.sees(&step(5)).await;
    back.sees("(•) I object").await;
    assert!(!back.text().contains("oma@example.nl"));
}
