//! The rule expression language of DESIGN §4.
//!
//! National rules (`rules/*.toml`) are data: their `for_each`, `when`,
//! `check` and `message` fields are written in a small language of their
//! own, with its own pest grammar (`grammar/expr.pest`). This module takes
//! the text of those fields and gives back:
//!
//! - a syntax tree with byte spans ([`parse`], [`parse_binding`],
//!   [`parse_template`]);
//! - its static type against a description of the fact model ([`check`],
//!   [`check_bool`], [`check_binding`], [`check_template`]), so that a
//!   ruleset with an unknown field or a wrong type is refused when it is
//!   loaded, with an error that points at the exact sub-expression;
//! - its value over the fact model ([`eval`], [`eval_binding`],
//!   [`render_template`]): a JSON value ([`ValueEnv::new`]), or the typed
//!   view of a compiled file ([`ValueEnv::of`], [`crate::rules::view`]),
//!   read where the model holds it ([`Fact`]).
//!
//! Every error is an [`ExprError`] (or an [`EvalError`] at run time): a
//! French message, an optional help line and a [`Span`] of byte offsets
//! inside the expression text. [`render_error`] shows it under the
//! expression with a caret; the rules loader maps the span into the TOML
//! file.
//!
//! ```
//! use std::collections::BTreeMap;
//! use copil::rules::expr::{self, Record, Type, TypeEnv, ValueEnv};
//!
//! let comite = Record::new("un comité", "comités")
//!     .field("nom", Type::Text)
//!     .field("frequence", Type::optional(Type::Text));
//! let root = Record::new("la gouvernance", "gouvernances")
//!     .field("comites", Type::list(Type::Record(comite)));
//! let types = TypeEnv::new(root, BTreeMap::new());
//!
//! let binding = expr::parse_binding("c in comites").unwrap();
//! let (variable, element) = expr::check_binding(&binding, &types).unwrap();
//! let types = types.bind(variable, element);
//! let check = expr::parse("c.frequence != null").unwrap();
//! expr::check_bool(&check, &types).unwrap();
//! let message = expr::parse_template("le comité « {c.nom} » n'a pas de fréquence").unwrap();
//! expr::check_template(&message, &types).unwrap();
//!
//! let facts = serde_json::json!({"comites": [{"nom": "Comité technique", "frequence": null}]});
//! let params = BTreeMap::new();
//! let values = ValueEnv::new(&facts, &params);
//! for comite in expr::eval_binding(&binding, &values).unwrap().iter() {
//!     let values = values.bind(&binding.var.name, comite);
//!     assert_eq!(expr::eval(&check, &values).unwrap(), serde_json::json!(false));
//!     assert_eq!(
//!         expr::render_template(&message, &values).unwrap(),
//!         "le comité « Comité technique » n'a pas de fréquence",
//!     );
//! }
//! ```

mod ast;
mod error;
mod eval;
mod fact;
mod parser;
mod template;
mod types;
mod wording;

pub use ast::{BinaryOp, Binding, Expr, ExprKind, Ident, Literal, Reducer, UnaryOp};
pub use error::{ErrorKind, EvalError, ExprError, Span, render_error};
pub use eval::{ForEach, ValueEnv, eval, eval_binding, eval_bool, eval_fact};
pub use fact::{Elements, Fact, Fields, ToFact};
pub use parser::{parse, parse_binding};
pub use template::{
    Template, TemplatePart, check_template, format_value, parse_template, render_template,
};
pub use types::{Record, Type, TypeEnv, check, check_binding, check_bool};

#[cfg(test)]
mod test_support;

#[cfg(test)]
mod check_tests;
#[cfg(test)]
mod eval_tests;
#[cfg(test)]
mod parse_tests;
#[cfg(test)]
mod template_tests;
