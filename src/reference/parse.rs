//! Parsing of the TSV tables of `data/`: a header line, then one record per
//! line, tab-separated, sorted by code. Lines starting with `#` (only in the
//! hand-kept `hubs.tsv`) are comments.

use std::fmt;

use super::{CodePostal, Commune, Departement, Epci, Hub, Region, Zone};

/// A defect in an embedded table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ParseError {
    pub table: &'static str,
    /// 1-based; 0 when the defect is not on one line.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{} : {}", self.table, self.message)
        } else {
            write!(f, "{}, ligne {} : {}", self.table, self.line, self.message)
        }
    }
}

impl std::error::Error for ParseError {}

/// The lines of a table, as [`str::lines`] gives them (a final `\r`
/// dropped), found with the SIMD search of `memchr`: scanning the EPCI
/// table byte by byte was a fifth of a one-file check.
#[derive(Clone)]
pub(crate) struct Lines<'a> {
    rest: &'a str,
}

/// The lines of `text`.
pub(crate) fn lines(text: &str) -> Lines<'_> {
    Lines { rest: text }
}

impl<'a> Iterator for Lines<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        if self.rest.is_empty() {
            return None;
        }
        let (line, rest) = match memchr::memchr(b'\n', self.rest.as_bytes()) {
            Some(i) => {
                let line = &self.rest[..i];
                (line.strip_suffix('\r').unwrap_or(line), &self.rest[i + 1..])
            }
            None => (self.rest, ""),
        };
        self.rest = rest;
        Some(line)
    }
}

/// The records of a table: `(line number, cells)`, after checking the header.
struct Records<'a, const N: usize> {
    table: &'static str,
    lines: std::iter::Enumerate<Lines<'a>>,
}

impl<'a, const N: usize> Records<'a, N> {
    fn new(table: &'static str, text: &'a str, header: [&str; N]) -> Result<Self, ParseError> {
        let mut lines = lines(text).enumerate();
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
        match cells(line) {
            Some(cells) => Some(Ok((i + 1, cells))),
            None => Some(Err(self.error(i + 1, format!("{N} colonnes attendues")))),
        }
    }
}

/// The `N` tab-separated cells of `line`, or `None` when it has another
/// number of cells.
fn cells<const N: usize>(line: &str) -> Option<[&str; N]> {
    let mut fields = fields(line, b'\t');
    let mut cells = [""; N];
    for cell in &mut cells {
        *cell = fields.next()?;
    }
    fields.next().is_none().then_some(cells)
}

/// The fields of `text` between the ASCII bytes `separator`, as
/// `str::split` gives them, each found by a plain loop over the bytes: with
/// a separator every few bytes, `str::split` (which searches each anew)
/// and memchr (its setup at each search) cost more than they saved; they
/// were most of the time of reading the communes, the départements and
/// the EPCI.
fn fields(text: &str, separator: u8) -> Fields<'_> {
    Fields {
        text,
        start: 0,
        separator,
    }
}

/// The iterator of [`fields`]; `start` past the end once the last field
/// is given.
struct Fields<'a> {
    text: &'a str,
    start: usize,
    separator: u8,
}

impl<'a> Iterator for Fields<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let rest = self.text.as_bytes().get(self.start..)?;
        let end = rest
            .iter()
            .position(|&b| b == self.separator)
            .map_or(self.text.len(), |i| self.start + i);
        let field = &self.text[self.start..end];
        self.start = end + 1;
        Some(field)
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

