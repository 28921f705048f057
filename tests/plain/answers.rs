//! Numbers that choose, fill in and tick as keys do on screen, and the progress plain mode
//! keeps like the full screen.

use super::*;

#[test]
fn numbers_choose_fill_in_and_tick_as_keys_do_on_screen() {
    let input = "n\nn\nn\n1\nn\n1\noma@voorbeeld.nl\n5\nIk wil dit niet.\u{1b}[2J\u{7}\nn\n2\nq\n";
    let r = plain("nl", BEFORE, input);
    assert_eq!(r.code, Some(0), "{}", r.err);
    // Choosing Facebook prints the page again, with the choice made and only its form.
    assert!(r.out.contains("\n[1] (•) Facebook\n[2] ( ) Instagram\n"));
    assert!(
        r.out
            .contains("\n1–4 kiezen · 5 Open het Facebook-formulier\n")
    );
    // The email field: its number, then a line to type in.
    assert!(
        r.out
            .contains("\n[1] (nog leeg: kies het nummer om te typen)\n")
    );
    assert!(r.out.contains(&format!(
        "\nTyp je e-mailadres en druk op Enter:\n\n{}\n",
        nl_title(5, "Invullen")
    )));
    assert!(
        r.out
            .contains("\n[1] oma@voorbeeld.nl\n  ✓ Dit ziet eruit als een e-mailadres.\n")
    );
    // An own reason, its control characters dropped (run_with checks the bytes).
    assert!(r.out.contains("\nTyp je reden en druk op Enter:\n"));
    assert!(
        r.out
            .contains("\n[5] (•) Zelf een reden schrijven\n        Ik wil dit niet.[2J\n")
    );
    // The send page asks only about Facebook's form, "not yet" marked; 2 says yes.
    assert!(r.out.contains(
        "\nHeb je het Facebook-formulier verstuurd?\n[1] (•) Nog niet\n[2] ( ) Ja, verstuurd\n\n"
    ));
    assert!(
        r.out
            .contains("\n[1] ( ) Nog niet\n[2] (•) Ja, verstuurd op 20 mei 2025 om ")
    );
    assert_eq!(page_titles(&r.out).len(), 10);
}

#[test]
fn items_with_numbers_still_fit_the_width() {
    let r = run_with(
        &["--plain", "--lang", "nl", "--now", BEFORE],
        "n\nn\nn\n3\nn\nn\nq\n",
        &[("COLUMNS", "40")],
    );
    assert_eq!(r.code, Some(0));
    assert!(r.out.contains("\n[3] (•) Allebei\n"));
    assert_fits(&r.out, 40);
}

#[test]
fn a_field_chosen_again_takes_the_new_line_in_place_of_the_old() {
    let input = "n\nn\nn\n1\nn\n1\nopa@voorbeeld\n1\noma@voorbeeld.nl\nq\n";
    let r = plain("nl", BEFORE, input);
    assert_eq!(r.code, Some(0), "{}", r.err);
    assert!(r.out.contains("\n[1] opa@voorbeeld\n"));
    let last = r.out.rsplit(&stap(5)).next().unwrap();
    assert!(last.contains("\n[1] oma@voorbeeld.nl\n"), "{last}");
    assert!(!last.contains("opa@"));
}

#[test]
fn plain_mode_keeps_progress_like_the_full_screen_and_welcomes_back() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("meta-ai.ron");
    let state_s = state.parent().unwrap().to_str().unwrap();
    let args = [
        "--plain", "--lang", "nl", "--now", AFTER, "--state", state_s,
    ];
    // On to the log-in page, Facebook (the first answer), then stop.
    let r = run(&args, "n\nn\nn\n1\nq\n");
    assert_eq!(r.code, Some(0), "{}", r.err);
    let saved = std::fs::read_to_string(&state).unwrap();
    assert!(
        saved.contains("inloggen") && saved.contains("facebook"),
        "{saved}"
    );
    // Back again: welcome back, on the same page with the same answer.
    let r = run(&args, "1\nq\n");
    assert!(
        r.out.contains(
            "Welkom terug! Je was bij stap 4: Inloggen.\n[1] Verder waar je was\n[2] Opnieuw beginnen\n> "
        ),
        "{}",
        r.out
    );
    assert_eq!(page_titles(&r.out), [nl_title(4, "Inloggen")]);
    assert!(r.out.contains("\n[1] (•) Facebook\n"), "{}", r.out);
    // Starting over asks first, and keeps the old file aside.
    let r = run(&args, "2\n2\nq\n");
    assert!(r.out.contains("Weet je het zeker?"), "{}", r.out);
    assert_eq!(page_titles(&r.out), [nl_title(1, "Waarom")]);
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().any(|n| n.starts_with("meta-ai.ron.old-")),
        "{names:?}"
    );
}

#[test]
fn plain_mode_promises_no_copy_it_cannot_make() {
    let r = plain("nl", AFTER, "n\nn\nn\n1\nn\n");
    assert_eq!(
        page_titles(&r.out).last().copied(),
        Some(nl_title(5, "Invullen").as_str())
    );
    assert!(
        r.out.contains("Het staat hier alleen om na te"),
        "{}",
        r.out
    );
    assert!(
        !r.out.contains("kopi"),
        "no copying offered in plain mode:\n{}",
        r.out
    );
}
