//! Safe outputs: user text that tries to break out of every format copil
//! writes stays text. Each hostile libellé is put in a governance file as a
//! member's name, a comité's name and mission, a roadmap's name, diagnosis
//! and action (and, for the national table, in the file's name); every
//! output is then read back with a parser of its format and compared, in
//! structure, with the output of the same file with a harmless libellé:
//! no element, link, cell, edge, line or command more or less. The escaping
//! itself lives in one module, `copil::escape`.

use std::sync::OnceLock;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use copil::check::{FileReport, check_source};
use copil::render::{self, ChartFormat};
use copil::report;
use copil::rules::{Rules, facts};

/// Strings that try to end a string, a line, an element, a cell, a
/// command or a label in one of the formats, or to inject a formula, a
/// link, a script or a Mermaid directive.
const HOSTILE: &[&str] = &[
    "CAF <script>alert(1)</script> & \"x\" ]] --> | {y}",
    "</text><script>alert(1)</script><!-- ",
    "x\" onload=\"alert(1)",
    "=cmd|' /C calc'!A0",
    "+SUM(A1:A9)",
    "-2+3",
    "@import(x)",
    "::error file=x::piège%0A::warning::",
    "ligne\n::error::injectée",
    "a\r\nb",
    "[lien](javascript:alert(1)) ![img](x.png) <https://exemple.fr>",
    "**gras** _italique_ `code` # titre\n# titre2\n| a | b |\n|---|---|",
    "\"]; evil [label=\"x\" shape=box]; a -> b; //",
    "\\N \\G \\L \\\\ \\\"",
    "%%{init: {'theme':'dark'}}%%\nclick a call alert()",
    "A --> B; style A fill:#f00",
    "{c.nom} {territoire.nom} ${{ secrets.TOKEN }}",
    "a,b;c\td",
    "Œuvre d'entraide — « Médiation » à Saint-Étienne",
];

/// A harmless libellé of the same role.
const PLAIN: &str = "Association Bénin";

fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| Rules::embedded().expect("the shipped rules load"))
}

