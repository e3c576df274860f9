//! Links' routes: orthogonal polylines between placed boxes that cross
//! no other box, with the place of their label.

use super::{MARGIN, Placed, Route, Rows, V_GAP};
use crate::render::orgchart::Lien;

/// The width of a link's label, with its padding.
pub(super) fn label_width(label: &str) -> f64 {
    label.chars().count() as f64 * 6.2 + 8.0
}

/// A link's route: within a row, or down (possibly across rows).
pub(super) fn route(l: &Lien, boxes: &[Placed], rows: &Rows, page_w: f64) -> Route {
    let (a, b) = (&boxes[l.from], &boxes[l.to]);
    let (ra, rb) = (rows.of[l.from], rows.of[l.to]);
    let lw = label_width(l.kind.label());
    if ra != rb {
        return down_route(a, b, boxes, rows, (ra, rb), page_w);
    }
    let (left, right) = if a.x < b.x { (a, b) } else { (b, a) };
    let between = rows.members[ra]
        .iter()
        .any(|&i| boxes[i].x > left.x && boxes[i].x < right.x);
    if between {
        over_route(a, b, rows.top[ra] - V_GAP / 3.0, lw)
    } else {
        side_route(a, b, lw)
    }
}

/// Same row, boxes in between: over them, through the gap above at `top`.
fn over_route(a: &Placed, b: &Placed, top: f64, lw: f64) -> Route {
    let (x1, x2) = (a.x + a.w / 2.0, b.x + b.w / 2.0);
    Route {
        points: vec![(x1, a.y), (x1, top), (x2, top), (x2, b.y)],
        label_x: (x1 + x2) / 2.0 - lw / 2.0 - 4.0,
        label_y: top - 4.0,
    }
}

/// Neighbours in a row: side to side, from `a` to `b`.
fn side_route(a: &Placed, b: &Placed, lw: f64) -> Route {
    let (left, right) = if a.x < b.x { (a, b) } else { (b, a) };
    let (x1, x2, yy) = (left.x + left.w, right.x, left.y + left.h.min(right.h) / 2.0);
    let points = if a.x < b.x {
        vec![(x1, yy), (x2, yy)]
    } else {
        vec![(x2, yy), (x1, yy)]
    };
    Route {
        points,
        label_x: (x1 + x2) / 2.0 - lw / 2.0 - 4.0,
        label_y: yy - 6.0,
    }
}

/// From the bottom of `a` (row `ra`) to the top of `b` (row `rb`). To the
/// next row: through the gap between them. Across rows: down into the
/// first gap, then down a free vertical channel between the boxes of the
/// rows in between (the one nearest the target), then into the target's
/// gap, so that no box is crossed. Only when no such channel exists does
/// the link run along the page's margin.
fn down_route(
    a: &Placed,
    b: &Placed,
    boxes: &[Placed],
    rows: &Rows,
    (ra, rb): (usize, usize),
    page_w: f64,
) -> Route {
    let (x1, y1) = (a.x + a.w / 2.0, a.y + a.h);
    let (x2, y2) = (b.x + b.w / 2.0, b.y);
    let ym = y2 - V_GAP / 2.0;
    let points = if rb == ra + 1 {
        vec![(x1, y1), (x1, ym), (x2, ym), (x2, y2)]
    } else {
        let y_first = rows.bottom[ra] + V_GAP / 3.0;
        let between: Vec<&Placed> = rows.members[ra + 1..rb]
            .iter()
            .flatten()
            .map(|&i| &boxes[i])
            .collect();
        let channel = free_channel(&between, x2, page_w).unwrap_or(if x2 < page_w / 2.0 {
            MARGIN / 3.0
        } else {
            page_w - MARGIN / 3.0
        });
        vec![
            (x1, y1),
            (x1, y_first),
            (channel, y_first),
            (channel, ym),
            (x2, ym),
            (x2, y2),
        ]
    };
    Route {
        points,
        label_x: x2,
        label_y: ym + (y2 - ym) / 2.0 + 4.0,
    }
}

/// The x of a vertical line that crosses none of `boxes` (keeping a
/// clearance), inside the page's margins, nearest `target`: the target
/// itself, or the middle of a gap between boxes, or just beside one.
fn free_channel(boxes: &[&Placed], target: f64, page_w: f64) -> Option<f64> {
    const CLEAR: f64 = 12.0;
    let free = |x: f64| {
        x >= MARGIN
            && x <= page_w - MARGIN
            && boxes
                .iter()
                .all(|p| x < p.x - CLEAR || x > p.x + p.w + CLEAR)
    };
    let mut candidates = vec![target];
    for p in boxes {
        candidates.push(p.x - super::H_GAP / 2.0);
        candidates.push(p.x + p.w + super::H_GAP / 2.0);
    }
    candidates.into_iter().filter(|&x| free(x)).min_by(|x, y| {
        (x - target)
            .abs()
            .total_cmp(&(y - target).abs())
            .then(x.total_cmp(y))
    })
}
