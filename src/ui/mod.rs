//! Drawing: a read-only function of the [`App`] onto any ratatui frame.
//!
//! The screen, top to bottom: a header (title and "Stap 3 van 6"), the stepper with the page
//! titles, a rule, the page body, a status line, and the footer with the live keys.

mod body;
pub mod help;
pub mod panel;

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Clear, Padding, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, Wrap,
};
use unicode_width::UnicodeWidthStr;

pub use body::{Body, UrlLine, body};

use crate::app::{App, Field, Status};
use crate::keys;
use crate::progress::Notice;
use crate::text::{self, sanitize};

/// Below this the walkthrough asks for a larger window.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;
/// Text never runs wider than this, however wide the window: long lines are hard to read.
pub const MAX_TEXT_WIDTH: u16 = 76;

/// Where each part of the screen goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    pub stepper: Rect,
    pub rule: Rect,
    pub body: Rect,
    pub status: Rect,
    pub footer: Rect,
}

/// The widest the screen's column gets: the text, its margin, the scrollbar.
pub const MAX_WIDTH: u16 = MAX_TEXT_WIDTH + 4;

/// The screen's parts for a window of `size` (columns, rows); `None` when it is too small.
/// On a window wider than [`MAX_WIDTH`] everything stays together in a centred column, so the
/// step number, the page and the keys are never far apart.
pub fn areas(size: (u16, u16)) -> Option<Areas> {
    let (w, h) = size;
    if w < MIN_WIDTH || h < MIN_HEIGHT {
        return None;
    }
    let width = w.min(MAX_WIDTH);
    let full = Rect::new((w - width) / 2, 0, width, h);
    let [header, stepper, rule, body, status, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(full);
    Some(Areas {
        header,
        stepper,
        rule,
        body,
        status,
        footer,
    })
}

/// The width body text wraps to in a body area: one column of margin on the left, a gap and
/// a scrollbar on the right, and never wider than [`MAX_TEXT_WIDTH`].
pub fn text_width(body: Rect) -> u16 {
    body.width.saturating_sub(3).min(MAX_TEXT_WIDTH)
}

/// The column the body text starts at: centred on a wide window.
fn text_x(body: Rect) -> u16 {
    let used = text_width(body) + 3;
    body.x + 1 + body.width.saturating_sub(used) / 2
}

pub fn draw(app: &App, frame: &mut Frame) {
    draw_with_links(app, frame);
}

/// Draws the screen, and returns every URL on it where it is drawn (what [`hyperlinks`]
/// gives) without laying the page out a second time.
pub fn draw_with_links(app: &App, frame: &mut Frame) -> Vec<Hyperlink> {
    let area = frame.area();
    let Some(a) = areas((area.width, area.height)) else {
        draw_too_small(app, frame);
        return vec![];
    };
    draw_header(app, frame, a.header);
    draw_stepper(app, frame, a.stepper);
    frame.render_widget(
        Line::styled("─".repeat(usize::from(a.rule.width)), app.theme().dim),
        a.rule,
    );
    // The body is laid out once a frame: the footer's keys depend on it too.
    let body = body(app, text_width(a.body));
    let keys = app.key_context_for(&body);
    let links = links_on(app, a, &body);
    let more_below = draw_body(app, frame, a.body, body);
    // "↓ more" is about the page, which the welcome box hides.
    draw_status(app, frame, a.status, more_below && !app.welcoming());
    if let Some(p) = app.panel() {
        panel::draw(app, p, frame, panel_area(a));
    }
    if app.welcoming() {
        draw_welcome(app, frame, a.body);
    }
    if app.help_scroll().is_some() {
        help::draw(app, frame);
    }
    draw_footer(app, frame, a.footer, &keys);
    links
}

/// "Welcome back": a box in place of the page, asking to go on or start over. The page is
/// cleared behind it: bits of sentences peeking out around a box only distract.
fn draw_welcome(app: &App, frame: &mut Frame, body: Rect) {
    frame.render_widget(Clear, body);
    let lang = app.lang();
    let title = sanitize(app.page().title.get(lang));
    let words = format!(
        "{}\n\n{}",
        text::welcome_back(lang, app.page_index() + 1, &title),
        text::welcome_hint(lang)
    );
    let width = body.width.saturating_sub(4).min(60);
    let inner = width.saturating_sub(4).max(1);
    let lines = textwrap::wrap(&words, usize::from(inner)).len() as u16;
    let height = (lines + 2).min(body.height);
    let area = Rect::new(
        body.x + (body.width - width) / 2,
        body.y + body.height.saturating_sub(height) / 2,
        width,
        height,
    );
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(words)
            .wrap(Wrap { trim: true })
            .block(Block::bordered().padding(Padding::horizontal(1)))
            .style(app.theme().overlay),
        area,
    );
}

