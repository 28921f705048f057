//! The keymap: one table from key to command. The footer's key hints are drawn from the
//! same table, so what the footer says is what the keys do.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use bezwaar_core::text::Lang;

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
    /// What they do: a message id of the catalogs.
    pub hint: &'static str,
    pub when: When,
}

impl Binding {
    pub fn hint(&self, lang: Lang) -> &'static str {
        bezwaar_core::i18n::tr(lang, self.hint)
    }
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const fn key(code: KeyCode) -> (KeyCode, KeyModifiers) {
    (code, NONE)
}
const fn ch(c: char) -> (KeyCode, KeyModifiers) {
    (KeyCode::Char(c), NONE)
}
const SHIFT_TAB: [(KeyCode, KeyModifiers); 2] = [
    (KeyCode::BackTab, KeyModifiers::SHIFT),
    (KeyCode::BackTab, NONE),
];

const CTRL_C: Binding = Binding {
    keys: &[(KeyCode::Char('c'), KeyModifiers::CONTROL)],
    command: Command::Interrupt,
    label: "Ctrl-C",
    hint: "key-stop-at-once",
    when: When::Never,
};

/// The help: `?` and F1 on a page, F1 where `?` is text (a field).
const HELP: Binding = Binding {
    keys: &[ch('?'), key(KeyCode::F(1))],
    command: Command::Help,
    label: "?",
    hint: "key-help",
    when: When::Always,
};

/// The keymap of a page, in the order the footer shows it (most useful first: a narrow
/// footer keeps the head of the list, and always the last hint, "q stoppen").
pub const KEYMAP: &[Binding] = &[
    Binding {
        keys: &[key(KeyCode::Enter)],
        command: Command::Activate,
        label: "Enter",
        // The footer and the help say what Enter does on the focused item.
        hint: "key-next",
        when: When::EnterDoes,
    },
    Binding {
        keys: &[key(KeyCode::Right), ch(' ')],
        command: Command::Next,
        label: "→",
        hint: "key-next",
        when: When::NotLast,
    },
    Binding {
        keys: &[key(KeyCode::Left), key(KeyCode::Backspace)],
        command: Command::Back,
        label: "←",
        hint: "key-back",
        when: When::NotFirst,
    },
    Binding {
        keys: &[key(KeyCode::Tab)],
        command: Command::FocusNext,
        label: "Tab",
        hint: "key-next-item",
        when: When::Never,
    },
    Binding {
        keys: &SHIFT_TAB,
        command: Command::FocusPrev,
        label: "Shift-Tab",
        hint: "key-previous-item",
        when: When::Never,
    },
    Binding {
        keys: &[key(KeyCode::PageDown)],
        command: Command::PageDown,
        label: "PgDn",
        hint: "key-read-on",
        when: When::Never,
    },
    Binding {
        keys: &[key(KeyCode::PageUp)],
        command: Command::PageUp,
        label: "PgUp",
        hint: "key-scroll-up",
        when: When::Never,
    },
    Binding {
        keys: &[key(KeyCode::Home)],
        command: Command::First,
        label: "Home",
        hint: "key-first-step",
        when: When::Never,
    },
    Binding {
        keys: &[key(KeyCode::End)],
        command: Command::Last,
        label: "End",
        hint: "key-last-step",
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
        hint: "key-go-to-that-step",
        when: When::Never,
    },
    Binding {
        keys: &[ch('c')],
        command: Command::Copy,
        label: "c",
        hint: "key-copy",
        when: When::Copyable,
    },
    Binding {
        keys: &[ch('s')],
        command: Command::Sources,
        label: "s",
        hint: "key-sources",
        when: When::Always,
    },
    HELP,
    Binding {
        keys: &[ch('L')],
        command: Command::ToggleLang,
        label: "L",
        hint: "key-language",
        when: When::Always,
    },
    // ↑ and ↓ are one row: ↑ is Up (see `command_for`). Late in the list: everyone knows
    // the arrows, so a narrow footer gives their room to the sources and the language.
    Binding {
        keys: &[key(KeyCode::Down), key(KeyCode::Up)],
        command: Command::Down,
        label: "↑↓",
        hint: "key-move",
        when: When::HasItems,
    },
    Binding {
        keys: &[ch('q')],
        command: Command::Quit,
        label: "q",
        hint: "key-quit",
        when: When::Always,
    },
    CTRL_C,
];

