//! Stopping the server while visitors leave: whatever order a visitor's goodbye and the
//! server's SIGTERM come in, no task of the server panics (a panic in a tokio worker does not
//! change the exit code, so the log is what shows it). The panic came from awaiting a
//! finished russh session a second time; `crates/serve/src/ended.rs` shows that in a unit
//! test, deterministically, and this test runs the race against the real binary.

mod serve_support;

use std::time::Duration;

use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;
use serve_support::*;
use tokio::time::{Instant, sleep_until};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn visitors_leaving_as_the_server_stops_panic_nothing() {
    // 10 servers, 10 visitors each: 100 races. Each visitor ends its walkthrough (its channel
    // closes, as when ssh's shell ends), then leaves (its connection closes) somewhere from
    // 25 ms before to 25 ms after the server gets SIGTERM: the moment that once polled a
    // finished connection again ("called after complete" in a tokio worker).
    let mut races = 0;
    for run in 0..10u8 {
        let mut server = Server::start(&["--lang", "en"]);
        let mut visitors = Vec::new();
        for i in 0..10u8 {
            let from = format!("127.0.{}.{}", 40 + run, i + 1);
            let mut v = Visitor::open_from(&from, server.addr).await;
            v.sees(&step(1)).await;
            visitors.push(v);
        }
        let start = Instant::now();
        let stop_at = start + Duration::from_millis(50);
        let mut leaving = Vec::new();
        for (i, mut v) in visitors.into_iter().enumerate() {
            // From 50 ms before SIGTERM to just after it, a little apart per run.
            let at = start + Duration::from_micros(5000 * i as u64 + 500 * u64::from(run));
            leaving.push(tokio::spawn(async move {
                // As ssh does: the shell's channel ends (the server closes it after its
                // goodbye, or says goodbye itself as it stops), and the connection closes
                // at once after it.
                let mut ended = false;
                let deadline = Instant::now() + WAIT;
                while !v.closed && Instant::now() < deadline {
                    if !ended && Instant::now() >= at {
                        ended = true;
                        let _ = v.ch.eof().await;
                    }
                    let wake = if ended { deadline } else { at };
                    if let Ok(msg) = tokio::time::timeout_at(wake, v.ch.wait()).await {
                        v.take(msg);
                    }
                }
                let _ = v
                    .ssh
                    .disconnect(russh::Disconnect::ByApplication, "", "en")
                    .await;
                v.closed
            }));
        }
        sleep_until(stop_at).await;
        kill(Pid::from_raw(server.pid() as i32), Signal::SIGTERM).unwrap();
        let status = wait_exit(&mut server.child, WAIT).expect("the server stops");
        for l in leaving {
            assert!(l.await.unwrap(), "every walkthrough ended");
        }
        races += 10;
        assert_eq!(status.code(), Some(0));
        // The log is read to its end: the server has exited, its stderr is closed.
        let deadline = std::time::Instant::now() + WAIT;
        while !server.log().contains("stopped") && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
        let log = server.log();
        assert!(log.contains("stopped"), "{log}");
        assert!(!log.contains("panicked"), "run {run}:\n{log}");
    }
    assert_eq!(races, 100);
}
