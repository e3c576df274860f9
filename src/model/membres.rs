//! Resolution of `membre` declarations: nature, official code checked in
//! the reference data, libellé compared with the official name, attributes.

use crate::diagnostic::{Code, Diagnostic};
use crate::reference::checksum;
use crate::span::Span;
use crate::syntax::ast::{self, Item, MembreAttr};

use super::resolve::Resolver;
use super::types::*;

/// What the reference data says of a collectivité.
struct Official {
    code: String,
    nom: String,
    region: Option<String>,
    departements: Vec<String>,
    population: Option<u64>,
}

impl Resolver<'_> {
    /// Resolves every member, in declaration order.
    pub(super) fn membres(&mut self) {
        let decls: Vec<&ast::MembreDecl> = self
            .file
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Membre(m) => Some(m),
                _ => None,
            })
            .collect();
        for decl in decls {
            if self.symbols.get(&decl.id.name).map(|d| d.span) != Some(decl.id.span) {
                // A second declaration of the same name: already reported.
                continue;
            }
            if let Some(m) = self.membre(decl) {
                self.membres.insert(m.id.clone(), m);
            }
        }
    }

    fn membre(&mut self, decl: &ast::MembreDecl) -> Option<Membre> {
        let nature = self.enumeration(
            &decl.nature,
            "la nature du membre",
            Nature::ALL,
            Nature::parse,
        )?;
        let mut siret = None;
        let mut region_attr: Option<(String, Span)> = None;
        let mut tags: Vec<String> = Vec::new();
        let mut seen: [Option<Span>; 3] = [None; 3];
        for attr in &decl.attrs {
            let (slot, name, span) = match attr {
                MembreAttr::Siret(a) => (0, "`siret`", a.span),
                MembreAttr::Region(a) => (1, "`region`", a.span),
                MembreAttr::Tags(a) => (2, "`tags`", a.span),
            };
            if let Some(first) = seen[slot] {
                self.repeated(name, span, first);
                continue;
            }
            seen[slot] = Some(span);
            match attr {
                MembreAttr::Siret(a) => siret = self.siret(&a.value),
                MembreAttr::Region(a) => {
                    if nature != Nature::Hub {
                        self.error(
                            Diagnostic::error(
                                Code::Incompatible,
                                a.span,
                                format!(
                                    "l'attribut `region` est réservé aux Hubs, et `{}` est de nature `{nature}`",
                                    decl.id.name
                                ),
                            )
                            .label("attribut inattendu")
                            .help("retirez `region` : la région d'une collectivité vient des données de référence"),
                        );
                    } else {
                        match self.reference.normalize_region_code(&a.value.value) {
                            Some(code) => region_attr = Some((code, a.value.span)),
                            None => self.error(
                                Diagnostic::error(
                                    Code::Reference,
                                    a.value.span,
                                    format!("la région `{}` n'existe pas", a.value.value),
                                )
                                .label("code de région inconnu")
                                .help(region_help()),
                            ),
                        }
                    }
                }
                MembreAttr::Tags(a) => tags = a.value.iter().map(|t| t.name.clone()).collect(),
            }
        }

        let libelle = decl.libelle.as_ref();
        let code = decl.code.as_ref();
        let official = match nature.categorie() {
            Categorie::Collectivite => {
                let Some(code) = code else {
                    let kind = nature.code_kind().expect("collectivités have codes");
                    self.error(
                        Diagnostic::error(
                            Code::Manquant,
                            decl.nature.span,
                            format!("le membre `{}` est une collectivité sans code officiel", decl.id.name),
                        )
                        .label(format!("{kind} attendu après la nature"))
                        .help(format!(
                            "écrivez `membre {} {nature} CODE`, avec le {kind} ; le nom officiel viendra des données de référence",
                            decl.id.name
                        )),
                    );
                    return None;
                };
                let official = self.official(
                    nature,
                    code,
                    &decl.id.name,
                    libelle.map(|l| l.value.as_str()),
                )?;
                if let Some(libelle) = libelle
                    && normalize(&libelle.value) != normalize(&official.nom)
                {
                    self.error(
                        Diagnostic::warning(
                            Code::Libelle,
                            libelle.span,
                            format!(
                                "le libellé « {} » diffère du nom officiel « {} »",
                                libelle.value, official.nom
                            ),
                        )
                        .label("libellé non officiel")
                        .help(format!(
                            "retirez le libellé (le nom officiel vient des données de référence) ou écrivez « {} »",
                            official.nom
                        )),
                    );
                }
                Some(official)
            }
            Categorie::Etat => match (nature, code) {
                (Nature::Etat, Some(code)) => {
                    self.no_code(decl, nature, code);
                    return None;
                }
                (Nature::Prefecture, Some(code)) => {
                    if self.reference.departement(&code.value).is_none() {
                        self.unknown_departement(code);
                        return None;
                    }
                    None
                }
                (Nature::Sgar, Some(code)) => {
                    if self.reference.region(&code.value).is_none() {
                        self.error(
                            Diagnostic::error(
                                Code::Reference,
                                code.span,
                                format!("la région `{}` n'existe pas", code.value),
                            )
                            .label("code de région inconnu")
                            .help(region_help()),
                        );
                        return None;
                    }
                    None
                }
                _ => None,
            },
            Categorie::Structure => {
                if let Some(code) = code {
                    self.no_code(decl, nature, code);
                    return None;
                }
                None
            }
        };

        let needs_libelle =
            matches!(nature.categorie(), Categorie::Structure) || nature == Nature::Etat;
        if needs_libelle && libelle.is_none() {
            self.error(
                Diagnostic::error(
                    Code::Manquant,
                    decl.id.span,
                    format!("le membre `{}` n'a pas de libellé", decl.id.name),
                )
                .label("libellé attendu")
                .help(format!(
                    "une structure se nomme : `membre {} {nature} \"Nom de la structure\"`",
                    decl.id.name
                )),
            );
            return None;
        }

        let territoire = self.territoire.as_ref();
        let (code, nom, region, departements, population) = match official {
            Some(o) => (Some(o.code), o.nom, o.region, o.departements, o.population),
            None => {
                let (code, region) = match nature {
                    Nature::Prefecture => (
                        code.map(|c| c.value.clone())
                            .or_else(|| territoire.and_then(|t| t.codes.first().cloned())),
                        None,
                    ),
                    Nature::Sgar => (
                        code.map(|c| c.value.clone()),
                        code.map(|c| c.value.clone())
                            .or_else(|| territoire.map(|t| t.region.clone())),
                    ),
                    _ => (None, region_attr.map(|(c, _)| c)),
                };
                let nom = match (libelle, nature) {
                    (Some(l), _) => l.value.clone(),
                    (None, Nature::Prefecture) => {
                        let dep = code.as_deref().and_then(|c| self.reference.departement(c));
                        match dep {
                            Some(d) => format!("Préfecture {}", d.de_nom()),
                            None => "Préfecture".to_string(),
                        }
                    }
                    (None, _) => {
                        let reg = region.as_deref().and_then(|c| self.reference.region(c));
                        match reg {
                            Some(r) => format!("SGAR ({})", r.nom),
                            None => "SGAR".to_string(),
                        }
                    }
                };
                let departements = match nature {
                    Nature::Prefecture => code.iter().cloned().collect(),
                    _ => Vec::new(),
                };
                (code, nom, region, departements, None)
            }
        };
        Some(Membre {
            id: decl.id.name.clone(),
            nature,
            categorie: nature.categorie(),
            collectivite: nature.categorie() == Categorie::Collectivite,
            code,
            nom,
            siret,
            region,
            departements,
            population,
            tags,
            span: decl.span,
        })
    }

    /// A code written on a member whose nature has none.
    fn no_code(&mut self, decl: &ast::MembreDecl, nature: Nature, code: &ast::Code) {
        self.error(
            Diagnostic::error(
                Code::Incompatible,
                code.span,
                format!(
                    "un membre de nature `{nature}` n'a pas de code officiel : `{}` est en trop",
                    code.value
                ),
            )
            .label("code inattendu")
            .help(format!(
                "pour identifier la structure, donnez son SIRET : `membre {} {nature} \"…\" {{ siret N }}`",
                decl.id.name
            )),
        );
    }

    /// Looks a collectivité up in the reference data.
    fn official(
        &mut self,
        nature: Nature,
        code: &ast::Code,
        id: &str,
        libelle: Option<&str>,
    ) -> Option<Official> {
        let reference = self.reference;
        let value = code.value.as_str();
        let found = match nature {
            Nature::Region => reference.region(value).map(|r| Official {
                code: r.code.clone(),
                nom: r.nom.clone(),
                region: Some(r.code.clone()),
                departements: reference
                    .departements()
                    .filter(|d| d.region == r.code)
                    .map(|d| d.code.clone())
                    .collect(),
                population: Some(
                    reference
                        .departements()
                        .filter(|d| d.region == r.code)
                        .map(|d| d.population)
                        .sum(),
                ),
            }),
            Nature::Departement => reference.departement(value).map(|d| Official {
                code: d.code.clone(),
                nom: d.nom.clone(),
                region: Some(d.region.clone()),
                departements: vec![d.code.clone()],
                population: Some(d.population),
            }),
            Nature::Epci => {
                if value.len() != 9 || !value.bytes().all(|b| b.is_ascii_digit()) {
                    self.error(
                        Diagnostic::error(
                            Code::CodeInvalide,
                            code.span,
                            format!("`{value}` n'est pas un SIREN : un SIREN compte 9 chiffres"),
                        )
                        .label("SIREN attendu")
                        .help("le SIREN d'un EPCI figure dans la base nationale de l'intercommunalité (BANATIC)"),
                    );
                    return None;
                }
                reference.epci(value).map(|e| Official {
                    code: e.siren.clone(),
                    nom: e.nom.clone(),
                    region: e
                        .departements
                        .first()
                        .and_then(|d| reference.departement(d))
                        .map(|d| d.region.clone()),
                    departements: e.departements.clone(),
                    population: Some(e.population),
                })
            }
            Nature::Commune => {
                if value.len() != 5 {
                    self.error(
                        Diagnostic::error(
                            Code::CodeInvalide,
                            code.span,
                            format!("`{value}` n'est pas un code INSEE de commune : il compte 5 caractères"),
                        )
                        .label("code INSEE attendu")
                        .help("le code INSEE (COG) n'est pas le code postal : Grenoble est `38185`, pas `38000`"),
                    );
                    return None;
                }
                reference.commune(value).map(|c| Official {
                    code: c.insee.clone(),
                    nom: c.nom.clone(),
                    region: reference
                        .departement(&c.departement)
                        .map(|d| d.region.clone()),
                    departements: vec![c.departement.clone()],
                    population: Some(c.population),
                })
            }
            _ => None,
        };
        if found.is_none() {
            if nature == Nature::Epci && !checksum::siren_valid(value) {
                let help = match self.nearest_epci(value) {
                    Some((siren, nom)) => format!(
                        "la clé de contrôle (dernier chiffre) ne correspond pas : vouliez-vous dire `{siren}` ({nom}) ?"
                    ),
                    None => "la clé de contrôle (dernier chiffre) ne correspond pas : vérifiez une faute de frappe".to_string(),
                };
                self.error(
                    Diagnostic::error(
                        Code::CodeInvalide,
                        code.span,
                        format!("`{value}` n'est pas un SIREN valide"),
                    )
                    .label("clé de contrôle fausse")
                    .help(help),
                );
                return None;
            }
            let (what, help) = match nature {
                Nature::Region => ("la région", region_help()),
                Nature::Departement => ("le département", self.suggest_departement(value)),
                Nature::Epci => (
                    "l'EPCI de SIREN",
                    "ce SIREN n'est pas celui d'un EPCI à fiscalité propre au 1er janvier 2026 (données COG) ; une commune se déclare avec `commune CODE_INSEE`".to_string(),
                ),
                _ => ("la commune de code INSEE", self.commune_help(value, id, libelle)),
            };
            self.error(
                Diagnostic::error(
                    Code::Reference,
                    code.span,
                    format!("{what} `{value}` n'existe pas"),
                )
                .label("absent des données de référence")
                .help(help),
            );
        }
        found
    }

    /// The EPCI of the territory whose SIREN is closest to `value` (one or
    /// two digits mistyped or swapped).
    fn nearest_epci(&self, value: &str) -> Option<(String, String)> {
        let territoire = self.territoire.as_ref()?;
        let reference = self.reference;
        territoire
            .epci
            .iter()
            .map(|siren| (strsim::damerau_levenshtein(value, siren), siren))
            .filter(|(d, _)| *d <= 2)
            .min()
            .and_then(|(_, siren)| {
                reference
                    .epci(siren)
                    .map(|e| (e.siren.clone(), e.nom.clone()))
            })
    }

    /// Help for an unknown commune code: a postal code is not an INSEE
    /// code; the commune named like the member may give the right one.
    fn commune_help(&self, value: &str, id: &str, libelle: Option<&str>) -> String {
        let postal =
            value.len() == 5 && value.bytes().all(|b| b.is_ascii_digit()) && value.ends_with('0');
        let departement = value.get(..2).unwrap_or_default();
        let wanted: Vec<String> = [Some(id), libelle]
            .into_iter()
            .flatten()
            .map(crate::diagnostic::fold)
            .collect();
        let named: Vec<String> = if postal {
            let mut found: Vec<String> = self
                .reference
                .communes()
                .filter(|c| c.departement == departement)
                .filter(|c| {
                    let nom = crate::diagnostic::fold(&c.nom);
                    wanted.iter().any(|w| {
                        *w == nom
                            || w.replace(['-', ' ', '\''], "") == nom.replace(['-', ' ', '\''], "")
                    })
                })
                .map(|c| format!("{} est `{}`", c.nom, c.insee))
                .collect();
            found.sort();
            found
        } else {
            Vec::new()
        };
        match (postal, named.is_empty()) {
            (true, false) => format!(
                "`{value}` ressemble à un code postal, pas à un code INSEE : {}",
                named.join(", ")
            ),
            (true, true) => format!(
                "`{value}` ressemble à un code postal, pas à un code INSEE : cherchez le code officiel de la commune (COG)"
            ),
            _ => {
                "vérifiez le code INSEE (COG 2026) ; une commune nouvelle a pu remplacer l'ancienne"
                    .to_string()
            }
        }
    }

    /// Checks a SIRET: 14 digits, Luhn key (La Poste's rule for its SIREN).
    fn siret(&mut self, code: &ast::Code) -> Option<String> {
        let value = &code.value;
        if value.contains(' ') {
            let joined: String = value.split_whitespace().collect();
            self.error(
                Diagnostic::error(
                    Code::CodeInvalide,
                    code.span,
                    format!("un SIRET s'écrit sans espace : `{value}`"),
                )
                .label("espaces dans le SIRET")
                .help(format!("écrivez `siret {joined}`")),
            );
            return None;
        }
        if value.len() != 14 || !value.bytes().all(|b| b.is_ascii_digit()) {
            self.error(
                Diagnostic::error(
                    Code::Siret,
                    code.span,
                    format!("`{value}` n'est pas un SIRET : un SIRET compte 14 chiffres"),
                )
                .label("SIRET invalide")
                .help("un SIRET est le SIREN (9 chiffres) suivi du NIC (5 chiffres), sans espace"),
            );
            return None;
        }
        if !checksum::siret_valid(value) {
            self.error(
                Diagnostic::error(
                    Code::Siret,
                    code.span,
                    format!("le SIRET `{value}` a une clé de contrôle invalide"),
                )
                .label("clé de Luhn fausse")
                .help(
                    "vérifiez une faute de frappe : le SIRET figure sur l'annuaire des entreprises",
                ),
            );
            return None;
        }
        Some(value.clone())
    }
}

fn region_help() -> String {
    "donnez le code officiel (COG) de la région : `84` pour Auvergne-Rhône-Alpes, `01` pour la Guadeloupe…".to_string()
}

/// Compares libellés without minding apostrophes, dashes or spacing.
fn normalize(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '’' | '‘' | '`' => '\'',
            '–' | '—' => '-',
            c => c,
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
