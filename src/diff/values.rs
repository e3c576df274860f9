//! Values as a French reader reads them: amounts (`120 000 €`), numbers
//! (`0,5`), perimeters, years.

use crate::model::{Gouvernance, Perimetre, PerimetreKind};

/// A number the French way: groups of three digits separated by a
/// no-break space, a decimal comma, at most two decimals.
pub fn nombre(value: f64) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    let negative = rounded < 0.0;
    let int = rounded.abs().trunc() as u64;
    let cents = ((rounded.abs() - rounded.abs().trunc()) * 100.0).round() as u64;
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.push_str(&crate::model::grouped_with(int, '\u{a0}'));
    if cents > 0 {
        let decimals = format!("{cents:02}");
        out.push(',');
        out.push_str(decimals.trim_end_matches('0'));
    }
    out
}

/// An amount: `120 000 €`.
pub fn euros(value: f64) -> String {
    format!("{}\u{a0}€", nombre(value))
}

/// A percentage: `67 %`.
pub fn pourcentage(value: u32) -> String {
    format!("{value}\u{a0}%")
}

/// A perimeter: « le territoire », « le département », « la région », or
/// the names of its members.
pub fn perimetre(p: &Perimetre, g: &Gouvernance) -> String {
    match p.kind {
        PerimetreKind::Territoire => "le territoire".to_string(),
        PerimetreKind::Departement => "le département".to_string(),
        PerimetreKind::Region => "la région".to_string(),
        PerimetreKind::Membres => p
            .membres
            .iter()
            .map(|id| nom(g, id))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// The name of a member (or of a comité, or the id when unknown).
pub fn nom(g: &Gouvernance, id: &str) -> String {
    if let Some(m) = g.membre(id) {
        return m.nom_distinct();
    }
    if let Some(c) = g.comite(id) {
        return c.nom.clone();
    }
    if let Some(e) = g.existants.iter().find(|e| e.id == id) {
        return e.nom.clone();
    }
    if let Some(f) = g.feuilles.iter().find(|f| f.id == id) {
        return f.nom.clone();
    }
    id.to_string()
}

/// Years `A–B` (or one year).
pub fn annees(debut: Option<i64>, fin: Option<i64>) -> Option<String> {
    match (debut, fin) {
        (Some(d), Some(f)) if d == f => Some(d.to_string()),
        (Some(d), Some(f)) => Some(format!("{d}–{f}")),
        (Some(d), None) | (None, Some(d)) => Some(d.to_string()),
        (None, None) => None,
    }
}

/// A need under its French label.
pub fn besoin(kind: crate::model::BesoinKind) -> &'static str {
    use crate::model::BesoinKind::*;
    match kind {
        EtablirUnDiagnosticTerritorial => "Établir un diagnostic territorial",
        CoConstruireLaFeuilleDeRoute => "Co-construire la feuille de route",
        RedigerLaFeuilleDeRoute => "Rédiger la feuille de route",
        AppuiJuridique => "Appui juridique",
        StructurerUnFonds => "Structurer un fonds",
        MonterDossiersDeSubvention => "Monter des dossiers de subvention",
        AnimerLaGouvernance => "Animer la gouvernance",
        StructurerUneFiliereDeReconditionnement => "Structurer une filière de reconditionnement",
        CollecterDesDonneesTerritoriales => "Collecter des données territoriales",
        SensibiliserLesActeursAuxOutilsExistants => "Sensibiliser les acteurs aux outils existants",
        AppuyerLaCertificationQualiopi => "Appuyer la certification Qualiopi",
        FormerLesAgentsPublics => "Former les agents publics",
        FormerLesSalariesAssociatifs => "Former les salariés associatifs",
        AutreFormalisation => "Autre besoin de formalisation",
        AutreFinancement => "Autre besoin de financement",
        AutreOutillage => "Autre besoin d'outillage",
        AutreFormation => "Autre besoin de formation",
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn numbers_read_the_french_way() {
        assert_eq!(super::euros(120_000.0), "120\u{a0}000\u{a0}€");
        assert_eq!(super::nombre(0.5), "0,5");
        assert_eq!(super::nombre(1_234_567.25), "1\u{a0}234\u{a0}567,25");
        assert_eq!(super::nombre(12.0), "12");
    }
}
