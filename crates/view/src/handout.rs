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

use chrono::{DateTime, Utc};
use qrcode::{EcLevel, QrCode};
use unicode_width::UnicodeWidthStr;

use bezwaar_core::deadline::Countdown;
use bezwaar_core::script::{Block, Condition, Script, Source, Text, fill};
use bezwaar_core::text::{self, Lang, sanitize};

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
    let items = items(script, lang, now);
    match format {
        Format::Markdown => markdown(&items),
        Format::Text => plain_text(&items),
        Format::Html => html(&items, lang, &sanitize(script.title.get(lang))),
    }
}

/// Numbers the sources in the order the handout first cites them.
struct Footnotes<'a> {
    script: &'a Script,
    cited: Vec<&'a Source>,
}

impl<'a> Footnotes<'a> {
    /// The numbers of the sources `t` cites, giving new ones their number. An id the script
    /// does not know (only possible in a script built in code) is left out.
    fn numbers(&mut self, t: &Text) -> Vec<usize> {
        let mut out = Vec::new();
        for id in &t.cites {
            let Some(source) = self.script.source(id.as_str()) else {
                continue;
            };
            let n = match self.cited.iter().position(|s| std::ptr::eq(*s, source)) {
                Some(i) => i + 1,
                None => {
                    self.cited.push(source);
                    self.cited.len()
                }
            };
            if !out.contains(&n) {
                out.push(n);
            }
        }
        out.sort_unstable();
        out
    }

    fn notes(&self) -> Vec<Note> {
        self.cited
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let what = [Some(&s.title), s.publisher.as_ref(), s.date.as_ref()]
                    .into_iter()
                    .flatten()
                    .map(|p| sanitize(p.as_str()))
                    .collect::<Vec<_>>()
                    .join(", ");
                Note {
                    number: i + 1,
                    what,
                    url: s.url.as_ref().map(|u| sanitize(u.as_str())),
                }
            })
            .collect()
    }
}

/// Splits on the newlines a script may put in a text, and makes each piece safe.
fn pieces(s: &str) -> Vec<String> {
    s.split('\n')
        .map(sanitize)
        .filter(|p| !p.trim().is_empty())
        .collect()
}

/// A text as paragraphs, the source numbers on the last one.
fn cited_paras(t: &Text, lang: Lang, notes: Vec<usize>) -> Vec<Cited> {
    let mut out: Vec<Cited> = pieces(t.get(lang)).into_iter().map(Cited::plain).collect();
    match out.last_mut() {
        Some(last) => last.notes = notes,
        None if !notes.is_empty() => out.push(Cited {
            text: String::new(),
            notes,
        }),
        None => {}
    }
    out
}

/// A text as one line (for a list entry), with its source numbers.
fn cited_line(t: &Text, lang: Lang, notes: Vec<usize>) -> Cited {
    Cited {
        text: pieces(t.get(lang)).join(" "),
        notes,
    }
}

