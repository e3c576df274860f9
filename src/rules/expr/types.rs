//! Static types of the fact model, and the type checker: given the types of
//! the fact model, the ruleset's parameters and the bound variables, the
//! type of an expression, or an error that points at the sub-expression at
//! fault.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::ast::{BinaryOp, Binding, Expr, ExprKind, Literal, Reducer, UnaryOp};
use super::error::ExprError;

/// The type of a value of the fact model.
#[derive(Debug, Clone, PartialEq)]
pub enum Type {
    /// `true` or `false`.
    Bool,
    /// An integer or a decimal number.
    Number,
    /// A text.
    Text,
    /// The type of the literal `null`.
    Null,
    /// A list whose elements have the given type.
    List(Box<Type>),
    /// A record with named fields (a comité, a membre…).
    Record(Record),
    /// A value of the given type, or `null`.
    Optional(Box<Type>),
    /// Any value: the checker accepts every use, the evaluator checks.
    Any,
}

/// A record type: named fields, and how to name the record in French
/// messages. Shared behind an `Arc`: the type checker copies types at every
/// field access, and the fact model's records nest deeply.
#[derive(Debug, Clone)]
pub struct Record {
    inner: Arc<RecordInner>,
}

#[derive(Debug, Clone, PartialEq)]
struct RecordInner {
    name: String,
    plural: String,
    fields: BTreeMap<String, Type>,
}

impl PartialEq for Record {
    fn eq(&self, other: &Record) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner) || self.inner == other.inner
    }
}

impl Record {
    /// A record without fields. `name` is a noun phrase with its indefinite
    /// (or, for the root, definite) article, as messages use it: "un
    /// comité", "une action", "la gouvernance"; `plural` is the bare plural
    /// noun: "comités", "actions".
    pub fn new(name: impl Into<String>, plural: impl Into<String>) -> Record {
        Record {
            inner: Arc::new(RecordInner {
                name: name.into(),
                plural: plural.into(),
                fields: BTreeMap::new(),
            }),
        }
    }

    /// The record with one more field (builder style).
    pub fn field(mut self, name: impl Into<String>, ty: Type) -> Record {
        self.insert(name, ty);
        self
    }

    /// Adds or replaces a field.
    pub fn insert(&mut self, name: impl Into<String>, ty: Type) {
        Arc::make_mut(&mut self.inner)
            .fields
            .insert(name.into(), ty);
    }

    /// The type of a field.
    pub fn get(&self, name: &str) -> Option<&Type> {
        self.inner.fields.get(name)
    }

    /// The record's name with its article ("un comité").
    pub fn name(&self) -> &str {
        &self.inner.name
    }

    /// The record's plural noun ("comités").
    pub fn plural(&self) -> &str {
        &self.inner.plural
    }

    /// The fields, by name in alphabetical order.
    pub fn fields(&self) -> impl Iterator<Item = (&str, &Type)> {
        self.inner
            .fields
            .iter()
            .map(|(name, ty)| (name.as_str(), ty))
    }

    /// The field names in alphabetical order.
    pub fn field_names(&self) -> impl Iterator<Item = &str> {
        self.inner.fields.keys().map(String::as_str)
    }

    /// Whether the record has no field.
    pub fn is_empty(&self) -> bool {
        self.inner.fields.is_empty()
    }
}

impl Type {
    /// `List(element)`.
    pub fn list(element: Type) -> Type {
        Type::List(Box::new(element))
    }

    /// `Optional(inner)`, kept flat: an optional optional is optional, an
    /// optional `null` is `null`, an optional `Any` is `Any`.
    pub fn optional(inner: Type) -> Type {
        match inner {
            Type::Optional(_) | Type::Null | Type::Any => inner,
            inner => Type::Optional(Box::new(inner)),
        }
    }

    /// The type without its `Optional`.
    pub fn strip_optional(&self) -> &Type {
        match self {
            Type::Optional(inner) => inner,
            other => other,
        }
    }

    /// Whether a value of this type may be `null`.
    pub fn is_nullable(&self) -> bool {
        matches!(self, Type::Optional(_) | Type::Null | Type::Any)
    }

