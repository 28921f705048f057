//! Plain language, measured on every walkthrough in `data/` (issue 21): the walkthroughs are
//! read by people who may not read easily, often grandparents. Each file is measured on its
//! own; a term need only be used by one of them.
//!
//! 1. Sentence length per language. Dutch and German at B1: no sentence over 14 words and at
//!    most 9 on average; English at most 20 and 11 on average. A sentence ends at `.`, `?` or
//!    `!` before a space (or a closing quote, or the end); a word is a run of non-space
//!    characters with a letter or digit in it (an arrow `→` is not a word; `27 mei 2025` is
//!    three). Every text of every page counts: paragraphs, notes, instructions, list items,
//!    ready-made reasons, headings and link labels.
//! 2. Hard words explained where they are first read. For each term (AVG, AI, AI-model,
//!    openbaar, Accountcentrum, persoonsgegevens and their English and German words), the first
//!    text that uses it must also explain it: somewhere in that text the term is followed
//!    directly by `:`, by ` (` and at least two words, or by "betekent"/"means"/"bedeutet".
//!    "First" is as the person reads: every combination of before or after the deadline and of
//!    the platform choice (none, one, all) is its own reading, because each shows other texts.
//!    The script's title and the page titles are names in the header, not read as sentences,
//!    so they do not count as a first use.
//!
//! `cargo test --test plain_language -- --nocapture` prints the figures.

use std::path::PathBuf;
use std::sync::Arc;

use bezwaar::progress::{self, Progress};
use bezwaar::script::{self, Script};
use bezwaar::text::Lang;
use bezwaar::walk::Walk;

/// Every walkthrough in `data/`, by file name, each loaded as `bezwaar check` loads it.
fn scripts() -> Vec<(String, Script)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("data/ exists")
        .map(|e| e.expect("data/ can be read").path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no walkthrough in data/");
    files
        .into_iter()
        .map(|f| {
            let name = format!(
                "data/{}",
                f.file_name().unwrap_or_default().to_string_lossy()
            );
            let script = script::load(&f).unwrap_or_else(|e| panic!("{e}"));
            (name, script)
        })
        .collect()
}

/// A language's limits: the longest sentence and the mean, in words.
struct Limits {
    lang: Lang,
    max: usize,
    mean: f64,
}

const LIMITS: [Limits; 3] = [
    Limits {
        lang: Lang::Nl,
        max: 14,
        mean: 9.0,
    },
    Limits {
        lang: Lang::De,
        max: 14,
        mean: 9.0,
    },
    Limits {
        lang: Lang::En,
        max: 20,
        mean: 11.0,
    },
];

/// The terms a reader may not know, per language: a name, and the forms it is written in.
fn terms(lang: Lang) -> Vec<(&'static str, Vec<&'static str>)> {
    match lang.tag() {
        "nl" => vec![
            ("AVG", vec!["AVG"]),
            ("AI", vec!["AI"]),
            ("AI-model", vec!["AI-model"]),
            ("openbaar", vec!["openbaar", "openbare"]),
            ("Accountcentrum", vec!["Accountcentrum"]),
            ("persoonsgegevens", vec!["persoonsgegevens"]),
        ],
        "en" => vec![
            ("GDPR", vec!["GDPR"]),
            ("AI", vec!["AI"]),
            ("AI model", vec!["AI model"]),
            ("public", vec!["public"]),
            ("Accounts Center", vec!["Accounts Center"]),
            ("personal data", vec!["personal data"]),
        ],
        "de" => vec![
            ("DSGVO", vec!["DSGVO"]),
            ("KI", vec!["KI"]),
            ("KI-Modell", vec!["KI-Modell"]),
            (
                "öffentlich",
                vec!["öffentlich", "öffentliche", "öffentlichen"],
            ),
            ("Kontenübersicht", vec!["Kontenübersicht"]),
            (
                "persönliche Daten",
                vec!["persönliche Daten", "persönlichen Daten"],
            ),
        ],
        _ => vec![],
    }
}

/// The sentences of `text`.
fn sentences(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut current = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        current.push(c);
        if matches!(c, '.' | '?' | '!') {
            // Closing quotes belong to the sentence they close.
            while let Some(&q) = chars.get(i + 1)
                && matches!(q, '”' | '“' | '’' | '"' | '\'' | ')')
            {
                current.push(q);
                i += 1;
            }
            if chars.get(i + 1).is_none_or(|n| n.is_whitespace()) {
                out.push(std::mem::take(&mut current));
            }
        } else if c == '\n' {
            out.push(std::mem::take(&mut current));
        }
        i += 1;
    }
    out.push(current);
    out.into_iter()
        .map(|s| s.trim().to_owned())
        .filter(|s| words(s) > 0)
        .collect()
}

