//! A serde `Serializer` that builds Python objects guided by a [`Shape`].
//!
//! The core's records already implement `Serialize` (that is how they become
//! JSON), so walking that same output is the one generic way to reach every
//! field of every result type without hand-written conversions. Where the
//! shape names a record class the fields land in a fresh instance's
//! `__dict__`; decimals, days and instants are made by the callables the
//! shape carries; everything the shape calls `Plain` comes out exactly as
//! `json.loads` would give it. The output equals what the old path (JSON
//! text, `json.loads`, the facade's decoders) produced, at a fraction of
//! the cost: no JSON is written or parsed, and no Python-level code runs
//! per field (except a type's own `_from_json` hook, and instants before
//! Python 3.11).
//!
//! [`Shape`]: crate::shape::Shape

mod compound;
mod key;
pub(crate) mod memo;
mod record;
mod text;

use std::fmt;
use std::panic::{catch_unwind, AssertUnwindSafe};

use lotwise::Error;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyFloat, PyList, PyString, PyTuple};
use pyo3::PyErr;
use serde::ser::{self, Serialize};

use crate::error::{panic_text, to_pyerr};
use crate::shape::Node;

use compound::{Map, Seq};
use text::TextBuf;

/// The shape for values the target shape says nothing about.
static PLAIN: Node = Node::Plain;

/// Builds the Python value of `value` as `node` describes. A Python error
/// raised by a converter propagates as it is; a value that does not fit the
/// shape (a binding bug) or a panic becomes `lotwise.InternalError`.
pub(crate) fn build<'py, T: Serialize + ?Sized>(
    py: Python<'py>,
    node: &Node,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    let built = catch_unwind(AssertUnwindSafe(|| match node {
        Node::Json => serde_json::to_string(value)
            .map(|text| PyString::new(py, &text).into_any())
            .map_err(|e| BuildError::Shape(e.to_string())),
        _ => value.serialize(Build { py, node }),
    }));
    let reason = match built {
        Ok(Ok(object)) => return Ok(object),
        Ok(Err(BuildError::Py(err))) => return Err(err),
        Ok(Err(BuildError::Shape(reason))) => format!("cannot build a result: {reason}"),
        Err(payload) => format!("panic: {}", panic_text(payload.as_ref())),
    };
    Err(to_pyerr(py, &Error::Internal { reason }))
}

/// Why building failed: a Python exception, or output that does not fit
/// the shape.
#[derive(Debug)]
pub(crate) enum BuildError {
    Py(PyErr),
    Shape(String),
}

impl From<PyErr> for BuildError {
    fn from(err: PyErr) -> Self {
        BuildError::Py(err)
    }
}

impl From<pyo3::CastIntoError<'_>> for BuildError {
    fn from(err: pyo3::CastIntoError<'_>) -> Self {
        BuildError::Py(err.into())
    }
}

impl From<std::convert::Infallible> for BuildError {
    fn from(never: std::convert::Infallible) -> Self {
        match never {}
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Py(err) => write!(f, "{err}"),
            BuildError::Shape(reason) => f.write_str(reason),
        }
    }
}

impl std::error::Error for BuildError {}

impl ser::Error for BuildError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        BuildError::Shape(msg.to_string())
    }
}

pub(crate) type Out<'py> = Result<Bound<'py, PyAny>, BuildError>;

/// The serializer: one value, one shape node.
#[derive(Clone, Copy)]
pub(crate) struct Build<'a, 'py> {
    py: Python<'py>,
    node: &'a Node,
}

impl<'a, 'py> Build<'a, 'py> {
    fn with(self, node: &'a Node) -> Self {
        Build { py: self.py, node }
    }

