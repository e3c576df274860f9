//! The loaded rulesets: the shipped ones (embedded in the binary) and those
//! given with `--rules`, each compiled as a profile, and the choice of the
//! profile of each file (`--profile`, or `outre-mer` for a `drom`/`com`
//! territory).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use super::compile::{self, ActiveRules};
use super::load::{self, RuleFile, RulesetDef};
use super::snapshot;
use crate::diagnostic::Code;
use crate::diagnostic::{self, Diagnostic};
use crate::files::{display_path, io_message};
use crate::reference::Zone;
use crate::span::Span;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));
}

pub use embedded::RULE_TESTS as EMBEDDED_TESTS;

/// The shipped rulesets and the fingerprint the build computed of them.
#[cfg(test)]
pub(crate) fn embedded_fingerprint() -> (&'static [(&'static str, &'static str)], u64) {
    (embedded::RULESETS, embedded::RULESETS_FINGERPRINT)
}

/// The profile of metropolitan territories.
pub const NATIONAL: &str = "national";
/// The profile chosen for `drom` and `com` territories.
pub const OUTRE_MER: &str = "outre-mer";

/// Every loaded ruleset, compiled.
#[derive(Debug)]
pub struct Rules {
    /// The files read (shipped ones first).
    pub files: Vec<RuleFile>,
    /// The rulesets read from `files`; read from their text on first use
    /// when the rules come from the cache (`copil rules` lists them, a
    /// check never needs them).
    sets: OnceLock<Vec<RulesetDef>>,
    /// Indexes of the rulesets given with `--rules`, in order.
    user: Vec<usize>,
    profiles: BTreeMap<String, Profile>,
    forced: Option<String>,
    ids: Vec<String>,
}

/// The rules of one profile: compiled, or still encoded in the cache of
/// the shipped rules until a file of this profile is checked.
#[derive(Debug)]
struct Profile {
    active: OnceLock<Arc<ActiveRules>>,
    /// Its block of `rules/compiled.bin`, when it comes from there.
    frozen: Option<&'static [u8]>,
    /// The rules `--select` keeps, applied when the block is decoded.
    selection: Option<Arc<BTreeSet<String>>>,
}

impl Profile {
    fn compiled(active: Arc<ActiveRules>) -> Profile {
        Profile {
            active: OnceLock::from(active),
            frozen: None,
            selection: None,
        }
    }

    fn frozen(bytes: &'static [u8]) -> Profile {
        Profile {
            active: OnceLock::new(),
            frozen: Some(bytes),
            selection: None,
        }
    }

    /// Its rules, decoded on first use. A block that cannot be decoded
    /// (which the cache's test rules out) is compiled from the shipped
    /// texts instead.
    fn get(&self, name: &str) -> &Arc<ActiveRules> {
        self.active.get_or_init(|| {
            let active = self
                .frozen
                .and_then(snapshot::thaw)
                .or_else(|| shipped_from_text().1.remove(name).map(Arc::unwrap_or_clone))
                .unwrap_or_else(empty_profile);
            Arc::new(match &self.selection {
                Some(kept) => selected(&active, kept),
                None => active,
            })
        })
    }
}

/// A profile without rules.
fn empty_profile() -> ActiveRules {
    ActiveRules {
        chain: Vec::new(),
        params: BTreeMap::new(),
        rules: Vec::new(),
        infos: Arc::from(Vec::new()),
        selection: None,
    }
}

/// `active` with only the rules of `kept` (`--select`).
fn selected(active: &ActiveRules, kept: &Arc<BTreeSet<String>>) -> ActiveRules {
    let mut out = active.clone();
    out.rules.retain(|r| kept.contains(&r.info.id));
    out.infos = out.rules.iter().map(|r| r.info.clone()).collect();
    out.selection = Some(kept.clone());
    out
}

/// Why the rules could not be loaded: each faulty file with its
/// diagnostics.
#[derive(Debug)]
pub struct RulesError {
    /// One entry per faulty ruleset file (or per bad argument), by path.
    pub files: Vec<FaultyRuleset>,
}

