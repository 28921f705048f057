//! The help (`?`): every key of every mode, made from the keymaps themselves, so it can never
//! say something the keys do not do. Grouped per mode under a short heading; keys that work
//! in every mode (Ctrl-C) once at the end; then a word about the mouse. It scrolls when it is
//! taller than the window.

use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::View;
use crate::keys::{self, Binding, Command, Mode};
use bezwaar_core::text::{self, Lang};

/// Whether a binding works the same in every mode (it is then listed once, at the end).
fn everywhere(b: &Binding) -> bool {
    keys::MODES.iter().all(|&m| {
        keys::keymap(m).iter().any(|o| {
            // The same words in English: the same hint (a function's address says
            // nothing for sure).
            o.command == b.command && o.label == b.label && (o.hint)(Lang::En) == (b.hint)(Lang::En)
        })
    })
}

/// What a binding does, in words. Enter on a page does what the focused thing asks, so it
/// gets every word the footer can show for it; Esc at a question takes the safe answer.
fn hint(b: &Binding, mode: Mode, lang: Lang) -> String {
    match (mode, b.command) {
        (Mode::Page, Command::Activate) => [
            text::enter_open(lang),
            text::enter_choose(lang),
            text::enter_copy(lang),
            text::enter_next(lang),
            text::enter_more(lang),
            text::enter_back(lang),
            text::enter_end(lang),
        ]
        .join(", "),
        (Mode::Dialog, Command::Close) => text::help_safe_answer(lang).to_owned(),
        (Mode::Panel, Command::Activate) => text::help_panel_enter(lang).to_owned(),
        _ => b.hint(lang).to_owned(),
    }
}

/// The help's lines at `width` columns.
pub fn lines(view: &View, width: u16) -> Vec<Line<'static>> {
    let lang = view.lang();
    let theme = view.theme();
    let width = usize::from(width.max(1));
    let mut out: Vec<Line<'static>> = Vec::new();
    let mut groups: Vec<(Option<Mode>, Vec<&Binding>)> = keys::MODES
        .iter()
        .map(|&m| {
            let own = keys::keymap(m).iter().filter(|b| !everywhere(b)).collect();
            (Some(m), own)
        })
        .collect();
    let common: Vec<&Binding> = keys::keymap(Mode::Page)
        .iter()
        .filter(|b| everywhere(b))
        .collect();
    groups.push((None, common));
    let wrap = |s: &str, w: usize| -> Vec<String> {
        textwrap::wrap(s, textwrap::Options::new(w.max(8)).break_words(true))
            .into_iter()
            .map(|c| c.into_owned())
            .collect()
    };
    for (mode, bindings) in groups {
        if bindings.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(Line::default());
        }
        for piece in wrap(keys::mode_heading(lang, mode), width) {
            out.push(Line::styled(piece, theme.strong));
        }
        let names: Vec<String> = bindings.iter().map(|b| keys::key_names(b, lang)).collect();
        // One column for the keys, as wide as the widest, but never more than half the room:
        // keys that do not fit get a line of their own, with the words under them.
        let room = width.saturating_sub(2);
        let column = names
            .iter()
            .map(|n| n.width())
            .max()
            .unwrap_or(0)
            .min(room / 2);
        let indent = 2 + column + 2;
        for (b, name) in bindings.iter().zip(&names) {
            let words = wrap(
                &hint(b, mode.unwrap_or(Mode::Page), lang),
                width.saturating_sub(indent),
            );
            let mut words = words.into_iter();
            if name.width() <= column {
                let pad = " ".repeat(column - name.width() + 2);
                out.push(Line::from(vec![
                    Span::raw("  "),
                    Span::styled(name.clone(), theme.strong),
                    Span::raw(pad),
                    Span::styled(words.next().unwrap_or_default(), theme.text),
                ]));
            } else {
                for piece in wrap(name, room) {
                    out.push(Line::from(vec![
                        Span::raw("  "),
                        Span::styled(piece, theme.strong),
                    ]));
                }
            }
            for rest in words {
                out.push(Line::from(vec![
                    Span::raw(" ".repeat(indent)),
                    Span::styled(rest, theme.text),
                ]));
            }
        }
        if mode == Some(Mode::Help) {
            let line = text::help_theme(lang, theme.kind == crate::theme::ThemeKind::HighContrast);
            for piece in wrap(&line, room) {
                out.push(Line::from(vec![
                    Span::raw("  "),
                    Span::styled(piece, theme.text),
                ]));
            }
        }
        if mode == Some(Mode::Field) {
            for piece in wrap(text::help_typing(lang), room) {
                out.push(Line::from(vec![
                    Span::raw("  "),
                    Span::styled(piece, theme.text),
                ]));
            }
        }
    }
    out.extend(super::seat::help_lines(view, width));
    out.push(Line::default());
    for piece in wrap(text::help_mouse(lang), width) {
        out.push(Line::styled(piece, theme.text));
    }
    out
}
