//! Lines of the embedded tables read as they are: the search scores every
//! name without building the communes and their EPCI.

use super::super::{COMMUNES_TSV, parse};

/// A line of `epci.tsv`, read without its list of communes.
#[derive(Clone, Copy, Debug)]
pub(super) struct EpciRow<'a> {
    pub(super) siren: &'a str,
    pub(super) nom: &'a str,
    pub(super) kind: &'a str,
    pub(super) population: u64,
    pub(super) departements: &'a str,
}

pub(super) fn epci_row(line: &str) -> Option<EpciRow<'_>> {
    let mut cells = line.splitn(6, '\t');
    Some(EpciRow {
        siren: cells.next()?,
        nom: cells.next()?,
        kind: cells.next()?,
        population: cells.next()?.parse().ok()?,
        departements: cells.next()?,
    })
}

/// A line of `communes.tsv`.
#[derive(Clone, Copy, Debug)]
pub(super) struct CommuneRow<'a> {
    pub(super) insee: &'a str,
    pub(super) nom: &'a str,
    pub(super) departement: &'a str,
    /// As written: read only for the communes that match.
    pub(super) population: &'a str,
}

impl CommuneRow<'_> {
    /// Its population (empty in the table when unknown: 0).
    pub(super) fn population(&self) -> u64 {
        self.population.parse().unwrap_or(0)
    }
}

pub(super) fn commune_row(line: &str) -> Option<CommuneRow<'_>> {
    let mut cells = line.split('\t');
    Some(CommuneRow {
        insee: cells.next()?,
        nom: cells.next()?,
        departement: cells.next()?,
        population: cells.next()?,
    })
}

/// Every commune of `communes.tsv` (its header skipped), in one pass over
/// the bytes: the search by name reads all 35 000 lines, and splitting each
/// with `lines` then `split` costs more than scoring it.
pub(super) fn for_each_commune(mut f: impl FnMut(CommuneRow<'static>)) {
    let text = COMMUNES_TSV;
    let body = text.find('\n').map_or(text.len(), |i| i + 1);
    // Where the cells of the current line start.
    let mut cells = [body; 4];
    let mut k = 1;
    for (i, b) in text.bytes().enumerate().skip(body) {
        match b {
            b'\t' if k < 4 => {
                cells[k] = i + 1;
                k += 1;
            }
            b'\n' => {
                if k == 4 {
                    f(CommuneRow {
                        insee: &text[cells[0]..cells[1] - 1],
                        nom: &text[cells[1]..cells[2] - 1],
                        departement: &text[cells[2]..cells[3] - 1],
                        population: &text[cells[3]..i],
                    });
                }
                cells[0] = i + 1;
                k = 1;
            }
            _ => {}
        }
    }
}

/// The lines of `communes.tsv` whose INSEE code starts like `code` (its
/// first two characters: a département, or `97`, `98`).
pub(super) fn commune_lines(code: &str) -> impl Iterator<Item = &'static str> {
    let prefix = match code.as_bytes() {
        [a, b, ..] => [*a, *b],
        _ => [0, 0],
    };
    let range = parse::communes_with_prefix(COMMUNES_TSV, &prefix);
    COMMUNES_TSV[range].lines()
}

/// The commune of INSEE code `insee`, read from its line.
pub(super) fn commune(insee: &str) -> Option<CommuneRow<'static>> {
    commune_lines(insee)
        .filter_map(commune_row)
        .find(|c| c.insee == insee)
}
