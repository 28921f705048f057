//! Saved progress: atomic, private, never the email address, and a bad file set aside rather
//! than lost. Through the store, and through the real binary in a pseudo-terminal.
#![cfg(unix)]

mod common;
#[path = "common/pty.rs"]
mod pty;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::sync::Arc;

use bezwaar::progress::{Notice, Progress, SavedReason, Sent, Store, VERSION};
use bezwaar::walk::{Picked, Walk};
use chrono::{DateTime, Utc};
use common::stap;

fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn sample() -> Progress {
    Progress {
        version: VERSION,
        page: "versturen".into(),
        picked: Some("all".into()),
        sent: vec![Sent {
            choice: "facebook".into(),
            at: t("2026-11-23T11:00:00Z"),
        }],
        reason: Some(SavedReason::Own("Niet voor AI.\nDank je.".into())),
        walkthrough: None,
    }
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Everything in `dir`, by name.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn saves_and_loads_the_same_progress_privately() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("new/sub/meta-ai.ron");
    let store = Store::at(state.clone());
    store.save(&sample()).unwrap();
    assert_eq!(
        store.load(t("2026-11-24T00:00:00Z")),
        (Some(sample()), None)
    );
    assert_eq!(mode(&state), 0o600, "only the person can read it");
    assert_eq!(mode(state.parent().unwrap()), 0o700);
    // Saving again replaces it; no temporary file stays behind, only the lock file that
    // two copies of bezwaar take turns on, private too.
    store
        .save(&Progress {
            page: "waarom".into(),
            ..sample()
        })
        .unwrap();
    assert_eq!(
        names(state.parent().unwrap()),
        vec!["meta-ai.ron", "meta-ai.ron.lock"]
    );
    assert_eq!(mode(&state.with_extension("ron.lock")), 0o600);
}

#[test]
fn a_file_saved_before_the_choices_were_renamed_resumes_and_is_written_the_same_way() {
    // Exactly what bezwaar wrote when the script's choices were still called platforms.
    let old = "(version: 1, page: \"versturen\", platforms: Some(\"facebook\"), \
               sent: [(platform: \"facebook\", at: \"2026-11-23T10:00:00Z\")], reason: Some(NoReason))";
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("meta-ai.ron");
    std::fs::write(&state, old).unwrap();
    let store = Store::at(state.clone());
    let (loaded, notice) = store.load(t("2026-11-24T00:00:00Z"));
    assert_eq!(notice, None, "nothing set aside");
    let loaded = loaded.expect("the old file loads");
    let script = Arc::new(bezwaar::script::embedded().unwrap());
    let walk = Walk::new(script, t("2026-11-24T00:00:00Z")).resume(&loaded);
    assert_eq!(walk.page().id.as_str(), "versturen");
    assert_eq!(walk.picked(), Some(Picked::One(0)), "Facebook only");
    assert_eq!(walk.yes_at(0), Some(t("2026-11-23T10:00:00Z")));
    assert_eq!(walk.reason(), Some(bezwaar::walk::Reason::NoReason));
    // Saved again, it reads as before, so an older bezwaar on the same file keeps it too.
    store.save(&walk.progress()).unwrap();
    let written = std::fs::read_to_string(&state).unwrap();
    assert!(
        written.contains("platforms: Some(\"facebook\")"),
        "{written}"
    );
    assert!(written.contains("platform: \"facebook\""), "{written}");
    assert_eq!(store.load(t("2026-11-24T00:00:00Z")), (Some(loaded), None));
}

#[test]
fn a_failed_write_leaves_the_old_file_and_no_partial_file() {
    let dir = tempfile::tempdir().unwrap();
    // A folder where the file should be: the rename over it fails.
    let state = dir.path().join("meta-ai.ron");
    std::fs::create_dir(&state).unwrap();
    let store = Store::at(state.clone());
    assert!(store.save(&sample()).is_err());
    assert_eq!(
        names(dir.path()),
        vec!["meta-ai.ron", "meta-ai.ron.lock"],
        "no temporary file left"
    );
    assert!(state.is_dir());
}

