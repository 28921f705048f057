//! The handout as plain text, wrapped at 80 columns: headings underlined, links and sources
//! with their addresses in full.

use unicode_width::UnicodeWidthStr;

use super::{Cited, Item, WIDTH, join_blocks, with_marker, wrap};

pub(super) fn plain_text(items: &[Item]) -> String {
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
