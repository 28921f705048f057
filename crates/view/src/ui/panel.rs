//! The link panel: the link's page and label, the URL in full, a QR code for a phone, and
//! what the copy key does. Drawn over the page; the footer shows the panel's keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Text};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::View;
use crate::links::Qr;
use bezwaar_core::text::{self, sanitize};
use bezwaar_core::walk::{Panel, Walk};

/// QR colours from the 256-colour cube, which terminal colour schemes leave alone (unlike
/// the 16 basic colours): dark modules stay black and light ones white on any scheme.
///
/// These are the only colours bezwaar draws whatever the theme, NO_COLOR included: a QR code
/// needs dark modules on a light ground to scan, and in a terminal with light text on a dark
/// background the uncoloured half blocks would give an inverted code that many phones cannot
/// read. So the code is not part of [`crate::theme::Theme`].
const QR_DARK: Color = Color::Indexed(16);
const QR_LIGHT: Color = Color::Indexed(231);

/// Where the panel's parts go in `area`.
#[derive(Debug, Clone)]
pub struct PanelLayout {
    pub title: Rect,
    /// The URL, cut into rows when the window is narrower than it.
    pub url: Vec<(Rect, String)>,
    /// The QR code and where it goes, when it fits.
    pub qr: Option<(Rect, Qr)>,
    /// The words: how to use the code, the copy key, what happened.
    pub words: Rect,
}

pub fn layout(view: &View, walk: &Walk, area: Rect) -> PanelLayout {
    let x = area.x + 1;
    let width = area.width.saturating_sub(2).max(1);
    let title = Rect::new(x, area.y, width, 1);
    let url = walk
        .panel()
        .and_then(|p| walk.link_url(p.page, p.link))
        .unwrap_or_default();
    let chars: Vec<char> = url.chars().collect();
    let rows: Vec<(Rect, String)> = chars
        .chunks(usize::from(width))
        .enumerate()
        .map(|(i, c)| {
            let r = Rect::new(x, area.y + 1 + i as u16, c.len() as u16, 1);
            (r, c.iter().collect())
        })
        .collect();
    let top = area.y + 2 + rows.len() as u16;
    let below = Rect::new(x, top, width, area.bottom().saturating_sub(top));
    // The standard quiet zone is 4 modules; 2 still scans on phones, so take that before
    // giving up on the code.
    let fits = [4, 2]
        .into_iter()
        .filter_map(|q| view.panel_qr().map(|code| code.with_quiet(q)))
        .find(|qr| qr.rows() <= usize::from(below.height) && qr.size <= usize::from(width));
    let (qr, words) = match fits {
        Some(qr) => {
            let (w, h) = (qr.size as u16, qr.rows() as u16);
            let code = Rect::new(x, top, w, h);
            let side = width.saturating_sub(w + 2);
            let words = if side >= 24 {
                Rect::new(x + w + 2, top, side, h)
            } else {
                Rect::new(x, top + h, width, below.height.saturating_sub(h))
            };
            (Some((code, qr)), words)
        }
        None => (None, below),
    };
    PanelLayout {
        title,
        url: rows,
        qr,
        words,
    }
}

pub fn draw(view: &View, walk: &Walk, panel: &Panel, frame: &mut Frame, area: Rect) {
    let lang = view.lang();
    let theme = view.theme();
    frame.render_widget(Clear, area);
    let l = layout(view, walk, area);
    let page = &walk.script().pages[panel.page];
    let label = page
        .links()
        .nth(panel.link)
        .map_or(String::new(), |link| sanitize(link.label.get(lang)));
    let title = format!("{}: {label}", sanitize(page.title.get(lang)));
    frame.render_widget(Paragraph::new(title).style(theme.strong), l.title);
    for (rect, piece) in &l.url {
        frame.render_widget(Paragraph::new(piece.as_str()).style(theme.url), *rect);
    }
    if let Some((rect, qr)) = &l.qr {
        draw_qr(qr, frame, *rect);
    }
    let mut words: Vec<Line> = Vec::new();
    let mut para = |text: String, style: Style| {
        if !words.is_empty() {
            words.push(Line::default());
        }
        words.push(Line::styled(text, style));
    };
    // The status line is under the panel: what is happening shows here.
    if walk.status() == Some(&bezwaar_core::walk::Status::OpeningOnDesktop) {
        para(text::opening_on_desktop(lang).to_owned(), theme.strong);
    } else if walk.desktop() && panel.failure.is_none() {
        para(text::desktop_offer(lang).to_owned(), theme.strong);
    }
    if let Some(failure) = &panel.failure {
        let words = format!(
            "{} {}",
            super::failure_words(lang, failure),
            text::instead(lang)
        );
        para(words, theme.alert);
    }
    if l.qr.is_some() {
        para(text::qr_scan(lang).to_owned(), theme.text);
    } else {
        para(text::qr_too_small(lang).to_owned(), theme.alert);
    }
    if panel.copied {
        para(text::copied(lang).to_owned(), theme.success);
        para(text::copy_caveat(lang).to_owned(), theme.text);
    } else {
        para(text::copy_hint(lang).to_owned(), theme.text);
    }
    frame.render_widget(
        Paragraph::new(Text::from(words)).wrap(Wrap { trim: true }),
        l.words,
    );
}

/// Draws the code with half blocks: each text row holds two module rows, the upper one as
/// the foreground of '▀' and the lower one as its background.
fn draw_qr(qr: &Qr, frame: &mut Frame, area: Rect) {
    let colour = |dark: bool| if dark { QR_DARK } else { QR_LIGHT };
    let buf = frame.buffer_mut();
    for row in 0..qr.rows() {
        for x in 0..qr.size {
            let at = (area.x + x as u16, area.y + row as u16);
            if let Some(cell) = buf.cell_mut(at) {
                cell.set_symbol("▀")
                    .set_fg(colour(qr.dark(x, 2 * row)))
                    .set_bg(colour(qr.dark(x, 2 * row + 1)));
            }
        }
    }
}
