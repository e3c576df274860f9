//! The SARIF 2.1.0 report, for code-scanning platforms: one run, the
//! driver with every rule that can appear (the compiler's own codes and the
//! rules active for the files), one result per diagnostic with its
//! location; a diagnostic waived by a derogation carries an `inSource`
//! suppression with the derogation's reason.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::rule_catalogue;
use crate::check::FileReport;
use crate::diagnostic::Severity;
use crate::span::LineIndex;

/// The schema the output follows.
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Where people learn about the tool: the public page of the policy it
/// checks, until the project has a home page of its own.
pub const INFORMATION_URI: &str =
    "https://societenumerique.gouv.fr/fr/dispositif/france-numerique-ensemble/";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The SARIF log of a check, pretty-printed, ending with a newline.
pub fn sarif(reports: &[FileReport]) -> String {
    let catalogue = rule_catalogue(reports);
    let index: BTreeMap<&str, usize> = catalogue
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let rules: Vec<Value> = catalogue
        .iter()
        .map(|r| {
            let mut rule = json!({
                "id": r.id,
                "name": rule_name(&r.id),
                "shortDescription": {"text": r.title},
                "fullDescription": {"text": if r.rationale.is_empty() { &r.title } else { &r.rationale }},
                "help": {"text": r.help.as_deref().unwrap_or(&r.title)},
                "defaultConfiguration": {"level": level(r.severity)},
            });
            if !r.source.is_empty() {
                rule["properties"] = json!({"source": r.source, "ruleset": r.ruleset});
            }
            rule
        })
        .collect();
    let mut results = Vec::new();
    for report in reports {
        let indexed = report.source.as_deref().map(|s| (s, LineIndex::new(s)));
        for d in &report.diagnostics {
            let mut region = serde_json::Map::new();
            match &indexed {
                Some((src, index)) => {
                    let (line, column) = index.line_col(src, d.span.start);
                    let (end_line, end_column) = index.line_col(src, d.span.end.max(d.span.start));
                    region.insert("startLine".into(), json!(line));
                    region.insert("startColumn".into(), json!(column));
                    region.insert("endLine".into(), json!(end_line));
                    region.insert("endColumn".into(), json!(end_column));
                }
                None => {
                    region.insert("startLine".into(), json!(1));
                }
            }
            let mut text = d.message.clone();
            if let Some(help) = &d.help {
                text.push_str(&format!(" (aide : {help})"));
            }
            let mut result = json!({
                "ruleId": d.code,
                "level": level(d.severity),
                "message": {"text": text},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri(&report.path)},
                        "region": region,
                    }
                }],
            });
            if let Some(&i) = index.get(d.code.as_str()) {
                result["ruleIndex"] = json!(i);
            }
            if let Some(motif) = &d.waived {
                result["suppressions"] = json!([{"kind": "inSource", "justification": motif}]);
            }
            results.push(result);
        }
    }
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "copil",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "informationUri": INFORMATION_URI,
                    "language": "fr-FR",
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    let mut out = serde_json::to_string_pretty(&log).expect("the log serialises");
    out.push('\n');
    out
}

/// A rule's `name`: its id in PascalCase words (`FneCom02`,
/// `CopilSyntaxeMotCle`), as SARIF viewers expect an identifier.
fn rule_name(id: &str) -> String {
    id.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let lower = w.to_ascii_lowercase();
            let mut chars = lower.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// A path as a URI: a relative path as a relative reference, an absolute
/// one as a `file://` URI (SARIF validators reject a URI that starts with
/// `/`: it is not absolute, having no scheme, and not relative either);
/// each byte outside the unreserved set and `/` percent-encoded (spaces,
/// accents…).
pub(crate) fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len() + 7);
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(
            uri("examples/isère 2.copil"),
            "examples/is%C3%A8re%202.copil"
        );
        assert_eq!(uri("a/b-c_d.copil"), "a/b-c_d.copil");
        assert_eq!(
            uri("/srv/gouvernances/isère.copil"),
            "file:///srv/gouvernances/is%C3%A8re.copil"
        );
    }

    #[test]
    fn rule_names_are_identifiers() {
        assert_eq!(rule_name("FNE-COM-02"), "FneCom02");
        assert_eq!(rule_name("copil::syntaxe::mot_cle"), "CopilSyntaxeMotCle");
    }
}
