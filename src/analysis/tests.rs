//! Unit tests of the analyses, on small governances compiled from text and
//! on the Isère example (coverage checked by hand against `data/epci.tsv`).

use super::*;
use crate::check::compile;
use crate::model::Gouvernance;

fn gouvernance(src: &str) -> Gouvernance {
    let rules = crate::rules::Rules::embedded().expect("the shipped rules load");
    let compiled = compile(src, &rules.ids());
    compiled
        .gouvernance
        .unwrap_or_else(|| panic!("does not compile: {:#?}", compiled.diagnostics))
}

/// Territoire de Belfort: three EPCI (Grand Belfort 200069052, Vosges du
/// Sud 200069060, Sud Territoire 249000241); Belfort (90010) is in the
/// first.
const HEAD: &str = "territoire 90
membre prefecture prefecture
membre cd90    departement 90
membre belfort epci 200069052
membre vosges  epci 200069060
membre sud     epci 249000241
membre ville   commune 90010
membre caf90   caf \"CAF du Territoire de Belfort\"
membre ft90    france_travail \"France Travail Territoire de Belfort\"
membre ami     association_elus \"Association des maires\"
pilotage {
    prefet prefecture
    pilote cd90
}
";

fn with(body: &str) -> Gouvernance {
    gouvernance(&format!("{HEAD}{body}"))
}

#[test]
fn a_doublon_is_found_from_the_threshold_and_not_below() {
    let g = with(
        "comite copil strategique \"Comité de pilotage\" {
    presidence prefecture, cd90
    membres belfort, vosges, sud, caf90
}
comite cotech technique \"Comité technique\" {
    rend_compte copil
    presidence prefecture, cd90
    membres belfort, vosges, sud, ft90
}
",
    );
    // 5 shared members out of 7: 0.714.
    let found = analyse(&g, 0.7).doublons;
    assert_eq!(found.len(), 1);
    let d = &found[0];
    assert_eq!((d.a.as_str(), d.b.as_str()), ("copil", "cotech"));
    assert!((d.similarite - 5.0 / 7.0).abs() < 1e-9);
    assert_eq!(d.pourcentage, 71);
    assert_eq!(
        d.communs,
        ["prefecture", "cd90", "belfort", "vosges", "sud"]
    );
    assert_eq!(d.communs_noms[2], "CA Grand Belfort");
    assert!(!d.adosse);
    assert!(analyse(&g, 0.75).doublons.is_empty());
}

#[test]
fn an_adosse_pair_is_flagged() {
    let g = with(
        "comite copil strategique \"Comité de pilotage\" {
    presidence prefecture, cd90
    membres belfort, caf90
    adosse ctg
}
existant ctg ctg \"Comité de la CTG\" {
    membres prefecture, cd90, belfort, caf90
}
",
    );
    let found = analyse(&g, 0.75).doublons;
    assert_eq!(found.len(), 1);
    assert!(found[0].adosse);
    assert_eq!(found[0].pourcentage, 100);
}

#[test]
fn disjoint_perimeters_are_not_doublons() {
    let g = with(
        "comite nord consultatif \"Comité nord\" {
    perimetre belfort
    membres cd90, caf90
}
comite sud_c consultatif \"Comité sud\" {
    perimetre sud
    membres cd90, caf90
}
",
    );
    assert!(analyse(&g, 0.5).doublons.is_empty());
}

#[test]
fn overlaps_name_the_shared_epci_and_communes() {
    let g = with(
        "comite a consultatif \"Comité A\" {
    perimetre belfort, vosges
    membres cd90
}
comite b consultatif \"Comité B\" {
    perimetre vosges, sud
    membres caf90
}
comite c consultatif \"Comité C\" {
    perimetre ville
    membres ami
}
",
    );
    let found = analyse(&g, 0.75).chevauchements;
    let pairs: Vec<(&str, &str)> = found.iter().map(|c| (c.a.as_str(), c.b.as_str())).collect();
    assert_eq!(pairs, [("a", "b"), ("a", "c")]);
    assert_eq!(found[0].epci, ["200069060"]);
    assert_eq!(found[0].epci_noms, ["CC des Vosges du Sud"]);
    assert!(found[0].communes.is_empty());
    // Belfort lies in Grand Belfort, listed wholly by A.
    assert!(found[1].epci.is_empty());
    assert_eq!(found[1].communes, ["90010"]);
    assert_eq!(found[1].communes_noms, ["Belfort"]);
    assert!(found.iter().all(|c| !c.contraint && !c.feuilles_infra));
    assert_eq!(found[0].a_genre, "comite");
}

