//! Record instances: made without `__init__`, fields put in `__dict__`.

use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyType};

use super::{memo, Build, BuildError, Out};
use crate::shape::{Node, Record, TextPair};

/// `object.__new__`, which makes a record without running its `__init__`.
static OBJECT_NEW: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// A fresh instance of `cls` and its (empty) `__dict__`. Frozen dataclasses
/// refuse `setattr`, and their `__init__` would only re-check values that
/// are exact already, so the fields go into the dict directly (as `copy`
/// and `pickle` do).
fn instance<'py>(
    py: Python<'py>,
    cls: &Py<PyType>,
) -> Result<(Bound<'py, PyAny>, Bound<'py, PyDict>), BuildError> {
    let new = OBJECT_NEW.get_or_try_init(py, || -> PyResult<Py<PyAny>> {
        Ok(py
            .import("builtins")?
            .getattr("object")?
            .getattr("__new__")?
            .unbind())
    })?;
    let object = new.bind(py).call1((cls.bind(py),))?;
    let dict = object
        .getattr(intern!(py, "__dict__"))?
        .cast_into::<PyDict>()?;
    Ok((object, dict))
}

/// A record being filled: the instance exists from the first field on and
/// each field lands in its `__dict__` as serde writes it.
pub(super) struct Filling<'a, 'py> {
    record: &'a Record,
    object: Bound<'py, PyAny>,
    dict: Bound<'py, PyDict>,
    /// Fields set so far, by index (the first 64; later ones are looked up).
    seen: u64,
    /// Where the next field is expected: serde writes fields in declaration
    /// order, so finding a field is usually one comparison.
    next: usize,
}

impl<'a, 'py> Filling<'a, 'py> {
    pub(super) fn start(py: Python<'py>, record: &'a Record) -> Result<Self, BuildError> {
        let (object, dict) = instance(py, &record.cls)?;
        Ok(Filling {
            record,
            object,
            dict,
            seen: 0,
            next: 0,
        })
    }

    /// The index of the field whose JSON key is `key`; `None` for a key the
    /// class does not know (a newer core), which is skipped.
    pub(super) fn find(&self, key: &str) -> Option<usize> {
        let fields = &self.record.fields;
        match fields.get(self.next) {
            Some(field) if field.key == key => Some(self.next),
            _ => fields.iter().position(|f| f.key == key),
        }
    }

    /// The shape of field `i`; for a field chosen by a sibling's tag, the
    /// shape that tag (already set: serde writes the tag first) names.
    pub(super) fn node(&self, i: usize) -> Result<&'a Node, BuildError> {
        let node: &'a Node = &self.record.fields[i].node;
        let Node::ByTag(by_tag) = node else {
            return Ok(node);
        };
        let py = self.dict.py();
        let tag = self.dict.get_item(by_tag.tag_attr.bind(py))?;
        let chosen = match tag {
            Some(tag) => match tag.cast::<pyo3::types::PyString>() {
                Ok(text) => by_tag.nodes.get(text.to_cow()?.as_ref()),
                Err(_) => None,
            },
            None => None,
        };
        Ok(chosen.unwrap_or(&by_tag.other))
    }

    pub(super) fn set(&mut self, i: usize, value: Bound<'py, PyAny>) -> Result<(), BuildError> {
        self.dict
            .set_item(self.record.fields[i].attr.bind(self.dict.py()), value)?;
        if i < 64 {
            self.seen |= 1 << i;
        }
        self.next = i + 1;
        Ok(())
    }

    /// The record; a field the core left out is built from null, as the
    /// JSON decoders did with `data.get(key)`.
    pub(super) fn finish(self) -> Out<'py> {
        let py = self.dict.py();
        for (i, field) in self.record.fields.iter().enumerate() {
            let attr = field.attr.bind(py);
            let missing = if i < 64 {
                self.seen & (1 << i) == 0
            } else {
                !self.dict.contains(attr)?
            };
            if missing {
                let node = &field.node;
                self.dict.set_item(attr, Build { py, node }.null()?)?;
            }
        }
        Ok(self.object)
    }
}

/// `Qty` / `Money` from `"<decimal> <word>"` (the core's canonical text).
pub(super) fn text_pair<'py>(py: Python<'py>, pair: &TextPair, text: &str) -> Out<'py> {
    let (number, word) = text.split_once(' ').unwrap_or((text, ""));
    let number = memo::convert(py, &pair.number, number)?;
    let (object, dict) = instance(py, &pair.cls)?;
    dict.set_item(pair.number_attr.bind(py), number)?;
    dict.set_item(pair.word_attr.bind(py), word)?;
    Ok(object)
}
