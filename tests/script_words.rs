//! The script says the words of its own questions and summary, and a deadline is optional:
//! a made-up walkthrough without a deadline (tests/scripts/no-deadline.ron) asks "did you
//! switch it off?" with no Rust change, and `check` points at what a script gets wrong about
//! its questions, its placeholders and its deadline, at file:line:col.

mod common;

use std::path::PathBuf;
use std::sync::Arc;

use bezwaar::app::{App, Item};
use bezwaar::script::{self, Script};
use bezwaar::text::Lang;
use common::{AFTER, ch, key, screen, time};
use crossterm::event::KeyCode;

const FILE: &str = "tests/scripts/no-deadline.ron";

fn source() -> String {
    std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(FILE)).unwrap()
}

fn no_deadline() -> Script {
    script::parse(FILE, &source()).expect("the test script is valid")
}

/// `src` with `from` (which occurs once) replaced by `to`.
fn with(src: &str, from: &str, to: &str) -> String {
    assert_eq!(src.matches(from).count(), 1, "{from:?} occurs once");
    src.replacen(from, to, 1)
}

/// The problems `check` finds in `src`, one line each.
fn problems(src: &str) -> Vec<String> {
    match script::parse(FILE, src) {
        Ok(_) => panic!("expected problems"),
        Err(e) => e.problems.iter().map(ToString::to_string).collect(),
    }
}

/// Line and column (from 1, in characters) where `needle` starts in `src`; it occurs once.
fn at(src: &str, needle: &str) -> String {
    assert_eq!(src.matches(needle).count(), 1, "{needle:?} occurs once");
    let i = src.find(needle).unwrap();
    let before = &src[..i];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap().chars().count() + 1;
    format!("{FILE}:{line}:{col}")
}

/// The question of the made-up script, as its own line.
const CHOOSE: &str = "                Choose(question: (nl: \"Welke gebruik je?\", en: \"Which do you use?\"), all: (nl: \"Allemaal\", en: \"All of them\"), none: (nl: \"Geen ervan\", en: \"None of them\")),\n";

#[test]
fn a_walkthrough_without_a_deadline_asks_its_own_question_and_sums_up_in_its_own_words() {
    let script = no_deadline();
    assert!(script.deadline.is_none());
    let mut app = App::new(Arc::new(script), Lang::Nl, time(AFTER), (80, 24));
    assert_eq!(app.walk().countdown(), None);
    assert_eq!(
        app.walk().next_tick(),
        None,
        "nothing changes with the clock"
    );
    ch(&mut app, '2');
    let s = screen(&app);
    assert!(
        s.contains("Heb je de schakelaar van Voorbeeld uitgezet?") && s.contains("▶ (•) Nog niet"),
        "{s}"
    );
    assert!(s.contains("( ) Ja, uitgezet"), "{s}");
    assert!(
        !s.contains("verstuurd"),
        "no word of the other walkthrough:\n{s}"
    );
    // The safe answer is on Enter, and the script says what that means.
    assert_eq!(app.walk().focus(), Some(Item::Answer(0, false)));
    key(&mut app, KeyCode::Enter);
    assert!(app.yes_at(0).is_none());
    let s = screen(&app);
    assert!(
        s.contains("Nog niet uitgezet. De instellingen staan bij stap 1."),
        "{s}"
    );
    // Focus went on past the question; only "yes", reached on purpose, records it, with
    // the time.
    assert_eq!(app.walk().focus(), Some(Item::Next));
    key(&mut app, KeyCode::Up);
    assert_eq!(app.walk().focus(), Some(Item::Answer(0, true)));
    key(&mut app, KeyCode::Enter);
    assert!(app.yes_at(0).is_some());
    let s = screen(&app);
    assert!(
        s.contains("(•) Ja, uitgezet op 23 november 2026 om 11:00"),
        "{s}"
    );
    // "Not yet" again asks first, in the script's words.
    key(&mut app, KeyCode::Up);
    key(&mut app, KeyCode::Up);
    assert_eq!(app.walk().focus(), Some(Item::Answer(0, false)));
    key(&mut app, KeyCode::Enter);
    let s = screen(&app);
    assert!(
        s.contains("Dan staat de schakelaar niet meer als uitgezet."),
        "{s}"
    );
    key(&mut app, KeyCode::Esc);
    assert!(app.yes_at(0).is_some(), "Esc keeps it");
    ch(&mut app, '3');
    let s = screen(&app);
    assert!(
        s.contains("Wat je hebt uitgezet:")
            && s.contains("• Voorbeeld: uitgezet op 23 november 2026 om 11:00"),
        "{s}"
    );
}

