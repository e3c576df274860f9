//! The national report as a Markdown table and as CSV.

use super::{National, compte, mode, modes, note, percent};
use crate::escape::{csv as field, markdown as md};

/// The Markdown table, with a totals line.
pub fn markdown(n: &National) -> String {
    let mut out = String::from("# Gouvernances France Numérique Ensemble : vue nationale\n\n");
    out.push_str("| Code | Territoire | Fichier | Pilotage | Pilote ou copilotes | Instances | Doublons | EPCI représentés | Population représentée | Erreurs | Avertissements | Dérogations |\n");
    out.push_str("|---|---|---|---|---|--:|--:|--:|--:|--:|--:|--:|\n");
    for t in &n.territoires {
        let territoire = if t.compile {
            md(&t.nom)
        } else {
            format!("{} (ne compile pas)", md(&t.nom))
        };
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
            md(&t.code),
            territoire,
            md(&t.fichier),
            mode(t.mode.as_deref()),
            md(&t.porteurs.join(", ")),
            t.instances,
            t.doublons,
            if t.part_epci.is_some() {
                format!(
                    "{}/{} ({})",
                    t.epci_couverts,
                    t.epci_total,
                    percent(t.part_epci)
                )
            } else {
                "—".to_string()
            },
            percent(t.part_population),
            t.erreurs,
            t.avertissements,
            t.derogations,
        ));
    }
    let s = &n.totaux;
    out.push_str(&format!(
        "| **Total** | {} |  | {} |  | {} | {} | {}/{} ({}) |  | {} | {} | {} |\n",
        compte(s),
        modes(s),
        s.instances,
        s.doublons,
        s.epci_couverts,
        s.epci_total,
        percent(s.part_epci),
        s.erreurs,
        s.avertissements,
        s.derogations,
    ));
    out.push_str(&format!("\n{}\n", md(&note(s))));
    out
}

/// The CSV table (comma-separated, UTF-8, decimal point), with a totals line.
pub fn csv(n: &National) -> String {
    let mut out = String::from(
        "code,territoire,fichier,compile,pilotage,porteurs,instances,doublons,epci_couverts,epci_total,part_epci,part_population,erreurs,avertissements,derogations\r\n",
    );
    let share = |s: Option<f64>| s.map_or(String::new(), |s| format!("{s:.4}"));
    for t in &n.territoires {
        let row = [
            field(&t.code),
            field(&t.nom),
            field(&t.fichier),
            (if t.compile { "oui" } else { "non" }).to_string(),
            field(t.mode.as_deref().unwrap_or_default()),
            field(&t.porteurs.join(" ; ")),
            t.instances.to_string(),
            t.doublons.to_string(),
            t.epci_couverts.to_string(),
            t.epci_total.to_string(),
            share(t.part_epci),
            share(t.part_population),
            t.erreurs.to_string(),
            t.avertissements.to_string(),
            t.derogations.to_string(),
        ];
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    let s = &n.totaux;
    out.push_str(&format!(
        "total,{},,{},,,{},{},{},{},{},,{},{},{}\r\n",
        field(&compte(s)),
        s.compiles,
        s.instances,
        s.doublons,
        s.epci_couverts,
        s.epci_total,
        share(s.part_epci),
        s.erreurs,
        s.avertissements,
        s.derogations,
    ));
    out
}
