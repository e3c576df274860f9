//! The hand-written fast path of the parser against the pest parser, the
//! reference: on every file shipped with copil, and on those files damaged
//! at random (deleted spans, inserted tokens, swapped pieces), both give
//! the same tree, the same spans, the same comments and the same
//! diagnostics.

use std::path::{Path, PathBuf};

use proptest::prelude::*;

use copil::syntax::{parse, parse_with_pest};

/// Every `.copil` file of the repository's examples, fixtures and rule tests.
fn corpus() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in [
        "examples",
        "tests/fixtures",
        "tests/rulesets",
        "rules/tests",
    ] {
        collect(&root.join(dir), &mut files);
    }
    files.sort();
    files
        .into_iter()
        .filter_map(|path| {
            let text = std::fs::read_to_string(&path).ok()?;
            Some((path, text))
        })
        .collect()
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "copil") {
            out.push(path);
        }
    }
}

/// Both parsers, compared through their debug form (trees, spans,
/// comments, skipped spans, diagnostics with their wording).
fn same(src: &str) -> Result<(), String> {
    let fast = format!("{:#?}", parse(src));
    let reference = format!("{:#?}", parse_with_pest(src));
    if fast == reference {
        return Ok(());
    }
    let at = fast
        .lines()
        .zip(reference.lines())
        .position(|(a, b)| a != b)
        .unwrap_or(0);
    let window = |text: &str| {
        text.lines()
            .skip(at.saturating_sub(8))
            .take(16)
            .collect::<Vec<_>>()
            .join("\n")
    };
    Err(format!(
        "le chemin rapide diffère de pest à la ligne {at} du débogage\n--- rapide\n{}\n--- pest\n{}",
        window(&fast),
        window(&reference)
    ))
}

#[test]
fn every_shipped_file_parses_the_same_both_ways() {
    let files = corpus();
    assert!(files.len() > 100, "corpus trop petit : {}", files.len());
    for (path, text) in &files {
        if let Err(e) = same(text) {
            panic!("{}: {e}", path.display());
        }
    }
}

#[test]
fn crlf_and_bom_versions_parse_the_same_both_ways() {
    for (path, text) in corpus() {
        let crlf = format!("\u{feff}{}", text.replace('\n', "\r\n"));
        if let Err(e) = same(&crlf) {
            panic!("{} (CRLF + BOM): {e}", path.display());
        }
    }
}

/// Pieces of the language to insert: keywords, punctuation, values, and
/// the odd characters where a hand-written lexer may slip.
const PIECES: &[&str] = &[
    "{",
    "}",
    ",",
    "\"",
    "\"\"\"",
    "#",
    "\n",
    " ",
    "\t",
    "\r\n",
    "\u{feff}",
    "€",
    "..",
    "_",
    ".",
    "0",
    "2024",
    "2024..2026",
    "12 345",
    "1_000.5",
    "membre",
    "membres",
    "comite",
    "existant",
    "pilotage",
    "prefet",
    "pilote",
    "copilotes",
    "coordination",
    "presidence",
    "frequence",
    "perimetre",
    "rend_compte",
    "adosse",
    "mission",
    "feuille_de_route",
    "porteur",
    "porteurs",
    "contrat",
    "diagnostic",
    "action",
    "annees",
    "budget",
    "financement",
    "besoins",
    "etp",
    "prestation",
    "priorite",
    "derogation",
    "FNE-COM-05",
    "crsn",
    "siret",
    "region",
    "tags",
    "territoire",
    "periode",
    "sans_chevauchement",
    "x",
    "é",
    "e\u{301}",
    "\\",
    "\\n",
    "\\q",
    "\u{202e}",
    "«",
    "»",
    "\u{a0}",
];

fn mutate(text: &str, edits: &[(usize, usize, usize)]) -> String {
    let mut s = text.to_string();
    for &(at, len, piece) in edits {
        let mut at = at % (s.len() + 1);
        while !s.is_char_boundary(at) {
            at -= 1;
        }
        let mut end = (at + len % 12).min(s.len());
        while !s.is_char_boundary(end) {
            end += 1;
        }
        let piece = PIECES[piece % PIECES.len()];
        match len % 3 {
            0 => s.replace_range(at..end, ""),
            1 => s.insert_str(at, piece),
            _ => s.replace_range(at..end, piece),
        }
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    #[test]
    fn damaged_files_parse_the_same_both_ways(
        file in 0usize..1000,
        edits in prop::collection::vec((0usize..100_000, 0usize..40, 0usize..200), 1..6),
    ) {
        let files = corpus_cached();
        let (path, text) = &files[file % files.len()];
        let damaged = mutate(text, &edits);
        if let Err(e) = same(&damaged) {
            panic!("{} abîmé {edits:?} :\n{damaged}\n{e}", path.display());
        }
    }
}

fn corpus_cached() -> &'static [(PathBuf, String)] {
    static FILES: std::sync::OnceLock<Vec<(PathBuf, String)>> = std::sync::OnceLock::new();
    FILES.get_or_init(corpus)
}
