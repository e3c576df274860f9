//! `copil init DEPT`: a starting governance file for a département, from
//! the reference data — the préfecture, the Département (or the
//! collectivité that exercises its powers), every EPCI by SIREN with its
//! name as a comment, the Hub of its région, the CRSN, a strategic comité
//! chaired by the préfet, a comité technique, a roadmap and the needs —
//! with French comments that tell the officer what to decide and fill in.
//! The file compiles with no compiler error (a test checks every
//! département); the rules then say what is still missing.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use crate::diagnostic::{fold, suggestion_help};
use crate::reference::search::ident::{IdKind, identifiant};
use crate::reference::{Departement, Reference};

/// Why no file can be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InitError {
    /// What is wrong, in French.
    pub message: String,
    /// What to do.
    pub help: String,
}

/// The département named by `code`: a COG code (`38`, `2A`, `971`) or its
/// name, accents and case aside (`isere`, `Côte-d'Or`).
pub fn departement<'r>(reference: &'r Reference, code: &str) -> Result<&'r Departement, InitError> {
    let wanted = code.trim();
    if let Some(d) = reference.departement(&wanted.to_uppercase()) {
        return Ok(d);
    }
    let padded = format!("0{wanted}");
    if wanted.len() == 1
        && let Some(d) = reference.departement(&padded)
    {
        return Ok(d);
    }
    let key = |s: &str| fold(s).replace(['-', '\'', ' ', '’'], "");
    if let Some(d) = reference.departements().find(|d| key(d.nom) == key(wanted)) {
        return Ok(d);
    }
    let names: Vec<String> = reference.departements().map(|d| key(d.nom)).collect();
    let help = suggestion_help(&key(wanted), names.iter().map(String::as_str))
        .and_then(|h| {
            let name = h.split('`').nth(1)?.to_string();
            let d = reference.departements().find(|d| key(d.nom) == name)?;
            Some(format!("vouliez-vous dire {} ({}) ?", d.nom, d.code))
        })
        .unwrap_or_else(|| {
            "donnez le code COG du département (`38`, `2A`, `971`) ou son nom ; `copil search NOM --nature departement` le trouve".to_string()
        });
    Err(InitError {
        message: format!("le département `{wanted}` n'existe pas dans les données de référence"),
        help,
    })
}

/// The collectivité that exercises a département's powers when it is not
/// a plain Département: its identifier and official name.
fn collectivite(d: &Departement) -> (String, Option<&'static str>) {
    let special = match d.code {
        "2A" | "2B" => Some(("cdc", "Collectivité de Corse")),
        "67" | "68" => Some(("cea", "Collectivité européenne d'Alsace")),
        "75" => Some(("paris", "Ville de Paris")),
        "972" => Some(("ctm", "Collectivité territoriale de Martinique")),
        "973" => Some(("ctg", "Collectivité territoriale de Guyane")),
        "976" => Some(("cd976", "Département de Mayotte")),
        _ => None,
    };
    match special {
        Some((id, nom)) => (id.to_string(), Some(nom)),
        None => (format!("cd{}", d.code.to_lowercase()), None),
    }
}

/// Identifiers already taken in the file, so that two EPCI never get the
/// same one.
struct Ids(BTreeSet<String>);

impl Ids {
    fn take(&mut self, wanted: String) -> String {
        let mut id = wanted.clone();
        let mut n = 2;
        while self.0.contains(&id) {
            id = format!("{wanted}_{n}");
            n += 1;
        }
        self.0.insert(id.clone());
        id
    }
}