/// The words of a sentence.
fn words(sentence: &str) -> usize {
    sentence
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Every text of the script that a page shows, in `lang`, each once.
fn all_texts(script: &Script, lang: Lang) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for page in &script.pages {
        for block in &page.body {
            for (t, _) in block.texts() {
                let words = t.get(lang).to_owned();
                if !out.contains(&words) {
                    out.push(words);
                }
            }
        }
    }
    out
}

/// Which of the script's choices the person picked.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Choice {
    None,
    One,
    All,
}

/// The texts one reading shows, in the order they are read: what the walk itself shows a
/// person who chose so, before or after the deadline (its own rule for every condition).
fn reading(script: &Script, lang: Lang, past: bool, choice: Choice) -> Vec<String> {
    let day = chrono::TimeDelta::days(1);
    let now = match script.deadline {
        Some(d) if past => d.to_utc() + day,
        Some(d) => d.to_utc() - day,
        None => chrono::Utc::now(),
    };
    let picked = match choice {
        Choice::None => Some("none".to_owned()),
        Choice::One => script.choices.first().map(|c| c.id.as_str().to_owned()),
        Choice::All => Some("all".to_owned()),
    };
    let saved = Progress {
        version: progress::VERSION,
        page: script.pages[0].id.as_str().to_owned(),
        picked,
        ..Progress::default()
    };
    let walk = Walk::new(Arc::new(script.clone()), now).resume(&saved);
    let mut out = Vec::new();
    for (i, page) in script.pages.iter().enumerate() {
        if !walk.reachable(i) {
            continue;
        }
        for block in &page.body {
            let (block, when) = block.unwrap();
            if when.iter().all(|c| walk.holds(c)) {
                out.extend(
                    block
                        .texts()
                        .into_iter()
                        .map(|(t, _)| t.get(lang).to_owned()),
                );
            }
        }
    }
    out
}

/// Where `form` stands in `text` as a word of its own (case ignored): the byte offsets just
/// after each occurrence.
fn occurrences(text: &str, form: &str) -> Vec<usize> {
    let lower = text.to_lowercase();
    let form = form.to_lowercase();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = lower[from..].find(&form) {
        let start = from + at;
        let end = start + form.len();
        let before = lower[..start].chars().next_back();
        let after = lower[end..].chars().next();
        if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
            out.push(end);
        }
        from = start + form.len().max(1);
    }
    out
}

/// Whether some occurrence of `forms` in `text` is explained right after it.
fn explains(text: &str, forms: &[&str]) -> bool {
    let lower = text.to_lowercase();
    forms.iter().any(|form| {
        occurrences(text, form).into_iter().any(|end| {
            let rest = &lower[end..];
            if rest.starts_with(':')
                || rest.starts_with(" betekent")
                || rest.starts_with(" means")
                || rest.starts_with(" bedeutet")
            {
                return true;
            }
            rest.strip_prefix(" (")
                .and_then(|r| r.split_once(')'))
                .is_some_and(|(inside, _)| words(inside) >= 2)
        })
    })
}

/// Each term whose first use in some reading is not explained there: "term (reading): text".
fn unexplained(script: &Script, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    for (name, forms) in terms(lang) {
        for past in [false, true] {
            for choice in [Choice::None, Choice::One, Choice::All] {
                let texts = reading(script, lang, past, choice);
                let first = texts
                    .iter()
                    .find(|t| forms.iter().any(|f| !occurrences(t, f).is_empty()));
                if let Some(first) = first
                    && !explains(first, &forms)
                {
                    let when = if past { "after" } else { "before" };
                    let line = format!("{name} ({when} the deadline, {choice:?}): {first}");
                    if !out.contains(&line) {
                        out.push(line);
                    }
                }
            }
        }
    }
    out
}

