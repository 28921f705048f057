//! The walkthrough's behaviour through the public API: what a key does, what a click does,
//! what the page shows.

mod common;

use std::sync::Arc;

use bezwaar::app::{App, Effect, Event, Item, Picked, Status};
use bezwaar::links::Target;
use bezwaar::script::{self, Block, Page, Script, Str, Text};
use bezwaar::text::Lang;
use common::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

/// The walkthrough where Enter on a link asks for a browser (a local desktop).
fn browser_app(lang: Lang, now: &str, w: u16, h: u16) -> App {
    app(lang, now, w, h).with_link_target(Target::Browser)
}

fn click(app: &mut App, column: u16, row: u16) -> Vec<Effect> {
    app.update(Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    }))
}

/// The row and column where `needle` first shows on screen.
fn find(app: &App, needle: &str) -> (u16, u16) {
    for (y, line) in screen(app).lines().enumerate() {
        if let Some(i) = line.find(needle) {
            return (line[..i].chars().count() as u16, y as u16);
        }
    }
    panic!("{needle:?} not on screen:\n{}", screen(app));
}

#[test]
fn walks_from_the_first_page_to_the_last_and_back() {
    let mut app = app(Lang::Nl, BEFORE, 80, 24);
    for (i, id) in PAGE_IDS.iter().enumerate() {
        assert_eq!(page_id(&app), *id);
        assert!(screen(&app).contains(&stap(i + 1)));
        key(&mut app, KeyCode::Right);
    }
    // Past the last page nothing happens.
    assert_eq!(page_id(&app), "klaar");
    for id in PAGE_IDS.iter().rev() {
        assert_eq!(page_id(&app), *id);
        key(&mut app, KeyCode::Left);
    }
    assert_eq!(page_id(&app), "waarom");
}

#[test]
fn every_next_and_back_key_moves() {
    // From step 3, which fits the window (on a longer page Enter first shows the rest).
    for next in [KeyCode::Right, KeyCode::Char(' '), KeyCode::Enter] {
        let mut app = app(Lang::Nl, BEFORE, 80, 24);
        ch(&mut app, '3');
        key(&mut app, next);
        assert_eq!(page_id(&app), "inloggen", "{next:?}");
    }
    for back in [KeyCode::Left, KeyCode::Backspace] {
        let mut app = app(Lang::Nl, BEFORE, 80, 24);
        ch(&mut app, '3');
        key(&mut app, back);
        assert_eq!(page_id(&app), "gegevens", "{back:?}");
    }
}

#[test]
fn home_end_and_digits_jump() {
    let mut app = app(Lang::En, BEFORE, 80, 24);
    key(&mut app, KeyCode::End);
    assert_eq!(page_id(&app), "klaar");
    key(&mut app, KeyCode::Home);
    assert_eq!(page_id(&app), "waarom");
    ch(&mut app, '4');
    assert_eq!(page_id(&app), "inloggen");
    // There is no page 9: nothing moves.
    ch(&mut app, '9');
    assert_eq!(page_id(&app), "inloggen");
}

