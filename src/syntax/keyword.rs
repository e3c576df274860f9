//! The one list of the language's keywords: their spelling, whether they
//! start a declaration, and one line of the language reference each (shown
//! by the editor services on hover).
//!
//! The grammar (`grammar/copil.pest`) spells each keyword once more, as a
//! `k_…` rule; a test keeps the two lists equal, and the parser's error
//! wording names each `k_…` rule through [`Keyword`].

use std::fmt;

macro_rules! keywords {
    ($(
        $variant:ident = $text:literal, $declaration:literal, $reference:literal;
    )*) => {
        /// A keyword of the language.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Keyword {
            $(
                #[doc = concat!("`", $text, "`: ", $reference)]
                $variant,
            )*
        }

        impl Keyword {
            /// Every keyword, declarations first, in the order of the
            /// language reference.
            pub const ALL: &'static [Keyword] = &[$(Keyword::$variant),*];

            /// The keyword as written (ASCII, no accent).
            pub const fn as_str(self) -> &'static str {
                match self { $(Keyword::$variant => $text,)* }
            }

            /// True for the keywords that start a top-level declaration.
            pub const fn starts_declaration(self) -> bool {
                match self { $(Keyword::$variant => $declaration,)* }
            }

            /// One line of the language reference, in French.
            pub const fn reference(self) -> &'static str {
                match self { $(Keyword::$variant => $reference,)* }
            }
        }
    };
}

keywords! {
    Territoire = "territoire", true, "le ou les départements que le fichier gouverne (codes COG : `38`, `2A`, `971`)";
    Periode = "periode", true, "la période de la feuille de route, `2023..2027` par défaut";
    Membre = "membre", true, "un membre de la gouvernance : `membre ID NATURE [CODE] [\"libellé\"] [{ … }]`";
    Pilotage = "pilotage", true, "qui pilote avec le préfet : `prefet`, `pilote` ou `copilotes`, `coordination`";
    Comite = "comite", true, "une instance de gouvernance : `comite ID TYPE \"nom\" { … }`";
    Existant = "existant", true, "une instance qui existe déjà sur le territoire (CRTE, SDAASaP…), comparée aux comités";
    SansChevauchement = "sans_chevauchement", true, "des comités ou feuilles de route dont les périmètres ne doivent pas se recouper";
    Crsn = "crsn", true, "les membres qui siègent à la commission régionale de stratégie numérique : `crsn REGION { membres … }`";
    FeuilleDeRoute = "feuille_de_route", true, "une feuille de route : `feuille_de_route ID \"nom\" { porteur, perimetre, contrat, diagnostic, action … }`";
    Besoins = "besoins", true, "les besoins en ingénierie financière et de projet (un bloc), ou ceux d'une action (une liste)";
    Derogation = "derogation", true, "lève une règle pour ce fichier, avec un motif : `derogation FNE-COM-05 \"motif\"`";
    Siret = "siret", false, "le SIRET d'une structure, 14 chiffres sans espace";
    Region = "region", false, "la région (code COG) que couvre un Hub";
    Tags = "tags", false, "des mots libres qu'une règle peut tester (`rural`, `qpv`…)";
    Prefet = "prefet", false, "le membre qui représente le préfet (la préfecture du territoire)";
    Pilote = "pilote", false, "la collectivité pilote, unique";
    Copilotes = "copilotes", false, "un copilotage multi-acteurs : au moins deux membres, dont une collectivité";
    Coordination = "coordination", false, "les structures qui recrutent les coordinateurs : `coordination ID, ID…`";
    Referent = "referent", false, "le sous-préfet référent : `referent \"Nom\" \"adresse@exemple.gouv.fr\"`";
    Presidence = "presidence", false, "les membres qui président le comité";
    Membres = "membres", false, "les membres qui siègent dans l'instance";
    Frequence = "frequence", false, "la fréquence des réunions : `mensuelle`, `trimestrielle`, `semestrielle`, `annuelle`";
    Perimetre = "perimetre", false, "le périmètre : `departement`, `region` ou une liste d'EPCI ou de communes ; par défaut tout le territoire";
    RendCompte = "rend_compte", false, "le comité auquel celui-ci rend compte";
    Adosse = "adosse", false, "l'instance existante au sein de laquelle le comité se réunit (ce n'est alors pas un doublon)";
    Mission = "mission", false, "la mission du comité, en une phrase";
    ProchaineReunion = "prochaine_reunion", false, "la date de la prochaine réunion du comité : `2025-03-12`";
    Porteur = "porteur", false, "le membre qui porte la feuille de route";
    Porteurs = "porteurs", false, "les membres qui portent l'action";
    Contrat = "contrat", false, "le contrat préexistant auquel la feuille de route s'adosse : `crte`, `sdaasap`, `sdin`, `sdun`, `ctg`, `autre \"…\"`";
    Diagnostic = "diagnostic", false, "le diagnostic territorial sur lequel la feuille de route s'appuie";
    Action = "action", false, "une action de la feuille de route : `action \"nom\" { porteurs, besoins, annees, budget, financement … }`";
    Annees = "annees", false, "les années de l'action : `2024..2026`";
    Budget = "budget", false, "le budget de l'action : `120_000 €`";
    Financement = "financement", false, "un cofinancement de l'action : `financement ID MONTANT` (deux lignes pour un même membre s'additionnent)";
    Subvention = "subvention", false, "la subvention de l'État demandée pour l'action : `subvention MONTANT { enveloppe, etp, prestation, beneficiaire, statut }`";
    Enveloppe = "enveloppe", false, "l'enveloppe de la subvention : `ingenierie`, `formation`, `conseiller_numerique`, `autre \"…\"`";
    Beneficiaire = "beneficiaire", false, "un bénéficiaire de la subvention et ce qu'il reçoit : `beneficiaire ID MONTANT`";
    Statut = "statut", false, "le statut de la demande de subvention : `deposee`, `en_cours`, `acceptee`, `refusee`";
    Etp = "etp", false, "le besoin en équivalents temps plein (`etp 0,5`), ou la part « personnel » d'une subvention (`etp 100 000 €`)";
    Prestation = "prestation", false, "le besoin est couvert par une prestation, ou la part « prestations » d'une subvention (`prestation 50 000 €`)";
    Nombre = "nombre", false, "le nombre de personnes à former : `nombre 40`";
    TotalEtp = "total_etp", false, "le total des besoins en équivalents temps plein : `total_etp 1,5`";
    Priorite = "priorite", false, "le rang de priorité du besoin : `priorite 1`";
}

