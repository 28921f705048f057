//! Looking along, as a seat's window shows it: who is watching (in the status line), the
//! person's look-along keys (in the footer of page 1 and in the help), and a box over the page
//! for the invite (the line to give the helper), the consent question ("may someone look
//! along?") and the idle warning. The runner (the SSH server) sets a seat's [`Look`]; a local
//! walkthrough has none, and nothing here shows.
//!
//! The words come from the runner through [`Words`], so this file holds none of its own.

use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::View;
use crate::keys::Mode;
use bezwaar_core::text::Lang;
use bezwaar_core::walk::{Answers, Press, Walk};

/// Who looks through a window: who sits at a seat.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    /// The person whose walk it is.
    Person,
    /// Someone the person let look along.
    Helper,
}

/// What a look-along key asks the runner for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LookCommand {
    /// m: let someone look along (a code to give them).
    Invite,
    /// w: the helpers may only watch, or press keys again.
    WatchOnly,
    /// x: stop the looking along.
    End,
    /// The person's answer to "someone wants to look along: allow it?".
    Consent(bool),
}

/// What [`View::look_key`] made of a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Looked {
    /// Not a look-along key: the page's keymap takes it.
    Not,
    /// Taken by the look-along box (it closed, or the key was not one of its own).
    Done,
    Command(LookCommand),
}

/// The look-along keys, as the help lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LookKey {
    Invite,
    WatchOnly,
    End,
    /// A helper's q and Ctrl-C: stop looking along.
    Leave,
}

/// The person's keys as the help lists them (what [`View::look_key`] takes): m, w, and x
/// (Ctrl-X too, which also works while typing in a field).
pub const PERSON_KEYS: [(LookKey, &str); 3] = [
    (LookKey::Invite, "m"),
    (LookKey::WatchOnly, "w"),
    (LookKey::End, "x Ctrl-X"),
];

/// A helper's keys (the core turns their q and Ctrl-C into leaving).
pub const HELPER_KEYS: [(LookKey, &str); 1] = [(LookKey::Leave, "q Ctrl-C")];

/// Where the line a helper (or a returning person) types points: `ssh -p PORT CODE@HOST`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    pub host: String,
    pub port: u16,
}

/// A code to type as the ssh user name, with the address it works at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ticket {
    /// The digits.
    pub code: String,
    pub address: Address,
}

/// The invite box's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invite {
    /// A code that works for `secs` seconds more (as it was when made), once.
    Code { ticket: Ticket, secs: u64 },
    /// Two helpers look along already: no more.
    Full,
    /// The code no longer works (it expired, or too many wrong codes were tried on it).
    Void,
}

/// A box over the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LookBox {
    /// The person's invite: the line to give the helper.
    Invite(Invite),
    /// Someone wants to look along: may they? Answer 0, the safe one, is no: Enter takes
    /// it until the person moves to yes (the rule of every question, [`Answers`]).
    Consent(Answers),
    /// The walkthrough closes in `secs` seconds for lack of keys; any key goes on.
    Idle { secs: u64 },
}

/// The words of a box.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BoxWords {
    pub title: String,
    /// Paragraphs, and whether each stands out (a line to type, the answers).
    pub text: Vec<(String, bool)>,
    /// The footer while the box is open: key and what it does.
    pub keys: Vec<(String, String)>,
}

/// Look-along's words, in any language the views speak. The runner that offers looking along
/// gives them.
pub trait Words: Send + Sync {
    /// The invite key's hint in the footer.
    fn invite_hint(&self, lang: Lang) -> String;
    /// The help's heading over the look-along keys.
    fn heading(&self, lang: Lang, who: Who) -> String;
    /// What a look-along key does, for the help.
    fn key_hint(&self, lang: Lang, key: LookKey) -> String;
    /// For the help: how to come back to this walk, with `ticket`, for `secs` after the
    /// connection dropped. Paragraphs apart by `\n`, the first a heading.
    fn come_back(&self, lang: Lang, ticket: &Ticket, secs: u64) -> String;
    /// The status line: who is watching. `typing`: a field has focus (letters are text).
    fn status(&self, lang: Lang, look: &Look, typing: bool) -> String;
    fn box_words(&self, lang: Lang, shown: &LookBox) -> BoxWords;
}

