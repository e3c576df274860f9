//! One test per kind of change.

use super::*;
use crate::check::check_source;
use crate::rules::Rules;

fn rules() -> &'static Rules {
    static RULES: std::sync::OnceLock<Rules> = std::sync::OnceLock::new();
    RULES.get_or_init(|| Rules::embedded().expect("the shipped rules load"))
}

const BASE: &str = r#"territoire 38
membre prefecture prefecture
membre cd38       departement 38
membre metro      epci 200040715
membre capi       epci 243800604
membre vals       epci 200068567
membre caf38      caf "CAF de l'Isère"
membre hinaura    hub "Hinaura" { region 84 }

pilotage {
    prefet       prefecture
    pilote       cd38
    coordination cd38
}

comite copil strategique "Comité de pilotage" {
    presidence prefecture, cd38
    membres    metro, capi, vals, caf38, hinaura
    frequence  semestrielle
}

comite nord consultatif "Comité Nord" {
    rend_compte copil
    perimetre   capi, vals
    membres     capi, vals, caf38
    frequence   semestrielle
}

comite sud consultatif "Comité Sud" {
    rend_compte copil
    perimetre   metro
    membres     metro, caf38
    frequence   semestrielle
}

existant sdaasp sdaasap "Comité du SDAASaP" {
    membres prefecture, cd38, caf38
}

sans_chevauchement nord, sud

crsn 84 { membres hinaura }

feuille_de_route fdr "Feuille de route" {
    porteur    cd38
    perimetre  departement
    diagnostic "Diagnostic"
    action "Former" {
        porteurs    cd38
        annees      2024..2026
        budget      100 000 €
        financement cd38  60 000 €
        financement caf38 20 000 €
    }
}

besoins {
    etablir_un_diagnostic_territorial etp 0,5 priorite 1
}
"#;

/// The diff of `BASE` with `BASE` changed by `edit`.
fn diff_with(edit: impl Fn(&str) -> String) -> Diff {
    diff_of(BASE, &edit(BASE))
}

fn diff_of(a: &str, b: &str) -> Diff {
    let ra = check_source("a.copil".into(), a.to_string(), rules());
    let rb = check_source("b.copil".into(), b.to_string(), rules());
    let sa = Side::of(&ra).unwrap_or_else(|| panic!("A compiles: {:#?}", ra.diagnostics));
    let sb = Side::of(&rb).unwrap_or_else(|| panic!("B compiles: {:#?}", rb.diagnostics));
    diff(sa, sb)
}

fn liste(champ: &str, ajoutes: &[&str], retires: &[&str], changes: &[Changement]) -> bool {
    changes.iter().any(|c| match c {
        Changement::Liste {
            champ: name,
            ajoutes: a,
            retires: r,
        } => {
            *name == champ
                && a.iter().map(|x| x.id.as_str()).collect::<Vec<_>>() == ajoutes
                && r.iter().map(|x| x.id.as_str()).collect::<Vec<_>>() == retires
        }
        Changement::Valeur { .. } => false,
    })
}

fn valeur(champ: &str, avant: Option<&str>, apres: Option<&str>, changes: &[Changement]) -> bool {
    changes.iter().any(|c| match c {
        Changement::Valeur {
            champ: name,
            avant: a,
            apres: b,
            ..
        } => *name == champ && a.as_deref() == avant && b.as_deref() == apres,
        Changement::Liste { .. } => false,
    })
}

#[test]
fn the_same_file_changes_nothing() {
    let d = diff_with(|s| {
        s.replace(
            "membre cd38       departement 38",
            "# un commentaire\nmembre cd38 departement 38",
        )
    });
    assert!(d.est_vide(), "{d:#?}");
    assert!(d.diagnostics.corriges.is_empty() && d.diagnostics.introduits.is_empty());
    assert!(d.chiffres.iter().all(|c| c.a == c.b));
}

#[test]
fn members_added_removed_and_changed() {
    let d = diff_with(|s| {
        s.replace(
            "membre hinaura    hub \"Hinaura\" { region 84 }",
            "membre hinaura    hub \"Hinaura\" { region 84 tags rural }",
        )
        .replace(
            "membre caf38      caf \"CAF de l'Isère\"\n",
            "membre cpam38 cpam \"CPAM de l'Isère\"\n",
        )
        .replace("caf38", "cpam38")
    });
    assert_eq!(
        d.membres
            .ajoutes
            .iter()
            .map(|r| r.id.as_str())
            .collect::<Vec<_>>(),
        ["cpam38"]
    );
    assert_eq!(
        d.membres
            .retires
            .iter()
            .map(|r| r.id.as_str())
            .collect::<Vec<_>>(),
        ["caf38"]
    );
    let hub = d
        .membres
        .modifies
        .iter()
        .find(|m| m.element.id == "hinaura")
        .expect("hinaura changed");
    assert!(liste("tags", &["rural"], &[], &hub.changements), "{hub:#?}");
}

