//! The step line at the top of a page ("Step 3 of N"), with N, the number of pages, read from
//! the script the test runs, never written into the test: a page added to or taken from a
//! script changes no test that is not about that page.
//!
//! The words are the app's `step-of` in i18n/en.ftl, nl.ftl and de.ftl, written out here so
//! the tests still check them.
#![allow(dead_code)]

use std::fmt::Display;
use std::path::Path;
use std::sync::OnceLock;

use bezwaar::script;

/// How many pages the shipped script (data/meta-ai.ron, inside the binary) has.
pub fn pages() -> usize {
    static PAGES: OnceLock<usize> = OnceLock::new();
    *PAGES.get_or_init(|| {
        script::embedded()
            .expect("the shipped script is valid")
            .pages
            .len()
    })
}

/// How many pages the script file at `path` has (relative paths from the crate's root, as
/// `cargo test` runs the tests there).
pub fn pages_in(path: impl AsRef<Path>) -> usize {
    let path = path.as_ref();
    script::load(path)
        .unwrap_or_else(|e| panic!("{} is a valid script: {e}", path.display()))
        .pages
        .len()
}

/// "Step n of total" (en.ftl's step-of).
pub fn step_of(n: impl Display, total: usize) -> String {
    format!("Step {n} of {total}")
}

/// "Stap n van total" (nl.ftl's step-of).
pub fn stap_van(n: impl Display, total: usize) -> String {
    format!("Stap {n} van {total}")
}

/// "Schritt n von total" (de.ftl's step-of).
pub fn schritt_von(n: impl Display, total: usize) -> String {
    format!("Schritt {n} von {total}")
}

/// The English step line of page `n` of the shipped script: `step(3)` is "Step 3 of N".
pub fn step(n: impl Display) -> String {
    step_of(n, pages())
}

/// The Dutch step line of page `n` of the shipped script: "Stap 3 van N".
pub fn stap(n: impl Display) -> String {
    stap_van(n, pages())
}

/// The German step line of page `n` of the shipped script: "Schritt 3 von N".
pub fn schritt(n: impl Display) -> String {
    schritt_von(n, pages())
}