/// Look-along at one seat, as its window shows it.
#[derive(Clone)]
pub struct Look {
    pub words: &'static dyn Words,
    pub who: Who,
    /// How many helpers look along now.
    pub helpers: usize,
    /// The helpers may only watch.
    pub watch_only: bool,
    /// For a helper: the person is away (their connection dropped); the walk waits for them.
    pub person_away: bool,
    /// The code to come back to this walk with, and for how long after it ended, shown in
    /// the person's help.
    pub come_back: Option<(Ticket, u64)>,
    /// The box over the page, if any.
    pub shown: Option<LookBox>,
}

impl fmt::Debug for Look {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Look")
            .field("who", &self.who)
            .field("helpers", &self.helpers)
            .field("watch_only", &self.watch_only)
            .field("person_away", &self.person_away)
            .field("shown", &self.shown)
            .finish_non_exhaustive()
    }
}

impl Look {
    pub fn new(words: &'static dyn Words, who: Who) -> Look {
        Look {
            words,
            who,
            helpers: 0,
            watch_only: false,
            person_away: false,
            come_back: None,
            shown: None,
        }
    }
}

impl View {
    /// Look-along at this seat, as the runner last set it.
    pub fn look(&self) -> Option<&Look> {
        self.look.as_ref()
    }

    /// Look-along at this seat, to change (the runner: helpers came or went, a box).
    pub fn look_mut(&mut self) -> Option<&mut Look> {
        self.look.as_mut()
    }

    pub fn with_look(mut self, look: Look) -> View {
        self.look = Some(look);
        self
    }

    pub fn set_look(&mut self, look: Option<Look>) {
        self.look = look;
    }

    /// Whether a look-along box covers the page.
    pub fn look_box(&self) -> Option<&LookBox> {
        self.look.as_ref().and_then(|l| l.shown.as_ref())
    }

    /// A key for looking along, before the page's keymap sees it: the box's keys while a box
    /// is open (it takes every key but Ctrl-C), and the person's m, w and x. In a field,
    /// letters are text: there only Ctrl-X stops the looking along.
    pub fn look_key(&mut self, walk: &Walk, key: KeyEvent) -> Looked {
        let mode = self.mode(walk);
        let Some(look) = &mut self.look else {
            return Looked::Not;
        };
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let plain = key.modifiers - KeyModifiers::SHIFT == KeyModifiers::NONE;
        if ctrl && key.code == KeyCode::Char('c') {
            return Looked::Not;
        }
        let end = look.who == Who::Person
            && look.helpers > 0
            && key.code == KeyCode::Char('x')
            && (ctrl || (plain && mode != Mode::Field));
        if let Some(shown) = &mut look.shown {
            return match (shown, key.code) {
                (LookBox::Consent(answers), code) => {
                    let press = match code {
                        KeyCode::Enter => Press::Enter,
                        KeyCode::Esc => Press::Esc,
                        KeyCode::Up | KeyCode::Down | KeyCode::Left | KeyCode::Right => Press::Move,
                        KeyCode::Tab | KeyCode::BackTab => Press::Move,
                        _ => return Looked::Done,
                    };
                    match answers.press(press) {
                        Some(yes) => Looked::Command(LookCommand::Consent(yes != Answers::SAFE)),
                        None => Looked::Done,
                    }
                }
                (LookBox::Invite(Invite::Void), KeyCode::Char('m')) if plain => {
                    Looked::Command(LookCommand::Invite)
                }
                (LookBox::Invite(_), KeyCode::Esc | KeyCode::Enter) => {
                    look.shown = None;
                    Looked::Done
                }
                (LookBox::Invite(_), _) if end => {
                    look.shown = None;
                    Looked::Command(LookCommand::End)
                }
                _ => Looked::Done,
            };
        }
        if look.who != Who::Person || !(plain || ctrl) {
            return Looked::Not;
        }
        if end {
            return Looked::Command(LookCommand::End);
        }
        if ctrl || mode == Mode::Field {
            return Looked::Not;
        }
        match key.code {
            KeyCode::Char('m') if mode == Mode::Page => Looked::Command(LookCommand::Invite),
            KeyCode::Char('w') if look.helpers > 0 => Looked::Command(LookCommand::WatchOnly),
            _ => Looked::Not,
        }
    }
}

