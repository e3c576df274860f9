//! Parser tests on span-free trees: the tree is serialised to JSON and its
//! spans removed, so that a test states only the structure it expects.

use serde_json::{Value, json};

use super::parse;

/// The items of `src` without spans; panics on a syntax error.
fn tree(src: &str) -> Value {
    let parsed = parse(src);
    assert!(parsed.diagnostics.is_empty(), "{:#?}", parsed.diagnostics);
    let mut value = serde_json::to_value(&parsed.file.items).expect("the tree serialises");
    strip(&mut value);
    value
}

fn strip(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.remove("span");
            map.remove("keyword");
            map.values_mut().for_each(strip);
        }
        Value::Array(items) => items.iter_mut().for_each(strip),
        _ => {}
    }
}

fn id(name: &str) -> Value {
    json!({ "name": name })
}

#[test]
fn territoire_and_periode() {
    assert_eq!(
        tree("territoire 38, 2A\nperiode 2024..2026"),
        json!([
            { "Territoire": { "codes": [{ "value": "38" }, { "value": "2A" }] } },
            { "Periode": { "range": { "start": 2024, "end": 2026 } } },
        ])
    );
}

#[test]
fn keywords_are_not_reserved() {
    assert_eq!(
        tree(
            "membre region region 84\nmembre membre epci 200040715 \"Métropole\" { tags rural, qpv }"
        ),
        json!([
            { "Membre": { "id": id("region"), "nature": id("region"), "code": { "value": "84" }, "libelle": null, "attrs": [] } },
            { "Membre": {
                "id": id("membre"), "nature": id("epci"), "code": { "value": "200040715" },
                "libelle": { "value": "Métropole", "triple": false },
                "attrs": [{ "Tags": { "value": [id("rural"), id("qpv")] } }],
            } },
        ])
    );
}

#[test]
fn comite_with_autre_type_and_multiline_list() {
    assert_eq!(
        tree(
            "comite technique autre \"thématique\" \"Groupe\" {\n  membres a,\n    b, c\n  frequence annuelle\n  rend_compte copil\n}"
        ),
        json!([{ "Comite": {
            "id": id("technique"), "kind": id("autre"),
            "precision": { "value": "thématique", "triple": false },
            "nom": { "value": "Groupe", "triple": false },
            "attrs": [
                { "Membres": { "value": [id("a"), id("b"), id("c")] } },
                { "Frequence": { "value": id("annuelle") } },
                { "RendCompte": { "value": id("copil") } },
            ],
        } }])
    );
}

#[test]
fn roadmap_with_action_amounts_and_ranges() {
    assert_eq!(
        tree(
            "feuille_de_route f \"F\" {\n porteur cd\n action \"A\" { annees 2024..2025 budget 120_000 € financement cd 1_500.5 }\n}"
        ),
        json!([{ "FeuilleDeRoute": {
            "id": id("f"), "nom": { "value": "F", "triple": false },
            "attrs": [
                { "Porteur": { "value": id("cd") } },
                { "Action": { "nom": { "value": "A", "triple": false }, "attrs": [
                    { "Annees": { "value": { "start": 2024, "end": 2025 } } },
                    { "Budget": { "value": { "raw": "120_000", "value": 120000.0, "euro": true } } },
                    { "Financement": { "value": [id("cd"), { "raw": "1_500.5", "value": 1500.5, "euro": false }] } },
                ] } },
            ],
        } }])
    );
}

#[test]
fn besoins_options_and_derogation() {
    assert_eq!(
        tree(
            "besoins {\n appui_juridique etp 0.5 prestation\n structurer_un_fonds priorite 1\n}\nderogation FNE-COM-05 \"motif\""
        ),
        json!([
            { "Besoins": { "total_etp": [], "besoins": [
                { "besoin": id("appui_juridique"), "precision": null, "options": [
                    { "Etp": { "value": { "raw": "0.5", "value": 0.5, "euro": false } } },
                    { "Prestation": { "value": null } },
                ] },
                { "besoin": id("structurer_un_fonds"), "precision": null, "options": [
                    { "Priorite": { "value": { "raw": "1", "value": 1.0, "euro": false } } },
                ] },
            ] } },
            { "Derogation": { "rule": { "value": "FNE-COM-05" }, "motif": { "value": "motif", "triple": false } } },
        ])
    );
}

#[test]
fn strings_escapes_and_triple_quotes() {
    assert_eq!(
        tree("existant e autre \"a \\\"b\\\" \\\\ c\\nd\" \"\"\"sur\ndeux \"lignes\" ici\"\"\""),
        json!([{ "Existant": {
            "id": id("e"), "contrat": id("autre"),
            "precision": { "value": "a \"b\" \\ c\nd", "triple": false },
            "nom": { "value": "sur\ndeux \"lignes\" ici", "triple": true },
            "attrs": [],
        } }])
    );
}

#[test]
fn comments_are_kept_with_their_spans() {
    let src = "# tête\nterritoire 38 # fin de ligne\n# avant\nperiode 2023..2027\n# dernier";
    let parsed = parse(src);
    let texts: Vec<&str> = parsed
        .file
        .comments
        .iter()
        .map(|c| c.text.as_str())
        .collect();
    assert_eq!(texts, [" tête", " fin de ligne", " avant", " dernier"]);
    let second = &parsed.file.comments[1];
    assert_eq!(&src[second.span.start..second.span.end], "# fin de ligne");
}

