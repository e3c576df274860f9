//! A [`Diff`] for a terminal: the figures side by side, then one line per
//! change (`+` added, `-` removed, `~` changed, `=` renamed, `⇒` merged).

use std::fmt::Write as _;

use super::*;

/// The French label of a field.
pub(super) fn champ(champ: &str) -> &str {
    match champ {
        "nature" => "nature",
        "code" => "code",
        "nom" => "nom",
        "siret" => "SIRET",
        "region" => "région",
        "tags" => "étiquettes",
        "roles" => "rôles",
        "mode" => "mode de pilotage",
        "prefet" => "préfet",
        "pilote" => "collectivité pilote",
        "copilotes" => "copilotes",
        "coordination" => "coordination",
        "referent" => "sous-préfet référent",
        "type" => "type",
        "presidence" => "présidence",
        "membres" => "membres",
        "frequence" => "fréquence",
        "perimetre" => "périmètre",
        "rend_compte" => "rend compte à",
        "adosse" => "adossé à",
        "mission" => "mission",
        "prochaine_reunion" => "prochaine réunion",
        "contrat" => "contrat",
        "porteur" => "porteur",
        "diagnostic" => "diagnostic",
        "porteurs" => "porteurs",
        "besoins" => "besoins",
        "annees" => "années",
        "budget" => "budget",
        "financement" => "cofinancement",
        "subvention" => "subvention de l'État",
        "enveloppe" => "enveloppe",
        "etp" => "ETP",
        "prestation" => "prestation",
        "statut" => "statut",
        "beneficiaire" => "bénéficiaire",
        "nombre" => "nombre de personnes",
        "priorite" => "priorité",
        "total_etp" => "total en ETP",
        "motif" => "motif",
        other => other,
    }
}

/// A change in words, every user string passed through `esc`.
pub(super) fn describe(c: &Changement, esc: &dyn Fn(&str) -> String) -> String {
    match c {
        Changement::Valeur {
            champ: name,
            sujet,
            avant,
            apres,
        } => {
            let label = match sujet {
                Some(s) => format!("{} de {}", champ(name), esc(&s.nom)),
                None => champ(name).to_string(),
            };
            let shown = |v: &Option<String>| v.as_deref().map_or("—".to_string(), esc);
            format!("{label} : {} → {}", shown(avant), shown(apres))
        }
        Changement::Liste {
            champ: name,
            ajoutes,
            retires,
        } => {
            let mut parts: Vec<String> = Vec::new();
            if !ajoutes.is_empty() {
                parts.push(format!(
                    "+ {}",
                    ajoutes
                        .iter()
                        .map(|r| esc(&r.nom))
                        .collect::<Vec<_>>()
                        .join(", + ")
                ));
            }
            if !retires.is_empty() {
                parts.push(format!(
                    "− {}",
                    retires
                        .iter()
                        .map(|r| esc(&r.nom))
                        .collect::<Vec<_>>()
                        .join(", − ")
                ));
            }
            format!("{} : {}", champ(name), parts.join(" ; "))
        }
    }
}

fn plain(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
}