/// The link panel covers everything but the footer.
fn panel_area(a: Areas) -> Rect {
    Rect::new(a.footer.x, 0, a.footer.width, a.footer.y)
}

/// Text on screen that is a link: drawn again by the runner as an OSC 8 hyperlink, so
/// terminals that support it make it clickable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hyperlink {
    pub x: u16,
    pub y: u16,
    pub text: String,
    pub url: String,
    /// How the URL is drawn (the theme's URL style), so the runner draws it the same.
    pub style: Style,
}

/// Every URL on screen now, where it is drawn.
pub fn hyperlinks(app: &App) -> Vec<Hyperlink> {
    match areas(app.size()) {
        Some(a) => links_on(app, a, &body(app, text_width(a.body))),
        None => vec![],
    }
}

/// The URLs on a screen laid out as `a`, with the page's `body`.
fn links_on(app: &App, a: Areas, body: &Body) -> Vec<Hyperlink> {
    // A box over the page hides its URLs: none may be drawn again on top of the box.
    if app.welcoming() || app.help_scroll().is_some() {
        return vec![];
    }
    if let Some(p) = app.panel() {
        let url = panel::url(app, p);
        return panel::layout(app, p, panel_area(a))
            .url
            .into_iter()
            .map(|(r, text)| Hyperlink {
                x: r.x,
                y: r.y,
                text,
                url: url.clone(),
                style: app.theme().url,
            })
            .collect();
    }
    let height = usize::from(a.body.height);
    let scroll = app.scroll().min(body.lines.len().saturating_sub(height));
    body.urls
        .iter()
        .filter(|u| (scroll..scroll + height).contains(&u.line))
        .map(|u| Hyperlink {
            x: text_x(a.body) + u.column,
            y: a.body.y + (u.line - scroll) as u16,
            text: u.text.clone(),
            url: u.url.clone(),
            style: app.theme().url,
        })
        .collect()
}

fn draw_too_small(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let full = text::too_small(app.lang(), area.width, area.height, MIN_WIDTH, MIN_HEIGHT);
    let lines_of = |m: &str| textwrap::wrap(m, usize::from(area.width.max(1))).len() as u16;
    // In a tiny window the short form is the one that fits.
    let msg = if lines_of(&full) <= area.height {
        full
    } else {
        text::too_small_short(app.lang()).to_owned()
    };
    let lines = lines_of(&msg);
    let y = area.height.saturating_sub(lines) / 2;
    let target = Rect::new(area.x, area.y + y, area.width, area.height - y);
    frame.render_widget(
        Paragraph::new(msg)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true })
            .style(app.theme().strong),
        target,
    );
}

