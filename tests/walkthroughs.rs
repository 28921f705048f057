//! Several walkthroughs in one binary (issue 23): every `data/*.ron` is built in; with more
//! than one, the walk starts at a chooser whose Enter picks the first; the last page of one
//! offers the next, so Enter alone does them all in one sitting; progress is kept per
//! walkthrough, and the one file of older versions becomes the first walkthrough's.

mod common;
#[path = "common/pty.rs"]
mod pty;

use std::process::Command;
use std::sync::Arc;

use bezwaar::app::App;
use bezwaar::progress::{Progress, Store, VERSION};
use bezwaar::runner::Opener;
use bezwaar::script;
use bezwaar::shelf::Shelf;
use bezwaar::text::Lang;
use bezwaar::walk::{Action, Effect, Item, Walk};
use common::{key, plain_run, time};
use crossterm::event::KeyCode;

const BIN: &str = env!("CARGO_BIN_EXE_bezwaar");
const NOW: &str = "2026-12-06T12:00:00+01:00";

/// The built-in walkthroughs' ids, in the chooser's order.
fn ids() -> Vec<String> {
    Shelf::built_in()
        .unwrap()
        .ids()
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_data_file_is_built_in_and_passes_check() {
    let mut on_disk: Vec<String> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut built: Vec<String> = script::BUILT_IN
        .iter()
        .map(|(id, _)| id.to_string())
        .collect();
    built.sort();
    assert_eq!(built, on_disk);
    assert!(built.len() >= 2, "Meta and LinkedIn: {built:?}");
    let out = Command::new(BIN).arg("check").output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{said}");
    for id in &built {
        assert!(
            said.contains(&format!("data/{id}.ron (built in): ok")),
            "{said}"
        );
    }
    // Meta first, as its `order` says.
    assert_eq!(ids()[0], "meta-ai");
}

#[test]
fn the_chooser_has_a_line_per_walkthrough_and_enter_picks_the_first() {
    let shelf = Shelf::built_in().unwrap();
    let mut walk = shelf.chooser(time(NOW));
    let offers: Vec<Item> = (0..shelf.len()).map(Item::Offer).collect();
    assert_eq!(walk.items(), offers);
    assert_eq!(
        walk.update(Action::Activate),
        vec![Effect::Switch(ids()[0].clone())]
    );
    // The second line leads to the second.
    let mut walk = shelf.chooser(time(NOW));
    walk.update(Action::FocusNext);
    assert_eq!(
        walk.update(Action::Activate),
        vec![Effect::Switch(ids()[1].clone())]
    );
}

/// The Enter key at an 80x24 window, until the walk asks to go elsewhere (or `max` presses):
/// that effect. Nothing on the way may be recorded as done.
fn enter_to_the_end(app: &mut App, max: usize) -> Option<Effect> {
    for _ in 0..max {
        for effect in key(app, KeyCode::Enter) {
            if let Effect::Switch(_) = effect {
                return Some(effect);
            }
        }
        assert!(
            app.walk().progress().sent.is_empty(),
            "Enter alone recorded something as done"
        );
    }
    None
}

#[test]
fn enter_alone_does_every_walkthrough_in_one_sitting_and_records_nothing() {
    let shelf = Arc::new(Shelf::built_in().unwrap());
    let ids = ids();
    let mut opener = Opener::new(shelf.clone(), None);
    let like = Walk::new(shelf.first().1.clone(), time(NOW));
    let walk = opener.start(None, &like).walk;
    let mut app = App::new(shelf.first().1.clone(), Lang::Nl, time(NOW), (80, 24)).with_walk(walk);
    // The chooser, then each walkthrough in turn.
    let mut went = Vec::new();
    while let Some(Effect::Switch(id)) = enter_to_the_end(&mut app, 80) {
        went.push(id.clone());
        let next = opener.open(&id, app.walk()).unwrap().walk;
        app.set_walk(next);
        assert!(went.len() <= ids.len(), "round and round: {went:?}");
    }
    assert_eq!(went, ids);
    // At the very end, Enter asks "stop?", and its Enter goes on: never out by accident.
    assert!(app.walk().offers().is_empty());
    assert!(app.walk().dialog().is_some());
    key(&mut app, KeyCode::Enter);
    assert!(!app.walk().should_quit());
}

#[test]
fn progress_is_kept_per_walkthrough_and_the_old_file_becomes_the_first_ones() {
    let dir = tempfile::tempdir().unwrap();
    let old = Progress {
        version: VERSION,
        page: "deadline".into(),
        picked: Some("instagram".into()),
        ..Progress::default()
    };
    Store::at(dir.path().join("progress.ron"))
        .save(&old)
        .unwrap();
    let now = time(NOW);
    let meta = Store::in_folder(dir.path(), "meta-ai", true);
    assert_eq!(meta.path(), Some(dir.path().join("meta-ai.ron").as_path()));
    assert_eq!(meta.load(now).0, Some(old.clone()));
    assert!(!dir.path().join("progress.ron").exists());
    // Another walkthrough starts fresh, in its own file.
    let other = Store::in_folder(dir.path(), "linkedin-ai", false);
    assert_eq!(other.load(now).0, None);
    // Through the opener, each walkthrough resumes its own.
    let shelf = Arc::new(Shelf::built_in().unwrap());
    let mut opener = Opener::new(shelf.clone(), Some(dir.path().to_path_buf()));
    let like = Walk::new(shelf.first().1.clone(), now);
    let meta = opener.open("meta-ai", &like).unwrap();
    assert_eq!(meta.walk.page().id.as_str(), "deadline");
    let second = opener.open(&ids()[1], &like).unwrap();
    assert_eq!(second.walk.page_index(), 0);
}

#[test]
fn the_binary_starts_at_the_chooser_and_its_enter_starts_the_first() {
    let ids = ids();
    let shelf = Shelf::built_in().unwrap();
    let home = tempfile::tempdir().unwrap();
    let home = home.path().to_str().unwrap();
    let mut p = pty::spawn_program(
        BIN,
        &["--lang", "nl", "--no-save", "--now", NOW],
        &[("HOME", home), ("XDG_STATE_HOME", home)],
        80,
        24,
    );
    p.wait_for("Waar wil je mee beginnen?");
    for id in &ids {
        let title = shelf
            .get(id)
            .unwrap()
            .title
            .get(bezwaar::text::Lang::Nl)
            .to_owned();
        p.wait_for(&title);
    }
    p.send("\r");
    let pages = shelf.get(&ids[0]).unwrap().pages.len();
    p.wait_for(&format!("Stap 1 van {pages}"));
    p.send("q");
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
}

#[test]
fn plain_mode_offers_the_same_choice_and_walks_on_with_enter() {
    let shelf = Shelf::built_in().unwrap();
    let ids = ids();
    let (code, said) = plain_run(
        &["--lang", "en", "--no-save", "--now", NOW],
        &"\n".repeat(120),
    );
    assert_eq!(code, Some(0), "{said}");
    assert!(
        said.contains("Which one do you want to start with?"),
        "{said}"
    );
    // Every page of every walkthrough, in order: Enter alone went through them all.
    let mut rest: &str = &said;
    for id in &ids {
        let s = shelf.get(id).unwrap();
        for (i, page) in s.pages.iter().enumerate() {
            let line = format!(
                "Step {} of {}: {}",
                i + 1,
                s.pages.len(),
                page.title.get(bezwaar::text::Lang::En)
            );
            let at = rest
                .find(&line)
                .unwrap_or_else(|| panic!("{id}: no {line:?} in order:\n{said}"));
            rest = &rest[at..];
        }
    }
    assert!(
        !said.contains("sent on") && !said.contains("switched off on"),
        "{said}"
    );
}

#[test]
fn print_and_a_wrong_walkthrough_id_say_which() {
    let shelf = Shelf::built_in().unwrap();
    for id in shelf.ids() {
        let out = Command::new(BIN)
            .args([
                "print",
                "--walkthrough",
                id,
                "--lang",
                "en",
                "--format",
                "text",
            ])
            .args(["--now", NOW])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        let title = shelf
            .get(id)
            .unwrap()
            .title
            .get(bezwaar::text::Lang::En)
            .to_owned();
        let paper = String::from_utf8_lossy(&out.stdout);
        assert!(paper.starts_with(&title), "{id}: {paper}");
    }
    let out = Command::new(BIN)
        .args(["--walkthrough", "tiktok-ai", "--no-save"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains(
            "--walkthrough tiktok-ai: no such walkthrough; built in: meta-ai, linkedin-ai"
        ),
        "{said}"
    );
}
