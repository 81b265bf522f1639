//! A writer that wraps every line it is given at word boundaries to a width (the terminal's),
//! keeping each line's leading spaces on the lines it wraps to. Text with no newline yet (a
//! prompt) is written as it is when flushed. For the line quiz, read on a screen; plain mode,
//! made for screen readers, does not wrap.

use std::io::{self, Write};

use crate::text::wrap_hanging;

/// Wraps lines written to `inner` at `width` columns.
pub struct Wrapping<W: Write> {
    inner: W,
    width: usize,
    pending: Vec<u8>,
}

impl<W: Write> Wrapping<W> {
    /// Wraps at `width` columns.
    pub fn new(inner: W, width: usize) -> Self {
        Wrapping {
            inner,
            width: width.max(20),
            pending: Vec::new(),
        }
    }

    fn write_line(&mut self, line: &str) -> io::Result<()> {
        let body = line.trim_start_matches(' ');
        let indent = &line[..line.len() - body.len()];
        // A list item ("  1. ", "  - ") hangs under its text.
        let marker = body
            .split_once(' ')
            .map(|(first, _)| first)
            .filter(|m| m.ends_with('.') && m[..m.len() - 1].parse::<u32>().is_ok() || *m == "-")
            .map_or(0, |m| m.len() + 1);
        let hang = " ".repeat(indent.len() + marker);
        for wrapped in wrap_hanging(body, self.width, indent, &hang) {
            writeln!(self.inner, "{wrapped}")?;
        }
        Ok(())
    }
}

impl<W: Write> Write for Wrapping<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        while let Some(end) = self.pending.iter().position(|&b| b == b'\n') {
            let line: Vec<u8> = self.pending.drain(..=end).collect();
            let line = String::from_utf8_lossy(&line[..line.len() - 1]).into_owned();
            self.write_line(&line)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        let prompt = std::mem::take(&mut self.pending);
        self.inner.write_all(&prompt)?;
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_wrap_at_words_with_their_indent_and_prompts_pass_through() {
        let mut out = Wrapping::new(Vec::new(), 20);
        write!(
            out,
            "one two three four five six\n  1. an option with a long label\nPrompt: "
        )
        .expect("writes");
        out.flush().expect("flushes");
        let text = String::from_utf8(out.inner).expect("UTF-8");
        assert_eq!(
            text,
            "one two three four\nfive six\n  1. an option with\n     a long label\nPrompt: "
        );
    }
}
