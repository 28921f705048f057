//! Drawing the screen: every part in its place (the header and stepper, the body, the status
//! line, whatever is open over the page, the footer, the cursor), the URLs on screen for the
//! runner's hyperlinks, and the small drawing tools the boxes over the page share.

use std::borrow::Cow;

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{
    Block, Clear, Padding, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, Wrap,
};
use unicode_width::UnicodeWidthStr;

use super::areas::{Areas, MIN_HEIGHT, MIN_WIDTH, areas_with, panel_area, text_width, text_x};
use super::footer::{draw_footer, footer_line};
use super::header::{draw_header, draw_stepper};
use super::{Sheet, View, dialog, panel, seat, sheet, sources, status};
use crate::layout::Body;
use crate::links::Hyperlink;
use bezwaar_core::text;
use bezwaar_core::walk::Walk;

impl View {
    /// Draws the screen, and returns every URL on it where it is drawn, to be written again
    /// as OSC 8 hyperlinks by the runner.
    pub fn draw(&self, walk: &Walk, frame: &mut Frame) -> Vec<Hyperlink> {
        let area = frame.area();
        let Some(a) = areas_with((area.width, area.height), self.status_rows) else {
            draw_too_small(self, frame);
            return vec![];
        };
        draw_header(self, walk, frame, a.header);
        draw_stepper(self, walk, frame, a.stepper);
        frame.render_widget(
            Line::styled("─".repeat(usize::from(a.rule.width)), self.theme.quiet),
            a.rule,
        );
        // The body is laid out once a frame: the footer's keys depend on it too.
        let body = self.body(walk);
        let keys = self.key_context(walk, &body);
        let enter = self.enter_verb(walk, &body);
        let links = self.links_on(walk, a, &body);
        let cursor = body.cursor;
        let more_below = self.draw_body(frame, a.body, &body);
        let look_box = seat::box_words(self);
        let covered = walk.panel().is_some()
            || walk.dialog().is_some()
            || self.sheet.is_some()
            || look_box.is_some();
        status::draw(self, walk, frame, a.status, more_below && !covered);
        if let Some(p) = walk.panel() {
            panel::draw(self, walk, p, frame, panel_area(a));
        }
        if let Some(d) = walk.dialog() {
            dialog::draw(self, walk, d, frame, a.body);
        }
        if let Some((sheet, scroll)) = self.sheet {
            let title = match sheet {
                Sheet::Help => text::help_title(self.lang),
                Sheet::Sources => text::sources_title(self.lang),
            };
            sheet::draw(self, frame, title, self.sheet_lines(walk), scroll);
        }
        match &look_box {
            Some(words) => {
                seat::draw_box(self, words, frame, a.body);
                let keys = words
                    .keys
                    .iter()
                    .map(|(k, h)| (k.as_str(), Cow::Borrowed(h.as_str()), 0));
                footer_line(self, frame, a.footer, keys.collect());
            }
            None => draw_footer(self, walk, frame, a.footer, &keys, enter),
        }
        // The terminal's own cursor blinks where the person types.
        if let Some((line, col)) = cursor.filter(|_| walk.editing().is_some() && !covered) {
            let height = usize::from(a.body.height);
            if (self.scroll..self.scroll + height).contains(&line) {
                frame.set_cursor_position((
                    text_x(a.body) + col,
                    a.body.y + (line - self.scroll) as u16,
                ));
            }
        }
        links
    }

    /// The URLs on a screen laid out as `a`, with the page's `body`.
    fn links_on(&self, walk: &Walk, a: Areas, body: &Body) -> Vec<Hyperlink> {
        // A box over the page hides its URLs: none may be drawn again on top of the box. The
        // sources sheet has addresses of its own.
        if walk.dialog().is_some() || self.look_box().is_some() {
            return vec![];
        }
        match self.sheet {
            Some((Sheet::Sources, _)) => return sources::hyperlinks(self, walk),
            Some(_) => return vec![],
            None => {}
        }
        if let Some(p) = walk.panel() {
            let url = walk.link_url(p.page, p.link).unwrap_or_default();
            return panel::layout(self, walk, panel_area(a))
                .url
                .into_iter()
                .map(|(r, text)| Hyperlink {
                    x: r.x,
                    y: r.y,
                    text,
                    url: url.clone(),
                    style: self.theme.url,
                })
                .collect();
        }
        let height = usize::from(a.body.height);
        let scroll = self.scroll.min(body.lines.len().saturating_sub(height));
        body.urls
            .iter()
            .filter(|u| (scroll..scroll + height).contains(&u.line))
            .map(|u| Hyperlink {
                x: text_x(a.body) + u.column,
                y: a.body.y + (u.line - scroll) as u16,
                text: u.text.clone(),
                url: u.url.clone(),
                style: self.theme.url,
            })
            .collect()
    }

