//! clap speaks English; copil's users read French. This module gives the
//! command line French help headings, flags and error messages.

use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, ErrorFormatter, ErrorKind};
use clap::{Arg, ArgAction, Command};

/// The help layout, with French headings.
const TEMPLATE: &str = "{about-with-newline}\nUtilisation : {usage}\n\n{all-args}{after-help}";

/// French help and version flags, headings and template, on the command
/// and every subcommand.
pub fn franciser(command: Command) -> Command {
    franciser_pour(command, None)
}

/// [`franciser`], but of the subcommands only `invoked` (with its own
/// subcommands), when it is given: the only one whose arguments clap will
/// parse or show (none when it names no subcommand). Translating the whole
/// tree copied every `Command` a few times, a twentieth of checking an
/// Isère-sized file. The others keep their name and description, which is
/// all the top-level help and errors show of them.
pub fn franciser_pour(command: Command, invoked: Option<&str>) -> Command {
    let command = command
        .disable_help_flag(true)
        .disable_version_flag(true)
        .disable_help_subcommand(true)
        // clap writes the heading then `:`; the space gives French typography.
        .subcommand_help_heading("Commandes ")
        .subcommand_value_name("COMMANDE")
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("Affiche la version"),
        );
    walk(command, invoked)
}

/// The name of the subcommand `args` (the process's arguments, program
/// name first) invoke: their first word that is not an option. copil's
/// top-level options (`-h`, `-V`) take no value.
pub fn invoked(args: &[std::ffi::OsString]) -> Option<&str> {
    args.iter()
        .skip(1)
        .map(|a| a.to_str())
        .find(|a| !a.is_some_and(|a| a.starts_with('-')))
        .flatten()
}

/// Translates `command`, then its subcommands: all of them, or only the
/// one named `only` when it is given.
fn walk(command: Command, only: Option<&str>) -> Command {
    let names: Vec<String> = command
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .filter(|name| only.is_none_or(|only| name == only))
        .collect();
    let mut command = command.help_template(TEMPLATE).disable_help_flag(true).arg(
        Arg::new("aide")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .help("Affiche l'aide"),
    );
    for name in names {
        command = command.mut_subcommand(name, |c| walk(c, None));
    }
    command.mut_args(|a| {
        let heading = if a.is_positional() {
            "Arguments "
        } else {
            "Options "
        };
        a.help_heading(heading)
    })
}

/// clap's error formatter, in French: `error.apply::<Francais>()` makes
/// clap render (and `print`) every usage error in French.
pub struct Francais;

impl ErrorFormatter for Francais {
    fn format_error(error: &clap::error::Error<Self>) -> StyledStr {
        StyledStr::from(message(error))
    }
}

fn context<F: ErrorFormatter>(e: &clap::error::Error<F>, kind: ContextKind) -> Vec<String> {
    match e.get(kind) {
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::StyledStr(s)) => vec![s.to_string()],
        Some(ContextValue::StyledStrs(v)) => v.iter().map(|s| s.to_string()).collect(),
        Some(ContextValue::Number(n)) => vec![n.to_string()],
        _ => Vec::new(),
    }
}

fn quoted(items: &[String]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The French text of a usage error (help and version texts are not
/// errors: clap renders them itself, with the French headings above).
fn message<F: ErrorFormatter>(e: &clap::error::Error<F>) -> String {
    let arg = context(e, ContextKind::InvalidArg);
    let value = context(e, ContextKind::InvalidValue);
    let message = match e.kind() {
        ErrorKind::MissingSubcommand => "commande manquante".to_string(),
        ErrorKind::InvalidSubcommand => {
            let mut m = format!(
                "sous-commande inconnue {}",
                quoted(&context(e, ContextKind::InvalidSubcommand))
            );
            let suggested = context(e, ContextKind::SuggestedSubcommand);
            if !suggested.is_empty() {
                m.push_str(&format!(
                    "\n  aide : vouliez-vous dire {} ?",
                    quoted(&suggested)
                ));
            }
            m
        }
        ErrorKind::UnknownArgument => {
            let mut m = format!("option inconnue {}", quoted(&arg));
            let suggested = context(e, ContextKind::SuggestedArg);
            if !suggested.is_empty() {
                m.push_str(&format!(
                    "\n  aide : vouliez-vous dire {} ?",
                    quoted(&suggested)
                ));
            }
            m
        }
        ErrorKind::InvalidValue => {
            let valid = context(e, ContextKind::ValidValue);
            let mut m = format!("valeur {} invalide pour {}", quoted(&value), quoted(&arg));
            if !valid.is_empty() {
                m.push_str(&format!(
                    "\n  aide : valeurs possibles : {}",
                    quoted(&valid)
                ));
            }
            m
        }
        ErrorKind::ArgumentConflict => {
            let prior = context(e, ContextKind::PriorArg);
            format!(
                "{} ne peut pas s'employer avec {}",
                quoted(&arg),
                quoted(&prior)
            )
        }
        ErrorKind::MissingRequiredArgument => {
            format!("argument obligatoire manquant : {}", quoted(&arg))
        }
        ErrorKind::NoEquals | ErrorKind::ValueValidation | ErrorKind::InvalidUtf8 => {
            format!("valeur invalide pour {}", quoted(&arg))
        }
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("nombre de valeurs incorrect pour {}", quoted(&arg))
        }
        _ => "arguments invalides".to_string(),
    };
    let usage = context(e, ContextKind::Usage)
        .first()
        .map(|u| u.replace("Usage:", "Utilisation :"))
        .unwrap_or_default();
    let mut out = format!("copil : {message}\n");
    if !usage.is_empty() {
        out.push('\n');
        out.push_str(usage.trim_end());
        out.push('\n');
    }
    out.push_str("\nPour l'aide : copil --help\n");
    out
}
