//! The org chart as SVG, laid out by copil itself (no Graphviz needed).
//!
//! A layered layout of our own, because the boxes already come in layers
//! (pilotage, strategic comités, comités by level, roadmaps): each layer is
//! a row; within a row, boxes are ordered by the mean position of the boxes
//! they hang from (one barycentre pass, top-down) and packed with a fixed
//! gap, so that no two boxes can overlap; rows are separated by room for
//! the links and their labels. Box sizes come from the text, wrapped to a
//! readable width. Links are orthogonal polylines. A title and a legend
//! frame the chart. Every user string is XML-escaped.
//!
//! Two steps: `layout` computes every position and size (boxes, rows,
//! link routes, legend) into a `Layout`, with no text written; `write`
//! turns the `Layout` into SVG text.

use std::fmt::Write as _;

mod routes;

use super::dot::fill;
use super::orgchart::{Boite, Kind, Lien, LinkKind, Organigramme, WRAP, wrap};
use crate::escape::xml;
use routes::{label_width, route};

const FONT: f64 = 12.0;
const TITLE_FONT: f64 = 13.0;
/// A generous mean advance of DejaVu Sans / Helvetica at 12 px, so that
/// text stays inside its box in any sans-serif font.
const CHAR_W: f64 = 7.4;
const TITLE_CHAR_W: f64 = 8.6;
const LINE_H: f64 = 16.0;
const PAD: f64 = 10.0;
const H_GAP: f64 = 64.0;
const V_GAP: f64 = 80.0;
const MARGIN: f64 = 30.0;
const HEADER: f64 = 60.0;

/// A box placed on the page.
#[derive(Clone, Debug)]
struct Placed {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
    title: Vec<String>,
    lines: Vec<String>,
}

/// The rows of boxes, top-down, once placed.
struct Rows {
    /// The boxes of each row, left to right.
    members: Vec<Vec<usize>>,
    /// Each row's top.
    top: Vec<f64>,
    /// Each row's bottom (its tallest box).
    bottom: Vec<f64>,
    /// The row of each box.
    of: Vec<usize>,
}

/// A link's route: an orthogonal polyline and where its label sits (the
/// left end of the label's baseline, before padding).
struct Route {
    points: Vec<(f64, f64)>,
    label_x: f64,
    label_y: f64,
}

/// What a legend entry shows beside its label.
#[derive(Clone, Copy)]
enum Mark {
    /// A small box of a kind.
    Boite(Kind),
    /// The chairs' star, drawn by its label alone.
    Presidence,
    /// A short link of a kind.
    Lien(LinkKind),
}

/// A legend entry.
struct LegendEntry {
    mark: Mark,
    label: &'static str,
}

impl LegendEntry {
    fn width(&self) -> f64 {
        26.0 + self.label.chars().count() as f64 * CHAR_W
    }
}

/// Everything [`write`] needs: the page, the boxes (in the chart's
/// order), the links' routes (in the chart's order) and the legend.
struct Layout {
    width: f64,
    height: f64,
    boxes: Vec<Placed>,
    routes: Vec<Route>,
    legend_y: f64,
    /// Each entry with the top-left corner of its mark.
    legend: Vec<(f64, f64, LegendEntry)>,
}

/// The SVG document, responsive: it scales down to the width of its
/// container (a browser window, a web page), never beyond its own size.
pub fn svg(chart: &Organigramme) -> String {
    write(chart, &layout(chart), true)
}

/// The SVG document at its own size in pixels (what the PNG is drawn from).
pub fn svg_fixe(chart: &Organigramme) -> String {
    write(chart, &layout(chart), false)
}

// --- layout ------------------------------------------------------------

/// Sizes and places the boxes row by row, routes the links, places the
/// legend below the last row.
fn layout(chart: &Organigramme) -> Layout {
    let mut boxes: Vec<Placed> = chart.boites.iter().map(size).collect();
    let legend = legend_entries(chart);
    let rows = layers(chart);
    let width = page_width(chart, &rows, &boxes, &legend);
    let (rows, end) = place_rows(chart, rows, &mut boxes, width);
    let legend_y = end - V_GAP + 40.0;
    let routes = chart
        .liens
        .iter()
        .map(|l| route(l, &boxes, &rows, width))
        .collect();
    Layout {
        width,
        height: (legend_y + 60.0 + MARGIN).ceil(),
        legend: place_legend(legend, legend_y, width),
        legend_y,
        boxes,
        routes,
    }
}

