//! A serde serializer into [`serde_json::Value`] that keeps, in every
//! struct, only the fields whose names a set holds: the fact model of a
//! check is built with the fields its rules read and nothing else
//! ([`super::facts::facts_reading`]). Building every field of every member
//! as JSON maps was a quarter of a national check.
//!
//! It gives exactly what `serde_json::to_value` gives for the fields kept
//! (same representation of numbers, enums, options, maps), which a test
//! checks on the whole model.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

use serde::ser::{self, Serialize};
use serde_json::{Error, Map, Value};

/// `value` as JSON, with only the struct fields named in `keep`; the keys
/// of maps are data, always kept.
pub(crate) fn to_value<T: Serialize + ?Sized>(
    value: &T,
    keep: &BTreeSet<String>,
) -> Result<Value, Error> {
    let kept = Kept {
        names: keep,
        seen: RefCell::new(HashMap::default()),
    };
    value.serialize(Pruner { kept: &kept })
}

/// The names kept, and the answer for each field name met so far, by the
/// address of its `&'static str` (the derived `Serialize` passes the same
/// literal for a field every time): a string search once per field name,
/// not once per field serialised.
struct Kept<'k> {
    names: &'k BTreeSet<String>,
    seen: RefCell<HashMap<(usize, usize), bool, BuildHasherDefault<AddressHasher>>>,
}

impl Kept<'_> {
    fn contains(&self, key: &'static str) -> bool {
        // Address and length: a literal may start another one (`nom`,
        // `nombre`).
        let address = (key.as_ptr() as usize, key.len());
        *self
            .seen
            .borrow_mut()
            .entry(address)
            .or_insert_with(|| self.names.contains(key))
    }
}

/// Hashes an address and a length: a multiplication each.
#[derive(Default)]
struct AddressHasher(u64);

impl Hasher for AddressHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = (self.0.rotate_left(26) ^ n as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

#[derive(Clone, Copy)]
struct Pruner<'k> {
    kept: &'k Kept<'k>,
}

/// The plain JSON serializer, for scalars.
const PLAIN: serde_json::value::Serializer = serde_json::value::Serializer;

/// Scalars are written as serde_json writes them.
macro_rules! plain {
    ($($method:ident($ty:ty)),*) => {$(
        fn $method(self, v: $ty) -> Result<Value, Error> {
            ser::Serializer::$method(PLAIN, v)
        }
    )*};
}

impl<'k> ser::Serializer for Pruner<'k> {
    type Ok = Value;
    type Error = Error;
    type SerializeSeq = Seq<'k>;
    type SerializeTuple = Seq<'k>;
    type SerializeTupleStruct = Seq<'k>;
    type SerializeTupleVariant = Variant<Seq<'k>>;
    type SerializeMap = Entries<'k>;
    type SerializeStruct = Fields<'k>;
    type SerializeStructVariant = Variant<Fields<'k>>;

    plain!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_i128(i128),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_u128(u128),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_str(&str),
        serialize_bytes(&[u8])
    );
    fn serialize_none(self) -> Result<Value, Error> {
        Ok(Value::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Value, Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Value, Error> {
        Ok(Value::Null)
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<Value, Error> {
        Ok(Value::Null)
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<Value, Error> {
        Ok(Value::String(variant.to_owned()))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<Value, Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Value, Error> {
        let mut map = Map::new();
        map.insert(variant.to_owned(), value.serialize(self)?);
        Ok(Value::Object(map))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Seq<'k>, Error> {
        Ok(Seq {
            pruner: self,
            items: Vec::with_capacity(len.unwrap_or(0)),
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Seq<'k>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Seq<'k>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Variant<Seq<'k>>, Error> {
        Ok(Variant {
            variant,
            inner: self.serialize_seq(Some(len))?,
        })
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Entries<'k>, Error> {
        Ok(Entries {
            pruner: self,
            map: Map::new(),
            key: None,
        })
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Fields<'k>, Error> {
        Ok(Fields {
            pruner: self,
            map: Map::new(),
        })
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Variant<Fields<'k>>, Error> {
        Ok(Variant {
            variant,
            inner: self.serialize_struct(variant, len)?,
        })
    }
}

struct Seq<'k> {
    pruner: Pruner<'k>,
    items: Vec<Value>,
}

impl Seq<'_> {
    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.items.push(value.serialize(self.pruner)?);
        Ok(())
    }
}

/// The three sequence traits of serde, which differ only by the name of
/// their element method.
macro_rules! sequence {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for Seq<'_> {
            type Ok = Value;
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                self.push(value)
            }
            fn end(self) -> Result<Value, Error> {
                Ok(Value::Array(self.items))
            }
        }
    )*};
}

sequence!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field
);

struct Fields<'k> {
    pruner: Pruner<'k>,
    map: Map<String, Value>,
}

impl Fields<'_> {
    fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        if self.pruner.kept.contains(key) {
            self.map
                .insert(key.to_owned(), value.serialize(self.pruner)?);
        }
        Ok(())
    }
}

impl ser::SerializeStruct for Fields<'_> {
    type Ok = Value;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.field(key, value)
    }
    fn end(self) -> Result<Value, Error> {
        Ok(Value::Object(self.map))
    }
}

struct Entries<'k> {
    pruner: Pruner<'k>,
    map: Map<String, Value>,
    key: Option<String>,
}

impl ser::SerializeMap for Entries<'_> {
    type Ok = Value;
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        // What serde_json writes as a key: a string, or a number or
        // boolean as its text.
        self.key = Some(match key.serialize(PLAIN)? {
            Value::String(text) => text,
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            _ => return Err(ser::Error::custom("clé de dictionnaire non textuelle")),
        });
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let key = self
            .key
            .take()
            .ok_or_else(|| <Error as ser::Error>::custom("valeur sans clé"))?;
        self.map.insert(key, value.serialize(self.pruner)?);
        Ok(())
    }
    fn end(self) -> Result<Value, Error> {
        Ok(Value::Object(self.map))
    }
}

/// An enum variant with data: `{"variant": data}`, as serde_json writes it.
struct Variant<T> {
    variant: &'static str,
    inner: T,
}

impl<T> Variant<T> {
    fn wrap(variant: &'static str, value: Value) -> Value {
        let mut map = Map::new();
        map.insert(variant.to_owned(), value);
        Value::Object(map)
    }
}

impl<'k> ser::SerializeTupleVariant for Variant<Seq<'k>> {
    type Ok = Value;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.inner.push(value)
    }
    fn end(self) -> Result<Value, Error> {
        Ok(Self::wrap(self.variant, Value::Array(self.inner.items)))
    }
}

impl<'k> ser::SerializeStructVariant for Variant<Fields<'k>> {
    type Ok = Value;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.inner.field(key, value)
    }
    fn end(self) -> Result<Value, Error> {
        Ok(Self::wrap(self.variant, Value::Object(self.inner.map)))
    }
}
