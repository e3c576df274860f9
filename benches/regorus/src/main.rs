//! Cinq règles nationales de copil écrites en Rego, évaluées par regorus
//! sur le modèle de faits exporté par `copil export FICHIER --format json`.
//!
//! ```text
//! cargo run --release -- DOSSIER_JSON
//! ```
//!
//! Pour chaque `*.json` du dossier (ordre trié), le programme évalue
//! `data.fne.violations` (les cinq fichiers de `policies/` contribuent au
//! même ensemble) et affiche une ligne par violation sur la sortie
//! standard : `RÈGLE<TAB>FICHIER<TAB>ÉLÉMENT`, triées. Sur la sortie
//! d'erreur : le nombre de fichiers et de violations, et les temps mesurés
//! dans le processus (compilation des règles, lecture du JSON, évaluation),
//! donc hors démarrage du processus.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use regorus::{Engine, Value};

/// The policies, embedded: the measure does not depend on the working
/// directory.
const POLICIES: [(&str, &str); 5] = [
    (
        "policies/fne_pil_01.rego",
        include_str!("../policies/fne_pil_01.rego"),
    ),
    (
        "policies/fne_com_01.rego",
        include_str!("../policies/fne_com_01.rego"),
    ),
    (
        "policies/fne_com_02.rego",
        include_str!("../policies/fne_com_02.rego"),
    ),
    (
        "policies/fne_fdr_06.rego",
        include_str!("../policies/fne_fdr_06.rego"),
    ),
    (
        "policies/fne_mem_01.rego",
        include_str!("../policies/fne_mem_01.rego"),
    ),
];

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn text(v: &Value) -> String {
    match v.as_string() {
        Ok(s) => s.to_string(),
        Err(_) => v.to_string(),
    }
}

fn json_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{} : {e}", dir.display()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    Ok(files)
}

fn run(dir: &Path) -> Result<(), String> {
    let start = Instant::now();
    let mut engine = Engine::new();
    for (path, rego) in POLICIES {
        engine
            .add_policy(path.to_string(), rego.to_string())
            .map_err(|e| format!("{path} : {e}"))?;
    }
    let compile = start.elapsed();
    let files = json_files(dir)?;
    let (mut read, mut eval) = (Duration::ZERO, Duration::ZERO);
    let mut lines = Vec::new();
    for path in &files {
        let name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let t = Instant::now();
        let json =
            std::fs::read_to_string(path).map_err(|e| format!("{} : {e}", path.display()))?;
        let input = Value::from_json_str(&json).map_err(|e| format!("{name} : {e}"))?;
        read += t.elapsed();
        let t = Instant::now();
        engine.set_input(input);
        let violations = engine
            .eval_rule("data.fne.violations".to_string())
            .map_err(|e| format!("{name} : {e}"))?;
        eval += t.elapsed();
        if let Ok(set) = violations.as_set() {
            for v in set.iter() {
                lines.push(format!(
                    "{}\t{name}\t{}",
                    text(&v["regle"]),
                    text(&v["element"])
                ));
            }
        }
    }
    let total = start.elapsed();
    lines.sort();
    let mut out = String::with_capacity(lines.len() * 48);
    for line in &lines {
        out.push_str(line);
        out.push('\n');
    }
    print!("{out}");
    eprintln!(
        "regorus : {} fichiers, {} violations ; règles compilées en {}, JSON lu en {}, \
         évaluation en {} ; total hors démarrage du processus : {}",
        files.len(),
        lines.len(),
        ms(compile),
        ms(read),
        ms(eval),
        ms(total)
    );
    Ok(())
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(dir), None) = (args.next(), args.next()) else {
        eprintln!("Utilisation : copil-regorus-bench DOSSIER_JSON");
        return ExitCode::from(2);
    };
    match run(Path::new(&dir)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("erreur : {e}");
            ExitCode::from(2)
        }
    }
}
