//! What a visitor types arrives as raw bytes from their terminal: a [`Decoder`] turns them
//! into the crossterm events a seat takes, keeping a sequence that is not finished yet.
//!
//! The escape sequences themselves are parsed by `terminput` (crossterm's own parser, as a
//! library that works on any bytes, not only a local tty). This file only cuts the stream into
//! events the way crossterm does for a local terminal, plus three things a parser of one
//! event cannot know:
//!
//! - An ESC at the end of a data message is the Esc key; inside one it starts a sequence (a
//!   terminal writes a whole key's sequence at once, and ssh sends what it read at once).
//! - Two ESCs in a row are two Esc presses, not Alt-Esc.
//! - `\n` on its own is Enter (some clients send it), but `\r\n` is one Enter; 0x08 is
//!   Backspace (terminals that send ^H for it).

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

const ESC: u8 = 0x1b;
/// Longer than any key or mouse sequence: an unfinished sequence this long is garbage.
const MAX_PENDING: usize = 64;

/// Turns a seat's data messages into key and mouse events; the bytes of a sequence not yet
/// complete are kept between messages.
#[derive(Debug, Default)]
pub struct Decoder {
    pending: Vec<u8>,
    last_cr: bool,
}

impl Decoder {
    pub fn new() -> Decoder {
        Decoder::default()
    }

    /// Takes one data message and appends the key and mouse events it completes to `out`.
    pub fn feed(&mut self, bytes: &[u8], out: &mut Vec<Event>) {
        for (i, &b) in bytes.iter().enumerate() {
            let more = i + 1 < bytes.len();
            let after_cr = std::mem::replace(&mut self.last_cr, b == b'\r');
            if self.pending.is_empty() {
                match b {
                    b'\n' => {
                        if !after_cr {
                            out.push(key(KeyCode::Enter));
                        }
                        continue;
                    }
                    0x08 => {
                        out.push(key(KeyCode::Backspace));
                        continue;
                    }
                    _ => {}
                }
            } else if self.pending == [ESC] && b == ESC {
                out.push(key(KeyCode::Esc));
                self.pending.clear();
            }
            self.pending.push(b);
            if self.pending == [ESC] && more {
                continue;
            }
            match terminput::Event::parse_from(&self.pending) {
                Ok(Some(event)) => {
                    self.pending.clear();
                    if let Some(event) = convert(event) {
                        out.push(event);
                    }
                }
                Ok(None) if self.pending.len() < MAX_PENDING => {}
                // Not a sequence anyone sends, or too long: drop it and start afresh.
                _ => self.pending.clear(),
            }
        }
    }
}

