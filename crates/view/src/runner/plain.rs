//! The plain-mode runner: reads lines from stdin, prints plain mode's lines (`crate::plain`,
//! the view) to stdout, acts on the walk and saves progress whenever it changed, as the
//! full-screen runner does.

use std::io::{self, BufRead, Write};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent};

use super::{Clock, Opener, Saver};
use crate::app::{App, Event};
use crate::keys::Command;
use crate::plain::{self, Answer, ROWS};
use bezwaar_core::deadline::Zone;
use bezwaar_core::text::{self, Lang};
use bezwaar_core::walk::{Action, Effect, Field, Item, Walk};

/// Runs plain mode on this process's stdin and stdout until `q` or the end of input, with
/// progress read from and saved to `store` as the full screen does. A reader that goes away
/// (a closed pipe) ends it quietly too.
pub fn run_stdio(
    mut opener: Opener,
    start: Option<&str>,
    lang: Lang,
    clock: Clock,
) -> io::Result<()> {
    let width = plain::width(std::env::var("COLUMNS").ok().as_deref());
    let like = Walk::new(opener.shelf().first().1.clone(), clock.now());
    let opened = opener.start(start, &like);
    let mut app = App::new(like.script_arc().clone(), lang, clock.now(), (width, ROWS))
        .with_zone(Zone::Local)
        .with_walk(opened.walk);
    if let Some(notice) = opened.notice {
        app.act(Action::Notice(notice));
    }
    let saver = Saver::new(opened.store, &mut app);
    let mut saver = Keeper { saver, opener };
    let mut out = io::stdout().lock();
    match run(
        app,
        || clock.now(),
        io::stdin().lock(),
        &mut out,
        width,
        &mut saver,
    ) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        result => result,
    }
}

/// Where plain mode keeps progress, and how it opens the walkthrough the person goes to next.
pub struct Keeper {
    pub saver: Saver,
    pub opener: Opener,
}

/// What the walk does with `action`, saved at once; starting over keeps the old file aside;
/// going to another walkthrough saves this one and picks up that one's progress.
fn act(app: &mut App, keeper: &mut Keeper, action: Action) {
    for effect in app.act(action) {
        match effect {
            Effect::StartOver => keeper.saver.start_over(app.now()),
            Effect::Switch(id) => {
                keeper.saver.save(app);
                if let Some(opened) = keeper.opener.open(&id, app.walk()) {
                    app.set_walk(opened.walk);
                    keeper.saver = Saver::new(opened.store, app);
                    if let Some(notice) = opened.notice {
                        app.act(Action::Notice(notice));
                    }
                }
            }
            _ => {}
        }
    }
    keeper.saver.save(app);
}

