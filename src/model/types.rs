//! The compiled governance: identifiers resolved, codes checked against the
//! reference data, enumerations typed. It serialises as the fact model that
//! rules see and that `copil export` prints.

use serde::Serialize;

use crate::reference::Zone;
use crate::span::Span;

/// Declares an enumeration of the language: its variants, their spelling in
/// `.copil` files (also their JSON name), and the list of spellings.
macro_rules! enumeration {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// Every spelling, in declaration order.
            pub const ALL: &'static [&'static str] = &[$($text),+];

            /// The spelling in `.copil` files and JSON.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// The variant spelled `text`.
            pub fn parse(text: &str) -> Option<Self> {
                match text {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

enumeration! {
    /// What a member is.
    Nature {
        /// A région (COG code).
        Region = "region",
        /// A département (COG code).
        Departement = "departement",
        /// An EPCI (SIREN).
        Epci = "epci",
        /// A commune (INSEE code).
        Commune = "commune",
        /// The préfecture of a département.
        Prefecture = "prefecture",
        /// The SGAR of a région.
        Sgar = "sgar",
        /// Another State service.
        Etat = "etat",
        /// A Hub territorial pour un numérique inclusif.
        Hub = "hub",
        /// A caisse d'allocations familiales.
        Caf = "caf",
        /// A caisse primaire d'assurance maladie.
        Cpam = "cpam",
        /// A CARSAT.
        Carsat = "carsat",
        /// The MSA.
        Msa = "msa",
        /// France Travail.
        FranceTravail = "france_travail",
        /// The France Services network.
        FranceServices = "france_services",
        /// An association.
        Association = "association",
        /// An association of elected officials.
        AssociationElus = "association_elus",
        /// A GIP or a syndicat of collectivités.
        Groupement = "groupement",
        /// A public establishment.
        EtablissementPublic = "etablissement_public",
        /// An operator.
        Operateur = "operateur",
        /// A company.
        Entreprise = "entreprise",
        /// Anything else.
        Autre = "autre",
    }
}

impl Nature {
    /// The family of this nature.
    pub fn categorie(self) -> Categorie {
        match self {
            Nature::Region | Nature::Departement | Nature::Epci | Nature::Commune => {
                Categorie::Collectivite
            }
            Nature::Prefecture | Nature::Sgar | Nature::Etat => Categorie::Etat,
            _ => Categorie::Structure,
        }
    }

    /// The kind of official code this nature carries, if any.
    pub fn code_kind(self) -> Option<&'static str> {
        match self {
            Nature::Region => Some("code de région"),
            Nature::Departement => Some("code de département"),
            Nature::Epci => Some("SIREN d'EPCI"),
            Nature::Commune => Some("code INSEE de commune"),
            _ => None,
        }
    }
}

enumeration! {
    /// The family of a member's nature.
    Categorie {
        /// A territorial collectivité.
        Collectivite = "collectivite",
        /// A State service.
        Etat = "etat",
        /// Any other structure.
        Structure = "structure",
    }
}

enumeration! {
    /// The type of a comité (ANCT's enumeration).
    ComiteType {
        /// Strategic (comité de pilotage).
        Strategique = "strategique",
        /// Technical.
        Technique = "technique",
        /// Consultative.
        Consultatif = "consultatif",
        /// Other, with a précision.
        Autre = "autre",
    }
}

enumeration! {
    /// How often a comité meets (ANCT's enumeration).
    Frequence {
        /// Every month.
        Mensuelle = "mensuelle",
        /// Every quarter.
        Trimestrielle = "trimestrielle",
        /// Twice a year.
        Semestrielle = "semestrielle",
        /// Once a year.
        Annuelle = "annuelle",
    }
}

impl Frequence {
    /// Meetings per year.
    pub fn par_an(self) -> u32 {
        match self {
            Frequence::Mensuelle => 12,
            Frequence::Trimestrielle => 4,
            Frequence::Semestrielle => 2,
            Frequence::Annuelle => 1,
        }
    }
}

enumeration! {
    /// A pre-existing contract (ANCT's enumeration, plus the CAF's CTG).
    Contrat {
        /// Contrat de relance et de transition écologique.
        Crte = "crte",
        /// Schéma départemental d'amélioration de l'accessibilité des services au public.
        Sdaasap = "sdaasap",
        /// Schéma directeur d'inclusion numérique.
        Sdin = "sdin",
        /// Schéma directeur des usages numériques.
        Sdun = "sdun",
        /// Convention territoriale globale (CAF).
        Ctg = "ctg",
        /// Other, with a précision.
        Autre = "autre",
    }
}

enumeration! {
    /// A need in financial and project engineering (ANCT's 11 values).
    BesoinKind {
        /// Establish a territorial diagnosis.
        EtablirUnDiagnosticTerritorial = "etablir_un_diagnostic_territorial",
        /// Co-build the roadmap.
        CoConstruireLaFeuilleDeRoute = "co_construire_la_feuille_de_route",
        /// Write the roadmap.
        RedigerLaFeuilleDeRoute = "rediger_la_feuille_de_route",
        /// Legal support.
        AppuiJuridique = "appui_juridique",
        /// Structure a fund.
        StructurerUnFonds = "structurer_un_fonds",
        /// Build grant applications.
        MonterDossiersDeSubvention = "monter_dossiers_de_subvention",
        /// Run the governance.
        AnimerLaGouvernance = "animer_la_gouvernance",
        /// Structure a refurbishing channel.
        StructurerUneFiliereDeReconditionnement = "structurer_une_filiere_de_reconditionnement",
        /// Collect territorial data.
        CollecterDesDonneesTerritoriales = "collecter_des_donnees_territoriales",
        /// Raise awareness of existing tools.
        SensibiliserLesActeursAuxOutilsExistants = "sensibiliser_les_acteurs_aux_outils_existants",
        /// Support the Qualiopi certification.
        AppuyerLaCertificationQualiopi = "appuyer_la_certification_qualiopi",
        /// Train public servants (with a number of people).
        FormerLesAgentsPublics = "former_les_agents_publics",
        /// Train association employees (with a number of people).
        FormerLesSalariesAssociatifs = "former_les_salaries_associatifs",
        /// Another formalisation need, with its précision.
        AutreFormalisation = "autre_formalisation",
        /// Another financing need, with its précision.
        AutreFinancement = "autre_financement",
        /// Another tooling need, with its précision.
        AutreOutillage = "autre_outillage",
        /// Another training need, with its précision.
        AutreFormation = "autre_formation",
    }
}

impl BesoinKind {
    /// The group of the need: formalisation, financement, outillage, formation.
    pub fn groupe(self) -> &'static str {
        use BesoinKind::*;
        match self {
            EtablirUnDiagnosticTerritorial
            | CoConstruireLaFeuilleDeRoute
            | RedigerLaFeuilleDeRoute
            | AppuiJuridique => "formalisation",
            StructurerUnFonds | MonterDossiersDeSubvention | AnimerLaGouvernance => "financement",
            StructurerUneFiliereDeReconditionnement
            | CollecterDesDonneesTerritoriales
            | SensibiliserLesActeursAuxOutilsExistants => "outillage",
            AppuyerLaCertificationQualiopi => "formation",
            FormerLesAgentsPublics | FormerLesSalariesAssociatifs => "formation",
            AutreFormalisation => "formalisation",
            AutreFinancement => "financement",
            AutreOutillage => "outillage",
            AutreFormation => "formation",
        }
    }

    /// True for the training needs counted in people (`nombre N`).
    pub fn compte_des_personnes(self) -> bool {
        matches!(
            self,
            BesoinKind::FormerLesAgentsPublics | BesoinKind::FormerLesSalariesAssociatifs
        )
    }

    /// True for the « autre » needs, which take a précision.
    pub fn autre(self) -> bool {
        matches!(
            self,
            BesoinKind::AutreFormalisation
                | BesoinKind::AutreFinancement
                | BesoinKind::AutreOutillage
                | BesoinKind::AutreFormation
        )
    }
}