/// A ruleset file that cannot be loaded, and why.
#[derive(Debug)]
pub struct FaultyRuleset {
    /// The path as shown.
    pub path: String,
    /// Its text, that the diagnostics' spans point into.
    pub text: String,
    /// Every error, in source order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Rules {
    /// The shipped rulesets alone.
    pub fn embedded() -> Result<Rules, RulesError> {
        Rules::load(&[], None)
    }

    /// The shipped rulesets, then the ruleset files at `paths` (a folder:
    /// every `*.toml` directly in it, sorted). A ruleset with the id of a
    /// loaded one replaces it. `profile` forces the profile of every file.
    pub fn load(paths: &[PathBuf], profile: Option<&str>) -> Result<Rules, RulesError> {
        if paths.is_empty()
            && let Some(rules) = Rules::from_snapshot(profile)
        {
            return rules;
        }
        let mut errors = Errors::new();
        let files = read_files(paths, &mut errors);
        Rules::from_files(files, errors, profile)
    }

    /// The shipped rulesets, then one ruleset given as text, shown as
    /// `path` in diagnostics: what `--rules` does with a file, without the
    /// file system (the web editor, the fuzzer).
    pub fn load_text(path: &str, text: &str) -> Result<Rules, RulesError> {
        let mut errors = Errors::new();
        let mut files = read_files(&[], &mut errors);
        files.push(RuleFile {
            path: path.to_string(),
            text: text.to_string(),
        });
        Rules::from_files(files, errors, None)
    }

    /// Reads, compiles and assembles the rulesets of `files`.
    fn from_files(
        mut files: Vec<RuleFile>,
        mut errors: Errors,
        profile: Option<&str>,
    ) -> Result<Rules, RulesError> {
        let (sets, user) = read_rulesets(&files, &mut errors);
        let profiles = compile_profiles(&sets, &user, &mut errors);
        if let Some(name) = profile {
            let known: Vec<&str> = profiles.keys().map(String::as_str).collect();
            check_profile(name, &known, &mut files, &mut errors);
        }
        if !errors.is_empty() {
            return Err(RulesError {
                files: faulty(&files, errors),
            });
        }
        Ok(Rules::assemble(files, sets, user, profiles, profile))
    }

    /// The shipped rulesets from the cache of their compiled form
    /// (`rules/compiled.bin`, see [`snapshot`]): nothing is read or
    /// compiled until a profile is needed. `None` when the cache was not
    /// made from the shipped texts of this build.
    fn from_snapshot(profile: Option<&str>) -> Option<Result<Rules, RulesError>> {
        let snapshot = snapshot::open(embedded::RULESETS_FINGERPRINT)?;
        let mut errors = Errors::new();
        let mut files = read_files(&[], &mut errors);
        if let Some(name) = profile {
            let known: Vec<&str> = snapshot.profiles.iter().map(|(n, _)| n.as_str()).collect();
            check_profile(name, &known, &mut files, &mut errors);
            if !errors.is_empty() {
                return Some(Err(RulesError {
                    files: faulty(&files, errors),
                }));
            }
        }
        Some(Ok(Rules {
            files,
            sets: OnceLock::new(),
            user: Vec::new(),
            profiles: snapshot
                .profiles
                .into_iter()
                .map(|(name, bytes)| (name, Profile::frozen(bytes)))
                .collect(),
            forced: profile.map(str::to_string),
            ids: snapshot.ids,
        }))
    }

    /// What `rules/compiled.bin` must hold: the shipped rulesets compiled
    /// from their text, without the cache.
    pub fn shipped_cache() -> Vec<u8> {
        let (ids, profiles) = shipped_from_text();
        snapshot::make(embedded::RULESETS, &ids, &profiles)
    }

