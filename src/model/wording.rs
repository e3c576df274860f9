//! The one place where the model's diagnostics are worded, in French. The
//! resolver decides *when* to report; each function here says *what*, for
//! one kind of diagnostic, from the data it needs (names, spans,
//! suggestions), and returns the [`Diagnostic`].
//!
//! House style: messages start lowercase and have no final period; user
//! input (identifiers, codes, values, keywords) is in backticks, a
//! libellé (prose) in « » ; any extra sentence goes to `help`; a
//! "vouliez-vous dire" comes from the compiler's one fuzzy match
//! ([`crate::diagnostic::suggest`]).

use std::fmt;

use crate::diagnostic::{self, Code, Diagnostic, Fix};
use crate::span::Span;
use crate::syntax::ast::{self, Ident};

use super::resolve::{Decl, DeclKind};
use super::types::{BesoinKind, Nature};

// --- the phrases the resolver passes ---------------------------------

/// What a reference is for; its sentence is the help of a reference to
/// the wrong kind of declaration.
#[derive(Clone, Copy, Debug)]
pub(super) enum Role {
    Prefet,
    Pilote,
    Copilotes,
    Coordination,
    Presidence,
    Membres,
    CrsnMembres,
    RendCompte,
    Adosse,
    Perimetre,
    SansChevauchement,
    Porteur,
    Porteurs,
    Financement,
    Beneficiaire,
}

impl Role {
    fn help(self) -> &'static str {
        match self {
            Role::Prefet => "`prefet` désigne le membre de nature `prefecture`",
            Role::Pilote => "`pilote` désigne la collectivité qui copilote avec le préfet",
            Role::Copilotes => {
                "`copilotes` liste les membres signataires de l'accord de copilotage"
            }
            Role::Coordination => {
                "`coordination` désigne le membre qui porte le poste de coordination"
            }
            Role::Presidence => "`presidence` liste les membres qui président",
            Role::Membres => "`membres` liste les membres qui siègent",
            Role::CrsnMembres => "`membres` liste les membres qui siègent à la CRSN",
            Role::RendCompte => "`rend_compte` désigne le comité auquel celui-ci rend compte",
            Role::Adosse => {
                "`adosse` désigne l'instance existante (`existant`) au sein de laquelle le comité se réunit"
            }
            Role::Perimetre => {
                "un périmètre se compose d'EPCI ou de communes déclarés comme membres"
            }
            Role::SansChevauchement => {
                "`sans_chevauchement` porte sur des comités ou des feuilles de route"
            }
            Role::Porteur => "`porteur` désigne le membre qui porte la feuille de route",
            Role::Porteurs => "`porteurs` liste les membres qui portent l'action",
            Role::Financement => "`financement` nomme le membre qui s'engage, puis le montant",
            Role::Beneficiaire => {
                "`beneficiaire` nomme le membre qui reçoit la subvention, puis le montant"
            }
        }
    }
}

/// What an enumeration value is for.
#[derive(Clone, Copy, Debug)]
pub(super) enum ValueOf {
    NatureMembre,
    TypeComite,
    Contrat,
    Frequence,
    Besoin,
    Enveloppe,
    Statut,
}

impl fmt::Display for ValueOf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ValueOf::NatureMembre => "la nature du membre",
            ValueOf::TypeComite => "le type de comité",
            ValueOf::Contrat => "le contrat",
            ValueOf::Frequence => "la fréquence",
            ValueOf::Besoin => "le besoin d'ingénierie",
            ValueOf::Enveloppe => "l'enveloppe de la subvention",
            ValueOf::Statut => "le statut de la subvention",
        })
    }
}

