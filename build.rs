//! Embeds the shipped rulesets (`rules/*.toml`) and their examples
//! (`rules/tests/RULE-ID/*.copil`) in the binary: the build writes a list
//! of `include_str!` so that adding a file needs no change to the code.
//!
//! It also indexes `data/epci.tsv` (where each line lies, and which EPCI
//! each département has), so that a check does not read the 1 254 lines of
//! the table at start-up to find the twenty of its département.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

fn main() {
    epci_index();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    println!("cargo:rerun-if-changed=rules");
    let mut out = String::from(
        "/// The shipped rulesets: (path, text).\npub static RULESETS: &[(&str, &str)] = &[\n",
    );
    // FNV-1a over each ruleset's path and text, as
    // `rules::snapshot::fingerprint` computes it (a test checks they agree):
    // which texts the compiled cache must have been made from.
    let mut fingerprint: u64 = 0xcbf2_9ce4_8422_2325;
    for path in sorted(&root, |p| p.extension().is_some_and(|e| e == "toml")) {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        writeln!(
            out,
            "    (\"rules/{name}\", include_str!({:?})),",
            path.display().to_string()
        )
        .unwrap();
        let text = std::fs::read(&path).unwrap();
        let label = format!("rules/{name}");
        for byte in label.bytes().chain([0]).chain(text).chain([0]) {
            fingerprint ^= u64::from(byte);
            fingerprint = fingerprint.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    write!(
        out,
        "];\n\n/// The fingerprint of [`RULESETS`], computed by the build.\n\
         pub static RULESETS_FINGERPRINT: u64 = {fingerprint:#x};\n"
    )
    .unwrap();
    out.push_str("\n/// The shipped rule examples: (rule id, file name, text).\npub static RULE_TESTS: &[(&str, &str, &str)] = &[\n");
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

/// Writes `epci_index.rs`: for every record line of `data/epci.tsv`, in
/// file order, its byte offsets and line number; for every département
/// code, the indices of its EPCI. The table is committed data: a malformed
/// line stops the build with its line number.
fn epci_index() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/epci.tsv");
    println!("cargo:rerun-if-changed=data/epci.tsv");
    let text = std::fs::read_to_string(&path).expect("data/epci.tsv se lit");
    let mut lines = String::new();
    let mut by_departement: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut count = 0;
    let mut offset = 0;
    let mut previous = "";
    for (i, raw) in text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += raw.len();
        if i == 0 {
            continue; // the header, checked by the tests
        }
        let line = raw.strip_suffix('\n').unwrap_or(raw);
        let line = line.strip_suffix('\r').unwrap_or(line);
        let cells: Vec<&str> = line.split('\t').collect();
        let fail = |why: &str| panic!("data/epci.tsv, ligne {} : {why}", i + 1);
        if cells.len() != 6 {
            fail("6 colonnes attendues");
        }
        let siren = cells[0];
        if siren <= previous {
            fail("SIREN non triés ou en double");
        }
        previous = siren;
        for d in cells[4].split(',') {
            by_departement.entry(d).or_default().push(count);
        }
        writeln!(
            lines,
            "    ({start}, {}, {}, {}),",
            start + siren.len(),
            start + line.len(),
            i + 1
        )
        .unwrap();
        count += 1;
    }
    let mut out = format!(
        "/// Each record line of `data/epci.tsv`, in SIREN order: (offset of the\n\
         /// line, end of its SIREN, end of the line, line number).\n\
         pub(crate) static LINES: [(u32, u32, u32, u32); {count}] = [\n{lines}];\n\n\
         /// Each département code, sorted, and the indices into [`LINES`] of\n\
         /// the EPCI with a commune in it, in SIREN order.\n\
         pub(crate) static BY_DEPARTEMENT: [(&str, &[u16]); {}] = [\n",
        by_departement.len()
    );
    for (d, indices) in &by_departement {
        writeln!(out, "    ({d:?}, &{indices:?}),").unwrap();
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("epci_index.rs");
    std::fs::write(dest, out).unwrap();
}
