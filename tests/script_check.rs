//! Integration tests for loading and checking walkthrough scripts: semantic problems located at
//! the offending item, malformed files that never panic, the `bezwaar check` command, and pages
//! that come from the script alone.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use bezwaar::script::{self, MAX_SCRIPT_BYTES, Pos, Script, ScriptError};
use bezwaar::text::Lang;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// A minimal valid script. Line numbers matter: the tests below point into it.
///
/// ```text
///  3: reviewed, its string at column 15
///  4: deadline, its string at column 15
///  7: id of page 1 ("start"), string at column 17
/// 10: Para of page 1: nl string at column 27, en string at column 40
/// 11: Link of page 1: url string at column 60
/// 15: id of page 2 ("end"), string at column 17
/// 16: title of page 2: nl string at column 25
/// 17: Note of page 2: nl string at column 41, its cite at column 70
/// 20: the source "s", its id at column 26
/// ```
///
/// Both texts that state a fact (line 10 and 17) cite the one source, at the end of the line.
fn minimal() -> String {
    [
        r#"Script("#,
        r#"    title: (nl: "Bezwaar", en: "Objection"),"#,
        r#"    reviewed: "2026-11-23","#,
        r#"    deadline: "2025-05-27T00:00:00+02:00","#,
        r#"    pages: ["#,
        r#"        Page("#,
        r#"            id: "start","#,
        r#"            title: (nl: "Begin", en: "Start"),"#,
        r#"            body: ["#,
        r#"                Para((nl: "Hallo", en: "Hello", cites: ["s"])),"#,
        r#"                Link(label: (nl: "Open", en: "Open"), url: "https://example.org/form"),"#,
        r#"            ],"#,
        r#"        ),"#,
        r#"        Page("#,
        r#"            id: "end","#,
        r#"            title: (nl: "Einde", en: "End"),"#,
        r#"            body: [Countdown, Note((nl: "Klaar", en: "Done", cites: ["s"]))],"#,
        r#"        ),"#,
        r#"    ],"#,
        r#"    sources: [Source(id: "s", title: "Een bron", publisher: "Uitgever", date: "mei 2025")],"#,
        r#")"#,
        r#""#,
    ]
    .join("\n")
}

/// `src` with `from` replaced by `to`; `from` must occur exactly once, so a test never checks
/// an unchanged script by accident.
fn with(src: &str, from: &str, to: &str) -> String {
    assert_eq!(
        src.matches(from).count(),
        1,
        "{from:?} must occur exactly once in the script"
    );
    src.replacen(from, to, 1)
}

/// The minimal script with one edit.
fn minimal_with(from: &str, to: &str) -> String {
    with(&minimal(), from, to)
}

/// Parses `src` as `t.ron`, expects it to fail, and returns the error.
fn error_of(src: &str) -> ScriptError {
    match script::parse("t.ron", src) {
        Ok(s) => panic!(
            "expected problems, but the script loaded with {} pages",
            s.pages.len()
        ),
        Err(e) => e,
    }
}

/// The lines a person sees for `src`, one per problem (checked against the problem list).
fn lines_of(src: &str) -> Vec<String> {
    let e = error_of(src);
    let shown = e.to_string();
    let lines: Vec<String> = shown.lines().map(str::to_owned).collect();
    assert_eq!(
        lines.len(),
        e.problems.len(),
        "each problem on its own line:\n{shown}"
    );
    for (line, p) in lines.iter().zip(&e.problems) {
        assert_eq!(line, &p.to_string());
    }
    lines
}

/// The single line a person sees for `src`.
fn only_line(src: &str) -> String {
    let lines = lines_of(src);
    assert_eq!(lines.len(), 1, "expected one problem, got {lines:#?}");
    lines.into_iter().next().unwrap()
}

fn load_err(path: &Path) -> String {
    match script::load(path) {
        Ok(s) => panic!(
            "{} loaded with {} pages, expected an error",
            path.display(),
            s.pages.len()
        ),
        Err(e) => e.to_string(),
    }
}

