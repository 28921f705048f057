//! The house a newcomer reads top-down (README, "How it is built"): no import circles among
//! the files of src/, the leaves import only what their table below allows, and no module
//! imports one above it:
//!
//!   leaves (i18n, text, theme, links, deadline, progress, keys) → script → walk → layout
//!     → views (ui, plain, handout) → app → runners (backend, terminal, runner, serve,
//!     desktop) → main
//!
//! What counts as an import is what the team's checker counts (`python3
//! ../shared/tools/cycles.py .`): a `crate::…`, `super::…` or `self::…` path anywhere in code
//! (a `use`, or a path in an expression or a type), with the use trees spelled out
//! (`crate::a::{b, c::d}` is `crate::a::b` and `crate::a::c::d`), naming the file of the
//! longest module prefix. Comments, string and character literals and `#[cfg(test)]` items
//! are not code here. `mod` declarations say which file is which module (and that every file
//! under src/ is one); they are not imports, so a module's own files (`ui/help.rs` using
//! `super::View`) never make a circle with it, and nor does a relative path to a child
//! (`help::lines` in `ui/mod.rs`). `main.rs` is the binary: it reaches the library as
//! `bezwaar::…`, and nothing can import it.
//!
//! The two must find the same graph (`cargo test --test house -- --nocapture` prints its
//! size). With main at 5e2e0cf merged (the Fluent catalogs) this test finds 33 files and 101
//! imports; cycles.py finds 100, because its pattern wants a name after `super::` or
//! `crate::` and so misses the use tree of `use super::{Say, Shared, note, say};`
//! (serve/handler.rs → serve/mod.rs). With its pattern `((?:::\w+)*)` in place of
//! `((?:::\w+)+)`, skipping a bare `crate`/`super`/`self`, it finds 101 too: the very same
//! imports, pair by pair.
//!
//! A token scanner, not `syn`: a full Rust parser would add a large build to every test run
//! for what a careful scanner of tokens does here (it knows comments, nested block comments,
//! strings, raw strings, character literals and lifetimes; its own tests are at the end).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

/// The house, bottom to top. A module may import modules of its own layer or below, never
/// one above. A new file under src/ must be given a place here.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "leaves",
        &[
            "i18n", "text", "theme", "links", "deadline", "progress", "keys",
        ],
    ),
    ("script", &["script"]),
    ("walk", &["walk"]),
    // The walkthroughs on offer, and the chooser: walks made from scripts.
    ("shelf", &["shelf"]),
    ("layout", &["layout"]),
    ("views", &["ui", "plain", "handout"]),
    ("app", &["app"]),
    (
        "runners",
        &["backend", "terminal", "runner", "serve", "desktop"],
    ),
    ("main", &["lib", "main"]),
];

/// What each leaf may import: what it imports today. Anything more is a decision to make
/// here, on purpose, never by accident.
const LEAVES: &[(&str, &[&str])] = &[
    // The message catalogs and the language tag: below everything.
    ("i18n", &[]),
    ("text", &["i18n"]),
    ("theme", &[]),
    ("links", &[]),
    ("deadline", &["text", "i18n"]),
    ("progress", &[]),
    ("keys", &["text", "i18n"]),
];

/// Imports that go up the house today, each with the reason. The test fails when one of them
/// is gone, so this list only ever gets shorter. Empty now: plain mode's loop moved from the
/// view (`plain`) to the runners (`runner::plain`).
const UPWARD_TODAY: &[(&str, &str, &str)] = &[];

// ---------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------

#[test]
fn no_file_of_src_is_in_an_import_circle() {
    let house = House::read(&src());
    println!(
        "{} files, {} imports",
        house.files.len(),
        house.import_count()
    );
    let circles = house.circles();
    assert!(
        circles.is_empty(),
        "import circles among the files of src/ (each import with where it is):\n\n{}",
        circles.join("\n\n")
    );
}

