//! Reading ruleset files (`rules/*.toml`, DESIGN §4) into definitions that
//! remember where each piece of text came from, so that every later error
//! (an unknown field in an expression, a wrong type) points into the TOML
//! file at the right line and column.
//!
//! Nothing is type-checked here: see [`super::compile`].

use std::borrow::Cow;

use serde_json::Value;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::span::Span;

/// A ruleset file as read: its path as shown and its text.
#[derive(Clone, Debug)]
pub struct RuleFile {
    /// The path as shown in reports.
    pub path: String,
    /// The text.
    pub text: String,
}

/// A value and where it was written: the file (index into the loaded
/// files) and, for strings, the span of the text between the quotes.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// Index of the file it comes from.
    pub file: usize,
    /// Span in that file: of the string's content when `exact`, else of
    /// the whole value.
    pub span: Span,
    /// True when offsets inside the string map onto the file, so an error
    /// inside an expression can point at the exact characters.
    pub exact: bool,
    /// For a string with escape sequences: the file offset of each byte
    /// of the value (and one past its end).
    pub offsets: Option<std::sync::Arc<[usize]>>,
}

impl<T> Located<T> {
    /// The file span of `inner`, a span inside the string's text.
    pub fn inner_span(&self, inner: Span) -> Span {
        if let Some(offsets) = &self.offsets {
            let at = |i: usize| offsets[i.min(offsets.len() - 1)];
            return Span::new(at(inner.start), at(inner.end).max(at(inner.start)));
        }
        if self.exact {
            Span::new(self.span.start + inner.start, self.span.start + inner.end)
        } else {
            self.span
        }
    }
}

/// One `[[rule]]` as written: every field optional, since a rule that
/// overrides another by id may give only what it changes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct RuleDef {
    /// Its id.
    pub id: Option<Located<String>>,
    /// `error`, `warning` or `info`.
    pub severity: Option<Located<Severity>>,
    /// Where the rule comes from.
    pub source: Option<Located<String>>,
    /// Short title.
    pub title: Option<Located<String>>,
    /// Why, with the doctrine quoted.
    pub rationale: Option<Located<String>>,
    /// `x in XS`.
    pub for_each: Option<Located<String>>,
    /// Filter.
    pub when: Option<Located<String>>,
    /// What must hold.
    pub check: Option<Located<String>>,
    /// What the diagnostic points at.
    pub at: Option<Located<String>>,
    /// Message template.
    pub message: Option<Located<String>>,
    /// Help template.
    pub help: Option<Located<String>>,
    /// Whether a derogation may waive it.
    pub derogeable: Option<Located<bool>>,
    /// The `[[rule]]` table.
    pub span: Span,
    /// Index of its file.
    pub file: usize,
}

/// A ruleset file as written.
#[derive(Clone, Debug)]
pub struct RulesetDef {
    /// `[ruleset] id`.
    pub id: Located<String>,
    /// `[ruleset] title`.
    pub title: String,
    /// `[ruleset] version`.
    pub version: String,
    /// `[ruleset] extends`.
    pub extends: Option<Located<String>>,
    /// `[params]`, in file order.
    pub params: Vec<(String, Located<Value>)>,
    /// `[[rule]]`, in file order.
    pub rules: Vec<RuleDef>,
    /// Index of its file.
    pub file: usize,
}

const RULESET_KEYS: &[&str] = &["id", "title", "version", "extends"];
const RULE_KEYS: &[&str] = &[
    "id",
    "severity",
    "source",
    "title",
    "rationale",
    "for_each",
    "when",
    "check",
    "at",
    "message",
    "help",
    "derogeable",
];

/// Reads one ruleset file. Errors are diagnostics located in the file.
pub fn read(text: &str, file: usize) -> Result<RulesetDef, Vec<Diagnostic>> {
    let table = match DeTable::parse(text) {
        Ok(table) => table,
        Err(e) => {
            let span = e
                .span()
                .map_or(Span::new(0, 0), |r| Span::new(r.start, r.end));
            return Err(vec![
                Diagnostic::error(
                    Code::Toml,
                    span,
                    format!(
                        "le fichier de règles n'est pas du TOML valide : {}",
                        toml_message(e.message())
                    ),
                )
                .label("ici")
                .help("vérifiez les guillemets, les crochets et les `=` autour de cet endroit"),
            ]);
        }
    };
    let mut reader = Reader {
        text,
        file,
        errors: Vec::new(),
    };
    let def = reader.ruleset(table.get_ref());
    if reader.errors.is_empty() {
        def.ok_or_else(Vec::new)
    } else {
        Err(reader.errors)
    }
}

