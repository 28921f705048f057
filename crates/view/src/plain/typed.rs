//! Keys typed at plain mode's prompt. A line-reading prompt gets a key's bytes as they are: ↓
//! arrives as `ESC [ B` (or `ESC O B`), Tab as a tab. A person who presses the keys the full
//! screen takes should not be told "I don't understand": these are read back into the
//! keymap's commands.

use crate::keys::Command;

/// The commands of a line made only of keys (escape sequences, Tab, Backspace; spaces between
/// them do not count), in the order typed. `None` when the line holds anything else (text,
/// a number, a word) or a sequence that is no key the full screen takes on a page.
pub fn keys(line: &str) -> Option<Vec<Command>> {
    let line = line.trim_end_matches(['\n', '\r']);
    if !line.contains(['\x1b', '\t', '\x7f', '\x08']) {
        return None;
    }
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        rest = &rest[c.len_utf8()..];
        let command = match c {
            ' ' => continue,
            '\t' => Command::FocusNext,
            '\x7f' | '\x08' => Command::Back,
            '\x1b' => {
                let (command, after) = escape(rest)?;
                rest = after;
                command
            }
            _ => return None,
        };
        out.push(command);
    }
    Some(out)
}

/// The key of an escape sequence, from what follows its ESC, and what is left of the line.
/// A lone ESC (the line ends, or another ESC follows) is Esc.
fn escape(s: &str) -> Option<(Command, &str)> {
    let csi = match s.as_bytes().first() {
        None | Some(b'\x1b') | Some(b' ') => return Some((Command::Close, s)),
        Some(b'[') => true,
        Some(b'O') => false,
        Some(_) => return None,
    };
    let body = &s[1..];
    // Parameter bytes, then one final byte (ECMA-48).
    let params = body
        .bytes()
        .take_while(|b| (0x30..=0x3f).contains(b))
        .count();
    let last = *body.as_bytes().get(params)?;
    let rest = &body[params + 1..];
    let params = &body[..params];
    let plain = params.is_empty() || params == "1";
    let command = match (last, params) {
        (b'A', _) if plain => Command::Up,
        (b'B', _) if plain => Command::Down,
        (b'C', _) if plain => Command::Next,
        (b'D', _) if plain => Command::Back,
        (b'H', _) if plain => Command::First,
        (b'F', _) if plain => Command::Last,
        (b'Z', _) if csi && plain => Command::FocusPrev,
        (b'P', _) if !csi && params.is_empty() => Command::Help,
        (b'~', "1" | "7") if csi => Command::First,
        (b'~', "4" | "8") if csi => Command::Last,
        (b'~', "5") if csi => Command::PageUp,
        (b'~', "6") if csi => Command::PageDown,
        (b'~', "11") if csi => Command::Help,
        _ => return None,
    };
    Some((command, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrows_in_both_forms_and_several_in_a_row() {
        assert_eq!(keys("\x1b[C\n"), Some(vec![Command::Next]));
        assert_eq!(keys("\x1bOB\r\n"), Some(vec![Command::Down]));
        assert_eq!(
            keys("\x1b[D\x1bOA \x1b[C"),
            Some(vec![Command::Back, Command::Up, Command::Next])
        );
        assert_eq!(
            keys("\x1b[H\x1b[4~\x1b[1~\x1bOF"),
            Some(vec![
                Command::First,
                Command::Last,
                Command::First,
                Command::Last
            ])
        );
    }

    #[test]
    fn the_other_keys_of_a_page() {
        assert_eq!(keys("\x1b"), Some(vec![Command::Close]));
        assert_eq!(keys("\x1b\x1b"), Some(vec![Command::Close, Command::Close]));
        assert_eq!(keys("\t"), Some(vec![Command::FocusNext]));
        assert_eq!(keys("\x1b[Z"), Some(vec![Command::FocusPrev]));
        assert_eq!(keys("\x7f"), Some(vec![Command::Back]));
        assert_eq!(
            keys("\x1b[5~\x1b[6~"),
            Some(vec![Command::PageUp, Command::PageDown])
        );
        assert_eq!(keys("\x1bOP"), Some(vec![Command::Help]));
    }

    #[test]
    fn anything_else_is_not_keys() {
        for line in [
            "",
            "n",
            "  ",
            "3\n",
            "\x1b[2J",
            "\x1b[C n",
            "\x1b[1;5C",
            "\x1bx",
            "\x1b[",
            "\x1b[3~",
        ] {
            assert_eq!(keys(line), None, "{line:?}");
        }
    }
}