#[test]
fn on_paper_the_boxes_are_the_scripts_words() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_bezwaar"))
        .args([
            "print", "--script", FILE, "--format", "text", "--lang", "nl",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let paper = String::from_utf8(out.stdout).unwrap();
    assert!(
        paper.contains("[ ] Voorbeeld: schakelaar uitgezet")
            && paper.contains("[ ] Voorbeeld: schakelaar staat uit"),
        "{paper}"
    );
    assert!(!paper.contains("Verzenden"), "{paper}");
    assert!(
        !paper.contains("deadline"),
        "no deadline on paper:\n{paper}"
    );
}

#[test]
fn the_summary_says_the_scripts_words_for_nothing_yet_and_for_none() {
    let mut app = App::new(Arc::new(no_deadline()), Lang::En, time(AFTER), (80, 24));
    ch(&mut app, '3');
    assert!(
        screen(&app).contains("Nothing is off yet."),
        "{}",
        screen(&app)
    );
    // "None of them" on the first page: the last page says there is nothing to do.
    ch(&mut app, '1');
    while app.walk().focus() != Some(Item::Choose(bezwaar::app::Picked::Nothing)) {
        key(&mut app, KeyCode::Down);
    }
    key(&mut app, KeyCode::Enter);
    ch(&mut app, '3');
    let s = screen(&app);
    assert!(
        s.contains("You chose: None of them. There is nothing to switch off."),
        "{s}"
    );
}

#[test]
fn a_countdown_or_deadline_text_without_a_deadline_is_reported_where_it_is() {
    let src = source();
    let edited = with(
        &src,
        CHOOSE,
        &format!(
            "{CHOOSE}                Countdown,\n                If(Before, Para((nl: \"Voor\", en: \"Before\", cites: [\"proef\"]))),\n                If(After, Para((nl: \"Na\", en: \"After\", cites: [\"proef\"]))),\n"
        ),
    );
    let page = at(&edited, "\"kiezen\"");
    let before = at(&edited, "\"Voor\"");
    let after = at(&edited, "\"Na\"");
    let fix = "needs the script's deadline: add deadline: \"…\" (RFC 3339, such as \
               2025-05-27T00:00:00+02:00) or leave the";
    assert_eq!(
        problems(&edited),
        vec![
            format!("{page}: page 1 (\"kiezen\") block 3 (Countdown) {fix} block out"),
            format!(
                "{before}: page 1 (\"kiezen\") block 4 condition (Before or After) {fix} condition out"
            ),
            format!(
                "{after}: page 1 (\"kiezen\") block 5 condition (Before or After) {fix} condition out"
            ),
        ]
    );
    // With a deadline, the same blocks are fine.
    let dated = with(
        &edited,
        "    reviewed: \"2026-12-01\",\n",
        "    reviewed: \"2026-12-01\",\n    deadline: \"2030-01-01T00:00:00+01:00\",\n",
    );
    assert!(script::parse(FILE, &dated).is_ok());
}

#[test]
fn a_placeholder_its_place_does_not_fill_is_reported_at_its_text() {
    let src = with(
        &source(),
        "yes_at: (nl: \"Ja, uitgezet op {when}\"",
        "yes_at: (nl: \"Ja, uitgezet op {wanneer}\"",
    );
    let src = with(
        &src,
        "heading: (nl: \"Wat je hebt uitgezet:\", en: \"What you switched off:\")",
        "heading: (nl: \"Wat je hebt uitgezet:\", en: \"What {name} switched off:\")",
    );
    assert_eq!(
        problems(&src),
        vec![
            format!(
                "{}: page 2 (\"uitzetten\") block 2 yes_at, nl, uses {{wanneer}}, which is not \
                 filled in there: it may use {{name}} and {{when}}",
                at(&src, "\"Ja, uitgezet op {wanneer}\"")
            ),
            format!(
                "{}: page 3 (\"klaar\") block 1 heading, en, uses {{name}}, which is not filled \
                 in there: it may use no placeholders",
                at(&src, "\"What {name} switched off:\"")
            ),
        ]
    );
}

#[test]
fn an_old_name_is_reported_at_its_place_like_any_other_mistake() {
    let src = with(&source(), CHOOSE, "                PlatformChoice,\n");
    let found = problems(&src);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with(&format!("{}: ", at(&src, "PlatformChoice")))
            && found[0].contains("`PlatformChoice`"),
        "{found:?}"
    );
    let src = with(&source(), "    choices: [", "    platforms: [");
    let found = problems(&src);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with(&format!("{}: ", at(&src, "platforms")))
            && found[0].contains("`platforms`"),
        "{found:?}"
    );
}

#[test]
fn a_question_and_a_summary_need_every_text_in_every_language() {
    let src = with(
        &source(),
        "safe: (nl: \"Nog niet\", en: \"Not yet\")",
        "safe: (nl: \"Nog niet\")",
    );
    assert_eq!(
        problems(&src),
        vec![format!(
            "{}: page 2 (\"uitzetten\") block 2 safe has no English (en) translation",
            at(&src, "\"Nog niet\"")
        )]
    );
}
