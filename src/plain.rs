//! Plain mode: the walkthrough as lines of text, for screen readers, dumb terminals and piped
//! input. Each page is printed once (title line, then the body), then one numbered prompt;
//! the answer is read as a line from stdin.
//!
//! It drives the same [`App`] as the full-screen UI, with the walk's own actions, and prints the
//! same page layout ([`layout::body`]) with its decorations turned into plain text. Nothing here
//! moves the cursor, colours text or writes an escape byte: every line is sanitized, and no
//! process is started (a link is printed in full, for the person to open themselves).

use std::io::{self, BufRead, Write};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use ratatui::text::Line;
use unicode_width::UnicodeWidthStr;

use crate::app::App;
use crate::deadline::Zone;
use crate::keys::{self, Binding, Command, Mode};
use crate::layout::{self, Body};
use crate::links::Target;
use crate::progress::Store;
use crate::runner::{Clock, Saver};
use crate::script::Script;
use crate::text::{self, Lang, sanitize};
use crate::walk::{Action, Effect, Field, Item, Question, Status};

/// The width text wraps to when `COLUMNS` says nothing usable; also the most it ever gets.
pub const DEFAULT_WIDTH: u16 = 80;
/// A `COLUMNS` below this is not believed.
const MIN_WIDTH: u16 = 20;
/// The App's window height in plain mode: tall enough that nothing ever scrolls.
const ROWS: u16 = 1000;

/// The letters plain mode answers to, besides link numbers, and what each one does. The
/// words next to them in the prompt come from the keymap's hints.
const CHOICES: [(char, Command); 4] = [
    ('n', Command::Next),
    ('b', Command::Back),
    ('s', Command::Sources),
    ('q', Command::Quit),
];

/// Whether to run in plain mode: asked for (`--plain`), or there is no full terminal to draw
/// on (stdin or stdout is not a terminal, or `TERM` is `dumb`).
pub fn wanted(flag: bool, stdin_tty: bool, stdout_tty: bool, term: Option<&str>) -> bool {
    flag || !stdin_tty || !stdout_tty || term == Some("dumb")
}

/// The same, from this process's own stdin, stdout and environment.
pub fn wanted_here(flag: bool) -> bool {
    use std::io::IsTerminal;
    wanted(
        flag,
        io::stdin().is_terminal(),
        io::stdout().is_terminal(),
        std::env::var("TERM").ok().as_deref(),
    )
}

/// The text width from `COLUMNS`: its value when it is a number of at least 20, but never
/// wider than [`DEFAULT_WIDTH`] (long lines are hard to read); otherwise the default.
pub fn width(columns: Option<&str>) -> u16 {
    match columns.and_then(|c| c.trim().parse::<u16>().ok()) {
        Some(c) if c >= MIN_WIDTH => c.min(DEFAULT_WIDTH),
        _ => DEFAULT_WIDTH,
    }
}

/// Runs plain mode on this process's stdin and stdout until `q` or the end of input, with
/// progress read from and saved to `store` as the full screen does. A reader that goes away
/// (a closed pipe) ends it quietly too.
pub fn run_stdio(script: Arc<Script>, lang: Lang, clock: Clock, store: Store) -> io::Result<()> {
    let width = width(std::env::var("COLUMNS").ok().as_deref());
    let (saved, notice) = store.load(clock.now());
    let mut app = App::new(script, lang, clock.now(), (width, ROWS))
        .with_link_target(Target::Show)
        .with_kept_progress(store.path().is_some())
        .with_zone(Zone::Local);
    if let Some(saved) = &saved {
        app = app.resume(saved);
    }
    if let Some(notice) = notice {
        app.act(Action::Notice(notice));
    }
    let mut saver = Saver::new(store, &app);
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

/// What the walk does with `action`, saved at once; starting over keeps the old file aside.
fn act(app: &mut App, saver: &mut Saver, action: Action) {
    for effect in app.act(action) {
        if effect == Effect::StartOver {
            saver.start_over(app.now());
        }
    }
    saver.save(app);
}

/// Prints a notice about saved progress, if one is in the status line.
fn write_notice(app: &App, out: &mut impl Write) -> io::Result<()> {
    if let Some(Status::Notice(notice)) = app.status() {
        writeln!(out, "{}\n", crate::ui::notice_words(app.lang(), notice))?;
    }
    Ok(())
}

/// What the person answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Answer {
    /// The page's item with this number, counted from 0: a link, a choice, a field, a box.
    Item(usize),
    Command(Command),
    Empty,
    Unknown,
}

