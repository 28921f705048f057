//! The keymaps: one table per mode, each row a binding (its keys, the command, how the keys
//! are named and what they do), in the order the footer shows them.

use crossterm::event::{KeyCode, KeyModifiers};

use super::{Binding, Command, Mode, When};
use bezwaar_core::i18n::msg;

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
    hint: msg::key_stop_at_once,
    when: When::Never,
};

/// Reading on and back through a page (or a sheet), in every mode that scrolls.
const READ_ON: Binding = Binding {
    keys: &[key(KeyCode::PageDown)],
    command: Command::PageDown,
    label: "PgDn",
    hint: msg::key_read_on,
    when: When::Never,
};
const SCROLL_UP: Binding = Binding {
    keys: &[key(KeyCode::PageUp)],
    command: Command::PageUp,
    label: "PgUp",
    hint: msg::key_scroll_up,
    when: When::Never,
};

/// The help: `?` and F1 on a page, F1 where `?` is text (a field).
const HELP: Binding = Binding {
    keys: &[ch('?'), key(KeyCode::F(1))],
    command: Command::Help,
    label: "?",
    hint: msg::key_help,
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
        hint: msg::key_next,
        when: When::EnterDoes,
    },
    Binding {
        keys: &[key(KeyCode::Right), ch(' ')],
        command: Command::Next,
        label: "→",
        hint: msg::key_next,
        when: When::NotLast,
    },
    Binding {
        keys: &[key(KeyCode::Left), key(KeyCode::Backspace)],
        command: Command::Back,
        label: "←",
        hint: msg::key_back,
        when: When::NotFirst,
    },
    Binding {
        keys: &[key(KeyCode::Tab)],
        command: Command::FocusNext,
        label: "Tab",
        hint: msg::key_next_item,
        when: When::Never,
    },
    Binding {
        keys: &SHIFT_TAB,
        command: Command::FocusPrev,
        label: "Shift-Tab",
        hint: msg::key_previous_item,
        when: When::Never,
    },
    READ_ON,
    SCROLL_UP,
    Binding {
        keys: &[key(KeyCode::Home)],
        command: Command::First,
        label: "Home",
        hint: msg::key_first_step,
        when: When::Never,
    },
    Binding {
        keys: &[key(KeyCode::End)],
        command: Command::Last,
        label: "End",
        hint: msg::key_last_step,
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
        hint: msg::key_go_to_that_step,
        when: When::Never,
    },
    Binding {
        keys: &[ch('c')],
        command: Command::Copy,
        label: "c",
        hint: msg::key_copy,
        when: When::Copyable,
    },
    Binding {
        keys: &[ch('s')],
        command: Command::Sources,
        label: "s",
        hint: msg::key_sources,
        when: When::Always,
    },
    HELP,
    Binding {
        keys: &[ch('L')],
        command: Command::ToggleLang,
        label: "L",
        hint: msg::key_language,
        when: When::Always,
    },
    // ↑ and ↓ are one row: ↑ is Up (see `command_for`). Late in the list: everyone knows
    // the arrows, so a narrow footer gives their room to the sources and the language.
    Binding {
        keys: &[key(KeyCode::Down), key(KeyCode::Up)],
        command: Command::Down,
        label: "↑↓",
        hint: msg::key_move,
        when: When::HasItems,
    },
    Binding {
        keys: &[ch('q')],
        command: Command::Quit,
        label: "q",
        hint: msg::key_quit,
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
        hint: msg::key_done_typing,
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
        hint: msg::key_previous_item,
        when: When::Never,
    },
    READ_ON,
    SCROLL_UP,
    Binding {
        keys: &[key(KeyCode::F(1))],
        command: Command::Help,
        label: "F1",
        hint: msg::key_help,
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
        hint: msg::key_open_on_this_screen,
        // Without a desktop Enter closes the panel, as Esc does: Esc's hint says it.
        when: When::Desktop,
    },
    Binding {
        keys: &[ch('c')],
        command: Command::Copy,
        label: "c",
        hint: msg::key_copy_link,
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
        hint: msg::key_close,
        when: When::Always,
    },
    HELP,
    // q asks "stop?" over the panel, as it does on a page.
    Binding {
        keys: &[ch('q')],
        command: Command::Quit,
        label: "q",
        hint: msg::key_quit,
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
        hint: msg::key_choose,
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
        hint: msg::key_other_answer,
        when: When::Always,
    },
    Binding {
        keys: &[key(KeyCode::Esc)],
        command: Command::Close,
        label: "Esc",
        // The view says which answer that is.
        hint: msg::key_back,
        when: When::Always,
    },
    Binding {
        keys: &[ch('q')],
        command: Command::Quit,
        label: "q",
        hint: msg::key_stop,
        when: When::Quitting,
    },
    Binding {
        keys: &[ch('n'), ch('N')],
        command: Command::StartOver,
        label: "n",
        hint: msg::key_start_over,
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
        hint: msg::key_scroll,
        when: When::Scrollable,
    },
    Binding {
        keys: &[key(KeyCode::PageDown), ch(' ')],
        command: Command::PageDown,
        label: "PgDn",
        hint: msg::key_read_on,
        when: When::Never,
    },
    SCROLL_UP,
    Binding {
        keys: &[ch('t')],
        command: Command::Theme,
        label: "t",
        hint: msg::key_other_colours,
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
        hint: msg::key_close,
        when: When::Always,
    },
    CTRL_C,
];

/// The table for a mode.
pub fn keymap(mode: Mode) -> &'static [Binding] {
    match mode {
        Mode::Page => KEYMAP,
        Mode::Field => FIELD_KEYMAP,
        Mode::Panel => PANEL_KEYMAP,
        Mode::Dialog => DIALOG_KEYMAP,
        Mode::Help => HELP_KEYMAP,
    }
}
