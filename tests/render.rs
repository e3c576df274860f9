//! Renders read back by real consumers: the DOT by Graphviz, the SVG by an
//! XML parser (boxes checked pairwise for overlap, text inside its box),
//! the Mermaid diagrams (org chart and meeting calendar) by the Mermaid
//! library in headless Chromium; snapshots of the four renders of every
//! example; a hostile libellé in every format. Graphviz, Chromium and
//! Mermaid are installed by `scripts/install-test-tools.sh`; without
//! them the consumer checks are skipped outside CI and fail in CI.

mod common;
use common::copil;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const EXAMPLES: &[&str] = &[
    "aisne",
    "guadeloupe",
    "isere",
    "isere-alternative-hinaura",
    "vendee",
];
const HOSTILE: &str = "tests/fixtures/render/hostile.copil";
const HOSTILE_TEXT: &str = "CAF <script>alert(1)</script> & \"x\" ]] --> | {y}";

fn render(file: &str, args: &[&str]) -> String {
    let mut all = vec!["render", file];
    all.extend_from_slice(args);
    let out = copil(&all);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{file} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn example(name: &str) -> String {
    format!("examples/{name}.copil")
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("render");
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir.join(name)
}

/// A tool the consumer checks need. The tests that need one are
/// `#[ignore]`d, so that `cargo test` counts them as ignored where the tools
/// are not installed; `cargo test -- --include-ignored` (what `.ci/run`
/// does after `scripts/install-test-tools.sh`) runs them, and then a
/// missing tool is a failure.
fn tool(path: &str, what: &str) -> PathBuf {
    let found = if path.contains('/') {
        let p = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
        p.exists().then_some(p)
    } else {
        std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|d| d.join(path))
                .find(|p| p.exists())
        })
    };
    found.unwrap_or_else(|| panic!("{what} is missing: run scripts/install-test-tools.sh"))
}

#[test]
fn every_example_renders_in_four_formats() {
    for name in EXAMPLES {
        let file = example(name);
        insta::assert_snapshot!(
            format!("{name}_dot"),
            render(&file, &["--organigramme", "--format", "dot"])
        );
        insta::assert_snapshot!(
            format!("{name}_mermaid"),
            render(&file, &["--organigramme", "--format", "mermaid"])
        );
        insta::assert_snapshot!(format!("{name}_svg"), render(&file, &["--organigramme"]));
        insta::assert_snapshot!(
            format!("{name}_feuille_de_route"),
            render(&file, &["--feuille-de-route"])
        );
    }
}

