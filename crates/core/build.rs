//! Embeds what a new walkthrough or a new language is: a file, no Rust. Every `data/*.ron`
//! (its id the file name without `.ron`) becomes `script::BUILT_IN`, and every `i18n/*.ftl`
//! (its language the file name) `i18n::EMBEDDED`, each in file-name order. Both folders sit
//! at the top of the repository, two levels above this crate.
//!
//! Every walkthrough is also loaded and checked here, as `bezwaar check` would: a broken one
//! fails the build with `data/ID.ron:LINE:COL` and what is wrong. What loads is baked into
//! Rust (`script::bake`) as `BAKED`, so that start-up makes it without reading RON.
//!
//! And every message of the English catalog becomes a function of `i18n::msg`, named after
//! it, with a parameter per variable it uses: the compiler then checks every id and every
//! argument the code names. Every catalog is checked here too: valid Fluent, no message
//! English lacks, no variable English does not pass (a build error at `i18n/TAG.ftl:LINE`).

use std::fmt::Write as _;
use std::path::Path;

/// This crate's folder, as Cargo says when it runs the build script (not when it compiled
/// it: one compiled build script may serve several checkouts that share a target folder).
fn crate_dir() -> std::path::PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .expect("Cargo sets CARGO_MANIFEST_DIR")
        .into()
}

/// Every `*.ext` in `folder` (relative to this crate), in file-name order: its name without
/// the extension, and its path.
fn files(folder: &str, ext: &str) -> Vec<(String, std::path::PathBuf)> {
    let dir = crate_dir().join(folder);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("the {folder} folder: {e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .map(|p| {
            let stem = p
                .file_stem()
                .and_then(|s| s.to_str())
                .expect("a UTF-8 file name");
            (stem.to_owned(), p.clone())
        })
        .collect();
    files.sort();
    files
}

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
    messages("../../i18n", &Path::new(&out).join("messages.rs"));
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
    let dir = crate_dir().join(folder);
    let dir = dir
        .canonicalize()
        .unwrap_or_else(|e| panic!("the {folder} folder: {e}"));
    println!("cargo::rerun-if-changed={}", dir.display());
    let mut out = format!("{declaration} = &[\n");
    for (name, path) in files(folder, ext) {
        println!("cargo::rerun-if-changed={}", path.display());
        let path = path.display().to_string();
        writeln!(out, "    ({name:?}, include_str!({path:?})),").unwrap();
    }
    out.push_str("];\n");
    std::fs::write(dest, out).expect("write the embedded list");
}

/// Loads and checks every `*.ron` in `folder`, and writes `BAKED`: (id, a function that makes
/// the loaded script), in file-name order. A script with problems ends the build.
fn bake(folder: &str, dest: &Path) {
    let files = files(folder, "ron");
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
    for (i, (id, path)) in files.iter().enumerate() {
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

/// The variables a pattern uses, in the order they first appear.
fn pattern_vars<'s>(p: &fluent_syntax::ast::Pattern<&'s str>, out: &mut Vec<&'s str>) {
    use fluent_syntax::ast::PatternElement;
    for element in &p.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_vars(expression, out);
        }
    }
}

fn expression_vars<'s>(e: &fluent_syntax::ast::Expression<&'s str>, out: &mut Vec<&'s str>) {
    use fluent_syntax::ast::Expression;
    match e {
        Expression::Select { selector, variants } => {
            inline_vars(selector, out);
            for v in variants {
                pattern_vars(&v.value, out);
            }
        }
        Expression::Inline(inline) => inline_vars(inline, out),
    }
}

fn inline_vars<'s>(e: &fluent_syntax::ast::InlineExpression<&'s str>, out: &mut Vec<&'s str>) {
    use fluent_syntax::ast::InlineExpression;
    match e {
        InlineExpression::VariableReference { id } if !out.contains(&id.name) => {
            out.push(id.name);
        }
        InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_vars(a, out);
            }
            for a in &arguments.named {
                inline_vars(&a.value, out);
            }
        }
        InlineExpression::Placeable { expression } => expression_vars(expression, out),
        // A message or term referred to: not in the catalogs (`check` keeps it so below).
        _ => {}
    }
}

/// A catalog's messages: id, the variables its words use, its line; or the build fails with
/// where the catalog is wrong.
fn catalog<'s>(name: &str, ftl: &'s str) -> Vec<(&'s str, Vec<&'s str>, usize)> {
    use fluent_syntax::ast::{Entry, Expression, InlineExpression, PatternElement};
    let line = |at: usize| ftl[..at.min(ftl.len())].matches('\n').count() + 1;
    let resource = fluent_syntax::parser::parse(ftl).unwrap_or_else(|(_, errors)| {
        for e in &errors {
            eprintln!("{name}:{}: {}", line(e.pos.start), e.kind);
        }
        std::process::exit(1);
    });
    let mut out = Vec::new();
    for entry in &resource.body {
        let Entry::Message(m) = entry else { continue };
        let at = ftl
            .find(&format!("\n{} =", m.id.name))
            .map_or(1, |i| line(i + 1));
        let Some(value) = &m.value else {
            eprintln!("{name}:{at}: message {} has no words", m.id.name);
            std::process::exit(1);
        };
        // Messages stand alone: a reference to another message or a term would hide its
        // variables from the check of arguments.
        let refers = value.elements.iter().any(|e| {
            matches!(
                e,
                PatternElement::Placeable {
                    expression: Expression::Inline(
                        InlineExpression::MessageReference { .. }
                            | InlineExpression::TermReference { .. }
                    )
                }
            )
        });
        if refers || !m.attributes.is_empty() {
            eprintln!(
                "{name}:{at}: message {} refers to another message, a term or has attributes; \
                 write its words out",
                m.id.name
            );
            std::process::exit(1);
        }
        let mut vars = Vec::new();
        pattern_vars(value, &mut vars);
        out.push((m.id.name, vars, at));
    }
    out
}

