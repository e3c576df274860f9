//! Reference data: the French administrative divisions and the Hubs
//! territoriaux pour un numérique inclusif.
//!
//! **In**: the tables of `data/` (régions, départements, EPCI, communes,
//! derived from INSEE's COG and the DGCL's EPCI list as packaged in
//! `@etalab/decoupage-administratif` 6.0.0 by `scripts/update-data.sh`; the
//! Hubs, hand-kept), embedded in the binary with `include_str!`.
//!
//! **Out**: [`Reference::get`], a process-wide read-only view with lookups by
//! code ([`Reference::departement`], [`Reference::epci`], …) and by postal
//! code ([`Reference::code_postal`]), the EPCI of a département, the Hubs of
//! a région; [`checksum`], the SIREN/SIRET checks; and [`search`], the
//! search by name or code behind `copil search`.
//!
//! Each table is parsed on first use, independently of the others (a check
//! that never looks up a commune never parses `communes.tsv`). The two large
//! tables are parsed piecemeal: an EPCI when it is first returned, the
//! communes by two-character INSEE prefix (one département; `97` for the
//! DROM and three COM, `98` for the other COM) when one of them is first
//! looked up; the EPCI of those
//! communes are then parsed to derive each commune's EPCI. Lookups are binary
//! searches in tables sorted by code: O(log n), no hashing.
//!
//! Populations are INSEE *populations municipales* (the vintage shipped in
//! the package; Mayotte: 2017). A département's and an EPCI's population is
//! the sum of its communes', so shares computed from them are consistent.
//! A commune with no known population (uninhabited TAAF districts,
//! Clipperton) has population 0.

#![warn(missing_docs)]

pub mod checksum;
mod parse;
pub mod search;
#[cfg(test)]
mod tests;

use std::fmt;
use std::sync::OnceLock;

use serde::Serialize;

const REGIONS_TSV: &str = include_str!("../../data/regions.tsv");
const DEPARTEMENTS_TSV: &str = include_str!("../../data/departements.tsv");
const EPCI_TSV: &str = include_str!("../../data/epci.tsv");
const COMMUNES_TSV: &str = include_str!("../../data/communes.tsv");
const HUBS_TSV: &str = include_str!("../../data/hubs.tsv");
const CODES_POSTAUX_TSV: &str = include_str!("../../data/codes-postaux.tsv");

/// Version of `@etalab/decoupage-administratif` the tables are derived from.
pub const SOURCE_VERSION: &str = "6.0.0";

/// Where a territory lies: metropolitan France, an overseas département and
/// région (DROM), or an overseas collectivité (COM).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Zone {
    /// France métropolitaine (Corse included).
    Metro,
    /// Département et région d'outre-mer: Guadeloupe, Martinique, Guyane,
    /// La Réunion, Mayotte.
    Drom,
    /// Collectivité d'outre-mer (Saint-Pierre-et-Miquelon, Polynésie
    /// française, Nouvelle-Calédonie…).
    Com,
}

