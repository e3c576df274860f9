//! The roadmap skeleton (« feuille de route »): the document a préfecture
//! completes, built once as a [`Document`] of plain-text blocks (titles,
//! paragraphs, lists, tables, the org chart, the meeting calendar) and
//! written as Markdown ([`markdown`]) or OpenDocument text ([`odt`]). Every
//! part the file does not say is an explicit placeholder (« À compléter :
//! … »), never silence. Text in the model is never escaped: each writer
//! escapes it for its format.

pub mod calendrier;
pub mod markdown;
pub mod montants;
pub mod odt;

use std::collections::BTreeMap;

use super::orgchart::{Organigramme, contrat_nom, summary};
use crate::analysis::Analyses;
use crate::check::FileReport;
use crate::diagnostic::Severity;
use crate::model::{
    ComiteType, Enveloppe, Gouvernance, Membre, Mode, Nature, PerimetreKind, RoleMembre, Statut,
};
use montants::{Montant, euros, repartir};

/// The words before a placeholder.
pub const A_COMPLETER: &str = "À compléter :";

/// The roadmap document.
#[derive(Clone, Debug)]
pub struct Document {
    /// The title (« Feuille de route France Numérique Ensemble — Isère »).
    pub titre: String,
    /// The blocks, in order.
    pub blocs: Vec<Bloc>,
}

/// One block of the document.
#[derive(Clone, Debug)]
pub enum Bloc {
    /// A heading of level 2 (parts) or 3 (sub-parts).
    Titre(u8, String),
    /// A paragraph.
    Paragraphe(String),
    /// A placeholder: what remains to write.
    AFaire(String),
    /// A bulleted list.
    Liste(Vec<String>),
    /// A table.
    Tableau(Tableau),
    /// The org chart: Mermaid in Markdown, an image in OpenDocument.
    Organigramme(Box<Organigramme>),
    /// A Mermaid diagram that only Markdown shows (the calendar's gantt;
    /// the tables beside it carry the same facts).
    Mermaid(String),
}

/// A table: a header row, body rows, and a last row in bold when it is a
/// total.
#[derive(Clone, Debug, Default)]
pub struct Tableau {
    /// The column titles.
    pub entetes: Vec<String>,
    /// True for a right-aligned (numeric) column.
    pub droite: Vec<bool>,
    /// The rows.
    pub lignes: Vec<Vec<String>>,
    /// True when the last row is a total (in bold).
    pub total: bool,
}

impl Tableau {
    fn new(entetes: &[&str], droite: &[bool]) -> Tableau {
        Tableau {
            entetes: entetes.iter().map(|s| s.to_string()).collect(),
            droite: droite.to_vec(),
            lignes: Vec::new(),
            total: false,
        }
    }
}

/// The skeleton of a compiled file; `None` when it did not compile.
pub fn document(report: &FileReport) -> Option<Document> {
    let (g, a) = (report.gouvernance.as_ref()?, report.analyses.as_ref()?);
    Some(build(report, g, a))
}

struct Builder<'g> {
    g: &'g Gouvernance,
    blocs: Vec<Bloc>,
}

impl Builder<'_> {
    fn titre(&mut self, level: u8, text: impl Into<String>) {
        self.blocs.push(Bloc::Titre(level, text.into()));
    }
    fn para(&mut self, text: impl Into<String>) {
        self.blocs.push(Bloc::Paragraphe(text.into()));
    }
    fn a_faire(&mut self, text: impl Into<String>) {
        self.blocs.push(Bloc::AFaire(text.into()));
    }
    fn nom(&self, id: &str) -> String {
        nom(self.g, id)
    }
}

/// A member's distinct name, or its identifier when unknown.
pub fn nom(g: &Gouvernance, id: &str) -> String {
    g.membre(id)
        .map_or_else(|| id.to_string(), Membre::nom_distinct)
}