#[test]
fn q_asks_first_with_go_on_as_the_safe_answer_and_ctrl_c_stops_at_once() {
    let mut app = app(Lang::Nl, BEFORE, 80, 24);
    assert_eq!(ch(&mut app, 'q'), vec![], "q alone never stops");
    let s = screen(&app);
    assert!(
        s.contains("Stoppen?") && s.contains("▶ Verder gaan") && s.contains("niet bewaard"),
        "a walk that keeps nothing says so:\n{s}"
    );
    // Enter takes the safe answer: the walk goes on where it was.
    assert_eq!(key(&mut app, KeyCode::Enter), vec![]);
    assert!(app.walk().dialog().is_none() && !app.walk().should_quit());
    assert_eq!(page_id(&app), "waarom");
    // Esc does too.
    ch(&mut app, 'q');
    assert_eq!(key(&mut app, KeyCode::Esc), vec![]);
    assert!(app.walk().dialog().is_none() && !app.walk().should_quit());
    // The other answer, by arrow and Enter, or q again: stop.
    ch(&mut app, 'q');
    key(&mut app, KeyCode::Down);
    assert!(screen(&app).contains("▶ Stoppen"));
    assert_eq!(key(&mut app, KeyCode::Enter), vec![Effect::Quit]);
    assert!(app.walk().should_quit());
    let mut app = common::app(Lang::En, BEFORE, 80, 24).with_kept_progress(true);
    ch(&mut app, 'q');
    let s = screen(&app);
    assert!(
        s.contains("Stop?") && s.contains("Your progress is saved"),
        "{s}"
    );
    assert_eq!(ch(&mut app, 'q'), vec![Effect::Quit]);
    // Ctrl-C is the helper's way out: at once, whatever is open.
    for setup in ["", "?", "q"] {
        let mut app = common::app(Lang::Nl, BEFORE, 80, 24);
        for c in setup.chars() {
            ch(&mut app, c);
        }
        let effects = app.update(Event::Key(KeyEvent::new(
            KeyCode::Char('c'),
            KeyModifiers::CONTROL,
        )));
        assert_eq!(effects, vec![Effect::Quit], "after {setup:?}");
    }
}

#[test]
fn esc_only_closes_what_is_open() {
    let mut app = browser_app(Lang::Nl, BEFORE, 80, 24);
    // On a bare page Esc does nothing at all.
    for _ in 0..5 {
        assert_eq!(key(&mut app, KeyCode::Esc), vec![]);
    }
    assert_eq!(page_id(&app), "waarom");
    assert!(!app.walk().should_quit() && app.walk().dialog().is_none());
    // The help, then Esc Esc: closed, and nothing more.
    ch(&mut app, '?');
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Esc);
    assert!(app.view().help_scroll().is_none() && !app.walk().should_quit());
}

#[test]
fn enter_on_the_log_in_page_chooses_then_opens_the_focused_form() {
    let mut app = browser_app(Lang::Nl, BEFORE, 80, 24);
    ch(&mut app, '4');
    // The question comes first: its first answer has focus when the page opens.
    assert!(screen(&app).contains("▶ ( ) Facebook"));
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    assert_eq!(
        key(&mut app, KeyCode::Enter),
        vec![],
        "choosing opens nothing"
    );
    assert_eq!(app.walk().picked(), Some(Picked::All));
    // Focus moves on to the first form.
    assert!(screen(&app).contains("▶ Open het Facebook-formulier"));
    assert_eq!(
        key(&mut app, KeyCode::Enter),
        vec![Effect::OpenLink(FACEBOOK.into())]
    );
    assert_eq!(app.walk().status(), Some(&Status::Opening));
    assert_eq!(
        page_id(&app),
        "inloggen",
        "Enter on a link does not move on"
    );
    // Focus moved on to the next form, so the next Enter opens that one.
    assert!(screen(&app).contains("▶ Open het Instagram-formulier"));
    assert_eq!(
        key(&mut app, KeyCode::Enter),
        vec![Effect::OpenLink(INSTAGRAM.into())]
    );
    // And then on to the next step.
    assert_eq!(app.walk().focus(), Some(Item::Next));
    assert!(screen(&app).contains("▶ Verder naar stap 5: Invullen"));

    // Tab wraps around to the question; Shift-Tab goes back.
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.walk().focus(), Some(Item::Choose(Picked::One(0))));
    key(&mut app, KeyCode::BackTab);
    assert_eq!(app.walk().focus(), Some(Item::Next));
    key(&mut app, KeyCode::Up);
    assert_eq!(app.walk().focus(), Some(Item::Link(1)));
}