/// What may be written once and was written twice.
#[derive(Clone, Copy, Debug)]
pub(super) enum Repeated<'a> {
    /// An attribute, or a declaration of one line: `siret`, `periode`.
    Keyword(&'a str),
    /// A block: `pilotage`, `crsn`, `besoins`.
    Block(&'a str),
    /// A beneficiary of a grant.
    Beneficiaire(&'a str),
    /// A line of the `besoins` block.
    Besoin(BesoinKind),
    /// A derogation to a rule.
    Derogation(&'a str),
}

impl fmt::Display for Repeated<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Repeated::Keyword(name) => write!(f, "`{name}`"),
            Repeated::Block(name) => write!(f, "le bloc `{name}`"),
            Repeated::Beneficiaire(membre) => write!(f, "le bénéficiaire `{membre}`"),
            Repeated::Besoin(kind) => write!(f, "le besoin `{kind}`"),
            Repeated::Derogation(rule) => write!(f, "la dérogation à `{rule}`"),
        }
    }
}

/// What a range of years is.
#[derive(Clone, Copy, Debug)]
pub(super) enum Years {
    /// `periode 2023..2027`.
    Periode,
    /// An action's `annees`.
    Annees,
}

/// What takes `autre "précision"`, with an example of it.
#[derive(Clone, Copy, Debug)]
pub(super) enum Autre<'a> {
    /// A comité's type.
    Comite { id: &'a str, nom: &'a str },
    /// An existing body's contract.
    Existant { id: &'a str, nom: &'a str },
    /// A roadmap's `contrat`.
    Contrat,
    /// A grant's `enveloppe`.
    Enveloppe,
    /// A need of the `besoins` block.
    Besoin,
}

impl Autre<'_> {
    /// The value that takes `autre`, with its article: « le type ».
    fn what(self) -> &'static str {
        match self {
            Autre::Comite { .. } => "le type",
            Autre::Existant { .. } | Autre::Contrat => "le contrat",
            Autre::Enveloppe => "l'enveloppe",
            Autre::Besoin => "le besoin",
        }
    }

    fn example(self) -> String {
        match self {
            Autre::Comite { id, nom } => format!("comite {id} autre \"thématique\" \"{nom}\""),
            Autre::Existant { id, nom } => {
                format!("existant {id} autre \"convention locale\" \"{nom}\"")
            }
            Autre::Contrat => "contrat autre \"convention locale\"".to_string(),
            Autre::Enveloppe => "enveloppe autre \"fonds régional\"".to_string(),
            Autre::Besoin => "autre_outillage \"Cartographie des lieux de médiation\"".to_string(),
        }
    }
}

/// "un membre", "un comité"…
fn article(kind: DeclKind) -> &'static str {
    match kind {
        DeclKind::Membre => "un membre",
        DeclKind::Comite => "un comité",
        DeclKind::Existant => "une instance existante",
        DeclKind::Feuille => "une feuille de route",
    }
}

/// `a`, `b`, `c` quoted and joined.
fn quoted(all: &[&str]) -> String {
    let items: Vec<String> = all.iter().map(|s| format!("`{s}`")).collect();
    diagnostic::join_ou(&items)
}

// --- identifiers and values --------------------------------------------

/// An identifier declared a second time.
pub(super) fn declared_twice(id: &Ident, first: Span) -> Diagnostic {
    Diagnostic::error(
        Code::IdentifiantDouble,
        id.span,
        format!("l'identifiant `{}` est déjà déclaré", id.name),
    )
    .label("seconde déclaration")
    .related(first, format!("`{}` est déclaré ici", id.name))
    .help(format!(
        "chaque identifiant désigne une seule chose dans le fichier : renommez l'une des deux déclarations de `{}`",
        id.name
    ))
}

/// An identifier that mixes scripts: the odd characters are named, since
/// they read as others (TR39 confusables).
pub(super) fn confusable(id: &Ident, odd: &[(char, unicode_script::Script)]) -> Diagnostic {
    let named: Vec<String> = odd
        .iter()
        .map(|&(c, script)| {
            format!(
                "`{c}` (U+{:04X}, {})",
                u32::from(c),
                crate::unicode::script_name(script)
            )
        })
        .collect();
    let ascii: String = id
        .name
        .chars()
        .map(|c| {
            if odd.iter().any(|&(o, _)| o == c) {
                '?'
            } else {
                c
            }
        })
        .collect();
    Diagnostic::warning(
        Code::Confusable,
        id.span,
        format!(
            "l'identifiant `{}` mêle des écritures : {}",
            id.name,
            diagnostic::join_et(&named)
        ),
    )
    .label("écritures mêlées")
    .help(format!(
        "un relecteur lit un autre identifiant que celui qui est écrit : retapez au clavier les lettres marquées `?` dans `{ascii}`"
    ))
}

