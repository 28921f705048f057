//! A monkey at the keyboard: 10,000 random keys, clicks and resizes a run, on every page and
//! overlay, seeded so a failure can be replayed (`BEZWAAR_MONKEY_SEED=n`; more runs with
//! `BEZWAAR_MONKEY_RUNS`). What a person would notice is checked after every event:
//!
//! - nothing panics, also not drawing at any size down to 40x12 (and below: the "too small"
//!   message);
//! - the walk ends only by Ctrl-C or a stop that was confirmed;
//! - a "sent" record is never lost or changed unless it was taken away on purpose: the "are
//!   you sure?" answered with its second answer (or starting over, confirmed the same way);
//! - the email field never loses text except by an editing key typed into it (Backspace,
//!   Delete).

mod common;

use std::collections::HashSet;

use bezwaar::app::{App, Effect, Event, Field, Item, Question};
use bezwaar::keys::Mode;
use bezwaar::links::{OpenFailure, Target};
use bezwaar::script::{Block, fill};
use bezwaar::text::Lang;
use chrono::{DateTime, Utc};
use common::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use proptest::prelude::Rng;
use proptest::test_runner::{RngAlgorithm, TestRng};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const EVENTS: usize = 10_000;

fn pick<T: Copy>(rng: &mut TestRng, from: &[T]) -> T {
    from[(rng.next_u32() as usize) % from.len()]
}

/// One random thing a person (or a cat on the keyboard) might do.
fn random_event(rng: &mut TestRng, size: (u16, u16)) -> Event {
    let k = |code: KeyCode| Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    let ctrl = |c: char| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    match rng.next_u32() % 100 {
        // The keys people press most: Enter, arrows, Esc, q.
        0..=19 => k(KeyCode::Enter),
        20..=39 => k(pick(
            rng,
            &[KeyCode::Up, KeyCode::Down, KeyCode::Left, KeyCode::Right],
        )),
        40..=46 => k(KeyCode::Esc),
        47..=51 => k(KeyCode::Char('q')),
        // Letters and digits, and what Shift makes of them.
        52..=66 => {
            let c = pick(
                rng,
                &"abcdefghijklmnopqrstuvwxyzLNQ?0123456789@. "
                    .chars()
                    .collect::<Vec<_>>(),
            );
            k(KeyCode::Char(c))
        }
        67..=71 => k(pick(
            rng,
            &[
                KeyCode::Tab,
                KeyCode::BackTab,
                KeyCode::Backspace,
                KeyCode::Delete,
                KeyCode::Home,
                KeyCode::End,
                KeyCode::PageUp,
                KeyCode::PageDown,
            ],
        )),
        72..=76 => k(KeyCode::F((rng.next_u32() % 12) as u8 + 1)),
        // Ctrl-Z, Ctrl-S, Ctrl-Q and friends: never Ctrl-C, which is the way out on purpose.
        77..=80 => ctrl(pick(rng, &['z', 's', 'q', 'd', 'u', 'w', 'm', 'h'])),
        81..=92 => {
            let kind = match rng.next_u32() % 4 {
                0 => MouseEventKind::ScrollDown,
                1 => MouseEventKind::ScrollUp,
                _ => MouseEventKind::Down(MouseButton::Left),
            };
            Event::Mouse(MouseEvent {
                kind,
                column: (rng.next_u32() % u32::from(size.0)) as u16,
                row: (rng.next_u32() % u32::from(size.1)) as u16,
                modifiers: KeyModifiers::NONE,
            })
        }
        93..=96 => {
            // Mostly usable sizes, down to the smallest; now and then one too small.
            let (w, h) = if rng.next_u32().is_multiple_of(8) {
                (
                    20 + (rng.next_u32() % 20) as u16,
                    5 + (rng.next_u32() % 7) as u16,
                )
            } else {
                (
                    40 + (rng.next_u32() % 161) as u16,
                    12 + (rng.next_u32() % 49) as u16,
                )
            };
            Event::Resize(w, h)
        }
        97 => Event::OpenFailed(OpenFailure::NoOpener),
        _ => Event::Tick(time(AFTER)),
    }
}

/// The "sent" records, choice by choice.
fn sent(app: &App) -> Vec<Option<DateTime<Utc>>> {
    (0..app.walk().script().choices.len())
        .map(|i| app.walk().yes_at(i))
        .collect()
}

/// Whether the event takes the second answer of the open question: Enter on it, or its own
/// key (q for "stop?").
fn confirms(app: &App, event: &Event) -> Option<Question> {
    let dialog = app.walk().dialog()?;
    let Event::Key(k) = event else { return None };
    let second = dialog.answers.marked() == 1 && k.code == KeyCode::Enter;
    let own_key = dialog.question == Question::Quit && k.code == KeyCode::Char('q');
    (second || own_key).then_some(dialog.question)
}

