use super::*;
use crate::ide::Analysis;
use crate::ide::test_support::{at, isere, rules};

fn labels(src: &str) -> Vec<String> {
    let (analysis, offset) = at(src);
    completion(&analysis, offset)
        .into_iter()
        .map(|i| i.label)
        .collect()
}

const HEAD: &str = "territoire 38\nmembre prefecture prefecture\nmembre cd38 departement 38\nmembre metro epci 200040715\nmembre g commune 38185\ncomite copil strategique \"C\" { membres cd38 }\nexistant sdaasp sdaasap \"S\"\n";

#[test]
fn declarations_at_the_top_level() {
    let got = labels(&format!("{HEAD}|"));
    let want: Vec<String> = Keyword::declarations()
        .map(|k| k.as_str().to_string())
        .collect();
    assert_eq!(got, want);
}

#[test]
fn only_a_comites_attributes_inside_a_comite() {
    let got = labels(&format!("{HEAD}comite c technique \"C\" {{\n  fr|\n}}\n"));
    assert_eq!(
        got,
        [
            "presidence",
            "membres",
            "frequence",
            "perimetre",
            "rend_compte",
            "adosse",
            "mission",
            "prochaine_reunion"
        ]
    );
    let got = labels(&format!(
        "{HEAD}feuille_de_route f \"F\" {{\n action \"A\" {{\n  subvention 1 € {{\n   |"
    ));
    assert_eq!(
        got,
        ["enveloppe", "etp", "prestation", "beneficiaire", "statut"]
    );
}

#[test]
fn enumeration_values() {
    let got = labels(&format!(
        "{HEAD}comite c technique \"C\" {{\n  frequence |\n}}\n"
    ));
    assert_eq!(got, Frequence::ALL);
    assert_eq!(labels("membre x |"), Nature::ALL);
    assert_eq!(labels("comite x |"), ComiteType::ALL);
    assert_eq!(labels("existant x |"), Contrat::ALL);
    let sub = "feuille_de_route f \"F\" { action \"A\" { subvention 1 € {\n";
    assert_eq!(labels(&format!("{sub} statut |")), Statut::ALL);
    assert_eq!(labels(&format!("{sub} enveloppe |")), Enveloppe::ALL);
    let got = labels("besoins {\n  |");
    assert_eq!(got[0], "total_etp");
    assert_eq!(&got[1..], BesoinKind::ALL);
    assert_eq!(
        labels("besoins {\n  structurer_un_fonds etp 0,5 |"),
        ["prestation", "nombre", "priorite"]
    );
    assert!(labels("besoins {\n  structurer_un_fonds etp |").is_empty());
    assert_eq!(
        labels("feuille_de_route f \"F\" { action \"A\" { besoins animer_la_gouvernance, |"),
        BesoinKind::ALL
    );
}

#[test]
fn declared_ids_of_the_right_kind() {
    let got = labels(&format!(
        "{HEAD}comite c technique \"C\" {{\n  membres cd38,\n     |\n}}\n"
    ));
    assert_eq!(got, ["prefecture", "cd38", "metro", "g"]);
    let got = labels(&format!(
        "{HEAD}comite c technique \"C\" {{\n  rend_compte |\n}}\n"
    ));
    assert_eq!(got, ["copil", "c"]);
    let got = labels(&format!(
        "{HEAD}comite c technique \"C\" {{\n  adosse |\n}}\n"
    ));
    assert_eq!(got, ["sdaasp"]);
    let got = labels(&format!(
        "{HEAD}comite c technique \"C\" {{\n  perimetre |\n}}\n"
    ));
    assert_eq!(got, ["departement", "region", "metro", "g"]);
    let got = labels(&format!("{HEAD}pilotage {{ prefet prefecture\n pilote |"));
    assert_eq!(got, ["prefecture", "cd38", "metro", "g"]);
}

#[test]
fn epci_and_communes_of_the_territoire_by_name() {
    let (analysis, offset) = at(&format!("{HEAD}membre capi epci porte|"));
    let items = completion(&analysis, offset);
    let capi = items
        .iter()
        .find(|i| i.insert.starts_with("243800604"))
        .unwrap_or_else(|| panic!("{items:#?}"));
    assert_eq!(capi.insert, "243800604 # CA Porte de l'Isère (CAPI)");
    assert_eq!(analysis.text(capi.replace), "porte");
    assert!(items.iter().all(|i| fold(&i.label).contains("porte")));
    let got = labels(&format!("{HEAD}membre v commune greno|"));
    assert_eq!(got[0], "Grenoble (38185)");
    // A code already written is completed without a comment when a
    // libellé follows.
    let (analysis, offset) = at(&format!("{HEAD}membre v commune 3818| \"Grenoble\""));
    let items = completion(&analysis, offset);
    assert!(items.iter().any(|i| i.insert == "38185"), "{items:#?}");
}

