//! The JSON report: the public contract of DESIGN §6, version 1.

use serde::Serialize;

use super::Summary;
use crate::check::FileReport;
use crate::span::LineIndex;

/// Version of the JSON contract.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    files: Vec<File<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct File<'a> {
    path: &'a str,
    territoire: Option<&'a str>,
    compiled: bool,
    diagnostics: Vec<Diag<'a>>,
}

#[derive(Serialize)]
struct Diag<'a> {
    code: &'a str,
    severity: &'static str,
    message: &'a str,
    help: Option<&'a str>,
    span: Span,
    waived: bool,
}

#[derive(Serialize)]
struct Span {
    start: usize,
    end: usize,
    line: usize,
    column: usize,
}

/// The JSON report of a check, pretty-printed, ending with a newline.
pub fn json(reports: &[FileReport]) -> String {
    String::from_utf8(json_bytes(reports)).expect("serde_json writes UTF-8")
}

/// [`json`] as the bytes of its UTF-8 text, for standard output: a
/// report of 80 Mo is not read again to check that it is UTF-8.
pub fn json_bytes(reports: &[FileReport]) -> Vec<u8> {
    let report = Report {
        version: VERSION,
        files: reports
            .iter()
            .map(|r| {
                let indexed = r.source.as_deref().map(|s| (s, LineIndex::new(s)));
                File {
                    path: &r.path,
                    territoire: r.territoire.as_deref(),
                    compiled: r.compiled,
                    diagnostics: r
                        .diagnostics
                        .iter()
                        .map(|d| {
                            let (line, column) = indexed
                                .as_ref()
                                .map_or((1, 1), |(src, index)| index.line_col(src, d.span.start));
                            Diag {
                                code: d.code.as_str(),
                                severity: d.severity.as_str(),
                                message: &d.message,
                                help: d.help.as_deref(),
                                span: Span {
                                    start: d.span.start,
                                    end: d.span.end,
                                    line,
                                    column,
                                },
                                waived: d.waived.is_some(),
                            }
                        })
                        .collect(),
                }
            })
            .collect(),
        summary: Summary::of(reports),
    };
    // Sized for the report up front: a file with 200 000 diagnostics
    // writes 80 Mo, which growing by doubling copied twice over.
    let size: usize = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .map(|d| 320 + d.message.len() + d.help.as_ref().map_or(0, String::len))
        .sum();
    let mut out = Vec::with_capacity(size + 256 * reports.len() + 512);
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, Pretty::default());
    report
        .serialize(&mut serializer)
        .expect("the report serialises");
    out.push(b'\n');
    out
}

/// serde_json's pretty layout (two spaces a level), with each line break
/// and its indentation written at once rather than two bytes at a time.
#[derive(Default)]
struct Pretty {
    level: usize,
    has_value: bool,
}

impl Pretty {
    /// `,` if `comma`, a line break, then the indentation of this level.
    fn line<W: ?Sized + std::io::Write>(&self, out: &mut W, comma: bool) -> std::io::Result<()> {
        const BREAK: &[u8] = b",\n                                ";
        let start = usize::from(!comma);
        let width = 2 + 2 * self.level;
        if width <= BREAK.len() {
            return out.write_all(&BREAK[start..width]);
        }
        out.write_all(&BREAK[start..2])?;
        (0..self.level).try_for_each(|_| out.write_all(b"  "))
    }
}

impl serde_json::ser::Formatter for Pretty {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.level += 1;
        self.has_value = false;
        out.write_all(b"[")
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.level -= 1;
        if self.has_value {
            self.line(out, false)?;
        }
        out.write_all(b"]")
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        out: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.line(out, !first)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.level += 1;
        self.has_value = false;
        out.write_all(b"{")
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.level -= 1;
        if self.has_value {
            self.line(out, false)?;
        }
        out.write_all(b"}")
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        out: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.line(out, !first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(
        &mut self,
        out: &mut W,
    ) -> std::io::Result<()> {
        out.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The layout is serde_json's pretty one, at every depth (deeper than
    /// the indentation written at once, too).
    #[test]
    fn the_layout_is_serde_json_pretty() {
        let mut deep = serde_json::json!("fond");
        for i in 0..24 {
            deep = serde_json::json!({"niveau": i, "liste": [deep, [], {}, [1, "a"]], "vide": {}});
        }
        let mut out = Vec::new();
        deep.serialize(&mut serde_json::Serializer::with_formatter(
            &mut out,
            Pretty::default(),
        ))
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            serde_json::to_string_pretty(&deep).unwrap()
        );
    }
}
