//! Where each part of the screen goes: the window's minimum, the centred column and the text
//! width in it, the rows of the header, stepper, rule, body, status line and footer, and the
//! link panel's room.

use ratatui::layout::Rect;

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
    areas_with(size, 1)
}

/// The screen's parts with `status_rows` rows for the status line (1 or 2: a long message
/// wraps rather than being cut).
pub(super) fn areas_with(size: (u16, u16), status_rows: u16) -> Option<Areas> {
    let (w, h) = size;
    if w < MIN_WIDTH || h < MIN_HEIGHT {
        return None;
    }
    let width = w.min(MAX_WIDTH);
    let x = (w - width) / 2;
    let rows = |y: u16, height: u16| Rect::new(x, y, width, height);
    // Rows from the top: header, stepper, rule; from the bottom: footer, status; the body
    // fills what is between. (Plain sums: ratatui's constraint solver costs a sixth of a
    // start for this, and the test below holds the two equal.)
    let status_rows = status_rows.min(h - 4);
    let body_rows = h - 4 - status_rows;
    Some(Areas {
        header: rows(0, 1),
        stepper: rows(1, 1),
        rule: rows(2, 1),
        body: rows(3, body_rows),
        status: rows(3 + body_rows, status_rows),
        footer: rows(h - 1, 1),
    })
}

/// A window size as a walkthrough can use it: a side of 0 (a terminal that does not say, such
/// as a pty after `stty rows 0 cols 0`, or an SSH client) is the classic 80 x 24.
pub fn known_size(cols: u16, rows: u16) -> (u16, u16) {
    let or = |n: u16, default: u16| if n == 0 { default } else { n };
    (or(cols, 80), or(rows, 24))
}

/// The width body text wraps to in a body area: one column of margin on the left, a gap and
/// a scrollbar on the right, and never wider than [`MAX_TEXT_WIDTH`].
pub fn text_width(body: Rect) -> u16 {
    body.width.saturating_sub(3).min(MAX_TEXT_WIDTH)
}

/// The column the body text starts at: centred on a wide window.
pub(super) fn text_x(body: Rect) -> u16 {
    let used = text_width(body) + 3;
    body.x + 1 + body.width.saturating_sub(used) / 2
}

/// The link panel covers everything but the footer.
pub(super) fn panel_area(a: Areas) -> Rect {
    Rect::new(a.footer.x, 0, a.footer.width, a.footer.y)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::{Constraint, Layout};

    #[test]
    fn the_sums_are_what_ratatuis_layout_makes() {
        for w in [40, 41, 79, 80, 81, 120, 200, u16::MAX] {
            for h in [12, 13, 24, 60, 500] {
                for status_rows in [1, 2] {
                    let width = w.min(MAX_WIDTH);
                    let full = Rect::new((w - width) / 2, 0, width, h);
                    let [header, stepper, rule, body, status, footer] = Layout::vertical([
                        Constraint::Length(1),
                        Constraint::Length(1),
                        Constraint::Length(1),
                        Constraint::Fill(1),
                        Constraint::Length(status_rows),
                        Constraint::Length(1),
                    ])
                    .areas(full);
                    let want = Areas {
                        header,
                        stepper,
                        rule,
                        body,
                        status,
                        footer,
                    };
                    assert_eq!(areas_with((w, h), status_rows), Some(want), "{w}x{h}");
                }
            }
        }
        assert_eq!(areas((39, 24)), None);
        assert_eq!(areas((80, 11)), None);
    }
}
