//! The printable handout: the whole walkthrough on paper, for a person who will do it later,
//! on a phone or with someone next to them.
//!
//! Every page in order (its title as a heading, then its body), the links in full, the
//! countdown as of one moment, a checklist per platform, the `reviewed` date and the sources.
//! Markdown or plain text, both readable as they are when printed. The page content comes
//! from the script alone; the few words of the handout itself are in [`crate::text`]. All
//! script text is sanitized: no escape byte reaches the output.

use chrono::{DateTime, Utc};
use unicode_width::UnicodeWidthStr;

use crate::deadline::Countdown;
use crate::script::{Block, Script};
use crate::text::{self, Lang, sanitize};

/// Lines are wrapped to this many columns.
pub const WIDTH: usize = 80;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Markdown: headings, bullets, links as <https://…>
    #[default]
    Markdown,
    /// Plain text, wrapped at 80 columns
    Text,
}

/// One part of the handout, before it is written in a format.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Item {
    /// A heading: 1 the walkthrough, 2 a page or section, 3 a heading inside a page.
    Heading(u8, String),
    Para(String),
    /// A highlighted paragraph.
    Note(String),
    /// Bullets, each with an optional URL shown in full under it.
    List(Vec<(String, Option<String>)>),
    /// Boxes to tick.
    Checklist(Vec<String>),
}

/// The handout for `script` in `lang`, with the countdown as it stands at `now`.
pub fn render(script: &Script, lang: Lang, now: DateTime<Utc>, format: Format) -> String {
    let items = items(script, lang, now);
    match format {
        Format::Markdown => markdown(&items),
        Format::Text => plain_text(&items),
    }
}

/// Splits on the newlines a script may put in a text, and makes each piece safe.
fn pieces(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split('\n').map(sanitize).filter(|p| !p.trim().is_empty())
}