impl Keyword {
    /// The keyword spelt `word`, if any.
    pub fn parse(word: &str) -> Option<Keyword> {
        Keyword::ALL.iter().copied().find(|k| k.as_str() == word)
    }

    /// The keywords that start a top-level declaration.
    pub fn declarations() -> impl Iterator<Item = Keyword> {
        Keyword::ALL
            .iter()
            .copied()
            .filter(|k| k.starts_declaration())
    }
}

impl fmt::Display for Keyword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The word (letters, digits, `_`) that starts `text`.
pub fn word_at(text: &str) -> &str {
    let end = text
        .char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '_'))
        .map_or(text.len(), |(i, _)| i);
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The grammar's `k_…` rules and this list spell the same keywords.
    #[test]
    fn the_grammar_spells_the_same_keywords() {
        let grammar = include_str!("../../grammar/copil.pest");
        let mut in_grammar: Vec<&str> = grammar
            .lines()
            .filter_map(|line| {
                let (name, rule) = line.split_once('=')?;
                let name = name.trim().strip_prefix("k_")?;
                let spelt = rule.split('"').nth(1)?;
                assert_eq!(name, spelt, "the rule k_{name} spells {spelt}");
                Some(spelt)
            })
            .collect();
        in_grammar.sort_unstable();
        let mut listed: Vec<&str> = Keyword::ALL.iter().map(|k| k.as_str()).collect();
        listed.sort_unstable();
        assert_eq!(in_grammar, listed);
    }

    #[test]
    fn keywords_are_ascii_words() {
        for k in Keyword::ALL {
            assert!(
                k.as_str()
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'_')
            );
            assert_eq!(Keyword::parse(k.as_str()), Some(*k));
            assert!(!k.reference().ends_with('.'), "{k}");
        }
        assert_eq!(word_at("comite cotech"), "comite");
        assert_eq!(word_at("été{"), "été");
        assert_eq!(word_at(" x"), "");
    }
}
