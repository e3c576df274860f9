//! Evaluation of expressions over the JSON fact model.
//!
//! Semantics: field access is null-safe (`null.x` is `null`, and so is a
//! field missing from the JSON); `==` and `!=` compare JSON values (numbers
//! by value: `1 == 1.0`); an ordering comparison with `null` is false;
//! arithmetic with `null` gives `null`; a `null` list walks as an empty one
//! (`count(null)` is 0, `any(x in null, …)` is false); `sum` skips `null`s;
//! `len` of a text counts its characters. Numbers that are whole come out
//! as JSON integers.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde_json::Value;

use super::ast::{BinaryOp, Binding, Expr, ExprKind, Literal, Reducer, UnaryOp};
use super::error::{EvalError, Span};

static NULL: Value = Value::Null;

/// What an expression sees at run time: the fact model, the ruleset's
/// parameter values, and the bound variables.
#[derive(Debug, Clone, Copy)]
pub struct ValueEnv<'a> {
    root: &'a Value,
    params: &'a BTreeMap<String, Value>,
    variable: Option<(&'a str, &'a Value)>,
    parent: Option<&'a ValueEnv<'a>>,
}

impl<'a> ValueEnv<'a> {
    /// An environment with no bound variable. `params` are named without
    /// their `$`.
    pub fn new(root: &'a Value, params: &'a BTreeMap<String, Value>) -> ValueEnv<'a> {
        ValueEnv {
            root,
            params,
            variable: None,
            parent: None,
        }
    }

    /// This environment with one more variable, which hides any variable
    /// or root field of the same name.
    pub fn bind<'b>(&'b self, name: &'b str, value: &'b Value) -> ValueEnv<'b> {
        ValueEnv {
            root: self.root,
            params: self.params,
            variable: Some((name, value)),
            parent: Some(self),
        }
    }

    /// The fact model.
    pub fn root(&self) -> &'a Value {
        self.root
    }

    /// A parameter's value (named without its `$`).
    pub fn param(&self, name: &str) -> Option<&'a Value> {
        self.params.get(name)
    }

    /// A bound variable's value, innermost first.
    pub fn variable(&self, name: &str) -> Option<&'a Value> {
        let mut env = Some(self);
        while let Some(current) = env {
            if let Some((bound, value)) = current.variable
                && bound == name
            {
                return Some(value);
            }
            env = current.parent;
        }
        None
    }

    /// A bare name: a bound variable, else the root's field, else `null`.
    fn name(&self, name: &str) -> &'a Value {
        self.variable(name)
            .or_else(|| self.root.get(name))
            .unwrap_or(&NULL)
    }
}

/// The value of an expression.
pub fn eval(expr: &Expr, env: &ValueEnv<'_>) -> Result<Value, EvalError> {
    Ok(value(expr, env)?.into_owned())
}

/// The value of a `when` or `check` expression, which must be a boolean.
pub fn eval_bool(expr: &Expr, env: &ValueEnv<'_>) -> Result<bool, EvalError> {
    match value(expr, env)?.as_ref() {
        Value::Bool(b) => Ok(*b),
        other => Err(EvalError::not_a_condition(expr.span, other)),
    }
}

/// The elements a `for_each` binding walks (none for `null`).
/// Borrowed from the fact model when the list is one of its fields: the
/// elements are never copied.
pub fn eval_binding<'v>(
    binding: &Binding,
    env: &ValueEnv<'v>,
) -> Result<Cow<'v, [Value]>, EvalError> {
    Ok(match value(&binding.list, env)? {
        Cow::Borrowed(list) => Cow::Borrowed(elements(list, binding.list.span, "for_each")?),
        Cow::Owned(list) => Cow::Owned(elements(&list, binding.list.span, "for_each")?.to_vec()),
    })
}