#[test]
#[ignore = "needs Graphviz (scripts/install-test-tools.sh)"]
fn graphviz_accepts_the_dot() {
    let dot = tool("dot", "Graphviz (dot)");
    for file in EXAMPLES
        .iter()
        .map(|n| example(n))
        .chain([HOSTILE.to_string()])
    {
        let text = render(&file, &["--organigramme", "--format", "dot"]);
        let path = scratch("organigramme.dot");
        std::fs::write(&path, &text).expect("write");
        let out = Command::new(&dot)
            .arg("-Tsvg")
            .arg(&path)
            .output()
            .expect("dot runs");
        assert!(
            out.status.success(),
            "{file}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let svg = String::from_utf8(out.stdout).expect("UTF-8");
        let doc = roxmltree::Document::parse_with_options(
            &svg,
            roxmltree::ParsingOptions {
                allow_dtd: true,
                ..Default::default()
            },
        )
        .expect("Graphviz SVG");
        let texts: String = doc
            .descendants()
            .filter_map(|n| n.text())
            .collect::<Vec<_>>()
            .join("\n");
        if file == HOSTILE {
            // The hostile libellé (wrapped over lines) is shown as text.
            assert!(texts.contains("CAF <script>alert(1)</script>"), "{texts}");
            assert!(texts.contains("& \"x\" ]] --> | {y}"), "{texts}");
        } else {
            assert!(texts.contains("Pilotage"));
        }
    }
}

struct Rect {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

fn number(node: roxmltree::Node, name: &str) -> f64 {
    node.attribute(name).expect(name).parse().expect("number")
}

fn check_svg(svg: &str) -> roxmltree::Document<'_> {
    let doc = roxmltree::Document::parse(svg).expect("well-formed SVG");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert!(
        doc.descendants().any(|n| n.has_tag_name("title")),
        "a title"
    );
    assert!(
        doc.descendants().any(|n| n.text() == Some("Légende")),
        "a legend"
    );
    // Responsive: the width of its container, the viewBox gives the page.
    assert_eq!(root.attribute("width"), Some("100%"));
    let view: Vec<f64> = root
        .attribute("viewBox")
        .expect("viewBox")
        .split(' ')
        .map(|n| n.parse().expect("number"))
        .collect();
    let (page_w, page_h) = (view[2], view[3]);
    let groups: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("class") == Some("noeud"))
        .collect();
    assert!(!groups.is_empty());
    let mut boxes = Vec::new();
    for g in &groups {
        let r = g.children().find(|c| c.has_tag_name("rect")).expect("box");
        let rect = Rect {
            x: number(r, "x"),
            y: number(r, "y"),
            w: number(r, "width"),
            h: number(r, "height"),
        };
        assert!(
            rect.x >= 0.0
                && rect.y >= 0.0
                && rect.x + rect.w <= page_w
                && rect.y + rect.h <= page_h
        );
        // Text inside its box, with a generous width per character and a
        // readable size.
        for t in g.children().filter(|c| c.has_tag_name("text")) {
            let size = t
                .attribute("font-size")
                .map_or(12.0, |s| s.parse().expect("size"));
            assert!(size >= 11.0, "readable font size");
            let (tx, ty) = (number(t, "x"), number(t, "y"));
            let chars = t.text().unwrap_or_default().chars().count() as f64;
            let width = chars
                * if t.attribute("font-weight") == Some("bold") {
                    8.6
                } else {
                    7.4
                };
            assert!(
                tx >= rect.x && tx + width <= rect.x + rect.w + 0.5,
                "text inside its box: {:?}",
                t.text()
            );
            assert!(
                ty > rect.y && ty <= rect.y + rect.h,
                "text inside its box: {:?}",
                t.text()
            );
        }
        boxes.push(rect);
    }
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[i + 1..] {
            let apart =
                a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
            assert!(apart, "boxes overlap");
        }
    }
    // Links cross no box but their own two.
    let keys: Vec<&str> = groups
        .iter()
        .map(|g| g.attribute("data-cle").expect("key"))
        .collect();
    for path in doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("lien"))
    {
        let ends = [
            path.attribute("data-de").expect("from"),
            path.attribute("data-a").expect("to"),
        ];
        let numbers: Vec<f64> = path
            .attribute("d")
            .expect("d")
            .split(' ')
            .filter_map(|t| t.parse().ok())
            .collect();
        let points: Vec<(f64, f64)> = numbers.chunks(2).map(|c| (c[0], c[1])).collect();
        for segment in points.windows(2) {
            let ((x1, y1), (x2, y2)) = (segment[0], segment[1]);
            for (key, r) in keys.iter().zip(&boxes) {
                if ends.contains(key) {
                    continue;
                }
                let (lo_x, hi_x) = (x1.min(x2), x1.max(x2));
                let (lo_y, hi_y) = (y1.min(y2), y1.max(y2));
                let crosses = hi_x > r.x + 1.0
                    && lo_x < r.x + r.w - 1.0
                    && hi_y > r.y + 1.0
                    && lo_y < r.y + r.h - 1.0;
                assert!(!crosses, "a link {ends:?} crosses box {key}");
            }
        }
    }
    doc
}

#[test]
fn the_svg_is_legible_and_boxes_never_overlap() {
    for file in EXAMPLES
        .iter()
        .map(|n| example(n))
        .chain([NORD.to_string()])
    {
        let svg = render(&file, &["--organigramme"]);
        check_svg(&svg);
    }
}