/// The scanner sees the imports that are there: with none found, "no circles" would hold by
/// accident.
#[test]
fn the_graph_has_the_imports_everyone_can_see() {
    let house = House::read(&src());
    assert!(house.files.len() >= 30, "{} files", house.files.len());
    assert!(
        house.import_count() >= 80,
        "{} imports",
        house.import_count()
    );
    for (from, to) in [
        // `use crate::walk::Walk;`
        ("app.rs", "walk.rs"),
        // `use crate::walk::{Choice, Field, …}`: a use tree
        ("layout.rs", "walk.rs"),
        // `use super::{Say, Shared, …}`: a use tree straight after `super::`
        ("serve/handler.rs", "serve/mod.rs"),
        // `crate::ui::notice_words(…)` in an expression, not a `use`
        ("plain.rs", "ui/mod.rs"),
        // `crate::ui::sources::lines(…)`: the longest prefix that is a file
        ("plain.rs", "ui/sources.rs"),
        // `use super::…` in a module's own file
        ("ui/help.rs", "ui/mod.rs"),
    ] {
        assert!(
            house.edges[from].contains_key(to),
            "src/{from} imports src/{to}, but the scanner missed it; it found {:?}",
            house.edges[from].keys().collect::<Vec<_>>()
        );
    }
    // Test modules are not the house: only the tests of serve/input.rs use the keymap, and
    // only those of serve/session.rs the screen's layout.
    for (from, to) in [
        ("serve/input.rs", "keys.rs"),
        ("serve/session.rs", "ui/mod.rs"),
    ] {
        assert!(
            !house.edges[from].contains_key(to),
            "src/{from}: its #[cfg(test)] module was taken for code: {:?}",
            house.edges[from]
        );
    }
}

