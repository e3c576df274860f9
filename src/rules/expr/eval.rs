//! Evaluation of expressions over the fact model, with the semantics of
//! its JSON (the values are [`Fact`]s: borrowed views of the compiled
//! model or of a JSON value, never copies).
//!
//! Semantics: field access is null-safe (`null.x` is `null`, and so is a
//! field missing from the JSON); `==` and `!=` compare JSON values (numbers
//! by value: `1 == 1.0`); an ordering comparison with `null` is false;
//! arithmetic with `null` gives `null`; a `null` list walks as an empty one
//! (`count(null)` is 0, `any(x in null, …)` is false); `sum` skips `null`s;
//! `len` of a text counts its characters. Numbers that are whole come out
//! as JSON integers.

use std::collections::BTreeMap;

use serde_json::Value;

use super::ast::{BinaryOp, Binding, Expr, ExprKind, Literal, Reducer, UnaryOp};
use super::error::{EvalError, Span};
use super::fact::{Fact, Walk, as_f64, same};
use crate::rules::view::Facts;

/// What an expression sees at run time: the fact model, the ruleset's
/// parameter values, and the bound variables.
#[derive(Clone)]
pub struct ValueEnv<'a> {
    root: Fact<'a>,
    facts: Option<&'a Facts<'a>>,
    params: &'a BTreeMap<String, Value>,
    variable: Option<(&'a str, Fact<'a>)>,
    parent: Option<&'a ValueEnv<'a>>,
}

impl<'a> ValueEnv<'a> {
    /// An environment over a fact model written as JSON, with no bound
    /// variable. `params` are named without their `$`.
    pub fn new(root: &'a Value, params: &'a BTreeMap<String, Value>) -> ValueEnv<'a> {
        ValueEnv {
            root: Fact::from(root),
            facts: None,
            params,
            variable: None,
            parent: None,
        }
    }

    /// An environment over the typed fact model of a compiled file.
    pub fn of(facts: &'a Facts<'a>, params: &'a BTreeMap<String, Value>) -> ValueEnv<'a> {
        ValueEnv {
            root: facts.root(),
            facts: Some(facts),
            params,
            variable: None,
            parent: None,
        }
    }

    /// This environment with one more variable, which hides any variable
    /// or root field of the same name.
    pub fn bind<'b>(&'b self, name: &'b str, value: impl Into<Fact<'b>>) -> ValueEnv<'b> {
        ValueEnv {
            root: self.root.clone(),
            facts: self.facts,
            params: self.params,
            variable: Some((name, value.into())),
            parent: Some(self),
        }
    }

    /// The derived facts of the model, when it is a compiled file's.
    pub fn facts(&self) -> Option<&'a Facts<'a>> {
        self.facts
    }

    /// A parameter's value (named without its `$`).
    pub fn param(&self, name: &str) -> Option<&'a Value> {
        self.params.get(name)
    }

    /// A bound variable's value, innermost first.
    pub fn variable(&self, name: &str) -> Option<Fact<'a>> {
        let mut env = Some(self);
        while let Some(current) = env {
            if let Some((bound, value)) = &current.variable
                && *bound == name
            {
                return Some(value.clone());
            }
            env = current.parent;
        }
        None
    }

    /// A bare name: a bound variable, else the root's field, else `null`.
    fn name(&self, name: &str) -> Fact<'a> {
        self.variable(name)
            .or_else(|| match &self.root {
                Fact::Record(root) => root.field(name, self.facts),
                _ => None,
            })
            .unwrap_or(Fact::Null)
    }
}

impl<'a> From<&Fact<'a>> for Fact<'a> {
    fn from(fact: &Fact<'a>) -> Fact<'a> {
        fact.clone()
    }
}

/// An evaluation error, boxed: the results the evaluator passes up its
/// recursion stay the size of a value.
type Evaluated<T> = Result<T, Box<EvalError>>;

