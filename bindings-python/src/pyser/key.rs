//! Map keys as serde_json accepts them: text, numbers, booleans and unit
//! variants. JSON writes every key as text; typed mappings with int keys
//! get the number back.

use std::borrow::Cow;

use serde::ser::{self, Impossible, Serialize};

use super::BuildError;

/// A map key before it becomes a Python object.
pub(crate) enum MapKey {
    Str(String),
    Int(i128),
}

impl MapKey {
    /// The key as JSON writes it.
    pub(crate) fn text(&self) -> Cow<'_, str> {
        match self {
            MapKey::Str(s) => Cow::Borrowed(s),
            MapKey::Int(n) => Cow::Owned(n.to_string()),
        }
    }

    /// The key as an int (a text key must hold one).
    pub(crate) fn int(&self) -> Result<i128, BuildError> {
        match self {
            MapKey::Int(n) => Ok(*n),
            MapKey::Str(s) => s
                .parse()
                .map_err(|_| BuildError::Shape(format!("expected an int map key, got {s:?}"))),
        }
    }
}

fn not_a_key() -> BuildError {
    BuildError::Shape("a map key must be text, a number or a boolean".into())
}

/// Serializes one map key into a [`MapKey`].
pub(crate) struct MapKeySerializer;

macro_rules! int_keys {
    ($($method:ident: $t:ty),* $(,)?) => {$(
        fn $method(self, v: $t) -> Result<MapKey, BuildError> {
            Ok(MapKey::Int(i128::from(v)))
        }
    )*};
}

impl ser::Serializer for MapKeySerializer {
    type Ok = MapKey;
    type Error = BuildError;
    type SerializeSeq = Impossible<MapKey, BuildError>;
    type SerializeTuple = Impossible<MapKey, BuildError>;
    type SerializeTupleStruct = Impossible<MapKey, BuildError>;
    type SerializeTupleVariant = Impossible<MapKey, BuildError>;
    type SerializeMap = Impossible<MapKey, BuildError>;
    type SerializeStruct = Impossible<MapKey, BuildError>;
    type SerializeStructVariant = Impossible<MapKey, BuildError>;

    int_keys!(
        serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_i128: i128, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32,
        serialize_u64: u64,
    );

    fn serialize_u128(self, v: u128) -> Result<MapKey, BuildError> {
        Ok(match i128::try_from(v) {
            Ok(n) => MapKey::Int(n),
            Err(_) => MapKey::Str(v.to_string()),
        })
    }

    fn serialize_bool(self, v: bool) -> Result<MapKey, BuildError> {
        Ok(MapKey::Str(v.to_string()))
    }

    fn serialize_f32(self, _v: f32) -> Result<MapKey, BuildError> {
        Err(not_a_key())
    }

    fn serialize_f64(self, _v: f64) -> Result<MapKey, BuildError> {
        Err(not_a_key())
    }

    fn serialize_char(self, v: char) -> Result<MapKey, BuildError> {
        Ok(MapKey::Str(v.to_string()))
    }

    fn serialize_str(self, v: &str) -> Result<MapKey, BuildError> {
        Ok(MapKey::Str(v.to_string()))
    }

    fn serialize_bytes(self, _v: &[u8]) -> Result<MapKey, BuildError> {
        Err(not_a_key())
    }

    fn serialize_none(self) -> Result<MapKey, BuildError> {
        Err(not_a_key())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, _value: &T) -> Result<MapKey, BuildError> {
        Err(not_a_key())
    }

    fn serialize_unit(self) -> Result<MapKey, BuildError> {
        Err(not_a_key())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<MapKey, BuildError> {
        Err(not_a_key())
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<MapKey, BuildError> {
        Ok(MapKey::Str(variant.to_string()))
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<MapKey, BuildError> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<MapKey, BuildError> {
        Err(not_a_key())
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, BuildError> {
        Err(not_a_key())
    }

    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, BuildError> {
        Err(not_a_key())
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, BuildError> {
        Err(not_a_key())
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, BuildError> {
        Err(not_a_key())
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, BuildError> {
        Err(not_a_key())
    }

    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, BuildError> {
        Err(not_a_key())
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, BuildError> {
        Err(not_a_key())
    }
}
