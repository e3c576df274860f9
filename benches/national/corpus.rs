//! Générateur du corpus national du banc d'essai de performance.
//!
//! ```text
//! cargo run --release --example corpus -- DOSSIER [--scale K]
//! cargo run --release --example corpus -- DOSSIER --stress [--membres N] [--inconnus N]
//! ```
//!
//! **Mode national** (par défaut) : un fichier `CODE.copil` par département
//! des données de référence (les 101 départements, sans les COM), tiré des
//! données embarquées : préfecture, Département, **tous** les EPCI et
//! **toutes** les communes du département comme membres, le Hub de la
//! région, CAF, CPAM, France Travail, le pilotage, un comité stratégique
//! coprésidé par le préfet et le Département, **un comité territorial par
//! EPCI** (périmètre l'EPCI, membres l'EPCI et ses communes), la CRSN, une
//! feuille de route de trois actions et des besoins. Chaque fichier compile
//! (`copil check` rend 0 ou 1, jamais 2).
//!
//! `--scale K` répète K fois les comités territoriaux (identifiants
//! distincts). La copie k du comité de l'EPCI n° j a les mêmes membres
//! (l'EPCI j et ses communes) mais pour périmètre l'EPCI n° (j + k) modulo
//! le nombre d'EPCI du département : deux copies aux mêmes membres ont
//! ainsi des périmètres disjoints et ne sont pas des doublons. Une
//! répétition à l'identique ferait K(K-1)/2 doublons par EPCI : le travail
//! attendu (et la sortie) croîtrait comme K², et la cible « le temps croît
//! comme l'entrée » n'aurait plus de sens. Seuls les départements de moins
//! de K EPCI (Paris, le Territoire de Belfort, la Martinique…) gardent
//! quelques doublons.
//!
//! Le corpus contient exprès quelques violations des cinq règles comparées
//! avec regorus (`benches/regorus/`) : un préfet qui n'est pas la préfecture
//! (FNE-PIL-01), un comité stratégique présidé par le seul préfet
//! (FNE-COM-01), des comités territoriaux sans fréquence (FNE-COM-02), une
//! action surfinancée (FNE-FDR-06), une MSA déclarée sans servir
//! (FNE-MEM-01, avec les communes qui n'appartiennent à aucun EPCI).
//!
//! **Mode `--stress`** : trois fichiers pathologiques.
//! - `membres-200000.copil` : 200 000 membres déclarés (Isère), répartis
//!   dans 200 comités de 1 000 membres ;
//! - `inutilises-200000.copil` : les mêmes membres, qui ne siègent nulle
//!   part (200 000 avertissements FNE-MEM-01 ; ce cas cachait une étape
//!   quadratique que le premier ne voyait pas) ;
//! - `inconnus-20000.copil` : le fichier du Nord, plus 20 comités qui
//!   citent 20 000 identifiants non déclarés, chacun une faute de frappe
//!   distincte d'un identifiant déclaré (la recherche « vouliez-vous dire »
//!   tourne 20 000 fois). Ce fichier ne compile pas (code 2) : c'est voulu.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use copil::reference::{Departement, Epci, Reference, Zone};

/// Mots-clés du langage : un identifiant généré ne les prend jamais (ils ne
/// sont pas réservés, mais un fichier lisible les évite).
const KEYWORDS: &[&str] = &[
    "action",
    "adosse",
    "annees",
    "besoins",
    "budget",
    "comite",
    "contrat",
    "coordination",
    "copilotes",
    "crsn",
    "derogation",
    "diagnostic",
    "etp",
    "existant",
    "feuille_de_route",
    "financement",
    "frequence",
    "membre",
    "membres",
    "mission",
    "nom",
    "perimetre",
    "periode",
    "pilotage",
    "pilote",
    "porteur",
    "porteurs",
    "prefet",
    "presidence",
    "prestation",
    "priorite",
    "region",
    "rend_compte",
    "sans_chevauchement",
    "siret",
    "tags",
    "territoire",
];

/// Identifiants par ligne dans une liste `membres`.
const PER_LINE: usize = 8;

struct Options {
    out: PathBuf,
    scale: usize,
    stress: bool,
    membres: usize,
    inconnus: usize,
}