    /// The type as French prose with its article: "un texte", "une liste
    /// de comités", "un nombre ou `null`".
    pub fn describe(&self) -> String {
        match self {
            Type::Bool => "un booléen".to_string(),
            Type::Number => "un nombre".to_string(),
            Type::Text => "un texte".to_string(),
            Type::Null => "`null`".to_string(),
            Type::List(element) if **element == Type::Any => "une liste".to_string(),
            Type::List(element) => format!("une liste de {}", element.plural()),
            Type::Record(record) => record.name().to_string(),
            Type::Optional(inner) => format!("{} ou `null`", inner.describe()),
            Type::Any => "une valeur".to_string(),
        }
    }

    /// The type as a French plural noun, without article: "textes",
    /// "listes de comités".
    pub fn plural(&self) -> String {
        match self {
            Type::Bool => "booléens".to_string(),
            Type::Number => "nombres".to_string(),
            Type::Text => "textes".to_string(),
            Type::Null => "`null`".to_string(),
            Type::List(element) if **element == Type::Any => "listes".to_string(),
            Type::List(element) => format!("listes de {}", element.plural()),
            Type::Record(record) => record.plural().to_string(),
            Type::Optional(inner) => format!("{} ou `null`", inner.plural()),
            Type::Any => "valeurs".to_string(),
        }
    }
}

/// The type both `a` and `b` fit in, if any: `Any` fits everything, `null`
/// makes the other optional.
pub(crate) fn unify(a: &Type, b: &Type) -> Option<Type> {
    match (a, b) {
        (Type::Any, other) | (other, Type::Any) => Some(other.clone()),
        (Type::Null, other) | (other, Type::Null) => Some(Type::optional(other.clone())),
        (Type::Optional(x), Type::Optional(y)) => unify(x, y).map(Type::optional),
        (Type::Optional(x), y) | (y, Type::Optional(x)) => unify(x, y).map(Type::optional),
        (Type::List(x), Type::List(y)) => unify(x, y).map(Type::list),
        (Type::Bool, Type::Bool) => Some(Type::Bool),
        (Type::Number, Type::Number) => Some(Type::Number),
        (Type::Text, Type::Text) => Some(Type::Text),
        (Type::Record(x), Type::Record(y)) if x == y => Some(a.clone()),
        _ => None,
    }
}

/// What a rule's expressions can see: the root record (the fact model),
/// the ruleset's parameters, and the variables bound around the
/// expression (`c` in `for_each = "c in comites"`, `x` inside `any(x in
/// …)`).
#[derive(Debug, Clone)]
pub struct TypeEnv {
    root: Arc<Record>,
    params: Arc<BTreeMap<String, Type>>,
    variables: Vec<(String, Type)>,
}

impl TypeEnv {
    /// An environment with no bound variable.
    pub fn new(root: Record, params: BTreeMap<String, Type>) -> TypeEnv {
        TypeEnv {
            root: Arc::new(root),
            params: Arc::new(params),
            variables: Vec::new(),
        }
    }

    /// The same environment with one more variable, which hides any
    /// variable or root field of the same name.
    pub fn bind(&self, name: impl Into<String>, ty: Type) -> TypeEnv {
        let mut env = self.clone();
        env.variables.push((name.into(), ty));
        env
    }

    /// The root record.
    pub fn root(&self) -> &Record {
        &self.root
    }

    /// The type of a parameter (named without its `$`).
    pub fn param(&self, name: &str) -> Option<&Type> {
        self.params.get(name)
    }

    /// The type of a bound variable, innermost first.
    pub fn variable(&self, name: &str) -> Option<&Type> {
        self.variables
            .iter()
            .rev()
            .find(|(bound, _)| bound == name)
            .map(|(_, ty)| ty)
    }

    /// The type of a bare name: a bound variable, or else a field of the
    /// root.
    pub fn name(&self, name: &str) -> Option<&Type> {
        self.variable(name).or_else(|| self.root.get(name))
    }
}