fn size(b: &Boite) -> Placed {
    let title = wrap(&b.title, WRAP - 4);
    let lines: Vec<String> = b.lines.iter().flat_map(|l| wrap(l, WRAP)).collect();
    let widest = title
        .iter()
        .map(|l| l.chars().count() as f64 * TITLE_CHAR_W)
        .chain(lines.iter().map(|l| l.chars().count() as f64 * CHAR_W))
        .fold(0.0, f64::max);
    Placed {
        x: 0.0,
        y: 0.0,
        w: (widest + 2.0 * PAD).max(150.0).ceil(),
        h: (2.0 * PAD + title.len() as f64 * LINE_H + 6.0 + lines.len() as f64 * LINE_H).ceil(),
        title,
        lines,
    }
}

/// The boxes of each non-empty layer, in declaration order.
fn layers(chart: &Organigramme) -> Vec<Vec<usize>> {
    let layers = chart
        .boites
        .iter()
        .map(|b| b.layer)
        .max()
        .map_or(0, |l| l + 1);
    let mut rows: Vec<Vec<usize>> = vec![Vec::new(); layers];
    for (i, b) in chart.boites.iter().enumerate() {
        rows[b.layer].push(i);
    }
    rows.retain(|r| !r.is_empty());
    rows
}

/// A row's width: its boxes and the gaps between them.
fn row_width(row: &[usize], boxes: &[Placed]) -> f64 {
    row.iter().map(|&i| boxes[i].w).sum::<f64>() + H_GAP * row.len().saturating_sub(1) as f64
}

/// The page's width: the widest of the rows, the title and the legend
/// (which wraps past 900), with margins.
fn page_width(
    chart: &Organigramme,
    rows: &[Vec<usize>],
    boxes: &[Placed],
    legend: &[LegendEntry],
) -> f64 {
    let content_w = rows.iter().map(|r| row_width(r, boxes)).fold(0.0, f64::max);
    let title_w = chart.title.chars().count() as f64 * 11.0;
    let legend_w = legend.iter().map(|e| e.width() + 24.0).sum::<f64>();
    (content_w.max(title_w).max(legend_w.min(900.0)) + 2.0 * MARGIN).ceil()
}

/// Places the rows top-down, each ordered by barycentre of the rows
/// above and centred on the page. Returns the rows and the height
/// reached (below the last row's gap).
fn place_rows(
    chart: &Organigramme,
    mut members: Vec<Vec<usize>>,
    boxes: &mut [Placed],
    page_w: f64,
) -> (Rows, f64) {
    let mut y = MARGIN + HEADER;
    let mut top = vec![0.0; members.len()];
    let mut bottom = vec![0.0; members.len()];
    for r in 0..members.len() {
        if r > 0 {
            members[r] = by_barycentre(chart, &members[r], boxes);
        }
        let height = place_row(&members[r], boxes, y, page_w);
        top[r] = y;
        bottom[r] = y + height;
        y += height + V_GAP;
    }
    let mut of = vec![0; chart.boites.len()];
    for (r, row) in members.iter().enumerate() {
        for &i in row {
            of[i] = r;
        }
    }
    let rows = Rows {
        members,
        top,
        bottom,
        of,
    };
    (rows, y)
}

/// Places a row's boxes at `y`, left to right with a fixed gap, the row
/// centred on the page. Returns the row's height.
fn place_row(row: &[usize], boxes: &mut [Placed], y: f64, page_w: f64) -> f64 {
    let mut x = ((page_w - row_width(row, boxes)) / 2.0).floor();
    let height = row.iter().map(|&i| boxes[i].h).fold(0.0, f64::max);
    for &i in row {
        boxes[i].x = x;
        boxes[i].y = y;
        x += boxes[i].w + H_GAP;
    }
    height
}

/// A row's boxes ordered by barycentre; boxes linked to nothing above go
/// last, in their previous order.
fn by_barycentre(chart: &Organigramme, row: &[usize], boxes: &[Placed]) -> Vec<usize> {
    let mut keyed: Vec<(f64, usize, usize)> = row
        .iter()
        .enumerate()
        .map(|(k, &i)| (barycentre(chart, i, boxes), k, i))
        .collect();
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    keyed.into_iter().map(|(_, _, i)| i).collect()
}

/// The mean centre of the boxes above that box `i` is linked to, or
/// `f64::MAX` when there are none.
fn barycentre(chart: &Organigramme, i: usize, boxes: &[Placed]) -> f64 {
    let above: Vec<f64> = chart
        .liens
        .iter()
        .filter_map(|l| {
            let other = if l.to == i {
                l.from
            } else if l.from == i {
                l.to
            } else {
                return None;
            };
            (chart.boites[other].layer < chart.boites[i].layer)
                .then(|| boxes[other].x + boxes[other].w / 2.0)
        })
        .collect();
    if above.is_empty() {
        f64::MAX
    } else {
        above.iter().sum::<f64>() / above.len() as f64
    }
}