    /// The node for a present (non-null) value: `Optional` layers peeled.
    fn present(self) -> &'a Node {
        let mut node = self.node;
        while let Node::Optional(inner) = node {
            node = inner;
        }
        node
    }

    /// A scalar (already a plain Python value) in this node's terms.
    fn value(self, plain: Bound<'py, PyAny>) -> Out<'py> {
        match self.present() {
            Node::Plain | Node::Json => Ok(plain),
            Node::Call(convert) | Node::Memo(convert) => {
                Ok(convert.bind(self.py).call1((plain,))?)
            }
            Node::Instant { slow, .. } => Ok(slow.bind(self.py).call1((plain,))?),
            other => Err(mismatch(other, "a scalar")),
        }
    }

    /// A null: `None`, or `()` for a sequence (the core's defaulted lists),
    /// or what a converter makes of `None`, as the JSON decoders did.
    fn null(self) -> Out<'py> {
        let py = self.py;
        match self.node {
            Node::Plain | Node::Json | Node::Optional(_) => Ok(py.None().into_bound(py)),
            Node::Tuple(_) => Ok(PyTuple::empty(py).into_any()),
            Node::Call(convert) | Node::Memo(convert) | Node::Instant { slow: convert, .. } => {
                Ok(convert.bind(py).call1((py.None(),))?)
            }
            other => Err(mismatch(other, "null")),
        }
    }

    fn text(self, text: &str) -> Out<'py> {
        let py = self.py;
        match self.present() {
            Node::Text(pair) => record::text_pair(py, pair, text),
            Node::Memo(convert) => Ok(memo::convert(py, convert, text)?),
            Node::Instant { fast, slow } => {
                let convert = match fast {
                    Some(fast) if text.ends_with('Z') => fast,
                    _ => slow,
                };
                Ok(convert.bind(py).call1((text,))?)
            }
            _ => self.value(PyString::new(py, text).into_any()),
        }
    }

    /// `{variant: value}`, serde's externally tagged form, for plain shapes.
    fn variant(self, variant: &'static str, value: Bound<'py, PyAny>) -> Out<'py> {
        let dict = PyDict::new(self.py);
        dict.set_item(variant, value)?;
        self.value(dict.into_any())
    }
}

fn mismatch(node: &Node, got: &str) -> BuildError {
    BuildError::Shape(format!("expected {}, got {got}", node.expects()))
}

macro_rules! ints {
    ($($method:ident: $t:ty),* $(,)?) => {$(
        fn $method(self, v: $t) -> Out<'py> {
            self.value(v.into_pyobject(self.py)?.into_any())
        }
    )*};
}

impl<'a, 'py> ser::Serializer for Build<'a, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = BuildError;
    type SerializeSeq = Seq<'a, 'py>;
    type SerializeTuple = Seq<'a, 'py>;
    type SerializeTupleStruct = Seq<'a, 'py>;
    type SerializeTupleVariant = Seq<'a, 'py>;
    type SerializeMap = Map<'a, 'py>;
    type SerializeStruct = Map<'a, 'py>;
    type SerializeStructVariant = Map<'a, 'py>;

    ints!(
        serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_i128: i128, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32,
        serialize_u64: u64, serialize_u128: u128,
    );

    fn serialize_bool(self, v: bool) -> Out<'py> {
        self.value(v.into_pyobject(self.py)?.to_owned().into_any())
    }

    fn serialize_f32(self, v: f32) -> Out<'py> {
        self.serialize_f64(f64::from(v))
    }

    fn serialize_f64(self, v: f64) -> Out<'py> {
        // serde_json writes a non-finite float as null.
        if v.is_finite() {
            self.value(PyFloat::new(self.py, v).into_any())
        } else {
            self.value(self.py.None().into_bound(self.py))
        }
    }

    fn serialize_char(self, v: char) -> Out<'py> {
        self.text(v.encode_utf8(&mut [0; 4]))
    }

    fn serialize_str(self, v: &str) -> Out<'py> {
        self.text(v)
    }

    fn collect_str<T: fmt::Display + ?Sized>(self, value: &T) -> Out<'py> {
        // Instants, quantities and money arrive as `Display`: format them on
        // the stack instead of into a fresh `String`.
        let mut buf = TextBuf::new();
        fmt::Write::write_fmt(&mut buf, format_args!("{value}"))
            .map_err(|_| BuildError::Shape("a value failed to format".into()))?;
        self.text(buf.as_str())
    }

    fn serialize_bytes(self, v: &[u8]) -> Out<'py> {
        // serde_json writes bytes as an array of numbers.
        self.value(PyList::new(self.py, v)?.into_any())
    }

    fn serialize_none(self) -> Out<'py> {
        self.null()
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Out<'py> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Out<'py> {
        self.null()
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Out<'py> {
        self.null()
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Out<'py> {
        self.text(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Out<'py> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Out<'py> {
        let inner = value.serialize(self.with(&PLAIN))?;
        self.variant(variant, inner)
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<Seq<'a, 'py>, BuildError> {
        Seq::start(self, len, None)
    }

    fn serialize_tuple(self, len: usize) -> Result<Seq<'a, 'py>, BuildError> {
        Seq::start(self, Some(len), None)
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Seq<'a, 'py>, BuildError> {
        Seq::start(self, Some(len), None)
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Seq<'a, 'py>, BuildError> {
        Seq::start(self, Some(len), Some(variant))
    }

    fn serialize_map(self, len: Option<usize>) -> Result<Map<'a, 'py>, BuildError> {
        Map::start(self, len, None)
    }

    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Map<'a, 'py>, BuildError> {
        Map::start(self, Some(len), None)
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Map<'a, 'py>, BuildError> {
        Map::start(self, Some(len), Some(variant))
    }
}