/// Builds the document of a compiled governance.
pub fn build(report: &FileReport, g: &Gouvernance, a: &Analyses) -> Document {
    let t = &g.territoire;
    let mut b = Builder {
        g,
        blocs: Vec::new(),
    };
    b.para(format!(
        "Période {}–{}. Région {}. Document préparé par copil à partir de « {} » : les parties marquées « À compléter » restent à rédiger.",
        g.periode.debut, g.periode.fin, t.region_nom, report.path
    ));
    gouvernance(&mut b, a);
    diagnostic(&mut b);
    actions(&mut b);
    engagements(&mut b);
    besoins(&mut b);
    calendrier::calendrier(&mut b);
    b.titre(2, "7. Suivi et difficultés rencontrées");
    b.a_faire("indicateurs de suivi de chaque action (valeur de départ, cible, source).");
    b.a_faire("difficultés rencontrées et mesures prises.");
    conformite(&mut b, report);
    Document {
        titre: format!("Feuille de route France Numérique Ensemble — {}", t.nom),
        blocs: b.blocs,
    }
}

/// A member's nature, in words.
pub fn nature_libelle(n: Nature) -> &'static str {
    match n {
        Nature::Region => "Région",
        Nature::Departement => "Département",
        Nature::Epci => "EPCI",
        Nature::Commune => "Commune",
        Nature::Prefecture => "Préfecture",
        Nature::Sgar => "SGAR",
        Nature::Etat => "Service de l'État",
        Nature::Hub => "Hub territorial",
        Nature::Caf => "CAF",
        Nature::Cpam => "CPAM",
        Nature::Carsat => "CARSAT",
        Nature::Msa => "MSA",
        Nature::FranceTravail => "France Travail",
        Nature::FranceServices => "France Services",
        Nature::Association => "Association",
        Nature::AssociationElus => "Association d'élus",
        Nature::Groupement => "Groupement",
        Nature::EtablissementPublic => "Établissement public",
        Nature::Operateur => "Opérateur",
        Nature::Entreprise => "Entreprise",
        Nature::Autre => "Autre",
    }
}

/// A member's role, in words.
pub fn role_libelle(r: RoleMembre) -> &'static str {
    match r {
        RoleMembre::Coporteur => "coporteur",
        RoleMembre::Cofinanceur => "cofinanceur",
        RoleMembre::Beneficiaire => "bénéficiaire",
        RoleMembre::Recipiendaire => "récipiendaire",
        RoleMembre::Porteur => "porteur",
        RoleMembre::Observateur => "observateur",
    }
}

fn comite_type(kind: ComiteType, precision: Option<&str>) -> String {
    match (kind, precision) {
        (ComiteType::Autre, Some(p)) => format!("autre ({p})"),
        (ComiteType::Autre, None) => "autre".to_string(),
        (ComiteType::Strategique, _) => "stratégique".to_string(),
        (ComiteType::Technique, _) => "technique".to_string(),
        (ComiteType::Consultatif, _) => "consultatif".to_string(),
    }
}

fn membres_label(n: usize) -> String {
    match n {
        0 => "aucun".to_string(),
        1 => "1 membre".to_string(),
        n => format!("{n} membres"),
    }
}

/// A date `2025-03-12` as « 12 mars 2025 ».
pub fn date_fr(iso: &str) -> String {
    match iso.parse::<jiff::civil::Date>() {
        Ok(d) => {
            let day = if d.day() == 1 {
                "1er".to_string()
            } else {
                d.day().to_string()
            };
            format!(
                "{day} {} {}",
                calendrier::MOIS[d.month() as usize - 1],
                d.year()
            )
        }
        Err(_) => iso.to_string(),
    }
}

