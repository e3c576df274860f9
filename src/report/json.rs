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
    let mut out = serde_json::to_string_pretty(&report).expect("the report serialises");
    out.push('\n');
    out
}