/// The value of an expression, as JSON.
pub fn eval<'v>(expr: &'v Expr, env: &ValueEnv<'v>) -> Result<Value, EvalError> {
    Ok(value(expr, env).map_err(|e| *e)?.to_json(env.facts))
}

/// The value of an expression, as the model holds it.
pub fn eval_fact<'v>(expr: &'v Expr, env: &ValueEnv<'v>) -> Result<Fact<'v>, EvalError> {
    value(expr, env).map_err(|e| *e)
}

/// The value of a `when` or `check` expression, which must be a boolean.
pub fn eval_bool<'v>(expr: &'v Expr, env: &ValueEnv<'v>) -> Result<bool, EvalError> {
    match value(expr, env).map_err(|e| *e)? {
        Fact::Bool(b) => Ok(b),
        other => Err(EvalError::not_a_condition(expr.span, &other)),
    }
}

/// The elements a `for_each` binding walks (none for `null`), read where
/// the model holds them: nothing is copied.
pub fn eval_binding<'v>(
    binding: &'v Binding,
    env: &ValueEnv<'v>,
) -> Result<ForEach<'v>, EvalError> {
    let list = value(&binding.list, env).map_err(|e| *e)?;
    if list.walk().is_none() {
        return Err(EvalError::wrong_value(
            binding.list.span,
            "for_each",
            "une liste",
            &list,
        ));
    }
    Ok(ForEach { list })
}

/// The elements of a `for_each` list.
pub struct ForEach<'v> {
    list: Fact<'v>,
}

impl<'v> ForEach<'v> {
    /// The elements in order.
    pub fn iter(&self) -> impl Iterator<Item = Fact<'v>> + '_ {
        self.list.walk().into_iter().flat_map(Walk::iter)
    }

