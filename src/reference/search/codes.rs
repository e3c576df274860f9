//! The search by code: SIREN, INSEE code, postal code, COG code.

use super::rows::{CommuneRow, commune, epci_row};
use super::{Filter, Hit, Item, Nature, score};
use crate::reference::{Reference, epci_line, epci_position};

/// What has the code `code`: an EPCI (SIREN), a commune (INSEE code), the
/// communes of a postal code, a département or a région.
pub(super) fn by_code<'r>(
    reference: &'r Reference,
    code: &str,
    filter: &Filter<'r>,
    hits: &mut Vec<Hit<'r>>,
) {
    let exact = |item: Item<'r>, note: Option<String>| Hit {
        item,
        score: score::EXACT,
        note,
    };
    match code.len() {
        9 if filter.wants(Nature::Epci) => {
            let row = epci_position(code).and_then(|i| epci_row(epci_line(i)));
            if let Some(e) =
                row.filter(|e| e.departements.split(',').any(|d| filter.in_departement(d)))
            {
                hits.push(exact(Item::Epci(e), None));
            }
        }
        5 if filter.wants(Nature::Commune) => {
            by_insee_or_postal_code(reference, code, filter, hits)
        }
        2 | 3 => {
            if let Some(d) = reference.departement(code)
                && filter.wants(Nature::Departement)
                && filter.in_departement(d.code)
            {
                hits.push(exact(Item::Departement(d), None));
            }
            if let Some(r) = reference.region(code)
                && filter.wants(Nature::Region)
                && filter.in_region(&r.code)
            {
                hits.push(exact(Item::Region(r), None));
            }
        }
        _ => {}
    }
}

/// The commune of INSEE code `code`, and the communes of postal code
/// `code`, each with a note when the two differ: the trap of a postal code
/// written where the INSEE code is expected.
fn by_insee_or_postal_code<'r>(
    reference: &'r Reference,
    code: &str,
    filter: &Filter<'r>,
    hits: &mut Vec<Hit<'r>>,
) {
    let owner = commune(code);
    let served: Vec<CommuneRow<'static>> = reference
        .code_postal(code)
        .map(|p| p.communes().filter_map(commune).collect())
        .unwrap_or_default();
    let where_ = |c: &CommuneRow<'_>| {
        reference
            .departement(c.departement)
            .map_or_else(|| c.departement.to_string(), |d| d.nom.to_owned())
    };
    if let Some(c) = owner.filter(|c| filter.in_departement(c.departement)) {
        let others: Vec<String> = served
            .iter()
            .filter(|s| s.insee != c.insee)
            .map(|s| format!("{} ({})", s.nom, where_(s)))
            .collect();
        let own = served.iter().any(|s| s.insee == c.insee);
        let note = match (own, others.len()) {
            (false, 0) => None,
            (true, 0) => Some(format!("{code} est aussi son code postal")),
            (own, n) => Some(format!(
                "{code} est aussi le code postal {}{} : {}",
                if own { "de cette commune et " } else { "" },
                if n == 1 {
                    "d'une autre commune".to_string()
                } else {
                    format!("de {n} autres communes")
                },
                enumerate(&others)
            )),
        };
        hits.push(Hit {
            item: Item::Commune(c),
            score: score::EXACT,
            note,
        });
    }
    let n = served.len();
    for c in served {
        if Some(c.insee) == owner.map(|o| o.insee) || !filter.in_departement(c.departement) {
            continue;
        }
        let shared = if n > 1 {
            format!(" (commun à {n} communes)")
        } else {
            String::new()
        };
        let note = match owner {
            Some(o) => format!(
                "{code} est son code postal{shared} ; c'est aussi le code INSEE d'une autre \
                 commune, {} ({}) : dans un fichier .copil, écrivez le code INSEE {}",
                o.nom,
                where_(&o),
                c.insee
            ),
            None => format!(
                "{code} est son code postal{shared} ; son code INSEE est {}",
                c.insee
            ),
        };
        hits.push(Hit {
            item: Item::Commune(c),
            score: score::EXACT,
            note: Some(note),
        });
    }
}

/// `A`, `A et B`, `A, B et C`; past five, the first four and how many more.
fn enumerate(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] if items.len() <= 5 => format!("{} et {last}", rest.join(", ")),
        _ => format!("{} et {} autres", items[..4].join(", "), items.len() - 4),
    }
}
