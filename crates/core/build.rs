//! Embeds what a new walkthrough or a new language is: a file, no Rust. Every `data/*.ron`
//! (its id the file name without `.ron`) becomes `script::BUILT_IN`, and every `i18n/*.ftl`
//! (its language the file name) `i18n::EMBEDDED`, each in file-name order. Both folders sit
//! at the top of the repository, two levels above this crate.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let out = std::env::var("OUT_DIR").expect("OUT_DIR");
    embed(
        "../../data",
        "ron",
        "/// Every walkthrough in `data/`: its id (the file name without `.ron`) and its RON.\n\
         pub const BUILT_IN: &[(&str, &str)]",
        &Path::new(&out).join("built_in.rs"),
    );
    embed(
        "../../i18n",
        "ftl",
        "/// The catalogs that ship in the binary: every `i18n/TAG.ftl`, as (TAG, Fluent text).\n\
         const EMBEDDED: &[(&str, &str)]",
        &Path::new(&out).join("catalogs.rs"),
    );
}

/// Writes `declaration = &[(name, include_str!(path)), …];` for every `*.ext` in `folder`
/// (relative to this crate).
fn embed(folder: &str, ext: &str, declaration: &str, dest: &Path) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let dir = dir
        .canonicalize()
        .unwrap_or_else(|e| panic!("the {folder} folder: {e}"));
    println!("cargo::rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("the {folder} folder: {e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort();
    let mut out = format!("{declaration} = &[\n");
    for path in &files {
        println!("cargo::rerun-if-changed={}", path.display());
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("a UTF-8 file name");
        let path = path.display().to_string();
        writeln!(out, "    ({name:?}, include_str!({path:?})),").unwrap();
    }
    out.push_str("];\n");
    std::fs::write(dest, out).expect("write the embedded list");
}
