//! Resolution of `membre` declarations: nature, official code checked in
//! the reference data, libellé compared with the official name, attributes.

use crate::reference::checksum;
use crate::span::Span;
use crate::syntax::ast::{self, Attr, Item, MembreAttr};

use super::resolve::Resolver;
use super::types::*;
use super::wording::{self, Repeated, ValueOf};

/// What the reference data says of a collectivité.
struct Official {
    code: String,
    nom: String,
    region: Option<String>,
    departements: Vec<String>,
    population: Option<u64>,
}

/// What a member's block says.
#[derive(Default)]
struct MembreAttrs {
    siret: Option<String>,
    /// A Hub's région, normalised.
    region: Option<String>,
    tags: Vec<String>,
}

/// A member's identity: from the reference data for a collectivité, from
/// its declaration otherwise.
struct Identity {
    code: Option<String>,
    nom: String,
    region: Option<String>,
    departements: Vec<String>,
    population: Option<u64>,
}

/// A problem already reported: the member is left unresolved.
struct Reported;

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

    /// Resolves one member: its nature, its block's attributes, its code
    /// checked against the reference data, its libellé, its identity.
    fn membre(&mut self, decl: &ast::MembreDecl) -> Option<Membre> {
        let nature = self.enumeration(
            &decl.nature,
            ValueOf::NatureMembre,
            Nature::ALL,
            Nature::parse,
        )?;
        let attrs = self.membre_attrs(decl, nature);
        let official = self.check_code(decl, nature).ok()?;
        if !self.check_libelle_written(decl, nature) {
            return None;
        }
        let identity = match official {
            Some(o) => Identity {
                code: Some(o.code),
                nom: o.nom,
                region: o.region,
                departements: o.departements,
                population: o.population,
            },
            None => self.declared_identity(decl, nature, attrs.region),
        };
        Some(Membre {
            id: decl.id.name.clone(),
            nature,
            categorie: nature.categorie(),
            collectivite: nature.categorie() == Categorie::Collectivite,
            code: identity.code,
            nom: identity.nom,
            siret: attrs.siret,
            region: identity.region,
            departements: identity.departements,
            population: identity.population,
            tags: attrs.tags,
            roles: Vec::new(),
            span: decl.span,
        })
    }

    /// Reads the member's block: `siret`, `region` (Hubs only) and `tags`,
    /// each once.
    fn membre_attrs(&mut self, decl: &ast::MembreDecl, nature: Nature) -> MembreAttrs {
        let mut attrs = MembreAttrs::default();
        let mut seen: [Option<Span>; 3] = [None; 3];
        for attr in &decl.attrs {
            let (slot, name, span) = match attr {
                MembreAttr::Siret(a) => (0, "siret", a.span),
                MembreAttr::Region(a) => (1, "region", a.span),
                MembreAttr::Tags(a) => (2, "tags", a.span),
            };
            if let Some(first) = seen[slot] {
                self.repeated(Repeated::Keyword(name), span, first);
                continue;
            }
            seen[slot] = Some(span);
            match attr {
                MembreAttr::Siret(a) => attrs.siret = self.siret(&a.value),
                MembreAttr::Region(a) => attrs.region = self.hub_region(decl, nature, a),
                MembreAttr::Tags(a) => {
                    attrs.tags = a.value.iter().map(|t| t.name.clone()).collect()
                }
            }
        }
        attrs
    }

    /// A Hub's `region`, normalised; reported on any other nature, or when
    /// the région does not exist.
    fn hub_region(
        &mut self,
        decl: &ast::MembreDecl,
        nature: Nature,
        attr: &Attr<ast::Code>,
    ) -> Option<String> {
        if nature != Nature::Hub {
            self.error(wording::region_reserved_to_hubs(
                attr.span,
                &decl.id.name,
                nature,
            ));
            return None;
        }
        let code = self.reference.normalize_region_code(&attr.value.value);
        if code.is_none() {
            self.error(wording::unknown_region(&attr.value));
        }
        code
    }

    /// Checks the member's official code: required and looked up for a
    /// collectivité, a département or a région for a préfecture or a SGAR,
    /// none for the others. Returns a collectivité's official data.
    fn check_code(
        &mut self,
        decl: &ast::MembreDecl,
        nature: Nature,
    ) -> Result<Option<Official>, Reported> {
        match nature.categorie() {
            Categorie::Collectivite => self.collectivite(decl, nature).map(Some).ok_or(Reported),
            Categorie::Etat => self.check_etat_code(decl, nature).map(|()| None),
            Categorie::Structure => match &decl.code {
                Some(code) => {
                    self.no_code(decl, nature, code);
                    Err(Reported)
                }
                None => Ok(None),
            },
        }
    }

    /// A collectivité's official data, from its code; its libellé, if
    /// written, is compared with the official name.
    fn collectivite(&mut self, decl: &ast::MembreDecl, nature: Nature) -> Option<Official> {
        let Some(code) = &decl.code else {
            let kind = nature.code_kind().expect("collectivités have codes");
            self.error(wording::collectivite_without_code(decl, nature, kind));
            return None;
        };
        let libelle = decl.libelle.as_ref();
        let official = self.official(
            nature,
            code,
            &decl.id.name,
            libelle.map(|l| l.value.as_str()),
        )?;
        if let Some(libelle) = libelle
            && libelle.value != official.nom
            && normalize(&libelle.value) != normalize(&official.nom)
            && !self.also_official(nature, &official.code, &libelle.value)
        {
            self.error(wording::libelle_not_official(libelle, &official.nom));
        }
        if nature == Nature::Commune {
            self.check_postal_homonym(decl, code, &official);
        }
        Some(official)
    }

    /// Warns when a commune's INSEE code is also a postal code of the
    /// territoire serving other communes: `59100` is Bousignies, and the
    /// postal code of Roubaix. A member whose identifier or libellé names
    /// the commune of the INSEE code is taken as meant.
    fn check_postal_homonym(
        &mut self,
        decl: &ast::MembreDecl,
        code: &ast::Code,
        official: &Official,
    ) {
        let Some(territoire) = self.territoire.as_ref() else {
            return;
        };
        // Names compared folded, letters and digits only, without
        // allocating (this runs for every commune member).
        fn key(s: &str) -> impl Iterator<Item = char> + '_ {
            s.chars()
                .map(crate::diagnostic::fold_char)
                .filter(|c| c.is_alphanumeric())
        }
        let named = std::iter::once(decl.id.name.as_str())
            .chain(decl.libelle.as_ref().map(|l| l.value.as_str()))
            .any(|written| key(written).eq(key(&official.nom)));
        if named {
            return;
        }
        let Some(postal) = self.reference.code_postal(&code.value) else {
            return;
        };
        let served: Vec<(String, String)> = postal
            .communes()
            .filter(|insee| *insee != official.code)
            .filter_map(|insee| self.reference.commune(insee))
            .filter(|c| territoire.codes.iter().any(|d| d == c.departement))
            .map(|c| (c.nom.to_string(), c.insee.to_string()))
            .collect();
        if served.is_empty() {
            return;
        }
        self.error(wording::postal_homonym(
            &decl.id.name,
            code,
            &official.nom,
            official.population,
            &served,
        ));
    }

    /// Whether `libelle` is another official name of the collectivité: a
    /// département with a special status may be named after its territory
    /// (« Guyane ») or as « Département de … ».
    fn also_official(&self, nature: Nature, code: &str, libelle: &str) -> bool {
        if nature != Nature::Departement {
            return false;
        }
        let Some(d) = self.reference.departement(code) else {
            return false;
        };
        let libelle = normalize(libelle);
        [d.nom.to_owned(), format!("Département {}", d.de_nom())]
            .iter()
            .any(|name| normalize(name) == libelle)
    }

    /// The code of a service of the État: none for `etat`, an existing
    /// département for a préfecture, an existing région for a SGAR.
    fn check_etat_code(&mut self, decl: &ast::MembreDecl, nature: Nature) -> Result<(), Reported> {
        let Some(code) = &decl.code else {
            return Ok(());
        };
        match nature {
            Nature::Etat => {
                self.no_code(decl, nature, code);
                Err(Reported)
            }
            Nature::Prefecture if self.reference.departement(&code.value).is_none() => {
                self.unknown_departement(code);
                Err(Reported)
            }
            Nature::Sgar if self.reference.region(&code.value).is_none() => {
                self.error(wording::unknown_region(code));
                Err(Reported)
            }
            _ => Ok(()),
        }
    }

    /// A structure, or the État, is named by its libellé: reports a
    /// missing one.
    fn check_libelle_written(&mut self, decl: &ast::MembreDecl, nature: Nature) -> bool {
        let needs_libelle =
            matches!(nature.categorie(), Categorie::Structure) || nature == Nature::Etat;
        if !needs_libelle || decl.libelle.is_some() {
            return true;
        }
        self.error(wording::missing_libelle(&decl.id, nature));
        false
    }

    /// The identity of a member that is not a collectivité: a préfecture's
    /// département and a SGAR's région come from its code, else from the
    /// territory; a Hub's région from its `region`; the name from the
    /// libellé, else from the département or the région.
    fn declared_identity(
        &self,
        decl: &ast::MembreDecl,
        nature: Nature,
        hub_region: Option<String>,
    ) -> Identity {
        let territoire = self.territoire.as_ref();
        let written = decl.code.as_ref().map(|c| c.value.clone());
        let (code, region) = match nature {
            Nature::Prefecture => (
                written.or_else(|| territoire.and_then(|t| t.codes.first().cloned())),
                None,
            ),
            Nature::Sgar => (
                written.clone(),
                written.or_else(|| territoire.map(|t| t.region.clone())),
            ),
            _ => (None, hub_region),
        };
        let nom = match &decl.libelle {
            Some(l) => l.value.clone(),
            None => self.etat_nom(nature, code.as_deref(), region.as_deref()),
        };
        let departements = match nature {
            Nature::Prefecture => code.iter().cloned().collect(),
            _ => Vec::new(),
        };
        Identity {
            code,
            nom,
            region,
            departements,
            population: None,
        }
    }

    /// The name of a préfecture or a SGAR written without a libellé:
    /// « Préfecture de l'Isère », « SGAR (Auvergne-Rhône-Alpes) ».
    fn etat_nom(&self, nature: Nature, code: Option<&str>, region: Option<&str>) -> String {
        if nature == Nature::Prefecture {
            return match code.and_then(|c| self.reference.departement(c)) {
                Some(d) => format!("Préfecture {}", d.de_nom()),
                None => "Préfecture".to_string(),
            };
        }
        match region.and_then(|c| self.reference.region(c)) {
            Some(r) => format!("SGAR ({})", r.nom),
            None => "SGAR".to_string(),
        }
    }

    /// A code written on a member whose nature has none.
    fn no_code(&mut self, decl: &ast::MembreDecl, nature: Nature, code: &ast::Code) {
        self.error(wording::unexpected_code(code, &decl.id.name, nature));
    }

    /// Looks a collectivité up in the reference data; reports a malformed
    /// code, or one the data does not know.
    fn official(
        &mut self,
        nature: Nature,
        code: &ast::Code,
        id: &str,
        libelle: Option<&str>,
    ) -> Option<Official> {
        if !self.check_code_format(nature, code) {
            return None;
        }
        let found = self.reference_data(nature, &code.value);
        if found.is_none() {
            self.report_absent(nature, code, id, libelle);
        }
        found
    }

    /// The shape of an EPCI's SIREN (9 digits) or a commune's INSEE code
    /// (5 characters).
    fn check_code_format(&mut self, nature: Nature, code: &ast::Code) -> bool {
        let value = code.value.as_str();
        let wrong = match nature {
            Nature::Epci if value.len() != 9 || !value.bytes().all(|b| b.is_ascii_digit()) => {
                wording::siren_format(code)
            }
            Nature::Commune if value.len() != 5 => wording::insee_format(code),
            _ => return true,
        };
        self.error(wrong);
        false
    }

    /// What the reference data says of the collectivité of that nature
    /// and code.
    fn reference_data(&self, nature: Nature, value: &str) -> Option<Official> {
        let reference = self.reference;
        match nature {
            Nature::Region => reference.region(value).map(|r| {
                let departements = || reference.departements().filter(|d| d.region == r.code);
                Official {
                    code: r.code.clone(),
                    nom: r.nom.clone(),
                    region: Some(r.code.clone()),
                    departements: departements().map(|d| d.code.to_owned()).collect(),
                    population: Some(departements().map(|d| d.population).sum()),
                }
            }),
            Nature::Departement => reference.departement(value).map(|d| Official {
                code: d.code.to_owned(),
                // A collectivité with a special status is named as such:
                // `membre ctg departement 973` is the Collectivité
                // territoriale de Guyane.
                nom: d.collectivite.unwrap_or(d.nom).to_owned(),
                region: Some(d.region.to_owned()),
                departements: vec![d.code.to_owned()],
                population: Some(d.population),
            }),
            Nature::Epci => reference.epci(value).map(|e| Official {
                code: e.siren.to_string(),
                nom: e.nom.to_string(),
                region: e
                    .departements
                    .first()
                    .and_then(|d| reference.departement(d))
                    .map(|d| d.region.to_owned()),
                departements: e.departements.iter().map(|d| d.to_string()).collect(),
                population: Some(e.population),
            }),
            Nature::Commune => reference.commune(value).map(|c| Official {
                code: c.insee.to_string(),
                nom: c.nom.to_string(),
                region: reference
                    .departement(c.departement)
                    .map(|d| d.region.to_owned()),
                departements: vec![c.departement.to_string()],
                population: Some(c.population),
            }),
            _ => None,
        }
    }

    /// Reports a well-formed code the reference data does not know: a
    /// SIREN with a wrong key, or a collectivité that does not exist.
    fn report_absent(&mut self, nature: Nature, code: &ast::Code, id: &str, libelle: Option<&str>) {
        let value = code.value.as_str();
        let d = match nature {
            Nature::Epci if !checksum::siren_valid(value) => {
                let nearest = self.nearest_epci(value);
                wording::siren_key(
                    code,
                    nearest.as_ref().map(|(s, n)| (s.as_str(), n.as_str())),
                )
            }
            Nature::Region => wording::absent_region(code),
            Nature::Departement => wording::absent_departement(code),
            Nature::Epci => wording::absent_epci(code),
            _ => {
                let named =
                    looks_postal(value).then(|| self.communes_named_like(value, id, libelle));
                wording::absent_commune(code, named.as_deref())
            }
        };
        self.error(d);
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
                    .map(|e| (e.siren.to_string(), e.nom.to_string()))
            })
    }

    /// The communes (name, INSEE code) of the département of a postal
    /// code that are named like the member (its identifier or its libellé):
    /// the INSEE code it probably meant.
    fn communes_named_like(
        &self,
        postal: &str,
        id: &str,
        libelle: Option<&str>,
    ) -> Vec<(&'static str, &'static str)> {
        let reference: &'static crate::reference::Reference = self.reference;
        let departement = postal.get(..2).unwrap_or_default();
        let wanted: Vec<String> = [Some(id), libelle]
            .into_iter()
            .flatten()
            .map(crate::diagnostic::fold)
            .collect();
        reference
            .communes()
            .filter(|c| c.departement == departement)
            .filter(|c| {
                let nom = crate::diagnostic::fold(c.nom);
                wanted.iter().any(|w| {
                    *w == nom
                        || w.replace(['-', ' ', '\''], "") == nom.replace(['-', ' ', '\''], "")
                })
            })
            .map(|c| (c.nom, c.insee))
            .collect()
    }

    /// Checks a SIRET: no spaces, 14 digits, Luhn key (La Poste's rule for
    /// its SIREN).
    fn siret(&mut self, code: &ast::Code) -> Option<String> {
        let value = &code.value;
        let wrong = if value.contains(' ') {
            wording::siret_spaces(code)
        } else if value.len() != 14 || !value.bytes().all(|b| b.is_ascii_digit()) {
            wording::siret_format(code)
        } else if !checksum::siret_valid(value) {
            wording::siret_key(code)
        } else {
            return Some(value.clone());
        };
        self.error(wrong);
        None
    }
}

/// A commune code that looks like a postal code (5 digits ending in 0).
fn looks_postal(value: &str) -> bool {
    value.len() == 5 && value.bytes().all(|b| b.is_ascii_digit()) && value.ends_with('0')
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
