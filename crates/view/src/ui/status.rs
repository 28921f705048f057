//! The status line under the page: what just happened ("Link copied", a link that did not
//! open, a notice about saving), and at its right who is looking along and "↓ more". A long
//! message wraps onto a second row rather than being cut; past two rows it ends in "…"
//! (where that can happen, the rest is in the help or behind a key).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::{View, failure_words, notice_words, seat, truncate};
use bezwaar_core::script::fill;
use bezwaar_core::text;
use bezwaar_core::walk::{Field, Status, Walk};

/// The most rows a status takes.
const MAX_ROWS: usize = 2;

/// The walk's status in words, with its style; empty when there is none.
fn message(view: &View, walk: &Walk) -> (String, Style) {
    let lang = view.lang;
    let theme = &view.theme;
    match walk.status() {
        Some(Status::Opening) => (text::opening(lang).to_owned(), theme.text),
        Some(Status::OpeningOnDesktop) => (text::opening_on_desktop(lang).to_owned(), theme.text),
        Some(Status::OnDesktop) => (text::on_desktop(lang).to_owned(), theme.success),
        Some(Status::OpenFailed(failure)) => (
            text::open_failed(lang, failure_words(lang, failure)),
            theme.alert,
        ),
        Some(Status::Copied(field)) => (
            text::copied_text(lang, *field == Field::Email).to_owned(),
            theme.success,
        ),
        Some(Status::NothingToCopy) => (text::nothing_to_copy(lang).to_owned(), theme.text),
        Some(Status::NotYet) => {
            let step = walk.forms_page().map_or(1, |p| p + 1).to_string();
            let words = walk.page().ask_words().map_or(String::new(), |w| {
                text::sanitize(&fill(w.safe_status.get(lang), &[("step", step.as_str())]))
            });
            (words, theme.text)
        }
        Some(Status::Notice(notice)) => (notice_words(lang, notice), theme.alert),
        None => (String::new(), theme.text),
    }
}

/// The message when it did not fit in [`MAX_ROWS`] rows at this view's width: the help
/// shows it whole, at its top.
pub(super) fn cut(view: &View, walk: &Walk) -> Option<(String, Style)> {
    let width = view.size().0.min(super::MAX_WIDTH);
    let (_, _, _, cut) = lay_out(view, walk, width, true);
    cut.then(|| message(view, walk))
        .filter(|(m, _)| !m.is_empty())
}

/// The status as it is laid out in `width` columns: the left part's rows (at most
/// [`MAX_ROWS`], the last cut with "…" when more did not fit), its style, the right part,
/// and whether the message was cut.
fn lay_out(
    view: &View,
    walk: &Walk,
    width: u16,
    more_below: bool,
) -> (Vec<String>, Style, String, bool) {
    let more = if more_below {
        text::scroll_more(view.lang)
    } else {
        ""
    };
    let (mut left, mut style) = message(view, walk);
    let watching = seat::status(view, walk);
    // Who is watching (over SSH) stands at the right, beside "more"; with no message, it
    // takes the left and may wrap too.
    let mut right = more.to_owned();
    match watching {
        Some(line) if left.is_empty() => {
            left = line;
            style = view.theme.strong;
        }
        Some(line) => {
            let room = usize::from(width).saturating_sub(more.width() + 4) / 2;
            let line = truncate(&line, room.max(8));
            right = if more.is_empty() {
                line
            } else {
                format!("{line}  {more}")
            };
        }
        None => {}
    }
    let room = usize::from(width).saturating_sub(right.width() + 3).max(1);
    let mut rows: Vec<String> = textwrap::wrap(&left, room)
        .into_iter()
        .map(|l| l.into_owned())
        .collect();
    let cut = rows.len() > MAX_ROWS;
    if cut {
        rows.truncate(MAX_ROWS);
        let last = format!("{}…", rows[MAX_ROWS - 1]);
        rows[MAX_ROWS - 1] = truncate(&last, room);
        if !rows[MAX_ROWS - 1].ends_with('…') {
            rows[MAX_ROWS - 1].push('…');
        }
    }
    (rows, style, right, cut)
}

/// How many rows the status needs at this view's width (as if "more" were shown, so the
/// page does not jump when it comes and goes).
pub(super) fn rows(view: &View, walk: &Walk) -> u16 {
    let width = view.size().0.min(super::MAX_WIDTH);
    let (rows, ..) = lay_out(view, walk, width, true);
    rows.len().clamp(1, MAX_ROWS) as u16
}

pub(super) fn draw(view: &View, walk: &Walk, frame: &mut Frame, area: Rect, more_below: bool) {
    let (rows, style, right, _) = lay_out(view, walk, area.width, more_below);
    let inner = Rect {
        x: area.x + 1,
        width: area.width.saturating_sub(2),
        ..area
    };
    for (i, row) in rows.into_iter().take(usize::from(area.height)).enumerate() {
        let line_area = Rect {
            y: inner.y + i as u16,
            height: 1,
            ..inner
        };
        frame.render_widget(Line::from(Span::styled(row, style)), line_area);
    }
    let first = Rect { height: 1, ..inner };
    frame.render_widget(
        Line::from(Span::styled(right, view.theme.strong))
            .alignment(ratatui::layout::Alignment::Right),
        first,
    );
}