enumeration! {
    /// The envelope a State grant is drawn from (Mon Inclusion Numérique).
    Enveloppe {
        /// Ingénierie France Numérique Ensemble.
        Ingenierie = "ingenierie",
        /// Formation Aidant Numérique / Aidants Connect.
        Formation = "formation",
        /// Conseiller numérique.
        ConseillerNumerique = "conseiller_numerique",
        /// Another envelope, with a précision.
        Autre = "autre",
    }
}

enumeration! {
    /// Where a grant request stands.
    Statut {
        /// Filed.
        Deposee = "deposee",
        /// Being examined.
        EnCours = "en_cours",
        /// Granted.
        Acceptee = "acceptee",
        /// Refused.
        Refusee = "refusee",
    }
}

enumeration! {
    /// A member's role, derived from what the file says of it (DESIGN §3).
    RoleMembre {
        /// Pilote or copilote.
        Coporteur = "coporteur",
        /// Has a `financement`.
        Cofinanceur = "cofinanceur",
        /// Receives a State grant (envelope other than `formation`).
        Beneficiaire = "beneficiaire",
        /// Receives a training grant (envelope `formation`).
        Recipiendaire = "recipiendaire",
        /// Carries a roadmap or an action.
        Porteur = "porteur",
        /// None of the above.
        Observateur = "observateur",
    }
}

