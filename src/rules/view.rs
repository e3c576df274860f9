//! The fact model as the rules read it: borrowed views of the compiled
//! [`Gouvernance`] and of its [`Analyses`], field by field, with the derived
//! facts (`membres[].utilise`, `comites[].niveau`, `territoire.hubs`…)
//! computed when a rule reads them.
//!
//! [`super::facts::facts`] writes this view out as JSON for `copil
//! export`; a test checks, on every file of the repository, that it reads
//! each field of the model as serde writes it.

use rustc_hash::FxHashSet;

use super::expr::{Fact, Fields, ToFact};
use super::facts::hub_key;
use crate::analysis::{Analyses, Chevauchement, Couverture, Doublon, Graphe};
use crate::model::*;
use crate::reference::{Hub, Reference, Zone};
use crate::span::Span;

/// The fact model of one compiled file, as the rules read it.
pub struct Facts<'a> {
    g: &'a Gouvernance,
    analyses: &'a Analyses,
    /// `graphe.inutilises`, hashed: read once per member.
    inutilises: FxHashSet<&'a str>,
}

impl<'a> Facts<'a> {
    /// The view of `g` and of what the analyses found in it.
    pub fn new(g: &'a Gouvernance, analyses: &'a Analyses) -> Facts<'a> {
        Facts {
            g,
            analyses,
            inutilises: analyses
                .graphe
                .inutilises
                .iter()
                .map(String::as_str)
                .collect(),
        }
    }

    /// The root record, as an expression sees it.
    pub fn root(&self) -> Fact<'_> {
        Fact::Record(self)
    }
}

/// The name of a field: its own, or the one given with `as`.
macro_rules! field_name {
    ($field:ident) => {
        stringify!($field)
    };
    ($field:ident as $name:literal) => {
        $name
    };
}

/// Declares a model struct a record (its [`Fields`]): the fields it shows as they are (an
/// `as "nom"` renames one), then the derived fields, each computed from
/// the struct and the [`Facts`] of its file.
macro_rules! record {
    (
        $ty:ty { $($field:ident $(as $name:literal)?),* $(,)? }
        $(derived |$this:ident, $facts:ident| { $($derived:literal => $value:expr),* $(,)? })?
    ) => {
        impl Fields for $ty {
            fn field<'a>(&'a self, name: &str, facts: Option<&'a Facts<'a>>) -> Option<Fact<'a>> {
                let _ = facts;
                Some(match name {
                    $(field_name!($field $(as $name)?) => self.$field.fact(),)*
                    $($($derived => {
                        #[allow(unused_variables)]
                        let ($this, $facts) = (self, facts);
                        $value
                    })*)?
                    _ => return None,
                })
            }

            fn names(&self) -> Vec<&str> {
                vec![$(field_name!($field $(as $name)?),)* $($($derived,)*)?]
            }
        }

        impl ToFact for $ty {
            fn fact(&self) -> Fact<'_> {
                Fact::Record(self)
            }
        }
    };
}

/// Enumerations read as their spelling.
macro_rules! spelled {
    ($($ty:ty),*) => {$(
        impl ToFact for $ty {
            fn fact(&self) -> Fact<'_> {
                Fact::Text(self.as_str())
            }
        }
    )*};
}

spelled!(
    Nature,
    Categorie,
    ComiteType,
    Frequence,
    Contrat,
    BesoinKind,
    Enveloppe,
    Statut,
    RoleMembre,
    Mode,
    PerimetreKind,
    Zone
);

/// The root record: the fields of the governance, then those of the
/// analyses, each listed once.
macro_rules! root {
    (governance: $($g:ident),*; analyses: $($a:ident),* $(,)?) => {
        impl Fields for Facts<'_> {
            fn field<'a>(&'a self, name: &str, _: Option<&'a Facts<'a>>) -> Option<Fact<'a>> {
                Some(match name {
                    $(stringify!($g) => self.g.$g.fact(),)*
                    $(stringify!($a) => self.analyses.$a.fact(),)*
                    _ => return None,
                })
            }

            fn names(&self) -> Vec<&str> {
                vec![$(stringify!($g),)* $(stringify!($a),)*]
            }
        }
    };
}