fn usage() -> &'static str {
    "Utilisation : corpus DOSSIER [--scale K]\n       corpus DOSSIER --stress [--membres N] [--inconnus N]"
}

fn parse_args() -> Result<Options, String> {
    let mut args = std::env::args().skip(1);
    let mut out = None;
    let mut options = Options {
        out: PathBuf::new(),
        scale: 1,
        stress: false,
        membres: 200_000,
        inconnus: 20_000,
    };
    let number = |name: &str, value: Option<String>| -> Result<usize, String> {
        value
            .and_then(|v| v.parse::<usize>().ok())
            .filter(|&n| n > 0)
            .ok_or_else(|| format!("{name} attend un entier positif"))
    };
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--scale" => options.scale = number("--scale", args.next())?,
            "--membres" => options.membres = number("--membres", args.next())?,
            "--inconnus" => options.inconnus = number("--inconnus", args.next())?,
            "--stress" => options.stress = true,
            "-h" | "--help" => return Err(usage().to_string()),
            _ if arg.starts_with('-') => return Err(format!("option inconnue : {arg}")),
            _ if out.is_none() => out = Some(PathBuf::from(arg)),
            _ => return Err(format!("argument en trop : {arg}")),
        }
    }
    options.out = out.ok_or_else(|| usage().to_string())?;
    Ok(options)
}

fn main() -> ExitCode {
    let options = match parse_args() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let result = std::fs::create_dir_all(&options.out)
        .map_err(|e| format!("{} : {e}", options.out.display()))
        .and_then(|()| {
            if options.stress {
                stress(&options)
            } else {
                national(&options)
            }
        });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("erreur : {message}");
            ExitCode::FAILURE
        }
    }
}

fn write(dir: &Path, name: &str, text: &str) -> Result<(u64, usize), String> {
    let path = dir.join(name);
    std::fs::write(&path, text).map_err(|e| format!("{} : {e}", path.display()))?;
    Ok((text.len() as u64, text.lines().count()))
}

/// The 101 départements (the COM are left out: they have no EPCI and are
/// not governed by a FNE file).
fn departements() -> Vec<&'static Departement> {
    Reference::get()
        .departements()
        .filter(|d| d.zone != Zone::Com)
        .collect()
}

fn national(options: &Options) -> Result<(), String> {
    let (mut bytes, mut lines) = (0, 0);
    let list = departements();
    for (index, d) in list.iter().enumerate() {
        let text = departement_file(d, index, options.scale).text;
        let (b, l) = write(&options.out, &format!("{}.copil", d.code), &text)?;
        bytes += b;
        lines += l;
    }
    eprintln!(
        "{} fichiers, {lines} lignes, {bytes} octets (échelle {}) dans {}",
        list.len(),
        options.scale,
        options.out.display()
    );
    Ok(())
}

fn stress(options: &Options) -> Result<(), String> {
    let name = format!("membres-{}.copil", options.membres);
    let (b, l) = write(&options.out, &name, &many_members(options.membres, true))?;
    eprintln!("{name} : {l} lignes, {b} octets");
    let name = format!("inutilises-{}.copil", options.membres);
    let (b, l) = write(&options.out, &name, &many_members(options.membres, false))?;
    eprintln!("{name} : {l} lignes, {b} octets");
    let name = format!("inconnus-{}.copil", options.inconnus);
    let (b, l) = write(&options.out, &name, &unknown_references(options.inconnus))?;
    eprintln!("{name} : {l} lignes, {b} octets");
    Ok(())
}

/// Allocates readable, unique identifiers.
#[derive(Default)]
struct Ids {
    used: HashSet<String>,
}

impl Ids {
    fn new() -> Ids {
        Ids {
            used: KEYWORDS.iter().map(|k| k.to_string()).collect(),
        }
    }

    /// `base` if free, else `base_2`, `base_3`…
    fn take(&mut self, base: &str) -> String {
        let mut id = base.to_string();
        let mut n = 2;
        while !self.used.insert(id.clone()) {
            id = format!("{base}_{n}");
            n += 1;
        }
        id
    }
}

