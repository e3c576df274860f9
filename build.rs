//! Embeds the shipped rulesets (`rules/*.toml`) and their examples
//! (`rules/tests/RULE-ID/*.copil`) in the binary: the build writes a list
//! of `include_str!` so that adding a file needs no change to the code.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    println!("cargo:rerun-if-changed=rules");
    let mut out = String::from(
        "/// The shipped rulesets: (path, text).\npub static RULESETS: &[(&str, &str)] = &[\n",
    );
    for path in sorted(&root, |p| p.extension().is_some_and(|e| e == "toml")) {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        writeln!(
            out,
            "    (\"rules/{name}\", include_str!({:?})),",
            path.display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n\n/// The shipped rule examples: (rule id, file name, text).\npub static RULE_TESTS: &[(&str, &str, &str)] = &[\n");
    let tests = root.join("tests");
    println!("cargo:rerun-if-changed=rules/tests");
    for dir in sorted(&tests, |p| p.is_dir()) {
        println!("cargo:rerun-if-changed={}", dir.display());
        let id = dir.file_name().unwrap().to_string_lossy().to_string();
        for file in sorted(&dir, |p| p.extension().is_some_and(|e| e == "copil")) {
            let name = file.file_name().unwrap().to_string_lossy().to_string();
            writeln!(
                out,
                "    ({id:?}, {name:?}, include_str!({:?})),",
                file.display().to_string()
            )
            .unwrap();
        }
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("embedded_rules.rs");
    std::fs::write(dest, out).unwrap();
}

fn sorted(dir: &Path, keep: impl Fn(&Path) -> bool) -> Vec<std::path::PathBuf> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| keep(p))
                .collect()
        })
        .unwrap_or_default();
    paths.sort();
    paths
}