#[test]
fn sentences_are_short_in_every_language() {
    let mut failures = Vec::new();
    for (name, script) in scripts() {
        println!("{name}:");
        failures.extend(
            too_long(&script)
                .into_iter()
                .map(|f| format!("{name}: {f}")),
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// What is too long in one script, with its figures printed.
fn too_long(script: &Script) -> Vec<String> {
    let mut failures = Vec::new();
    for limits in LIMITS {
        let lang = limits.lang;
        let all: Vec<String> = all_texts(script, lang)
            .iter()
            .flat_map(|t| sentences(t))
            .collect();
        let lengths: Vec<usize> = all.iter().map(|s| words(s)).collect();
        let max = lengths.iter().copied().max().unwrap_or(0);
        let mean = lengths.iter().sum::<usize>() as f64 / lengths.len().max(1) as f64;
        let longest = all
            .iter()
            .find(|s| words(s) == max)
            .cloned()
            .unwrap_or_default();
        println!(
            "{lang}: {} sentences, longest {max} words, mean {mean:.1} words (limits: {} and {:.0})",
            all.len(),
            limits.max,
            limits.mean
        );
        println!("{lang}:   longest: {longest}");
        for s in all.iter().filter(|s| words(s) > limits.max) {
            failures.push(format!("{lang}: {} words: {s}", words(s)));
        }
        if mean > limits.mean {
            failures.push(format!(
                "{lang}: the mean sentence has {mean:.1} words, more than {}",
                limits.mean
            ));
        }
    }
    failures
}

#[test]
fn hard_words_are_explained_where_they_are_first_read() {
    let scripts = scripts();
    let mut failures = Vec::new();
    for lang in [Lang::Nl, Lang::En, Lang::De] {
        // Every term is in some walkthrough: a list that names words never used checks nothing.
        let texts: Vec<String> = scripts
            .iter()
            .flat_map(|(_, s)| all_texts(s, lang))
            .collect();
        for (name, forms) in terms(lang) {
            let used = texts
                .iter()
                .any(|t| forms.iter().any(|f| !occurrences(t, f).is_empty()));
            assert!(used, "{lang}: the term {name} is not used at all");
        }
        for (file, script) in &scripts {
            let missing = unexplained(script, lang);
            println!(
                "{file}: {lang}: {} terms, each explained where first read: {}",
                terms(lang).len(),
                if missing.is_empty() { "yes" } else { "no" }
            );
            failures.extend(missing.into_iter().map(|m| format!("{file}: {lang}: {m}")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A small script with one page of `texts` (Dutch; English and German say the same).
fn tiny(texts: &[&str]) -> Script {
    let body: Vec<String> = texts
        .iter()
        .map(|t| format!("Para((nl: \"{t}\", en: \"{t}\", de: \"{t}\", cites: [\"s\"])),"))
        .collect();
    let src = format!(
        r#"Script(
    languages: ["nl", "en", "de"],
    title: (nl: "AI", en: "AI", de: "KI"),
    reviewed: "2026-12-02",
    deadline: "2025-05-27T00:00:00+02:00",
    pages: [Page(id: "een", title: (nl: "Een", en: "One", de: "Eins"), body: [{}])],
    sources: [Source(id: "s", title: "Bron", url: "https://example.org/bron")],
)"#,
        body.join("\n")
    );
    script::parse("tiny.ron", &src).expect("the tiny script is valid")
}

#[test]
fn a_term_used_before_it_is_explained_fails() {
    // Explained where first read: passes. The title "AI" is a name, not a first use.
    let good = tiny(&[
        "Meta traint AI (kunstmatige intelligentie). Dat is een slim programma.",
        "AI leert van je foto's.",
    ]);
    assert!(
        !unexplained(&good, Lang::Nl)
            .iter()
            .any(|m| m.starts_with("AI "))
    );
    // The explanation comes a text too late: the first use is unexplained.
    let late = tiny(&[
        "Meta traint AI met je foto's.",
        "AI (kunstmatige intelligentie) is een slim programma.",
    ]);
    let missing = unexplained(&late, Lang::Nl);
    assert!(
        missing
            .iter()
            .any(|m| m.starts_with("AI (before") && m.ends_with("Meta traint AI met je foto's.")),
        "{missing:?}"
    );
    // An abbreviation in brackets is a name, not an explanation.
    let abbreviation = tiny(&["De Autoriteit Persoonsgegevens (AP) let op je privacy."]);
    assert!(
        unexplained(&abbreviation, Lang::Nl)
            .iter()
            .any(|m| m.starts_with("persoonsgegevens ")),
        "(AP) must not count as explaining persoonsgegevens"
    );
    // Part of a longer word is not the term: "autoriteitpersoonsgegevens.nl" uses no term.
    assert!(occurrences("op autoriteitpersoonsgegevens.nl", "persoonsgegevens").is_empty());
    assert_eq!(occurrences("een AI-model", "AI").len(), 1);
}

#[test]
fn sentences_and_words_are_counted_as_a_reader_would() {
    assert_eq!(
        sentences("Klaar? Druk op “Verzenden”. Dat is alles!"),
        vec!["Klaar?", "Druk op “Verzenden”.", "Dat is alles!"]
    );
    // A dot inside a web address or a number ends nothing.
    assert_eq!(
        sentences("Kijk op autoriteitpersoonsgegevens.nl, bij de AP.").len(),
        1
    );
    assert_eq!(
        words("Ga naar Instellingen → Accountcentrum → Accounts."),
        5
    );
    assert_eq!(words("Bel 088 - 1805 250."), 4);
}
