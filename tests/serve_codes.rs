//! Codes and held walks under attack, against the real server: a wrong code costs the
//! guesser and never the person who has the right one; a code answers the same whether it
//! lives or not; a flood of dropped connections cannot push a person's held walk out; and a
//! helper's keys before the person's yes are dropped, not saved up. A real visitor is served
//! throughout.
//!
//! Attackers come from their own addresses in 127.0.0.0/8, which the server counts apart as
//! it would different people.

mod serve_support;

use std::time::Duration;

use serve_support::look::*;
use serve_support::*;

/// What a visitor who typed `user` from `from` is told (the walkthrough's refusal line).
async fn told(server: &Server, from: &str, user: &str) -> String {
    let mut v = Visitor::try_open_as_from(from, server.addr, user, None)
        .await
        .expect("not refused before SSH");
    v.closes().await;
    v.text().trim().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_codes_from_many_addresses_never_block_the_right_one() {
    let server = Server::start(&["--lang", "en"]);
    let mut visitor = Visitor::open_from("127.0.0.2", server.addr).await;
    visitor.sees(&step(1)).await;
    let mut person = Visitor::open_from("127.0.0.3", server.addr).await;
    person.sees(&step(1)).await;
    let (_, come_back_user, _) = come_back_code(&mut person).await;
    let (code, user, _) = invite(&mut person).await;
    let far: String = code
        .bytes()
        .map(|b| char::from(b'0' + (b - b'0' + 5) % 10))
        .collect();

    // Forty addresses each try six wrong codes at once: 240, far more than one budget shared
    // by all (20) ever let through. Each gets five answers, then is turned away itself (in
    // words, or before any SSH: a wrong code costs its address connections too).
    let addr = server.addr;
    let guessers: Vec<_> = (0..40u8)
        .map(|n| {
            let far = far.clone();
            tokio::spawn(async move {
                let server_addr = addr;
                let from = format!("127.0.11.{}", n + 1);
                let mut answers = Vec::new();
                for _ in 0..6 {
                    let user = format!("kijk-{far}");
                    let answer =
                        match Visitor::try_open_as_from(&from, server_addr, &user, None).await {
                            Some(mut v) => {
                                v.closes().await;
                                v.text().trim().to_owned()
                            }
                            None => "refused before SSH".to_owned(),
                        };
                    answers.push(answer);
                }
                answers
            })
        })
        .collect();
    for round in 0..4 {
        visitor.goes_to(1 + round % 3).await;
    }
    for g in guessers {
        let answers = g.await.unwrap();
        assert!(
            answers[..5]
                .iter()
                .all(|a| a.contains("This code does not work.")),
            "{answers:?}"
        );
        assert!(
            answers[5].contains("Too many wrong codes") || answers[5] == "refused before SSH",
            "{answers:?}"
        );
    }

    // A code of a walk whose person is in it answers exactly as a code that never was, and
    // counts as wrong as much.
    let unknown = told(&server, "127.0.12.1", "back-00000000").await;
    let live = told(&server, "127.0.12.2", &come_back_user).await;
    assert_eq!(live, unknown);
    assert!(unknown.contains("This code does not work."), "{unknown}");

    // The person's helper, from an address of their own, gets in with the right code.
    let helper = Visitor::try_open_as_from("127.0.13.1", server.addr, &user, Some("en_GB.UTF-8"))
        .await
        .unwrap();
    asked(&mut person).await;
    let mut helper = say_yes(&mut person, helper).await;
    helper.sees(&step(1)).await;
    visitor.goes_to(2).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_helpers_keys_before_the_yes_are_dropped() {
    let server = Server::start(&["--lang", "en"]);
    let mut person = Visitor::open(server.addr, Some("en_US.UTF-8"), 80, 24).await;
    person.sees(&step(1)).await;
    let (_, user, _) = invite(&mut person).await;
    let mut helper = Visitor::open_as(server.addr, &user, Some("en_GB.UTF-8"), 80, 24).await;
    helper
        .sees("Please wait. The other person must say yes first.")
        .await;
    helper.sees("Keys you press now do nothing.").await;
    asked(&mut person).await;
    // While waiting the helper presses "7" (the last step) and more, as fast as they like.
    for _ in 0..10 {
        helper.press(b"7").await;
    }
    // A second channel on the helper's connection is answered only after the server has
    // taken every message before it: the keys are at the server now.
    let _second = helper.ssh.channel_open_session().await.unwrap();

    let mut helper = say_yes(&mut person, helper).await;
    helper.sees(&step(1)).await;
    // The person goes to step 2: every frame on the way shows step 1 or 2, never 7.
    person.press(b"2").await;
    let deadline = tokio::time::Instant::now() + WAIT;
    while !person.text().contains(&step(2)) {
        assert!(
            !person.text().contains(&step(7)),
            "the helper's keys acted after the yes"
        );
        assert!(tokio::time::Instant::now() < deadline, "no step 2");
        match tokio::time::timeout_at(deadline, person.ch.wait()).await {
            Ok(msg) => person.take(msg),
            Err(_) => panic!("no step 2: {}", person.text()),
        }
    }
    helper.sees(&step(2)).await;
    // And the helper's keys work from now on.
    helper.goes_to(3).await;
    person.sees(&step(3)).await;
}

/// A visitor that gets somewhere: to step 3, from `from`, with `key` if given; returns it with
/// its come-back user name.
async fn to_step_3(
    server: &Server,
    from: &str,
    key: Option<&russh::keys::PrivateKey>,
) -> (Visitor, String) {
    let tcp = tcp_from(from.parse().unwrap(), server.addr).await.unwrap();
    let (mut ssh, client) = connect_over(Pausable::new(tcp), Default::default()).await;
    match key {
        Some(key) => {
            let key =
                russh::keys::PrivateKeyWithHashAlg::new(std::sync::Arc::new(key.clone()), None);
            assert!(
                ssh.authenticate_publickey("oma", key)
                    .await
                    .unwrap()
                    .success()
            );
        }
        None => assert!(login_as(&mut ssh, "oma").await),
    }
    let mut v = Visitor::open_on(ssh, client, Some("en_US.UTF-8"), 80, 24).await;
    v.sees(&step(1)).await;
    v.goes_to(3).await;
    let (_, user, _) = come_back_code(&mut v).await;
    (v, user)
}

/// A client that asks for the cheapest key exchange the server offers (X25519 alone, no
/// ML-KEM): a flood as fast as the machine makes it.
fn cheap() -> russh::client::Config {
    russh::client::Config {
        preferred: russh::Preferred {
            kex: std::borrow::Cow::Owned(vec![russh::kex::CURVE25519]),
            ..Default::default()
        },
        ..Default::default()
    }
}

async fn drop_connection(v: Visitor) {
    let _ = v
        .ssh
        .disconnect(russh::Disconnect::ByApplication, "", "en")
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_of_dropped_walks_pushes_out_no_ones_held_walk() {
    // At most 100 held walks; no limit on connections per minute, so the flood is as large
    // as it can be.
    let server = Server::start(&["--max-held", "100", "--per-minute", "0", "--lang", "en"]);
    let mut visitor = Visitor::open_from("127.0.0.2", server.addr).await;
    visitor.sees(&step(1)).await;
    // Two people at step 3, each from an address of their own, drop their connections: one
    // comes back by code, one by the key their ssh offers.
    let key =
        russh::keys::PrivateKey::random(&mut rand::rng(), russh::keys::Algorithm::Ed25519).unwrap();
    let (by_code, user) = to_step_3(&server, "127.0.0.3", None).await;
    let (by_key, _) = to_step_3(&server, "127.0.0.4", Some(&key)).await;
    drop_connection(by_code).await;
    drop_connection(by_key).await;
    assert!(server.log_has("session ended: visitor left").await);

    // 2,000 walks from 40 addresses, each dropped: half at once, half after going to step
    // 2 (those are worth holding, and the store fills up with them).
    let addr = server.addr;
    let flood: Vec<_> = (0..40u32)
        .map(|n| {
            tokio::spawn(async move {
                let from = format!("127.0.14.{}", n + 1);
                for i in 0..50 {
                    let tcp = tcp_from(from.parse().unwrap(), addr).await.unwrap();
                    let (mut ssh, client) = connect_over(Pausable::new(tcp), cheap()).await;
                    assert!(login_as(&mut ssh, "oma").await);
                    let mut v = Visitor::open_on(ssh, client, None, 80, 24).await;
                    if i % 2 == 1 {
                        v.sees(&step(1)).await;
                        v.goes_to(2).await;
                    }
                    drop_connection(v).await;
                }
            })
        })
        .collect();
    for round in 0..6 {
        tokio::time::sleep(Duration::from_millis(300)).await;
        visitor.goes_to(1 + round % 3).await;
    }
    for f in flood {
        f.await.unwrap();
    }

    // Both walks come back at step 3.
    let mut back = Visitor::try_open_as_from("127.0.0.3", server.addr, &user, Some("en_US.UTF-8"))
        .await
        .unwrap();
    back.sees("Welcome back! You were at step 3").await;
    let tcp = tcp_from("127.0.0.4".parse().unwrap(), server.addr)
        .await
        .unwrap();
    let (mut ssh, client) = connect_over(Pausable::new(tcp), Default::default()).await;
    let k = russh::keys::PrivateKeyWithHashAlg::new(std::sync::Arc::new(key), None);
    assert!(
        ssh.authenticate_publickey("oma", k)
            .await
            .unwrap()
            .success()
    );
    let mut back = Visitor::open_on(ssh, client, Some("en_US.UTF-8"), 80, 24).await;
    back.sees("Welcome back! You were at step 3").await;
    visitor.goes_to(2).await;
}