/// A comma-separated cell of an embedded table, borrowed from it.
fn static_list(cell: &'static str) -> Vec<&'static str> {
    if cell.is_empty() {
        return Vec::new();
    }
    // Sized first: an EPCI lists up to a few hundred communes.
    let mut out = Vec::with_capacity(cell.bytes().filter(|&b| b == b',').count() + 1);
    out.extend(fields(cell, b','));
    out
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

pub(crate) fn departements(text: &'static str) -> Result<Vec<Departement>, ParseError> {
    const TABLE: &str = "departements.tsv";
    let mut out = Vec::with_capacity(128);
    let mut previous = None;
    let header = [
        "code",
        "nom",
        "region",
        "zone",
        "population",
        "liaison",
        "collectivite",
    ];
    for record in Records::new(TABLE, text, header)? {
        let (line, [code, nom, region, z, population, liaison, collectivite]) = record?;
        ascending(TABLE, line, &mut previous, code)?;
        previous = Some(code);
        out.push(Departement {
            code,
            nom,
            region,
            zone: zone(TABLE, line, z)?,
            population: number(TABLE, line, population)?,
            collectivite: (!collectivite.is_empty()).then_some(collectivite),
            liaison: u8::try_from(number(TABLE, line, liaison)?)
                .ok()
                .filter(|l| *l <= 5)
                .ok_or_else(|| ParseError {
                    table: TABLE,
                    line,
                    message: format!("liaison (TNCC) de 0 à 5 attendue : « {liaison} »"),
                })?,
        });
    }
    Ok(out)
}

const EPCI_TABLE: &str = "epci.tsv";
const EPCI_HEADER: [&str; 6] = [
    "siren",
    "nom",
    "type",
    "population",
    "departements",
    "communes",
];

/// One line of `epci.tsv`, not parsed beyond what the index needs.
#[cfg(test)]
pub(crate) struct EpciLine {
    pub siren: &'static str,
    pub departements: &'static str,
    pub line_no: usize,
    pub text: &'static str,
}

/// The index of `epci.tsv`: each line's SIREN and départements, checked to
/// be sorted by SIREN; the rest of the line is parsed by [`epci_line`].
#[cfg(test)]
pub(crate) fn epci_index(text: &'static str) -> Result<Vec<EpciLine>, ParseError> {
    let mut lines = lines(text).enumerate();
    let expected = EPCI_HEADER.join("\t");
    match lines.next() {
        Some((_, header)) if header == expected => {}
        _ => {
            return Err(ParseError {
                table: EPCI_TABLE,
                line: 1,
                message: format!("en-tête attendu : « {expected} »"),
            });
        }
    }
    let mut out: Vec<EpciLine> = Vec::with_capacity(1300);
    for (i, line) in lines {
        let line_no = i + 1;
        // The first five tabs (memchr): SIREN is the first cell,
        // départements the fifth.
        let mut tabs = memchr::memchr_iter(b'\t', line.as_bytes());
        let (Some(first), Some(_), Some(_), Some(fourth), Some(fifth)) = (
            tabs.next(),
            tabs.next(),
            tabs.next(),
            tabs.next(),
            tabs.next(),
        ) else {
            return Err(ParseError {
                table: EPCI_TABLE,
                line: line_no,
                message: format!("{} colonnes attendues", EPCI_HEADER.len()),
            });
        };
        let siren = &line[..first];
        let departements = &line[fourth + 1..fifth];
        let mut previous = out.last().map(|e| e.siren);
        ascending(EPCI_TABLE, line_no, &mut previous, siren)?;
        out.push(EpciLine {
            siren,
            departements,
            line_no,
            text: line,
        });
    }
    Ok(out)
}

/// Parses one line of `epci.tsv`.
pub(crate) fn epci_line(line_no: usize, line: &'static str) -> Result<Epci, ParseError> {
    let error = |message: String| ParseError {
        table: EPCI_TABLE,
        line: line_no,
        message,
    };
    let [siren, nom, kind, population, departements, communes] =
        cells(line).ok_or_else(|| error(format!("{} colonnes attendues", EPCI_HEADER.len())))?;
    if communes.is_empty() || departements.is_empty() {
        return Err(error(format!("l'EPCI {siren} n'a pas de commune")));
    }
    Ok(Epci {
        siren,
        nom,
        kind,
        population: number(EPCI_TABLE, line_no, population)?,
        communes: static_list(communes),
        departements: static_list(departements),
    })
}

const COMMUNES_TABLE: &str = "communes.tsv";
const COMMUNES_HEADER: &str = "insee\tnom\tdepartement\tpopulation";

/// Byte offset of the first record line of `text` (its header skipped) for
/// which `before` is false; `before` must hold for a leading run of the
/// lines and for no line after it. A binary search over byte positions: no
/// pass over the whole text.
fn partition_point(text: &str, before: impl Fn(&[u8]) -> bool) -> usize {
    let bytes = text.as_bytes();
    let body = text.find('\n').map_or(text.len(), |i| i + 1);
    // `lo` and `hi` are line starts (or the end); the lines before `lo`
    // satisfy `before`, those from `hi` on do not.
    let (mut lo, mut hi) = (body, text.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let start = bytes[lo..mid]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(lo, |i| lo + i + 1);
        let end = bytes[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |i| start + i + 1);
        if before(&bytes[start..end]) {
            lo = end;
        } else {
            hi = start;
        }
    }
    lo
}

/// The byte range of the lines of `communes.tsv` whose INSEE code starts
/// with `prefix` (the table is sorted by INSEE code).
pub(crate) fn communes_with_prefix(text: &str, prefix: &[u8; 2]) -> std::ops::Range<usize> {
    let key = |line: &[u8]| -> [u8; 2] {
        [
            line.first().copied().unwrap_or(0),
            line.get(1).copied().unwrap_or(0),
        ]
    };
    let start = partition_point(text, |line| key(line) < *prefix);
    let end = partition_point(text, |line| key(line) <= *prefix);
    start..end.max(start)
}

/// Parses the lines `range` of `communes.tsv` (`text`), whose INSEE codes
/// all start with `prefix`; `epci` is left to [`link_epci`].
pub(crate) fn communes(
    text: &'static str,
    range: std::ops::Range<usize>,
    prefix: &[u8; 2],
) -> Result<Vec<Commune>, ParseError> {
    // Line numbers are only counted when an error is reported.
    let line_of = |offset: usize| text[..offset].bytes().filter(|&b| b == b'\n').count() + 1;
    if !text.starts_with(COMMUNES_HEADER)
        || text.as_bytes().get(COMMUNES_HEADER.len()) != Some(&b'\n')
    {
        return Err(ParseError {
            table: COMMUNES_TABLE,
            line: 1,
            message: format!("en-tête attendu : « {COMMUNES_HEADER} »"),
        });
    }
    // One commune per line: a slot holds from one to a thousand of them.
    let lines = memchr::memchr_iter(b'\n', text[range.clone()].as_bytes()).count();
    let mut out = Vec::with_capacity(lines + 1);
    let mut previous: Option<&str> = None;
    // Each line found with memchr, with its offset for the messages.
    let mut start = range.start;
    while start < range.end {
        let end = memchr::memchr(b'\n', &text.as_bytes()[start..range.end])
            .map_or(range.end, |i| start + i);
        let line = &text[start..end];
        let line = line.strip_suffix('\r').unwrap_or(line);
        let error = |message: String| ParseError {
            table: COMMUNES_TABLE,
            line: line_of(start),
            message,
        };
        let Some([insee, nom, departement, population]) = cells(line) else {
            return Err(error("4 colonnes attendues".to_owned()));
        };
        if !insee.as_bytes().starts_with(prefix) || !departement.as_bytes().starts_with(prefix) {
            return Err(error(format!(
                "code « {insee} » ou département « {departement} » hors de sa section"
            )));
        }
        if let Some(prev) = previous
            && prev >= insee
        {
            return Err(error(format!(
                "codes non triés ou en double : « {prev} » puis « {insee} »"
            )));
        }
        previous = Some(insee);
        let population = if population.is_empty() {
            0
        } else {
            population
                .parse()
                .map_err(|_| error(format!("nombre attendu : « {population} »")))?
        };
        out.push(Commune {
            insee,
            nom,
            departement,
            population,
            epci: None,
            ept: None,
        });
        start = end + 1;
    }
    Ok(out)
}

/// An INSEE code (five characters) as a number that sorts as the code
/// does: the binary search below compares numbers, not strings (string
/// comparisons were most of the time of attaching a département's
/// communes to their EPCI). Codes of up to eight bytes keep their order;
/// longer ones (none in the tables) are cut and still found, since the
/// search ends on an exact comparison of the codes.
pub(super) fn insee_key(code: &str) -> u64 {
    let bytes = code.as_bytes();
    (0..8).fold(0, |key, i| {
        key << 8 | u64::from(bytes.get(i).copied().unwrap_or(0))
    })
}

/// Sets the `epci` (or, for an EPT, `ept`) of the communes of `communes`
/// members of each of `epcis`; `communes` holds all the communes whose
/// INSEE code starts with `prefix`, sorted by code, and members outside
/// `prefix` are left to their own slot.
pub(crate) fn link_epcis<'e>(
    communes: &mut [Commune],
    epcis: impl IntoIterator<Item = &'e Epci>,
    prefix: &str,
) -> Result<(), ParseError> {
    let keys: Vec<u64> = communes.iter().map(|c| insee_key(c.insee)).collect();
    for epci in epcis {
        link_epci(communes, &keys, epci, prefix)?;
    }
    Ok(())
}

/// [`link_epcis`] for one EPCI; `keys` are the [`insee_key`] of
/// `communes`.
fn link_epci(
    communes: &mut [Commune],
    keys: &[u64],
    epci: &Epci,
    prefix: &str,
) -> Result<(), ParseError> {
    let error = |message: String| ParseError {
        table: EPCI_TABLE,
        line: 0,
        message,
    };
    for member in epci.communes.iter().filter(|c| c.starts_with(prefix)) {
        let key = insee_key(member);
        let first = keys.partition_point(|&k| k < key);
        let i = (first..keys.len())
            .take_while(|&i| keys[i] == key)
            .find(|&i| communes[i].insee == *member)
            .ok_or_else(|| {
                error(format!(
                    "l'EPCI {} a pour membre la commune inconnue {member}",
                    epci.siren
                ))
            })?;
        let commune = &mut communes[i];
        if epci.kind == "EPT" {
            // An EPT of the Grand Paris: its communes' EPCI is the Métropole.
            if let Some(other) = &commune.ept {
                return Err(error(format!(
                    "la commune {member} est membre de deux EPT : {other} et {}",
                    epci.siren
                )));
            }
            commune.ept = Some(epci.siren);
            continue;
        }
        if let Some(other) = &commune.epci {
            return Err(error(format!(
                "la commune {member} est membre de deux EPCI : {other} et {}",
                epci.siren
            )));
        }
        commune.epci = Some(epci.siren);
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

/// Parses `codes-postaux.tsv`: a postal code (5 digits) and the INSEE codes
/// of the communes it serves, sorted by postal code.
pub(crate) fn codes_postaux(text: &'static str) -> Result<Vec<CodePostal>, ParseError> {
    const TABLE: &str = "codes-postaux.tsv";
    let mut out = Vec::with_capacity(6400);
    let mut previous = None;
    for record in Records::new(TABLE, text, ["code_postal", "communes"])? {
        let (line, [code, communes]) = record?;
        ascending(TABLE, line, &mut previous, code)?;
        previous = Some(code);
        if code.len() != 5 || !code.bytes().all(|b| b.is_ascii_digit()) || communes.is_empty() {
            return Err(ParseError {
                table: TABLE,
                line,
                message: format!("code postal à 5 chiffres et communes attendus : « {code} »"),
            });
        }
        out.push(CodePostal { code, communes });
    }
    Ok(out)
}

#[cfg(test)]
mod lines_tests {
    #[test]
    fn fields_and_cells_are_those_of_str_split() {
        for line in [
            "",
            "a",
            "a\tb",
            "a\tb\tc",
            "\t",
            "\t\t",
            "é\tè\t",
            "a\t\tb",
            "a\tb\tc\td",
        ] {
            let split: Vec<&str> = line.split('\t').collect();
            assert_eq!(super::fields(line, b'\t').collect::<Vec<_>>(), split);
            let as_array = |n| (split.len() == n).then(|| split.clone());
            assert_eq!(
                super::cells::<1>(line).map(Vec::from),
                as_array(1),
                "{line:?}"
            );
            assert_eq!(
                super::cells::<2>(line).map(Vec::from),
                as_array(2),
                "{line:?}"
            );
            assert_eq!(
                super::cells::<3>(line).map(Vec::from),
                as_array(3),
                "{line:?}"
            );
        }
    }

    #[test]
    fn lines_are_those_of_str_lines() {
        for text in [
            "",
            "a",
            "a\n",
            "a\nb",
            "a\r\nb\r\n",
            "\n\n",
            "a\rb\n",
            "\r\n",
            "baz\r",
            "é\tè\n\nx",
        ] {
            assert_eq!(
                super::lines(text).collect::<Vec<_>>(),
                text.lines().collect::<Vec<_>>(),
                "{text:?}"
            );
        }
    }
}