fn bytes_err(bytes: &[u8]) -> String {
    match script::parse_bytes("t.ron", bytes) {
        Ok(_) => panic!("expected an error for {bytes:?}"),
        Err(e) => e.to_string(),
    }
}

fn ids(s: &Script) -> Vec<&str> {
    s.pages.iter().map(|p| p.id.as_str()).collect()
}

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the real binary in `dir`, with no terminal attached.
fn bezwaar(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bezwaar"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .expect("the bezwaar binary runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).expect("output is UTF-8")
}

/// A syntax error: the `)` closing the title text on line 2 is missing, so ron stops at
/// `reviewed` on line 3.
const BROKEN: &str = "Script(\n  title: (nl: \"a\", en: \"b\",\n  reviewed: \"2026-11-23\",\n)\n";
const BROKEN_MESSAGE: &str = "3:3: `reviewed` is not a language (such as nl, en, de) nor `cites`; is the `)` that ends the text missing before it?";

// ---------------------------------------------------------------------------------------------
// 1. Semantic problems, located at the offending item
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// 1b. Sources and cites
// ---------------------------------------------------------------------------------------------

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

/// 180 days after the built-in script's `reviewed` date (2026-12-02), late in the evening in
/// the deadline's time zone: not stale yet. And the next day, just after midnight: stale.
const LAST_FRESH: &str = "2027-05-31T23:30:00+02:00";
const FIRST_STALE: &str = "2027-06-01T00:30:00+02:00";

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

// ---------------------------------------------------------------------------------------------
// 2. Malformed files: a clear message, never a panic
// ---------------------------------------------------------------------------------------------

/// Writes `bytes` to `name` in a fresh temporary folder.
fn temp_file(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("write the script");
    (dir, path)
}

#[test]
fn syntax_error_missing_paren_is_located() {
    let src = minimal_with(
        r#"Para((nl: "Hallo", en: "Hello", cites: ["s"])),"#,
        r#"Para((nl: "Hallo", en: "Hello", cites: ["s"]),"#,
    );
    let (_dir, path) = temp_file("paren.ron", src.as_bytes());
    assert_eq!(
        load_err(&path),
        format!("{}:10:63: Expected closing `)`", path.display())
    );
}

#[test]
fn syntax_error_stray_character_is_located() {
    let src = minimal_with("    reviewed", "  % reviewed");
    let (_dir, path) = temp_file("stray.ron", src.as_bytes());
    assert_eq!(
        load_err(&path),
        format!("{}:3:3: Expected identifier", path.display())
    );
}

#[test]
fn syntax_error_unclosed_text_is_located() {
    let (_dir, path) = temp_file("broken.ron", BROKEN.as_bytes());
    assert_eq!(
        load_err(&path),
        format!("{}:{BROKEN_MESSAGE}", path.display())
    );
}

#[test]
fn misspelt_field_is_named() {
    assert_eq!(
        only_line(&minimal_with("    reviewed", "    revieewd")),
        "t.ron:3:5: Unexpected field named `revieewd` in `Script`, expected one of `languages`, `title`, `offer`, `order`, `choices`, `reviewed`, `deadline`, `pages`, or `sources` instead"
    );
}

#[test]
fn truncated_file_ends_too_early() {
    let src = minimal();
    let cut = src.strip_suffix(")\n").unwrap();
    assert_eq!(
        only_line(cut),
        "t.ron:20:92: the file ends too early: a closing bracket or quote is missing"
    );
    assert_eq!(
        only_line("Script("),
        "t.ron:1:7: the file ends too early: a closing bracket or quote is missing"
    );
}

#[test]
fn non_utf8_file() {
    let (_dir, path) = temp_file("latin1.ron", b"Script(\xff\xfe");
    assert_eq!(
        load_err(&path),
        format!(
            "{}:1:8: this is not a text file (not valid UTF-8); a script is plain text in RON",
            path.display()
        )
    );
    // Located after the valid text before it, in characters.
    assert_eq!(
        bytes_err(b"Script(\n  title: \"\xc3\xa9\xff\""),
        "t.ron:2:12: this is not a text file (not valid UTF-8); a script is plain text in RON"
    );
}

