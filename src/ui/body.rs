//! A page's body laid out as lines at a given width: paragraphs wrapped, bullets indented,
//! links with their full URL. The App uses the same layout to map clicks and keep the focused
//! link in view, so what is drawn and what is clicked always agree.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::app::{App, Choice, Field, Item, Reason};
use crate::script::Block;
use crate::text::{self, sanitize};
use crate::theme::Theme;

const FOCUS: &str = "▶ ";
const NO_FOCUS: &str = "  ";

/// The laid-out body of one page.
#[derive(Debug, Clone, Default)]
pub struct Body {
    pub lines: Vec<Line<'static>>,
    /// For each link that shows: its first line and the line after its last.
    pub links: Vec<(usize, usize)>,
    /// Everything that takes focus, in order: the item, its first line, the line after.
    pub items: Vec<(Item, usize, usize)>,
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
    /// Adds an item drawn by `draw`, recording the lines it takes.
    fn item(&mut self, item: Item, draw: impl FnOnce(&mut Body)) {
        let start = self.lines.len();
        draw(self);
        self.items.push((item, start, self.lines.len()));
    }

    /// An option line: marker, then `(•)`/`( )` or `[x]`/`[ ]`, then the label wrapped.
    fn option(&mut self, theme: &Theme, width: u16, focused: bool, mark: &str, label: &str) {
        let marker = if focused { FOCUS } else { NO_FOCUS };
        let first = Span::raw(format!("{marker}{mark} "));
        let rest = Span::raw(" ".repeat(first.width()));
        let style = if focused { theme.focus } else { theme.text };
        self.wrapped(label, width, first, rest, style);
    }

