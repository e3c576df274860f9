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

use std::fmt::Write as _;

use super::dot::fill;
use super::orgchart::{Boite, Kind, LinkKind, Organigramme, WRAP, wrap};
use crate::escape::xml;

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

/// The SVG document.
pub fn svg(chart: &Organigramme) -> String {
    let mut placed: Vec<Placed> = chart.boites.iter().map(size).collect();
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
    let row_width = |row: &[usize], placed: &[Placed]| {
        row.iter().map(|&i| placed[i].w).sum::<f64>() + H_GAP * row.len().saturating_sub(1) as f64
    };
    let content_w = rows
        .iter()
        .map(|r| row_width(r, &placed))
        .fold(0.0, f64::max);
    let title_w = chart.title.chars().count() as f64 * 11.0;
    let legend = legend_items(chart);
    let legend_w = legend.iter().map(|(w, _)| w + 24.0).sum::<f64>();
    let page_w = (content_w.max(title_w).max(legend_w.min(900.0)) + 2.0 * MARGIN).ceil();

    // Rows top-down: order by barycentre of the boxes already placed above.
    let mut y = MARGIN + HEADER;
    let mut row_top = vec![0.0; rows.len()];
    let mut row_bottom = vec![0.0; rows.len()];
    for r in 0..rows.len() {
        if r > 0 {
            let mut keyed: Vec<(f64, usize, usize)> = rows[r]
                .iter()
                .enumerate()
                .map(|(k, &i)| {
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
                                .then(|| placed[other].x + placed[other].w / 2.0)
                        })
                        .collect();
                    let centre = if above.is_empty() {
                        f64::MAX
                    } else {
                        above.iter().sum::<f64>() / above.len() as f64
                    };
                    (centre, k, i)
                })
                .collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            rows[r] = keyed.into_iter().map(|(_, _, i)| i).collect();
        }
        let mut x = ((page_w - row_width(&rows[r], &placed)) / 2.0).floor();
        let height = rows[r].iter().map(|&i| placed[i].h).fold(0.0, f64::max);
        row_top[r] = y;
        row_bottom[r] = y + height;
        for &i in &rows[r] {
            placed[i].x = x;
            placed[i].y = y;
            x += placed[i].w + H_GAP;
        }
        y += height + V_GAP;
    }
    let legend_y = y - V_GAP + 40.0;
    let mut row_of = vec![0; chart.boites.len()];
    for (r, row) in rows.iter().enumerate() {
        for &i in row {
            row_of[i] = r;
        }
    }
    let page_h = (legend_y + 60.0 + MARGIN).ceil();

    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{page_w}\" height=\"{page_h}\" viewBox=\"0 0 {page_w} {page_h}\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"{FONT}\">"
    );
    let _ = writeln!(out, "<title>{}</title>", xml(&chart.title));
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
        xml(&chart.title)
    );

    // Links under the boxes.
    for l in &chart.liens {
        let (a, b) = (&placed[l.from], &placed[l.to]);
        let dash = if l.kind.dashed() {
            " stroke-dasharray=\"6 4\""
        } else {
            ""
        };
        let markers = match l.kind {
            LinkKind::RendCompte => " marker-start=\"url(#fleche)\"",
            _ => " marker-end=\"url(#fleche)\"",
        };
        let (ra, rb) = (row_of[l.from], row_of[l.to]);
        let lw = l.kind.label().chars().count() as f64 * 6.2 + 8.0;
        let (path, lx, ly) = if ra == rb {
            let (left, right) = if a.x < b.x { (a, b) } else { (b, a) };
            let between = rows[ra]
                .iter()
                .any(|&i| placed[i].x > left.x && placed[i].x < right.x);
            if between {
                // Same row, boxes in between: over them, through the gap above.
                let (x1, x2) = (a.x + a.w / 2.0, b.x + b.w / 2.0);
                let top = row_top[ra] - V_GAP / 3.0;
                (
                    format!("M {x1} {} L {x1} {top} L {x2} {top} L {x2} {}", a.y, b.y),
                    (x1 + x2) / 2.0 - lw / 2.0 - 4.0,
                    top - 4.0,
                )
            } else {
                // Neighbours: side to side.
                let (x1, x2, yy) = (left.x + left.w, right.x, left.y + left.h.min(right.h) / 2.0);
                let d = if a.x < b.x {
                    format!("M {x1} {yy} L {x2} {yy}")
                } else {
                    format!("M {x2} {yy} L {x1} {yy}")
                };
                (d, (x1 + x2) / 2.0 - lw / 2.0 - 4.0, yy - 6.0)
            }
        } else {
            let (x1, y1) = (a.x + a.w / 2.0, a.y + a.h);
            let (x2, y2) = (b.x + b.w / 2.0, b.y);
            let ym = y2 - V_GAP / 2.0;
            let d = if rb == ra + 1 {
                format!("M {x1} {y1} L {x1} {ym} L {x2} {ym} L {x2} {y2}")
            } else {
                // Across rows: down into the first gap, along the page's
                // margin, then into the target's gap, so that no box is
                // crossed.
                let y_first = row_bottom[ra] + V_GAP / 3.0;
                let channel = if x2 < page_w / 2.0 {
                    MARGIN / 3.0
                } else {
                    page_w - MARGIN / 3.0
                };
                format!(
                    "M {x1} {y1} L {x1} {y_first} L {channel} {y_first} L {channel} {ym} L {x2} {ym} L {x2} {y2}"
                )
            };
            (d, x2, ym + (y2 - ym) / 2.0 + 4.0)
        };
        let _ = writeln!(
            out,
            "<path class=\"lien\" data-de=\"{}\" data-a=\"{}\" d=\"{path}\" fill=\"none\" stroke=\"#555\" stroke-width=\"1.3\"{dash}{markers}/>",
            chart.boites[l.from].key, chart.boites[l.to].key
        );
        let label = l.kind.label();
        let lw = label.chars().count() as f64 * 6.2 + 8.0;
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

    // Boxes.
    for (b, p) in chart.boites.iter().zip(&placed) {
        let dash = if b.kind == Kind::Existant {
            " stroke-dasharray=\"6 4\""
        } else {
            ""
        };
        let width = if b.kind == Kind::Strategique {
            2.5
        } else {
            1.2
        };
        let _ = writeln!(
            out,
            "<g class=\"noeud\" data-cle=\"{}\"><rect class=\"boite\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"6\" fill=\"{}\" stroke=\"#4d4d4d\" stroke-width=\"{width}\"{dash}/>",
            b.key,
            p.x,
            p.y,
            p.w,
            p.h,
            fill(b.kind)
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

    // Legend.
    let _ = writeln!(
        out,
        "<text x=\"{MARGIN}\" y=\"{}\" font-weight=\"bold\" fill=\"#1e1e1e\">Légende</text>",
        legend_y
    );
    let mut lx = MARGIN;
    let mut ly = legend_y + 12.0;
    for (w, item) in &legend {
        if lx + w > page_w - MARGIN {
            lx = MARGIN;
            ly += 24.0;
        }
        out.push_str(
            &item
                .replace("{x}", &lx.to_string())
                .replace("{y}", &ly.to_string())
                .replace("{tx}", &(lx + 26.0).to_string())
                .replace("{ty}", &(ly + 12.0).to_string()),
        );
        lx += w + 24.0;
    }
    out.push_str("</svg>\n");
    out
}

/// The legend's items: (width, SVG with `{x}`, `{y}`, `{tx}`, `{ty}` to fill).
fn legend_items(chart: &Organigramme) -> Vec<(f64, String)> {
    let mut items = Vec::new();
    for (kind, label) in [
        (Kind::Pilotage, "pilotage"),
        (Kind::Strategique, "comité stratégique"),
        (Kind::Comite, "autre comité"),
        (Kind::Existant, "instance existante"),
        (Kind::Feuille, "feuille de route"),
        (Kind::Crsn, "CRSN de la région"),
    ] {
        if !chart.boites.iter().any(|b| b.kind == kind) {
            continue;
        }
        let dash = if kind == Kind::Existant {
            " stroke-dasharray=\"4 3\""
        } else {
            ""
        };
        let width = if kind == Kind::Strategique { 2.5 } else { 1.2 };
        items.push((
            26.0 + label.chars().count() as f64 * CHAR_W,
            format!(
                "<rect class=\"legende\" x=\"{{x}}\" y=\"{{y}}\" width=\"20\" height=\"14\" rx=\"3\" fill=\"{}\" stroke=\"#4d4d4d\" stroke-width=\"{width}\"{dash}/><text x=\"{{tx}}\" y=\"{{ty}}\" fill=\"#333\">{label}</text>\n",
                fill(kind)
            ),
        ));
    }
    items.push((
        26.0 + 12.0 * CHAR_W,
        "<text x=\"{x}\" y=\"{ty}\" fill=\"#333\">★ présidence</text>\n".to_string(),
    ));
    for (kind, label) in [
        (
            LinkKind::RendCompte,
            "rend compte (flèche vers l'instance supérieure)",
        ),
        (LinkKind::Adosse, "adossé à une instance existante"),
    ] {
        if !chart.liens.iter().any(|l| l.kind == kind) {
            continue;
        }
        let dash = if kind.dashed() {
            " stroke-dasharray=\"6 4\""
        } else {
            ""
        };
        items.push((
            26.0 + label.chars().count() as f64 * CHAR_W,
            format!(
                "<path d=\"M {{x}} {{ty}} l 20 -4\" stroke=\"#555\" stroke-width=\"1.3\" fill=\"none\"{dash}/><text x=\"{{tx}}\" y=\"{{ty}}\" fill=\"#333\">{}</text>\n",
                xml(label)
            ),
        ));
    }
    items
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