#[test]
fn both_form_urls_are_on_screen_in_full() {
    for lang in [Lang::Nl, Lang::En, Lang::De] {
        let mut app = app(lang, BEFORE, 80, 24);
        ch(&mut app, '4');
        let s = screen(&app);
        assert!(s.contains(FACEBOOK) && s.contains(INSTAGRAM), "{s}");
    }
}

#[test]
fn a_failed_open_after_moving_on_shows_in_the_status_line() {
    let mut app = browser_app(Lang::En, BEFORE, 80, 24);
    choose_both(&mut app);
    key(&mut app, KeyCode::Enter);
    // The person moved on before the opener gave up: the panel would be out of place, so
    // the status line says it.
    key(&mut app, KeyCode::Right);
    app.update(Event::OpenFailed(bezwaar::links::OpenFailure::NoOpener));
    assert!(app.walk().panel().is_none());
    let s = screen(&app);
    assert!(
        s.contains("No program that opens links was found on this computer."),
        "plain words, never an error code:\n{s}"
    );
    key(&mut app, KeyCode::Right);
    assert!(!screen(&app).contains("No program"));
}

#[test]
fn clicking_a_link_opens_it_and_clicking_the_stepper_jumps() {
    let mut app = browser_app(Lang::Nl, BEFORE, 80, 24);
    ch(&mut app, '4');
    let (x, y) = find(&app, "Open het Instagram-formulier");
    assert_eq!(
        click(&mut app, x, y),
        vec![Effect::OpenLink(INSTAGRAM.into())]
    );
    // As with Enter, focus moves on past what was opened.
    assert_eq!(app.walk().focus(), Some(Item::Next));
    // The URL line belongs to the link too.
    let (x, y) = find(&app, FACEBOOK);
    assert_eq!(
        click(&mut app, x + 5, y),
        vec![Effect::OpenLink(FACEBOOK.into())]
    );

    // The stepper (row 1): in Dutch at 80 columns the other pages are numbers.
    let row = screen(&app).lines().nth(1).unwrap().to_owned();
    let x = row.find(" 2 ").expect("page 2 in the stepper") as u16 + 1;
    assert_eq!(click(&mut app, x, 1), vec![]);
    assert_eq!(page_id(&app), "gegevens");
}

#[test]
fn language_switches_live_with_l() {
    let mut app = app(Lang::Nl, BEFORE, 80, 24);
    ch(&mut app, '2');
    assert!(screen(&app).contains(&stap(2)));
    app.update(Event::Key(KeyEvent::new(
        KeyCode::Char('L'),
        KeyModifiers::SHIFT,
    )));
    let s = screen(&app);
    assert!(s.contains(&step(2)) && s.contains("Which data"), "{s}");
    assert_eq!(
        page_id(&app),
        "gegevens",
        "switching language keeps the page"
    );
}

#[test]
fn the_countdown_runs_and_turns_into_time_since() {
    let mut app = app(Lang::Nl, BEFORE, 80, 24);
    ch(&mut app, '3');
    assert!(app.walk().wants_tick());
    // Days and hours while far off: the words change once an hour, no more.
    assert!(screen(&app).contains("Nog 6 dagen en 12 uur."));
    assert_eq!(
        app.walk().next_tick(),
        Some(time("2025-05-20T12:00:01+02:00"))
    );
    app.update(Event::Tick(time("2025-05-20T12:00:01+02:00")));
    assert!(screen(&app).contains("Nog 6 dagen en 11 uur."));
    // Seconds only in the last hour.
    app.update(Event::Tick(time("2025-05-26T23:58:30+02:00")));
    assert!(screen(&app).contains("Nog 1 minuut en 30 seconden."));
    app.update(Event::Tick(time(AFTER)));
    let s = screen(&app);
    assert!(
        s.contains("De deadline was vóór 27 mei 2025. Dat is ruim een jaar geleden."),
        "{s}"
    );
    assert!(
        s.contains("Dat helpt voor nieuwe training."),
        "after the deadline the page says what objecting still does:\n{s}"
    );
    // After the deadline the words change once a day at most.
    assert_eq!(
        app.walk().next_tick(),
        Some(time("2026-11-24T00:00:00+02:00"))
    );
    // Pages without a countdown need no ticks: the app can sleep.
    ch(&mut app, '1');
    assert!(!app.walk().wants_tick());
    assert_eq!(app.walk().next_tick(), None);
}