/// The diff for a terminal.
pub fn render(d: &Diff) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Ce que {} change par rapport à {} ({})\n",
        plain(&d.b.chemin),
        plain(&d.a.chemin),
        plain(&d.b.nom)
    );
    if d.a.territoire != d.b.territoire {
        let _ = writeln!(
            s,
            "Attention : les deux fichiers ne décrivent pas le même territoire (A : {}, B : {}).\n",
            plain(&d.a.nom),
            plain(&d.b.nom)
        );
    }
    let width = d
        .chiffres
        .iter()
        .map(|c| c.libelle.chars().count())
        .max()
        .unwrap_or(0);
    let col = |c: &Chiffre, a: bool| {
        if a {
            c.a_texte.clone()
        } else {
            c.b_texte.clone()
        }
    };
    let wa = d
        .chiffres
        .iter()
        .map(|c| col(c, true).chars().count())
        .max()
        .unwrap_or(1)
        .max(1);
    let wb = d
        .chiffres
        .iter()
        .map(|c| col(c, false).chars().count())
        .max()
        .unwrap_or(1)
        .max(1);
    let _ = writeln!(
        s,
        "Chiffres{}  {:>wa$}  {:>wb$}",
        " ".repeat(width - 6),
        "A",
        "B"
    );
    for c in &d.chiffres {
        let mark = if c.a == c.b { " " } else { "*" };
        let _ = writeln!(
            s,
            "  {:<width$}  {:>wa$}  {:>wb$} {mark}",
            c.libelle, c.a_texte, c.b_texte
        );
    }
    if d.est_vide() {
        s.push_str("\nAucun changement de la gouvernance (seulement la mise en page ou les commentaires).\n");
    }
    ensemble(&mut s, "Membres", &d.membres);
    section(&mut s, "Pilotage", &d.pilotage);
    ensemble(&mut s, "Comités", &d.comites.ensemble);
    for f in &d.comites.fusionnes {
        let parts: Vec<String> = f
            .comites
            .iter()
            .map(|p| {
                format!(
                    "« {} » ({} % des membres repris)",
                    plain(&p.comite.nom),
                    p.pourcentage
                )
            })
            .collect();
        let _ = writeln!(
            s,
            "  ⇒ fusionnés dans « {} » : {}",
            plain(&f.dans.nom),
            parts.join(", ")
        );
    }
    ensemble(&mut s, "Instances existantes", &d.existants);
    if !d.sans_chevauchement.ajoutees.is_empty() || !d.sans_chevauchement.retirees.is_empty() {
        s.push_str("\nContraintes sans_chevauchement\n");
        let names = |l: &Vec<Ref>| {
            l.iter()
                .map(|r| format!("« {} »", plain(&r.nom)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        for l in &d.sans_chevauchement.ajoutees {
            let _ = writeln!(s, "  + {}", names(l));
        }
        for l in &d.sans_chevauchement.retirees {
            let _ = writeln!(s, "  - {}", names(l));
        }
    }
    section(&mut s, "CRSN", &d.crsn);
    if !d.feuilles.est_vide() {
        s.push_str("\nFeuilles de route\n");
        for r in &d.feuilles.ajoutees {
            let _ = writeln!(s, "  + {} « {} »", r.id, plain(&r.nom));
        }
        for r in &d.feuilles.retirees {
            let _ = writeln!(s, "  - {} « {} »", r.id, plain(&r.nom));
        }
        for f in &d.feuilles.modifiees {
            let _ = writeln!(s, "  ~ {} « {} »", f.feuille.id, plain(&f.feuille.nom));
            for c in &f.changements {
                let _ = writeln!(s, "      {}", describe(c, &plain));
            }
            for a in &f.actions.ajoutes {
                let _ = writeln!(s, "      + action « {} »", plain(&a.nom));
            }
            for a in &f.actions.retires {
                let _ = writeln!(s, "      - action « {} »", plain(&a.nom));
            }
            for m in &f.actions.modifies {
                let _ = writeln!(s, "      ~ action « {} »", plain(&m.element.nom));
                for c in &m.changements {
                    let _ = writeln!(s, "          {}", describe(c, &plain));
                }
            }
        }
    }
    ensemble(&mut s, "Besoins en ingénierie", &d.besoins);
    ensemble(&mut s, "Dérogations", &d.derogations);
    diagnostics(
        &mut s,
        "Diagnostics corrigés par B",
        &d.diagnostics.corriges,
    );
    diagnostics(
        &mut s,
        "Diagnostics introduits par B",
        &d.diagnostics.introduits,
    );
    s
}

fn section(s: &mut String, title: &str, changes: &[Changement]) {
    if changes.is_empty() {
        return;
    }
    let _ = writeln!(s, "\n{title}");
    for c in changes {
        let _ = writeln!(s, "  ~ {}", describe(c, &plain));
    }
}

fn ensemble(s: &mut String, title: &str, e: &Ensemble) {
    if e.est_vide() {
        return;
    }
    let _ = writeln!(s, "\n{title}");
    let shown = |r: &Ref| {
        if r.id == r.nom {
            plain(&r.nom)
        } else {
            format!("{} ({})", r.id, plain(&r.nom))
        }
    };
    for r in &e.ajoutes {
        let _ = writeln!(s, "  + {}", shown(r));
    }
    for r in &e.retires {
        let _ = writeln!(s, "  - {}", shown(r));
    }
    for r in &e.renommes {
        let _ = writeln!(s, "  = {} devient {} ({})", r.avant, r.apres, plain(&r.nom));
    }
    for m in &e.modifies {
        let _ = writeln!(s, "  ~ {}", shown(&m.element));
        for c in &m.changements {
            let _ = writeln!(s, "      {}", describe(c, &plain));
        }
    }
}

fn diagnostics(s: &mut String, title: &str, list: &[Diag]) {
    if list.is_empty() {
        return;
    }
    let _ = writeln!(s, "\n{title} ({})", list.len());
    for d in list {
        let waived = if d.deroge { " (dérogé)" } else { "" };
        let _ = writeln!(
            s,
            "  {} {} : {}{waived}",
            severite(d.severite),
            d.code,
            plain(&d.message)
        );
    }
}

/// A severity in French.
pub(super) fn severite(s: &str) -> &'static str {
    match s {
        "error" => "erreur",
        "warning" => "avertissement",
        _ => "information",
    }
}
