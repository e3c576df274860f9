//! The roadmap document as Markdown: the org chart and the calendar as
//! Mermaid blocks (code forges draw them), every text escaped.

use std::fmt::Write as _;

use super::{A_COMPLETER, Bloc, Document, Tableau};
use crate::escape::markdown as md;
use crate::render::mermaid::mermaid;

/// The document in Markdown.
pub fn markdown(doc: &Document) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", md(&doc.titre));
    for bloc in &doc.blocs {
        match bloc {
            Bloc::Titre(level, text) => {
                let _ = writeln!(out, "{} {}\n", "#".repeat(usize::from(*level)), md(text));
            }
            Bloc::Paragraphe(text) => {
                let _ = writeln!(out, "{}\n", md(text));
            }
            Bloc::AFaire(text) => {
                let _ = writeln!(out, "> {A_COMPLETER} {}\n", md(text));
            }
            Bloc::Liste(items) => {
                for item in items {
                    let _ = writeln!(out, "- {}", md(item));
                }
                out.push('\n');
            }
            Bloc::Tableau(t) => table(&mut out, t),
            Bloc::Organigramme(chart) => {
                let _ = write!(out, "```mermaid\n{}```\n\n", mermaid(chart));
            }
            Bloc::Mermaid(text) => {
                let _ = write!(out, "```mermaid\n{text}```\n\n");
            }
        }
    }
    out
}

fn table(out: &mut String, t: &Tableau) {
    let cells = |row: &[String]| {
        row.iter()
            .map(|c| if c.is_empty() { " ".to_string() } else { md(c) })
            .collect::<Vec<_>>()
            .join(" | ")
    };
    let _ = writeln!(out, "| {} |", cells(&t.entetes));
    let rule: Vec<&str> = (0..t.entetes.len())
        .map(|i| {
            if t.droite.get(i).copied().unwrap_or(false) {
                "--:"
            } else {
                "---"
            }
        })
        .collect();
    let _ = writeln!(out, "|{}|", rule.join("|"));
    let n = t.lignes.len();
    for (i, row) in t.lignes.iter().enumerate() {
        if t.total && i + 1 == n {
            let bold: Vec<String> = row
                .iter()
                .map(|c| {
                    if c.is_empty() {
                        " ".to_string()
                    } else {
                        format!("**{}**", md(c))
                    }
                })
                .collect();
            let _ = writeln!(out, "| {} |", bold.join(" | "));
        } else {
            let _ = writeln!(out, "| {} |", cells(row));
        }
    }
    out.push('\n');
}