fn write_lines(out: &mut impl Write, lines: &[String]) -> io::Result<()> {
    for line in lines {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// Prints the current page: "Stap 3 van 7: Deadline", a blank line, the body.
fn write_page(app: &App, out: &mut impl Write, width: u16) -> io::Result<()> {
    write_lines(out, &plain::page_lines(app.walk(), app.view(), width))
}

/// Runs plain mode: prints the page, asks, acts, until `q` or the end of `input`. `now` is
/// read before each page, so the countdown is current when it is printed.
pub fn run(
    mut app: App,
    now: impl Fn() -> DateTime<Utc>,
    mut input: impl BufRead,
    out: &mut impl Write,
    width: u16,
    saver: &mut Keeper,
) -> io::Result<()> {
    writeln!(out, "{}\n", plain::title(app.walk(), app.view()))?;
    if let Some(notice) = plain::notice(app.walk(), app.view()) {
        writeln!(out, "{notice}\n")?;
    }
    app.act(Action::Tick(now()));
    // "Welcome back", and its "are you sure?" when starting over.
    while app.dialog().is_some() {
        if !ask(&mut app, saver, &mut input, out)? {
            return Ok(());
        }
    }
    write_page(&app, out, width)?;
    // Whether a blank line goes before the next prompt.
    let mut gap = true;
    loop {
        if gap {
            writeln!(out)?;
        }
        // The page's items, as numbered in the page and the prompt.
        let items = plain::items(app.walk());
        write_lines(out, &plain::prompt(app.walk(), app.view(), &items, width))?;
        // The prompt mark: here the person types.
        write!(out, "> ")?;
        out.flush()?;
        let mut line = Vec::new();
        if input.read_until(b'\n', &mut line)? == 0 {
            return Ok(());
        }
        let lang = app.lang();
        gap = true;
        let commands = match plain::answer(&String::from_utf8_lossy(&line), items.len()) {
            Answer::Command(command) => vec![command],
            Answer::Keys(keys) => keys,
            Answer::Item(k) => {
                if !item(&mut app, &now, saver, &mut input, out, width, items[k])? {
                    return Ok(());
                }
                continue;
            }
            Answer::Unknown => {
                writeln!(out, "\n{}", text::not_understood(lang))?;
                gap = false;
                continue;
            }
        };
        let moves: Vec<Action> = commands.iter().filter_map(|&c| moving(c)).collect();
        match commands.first() {
            Some(Command::Quit) => return Ok(()),
            Some(Command::Sources) => {
                writeln!(out)?;
                write_lines(out, &plain::source_lines(app.walk(), app.view(), width))?;
            }
            Some(Command::ToggleLang) => {
                app.update(Event::Key(KeyEvent::from(KeyCode::Char('L'))));
                writeln!(out)?;
                write_page(&app, out, width)?;
            }
            // Keys that move nothing here (Esc, Tab, PgUp, the help): the choices again.
            _ if moves.is_empty() => gap = false,
            _ => {
                let before = (app.page_index(), app.walk().script_arc().clone());
                app.act(Action::Tick(now()));
                let end = app.walk().next_page().is_none() && !app.walk().offers().is_empty();
                if end && moves == [Action::Next] {
                    // On, at the end: to the walkthrough offered next, as Enter does.
                    act(&mut app, saver, Action::Pick(Item::Offer(0)));
                } else {
                    for action in &moves {
                        act(&mut app, saver, action.clone());
                    }
                }
                let now_at = (app.page_index(), app.walk().script_arc().clone());
                if now_at.0 != before.0 || !Arc::ptr_eq(&now_at.1, &before.1) {
                    writeln!(out)?;
                    write_page(&app, out, width)?;
                } else {
                    let edge = match moves.last() {
                        Some(Action::Back | Action::First) => text::first_step(lang),
                        _ => text::last_step(lang),
                    };
                    writeln!(out, "\n{edge}")?;
                    gap = false;
                }
            }
        }
    }
}

/// What a key does to the page in plain mode: → ↓ Enter on, ← ↑ back, Home and End to the
/// first and last step. Nothing has focus here, so the rest move nothing.
fn moving(command: Command) -> Option<Action> {
    match command {
        Command::Next | Command::Down | Command::Activate => Some(Action::Next),
        Command::Back | Command::Up => Some(Action::Back),
        Command::First => Some(Action::First),
        Command::Last => Some(Action::Last),
        _ => None,
    }
}

/// The page's item chosen by its number: a link's address printed, a choice made, a box
/// ticked, a field filled in from the next line; then the page again. False when the input
/// ended.
fn item(
    app: &mut App,
    now: &impl Fn() -> DateTime<Utc>,
    saver: &mut Keeper,
    input: &mut impl BufRead,
    out: &mut impl Write,
    width: u16,
    item: Item,
) -> io::Result<bool> {
    if let Item::Link(i) = item {
        // Plain mode starts nothing: it prints the address for the person to open wherever
        // they can.
        writeln!(out)?;
        write_lines(out, &plain::link_lines(app.walk(), app.view(), i))?;
        return Ok(true);
    }
    app.act(Action::Tick(now()));
    act(app, saver, Action::Pick(item));
    if app.dialog().is_some() && !ask(app, saver, input, out)? {
        return Ok(false);
    }
    if let Some(field) = app.editing() {
        // A field: the next line is what goes in it (an empty line empties it). Keys alone
        // (an arrow, Esc) leave it as it was, as they leave a field on the screen.
        writeln!(
            out,
            "\n{}",
            text::plain_type(app.lang(), field == Field::Email)
        )?;
        out.flush()?;
        let mut typed = Vec::new();
        let end = input.read_until(b'\n', &mut typed)? == 0;
        let typed = String::from_utf8_lossy(&typed);
        let typed = typed.trim_end_matches(['\n', '\r']);
        if plain::keys(typed).is_none() {
            app.act(Action::SetText(typed.to_owned()));
        }
        act(app, saver, Action::Close);
        if end {
            return Ok(false);
        }
    }
    // The page again, with the choice made: a choice may show more of it.
    writeln!(out)?;
    write_page(app, out, width)?;
    Ok(true)
}

/// A question the walk asks ("are you sure?"): printed with its two answers by number, and
/// answered by the next line; anything but the other answer's number takes the safe one.
/// False when the input ended.
fn ask(
    app: &mut App,
    saver: &mut Keeper,
    input: &mut impl BufRead,
    out: &mut impl Write,
) -> io::Result<bool> {
    let Some(lines) = plain::question_lines(app.walk(), app.view()) else {
        return Ok(true);
    };
    write_lines(out, &lines)?;
    write!(out, "> ")?;
    out.flush()?;
    let mut line = Vec::new();
    let end = input.read_until(b'\n', &mut line)? == 0;
    if String::from_utf8_lossy(&line).trim() == "2" {
        app.act(Action::FocusNext);
        act(app, saver, Action::Activate);
    } else {
        act(app, saver, Action::Close);
    }
    writeln!(out)?;
    Ok(!end)
}
