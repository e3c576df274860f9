//! The fact model of DESIGN §4: what rule expressions see, and what
//! `copil export --format json` prints.
//!
//! It is the compiled [`Gouvernance`] as JSON, with the analyses of §5
//! added: the top-level `graphe`, `doublons`, `chevauchements` and
//! `couverture`, and a few per-element facts derived from them
//! (`membres[].utilise`, `comites[].niveau`, `comites[].rattache`) or from the
//! reference data (`territoire.hubs`, `membres[].hub_reference`,
//! `membres[].hub_regions`).
//! [`types`] describes the same model statically, for the type checker;
//! a test keeps the two in step.

use serde_json::{Value, json};

use super::expr::{Record, Type};
use super::view::Facts;
use crate::analysis::Analyses;
use crate::diagnostic::fold;
use crate::model::Gouvernance;

/// The fact model of one compiled file, as JSON: what `copil export`
/// prints. It is the typed view the rules read ([`super::view`]), written
/// out: the derived facts are computed in one place.
pub fn facts(g: &Gouvernance, analyses: &Analyses) -> Value {
    let view = Facts::new(g, analyses);
    view.root().to_json(Some(&view))
}

/// A Hub's name reduced for matching a libellé with the reference table:
/// accents and case folded, punctuation and the word "hub" dropped, so that
/// "Hub CONUMM" is CONUMM and "Hub Antilles Guyane" is Hub Antilles-Guyane.
pub(crate) fn hub_key(name: &str) -> String {
    fold(name)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && *w != "hub")
        .collect()
}

fn text() -> Type {
    Type::Text
}

fn texts() -> Type {
    Type::list(Type::Text)
}

fn opt(ty: Type) -> Type {
    Type::optional(ty)
}

fn list(record: Record) -> Type {
    Type::list(Type::Record(record))
}

fn span() -> Record {
    Record::new("un emplacement", "emplacements")
        .field("start", Type::Number)
        .field("end", Type::Number)
}

fn perimetre() -> Record {
    Record::new("un périmètre", "périmètres")
        .field("type", text())
        .field("membres", texts())
        .field("epci", texts())
        .field("communes", texts())
        .field("span", opt(Type::Record(span())))
}

/// A State grant (`actions[].subvention`).
fn subvention() -> Record {
    let beneficiaire = Record::new("un bénéficiaire", "bénéficiaires")
        .field("membre", text())
        .field("montant", Type::Number)
        .field("span", Type::Record(span()));
    Record::new("une subvention", "subventions")
        .field("montant", Type::Number)
        .field("enveloppe", opt(text()))
        .field("enveloppe_precision", opt(text()))
        .field("etp", opt(Type::Number))
        .field("prestation", opt(Type::Number))
        .field("beneficiaires", list(beneficiaire))
        .field("total_beneficiaires", Type::Number)
        .field("statut", opt(text()))
        .field("span", Type::Record(span()))
}

