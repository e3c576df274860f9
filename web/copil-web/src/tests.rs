//! The binding's functions, called natively: what the page receives.

use super::*;

const ISERE: &str = include_str!("../../../examples/isere.copil");

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).expect("valid JSON")
}

#[test]
fn check_gives_the_json_contract() {
    let report = json(&check(ISERE).expect("checks"));
    assert_eq!(report["version"], 1);
    assert_eq!(report["files"][0]["path"], "gouvernance.copil");
    assert_eq!(report["files"][0]["territoire"], "38");
    assert_eq!(report["files"][0]["compiled"], true);
    assert_eq!(report["summary"]["files"], 1);
}

#[test]
fn analyse_gives_diagnostics_in_utf16_with_the_renders() {
    let analysed = json(&analyse(ISERE).expect("analyses"));
    assert_eq!(analysed["version"], VERSION);
    assert_eq!(analysed["compiled"], true);
    let svg = analysed["svg"].as_str().expect("an org chart");
    assert!(svg.starts_with("<svg"), "{svg}");
    assert!(svg.contains("Comité de pilotage"));
    let markdown = analysed["markdown"].as_str().expect("a roadmap");
    assert!(markdown.contains("```mermaid"), "{markdown}");
    assert!(markdown.contains("« gouvernance.copil »"), "{markdown}");

    // A mistyped member after accented text: the span is counted in
    // UTF-16 units, not bytes.
    let broken = ISERE.replace("membres    metro, capi", "membres    metor, capi");
    let analysed = json(&analyse(&broken).expect("analyses"));
    assert_eq!(analysed["compiled"], false);
    assert_eq!(analysed["svg"], serde_json::Value::Null);
    let d = analysed["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["severity"] == "error")
        .expect("an error");
    let (from, to) = (d["from"].as_u64().unwrap(), d["to"].as_u64().unwrap());
    let utf16: Vec<u16> = broken.encode_utf16().collect();
    let underlined = String::from_utf16(&utf16[from as usize..to as usize]).expect("utf16");
    assert_eq!(underlined, "metor");
    assert!(d["message"].as_str().unwrap().contains("metor"), "{d}");
    assert!(d["help"].as_str().unwrap().contains("metro"), "{d}");
    assert_eq!(d["severity_label"], "erreur");
    let line = broken[..broken.find("metor").unwrap()].lines().count();
    assert_eq!(d["line"], line);
}

#[test]
fn utf16_offsets_count_accents_and_astral_characters() {
    let text = "é😀a";
    let positions = Utf16::new(text);
    assert_eq!(positions.of(0), 0);
    assert_eq!(positions.of(2), 1); // after é (2 bytes, 1 unit)
    assert_eq!(positions.of(6), 3); // after 😀 (4 bytes, 2 units)
    assert_eq!(positions.of(7), 4);
    assert_eq!(positions.of(99), 4);
}

#[test]
fn renders_and_export_need_a_compiling_file() {
    assert!(organigramme(ISERE).expect("svg").contains("</svg>"));
    assert!(feuille_de_route(ISERE).expect("markdown").starts_with('#'));
    let facts = json(&export(ISERE).expect("export"));
    assert!(facts.is_object());
    let broken = "territoire 38\nmembre\n";
    for result in [
        organigramme(broken),
        feuille_de_route(broken),
        export(broken),
    ] {
        assert_eq!(result, Err(not_compiled()));
    }
}

#[test]
fn the_odt_carries_the_image_the_browser_drew() {
    let svg = organigramme_fixe(ISERE).expect("svg");
    assert!(svg.contains("</svg>") && !svg.contains("width=\"100%\""));
    // What the page does with a canvas, done here by copil's rasteriser.
    let image = copil::render::png::png(&svg).expect("png");
    let odt = feuille_de_route_odt(ISERE, image.clone()).expect("odt");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(odt)).expect("a zip");
    let mut picture = Vec::new();
    std::io::Read::read_to_end(
        &mut archive
            .by_name("Pictures/organigramme.png")
            .expect("the picture"),
        &mut picture,
    )
    .expect("read");
    assert_eq!(picture, image);
    let mut content = String::new();
    std::io::Read::read_to_string(
        &mut archive.by_name("content.xml").expect("content"),
        &mut content,
    )
    .expect("read");
    assert!(content.contains("Pictures/organigramme.png"));
    assert!(content.contains("Feuille de route"), "{content}");

    assert_eq!(
        feuille_de_route_odt(ISERE, b"<svg/>".to_vec()),
        Err("l'image de l'organigramme n'est pas un PNG".to_string())
    );
    let broken = "territoire 38\nmembre\n";
    assert_eq!(organigramme_fixe(broken), Err(not_compiled()));
    assert_eq!(feuille_de_route_odt(broken, image), Err(not_compiled()));
}

#[test]
fn init_starts_a_file_that_compiles() {
    let text = init("isère").expect("a file");
    assert!(text.contains("territoire 38"), "{text}");
    let analysed = json(&analyse(&text).expect("analyses"));
    assert_eq!(analysed["compiled"], true);
    assert_eq!(analysed["summary"]["errors"], 0);
    let error = init("atlantide").expect_err("no such département");
    assert!(error.contains("n'existe pas"), "{error}");
}

