//! The values expressions compute with: borrowed views of the fact model.
//!
//! A rule reads the compiled governance where it lies: a record is a
//! reference to a model struct (or to a JSON object) behind [`Fields`], a
//! list a reference to a `Vec` behind [`Elements`], a text a `&str` of the
//! model or of the rule. Nothing is copied into a JSON tree to be searched
//! by name and dropped again; a value is only turned into JSON
//! ([`Fact::to_json`]) for `eval`'s callers, on the rare paths that print
//! it.
//!
//! The semantics are those of JSON values (DESIGN §4, `copil export`): a
//! test checks that the typed views of every example give exactly the
//! JSON that `copil export` prints.

use std::fmt;

use serde_json::{Map, Number, Value};

use crate::rules::view::Facts;

/// The fields of a record of the fact model: a model struct, or a JSON
/// object.
pub trait Fields {
    /// The field `name`, or `None` when the record has no such field.
    /// `facts` gives the derived fields (`membres[].utilise`…) what they
    /// read; a record without derived fields ignores it.
    fn field<'a>(&'a self, name: &str, facts: Option<&'a Facts<'a>>) -> Option<Fact<'a>>;

    /// The names of its fields.
    fn names(&self) -> Vec<&str>;
}

/// A list of the fact model.
pub trait Elements {
    /// How many elements.
    fn count(&self) -> usize;

    /// The element at `index` (below [`Elements::count`]).
    fn get(&self, index: usize) -> Fact<'_>;
}

/// A value an expression computes or reads.
#[derive(Clone)]
pub enum Fact<'a> {
    /// `null`, and any field a record lacks.
    Null,
    /// A boolean.
    Bool(bool),
    /// A number, represented as JSON represents it.
    Number(Number),
    /// A text.
    Text(&'a str),
    /// A list of the fact model.
    List(&'a dyn Elements),
    /// A list computed by the expression (`[a, b]`, `l1 + l2`).
    Items(Vec<Fact<'a>>),
    /// A record.
    Record(&'a dyn Fields),
}

impl fmt::Debug for Fact<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.to_json(None))
    }
}

impl<'a> From<&'a Value> for Fact<'a> {
    fn from(value: &'a Value) -> Fact<'a> {
        match value {
            Value::Null => Fact::Null,
            Value::Bool(b) => Fact::Bool(*b),
            Value::Number(n) => Fact::Number(n.clone()),
            Value::String(s) => Fact::Text(s),
            Value::Array(items) => Fact::List(items),
            Value::Object(map) => Fact::Record(map),
        }
    }
}

impl Fields for Map<String, Value> {
    fn field<'a>(&'a self, name: &str, _: Option<&'a Facts<'a>>) -> Option<Fact<'a>> {
        self.get(name).map(Fact::from)
    }

    fn names(&self) -> Vec<&str> {
        self.keys().map(String::as_str).collect()
    }
}

impl ToFact for Value {
    fn fact(&self) -> Fact<'_> {
        Fact::from(self)
    }
}

/// The elements of a list value, however it is held.
#[derive(Clone, Copy)]
pub(crate) enum Walk<'r, 'a> {
    /// A list of the model.
    Model(&'a dyn Elements),
    /// A computed list.
    Computed(&'r [Fact<'a>]),
}

impl<'r, 'a> Walk<'r, 'a> {
    /// How many elements.
    pub(crate) fn len(&self) -> usize {
        match self {
            Walk::Model(list) => list.count(),
            Walk::Computed(items) => items.len(),
        }
    }

    /// The elements in order.
    pub(crate) fn iter(self) -> impl Iterator<Item = Fact<'a>> + 'r {
        (0..self.len()).map(move |i| match self {
            Walk::Model(list) => list.get(i),
            Walk::Computed(items) => items[i].clone(),
        })
    }
}

impl<'a> Fact<'a> {
    /// Its elements when it is a list (`null` is an empty one).
    pub(crate) fn walk(&self) -> Option<Walk<'_, 'a>> {
        match self {
            Fact::List(list) => Some(Walk::Model(*list)),
            Fact::Items(items) => Some(Walk::Computed(items)),
            Fact::Null => Some(Walk::Computed(&[])),
            _ => None,
        }
    }

