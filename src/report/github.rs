//! GitHub Actions workflow commands: one `::error`, `::warning` or
//! `::notice` line per diagnostic, with its file, line, column and end,
//! and the rule id as title. Escaped per the workflow-command rules: in the
//! message `%`, CR and LF; in properties also `:` and `,`.

use crate::check::FileReport;
use crate::diagnostic::Severity;
use crate::escape::{github_data as data, github_property as property};
use crate::span::LineIndex;

/// The workflow commands of a check, one per line.
pub fn github(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for report in reports {
        let indexed = report.source.as_deref().map(|s| (s, LineIndex::new(s)));
        for d in &report.diagnostics {
            let command = match (d.severity, &d.waived) {
                (_, Some(_)) | (Severity::Info, _) => "notice",
                (Severity::Error, None) => "error",
                (Severity::Warning, None) => "warning",
            };
            let mut properties = vec![format!("file={}", property(&report.path))];
            if let Some((src, index)) = &indexed {
                let (line, col) = index.line_col(src, d.span.start);
                let (end_line, end_col) = index.line_col(src, d.span.end.max(d.span.start));
                properties.push(format!("line={line}"));
                properties.push(format!("col={col}"));
                properties.push(format!("endLine={end_line}"));
                properties.push(format!("endColumn={end_col}"));
            }
            properties.push(format!("title={}", property(d.code.as_str())));
            let mut message = d.message.clone();
            if let Some(motif) = &d.waived {
                message.push_str(&format!(" (dérogation : {motif})"));
            }
            if let Some(help) = &d.help {
                message.push_str(&format!("\naide : {help}"));
            }
            out.push_str(&format!(
                "::{command} {}::{}\n",
                properties.join(","),
                data(&message)
            ));
        }
    }
    out
}
