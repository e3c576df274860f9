//! A [`Diff`] as the Markdown page a Hub attaches to its proposal: the
//! figures in a table, then what changes, in French sentences and tables.
//! Every user string is escaped ([`crate::escape::markdown`]); no id, code
//! or JSON is shown raw: names, and the rule ids a reader looks up.

use std::fmt::Write as _;

use super::human::{describe, severite};
use super::*;
use crate::escape;

fn esc(text: &str) -> String {
    escape::markdown(text)
}

fn names(refs: &[Ref]) -> String {
    let names: Vec<String> = refs
        .iter()
        .map(|r| format!("« {} »", esc(&r.nom)))
        .collect();
    crate::diagnostic::join_et(&names)
}

/// The page.
pub fn render(d: &Diff) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# Ce que change la proposition — {}\n", esc(&d.b.nom));
    let _ = writeln!(
        s,
        "Comparaison de la proposition **{}** (B) avec la gouvernance **{}** (A).\n",
        esc(&d.b.chemin),
        esc(&d.a.chemin)
    );
    if d.a.territoire != d.b.territoire {
        let _ = writeln!(
            s,
            "> **Attention** : les deux fichiers ne décrivent pas le même territoire (A : {}, B : {}).\n",
            esc(&d.a.nom),
            esc(&d.b.nom)
        );
    }
    s.push_str("## En chiffres\n\n| chiffre | A (actuel) | B (proposition) | écart |\n|---|---:|---:|---:|\n");
    for c in &d.chiffres {
        let ecart = if c.a == c.b {
            "=".to_string()
        } else if c.cle.starts_with("couverture") {
            format!("{:+} pts", c.b - c.a)
        } else if matches!(c.cle, "budget" | "cofinancements" | "subventions") {
            signed(c.b - c.a, true)
        } else {
            signed(c.b - c.a, false)
        };
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} |",
            c.libelle,
            esc(&c.a_texte),
            esc(&c.b_texte),
            esc(&ecart)
        );
    }
    if d.est_vide() {
        s.push_str("\nLa proposition ne change pas la gouvernance : seulement la mise en page ou les commentaires.\n");
    }
    ensemble(&mut s, "Membres", "membre", &d.membres);
    changes(&mut s, "Pilotage", &d.pilotage);
    if !d.comites.est_vide() {
        let fusions: Vec<String> = d
            .comites
            .fusionnes
            .iter()
            .map(|f| {
                let parts: Vec<String> = f
                    .comites
                    .iter()
                    .map(|p| {
                        format!(
                            "« {} » ({} % de ses membres y siègent)",
                            esc(&p.comite.nom),
                            p.pourcentage
                        )
                    })
                    .collect();
                let verbe = if f.comites.len() > 1 {
                    "sont fusionnés"
                } else {
                    "est fusionné"
                };
                format!(
                    "- **Fusion** : {} {verbe} dans « {} ».",
                    crate::diagnostic::join_et(&parts),
                    esc(&f.dans.nom)
                )
            })
            .collect();
        ensemble_with(&mut s, "Comités", "comité", &d.comites.ensemble, &fusions);
    }
    ensemble(&mut s, "Instances existantes", "instance", &d.existants);
    let sc = &d.sans_chevauchement;
    if !sc.ajoutees.is_empty() || !sc.retirees.is_empty() {
        s.push_str("\n## Contraintes de non-chevauchement\n\n");
        for l in &sc.ajoutees {
            let _ = writeln!(
                s,
                "- Ajoutée : les périmètres de {} ne doivent pas se recouper.",
                names(l)
            );
        }
        for l in &sc.retirees {
            let _ = writeln!(
                s,
                "- Retirée : les périmètres de {} ne sont plus tenus d'être disjoints.",
                names(l)
            );
        }
    }
    changes(&mut s, "CRSN", &d.crsn);
    if !d.feuilles.est_vide() {
        s.push_str("\n## Feuilles de route\n");
        if !d.feuilles.ajoutees.is_empty() || !d.feuilles.retirees.is_empty() {
            s.push('\n');
        }
        for r in &d.feuilles.ajoutees {
            let _ = writeln!(s, "- Ajoutée : « {} ».", esc(&r.nom));
        }
        for r in &d.feuilles.retirees {
            let _ = writeln!(s, "- Retirée : « {} ».", esc(&r.nom));
        }
        for f in &d.feuilles.modifiees {
            let _ = writeln!(s, "\n### « {} »\n", esc(&f.feuille.nom));
            for c in &f.changements {
                let _ = writeln!(s, "- {}.", capital(&describe(c, &esc)));
            }
            for a in &f.actions.ajoutes {
                let _ = writeln!(s, "- Action ajoutée : « {} ».", esc(&a.nom));
            }
            for a in &f.actions.retires {
                let _ = writeln!(s, "- Action retirée : « {} ».", esc(&a.nom));
            }
            if !f.actions.modifies.is_empty() {
                s.push_str("\n| action | ce qui change |\n|---|---|\n");
                for m in &f.actions.modifies {
                    let _ = writeln!(
                        s,
                        "| « {} » | {} |",
                        esc(&m.element.nom),
                        cell(&m.changements)
                    );
                }
            }
        }
    }
    ensemble(&mut s, "Besoins en ingénierie", "besoin", &d.besoins);
    if !d.derogations.est_vide() {
        s.push_str("\n## Dérogations\n\n");
        for r in &d.derogations.ajoutes {
            let _ = writeln!(s, "- Ajoutée : {} (« {} »).", esc(&r.id), esc(&r.nom));
        }
        for r in &d.derogations.retires {
            let _ = writeln!(s, "- Retirée : {} (« {} »).", esc(&r.id), esc(&r.nom));
        }
        for m in &d.derogations.modifies {
            let _ = writeln!(s, "- {} : {}.", esc(&m.element.id), cell(&m.changements));
        }
    }
    diagnostics(
        &mut s,
        "Ce que la proposition corrige",
        "La proposition corrige",
        &d.diagnostics.corriges,
    );
    diagnostics(
        &mut s,
        "Ce que la proposition introduit",
        "La proposition introduit",
        &d.diagnostics.introduits,
    );
    s
}