fn gouvernance(b: &mut Builder, a: &Analyses) {
    let g = b.g;
    b.titre(2, "1. Gouvernance");
    b.titre(3, "Pilotage");
    let p = &g.pilotage;
    let mut items = Vec::new();
    match &p.prefet {
        Some(prefet) => items.push(format!("Sous l'égide du préfet : {}", b.nom(prefet))),
        None => items.push(format!(
            "{A_COMPLETER} le préfet qui préside la gouvernance"
        )),
    }
    let porteurs: Vec<String> = p.porteurs.iter().map(|id| b.nom(id)).collect();
    items.push(match p.mode {
        Mode::EtatSeul => {
            "L'État porte seul la gouvernance (aucune collectivité pilote)".to_string()
        }
        Mode::Pilote => format!("Collectivité pilote : {}", porteurs.join(", ")),
        Mode::Copilotage => format!("Copilotage : {}", porteurs.join(", ")),
    });
    if p.coordination.is_empty() {
        items.push(format!("{A_COMPLETER} qui porte le poste de coordination"));
    } else {
        let noms: Vec<String> = p.coordination.iter().map(|c| b.nom(c)).collect();
        items.push(format!("Coordination portée par : {}", noms.join(", ")));
    }
    if let Some(r) = &p.referent {
        items.push(format!("Sous-préfet référent : {} ({})", r.nom, r.email));
    }
    b.blocs.push(Bloc::Liste(items));
    b.titre(3, "Organigramme");
    b.blocs
        .push(Bloc::Organigramme(Box::new(Organigramme::new(g, a))));
    b.titre(3, "Comités");
    if g.comites.is_empty() {
        b.a_faire("les comités de la gouvernance (au moins un comité stratégique).");
    } else {
        let mut t = Tableau::new(
            &[
                "Comité",
                "Type",
                "Présidence",
                "Membres",
                "Fréquence",
                "Rend compte à",
            ],
            &[false, false, false, true, false, false],
        );
        for c in &g.comites {
            let presidence: Vec<String> = c
                .presidence
                .iter()
                .map(|id| format!("★\u{a0}{}", b.nom(id)))
                .collect();
            t.lignes.push(vec![
                c.nom.clone(),
                comite_type(c.kind, c.precision.as_deref()),
                if presidence.is_empty() {
                    "—".to_string()
                } else {
                    presidence.join(", ")
                },
                membres_label(
                    c.membres.len()
                        + c.presidence
                            .iter()
                            .filter(|p| !c.membres.contains(p))
                            .count(),
                ),
                c.frequence
                    .map_or("à compléter".to_string(), |f| f.as_str().to_string()),
                c.rend_compte
                    .as_deref()
                    .and_then(|id| g.comite(id))
                    .map_or("—".to_string(), |p| p.nom.clone()),
            ]);
        }
        b.blocs.push(Bloc::Tableau(t));
        for c in &g.comites {
            b.titre(3, c.nom.clone());
            let mut items = Vec::new();
            match &c.mission {
                Some(m) => items.push(format!("Mission : {m}")),
                None => items.push(format!(
                    "Mission : {A_COMPLETER} ce que ce comité décide ou prépare"
                )),
            }
            items.push(match c.frequence {
                Some(f) => format!("Fréquence : {}", f.as_str()),
                None => format!("Fréquence : {A_COMPLETER} à quel rythme il se réunit"),
            });
            if let Some(d) = &c.prochaine_reunion {
                items.push(format!("Prochaine réunion : {}", date_fr(d)));
            }
            if let Some(adosse) = c
                .adosse
                .as_deref()
                .and_then(|id| g.existants.iter().find(|e| e.id == id))
            {
                items.push(format!("Adossé à : {}", adosse.nom));
            }
            b.blocs.push(Bloc::Liste(items));
            b.blocs
                .push(Bloc::Tableau(membres_table(g, &c.membres, &c.presidence)));
        }
    }
    if !g.existants.is_empty() {
        b.titre(3, "Instances existantes");
        for e in &g.existants {
            let contrat = match &e.precision {
                Some(p) => p.clone(),
                None => contrat_nom(e.contrat).to_string(),
            };
            b.para(format!("{} (contrat : {contrat})", e.nom));
            b.blocs
                .push(Bloc::Tableau(membres_table(g, &e.membres, &[])));
        }
    }
}

/// A body's whole membership: name, nature, roles, chair.
fn membres_table(g: &Gouvernance, membres: &[String], presidence: &[String]) -> Tableau {
    let mut t = if presidence.is_empty() {
        Tableau::new(&["Membre", "Nature", "Rôles"], &[false, false, false])
    } else {
        Tableau::new(
            &["Membre", "Nature", "Rôles", "Présidence"],
            &[false, false, false, false],
        )
    };
    // Chairs first, then the members in the file's order.
    let ordered = presidence
        .iter()
        .chain(membres.iter().filter(|m| !presidence.contains(m)));
    for id in ordered {
        let m = g.membre(id);
        let mut line = vec![
            nom(g, id),
            m.map_or("—", |m| nature_libelle(m.nature)).to_string(),
            m.map_or("—".to_string(), |m| {
                m.roles
                    .iter()
                    .map(|r| role_libelle(*r))
                    .collect::<Vec<_>>()
                    .join(", ")
            }),
        ];
        if !presidence.is_empty() {
            line.push(if presidence.contains(id) {
                "★\u{a0}préside".to_string()
            } else {
                String::new()
            });
        }
        t.lignes.push(line);
    }
    t
}