#[test]
fn binary_file_with_nul_bytes() {
    let (_dir, path) = temp_file("binary.ron", b"Script(\n  ti\0tle\0\0\x01\x02");
    assert_eq!(
        load_err(&path),
        format!(
            "{}:2:5: this looks like a binary file (it holds a NUL byte); a script is plain text in RON",
            path.display()
        )
    );
}

#[test]
fn empty_file() {
    let (_dir, path) = temp_file("empty.ron", b"");
    assert_eq!(
        load_err(&path),
        format!(
            "{}:1:1: the file is empty; a script starts with `Script(`",
            path.display()
        )
    );
}

#[test]
fn whitespace_only_file() {
    let (_dir, path) = temp_file("blank.ron", b"  \n\t\r\n   \n");
    assert_eq!(
        load_err(&path),
        format!(
            "{}:1:1: the file is empty; a script starts with `Script(`",
            path.display()
        )
    );
}

#[test]
fn directory_is_not_a_script() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        load_err(dir.path()),
        format!(
            "{}: this is a folder, not a script file",
            dir.path().display()
        )
    );
}

#[test]
fn missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nope.ron");
    assert_eq!(load_err(&path), format!("{}: no such file", path.display()));
}

#[test]
fn too_large_file() {
    let big = vec![b' '; MAX_SCRIPT_BYTES + 1];
    let (_dir, path) = temp_file("big.ron", &big);
    assert_eq!(
        load_err(&path),
        format!(
            "{}: the file is too large (1048577 bytes); a script is at most 1048576 bytes",
            path.display()
        )
    );
    assert_eq!(
        bytes_err(&big),
        "t.ron: the file is too large; a script is at most 1048576 bytes"
    );
}

