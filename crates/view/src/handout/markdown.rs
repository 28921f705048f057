//! The handout in Markdown: headings, bullets, boxes to tick, links as `<https://…>`, wrapped
//! so that no line starts with something Markdown would read as structure.

use super::{Cited, Item, WIDTH, join_blocks, with_marker, wrap};

pub(super) fn markdown(items: &[Item]) -> String {
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
}