fn diagnostic(b: &mut Builder) {
    let g = b.g;
    b.titre(2, "2. Diagnostic");
    if g.feuilles.is_empty() {
        b.a_faire("le diagnostic territorial des besoins d'inclusion numérique.");
        return;
    }
    for f in &g.feuilles {
        b.titre(3, f.nom.clone());
        match &f.diagnostic {
            Some(d) => {
                b.para(d.clone());
                b.a_faire("principaux constats chiffrés et publics prioritaires.");
            }
            None => b.a_faire("le diagnostic de cette feuille de route (source, date, constats)."),
        }
    }
}

fn enveloppe(e: Option<Enveloppe>, precision: Option<&str>) -> String {
    match (e, precision) {
        (Some(Enveloppe::Ingenierie), _) => "Ingénierie France Numérique Ensemble".to_string(),
        (Some(Enveloppe::Formation), _) => {
            "Formation (Aidants Connect, aidant numérique)".to_string()
        }
        (Some(Enveloppe::ConseillerNumerique), _) => "Conseiller numérique".to_string(),
        (Some(Enveloppe::Autre), Some(p)) => p.to_string(),
        _ => "enveloppe à préciser".to_string(),
    }
}

fn statut(s: Option<Statut>) -> &'static str {
    match s {
        Some(Statut::Deposee) => "déposée",
        Some(Statut::EnCours) => "en cours d'instruction",
        Some(Statut::Acceptee) => "acceptée",
        Some(Statut::Refusee) => "refusée",
        None => "statut à préciser",
    }
}

fn actions(b: &mut Builder) {
    let g = b.g;
    b.titre(2, "3. Actions");
    if g.feuilles.is_empty() {
        b.a_faire("au moins une feuille de route et ses actions.");
        return;
    }
    for f in &g.feuilles {
        b.titre(3, f.nom.clone());
        let porteur = f
            .porteur
            .as_deref()
            .map_or_else(|| "à compléter".to_string(), |p| b.nom(p));
        let perimetre = match f.perimetre.kind {
            PerimetreKind::Membres => summary(g, &f.perimetre.membres),
            PerimetreKind::Region => "la région".to_string(),
            _ => "le département".to_string(),
        };
        let contrat = match (&f.contrat, &f.contrat_precision) {
            (Some(_), Some(p)) => p.clone(),
            (Some(c), None) => contrat_nom(*c).to_string(),
            (None, _) => {
                "aucun (à compléter si la feuille s'adosse à un contrat existant)".to_string()
            }
        };
        b.blocs.push(Bloc::Liste(vec![
            format!("Porteur : {porteur}"),
            format!("Périmètre : {perimetre}"),
            format!("Contrat existant : {contrat}"),
        ]));
        if f.actions.is_empty() {
            b.a_faire("les actions de cette feuille de route.");
            continue;
        }
        let mut t = Tableau::new(
            &[
                "Action",
                "Porteurs",
                "Années",
                "Budget",
                "Financements",
                "Subvention de l'État",
                "Besoins",
            ],
            &[false, false, false, true, false, false, false],
        );
        for &i in &f.actions {
            let a = &g.actions[i];
            let annees = match (a.debut, a.fin) {
                (Some(d), Some(f)) if d == f => d.to_string(),
                (Some(d), Some(f)) => format!("{d}–{f}"),
                _ => "à compléter".to_string(),
            };
            let financements: Vec<String> = a
                .financements
                .iter()
                .map(|x| format!("{} : {}", b.nom(&x.membre), euros(Montant::of(x.montant))))
                .collect();
            let subvention = a.subvention.as_ref().map_or("—".to_string(), |s| {
                let mut text = format!(
                    "{} ({}, {})",
                    euros(Montant::of(s.montant)),
                    enveloppe(s.enveloppe, s.enveloppe_precision.as_deref()),
                    statut(s.statut)
                );
                if !s.beneficiaires.is_empty() {
                    let who: Vec<String> = s
                        .beneficiaires
                        .iter()
                        .map(|x| {
                            format!("{} : {}", b.nom(&x.membre), euros(Montant::of(x.montant)))
                        })
                        .collect();
                    text.push_str(&format!(" ; bénéficiaires : {}", who.join(", ")));
                }
                text
            });
            let besoins: Vec<&str> = a.besoins.iter().map(|x| x.libelle()).collect();
            t.lignes.push(vec![
                a.nom.clone(),
                a.porteurs
                    .iter()
                    .map(|p| b.nom(p))
                    .collect::<Vec<_>>()
                    .join(", "),
                annees,
                a.budget
                    .map_or("à compléter".to_string(), |x| euros(Montant::of(x))),
                if financements.is_empty() {
                    "—".to_string()
                } else {
                    financements.join(" ; ")
                },
                subvention,
                if besoins.is_empty() {
                    "—".to_string()
                } else {
                    besoins.join(" ; ")
                },
            ]);
        }
        b.blocs.push(Bloc::Tableau(t));
    }
}

