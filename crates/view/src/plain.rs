//! Plain mode: the walkthrough as lines of text, for screen readers, dumb terminals and piped
//! input. Each page is printed once (title line, then the body), then one numbered prompt;
//! the answer is read as a line from stdin.
//!
//! This is the view: a walk and its window (`ui::View`, for the language, the zone and the
//! keymap's conditions) become lines, and a typed line becomes an [`Answer`]. The loop that
//! reads and prints, acts on the walk and saves is a runner (`runner::plain`). It prints the
//! same page layout ([`layout::body`]) as the full screen, with its decorations turned into
//! plain text. Nothing here moves the cursor, colours text or writes an escape byte: every
//! line is sanitized, and no process is started (a link is printed in full, for the person to
//! open themselves).

mod typed;

use std::io;

use ratatui::text::Line;
use unicode_width::UnicodeWidthStr;

use crate::keys::{self, Binding, Command, Mode};
use crate::layout::{self, Body};
use crate::ui::View;
use bezwaar_core::text::{self, Lang, sanitize};
use bezwaar_core::walk::{Item, Question, Status, Walk};

/// The width text wraps to when `COLUMNS` says nothing usable; also the most it ever gets.
pub const DEFAULT_WIDTH: u16 = 80;
/// A `COLUMNS` below this is not believed.
const MIN_WIDTH: u16 = 20;
/// A window's height in plain mode: tall enough that nothing ever scrolls.
pub const ROWS: u16 = 1000;

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

pub use self::typed::keys;

/// What the person answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// The page's item with this number, counted from 0: a link, a choice, a field, a box.
    Item(usize),
    /// A letter or a word; an empty line is Enter, which goes on.
    Command(Command),
    /// Keys of the full screen, typed at the prompt: arrows, Home, End, Tab, Esc (see
    /// [`keys`]), in order.
    Keys(Vec<Command>),
    Unknown,
}

/// The walk's open question ("are you sure?") as plain lines: its title, its words, and its
/// two answers by number, the safe one first. `None` when no question is open.
pub fn question_lines(walk: &Walk, view: &View) -> Option<Vec<String>> {
    let dialog = walk.dialog()?;
    let lang = view.lang();
    let title;
    let undo;
    let [title, words, safe, other] = match dialog.question {
        Question::TakeBack(_) => {
            let [title, safe, other] = text::take_back_question(lang);
            undo = walk.untick_words(lang);
            [title, undo.as_str(), safe, other]
        }
        Question::Quit => text::quit_question(lang, walk.keeps_progress()),
        Question::StartOver => text::start_over_question(lang, walk.keeps_progress()),
        Question::Welcome => {
            let page = sanitize(walk.page().title.get(lang));
            title = text::welcome_back(lang, walk.page_index() + 1, &page);
            let [safe, other] = text::welcome_answers(lang);
            [title.as_str(), "", safe, other]
        }
    };
    let mut lines = vec![title.to_owned()];
    if !words.is_empty() {
        lines.push(words.to_owned());
    }
    lines.push(format!("[1] {safe}"));
    lines.push(format!("[2] {other}"));
    Some(lines)
}

/// The walkthrough's title, the first line plain mode prints.
pub fn title(walk: &Walk, view: &View) -> String {
    sanitize(walk.script().title.get(view.lang()))
}

/// The notice about saved progress in the status line, if there is one.
pub fn notice(walk: &Walk, view: &View) -> Option<String> {
    match walk.status() {
        Some(Status::Notice(notice)) => Some(crate::ui::notice_words(view.lang(), notice)),
        _ => None,
    }
}

/// The label and URL of link `i` of the page, made safe to print.
fn link_of(walk: &Walk, lang: Lang, i: usize) -> (String, String) {
    walk.page()
        .links()
        .nth(i)
        .map_or((String::new(), String::new()), |l| {
            (sanitize(l.label.get(lang)), sanitize(l.url))
        })
}

/// Link `i` of the page as plain mode prints it when chosen: its label, the words to open it
/// in a browser, and the whole URL on a line of its own. Plain mode starts nothing.
pub fn link_lines(walk: &Walk, view: &View, i: usize) -> Vec<String> {
    let lang = view.lang();
    let (label, url) = link_of(walk, lang, i);
    vec![label, text::open_in_browser(lang).to_owned(), url]
}

/// The sources, as plain lines: those of this page first, then all.
pub fn source_lines(walk: &Walk, view: &View, width: u16) -> Vec<String> {
    crate::ui::sources::lines(view, walk, width)
        .iter()
        .map(plain_line)
        .collect()
}

