//! The JUnit XML report, for CI test dashboards: one `testsuite` per file,
//! one `testcase` per active rule (a passing rule is a passing case), plus
//! one case for the compiler's own checks. A case fails when its rule
//! raised an error not waived; its warnings and notes are in
//! `system-out`; a case whose errors are all waived by a derogation is
//! `skipped`, with the derogation's reason.

use std::fmt::Write as _;

use crate::check::FileReport;
use crate::diagnostic::{Diagnostic, Severity};
use crate::escape::xml;
use crate::span::LineIndex;

/// The id of the case that gathers the compiler's own diagnostics.
pub const COMPILATION: &str = "copil";

struct Case<'a> {
    name: String,
    diagnostics: Vec<&'a Diagnostic>,
}

impl Case<'_> {
    fn failed(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error && d.waived.is_none())
    }

    fn skipped(&self) -> bool {
        !self.failed()
            && self
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Error && d.waived.is_some())
    }
}

/// The JUnit report of a check.
pub fn junit(reports: &[FileReport]) -> String {
    let mut suites = String::new();
    let (mut tests, mut failures, mut skipped) = (0, 0, 0);
    for report in reports {
        let indexed = report.source.as_deref().map(|s| (s, LineIndex::new(s)));
        let cases = cases(report);
        let suite_failures = cases.iter().filter(|c| c.failed()).count();
        let suite_skipped = cases.iter().filter(|c| c.skipped()).count();
        tests += cases.len();
        failures += suite_failures;
        skipped += suite_skipped;
        let _ = writeln!(
            suites,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{suite_failures}\" errors=\"0\" skipped=\"{suite_skipped}\">",
            xml(&report.path),
            cases.len(),
        );
        suites.push_str("    <properties>\n");
        if let Some(t) = &report.territoire {
            let _ = writeln!(
                suites,
                "      <property name=\"territoire\" value=\"{}\"/>",
                xml(t)
            );
        }
        let _ = writeln!(
            suites,
            "      <property name=\"compile\" value=\"{}\"/>",
            if report.compiled { "oui" } else { "non" }
        );
        suites.push_str("    </properties>\n");
        for case in &cases {
            let _ = write!(
                suites,
                "    <testcase classname=\"{}\" name=\"{}\"",
                xml(&report.path),
                xml(&case.name)
            );
            if case.diagnostics.is_empty() {
                suites.push_str("/>\n");
                continue;
            }
            suites.push_str(">\n");
            let line = |d: &Diagnostic| {
                let (l, c) = indexed
                    .as_ref()
                    .map_or((1, 1), |(src, index)| index.line_col(src, d.span.start));
                let mut text = format!(
                    "{}:{l}:{c} : {} : {}",
                    report.path,
                    d.severity.libelle(),
                    d.message
                );
                if let Some(help) = &d.help {
                    text.push_str(&format!(" (aide : {help})"));
                }
                if let Some(motif) = &d.waived {
                    text.push_str(&format!(" [dérogation : {motif}]"));
                }
                text
            };
            if case.failed() {
                let errors: Vec<&&Diagnostic> = case
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity == Severity::Error && d.waived.is_none())
                    .collect();
                let _ = writeln!(
                    suites,
                    "      <failure message=\"{}\" type=\"erreur\">{}</failure>",
                    xml(&errors[0].message),
                    xml(&errors
                        .iter()
                        .map(|d| line(d))
                        .collect::<Vec<_>>()
                        .join("\n"))
                );
            } else if case.skipped() {
                let motif = case
                    .diagnostics
                    .iter()
                    .find_map(|d| d.waived.as_deref())
                    .unwrap_or_default();
                let _ = writeln!(
                    suites,
                    "      <skipped message=\"dérogation : {}\"/>",
                    xml(motif)
                );
            }
            let others: Vec<String> = case
                .diagnostics
                .iter()
                .filter(|d| d.severity != Severity::Error || d.waived.is_some())
                .map(|d| line(d))
                .collect();
            if !others.is_empty() {
                let _ = writeln!(
                    suites,
                    "      <system-out>{}</system-out>",
                    xml(&others.join("\n"))
                );
            }
            suites.push_str("    </testcase>\n");
        }
        suites.push_str("  </testsuite>\n");
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"copil\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"{skipped}\">\n{suites}</testsuites>\n"
    )
}

/// The cases of one file: the compiler's, then one per active rule.
fn cases(report: &FileReport) -> Vec<Case<'_>> {
    let mut out = vec![Case {
        name: format!("{COMPILATION} — compilation, références et dérogations"),
        diagnostics: report
            .diagnostics
            .iter()
            .filter(|d| d.code.copil().is_some())
            .collect(),
    }];
    for rule in report.regles.iter() {
        out.push(Case {
            name: format!("{} — {}", rule.id, rule.title),
            diagnostics: report
                .diagnostics
                .iter()
                .filter(|d| d.code == rule.id)
                .collect(),
        });
    }
    out
}