#[test]
fn deep_nesting_is_refused_without_panic() {
    // 200 nested lists where page 1's first block belongs: refused at the first one.
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    let src = minimal_with(r#"Para((nl: "Hallo", en: "Hello", cites: ["s"]))"#, &deep);
    let (_dir, path) = temp_file("deep.ron", src.as_bytes());
    assert_eq!(
        load_err(&path),
        format!("{}:10:17: Expected identifier", path.display())
    );
    // 100 000 unclosed brackets do not overflow the stack.
    let many = minimal_with(
        r#"Para((nl: "Hallo", en: "Hello", cites: ["s"]))"#,
        &"[".repeat(100_000),
    );
    assert_eq!(only_line(&many), "t.ron:10:17: Expected identifier");
    // Nested Some(…) around a text string.
    let some = minimal_with(
        r#""Hallo""#,
        &format!("{}\"x\"{}", "Some(".repeat(200), ")".repeat(200)),
    );
    assert_eq!(only_line(&some), "t.ron:10:26: Expected string");
}

// ---------------------------------------------------------------------------------------------
// 3. The real binary
// ---------------------------------------------------------------------------------------------

/// `src` (made by `minimal`) with an address for its source.
fn with_url(src: &str) -> String {
    with(
        src,
        r#"date: "mei 2025")],"#,
        r#"date: "mei 2025", url: "https://example.org/bron")],"#,
    )
}

/// The warning for `minimal()`'s source, which has no url; `{file}` is the file's name.
const NO_URL: &str = "{file}: warning: source \"s\" (Een bron) has no url: add the https:// address \
                      where it can be read, so a reader can follow it.";

/// `bezwaar check`'s warnings for the sources of `script` that have no url, as `name` names it.
fn no_url_warnings(name: &str, script: &script::Script) -> String {
    script
        .sources
        .iter()
        .filter(|s| s.url.is_none())
        .map(|s| {
            format!(
                "{name}: warning: source \"{}\" ({}) has no url: add the https:// address where \
                 it can be read, so a reader can follow it.\n",
                s.id.as_str(),
                s.title.as_str()
            )
        })
        .collect()
}

/// Every built-in walkthrough, as `check` names it, in the order it checks them.
fn built_in() -> Vec<(String, script::Script)> {
    script::BUILT_IN
        .iter()
        .map(|(id, src)| {
            let name = script::built_in_name(id);
            let s = script::parse(&name, src).expect("a built-in script is valid");
            (format!("{name} (built in)"), s)
        })
        .collect()
}

#[test]
fn check_without_file_checks_every_built_in_script() {
    let dir = tempfile::tempdir().unwrap();
    let out = bezwaar(dir.path(), &["check", "--now", LAST_FRESH]);
    let all = built_in();
    assert!(all.len() >= 2, "Meta and LinkedIn");
    // Only the sources without an address are warned about.
    assert_eq!(
        text(&out.stderr),
        all.iter()
            .map(|(name, s)| no_url_warnings(name, s))
            .collect::<String>()
    );
    assert_eq!(
        text(&out.stdout),
        all.iter()
            .map(|(name, s)| format!("{name}: ok ({} pages)\n", s.pages.len()))
            .collect::<String>()
    );
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn check_accepts_the_shipped_file() {
    let pages = script::load(&manifest_dir().join("data/meta-ai.ron"))
        .expect("the shipped script is valid")
        .pages
        .len();
    let out = bezwaar(
        &manifest_dir(),
        &["check", "data/meta-ai.ron", "--now", LAST_FRESH],
    );
    assert_eq!(
        text(&out.stderr),
        no_url_warnings("data/meta-ai.ron", &script::embedded().unwrap())
    );
    assert_eq!(
        text(&out.stdout),
        format!("data/meta-ai.ron: ok ({pages} pages)\n")
    );
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn check_warns_about_stale_content_in_words_and_still_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let out = bezwaar(dir.path(), &["check", "--now", FIRST_STALE]);
    let all = built_in();
    assert_eq!(
        text(&out.stdout),
        all.iter()
            .map(|(name, s)| format!("{name}: ok ({} pages)\n", s.pages.len()))
            .collect::<String>()
    );
    // Meta's is warned about, in words (a day is a day where a script's deadline is set: at
    // this moment it may be a day earlier for another).
    let now = chrono::DateTime::parse_from_rfc3339(FIRST_STALE)
        .unwrap()
        .to_utc();
    assert!(
        all.iter()
            .any(|(name, s)| name.contains("meta-ai") && s.is_stale(now))
    );
    assert_eq!(
        text(&out.stderr),
        all.iter()
            .map(|(name, s)| {
                let stale = s.is_stale(now).then(|| {
                    format!(
                        "{name}: warning: the content was last checked on 2026-12-02, {} days \
                         ago. After 180 days it may no longer be true: check every fact \
                         against its sources, then set `reviewed` to the day you did.\n",
                        s.days_since_review(now)
                    )
                });
                stale.unwrap_or_default() + &no_url_warnings(name, s)
            })
            .collect::<String>()
    );
    assert_eq!(out.status.code(), Some(0));
    // A file of one's own: named in the warning; a bad one beside it still makes exit code 1.
    let (dir, _path) = temp_file("broken.ron", BROKEN.as_bytes());
    // (Its source has an address: the only warning is the one about its age.)
    std::fs::write(dir.path().join("old.ron"), with_url(&minimal())).unwrap();
    let out = bezwaar(
        dir.path(),
        &[
            "check",
            "old.ron",
            "broken.ron",
            "--now",
            "2027-06-01T12:00:00+02:00",
        ],
    );
    assert_eq!(
        text(&out.stderr),
        format!(
            "old.ron: warning: the content was last checked on 2026-11-23, 190 days ago. After \
             180 days it may no longer be true: check every fact against its sources, then set \
             `reviewed` to the day you did.\nbroken.ron:{BROKEN_MESSAGE}\n"
        )
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn check_reports_a_broken_file_located_and_exits_1() {
    let (dir, _path) = temp_file("broken.ron", BROKEN.as_bytes());
    let out = bezwaar(dir.path(), &["check", "broken.ron"]);
    assert_eq!(text(&out.stderr), format!("broken.ron:{BROKEN_MESSAGE}\n"));
    assert_eq!(text(&out.stdout), "");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn check_reports_every_problem_on_its_own_line() {
    let src = with(
        &minimal_with("2026-11-23", "morgen"),
        r#"id: "end""#,
        r#"id: "start""#,
    );
    let (dir, _path) = temp_file("two-problems.ron", src.as_bytes());
    let out = bezwaar(dir.path(), &["check", "two-problems.ron"]);
    assert_eq!(
        text(&out.stderr),
        "two-problems.ron:3:15: reviewed \"morgen\" is not a date like 2026-11-23\n\
         two-problems.ron:15:17: duplicate page id \"start\" (first at line 7)\n"
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn check_with_good_and_bad_file_reports_only_the_bad_one() {
    let (dir, _path) = temp_file("broken.ron", BROKEN.as_bytes());
    std::fs::write(dir.path().join("good.ron"), with_url(&minimal())).unwrap();
    for args in [
        ["check", "good.ron", "broken.ron"],
        ["check", "broken.ron", "good.ron"],
    ] {
        let out = bezwaar(dir.path(), &args);
        assert_eq!(
            text(&out.stderr),
            format!("broken.ron:{BROKEN_MESSAGE}\n"),
            "{args:?}"
        );
        assert_eq!(text(&out.stdout), "good.ron: ok (2 pages)\n", "{args:?}");
        assert_eq!(out.status.code(), Some(1), "{args:?}");
    }
}

#[test]
fn script_flag_with_broken_file_draws_nothing() {
    let (dir, _path) = temp_file("broken.ron", BROKEN.as_bytes());
    let out = bezwaar(dir.path(), &["--script", "broken.ron"]);
    assert_eq!(text(&out.stderr), format!("broken.ron:{BROKEN_MESSAGE}\n"));
    // No screen was drawn: not a single byte, so no escape sequences either.
    assert_eq!(out.stdout, b"");
    assert_eq!(out.status.code(), Some(1));
}

// ---------------------------------------------------------------------------------------------
// 4. Pages come from the script alone
// ---------------------------------------------------------------------------------------------

const THREE_PAGES: &str = "tests/scripts/three-pages.ron";

#[test]
fn three_page_script_passes_check() {
    let out = bezwaar(&manifest_dir(), &["check", THREE_PAGES]);
    assert_eq!(text(&out.stderr), "");
    assert_eq!(text(&out.stdout), format!("{THREE_PAGES}: ok (3 pages)\n"));
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn three_page_script_loads_its_pages_in_order() {
    let s = script::load(&manifest_dir().join(THREE_PAGES)).expect("the three-page script loads");
    assert_eq!(ids(&s), ["welkom", "formulier", "klaar"]);
    let titles: Vec<(&str, &str)> = s
        .pages
        .iter()
        .map(|p| (p.title.get(Lang::Nl), p.title.get(Lang::En)))
        .collect();
    assert_eq!(
        titles,
        [
            ("Welkom", "Welcome"),
            ("Het formulier", "The form"),
            ("Klaar", "Done"),
        ]
    );
    let links: Vec<(usize, &str, &str)> = s
        .pages
        .iter()
        .enumerate()
        .flat_map(|(n, p)| p.links().map(move |l| (n, l.label.get(Lang::En), l.url)))
        .collect();
    assert_eq!(
        links,
        [(1, "Open the example", "https://example.org/bezwaar")]
    );
    assert_eq!(s.title.get(Lang::Nl), "Proefrit");
    assert_eq!(
        s.deadline.unwrap().to_rfc3339(),
        "2030-01-01T12:00:00+01:00"
    );
}

#[test]
fn pages_can_be_added_removed_and_reordered() {
    fn page(id: &str) -> String {
        format!(
            "        Page(id: \"{id}\", title: (nl: \"T {id}\", en: \"T {id}\"), body: [Para((nl: \"{id}\", en: \"{id}\", cites: [\"bron\"]))]),\n"
        )
    }
    fn script_of(order: &[&str]) -> String {
        let pages: String = order.iter().map(|id| page(id)).collect();
        format!(
            "Script(\n    title: (nl: \"a\", en: \"b\"),\n    reviewed: \"2026-11-23\",\n    deadline: \"2025-05-27T00:00:00+02:00\",\n    pages: [\n{pages}    ],\n    sources: [Source(id: \"bron\", title: \"Bron\")],\n)\n"
        )
    }
    for order in [
        &["a"][..],
        &["a", "b", "c"],
        &["c", "a", "b"],
        &["b", "c"],
        &["e", "d", "c", "b", "a", "f", "g"],
    ] {
        let s = script::parse("t.ron", &script_of(order)).expect("valid");
        assert_eq!(ids(&s), order);
        let titles: Vec<String> = s
            .pages
            .iter()
            .map(|p| p.title.get(Lang::En).to_owned())
            .collect();
        let want: Vec<String> = order.iter().map(|id| format!("T {id}")).collect();
        assert_eq!(titles, want);
    }
}

#[test]
fn windows_line_endings_and_a_byte_order_mark_are_accepted() {
    let crlf = format!("\u{feff}{}", minimal().replace('\n', "\r\n"));
    let script = script::parse("win.ron", &crlf).expect("a Notepad file loads");
    assert_eq!(script.pages.len(), 2);
    // Positions stay true: the http link is still at 11:60.
    let broken = with(&crlf, "https://example.org/form", "http://example.org/form");
    assert_eq!(
        lines_of(&broken),
        vec![
            "t.ron:11:60: page 1 (\"start\") block 2 link must start with https:// (found \"http://example.org/form\")"
        ]
    );
}

#[cfg(unix)]
#[test]
fn a_device_that_never_ends_is_refused_as_too_large() {
    let err = script::load(Path::new("/dev/zero")).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("/dev/zero: the file is too large; a script is at most {MAX_SCRIPT_BYTES} bytes")
    );
}

#[test]
fn check_warns_about_a_source_without_url_and_still_exits_0() {
    let (dir, _path) = temp_file("no-url.ron", minimal().as_bytes());
    let out = bezwaar(
        dir.path(),
        &["check", "no-url.ron", "--now", "2026-11-24T12:00:00+01:00"],
    );
    assert_eq!(text(&out.stdout), "no-url.ron: ok (2 pages)\n");
    assert_eq!(
        text(&out.stderr),
        format!("{NO_URL}\n").replace("{file}", "no-url.ron")
    );
    assert_eq!(out.status.code(), Some(0));
    // With its address, no warning.
    let src = with(
        &minimal(),
        r#"date: "mei 2025")],"#,
        r#"date: "mei 2025", url: "https://example.org/bron")],"#,
    );
    std::fs::write(dir.path().join("url.ron"), &src).unwrap();
    let out = bezwaar(
        dir.path(),
        &["check", "url.ron", "--now", "2026-11-24T12:00:00+01:00"],
    );
    assert_eq!(text(&out.stderr), "");
    // A url that is not https is no warning but a problem: exit code 1.
    let src = with(
        &minimal(),
        r#"date: "mei 2025")],"#,
        r#"date: "mei 2025", url: "http://example.org/bron")],"#,
    );
    std::fs::write(dir.path().join("http.ron"), &src).unwrap();
    let out = bezwaar(dir.path(), &["check", "http.ron"]);
    assert!(
        text(&out.stderr).contains(
            r#"source 1 ("s") url must start with https:// (found "http://example.org/bron")"#
        ),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(1));
}