enumeration! {
    /// Who carries the governance beside the préfet.
    Mode {
        /// The State alone.
        EtatSeul = "etat_seul",
        /// One pilot collectivité.
        Pilote = "pilote",
        /// A multi-actor copilotage.
        Copilotage = "copilotage",
    }
}

enumeration! {
    /// The kind of a perimeter.
    PerimetreKind {
        /// The whole territoire (the default).
        Territoire = "territoire",
        /// The département.
        Departement = "departement",
        /// The région.
        Region = "region",
        /// A list of EPCI or communes.
        Membres = "membres",
    }
}

/// The compiled governance of one territory: the fact model.
#[derive(Clone, Debug, Serialize)]
pub struct Gouvernance {
    /// The territory.
    pub territoire: TerritoireInfo,
    /// The roadmap period.
    pub periode: Periode,
    /// The members, in declaration order.
    pub membres: Vec<Membre>,
    /// Who pilots.
    pub pilotage: Pilotage,
    /// The governance bodies.
    pub comites: Vec<Comite>,
    /// The bodies that already exist.
    pub existants: Vec<Existant>,
    /// The non-overlap constraints.
    pub sans_chevauchement: Vec<SansChevauchement>,
    /// The seats at the regional CRSN.
    pub crsn: Option<Crsn>,
    /// The roadmaps.
    pub feuilles: Vec<FeuilleDeRoute>,
    /// Every action of every roadmap.
    pub actions: Vec<Action>,
    /// Needs in engineering.
    pub besoins: Vec<Besoin>,
    /// The `total_etp` line of the needs.
    pub besoins_total: Option<BesoinsTotal>,
    /// Waived rules.
    pub derogations: Vec<Derogation>,
    /// Members and comités by id, built on the first lookup.
    #[serde(skip)]
    pub(crate) lookup: Lookup,
}

/// The positions of members and comités by id: lookups in constant time,
/// so that the analyses and renders stay linear in the size of the file.
#[derive(Clone, Debug, Default)]
pub(crate) struct Lookup {
    table: std::sync::OnceLock<LookupTable>,
}

#[derive(Clone, Debug, Default)]
struct LookupTable {
    membres: rustc_hash::FxHashMap<String, usize>,
    comites: rustc_hash::FxHashMap<String, usize>,
}