    /// A text field's lines, with the cursor drawn when the person is typing in it.
    fn field(
        &mut self,
        theme: &Theme,
        lines: &[String],
        cursor: Option<(usize, usize)>,
        width: u16,
        prefix: &str,
    ) {
        let room = usize::from(width)
            .saturating_sub(prefix.chars().count() + 1)
            .max(8);
        let field_style = theme.field;
        for (row, line) in lines.iter().enumerate() {
            let chars: Vec<char> = sanitize(line).chars().collect();
            let cur = cursor.filter(|c| c.0 == row).map(|c| c.1);
            // Long lines are cut into rows of `room` characters (a field wraps hard).
            let chunks: Vec<&[char]> = if chars.is_empty() {
                vec![&[]]
            } else {
                chars.chunks(room).collect()
            };
            let last = chunks.len() - 1;
            for (k, chunk) in chunks.iter().enumerate() {
                let start = k * room;
                let mut spans = vec![Span::raw(prefix.to_owned())];
                let text: String = chunk.iter().collect();
                match cur {
                    Some(c)
                        if (start..start + chunk.len()).contains(&c)
                            || (k == last && c == start + chunk.len()) =>
                    {
                        let at = c - start;
                        let before: String = chunk[..at].iter().collect();
                        let under: String =
                            chunk.get(at).map_or(" ".to_owned(), |ch| ch.to_string());
                        let after: String = chunk
                            .get(at + 1..)
                            .map_or(String::new(), |r| r.iter().collect());
                        spans.push(Span::styled(before, field_style));
                        spans.push(Span::styled(under, theme.cursor));
                        spans.push(Span::styled(after, field_style));
                    }
                    _ => spans.push(Span::styled(text, field_style)),
                }
                self.lines.push(Line::from(spans));
            }
        }
    }

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
    let theme = app.theme();
    let plain = theme.text;
    let strong = theme.strong;
    let none = || Span::raw("");
    let focus = app.focus();
    let platforms = &app.script().platforms;
    let mut link_index = 0;
    for block in &app.page().body {
        match block {
            Block::Para(t) | Block::Do(t) => {
                out.blank();
                out.wrapped(t.get(lang), width, none(), none(), plain);
            }
            Block::Heading(t) => {
                out.blank();
                out.wrapped(t.get(lang), width, none(), none(), strong);
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
                let bar = Span::styled("┃ ", theme.note_bar);
                out.wrapped(t.get(lang), width, bar.clone(), bar, theme.note);
            }
            Block::Countdown => {
                out.blank();
                let style = if past {
                    theme.countdown_past
                } else {
                    theme.countdown
                };
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
            Block::IfNoPlatform(t) if app.choice() == Some(Choice::Neither) => {
                out.blank();
                out.wrapped(t.get(lang), width, none(), none(), strong);
            }
            Block::IfAllPlatforms(t) if app.choice() == Some(Choice::All) => {
                out.blank();
                out.wrapped(t.get(lang), width, none(), none(), strong);
            }
            Block::BeforeDeadline(_)
            | Block::AfterDeadline(_)
            | Block::IfNoPlatform(_)
            | Block::IfAllPlatforms(_) => {}
            Block::Link {
                label,
                url,
                platform: _,
            } => {
                let i = link_index;
                link_index += 1;
                let shown = app.page().links().nth(i).is_some_and(|l| app.shows(&l));
                if !shown {
                    continue;
                }
                out.blank();
                let focused = focus == Some(Item::Link(i));
                let (marker, style) = if focused {
                    (FOCUS, theme.focus)
                } else {
                    ("▷ ", strong)
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
                    theme.url,
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
                out.items.push((Item::Link(i), start, out.lines.len()));
            }
            Block::PlatformChoice => {
                out.blank();
                out.wrapped(text::choose_prompt(lang), width, none(), none(), strong);
                let mut options: Vec<(Choice, String)> = platforms
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (Choice::One(i), sanitize(p.name.as_str())))
                    .collect();
                options.push((
                    Choice::All,
                    text::all_platforms(lang, platforms.len()).to_owned(),
                ));
                options.push((
                    Choice::Neither,
                    text::no_platform(lang, platforms.len()).to_owned(),
                ));
                for (choice, label) in options {
                    let mark = if app.choice() == Some(choice) {
                        "(•)"
                    } else {
                        "( )"
                    };
                    let item = Item::Choose(choice);
                    out.item(item, |o| {
                        o.option(theme, width, focus == Some(item), mark, &label)
                    });
                }
            }
            Block::EmailField => {
                out.blank();
                out.wrapped(text::email_label(lang), width, none(), none(), strong);
                let focused = focus == Some(Item::Email);
                let editing = app.editing() == Some(Field::Email);
                let email = app.email();
                out.item(Item::Email, |o| {
                    let prefix = if focused { FOCUS } else { NO_FOCUS };
                    if email.is_empty() && !editing {
                        o.lines.push(Line::from(vec![
                            Span::raw(prefix),
                            Span::styled(text::empty_field(lang), theme.placeholder),
                        ]));
                    } else {
                        let cursor = editing.then(|| app.cursor(Field::Email));
                        o.field(theme, std::slice::from_ref(&email), cursor, width, prefix);
                    }
                });
                if let Some((ok, advice)) = text::email_advice(lang, &email) {
                    let style = if ok { theme.ok } else { theme.warn };
                    let mark = if ok { "✓ " } else { "! " };
                    out.wrapped(
                        &advice,
                        width,
                        Span::raw(format!("  {mark}")),
                        Span::raw("    "),
                        style,
                    );
                }
                out.wrapped(
                    text::email_not_saved(lang),
                    width,
                    Span::raw("  "),
                    Span::raw("  "),
                    theme.dim,
                );
            }
            Block::Reasons(list) => {
                out.blank();
                out.wrapped(text::reason_prompt(lang), width, none(), none(), strong);
                let mut options: Vec<(Reason, String)> = list
                    .iter()
                    .enumerate()
                    .map(|(i, t)| (Reason::Ready(i), t.get(lang).to_owned()))
                    .collect();
                options.push((Reason::Own, text::own_reason(lang).to_owned()));
                options.push((Reason::NoReason, text::no_reason(lang).to_owned()));
                for (reason, label) in options {
                    let mark = if app.reason() == Some(reason) {
                        "(•)"
                    } else {
                        "( )"
                    };
                    let item = Item::Reason(reason);
                    out.item(item, |o| {
                        o.option(theme, width, focus == Some(item), mark, &label);
                        if reason == Reason::Own && app.reason() == Some(Reason::Own) {
                            let lines: Vec<String> =
                                app.own_reason().split('\n').map(str::to_owned).collect();
                            let cursor =
                                (app.editing() == Some(Field::Own)).then(|| app.cursor(Field::Own));
                            o.field(theme, &lines, cursor, width, "      ");
                        }
                    });
                }
            }
            Block::Checklist => {
                out.blank();
                for i in app.chosen_platforms() {
                    let name = sanitize(platforms[i].name.as_str());
                    let (mark, label) = match app.sent_at(i) {
                        Some(at) => ("[x]", text::sent_done(lang, &name, at)),
                        None => ("[ ]", text::sent_item(lang, &name)),
                    };
                    let item = Item::Sent(i);
                    out.item(item, |o| {
                        o.option(theme, width, focus == Some(item), mark, &label)
                    });
                }
            }
            Block::Summary => {
                // A summary of nothing would only repeat the checklist.
                let chosen = app.chosen_platforms();
                if chosen.iter().all(|&i| app.sent_at(i).is_none()) {
                    continue;
                }
                out.blank();
                out.wrapped(text::summary_heading(lang), width, none(), none(), strong);
                for i in chosen {
                    let name = sanitize(platforms[i].name.as_str());
                    let line = text::summary_line(lang, &name, app.sent_at(i));
                    out.wrapped(&line, width, Span::raw("• "), Span::raw("  "), plain);
                }
            }
        }
    }
    out
}
