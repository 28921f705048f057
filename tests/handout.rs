//! The handout on paper (`bezwaar print`), through the real binary: every sentence makes sense
//! without a screen, the deadline is a date, the sources are numbered notes that point at the
//! right source, old content says so, and the HTML page prints in a real browser (headless
//! Chromium) with large type and QR codes that scan to the exact form addresses.
//!
//! The browser test needs `chromium` and `poppler-utils` (pdftotext, pdftoppm): `.ci/run`
//! installs them. Without them it fails, saying what to install; it never skips.

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use bezwaar::text::{self, Lang};
use common::{BEFORE, FACEBOOK, INSTAGRAM, Pick, stap};

const BIN: &str = env!("CARGO_BIN_EXE_bezwaar");
/// The day the content was checked: long after the deadline, not stale.
const AFTER: &str = "2026-12-01T12:00:00+01:00";
/// 180 days after `reviewed` (2026-12-02), late in the day: not stale yet.
const LAST_FRESH_DAY: &str = "2027-05-31T23:30:00+02:00";
/// 181 days after it, just after midnight: stale.
const FIRST_STALE_DAY: &str = "2027-06-01T00:30:00+02:00";

/// Runs the binary with `args` and no input; the handout on stdout, nothing on stderr.
fn print(args: &[&str]) -> String {
    let out = Command::new(BIN)
        .args(args)
        .env_remove("COLUMNS")
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "bezwaar {args:?}: {err}");
    assert!(err.is_empty(), "bezwaar {args:?} wrote to stderr: {err}");
    String::from_utf8(out.stdout).expect("the handout is UTF-8")
}

fn handout(lang: &str, format: &str, now: &str) -> String {
    print(&["print", "--lang", lang, "--format", format, "--now", now])
}

/// The handout's text with its line breaks and no-break spaces made plain spaces (and the
/// markdown quote marks gone), so a sentence can be found wherever it was wrapped.
fn flat(s: &str) -> String {
    s.lines()
        .map(|l| l.strip_prefix("> ").unwrap_or(l))
        .collect::<Vec<_>>()
        .join(" ")
        .replace('\u{a0}', " ")
        .split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The part of a handout from the heading that ends with `title` to the next page heading.
fn page<'a>(handout: &'a str, title: &str) -> &'a str {
    let start = handout
        .lines()
        .find(|l| l.starts_with("## ") && l.ends_with(title))
        .and_then(|l| handout.find(l))
        .unwrap_or_else(|| panic!("no page {title:?} in\n{handout}"));
    let rest = &handout[start + 1..];
    let end = rest.find("\n## ").map_or(rest.len(), |i| i + 1);
    &handout[start..start + end]
}

// ---------------------------------------------------------------------------------------------
// Words on paper
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// HTML
// ---------------------------------------------------------------------------------------------

#[test]
fn the_html_handout_is_one_page_that_needs_nothing_else() {
    for code in ["nl", "en", "de"] {
        let html = handout(code, "html", AFTER);
        assert!(html.starts_with("<!DOCTYPE html>\n"), "{html}");
        assert!(html.contains(&format!("<html lang=\"{code}\">")));
        assert!(html.contains("<meta charset=\"utf-8\">"));
        // Nothing to load: no scripts, style sheets, images, fonts or frames from elsewhere.
        for outside in [
            "<script", "<link", "src=", "@import", "url(", "http://", "<iframe", "<img",
        ] {
            assert!(!html.contains(outside), "{outside:?} in the page");
        }
        // Links go to the notes, or are https addresses to follow by hand.
        for href in html.split("href=\"").skip(1) {
            let target = &href[..href.find('"').unwrap()];
            assert!(
                target.starts_with("#bron-") || target.starts_with("https://"),
                "{target}"
            );
        }
        // Each source's address, in the numbered notes, is a link to it.
        let script = bezwaar::script::embedded().unwrap();
        for url in script.sources.iter().filter_map(|s| s.url.as_ref()) {
            assert!(
                html.contains(&format!("<a href=\"{}\">", url.as_str())),
                "{url:?} is not a link"
            );
        }
        // A QR code beside each of the two form links, drawn inline.
        assert_eq!(html.matches("<svg class=\"qr\"").count(), 2);
        for url in [FACEBOOK, INSTAGRAM] {
            assert!(html.contains(&format!("aria-label=\"QR: {url}\"")));
        }
        // A box per answer of "which do you use?", and per platform where the send page
        // says to tick and on the last page.
        assert_eq!(html.matches("<span class=\"box\"").count(), 4 + 4);
        // Large type: every size is given in points, and none is below 14.
        let sizes: Vec<f64> = html
            .split("font-size:")
            .skip(1)
            .map(|s| {
                let v = s.trim_start();
                let end = v
                    .find("pt")
                    .unwrap_or_else(|| panic!("a size not in pt: {v:.20}"));
                v[..end].trim().parse().unwrap()
            })
            .collect();
        assert!(!sizes.is_empty());
        assert!(sizes.iter().all(|&s| s >= 14.0), "{sizes:?}");
    }
}