root!(
    governance: territoire, periode, membres, pilotage, comites, existants, sans_chevauchement,
        crsn, feuilles, actions, besoins, besoins_total, derogations;
    analyses: graphe, doublons, chevauchements, couverture,
);

record!(Span { start, end });

record!(TerritoireInfo { codes, nom, de_nom, region, region_nom, zone, population, epci, span }
derived |t, _facts| {
    "hubs" => Fact::Items(
        Reference::get()
            .hubs_of_region(&t.region)
            .into_iter()
            .map(|h| Fact::Text(&h.nom))
            .collect(),
    ),
});

record!(Periode { debut, fin, span });

/// The Hub of the reference data a `hub` member names.
fn hub_of(m: &Membre) -> Option<&'static Hub> {
    if m.nature != Nature::Hub {
        return None;
    }
    let nom = hub_key(&m.nom);
    Reference::get()
        .hubs()
        .iter()
        .find(|h| hub_key(&h.nom) == nom)
}

record!(Membre {
    id, nature, categorie, collectivite, code, nom, siret, region, departements, population,
    tags, roles, span,
} derived |m, facts| {
    "utilise" => match facts {
        Some(facts) => Fact::Bool(!facts.inutilises.contains(m.id.as_str())),
        None => Fact::Null,
    },
    "hub_reference" => hub_of(m).map_or(Fact::Null, |h| Fact::Text(&h.nom)),
    "hub_regions" => hub_of(m).map_or(Fact::Items(Vec::new()), |h| h.regions.fact()),
});

record!(Pilotage {
    prefet,
    pilote,
    copilotes,
    porteurs,
    mode,
    coordination,
    referent,
    span
});
record!(Referent {
    nom,
    email,
    email_valide,
    span
});
record!(Perimetre { kind as "type", membres, epci, communes, span });

record!(Comite {
    id, kind as "type", precision, nom, presidence, membres, frequence, perimetre, rend_compte,
    adosse, mission, prochaine_reunion, span,
} derived |c, facts| {
    "niveau" => match facts.and_then(|f| f.analyses.graphe.niveaux.get(&c.id)) {
        Some(level) => level.fact(),
        None => Fact::Null,
    },
    "rattache" => match facts {
        Some(f) => Fact::Bool(f.analyses.graphe.niveaux.contains_key(&c.id)),
        None => Fact::Null,
    },
});

record!(Existant {
    id,
    contrat,
    precision,
    nom,
    membres,
    perimetre,
    span
});
record!(SansChevauchement { ids, span });
record!(Crsn {
    region,
    membres,
    span
});
record!(FeuilleDeRoute {
    id,
    nom,
    porteur,
    perimetre,
    niveau,
    contrat,
    contrat_precision,
    diagnostic,
    actions,
    span,
});
record!(Action {
    feuille,
    nom,
    porteurs,
    besoins,
    debut,
    fin,
    budget,
    financements,
    total_financements,
    subvention,
    total_prevu,
    span,
});
record!(Subvention {
    montant,
    enveloppe,
    enveloppe_precision,
    etp,
    prestation,
    beneficiaires,
    total_beneficiaires,
    statut,
    span,
});
record!(BeneficiaireSubvention {
    membre,
    montant,
    span
});
record!(Financement {
    membre,
    montant,
    span
});
record!(Besoin {
    besoin,
    groupe,
    formation,
    autre,
    precision,
    etp,
    prestation,
    nombre,
    priorite,
    span
});
record!(BesoinsTotal {
    etp,
    priorite,
    span
});
record!(Derogation { regle, motif, span });
record!(Graphe {
    non_rattaches,
    inutilises,
    niveaux
});
record!(Doublon {
    a,
    b,
    a_nom,
    b_nom,
    similarite,
    pourcentage,
    communs,
    communs_noms,
    adosse,
    span,
});
record!(Chevauchement {
    a,
    b,
    a_nom,
    b_nom,
    a_genre,
    b_genre,
    epci,
    epci_noms,
    communes,
    communes_noms,
    contraint,
    feuilles_infra,
    span,
});
record!(Couverture {
    epci_total,
    epci_couverts,
    part_epci,
    pourcentage_epci,
    population_totale,
    population_couverte,
    part_population,
    pourcentage_population,
    manquants,
    manquants_noms,
});

