//! The footer: the keys that work now, drawn from the live keymap, with what each does here;
//! on a narrow window the least needed drop first, the way out and the help never.

use std::borrow::Cow;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::{View, dialog, seat};
use crate::keys::{self, Command, KeyContext, Mode};
use bezwaar_core::walk::Walk;

/// The footer: the keys that work now, from the keymap. When the window is narrow, hints
/// that do not fit drop, the last ones first (a shorter one after a long one that did not
/// fit still shows), but the help and the last one ("q stoppen") always stay.
pub(super) fn draw_footer(
    view: &View,
    walk: &Walk,
    frame: &mut Frame,
    area: Rect,
    cx: &KeyContext,
    enter: Option<&'static str>,
) {
    let lang = view.lang;
    let mode = view.mode(walk);
    let hints: Vec<_> = keys::hints(mode, cx).collect();
    let hint = |b: &keys::Binding| -> &'static str {
        match (mode, b.command) {
            // Enter's word follows what it does: open, choose, tick, read more, go on.
            (Mode::Page, Command::Activate) => enter.unwrap_or(b.hint(lang)),
            // L names the language it switches to, in that language.
            (_, Command::ToggleLang) => {
                let next = bezwaar_core::i18n::next(&walk.script().languages, lang);
                bezwaar_core::i18n::language_name(next)
            }
            // Esc takes the safe answer: say which.
            (Mode::Dialog, Command::Close) => walk
                .dialog()
                .map_or(b.hint(lang), |d| dialog::answers(lang, walk, d)[0]),
            _ => b.hint(lang),
        }
    };
    // Enter's hint and the way out (q, or Esc) never drop; then the help, with which every
    // other key can be found; then L (the next language) and, over SSH, the person's invite
    // key on the first page ("m meekijken", drawn just before the help); the rest as they fit.
    let invite = seat::footer_hint(view, walk);
    let out = keys::way_out(mode);
    let mut items: Vec<(&str, Cow<'static, str>, u8)> = Vec::with_capacity(hints.len() + 1);
    for b in &hints {
        if b.command == Command::Help
            && let Some((label, words)) = &invite
        {
            items.push((label, Cow::Owned(words.clone()), 2));
        }
        let rank = match b.command {
            Command::Activate => 0,
            c if c == out => 0,
            Command::Help => 1,
            // The language: someone who cannot read this one needs it most.
            Command::ToggleLang => 2,
            _ => 3,
        };
        items.push((b.label, Cow::Borrowed(hint(b)), rank));
    }
    footer_line(view, frame, area, items);
}

/// Draws footer hints (key, what it does, its rank: rank 0 always stays, then ranks 1, 2, …
/// as long as they fit). In a rank, a hint that does not fit drops and a shorter one after it
/// may still show; those shown are drawn in the keymap's order.
pub(super) fn footer_line<'a>(
    view: &View,
    frame: &mut Frame,
    area: Rect,
    items: Vec<(&'a str, Cow<'a, str>, u8)>,
) {
    let width = |label: &str, hint: &str| label.width() + 1 + hint.width() + 2;
    let mut room = usize::from(area.width).saturating_sub(1);
    let mut shown = vec![false; items.len()];
    for rank in 0..=3 {
        for (i, (label, hint, r)) in items.iter().enumerate() {
            let w = width(label, hint);
            if *r == rank && (rank == 0 || w <= room) {
                room = room.saturating_sub(w);
                shown[i] = true;
            }
        }
    }
    let key_style = view.theme.key;
    let mut spans = vec![Span::raw(" ")];
    for ((label, hint, _), shown) in items.into_iter().zip(shown) {
        if shown {
            spans.push(Span::styled(label, key_style));
            spans.push(Span::raw(format!(" {hint}  ")));
        }
    }
    frame.render_widget(Line::from(spans), area);
}
