//! The sources (`s`): where the facts come from. The sources the current page cites come
//! first, then every source of the walkthrough, then the date the content was checked (and a
//! warning when that is long ago). Each source's address is shown in full, in the URL style;
//! [`hyperlinks`] says where each one is drawn, so the runner can write it again as an OSC 8
//! hyperlink, as it does for a page's links.

use ratatui::text::{Line, Span};

use super::{Sheet, View};
use crate::links::Hyperlink;
use bezwaar_core::script::Source;
use bezwaar_core::text::{self, sanitize};
use bezwaar_core::walk::Walk;

/// The sheet's lines at `width` columns.
pub fn lines(view: &View, walk: &Walk, width: u16) -> Vec<Line<'static>> {
    layout(view, walk, width).0
}

/// A piece of a source's address on one line of the sheet.
struct Address {
    line: usize,
    column: u16,
    text: String,
    url: String,
}

/// Every piece of a source address the open sources sheet shows, where it is drawn on the
/// screen (a long address wraps: each piece links to the whole address). Nothing when the
/// sources are not open.
pub fn hyperlinks(view: &View, walk: &Walk) -> Vec<Hyperlink> {
    let Some((Sheet::Sources, scroll)) = view.sheet else {
        return Vec::new();
    };
    let Some(width) = super::sheet::text_width(view) else {
        return Vec::new();
    };
    let (lines, addresses) = layout(view, walk, width);
    let Some(inner) = super::sheet::inner(view, lines.len()) else {
        return Vec::new();
    };
    let height = usize::from(inner.height);
    let scroll = scroll.min(lines.len().saturating_sub(height));
    addresses
        .into_iter()
        .filter(|a| (scroll..scroll + height).contains(&a.line))
        .map(|a| Hyperlink {
            x: inner.x + a.column,
            y: inner.y + (a.line - scroll) as u16,
            text: a.text,
            url: a.url,
            style: view.theme().url,
        })
        .collect()
}

/// The sheet's lines, and where each piece of an address is on them.
fn layout(view: &View, walk: &Walk, width: u16) -> (Vec<Line<'static>>, Vec<Address>) {
    let lang = view.lang();
    let theme = view.theme();
    let script = walk.script();
    let width = usize::from(width.max(8));
    let wrap = |s: &str, first: &str, rest: &str| -> Vec<String> {
        let options = textwrap::Options::new(width)
            .initial_indent(first)
            .subsequent_indent(rest)
            .break_words(true);
        textwrap::wrap(s, options)
            .into_iter()
            .map(|c| c.into_owned())
            .collect()
    };
    let mut out: Vec<Line<'static>> = Vec::new();
    let mut addresses: Vec<Address> = Vec::new();
    let heading = |out: &mut Vec<Line<'static>>, words: &str| {
        if !out.is_empty() {
            out.push(Line::default());
        }
        for piece in wrap(words, "", "") {
            out.push(Line::styled(piece, theme.strong));
        }
    };
    let source = |out: &mut Vec<Line<'static>>, addresses: &mut Vec<Address>, s: &Source| {
        let mut words = sanitize(s.title.as_str());
        for extra in [&s.publisher, &s.date].into_iter().flatten() {
            words.push_str(", ");
            words.push_str(&sanitize(extra.as_str()));
        }
        for piece in wrap(&words, "• ", "  ") {
            out.push(Line::styled(piece, theme.text));
        }
        if let Some(url) = &s.url {
            let url = sanitize(url.as_str());
            for piece in wrap(&url, "  ", "  ") {
                addresses.push(Address {
                    line: out.len(),
                    column: 2,
                    text: piece[2..].to_owned(),
                    url: url.clone(),
                });
                out.push(Line::from(vec![
                    Span::raw(piece[..2].to_owned()),
                    Span::styled(piece[2..].to_owned(), theme.url),
                ]));
            }
        }
    };
    let page = walk.page();
    let here: Vec<&Source> = page
        .cites()
        .into_iter()
        .filter_map(|id| script.source(id))
        .collect();
    let title = sanitize(page.title.get(lang));
    if here.is_empty() {
        heading(&mut out, &text::sources_none_here(lang, &title));
    } else {
        heading(&mut out, &text::sources_here(lang, &title));
        for s in &here {
            source(&mut out, &mut addresses, s);
        }
    }
    heading(&mut out, text::sources_all(lang));
    for s in &script.sources {
        source(&mut out, &mut addresses, s);
    }
    out.push(Line::default());
    for piece in wrap(&text::checked_on(lang, script.reviewed), "", "") {
        out.push(Line::styled(piece, theme.text));
    }
    if script.is_stale(walk.now()) {
        for piece in wrap(&text::stale_warning(lang, script.reviewed), "", "") {
            out.push(Line::styled(piece, theme.alert));
        }
    }
    (out, addresses)
}