    /// The loaded rules, once every step went without error.
    fn assemble(
        files: Vec<RuleFile>,
        sets: Vec<RulesetDef>,
        user: Vec<usize>,
        profiles: BTreeMap<String, Arc<ActiveRules>>,
        profile: Option<&str>,
    ) -> Rules {
        let ids = compile::all_ids(&sets);
        Rules {
            files,
            sets: OnceLock::from(sets),
            user,
            profiles: profiles
                .into_iter()
                .map(|(name, active)| (name, Profile::compiled(active)))
                .collect(),
            forced: profile.map(str::to_string),
            ids,
        }
    }

    /// The rules a file of this zone is checked against.
    pub fn active(&self, zone: Zone) -> Arc<ActiveRules> {
        let name = self.profile_name(zone);
        self.profiles
            .get_key_value(name)
            .or_else(|| self.profiles.get_key_value(NATIONAL))
            .or_else(|| self.profiles.iter().next())
            .map(|(name, profile)| profile.get(name).clone())
            .unwrap_or_else(|| Arc::new(empty_profile()))
    }

    /// The profile of a file of this zone.
    pub fn profile_name(&self, zone: Zone) -> &str {
        if let Some(forced) = &self.forced {
            return forced;
        }
        match zone {
            Zone::Drom | Zone::Com if self.profiles.contains_key(OUTRE_MER) => OUTRE_MER,
            _ => NATIONAL,
        }
    }

    /// Keeps only the rules `ids` in every profile (`--select`). An id that
    /// no loaded ruleset defines is an error, with a "did you mean".
    pub fn select(&mut self, ids: &[String]) -> Result<(), String> {
        let wanted: BTreeSet<String> = ids.iter().map(|id| id.trim().to_uppercase()).collect();
        for id in &wanted {
            if !self.ids.contains(id) {
                let help = diagnostic::suggestion_help(id, self.ids.iter().map(String::as_str))
                    .unwrap_or_else(|| "`copil rules` liste les règles en vigueur".to_string());
                return Err(format!(
                    "la règle `{id}` donnée à `--select` n'existe pas\n  aide : {help}"
                ));
            }
        }
        let selection = Arc::new(wanted);
        for profile in self.profiles.values_mut() {
            match profile.active.take() {
                Some(active) => {
                    let _ = profile.active.set(Arc::new(selected(&active, &selection)));
                }
                // Still encoded: the selection applies when it is decoded.
                None => profile.selection = Some(selection.clone()),
            }
        }
        Ok(())
    }

    /// The rules of a profile by name.
    pub fn profile(&self, name: &str) -> Option<Arc<ActiveRules>> {
        self.profiles
            .get(name)
            .map(|profile| profile.get(name).clone())
    }

    /// The rulesets read, from their text on first use when the rules come
    /// from the cache.
    fn sets(&self) -> &[RulesetDef] {
        self.sets
            .get_or_init(|| read_rulesets(&self.files, &mut Errors::new()).0)
    }

    /// The rules shown by `copil rules` and `copil explain`: the forced
    /// profile, or the national one.
    pub fn default_profile(&self) -> Arc<ActiveRules> {
        self.active(Zone::Metro)
    }

    /// Every rule id of every loaded ruleset: what a `derogation` may name.
    pub fn ids(&self) -> Vec<&str> {
        self.ids.iter().map(String::as_str).collect()
    }

    /// The loaded rulesets' ids, titles and versions, with their file.
    pub fn rulesets(&self) -> Vec<(&str, &str, &str, &str)> {
        self.sets()
            .iter()
            .map(|s| {
                (
                    s.id.value.as_str(),
                    s.title.as_str(),
                    s.version.as_str(),
                    self.files[s.file].path.as_str(),
                )
            })
            .collect()
    }

    /// The rule ids defined in the rulesets given with `--rules`.
    pub fn user_rule_ids(&self) -> BTreeSet<String> {
        self.user
            .iter()
            .flat_map(|&i| self.sets()[i].rules.iter())
            .filter_map(|r| r.id.as_ref().map(|id| id.value.clone()))
            .collect()
    }

