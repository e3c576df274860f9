//! Stage 6, renders: the org chart as DOT, Mermaid, SVG (laid out by
//! copil) or PNG (rasterised from the SVG), and the roadmap skeleton
//! ([`feuille::Document`]) in Markdown or OpenDocument. One org-chart
//! model ([`orgchart::Organigramme`]) feeds the chart formats; every user
//! string goes through [`crate::escape`] for its target.

pub mod dot;
pub mod feuille;
pub mod mermaid;
pub mod orgchart;
pub mod png;
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

/// The org chart as a PNG image (rasterised from its SVG); `None` when the
/// file did not compile, an error (in French) when it cannot be drawn.
pub fn organigramme_png(report: &FileReport) -> Option<Result<Vec<u8>, String>> {
    organigramme(report, ChartFormat::Svg).map(|svg| png::png(&svg))
}

/// The roadmap skeleton of a compiled file; `None` when it did not compile.
pub fn feuille_de_route(report: &FileReport) -> Option<String> {
    feuille::document(report).map(|doc| feuille::markdown::markdown(&doc))
}

/// The roadmap skeleton as OpenDocument text (`.odt`); `None` when the
/// file did not compile.
pub fn feuille_de_route_odt(report: &FileReport) -> Option<Result<Vec<u8>, String>> {
    feuille::document(report).map(|doc| feuille::odt::odt(&doc))
}

/// The roadmap skeleton as OpenDocument text with an org-chart image drawn
/// elsewhere: `image` is a PNG of [`organigramme_fixe`] (the web editor
/// draws it in the browser). `None` when the file did not compile.
pub fn feuille_de_route_odt_avec_image(
    report: &FileReport,
    image: Vec<u8>,
) -> Option<Result<Vec<u8>, String>> {
    feuille::document(report).map(|doc| feuille::odt::odt_with(&doc, |_| Ok(image)))
}

/// The org chart as SVG at its own size in pixels (what the PNG and the
/// image of the `.odt` are drawn from); `None` when the file did not
/// compile.
pub fn organigramme_fixe(report: &FileReport) -> Option<String> {
    let (g, a) = (report.gouvernance.as_ref()?, report.analyses.as_ref()?);
    Some(svg::svg_fixe(&Organigramme::new(g, a)))
}