struct Reader<'t> {
    text: &'t str,
    file: usize,
    errors: Vec<Diagnostic>,
}

type Entry<'a, 'i> = (&'a Spanned<Cow<'i, str>>, &'a Spanned<DeValue<'i>>);

impl Reader<'_> {
    fn ruleset(&mut self, root: &DeTable<'_>) -> Option<RulesetDef> {
        let mut head = None;
        let mut params = Vec::new();
        let mut rules = Vec::new();
        for (key, value) in root.iter() {
            match key.get_ref().as_ref() {
                "ruleset" => head = self.table(value, "[ruleset]"),
                "params" => {
                    if let Some(table) = self.table(value, "[params]") {
                        params = self.params(table);
                    }
                }
                "rule" => rules = self.rules(value),
                other => self.unknown_key(key, other, &["ruleset", "params", "rule"], "le fichier"),
            }
        }
        let Some(head) = head else {
            self.errors.push(
                Diagnostic::error(
                    Code::Champ,
                    Span::new(0, 0),
                    "la section `[ruleset]` manque",
                )
                .label("début du fichier")
                .help("commencez le fichier par `[ruleset]` avec `id = \"…\"` et `title = \"…\"`"),
            );
            return None;
        };
        let mut id = None;
        let mut title = String::new();
        let mut version = String::new();
        let mut extends = None;
        for (key, value) in head.iter() {
            match key.get_ref().as_ref() {
                "id" => id = self.string(value, "id"),
                "title" => {
                    title = self
                        .string(value, "title")
                        .map(|l| l.value)
                        .unwrap_or_default()
                }
                "version" => {
                    version = self
                        .string(value, "version")
                        .map(|l| l.value)
                        .unwrap_or_default()
                }
                "extends" => extends = self.string(value, "extends"),
                other => self.unknown_key(key, other, RULESET_KEYS, "`[ruleset]`"),
            }
        }
        let Some(id) = id else {
            self.errors.push(
                Diagnostic::error(Code::Champ, Span::new(0, 0), "`[ruleset]` n'a pas d'`id`")
                    .label("début du fichier")
                    .help("ajoutez `id = \"mon-jeu\"` sous `[ruleset]`"),
            );
            return None;
        };
        Some(RulesetDef {
            id,
            title,
            version,
            extends,
            params,
            rules,
            file: self.file,
        })
    }

    fn table<'a, 'i>(
        &mut self,
        value: &'a Spanned<DeValue<'i>>,
        what: &str,
    ) -> Option<&'a DeTable<'i>> {
        match value.get_ref() {
            DeValue::Table(table) => Some(table),
            other => {
                self.errors.push(self.wrong_kind(
                    value,
                    other,
                    &format!("`{what}` doit être une section"),
                ));
                None
            }
        }
    }

    fn params(&mut self, table: &DeTable<'_>) -> Vec<(String, Located<Value>)> {
        let mut out = Vec::new();
        for (key, value) in table.iter() {
            let span = span_of(value);
            let json = match value.get_ref() {
                DeValue::Integer(i) => i64::from_str_radix(&i.as_str().replace('_', ""), i.radix())
                    .ok()
                    .map(Value::from),
                DeValue::Float(f) => f
                    .as_str()
                    .replace('_', "")
                    .parse::<f64>()
                    .ok()
                    .and_then(serde_json::Number::from_f64)
                    .map(Value::Number),
                DeValue::Boolean(b) => Some(Value::Bool(*b)),
                DeValue::String(s) => Some(Value::String(s.to_string())),
                _ => None,
            };
            match json {
                Some(json) => out.push((
                    key.get_ref().to_string(),
                    Located {
                        value: json,
                        file: self.file,
                        span,
                        exact: false,
                        offsets: None,
                    },
                )),
                None => self.errors.push(
                    Diagnostic::error(
                        Code::Champ,
                        span,
                        format!(
                            "le paramètre `{}` doit être un nombre, un booléen ou un texte",
                            key.get_ref()
                        ),
                    )
                    .label("valeur inattendue")
                    .help("écrivez par exemple `seuil_doublon = 0.75`"),
                ),
            }
        }
        out
    }

    fn rules(&mut self, value: &Spanned<DeValue<'_>>) -> Vec<RuleDef> {
        let DeValue::Array(items) = value.get_ref() else {
            self.errors.push(self.wrong_kind(
                value,
                value.get_ref(),
                "`rule` doit être une liste de sections `[[rule]]`",
            ));
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            let Some(table) = self.table(item, "[[rule]]") else {
                continue;
            };
            let mut rule = RuleDef {
                span: span_of(item),
                file: self.file,
                ..RuleDef::default()
            };
            for entry in table.iter() {
                self.rule_field(&mut rule, entry);
            }
            if rule.id.is_none() {
                self.errors.push(
                    Diagnostic::error(Code::Champ, header_span(self.text, rule.span), "cette règle n'a pas d'`id`")
                        .label("règle sans identifiant")
                        .help("ajoutez `id = \"FNE-…\"` : c'est par lui que les dérogations et la CI désignent la règle"),
                );
            }
            out.push(rule);
        }
        out
    }

    fn rule_field(&mut self, rule: &mut RuleDef, (key, value): Entry<'_, '_>) {
        let name = key.get_ref().as_ref();
        match name {
            "severity" => {
                if let Some(text) = self.string(value, name) {
                    match parse_severity(&text.value) {
                        Some(severity) => {
                            rule.severity = Some(Located {
                                value: severity,
                                file: text.file,
                                span: text.span,
                                exact: text.exact,
                                offsets: text.offsets.clone(),
                            })
                        }
                        None => self.errors.push(
                            Diagnostic::error(
                                Code::Champ,
                                text.span,
                                format!("la sévérité `{}` n'existe pas", text.value),
                            )
                            .label("sévérité inconnue")
                            .help("écrivez `error`, `warning` ou `info`"),
                        ),
                    }
                }
            }
            "derogeable" => match value.get_ref() {
                DeValue::Boolean(b) => {
                    rule.derogeable = Some(Located {
                        value: *b,
                        file: self.file,
                        span: span_of(value),
                        exact: false,
                        offsets: None,
                    })
                }
                other => self.errors.push(self.wrong_kind(
                    value,
                    other,
                    "`derogeable` doit valoir `true` ou `false`",
                )),
            },
            _ => {
                let slot = match name {
                    "id" => &mut rule.id,
                    "source" => &mut rule.source,
                    "title" => &mut rule.title,
                    "rationale" => &mut rule.rationale,
                    "for_each" => &mut rule.for_each,
                    "when" => &mut rule.when,
                    "check" => &mut rule.check,
                    "at" => &mut rule.at,
                    "message" => &mut rule.message,
                    "help" => &mut rule.help,
                    other => {
                        self.unknown_key(key, other, RULE_KEYS, "une règle");
                        return;
                    }
                };
                *slot = self.string(value, name);
            }
        }
    }

    fn string(&mut self, value: &Spanned<DeValue<'_>>, name: &str) -> Option<Located<String>> {
        match value.get_ref() {
            DeValue::String(s) => Some(locate_string(self.text, span_of(value), s, self.file)),
            other => {
                self.errors.push(self.wrong_kind(
                    value,
                    other,
                    &format!("`{name}` doit être un texte entre guillemets"),
                ));
                None
            }
        }
    }

    fn wrong_kind(
        &self,
        value: &Spanned<DeValue<'_>>,
        found: &DeValue<'_>,
        message: &str,
    ) -> Diagnostic {
        let kind = match found {
            DeValue::String(_) => "un texte",
            DeValue::Integer(_) => "un entier",
            DeValue::Float(_) => "un nombre décimal",
            DeValue::Boolean(_) => "un booléen",
            DeValue::Datetime(_) => "une date",
            DeValue::Array(_) => "une liste",
            DeValue::Table(_) => "une section",
        };
        Diagnostic::error(Code::Champ, span_of(value), message.to_string())
            .label(format!("ceci est {kind}"))
    }

    fn unknown_key(
        &mut self,
        key: &Spanned<Cow<'_, str>>,
        name: &str,
        known: &[&str],
        place: &str,
    ) {
        let span = Span::new(key.span().start, key.span().end);
        let help = crate::diagnostic::suggestion_or_list(name, known, "clés permises");
        self.errors.push(
            Diagnostic::error(
                Code::Champ,
                span,
                format!("la clé `{name}` n'existe pas dans {place}"),
            )
            .label("clé inconnue")
            .help(help),
        );
    }
}

