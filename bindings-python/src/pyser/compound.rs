//! Sequences, maps and records: the compound halves of the serializer.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};
use serde::ser::{self, Serialize};
use std::sync::Arc;

use super::key::{MapKey, MapKeySerializer};
use super::record::Filling;
use super::{mismatch, Build, BuildError, Out, PLAIN};
use crate::shape::Node;

/// What a sequence becomes.
enum SeqKind<'a> {
    /// A list of plain values (then the outer node's converter, if any).
    List,
    /// A tuple of one shape.
    Tuple(&'a Node),
    /// A tuple with a shape per position.
    Fixed(&'a [Arc<Node>]),
}

/// A sequence being built.
pub(crate) struct Seq<'a, 'py> {
    outer: Build<'a, 'py>,
    kind: SeqKind<'a>,
    items: Vec<Bound<'py, PyAny>>,
    /// The variant of a tuple variant: the list is wrapped as `{variant: [...]}`.
    variant: Option<&'static str>,
}

impl<'a, 'py> Seq<'a, 'py> {
    pub(super) fn start(
        outer: Build<'a, 'py>,
        len: Option<usize>,
        variant: Option<&'static str>,
    ) -> Result<Self, BuildError> {
        let kind = match (variant, outer.present()) {
            (None, Node::Tuple(item)) => SeqKind::Tuple(item),
            (None, Node::Fixed(parts)) => SeqKind::Fixed(parts),
            (_, Node::Plain | Node::Json | Node::Call(_)) => SeqKind::List,
            (_, other) => return Err(mismatch(other, "a sequence")),
        };
        Ok(Seq {
            outer,
            kind,
            items: Vec::with_capacity(len.unwrap_or(0)),
            variant,
        })
    }

    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), BuildError> {
        let node: &Node = match self.kind {
            SeqKind::List => &PLAIN,
            SeqKind::Tuple(item) => item,
            SeqKind::Fixed(parts) => parts.get(self.items.len()).map_or(&PLAIN, |p| p),
        };
        self.items.push(value.serialize(self.outer.with(node))?);
        Ok(())
    }

    fn finish(self) -> Out<'py> {
        let py = self.outer.py;
        match self.kind {
            SeqKind::List => {
                let list = PyList::new(py, self.items)?.into_any();
                match self.variant {
                    Some(variant) => self.outer.variant(variant, list),
                    None => self.outer.value(list),
                }
            }
            SeqKind::Tuple(_) | SeqKind::Fixed(_) => Ok(PyTuple::new(py, self.items)?.into_any()),
        }
    }
}

impl<'py> ser::SerializeSeq for Seq<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = BuildError;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), BuildError> {
        self.push(value)
    }

    fn end(self) -> Out<'py> {
        self.finish()
    }
}

impl<'py> ser::SerializeTuple for Seq<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = BuildError;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), BuildError> {
        self.push(value)
    }

    fn end(self) -> Out<'py> {
        self.finish()
    }
}

impl<'py> ser::SerializeTupleStruct for Seq<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = BuildError;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), BuildError> {
        self.push(value)
    }

    fn end(self) -> Out<'py> {
        self.finish()
    }
}

impl<'py> ser::SerializeTupleVariant for Seq<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = BuildError;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), BuildError> {
        self.push(value)
    }

    fn end(self) -> Out<'py> {
        self.finish()
    }
}

/// What a map or struct becomes.
enum MapKind<'a, 'py> {
    /// A dict of plain values, keys as JSON text (then the outer converter).
    Plain(Bound<'py, PyDict>),
    /// A dict with typed keys and values.
    Typed {
        dict: Bound<'py, PyDict>,
        int_keys: bool,
        key: &'a Node,
        value: &'a Node,
    },
    /// A record, filled as its fields arrive.
    Record(Filling<'a, 'py>),
}

/// The key of the entry whose value comes next (`SerializeMap`).
enum Pending<'py> {
    None,
    Key(Bound<'py, PyAny>),
    Field(usize),
    Skip,
}

/// A map, struct or record being built.
pub(crate) struct Map<'a, 'py> {
    outer: Build<'a, 'py>,
    kind: MapKind<'a, 'py>,
    pending: Pending<'py>,
    /// The variant of a struct variant: wrapped as `{variant: {...}}`.
    variant: Option<&'static str>,
}

impl<'a, 'py> Map<'a, 'py> {
    pub(super) fn start(
        outer: Build<'a, 'py>,
        _len: Option<usize>,
        variant: Option<&'static str>,
    ) -> Result<Self, BuildError> {
        let py = outer.py;
        let kind = match (variant, outer.present()) {
            (None, Node::Record(record)) => MapKind::Record(Filling::start(py, record)?),
            (
                None,
                Node::Mapping {
                    int_keys,
                    key,
                    value,
                },
            ) => MapKind::Typed {
                dict: PyDict::new(py),
                int_keys: *int_keys,
                key,
                value,
            },
            (_, Node::Plain | Node::Json | Node::Call(_)) => MapKind::Plain(PyDict::new(py)),
            (_, other) => return Err(mismatch(other, "a map")),
        };
        Ok(Map {
            outer,
            kind,
            pending: Pending::None,
            variant,
        })
    }