fn items(script: &Script, lang: Lang, now: DateTime<Utc>) -> Vec<Item> {
    let countdown = script.deadline.map(|d| Countdown::at(now, d));
    let past = countdown.is_some_and(Countdown::is_past);
    let mut notes = Footnotes {
        script,
        cited: Vec::new(),
    };
    let names: Vec<String> = script
        .choices
        .iter()
        .map(|p| sanitize(p.name.as_str()))
        .collect();
    let mut out = vec![Item::Heading(1, sanitize(script.title.get(lang)))];
    // The date the content was checked; when that is long ago, the warning says it instead.
    out.push(match script.is_stale(now) {
        false => Item::Para(Cited::plain(text::checked_on(lang, script.reviewed))),
        true => Item::Note {
            lead: None,
            text: Cited::plain(text::stale_warning(lang, script.reviewed)),
        },
    });
    let total = script.pages.len();
    for (i, page) in script.pages.iter().enumerate() {
        let step = text::step_of(lang, i + 1, total);
        out.push(Item::Heading(
            2,
            format!("{step}: {}", sanitize(page.title.get(lang))),
        ));
        let mut hinted = false;
        for block in &page.body {
            let (block, when) = block.unwrap();
            // On paper the deadline is as it is at printing; a choice is the reader's to make:
            // what is for a chosen one shows plainly, what is for another answer under the
            // question that leads there.
            let Some(lead) = paper_lead(&when, script, lang, past) else {
                continue;
            };
            match block {
                Block::Para(t) | Block::Do(t) | Block::Note(t) if lead.is_some() => {
                    let nums = notes.numbers(t);
                    for (k, text) in cited_paras(t, lang, nums).into_iter().enumerate() {
                        let lead = if k == 0 { lead.clone() } else { None };
                        out.push(Item::Note { lead, text });
                    }
                }
                Block::Para(t) | Block::Do(t) => {
                    let n = notes.numbers(t);
                    out.extend(cited_paras(t, lang, n).into_iter().map(Item::Para));
                }
                // A heading states no fact of its own: any cites on it are not numbered.
                Block::Heading(t) => out.push(Item::Heading(3, pieces(t.get(lang)).join(" "))),
                Block::Bullets(list) => out.push(Item::List(
                    list.iter()
                        .map(|t| {
                            let n = notes.numbers(t);
                            cited_line(t, lang, n)
                        })
                        .collect(),
                )),
                Block::Note(t) => {
                    let n = notes.numbers(t);
                    out.extend(
                        cited_paras(t, lang, n)
                            .into_iter()
                            .map(|text| Item::Note { lead: None, text }),
                    );
                }
                Block::Countdown => out.extend(script.deadline.map(|d| {
                    Item::Para(Cited::plain(text::paper_deadline(
                        lang,
                        past,
                        d.date_naive(),
                    )))
                })),
                Block::If(..) => {}
                Block::Link { label, url, .. } => {
                    if !hinted {
                        hinted = true;
                        out.push(Item::LinkHint {
                            typed: text::paper_link_hint(lang, false).to_owned(),
                            scanned: text::paper_link_hint(lang, true).to_owned(),
                        });
                    }
                    out.push(Item::Link {
                        label: pieces(label.get(lang)).join(" "),
                        url: sanitize(url.as_str()),
                    });
                }
                // The question, and a box per answer.
                Block::Choose {
                    question,
                    all,
                    none,
                } => {
                    out.push(Item::Para(Cited::plain(sanitize(question.get(lang)))));
                    out.push(Item::Checklist(
                        names
                            .iter()
                            .cloned()
                            .chain(all.iter().chain([none]).map(|t| sanitize(t.get(lang))))
                            .collect(),
                    ));
                }
                // Paper keeps no email address: the page's text says what the form asks.
                Block::EmailField => {}
                Block::Reasons(list) => {
                    out.push(Item::Heading(3, text::paper_reasons(lang).to_owned()));
                    out.push(Item::List(
                        list.iter()
                            .map(|t| {
                                let n = notes.numbers(t);
                                cited_line(t, lang, n)
                            })
                            .collect(),
                    ));
                    out.push(Item::Para(Cited::plain(text::paper_own_reason(lang))));
                }
                // A box per choice, in the script's words for paper.
                Block::Ask { paper, .. } | Block::Summary { paper, .. } => {
                    out.push(Item::Checklist(
                        names
                            .iter()
                            .map(|name| fill(paper.get(lang), &[("name", name)]))
                            .collect(),
                    ))
                }
            }
        }
    }
    let list = notes.notes();
    if !list.is_empty() {
        out.push(Item::Heading(2, text::sources(lang).to_owned()));
        out.push(Item::Notes(list));
    }
    out
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

fn markdown(items: &[Item]) -> String {
    let mut blocks: Vec<Vec<String>> = Vec::new();
    // A markdown text with its marker: the brackets of the marker are not escaped, and read
    // as text (no link is defined with such a name).
    let md = |c: &Cited| with_marker(&md_escape(&c.text), &c.notes);
    for item in items {
        let lines = match item {
            Item::Heading(level, s) => {
                vec![format!(
                    "{} {}",
                    "#".repeat(usize::from(*level)),
                    md_escape(s).replace('#', "\\#")
                )]
            }
            Item::Para(c) => md_wrap(&md(c), "", ""),
            Item::Note { lead, text } => {
                let lead = lead
                    .as_ref()
                    .map_or(String::new(), |l| format!("**{}** ", md_escape(l)));
                md_wrap(&format!("{lead}{}", md(text)), "> ", "> ")
            }
            Item::List(entries) => entries
                .iter()
                .flat_map(|c| md_wrap(&md(c), "- ", "  "))
                .collect(),
            Item::LinkHint { typed, .. } => md_wrap(&md_escape(typed), "", ""),
            Item::Link { label, url } => {
                let mut lines = md_wrap(&md_escape(label), "- ", "  ");
                lines.push(format!("  {}", md_autolink(url)));
                lines
            }
            Item::Checklist(entries) => entries
                .iter()
                .flat_map(|s| md_wrap(&md_escape(s), "- [ ] ", "      "))
                .collect(),
            Item::Notes(notes) => notes
                .iter()
                .flat_map(|n| {
                    let first = format!("{}. ", n.number);
                    let rest = " ".repeat(first.len());
                    let mut lines = md_wrap(&md_escape(&n.what), &first, &rest);
                    if let Some(url) = &n.url {
                        lines.push(format!("{rest}{}", md_autolink(url)));
                    }
                    lines
                })
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
    let txt = |c: &Cited| with_marker(&c.text, &c.notes);
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
            Item::Para(c) => wrap(&txt(c), WIDTH, "", ""),
            Item::Note { lead, text } => {
                let lead = lead.as_ref().map_or(String::new(), |l| format!("{l} "));
                wrap(&format!("{lead}{}", txt(text)), WIDTH, "    ", "    ")
            }
            Item::List(entries) => entries
                .iter()
                .flat_map(|c| wrap(&txt(c), WIDTH, "- ", "  "))
                .collect(),
            Item::LinkHint { typed, .. } => wrap(typed, WIDTH, "", ""),
            Item::Link { label, url } => {
                let mut lines = wrap(label, WIDTH, "- ", "  ");
                lines.push(format!("  {url}"));
                lines
            }
            Item::Checklist(entries) => entries
                .iter()
                .flat_map(|s| wrap(s, WIDTH, "[ ] ", "    "))
                .collect(),
            Item::Notes(notes) => notes
                .iter()
                .flat_map(|n| {
                    let first = format!("[{}] ", n.number);
                    let rest = " ".repeat(first.len());
                    let mut lines = wrap(&n.what, WIDTH, &first, &rest);
                    if let Some(url) = &n.url {
                        lines.push(format!("{rest}{url}"));
                    }
                    lines
                })
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

/// The style of the HTML handout: large type for print (nothing below 14 pt), black on
/// white, boxes drawn with borders, each link with its QR code kept together on a page.
const CSS: &str = "\
@page { size: A4; margin: 16mm 15mm; }
html { background: #fff; color: #000; }
body { font-family: \"DejaVu Sans\", Verdana, Arial, sans-serif; font-size: 15pt; line-height: 1.45; margin: 0 auto; max-width: 44em; padding: 0 1em; }
h1 { font-size: 24pt; margin: 0.4em 0; }
h2 { font-size: 19pt; margin: 1.2em 0 0.4em; border-bottom: 1.5pt solid #000; break-after: avoid; }
h3 { font-size: 16pt; margin: 0.8em 0 0.3em; break-after: avoid; }
p, li { margin: 0.4em 0; }
.note { border-left: 5pt solid #000; padding-left: 10pt; }
.link { display: grid; grid-template-columns: 3.6cm 1fr; column-gap: 14pt; align-items: center; margin: 0.8em 0; break-inside: avoid; }
.link svg { width: 3.6cm; height: 3.6cm; }
.link .url { grid-column: 1 / -1; margin-top: 0.2em; }
.label { font-weight: bold; margin: 0; }
.url { font-family: \"DejaVu Sans Mono\", monospace; font-size: 14pt; overflow-wrap: anywhere; margin: 0; }
a { color: #000; }
.cite { white-space: nowrap; }
.cite a { text-decoration: none; }
ul.check { list-style: none; padding-left: 0; }
ul.check li { break-inside: avoid; }
.box { display: inline-block; width: 0.85em; height: 0.85em; border: 1.5pt solid #000; vertical-align: -0.1em; margin-right: 0.5em; }
ol.notes li { break-inside: avoid; }
";

/// Escapes text for HTML: element content and attribute values alike.
fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A text and its source numbers, each number a link to its note.
fn html_cited(c: &Cited) -> String {
    let mut out = html_escape(&c.text);
    if !c.notes.is_empty() {
        let links: Vec<String> = c
            .notes
            .iter()
            .map(|n| format!("<a href=\"#bron-{n}\">{n}</a>"))
            .collect();
        if !out.is_empty() {
            out.push_str("&nbsp;");
        }
        out.push_str(&format!(
            "<span class=\"cite\">[{}]</span>",
            links.join(", ")
        ));
    }
    out
}

/// A URL as a link when it is https (a validated script has no other kind), else as text.
fn html_url(url: &str) -> String {
    let text = html_escape(url);
    if url.starts_with("https://") {
        format!("<a href=\"{text}\">{text}</a>")
    } else {
        text
    }
}

/// The QR code for `url` as an inline SVG element (no XML declaration, no namespace: HTML
/// needs neither), or None when the URL does not fit in a QR code. Error correction level M:
/// paper gets creased and smudged.
fn qr_svg(url: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(url, EcLevel::M).ok()?;
    let svg = code
        .render::<qrcode::render::svg::Color>()
        .quiet_zone(true)
        .module_dimensions(1, 1)
        .build();
    let start = svg.find("<svg")?;
    let label = html_escape(url);
    Some(
        svg[start..]
            .replacen(" xmlns=\"http://www.w3.org/2000/svg\"", "", 1)
            .replacen(
                "<svg",
                &format!("<svg class=\"qr\" role=\"img\" aria-label=\"QR: {label}\""),
                1,
            ),
    )
}

fn html(items: &[Item], lang: Lang, title: &str) -> String {
    let mut body = String::new();
    for item in items {
        let part = match item {
            Item::Heading(level, s) => {
                let l = (*level).clamp(1, 6);
                format!("<h{l}>{}</h{l}>", html_escape(s))
            }
            Item::Para(c) => format!("<p>{}</p>", html_cited(c)),
            Item::Note { lead, text } => {
                let lead = lead.as_ref().map_or(String::new(), |l| {
                    format!("<strong>{}</strong> ", html_escape(l))
                });
                format!("<p class=\"note\">{lead}{}</p>", html_cited(text))
            }
            Item::List(entries) => {
                let lis: String = entries
                    .iter()
                    .map(|c| format!("<li>{}</li>", html_cited(c)))
                    .collect();
                format!("<ul>{lis}</ul>")
            }
            Item::LinkHint { scanned, .. } => format!("<p>{}</p>", html_escape(scanned)),
            Item::Link { label, url } => format!(
                "<div class=\"link\">{}<p class=\"label\">{}</p><p class=\"url\">{}</p></div>",
                qr_svg(url).unwrap_or_default(),
                html_escape(label),
                html_url(url)
            ),
            Item::Checklist(entries) => {
                let lis: String = entries
                    .iter()
                    .map(|s| {
                        format!(
                            "<li><span class=\"box\" aria-hidden=\"true\"></span>{}</li>",
                            html_escape(s)
                        )
                    })
                    .collect();
                format!("<ul class=\"check\">{lis}</ul>")
            }
            Item::Notes(notes) => {
                let lis: String = notes
                    .iter()
                    .map(|n| {
                        let url = n.url.as_ref().map_or(String::new(), |u| {
                            format!("<br><span class=\"url\">{}</span>", html_url(u))
                        });
                        format!(
                            "<li id=\"bron-{}\" value=\"{}\">{}{url}</li>",
                            n.number,
                            n.number,
                            html_escape(&n.what)
                        )
                    })
                    .collect();
                format!("<ol class=\"notes\">{lis}</ol>")
            }
        };
        body.push_str(&part);
        body.push('\n');
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        html_escape(title)
    )
}

/// Whether a block under the conditions `when` is on paper (`None`: not), and the question
/// that leads to it (`Some(None)`: none, it is for the reader who chose). The deadline is
/// as it is at printing.
fn paper_lead(
    when: &[&Condition],
    script: &Script,
    lang: Lang,
    past: bool,
) -> Option<Option<String>> {
    let mut lead = None;
    for c in when {
        if let Some(q) = paper_condition(c, script, lang, past, false)? {
            lead = Some(q);
        }
    }
    Some(lead)
}

/// One condition on paper: `None` when it cannot hold (a deadline condition), else the
/// question before the block, if the block is for an answer other than a choice.
fn paper_condition(
    c: &Condition,
    script: &Script,
    lang: Lang,
    past: bool,
    not: bool,
) -> Option<Option<String>> {
    let answer = |pick: fn(&Block) -> Option<&bezwaar_core::script::Text>| {
        script
            .pages
            .iter()
            .flat_map(|p| &p.body)
            .find_map(|b| pick(b.unwrap().0))
            .map(|t| sanitize(t.get(lang)))
    };
    let asked = |words: Option<String>| {
        words.map(|a| {
            if not {
                text::paper_if_not_answer(lang, &a)
            } else {
                text::paper_if_answer(lang, &a)
            }
        })
    };
    match c {
        Condition::Before => (past == not).then_some(None),
        Condition::After => (past != not).then_some(None),
        Condition::Not(inner) => paper_condition(inner, script, lang, past, !not),
        Condition::Chose(_) | Condition::ChoseAny => Some(None),
        Condition::ChoseNone => Some(asked(answer(|b| match b {
            Block::Choose { none, .. } => Some(none),
            _ => None,
        }))),
        Condition::ChoseAll => Some(asked(answer(|b| match b {
            Block::Choose { all, .. } => all.as_ref(),
            _ => None,
        }))),
    }
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

    #[test]
    fn html_escapes_everything_that_could_be_markup() {
        assert_eq!(
            html_escape("<script>a & \"b\" 'c'</script>"),
            "&lt;script&gt;a &amp; &quot;b&quot; &#39;c&#39;&lt;/script&gt;"
        );
        // Only https becomes a link.
        assert_eq!(html_url("javascript:alert(1)"), "javascript:alert(1)");
        assert!(html_url("https://e.org/?a=1&b=2").contains("href=\"https://e.org/?a=1&amp;b=2\""));
    }

    #[test]
    fn markers_follow_the_text() {
        assert_eq!(with_marker("Tekst.", &[1, 3]), "Tekst.\u{a0}[1,\u{a0}3]");
        assert_eq!(with_marker("Tekst.", &[]), "Tekst.");
        assert_eq!(with_marker("", &[2]), "[2]");
    }

    #[test]
    fn the_qr_code_is_inline_svg_without_namespace_or_declaration() {
        let svg = qr_svg("https://example.org/form").unwrap();
        assert!(svg.starts_with("<svg class=\"qr\""), "{svg}");
        assert!(!svg.contains("<?xml") && !svg.contains("xmlns"), "{svg}");
        assert!(svg.ends_with("</svg>"));
    }
}
