//! Over SSH, a person who only presses Enter reaches the last page in every language, at
//! 80x24 and 40x15, and nothing there (or on the way) says a form was sent: only "yes",
//! chosen by a move, records that.

mod serve_support;

use std::time::Duration;

use serve_support::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn enter_alone_over_ssh_reaches_the_end_and_claims_nothing_was_sent() {
    let server = Server::start(&[]);
    for (locale, step1, last, claims) in [
        (
            "nl_NL.UTF-8",
            &stap(1),
            &stap(pages()),
            ["verstuurd op", "Wat je hebt verstuurd"],
        ),
        (
            "en_GB.UTF-8",
            &step(1),
            &step(pages()),
            ["sent on", "What you have sent"],
        ),
        (
            "de_DE.UTF-8",
            &schritt(1),
            &schritt(pages()),
            ["gesendet am", "Das haben Sie gesendet"],
        ),
    ] {
        for (cols, rows) in [(80, 24), (40, 15)] {
            let mut v = Visitor::open(server.addr, Some(locale), cols, rows).await;
            v.sees(step1).await;
            let mut presses = 0;
            while !v.text().contains(last) {
                assert!(
                    presses < 40,
                    "{locale} {cols}x{rows}: 40 Enters and not at the end"
                );
                v.press(b"\r").await;
                presses += 1;
                v.drain(Duration::from_millis(60)).await;
                for claim in claims {
                    assert!(
                        !v.text().contains(claim),
                        "{locale}: {claim:?} after {presses} Enters:\n{}",
                        v.text()
                    );
                }
            }
            // And a few more at the end: Enter asks "stop?", whose Enter goes on.
            for _ in 0..4 {
                v.press(b"\r").await;
                v.drain(Duration::from_millis(60)).await;
                assert!(!v.closed, "{locale}: Enter ended the walk");
            }
            for claim in claims {
                assert!(
                    !v.text().contains(claim),
                    "{locale}: {claim:?} at the end:\n{}",
                    v.text()
                );
            }
            eprintln!("{locale} {cols}x{rows}: the last page after {presses} Enters");
            v.press(b"qq").await;
            v.closes().await;
        }
    }
}
