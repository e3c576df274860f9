//! Message template tests: parsing, checking, rendering, errors.

use insta::assert_snapshot;
use serde_json::json;

use super::test_support::{comite_types, facts, params};
use super::*;

fn render(src: &str, comite: usize) -> String {
    let template = parse_template(src).unwrap_or_else(|e| panic!("{}", render_error(src, &e)));
    check_template(&template, &comite_types())
        .unwrap_or_else(|e| panic!("{}", render_error(src, &e)));
    let facts = facts();
    let params = params();
    let env = ValueEnv::new(&facts, &params);
    render_template(&template, &env.bind("c", &facts["comites"][comite])).unwrap()
}

fn template_error(src: &str) -> String {
    let error = match parse_template(src) {
        Ok(template) => check_template(&template, &comite_types()).expect_err(src),
        Err(error) => error,
    };
    render_error(src, &error)
}

#[test]
fn parts() {
    let src = "le comité « {c.nom} » n'a pas de fréquence";
    let template = parse_template(src).unwrap();
    let [
        TemplatePart::Text(before),
        TemplatePart::Placeholder(expr),
        TemplatePart::Text(after),
    ] = template.parts()
    else {
        panic!("three parts: {template:?}");
    };
    assert_eq!(before, "le comité « ");
    assert_eq!(after, " » n'a pas de fréquence");
    assert_eq!(&src[expr.span.start..expr.span.end], "c.nom");
    let template = parse_template("{{pas un emplacement}} {c.nom == '}'}").unwrap();
    assert_eq!(
        template.parts()[0],
        TemplatePart::Text("{pas un emplacement} ".to_string())
    );
    assert_eq!(template.placeholders().count(), 1);
    assert!(parse_template("").unwrap().parts().is_empty());
}

#[test]
fn renders_values_in_french() {
    let cases = [
        (
            "le comité « {c.nom} » n'a pas de fréquence",
            1,
            "le comité « Comité technique » n'a pas de fréquence",
        ),
        ("fréquence : {c.frequence}", 1, "fréquence : —"),
        ("membres : {c.membres}", 1, "membres : a, b"),
        ("présidence : {c.presidence}", 1, "présidence : —"),
        (
            "sans fréquence : {c.frequence == null}",
            1,
            "sans fréquence : oui",
        ),
        (
            "couverture {couverture.part} < { $couverture_epci_min }",
            0,
            "couverture 0,83 < 0,8",
        ),
        ("de {periode.debut} à {periode.fin}", 0, "de 2023 à 2027"),
        (
            "total {sum(a in actions, sum(f in a.financements, f.montant))} €",
            0,
            "total 80000,5 €",
        ),
        (
            "{7 / 2} {2 / 3} {-0.001} {-1.5} {10 / 5}",
            0,
            "3,5 0,67 0 -1,5 2",
        ),
        (
            "manquants : {couverture.manquants}",
            0,
            "manquants : Vals du Dauphiné, Bièvre Est",
        ),
        ("{{{c.id}}}", 0, "{copil}"),
    ];
    for (src, comite, expected) in cases {
        assert_eq!(render(src, comite), expected, "{src}");
    }
}

#[test]
fn formats_values() {
    assert_eq!(format_value(&json!(null)), "—");
    assert_eq!(format_value(&json!(false)), "non");
    assert_eq!(format_value(&json!(120000)), "120000");
    assert_eq!(format_value(&json!(0.8333)), "0,83");
    assert_eq!(format_value(&json!(2.0)), "2");
    assert_eq!(format_value(&json!([1, null, "a"])), "1, —, a");
    assert_eq!(format_value(&json!({"id": "x"})), r#"{"id":"x"}"#);
}

/// A message is written from the values where the model holds them: the
/// same text as [`format_value`] of their JSON, for every kind of value.
#[test]
fn rendering_writes_what_format_value_gives() {
    let values = json!({
        "v": [
            null, true, false, 0, -3, 120000, 0.8333, 2.0, -0.004, "texte « x »",
            [], [1, null, "a"], [[1, 2], []], {"id": "x", "n": [1.5]}, [{"a": null}]
        ]
    });
    let params = params();
    let env = ValueEnv::new(&values, &params);
    let template = parse_template("({x})").unwrap();
    for value in values["v"].as_array().unwrap() {
        let rendered = render_template(&template, &env.bind("x", value)).unwrap();
        assert_eq!(rendered, format!("({})", format_value(value)), "{value}");
    }
}

#[test]
fn lone_closing_brace() {
    assert_snapshot!(
        "accolade_fermante_isolee",
        template_error("le comité } sans fréquence")
    );
}

#[test]
fn unclosed_brace() {
    assert_snapshot!(
        "accolade_non_fermee",
        template_error("le comité « {c.nom » n'a pas de fréquence")
    );
}

#[test]
fn empty_placeholder() {
    assert_snapshot!("emplacement_vide", template_error("le comité « { } »"));
}

#[test]
fn syntax_error_inside_placeholder() {
    assert_snapshot!(
        "syntaxe_dans_emplacement",
        template_error("le comité « {c.nom +} »")
    );
    assert_snapshot!(
        "texte_non_termine_dans_emplacement",
        template_error("le comité « {c.nom == 'a} »")
    );
}

#[test]
fn type_error_inside_placeholder() {
    assert_snapshot!(
        "champ_inconnu_dans_emplacement",
        template_error("le comité « {c.nmo} »")
    );
    assert_snapshot!(
        "enregistrement_dans_emplacement",
        template_error("le comité {c} n'a pas de fréquence")
    );
}
