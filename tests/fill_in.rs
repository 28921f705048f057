//! The last three pages doing real work: the platform choice, the email field, the reason,
//! the send checklist, and what is kept between runs.

mod common;

use bezwaar::app::{App, Effect, Event, Field, Item, Picked, Reason};
use bezwaar::progress::SavedReason;
use bezwaar::text::Lang;
use common::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        ch(app, c);
    }
}

/// The fill-in page, after choosing `answer` (0 Facebook, 1 Instagram, 2 both) on log in.
fn fill_in(lang: Lang, answer: usize) -> App {
    fill_in_at(lang, answer, 80, 24)
}

/// The same in a window of `w`x`h`.
fn fill_in_at(lang: Lang, answer: usize, w: u16, h: u16) -> App {
    let mut app = app(lang, AFTER, w, h);
    ch(&mut app, '4');
    for _ in 0..answer {
        key(&mut app, KeyCode::Down);
    }
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Right);
    assert_eq!(page_id(&app), "invullen");
    app
}

#[test]
fn neither_platform_ends_the_walk_kindly() {
    let mut app = app(Lang::Nl, AFTER, 80, 24);
    ch(&mut app, '4');
    for _ in 0..3 {
        key(&mut app, KeyCode::Down);
    }
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.walk().picked(), Some(Picked::Nothing));
    let s = screen(&app);
    assert!(s.contains("Dan hoef je niets te doen"), "{s}");
    // No forms, and no word about links that are not there.
    assert!(
        !s.contains("https://") && !s.contains("Opent een link"),
        "{s}"
    );
    // One button: on to the end, which the stepper shows with 5 and 6 left out.
    assert!(s.contains("▶ Verder naar stap 7: Klaar"), "{s}");
    assert_eq!(app.walk().focus(), Some(Item::Next));
    key(&mut app, KeyCode::Enter);
    assert_eq!(page_id(&app), "klaar");
    let s = screen(&app);
    assert!(
        s.contains("Je koos: Geen van beide. Je hoeft dus niets te versturen."),
        "{s}"
    );
    assert!(
        !s.contains("verstuurd op") && !s.contains("Na het versturen"),
        "{s}"
    );
    // Pages 5 and 6 are not part of this walk: ← goes straight back to 4.
    key(&mut app, KeyCode::Left);
    assert_eq!(page_id(&app), "inloggen");
}

#[test]
fn one_platform_shows_only_its_form_and_its_question() {
    let mut app = app(Lang::En, AFTER, 80, 24);
    ch(&mut app, '4');
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.walk().picked(), Some(Picked::One(1)));
    let s = screen(&app);
    assert!(
        s.contains("Open the Instagram form") && !s.contains("Open the Facebook form"),
        "{s}"
    );
    ch(&mut app, '6');
    let s = screen(&app);
    assert!(
        s.contains("Did you send the Instagram form?") && !s.contains("Facebook"),
        "{s}"
    );
}

#[test]
fn the_email_field_has_focus_and_letters_are_text() {
    let mut app = fill_in(Lang::Nl, 2);
    assert_eq!(app.walk().focus(), Some(Item::Email));
    assert_eq!(app.walk().editing(), Some(Field::Email));
    // q, digits, L, c, h: all typed, none a shortcut.
    typed(&mut app, "qL1chx");
    assert_eq!(app.walk().email(), "qL1chx");
    assert_eq!(page_id(&app), "invullen");
    assert!(!app.walk().should_quit());
    // Editing keys: ←, Home, Delete, End, Backspace.
    key(&mut app, KeyCode::Left);
    key(&mut app, KeyCode::Backspace);
    assert_eq!(app.walk().email(), "qL1cx");
    key(&mut app, KeyCode::Home);
    key(&mut app, KeyCode::Delete);
    key(&mut app, KeyCode::End);
    typed(&mut app, "!");
    assert_eq!(app.walk().email(), "L1cx!");
    // Esc leaves the field, on to the next item; the page keys work again.
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.walk().editing(), None);
    assert_eq!(app.walk().focus(), Some(Item::Copy(Field::Email)));
    key(&mut app, KeyCode::Right);
    assert_eq!(page_id(&app), "versturen");
    // Back on the field, typing goes on where it was: focus is typing, there is no other
    // mode to enter first.
    ch(&mut app, '5');
    assert_eq!(app.walk().focus(), Some(Item::Email));
    assert_eq!(app.walk().editing(), Some(Field::Email));
    typed(&mut app, "q?");
    assert_eq!(app.walk().email(), "L1cx!q?");
    assert!(!app.walk().should_quit() && app.view().help_scroll().is_none());
}