/// Whether the event says "yes, I sent form i": Enter with that answer in focus on a page,
/// or a click on the row that shows it.
fn chooses_yes(app: &App, event: &Event) -> Option<usize> {
    if app.walk().dialog().is_some()
        || app.walk().panel().is_some()
        || app.view().help_scroll().is_some()
    {
        return None;
    }
    match event {
        Event::Key(k) if k.code == KeyCode::Enter => match app.walk().focus() {
            Some(Item::Answer(i, true)) => Some(i),
            _ => None,
        },
        Event::Mouse(m) if matches!(m.kind, MouseEventKind::Down(MouseButton::Left)) => {
            let s = screen(app);
            let row = s.lines().nth(usize::from(m.row))?;
            let (question, yes) = app
                .walk()
                .script()
                .pages
                .iter()
                .flat_map(|p| &p.body)
                .find_map(|b| match b {
                    Block::Ask { question, yes, .. } => Some((question, yes)),
                    _ => None,
                })?;
            if !row.contains(yes.get(app.view().lang())) {
                return None;
            }
            // Which form's question: the last question above that row.
            let above: Vec<&str> = s.lines().take(usize::from(m.row)).collect();
            let choices = &app.walk().script().choices;
            above
                .iter()
                .rev()
                .find_map(|line| {
                    choices.iter().position(|p| {
                        let name = [("name", p.name.as_str())];
                        line.contains(&fill(question.get(app.view().lang()), &name))
                    })
                })
                .or(Some(usize::MAX))
        }
        _ => None,
    }
}

fn run(seed: u64, lang: Lang, target: Target) -> HashSet<String> {
    let mut rng = TestRng::from_seed(RngAlgorithm::ChaCha, &seed.to_le_bytes().repeat(4));
    let mut app = app(lang, BEFORE, 80, 24).with_link_target(target);
    let mut seen = HashSet::new();
    let mut quits = 0;
    for n in 0..EVENTS {
        let event = random_event(&mut rng, app.view().size());
        let before_sent = sent(&app);
        let before_email = app.walk().email();
        let editing_email = app.walk().editing() == Some(Field::Email) && app.mode() == Mode::Field;
        let confirmed = confirms(&app, &event);
        let chose_yes = chooses_yes(&app, &event);
        let effects = app.update(event.clone());
        let at = || format!("seed {seed} {lang} event {n}: {event:?}");

        if effects.contains(&Effect::Quit) {
            assert_eq!(confirmed, Some(Question::Quit), "{}: quit unasked", at());
            quits += 1;
            // Come back, as the person would: where the walk was.
            let saved = app.walk().progress();
            let size = app.view().size();
            app = common::app(lang, BEFORE, size.0, size.1)
                .with_link_target(target)
                .resume(&saved);
            assert_eq!(sent(&app), before_sent, "{}: saved progress kept", at());
            continue;
        }
        let started_over = confirmed == Some(Question::StartOver);
        // A sent record appears only right after the person chose "yes" on that question:
        // Enter on it, or a click on it. Never by Enter on anything else.
        for (i, (was, now)) in before_sent.iter().zip(sent(&app)).enumerate() {
            if was.is_none() && now.is_some() {
                // (usize::MAX: a click on "yes" whose question scrolled out of sight.)
                assert!(
                    chose_yes == Some(i) || chose_yes == Some(usize::MAX),
                    "{}: sent record {i} appeared after {chose_yes:?}",
                    at()
                );
            }
        }
        // A sent record goes only with the "are you sure?" answered yes, or starting over.
        for (i, (was, now)) in before_sent.iter().zip(sent(&app)).enumerate() {
            if was.is_some() && now != *was {
                assert!(
                    started_over || confirmed == Some(Question::TakeBack(i)),
                    "{}: sent record {i} {was:?} became {now:?}",
                    at()
                );
            }
        }
        // The email only loses text to an editing key typed into it (or starting over).
        let deleting = editing_email
            && matches!(event, Event::Key(k) if matches!(k.code, KeyCode::Backspace | KeyCode::Delete));
        let email = app.walk().email();
        if !deleting && !started_over {
            let mut rest = email.chars();
            assert!(
                before_email.chars().all(|c| rest.any(|d| d == c)),
                "{}: email {before_email:?} became {email:?}",
                at()
            );
        }
        // Every screen draws, at whatever size the window has now.
        if n % 4 == 0 || matches!(event, Event::Resize(..)) {
            let (w, h) = app.view().size();
            let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
            t.draw(|f| {
                app.draw(f);
            })
            .unwrap();
        }
        seen.insert(format!("{:?}", app.mode()));
        seen.insert(format!("page {}", page_id(&app)));
        if let Some(d) = app.walk().dialog() {
            seen.insert(format!("{:?}", d.question));
        }
    }
    seen.insert(format!("quits {}", quits.min(1)));
    seen
}

#[test]
fn a_monkey_at_the_keyboard_never_falls_off_and_never_loses_anything() {
    let first: u64 = std::env::var("BEZWAAR_MONKEY_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_261_201);
    let runs: u64 = std::env::var("BEZWAAR_MONKEY_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2);
    let mut seen = HashSet::new();
    for r in 0..runs {
        let (lang, target) = if r % 2 == 0 {
            (Lang::Nl, Target::Show)
        } else {
            (Lang::En, Target::Browser)
        };
        seen.extend(run(first + r, lang, target));
    }
    // The monkey went everywhere a person can: every page, every overlay, every question.
    let mut missing = Vec::new();
    for want in [
        "Page",
        "Field",
        "Panel",
        "Dialog",
        "Help",
        "Quit",
        "TakeBack(0)",
        "quits 1",
    ]
    .into_iter()
    .map(str::to_owned)
    .chain(PAGE_IDS.iter().map(|p| format!("page {p}")))
    {
        if !seen.contains(&want) {
            missing.push(want);
        }
    }
    assert!(
        missing.is_empty(),
        "never reached: {missing:?}; saw {seen:?}"
    );
}
