//! A small text buffer on the stack for `Display` output.

use std::fmt;

const INLINE: usize = 96;

/// `Display` output: on the stack up to [`INLINE`] bytes, else in a `String`.
pub(crate) struct TextBuf {
    inline: [u8; INLINE],
    len: usize,
    spilled: Option<String>,
}

impl TextBuf {
    pub(crate) fn new() -> Self {
        TextBuf {
            inline: [0; INLINE],
            len: 0,
            spilled: None,
        }
    }

    pub(crate) fn as_str(&self) -> &str {
        match &self.spilled {
            Some(text) => text,
            // Only whole `&str`s are ever copied in, so this is valid UTF-8.
            None => std::str::from_utf8(&self.inline[..self.len]).unwrap_or_default(),
        }
    }
}

impl fmt::Write for TextBuf {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        if let Some(text) = &mut self.spilled {
            text.push_str(s);
        } else if let Some(room) = self.inline.get_mut(self.len..self.len + s.len()) {
            room.copy_from_slice(s.as_bytes());
            self.len += s.len();
        } else {
            let mut text = String::with_capacity(2 * (self.len + s.len()));
            text.push_str(self.as_str());
            text.push_str(s);
            self.spilled = Some(text);
        }
        Ok(())
    }

    fn write_char(&mut self, c: char) -> fmt::Result {
        // chrono writes instants a character at a time.
        match self.inline.get_mut(self.len) {
            Some(slot) if c.is_ascii() && self.spilled.is_none() => {
                *slot = c as u8;
                self.len += 1;
                Ok(())
            }
            _ => self.write_str(c.encode_utf8(&mut [0; 4])),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt::Write;

    #[test]
    fn short_text_stays_inline_and_long_text_spills_whole() {
        let mut short = TextBuf::new();
        let (value, unit) = ("12.5", "kg");
        write!(short, "{value} {unit}").unwrap();
        assert_eq!(short.as_str(), "12.5 kg");
        assert!(short.spilled.is_none());

        let long = "é".repeat(70); // 140 bytes
        let mut buf = TextBuf::new();
        write!(buf, "x{long}y").unwrap();
        assert_eq!(buf.as_str(), format!("x{long}y"));
    }
}