#[test]
fn departements_are_listed_for_the_picker() {
    let list = json(&departements());
    let list = list.as_array().expect("a list");
    assert!(list.len() >= 101, "{}", list.len());
    assert!(
        list.iter()
            .any(|d| d["code"] == "38" && d["nom"] == "Isère")
    );
    assert!(list.iter().any(|d| d["code"] == "2A"));
}

#[test]
fn search_finds_an_epci_with_its_membre_line() {
    let found = json(&search("grenoble alpes", "38", "epci", 5).expect("results"));
    let first = &found["resultats"][0];
    assert_eq!(first["code"], "200040715");
    assert!(
        first["ligne"].as_str().unwrap().starts_with("membre "),
        "{first}"
    );
    assert!(search("grenoble", "", "planete", 5).is_err());
    assert!(search("   ", "", "", 5).is_err());
}

#[test]
fn version_is_the_crate_version() {
    assert_eq!(version(), env!("CARGO_PKG_VERSION"));
}

#[test]
fn keywords_are_listed_with_their_reference() {
    let list = json(&keywords());
    let list = list.as_array().expect("a list");
    let membre = list.iter().find(|k| k["mot"] == "membre").expect("membre");
    assert_eq!(membre["declaration"], true);
    assert!(!membre["reference"].as_str().unwrap().is_empty());
    assert!(
        list.iter()
            .any(|k| k["mot"] == "frequence" && k["declaration"] == false)
    );
}

#[test]
fn a_did_you_mean_comes_with_its_quick_fix_in_utf16() {
    let broken = ISERE.replace("membres    metro, capi", "membres    metor, capi");
    let analysed = json(&analyse(&broken).expect("analyses"));
    let d = analysed["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["message"].as_str().unwrap().contains("metor"))
        .expect("the diagnostic");
    let fix = &d["fixes"][0];
    assert!(fix["title"].as_str().unwrap().contains("metro"), "{fix}");
    let edit = &fix["edits"][0];
    let mut utf16: Vec<u16> = broken.encode_utf16().collect();
    let (from, to) = (
        edit["from"].as_u64().unwrap() as usize,
        edit["to"].as_u64().unwrap() as usize,
    );
    utf16.splice(from..to, edit["insert"].as_str().unwrap().encode_utf16());
    assert_eq!(String::from_utf16(&utf16).unwrap(), ISERE);
}

#[test]
fn completion_and_hover_take_utf16_positions() {
    // « é » before the cursor: its byte and UTF-16 offsets differ.
    let text = "# Isère\nterritoire 38\nmembre cd38 departement 38\npilotage {\n    prefet \n}\n";
    let at = text.find("prefet ").unwrap() + "prefet ".len();
    let at16 = text[..at].encode_utf16().count() as u32;
    let items = json(&completion(text, at16).expect("completions"));
    let items = items.as_array().expect("a list");
    let cd38 = items
        .iter()
        .find(|i| i["label"] == "cd38")
        .expect("cd38 proposed");
    assert_eq!(cd38["from"], at16);
    let on = text.find("cd38").unwrap() + 1;
    let hovered = json(&hover(text, text[..on].encode_utf16().count() as u32).expect("hover"));
    assert!(
        hovered["markdown"].as_str().unwrap().contains("cd38"),
        "{hovered}"
    );
    // After « è »: 29 UTF-16 units, 30 bytes.
    assert_eq!(
        (hovered["from"].as_u64(), hovered["to"].as_u64()),
        (Some(29), Some(33))
    );
    assert_eq!(hover(text, 0).expect("hover"), "null");
}

#[test]
fn byte_offsets_come_back_from_utf16() {
    let text = "é😀a";
    assert_eq!(byte_offset(text, 0), 0);
    assert_eq!(byte_offset(text, 1), 2);
    assert_eq!(byte_offset(text, 2), 2); // inside 😀: its start
    assert_eq!(byte_offset(text, 3), 6);
    assert_eq!(byte_offset(text, 9), 7);
}

#[test]
fn fmt_formats_and_refuses_a_syntax_error() {
    let messy = "territoire   38\nmembre   cd38 departement 38\n";
    let formatted = fmt(messy).expect("formats");
    assert_eq!(fmt(&formatted).as_ref(), Ok(&formatted));
    assert!(formatted.contains("membre cd38"), "{formatted}");
    let error = fmt("territoire 38\nmembre {\n").expect_err("a syntax error");
    assert!(error.contains("syntaxe"), "{error}");
}

#[test]
fn diff_compares_two_versions() {
    let b = ISERE.replace("frequence   trimestrielle", "frequence   semestrielle");
    let markdown = diff(ISERE, &b, "markdown").expect("a diff");
    assert!(markdown.contains("Comité technique"), "{markdown}");
    let json_diff = json(&diff(ISERE, &b, "json").expect("a diff"));
    assert_eq!(json_diff["version"], 1);
    let error = diff(ISERE, "territoire 38\nmembre\n", "markdown").expect_err("B does not compile");
    assert!(error.contains("la proposition ne compile pas"), "{error}");
    assert!(diff(ISERE, ISERE, "pdf").is_err());
}
