//! Search of the reference data by name or by code: what `copil search`
//! answers, for an officer who does not know SIREN codes by heart.
//!
//! **In**: a [`Recherche`] (the text, optional filters by département and
//! nature, a limit) and the [`Reference`] data.
//! **Out**: [`Resultats`], best first, each with its code, official name,
//! legal form, population, départements and a ready-to-paste `membre`
//! line; or a [`SearchError`] (no word to search, unknown département).
//!
//! - **By code**: a SIREN (9 digits) finds its EPCI; 5 characters an INSEE
//!   code (commune) and a postal code (the communes it serves, with a note
//!   when the same digits are another commune's INSEE code: `59100` is
//!   Roubaix's postal code and Bousignies' INSEE code); 1 to 3 characters a
//!   département (`38`, `2A`, `971`) and a région (`84`).
//! - **By name**: every name is scored by [`score::score`] (exact name,
//!   every word, prefixes, one typo, one word missing); ties go to the larger
//!   population (a Hub's: its régions'), then to the smaller code. The
//!   approximate matches (a typo, a word missing) are given only when no
//!   name has every word: `lille` does not bring `Lisle`. A département
//!   code among the words (`lille 59`) filters like `--departement`.
//!
//! A pure function of its input, and a cheap one: names are read straight
//! from the embedded tables, line by line, without building the communes
//! and their EPCI; a filter by département reads only that département's
//! lines, a code only the line it names.
//!
//! [`text`] turns names and queries into words, [`mod@score`] compares them,
//! [`ident`] shortens a name into an identifier; `rows` reads the tables'
//! lines, `codes` answers a code, `resultat` writes a result and its notes.

mod codes;
pub mod ident;
mod resultat;
mod rows;
pub mod score;
pub mod text;

use std::cmp::Reverse;
use std::fmt;

use serde::Serialize;

use self::codes::by_code;
use self::resultat::resultat;
use self::rows::{CommuneRow, EpciRow, commune_lines, commune_row, epci_row, for_each_commune};
use self::score::{may_match, score};
use self::text::{Analysed, Analyser, Forms};
use super::{Departement, EPCI_TSV, Hub, Reference, Region};
use crate::reference::{epci_indices, epci_line};

/// How many results a search gives unless told otherwise.
pub const DEFAULT_LIMIT: usize = 20;

/// What a result is: the natures of `membre` that have an official code
/// (and the Hubs).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Nature {
    /// A région (COG code).
    Region,
    /// A département (COG code).
    Departement,
    /// An EPCI à fiscalité propre (SIREN).
    Epci,
    /// A commune (INSEE code).
    Commune,
    /// A Hub territorial pour un numérique inclusif (no code).
    Hub,
}

impl Nature {
    /// The nature as written after `membre ID` in a file.
    pub fn as_str(self) -> &'static str {
        match self {
            Nature::Region => "region",
            Nature::Departement => "departement",
            Nature::Epci => "epci",
            Nature::Commune => "commune",
            Nature::Hub => "hub",
        }
    }
}

/// A search: the text, and what narrows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recherche<'a> {
    /// A name, part of a name, or a code (SIREN, INSEE, postal, COG).
    pub texte: &'a str,
    /// Only what lies in this département (COG code; `1` stands for `01`,
    /// `2a` for `2A`).
    pub departement: Option<&'a str>,
    /// Only this nature.
    pub nature: Option<Nature>,
    /// At most this many results.
    pub limite: usize,
}

/// One result of a search.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Resultat {
    /// What it is.
    pub nature: Nature,
    /// Its code: SIREN, INSEE code, COG code; `None` for a Hub.
    pub code: Option<String>,
    /// Its official name.
    pub nom: String,
    /// An EPCI's legal form as the data writes it (`CC`, `CA`, `CU`,
    /// `METRO`, `MET69`); `None` for the other natures.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// Population municipale (sum of the communes'); `None` for a Hub.
    pub population: Option<u64>,
    /// COG codes of its départements (a région's, a Hub's: those of its
    /// régions), sorted.
    pub departements: Vec<String>,
    /// COG codes of its régions, sorted.
    pub regions: Vec<String>,
    /// The `membre` line to paste in a file.
    pub ligne: String,
    /// How well it matches, from 100 (exact name or code) down: see
    /// [`score::score`].
    pub score: u8,
    /// What to know before using it (a postal code that is also another
    /// commune's INSEE code…), in French.
    pub note: Option<String>,
}

impl Resultat {
    /// Whether it is an approximate match: a typo, or a word missing.
    pub fn is_approximate(&self) -> bool {
        score::is_approximate(self.score)
    }
}

