//! Two copies of bezwaar on one progress file — a helper's SSH login as the person beside the
//! person's own window — through the real binary, twice, in two pseudo-terminals: what one
//! copy records as sent is never lost by the other, and shows in its window too. And when
//! progress cannot be saved, no question promises that it is.
#![cfg(unix)]

mod common;
#[path = "common/pty.rs"]
mod pty;

use std::path::Path;
use std::thread;
use std::time::{Duration, Instant};

use common::{schritt, stap, step};

/// The Dutch walk through the real binary, with progress in `state`.
fn start(state: &Path, lang: &str) -> pty::Pty {
    let args = [
        "--lang",
        lang,
        "--links",
        "show",
        "--now",
        "2026-11-23T12:00:00+01:00",
        "--state",
        state.parent().unwrap().to_str().unwrap(),
    ];
    pty::spawn(&args, &[("TZ", "UTC")], 80, 24)
}

/// Waits until the saved file holds `what`, up to 10 seconds.
fn wait_for_file(state: &Path, what: &str) -> String {
    let start = Instant::now();
    loop {
        let text = std::fs::read_to_string(state).unwrap_or_default();
        if text.contains(what) {
            return text;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "{what:?} never saved:\n{text}"
        );
        thread::sleep(Duration::from_millis(20));
    }
}

/// Both platforms chosen ("Allebei"), then on the send page.
fn to_the_send_page(p: &mut pty::Pty) {
    p.wait_for(&stap(1));
    p.send("4");
    p.wait_for("▶ ( ) Facebook");
    p.send("\x1b[B\x1b[B\r");
    p.wait_for("(•) Allebei");
    p.send("6");
    p.wait_for(&stap(6));
}

#[test]
fn what_one_copy_records_as_sent_the_other_keeps_and_shows() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state/meta-ai.ron");
    // Both open before anything is saved: neither has seen the other's records.
    let mut a = start(&state, "nl");
    let mut b = start(&state, "nl");
    a.wait_for(&stap(1));
    b.wait_for(&stap(1));

    // Copy A: Instagram sent.
    to_the_send_page(&mut a);
    a.mark_sent_nl(1, "Instagram");
    wait_for_file(&state, "instagram");

    // Copy B never saw it: its own choices and a page on keep A's record in the file, and
    // B's window shows it when it gets to the send page.
    b.send("4");
    b.wait_for(&stap(4));
    b.send("\x1b[B\x1b[B\r");
    b.wait_for("(•) Allebei");
    b.send("\x1b[C");
    b.wait_for(&stap(5));
    b.send("\x1b[C");
    b.wait_for(&stap(6));
    b.wait_for("(•) Ja, verstuurd op 23 november 2026 om 11:00");
    b.wait_for("▶ (•) Nog niet");
    let saved = wait_for_file(&state, "versturen");
    assert!(saved.contains("instagram"), "A's record is gone:\n{saved}");

    // B records Facebook: the file has both.
    b.mark_sent_nl(0, "Facebook");
    let saved = wait_for_file(&state, "facebook");
    assert!(saved.contains("instagram"), "{saved}");

    // A, which changed nothing since, shows B's record at its next key, even one that
    // changes no saved progress (↑ only moves the focus).
    a.send("\x1b[A");
    a.wait_for_times("(•) Ja, verstuurd op 23 november 2026 om 11:00", 2);

    // A takes its own record away on purpose (are you sure? yes): it stays away, in the file
    // and in B's window, and B's Facebook stays. (↑ put the focus on Instagram.)
    a.unmark_sent_nl("Instagram");
    let start = Instant::now();
    while std::fs::read_to_string(&state)
        .unwrap()
        .contains("instagram")
    {
        assert!(start.elapsed() < Duration::from_secs(10), "never removed");
        thread::sleep(Duration::from_millis(20));
    }
    b.send("\x1b[D");
    b.wait_for(&stap(5));
    b.send("\x1b[C");
    b.wait_for(&stap(6));
    b.wait_for_times("(•) Ja, verstuurd op", 1);
    b.wait_for_times("(•) Nog niet", 1);
    let saved = std::fs::read_to_string(&state).unwrap();
    assert!(
        saved.contains("facebook") && !saved.contains("instagram"),
        "{saved}"
    );

    for mut p in [a, b] {
        p.send("qq");
        assert_eq!(p.wait_exit(), 0);
    }
}

#[test]
fn when_progress_cannot_be_saved_stop_says_so_in_every_language() {
    // A regular file where the state folder should be: no folder can be made there, not even
    // by root (who may write where permissions say no).
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a-file"), "").unwrap();
    let state = dir.path().join("a-file/meta-ai.ron");
    for (lang, step, cannot, stop, promise) in [
        (
            "nl",
            &stap(2),
            "Je voortgang kan hier niet worden bewaard.",
            "Je voortgang kon niet worden bewaard.",
            "Je voortgang is bewaard.",
        ),
        (
            "en",
            &step(2),
            "Your progress cannot be saved here.",
            "Your progress could not be saved.",
            "Your progress is saved.",
        ),
        (
            "de",
            &schritt(2),
            "Ihr Fortschritt kann hier nicht gespeichert werden.",
            "Ihr Fortschritt konnte nicht gespeichert werden.",
            "Ihr Fortschritt ist gespeichert.",
        ),
    ] {
        let mut p = start(&state, lang);
        p.send("\x1b[C");
        p.wait_for(step);
        p.wait_for(cannot);
        p.send("q");
        p.wait_for(stop);
        assert!(!p.screen().contains(promise), "{lang}:\n{}", p.screen());
        p.send("q");
        assert_eq!(p.wait_exit(), 0);
    }
}

#[test]
fn a_folder_that_cannot_be_written_is_said_at_once_and_start_over_promises_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("meta-ai.ron");
    std::fs::write(
        &state,
        "(version: 1, page: \"deadline\", sent: [(platform: \"facebook\", at: \"2026-11-23T10:00:00Z\")])",
    )
    .unwrap();
    // Where the lock file goes, a folder: nothing can be written here, not even by root.
    std::fs::create_dir(dir.path().join("meta-ai.ron.lock")).unwrap();
    let mut p = start(&state, "nl");
    p.wait_for("Welkom terug! Je was bij stap 3: Deadline.");
    p.wait_for("Je voortgang kan hier niet worden bewaard.");
    p.send("n");
    p.wait_for("Weet je het zeker?");
    p.wait_for("Dan begin je weer bij stap 1.");
    assert!(!p.screen().contains("apart bewaard"), "{}", p.screen());
    // Esc: back to "welcome back"; go on where you were, then stop.
    p.send("\x1b");
    p.wait_for("Welkom terug!");
    p.send("\r");
    p.wait_for(&stap(3));
    p.send("q");
    p.wait_for("Je voortgang kon niet worden bewaard.");
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
    // The file is as it was: still Facebook's record.
    assert!(
        std::fs::read_to_string(&state)
            .unwrap()
            .contains("facebook")
    );
}
