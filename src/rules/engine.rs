//! Evaluating the active rules over one file's facts, then applying its
//! derogations.

use super::compile::{ActiveRules, Rule};
use super::expr::{self, EvalError, Fact, ValueEnv};
use super::view::Facts;
use crate::diagnostic::Code;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Gouvernance;
use crate::span::Span;

/// Evaluates every rule over `facts` (the view of `g` and its analyses)
/// and applies the derogations of `g`: diagnostics of a waived rule are
/// kept with `waived` set to the reason.
pub fn evaluate(active: &ActiveRules, g: &Gouvernance, facts: &Facts<'_>) -> Vec<Diagnostic> {
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
    facts: &Facts<'_>,
    head: Span,
    out: &mut Vec<Diagnostic>,
) -> Result<(), EvalError> {
    let root = ValueEnv::of(facts, &active.params);
    match &rule.for_each {
        Some(binding) => {
            let name = binding.var.name.as_str();
            for element in expr::eval_binding(binding, &root)?.iter() {
                judge(
                    rule,
                    g,
                    &root.bind(name, &element),
                    Some(&element),
                    head,
                    out,
                )?;
            }
        }
        None => judge(rule, g, &root, None, head, out)?,
    }
    Ok(())
}

/// Evaluates `rule` in `env` (with `element`, the element of its
/// `for_each`, bound) and writes its diagnostic if it fails.
fn judge<'v>(
    rule: &'v Rule,
    g: &Gouvernance,
    env: &ValueEnv<'v>,
    element: Option<&Fact<'v>>,
    head: Span,
    out: &mut Vec<Diagnostic>,
) -> Result<(), EvalError> {
    if let Some(when) = &rule.when
        && !expr::eval_bool(when, env)?
    {
        return Ok(());
    }
    if expr::eval_bool(&rule.check, env)? {
        return Ok(());
    }
    let span = match &rule.at {
        Some(at) => locate(&expr::eval_fact(at, env)?, g, env),
        None => element.and_then(|e| span_of(e, env.facts())),
    }
    .unwrap_or(head);
    let message = expr::render_template(&rule.message, env)?;
    let mut d = Diagnostic::rule(&rule.info.id, rule.info.severity, span, message)
        .label(rule.info.title.clone());
    if let Some(help) = &rule.help {
        d = d.help(expr::render_template(help, env)?);
    }
    out.push(d);
    Ok(())
}

/// The span a value designates: its own `span`, or the declaration of the
/// identifier it is.
fn locate<'v>(value: &Fact<'v>, g: &Gouvernance, env: &ValueEnv<'v>) -> Option<Span> {
    match value {
        Fact::Text(id) => declaration(id, g),
        Fact::Record(_) => span_of(value, env.facts()),
        other => other
            .walk()
            .and_then(|items| items.iter().find_map(|v| locate(&v, g, env))),
    }
}

/// The `span` field of a record.
fn span_of<'v>(value: &Fact<'v>, facts: Option<&'v Facts<'v>>) -> Option<Span> {
    let Fact::Record(record) = value else {
        return None;
    };
    let Fact::Record(span) = record.field("span", facts)? else {
        return None;
    };
    let offset = |name| match span.field(name, facts)? {
        Fact::Number(n) => n.as_u64().map(|n| n as usize),
        _ => None,
    };
    Some(Span::new(offset("start")?, offset("end")?))
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