/// A valid script whose every text is markup, to see it escaped.
const MARKUP: &str = r#"Script(
    title: (nl: "<b>Titel</b> & co", en: "<b>Title</b> & co"),
    reviewed: "2026-12-01",
    deadline: "2030-01-01T00:00:00+01:00",
    choices: [Choice(id: "p", name: "<i>P</i>")],
    pages: [
        Page(
            id: "een",
            title: (nl: "<script>alert(1)</script>", en: "<script>alert(1)</script>"),
            body: [
                Para((nl: "a < b & \"c\" 'd'", en: "a < b & \"c\" 'd'", cites: ["s"])),
                If(Chose("p"), Link(label: (nl: "<u>open</u>", en: "<u>open</u>"), url: "https://example.org/?a=1&b=\"2\"")),
                Ask(
                    question: (nl: "<b>{name}</b>?", en: "<b>{name}</b>?"),
                    safe: (nl: "<i>nee</i>", en: "<i>no</i>"),
                    yes: (nl: "<i>ja</i>", en: "<i>yes</i>"),
                    yes_at: (nl: "<i>ja</i> {when}", en: "<i>yes</i> {when}"),
                    safe_status: (nl: "<i>stap</i> {step}", en: "<i>step</i> {step}"),
                    undo: (nl: "<i>weg</i>", en: "<i>gone</i>"),
                    paper: (nl: "{name}: <b>gedaan</b>", en: "{name}: <b>done</b>"),
                ),
            ],
        ),
    ],
    sources: [Source(id: "s", title: "</li><script>x</script>", publisher: "<em>", url: "https://example.org/\"><script>")],
)
"#;

#[test]
fn every_text_in_the_html_is_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("markup.ron");
    std::fs::write(&file, MARKUP).unwrap();
    let html = print(&[
        "print",
        "--script",
        file.to_str().unwrap(),
        "--format",
        "html",
        "--lang",
        "en",
        "--now",
        AFTER,
    ]);
    for raw in ["<script", "<b>", "<i>", "<u>", "<em>", "\"2\"", "'d'"] {
        assert!(!html.contains(raw), "{raw:?} unescaped in\n{html}");
    }
    for escaped in [
        "&lt;b&gt;Title&lt;/b&gt; &amp; co",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "a &lt; b &amp; &quot;c&quot; &#39;d&#39;",
        "https://example.org/?a=1&amp;b=&quot;2&quot;",
        "&lt;/li&gt;&lt;script&gt;x&lt;/script&gt;, &lt;em&gt;",
        // The box of the script's question, in its words for paper.
        "&lt;i&gt;P&lt;/i&gt;: &lt;b&gt;done&lt;/b&gt;",
    ] {
        assert!(html.contains(escaped), "{escaped:?} missing in\n{html}");
    }
}

// ---------------------------------------------------------------------------------------------
// In a real browser
// ---------------------------------------------------------------------------------------------

/// Runs `program` with `args`, failing the test (not skipping it) when the program is not
/// installed, when it fails, or when it takes more than a minute.
fn run_tool(program: &str, args: &[&str]) -> Vec<u8> {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| {
            panic!(
                "{program} could not start ({e}). This test needs a real browser and the PDF \
                 tools: apt-get install chromium poppler-utils (.ci/run installs them)"
            )
        });
    // Read while it runs: a full pipe would stop it.
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut out).map(|_| out)
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{program} did not finish within a minute");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "{program} {args:?} failed: {status}");
    reader.join().unwrap().expect("the output of the tool")
}

