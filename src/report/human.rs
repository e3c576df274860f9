//! The human report: miette's graphical rendering of each diagnostic, with
//! French words around it, and a summary line.

use std::fmt;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};

use super::{Summary, count};
use crate::check::FileReport;
use crate::diagnostic::{Diagnostic, Severity};
use crate::span::LineIndex;

/// How to render the human report.
#[derive(Clone, Copy, Debug)]
pub struct HumanOptions {
    /// Colours (only on a terminal, never with `NO_COLOR`).
    pub color: bool,
    /// Line width.
    pub width: usize,
}

impl Default for HumanOptions {
    fn default() -> Self {
        HumanOptions {
            color: false,
            width: 100,
        }
    }
}

/// A file's text for miette. miette finds the lines around a span by
/// scanning the text from its start, once per diagnostic: with thousands
/// of diagnostics in a large file, that is quadratic. Here the lines are
/// found through a [`LineIndex`], and miette reads only a window of a few
/// lines around the span.
struct IndexedSource<'a> {
    name: &'a str,
    text: &'a str,
    index: LineIndex,
}

impl SourceCode for IndexedSource<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let start = span.offset().min(self.text.len());
        let end = (span.offset() + span.len()).min(self.text.len());
        // One line more on each side than miette keeps: it trims them itself.
        let first = self
            .index
            .line(start)
            .saturating_sub(context_lines_before + 1);
        let last = self.index.line(end) + context_lines_after + 2;
        let from = self.index.line_start(first, self.text);
        let to = self.index.line_start(last, self.text);
        let window = &self.text[from..to];
        let inner = window.read_span(
            &SourceSpan::new((span.offset() - from).into(), span.len()),
            context_lines_before,
            context_lines_after,
        )?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_string(),
            inner.data(),
            SourceSpan::new((inner.span().offset() + from).into(), inner.span().len()),
            inner.line() + first,
            inner.column(),
            inner.line_count() + first,
        )))
    }
}

/// One diagnostic seen through miette.
struct Shown<'a> {
    diagnostic: &'a Diagnostic,
    source: &'a IndexedSource<'a>,
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)?;
        if let Some(motif) = &self.diagnostic.waived {
            write!(f, " (dérogation : {motif})")?;
        }
        Ok(())
    }
}

impl std::error::Error for Shown<'_> {}

impl miette::Diagnostic for Shown<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.diagnostic.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(
            match (self.diagnostic.waived.is_some(), self.diagnostic.severity) {
                (true, _) | (false, Severity::Info) => miette::Severity::Advice,
                (false, Severity::Error) => miette::Severity::Error,
                (false, Severity::Warning) => miette::Severity::Warning,
            },
        )
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let d = self.diagnostic;
        let primary = LabeledSpan::new_primary_with_span(
            (!d.label.is_empty()).then(|| d.label.clone()),
            source_span(d.span),
        );
        let related = d
            .related
            .iter()
            .map(|l| LabeledSpan::new_with_span(Some(l.text.clone()), source_span(l.span)));
        Some(Box::new(std::iter::once(primary).chain(related)))
    }
}

fn source_span(span: crate::span::Span) -> SourceSpan {
    SourceSpan::new(span.start.into(), span.len())
}

/// Every diagnostic of `reports`, rendered by miette, without the summary
/// line (a file without diagnostics gets a "✓" line).
pub fn human_diagnostics(reports: &[FileReport], options: HumanOptions) -> String {
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(options.width)
        .with_links(false);
    let mut out = String::new();
    for report in reports {
        let text = report.source.as_deref().unwrap_or_default();
        let source = IndexedSource {
            name: &report.path,
            text,
            index: LineIndex::new(text),
        };
        if report.diagnostics.is_empty() {
            let name = report
                .nom_territoire
                .as_ref()
                .map(|nom| format!(" ({nom})"))
                .unwrap_or_default();
            out.push_str(&format!("✓ {}{name} : aucun problème\n\n", report.path));
            continue;
        }
        for d in &report.diagnostics {
            let shown = Shown {
                diagnostic: d,
                source: &source,
            };
            let mut text = String::new();
            handler
                .render_report(&mut text, &shown)
                .expect("writing to a String cannot fail");
            out.push_str(&text);
            if let Some(help) = &d.help {
                out.push_str(&format!("  aide : {help}\n"));
            }
            out.push('\n');
        }
    }
    out
}

/// The human report: every diagnostic, then the summary line.
pub fn human(reports: &[FileReport], options: HumanOptions) -> String {
    let mut out = human_diagnostics(reports, options);
    let s = Summary::of(reports);
    let mut parts = vec![
        count(s.errors, "erreur", "erreurs"),
        count(s.warnings, "avertissement", "avertissements"),
        count(s.infos, "info", "infos"),
    ];
    if s.waived > 0 {
        parts.push(count(
            s.waived,
            "dérogation appliquée",
            "dérogations appliquées",
        ));
    }
    let uncompiled = reports.iter().filter(|r| !r.compiled).count();
    out.push_str(&format!(
        "{} : {}",
        count(s.files, "fichier vérifié", "fichiers vérifiés"),
        crate::diagnostic::join_et(&parts)
    ));
    if uncompiled > 0 {
        out.push_str(&if uncompiled == 1 {
            " ; 1 fichier ne compile pas".to_string()
        } else {
            format!(" ; {uncompiled} fichiers ne compilent pas")
        });
    }
    out.push('\n');
    out
}