/// The TOML parser's message, in French for the usual cases.
fn toml_message(message: &str) -> String {
    let message = message.trim().trim_end_matches('.');
    let known = [
        ("invalid basic string", "chaîne de caractères non fermée"),
        (
            "string values must be quoted",
            "valeur manquante ou texte sans guillemets après `=`",
        ),
        ("invalid literal string", "chaîne de caractères non fermée"),
        ("unclosed", "crochet non fermé"),
        ("duplicate key", "clé définie deux fois"),
        ("invalid table header", "en-tête de section invalide"),
        ("expected `=`", "`=` attendu après la clé"),
        (
            "invalid string",
            "valeur invalide (un texte s'écrit entre guillemets)",
        ),
        ("missing value", "valeur manquante après `=`"),
        ("invalid number", "nombre invalide"),
    ];
    known
        .iter()
        .find(|(english, _)| message.contains(english))
        .map_or_else(
            || format!("erreur de syntaxe ({message})"),
            |(_, french)| (*french).to_string(),
        )
}

fn span_of<T>(value: &Spanned<T>) -> Span {
    Span::new(value.span().start, value.span().end)
}

/// The first line of a `[[rule]]` table, to point at.
fn header_span(text: &str, span: Span) -> Span {
    let start = span.start.min(text.len());
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    Span::new(start, end.max(start))
}