/// At most the first `max` bytes of a data message, cut so that no key's sequence is cut in
/// two: a sequence begun in the last bytes kept goes with the rest. (Left at the end, its ESC
/// alone would read as the Esc key, which leaves the walkthrough on its first page.)
pub fn cut(bytes: &[u8], max: usize) -> &[u8] {
    if bytes.len() <= max {
        return bytes;
    }
    let kept = &bytes[..max];
    match kept.iter().rposition(|&b| b == ESC) {
        Some(i) if max - i <= MAX_PENDING => &kept[..i],
        _ => kept,
    }
}

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// Keys and mouse events; the rest (focus, paste, resize reports) means nothing here.
fn convert(event: terminput::Event) -> Option<Event> {
    match terminput_crossterm::to_crossterm(event) {
        Ok(e @ (Event::Key(_) | Event::Mouse(_))) => Some(e),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyEventKind, MouseButton, MouseEventKind};

    fn keys(chunks: &[&[u8]]) -> Vec<(KeyCode, KeyModifiers)> {
        let mut decoder = Decoder::new();
        let mut out = Vec::new();
        for c in chunks {
            decoder.feed(c, &mut out);
        }
        out.into_iter()
            .map(|e| match e {
                Event::Key(k) => {
                    assert_eq!(k.kind, KeyEventKind::Press);
                    (k.code, k.modifiers)
                }
                other => panic!("not a key: {other:?}"),
            })
            .collect()
    }

    const NONE: KeyModifiers = KeyModifiers::NONE;

    #[test]
    fn the_keys_of_the_walkthrough() {
        let table: &[(&[u8], KeyCode, KeyModifiers)] = &[
            (b"\x1b[A", KeyCode::Up, NONE),
            (b"\x1b[B", KeyCode::Down, NONE),
            (b"\x1b[C", KeyCode::Right, NONE),
            (b"\x1b[D", KeyCode::Left, NONE),
            // Application cursor mode (SS3), as some terminals send arrows.
            (b"\x1bOA", KeyCode::Up, NONE),
            (b"\x1bOC", KeyCode::Right, NONE),
            (b"\r", KeyCode::Enter, NONE),
            (b"\x1b", KeyCode::Esc, NONE),
            (b"\t", KeyCode::Tab, NONE),
            (b"\x1b[Z", KeyCode::BackTab, KeyModifiers::SHIFT),
            (b"\x7f", KeyCode::Backspace, NONE),
            (b"\x08", KeyCode::Backspace, NONE),
            (b"\x1b[5~", KeyCode::PageUp, NONE),
            (b"\x1b[6~", KeyCode::PageDown, NONE),
            (b"\x1b[H", KeyCode::Home, NONE),
            (b"\x1b[F", KeyCode::End, NONE),
            (b"\x1b[1~", KeyCode::Home, NONE),
            (b"\x1b[4~", KeyCode::End, NONE),
            (b"q", KeyCode::Char('q'), NONE),
            (b" ", KeyCode::Char(' '), NONE),
            (b"3", KeyCode::Char('3'), NONE),
            (b"L", KeyCode::Char('L'), KeyModifiers::SHIFT),
            (b"\x03", KeyCode::Char('c'), KeyModifiers::CONTROL),
            ("é".as_bytes(), KeyCode::Char('é'), NONE),
        ];
        for &(bytes, code, mods) in table {
            assert_eq!(keys(&[bytes]), vec![(code, mods)], "{bytes:?}");
        }
    }

    #[test]
    fn the_same_keys_reach_the_apps_keymap() {
        use bezwaar_view::keys::{Command, Mode, command_for};
        let command = |bytes: &[u8]| {
            let mut out = Vec::new();
            Decoder::new().feed(bytes, &mut out);
            match out.as_slice() {
                [Event::Key(k)] => command_for(*k, Mode::Page),
                other => panic!("{bytes:?} gave {other:?}"),
            }
        };
        assert_eq!(command(b"\x1b[C"), Some(Command::Next));
        assert_eq!(command(b"\x1b[D"), Some(Command::Back));
        assert_eq!(command(b"\r"), Some(Command::Activate));
        assert_eq!(command(b"L"), Some(Command::ToggleLang));
        assert_eq!(command(b"3"), Some(Command::Jump(3)));
        assert_eq!(command(b"q"), Some(Command::Quit));
        assert_eq!(command(b"\x03"), Some(Command::Interrupt));
        assert_eq!(command(b"\x1b[Z"), Some(Command::FocusPrev));
        assert_eq!(command(b"\x1b[6~"), Some(Command::PageDown));
    }

    #[test]
    fn several_keys_in_one_message() {
        assert_eq!(
            keys(&[b"\x1b[C\x1b[Cq3\r"]),
            vec![
                (KeyCode::Right, NONE),
                (KeyCode::Right, NONE),
                (KeyCode::Char('q'), NONE),
                (KeyCode::Char('3'), NONE),
                (KeyCode::Enter, NONE),
            ]
        );
    }

    #[test]
    fn a_lone_esc_is_the_esc_key_and_two_are_two() {
        assert_eq!(keys(&[b"\x1b"]), vec![(KeyCode::Esc, NONE)]);
        assert_eq!(
            keys(&[b"\x1b\x1b"]),
            vec![(KeyCode::Esc, NONE), (KeyCode::Esc, NONE)]
        );
        assert_eq!(
            keys(&[b"\x1b", b"\x1b[A"]),
            vec![(KeyCode::Esc, NONE), (KeyCode::Up, NONE)]
        );
        assert_eq!(
            keys(&[b"\x1b\x1b[B"]),
            vec![(KeyCode::Esc, NONE), (KeyCode::Down, NONE)]
        );
    }

    #[test]
    fn a_sequence_split_after_its_introducer_still_parses() {
        // "\x1b[" waits for the rest, even across messages.
        assert_eq!(keys(&[b"\x1b[", b"6~"]), vec![(KeyCode::PageDown, NONE)]);
        assert_eq!(keys(&[b"\x1b[5", b"~"]), vec![(KeyCode::PageUp, NONE)]);
        // A character split across messages, too.
        assert_eq!(
            keys(&[&"é".as_bytes()[..1], &"é".as_bytes()[1..]]),
            vec![(KeyCode::Char('é'), NONE)]
        );
    }

    #[test]
    fn newline_is_enter_but_crlf_is_one_enter() {
        assert_eq!(keys(&[b"\n"]), vec![(KeyCode::Enter, NONE)]);
        assert_eq!(keys(&[b"\r\n"]), vec![(KeyCode::Enter, NONE)]);
        assert_eq!(keys(&[b"\r", b"\n"]), vec![(KeyCode::Enter, NONE)]);
        assert_eq!(
            keys(&[b"\r\r"]),
            vec![(KeyCode::Enter, NONE), (KeyCode::Enter, NONE)]
        );
    }

    #[test]
    fn garbage_is_dropped_and_what_follows_still_works() {
        // An unknown SS3 final byte, then a real key.
        assert_eq!(keys(&[b"\x1bOz", b"q"]), vec![(KeyCode::Char('q'), NONE)]);
        // A CSI that never ends is cut off at the limit; input goes on after it.
        let endless = [b"\x1b[".as_slice(), &[b'1'; 200]].concat();
        let got = keys(&[&endless, b"\x1b[C"]);
        assert_eq!(got.last(), Some(&(KeyCode::Right, NONE)));
        // Bytes that are not UTF-8 do not panic.
        let _ = keys(&[b"\xff\xfe\xc3"]);
        assert_eq!(keys(&[b"\xff", b"q"]), vec![(KeyCode::Char('q'), NONE)]);
    }

    #[test]
    fn a_long_message_is_cut_before_a_sequence_never_inside_one() {
        let mut long = vec![b'x'; 4095];
        long.extend_from_slice(b"\x1b[A");
        let kept = cut(&long, 4096);
        assert_eq!(
            kept,
            &long[..4095],
            "the ESC goes with the rest of its sequence"
        );
        let mut decoder = Decoder::new();
        let mut out = Vec::new();
        decoder.feed(kept, &mut out);
        assert!(
            !out.iter()
                .any(|e| matches!(e, Event::Key(k) if k.code == KeyCode::Esc)),
            "no Esc key"
        );
        // Short messages are kept whole; long ones without a sequence near the end are cut
        // at the limit.
        assert_eq!(cut(b"\x1b", 4096), b"\x1b");
        assert_eq!(cut(&[b'x'; 5000], 4096).len(), 4096);
    }

    #[test]
    fn a_mouse_click_in_sgr_form() {
        let mut out = Vec::new();
        Decoder::new().feed(b"\x1b[<0;11;6M", &mut out);
        match out.as_slice() {
            [Event::Mouse(m)] => {
                assert_eq!(m.kind, MouseEventKind::Down(MouseButton::Left));
                assert_eq!((m.column, m.row), (10, 5));
            }
            other => panic!("{other:?}"),
        }
    }
}