/// `text` as a copil string literal.
fn literal(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A governance of the Vendée with `text` in every user string. The comité
/// `groupe` has no frequency, so that a rule message quotes its name.
fn governance(text: &str) -> String {
    let s = literal(text);
    format!(
        r#"territoire 85
periode 2023..2027
membre prefecture prefecture
membre cd85 departement 85
membre caf caf "CAF de la Vendée"
membre ft france_travail "France Travail Vendée"
membre asso association {s}
membre hub hub "Hub CONUMM" {{ region 52 }}
pilotage {{
    prefet prefecture
    copilotes cd85, asso
}}
comite copil strategique {s} {{
    presidence prefecture, cd85
    membres caf, ft, asso, hub
    frequence semestrielle
    mission {s}
}}
comite groupe technique {s} {{
    rend_compte copil
    membres asso, caf
}}
feuille_de_route fdr {s} {{
    porteur cd85
    perimetre departement
    diagnostic {s}
    action {s} {{
        porteurs asso
        annees 2024..2025
        budget 10000
        financement asso 10000
    }}
}}
"#
    )
}

fn check(text: &str) -> FileReport {
    let report = check_source("vendee.copil".into(), governance(text), rules());
    assert!(
        report.gouvernance.is_some(),
        "the file compiles with {text:?}: {:#?}",
        report.diagnostics
    );
    report
}

/// Every string of a JSON value.
fn strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

/// The element names and attribute names of an XML document: its
/// structure without its text.
fn xml_structure(text: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(text).expect("well-formed XML");
    let mut out = Vec::new();
    for node in doc.descendants().filter(roxmltree::Node::is_element) {
        out.push(node.tag_name().name().to_string());
        for attribute in node.attributes() {
            out.push(format!("@{}", attribute.name()));
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The Markdown events but text: headings, tables, cells, links, HTML.
fn markdown_structure(text: &str) -> Vec<String> {
    Parser::new_ext(text, pulldown_cmark::Options::all())
        .filter_map(|event| match event {
            Event::Text(_) | Event::Code(_) | Event::SoftBreak | Event::HardBreak => None,
            Event::Start(Tag::Emphasis | Tag::Strong)
            | Event::End(TagEnd::Emphasis | TagEnd::Strong) => None,
            other => Some(format!("{other:?}")),
        })
        .filter(|e| !e.contains("Text"))
        .collect()
}

/// A DOT or Mermaid text with the inside of every double-quoted string
/// emptied (`\"` and `\\` inside a DOT string do not end it).
fn unquoted(text: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match (inside, c) {
            (true, '\\') => {
                chars.next();
            }
            (_, '"') => {
                inside = !inside;
                out.push('"');
            }
            (true, _) => {}
            (false, c) => out.push(c),
        }
    }
    assert!(!inside, "a string is left open");
    out
}

#[test]
fn svg_and_junit_keep_their_structure() {
    let plain = check(PLAIN);
    let plain_svg = xml_structure(&render::organigramme(&plain, ChartFormat::Svg).expect("svg"));
    let plain_junit = xml_structure(&report::junit(std::slice::from_ref(&plain)));
    for text in HOSTILE {
        let report = check(text);
        let svg = render::organigramme(&report, ChartFormat::Svg).expect("svg");
        assert_eq!(xml_structure(&svg), plain_svg, "SVG with {text:?}");
        let junit = report::junit(std::slice::from_ref(&report));
        assert_eq!(xml_structure(&junit), plain_junit, "JUnit with {text:?}");
    }
}

#[test]
fn json_sarif_and_the_export_hold_the_text_exactly() {
    for text in HOSTILE {
        let report = check(text);
        let expected = text.replace("\r\n", "\n").replace('\r', "");
        let reports = std::slice::from_ref(&report);
        for (format, output) in [
            ("json", report::json(reports)),
            ("sarif", report::sarif(reports)),
        ] {
            let value: serde_json::Value = serde_json::from_str(&output).expect(format);
            let mut found = Vec::new();
            strings(&value, &mut found);
            assert!(
                found.iter().any(|s| s.contains(&expected)),
                "{format} quotes {text:?}"
            );
        }
        let value = facts::facts(
            report.gouvernance.as_ref().expect("compiled"),
            report.analyses.as_ref().expect("analysed"),
        );
        let back: serde_json::Value =
            serde_json::from_str(&serde_json::to_string(&value).expect("serialises"))
                .expect("reads");
        let mut found = Vec::new();
        strings(&back, &mut found);
        assert!(found.contains(&expected), "the export holds {text:?}");
    }
}

#[test]
fn dot_and_mermaid_labels_stay_labels() {
    let plain = check(PLAIN);
    let plain_dot = unquoted(&render::organigramme(&plain, ChartFormat::Dot).expect("dot"));
    let plain_mermaid =
        unquoted(&render::organigramme(&plain, ChartFormat::Mermaid).expect("mermaid"));
    for text in HOSTILE {
        let report = check(text);
        let dot = render::organigramme(&report, ChartFormat::Dot).expect("dot");
        assert_eq!(unquoted(&dot), plain_dot, "DOT with {text:?}");
        let mermaid = render::organigramme(&report, ChartFormat::Mermaid).expect("mermaid");
        assert_eq!(unquoted(&mermaid), plain_mermaid, "Mermaid with {text:?}");
    }
}

#[test]
fn the_roadmap_markdown_keeps_its_structure() {
    let plain = check(PLAIN);
    let plain_md = markdown_structure(&render::feuille_de_route(&plain).expect("markdown"));
    assert!(
        plain_md.iter().any(|e| e.contains("Table")),
        "the skeleton has tables"
    );
    for text in HOSTILE {
        let report = check(text);
        let md = render::feuille_de_route(&report).expect("markdown");
        let structure = markdown_structure(&md);
        assert!(
            !structure.iter().any(|e| e.contains("Html")),
            "no HTML from {text:?}"
        );
        assert_eq!(structure, plain_md, "Markdown with {text:?}");
    }
}

/// Decodes a workflow command's percent-encoding.
fn decode(text: &str) -> String {
    text.replace("%0A", "\n")
        .replace("%0D", "\r")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
}

#[test]
fn github_commands_stay_one_line_each() {
    for text in HOSTILE {
        let report = check(text);
        let output = report::github(std::slice::from_ref(&report));
        let lines: Vec<&str> = output.lines().collect();
        assert_eq!(
            lines.len(),
            report.diagnostics.len(),
            "one line per diagnostic with {text:?}"
        );
        let mut quoted = false;
        for line in lines {
            let rest = ["::error ", "::warning ", "::notice "]
                .iter()
                .find_map(|p| line.strip_prefix(p))
                .unwrap_or_else(|| panic!("a command: {line}"));
            let (properties, message) = rest.split_once("::").expect("properties::message");
            assert!(!properties.contains("::"));
            quoted |= decode(message).contains(&text.replace("\r\n", "\n"));
        }
        assert!(quoted, "a rule message quotes {text:?}");
    }
}

#[test]
fn the_national_table_escapes_file_names_and_formulas() {
    let plain_dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(plain_dir.path().join("vendee.copil"), governance(PLAIN)).expect("write");
    let table = |dir: &std::path::Path, format: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_copil"))
            .args(["report", "--format", format])
            .arg(dir)
            .output()
            .expect("copil report");
        String::from_utf8(out.stdout).expect("UTF-8")
    };
    let records = |csv: &str| -> Vec<Vec<String>> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(csv.as_bytes())
            .records()
            .map(|r| {
                r.expect("a CSV record")
                    .iter()
                    .map(str::to_string)
                    .collect()
            })
            .collect()
    };
    let plain = records(&table(plain_dir.path(), "csv"));
    let plain_html = table(plain_dir.path(), "html");
    assert!(plain.len() >= 3, "header, one file, totals");
    for text in HOSTILE {
        // A file name holds anything but `/` and NUL.
        let name = format!("{}.copil", text.replace('/', "∕"));
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join(&name), governance(text)).expect("write");
        let rows = records(&table(dir.path(), "csv"));
        assert_eq!(rows.len(), plain.len(), "CSV rows with {text:?}");
        for (row, plain_row) in rows.iter().zip(&plain) {
            assert_eq!(row.len(), plain_row.len(), "CSV fields with {text:?}");
            for field in row {
                assert!(
                    !field.starts_with(['=', '+', '-', '@']),
                    "a formula in the CSV: {field:?}"
                );
            }
        }
        assert!(
            // Paths are shown with `/`, whatever the system's separator.
            rows[1].iter().any(|f| f.contains(&name.replace('\\', "/"))),
            "the file name is in the CSV: {name:?} {:?}",
            rows[1]
        );
        let html = table(dir.path(), "html");
        assert_eq!(
            html.matches('<').count(),
            plain_html.matches('<').count(),
            "HTML tags with {text:?}"
        );
    }
}

/// The page of `copil diff` (the comparison of a file whose every string
/// is `text` with the same file under another libellé) keeps the
/// structure it has for a harmless libellé; the terminal form keeps its
/// number of lines.
#[test]
fn the_diff_page_keeps_its_structure() {
    use copil::diff::{self, Side};
    let before = check("Ancien libellé");
    let compare = |report: &FileReport| {
        let d = diff::diff(
            Side::of(&before).expect("compiles"),
            Side::of(report).expect("compiles"),
        );
        (diff::markdown::render(&d), diff::human::render(&d))
    };
    let (plain_md, plain_human) = compare(&check(PLAIN));
    let plain_structure = markdown_structure(&plain_md);
    assert!(plain_structure.iter().any(|e| e.contains("Table")));
    for text in HOSTILE {
        let (md, human) = compare(&check(text));
        let structure = markdown_structure(&md);
        assert!(
            !structure.iter().any(|e| e.contains("Html")),
            "no HTML from {text:?}"
        );
        assert_eq!(structure, plain_structure, "Markdown with {text:?}");
        assert_eq!(
            human.lines().count(),
            plain_human.lines().count(),
            "terminal lines with {text:?}:\n{human}"
        );
    }
}
