//! The keymap: one table from key to command. The footer's key hints are drawn from the
//! same table, so what the footer says is what the keys do.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::text::Lang;

/// What a key asks the app to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// Open the focused link; without one, go to the next page.
    Activate,
    Next,
    Back,
    /// Focus the previous link, or scroll up when the page has none.
    Up,
    /// Focus the next link, or scroll down when the page has none.
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
    /// Leave the walkthrough (q, Esc on a page).
    Quit,
    /// Ctrl-C: leave at once, whatever is open.
    Interrupt,
    /// Copy the link on show to the person's clipboard.
    Copy,
    /// Close the link panel; stop typing in a field.
    Close,
    /// Welcome back: go on where you were.
    Continue,
    /// Welcome back: forget the saved progress and begin at step 1.
    StartOver,
    /// Open the help: every key of every mode.
    Help,
}

/// Which keymap is live.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Page,
    /// The link panel is open.
    Panel,
    /// The person is typing in a field: keys not in this map are text.
    Edit,
    /// "Welcome back" after a restart.
    Welcome,
    /// The help is open.
    Help,
}

/// When a key is worth a place in the footer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Always,
    /// There is a page before this one.
    NotFirst,
    /// There is a page after this one.
    NotLast,
    /// Something has focus that Enter acts on.
    ItemFocused,
    /// The page has several things to choose between.
    HasItems,
    /// The page has nothing to choose and is longer than the window.
    Scrollable,
    /// The focused item holds text to copy.
    Copyable,
    /// Works, but is not advertised in the footer (the help lists it).
    Never,
}

/// What the footer needs to know about the current page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct KeyContext {
    pub first: bool,
    pub last: bool,
    /// How many things on the page take focus (links, choices, fields).
    pub items: usize,
    pub item_focused: bool,
    pub copyable: bool,
    pub scrollable: bool,
    /// The link panel is open.
    pub panel: bool,
}