    /// How many elements.
    pub fn len(&self) -> usize {
        self.list.walk().map_or(0, |walk| walk.len())
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

fn value<'v>(expr: &'v Expr, env: &ValueEnv<'v>) -> Evaluated<Fact<'v>> {
    Ok(match &expr.kind {
        ExprKind::Literal(literal) => match literal {
            Literal::Text(text) => Fact::Text(text),
            Literal::Number(number) => Fact::Number(number.clone()),
            Literal::Bool(value) => Fact::Bool(*value),
            Literal::Null => Fact::Null,
        },
        ExprKind::List(items) => Fact::Items(
            items
                .iter()
                .map(|item| value(item, env))
                .collect::<Result<_, _>>()?,
        ),
        ExprKind::Name(name) => env.name(name),
        ExprKind::Param(name) => Fact::from(
            env.param(name)
                .ok_or_else(|| Box::new(EvalError::missing_param(expr.span, name)))?,
        ),
        ExprKind::Field(object, field) => match match &object.kind {
            // `m.nom`, the commonest form, without a call for `m`.
            ExprKind::Name(name) => env.name(name),
            _ => value(object, env)?,
        } {
            Fact::Record(record) => record.field(&field.name, env.facts).unwrap_or(Fact::Null),
            Fact::Null => Fact::Null,
            other => {
                return Err(Box::new(EvalError::no_field(
                    field.span,
                    &field.name,
                    &other,
                )));
            }
        },
        ExprKind::Unary(UnaryOp::Not, operand) => Fact::Bool(!boolean(operand, env, "not")?),
        ExprKind::Unary(UnaryOp::Neg, operand) => match value(operand, env)? {
            Fact::Null => Fact::Null,
            Fact::Number(n) => make_number(-as_f64(&n), expr.span)?,
            other => {
                return Err(Box::new(EvalError::wrong_value(
                    operand.span,
                    "-",
                    "un nombre",
                    &other,
                )));
            }
        },
        ExprKind::Binary(op, left, right) => binary(expr.span, *op, left, right, env)?,
        ExprKind::Reduce {
            func,
            var,
            list,
            body,
        } => {
            let list_value = value(list, env)?;
            let items = elements(&list_value, list.span, func.name())?;
            let mut count = 0usize;
            let mut total = 0.0f64;
            for item in items.iter() {
                let inner = env.bind(&var.name, item);
                if *func == Reducer::Sum {
                    match value(body, &inner)? {
                        Fact::Null => {}
                        Fact::Number(n) => total += as_f64(&n),
                        other => {
                            return Err(Box::new(EvalError::wrong_value(
                                body.span,
                                "sum",
                                "des nombres",
                                &other,
                            )));
                        }
                    }
                    continue;
                }
                let holds = boolean(body, &inner, func.name())?;
                match func {
                    Reducer::Any if holds => return Ok(Fact::Bool(true)),
                    Reducer::All if !holds => return Ok(Fact::Bool(false)),
                    Reducer::None if holds => return Ok(Fact::Bool(false)),
                    Reducer::Count if holds => count += 1,
                    _ => {}
                }
            }
            match func {
                Reducer::Any => Fact::Bool(false),
                Reducer::All | Reducer::None => Fact::Bool(true),
                Reducer::Count => Fact::Number(count.into()),
                Reducer::Sum => make_number(total, expr.span)?,
            }
        }
        ExprKind::Count(list) => {
            let list_value = value(list, env)?;
            Fact::Number(elements(&list_value, list.span, "count")?.len().into())
        }
        ExprKind::Len(operand) => Fact::Number(
            match value(operand, env)? {
                Fact::Null => 0,
                Fact::Text(text) => text.chars().count(),
                other => match other.walk() {
                    Some(items) => items.len(),
                    None => {
                        return Err(Box::new(EvalError::wrong_value(
                            operand.span,
                            "len",
                            "une liste ou un texte",
                            &other,
                        )));
                    }
                },
            }
            .into(),
        ),
    })
}

/// Evaluates an operand that must be a boolean.
fn boolean<'v>(expr: &'v Expr, env: &ValueEnv<'v>, operator: &str) -> Evaluated<bool> {
    match value(expr, env)? {
        Fact::Bool(b) => Ok(b),
        other => Err(Box::new(EvalError::wrong_value(
            expr.span,
            operator,
            "un booléen",
            &other,
        ))),
    }
}

/// The elements of a list value; `null` is empty.
fn elements<'r, 'v>(list: &'r Fact<'v>, span: Span, operator: &str) -> Evaluated<Walk<'r, 'v>> {
    list.walk()
        .ok_or_else(|| Box::new(EvalError::wrong_value(span, operator, "une liste", list)))
}

fn binary<'v>(
    span: Span,
    op: BinaryOp,
    left: &'v Expr,
    right: &'v Expr,
    env: &ValueEnv<'v>,
) -> Evaluated<Fact<'v>> {
    match op {
        BinaryOp::And => {
            return Ok(Fact::Bool(
                boolean(left, env, "and")? && boolean(right, env, "and")?,
            ));
        }
        BinaryOp::Or => {
            return Ok(Fact::Bool(
                boolean(left, env, "or")? || boolean(right, env, "or")?,
            ));
        }
        _ => {}
    }
    let l = value(left, env)?;
    let r = value(right, env)?;
    let facts = env.facts;
    Ok(match op {
        BinaryOp::And | BinaryOp::Or => unreachable!("handled above"),
        BinaryOp::Eq => Fact::Bool(same(&l, &r, facts)),
        BinaryOp::Ne => Fact::Bool(!same(&l, &r, facts)),
        BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge => {
            let ordering = match (&l, &r) {
                (Fact::Null, _) | (_, Fact::Null) => return Ok(Fact::Bool(false)),
                (Fact::Number(a), Fact::Number(b)) => as_f64(a).partial_cmp(&as_f64(b)),
                (Fact::Text(a), Fact::Text(b)) => Some(a.cmp(b)),
                (Fact::Number(_) | Fact::Text(_), other) => {
                    let expected = if matches!(l, Fact::Number(_)) {
                        "un nombre"
                    } else {
                        "un texte"
                    };
                    return Err(Box::new(EvalError::wrong_value(
                        right.span,
                        op.symbol(),
                        expected,
                        other,
                    )));
                }
                (other, _) => {
                    return Err(Box::new(EvalError::wrong_value(
                        left.span,
                        op.symbol(),
                        "un nombre ou un texte",
                        other,
                    )));
                }
            };
            let Some(ordering) = ordering else {
                return Ok(Fact::Bool(false));
            };
            Fact::Bool(match op {
                BinaryOp::Lt => ordering.is_lt(),
                BinaryOp::Le => ordering.is_le(),
                BinaryOp::Gt => ordering.is_gt(),
                _ => ordering.is_ge(),
            })
        }
        BinaryOp::In | BinaryOp::NotIn => {
            let found = match (&l, &r) {
                (_, Fact::Null) => false,
                (Fact::Text(needle), Fact::Text(haystack)) => haystack.contains(needle),
                (other, Fact::Text(_)) => {
                    return Err(Box::new(EvalError::wrong_value(
                        left.span,
                        op.symbol(),
                        "un texte",
                        other,
                    )));
                }
                (_, list) => match list.walk() {
                    Some(items) => items.iter().any(|item| same(&l, &item, facts)),
                    None => {
                        return Err(Box::new(EvalError::wrong_value(
                            right.span,
                            op.symbol(),
                            "une liste ou un texte",
                            list,
                        )));
                    }
                },
            };
            Fact::Bool(found == (op == BinaryOp::In))
        }
        BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Div => match (&l, &r) {
            (Fact::Null, _) | (_, Fact::Null) => Fact::Null,
            (Fact::List(_) | Fact::Items(_), Fact::List(_) | Fact::Items(_))
                if op == BinaryOp::Add =>
            {
                let (a, b) = (l.walk().expect("a list"), r.walk().expect("a list"));
                Fact::Items(a.iter().chain(b.iter()).collect())
            }
            (Fact::Number(a), Fact::Number(b)) => {
                let (a, b) = (as_f64(a), as_f64(b));
                let result = match op {
                    BinaryOp::Add => a + b,
                    BinaryOp::Sub => a - b,
                    BinaryOp::Mul => a * b,
                    _ if b == 0.0 => return Err(Box::new(EvalError::division_by_zero(right.span))),
                    _ => a / b,
                };
                make_number(result, span)?
            }
            (Fact::Number(_), other) => {
                return Err(Box::new(EvalError::wrong_value(
                    right.span,
                    op.symbol(),
                    "un nombre",
                    other,
                )));
            }
            (Fact::List(_) | Fact::Items(_), other) if op == BinaryOp::Add => {
                return Err(Box::new(EvalError::wrong_value(
                    right.span,
                    op.symbol(),
                    "une liste",
                    other,
                )));
            }
            (other, _) => {
                let expected = if op == BinaryOp::Add {
                    "des nombres ou des listes"
                } else {
                    "des nombres"
                };
                return Err(Box::new(EvalError::wrong_value(
                    left.span,
                    op.symbol(),
                    expected,
                    other,
                )));
            }
        },
    })
}

/// A computed number as JSON: an integer when it is whole (and exact), a
/// decimal otherwise.
fn make_number<'v>(x: f64, span: Span) -> Evaluated<Fact<'v>> {
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
    if !x.is_finite() {
        return Err(Box::new(EvalError::out_of_range(span)));
    }
    if x.fract() == 0.0 && x.abs() < EXACT {
        return Ok(Fact::Number((x as i64).into()));
    }
    serde_json::Number::from_f64(x)
        .map(Fact::Number)
        .ok_or_else(|| Box::new(EvalError::out_of_range(span)))
}
