//! Syntax tree of rule expressions: what the parser builds, what the type
//! checker and the evaluator walk. Every node carries the [`Span`] of its
//! text.

use std::fmt;

use super::error::Span;

/// An expression with the span of its text.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Expr {
    /// What the expression is.
    pub kind: ExprKind,
    /// Where it is, in bytes inside the expression text.
    pub span: Span,
}

/// A name written in an expression (a variable, a field), with its span.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Ident {
    /// The name as written.
    pub name: String,
    /// Where it is written.
    pub span: Span,
}

/// The kinds of expressions.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum ExprKind {
    /// `'text'`, `12`, `0.5`, `true`, `false`, `null`.
    Literal(Literal),
    /// `[a, b]`.
    List(Vec<Expr>),
    /// A bare name: a bound variable (`c`) or, failing that, a field of the
    /// fact model's root (`comites`).
    Name(String),
    /// `$seuil_doublon`: a parameter of the ruleset (the name is kept
    /// without its `$`).
    Param(String),
    /// `e.field`: field access on any expression's result.
    Field(Box<Expr>, Ident),
    /// `not e`, `-e`.
    Unary(UnaryOp, Box<Expr>),
    /// `a op b`.
    Binary(BinaryOp, Box<Expr>, Box<Expr>),
    /// `any(x in XS, P)`, `all(…)`, `none(…)`, `count(x in XS, P)`,
    /// `sum(x in XS, E)`: `body` is evaluated once per element of `list`
    /// with `var` bound to it.
    Reduce {
        /// Which function.
        func: Reducer,
        /// The variable bound to each element.
        var: Ident,
        /// The list walked.
        list: Box<Expr>,
        /// The condition (or, for `sum`, the number) computed per element.
        body: Box<Expr>,
    },
    /// `count(XS)`: the number of elements of a list.
    Count(Box<Expr>),
    /// `len(S)`: the number of elements of a list or of characters of a
    /// text.
    Len(Box<Expr>),
}

/// A literal value.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Literal {
    /// `'text'` or `"text"`, escapes resolved.
    Text(String),
    /// `12`, `0.75`. Kept as its text in the compiled rules' cache, whose
    /// binary format cannot hold a self-describing JSON number.
    Number(#[serde(with = "number_text")] serde_json::Number),
    /// `true`, `false`.
    Bool(bool),
    /// `null`.
    Null,
}

/// Prefix operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum UnaryOp {
    /// `not`
    Not,
    /// `-`
    Neg,
}

/// Infix operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum BinaryOp {
    /// `or`
    Or,
    /// `and`
    And,
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `in`: element of a list, or substring of a text.
    In,
    /// `not in`
    NotIn,
    /// `+`: numbers, or the concatenation of two lists.
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
}

/// The functions that walk a list with a bound variable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Reducer {
    /// `any(x in XS, P)`: some element satisfies `P`.
    Any,
    /// `all(x in XS, P)`: every element satisfies `P`.
    All,
    /// `none(x in XS, P)`: no element satisfies `P`.
    None,
    /// `count(x in XS, P)`: how many elements satisfy `P`.
    Count,
    /// `sum(x in XS, E)`: the sum of `E` over the elements.
    Sum,
}

/// A `for_each` binding such as `c in comites`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Binding {
    /// The variable (`c`).
    pub var: Ident,
    /// The list it walks (`comites`).
    pub list: Expr,
    /// The whole binding text.
    pub span: Span,
}

impl UnaryOp {
    /// The operator as written.
    pub fn symbol(self) -> &'static str {
        match self {
            UnaryOp::Not => "not",
            UnaryOp::Neg => "-",
        }
    }
}

impl BinaryOp {
    /// The operator as written.
    pub fn symbol(self) -> &'static str {
        match self {
            BinaryOp::Or => "or",
            BinaryOp::And => "and",
            BinaryOp::Eq => "==",
            BinaryOp::Ne => "!=",
            BinaryOp::Lt => "<",
            BinaryOp::Le => "<=",
            BinaryOp::Gt => ">",
            BinaryOp::Ge => ">=",
            BinaryOp::In => "in",
            BinaryOp::NotIn => "not in",
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
            BinaryOp::Div => "/",
        }
    }
}

impl Reducer {
    /// The function's name.
    pub fn name(self) -> &'static str {
        match self {
            Reducer::Any => "any",
            Reducer::All => "all",
            Reducer::None => "none",
            Reducer::Count => "count",
            Reducer::Sum => "sum",
        }
    }
}

/// Prints the expression back as source text, with every unary and binary
/// operation in parentheses: it shows how the expression was parsed.
impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ExprKind::Literal(literal) => write!(f, "{literal}"),
            ExprKind::List(items) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_str("]")
            }
            ExprKind::Name(name) => f.write_str(name),
            ExprKind::Param(name) => write!(f, "${name}"),
            ExprKind::Field(object, field) => write!(f, "{object}.{}", field.name),
            ExprKind::Unary(UnaryOp::Not, operand) => write!(f, "(not {operand})"),
            ExprKind::Unary(UnaryOp::Neg, operand) => write!(f, "(-{operand})"),
            ExprKind::Binary(op, left, right) => write!(f, "({left} {} {right})", op.symbol()),
            ExprKind::Reduce {
                func,
                var,
                list,
                body,
            } => write!(f, "{}({} in {list}, {body})", func.name(), var.name),
            ExprKind::Count(list) => write!(f, "count({list})"),
            ExprKind::Len(value) => write!(f, "len({value})"),
        }
    }
}

impl fmt::Display for Literal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Literal::Text(text) => {
                f.write_str("'")?;
                for c in text.chars() {
                    match c {
                        '\'' => f.write_str("\\'")?,
                        '\\' => f.write_str("\\\\")?,
                        '\n' => f.write_str("\\n")?,
                        c => write!(f, "{c}")?,
                    }
                }
                f.write_str("'")
            }
            Literal::Number(number) => write!(f, "{number}"),
            Literal::Bool(value) => write!(f, "{value}"),
            Literal::Null => f.write_str("null"),
        }
    }
}

impl fmt::Display for Binding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} in {}", self.var.name, self.list)
    }
}

/// A JSON number as its text (`12`, `0.75`), for serde formats that are
/// not self-describing (the compiled rules' cache, `rules/compiled.bin`).
mod number_text {
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub fn serialize<S: Serializer>(n: &serde_json::Number, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(n)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<serde_json::Number, D::Error> {
        let text = std::borrow::Cow::<str>::deserialize(d)?;
        text.parse().map_err(D::Error::custom)
    }
}