/// The keys while a text field has focus. Every other key is text: typing "q" types q.
pub const FIELD_KEYMAP: &[Binding] = &[
    Binding {
        keys: &[
            key(KeyCode::Enter),
            key(KeyCode::Tab),
            key(KeyCode::Down),
            key(KeyCode::Esc),
            // Ctrl-M is what a carriage return is: Enter, never a line break in the field.
            (KeyCode::Char('m'), KeyModifiers::CONTROL),
        ],
        command: Command::Activate,
        label: "Enter",
        hint: "key-done-typing",
        when: When::Always,
    },
    Binding {
        keys: &[
            key(KeyCode::Up),
            (KeyCode::BackTab, KeyModifiers::SHIFT),
            (KeyCode::BackTab, NONE),
        ],
        command: Command::FocusPrev,
        label: "↑",
        hint: "key-previous-item",
        when: When::Never,
    },
    Binding {
        keys: &[key(KeyCode::PageDown)],
        command: Command::PageDown,
        label: "PgDn",
        hint: "key-read-on",
        when: When::Never,
    },
    Binding {
        keys: &[key(KeyCode::PageUp)],
        command: Command::PageUp,
        label: "PgUp",
        hint: "key-scroll-up",
        when: When::Never,
    },
    Binding {
        keys: &[key(KeyCode::F(1))],
        command: Command::Help,
        label: "F1",
        hint: "key-help",
        when: When::Always,
    },
    CTRL_C,
];

/// The keys while the link panel is open. Enter comes first: with a desktop session on this
/// computer it opens the link there, else it closes the panel.
pub const PANEL_KEYMAP: &[Binding] = &[
    Binding {
        keys: &[key(KeyCode::Enter)],
        command: Command::Activate,
        label: "Enter",
        hint: "key-open-on-this-screen",
        // Without a desktop Enter closes the panel, as Esc does: Esc's hint says it.
        when: When::Desktop,
    },
    Binding {
        keys: &[ch('c')],
        command: Command::Copy,
        label: "c",
        hint: "key-copy-link",
        when: When::Always,
    },
    Binding {
        keys: &[
            key(KeyCode::Esc),
            key(KeyCode::Left),
            key(KeyCode::Backspace),
        ],
        command: Command::Close,
        label: "Esc",
        hint: "key-close",
        when: When::Always,
    },
    HELP,
    // q asks "stop?" over the panel, as it does on a page.
    Binding {
        keys: &[ch('q')],
        command: Command::Quit,
        label: "q",
        hint: "key-quit",
        when: When::Never,
    },
    CTRL_C,
];

/// The keys of a question with two answers. Enter takes the answer that is marked, which is
/// the safe one until the person moves to the other; Esc always takes the safe one.
pub const DIALOG_KEYMAP: &[Binding] = &[
    Binding {
        keys: &[key(KeyCode::Enter)],
        command: Command::Activate,
        label: "Enter",
        hint: "key-choose",
        when: When::Always,
    },
    Binding {
        keys: &[
            key(KeyCode::Left),
            key(KeyCode::Right),
            key(KeyCode::Up),
            key(KeyCode::Down),
            key(KeyCode::Tab),
            (KeyCode::BackTab, KeyModifiers::SHIFT),
            (KeyCode::BackTab, NONE),
        ],
        command: Command::FocusNext,
        label: "←→",
        hint: "key-other-answer",
        when: When::Always,
    },
    Binding {
        keys: &[key(KeyCode::Esc)],
        command: Command::Close,
        label: "Esc",
        // The view says which answer that is.
        hint: "key-back",
        when: When::Always,
    },
    Binding {
        keys: &[ch('q')],
        command: Command::Quit,
        label: "q",
        hint: "key-stop",
        when: When::Quitting,
    },
    Binding {
        keys: &[ch('n'), ch('N')],
        command: Command::StartOver,
        label: "n",
        hint: "key-start-over",
        when: When::Welcome,
    },
    HELP,
    CTRL_C,
];

/// The keys while the help or the sources are open. They scroll like a long page.
pub const HELP_KEYMAP: &[Binding] = &[
    Binding {
        keys: &[key(KeyCode::Down), key(KeyCode::Up)],
        command: Command::Down,
        label: "↑↓",
        hint: "key-scroll",
        when: When::Scrollable,
    },
    Binding {
        keys: &[key(KeyCode::PageDown), ch(' ')],
        command: Command::PageDown,
        label: "PgDn",
        hint: "key-read-on",
        when: When::Never,
    },
    Binding {
        keys: &[key(KeyCode::PageUp)],
        command: Command::PageUp,
        label: "PgUp",
        hint: "key-scroll-up",
        when: When::Never,
    },
    Binding {
        keys: &[ch('t')],
        command: Command::Theme,
        label: "t",
        hint: "key-other-colours",
        when: When::Always,
    },
    Binding {
        keys: &[
            key(KeyCode::Esc),
            ch('?'),
            ch('q'),
            key(KeyCode::F(1)),
            ch('s'),
            key(KeyCode::Enter),
        ],
        command: Command::Close,
        label: "Esc",
        hint: "key-close",
        when: When::Always,
    },
    CTRL_C,
];