    /// The files of the rulesets given with `--rules`, by rule id.
    pub fn user_rule_files(&self) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        for &i in &self.user {
            for rule in &self.sets()[i].rules {
                if let Some(id) = &rule.id {
                    out.insert(id.value.clone(), self.files[rule.file].path.clone());
                }
            }
        }
        out
    }
}

/// Every error met while loading, with the index of its file.
type Errors = Vec<(usize, Diagnostic)>;

/// The shipped ruleset files, then those `paths` name. A file that cannot
/// be read is kept, empty, with its error.
fn read_files(paths: &[PathBuf], errors: &mut Errors) -> Vec<RuleFile> {
    let mut files: Vec<RuleFile> = embedded::RULESETS
        .iter()
        .map(|(path, text)| RuleFile {
            path: (*path).to_string(),
            text: (*text).to_string(),
        })
        .collect();
    for path in paths {
        for file in toml_files(path) {
            match std::fs::read_to_string(&file) {
                Ok(text) => files.push(RuleFile {
                    path: display_path(&file),
                    text,
                }),
                Err(e) => {
                    files.push(RuleFile {
                        path: display_path(&file),
                        text: String::new(),
                    });
                    errors.push((files.len() - 1, unreadable(&e)));
                }
            }
        }
    }
    files
}

/// A `--rules` file that cannot be read.
fn unreadable(e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(
        Code::Lecture,
        Span::new(0, 0),
        format!(
            "le fichier de règles ne peut pas être lu : {}",
            io_message(e)
        ),
    )
    .label("illisible")
    .help("vérifiez le chemin donné à `--rules`")
}

/// The ruleset of each file read, and the indexes of those given with
/// `--rules`, in order.
fn read_rulesets(files: &[RuleFile], errors: &mut Errors) -> (Vec<RulesetDef>, Vec<usize>) {
    let shipped = embedded::RULESETS.len();
    let mut sets: Vec<RulesetDef> = Vec::new();
    let mut user = Vec::new();
    for (i, file) in files.iter().enumerate() {
        if errors.iter().any(|(f, _)| *f == i) {
            continue;
        }
        match load::read(&file.text, i) {
            Ok(set) => {
                compile::duplicate_ids(&set, errors);
                let Some(index) = place(set, i, files, &mut sets, errors) else {
                    continue;
                };
                if i >= shipped && !user.contains(&index) {
                    user.push(index);
                }
            }
            Err(diagnostics) => errors.extend(diagnostics.into_iter().map(|d| (i, d))),
        }
    }
    (sets, user)
}

/// Adds the ruleset of file `i` to `sets`, or replaces the shipped one of
/// the same id when `i` is given with `--rules`. Another ruleset of the same
/// id is an error. Returns its index in `sets`.
fn place(
    set: RulesetDef,
    i: usize,
    files: &[RuleFile],
    sets: &mut Vec<RulesetDef>,
    errors: &mut Errors,
) -> Option<usize> {
    let shipped = embedded::RULESETS.len();
    match compile::find(sets, &set.id.value) {
        Some(existing) if i >= shipped && sets[existing].file < shipped => {
            sets[existing] = set;
            Some(existing)
        }
        Some(existing) => {
            let first = &files[sets[existing].file].path;
            errors.push((i, ruleset_taken(&set, first)));
            None
        }
        None => {
            sets.push(set);
            Some(sets.len() - 1)
        }
    }
}

/// A ruleset whose id is that of a ruleset of `first`.
fn ruleset_taken(set: &RulesetDef, first: &str) -> Diagnostic {
    Diagnostic::error(
        Code::RegleDouble,
        set.id.span,
        format!(
            "le jeu de règles `{}` est déjà défini dans {first}",
            set.id.value
        ),
    )
    .label("identifiant déjà pris")
    .help("donnez un autre `id` à ce jeu de règles, ou ne chargez qu'un des deux fichiers")
}

