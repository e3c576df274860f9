//! `copil fmt [CHEMINS…|-] [--check]`: puts files in the canonical layout
//! ([`crate::fmt`]), in place and atomically; `--check` only lists the
//! files it would change; `-` reads standard input and writes standard
//! output. A file with a syntax error is never written.

use std::io::Read;
use std::path::PathBuf;

use super::{Exit, copil_files, human_options, print, write_output};
use crate::check::FileReport;
use crate::files::{Source, display_path, read_source};
use crate::report;

/// The arguments of `copil fmt`.
#[derive(Clone, Debug, clap::Args)]
pub struct Args {
    /// Fichiers ou dossiers à mettre en forme (par défaut : le dossier
    /// courant) ; `-` lit l'entrée standard et écrit la sortie standard.
    #[arg(value_name = "CHEMINS")]
    pub paths: Vec<PathBuf>,
    /// N'écrit rien : liste les fichiers qui ne sont pas dans la forme
    /// canonique (code 1 s'il y en a).
    #[arg(long)]
    pub check: bool,
}

/// Runs the formatter: 0 when every file is (now) in canonical form, 1
/// with `--check` when some file is not, 2 when a file cannot be read,
/// parsed or written.
pub fn run(args: &Args) -> Exit {
    if args.paths.iter().any(|p| p.as_os_str() == "-") {
        if args.paths.len() > 1 {
            eprintln!("copil : `-` (l'entrée standard) ne se combine pas avec des chemins");
            return Exit::Invalid;
        }
        return stdin(args.check);
    }
    let files = match copil_files(&args.paths) {
        Ok(files) => files,
        Err(exit) => return exit,
    };
    let mut invalid = false;
    let mut changed = Vec::new();
    for path in &files {
        let shown = display_path(path);
        let source = match read_source(path) {
            Source::Text(text) => text,
            Source::Unusable {
                diagnostic,
                shown: text,
            } => {
                let mut report = FileReport::failed(shown, vec![diagnostic]);
                report.source = text;
                eprint!("{}", report::human(&[report], human_options(false)));
                invalid = true;
                continue;
            }
        };
        match crate::fmt::format(&source) {
            Ok(out) if out == source => {}
            Ok(out) => {
                if !args.check && write_output(Some(path), &out).is_err() {
                    invalid = true;
                    continue;
                }
                changed.push(shown);
            }
            Err(errors) => {
                syntax_errors(shown, source, errors);
                invalid = true;
            }
        }
    }
    if args.check && !changed.is_empty() {
        let mut text = String::new();
        for path in &changed {
            text.push_str(path);
            text.push('\n');
        }
        if print(&text).is_err() {
            return Exit::Invalid;
        }
    }
    if invalid {
        Exit::Invalid
    } else if args.check && !changed.is_empty() {
        Exit::Failure
    } else {
        Exit::Success
    }
}

/// `copil fmt -`: standard input formatted on standard output (with
/// `--check`, nothing written: the code says whether it is formatted).
fn stdin(check: bool) -> Exit {
    let mut bytes = Vec::new();
    if let Err(e) = std::io::stdin().read_to_end(&mut bytes) {
        eprintln!(
            "copil : impossible de lire l'entrée standard : {}",
            crate::files::io_message(&e)
        );
        return Exit::Invalid;
    }
    let Ok(source) = String::from_utf8(bytes) else {
        eprintln!("copil : l'entrée standard n'est pas en UTF-8");
        return Exit::Invalid;
    };
    match crate::fmt::format(&source) {
        Ok(out) if check => {
            if out == source {
                Exit::Success
            } else {
                eprintln!("<entrée standard> n'est pas dans la forme canonique");
                Exit::Failure
            }
        }
        Ok(out) => match print(&out) {
            Ok(()) => Exit::Success,
            Err(exit) => exit,
        },
        Err(errors) => {
            syntax_errors("<entrée standard>".to_string(), source, errors);
            Exit::Invalid
        }
    }
}

/// Reports the syntax errors that prevent formatting a file, on standard
/// error.
fn syntax_errors(shown: String, source: String, errors: Vec<crate::diagnostic::Diagnostic>) {
    let count = errors.len();
    let mut report = FileReport::failed(shown.clone(), errors);
    report.source = Some(source);
    eprint!("{}", report::human(&[report], human_options(false)));
    eprintln!(
        "copil : {shown} n'est pas mis en forme : {} de syntaxe à corriger d'abord",
        report::count(count, "erreur", "erreurs")
    );
}
