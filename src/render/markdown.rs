//! The roadmap skeleton (Markdown, French): the document a préfecture
//! completes. Every part the file does not say is an explicit placeholder
//! (« À compléter : … »), never silence.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::mermaid::mermaid;
use super::orgchart::{Organigramme, contrat_nom, summary};
use crate::analysis::Analyses;
use crate::check::FileReport;
use crate::diagnostic::Severity;
use crate::escape::markdown as md;
use crate::model::{ComiteType, Frequence, Gouvernance};

const TODO: &str = "> À compléter :";

/// The skeleton of a compiled file.
pub fn feuille_de_route(report: &FileReport, g: &Gouvernance, a: &Analyses) -> String {
    let mut out = String::new();
    let t = &g.territoire;
    let _ = writeln!(
        out,
        "# Feuille de route France Numérique Ensemble — {}\n",
        md(&t.nom)
    );
    let _ = writeln!(
        out,
        "Période {}–{}. Région {}. Document préparé par copil à partir de `{}` : les parties marquées « À compléter » restent à rédiger.\n",
        g.periode.debut,
        g.periode.fin,
        md(&t.region_nom),
        report.path.replace('`', "'")
    );

    gouvernance(&mut out, g, a);
    diagnostic(&mut out, g);
    actions(&mut out, g);
    engagements(&mut out, g);
    besoins(&mut out, g);
    calendrier(&mut out, g);
    out.push_str("## 7. Suivi et difficultés rencontrées\n\n");
    let _ = writeln!(
        out,
        "{TODO} indicateurs de suivi de chaque action (valeur de départ, cible, source).\n"
    );
    let _ = writeln!(out, "{TODO} difficultés rencontrées et mesures prises.\n");
    conformite(&mut out, report, g);
    out
}

fn nom(g: &Gouvernance, id: &str) -> String {
    md(&g
        .membre(id)
        .map_or_else(|| id.to_string(), crate::model::Membre::nom_distinct))
}

fn gouvernance(out: &mut String, g: &Gouvernance, a: &Analyses) {
    out.push_str("## 1. Gouvernance\n\n### Pilotage\n\n");
    let p = &g.pilotage;
    match &p.prefet {
        Some(prefet) => {
            let _ = writeln!(out, "- Sous l'égide du préfet : {}", nom(g, prefet));
        }
        None => {
            let _ = writeln!(out, "- {TODO} le préfet qui préside la gouvernance");
        }
    }
    let porteurs: Vec<String> = p.porteurs.iter().map(|id| nom(g, id)).collect();
    match p.mode {
        crate::model::Mode::EtatSeul => {
            out.push_str("- L'État porte seul la gouvernance (aucune collectivité pilote)\n")
        }
        crate::model::Mode::Pilote => {
            let _ = writeln!(out, "- Collectivité pilote : {}", porteurs.join(", "));
        }
        crate::model::Mode::Copilotage => {
            let _ = writeln!(out, "- Copilotage : {}", porteurs.join(", "));
        }
    }
    if p.coordination.is_empty() {
        let _ = writeln!(out, "- {TODO} qui porte le poste de coordination");
    } else {
        let noms: Vec<String> = p.coordination.iter().map(|c| nom(g, c)).collect();
        let _ = writeln!(out, "- Coordination portée par : {}", noms.join(", "));
    }
    if let Some(r) = &p.referent {
        let _ = writeln!(
            out,
            "- Sous-préfet référent : {} ({})",
            md(&r.nom),
            md(&r.email)
        );
    }
    out.push_str("\n### Organigramme\n\n```mermaid\n");
    out.push_str(&mermaid(&Organigramme::new(g, a)));
    out.push_str("```\n\n### Comités\n\n");
    if g.comites.is_empty() {
        let _ = writeln!(
            out,
            "{TODO} les comités de la gouvernance (au moins un comité stratégique).\n"
        );
    } else {
        out.push_str("| Comité | Type | Présidence | Membres | Fréquence | Rend compte à |\n|---|---|---|---|---|---|\n");
        for c in &g.comites {
            let kind = match (c.kind, &c.precision) {
                (ComiteType::Autre, Some(p)) => format!("autre ({})", md(p)),
                (ComiteType::Autre, None) => "autre".to_string(),
                (ComiteType::Strategique, _) => "stratégique".to_string(),
                (ComiteType::Technique, _) => "technique".to_string(),
                (ComiteType::Consultatif, _) => "consultatif".to_string(),
            };
            let presidence: Vec<String> = c
                .presidence
                .iter()
                .map(|id| format!("★ {}", nom(g, id)))
                .collect();
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                md(&c.nom),
                kind,
                if presidence.is_empty() {
                    "—".to_string()
                } else {
                    presidence.join(", ")
                },
                md(&summary(g, &c.membres)),
                c.frequence.map_or("à compléter", |f| f.as_str()),
                c.rend_compte
                    .as_deref()
                    .and_then(|id| g.comite(id))
                    .map_or("—".to_string(), |p| md(&p.nom)),
            );
        }
        out.push('\n');
    }
    if !g.existants.is_empty() {
        out.push_str(
            "### Instances existantes\n\n| Instance | Contrat | Membres |\n|---|---|---|\n",
        );
        for e in &g.existants {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                md(&e.nom),
                e.contrat.as_str(),
                md(&summary(g, &e.membres))
            );
        }
        out.push('\n');
    }
}

