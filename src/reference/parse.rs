//! Parsing of the TSV tables of `data/`: a header line, then one record per
//! line, tab-separated, sorted by code. Lines starting with `#` (only in the
//! hand-kept `hubs.tsv`) are comments.

use std::fmt;

use super::{Commune, Departement, Epci, Hub, Region, Zone};

/// A defect in an embedded table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ParseError {
    pub table: &'static str,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}, ligne {} : {}", self.table, self.line, self.message)
    }
}

impl std::error::Error for ParseError {}

/// The records of a table: `(line number, cells)`, after checking the header.
struct Records<'a, const N: usize> {
    table: &'static str,
    lines: std::iter::Enumerate<std::str::Lines<'a>>,
}

impl<'a, const N: usize> Records<'a, N> {
    fn new(table: &'static str, text: &'a str, header: [&str; N]) -> Result<Self, ParseError> {
        let mut lines = text.lines().enumerate();
        let first = lines.by_ref().find(|(_, line)| !line.starts_with('#'));
        let expected = header.join("\t");
        match first {
            Some((_, line)) if line == expected => Ok(Records { table, lines }),
            Some((i, line)) => Err(ParseError {
                table,
                line: i + 1,
                message: format!("en-tête « {line} », attendu « {expected} »"),
            }),
            None => Err(ParseError {
                table,
                line: 1,
                message: "table vide".to_owned(),
            }),
        }
    }

    fn error(&self, line: usize, message: impl Into<String>) -> ParseError {
        ParseError {
            table: self.table,
            line,
            message: message.into(),
        }
    }
}

