//! From ruleset definitions to the rules a file is checked against.
//!
//! Every loaded ruleset may be a *profile*: its chain is the rulesets it
//! `extends` (base first) then itself. On top of a profile's chain come
//! the rulesets given with `--rules` that are not already in it and whose
//! `extends` is empty or in the chain, in the order given. Along a chain,
//! later `[params]` override earlier ones and a `[[rule]]` overrides the
//! rule of the same id field by field (so a profile can change only a
//! severity). Each merged rule is then parsed and type-checked against the
//! fact model ([`super::facts::types`]); errors point into the TOML file
//! where the faulty text was written.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use serde_json::Value;

use super::RuleInfo;
use super::expr::{self, Binding, Expr, ExprError, Template, Type, TypeEnv};
use super::facts;
use super::load::{Located, RuleDef, RulesetDef};
use crate::diagnostic::Code;
use crate::diagnostic::{Diagnostic, Severity};
use crate::span::Span;

/// A rule ready to be evaluated.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Rule {
    /// What people are told about it.
    pub info: RuleInfo,
    /// `for_each`.
    pub for_each: Option<Binding>,
    /// `when`.
    pub when: Option<Expr>,
    /// `check`.
    pub check: Expr,
    /// `at`.
    pub at: Option<Expr>,
    /// `message`.
    pub message: Template,
    /// `help`.
    pub help: Option<Template>,
    /// The texts of `for_each`, `when` and `message` as written.
    pub texts: RuleTexts,
}

/// The texts of a rule's expressions, as written, for `copil explain`.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct RuleTexts {
    /// `for_each`.
    pub for_each: Option<String>,
    /// `when`.
    pub when: Option<String>,
    /// `at`.
    pub at: Option<String>,
    /// `message`.
    pub message: String,
}

/// The rules one file is checked against: a profile's chain, merged.
#[derive(Clone, Debug)]
pub struct ActiveRules {
    /// The rulesets applied, base first (`national`, `outre-mer`…).
    pub chain: Vec<String>,
    /// The merged parameters.
    pub params: BTreeMap<String, Value>,
    /// The merged rules, by id.
    pub rules: Vec<Rule>,
    /// Their descriptions, by id.
    pub infos: Arc<[RuleInfo]>,
    /// The rule ids kept by `--select`, when given: the others are not
    /// run, and derogations of them are not judged.
    pub selection: Option<Arc<BTreeSet<String>>>,
}

/// The chain of rulesets (indexes into `sets`) of the profile `profile`.
pub(crate) fn chain(
    sets: &[RulesetDef],
    profile: usize,
    user: &[usize],
    errors: &mut Vec<(usize, Diagnostic)>,
) -> Vec<usize> {
    let mut chain = Vec::new();
    let mut at = Some(profile);
    while let Some(i) = at {
        if chain.contains(&i) {
            let set = &sets[i];
            let span = set.extends.as_ref().map_or(set.id.span, |e| e.span);
            errors.push((
                set.file,
                Diagnostic::error(
                    Code::Extends,
                    span,
                    format!(
                        "les `extends` du jeu de règles `{}` forment un cycle",
                        set.id.value
                    ),
                )
                .label("cycle")
                .help("un jeu de règles ne peut pas s'étendre lui-même, directement ou non"),
            ));
            break;
        }
        chain.push(i);
        at = match &sets[i].extends {
            None => None,
            Some(extends) => match find(sets, &extends.value) {
                Some(j) => Some(j),
                None => {
                    let known: Vec<&str> = sets.iter().map(|s| s.id.value.as_str()).collect();
                    let help = crate::diagnostic::suggestion_or_list(
                        &extends.value,
                        &known,
                        "jeux de règles chargés",
                    );
                    errors.push((
                        extends.file,
                        Diagnostic::error(
                            Code::Extends,
                            extends.span,
                            format!("le jeu de règles `{}` n'existe pas", extends.value),
                        )
                        .label("jeu de règles inconnu")
                        .help(help),
                    ));
                    None
                }
            },
        };
    }
    chain.reverse();
    for &u in user {
        if chain.contains(&u) {
            continue;
        }
        let fits = match &sets[u].extends {
            None => true,
            Some(e) => chain.iter().any(|&c| sets[c].id.value == e.value),
        };
        if fits {
            chain.push(u);
        }
    }
    chain
}

/// The index of the ruleset `id`.
pub(crate) fn find(sets: &[RulesetDef], id: &str) -> Option<usize> {
    sets.iter().position(|s| s.id.value == id)
}

