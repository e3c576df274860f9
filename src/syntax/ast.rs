//! The syntax tree of a `.copil` file: every node keeps its span, and the
//! file keeps its comments, so that the formatter can print it back.

use serde::Serialize;

use crate::span::Span;

/// A name written in the source: an identifier or an enumeration value.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Ident {
    /// The name as written.
    pub name: String,
    /// Where it is written.
    pub span: Span,
}

/// A string literal, unescaped.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Str {
    /// The value after escapes are applied.
    pub value: String,
    /// True for a `"""…"""` string.
    pub triple: bool,
    /// Where it is written, quotes included.
    pub span: Span,
}

/// An official code (`38`, `2A`, a SIREN, an INSEE code) or a rule id.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Code {
    /// The code as written.
    pub value: String,
    /// Where it is written.
    pub span: Span,
}

/// A number (`0.5`, `120_000`), with an optional `€` sign.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Number {
    /// The digits as written, separators included.
    pub raw: String,
    /// Its value.
    pub value: f64,
    /// True when followed by `€`.
    pub euro: bool,
    /// Where it is written.
    pub span: Span,
}

/// A range of years `A..B`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Range {
    /// First year.
    pub start: i64,
    /// Last year.
    pub end: i64,
    /// Where it is written.
    pub span: Span,
    /// False when a year could not be read or lies outside 2000..=2100
    /// (already reported by the parser).
    #[serde(skip)]
    pub valid: bool,
}

/// A comment, from `#` to the end of the line.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comment {
    /// The text after `#`.
    pub text: String,
    /// Where it is written, `#` included.
    pub span: Span,
}

/// An attribute inside a block: its keyword's span, its value, its whole span.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Attr<T> {
    /// The keyword's span.
    pub keyword: Span,
    /// The value that follows the keyword.
    pub value: T,
    /// The whole attribute.
    pub span: Span,
}

/// A parsed file.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct File {
    /// The declarations, in source order.
    pub items: Vec<Item>,
    /// Every comment of the file, in source order.
    pub comments: Vec<Comment>,
    /// Parts skipped after a syntax error, with the name they declared if it
    /// could be read: references to it are not reported as undeclared.
    pub skipped: Vec<Skipped>,
}

/// A part of the file skipped after a syntax error.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Skipped {
    /// The skipped text.
    pub span: Span,
    /// The identifier its header declared (`comite cotech …` declares `cotech`).
    pub declares: Option<Ident>,
}

/// A top-level declaration.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Item {
    /// `territoire CODE[, CODE…]`
    Territoire(Territoire),
    /// `periode A..B`
    Periode(Periode),
    /// `membre ID NATURE [CODE] ["libellé"] [{…}]`
    Membre(MembreDecl),
    /// `pilotage {…}`
    Pilotage(PilotageDecl),
    /// `comite ID TYPE ["précision"] "nom" {…}`
    Comite(ComiteDecl),
    /// `existant ID CONTRAT ["précision"] "nom" [{…}]`
    Existant(ExistantDecl),
    /// `sans_chevauchement ID, ID…`
    SansChevauchement(SansChevauchementDecl),
    /// `crsn REGION {membres …}`
    Crsn(CrsnDecl),
    /// `feuille_de_route ID "nom" {…}`
    FeuilleDeRoute(FeuilleDeRouteDecl),
    /// `besoins {…}`
    Besoins(BesoinsDecl),
    /// `derogation RULE-ID "motif"`
    Derogation(DerogationDecl),
}

impl Item {
    /// The whole declaration's span.
    pub fn span(&self) -> Span {
        match self {
            Item::Territoire(d) => d.span,
            Item::Periode(d) => d.span,
            Item::Membre(d) => d.span,
            Item::Pilotage(d) => d.span,
            Item::Comite(d) => d.span,
            Item::Existant(d) => d.span,
            Item::SansChevauchement(d) => d.span,
            Item::Crsn(d) => d.span,
            Item::FeuilleDeRoute(d) => d.span,
            Item::Besoins(d) => d.span,
            Item::Derogation(d) => d.span,
        }
    }
}