/// The legend's entries: the kinds of boxes and links the chart has, and
/// the chairs' star.
fn legend_entries(chart: &Organigramme) -> Vec<LegendEntry> {
    let mut entries = Vec::new();
    for (kind, label) in [
        (Kind::Pilotage, "pilotage"),
        (Kind::Strategique, "comité stratégique"),
        (Kind::Comite, "autre comité"),
        (Kind::Existant, "instance existante"),
        (Kind::Feuille, "feuille de route"),
        (Kind::Crsn, "CRSN de la région"),
    ] {
        if chart.boites.iter().any(|b| b.kind == kind) {
            entries.push(LegendEntry {
                mark: Mark::Boite(kind),
                label,
            });
        }
    }
    entries.push(LegendEntry {
        mark: Mark::Presidence,
        label: "★ présidence",
    });
    for (kind, label) in [
        (
            LinkKind::RendCompte,
            "rend compte (flèche vers l'instance supérieure)",
        ),
        (LinkKind::Adosse, "adossé à une instance existante"),
    ] {
        if chart.liens.iter().any(|l| l.kind == kind) {
            entries.push(LegendEntry {
                mark: Mark::Lien(kind),
                label,
            });
        }
    }
    entries
}

/// Places the legend's entries left to right from `legend_y`, wrapping at
/// the page's margin.
fn place_legend(
    entries: Vec<LegendEntry>,
    legend_y: f64,
    page_w: f64,
) -> Vec<(f64, f64, LegendEntry)> {
    let mut x = MARGIN;
    let mut y = legend_y + 12.0;
    let mut placed = Vec::with_capacity(entries.len());
    for entry in entries {
        let w = entry.width();
        if x + w > page_w - MARGIN {
            x = MARGIN;
            y += 24.0;
        }
        placed.push((x, y, entry));
        x += w + 24.0;
    }
    placed
}

// --- writing -----------------------------------------------------------

/// Writes the document: header, links under the boxes, boxes, legend.
fn write(chart: &Organigramme, layout: &Layout, responsive: bool) -> String {
    let mut out = String::new();
    write_header(&mut out, &chart.title, layout, responsive);
    for (l, route) in chart.liens.iter().zip(&layout.routes) {
        write_link(&mut out, chart, l, route);
    }
    for (b, p) in chart.boites.iter().zip(&layout.boxes) {
        write_box(&mut out, b, p);
    }
    write_legend(&mut out, layout);
    out.push_str("</svg>\n");
    out
}

/// The `<svg>` element, the arrow marker, the background and the title.
fn write_header(out: &mut String, title: &str, layout: &Layout, responsive: bool) {
    let (page_w, page_h) = (layout.width, layout.height);
    let size = if responsive {
        format!("width=\"100%\" style=\"max-width: {page_w}px; height: auto\"")
    } else {
        format!("width=\"{page_w}\" height=\"{page_h}\"")
    };
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" {size} viewBox=\"0 0 {page_w} {page_h}\" preserveAspectRatio=\"xMidYMin meet\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"{FONT}\">"
    );
    let _ = writeln!(out, "<title>{}</title>", xml(title));
    out.push_str("<defs><marker id=\"fleche\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#555\"/></marker></defs>\n");
    let _ = writeln!(
        out,
        "<rect width=\"{page_w}\" height=\"{page_h}\" fill=\"#ffffff\"/>"
    );
    let _ = writeln!(
        out,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"18\" font-weight=\"bold\" fill=\"#1e1e1e\">{}</text>",
        page_w / 2.0,
        MARGIN + 18.0,
        xml(title)
    );
}

/// A link's path and its label on a white patch.
fn write_link(out: &mut String, chart: &Organigramme, l: &Lien, route: &Route) {
    let dash = if l.kind.dashed() {
        " stroke-dasharray=\"6 4\""
    } else {
        ""
    };
    let markers = match l.kind {
        LinkKind::RendCompte => " marker-start=\"url(#fleche)\"",
        _ => " marker-end=\"url(#fleche)\"",
    };
    let path = route
        .points
        .iter()
        .map(|(x, y)| format!("{x} {y}"))
        .collect::<Vec<_>>()
        .join(" L ");
    let _ = writeln!(
        out,
        "<path class=\"lien\" data-de=\"{}\" data-a=\"{}\" d=\"M {path}\" fill=\"none\" stroke=\"#555\" stroke-width=\"1.3\"{dash}{markers}/>",
        chart.boites[l.from].key, chart.boites[l.to].key
    );
    let label = l.kind.label();
    let lw = label_width(label);
    let (lx, ly) = (route.label_x, route.label_y);
    let _ = writeln!(
        out,
        "<rect class=\"etiquette\" x=\"{}\" y=\"{}\" width=\"{lw}\" height=\"14\" fill=\"#ffffff\" opacity=\"0.9\"/><text x=\"{}\" y=\"{}\" font-size=\"10\" fill=\"#333\">{}</text>",
        lx + 4.0,
        ly - 11.0,
        lx + 8.0,
        ly,
        xml(label)
    );
}

