//! The org chart as a Mermaid flowchart, which code forges render inside
//! Markdown: one subgraph per group, existing bodies dashed.

use std::fmt::Write as _;

use super::orgchart::{Kind, LinkKind, Organigramme, WRAP, wrap};
use crate::escape::mermaid as esc;

/// The Mermaid text (without the Markdown fence).
pub fn mermaid(chart: &Organigramme) -> String {
    // Lines are wrapped here, at the chart's width: Mermaid must not wrap
    // them a second time at its default 200 pixels.
    let mut out =
        String::from("---\nconfig:\n  flowchart:\n    wrappingWidth: 480\n---\nflowchart TB\n");
    for (cluster, members) in chart.groupes() {
        let _ = writeln!(
            out,
            "  subgraph {}[\"{}\"]",
            cluster.key(),
            esc(cluster.title())
        );
        for b in members {
            let title: Vec<String> = wrap(&b.title, WRAP - 4).iter().map(|l| esc(l)).collect();
            let mut label = format!("<b>{}</b>", title.join("<br/>"));
            for line in b.lines.iter().flat_map(|l| wrap(l, WRAP)) {
                label.push_str("<br/>");
                label.push_str(&esc(&line));
            }
            let _ = writeln!(out, "    {}[\"{label}\"]", b.key);
        }
        out.push_str("  end\n");
    }
    // « rend compte » points up, to the upper body; Mermaid only draws an
    // arrowhead at a link's end, and ranks a link's end below its start.
    // So an invisible link from the upper body down keeps the hierarchy,
    // and the visible one runs from the lower body up with its arrowhead.
    for l in chart
        .liens
        .iter()
        .filter(|l| l.kind == LinkKind::RendCompte)
    {
        let (upper, lower) = (&chart.boites[l.from].key, &chart.boites[l.to].key);
        let _ = writeln!(out, "  {upper} ~~~ {lower}");
    }
    for l in &chart.liens {
        let (from, to) = (&chart.boites[l.from].key, &chart.boites[l.to].key);
        let (from, to, arrow) = match l.kind {
            LinkKind::RendCompte => (to, from, "-->"),
            k if k.dashed() => (from, to, "-.->"),
            _ => (from, to, "-->"),
        };
        let _ = writeln!(out, "  {from} {arrow}|\"{}\"| {to}", esc(l.kind.label()));
    }
    for (kind, class, style) in [
        (Kind::Pilotage, "pilotage", "fill:#dbe7f6,stroke:#4a6fa5"),
        (
            Kind::Strategique,
            "strategique",
            "fill:#fde9c8,stroke:#b7791f,stroke-width:2px",
        ),
        (Kind::Comite, "comite", "fill:#fff7e6,stroke:#b7791f"),
        (
            Kind::Existant,
            "existant",
            "fill:#f2f2f2,stroke:#777,stroke-dasharray:5 5",
        ),
        (Kind::Feuille, "feuille", "fill:#e3f2e1,stroke:#3c7d3a"),
        (Kind::Crsn, "crsn", "fill:#ece3f4,stroke:#6b4c8a"),
    ] {
        let keys: Vec<&str> = chart
            .boites
            .iter()
            .filter(|b| b.kind == kind)
            .map(|b| b.key.as_str())
            .collect();
        if keys.is_empty() {
            continue;
        }
        let _ = writeln!(out, "  classDef {class} {style}");
        let _ = writeln!(out, "  class {} {class}", keys.join(","));
    }
    out
}