/// The types of the fact model, for the type checker.
pub fn types() -> Record {
    let territoire = Record::new("un territoire", "territoires")
        .field("codes", texts())
        .field("nom", text())
        .field("region", text())
        .field("de_nom", text())
        .field("region_nom", text())
        .field("zone", text())
        .field("population", Type::Number)
        .field("epci", texts())
        .field("hubs", texts())
        .field("span", Type::Record(span()));
    let periode = Record::new("une période", "périodes")
        .field("debut", Type::Number)
        .field("fin", Type::Number)
        .field("span", opt(Type::Record(span())));
    let membre = Record::new("un membre", "membres")
        .field("id", text())
        .field("nature", text())
        .field("categorie", text())
        .field("collectivite", Type::Bool)
        .field("code", opt(text()))
        .field("nom", text())
        .field("siret", opt(text()))
        .field("region", opt(text()))
        .field("departements", texts())
        .field("population", opt(Type::Number))
        .field("tags", texts())
        .field("roles", texts())
        .field("utilise", Type::Bool)
        .field("hub_reference", opt(text()))
        .field("hub_regions", texts())
        .field("span", Type::Record(span()));
    let pilotage = Record::new("le pilotage", "pilotages")
        .field("prefet", opt(text()))
        .field("pilote", opt(text()))
        .field("copilotes", texts())
        .field("porteurs", texts())
        .field("mode", text())
        .field("coordination", texts())
        .field(
            "referent",
            opt(Type::Record(
                Record::new("un référent", "référents")
                    .field("nom", text())
                    .field("email", text())
                    .field("email_valide", Type::Bool)
                    .field("span", Type::Record(span())),
            )),
        )
        .field("span", opt(Type::Record(span())));
    let comite = Record::new("un comité", "comités")
        .field("id", text())
        .field("type", text())
        .field("precision", opt(text()))
        .field("nom", text())
        .field("presidence", texts())
        .field("membres", texts())
        .field("frequence", opt(text()))
        .field("perimetre", Type::Record(perimetre()))
        .field("rend_compte", opt(text()))
        .field("adosse", opt(text()))
        .field("mission", opt(text()))
        .field("prochaine_reunion", opt(text()))
        .field("niveau", opt(Type::Number))
        .field("rattache", Type::Bool)
        .field("span", Type::Record(span()));
    let existant = Record::new("une instance existante", "instances existantes")
        .field("id", text())
        .field("contrat", text())
        .field("precision", opt(text()))
        .field("nom", text())
        .field("membres", texts())
        .field("perimetre", Type::Record(perimetre()))
        .field("span", Type::Record(span()));
    let sans_chevauchement = Record::new("une contrainte sans_chevauchement", "contraintes")
        .field("ids", texts())
        .field("span", Type::Record(span()));
    let crsn = Record::new("le CRSN", "CRSN")
        .field("region", text())
        .field("membres", texts())
        .field("span", Type::Record(span()));
    let feuille = Record::new("une feuille de route", "feuilles de route")
        .field("id", text())
        .field("nom", text())
        .field("porteur", opt(text()))
        .field("perimetre", Type::Record(perimetre()))
        .field("niveau", text())
        .field("contrat", opt(text()))
        .field("contrat_precision", opt(text()))
        .field("diagnostic", opt(text()))
        .field("actions", Type::list(Type::Number))
        .field("span", Type::Record(span()));
    let financement = Record::new("un financement", "financements")
        .field("membre", text())
        .field("montant", Type::Number)
        .field("span", Type::Record(span()));
    let action = Record::new("une action", "actions")
        .field("feuille", text())
        .field("nom", text())
        .field("porteurs", texts())
        .field("besoins", texts())
        .field("debut", opt(Type::Number))
        .field("fin", opt(Type::Number))
        .field("budget", opt(Type::Number))
        .field("financements", list(financement))
        .field("total_financements", Type::Number)
        .field("subvention", opt(Type::Record(subvention())))
        .field("total_prevu", Type::Number)
        .field("span", Type::Record(span()));
    let besoin = Record::new("un besoin", "besoins")
        .field("besoin", text())
        .field("groupe", text())
        .field("formation", Type::Bool)
        .field("autre", Type::Bool)
        .field("precision", opt(text()))
        .field("etp", opt(Type::Number))
        .field("prestation", Type::Bool)
        .field("nombre", opt(Type::Number))
        .field("priorite", opt(Type::Number))
        .field("span", Type::Record(span()));
    let besoins_total = Record::new("le total des besoins", "totaux des besoins")
        .field("etp", Type::Number)
        .field("priorite", opt(Type::Number))
        .field("span", Type::Record(span()));
    let derogation = Record::new("une dérogation", "dérogations")
        .field("regle", text())
        .field("motif", text())
        .field("span", Type::Record(span()));
    let graphe = Record::new("le graphe", "graphes")
        .field("non_rattaches", texts())
        .field("inutilises", texts())
        .field("niveaux", Type::Any);
    let doublon = Record::new("un doublon", "doublons")
        .field("a", text())
        .field("b", text())
        .field("a_nom", text())
        .field("b_nom", text())
        .field("similarite", Type::Number)
        .field("pourcentage", Type::Number)
        .field("communs", texts())
        .field("communs_noms", texts())
        .field("adosse", Type::Bool)
        .field("span", Type::Record(span()));
    let chevauchement = Record::new("un chevauchement", "chevauchements")
        .field("a", text())
        .field("b", text())
        .field("a_nom", text())
        .field("b_nom", text())
        .field("a_genre", text())
        .field("b_genre", text())
        .field("epci", texts())
        .field("epci_noms", texts())
        .field("communes", texts())
        .field("communes_noms", texts())
        .field("contraint", Type::Bool)
        .field("feuilles_infra", Type::Bool)
        .field("span", Type::Record(span()));
    let couverture = Record::new("la couverture", "couvertures")
        .field("epci_total", Type::Number)
        .field("epci_couverts", Type::Number)
        .field("part_epci", Type::Number)
        .field("pourcentage_epci", Type::Number)
        .field("population_totale", Type::Number)
        .field("population_couverte", Type::Number)
        .field("part_population", Type::Number)
        .field("pourcentage_population", Type::Number)
        .field("manquants", texts())
        .field("manquants_noms", texts());
    Record::new("la gouvernance", "gouvernances")
        .field("territoire", Type::Record(territoire))
        .field("periode", Type::Record(periode))
        .field("membres", list(membre))
        .field("pilotage", Type::Record(pilotage))
        .field("comites", list(comite))
        .field("existants", list(existant))
        .field("sans_chevauchement", list(sans_chevauchement))
        .field("crsn", opt(Type::Record(crsn)))
        .field("feuilles", list(feuille))
        .field("actions", list(action))
        .field("besoins", list(besoin))
        .field("besoins_total", opt(Type::Record(besoins_total)))
        .field("derogations", list(derogation))
        .field("graphe", Type::Record(graphe))
        .field("doublons", list(doublon))
        .field("chevauchements", list(chevauchement))
        .field("couverture", Type::Record(couverture))
}

