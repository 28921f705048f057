//! Attacks through what a visitor sends once in: a long message cut after an ESC, window
//! changes that would keep a walk open, a flood of keys, and typing from one address held to
//! its budgets.

use std::time::Duration;

use tokio::time::{Instant, sleep, timeout};

use super::still_served;
use crate::serve_support;
use crate::serve_support::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_message_cut_after_an_esc_does_not_press_esc() {
    let server = Server::start(&["--lang", "en"]);
    let mut v = Visitor::open(server.addr, None, 80, 24).await;
    v.sees(&step(1)).await;
    // 4096 bytes are kept of a message; here the 4096th is the ESC of an arrow key. On the
    // first page, Esc would end the walkthrough.
    let mut long = vec![b'x'; 4095];
    long.extend_from_slice(b"\x1b[A");
    v.press(&long).await;
    v.goes_to(2).await;
    assert!(!v.closed);
    assert!(!server.log().contains("session ended"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn window_changes_alone_do_not_keep_a_walkthrough_open() {
    let server = Server::start(&["--idle-timeout", "2", "--lang", "en"]);
    let mut v = Visitor::open(server.addr, None, 80, 24).await;
    v.sees(&step(1)).await;
    let since = Instant::now();
    let mut cols = 80;
    while !v.closed && since.elapsed() < Duration::from_secs(8) {
        cols = if cols == 80 { 90 } else { 80 };
        v.resize(cols, 24).await;
        if let Ok(msg) = timeout(Duration::from_millis(200), v.ch.wait()).await {
            v.take(msg);
        }
    }
    assert!(
        v.closed,
        "still open after {:?} of resizing",
        since.elapsed()
    );
    assert!(
        v.text().contains("You did nothing for 2 seconds"),
        "{}",
        v.text()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_of_keys_takes_no_one_elses_time() {
    let server = Server::start(&["--lang", "en"]);
    let baseline = server.sockets();
    let mut visitor = Visitor::open_from("127.0.0.2", server.addr).await;
    visitor.sees(&step(1)).await;
    // One visitor "types" as fast as the connection goes: 4 KiB messages of keys that mean
    // nothing on the first page, for three seconds.
    let (mut flooder, plug) = Visitor::open_cuttable("127.0.10.1", server.addr).await;
    flooder.sees(&step(1)).await;
    let flood = tokio::spawn(async move {
        let since = Instant::now();
        let mut sent = 0usize;
        while since.elapsed() < Duration::from_secs(3) {
            // Once the server reads no more, a send waits: the flood stops on time anyway.
            match timeout(
                Duration::from_millis(100),
                flooder.ch.data_bytes(vec![b'x'; 4096]),
            )
            .await
            {
                Ok(Ok(())) => sent += 4096,
                Ok(Err(_)) => break,
                Err(_) => {}
            }
        }
        (flooder, sent)
    });
    for round in 0..6 {
        sleep(Duration::from_millis(300)).await;
        still_served(&mut visitor, round).await;
    }
    let (flooder, sent) = flood.await.unwrap();
    assert!(sent > 1024 * 1024, "only {sent} bytes sent");
    assert!(server.log_has("dropped input: too much too fast").await);
    // What it sent past its address's budget of bytes waits unread (crates/serve/src/reads.rs), and
    // its own later keys would come after that, read at 10 KiB a second: that is not waited
    // for here. Once it is gone (the server sees its end behind the unread bytes), its
    // address is served again.
    plug.cut();
    drop(flooder);
    let mut again = Visitor::open_from("127.0.10.1", server.addr).await;
    again.sees(&step(1)).await;
    again.goes_to(2).await;
    drop((visitor, again));
    assert_eq!(server.sockets_fall_to(baseline).await, baseline);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn typing_from_one_address_is_held_to_its_budgets() {
    // A budget for 40 walkthroughs from one address (a community centre's): room for ten
    // debug-built walks to reach the field; their flood still runs out of it.
    let server = Server::start(&["--per-address", "40", "--lang", "en"]);
    let mut visitor = Visitor::open_from("127.0.0.2", server.addr).await;
    visitor.sees(&step(1)).await;
    // Ten connections from one address, in the own-reason field, paste 1,000 characters and
    // erase them as fast as they can for three seconds.
    let mut typists = Vec::new();
    let mut plugs = Vec::new();
    for _ in 0..10 {
        let (mut v, plug) = Visitor::open_cuttable("127.0.11.1", server.addr).await;
        v.sees(&step(1)).await;
        serve_support::look::to_own_reason(&mut v).await;
        typists.push(v);
        plugs.push(plug);
    }
    let flood: Vec<_> = typists
        .into_iter()
        .map(|mut v| {
            tokio::spawn(async move {
                let since = Instant::now();
                while since.elapsed() < Duration::from_secs(3) {
                    let _ = v.ch.data_bytes(vec![b'x'; 1000]).await;
                    let _ = v.ch.data_bytes(vec![0x7f; 1000]).await;
                    v.drain(Duration::from_millis(5)).await;
                }
                v
            })
        })
        .collect();
    for round in 0..6 {
        sleep(Duration::from_millis(300)).await;
        still_served(&mut visitor, round).await;
    }
    let mut typists = Vec::new();
    for f in flood {
        typists.push(f.await.unwrap());
    }
    // Their address was held to its budgets: of bytes the server reads (crates/serve/src/reads.rs;
    // the rest waits unread in the kernel), of keys (input.rs) or of the walk's time
    // (work.rs: its keys wait). Since a field is a line buffer, a key costs so little that
    // the budget of bytes is met first.
    let (received, read) = received_and_read(server.addr, |ip| ip.to_string() == "127.0.11.1");
    let held = server.log_count("dropped input: too much too fast")
        + server.log_count("held input back: too much work from one address");
    assert!(
        received > read || held > 0,
        "no budget held the typists back: the server read all {received} bytes"
    );
    // Their own later keys would come after what waits: that is not waited for here. Once
    // they are gone, the address types again (its budgets back).
    plugs.iter().for_each(|plug| plug.cut());
    drop(typists);
    let mut one = Visitor::open_from("127.0.11.1", server.addr).await;
    one.sees(&step(1)).await;
    serve_support::look::to_own_reason(&mut one).await;
    one.press(b"\x1b").await;
    one.press(b"\x1b[A").await;
    one.until("focus off the field", |v| {
        !v.text().contains("▶ (•) Write my own reason")
    })
    .await;
    still_served(&mut visitor, 2).await;
}
