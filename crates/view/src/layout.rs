//! A page laid out as lines for a width and a language: paragraphs wrapped, bullets
//! indented, links with their full URL, and for each item (link, answer, field, button) the
//! lines it covers. Below the views and above the walk: the screen draws it, scrolls it and
//! hit-tests clicks on it, plain mode prints it, so what is drawn, clicked and printed always
//! agree. The walk never needs it.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::theme::Theme;
use bezwaar_core::deadline::Zone;
use bezwaar_core::script::{Block, fill};
use bezwaar_core::text::{self, Lang, sanitize};
use bezwaar_core::walk::{Field, Item, Picked, Reason, Walk};

const FOCUS: &str = "▶ ";
const NO_FOCUS: &str = "  ";
/// How wide an empty field is drawn (its underline), at most.
const FIELD_WIDTH: usize = 40;

/// The laid-out body of one page.
#[derive(Debug, Clone, Default)]
pub struct Body {
    pub lines: Vec<Line<'static>>,
    /// Everything that takes focus, in order: the item, its first line, the line after.
    pub items: Vec<(Item, usize, usize)>,
    /// Each line that shows (part of) a URL.
    pub urls: Vec<UrlLine>,
    /// Where the cursor of the field being typed in is: its line, and its column from the
    /// text's left edge.
    pub cursor: Option<(usize, u16)>,
    /// The last block was a heading.
    after_heading: bool,
}

impl Body {
    /// The lines `item` covers: its first, and the one after its last.
    pub fn rows_of(&self, item: Item) -> Option<(usize, usize)> {
        self.items
            .iter()
            .find(|(i, _, _)| *i == item)
            .map(|&(_, top, bottom)| (top, bottom))
    }

    /// The item drawn on `line`, if any.
    pub fn item_at(&self, line: usize) -> Option<Item> {
        self.items
            .iter()
            .find(|(_, top, bottom)| (*top..*bottom).contains(&line))
            .map(|(i, _, _)| *i)
    }
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

    /// A text field's lines, cut into rows of what fits, with the cursor drawn (and its
    /// place kept for the terminal's own cursor) when the person is typing in it.
    fn field(
        &mut self,
        theme: &Theme,
        text: &str,
        cursor: Option<usize>,
        width: u16,
        prefix: &str,
    ) {
        let indent = prefix.chars().count();
        let room = usize::from(width).saturating_sub(indent + 1).max(8);
        let chars: Vec<char> = sanitize(text).chars().collect();
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
            match cursor {
                Some(c)
                    if (start..start + chunk.len()).contains(&c)
                        || (k == last && c == start + chunk.len()) =>
                {
                    let at = c - start;
                    let before: String = chunk[..at].iter().collect();
                    let under: String = chunk.get(at).map_or(" ".to_owned(), |ch| ch.to_string());
                    let after: String = chunk
                        .get(at + 1..)
                        .map_or(String::new(), |r| r.iter().collect());
                    self.cursor = Some((self.lines.len(), (indent + at) as u16));
                    spans.push(Span::styled(before, theme.field));
                    spans.push(Span::styled(under, theme.cursor));
                    spans.push(Span::styled(after, theme.field));
                }
                _ => spans.push(Span::styled(text, theme.field)),
            }
            // The last row runs on as an underlined line: a field to type in looks like one.
            if k == last {
                let used: usize = spans
                    .iter()
                    .skip(1)
                    .map(|s| s.content.chars().count())
                    .sum();
                let line = room.min(FIELD_WIDTH);
                if used < line {
                    spans.push(Span::styled(" ".repeat(line - used), theme.field));
                }
            }
            self.lines.push(Line::from(spans));
        }
    }

    /// A button: "▷ label", focused "▶ label".
    fn button(&mut self, theme: &Theme, width: u16, focused: bool, label: &str, indent: &str) {
        let (marker, style) = if focused {
            (FOCUS, theme.focus)
        } else {
            ("▷ ", theme.strong)
        };
        self.wrapped(
            label,
            width,
            Span::raw(format!("{indent}{marker}")),
            Span::raw(format!("{indent}  ")),
            style,
        );
    }

    /// A line under a field that has focus, saying it takes typing.
    fn hint(&mut self, theme: &Theme, width: u16, words: &str) {
        self.wrapped(
            &format!("✎ {words}"),
            width,
            Span::raw("  "),
            Span::raw("    "),
            theme.strong,
        );
    }

    /// A blank line between blocks; none at the top, and none right under a heading (a
    /// heading belongs to what follows it).
    fn blank(&mut self) {
        if !self.lines.is_empty() && !std::mem::take(&mut self.after_heading) {
            self.lines.push(Line::default());
        }
        self.after_heading = false;
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

/// The settings a view lays its page out with: in which language, at which width, with which styles, times in
/// which zone, and whether it can copy to a clipboard (plain mode cannot).
#[derive(Debug, Clone, Copy)]
pub struct Settings<'a> {
    pub lang: Lang,
    pub zone: Zone,
    pub theme: &'a Theme,
    pub width: u16,
    pub copy: bool,
}