/// A reference to a declaration of the wrong kind.
pub(super) fn wrong_kind(id: &Ident, found: Decl, want: &[DeclKind], role: Role) -> Diagnostic {
    let wanted = want
        .iter()
        .map(|k| article(*k).to_string())
        .collect::<Vec<_>>();
    let wanted = diagnostic::join_ou(&wanted);
    Diagnostic::error(
        Code::Nature,
        id.span,
        format!("`{}` est {}, pas {wanted}", id.name, article(found.kind)),
    )
    .label(format!("attendu ici : {wanted}"))
    .related(found.span, format!("`{}` est déclaré ici", id.name))
    .help(role.help())
}

/// A reference to nothing declared: the nearest of `candidates`, or how
/// to declare it as a `want`.
pub(super) fn undeclared(id: &Ident, want: DeclKind, suggestion: Option<&str>) -> Diagnostic {
    let help = match suggestion.map(|s| diagnostic::did_you_mean(&id.name, s)) {
        Some(help) => help,
        None => format!(
            "déclarez-le avec `{} {} …`, ou corrigez le nom",
            want.keyword(),
            id.name
        ),
    };
    let d = Diagnostic::error(
        Code::IdentifiantInconnu,
        id.span,
        format!("`{}` n'est pas déclaré", id.name),
    )
    .label("identifiant inconnu")
    .help(help);
    match suggestion {
        Some(s) => d.fix(Fix::replace(id.span, s)),
        None => d,
    }
}

/// A member named twice in one list.
pub(super) fn cited_twice(id: &Ident, first: Span) -> Diagnostic {
    Diagnostic::warning(
        Code::Repetition,
        id.span,
        format!("`{}` est cité deux fois dans la même liste", id.name),
    )
    .label("répété")
    .related(first, "première mention")
    .help("retirez la seconde mention")
}

