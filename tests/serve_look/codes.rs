//! An invite code's limits: a flood of wrong codes is turned away, near misses replace the
//! code, and a code expires.

use crate::serve_support::look::*;
use crate::serve_support::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_code_flood_is_turned_away_and_near_misses_replace_the_code() {
    let server = Server::start(&["--per-minute", "40", "--lang", "en"]);
    let mut visitor = Visitor::open_from("127.0.0.2", server.addr).await;
    visitor.sees(&step(1)).await;
    let mut person = Visitor::open_from("127.0.0.3", server.addr).await;
    person.sees(&step(1)).await;
    let (code, user, _) = invite(&mut person).await;
    let far: String = code
        .bytes()
        .map(|b| char::from(b'0' + (b - b'0' + 5) % 10))
        .collect();

    // One address tries wrong codes as fast as it can: five are looked at, then none; each
    // wrong one also counts against the address's connections, until it is turned away
    // before any SSH. Meanwhile everyone else is served.
    let (mut wrong, mut too_many, mut refused) = (0, 0, false);
    for round in 0..30 {
        match Visitor::try_open_as_from("127.0.0.9", server.addr, &format!("kijk-{far}"), None)
            .await
        {
            Some(mut v) => {
                v.closes().await;
                if v.text().contains("This code does not work.") {
                    wrong += 1;
                } else if v.text().contains("Too many wrong codes were tried.") {
                    too_many += 1;
                } else {
                    panic!("{}", v.text());
                }
            }
            None => {
                refused = true;
                break;
            }
        }
        visitor.goes_to(1 + (round % 3) as u8).await;
    }
    assert_eq!(wrong, 5, "five wrong codes are looked at");
    assert!(too_many >= 1, "then none");
    assert!(
        refused,
        "wrong codes count against the address's connections"
    );
    // The flood did not touch the real code (it was far from it): the person's invite works.
    assert!(person.text().contains(&user));

    // Five tries one digit off the real code, from five addresses: the code is replaced,
    // and the person sees the new one and why.
    for i in 0..5u8 {
        let mut slip = code.clone().into_bytes();
        slip[usize::from(i)] = b'0' + (slip[usize::from(i)] - b'0' + 1) % 10;
        let slip = String::from_utf8(slip).unwrap();
        let from = format!("127.0.1.{}", i + 1);
        let mut v = Visitor::try_open_as_from(&from, server.addr, &format!("kijk-{slip}"), None)
            .await
            .unwrap();
        v.closes().await;
        assert!(v.text().contains("This code does not work."));
    }
    person
        .until("a new code", |v| {
            v.code_after(&["look"]).is_some_and(|(c, _)| c != code)
        })
        .await;
    assert!(
        person
            .text()
            .contains("Others tried codes close to yours too often"),
        "{}",
        person.text()
    );
    let (_, new_user) = person.code_after(&["look"]).unwrap();
    let mut late = Visitor::try_open_as_from("127.0.2.1", server.addr, &user, None)
        .await
        .unwrap();
    late.closes().await;
    assert!(
        late.text().contains("This code does not work."),
        "{}",
        late.text()
    );
    // The new code works.
    let mut helper = let_in(&server, &mut person, &new_user, "en_GB.UTF-8", 80, 24).await;
    helper.sees(&step(1)).await;
    visitor.goes_to(2).await;
    let log = server.log();
    assert!(log.contains("refused a login code: wrong"));
    assert!(!log.contains(&code) && !log.contains(&far), "{log}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_code_expires() {
    let server = Server::start(&["--invite-timeout", "2", "--lang", "en"]);
    let mut person = Visitor::open(server.addr, Some("en_US.UTF-8"), 80, 24).await;
    person.sees(&step(1)).await;
    let (_, user, _) = invite(&mut person).await;
    assert!(
        person
            .text()
            .contains("The code works for 2 seconds, and only once.")
    );
    person
        .sees("This code no longer works. Press m for a new one.")
        .await;
    let mut helper = Visitor::open_as(server.addr, &user, Some("en_GB.UTF-8"), 80, 24).await;
    helper.closes().await;
    assert!(
        helper.text().contains("This code does not work."),
        "{}",
        helper.text()
    );
    assert!(!person.text().contains("Someone wants to look along."));
}