/// The PNG decodes, has the SVG's aspect ratio (twice its size), and is
/// not blank: dark text pixels and coloured boxes.
#[test]
fn the_png_is_the_svg_drawn() {
    for file in [example("isere"), NORD.to_string(), example("guadeloupe")] {
        let svg = render(&file, &["--organigramme"]);
        let doc = roxmltree::Document::parse(&svg).expect("SVG");
        let view: Vec<f64> = doc
            .root_element()
            .attribute("viewBox")
            .expect("viewBox")
            .split(' ')
            .map(|n| n.parse().expect("number"))
            .collect();
        let path = scratch(&format!("{}.png", file.replace('/', "_")));
        let out = copil(&[
            "render",
            &file,
            "--organigramme",
            "--format",
            "png",
            "-o",
            path.to_str().expect("path"),
        ]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let bytes = std::fs::read(&path).expect("PNG written");
        let image = resvg::tiny_skia::Pixmap::decode_png(&bytes).expect("a PNG");
        assert_eq!(f64::from(image.width()), (view[2] * 2.0).ceil(), "{file}");
        assert_eq!(f64::from(image.height()), (view[3] * 2.0).ceil(), "{file}");
        let pixels = image.pixels();
        let dark = pixels
            .iter()
            .filter(|p| u32::from(p.red()) + u32::from(p.green()) + u32::from(p.blue()) < 200)
            .count();
        let coloured = pixels
            .iter()
            .filter(|p| p.red().abs_diff(p.blue()) > 20)
            .count();
        assert!(dark > pixels.len() / 500, "{file}: no text drawn");
        assert!(coloured > pixels.len() / 50, "{file}: no box drawn");
    }
}

/// A binary format is never written to a terminal, and a format that does
/// not fit the document is refused in French.
#[test]
fn formats_fit_their_document() {
    let out = copil(&["render", NORD, "--organigramme", "--format", "odt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("l'organigramme s'écrit en svg, png, dot ou mermaid")
    );
    let out = copil(&["render", NORD, "--feuille-de-route", "--format", "png"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("la feuille de route s'écrit en markdown ou odt")
    );
}

/// The ODT package: `mimetype` first and stored, a manifest naming the
/// image, well-formed XML with real headings, tables and the org chart.
#[test]
fn the_odt_is_a_well_formed_package() {
    let path = scratch("nord.odt");
    let out = copil(&[
        "render",
        NORD,
        "--feuille-de-route",
        "--format",
        "odt",
        "-o",
        path.to_str().expect("path"),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&path).expect("ODT written");
    assert_eq!(&bytes[30..38], b"mimetype");
    assert_eq!(&bytes[38..77], b"application/vnd.oasis.opendocument.text");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).expect("a zip");
    let mut read = |name: &str| {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).expect(name), &mut text).expect(name);
        text
    };
    let manifest = read("META-INF/manifest.xml");
    assert!(manifest.contains("Pictures/organigramme.png"));
    let content = read("content.xml");
    read("styles.xml");
    let doc = roxmltree::Document::parse(&content).expect("content.xml well-formed");
    let headings: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("h"))
        .map(|n| n.text().unwrap_or_default().to_string())
        .collect();
    for h in [
        "1. Gouvernance",
        "4. Engagements financiers",
        "6. Calendrier des réunions",
        "Comité technique",
    ] {
        assert!(
            headings.iter().any(|x| x == h),
            "missing heading {h}: {headings:?}"
        );
    }
    assert!(
        doc.descendants()
            .filter(|n| n.has_tag_name("table"))
            .count()
            >= 10
    );
    assert!(doc.descendants().any(|n| n.has_tag_name("image")));
    // Deterministic: the same bytes twice.
    let again = scratch("nord-2.odt");
    copil(&[
        "render",
        NORD,
        "--feuille-de-route",
        "--format",
        "odt",
        "-o",
        again.to_str().expect("path"),
    ]);
    assert_eq!(std::fs::read(&again).expect("again"), bytes);
}