/// The fact model as `copil export` prints it: pretty JSON, with a final
/// newline and no negative zero.
pub fn export(g: &Gouvernance, analyses: &Analyses) -> String {
    let mut value = facts(g, analyses);
    no_negative_zero(&mut value);
    let mut text = serde_json::to_string_pretty(&value).expect("the facts serialise");
    text.push('\n');
    text
}

/// Replaces every `-0.0` by `0.0`: a French reader sees no signed zero in
/// an amount or a share (and rules compare them equal anyway).
fn no_negative_zero(value: &mut Value) {
    match value {
        Value::Number(n) if n.as_f64() == Some(0.0) && n.to_string().starts_with('-') => {
            *value = json!(0.0);
        }
        Value::Array(items) => items.iter_mut().for_each(no_negative_zero),
        Value::Object(map) => map.values_mut().for_each(no_negative_zero),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_negative_zero_is_printed_as_zero() {
        let mut value = serde_json::json!({"a": [-0.0, 1.5], "b": {"c": -0.0}});
        no_negative_zero(&mut value);
        assert_eq!(value.to_string(), r#"{"a":[0.0,1.5],"b":{"c":0.0}}"#);
    }

    use super::*;
    use crate::check::check_source;
    use crate::rules::Rules;

    /// Checks that `value` has type `ty`, records field for field.
    fn conforms(value: &Value, ty: &Type, path: &str) -> Result<(), String> {
        match (ty, value) {
            (Type::Any, _) => Ok(()),
            (Type::Optional(_), Value::Null) => Ok(()),
            (Type::Optional(inner), v) => conforms(v, inner, path),
            (Type::Bool, Value::Bool(_))
            | (Type::Number, Value::Number(_))
            | (Type::Text, Value::String(_)) => Ok(()),
            (Type::List(element), Value::Array(items)) => items
                .iter()
                .enumerate()
                .try_for_each(|(i, v)| conforms(v, element, &format!("{path}[{i}]"))),
            (Type::Record(record), Value::Object(map)) => {
                let declared: Vec<&str> = record.field_names().collect();
                let present: Vec<&str> = map.keys().map(String::as_str).collect();
                let mut present_sorted = present.clone();
                present_sorted.sort_unstable();
                if declared != present_sorted {
                    return Err(format!(
                        "{path}: fields {present_sorted:?}, types declare {declared:?}"
                    ));
                }
                record
                    .fields()
                    .try_for_each(|(name, ty)| conforms(&map[name], ty, &format!("{path}.{name}")))
            }
            (ty, v) => Err(format!("{path}: {v} is not {}", ty.describe())),
        }
    }

    #[test]
    fn hub_libelles_match_the_reference_names() {
        assert_eq!(hub_key("Hub CONUMM"), hub_key("CONUMM"));
        assert_eq!(
            hub_key("hub antilles guyane"),
            hub_key("Hub Antilles-Guyane")
        );
        assert_eq!(hub_key("Hub Médnum BFC"), hub_key("Hub MedNum BFC"));
        assert_ne!(hub_key("HubEst"), hub_key("Est"));
        assert_ne!(hub_key("Hub du Sud"), hub_key("Hub du Sud-Ouest"));
    }

    #[test]
    fn the_types_describe_the_facts_of_every_example() {
        let rules = Rules::embedded().expect("the shipped rules load");
        let mut dirs = vec!["examples".to_string()];
        dirs.extend(
            std::fs::read_dir("rules/tests")
                .expect("rules/tests")
                .map(|e| e.expect("entry").path().display().to_string()),
        );
        let mut checked = 0;
        for dir in dirs {
            for entry in std::fs::read_dir(&dir).expect("folder") {
                let path = entry.expect("entry").path();
                if path.extension().is_none_or(|e| e != "copil") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).expect("readable");
                let report = check_source(path.display().to_string(), text, &rules);
                let (Some(g), Some(a)) = (&report.gouvernance, &report.analyses) else {
                    panic!("{} does not compile", path.display());
                };
                let value = facts(g, a);
                if let Err(e) = conforms(&value, &Type::Record(types()), "") {
                    panic!("{}: {e}", path.display());
                }
                checked += 1;
            }
        }
        assert!(checked > 50, "only {checked} files checked");
    }
}