/// Checks every catalog in `folder` against `en.ftl`, and writes `i18n::msg` from it.
fn messages(folder: &str, dest: &Path) {
    // Every catalog's text, read once: (tag, Fluent text).
    let catalogs: Vec<(String, String)> = files(folder, "ftl")
        .into_iter()
        .map(|(tag, path)| {
            let ftl = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (tag, ftl)
        })
        .collect();
    let Some((_, en_ftl)) = catalogs.iter().find(|(tag, _)| tag == "en") else {
        panic!("i18n/en.ftl: every message's words in English are needed");
    };
    let english = catalog("i18n/en.ftl", en_ftl);
    for (tag, ftl) in catalogs.iter().filter(|(tag, _)| tag != "en") {
        let name = format!("i18n/{tag}.ftl");
        for (id, vars, at) in catalog(&name, ftl) {
            let Some((_, known, _)) = english.iter().find(|(e, _, _)| *e == id) else {
                eprintln!("{name}:{at}: message {id} is not in i18n/en.ftl, so it is never said");
                std::process::exit(1);
            };
            if let Some(v) = vars.iter().find(|v| !known.contains(v)) {
                eprintln!(
                    "{name}:{at}: message {id} uses ${v}, which the English words do not: \
                     nothing passes it"
                );
                std::process::exit(1);
            }
        }
    }
    let mut out = String::from("// Made by build.rs from i18n/en.ftl: one function per message.\n");
    split(&catalogs, dest);

    for (id, vars, _) in &english {
        let name = id.replace('-', "_");
        if vars.is_empty() {
            writeln!(
                out,
                "/// `{id}`\npub fn {name}(lang: Lang) -> &'static str {{ super::tr(lang, {id:?}) }}"
            )
            .unwrap();
        } else {
            let params: Vec<String> = vars
                .iter()
                .map(|v| format!("{}: impl Into<super::Arg<'a>>", v.replace('-', "_")))
                .collect();
            let args: Vec<String> = vars
                .iter()
                .map(|v| format!("({v:?}, {}.into())", v.replace('-', "_")))
                .collect();
            writeln!(
                out,
                "/// `{id}`, with {}\npub fn {name}<'a>(lang: Lang, {}) -> String {{ \
                 super::tr_args(lang, {id:?}, &[{}]) }}",
                vars.iter()
                    .map(|v| format!("`${v}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
                params.join(", "),
                args.join(", ")
            )
            .unwrap();
        }
    }
    std::fs::write(dest, out).expect("write the messages");
}

/// Writes each built-in catalog in two parts (`plain.rs`): `PLAIN`, the words of every
/// message that is only words, sorted by id (Fluent would return them as they are), and
/// `PLACED`, the Fluent text of the others, which take arguments. A start then parses only
/// the second part, a quarter of a catalog, when it first needs one of them.
fn split(catalogs: &[(String, String)], dest: &Path) {
    use fluent_syntax::ast::{Entry, PatternElement, Resource};
    let mut plain = String::from(
        "/// Every built-in catalog's messages that are only words: (tag, [(id, words)]),\n\
         /// sorted by id (made by build.rs).\n\
         const PLAIN: &[(&str, &[(&str, &str)])] = &[\n",
    );
    let mut placed = String::from(
        "/// Every built-in catalog's messages with arguments, as Fluent text: (tag, text)\n\
         /// (made by build.rs).\n\
         const PLACED: &[(&str, &str)] = &[\n",
    );
    for (tag, ftl) in catalogs {
        // Checked by `catalog` before: it parses.
        let resource = fluent_syntax::parser::parse(ftl.as_str()).unwrap_or_else(|(r, _)| r);
        let mut words: Vec<(&str, String)> = Vec::new();
        let mut rest = Vec::new();
        for entry in resource.body {
            let Entry::Message(m) = &entry else { continue };
            let text: Option<String> = m.value.as_ref().and_then(|v| {
                v.elements
                    .iter()
                    .map(|e| match e {
                        PatternElement::TextElement { value } => Some(*value),
                        PatternElement::Placeable { .. } => None,
                    })
                    .collect()
            });
            match text {
                Some(text) => words.push((m.id.name, text)),
                None => rest.push(entry),
            }
        }
        words.sort();
        writeln!(plain, "    ({tag:?}, &[").unwrap();
        for (id, text) in &words {
            writeln!(plain, "        ({id:?}, {text:?}),").unwrap();
        }
        plain.push_str("    ]),\n");
        let rest = fluent_syntax::serializer::serialize(&Resource { body: rest });
        writeln!(placed, "    ({tag:?}, {rest:?}),").unwrap();
    }
    plain.push_str("];\n");
    placed.push_str("];\n");
    std::fs::write(dest.with_file_name("plain.rs"), plain + &placed).expect("write the parts");
}