    /// A field of a struct (or an entry whose key is text).
    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), BuildError> {
        let outer = self.outer;
        match &mut self.kind {
            MapKind::Plain(dict) => {
                dict.set_item(key, value.serialize(outer.with(&PLAIN))?)?;
            }
            MapKind::Typed {
                dict,
                int_keys,
                key: key_node,
                value: value_node,
            } => {
                let k = typed_key(outer, MapKey::Str(key.to_string()), *int_keys, key_node)?;
                dict.set_item(k, value.serialize(outer.with(value_node))?)?;
            }
            MapKind::Record(fill) => {
                if let Some(i) = fill.find(key) {
                    let node = fill.node(i)?;
                    fill.set(i, value.serialize(outer.with(node))?)?;
                }
            }
        }
        Ok(())
    }

    fn finish(self) -> Out<'py> {
        match self.kind {
            MapKind::Plain(dict) => match self.variant {
                Some(variant) => self.outer.variant(variant, dict.into_any()),
                None => self.outer.value(dict.into_any()),
            },
            MapKind::Typed { dict, .. } => Ok(dict.into_any()),
            MapKind::Record(fill) => fill.finish(),
        }
    }
}

/// The dict key of a typed mapping: an int for int keys (JSON would have
/// written it as text), else its text; then the key's converter.
fn typed_key<'a, 'py>(
    outer: Build<'a, 'py>,
    key: MapKey,
    int_keys: bool,
    node: &'a Node,
) -> Out<'py> {
    let py = outer.py;
    let plain = if int_keys {
        key.int()?.into_pyobject(py)?.into_any()
    } else {
        PyString::new(py, &key.text()).into_any()
    };
    outer.with(node).value(plain)
}

impl<'py> ser::SerializeMap for Map<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = BuildError;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), BuildError> {
        let key = key.serialize(MapKeySerializer)?;
        self.pending = match &self.kind {
            MapKind::Plain(_) => Pending::Key(PyString::new(self.outer.py, &key.text()).into_any()),
            MapKind::Typed {
                int_keys,
                key: node,
                ..
            } => Pending::Key(typed_key(self.outer, key, *int_keys, node)?),
            MapKind::Record(fill) => match fill.find(&key.text()) {
                Some(i) => Pending::Field(i),
                None => Pending::Skip,
            },
        };
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), BuildError> {
        let outer = self.outer;
        match (
            std::mem::replace(&mut self.pending, Pending::None),
            &mut self.kind,
        ) {
            (Pending::Key(k), MapKind::Plain(dict)) => {
                dict.set_item(k, value.serialize(outer.with(&PLAIN))?)?;
            }
            (
                Pending::Key(k),
                MapKind::Typed {
                    dict, value: node, ..
                },
            ) => {
                dict.set_item(k, value.serialize(outer.with(node))?)?;
            }
            (Pending::Field(i), MapKind::Record(fill)) => {
                let node = fill.node(i)?;
                fill.set(i, value.serialize(outer.with(node))?)?;
            }
            (Pending::Skip, _) => {}
            _ => return Err(BuildError::Shape("a map value without its key".into())),
        }
        Ok(())
    }

    fn end(self) -> Out<'py> {
        self.finish()
    }
}

impl<'py> ser::SerializeStruct for Map<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = BuildError;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), BuildError> {
        self.field(key, value)
    }

    fn end(self) -> Out<'py> {
        self.finish()
    }
}

impl<'py> ser::SerializeStructVariant for Map<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = BuildError;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), BuildError> {
        self.field(key, value)
    }

    fn end(self) -> Out<'py> {
        self.finish()
    }
}