/// Runs plain mode: prints the page, asks, acts, until `q` or the end of `input`. `now` is
/// read before each page, so the countdown is current when it is printed.
pub fn run(
    mut app: App,
    now: impl Fn() -> DateTime<Utc>,
    mut input: impl BufRead,
    out: &mut impl Write,
    width: u16,
    saver: &mut Saver,
) -> io::Result<()> {
    writeln!(out, "{}\n", sanitize(app.script().title.get(app.lang())))?;
    write_notice(&app, out)?;
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
        let items = items(&app);
        for line in prompt(&app, &items, width) {
            writeln!(out, "{line}")?;
        }
        // The prompt mark: here the person types.
        write!(out, "> ")?;
        out.flush()?;
        let mut line = Vec::new();
        if input.read_until(b'\n', &mut line)? == 0 {
            return Ok(());
        }
        let lang = app.lang();
        gap = true;
        match answer(&String::from_utf8_lossy(&line), items.len()) {
            Answer::Command(Command::Quit) => return Ok(()),
            Answer::Command(Command::Sources) => {
                writeln!(out)?;
                for line in crate::ui::sources::lines(app.view(), app.walk(), width) {
                    writeln!(out, "{}", plain_line(&line))?;
                }
            }
            Answer::Command(command) => {
                let before = app.page_index();
                app.act(Action::Tick(now()));
                act(
                    &mut app,
                    saver,
                    match command {
                        Command::Back => Action::Back,
                        _ => Action::Next,
                    },
                );
                if app.page_index() != before {
                    writeln!(out)?;
                    write_page(&app, out, width)?;
                } else {
                    let edge = match command {
                        Command::Back => text::first_step(lang),
                        _ => text::last_step(lang),
                    };
                    writeln!(out, "\n{edge}")?;
                    gap = false;
                }
            }
            Answer::Item(k) => match items[k] {
                Item::Link(i) => {
                    // Plain mode starts nothing: it prints the address for the person to open
                    // wherever they can.
                    let link = app.page().links().nth(i);
                    let (label, url) = link.map_or((String::new(), String::new()), |l| {
                        (sanitize(l.label.get(lang)), sanitize(l.url))
                    });
                    writeln!(out, "\n{label}")?;
                    writeln!(out, "{}", text::open_in_browser(lang))?;
                    writeln!(out, "{url}")?;
                }
                item => {
                    app.act(Action::Tick(now()));
                    act(&mut app, saver, Action::Pick(item));
                    if app.dialog().is_some() && !ask(&mut app, saver, &mut input, out)? {
                        return Ok(());
                    }
                    if let Some(field) = app.editing() {
                        // A field: the next line is what goes in it.
                        writeln!(out, "\n{}", text::plain_type(lang, field == Field::Email))?;
                        out.flush()?;
                        let mut typed = Vec::new();
                        let end = input.read_until(b'\n', &mut typed)? == 0;
                        let typed = String::from_utf8_lossy(&typed);
                        let typed = typed.trim_end_matches(['\n', '\r']).to_owned();
                        app.act(Action::SetText(typed));
                        act(&mut app, saver, Action::Close);
                        if end {
                            return Ok(());
                        }
                    }
                    // The page again, with the choice made: a choice may show more of it.
                    writeln!(out)?;
                    write_page(&app, out, width)?;
                }
            },
            Answer::Empty => gap = false,
            Answer::Unknown => {
                writeln!(out, "\n{}", text::not_understood(lang))?;
                gap = false;
            }
        }
    }
}

