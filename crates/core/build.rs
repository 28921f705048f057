//! Embeds what a new walkthrough or a new language is: a file, no Rust. Every `data/*.ron`
//! (its id the file name without `.ron`) becomes `script::BUILT_IN`, and every `i18n/*.ftl`
//! (its language the file name) `i18n::EMBEDDED`, each in file-name order. Both folders sit
//! at the top of the repository, two levels above this crate.
//!
//! Every walkthrough is also loaded and checked here, as `bezwaar check` would: a broken one
//! fails the build with `data/ID.ron:LINE:COL` and what is wrong. What loads is baked into
//! Rust (`script::bake`) as `BAKED`, so that start-up makes it without reading RON.

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
    bake("../../data", &Path::new(&out).join("baked.rs"));
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

/// Loads and checks every `*.ron` in `folder`, and writes `BAKED`: (id, a function that makes
/// the loaded script), in file-name order. A script with problems ends the build.
fn bake(folder: &str, dest: &Path) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("the {folder} folder: {e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    if files.is_empty() {
        eprintln!("data: no walkthrough (data/*.ron) to build in");
        std::process::exit(1);
    }
    let mut list = String::from(
        "/// Every walkthrough in `data/`, loaded and checked when bezwaar was built: its id,\n\
         /// and what makes it.\n\
         pub const BAKED: &[(&str, MakeScript)] = &[\n",
    );
    let mut makers = String::new();
    for (i, path) in files.iter().enumerate() {
        let id = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("a UTF-8 file name");
        let name = format!("data/{id}.ron");
        let src = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let script = match bezwaar_script::parse(&name, &src) {
            Ok(script) => script,
            Err(e) => {
                // Cargo shows a failed build script's stderr: every problem, file:line:col.
                eprintln!("{e}");
                std::process::exit(1);
            }
        };
        writeln!(list, "    ({id:?}, baked_{i}),").unwrap();
        writeln!(
            makers,
            "fn baked_{i}() -> Script {{\n    {}\n}}",
            bezwaar_script::bake::baked(&script)
        )
        .unwrap();
    }
    list.push_str("];\n");
    std::fs::write(dest, list + &makers).expect("write the baked walkthroughs");
}
