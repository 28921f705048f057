//! The help (`?`): every key of every mode, made from the keymaps themselves, so it can never
//! say something the keys do not do. Grouped per mode under a short heading; keys that work
//! in every mode (Ctrl-C) once at the end; then a word about the mouse. It scrolls when it is
//! taller than the window.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding};
use unicode_width::UnicodeWidthStr;

use super::View;
use crate::keys::{self, Binding, Command, Mode};
use crate::text::{self, Lang};

/// The help's box: in the screen's column, above the footer, as tall as its text (centred
/// in the room there) or, when the text is taller than the window, all of that room.
/// `None` when the window is too small for anything.
pub fn area(view: &View) -> Option<Rect> {
    let a = super::areas(view.size())?;
    let room = Rect::new(a.footer.x, 0, a.footer.width, a.footer.y);
    let text_width = frame_block("").inner(room).width;
    let height = (lines(view, text_width).len() as u16)
        .saturating_add(2)
        .min(room.height);
    let y = (room.height - height) / 2;
    Some(Rect::new(room.x, y, room.width, height))
}

/// Where the help's text goes inside its box.
pub fn inner(view: &View) -> Option<Rect> {
    area(view).map(|r| frame_block("").inner(r))
}

fn frame_block(title: &str) -> Block<'_> {
    Block::bordered()
        .title(title)
        .padding(Padding::horizontal(1))
}

/// Whether a binding works the same in every mode (it is then listed once, at the end).
fn everywhere(b: &Binding) -> bool {
    keys::MODES.iter().all(|&m| {
        keys::keymap(m)
            .iter()
            .any(|o| o.command == b.command && o.label == b.label && o.hint == b.hint)
    })
}

/// What a binding does, in words. Enter on a page does what the focused thing asks, so it
/// gets every word the footer can show for it; Esc at a question takes the safe answer.
fn hint(b: &Binding, mode: Mode, lang: Lang) -> String {
    match (mode, b.command) {
        (Mode::Page, Command::Activate) => [
            text::enter_open(lang),
            text::enter_choose(lang),
            text::enter_tick(lang),
            text::enter_copy(lang),
            text::enter_next(lang),
            text::enter_more(lang),
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
    out.push(Line::default());
    for piece in wrap(text::help_mouse(lang), width) {
        out.push(Line::styled(piece, theme.text));
    }
    out
}

pub fn draw(view: &View, frame: &mut Frame) {
    let Some(scroll) = view.help_scroll() else {
        return;
    };
    let Some(area) = area(view) else {
        return;
    };
    let title = format!(" {} ", text::help_title(view.lang()));
    let block = frame_block(&title).title_style(view.theme().strong);
    let inner = block.inner(area);
    let all = lines(view, inner.width);
    let total = all.len();
    let height = usize::from(inner.height);
    let scroll = scroll.min(total.saturating_sub(height));
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    super::render_lines(frame, all.into_iter().skip(scroll), inner);
    // On the box's right edge, like the page's scrollbar.
    let bar = Rect::new(area.right() - 1, inner.y, 1, inner.height);
    super::draw_scrollbar(frame, bar, total, scroll);
}
