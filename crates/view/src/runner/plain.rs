//! The plain-mode runner: reads lines from stdin, prints plain mode's lines (`crate::plain`,
//! the view) to stdout, acts on the walk and saves progress whenever it changed, as the
//! full-screen runner does.

use std::io::{self, BufRead, Write};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent};

use super::{Clock, Core, Opener, PERSON, Saver};
use crate::app::{App, Event};
use crate::keys::Command;
use crate::plain::{self, Answer, ROWS};
use crate::ui::View;
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
    let mut core = App::new(like.script_arc().clone(), lang, clock.now(), (width, ROWS))
        .with_zone(Zone::Local)
        .with_walk(opened.walk)
        .into_core();
    if let Some(notice) = opened.notice {
        core.act(Action::Notice(notice));
    }
    let saver = Saver::new(opened.store, &mut core);
    let mut saver = Keeper { saver, opener };
    let mut out = io::stdout().lock();
    match run(
        core,
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
fn act(core: &mut Core, keeper: &mut Keeper, action: Action) {
    for effect in core.act(action) {
        match effect {
            Effect::StartOver => keeper.saver.start_over(core.walk().now()),
            Effect::Switch(id) => {
                keeper.saver.save(core);
                if let Some(opened) = keeper.opener.open(&id, core.walk()) {
                    core.map_walk(|_| opened.walk);
                    keeper.saver = Saver::new(opened.store, core);
                    if let Some(notice) = opened.notice {
                        core.act(Action::Notice(notice));
                    }
                }
            }
            _ => {}
        }
    }
    keeper.saver.save(core);
}

fn write_lines(out: &mut impl Write, lines: &[String]) -> io::Result<()> {
    for line in lines {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// The person's window: plain mode has no other seat.
fn person(core: &Core) -> &View {
    core.view(PERSON)
        .expect("plain mode's person is always seated")
}

/// Prints the current page: "Stap 3 van 7: Deadline", a blank line, the body.
fn write_page(core: &Core, out: &mut impl Write, width: u16) -> io::Result<()> {
    write_lines(out, &plain::page_lines(core.walk(), person(core), width))
}

/// Runs plain mode: prints the page, asks, acts, until `q` or the end of `input`. `now` is
/// read before each page, so the countdown is current when it is printed.
pub fn run(
    mut core: Core,
    now: impl Fn() -> DateTime<Utc>,
    mut input: impl BufRead,
    out: &mut impl Write,
    width: u16,
    saver: &mut Keeper,
) -> io::Result<()> {
    writeln!(out, "{}\n", plain::title(core.walk(), person(&core)))?;
    if let Some(notice) = plain::notice(core.walk(), person(&core)) {
        writeln!(out, "{notice}\n")?;
    }
    core.act(Action::Tick(now()));
    // "Welcome back", and its "are you sure?" when starting over.
    while core.walk().dialog().is_some() {
        if !ask(&mut core, saver, &mut input, out)? {
            return Ok(());
        }
    }
    write_page(&core, out, width)?;
    // Whether a blank line goes before the next prompt.
    let mut gap = true;
    loop {
        if gap {
            writeln!(out)?;
        }
        // The page's items, as numbered in the page and the prompt.
        let items = plain::items(core.walk());
        write_lines(
            out,
            &plain::prompt(core.walk(), person(&core), &items, width),
        )?;
        // The prompt mark: here the person types.
        write!(out, "> ")?;
        out.flush()?;
        let mut line = Vec::new();
        if input.read_until(b'\n', &mut line)? == 0 {
            return Ok(());
        }
        let lang = person(&core).lang();
        gap = true;
        let commands = match plain::answer(&String::from_utf8_lossy(&line), items.len()) {
            Answer::Command(command) => vec![command],
            Answer::Keys(keys) => keys,
            Answer::Item(k) => {
                if !item(&mut core, &now, saver, &mut input, out, width, items[k])? {
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
                write_lines(out, &plain::source_lines(core.walk(), person(&core), width))?;
            }
            Some(Command::ToggleLang) => {
                core.input(PERSON, Event::Key(KeyEvent::from(KeyCode::Char('L'))));
                writeln!(out)?;
                write_page(&core, out, width)?;
            }
            // Keys that move nothing here (Esc, Tab, PgUp, the help): the choices again.
            _ if moves.is_empty() => gap = false,
            _ => {
                let before = (core.walk().page_index(), core.walk().script_arc().clone());
                core.act(Action::Tick(now()));
                let end = core.walk().next_page().is_none() && !core.walk().offers().is_empty();
                if end && moves == [Action::Next] {
                    // On, at the end: to the walkthrough offered next, as Enter does.
                    act(&mut core, saver, Action::Pick(Item::Offer(0)));
                } else {
                    for action in &moves {
                        act(&mut core, saver, action.clone());
                    }
                }
                let now_at = (core.walk().page_index(), core.walk().script_arc().clone());
                if now_at.0 != before.0 || !Arc::ptr_eq(&now_at.1, &before.1) {
                    writeln!(out)?;
                    write_page(&core, out, width)?;
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
    core: &mut Core,
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
        write_lines(out, &plain::link_lines(core.walk(), person(core), i))?;
        return Ok(true);
    }
    core.act(Action::Tick(now()));
    act(core, saver, Action::Pick(item));
    if core.walk().dialog().is_some() && !ask(core, saver, input, out)? {
        return Ok(false);
    }
    if let Some(field) = core.walk().editing() {
        // A field: the next line is what goes in it (an empty line empties it). Keys alone
        // (an arrow, Esc) leave it as it was, as they leave a field on the screen.
        writeln!(
            out,
            "\n{}",
            text::plain_type(person(core).lang(), field == Field::Email)
        )?;
        out.flush()?;
        let mut typed = Vec::new();
        let end = input.read_until(b'\n', &mut typed)? == 0;
        let typed = String::from_utf8_lossy(&typed);
        let typed = typed.trim_end_matches(['\n', '\r']);
        if plain::keys(typed).is_none() {
            core.act(Action::SetText(typed.to_owned()));
        }
        act(core, saver, Action::Close);
        if end {
            return Ok(false);
        }
    }
    // The page again, with the choice made: a choice may show more of it.
    writeln!(out)?;
    write_page(core, out, width)?;
    Ok(true)
}

/// A question the walk asks ("are you sure?"): printed with its two answers by number, and
/// answered by the next line; anything but the other answer's number takes the safe one.
/// False when the input ended.
fn ask(
    core: &mut Core,
    saver: &mut Keeper,
    input: &mut impl BufRead,
    out: &mut impl Write,
) -> io::Result<bool> {
    let Some(lines) = plain::question_lines(core.walk(), person(core)) else {
        return Ok(true);
    };
    write_lines(out, &lines)?;
    write!(out, "> ")?;
    out.flush()?;
    let mut line = Vec::new();
    let end = input.read_until(b'\n', &mut line)? == 0;
    if String::from_utf8_lossy(&line).trim() == "2" {
        core.act(Action::FocusNext);
        act(core, saver, Action::Activate);
    } else {
        act(core, saver, Action::Close);
    }
    writeln!(out)?;
    Ok(!end)
}
