//! The walkthroughs inside the binary (every `data/*.ron`, listed by `build.rs`), and the id
//! a walkthrough goes by.

use std::path::Path;

use super::{Script, ScriptError, parse};

// BUILT_IN: every `data/*.ron`, as (id, RON), made by build.rs.
include!(concat!(env!("OUT_DIR"), "/built_in.rs"));

/// The name a built-in walkthrough goes by in messages: `data/ID.ron`.
pub fn built_in_name(id: &str) -> String {
    format!("data/{id}.ron")
}

/// Every walkthrough that ships inside the binary, with its id, in the order a chooser lists
/// them (`order`, then id).
pub fn built_in() -> Result<Vec<(String, Script)>, ScriptError> {
    let mut all = BUILT_IN
        .iter()
        .map(|(id, src)| Ok(((*id).to_owned(), parse(&built_in_name(id), src)?)))
        .collect::<Result<Vec<_>, ScriptError>>()?;
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
