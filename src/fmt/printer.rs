//! The printer: lines built word by word, with the file's comments placed
//! where they were met.
//!
//! Comments are taken in source order. Before each word, the comments
//! written before it in the source are placed: one on the same source line
//! as what precedes it ends the current line (an end-of-line comment), one
//! on its own line gets its own line; either way the statement goes on on
//! a continuation line. After each statement, a comment on the same source
//! line is its end-of-line comment. End-of-line comments of consecutive
//! lines at one indentation are aligned (`# …` one column after the widest
//! of these lines). A blank line (one, however many were written) is kept
//! between statements, never at the start or the end of a block.

use crate::span::Span;
use crate::syntax::ast::Comment;

use super::{INDENT, WIDTH};

/// A printed line.
#[derive(Debug)]
enum Line {
    Blank,
    Text {
        indent: usize,
        text: String,
        comment: Option<String>,
    },
}

/// The printer's state: the lines written, the one being built, and the
/// next comment to place.
pub(super) struct Printer<'a> {
    pub(super) src: &'a str,
    comments: Vec<&'a Comment>,
    next: usize,
    out: Vec<Line>,
    cur: Option<(usize, String, Option<String>)>,
    /// Where the last word (or comment) placed ends in the source.
    pub(super) last: usize,
    /// True at the start of the file or of a block: no blank line there.
    fresh: bool,
}

/// The whole file printed.
pub(super) fn print(src: &str, file: &crate::syntax::ast::File) -> String {
    let mut comments: Vec<&Comment> = file.comments.iter().collect();
    comments.sort_by_key(|c| c.span.start);
    let mut p = Printer {
        src,
        comments,
        next: 0,
        out: Vec::new(),
        cur: None,
        last: 0,
        fresh: true,
    };
    super::items::file(&mut p, &file.items);
    p.render()
}

/// The width of a text as shown, in characters (the last line of a text
/// over several lines).
pub(super) fn width(text: &str) -> usize {
    text.rsplit('\n').next().unwrap_or(text).chars().count()
}

