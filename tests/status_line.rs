//! The status line under the page is never cut without a mark: a long message wraps onto a
//! second row; one that needs more ends in "…" and stands whole at the top of the help; who
//! looks along (over SSH) is said whole in a narrow window.

mod common;

use std::path::PathBuf;

use bezwaar::app::{App, Event};
use bezwaar::progress::Notice;
use bezwaar::runner::PERSON;
use bezwaar::text::Lang;
use bezwaar::ui::seat::{Look, Who};
use common::*;
use crossterm::event::KeyCode;

/// The rows between the page and the footer that hold the status: the two rows above the
/// footer, as words (the page's scrollbar and "↓ more" left out).
fn status_words(screen: &str, rows: usize) -> String {
    let lines: Vec<&str> = screen.lines().collect();
    let n = lines.len();
    lines[n - 1 - rows..n - 1]
        .iter()
        .map(|l| l.replace("↓ meer", "").replace(['│', '█'], " "))
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_long_message_wraps_onto_a_second_row_whole() {
    let mut a = app(Lang::Nl, AFTER, 40, 15);
    choose_both(&mut a);
    ch(&mut a, '5');
    key(&mut a, KeyCode::Esc);
    enter_until(&mut a, 10, |a| a.walk().reason().is_some());
    ch(&mut a, 'c');
    let s = screen(&a);
    let said = status_words(&s, 2);
    assert!(
        said.ends_with("Reden gekopieerd. Plak hem in het formulier."),
        "{said:?} in\n{s}"
    );
    assert!(!said.contains('…'), "{said:?}");
}

#[test]
fn a_message_longer_than_two_rows_ends_in_a_mark_and_the_help_has_it_whole() {
    let mut a: App = app(Lang::Nl, AFTER, 40, 15);
    let to =
        PathBuf::from("/home/oma/.local/state/bezwaar/progress.ron.corrupt-2026-12-06T10-00-00");
    a.update(Event::Notice(Notice::SetAside {
        to,
        why: "made by a newer bezwaar".into(),
    }));
    let s = screen(&a);
    let lines: Vec<&str> = s.lines().collect();
    let status = lines[lines.len() - 2].trim_end();
    assert!(status.ends_with('…'), "{status:?} in\n{s}");
    key(&mut a, KeyCode::Char('?'));
    // (The help wraps the file's long name where it must: its pieces, one after another.)
    let help = words(&a).replace(['│', '█'], " ");
    let help = help
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("- ", "-");
    assert!(
        help.contains(
            "Je opgeslagen voortgang kon niet worden gelezen. Het bestand heet nu progress.ron.corrupt-2026-12-06T10-00-00. Je begint opnieuw."
        ),
        "{help}"
    );
}

#[test]
fn who_looks_along_is_said_whole_in_a_narrow_window() {
    let mut core = app(Lang::Nl, AFTER, 40, 15).into_core();
    let mut look = Look::new(&bezwaar::serve::words::WORDS, Who::Person);
    look.helpers = 1;
    core.view_mut(PERSON).unwrap().set_look(Some(look));
    let screen = seat_screen(&core, 40, 15);
    assert!(
        status_words(&screen, 2).contains("Er kijkt iemand mee · x stoppen"),
        "{screen}"
    );
    assert!(!status_words(&screen, 2).contains('…'), "{screen}");
}
