//! `copil fmt`: the layout of whole files (snapshots), idempotence and
//! meaning kept over every file of the repository and over generated
//! files, comments kept in every position, and the command's behaviour
//! (`--check`, `-`, syntax errors, CRLF and BOM, atomic writes).

mod common;

#[path = "../fuzz/checks.rs"]
mod checks;

use std::path::{Path, PathBuf};

use proptest::prelude::*;

use copil::files::collect_paths;
use copil::rules::Rules;

use common::copil;

/// The shipped rules, loaded once.
fn rules() -> &'static Rules {
    static RULES: std::sync::OnceLock<Rules> = std::sync::OnceLock::new();
    RULES.get_or_init(|| Rules::embedded().expect("the shipped rules load"))
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.copil` file of the repository: fixtures, examples, the rules'
/// examples, the formatter's own inputs.
fn every_file() -> Vec<PathBuf> {
    let files = collect_paths(&[
        root().join("tests/fixtures"),
        root().join("tests/fmt"),
        root().join("examples"),
        root().join("rules/tests"),
    ]);
    assert!(files.len() > 150, "only {} files found", files.len());
    files
}

/// Formats `src` (which must parse), and checks that the result is
/// formatted, means the same and keeps every comment.
fn formats_well(name: &str, src: &str) -> String {
    let out = copil::fmt::format(src).unwrap_or_else(|e| panic!("{name}: {e:?}"));
    let again = copil::fmt::format(&out).unwrap_or_else(|e| panic!("{name} formatted: {e:?}"));
    assert_eq!(again, out, "{name}: formatting is not idempotent");
    let (export, said, comments) = checks::meaning(src, rules());
    let (export2, said2, comments2) = checks::meaning(&out, rules());
    assert_eq!(comments2, comments, "{name}: comments changed");
    assert_eq!(said2, said, "{name}: diagnostics changed");
    if let Some(at) = checks::difference(&export, &export2, String::new()) {
        panic!("{name}: the export changed at {at}\n--- source:\n{src}\n--- formatted:\n{out}");
    }
    out
}

#[test]
fn every_file_of_the_repository_formats_idempotently_without_changing_its_meaning() {
    let mut formatted = 0;
    for path in every_file() {
        let Ok(src) = std::fs::read_to_string(&path) else {
            continue; // not UTF-8: a fixture of `check`, never formatted
        };
        let name = path.display().to_string();
        if copil::fmt::format(&src).is_err() {
            // A syntax error: never formatted (see the fixtures' reports).
            assert!(
                copil::syntax::parse(&src)
                    .diagnostics
                    .iter()
                    .any(|d| d.severity == copil::diagnostic::Severity::Error),
                "{name}"
            );
            continue;
        }
        formats_well(&name, &src);
        formatted += 1;
    }
    assert!(formatted > 100, "only {formatted} files formatted");
}

#[test]
fn the_shipped_examples_are_in_canonical_layout() {
    for path in collect_paths(&[root().join("examples")]) {
        let src = std::fs::read_to_string(&path).expect("readable");
        let out = copil::fmt::format(&src).expect("an example parses");
        assert!(
            out == src,
            "{} is not formatted: run `copil fmt examples`",
            path.display()
        );
    }
}

#[test]
fn formatted_files_are_pinned() {
    insta::glob!("fmt/*.copil", |path| {
        let src = std::fs::read_to_string(path).expect("readable");
        insta::assert_snapshot!(formats_well(&path.display().to_string(), &src));
    });
    insta::glob!("fixtures/ok/*.copil", |path| {
        let src = std::fs::read_to_string(path).expect("readable");
        insta::assert_snapshot!(formats_well(&path.display().to_string(), &src));
    });
}

#[test]
fn comments_stay_where_they_were() {
    let src = std::fs::read_to_string(root().join("tests/fmt/commentaires.copil")).unwrap();
    let out = formats_well("commentaires", &src);
    for (line, comment) in [
        ("territoire 38,", "# premier"),
        ("2A", "# second"),
        ("membre b association \"B\" {", "# après accolade"),
        ("tags  x,", "# après x"),
        ("coordination a,", "# c1"),
        ("}", "# après pilotage"),
        ("sur deux lignes\"\"\" {", "# avant accolade"),
        ("existant f crte \"F\" {", "# seul"),
    ] {
        assert!(
            out.lines()
                .any(|l| l.trim_start().starts_with(line) && l.trim_end().ends_with(comment)),
            "`{comment}` is not at the end of `{line}`:\n{out}"
        );
    }
    for own in [
        "# propre ligne",
        "# c2",
        "# avant fermeture",
        "# fin de fichier",
    ] {
        assert!(
            out.lines().any(|l| l.trim() == own),
            "`{own}` is not on its own line:\n{out}"
        );
    }
}

#[test]
fn crlf_and_bom_are_kept() {
    let src = "\u{feff}territoire 38\r\nmembre  prefecture prefecture # p\r\n\r\npilotage { prefet prefecture }\r\n";
    let out = formats_well("crlf", src);
    assert_eq!(
        out,
        "\u{feff}territoire 38\r\nmembre prefecture prefecture  # p\r\n\r\npilotage {\r\n    prefet prefecture\r\n}\r\n"
    );
    let lf = "territoire 38\nperiode  2023..2027\n";
    assert_eq!(
        formats_well("lf", lf),
        "territoire 38\nperiode 2023..2027\n"
    );
}

#[test]
fn a_multiline_string_keeps_its_lines_even_in_crlf() {
    let src = "territoire 38\r\ncomite c technique \"\"\"Comité\r\n  technique\"\"\" {}\r\n";
    let out = formats_well("triple", src);
    assert!(
        out.contains("\"\"\"Comité\r\n  technique\"\"\" {}\r\n"),
        "{out}"
    );
}

// ------------------------------------------------------------------ generated files

/// Separators between the tokens of a generated file: spaces, line
/// breaks, blank lines, comments at the end of a line or on their own.
const SEPARATORS: &[&str] = &[
    " ",
    " ",
    "  ",
    "\n",
    "\n    ",
    "\n\n",
    "\t",
    " # commentaire\n",
    "\n# sur sa ligne\n",
    "  #fin\n\n",
];

/// A governance file with every construct, as tokens; `v` chooses among
/// spellings.
fn tokens(v: &[usize]) -> Vec<String> {
    let pick = |i: usize, options: &[&str]| options[v[i % v.len()] % options.len()].to_string();
    let amount = |i: usize, n: u32| {
        let choices = [
            format!("{n}€"),
            format!("{n} €"),
            format!("{}_{:03} €", n / 1000, n % 1000),
            format!("{} {:03}", n / 1000, n % 1000),
            format!("{}\u{a0}{:03}\u{a0}€", n / 1000, n % 1000),
        ];
        choices[v[i % v.len()] % choices.len()].clone()
    };
    let mut t: Vec<String> = Vec::new();
    let mut push = |words: &[&str]| t.extend(words.iter().map(|w| w.to_string()));
    push(&["territoire", "38", "periode", "2023..2027"]);
    push(&["membre", "prefecture", "prefecture"]);
    push(&["membre", "cd38", "departement", "38"]);
    push(&["membre", "metro", "epci", "200040715"]);
    let caf = pick(
        1,
        &[
            "\"CAF de l'Isère\"",
            "« CAF de l'Isère »",
            "\"\"\"CAF de l'Isère\"\"\"",
        ],
    );
    push(&["membre", "caf38", "caf", &caf]);
    let hub_block = pick(
        2,
        &[
            "{ region 84 }",
            "{region 84}",
            "{ region 84 tags rural, qpv }",
        ],
    );
    push(&["membre", "hinaura", "hub", "\"Hinaura\"", &hub_block]);
    push(&["pilotage", "{", "prefet", "prefecture"]);
    let pilote = pick(
        3,
        &[
            "pilote cd38",
            "copilotes cd38 , metro",
            "copilotes cd38, metro",
        ],
    );
    t.extend(pilote.split(' ').map(str::to_string));
    let mut push = |words: &[&str]| t.extend(words.iter().map(|w| w.to_string()));
    push(&["coordination", "cd38,", "metro"]);
    push(&[
        "referent",
        "\"Claire Martin\"",
        "\"claire.martin@isere.gouv.fr\"",
        "}",
    ]);
    let mission = pick(
        4,
        &[
            "\"Piloter\"",
            "\"\"\"Piloter\nla feuille\"\"\"",
            "« Piloter \"la\" feuille »",
        ],
    );
    push(&[
        "comite",
        "copil",
        "strategique",
        "\"Comité de pilotage\"",
        "{",
        "presidence",
        "prefecture,",
        "cd38",
        "membres",
        "metro,",
        "caf38,",
        "hinaura",
        "frequence",
        "semestrielle",
        "prochaine_reunion",
        "2025-03-12",
        "mission",
        &mission,
        "}",
    ]);
    push(&[
        "comite",
        "cotech",
        "technique",
        "\"Comité technique\"",
        "{",
        "rend_compte",
        "copil",
        "membres",
        "cd38,",
        "metro,",
        "caf38",
        "frequence",
        "trimestrielle",
        "}",
    ]);
    push(&[
        "existant", "ctg", "ctg", "\"CTG\"", "{", "membres", "caf38,", "cd38", "}",
    ]);
    push(&["crsn", "84", "{", "membres", "hinaura", "}"]);
    push(&[
        "feuille_de_route",
        "fdr",
        "\"Feuille de route\"",
        "{",
        "porteur",
        "cd38",
        "perimetre",
        "departement",
        "diagnostic",
        "\"Diagnostic\"",
        "action",
        "\"Action\"",
        "{",
        "porteurs",
        "cd38,",
        "metro",
        "annees",
        "2024..2026",
        "budget",
    ]);
    t.push(amount(5, 300_000));
    t.extend(["financement", "cd38"].map(String::from));
    t.push(amount(6, 100_000));
    t.extend(["financement", "cd38"].map(String::from));
    t.push(amount(7, 20_000));
    t.push("subvention".into());
    t.push(amount(8, 150_000));
    t.extend(["{", "enveloppe", "ingenierie", "etp"].map(String::from));
    t.push(amount(9, 100_000));
    t.push("prestation".into());
    t.push(amount(10, 50_000));
    t.extend(["beneficiaire", "cd38"].map(String::from));
    t.push(amount(11, 150_000));
    t.extend(["statut", "deposee", "}", "}", "}"].map(String::from));
    let etp = pick(12, &["0,5", "0.5", "1"]);
    let mut push = |words: &[&str]| t.extend(words.iter().map(|w| w.to_string()));
    push(&[
        "besoins",
        "{",
        "etablir_un_diagnostic_territorial",
        "etp",
        &etp,
        "priorite",
        "1",
        "former_les_agents_publics",
        "nombre",
        "40",
        "autre_outillage",
        "\"Carte\"",
        "prestation",
        "total_etp",
        "1,5",
        "}",
    ]);
    push(&["derogation", "FNE-COM-05", "\"Les QPV sont représentés.\""]);
    t
}

fn generated(v: &[usize], separators: &[usize]) -> String {
    let mut src = String::new();
    for (i, token) in tokens(v).iter().enumerate() {
        src.push_str(token);
        src.push_str(SEPARATORS[separators[i % separators.len()] % SEPARATORS.len()]);
    }
    src
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// A file written any way (spaces, line breaks, comments anywhere a
    /// blank may be, every spelling of numbers and strings) formats into
    /// a file that means the same, keeps its comments, and stays as it is
    /// when formatted again.
    #[test]
    fn generated_files_format_well(
        v in prop::collection::vec(0..5usize, 16),
        separators in prop::collection::vec(0..SEPARATORS.len(), 1..200),
    ) {
        let src = generated(&v, &separators);
        prop_assert!(
            copil::syntax::parse(&src).diagnostics.iter().all(|d| d.severity != copil::diagnostic::Severity::Error),
            "the generator wrote a syntax error:\n{src}"
        );
        formats_well("generated", &src);
        let crlf = format!("\u{feff}{}", src.replace('\n', "\r\n"));
        let out = formats_well("generated crlf", &crlf);
        prop_assert!(out.starts_with('\u{feff}'), "BOM lost");
        if src.contains('\n') {
            prop_assert!(!out.replace("\r\n", "").contains('\n'), "CRLF lost");
        }
    }
}

// ------------------------------------------------------------------ the command

fn temp_copy(name: &str, text: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("written");
    (dir, path)
}

#[test]
fn fmt_writes_in_place_and_check_lists_what_it_would_change() {
    let messy = b"territoire 38\nmembre  prefecture prefecture\npilotage{prefet prefecture}\n";
    let (_dir, path) = temp_copy("a.copil", messy);
    let p = path.to_str().unwrap();

    let out = copil(&["fmt", "--check", p]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("a.copil"));
    assert_eq!(
        std::fs::read(&path).unwrap(),
        messy,
        "--check writes nothing"
    );

    let out = copil(&["fmt", p]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let formatted = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        formatted,
        "territoire 38\nmembre prefecture prefecture\n\npilotage {\n    prefet prefecture\n}\n"
    );

    let out = copil(&["fmt", "--check", p]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
}

#[test]
fn a_file_with_a_syntax_error_is_left_byte_identical() {
    let broken =
        "\u{feff}territoire 38\r\nmembre  a epci\r\ncomite c strategique { membres a }\r\n"
            .as_bytes();
    let (_dir, path) = temp_copy("casse.copil", broken);
    let p = path.to_str().unwrap();
    for args in [vec!["fmt", p], vec!["fmt", "--check", p]] {
        let out = copil(&args);
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("n'est pas mis en forme"), "{stderr}");
        assert_eq!(std::fs::read(&path).unwrap(), broken);
    }
    let dir = path.parent().unwrap();
    assert_eq!(
        std::fs::read_dir(dir).unwrap().count(),
        1,
        "no temporary file left"
    );
}

#[test]
fn a_dash_reads_standard_input_and_writes_standard_output() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let run = |args: &[&str], input: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_copil"))
            .args(args)
            .env("NO_COLOR", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("runs");
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let out = run(&["fmt", "-"], "territoire   38\nperiode 2023..2027 # p\n");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "territoire 38\nperiode 2023..2027  # p\n"
    );
    let out = run(&["fmt", "--check", "-"], "territoire   38\n");
    assert_eq!(out.status.code(), Some(1));
    let out = run(&["fmt", "--check", "-"], "territoire 38\n");
    assert_eq!(out.status.code(), Some(0));
    let out = run(&["fmt", "-"], "territoire { 38\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}

#[test]
fn fmt_walks_folders_and_keeps_line_ends() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.copil"), "territoire  38\r\n").unwrap();
    std::fs::write(dir.path().join("b.copil"), "\u{feff}territoire 38\n").unwrap();
    let out = copil(&["fmt", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.copil")).unwrap(),
        "territoire 38\r\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("b.copil")).unwrap(),
        "\u{feff}territoire 38\n"
    );
}

/// The example of `docs/langage.md` § 11 and of the README is what the
/// formatter writes.
#[test]
fn the_documented_examples_are_what_fmt_writes() {
    let doc = std::fs::read_to_string(root().join("docs/langage.md")).unwrap();
    let section = &doc[doc.find("## 11. Mise en forme").expect("§ 11")..];
    let blocks: Vec<&str> = section
        .split("```text\n")
        .skip(1)
        .map(|b| &b[..b.find("```").unwrap()])
        .collect();
    assert_eq!(copil::fmt::format(blocks[0]).unwrap(), blocks[1]);

    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let section = &readme[readme.find("## Mettre en forme").expect("README")..];
    let block = &section[section.find("$ cat brouillon.copil\n").unwrap()..];
    let before = &block["$ cat brouillon.copil\n".len()..block.find("$ copil fmt").unwrap()];
    let after = block.split("$ cat brouillon.copil\n").nth(2).unwrap();
    let after = &after[..after.find("```").unwrap()];
    assert_eq!(copil::fmt::format(before).unwrap(), after);
}

#[test]
fn a_file_that_is_not_utf8_is_left_alone() {
    let latin1 = b"territoire 38\nmembre caf caf \"CAF de l'Is\xe8re\"\n";
    let (_dir, path) = temp_copy("latin1.copil", latin1);
    let out = copil(&["fmt", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("UTF-8"));
    assert_eq!(std::fs::read(&path).unwrap(), latin1);
}