/// A question the walk asks ("are you sure?"): printed with its two answers by number, and
/// answered by the next line; anything but the other answer's number takes the safe one.
/// False when the input ended.
fn ask(
    app: &mut App,
    saver: &mut Saver,
    input: &mut impl BufRead,
    out: &mut impl Write,
) -> io::Result<bool> {
    let Some(dialog) = app.dialog().copied() else {
        return Ok(true);
    };
    let lang = app.lang();
    let title;
    let [title, words, safe, other] = match dialog.question {
        Question::Untick(_) => text::untick_question(lang),
        Question::Quit => text::quit_question(lang, app.walk().keeps_progress()),
        Question::StartOver => text::start_over_question(lang),
        Question::Welcome => {
            let page = sanitize(app.page().title.get(lang));
            title = text::welcome_back(lang, app.page_index() + 1, &page);
            let [safe, other] = text::welcome_answers(lang);
            [title.as_str(), "", safe, other]
        }
    };
    writeln!(out, "{title}")?;
    if !words.is_empty() {
        writeln!(out, "{words}")?;
    }
    write!(out, "[1] {safe}\n[2] {other}\n> ")?;
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

/// Reads one answer: an item's number, a letter from [`CHOICES`], or the keymap's word for it
/// in either language ("verder", "next", "terug", …). Case and spaces around it do not
/// matter.
fn answer(line: &str, items: usize) -> Answer {
    let s = line.trim().to_lowercase();
    if s.is_empty() {
        return Answer::Empty;
    }
    if let Ok(n) = s.parse::<usize>() {
        return if (1..=items).contains(&n) {
            Answer::Item(n - 1)
        } else {
            Answer::Unknown
        };
    }
    for (letter, command) in CHOICES {
        let b = binding(command);
        let word = crate::i18n::catalog_languages()
            .into_iter()
            .any(|l| s == b.hint(l).to_lowercase());
        if s.chars().eq([letter]) || word {
            return Answer::Command(command);
        }
    }
    Answer::Unknown
}

/// Whether plain mode numbers an item: not the "go on" button (that is `n`), nor a copy
/// button (plain mode cannot reach a clipboard; the text is printed to copy by hand).
fn numbered(item: Item) -> bool {
    !matches!(item, Item::Next | Item::Copy(_))
}

/// The page's items, numbered from 1 in plain mode in this order: its links, choices, fields
/// and boxes, top to bottom.
fn items(app: &App) -> Vec<Item> {
    app.items().into_iter().filter(|&i| numbered(i)).collect()
}

/// The page laid out for plain mode: as on screen, but with nothing focused (no marker, no
/// cursor, no "type here": a line is typed after choosing its number).
fn plain_body(app: &App, width: u16) -> Body {
    let walk = app.walk().unfocused();
    layout::body(
        &walk,
        layout::Look {
            lang: app.lang(),
            zone: app.view().zone(),
            theme: app.theme(),
            width,
            copy: false,
        },
    )
}

/// The page keymap's row for `command`.
fn binding(command: Command) -> &'static Binding {
    binding_in(Mode::Page, command)
}

fn binding_in(mode: Mode, command: Command) -> &'static Binding {
    keys::keymap(mode)
        .iter()
        .find(|b| b.command == command)
        .expect("every command plain mode uses has a key")
}

/// The prompt: the page's links by number and label, and the numbers of its other items,
/// on one line; then the letters that do something on this page (under the same conditions
/// as the footer's keys) on the next. Each part wraps between choices at `width`.
fn prompt(app: &App, items: &[Item], width: u16) -> Vec<String> {
    let lang = app.lang();
    let cx = app.key_context();
    let others: Vec<usize> = (1..=items.len())
        .filter(|&n| !matches!(items[n - 1], Item::Link(_)))
        .collect();
    let mut links: Vec<String> = Vec::new();
    if let (Some(first), Some(last)) = (others.first(), others.last()) {
        let numbers = if first == last {
            first.to_string()
        } else {
            format!("{first}–{last}")
        };
        links.push(text::plain_choose(lang, &numbers));
    }
    for (n, item) in items.iter().enumerate() {
        if let Item::Link(i) = item
            && let Some(l) = app.page().links().nth(*i)
        {
            links.push(format!("{} {}", n + 1, sanitize(l.label.get(lang))));
        }
    }
    let moves: Vec<String> = CHOICES
        .iter()
        .map(|&(letter, command)| (letter, binding(command)))
        .filter(|(_, b)| b.when.holds(&cx))
        .map(|(letter, b)| format!("{letter} {}", b.hint(lang)))
        .collect();
    let mut lines = choice_lines(links, width);
    lines.extend(choice_lines(moves, width));
    lines
}

/// Choices joined with " · ", wrapped between choices at `width`.
fn choice_lines(choices: Vec<String>, width: u16) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for choice in choices {
        match lines.last_mut() {
            Some(line) if line.width() + 3 + choice.width() <= usize::from(width) => {
                line.push_str(" · ");
                line.push_str(&choice);
            }
            _ => lines.push(choice),
        }
    }
    lines
}