fn draw_header(app: &App, frame: &mut Frame, area: Rect) {
    let lang = app.lang();
    let step = text::step_of(lang, app.page_index() + 1, app.script().pages.len());
    let title = sanitize(app.script().title.get(lang));
    let room = usize::from(area.width).saturating_sub(step.width() + 3);
    let title = truncate(&title, room);
    ends(
        frame,
        area,
        Span::styled(title, app.theme().strong),
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

/// The stepper's items at `width`. It tries, in turn: every page with its title; only the
/// current page with its title and the others as numbers; numbers alone.
pub fn stepper_items(app: &App, width: u16) -> Vec<StepItem> {
    let lang = app.lang();
    let pages = &app.script().pages;
    let full = |i: usize| format!("{} {}", i + 1, sanitize(pages[i].title.get(lang)));
    let number = |i: usize| format!("{}", i + 1);
    let layouts: [&dyn Fn(usize) -> String; 3] = [
        &full,
        &|i| {
            if i == app.page_index() {
                full(i)
            } else {
                number(i)
            }
        },
        &number,
    ];
    let mut items = Vec::new();
    for label in layouts {
        items.clear();
        let mut x = 1u16;
        for i in 0..pages.len() {
            let text = format!(" {} ", label(i));
            let w = text.width() as u16;
            items.push(StepItem {
                x,
                width: w,
                page: i,
                text,
                current: i == app.page_index(),
            });
            x = x.saturating_add(w);
        }
        if x <= width {
            break;
        }
    }
    items
}

fn draw_stepper(app: &App, frame: &mut Frame, area: Rect) {
    let mut spans = vec![Span::raw(" ")];
    for item in stepper_items(app, area.width) {
        let theme = app.theme();
        let style = if item.current {
            theme.current_step
        } else if item.page < app.page_index() {
            theme.done_step
        } else {
            theme.dim
        };
        spans.push(Span::styled(item.text, style));
    }
    frame.render_widget(Line::from(spans), area);
}

/// Draws the visible part of the body; returns whether more lies below.
fn draw_body(app: &App, frame: &mut Frame, area: Rect, body: Body) -> bool {
    let total = body.lines.len();
    let height = usize::from(area.height);
    let scroll = app.scroll().min(total.saturating_sub(height));
    let text_area = Rect::new(text_x(area), area.y, text_width(area), area.height);
    render_lines(frame, body.lines.into_iter().skip(scroll), text_area);
    let bar = Rect::new(text_area.right() + 1, area.y, 1, area.height);
    draw_scrollbar(frame, bar, total, scroll);
    scroll + height < total
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

fn draw_status(app: &App, frame: &mut Frame, area: Rect, more_below: bool) {
    let lang = app.lang();
    let more = if more_below {
        text::scroll_more(lang)
    } else {
        ""
    };
    let room = usize::from(area.width).saturating_sub(more.width() + 3);
    let theme = app.theme();
    let (message, style) = match app.status() {
        Some(Status::Opening) => (text::opening(lang).to_owned(), theme.text),
        Some(Status::OpenFailed(reason)) => {
            (text::open_failed(lang, &sanitize(reason)), theme.alert)
        }
        Some(Status::Copied(field)) => (
            text::copied_text(lang, *field == Field::Email).to_owned(),
            theme.success,
        ),
        Some(Status::NothingToCopy) => (text::nothing_to_copy(lang).to_owned(), theme.text),
        Some(Status::Notice(Notice::SetAside { to, .. })) => (
            text::set_aside(
                lang,
                &sanitize(
                    &to.file_name()
                        .map_or(String::new(), |n| n.to_string_lossy().into_owned()),
                ),
            ),
            theme.alert,
        ),
        Some(Status::Notice(Notice::CannotSave(why))) => {
            (text::cannot_save(lang, &sanitize(why)), theme.alert)
        }
        None => (String::new(), theme.text),
    };
    let message = truncate(&message, room);
    ends(
        frame,
        area,
        Span::styled(message, style),
        Span::styled(more, theme.strong),
    );
}

/// The footer: the keys that work on this page, from the keymap. When the window is narrow,
/// hints that do not fit drop, the last ones first (a shorter one after a long one that did
/// not fit still shows), but "q stoppen" always stays.
fn draw_footer(app: &App, frame: &mut Frame, area: Rect, cx: &keys::KeyContext) {
    let lang = app.lang();
    let hints: Vec<_> = keys::hints(app.mode(), cx).collect();
    // Enter's word follows what it acts on: open a link, choose, type, tick.
    let hint = |b: &keys::Binding| match (b.command, app.focus()) {
        (keys::Command::Activate, Some(item)) if app.mode() == keys::Mode::Page => {
            text::enter_hint(lang, item)
        }
        _ => b.hint(lang),
    };
    let width = |b: &keys::Binding| b.label.width() + 1 + hint(b).width() + 2;
    let Some((quit, rest)) = hints.split_last() else {
        return;
    };
    let mut room = usize::from(area.width).saturating_sub(1 + width(quit));
    let mut shown = Vec::new();
    for b in rest {
        if width(b) > room {
            continue;
        }
        room -= width(b);
        shown.push(*b);
    }
    shown.push(*quit);
    let key_style = app.theme().key;
    let mut spans = vec![Span::raw(" ")];
    for b in shown {
        spans.push(Span::styled(b.label, key_style));
        spans.push(Span::raw(format!(" {}  ", hint(b))));
    }
    frame.render_widget(Line::from(spans), area);
}

/// Draws `lines` one to a row from the top of `area`, as many as fit, each cut at its right
/// edge. What `Paragraph` does without wrapping, for a third of the time: lines are laid out
/// already, and a frame should cost little on a busy server.
pub(crate) fn render_lines<'a>(
    frame: &mut Frame,
    lines: impl IntoIterator<Item = Line<'a>>,
    area: Rect,
) {
    for (y, line) in (area.y..area.bottom()).zip(lines) {
        frame.render_widget(line, Rect::new(area.x, y, area.width, 1));
    }
}

/// Cuts `s` to `width` columns, with an ellipsis when it had to cut.
fn truncate(s: &str, width: usize) -> String {
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
