//! Parser of rule expressions: text in, [`Expr`] with byte spans out, or a
//! French syntax error naming the expected tokens for humans.

use std::cell::Cell;

use pest::Parser as _;
use pest::error::{ErrorVariant, InputLocation};
use pest::iterators::Pair;

use super::ast::{BinaryOp, Binding, Expr, ExprKind, Ident, Literal, Reducer, UnaryOp};
use super::error::{ExprError, Span};

#[derive(pest_derive::Parser)]
#[grammar = "grammar/expr.pest"]
struct ExprParser;

/// Parses an expression such as `c.frequence != null`.
pub fn parse(src: &str) -> Result<Expr, ExprError> {
    parse_at(src, 0)
}

/// Parses an expression that starts `base` bytes into a larger text (a
/// message template): spans are offsets into that larger text.
pub(crate) fn parse_at(src: &str, base: usize) -> Result<Expr, ExprError> {
    let mut pairs =
        ExprParser::parse(Rule::expression, src).map_err(|error| syntax_error(src, base, error))?;
    let expression = pairs.next().expect("grammar: an expression");
    let top = expression
        .into_inner()
        .next()
        .expect("grammar: expression > disjunction");
    Builder::new(base).expr(top)
}

/// Parses a `for_each` binding such as `c in comites`.
pub fn parse_binding(src: &str) -> Result<Binding, ExprError> {
    let builder = Builder::new(0);
    let mut pairs =
        ExprParser::parse(Rule::binding, src).map_err(|error| syntax_error(src, 0, error))?;
    let binding = pairs.next().expect("grammar: a binding");
    let span = builder.span(&binding);
    let mut inner = binding.into_inner();
    let var = builder.ident(inner.next().expect("grammar: binding > variable"));
    inner.next().expect("grammar: binding > in");
    let list = builder.expr(inner.next().expect("grammar: binding > list"))?;
    Ok(Binding { var, list, span })
}

/// Builds the syntax tree from pest's pairs.
struct Builder {
    /// Offset of the parsed text inside the text that holds it.
    base: usize,
    /// How deep the builder is in the tree, to refuse (rather than
    /// overflow the stack on) absurdly nested expressions.
    depth: Cell<usize>,
}

/// Nesting depth beyond which an expression is refused.
const MAX_DEPTH: usize = 64;

