//! Quick fixes: the edits behind the diagnostics' helps (each
//! [`Diagnostic`](crate::diagnostic::Diagnostic) carries its own, where it
//! is worded), and « ajouter une dérogation » for a rule's diagnostic.

use super::Analysis;
use crate::diagnostic::{DiagnosticCode, Fix};
use crate::span::Span;
use crate::syntax::ast::Item;

/// A code action: a titled set of edits that resolves one diagnostic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeAction {
    /// What it does, in French.
    pub title: String,
    /// The index of the diagnostic it resolves in
    /// [`Analysis::diagnostics`].
    pub diagnostic: usize,
    /// The edits (replace the span by the text), not overlapping.
    pub edits: Vec<(Span, String)>,
    /// True for the fix an editor may apply without asking (the only
    /// suggestion of a "did you mean").
    pub preferred: bool,
}

/// The placeholder of a new derogation's reason.
pub const MOTIF_A_ECRIRE: &str = "À FAIRE : pourquoi cette règle ne s'applique pas ici";

/// The quick fixes of the diagnostics that touch `span` (a cursor or a
/// selection).
pub fn code_actions(analysis: &Analysis, span: Span) -> Vec<CodeAction> {
    let mut out = Vec::new();
    for (i, d) in analysis.diagnostics().iter().enumerate() {
        let touches = d.span.start <= span.end && span.start <= d.span.end;
        if !touches {
            continue;
        }
        let single = d.fixes.len() == 1;
        out.extend(d.fixes.iter().map(
            |Fix {
                 title,
                 span,
                 replacement,
             }| CodeAction {
                title: title.clone(),
                diagnostic: i,
                edits: vec![(*span, replacement.clone())],
                preferred: single,
            },
        ));
        if let (DiagnosticCode::Regle(id), None) = (&d.code, &d.waived)
            && analysis.rule(id).is_none_or(|r| r.derogeable)
        {
            out.push(CodeAction {
                title: format!("ajouter une dérogation à `{id}`"),
                diagnostic: i,
                edits: vec![derogation(analysis, id)],
                preferred: false,
            });
        }
    }
    out
}

/// The edit that adds `derogation ID "…"`: after the last derogation, or
/// at the end of the file.
fn derogation(analysis: &Analysis, id: &str) -> (Span, String) {
    let src = &analysis.source;
    let line = format!("derogation {id} \"{MOTIF_A_ECRIRE}\"");
    let last = analysis
        .file
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Derogation(d) => Some(d.span.end),
            _ => None,
        })
        .max();
    match last {
        Some(end) => {
            let eol = src[end..].find('\n').map_or(src.len(), |n| end + n);
            (Span::new(eol, eol), format!("\n{line}"))
        }
        None => {
            let end = src.len();
            let sep = if src.is_empty() || src.ends_with("\n\n") {
                ""
            } else if src.ends_with('\n') {
                "\n"
            } else {
                "\n\n"
            };
            (Span::new(end, end), format!("{sep}{line}\n"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::Analysis;
    use crate::ide::test_support::{at, isere, rules};

    /// Applies `edits` to `src`.
    fn apply(src: &str, edits: &[(Span, String)]) -> String {
        let mut out = src.to_string();
        let mut edits = edits.to_vec();
        edits.sort_by_key(|(s, _)| std::cmp::Reverse(s.start));
        for (span, text) in edits {
            out.replace_range(span.start..span.end, &text);
        }
        out
    }

    /// The text after the fix titled `title` at the `|` of `src`.
    fn fixed(src: &str, title: &str) -> String {
        let (analysis, offset) = at(src);
        let actions = code_actions(&analysis, Span::new(offset, offset));
        let action = actions
            .iter()
            .find(|a| a.title == title)
            .unwrap_or_else(|| panic!("no fix « {title} » among {actions:#?}"));
        apply(&analysis.source, &action.edits)
    }

    const HEAD: &str = "territoire 38\nmembre prefecture prefecture\nmembre cd38 departement 38\npilotage { prefet prefecture }\n";

    #[test]
    fn an_accented_keyword_loses_its_accent() {
        let src = format!("{HEAD}comite c technique \"C\" {{\n  |fréquence trimestrielle\n}}\n");
        let out = fixed(&src, "remplacer par `frequence`");
        assert!(out.contains("  frequence trimestrielle\n"), "{out}");
    }

    #[test]
    fn an_unknown_id_becomes_the_nearest_declared_one() {
        let src = format!("{HEAD}comite c technique \"C\" {{\n  membres |cd83\n}}\n");
        let out = fixed(&src, "remplacer par `cd38`");
        assert!(out.contains("membres cd38\n"), "{out}");
    }

    #[test]
    fn an_unknown_value_becomes_the_nearest_one() {
        let src = format!("{HEAD}comite c technique \"C\" {{\n  frequence |trimestriele\n}}\n");
        assert!(fixed(&src, "remplacer par `trimestrielle`").contains("frequence trimestrielle\n"));
    }

    #[test]
    fn a_postal_code_becomes_the_insee_code() {
        let src = format!("{HEAD}membre grenoble commune |38000\n");
        let out = fixed(&src, "remplacer par le code INSEE de Grenoble : `38185`");
        assert!(out.contains("membre grenoble commune 38185\n"), "{out}");
    }

    #[test]
    fn a_wrong_siren_becomes_the_suggested_one() {
        let src = format!("{HEAD}membre metro epci |200040716\n");
        let (analysis, offset) = at(&src);
        let actions = code_actions(&analysis, Span::new(offset, offset));
        let action = actions
            .iter()
            .find(|a| a.title.starts_with("remplacer par `200040715`"))
            .unwrap_or_else(|| panic!("{actions:#?}"));
        assert!(apply(&analysis.source, &action.edits).contains("epci 200040715\n"));
    }

    #[test]
    fn an_unknown_rule_becomes_the_nearest_one() {
        let src = format!("{HEAD}derogation |FNE-COM-5 \"motif\"\n");
        let out = fixed(&src, "remplacer par `FNE-COM-05`");
        assert!(out.contains("derogation FNE-COM-05 \"motif\""), "{out}");
    }

    #[test]
    fn curly_quotes_become_guillemets() {
        let src = format!("{HEAD}membre x association |“Les Amis”\n");
        let out = fixed(&src, "remplacer par `« Les Amis »`");
        assert!(out.contains("association « Les Amis »\n"), "{out}");
    }

    #[test]
    fn a_rule_diagnostic_gets_a_derogation() {
        let src = isere();
        let analysis = Analysis::new(&src, rules());
        let (i, d) = analysis
            .diagnostics()
            .iter()
            .enumerate()
            .find(|(_, d)| matches!(d.code, DiagnosticCode::Regle(_)) && d.waived.is_none())
            .expect("the Isère example has a rule diagnostic");
        let DiagnosticCode::Regle(id) = &d.code else {
            unreachable!()
        };
        let actions = code_actions(&analysis, d.span);
        let action = actions
            .iter()
            .find(|a| a.diagnostic == i && a.title.starts_with("ajouter une dérogation"))
            .expect("a derogation action");
        let out = apply(&src, &action.edits);
        let again = Analysis::new(&out, rules());
        assert!(
            again
                .diagnostics()
                .iter()
                .any(|d| d.code == id.as_str() && d.waived.as_deref() == Some(MOTIF_A_ECRIRE)),
            "{out}"
        );
    }
}
