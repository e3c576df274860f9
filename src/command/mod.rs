//! The subcommands of the `copil` binary, one module each with its clap
//! `Args` and its `run`: `main.rs` only parses the arguments and calls
//! them. Each returns an [`Exit`].

pub mod check;
pub mod clap_fr;
pub mod diff;
pub mod explain;
pub mod export;
pub mod fmt;
pub mod help;
pub mod init;
pub mod lsp;
pub mod render;
pub mod report;
pub mod rules;
pub mod search;
pub mod test_rules;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::report::{HumanOptions, count, human_diagnostics};
use crate::rules::Rules;

pub use crate::report::Exit;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

/// copil — compilateur des fichiers de gouvernance France Numérique Ensemble.
#[derive(Parser)]
#[command(name = "copil", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// The subcommands, each with its own arguments.
#[derive(Subcommand)]
enum Command {
    /// Vérifie des fichiers .copil (un dossier : tous les *.copil en dessous).
    Check(check::Args),
    /// Dessine l'organigramme ou produit le squelette de feuille de route.
    Render(render::Args),
    /// Affiche le modèle de faits d'un fichier (ce que voient les règles).
    Export(export::Args),
    /// Liste les règles actives.
    Rules(rules::Args),
    /// Explique une règle (titre, sévérité, source, justification, condition, exemples) ou un code du compilateur.
    Explain(explain::Args),
    /// Tableau national : une ligne par territoire (pilotage, instances, doublons, couverture, diagnostics).
    Report(report::Args),
    /// Vérifie chaque règle sur ses exemples (tests/ID/ok*.copil et ko*.copil).
    TestRules(test_rules::Args),
    /// Cherche un EPCI, une commune, un département, une région ou un Hub par son nom ou son code, et donne la ligne `membre` à coller.
    Search(search::Args),
    /// Écrit un fichier de départ pour un département, depuis les données de référence.
    Init(init::Args),
    /// Met des fichiers .copil dans la forme canonique (commentaires gardés, sens inchangé) ; `--check` liste ceux à reprendre.
    Fmt(fmt::Args),
    /// Compare deux fichiers : ce que la proposition B change par rapport à A (membres, pilotage, comités, fusions, feuilles de route, chiffres, diagnostics).
    Diff(diff::Args),
    /// Serveur de langage (LSP) sur l'entrée et la sortie standard, pour les éditeurs.
    Lsp(lsp::Args),
    /// Affiche l'aide de copil ou d'une commande.
    Help(help::Args),
}

/// Parses the process's arguments (in French, see [`clap_fr`]) and runs
/// the command: what `main` does.
pub fn main() -> Exit {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let invoked = clap_fr::invoked(&args).unwrap_or_default();
    let command = clap_fr::franciser_pour(Cli::command(), Some(invoked));
    let parsed = command
        .try_get_matches_from(&args)
        .and_then(|matches| Cli::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            let e = e.apply::<clap_fr::Francais>();
            let exit = if e.exit_code() == 0 {
                Exit::Success
            } else {
                Exit::Invalid
            };
            // Help and version on standard output, errors on standard error.
            let _ = e.print();
            return exit;
        }
    };
    match &cli.command {
        Command::Check(args) => check::run(args),
        Command::Render(args) => render::run(args),
        Command::Export(args) => export::run(args),
        Command::Rules(args) => rules::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Report(args) => report::run(args),
        Command::TestRules(args) => test_rules::run(args),
        Command::Search(args) => search::run(args),
        Command::Init(args) => init::run(args),
        Command::Fmt(args) => fmt::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Lsp(args) => lsp::run(args),
        Command::Help(args) => help::run(args),
    }
}

/// `--rules` and `--profile`, shared by the commands that apply rules.
#[derive(Clone, Debug, Default, clap::Args)]
pub struct RulesOptions {
    /// Jeu de règles à ajouter ou à substituer (fichier .toml ou dossier) ; répétable.
    #[arg(long = "rules", id = "rule_paths", value_name = "CHEMIN")]
    pub paths: Vec<PathBuf>,
    /// Profil de règles imposé à tous les fichiers (par défaut : `national`,
    /// ou `outre-mer` pour un territoire d'outre-mer).
    #[arg(long, value_name = "NOM")]
    pub profile: Option<String>,
}

