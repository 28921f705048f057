//! Semantic problems in a script that parses, each located at the offending item and shown
//! one per line, in document order.

use super::*;

#[test]
fn minimal_script_is_valid() {
    let s = script::parse("t.ron", &minimal()).expect("the minimal script is valid");
    assert_eq!(ids(&s), ["start", "end"]);
    assert_eq!(s.title.get(Lang::En), "Objection");
    assert_eq!(s.reviewed.to_string(), "2026-11-23");
    assert_eq!(
        s.deadline.unwrap().to_rfc3339(),
        "2025-05-27T00:00:00+02:00"
    );
}

#[test]
fn duplicate_page_id_points_at_the_second_id() {
    let e = error_of(&minimal_with(r#"id: "end""#, r#"id: "start""#));
    assert_eq!(e.problems.len(), 1);
    let p = &e.problems[0];
    assert_eq!(p.file, "t.ron");
    assert_eq!(p.at, Some(Pos { line: 15, col: 17 }));
    assert_eq!(p.message, r#"duplicate page id "start" (first at line 7)"#);
    assert_eq!(
        e.to_string(),
        r#"t.ron:15:17: duplicate page id "start" (first at line 7)"#
    );
}

#[test]
fn plain_http_link_points_at_the_url() {
    assert_eq!(
        only_line(&minimal_with(
            "https://example.org/form",
            "http://example.org/form"
        )),
        r#"t.ron:11:60: page 1 ("start") block 2 link must start with https:// (found "http://example.org/form")"#
    );
}

#[test]
fn empty_text_points_at_the_empty_string() {
    assert_eq!(
        only_line(&minimal_with(r#""Hallo""#, r#""""#)),
        r#"t.ron:10:27: page 1 ("start") block 1, Nederlands (nl) is empty"#
    );
    // Only spaces counts as empty too.
    assert_eq!(
        only_line(&minimal_with(r#""Done""#, r#""   ""#)),
        r#"t.ron:17:54: page 2 ("end") block 2, English (en) is empty"#
    );
}

#[test]
fn missing_translation_points_at_the_text() {
    // A paragraph with Dutch only: located at its Dutch string.
    assert_eq!(
        only_line(&minimal_with(
            r#"(nl: "Hallo", en: "Hello", cites: ["s"])"#,
            r#"(nl: "Hallo", cites: ["s"])"#
        )),
        r#"t.ron:10:27: page 1 ("start") block 1 has no English (en) translation"#
    );
    // A page title with English only: located at its English string.
    assert_eq!(
        only_line(&minimal_with(
            r#"(nl: "Einde", en: "End")"#,
            r#"(en: "End")"#
        )),
        r#"t.ron:16:25: page 2 ("end") title has no Nederlands (nl) translation"#
    );
    // A page title with neither: both reported, located at the page id.
    assert_eq!(
        lines_of(&minimal_with(r#"(nl: "Einde", en: "End")"#, "()")),
        [
            r#"t.ron:15:17: page 2 ("end") title has no Nederlands (nl) translation"#,
            r#"t.ron:15:17: page 2 ("end") title has no English (en) translation"#,
        ]
    );
}

#[test]
fn control_characters_are_refused_where_they_are_written() {
    for (escape, named) in [
        (r"\u{1b}[2J", "U+001B (ESC)"),
        (r"\u{7}", "U+0007 (BEL)"),
        (r"\u{9b}", "U+009B (C1 control)"),
        (r"\u{202e}", "U+202E (bidi override)"),
    ] {
        let src = minimal_with(r#""Hello""#, &format!(r#""Hel{escape}lo""#));
        // The script holds the escape as text, not the character itself.
        assert!(src.contains(escape) && src.is_ascii(), "{src}");
        assert_eq!(
            only_line(&src),
            format!(
                r#"t.ron:10:40: page 1 ("start") block 1, English (en) contains the control character {named}; text may not steer the terminal"#
            ),
            "for {escape}"
        );
    }
}

#[test]
fn messages_never_echo_control_characters() {
    // An ESC in a page id and in a url: quoted values are shown with U+FFFD instead, so the
    // message itself cannot steer the terminal it is printed on.
    let src = with(
        &minimal_with(r#""start""#, r#""a\u{1b}[2J""#),
        "https://example.org/form",
        r"http://x\u{1b}[2J",
    );
    let lines = lines_of(&src);
    assert_eq!(
        lines,
        [
            "t.ron:7:17: page 1 id contains the control character U+001B (ESC); text may not steer the terminal",
            "t.ron:11:60: page 1 (\"a\u{FFFD}[2J\") block 2 link contains the control character U+001B (ESC); text may not steer the terminal",
            "t.ron:11:60: page 1 (\"a\u{FFFD}[2J\") block 2 link must start with https:// (found \"http://x\u{FFFD}[2J\")",
        ]
    );
    assert!(lines.iter().all(|l| !l.contains('\u{1b}')));
}

#[test]
fn deadline_that_does_not_parse() {
    assert_eq!(
        only_line(&minimal_with("2025-05-27T00:00:00+02:00", "2025-05-27")),
        r#"t.ron:4:15: deadline "2025-05-27" is not an RFC 3339 time like 2025-05-27T00:00:00+02:00 (premature end of input)"#
    );
    assert_eq!(
        only_line(&minimal_with(
            "2025-05-27T00:00:00+02:00",
            "2025-13-27T00:00:00+02:00"
        )),
        r#"t.ron:4:15: deadline "2025-13-27T00:00:00+02:00" is not an RFC 3339 time like 2025-05-27T00:00:00+02:00 (input is out of range)"#
    );
}

#[test]
fn reviewed_that_is_not_a_date() {
    assert_eq!(
        only_line(&minimal_with("2026-11-23", "23-11-2026")),
        r#"t.ron:3:15: reviewed "23-11-2026" is not a date like 2026-11-23"#
    );
    assert_eq!(
        only_line(&minimal_with("2026-11-23", "2026-02-30")),
        r#"t.ron:3:15: reviewed "2026-02-30" is not a date like 2026-11-23"#
    );
}

#[test]
fn script_without_pages() {
    let src = "Script(\n    title: (nl: \"a\", en: \"b\"),\n    reviewed: \"2026-11-23\",\n    deadline: \"2025-05-27T00:00:00+02:00\",\n    pages: [],\n)\n";
    assert_eq!(only_line(src), "t.ron:1:1: the script has no pages");
}

#[test]
fn several_problems_are_all_reported_in_document_order() {
    let mut src = minimal_with("2026-11-23", "morgen");
    src = with(&src, "https://", "http://");
    src = with(&src, r#"id: "end""#, r#"id: "start""#);
    src = with(&src, r#""Klaar""#, r#""""#);
    assert_eq!(
        lines_of(&src),
        [
            r#"t.ron:3:15: reviewed "morgen" is not a date like 2026-11-23"#,
            r#"t.ron:11:60: page 1 ("start") block 2 link must start with https:// (found "http://example.org/form")"#,
            r#"t.ron:15:17: duplicate page id "start" (first at line 7)"#,
            r#"t.ron:17:41: page 2 ("start") block 2, Nederlands (nl) is empty"#,
        ]
    );
}

#[test]
fn columns_count_characters_not_bytes() {
    // Editors count "Één" as three columns; so do the messages, from the validator and from ron.
    assert_eq!(
        only_line(&minimal_with(
            r#"(nl: "Hallo", en: "Hello", cites: ["s"])"#,
            r#"(nl: "Één", en: "", cites: ["s"])"#
        )),
        r#"t.ron:10:38: page 1 ("start") block 1, English (en) is empty"#
    );
    assert_eq!(
        only_line(&minimal_with(
            r#"(nl: "Hallo", en: "Hello", cites: ["s"])"#,
            r#"(nl: "Één" % en: "Hi")"#
        )),
        "t.ron:10:33: Expected comma"
    );
}

#[test]
fn strings_in_comments_and_raw_strings_do_not_shift_positions() {
    // Quotes inside a comment and a raw string holding a quote, both before the empty text.
    let src = with(
        &minimal_with(r#"Para((nl: "Hallo""#, r##"Para((nl: r#"Ha"llo"#"##),
        "    pages: [",
        "    // a \"quoted\" comment /* \"and\" */\n    pages: [ /* \"block\" */",
    );
    let src = with(&src, r#""Done""#, r#""""#);
    assert_eq!(
        only_line(&src),
        r#"t.ron:18:54: page 2 ("end") block 2, English (en) is empty"#
    );
}

/// Fails today: the validator checks fields in schema order (nl before en, label before url,
/// title before reviewed), not in the order the file writes them.
#[test]
fn problems_follow_document_order_when_fields_are_written_in_another_order() {
    let src = minimal_with(
        r#"(nl: "Hallo", en: "Hello", cites: ["s"])"#,
        r#"(en: "", nl: "", cites: ["s"])"#,
    );
    assert_eq!(
        lines_of(&src),
        [
            r#"t.ron:10:27: page 1 ("start") block 1, English (en) is empty"#,
            r#"t.ron:10:35: page 1 ("start") block 1, Nederlands (nl) is empty"#,
        ]
    );
}