    /// Every URL on screen now, where it is drawn.
    pub fn hyperlinks(&self, walk: &Walk) -> Vec<Hyperlink> {
        match self.areas() {
            Some(a) => self.links_on(walk, a, &self.body(walk)),
            None => vec![],
        }
    }

    /// Draws the visible part of the body; returns whether more lies below.
    fn draw_body(&self, frame: &mut Frame, area: Rect, body: &Body) -> bool {
        let total = body.lines.len();
        let height = usize::from(area.height);
        let scroll = self.scroll.min(total.saturating_sub(height));
        let text_area = Rect::new(text_x(area), area.y, text_width(area), area.height);
        render_lines(frame, body.lines.iter().skip(scroll), text_area);
        let bar = Rect::new(text_area.right() + 1, area.y, 1, area.height);
        draw_scrollbar(frame, bar, total, scroll);
        scroll + height < total
    }
}

fn draw_too_small(view: &View, frame: &mut Frame) {
    let area = frame.area();
    let full = text::too_small(view.lang, area.width, area.height, MIN_WIDTH, MIN_HEIGHT);
    let lines_of = |m: &str| textwrap::wrap(m, usize::from(area.width.max(1))).len() as u16;
    // In a tiny window the short form is the one that fits.
    let msg = if lines_of(&full) <= area.height {
        full
    } else {
        text::too_small_short(view.lang).to_owned()
    };
    let lines = lines_of(&msg);
    let y = area.height.saturating_sub(lines) / 2;
    let target = Rect::new(area.x, area.y + y, area.width, area.height - y);
    frame.render_widget(
        Paragraph::new(msg)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true })
            .style(view.theme.strong),
        target,
    );
}

/// A scrollbar in the column `bar` for `total` lines seen from line `scroll`, when they do
/// not all fit in its height.
pub(crate) fn draw_scrollbar(frame: &mut Frame, bar: Rect, total: usize, scroll: usize) {
    let height = usize::from(bar.height);
    if total <= height {
        return;
    }
    let mut state = ScrollbarState::new(total - height).position(scroll);
    frame.render_stateful_widget(
        Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .track_symbol(Some("│"))
            .thumb_symbol("█"),
        bar,
        &mut state,
    );
}

/// Clears `body` and draws a bordered box `width` columns wide in its middle, tall enough for
/// `lines` lines as far as `body` allows; returns the area inside the border and padding.
pub(crate) fn overlay_box(
    frame: &mut Frame,
    body: Rect,
    width: u16,
    lines: usize,
    style: Style,
) -> Rect {
    frame.render_widget(Clear, body);
    let height = u16::try_from(lines + 2)
        .unwrap_or(u16::MAX)
        .min(body.height);
    let area = Rect::new(
        body.x + (body.width - width) / 2,
        body.y + body.height.saturating_sub(height) / 2,
        width,
        height,
    );
    let block = Block::bordered()
        .padding(Padding::horizontal(1))
        .style(style);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}

/// Draws `lines` one to a row from the top of `area`, as many as fit, each cut at its right
/// edge. What `Paragraph` does without wrapping, for a third of the time: lines are laid out
/// already, and a frame should cost little on a busy server.
pub(crate) fn render_lines<'a, 'b: 'a>(
    frame: &mut Frame,
    lines: impl IntoIterator<Item = &'a Line<'b>>,
    area: Rect,
) {
    for (y, line) in (area.y..area.bottom()).zip(lines) {
        frame.render_widget(line, Rect::new(area.x, y, area.width, 1));
    }
}

/// Cuts `s` to `width` columns, with an ellipsis when it had to cut.
pub(super) fn truncate(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_owned();
    }
    let mut out = String::new();
    for c in s.chars() {
        if out.width() + c.to_string().width() + 1 > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}