#[test]
fn a_constrained_pair_overlaps_even_with_a_whole_territory_perimeter() {
    let g = with(
        "comite tout consultatif \"Comité départemental\" {
    membres cd90
}
comite nord consultatif \"Comité nord\" {
    perimetre belfort
    membres caf90
}
sans_chevauchement tout, nord
",
    );
    let found = analyse(&g, 0.75).chevauchements;
    assert_eq!(found.len(), 1);
    assert!(found[0].contraint);
    assert_eq!(found[0].epci, ["200069052"]);
    assert_eq!(found[0].span, g.sans_chevauchement[0].span);
}

#[test]
fn infra_roadmaps_sharing_an_epci_are_marked() {
    let g = with(
        "feuille_de_route f1 \"Nord\" {
    porteur belfort
    perimetre belfort, vosges
}
feuille_de_route f2 \"Sud\" {
    porteur sud
    perimetre vosges, sud
}
",
    );
    let found = analyse(&g, 0.75).chevauchements;
    assert_eq!(found.len(), 1);
    assert!(found[0].feuilles_infra);
    assert_eq!((found[0].a_genre, found[0].b_genre), ("feuille", "feuille"));
}

#[test]
fn coverage_of_the_isere_example_checked_by_hand() {
    let src = std::fs::read_to_string("examples/isere.copil").expect("example");
    let c = analyse(&gouvernance(&src), 0.75).couverture;
    // data/epci.tsv lists 18 EPCI with communes in Isère (38). The example
    // seats Grenoble-Alpes-Métropole (450 608 inhabitants), the CAPI
    // (112 896), the Vals du Dauphiné (64 955) and the Balcons du Dauphiné
    // (79 129); Grenoble (38185) is in the Métropole. 707 588 of the
    // 1 324 870 inhabitants of these 18 EPCI: 53.41 %.
    assert_eq!(c.epci_total, 18);
    assert_eq!(c.epci_couverts, 4);
    assert!((c.part_epci - 4.0 / 18.0).abs() < 1e-9);
    assert_eq!(c.population_totale, 1_324_870);
    assert_eq!(c.population_couverte, 707_588);
    assert!((c.part_population - 0.534_081).abs() < 1e-6);
    assert_eq!(c.manquants.len(), 14);
    assert_eq!(c.manquants[0], "200018166");
    assert_eq!(c.manquants_noms[0], "CC Le Grésivaudan");
}

#[test]
fn coverage_counts_communes_and_explicit_perimeters_but_not_whole_ones() {
    let g = with(
        "comite copil strategique \"Comité de pilotage\" {
    presidence prefecture, cd90
    membres ville
}
feuille_de_route f \"Feuille\" {
    porteur cd90
    perimetre sud
}
",
    );
    let c = analyse(&g, 0.75).couverture;
    assert_eq!(c.epci_total, 3);
    assert_eq!(c.epci_couverts, 2);
    assert_eq!(c.manquants, ["200069060"]);
}

#[test]
fn the_graph_gives_levels_detached_comites_and_unused_members() {
    let g = with(
        "comite copil strategique \"Comité de pilotage\" {
    presidence prefecture, cd90
    membres belfort
}
comite cotech technique \"Comité technique\" {
    rend_compte copil
    membres caf90
}
comite groupe autre \"groupe\" \"Groupe de travail\" {
    rend_compte cotech
    membres sud
}
comite seul consultatif \"Comité isolé\" {
    membres vosges
}
crsn 27 { membres cd90 }
",
    );
    let graphe = analyse(&g, 0.75).graphe;
    assert_eq!(
        graphe.niveaux,
        BTreeMap::from([
            ("copil".to_string(), 0),
            ("cotech".to_string(), 1),
            ("groupe".to_string(), 2)
        ])
    );
    assert_eq!(graphe.non_rattaches, ["seul"]);
    assert_eq!(graphe.inutilises, ["ville", "ft90", "ami"]);
}

#[test]
fn a_cycle_built_by_hand_does_not_hang_the_walk_up() {
    // The compiler rejects cycles; build one by hand: the levels still end.
    let mut g = with(
        "comite a technique \"A\" {
    membres cd90
}
comite b technique \"B\" {
    rend_compte a
    membres cd90
}
comite c technique \"C\" {
    rend_compte b
    membres cd90
}
",
    );
    g.comites[0].rend_compte = Some("c".to_string());
    let graphe = analyse(&g, 0.75).graphe;
    assert_eq!(graphe.non_rattaches, ["a", "b", "c"]);
    assert!(graphe.niveaux.is_empty());
}
