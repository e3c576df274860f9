//! `copil init DEPT [-o FICHIER] [--force]`: a starting file for a
//! département, from the reference data.

use std::path::PathBuf;

use super::{Exit, write_output};
use crate::files::display_path;
use crate::reference::Reference;

/// The arguments of `copil init`.
#[derive(Clone, Debug, clap::Args)]
pub struct Args {
    /// Le département : son code COG (38, 2A, 971) ou son nom.
    #[arg(value_name = "DEPARTEMENT")]
    pub departement: String,
    /// Fichier à écrire (jamais un fichier existant, sauf avec --force) ;
    /// par défaut, la sortie standard.
    #[arg(short = 'o', long = "output", value_name = "FICHIER")]
    pub output: Option<PathBuf>,
    /// Remplace le fichier donné à -o s'il existe déjà.
    #[arg(long)]
    pub force: bool,
}

/// Writes the starting file.
pub fn run(args: &Args) -> Exit {
    let reference = Reference::get();
    let departement = match crate::init::departement(reference, &args.departement) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("copil : {}\n  aide : {}", e.message, e.help);
            return Exit::Invalid;
        }
    };
    if let Some(path) = &args.output
        && path.exists()
        && !args.force
    {
        eprintln!(
            "copil : {} existe déjà : rien n'a été écrit\n  aide : choisissez un autre nom, ou ajoutez --force pour le remplacer",
            display_path(path)
        );
        return Exit::Invalid;
    }
    let text = crate::init::init(reference, departement);
    match write_output(args.output.as_deref(), &text) {
        Ok(()) => {
            if let Some(path) = &args.output {
                eprintln!(
                    "copil : {} écrit ({} {}) ; vérifiez-le avec `copil check {}`",
                    display_path(path),
                    departement.code,
                    departement.nom,
                    display_path(path)
                );
            }
            Exit::Success
        }
        Err(exit) => exit,
    }
}