impl When {
    pub fn holds(self, cx: &KeyContext) -> bool {
        match self {
            When::Always => true,
            When::NotFirst => !cx.first,
            When::NotLast => !cx.last,
            When::ItemFocused => cx.item_focused,
            When::HasItems => cx.items > 1,
            When::Scrollable => cx.items == 0 && cx.scrollable,
            When::Copyable => cx.copyable,
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
    /// What they do, in Dutch and English.
    pub hint: (&'static str, &'static str),
    pub when: When,
}

impl Binding {
    pub fn hint(&self, lang: Lang) -> &'static str {
        lang.pick(self.hint.0, self.hint.1)
    }
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const fn key(code: KeyCode) -> (KeyCode, KeyModifiers) {
    (code, NONE)
}
const fn ch(c: char) -> (KeyCode, KeyModifiers) {
    (KeyCode::Char(c), NONE)
}

/// The keymap, in the order the footer shows it (most useful first: a narrow footer keeps
/// the head of the list).
pub const KEYMAP: &[Binding] = &[
    Binding {
        keys: &[key(KeyCode::Enter)],
        command: Command::Activate,
        label: "Enter",
        hint: ("openen", "open"),
        when: When::ItemFocused,
    },
    Binding {
        keys: &[key(KeyCode::Right), ch(' '), ch('l')],
        command: Command::Next,
        label: "→",
        hint: ("verder", "next"),
        when: When::NotLast,
    },
    Binding {
        keys: &[key(KeyCode::Left), key(KeyCode::Backspace), ch('h')],
        command: Command::Back,
        label: "←",
        hint: ("terug", "back"),
        when: When::NotFirst,
    },
    Binding {
        keys: &[key(KeyCode::Up)],
        command: Command::Up,
        label: "↑",
        hint: ("vorige keuze", "previous choice"),
        when: When::Never,
    },
    Binding {
        keys: &[key(KeyCode::Down)],
        command: Command::Down,
        label: "↑↓",
        hint: ("kies", "choose"),
        when: When::HasItems,
    },
    Binding {
        keys: &[key(KeyCode::Tab)],
        command: Command::FocusNext,
        label: "Tab",
        hint: ("volgende keuze", "next choice"),
        when: When::Never,
    },
    Binding {
        keys: &[
            (KeyCode::BackTab, KeyModifiers::SHIFT),
            key(KeyCode::BackTab),
        ],
        command: Command::FocusPrev,
        label: "Shift-Tab",
        hint: ("vorige keuze", "previous choice"),
        when: When::Never,
    },
    Binding {
        keys: &[key(KeyCode::PageDown)],
        command: Command::PageDown,
        label: "PgDn",
        hint: ("verder lezen", "read on"),
        when: When::Scrollable,
    },
    Binding {
        keys: &[key(KeyCode::PageUp)],
        command: Command::PageUp,
        label: "PgUp",
        hint: ("terug lezen", "scroll up"),
        when: When::Never,
    },
    Binding {
        keys: &[key(KeyCode::Home)],
        command: Command::First,
        label: "Home",
        hint: ("eerste stap", "first step"),
        when: When::Never,
    },
    Binding {
        keys: &[key(KeyCode::End)],
        command: Command::Last,
        label: "End",
        hint: ("laatste stap", "last step"),
        when: When::Never,
    },
    Binding {
        keys: &[
            ch('1'),
            ch('2'),
            ch('3'),
            ch('4'),
            ch('5'),
            ch('6'),
            ch('7'),
            ch('8'),
            ch('9'),
        ],
        command: Command::Jump(0),
        label: "1-9",
        hint: ("naar stap", "go to step"),
        when: When::Never,
    },
    Binding {
        keys: &[ch('c')],
        command: Command::Copy,
        label: "c",
        hint: ("kopiëren", "copy"),
        when: When::Copyable,
    },
    // The help lists every key, L included, so it goes first in a narrow footer. Before
    // q: the footer keeps the last hint whatever the width ("q stoppen").
    Binding {
        keys: &[ch('?')],
        command: Command::Help,
        label: "?",
        hint: ("hulp", "help"),
        when: When::Always,
    },
    Binding {
        keys: &[ch('L')],
        command: Command::ToggleLang,
        label: "L",
        hint: ("English", "Nederlands"),
        when: When::Always,
    },
    Binding {
        keys: &[ch('q'), key(KeyCode::Esc)],
        command: Command::Quit,
        label: "q",
        hint: ("stoppen", "quit"),
        when: When::Always,
    },
    CTRL_C,
];

const CTRL_C: Binding = Binding {
    keys: &[(KeyCode::Char('c'), KeyModifiers::CONTROL)],
    command: Command::Interrupt,
    label: "Ctrl-C",
    hint: ("stoppen", "quit"),
    when: When::Never,
};

/// The keys while the link panel is open.
pub const PANEL_KEYMAP: &[Binding] = &[
    Binding {
        keys: &[ch('c')],
        command: Command::Copy,
        label: "c",
        hint: ("link kopiëren", "copy link"),
        when: When::Always,
    },
    Binding {
        keys: &[
            key(KeyCode::Esc),
            ch('q'),
            key(KeyCode::Enter),
            key(KeyCode::Left),
            key(KeyCode::Backspace),
        ],
        command: Command::Close,
        label: "Esc",
        hint: ("sluiten", "close"),
        when: When::Always,
    },
    CTRL_C,
];

/// The keys while typing in a field. Every other key is text: typing "q" types q.
pub const EDIT_KEYMAP: &[Binding] = &[
    Binding {
        keys: &[key(KeyCode::Esc)],
        command: Command::Close,
        label: "Esc",
        hint: ("klaar met typen", "done typing"),
        when: When::Always,
    },
    Binding {
        keys: &[key(KeyCode::Tab)],
        command: Command::FocusNext,
        label: "Tab",
        hint: ("volgende", "next"),
        when: When::Always,
    },
    Binding {
        keys: &[
            (KeyCode::BackTab, KeyModifiers::SHIFT),
            key(KeyCode::BackTab),
        ],
        command: Command::FocusPrev,
        label: "Shift-Tab",
        hint: ("vorige", "previous"),
        when: When::Never,
    },
    CTRL_C,
];

/// The keys of the "welcome back" question.
pub const WELCOME_KEYMAP: &[Binding] = &[
    Binding {
        keys: &[
            key(KeyCode::Enter),
            key(KeyCode::Right),
            key(KeyCode::Esc),
            ch(' '),
        ],
        command: Command::Continue,
        label: "Enter",
        hint: ("verder waar je was", "go on where you were"),
        when: When::Always,
    },
    Binding {
        keys: &[ch('n'), ch('N')],
        command: Command::StartOver,
        label: "n",
        hint: ("opnieuw beginnen", "start over"),
        when: When::Always,
    },
    Binding {
        keys: &[ch('q')],
        command: Command::Quit,
        label: "q",
        hint: ("stoppen", "quit"),
        when: When::Always,
    },
    CTRL_C,
];

/// The keys while the help is open. It scrolls like a long page.
pub const HELP_KEYMAP: &[Binding] = &[
    Binding {
        keys: &[key(KeyCode::Down)],
        command: Command::Down,
        label: "↑↓",
        hint: ("scrollen", "scroll"),
        when: When::Scrollable,
    },
    Binding {
        keys: &[key(KeyCode::Up)],
        command: Command::Up,
        label: "↑",
        hint: ("terug lezen", "scroll up"),
        when: When::Never,
    },
    Binding {
        keys: &[key(KeyCode::PageDown), ch(' ')],
        command: Command::PageDown,
        label: "PgDn",
        hint: ("verder lezen", "read on"),
        when: When::Never,
    },
    Binding {
        keys: &[key(KeyCode::PageUp)],
        command: Command::PageUp,
        label: "PgUp",
        hint: ("terug lezen", "scroll up"),
        when: When::Never,
    },
    Binding {
        keys: &[key(KeyCode::Esc), ch('?'), ch('q')],
        command: Command::Close,
        label: "Esc",
        hint: ("hulp sluiten", "close help"),
        when: When::Always,
    },
    CTRL_C,
];

/// Every mode, for tests and the help.
pub const MODES: [Mode; 5] = [
    Mode::Page,
    Mode::Panel,
    Mode::Edit,
    Mode::Welcome,
    Mode::Help,
];

/// The table for a mode.
pub fn keymap(mode: Mode) -> &'static [Binding] {
    match mode {
        Mode::Page => KEYMAP,
        Mode::Panel => PANEL_KEYMAP,
        Mode::Edit => EDIT_KEYMAP,
        Mode::Welcome => WELCOME_KEYMAP,
        Mode::Help => HELP_KEYMAP,
    }
}

/// How a key is named on screen, in the help.
pub fn key_name(code: KeyCode, mods: KeyModifiers, lang: Lang) -> String {
    let name = match code {
        KeyCode::Enter => "Enter".to_owned(),
        KeyCode::Esc => "Esc".to_owned(),
        KeyCode::Tab => "Tab".to_owned(),
        KeyCode::BackTab => "Shift-Tab".to_owned(),
        KeyCode::Backspace => "Backspace".to_owned(),
        KeyCode::Left => "←".to_owned(),
        KeyCode::Right => "→".to_owned(),
        KeyCode::Up => "↑".to_owned(),
        KeyCode::Down => "↓".to_owned(),
        KeyCode::PageUp => "PgUp".to_owned(),
        KeyCode::PageDown => "PgDn".to_owned(),
        KeyCode::Home => "Home".to_owned(),
        KeyCode::End => "End".to_owned(),
        KeyCode::Char(' ') => lang.pick("spatie", "Space").to_owned(),
        KeyCode::Char(c) => c.to_string(),
        other => format!("{other}"),
    };
    if mods.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{}", name.to_uppercase())
    } else {
        name
    }
}

