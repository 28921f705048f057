//! The HTML handout: one page that needs nothing else (no scripts, no loads, QR codes inline,
//! large type), with every text of the script escaped.

use super::*;

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