/// The starting file of the département `d`.
pub fn init(reference: &Reference, d: &Departement) -> String {
    let mut ids = Ids(["prefecture", "copil", "cotech", "fdr"]
        .into_iter()
        .map(str::to_string)
        .collect());
    let (cd, special) = collectivite(d);
    let cd = ids.take(cd);
    let region = reference.region(d.region);
    let region_nom = region.map_or(String::new(), |r| r.nom.clone());
    let epcis = reference.epcis_of_departement(d.code);
    let epci_ids: Vec<String> = epcis
        .iter()
        .map(|e| ids.take(identifiant(IdKind::Epci, e.nom)))
        .collect();
    let hubs = reference.hubs_of_region(d.region);
    let hub = hubs
        .first()
        .map(|h| (ids.take(identifiant(IdKind::Hub, &h.nom)), h.nom.clone()));

    let code = &d.code;
    let de_nom = d.de_nom();
    let nom = &d.nom;
    let mut out = String::new();
    let w = &mut out;
    // Each section is one template; `{{` and `}}` are the file's braces.
    write!(
        w,
        "# Gouvernance France Numérique Ensemble — {nom}
# Fichier de départ écrit par `copil init {code}` depuis les données de
# référence. Les lignes « À FAIRE » disent ce qu'il reste à décider
# ou à compléter ; `copil check` dit ce que les règles nationales
# attendent encore.

territoire {code}
periode 2023..2027

# --- Membres ---------------------------------------------------------

membre prefecture prefecture
"
    )
    .unwrap();
    match special {
        Some(official) => writeln!(w, "membre {cd} departement {code}   # {official}").unwrap(),
        None => writeln!(w, "membre {cd} departement {code}").unwrap(),
    }
    writeln!(w).unwrap();
    if epcis.is_empty() {
        writeln!(
            w,
            "# Aucun EPCI dans les données de référence pour ce territoire."
        )
        .unwrap();
    } else {
        let count = if epcis.len() == 1 {
            "1 EPCI".to_string()
        } else {
            format!("{} EPCI", epcis.len())
        };
        write!(
            w,
            "# Les {count} du territoire, par SIREN. À FAIRE : gardez ceux qui siègent
# quelque part ; `copil check` signale ceux qui ne servent à rien.
"
        )
        .unwrap();
        let width = epci_ids.iter().map(String::len).max().unwrap_or(0);
        for (e, id) in epcis.iter().zip(&epci_ids) {
            writeln!(w, "membre {id:width$} epci {}   # {}", e.siren, e.nom).unwrap();
        }
    }
    writeln!(w).unwrap();
    let region = &d.region;
    match &hub {
        Some((id, hub_nom)) => write!(
            w,
            "# Le Hub territorial pour un numérique inclusif de la région {region_nom}.
membre {id} hub \"{hub_nom}\" {{ region {region} }}
"
        ),
        None => write!(
            w,
            "# Aucun Hub ne couvre la région {region_nom} dans la table de référence.
# À FAIRE : déclarez-le s'il existe : membre hub hub \"Nom du Hub\" {{ region {region} }}
"
        ),
    }
    .unwrap();
    write!(
        w,
        "
# À FAIRE : les partenaires qui siègent, par exemple :
# membre caf    caf \"CAF {de_nom}\"
# membre cpam   cpam \"CPAM {de_nom}\"
# membre ft     france_travail \"France Travail {nom}\"
# membre maires association_elus \"Association des maires {de_nom}\"

# --- Pilotage --------------------------------------------------------

pilotage {{
    prefet       prefecture
    # À FAIRE : une collectivité pilote, ou un copilotage multi-acteurs
    # (`copilotes {cd}, …`, deux au moins) ; sans l'un ni l'autre, l'État
    # porte seul.
    pilote       {cd}
    coordination {cd}   # À FAIRE : qui porte le poste de coordinateur
}}

# --- Instances -------------------------------------------------------

comite copil strategique \"Comité de pilotage France Numérique Ensemble\" {{
    presidence prefecture, {cd}
"
    )
    .unwrap();
    let mut strategic: Vec<&str> = epci_ids.iter().map(String::as_str).collect();
    let mut technical = vec![cd.as_str()];
    if let Some((id, _)) = &hub {
        strategic.push(id);
        technical.push(id);
    }
    if strategic.is_empty() {
        writeln!(w, "    membres    {cd}").unwrap();
    } else {
        write_list(w, "    membres    ", &strategic);
    }
    // At the CRSN: the Hub first, then the collectivité.
    let crsn = match &hub {
        Some((id, _)) => format!("{id}, {cd}"),
        None => cd.clone(),
    };
    write!(
        w,
        "    frequence  semestrielle
    # À FAIRE : les partenaires (CAF, CPAM, CARSAT, MSA, France Travail…) et,
    # s'il se réunit au sein d'une instance existante : adosse ID
}}

comite cotech technique \"Comité technique\" {{
    rend_compte copil
    membres     {technical}
    frequence   trimestrielle
    # À FAIRE : les services et opérateurs qui préparent les décisions
}}

# Qui siège à la commission régionale de stratégie numérique.
crsn {region} {{ membres {crsn} }}

# --- Feuille de route ------------------------------------------------

feuille_de_route fdr \"Feuille de route France Numérique Ensemble — {nom}\" {{
    porteur    {cd}
    perimetre  departement
    # À FAIRE : le contrat auquel elle s'adosse (crte, sdaasap, sdin, sdun, ctg)
    # et le diagnostic sur lequel elle s'appuie :
    # contrat    sdaasap
    # diagnostic \"Diagnostic partagé de l'inclusion numérique (2024)\"
    #
    # À FAIRE : les actions, par exemple :
    # action \"Former les agents d'accueil\" {{
    #     porteurs    {cd}
    #     besoins     animer_la_gouvernance
    #     annees      2024..2026
    #     budget      100_000 €
    #     financement {cd} 50_000 €
    # }}
}}

# --- Besoins en ingénierie ------------------------------------------

# À FAIRE : les besoins du territoire, un par ligne, avec `etp N`,
# `prestation` et `priorite N` (voir docs/langage.md).
besoins {{
    etablir_un_diagnostic_territorial etp 0.5 priorite 1
}}
",
        technical = technical.join(", ")
    )
    .unwrap();
    // In the canonical layout, so that `copil fmt` changes nothing.
    crate::fmt::format(&out).unwrap_or(out)
}

/// `membres a, b, c` wrapped at 80 columns, continuation lines aligned.
fn write_list(w: &mut String, head: &str, ids: &[&str]) {
    let mut line = head.to_string();
    for (i, id) in ids.iter().enumerate() {
        let piece = if i + 1 < ids.len() {
            format!("{id},")
        } else {
            (*id).to_string()
        };
        if line.len() > head.len() && line.len() + 1 + piece.len() > 80 {
            writeln!(w, "{}", line.trim_end()).unwrap();
            line = " ".repeat(head.len());
        } else if line.len() > head.len() {
            line.push(' ');
        }
        line.push_str(&piece);
    }
    writeln!(w, "{line}").unwrap();
}
