//! A page's body laid out as lines at a given width: paragraphs wrapped, bullets indented,
//! links with their full URL. The App uses the same layout to map clicks and keep the focused
//! link in view, so what is drawn and what is clicked always agree.

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};

use crate::app::App;
use crate::script::Block;
use crate::text::sanitize;

/// The laid-out body of one page.
#[derive(Debug, Clone, Default)]
pub struct Body {
    pub lines: Vec<Line<'static>>,
    /// For each link on the page: its first line and the line after its last.
    pub links: Vec<(usize, usize)>,
    /// Each line that shows (part of) a URL.
    pub urls: Vec<UrlLine>,
}

/// A line of the body that shows (part of) a URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlLine {
    pub line: usize,
    /// Where the URL text starts, from the text's left edge.
    pub column: u16,
    /// The part of the URL on this line.
    pub text: String,
    /// The whole URL.
    pub url: String,
}

impl Body {
    fn blank(&mut self) {
        if !self.lines.is_empty() {
            self.lines.push(Line::default());
        }
    }

    /// Adds `text` wrapped to `width`, each line after `first` (the first line) or `rest`.
    fn wrapped(
        &mut self,
        text: &str,
        width: u16,
        first: Span<'static>,
        rest: Span<'static>,
        style: Style,
    ) {
        let indent = first.width().max(rest.width());
        let width = usize::from(width).saturating_sub(indent).max(8);
        let options = textwrap::Options::new(width).break_words(true);
        let mut prefix = first;
        for paragraph in sanitize_lines(text) {
            for piece in textwrap::wrap(&paragraph, &options) {
                self.lines.push(Line::from(vec![
                    prefix.clone(),
                    Span::styled(piece.into_owned(), style),
                ]));
                prefix = rest.clone();
            }
        }
    }
}

/// Splits on newlines (a script may break lines on purpose) and makes each line safe.
fn sanitize_lines(text: &str) -> Vec<String> {
    text.split('\n').map(sanitize).collect()
}

pub fn body(app: &App, width: u16) -> Body {
    let lang = app.lang();
    let past = app.countdown().is_past();
    let mut out = Body::default();
    let plain = Style::default();
    let none = || Span::raw("");
    let mut link_index = 0;
    for block in &app.page().body {
        match block {
            Block::Para(t) => {
                out.blank();
                out.wrapped(t.get(lang), width, none(), none(), plain);
            }
            Block::Heading(t) => {
                out.blank();
                let style = Style::new().add_modifier(Modifier::BOLD);
                out.wrapped(t.get(lang), width, none(), none(), style);
            }
            Block::Bullets(items) => {
                out.blank();
                for item in items {
                    out.wrapped(
                        item.get(lang),
                        width,
                        Span::raw("• "),
                        Span::raw("  "),
                        plain,
                    );
                }
            }
            Block::Note(t) => {
                out.blank();
                let bar = Span::styled("┃ ", Style::new().fg(Color::Yellow));
                let style = Style::new().add_modifier(Modifier::BOLD);
                out.wrapped(t.get(lang), width, bar.clone(), bar, style);
            }
            Block::Countdown => {
                out.blank();
                let style = Style::new()
                    .fg(if past { Color::Yellow } else { Color::Green })
                    .add_modifier(Modifier::BOLD);
                out.wrapped(
                    &app.countdown().sentence(lang),
                    width,
                    none(),
                    none(),
                    style,
                );
            }
            Block::BeforeDeadline(t) if !past => {
                out.blank();
                out.wrapped(t.get(lang), width, none(), none(), plain);
            }
            Block::AfterDeadline(t) if past => {
                out.blank();
                out.wrapped(t.get(lang), width, none(), none(), plain);
            }
            Block::BeforeDeadline(_) | Block::AfterDeadline(_) => {}
            Block::Link { label, url } => {
                out.blank();
                let focused = app.focus() == Some(link_index);
                let (marker, style) = if focused {
                    (
                        "▶ ",
                        Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED),
                    )
                } else {
                    ("▷ ", Style::new().add_modifier(Modifier::BOLD))
                };
                let start = out.lines.len();
                out.wrapped(
                    label.get(lang),
                    width,
                    Span::raw(marker),
                    Span::raw("  "),
                    style,
                );
                let url_start = out.lines.len();
                out.wrapped(
                    url.as_str(),
                    width,
                    Span::raw("  "),
                    Span::raw("  "),
                    super::panel::URL_STYLE,
                );
                for line in url_start..out.lines.len() {
                    let spans = &out.lines[line].spans;
                    out.urls.push(UrlLine {
                        line,
                        column: spans[0].width() as u16,
                        text: spans[1].content.to_string(),
                        url: sanitize(url.as_str()),
                    });
                }
                out.links.push((start, out.lines.len()));
                link_index += 1;
            }
        }
    }
    out
}
