//! A person who only knows Enter: from the first page to the last with nothing else, in both
//! languages, at 80x24 and 40x15, fresh and after "welcome back". The counts are the README's
//! ("A walk on Enter alone"); `cargo test --test enter_only -- --nocapture` prints them.

mod common;

use bezwaar::app::{App, Picked};
use bezwaar::links::Target;
use bezwaar::progress::Progress;
use bezwaar::text::Lang;
use common::*;
use crossterm::event::KeyCode;

/// What Enter alone did: the presses until the Facebook form opened (its link panel) and
/// until the last page showed, and every form opened on the way, in order.
#[derive(Debug)]
struct Walked {
    to_form: usize,
    to_end: usize,
    opened: Vec<String>,
}

/// Presses Enter, and nothing else, until the last page shows (at most 40 times).
fn enter_only(mut app: App) -> Walked {
    let last = app.walk().script().pages.len() - 1;
    let mut opened: Vec<String> = Vec::new();
    let mut to_form = None;
    for n in 1..=40 {
        let effects = key(&mut app, KeyCode::Enter);
        // A copy button copies; nothing else is started (links go to the panel here).
        assert!(
            effects
                .iter()
                .all(|e| matches!(e, bezwaar::app::Effect::Copy(_))),
            "{effects:?}"
        );
        assert!(!app.walk().should_quit(), "Enter never stops the walk");
        if let Some(p) = app.walk().panel() {
            let url = app.walk().link_url(p.page, p.link).unwrap();
            if opened.last() != Some(&url) {
                opened.push(url.clone());
            }
            if url == FACEBOOK && to_form.is_none() {
                to_form = Some(n);
            }
        }
        // Enter alone never says a form was sent: only "yes", chosen by a move, does.
        assert!(app.walk().progress().sent.is_empty(), "{}", screen(&app));
        if app.walk().page_index() == last {
            // And on at the end: Enter asks "stop?", whose Enter goes on, again and again.
            for _ in 0..6 {
                key(&mut app, KeyCode::Enter);
                assert!(!app.walk().should_quit() && app.walk().page_index() == last);
            }
            let s = screen(&app);
            for claim in [
                "verstuurd op",
                "sent on",
                "gesendet am",
                "What you have sent",
            ] {
                assert!(!s.contains(claim), "{claim:?} on\n{s}");
            }
            assert!(app.walk().progress().sent.is_empty());
            return Walked {
                to_form: to_form.unwrap_or(0),
                to_end: n,
                opened,
            };
        }
    }
    panic!("40 Enters and not at the end:\n{}", screen(&app));
}

fn fresh(lang: Lang, w: u16, h: u16) -> App {
    app(lang, AFTER, w, h).with_link_target(Target::Show)
}

/// Someone who stopped on the deadline page with nothing chosen yet, back again.
fn welcomed(lang: Lang, w: u16, h: u16) -> App {
    let saved = Progress {
        page: "deadline".to_owned(),
        ..saved_on_deadline()
    };
    fresh(lang, w, h).resume(&saved)
}

#[test]
fn enter_alone_carries_the_person_to_the_end() {
    for lang in [Lang::Nl, Lang::En, Lang::De] {
        for (w, h) in [(80, 24), (40, 15)] {
            for (start, app) in [
                ("fresh", fresh(lang, w, h)),
                ("welcome back", welcomed(lang, w, h)),
            ] {
                let walked = enter_only(app);
                eprintln!(
                    "{lang} {w}x{h} {start}: Facebook form after {} Enters, last page after {}",
                    walked.to_form, walked.to_end
                );
                // The first answer, Facebook, is chosen by Enter: its form is the one opened.
                assert_eq!(walked.opened, [FACEBOOK], "{lang} {w}x{h} {start}");
                // Pages 1 and 2 say more since issue 21 (the "Goodbye Meta AI" hoax, Facebook
                // Pages, WhatsApp groups, the disputed Meta AI chats): two more Enters to read
                // them at 80x24.
                if (w, h) == (80, 24) {
                    assert!(walked.to_form <= 7, "{lang} {start}: {walked:?}");
                    assert!(walked.to_end <= 15, "{lang} {start}: {walked:?}");
                } else {
                    // A small window shows long pages a window at a time: more presses,
                    // never a dead end.
                    assert!(walked.to_form <= 15, "{lang} {start}: {walked:?}");
                    assert!(walked.to_end <= 28, "{lang} {start}: {walked:?}");
                }
            }
        }
    }
}

#[test]
fn with_both_chosen_enter_opens_both_forms_in_turn() {
    for (w, h) in [(80, 24), (40, 15)] {
        let mut app = fresh(Lang::Nl, w, h);
        ch(&mut app, '4');
        key(&mut app, KeyCode::Down);
        key(&mut app, KeyCode::Down);
        key(&mut app, KeyCode::Enter);
        assert_eq!(app.walk().picked(), Some(Picked::All));
        let walked = enter_only(app);
        assert_eq!(walked.opened, [FACEBOOK, INSTAGRAM], "{w}x{h}");
    }
}

#[test]
fn enter_never_opens_the_same_form_twice_in_a_row() {
    // After the form opened (and its panel closed), the next Enter goes forward.
    let mut app = fresh(Lang::En, 80, 24);
    ch(&mut app, '4');
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter);
    assert!(app.walk().panel().is_some());
    key(&mut app, KeyCode::Enter);
    assert!(app.walk().panel().is_none(), "Enter closes the panel");
    key(&mut app, KeyCode::Enter);
    assert!(
        app.walk().panel().is_none(),
        "and the next Enter does not open it again"
    );
    assert_eq!(page_id(&app), "invullen");
}

#[test]
fn on_a_long_page_enter_first_shows_the_rest_and_the_footer_says_so() {
    let mut app = fresh(Lang::En, 40, 15);
    assert!(app.max_scroll() > 0, "page 1 is longer than a 40x15 window");
    let footer = |a: &App| screen(a).lines().last().unwrap().to_owned();
    assert!(footer(&app).contains("Enter read more"), "{}", footer(&app));
    let mut seen = Vec::new();
    while app.walk().page_index() == 0 {
        seen.push(app.view().scroll());
        key(&mut app, KeyCode::Enter);
        assert!(seen.len() < 10);
    }
    // It went a window at a time, down to the end, before it went on.
    assert!(
        seen.len() > 1 && seen.windows(2).all(|s| s[0] < s[1]),
        "{seen:?}"
    );
    assert_eq!(*seen.last().unwrap(), fresh(Lang::En, 40, 15).max_scroll());
    // The step a window at a time keeps a line in sight: nothing is skipped unread.
    for s in seen.windows(2) {
        assert!(
            s[1] - s[0] <= 9,
            "{seen:?}: a 10-row page moves at most 9 rows"
        );
    }
}