#[test]
fn item_spans_stop_at_their_last_token() {
    let src = "membre a epci 200040715   # commentaire\n\nmembre b caf \"CAF\"\n";
    let parsed = parse(src);
    let first = parsed.file.items[0].span();
    assert_eq!(&src[first.start..first.end], "membre a epci 200040715");
}

#[test]
fn bom_and_crlf_are_accepted() {
    let parsed = parse("\u{feff}territoire 38\r\n# note\r\nperiode 2023..2027\r\n");
    assert!(parsed.diagnostics.is_empty(), "{:#?}", parsed.diagnostics);
    assert_eq!(parsed.file.items.len(), 2);
    assert_eq!(parsed.file.comments[0].text, " note");
}

#[test]
fn recovers_after_a_syntax_error() {
    let src = "territoire 38\ncomite c strategique \"C\" {\n  fréquence semestrielle\n}\nmembre ok caf \"CAF\"\ncomite d technique \"D\" { membres ok, }\nmembre fin caf \"F\"\n";
    let parsed = parse(src);
    let codes: Vec<&str> = parsed.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["copil::syntaxe::mot_cle", "copil::syntaxe"]);
    let ids: Vec<String> = parsed
        .file
        .items
        .iter()
        .filter_map(|i| match i {
            super::ast::Item::Membre(m) => Some(m.id.name.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(ids, ["ok", "fin"]);
    let skipped: Vec<Option<&str>> = parsed
        .file
        .skipped
        .iter()
        .map(|s| s.declares.as_ref().map(|i| i.name.as_str()))
        .collect();
    assert_eq!(skipped, [Some("c"), Some("d")]);
}

#[test]
fn crlf_inside_a_triple_string_becomes_lf() {
    let src = "territoire 38\r\nfeuille_de_route f \"F\" {\r\n  diagnostic \"\"\"ligne 1\r\nligne 2\"\"\"\r\n}\r\n";
    let parsed = parse(src);
    assert!(parsed.diagnostics.is_empty(), "{:#?}", parsed.diagnostics);
    let text = serde_json::to_string(&parsed.file.items[1]).expect("serialises");
    assert!(text.contains("ligne 1\\nligne 2"), "{text}");
    assert!(!text.contains("\\r"), "{text}");
}

#[test]
fn a_misplaced_keyword_inside_a_block_gives_one_error() {
    let src = "territoire 38\ncomite c technique \"C\" {\n    membre a\n    membre b\n}\nmembre ok caf \"CAF\"\n";
    let parsed = parse(src);
    let codes: Vec<&str> = parsed.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["copil::syntaxe::mot_cle"]);
    // Parsing resumed after the block's `}`.
    assert!(
        matches!(parsed.file.items.last(), Some(super::ast::Item::Membre(m)) if m.id.name == "ok")
    );
}

#[test]
fn a_missing_brace_points_at_the_open_block_and_resumes_at_the_next_declaration() {
    let src = "territoire 38\ncomite c technique \"C\" {\n    frequence annuelle\n\ncomite d technique \"D\" {\n    frequence annuelle\n}\n";
    let parsed = parse(src);
    assert_eq!(parsed.diagnostics.len(), 1, "{:#?}", parsed.diagnostics);
    let d = &parsed.diagnostics[0];
    assert!(d.message.starts_with("accolade `}` manquante"));
    assert_eq!(&src[d.span.start..d.span.end], "{");
    assert_eq!(d.span.start, src.find('{').expect("brace"));
    let ids: Vec<&str> = parsed
        .file
        .items
        .iter()
        .filter_map(|i| match i {
            super::ast::Item::Comite(c) => Some(c.id.name.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(ids, ["d"]);
}

#[test]
fn braces_in_strings_and_comments_do_not_count() {
    let src = "territoire 38\ncomite c technique \"C { x\" { # }\n    membre a\n    mission \"}\"\n}\nmembre ok caf \"CAF\"\n";
    let parsed = parse(src);
    assert_eq!(parsed.diagnostics.len(), 1, "{:#?}", parsed.diagnostics);
    assert!(
        matches!(parsed.file.items.last(), Some(super::ast::Item::Membre(m)) if m.id.name == "ok")
    );
}

/// The fast path is not a dead branch: it reads every declaration of the
/// shipped examples and valid fixtures by itself, never handing over to
/// pest (whose agreement with it `tests/parseur_rapide.rs` checks).
#[test]
fn the_fast_path_reads_every_declaration_of_valid_files() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut read = 0;
    for dir in ["examples", "tests/fixtures/ok"] {
        for entry in std::fs::read_dir(root.join(dir)).expect("dossier") {
            let path = entry.expect("entrée").path();
            if path.extension().is_none_or(|e| e != "copil") {
                continue;
            }
            let src = std::fs::read_to_string(&path).expect("lecture");
            let mut offset = 0;
            loop {
                offset += super::parser::leading_comments(&src[offset..], offset).1;
                if offset == src.len() {
                    break;
                }
                let item = super::fast::item(&src, offset).unwrap_or_else(|| {
                    panic!(
                        "{}: le chemin rapide renonce à l'octet {offset}",
                        path.display()
                    )
                });
                offset = item.end;
                read += 1;
            }
        }
    }
    assert!(read > 100, "{read} déclarations lues");
}
