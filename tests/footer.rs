//! The footer never drops Enter's hint or the way out (q on a page, Esc over it, Enter in a
//! field): at 40, 50 and 80 columns, in every language, on every page and every overlay,
//! locally and over SSH (where the person's first page also offers m, to let someone look
//! along). A hint that does show is whole: the footer is never cut at the window's edge.

mod common;

use bezwaar::app::{App, Event};
use bezwaar::runner::PERSON;
use bezwaar::text::Lang;
use bezwaar::ui::seat::{Look, Who};
use common::*;
use crossterm::event::{KeyCode, KeyEvent};
use unicode_width::UnicodeWidthStr;

const SIZES: [(u16, u16); 3] = [(40, 15), (50, 20), (80, 24)];

/// A window to check: what it is, and the keys that must be in its footer.
struct Seen {
    what: String,
    screen: String,
    must: &'static [&'static str],
}

const PAGE: &[&str] = &["Enter ", "q "];
const OVER: &[&str] = &["Esc "];
const QUESTION: &[&str] = &["Enter ", "Esc "];
const FIELD: &[&str] = &["Enter "];

/// Every screen of a walk with both forms chosen: each page, the email field, the link panel,
/// "stop?", the help, the sources, and "welcome back".
fn screens(lang: Lang, w: u16, h: u16) -> Vec<Seen> {
    let mut out = Vec::new();
    let mut seen = |what: &str, app: &App, must| {
        out.push(Seen {
            what: what.to_owned(),
            screen: screen(app),
            must,
        })
    };
    for when in [BEFORE, AFTER] {
        let mut a = app(lang, when, w, h);
        choose_both(&mut a);
        for n in 1..=a.walk().script().pages.len() {
            if a.walk().editing().is_some() {
                key(&mut a, KeyCode::Esc);
            }
            ch(&mut a, char::from_digit(n as u32, 10).unwrap());
            let must = if a.walk().editing().is_some() {
                FIELD
            } else {
                PAGE
            };
            seen(&format!("page {n} ({when})"), &a, must);
        }
    }
    let mut a = app(lang, AFTER, w, h);
    choose_both(&mut a);
    ch(&mut a, '5');
    assert!(a.walk().editing().is_some());
    seen("the email field", &a, FIELD);
    let mut a = app(lang, AFTER, w, h);
    choose_both(&mut a);
    enter_until(&mut a, 10, |a| a.walk().panel().is_some());
    seen("the link panel", &a, OVER);
    key(&mut a, KeyCode::Char('q'));
    seen("stop? over the panel", &a, QUESTION);
    let mut a = app(lang, AFTER, w, h);
    key(&mut a, KeyCode::Char('q'));
    seen("stop?", &a, QUESTION);
    let mut a = app(lang, AFTER, w, h);
    key(&mut a, KeyCode::Char('?'));
    seen("the help", &a, OVER);
    let mut a = app(lang, AFTER, w, h);
    key(&mut a, KeyCode::Char('s'));
    seen("the sources", &a, OVER);
    let a = app(lang, AFTER, w, h).resume(&saved_on_deadline());
    seen("welcome back", &a, QUESTION);
    out
}

fn check(lang: Lang, w: u16, seen: &Seen) {
    let footer = seen.screen.lines().last().unwrap_or("");
    for key in seen.must {
        assert!(
            footer.starts_with(&format!(" {key}")) || footer.contains(&format!("  {key}")),
            "{lang} {w} columns, {}: {key:?} missing from the footer {footer:?}\n{}",
            seen.what,
            seen.screen
        );
    }
    assert!(
        footer.trim_end().width() < usize::from(w),
        "{lang} {w} columns, {}: the footer is cut at the edge: {footer:?}",
        seen.what
    );
}

#[test]
fn enter_and_the_way_out_are_always_in_the_footer() {
    for lang in [Lang::Nl, Lang::En, Lang::De] {
        for (w, h) in SIZES {
            let all = screens(lang, w, h);
            assert!(all.len() >= 21, "{} screens", all.len());
            for seen in &all {
                check(lang, w, seen);
            }
        }
    }
}

/// Over SSH the person's first page offers m (look along) too: it may drop for room, Enter
/// and q never do.
#[test]
fn over_ssh_the_invite_key_never_pushes_out_enter_or_q() {
    for lang in [Lang::Nl, Lang::En, Lang::De] {
        for (w, h) in SIZES {
            let mut core = app(lang, AFTER, w, h).into_core();
            let look = Look::new(&bezwaar::serve::words::WORDS, Who::Person);
            core.view_mut(PERSON).unwrap().set_look(Some(look));
            let mut shown = Vec::new();
            for n in 0..3 {
                let screen = seat_screen(&core, w, h);
                shown.push(screen.clone());
                check(
                    lang,
                    w,
                    &Seen {
                        what: format!("over SSH, page 1 after {n} Enters"),
                        screen,
                        must: PAGE,
                    },
                );
                core.input(PERSON, Event::Key(KeyEvent::from(KeyCode::Enter)));
            }
            // At 80 columns there is room for m as well.
            if w == 80 {
                let footer = shown[0].lines().last().unwrap().to_owned();
                assert!(footer.contains("  m "), "{lang}: {footer:?}");
            }
        }
    }
}