/// The territory a file governs.
#[derive(Clone, Debug, Serialize)]
pub struct TerritoireInfo {
    /// Département codes.
    pub codes: Vec<String>,
    /// Official names, joined.
    pub nom: String,
    /// The names after « de », with their articles: « de l'Isère », « du
    /// Nord », « de la Savoie et de la Haute-Savoie ».
    pub de_nom: String,
    /// The région's code.
    pub region: String,
    /// The région's name.
    pub region_nom: String,
    /// `metro`, `drom` or `com`.
    pub zone: Zone,
    /// Population (municipale) of the territory.
    pub population: u64,
    /// SIREN of every EPCI with a commune in the territory.
    pub epci: Vec<String>,
    /// The declaration.
    pub span: Span,
}

/// The roadmap period.
#[derive(Clone, Debug, Serialize)]
pub struct Periode {
    /// First year.
    pub debut: i64,
    /// Last year.
    pub fin: i64,
    /// The declaration, if written.
    pub span: Option<Span>,
}

/// A member of the governance.
#[derive(Clone, Debug, Serialize)]
pub struct Membre {
    /// Its identifier.
    pub id: String,
    /// Its nature.
    pub nature: Nature,
    /// The family of its nature.
    pub categorie: Categorie,
    /// True for a collectivité (région, département, EPCI, commune).
    pub collectivite: bool,
    /// Its official code, if any.
    pub code: Option<String>,
    /// Its name: the official one for a collectivité, else its libellé.
    pub nom: String,
    /// Its SIRET, if given.
    pub siret: Option<String>,
    /// Its région: the collectivité's, or a Hub's `region`.
    pub region: Option<String>,
    /// The départements it lies in (collectivités).
    pub departements: Vec<String>,
    /// Its population, for a collectivité.
    pub population: Option<u64>,
    /// Its tags.
    pub tags: Vec<String>,
    /// Its roles, derived from the file (never written).
    pub roles: Vec<RoleMembre>,
    /// The declaration.
    pub span: Span,
}

/// Who pilots the governance with the préfet.
#[derive(Clone, Debug, Serialize)]
pub struct Pilotage {
    /// The préfecture.
    pub prefet: Option<String>,
    /// The one pilot collectivité.
    pub pilote: Option<String>,
    /// The copilotes of a multi-actor agreement.
    pub copilotes: Vec<String>,
    /// The pilot or the copilotes.
    pub porteurs: Vec<String>,
    /// `etat_seul`, `pilote` or `copilotage`.
    pub mode: Mode,
    /// The structures that recruit the coordinators.
    pub coordination: Vec<String>,
    /// The sous-préfet référent.
    pub referent: Option<Referent>,
    /// The declaration, if written.
    pub span: Option<Span>,
}

/// `referent "Nom" "adresse"`: the sous-préfet référent.
#[derive(Clone, Debug, Serialize)]
pub struct Referent {
    /// Name.
    pub nom: String,
    /// E-mail address, as written.
    pub email: String,
    /// True when the address is a valid e-mail address.
    pub email_valide: bool,
    /// The line.
    pub span: Span,
}

/// A perimeter: the territory, the département, the région, or members.
#[derive(Clone, Debug, Serialize)]
pub struct Perimetre {
    /// Its kind.
    #[serde(rename = "type")]
    pub kind: PerimetreKind,
    /// The EPCI or commune members listed (for `membres`).
    pub membres: Vec<String>,
    /// SIREN of the EPCI it covers, wholly or in part.
    pub epci: Vec<String>,
    /// INSEE codes of the communes listed explicitly.
    pub communes: Vec<String>,
    /// The `perimetre` line, if written.
    pub span: Option<Span>,
}