/// The runners tick before every frame. A tick that changes no word keeps the walk's revision
/// (so a view keeps its layout); one that changes a word, or makes the content stale, shows it.
#[test]
fn a_tick_changes_the_screen_only_when_its_words_change() {
    let mut app = app(Lang::Nl, BEFORE, 80, 24);
    ch(&mut app, '3');
    let (shown, revision) = (screen(&app), app.walk().revision());
    app.update(Event::Tick(time("2025-05-20T11:59:59+02:00")));
    assert_eq!(screen(&app), shown, "the same hour reads the same");
    assert_eq!(app.walk().revision(), revision, "and keeps the layout");
    app.update(Event::Tick(time("2025-05-20T12:00:01+02:00")));
    assert!(screen(&app).contains("Nog 6 dagen en 11 uur."));
    assert_ne!(app.walk().revision(), revision);
    // In the last hour every second is a new word.
    app.update(Event::Tick(time("2025-05-26T23:58:30+02:00")));
    let revision = app.walk().revision();
    app.update(Event::Tick(time("2025-05-26T23:58:31+02:00")));
    assert!(screen(&app).contains("Nog 1 minuut en 29 seconden."));
    assert_ne!(app.walk().revision(), revision);
    // A server that runs for months: page 1 warns from the day the content is old.
    ch(&mut app, '1');
    let warning = "voor het laatst gecontroleerd";
    app.update(Event::Tick(time("2027-05-31T23:30:00+02:00")));
    assert!(!screen(&app).contains(warning));
    app.update(Event::Tick(time("2027-06-01T00:00:01+02:00")));
    assert!(screen(&app).contains(warning), "{}", screen(&app));
}

#[test]
fn the_footer_shows_the_keys_that_work_here() {
    let mut app = app(Lang::Nl, BEFORE, 80, 24);
    let first = screen(&app);
    let footer = first.lines().last().unwrap();
    assert!(
        footer.contains("verder") && footer.contains("stoppen"),
        "{footer}"
    );
    assert!(
        !footer.contains("terug"),
        "no back on the first page: {footer}"
    );
    ch(&mut app, '4');
    let s = screen(&app);
    let footer = s.lines().last().unwrap();
    assert!(
        footer.contains("Enter kiezen")
            && footer.contains("s bronnen")
            && footer.contains("L English"),
        "{footer}"
    );
    key(&mut app, KeyCode::End);
    let s = screen(&app);
    let footer = s.lines().last().unwrap();
    assert!(
        !footer.contains("verder") && footer.contains("terug"),
        "{footer}"
    );
}

#[test]
fn a_long_page_scrolls_with_arrows_and_page_keys() {
    let mut app = app(Lang::Nl, BEFORE, 40, 12);
    assert!(app.max_scroll() > 0, "page 1 is longer than a 40x12 window");
    assert!(screen(&app).contains("↓ meer"));
    let top = screen(&app);
    key(&mut app, KeyCode::Down);
    assert_eq!(app.view().scroll(), 1);
    assert_ne!(screen(&app), top);
    key(&mut app, KeyCode::Up);
    assert_eq!(app.view().scroll(), 0);
    key(&mut app, KeyCode::PageDown);
    assert!(app.view().scroll() > 1);
    for _ in 0..50 {
        key(&mut app, KeyCode::PageDown);
    }
    assert_eq!(
        app.view().scroll(),
        app.max_scroll(),
        "scrolling stops at the end"
    );
    assert!(!screen(&app).contains("↓ meer"));
    // The mouse wheel scrolls too.
    app.update(Event::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollUp,
        column: 5,
        row: 5,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(app.view().scroll(), app.max_scroll() - 3);
}

#[test]
fn enter_on_something_out_of_sight_shows_it_first() {
    let mut app = browser_app(Lang::Nl, BEFORE, 40, 12);
    ch(&mut app, '4');
    assert!(
        !screen(&app).contains("( ) Facebook"),
        "the question starts below the fold"
    );
    assert_eq!(
        key(&mut app, KeyCode::Enter),
        vec![],
        "first Enter only shows it"
    );
    assert_eq!(app.walk().picked(), None);
    assert!(screen(&app).contains("▶ ( ) Facebook"));
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.walk().picked(), Some(Picked::One(0)));
    // Choosing Facebook brings its form into view, with focus.
    assert!(screen(&app).contains("▶ Open het Facebook-formulier"));
    assert_eq!(
        key(&mut app, KeyCode::Enter),
        vec![Effect::OpenLink(FACEBOOK.into())]
    );
}

