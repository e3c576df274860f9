//! The org chart in DOT, for Graphviz: one cluster per group (pilotage,
//! instances, existing bodies, roadmaps, région), one rank per layer.

use std::fmt::Write as _;

use super::orgchart::{Kind, LinkKind, Organigramme, WRAP, wrap};
use crate::escape::dot as esc;

/// Fill colour of a box.
pub(crate) fn fill(kind: Kind) -> &'static str {
    match kind {
        Kind::Pilotage => "#dbe7f6",
        Kind::Strategique => "#fde9c8",
        Kind::Comite => "#fff7e6",
        Kind::Existant => "#f2f2f2",
        Kind::Feuille => "#e3f2e1",
        Kind::Crsn => "#ece3f4",
    }
}

/// The DOT text.
pub fn dot(chart: &Organigramme) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "digraph organigramme {{");
    let _ = writeln!(
        out,
        "  graph [label=\"{}\", labelloc=t, fontsize=18, fontname=\"DejaVu Sans\", rankdir=TB, newrank=true, nodesep=0.4, ranksep=0.6];",
        esc(&chart.title)
    );
    let _ = writeln!(
        out,
        "  node [shape=box, style=\"rounded,filled\", fontname=\"DejaVu Sans\", fontsize=11];"
    );
    let _ = writeln!(out, "  edge [fontname=\"DejaVu Sans\", fontsize=9];");
    for (cluster, members) in chart.groupes() {
        let _ = writeln!(out, "  subgraph cluster_{} {{", cluster.key());
        let _ = writeln!(
            out,
            "    label=\"{}\"; labeljust=l; style=\"rounded,dashed\"; color=\"#9aa5b1\";",
            esc(cluster.title())
        );
        for b in members {
            let label = wrap(&b.title, WRAP - 4)
                .iter()
                .chain(
                    b.lines
                        .iter()
                        .flat_map(|l| wrap(l, WRAP))
                        .collect::<Vec<_>>()
                        .iter(),
                )
                .map(|l| esc(l))
                .collect::<Vec<_>>()
                .join("\\n");
            let style = if b.kind == Kind::Existant {
                "rounded,filled,dashed"
            } else {
                "rounded,filled"
            };
            let pen = if b.kind == Kind::Strategique {
                ", penwidth=2"
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "    {} [label=\"{label}\", fillcolor=\"{}\", style=\"{style}\"{pen}];",
                b.key,
                fill(b.kind)
            );
        }
        let _ = writeln!(out, "  }}");
    }
    let layers = chart.boites.iter().map(|b| b.layer).max().unwrap_or(0);
    for layer in 0..=layers {
        let keys: Vec<&str> = chart
            .boites
            .iter()
            .filter(|b| b.layer == layer)
            .map(|b| b.key.as_str())
            .collect();
        if keys.len() > 1 {
            let _ = writeln!(out, "  {{ rank=same; {}; }}", keys.join("; "));
        }
    }
    for l in &chart.liens {
        let (from, to) = (&chart.boites[l.from].key, &chart.boites[l.to].key);
        let mut attrs = vec![format!("label=\"{}\"", esc(l.kind.label()))];
        if l.kind.dashed() {
            attrs.push("style=dashed".to_string());
        }
        if l.kind == LinkKind::RendCompte {
            attrs.push("dir=back".to_string());
        }
        let _ = writeln!(out, "  {from} -> {to} [{}];", attrs.join(", "));
    }
    out.push_str("}\n");
    out
}