/// A value outside its enumeration `all`.
pub(super) fn unknown_value(id: &Ident, what: ValueOf, all: &[&'static str]) -> Diagnostic {
    let suggestion = diagnostic::suggest(&id.name, all.iter().copied());
    let help = match suggestion {
        Some(s) => diagnostic::did_you_mean(&id.name, s),
        None => format!("valeurs possibles : {}", quoted(all)),
    };
    let d = Diagnostic::error(
        Code::Valeur,
        id.span,
        format!("valeur inconnue pour {what} : `{}`", id.name),
    )
    .label("valeur inconnue")
    .help(help);
    match suggestion {
        Some(s) => d.fix(Fix::replace(id.span, s)),
        None => d,
    }
}

/// The second occurrence of what may appear once.
pub(super) fn repeated(what: Repeated, span: Span, first: Span) -> Diagnostic {
    Diagnostic::error(Code::Repetition, span, format!("{what} apparaît deux fois"))
        .label("seconde occurrence")
        .related(first, "première occurrence")
        .help("gardez une seule occurrence")
}

/// A range of years whose first year is after the last.
pub(super) fn reversed(range: &ast::Range, what: Years) -> Diagnostic {
    let (what, verb) = match what {
        Years::Periode => ("la période", "est inversée"),
        Years::Annees => ("les années", "sont inversées"),
    };
    Diagnostic::error(
        Code::Intervalle,
        range.span,
        format!("{what} `{}..{}` {verb}", range.start, range.end),
    )
    .label("la première année dépasse la seconde")
    .help(format!("écrivez `{}..{}`", range.end, range.start))
    .fix(Fix::replace(
        range.span,
        format!("{}..{}", range.end, range.start),
    ))
}

// --- territory -----------------------------------------------------------

/// A second `territoire` line; the help joins both lines' codes.
pub(super) fn second_territoire(t: &ast::Territoire, first: &ast::Territoire) -> Diagnostic {
    Diagnostic::error(
        Code::Territoire,
        t.span,
        "un fichier décrit un seul territoire : `territoire` apparaît deux fois",
    )
    .label("second `territoire`")
    .related(first.span, "premier `territoire`")
    .help(format!(
        "pour un territoire de plusieurs départements, réunissez-les sur une ligne : `territoire {}`",
        first
            .codes
            .iter()
            .chain(&t.codes)
            .map(|c| c.value.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    ))
}

/// A file without `territoire`.
pub(super) fn no_territoire() -> Diagnostic {
    Diagnostic::error(
        Code::Territoire,
        Span::new(0, 0),
        "le fichier ne déclare pas de `territoire`",
    )
    .label("le territoire manque")
    .help("commencez le fichier par `territoire CODE`, avec le code du département (par exemple `territoire 38`)")
}

/// A département named twice on the `territoire` line.
pub(super) fn departement_cited_twice(code: &ast::Code) -> Diagnostic {
    Diagnostic::warning(
        Code::Repetition,
        code.span,
        format!("le département `{}` est cité deux fois", code.value),
    )
    .label("répété")
    .help("retirez la seconde mention")
}

/// A département code absent from the reference data.
pub(super) fn unknown_departement(code: &ast::Code) -> Diagnostic {
    Diagnostic::error(
        Code::Reference,
        code.span,
        format!("le département `{}` n'existe pas", code.value),
    )
    .label("code de département inconnu")
    .help(departement_help(&code.value))
}

/// How to write a département code: `0` before a single digit.
fn departement_help(code: &str) -> String {
    if code.len() == 1 && code.chars().all(|c| c.is_ascii_digit()) {
        return format!("les codes de département s'écrivent sur deux chiffres : `0{code}`");
    }
    "donnez le code officiel (COG) du département : `38`, `2A`, `971`…".to_string()
}

/// How to write a région code.
fn region_help() -> String {
    "donnez le code officiel (COG) de la région : `84` pour Auvergne-Rhône-Alpes, `01` pour la Guadeloupe…".to_string()
}

// --- members -------------------------------------------------------------

/// `region` on a member that is not a Hub.
pub(super) fn region_reserved_to_hubs(span: Span, id: &str, nature: Nature) -> Diagnostic {
    Diagnostic::error(
        Code::Incompatible,
        span,
        format!("l'attribut `region` est réservé aux Hubs, et `{id}` est de nature `{nature}`"),
    )
    .label("attribut inattendu")
    .help("retirez `region` : la région d'une collectivité vient des données de référence")
}

/// A région code (a Hub's `region`, a SGAR's code) absent from the
/// reference data.
pub(super) fn unknown_region(code: &ast::Code) -> Diagnostic {
    Diagnostic::error(
        Code::Reference,
        code.span,
        format!("la région `{}` n'existe pas", code.value),
    )
    .label("code de région inconnu")
    .help(region_help())
}

/// A collectivité declared without its code; `kind` names the code
/// (« code INSEE de commune »…).
pub(super) fn collectivite_without_code(
    decl: &ast::MembreDecl,
    nature: Nature,
    kind: &str,
) -> Diagnostic {
    Diagnostic::error(
        Code::Manquant,
        decl.nature.span,
        format!(
            "le membre `{}` est une collectivité sans code officiel",
            decl.id.name
        ),
    )
    .label(format!("{kind} attendu après la nature"))
    .help(format!(
        "écrivez `membre {} {nature} CODE`, avec le {kind} ; le nom officiel viendra des données de référence",
        decl.id.name
    ))
}

/// A collectivité's libellé that differs from its official name.
pub(super) fn libelle_not_official(libelle: &ast::Str, official: &str) -> Diagnostic {
    Diagnostic::warning(
        Code::Libelle,
        libelle.span,
        format!(
            "le libellé « {} » diffère du nom officiel « {official} »",
            libelle.value
        ),
    )
    .label("libellé non officiel")
    .help(format!(
        "retirez le libellé (le nom officiel vient des données de référence) ou écrivez « {official} »"
    ))
}

/// A structure, or the État, without a libellé.
pub(super) fn missing_libelle(id: &Ident, nature: Nature) -> Diagnostic {
    Diagnostic::error(
        Code::Manquant,
        id.span,
        format!("le membre `{}` n'a pas de libellé", id.name),
    )
    .label("libellé attendu")
    .help(format!(
        "une structure se nomme : `membre {} {nature} \"Nom de la structure\"`",
        id.name
    ))
}

/// A code written on a member whose nature has none.
pub(super) fn unexpected_code(code: &ast::Code, id: &str, nature: Nature) -> Diagnostic {
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
        "pour identifier la structure, donnez son SIRET : `membre {id} {nature} \"…\" {{ siret N }}`"
    ))
}

