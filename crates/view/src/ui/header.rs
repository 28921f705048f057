//! The top of the screen: the header (the walkthrough's title and "Stap 3 van 7") and the
//! stepper, every page by number and title, the current one marked, with where each is drawn
//! (a click on one goes there).

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::{View, truncate};
use bezwaar_core::text::{self, Lang, sanitize};
use bezwaar_core::walk::Walk;

pub(super) fn draw_header(view: &View, walk: &Walk, frame: &mut Frame, area: Rect) {
    let lang = view.lang;
    let step = text::step_of(lang, walk.page_index() + 1, walk.script().pages.len());
    let title = sanitize(walk.script().title.get(lang));
    let room = usize::from(area.width).saturating_sub(step.width() + 3);
    let title = truncate(&title, room);
    ends(
        frame,
        area,
        Span::styled(title, view.theme.strong),
        Span::raw(step),
    );
}

/// A row with `left` at its left end and `right` at its right end, a column of margin at
/// each. The gap between stays blank, with no spaces to lay out and compare.
fn ends(frame: &mut Frame, area: Rect, left: Span<'_>, right: Span<'_>) {
    let inner = Rect {
        x: area.x + 1,
        width: area.width.saturating_sub(2),
        ..area
    };
    frame.render_widget(Line::from(right).alignment(Alignment::Right), inner);
    frame.render_widget(Line::from(left), inner);
}

/// One page in the stepper: where it is drawn (relative to the stepper row) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepItem {
    pub x: u16,
    pub width: u16,
    pub page: usize,
    pub text: String,
    pub current: bool,
}

/// The stepper's items at `width`, one space apart, the current one with a space of padding
/// each side (it is drawn reversed). It tries, in turn: every page with its title; only the
/// current page with its title and the others as numbers; numbers alone.
pub fn stepper_items(walk: &Walk, lang: Lang, width: u16) -> Vec<StepItem> {
    let pages = &walk.script().pages;
    let current = walk.page_index();
    let full = |i: usize| format!("{} {}", i + 1, sanitize(pages[i].title.get(lang)));
    let number = |i: usize| format!("{}", i + 1);
    let layouts: [&dyn Fn(usize) -> String; 3] = [
        &full,
        &|i| if i == current { full(i) } else { number(i) },
        &number,
    ];
    let mut items = Vec::new();
    for label in layouts {
        items.clear();
        let mut x = 0u16;
        for i in 0..pages.len() {
            let text = if i == current {
                format!(" {} ", label(i))
            } else {
                label(i)
            };
            let w = text.width() as u16;
            items.push(StepItem {
                x,
                width: w,
                page: i,
                text,
                current: i == current,
            });
            x = x.saturating_add(w + 1);
        }
        if x.saturating_sub(1) <= width {
            break;
        }
    }
    items
}

pub(super) fn draw_stepper(view: &View, walk: &Walk, frame: &mut Frame, area: Rect) {
    let theme = &view.theme;
    let mut spans = vec![];
    for item in stepper_items(walk, view.lang, area.width) {
        if !spans.is_empty() {
            spans.push(Span::raw(" "));
        }
        // A step this walk leaves out (5 and 6 for someone who uses neither) is struck through.
        let style = if item.current {
            theme.current_step
        } else if !walk.reachable(item.page) {
            theme
                .quiet
                .add_modifier(ratatui::style::Modifier::CROSSED_OUT)
        } else if item.page > walk.page_index() {
            theme.quiet
        } else {
            theme.done_step
        };
        spans.push(Span::styled(item.text, style));
    }
    frame.render_widget(Line::from(spans), area);
}