/// A governance body.
#[derive(Clone, Debug, Serialize)]
pub struct Comite {
    /// Its identifier.
    pub id: String,
    /// Its type.
    #[serde(rename = "type")]
    pub kind: ComiteType,
    /// The précision of an `autre` type.
    pub precision: Option<String>,
    /// Its name.
    pub nom: String,
    /// The members who chair it.
    pub presidence: Vec<String>,
    /// Its members.
    pub membres: Vec<String>,
    /// How often it meets.
    pub frequence: Option<Frequence>,
    /// Its perimeter.
    pub perimetre: Perimetre,
    /// The comité it reports to.
    pub rend_compte: Option<String>,
    /// The existing body it meets within.
    pub adosse: Option<String>,
    /// Its mission.
    pub mission: Option<String>,
    /// The date of its next meeting, `AAAA-MM-JJ`.
    pub prochaine_reunion: Option<String>,
    /// The declaration.
    pub span: Span,
}

/// A body that already exists on the territory.
#[derive(Clone, Debug, Serialize)]
pub struct Existant {
    /// Its identifier.
    pub id: String,
    /// The contract it comes from.
    pub contrat: Contrat,
    /// The précision of an `autre` contract.
    pub precision: Option<String>,
    /// Its name.
    pub nom: String,
    /// Its members.
    pub membres: Vec<String>,
    /// Its perimeter.
    pub perimetre: Perimetre,
    /// The declaration.
    pub span: Span,
}

/// `sans_chevauchement a, b…`
#[derive(Clone, Debug, Serialize)]
pub struct SansChevauchement {
    /// The comités or roadmaps whose perimeters must be disjoint.
    pub ids: Vec<String>,
    /// The declaration.
    pub span: Span,
}

/// The seats at the regional CRSN.
#[derive(Clone, Debug, Serialize)]
pub struct Crsn {
    /// The région's code.
    pub region: String,
    /// The members who sit there.
    pub membres: Vec<String>,
    /// The declaration.
    pub span: Span,
}

/// A roadmap.
#[derive(Clone, Debug, Serialize)]
pub struct FeuilleDeRoute {
    /// Its identifier.
    pub id: String,
    /// Its name.
    pub nom: String,
    /// Who carries it.
    pub porteur: Option<String>,
    /// Its perimeter.
    pub perimetre: Perimetre,
    /// `departementale`, `regionale` or `infra_departementale`.
    pub niveau: &'static str,
    /// The pre-existing contract it builds on.
    pub contrat: Option<Contrat>,
    /// The précision of an `autre` contract.
    pub contrat_precision: Option<String>,
    /// Its diagnostic.
    pub diagnostic: Option<String>,
    /// Indexes of its actions in [`Gouvernance::actions`].
    pub actions: Vec<usize>,
    /// The declaration.
    pub span: Span,
}

/// An action of a roadmap.
#[derive(Clone, Debug, Serialize)]
pub struct Action {
    /// The roadmap it belongs to.
    pub feuille: String,
    /// Its name.
    pub nom: String,
    /// Who carries it.
    pub porteurs: Vec<String>,
    /// The needs it answers.
    pub besoins: Vec<BesoinKind>,
    /// First year.
    pub debut: Option<i64>,
    /// Last year.
    pub fin: Option<i64>,
    /// Its budget in euros.
    pub budget: Option<f64>,
    /// Who finances it and how much.
    pub financements: Vec<Financement>,
    /// Sum of its financements.
    pub total_financements: f64,
    /// The State grant requested for it.
    pub subvention: Option<Subvention>,
    /// Its co-financings plus its grant: the planned total.
    pub total_prevu: f64,
    /// The declaration.
    pub span: Span,
}

