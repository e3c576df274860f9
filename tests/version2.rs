//! Version 2 of the language and of the reference data (issue 11): what
//! ANCT's own apps record, written the French way, checked end to end
//! through the library (compile, facts, rules).

use copil::check::{FileReport, check_source};
use copil::reference::Reference;
use copil::rules::Rules;
use copil::rules::facts::facts;
use serde_json::Value;

mod common;

fn rules() -> &'static Rules {
    static RULES: std::sync::OnceLock<Rules> = std::sync::OnceLock::new();
    RULES.get_or_init(|| Rules::embedded().expect("the shipped rules load"))
}

fn check(text: &str) -> FileReport {
    check_source("essai.copil".to_string(), text.to_string(), rules())
}

/// The fact model of a file that compiles.
fn facts_of(text: &str) -> Value {
    let report = check(text);
    let (Some(g), Some(a)) = (&report.gouvernance, &report.analyses) else {
        panic!("does not compile: {:#?}", report.diagnostics);
    };
    facts(g, a)
}

fn messages(report: &FileReport, code: &str) -> Vec<String> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.code.as_str() == code)
        .map(|d| format!("{} | {}", d.message, d.help.clone().unwrap_or_default()))
        .collect()
}

#[test]
fn an_ept_is_a_collectivite_counted_by_coverage() {
    let f = facts_of(
        "territoire 94
membre ept     epci 200057941
membre creteil commune 94028
comite copil strategique \"Comité\" { membres ept, creteil }",
    );
    let ept = &f["membres"][0];
    assert_eq!(ept["nom"], "Paris Est Marne et Bois");
    assert_eq!(ept["collectivite"], true);
    let epci: Vec<&str> = f["territoire"]["epci"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    // The Métropole du Grand Paris and the three EPT of the Val-de-Marne.
    assert_eq!(epci, ["200054781", "200057941", "200058006", "200058014"]);
    let couverture = &f["couverture"];
    // The EPT itself, and Créteil's EPT (Grand Paris Sud Est Avenir) and
    // EPCI (the Métropole).
    assert_eq!(couverture["epci_couverts"], 3);
    assert_eq!(couverture["manquants"], serde_json::json!(["200058014"]));
}

#[test]
fn a_copilote_epci_is_represented() {
    // From ANCT's own test data (Rhône): an EPCI copilote and porteur, in
    // no comité, was reported uncovered.
    let f = facts_of(
        "territoire 69
membre prefecture prefecture
membre cd69  departement 69
membre ccvl  epci 246900575
membre ccmdl epci 246900724
membre cccp  epci 200040566
pilotage { prefet prefecture  copilotes cd69, ccvl  coordination ccmdl }
feuille_de_route fdr \"Feuille\" {
    porteur cd69
    action \"A\" { porteurs cccp  budget 1 000 € }
}",
    );
    let manquants: Vec<&str> = f["couverture"]["manquants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for represented in ["246900575", "246900724", "200040566"] {
        assert!(!manquants.contains(&represented), "{represented}");
    }
    assert_eq!(f["couverture"]["epci_couverts"], 3);
}

#[test]
fn special_status_collectivites_have_their_official_names() {
    let reference = Reference::get();
    let expected = [
        ("2A", "Collectivité de Corse"),
        ("2B", "Collectivité de Corse"),
        ("67", "Collectivité européenne d'Alsace"),
        ("68", "Collectivité européenne d'Alsace"),
        ("75", "Ville de Paris"),
        ("972", "Collectivité territoriale de Martinique"),
        ("973", "Collectivité territoriale de Guyane"),
        ("976", "Département de Mayotte"),
    ];
    let special: Vec<&str> = reference
        .departements()
        .filter(|d| d.collectivite.is_some())
        .map(|d| d.code)
        .collect();
    assert_eq!(special, expected.map(|(code, _)| code));
    for (code, nom) in expected {
        let f = facts_of(&format!(
            "territoire {code}\nmembre c departement {code} \"{nom}\""
        ));
        assert_eq!(f["membres"][0]["nom"], nom, "{code}");
        let territoire = reference.departement(code).unwrap().nom;
        // The official name, and the territory's name, are both accepted.
        for libelle in [nom, territoire] {
            let report = check(&format!(
                "territoire {code}\nmembre c departement {code} \"{libelle}\""
            ));
            assert!(
                messages(&report, "copil::reference::libelle").is_empty(),
                "{code} {libelle}"
            );
        }
    }
    assert_eq!(
        facts_of("territoire 38\nmembre c departement 38")["membres"][0]["nom"],
        "Isère"
    );
}

#[test]
fn roles_are_derived_in_the_facts_and_the_export() {
    let text = std::fs::read_to_string("tests/fixtures/ok/version-2.copil").unwrap();
    let f = facts_of(&text);
    let roles = |id: &str| -> Vec<String> {
        let m = f["membres"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["id"] == id)
            .unwrap();
        serde_json::from_value(m["roles"].clone()).unwrap()
    };
    assert_eq!(
        roles("cd38"),
        ["coporteur", "cofinanceur", "beneficiaire", "porteur"]
    );
    assert_eq!(roles("metro"), ["beneficiaire"]);
    assert_eq!(roles("ft38"), ["recipiendaire"]);
    assert_eq!(roles("caf38"), ["cofinanceur"]);
    assert_eq!(roles("hub"), ["observateur"]);
    let action = &f["actions"][0];
    // Two lines of the same co-funder add up.
    assert_eq!(action["financements"].as_array().unwrap().len(), 3);
    assert_eq!(action["total_financements"], 150_000.5);
    assert_eq!(action["subvention"]["montant"], 149_999.5);
    assert_eq!(action["total_prevu"], 300_000.0);
    assert_eq!(
        f["pilotage"]["coordination"],
        serde_json::json!(["cd38", "metro"])
    );
    assert_eq!(f["pilotage"]["referent"]["email_valide"], true);
    assert_eq!(f["comites"][0]["prochaine_reunion"], "2025-03-12");
    assert_eq!(f["besoins_total"]["etp"], 1.5);
    assert_eq!(f["membres"][3]["nom"], "CAF de l'Isère");
}

#[test]
fn the_departement_takes_its_article() {
    for (code, expected) in [
        ("59", "préfecture du Nord"),
        ("01", "préfecture de l'Ain"),
        ("973", "préfecture de la Guyane"),
        ("78", "préfecture des Yvelines"),
    ] {
        let report = check(&format!("territoire {code}"));
        let pil01 = messages(&report, "FNE-PIL-01");
        assert!(pil01[0].contains(expected), "{pil01:?}");
    }
}

#[test]
fn without_prefet_no_help_shows_an_empty_chair() {
    let report = check(
        "territoire 38\nmembre cd38 departement 38\ncomite c strategique \"C\" { membres cd38 }",
    );
    for d in &report.diagnostics {
        let text = format!("{} {}", d.message, d.help.clone().unwrap_or_default());
        assert!(!text.contains("presidence —"), "{text}");
    }
}

#[test]
fn the_export_never_prints_a_negative_zero() {
    for path in [
        "tests/fixtures/ok/version-2.copil",
        "tests/fixtures/ok/montants-insecables.copil",
        "examples/isere.copil",
    ] {
        let out = common::copil(&["export", path]);
        let json = String::from_utf8(out.stdout).unwrap();
        assert!(json.contains("\"territoire\""), "{path}");
        assert!(!json.contains("-0.0"), "{path}");
    }
}