/// LibreOffice opens every example's ODT: converted to PDF, its text has
/// every section title, every comité's members and the totals.
#[test]
#[ignore = "needs LibreOffice and poppler-utils (scripts/install-test-tools.sh)"]
fn libreoffice_opens_every_roadmap() {
    let soffice = tool("soffice", "LibreOffice (libreoffice-writer-nogui)");
    let pdftotext = tool("pdftotext", "pdftotext (poppler-utils)");
    let dir = scratch("odt");
    std::fs::create_dir_all(&dir).expect("dir");
    let files: Vec<String> = EXAMPLES
        .iter()
        .map(|n| example(n))
        .chain([NORD.to_string()])
        .collect();
    let mut odts = Vec::new();
    for file in &files {
        let name = Path::new(file)
            .file_stem()
            .expect("stem")
            .to_string_lossy()
            .to_string();
        let odt = dir.join(format!("{name}.odt"));
        let out = copil(&[
            "render",
            file,
            "--feuille-de-route",
            "--format",
            "odt",
            "-o",
            odt.to_str().expect("path"),
        ]);
        assert_eq!(out.status.code(), Some(0));
        odts.push((file.clone(), name, odt));
    }
    let profile = dir.join("profil");
    let out = Command::new(&soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&dir)
        .args(odts.iter().map(|(_, _, o)| o))
        .output()
        .expect("soffice runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for (file, name, _) in &odts {
        let pdf = dir.join(format!("{name}.pdf"));
        let out = Command::new(&pdftotext)
            .arg("-raw")
            .arg(&pdf)
            .arg("-")
            .output()
            .expect("pdftotext");
        // pdftotext breaks lines where LibreOffice wrapped them (even in a
        // word, in a narrow cell): compare without any blank.
        let squeeze = |t: &str| t.split_whitespace().collect::<String>();
        let text = squeeze(&String::from_utf8_lossy(&out.stdout));
        let md = render(file, &["--feuille-de-route"]);
        for title in md.lines().filter_map(|l| l.strip_prefix("## ")) {
            assert!(
                text.contains(&squeeze(title)),
                "{name}: missing section {title:?}"
            );
        }
        for line in md
            .lines()
            .filter(|l| l.starts_with("| ") && !l.starts_with("| Membre"))
        {
            let first = line
                .trim_start_matches("| ")
                .split(" | ")
                .next()
                .unwrap_or_default();
            let first = first.replace('\\', "").replace("**", "");
            if !first.trim().is_empty() {
                assert!(text.contains(&squeeze(&first)), "{name}: missing {first:?}");
            }
        }
        assert!(text.contains("Total"), "{name}: no totals");
    }
}

#[test]
fn the_svg_shows_the_hostile_libelle_as_text() {
    let svg = render(HOSTILE, &["--organigramme"]);
    assert!(!svg.contains("<script"));
    let doc = check_svg(&svg);
    let texts: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect();
    // Wrapped over lines, the whole libellé reads back as text.
    assert!(texts.join(" ").contains(HOSTILE_TEXT), "{texts:?}");
    assert!(
        texts
            .iter()
            .any(|t| t.contains("Comité <b>stratégique</b> & \"pilotage\"")),
        "{texts:?}"
    );
}

