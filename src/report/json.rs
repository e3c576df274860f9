//! The JSON report: the public contract of DESIGN §6, version 1.
//!
//! Written by hand in serde_json's pretty layout (two spaces a level): the
//! keys and the punctuation are constants, only the texts of the files are
//! escaped (by serde_json). A file with 200 000 diagnostics writes 80 Mo of
//! JSON, and serialising it field by field through serde was a quarter of
//! its check. A test keeps the text equal to what `serde_json` writes for
//! the same report.

use std::io::Write as _;

use super::Summary;
use crate::check::FileReport;
use crate::diagnostic::Diagnostic;
use crate::span::LineIndex;

/// Version of the JSON contract.
pub const VERSION: u32 = 1;

/// The JSON report of a check, pretty-printed, ending with a newline.
pub fn json(reports: &[FileReport]) -> String {
    String::from_utf8(json_bytes(reports)).expect("the report is UTF-8")
}

/// [`json`] as the bytes of its UTF-8 text, for standard output: a
/// report of 80 Mo is not read again to check that it is UTF-8.
pub fn json_bytes(reports: &[FileReport]) -> Vec<u8> {
    // Sized for the report up front: growing by doubling copied it twice.
    let size: usize = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .map(|d| 320 + d.message.len() + d.help.as_ref().map_or(0, String::len))
        .sum();
    let mut out = Vec::with_capacity(size + 256 * reports.len() + 512);
    out.extend_from_slice(b"{\n  \"version\": ");
    number(&mut out, VERSION as usize);
    out.extend_from_slice(b",\n  \"files\": [");
    for (i, report) in reports.iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
        file(&mut out, report);
    }
    if !reports.is_empty() {
        out.extend_from_slice(b"\n  ");
    }
    let s = Summary::of(reports);
    out.extend_from_slice(b"],\n  \"summary\": {\n    \"files\": ");
    number(&mut out, s.files);
    out.extend_from_slice(b",\n    \"errors\": ");
    number(&mut out, s.errors);
    out.extend_from_slice(b",\n    \"warnings\": ");
    number(&mut out, s.warnings);
    out.extend_from_slice(b",\n    \"infos\": ");
    number(&mut out, s.infos);
    out.extend_from_slice(b",\n    \"waived\": ");
    number(&mut out, s.waived);
    out.extend_from_slice(b"\n  }\n}\n");
    out
}

/// One element of `files`, at its indentation.
fn file(out: &mut Vec<u8>, r: &FileReport) {
    out.extend_from_slice(b"    {\n      \"path\": ");
    text(out, &r.path);
    out.extend_from_slice(b",\n      \"territoire\": ");
    optional_text(out, r.territoire.as_deref());
    out.extend_from_slice(b",\n      \"compiled\": ");
    out.extend_from_slice(if r.compiled { b"true" } else { b"false" });
    out.extend_from_slice(b",\n      \"diagnostics\": [");
    let indexed = r.source.as_deref().map(|s| (s, LineIndex::new(s)));
    for (i, d) in r.diagnostics.iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
        let (line, column) = indexed
            .as_ref()
            .map_or((1, 1), |(src, index)| index.line_col(src, d.span.start));
        diagnostic(out, d, line, column);
    }
    if !r.diagnostics.is_empty() {
        out.extend_from_slice(b"\n      ");
    }
    out.extend_from_slice(b"]\n    }");
}

/// One element of `diagnostics`, at its indentation.
fn diagnostic(out: &mut Vec<u8>, d: &Diagnostic, line: usize, column: usize) {
    out.extend_from_slice(b"        {\n          \"code\": ");
    text(out, d.code.as_str());
    out.extend_from_slice(b",\n          \"severity\": ");
    text(out, d.severity.as_str());
    out.extend_from_slice(b",\n          \"message\": ");
    text(out, &d.message);
    out.extend_from_slice(b",\n          \"help\": ");
    optional_text(out, d.help.as_deref());
    out.extend_from_slice(b",\n          \"span\": {\n            \"start\": ");
    number(out, d.span.start);
    out.extend_from_slice(b",\n            \"end\": ");
    number(out, d.span.end);
    out.extend_from_slice(b",\n            \"line\": ");
    number(out, line);
    out.extend_from_slice(b",\n            \"column\": ");
    number(out, column);
    out.extend_from_slice(b"\n          },\n          \"waived\": ");
    out.extend_from_slice(if d.waived.is_some() {
        b"true"
    } else {
        b"false"
    });
    out.extend_from_slice(b"\n        }");
}

/// A JSON string, escaped as serde_json escapes it.
fn text(out: &mut Vec<u8>, value: &str) {
    serde_json::to_writer(&mut *out, value).expect("writing to memory");
}

fn optional_text(out: &mut Vec<u8>, value: Option<&str>) {
    match value {
        Some(value) => text(out, value),
        None => out.extend_from_slice(b"null"),
    }
}

fn number(out: &mut Vec<u8>, value: usize) {
    out.write_all(itoa::Buffer::new().format(value).as_bytes())
        .expect("writing to memory");
}

#[cfg(test)]
mod tests {
    use serde::Serialize;

    use super::*;
    use crate::diagnostic::{Code, Severity};
    use crate::span::Span as Offsets;

    /// The report as serde would describe it: what the text must be.
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

    fn reference(reports: &[FileReport]) -> String {
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
                                    .map_or((1, 1), |(s, i)| i.line_col(s, d.span.start));
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
        serde_json::to_string_pretty(&report).unwrap() + "\n"
    }

    /// The text written by hand is serde_json's, for no file, a file
    /// without diagnostics, files that compile or not, and texts that need
    /// escaping (quotes, backslashes, control characters, accents, emoji).
    #[test]
    fn the_text_is_what_serde_json_writes() {
        let hostile = "« \"cité\" » \\ \n\t\u{1}\u{7f} é 🚀 </script>";
        let rules = crate::rules::Rules::embedded().unwrap();
        let checked = || {
            let source = format!("territoire 38\n\nmembre a {hostile}\n");
            let mut report =
                crate::check::check_source("chemin/« Isère ».copil".into(), source, &rules);
            report.diagnostics.push(
                Diagnostic::error(Code::Evaluation, Offsets::new(15, 20), hostile)
                    .help(hostile.to_string()),
            );
            let mut waived = Diagnostic::rule("FNE-X-01", Severity::Info, Offsets::new(0, 1), "m");
            waived.waived = Some("motif".into());
            report.diagnostics.push(waived);
            report
        };
        let quiet = || {
            let mut report = checked();
            report.diagnostics.clear();
            report.territoire = None;
            report
        };
        let failed = || {
            FileReport::failed(
                hostile.into(),
                vec![Diagnostic::error(Code::Evaluation, Offsets::new(3, 4), "x")],
            )
        };
        for reports in [
            vec![],
            vec![quiet()],
            vec![checked(), failed(), quiet()],
            vec![checked()],
        ] {
            assert_eq!(json(&reports), reference(&reports));
        }
    }
}