#[test]
fn a_corrupt_or_newer_file_is_set_aside_never_deleted() {
    for (content, why) in [
        ("this is not RON {", "Expected"),
        ("(version: 99, page: \"waarom\")", "newer bezwaar"),
        ("\u{0}\u{1}binary", ""),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("meta-ai.ron");
        std::fs::write(&state, content).unwrap();
        let (loaded, notice) = Store::at(state.clone()).load(t("2026-11-23T12:00:00Z"));
        assert_eq!(loaded, None);
        let aside = dir.path().join("meta-ai.ron.corrupt-20261123T120000Z");
        match notice {
            Some(Notice::SetAside { to, why: said }) => {
                assert_eq!(to, aside);
                assert!(said.contains(why), "{said}");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            std::fs::read_to_string(&aside).unwrap(),
            content,
            "kept as it was"
        );
        assert!(!state.exists());
    }
}

#[test]
fn no_file_is_no_notice_and_no_store_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("meta-ai.ron");
    assert_eq!(Store::at(state).load(Utc::now()), (None, None));
    Store::none().save(&sample()).unwrap();
    assert_eq!(names(dir.path()), Vec::<String>::new());
}

#[test]
fn the_walk_takes_the_merged_sent_records_and_nothing_else() {
    // What another copy of bezwaar saved, merged (see `progress::merge`), in place of the
    // walk's own records: Facebook was taken away there, Instagram recorded.
    let script = Arc::new(bezwaar::script::embedded().unwrap());
    let mut walk = Walk::new(script, t("2026-11-23T12:00:00Z")).resume(&sample());
    assert_eq!(walk.yes_at(0), Some(t("2026-11-23T11:00:00Z")));
    let (page, dialog, revision) = (walk.page_index(), walk.dialog().copied(), walk.revision());
    let instagram = Sent {
        choice: "instagram".into(),
        at: t("2026-11-23T11:30:00Z"),
    };
    let unknown = Sent {
        choice: "threads".into(),
        at: t("2026-11-23T11:40:00Z"),
    };
    let before = walk.progress();
    walk.take_sent(&[instagram.clone(), unknown]);
    assert_eq!(walk.yes_at(0), None);
    assert_eq!(walk.yes_at(1), Some(instagram.at));
    // A platform this script does not have is not the walk's; the rest is as it was, and the
    // views see a new state.
    assert_eq!(
        walk.progress(),
        bezwaar::progress::Progress {
            sent: vec![instagram],
            ..before
        }
    );
    assert_eq!((walk.page_index(), walk.dialog().copied()), (page, dialog));
    assert_ne!(walk.revision(), revision);
}

/// The walk through the real binary, with progress in `state`.
fn start(state: &Path, extra: &[&str]) -> pty::Pty {
    let state = state.parent().unwrap().to_str().unwrap();
    let mut args = vec![
        "--lang",
        "nl",
        "--links",
        "show",
        "--now",
        "2026-11-23T12:00:00+01:00",
        "--state",
        state,
    ];
    args.extend_from_slice(extra);
    pty::spawn(&args, &[("TZ", "UTC")], 80, 24)
}