/// One profile per ruleset: its `extends` chain, merged and compiled.
/// Profiles share most rules: each is compiled once ([`compile::Memo`]).
fn compile_profiles(
    sets: &[RulesetDef],
    user: &[usize],
    errors: &mut Errors,
) -> BTreeMap<String, Arc<ActiveRules>> {
    let mut memo = compile::Memo::new();
    let mut profiles = BTreeMap::new();
    for i in 0..sets.len() {
        let chain = compile::chain(sets, i, user, errors);
        let active = compile::compile(sets, &chain, errors, &mut memo);
        profiles.insert(sets[i].id.value.clone(), Arc::new(active));
    }
    profiles
}

/// The shipped rulesets compiled from their text, without the cache: their
/// rule ids and profiles.
fn shipped_from_text() -> (Vec<String>, BTreeMap<String, Arc<ActiveRules>>) {
    let mut errors = Errors::new();
    let files = read_files(&[], &mut errors);
    let (sets, user) = read_rulesets(&files, &mut errors);
    let profiles = compile_profiles(&sets, &user, &mut errors);
    debug_assert!(errors.is_empty(), "the shipped rulesets compile");
    (compile::all_ids(&sets), profiles)
}

/// `--profile name` must name a loaded profile (`known`). The error points
/// into a file `--profile` whose text is the name.
fn check_profile(name: &str, known: &[&str], files: &mut Vec<RuleFile>, errors: &mut Errors) {
    if known.contains(&name) {
        return;
    }
    files.push(RuleFile {
        path: "--profile".to_string(),
        text: name.to_string(),
    });
    errors.push((files.len() - 1, unknown_profile(name, known)));
}

/// `--profile name` names no loaded profile.
fn unknown_profile(name: &str, known: &[&str]) -> Diagnostic {
    let help = diagnostic::suggestion_or_list(name, known, "profils disponibles");
    Diagnostic::error(
        Code::Profil,
        Span::new(0, name.len()),
        format!("le profil `{name}` n'existe pas"),
    )
    .label("profil inconnu")
    .help(help)
}

/// The `*.toml` files a `--rules` path names.
fn toml_files(path: &Path) -> Vec<PathBuf> {
    if !path.is_dir() {
        return vec![path.to_path_buf()];
    }
    let mut out: Vec<PathBuf> = std::fs::read_dir(path)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "toml"))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// One entry per faulty file, diagnostics deduplicated (a rule compiled in