/// The current page of `walk` laid out as `settings` asks.
pub fn body(walk: &Walk, settings: Settings<'_>) -> Body {
    let Settings {
        lang,
        zone,
        theme,
        width,
        copy,
    } = settings;
    let past = walk.past();
    let mut out = Body::default();
    // Old content says so, at the top of the first page.
    if walk.page_index() == 0 && walk.script().is_stale(walk.now()) {
        let warning = text::stale_warning(lang, walk.script().reviewed);
        out.wrapped(
            &warning,
            width,
            Span::raw("! "),
            Span::raw("  "),
            theme.warn,
        );
    }
    let plain = theme.text;
    let strong = theme.strong;
    let none = || Span::raw("");
    let focus = walk.focus();
    let choices = &walk.script().choices;
    for (i, block) in walk.blocks() {
        match block {
            Block::Para(t) | Block::Do(t) => {
                out.blank();
                out.wrapped(t.get(lang), width, none(), none(), plain);
            }
            Block::Heading(t) => {
                out.blank();
                out.wrapped(t.get(lang), width, none(), none(), strong);
                out.after_heading = true;
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
                let words = walk.countdown().map(|c| c.sentence(lang));
                out.wrapped(words.as_deref().unwrap_or(""), width, none(), none(), style);
            }
            // `walk.blocks()` took every condition away: what is left shows.
            Block::If(..) => {}
            Block::Link { label, url } => {
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
                out.items.push((Item::Link(i), start, out.lines.len()));
            }
            Block::Choose {
                question,
                all,
                none: nothing,
            } => {
                out.blank();
                out.wrapped(question.get(lang), width, none(), none(), strong);
                let mut options: Vec<(Picked, String)> = choices
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (Picked::One(i), sanitize(p.name.as_str())))
                    .collect();
                if let Some(all) = all {
                    options.push((Picked::All, all.get(lang).to_owned()));
                }
                options.push((Picked::Nothing, nothing.get(lang).to_owned()));
                for (picked, label) in options {
                    let mark = radio(walk.picked() == Some(picked));
                    let item = Item::Choose(picked);
                    out.item(item, |o| {
                        o.option(theme, width, focus == Some(item), mark, &label)
                    });
                }
            }
            Block::EmailField => {
                out.blank();
                out.wrapped(text::email_label(lang), width, none(), none(), strong);
                let focused = focus == Some(Item::Email);
                let editing = walk.editing() == Some(Field::Email);
                let email = walk.email();
                out.item(Item::Email, |o| {
                    let prefix = if focused { FOCUS } else { NO_FOCUS };
                    if email.is_empty() && !editing {
                        o.lines.push(Line::from(vec![
                            Span::raw(prefix),
                            Span::styled(text::empty_field(lang), theme.placeholder),
                        ]));
                    } else {
                        let cursor = editing.then(|| walk.cursor(Field::Email));
                        o.field(theme, &email, cursor, width, prefix);
                    }
                    if editing {
                        o.hint(theme, width, text::type_here(lang, true));
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
                if !email.trim().is_empty() {
                    let item = Item::Copy(Field::Email);
                    out.item(item, |o| {
                        o.button(
                            theme,
                            width,
                            focus == Some(item),
                            text::copy_button(lang, true),
                            "  ",
                        )
                    });
                }
                out.wrapped(
                    text::email_not_saved(lang, copy),
                    width,
                    Span::raw("  "),
                    Span::raw("  "),
                    theme.quiet,
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
                let own_chosen = walk.reason() == Some(Reason::Own);
                for (reason, label) in options {
                    let mark = radio(walk.reason() == Some(reason));
                    let item = Item::Reason(reason);
                    out.item(item, |o| {
                        o.option(theme, width, focus == Some(item), mark, &label);
                        if reason == Reason::Own && own_chosen {
                            let editing = walk.editing() == Some(Field::Own);
                            let cursor = editing.then(|| walk.cursor(Field::Own));
                            o.field(theme, &walk.own_reason(), cursor, width, "      ");
                            if editing {
                                o.hint(theme, width, text::type_here(lang, false));
                            }
                        }
                    });
                }
                if walk.has_reason_text() {
                    let item = Item::Copy(Field::Own);
                    out.item(item, |o| {
                        o.button(
                            theme,
                            width,
                            focus == Some(item),
                            text::copy_button(lang, false),
                            "  ",
                        )
                    });
                }
            }
            // Per choice: the script's question ("did you send it?"), with the safe answer
            // marked until the person says yes.
            Block::Ask {
                question,
                safe,
                yes,
                yes_at,
                ..
            } => {
                for i in walk.chosen() {
                    let name = sanitize(choices[i].name.as_str());
                    let name = [("name", name.as_str())];
                    let at = walk.yes_at(i);
                    out.blank();
                    out.wrapped(
                        &fill(question.get(lang), &name),
                        width,
                        none(),
                        none(),
                        strong,
                    );
                    let yes = match at {
                        Some(at) => {
                            let when = text::date_time(lang, zone.at(at));
                            fill(yes_at.get(lang), &[name[0], ("when", &when)])
                        }
                        None => fill(yes.get(lang), &name),
                    };
                    for (answer, label) in [(false, fill(safe.get(lang), &name)), (true, yes)] {
                        let item = Item::Answer(i, answer);
                        let mark = radio(at.is_some() == answer);
                        out.item(item, |o| {
                            o.option(theme, width, focus == Some(item), mark, &label)
                        });
                    }
                }
            }
            Block::Summary { .. } => summary(&mut out, walk, block, settings),
        }
    }
    // The way on, always the last thing on a page that has a next step.
    if let Some(next) = walk.next_page() {
        out.blank();
        let title = sanitize(walk.script().pages[next].title.get(lang));
        let label = text::next_button(lang, next + 1, &title);
        out.item(Item::Next, |o| {
            o.button(theme, width, focus == Some(Item::Next), &label, "")
        });
    } else {
        // The end: the walkthroughs it leads to (in a chooser, every one, a line each).
        for (k, offer) in walk.offers().iter().enumerate() {
            let title = sanitize(offer.title.get(lang));
            let label = match &offer.question {
                Some(question) => {
                    out.blank();
                    out.wrapped(question.get(lang), width, none(), none(), strong);
                    text::offer_button(lang, &title)
                }
                None => {
                    if k == 0 {
                        out.blank();
                    }
                    title
                }
            };
            let item = Item::Offer(k);
            out.item(item, |o| {
                o.button(theme, width, focus == Some(item), &label, "")
            });
        }
    }
    debug_assert_eq!(
        out.items.iter().map(|(i, _, _)| *i).collect::<Vec<_>>(),
        walk.items(),
        "the layout draws exactly the walk's items"
    );
    out
}

/// What the person said they sent, and only that: a line per form they use, and when a form
/// is not marked sent, a button back to the forms. For a person who uses none, that there is
/// nothing to send.
fn summary(out: &mut Body, walk: &Walk, block: &Block, settings: Settings<'_>) {
    let Block::Summary {
        heading,
        done,
        not_yet,
        not_yet_all,
        nothing,
        none: none_picked,
        ..
    } = block
    else {
        return;
    };
    let Settings {
        lang,
        zone,
        theme,
        width,
        ..
    } = settings;
    let none = || Span::raw("");
    let choices = &walk.script().choices;
    let chosen = walk.chosen();
    out.blank();
    if chosen.is_empty() {
        let neither = walk
            .script()
            .none_answer()
            .map_or(String::new(), |t| sanitize(t.get(lang)));
        out.wrapped(
            &fill(none_picked.get(lang), &[("choice", &neither)]),
            width,
            none(),
            none(),
            theme.strong,
        );
        return;
    }
    let sent: Vec<usize> = chosen
        .iter()
        .copied()
        .filter(|&i| walk.yes_at(i).is_some())
        .collect();
    if sent.is_empty() {
        out.wrapped(nothing.get(lang), width, none(), none(), theme.strong);
    } else {
        // With both chosen and one sent, the other may not be needed (linked accounts).
        let linked = walk.picked() == Some(Picked::All);
        out.wrapped(heading.get(lang), width, none(), none(), theme.strong);
        for &i in &chosen {
            let name = sanitize(choices[i].name.as_str());
            let line = match walk.yes_at(i) {
                None if linked => fill(not_yet_all.get(lang), &[("name", &name)]),
                None => fill(not_yet.get(lang), &[("name", &name)]),
                Some(at) => {
                    let when = text::date_time(lang, zone.at(at));
                    fill(done.get(lang), &[("name", &name), ("when", &when)])
                }
            };
            out.wrapped(&line, width, Span::raw("• "), Span::raw("  "), theme.text);
        }
    }
    if let Some(page) = walk.forms_page().filter(|_| walk.unsent().is_some()) {
        out.blank();
        let title = sanitize(walk.script().pages[page].title.get(lang));
        let label = text::back_button(lang, page + 1, &title);
        let item = Item::Back(page);
        let focused = walk.focus() == Some(item);
        out.item(item, |o| o.button(theme, width, focused, &label, ""));
    }
}

/// The mark of one answer of a question: chosen or not.
fn radio(chosen: bool) -> &'static str {
    if chosen { "(•)" } else { "( )" }
}