#[test]
fn ctrl_m_in_the_email_field_is_enter_never_a_line_break() {
    // Ctrl-M is what a carriage return is; some terminals report it as such.
    let mut app = fill_in(Lang::Nl, 2);
    typed(&mut app, "a@b.nl");
    app.update(Event::Key(KeyEvent::new(
        KeyCode::Char('m'),
        KeyModifiers::CONTROL,
    )));
    assert_eq!(app.walk().email(), "a@b.nl");
    assert_eq!(app.walk().editing(), None, "Enter leaves the email field");
    assert_eq!(app.walk().focus(), Some(Item::Copy(Field::Email)));
}

#[test]
fn email_advice_in_words_as_you_type_never_a_block() {
    let mut app = fill_in(Lang::Nl, 0);
    typed(&mut app, "jan");
    assert!(screen(&app).contains("! Een e-mailadres heeft een @."));
    typed(&mut app, "@voorbeeld nl");
    assert!(screen(&app).contains("! Een e-mailadres heeft geen spaties."));
    for _ in 0..3 {
        key(&mut app, KeyCode::Backspace);
    }
    typed(&mut app, ".nl");
    assert_eq!(app.walk().email(), "jan@voorbeeld.nl");
    assert!(screen(&app).contains("✓ Dit ziet eruit als een e-mailadres."));
    assert!(screen(&app).contains("Je e-mailadres wordt nergens bewaard."));

    let mut app = fill_in(Lang::En, 0);
    typed(&mut app, "jan@localhost");
    assert!(screen(&app).contains("! After the @ comes a name with a dot, like gmail.com."));
    // Advice only: Tab leaves the field and → moves on.
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Right);
    assert_eq!(page_id(&app), "versturen");
}

#[test]
fn arrow_keys_never_trap_the_person_in_a_field() {
    // An empty field: → goes on, as on every page.
    let mut app = fill_in(Lang::Nl, 2);
    key(&mut app, KeyCode::Right);
    assert_eq!(page_id(&app), "versturen");
    // With text, ↓ leaves the field (for its copy button, then the reasons); ↑ comes back.
    let mut app = fill_in(Lang::Nl, 2);
    typed(&mut app, "a@b.nl");
    key(&mut app, KeyCode::Down);
    assert_eq!(app.walk().editing(), None);
    assert_eq!(app.walk().focus(), Some(Item::Copy(Field::Email)));
    key(&mut app, KeyCode::Down);
    assert_eq!(app.walk().focus(), Some(Item::Reason(Reason::Ready(0))));
    key(&mut app, KeyCode::Up);
    key(&mut app, KeyCode::Up);
    assert_eq!(app.walk().editing(), Some(Field::Email));
    key(&mut app, KeyCode::Up);
    assert_eq!(app.walk().editing(), None, "↑ leaves it too");
}

#[test]
fn c_copies_the_email_and_the_reason_and_says_so() {
    let mut app = fill_in(Lang::Nl, 2);
    typed(&mut app, "jan@voorbeeld.nl");
    // In the field, c is a letter.
    typed(&mut app, "c");
    key(&mut app, KeyCode::Backspace);
    // Enter: done typing; the copy button under it is next, and Enter on it copies.
    key(&mut app, KeyCode::Enter);
    assert!(screen(&app).contains("▶ Kopieer dit e-mailadres"));
    assert_eq!(
        key(&mut app, KeyCode::Enter),
        vec![Effect::Copy("jan@voorbeeld.nl".into())]
    );
    assert!(screen(&app).contains("E-mailadres gekopieerd. Plak het in het formulier."));
    // Focus went on to the reasons; c copies a reason only once it is picked.
    assert_eq!(app.walk().focus(), Some(Item::Reason(Reason::Ready(0))));
    key(&mut app, KeyCode::Down);
    assert_eq!(ch(&mut app, 'c'), vec![]);
    let s = screen(&app);
    assert!(
        s.contains("Er is nog niets om te kopiëren.") && !s.contains("gekopieerd"),
        "{s}"
    );
    // Picking it: on to its copy button, which copies it in the language on screen.
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.walk().reason(), Some(Reason::Ready(1)));
    assert_eq!(app.walk().focus(), Some(Item::Copy(Field::Own)));
    app.update(Event::Key(KeyEvent::new(
        KeyCode::Char('L'),
        KeyModifiers::SHIFT,
    )));
    assert_eq!(
        key(&mut app, KeyCode::Enter),
        vec![Effect::Copy(
            "I do not want my posts and photos used to train AI. I never shared them for that."
                .into()
        )]
    );
    assert_eq!(app.walk().focus(), Some(Item::Next));
    // Each ready-made reason is short: under 60 words.
    for i in 0..3 {
        let words = app.ready_reason(i).unwrap().split_whitespace().count();
        assert!(words < 60, "reason {i}: {words} words");
    }
}