/// Every key of a binding, as the help lists them: its label first, then the other keys
/// that do the same ("→ spatie l"). The digits of "1-9" are in the label already.
pub fn key_names(b: &Binding, lang: Lang) -> String {
    let mut out = b.label.to_owned();
    for &(code, mods) in b.keys.iter().skip(1) {
        if matches!(code, KeyCode::Char(c) if c.is_ascii_digit()) {
            continue;
        }
        let name = key_name(code, mods, lang);
        if !out.split(' ').any(|n| n == name) {
            out.push(' ');
            out.push_str(&name);
        }
    }
    out
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
        (command, _) => command,
    })
}

/// The bindings the footer shows in `mode` on a page like `cx`, in keymap order.
pub fn hints(mode: Mode, cx: &KeyContext) -> impl Iterator<Item = &'static Binding> + '_ {
    keymap(mode).iter().filter(move |b| b.when.holds(cx))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, mods: KeyModifiers, mode: Mode) -> Option<Command> {
        command_for(KeyEvent::new(code, mods), mode)
    }

    #[test]
    fn every_bound_key_resolves_to_its_own_command() {
        for mode in MODES {
            for b in keymap(mode) {
                for &(code, mods) in b.keys {
                    let got = press(code, mods, mode).expect("bound key resolves");
                    match b.command {
                        Command::Jump(_) => assert!(matches!(got, Command::Jump(1..=9))),
                        c => assert_eq!(got, c, "{code:?} in {mode:?}"),
                    }
                }
            }
        }
    }

    #[test]
    fn no_key_is_bound_twice_in_one_mode() {
        for mode in MODES {
            let all: Vec<_> = keymap(mode).iter().flat_map(|b| b.keys.iter()).collect();
            for (i, k) in all.iter().enumerate() {
                assert!(!all[i + 1..].contains(k), "{k:?} bound twice in {mode:?}");
            }
        }
    }

    #[test]
    fn the_same_key_means_what_its_mode_says() {
        let esc = |mode| press(KeyCode::Esc, KeyModifiers::NONE, mode);
        assert_eq!(esc(Mode::Page), Some(Command::Quit));
        assert_eq!(esc(Mode::Panel), Some(Command::Close));
        let ctrl_c = |mode| press(KeyCode::Char('c'), KeyModifiers::CONTROL, mode);
        assert_eq!(ctrl_c(Mode::Page), Some(Command::Interrupt));
        assert_eq!(ctrl_c(Mode::Panel), Some(Command::Interrupt));
        assert_eq!(
            press(KeyCode::Char('c'), KeyModifiers::NONE, Mode::Page),
            Some(Command::Copy)
        );
        // Typing: letters are text, only the edit keys mean something.
        assert_eq!(
            press(KeyCode::Char('q'), KeyModifiers::NONE, Mode::Edit),
            None
        );
        assert_eq!(
            press(KeyCode::Char('c'), KeyModifiers::NONE, Mode::Edit),
            None
        );
        assert_eq!(
            press(KeyCode::Char('1'), KeyModifiers::NONE, Mode::Edit),
            None
        );
        assert_eq!(
            press(KeyCode::Esc, KeyModifiers::NONE, Mode::Edit),
            Some(Command::Close)
        );
        // Shift is part of the letter: 'L' arrives as Shift + 'L'.
        assert_eq!(
            press(KeyCode::Char('L'), KeyModifiers::SHIFT, Mode::Page),
            Some(Command::ToggleLang)
        );
        assert_eq!(
            press(KeyCode::Char('4'), KeyModifiers::NONE, Mode::Page),
            Some(Command::Jump(4))
        );
    }
}