/// An ASCII identifier from a French name: `Saint-Étienne-de-Crossey` →
/// `saint_etienne_de_crossey`.
fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        let mapped = match c {
            'à' | 'â' | 'ä' | 'á' | 'ã' => "a",
            'ç' => "c",
            'é' | 'è' | 'ê' | 'ë' => "e",
            'î' | 'ï' | 'í' | 'ì' => "i",
            'ô' | 'ö' | 'ó' | 'ò' | 'õ' => "o",
            'ù' | 'û' | 'ü' | 'ú' => "u",
            'ÿ' | 'ý' => "y",
            'ñ' => "n",
            'œ' => "oe",
            'æ' => "ae",
            c if c.is_ascii_alphanumeric() => {
                out.push(c);
                continue;
            }
            _ => "_",
        };
        if mapped == "_" && (out.is_empty() || out.ends_with('_')) {
            continue;
        }
        out.push_str(mapped);
    }
    while out.ends_with('_') {
        out.pop();
    }
    if !out.starts_with(|c: char| c.is_ascii_alphabetic()) {
        out.insert_str(0, "x_");
    }
    out
}

/// A short identifier for an EPCI: its name without the legal form and the
/// articles, prefixed by the form (`CC du Pays de Saint-Fulgent` →
/// `cc_pays_de_saint_fulgent`).
fn epci_slug(e: &Epci) -> String {
    let mut s = slug(e.nom);
    for prefix in ["cc_", "ca_", "cu_", "communaute_de_communes_", "metropole_"] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest.to_string();
            break;
        }
    }
    for article in ["de_la_", "de_l_", "du_", "des_", "de_", "d_"] {
        if let Some(rest) = s.strip_prefix(article) {
            s = rest.to_string();
            break;
        }
    }
    let kind = match e.kind {
        "MET69" | "METRO" => "metro".to_string(),
        k => k.to_ascii_lowercase(),
    };
    format!("{kind}_{s}")
}

