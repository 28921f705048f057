//! The HTML handout printed in a real browser (headless Chromium) and read back with
//! poppler-utils: every page, large type, and QR codes that scan to the exact form addresses.

use super::*;

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
