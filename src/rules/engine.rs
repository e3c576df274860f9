//! Evaluating the active rules over one file's facts, then applying its
//! derogations.

use serde_json::Value;

use super::compile::{ActiveRules, Rule};
use super::expr::{self, EvalError, ValueEnv};
use crate::diagnostic::Code;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Gouvernance;
use crate::span::Span;

/// Evaluates every rule over `facts` (see [`super::facts::facts`]) and
/// applies the derogations of `g`: diagnostics of a waived rule are kept
/// with `waived` set to the reason.
pub fn evaluate(active: &ActiveRules, g: &Gouvernance, facts: &Value) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let head = g.territoire.span;
    for rule in &active.rules {
        if let Err(e) = evaluate_rule(rule, active, g, facts, head, &mut out) {
            out.push(
                Diagnostic::error(
                    Code::Evaluation,
                    head,
                    format!(
                        "la règle {} n'a pas pu être évaluée : {}",
                        rule.info.id, e.message
                    ),
                )
                .label("fichier évalué")
                .help("corrigez l'expression de la règle dans son fichier de règles"),
            );
        }
    }
    derogations(active, g, &mut out);
    out
}

fn evaluate_rule(
    rule: &Rule,
    active: &ActiveRules,
    g: &Gouvernance,
    facts: &Value,
    head: Span,
    out: &mut Vec<Diagnostic>,
) -> Result<(), EvalError> {
    let root = ValueEnv::new(facts, &active.params);
    let (var, elements) = match &rule.for_each {
        Some(binding) => (
            Some(binding.var.name.as_str()),
            expr::eval_binding(binding, &root)?,
        ),
        None => (None, std::borrow::Cow::Owned(vec![Value::Null])),
    };
    for element in elements.iter() {
        let bound;
        let env = match var {
            Some(name) => {
                bound = root.bind(name, element);
                &bound
            }
            None => &root,
        };
        if let Some(when) = &rule.when
            && !expr::eval_bool(when, env)?
        {
            continue;
        }
        if expr::eval_bool(&rule.check, env)? {
            continue;
        }
        let span = match &rule.at {
            Some(at) => locate(&expr::eval(at, env)?, g),
            None => var.and_then(|_| span_of(element)),
        }
        .unwrap_or(head);
        let message = expr::render_template(&rule.message, env)?;
        let mut d = Diagnostic::rule(&rule.info.id, rule.info.severity, span, message)
            .label(rule.info.title.clone());
        if let Some(help) = &rule.help {
            d = d.help(expr::render_template(help, env)?);
        }
        out.push(d);
    }
    Ok(())
}

/// The span a value designates: its own `span`, or the declaration of the
/// identifier it is.
fn locate(value: &Value, g: &Gouvernance) -> Option<Span> {
    match value {
        Value::String(id) => declaration(id, g),
        Value::Array(items) => items.iter().find_map(|v| locate(v, g)),
        other => span_of(other),
    }
}

fn span_of(value: &Value) -> Option<Span> {
    let span = value.get("span")?;
    let start = span.get("start")?.as_u64()? as usize;
    let end = span.get("end")?.as_u64()? as usize;
    Some(Span::new(start, end))
}

/// The declaration of an identifier (member, comité, existing body, roadmap).
fn declaration(id: &str, g: &Gouvernance) -> Option<Span> {
    g.membre(id)
        .map(|m| m.span)
        .or_else(|| g.comite(id).map(|c| c.span))
        .or_else(|| g.existants.iter().find(|e| e.id == id).map(|e| e.span))
        .or_else(|| g.feuilles.iter().find(|f| f.id == id).map(|f| f.span))
}

fn derogations(active: &ActiveRules, g: &Gouvernance, out: &mut Vec<Diagnostic>) {
    let mut extra = Vec::new();
    for derogation in &g.derogations {
        if active
            .selection
            .as_ref()
            .is_some_and(|kept| !kept.contains(&derogation.regle))
        {
            // `--select` looks at some rules only: the others' derogations
            // are neither applied nor judged.
            continue;
        }
        let Some(rule) = active.rules.iter().find(|r| r.info.id == derogation.regle) else {
            extra.push(
                Diagnostic::new(
                    Code::DerogationInutile,
                    Severity::Info,
                    derogation.span,
                    format!(
                        "la règle {} n'est pas appliquée à ce territoire : la dérogation est sans effet",
                        derogation.regle
                    ),
                )
                .label("dérogation sans effet")
                .help("retirez cette dérogation, ou vérifiez le profil de règles (`--profile`)"),
            );
            continue;
        };
        if !rule.info.derogeable {
            extra.push(
                Diagnostic::warning(
                    Code::DerogationInterdite,
                    derogation.span,
                    format!("la règle {} ne peut pas faire l'objet d'une dérogation", rule.info.id),
                )
                .label("dérogation refusée")
                .help(format!(
                    "« {} » est une exigence nationale sans dérogation possible : corrigez la gouvernance et retirez cette ligne",
                    rule.info.title
                )),
            );
            continue;
        }
        let mut used = false;
        for d in out.iter_mut().filter(|d| d.code == derogation.regle) {
            if d.waived.is_none() {
                d.waived = Some(derogation.motif.clone());
                used = true;
            }
        }
        if !used {
            extra.push(
                Diagnostic::new(
                    Code::DerogationInutile,
                    Severity::Info,
                    derogation.span,
                    format!(
                        "la dérogation à {} ne couvre aucun diagnostic : la règle est respectée",
                        derogation.regle
                    ),
                )
                .label("dérogation inutile")
                .help("retirez cette dérogation"),
            );
        }
    }
    out.extend(extra);
}
