//! `Shape`: how to turn one result type of the engine into Python objects.
//!
//! The facade compiles a shape once per result type from the records' type
//! hints (`lotwise._codec.shape`) and passes it with every call; the native
//! side then builds the frozen dataclasses, `Decimal`s, dates and tuples
//! straight from the core's serde output ([`crate::pyser`]), with no JSON
//! text in between. Python stays the one owner of the record types: Rust
//! knows no class by name.

use std::collections::HashMap;
use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::{PyGenericAlias, PyString, PyType};
use serde::Serialize;

/// One node of a shape.
pub(crate) enum Node {
    /// JSON-like values (dict, list, str, int, float, bool, None), exactly
    /// what `json.loads` gives for the core's JSON.
    Plain,
    /// The core's serde JSON text itself, as a `str` (top level only): for
    /// schema tests and measurements.
    Json,
    /// `f(plain value)`: custom `_from_json` hooks.
    Call(Py<PyAny>),
    /// `f(scalar)` for a pure converter whose results are immutable
    /// (`Decimal`, `date.fromisoformat`): results are shared by text
    /// ([`crate::pyser::memo`]). A sequence or map does not fit.
    Memo(Py<PyAny>),
    /// An RFC 3339 instant: `fast(text)` when it ends in `Z` (the core's
    /// `DateTime<Utc>` always does), else `slow(text)`.
    Instant {
        fast: Option<Py<PyAny>>,
        slow: Py<PyAny>,
    },
    /// `None`, or the inner shape.
    Optional(Arc<Node>),
    /// A sequence as a tuple of the inner shape; a null is `()`.
    Tuple(Arc<Node>),
    /// A fixed-length sequence as a tuple, one shape per position.
    Fixed(Vec<Arc<Node>>),
    /// A map as a dict; keys are converted as JSON object keys would be.
    Mapping {
        int_keys: bool,
        key: Arc<Node>,
        value: Arc<Node>,
    },
    /// A record: an instance of `cls` filled field by field.
    Record(Record),
    /// `"<decimal> <word>"` text (`Qty`, `Money`) as an instance of `cls`.
    Text(TextPair),
    /// A record field whose shape depends on the value of an earlier field
    /// of the same record (an event's `data` on its `kind`): `nodes[tag]`,
    /// or `other` for a tag the binding does not know (a newer core).
    ByTag(ByTag),
}

/// The shapes of a field chosen by a sibling field's text.
pub(crate) struct ByTag {
    /// The attribute of the sibling field that holds the tag.
    pub tag_attr: Py<PyString>,
    pub nodes: HashMap<String, Arc<Node>>,
    pub other: Arc<Node>,
}

/// A record class and its fields in declaration order.
pub(crate) struct Record {
    pub cls: Py<PyType>,
    pub fields: Vec<Field>,
}

/// One field of a record: its key in the core's JSON, its Python attribute.
pub(crate) struct Field {
    pub key: String,
    pub attr: Py<PyString>,
    pub node: Arc<Node>,
}

/// A record read from `"<decimal> <word>"` text.
pub(crate) struct TextPair {
    pub cls: Py<PyType>,
    pub number_attr: Py<PyString>,
    pub word_attr: Py<PyString>,
    pub number: Py<PyAny>,
}

impl Node {
    /// What this node expects, for error messages.
    pub(crate) fn expects(&self) -> &'static str {
        match self {
            Node::Plain | Node::Json | Node::Call(_) | Node::Memo(_) => "a value",
            Node::Instant { .. } => "an instant",
            Node::Optional(_) => "an optional value",
            Node::Tuple(_) | Node::Fixed(_) => "a sequence",
            Node::Mapping { .. } => "a map",
            Node::Record(_) => "a record",
            Node::Text(_) => "'<decimal> <unit>' text",
            Node::ByTag(_) => "a value chosen by its tag",
        }
    }
}

/// `lotwise._native.Shape`: a compiled result shape (see the module docs).
/// Built only through its static constructors.
#[pyclass(frozen, module = "lotwise._native", name = "Shape")]
pub struct Shape {
    pub(crate) node: Arc<Node>,
}

impl Shape {
    /// The Python value of `value` in this shape.
    pub(crate) fn build<T: Serialize + ?Sized>(
        &self,
        py: Python<'_>,
        value: &T,
    ) -> PyResult<Py<PyAny>> {
        crate::pyser::build(py, &self.node, value).map(Bound::unbind)
    }

    fn of(node: Node) -> Shape {
        Shape {
            node: Arc::new(node),
        }
    }
}

fn nodes(shapes: Vec<Bound<'_, Shape>>) -> Vec<Arc<Node>> {
    shapes.iter().map(|s| s.get().node.clone()).collect()
}