fn diagnostic(out: &mut String, g: &Gouvernance) {
    out.push_str("## 2. Diagnostic\n\n");
    if g.feuilles.is_empty() {
        let _ = writeln!(
            out,
            "{TODO} le diagnostic territorial des besoins d'inclusion numérique.\n"
        );
        return;
    }
    for f in &g.feuilles {
        let _ = writeln!(out, "### {}\n", md(&f.nom));
        match &f.diagnostic {
            Some(d) => {
                let _ = writeln!(out, "{}\n", md(d));
                let _ = writeln!(
                    out,
                    "{TODO} principaux constats chiffrés et publics prioritaires.\n"
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "{TODO} le diagnostic de cette feuille de route (source, date, constats).\n"
                );
            }
        }
    }
}

fn actions(out: &mut String, g: &Gouvernance) {
    out.push_str("## 3. Actions\n\n");
    if g.feuilles.is_empty() {
        let _ = writeln!(
            out,
            "{TODO} au moins une feuille de route et ses actions.\n"
        );
        return;
    }
    for f in &g.feuilles {
        let _ = writeln!(out, "### {}\n", md(&f.nom));
        let porteur = f
            .porteur
            .as_deref()
            .map_or_else(|| "à compléter".to_string(), |p| nom(g, p));
        let _ = writeln!(out, "- Porteur : {porteur}");
        let perimetre = match f.perimetre.kind {
            crate::model::PerimetreKind::Membres => md(&summary(g, &f.perimetre.membres)),
            crate::model::PerimetreKind::Region => "la région".to_string(),
            _ => "le département".to_string(),
        };
        let _ = writeln!(out, "- Périmètre : {perimetre}");
        let contrat = match (&f.contrat, &f.contrat_precision) {
            (Some(_), Some(p)) => md(p),
            (Some(c), None) => contrat_nom(*c).to_string(),
            (None, _) => {
                "aucun (à compléter si la feuille s'adosse à un contrat existant)".to_string()
            }
        };
        let _ = writeln!(out, "- Contrat existant : {contrat}\n");
        if f.actions.is_empty() {
            let _ = writeln!(out, "{TODO} les actions de cette feuille de route.\n");
            continue;
        }
        out.push_str("| Action | Porteurs | Années | Budget | Financements | Besoins |\n|---|---|---|--:|---|---|\n");
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
                .map(|x| format!("{} : {}", nom(g, &x.membre), euros(x.montant)))
                .collect();
            let besoins: Vec<String> = a
                .besoins
                .iter()
                .map(|b| b.as_str().replace('_', " "))
                .collect();
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                md(&a.nom),
                a.porteurs
                    .iter()
                    .map(|p| nom(g, p))
                    .collect::<Vec<_>>()
                    .join(", "),
                annees,
                a.budget.map_or("à compléter".to_string(), euros),
                if financements.is_empty() {
                    "—".to_string()
                } else {
                    financements.join(" ; ")
                },
                if besoins.is_empty() {
                    "—".to_string()
                } else {
                    md(&besoins.join(", "))
                },
            );
        }
        out.push('\n');
    }
}