/// From the empty email field down to "Write my own reason" (past the three ready-made
/// ones), and Enter on it: its field opens.
fn open_own_reason(app: &mut App) {
    key(app, KeyCode::Esc);
    for _ in 0..3 {
        key(app, KeyCode::Down);
    }
    assert_eq!(app.walk().focus(), Some(Item::Reason(Reason::Own)));
    key(app, KeyCode::Enter);
    assert_eq!(app.walk().editing(), Some(Field::Own));
}

#[test]
fn an_own_reason_is_written_in_its_field_and_enter_goes_on() {
    let mut app = fill_in(Lang::En, 2);
    open_own_reason(&mut app);
    assert!(screen(&app).contains("Type your reason here."));
    typed(&mut app, "Not for AI. Thanks, q");
    assert_eq!(app.walk().own_reason(), "Not for AI. Thanks, q");
    // Enter is done typing, as in the email field: on past the answers to the button that
    // copies the reason, never a trap.
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.walk().editing(), None);
    assert_eq!(app.walk().focus(), Some(Item::Copy(Field::Own)));
    assert_eq!(
        key(&mut app, KeyCode::Enter),
        vec![Effect::Copy("Not for AI. Thanks, q".into())]
    );
    let s = screen(&app);
    assert!(
        s.contains("(•) Write my own reason") && s.contains("Thanks, q"),
        "{s}"
    );
    // Typed control characters never get in.
    ch(&mut app, '6');
    ch(&mut app, '5');
    assert_eq!(app.walk().editing(), Some(Field::Email));
    for _ in 0..4 {
        key(&mut app, KeyCode::Down);
    }
    assert_eq!(app.walk().editing(), Some(Field::Own));
    app.update(Event::Key(KeyEvent::new(
        KeyCode::Char('\u{1b}'),
        KeyModifiers::NONE,
    )));
    assert!(!app.walk().own_reason().contains('\u{1b}'));
}

#[test]
fn only_yes_chosen_on_purpose_marks_a_form_sent_with_the_time() {
    let mut app = fill_in(Lang::Nl, 2);
    key(&mut app, KeyCode::Right);
    assert_eq!(page_id(&app), "versturen");
    // "Not yet" is marked and has focus: Enter takes it, and nothing is marked sent.
    assert_eq!(app.walk().focus(), Some(Item::Answer(0, false)));
    let s = screen(&app);
    assert!(
        s.contains("Heb je het Facebook-formulier verstuurd?") && s.contains("▶ (•) Nog niet"),
        "{s}"
    );
    key(&mut app, KeyCode::Enter);
    assert!(app.yes_at(0).is_none());
    assert!(
        screen(&app).contains("Nog niet verstuurd. Het formulier staat bij stap 4."),
        "{}",
        screen(&app)
    );
    // Focus went on to the next form's question; yes takes a move to it first.
    assert_eq!(app.walk().focus(), Some(Item::Answer(1, false)));
    key(&mut app, KeyCode::Up);
    assert_eq!(app.walk().focus(), Some(Item::Answer(0, true)));
    key(&mut app, KeyCode::Enter);
    let s = screen(&app);
    // AFTER is 12:00 at +01:00, shown here in UTC (the test's offset).
    assert!(
        s.contains("(•) Ja, verstuurd op 23 november 2026 om 11:00"),
        "{s}"
    );
    assert!(app.yes_at(1).is_none(), "Instagram was not answered");
    // Back on "not yet" for the sent form, Enter asks before it takes the mark away, and the
    // safe answer keeps it.
    key(&mut app, KeyCode::Up);
    key(&mut app, KeyCode::Up);
    assert_eq!(app.walk().focus(), Some(Item::Answer(0, false)));
    key(&mut app, KeyCode::Enter);
    let s = screen(&app);
    assert!(
        s.contains("Weet je het zeker?") && s.contains("▶ Nee, laten staan"),
        "{s}"
    );
    key(&mut app, KeyCode::Enter);
    assert!(app.yes_at(0).is_some(), "the safe answer keeps it");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Esc);
    assert!(app.yes_at(0).is_some(), "Esc keeps it too");
    // Only the other answer, chosen on purpose, takes it away.
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    assert!(app.yes_at(0).is_none());
    assert!(screen(&app).contains("(•) Nog niet"));
    // Yes again; the last page sums up what was said, and only that.
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Right);
    assert_eq!(page_id(&app), "klaar");
    let s = screen(&app);
    assert!(
        s.contains("Wat je hebt verstuurd:")
            && s.contains("Facebook: verstuurd op 23 november 2026 om 11:00")
            && s.contains("Instagram: niet apart verstuurd. Zijn je accounts gekoppeld?"),
        "{s}"
    );
    assert!(s.contains("▷ Terug naar stap 4: Inloggen"), "{s}");
}

