//! The keymap: one table from key to command. The footer's key hints are drawn from the
//! same table, so what the footer says is what the keys do.
//!
//! Here: what a key asks for ([`Command`]), the modes, when a key earns a place in the
//! footer, and a key press read against the live table ([`command_for`]). The tables are in
//! `keys/tables.rs`, how the help names the keys in `keys/names.rs`.

mod names;
mod tables;
#[cfg(test)]
mod tests;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use bezwaar_core::text::Lang;

pub use names::{key_name, key_names, mode_heading};
pub use tables::{DIALOG_KEYMAP, FIELD_KEYMAP, HELP_KEYMAP, KEYMAP, PANEL_KEYMAP, keymap};

/// What a key asks for. The view turns a command into a change of its own (scrolling, the
/// help, the language) or into an action of the walkthrough.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// Enter: act on the focused item (open, choose, tick, go on); on a field, done typing;
    /// when the focused item is out of sight, first show more.
    Activate,
    Next,
    Back,
    /// The previous item, or scroll up when there is none in reach.
    Up,
    /// The next item, or scroll down when there is none in reach.
    Down,
    FocusNext,
    FocusPrev,
    PageUp,
    PageDown,
    First,
    Last,
    /// Go to page n (counted from 1).
    Jump(u8),
    ToggleLang,
    /// q: ask "stop?"; in that question, stop.
    Quit,
    /// Ctrl-C: leave at once, whatever is open.
    Interrupt,
    /// Copy the focused text, or the link in the panel, to the person's clipboard.
    Copy,
    /// Esc: close what is open (the help, the panel, the question); leave a field.
    Close,
    /// Open the help: every key of every mode.
    Help,
    /// In the help: the other theme (colours or high contrast).
    Theme,
    /// The sources: where the facts come from.
    Sources,
    /// Welcome back: start over (asks first).
    StartOver,
}

/// Which keymap is live.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Page,
    /// A text field has focus: keys not in this map are text.
    Field,
    /// The link panel is open.
    Panel,
    /// A question with two answers: welcome back, stop?, are you sure?
    Dialog,
    /// The help or the sources are open.
    Help,
}

/// Every mode, for tests and the help.
pub const MODES: [Mode; 5] = [
    Mode::Page,
    Mode::Field,
    Mode::Panel,
    Mode::Dialog,
    Mode::Help,
];

/// When a key is worth a place in the footer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Always,
    /// There is a page before this one.
    NotFirst,
    /// There is a page after this one.
    NotLast,
    /// Enter does something here.
    EnterDoes,
    /// The page has several things to choose between.
    HasItems,
    /// The page, or the help, is longer than the window.
    Scrollable,
    /// The focused item holds text to copy.
    Copyable,
    /// The question is "stop?".
    Quitting,
    /// The question is "welcome back".
    Welcome,
    /// A desktop session of this user is here to open links on.
    Desktop,
    /// Works, but is not advertised in the footer (the help lists it).
    Never,
}

/// What the footer needs to know about the current screen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct KeyContext {
    pub first: bool,
    pub last: bool,
    /// How many things on the page take focus (links, choices, fields, buttons).
    pub items: usize,
    /// Enter does something now (acts, shows more, or goes on).
    pub enter: bool,
    pub copyable: bool,
    pub scrollable: bool,
    pub quitting: bool,
    pub welcome: bool,
    pub desktop: bool,
}

impl When {
    pub fn holds(self, cx: &KeyContext) -> bool {
        match self {
            When::Always => true,
            When::NotFirst => !cx.first,
            When::NotLast => !cx.last,
            When::EnterDoes => cx.enter,
            When::HasItems => cx.items > 1,
            When::Scrollable => cx.scrollable,
            When::Copyable => cx.copyable,
            When::Quitting => cx.quitting,
            When::Welcome => cx.welcome,
            When::Desktop => cx.desktop,
            When::Never => false,
        }
    }
}

/// One row of the keymap.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub keys: &'static [(KeyCode, KeyModifiers)],
    pub command: Command,
    /// How the keys are named on screen.
    pub label: &'static str,
    /// What they do: a message of the catalogs.
    pub hint: fn(Lang) -> &'static str,
    pub when: When,
}

impl Binding {
    pub fn hint(&self, lang: Lang) -> &'static str {
        (self.hint)(lang)
    }
}

/// The key that leaves what is open, which the footer never drops: q on a page (it asks
/// first), Esc in the panel, a question or the help; in a field, Enter (done typing).
pub fn way_out(mode: Mode) -> Command {
    match mode {
        Mode::Page => Command::Quit,
        Mode::Field => Command::Activate,
        Mode::Panel | Mode::Dialog | Mode::Help => Command::Close,
    }
}

/// The command a key press asks for, if any. Key releases are ignored; for letters the
/// Shift modifier is already in the character ('L' is Shift-l).
pub fn command_for(key: KeyEvent, mode: Mode) -> Option<Command> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let mods = match key.code {
        KeyCode::Char(_) => key.modifiers - KeyModifiers::SHIFT,
        _ => key.modifiers,
    };
    let binding = keymap(mode)
        .iter()
        .find(|b| b.keys.iter().any(|&(c, m)| c == key.code && m == mods))?;
    Some(match (binding.command, key.code) {
        (Command::Jump(_), KeyCode::Char(c)) => Command::Jump(c.to_digit(10)? as u8),
        (Command::Down, KeyCode::Up) => Command::Up,
        (command, _) => command,
    })
}

/// The bindings the footer shows in `mode` on a page like `cx`, in keymap order.
pub fn hints(mode: Mode, cx: &KeyContext) -> impl Iterator<Item = &'static Binding> + '_ {
    keymap(mode).iter().filter(move |b| b.when.holds(cx))
}