#[test]
fn rule_ids_after_derogation() {
    let got = labels("derogation |");
    assert!(got.contains(&"FNE-COM-05".to_string()), "{got:?}");
    let (analysis, offset) = at("derogation FNE-C|");
    let item = &completion(&analysis, offset)[0];
    assert_eq!(analysis.text(item.replace), "FNE-C");
    assert!(item.detail.is_some());
}

#[test]
fn works_in_a_file_that_does_not_parse() {
    let got = labels(
        "membre a caf \"A\"\ncomite c technique {{ \nmembre b\ncomite d technique \"D\" {\n presidence |",
    );
    assert_eq!(got, ["a", "b"]);
    assert!(labels("comite c technique \"mis|sion").is_empty());
    assert!(labels("# membres |").is_empty());
}

#[test]
fn completion_on_the_isere_example() {
    let src = isere();
    let at = src.find("membres    metro").expect("the copil's members") + "membres    ".len();
    let analysis = Analysis::new(&src, rules());
    let items = completion(&analysis, at);
    assert!(items.iter().any(|i| i.label == "hinaura"));
    assert_eq!(analysis.text(items[0].replace), "metro");
}

/// Every keyword of the grammar is in the table, in the block the grammar
/// puts it in.
#[test]
fn the_table_follows_the_grammar() {
    let grammar = include_str!("../../../grammar/copil.pest");
    let rules: std::collections::BTreeMap<&str, &str> = grammar
        .lines()
        .filter_map(|l| {
            let (name, body) = l.split_once('=')?;
            let name = name.trim();
            (!name.is_empty() && !name.starts_with("//") && !name.contains(' '))
                .then_some((name, body))
        })
        .collect();
    // Multi-line rules: take the text up to the next rule.
    let body = |name: &str| -> String {
        let start = grammar
            .lines()
            .position(|l| l.split_once('=').is_some_and(|(n, _)| n.trim() == name))
            .unwrap_or_else(|| panic!("rule {name}"));
        let mut lines = grammar.lines().skip(start);
        let mut text = lines
            .next()
            .expect("the rule")
            .split_once('=')
            .expect("=")
            .1
            .to_string();
        for l in lines {
            if l.split_once('=')
                .is_some_and(|(n, _)| rules.contains_key(n.trim()))
                || l.trim().is_empty()
            {
                break;
            }
            text.push_str(l);
        }
        text
    };
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    // The keyword that starts each alternative of a block's attributes.
    let starts = |attrs: &[&str]| -> Vec<String> {
        let mut out = Vec::new();
        for attr in attrs {
            for w in words(&body(attr)) {
                if let Some(k) = w.strip_prefix("k_") {
                    out.push(k.to_string());
                    break;
                }
            }
        }
        out
    };
    let alternatives = |rule: &str| -> Vec<String> {
        words(&body(rule))
            .into_iter()
            .filter(|w| rules.contains_key(w.as_str()))
            .collect()
    };
    let check = |block: Block, attrs: Vec<String>| {
        let attrs: Vec<&str> = attrs.iter().map(String::as_str).collect();
        let mut want = starts(&attrs);
        want.sort();
        let mut got: Vec<String> = statement_keywords(block)
            .iter()
            .map(|k| k.as_str().to_string())
            .collect();
        got.sort();
        assert_eq!(got, want, "{block:?}");
    };
    check(Block::Fichier, alternatives("item"));
    check(Block::Membre, alternatives("membre_attr"));
    check(Block::Pilotage, alternatives("pilotage_attr"));
    check(Block::Comite, alternatives("comite_attr"));
    check(
        Block::Existant,
        vec!["com_membres".into(), "com_perimetre".into()],
    );
    check(Block::Crsn, vec!["com_membres".into()]);
    check(Block::FeuilleDeRoute, alternatives("fdr_attr"));
    check(Block::Action, alternatives("action_attr"));
    check(Block::Subvention, alternatives("subvention_attr"));
    check(Block::Besoins, vec!["total_etp".into()]);
    let mut options = starts(
        &alternatives("besoin_option")
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    );
    options.sort();
    let mut listed: Vec<String> = BESOIN_OPTIONS
        .iter()
        .map(|k| k.as_str().to_string())
        .collect();
    listed.sort();
    assert_eq!(options, listed);
    // And every keyword is somewhere.
    for k in Keyword::ALL {
        let somewhere = TABLE.iter().any(|(_, s)| s.iter().any(|s| s.keyword == *k))
            || BESOIN_OPTIONS.contains(k);
        assert!(somewhere, "{k} is in no block of the completion table");
    }
}
