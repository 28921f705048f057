//! A sheet over the page: a box in the screen's column, under the header and above the
//! footer, as tall as its
//! text (centred in the room there) or, when the text is taller than the window, all of that
//! room, scrolled with a scrollbar on its right edge. The help and the sources are sheets.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Padding};

use super::View;

fn frame_block(title: &str) -> Block<'_> {
    Block::bordered()
        .title(title)
        .padding(Padding::horizontal(1))
}

/// The width a sheet's text wraps to in this view; `None` when the window is too small.
pub fn text_width(view: &View) -> Option<u16> {
    let a = view.areas()?;
    let room = Rect::new(a.footer.x, 0, a.footer.width, a.footer.y);
    Some(frame_block("").inner(room).width)
}

/// The sheet's box for `lines` lines of text.
pub fn area(view: &View, lines: usize) -> Option<Rect> {
    let a = view.areas()?;
    // Below the header and the stepper, so the title, the step number and the steps show.
    let top = a.rule.y;
    let room = Rect::new(a.footer.x, top, a.footer.width, a.footer.y - top);
    let height = (lines as u16).saturating_add(2).min(room.height);
    let y = top + (room.height - height) / 2;
    Some(Rect::new(room.x, y, room.width, height))
}

/// Where the text goes inside that box.
pub fn inner(view: &View, lines: usize) -> Option<Rect> {
    area(view, lines).map(|r| frame_block("").inner(r))
}

/// Draws the sheet titled `title` with `lines`, scrolled `scroll` lines down.
pub fn draw(view: &View, frame: &mut Frame, title: &str, lines: Vec<Line<'static>>, scroll: usize) {
    let Some(area) = area(view, lines.len()) else {
        return;
    };
    let title = format!(" {title} ");
    let block = frame_block(&title).title_style(view.theme().strong);
    let inner = block.inner(area);
    let total = lines.len();
    let height = usize::from(inner.height);
    let scroll = scroll.min(total.saturating_sub(height));
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    super::render_lines(frame, lines.iter().skip(scroll), inner);
    // On the box's right edge, like the page's scrollbar.
    let bar = Rect::new(area.right() - 1, inner.y, 1, inner.height);
    super::draw_scrollbar(frame, bar, total, scroll);
}
