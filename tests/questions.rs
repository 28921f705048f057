//! Every question the walk and `serve` can ask has one rule (`walk::Answers`): its safe answer
//! is marked when it opens, Enter takes it until the person moves the mark on purpose, and
//! Esc always takes it. Checked here for each of them: welcome back, start over?, stop?, take
//! "sent" back?, "did you send the form?" on the send page, and look-along's consent.

mod common;

use bezwaar::app::{App, Effect, Item, Question};
use bezwaar::text::Lang;
use bezwaar::ui::View;
use bezwaar::ui::seat::{Look, LookBox, LookCommand, Looked, Who};
use bezwaar::walk::Answers;
use common::*;
use crossterm::event::{KeyCode, KeyEvent};

/// The three ways to answer: Enter as it opened, Esc, and ↓ then Enter (the other answer).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Way {
    Enter,
    Esc,
    MoveThenEnter,
}

fn answer(app: &mut App, way: Way) -> Vec<Effect> {
    let q = app.walk().dialog().expect("a question is open");
    assert_eq!(
        q.answers.marked(),
        Answers::SAFE,
        "{:?} opens on its safe answer",
        q.question
    );
    assert!(screen(app).contains("▶ "), "{}", screen(app));
    match way {
        Way::Enter => key(app, KeyCode::Enter),
        Way::Esc => key(app, KeyCode::Esc),
        Way::MoveThenEnter => {
            key(app, KeyCode::Down);
            assert_eq!(app.walk().dialog().unwrap().answers.marked(), 1);
            key(app, KeyCode::Enter)
        }
    }
}

/// A walk where "welcome back" is open.
fn welcomed() -> App {
    app(Lang::En, AFTER, 80, 24).resume(&saved_on_deadline())
}

#[test]
fn welcome_back_goes_on_where_you_were_unless_you_move_to_start_over() {
    for way in [Way::Enter, Way::Esc] {
        let mut a = welcomed();
        assert_eq!(a.walk().dialog().unwrap().question, Question::Welcome);
        assert!(answer(&mut a, way).is_empty());
        assert!(a.walk().dialog().is_none(), "{way:?}");
        assert_eq!(page_id(&a), "deadline");
    }
    let mut a = welcomed();
    answer(&mut a, Way::MoveThenEnter);
    assert_eq!(
        a.walk().dialog().unwrap().question,
        Question::StartOver,
        "it asks first"
    );
}

#[test]
fn start_over_asks_and_its_safe_answer_goes_back() {
    for way in [Way::Enter, Way::Esc] {
        let mut a = welcomed();
        answer(&mut a, Way::MoveThenEnter);
        assert!(answer(&mut a, way).is_empty(), "{way:?}");
        assert_eq!(
            a.walk().dialog().unwrap().question,
            Question::Welcome,
            "{way:?}"
        );
    }
    let mut a = welcomed();
    answer(&mut a, Way::MoveThenEnter);
    assert_eq!(answer(&mut a, Way::MoveThenEnter), vec![Effect::StartOver]);
}

#[test]
fn stop_goes_on_unless_you_move_to_stop() {
    for way in [Way::Enter, Way::Esc] {
        let mut a = app(Lang::Nl, AFTER, 80, 24);
        key(&mut a, KeyCode::Char('q'));
        assert_eq!(a.walk().dialog().unwrap().question, Question::Quit);
        assert!(answer(&mut a, way).is_empty());
        assert!(
            !a.walk().should_quit() && a.walk().dialog().is_none(),
            "{way:?}"
        );
    }
    let mut a = app(Lang::Nl, AFTER, 80, 24);
    key(&mut a, KeyCode::Char('q'));
    assert_eq!(answer(&mut a, Way::MoveThenEnter), vec![Effect::Quit]);
}

/// The send page with Facebook's form said sent, and "not yet" of it in focus.
fn sent_then_not_yet() -> App {
    let mut a = app(Lang::Nl, AFTER, 80, 24);
    ch(&mut a, '4');
    key(&mut a, KeyCode::Enter);
    ch(&mut a, '6');
    // "Did you send the form?": "not yet" is marked and in focus; Enter records nothing.
    assert_eq!(a.walk().focus(), Some(Item::Answer(0, false)));
    key(&mut a, KeyCode::Enter);
    assert!(a.yes_at(0).is_none(), "Enter on arrival says not yet");
    key(&mut a, KeyCode::Up);
    assert_eq!(a.walk().focus(), Some(Item::Answer(0, true)));
    key(&mut a, KeyCode::Enter);
    assert!(a.yes_at(0).is_some(), "yes, chosen on purpose");
    assert!(
        !screen(&a).contains("Nog niet verstuurd."),
        "{}",
        screen(&a)
    );
    key(&mut a, KeyCode::Up);
    key(&mut a, KeyCode::Up);
    assert_eq!(a.walk().focus(), Some(Item::Answer(0, false)));
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.walk().dialog().unwrap().question, Question::TakeBack(0));
    a
}

#[test]
fn taking_sent_back_keeps_it_unless_you_move_to_yes() {
    for way in [Way::Enter, Way::Esc] {
        let mut a = sent_then_not_yet();
        answer(&mut a, way);
        assert!(a.yes_at(0).is_some(), "{way:?} keeps the record");
    }
    let mut a = sent_then_not_yet();
    answer(&mut a, Way::MoveThenEnter);
    assert!(a.yes_at(0).is_none());
}

#[test]
fn look_along_consent_says_no_unless_you_move_to_yes() {
    let walk = app(Lang::Nl, AFTER, 80, 24).walk().clone();
    let asked = || {
        let mut look = Look::new(&bezwaar::serve::words::WORDS, Who::Person);
        look.shown = Some(LookBox::Consent(Answers::default()));
        View::new(Lang::Nl, (80, 24)).with_look(look)
    };
    let press = |view: &mut View, code| view.look_key(&walk, KeyEvent::from(code));
    for code in [KeyCode::Enter, KeyCode::Esc] {
        let mut view = asked();
        assert_eq!(
            press(&mut view, code),
            Looked::Command(LookCommand::Consent(false)),
            "{code:?}"
        );
    }
    // Other keys do not answer; ↓ moves the mark to yes, and then Enter says yes.
    let mut view = asked();
    assert_eq!(press(&mut view, KeyCode::Char('j')), Looked::Done);
    assert_eq!(press(&mut view, KeyCode::Down), Looked::Done);
    assert_eq!(
        press(&mut view, KeyCode::Enter),
        Looked::Command(LookCommand::Consent(true))
    );
    // Moved and then Esc: still no.
    let mut view = asked();
    press(&mut view, KeyCode::Down);
    assert_eq!(
        press(&mut view, KeyCode::Esc),
        Looked::Command(LookCommand::Consent(false))
    );
}
