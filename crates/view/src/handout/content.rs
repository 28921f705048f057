//! What is on paper: every page of a script in words for paper, as the handout's parts, and
//! the sources numbered in the order they are first cited.

use chrono::{DateTime, Utc};

use super::{Cited, Item, Note};
use bezwaar_core::deadline::Countdown;
use bezwaar_core::script::{Block, Condition, Script, Source, Text, fill};
use bezwaar_core::text::{self, Lang, sanitize};

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

pub(super) fn items(script: &Script, lang: Lang, now: DateTime<Utc>) -> Vec<Item> {
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