/// `subvention MONTANT {…}`: a State grant requested for an action.
#[derive(Clone, Debug, Serialize)]
pub struct Subvention {
    /// The amount requested, in euros.
    pub montant: f64,
    /// The envelope it is drawn from.
    pub enveloppe: Option<Enveloppe>,
    /// The précision of an `autre` envelope.
    pub enveloppe_precision: Option<String>,
    /// The staff part.
    pub etp: Option<f64>,
    /// The services part.
    pub prestation: Option<f64>,
    /// Who receives it, and how much.
    pub beneficiaires: Vec<BeneficiaireSubvention>,
    /// Sum of the beneficiaries' amounts.
    pub total_beneficiaires: f64,
    /// Where the request stands.
    pub statut: Option<Statut>,
    /// The block.
    pub span: Span,
}

/// `beneficiaire ID MONTANT`
#[derive(Clone, Debug, Serialize)]
pub struct BeneficiaireSubvention {
    /// The member who receives it.
    pub membre: String,
    /// The amount in euros.
    pub montant: f64,
    /// The line.
    pub span: Span,
}

/// `financement ID MONTANT`
#[derive(Clone, Debug, Serialize)]
pub struct Financement {
    /// The member who commits money.
    pub membre: String,
    /// The amount in euros.
    pub montant: f64,
    /// The line.
    pub span: Span,
}

/// A need in engineering.
#[derive(Clone, Debug, Serialize)]
pub struct Besoin {
    /// The need.
    pub besoin: BesoinKind,
    /// Its group.
    pub groupe: &'static str,
    /// True for a training need counted in people.
    pub formation: bool,
    /// True for an « autre » need.
    pub autre: bool,
    /// The précision of an « autre » need.
    pub precision: Option<String>,
    /// Full-time equivalents asked for.
    pub etp: Option<f64>,
    /// True when an external service is asked for.
    pub prestation: bool,
    /// People to train.
    pub nombre: Option<f64>,
    /// Its priority (1 is highest).
    pub priorite: Option<u32>,
    /// The line.
    pub span: Span,
}

/// `total_etp N [priorite N]` in the needs.
#[derive(Clone, Debug, Serialize)]
pub struct BesoinsTotal {
    /// The total in full-time equivalents.
    pub etp: f64,
    /// Its rank among the priorities.
    pub priorite: Option<u32>,
    /// The line.
    pub span: Span,
}

/// A waived rule.
#[derive(Clone, Debug, Serialize)]
pub struct Derogation {
    /// The rule id.
    pub regle: String,
    /// The reason.
    pub motif: String,
    /// The declaration.
    pub span: Span,
}

impl Membre {
    /// Its name as shown in documents, telling a région from its homonymous
    /// département: « Région Guadeloupe », « Département de la Guadeloupe »;
    /// other members keep their name.
    pub fn nom_distinct(&self) -> String {
        match self.nature {
            Nature::Region => format!("Région {}", self.nom),
            Nature::Departement => self
                .code
                .as_deref()
                .and_then(|c| crate::reference::Reference::get().departement(c))
                .map_or_else(
                    || self.nom.clone(),
                    |d| match d.collectivite {
                        Some(nom) => nom.to_owned(),
                        None => format!("Département {}", d.de_nom()),
                    },
                ),
            _ => self.nom.clone(),
        }
    }
}

impl Gouvernance {
    fn table(&self) -> &LookupTable {
        self.lookup.table.get_or_init(|| {
            let mut table = LookupTable::default();
            // The first declaration wins, as the resolver's does.
            for (i, m) in self.membres.iter().enumerate().rev() {
                table.membres.insert(m.id.clone(), i);
            }
            for (i, c) in self.comites.iter().enumerate().rev() {
                table.comites.insert(c.id.clone(), i);
            }
            table
        })
    }

    /// The member with this identifier.
    pub fn membre(&self, id: &str) -> Option<&Membre> {
        self.table().membres.get(id).map(|&i| &self.membres[i])
    }

    /// The comité with this identifier.
    pub fn comite(&self, id: &str) -> Option<&Comite> {
        self.table().comites.get(id).map(|&i| &self.comites[i])
    }
}