#[test]
fn every_file_of_src_is_a_declared_module() {
    let house = House::read(&src());
    let problems = house.undeclared();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn leaves_import_only_the_leaves_their_table_allows() {
    let house = House::read(&src());
    let mut wrong = Vec::new();
    for (file, to) in house.edge_list() {
        let from = top(file);
        let Some((_, allowed)) = LEAVES.iter().find(|(leaf, _)| *leaf == from) else {
            continue;
        };
        let to_top = top(to);
        if to_top != from && !allowed.contains(&to_top) {
            wrong.push(format!(
                "{}: the leaf `{from}` may import only {allowed:?}",
                house.shown(file, to)
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn no_module_imports_one_above_it() {
    let house = House::read(&src());
    let mut wrong = Vec::new();
    let mut upward = BTreeSet::new();
    for file in house.files.keys() {
        if layer(top(file)).is_none() {
            wrong.push(format!(
                "src/{file}: `{}` has no layer: give it one in LAYERS (tests/house.rs)",
                top(file)
            ));
        }
    }
    for (file, to) in house.edge_list() {
        let (from, to_top) = (top(file), top(to));
        let (Some(a), Some(b)) = (layer(from), layer(to_top)) else {
            continue;
        };
        if b <= a {
            continue;
        }
        if UPWARD_TODAY
            .iter()
            .any(|(f, t, _)| (*f, *t) == (from, to_top))
        {
            upward.insert((from, to_top));
            continue;
        }
        wrong.push(format!(
            "{}: `{from}` ({}) imports `{to_top}` ({}), a layer above it",
            house.shown(file, to),
            LAYERS[a].0,
            LAYERS[b].0
        ));
    }
    for (f, t, why) in UPWARD_TODAY {
        if !upward.contains(&(*f, *t)) {
            wrong.push(format!(
                "`{f}` no longer imports `{t}` ({why}): take it out of UPWARD_TODAY"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

fn src() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The top module of a file: `ui/help.rs` → `ui`, `lib.rs` → `lib`.
fn top(file: &str) -> &str {
    let first = file.split('/').next().unwrap_or(file);
    first.strip_suffix(".rs").unwrap_or(first)
}

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|(_, ms)| ms.contains(&module))
}

// ---------------------------------------------------------------------------------------------
// The graph
// ---------------------------------------------------------------------------------------------

struct House {
    /// Every `.rs` file under src/, by its path there (`ui/help.rs`), with its code tokens.
    files: BTreeMap<String, Scanned>,
    /// Module path (`["ui", "help"]`) → file. `main.rs` is another crate and has none.
    modules: BTreeMap<Vec<String>, String>,
    /// The files' text, for messages.
    texts: BTreeMap<String, String>,
    /// file → imported file → (line, path) of the first import of it.
    edges: BTreeMap<String, BTreeMap<String, (usize, String)>>,
}

impl House {
    fn read(root: &Path) -> House {
        let mut texts = BTreeMap::new();
        read_dir(root, root, &mut texts);
        assert!(!texts.is_empty(), "no .rs files under {}", root.display());
        House::from_texts(texts)
    }

    fn from_texts(texts: BTreeMap<String, String>) -> House {
        let files: BTreeMap<String, Scanned> =
            texts.iter().map(|(p, t)| (p.clone(), scan(t))).collect();
        let modules = files
            .keys()
            .filter(|p| p.as_str() != "main.rs")
            .map(|p| (module_path(p), p.clone()))
            .collect();
        let mut house = House {
            files,
            modules,
            texts,
            edges: BTreeMap::new(),
        };
        let (declared, _) = house.declarations();
        for p in house.files.keys() {
            let mut to: BTreeMap<String, (usize, String)> = BTreeMap::new();
            // A file of tests is not the house; nor is main.rs, another crate.
            let tests_only = declared.get(p) == Some(&true);
            if p != "main.rs" && !tests_only {
                let me = module_path(p);
                for (line, path) in paths(&house.files[p].tokens, &me) {
                    if let Some(t) = house.resolve(&path)
                        && t != p
                    {
                        to.entry(t.clone())
                            .or_insert_with(|| (line, path.join("::")));
                    }
                }
            }
            house.edges.insert(p.clone(), to);
        }
        house
    }

    /// The file a module path names: its longest prefix that is a module with a file.
    fn resolve(&self, path: &[String]) -> Option<&String> {
        (1..=path.len())
            .rev()
            .find_map(|n| self.modules.get(&path[..n]))
    }

    /// Where `file` first imports `to`: `src/file:line: the line`.
    fn shown(&self, file: &str, to: &str) -> String {
        let (line, _) = &self.edges[file][to];
        let text = self.texts[file].lines().nth(line - 1).unwrap_or("").trim();
        format!("src/{file}:{line}: {text}")
    }

    fn import_count(&self) -> usize {
        self.edges.values().map(BTreeMap::len).sum()
    }

    fn edge_list(&self) -> Vec<(&str, &str)> {
        self.edges
            .iter()
            .flat_map(|(f, ts)| ts.keys().map(move |t| (f.as_str(), t.as_str())))
            .collect()
    }

    /// Every circle, spelled out import by import (one per group of files that reach each
    /// other).
    fn circles(&self) -> Vec<String> {
        strongly_connected(&self.edges)
            .into_iter()
            .filter(|group| group.len() > 1)
            .map(|group| {
                let path = circle_in(&self.edges, &group);
                let mut s = format!(
                    "a circle of {} files: {}\n",
                    group.len(),
                    group
                        .iter()
                        .map(|f| format!("src/{f}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
                for pair in path.windows(2) {
                    let shown = self.shown(&pair[0], &pair[1]);
                    writeln!(s, "  {shown}  → src/{}", pair[1]).unwrap();
                }
                s
            })
            .collect()
    }

    /// Files that no `mod` declares (the compiler never sees them), and `mod` declarations
    /// this scanner cannot follow.
    fn undeclared(&self) -> Vec<String> {
        let (declared, mut problems) = self.declarations();
        for file in self.files.keys() {
            if !declared.contains_key(file) {
                problems.push(format!(
                    "src/{file}: no `mod` declares it, so it is not part of the crate: declare it or delete it"
                ));
            }
        }
        problems
    }

    /// Every file some `mod` declares (and lib.rs, main.rs), and whether it is only for
    /// tests (`#[cfg(test)] mod tests;`); with what could not be followed.
    fn declarations(&self) -> (BTreeMap<String, bool>, Vec<String>) {
        let mut declared: BTreeMap<String, bool> =
            [("lib.rs".to_owned(), false), ("main.rs".to_owned(), false)].into();
        let mut problems = Vec::new();
        for (file, scanned) in &self.files {
            // Where a file's child modules live: beside lib.rs, main.rs or mod.rs, or in a
            // folder named after the file.
            let dir = match file.rsplit_once('/') {
                Some((d, name)) if ["mod.rs", "lib.rs", "main.rs"].contains(&name) => {
                    format!("{d}/")
                }
                None if ["lib.rs", "main.rs"].contains(&file.as_str()) => String::new(),
                _ => format!("{}/", file.strip_suffix(".rs").unwrap()),
            };
            let all = scanned.mods.iter().map(|m| (m, false));
            for (name, test) in all.chain(scanned.test_mods.iter().map(|m| (m, true))) {
                let flat = format!("{dir}{name}.rs");
                let folder = format!("{dir}{name}/mod.rs");
                match (
                    self.files.contains_key(&flat),
                    self.files.contains_key(&folder),
                ) {
                    (true, false) => declared.insert(flat, test),
                    (false, true) => declared.insert(folder, test),
                    _ => {
                        problems.push(format!(
                            "src/{file}: `mod {name};` is neither src/{flat} nor src/{folder} alone"
                        ));
                        None
                    }
                };
            }
            if scanned.has_path_attribute {
                problems.push(format!(
                    "src/{file}: #[path = …] is not followed by tests/house.rs: teach it, or name the file after its module"
                ));
            }
        }
        (declared, problems)
    }
}

fn read_dir(root: &Path, dir: &Path, out: &mut BTreeMap<String, String>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            read_dir(root, &path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            let rel = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            out.insert(rel, text);
        }
    }
}

/// `ui/mod.rs` → `[ui]`, `ui/help.rs` → `[ui, help]`, `lib.rs` → `[]`.
fn module_path(file: &str) -> Vec<String> {
    let mut parts: Vec<String> = file
        .strip_suffix(".rs")
        .unwrap()
        .split('/')
        .map(str::to_owned)
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// Tarjan's strongly connected components, each sorted.
fn strongly_connected(
    edges: &BTreeMap<String, BTreeMap<String, (usize, String)>>,
) -> Vec<Vec<String>> {
    struct State<'a> {
        edges: &'a BTreeMap<String, BTreeMap<String, (usize, String)>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on: BTreeSet<&'a str>,
        out: Vec<Vec<String>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a str) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on.insert(v);
        let edges = s.edges;
        for w in edges[v].keys() {
            let w = w.as_str();
            if !s.index.contains_key(w) {
                visit(s, w);
                let lw = s.low[w];
                let lv = s.low.get_mut(v).unwrap();
                *lv = (*lv).min(lw);
            } else if s.on.contains(w) {
                let iw = s.index[w];
                let lv = s.low.get_mut(v).unwrap();
                *lv = (*lv).min(iw);
            }
        }
        if s.low[v] == s.index[v] {
            let mut group = Vec::new();
            loop {
                let w = s.stack.pop().unwrap();
                s.on.remove(w);
                group.push(w.to_owned());
                if w == v {
                    break;
                }
            }
            group.sort();
            s.out.push(group);
        }
    }
    let mut s = State {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in edges.keys() {
        if !s.index.contains_key(v.as_str()) {
            visit(&mut s, v);
        }
    }
    s.out
}

/// One shortest circle through the group's first file: the files in order, back to it.
fn circle_in(
    edges: &BTreeMap<String, BTreeMap<String, (usize, String)>>,
    group: &[String],
) -> Vec<String> {
    let start = &group[0];
    let mut parent: BTreeMap<&String, &String> = BTreeMap::new();
    let mut seen = BTreeSet::from([start]);
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(v) = queue.pop_front() {
        for w in edges[v].keys().filter(|w| group.contains(w)) {
            if w == start {
                let mut path = vec![v.clone()];
                let mut at = v;
                while let Some(p) = parent.get(at) {
                    path.push((*p).clone());
                    at = p;
                }
                path.reverse();
                path.push(start.clone());
                return path;
            }
            if seen.insert(w) {
                parent.insert(w, v);
                queue.push_back(w);
            }
        }
    }
    unreachable!("a strongly connected group has a circle")
}

// ---------------------------------------------------------------------------------------------
// The scanner
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Ident(String),
    /// `::`
    Path,
    Punct(char),
}

struct Scanned {
    /// The code's tokens with their lines, `#[cfg(test)]` items left out.
    tokens: Vec<(usize, Tok)>,
    /// `mod name;` declarations (of files; inline `mod name { … }` are code of this file).
    mods: Vec<String>,
    /// `#[cfg(test)] mod name;`: files of tests, not of the house.
    test_mods: Vec<String>,
    has_path_attribute: bool,
}

fn scan(src: &str) -> Scanned {
    let tokens = tokens(&code_only(src));
    let mut kept = Vec::new();
    let mut mods = Vec::new();
    let mut test_mods = Vec::new();
    let mut has_path_attribute = false;
    let mut i = 0;
    while i < tokens.len() {
        if let Some(end) = attribute_end(&tokens, i) {
            let words: Vec<&str> = tokens[i..end]
                .iter()
                .filter_map(|(_, t)| match t {
                    Tok::Ident(s) => Some(s.as_str()),
                    _ => None,
                })
                .collect();
            if words.first() == Some(&"path") {
                has_path_attribute = true;
            }
            if words == ["cfg", "test"] {
                // Leave out the attributes after it and the item it is on.
                let mut j = end;
                while let Some(e) = attribute_end(&tokens, j) {
                    j = e;
                }
                if let Some(name) = mod_declaration(&tokens, j) {
                    test_mods.push(name);
                }
                i = item_end(&tokens, j);
                continue;
            }
        }
        if tokens[i].1 == Tok::Ident("mod".into())
            && let Some(name) = mod_declaration(&tokens, i)
        {
            mods.push(name);
        }
        kept.push(tokens[i].clone());
        i += 1;
    }
    Scanned {
        tokens: kept,
        mods,
        test_mods,
        has_path_attribute,
    }
}

/// At `i` (or past a `pub`, `pub(crate)`…), `mod name;`: the name.
fn mod_declaration(t: &[(usize, Tok)], mut i: usize) -> Option<String> {
    if t.get(i)?.1 == Tok::Ident("pub".into()) {
        i += 1;
        if t.get(i)?.1 == Tok::Punct('(') {
            i += t[i..].iter().position(|(_, x)| *x == Tok::Punct(')'))? + 1;
        }
    }
    match (&t.get(i)?.1, &t.get(i + 1)?.1, &t.get(i + 2)?.1) {
        (Tok::Ident(m), Tok::Ident(name), Tok::Punct(';')) if m == "mod" => Some(name.clone()),
        _ => None,
    }
}

/// The source with every comment, string literal and character literal blanked out (lines
/// kept), so what is left is code.
fn code_only(src: &str) -> String {
    let c: Vec<char> = src.chars().collect();
    let mut out: Vec<char> = c.clone();
    let blank = |out: &mut Vec<char>, from: usize, to: usize| {
        for x in out.iter_mut().take(to.min(c.len())).skip(from) {
            if *x != '\n' {
                *x = ' ';
            }
        }
    };
    let ident = |ch: char| ch.is_alphanumeric() || ch == '_';
    let at = |i: usize, s: &str| s.chars().enumerate().all(|(k, x)| c.get(i + k) == Some(&x));
    let mut i = 0;
    while i < c.len() {
        if at(i, "//") {
            let end = (i..c.len()).find(|&j| c[j] == '\n').unwrap_or(c.len());
            blank(&mut out, i, end);
            i = end;
        } else if at(i, "/*") {
            // Block comments nest in Rust.
            let mut depth = 0;
            let mut j = i;
            while j < c.len() {
                if at(j, "/*") {
                    depth += 1;
                    j += 2;
                } else if at(j, "*/") {
                    depth -= 1;
                    j += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    j += 1;
                }
            }
            blank(&mut out, i, j);
            i = j;
        } else if let Some((hashes, open)) =
            raw_string_start(&c, i).filter(|_| i == 0 || !ident(c[i - 1]))
        {
            // r"…", r#"…"#, br"…", cr"…": no escapes, ends at a quote and as many hashes.
            let close: String = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            let mut j = open + 1;
            while j < c.len() && !at(j, &close) {
                j += 1;
            }
            let end = (j + close.chars().count()).min(c.len());
            blank(&mut out, open, end);
            i = end;
        } else if c[i] == '"' {
            let mut j = i + 1;
            while j < c.len() && c[j] != '"' {
                j += if c[j] == '\\' { 2 } else { 1 };
            }
            blank(&mut out, i, j + 1);
            i = j + 1;
        } else if c[i] == '\'' {
            // A character literal ('a', '\n', '\u{1b}', '\''), or a lifetime or label ('a).
            if c.get(i + 1) == Some(&'\\') {
                let mut j = i + 3;
                while j < c.len() && c[j] != '\'' {
                    j += 1;
                }
                blank(&mut out, i, j + 1);
                i = j + 1;
            } else if c.get(i + 2) == Some(&'\'') {
                blank(&mut out, i, i + 3);
                i += 3;
            } else {
                i += 1;
            }
        } else if ident(c[i]) {
            // A whole word at once, so the r of `for` or the b of `sub` never starts a raw
            // string: those start only where a word starts.
            while i < c.len() && ident(c[i]) {
                i += 1;
            }
        } else {
            i += 1;
        }
    }
    out.into_iter().collect()
}

/// At `i`, a raw string's prefix (`r`, `br`, `cr`) and hashes: their number and where its
/// opening quote is.
fn raw_string_start(c: &[char], i: usize) -> Option<(usize, usize)> {
    let mut j = i;
    if matches!(c.get(j), Some('b' | 'c')) {
        j += 1;
    }
    if c.get(j) != Some(&'r') {
        return None;
    }
    j += 1;
    let mut hashes = 0;
    while c.get(j) == Some(&'#') {
        hashes += 1;
        j += 1;
    }
    (c.get(j) == Some(&'"')).then_some((hashes, j))
}

fn tokens(code: &str) -> Vec<(usize, Tok)> {
    let c: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut line = 1;
    let mut i = 0;
    while i < c.len() {
        let ch = c[i];
        if ch == '\n' {
            line += 1;
            i += 1;
        } else if ch.is_whitespace() {
            i += 1;
        } else if ch.is_alphanumeric() || ch == '_' {
            let start = i;
            while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                i += 1;
            }
            let word: String = c[start..i].iter().collect();
            // r#type is the identifier `type`.
            out.push((line, Tok::Ident(word)));
        } else if ch == ':' && c.get(i + 1) == Some(&':') {
            out.push((line, Tok::Path));
            i += 2;
        } else {
            out.push((line, Tok::Punct(ch)));
            i += 1;
        }
    }
    out
}

/// At `i`, an outer attribute `#[…]`: the index just past its `]`.
fn attribute_end(t: &[(usize, Tok)], i: usize) -> Option<usize> {
    if t.get(i)?.1 != Tok::Punct('#') || t.get(i + 1)?.1 != Tok::Punct('[') {
        return None;
    }
    let mut depth = 0;
    for (j, (_, tok)) in t.iter().enumerate().skip(i + 1) {
        match tok {
            Tok::Punct('[' | '(' | '{') => depth += 1,
            Tok::Punct(']' | ')' | '}') => {
                depth -= 1;
                if depth == 0 {
                    return Some(j + 1);
                }
            }
            _ => {}
        }
    }
    Some(t.len())
}

/// The index just past the item that starts at `i`: at its `;`, or its `{ … }` block closed.
fn item_end(t: &[(usize, Tok)], i: usize) -> usize {
    let mut depth = 0usize;
    for (j, (_, tok)) in t.iter().enumerate().skip(i) {
        match tok {
            Tok::Punct(';') if depth == 0 => return j + 1,
            Tok::Punct('(' | '[' | '{') => depth += 1,
            Tok::Punct(')' | ']') => depth = depth.saturating_sub(1),
            Tok::Punct('}') => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return j + 1;
                }
            }
            _ => {}
        }
    }
    t.len()
}

/// Every module path a file's code names from `crate`, `super` or `self`, absolute, with
/// the line it is on: `crate::a::{b, c::{d, e}}` gives `a::b`, `a::c::d`, `a::c::e` (and `a`).
fn paths(t: &[(usize, Tok)], me: &[String]) -> Vec<(usize, Vec<String>)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        let starts = matches!(&t[i].1, Tok::Ident(w) if ["crate", "super", "self"].contains(&w.as_str()))
            && t.get(i + 1).map(|x| &x.1) == Some(&Tok::Path)
            && (i == 0 || t[i - 1].1 != Tok::Path);
        if !starts {
            i += 1;
            continue;
        }
        let line = t[i].0;
        let mut base: Vec<String> = match &t[i].1 {
            Tok::Ident(w) if w == "crate" => vec![],
            Tok::Ident(w) if w == "self" => me.to_vec(),
            _ => me[..me.len().saturating_sub(1)].to_vec(),
        };
        i += 1;
        // super::super::…
        while t.get(i).map(|x| &x.1) == Some(&Tok::Path)
            && t.get(i + 1).map(|x| &x.1) == Some(&Tok::Ident("super".into()))
        {
            base.pop();
            i += 2;
        }
        let mut found = Vec::new();
        i = tree(t, i, base, &mut found);
        out.extend(found.into_iter().map(|p| (line, p)));
    }
    out
}

/// Reads `::a::b`, `::{…}` or `::*` after a path `prefix` at `i`; pushes the paths it
/// spells; returns the index after it.
fn tree(
    t: &[(usize, Tok)],
    mut i: usize,
    mut prefix: Vec<String>,
    out: &mut Vec<Vec<String>>,
) -> usize {
    while t.get(i).map(|x| &x.1) == Some(&Tok::Path) {
        match t.get(i + 1).map(|x| &x.1) {
            Some(Tok::Ident(w)) => {
                prefix.push(w.clone());
                i += 2;
            }
            Some(Tok::Punct('{')) => {
                out.push(prefix.clone());
                return list(t, i + 2, &prefix, out);
            }
            _ => {
                i += 2;
                break;
            }
        }
    }
    out.push(prefix);
    i
}

/// The items of a use tree's braces from `i` (just past `{`); returns the index past `}`.
fn list(t: &[(usize, Tok)], mut i: usize, prefix: &[String], out: &mut Vec<Vec<String>>) -> usize {
    while i < t.len() {
        match &t[i].1 {
            Tok::Punct('}') => return i + 1,
            Tok::Punct(',' | '*') => i += 1,
            Tok::Punct('{') => i = list(t, i + 1, prefix, out),
            Tok::Ident(w) if w == "as" => i += 2,
            Tok::Ident(w) if w == "self" => {
                out.push(prefix.to_vec());
                i += 1;
            }
            Tok::Ident(w) => {
                let mut p = prefix.to_vec();
                p.push(w.clone());
                i = tree(t, i + 1, p, out);
            }
            _ => i += 1,
        }
    }
    i
}

// ---------------------------------------------------------------------------------------------
// The scanner's own tests: what is code, what an import is, what a circle looks like
// ---------------------------------------------------------------------------------------------

fn imports_of(file: &str, src: &str) -> BTreeSet<String> {
    let me = module_path(file);
    paths(&scan(src).tokens, &me)
        .into_iter()
        .map(|(_, p)| p.join("::"))
        .collect()
}

fn set(xs: &[&str]) -> BTreeSet<String> {
    xs.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn comments_strings_and_characters_are_not_code() {
    let src = r###"
// use crate::a::X;
/// see [`crate::b::Y`]
/* use crate::c; /* nested */ use crate::d; */
let s = "use crate::e::Z; \" crate::f::W";
let r = r#"crate::g::V " crate::h"#;
let b = br##"crate::i"# still inside "##;
let q = '"'; let e = '\''; let u = '\u{1b}';
fn f<'a>(x: &'a str) -> &'a str { crate::real::call(x) }
for r in x { crate::after_for::x() }
"###;
    assert_eq!(
        imports_of("m.rs", src),
        set(&["real::call", "after_for::x"])
    );
}

#[test]
fn use_trees_are_spelled_out_and_relative_paths_resolved() {
    let src = "use crate::a::{b, c::{d, e as f}, self, g::*};\nuse super::View;\nuse self::inner::Z;\nuse super::super::top::T;\nuse crate::{x, y::z};\nlet v = Self::new(); let w = self.x;";
    assert_eq!(
        imports_of("ui/help.rs", src),
        set(&[
            "a",
            "a::b",
            "a::c",
            "a::c::d",
            "a::c::e",
            "a::g",
            "ui::View",
            "ui::help::inner::Z",
            "top::T",
            "",
            "x",
            "y::z"
        ])
    );
    // In a mod.rs, super is the parent of the folder's module.
    assert_eq!(
        imports_of("ui/mod.rs", "use super::walk::Walk;"),
        set(&["walk::Walk"])
    );
}

#[test]
fn test_items_and_modules_are_not_the_house() {
    let src = "use crate::kept::A;\n#[cfg(test)]\nmod tests {\n use super::*;\n use crate::gone::B;\n fn f() { if x { } }\n}\n#[cfg(test)]\n#[allow(dead_code)]\nfn helper() -> [u8; 2] { crate::gone_too::c() }\n#[cfg(test)] use crate::gone_three::D;\nuse crate::kept_too::E;\n#[cfg(unix)] use crate::unix::F;";
    assert_eq!(
        imports_of("m.rs", src),
        set(&["kept::A", "kept_too::E", "unix::F"])
    );
}

fn house_of(files: &[(&str, &str)]) -> House {
    House::from_texts(
        files
            .iter()
            .map(|(p, t)| ((*p).to_owned(), (*t).to_owned()))
            .collect(),
    )
}

#[test]
fn a_circle_is_found_and_spelled_out_import_by_import() {
    let house = house_of(&[
        ("lib.rs", "pub mod a; pub mod b; pub mod c; pub mod d;"),
        ("a.rs", "use crate::b::X;"),
        ("b.rs", "fn f() { crate::c::g(); }"),
        ("c.rs", "use crate::{d, a::Y};"),
        ("d.rs", "// use crate::a::Z;"),
    ]);
    assert_eq!(house.import_count(), 4);
    let circles = house.circles();
    assert_eq!(circles.len(), 1, "{circles:?}");
    assert_eq!(
        circles[0],
        "a circle of 3 files: src/a.rs, src/b.rs, src/c.rs\n  \
         src/a.rs:1: use crate::b::X;  → src/b.rs\n  \
         src/b.rs:1: fn f() { crate::c::g(); }  → src/c.rs\n  \
         src/c.rs:1: use crate::{d, a::Y};  → src/a.rs\n"
    );
    // A module and its own files are one room: super:: back to the parent is no circle.
    let house = house_of(&[
        ("lib.rs", "pub mod ui;"),
        ("ui/mod.rs", "mod help; fn f() { help::lines() }"),
        ("ui/help.rs", "use super::View;"),
    ]);
    assert_eq!(house.import_count(), 1);
    assert!(house.circles().is_empty());
    assert!(house.undeclared().is_empty(), "{:?}", house.undeclared());
}

#[test]
fn a_file_no_mod_declares_is_named() {
    let house = house_of(&[
        ("lib.rs", "pub mod a;"),
        ("a.rs", ""),
        ("b.rs", ""),
        ("ui/help.rs", ""),
    ]);
    assert_eq!(
        house.undeclared(),
        vec![
            "src/b.rs: no `mod` declares it, so it is not part of the crate: declare it or delete it",
            "src/ui/help.rs: no `mod` declares it, so it is not part of the crate: declare it or delete it",
        ]
    );
}

#[test]
fn a_file_of_tests_is_declared_but_not_the_house() {
    let house = house_of(&[
        ("lib.rs", "pub mod a; pub(crate) mod b;"),
        ("a.rs", "#[cfg(test)]\nmod tests;"),
        ("a/tests.rs", "use crate::b::B;"),
        ("b.rs", "use crate::a::A;"),
    ]);
    assert!(house.undeclared().is_empty(), "{:?}", house.undeclared());
    assert!(house.circles().is_empty(), "{:?}", house.circles());
    assert_eq!(house.import_count(), 1);
}
