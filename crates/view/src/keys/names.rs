//! How keys are named in the help: a mode's heading, one key, and every key of a binding.

use crossterm::event::{KeyCode, KeyModifiers};

use super::{Binding, Mode};
use bezwaar_core::i18n::msg;
use bezwaar_core::text::Lang;

/// The help's heading over the keys of a mode; `None`: the keys that work everywhere.
pub fn mode_heading(lang: Lang, mode: Option<Mode>) -> &'static str {
    let words: fn(Lang) -> &'static str = match mode {
        Some(Mode::Page) => msg::mode_page,
        Some(Mode::Field) => msg::mode_field,
        Some(Mode::Panel) => msg::mode_panel,
        Some(Mode::Dialog) => msg::mode_dialog,
        Some(Mode::Help) => msg::mode_help,
        None => msg::mode_everywhere,
    };
    words(lang)
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
        KeyCode::Char(' ') => msg::key_name_space(lang).to_owned(),
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
