//! Malformed files give a clear, located message and never a panic; files from other systems
//! (Windows line endings, a byte order mark) load.

use super::*;

#[test]
fn syntax_error_missing_paren_is_located() {
    let src = minimal_with(
        r#"Para((nl: "Hallo", en: "Hello", cites: ["s"])),"#,
        r#"Para((nl: "Hallo", en: "Hello", cites: ["s"]),"#,
    );
    let (_dir, path) = temp_file("paren.ron", src.as_bytes());
    assert_eq!(
        load_err(&path),
        format!("{}:10:63: Expected closing `)`", path.display())
    );
}

#[test]
fn syntax_error_stray_character_is_located() {
    let src = minimal_with("    reviewed", "  % reviewed");
    let (_dir, path) = temp_file("stray.ron", src.as_bytes());
    assert_eq!(
        load_err(&path),
        format!("{}:3:3: Expected identifier", path.display())
    );
}

#[test]
fn syntax_error_unclosed_text_is_located() {
    let (_dir, path) = temp_file("broken.ron", BROKEN.as_bytes());
    assert_eq!(
        load_err(&path),
        format!("{}:{BROKEN_MESSAGE}", path.display())
    );
}

#[test]
fn misspelt_field_is_named() {
    assert_eq!(
        only_line(&minimal_with("    reviewed", "    revieewd")),
        "t.ron:3:5: Unexpected field named `revieewd` in `Script`, expected one of `languages`, `title`, `offer`, `order`, `choices`, `reviewed`, `deadline`, `pages`, or `sources` instead"
    );
}

#[test]
fn truncated_file_ends_too_early() {
    let src = minimal();
    let cut = src.strip_suffix(")\n").unwrap();
    assert_eq!(
        only_line(cut),
        "t.ron:20:92: the file ends too early: a closing bracket or quote is missing"
    );
    assert_eq!(
        only_line("Script("),
        "t.ron:1:7: the file ends too early: a closing bracket or quote is missing"
    );
}

#[test]
fn non_utf8_file() {
    let (_dir, path) = temp_file("latin1.ron", b"Script(\xff\xfe");
    assert_eq!(
        load_err(&path),
        format!(
            "{}:1:8: this is not a text file (not valid UTF-8); a script is plain text in RON",
            path.display()
        )
    );
    // Located after the valid text before it, in characters.
    assert_eq!(
        bytes_err(b"Script(\n  title: \"\xc3\xa9\xff\""),
        "t.ron:2:12: this is not a text file (not valid UTF-8); a script is plain text in RON"
    );
}

#[test]
fn binary_file_with_nul_bytes() {
    let (_dir, path) = temp_file("binary.ron", b"Script(\n  ti\0tle\0\0\x01\x02");
    assert_eq!(
        load_err(&path),
        format!(
            "{}:2:5: this looks like a binary file (it holds a NUL byte); a script is plain text in RON",
            path.display()
        )
    );
}

#[test]
fn empty_file() {
    let (_dir, path) = temp_file("empty.ron", b"");
    assert_eq!(
        load_err(&path),
        format!(
            "{}:1:1: the file is empty; a script starts with `Script(`",
            path.display()
        )
    );
}

#[test]
fn whitespace_only_file() {
    let (_dir, path) = temp_file("blank.ron", b"  \n\t\r\n   \n");
    assert_eq!(
        load_err(&path),
        format!(
            "{}:1:1: the file is empty; a script starts with `Script(`",
            path.display()
        )
    );
}

#[test]
fn directory_is_not_a_script() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        load_err(dir.path()),
        format!(
            "{}: this is a folder, not a script file",
            dir.path().display()
        )
    );
}

#[test]
fn missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nope.ron");
    assert_eq!(load_err(&path), format!("{}: no such file", path.display()));
}

#[test]
fn too_large_file() {
    let big = vec![b' '; MAX_SCRIPT_BYTES + 1];
    let (_dir, path) = temp_file("big.ron", &big);
    assert_eq!(
        load_err(&path),
        format!(
            "{}: the file is too large (1048577 bytes); a script is at most 1048576 bytes",
            path.display()
        )
    );
    assert_eq!(
        bytes_err(&big),
        "t.ron: the file is too large; a script is at most 1048576 bytes"
    );
}

#[test]
fn deep_nesting_is_refused_without_panic() {
    // 200 nested lists where page 1's first block belongs: refused at the first one.
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    let src = minimal_with(r#"Para((nl: "Hallo", en: "Hello", cites: ["s"]))"#, &deep);
    let (_dir, path) = temp_file("deep.ron", src.as_bytes());
    assert_eq!(
        load_err(&path),
        format!("{}:10:17: Expected identifier", path.display())
    );
    // 100 000 unclosed brackets do not overflow the stack.
    let many = minimal_with(
        r#"Para((nl: "Hallo", en: "Hello", cites: ["s"]))"#,
        &"[".repeat(100_000),
    );
    assert_eq!(only_line(&many), "t.ron:10:17: Expected identifier");
    // Nested Some(…) around a text string.
    let some = minimal_with(
        r#""Hallo""#,
        &format!("{}\"x\"{}", "Some(".repeat(200), ")".repeat(200)),
    );
    assert_eq!(only_line(&some), "t.ron:10:26: Expected string");
}

#[test]
fn windows_line_endings_and_a_byte_order_mark_are_accepted() {
    let crlf = format!("\u{feff}{}", minimal().replace('\n', "\r\n"));
    let script = script::parse("win.ron", &crlf).expect("a Notepad file loads");
    assert_eq!(script.pages.len(), 2);
    // Positions stay true: the http link is still at 11:60.
    let broken = with(&crlf, "https://example.org/form", "http://example.org/form");
    assert_eq!(
        lines_of(&broken),
        vec![
            "t.ron:11:60: page 1 (\"start\") block 2 link must start with https:// (found \"http://example.org/form\")"
        ]
    );
}

#[cfg(unix)]
#[test]
fn a_device_that_never_ends_is_refused_as_too_large() {
    let err = script::load(Path::new("/dev/zero")).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("/dev/zero: the file is too large; a script is at most {MAX_SCRIPT_BYTES} bytes")
    );
}
