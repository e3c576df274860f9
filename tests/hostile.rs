//! Hostile inputs: whatever a file holds, `copil check` answers with exit
//! code 0, 1 or 2 and a diagnostic, never a panic. (How fast is measured
//! by `benches/national.sh`, not asserted here.)

use std::path::{Path, PathBuf};
use std::process::Command;

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    path
}

/// Runs `copil check --format json` on `path`: the exit code and the codes
/// of its diagnostics.
fn check(path: &Path) -> (i32, Vec<String>) {
    let out = Command::new(env!("CARGO_BIN_EXE_copil"))
        .args(["check", "--format", "json"])
        .arg(path)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{}: {stderr}", path.display());
    let code = out.status.code().expect("an exit code, not a signal");
    assert!((0..=2).contains(&code), "{}: exit {code}", path.display());
    let report: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("a JSON report, whatever the input");
    let codes = report["files"][0]["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["code"].as_str().expect("code").to_string())
        .collect();
    (code, codes)
}

const HEAD: &str = "territoire 38\nmembre prefecture prefecture\nmembre cd38 departement 38\n";

#[test]
fn hostile_files_get_a_diagnostic_never_a_panic() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let mut big_string = String::from(HEAD);
    big_string.push_str("membre caf caf \"");
    big_string.push_str(&"x".repeat(2_000_000));
    big_string.push_str("\"\n");
    let mut braces = String::from(HEAD);
    braces.push_str(&"{".repeat(200_000));
    let mut long_id = String::from(HEAD);
    long_id.push_str(&format!("membre {} caf \"CAF\"\n", "a".repeat(1_000_000)));
    let mut many = String::from(HEAD);
    for i in 0..20_000 {
        many.push_str(&format!("membre m{i} association \"Association {i}\"\n"));
    }
    let mut unknown = String::from(HEAD);
    unknown.push_str("comite copil strategique \"Comité\" {\n    membres ");
    let names: Vec<String> = (0..20_000).map(|i| format!("inconnu{i}")).collect();
    unknown.push_str(&names.join(", "));
    unknown.push_str("\n    frequence annuelle\n}\n");
    let mut random = Vec::with_capacity(5_000);
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..5_000 {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        random.push((state >> 56) as u8);
    }
    let cases: Vec<(&str, Vec<u8>, Option<&str>)> = vec![
        ("vide.copil", Vec::new(), Some("copil::territoire")),
        (
            "commentaires.copil",
            b"# rien\n# que des commentaires\n".to_vec(),
            Some("copil::territoire"),
        ),
        (
            "nul.copil",
            b"territoire 38\x00\nmembre a\x00 prefecture\n".to_vec(),
            Some("copil::syntaxe"),
        ),
        ("binaire.copil", random, None),
        (
            "latin1.copil",
            b"territoire 38\nmembre caf caf \"CAF de l'Is\xe8re\"\n".to_vec(),
            Some("copil::fichier::utf8"),
        ),
        (
            "chaine-non-fermee.copil",
            format!("{HEAD}membre caf caf \"CAF\n").into_bytes(),
            Some("copil::syntaxe"),
        ),
        ("accolades.copil", braces.into_bytes(), Some("copil::syntaxe")),
        ("chaine-2-mo.copil", big_string.into_bytes(), None),
        ("identifiant-1-mo.copil", long_id.into_bytes(), None),
        (
            "montant-geant.copil",
            format!("{HEAD}feuille_de_route f \"F\" {{\n porteur cd38\n action \"A\" {{\n  budget 99999999999999999999999999999999999999 €\n }}\n}}\n").into_bytes(),
            Some("copil::syntaxe::nombre"),
        ),
        (
            "montant-negatif.copil",
            format!("{HEAD}feuille_de_route f \"F\" {{\n porteur cd38\n action \"A\" {{\n  budget -5 €\n }}\n}}\n").into_bytes(),
            Some("copil::syntaxe"),
        ),
        (
            "confusable.copil",
            "territoire 38\nmembre prefecture prefecture\nmembre \u{441}d38 departement 38\n"
                .as_bytes()
                .to_vec(),
            Some("copil::identifiant::confusable"),
        ),
        (
            "bidi.copil",
            format!("{HEAD}membre caf caf \"CAF \u{202e}ed\"\n").into_bytes(),
            Some("copil::chaine::bidi"),
        ),
        ("20000-membres.copil", many.into_bytes(), None),
        (
            "20000-inconnus.copil",
            unknown.into_bytes(),
            Some("copil::identifiant::inconnu"),
        ),
    ];
    for (name, bytes, expected) in cases {
        let path = write(d, name, &bytes);
        let (_, codes) = check(&path);
        if let Some(expected) = expected {
            assert!(codes.iter().any(|c| c == expected), "{name}: {codes:?}");
        }
    }
}

/// 200 000 members (8 Mio, under the 16 Mio limit) are checked, each one
/// resolved, and the file is left without error: the time and memory of
/// this file are measured by `benches/national.sh` (1,7 s and 390 Mio in
/// release on the development machine), here only that it is answered.
#[test]
fn two_hundred_thousand_members_are_checked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut text = String::from(HEAD);
    for i in 0..200_000 {
        text.push_str(&format!("membre m{i} association \"Association {i}\"\n"));
    }
    let path = write(dir.path(), "200000-membres.copil", text.as_bytes());
    let (code, codes) = check(&path);
    assert!(code <= 1, "exit {code}: {:?}", &codes[..codes.len().min(5)]);
    assert!(
        !codes.iter().any(|c| c.starts_with("copil::")),
        "{:?}",
        &codes[..codes.len().min(5)]
    );
}

#[test]
fn a_file_over_16_mio_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("enorme.copil");
    let file = std::fs::File::create(&path).expect("create");
    file.set_len(17 * 1024 * 1024).expect("a sparse file");
    let (code, codes) = check(&path);
    assert_eq!(code, 2);
    assert_eq!(codes, ["copil::fichier::taille"]);
}
