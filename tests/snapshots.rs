//! Every page as the person sees it, as text: 80x24 in Dutch, English and German, before
//! and after the deadline, plus the smallest window (40x15) and one too small; at the
//! smallest and a large window (40x15, 200x60) the link panel, "welcome back" and the help,
//! and one page at 200x60 (every other screen at 200x60 is checked to keep to its centred
//! column instead of being snapshot: the same layout each time). Review changes with
//! `cargo insta review`.

mod common;

use bezwaar::app::{App, Event};
use bezwaar::links::Target;
use bezwaar::text::Lang;
use common::*;
use crossterm::event::KeyCode;

fn snapshot_all_pages(lang: Lang, when: &str, label: &str, w: u16, h: u16) {
    let mut app = app(lang, when, w, h);
    let pages = app.walk().script().pages.len();
    for n in 1..=pages {
        if app.walk().editing().is_some() {
            // Out of the email field first, or the digit would be typed into it.
            key(&mut app, KeyCode::Esc);
        }
        ch(&mut app, char::from_digit(n as u32, 10).unwrap());
        let name = format!("{w}x{h}_{lang}_{label}_{n}_{}", page_id(&app));
        insta::assert_snapshot!(name, terminal(&app).backend());
    }
}

#[test]
fn pages_80x24_dutch_before_the_deadline() {
    snapshot_all_pages(Lang::Nl, BEFORE, "before", 80, 24);
}

#[test]
fn pages_80x24_dutch_after_the_deadline() {
    snapshot_all_pages(Lang::Nl, AFTER, "after", 80, 24);
}

#[test]
fn pages_80x24_english_before_the_deadline() {
    snapshot_all_pages(Lang::En, BEFORE, "before", 80, 24);
}

#[test]
fn pages_80x24_english_after_the_deadline() {
    snapshot_all_pages(Lang::En, AFTER, "after", 80, 24);
}

#[test]
fn pages_80x24_german_before_the_deadline() {
    snapshot_all_pages(Lang::De, BEFORE, "before", 80, 24);
}

#[test]
fn pages_80x24_german_after_the_deadline() {
    snapshot_all_pages(Lang::De, AFTER, "after", 80, 24);
}

#[test]
fn pages_40x15_both_languages() {
    snapshot_all_pages(Lang::Nl, AFTER, "after", 40, 15);
    snapshot_all_pages(Lang::En, AFTER, "after", 40, 15);
}

#[test]
fn window_too_small() {
    let mut app = app(Lang::Nl, AFTER, 80, 24);
    app.update(Event::Resize(36, 10));
    insta::assert_snapshot!("too_small_nl", terminal(&app).backend());
    let mut app = common::app(Lang::En, AFTER, 80, 24);
    app.update(Event::Resize(36, 10));
    insta::assert_snapshot!("too_small_en", terminal(&app).backend());
}

/// The smallest window the walkthrough takes and a large one, in both languages: the link
/// panel, "welcome back" and the help (every page at 40x15 has its own test above). At 200x60
/// one page is snapshot, the one with the most kinds of line (a field, a hint, reasons with
/// hanging indents, a button): every page keeps to the same centred column, which the test
/// below checks for all of them. Nothing may overlap or be cut off.
#[test]
fn layout_at_40x15_and_200x60() {
    for lang in [Lang::Nl, Lang::En] {
        let mut a = app(lang, AFTER, 200, 60);
        ch(&mut a, '5');
        let name = format!("200x60_{lang}_after_5_{}", page_id(&a));
        insta::assert_snapshot!(name, terminal(&a).backend());
        for (w, h) in [(40, 15), (200, 60)] {
            for (what, a) in others(lang, w, h) {
                insta::assert_snapshot!(format!("{w}x{h}_{lang}_{what}"), terminal(&a).backend());
            }
        }
    }
}

/// The link panel, "welcome back", the help, and the help's end when it scrolls.
fn others(lang: Lang, w: u16, h: u16) -> Vec<(&'static str, App)> {
    let mut out = vec![];
    let mut a = app(lang, AFTER, w, h).with_link_target(Target::Show);
    choose_both(&mut a);
    enter_until(&mut a, 5, |a| a.walk().panel().is_some());
    out.push(("panel", a));
    out.push((
        "welcome",
        app(lang, AFTER, w, h).resume(&saved_on_deadline()),
    ));
    let mut a = app(lang, AFTER, w, h);
    ch(&mut a, '?');
    let end = a.help_max_scroll();
    out.push(("help", a.clone()));
    if end > 0 {
        for _ in 0..end {
            key(&mut a, KeyCode::Down);
        }
        out.push(("help_end", a));
    }
    out
}

/// On a window far wider than the text, everything stays together in one centred column
/// (MAX_WIDTH wide): every page before and after the deadline, the panel, "welcome back" and
/// the help, in both languages. The header's step number and the footer's keys are in it too.
#[test]
fn a_large_window_keeps_every_screen_in_one_centred_column() {
    let (w, h) = (200, 60);
    let left = (w - bezwaar::ui::MAX_WIDTH) / 2;
    let column = left..left + bezwaar::ui::MAX_WIDTH;
    for lang in [Lang::Nl, Lang::En] {
        let mut screens: Vec<(String, App)> = vec![];
        for when in [BEFORE, AFTER] {
            let mut a = app(lang, when, w, h);
            for n in 1..=a.walk().script().pages.len() {
                if a.walk().editing().is_some() {
                    key(&mut a, KeyCode::Esc);
                }
                ch(&mut a, char::from_digit(n as u32, 10).unwrap());
                screens.push((format!("page {n} ({when})"), a.clone()));
            }
        }
        screens.extend(
            others(lang, w, h)
                .into_iter()
                .map(|(s, a)| (s.to_owned(), a)),
        );
        assert!(screens.len() >= 17, "{} screens", screens.len());
        for (what, a) in &screens {
            let t = terminal(a);
            let buf = t.backend().buffer();
            for y in 0..h {
                for x in 0..w {
                    if buf[(x, y)].symbol() != " " {
                        assert!(
                            column.contains(&x),
                            "{lang} {what}: ({x}, {y}) is outside columns {column:?}:\n{}",
                            screen(a)
                        );
                    }
                }
            }
            let lines: Vec<String> = screen(a).lines().map(str::to_owned).collect();
            // The step number, except where the link panel covers the page (and its header).
            let step = format!("{} {}", lang.pick("van", "of"), pages());
            assert!(
                a.walk().panel().is_some() || lines[0].contains(&step),
                "{lang} {what}: {:?}",
                lines[0]
            );
            assert!(
                !lines[usize::from(h) - 1].trim().is_empty(),
                "{lang} {what}: the footer's keys are on the last row"
            );
        }
    }
}