#[test]
fn a_renamed_member_is_the_same_member() {
    let d = diff_with(|s| s.replace("metro", "grenoble_metro"));
    assert!(
        d.membres.ajoutes.is_empty() && d.membres.retires.is_empty(),
        "{:#?}",
        d.membres
    );
    assert_eq!(d.membres.renommes.len(), 1);
    assert_eq!(d.membres.renommes[0].avant, "metro");
    assert_eq!(d.membres.renommes[0].apres, "grenoble_metro");
    assert!(
        d.comites.est_vide(),
        "a renaming changes no membership: {:#?}",
        d.comites
    );
}

#[test]
fn pilotage_changes() {
    let d = diff_with(|s| {
        s.replace(
            "    pilote       cd38\n    coordination cd38\n",
            "    copilotes    cd38, metro\n    coordination cd38, metro\n    referent     \"Claire Martin\" \"claire.martin@isere.gouv.fr\"\n",
        )
    });
    let p = &d.pilotage;
    assert!(
        valeur(
            "mode",
            Some("une collectivité pilote"),
            Some("un copilotage"),
            p
        ),
        "{p:#?}"
    );
    assert!(
        valeur("pilote", Some("Département de l'Isère"), None, p),
        "{p:#?}"
    );
    assert!(liste("copilotes", &["cd38", "metro"], &[], p));
    assert!(liste("coordination", &["metro"], &[], p));
    assert!(valeur(
        "referent",
        None,
        Some("Claire Martin <claire.martin@isere.gouv.fr>"),
        p
    ));
}

#[test]
fn comites_added_removed_and_changed() {
    let d = diff_with(|s| {
        s.replace("    frequence  semestrielle\n}", "    frequence  trimestrielle\n    prochaine_reunion 2025-03-12\n    mission \"Piloter\"\n}")
            .replace("membres    metro, capi, vals, caf38, hinaura", "membres    metro, capi, vals, hinaura")
            .replace("presidence prefecture, cd38\n", "presidence prefecture, cd38, metro\n")
            + "\ncomite cotech technique \"Comité technique\" {\n    rend_compte copil\n    membres cd38, hinaura\n    frequence trimestrielle\n}\n"
    });
    let added: Vec<_> = d
        .comites
        .ensemble
        .ajoutes
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(added, ["cotech"]);
    let copil = d
        .comites
        .ensemble
        .modifies
        .iter()
        .find(|m| m.element.id == "copil")
        .expect("copil changed");
    let c = &copil.changements;
    assert!(
        valeur("frequence", Some("semestrielle"), Some("trimestrielle"), c),
        "{c:#?}"
    );
    assert!(valeur("prochaine_reunion", None, Some("2025-03-12"), c));
    assert!(valeur("mission", None, Some("Piloter"), c));
    assert!(liste("membres", &[], &["caf38"], c));
    assert!(liste("presidence", &["metro"], &[], c));

    let d = diff_with(|s| {
        let start = s.find("comite sud").unwrap();
        let end = start + s[start..].find("}\n").unwrap() + 2;
        format!("{}{}", &s[..start], &s[end..]).replace("sans_chevauchement nord, sud\n", "")
    });
    let removed: Vec<_> = d
        .comites
        .ensemble
        .retires
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(removed, ["sud"], "{:#?}", d.comites);
    assert_eq!(d.sans_chevauchement.retirees.len(), 1);
}

#[test]
fn a_perimeter_change_is_shown_by_names() {
    let d = diff_with(|s| s.replace("perimetre   capi, vals", "perimetre   capi"));
    let nord = &d.comites.ensemble.modifies[0];
    assert!(
        valeur(
            "perimetre",
            Some("CA Porte de l'Isère (CAPI), CC Les Vals du Dauphiné"),
            Some("CA Porte de l'Isère (CAPI)"),
            &nord.changements
        ),
        "{nord:#?}"
    );
}

#[test]
fn a_renamed_comite_is_the_same_comite() {
    let d = diff_with(|s| {
        s.replace("comite nord ", "comite nord_isere ")
            .replace("nord, sud", "nord_isere, sud")
    });
    assert!(
        d.comites.ensemble.ajoutes.is_empty() && d.comites.ensemble.retires.is_empty(),
        "{:#?}",
        d.comites
    );
    assert_eq!(d.comites.ensemble.renommes[0].avant, "nord");
    assert_eq!(d.comites.ensemble.renommes[0].apres, "nord_isere");
    assert!(d.sans_chevauchement.ajoutees.is_empty() && d.sans_chevauchement.retirees.is_empty());
}