/// Locates a string value: the span of its content, and whether offsets
/// map one to one (no escapes, no trimmed newline ambiguity).
fn locate_string(text: &str, span: Span, value: &str, file: usize) -> Located<String> {
    let raw = text.get(span.start..span.end).unwrap_or_default();
    let (open, close) = if raw.starts_with("\"\"\"") || raw.starts_with("'''") {
        (3, 3)
    } else {
        (1, 1)
    };
    let mut content_start = span.start + open.min(raw.len());
    let content_end = span.end.saturating_sub(close).max(content_start);
    let mut content = text.get(content_start..content_end).unwrap_or_default();
    if open == 3 {
        // A newline right after the opening delimiter is not part of the value.
        if let Some(rest) = content.strip_prefix("\r\n") {
            content_start += 2;
            content = rest;
        } else if let Some(rest) = content.strip_prefix('\n') {
            content_start += 1;
            content = rest;
        }
    }
    let exact = content == value;
    let offsets = if exact || !raw.starts_with('"') {
        None
    } else {
        unescape_offsets(content, content_start)
            .filter(|(text, _)| text == value)
            .map(|(_, offsets)| std::sync::Arc::from(offsets))
    };
    Located {
        value: value.to_string(),
        file,
        span: if exact {
            Span::new(content_start, content_start + content.len())
        } else {
            span
        },
        exact: exact || offsets.is_some(),
        offsets,
    }
}

/// Decodes the escapes of a TOML basic string, keeping for each byte of
/// the decoded text the file offset it was written at.
fn unescape_offsets(raw: &str, start: usize) -> Option<(String, Vec<usize>)> {
    let mut text = String::new();
    let mut offsets = Vec::new();
    let mut chars = raw.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let decoded = if c == '\\' {
            let (_, e) = chars.next()?;
            match e {
                'b' => '\u{8}',
                't' => '\t',
                'n' => '\n',
                'f' => '\u{c}',
                'r' => '\r',
                '"' => '"',
                '\\' => '\\',
                'e' => '\u{1b}',
                'u' | 'U' => {
                    let len = if e == 'u' { 4 } else { 8 };
                    let hex: String = (0..len)
                        .filter_map(|_| chars.next().map(|(_, h)| h))
                        .collect();
                    char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?
                }
                _ => return None,
            }
        } else {
            c
        };
        for _ in 0..decoded.len_utf8() {
            offsets.push(start + i);
        }
        text.push(decoded);
    }
    offsets.push(start + raw.len());
    Some((text, offsets))
}

fn parse_severity(text: &str) -> Option<Severity> {
    match text {
        "error" => Some(Severity::Error),
        "warning" => Some(Severity::Warning),
        "info" => Some(Severity::Info),
        _ => None,
    }
}