/// The State's row in the financial table.
pub const SUBVENTION_ETAT: &str = "Subvention de l'État";

fn engagements(b: &mut Builder) {
    let g = b.g;
    b.titre(2, "4. Engagements financiers");
    let years: Vec<i64> = (g.periode.debut..=g.periode.fin).collect();
    // partner → year → amount (in cents); undated amounts in a column of
    // their own (also the years outside the period).
    let mut table: BTreeMap<String, (BTreeMap<i64, i64>, i64)> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    let mut add = |partner: String, montant: f64, debut: Option<i64>, fin: Option<i64>| {
        if !order.contains(&partner) {
            order.push(partner.clone());
        }
        let row = table.entry(partner).or_default();
        let total = Montant::of(montant);
        match (debut, fin) {
            (Some(d), Some(f)) if f >= d => {
                let parts = repartir(total, (f - d + 1) as usize);
                for (y, part) in (d..=f).zip(parts) {
                    if years.contains(&y) {
                        *row.0.entry(y).or_default() += part.0;
                    } else {
                        row.1 += part.0;
                    }
                }
            }
            _ => row.1 += total.0,
        }
    };
    for a in &g.actions {
        for x in &a.financements {
            add(nom(g, &x.membre), x.montant, a.debut, a.fin);
        }
    }
    let grants = g.actions.iter().any(|a| a.subvention.is_some());
    // The State's grants last, in one row.
    for a in &g.actions {
        if let Some(s) = &a.subvention
            && s.statut != Some(Statut::Refusee)
        {
            add(SUBVENTION_ETAT.to_string(), s.montant, a.debut, a.fin);
        }
    }
    if order.is_empty() {
        b.a_faire(
            "l'engagement financier de chaque partenaire (au moins le pilote ou les copilotes).",
        );
        return;
    }
    b.para(
        "Montants engagés par partenaire et par année. Le financement d'une action est réparti sur ses années, à l'euro près : les années se somment exactement au total (méthode du plus fort reste).",
    );
    if grants {
        b.para("La ligne « Subvention de l'État » reprend les subventions demandées ou accordées (les subventions refusées n'y figurent pas).");
    }
    let undated = table.values().any(|r| r.1 != 0);
    let mut entetes: Vec<String> = vec!["Partenaire".to_string()];
    entetes.extend(years.iter().map(|y| y.to_string()));
    if undated {
        entetes.push("Non daté".to_string());
    }
    entetes.push("Total".to_string());
    let mut t = Tableau {
        droite: (0..entetes.len()).map(|i| i > 0).collect(),
        entetes,
        lignes: Vec::new(),
        total: true,
    };
    let mut totals: BTreeMap<i64, i64> = BTreeMap::new();
    let mut total_undated = 0;
    let cell = |v: i64| {
        if v != 0 {
            euros(Montant(v))
        } else {
            "—".to_string()
        }
    };
    for partner in &order {
        let (by_year, none) = &table[partner];
        let mut line = vec![partner.clone()];
        let mut sum = *none;
        for y in &years {
            let v = by_year.get(y).copied().unwrap_or(0);
            sum += v;
            *totals.entry(*y).or_default() += v;
            line.push(cell(v));
        }
        total_undated += none;
        if undated {
            line.push(cell(*none));
        }
        line.push(euros(Montant(sum)));
        t.lignes.push(line);
    }
    let mut line = vec!["Total".to_string()];
    let mut sum = total_undated;
    for y in &years {
        let v = totals.get(y).copied().unwrap_or(0);
        sum += v;
        line.push(euros(Montant(v)));
    }
    if undated {
        line.push(euros(Montant(total_undated)));
    }
    line.push(euros(Montant(sum)));
    t.lignes.push(line);
    b.blocs.push(Bloc::Tableau(t));
}