#[test]
fn two_comites_merged_into_one() {
    let d = diff_with(|s| {
        let start = s.find("comite nord").unwrap();
        let end = s.find("existant").unwrap();
        format!(
            "{}comite territoires consultatif \"Comité des territoires\" {{\n    rend_compte copil\n    membres metro, capi, vals, caf38\n    frequence annuelle\n}}\n\n{}",
            &s[..start],
            &s[end..]
        )
        .replace("sans_chevauchement nord, sud\n", "")
    });
    assert!(
        d.comites.ensemble.retires.is_empty(),
        "merged, not removed: {:#?}",
        d.comites
    );
    assert_eq!(d.comites.fusionnes.len(), 1);
    let f = &d.comites.fusionnes[0];
    assert_eq!(f.dans.id, "territoires");
    let merged: Vec<_> = f
        .comites
        .iter()
        .map(|p| (p.comite.id.as_str(), p.pourcentage))
        .collect();
    assert_eq!(merged, [("nord", 100), ("sud", 100)]);
    assert!(human::render(&d).contains("fusionnés dans « Comité des territoires »"));
    assert!(markdown::render(&d).contains("sont fusionnés dans « Comité des territoires »"));
}

#[test]
fn existing_bodies_change() {
    let d = diff_with(|s| {
        s.replace(
            "membres prefecture, cd38, caf38\n",
            "membres prefecture, cd38, caf38, metro\n",
        )
    });
    let e = &d.existants.modifies[0];
    assert_eq!(e.element.id, "sdaasp");
    assert!(liste("membres", &["metro"], &[], &e.changements));
}

#[test]
fn roadmaps_actions_financings_and_grants() {
    let d = diff_with(|s| {
        s.replace("financement caf38 20 000 €\n", "financement caf38 10 000 €\n        financement caf38 15 000 €\n        financement metro 5 000 €\n        subvention 10 000 € {\n            enveloppe ingenierie\n            beneficiaire cd38 10 000 €\n            statut deposee\n        }\n")
            .replace("diagnostic \"Diagnostic\"", "diagnostic \"Diagnostic partagé\"")
            .replace("    }\n}\n\nbesoins", "    }\n    action \"Équiper\" {\n        porteurs metro\n        annees 2025..2026\n        budget 50 000 €\n        financement metro 50 000 €\n    }\n}\n\nbesoins")
    });
    let f = &d.feuilles.modifiees[0];
    assert!(valeur(
        "diagnostic",
        Some("Diagnostic"),
        Some("Diagnostic partagé"),
        &f.changements
    ));
    assert_eq!(f.actions.ajoutes[0].nom, "Équiper");
    let former = &f.actions.modifies[0].changements;
    let caf = former.iter().find(|c| matches!(c, Changement::Valeur { champ: "financement", sujet: Some(s), .. } if s.id == "caf38"));
    assert!(
        matches!(caf, Some(Changement::Valeur { avant: Some(a), apres: Some(b), .. }) if a == "20\u{a0}000\u{a0}€" && b == "25\u{a0}000\u{a0}€"),
        "two lines of one co-funder add up: {former:#?}"
    );
    assert!(
        valeur("subvention", None, Some("10\u{a0}000\u{a0}€"), former),
        "{former:#?}"
    );
    let figures: Vec<_> = d
        .chiffres
        .iter()
        .filter(|c| c.cle == "subventions")
        .collect();
    assert_eq!((figures[0].a, figures[0].b), (0.0, 10_000.0));
}

#[test]
fn needs_and_derogations() {
    let d = diff_with(|s| {
        s.replace(
            "etp 0,5 priorite 1",
            "etp 1 priorite 1\n    structurer_un_fonds prestation priorite 2",
        ) + "\nderogation FNE-COM-05 \"Les QPV sont représentés par la Métropole.\"\n"
    });
    assert_eq!(d.besoins.ajoutes[0].nom, "Structurer un fonds");
    assert!(valeur(
        "etp",
        Some("0,5"),
        Some("1"),
        &d.besoins.modifies[0].changements
    ));
    assert_eq!(d.derogations.ajoutes[0].id, "FNE-COM-05");
    // The waived diagnostic is one B fixes (as active) and introduces (as waived).
    assert!(
        d.diagnostics
            .corriges
            .iter()
            .any(|x| x.code == "FNE-COM-05" && !x.deroge)
    );
    assert!(
        d.diagnostics
            .introduits
            .iter()
            .any(|x| x.code == "FNE-COM-05" && x.deroge)
    );
    let waived = d.chiffres.iter().find(|c| c.cle == "derogees").unwrap();
    assert_eq!((waived.a, waived.b), (0.0, 1.0));
}

#[test]
fn the_markdown_escapes_what_users_wrote() {
    let d = diff_with(|s| {
        s.replace(
            "\"Comité Nord\"",
            "\"Comité | <script>alert(1)</script> *Nord*\"",
        )
    });
    let md = markdown::render(&d);
    assert!(!md.contains("<script>"), "{md}");
    assert!(md.contains("\\| \\<script\\>"), "{md}");
}

#[test]
fn two_territories_are_flagged() {
    let d = diff_of(BASE, "territoire 85\nmembre prefecture prefecture\n");
    assert!(
        human::render(&d).contains("ne décrivent pas le même territoire (A : Isère, B : Vendée)")
    );
    assert!(markdown::render(&d).contains("ne décrivent pas le même territoire"));
}
