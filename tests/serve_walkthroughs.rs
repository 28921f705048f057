//! Several walkthroughs over SSH (issue 23): every visitor of `bezwaar serve` gets the same
//! chooser as the local screen, Enter picks the first, and the last page leads on to the next;
//! and a made-up third walkthrough in a made-up language (`--script`) is served with no Rust
//! change.

mod serve_support;

use std::time::Duration;

use bezwaar::shelf::Shelf;
use bezwaar::text::Lang;
use serve_support::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_visitor_chooses_and_enter_alone_goes_through_each_walkthrough() {
    let shelf = Shelf::built_in().unwrap();
    let server = Server::start_every(&[]);
    let mut v = Visitor::open(server.addr, Some("nl_NL.UTF-8"), 80, 24).await;
    v.sees("Waar wil je mee beginnen?").await;
    let ids: Vec<&str> = shelf.ids().collect();
    for id in &ids {
        let title = shelf.get(id).unwrap().title.get(Lang::Nl).to_owned();
        assert!(v.text().contains(&title), "{title}:\n{}", v.text());
    }
    // Enter alone: the chooser's first, to its end, on to the next, to its end.
    for id in &ids {
        let pages = shelf.get(id).unwrap().pages.len();
        let title = shelf.get(id).unwrap().title.get(Lang::Nl).to_owned();
        let mut presses = 0;
        while !(v.text().contains(&format!("Stap {pages} van {pages}"))
            && v.text().contains(&title))
        {
            assert!(
                presses < 60,
                "{id}: 60 Enters and not at its end:\n{}",
                v.text()
            );
            v.press(b"\r").await;
            presses += 1;
            v.drain(Duration::from_millis(60)).await;
            for claim in ["verstuurd op", "uitgezet op"] {
                assert!(!v.text().contains(claim), "{claim:?}:\n{}", v.text());
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_made_up_third_walkthrough_in_a_made_up_language_is_served_as_it_is() {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/scripts/every-block.ron");
    let catalogs = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/i18n");
    let pages = bezwaar::script::load(std::path::Path::new(script))
        .unwrap()
        .pages
        .len();
    let server = Server::start_every(&[
        "--script",
        script,
        "--catalogs",
        catalogs,
        "--lang",
        "xx",
        "--now",
        "2026-12-06T12:00:00+01:00",
    ]);
    let mut v = Visitor::open(server.addr, None, 80, 24).await;
    v.sees(&format!("[xx] Step 1 of {pages}")).await;
    v.sees("[xx] Before the date.").await;
    v.press(b"\r").await;
    v.sees("[xx] Which?").await;
    // "Neither" (the fourth answer), then on: the page for users is skipped.
    v.press(b"\x1b[B\x1b[B\x1b[B\r").await;
    v.sees("[xx] Nothing to do.").await;
    let last = format!("[xx] Step {pages} of {pages}");
    let mut presses = 0;
    while !v.text().contains(&last) {
        assert!(presses < 8, "8 Enters and not at the end:\n{}", v.text());
        v.press(b"\r").await;
        presses += 1;
        v.drain(Duration::from_millis(60)).await;
    }
    v.sees("[xx] You chose [xx] Neither.").await;
}