#[test]
fn the_markdown_keeps_hostile_text_as_text() {
    let md = render(HOSTILE, &["--feuille-de-route"]);
    // Outside the Mermaid blocks (checked in Chromium), every `<`, `[` and
    // `]` of user text is escaped: no raw HTML, no link.
    let prose: String = md
        .split("```mermaid\n")
        .enumerate()
        .map(|(i, part)| {
            if i == 0 {
                part
            } else {
                part.split_once("```").map_or("", |(_, rest)| rest)
            }
        })
        .collect();
    for (i, c) in prose.char_indices() {
        if matches!(c, '<' | '[' | ']') {
            assert_eq!(
                &prose[i - 1..i],
                "\\",
                "unescaped {c} in {}",
                &prose[i.saturating_sub(40)..i + 1]
            );
        }
    }
    assert!(md.contains("Diagnostic \\<script\\>alert(4)\\</script\\> \\& \"x\" \\]\\] --\\> \\| {y} \\*gras\\* \\_it\\_"));
    assert!(md.contains("FNE-COM-04 : Motif \\<script\\>"));
    // Table rows keep their number of cells.
    for table in md.split("\n\n").filter(|b| b.starts_with('|')) {
        let cells: Vec<usize> = table
            .lines()
            .map(|l| l.replace("\\|", "").matches('|').count())
            .collect();
        assert!(cells.windows(2).all(|w| w[0] == w[1]), "{table}");
    }
}

const NORD: &str = "tests/fixtures/render/nord-complet.copil";

/// The Nord (17 EPCI, six comités, a State grant): whole memberships,
/// missions, needs in French, exact yearly figures, one calendar line per
/// comité.
#[test]
fn the_nord_roadmap_is_complete_and_exact() {
    let md = render(NORD, &["--feuille-de-route"]);
    insta::assert_snapshot!("nord_feuille_de_route", md);
    // Every member of the comité de pilotage, none summarised.
    for name in [
        "| Préfecture du Nord | Préfecture | observateur | ★\u{a0}préside |",
        "| Département du Nord | Département | coporteur, cofinanceur, bénéficiaire, porteur | ★\u{a0}préside |",
        "| CC des Hauts de Flandre | EPCI | observateur |",
        "| CA Valenciennes Métropole | EPCI | observateur |",
        "| Les Assembleurs | Hub territorial | observateur |",
    ] {
        assert!(md.contains(name), "missing {name:?}");
    }
    let prose: String = md.split("```").step_by(2).collect::<Vec<_>>().join("");
    assert!(!prose.contains("EPCI,"), "a summary outside the chart");
    assert!(md.contains(
        "- Mission : Arrête la feuille de route, ses priorités et les financements de chacun"
    ));
    assert!(
        md.contains("| Établir un diagnostic territorial | Formaliser la feuille de route | 0,5 |")
    );
    assert!(md.contains("Animer et mettre en œuvre la gouvernance et la feuille de route"));
    assert!(!md.contains("etablir un diagnostic"));
    // 100 000 € over 2024–2026: 33 334 + 33 333 + 33 333; the State's
    // grant has its row; the total adds up.
    assert!(md.contains("| CAF du Nord | — | 33\u{202f}334\u{a0}€ | 33\u{202f}333\u{a0}€ | 33\u{202f}333\u{a0}€ | — | 100\u{202f}000\u{a0}€ |"), "{md}");
    assert!(md.contains("| Subvention de l'État | — | 50\u{202f}000\u{a0}€ | 50\u{202f}000\u{a0}€ | 50\u{202f}000\u{a0}€ | — | 150\u{202f}000\u{a0}€ |"));
    assert!(md.contains("| **Total** |"));
    assert!(md.contains("**550\u{202f}000\u{a0}€** |"));
    // The calendar: anchored on the next meeting, every 3 months.
    assert!(md.contains("| Comité technique | trimestrielle | 4 février 2025 | 20 |"));
    let y2025 = md.split("### 2025").nth(1).expect("2025");
    assert!(
        y2025.contains("| Comité technique |   | 4 |   |   | 4 |   |   | 4 |   |   | 4 |   |"),
        "{y2025}"
    );
    // A monthly meeting on the 31st falls on the last day of shorter months.
    assert!(y2025.contains("| Équipe projet Médiation numérique | 31 | 28 | 31 | 30 |"));
    // One gantt section per comité.
    let gantt = md.split("displayMode: compact").nth(1).expect("gantt");
    assert_eq!(gantt.matches("  section ").count(), 6);
}