/// Prints `html` to a PDF with headless Chromium, as a person would from the browser, and
/// returns the PDF's path (inside `dir`).
fn print_to_pdf(html: &str, dir: &Path) -> std::path::PathBuf {
    let page = dir.join("handout.html");
    std::fs::write(&page, html).unwrap();
    let pdf = dir.join("handout.pdf");
    let profile = dir.join("profile");
    run_tool(
        "chromium",
        &[
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
            &format!("--user-data-dir={}", profile.display()),
            &format!("--print-to-pdf={}", pdf.display()),
            &format!("file://{}", page.display()),
        ],
    );
    assert!(pdf.exists(), "chromium wrote no PDF");
    pdf
}

/// Every QR code on every page of `pdf`, decoded, with the page it is on.
fn qr_codes(pdf: &Path, dir: &Path) -> Vec<(usize, String)> {
    let prefix = dir.join("page");
    run_tool(
        "pdftoppm",
        &[
            "-r",
            "150",
            "-gray",
            pdf.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    let mut pages: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "pgm"))
        .collect();
    pages.sort();
    assert!(!pages.is_empty(), "pdftoppm made no pages");
    let mut found = Vec::new();
    for (i, path) in pages.iter().enumerate() {
        let img = image::open(path).expect("a page image").to_luma8();
        let mut prepared = rqrr::PreparedImage::prepare(img);
        for grid in prepared.detect_grids() {
            let (_, content) = grid
                .decode()
                .unwrap_or_else(|e| panic!("a QR code on page {} does not decode: {e:?}", i + 1));
            found.push((i + 1, content));
        }
    }
    found
}

#[test]
fn the_html_handout_prints_in_a_browser_with_large_type_and_qr_codes_that_scan() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = print_to_pdf(&handout("nl", "html", AFTER), dir.path());

    // The text a person reads on the paper.
    let text = String::from_utf8(run_tool("pdftotext", &[pdf.to_str().unwrap(), "-"])).unwrap();
    let flat_text = flat(&text);
    for (i, title) in [
        "Waarom",
        "Welke gegevens",
        "Deadline",
        "Inloggen",
        "Invullen",
        "Versturen",
        "Klaar",
    ]
    .iter()
    .enumerate()
    {
        assert!(
            flat_text.contains(&format!("{}: {title}", stap(i + 1))),
            "{title}: {text}"
        );
    }
    for words in [
        "Gecontroleerd op 2 december 2026.",
        "De deadline was vóór 27 mei 2025.",
        "Koos je “Geen van beide”? Dan hoef je niets te doen.",
        "Koos je “Allebei”?",
        text::paper_link_hint(Lang::Nl, true),
        "Facebook: ik heb op Verzenden gedrukt",
        "Instagram: bevestiging per e-mail gekregen",
        "Bronnen",
        "Consumentenbond (Digitaalgids), april 2025",
    ] {
        assert!(flat_text.contains(words), "{words:?} not on paper:\n{text}");
    }
    // Each form address whole, on one line, to type over.
    for url in [FACEBOOK, INSTAGRAM] {
        assert!(
            text.lines().any(|l| l.trim() == url),
            "{url} broken:\n{text}"
        );
    }

    // Large type: every word's box is at least 16 pt high, which 14 pt type is in DejaVu Sans
    // and Liberation Sans (13 pt type is 15.1 pt).
    let boxes = String::from_utf8(run_tool(
        "pdftotext",
        &["-bbox", pdf.to_str().unwrap(), "-"],
    ))
    .unwrap();
    let mut words = 0;
    for w in boxes.split("<word ").skip(1) {
        let attr = |name: &str| -> f64 {
            let at = w.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
            w[at..at + w[at..].find('"').unwrap()].parse().unwrap()
        };
        let height = attr("yMax") - attr("yMin");
        let word = &w[w.find('>').unwrap() + 1..w.find("</word>").unwrap()];
        assert!(
            height >= 16.0,
            "{word:?} is {height:.1} pt high: type below 14 pt"
        );
        words += 1;
    }
    assert!(words > 500, "only {words} words in the PDF");

    // Each QR code on the paper scans to the exact form address, and each form has one.
    let codes = qr_codes(&pdf, dir.path());
    let mut urls: Vec<&str> = codes.iter().map(|(_, u)| u.as_str()).collect();
    urls.sort_unstable();
    assert_eq!(urls, [INSTAGRAM, FACEBOOK], "{codes:?}");
}