/// The invite key's hint for the footer: only for the person, on the first page, on a page
/// with nothing over it.
pub(super) fn footer_hint(view: &View, walk: &Walk) -> Option<(&'static str, String)> {
    let look = view.look.as_ref()?;
    (look.who == Who::Person
        && look.shown.is_none()
        && walk.page_index() == 0
        && view.mode(walk) == Mode::Page)
        .then(|| ("m", look.words.invite_hint(view.lang)))
}

/// The seat's part of the status line.
pub(super) fn status(view: &View, walk: &Walk) -> Option<String> {
    let look = view.look.as_ref()?;
    let line = look
        .words
        .status(view.lang, look, view.mode(walk) == Mode::Field);
    (!line.is_empty()).then_some(line)
}

/// The help's part about looking along (and coming back), at `width` columns.
pub(super) fn help_lines(view: &View, width: usize) -> Vec<Line<'static>> {
    let Some(look) = &view.look else {
        return vec![];
    };
    let lang = view.lang;
    let theme = view.theme();
    let wrap = |s: &str, w: usize| -> Vec<String> {
        textwrap::wrap(s, textwrap::Options::new(w.max(8)).break_words(true))
            .into_iter()
            .map(|c| c.into_owned())
            .collect()
    };
    let keys: Vec<(&str, LookKey)> = match look.who {
        Who::Person => PERSON_KEYS.iter().map(|(k, l)| (*l, *k)).collect(),
        Who::Helper => HELPER_KEYS.iter().map(|(k, l)| (*l, *k)).collect(),
    };
    let mut out = vec![Line::default()];
    for piece in wrap(&look.words.heading(lang, look.who), width) {
        out.push(Line::styled(piece, theme.strong));
    }
    let column = keys
        .iter()
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(0);
    let indent = 2 + column + 2;
    for (label, key) in keys {
        let words = wrap(
            &look.words.key_hint(lang, key),
            width.saturating_sub(indent),
        );
        for (i, piece) in words.into_iter().enumerate() {
            let lead = if i == 0 {
                let pad = " ".repeat(column - label.chars().count() + 2);
                vec![
                    Span::raw("  "),
                    Span::styled(label.to_owned(), theme.strong),
                    Span::raw(pad),
                ]
            } else {
                vec![Span::raw(" ".repeat(indent))]
            };
            let mut spans = lead;
            spans.push(Span::styled(piece, theme.text));
            out.push(Line::from(spans));
        }
    }
    if let (Who::Person, Some((ticket, secs))) = (look.who, &look.come_back) {
        let words = look.words.come_back(lang, ticket, *secs);
        let mut paragraphs = words.split('\n');
        out.push(Line::default());
        for piece in wrap(paragraphs.next().unwrap_or_default(), width) {
            out.push(Line::styled(piece, theme.strong));
        }
        for paragraph in paragraphs {
            for piece in wrap(paragraph, width.saturating_sub(2)) {
                out.push(Line::from(vec![
                    Span::raw("  "),
                    Span::styled(piece, theme.text),
                ]));
            }
        }
    }
    out
}

/// The box's words, for the footer and the box.
pub(super) fn box_words(view: &View) -> Option<BoxWords> {
    let look = view.look.as_ref()?;
    let shown = look.shown.as_ref()?;
    Some(look.words.box_words(view.lang, shown))
}

/// Draws the look-along box over the page's body.
pub(super) fn draw_box(view: &View, words: &BoxWords, frame: &mut Frame, body: Rect) {
    let theme = view.theme();
    let width = body.width.saturating_sub(2).min(64);
    let inner = usize::from(width.saturating_sub(4).max(8));
    let wrap = |s: &str| -> Vec<String> {
        textwrap::wrap(s, textwrap::Options::new(inner).break_words(true))
            .into_iter()
            .map(|c| c.into_owned())
            .collect()
    };
    let mut lines: Vec<Line<'static>> = wrap(&words.title)
        .into_iter()
        .map(|l| Line::styled(l, theme.strong))
        .collect();
    for (paragraph, strong) in &words.text {
        lines.push(Line::default());
        let style = if *strong { theme.strong } else { theme.text };
        lines.extend(wrap(paragraph).into_iter().map(|l| Line::styled(l, style)));
    }
    let text_area = super::overlay_box(frame, body, width, lines.len(), theme.overlay);
    super::render_lines(frame, &lines, text_area);
}
