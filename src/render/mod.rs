//! Stage 6, renders: the org chart as DOT, Mermaid or SVG (laid out by
//! copil), and the roadmap skeleton in Markdown. One org-chart model
//! ([`orgchart::Organigramme`]) feeds the three chart formats; every user
//! string goes through [`crate::escape`] for its target.

pub mod dot;
pub mod feuille;
pub mod mermaid;
pub mod orgchart;
pub mod svg;

use crate::check::FileReport;

pub use orgchart::Organigramme;

/// The formats of the org chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum ChartFormat {
    /// SVG dessiné par copil (aucun Graphviz nécessaire).
    Svg,
    /// DOT, pour Graphviz.
    Dot,
    /// Organigramme Mermaid (s'affiche dans le Markdown des forges).
    Mermaid,
}

/// The org chart of a compiled file; `None` when it did not compile.
pub fn organigramme(report: &FileReport, format: ChartFormat) -> Option<String> {
    let (g, a) = (report.gouvernance.as_ref()?, report.analyses.as_ref()?);
    let chart = Organigramme::new(g, a);
    Some(match format {
        ChartFormat::Svg => svg::svg(&chart),
        ChartFormat::Dot => dot::dot(&chart),
        ChartFormat::Mermaid => mermaid::mermaid(&chart),
    })
}

/// The roadmap skeleton of a compiled file; `None` when it did not compile.
pub fn feuille_de_route(report: &FileReport) -> Option<String> {
    feuille::document(report).map(|doc| feuille::markdown::markdown(&doc))
}
