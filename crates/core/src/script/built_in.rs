//! The walkthroughs inside the binary (every `data/*.ron`, listed by `build.rs`), and the id
//! a walkthrough goes by. They were loaded and checked when bezwaar was built, and are made
//! from their baked form (`BAKED`): start-up reads no RON. Their RON (`BUILT_IN`) stays for
//! `bezwaar check` and `print --script`-like uses, and for the tests.

use std::path::Path;

use super::{Script, ScriptError};

// BUILT_IN: every `data/*.ron`, as (id, RON), made by build.rs.
include!(concat!(env!("OUT_DIR"), "/built_in.rs"));
/// What makes a baked walkthrough.
pub type MakeScript = fn() -> Script;

// BAKED: every `data/*.ron`, loaded, checked and baked by build.rs.
include!(concat!(env!("OUT_DIR"), "/baked.rs"));

/// The name a built-in walkthrough goes by in messages: `data/ID.ron`.
pub fn built_in_name(id: &str) -> String {
    format!("data/{id}.ron")
}

/// Every walkthrough that ships inside the binary, with its id, in the order a chooser lists
/// them (`order`, then id). (Never an error: a built-in script with problems fails the
/// build; the `Result` is that of every way of getting scripts.)
pub fn built_in() -> Result<Vec<(String, Script)>, ScriptError> {
    let mut all: Vec<(String, Script)> = BAKED
        .iter()
        .map(|(id, make)| ((*id).to_owned(), make()))
        .collect();
    all.sort_by(|(a, x), (b, y)| (x.order, a).cmp(&(y.order, b)));
    Ok(all)
}

/// The first built-in walkthrough (the one a chooser lists first).
pub fn embedded() -> Result<Script, ScriptError> {
    built_in()?
        .into_iter()
        .next()
        .map(|(_, s)| s)
        .ok_or_else(|| ScriptError::one("data", None, "no walkthrough is built in"))
}

/// The id of a walkthrough read from `path`: its file name without `.ron`.
pub fn id_of(path: &Path) -> String {
    path.file_stem().map_or_else(
        || "walkthrough".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn baked_walkthroughs_are_the_loaded_ones() {
        assert_eq!(BAKED.len(), BUILT_IN.len());
        for ((id, make), (same, src)) in BAKED.iter().zip(BUILT_IN) {
            assert_eq!(id, same);
            let loaded = super::super::parse(&built_in_name(id), src).expect("it loads");
            // Debug shows every field (a string's words, not its place in the file).
            assert_eq!(
                format!("{:#?}", make()),
                format!("{loaded:#?}"),
                "{id}: baked and loaded differ"
            );
        }
    }
}
