//! The help overlay (`?`): every key of every mode listed, opening and closing it, scrolling
//! it, the theme switched from it, and `?` as text in a field.

use bezwaar::app::{App, Event};
use bezwaar::keys::{self, Mode};
use bezwaar::text::Lang;
use bezwaar::theme::{Theme, ThemeKind};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};

use crate::common::*;

#[test]
fn the_theme_switches_from_the_help() {
    let mut a = app(Lang::Nl, AFTER, 80, 24);
    assert_eq!(a.view().theme().kind, ThemeKind::Default);
    ch(&mut a, '?');
    assert!(words_of(&help_screens(&mut a)).contains("Kleuren: nu standaard."));
    ch(&mut a, 't');
    assert_eq!(a.view().theme().kind, ThemeKind::HighContrast);
    assert!(words_of(&help_screens(&mut a)).contains("Kleuren: nu hoog contrast."));
    // NO_COLOR stays what it was.
    let mut a = app(Lang::En, AFTER, 80, 24).with_theme(Theme::new(ThemeKind::Default, true));
    ch(&mut a, '?');
    ch(&mut a, 't');
    assert_eq!(*a.view().theme(), Theme::new(ThemeKind::HighContrast, true));
    ch(&mut a, 't');
    assert_eq!(*a.view().theme(), Theme::new(ThemeKind::Default, true));
}

/// Every screen of the open help, top to bottom.
fn help_screens(a: &mut App) -> String {
    let mut text = screen(a);
    for _ in 0..=a.help_max_scroll() {
        key(a, KeyCode::Down);
        text.push_str(&screen(a));
    }
    text
}

/// The help's text at `w` x `h`, scrolled from top to bottom.
fn help_text(lang: Lang, w: u16, h: u16) -> String {
    let mut a = app(lang, AFTER, w, h);
    ch(&mut a, '?');
    assert_eq!(a.mode(), Mode::Help);
    help_screens(&mut a)
}

#[test]
fn the_help_lists_every_key_of_every_mode() {
    for lang in [Lang::Nl, Lang::En, Lang::De] {
        let pick = |nl, en, de| match lang {
            Lang::De => de,
            _ => lang.pick(nl, en),
        };
        for (w, h) in [(80, 24), (40, 15), (200, 60)] {
            let text = help_text(lang, w, h);
            let words = words_of(&text);
            for mode in keys::MODES {
                for b in keys::keymap(mode) {
                    // The label (with the other keys that do the same), then what it does.
                    let names = keys::key_names(b, lang);
                    assert!(names.starts_with(b.label));
                    let hint = match (mode, b.command) {
                        // What Enter does depends on what it is on: every word of it.
                        (Mode::Page, keys::Command::Activate) => pick(
                            "openen, kiezen, kopiëren",
                            "open, choose, copy",
                            "öffnen, wählen, kopieren",
                        ),
                        (Mode::Dialog, keys::Command::Close) => pick(
                            "het veilige antwoord",
                            "the safe answer",
                            "die sichere Antwort",
                        ),
                        (Mode::Panel, keys::Command::Activate) => pick(
                            "op het scherm van deze computer",
                            "open on this computer’s",
                            "auf dem Bildschirm dieses Computers",
                        ),
                        _ => b.hint(lang),
                    };
                    let entry = format!("{names} {hint}");
                    assert!(
                        words.contains(&words_of(&entry)),
                        "{lang} {w}x{h}: {entry:?} in\n{text}"
                    );
                }
                let heading = keys::mode_heading(lang, Some(mode));
                assert!(
                    words.contains(&words_of(heading)),
                    "{lang} {w}x{h}: {heading}"
                );
            }
            assert!(words.contains("Shift"), "{lang} {w}x{h}: Shift-drag");
            assert!(words.contains(pick("muis", "mouse", "Maus")));
            assert!(words.contains(pick("wieltje", "wheel", "Mausrad")));
        }
    }
}