fn value<'v>(expr: &Expr, env: &ValueEnv<'v>) -> Result<Cow<'v, Value>, EvalError> {
    Ok(match &expr.kind {
        ExprKind::Literal(literal) => Cow::Owned(match literal {
            Literal::Text(text) => Value::String(text.clone()),
            Literal::Number(number) => Value::Number(number.clone()),
            Literal::Bool(value) => Value::Bool(*value),
            Literal::Null => Value::Null,
        }),
        ExprKind::List(items) => Cow::Owned(Value::Array(
            items
                .iter()
                .map(|item| eval(item, env))
                .collect::<Result<_, _>>()?,
        )),
        ExprKind::Name(name) => Cow::Borrowed(env.name(name)),
        ExprKind::Param(name) => Cow::Borrowed(
            env.param(name)
                .ok_or_else(|| EvalError::missing_param(expr.span, name))?,
        ),
        ExprKind::Field(object, field) => match value(object, env)? {
            Cow::Borrowed(Value::Object(map)) => {
                Cow::Borrowed(map.get(&field.name).unwrap_or(&NULL))
            }
            Cow::Owned(Value::Object(mut map)) => {
                Cow::Owned(map.remove(&field.name).unwrap_or(Value::Null))
            }
            Cow::Borrowed(Value::Null) | Cow::Owned(Value::Null) => Cow::Borrowed(&NULL),
            other => return Err(EvalError::no_field(field.span, &field.name, &other)),
        },
        ExprKind::Unary(UnaryOp::Not, operand) => {
            Cow::Owned(Value::Bool(!boolean(operand, env, "not")?))
        }
        ExprKind::Unary(UnaryOp::Neg, operand) => match value(operand, env)?.as_ref() {
            Value::Null => Cow::Borrowed(&NULL),
            Value::Number(n) => Cow::Owned(make_number(-as_f64(n), expr.span)?),
            other => {
                return Err(EvalError::wrong_value(
                    operand.span,
                    "-",
                    "un nombre",
                    other,
                ));
            }
        },
        ExprKind::Binary(op, left, right) => Cow::Owned(binary(expr.span, *op, left, right, env)?),
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
            for item in items {
                let inner = env.bind(&var.name, item);
                if *func == Reducer::Sum {
                    match value(body, &inner)?.as_ref() {
                        Value::Null => {}
                        Value::Number(n) => total += as_f64(n),
                        other => {
                            return Err(EvalError::wrong_value(
                                body.span,
                                "sum",
                                "des nombres",
                                other,
                            ));
                        }
                    }
                    continue;
                }
                let holds = boolean(body, &inner, func.name())?;
                match func {
                    Reducer::Any if holds => return Ok(Cow::Owned(Value::Bool(true))),
                    Reducer::All if !holds => return Ok(Cow::Owned(Value::Bool(false))),
                    Reducer::None if holds => return Ok(Cow::Owned(Value::Bool(false))),
                    Reducer::Count if holds => count += 1,
                    _ => {}
                }
            }
            Cow::Owned(match func {
                Reducer::Any => Value::Bool(false),
                Reducer::All | Reducer::None => Value::Bool(true),
                Reducer::Count => Value::from(count),
                Reducer::Sum => make_number(total, expr.span)?,
            })
        }
        ExprKind::Count(list) => {
            let list_value = value(list, env)?;
            Cow::Owned(Value::from(
                elements(&list_value, list.span, "count")?.len(),
            ))
        }
        ExprKind::Len(operand) => Cow::Owned(Value::from(match value(operand, env)?.as_ref() {
            Value::Null => 0,
            Value::String(text) => text.chars().count(),
            Value::Array(items) => items.len(),
            other => {
                return Err(EvalError::wrong_value(
                    operand.span,
                    "len",
                    "une liste ou un texte",
                    other,
                ));
            }
        })),
    })
}

/// Evaluates an operand that must be a boolean.
fn boolean(expr: &Expr, env: &ValueEnv<'_>, operator: &str) -> Result<bool, EvalError> {
    match value(expr, env)?.as_ref() {
        Value::Bool(b) => Ok(*b),
        other => Err(EvalError::wrong_value(
            expr.span,
            operator,
            "un booléen",
            other,
        )),
    }
}

/// The elements of a list value; `null` is empty.
fn elements<'l>(list: &'l Value, span: Span, operator: &str) -> Result<&'l [Value], EvalError> {
    match list {
        Value::Array(items) => Ok(items),
        Value::Null => Ok(&[]),
        other => Err(EvalError::wrong_value(span, operator, "une liste", other)),
    }
}