/// A string literal's content: `"` and `\\` escaped.
fn esc(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

/// `membres a, b, c` over several lines (no trailing comma), indented.
fn push_list(out: &mut String, keyword: &str, ids: &[&str]) {
    let _ = write!(out, "    {keyword:<11} ");
    let indent = " ".repeat(16);
    for (i, chunk) in ids.chunks(PER_LINE).enumerate() {
        if i > 0 {
            out.push_str(",\n");
            out.push_str(&indent);
        }
        out.push_str(&chunk.join(", "));
    }
    out.push('\n');
}

/// The territorial comité of one EPCI (its id, for `sans_chevauchement`).
struct Territorial {
    epci_id: String,
    nom: String,
    membres: Vec<String>,
}

/// One département's file, the ids of its members and every id it
/// declares (for the stress files).
struct Generated {
    text: String,
    members: Vec<String>,
    ids: HashSet<String>,
}

/// Which seeded violations a département gets (by its index, 0..101).
struct Seeds {
    prefet_sgar: bool,
    copil_prefet_seul: bool,
    sans_frequence: bool,
    surfinancement: bool,
    msa_inutile: bool,
}

impl Seeds {
    fn of(index: usize) -> Seeds {
        Seeds {
            prefet_sgar: index % 50 == 17,
            copil_prefet_seul: index % 25 == 7,
            sans_frequence: index % 10 == 3,
            surfinancement: index % 7 == 2,
            msa_inutile: index % 5 == 1,
        }
    }
}

fn departement_file(d: &Departement, index: usize, scale: usize) -> Generated {
    let reference = Reference::get();
    let seeds = Seeds::of(index);
    let code = d.code;
    let de = esc(&d.de_nom());
    let region = reference
        .region(d.region)
        .map_or(d.region.to_owned(), |r| esc(&r.nom));
    let mut ids = Ids::new();
    let mut declared = Vec::new();
    let mut out = String::with_capacity(64 * 1024);
    let _ = writeln!(
        out,
        "# Gouvernance France Numérique Ensemble — {} ({code})\n\
         # Fichier généré par benches/national/corpus.rs (échelle {scale}) à partir des données de référence.\n\
         territoire {code}\nperiode    2023..2027\n",
        d.nom
    );

    // Fixed members.
    let prefecture = ids.take("prefecture");
    let cd = ids.take(&format!("cd{}", code.to_ascii_lowercase()));
    let caf = ids.take(&format!("caf{}", code.to_ascii_lowercase()));
    let cpam = ids.take(&format!("cpam{}", code.to_ascii_lowercase()));
    let ft = ids.take(&format!("ft{}", code.to_ascii_lowercase()));
    let ami = ids.take("ami");
    let _ = writeln!(out, "membre {prefecture} prefecture");
    let _ = writeln!(out, "membre {cd} departement {code}");
    let _ = writeln!(out, "membre {caf} caf \"CAF {de}\"");
    let _ = writeln!(out, "membre {cpam} cpam \"CPAM {de}\"");
    let _ = writeln!(
        out,
        "membre {ft} france_travail \"France Travail {}\"",
        esc(d.nom)
    );
    let _ = writeln!(
        out,
        "membre {ami} association_elus \"Association des maires {de}\""
    );
    let hub = reference.hubs_of_region(d.region).first().map(|h| {
        let id = ids.take("hub");
        let _ = writeln!(
            out,
            "membre {id} hub \"{}\" {{ region {} }}",
            esc(&h.nom),
            d.region
        );
        id
    });
    let sgar = seeds.prefet_sgar.then(|| {
        let id = ids.take("sgar");
        let _ = writeln!(out, "membre {id} sgar");
        id
    });
    let msa = seeds.msa_inutile.then(|| {
        let id = ids.take(&format!("msa{}", code.to_ascii_lowercase()));
        let _ = writeln!(
            out,
            "membre {id} msa \"MSA {de}\"   # déclarée, ne siège nulle part"
        );
        id
    });
    declared.extend(
        [&prefecture, &cd, &caf, &cpam, &ft, &ami]
            .into_iter()
            .cloned()
            .chain(hub.clone())
            .chain(sgar.clone())
            .chain(msa),
    );

    // Every EPCI of the département.
    let epcis = reference.epcis_of_departement(code);
    let _ = writeln!(out, "\n# Les {} EPCI du département", epcis.len());
    let mut territorials = Vec::with_capacity(epcis.len());
    for e in &epcis {
        let id = ids.take(&epci_slug(e));
        let rural = e.kind == "CC" && e.population < 20_000;
        let tags = if rural { " { tags rural }" } else { "" };
        let _ = writeln!(out, "membre {id} epci {}{tags}   # {}", e.siren, e.nom);
        declared.push(id.clone());
        territorials.push(Territorial {
            epci_id: id,
            nom: esc(e.nom),
            membres: Vec::new(),
        });
    }

    // Every commune of the département, grouped by EPCI.
    let communes: Vec<_> = reference
        .communes()
        .filter(|c| c.departement == d.code)
        .collect();
    let most_populous = communes
        .iter()
        .max_by_key(|c| c.population)
        .map(|c| &c.insee);
    let _ = writeln!(out, "\n# Les {} communes du département", communes.len());
    for c in &communes {
        let id = ids.take(&slug(c.nom));
        let tags = if Some(&c.insee) == most_populous {
            " { tags qpv }"
        } else {
            ""
        };
        let _ = writeln!(out, "membre {id} commune {}{tags}", c.insee);
        declared.push(id.clone());
        if let Some(siren) = &c.epci
            && let Some(pos) = epcis.iter().position(|e| &e.siren == siren)
        {
            territorials[pos].membres.push(id);
        }
    }

    // Pilotage.
    let prefet = sgar.as_ref().unwrap_or(&prefecture);
    let _ = writeln!(
        out,
        "\npilotage {{\n    prefet       {prefet}\n    pilote       {cd}\n    coordination {cd}\n}}\n"
    );

    // The strategic comité.
    let _ = writeln!(
        out,
        "comite copil strategique \"Comité de pilotage France Numérique Ensemble {de}\" {{"
    );
    if seeds.copil_prefet_seul {
        push_list(&mut out, "presidence", &[prefet.as_str()]);
    } else {
        push_list(&mut out, "presidence", &[prefet.as_str(), cd.as_str()]);
    }
    let mut membres: Vec<&str> = territorials.iter().map(|t| t.epci_id.as_str()).collect();
    if seeds.copil_prefet_seul {
        membres.push(&cd);
    }
    membres.extend([caf.as_str(), cpam.as_str(), ft.as_str(), ami.as_str()]);
    membres.extend(hub.as_deref());
    push_list(&mut out, "membres", &membres);
    out.push_str("    frequence   semestrielle\n}\n\n");
    ids.take("copil");

    // The territorial comités, `scale` copies each.
    let n = territorials.len();
    for k in 0..scale {
        for (j, t) in territorials.iter().enumerate() {
            let id = if k == 0 {
                ids.take(&format!("t_{}", t.epci_id))
            } else {
                ids.take(&format!("t{}_{}", k + 1, t.epci_id))
            };
            let suffix = if k == 0 {
                String::new()
            } else {
                format!(" (atelier {})", k + 1)
            };
            let _ = writeln!(
                out,
                "comite {id} consultatif \"Comité territorial — {}{suffix}\" {{",
                t.nom
            );
            out.push_str("    rend_compte copil\n");
            let perimetre = &territorials[(j + k) % n].epci_id;
            let _ = writeln!(out, "    perimetre   {perimetre}");
            let mut membres: Vec<&str> = vec![t.epci_id.as_str()];
            membres.extend(t.membres.iter().map(String::as_str));
            push_list(&mut out, "membres", &membres);
            if !(seeds.sans_frequence && k == 0 && j == 0) {
                let frequence = if j % 2 == 0 {
                    "trimestrielle"
                } else {
                    "semestrielle"
                };
                let _ = writeln!(out, "    frequence   {frequence}");
            }
            out.push_str("}\n\n");
        }
    }

    // CRSN.
    let mut crsn = vec![cd.as_str()];
    crsn.extend(hub.as_deref());
    let _ = writeln!(out, "crsn {} {{ membres {} }}\n", d.region, crsn.join(", "));

    // The roadmap.
    let _ = writeln!(
        out,
        "feuille_de_route fdr \"Feuille de route France Numérique Ensemble {de}\" {{\n    \
         porteur    {cd}\n    perimetre  departement\n    contrat    sdaasap\n    \
         diagnostic \"Diagnostic territorial de l'inclusion numérique {de} (2024)\""
    );
    ids.take("fdr");
    let _ = writeln!(
        out,
        "    action \"Médiation numérique itinérante\" {{\n        \
         porteurs    {cd}\n        besoins     animer_la_gouvernance\n        \
         annees      2024..2027\n        budget      300_000 €\n        \
         financement {cd} 150_000 €\n        financement {caf}  50_000 €\n    }}"
    );
    let (budget, part_cd) = if seeds.surfinancement {
        ("60_000", "60_000") // 60 000 + 20 000 > 60 000 : FNE-FDR-06
    } else {
        ("120_000", "60_000")
    };
    let _ = writeln!(
        out,
        "    action \"Former les agents d'accueil\" {{\n        \
         porteurs    {cd}, {ft}\n        besoins     appuyer_la_certification_qualiopi\n        \
         annees      2024..2026\n        budget      {budget} €\n        \
         financement {cd} {part_cd} €\n        financement {ft}  20_000 €\n    }}"
    );
    let observatoire = hub.as_deref().unwrap_or(cd.as_str());
    let _ = writeln!(
        out,
        "    action \"Observatoire de l'inclusion numérique en {}\" {{\n        \
         porteurs    {cd}, {observatoire}\n        \
         besoins     etablir_un_diagnostic_territorial, collecter_des_donnees_territoriales\n        \
         annees      2024..2025\n        budget      40_000 €\n        \
         financement {cpam} 10_000 €\n    }}\n}}\n",
        region
    );

    out.push_str(
        "besoins {\n    \
         etablir_un_diagnostic_territorial etp 0.5 priorite 1\n    \
         structurer_un_fonds               prestation priorite 2\n    \
         animer_la_gouvernance             etp 1 priorite 3\n}\n",
    );
    Generated {
        text: out,
        members: declared,
        ids: ids.used,
    }
}

/// The Isère, with `count` members in all: the département's usual
/// members, then structures, 1 000 per comité when `seated`, in no body
/// otherwise.
fn many_members(count: usize, seated: bool) -> String {
    let mut out = String::with_capacity(count * 64);
    let _ = writeln!(
        out,
        "# Fichier de stress : {count} membres déclarés (benches/national/corpus.rs --stress)\n\
         territoire 38\n\n\
         membre prefecture prefecture\n\
         membre cd38 departement 38\n\
         membre hinaura hub \"Hinaura\" {{ region 84 }}\n"
    );
    let fixed = 3;
    // Short libellés: 200 000 members must fit under copil's 16 Mio
    // limit on a source file (`copil::fichier::taille`).
    let natures = [
        ("association", "Association"),
        ("france_services", "France Services"),
        ("entreprise", "Entreprise"),
        ("etablissement_public", "CCAS"),
        ("operateur", "Opérateur"),
    ];
    let structures = count.saturating_sub(fixed);
    let ids: Vec<String> = (1..=structures).map(|i| format!("s{i:06}")).collect();
    for (i, id) in ids.iter().enumerate() {
        let (nature, label) = natures[i % natures.len()];
        let _ = writeln!(out, "membre {id} {nature} \"{label} {}\"", i + 1);
    }
    let _ = writeln!(
        out,
        "\npilotage {{\n    prefet       prefecture\n    pilote       cd38\n    coordination cd38\n}}\n\n\
         comite copil strategique \"Comité de pilotage\" {{\n    presidence  prefecture, cd38\n    \
         membres     hinaura\n    frequence   semestrielle\n}}\n"
    );
    for (k, chunk) in ids.chunks(1000).enumerate().filter(|_| seated) {
        let _ = writeln!(
            out,
            "comite c{:03} consultatif \"Réseau local n° {}\" {{\n    rend_compte copil",
            k + 1,
            k + 1
        );
        let refs: Vec<&str> = chunk.iter().map(String::as_str).collect();
        push_list(&mut out, "membres", &refs);
        out.push_str("    frequence   trimestrielle\n}\n\n");
    }
    out.push_str(
        "feuille_de_route fdr \"Feuille de route\" {\n    porteur    cd38\n    perimetre  departement\n    \
         diagnostic \"Diagnostic\"\n    action \"Médiation\" {\n        porteurs    cd38\n        \
         annees      2024..2026\n        budget      100_000 €\n        financement cd38 50_000 €\n    }\n}\n\n\
         besoins {\n    etablir_un_diagnostic_territorial etp 0.5\n}\n",
    );
    out
}

/// The Nord's file plus `count` references to undeclared identifiers, each
/// a distinct one-letter misspelling of a declared one.
fn unknown_references(count: usize) -> String {
    let nord = departements()
        .into_iter()
        .enumerate()
        .find(|(_, d)| d.code == "59")
        .expect("le Nord existe");
    let Generated {
        mut text,
        members,
        ids: mut taken,
    } = departement_file(nord.1, nord.0, 1);
    let bases: Vec<Vec<u8>> = members
        .iter()
        .filter(|id| id.len() >= 4)
        .map(|id| id.as_bytes().to_vec())
        .collect();
    let mut misspelt = Vec::with_capacity(count);
    let mut variant = 0usize;
    'outer: while misspelt.len() < count {
        for base in &bases {
            if misspelt.len() == count {
                break 'outer;
            }
            // Variant v changes the letter at position 1 + v % (len - 1)
            // into the (v / (len - 1))-th other lowercase letter.
            loop {
                let len = base.len();
                let pos = 1 + variant % (len - 1);
                let shift = 1 + (variant / (len - 1)) % 25;
                let mut candidate = base.clone();
                let c = candidate[pos];
                candidate[pos] = if c.is_ascii_lowercase() {
                    b'a' + (c - b'a' + shift as u8) % 26
                } else {
                    b'a' + (shift as u8 - 1)
                };
                let candidate = String::from_utf8(candidate).expect("ASCII");
                if taken.insert(candidate.clone()) {
                    misspelt.push(candidate);
                    break;
                }
                variant += 1;
            }
        }
        variant += 1;
    }
    let _ = writeln!(
        text,
        "\n# Fichier de stress : {count} références à des identifiants non déclarés,\n\
         # chacune une faute de frappe distincte (benches/national/corpus.rs --stress)\n"
    );
    for (k, chunk) in misspelt.chunks(1000).enumerate() {
        let _ = writeln!(
            text,
            "comite fautes{:02} consultatif \"Comité mal orthographié n° {}\" {{\n    rend_compte copil",
            k + 1,
            k + 1
        );
        let refs: Vec<&str> = chunk.iter().map(String::as_str).collect();
        push_list(&mut text, "membres", &refs);
        text.push_str("    frequence   annuelle\n}\n\n");
    }
    text
}