/// The type of an expression, or the first error in it.
pub fn check(expr: &Expr, env: &TypeEnv) -> Result<Type, ExprError> {
    match &expr.kind {
        ExprKind::Literal(literal) => Ok(match literal {
            Literal::Text(_) => Type::Text,
            Literal::Number(_) => Type::Number,
            Literal::Bool(_) => Type::Bool,
            Literal::Null => Type::Null,
        }),
        ExprKind::List(items) => {
            let mut element = Type::Any;
            for item in items {
                let ty = check(item, env)?;
                element = unify(&element, &ty)
                    .ok_or_else(|| ExprError::mixed_list(item.span, &ty, &element))?;
            }
            Ok(Type::list(element))
        }
        ExprKind::Name(name) => env.name(name).cloned().ok_or_else(|| {
            ExprError::unknown_name(
                expr.span,
                name,
                env.root(),
                env.variables.iter().map(|(name, _)| name.as_str()),
            )
        }),
        ExprKind::Param(name) => env.param(name).cloned().ok_or_else(|| {
            ExprError::unknown_param(expr.span, name, env.params.keys().map(String::as_str))
        }),
        ExprKind::Field(object, field) => {
            let ty = check(object, env)?;
            let (base, optional) = match &ty {
                Type::Optional(inner) => (inner.as_ref(), true),
                other => (other, false),
            };
            let field_type = match base {
                Type::Record(record) => record
                    .get(&field.name)
                    .cloned()
                    .ok_or_else(|| ExprError::unknown_field(field, record))?,
                Type::Any => Type::Any,
                Type::Null => Type::Null,
                _ => return Err(ExprError::field_of_non_record(field, &ty, object)),
            };
            Ok(if optional {
                Type::optional(field_type)
            } else {
                field_type
            })
        }
        ExprKind::Unary(UnaryOp::Not, operand) => {
            expect_bool(operand, env, "not")?;
            Ok(Type::Bool)
        }
        ExprKind::Unary(UnaryOp::Neg, operand) => {
            let ty = check(operand, env)?;
            let (base, optional) = split_optional(&ty);
            match base {
                Type::Number | Type::Any => Ok(number(optional)),
                _ => Err(ExprError::not_number(operand.span, "-", &ty, true)),
            }
        }
        ExprKind::Binary(op, left, right) => check_binary(expr, *op, left, right, env),
        ExprKind::Reduce {
            func,
            var,
            list,
            body,
        } => {
            let element = element_type(list, env, |ty| {
                ExprError::not_a_list(list.span, func.name(), ty)
            })?;
            let body_type = check(body, &env.bind(var.name.clone(), element))?;
            let fits = match func {
                Reducer::Sum => matches!(split_optional(&body_type).0, Type::Number | Type::Any),
                _ => matches!(body_type, Type::Bool | Type::Any),
            };
            if !fits {
                return Err(ExprError::reducer_body(body.span, *func, &body_type));
            }
            Ok(match func {
                Reducer::Any | Reducer::All | Reducer::None => Type::Bool,
                Reducer::Count | Reducer::Sum => Type::Number,
            })
        }
        ExprKind::Count(list) => {
            element_type(list, env, |ty| {
                ExprError::not_a_list(list.span, "count", ty)
            })?;
            Ok(Type::Number)
        }
        ExprKind::Len(value) => {
            let ty = check(value, env)?;
            match split_optional(&ty).0 {
                Type::Text | Type::List(_) | Type::Any => Ok(Type::Number),
                _ => Err(ExprError::no_length(value.span, &ty)),
            }
        }
    }
}

/// Type-checks a `when` or `check` expression: it must be a boolean.
pub fn check_bool(expr: &Expr, env: &TypeEnv) -> Result<(), ExprError> {
    match check(expr, env)? {
        Type::Bool | Type::Any => Ok(()),
        other => Err(ExprError::not_a_condition(expr.span, &other)),
    }
}

/// Type-checks a `for_each` binding such as `c in comites`: its list must
/// be a list. Returns the variable's name and the type of the elements,
/// ready for [`TypeEnv::bind`].
pub fn check_binding(binding: &Binding, env: &TypeEnv) -> Result<(String, Type), ExprError> {
    let element = element_type(&binding.list, env, |ty| {
        ExprError::binding_not_a_list(binding.list.span, &binding.var.name, ty)
    })?;
    Ok((binding.var.name.clone(), element))
}

