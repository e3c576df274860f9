//! `copil help [COMMANDE]`: the help of copil, or of one command, in
//! French (the same text as `--help`).

use clap::CommandFactory;

use super::{Cli, Exit, clap_fr, print_exit};
use crate::diagnostic::suggestion_help;

/// The arguments of `copil help`.
#[derive(Clone, Debug, clap::Args)]
pub struct Args {
    /// La commande dont afficher l'aide (par défaut : toutes).
    #[arg(value_name = "COMMANDE")]
    pub command: Option<String>,
}

/// Prints the help.
pub fn run(args: &Args) -> Exit {
    let mut cli = clap_fr::franciser(Cli::command());
    let Some(name) = &args.command else {
        return print_exit(&cli.render_help().to_string());
    };
    let names: Vec<String> = cli
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    match cli.find_subcommand_mut(name) {
        Some(command) => {
            let mut command = command.clone().bin_name(format!("copil {name}"));
            print_exit(&command.render_help().to_string())
        }
        None => {
            let help = suggestion_help(name, names.iter().map(String::as_str))
                .unwrap_or_else(|| format!("commandes : {}", names.join(", ")));
            eprintln!("copil : la commande `{name}` n'existe pas\n  aide : {help}");
            Exit::Invalid
        }
    }
}
