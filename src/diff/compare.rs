//! The comparison itself, element by element, once ids are paired
//! ([`super::identity`]).

use std::collections::{BTreeMap, BTreeSet};

use super::identity::{self, Pairing};
use super::values::{self, annees, euros, nom, nombre};
use super::*;
use crate::diagnostic::Severity;
use crate::model::{Action, Comite, Existant, FeuilleDeRoute, Membre, Mode, Perimetre};

pub(super) fn diff(a: Side<'_>, b: Side<'_>) -> Diff {
    let (ga, gb) = (a.gouvernance, b.gouvernance);
    let mut pairing = Pairing {
        membres: identity::membres(ga, gb),
        ..Pairing::default()
    };
    pairing.comites = identity::comites(ga, gb, &pairing);
    pairing.existants = identity::existants(ga, gb, &pairing);
    let c = Cmp {
        a: ga,
        b: gb,
        p: &pairing,
    };
    Diff {
        version: VERSION,
        a: fichier(a),
        b: fichier(b),
        chiffres: chiffres(a, b),
        membres: c.membres(),
        pilotage: c.pilotage(),
        comites: c.comites(),
        existants: c.existants(),
        sans_chevauchement: c.contraintes(),
        crsn: c.crsn(),
        feuilles: c.feuilles(),
        besoins: c.besoins(),
        derogations: c.derogations(),
        diagnostics: diagnostics(a.diagnostics, b.diagnostics),
    }
}

fn fichier(side: Side<'_>) -> Fichier {
    Fichier {
        chemin: side.path.to_string(),
        territoire: side.gouvernance.territoire.codes.clone(),
        nom: side.gouvernance.territoire.nom.clone(),
    }
}

/// The two governances and the pairing of their ids.
struct Cmp<'g> {
    a: &'g Gouvernance,
    b: &'g Gouvernance,
    p: &'g Pairing,
}

/// Pushes a change of value when `avant` and `apres` differ.
fn valeur(
    out: &mut Vec<Changement>,
    champ: &'static str,
    avant: Option<String>,
    apres: Option<String>,
) {
    if avant != apres {
        out.push(Changement::Valeur {
            champ,
            sujet: None,
            avant,
            apres,
        });
    }
}

/// Pushes the change of a list, given as (B id, A's ref) for A and B's
/// refs for B.
fn liste(out: &mut Vec<Changement>, champ: &'static str, a: Vec<(String, Ref)>, b: Vec<Ref>) {
    let in_a: BTreeSet<&str> = a.iter().map(|(id, _)| id.as_str()).collect();
    let in_b: BTreeSet<&str> = b.iter().map(|r| r.id.as_str()).collect();
    let mut ajoutes: Vec<Ref> = b
        .iter()
        .filter(|r| !in_a.contains(r.id.as_str()))
        .cloned()
        .collect();
    let mut retires: Vec<Ref> = a
        .iter()
        .filter(|(id, _)| !in_b.contains(id.as_str()))
        .map(|(_, r)| r.clone())
        .collect();
    ajoutes.dedup();
    retires.dedup();
    if !ajoutes.is_empty() || !retires.is_empty() {
        out.push(Changement::Liste {
            champ,
            ajoutes,
            retires,
        });
    }
}

/// Plain words as a list (tags, roles, needs).
fn mots<'s>(words: impl Iterator<Item = &'s str>) -> Vec<Ref> {
    words
        .map(|w| Ref {
            id: w.to_string(),
            nom: w.to_string(),
        })
        .collect()
}

fn mots_a<'s>(words: impl Iterator<Item = &'s str>) -> Vec<(String, Ref)> {
    mots(words).into_iter().map(|r| (r.id.clone(), r)).collect()
}

