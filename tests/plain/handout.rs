//! The printable handout (`bezwaar print`): markdown and text, every page, the links, the
//! boxes to tick and the sources, following the script.

use super::*;

fn handout(lang: &str, format: &str, now: &str) -> String {
    let r = run(
        &["print", "--lang", lang, "--format", format, "--now", now],
        "",
    );
    assert_eq!(r.code, Some(0), "{}", r.err);
    assert!(r.err.is_empty(), "{}", r.err);
    r.out
}

#[test]
fn the_markdown_handout_has_every_page_the_links_the_boxes_and_the_sources() {
    for (lang, code) in [(Lang::Nl, "nl"), (Lang::En, "en")] {
        let md = handout(code, "markdown", BEFORE);
        let h1: Vec<_> = md.lines().filter(|l| l.starts_with("# ")).collect();
        assert_eq!(
            h1,
            [format!(
                "# {}",
                lang.pick(
                    "Bezwaar tegen AI-training door Meta",
                    "Object to Meta’s AI training"
                )
            )]
        );
        let h2: Vec<_> = md.lines().filter(|l| l.starts_with("## ")).collect();
        let mut expected: Vec<String> = titles(lang).iter().map(|t| format!("## {t}")).collect();
        expected.push(lang.pick("## Bronnen", "## Sources").to_owned());
        assert_eq!(h2, expected);
        // The links in full, as autolinks that stay readable on paper.
        assert!(md.contains(&format!("\n  <{FACEBOOK}>\n")));
        assert!(md.contains(&format!("\n  <{INSTAGRAM}>\n")));
        // Every heading stands apart, as markdown wants it.
        let lines: Vec<_> = md.lines().collect();
        for (i, l) in lines.iter().enumerate() {
            if l.starts_with('#') {
                assert!(
                    i == 0 || lines[i - 1].is_empty(),
                    "no blank line before {l:?}"
                );
                assert!(
                    lines.get(i + 1).is_some_and(|n| n.is_empty()),
                    "no blank line after {l:?}"
                );
            }
            if !l.contains("<https://") {
                // A web address is never broken: it may run past 80 on a line of its own.
                assert!(
                    l.chars().count() <= 80 || l.trim_start().starts_with("https://"),
                    "too long: {l:?}"
                );
            }
        }
    }
    let nl = handout("nl", "markdown", BEFORE);
    assert!(nl.contains(
        "\n- [ ] Facebook: ik heb op Verzenden gedrukt\n\
         - [ ] Instagram: ik heb op Verzenden gedrukt\n"
    ));
    assert!(nl.contains(
        "\n- [ ] Facebook: bevestiging per e-mail gekregen\n\
         - [ ] Instagram: bevestiging per e-mail gekregen\n"
    ));
    assert!(nl.contains("\nGecontroleerd op 2 december 2026.\n"));
    assert!(nl.contains(
        "\n1. AP bezorgd over ‘AI-trainingsplannen’ Meta, roept gebruikers op tot actie,\n   Security.NL, april 2025\n"
    ));
    assert!(nl.contains(&format!(
        ". Bezwaarformulier voor Facebook, Meta\n    <{FACEBOOK}>\n"
    )));
    assert!(nl.contains("\n- Open het Facebook-formulier\n"));
    assert!(nl.contains("\n### Dit gebruikt Meta\n"));
    assert!(nl.contains("\nDe deadline: vóór 27 mei 2025.\n"));
    assert!(nl.contains("\n> “Het risico is dat je als gebruiker"));

    let en = handout("en", "markdown", BEFORE);
    assert!(en.contains("\n- [ ] Facebook: I pressed Send\n"));
    assert!(en.contains("\n- [ ] Instagram: confirmation email received\n"));
    assert!(en.contains("\nChecked on 2 December 2026.\n"));
    assert!(
        en.contains(". Insight on the training of Meta’s AI systems, Goodwin Procter, May 2025\n")
    );
    assert!(en.contains(&format!(
        ". Bezwaarformulier voor Instagram, Meta\n    <{INSTAGRAM}>\n"
    )));
}

#[test]
fn the_text_handout_is_plain_and_wrapped_at_80() {
    for (lang, code) in [(Lang::Nl, "nl"), (Lang::En, "en")] {
        let txt = handout(code, "text", AFTER);
        for t in titles(lang) {
            let underline = "-".repeat(t.chars().count());
            assert!(txt.contains(&format!("\n{t}\n{underline}\n")), "{t}");
        }
        assert!(txt.contains(&format!("\n  {FACEBOOK}\n")));
        assert!(txt.contains(&format!("\n  {INSTAGRAM}\n")));
        for l in txt.lines() {
            // A web address is never broken: it may run past 80 on a line of its own.
            assert!(
                l.chars().count() <= 80 || l.trim_start().starts_with("https://"),
                "too long: {l:?}"
            );
            assert!(!l.starts_with('#'), "markdown in text: {l:?}");
            assert!(!l.contains('<'), "markdown in text: {l:?}");
        }
        assert!(txt.contains(lang.pick(
            "\n[ ] Facebook: ik heb op Verzenden gedrukt\n",
            "\n[ ] Facebook: I pressed Send\n"
        )));
        assert!(txt.contains(lang.pick(
            "\n[ ] Instagram: bevestiging per e-mail gekregen\n",
            "\n[ ] Instagram: confirmation email received\n"
        )));
        assert!(txt.contains(lang.pick(
            "\nGecontroleerd op 2 december 2026.\n",
            "\nChecked on 2 December 2026.\n"
        )));
        assert!(txt.contains(lang.pick("\nBronnen\n-------\n", "\nSources\n-------\n")));
        assert!(txt.contains("] Artikel over het blokkeren van gegevensgebruik door Meta AI, iCulture,\n     april 2025\n"));
        assert!(txt.contains(lang.pick(
            "\nDe deadline was vóór 27 mei 2025.\n",
            "\nThe deadline was before 27 May 2025.\n"
        )));
    }
}

#[test]
fn the_handout_follows_the_script_and_the_options_after_the_subcommand() {
    let r = run(
        &[
            "print",
            "--script",
            "tests/scripts/three-pages.ron",
            "--lang",
            "en",
            "--format",
            "markdown",
            "--now",
            BEFORE,
        ],
        "",
    );
    assert_eq!(r.code, Some(0), "{}", r.err);
    let h2: Vec<_> = r.out.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        h2,
        [
            "## Step 1 of 3: Welcome",
            "## Step 2 of 3: The form",
            "## Step 3 of 3: Done",
            "## Sources",
        ]
    );
    assert!(r.out.contains("\n  <https://example.org/bezwaar>\n"));
    assert!(
        r.out.contains(
            "\n1. Een voorbeeld van een bron, example.org\n   <https://example.org/bron>\n"
        )
    );
    // Markdown is the default format.
    let r = run(&["print", "--lang", "nl", "--now", BEFORE], "");
    assert_eq!(r.out, handout("nl", "markdown", BEFORE));
}