#[test]
fn quit_and_start_again_resumes_where_you_were_without_the_email() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state/meta-ai.ron");
    let mut p = start(&state, &[]);
    p.wait_for(&stap(1));
    // Log in: both platforms.
    p.send("4");
    p.wait_for("▶ ( ) Facebook");
    p.send("\x1b[B\x1b[B\r");
    p.wait_for("(•) Allebei");
    // Fill in: the email, then a reason, copied.
    p.send("\x1b[C");
    p.wait_for(&stap(5));
    p.send("geheim@voorbeeld.nl");
    p.wait_for("Dit ziet eruit als een e-mailadres.");
    // Past the email's copy button to the first reason: picked, then copied with c.
    p.send("\x1b[B\x1b[B\r");
    p.wait_for("(•) Ik maak bezwaar");
    p.send("c");
    p.wait_for("Reden gekopieerd.");
    // Send: Facebook marked.
    p.send("\x1b[C");
    p.wait_for(&stap(6));
    p.send("\x1b[B\r");
    p.wait_for("(•) Ja, verstuurd op 23 november 2026 om 11:00");
    p.send("q");
    p.wait_for("Je voortgang is bewaard.");
    p.send("q");
    assert_eq!(p.wait_exit(), 0);

    let saved = std::fs::read_to_string(&state).unwrap();
    assert!(
        saved.contains("versturen") && saved.contains("facebook"),
        "{saved}"
    );
    for file in names(state.parent().unwrap()) {
        let bytes = std::fs::read(state.parent().unwrap().join(&file)).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("geheim"), "the email address is in {file}");
    }

    let mut p = start(&state, &[]);
    p.wait_for("Welkom terug! Je was bij stap 6: Versturen.");
    p.send("\r");
    p.wait_for("(•) Ja, verstuurd op 23 november 2026 om 11:00");
    p.wait_for("Heb je het Instagram-formulier verstuurd?");
    p.send("qq");
    assert_eq!(p.wait_exit(), 0);

    // Starting over asks, and keeps the old progress aside: nothing is lost.
    let mut p = start(&state, &[]);
    p.wait_for("Welkom terug!");
    p.send("n");
    p.wait_for("Weet je het zeker?");
    p.send("\x1b[B\r");
    p.wait_for(&stap(1));
    p.send("qq");
    assert_eq!(p.wait_exit(), 0);
    let dir = state.parent().unwrap();
    let old: Vec<String> = names(dir)
        .into_iter()
        .filter(|n| n.starts_with("meta-ai.ron.old-"))
        .collect();
    assert_eq!(old.len(), 1, "{:?}", names(dir));
    let kept = std::fs::read_to_string(dir.join(&old[0])).unwrap();
    assert!(kept.contains("facebook"), "the sent record is kept: {kept}");
    let now = std::fs::read_to_string(&state).unwrap();
    assert!(now.contains("waarom") && !now.contains("facebook"), "{now}");
}

#[test]
fn no_save_writes_nothing_and_a_corrupt_file_gets_a_notice() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("meta-ai.ron");
    let mut p = start(&state, &["--no-save"]);
    // --no-save and --state together is a usage error; --no-save alone uses no file.
    assert_eq!(p.wait_exit(), 2);

    let home = tempfile::tempdir().unwrap();
    let home_s = home.path().to_str().unwrap();
    let mut p = pty::spawn(
        &["--lang", "nl", "--no-save"],
        &[("HOME", home_s), ("XDG_STATE_HOME", home_s)],
        80,
        24,
    );
    p.wait_for(&stap(1));
    p.send("4\r");
    p.wait_for("(•) Facebook");
    p.send("q");
    p.wait_for("Wat je hier deed, wordt niet bewaard.");
    p.send("q");
    p.wait_exit();
    assert_eq!(names(home.path()), Vec::<String>::new(), "nothing written");

    std::fs::write(&state, "kapot {").unwrap();
    let mut p = start(&state, &[]);
    p.wait_for("Je opgeslagen voortgang kon niet worden gelezen.");
    p.send("qq");
    p.wait_exit();
    assert!(
        names(dir.path())
            .iter()
            .any(|n| n.starts_with("meta-ai.ron.corrupt-"))
    );
}

#[test]
fn two_writers_at_once_lose_no_record() {
    // Two copies saving as fast as they can, each its own platform, its time new at every
    // save: the lock keeps each read-merge-write whole, so the file ends with both.
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("meta-ai.ron");
    let writers: Vec<_> = ["facebook", "instagram"]
        .into_iter()
        .map(|platform| {
            let store = Store::at(state.clone());
            std::thread::spawn(move || {
                let mut base = Progress::default();
                for i in 0..50_i64 {
                    let mut ours = base.clone();
                    ours.version = VERSION;
                    ours.page = format!("{platform}-{i}");
                    ours.sent.retain(|s| s.choice != platform);
                    ours.sent.push(Sent {
                        choice: platform.into(),
                        at: t("2026-11-23T11:00:00Z") + chrono::TimeDelta::seconds(i),
                    });
                    let (merged, _) = store.save_merged(&base, &ours).unwrap();
                    base = merged;
                }
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }
    // Both records, each as its writer last saved it: no write was lost in between.
    let (saved, _) = Store::at(state).load(Utc::now());
    let mut sent = saved.unwrap().sent;
    sent.sort_by(|a, b| a.choice.cmp(&b.choice));
    let last = t("2026-11-23T11:00:49Z");
    let sent: Vec<(&str, DateTime<Utc>)> = sent.iter().map(|s| (s.choice.as_str(), s.at)).collect();
    assert_eq!(sent, [("facebook", last), ("instagram", last)]);
}