#[test]
fn the_roadmap_has_every_part_and_placeholders() {
    let md = render(&example("aisne"), &["--feuille-de-route"]);
    for part in [
        "## 1. Gouvernance",
        "```mermaid\nflowchart TB",
        "| Comité | Type | Présidence | Membres | Fréquence | Rend compte à |",
        "## 2. Diagnostic",
        "## 3. Actions",
        "## 4. Engagements financiers",
        "| Partenaire | 2023 | 2024 | 2025 | 2026 | 2027 |",
        "## 5. Besoins en ingénierie",
        "## 6. Calendrier des réunions",
        "```mermaid\n---\ndisplayMode: compact",
        "## 7. Suivi et difficultés rencontrées",
        "## Annexe — Conformité aux règles nationales",
        "| FNE-DUP-01 | Deux instances ne font pas doublon | avertissement | non conforme : ",
    ] {
        assert!(md.contains(part), "missing {part:?}");
    }
    // The Saint-Quentinois roadmap has no diagnostic: an explicit placeholder.
    assert!(md.contains("> À compléter : le diagnostic de cette feuille de route"));
    assert!(md.contains("> À compléter : difficultés rencontrées"));
}

/// The Mermaid blocks of a Markdown text.
fn mermaid_blocks(md: &str) -> Vec<String> {
    md.split("```mermaid\n")
        .skip(1)
        .map(|rest| rest.split("```").next().expect("block").to_string())
        .collect()
}

#[test]
#[ignore = "needs Chromium and Mermaid (scripts/install-test-tools.sh)"]
fn mermaid_renders_every_diagram_in_chromium() {
    let chromium = tool("chromium", "Chromium");
    let library = tool(
        "tests/mermaid/node_modules/mermaid/dist/mermaid.min.js",
        "Mermaid (npm)",
    );
    let mut diagrams: BTreeMap<String, String> = BTreeMap::new();
    for file in EXAMPLES
        .iter()
        .map(|n| example(n))
        .chain([HOSTILE.to_string()])
    {
        diagrams.insert(
            format!("{file} organigramme"),
            render(&file, &["--organigramme", "--format", "mermaid"]),
        );
        for (i, block) in mermaid_blocks(&render(&file, &["--feuille-de-route"]))
            .into_iter()
            .enumerate()
        {
            diagrams.insert(format!("{file} feuille de route bloc {i}"), block);
        }
    }
    let json = serde_json::to_string(&diagrams.into_iter().collect::<Vec<_>>())
        .expect("JSON")
        .replace("</", "<\\/");
    let page = format!(
        r#"<!DOCTYPE html><html><head><meta charset="utf-8"><script src="file://{}"></script></head>
<body><pre id="resultat">en cours</pre><div id="rendus"></div><script>
mermaid.initialize({{ startOnLoad: false, securityLevel: 'strict' }});
const diagrams = {json};
(async () => {{
  const lines = [];
  let i = 0;
  for (const [name, text] of diagrams) {{
    try {{
      await mermaid.parse(text);
      const {{ svg }} = await mermaid.render('d' + (i++), text);
      const holder = document.createElement('div');
      holder.innerHTML = svg;
      document.getElementById('rendus').appendChild(holder);
      const script = holder.querySelector('script');
      lines.push((script ? 'SCRIPT ' : 'OK ') + name);
    }} catch (e) {{
      lines.push('ERREUR ' + name + ' : ' + (e && e.message ? e.message : e));
    }}
  }}
  const scripts = document.querySelectorAll('#rendus script').length;
  lines.push('scripts injectés : ' + scripts);
  document.getElementById('resultat').textContent = lines.join('\n');
}})();
</script></body></html>"#,
        library.display()
    );
    let path = scratch("mermaid.html");
    std::fs::write(&path, page).expect("write");
    let out = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--allow-file-access-from-files",
            "--virtual-time-budget=60000",
            "--dump-dom",
        ])
        .arg(format!("file://{}", path.display()))
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&out.stdout);
    let start =
        dom.find("<pre id=\"resultat\">").expect("result block") + "<pre id=\"resultat\">".len();
    let result = &dom[start..start + dom[start..].find("</pre>").expect("end of result")];
    assert!(
        !result.contains("en cours"),
        "Mermaid did not finish:\n{result}"
    );
    assert!(
        !result.contains("ERREUR"),
        "Mermaid parse errors:\n{result}"
    );
    assert!(
        !result.contains("SCRIPT"),
        "a script was injected:\n{result}"
    );
    assert!(result.contains("scripts injectés : 0"), "{result}");
    assert!(result.matches("OK ").count() >= 12, "{result}");
}