#[pymethods]
impl Shape {
    /// JSON-like Python values, as `json.loads` gives them.
    #[staticmethod]
    fn plain() -> Shape {
        Shape::of(Node::Plain)
    }

    /// The core's JSON text as a `str`.
    #[staticmethod]
    fn json() -> Shape {
        Shape::of(Node::Json)
    }

    /// `convert(plain value)`.
    #[staticmethod]
    fn call(convert: Py<PyAny>) -> Shape {
        Shape::of(Node::Call(convert))
    }

    /// `convert(text)`, a pure converter with immutable results (`Decimal`,
    /// `date.fromisoformat`): equal texts may share one result object.
    #[staticmethod]
    fn memo(convert: Py<PyAny>) -> Shape {
        Shape::of(Node::Memo(convert))
    }

    /// An RFC 3339 instant: `fast(text)` for `...Z` text when given, else `slow(text)`.
    #[staticmethod]
    #[pyo3(signature = (slow, fast=None))]
    fn instant(slow: Py<PyAny>, fast: Option<Py<PyAny>>) -> Shape {
        Shape::of(Node::Instant { fast, slow })
    }

    /// `None` or `inner`.
    #[staticmethod]
    fn optional(inner: &Bound<'_, Shape>) -> Shape {
        Shape::of(Node::Optional(inner.get().node.clone()))
    }

    /// A tuple of `item`s (a missing or null sequence is `()`).
    #[staticmethod]
    fn tuple_of(item: &Bound<'_, Shape>) -> Shape {
        Shape::of(Node::Tuple(item.get().node.clone()))
    }

    /// A tuple with one shape per position.
    #[staticmethod]
    fn fixed(parts: Vec<Bound<'_, Shape>>) -> Shape {
        Shape::of(Node::Fixed(nodes(parts)))
    }

    /// A dict; `int_keys` when the keys are ints (JSON writes them as text).
    #[staticmethod]
    fn mapping(int_keys: bool, key: &Bound<'_, Shape>, value: &Bound<'_, Shape>) -> Shape {
        Shape::of(Node::Mapping {
            int_keys,
            key: key.get().node.clone(),
            value: value.get().node.clone(),
        })
    }

    /// Instances of `cls` (made with `object.__new__`, their `__dict__`
    /// filled), from `(json_key, attribute, shape)` per field in order. A
    /// field the core left out is built from null; keys the class does not
    /// know (a newer core) are skipped.
    #[staticmethod]
    fn record(
        cls: Bound<'_, PyType>,
        fields: Vec<(String, Bound<'_, PyString>, Bound<'_, Shape>)>,
    ) -> Shape {
        let fields = fields
            .into_iter()
            .map(|(key, attr, shape)| Field {
                key,
                attr: attr.unbind(),
                node: shape.get().node.clone(),
            })
            .collect();
        Shape::of(Node::Record(Record {
            cls: cls.unbind(),
            fields,
        }))
    }

    /// Instances of `cls` from `"<decimal> <word>"` text: `number(decimal)`
    /// in `number_attr`, the word in `word_attr`. `number` is a pure
    /// converter with immutable results, as for [`Shape::memo`].
    #[staticmethod]
    fn text(
        cls: Bound<'_, PyType>,
        number_attr: Bound<'_, PyString>,
        word_attr: Bound<'_, PyString>,
        number: Py<PyAny>,
    ) -> Shape {
        Shape::of(Node::Text(TextPair {
            cls: cls.unbind(),
            number_attr: number_attr.unbind(),
            word_attr: word_attr.unbind(),
            number,
        }))
    }

    /// For a record field whose shape depends on an earlier field's text
    /// (`tag_attr`, the attribute it is stored in): `shapes[text]`, else
    /// `other`.
    #[staticmethod]
    fn by_tag(
        tag_attr: Bound<'_, PyString>,
        shapes: HashMap<String, Bound<'_, Shape>>,
        other: &Bound<'_, Shape>,
    ) -> Shape {
        Shape::of(Node::ByTag(ByTag {
            tag_attr: tag_attr.unbind(),
            nodes: shapes
                .into_iter()
                .map(|(tag, shape)| (tag, shape.get().node.clone()))
                .collect(),
            other: other.get().node.clone(),
        }))
    }

    /// `Shape[T]` in annotations: the shape of a call returning `T`.
    #[classmethod]
    fn __class_getitem__<'py>(
        cls: &Bound<'py, PyType>,
        item: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyGenericAlias>> {
        PyGenericAlias::new(cls.py(), cls.as_any(), item)
    }

    fn __repr__(&self) -> String {
        format!("<lotwise._native.Shape of {}>", self.node.expects())
    }
}
