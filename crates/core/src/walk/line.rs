//! A one-line field: its text and where the cursor is, changed by [`Edit`]s. The walk takes
//! edits, never key events: which key means which edit is the view's to say.
//!
//! Hand-written on purpose, in a few lines: the two fields are one line each, with no
//! selection, undo or wrapping of their own (the layout wraps), and every edit must cost O(1)
//! apart from the text it moves (a server may take keys from many people at once). The
//! cursor is a byte offset on a character boundary, the length a count kept beside the text.

/// One change to a field's text, or a move of its cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// Type this character at the cursor.
    Insert(char),
    /// Remove the character before the cursor.
    Backspace,
    /// Remove the character after the cursor.
    Delete,
    Left,
    Right,
    Home,
    End,
}

/// A field's text and cursor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Line {
    text: String,
    /// Bytes before the cursor (always on a character boundary).
    at: usize,
    /// The text's length in characters.
    chars: usize,
}

impl Line {
    /// A line holding `text`, the cursor at its end.
    pub fn new(text: &str) -> Line {
        Line {
            text: text.to_owned(),
            at: text.len(),
            chars: text.chars().count(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Characters before the cursor.
    pub fn cursor(&self) -> usize {
        self.text[..self.at].chars().count()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Applies `edit`; a character is typed only while the line has fewer than `max`.
    pub fn apply(&mut self, edit: Edit, max: usize) {
        let before = || self.text[..self.at].chars().next_back().map(char::len_utf8);
        let after = || self.text[self.at..].chars().next().map(char::len_utf8);
        match edit {
            Edit::Insert(c) if self.chars < max => {
                self.text.insert(self.at, c);
                self.at += c.len_utf8();
                self.chars += 1;
            }
            Edit::Insert(_) => {}
            Edit::Backspace => {
                if let Some(n) = before() {
                    self.at -= n;
                    self.text.drain(self.at..self.at + n);
                    self.chars -= 1;
                }
            }
            Edit::Delete => {
                if let Some(n) = after() {
                    self.text.drain(self.at..self.at + n);
                    self.chars -= 1;
                }
            }
            Edit::Left => self.at -= before().unwrap_or(0),
            Edit::Right => self.at += after().unwrap_or(0),
            Edit::Home => self.at = 0,
            Edit::End => self.at = self.text.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_move_by_characters_and_stop_at_the_ends_and_the_limit() {
        let mut line = Line::default();
        for c in "aé😀b".chars() {
            line.apply(Edit::Insert(c), 3);
        }
        assert_eq!((line.text(), line.cursor()), ("aé😀", 3));
        line.apply(Edit::Left, 3);
        line.apply(Edit::Backspace, 3);
        assert_eq!((line.text(), line.cursor()), ("a😀", 1));
        line.apply(Edit::Delete, 3);
        line.apply(Edit::Delete, 3);
        line.apply(Edit::Right, 3);
        assert_eq!((line.text(), line.cursor()), ("a", 1));
        line.apply(Edit::Home, 3);
        line.apply(Edit::Left, 3);
        line.apply(Edit::Backspace, 3);
        line.apply(Edit::Insert('x'), 3);
        assert_eq!((line.text(), line.cursor()), ("xa", 1));
        line.apply(Edit::End, 3);
        assert_eq!(line.cursor(), 2);
        assert_eq!(Line::new("ab").cursor(), 2);
    }
}
