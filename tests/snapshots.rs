//! Every page as the person sees it, as text: 80x24 in Dutch, English and German, before and after the
//! deadline, plus a narrow window and one too small, and the layout at the smallest and a
//! large window (40x15, 200x60) with the link panel, "welcome back" and the help. Review
//! changes with `cargo insta review`.

mod common;

use bezwaar::app::Event;
use bezwaar::links::Target;
use bezwaar::text::Lang;
use common::*;
use crossterm::event::KeyCode;

fn snapshot_all_pages(lang: Lang, when: &str, label: &str, w: u16, h: u16) {
    let mut app = app(lang, when, w, h);
    let pages = app.script().pages.len();
    for n in 1..=pages {
        if app.editing().is_some() {
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

/// The smallest window the walkthrough takes and a large one: every page (40x15 has its own
/// test above), the link panel, "welcome back" and the help, in both languages. Nothing may
/// overlap or be cut off; on the large window everything stays in one centred column.
#[test]
fn layout_at_40x15_and_200x60() {
    for lang in [Lang::Nl, Lang::En] {
        snapshot_all_pages(lang, AFTER, "after", 200, 60);
        for (w, h) in [(40, 15), (200, 60)] {
            let mut a = app(lang, AFTER, w, h).with_link_target(Target::Show);
            choose_both(&mut a);
            enter_until(&mut a, 5, |a| a.panel().is_some());
            insta::assert_snapshot!(format!("{w}x{h}_{lang}_panel"), terminal(&a).backend());

            let a = app(lang, AFTER, w, h).resume(&saved_on_deadline());
            insta::assert_snapshot!(format!("{w}x{h}_{lang}_welcome"), terminal(&a).backend());

            let mut a = app(lang, AFTER, w, h);
            ch(&mut a, '?');
            insta::assert_snapshot!(format!("{w}x{h}_{lang}_help"), terminal(&a).backend());
            if a.help_max_scroll() > 0 {
                for _ in 0..a.help_max_scroll() {
                    key(&mut a, KeyCode::Down);
                }
                insta::assert_snapshot!(format!("{w}x{h}_{lang}_help_end"), terminal(&a).backend());
            }
        }
    }
}
