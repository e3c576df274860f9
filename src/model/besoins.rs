//! The French labels of the needs in engineering and of their groups, as
//! ANCT's app (Mon Inclusion Numérique) shows them: the one table every
//! output (roadmap, chart, web page) takes its wording from.

use super::types::BesoinKind;

impl BesoinKind {
    /// ANCT's label of the need: « Établir un diagnostic territorial ».
    pub fn libelle(self) -> &'static str {
        use BesoinKind::*;
        match self {
            EtablirUnDiagnosticTerritorial => "Établir un diagnostic territorial",
            CoConstruireLaFeuilleDeRoute => {
                "Co-construire la feuille de route avec les acteurs du territoire"
            }
            RedigerLaFeuilleDeRoute => "Rédiger la feuille de route",
            AppuiJuridique => "Appui juridique dédié à la gouvernance",
            StructurerUnFonds => "Structurer un fonds local pour l'inclusion numérique",
            MonterDossiersDeSubvention => "Monter des dossiers de subvention complexes (ex. : FSE)",
            AnimerLaGouvernance => {
                "Animer et mettre en œuvre la gouvernance et la feuille de route"
            }
            StructurerUneFiliereDeReconditionnement => {
                "Structurer une filière de reconditionnement locale"
            }
            CollecterDesDonneesTerritoriales => {
                "Collecter des données territoriales pour alimenter la plateforme de données nationale"
            }
            SensibiliserLesActeursAuxOutilsExistants => {
                "Sensibiliser les acteurs de l'inclusion numérique aux outils existants (Pix, La Base…)"
            }
            AppuyerLaCertificationQualiopi => {
                "Appuyer la certification Qualiopi de structures privées portant des formations à l'inclusion numérique"
            }
            FormerLesAgentsPublics => "Former les agents publics à l'inclusion numérique",
            FormerLesSalariesAssociatifs => {
                "Former les salariés associatifs à l'inclusion numérique"
            }
            AutreFormalisation => "Autre besoin de formalisation",
            AutreFinancement => "Autre besoin de financement",
            AutreOutillage => "Autre besoin d'outillage",
            AutreFormation => "Autre besoin de formation",
        }
    }

    /// The label of the need's group: « Formaliser la gouvernance »…
    pub fn groupe_libelle(self) -> &'static str {
        groupe_libelle(self.groupe())
    }
}

/// The label of a group of needs, by its key (`formalisation`,
/// `financement`, `outillage`, `formation`).
pub fn groupe_libelle(groupe: &str) -> &'static str {
    match groupe {
        "formalisation" => "Formaliser la feuille de route",
        "financement" => "Financer le déploiement",
        "outillage" => "Outiller les acteurs",
        _ => "Former les professionnels",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_need_has_a_french_label_with_its_capital() {
        for text in BesoinKind::ALL {
            let b = BesoinKind::parse(text).expect("need");
            let label = b.libelle();
            assert!(
                label.chars().next().is_some_and(char::is_uppercase),
                "{label}"
            );
            assert!(!label.contains('_'), "{label}");
            assert!(!b.groupe_libelle().is_empty());
        }
        assert_eq!(
            BesoinKind::EtablirUnDiagnosticTerritorial.libelle(),
            "Établir un diagnostic territorial"
        );
    }
}