/// A box: its frame, its title in bold, its lines.
fn write_box(out: &mut String, b: &Boite, p: &Placed) {
    let dash = if b.kind == Kind::Existant {
        " stroke-dasharray=\"6 4\""
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "<g class=\"noeud\" data-cle=\"{}\"><rect class=\"boite\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"6\" fill=\"{}\" stroke=\"#4d4d4d\" stroke-width=\"{}\"{dash}/>",
        b.key,
        p.x,
        p.y,
        p.w,
        p.h,
        fill(b.kind),
        stroke_width(b.kind)
    );
    let mut ty = p.y + PAD + TITLE_FONT;
    for line in &p.title {
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{ty}\" font-size=\"{TITLE_FONT}\" font-weight=\"bold\" fill=\"#1e1e1e\">{}</text>",
            p.x + PAD,
            xml(line)
        );
        ty += LINE_H;
    }
    ty += 6.0;
    for line in &p.lines {
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{ty}\" fill=\"#333\">{}</text>",
            p.x + PAD,
            xml(line)
        );
        ty += LINE_H;
    }
    out.push_str("</g>\n");
}

/// A strategic comité's frame is thicker.
fn stroke_width(kind: Kind) -> f64 {
    if kind == Kind::Strategique { 2.5 } else { 1.2 }
}

/// The legend's title and entries.
fn write_legend(out: &mut String, layout: &Layout) {
    let _ = writeln!(
        out,
        "<text x=\"{MARGIN}\" y=\"{}\" font-weight=\"bold\" fill=\"#1e1e1e\">Légende</text>",
        layout.legend_y
    );
    for (x, y, entry) in &layout.legend {
        write_legend_entry(out, *x, *y, entry);
    }
}

/// A legend entry whose mark's top-left corner is at (`x`, `y`).
fn write_legend_entry(out: &mut String, x: f64, y: f64, entry: &LegendEntry) {
    let (tx, ty) = (x + 26.0, y + 12.0);
    let label = xml(entry.label);
    let _ = match entry.mark {
        Mark::Boite(kind) => {
            let dash = if kind == Kind::Existant {
                " stroke-dasharray=\"4 3\""
            } else {
                ""
            };
            writeln!(
                out,
                "<rect class=\"legende\" x=\"{x}\" y=\"{y}\" width=\"20\" height=\"14\" rx=\"3\" fill=\"{}\" stroke=\"#4d4d4d\" stroke-width=\"{}\"{dash}/><text x=\"{tx}\" y=\"{ty}\" fill=\"#333\">{label}</text>",
                fill(kind),
                stroke_width(kind)
            )
        }
        Mark::Presidence => writeln!(
            out,
            "<text x=\"{x}\" y=\"{ty}\" fill=\"#333\">{label}</text>"
        ),
        Mark::Lien(kind) => {
            let dash = if kind.dashed() {
                " stroke-dasharray=\"6 4\""
            } else {
                ""
            };
            writeln!(
                out,
                "<path d=\"M {x} {ty} l 20 -4\" stroke=\"#555\" stroke-width=\"1.3\" fill=\"none\"{dash}/><text x=\"{tx}\" y=\"{ty}\" fill=\"#333\">{label}</text>"
            )
        }
    };
}

#[cfg(test)]
mod tests {
    use super::super::orgchart::wrap;

    #[test]
    fn wrapping_keeps_words_and_cuts_long_ones() {
        assert_eq!(
            wrap("Comité de pilotage France Numérique Ensemble", 20),
            ["Comité de pilotage", "France Numérique", "Ensemble"]
        );
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 10), [""]);
        // A no-break space (U+00A0) keeps its words together.
        assert_eq!(
            wrap("Présidé par la préfecture\u{a0}★ et 1\u{a0}autre", 27),
            ["Présidé par la préfecture\u{a0}★", "et 1\u{a0}autre"]
        );
    }
}