/// `territoire 38`
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Territoire {
    /// The département codes.
    pub codes: Vec<Code>,
    /// The declaration.
    pub span: Span,
}

/// `periode 2023..2027`
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Periode {
    /// The years.
    pub range: Range,
    /// The declaration.
    pub span: Span,
}

/// `membre ID NATURE [CODE] ["libellé"] [{…}]`
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MembreDecl {
    /// Its identifier.
    pub id: Ident,
    /// Its nature (`epci`, `caf`, …), checked at resolution.
    pub nature: Ident,
    /// Its official code, if written.
    pub code: Option<Code>,
    /// Its libellé, if written.
    pub libelle: Option<Str>,
    /// The attributes of its block, in order.
    pub attrs: Vec<MembreAttr>,
    /// The declaration.
    pub span: Span,
}

/// An attribute of a member.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum MembreAttr {
    /// `siret N`
    Siret(Attr<Code>),
    /// `region CODE`
    Region(Attr<Code>),
    /// `tags a, b`
    Tags(Attr<Vec<Ident>>),
}

/// `pilotage {…}`
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PilotageDecl {
    /// Its attributes, in order.
    pub attrs: Vec<PilotageAttr>,
    /// The declaration.
    pub span: Span,
}

/// An attribute of the pilotage.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum PilotageAttr {
    /// `prefet ID`
    Prefet(Attr<Ident>),
    /// `pilote ID`
    Pilote(Attr<Ident>),
    /// `copilotes ID, ID…`
    Copilotes(Attr<Vec<Ident>>),
    /// `coordination ID, ID…`: the structures that recruit coordinators.
    Coordination(Attr<Vec<Ident>>),
    /// `referent "Nom" "adresse"`: the sous-préfet référent.
    Referent(Attr<(Str, Str)>),
}

/// `comite ID TYPE ["précision"] "nom" {…}`
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ComiteDecl {
    /// Its identifier.
    pub id: Ident,
    /// Its type (`strategique`, …), checked at resolution.
    pub kind: Ident,
    /// The précision of an `autre` type.
    pub precision: Option<Str>,
    /// Its name.
    pub nom: Str,
    /// Its attributes, in order.
    pub attrs: Vec<BodyAttr>,
    /// The declaration.
    pub span: Span,
}

/// An attribute of a comité or an existing body.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum BodyAttr {
    /// `presidence ID, ID…`
    Presidence(Attr<Vec<Ident>>),
    /// `membres ID, ID…`
    Membres(Attr<Vec<Ident>>),
    /// `frequence VALEUR`
    Frequence(Attr<Ident>),
    /// `perimetre departement|region|ID, ID…`
    Perimetre(Attr<Vec<Ident>>),
    /// `rend_compte ID`
    RendCompte(Attr<Ident>),
    /// `adosse ID`
    Adosse(Attr<Ident>),
    /// `mission "…"`
    Mission(Attr<Str>),
    /// `prochaine_reunion AAAA-MM-JJ`
    ProchaineReunion(Attr<Date>),
}

/// A calendar date `AAAA-MM-JJ`, checked when read.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Date {
    /// The date as written.
    pub raw: String,
    /// False when it is no real date (`2025-02-30`): already reported by
    /// the parser.
    #[serde(skip)]
    pub valid: bool,
    /// Where it is written.
    pub span: Span,
}

/// `existant ID CONTRAT ["précision"] "nom" [{…}]`
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExistantDecl {
    /// Its identifier.
    pub id: Ident,
    /// Its contract (`crte`, …), checked at resolution.
    pub contrat: Ident,
    /// The précision of an `autre` contract.
    pub precision: Option<Str>,
    /// Its name.
    pub nom: Str,
    /// Its attributes (`membres`, `perimetre`).
    pub attrs: Vec<BodyAttr>,
    /// The declaration.
    pub span: Span,
}

/// `sans_chevauchement ID, ID…`
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SansChevauchementDecl {
    /// The bodies or roadmaps whose perimeters must be disjoint.
    pub ids: Vec<Ident>,
    /// The declaration.
    pub span: Span,
}