fn signed(v: f64, euros: bool) -> String {
    let sign = if v > 0.0 { "+" } else { "−" };
    let n = if euros {
        values::euros(v.abs())
    } else {
        values::nombre(v.abs())
    };
    format!("{sign}{n}")
}

fn capital(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Several changes in one table cell.
fn cell(changes: &[Changement]) -> String {
    changes
        .iter()
        .map(|c| describe(c, &esc))
        .collect::<Vec<_>>()
        .join(" ; ")
}

fn changes(s: &mut String, title: &str, list: &[Changement]) {
    if list.is_empty() {
        return;
    }
    let _ = writeln!(s, "\n## {title}\n");
    for c in list {
        let _ = writeln!(s, "- {}.", capital(&describe(c, &esc)));
    }
}

fn ensemble(s: &mut String, title: &str, what: &str, e: &Ensemble) {
    ensemble_with(s, title, what, e, &[]);
}

/// A section: sentences for what is added, removed, renamed (then
/// `extra`), a table of what changed.
fn ensemble_with(s: &mut String, title: &str, what: &str, e: &Ensemble, extra: &[String]) {
    if e.est_vide() && extra.is_empty() {
        return;
    }
    let _ = writeln!(s, "\n## {title}\n");
    let plural = |n: usize, word: &str| {
        if n > 1 {
            format!("{n} {word}s")
        } else {
            format!("{n} {word}")
        }
    };
    if !e.ajoutes.is_empty() {
        let _ = writeln!(
            s,
            "- **Ajout{}** ({}) : {}.",
            if e.ajoutes.len() > 1 { "s" } else { "" },
            plural(e.ajoutes.len(), what),
            names(&e.ajoutes)
        );
    }
    if !e.retires.is_empty() {
        let _ = writeln!(
            s,
            "- **Retrait{}** ({}) : {}.",
            if e.retires.len() > 1 { "s" } else { "" },
            plural(e.retires.len(), what),
            names(&e.retires)
        );
    }
    for r in &e.renommes {
        let _ = writeln!(
            s,
            "- « {} » change d'identifiant dans le fichier (même {what}).",
            esc(&r.nom)
        );
    }
    for line in extra {
        let _ = writeln!(s, "{line}");
    }
    if !e.modifies.is_empty() {
        let _ = writeln!(s, "\n| {what} | ce qui change |\n|---|---|");
        for m in &e.modifies {
            let _ = writeln!(
                s,
                "| « {} » | {} |",
                esc(&m.element.nom),
                cell(&m.changements)
            );
        }
    }
}

fn diagnostics(s: &mut String, title: &str, sentence: &str, list: &[Diag]) {
    if list.is_empty() {
        return;
    }
    let _ = writeln!(s, "\n## {title}\n");
    let _ = writeln!(
        s,
        "{sentence} {} :\n\n| gravité | règle | constat |\n|---|---|---|",
        crate::report::count(list.len(), "diagnostic", "diagnostics")
    );
    for d in list {
        let waived = if d.deroge {
            " (couvert par une dérogation)"
        } else {
            ""
        };
        let _ = writeln!(
            s,
            "| {}{waived} | {} | {} |",
            severite(d.severite),
            esc(&d.code),
            esc(&d.message)
        );
    }
}