impl Zone {
    /// The value as written in the data and the fact model: `metro`, `drom`
    /// or `com`.
    pub fn as_str(self) -> &'static str {
        match self {
            Zone::Metro => "metro",
            Zone::Drom => "drom",
            Zone::Com => "com",
        }
    }

    /// Parses `metro`, `drom` or `com`.
    pub fn from_name(name: &str) -> Option<Zone> {
        match name {
            "metro" => Some(Zone::Metro),
            "drom" => Some(Zone::Drom),
            "com" => Some(Zone::Com),
            _ => None,
        }
    }

    /// Whether the zone is overseas (`drom` or `com`).
    pub fn is_overseas(self) -> bool {
        self != Zone::Metro
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A région (COG code `84`, `01`…; a COM is its own région, code `975`…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Region {
    /// COG code.
    pub code: String,
    /// Official name, e.g. `Auvergne-Rhône-Alpes`.
    pub nom: String,
    /// Metropolitan or overseas.
    pub zone: Zone,
}

/// A département (COG code `38`, `2A`, `971`…; a COM is also listed as a
/// département with its own code).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Departement {
    /// COG code.
    pub code: &'static str,
    /// Official name, e.g. `Isère`.
    pub nom: &'static str,
    /// COG code of its région.
    pub region: &'static str,
    /// Metropolitan or overseas.
    pub zone: Zone,
    /// Sum of its communes' populations municipales.
    pub population: u64,
    /// The COG's *type de nom en clair* (TNCC), which gives the article:
    /// 0 none (consonant), 1 none (vowel), 2 `le`, 3 `la`, 4 `les`, 5 `l'`.
    pub liaison: u8,
    /// The official name of the collectivité with a special status that
    /// exercises the département's powers (« Collectivité territoriale de
    /// Guyane », « Ville de Paris »…); `None` for a plain Département.
    pub collectivite: Option<&'static str>,
}

impl Departement {
    /// Its name after « de », with the right article: « de l'Isère », « de
    /// la Vendée », « du Nord », « des Yvelines », « de Paris ».
    pub fn de_nom(&self) -> String {
        match self.liaison {
            1 => format!("d'{}", self.nom),
            2 => format!("du {}", self.nom),
            3 => format!("de la {}", self.nom),
            4 => format!("des {}", self.nom),
            5 => format!("de l'{}", self.nom),
            _ => format!("de {}", self.nom),
        }
    }
}

/// An EPCI à fiscalité propre (intercommunalité), identified by its SIREN.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Epci {
    /// SIREN (9 digits).
    pub siren: &'static str,
    /// Official name, e.g. `Grenoble-Alpes-Métropole`.
    pub nom: &'static str,
    /// Legal form as in the DGCL list: `CC` (communauté de communes), `CA`
    /// (d'agglomération), `CU` (urbaine), `METRO` (métropole), `MET69`
    /// (Métropole de Lyon).
    pub kind: &'static str,
    /// Sum of its member communes' populations municipales.
    pub population: u64,
    /// INSEE codes of its member communes, sorted.
    pub communes: Vec<&'static str>,
    /// Départements of its member communes, sorted, without duplicates
    /// (89 EPCI span several départements).
    pub departements: Vec<&'static str>,
}

impl Epci {
    /// The legal form in words, lower case: `communauté de communes`,
    /// `communauté d'agglomération`, `communauté urbaine`, `métropole`,
    /// `Métropole de Lyon`.
    pub fn kind_label(&self) -> &'static str {
        epci_kind_label(self.kind)
    }
}

/// An EPCI's legal form `kind` (`CC`, `CA`…) in words: see
/// [`Epci::kind_label`]; `EPCI` for a form the data does not use.
pub fn epci_kind_label(kind: &str) -> &'static str {
    match kind {
        "CC" => "communauté de communes",
        "CA" => "communauté d'agglomération",
        "CU" => "communauté urbaine",
        "METRO" => "métropole",
        "MET69" => "Métropole de Lyon",
        "EPT" => "établissement public territorial",
        _ => "EPCI",
    }
}

/// A commune (only *communes actuelles*: no commune déléguée or associée,
/// no arrondissement municipal of Paris, Lyon or Marseille).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Commune {
    /// INSEE code (5 characters, `38185`, `2A004`, `97101`).
    pub insee: &'static str,
    /// Official name, e.g. `Grenoble`.
    pub nom: &'static str,
    /// COG code of its département.
    pub departement: &'static str,
    /// Population municipale; 0 when unknown (uninhabited territories).
    pub population: u64,
    /// SIREN of its EPCI; `None` for the few communes outside any EPCI
    /// (Île-de-Bréhat, Île-de-Sein, Ouessant, L'Île-d'Yeu, and the COM).
    pub epci: Option<&'static str>,
    /// SIREN of its établissement public territorial (Grand Paris), if any.
    pub ept: Option<&'static str>,
}

/// A Hub territorial pour un numérique inclusif and the régions it covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hub {
    /// Name, e.g. `Hinaura`.
    pub nom: String,
    /// COG codes of the régions it covers (a région may have several Hubs).
    pub regions: Vec<String>,
}