/// Every mode, for tests and the help.
pub const MODES: [Mode; 5] = [
    Mode::Page,
    Mode::Field,
    Mode::Panel,
    Mode::Dialog,
    Mode::Help,
];

/// The table for a mode.
/// The key that leaves what is open, which the footer never drops: q on a page (it asks
/// first), Esc in the panel, a question or the help; in a field, Enter (done typing).
pub fn way_out(mode: Mode) -> Command {
    match mode {
        Mode::Page => Command::Quit,
        Mode::Field => Command::Activate,
        Mode::Panel | Mode::Dialog | Mode::Help => Command::Close,
    }
}

pub fn keymap(mode: Mode) -> &'static [Binding] {
    match mode {
        Mode::Page => KEYMAP,
        Mode::Field => FIELD_KEYMAP,
        Mode::Panel => PANEL_KEYMAP,
        Mode::Dialog => DIALOG_KEYMAP,
        Mode::Help => HELP_KEYMAP,
    }
}

/// The help's heading over the keys of a mode; `None`: the keys that work everywhere.
pub fn mode_heading(lang: Lang, mode: Option<Mode>) -> &'static str {
    let id = match mode {
        Some(Mode::Page) => "mode-page",
        Some(Mode::Field) => "mode-field",
        Some(Mode::Panel) => "mode-panel",
        Some(Mode::Dialog) => "mode-dialog",
        Some(Mode::Help) => "mode-help",
        None => "mode-everywhere",
    };
    bezwaar_core::i18n::tr(lang, id)
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
        KeyCode::Char(' ') => bezwaar_core::i18n::tr(lang, "key-name-space").to_owned(),
        KeyCode::F(n) => format!("F{n}"),
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
        // A label of two arrows ("←→", "↑↓") names both already; "Shift-Tab" twice (with and
        // without Shift) is one key.
        let in_pair = b.label.chars().count() == 2 && b.label.contains(name.as_str());
        if !in_pair && !out.split(' ').any(|n| n == name) {
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
        (Command::Down, KeyCode::Up) => Command::Up,
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
                    match (b.command, code) {
                        (Command::Jump(_), _) => assert!(matches!(got, Command::Jump(1..=9))),
                        (Command::Down, KeyCode::Up) => assert_eq!(got, Command::Up),
                        (c, _) => assert_eq!(got, c, "{code:?} in {mode:?}"),
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
        assert_eq!(esc(Mode::Page), None, "Esc on a bare page does nothing");
        assert_eq!(esc(Mode::Panel), Some(Command::Close));
        assert_eq!(esc(Mode::Dialog), Some(Command::Close));
        assert_eq!(esc(Mode::Help), Some(Command::Close));
        let q = |mode| press(KeyCode::Char('q'), KeyModifiers::NONE, mode);
        assert_eq!(q(Mode::Page), Some(Command::Quit), "q asks first");
        assert_eq!(q(Mode::Field), None, "q is text in a field");
        let ctrl_c = |mode| press(KeyCode::Char('c'), KeyModifiers::CONTROL, mode);
        for mode in MODES {
            assert_eq!(ctrl_c(mode), Some(Command::Interrupt), "{mode:?}");
        }
        let f1 = |mode| press(KeyCode::F(1), KeyModifiers::NONE, mode);
        for mode in [Mode::Page, Mode::Field, Mode::Panel, Mode::Dialog] {
            assert_eq!(f1(mode), Some(Command::Help), "{mode:?}");
        }
        // Typing: no printable key is a command in a field.
        for c in (' '..='~').chain("éü€ß".chars()) {
            assert_eq!(
                press(KeyCode::Char(c), KeyModifiers::NONE, Mode::Field),
                None,
                "{c:?}"
            );
            assert_eq!(
                press(KeyCode::Char(c), KeyModifiers::SHIFT, Mode::Field),
                None,
                "{c:?}"
            );
        }
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
