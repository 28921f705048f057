//! Sources and cites: a text that states a fact cites a known source, source ids are unique,
//! and content is stale 180 days after it was last checked.

use super::*;

#[test]
fn a_cite_of_an_unknown_source_points_at_the_cite() {
    assert_eq!(
        only_line(&minimal_with(
            r#"en: "Done", cites: ["s"]"#,
            r#"en: "Done", cites: ["bron-die-er-niet-is"]"#
        )),
        r#"t.ron:17:70: page 2 ("end") block 2 cites "bron-die-er-niet-is", which is not the id of any of the script's sources"#
    );
    // Among several, only the unknown one; and the same one twice is reported too.
    assert_eq!(
        lines_of(&minimal_with(
            r#"en: "Done", cites: ["s"]"#,
            r#"en: "Done", cites: ["s", "x", "s"]"#
        )),
        [
            r#"t.ron:17:75: page 2 ("end") block 2 cites "x", which is not the id of any of the script's sources"#,
            r#"t.ron:17:80: page 2 ("end") block 2 cites "s" twice"#,
        ]
    );
}

#[test]
fn a_text_that_states_a_fact_and_cites_nothing_is_reported_at_the_text() {
    let expected = |at: &str, what: &str| {
        format!(
            "t.ron:{at}: {what} states a fact but cites no source: add cites: [\"…\"] with a source id (an instruction such as \"press Send\" is a Do block, which needs none)"
        )
    };
    assert_eq!(
        only_line(&minimal_with(r#", cites: ["s"])),"#, ")),")),
        expected("10:27", r#"page 1 ("start") block 1"#)
    );
    // An empty list cites nothing either.
    assert_eq!(
        only_line(&minimal_with(
            r#"en: "Done", cites: ["s"]"#,
            r#"en: "Done", cites: []"#
        )),
        expected("17:41", r#"page 2 ("end") block 2"#)
    );
    // Every kind of block that states a fact, each item of a list on its own.
    for (block, what) in [
        ("Note", "block 1"),
        ("If(Before, Para", "block 1"),
        ("If(After, Note", "block 1"),
        ("If(Not(Before), Para", "block 1"),
        ("If(Not(After), Note", "block 1"),
        ("Bullets([", "block 1 item 2"),
    ] {
        let text = if block.starts_with("If(") {
            format!(r#"{block}((nl: "Hallo", en: "Hello")))"#)
        } else if block.ends_with('[') {
            format!(r#"{block}(nl: "a", en: "a", cites: ["s"]), (nl: "Hallo", en: "Hello")])"#)
        } else {
            format!(r#"{block}((nl: "Hallo", en: "Hello"))"#)
        };
        let src = minimal_with(r#"Para((nl: "Hallo", en: "Hello", cites: ["s"]))"#, &text);
        let col = 1 + src.lines().nth(9).unwrap().find(r#""Hallo""#).unwrap();
        assert_eq!(
            only_line(&src),
            expected(&format!("10:{col}"), &format!(r#"page 1 ("start") {what}"#)),
            "{block}"
        );
    }
}

#[test]
fn instructions_headings_labels_and_reasons_need_no_cite_but_any_cite_is_checked() {
    let para = r#"Para((nl: "Hallo", en: "Hello", cites: ["s"]))"#;
    let body = r#"Do((nl: "Druk", en: "Press")), Heading((nl: "Kop", en: "Head")), Reasons([(nl: "Omdat", en: "Because")])"#;
    // None of them cites anything; nor do the link label on line 11 and the page titles.
    script::parse("t.ron", &minimal_with(para, body)).expect("no cite needed");
    // A cite there must still name a source.
    let cited = body.replace(r#"en: "Press")"#, r#"en: "Press", cites: ["nee"])"#);
    assert_eq!(
        only_line(&minimal_with(para, &cited)),
        r#"t.ron:10:54: page 1 ("start") block 1 cites "nee", which is not the id of any of the script's sources"#
    );
}

#[test]
fn a_duplicate_source_id_points_at_the_second() {
    let src = minimal_with(
        r#"sources: [Source(id: "s", title: "Een bron", publisher: "Uitgever", date: "mei 2025")],"#,
        "sources: [\n        Source(id: \"s\", title: \"Een bron\"),\n        Source(id: \"s\", title: \"Nog een\", url: \"http://example.org\"),\n    ],",
    );
    assert_eq!(
        lines_of(&src),
        [
            r#"t.ron:22:20: duplicate source id "s" (first at line 21)"#,
            r#"t.ron:22:48: source 2 ("s") url must start with https:// (found "http://example.org")"#,
        ]
    );
    // An empty title or publisher is reported like any empty text.
    assert_eq!(
        only_line(&minimal_with(
            r#"publisher: "Uitgever""#,
            r#"publisher: " ""#
        )),
        r#"t.ron:20:61: source 1 ("s") publisher is empty"#
    );
}

#[test]
fn a_page_lists_its_sources_in_the_order_it_first_cites_them() {
    let s = script::embedded().unwrap();
    let page = |id: &str| s.pages.iter().find(|p| p.id.as_str() == id).unwrap();
    assert_eq!(
        page("deadline").cites(),
        [
            "ap-security",
            "iphoned",
            "hartvannederland",
            "meta-email-graphene",
            "skytg24"
        ]
    );
    assert_eq!(
        page("invullen").cites(),
        ["iphoned", "hartvannederland", "vz-upday", "goodwin"]
    );
    // Every id a page cites is a source of the script, with a title.
    for p in &s.pages {
        for id in p.cites() {
            let source = s.source(id).unwrap_or_else(|| panic!("{id}"));
            assert!(!source.title.as_str().is_empty());
        }
    }
    assert!(s.source("nope").is_none());
    let form = s.source("facebook-form").unwrap();
    assert_eq!(
        form.url.as_ref().map(|u| u.as_str()),
        Some("https://www.facebook.com/help/contact/712876720715583")
    );
}

#[test]
fn content_is_stale_more_than_180_days_after_it_was_checked() {
    let s = script::embedded().unwrap();
    assert_eq!(s.reviewed.to_string(), "2026-12-02");
    let at = |t: &str| chrono::DateTime::parse_from_rfc3339(t).unwrap().to_utc();
    assert!(!s.is_stale(at("2026-12-02T00:00:00+01:00")));
    assert!(!s.is_stale(at(LAST_FRESH)));
    assert_eq!(s.days_since_review(at(LAST_FRESH)), 180);
    assert!(s.is_stale(at(FIRST_STALE)));
    assert_eq!(s.days_since_review(at(FIRST_STALE)), 181);
}
