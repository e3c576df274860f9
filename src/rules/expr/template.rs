//! Message templates: `le comité « {c.nom} » n'a pas de fréquence`.
//!
//! Text between `{` and `}` is an expression, checked like any other and
//! rendered as French text; `{{` and `}}` write a brace. Rendering: texts
//! as they are, `true`/`false` as `oui`/`non`, `null` and the empty list as
//! `—`, a list as its elements joined by `, `, whole numbers without
//! decimals (`2024`, no thousands separator: years are numbers too), other
//! numbers rounded to two decimals with a decimal comma (`0,83`).

use serde_json::Value;

use super::ast::Expr;
use super::error::{EvalError, ExprError, Span};
use super::eval::{ValueEnv, eval_fact};
use super::fact::Fact;
use super::parser::parse_at;
use super::types::{Type, TypeEnv, check};
use crate::rules::view::Facts;

/// A parsed message template.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Template {
    parts: Vec<TemplatePart>,
}

/// A piece of a template.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum TemplatePart {
    /// Literal text, `{{` and `}}` already resolved.
    Text(String),
    /// `{expression}`: spans are offsets into the whole template text.
    Placeholder(Expr),
}

impl Template {
    /// The pieces in order.
    pub fn parts(&self) -> &[TemplatePart] {
        &self.parts
    }

    /// The expressions of the placeholders, in order.
    pub fn placeholders(&self) -> impl Iterator<Item = &Expr> {
        self.parts.iter().filter_map(|part| match part {
            TemplatePart::Placeholder(expr) => Some(expr),
            TemplatePart::Text(_) => None,
        })
    }
}

/// Parses a message template.
pub fn parse_template(src: &str) -> Result<Template, ExprError> {
    let mut parts = Vec::new();
    let mut text = String::new();
    let mut rest = src.char_indices().peekable();
    while let Some((i, c)) = rest.next() {
        match c {
            '{' | '}' if rest.peek().is_some_and(|&(_, next)| next == c) => {
                rest.next();
                text.push(c);
            }
            '}' => return Err(ExprError::lone_closing_brace(Span::new(i, i + 1))),
            '{' => {
                let start = i + 1;
                let end = placeholder_end(src, start).map_err(|quote| unclosed(src, i, quote))?;
                let inner = &src[start..end];
                if inner.trim().is_empty() {
                    return Err(ExprError::empty_placeholder(Span::new(i, end + 1)));
                }
                let expr = parse_at(inner, start)?;
                if !text.is_empty() {
                    parts.push(TemplatePart::Text(std::mem::take(&mut text)));
                }
                parts.push(TemplatePart::Placeholder(expr));
                while rest.next_if(|&(j, _)| j <= end).is_some() {}
            }
            c => text.push(c),
        }
    }
    if !text.is_empty() {
        parts.push(TemplatePart::Text(text));
    }
    Ok(Template { parts })
}

/// The error for a `{` at `brace` that nothing closes: the text left open
/// at `open_quote` inside the placeholder (`{c.nom == 'a}`) when the
/// parser stops there, else the brace itself.
fn unclosed(src: &str, brace: usize, open_quote: Option<usize>) -> ExprError {
    let start = brace + 1;
    if let (Some(quote), Err(error)) = (open_quote, parse_at(&src[start..], start))
        && error.span.start == quote
    {
        return error;
    }
    ExprError::unclosed_brace(Span::new(brace, start))
}

/// The offset of the `}` closing a placeholder whose text starts at
/// `start`, skipping braces inside quoted texts. When there is none, the
/// offset of the quote left open, if any.
fn placeholder_end(src: &str, start: usize) -> Result<usize, Option<usize>> {
    let mut quote: Option<(char, usize)> = None;
    let mut chars = src[start..].char_indices();
    while let Some((i, c)) = chars.next() {
        match (quote, c) {
            (Some(_), '\\') => {
                chars.next();
            }
            (Some((open, _)), c) if c == open => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some((c, start + i)),
            (None, '}') => return Ok(start + i),
            (None, _) => {}
        }
    }
    Err(quote.map(|(_, at)| at))
}

/// Type-checks every placeholder: each must be something that reads as
/// text (not a record).
pub fn check_template(template: &Template, env: &TypeEnv) -> Result<(), ExprError> {
    for expr in template.placeholders() {
        let ty = check(expr, env)?;
        if !displayable(&ty) {
            return Err(ExprError::not_displayable(expr.span, &ty));
        }
    }
    Ok(())
}

fn displayable(ty: &Type) -> bool {
    match ty {
        Type::Bool | Type::Number | Type::Text | Type::Null | Type::Any => true,
        Type::Optional(inner) | Type::List(inner) => displayable(inner),
        Type::Record(_) => false,
    }
}

/// Renders a template with the values of its placeholders.
pub fn render_template<'v>(
    template: &'v Template,
    env: &ValueEnv<'v>,
) -> Result<String, EvalError> {
    // Room for the text and a name per placeholder: most messages are
    // written without growing.
    let room = template.parts.iter().map(|part| match part {
        TemplatePart::Text(text) => text.len(),
        TemplatePart::Placeholder(_) => 32,
    });
    let mut out = String::with_capacity(room.sum());
    for part in &template.parts {
        match part {
            TemplatePart::Text(text) => out.push_str(text),
            TemplatePart::Placeholder(expr) => {
                write_fact(&mut out, &eval_fact(expr, env)?, env.facts());
            }
        }
    }
    Ok(out)
}

/// Writes a value as French text (see the module's documentation), read
/// where the model holds it: a message names a member for each of 200 000
/// members that sit nowhere, without making a JSON value of each name.
/// `facts` gives the derived fields of a record written whole.
fn write_fact<'v>(out: &mut String, fact: &Fact<'v>, facts: Option<&'v Facts<'v>>) {
    match fact {
        Fact::Null => out.push('—'),
        Fact::Bool(true) => out.push_str("oui"),
        Fact::Bool(false) => out.push_str("non"),
        Fact::Number(number) => out.push_str(&format_number(number)),
        Fact::Text(text) => out.push_str(text),
        Fact::List(_) | Fact::Items(_) => {
            let items = fact.walk().expect("a list walks");
            if items.len() == 0 {
                out.push('—');
            }
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_fact(out, &item, facts);
            }
        }
        Fact::Record(_) => out.push_str(&fact.to_json(facts).to_string()),
    }
}

/// A value as French text in a message (see the module's documentation).
pub fn format_value(value: &Value) -> String {
    let mut out = String::new();
    write_fact(&mut out, &Fact::from(value), None);
    out
}

/// `2024`, `0,83`, `1,5`, `-3`.
fn format_number(number: &serde_json::Number) -> String {
    if number.is_i64() || number.is_u64() {
        return number.to_string();
    }
    let x = number.as_f64().unwrap_or(0.0);
    let rounded = (x * 100.0).round() / 100.0;
    if rounded == 0.0 {
        return "0".to_string();
    }
    let text = format!("{rounded:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    text.replace('.', ",")
}