impl Cmp<'_> {
    fn ref_a(&self, id: &str) -> Ref {
        Ref {
            id: id.to_string(),
            nom: nom(self.a, id),
        }
    }

    fn ref_b(&self, id: &str) -> Ref {
        Ref {
            id: id.to_string(),
            nom: nom(self.b, id),
        }
    }

    /// A's members, as (B id, A ref).
    fn membres_a(&self, ids: &[String]) -> Vec<(String, Ref)> {
        ids.iter()
            .map(|id| (self.p.membre(id), self.ref_a(id)))
            .collect()
    }

    fn membres_b(&self, ids: &[String]) -> Vec<Ref> {
        ids.iter().map(|id| self.ref_b(id)).collect()
    }

    /// A member id of A, shown by its name; compared as its B id.
    fn membre_a(&self, id: Option<&String>) -> (Option<String>, Option<String>) {
        (id.map(|id| self.p.membre(id)), id.map(|id| nom(self.a, id)))
    }

    /// Pushes a change of a field that names one member.
    fn membre_champ(
        &self,
        out: &mut Vec<Changement>,
        champ: &'static str,
        a: Option<&String>,
        b: Option<&String>,
    ) {
        let (a_id, a_nom) = self.membre_a(a);
        if a_id.as_ref() != b {
            out.push(Changement::Valeur {
                champ,
                sujet: None,
                avant: a_nom,
                apres: b.map(|id| nom(self.b, id)),
            });
        }
    }

    fn membres(&self) -> Ensemble {
        let mut e = Ensemble::default();
        let paired_b: BTreeSet<&str> = self.p.membres.values().map(String::as_str).collect();
        for m in &self.b.membres {
            if !paired_b.contains(m.id.as_str()) {
                e.ajoutes.push(self.ref_b(&m.id));
            }
        }
        for m in &self.a.membres {
            let Some(b_id) = self.p.membres.get(&m.id) else {
                e.retires.push(self.ref_a(&m.id));
                continue;
            };
            let Some(mb) = self.b.membre(b_id) else {
                continue;
            };
            if *b_id != m.id {
                e.renommes.push(Renomme {
                    avant: m.id.clone(),
                    apres: b_id.clone(),
                    nom: mb.nom_distinct(),
                });
            }
            let changements = self.membre(m, mb);
            if !changements.is_empty() {
                e.modifies.push(Modifie {
                    element: self.ref_b(b_id),
                    changements,
                });
            }
        }
        e
    }

    fn membre(&self, a: &Membre, b: &Membre) -> Vec<Changement> {
        let mut out = Vec::new();
        valeur(
            &mut out,
            "nature",
            Some(a.nature.to_string()),
            Some(b.nature.to_string()),
        );
        valeur(&mut out, "code", a.code.clone(), b.code.clone());
        valeur(
            &mut out,
            "nom",
            Some(a.nom_distinct()),
            Some(b.nom_distinct()),
        );
        valeur(&mut out, "siret", a.siret.clone(), b.siret.clone());
        valeur(&mut out, "region", a.region.clone(), b.region.clone());
        liste(
            &mut out,
            "tags",
            mots_a(a.tags.iter().map(String::as_str)),
            mots(b.tags.iter().map(String::as_str)),
        );
        liste(
            &mut out,
            "roles",
            mots_a(a.roles.iter().map(|r| r.as_str())),
            mots(b.roles.iter().map(|r| r.as_str())),
        );
        out
    }

    fn pilotage(&self) -> Vec<Changement> {
        let (a, b) = (&self.a.pilotage, &self.b.pilotage);
        let mut out = Vec::new();
        valeur(
            &mut out,
            "mode",
            Some(mode(a.mode).into()),
            Some(mode(b.mode).into()),
        );
        self.membre_champ(&mut out, "prefet", a.prefet.as_ref(), b.prefet.as_ref());
        self.membre_champ(&mut out, "pilote", a.pilote.as_ref(), b.pilote.as_ref());
        liste(
            &mut out,
            "copilotes",
            self.membres_a(&a.copilotes),
            self.membres_b(&b.copilotes),
        );
        liste(
            &mut out,
            "coordination",
            self.membres_a(&a.coordination),
            self.membres_b(&b.coordination),
        );
        let referent = |r: &Option<crate::model::Referent>| {
            r.as_ref().map(|r| format!("{} <{}>", r.nom, r.email))
        };
        valeur(
            &mut out,
            "referent",
            referent(&a.referent),
            referent(&b.referent),
        );
        out
    }

    fn perimetre(&self, out: &mut Vec<Changement>, a: &Perimetre, b: &Perimetre) {
        let same = a.kind == b.kind
            && a.membres
                .iter()
                .map(|id| self.p.membre(id))
                .collect::<BTreeSet<_>>()
                == b.membres.iter().cloned().collect::<BTreeSet<_>>();
        if !same {
            out.push(Changement::Valeur {
                champ: "perimetre",
                sujet: None,
                avant: Some(values::perimetre(a, self.a)),
                apres: Some(values::perimetre(b, self.b)),
            });
        }
    }

    fn comites(&self) -> Comites {
        let merges = identity::merges(self.a, self.b, self.p);
        let merged: BTreeSet<&str> = merges.iter().map(|m| m.removed.id.as_str()).collect();
        let mut out = Comites::default();
        let paired_b: BTreeSet<&str> = self.p.comites.values().map(String::as_str).collect();
        for c in &self.b.comites {
            if !paired_b.contains(c.id.as_str()) {
                out.ensemble.ajoutes.push(self.ref_b(&c.id));
            }
        }
        for c in &self.a.comites {
            let Some(b_id) = self.p.comites.get(&c.id) else {
                if !merged.contains(c.id.as_str()) {
                    out.ensemble.retires.push(self.ref_a(&c.id));
                }
                continue;
            };
            let Some(cb) = self.b.comite(b_id) else {
                continue;
            };
            if *b_id != c.id {
                out.ensemble.renommes.push(Renomme {
                    avant: c.id.clone(),
                    apres: b_id.clone(),
                    nom: cb.nom.clone(),
                });
            }
            let changements = self.comite(c, cb);
            if !changements.is_empty() {
                out.ensemble.modifies.push(Modifie {
                    element: self.ref_b(b_id),
                    changements,
                });
            }
        }
        let mut fusions: BTreeMap<&str, Vec<Part>> = BTreeMap::new();
        for m in &merges {
            fusions.entry(m.into.id.as_str()).or_default().push(Part {
                comite: self.ref_a(&m.removed.id),
                pourcentage: (m.share * 100.0).round() as u32,
            });
        }
        // In B's order.
        for c in &self.b.comites {
            if let Some(parts) = fusions.remove(c.id.as_str()) {
                out.fusionnes.push(Fusion {
                    dans: self.ref_b(&c.id),
                    comites: parts,
                });
            }
        }
        out
    }

    fn comite(&self, a: &Comite, b: &Comite) -> Vec<Changement> {
        let mut out = Vec::new();
        let kind = |c: &Comite| match &c.precision {
            Some(p) => format!("{} ({p})", c.kind),
            None => c.kind.to_string(),
        };
        valeur(&mut out, "type", Some(kind(a)), Some(kind(b)));
        valeur(&mut out, "nom", Some(a.nom.clone()), Some(b.nom.clone()));
        liste(
            &mut out,
            "presidence",
            self.membres_a(&a.presidence),
            self.membres_b(&b.presidence),
        );
        liste(
            &mut out,
            "membres",
            self.membres_a(&a.membres),
            self.membres_b(&b.membres),
        );
        valeur(
            &mut out,
            "frequence",
            a.frequence.map(|f| f.to_string()),
            b.frequence.map(|f| f.to_string()),
        );
        self.perimetre(&mut out, &a.perimetre, &b.perimetre);
        self.instance_champ(
            &mut out,
            "rend_compte",
            a.rend_compte.as_ref(),
            b.rend_compte.as_ref(),
        );
        self.instance_champ(&mut out, "adosse", a.adosse.as_ref(), b.adosse.as_ref());
        valeur(&mut out, "mission", a.mission.clone(), b.mission.clone());
        valeur(
            &mut out,
            "prochaine_reunion",
            a.prochaine_reunion.clone(),
            b.prochaine_reunion.clone(),
        );
        out
    }

    /// Pushes a change of a field that names a comité or existing body.
    fn instance_champ(
        &self,
        out: &mut Vec<Changement>,
        champ: &'static str,
        a: Option<&String>,
        b: Option<&String>,
    ) {
        if a.map(|id| self.p.instance(id)).as_ref() != b {
            out.push(Changement::Valeur {
                champ,
                sujet: None,
                avant: a.map(|id| nom(self.a, id)),
                apres: b.map(|id| nom(self.b, id)),
            });
        }
    }

    fn existants(&self) -> Ensemble {
        let mut e = Ensemble::default();
        let paired_b: BTreeSet<&str> = self.p.existants.values().map(String::as_str).collect();
        for x in &self.b.existants {
            if !paired_b.contains(x.id.as_str()) {
                e.ajoutes.push(self.ref_b(&x.id));
            }
        }
        for x in &self.a.existants {
            let Some(b_id) = self.p.existants.get(&x.id) else {
                e.retires.push(self.ref_a(&x.id));
                continue;
            };
            let Some(y) = self.b.existants.iter().find(|y| y.id == *b_id) else {
                continue;
            };
            if *b_id != x.id {
                e.renommes.push(Renomme {
                    avant: x.id.clone(),
                    apres: b_id.clone(),
                    nom: y.nom.clone(),
                });
            }
            let changements = self.existant(x, y);
            if !changements.is_empty() {
                e.modifies.push(Modifie {
                    element: self.ref_b(b_id),
                    changements,
                });
            }
        }
        e
    }

    fn existant(&self, a: &Existant, b: &Existant) -> Vec<Changement> {
        let mut out = Vec::new();
        let contrat = |e: &Existant| match &e.precision {
            Some(p) => format!("{} ({p})", e.contrat),
            None => e.contrat.to_string(),
        };
        valeur(&mut out, "contrat", Some(contrat(a)), Some(contrat(b)));
        valeur(&mut out, "nom", Some(a.nom.clone()), Some(b.nom.clone()));
        liste(
            &mut out,
            "membres",
            self.membres_a(&a.membres),
            self.membres_b(&b.membres),
        );
        self.perimetre(&mut out, &a.perimetre, &b.perimetre);
        out
    }

    fn contraintes(&self) -> Contraintes {
        let key_a = |ids: &[String]| -> BTreeSet<String> {
            ids.iter().map(|id| self.p.instance(id)).collect()
        };
        let key_b = |ids: &[String]| -> BTreeSet<String> { ids.iter().cloned().collect() };
        let in_a: Vec<BTreeSet<String>> = self
            .a
            .sans_chevauchement
            .iter()
            .map(|s| key_a(&s.ids))
            .collect();
        let in_b: Vec<BTreeSet<String>> = self
            .b
            .sans_chevauchement
            .iter()
            .map(|s| key_b(&s.ids))
            .collect();
        Contraintes {
            ajoutees: self
                .b
                .sans_chevauchement
                .iter()
                .zip(&in_b)
                .filter(|(_, k)| !in_a.contains(k))
                .map(|(s, _)| s.ids.iter().map(|id| self.ref_b(id)).collect())
                .collect(),
            retirees: self
                .a
                .sans_chevauchement
                .iter()
                .zip(&in_a)
                .filter(|(_, k)| !in_b.contains(k))
                .map(|(s, _)| s.ids.iter().map(|id| self.ref_a(id)).collect())
                .collect(),
        }
    }

    fn crsn(&self) -> Vec<Changement> {
        let mut out = Vec::new();
        let region = |c: &Option<crate::model::Crsn>| c.as_ref().map(|c| c.region.clone());
        valeur(
            &mut out,
            "region",
            region(&self.a.crsn),
            region(&self.b.crsn),
        );
        let no = Vec::new();
        liste(
            &mut out,
            "membres",
            self.membres_a(self.a.crsn.as_ref().map_or(&no, |c| &c.membres)),
            self.membres_b(self.b.crsn.as_ref().map_or(&no, |c| &c.membres)),
        );
        out
    }

    fn feuilles(&self) -> Feuilles {
        let mut out = Feuilles::default();
        // By id, then by name.
        let mut pairs: Vec<(&FeuilleDeRoute, &FeuilleDeRoute)> = Vec::new();
        let mut free: Vec<&FeuilleDeRoute> = self.b.feuilles.iter().collect();
        let mut unpaired = Vec::new();
        for f in &self.a.feuilles {
            match free.iter().position(|g| g.id == f.id) {
                Some(i) => pairs.push((f, free.remove(i))),
                None => unpaired.push(f),
            }
        }
        for f in unpaired {
            match free.iter().position(|g| g.nom == f.nom) {
                Some(i) => pairs.push((f, free.remove(i))),
                None => out.retirees.push(self.ref_a(&f.id)),
            }
        }
        for g in &self.b.feuilles {
            if free.iter().any(|x| x.id == g.id) {
                out.ajoutees.push(self.ref_b(&g.id));
            }
        }
        pairs.sort_by_key(|(_, g)| self.b.feuilles.iter().position(|x| x.id == g.id));
        for (f, g) in pairs {
            let mut changements = Vec::new();
            valeur(
                &mut changements,
                "nom",
                Some(f.nom.clone()),
                Some(g.nom.clone()),
            );
            self.membre_champ(
                &mut changements,
                "porteur",
                f.porteur.as_ref(),
                g.porteur.as_ref(),
            );
            self.perimetre(&mut changements, &f.perimetre, &g.perimetre);
            let contrat = |x: &FeuilleDeRoute| {
                x.contrat.map(|c| match &x.contrat_precision {
                    Some(p) => format!("{c} ({p})"),
                    None => c.to_string(),
                })
            };
            valeur(&mut changements, "contrat", contrat(f), contrat(g));
            valeur(
                &mut changements,
                "diagnostic",
                f.diagnostic.clone(),
                g.diagnostic.clone(),
            );
            let actions = self.actions(f, g);
            if !changements.is_empty() || !actions.est_vide() {
                out.modifiees.push(FeuilleModifiee {
                    feuille: self.ref_b(&g.id),
                    changements,
                    actions,
                });
            }
        }
        out
    }

    fn actions(&self, f: &FeuilleDeRoute, g: &FeuilleDeRoute) -> Ensemble {
        let xs: Vec<&Action> = self
            .a
            .actions
            .iter()
            .filter(|a| a.feuille == f.id)
            .collect();
        let ys: Vec<&Action> = self
            .b
            .actions
            .iter()
            .filter(|a| a.feuille == g.id)
            .collect();
        let named = |a: &Action| Ref {
            id: a.nom.clone(),
            nom: a.nom.clone(),
        };
        let mut e = Ensemble::default();
        for y in &ys {
            if !xs.iter().any(|x| x.nom == y.nom) {
                e.ajoutes.push(named(y));
            }
        }
        for x in &xs {
            match ys.iter().find(|y| y.nom == x.nom) {
                None => e.retires.push(named(x)),
                Some(y) => {
                    let changements = self.action(x, y);
                    if !changements.is_empty() {
                        e.modifies.push(Modifie {
                            element: named(y),
                            changements,
                        });
                    }
                }
            }
        }
        e
    }

    fn action(&self, a: &Action, b: &Action) -> Vec<Changement> {
        let mut out = Vec::new();
        liste(
            &mut out,
            "porteurs",
            self.membres_a(&a.porteurs),
            self.membres_b(&b.porteurs),
        );
        let besoins = |x: &Action| -> Vec<Ref> {
            x.besoins
                .iter()
                .map(|k| Ref {
                    id: k.as_str().to_string(),
                    nom: values::besoin(*k).to_string(),
                })
                .collect()
        };
        liste(
            &mut out,
            "besoins",
            besoins(a).into_iter().map(|r| (r.id.clone(), r)).collect(),
            besoins(b),
        );
        valeur(
            &mut out,
            "annees",
            annees(a.debut, a.fin),
            annees(b.debut, b.fin),
        );
        valeur(&mut out, "budget", a.budget.map(euros), b.budget.map(euros));
        // Co-financings, per co-funder (two lines of one co-funder add up).
        let sums_a = self.sums(
            a.financements
                .iter()
                .map(|f| (self.p.membre(&f.membre), f.montant)),
        );
        let sums_b = self.sums(b.financements.iter().map(|f| (f.membre.clone(), f.montant)));
        self.par_membre(&mut out, "financement", &sums_a, &sums_b);
        match (&a.subvention, &b.subvention) {
            (None, None) => {}
            (x, y) => {
                valeur(
                    &mut out,
                    "subvention",
                    x.as_ref().map(|s| euros(s.montant)),
                    y.as_ref().map(|s| euros(s.montant)),
                );
                if let (Some(x), Some(y)) = (x, y) {
                    valeur(
                        &mut out,
                        "enveloppe",
                        x.enveloppe.map(|e| e.to_string()),
                        y.enveloppe.map(|e| e.to_string()),
                    );
                    valeur(&mut out, "etp", x.etp.map(euros), y.etp.map(euros));
                    valeur(
                        &mut out,
                        "prestation",
                        x.prestation.map(euros),
                        y.prestation.map(euros),
                    );
                    valeur(
                        &mut out,
                        "statut",
                        x.statut.map(|s| s.to_string()),
                        y.statut.map(|s| s.to_string()),
                    );
                    let sa = self.sums(
                        x.beneficiaires
                            .iter()
                            .map(|f| (self.p.membre(&f.membre), f.montant)),
                    );
                    let sb = self.sums(
                        y.beneficiaires
                            .iter()
                            .map(|f| (f.membre.clone(), f.montant)),
                    );
                    self.par_membre(&mut out, "beneficiaire", &sa, &sb);
                }
            }
        }
        out
    }

    /// Amounts summed per (B) member id, in first-seen order.
    fn sums(&self, lines: impl Iterator<Item = (String, f64)>) -> Vec<(String, f64)> {
        let mut out: Vec<(String, f64)> = Vec::new();
        for (id, amount) in lines {
            match out.iter_mut().find(|(x, _)| *x == id) {
                Some((_, sum)) => *sum += amount,
                None => out.push((id, amount)),
            }
        }
        out
    }

    /// Pushes the change of each member's amount.
    fn par_membre(
        &self,
        out: &mut Vec<Changement>,
        champ: &'static str,
        a: &[(String, f64)],
        b: &[(String, f64)],
    ) {
        let ids: Vec<&String> = b
            .iter()
            .map(|(id, _)| id)
            .chain(
                a.iter()
                    .map(|(id, _)| id)
                    .filter(|id| !b.iter().any(|(x, _)| x == *id)),
            )
            .collect();
        for id in ids {
            let x = a.iter().find(|(i, _)| i == id).map(|(_, v)| euros(*v));
            let y = b.iter().find(|(i, _)| i == id).map(|(_, v)| euros(*v));
            if x != y {
                let sujet = if b.iter().any(|(i, _)| i == id) {
                    self.ref_b(id)
                } else {
                    // Only in A: A's name (its B id may not exist).
                    let a_id = self
                        .p
                        .membres
                        .iter()
                        .find(|(_, v)| *v == id)
                        .map_or(id.as_str(), |(k, _)| k.as_str());
                    self.ref_a(a_id)
                };
                out.push(Changement::Valeur {
                    champ,
                    sujet: Some(sujet),
                    avant: x,
                    apres: y,
                });
            }
        }
    }

    fn besoins(&self) -> Ensemble {
        let key = |b: &crate::model::Besoin| (b.besoin, b.precision.clone());
        let label = |b: &crate::model::Besoin| Ref {
            id: b.besoin.as_str().to_string(),
            nom: match &b.precision {
                Some(p) => format!("{} ({p})", values::besoin(b.besoin)),
                None => values::besoin(b.besoin).to_string(),
            },
        };
        let mut e = Ensemble::default();
        for y in &self.b.besoins {
            if !self.a.besoins.iter().any(|x| key(x) == key(y)) {
                e.ajoutes.push(label(y));
            }
        }
        for x in &self.a.besoins {
            let Some(y) = self.b.besoins.iter().find(|y| key(x) == key(y)) else {
                e.retires.push(label(x));
                continue;
            };
            let mut changements = Vec::new();
            valeur(
                &mut changements,
                "etp",
                x.etp.map(nombre),
                y.etp.map(nombre),
            );
            valeur(
                &mut changements,
                "prestation",
                Some(oui_non(x.prestation)),
                Some(oui_non(y.prestation)),
            );
            valeur(
                &mut changements,
                "nombre",
                x.nombre.map(nombre),
                y.nombre.map(nombre),
            );
            valeur(
                &mut changements,
                "priorite",
                x.priorite.map(|p| p.to_string()),
                y.priorite.map(|p| p.to_string()),
            );
            if !changements.is_empty() {
                e.modifies.push(Modifie {
                    element: label(y),
                    changements,
                });
            }
        }
        let total = |t: &Option<crate::model::BesoinsTotal>| t.as_ref().map(|t| nombre(t.etp));
        let mut changements = Vec::new();
        valeur(
            &mut changements,
            "total_etp",
            total(&self.a.besoins_total),
            total(&self.b.besoins_total),
        );
        if !changements.is_empty() {
            e.modifies.push(Modifie {
                element: Ref {
                    id: "total_etp".into(),
                    nom: "Total des besoins".into(),
                },
                changements,
            });
        }
        e
    }

    fn derogations(&self) -> Ensemble {
        let r = |d: &crate::model::Derogation| Ref {
            id: d.regle.clone(),
            nom: d.motif.clone(),
        };
        let mut e = Ensemble::default();
        for y in &self.b.derogations {
            if !self.a.derogations.iter().any(|x| x.regle == y.regle) {
                e.ajoutes.push(r(y));
            }
        }
        for x in &self.a.derogations {
            match self.b.derogations.iter().find(|y| y.regle == x.regle) {
                None => e.retires.push(r(x)),
                Some(y) if y.motif != x.motif => e.modifies.push(Modifie {
                    element: r(y),
                    changements: vec![Changement::Valeur {
                        champ: "motif",
                        sujet: None,
                        avant: Some(x.motif.clone()),
                        apres: Some(y.motif.clone()),
                    }],
                }),
                Some(_) => {}
            }
        }
        e
    }
}

