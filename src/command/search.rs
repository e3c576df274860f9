//! `copil search TEXTE [--departement CODE] [--nature NATURE] [--format
//! human|json] [--limite N]`: the reference data searched by name or code
//! ([`crate::reference::search`]), as a French list or as JSON.
//!
//! Exit codes: 0 when something matches, 1 when nothing does, 2 on bad
//! arguments (unknown nature or département, nothing to search).

use serde::Serialize;

use super::rules::ListFormat;
use super::{Exit, print};
use crate::reference::search::{self, DEFAULT_LIMIT, Nature, Recherche, Resultat, Resultats};
use crate::reference::{Reference, epci_kind_label};
use crate::report::count;

/// Version of the JSON output of `copil search`.
pub const JSON_VERSION: u32 = 1;

/// The natures `--nature` accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum NatureArg {
    /// Les EPCI (intercommunalités), par SIREN.
    Epci,
    /// Les communes, par code INSEE.
    Commune,
    /// Les départements.
    Departement,
    /// Les régions.
    Region,
    /// Les Hubs territoriaux pour un numérique inclusif.
    Hub,
}

impl From<NatureArg> for Nature {
    fn from(nature: NatureArg) -> Nature {
        match nature {
            NatureArg::Epci => Nature::Epci,
            NatureArg::Commune => Nature::Commune,
            NatureArg::Departement => Nature::Departement,
            NatureArg::Region => Nature::Region,
            NatureArg::Hub => Nature::Hub,
        }
    }
}

/// The arguments of `copil search`.
#[derive(Clone, Debug, clap::Args)]
pub struct Args {
    /// Nom ou partie de nom (grenoble alpes), ou code : SIREN, code INSEE,
    /// code postal, code de département ou de région.
    #[arg(value_name = "TEXTE", required = true, num_args = 1..)]
    pub texte: Vec<String>,
    /// Seulement dans ce département (code COG : 38, 2A, 971).
    #[arg(long, value_name = "CODE")]
    pub departement: Option<String>,
    /// Seulement cette nature : epci, commune, departement, region ou hub.
    #[arg(long, value_enum, value_name = "NATURE", hide_possible_values = true)]
    pub nature: Option<NatureArg>,
    /// Format : human (par défaut) ou json.
    #[arg(long, value_enum, default_value_t = ListFormat::Human, hide_default_value = true, hide_possible_values = true)]
    pub format: ListFormat,
    /// Nombre maximal de résultats (20 par défaut).
    #[arg(long, value_name = "N", default_value_t = DEFAULT_LIMIT as u32, hide_default_value = true)]
    pub limite: u32,
}

/// Searches the reference data and prints the results.
pub fn run(args: &Args) -> Exit {
    if args.limite == 0 {
        eprintln!(
            "copil : `--limite 0` ne laisserait aucun résultat\n  aide : donnez un nombre d'au moins 1 (20 par défaut)"
        );
        return Exit::Invalid;
    }
    let texte = args.texte.join(" ");
    let recherche = Recherche {
        texte: &texte,
        departement: args.departement.as_deref(),
        nature: args.nature.map(Nature::from),
        limite: args.limite as usize,
    };
    let reference = Reference::get();
    let resultats = match search::search(reference, &recherche) {
        Ok(resultats) => resultats,
        Err(error) => {
            eprintln!("copil : {error}\n  aide : {}", error.help());
            return Exit::Invalid;
        }
    };
    let text = match args.format {
        ListFormat::Json => json(&recherche, &resultats),
        ListFormat::Human => human(reference, &recherche, &resultats),
    };
    match print(&text) {
        Err(exit) => exit,
        Ok(()) if resultats.resultats.is_empty() => Exit::Failure,
        Ok(()) => Exit::Success,
    }
}

#[derive(Serialize)]
struct Json<'a> {
    version: u32,
    requete: Requete<'a>,
    total: usize,
    resultats: &'a [Resultat],
}

#[derive(Serialize)]
struct Requete<'a> {
    texte: &'a str,
    departement: Option<&'a str>,
    nature: Option<Nature>,
    limite: usize,
}

/// The JSON output (schema in the README, « Chercher un code »).
pub fn json(recherche: &Recherche<'_>, resultats: &Resultats) -> String {
    let mut text = serde_json::to_string_pretty(&Json {
        version: JSON_VERSION,
        requete: Requete {
            texte: recherche.texte.trim(),
            departement: resultats.departement.as_deref(),
            nature: recherche.nature,
            limite: recherche.limite,
        },
        total: resultats.total,
        resultats: &resultats.resultats,
    })
    .expect("the results serialise");
    text.push('\n');
    text
}