#[test]
fn the_last_page_says_nothing_was_sent_and_offers_the_form_again() {
    let mut app = fill_in(Lang::En, 0);
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter);
    assert_eq!(page_id(&app), "klaar");
    let s = screen(&app);
    assert!(s.contains("Nothing is marked as sent yet."), "{s}");
    assert!(
        !s.contains("sent on") && !s.contains("What you have sent"),
        "{s}"
    );
    // Enter at the end offers to stop (and its Enter goes on); the way back is a move away.
    assert_eq!(app.walk().focus(), None);
    key(&mut app, KeyCode::Enter);
    assert!(screen(&app).contains("▶ Go on"), "{}", screen(&app));
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Down);
    assert_eq!(app.walk().focus(), Some(Item::Back(3)));
    key(&mut app, KeyCode::Enter);
    assert_eq!(page_id(&app), "inloggen");
}

#[test]
fn progress_keeps_the_walk_but_never_the_email() {
    let mut app = fill_in(Lang::Nl, 2);
    typed(&mut app, "geheim@voorbeeld.nl");
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    let p = app.walk().progress();
    assert_eq!(p.page, "versturen");
    assert_eq!(p.picked.as_deref(), Some("all"));
    assert_eq!(p.sent.len(), 1);
    assert_eq!(p.sent[0].choice, "facebook");
    assert_eq!(p.reason, Some(SavedReason::Ready(0)));
    let text = ron::to_string(&p).unwrap();
    assert!(!text.contains("geheim"), "{text}");

    // Resuming: welcome back first, then the same place and state.
    let resumed = common::app(Lang::Nl, AFTER, 80, 24).resume(&p);
    assert!(resumed.walk().welcoming());
    let s = screen(&resumed);
    assert!(
        s.contains("Welkom terug! Je was bij stap 6: Versturen."),
        "{s}"
    );
    let mut resumed = resumed;
    key(&mut resumed, KeyCode::Enter);
    assert!(!resumed.walk().welcoming());
    assert_eq!(page_id(&resumed), "versturen");
    assert!(screen(&resumed).contains("(•) Ja, verstuurd op 23 november 2026 om 11:00"));
    assert_eq!(
        resumed.walk().email(),
        "",
        "the email address was never kept"
    );

    // Or start over, after saying so twice: everything forgotten here (the runner keeps
    // the old file aside).
    let mut fresh = common::app(Lang::Nl, AFTER, 80, 24).resume(&p);
    ch(&mut fresh, 'n');
    assert!(screen(&fresh).contains("Weet je het zeker?"));
    assert_eq!(
        key(&mut fresh, KeyCode::Enter),
        vec![],
        "the safe answer goes back"
    );
    assert!(screen(&fresh).contains("Welkom terug"));
    key(&mut fresh, KeyCode::Down);
    key(&mut fresh, KeyCode::Enter);
    key(&mut fresh, KeyCode::Down);
    assert_eq!(key(&mut fresh, KeyCode::Enter), vec![Effect::StartOver]);
    assert_eq!(page_id(&fresh), "waarom");
    assert_eq!(fresh.walk().picked(), None);
    assert_eq!(fresh.walk().progress().sent, vec![]);
}

#[test]
fn picking_an_item_is_enter_on_it_and_an_item_not_shown_does_nothing() {
    let mut app = app(Lang::Nl, AFTER, 80, 24);
    ch(&mut app, '4');
    app.update(Event::Pick(Item::Choose(Picked::All)));
    assert_eq!(app.walk().picked(), Some(Picked::All));
    // As with Enter, focus goes on to the first form.
    assert_eq!(app.walk().focus(), Some(Item::Link(0)));
    // The log-in page has no email field: picking one does nothing.
    app.update(Event::Pick(Item::Email));
    assert_eq!(app.walk().editing(), None);
    assert_eq!(app.walk().focus(), Some(Item::Link(0)));
}

#[test]
fn a_reason_taller_than_the_window_still_takes_focus_and_typing() {
    let mut app = fill_in_at(Lang::En, 2, 40, 15);
    open_own_reason(&mut app);
    // Longer than the 10 rows the page has at 40x15.
    typed(&mut app, &"a long reason ".repeat(40));
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.walk().editing(), None);
    // Back up to it (past "no reason"): typing again, with its top in sight.
    key(&mut app, KeyCode::Up);
    key(&mut app, KeyCode::Up);
    assert_eq!(app.walk().editing(), Some(Field::Own));
    assert!(
        screen(&app).contains("Write my own reason"),
        "{}",
        screen(&app)
    );
    typed(&mut app, "end");
    assert!(app.walk().own_reason().ends_with("end"));
}
