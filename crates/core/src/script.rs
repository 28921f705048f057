//! Walkthrough scripts. Their vocabulary, loading and checking are the `bezwaar-script`
//! crate's (re-exported here whole, below the core so that the core's build script can load
//! and check the built-in ones); here are the walkthroughs inside the binary
//! (`built_in.rs`), and the names `check`'s messages give languages, from the catalogs.

pub use bezwaar_script::*;

mod built_in;
pub use built_in::{BUILT_IN, built_in, built_in_name, embedded, id_of};

use std::path::Path;

/// Reads and checks a script file (see [`bezwaar_script::load`]).
pub fn load(path: &Path) -> Result<Script, ScriptError> {
    name_languages();
    bezwaar_script::load(path)
}

/// Checks a script's text (see [`bezwaar_script::parse`]).
pub fn parse(name: &str, src: &str) -> Result<Script, ScriptError> {
    name_languages();
    bezwaar_script::parse(name, src)
}

/// Checks a script's bytes (see [`bezwaar_script::parse_bytes`]).
pub fn parse_bytes(name: &str, bytes: &[u8]) -> Result<Script, ScriptError> {
    name_languages();
    bezwaar_script::parse_bytes(name, bytes)
}

/// `check` names a language with a catalog by its own words: "Deutsch (de)".
fn name_languages() {
    bezwaar_script::name_languages_with(|lang| {
        crate::i18n::catalog_languages()
            .contains(&lang)
            .then(|| crate::i18n::language_name(lang).to_owned())
    });
}