fn items(script: &Script, lang: Lang, now: DateTime<Utc>) -> Vec<Item> {
    let countdown = Countdown::at(now, script.deadline);
    let past = countdown.is_past();
    // The day as it is where the deadline is set.
    let today = now.with_timezone(&script.deadline.timezone()).date_naive();
    let mut out = vec![
        Item::Heading(1, sanitize(script.title.get(lang))),
        Item::Para(text::checked_on(lang, script.reviewed)),
    ];
    let total = script.pages.len();
    for (i, page) in script.pages.iter().enumerate() {
        let step = text::step_of(lang, i + 1, total);
        out.push(Item::Heading(
            2,
            format!("{step}: {}", sanitize(page.title.get(lang))),
        ));
        for block in &page.body {
            match block {
                Block::Para(t) => out.extend(pieces(t.get(lang)).map(Item::Para)),
                Block::Heading(t) => out.push(Item::Heading(3, sanitize(t.get(lang)))),
                Block::Bullets(list) => out.push(Item::List(
                    list.iter()
                        .map(|t| (pieces(t.get(lang)).collect::<Vec<_>>().join(" "), None))
                        .collect(),
                )),
                Block::Note(t) => out.extend(pieces(t.get(lang)).map(Item::Note)),
                Block::Countdown => out.push(Item::Para(text::on_date(
                    lang,
                    today,
                    &countdown.sentence(lang),
                ))),
                Block::BeforeDeadline(t) if !past => {
                    out.extend(pieces(t.get(lang)).map(Item::Para))
                }
                Block::AfterDeadline(t) if past => out.extend(pieces(t.get(lang)).map(Item::Para)),
                Block::BeforeDeadline(_) | Block::AfterDeadline(_) => {}
                Block::Link { label, url, .. } => out.push(Item::List(vec![(
                    sanitize(label.get(lang)),
                    Some(sanitize(url.as_str())),
                )])),
                Block::IfNoPlatform(t) => out.extend(pieces(t.get(lang)).map(Item::Note)),
                Block::Reasons(list) => out.push(Item::List(
                    list.iter()
                        .map(|t| (pieces(t.get(lang)).collect::<Vec<_>>().join(" "), None))
                        .collect(),
                )),
                // The fields and choices are for the screen; paper has its own checklist.
                Block::PlatformChoice | Block::EmailField | Block::Checklist | Block::Summary => {}
            }
        }
    }
    out.push(Item::Heading(2, text::checklist(lang).to_owned()));
    out.push(Item::Checklist(
        script
            .platforms
            .iter()
            .flat_map(|p| text::checklist_items(lang, &sanitize(p.name.as_str())))
            .collect(),
    ));
    if !script.sources.is_empty() {
        out.push(Item::Heading(2, text::sources(lang).to_owned()));
        out.push(Item::List(
            script
                .sources
                .iter()
                .map(|s| {
                    (
                        sanitize(s.title.as_str()),
                        s.url.as_ref().map(|u| sanitize(u.as_str())),
                    )
                })
                .collect(),
        ));
    }
    out
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

fn markdown(items: &[Item]) -> String {
    let mut blocks: Vec<Vec<String>> = Vec::new();
    for item in items {
        let lines = match item {
            Item::Heading(level, s) => {
                vec![format!(
                    "{} {}",
                    "#".repeat(usize::from(*level)),
                    md_escape(s).replace('#', "\\#")
                )]
            }
            Item::Para(s) => md_wrap(&md_escape(s), "", ""),
            Item::Note(s) => md_wrap(&md_escape(s), "> ", "> "),
            Item::List(entries) => entries
                .iter()
                .flat_map(|(s, url)| {
                    let mut lines = md_wrap(&md_escape(s), "- ", "  ");
                    if let Some(url) = url {
                        lines.push(format!("  {}", md_autolink(url)));
                    }
                    lines
                })
                .collect(),
            Item::Checklist(entries) => entries
                .iter()
                .flat_map(|s| md_wrap(&md_escape(s), "- [ ] ", "      "))
                .collect(),
        };
        blocks.push(lines);
    }
    join_blocks(&blocks)
}

/// Wraps markdown text so that no line starts with something markdown would read as structure
/// (a "-" or "1." at the start of a line turns it into a list): where a line would start
/// with such a word, it is tied to the word before it with a no-break space; at the very
/// start of the text it is escaped.
fn md_wrap(s: &str, first: &str, rest: &str) -> Vec<String> {
    let mut words: Vec<String> = s
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    if let Some(w) = words.first_mut() {
        *w = md_escape_start(w);
    }
    loop {
        let lines = wrap(&words.join(" "), WIDTH, first, rest);
        // The index of the word that starts each line; lines break only at spaces.
        let mut at = 0;
        let mut risky = None;
        for (i, line) in lines.iter().enumerate() {
            let text = &line[if i == 0 { first.len() } else { rest.len() }..];
            if i > 0 && starts_like_markdown(text) {
                risky = Some(at);
                break;
            }
            at += text.split(' ').filter(|w| !w.is_empty()).count();
        }
        match risky {
            Some(j) if j > 0 => {
                let word = words.remove(j);
                words[j - 1] = format!("{}\u{a0}{word}", words[j - 1]);
            }
            _ => return lines,
        }
    }
}

/// `word` made safe to open a line: "\-", "\#", "1\.".
fn md_escape_start(word: &str) -> String {
    if !starts_like_markdown(word) {
        return word.to_owned();
    }
    let digits = word.chars().take_while(char::is_ascii_digit).count();
    format!("{}\\{}", &word[..digits], &word[digits..])
}

/// Whether a line starting with `s` would be read as markdown structure.
fn starts_like_markdown(s: &str) -> bool {
    if s.starts_with(['#', '-', '+', '=', '|', '~']) {
        return true;
    }
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && s[digits..].starts_with(['.', ')'])
}

/// Escapes the characters that mean something inside a markdown line.
fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A URL as an autolink, `<https://…>`: stays visible as text when printed.
fn md_autolink(url: &str) -> String {
    let safe = url
        .replace(' ', "%20")
        .replace('<', "%3C")
        .replace('>', "%3E");
    format!("<{safe}>")
}

fn plain_text(items: &[Item]) -> String {
    let mut blocks: Vec<Vec<String>> = Vec::new();
    for item in items {
        let lines = match item {
            Item::Heading(level, s) => {
                let mut lines = wrap(s, WIDTH, "", "");
                let underline = match level {
                    1 => Some('='),
                    2 => Some('-'),
                    _ => None,
                };
                if let Some(c) = underline {
                    let w = lines.iter().map(|l| l.width()).max().unwrap_or(0);
                    lines.push(c.to_string().repeat(w));
                }
                lines
            }
            Item::Para(s) => wrap(s, WIDTH, "", ""),
            Item::Note(s) => wrap(s, WIDTH, "    ", "    "),
            Item::List(entries) => entries
                .iter()
                .flat_map(|(s, url)| {
                    let mut lines = wrap(s, WIDTH, "- ", "  ");
                    if let Some(url) = url {
                        lines.push(format!("  {url}"));
                    }
                    lines
                })
                .collect(),
            Item::Checklist(entries) => entries
                .iter()
                .flat_map(|s| wrap(s, WIDTH, "[ ] ", "    "))
                .collect(),
        };
        blocks.push(lines);
    }
    join_blocks(&blocks)
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
    fn markdown_escapes_what_would_change_meaning() {
        assert_eq!(
            md_escape("a *b* <c> [d]_e"),
            "a \\*b\\* \\<c\\> \\[d\\]\\_e"
        );
        assert!(starts_like_markdown("-"));
        assert!(starts_like_markdown("12."));
        assert!(!starts_like_markdown("12"));
        assert!(!starts_like_markdown("Meta"));
        assert_eq!(md_escape_start("1."), "1\\.");
        assert_eq!(md_escape_start("#1"), "\\#1");
    }

    #[test]
    fn no_wrapped_line_starts_a_list_or_a_heading() {
        let s = format!("{} 2025. - # + 1) end", "word ".repeat(14));
        for line in md_wrap(&s, "", "") {
            assert!(!starts_like_markdown(&line), "{line:?}");
        }
        assert_eq!(md_wrap("- a", "", ""), ["\\- a"]);
    }

    #[test]
    fn addresses_are_never_broken() {
        let url = format!("https://example.org/{}", "a".repeat(100));
        let lines = wrap(&format!("see {url} now"), WIDTH, "", "");
        assert!(lines.iter().any(|l| l == &url));
    }
}