/// `crsn REGION {membres …}`
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CrsnDecl {
    /// The région's code.
    pub region: Code,
    /// Its `membres` lines.
    pub membres: Vec<Attr<Vec<Ident>>>,
    /// The declaration.
    pub span: Span,
}

/// `feuille_de_route ID "nom" {…}`
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FeuilleDeRouteDecl {
    /// Its identifier.
    pub id: Ident,
    /// Its name.
    pub nom: Str,
    /// Its attributes and actions, in order.
    pub attrs: Vec<FeuilleAttr>,
    /// The declaration.
    pub span: Span,
}

/// An attribute of a roadmap.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum FeuilleAttr {
    /// `porteur ID`
    Porteur(Attr<Ident>),
    /// `perimetre departement|region|ID, ID…`
    Perimetre(Attr<Vec<Ident>>),
    /// `contrat VALEUR ["précision"]`
    Contrat(Attr<(Ident, Option<Str>)>),
    /// `diagnostic "…"`
    Diagnostic(Attr<Str>),
    /// `action "nom" {…}`
    Action(ActionDecl),
}

/// `action "nom" {…}`
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ActionDecl {
    /// The keyword's span.
    pub keyword: Span,
    /// Its name.
    pub nom: Str,
    /// Its attributes, in order.
    pub attrs: Vec<ActionAttr>,
    /// The declaration.
    pub span: Span,
}

/// An attribute of an action.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum ActionAttr {
    /// `porteurs ID, ID…`
    Porteurs(Attr<Vec<Ident>>),
    /// `besoins VALEUR, VALEUR…`
    Besoins(Attr<Vec<Ident>>),
    /// `annees A..B`
    Annees(Attr<Range>),
    /// `budget MONTANT`
    Budget(Attr<Number>),
    /// `financement ID MONTANT`
    Financement(Attr<(Ident, Number)>),
    /// `subvention MONTANT {…}`: the State grant requested.
    Subvention(SubventionDecl),
}

/// `subvention MONTANT {…}`
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SubventionDecl {
    /// The keyword's span.
    pub keyword: Span,
    /// The amount requested.
    pub montant: Number,
    /// Its attributes, in order.
    pub attrs: Vec<SubventionAttr>,
    /// The whole block.
    pub span: Span,
}

/// An attribute of a grant.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum SubventionAttr {
    /// `enveloppe VALEUR ["précision"]`
    Enveloppe(Attr<(Ident, Option<Str>)>),
    /// `etp MONTANT`: the staff part.
    Etp(Attr<Number>),
    /// `prestation MONTANT`: the services part.
    Prestation(Attr<Number>),
    /// `beneficiaire ID MONTANT`
    Beneficiaire(Attr<(Ident, Number)>),
    /// `statut VALEUR`
    Statut(Attr<Ident>),
}

/// `besoins {…}`
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BesoinsDecl {
    /// One line per need.
    pub besoins: Vec<BesoinDecl>,
    /// `total_etp N [priorite N]` lines (one is allowed).
    pub total_etp: Vec<TotalEtpDecl>,
    /// The declaration.
    pub span: Span,
}

/// `total_etp N [priorite N]`
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TotalEtpDecl {
    /// The total in full-time equivalents.
    pub etp: Number,
    /// Its rank among the priorities.
    pub priorite: Option<Attr<Number>>,
    /// The line.
    pub span: Span,
}

/// `VALEUR ["précision"] [etp N] [prestation] [nombre N] [priorite N]`
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BesoinDecl {
    /// The need, checked at resolution.
    pub besoin: Ident,
    /// The précision of an « autre » need.
    pub precision: Option<Str>,
    /// Its options, in order.
    pub options: Vec<BesoinOption>,
    /// The line.
    pub span: Span,
}

/// An option of a need.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum BesoinOption {
    /// `etp N`
    Etp(Attr<Number>),
    /// `prestation`
    Prestation(Attr<()>),
    /// `nombre N`: people to train.
    Nombre(Attr<Number>),
    /// `priorite N`
    Priorite(Attr<Number>),
}

/// `derogation RULE-ID "motif"`
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DerogationDecl {
    /// The waived rule.
    pub rule: Code,
    /// The reason.
    pub motif: Str,
    /// The declaration.
    pub span: Span,
}