/// Merges and type-checks a chain.
/// Rules already compiled, by everything their compilation depends on
/// (definition, origin, parameter types): profiles share most rules.
pub(crate) type Memo = std::collections::HashMap<MemoKey, Option<Rule>>;

/// What a rule's compilation depends on: the ruleset it comes from, the
/// types of the parameters, and its definition as written (with where).
pub(crate) type MemoKey = (String, String, RuleDef);

pub(crate) fn compile(
    sets: &[RulesetDef],
    chain: &[usize],
    errors: &mut Vec<(usize, Diagnostic)>,
    memo: &mut Memo,
) -> ActiveRules {
    let mut params: BTreeMap<String, Located<Value>> = BTreeMap::new();
    let mut merged: BTreeMap<String, (RuleDef, String)> = BTreeMap::new();
    for &i in chain {
        let set = &sets[i];
        for (name, value) in &set.params {
            params.insert(name.clone(), value.clone());
        }
        for rule in &set.rules {
            let Some(id) = &rule.id else { continue };
            match merged.get_mut(&id.value) {
                Some((base, origin)) => {
                    override_rule(base, rule);
                    *origin = set.id.value.clone();
                }
                None => {
                    merged.insert(id.value.clone(), (rule.clone(), set.id.value.clone()));
                }
            }
        }
    }
    let param_types: BTreeMap<String, Type> = params
        .iter()
        .map(|(name, value)| (name.clone(), value_type(&value.value)))
        .collect();
    let signature: String = param_types
        .iter()
        .map(|(name, ty)| format!("{name}:{}", ty.describe()))
        .collect::<Vec<_>>()
        .join(",");
    // The type environment is built only when a rule is not already
    // compiled (by another profile).
    let mut env: Option<TypeEnv> = None;
    let mut rules = Vec::new();
    for (id, (def, ruleset)) in &merged {
        let key = (ruleset.clone(), signature.clone(), def.clone());
        let rule = memo.entry(key).or_insert_with(|| {
            let env = env.get_or_insert_with(|| TypeEnv::new(facts::types(), param_types.clone()));
            compile_rule(id, def, ruleset, env, errors)
        });
        if let Some(rule) = rule {
            rules.push(rule.clone());
        }
    }
    let infos: Vec<RuleInfo> = rules.iter().map(|r| r.info.clone()).collect();
    ActiveRules {
        chain: chain.iter().map(|&i| sets[i].id.value.clone()).collect(),
        params: params.into_iter().map(|(k, v)| (k, v.value)).collect(),
        rules,
        infos: Arc::from(infos),
        selection: None,
    }
}

fn value_type(value: &Value) -> Type {
    match value {
        Value::Bool(_) => Type::Bool,
        Value::Number(_) => Type::Number,
        Value::String(_) => Type::Text,
        _ => Type::Any,
    }
}

fn override_rule(base: &mut RuleDef, over: &RuleDef) {
    macro_rules! take {
        ($($field:ident),*) => {
            $(if over.$field.is_some() {
                base.$field = over.$field.clone();
            })*
        };
    }
    take!(
        severity, source, title, rationale, for_each, when, check, at, message, help, derogeable
    );
    // Where the merged rule is now defined: its id, span and file all come
    // from the override, so that a diagnostic never pairs the override's
    // file with a span of the file it overrides (found by fuzzing:
    // tests/fuzz_regressions/ruleset/).
    base.id = over.id.clone();
    base.span = over.span;
    base.file = over.file;
}

