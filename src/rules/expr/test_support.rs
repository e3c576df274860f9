//! A small fact model, its types and its values, shared by the tests.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::{Expr, ExprError, Record, Type, TypeEnv, ValueEnv, check, eval, parse, render_error};

/// The types of the fact model (a subset of the real one).
pub fn root() -> Record {
    let perimetre = Record::new("un périmètre", "périmètres")
        .field("niveau", Type::Text)
        .field("epci", Type::list(Type::Text));
    let comite = Record::new("un comité", "comités")
        .field("id", Type::Text)
        .field("nom", Type::Text)
        .field("type", Type::Text)
        .field("frequence", Type::optional(Type::Text))
        .field("membres", Type::list(Type::Text))
        .field("presidence", Type::list(Type::Text))
        .field("rend_compte", Type::optional(Type::Text))
        .field("perimetre", Type::Record(perimetre));
    let membre = Record::new("un membre", "membres")
        .field("id", Type::Text)
        .field("nature", Type::Text)
        .field("collectivite", Type::Bool)
        .field("tags", Type::list(Type::Text))
        .field("region", Type::optional(Type::Text));
    let pilotage = Record::new("le pilotage", "pilotages")
        .field("prefet", Type::optional(Type::Text))
        .field("pilote", Type::optional(Type::Text))
        .field("copilotes", Type::list(Type::Text))
        .field("mode", Type::Text);
    let financement = Record::new("un financement", "financements")
        .field("membre", Type::Text)
        .field("montant", Type::Number);
    let action = Record::new("une action", "actions")
        .field("nom", Type::Text)
        .field("budget", Type::optional(Type::Number))
        .field("financements", Type::list(Type::Record(financement)))
        .field("debut", Type::Number)
        .field("fin", Type::Number);
    let periode = Record::new("une période", "périodes")
        .field("debut", Type::Number)
        .field("fin", Type::Number);
    let couverture = Record::new("la couverture", "couvertures")
        .field("part", Type::Number)
        .field("manquants", Type::list(Type::Text));
    Record::new("la gouvernance", "gouvernances")
        .field("comites", Type::list(Type::Record(comite)))
        .field("membres", Type::list(Type::Record(membre)))
        .field("pilotage", Type::Record(pilotage))
        .field("actions", Type::list(Type::Record(action)))
        .field("periode", Type::Record(periode))
        .field("couverture", Type::Record(couverture))
        .field("extra", Type::Any)
}

/// The ruleset's parameters.
pub fn param_types() -> BTreeMap<String, Type> {
    BTreeMap::from([
        ("seuil_doublon".to_string(), Type::Number),
        ("couverture_epci_min".to_string(), Type::Number),
    ])
}

/// The type environment of a rule without `for_each`.
pub fn types() -> TypeEnv {
    TypeEnv::new(root(), param_types())
}

/// The type environment of a rule with `for_each = "c in comites"`.
pub fn comite_types() -> TypeEnv {
    let env = types();
    let Some(Type::List(comite)) = env.root().get("comites").cloned() else {
        unreachable!("comites is a list")
    };
    env.bind("c", *comite)
}

/// The facts.
pub fn facts() -> Value {
    json!({
        "comites": [
            {
                "id": "copil",
                "nom": "Comité de pilotage",
                "type": "strategique",
                "frequence": "semestrielle",
                "membres": ["prefecture", "cd38", "caf38", "hinaura"],
                "presidence": ["prefecture", "cd38"],
                "rend_compte": null,
                "perimetre": {"niveau": "departement", "epci": []}
            },
            {
                "id": "cotech",
                "nom": "Comité technique",
                "type": "technique",
                "frequence": null,
                "membres": ["a", "b"],
                "presidence": [],
                "rend_compte": "copil",
                "perimetre": {"niveau": "epci", "epci": ["200040715", "243800604"]}
            }
        ],
        "membres": [
            {"id": "prefecture", "nature": "prefecture", "collectivite": false, "tags": [], "region": null},
            {"id": "cd38", "nature": "departement", "collectivite": true, "tags": [], "region": "84"},
            {"id": "amri", "nature": "association_elus", "collectivite": false, "tags": ["rural"], "region": null}
        ],
        "pilotage": {"prefet": "prefecture", "pilote": null, "copilotes": ["x", "y"], "mode": "copilotage"},
        "actions": [
            {
                "nom": "Former les agents",
                "budget": 120000,
                "financements": [
                    {"membre": "cd38", "montant": 60000},
                    {"membre": "caf38", "montant": 20000.5}
                ],
                "debut": 2024,
                "fin": 2026
            },
            {"nom": "Sans budget", "budget": null, "financements": [], "debut": 2025, "fin": 2025}
        ],
        "periode": {"debut": 2023, "fin": 2027},
        "couverture": {"part": 0.8333333, "manquants": ["Vals du Dauphiné", "Bièvre Est"]},
        "extra": {"n": 3, "mot": "trois"}
    })
}

/// The parameters' values.
pub fn params() -> BTreeMap<String, Value> {
    BTreeMap::from([
        ("seuil_doublon".to_string(), json!(0.75)),
        ("couverture_epci_min".to_string(), json!(0.8)),
    ])
}

/// Parses `src` or panics with the rendered error.
pub fn parsed(src: &str) -> Expr {
    parse(src).unwrap_or_else(|error| panic!("{}", render_error(src, &error)))
}

/// The rendered error of an expression that parses but fails to check.
pub fn check_error(env: &TypeEnv, src: &str) -> String {
    let error: ExprError = check(&parsed(src), env).expect_err("the expression should not check");
    render_error(src, &error)
}

/// The rendered error of an expression that fails to parse.
pub fn parse_error(src: &str) -> String {
    let error = parse(src).expect_err("the expression should not parse");
    render_error(src, &error)
}

/// Evaluates `src` over [`facts`], with `c` bound to the comité at
/// `comite` when given; panics on an error.
pub fn evaluate(src: &str, comite: Option<usize>) -> Value {
    let facts = facts();
    let params = params();
    let env = ValueEnv::new(&facts, &params);
    let expr = parsed(src);
    let result = match comite {
        Some(index) => eval(&expr, &env.bind("c", &facts["comites"][index])),
        None => eval(&expr, &env),
    };
    result.unwrap_or_else(|error| panic!("{}", render_error(src, &error.into())))
}