/// Prints the current page: "Stap 3 van 6: Deadline", a blank line, the body.
fn write_page(app: &App, out: &mut impl Write, width: u16) -> io::Result<()> {
    for line in page_lines(app, width) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// The current page as plain lines: the title line, a blank line, then the body as the
/// full-screen UI lays it out, with its decorations made plain. Each item has its number in
/// place of the focus marker: a link as `[1] label` with the full URL, never broken, on the
/// next line; a choice as `[2] ( ) Facebook`.
pub fn page_lines(app: &App, width: u16) -> Vec<String> {
    let lang = app.lang();
    let step = text::step_of(lang, app.page_index() + 1, app.script().pages.len());
    let mut out = vec![
        format!("{step}: {}", sanitize(app.page().title.get(lang))),
        String::new(),
    ];
    // Numbers ("[12] ") take up to three columns more than the marker they replace: a page
    // with items is laid out that much narrower.
    let mut body = plain_body(app, width);
    if body.items.iter().any(|(i, _, _)| numbered(*i)) {
        body = plain_body(app, width.saturating_sub(3));
    }
    let mut i = 0;
    while i < body.lines.len() {
        let Some(&(item, _, end)) = body.items.iter().find(|(_, start, _)| *start == i) else {
            out.push(plain_line(&body.lines[i]));
            i += 1;
            continue;
        };
        if !numbered(item) {
            // The blank line before the button goes too.
            if out.last().is_some_and(|l| l.is_empty()) && item == Item::Next {
                out.pop();
            }
            i = end.max(i + 1);
            continue;
        }
        let k = body
            .items
            .iter()
            .filter(|(it, start, _)| numbered(*it) && *start < i)
            .count();
        let number = format!("[{}] ", k + 1);
        let indent = " ".repeat(number.len());
        match item {
            Item::Link(l) => {
                let (label, url) = app
                    .page()
                    .links()
                    .nth(l)
                    .map_or((String::new(), String::new()), |l| {
                        (sanitize(l.label.get(lang)), sanitize(l.url))
                    });
                let options = textwrap::Options::new(usize::from(width))
                    .initial_indent(&number)
                    .subsequent_indent(&indent);
                out.extend(
                    textwrap::wrap(&label, options)
                        .into_iter()
                        .map(|l| l.into_owned()),
                );
                out.push(format!("{indent}{url}"));
            }
            _ => {
                for (j, line) in body.lines[i..end].iter().enumerate() {
                    let lead = if j == 0 { &number } else { &indent };
                    out.extend(item_lines(line, lead, &indent, lang, width));
                }
            }
        }
        i = end.max(i + 1);
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out
}

/// A line of an item with `lead` (its number, or spaces) in place of the two columns of
/// the focus marker. An empty field says how to fill it in here, wrapped to `width` with
/// `indent` after the first line.
fn item_lines(line: &Line, lead: &str, indent: &str, lang: Lang, width: u16) -> Vec<String> {
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    let rest: String = text.chars().skip(2).collect();
    if rest != text::empty_field(lang) {
        return vec![sanitize(format!("{lead}{rest}").trim_end())];
    }
    let options = textwrap::Options::new(usize::from(width))
        .initial_indent(lead)
        .subsequent_indent(indent);
    textwrap::wrap(text::plain_empty_field(lang), options)
        .into_iter()
        .map(|l| sanitize(&l))
        .collect()
}

/// One laid-out line as plain text: a bullet becomes "- ", a decorative prefix (the note's
/// bar, a marker) is dropped, and what is left is sanitized again for good measure.
fn plain_line(line: &Line) -> String {
    let mut s = String::new();
    for (j, span) in line.spans.iter().enumerate() {
        let content = span.content.as_ref();
        if j == 0 {
            if content.trim_end() == "•" {
                s.push_str("- ");
                continue;
            }
            if content.chars().any(decorative) {
                // A marker or bar before the text ("▶ ", "┃ "): drop it, keep the rest
                // ("( ) " of a choice).
                let kept: String = content.chars().filter(|&c| !decorative(c)).collect();
                s.push_str(kept.trim_start());
                continue;
            }
        }
        s.push_str(content);
    }
    sanitize(s.trim_end())
}

/// Box drawing, block elements and geometric shapes: lines, bars, triangles.
fn decorative(c: char) -> bool {
    matches!(c, '\u{2500}'..='\u{25FF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers() {
        assert_eq!(answer("n\n", 0), Answer::Command(Command::Next));
        assert_eq!(answer("  Verder ", 0), Answer::Command(Command::Next));
        assert_eq!(answer("back\r\n", 0), Answer::Command(Command::Back));
        assert_eq!(answer("Q", 0), Answer::Command(Command::Quit));
        assert_eq!(answer("stoppen", 0), Answer::Command(Command::Quit));
        assert_eq!(answer("2", 2), Answer::Item(1));
        assert_eq!(answer("3", 2), Answer::Unknown);
        assert_eq!(answer("0", 2), Answer::Unknown);
        assert_eq!(answer("\n", 2), Answer::Empty);
        assert_eq!(answer("nn", 2), Answer::Unknown);
    }

    #[test]
    fn width_from_columns() {
        assert_eq!(width(None), 80);
        assert_eq!(width(Some("60")), 60);
        assert_eq!(width(Some("200")), 80);
        assert_eq!(width(Some("5")), 80);
        assert_eq!(width(Some("wide")), 80);
    }
}