/// Goes down the precedence levels that hold a single operand
/// (`disjunction > conjunction > … > postfix > group`) without recursion:
/// one level of parentheses costs one call of [`Builder::expr`], not ten.
fn skip_single_levels(mut pair: Pair<'_, Rule>) -> Pair<'_, Rule> {
    loop {
        let single = match pair.as_rule() {
            Rule::disjunction
            | Rule::conjunction
            | Rule::negation
            | Rule::comparison
            | Rule::sum
            | Rule::product
            | Rule::unary
            | Rule::postfix => {
                let mut inner = pair.clone().into_inner();
                match (inner.next(), inner.next()) {
                    (Some(only), None) => only,
                    _ => return pair,
                }
            }
            Rule::group => pair.clone().into_inner().next().expect("grammar: ( expr )"),
            _ => return pair,
        };
        pair = single;
    }
}

impl Builder {
    fn new(base: usize) -> Builder {
        Builder {
            base,
            depth: Cell::new(0),
        }
    }

    fn span(&self, pair: &Pair<'_, Rule>) -> Span {
        let span = pair.as_span();
        Span::new(self.base + span.start(), self.base + span.end())
    }

    fn ident(&self, pair: Pair<'_, Rule>) -> Ident {
        Ident {
            name: pair.as_str().to_string(),
            span: self.span(&pair),
        }
    }

    fn expr(&self, pair: Pair<'_, Rule>) -> Result<Expr, ExprError> {
        let pair = skip_single_levels(pair);
        if self.depth.get() >= MAX_DEPTH {
            return Err(ExprError::too_deep(self.span(&pair)));
        }
        self.depth.set(self.depth.get() + 1);
        let result = self.node(pair);
        self.depth.set(self.depth.get() - 1);
        result
    }

    fn node(&self, pair: Pair<'_, Rule>) -> Result<Expr, ExprError> {
        let span = self.span(&pair);
        let kind = match pair.as_rule() {
            Rule::disjunction
            | Rule::conjunction
            | Rule::comparison
            | Rule::sum
            | Rule::product => return self.infix_chain(pair),
            Rule::negation | Rule::unary => {
                let mut inner = pair.into_inner();
                let first = inner.next().expect("grammar: an operand or an operator");
                let op = match first.as_rule() {
                    Rule::kw_not => UnaryOp::Not,
                    Rule::op_neg => UnaryOp::Neg,
                    _ => return self.expr(first),
                };
                let operand = self.expr(inner.next().expect("grammar: an operand"))?;
                ExprKind::Unary(op, Box::new(operand))
            }
            Rule::postfix => {
                let mut inner = pair.into_inner();
                let mut object = self.expr(inner.next().expect("grammar: a primary"))?;
                for next in inner {
                    if next.as_rule() == Rule::field {
                        let field = self.ident(next);
                        object = Expr {
                            span: object.span.to(field.span),
                            kind: ExprKind::Field(Box::new(object), field),
                        };
                    }
                }
                return Ok(object);
            }
            Rule::group => {
                let inner = pair.into_inner().next().expect("grammar: ( expr )");
                return self.expr(inner);
            }
            Rule::number => ExprKind::Literal(Literal::Number(
                number(pair.as_str()).ok_or_else(|| ExprError::number_too_large(span))?,
            )),
            Rule::string => {
                let text = pair.into_inner().next().expect("grammar: string > text");
                ExprKind::Literal(Literal::Text(unescape(text.as_str())))
            }
            Rule::kw_true => ExprKind::Literal(Literal::Bool(true)),
            Rule::kw_false => ExprKind::Literal(Literal::Bool(false)),
            Rule::kw_null => ExprKind::Literal(Literal::Null),
            Rule::list => {
                let items = pair
                    .into_inner()
                    .filter(|item| !matches!(item.as_rule(), Rule::comma | Rule::rbracket))
                    .map(|item| self.expr(item))
                    .collect::<Result<_, _>>()?;
                ExprKind::List(items)
            }
            Rule::call => return self.call(pair),
            Rule::param => ExprKind::Param(pair.as_str()[1..].to_string()),
            Rule::name => ExprKind::Name(pair.as_str().to_string()),
            rule => unreachable!("grammar: {rule:?} is not an expression"),
        };
        Ok(Expr { kind, span })
    }

    /// `a op b op c…`, folded to the left.
    fn infix_chain(&self, pair: Pair<'_, Rule>) -> Result<Expr, ExprError> {
        let mut inner = pair.into_inner();
        let mut left = self.expr(inner.next().expect("grammar: a first operand"))?;
        while let Some(op) = inner.next() {
            let op = binary_op(op.as_rule());
            let right = self.expr(inner.next().expect("grammar: a second operand"))?;
            left = Expr {
                span: left.span.to(right.span),
                kind: ExprKind::Binary(op, Box::new(left), Box::new(right)),
            };
        }
        Ok(left)
    }

    fn call(&self, pair: Pair<'_, Rule>) -> Result<Expr, ExprError> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        let function = self.ident(inner.next().expect("grammar: call > function"));
        let mut args = inner
            .filter(|arg| !matches!(arg.as_rule(), Rule::comma | Rule::rparen))
            .map(|arg| self.expr(arg))
            .collect::<Result<Vec<_>, _>>()?;
        let name = function.name.as_str();
        let reducer = match name {
            "any" => Reducer::Any,
            "all" => Reducer::All,
            "none" => Reducer::None,
            "sum" => Reducer::Sum,
            "count" if args.len() == 2 => Reducer::Count,
            "count" | "len" => {
                if args.len() != 1 {
                    return Err(ExprError::arity(span, name, args.len()));
                }
                let arg = Box::new(args.remove(0));
                let kind = if name == "count" {
                    ExprKind::Count(arg)
                } else {
                    ExprKind::Len(arg)
                };
                return Ok(Expr { kind, span });
            }
            _ => return Err(ExprError::unknown_function(&function)),
        };
        if args.len() != 2 {
            return Err(ExprError::arity(span, name, args.len()));
        }
        let body = args.pop().expect("two arguments");
        let binder = args.pop().expect("two arguments");
        let ExprKind::Binary(BinaryOp::In, var, list) = binder.kind else {
            return Err(ExprError::binder_expected(binder.span, name));
        };
        let ExprKind::Name(var_name) = var.kind else {
            return Err(ExprError::binder_expected(binder.span, name));
        };
        Ok(Expr {
            kind: ExprKind::Reduce {
                func: reducer,
                var: Ident {
                    name: var_name,
                    span: var.span,
                },
                list,
                body: Box::new(body),
            },
            span,
        })
    }
}

fn binary_op(rule: Rule) -> BinaryOp {
    match rule {
        Rule::kw_or => BinaryOp::Or,
        Rule::kw_and => BinaryOp::And,
        Rule::op_eq => BinaryOp::Eq,
        Rule::op_ne => BinaryOp::Ne,
        Rule::op_lt => BinaryOp::Lt,
        Rule::op_le => BinaryOp::Le,
        Rule::op_gt => BinaryOp::Gt,
        Rule::op_ge => BinaryOp::Ge,
        Rule::kw_in => BinaryOp::In,
        Rule::op_not_in => BinaryOp::NotIn,
        Rule::op_add => BinaryOp::Add,
        Rule::op_sub => BinaryOp::Sub,
        Rule::op_mul => BinaryOp::Mul,
        Rule::op_div => BinaryOp::Div,
        rule => unreachable!("grammar: {rule:?} is not an infix operator"),
    }
}

/// A number literal: an integer when it has no decimal point; `None` when
/// it is too large to be a finite decimal (more than 308 digits).
fn number(text: &str) -> Option<serde_json::Number> {
    if !text.contains('.')
        && let Ok(integer) = text.parse::<u64>()
    {
        return Some(integer.into());
    }
    let value: f64 = text
        .parse()
        .expect("grammar: digits with an optional decimal part");
    serde_json::Number::from_f64(value)
}

/// Resolves `\'`, `\"`, `\\` and `\n` (the grammar admits no other escape).
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some(escaped) => out.push(escaped),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Syntax errors
// ---------------------------------------------------------------------------

/// How a grammar rule is named to humans when it is expected.
enum Expected {
    /// An operator, listed as such when few are expected, else folded into
    /// "un opérateur".
    Operator(&'static str),
    /// Anything else.
    Other(&'static str),
}

/// Every rule of the grammar, named for humans. No wildcard: a new rule
/// must be named here.
fn expected(rule: Rule) -> Expected {
    use Expected::{Operator, Other};
    match rule {
        Rule::expression
        | Rule::disjunction
        | Rule::conjunction
        | Rule::negation
        | Rule::comparison
        | Rule::sum
        | Rule::product
        | Rule::unary
        | Rule::postfix
        | Rule::group
        | Rule::list
        | Rule::call
        | Rule::function
        | Rule::name
        | Rule::param
        | Rule::number
        | Rule::string
        | Rule::kw_true
        | Rule::kw_false
        | Rule::kw_null => Other("une expression"),
        Rule::binding => Other("une liaison `x in liste`"),
        Rule::single_text | Rule::double_text => Other("un texte"),
        Rule::field => Other("un nom de champ"),
        Rule::variable => Other("un nom de variable"),
        Rule::kw_and => Operator("`and`"),
        Rule::kw_or => Operator("`or`"),
        Rule::kw_not => Other("`not`"),
        Rule::kw_in => Operator("`in`"),
        Rule::op_eq => Operator("`==`"),
        Rule::op_ne => Operator("`!=`"),
        Rule::op_le => Operator("`<=`"),
        Rule::op_lt => Operator("`<`"),
        Rule::op_ge => Operator("`>=`"),
        Rule::op_gt => Operator("`>`"),
        Rule::op_not_in => Operator("`not in`"),
        Rule::op_add => Operator("`+`"),
        Rule::op_sub => Operator("`-`"),
        Rule::op_mul => Operator("`*`"),
        Rule::op_div => Operator("`/`"),
        Rule::op_neg => Other("`-`"),
        Rule::dot => Operator("`.`"),
        Rule::comma => Other("`,`"),
        Rule::rparen => Other("`)`"),
        Rule::rbracket => Other("`]`"),
        Rule::EOI => Other("la fin de l'expression"),
        // Silent rules: pest never reports them, but they are named too.
        Rule::expr | Rule::primary => Other("une expression"),
        Rule::compare_op => Operator("un opérateur de comparaison"),
        Rule::identifier | Rule::keyword | Rule::ident_start | Rule::ident_char => {
            Other("un identifiant")
        }
        Rule::escape => Other("un échappement"),
        Rule::WHITESPACE => Other("une espace"),
    }
}

/// From three operators on, the list of expected tokens says "un
/// opérateur" instead of naming each.
const OPERATORS_NAMED: usize = 2;

fn syntax_error(src: &str, base: usize, error: pest::error::Error<Rule>) -> ExprError {
    let pos = match error.location {
        InputLocation::Pos(pos) => pos,
        InputLocation::Span((start, _)) => start,
    };
    if src.trim().is_empty() {
        return ExprError::empty(Span::new(base, base + src.len()));
    }
    if let Some(special) = lexical_error(src, pos) {
        return shift(special, base);
    }
    let (found, len) = token_at(src, pos);
    let span = Span::new(base + pos, base + pos + len);
    let positives = match error.variant {
        ErrorVariant::ParsingError { positives, .. } => positives,
        // pest's only custom error here is its guard against deep nesting.
        ErrorVariant::CustomError { .. } => {
            return ExprError::too_deep(Span::new(base, base + src.len()));
        }
    };
    let mut operators: Vec<&str> = Vec::new();
    let mut others: Vec<&str> = Vec::new();
    for rule in positives {
        let (list, name) = match expected(rule) {
            Expected::Operator(name) => (&mut operators, name),
            Expected::Other(name) => (&mut others, name),
        };
        if !list.contains(&name) {
            list.push(name);
        }
    }
    let mut names: Vec<String> = Vec::new();
    if operators.len() > OPERATORS_NAMED {
        names.push("un opérateur".to_string());
    } else {
        names.extend(operators.iter().map(|name| name.to_string()));
    }
    names.extend(others.iter().map(|name| name.to_string()));
    ExprError::syntax(span, &names, found)
}

fn shift(mut error: ExprError, base: usize) -> ExprError {
    error.span = error.span.shift(base);
    error
}

/// Errors better told by looking at the text than at the grammar: a text
/// left open, an unknown escape, a `$` without a name, a name with capitals
/// or accents.
fn lexical_error(src: &str, pos: usize) -> Option<ExprError> {
    let rest = &src[pos..];
    let first = rest.chars().next()?;
    match first {
        '\'' | '"' => {
            let mut chars = rest.char_indices().skip(1);
            while let Some((i, c)) = chars.next() {
                if c == first {
                    return None;
                }
                if c == '\\' {
                    match chars.next() {
                        Some((_, '\'' | '"' | '\\' | 'n')) => {}
                        Some((j, escaped)) => {
                            let end = pos + j + escaped.len_utf8();
                            let span = Span::new(pos + i, end);
                            return Some(ExprError::unknown_escape(span, &src[pos + i..end]));
                        }
                        None => break,
                    }
                }
            }
            Some(ExprError::unterminated_text(
                Span::new(pos, src.len()),
                first,
            ))
        }
        c if c.is_alphabetic() && !c.is_ascii_lowercase() => {
            let is_name = |c: char| c.is_alphanumeric() || c == '_';
            let start = src[..pos]
                .char_indices()
                .rev()
                .take_while(|&(_, c)| is_name(c))
                .last()
                .map_or(pos, |(i, _)| i);
            let end = rest
                .find(|c: char| !is_name(c))
                .map_or(src.len(), |i| pos + i);
            Some(ExprError::bad_name(Span::new(start, end), &src[start..end]))
        }
        '$' => {
            let named = rest[1..].starts_with(|c: char| c.is_ascii_lowercase() || c == '_');
            (!named).then(|| ExprError::param_without_name(Span::new(pos, pos + 1)))
        }
        _ => None,
    }
}

/// The token found at `pos`, for "trouvé …", and its length in bytes:
/// a quoted text, a word, a two-character operator or one character;
/// `None` at the end.
fn token_at(src: &str, pos: usize) -> (Option<&str>, usize) {
    let rest = &src[pos..];
    let Some(first) = rest.chars().next() else {
        return (None, 0);
    };
    let quoted = (first == '\'' || first == '"')
        .then(|| rest[1..].find(first).map(|end| end + 2))
        .flatten();
    let len = if let Some(len) = quoted {
        len
    } else if first.is_alphanumeric() || first == '_' {
        rest.find(|c: char| {
            !(c.is_alphanumeric() || c == '_' || (c == '.' && first.is_ascii_digit()))
        })
        .unwrap_or(rest.len())
    } else if ["==", "!=", "<=", ">="]
        .iter()
        .any(|op| rest.starts_with(op))
    {
        2
    } else {
        first.len_utf8()
    };
    (Some(&rest[..len]), len)
}
