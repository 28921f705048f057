//! Pages come from the script alone: a three-page script checks and loads in order, and pages
//! can be added, removed and reordered.

use super::*;

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