fn besoins(b: &mut Builder) {
    let g = b.g;
    b.titre(2, "5. Besoins en ingénierie");
    if g.besoins.is_empty() {
        b.a_faire(
            "les besoins en ingénierie financière et de projet (diagnostic, fonds, subventions, animation…).",
        );
        return;
    }
    let mut t = Tableau::new(
        &[
            "Besoin",
            "Groupe",
            "ETP",
            "Prestation",
            "Personnes",
            "Priorité",
        ],
        &[false, false, true, false, true, true],
    );
    let number = |x: f64| format!("{x}").replace('.', ",");
    for n in &g.besoins {
        let label = match &n.precision {
            Some(p) => format!("{} : {p}", n.besoin.libelle()),
            None => n.besoin.libelle().to_string(),
        };
        t.lignes.push(vec![
            label,
            n.besoin.groupe_libelle().to_string(),
            n.etp.map_or("—".to_string(), number),
            if n.prestation { "oui" } else { "non" }.to_string(),
            n.nombre.map_or("—".to_string(), number),
            n.priorite.map_or("—".to_string(), |p| p.to_string()),
        ]);
    }
    if let Some(total) = &g.besoins_total {
        t.lignes.push(vec![
            "Total".to_string(),
            String::new(),
            number(total.etp),
            String::new(),
            String::new(),
            total.priorite.map_or("—".to_string(), |p| p.to_string()),
        ]);
        t.total = true;
    }
    b.blocs.push(Bloc::Tableau(t));
}

fn conformite(b: &mut Builder, report: &FileReport) {
    let g = b.g;
    b.titre(2, "Annexe — Conformité aux règles nationales");
    if report.regles.is_empty() {
        b.para("Les règles n'ont pas été évaluées pour ce document.");
        return;
    }
    let mut t = Tableau::new(
        &["Règle", "Titre", "Sévérité", "Résultat"],
        &[false, false, false, false],
    );
    for rule in report.regles.iter() {
        let raised: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.code == rule.id)
            .collect();
        let open: Vec<_> = raised.iter().filter(|d| d.waived.is_none()).collect();
        let result = if raised.is_empty() {
            "conforme".to_string()
        } else if open.is_empty() {
            format!(
                "dérogation : {}",
                raised[0].waived.as_deref().unwrap_or_default()
            )
        } else if open.len() == 1 {
            format!("non conforme : {}", open[0].message)
        } else {
            format!("non conforme ({} cas)", open.len())
        };
        let severity = match rule.severity {
            Severity::Error => "erreur",
            Severity::Warning => "avertissement",
            Severity::Info => "information",
        };
        t.lignes.push(vec![
            rule.id.to_string(),
            rule.title.to_string(),
            severity.to_string(),
            result,
        ]);
    }
    b.blocs.push(Bloc::Tableau(t));
    if g.derogations.is_empty() {
        b.para("Aucune dérogation.");
    } else {
        b.para("Dérogations :");
        b.blocs.push(Bloc::Liste(
            g.derogations
                .iter()
                .map(|d| format!("{} : {}", d.regle, d.motif))
                .collect(),
        ));
    }
}
