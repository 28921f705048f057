//! The sources on paper: numbered notes in the order the text first cites them, each pointing
//! at the right source; and the warning on content checked more than 180 days ago.

use super::*;

/// The numbers in a marker like "[1, 3]" at the end of a paragraph.
fn markers(h: &str) -> Vec<Vec<usize>> {
    let flat = flat(h);
    let mut out = Vec::new();
    let mut rest = flat.as_str();
    while let Some(i) = rest.find('[') {
        rest = &rest[i + 1..];
        let Some(j) = rest.find(']') else { break };
        let inside = &rest[..j];
        if let Ok(ns) = inside
            .split(", ")
            .map(str::parse::<usize>)
            .collect::<Result<Vec<_>, _>>()
        {
            out.push(ns);
        }
        rest = &rest[j..];
    }
    out
}

/// The numbered notes at the end of a text handout: number and line.
fn notes(txt: &str) -> Vec<(usize, String)> {
    let sources = txt
        .split("\nBronnen\n-------\n")
        .nth(1)
        .or_else(|| txt.split("\nSources\n-------\n").nth(1))
        .or_else(|| txt.split("\nQuellen\n-------\n").nth(1));
    let sources = sources.expect("a list of sources");
    sources
        .lines()
        .filter_map(|l| {
            let l = l.strip_prefix('[')?;
            let (n, what) = l.split_once("] ")?;
            Some((n.parse().ok()?, what.to_owned()))
        })
        .collect()
}

#[test]
fn sources_are_numbered_notes_that_point_at_the_right_source() {
    for code in ["nl", "en", "de"] {
        let txt = handout(code, "text", AFTER);
        let notes = notes(&txt);
        let numbers: Vec<usize> = notes.iter().map(|(n, _)| *n).collect();
        assert_eq!(numbers, (1..=notes.len()).collect::<Vec<_>>(), "{txt}");
        // Every number in the text has its note, every note is used, and they are numbered in
        // the order the text first cites them.
        let used = markers(&txt);
        let mut first_seen = Vec::new();
        for ns in &used {
            assert!(ns.windows(2).all(|w| w[0] < w[1]), "unsorted marker {ns:?}");
            for &n in ns {
                assert!((1..=notes.len()).contains(&n), "no note {n}");
                if !first_seen.contains(&n) {
                    first_seen.push(n);
                }
            }
        }
        assert_eq!(first_seen, numbers, "numbered in order of first use");

        // The Meta AI note rests on the Consumentenbond, the Verbraucherzentrale and Meta's
        // German email: the sources that disagree.
        let flat_txt = flat(&txt);
        let sentence = match code {
            "nl" => "Gebruik Meta AI dan niet. [",
            "de" => "Dann nutzen Sie Meta AI nicht. [",
            _ => "Then do not use Meta AI. [",
        };
        let at = flat_txt.find(sentence).expect("the Meta AI note") + sentence.len();
        let marker = &flat_txt[at..at + flat_txt[at..].find(']').unwrap()];
        let cited: BTreeSet<&str> = marker
            .split(", ")
            .map(|n| {
                let n: usize = n.parse().unwrap();
                notes[n - 1].1.as_str()
            })
            .collect();
        assert_eq!(
            cited,
            BTreeSet::from([
                "Digitaalgids-artikel over AI-training door Meta, Consumentenbond",
                "Artikel über den Widerspruch gegen Metas KI-Training, upday",
                "Artikel mit Metas E-Mail über KI bei Meta, mkln.org, 2025",
            ])
        );
        // A source with an address shows it in full under its note.
        assert!(txt.contains(&format!("\n     {FACEBOOK}\n")), "{txt}");
    }
}

#[test]
fn content_checked_more_than_180_days_ago_carries_a_warning() {
    for format in ["markdown", "text", "html"] {
        let fresh = flat(&handout("nl", format, LAST_FRESH_DAY));
        assert!(
            fresh.contains("Gecontroleerd op 2 december 2026."),
            "{fresh}"
        );
        assert!(!fresh.contains("Kijk of het nog klopt"), "{fresh}");

        let stale = flat(&handout("nl", format, FIRST_STALE_DAY));
        assert!(
            stale.contains(
                "Deze uitleg is voor het laatst gecontroleerd op 2 december 2026. Kijk of het nog klopt."
            ),
            "{stale}"
        );
        let stale = flat(&handout("en", format, FIRST_STALE_DAY));
        assert!(
            stale.contains(
                "This explanation was last checked on 2 December 2026. Check whether it is still right."
            ),
            "{stale}"
        );
    }
}
