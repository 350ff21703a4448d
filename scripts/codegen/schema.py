"""Reads `schema/lotwise.v1.json` into a small model every emitter shares.

The schema is JSON Schema as schemars writes it from the core's Rust types.
Emitters for Python (today), TypeScript and UniFFI (next) do not read JSON
Schema themselves: they read the `Type` values below, which name the handful
of shapes the contract uses (see `schema/README.md`):

    Prim(name)      string, integer, boolean, decimal, qty, money, date,
                    instant, time, json (anything)
    Opt(inner)      absent or null
    Seq(inner)      an array
    Map(key, value) an object with arbitrary keys
    Ref(name)       a named definition in `$defs` (record, enum, tagged enum)
    Unit()          no value (`null`)

Stdlib only, Python 3.9+, so the generator runs wherever the tests run.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple, Union


@dataclass(frozen=True)
class Prim:
    name: str


@dataclass(frozen=True)
class Opt:
    inner: "Type"


@dataclass(frozen=True)
class Seq:
    inner: "Type"


@dataclass(frozen=True)
class Map:
    key: "Type"
    value: "Type"


@dataclass(frozen=True)
class Ref:
    name: str


@dataclass(frozen=True)
class Unit:
    pass


Type = Union[Prim, Opt, Seq, Map, Ref, Unit]


@dataclass
class Field:
    name: str
    type: Type
    doc: str
    required: bool


@dataclass
class ErrorCode:
    code: str
    category: str
    doc: str
    fields: List[Field]


@dataclass
class Operation:
    name: str
    kind: str
    doc: str
    input: Type
    output: Type


@dataclass
class Contract:
    version: int
    operations: List[Operation]
    errors: List[ErrorCode]
    defs: Dict[str, Any] = field(default_factory=dict)


class SchemaError(Exception):
    """A schema shape no emitter knows: extend `to_type` rather than guess."""


_FORMATS = {
    "decimal": "decimal",
    "qty": "qty",
    "money": "money",
    "date": "date",
    "date-time": "instant",
    "partial-time": "time",
}


def to_type(schema: Any, where: str) -> Type:
    """The model of one JSON Schema node."""
    if schema is True or schema == {}:
        return Prim("json")
    if not isinstance(schema, dict):
        raise SchemaError(f"{where}: unexpected schema {schema!r}")
    if "$ref" in schema:
        return Ref(schema["$ref"].rsplit("/", 1)[-1])
    if "anyOf" in schema:
        options = schema["anyOf"]
        non_null = [o for o in options if o.get("type") != "null"]
        if len(non_null) == 1 and len(options) == 2:
            return Opt(to_type(non_null[0], where))
        raise SchemaError(f"{where}: a union other than T | null: {schema}")
    kind = schema.get("type")
    if isinstance(kind, list):
        non_null = [k for k in kind if k != "null"]
        if "null" in kind and len(non_null) == 1:
            inner = dict(schema, type=non_null[0])
            return Opt(to_type(inner, where))
        raise SchemaError(f"{where}: a type list other than [T, null]: {kind}")
    if kind == "null":
        return Unit()
    if kind == "string":
        fmt = schema.get("format")
        return Prim(_FORMATS.get(fmt, "string")) if fmt else Prim("string")
    if kind == "integer":
        return Prim("integer")
    if kind == "number":
        # The contract has no floating-point numbers; a float would be a bug.
        raise SchemaError(f"{where}: a floating-point number in the contract")
    if kind == "boolean":
        return Prim("boolean")
    if kind == "array":
        items = schema.get("items")
        if items is None and "prefixItems" in schema:
            raise SchemaError(f"{where}: a tuple in the contract")
        return Seq(to_type(items, where + "[]"))
    if kind == "object":
        extra = schema.get("additionalProperties")
        if "properties" not in schema and extra not in (None, False):
            key = Prim("integer") if _integer_keys(schema) else Prim("string")
            return Map(key, to_type(extra, where + "{}"))
        if "properties" not in schema:
            return Prim("json")
    if "oneOf" in schema or "enum" in schema or "const" in schema:
        raise SchemaError(f"{where}: an anonymous enum; give it a name in Rust")
    raise SchemaError(f"{where}: unknown schema {schema}")


def _integer_keys(schema: Dict[str, Any]) -> bool:
    names = schema.get("propertyNames", {})
    pattern = names.get("pattern", "") if isinstance(names, dict) else ""
    return "\\d" in pattern or "[0-9]" in pattern


def fields_of(schema: Dict[str, Any], where: str) -> List[Field]:
    """The fields of an object schema, in declaration order."""
    required = set(schema.get("required", []))
    out = []
    for name, sub in schema.get("properties", {}).items():
        doc = sub.get("description", "") if isinstance(sub, dict) else ""
        out.append(Field(name, to_type(sub, f"{where}.{name}"), doc, name in required))
    return out


def load(path: Path) -> Contract:
    raw = json.loads(path.read_text(encoding="utf-8"))
    operations = [
        Operation(
            op["name"],
            op["kind"],
            op["doc"],
            to_type(op["input"], op["name"] + ".input"),
            to_type(op["output"], op["name"] + ".output"),
        )
        for op in raw["operations"]
    ]
    errors = []
    for e in raw["errors"]:
        fields = []
        required = set(e.get("required", []))
        for name, sub in e["fields"].items():
            fields.append(
                Field(name, to_type(sub, f"{e['code']}.{name}"), sub.get("description", ""), name in required)
            )
        errors.append(ErrorCode(e["code"], e["category"], e.get("doc") or "", fields))
    return Contract(raw["version"], operations, errors, raw.get("$defs", {}))


def first_line(doc: str) -> str:
    """A doc's first sentence line, for one-line docstrings."""
    for line in doc.strip().splitlines():
        if line.strip():
            return line.strip()
    return ""


def camel(snake: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in snake.split("_"))


def describe(t: Type) -> str:
    """A short human name of a type, for comments."""
    if isinstance(t, Prim):
        return t.name
    if isinstance(t, Opt):
        return describe(t.inner) + "?"
    if isinstance(t, Seq):
        return "[" + describe(t.inner) + "]"
    if isinstance(t, Map):
        return "{" + describe(t.key) + ": " + describe(t.value) + "}"
    if isinstance(t, Ref):
        return t.name
    return "null"


def referenced(t: Type) -> Tuple[str, ...]:
    """Names of the definitions a type refers to."""
    if isinstance(t, Ref):
        return (t.name,)
    if isinstance(t, (Opt, Seq)):
        return referenced(t.inner)
    if isinstance(t, Map):
        return referenced(t.key) + referenced(t.value)
    return ()


def optional_inner(t: Type) -> Optional[Type]:
    return t.inner if isinstance(t, Opt) else None