/// `(T, true)` for `Optional(T)` (and `(Any, true)` for `Null`), `(T,
/// false)` otherwise.
fn split_optional(ty: &Type) -> (&Type, bool) {
    match ty {
        Type::Optional(inner) => (inner, true),
        Type::Null => (&Type::Any, true),
        other => (other, false),
    }
}

fn number(optional: bool) -> Type {
    if optional {
        Type::optional(Type::Number)
    } else {
        Type::Number
    }
}

/// The element type of a list expression; `null` walks as an empty list.
fn element_type(
    list: &Expr,
    env: &TypeEnv,
    not_a_list: impl FnOnce(&Type) -> ExprError,
) -> Result<Type, ExprError> {
    let ty = check(list, env)?;
    match split_optional(&ty).0 {
        Type::List(element) => Ok(element.as_ref().clone()),
        Type::Any => Ok(Type::Any),
        _ => Err(not_a_list(&ty)),
    }
}

fn expect_bool(operand: &Expr, env: &TypeEnv, operator: &str) -> Result<(), ExprError> {
    match check(operand, env)? {
        Type::Bool | Type::Any => Ok(()),
        other => Err(ExprError::not_boolean(operand.span, operator, &other)),
    }
}

fn check_binary(
    expr: &Expr,
    op: BinaryOp,
    left: &Expr,
    right: &Expr,
    env: &TypeEnv,
) -> Result<Type, ExprError> {
    match op {
        BinaryOp::And | BinaryOp::Or => {
            expect_bool(left, env, op.symbol())?;
            expect_bool(right, env, op.symbol())?;
            Ok(Type::Bool)
        }
        BinaryOp::Eq | BinaryOp::Ne => {
            let (l, r) = (check(left, env)?, check(right, env)?);
            match unify(&l, &r) {
                Some(_) => Ok(Type::Bool),
                None => Err(ExprError::incomparable(expr.span, op, &l, &r)),
            }
        }
        BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge => {
            let (l, r) = (check(left, env)?, check(right, env)?);
            let ordered = matches!(
                (split_optional(&l).0, split_optional(&r).0),
                (Type::Number | Type::Any, Type::Number | Type::Any)
                    | (Type::Text | Type::Any, Type::Text | Type::Any)
            );
            if ordered {
                Ok(Type::Bool)
            } else {
                Err(ExprError::unordered(expr.span, op, &l, &r))
            }
        }
        BinaryOp::In | BinaryOp::NotIn => {
            let (l, r) = (check(left, env)?, check(right, env)?);
            match split_optional(&r).0 {
                Type::List(element) => match unify(&l, element) {
                    Some(_) => Ok(Type::Bool),
                    None => Err(ExprError::cannot_search(expr.span, &l, &r)),
                },
                Type::Text => match split_optional(&l).0 {
                    Type::Text | Type::Any => Ok(Type::Bool),
                    _ => Err(ExprError::cannot_search(expr.span, &l, &r)),
                },
                Type::Any => Ok(Type::Bool),
                _ => Err(ExprError::in_needs_collection(right.span, op, &r)),
            }
        }
        BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Div => {
            let (l, r) = (check(left, env)?, check(right, env)?);
            let (lb, lo) = split_optional(&l);
            let (rb, ro) = split_optional(&r);
            let list_allowed = op == BinaryOp::Add;
            let operand_ok = |ty: &Type| match ty {
                Type::Number | Type::Any => true,
                Type::List(_) => list_allowed,
                _ => false,
            };
            if !operand_ok(lb) {
                return Err(ExprError::not_number(left.span, op.symbol(), &l, false));
            }
            if !operand_ok(rb) {
                return Err(ExprError::not_number(right.span, op.symbol(), &r, false));
            }
            match (lb, rb) {
                (Type::List(_), _) | (_, Type::List(_)) => match unify(lb, rb) {
                    Some(Type::List(element)) => {
                        let list = Type::List(element);
                        Ok(if lo || ro { Type::optional(list) } else { list })
                    }
                    _ => Err(ExprError::cannot_add(expr.span, &l, &r)),
                },
                // `+` on two unknown values may concatenate lists.
                (Type::Any, Type::Any) if list_allowed => Ok(Type::Any),
                _ => Ok(number(lo || ro)),
            }
        }
    }
}
