//! Positions as editors count them: a 0-based line and a 0-based column in
//! UTF-16 code units (LSP's default encoding, and JavaScript's), to and
//! from byte offsets.

use crate::span::LineIndex;

/// A 0-based line and UTF-16 column.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    /// The line, from 0.
    pub line: u32,
    /// The column in UTF-16 code units, from 0.
    pub character: u32,
}

impl Position {
    /// The position `line`, `character`.
    pub fn new(line: u32, character: u32) -> Position {
        Position { line, character }
    }
}

/// The line starts of a text, to convert byte offsets to positions and back
/// without rescanning the text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineMap {
    index: LineIndex,
}

impl LineMap {
    /// Indexes `src`.
    pub fn new(src: &str) -> LineMap {
        LineMap {
            index: LineIndex::new(src),
        }
    }

    /// The position of byte `offset` of `src` (clamped to the text, and
    /// to a character boundary).
    pub fn position(&self, src: &str, offset: usize) -> Position {
        let mut offset = offset.min(src.len());
        while !src.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.index.line(offset);
        let start = self.index.line_start(line, src);
        let character: usize = src[start..offset].chars().map(char::len_utf16).sum();
        Position::new(line as u32, character as u32)
    }

    /// The byte offset of `position` in `src`: a column past the end of
    /// its line is the line's end (before `\r\n`), a line past the end is
    /// the end of the text.
    pub fn offset(&self, src: &str, position: Position) -> usize {
        let line = position.line as usize;
        if line >= self.index.lines() {
            return src.len();
        }
        let start = self.index.line_start(line, src);
        let end = self.index.line_start(line + 1, src);
        let text = src[start..end].trim_end_matches(['\n', '\r']);
        let mut units = 0usize;
        for (i, c) in text.char_indices() {
            if units >= position.character as usize {
                return start + i;
            }
            units += c.len_utf16();
        }
        start + text.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf16_units() {
        let src = "ab\r\nfréquence 𝄞x\n";
        let map = LineMap::new(src);
        let x = src.find('x').unwrap();
        // é is one unit, 𝄞 two.
        assert_eq!(map.position(src, x), Position::new(1, 12));
        assert_eq!(map.offset(src, Position::new(1, 12)), x);
        assert_eq!(map.offset(src, Position::new(0, 99)), 2);
        assert_eq!(map.offset(src, Position::new(9, 0)), src.len());
        for offset in 0..=src.len() {
            if src.is_char_boundary(offset) && !src[..offset].ends_with('\r') {
                assert_eq!(
                    map.offset(src, map.position(src, offset)),
                    offset,
                    "{offset}"
                );
            }
        }
    }
}