fn oui_non(b: bool) -> String {
    if b { "oui" } else { "non" }.to_string()
}

/// The pilotage mode in words.
pub(super) fn mode(m: Mode) -> &'static str {
    match m {
        Mode::EtatSeul => "l'État seul",
        Mode::Pilote => "une collectivité pilote",
        Mode::Copilotage => "un copilotage",
    }
}

/// The figures of both files.
fn chiffres(a: Side<'_>, b: Side<'_>) -> Vec<Chiffre> {
    struct Figures {
        values: Vec<(f64, String)>,
    }
    let figures = |s: Side<'_>| {
        let g = s.gouvernance;
        let an = s.analyses;
        let count = |sev: Severity| {
            s.diagnostics
                .iter()
                .filter(|d| d.severity == sev && d.waived.is_none())
                .count() as f64
        };
        let waived = s.diagnostics.iter().filter(|d| d.waived.is_some()).count() as f64;
        let doublons = an.doublons.iter().filter(|d| !d.adosse).count() as f64;
        let budget: f64 = g.actions.iter().filter_map(|a| a.budget).sum();
        let cofin: f64 = g.actions.iter().map(|a| a.total_financements).sum();
        let subventions: f64 = g
            .actions
            .iter()
            .filter_map(|a| a.subvention.as_ref().map(|s| s.montant))
            .sum();
        let c = &an.couverture;
        let n = |v: f64| (v, nombre(v));
        Figures {
            values: vec![
                n(g.membres.len() as f64),
                n((g.comites.len() + g.existants.len()) as f64),
                n(g.comites.len() as f64),
                n(g.existants.len() as f64),
                n(doublons),
                (
                    c.epci_couverts as f64,
                    format!("{} / {}", c.epci_couverts, c.epci_total),
                ),
                (
                    f64::from(c.pourcentage_epci),
                    values::pourcentage(c.pourcentage_epci),
                ),
                (
                    f64::from(c.pourcentage_population),
                    values::pourcentage(c.pourcentage_population),
                ),
                n(g.feuilles.len() as f64),
                n(g.actions.len() as f64),
                (budget, euros(budget)),
                (cofin, euros(cofin)),
                (subventions, euros(subventions)),
                n(count(Severity::Error)),
                n(count(Severity::Warning)),
                n(count(Severity::Info)),
                n(waived),
            ],
        }
    };
    const KEYS: [(&str, &str); 17] = [
        ("membres", "Membres"),
        ("instances", "Instances (comités et existantes)"),
        ("comites", "Comités"),
        ("existants", "Instances existantes"),
        ("doublons", "Paires d'instances en doublon"),
        ("epci_couverts", "EPCI représentés"),
        ("couverture_epci", "Part des EPCI représentés"),
        ("couverture_population", "Part de la population couverte"),
        ("feuilles", "Feuilles de route"),
        ("actions", "Actions"),
        ("budget", "Budget des actions"),
        ("cofinancements", "Cofinancements"),
        ("subventions", "Subventions de l'État demandées"),
        ("erreurs", "Erreurs"),
        ("avertissements", "Avertissements"),
        ("infos", "Informations"),
        ("derogees", "Diagnostics couverts par une dérogation"),
    ];
    let (fa, fb) = (figures(a), figures(b));
    KEYS.iter()
        .zip(fa.values.into_iter().zip(fb.values))
        .map(|(&(cle, libelle), ((a, a_texte), (b, b_texte)))| Chiffre {
            cle,
            libelle,
            a,
            b,
            a_texte,
            b_texte,
        })
        .collect()
}

/// The diagnostics B fixes and introduces, compared by code, message and
/// whether they are waived (a multiset: two identical ones count twice).
fn diagnostics(a: &[Diagnostic], b: &[Diagnostic]) -> Diagnostics {
    let diag = |d: &Diagnostic| Diag {
        code: d.code.as_str().to_string(),
        severite: d.severity.as_str(),
        message: d.message.clone(),
        deroge: d.waived.is_some(),
    };
    let mut count: BTreeMap<Diag, i64> = BTreeMap::new();
    for d in a {
        *count.entry(diag(d)).or_default() += 1;
    }
    for d in b {
        *count.entry(diag(d)).or_default() -= 1;
    }
    let mut out = Diagnostics::default();
    let mut order = |list: &[Diagnostic], sign: i64, into: &mut Vec<Diag>| {
        for d in list {
            let key = diag(d);
            if let Some(n) = count.get_mut(&key)
                && *n * sign > 0
            {
                *n -= sign;
                into.push(key);
            }
        }
    };
    order(a, 1, &mut out.corriges);
    order(b, -1, &mut out.introduits);
    out
}