/// An EPCI's code that is not 9 digits.
pub(super) fn siren_format(code: &ast::Code) -> Diagnostic {
    Diagnostic::error(
        Code::CodeInvalide,
        code.span,
        format!(
            "`{}` n'est pas un SIREN : un SIREN compte 9 chiffres",
            code.value
        ),
    )
    .label("SIREN attendu")
    .help("le SIREN d'un EPCI figure dans la base nationale de l'intercommunalité (BANATIC)")
}

/// A commune's code that is not 5 characters.
pub(super) fn insee_format(code: &ast::Code) -> Diagnostic {
    Diagnostic::error(
        Code::CodeInvalide,
        code.span,
        format!(
            "`{}` n'est pas un code INSEE de commune : il compte 5 caractères",
            code.value
        ),
    )
    .label("code INSEE attendu")
    .help("le code INSEE (COG) n'est pas le code postal : Grenoble est `38185`, pas `38000`")
}

/// A SIREN whose check digit is wrong; `nearest` is the territory's EPCI
/// (SIREN, name) it most likely meant.
pub(super) fn siren_key(code: &ast::Code, nearest: Option<(&str, &str)>) -> Diagnostic {
    let help = match nearest {
        Some((siren, nom)) => format!(
            "la clé de contrôle (dernier chiffre) ne correspond pas : vouliez-vous dire `{siren}` ({nom}) ?"
        ),
        None => {
            "la clé de contrôle (dernier chiffre) ne correspond pas : vérifiez une faute de frappe"
                .to_string()
        }
    };
    let d = Diagnostic::error(
        Code::CodeInvalide,
        code.span,
        format!("`{}` n'est pas un SIREN valide", code.value),
    )
    .label("clé de contrôle fausse")
    .help(help);
    match nearest {
        Some((siren, nom)) => {
            d.fix(Fix::replace(code.span, siren).titled(format!("remplacer par `{siren}` ({nom})")))
        }
        None => d,
    }
}

/// A well-formed collectivité code the reference data does not know.
fn absent(code: &ast::Code, what: &str, help: String) -> Diagnostic {
    Diagnostic::error(
        Code::Reference,
        code.span,
        format!("{what} `{}` n'existe pas", code.value),
    )
    .label("absent des données de référence")
    .help(help)
}

/// A région member whose code does not exist.
pub(super) fn absent_region(code: &ast::Code) -> Diagnostic {
    absent(code, "la région", region_help())
}

/// A département member whose code does not exist.
pub(super) fn absent_departement(code: &ast::Code) -> Diagnostic {
    absent(code, "le département", departement_help(&code.value))
}

/// An EPCI member whose (valid) SIREN is not an EPCI's.
pub(super) fn absent_epci(code: &ast::Code) -> Diagnostic {
    absent(
        code,
        "l'EPCI de SIREN",
        "ce SIREN n'est pas celui d'un EPCI à fiscalité propre au 1er janvier 2026 (données COG) ; une commune se déclare avec `commune CODE_INSEE`".to_string(),
    )
}

