//! The layers are crates (README, "How it is built"): `bezwaar-core` (the walkthrough, pure),
//! `bezwaar-view` (the screen, plain mode, the handout, the runner core), `bezwaar-serve`
//! (over SSH) and the binary on top. The compiler keeps the order of imports: a crate cannot
//! name one it does not depend on, and Cargo refuses a cycle between crates. What is left to
//! check is what each layer pulls in from outside: this test reads `cargo tree` and fails when
//! a terminal, UI or network crate reaches the core, an async runtime or SSH reaches the view,
//! or either reaches a build without the server, directly or through another dependency.

use std::process::Command;

/// Crates of a terminal, a screen or a network: never in the core.
const NOT_IN_CORE: &[&str] = &["ratatui", "crossterm", "tokio", "russh", "terminput"];

/// An async runtime and SSH: never in the view (nor in a build without `serve`).
const NOT_IN_VIEW: &[&str] = &["tokio", "russh"];

/// The names of the packages `package` depends on, itself included: build and normal
/// dependencies (not dev), for this machine's platform, each once.
fn tree(package: &str, extra: &[&str]) -> Vec<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["tree", "--locked", "-p", package, "-e", "no-dev"])
        .args(["--prefix", "none", "--format", "{p}"])
        .args(extra)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run cargo tree");
    assert!(
        out.status.success(),
        "cargo tree -p {package} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut names: Vec<String> = String::from_utf8(out.stdout)
        .expect("cargo tree prints UTF-8")
        .lines()
        .filter_map(|l| l.split_whitespace().next().map(str::to_owned))
        .collect();
    names.sort();
    names.dedup();
    assert!(
        names.iter().any(|n| n == package),
        "cargo tree -p {package} does not name {package} itself: {names:?}"
    );
    names
}

/// The packages in `names` that are one of `banned` or one of its own crates
/// (`ratatui-core`, `tokio-macros`, `russh-cryptovec`, …).
fn banned<'a>(names: &'a [String], banned: &[&str]) -> Vec<&'a str> {
    names
        .iter()
        .map(String::as_str)
        .filter(|n| {
            banned.iter().any(|b| {
                n.strip_prefix(b)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with(['-', '_']))
            })
        })
        .collect()
}

#[test]
fn the_core_has_no_terminal_ui_or_network_crate() {
    let names = tree("bezwaar-core", &[]);
    let found = banned(&names, NOT_IN_CORE);
    assert!(
        found.is_empty(),
        "bezwaar-core (crates/core) depends on {found:?}: the walkthrough stays pure, a \
         terminal, screen or network belongs in a layer above it"
    );
}

#[test]
fn the_view_has_no_async_runtime_or_ssh() {
    let names = tree("bezwaar-view", &[]);
    assert!(names.iter().any(|n| n == "bezwaar-core"));
    let found = banned(&names, NOT_IN_VIEW);
    assert!(
        found.is_empty(),
        "bezwaar-view (crates/view) depends on {found:?}: the SSH server's crates belong in \
         bezwaar-serve (crates/serve)"
    );
}

#[test]
fn without_the_server_the_binary_has_no_async_runtime_or_ssh() {
    let names = tree("bezwaar", &["--no-default-features"]);
    let found = banned(&names, &[NOT_IN_VIEW, &["bezwaar-serve"]].concat());
    assert!(
        found.is_empty(),
        "bezwaar without its serve feature depends on {found:?}"
    );
    // With it, they are there: the check above is not empty by accident.
    let names = tree("bezwaar", &[]);
    for there in ["bezwaar-serve", "tokio", "russh"] {
        assert!(names.iter().any(|n| n == there), "{there} not in {names:?}");
    }
}

#[test]
fn the_banned_check_knows_a_crate_from_its_family() {
    let names: Vec<String> = ["ratatui-core", "tokio", "tokio-macros", "crosstermx", "rat"]
        .map(String::from)
        .into();
    assert_eq!(
        banned(&names, NOT_IN_CORE),
        ["ratatui-core", "tokio", "tokio-macros"]
    );
}