/// Words only: the help's box lines and the screen's line breaks gone, and words broken
/// after a hyphen ("QR-" / "code") whole again.
fn words_of(s: &str) -> String {
    s.replace(['│', '█', '┌', '┐', '└', '┘', '─'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("- ", "-")
}

#[test]
fn every_key_of_a_binding_is_named_in_the_help() {
    let text = help_text(Lang::En, 200, 60);
    for (label, keys) in [
        ("→", "→ Space"),
        ("←", "← Backspace"),
        ("?", "? F1"),
        ("Enter", "Enter Tab ↓ Esc Ctrl-M"),
        ("Esc", "Esc ← Backspace"),
        ("←→", "←→ ↑ ↓ Tab Shift-Tab"),
        ("Esc", "Esc ? q F1 s Enter"),
        ("Ctrl-C", "Ctrl-C"),
    ] {
        assert!(text.contains(keys), "{label}: {keys:?} in\n{text}");
    }
}

#[test]
fn question_mark_opens_the_help_and_esc_q_or_question_mark_close_it() {
    for close in [KeyCode::Esc, KeyCode::Char('q'), KeyCode::Char('?')] {
        let mut a = app(Lang::Nl, AFTER, 80, 24);
        ch(&mut a, '3');
        assert!(
            screen(&a).contains("? hulp"),
            "the footer shows the help key"
        );
        assert!(screen(&a).contains("q stoppen"));
        // Shift is part of '?' on most keyboards.
        a.update(Event::Key(KeyEvent::new(
            KeyCode::Char('?'),
            KeyModifiers::SHIFT,
        )));
        assert_eq!(a.mode(), Mode::Help);
        assert!(screen(&a).contains("Toetsen"));
        assert!(screen(&a).contains("Esc sluiten"));
        assert!(key(&mut a, close).is_empty(), "closing is not quitting");
        assert_eq!(a.mode(), Mode::Page);
        assert_eq!(page_id(&a), "deadline", "the page stays");
        assert!(!a.walk().should_quit());
    }
    // Ctrl-C still quits from the help.
    let mut a = app(Lang::En, AFTER, 80, 24);
    ch(&mut a, '?');
    let effects = a.update(Event::Key(KeyEvent::new(
        KeyCode::Char('c'),
        KeyModifiers::CONTROL,
    )));
    assert_eq!(effects, vec![bezwaar::app::Effect::Quit]);
}

#[test]
fn the_help_scrolls_when_taller_than_the_window() {
    let mut a = app(Lang::En, AFTER, 40, 15);
    ch(&mut a, '?');
    let max = a.help_max_scroll();
    assert!(max > 0);
    assert!(
        screen(&a).contains("↑↓ scroll"),
        "the footer says it scrolls"
    );
    key(&mut a, KeyCode::Down);
    assert_eq!(a.view().help_scroll(), Some(1));
    key(&mut a, KeyCode::Up);
    assert_eq!(a.view().help_scroll(), Some(0));
    for _ in 0..20 {
        key(&mut a, KeyCode::PageDown);
    }
    assert_eq!(a.view().help_scroll(), Some(max), "it stops at the end");
    assert!(screen(&a).contains("drag"), "the last line shows");
    // The wheel scrolls it too; a resize keeps it in range.
    a.update(Event::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollUp,
        column: 10,
        row: 5,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(a.view().help_scroll(), Some(max - 3));
    a.update(Event::Resize(200, 60));
    assert_eq!(a.help_max_scroll(), 0);
    assert_eq!(a.view().help_scroll(), Some(0));
    // Nothing of the page below is written over the help as a hyperlink.
    let mut a = app(Lang::En, AFTER, 80, 24);
    choose_both(&mut a);
    assert!(!a.hyperlinks().is_empty());
    ch(&mut a, '?');
    assert!(a.hyperlinks().is_empty());
}

#[test]
fn a_question_mark_in_a_field_is_text() {
    let mut a = app(Lang::Nl, AFTER, 80, 24);
    ch(&mut a, '5');
    assert_eq!(a.mode(), Mode::Field);
    for c in "wat?".chars() {
        ch(&mut a, c);
    }
    a.update(Event::Key(KeyEvent::new(
        KeyCode::Char('?'),
        KeyModifiers::SHIFT,
    )));
    assert_eq!(a.walk().email(), "wat??");
    assert_eq!(a.mode(), Mode::Field, "no help while typing");
    assert_eq!(
        keys::command_for(
            KeyEvent::new(KeyCode::Char('?'), KeyModifiers::NONE),
            Mode::Field
        ),
        None
    );
}