/// A commune member whose code does not exist. `postal` is `Some` when
/// the code looks like a postal code, with the communes (name, INSEE
/// code) named like the member.
pub(super) fn absent_commune(code: &ast::Code, postal: Option<&[(&str, &str)]>) -> Diagnostic {
    let value = &code.value;
    let help = match postal {
        Some(named) if !named.is_empty() => {
            let mut named: Vec<String> = named
                .iter()
                .map(|(nom, insee)| format!("{nom} est `{insee}`"))
                .collect();
            named.sort();
            format!(
                "`{value}` ressemble à un code postal, pas à un code INSEE : {}",
                named.join(", ")
            )
        }
        Some(_) => format!(
            "`{value}` ressemble à un code postal, pas à un code INSEE : cherchez le code officiel de la commune (COG)"
        ),
        None => {
            "vérifiez le code INSEE (COG 2026) ; une commune nouvelle a pu remplacer l'ancienne"
                .to_string()
        }
    };
    let mut d = absent(code, "la commune de code INSEE", help);
    for (nom, insee) in postal.unwrap_or_default() {
        d = d.fix(
            Fix::replace(code.span, *insee)
                .titled(format!("remplacer par le code INSEE de {nom} : `{insee}`")),
        );
    }
    d
}

/// A SIRET written with spaces.
pub(super) fn siret_spaces(code: &ast::Code) -> Diagnostic {
    let value = &code.value;
    let joined: String = value.split_whitespace().collect();
    Diagnostic::error(
        Code::CodeInvalide,
        code.span,
        format!("un SIRET s'écrit sans espace : `{value}`"),
    )
    .label("espaces dans le SIRET")
    .help(format!("écrivez `siret {joined}`"))
    .fix(Fix::replace(code.span, joined))
}

/// A SIRET that is not 14 digits.
pub(super) fn siret_format(code: &ast::Code) -> Diagnostic {
    Diagnostic::error(
        Code::Siret,
        code.span,
        format!(
            "`{}` n'est pas un SIRET : un SIRET compte 14 chiffres",
            code.value
        ),
    )
    .label("SIRET invalide")
    .help("un SIRET est le SIREN (9 chiffres) suivi du NIC (5 chiffres), sans espace")
}

/// A SIRET whose Luhn key is wrong.
pub(super) fn siret_key(code: &ast::Code) -> Diagnostic {
    Diagnostic::error(
        Code::Siret,
        code.span,
        format!("le SIRET `{}` a une clé de contrôle invalide", code.value),
    )
    .label("clé de Luhn fausse")
    .help("vérifiez une faute de frappe : le SIRET figure sur l'annuaire des entreprises")
}

// --- pilotage, comités, perimeters -------------------------------------

/// Both `pilote` and `copilotes` in the pilotage.
pub(super) fn pilote_and_copilotes(second: Span, first: Span) -> Diagnostic {
    Diagnostic::error(
        Code::Incompatible,
        second,
        "le pilotage a soit un `pilote`, soit des `copilotes`, pas les deux",
    )
    .label("second mode de pilotage")
    .related(first, "premier mode de pilotage")
    .help("une collectivité pilote seule : `pilote ID` ; un accord multi-acteurs : `copilotes ID, ID`")
}

/// `autre` without its précision.
pub(super) fn precision_missing(value: &Ident, autre: Autre) -> Diagnostic {
    Diagnostic::error(
        Code::Manquant,
        value.span,
        format!("{} `autre` demande une précision", autre.what()),
    )
    .label("précision attendue après `autre`")
    .help(format!(
        "écrivez la précision juste après `autre`, par exemple `{}`",
        autre.example()
    ))
}