/// `120 000 €` (narrow no-break spaces between thousands).
fn euros(amount: f64) -> String {
    let whole = amount.round() as i64;
    let digits = whole.abs().to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push('\u{202f}');
        }
        grouped.push(c);
    }
    format!("{}{grouped}\u{a0}€", if whole < 0 { "-" } else { "" })
}

fn engagements(out: &mut String, g: &Gouvernance) {
    out.push_str("## 4. Engagements financiers\n\n");
    let years: Vec<i64> = (g.periode.debut..=g.periode.fin).collect();
    // partner → year → amount; actions without years in a column of their own.
    let mut table: BTreeMap<String, (BTreeMap<i64, f64>, f64)> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    for a in &g.actions {
        for x in &a.financements {
            let partner = nom(g, &x.membre);
            if !order.contains(&partner) {
                order.push(partner.clone());
            }
            let row = table.entry(partner).or_default();
            match (a.debut, a.fin) {
                (Some(d), Some(f)) if f >= d => {
                    let share = x.montant / (f - d + 1) as f64;
                    for y in d..=f {
                        *row.0.entry(y).or_default() += share;
                    }
                }
                _ => row.1 += x.montant,
            }
        }
    }
    if order.is_empty() {
        let _ = writeln!(
            out,
            "{TODO} l'engagement financier de chaque partenaire (au moins le pilote ou les copilotes).\n"
        );
        return;
    }
    out.push_str("Montants engagés par partenaire et par année (le financement d'une action est réparti également sur ses années).\n\n");
    let undated = table.values().any(|r| r.1 > 0.0);
    let mut header = String::from("| Partenaire |");
    let mut rule = String::from("|---|");
    for y in &years {
        let _ = write!(header, " {y} |");
        rule.push_str("--:|");
    }
    if undated {
        header.push_str(" Non daté |");
        rule.push_str("--:|");
    }
    header.push_str(" Total |");
    rule.push_str("--:|");
    let _ = writeln!(out, "{header}\n{rule}");
    let mut totals: BTreeMap<i64, f64> = BTreeMap::new();
    let mut total_undated = 0.0;
    for partner in &order {
        let (by_year, none) = &table[partner];
        let mut line = format!("| {partner} |");
        let mut sum = 0.0;
        for y in &years {
            let v = by_year.get(y).copied().unwrap_or(0.0);
            sum += v;
            *totals.entry(*y).or_default() += v;
            let _ = write!(
                line,
                " {} |",
                if v > 0.0 { euros(v) } else { "—".to_string() }
            );
        }
        // Years outside the period still count in the total.
        let outside: f64 = by_year
            .iter()
            .filter(|(y, _)| !years.contains(y))
            .map(|(_, v)| v)
            .sum();
        sum += outside + none;
        total_undated += none + outside;
        if undated {
            let _ = write!(
                line,
                " {} |",
                if *none > 0.0 {
                    euros(*none)
                } else {
                    "—".to_string()
                }
            );
        }
        let _ = write!(line, " {} |", euros(sum));
        let _ = writeln!(out, "{line}");
    }
    let mut line = String::from("| **Total** |");
    let mut sum = total_undated;
    for y in &years {
        let v = totals.get(y).copied().unwrap_or(0.0);
        sum += v;
        let _ = write!(line, " {} |", euros(v));
    }
    if undated {
        let _ = write!(line, " {} |", euros(total_undated));
    }
    let _ = write!(line, " {} |", euros(sum));
    let _ = writeln!(out, "{line}\n");
}

fn besoins(out: &mut String, g: &Gouvernance) {
    out.push_str("## 5. Besoins en ingénierie\n\n");
    if g.besoins.is_empty() {
        let _ = writeln!(
            out,
            "{TODO} les besoins en ingénierie financière et de projet (diagnostic, fonds, subventions, animation…).\n"
        );
        return;
    }
    out.push_str("| Besoin | Groupe | ETP | Prestation | Priorité |\n|---|---|--:|---|--:|\n");
    for b in &g.besoins {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            md(&b.besoin.as_str().replace('_', " ")),
            b.groupe,
            b.etp
                .map_or("—".to_string(), |e| format!("{e}").replace('.', ",")),
            if b.prestation { "oui" } else { "non" },
            b.priorite.map_or("—".to_string(), |p| p.to_string()),
        );
    }
    out.push('\n');
}

