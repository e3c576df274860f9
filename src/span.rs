//! Byte spans into a source text, and their line/column positions.

use serde::Serialize;

/// A half-open byte range `start..end` in a source text.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
pub struct Span {
    /// Offset of the first byte.
    pub start: usize,
    /// Offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// The span `start..end`.
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// The span shifted by `offset` bytes.
    pub fn shift(self, offset: usize) -> Span {
        Span::new(self.start + offset, self.end + offset)
    }

    /// Length in bytes.
    pub fn len(self) -> usize {
        self.end - self.start
    }

    /// True for an empty span.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
}

impl From<pest::Span<'_>> for Span {
    fn from(s: pest::Span<'_>) -> Self {
        Span::new(s.start(), s.end())
    }
}

/// The offsets where the lines of a text start, built once per text so
/// that each position is found by binary search: reporting many
/// diagnostics of one file stays linear.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineIndex {
    /// Offset of the first byte of each line (`0` first).
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the lines of `src` (split at `\n`).
    pub fn new(src: &str) -> LineIndex {
        let mut starts = Vec::with_capacity(src.len() / 32 + 1);
        starts.push(0);
        starts.extend(
            src.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts }
    }

    /// The 0-based line holding the byte `offset`.
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset) - 1
    }

    /// The offset where the 0-based line `line` starts (the end of the text
    /// past the last line).
    pub fn line_start(&self, line: usize, src: &str) -> usize {
        self.starts.get(line).copied().unwrap_or(src.len())
    }

    /// Number of lines.
    pub fn lines(&self) -> usize {
        self.starts.len()
    }

    /// 1-based line and column (in characters) of a byte offset of `src`,
    /// the text this index was built from.
    pub fn line_col(&self, src: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(src, offset.min(src.len()));
        let line = self.line(offset);
        let column = src[self.starts[line]..offset].chars().count() + 1;
        (line + 1, column)
    }
}

fn floor_char_boundary(src: &str, mut offset: usize) -> usize {
    while offset > 0 && !src.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let src = "ab\nfréquence x\n";
        let index = LineIndex::new(src);
        assert_eq!(index.line_col(src, 0), (1, 1));
        assert_eq!(index.line_col(src, 3), (2, 1));
        let x = src.find('x').unwrap();
        assert_eq!(index.line_col(src, x), (2, 11));
        assert_eq!(index.line_col(src, src.len()), (3, 1));
    }

    #[test]
    fn the_index_agrees_with_a_scan_at_every_offset() {
        let src = "a\r\nbé\n\n  x\ny";
        let index = LineIndex::new(src);
        for offset in 0..=src.len() + 2 {
            let clamped = floor_char_boundary(src, offset.min(src.len()));
            let before = &src[..clamped];
            let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
            let start = before.rfind('\n').map_or(0, |i| i + 1);
            let column = before[start..].chars().count() + 1;
            assert_eq!(index.line_col(src, offset), (line, column), "{offset}");
        }
        assert_eq!(index.lines(), 5);
        assert_eq!(index.line_start(4, src), src.len() - 1);
        assert_eq!(index.line_start(9, src), src.len());
    }
}