#[test]
fn a_window_too_small_gets_a_message_and_recovers_on_resize() {
    let mut app = app(Lang::Nl, BEFORE, 80, 24);
    let sizes = [(39, 24), (80, 11), (10, 3), (1, 1)];
    for (w, h) in sizes {
        app.update(Event::Resize(w, h));
        let s = screen(&app);
        assert_eq!(s.lines().count(), usize::from(h), "{w}x{h}:\n{s}");
        // The message, with the size it is now where the whole sentence fits; never a
        // squeezed page.
        let said = s.split_whitespace().collect::<Vec<_>>().join(" ");
        match (w, h) {
            (1, 1) => assert_eq!(s, "V\n", "the first letter of the short message"),
            (10, 3) => assert_eq!(said, "Venster groter maken"),
            _ => assert_eq!(
                said,
                format!(
                    "Het venster is te klein. Maak het groter: minstens 40 × 12. Nu is het {w} × {h}. Tot dan doen toetsen niets. Ctrl-C stopt."
                )
            ),
        }
        // A number and its unit stay together on a line.
        for line in s.lines() {
            assert!(
                !line.trim_end().ends_with(|c: char| c.is_ascii_digit())
                    && !line.trim_start().starts_with('×'),
                "{w}x{h}: a size broken over two lines:\n{s}"
            );
        }
        // No key acts on what nobody can see: not →, not q, not a letter, not Enter.
        for k in [
            KeyCode::Right,
            KeyCode::Char('q'),
            KeyCode::Char('x'),
            KeyCode::Enter,
        ] {
            assert_eq!(key(&mut app, k), vec![], "{k:?} at {w}x{h}");
        }
        assert_eq!(app.walk().page_index(), 0, "{w}x{h}");
        assert!(
            app.walk().dialog().is_none() && !app.walk().should_quit(),
            "{w}x{h}"
        );
    }
    // Ctrl-C still stops, for the helper.
    let mut small = app.clone();
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(small.update(Event::Key(ctrl_c)), vec![Effect::Quit]);
    // Back at a size that fits: the page as it was, at its top.
    app.update(Event::Resize(80, 24));
    let s = screen(&app);
    assert!(s.contains(&stap(1)), "{s}");
    assert_eq!(app.view().scroll(), 0);
}

/// A 1x1 window somewhere on a larger screen: the draw keeps to its one cell (no panic, and
/// every cell around it stays as it was).
#[test]
fn a_one_cell_window_draws_only_its_cell() {
    use ratatui::layout::Rect;
    use ratatui::{Terminal, TerminalOptions, Viewport, backend::TestBackend};
    for lang in [Lang::Nl, Lang::En] {
        let mut app = app(lang, BEFORE, 80, 24);
        app.update(Event::Resize(1, 1));
        let cell = Rect::new(3, 2, 1, 1);
        let mut t = Terminal::with_options(
            TestBackend::new(7, 5),
            TerminalOptions {
                viewport: Viewport::Fixed(cell),
            },
        )
        .unwrap();
        t.draw(|f| {
            assert_eq!(f.area(), cell);
            assert_eq!(app.draw(f), vec![], "no link drawn in one cell");
        })
        .unwrap();
        let buf = t.backend().buffer();
        for y in 0..5 {
            for x in 0..7 {
                let want = if (x, y) == (3, 2) {
                    if lang == Lang::Nl { "V" } else { "M" }
                } else {
                    " "
                };
                assert_eq!(buf[(x, y)].symbol(), want, "{lang:?}: cell ({x}, {y})");
            }
        }
    }
}

