//! Evaluator tests over the small fact document of `test_support`.

use insta::assert_snapshot;
use serde_json::{Value, json};

use super::test_support::{evaluate, facts, params, parsed};
use super::*;

#[test]
fn values_over_the_fact_model() {
    // (expression, bound comité, value)
    let cases: [(&str, Option<usize>, Value); 40] = [
        ("c.frequence != null", Some(0), json!(true)),
        ("c.frequence != null", Some(1), json!(false)),
        ("c.nom", Some(1), json!("Comité technique")),
        (
            "c.perimetre.epci",
            Some(1),
            json!(["200040715", "243800604"]),
        ),
        ("count(comites)", None, json!(2)),
        ("count(c in comites, c.frequence == null)", None, json!(1)),
        ("any(m in membres, 'rural' in m.tags)", None, json!(true)),
        ("all(m in membres, m.collectivite)", None, json!(false)),
        ("none(m in membres, m.nature == 'hub')", None, json!(true)),
        ("any(x in [], true)", None, json!(false)),
        ("all(x in [], false)", None, json!(true)),
        ("sum(a in actions, a.budget)", None, json!(120000)),
        (
            "sum(a in actions, sum(f in a.financements, f.montant))",
            None,
            json!(80000.5),
        ),
        ("sum(x in [], x)", None, json!(0)),
        ("len('Comité')", None, json!(6)),
        ("len(c.membres)", Some(1), json!(2)),
        ("len(pilotage.pilote)", None, json!(0)),
        ("count(pilotage.pilote)", None, json!(0)),
        ("pilotage.pilote == null", None, json!(true)),
        ("pilotage.pilote.nom", None, json!(null)),
        ("extra.absent.plus_loin", None, json!(null)),
        ("'pilot' in pilotage.mode", None, json!(true)),
        ("'x' in pilotage.copilotes", None, json!(true)),
        ("'z' not in pilotage.copilotes", None, json!(true)),
        ("c.rend_compte in ['copil']", Some(1), json!(true)),
        ("1 == 1.0", None, json!(true)),
        ("[1, 2] == [1.0, 2]", None, json!(true)),
        ("null == null", None, json!(true)),
        ("null < 1 or null >= 1", None, json!(false)),
        ("all(a in actions, a.budget > 0)", None, json!(false)),
        ("'abc' < 'abd'", None, json!(true)),
        ("7 / 2", None, json!(3.5)),
        ("4 / 2", None, json!(2)),
        ("2 * 3 - 1", None, json!(5)),
        ("-(2 + 3)", None, json!(-5)),
        ("null + 1", None, json!(null)),
        ("pilotage.copilotes + ['z']", None, json!(["x", "y", "z"])),
        ("couverture.part >= $couverture_epci_min", None, json!(true)),
        ("$seuil_doublon", None, json!(0.75)),
        (
            "any(c in comites, c.id == 'cotech') and c.id == 'copil'",
            Some(0),
            json!(true),
        ),
    ];
    for (src, comite, expected) in cases {
        assert_eq!(evaluate(src, comite), expected, "{src}");
    }
}

#[test]
fn and_or_short_circuit() {
    assert_eq!(evaluate("false and 1 / 0 > 1", None), json!(false));
    assert_eq!(evaluate("true or 1 / 0 > 1", None), json!(true));
    assert_eq!(evaluate("any(x in [1, 0], 1 / x > 0)", None), json!(true));
}

#[test]
fn bindings_and_conditions() {
    let facts = facts();
    let params = params();
    let env = ValueEnv::new(&facts, &params);
    let binding = parse_binding("c in comites").unwrap();
    let comites = eval_binding(&binding, &env).unwrap();
    assert_eq!(comites.len(), 2);
    let check = parsed("c.frequence != null");
    let verdicts: Vec<bool> = comites
        .iter()
        .map(|comite| eval_bool(&check, &env.bind("c", comite)).unwrap())
        .collect();
    assert_eq!(verdicts, [true, false]);
    let binding = parse_binding("p in pilotage.pilote").unwrap();
    let none = eval_binding(&binding, &env).unwrap();
    assert!(none.is_empty());
    assert!(env.variable("c").is_none());
    let comite = comites.iter().next().expect("a comité");
    let inner = env.bind("c", &comite);
    let bound = inner.variable("c").expect("c is bound");
    assert_eq!(bound.to_json(None), facts["comites"][0]);
    assert_eq!(inner.param("seuil_doublon"), Some(&json!(0.75)));
}

fn eval_error(src: &str) -> String {
    let facts = facts();
    let params = params();
    let env = ValueEnv::new(&facts, &params);
    let error = eval(&parsed(src), &env).expect_err(src);
    render_error(src, &error.into())
}

#[test]
fn division_by_zero() {
    assert_snapshot!(
        "division_par_zero",
        eval_error("couverture.part / (len(pilotage.copilotes) - 2) > 1")
    );
}

#[test]
fn wrong_values_at_run_time() {
    // `extra` is `Any` to the checker: the evaluator checks.
    assert_snapshot!(
        "and_sur_un_texte_a_l_execution",
        eval_error("extra.mot and true")
    );
    assert_snapshot!(
        "champ_d_un_nombre_a_l_execution",
        eval_error("extra.n.chiffre")
    );
    assert_snapshot!("parametre_sans_valeur", eval_error("$inconnu > 1"));
    let facts = facts();
    let params = params();
    let env = ValueEnv::new(&facts, &params);
    let error = eval_bool(&parsed("extra.n"), &env).unwrap_err();
    assert_eq!(
        error.message,
        "l'expression doit donner un booléen, pas un nombre"
    );
}