/// A postal code and the communes it serves (La Poste's codes, as in the
/// package). A postal code is not an INSEE code: `59100` is Roubaix's postal
/// code and Bousignies' INSEE code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodePostal {
    /// Five digits, e.g. `59100`.
    pub code: &'static str,
    /// INSEE codes, sorted, comma-separated (split by [`CodePostal::communes`]).
    communes: &'static str,
}

impl CodePostal {
    /// INSEE codes of the communes it serves, sorted (at least one).
    pub fn communes(&self) -> impl Iterator<Item = &'static str> + use<> {
        self.communes.split(',')
    }
}

/// The index of `epci.tsv`, computed by the build (`build.rs`): where
/// each line lies, and the EPCI of each département.
mod epci_index {
    include!(concat!(env!("OUT_DIR"), "/epci_index.rs"));
}

/// The line of `epci.tsv` at `index` in [`epci_index::LINES`].
fn epci_line(index: usize) -> &'static str {
    let (start, _, end, _) = epci_index::LINES[index];
    &EPCI_TSV[start as usize..end as usize]
}

/// The index in [`epci_index::LINES`] of the EPCI of SIREN `siren`.
fn epci_position(siren: &str) -> Option<usize> {
    epci_index::LINES
        .binary_search_by(|&(start, siren_end, _, _)| {
            EPCI_TSV[start as usize..siren_end as usize].cmp(siren)
        })
        .ok()
}

/// The indices of the EPCI of département `code`, in SIREN order.
fn epci_indices(code: &str) -> &'static [u16] {
    epci_index::BY_DEPARTEMENT
        .binary_search_by(|(d, _)| (*d).cmp(code))
        .map_or(&[], |i| epci_index::BY_DEPARTEMENT[i].1)
}

/// Number of possible two-character prefixes of an INSEE code: a digit,
/// then a digit, `A` or `B` (Corsica: `2A`, `2B`).
const COMMUNE_SLOTS: usize = 10 * 12;

/// The slot of the communes whose INSEE code starts with `code`'s first two
/// characters; slots are in the byte order of those prefixes.
fn slot_of_insee(code: &str) -> Option<usize> {
    let bytes = code.as_bytes();
    let first = match bytes.first()? {
        b @ b'0'..=b'9' => usize::from(b - b'0'),
        _ => return None,
    };
    let second = match bytes.get(1)? {
        b @ b'0'..=b'9' => usize::from(b - b'0'),
        b'A' => 10,
        b'B' => 11,
        _ => return None,
    };
    Some(first * 12 + second)
}

/// The prefix of a slot (inverse of [`slot_of_insee`]).
fn slot_prefix(slot: usize) -> [u8; 2] {
    let second = match slot % 12 {
        10 => b'A',
        11 => b'B',
        d => b'0' + d as u8,
    };
    [b'0' + (slot / 12) as u8, second]
}

/// The reference data. Use [`Reference::get`]; every table is parsed on its
/// first use and kept for the life of the process. The communes are parsed
/// by two-character INSEE prefix (a département, `97` or `98`), the EPCI
/// one by one.
pub struct Reference {
    regions: OnceLock<Vec<Region>>,
    departements: OnceLock<Vec<Departement>>,
    /// Each line of `epci.tsv` (by its index in [`epci_index::LINES`]),
    /// parsed on first use. Held in place rather than allocated: a table
    /// of 1 254 empty places was 34 pages written at the first EPCI
    /// looked up, where a static's untouched pages cost nothing.
    epci: [OnceLock<Epci>; epci_index::LINES.len()],
    communes: [OnceLock<Vec<Commune>>; COMMUNE_SLOTS],
    hubs: OnceLock<Vec<Hub>>,
    codes_postaux: OnceLock<Vec<CodePostal>>,
}

static REFERENCE: Reference = Reference::unloaded();