/// Reads one answer: an item's number, a letter from [`CHOICES`], or the keymap's word for it
/// in either language ("verder", "next", "terug", …), or keys the full screen takes (an
/// empty line is Enter: on; arrows, see [`keys`]). Case and spaces around it do not matter.
pub fn answer(line: &str, items: usize) -> Answer {
    if let Some(keys) = keys(line) {
        return Answer::Keys(keys);
    }
    let s = line.trim().to_lowercase();
    if s.is_empty() {
        return Answer::Command(Command::Next);
    }
    // The full screen's keys for the help and the language, as letters.
    match s.as_str() {
        "?" => return Answer::Command(Command::Help),
        "l" => return Answer::Command(Command::ToggleLang),
        _ => {}
    }
    if let Ok(n) = s.parse::<usize>() {
        return if (1..=items).contains(&n) {
            Answer::Item(n - 1)
        } else {
            Answer::Unknown
        };
    }
    if let Some((_, command)) = CHOICES.iter().find(|(letter, _)| s.chars().eq([*letter])) {
        return Answer::Command(*command);
    }
    // A word: every language's, so those catalogs are read only when a word is typed.
    let languages = bezwaar_core::i18n::catalog_languages();
    CHOICES
        .iter()
        .find(|(_, command)| {
            let b = binding(*command);
            languages.iter().any(|&l| s == b.hint(l).to_lowercase())
        })
        .map_or(Answer::Unknown, |(_, command)| Answer::Command(*command))
}

/// Whether plain mode numbers an item: not the "go on" button (that is `n`), nor a copy
/// button (plain mode cannot reach a clipboard; the text is printed to copy by hand).
fn numbered(item: Item) -> bool {
    !matches!(item, Item::Next | Item::Copy(_))
}

/// The page's items, numbered from 1 in plain mode in this order: its links, choices, fields
/// and boxes, top to bottom.
pub fn items(walk: &Walk) -> Vec<Item> {
    walk.items().into_iter().filter(|&i| numbered(i)).collect()
}

/// The page laid out for plain mode: as on screen, but with nothing focused (no marker, no
/// cursor, no "type here": a line is typed after choosing its number).
fn plain_body(walk: &Walk, view: &View, width: u16) -> Body {
    let walk = walk.unfocused();
    layout::body(
        &walk,
        layout::Settings {
            lang: view.lang(),
            zone: view.zone(),
            theme: view.theme(),
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
pub fn prompt(walk: &Walk, view: &View, items: &[Item], width: u16) -> Vec<String> {
    let lang = view.lang();
    let cx = view.key_context(walk, &view.body(walk));
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
            && let Some(l) = walk.page().links().nth(*i)
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

/// The current page as plain lines: the title line, a blank line, then the body as the
/// full-screen UI lays it out, with its decorations made plain. Each item has its number in
/// place of the focus marker: a link as `[1] label` with the full URL, never broken, on the
/// next line; a choice as `[2] ( ) Facebook`.
pub fn page_lines(walk: &Walk, view: &View, width: u16) -> Vec<String> {
    let lang = view.lang();
    let step = text::step_of(lang, walk.page_index() + 1, walk.script().pages.len());
    let mut out = vec![
        format!("{step}: {}", sanitize(walk.page().title.get(lang))),
        String::new(),
    ];
    // Numbers ("[12] ") take up to three columns more than the marker they replace: a page
    // with items is laid out that much narrower.
    let mut body = plain_body(walk, view, width);
    if body.items.iter().any(|(i, _, _)| numbered(*i)) {
        body = plain_body(walk, view, width.saturating_sub(3));
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
                let (label, url) = link_of(walk, lang, l);
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
pub fn plain_line(line: &Line) -> String {
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
        assert_eq!(answer("Weiter", 0), Answer::Command(Command::Next));
        assert_eq!(answer("2", 2), Answer::Item(1));
        assert_eq!(answer("3", 2), Answer::Unknown);
        assert_eq!(answer("0", 2), Answer::Unknown);
        assert_eq!(answer("\n", 2), Answer::Command(Command::Next));
        assert_eq!(answer(" \r\n", 2), Answer::Command(Command::Next));
        assert_eq!(
            answer("\x1b[B\x1b[B\n", 2),
            Answer::Keys(vec![Command::Down, Command::Down])
        );
        assert_eq!(answer("?", 2), Answer::Command(Command::Help));
        assert_eq!(answer("L\n", 2), Answer::Command(Command::ToggleLang));
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
