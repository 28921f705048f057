//! Walking the pages in plain mode: in order, each with its title and a prompt, back and on,
//! the countdown, the links in full, the sources, old content, and a clean end.

use super::*;

#[test]
fn plain_mode_walks_the_pages_in_order_each_printed_once() {
    // n on every page but the last, then q.
    let to_the_last = format!("{}q\n", "n\n".repeat(pages() - 1));
    for (lang, code) in [(Lang::Nl, "nl"), (Lang::En, "en")] {
        let r = plain(code, BEFORE, &to_the_last);
        assert_eq!(r.code, Some(0), "{}", r.err);
        assert_eq!(page_titles(&r.out), titles(lang));
    }
    let r = plain("nl", BEFORE, &to_the_last);
    assert_eq!(
        page_titles(&r.out),
        [
            nl_title(1, "Waarom"),
            nl_title(2, "Welke gegevens"),
            nl_title(3, "Deadline"),
            nl_title(4, "Inloggen"),
            nl_title(5, "Invullen"),
            nl_title(6, "Versturen"),
            nl_title(7, "Klaar"),
        ]
    );
}

#[test]
fn plain_mode_shows_the_title_the_page_and_a_prompt() {
    let r = plain("nl", BEFORE, "q\n");
    assert_eq!(r.code, Some(0));
    let expected_start = format!(
        "\
Bezwaar tegen AI-training door Meta

{}

Meta is het bedrijf achter Facebook en Instagram. Vanaf 27 mei 2025 traint Meta
zijn AI.",
        nl_title(1, "Waarom")
    );
    assert!(
        r.out.starts_with(&expected_start),
        "starts with:\n{}",
        &r.out[..r.out.len().min(400)]
    );
    // The note's bar is gone; the quote stays.
    assert!(r.out.contains(
        "\n“Het risico is dat je als gebruiker de controle over jouw persoonsgegevens\nverliest.”\n"
    ));
    // First page: no way back, so "b" is not offered.
    assert!(
        r.out.ends_with("\n\nn verder · s bronnen · q stoppen\n> "),
        "{}",
        r.out
    );
}

#[test]
fn plain_mode_counts_down_and_knows_when_the_deadline_passed() {
    let r = plain("en", BEFORE, "n\nn\nq\n");
    assert!(r.out.contains("\n6 days and 12 hours left.\n"));
    assert!(r.out.contains("Object before 27 May 2025."));
    let r = plain("nl", AFTER, "3\nn\nn\nq\n");
    assert!(
        r.out
            .contains("\nDe deadline was vóór 27 mei 2025. Dat is ruim een jaar geleden.\n")
    );
    assert!(r.out.contains("Je kunt nog steeds bezwaar maken."));
    assert!(!r.out.contains("Maak dus bezwaar vóór de deadline."));
}

#[test]
fn back_goes_back_and_the_ends_say_so() {
    let r = plain("nl", BEFORE, "n\nb\nb\nq\n");
    assert_eq!(r.code, Some(0));
    assert_eq!(
        page_titles(&r.out),
        [
            nl_title(1, "Waarom"),
            nl_title(2, "Welke gegevens"),
            nl_title(1, "Waarom"),
        ]
    );
    assert!(
        r.out
            .contains("\nDit is de eerste stap.\nn verder · s bronnen · q stoppen\n> ")
    );
    // The words work as well as the letters, in either language.
    let r = plain("en", BEFORE, "next\nNEXT\nterug\nback\nquit\n");
    assert_eq!(
        page_titles(&r.out),
        [
            en_title(1, "Why"),
            en_title(2, "Which data"),
            en_title(3, "Deadline"),
            en_title(2, "Which data"),
            en_title(1, "Why"),
        ]
    );
    // n on every page, the last one too.
    let r = plain("en", BEFORE, &format!("{}q\n", "n\n".repeat(pages())));
    assert_eq!(page_titles(&r.out).len(), pages());
    assert!(
        r.out
            .contains("\nThis is the last step.\n1 choose\nb back · s sources · q quit\n> ")
    );
}

