//! The script's own words for its questions and its summary: texts with placeholders such as
//! `{name}` that the app fills in, and what `check` says of them and of the blocks that need a
//! deadline.

use super::check::{Checker, Fact, Loc, clip};
use super::{Block, Page, Text};

/// Every text of an [`Block::Ask`] or [`Block::Summary`], as `(field, text, placeholders it
/// may use)`, in the order the block declares them. Other blocks have none.
pub(super) fn templates(block: &Block) -> Vec<(&'static str, &Text, &'static [&'static str])> {
    const NAME: &[&str] = &["name"];
    const WHEN: &[&str] = &["name", "when"];
    const NONE: &[&str] = &[];
    match block {
        Block::Ask {
            question,
            safe,
            yes,
            yes_at,
            safe_status,
            undo,
            paper,
        } => vec![
            ("question", question, NAME),
            ("safe", safe, NAME),
            ("yes", yes, NAME),
            ("yes_at", yes_at, WHEN),
            ("safe_status", safe_status, &["step"]),
            ("undo", undo, NONE),
            ("paper", paper, NAME),
        ],
        Block::Summary {
            heading,
            done,
            not_yet,
            not_yet_all,
            nothing,
            none,
            paper,
        } => vec![
            ("heading", heading, NONE),
            ("done", done, WHEN),
            ("not_yet", not_yet, NAME),
            ("not_yet_all", not_yet_all, NAME),
            ("nothing", nothing, NONE),
            ("none", none, &["choice"]),
            ("paper", paper, NAME),
        ],
        _ => Vec::new(),
    }
}

/// The words of a page's question ([`Block::Ask`]) that show away from the question itself:
/// under the page after the safe answer, and in the box that asks before a yes is undone.
#[derive(Debug, Clone, Copy)]
pub struct AskWords<'a> {
    pub safe_status: &'a Text,
    pub undo: &'a Text,
}

impl Page {
    /// The words of this page's question, if it has one.
    pub fn ask_words(&self) -> Option<AskWords<'_>> {
        self.body.iter().find_map(|b| match b.unwrap().0 {
            Block::Ask {
                safe_status, undo, ..
            } => Some(AskWords { safe_status, undo }),
            _ => None,
        })
    }
}

/// A script text with its placeholders filled in: `{name}` becomes the value given for
/// `name`. A plain replacement: the values are the app's (a choice's name, a time), and
/// `check` makes sure a text uses no placeholder its block does not fill.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (key, value) in values {
        out = out.replace(&format!("{{{key}}}"), value);
    }
    out
}

/// The placeholders a text uses: each `{word}` in it.
fn placeholders(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(open) = rest.find('{') {
        rest = &rest[open + 1..];
        let Some(close) = rest.find('}') else { break };
        let word = &rest[..close];
        if !word.is_empty() && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            out.push(word);
            rest = &rest[close + 1..];
        }
    }
    out
}

/// "{name} and {when}", "{choice}", or "none".
fn listed(allowed: &[&str]) -> String {
    match allowed {
        [] => "no placeholders".to_owned(),
        _ => allowed
            .iter()
            .map(|a| format!("{{{a}}}"))
            .collect::<Vec<_>>()
            .join(" and "),
    }
}

impl Checker<'_> {
    /// The texts of a question or a summary: each is a text like any other (every language,
    /// no cite needed), and uses only the placeholders its place fills in.
    pub(super) fn templates(&mut self, block: &Block, what: &str, near: Option<Loc>) {
        for (field, t, allowed) in templates(block) {
            let w = format!("{what} {field}");
            self.text(t, &w, near, Fact::No);
            for (lang, words) in &t.langs {
                for p in placeholders(words.as_str()) {
                    if !allowed.contains(&p) {
                        self.push(
                            self.at(words),
                            format!(
                                "{w}, {lang}, uses {{{}}}, which is not filled in there: it may use {}",
                                clip(p),
                                listed(allowed)
                            ),
                        );
                    }
                }
            }
        }
    }

    /// A countdown in a script without a deadline.
    pub(super) fn needs_deadline(&mut self, what: &str, near: Option<Loc>) {
        self.push(
            near,
            format!(
                "{what} (Countdown) needs the script's deadline: add deadline: \"…\" \
                 (RFC 3339, such as 2025-05-27T00:00:00+02:00) or leave the block out"
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_words_in_braces() {
        assert_eq!(
            placeholders("{name}: sent on {when}, {not one} {}"),
            ["name", "when"]
        );
        assert_eq!(placeholders("a { b"), Vec::<&str>::new());
    }

    #[test]
    fn fill_replaces_each_placeholder() {
        assert_eq!(
            fill("{name}: on {when}", &[("name", "X"), ("when", "1 May")]),
            "X: on 1 May"
        );
    }
}