impl<'a, const N: usize> Iterator for Records<'a, N> {
    type Item = Result<(usize, [&'a str; N]), ParseError>;

    fn next(&mut self) -> Option<Self::Item> {
        let (i, line) = self.lines.find(|(_, line)| !line.starts_with('#'))?;
        let mut cells = [""; N];
        let mut parts = line.split('\t');
        for cell in &mut cells {
            match parts.next() {
                Some(part) => *cell = part,
                None => return Some(Err(self.error(i + 1, format!("{N} colonnes attendues")))),
            }
        }
        if parts.next().is_some() {
            return Some(Err(self.error(i + 1, format!("{N} colonnes attendues"))));
        }
        Some(Ok((i + 1, cells)))
    }
}

fn number(table: &'static str, line: usize, cell: &str) -> Result<u64, ParseError> {
    cell.parse().map_err(|_| ParseError {
        table,
        line,
        message: format!("nombre attendu : « {cell} »"),
    })
}

fn zone(table: &'static str, line: usize, cell: &str) -> Result<Zone, ParseError> {
    Zone::from_name(cell).ok_or_else(|| ParseError {
        table,
        line,
        message: format!("zone inconnue : « {cell} »"),
    })
}

fn list(cell: &str) -> Vec<String> {
    if cell.is_empty() {
        Vec::new()
    } else {
        cell.split(',').map(str::to_owned).collect()
    }
}

/// Checks that `code` comes strictly after `previous` (tables are sorted by
/// code, which the lookups' binary searches rely on).
fn ascending(
    table: &'static str,
    line: usize,
    previous: &mut Option<&str>,
    code: &str,
) -> Result<(), ParseError> {
    if code.is_empty() {
        return Err(ParseError {
            table,
            line,
            message: "code vide".to_owned(),
        });
    }
    if let Some(prev) = *previous
        && prev >= code
    {
        return Err(ParseError {
            table,
            line,
            message: format!("codes non triés ou en double : « {prev} » puis « {code} »"),
        });
    }
    Ok(())
}

pub(crate) fn regions(text: &str) -> Result<Vec<Region>, ParseError> {
    const TABLE: &str = "regions.tsv";
    let mut out = Vec::with_capacity(32);
    let mut previous = None;
    for record in Records::new(TABLE, text, ["code", "nom", "zone"])? {
        let (line, [code, nom, z]) = record?;
        ascending(TABLE, line, &mut previous, code)?;
        previous = Some(code);
        out.push(Region {
            code: code.to_owned(),
            nom: nom.to_owned(),
            zone: zone(TABLE, line, z)?,
        });
    }
    Ok(out)
}

pub(crate) fn departements(text: &str) -> Result<Vec<Departement>, ParseError> {
    const TABLE: &str = "departements.tsv";
    let mut out = Vec::with_capacity(128);
    let mut previous = None;
    let header = ["code", "nom", "region", "zone", "population"];
    for record in Records::new(TABLE, text, header)? {
        let (line, [code, nom, region, z, population]) = record?;
        ascending(TABLE, line, &mut previous, code)?;
        previous = Some(code);
        out.push(Departement {
            code: code.to_owned(),
            nom: nom.to_owned(),
            region: region.to_owned(),
            zone: zone(TABLE, line, z)?,
            population: number(TABLE, line, population)?,
        });
    }
    Ok(out)
}

pub(crate) fn epci(text: &str) -> Result<Vec<Epci>, ParseError> {
    const TABLE: &str = "epci.tsv";
    let mut out = Vec::with_capacity(1300);
    let mut previous = None;
    let header = [
        "siren",
        "nom",
        "type",
        "population",
        "departements",
        "communes",
    ];
    for record in Records::new(TABLE, text, header)? {
        let (line, [siren, nom, kind, population, departements, communes]) = record?;
        ascending(TABLE, line, &mut previous, siren)?;
        previous = Some(siren);
        out.push(Epci {
            siren: siren.to_owned(),
            nom: nom.to_owned(),
            kind: kind.to_owned(),
            population: number(TABLE, line, population)?,
            communes: list(communes),
            departements: list(departements),
        });
    }
    Ok(out)
}

/// Communes, with `epci` left to [`link_epci`].
pub(crate) fn communes(text: &str) -> Result<Vec<Commune>, ParseError> {
    const TABLE: &str = "communes.tsv";
    let mut out = Vec::with_capacity(35_000);
    let mut previous = None;
    let header = ["insee", "nom", "departement", "population"];
    for record in Records::new(TABLE, text, header)? {
        let (line, [insee, nom, departement, population]) = record?;
        ascending(TABLE, line, &mut previous, insee)?;
        previous = Some(insee);
        out.push(Commune {
            insee: insee.to_owned(),
            nom: nom.to_owned(),
            departement: departement.to_owned(),
            population: if population.is_empty() {
                0
            } else {
                number(TABLE, line, population)?
            },
            epci: None,
        });
    }
    Ok(out)
}

/// Sets each commune's `epci` from the EPCI's member lists. `communes` is
/// sorted by INSEE code.
pub(crate) fn link_epci(communes: &mut [Commune], epcis: &[Epci]) -> Result<(), ParseError> {
    for epci in epcis {
        for member in &epci.communes {
            let i = communes
                .binary_search_by(|c| c.insee.as_str().cmp(member))
                .map_err(|_| ParseError {
                    table: "epci.tsv",
                    line: 0,
                    message: format!(
                        "l'EPCI {} a pour membre la commune inconnue {member}",
                        epci.siren
                    ),
                })?;
            let commune = &mut communes[i];
            if let Some(other) = &commune.epci {
                return Err(ParseError {
                    table: "epci.tsv",
                    line: 0,
                    message: format!(
                        "la commune {member} est membre de deux EPCI : {other} et {}",
                        epci.siren
                    ),
                });
            }
            commune.epci = Some(epci.siren.clone());
        }
    }
    Ok(())
}

pub(crate) fn hubs(text: &str) -> Result<Vec<Hub>, ParseError> {
    const TABLE: &str = "hubs.tsv";
    let mut out = Vec::new();
    for record in Records::new(TABLE, text, ["nom", "regions"])? {
        let (line, [nom, regions]) = record?;
        if nom.is_empty() || regions.is_empty() {
            return Err(ParseError {
                table: TABLE,
                line,
                message: "nom et régions attendus".to_owned(),
            });
        }
        out.push(Hub {
            nom: nom.to_owned(),
            regions: list(regions),
        });
    }
    Ok(out)
}
