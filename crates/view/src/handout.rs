//! The printable handout: the whole walkthrough on paper, for a person who will do it later,
//! on a phone or with someone next to them.
//!
//! Every page in order (its title as a heading, then its body), in words that make sense on
//! paper: the script's choice and its answers become questions ("Gebruik je allebei?"), a
//! question ([`Block::Ask`]) becomes boxes to tick, the countdown becomes the
//! deadline's date, and the links are printed in full (in HTML with a QR code beside each).
//! Each text that cites sources gets their numbers ("[1, 3]"), and the numbered sources
//! follow at the end. The `reviewed` date is at the top, with a warning when it is old.
//!
//! Markdown, plain text or one self-contained HTML page. The page content comes from the
//! script alone; the handout's own words are in [`bezwaar_core::text`]. All script text is
//! sanitized (no escape byte reaches the output) and, in HTML, escaped.
//!
//! [`Block::Ask`]: bezwaar_core::script::Block::Ask
//!
//! Here: the parts a handout is made of and the wrapping and source markers both text forms
//! share. `handout/content.rs` turns a script into those parts; `handout/markdown.rs`,
//! `handout/plain.rs` and `handout/html.rs` write them in a format.

mod content;
mod html;
mod markdown;
mod plain;

use chrono::{DateTime, Utc};

use bezwaar_core::script::Script;
use bezwaar_core::text::{Lang, sanitize};

/// Lines are wrapped to this many columns.
pub const WIDTH: usize = 80;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Markdown: headings, bullets, links as <https://…>
    #[default]
    Markdown,
    /// Plain text, wrapped at 80 columns
    Text,
    /// One self-contained HTML page to print from a browser: large type, a QR code beside
    /// each form link
    Html,
}

/// A text with the numbers of the sources it cites.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Cited {
    text: String,
    notes: Vec<usize>,
}

impl Cited {
    fn plain(text: impl Into<String>) -> Cited {
        Cited {
            text: text.into(),
            notes: Vec::new(),
        }
    }
}

/// One source in the numbered list at the end.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Note {
    number: usize,
    /// Title, publisher and date, as one line.
    what: String,
    url: Option<String>,
}

/// One part of the handout, before it is written in a format.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Item {
    /// A heading: 1 the walkthrough, 2 a page or section, 3 a heading inside a page.
    Heading(u8, String),
    Para(Cited),
    /// A highlighted paragraph, perhaps led by a question in bold ("Gebruik je allebei?").
    Note {
        lead: Option<String>,
        text: Cited,
    },
    /// Bullets.
    List(Vec<Cited>),
    /// How to get from paper to a form, before a page's first link: the words without and
    /// with a QR code beside the links.
    LinkHint {
        typed: String,
        scanned: String,
    },
    /// A link: its label, and the URL in full.
    Link {
        label: String,
        url: String,
    },
    /// Boxes to tick.
    Checklist(Vec<String>),
    /// The numbered sources.
    Notes(Vec<Note>),
}

/// The handout for `script` in `lang`, as it stands at `now` (before or after the deadline;
/// stale or not).
pub fn render(script: &Script, lang: Lang, now: DateTime<Utc>, format: Format) -> String {
    let items = content::items(script, lang, now);
    match format {
        Format::Markdown => markdown::markdown(&items),
        Format::Text => plain::plain_text(&items),
        Format::Html => html::html(&items, lang, &sanitize(script.title.get(lang))),
    }
}

/// The source numbers as they follow a text: "[1, 3]"; nothing without any. Its spaces are
/// no-break spaces: a wrapped line never starts with a lone "3]".
fn marker(notes: &[usize]) -> String {
    if notes.is_empty() {
        return String::new();
    }
    let list: Vec<String> = notes.iter().map(usize::to_string).collect();
    format!("[{}]", list.join(",\u{a0}"))
}

/// A text and its marker, tied to the text's last word by a no-break space.
fn with_marker(text: &str, notes: &[usize]) -> String {
    let m = marker(notes);
    match (text.is_empty(), m.is_empty()) {
        (_, true) => text.to_owned(),
        (true, false) => m,
        (false, false) => format!("{text}\u{a0}{m}"),
    }
}

/// Wraps `s` to `width` columns after `first` (first line) or `rest`, at spaces only: words
/// are never broken, so a long address stays whole.
fn wrap(s: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    let options = textwrap::Options::new(width)
        .initial_indent(first)
        .subsequent_indent(rest)
        .break_words(false)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    textwrap::wrap(s, options)
        .into_iter()
        .map(|l| l.into_owned())
        .collect()
}

/// The blocks with one blank line between them, ending in a newline; trailing spaces cut.
fn join_blocks(blocks: &[Vec<String>]) -> String {
    let mut out = String::new();
    for (i, block) in blocks.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        for line in block {
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_never_broken() {
        let url = format!("https://example.org/{}", "a".repeat(100));
        let lines = wrap(&format!("see {url} now"), WIDTH, "", "");
        assert!(lines.iter().any(|l| l == &url));
    }

    #[test]
    fn markers_follow_the_text() {
        assert_eq!(with_marker("Tekst.", &[1, 3]), "Tekst.\u{a0}[1,\u{a0}3]");
        assert_eq!(with_marker("Tekst.", &[]), "Tekst.");
        assert_eq!(with_marker("", &[2]), "[2]");
    }
}
