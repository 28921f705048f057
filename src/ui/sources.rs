//! The sources (`s`): where the facts come from. The sources the current page cites come
//! first, then every source of the walkthrough, then the date the content was checked (and a
//! warning when that is long ago).

use ratatui::text::{Line, Span};

use super::View;
use crate::script::Source;
use crate::text::{self, sanitize};
use crate::walk::Walk;

/// The sheet's lines at `width` columns.
pub fn lines(view: &View, walk: &Walk, width: u16) -> Vec<Line<'static>> {
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
    let heading = |out: &mut Vec<Line<'static>>, words: &str| {
        if !out.is_empty() {
            out.push(Line::default());
        }
        for piece in wrap(words, "", "") {
            out.push(Line::styled(piece, theme.strong));
        }
    };
    let source = |out: &mut Vec<Line<'static>>, s: &Source| {
        let mut words = sanitize(s.title.as_str());
        for extra in [&s.publisher, &s.date].into_iter().flatten() {
            words.push_str(", ");
            words.push_str(&sanitize(extra.as_str()));
        }
        for piece in wrap(&words, "• ", "  ") {
            out.push(Line::styled(piece, theme.text));
        }
        if let Some(url) = &s.url {
            for piece in wrap(&sanitize(url.as_str()), "  ", "  ") {
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
            source(&mut out, s);
        }
    }
    heading(&mut out, text::sources_all(lang));
    for s in &script.sources {
        source(&mut out, s);
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
    out
}