/// several profiles reports its error once).
fn faulty(files: &[RuleFile], errors: Vec<(usize, Diagnostic)>) -> Vec<FaultyRuleset> {
    let mut by_file: BTreeMap<usize, Vec<Diagnostic>> = BTreeMap::new();
    for (file, d) in errors {
        let list = by_file.entry(file).or_default();
        if !list
            .iter()
            .any(|x| x.span == d.span && x.code == d.code && x.message == d.message)
        {
            list.push(d);
        }
    }
    let mut out: Vec<FaultyRuleset> = by_file
        .into_iter()
        .map(|(file, mut diagnostics)| {
            diagnostic::sort(&mut diagnostics);
            FaultyRuleset {
                path: files[file].path.clone(),
                text: files[file].text.clone(),
                diagnostics,
            }
        })
        .collect();
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

#[cfg(test)]
mod cache_tests {
    use super::*;

    /// `rules/compiled.bin` is what compiling the shipped rulesets gives
    /// today. After changing a shipped ruleset, the expression language or
    /// the fact model, regenerate it:
    /// `COPIL_REGENERER_CACHE=1 cargo test --lib compiled_rules_cache`.
    #[test]
    fn the_compiled_rules_cache_is_up_to_date() {
        let expected = Rules::shipped_cache();
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/rules/compiled.bin");
        if std::env::var_os("COPIL_REGENERER_CACHE").is_some() {
            std::fs::write(path, &expected).expect("write rules/compiled.bin");
        }
        let cached = std::fs::read(path).unwrap_or_default();
        assert!(
            cached == expected,
            "rules/compiled.bin is out of date: run COPIL_REGENERER_CACHE=1 cargo test --lib compiled_rules_cache"
        );
    }

    /// Loading from the cache gives the same rules, ids and rulesets as
    /// compiling the shipped texts, and decodes a profile only when asked.
    #[test]
    fn the_cache_changes_nothing() {
        let rules = Rules::embedded().expect("the shipped rules load");
        assert!(
            rules
                .profiles
                .values()
                .all(|p| p.frozen.is_some() && p.active.get().is_none()),
            "the shipped rules come from the cache, still encoded"
        );
        for (name, profile) in &rules.profiles {
            let bytes = profile.frozen.expect("encoded");
            assert!(snapshot::thaw(bytes).is_some(), "{name} is decoded");
        }
        let (ids, compiled) = shipped_from_text();
        assert_eq!(rules.ids, ids);
        assert_eq!(
            rules.profiles.keys().collect::<Vec<_>>(),
            compiled.keys().collect::<Vec<_>>()
        );
        for (name, fresh) in &compiled {
            let cached = rules.profile(name).expect("profile");
            assert_eq!(format!("{cached:?}"), format!("{fresh:?}"), "{name}");
        }
        let mut errors = Errors::new();
        let files = read_files(&[], &mut errors);
        let sets = read_rulesets(&files, &mut errors).0;
        assert_eq!(rules.sets().len(), sets.len());
        assert_eq!(rules.rulesets().len(), sets.len());
    }

    /// `--select` on profiles still encoded keeps the same rules as on
    /// compiled ones.
    #[test]
    fn select_applies_to_encoded_and_compiled_profiles() {
        let wanted = ["FNE-PIL-01".to_string(), "FNE-COM-01".to_string()];
        let mut cached = Rules::embedded().expect("shipped");
        cached.select(&wanted).expect("known rules");
        let (_, compiled) = shipped_from_text();
        for (name, fresh) in compiled {
            let kept = selected(&fresh, &Arc::new(wanted.iter().cloned().collect()));
            assert_eq!(kept.rules.len(), 2, "{name}");
            let from_cache = cached.profile(&name).expect("profile");
            assert_eq!(format!("{from_cache:?}"), format!("{kept:?}"));
        }
        // Once decoded, a second selection still filters.
        cached.select(&wanted[..1]).expect("known rule");
        assert_eq!(cached.profile(NATIONAL).expect("national").rules.len(), 1);
    }

    /// `--profile` with an unknown name is refused from the cache as it is
    /// when compiling.
    #[test]
    fn an_unknown_profile_is_refused_with_the_cache() {
        let error = Rules::load(&[], Some("outremer")).expect_err("refused");
        assert_eq!(error.files.len(), 1);
        assert_eq!(error.files[0].path, "--profile");
        assert!(error.files[0].diagnostics[0].message.contains("outremer"));
    }
}

#[cfg(test)]
mod load_text_tests {
    use super::Rules;

    /// A ruleset given as text loads as the same file given by `--rules`,
    /// and a faulty one is refused with its diagnostics under its name.
    #[test]
    fn a_ruleset_given_as_text_loads_like_a_file() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/rulesets");
        let ok = std::fs::read_dir(format!("{dir}/ok"))
            .expect("tests/rulesets/ok")
            .map(|e| e.expect("entry").path())
            .find(|p| p.extension().is_some_and(|e| e == "toml"))
            .expect("a valid ruleset");
        let text = std::fs::read_to_string(&ok).expect("read");
        let from_text = Rules::load_text("regles.toml", &text).expect("loads");
        let from_file = Rules::load(std::slice::from_ref(&ok), None).expect("loads");
        assert_eq!(from_text.ids(), from_file.ids());
        assert_eq!(from_text.rulesets().len(), from_file.rulesets().len());
        assert!(from_text.rulesets().len() > Rules::embedded().expect("shipped").rulesets().len());

        let bad = std::fs::read_to_string(format!("{dir}/fail/champ-inconnu.toml")).expect("read");
        let error = Rules::load_text("regles.toml", &bad).expect_err("refused");
        assert_eq!(error.files.len(), 1);
        assert_eq!(error.files[0].path, "regles.toml");
        assert!(!error.files[0].diagnostics.is_empty());
    }
}