/// Text for a Mermaid gantt name: no `:`, `;`, `#` or line end.
fn gantt(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            ':' | ';' | '#' | '\n' | '\r' | '\t' | '`' => ' ',
            c => c,
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The months a comité meets in, by frequency.
fn months(f: Frequence) -> &'static [u32] {
    match f {
        Frequence::Mensuelle => &[1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12],
        Frequence::Trimestrielle => &[2, 5, 9, 11],
        Frequence::Semestrielle => &[3, 10],
        Frequence::Annuelle => &[6],
    }
}

fn calendrier(out: &mut String, g: &Gouvernance) {
    out.push_str("## 6. Calendrier des réunions\n\n");
    let dated: Vec<_> = g.comites.iter().filter(|c| c.frequence.is_some()).collect();
    if dated.is_empty() {
        let _ = writeln!(out, "{TODO} la fréquence de réunion de chaque comité.\n");
        return;
    }
    let years = (g.periode.fin - g.periode.debut + 1) as usize;
    out.push_str("Réunions que les fréquences impliquent sur la période (dates indicatives, au 15 du mois ; pas de réunion mensuelle en août).\n\n");
    out.push_str("| Comité | Fréquence | Réunions sur la période |\n|---|---|--:|\n");
    for c in &dated {
        let f = c.frequence.expect("dated");
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            md(&c.nom),
            f.as_str(),
            months(f).len() * years
        );
    }
    for c in g.comites.iter().filter(|c| c.frequence.is_none()) {
        let _ = writeln!(out, "| {} | à compléter | — |", md(&c.nom));
    }
    out.push_str("\n```mermaid\ngantt\n");
    let _ = writeln!(
        out,
        "  title Réunions des comités {}–{}",
        g.periode.debut, g.periode.fin
    );
    out.push_str("  dateFormat YYYY-MM-DD\n  axisFormat %Y\n");
    for (k, c) in dated.iter().enumerate() {
        let f = c.frequence.expect("dated");
        let _ = writeln!(out, "  section {}", gantt(&c.nom));
        let mut n = 0;
        for year in g.periode.debut..=g.periode.fin {
            for m in months(f) {
                n += 1;
                let _ = writeln!(
                    out,
                    "    Réunion {n} : milestone, c{k}r{n}, {year}-{m:02}-15, 0d"
                );
            }
        }
    }
    out.push_str("```\n\n");
}

fn conformite(out: &mut String, report: &FileReport, g: &Gouvernance) {
    out.push_str("## Annexe — Conformité aux règles nationales\n\n");
    if report.regles.is_empty() {
        out.push_str("Les règles n'ont pas été évaluées pour ce document.\n");
        return;
    }
    out.push_str("| Règle | Titre | Sévérité | Résultat |\n|---|---|---|---|\n");
    for rule in report.regles.iter() {
        let raised: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.code == rule.id)
            .collect();
        let open = raised.iter().filter(|d| d.waived.is_none()).count();
        let result = if raised.is_empty() {
            "conforme".to_string()
        } else if open == 0 {
            format!(
                "dérogation : {}",
                md(raised[0].waived.as_deref().unwrap_or_default())
            )
        } else if open == 1 {
            format!(
                "non conforme : {}",
                md(&raised
                    .iter()
                    .find(|d| d.waived.is_none())
                    .expect("one")
                    .message)
            )
        } else {
            format!("non conforme ({open} cas)")
        };
        let severity = match rule.severity {
            Severity::Error => "erreur",
            Severity::Warning => "avertissement",
            Severity::Info => "information",
        };
        let _ = writeln!(
            out,
            "| {} | {} | {severity} | {result} |",
            rule.id,
            md(&rule.title)
        );
    }
    out.push('\n');
    if g.derogations.is_empty() {
        out.push_str("Aucune dérogation.\n");
    } else {
        out.push_str("Dérogations :\n\n");
        for d in &g.derogations {
            let _ = writeln!(out, "- {} : {}", d.regle, md(&d.motif));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{euros, gantt};

    #[test]
    fn amounts_and_gantt_names() {
        assert_eq!(euros(120_000.0), "120\u{202f}000\u{a0}€");
        assert_eq!(euros(950.0), "950\u{a0}€");
        assert_eq!(gantt("Comité : « A » ; #1\nB"), "Comité « A » 1 B");
    }
}
