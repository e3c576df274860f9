//! Property tests on generated governance files: checking is
//! deterministic and does not depend on the order of the files; a file
//! with CRLF line ends and a BOM gives the same diagnostics as the clean
//! one; the JSON export reads back through serde unchanged.

use std::fmt::Write as _;

use proptest::prelude::*;

use copil::check::{check_files, check_source};
use copil::rules::Rules;

/// The shipped rules, loaded once.
fn rules() -> &'static Rules {
    static RULES: std::sync::OnceLock<Rules> = std::sync::OnceLock::new();
    RULES.get_or_init(|| Rules::embedded().expect("the shipped rules load"))
}

const NATURES: &[&str] = &[
    "caf",
    "cpam",
    "carsat",
    "france_travail",
    "france_services",
    "association",
    "association_elus",
    "entreprise",
];
const FREQUENCES: &[&str] = &["mensuelle", "trimestrielle", "semestrielle", "annuelle"];
const TYPES: &[&str] = &["technique", "consultatif"];
const LIBELLES: &[&str] = &[
    "CAF de l'Isère",
    "Réseau « France Services »",
    "Association \\\"Les Aidants\\\"",
    "Médiation numérique — Nord",
    "Œuvre d'entraide",
];

/// A governance: members drawn from the lists above, comités that report
/// to earlier ones (no cycle), chosen by the indexes generated.
#[derive(Clone, Debug)]
struct Plan {
    territoire: &'static str,
    membres: Vec<(usize, usize)>,
    comites: Vec<(usize, usize, Vec<usize>)>,
    with_roadmap: bool,
}

fn plan() -> impl Strategy<Value = Plan> {
    (
        prop::sample::select(vec!["38", "59", "85", "2A", "971"]),
        prop::collection::vec((0..NATURES.len(), 0..LIBELLES.len()), 0..12),
        prop::collection::vec(
            (
                0..TYPES.len(),
                0..FREQUENCES.len(),
                prop::collection::vec(0..20usize, 0..6),
            ),
            0..6,
        ),
        any::<bool>(),
    )
        .prop_map(|(territoire, membres, comites, with_roadmap)| Plan {
            territoire,
            membres,
            comites,
            with_roadmap,
        })
}

fn source(plan: &Plan) -> String {
    let cd = format!("cd{}", plan.territoire.to_lowercase());
    let mut src = format!(
        "# fichier engendré\nterritoire {}\n\nmembre prefecture prefecture\nmembre {cd} departement {}\n",
        plan.territoire, plan.territoire
    );
    let mut ids = vec![cd.clone()];
    for (i, (nature, libelle)) in plan.membres.iter().enumerate() {
        let id = format!("m{i}");
        writeln!(
            src,
            "membre {id} {} \"{}\"   # membre {i}",
            NATURES[*nature], LIBELLES[*libelle]
        )
        .unwrap();
        ids.push(id);
    }
    writeln!(
        src,
        "\npilotage {{\n    prefet prefecture\n    pilote {cd}\n}}\n\ncomite copil strategique \"Comité de pilotage\" {{\n    presidence prefecture, {cd}\n    membres    {}\n    frequence  semestrielle\n}}",
        ids.join(",\n               ")
    )
    .unwrap();
    for (i, (kind, frequence, membres)) in plan.comites.iter().enumerate() {
        let parent = if i == 0 {
            "copil".to_string()
        } else {
            format!("c{}", i - 1)
        };
        let mut chosen: Vec<&str> = membres
            .iter()
            .map(|m| ids[m % ids.len()].as_str())
            .collect();
        chosen.sort_unstable();
        chosen.dedup();
        if chosen.is_empty() {
            chosen.push(&cd);
        }
        writeln!(
            src,
            "\ncomite c{i} {} \"Comité {i}\" {{\n    rend_compte {parent}\n    membres     {}\n    frequence   {}\n}}",
            TYPES[*kind],
            chosen.join(", "),
            FREQUENCES[*frequence]
        )
        .unwrap();
    }
    if plan.with_roadmap {
        writeln!(
            src,
            "\nfeuille_de_route fdr \"Feuille de route\" {{\n    porteur {cd}\n    perimetre departement\n    action \"Action\" {{\n        porteurs {cd}\n        annees 2024..2026\n        budget 100_000 €\n        financement {cd} 40_000 €\n    }}\n}}"
        )
        .unwrap();
    }
    src
}

/// What a diagnostic says, without its byte offsets (which CRLF and a BOM
/// move).
fn said(src: &str) -> Vec<(String, String, Option<String>, usize)> {
    let report = check_source("f.copil".into(), src.to_string(), rules());
    report
        .diagnostics
        .iter()
        .map(|d| {
            let line = src[..d.span.start.min(src.len())].matches('\n').count() + 1;
            (
                d.code.as_str().to_string(),
                d.message.clone(),
                d.help.clone(),
                line,
            )
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn generated_files_compile_and_checking_is_deterministic(plan in plan()) {
        let src = source(&plan);
        let first = check_source("f.copil".into(), src.clone(), rules());
        prop_assert!(first.compiled, "{src}\n{:#?}", first.diagnostics);
        let second = check_source("f.copil".into(), src.clone(), rules());
        prop_assert_eq!(
            copil::report::json(&[first]),
            copil::report::json(&[second])
        );
    }

    #[test]
    fn crlf_and_a_bom_change_nothing(plan in plan()) {
        let src = source(&plan);
        let windows = format!("\u{feff}{}", src.replace('\n', "\r\n"));
        prop_assert_eq!(said(&src), said(&windows));
    }

    #[test]
    fn the_export_reads_back_through_serde(plan in plan()) {
        let src = source(&plan);
        let report = check_source("f.copil".into(), src, rules());
        let (Some(g), Some(analyses)) = (&report.gouvernance, &report.analyses) else {
            return Err(TestCaseError::fail("compiles"));
        };
        let facts = copil::rules::facts::facts(g, analyses);
        let text = serde_json::to_string_pretty(&facts).expect("serialises");
        let back: serde_json::Value = serde_json::from_str(&text).expect("reads back");
        prop_assert_eq!(&back, &facts);
        prop_assert_eq!(serde_json::to_string_pretty(&back).expect("serialises"), text);
    }

    #[test]
    fn the_order_of_the_files_does_not_matter(a in plan(), b in plan(), c in plan()) {
        let dir = tempfile::tempdir().expect("temp dir");
        let paths: Vec<std::path::PathBuf> = [a, b, c]
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let path = dir.path().join(format!("f{i}.copil"));
                std::fs::write(&path, source(p)).expect("write");
                path
            })
            .collect();
        let forward = copil::files::collect_paths(&paths);
        let mut reversed_args = paths.clone();
        reversed_args.reverse();
        let reversed = copil::files::collect_paths(&reversed_args);
        prop_assert_eq!(&forward, &reversed);
        let one = copil::report::json(&check_files(&forward, rules()));
        let two = copil::report::json(&check_files(&reversed, rules()));
        prop_assert_eq!(one, two);
    }
}