/// The results of a search, best first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resultats {
    /// At most the limit asked for.
    pub resultats: Vec<Resultat>,
    /// How many matched, before the limit.
    pub total: usize,
    /// The département filter applied (from `departement`, or a code among
    /// the words), normalised (`01`, `2A`).
    pub departement: Option<String>,
}

/// Why a search cannot be run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SearchError {
    /// The text has no word to search (`""`, `de la`).
    Vide {
        /// The text as given.
        texte: String,
    },
    /// `departement` is not a département code.
    DepartementInconnu {
        /// The code as given.
        code: String,
        /// The département whose name it is, if it is one (`isere`):
        /// `(code, nom)`.
        suggestion: Option<(String, String)>,
    },
}

impl SearchError {
    /// The help line that says what to do.
    pub fn help(&self) -> String {
        match self {
            SearchError::Vide { .. } => "donnez un nom (`grenoble alpes`) ou un code : SIREN, \
                 INSEE, code postal, code de département ou de région"
                .to_string(),
            SearchError::DepartementInconnu {
                suggestion: Some((code, nom)),
                ..
            } => format!("{nom} a pour code {code} : `--departement {code}`"),
            SearchError::DepartementInconnu { .. } => {
                "donnez un code du COG : 01 à 95, 2A, 2B, 971 à 976…".to_string()
            }
        }
    }
}

impl fmt::Display for SearchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SearchError::Vide { texte } => {
                write!(
                    f,
                    "la recherche « {texte} » ne contient aucun mot à chercher"
                )
            }
            SearchError::DepartementInconnu { code, .. } => {
                write!(f, "le département `{code}` n'existe pas")
            }
        }
    }
}

impl std::error::Error for SearchError {}

/// Searches `reference` (see the module's documentation).
pub fn search(reference: &Reference, recherche: &Recherche<'_>) -> Result<Resultats, SearchError> {
    let mut departement = match recherche.departement {
        Some(code) => Some(departement_filter(reference, code)?),
        None => None,
    };
    let texte = recherche.texte.trim();
    let code = as_code(texte);
    // In a search by name, a département code among the words filters.
    let mut words = Vec::new();
    if code.is_none() {
        for word in texte.split_whitespace() {
            match as_code(word)
                .filter(|c| c.len() <= 3)
                .and_then(|c| reference.departement(&c))
            {
                Some(d) if departement.is_none_or(|f| f.code == d.code) => departement = Some(d),
                _ => words.push(word),
            }
        }
    }
    let filter = Filter {
        departement,
        nature: recherche.nature,
    };
    let mut hits = Vec::new();
    match code {
        Some(code) => by_code(reference, &code, &filter, &mut hits),
        None => {
            let mut analyser = Analyser::default();
            let query = analyser.analyse(&words.join(" "));
            if query.is_empty() && query.forms.is_empty() {
                return Err(SearchError::Vide {
                    texte: recherche.texte.to_string(),
                });
            }
            by_name(reference, &query, &filter, &mut hits);
        }
    }
    // A word typed as the data spells it is no typo: the approximate
    // matches only come when nothing matches every word.
    if hits.iter().any(|h| !score::is_approximate(h.score)) {
        hits.retain(|h| !score::is_approximate(h.score));
    }
    hits.sort_by_cached_key(|hit| {
        (
            Reverse(hit.score),
            Reverse(hit.item.weight(reference)),
            hit.item.code(),
            hit.item.nature(),
        )
    });
    let total = hits.len();
    let resultats = hits
        .into_iter()
        .take(recherche.limite)
        .map(|hit| resultat(reference, hit, &filter))
        .collect();
    Ok(Resultats {
        resultats,
        total,
        departement: departement.map(|d| d.code.to_owned()),
    })
}

/// The département of `--departement`, its code normalised.
fn departement_filter<'r>(
    reference: &'r Reference,
    code: &str,
) -> Result<&'r Departement, SearchError> {
    let normalised = as_code(code).unwrap_or_default();
    if let Some(d) = reference.departement(&normalised) {
        return Ok(d);
    }
    // A name instead of a code: say which code it has.
    let mut analyser = Analyser::default();
    let wanted: Vec<String> = analyser.analyse(code).words().map(str::to_string).collect();
    let suggestion = reference
        .departements()
        .find(|d| {
            !wanted.is_empty()
                && analyser
                    .analyse(d.nom)
                    .words()
                    .eq(wanted.iter().map(String::as_str))
        })
        .map(|d| (d.code.to_owned(), d.nom.to_owned()));
    Err(SearchError::DepartementInconnu {
        code: code.to_string(),
        suggestion,
    })
}