/// Loads the rules, or prints why they cannot be loaded (on standard
/// error, located in the TOML files) and gives [`Exit::Invalid`].
pub fn load_rules(options: &RulesOptions) -> Result<Rules, Exit> {
    Rules::load(&options.paths, options.profile.as_deref()).map_err(|e| {
        eprint!("{}", rules_error(&e, human_options(false)));
        Exit::Invalid
    })
}

/// The report of rulesets that cannot be loaded.
pub fn rules_error(error: &crate::rules::RulesError, options: HumanOptions) -> String {
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
        human_diagnostics(reports, options),
        count(errors, "erreur", "erreurs")
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

/// Writes `text` to standard output; [`Exit::Invalid`] if it cannot.
pub fn print(text: &str) -> Result<(), Exit> {
    print_bytes(text.as_bytes())
}

/// Writes bytes to standard output.
pub fn print_bytes(bytes: &[u8]) -> Result<(), Exit> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|_| out.flush())
        .map_err(|_| Exit::Invalid)
}

/// [`Exit::Success`] once `text` is printed.
pub fn print_exit(text: &str) -> Exit {
    match print(text) {
        Ok(()) => Exit::Success,
        Err(exit) => exit,
    }
}

/// The `.copil` files below `paths`, or below the current folder when no
/// path is given; when there is none, says so and gives [`Exit::Invalid`].
pub(crate) fn copil_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Exit> {
    let here = [PathBuf::from(".")];
    let files = crate::files::collect_paths(if paths.is_empty() { &here } else { paths });
    if files.is_empty() {
        eprintln!("copil : aucun fichier .copil sous les chemins donnés");
        return Err(Exit::Invalid);
    }
    Ok(files)
}

/// Writes `text` to `out`, atomically (a temporary file in the same folder,
/// renamed into place: a reader never sees half a file, and a failure
/// leaves no partial file), or to standard output when `out` is `None`.
pub fn write_output(out: Option<&Path>, text: &str) -> Result<(), Exit> {
    write_output_bytes(out, text.as_bytes())
}

/// [`write_output`] for bytes (a PNG image, an OpenDocument file).
pub fn write_output_bytes(out: Option<&Path>, bytes: &[u8]) -> Result<(), Exit> {
    let Some(path) = out else {
        return print_bytes(bytes);
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let result = tempfile::NamedTempFile::new_in(dir).and_then(|mut file| {
        file.write_all(bytes)?;
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
        Exit::Invalid
    })
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    /// clap's own checks of the definitions (unique names, groups…), which
    /// otherwise only run when a command is used.
    #[test]
    fn the_command_line_is_well_formed() {
        super::clap_fr::franciser(super::Cli::command()).debug_assert();
    }

    /// Translating only the invoked subcommand shows the same help, for
    /// copil and for each subcommand, as translating them all.
    #[test]
    fn translating_the_invoked_subcommand_shows_the_same_help() {
        use super::clap_fr::{franciser, franciser_pour, invoked};
        let mut all = franciser(super::Cli::command());
        let mut none = franciser_pour(super::Cli::command(), Some(""));
        assert_eq!(
            none.render_help().to_string(),
            all.render_help().to_string()
        );
        let names: Vec<String> = all
            .get_subcommands()
            .map(|c| c.get_name().to_string())
            .collect();
        assert!(names.len() > 10);
        for name in &names {
            let mut only = franciser_pour(super::Cli::command(), Some(name));
            let help = |c: &mut clap::Command| {
                let sub = c.find_subcommand_mut(name).expect("subcommand");
                sub.render_help().to_string()
            };
            let expected = help(&mut all);
            assert!(expected.contains("Affiche l'aide"), "{name}: {expected}");
            assert_eq!(help(&mut only), expected, "{name}");
        }
        let args = |a: &[&str]| -> Vec<std::ffi::OsString> { a.iter().map(Into::into).collect() };
        assert_eq!(
            invoked(&args(&["copil", "check", "a.copil"])),
            Some("check")
        );
        assert_eq!(invoked(&args(&["copil", "--help", "fmt"])), Some("fmt"));
        assert_eq!(invoked(&args(&["copil", "-V"])), None);
    }
}