#[test]
fn a_file_that_does_not_compile_renders_nothing() {
    let out_path = scratch("jamais.svg");
    let _ = std::fs::remove_file(&out_path);
    let out = copil(&[
        "render",
        "tests/fixtures/fail/identifiant-inconnu.copil",
        "--organigramme",
        "-o",
        out_path.to_str().expect("path"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(!out_path.exists(), "no partial output");
    assert!(String::from_utf8_lossy(&out.stderr).contains("rien n'a été produit"));
}

#[test]
fn output_is_written_to_the_file_given() {
    let out_path = scratch("isere.svg");
    let _ = std::fs::remove_file(&out_path);
    let out = copil(&[
        "render",
        "examples/isere.copil",
        "--organigramme",
        "-o",
        out_path.to_str().expect("path"),
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    let written = std::fs::read_to_string(&out_path).expect("written");
    assert_eq!(written, render("examples/isere.copil", &["--organigramme"]));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out_path)
            .expect("metadata")
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o644, "an ordinary file, not a private temporary one");
    }
}

#[test]
fn render_needs_what_to_render() {
    let out = copil(&["render", "examples/isere.copil"]);
    assert_eq!(out.status.code(), Some(2));
    let out = copil(&[
        "render",
        "examples/isere.copil",
        "--feuille-de-route",
        "--format",
        "dot",
    ]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "--format goes with --organigramme"
    );
}

/// The SVG scales to its window: in a 1600×1200 window and in an 800×600
/// one (narrower than the Nord's chart), nothing is cut at the right.
#[test]
#[ignore = "needs Chromium (scripts/install-test-tools.sh)"]
fn the_svg_fits_its_window() {
    let chromium = tool("chromium", "Chromium");
    let svg = render(NORD, &["--organigramme"]);
    let page = format!(
        r#"<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0">{svg}<pre id="mesure">en cours</pre><script>
const r = document.querySelector('svg').getBoundingClientRect();
document.getElementById('mesure').textContent = 'droite=' + Math.round(r.right) + ' fenetre=' + window.innerWidth + ' largeur=' + Math.round(r.width);
</script></body></html>"#
    );
    let path = scratch("fenetre.html");
    std::fs::write(&path, page).expect("write");
    for (w, h) in [(1600, 1200), (800, 600)] {
        let out = Command::new(&chromium)
            .args(["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom"])
            .arg(format!("--window-size={w},{h}"))
            .arg(format!("file://{}", path.display()))
            .output()
            .expect("chromium runs");
        let dom = String::from_utf8_lossy(&out.stdout);
        let start = dom.find("droite=").expect("measure");
        let numbers: Vec<f64> = dom[start..]
            .split(|c: char| !c.is_ascii_digit())
            .filter(|t| !t.is_empty())
            .take(3)
            .map(|t| t.parse().expect("number"))
            .collect();
        let (right, window, width) = (numbers[0], numbers[1], numbers[2]);
        assert!(
            right <= window,
            "cut at the right in {w}×{h}: {right} > {window}"
        );
        assert!(
            width > window * 0.9 || width > 1500.0,
            "too small in {w}×{h}: {width}"
        );
    }
}