    /// The same value as JSON; `facts` gives the derived fields of model
    /// records.
    pub fn to_json(&self, facts: Option<&'a Facts<'a>>) -> Value {
        match self {
            Fact::Null => Value::Null,
            Fact::Bool(b) => Value::Bool(*b),
            Fact::Number(n) => Value::Number(n.clone()),
            Fact::Text(text) => Value::String((*text).to_string()),
            Fact::List(_) | Fact::Items(_) => Value::Array(
                self.walk()
                    .expect("a list walks")
                    .iter()
                    .map(|item| item.to_json(facts))
                    .collect(),
            ),
            Fact::Record(record) => Value::Object(
                record
                    .names()
                    .into_iter()
                    .map(|name| {
                        let value = record.field(name, facts).unwrap_or(Fact::Null);
                        (name.to_string(), value.to_json(facts))
                    })
                    .collect(),
            ),
        }
    }

    /// What kind of value it is, for an error message: « un texte »…
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Fact::Null => "`null`",
            Fact::Bool(_) => "un booléen",
            Fact::Number(_) => "un nombre",
            Fact::Text(_) => "un texte",
            Fact::List(_) | Fact::Items(_) => "une liste",
            Fact::Record(_) => "un enregistrement",
        }
    }
}

/// JSON equality, with numbers compared by value (`1 == 1.0`).
pub(crate) fn same<'a>(a: &Fact<'a>, b: &Fact<'a>, facts: Option<&'a Facts<'a>>) -> bool {
    match (a, b) {
        (Fact::Null, Fact::Null) => true,
        (Fact::Bool(x), Fact::Bool(y)) => x == y,
        (Fact::Number(x), Fact::Number(y)) => as_f64(x) == as_f64(y),
        (Fact::Text(x), Fact::Text(y)) => x == y,
        (Fact::List(_) | Fact::Items(_), Fact::List(_) | Fact::Items(_)) => {
            let (x, y) = (a.walk().expect("a list"), b.walk().expect("a list"));
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(x, y)| same(&x, &y, facts))
        }
        (Fact::Record(x), Fact::Record(y)) => {
            let names = x.names();
            names.len() == y.names().len()
                && names.into_iter().all(|name| {
                    match (x.field(name, facts), y.field(name, facts)) {
                        (Some(vx), Some(vy)) => same(&vx, &vy, facts),
                        _ => false,
                    }
                })
        }
        _ => false,
    }
}

/// A JSON number as a float (NaN if it cannot be one).
pub(crate) fn as_f64(number: &Number) -> f64 {
    number.as_f64().unwrap_or(f64::NAN)
}

/// How a field of a model struct reads as a fact.
pub trait ToFact {
    /// The value of the field.
    fn fact(&self) -> Fact<'_>;
}

impl ToFact for String {
    fn fact(&self) -> Fact<'_> {
        Fact::Text(self)
    }
}

impl ToFact for &'static str {
    fn fact(&self) -> Fact<'_> {
        Fact::Text(self)
    }
}

impl ToFact for bool {
    fn fact(&self) -> Fact<'_> {
        Fact::Bool(*self)
    }
}

macro_rules! whole_numbers {
    ($($ty:ty),*) => {$(
        impl ToFact for $ty {
            fn fact(&self) -> Fact<'_> {
                Fact::Number(Number::from(*self))
            }
        }
    )*};
}
whole_numbers!(u32, u64, usize, i64);

impl ToFact for f64 {
    /// As serde_json writes it: a decimal number, `null` when not finite.
    fn fact(&self) -> Fact<'_> {
        Number::from_f64(*self).map_or(Fact::Null, Fact::Number)
    }
}

impl<T: ToFact> ToFact for Option<T> {
    fn fact(&self) -> Fact<'_> {
        self.as_ref().map_or(Fact::Null, ToFact::fact)
    }
}

impl<T: ToFact> ToFact for Vec<T> {
    fn fact(&self) -> Fact<'_> {
        Fact::List(self)
    }
}

impl<T: ToFact> Elements for Vec<T> {
    fn count(&self) -> usize {
        self.len()
    }

    fn get(&self, index: usize) -> Fact<'_> {
        self[index].fact()
    }
}
