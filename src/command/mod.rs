//! The subcommands of the `copil` binary, one module each: `main.rs` only
//! parses the arguments and calls them. Each returns the process exit code.

pub mod check;
pub mod clap_fr;
pub mod export;
pub mod national;
pub mod render;
pub mod rules;
pub mod test_rules;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::report::{self, HumanOptions};
use crate::rules::Rules;

pub use check::CheckFormat;
pub use rules::ListFormat;

/// `--rules` and `--profile`.
#[derive(Clone, Debug, Default)]
pub struct RulesOptions {
    /// Ruleset files or folders, in order.
    pub paths: Vec<PathBuf>,
    /// The forced profile.
    pub profile: Option<String>,
}

/// Loads the rules, or prints why they cannot be loaded (on standard
/// error, located in the TOML files) and gives exit code 2.
pub fn load_rules(options: &RulesOptions) -> Result<Rules, u8> {
    Rules::load(&options.paths, options.profile.as_deref()).map_err(|e| {
        eprint!("{}", rules_error(&e, human_options(false)));
        2
    })
}

/// The report of rulesets that cannot be loaded.
pub fn rules_error(error: &crate::rules::RulesError, options: report::HumanOptions) -> String {
    let reports: Vec<crate::check::FileReport> = error
        .files
        .iter()
        .map(|f| {
            let mut report =
                crate::check::FileReport::failed(f.path.clone(), f.diagnostics.clone());
            report.source = Some(f.text.clone());
            report
        })
        .collect();
    let reports = &reports[..];
    let errors: usize = reports.iter().map(|r| r.diagnostics.len()).sum();
    format!(
        "{}les règles ne peuvent pas être chargées ({}) : aucun fichier n'a été vérifié\n",
        report::human_diagnostics(reports, options),
        report::count(errors, "erreur", "erreurs")
    )
}

/// Human report options for a stream: colour only on a terminal, and
/// never with `NO_COLOR`.
pub fn human_options(stdout: bool) -> HumanOptions {
    let terminal = if stdout {
        std::io::stdout().is_terminal()
    } else {
        std::io::stderr().is_terminal()
    };
    HumanOptions {
        color: terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        ..HumanOptions::default()
    }
}

/// Writes `text` to standard output; exit code 2 if it cannot.
pub fn print(text: &str) -> Result<(), u8> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|_| out.flush())
        .map_err(|_| 2)
}

/// Writes `text` to `out`, atomically (a temporary file in the same folder,
/// renamed into place: a reader never sees half a file, and a failure
/// leaves no partial file), or to standard output when `out` is `None`.
pub fn write_output(out: Option<&Path>, text: &str) -> Result<(), u8> {
    let Some(path) = out else {
        return print(text);
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let result = tempfile::NamedTempFile::new_in(dir).and_then(|mut file| {
        file.write_all(text.as_bytes())?;
        // A temporary file is private (0600); the written file gets the
        // permissions of the one it replaces, or the usual 0644.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode());
            file.as_file()
                .set_permissions(std::fs::Permissions::from_mode(mode))?;
        }
        file.as_file().sync_all()?;
        file.persist(path).map(|_| ()).map_err(|e| e.error)
    });
    result.map_err(|e| {
        eprintln!(
            "copil : impossible d'écrire {} : {}",
            crate::files::display_path(path),
            crate::files::io_message(&e)
        );
        2
    })
}