/// Panics with a clear message: the embedded tables are checked by the test
/// suite, so a failure here is a build defect, never a user error.
fn embedded<T>(result: Result<T, parse::ParseError>) -> T {
    result.unwrap_or_else(|e| panic!("données de référence embarquées invalides : {e}"))
}

/// Binary search of `key` in `list`, sorted by `code`.
fn find<'a, T>(list: &'a [T], key: &str, code: impl Fn(&T) -> &str) -> Option<&'a T> {
    list.binary_search_by(|item| code(item).cmp(key))
        .ok()
        .map(|i| &list[i])
}

impl Reference {
    /// The embedded reference data, shared by the whole process.
    pub fn get() -> &'static Reference {
        &REFERENCE
    }

    /// A fresh instance with no table parsed yet (for benchmarks).
    #[doc(hidden)]
    pub const fn unloaded() -> Reference {
        Reference {
            regions: OnceLock::new(),
            departements: OnceLock::new(),
            epci: [const { OnceLock::new() }; epci_index::LINES.len()],
            communes: [const { OnceLock::new() }; COMMUNE_SLOTS],
            hubs: OnceLock::new(),
            codes_postaux: OnceLock::new(),
        }
    }

    /// A fresh instance with every table fully parsed (for benchmarks).
    #[doc(hidden)]
    pub fn load_all() -> Reference {
        let reference = Reference::unloaded();
        reference.regions_table();
        reference.departements_table();
        reference.epcis().for_each(drop);
        reference.communes().for_each(drop);
        reference.hubs();
        reference.codes_postaux_table();
        reference
    }

    fn regions_table(&self) -> &[Region] {
        self.regions
            .get_or_init(|| embedded(parse::regions(REGIONS_TSV)))
    }

    fn departements_table(&self) -> &[Departement] {
        self.departements
            .get_or_init(|| embedded(parse::departements(DEPARTEMENTS_TSV)))
    }

    fn codes_postaux_table(&self) -> &[CodePostal] {
        self.codes_postaux
            .get_or_init(|| embedded(parse::codes_postaux(CODES_POSTAUX_TSV)))
    }

    /// The EPCI at `index` in [`epci_index::LINES`], parsed on first use.
    fn epci_at(&self, index: usize) -> &Epci {
        self.epci[index].get_or_init(|| {
            let line_no = epci_index::LINES[index].3 as usize;
            embedded(parse::epci_line(line_no, epci_line(index)))
        })
    }

    /// The communes of a slot, with their EPCI.
    fn commune_slot(&self, slot: usize) -> &[Commune] {
        self.communes[slot].get_or_init(|| {
            let prefix = slot_prefix(slot);
            let range = parse::communes_with_prefix(COMMUNES_TSV, &prefix);
            let mut communes = embedded(parse::communes(COMMUNES_TSV, range, &prefix));
            if communes.is_empty() {
                return communes;
            }
            // The communes' EPCI are among those of their départements,
            // whose codes start with the same two characters.
            let prefix = std::str::from_utf8(&prefix).unwrap_or_default();
            let first = epci_index::BY_DEPARTEMENT.partition_point(|(d, _)| *d < prefix);
            let departements = epci_index::BY_DEPARTEMENT[first..]
                .iter()
                .take_while(|(d, _)| d.starts_with(prefix));
            // An EPCI of several départements of the prefix is linked once.
            let mut indices: Vec<u16> = departements
                .flat_map(|(_, indices)| indices.iter().copied())
                .collect();
            indices.sort_unstable();
            indices.dedup();
            let epcis = indices.iter().map(|&i| self.epci_at(usize::from(i)));
            embedded(parse::link_epcis(&mut communes, epcis, prefix));
            communes
        })
    }

    /// The région of COG code `code` (`84`, `01`, `975`…).
    pub fn region(&self, code: &str) -> Option<&Region> {
        find(self.regions_table(), code, |r| &r.code)
    }

    /// The département of COG code `code` (`38`, `2A`, `971`…).
    pub fn departement(&self, code: &str) -> Option<&Departement> {
        find(self.departements_table(), code, |d| d.code)
    }

    /// The EPCI of SIREN `siren`.
    pub fn epci(&self, siren: &str) -> Option<&Epci> {
        Some(self.epci_at(epci_position(siren)?))
    }

    /// The commune of INSEE code `insee`.
    pub fn commune(&self, insee: &str) -> Option<&Commune> {
        find(self.commune_slot(slot_of_insee(insee)?), insee, |c| c.insee)
    }

    /// The postal code `code` (`59100`) and the communes it serves; `None`
    /// when La Poste has no such code.
    pub fn code_postal(&self, code: &str) -> Option<&CodePostal> {
        find(self.codes_postaux_table(), code, |c| c.code)
    }

    /// Every région, sorted by code.
    pub fn regions(&self) -> impl Iterator<Item = &Region> {
        self.regions_table().iter()
    }

    /// Every département, sorted by code.
    pub fn departements(&self) -> impl Iterator<Item = &Departement> {
        self.departements_table().iter()
    }

    /// Every EPCI, sorted by SIREN (parses them all).
    pub fn epcis(&self) -> impl Iterator<Item = &Epci> {
        (0..epci_index::LINES.len()).map(|i| self.epci_at(i))
    }

    /// Every commune, sorted by INSEE code (parses them all).
    pub fn communes(&self) -> impl Iterator<Item = &Commune> {
        (0..COMMUNE_SLOTS).flat_map(|slot| self.commune_slot(slot).iter())
    }

    /// The départements of région `code`, sorted by code.
    pub fn departements_of_region(&self, code: &str) -> Vec<&Departement> {
        self.departements().filter(|d| d.region == code).collect()
    }

    /// The EPCI having at least one member commune in département `code`,
    /// sorted by SIREN (empty for an unknown code). An EPCI spanning several
    /// départements is listed in each.
    pub fn epcis_of_departement(&self, code: &str) -> Vec<&Epci> {
        epci_indices(code)
            .iter()
            .map(|&i| self.epci_at(usize::from(i)))
            .collect()
    }

    /// Every Hub, in the order of `data/hubs.tsv`.
    pub fn hubs(&self) -> &[Hub] {
        self.hubs.get_or_init(|| embedded(parse::hubs(HUBS_TSV)))
    }

    /// The Hub named `nom` (exact name, e.g. `Hinaura`).
    pub fn hub(&self, nom: &str) -> Option<&Hub> {
        self.hubs().iter().find(|h| h.nom == nom)
    }

    /// The Hubs covering région `region` (a région code: see
    /// [`Reference::normalize_region_code`]), in the order of
    /// `data/hubs.tsv`. Guadeloupe has two.
    pub fn hubs_of_region(&self, region: &str) -> Vec<&Hub> {
        self.hubs()
            .iter()
            .filter(|h| h.regions.iter().any(|r| r == region))
            .collect()
    }

    /// A hub's `region` attribute: accept a région code, or for a
    /// single-département overseas région, its département code
    /// (971 -> "01"); returns the canonical région code.
    ///
    /// `None` when `code` is neither: a département of a région that has
    /// several (`38`) is not accepted as its région.
    pub fn normalize_region_code(&self, code: &str) -> Option<String> {
        if let Some(region) = self.region(code) {
            return Some(region.code.clone());
        }
        let departement = self.departement(code)?;
        let siblings = self
            .departements()
            .filter(|d| d.region == departement.region)
            .count();
        (siblings == 1 && departement.zone.is_overseas()).then(|| departement.region.to_owned())
    }
}

impl fmt::Debug for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Reference")
            .field("regions_loaded", &self.regions.get().is_some())
            .field("departements_loaded", &self.departements.get().is_some())
            .field(
                "epci_parsed",
                &self.epci.iter().filter(|e| e.get().is_some()).count(),
            )
            .field(
                "commune_slots_loaded",
                &self.communes.iter().filter(|s| s.get().is_some()).count(),
            )
            .field("hubs_loaded", &self.hubs.get().is_some())
            .field("codes_postaux_loaded", &self.codes_postaux.get().is_some())
            .finish()
    }
}