fn binary(
    span: Span,
    op: BinaryOp,
    left: &Expr,
    right: &Expr,
    env: &ValueEnv<'_>,
) -> Result<Value, EvalError> {
    match op {
        BinaryOp::And => {
            return Ok(Value::Bool(
                boolean(left, env, "and")? && boolean(right, env, "and")?,
            ));
        }
        BinaryOp::Or => {
            return Ok(Value::Bool(
                boolean(left, env, "or")? || boolean(right, env, "or")?,
            ));
        }
        BinaryOp::Eq | BinaryOp::Ne | BinaryOp::In | BinaryOp::NotIn => {
            if let Some(found) = against_text(op, left, right, env)? {
                return Ok(Value::Bool(found));
            }
        }
        _ => {}
    }
    let l = value(left, env)?;
    let r = value(right, env)?;
    let (l, r) = (l.as_ref(), r.as_ref());
    Ok(match op {
        BinaryOp::And | BinaryOp::Or => unreachable!("handled above"),
        BinaryOp::Eq => Value::Bool(same(l, r)),
        BinaryOp::Ne => Value::Bool(!same(l, r)),
        BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge => {
            let ordering = match (l, r) {
                (Value::Null, _) | (_, Value::Null) => return Ok(Value::Bool(false)),
                (Value::Number(a), Value::Number(b)) => as_f64(a).partial_cmp(&as_f64(b)),
                (Value::String(a), Value::String(b)) => Some(a.cmp(b)),
                (Value::Number(_) | Value::String(_), other) => {
                    let expected = if l.is_number() {
                        "un nombre"
                    } else {
                        "un texte"
                    };
                    return Err(EvalError::wrong_value(
                        right.span,
                        op.symbol(),
                        expected,
                        other,
                    ));
                }
                (other, _) => {
                    return Err(EvalError::wrong_value(
                        left.span,
                        op.symbol(),
                        "un nombre ou un texte",
                        other,
                    ));
                }
            };
            let Some(ordering) = ordering else {
                return Ok(Value::Bool(false));
            };
            Value::Bool(match op {
                BinaryOp::Lt => ordering.is_lt(),
                BinaryOp::Le => ordering.is_le(),
                BinaryOp::Gt => ordering.is_gt(),
                _ => ordering.is_ge(),
            })
        }
        BinaryOp::In | BinaryOp::NotIn => {
            let found = match (l, r) {
                (_, Value::Null) => false,
                (_, Value::Array(items)) => items.iter().any(|item| same(l, item)),
                (Value::String(needle), Value::String(haystack)) => {
                    haystack.contains(needle.as_str())
                }
                (other, Value::String(_)) => {
                    return Err(EvalError::wrong_value(
                        left.span,
                        op.symbol(),
                        "un texte",
                        other,
                    ));
                }
                (_, other) => {
                    return Err(EvalError::wrong_value(
                        right.span,
                        op.symbol(),
                        "une liste ou un texte",
                        other,
                    ));
                }
            };
            Value::Bool(found == (op == BinaryOp::In))
        }
        BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Div => match (l, r) {
            (Value::Null, _) | (_, Value::Null) => Value::Null,
            (Value::Array(a), Value::Array(b)) if op == BinaryOp::Add => {
                Value::Array(a.iter().chain(b).cloned().collect())
            }
            (Value::Number(a), Value::Number(b)) => {
                let (a, b) = (as_f64(a), as_f64(b));
                let result = match op {
                    BinaryOp::Add => a + b,
                    BinaryOp::Sub => a - b,
                    BinaryOp::Mul => a * b,
                    _ if b == 0.0 => return Err(EvalError::division_by_zero(right.span)),
                    _ => a / b,
                };
                make_number(result, span)?
            }
            (Value::Number(_), other) => {
                return Err(EvalError::wrong_value(
                    right.span,
                    op.symbol(),
                    "un nombre",
                    other,
                ));
            }
            (Value::Array(_), other) if op == BinaryOp::Add => {
                return Err(EvalError::wrong_value(
                    right.span,
                    op.symbol(),
                    "une liste",
                    other,
                ));
            }
            (other, _) => {
                let expected = if op == BinaryOp::Add {
                    "des nombres ou des listes"
                } else {
                    "des nombres"
                };
                return Err(EvalError::wrong_value(
                    left.span,
                    op.symbol(),
                    expected,
                    other,
                ));
            }
        },
    })
}

/// `x == 'texte'`, `'texte' == x`, `x != 'texte'` and `'texte' in x`
/// without making a JSON value of the literal (rules compare a field with
/// a text for every member): the same answer as the general case, or
/// `None` when neither operand is such a literal.
fn against_text(
    op: BinaryOp,
    left: &Expr,
    right: &Expr,
    env: &ValueEnv<'_>,
) -> Result<Option<bool>, EvalError> {
    fn text(e: &Expr) -> Option<&str> {
        match &e.kind {
            ExprKind::Literal(Literal::Text(text)) => Some(text.as_str()),
            _ => None,
        }
    }
    Ok(match op {
        BinaryOp::Eq | BinaryOp::Ne => {
            let (literal, other) = match (text(left), text(right)) {
                (_, Some(t)) => (t, left),
                (Some(t), None) => (t, right),
                (None, None) => return Ok(None),
            };
            let equal = value(other, env)?.as_str() == Some(literal);
            Some(equal == (op == BinaryOp::Eq))
        }
        BinaryOp::In | BinaryOp::NotIn => {
            let Some(needle) = text(left) else {
                return Ok(None);
            };
            let found = match value(right, env)?.as_ref() {
                Value::Null => false,
                Value::Array(items) => items.iter().any(|item| item.as_str() == Some(needle)),
                Value::String(haystack) => haystack.contains(needle),
                other => {
                    return Err(EvalError::wrong_value(
                        right.span,
                        op.symbol(),
                        "une liste ou un texte",
                        other,
                    ));
                }
            };
            Some(found == (op == BinaryOp::In))
        }
        _ => None,
    })
}

/// JSON equality, with numbers compared by value (`1 == 1.0`).
pub(crate) fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => as_f64(x) == as_f64(y),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(key, x)| y.get(key).is_some_and(|y| same(x, y)))
        }
        _ => a == b,
    }
}

fn as_f64(number: &serde_json::Number) -> f64 {
    number.as_f64().unwrap_or(f64::NAN)
}

/// A computed number as JSON: an integer when it is whole (and exact), a
/// decimal otherwise.
fn make_number(x: f64, span: Span) -> Result<Value, EvalError> {
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
    if !x.is_finite() {
        return Err(EvalError::out_of_range(span));
    }
    if x.fract() == 0.0 && x.abs() < EXACT {
        return Ok(Value::from(x as i64));
    }
    serde_json::Number::from_f64(x)
        .map(Value::Number)
        .ok_or_else(|| EvalError::out_of_range(span))
}