impl<'a> Printer<'a> {
    fn pending(&self) -> Option<&'a Comment> {
        self.comments.get(self.next).copied()
    }

    /// True when some comment still to place lies inside `span` (a binary
    /// search: the comments are sorted).
    pub(super) fn comments_inside(&self, span: Span) -> bool {
        let rest = &self.comments[self.next..];
        let i = rest.partition_point(|c| c.span.start <= span.start);
        rest.get(i).is_some_and(|c| c.span.start < span.end)
    }

    /// True when the source between `a` and `b` holds an empty line.
    pub(super) fn blank_between(&self, a: usize, b: usize) -> bool {
        if a >= b {
            return false;
        }
        let parts: Vec<&str> = self.src[a..b].split('\n').collect();
        parts.len() > 2
            && parts[1..parts.len() - 1]
                .iter()
                .any(|l| l.trim().is_empty())
    }

    /// True when a comment at `b` ends the line of what ends at `a`: only
    /// blanks (and a `,` or `{`) between them, no line break.
    fn same_line(&self, a: usize, b: usize) -> bool {
        a <= b
            && self.src[a..b].chars().all(|c| {
                matches!(
                    c,
                    ' ' | '\t' | ',' | '{' | '\u{a0}' | '\u{202f}' | '\u{feff}'
                )
            })
    }

    /// A blank line, unless at the start of a block or after another.
    pub(super) fn blank(&mut self) {
        self.end_line();
        if !self.fresh && !matches!(self.out.last(), Some(Line::Blank) | None) {
            self.out.push(Line::Blank);
        }
    }

    fn comment_text(c: &Comment) -> String {
        format!("#{}", c.text.trim_end())
    }

    /// The spans of the comments still to place, in source order.
    pub(super) fn comment_spans(&self) -> Vec<Span> {
        self.comments[self.next..].iter().map(|c| c.span).collect()
    }

    /// True when a comment at `b` ends the line of what ends at `a`.
    pub(super) fn on_same_line(&self, a: usize, b: usize) -> bool {
        self.same_line(a, b)
    }

    /// Places the next comment on a line of its own at `indent`.
    pub(super) fn own_line_comment(&mut self, indent: usize) {
        let c = self.comments[self.next];
        self.next += 1;
        self.end_line();
        self.out.push(Line::Text {
            indent,
            text: Self::comment_text(c),
            comment: None,
        });
        self.last = self.last.max(c.span.end);
        self.fresh = false;
    }

    /// The comments written before `start`, each on its own line at
    /// `indent`, with the blank lines between them.
    pub(super) fn leading(&mut self, start: usize, indent: usize) {
        while let Some(c) = self.pending()
            && c.span.start < start
        {
            if self.blank_between(self.last, c.span.start) {
                self.blank();
            }
            self.own_line_comment(indent);
        }
    }

    /// Starts a statement at `start` in the source: its leading comments,
    /// a blank line if the source had one, then a line at `indent` that
    /// holds `text` (its keyword, which ends at `text_end`).
    pub(super) fn line(&mut self, start: usize, indent: usize, text: &str, text_end: usize) {
        self.leading(start, indent);
        if self.blank_between(self.last, start) {
            self.blank();
        }
        self.end_line();
        self.cur = Some((indent, text.to_string(), None));
        self.last = self.last.max(text_end);
        self.fresh = false;
    }

    /// Places the comments written before `before`: they end the current
    /// line, which goes on at `cont`. True when some were placed.
    fn inner_comments(&mut self, before: usize, cont: usize) -> bool {
        let mut placed = false;
        while let Some(c) = self.pending()
            && c.span.start < before
        {
            let trailing = self.same_line(self.last, c.span.start)
                && self
                    .cur
                    .as_ref()
                    .is_some_and(|(_, _, comment)| comment.is_none());
            if trailing {
                self.next += 1;
                if let Some(cur) = self.cur.as_mut() {
                    cur.2 = Some(Self::comment_text(c));
                }
                self.last = self.last.max(c.span.end);
            } else {
                self.own_line_comment(cont);
            }
            placed = true;
        }
        if placed {
            self.end_line();
            self.cur = Some((cont, String::new(), None));
        }
        placed
    }

    /// Appends `text` to the current line, after a space.
    pub(super) fn append(&mut self, text: &str) {
        let cur = self.cur.get_or_insert_with(|| (0, String::new(), None));
        if !cur.1.is_empty() {
            cur.1.push(' ');
        }
        cur.1.push_str(text);
    }

    /// A word written at `span`, after the comments written before it; a
    /// comment breaks the line, which goes on at `cont`.
    pub(super) fn word(&mut self, text: &str, span: Span, cont: usize) {
        self.inner_comments(span.start, cont);
        self.append(text);
        self.last = self.last.max(span.end);
    }

    /// A list `a, b, c`: as many items on a line as fit in [`WIDTH`], the
    /// next lines at `cont`; a comment between two items ends the line.
    pub(super) fn list(&mut self, items: &[(String, Span)], cont: usize) {
        let mut on_line = false;
        for (i, (text, span)) in items.iter().enumerate() {
            let text = if i + 1 < items.len() {
                format!("{text},")
            } else {
                text.clone()
            };
            if self.inner_comments(span.start, cont) {
                on_line = false;
            }
            if on_line && self.cur_width() + 1 + width(&text) > WIDTH {
                self.end_line();
                self.cur = Some((cont, String::new(), None));
            }
            self.append(&text);
            self.last = self.last.max(span.end);
            on_line = true;
        }
    }

    fn cur_width(&self) -> usize {
        self.cur.as_ref().map_or(0, |(indent, text, _)| {
            if text.contains('\n') {
                width(text)
            } else {
                indent + width(text)
            }
        })
    }

    /// Ends the current statement: a comment on the same source line as
    /// its last word is its end-of-line comment.
    pub(super) fn finish(&mut self) {
        if let Some(c) = self.pending()
            && c.span.start >= self.last
            && self.same_line(self.last, c.span.start)
            && self
                .cur
                .as_ref()
                .is_some_and(|(_, _, comment)| comment.is_none())
        {
            self.next += 1;
            if let Some(cur) = self.cur.as_mut() {
                cur.2 = Some(Self::comment_text(c));
            }
            self.last = self.last.max(c.span.end);
        }
        self.end_line();
    }

    fn end_line(&mut self) {
        if let Some((indent, text, comment)) = self.cur.take()
            && !(text.is_empty() && comment.is_none())
        {
            self.out.push(Line::Text {
                indent,
                text,
                comment,
            });
        }
    }

    /// Where the `{` after `from` is (past blanks and comments).
    pub(super) fn brace_after(&self, from: usize, until: usize) -> Option<usize> {
        let bytes = self.src.as_bytes();
        let mut i = from;
        while i < until {
            match bytes[i] {
                b'{' => return Some(i),
                b'#' => {
                    while i < until && bytes[i] != b'\n' {
                        i += 1;
                    }
                }
                b' ' | b'\t' | b'\r' | b'\n' => i += 1,
                _ if self.src[i..].starts_with('\u{feff}') => i += '\u{feff}'.len_utf8(),
                _ => return None,
            }
        }
        None
    }

    /// Opens a block at the `{` found at `brace`: ` {` ends the current
    /// line, with the comment written on the header's line or after `{`.
    pub(super) fn open(&mut self, brace: usize) {
        self.append("{");
        self.finish();
        self.last = self.last.max(brace + 1);
        self.fresh = true;
    }

    /// Closes a block whose `}` is at `close`: the comments left before it
    /// (inside the block, at `indent + INDENT`), then `}` at `indent`.
    pub(super) fn close(&mut self, close: usize, indent: usize) {
        self.end_line();
        self.leading(close, indent + INDENT);
        self.cur = Some((indent, "}".to_string(), None));
        self.last = self.last.max(close + 1);
        self.fresh = false;
        self.finish();
    }

    /// The comments left at the end of the file.
    pub(super) fn rest(&mut self, after_block: bool) {
        self.end_line();
        let mut first = true;
        while let Some(c) = self.pending() {
            if self.blank_between(self.last, c.span.start) || (first && after_block) {
                self.blank();
            }
            self.own_line_comment(0);
            first = false;
        }
    }

    /// The lines as text: indentation, end-of-line comments aligned within
    /// each run of consecutive lines at one indentation, `\n` after each.
    fn render(mut self) -> String {
        self.end_line();
        let mut columns = vec![0; self.out.len()];
        let mut i = 0;
        while i < self.out.len() {
            let Line::Text { indent, .. } = self.out[i] else {
                i += 1;
                continue;
            };
            let mut j = i;
            let mut column = 0;
            while let Some(Line::Text {
                indent: at,
                text,
                comment,
            }) = self.out.get(j)
                && *at == indent
            {
                if comment.is_some() {
                    column = column.max(Self::shown_width(*at, text));
                }
                j += 1;
            }
            for c in &mut columns[i..j] {
                *c = column;
            }
            i = j;
        }
        let mut s = String::new();
        for (line, column) in self.out.iter().zip(columns) {
            match line {
                Line::Blank => s.push('\n'),
                Line::Text {
                    indent,
                    text,
                    comment,
                } => {
                    let mut l = " ".repeat(*indent);
                    l.push_str(text);
                    let trimmed = trim_last_line(&l);
                    l.truncate(trimmed);
                    if let Some(comment) = comment {
                        let shown = Self::shown_width(*indent, text);
                        let pad = if text.is_empty() {
                            0
                        } else {
                            column - shown + 2
                        };
                        l.push_str(&" ".repeat(pad));
                        l.push_str(comment);
                    }
                    s.push_str(&l);
                    s.push('\n');
                }
            }
        }
        s
    }

    fn shown_width(indent: usize, text: &str) -> usize {
        if text.contains('\n') {
            width(text)
        } else {
            indent + width(text.trim_end())
        }
    }
}

/// The length of `line` without the spaces that end its last line.
fn trim_last_line(line: &str) -> usize {
    let start = line.rfind('\n').map_or(0, |i| i + 1);
    start + line[start..].trim_end_matches(' ').len()
}