/// A précision after a value other than `autre`.
pub(super) fn precision_unexpected(precision: &ast::Str, autre: Autre) -> Diagnostic {
    if let Autre::Besoin = autre {
        return Diagnostic::error(
            Code::Incompatible,
            precision.span,
            "seuls les besoins `autre_…` prennent une précision",
        )
        .label("précision en trop")
        .help(format!(
            "retirez la chaîne, ou écrivez le besoin comme un besoin « autre » de son groupe : `{}`",
            autre.example()
        ));
    }
    let help = match autre {
        Autre::Enveloppe => "retirez la chaîne : seule l'enveloppe `autre` se précise",
        _ => "gardez une seule chaîne : le nom",
    };
    Diagnostic::error(
        Code::Incompatible,
        precision.span,
        format!("seul {} `autre` prend une précision", autre.what()),
    )
    .label("précision en trop")
    .help(help)
}

/// `perimetre departement` or `region` among other elements.
pub(super) fn perimetre_not_alone(id: &Ident) -> Diagnostic {
    Diagnostic::error(
        Code::Incompatible,
        id.span,
        format!(
            "`{}` ne se combine pas avec d'autres éléments de périmètre",
            id.name
        ),
    )
    .label("périmètre entier")
    .help(format!(
        "écrivez soit `perimetre {}`, soit une liste d'EPCI ou de communes",
        id.name
    ))
}

/// A member in a perimeter that is neither an EPCI nor a commune.
pub(super) fn perimetre_nature(id: &Ident, nature: Nature, declared: Span) -> Diagnostic {
    Diagnostic::error(
        Code::Nature,
        id.span,
        format!(
            "`{}` est de nature `{nature}` : un périmètre se compose d'EPCI ou de communes",
            id.name
        ),
    )
    .label("EPCI ou commune attendu")
    .related(declared, format!("`{}` est déclaré ici", id.name))
    .help("pour tout le département, écrivez `perimetre departement` ; pour la région, `perimetre region`")
}

/// A cycle of `rend_compte`: each link (comité, the comité it reports
/// to, the `rend_compte`'s span), from the comité shown first; not empty.
pub(super) fn cycle(links: &[(&str, &str, Span)]) -> Diagnostic {
    let shown = links
        .iter()
        .chain(links.first())
        .map(|(from, _, _)| format!("`{from}`"))
        .collect::<Vec<_>>()
        .join(" → ");
    let (from, to, span) = links[0];
    let mut d = Diagnostic::error(
        Code::Cycle,
        span,
        format!("cycle de `rend_compte` : {shown}"),
    )
    .label(format!("`{from}` rend compte à `{to}`"))
    .help("un comité rend compte à un niveau supérieur : brisez le cycle en retirant l'un de ces `rend_compte`");
    for (from, to, span) in &links[1..] {
        d = d.related(*span, format!("`{from}` rend compte à `{to}`"));
    }
    d
}

/// A `sans_chevauchement` with fewer than two bodies.
pub(super) fn sans_chevauchement_alone(span: Span) -> Diagnostic {
    Diagnostic::error(
        Code::Manquant,
        span,
        "une contrainte `sans_chevauchement` porte sur au moins deux instances",
    )
    .label("une seule instance")
    .help("écrivez `sans_chevauchement a, b` avec les comités ou feuilles de route dont les périmètres doivent être disjoints")
}

/// The CRSN's région code, absent from the reference data.
pub(super) fn unknown_crsn_region(code: &ast::Code) -> Diagnostic {
    Diagnostic::error(
        Code::Reference,
        code.span,
        format!("la région `{}` n'existe pas", code.value),
    )
    .label("code de région inconnu")
    .help("donnez le code officiel (COG) de la région de la CRSN, par exemple `crsn 84`")
}

// --- needs and derogations -----------------------------------------------

/// A `priorite` that is not a whole rank from 1 to 99.
pub(super) fn priorite_not_rank(value: &ast::Number) -> Diagnostic {
    Diagnostic::error(
        Code::Valeur,
        value.span,
        format!("la priorité `{}` n'est pas un rang", value.raw),
    )
    .label("entier de 1 à 99 attendu")
    .help("la priorité est un rang : `priorite 1` pour le besoin le plus urgent")
}