/// `text` as a code, when it looks like one: digits (spaces allowed, as in
/// `200 093 201`), or Corsica's `2A`/`2B` with digits; upper case, and a
/// single digit padded (`1` → `01`).
fn as_code(text: &str) -> Option<String> {
    let code: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let corsica = code.starts_with("2A") || code.starts_with("2B");
    let ok =
        !code.is_empty() && code.len() <= 9 && (digits(&code) || (corsica && digits(&code[2..])));
    match code.len() {
        _ if !ok => None,
        1 => Some(format!("0{code}")),
        _ => Some(code),
    }
}

/// What the filters let through.
struct Filter<'r> {
    departement: Option<&'r Departement>,
    nature: Option<Nature>,
}

impl Filter<'_> {
    fn wants(&self, nature: Nature) -> bool {
        self.nature.is_none_or(|n| n == nature)
    }

    fn in_departement(&self, code: &str) -> bool {
        self.departement.is_none_or(|d| d.code == code)
    }

    fn in_region(&self, code: &str) -> bool {
        self.departement.is_none_or(|d| d.region == code)
    }
}

/// Something found, before it becomes a [`Resultat`].
#[derive(Clone, Copy, Debug)]
enum Item<'r> {
    Epci(EpciRow<'static>),
    Commune(CommuneRow<'static>),
    Departement(&'r Departement),
    Region(&'r Region),
    Hub(&'r Hub),
}

impl<'r> Item<'r> {
    fn nature(self) -> Nature {
        match self {
            Item::Epci(_) => Nature::Epci,
            Item::Commune(_) => Nature::Commune,
            Item::Departement(_) => Nature::Departement,
            Item::Region(_) => Nature::Region,
            Item::Hub(_) => Nature::Hub,
        }
    }

    /// Its code (a Hub's name: Hubs have no code).
    fn code(self) -> &'r str {
        match self {
            Item::Epci(e) => e.siren,
            Item::Commune(c) => c.insee,
            Item::Departement(d) => d.code,
            Item::Region(r) => &r.code,
            Item::Hub(h) => &h.nom,
        }
    }

    fn nom(self) -> &'r str {
        match self {
            Item::Epci(e) => e.nom,
            Item::Commune(c) => c.nom,
            Item::Departement(d) => d.nom,
            Item::Region(r) => &r.nom,
            Item::Hub(h) => &h.nom,
        }
    }

    fn population(self, reference: &Reference) -> Option<u64> {
        match self {
            Item::Epci(e) => Some(e.population),
            Item::Commune(c) => Some(c.population()),
            Item::Departement(d) => Some(d.population),
            Item::Region(r) => Some(
                reference
                    .departements()
                    .filter(|d| d.region == r.code)
                    .map(|d| d.population)
                    .sum(),
            ),
            Item::Hub(_) => None,
        }
    }

    /// The population that ranks it among ties: its own, or for a Hub,
    /// that of the régions it covers.
    fn weight(self, reference: &Reference) -> u64 {
        match self {
            Item::Hub(h) => h
                .regions
                .iter()
                .filter_map(|r| reference.region(r))
                .filter_map(|r| Item::Region(r).population(reference))
                .sum(),
            item => item.population(reference).unwrap_or(0),
        }
    }

    /// Its legal form or nature, as [`Forms`].
    fn forms(self) -> Forms {
        match self {
            Item::Epci(e) => Forms::of_epci_kind(e.kind),
            Item::Commune(_) => Forms::COMMUNE,
            Item::Departement(_) => Forms::DEPARTEMENT,
            Item::Region(_) => Forms::REGION,
            Item::Hub(_) => Forms::HUB,
        }
    }
}

/// A match and its score.
struct Hit<'r> {
    item: Item<'r>,
    score: u8,
    note: Option<String>,
}

/// Every name the filters let through, scored against `query`.
fn by_name<'r>(
    reference: &'r Reference,
    query: &Analysed<'_>,
    filter: &Filter<'r>,
    hits: &mut Vec<Hit<'r>>,
) {
    let mut analyser = Analyser::default();
    let mut consider = |item: Item<'r>| {
        if !may_match(query, analyser.fold(item.nom())) {
            return;
        }
        let name = analyser.words();
        if let Some(score) = score(query, &name, item.forms().union(name.forms)) {
            hits.push(Hit {
                item,
                score,
                note: None,
            });
        }
    };
    if filter.wants(Nature::Region) {
        reference
            .regions()
            .filter(|r| filter.in_region(&r.code))
            .for_each(|r| consider(Item::Region(r)));
    }
    if filter.wants(Nature::Departement) {
        reference
            .departements()
            .filter(|d| filter.in_departement(d.code))
            .for_each(|d| consider(Item::Departement(d)));
    }
    if filter.wants(Nature::Hub) {
        reference
            .hubs()
            .iter()
            .filter(|h| h.regions.iter().any(|r| filter.in_region(r)))
            .for_each(|h| consider(Item::Hub(h)));
    }
    if filter.wants(Nature::Epci) {
        match filter.departement {
            Some(d) => {
                epci_indices(d.code)
                    .iter()
                    .filter_map(|&i| epci_row(epci_line(usize::from(i))))
                    .for_each(|e| consider(Item::Epci(e)));
            }
            None => EPCI_TSV
                .lines()
                .skip(1)
                .filter_map(epci_row)
                .for_each(|e| consider(Item::Epci(e))),
        }
    }
    if filter.wants(Nature::Commune) {
        match filter.departement {
            Some(d) => commune_lines(d.code)
                .filter_map(commune_row)
                .filter(|c| c.departement == d.code)
                .for_each(|c| consider(Item::Commune(c))),
            None => for_each_commune(|c| consider(Item::Commune(c))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(texte: &str, departement: Option<&str>, nature: Option<Nature>) -> Resultats {
        let recherche = Recherche {
            texte,
            departement,
            nature,
            limite: DEFAULT_LIMIT,
        };
        search(Reference::get(), &recherche).expect("a valid search")
    }

    fn first(texte: &str) -> Resultat {
        run(texte, None, None).resultats.remove(0)
    }

    #[test]
    fn codes_are_recognised() {
        assert_eq!(as_code("200 093 201").as_deref(), Some("200093201"));
        assert_eq!(as_code("2a").as_deref(), Some("2A"));
        assert_eq!(as_code("2B033").as_deref(), Some("2B033"));
        assert_eq!(as_code("1").as_deref(), Some("01"));
        assert_eq!(as_code("grenoble"), None);
        assert_eq!(as_code("2C"), None);
        assert_eq!(as_code("1234567890"), None);
        assert_eq!(as_code(""), None);
    }

    #[test]
    fn names_find_what_officers_mean() {
        let gam = first("grenoble alpes");
        assert_eq!(gam.code.as_deref(), Some("200040715"));
        assert_eq!(
            gam.ligne,
            "membre grenoble epci 200040715   # Grenoble-Alpes-Métropole"
        );
        let mel = first("metropole lille");
        assert_eq!(mel.code.as_deref(), Some("200093201"));
        assert_eq!(
            mel.ligne,
            "membre mel epci 200093201   # Métropole Européenne de Lille"
        );
        assert_eq!(first("cc pays de gex").nom, "CA du Pays de Gex");
        assert_eq!(first("grenobel").nom, "Grenoble-Alpes-Métropole");
        assert_eq!(first("Lille").nom, "Lille");
        assert_eq!(first("st etienne").nom, "Saint-Étienne");
    }

    #[test]
    fn a_postal_code_names_its_communes_and_warns_of_an_insee_code() {
        let found = run("59100", None, None).resultats;
        let names: Vec<&str> = found.iter().map(|r| r.nom.as_str()).collect();
        assert_eq!(names, ["Roubaix", "Bousignies"]);
        let note = found[0].note.as_deref().expect("a note");
        assert!(
            note.contains("Bousignies") && note.contains("59512"),
            "{note}"
        );
        assert!(
            found[1]
                .note
                .as_deref()
                .is_some_and(|n| n.contains("Roubaix"))
        );
    }

    #[test]
    fn filters_narrow_the_search() {
        let found = run("38", None, Some(Nature::Departement)).resultats;
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].ligne, "membre cd38 departement 38   # Isère");
        let in_nord = run("pays", Some("59"), Some(Nature::Epci));
        assert!(!in_nord.resultats.is_empty());
        assert!(
            in_nord
                .resultats
                .iter()
                .all(|r| r.departements.contains(&"59".to_string()))
        );
        let implicit = run("saint martin 38", None, Some(Nature::Commune));
        assert_eq!(implicit.departement.as_deref(), Some("38"));
        assert!(implicit.resultats.iter().all(|r| r.departements == ["38"]));
    }

    #[test]
    fn bad_searches_say_why() {
        let r = Reference::get();
        let empty = Recherche {
            texte: " de la ",
            departement: None,
            nature: None,
            limite: 20,
        };
        assert!(matches!(search(r, &empty), Err(SearchError::Vide { .. })));
        let isere = Recherche {
            texte: "grenoble",
            departement: Some("isere"),
            ..empty
        };
        let error = search(r, &isere).expect_err("not a code");
        assert_eq!(error.to_string(), "le département `isere` n'existe pas");
        assert_eq!(error.help(), "Isère a pour code 38 : `--departement 38`");
    }

    #[test]
    fn a_hub_line_names_the_region_of_the_territory() {
        let found = run("antilles", Some("972"), Some(Nature::Hub)).resultats;
        assert_eq!(
            found[0].ligne,
            "membre mednum_antilles hub \"Mednum Antilles\" { region 02 }"
        );
    }
}