/// The human output: one paragraph per result, its `membre` line last.
pub fn human(reference: &Reference, recherche: &Recherche<'_>, resultats: &Resultats) -> String {
    let mut scope = String::new();
    if let Some(d) = resultats.departement.as_deref() {
        scope.push_str(&match reference.departement(d) {
            Some(d) => format!(" dans le département {} ({})", d.de_nom(), d.code),
            None => format!(" dans le département {d}"),
        });
    }
    if let Some(nature) = recherche.nature {
        scope.push_str(match nature {
            Nature::Epci => ", EPCI seulement",
            Nature::Commune => ", communes seulement",
            Nature::Departement => ", départements seulement",
            Nature::Region => ", régions seulement",
            Nature::Hub => ", Hubs seulement",
        });
    }
    let texte = recherche.texte.trim();
    let shown = resultats.resultats.len();
    let total = resultats.total;
    if shown == 0 {
        return format!(
            "Aucun résultat pour « {texte} »{scope}.\n\
             Essayez moins de mots, un autre filtre, ou un code : SIREN, code INSEE, code \
             postal, code de département ou de région.\n"
        );
    }
    let approximate = resultats.resultats.iter().all(Resultat::is_approximate);
    let mut out = if approximate {
        format!(
            "Aucun nom ne contient exactement « {texte} »{scope} ; {} :\n",
            match (shown, shown < total) {
                (1, false) => "voici le plus proche".to_string(),
                (1, true) => format!("voici le plus proche (sur {total})"),
                (_, false) => format!("voici les {shown} plus proches"),
                (_, true) => format!("voici les {shown} plus proches (sur {total})"),
            }
        )
    } else if shown < total {
        format!(
            "{} pour « {texte} »{scope}, voici les {shown} meilleurs :\n",
            count(total, "résultat", "résultats")
        )
    } else if total == 1 {
        format!("1 résultat pour « {texte} »{scope} :\n")
    } else {
        format!("{total} résultats pour « {texte} »{scope}, les meilleurs d'abord :\n")
    };
    for r in &resultats.resultats {
        out.push('\n');
        out.push_str(&r.nom);
        out.push('\n');
        out.push_str(&format!("  {}\n", description(reference, r)));
        if let Some(note) = &r.note {
            let options = textwrap::Options::new(78)
                .initial_indent("  note : ")
                .subsequent_indent("         ");
            for line in textwrap::wrap(note, options) {
                out.push_str(&line);
                out.push('\n');
            }
        }
        out.push_str(&format!("  {}\n", r.ligne));
    }
    if shown < total {
        let more = total - shown;
        out.push_str(&format!(
            "\n… et {} : précisez la recherche, filtrez (--departement, --nature) ou \
             affichez-en plus (--limite {}).\n",
            if more == 1 {
                "1 autre".to_string()
            } else {
                format!("{more} autres")
            },
            total.min(shown * 5)
        ));
    }
    out
}

/// `Isère (38)`, or the code alone if unknown.
fn departement(reference: &Reference, code: &str) -> String {
    match reference.departement(code) {
        Some(d) => format!("{} ({code})", d.nom),
        None => code.to_string(),
    }
}

/// `Auvergne-Rhône-Alpes (84)`, or the code alone if unknown.
fn region(reference: &Reference, code: &str) -> String {
    match reference.region(code) {
        Some(r) => format!("{} ({code})", r.nom),
        None => code.to_string(),
    }
}

/// The line under a result's name: what it is, where, how many people.
fn description(reference: &Reference, r: &Resultat) -> String {
    let code = r.code.as_deref().unwrap_or_default();
    let mut parts = Vec::new();
    match r.nature {
        Nature::Epci => {
            let kind = r.kind.as_deref().unwrap_or_default();
            parts.push(format!("EPCI {code}"));
            parts.push(format!("{} ({kind})", epci_kind_label(kind)));
            parts.push(if r.departements.len() <= 3 {
                r.departements
                    .iter()
                    .map(|d| departement(reference, d))
                    .collect::<Vec<_>>()
                    .join(", ")
            } else {
                format!(
                    "{} départements : {}",
                    r.departements.len(),
                    r.departements.join(", ")
                )
            });
        }
        Nature::Commune => {
            parts.push(format!("commune {code}"));
            parts.extend(r.departements.iter().map(|d| departement(reference, d)));
        }
        Nature::Departement => {
            parts.push(format!("département {code}"));
            parts.extend(
                r.regions
                    .iter()
                    .map(|c| format!("région {}", region(reference, c))),
            );
        }
        Nature::Region => {
            parts.push(format!("région {code}"));
            parts.push(format!(
                "{} : {}",
                count(r.departements.len(), "département", "départements"),
                r.departements.join(", ")
            ));
        }
        Nature::Hub => {
            parts.push("Hub territorial pour un numérique inclusif".to_string());
            let regions: Vec<String> = r.regions.iter().map(|c| region(reference, c)).collect();
            parts.push(format!(
                "{} {}",
                if regions.len() == 1 {
                    "région"
                } else {
                    "régions"
                },
                regions.join(", ")
            ));
        }
    }
    if let Some(population) = r.population {
        parts.push(habitants(population));
    }
    parts.join(" · ")
}

/// `1 195 234 habitants` (narrow no-break spaces between thousands),
/// `1 habitant`, `0 habitant`.
fn habitants(n: u64) -> String {
    let digits = n.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push('\u{202f}');
        }
        grouped.push(c);
    }
    format!(
        "{grouped} {}",
        if n <= 1 { "habitant" } else { "habitants" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn populations_are_grouped_the_french_way() {
        assert_eq!(habitants(1_195_234), "1\u{202f}195\u{202f}234 habitants");
        assert_eq!(habitants(339), "339 habitants");
        assert_eq!(habitants(1), "1 habitant");
        assert_eq!(habitants(0), "0 habitant");
    }
}