#[test]
fn the_log_in_page_numbers_its_links_and_a_number_gives_the_full_address() {
    let r = plain("nl", BEFORE, "n\nn\nn\n5\n6\nq\n");
    assert_eq!(r.code, Some(0));
    // The choices come first on the page, so the links are 5 and 6.
    assert!(r.out.contains(&format!(
        "\n[5] Open het Facebook-formulier\n    {FACEBOOK}\n\n[6] Open het Instagram-formulier\n    {INSTAGRAM}\n"
    )));
    assert!(r.out.contains(
        "\n1–4 kiezen · 5 Open het Facebook-formulier · 6 Open het Instagram-formulier\nn verder · b terug · s bronnen · q stoppen\n> "
    ));
    assert!(r.out.contains(&format!(
        "\nOpen het Facebook-formulier\nOpen dit adres in je browser:\n{FACEBOOK}\n"
    )));
    assert!(r.out.contains(&format!(
        "\nOpen het Instagram-formulier\nOpen dit adres in je browser:\n{INSTAGRAM}\n"
    )));
    // A link does not move the walk on.
    assert_eq!(page_titles(&r.out).len(), 4);
    // After a link, the walk goes on as before.
    let r = plain("nl", BEFORE, "n\nn\nn\n5\nn\nb\n6\nb\nq\n");
    assert_eq!(r.code, Some(0));
    assert_eq!(
        page_titles(&r.out),
        [
            nl_title(1, "Waarom"),
            nl_title(2, "Welke gegevens"),
            nl_title(3, "Deadline"),
            nl_title(4, "Inloggen"),
            nl_title(5, "Invullen"),
            nl_title(4, "Inloggen"),
            nl_title(3, "Deadline"),
        ]
    );
    assert_eq!(r.out.matches("Open dit adres in je browser:").count(), 2);

    let r = plain("en", BEFORE, "n\nn\nn\n6\nq\n");
    assert!(r.out.contains(&format!(
        "\nOpen the Instagram form\nOpen this address in your browser:\n{INSTAGRAM}\n"
    )));
}

#[test]
fn s_shows_the_sources_of_the_page_first_then_all_and_the_check_date() {
    let r = plain("nl", AFTER, "n\nn\ns\nq\n");
    let at = r
        .out
        .find("Waar de stap ‘Deadline’ op steunt:")
        .expect("the page's sources");
    let all = r
        .out
        .find("Alle bronnen van deze uitleg:")
        .expect("all sources");
    assert!(at < all);
    assert!(r.out[all..].contains("Gecontroleerd op 2 december 2026."));
    // The prompt offers it, with the other letters.
    assert!(
        r.out
            .contains("n verder · b terug · s bronnen · q stoppen\n> ")
    );
}

#[test]
fn old_content_says_so_on_the_first_page_in_plain_mode() {
    // The script was checked on 2 December 2026: 180 days later it is not old yet, 181 it is.
    let fresh = plain("nl", "2027-05-31T12:00:00+02:00", "q\n");
    assert!(!fresh.out.contains("Kijk of het nog klopt."));
    let old = plain("nl", "2027-06-01T12:00:00+02:00", "q\n");
    assert!(
        old.out.contains(&format!(
            "\n{}\n\n! Deze uitleg is voor het laatst gecontroleerd op 2 december 2026. Kijk of het\n  nog klopt.\n",
            nl_title(1, "Waarom")
        )),
        "{}",
        old.out
    );
}

#[test]
fn q_and_the_end_of_input_end_cleanly() {
    for input in ["q\n", "Q", "stoppen\n", "", "n\n", "n\nn\nn\n1"] {
        let r = plain("nl", BEFORE, input);
        assert_eq!(r.code, Some(0), "input {input:?}: {}", r.err);
        assert!(r.err.is_empty(), "input {input:?}: {}", r.err);
        assert!(r.out.ends_with(" · q stoppen\n> "), "input {input:?}");
    }
}

#[test]
fn the_whole_walk_has_no_escape_bytes_in_either_language() {
    // run_with checks every output for control and box-drawing characters.
    let input = "n\nn\nn\n5\n6\n9\nn\nn\nn\nb\nb\nb\nb\nb\nb\nq\n";
    for lang in ["nl", "en", "de"] {
        for now in [BEFORE, AFTER] {
            let r = plain(lang, now, input);
            assert_eq!(r.code, Some(0));
            assert_eq!(page_titles(&r.out).len(), 13);
        }
    }
}