/// A derogation to a rule that is not among `known`.
pub(super) fn unknown_rule<'r>(
    rule: &ast::Code,
    known: impl IntoIterator<Item = &'r str>,
) -> Diagnostic {
    let suggestion = diagnostic::suggest(&rule.value, known);
    let help = match suggestion {
        Some(s) => diagnostic::did_you_mean(&rule.value, s),
        None => "`copil rules` liste les règles en vigueur et leurs identifiants".to_string(),
    };
    let d = Diagnostic::error(
        Code::DerogationRegleInconnue,
        rule.span,
        format!("dérogation à une règle inconnue `{}`", rule.value),
    )
    .label("règle inconnue")
    .help(help);
    match suggestion {
        Some(s) => d.fix(Fix::replace(rule.span, s)),
        None => d,
    }
}

/// A derogation whose motif is blank.
pub(super) fn derogation_without_motif(motif: &ast::Str, rule: &str) -> Diagnostic {
    Diagnostic::error(
        Code::Manquant,
        motif.span,
        format!("la dérogation à `{rule}` n'a pas de motif"),
    )
    .label("motif vide")
    .help(
        "une dérogation se justifie : écrivez pourquoi la règle ne s'applique pas à ce territoire",
    )
}

// --- grants and needs --------------------------------------------------

/// A `subvention` block without its `enveloppe`.
pub(super) fn enveloppe_missing(keyword: Span) -> Diagnostic {
    Diagnostic::error(
        Code::Manquant,
        keyword,
        "la subvention ne dit pas de quelle enveloppe elle relève",
    )
    .label("`enveloppe` attendue dans ce bloc")
    .help("ajoutez `enveloppe ingenierie` (ou `formation`, `conseiller_numerique`, `autre \"…\"`) dans le bloc `subvention`")
}

/// `nombre` on a need that is not counted in people.
pub(super) fn nombre_unexpected(span: Span, besoin: BesoinKind) -> Diagnostic {
    Diagnostic::error(
        Code::Incompatible,
        span,
        format!("le besoin `{besoin}` ne se compte pas en personnes"),
    )
    .label("`nombre` en trop")
    .help("`nombre N` ne s'écrit qu'après `former_les_agents_publics` ou `former_les_salaries_associatifs` ; pour ce besoin, écrivez `etp N` ou `prestation`")
}

/// A commune's INSEE code that is also the postal code of other communes
/// of the territoire (`served`: their names and INSEE codes).
pub(super) fn postal_homonym(
    id: &str,
    code: &ast::Code,
    nom: &str,
    population: Option<u64>,
    served: &[(String, String)],
) -> Diagnostic {
    let habitants = population.map_or(String::new(), |p| format!(" ({} habitants)", grouped(p)));
    let noms: Vec<String> = served.iter().map(|(n, _)| n.clone()).collect();
    let codes: Vec<String> = served
        .iter()
        .map(|(n, insee)| format!("{n} est `{insee}`"))
        .collect();
    let d = Diagnostic::warning(
        Code::CodePostal,
        code.span,
        format!(
            "`{}` est le code INSEE de {nom}{habitants}, et aussi le code postal de {}",
            code.value,
            diagnostic::join_et(&noms)
        ),
    )
    .label(format!("code INSEE de {nom}"))
    .help(format!(
        "si vous pensiez au code postal, donnez le code INSEE de la commune : {} ; si c'est bien {nom}, écrivez son nom en libellé : `membre {} commune {} \"{nom}\"`",
        codes.join(", "),
        id,
        code.value
    ));
    served.iter().fold(d, |d, (n, insee)| {
        d.fix(
            Fix::replace(code.span, insee.as_str())
                .titled(format!("remplacer par le code INSEE de {n} : `{insee}`")),
        )
    })
}

/// `1 195 234`, with narrow no-break spaces between thousands.
pub(crate) fn grouped(n: u64) -> String {
    grouped_with(n, '\u{202f}')
}

/// `n` with `separator` between groups of three digits.
pub(crate) fn grouped_with(n: u64, separator: char) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}