#[test]
fn control_characters_never_reach_the_screen() {
    // A script built in code skips validation: the renderer must still keep it inert.
    let mut script = script::embedded().unwrap();
    let evil = "Hallo\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m\u{202e}tekst";
    script.pages[0]
        .body
        .insert(0, Block::Para(Text::new(evil, evil)));
    script.pages[0].title = Text::new(evil, evil);
    let app = App::new(Arc::new(script), Lang::Nl, time(BEFORE), (80, 24));
    let s = screen(&app);
    assert!(s.contains("Hallo"), "{s}");
    for c in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}'] {
        assert!(!s.contains(c), "U+{:04X} reached the screen", c as u32);
    }
    assert!(
        s.contains('\u{FFFD}'),
        "the replacement mark shows where a control was"
    );
}

#[test]
fn the_app_follows_any_script_with_no_code_change() {
    let page = |id: &str, nl: &str, en: &str| Page {
        id: Str::new(id),
        title: Text::new(nl, en),
        when: None,
        body: vec![Block::Para(Text::new(
            &format!("Tekst {nl}"),
            &format!("Text {en}"),
        ))],
    };
    let mut script: Script = script::embedded().unwrap();
    script.pages = vec![page("een", "Een", "One"), page("twee", "Twee", "Two")];
    let mut app = App::new(Arc::new(script), Lang::En, time(BEFORE), (80, 24));
    let s = screen(&app);
    assert!(
        s.contains("Step 1 of 2") && s.contains("1 One") && s.contains("2 Two"),
        "{s}"
    );
    assert!(s.contains("Text One"));
    key(&mut app, KeyCode::Right);
    assert!(screen(&app).contains("Step 2 of 2"));
    key(&mut app, KeyCode::Right);
    assert_eq!(page_id(&app), "twee");
}

#[test]
fn s_opens_the_sources_of_the_page_first_and_esc_closes_them() {
    let mut app = app(Lang::Nl, AFTER, 80, 24);
    let footer = |a: &App| screen(a).lines().last().unwrap().to_owned();
    assert!(footer(&app).contains("s bronnen"), "{}", footer(&app));
    ch(&mut app, '3');
    ch(&mut app, 's');
    let mut all = screen(&app);
    for _ in 0..app.help_max_scroll() {
        key(&mut app, KeyCode::Down);
        all.push_str(&screen(&app));
    }
    let here = all
        .find("Waar de stap ‘Deadline’ op steunt:")
        .expect("the page's own first");
    let rest = all.find("Alle bronnen van deze uitleg:").expect("then all");
    assert!(here < rest, "{all}");
    assert!(all.contains("Gecontroleerd op 2 december 2026."), "{all}");
    // Every source the page cites is listed under its heading.
    let cited = app.walk().page().cites();
    assert!(!cited.is_empty());
    for id in cited {
        let title = app
            .walk()
            .script()
            .source(id)
            .unwrap()
            .title
            .as_str()
            .to_owned();
        let start: String = title.chars().take(30).collect();
        assert!(
            all[here..rest].contains(&start),
            "{id}: {start:?} in\n{all}"
        );
    }
    key(&mut app, KeyCode::Esc);
    assert!(!screen(&app).contains("Alle bronnen"));
    assert_eq!(page_id(&app), "deadline");
}
