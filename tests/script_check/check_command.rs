//! The real binary: `bezwaar check` on built-in and own files (warnings, problems, exit
//! codes), and `--script` with a broken file.

use super::*;

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