fn compile_rule(
    id: &str,
    def: &RuleDef,
    ruleset: &str,
    env: &TypeEnv,
    errors: &mut Vec<(usize, Diagnostic)>,
) -> Option<Rule> {
    let before = errors.len();
    let missing = |field: &str, example: &str, errors: &mut Vec<(usize, Diagnostic)>| {
        errors.push((
            def.file,
            Diagnostic::error(
                Code::Champ,
                def.id.as_ref().map_or(def.span, |l| l.span),
                format!("la règle `{id}` n'a pas de `{field}`"),
            )
            .label("règle incomplète")
            .help(format!("ajoutez {example}")),
        ));
    };
    if def.severity.is_none() {
        missing(
            "severity",
            "`severity = \"error\"` (ou `warning`, `info`)",
            errors,
        );
    }
    if def.title.is_none() {
        missing(
            "title",
            "`title = \"…\"`, un titre court en français",
            errors,
        );
    }
    if def.check.is_none() {
        missing(
            "check",
            "`check = \"…\"`, la condition qui doit être vraie",
            errors,
        );
    }
    if def.message.is_none() {
        missing(
            "message",
            "`message = \"…\"`, le message montré quand la condition est fausse",
            errors,
        );
    }

    let mut env = env.clone();
    let for_each = def.for_each.as_ref().and_then(|text| {
        let binding = expr::parse_binding(&text.value)
            .map_err(|e| errors.push(located(text, e)))
            .ok()?;
        let (var, ty) = expr::check_binding(&binding, &env)
            .map_err(|e| errors.push(located(text, e)))
            .ok()?;
        env = env.bind(var, ty);
        Some(binding)
    });
    if def.for_each.is_some() && for_each.is_none() {
        return None;
    }
    let condition = |text: &Option<Located<String>>, errors: &mut Vec<(usize, Diagnostic)>| {
        text.as_ref().and_then(|text| {
            let parsed = expr::parse(&text.value)
                .map_err(|e| errors.push(located(text, e)))
                .ok()?;
            expr::check_bool(&parsed, &env)
                .map_err(|e| errors.push(located(text, e)))
                .ok()?;
            Some(parsed)
        })
    };
    let when = condition(&def.when, errors);
    let check = condition(&def.check, errors);
    let at = def.at.as_ref().and_then(|text| {
        let parsed = expr::parse(&text.value)
            .map_err(|e| errors.push(located(text, e)))
            .ok()?;
        expr::check(&parsed, &env)
            .map_err(|e| errors.push(located(text, e)))
            .ok()?;
        Some(parsed)
    });
    let template = |text: &Option<Located<String>>, errors: &mut Vec<(usize, Diagnostic)>| {
        text.as_ref().and_then(|text| {
            let parsed = expr::parse_template(&text.value)
                .map_err(|e| errors.push(located(text, e)))
                .ok()?;
            expr::check_template(&parsed, &env)
                .map_err(|e| errors.push(located(text, e)))
                .ok()?;
            Some(parsed)
        })
    };
    let message = template(&def.message, errors);
    let help = template(&def.help, errors);
    if errors.len() > before {
        return None;
    }
    let text =
        |l: &Option<Located<String>>| l.as_ref().map(|l| l.value.clone()).unwrap_or_default();
    Some(Rule {
        info: RuleInfo {
            id: id.to_string(),
            severity: def.severity.as_ref().map_or(Severity::Error, |s| s.value),
            ruleset: ruleset.to_string(),
            title: text(&def.title),
            source: text(&def.source),
            rationale: text(&def.rationale),
            check: text(&def.check),
            help: def.help.as_ref().map(|h| h.value.clone()),
            derogeable: def.derogeable.as_ref().is_none_or(|d| d.value),
        },
        for_each,
        when,
        check: check?,
        at,
        message: message?,
        help,
        texts: RuleTexts {
            for_each: def.for_each.as_ref().map(|l| l.value.clone()),
            when: def.when.as_ref().map(|l| l.value.clone()),
            at: def.at.as_ref().map(|l| l.value.clone()),
            message: text(&def.message),
        },
    })
}

/// An expression error, located in the TOML file.
fn located(text: &Located<String>, e: ExprError) -> (usize, Diagnostic) {
    let span = text.inner_span(e.span);
    let mut d = Diagnostic::error(e.kind.code(), span, e.message).label("ici");
    if let Some(help) = e.help {
        d = d.help(help);
    }
    (text.file, d)
}

/// Rule ids defined twice in one file.
pub(crate) fn duplicate_ids(set: &RulesetDef, errors: &mut Vec<(usize, Diagnostic)>) {
    let mut seen: BTreeMap<&str, Span> = BTreeMap::new();
    for rule in &set.rules {
        let Some(id) = &rule.id else { continue };
        if let Some(first) = seen.get(id.value.as_str()) {
            errors.push((
                set.file,
                Diagnostic::error(
                    Code::RegleDouble,
                    id.span,
                    format!("la règle `{}` est définie deux fois dans ce fichier", id.value),
                )
                .label("deuxième définition")
                .related(*first, "première définition")
                .help("gardez une seule définition ; pour modifier une règle d'un autre jeu, écrivez-la dans un jeu qui l'étend"),
            ));
        } else {
            seen.insert(&id.value, id.span);
        }
    }
}

/// Every rule id of the loaded rulesets.
pub(crate) fn all_ids(sets: &[RulesetDef]) -> Vec<String> {
    let ids: BTreeSet<String> = sets
        .iter()
        .flat_map(|s| {
            s.rules
                .iter()
                .filter_map(|r| r.id.as_ref().map(|i| i.value.clone()))
        })
        .collect();
    ids.into_iter().collect()
}
