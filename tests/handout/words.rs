//! Words on paper: the choice and its answers are questions, the boxes come where the page
//! says to tick, no sentence refers to a screen, and the deadline is a date in the right tense.

use super::*;

#[test]
fn the_choice_and_its_answers_are_questions_on_paper() {
    for (lang, code) in [(Lang::Nl, "nl"), (Lang::En, "en")] {
        let md = handout(code, "markdown", AFTER);
        let login = flat(page(&md, lang.pick("Inloggen", "Log in")));
        // The question, then a box per answer.
        let question = lang.pick("Welke gebruik je?", "Which do you use?");
        let (both, neither) = (
            lang.pick("Allebei", "Both"),
            lang.pick("Geen van beide", "Neither"),
        );
        assert!(
            login.contains(&format!(
                "{question} - [ ] Facebook - [ ] Instagram - [ ] {both} - [ ] {neither}"
            )),
            "{login}"
        );
        // The "neither" words come after their own question, and so do the "both" words.
        for (question, words) in [
            (
                text::paper_if_answer(lang, neither),
                lang.pick(
                    "Dan hoef je niets te doen.",
                    "Then there is nothing you need to do.",
                ),
            ),
            (
                text::paper_if_answer(lang, both),
                lang.pick(
                    "Kijk in het Accountcentrum (al je accounts bij elkaar) of je accounts gekoppeld zijn.",
                    "Check in the Accounts Center (all your accounts in one place) whether your accounts are linked.",
                ),
            ),
        ] {
            assert!(
                login.contains(&format!("**{question}** {words}")),
                "{question:?} is not followed by {words:?}:\n{login}"
            );
        }
        // How to get from the paper to the form, then the forms in full.
        assert!(
            login.contains(text::paper_link_hint(lang, false)),
            "{login}"
        );
        assert!(
            login.contains(&format!("<{FACEBOOK}>")) && login.contains(&format!("<{INSTAGRAM}>"))
        );
    }
}

#[test]
fn the_reasons_have_a_heading_and_the_boxes_come_where_the_page_says_to_tick() {
    for (lang, code) in [(Lang::Nl, "nl"), (Lang::En, "en")] {
        let md = handout(code, "markdown", AFTER);
        let fill_in = page(&md, lang.pick("Invullen", "Fill in"));
        let heading = format!("\n### {}\n\n- ", text::paper_reasons(lang));
        assert!(fill_in.contains(&heading), "{fill_in}");
        assert!(fill_in.contains(text::paper_own_reason(lang)));

        // The block right after the sentence that says to press Send is the boxes.
        let send = page(&md, lang.pick("Versturen", "Send"));
        let blocks: Vec<&str> = send.split("\n\n").collect();
        let tick = lang.pick(
            "Daarna vragen we of dat gelukt is.",
            "After that, we ask whether it worked.",
        );
        let at = blocks
            .iter()
            .position(|b| flat(b).ends_with(tick))
            .unwrap_or_else(|| panic!("no sentence to tick in {send}"));
        let boxes: Vec<String> = ["Facebook", "Instagram"]
            .iter()
            .map(|p| {
                format!(
                    "- [ ] {p}: {}",
                    lang.pick("ik heb op Verzenden gedrukt", "I pressed Send")
                )
            })
            .collect();
        assert_eq!(
            blocks.get(at + 1),
            Some(&boxes.join("\n").as_str()),
            "{send}"
        );

        // The last page: a box per platform for the confirmation email.
        let done = page(&md, lang.pick("Klaar", "Done"));
        for p in ["Facebook", "Instagram"] {
            let confirmed = lang.pick(
                "bevestiging per e-mail gekregen",
                "confirmation email received",
            );
            assert!(
                done.contains(&format!("\n- [ ] {p}: {confirmed}\n")),
                "{done}"
            );
        }
    }
}

#[test]
fn no_sentence_refers_to_a_screen_or_ends_in_nothing() {
    for code in ["nl", "en", "de"] {
        for now in [BEFORE, AFTER] {
            for format in ["markdown", "text"] {
                let h = handout(code, format, now);
                let words = format!(
                    " {} ",
                    flat(&h)
                        .to_lowercase()
                        .replace(|c: char| !c.is_alphanumeric(), " ")
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                );
                for screen in [
                    "ga terug",
                    "go back",
                    "enter",
                    "scherm",
                    "screen",
                    "klik",
                    "click",
                    "hier",
                    "here",
                    "druk op c",
                    "press c",
                    "gehen sie zurück",
                    "bildschirm",
                    "klicken",
                    "drücken sie c",
                ] {
                    assert!(
                        !words.contains(&format!(" {screen} ")),
                        "{screen:?} in {code} {format}:\n{h}"
                    );
                }
                // A line ending in ":" is followed by what it announces, never by a heading.
                let lines: Vec<&str> = h.lines().collect();
                for (i, l) in lines.iter().enumerate() {
                    if l.ends_with(':') {
                        let next = lines[i + 1..].iter().find(|n| !n.trim().is_empty());
                        assert!(
                            next.is_some_and(|n| !n.starts_with('#') && !n.starts_with("---")),
                            "{l:?} announces nothing in {code} {format}:\n{h}"
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn the_deadline_on_paper_is_a_date_and_the_tense_follows_it() {
    let nl = flat(&handout("nl", "text", BEFORE));
    assert!(nl.contains("De deadline: vóór 27 mei 2025."), "{nl}");
    assert!(nl.contains("Vanaf 27 mei 2025 traint Meta zijn AI."));
    assert!(nl.contains("Maak bezwaar vóór 27 mei 2025."));
    assert!(!nl.contains("Sinds 27 mei") && !nl.contains("De deadline was"));
    // One deadline, said one way: never the day before it.
    assert!(!nl.contains("26 mei"));

    let nl = flat(&handout("nl", "text", AFTER));
    assert!(nl.contains("De deadline was vóór 27 mei 2025."), "{nl}");
    assert!(nl.contains("Sinds 27 mei 2025 traint Meta zijn AI."));
    assert!(nl.contains(
        "Je kunt nog steeds bezwaar maken. Dat helpt voor nieuwe training. Wat Meta al gebruikt heeft, kan er niet meer uit."
    ));
    assert!(!nl.contains("26 mei"));

    let en = flat(&handout("en", "markdown", BEFORE));
    assert!(en.contains("The deadline: before 27 May 2025."), "{en}");
    assert!(en.contains("From 27 May 2025, Meta will train its AI."));
    let en = flat(&handout("en", "markdown", AFTER));
    assert!(en.contains("The deadline was before 27 May 2025."), "{en}");
    assert!(en.contains("Since 27 May 2025, Meta has been training its AI."));

    // No countdown: paper does not tick.
    for (code, now) in [("nl", BEFORE), ("nl", AFTER), ("en", BEFORE), ("en", AFTER)] {
        let h = handout(code, "text", now).to_lowercase();
        for unit in [
            "seconde",
            "second",
            "geleden",
            " ago",
            " left",
            "nog 6 dagen",
            "6 days",
        ] {
            assert!(!h.contains(unit), "{unit:?} in the {code} handout at {now}");
        }
    }
}
