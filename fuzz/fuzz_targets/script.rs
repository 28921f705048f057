//! Script loading and validation on any bytes: never a panic, never a hang, and every error
//! names the file and says what is wrong in words, safe to print to a terminal.
#![no_main]

use bezwaar_core::script::{self, Pos};
use bezwaar_core::text::forbidden_char;
use libfuzzer_sys::fuzz_target;

const NAME: &str = "fuzz.ron";

fuzz_target!(|data: &[u8]| {
    let Err(e) = script::parse_bytes(NAME, data) else {
        return;
    };
    assert!(!e.problems.is_empty(), "an error without a problem");
    for p in &e.problems {
        assert_eq!(p.file, NAME);
        assert!(!p.message.trim().is_empty(), "a problem without words");
        if let Some(Pos { line, col }) = p.at {
            assert!(line >= 1 && col >= 1, "{p}");
        }
        let shown = p.to_string();
        assert!(
            !shown.chars().any(|c| c != '\n' && forbidden_char(c)),
            "a message that would steer the terminal: {shown:?}"
        );
    }
});