/// `graphe.niveaux`: a comité's level by its id.
impl Fields for std::collections::BTreeMap<String, u32> {
    fn field<'a>(&'a self, name: &str, _: Option<&'a Facts<'a>>) -> Option<Fact<'a>> {
        self.get(name).map(ToFact::fact)
    }

    fn names(&self) -> Vec<&str> {
        self.keys().map(String::as_str).collect()
    }
}

impl ToFact for std::collections::BTreeMap<String, u32> {
    fn fact(&self) -> Fact<'_> {
        Fact::Record(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::check_source;
    use crate::rules::Rules;

    /// The fields the view computes, which the model's structs do not hold.
    const DERIVED: [&str; 6] = [
        "hubs",
        "utilise",
        "hub_reference",
        "hub_regions",
        "niveau",
        "rattache",
    ];

    /// `view` is `serde` (the structs as serde writes them) with, in some
    /// records, the derived fields added: the same keys otherwise, the same
    /// values, numbers written alike.
    fn extends(
        view: &serde_json::Value,
        serde: &serde_json::Value,
        path: &str,
    ) -> Result<(), String> {
        use serde_json::Value;
        match (view, serde) {
            (Value::Object(v), Value::Object(s)) => {
                for key in v.keys().filter(|k| !s.contains_key(*k)) {
                    if !DERIVED.contains(&key.as_str()) {
                        return Err(format!("{path}.{key}: not a field of the model"));
                    }
                }
                s.iter().try_for_each(|(key, value)| match v.get(key) {
                    Some(mine) => extends(mine, value, &format!("{path}.{key}")),
                    None => Err(format!("{path}.{key}: missing from the view")),
                })
            }
            (Value::Array(v), Value::Array(s)) if v.len() == s.len() => v
                .iter()
                .zip(s)
                .enumerate()
                .try_for_each(|(i, (v, s))| extends(v, s, &format!("{path}[{i}]"))),
            _ if view == serde => Ok(()),
            _ => Err(format!("{path}: {view} in the view, {serde} in the model")),
        }
    }

    /// On every file of the repository that compiles, the typed view (what
    /// the rules read, and what `copil export` prints) reads every field of
    /// the model's structs as serde writes it (numbers as integers or
    /// decimals alike), and adds only the derived fields.
    #[test]
    fn the_view_reads_the_model_as_serde_writes_it() {
        let rules = Rules::embedded().expect("the shipped rules load");
        let mut files = Vec::new();
        for dir in ["examples", "rules/tests", "tests/fixtures"] {
            collect(std::path::Path::new(dir), &mut files);
        }
        let mut compared = 0;
        for path in files {
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue; // the fixtures of unreadable files
            };
            let report = check_source(path.display().to_string(), text, &rules);
            let (Some(g), Some(a)) = (&report.gouvernance, &report.analyses) else {
                continue;
            };
            let view = Facts::new(g, a);
            let json = view.root().to_json(Some(&view));
            let mut serde = serde_json::to_value(g).expect("the model serialises");
            if let (Some(root), serde_json::Value::Object(analyses)) = (
                serde.as_object_mut(),
                serde_json::to_value(a).expect("the analyses serialise"),
            ) {
                root.extend(analyses);
            }
            if let Err(e) = extends(&json, &serde, "") {
                panic!("{}: {e}", path.display());
            }
            compared += 1;
        }
        assert!(compared > 50, "only {compared} files compared");
    }

    fn collect(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                collect(&path, out);
            } else if path.extension().is_some_and(|e| e == "copil") {
                out.push(path);
            }
        }
    }
}
