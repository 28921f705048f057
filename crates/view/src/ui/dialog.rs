//! A question with two answers, in a box over the page: "Welkom terug", "Stoppen?",
//! "Weet je het zeker?". The answers stand one under the other, like the answers on a page,
//! with ▶ at the marked one; the page behind is cleared (bits of sentences peeking out around
//! a box only distract).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::View;
use bezwaar_core::text::{self, Lang, sanitize};
use bezwaar_core::walk::{Dialog, Question, Walk};

/// The question's title and words (either may be empty).
fn words(lang: Lang, walk: &Walk, dialog: &Dialog) -> (String, String) {
    match dialog.question {
        Question::Welcome => {
            let title = sanitize(walk.page().title.get(lang));
            (
                text::welcome_back(lang, walk.page_index() + 1, &title),
                String::new(),
            )
        }
        Question::StartOver => {
            let [t, w, ..] = text::start_over_question(lang, walk.keeps_progress());
            (t.to_owned(), w.to_owned())
        }
        Question::Quit => {
            let [t, w, ..] = text::quit_question(lang, walk.keeps_progress());
            (t.to_owned(), w.to_owned())
        }
        Question::TakeBack(i) => {
            let [t, ..] = text::take_back_question(lang);
            let name = walk
                .script()
                .choices
                .get(i)
                .map_or(String::new(), |p| sanitize(p.name.as_str()));
            (format!("{t} ({name})"), walk.untick_words(lang))
        }
    }
}

/// The two answers: the safe one first.
pub fn answers(lang: Lang, walk: &Walk, dialog: &Dialog) -> [&'static str; 2] {
    match dialog.question {
        Question::Welcome => text::welcome_answers(lang),
        Question::StartOver => {
            let [_, _, a, b] = text::start_over_question(lang, walk.keeps_progress());
            [a, b]
        }
        Question::Quit => {
            let [_, _, a, b] = text::quit_question(lang, walk.keeps_progress());
            [a, b]
        }
        Question::TakeBack(_) => {
            let [_, a, b] = text::take_back_question(lang);
            [a, b]
        }
    }
}

/// The box's lines at `width` columns inside it.
pub fn lines(view: &View, walk: &Walk, dialog: &Dialog, width: u16) -> Vec<Line<'static>> {
    let lang = view.lang();
    let theme = view.theme();
    let width = usize::from(width.max(8));
    let wrap = |s: &str, w: usize| -> Vec<String> {
        textwrap::wrap(s, textwrap::Options::new(w.max(4)).break_words(true))
            .into_iter()
            .map(|c| c.into_owned())
            .collect()
    };
    let (title, words) = words(lang, walk, dialog);
    let mut out: Vec<Line<'static>> = wrap(&title, width)
        .into_iter()
        .map(|l| Line::styled(l, theme.strong))
        .collect();
    if !words.is_empty() {
        out.push(Line::default());
        out.extend(
            wrap(&words, width)
                .into_iter()
                .map(|l| Line::styled(l, theme.text)),
        );
    }
    for (i, answer) in answers(lang, walk, dialog).into_iter().enumerate() {
        out.push(Line::default());
        let marked = i == dialog.answers.marked();
        let (marker, style) = if marked {
            ("▶ ", theme.focus)
        } else {
            ("  ", theme.strong)
        };
        for (k, piece) in wrap(answer, width.saturating_sub(2))
            .into_iter()
            .enumerate()
        {
            let lead = if k == 0 { marker } else { "  " };
            out.push(Line::from(vec![
                Span::raw(lead),
                Span::styled(piece, style),
            ]));
        }
    }
    out
}

pub fn draw(view: &View, walk: &Walk, dialog: &Dialog, frame: &mut Frame, body: Rect) {
    let width = body.width.saturating_sub(4).min(60);
    let inner = width.saturating_sub(4).max(1);
    let all = lines(view, walk, dialog, inner);
    let text_area = super::overlay_box(frame, body, width, all.len(), view.theme().overlay);
    // A question taller than the window keeps its answers in sight: the last lines show.
    let skip = all.len().saturating_sub(usize::from(text_area.height));
    super::render_lines(frame, all.iter().skip(skip), text_area);
}
